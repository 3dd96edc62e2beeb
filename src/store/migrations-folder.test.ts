import { describe, expect, it } from 'vitest';
import { migrationsFolder, newestMigration, upToDate } from './migrations-folder.js';

describe('the migration check before opening', () => {
  const folder = migrationsFolder();
  const newest = newestMigration(folder);

  it('reads the newest migration of the journal', () => {
    expect(newest).toBeGreaterThan(Date.UTC(2025, 0, 1));
  });

  it('skips the migrator only when the newest migration is recorded', async () => {
    expect(await upToDate(folder, () => Promise.resolve(String(newest)))).toBe(true);
    expect(await upToDate(folder, () => Promise.resolve(String(newest + 1)))).toBe(true);
    expect(await upToDate(folder, () => Promise.resolve(String(newest - 1)))).toBe(false);
    expect(await upToDate(folder, () => Promise.resolve(null))).toBe(false);
    expect(await upToDate(folder, () => Promise.reject(new Error('relation "drizzle.__drizzle_migrations" does not exist')))).toBe(false);
  });
});
