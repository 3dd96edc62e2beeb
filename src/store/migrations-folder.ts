/** Where the committed migrations are: beside this module in a checkout, or in src/ when running the built dist/. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function migrationsFolder(): string {
  for (const candidate of ['./migrations/', '../../src/store/migrations/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}meta/_journal.json`)) return dir;
  }
  throw new Error('the database migrations (src/store/migrations) are missing from this installation; reinstall Afterword');
}

/** drizzle keeps its bookkeeping table in this schema (created by the migrator). */
export const MIGRATIONS_SCHEMA = 'drizzle';
