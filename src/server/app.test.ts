import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { signedInAt, TEST_BINDING, TEST_SECRET, type TestClient } from './testing.js';

// Wed 2026-03-04 09:00 in New York: the day after the interview.
const NOW = Date.UTC(2026, 2, 4, 14);

let deps: Deps;
let api: TestClient;

beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
});

afterAll(async () => {
  await deps.store.close();
});

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;

describe('the API over the use cases (one story, in order)', () => {
  it('GET /api/today before setup is 422 naming what to do', async () => {
    const res = await api.get('/api/today');
    expect(res.status).toBe(422);
    expect((await json(res))['error']).toMatch(/no profile yet/);
  });

  it('POST /api/profile saves the profile', async () => {
    const res = await api.post('/api/profile', {
      settings: { timeZone: 'America/New_York', region: 'US' },
      candidate: { name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100' },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body['candidate']).toMatchObject({ name: 'Jordan Lee' });
    expect(body['settings']).toMatchObject({ timeZone: 'America/New_York', region: 'US' });
  });

  it('POST /api/profile keeps what it is not given', async () => {
    const res = await api.post('/api/profile', { candidate: { signature: 'Jordan' } });
    expect(res.status).toBe(200);
    expect((await json(res))['candidate']).toMatchObject({ name: 'Jordan Lee', signature: 'Jordan' });
  });

  it('POST /api/references adds a reference', async () => {
    const res = await api.post('/api/references', { name: 'Ada Byron', email: 'ada@example.com', relationship: 'my manager at Globex' });
    expect(res.status).toBe(201);
    expect((await json(res))['reference']).toMatchObject({ id: 'r1', name: 'Ada Byron' });
  });

  it('POST /api/applications records one and answers 201 with its id', async () => {
    const res = await api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body['applicationId']).toBe('a1');
    expect(body['application']).toMatchObject({ company: 'Acme Corp', role: 'Data Analyst', status: 'active' });
  });

  it('POST /api/applications/:id/people adds a person', async () => {
    const res = await api.post('/api/applications/a1/people', {
      name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example', verified: true,
    });
    expect(res.status).toBe(201);
    const app = (await json(res))['application'] as { people: { id: string; name: string }[] };
    expect(app.people).toEqual([expect.objectContaining({ id: 'p1', name: 'Grace Okafor' })]);
  });

  it('POST /api/applications/:id/interviews adds an interview and plans the thank-you', async () => {
    const res = await api.post('/api/applications/a1/interviews', {
      start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'],
      timeline: { said: 'within two weeks' }, debrief: { bestMoments: 'the churn model walkthrough', details: { p1: 'your plan to move reporting to dbt' } },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body['next']).toMatchObject({ kind: 'thank_you', personId: 'p1', applicationId: 'a1' });
  });

  it('GET /api/today lists the thank-you as due, with why', async () => {
    const res = await api.get('/api/today');
    expect(res.status).toBe(200);
    const body = await json(res);
    const all = [...(body['overdue'] as Body[]), ...(body['due'] as Body[]), ...(body['coming'] as Body[])];
    expect(all).toContainEqual(expect.objectContaining({ kind: 'thank_you', company: 'Acme Corp', personId: 'p1' }));
    expect(typeof all[0]?.['why']).toBe('string');
  });

  it('GET /api/week answers the same document over seven days', async () => {
    const res = await api.get('/api/week');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(['coming', 'due', 'now', 'offers', 'overdue', 'until', 'warnings']);
    expect(String(body['until'])).toMatch(/^2026-03-11T00:00/);
  });

  it('GET /api/pipeline counts applications by status', async () => {
    const body = await json(await api.get('/api/pipeline'));
    expect(body['counts']).toMatchObject({ active: 1 });
    expect(body['applications']).toEqual([{ id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active' }]);
  });

  it('GET /api/applications/:id shows the timeline and plan; an unknown id is 404', async () => {
    const res = await api.get('/api/applications/a1');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body['application']).toMatchObject({ id: 'a1', company: 'Acme Corp' });
    expect((body['plan'] as Body[]).map((r) => r['kind'])).toContain('thank_you');
    const missing = await api.get('/api/applications/a9');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ field: 'application' });
  });

  it('GET /api/applications/:id/drafts writes the thank-you with tone findings', async () => {
    const res = await api.get('/api/applications/a1/drafts?person=p1&kind=thank_you_email');
    expect(res.status).toBe(200);
    const body = await json(res);
    const draft = body['draft'] as Body;
    expect(draft['kind']).toBe('thank_you_email');
    expect(String(draft['body'])).toContain('Okafor');
    expect(String(draft['body'])).toContain('dbt');
    expect(Array.isArray(body['findings'])).toBe(true);
  });

  it('GET /api/applications/:id/drafts names the query field at fault', async () => {
    const res = await api.get('/api/applications/a1/drafts?person=p7&kind=thank_you_email');
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'person' });
    const noKind = await api.get('/api/applications/a1/drafts?person=p1');
    expect(noKind.status).toBe(400);
    expect(await json(noKind)).toMatchObject({ field: 'kind' });
    const badKind = await api.get('/api/applications/a1/drafts?person=p1&kind=love_letter');
    expect(badKind.status).toBe(422);
    expect(await json(badKind)).toMatchObject({ field: 'kind', error: expect.stringContaining('thank_you_email') });
  });

  it('POST /api/tone checks a text (L1 emoji, L2 exclamations, L4 pressure)', async () => {
    const res = await api.post('/api/tone', { text: 'Thanks so much!!! Please reply ASAP \u{1F600}', application: { company: 'Acme Corp', role: 'Data Analyst' } });
    expect(res.status).toBe(200);
    const rules = ((await json(res))['findings'] as Body[]).map((f) => f['rule']);
    expect(rules).toEqual(expect.arrayContaining(['L1', 'L2', 'L4']));
  });

  it('POST /api/tone names the field of a bad document', async () => {
    const res = await api.post('/api/tone', { text: 42 });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'text' });
  });

  it('POST /api/applications/:id/touches: a date ahead of now is 422 naming it in words unless futureIntended; a check needs its person', async () => {
    const ahead = await api.post('/api/applications/a1/touches', { kind: 'status_check', personId: 'p1', at: '2026-03-05T10:00' }); // Thu, a day after NOW (Wed)
    expect(ahead.status).toBe(422);
    expect(String((await json(ahead))['error'])).toMatch(/touch\.at: Thursday, March 5, 2026 at 10:00 is in the future;.*futureIntended/);
    const nobody = await api.post('/api/applications/a1/touches', { kind: 'status_check' });
    expect(nobody.status).toBe(422);
    expect(String((await json(nobody))['error'])).toMatch(/touch\.personId: a status check goes to someone; say whom by id: p1 \(/);
    expect((await json(await api.get('/api/applications/a1')))['application']).toMatchObject({ touches: [] });
  });

  it('POST /api/applications/:id/touches: an early status check is held by P2 (409), then recorded with confirm', async () => {
    const early = { kind: 'status_check', personId: 'p1', at: '2026-03-05T10:00', futureIntended: true }; // Thu, meant
    const held = await api.post('/api/applications/a1/touches', early);
    expect(held.status).toBe(409);
    const body = await json(held);
    expect(body['guards']).toEqual([expect.objectContaining({ rule: 'P2', earliest: expect.stringMatching(/^2026-03-/) })]);
    expect((await json(await api.get('/api/applications/a1')))['application']).toMatchObject({ touches: [] });

    const ok = await api.post('/api/applications/a1/touches', { ...early, confirm: ['P2'] });
    expect(ok.status).toBe(201);
    const app = (await json(ok))['application'] as { touches: Body[] };
    expect(app.touches).toEqual([expect.objectContaining({ kind: 'status_check', personId: 'p1' })]);
  });

  it('POST /api/applications/:id/touches: a text naming another company is held by L8', async () => {
    const other = await api.post('/api/applications', { company: 'Globex', role: 'Analyst' });
    expect(other.status).toBe(201);
    const res = await api.post('/api/applications/a1/touches', { kind: 'thank_you', personId: 'p1', text: 'Thank you for the interview at Globex.' });
    expect(res.status).toBe(409);
    expect((await json(res))['guards']).toEqual([expect.objectContaining({ rule: 'L8' })]);
  });

  it('POST /api/applications/:id/touches records the thank-you (at defaults to now)', async () => {
    const res = await api.post('/api/applications/a1/touches', { kind: 'thank_you', personId: 'p1' });
    expect(res.status).toBe(201);
    const app = (await json(res))['application'] as { touches: Body[] };
    expect(app.touches).toContainEqual(expect.objectContaining({ kind: 'thank_you', at: expect.stringMatching(/^2026-03-04T09:00:00/) }));
  });

  it('GET /api/calendar.ics serves the feed with its token (no cookie), and refuses without it', async () => {
    const session = await json(await api.get('/api/session'));
    const url = String(session['calendarUrl']);
    expect(url).toMatch(/^\/api\/calendar\.ics\?token=/);
    const feed = await createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }).request(`http://127.0.0.1:4600${url}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(cal.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    const wrong = await api.get('/api/calendar.ics?token=nope');
    expect(wrong.status).toBe(401);
  });

  it('GET /api/export.xlsx answers a workbook', async () => {
    const res = await api.get('/api/export.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip: "PK"
  });

  it('POST /api/import: a dry run previews and writes nothing; then the import records the rows', async () => {
    const csv = 'Company,Position,Status,Date Applied\nInitech,Analyst,Applied,2026-02-01\nHooli,Engineer,Applied,2026-02-02\n';
    const dry = await api.send('/api/import?dryRun=true', csv, 'text/csv');
    expect(dry.status).toBe(200);
    const preview = await json(dry);
    // A dry run counts what the import would do.
    expect(preview).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rows: 2, dryRun: true, problems: [] });
    expect(preview['preview']).toEqual([expect.objectContaining({ company: 'Initech', action: 'new' }), expect.objectContaining({ company: 'Hooli', action: 'new' })]);
    expect((await json(await api.get('/api/pipeline')))['counts']).toMatchObject({ active: 2 });

    const real = await api.send('/api/import', csv, 'text/csv');
    expect(real.status).toBe(201);
    expect(await json(real)).toMatchObject({ imported: 2, updated: 0, unchanged: 0, dryRun: false });
    expect((await json(await api.get('/api/pipeline')))['counts']).toMatchObject({ active: 4 });
  });

  it('POST /api/import?dryRun=true reads the whole file: a bad row past the preview is reported by its number, with the mapping and the preview', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `Co${i},Analyst,2026-02-0${i + 1}`);
    rows.push('Late Co,Analyst,not a date');
    const res = await api.send('/api/import?dryRun=true', `Company,Position,Date Applied\n${rows.join('\n')}\n`, 'text/csv');
    expect(res.status).toBe(200);
    const dry = await json(res);
    expect(dry['problems']).toEqual([expect.stringMatching(/^row 10: column "Date Applied": /)]);
    expect((dry['preview'] as unknown[]).length).toBeGreaterThan(0);
    expect((dry['info'] as { columns: unknown[] }).columns).toHaveLength(3);
  });

  it('POST /api/import reports bad rows as 422 and writes nothing', async () => {
    const res = await api.send('/api/import', 'Company,Position,Date Applied\nInitech,Analyst,not a date\n', 'text/csv');
    expect(res.status).toBe(422);
    expect((await json(res))['error']).toMatch(/nothing imported/);
    expect((await json(await api.get('/api/pipeline')))['counts']).toMatchObject({ active: 4 });
  });

  it('GET /api/backup then POST /api/restore round-trips (replace must be asked for)', async () => {
    const res = await api.get('/api/backup');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ format: expect.any(String) });

    const refused = await api.send('/api/restore', text, 'application/json');
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ field: 'replace' });
    const restored = await api.send('/api/restore?replace=true', text, 'application/json');
    expect(restored.status).toBe(200);
    expect(await json(restored)).toEqual({ applications: 4 });
    expect(await (await api.get('/api/backup')).text()).toBe(text);
  });

  it('POST /api/applications/:id/close closes it; "active" is refused naming the field', async () => {
    const bad = await api.post('/api/applications/a2/close', { status: 'active' });
    expect(bad.status).toBe(422);
    expect(await json(bad)).toMatchObject({ field: 'status' });
    const res = await api.post('/api/applications/a2/close', { status: 'no_response' });
    expect(res.status).toBe(200);
    expect((await json(res))['application']).toMatchObject({ id: 'a2', status: 'no_response' });
  });

  it('closing it again with another outcome is 409 naming the current one, until the body says "reclose": true', async () => {
    const again = await api.post('/api/applications/a2/close', { status: 'withdrawn' });
    expect(again.status).toBe(409);
    const body = await json(again);
    expect(body['field']).toBe('reclose');
    expect(String(body['error'])).toMatch(/is already closed as no response; send again with "reclose": true to change it to withdrawn$/);
    expect(((await json(await api.get('/api/applications/a2')))['application'] as { status: string }).status).toBe('no_response');
    expect((await api.post('/api/applications/a2/close', { status: 'no_response' })).status).toBe(200); // the same outcome: nothing changes
    const res = await api.post('/api/applications/a2/close', { status: 'withdrawn', reclose: true });
    expect(res.status).toBe(200);
    expect((await json(res))['application']).toMatchObject({ id: 'a2', status: 'withdrawn' });
  });
});

describe('bad bodies', () => {
  it('a missing required field is 400 naming it', async () => {
    const res = await api.post('/api/applications', { role: 'Analyst' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'company' });
  });

  it('an unknown field is 400 naming it (typos do not pass silently)', async () => {
    const res = await api.post('/api/applications', { company: 'X', role: 'Y', appliedOnn: '2026-01-01' });
    expect(res.status).toBe(400);
    expect(String((await json(res))['error'])).toContain('appliedOnn');
  });

  it('a value the records refuse is 422 naming the field', async () => {
    const res = await api.post('/api/applications', { company: 'X', role: 'Y', appliedOn: '2026-13-45' });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ field: 'application.appliedOn' });
  });

  it('a taken id is 409 naming it', async () => {
    const res = await api.post('/api/applications', { company: 'X', role: 'Y', id: 'a1' });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ field: 'application.id' });
  });

  it('a guard confirmation that is not a guard is 400 naming confirm[0]', async () => {
    const res = await api.post('/api/applications/a1/touches', { kind: 'status_check', confirm: ['P9'] });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'confirm[0]' });
  });

  it('malformed JSON is 400', async () => {
    const res = await api.send('/api/applications', '{"company": ', 'application/json');
    expect(res.status).toBe(400);
    expect(await json(res)).toHaveProperty('error');
  });

  it('a body over 1 MB is 413; an import may be larger', async () => {
    const big = await api.post('/api/tone', { text: 'a'.repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    const csv = `Company,Position,Notes\n${Array.from({ length: 3000 }, (_, i) => `Co${i},Role,${'x'.repeat(400)}`).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const upload = await api.send('/api/import?dryRun=1', csv, 'text/csv');
    expect(upload.status).toBe(200);
    const huge = await api.send('/api/import?dryRun=1', 'a'.repeat(10 * 1024 * 1024 + 1), 'text/csv');
    expect(huge.status).toBe(413);
  });
});

describe('user strings are data, never markup', () => {
  it('markup and script in names come back unchanged as JSON strings', async () => {
    const company = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const name = '"><svg onload=alert(1)> O\'Brien';
    const res = await api.post('/api/applications', { company, role: '<b>Lead</b>' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const id = String((await json(res))['applicationId']);
    await api.post(`/api/applications/${id}/people`, { name });
    const shown = await api.get(`/api/applications/${id}`);
    expect(shown.headers.get('content-type')).toMatch(/^application\/json/);
    const app = (await json(shown))['application'] as { company: string; role: string; people: { name: string }[] };
    expect(app.company).toBe(company);
    expect(app.role).toBe('<b>Lead</b>');
    expect(app.people[0]?.name).toBe(name);
    const pipeline = await api.get('/api/pipeline');
    expect(await pipeline.text()).toContain(JSON.stringify(company));
  });
});
