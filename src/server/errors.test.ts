/** Errors at the HTTP edge: zod's issues in the records' words, and the profile's contact details refused at their field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { saveProfile } from '../app/records.js';
import { LOCAL_USER } from '../app/ports.js';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { fromZod } from './errors.js';
import { memoryDeps, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from './testing.js';

describe('fromZod', () => {
  const Shape = z.strictObject({
    company: z.string().min(1).max(200), stage: z.enum(['phone_screen', 'first_round']), count: z.number().int().min(0).max(5),
    people: z.array(z.strictObject({ name: z.string().min(1), email: z.email().optional() })).optional(),
  });
  const first = (value: unknown): { message: string; field: string | undefined } => {
    const result = Shape.safeParse(value);
    if (result.success) throw new Error('expected an issue');
    const e = fromZod(result.error, 'body');
    return { message: e.message, field: e.field };
  };

  it.each([
    [{ stage: 'final', count: 1 }, 'company: is required (string)', 'company'],
    [{ company: '', stage: 'first_round', count: 1 }, 'company: is required; it cannot be empty', 'company'],
    [{ company: 'x'.repeat(201), stage: 'first_round', count: 1 }, 'company: is too long: at most 200 characters', 'company'],
    [{ company: 'Acme', stage: 'final', count: 1 }, 'stage: is not allowed; use one of phone_screen, first_round', 'stage'],
    [{ company: 'Acme', stage: 'first_round', count: 9 }, 'count: must be 5 or less', 'count'],
    [{ company: 'Acme', stage: 'first_round', count: 1, people: [{ name: '' }] }, 'people[0].name: is required; it cannot be empty', 'people[0].name'],
    [{ company: 'Acme', stage: 'first_round', count: 1, people: [{ name: 'G', email: 'no' }] }, 'people[0].email: is not an email address; write it as name@example.com', 'people[0].email'],
    [{ company: 'Acme', stage: 'first_round', count: 1, colour: 'red' }, 'body: unknown field "colour"', undefined],
  ])('%#: %j', (value, message, field) => {
    expect(first(value)).toEqual({ message, field });
  });
});

describe('POST /api/profile: your email and phone', () => {
  let deps: Deps;
  let api: TestClient;

  beforeAll(async () => {
    deps = await memoryDeps();
    await saveProfile({ store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id }, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee' });
    api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
  }, 60_000);

  afterAll(async () => deps.store.close());

  it.each([
    [{ email: 'jordan@' }, 'candidate.email', 'candidate.email: "jordan@" is not an email address; write it as name@example.com'],
    [{ phone: 'call me' }, 'candidate.phone', 'candidate.phone: "call me" is not a phone number; write its digits, with + and the country code when it is abroad, e.g. +1 212 555 0100'],
  ])('%j is refused naming %s, and nothing is saved', async (candidate, field, error) => {
    const res = await api.post('/api/profile', { candidate });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error, field, problem: { code: 'bad_input', path: field } });
    const profile = await (await api.get('/api/profile')).json() as { candidate: Record<string, unknown> };
    expect(profile.candidate['email']).toBeUndefined();
    expect(profile.candidate['phone']).toBeUndefined();
  });

  it('a valid email and phone are saved, and an emptied one is cleared', async () => {
    expect((await api.post('/api/profile', { candidate: { email: 'jordan@example.com', phone: '+1 (212) 555-0100' } })).status).toBe(200);
    let profile = await (await api.get('/api/profile')).json() as { candidate: Record<string, unknown> };
    expect(profile.candidate).toMatchObject({ email: 'jordan@example.com', phone: '+1 (212) 555-0100' });
    expect((await api.post('/api/profile', { candidate: { phone: null } })).status).toBe(200);
    profile = await (await api.get('/api/profile')).json() as { candidate: Record<string, unknown> };
    expect(profile.candidate['phone']).toBeUndefined();
  });
});
