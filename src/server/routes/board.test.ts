/** GET /api/board/cards: the board one page at a time, searched and filtered on the server; Today's warnings name companies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { addApplication, addInterview, addPerson, saveProfile, setApplicationStatus, type AppDeps } from '../../app/records.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Wed 2026-03-18 09:00 in New York.
const NOW = Date.parse('2026-03-18T09:00:00-04:00');

let deps: Deps;
let api: TestClient;

interface Card { id: string; company: string; role: string; status: string; next: { kind: string; status: string; at: string; timeZone: string; person: string | null } | null }
interface Page {
  now: string; timeZone: string; query: { text: string; statuses: string[] | null; limit: number; closedLimit: number; offset: number };
  totals: Record<string, number> | null; counts: Record<string, number>; cards: Card[];
  warnings: { rule: string; code: string; company: string | null }[] | null;
}
const page = async (query = ''): Promise<Page> => {
  const res = await api.get(`/api/board/cards${query}`);
  expect(res.status).toBe(200);
  return await res.json() as Page;
};
const ids = (p: Page, status?: string): string[] => p.cards.filter((c) => status === undefined || c.status === status).map((c) => c.id);

beforeAll(async () => {
  const base = await memoryDeps();
  deps = { ...base, clock: { now: () => NOW } };
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  // a1: interviewed Mon 2026-03-16 by Renée Okafor: her thank-you is due soonest.
  await addApplication(app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-02' });
  await addPerson(app, 'a1', { id: 'p1', name: 'Renée Okafor', role: 'hiring_manager' });
  await addInterview(app, 'a1', { start: '2026-03-16T10:00', end: '2026-03-16T11:00', stage: 'first_round', peopleIds: ['p1'] });
  // a2: applied only (nothing planned); a3, a4: closed; a5: an offer; a6–a8: more applied-only actives.
  await addApplication(app, { id: 'a2', company: 'Globex', role: 'Analytics Lead', appliedOn: '2026-02-03' });
  await addApplication(app, { id: 'a3', company: 'Initech', role: 'BI Developer', appliedOn: '2026-01-20' });
  await setApplicationStatus(app, 'a3', 'rejected');
  await addApplication(app, { id: 'a4', company: 'Hooli', role: 'Analyst', appliedOn: '2026-01-22' });
  await setApplicationStatus(app, 'a4', 'rejected');
  await addApplication(app, { id: 'a5', company: 'Umbrella', role: 'Data Scientist', appliedOn: '2026-01-25' });
  await setApplicationStatus(app, 'a5', 'offer');
  for (const [id, company] of [['a6', 'Stark Industries'], ['a7', 'Wayne Enterprises'], ['a8', 'Acme Labs']] as const) {
    await addApplication(app, { id, company, role: 'Analyst', appliedOn: '2026-03-01' });
  }
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('GET /api/board/cards', () => {
  it('gives each status its cards in the board\'s order, with only what a card shows', async () => {
    const p = await page();
    expect(p.timeZone).toBe('America/New_York');
    expect(p.totals).toEqual({ active: 5, offer: 1, accepted: 0, declined: 0, rejected: 2, withdrawn: 0, no_response: 0, filled: 0 });
    expect(p.counts).toEqual(p.totals);
    // Active: the one with an action first, then the order they were added; closed: newest first.
    expect(ids(p, 'active')).toEqual(['a1', 'a2', 'a6', 'a7', 'a8']);
    expect(ids(p, 'rejected')).toEqual(['a4', 'a3']);
    expect(ids(p, 'offer')).toEqual(['a5']);
    const acme = p.cards.find((c) => c.id === 'a1');
    expect(acme).toEqual({
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', location: null, workplace: null, salary: null, tags: [],
      next: { kind: 'thank_you', status: expect.any(String), at: expect.stringMatching(/^2026-03-1\dT\d\d:\d\d:\d\d-04:00$/), timeZone: 'America/New_York', person: 'Renée Okafor' },
    });
    expect(p.cards.find((c) => c.id === 'a3')?.next).toBeNull();
  });

  it('finds by company, role or a person\'s name, in any case, and counts only what it found', async () => {
    expect(ids(await page('?q=acme'))).toEqual(['a1', 'a8']);
    expect(ids(await page('?q=OKAFOR'))).toEqual(['a1']);
    expect(ids(await page('?q=bi%20dev'))).toEqual(['a3']);
    const found = await page('?q=analy');
    expect(found.query.text).toBe('analy');
    expect(found.counts).toEqual({ active: 5, offer: 0, accepted: 0, declined: 0, rejected: 1, withdrawn: 0, no_response: 0, filled: 0 });
    expect(found.totals?.['rejected']).toBe(2);
    expect(ids(await page('?q=nobody%20here'))).toEqual([]);
  });

  it('answers a search without the totals and warnings when asked (summary=false), the same cards and counts', async () => {
    const full = await page('?q=analy&status=active,rejected');
    const lean = await page('?q=analy&status=active,rejected&summary=false');
    expect(lean.cards).toEqual(full.cards);
    expect(lean.counts).toEqual(full.counts);
    expect(lean.totals).toBeNull();
    expect(lean.warnings).toBeNull();
    expect(full.warnings).toEqual([]);
    expect(ids(await page('?status=rejected&summary=false'))).toEqual(['a4', 'a3']);
  });

  it('filters by statuses, alone or with words', async () => {
    expect(ids(await page('?status=rejected,offer'))).toEqual(['a5', 'a4', 'a3']);
    expect(ids(await page('?status=active&q=acme'))).toEqual(['a1', 'a8']);
    const none = await page('?status=rejected&q=acme');
    expect(none.cards).toEqual([]);
    expect(none.query.statuses).toEqual(['rejected']);
  });

  it('pages each status: limit cards of each, and the next ones from offset', async () => {
    const first = await page('?limit=2');
    expect(ids(first, 'active')).toEqual(['a1', 'a2']);
    expect(ids(first, 'rejected')).toEqual(['a4', 'a3']);
    const more = await page('?status=active&limit=2&offset=2');
    expect(ids(more)).toEqual(['a6', 'a7']);
    expect(ids(await page('?status=active&limit=2&offset=4'))).toEqual(['a8']);
    expect(more.counts['active']).toBe(5);
    // Closed statuses may get fewer on the first page.
    const few = await page('?limit=3&closedLimit=1');
    expect(ids(few, 'active')).toEqual(['a1', 'a2', 'a6']);
    expect(ids(few, 'offer')).toEqual(['a5']);
    expect(ids(few, 'rejected')).toEqual(['a4']);
    expect(few.query.closedLimit).toBe(1);
  });

  it('says which part of the query is wrong', async () => {
    for (const [query, field] of [['?status=lost', 'status'], ['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?closedLimit=0', 'closedLimit'], ['?summary=no', 'summary'], ['?offset=-1', 'offset'], ['?offset=two', 'offset'], [`?q=${'x'.repeat(201)}`, 'q']] as const) {
      const res = await api.get(`/api/board/cards${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json() as { field?: string }).field, query).toBe(field);
    }
  });
});
