/** Opening the user's records for a command: config from flags and environment, then the store. */
import type { Command } from 'commander';
import { LOCAL_USER } from '../app/ports.js';
import type { AppDeps } from '../app/records.js';
import { loadConfig } from '../config.js';
import { createDeps } from '../deps.js';
import type { CliIo } from './io.js';

interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** Runs `fn` with the user's records open; closes them afterwards (unless the test owns them). */
export async function withApp<T>(io: CliIo, command: Command, fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  if (io.deps) {
    const injected = io.deps;
    return fn({ store: injected.store, time: injected.time, clock: { now: io.now }, userId: LOCAL_USER.id });
  }
  const opts = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(
    { ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}) },
    io.env ?? {},
  );
  const deps = await createDeps(config);
  try {
    return await fn({ store: deps.store, time: deps.time, clock: { now: io.now }, userId: LOCAL_USER.id });
  } finally {
    await deps.store.close();
  }
}

/** Writes JSON for scripts. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
