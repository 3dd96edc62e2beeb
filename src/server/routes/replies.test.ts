/** The "Paste their reply" routes: reading stores nothing; applying records the reply with its change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { seeded, signedInAt, type TestClient } from '../testing.js';

// Mon 2026-03-09 10:00 in New York.
const NOW = Date.UTC(2026, 2, 9, 14);

let deps: Deps;
let api: TestClient;

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;
const touches = async (): Promise<Body[]> =>
  ((await json(await api.get('/api/applications/a1'))) as { application: { touches: Body[] } }).application.touches;

const NOT_DECIDED = 'Hi Jordan,\n\nWe have not made a decision yet. We expect to make a final decision by March 20.\n\nBest,\nGrace Okafor\nHead of Analytics\n\nOn Fri, Mar 6, 2026 at 9:00 AM Jordan Lee wrote:\n> Would you let me know when you will decide? I would love an offer.';
const REFERENCES = 'Hi Jordan,\n\nCould you send me the names and contact details of two references?\n\nThanks,\nSam Reyes';

beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
  await seeded(api.post('/api/profile', { settings: { timeZone: 'America/New_York', region: 'US' }, candidate: { name: 'Jordan Lee', email: 'jordan@example.com' } }));
  await seeded(api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' }));
  await seeded(api.post('/api/applications/a1/people', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics' }));
  await seeded(api.post('/api/applications/a1/people', { name: 'Sam Reyes', role: 'recruiter' }));
  // Wed 2026-03-04 10:00–11:00 in New York.
  await seeded(api.post('/api/applications/a1/interviews', { start: '2026-03-04T10:00', end: '2026-03-04T11:00', stage: 'second_round', peopleIds: ['p1'] }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('POST /api/applications/:id/reply/read', () => {
  it('says what the reply means, the sentence, the new date and who wrote it, and stores nothing', async () => {
    const res = await api.post('/api/applications/a1/reply/read', { text: NOT_DECIDED });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      class: 'not_decided', decisionBy: '2026-03-20', decisionChoices: [], returnOn: null, writerId: 'p1', // Fri
      evidence: 'We expect to make a final decision by March 20.',
      proposal: { action: 'new_decision_date', rules: ['F6', 'F0', 'F1'] },
    });
    expect(await touches()).toEqual([]);
  });

  it('refuses an empty reply (422, naming the text) and an unknown application (404)', async () => {
    const empty = await api.post('/api/applications/a1/reply/read', { text: '  \n' });
    expect(empty.status).toBe(422);
    expect(await json(empty)).toMatchObject({ field: 'text' });
    expect((await api.post('/api/applications/a9/reply/read', { text: 'Thanks.' })).status).toBe(404);
    expect((await api.post('/api/applications/a1/reply/read', { words: 'Thanks.' })).status).toBe(400);
  });
});

describe('POST /api/applications/:id/reply', () => {
  it('records the reply with its new decision date, once', async () => {
    const res = await api.post('/api/applications/a1/reply', { text: NOT_DECIDED });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ applied: true, history: 'added', decisionBy: '2026-03-20' });
    expect(await touches()).toEqual([expect.objectContaining({ kind: 'reply', outcome: 'not_decided', newDecisionBy: '2026-03-20', personId: 'p1' })]);
    const again = await api.post('/api/applications/a1/reply', { text: NOT_DECIDED });
    expect(await json(again)).toMatchObject({ history: 'unchanged' });
    expect(await touches()).toHaveLength(1);
  });

  it('a request for references marks the interview, and the plan proposes briefing them (F7)', async () => {
    await seeded(api.post('/api/references', { name: 'Ana Silva', email: 'ana@example.com' }));
    const res = await api.post('/api/applications/a1/reply', { text: REFERENCES });
    expect(await json(res)).toMatchObject({ class: 'references_requested', proposal: { action: 'brief_references', rules: ['F7'] }, writerId: 'p2' });
    const page = await json(await api.get('/api/applications/a1')) as { application: { interviews: Body[] }; plan: Body[] };
    expect(page.application.interviews[0]).toMatchObject({ referencesRequested: true });
    expect(page.plan.some((r) => r['kind'] === 'reference_brief')).toBe(true);
  });

  it('a date that reads two ways needs the one they meant', async () => {
    const text = 'We will decide by next Friday.';
    const read = await json(await api.post('/api/applications/a1/reply/read', { text }));
    expect((read['decisionChoices'] as Body[]).map((c) => c['date'])).toEqual(['2026-03-13', '2026-03-20']); // Fri, Fri
    const without = await api.post('/api/applications/a1/reply', { text });
    expect(without.status).toBe(422);
    expect(await json(without)).toMatchObject({ field: 'decisionBy' });
    const picked = await api.post('/api/applications/a1/reply', { text, decisionBy: '2026-03-20' });
    expect(await json(picked)).toMatchObject({ applied: true, decisionBy: '2026-03-20' });
  });
});
