import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { addApplication, addInterview, addTouch, saveProfile, type AppDeps } from '../../app/records.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Wed 2026-03-18 09:00 in New York.
const NOW = Date.parse('2026-03-18T09:00:00-04:00');

let deps: Deps;
let api: TestClient;

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;

beforeAll(async () => {
  const base = await memoryDeps();
  deps = { ...base, clock: { now: () => NOW } };
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  // a1: applied Mon 2026-02-02, interviewed Tue 2026-03-03, answered (next round) Fri 2026-03-06: 3 days.
  await addApplication(app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-02' });
  await addInterview(app, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round' });
  await addTouch(app, 'a1', { kind: 'reply', outcome: 'next_round', channel: 'email', at: '2026-03-06T10:00' });
  // a2: applied Tue 2026-02-03, interviewed Mon 2026-03-02, checked in Mon 2026-03-09, answered Thu 2026-03-12 (7 → 10 days, 3 after the check).
  await addApplication(app, { id: 'a2', company: 'Globex', role: 'Analyst', appliedOn: '2026-02-03' });
  await addInterview(app, 'a2', { start: '2026-03-02T14:00', end: '2026-03-02T15:00', stage: 'first_round' });
  await addTouch(app, 'a2', { kind: 'status_check', outcome: 'sent', channel: 'email', at: '2026-03-09T10:00' });
  await addTouch(app, 'a2', { kind: 'reply', outcome: 'reply_received', channel: 'email', at: '2026-03-12T10:00' });
  // a3: applied, never interviewed; a4: interviewed Wed 2026-03-11, no answer yet (waiting 7 days).
  await addApplication(app, { id: 'a3', company: 'Initech', role: 'BI Developer', appliedOn: '2026-02-20' });
  await addApplication(app, { id: 'a4', company: 'Umbrella', role: 'Data Scientist', appliedOn: '2026-02-25' });
  await addInterview(app, 'a4', { start: '2026-03-11T10:00', end: '2026-03-11T11:00', stage: 'first_round' });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('the pipeline board', () => {
  it('GET /api/board lists every application with its next action and why', async () => {
    const res = await api.get('/api/board');
    expect(res.status).toBe(200);
    const body = await json(res) as { applications: { id: string; status: string; next: { kind: string; why: string; ideal: string } | null }[]; warnings: { rule: string }[]; statuses: string[] };
    expect(body).toMatchObject({ timeZone: 'America/New_York', now: '2026-03-18T09:00:00-04:00' });
    expect(body.statuses).toEqual(['active', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled']);
    expect(body.applications.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const a4 = body.applications.find((a) => a.id === 'a4');
    expect(a4?.next).toMatchObject({ kind: 'status_check' });
    expect(a4?.next?.why).toEqual(expect.any(String));
    // Four active applications: no "keep searching" yet.
    expect(body.warnings).toEqual([]);
  });

  it('GET /api/board warns to keep searching (P1) when fewer than two applications are active', async () => {
    for (const id of ['a2', 'a3', 'a4']) expect((await api.post(`/api/applications/${id}/status`, { status: 'no_response' })).status).toBe(200);
    const body = await json(await api.get('/api/board')) as { warnings: { rule: string; message: string }[] };
    expect(body.warnings).toEqual([{ rule: 'P1', message: expect.stringMatching(/one active application: keep searching/) }]);
    for (const id of ['a2', 'a3', 'a4']) {
      const res = await api.post(`/api/applications/${id}/status`, { status: 'active' });
      expect(res.status).toBe(200);
    }
  });

  it('POST /api/applications/:id/status moves an application, back to active too', async () => {
    let res = await api.post('/api/applications/a3/status', { status: 'withdrawn' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ from: 'active', application: { status: 'withdrawn' }, next: null });
    res = await api.post('/api/applications/a3/status', { status: 'active' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ from: 'withdrawn', application: { status: 'active' } });
    const board = await json(await api.get('/api/board')) as { applications: { id: string; status: string }[] };
    expect(board.applications.find((a) => a.id === 'a3')?.status).toBe('active');
  });

  it('POST /api/applications/:id/status refuses an unknown status (400 naming it) and an unknown application (404)', async () => {
    let res = await api.post('/api/applications/a3/status', { status: 'hired' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'status' });
    res = await api.post('/api/applications/a3/status', {});
    expect(res.status).toBe(400);
    res = await api.post('/api/applications/nope/status', { status: 'rejected' });
    expect(res.status).toBe(404);
    expect((await json(res))['error']).toMatch(/"nope" not found/);
  });

  it('GET /api/insights gives the funnel and the response times with their medians', async () => {
    const res = await api.get('/api/insights');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body['funnel']).toEqual({ applied: 4, interviewed: 3, offer: 0 });
    expect(body['median']).toEqual({ afterInterview: 6.5, afterCheck: 3 });
    expect(body['answered']).toEqual({ afterInterview: 2, afterCheck: 1 });
    const responses = body['responses'] as { application: { id: string }; afterInterview: unknown; afterCheck: unknown; waiting: number | null }[];
    expect(responses.find((r) => r.application.id === 'a1')).toMatchObject({ afterInterview: { days: 3, from: '2026-03-03', to: '2026-03-06' }, afterCheck: null });
    expect(responses.find((r) => r.application.id === 'a2')).toMatchObject({ afterInterview: { days: 10 }, afterCheck: { days: 3, from: '2026-03-09', to: '2026-03-12' } });
    expect(responses.find((r) => r.application.id === 'a4')).toMatchObject({ afterInterview: null, waiting: 7 });
  });
});

describe('offers, red flags and criteria', () => {
  it('POST /api/applications/:id/offer records an offer and moves the application to offer', async () => {
    const res = await api.post('/api/applications/a1/offer', {
      pay: [{ label: 'Base salary', value: '$95,000' }], benefits: [{ label: 'Holidays', value: '25 days' }], respondBy: '2026-03-27',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      application: { id: 'a1', status: 'offer' }, statusChange: { from: 'active', to: 'offer' },
      // Received today, Wed 2026-03-18, by default.
      offer: { receivedOn: '2026-03-18', respondBy: '2026-03-27', pay: [{ label: 'Base salary', value: '$95,000' }] },
    });
    const again = await json(await api.get('/api/applications/a1/offer'));
    expect(again['offer']).toMatchObject({ benefits: [{ label: 'Holidays', value: '25 days' }] });
  });

  it('POST /api/applications/:id/offer names the bad field', async () => {
    let res = await api.post('/api/applications/a2/offer', { respondBy: '27/03/2026' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'respondBy' });
    // Fri 2026-03-13 is before the offer came (today).
    res = await api.post('/api/applications/a2/offer', { pay: [{ label: 'Base', value: '$90,000' }], respondBy: '2026-03-13' });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'respondBy' });
    res = await api.post('/api/applications/a2/offer', { pay: [{ label: ' ', value: '$90,000' }] });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'pay' });
    res = await api.post('/api/applications/a2/offer', {});
    expect(res.status).toBe(400);
    res = await api.post('/api/applications/a2/offer', { remove: true, notes: 'x' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'remove' });
    res = await api.post('/api/applications/nope/offer', { notes: 'x' });
    expect(res.status).toBe(404);
    res = await api.post('/api/applications/a2/offer', { remove: true });
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ field: 'remove' });
  });

  it('POST /api/applications/:id/flags scores a flag; GET lists all eight with the total', async () => {
    let res = await api.post('/api/applications/a1/flags', { flag: 'r3', score: 3, notes: 'Asked the same questions twice' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ changed: 'R3', cleared: false, total: 3, level: 'concerning' });
    expect((body['flags'] as unknown[]).length).toBe(8);
    res = await api.get('/api/applications/a1/flags');
    expect(await json(res)).toMatchObject({ total: 3, top: ['R3'] });
    res = await api.post('/api/applications/a1/flags', { flag: 'R3', clear: true });
    expect(await json(res)).toMatchObject({ cleared: true, total: 0 });
    // R6 counts double when that interviewer would be the manager, and says who said so.
    res = await api.post('/api/applications/a1/flags', { flag: 'R6', score: 2, manager: true });
    const r6 = ((await json(res))['flags'] as { flag: string }[]).find((f) => f.flag === 'R6');
    expect(r6).toMatchObject({ score: 2, weight: 2, points: 4, source: 'you', manager: { by: 'you', said: true } });
    res = await api.post('/api/applications/a1/flags', { flag: 'R6', clear: true });
    expect(await json(res)).toMatchObject({ total: 0 });
  });

  it('POST /api/applications/:id/flags names the bad field', async () => {
    let res = await api.post('/api/applications/a1/flags', { flag: 'R9', score: 2 });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'flag' });
    res = await api.post('/api/applications/a1/flags', { flag: 'R1', score: 7 });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'score' });
    res = await api.post('/api/applications/a1/flags', { flag: 'R1', score: 'high' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'score' });
    res = await api.post('/api/applications/a1/flags', { flag: 'R2', manager: true });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'manager' });
    res = await api.post('/api/applications/nope/flags', { flag: 'R1', score: 1 });
    expect(res.status).toBe(404);
  });

  it('POST /api/criteria adds, reweighs and removes criteria', async () => {
    let res = await api.post('/api/criteria', { set: [{ name: 'Growth', weight: 3 }, { name: 'Commute', weight: 1 }] });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ criteria: [{ name: 'Growth', weight: 3 }, { name: 'Commute', weight: 1 }] });
    res = await api.post('/api/criteria', { set: [{ name: 'growth', weight: 4 }], remove: ['Commute'] });
    expect(await json(res)).toEqual({ criteria: [{ name: 'Growth', weight: 4 }] });
    expect(await json(await api.get('/api/criteria'))).toEqual({ criteria: [{ name: 'Growth', weight: 4 }] });
  });

  it('POST /api/criteria names the bad field', async () => {
    let res = await api.post('/api/criteria', { set: [{ name: 'Team', weight: 11 }] });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'set' });
    res = await api.post('/api/criteria', { remove: ['Salary'] });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'remove' });
    res = await api.post('/api/criteria', { set: [{ name: 'Team' }] });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'set[0].weight' });
  });

  it('POST /api/applications/:id/ratings rates an application and gives its weighted score', async () => {
    const res = await api.post('/api/applications/a1/ratings', { ratings: [{ criterion: 'Growth', rating: 4 }] });
    expect(res.status).toBe(200);
    expect((await json(res))['criteria']).toMatchObject({ points: 16, max: 20, percent: 80, lines: [{ name: 'Growth', weight: 4, rating: 4, points: 16 }] });
    expect((await json(await api.get('/api/applications/a1/ratings')))['criteria']).toMatchObject({ points: 16 });
  });

  it('POST /api/applications/:id/ratings names the bad field', async () => {
    let res = await api.post('/api/applications/a1/ratings', { ratings: [{ criterion: 'Salary', rating: 4 }] });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'criterion' });
    res = await api.post('/api/applications/a1/ratings', { ratings: [{ criterion: 'Growth', rating: 6 }] });
    expect(res.status).toBe(422);
    res = await api.post('/api/applications/a1/ratings', { ratings: [] });
    expect(res.status).toBe(422);
    res = await api.post('/api/applications/a1/ratings', { criterion: 'Growth' });
    expect(res.status).toBe(400);
    res = await api.post('/api/applications/nope/ratings', { ratings: [{ criterion: 'Growth', rating: 4 }] });
    expect(res.status).toBe(404);
  });

  it('GET /api/offers/compare compares the offers side by side (the given ones, or every offer)', async () => {
    await api.post('/api/applications/a2/offer', { pay: [{ label: 'Base salary', value: '$90,000' }] });
    await api.post('/api/applications/a2/ratings', { ratings: [{ criterion: 'Growth', rating: 2 }] });
    let res = await api.get('/api/offers/compare');
    expect(res.status).toBe(200);
    let body = await json(res) as { criteria: unknown[]; applications: { application: { id: string }; criteria: { points: number }; offer: unknown }[] };
    expect(body.applications.map((a) => a.application.id)).toEqual(['a1', 'a2']);
    expect(body.applications.map((a) => a.criteria.points)).toEqual([16, 8]);
    res = await api.get('/api/offers/compare?ids=a2,a1');
    body = await json(res) as typeof body;
    expect(body.applications.map((a) => a.application.id)).toEqual(['a2', 'a1']);
    res = await api.get('/api/offers/compare?ids=a1');
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'applications' });
    res = await api.get('/api/offers/compare?ids=a1,nope');
    expect(res.status).toBe(404);
  });
});
