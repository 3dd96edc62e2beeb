/** Opening the user's records for a command: config from flags and environment, then the store. */
import type { Command } from 'commander';
import { LOCAL_USER, type Store } from '../app/ports.js';
import type { AppDeps } from '../app/records.js';
import { loadConfig, type Config } from '../config.js';
import { readSnapshot, writeSnapshot } from '../store/agenda-snapshot.js';
import { pgliteDir } from '../store/location.js';
import type { CliIo } from './io.js';

interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** The configuration from the global flags and the environment. */
export function configOf(io: CliIo, command: Command): Config {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return loadConfig(
    { ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}) },
    io.env ?? {},
  );
}

/** Runs `fn` with the user's records open; closes them afterwards (unless the test owns them). */
export async function withApp<T>(io: CliIo, command: Command, fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  if (io.deps) {
    const injected = io.deps;
    return fn({ store: injected.store, time: injected.time, clock: { now: io.now }, userId: LOCAL_USER.id });
  }
  // Loaded here, not at the top: a command answered without the database never loads its code.
  const { createDeps } = await import('../deps.js');
  const config = configOf(io, command);
  const deps = await createDeps(config);
  try {
    const result = await fn({ store: deps.store, time: deps.time, clock: { now: io.now }, userId: LOCAL_USER.id });
    if (config.database.kind === 'pglite') await keepReadModel(pgliteDir(config.dataDir), deps.store, io.now());
    return result;
  } finally {
    await deps.store.close();
  }
}

const DAY_MS = 86_400_000;
/** How far ahead the agenda's read model reaches when written: `week` can use it for a week, `today` for two. */
export const READ_MODEL_DAYS = 16;

/**
 * After a command on the embedded database: writes the agenda's read model if a write dropped it,
 * there was none, or it no longer reaches far enough, while the database is open anyway, so the
 * next `today` need not open it. Only a cache: failing to write it fails nothing.
 */
async function keepReadModel(dir: string, store: Store, now: number): Promise<void> {
  // Kept when there and reaching far enough for `week` (see readAgenda in commands/agenda.ts).
  if (readSnapshot(dir, LOCAL_USER.id, now + 9 * DAY_MS)) return;
  try {
    await writeSnapshot(dir, store, LOCAL_USER.id, now + READ_MODEL_DAYS * DAY_MS);
  } catch {
    // The next command that opens the database tries again.
  }
}

/** Writes JSON for scripts. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
