/** Opening the user's records for a command: config from flags and environment, then the store. */
import type { Command } from 'commander';
import { LOCAL_USER, type AgendaSource, type Store } from '../app/ports.js';
import type { AppDeps } from '../app/records.js';
import { loadConfig, type Config } from '../config.js';
import type { CliIo } from './io.js';

interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  directDatabaseUrl?: string;
}

/** The configuration from the global flags and the environment. */
export function configOf(io: CliIo, command: Command): Config {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return loadConfig(
    { ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
      ...(opts.directDatabaseUrl !== undefined ? { directDatabaseUrl: opts.directDatabaseUrl } : {}) },
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
  const { createAgendaSource, createDataFolder, createDeps } = await import('../deps.js');
  const config = configOf(io, command);
  // The first command on a new machine creates the database: seconds of silence otherwise.
  const folder = createDataFolder(config);
  if (io.interactive && folder && !folder.created()) {
    io.stderr(`Creating your database in ${config.dataDir} (only the first time takes a few seconds)…\n`);
  }
  const deps = await createDeps(config, { onTakeover: (words) => io.stderr(`afterword: ${words}\n`) });
  try {
    const result = await fn({ store: deps.store, time: deps.time, clock: { now: io.now }, userId: LOCAL_USER.id });
    if (config.database.kind === 'pglite') {
      await keepReadModel(createAgendaSource(config), deps.store, io.now());
      await keepDailyBackup(io, config.dataDir, deps.store);
    }
    return result;
  } finally {
    await deps.store.close();
  }
}

/**
 * After a command on the embedded database: the day's backup in the data folder's backups/, when
 * none was written today. A backup that cannot be written fails nothing, but says so.
 */
export async function keepDailyBackup(io: CliIo, dataDir: string, store: Store): Promise<void> {
  const { dailyBackupDue, writeBackupFile } = await import('../app/backups.js');
  const now = io.now();
  if (!dailyBackupDue(dataDir, now)) return;
  try {
    await writeBackupFile(dataDir, 'daily', { store, userId: LOCAL_USER.id }, now);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    io.stderr(`afterword: warning: today's backup could not be written in ${dataDir}/backups${code === 'ENOSPC' ? ' (the disk is full)' : code ? ` (${code})` : ''}; your records are saved, and "afterword doctor" checks the rest.\n`);
  }
}

/** Before an import or a restore on the embedded database: a backup of the records as they are. */
export async function backupBefore(io: CliIo, command: Command, deps: { store: Store }, reason: 'before-import' | 'before-restore'): Promise<void> {
  if (io.deps) return; // Tests' injected stores have no data folder.
  const config = configOf(io, command);
  if (config.database.kind !== 'pglite') return;
  const { writeBackupFile } = await import('../app/backups.js');
  const { faultError, storageFault } = await import('../deps.js');
  try {
    // A page of applications at a time: a large record is never held whole (nor its text).
    await writeBackupFile(config.dataDir, reason, { store: deps.store, userId: LOCAL_USER.id }, io.now());
  } catch (error) {
    // Nothing is changed without the backup before it: a full disk stops here.
    const fault = storageFault(error, config.dataDir);
    throw fault ? faultError(fault, error) : error;
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
async function keepReadModel(source: AgendaSource | undefined, store: Store, now: number): Promise<void> {
  // Kept when there and reaching far enough for `week` (see readAgenda in commands/agenda.ts).
  await source?.keep(store, now + 9 * DAY_MS, now + READ_MODEL_DAYS * DAY_MS);
}

/** Writes JSON for scripts. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
