/**
 * Migration 0004 (the application's details) on a database made by the schema before it: every
 * application and person is still there, as it was, with the new fields empty; and the details can
 * then be written and read.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_SCHEMA } from './migrations-folder.js';
import { migrationsBefore } from './testing-migrations.js';
import { openPgliteStore } from './pglite.js';

const BEFORE = '0004_application_details';

describe('migration 0004: the application details', () => {
  const old = migrationsBefore(BEFORE);
  afterAll(() => old.remove());

  it('keeps every application and person of a database made before it, with the new fields empty', async () => {
    const client = await PGlite.create();
    await migrate(drizzle({ client }), { migrationsFolder: old.folder, migrationsSchema: MIGRATIONS_SCHEMA });
    await client.exec(`
      insert into users (id, name) values ('local', 'local');
      insert into settings (user_id, region, time_zone, workday_start, workday_end, workday_days, protocol)
        values ('local', 'GB-ENG', 'Europe/London', 540, 1020, '{1,2,3,4,5}', '{}');
      insert into candidates (user_id, name, local) values ('local', 'Jordan Lee', false);
      insert into applications (user_id, id, position, company, role, status, applied_on, time_zone, region, individual_panel_notes, protocol)
        select 'local', 'a' || n, n, 'Company ' || n, 'Analyst', 'active', date '2026-08-12' + n, null, null, false, '{}'
        from generate_series(1, 120) as n;
      insert into people (user_id, application_id, id, position, name, role, informal, verified)
        values ('local', 'a1', 'p1', 0, 'Grace Okafor', 'hiring_manager', false, true);
    `);
    const dump = await client.dumpDataDir('gzip');
    await client.close();

    const store = await openPgliteStore({ loadDataDir: dump });
    try {
      const all = await store.listApplications('local');
      expect(all).toHaveLength(120);
      const a1 = await store.getApplication('local', 'a1');
      // 2026-08-13 (Thursday): 2026-08-12 plus one day.
      expect(a1).toStrictEqual({
        id: 'a1', company: 'Company 1', role: 'Analyst', status: 'active', appliedOn: 20_678, individualPanelNotes: false,
        people: [{ id: 'p1', name: 'Grace Okafor', role: 'hiring_manager', informal: false, verified: true }],
        interviews: [], touches: [], protocol: {},
      });
      const backup = await store.exportAll('local');
      for (const record of backup.applications) {
        const app = record.application;
        for (const key of ['postingUrl', 'location', 'workplace', 'salary', 'source', 'sourceId', 'description', 'notes', 'tags'] as const) {
          expect(app[key], `${app.id}.${key}`).toBeUndefined();
        }
      }
      // The new columns take the details.
      await store.saveApplication('local', {
        ...a1!, postingUrl: 'https://jobs.example/1', workplace: 'remote', salary: { text: '£50k', min: 50_000, currency: 'GBP', period: 'year' }, tags: ['dream'],
      });
      const again = await store.getApplication('local', 'a1');
      expect(again?.salary).toStrictEqual({ text: '£50k', min: 50_000, currency: 'GBP', period: 'year' });
      expect(again?.tags).toStrictEqual(['dream']);
    } finally {
      await store.close();
    }
  }, 60_000);
});
