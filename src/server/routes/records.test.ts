import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addPerson, saveProfile } from '../../app/records.js';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import { createServer } from '../app.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Tue 2026-03-03 14:00 in New York: the morning interview ended at 11:00.
const NOW = Date.parse('2026-03-03T14:00:00-05:00');

let deps: Deps;
let api: TestClient;

beforeAll(async () => {
  const base = await memoryDeps();
  deps = { ...base, clock: { now: () => NOW } };
  const app = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  await addApplication(app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addApplication(app, { id: 'a2', company: 'Globex', role: 'Analyst', timeZone: 'Europe/London', region: 'GB-ENG' });
  await addPerson(app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', email: 'g@acme.example' });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;
const timeline = (q: Record<string, string>) => api.get(`/api/timeline?${new URLSearchParams(q).toString()}`);

describe('GET /api/timeline (F0 read before saving)', () => {
  it('"by Friday" after a Tuesday interview is Fri 2026-03-06', async () => {
    // Tue 2026-03-03 → the next Friday, Fri 2026-03-06.
    const res = await timeline({ said: "we'll decide by Friday", interviewEnd: '2026-03-03T11:00', zone: 'America/New_York' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      said: "we'll decide by Friday", understood: true, decisionBy: '2026-03-06', weekday: 'Fri',
      meaning: 'the next such day after the interview', interviewDay: '2026-03-03', timeZone: 'America/New_York',
    });
  });

  it('"within two weeks" counts 14 days from the interview date; the zone defaults to the user\'s', async () => {
    // Tue 2026-03-03 + 14 days = Tue 2026-03-17.
    const body = await json(await timeline({ said: 'within two weeks', interviewEnd: '2026-03-03' }));
    expect(body).toMatchObject({ understood: true, decisionBy: '2026-03-17', weekday: 'Tue', timeZone: 'America/New_York' });
  });

  it('counts from the interview\'s local date in the application\'s zone', async () => {
    // 23:30 Tue 2026-03-03 in New York is Wed 2026-03-04 in London: "tomorrow" is Thu 2026-03-05.
    const body = await json(await timeline({ said: 'tomorrow', interviewEnd: '2026-03-03T23:30:00-05:00', application: 'a2' }));
    expect(body).toMatchObject({ understood: true, decisionBy: '2026-03-05', interviewDay: '2026-03-04', timeZone: 'Europe/London' });
  });

  it('words it cannot read are not guessed: treated as no timeline', async () => {
    const res = await timeline({ said: 'we will be in touch', interviewEnd: '2026-03-03T11:00' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      understood: false, decisionBy: null, said: 'we will be in touch',
      message: 'not understood: treated as no timeline until you give a date', choices: [],
    });
  });

  it('words with two readings come back with both, never one picked', async () => {
    const res = await timeline({ said: 'We should know by next Friday', interviewEnd: '2026-03-04T11:00', zone: 'America/New_York' }); // Wed
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      understood: false, decisionBy: null, message: 'two readings: pick the date they meant',
      choices: [{ decisionBy: '2026-03-06', weekday: 'Fri' }, { decisionBy: '2026-03-13', weekday: 'Fri' }],
    });
  });

  it('a bad zone is 400 naming zone', async () => {
    const res = await timeline({ said: 'by Friday', interviewEnd: '2026-03-03T11:00', zone: 'Mars/Olympus' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body['field']).toBe('zone');
    expect(body['error']).toMatch(/^zone: unknown time zone/);
  });

  it('a bad interview date is 400 (or 422 when impossible) naming interviewEnd; empty words are 400 naming said', async () => {
    const bad = await timeline({ said: 'by Friday', interviewEnd: 'last tuesday' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ field: 'interviewEnd' });
    // Mon 2026-02-30 does not exist.
    const impossible = await timeline({ said: 'by Friday', interviewEnd: '2026-02-30' });
    expect(impossible.status).toBe(422);
    expect(await json(impossible)).toMatchObject({ field: 'interviewEnd' });
    const empty = await timeline({ said: '  ', interviewEnd: '2026-03-03' });
    expect(empty.status).toBe(400);
    expect(await json(empty)).toMatchObject({ field: 'said' });
  });

  it('an unknown application is 404', async () => {
    const res = await timeline({ said: 'by Friday', interviewEnd: '2026-03-03', application: 'a9' });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/applications/:id/interviews/with-people', () => {
  it('records two new people and the interview at once; the plan thanks each', async () => {
    const res = await api.post('/api/applications/a1/interviews/with-people', {
      people: [
        { name: 'Sam Rivera', honorific: 'Mr.', title: 'Data Lead', email: 'sam@acme.example', preferredChannel: 'email' },
        { name: 'Priya Shah', honorific: 'Ms.', email: 'priya@acme.example', informal: true },
      ],
      interview: {
        start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', format: 'video',
        peopleIds: ['p1', 'new:0', 'new:1'], timeline: { said: 'by Friday' },
        debrief: { askedNextSteps: true, bestMoments: 'the churn model', details: { 'new:0': 'his dbt migration', p1: 'the reporting revamp' } },
      },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body['personIds']).toEqual(['p2', 'p3']);
    expect(body['interviewId']).toBe('i1');
    const app = body['application'] as { people: Body[]; interviews: Body[] };
    expect(app.people.map((p) => p['name'])).toEqual(['Grace Okafor', 'Sam Rivera', 'Priya Shah']);
    expect(app.interviews[0]).toMatchObject({
      peopleIds: ['p1', 'p2', 'p3'], timeline: { said: 'by Friday' },
      debrief: { askedNextSteps: true, details: { p2: 'his dbt migration', p1: 'the reporting revamp' } },
    });
    const view = await json(await api.get('/api/applications/a1'));
    const thanks = (view['plan'] as Body[]).filter((r) => r['kind'] === 'thank_you').map((r) => r['personId']);
    expect(thanks.sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('a refused interview writes nothing, not even the new people, and names the field', async () => {
    const res = await api.post('/api/applications/a1/interviews/with-people', {
      people: [{ name: 'Lee Chan', email: 'lee@acme.example' }],
      interview: { start: '2026-03-03T10:00', end: '2026-03-03T09:00', stage: 'first_round', peopleIds: ['new:0'] },
    });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'interview.end' });
    const view = await json(await api.get('/api/applications/a1'));
    expect((view['application'] as { people: Body[] }).people.map((p) => p['name'])).not.toContain('Lee Chan');
  });

  it('a refused person is named people[N].field', async () => {
    const res = await api.post('/api/applications/a1/interviews/with-people', {
      people: [{ name: 'Ok Person' }, { name: 'Zoe Zone', timeZone: 'Mars/Olympus' }],
      interview: { start: '2026-03-04T10:00', end: '2026-03-04T11:00', stage: 'first_round', peopleIds: ['new:0', 'new:1'] },
    });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body['field']).toBe('people[1].timeZone');
    expect(String(body['error'])).toMatch(/^people\[1\]\.timeZone: /);
  });

  it('a person without a name is 400 naming people[0].name', async () => {
    const res = await api.post('/api/applications/a1/interviews/with-people', {
      people: [{ name: '' }], interview: { start: '2026-03-04T10:00', end: '2026-03-04T11:00', stage: 'first_round' },
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'people[0].name' });
  });
});

describe('debrief texts: a limit per field, named in words (422)', () => {
  const interview = (debrief: Body) => ({
    people: [], interview: { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'], debrief }, // Tue 2026-03-03
  });

  it.each([
    [{ bestMoments: 'x'.repeat(10_000) }, 'interview.debrief.bestMoments', 'Best moments: 10,000 characters; the most is 2,000 — shorten it'],
    [{ unfinishedAnswers: 'x'.repeat(2_001) }, 'interview.debrief.unfinishedAnswers', 'Questions you did not answer fully: 2,001 characters; the most is 2,000 — shorten it'],
    [{ details: { p1: 'x'.repeat(3_000) } }, 'interview.debrief.details.p1', 'The detail from Grace Okafor\u2019s conversation: 3,000 characters; the most is 2,000 — shorten it'],
  ])('%#: over the limit is refused naming the field', async (debrief, field, error) => {
    const res = await api.post('/api/applications/a1/interviews/with-people', interview(debrief));
    expect(res.status).toBe(422);
    // `error` and `field` as ever; `problem` the reason as data and the web app's sentence (no path, no id).
    const length = /^[^:]*: ([\d,]+) characters/.exec(error)?.[1] ?? '';
    expect(await json(res)).toEqual({
      error, field,
      problem: { code: 'bad_input', reason: 'record.invalid', path: field, params: { issue: error.slice(error.indexOf(': ') + 2) }, message: `Too long: ${length} characters. Shorten it to 2,000 at most.` },
    });
  });

  it('control characters are taken out, not stored', async () => {
    const res = await api.post('/api/applications/a1/interviews/with-people', interview({ bestMoments: 'the churn\u0007 model\r\nwalkthrough\u001b[0m' }));
    expect(res.status).toBe(201);
    const app = (await json(res))['application'] as { interviews: { debrief?: Body }[] };
    expect(app.interviews.at(-1)?.debrief).toMatchObject({ bestMoments: 'the churn model\nwalkthrough' });
  });

  it('a long debrief stored before the limit does not block later edits of its application', async () => {
    const stored = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    const last = stored?.interviews.at(-1);
    if (!stored || !last) throw new Error('a1 has no interview');
    const long = 'We talked about the churn model. '.repeat(200); // 6,600 characters
    await deps.store.saveApplication(LOCAL_USER.id, { ...stored, interviews: [...stored.interviews.slice(0, -1), { ...last, debrief: { bestMoments: long } }] });
    const res = await api.post('/api/applications/a1/people', { name: 'Lena Chen', email: 'lena@acme.example' });
    expect(res.status).toBe(201);
    const again = await api.post('/api/applications/a1/interviews/with-people', interview({ bestMoments: long }));
    expect(again.status).toBe(422);
  });
});
