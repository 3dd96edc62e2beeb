/** The draft editor's routes: the live tone check in the application's context, and the .eml download. */
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { seeded, signedInAt, type TestClient } from '../testing.js';

// Tue 2026-03-03 14:00 in New York: the morning interview (10:00–11:00) is over.
const NOW = Date.UTC(2026, 2, 3, 19);

let deps: Deps;
let api: TestClient;

type Body = Record<string, unknown>;
interface FindingJson { rule: string; code: string; start: number; end: number; message: string; suggestion: string; replacement: string | null }
const json = async (res: Response): Promise<Body> => await res.json() as Body;
const findingsOf = async (res: Response): Promise<FindingJson[]> => (await json(res))['findings'] as FindingJson[];

const created = seeded;

async function draftBody(person: string, kind = 'thank_you'): Promise<string> {
  const res = await api.get(`/api/applications/a1/drafts?kind=${kind}&person=${person}`);
  return String(((await json(res))['draft'] as Body)['body']);
}

beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
  await created(api.post('/api/profile', {
    settings: { timeZone: 'America/New_York', region: 'US' },
    candidate: { name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100' },
  }));
  await created(api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' }));
  await created(api.post('/api/applications', { company: 'Globex', role: 'Analyst', appliedOn: '2026-02-12' }));
  await created(api.post('/api/applications/a1/people', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' }));
  await created(api.post('/api/applications/a1/people', { name: 'Sam Reyes', honorific: 'Mr.', title: 'Senior Analyst', email: 'sam@acme.example' }));
  await created(api.post('/api/applications/a1/people', { name: 'Lee Park', honorific: 'Ms.', title: 'Recruiter' }));
  await created(api.post('/api/applications/a1/interviews', {
    start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1', 'p2'],
    debrief: { details: { p1: 'your plan to move reporting to dbt', p2: 'the churn dashboard rebuild' } },
  }));
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

describe('POST /api/applications/:id/tone', () => {
  it('a generated thank-you is clean, and is compared with the other interviewer\'s note (L7)', async () => {
    const text = await draftBody('p1');
    const res = await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body['siblings']).toBe(1);
    expect((body['findings'] as FindingJson[]).filter((f) => f.rule === 'L7')).toEqual([]);
    expect(String(body['mailto'])).toMatch(/^mailto:g\.okafor@acme\.example\?subject=/);
  });

  it('L7: a copy of the note Sam Reyes gets, readdressed to Dr. Okafor, is near-identical', async () => {
    const theirs = await draftBody('p2');
    const text = theirs.replace(/Mr\. Reyes/g, 'Dr. Okafor');
    const findings = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text }));
    const l7 = findings.filter((f) => f.rule === 'L7');
    expect(l7).toHaveLength(1);
    expect(l7[0]).toMatchObject({ code: 'near_duplicate', replacement: null });
    expect(l7[0]?.message).toMatch(/% the same as note/);
  });

  it('L7 uses the text actually sent to Sam Reyes once it is recorded', async () => {
    const sentText = 'Dear Mr. Reyes,\n\nThank you for meeting me about the Data Analyst post at Acme Corp. I enjoyed hearing how the team rebuilt the churn dashboard, and I would welcome the chance to join you.\n\nBest regards,\nJordan Lee';
    await created(api.post('/api/applications/a1/touches', { kind: 'thank_you', personId: 'p2', text: sentText }));
    const mine = sentText.replace('Mr. Reyes', 'Dr. Okafor');
    const findings = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text: mine }));
    expect(findings.map((f) => f.rule)).toContain('L7');
    // The generated note for Dr. Okafor does not resemble what was sent to Sam Reyes.
    const own = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text: await draftBody('p1') }));
    expect(own.map((f) => f.rule)).not.toContain('L7');
  });

  it('L8: naming another application\'s company is an error whose fix is this company', async () => {
    const text = (await draftBody('p1')).replace(/Acme Corp/, 'Globex');
    const findings = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text }));
    const l8 = findings.find((f) => f.rule === 'L8' && f.code === 'other_company');
    expect(l8).toBeDefined();
    expect(text.slice(l8?.start, l8?.end)).toBe('Globex');
    expect(l8?.replacement).toBe('Acme Corp');
  });

  it('L2 and L4 are found where typed; the exclamation\'s fix replaces its span', async () => {
    const base = await draftBody('p1');
    const text = base.replace(/\.\n/, '!! Please reply ASAP.\n');
    const findings = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text }));
    const l2 = findings.find((f) => f.rule === 'L2');
    expect(l2).toMatchObject({ code: 'exclamation_run', replacement: '.' });
    expect(text.slice(l2?.start, l2?.end)).toBe('!!');
    const l4 = findings.find((f) => f.rule === 'L4');
    expect(text.slice(l4?.start, l4?.end)).toMatch(/ASAP/);
    // Applying the fix and removing the pressure leaves a clean note.
    const fixed = `${text.slice(0, l2?.start)}.${text.slice(l2?.end)}`.replace(' Please reply ASAP.', '');
    const after = await findingsOf(await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1', text: fixed }));
    expect(after.filter((f) => f.rule === 'L2' || f.rule === 'L4')).toEqual([]);
  });

  it('bad input names the field: 400 for the shape, 422 for an unknown person, 404 for an unknown application', async () => {
    const noText = await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p1' });
    expect(noText.status).toBe(400);
    expect(await json(noText)).toMatchObject({ field: 'text' });
    const badKind = await api.post('/api/applications/a1/tone', { kind: 'love_letter', person: 'p1', text: 'Hi' });
    expect(badKind.status).toBe(400);
    expect(await json(badKind)).toMatchObject({ field: 'kind' });
    const unknown = await api.post('/api/applications/a1/tone', { kind: 'thank_you', person: 'p9', text: 'Hi' });
    expect(unknown.status).toBe(422);
    expect(await json(unknown)).toMatchObject({ field: 'person' });
    expect(String((await api.post('/api/applications/a1/tone', { kind: 'status_check', text: 'Hi' }).then(json))['error'])).toMatch(/^person: required/);
    const missing = await api.post('/api/applications/a9/tone', { kind: 'thank_you', person: 'p1', text: 'Hi' });
    expect(missing.status).toBe(404);
  });
});

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => ({ name: v.name, address: v.address })));

describe('POST /api/applications/:id/drafts/eml', () => {
  it('answers the edited note as an RFC 5322 attachment: From the candidate, To from the records', async () => {
    const text = 'Dear Dr. Okafor,\n\nThank you for our conversation about moving reporting to dbt.\n\nBest regards,\nJordan Lee';
    const res = await api.post('/api/applications/a1/drafts/eml', { kind: 'thank_you', person: 'p1', subject: 'Thank you — Data Analyst interview', body: text });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="thank-you-email-grace-okafor.eml"');
    const mail = await simpleParser(Buffer.from(await res.arrayBuffer()));
    expect(addresses(mail.from)).toEqual([{ name: 'Jordan Lee', address: 'jordan@example.com' }]);
    expect(addresses(mail.to)).toEqual([{ name: 'Grace Okafor', address: 'g.okafor@acme.example' }]);
    expect(addresses(mail.cc)).toEqual([]);
    expect(mail.subject).toBe('Thank you — Data Analyst interview');
    expect(mail.text?.trimEnd()).toBe(text);
    expect(mail.date?.toISOString()).toBe('2026-03-03T19:00:00.000Z');
  });

  it('a panel note copies the other panelists (Cc)', async () => {
    await created(api.post('/api/applications/a1/interviews', {
      start: '2026-03-03T12:00', end: '2026-03-03T13:00', stage: 'second_round', peopleIds: ['p1', 'p2'], panel: true, panelLeadId: 'p1',
    }));
    const res = await api.post('/api/applications/a1/drafts/eml', { kind: 'thank_you', person: 'p1', interview: 'i2', subject: 'Thank you', body: 'Dear Dr. Okafor,\n\nThank you.\n\nJordan Lee' });
    expect(res.status).toBe(200);
    const mail = await simpleParser(Buffer.from(await res.arrayBuffer()));
    expect(addresses(mail.to)).toEqual([{ name: 'Grace Okafor', address: 'g.okafor@acme.example' }]);
    expect(addresses(mail.cc)).toEqual([{ name: 'Sam Reyes', address: 'sam@acme.example' }]);
  });

  it('names the field at fault: an empty body (400), a recipient without email (422)', async () => {
    const empty = await api.post('/api/applications/a1/drafts/eml', { kind: 'thank_you', person: 'p1', subject: 'Thanks', body: '' });
    expect(empty.status).toBe(400);
    expect(await json(empty)).toMatchObject({ field: 'body' });
    const noSubject = await api.post('/api/applications/a1/drafts/eml', { kind: 'thank_you', person: 'p1', body: 'x' });
    expect(noSubject.status).toBe(400);
    expect(await json(noSubject)).toMatchObject({ field: 'subject' });
    const noEmail = await api.post('/api/applications/a1/drafts/eml', { kind: 'status_check', person: 'p3', subject: 'Checking in', body: 'Dear Ms. Park' });
    expect(noEmail.status).toBe(422);
    const body = await json(noEmail);
    expect(body).toMatchObject({ field: 'to' });
    expect(String(body['error'])).toMatch(/Lee Park has no email address/);
  });
});

describe('GET /api/applications/:id/drafts', () => {
  it('lists the debrief input the draft leaves out, with the reason and whose detail it was', async () => {
    await created(api.post('/api/applications/a2/people', { name: 'Ana Ortiz', honorific: 'Ms.', email: 'ana@globex.example' }));
    await created(api.post('/api/applications/a2/interviews', {
      start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'],
      debrief: { bestMoments: '<b>the forecast</b>', details: { p1: 'She said the team is moving to Snowflake. They also hire two analysts.' } },
    }));
    const res = await api.get('/api/applications/a2/drafts?kind=thank_you&person=p1');
    expect(res.status).toBe(200);
    const draft = (await json(res))['draft'] as Body;
    expect(String(draft['body'])).toContain('the team is moving to Snowflake');
    expect(draft['leftOut']).toEqual([
      { field: 'details', personId: 'p1', text: 'They also hire two analysts.', reason: 'several_points' },
      { field: 'bestMoments', personId: null, text: '<b>the forecast</b>', reason: 'markup' },
    ]);
  });
});
