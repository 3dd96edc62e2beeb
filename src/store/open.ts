/** Opens the store the configuration asks for, with its migrations applied. */
import { join } from 'node:path';
import type { Store } from '../app/ports.js';
import { openPgliteStore } from './pglite.js';

export type StoreLocation =
  | { readonly kind: 'pglite'; /** Afterword's data directory; the database lives in its `pglite/` folder. */ readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** The folder of the embedded database inside Afterword's data directory. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.kind === 'pglite') return openPgliteStore({ dir: pgliteDir(location.dataDir) });
  // pg and its drizzle driver load only when PostgreSQL is used (they slow every embedded start).
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore({ url: location.url });
}
