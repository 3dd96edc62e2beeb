/** An application page's P1 warning ("keep searching") counts the whole pipeline, not that application alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { addApplication, addInterview, saveProfile, type AppDeps } from '../../app/records.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Wed 2026-03-18 09:00 in New York.
const NOW = Date.parse('2026-03-18T09:00:00-04:00');

let deps: Deps;
let api: TestClient;

interface View { warnings: { rule: string; message: string }[] }
const warningsOf = async (id: string): Promise<View['warnings']> => {
  const res = await api.get(`/api/applications/${id}`);
  expect(res.status).toBe(200);
  return (await res.json() as View).warnings;
};

beforeAll(async () => {
  const base = await memoryDeps();
  deps = { ...base, clock: { now: () => NOW } };
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  // Two active applications, both applied for on Mon 2026-03-16 (two days ago: not quiet yet).
  await addApplication(app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-03-16' });
  await addInterview(app, 'a1', { start: '2026-03-17T10:00', end: '2026-03-17T11:00', stage: 'first_round' }); // Tue
  await addApplication(app, { id: 'a2', company: 'Globex', role: 'Analyst', appliedOn: '2026-03-16' });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('GET /api/applications/:id and P1', () => {
  it('gives no "only one active application" warning on either page when two are active', async () => {
    expect((await warningsOf('a1')).filter((w) => w.rule === 'P1')).toEqual([]);
    expect((await warningsOf('a2')).filter((w) => w.rule === 'P1')).toEqual([]);
    // The board agrees with the pages.
    const board = await (await api.get('/api/board')).json() as View;
    expect(board.warnings.filter((w) => w.rule === 'P1')).toEqual([]);
  });

  it('warns on every page once only one application is left active', async () => {
    expect((await api.post('/api/applications/a2/status', { status: 'withdrawn' })).status).toBe(200);
    const expected = [{ rule: 'P1', message: expect.stringMatching(/one active application: keep searching/) }];
    expect((await warningsOf('a1')).filter((w) => w.rule === 'P1')).toEqual(expected);
    // The closed application's page reads the same pipeline.
    expect((await warningsOf('a2')).filter((w) => w.rule === 'P1')).toEqual(expected);
  });
});
