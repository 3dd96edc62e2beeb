/**
 * For migration tests: the committed migrations before one of them, as a folder drizzle's migrator
 * reads, so that a test can build a database as it was and then migrate it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from './migrations-folder.js';

/** The migrations before `tag` (which must be in the journal, not first) in a temporary folder; `remove` deletes it. */
export function migrationsBefore(tag: string): { folder: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-old-migrations-'));
  const folder = `${dir}/`;
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at <= 0) throw new Error(`${tag} is not a migration after the first`);
  for (const e of journal.entries.slice(at)) rmSync(join(folder, `${e.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
