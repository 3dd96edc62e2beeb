/** The embedded database: PGlite (PostgreSQL in wasm) in a directory, or in memory for tests. */
import { statfs } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { AppError } from '../app/errors.js';
import { invalidateSnapshot } from './agenda-snapshot.js';
import { lockDataDir, type DataDirLock, type Takeover } from './data-lock.js';
import { faultError, isFatal, MIN_FREE_BYTES, storageFault } from './db-errors.js';
import { DrizzleStore, type CopyRows } from './drizzle-store.js';
import { MIGRATIONS_SCHEMA, migrationsFolder, NEWEST_APPLIED_SQL, upToDate } from './migrations-folder.js';

// PostgreSQL zeroes its shared memory at each start (128 MB by default: ≈ 0.3 s in wasm); 16 MB hold a large record's working set.
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export interface PgliteStoreOptions {
  /** The directory of the database files (created if missing); in memory when absent. */
  readonly dir?: string;
  /** Start from a dump made by `PgliteStore.dump()` instead of running initdb (≈ 0.5 s instead of ≈ 4 s). */
  readonly loadDataDir?: Blob;
  /** PGlite extensions to load (doctor loads amcheck). */
  readonly extensions?: Extensions;
  /** Told when a stale lock (its process gone) is taken over. */
  readonly onTakeover?: (takeover: Takeover) => void;
  /** Before pending migrations run on a database that has some already: saves a copy (a tarball of the folder). */
  readonly beforeMigration?: (dump: () => Promise<Blob>) => Promise<void>;
  /** Free space to insist on before opening a directory; default MIN_FREE_BYTES. */
  readonly minFreeBytes?: number;
}

export interface OpenTimings {
  /** Milliseconds to open (initdb on a new directory) and to apply pending migrations. */
  readonly open: number;
  readonly migrate: number;
}

/**
 * After a PANIC (a full disk while writing the write-ahead log) the wasm PostgreSQL is left
 * half-stopped and the next statement spins forever, even `select 1` or the ROLLBACK that PGlite's
 * own `transaction` sends. So the first fatal error is remembered and every later statement fails
 * with it at once; only `close()` still runs (it does not go through here). The files are as
 * PostgreSQL last synced them: the next open recovers them from the log, without the failed write.
 */
function guardFatal(client: PGlite, folder: string | undefined): void {
  const run = client.execProtocolStream.bind(client);
  let fatal: unknown;
  client.execProtocolStream = async (message, options) => {
    if (fatal !== undefined) throw fatal;
    try {
      return await run(message, options);
    } catch (error) {
      if (isFatal(error)) {
        const fault = storageFault(error, folder);
        fatal = fault ? faultError(fault, error) : new AppError({ reason: 'storage.stopped' }, { cause: error });
      }
      throw error;
    }
  };
}

/** Refuses to open when the data folder's disk has less than `min` bytes free (PGlite hangs when a write finds none). */
async function requireFreeSpace(dir: string, min: number): Promise<void> {
  let free: number;
  try {
    const stats = await statfs(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return; // A system that cannot tell: the write's own error will say it.
  }
  if (free < min) throw faultError({ kind: 'disk_full', folder: dirname(dir), neededBytes: min, freeBytes: free });
}

/**
 * COPY from PGlite's `/dev/blob`, the data handed over with the statement. The statement must go
 * through the PGlite object drizzle runs on (the transaction's, inside one: PGlite itself waits for
 * the transaction to end), which drizzle keeps as its session's client.
 */
const copyRows: CopyRows = async (q, statement, text) => {
  const client: unknown = Reflect.get(q._.session, 'client');
  const query: unknown = typeof client === 'object' && client !== null ? Reflect.get(client, 'query') : undefined;
  if (typeof query !== 'function') return false;
  await (query as PGlite['query']).call(client, statement, [], { blob: new Blob([text]) });
  return true;
};

export class PgliteStore extends DrizzleStore {
  readonly timings: OpenTimings;
  private readonly client: PGlite;

  constructor(client: PGlite, timings: OpenTimings, dir?: string, lock?: DataDirLock) {
    super({
      db: drizzle({ client }),
      copyRows,
      checkBulkKeys: true,
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
      ...(dir !== undefined ? { beforeWrite: () => invalidateSnapshot(dir), folder: dirname(dir) } : {}),
    });
    this.client = client;
    this.timings = timings;
  }

  /** A tarball of the whole database, for `loadDataDir` (tests clone a migrated database this way). */
  dump(): Promise<Blob> {
    return this.client.dumpDataDir('none');
  }

  /** The PGlite client, for the database's own checks (doctor). */
  get pglite(): PGlite {
    return this.client;
  }
}

export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
  const started = performance.now();
  const folder = options.dir !== undefined ? dirname(options.dir) : undefined;
  // PGlite does not create parent folders.
  if (options.dir !== undefined) {
    try {
      await mkdir(options.dir, { recursive: true });
    } catch (error) {
      const fault = storageFault(error, folder);
      throw fault ? faultError(fault, error) : error;
    }
    await requireFreeSpace(options.dir, options.minFreeBytes ?? MIN_FREE_BYTES);
  }
  // Before PGlite reads a file: another process's database in memory is newer than the files.
  let lock: DataDirLock | undefined;
  try {
    lock = options.dir !== undefined ? await lockDataDir(options.dir, options.onTakeover ? { onTakeover: options.onTakeover } : {}) : undefined;
  } catch (error) {
    const fault = storageFault(error, folder);
    throw fault ? faultError(fault, error) : error;
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dir !== undefined ? { dataDir: options.dir } : {}),
      ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
      ...(options.extensions !== undefined ? { extensions: options.extensions } : {}),
      startParams: START_PARAMS,
    });
  } catch (error) {
    lock?.release();
    const fault = storageFault(error, folder);
    if (fault) throw faultError(fault, error);
    // A folder PostgreSQL cannot start on (a damaged control file or catalog) is damaged data too.
    if (options.dir !== undefined) throw faultError({ kind: 'damaged', ...(folder !== undefined ? { folder } : {}) }, error);
    throw error;
  }
  guardFatal(client, folder);
  const opened = performance.now();
  try {
    const migrations = migrationsFolder();
    let newest: string | null | undefined;
    const current = await upToDate(migrations, async () => {
      newest = (await client.query<{ newest: string | null }>(NEWEST_APPLIED_SQL)).rows[0]?.newest;
      return newest;
    });
    if (!current) {
      // A database that had migrations before holds the user's records: keep a copy first.
      if (newest !== undefined && newest !== null && options.beforeMigration) await options.beforeMigration(() => client.dumpDataDir('gzip'));
      if (options.dir !== undefined) invalidateSnapshot(options.dir);
      await migrate(drizzle({ client }), { migrationsFolder: migrations, migrationsSchema: MIGRATIONS_SCHEMA });
    }
  } catch (error) {
    await client.close();
    lock?.release();
    const fault = storageFault(error, folder);
    throw fault ? faultError(fault, error) : error;
  }
  return new PgliteStore(client, { open: opened - started, migrate: performance.now() - opened }, options.dir, lock);
}
