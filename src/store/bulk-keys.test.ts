/**
 * The embedded store's bulk inserts switch PostgreSQL's row-by-row key checks off and check the keys
 * themselves (bulk-keys.ts): they must refuse exactly what PostgreSQL refuses, in the same words,
 * leave the session as it was, and the tables they write must have no other triggers to skip.
 */
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import type { ApplicationRecord } from '../app/ports.js';
import type { Application } from '../core/model.js';
import { DrizzleStore } from './drizzle-store.js';
import { openPgliteStore, type PgliteStore } from './pglite.js';

const USER = 'bulk-user';
// Monday 2 March 2026, 12:00 UTC.
const MON = Date.UTC(2026, 2, 2, 12);

function application(id: string, change: Partial<Application> = {}): Application {
  return {
    id, company: `Company ${id}`, role: 'Analyst', status: 'active', individualPanelNotes: false,
    people: [{ id: 'p1', name: 'Pat', role: 'recruiter', informal: false, verified: false }],
    interviews: [], touches: [{ at: MON, personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }], protocol: {},
    ...change,
  };
}

/** What a bulk insert of `records` fails with: its code and words. */
async function refusal(store: DrizzleStore, records: readonly ApplicationRecord[]): Promise<{ code: string; message: string }> {
  const error: unknown = await store.insertApplications(USER, records).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('bulk inserts that check their own keys (embedded database)', () => {
  let own: PgliteStore;
  /** The same database, its bulk inserts checked by PostgreSQL row by row. */
  let postgres: DrizzleStore;

  beforeAll(async () => {
    own = await openPgliteStore();
    postgres = new DrizzleStore({ db: drizzle({ client: own.pglite }), close: async () => {} });
    await own.ensureUser({ id: USER, name: 'Bulk' });
    await own.saveCriterion(USER, { name: 'Growth', weight: 2 });
  });
  afterAll(async () => {
    await own.close();
  });

  it('the tables they write have no triggers but PostgreSQL\'s key checks', async () => {
    const tables = ['applications', 'people', 'interviews', 'interview_people', 'debriefs', 'touches', 'red_flags', 'offers', 'offer_items', 'criterion_ratings'];
    const found = await own.pglite.query<{ table: string; trigger: string }>(
      `select c.relname as "table", t.tgname as "trigger" from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where not t.tgisinternal and c.relname = any($1::text[]) and (t.tgtype::int & 4) <> 0`, [tables]);
    // tgtype bit 4 is INSERT: an insert trigger there would be skipped by a bulk insert.
    expect(found.rows).toStrictEqual([]);
  });

  it('refuse what PostgreSQL refuses, in its words, and write nothing', async () => {
    const cases: ApplicationRecord[][] = [
      // A touch naming a person the application lacks.
      [{ application: application('t1', { touches: [{ at: MON, personId: 'p7', channel: 'email', kind: 'update', outcome: 'sent' }] }), redFlags: [] }],
      // A rating of a criterion the user lacks.
      [{ application: application('r1'), redFlags: [], ratings: [{ criterion: 'Ghost', rating: 3 }] }],
      // An interview whose panel lead is not one of the people; the first application is fine.
      [
        { application: application('ok1'), redFlags: [] },
        {
          application: application('i1', {
            interviews: [{ id: 'i1', start: MON, end: MON + 3_600_000, timeZone: 'Europe/London', stage: 'first_round', format: 'video', panel: true, panelLeadId: 'p9', peopleIds: ['p1'], timeline: { said: 'by Friday' }, goAhead: false, referencesRequested: false }],
          }),
          redFlags: [],
        },
      ],
    ];
    for (const records of cases) {
      const mine = await refusal(own, records);
      const theirs = await refusal(postgres, records);
      expect(mine).toStrictEqual(theirs);
      expect(mine.code).toBe('bad_input');
    }
    expect(await own.listApplications(USER)).toStrictEqual([]);
    const role = await own.pglite.query<{ session_replication_role: string }>('show session_replication_role');
    expect(role.rows[0]?.session_replication_role).toBe('origin');
  });

  it('accept rows that refer to rows of the same insert or already recorded, and leave the session\'s checks on', async () => {
    await own.insertApplications(USER, [
      { application: application('a1'), redFlags: [{ flag: 'R2', score: 2 }], ratings: [{ criterion: 'Growth', rating: 4 }] },
      { application: application('a2'), redFlags: [] },
    ]);
    expect((await own.listApplications(USER)).map((a) => a.id)).toStrictEqual(['a1', 'a2']);
    expect((await own.getApplication(USER, 'a1'))?.touches).toHaveLength(1);
    const role = await own.pglite.query<{ session_replication_role: string }>('show session_replication_role');
    expect(role.rows[0]?.session_replication_role).toBe('origin');
    // PostgreSQL checks a plain insert again.
    await expect(own.pglite.query(`insert into people (user_id, application_id, id, position, name, role, informal, verified)
      values ($1, 'nowhere', 'p1', 0, 'X', 'other', false, false)`, [USER])).rejects.toThrow(/foreign key/);
  });
});
