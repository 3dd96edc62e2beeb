/**
 * The composition root: real dependencies from a resolved `Config`. Plain functions, no container.
 * The CLI and the server reach storage only through here (lint: their zones leave out store/).
 * Loading this module loads no database code and no calendar (Temporal, holidays): they load when a
 * store is opened.
 */
import { LOCAL_USER, type AgendaSource, type Clock, type DataFolder, type Store, type UserId } from './app/ports.js';
import type { Config } from './config.js';
import type { TimeRules } from './core/time.js';
import { snapshotAgendaSource } from './store/agenda-snapshot.js';
import { embeddedDataFolder } from './store/data-folder.js';
import { takeoverWords } from './store/data-lock.js';
import { pgliteDir } from './store/location.js';

export interface Deps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
}

export interface DepsOptions {
  /** Told, in words, when the embedded database's lock, left by a process that is gone, is taken over. */
  readonly onTakeover?: (words: string) => void;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Opens the store (creating and migrating the database if needed) with the local user in it. Close `store` when done. */
export async function createDeps(config: Config, options: DepsOptions = {}): Promise<Deps> {
  const { openStore } = await import('./store/open.js');
  const { onTakeover } = options;
  const store = await openStore(config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url, ...(config.database.directUrl !== undefined ? { directUrl: config.database.directUrl } : {}) }
    : { kind: 'pglite', dataDir: config.database.dataDir },
  onTakeover ? { onTakeover: (t) => onTakeover(takeoverWords(config.dataDir, t)) } : {});
  try {
    await store.ensureUser(LOCAL_USER);
  } catch (error) {
    await store.close();
    throw error;
  }
  // Temporal and the holiday tables load here, not with this module (the CLI's error edge imports it).
  const { createTimeRules } = await import('./core/time.js');
  return { store, time: createTimeRules(), clock: systemClock };
}

/** The read model of `today` and `week` for `userId`, beside the embedded database; none on PostgreSQL. Opens nothing. */
export function createAgendaSource(config: Config, userId: UserId = LOCAL_USER.id): AgendaSource | undefined {
  return config.database.kind === 'pglite' ? snapshotAgendaSource(pgliteDir(config.database.dataDir), userId) : undefined;
}

/** The embedded database's folder (its lock, creating, checking, setting aside, replacing); none on PostgreSQL. Opens nothing. */
export function createDataFolder(config: Config): DataFolder | undefined {
  return config.database.kind === 'pglite' ? embeddedDataFolder(config.database.dataDir) : undefined;
}

// How the edges read an error the store let through (store/db-errors.ts), without knowing the store:
// a full disk or damaged data, the database's own code and words, a server that cannot be reached.
export { databaseUnreachable, faultError, MIN_FREE_BYTES, pgError, storageFault } from './store/db-errors.js';
