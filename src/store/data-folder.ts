/**
 * The embedded database's folder as a whole (the `DataFolder` port): whether it was created, its
 * lock, setting it aside, replacing it with a whole-folder backup, and opening it for doctor's
 * checks. The database code loads only in the last two.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFolder } from '../app/ports.js';
import { lockDataDir, lockState, takeoverWords } from './data-lock.js';
import { pgliteDir } from './location.js';

/** The folder of the embedded database in Afterword's data directory `dataDir`. */
export function embeddedDataFolder(dataDir: string): DataFolder {
  const dir = pgliteDir(dataDir);
  return {
    lockFile: `${dir}.lock`,
    created: () => existsSync(join(dir, 'PG_VERSION')),
    lock: () => lockState(dir),
    async setAside(why, now) {
      const aside = `${dir}.${why}-${new Date(now).toISOString().slice(0, 19).replace(/:/g, '')}Z`;
      const lock = await lockDataDir(dir, { command: 'backups restore' });
      try {
        renameSync(dir, aside);
      } finally {
        lock.release();
      }
      return aside;
    },
    async restoreCopy(file) {
      const { openPgliteStore } = await import('./pglite.js');
      const store = await openPgliteStore({ dir, loadDataDir: new Blob([readFileSync(file)]) });
      await store.close();
    },
    async openForCheck(onTakeover) {
      const { openPgliteStore } = await import('./pglite.js');
      const { verifyPglite } = await import('./verify.js');
      const { amcheck } = await import('@electric-sql/pglite/contrib/amcheck');
      const store = await openPgliteStore({
        dir, extensions: { amcheck }, ...(onTakeover ? { onTakeover: (t) => onTakeover(takeoverWords(dataDir, t)) } : {}),
      });
      return { store, verify: () => verifyPglite(store.pglite) };
    },
  };
}
