/** The application's details through the API: POST /applications with them, PATCH to change or clear them, GET reads them; 422s name the field and the fix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { addPerson, saveProfile } from '../../app/records.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Mon 2026-11-02 10:00 in London.
const NOW = Date.parse('2026-11-02T10:00:00Z');

let deps: Deps;
let api: TestClient;

beforeAll(async () => {
  const base = await memoryDeps();
  deps = { ...base, clock: { now: () => NOW } };
  await saveProfile({ ...deps, userId: LOCAL_USER.id }, { timeZone: 'Europe/London', region: 'GB-ENG' }, { name: 'Jordan Lee' });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);
afterAll(async () => { await deps.store.close(); });

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;
const patch = (path: string, body: unknown) => api.post(path, body, { method: 'PATCH' });

describe('the application details in the API', () => {
  it('POST /applications keeps them; GET /applications/:id gives them back; PATCH changes and clears', async () => {
    const res = await api.post('/api/applications', {
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', postingUrl: 'https://jobs.acme.example/42', location: 'London',
      workplace: 'hybrid', salary: { text: '£45k–£55k', min: 45_000, max: '55,000', currency: 'gbp', period: 'year' },
      source: 'LinkedIn', description: 'Own the churn model.', notes: 'Ask about the team', tags: ['fintech', 'dream job'],
    });
    expect(res.status).toBe(201);
    const read = await json(await api.get('/api/applications/a1'));
    expect(read['application']).toMatchObject({
      postingUrl: 'https://jobs.acme.example/42', location: 'London', workplace: 'hybrid',
      salary: { text: '£45k–£55k', min: 45_000, max: 55_000, currency: 'GBP', period: 'year' },
      source: 'LinkedIn', description: 'Own the churn model.', notes: 'Ask about the team', tags: ['fintech', 'dream job'],
    });
    const changed = await patch('/api/applications/a1', { location: null, notes: 'Second round booked', tags: [] });
    expect(changed.status).toBe(200);
    const app = (await json(changed))['application'] as Body;
    expect(app['location']).toBeUndefined();
    expect(app['tags']).toBeUndefined();
    expect(app['notes']).toBe('Second round booked');
    expect(app['postingUrl']).toBe('https://jobs.acme.example/42');
  });

  it('PATCH /applications/:id/people/:personId keeps notes on a person', async () => {
    await addPerson({ ...deps, userId: LOCAL_USER.id }, 'a1', { id: 'p1', name: 'Grace Okafor' });
    const res = await patch('/api/applications/a1/people/p1', { notes: 'Runs marathons' });
    expect(res.status).toBe(200);
    expect((await deps.store.getApplication(LOCAL_USER.id, 'a1'))?.people[0]?.notes).toBe('Runs marathons');
    expect((await patch('/api/applications/a1/people/p9', { notes: 'x' })).status).toBe(404);
  });

  it.each([
    [{ postingUrl: 'javascript:alert(1)' }, 'application.postingUrl', 'is not a web address; give the posting\'s link starting with https:// or http://'],
    [{ description: 'd'.repeat(16_001) }, 'application.description', '16,001 characters; the most is 16,000 — shorten it'],
    [{ salary: { text: '£1', min: 10, max: 5 } }, 'application.salary.max', '5 is below the lowest salary (10); swap them or fix one'],
    [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'application.tags', '51 tags; the most is 50 — remove some'],
    [{ workplace: 'moon' }, 'application.workplace', 'use remote, hybrid or on-site'],
  ])('PATCH %#: a 422 naming the field, and nothing changed', async (body, field, message) => {
    const before = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    const res = await patch('/api/applications/a1', body);
    expect(res.status).toBe(422);
    const error = await json(res);
    expect(error['field']).toBe(field);
    expect(String(error['error'])).toContain(message);
    expect(await deps.store.getApplication(LOCAL_USER.id, 'a1')).toStrictEqual(before);
  });

  it('a field PATCH cannot change (the status) is a 400 naming it', async () => {
    const res = await patch('/api/applications/a1', { status: 'accepted' });
    expect(res.status).toBe(400);
  });
});
