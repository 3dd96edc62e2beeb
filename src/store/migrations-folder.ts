/** Where the committed migrations are, and whether a database already has all of them. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Beside this module under tsx, else src/store/migrations of the package this (bundled) code runs from. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  const beside = join(dir, 'migrations');
  if (existsSync(join(beside, 'meta', '_journal.json'))) return `${beside}/`;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const inSrc = join(dir, 'src', 'store', 'migrations');
  if (existsSync(join(inSrc, 'meta', '_journal.json'))) return `${inSrc}/`;
  throw new Error('the database migrations (src/store/migrations) are missing from this installation; reinstall Afterword');
}

/** drizzle keeps its bookkeeping table in this schema (created by the migrator). */
export const MIGRATIONS_SCHEMA = 'drizzle';

/** The newest migration's `when` in the journal: drizzle applies every migration newer than the newest it recorded. */
export function newestMigration(folder: string): number {
  const journal: unknown = JSON.parse(readFileSync(`${folder}meta/_journal.json`, 'utf8'));
  const entries: unknown = typeof journal === 'object' && journal !== null ? Reflect.get(journal, 'entries') : undefined;
  if (!Array.isArray(entries)) throw new Error(`${folder}meta/_journal.json: no entries`);
  return Math.max(...entries.map((e: unknown) => Number(typeof e === 'object' && e !== null ? Reflect.get(e, 'when') : NaN)));
}

/** Reads the newest migration drizzle recorded (`::text`: bigint comes back as a number or a string depending on the driver). */
export const NEWEST_APPLIED_SQL = `select max(created_at)::text as newest from "${MIGRATIONS_SCHEMA}"."__drizzle_migrations"`;

/**
 * True when the database has every committed migration, by one query instead of drizzle's three
 * statements and reading every SQL file. `newestApplied` throws on a database never migrated.
 */
export async function upToDate(folder: string, newestApplied: () => Promise<string | null | undefined>): Promise<boolean> {
  let applied: string | null | undefined;
  try {
    applied = await newestApplied();
  } catch {
    return false;
  }
  return applied !== null && applied !== undefined && Number(applied) >= newestMigration(folder);
}
