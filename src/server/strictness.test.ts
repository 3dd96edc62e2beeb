/**
 * The same rules for every JSON body: a field the route does not know is a 400 naming it (and
 * nothing changes), a body not declared JSON is a 415, one nested too deep a 400 and one too large a
 * 413, each in words. HSTS only over HTTPS. A coach's calendar feed says in words that there is none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateCalendarToken } from '../app/accounts.js';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { accountsWorld, type AccountsWorld } from './testing-accounts.js';
import { signedInAt, TEST_BINDING, TEST_SECRET, type TestClient } from './testing.js';

// Wed 2026-03-04 09:00 in New York.
const NOW = Date.UTC(2026, 2, 4, 14);

let deps: Deps;
let api: TestClient;
beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
  expect((await api.post('/api/profile', { settings: { timeZone: 'America/New_York', region: 'US' }, candidate: { name: 'Jordan Lee' } })).status).toBe(200);
  expect((await api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst' })).status).toBe(201);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

type Body = Record<string, unknown>;
const interview = { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round' };

describe('unknown fields', () => {
  it.each<[string, Body, string, string | undefined]>([
    ['/api/profile', { settings: { timezone: 'Europe/Berlin' } }, 'settings: unknown field "timezone"', 'settings'],
    ['/api/profile', { candidate: { nmae: 'Jordan' } }, 'candidate: unknown field "nmae"', 'candidate'],
    ['/api/profile', { settings: { workday: { start: '08:00', finish: '16:00' } } }, 'settings.workday: unknown field "finish"', 'settings.workday'],
    ['/api/profile', { colour: 'red' }, 'body: unknown field "colour"', undefined],
    ['/api/applications', { company: 'Globex', role: 'Analyst', colour: 'red' }, 'body: unknown field "colour"', undefined],
    ['/api/applications/a1/people', { name: 'Grace Okafor', emial: 'g@acme.example', phnoe: '1' }, 'body: unknown fields "emial", "phnoe"', undefined],
    ['/api/references', { name: 'Ada Byron', relation: 'manager' }, 'body: unknown field "relation"', undefined],
    ['/api/applications/a1/interviews', { ...interview, debrief: { bestMoment: 'the case study' } }, 'debrief: unknown field "bestMoment"', 'debrief'],
    ['/api/applications/a1/interviews/with-people', { people: [{ name: 'Sam Lee', titel: 'CTO' }], interview }, 'people[0]: unknown field "titel"', 'people[0]'],
    ['/api/applications/a1/touches', { kind: 'update', txt: 'hello' }, 'body: unknown field "txt"', undefined],
    ['/api/tone', { text: 'Thank you', recipent: { name: 'Grace Okafor' } }, 'body: unknown field "recipent"', undefined],
    ['/api/tone', { text: 'Thank you', recipient: { name: 'Grace Okafor', honorfic: 'Dr.' } }, 'recipient: unknown field "honorfic"', 'recipient'],
  ])('POST %s %j is 400 naming it, and nothing changes', async (path, body, error, field) => {
    const before = await deps.store.exportAll('local');
    const res = await api.post(path, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(field === undefined ? { error } : { error, field });
    expect(await deps.store.exportAll('local')).toStrictEqual(before);
  });

  it('the fields the records know still pass', async () => {
    expect((await api.post('/api/profile', { settings: { workday: { start: '08:00', end: '16:00' } }, candidate: { signature: 'Jordan' } })).status).toBe(200);
    expect((await api.post('/api/applications/a1/people', { name: 'Grace Okafor', title: 'Head of Data', informal: true })).status).toBe(201);
  });
});

describe('JSON bodies: type, depth and size', () => {
  it('a body not declared JSON is 415, saying which header to send', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await api.send('/api/applications', JSON.stringify({ company: 'Globex', role: 'Analyst' }), type);
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: `this route reads a JSON body: send it with the header Content-Type: application/json (not ${type})` });
    }
    const tone = await api.send('/api/tone', JSON.stringify({ text: 'Thank you' }), 'text/plain');
    expect(tone.status).toBe(415);
    // With a charset, or a +json type, it is JSON.
    expect((await api.send('/api/applications', JSON.stringify({ company: 'Globex', role: 'Analyst' }), 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('nesting deeper than 32 levels is 400 in words, however deep (400,000 levels as in the report)', async () => {
    for (const depth of [33, 400_000]) {
      const res = await api.send('/api/applications', `${'['.repeat(depth)}${']'.repeat(depth)}`, 'application/json');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'body: nested more than 32 levels deep; no record needs that many' });
    }
    const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
    expect((await api.post('/api/applications', { company: 'Globex', role: 'Analyst', notes: deep(40) })).status).toBe(400);
  });

  it('a body over 1 MB is 413 in words', async () => {
    const res = await api.post('/api/applications', { company: 'Globex', role: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large; the limit is 1 MB' });
  });
});

describe('HSTS', () => {
  const hsts = async (options: { publicUrl?: string }, env: { secure?: boolean }) => {
    const app = createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET, ...options });
    const host = options.publicUrl !== undefined ? new URL(options.publicUrl).host : `${TEST_BINDING.host}:${TEST_BINDING.port}`;
    const res = await app.request(`http://${host}/api/session`, { headers: { Host: host } }, env);
    return res.headers.get('strict-transport-security');
  };

  it('is sent over HTTPS (a trusted proxy says so, or the public address is https), never over plain HTTP', async () => {
    expect(await hsts({}, {})).toBeNull();
    expect(await hsts({}, { secure: false })).toBeNull();
    expect(await hsts({}, { secure: true })).toBe('max-age=31536000');
    expect(await hsts({ publicUrl: 'https://afterword.example.org' }, {})).toBe('max-age=31536000');
    expect(await hsts({ publicUrl: 'http://afterword.example.org' }, {})).toBeNull();
  });
});

describe("a coach's calendar feed", () => {
  let world: AccountsWorld;
  beforeAll(async () => { world = await accountsWorld(); }, 60_000);
  afterAll(async () => { await world.close(); });

  it('is refused in words when a coach or an admin asks for one; a job seeker gets theirs', async () => {
    for (const who of ['coach1', 'admin'] as const) {
      const res = await world.write('POST', '/api/calendar/token', {}, await world.signIn(who));
      expect(res.status).toBe(403);
      const { error } = await res.json() as { error: string };
      expect(error).toBe(`a${who === 'admin' ? 'n admin' : ' coach'} account has no calendar feed: the feed holds a job seeker's own follow-ups (thank-yous, checks, calls), and each job seeker makes their own in Settings`);
      expect(error).not.toMatch(/afterword |--/);
    }
    const made = await world.write('POST', '/api/calendar/token', {}, await world.signIn('seeker1'));
    expect(made.status).toBe(201);
    const url = String((await made.json() as Body)['calendarUrl']);
    const feed = await world.request(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('a feed made for a coach before answers 404 in words, with no command to run', async () => {
    const coach = world.users.coach1.account;
    const token = await rotateCalendarToken(world.accountDeps, coach.id);
    const res = await world.request(`/api/calendar.ics?token=${token}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "a coach account has no calendar feed: the feed holds a job seeker's own follow-ups (thank-yous, checks, calls), and each job seeker makes their own in Settings" });
  });
});
