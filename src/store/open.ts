/** Opens the store the configuration asks for, with its migrations applied. */
import type { Store } from '../app/ports.js';
import { pgliteDir } from './location.js';
import { openPgliteStore } from './pglite.js';

export { pgliteDir };

export type StoreLocation =
  | { readonly kind: 'pglite'; /** Afterword's data directory; the database lives in its `pglite/` folder. */ readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.kind === 'pglite') return openPgliteStore({ dir: pgliteDir(location.dataDir) });
  // pg and its drizzle driver load only when PostgreSQL is used (they slow every embedded start).
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore({ url: location.url });
}
