/**
 * How a re-import recognises a row: the key that finds the application recorded from it, and the
 * digest of what the row sets. Computed as the rows are read (in the reading thread, when the CLI
 * reads in one), so the import's matching only looks them up.
 */
import { hash } from 'node:crypto';
import type { ImportedApplication } from './types.js';

/** How a re-import finds an application already recorded: the same company, role and date applied (case and spacing aside). */
export function matchKey(company: string, role: string, appliedOn: number | undefined): string {
  const norm = (t: string): string => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(company)}\u0000${norm(role)}\u0000${appliedOn ?? ''}`;
}

/**
 * What an imported row sets (the import lays exactly these over an application), as a digest: a
 * row whose digest is the one the store kept for the application it matches, written from a row
 * with these same values and changed in none of them since, would leave it as it is.
 */
export function rowDigest(r: ImportedApplication): string {
  const app = r.application;
  const values = [
    r.statusGiven ? app.status : null, app.company, app.role, app.appliedOn ?? null, app.postingUrl ?? null, app.location ?? null,
    app.workplace ?? null, app.salary ?? null, app.source ?? null, app.sourceId ?? null, app.description ?? null, app.notes ?? null,
    app.tags ?? null, app.people[0]?.name.toLowerCase() ?? null,
  ];
  return hash('sha1', JSON.stringify(values), 'base64');
}
