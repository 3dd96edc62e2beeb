/**
 * The agenda's read model on an embedded database: what `today` and `week` read (the profile, the
 * application summaries, and every application due before a horizon), kept as one JSON file in
 * the database folder so that those commands need not start PostgreSQL-in-wasm (most of their
 * time). It holds records, never a plan: the agenda is planned at the moment it is asked for.
 *
 * Valid while the database is unchanged: every write transaction of the embedded store deletes
 * the file before it begins (PgliteStore's `beforeWrite`), migrations too, so a crash can only
 * leave no file. A missing, unreadable, foreign or too-short file is a miss: the command opens
 * the database and writes a new one. This module loads no database code.
 */
import { closeSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AgendaReads, AgendaRecords, AgendaSource, Store, UserId } from '../app/ports.js';
import type { Settings } from '../core/model.js';
import type { EpochMs } from '../core/time.js';
import { lockState } from './data-lock.js';

export const SNAPSHOT_FILE = 'agenda-snapshot.json';
const FORMAT = 'afterword-agenda-snapshot';
/** Bump when the shape of the records changes (a migration that changes the model). */
const VERSION = 3;

interface Snapshot extends AgendaRecords {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly userId: UserId;
  /** Every application due strictly before this instant is in `due` (and `dueItems`, in the store's order). */
  readonly horizon: EpochMs;
  readonly settings: Settings;
}

/** The file in the embedded database's folder (deleted with it). */
export function snapshotPath(databaseDir: string): string {
  return join(databaseDir, SNAPSHOT_FILE);
}

/** Deletes the read model; nothing to do when there is none. */
export function invalidateSnapshot(databaseDir: string): void {
  try {
    unlinkSync(snapshotPath(databaseDir));
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* already gone */ }
}

/**
 * Deletes temporary files other processes left (killed while writing one). Only a process holding
 * the database lock writes the read model, so any temporary file not this process's is left over.
 */
function removeLeftovers(databaseDir: string): void {
  let names: string[];
  try {
    names = readdirSync(databaseDir);
  } catch {
    return;
  }
  const mine = `${SNAPSHOT_FILE}.${process.pid}.tmp`;
  for (const name of names) {
    if (name !== mine && name.startsWith(`${SNAPSHOT_FILE}.`) && name.endsWith('.tmp')) removeQuietly(join(databaseDir, name));
  }
}

/**
 * Writes the read model of `userId` from the store: applications due before `horizon`. Written to
 * a temporary file and renamed, so a reader never sees half of one; a write that fails (a full
 * disk) leaves no temporary file behind. The summaries are read and written `pageSize` at a time
 * (the same bytes as the whole document at once): 100,000 of them in one value held ≈ 180 MB more
 * at the end of a large import. The caller holds the database lock.
 */
export async function writeSnapshot(databaseDir: string, store: Store, userId: UserId, horizon: EpochMs, pageSize?: number): Promise<void> {
  removeLeftovers(databaseDir);
  const path = snapshotPath(databaseDir);
  const temporary = `${path}.${process.pid}.tmp`;
  let fd: number | undefined;
  let rest = '';
  let first = true;
  try {
    await store.agendaPaged(userId, horizon, {
      head: (records) => {
        const { settings, candidate, dueItems, due, offerDeadlines } = records;
        if (!settings) return;
        // The keys in the order of `{ format, version, userId, horizon, ...records, settings }`.
        const start = JSON.stringify({ format: FORMAT, version: VERSION, userId, horizon, settings, candidate });
        rest = `],${JSON.stringify({ dueItems, due, offerDeadlines }).slice(1)}`;
        fd = openSync(temporary, 'w');
        writeSync(fd, `${start.slice(0, -1)},"summaries":[`);
      },
      summaries: (text) => {
        if (fd === undefined) return;
        writeSync(fd, first ? text : `,${text}`);
        first = false;
      },
    }, pageSize);
    if (fd === undefined) return;
    writeSync(fd, rest);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temporary);
    throw error;
  }
}

function isSnapshot(value: unknown, userId: UserId): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Snapshot>;
  return v.format === FORMAT && v.version === VERSION && v.userId === userId && typeof v.horizon === 'number'
    && typeof v.settings === 'object' && typeof v.candidate === 'object' && Array.isArray(v.summaries) && Array.isArray(v.dueItems)
    && Array.isArray(v.due) && v.due.length === v.dueItems.length && Array.isArray(v.offerDeadlines);
}

/**
 * The read model as the reads the agenda makes, when it exists and covers everything due before
 * `until`; undefined otherwise (the caller then reads the database).
 */
export function readSnapshot(databaseDir: string, userId: UserId, until: EpochMs): AgendaReads | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(snapshotPath(databaseDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isSnapshot(value, userId) || value.horizon < until) return undefined;
  const snapshot = value;
  return {
    agendaRecords: async (id, before) => {
      if (id !== userId) throw new Error(`the agenda's read model holds user "${userId}", not "${id}"`);
      if (before > snapshot.horizon) throw new Error('the read model does not reach that far');
      let n = 0;
      while (n < snapshot.dueItems.length && (snapshot.dueItems[n]?.at ?? Infinity) < before) n++;
      const { settings, candidate, summaries, offerDeadlines } = snapshot;
      return { settings, candidate, summaries, dueItems: snapshot.dueItems.slice(0, n), due: snapshot.due.slice(0, n), offerDeadlines };
    },
  };
}

/** What `keepSnapshotFresh` needs of the store: its reads, and word of its writes. */
export interface WatchedStore extends Store {
  readonly writesBegun: number;
  onWritten(listener: () => void): () => void;
}

/**
 * While `afterword serve` runs on the embedded database, whoever writes keeps the read model fresh:
 * a moment after each write (`delayMs`, so a burst writes it once), the server writes it again, and
 * `today` in a terminal reads it without opening the database. A write that began while it was
 * being written makes it stale: it is dropped and written again. Returns the function that stops.
 */
export function keepSnapshotFresh(databaseDir: string, store: WatchedStore, userId: UserId, horizon: () => EpochMs, delayMs = 250): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    timer = undefined;
    if (running) { again = true; return; }
    running = true;
    try {
      const begun = store.writesBegun;
      await writeSnapshot(databaseDir, store, userId, horizon());
      // A write began meanwhile: what was read may be from before it.
      if (store.writesBegun !== begun) { invalidateSnapshot(databaseDir); again = true; }
    } catch {
      // Only a cache: the next command that opens the database writes it.
    } finally {
      running = false;
      if (again && !stopped) { again = false; schedule(); }
    }
  };
  const schedule = (): void => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => { void run(); }, delayMs);
    timer.unref();
  };
  const unsubscribe = store.onWritten(schedule);
  schedule();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}


function isWatched(store: Store): store is WatchedStore {
  const s = store as Partial<WatchedStore>;
  return typeof s.writesBegun === 'number' && typeof s.onWritten === 'function';
}

/** How long `read` waits for a running server to write the read model again. */
const SERVE_WAIT_MS = 3_000;

/** True when `afterword serve` on this machine holds the database in `dir`. */
function servedBy(dir: string): boolean {
  const lock = lockState(dir);
  return lock.state === 'held' && lock.proven && lock.host === hostname() && /\bserve\b/.test(lock.command);
}

/** The `AgendaSource` of the embedded database in `databaseDir`, for `userId` (deps.ts builds it). */
export function snapshotAgendaSource(databaseDir: string, userId: UserId): AgendaSource {
  return {
    async read(until) {
      let reads = readSnapshot(databaseDir, userId, until);
      // `afterword serve` holds the database and writes the read model again a moment after each
      // write of the web app (keepFresh): wait for it rather than be refused the database.
      for (let waited = 0; !reads && waited < SERVE_WAIT_MS && servedBy(databaseDir); waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        reads = readSnapshot(databaseDir, userId, until);
      }
      return reads;
    },
    async keep(store, until, horizon) {
      if (readSnapshot(databaseDir, userId, until)) return;
      try {
        await writeSnapshot(databaseDir, store, userId, horizon);
      } catch {
        // The next command that opens the database tries again.
      }
    },
    keepFresh(store, horizon) {
      return isWatched(store) ? keepSnapshotFresh(databaseDir, store, userId, horizon) : () => {};
    },
  };
}
