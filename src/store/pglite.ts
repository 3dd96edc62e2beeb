/** The embedded database: PGlite (PostgreSQL in wasm) in a directory, or in memory for tests. */
import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { invalidateSnapshot } from './agenda-snapshot.js';
import { lockDataDir, type DataDirLock } from './data-lock.js';
import { DrizzleStore } from './drizzle-store.js';
import { MIGRATIONS_SCHEMA, migrationsFolder, NEWEST_APPLIED_SQL, upToDate } from './migrations-folder.js';

// PostgreSQL zeroes its shared memory at each start (128 MB by default: ≈ 0.3 s in wasm); 16 MB hold a large record's working set.
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export interface PgliteStoreOptions {
  /** The directory of the database files (created if missing); in memory when absent. */
  readonly dir?: string;
  /** Start from a dump made by `PgliteStore.dump()` instead of running initdb (≈ 0.5 s instead of ≈ 4 s). */
  readonly loadDataDir?: Blob;
}

export interface OpenTimings {
  /** Milliseconds to open (initdb on a new directory) and to apply pending migrations. */
  readonly open: number;
  readonly migrate: number;
}

export class PgliteStore extends DrizzleStore {
  readonly timings: OpenTimings;
  private readonly client: PGlite;

  constructor(client: PGlite, timings: OpenTimings, dir?: string, lock?: DataDirLock) {
    super({
      db: drizzle({ client }),
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
      ...(dir !== undefined ? { beforeWrite: () => invalidateSnapshot(dir) } : {}),
    });
    this.client = client;
    this.timings = timings;
  }

  /** A tarball of the whole database, for `loadDataDir` (tests clone a migrated database this way). */
  dump(): Promise<Blob> {
    return this.client.dumpDataDir('none');
  }
}

export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
  const started = performance.now();
  // PGlite does not create parent folders.
  if (options.dir !== undefined) await mkdir(options.dir, { recursive: true });
  // Before PGlite reads a file: another process's database in memory is newer than the files.
  const lock = options.dir !== undefined ? await lockDataDir(options.dir) : undefined;
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dir !== undefined ? { dataDir: options.dir } : {}),
      ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
      startParams: START_PARAMS,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const opened = performance.now();
  try {
    const folder = migrationsFolder();
    const current = await upToDate(folder, async () => (await client.query<{ newest: string | null }>(NEWEST_APPLIED_SQL)).rows[0]?.newest);
    if (!current) {
      if (options.dir !== undefined) invalidateSnapshot(options.dir);
      await migrate(drizzle({ client }), { migrationsFolder: folder, migrationsSchema: MIGRATIONS_SCHEMA });
    }
  } catch (error) {
    await client.close();
    lock?.release();
    throw error;
  }
  return new PgliteStore(client, { open: opened - started, migrate: performance.now() - opened }, options.dir, lock);
}
