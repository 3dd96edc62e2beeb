/** The debrief form's live preview: the sentence each field becomes in a thank-you, or why it is left out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { CSRF_HEADER } from '../security.js';
import { seeded, signedInAt, type TestClient } from '../testing.js';

// Tue 2026-03-03 14:00 in New York: the morning interview (10:00–11:00) is over.
const NOW = Date.UTC(2026, 2, 3, 19);

let deps: Deps;
let api: TestClient;

type Body = Record<string, unknown>;
interface Preview { sentence: string | null; leftOut: { field: string; personId: string | null; text: string; reason: string }[] }
const json = async (res: Response): Promise<Body> => await res.json() as Body;

const created = seeded;

async function preview(request: Body, application = 'a1'): Promise<Preview> {
  const res = await api.post(`/api/applications/${application}/debrief-preview`, request);
  if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${await res.text()}`);
  return await res.json() as Preview;
}

beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
  await created(api.post('/api/profile', {
    settings: { timeZone: 'America/New_York', region: 'US' },
    candidate: { name: 'Jordan Lee', email: 'jordan@example.com' },
  }));
  await created(api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' }));
  await created(api.post('/api/applications', { company: 'Globex', role: 'Analyst', appliedOn: '2026-02-12' }));
  await created(api.post('/api/applications/a1/people', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics' }));
  await created(api.post('/api/applications/a1/people', { name: 'Sam Reyes', honorific: 'Mr.', title: 'Senior Analyst' }));
  await created(api.post('/api/applications/a2/people', { name: 'Lee Park', honorific: 'Ms.' }));
  await created(api.post('/api/applications/a2/interviews', {
    start: '2026-03-02T10:00', end: '2026-03-02T11:00', stage: 'first_round', peopleIds: ['p1'],
    debrief: { bestMoments: 'the forecasting exercise' },
  }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('POST /api/applications/:id/debrief-preview: the sentence a field becomes', () => {
  it('a third-person detail is written to "you", without "She mentioned", before the interview is recorded', async () => {
    const p = await preview({ field: 'details', person: 'p1', peopleIds: ['p1', 'p2'], text: 'She mentioned the team is moving to a four-day week pilot' });
    expect(p.sentence).toContain('the team is moving to a four-day week pilot');
    expect(p.sentence).not.toMatch(/\bshe\b|mentioned/i);
    expect(p.leftOut).toEqual([]);
  });

  it.each([
    ['a topic', 'her team\u2019s move to Snowflake', /your team\u2019s move to Snowflake|your team's move to Snowflake/],
    ['a sentence', 'She said the team is moving to Snowflake this year.', /that the team is moving to Snowflake this year/],
  ])('both forms work for a detail: %s', async (_, text, expected) => {
    const p = await preview({ field: 'details', person: 'p1', text });
    expect(p.sentence).toMatch(expected);
    expect(p.leftOut).toEqual([]);
  });

  it('a person typed in the form, not recorded yet, is "you" in their own detail (named by the ref the form sent)', async () => {
    const p = await preview({
      field: 'details', person: 'new:0', people: [{ name: 'Tom Hale', honorific: 'Mr.' }], peopleIds: ['p1', 'new:0'],
      text: 'Tom said the data team is hiring two analysts; he leads the hiring',
    });
    expect(p.sentence).toContain('the data team is hiring two analysts');
    expect(p.sentence).not.toMatch(/\bTom\b/);
    expect(p.leftOut).toEqual([{ field: 'details', personId: 'new:0', text: expect.stringContaining('he leads the hiring') as string, reason: 'several_points' }]);
  });

  it('a best moment becomes first person; the second point is listed as left out', async () => {
    const p = await preview({ field: 'bestMoments', peopleIds: ['p1'], text: 'Walked them through the checkout redesign case study; they asked for the research plan' });
    expect(p.sentence).toMatch(/walking you through the checkout redesign case study/i);
    expect(p.leftOut).toEqual([{ field: 'bestMoments', personId: null, text: 'they asked for the research plan', reason: 'several_points' }]);
  });

  it('in a panel interview the moments are written to the panel', async () => {
    const p = await preview({ field: 'bestMoments', peopleIds: ['p1', 'p2'], panel: true, text: 'Walked them through the checkout redesign case study' });
    expect(p.sentence).toMatch(/walking the panel through the checkout redesign case study/i);
  });

  it('an obvious typo is corrected with the dictionary (L12)', async () => {
    const p = await preview({ field: 'awkwardMoments', text: 'my answer on the dashbord migration' });
    expect(p.sentence).toContain('dashboard migration');
  });

  it.each([
    ['markup', 'awkwardMoments', '<script>alert(1)</script>'],
    ['no_words', 'bestMoments', '!!! :) ...'],
    ['not_english', 'unfinishedAnswers', 'wie ich die Berichte für das Team prüfen würde und was wir dann machen'],
    ['tone', 'bestMoments', 'the part when we compared it with Globex'],
  ])('left out, with the reason: %s', async (reason, field, text) => {
    const p = await preview({ field, text, ...(field === 'details' ? { person: 'p1' } : {}) });
    expect(p.sentence).toBeNull();
    expect(p.leftOut.map((l) => l.reason)).toEqual([reason]);
  });

  it('an empty text has no sentence and nothing left out; an application without people still previews its moments', async () => {
    await expect(preview({ field: 'bestMoments', text: '   ' })).resolves.toEqual({ sentence: null, leftOut: [] });
    await created(api.post('/api/applications', { company: 'Initech', role: 'Analyst' }));
    const p = await preview({ field: 'unfinishedAnswers', text: 'how I would audit the revenue dashboards' }, 'a3');
    expect(p.sentence).toContain('how I would audit the revenue dashboards');
  });

  it('in a recorded interview: its people and zone, only this field', async () => {
    const p = await preview({ field: 'details', person: 'p1', interview: 'i1', text: 'the plan to move reporting to dbt' }, 'a2');
    expect(p.sentence).toContain('the plan to move reporting to dbt');
    const best = await preview({ field: 'bestMoments', interview: 'i1', text: 'the forecasting exercise' }, 'a2');
    expect(best.sentence).toContain('the forecasting exercise');
  });

  it('stores nothing', async () => {
    const before = await json(await api.get('/api/applications/a1'));
    await preview({ field: 'details', person: 'new:0', people: [{ name: 'Tom Hale' }], peopleIds: ['new:0'], text: 'the hiring plan' });
    const after = await json(await api.get('/api/applications/a1'));
    expect(after['application']).toEqual(before['application']);
  });
});

describe('refusals name the part at fault in words', () => {
  // `error` and `field` as ever (the terminal's words, the part named in words); `problem` the reason as data and the web app's sentence.
  const TOO_LONG = (length: number) => ({ reason: 'preview.too_long', params: { length, max: 2_000 }, message: `Too long: ${length.toLocaleString('en-US')} characters. Shorten it to 2,000 at most.` });
  const RELOAD = 'The preview could not be made from this form. Reload the page and try again.';
  const NOT_A_PERSON = { reason: 'preview.unknown_person', params: {}, message: 'This person is not on this application or in the form.' };
  it.each([
    [{ field: 'bestMoments', text: 'x'.repeat(2_001) }, 'text', 'Best moments: 2,001 characters; the most is 2,000 — shorten it', TOO_LONG(2_001)],
    [{ field: 'details', person: 'p1', text: 'y'.repeat(3_000) }, 'text', 'The detail from Grace Okafor\u2019s conversation: 3,000 characters; the most is 2,000 — shorten it', TOO_LONG(3_000)],
    [{ field: 'details', text: 'the hiring plan' }, 'person', 'The detail: say whose conversation it is from',
      { reason: 'preview.whose_detail', params: {}, message: 'Say whose conversation the detail is from.' }],
    [{ field: 'details', person: 'p9', text: 'the hiring plan' }, 'person', 'The person: not one of the people of this application or of the form', NOT_A_PERSON],
    [{ field: 'details', person: 'new:1', people: [{ name: 'Tom Hale' }], text: 'the hiring plan' }, 'person', 'The person: not one of the people of this application or of the form', NOT_A_PERSON],
    [{ field: 'concerns', text: 'the hiring plan' }, 'field', 'The debrief field: one of bestMoments, awkwardMoments, unfinishedAnswers, details',
      { reason: 'preview.invalid', params: { issue: 'one of bestMoments, awkwardMoments, unfinishedAnswers, details' }, message: RELOAD }],
    [{ field: 'bestMoments' }, 'text', expect.stringMatching(/^The text: /) as string, { reason: 'preview.invalid', message: RELOAD }],
    [{ field: 'bestMoments', text: 'the plan', interview: 'i7' }, 'interview', 'The interview: not one of this application’s interviews',
      { reason: 'preview.unknown_interview', params: {}, message: 'This interview is not one of this application’s interviews.' }],
    [{ field: 'bestMoments', text: 'the plan', colour: 'red' }, 'body', expect.stringMatching(/^The preview: /) as string, { reason: 'preview.invalid', message: RELOAD }],
  ])('%#: 422', async (request, field, error, problem) => {
    const res = await api.post('/api/applications/a1/debrief-preview', request);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(['error', 'field', 'problem']);
    expect(body).toMatchObject({ field, error, problem: { code: 'bad_input', path: field, ...problem } });
  });

  it('an unknown application is 404; a write without the CSRF header is refused', async () => {
    expect((await api.post('/api/applications/a9/debrief-preview', { field: 'bestMoments', text: 'the plan' })).status).toBe(404);
    const res = await api.post('/api/applications/a1/debrief-preview', { field: 'bestMoments', text: 'the plan' }, { headers: { [CSRF_HEADER]: '' } });
    expect(res.status).toBe(403);
  });
});
