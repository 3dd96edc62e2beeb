/** Today's warnings as the API gives them: data for the page to word, naming the company, never only an id. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { addApplication, addInterview, saveProfile, type AppDeps } from '../../app/records.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

let deps: Deps;
let api: TestClient;

beforeAll(async () => {
  const base = await memoryDeps();
  // Wed 2026-03-18 09:00 in New York.
  deps = { ...base, clock: { now: () => Date.parse('2026-03-18T09:00:00-04:00') } };
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  // Interviewed Mon 2026-01-12, nothing since: time to move on; and their words could not be read (no date in them).
  await addApplication(app, { id: 'a9', company: 'Zoë’s Café', role: 'Analyst', appliedOn: '2026-01-02' });
  await addInterview(app, 'a9', { start: '2026-01-12T10:00', end: '2026-01-12T11:00', stage: 'first_round', timeline: { said: 'when the stars align' } });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

it('GET /api/week gives each warning its code, numbers and the company it is about', async () => {
  const body = await (await api.get('/api/week')).json() as { warnings: Record<string, unknown>[] };
  const none = { applicationId: null, company: null, active: null, min: null, days: null, said: null, outcome: null, choices: null };
  expect(body.warnings).toEqual([
    { ...none, rule: 'P1', code: 'few_active', message: 'Only one active application: keep searching.', active: 1, min: 2 },
    // Applied Fri 2026-01-02: 75 days before.
    { ...none, rule: 'P1', code: 'quiet', message: expect.stringContaining('75 days'), days: 75 },
    { ...none, rule: 'F0', code: 'unreadable_timeline', message: expect.any(String), applicationId: 'a9', company: 'Zoë’s Café', said: 'when the stars align' },
    { ...none, rule: 'F5', code: 'move_on', message: expect.any(String), applicationId: 'a9', company: 'Zoë’s Café' },
  ]);
});
