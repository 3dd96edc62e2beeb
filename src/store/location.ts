/** Where the embedded database lives (a module of its own: reading it must not load the database code). */
import { join } from 'node:path';

/** The folder of the embedded database inside Afterword's data directory. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
