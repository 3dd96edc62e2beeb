/** Opens the store the configuration asks for, with its migrations applied. */
import { join } from 'node:path';
import type { Store } from '../app/ports.js';
import { openPgliteStore } from './pglite.js';
import { openPostgresStore } from './postgres.js';

export type StoreLocation =
  | { readonly kind: 'pglite'; /** Afterword's data directory; the database lives in its `pglite/` folder. */ readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** The folder of the embedded database inside Afterword's data directory. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

export function openStore(location: StoreLocation): Promise<Store> {
  return location.kind === 'postgres'
    ? openPostgresStore({ url: location.url })
    : openPgliteStore({ dir: pgliteDir(location.dataDir) });
}
