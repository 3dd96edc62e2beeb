/** Opens the store the configuration asks for, with its migrations applied. */
import { saveBackupFile } from '../app/backups.js';
import type { Store } from '../app/ports.js';
import type { Takeover } from './data-lock.js';
import { pgliteDir } from './location.js';
import { openPgliteStore } from './pglite.js';

export { pgliteDir };

export type StoreLocation =
  | { readonly kind: 'pglite'; /** Afterword's data directory; the database lives in its `pglite/` folder. */ readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; /** PostgreSQL itself when `url` is a pooler in transaction mode. */ readonly directUrl?: string };

export interface OpenOptions {
  /** Told when the embedded database's lock, left by a process that is gone, is taken over. */
  readonly onTakeover?: (takeover: Takeover) => void;
}

export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
  if (location.kind === 'pglite') {
    const { dataDir } = location;
    return openPgliteStore({
      dir: pgliteDir(dataDir),
      ...(options.onTakeover ? { onTakeover: options.onTakeover } : {}),
      // The whole folder as it was, before an upgrade changes the tables (backups/…-before-migration.tar.gz).
      beforeMigration: async (dump) => {
        saveBackupFile(dataDir, 'before-migration', new Uint8Array(await (await dump()).arrayBuffer()), Date.now());
      },
    });
  }
  // pg and its drizzle driver load only when PostgreSQL is used (they slow every embedded start).
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore({ url: location.url, ...(location.directUrl !== undefined ? { directUrl: location.directUrl } : {}) });
}
