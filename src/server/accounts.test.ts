/**
 * A shared server's defences, each refusal checked for its status, a clear `{ error }` and that
 * nothing stored changed: the sign-in rate limit and lockout, sessions (fixation, sign-out, reset),
 * one-time tokens, CSRF, other users' ids (IDOR), coaches' limits, injection through every text
 * field, oversized bodies and the per-user calendar feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../app/accounts.js';
import { CSRF_HEADER, SESSION_COOKIE } from './security.js';
import { ORIGIN, cookiesOf } from './testing.js';
import {
  ROUTE_SAMPLES, TEST_POLICY, accountsWorld, apiRoutes, jsonOf, routeUrl, type AccountsServer, type AccountsWorld, type SignedIn, type Who,
} from './testing-accounts.js';
import type { RequestEnv } from './request-env.js';

/** A fresh seeded world per describe: some tests move the clock, lock accounts or change passwords. */
function useWorld(): () => AccountsWorld {
  let world: AccountsWorld | undefined;
  beforeAll(async () => {
    world = await accountsWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('the world is not ready');
    return world;
  };
}

/** Everything stored: records and comments of every seeker, accounts, sessions, tokens, assignments, lockout state. */
async function stored(w: AccountsWorld) {
  const seekers: Who[] = ['seeker1', 'seeker2', 'seeker3'];
  return {
    records: await Promise.all(seekers.map((who) => w.store.exportAll(w.users[who].account.id))),
    comments: await Promise.all(seekers.flatMap((who) => w.users[who].applicationIds.map((id) => w.store.accounts.listComments(w.users[who].account.id, id)))),
    accounts: await w.store.accounts.listAccounts(),
    organisations: await w.store.accounts.listOrganisations(),
    users: await w.sql('select id, password_hash, failed_sign_ins, locked_until from users order by id'),
    sessions: await w.sql('select token_hash, user_id, expires_at from sessions order by token_hash'),
    tokens: await w.sql('select token_hash, purpose, user_id, email from tokens order by token_hash'),
    assignments: await w.sql('select coach_id, seeker_id from coach_assignments order by coach_id, seeker_id'),
  };
}

async function errorOf(res: Response): Promise<string> {
  const body = await jsonOf(res);
  expect(typeof body['error'], JSON.stringify(body)).toBe('string');
  expect(String(body['error']).length).toBeGreaterThan(5);
  return String(body['error']);
}

function signInRequest(w: AccountsWorld, email: string, password: string, env: RequestEnv = {}, server?: AccountsServer, headers: Record<string, string> = {}): Promise<Response> {
  return w.request('/api/auth/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers }, body: JSON.stringify({ email, password }),
  }, env, server);
}

const sessionCookie = (res: Response): string | undefined =>
  res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);

const me = async (w: AccountsWorld, cookie: string): Promise<Response> => w.request('/api/me', { headers: { Cookie: cookie } });

// ---------------------------------------------------------------- sign-in

describe('signing in: rate limit per client address', () => {
  const world = useWorld();

  it('the 11th attempt in a minute from one address is 429 with Retry-After, even with the right password; nothing is stored', async () => {
    const w = world();
    const server = w.server(); // the default limit: 10 a minute
    const from = { clientIp: '203.0.113.7' };
    for (let i = 0; i < 10; i++) expect((await signInRequest(w, `nobody${i}@city-careers.example`, 'not the password at all', from, server)).status).toBe(401);
    const before = await stored(w);
    const refused = await signInRequest(w, w.users.seeker2.account.email, w.users.seeker2.password, from, server);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await errorOf(refused)).toMatch(/too many attempts.*wait \d+ s/);
    expect(sessionCookie(refused)).toBeUndefined();
    expect(await stored(w)).toStrictEqual(before);
  });

  it('another address is not affected', async () => {
    const w = world();
    const server = w.server();
    const from = { clientIp: '203.0.113.8' };
    for (let i = 0; i < 10; i++) await signInRequest(w, 'nobody@city-careers.example', 'not the password at all', { clientIp: '203.0.113.9' }, server);
    expect((await signInRequest(w, 'nobody@city-careers.example', 'x', { clientIp: '203.0.113.9' }, server)).status).toBe(429);
    expect((await signInRequest(w, w.users.seeker2.account.email, w.users.seeker2.password, from, server)).status).toBe(200);
  });

  it('counts invitations and resets too, and the window ends after a minute', async () => {
    const w = world();
    const server = w.server();
    const from = { clientIp: '198.51.100.4' };
    const reset = () => w.request('/api/auth/reset-password', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ token: 'guess', password: 'a new long password' }),
    }, from, server);
    for (let i = 0; i < 10; i++) expect((await reset()).status).toBe(422);
    expect((await reset()).status).toBe(429);
    w.clock.advance(60_000);
    expect((await reset()).status).toBe(422);
  });
});

describe('signing in: the limit per email and address, and answers', () => {
  const world = useWorld();
  /** The one answer to a wrong email, a wrong password and an address that is no email: the terminal's words, and the reason with the web app's. */
  const WRONG = { error: 'wrong email or password', problem: { code: 'unauthorized', reason: 'sign_in.wrong', params: {}, message: 'Wrong email or password.' } };

  const answer = async (res: Response) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as unknown, cookies: res.headers.getSetCookie() });

  it('after 5 failed tries for one email from one address, that address waits a minute (429) — exactly alike for an email with no account; the count starts again after the wait', async () => {
    const w = world();
    const server = w.server({ signInsPerMinute: 1_000 });
    const { account, password } = w.users.seeker3;
    const from = { clientIp: '198.51.100.20' };
    const tries = async (email: string, last: string) => {
      const seen = [];
      for (let i = 1; i <= 5; i++) seen.push(await answer(await signInRequest(w, email, `wrong password number ${i}`, from, server)));
      seen.push(await answer(await signInRequest(w, email, last, from, server)));
      return seen;
    };
    const real = await tries(account.email, password);
    const none = await tries('nobody-at-all@city-careers.example', password);
    const wrong = { status: 401, retryAfter: null, body: WRONG, cookies: [] };
    const waiting = {
      status: 429, retryAfter: '60', cookies: [],
      body: { error: 'too many sign-ins with this email from your address did not succeed; wait 1 minute and try again, or ask an admin for a reset link' },
    };
    expect(real).toStrictEqual([wrong, wrong, wrong, wrong, wrong, waiting]);
    // Nothing tells the account that exists from the one that does not.
    expect(none).toStrictEqual(real);
    // Nothing is written for a failed sign-in (an account's row would tell it exists, by its timing).
    expect((await w.sql<{ failed_sign_ins: number; locked_until: unknown }>('select failed_sign_ins, locked_until from users where id = $1', [account.id]))[0])
      .toStrictEqual({ failed_sign_ins: 0, locked_until: null });

    // The person, elsewhere, is not held up.
    expect((await signInRequest(w, account.email, password, { clientIp: '198.51.100.21' }, server)).status).toBe(200);
    w.clock.advance(60_000);
    // After the wait the count starts again: four more tries are answered, not refused.
    for (let i = 0; i < 4; i++) expect((await signInRequest(w, account.email, 'still not it, sorry', from, server)).status).toBe(401);
    expect((await signInRequest(w, account.email, password, from, server)).status).toBe(200);
  });

  it('the waits of one address grow (1, 2, 4, 8 minutes…) while it keeps failing', async () => {
    const w = world();
    const server = w.server({ signInsPerMinute: 1_000 });
    const from = { clientIp: '198.51.100.30' };
    const waits: (string | null)[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) await signInRequest(w, 'guessing@city-careers.example', `guess ${round}-${i}`, from, server);
      const refused = await signInRequest(w, 'guessing@city-careers.example', 'one more', from, server);
      waits.push(refused.headers.get('retry-after'));
      w.clock.advance(Number(refused.headers.get('retry-after')) * 1000);
    }
    expect(waits).toEqual(['60', '120', '240', '480']);
  });

  it('failures spread over many addresses make new addresses wait 15 minutes, never one the person signed in from; then the count starts again', async () => {
    const w = world();
    const server = w.server({ signInsPerMinute: 1_000 });
    const { account, password } = w.users.seeker2;
    const home = { clientIp: '198.51.100.40' };
    expect((await signInRequest(w, account.email, password, home, server)).status).toBe(200);
    const spread = async (email: string) => {
      for (let i = 0; i < 20; i++) expect((await signInRequest(w, email, `botnet guess ${i}`, { clientIp: `203.0.113.${100 + i}` }, server)).status).toBe(401);
      return answer(await signInRequest(w, email, password, { clientIp: '198.51.100.41' }, server));
    };
    const real = await spread(account.email);
    expect(real).toStrictEqual({
      status: 429, retryAfter: '900', cookies: [],
      body: { error: 'too many sign-ins with this email did not succeed recently; wait 15 minutes and try again (where you have signed in with it before, you need not wait)' },
    });
    expect(await spread('no-such-person@city-careers.example')).toStrictEqual(real);
    // Home is not held up.
    expect((await signInRequest(w, account.email, password, home, server)).status).toBe(200);
    w.clock.advance(15 * 60_000);
    // A new address signs in after the cool-down; one more failure then is only a failure.
    expect((await signInRequest(w, account.email, 'a wrong one after the wait', { clientIp: '198.51.100.42' }, server)).status).toBe(401);
    expect((await signInRequest(w, account.email, password, { clientIp: '198.51.100.43' }, server)).status).toBe(200);
  });

  it('a wrong email and a wrong password get the same answer', async () => {
    const w = world();
    const answers = await Promise.all([
      signInRequest(w, 'nobody@city-careers.example', 'some long password'),
      signInRequest(w, w.users.seeker1.account.email, 'some long password'),
      signInRequest(w, 'not an email', 'some long password'),
    ]);
    const seen = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() as unknown, cookies: r.headers.getSetCookie() })));
    expect(seen[0]).toStrictEqual({ status: 401, body: WRONG, cookies: [] });
    expect(seen[1]).toStrictEqual(seen[0]);
    expect(seen[2]).toStrictEqual(seen[0]);
  });
});

// ---------------------------------------------------------------- sessions and one-time tokens

describe('sessions', () => {
  const world = useWorld();

  it('a session id planted before sign-in is not the one after, and does not work', async () => {
    const w = world();
    const planted = 'planted-by-someone-else';
    const res = await signInRequest(w, w.users.seeker1.account.email, w.users.seeker1.password, {}, undefined, { Cookie: `${SESSION_COOKIE}=${planted}` });
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(planted);
    expect((await me(w, `${SESSION_COOKIE}=${planted}`)).status).toBe(401);
    expect((await me(w, `${SESSION_COOKIE}=${fresh ?? ''}`)).status).toBe(200);
  });

  it("a real session planted in the victim's browser is ended by the victim's sign-in, never promoted", async () => {
    const w = world();
    const attacker = await w.signIn('seeker2');
    const plantedValue = attacker.cookie.split('; ').find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    const res = await signInRequest(w, w.users.seeker1.account.email, w.users.seeker1.password, {}, undefined, { Cookie: plantedValue });
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res);
    expect(`${SESSION_COOKIE}=${fresh ?? ''}`).not.toBe(plantedValue);
    expect((await me(w, plantedValue)).status).toBe(401);
    const mine = await jsonOf(await me(w, `${SESSION_COOKIE}=${fresh ?? ''}`));
    expect(mine['account']).toMatchObject({ id: w.users.seeker1.account.id });
  });

  it('sign-out ends the session on the server: the old cookie replayed is 401; other browsers stay signed in', async () => {
    const w = world();
    const a = await w.signIn('seeker1');
    const b = await w.signIn('seeker1');
    const out = await w.write('POST', '/api/auth/sign-out', {}, a);
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/Max-Age=0/);
    const replay = await me(w, a.cookie);
    expect(replay.status).toBe(401);
    expect(await errorOf(replay)).toMatch(/not signed in/);
    expect((await w.write('POST', '/api/applications', { company: 'After sign-out', role: 'X' }, a)).status).toBe(401);
    expect((await me(w, b.cookie)).status).toBe(200);
  });

  it("sign-out-everywhere ends the account's other browsers, not other accounts'", async () => {
    const w = world();
    const a = await w.signIn('seeker1');
    const b = await w.signIn('seeker1');
    const other = await w.signIn('seeker2');
    const out = await w.write('POST', '/api/auth/sign-out-everywhere', {}, a);
    expect(out.status).toBe(200);
    expect((await jsonOf(out))['signedOut']).toBeGreaterThanOrEqual(2);
    expect((await me(w, a.cookie)).status).toBe(401);
    expect((await me(w, b.cookie)).status).toBe(401);
    expect((await me(w, other.cookie)).status).toBe(200);
    expect(await w.sql('select 1 from sessions where user_id = $1', [w.users.seeker1.account.id])).toEqual([]);
  });

  it("an admin signing someone out ends that account's sessions", async () => {
    const w = world();
    const seeker = await w.signIn('seeker3');
    const out = await w.write('POST', `/api/admin/accounts/${w.users.seeker3.account.id}/sign-out`, {}, await w.signIn('admin'));
    expect(out.status).toBe(200);
    expect((await me(w, seeker.cookie)).status).toBe(401);
  });

  it('a session ends at its expiry', async () => {
    const w = world();
    const s = await w.signIn('coach2');
    w.clock.advance(TEST_POLICY.sessionMs - 1);
    expect((await me(w, s.cookie)).status).toBe(200);
    w.clock.advance(1);
    expect((await me(w, s.cookie)).status).toBe(401);
  });
});

describe('password resets and invitations', () => {
  const world = useWorld();
  const issueReset = async (w: AccountsWorld, who: Who): Promise<string> => {
    const res = await w.write('POST', `/api/admin/accounts/${w.users[who].account.id}/reset`, {}, await w.signIn('admin'));
    expect(res.status).toBe(201);
    return String((await jsonOf(res))['token']);
  };
  const reset = (w: AccountsWorld, token: string, password: string) => w.write('POST', '/api/auth/reset-password', { token, password });
  const invite = async (w: AccountsWorld, email: string): Promise<string> => {
    const res = await w.write('POST', '/api/admin/invitations', { email, role: 'seeker', coachId: w.users.coach1.account.id }, await w.signIn('admin'));
    expect(res.status).toBe(201);
    return String((await jsonOf(res))['token']);
  };
  const accept = (w: AccountsWorld, token: string, name: string, password = 'a brand new password') =>
    w.write('POST', '/api/auth/accept-invitation', { token, name, password });

  it('a reset ends every session of the account; the token works exactly once', async () => {
    const w = world();
    const { account, password } = w.users.seeker2;
    const browsers = [await w.signIn('seeker2'), await w.signIn('seeker2')];
    const token = await issueReset(w, 'seeker2');
    const res = await reset(w, token, 'the new password of bea');
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ signedOut: true, account: { id: account.id } });
    for (const b of browsers) expect((await me(w, b.cookie)).status).toBe(401);
    expect((await signInRequest(w, account.email, password)).status).toBe(401);
    expect((await signInRequest(w, account.email, 'the new password of bea')).status).toBe(200);

    const before = await stored(w);
    const again = await reset(w, token, 'a third password for bea');
    expect(again.status).toBe(422);
    expect(await jsonOf(again)).toMatchObject({ field: 'token', error: expect.stringMatching(/unknown, used or expired/) as unknown });
    expect(await stored(w)).toStrictEqual(before);
    expect((await signInRequest(w, account.email, 'a third password for bea')).status).toBe(401);
  });

  it('a reset refused for a short password leaves the token usable', async () => {
    const w = world();
    const token = await issueReset(w, 'seeker3');
    const before = await stored(w);
    const short = await reset(w, token, 'short');
    expect(short.status).toBe(422);
    expect(await jsonOf(short)).toMatchObject({ field: 'password' });
    expect(await stored(w)).toStrictEqual(before);
    expect((await reset(w, token, 'long enough this time')).status).toBe(200);
  });

  it('a newer reset token replaces the older one', async () => {
    const w = world();
    const first = await issueReset(w, 'coach2');
    const second = await issueReset(w, 'coach2');
    expect((await reset(w, first, 'the first new password')).status).toBe(422);
    expect((await reset(w, second, 'the second new password')).status).toBe(200);
  });

  it('a reset token expires', async () => {
    const w = world();
    const token = await issueReset(w, 'coach1');
    w.clock.advance(TEST_POLICY.resetMs);
    const before = await stored(w);
    const late = await reset(w, token, 'too late for this one');
    expect(late.status).toBe(422);
    expect(await errorOf(late)).toMatch(/ask an admin for a new one/);
    expect(await stored(w)).toStrictEqual(before);
    expect((await signInRequest(w, w.users.coach1.account.email, w.users.coach1.password)).status).toBe(200);
  });

  it('an invitation signs the new account in, with its coach; the token works exactly once', async () => {
    const w = world();
    const token = await invite(w, 'new.seeker@city-careers.example');
    const res = await accept(w, token, 'Nia Newcomer');
    expect(res.status).toBe(201);
    const made = await jsonOf(res);
    expect(made['account']).toMatchObject({ name: 'Nia Newcomer', email: 'new.seeker@city-careers.example', role: 'seeker' });
    const id = String((made['account'] as { id: unknown }).id);
    expect(await w.store.accounts.isAssigned(w.users.coach1.account.id, id)).toBe(true);
    expect((await me(w, `${SESSION_COOKIE}=${sessionCookie(res) ?? ''}`)).status).toBe(200);

    const before = await stored(w);
    const again = await accept(w, token, 'Someone Else', 'another long password');
    expect(again.status).toBe(422);
    expect(await jsonOf(again)).toMatchObject({ field: 'token', error: expect.stringMatching(/unknown, used or expired/) as unknown });
    expect(sessionCookie(again)).toBeUndefined();
    expect(await stored(w)).toStrictEqual(before);
  });

  it('an invitation refused for a bad name or password can still be accepted', async () => {
    const w = world();
    const token = await invite(w, 'careful.seeker@city-careers.example');
    const before = await stored(w);
    for (const [name, password, field] of [['   ', 'a brand new password', 'name'], ['Nul\u0000Name', 'a brand new password', 'name'], ['Nia', 'short', 'password']] as const) {
      const res = await accept(w, token, name, password);
      expect(res.status).toBe(422);
      expect(String((await jsonOf(res))['field'])).toContain(field);
      expect(await stored(w)).toStrictEqual(before);
    }
    expect((await accept(w, token, 'Careful Seeker')).status).toBe(201);
  });

  it('an invitation expires', async () => {
    const w = world();
    const token = await invite(w, 'late.seeker@city-careers.example');
    w.clock.advance(TEST_POLICY.invitationMs);
    const before = await stored(w);
    const late = await accept(w, token, 'Late Seeker');
    expect(late.status).toBe(422);
    expect(await jsonOf(late)).toMatchObject({ field: 'token' });
    expect(await stored(w)).toStrictEqual(before);
  });
});

// ---------------------------------------------------------------- CSRF

describe('CSRF: writes need the session token and a same-origin request', () => {
  const world = useWorld();
  let s1: SignedIn;
  let s2: SignedIn;
  beforeAll(async () => {
    s1 = await world().signIn('seeker1');
    s2 = await world().signIn('seeker2');
  });

  const forgeries: readonly [string, (s: SignedIn) => Record<string, string>, RegExp][] = [
    ['no CSRF header', () => ({ [CSRF_HEADER]: '' }), /X-Afterword-CSRF/],
    ["another session's token", () => ({ [CSRF_HEADER]: s2.csrf }), /X-Afterword-CSRF/],
    ['a foreign Origin', () => ({ Origin: 'https://evil.example' }), /cross-origin/],
    ['a null Origin', () => ({ Origin: 'null' }), /cross-origin/],
    ['Sec-Fetch-Site: cross-site', () => ({ 'Sec-Fetch-Site': 'cross-site' }), /cross-site/],
    ['Sec-Fetch-Site: same-site', () => ({ 'Sec-Fetch-Site': 'same-site' }), /cross-site/],
  ];

  const writes: readonly [string, Who, string, string, unknown][] = [
    ['a seeker adding an application', 'seeker1', 'POST', '/api/applications', { company: 'Forged', role: 'Forged' }],
    ['a seeker revoking the calendar feed', 'seeker1', 'DELETE', '/api/calendar/token', {}],
    ['a seeker signing out everywhere', 'seeker1', 'POST', '/api/auth/sign-out-everywhere', {}],
    ['an admin creating an account', 'admin', 'POST', '/api/admin/accounts', { name: 'Forged', email: 'forged@evil.example', role: 'admin', password: 'forged password 123' }],
    ['a coach commenting', 'coach1', 'POST', '/api/coach/seekers/:seeker1/applications/sam-1/comments', { body: 'Forged' }],
  ];

  it.each(forgeries.flatMap(([how, headers, message]) => writes.map(([what, who, method, path, body]) => ({ how, headers, message, what, who, method, path, body }))))(
    '$what with $how is 403 and writes nothing',
    async ({ headers, message, who, method, path, body }) => {
      const w = world();
      const session = who === 'seeker1' ? s1 : await w.signIn(who);
      const before = await stored(w);
      const res = await w.write(method, path.replace(':seeker1', w.users.seeker1.account.id), body, session, headers(session));
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatch(message);
      expect(await stored(w)).toStrictEqual(before);
      expect((await me(w, session.cookie)).status).toBe(200);
    },
  );

  it('sign-in from a foreign Origin is 403 and opens no session (login CSRF)', async () => {
    const w = world();
    const before = await stored(w);
    const res = await signInRequest(w, w.users.seeker3.account.email, w.users.seeker3.password, {}, undefined, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatch(/cross-origin/);
    expect(sessionCookie(res)).toBeUndefined();
    expect(await stored(w)).toStrictEqual(before);
  });

  it('the same write with the token and our Origin passes', async () => {
    const w = world();
    expect((await w.write('POST', '/api/applications', { company: 'Genuine', role: 'Analyst' }, s1, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
  });
});

// ---------------------------------------------------------------- other users' records

describe("IDOR: other users' ids", () => {
  const world = useWorld();

  /** Seeker routes whose path or query names an application. */
  const seekerRoutesWithIds = (w: AccountsWorld) => apiRoutes(w.app).filter((key) => !/ \/api\/(admin|coach|auth)\//.test(key)
    && (key.includes('/:id') || (ROUTE_SAMPLES[key]?.query ?? '').includes('=:id')));

  it("seeker A using seeker B's application ids on every route with an id gets 404, and B's data is unchanged", async () => {
    const w = world();
    const a = await w.signIn('seeker1');
    await w.write('POST', `/api/coach/seekers/${w.users.seeker1.account.id}/applications/sam-1/comments`, { body: 'A comment' }, await w.signIn('coach1'));
    const routes = seekerRoutesWithIds(w);
    expect(routes.length).toBeGreaterThan(15);
    const [id = '', id2 = ''] = w.users.seeker2.applicationIds;
    const before = await stored(w);
    const answers: string[] = [];
    for (const key of routes) {
      const { method, url, body } = routeUrl(key, { id, id2 });
      const res = method === 'GET' ? await w.get(url, a) : await w.write(method, url, body, a);
      const text = await res.text();
      answers.push(`${key} → ${res.status}`);
      expect(res.status, `${key}: ${text.slice(0, 300)}`).toBe(404);
      expect(JSON.parse(text)).toHaveProperty('error');
      expect(text).not.toContain(w.users.seeker2.company ?? '?');
    }
    const after = await stored(w);
    expect(after.records[1]).toStrictEqual(before.records[1]);
    expect(after.comments).toStrictEqual(before.comments);
    expect(answers.length).toBe(routes.length);
  });

  it("a coach reading a job seeker they do not follow gets 404 on every seeker route, learning nothing", async () => {
    const w = world();
    const coach = await w.signIn('coach1');
    const seeker2 = w.users.seeker2;
    const [id = '', id2 = ''] = seeker2.applicationIds;
    const routes = apiRoutes(w.app).filter((key) => key.includes('/api/coach/seekers/:seekerId/'));
    expect(routes.length).toBeGreaterThan(6);
    const before = await stored(w);
    for (const key of routes) {
      const { method, url, body } = routeUrl(key, { seekerId: seeker2.account.id, id, id2 });
      const res = method === 'GET' ? await w.get(url, coach) : await w.write(method, url, body, coach);
      const text = await res.text();
      expect(res.status, `${key}: ${text.slice(0, 300)}`).toBe(404);
      expect(JSON.parse(text)).toMatchObject({ error: expect.stringMatching(/among the ones you follow/) as unknown });
      expect(text).not.toContain(seeker2.company ?? '?');
    }
    // An unknown id gets the same answer as a real seeker not followed.
    const unknown = await w.get('/api/coach/seekers/u_nobody/pipeline', coach);
    expect(unknown.status).toBe(404);
    expect(await stored(w)).toStrictEqual(before);
  });

  it("a coach naming another seeker's application under the seeker they follow gets 404", async () => {
    const w = world();
    const coach = await w.signIn('coach1');
    const followed = w.users.seeker1.account.id;
    const before = await stored(w);
    for (const key of apiRoutes(w.app).filter((k) => k.includes('/api/coach/seekers/:seekerId/applications/:id'))) {
      const { method, url, body } = routeUrl(key, { seekerId: followed, id: 'bea-1' });
      const res = method === 'GET' ? await w.get(url, coach) : await w.write(method, url, body, coach);
      expect(res.status, key).toBe(404);
      expect(await res.text()).not.toContain(w.users.seeker2.company ?? '?');
    }
    expect(await stored(w)).toStrictEqual(before);
  });

  it("a coach's dashboard lists the seekers they follow, no one else", async () => {
    const w = world();
    const listed = async (who: Who) => ((await jsonOf(await w.get('/api/coach/dashboard', await w.signIn(who))))['seekers'] as { seeker: { id: string } }[]).map((s) => s.seeker.id);
    expect(await listed('coach1')).toStrictEqual([w.users.seeker1.account.id]);
    expect(await listed('coach2')).toStrictEqual([]);
  });

  it('no answer carries a password hash, a session token or a CSRF token of someone else', async () => {
    const w = world();
    const admin = await w.signIn('admin');
    const other = await w.signIn('seeker2');
    for (const path of ['/api/admin/accounts', '/api/me', '/api/session']) {
      const text = await (await w.get(path, admin)).text();
      expect(text).not.toMatch(/scrypt\$/);
      expect(text).not.toContain(other.csrf);
      expect(text).not.toContain(other.cookie.split(';')[0]?.split('=')[1] ?? '?');
    }
  });

  it("a coach cannot write a job seeker's records, even one they follow (403 on every seeker write)", async () => {
    const w = world();
    const writes = apiRoutes(w.app).filter((key) => !key.startsWith('GET ') && !/ \/api\/(admin|coach|auth|calendar)\//.test(key));
    expect(writes.length).toBeGreaterThan(15);
    const [id = '', id2 = ''] = w.users.seeker1.applicationIds;
    for (const who of ['coach1', 'admin'] as const) {
      const session = await w.signIn(who);
      const before = await stored(w);
      for (const key of writes) {
        const { method, url, body } = routeUrl(key, { id, id2 });
        const res = await w.write(method, url, body, session);
        expect(res.status, `${key} as ${who}`).toBe(403);
        expect(await errorOf(res)).toMatch(/needs the seeker role/);
      }
      expect(await stored(w)).toStrictEqual(before);
    }
  });
});

// ---------------------------------------------------------------- injection

describe('injection through every text field: stored and returned as inert text, or refused naming the field', () => {
  const world = useWorld();
  let baseline: Awaited<ReturnType<typeof stored>>['records'];
  let n = 0;
  beforeAll(async () => {
    baseline = (await stored(world())).records;
  });

  const PAYLOADS: Readonly<Record<string, string>> = {
    'SQL': "'; drop table users; --",
    'SQL in quotes': "Robert'); DROP TABLE applications;--",
    'a script': '<script>alert(1)</script>',
    'a NUL byte': 'before\u0000after',
    'a lone surrogate': 'broken \uD800 text',
    '10k characters': '<b>&amp;\'"'.repeat(1_000),
  };

  interface Outcome {
    readonly res: Response;
    /** What was stored, read back through the API (or the database), when it was accepted. */
    readBack?(body: Record<string, unknown>): Promise<unknown>;
    /** What must have been stored (default: the payload). */
    readonly expected?: string;
  }

  const find = (list: unknown, key: string, value: unknown): Record<string, unknown> | undefined =>
    (Array.isArray(list) ? list : []).find((x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && Reflect.get(x, key) === value);
  // An admin of the whole server (no organisation): creating organisations, and accounts in any, is theirs; the seeded
  // admin of city-careers would get 403 before any field is read.
  const servers = new WeakMap<AccountsWorld, Promise<unknown>>();
  const admin = async (): Promise<SignedIn> => {
    const w = world();
    const root = { email: 'root@server.example', password: 'correct horse battery root' };
    if (!servers.has(w)) servers.set(w, createAccount(w.accountDeps, { name: 'Root Admin', role: 'admin', ...root }));
    await servers.get(w);
    const res = await w.write('POST', '/api/auth/sign-in', root);
    const { csrf, account } = await res.json() as { csrf: string; account: SignedIn['account'] };
    const cookie = cookiesOf(res);
    return { who: 'admin', account, cookie, csrf, headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: ORIGIN } };
  };
  const seeker = () => world().signIn('seeker3');
  const lastOf = (list: unknown): unknown => (Array.isArray(list) ? list[list.length - 1] : undefined);
  const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined);

  const newAccount = async (overrides: Record<string, string>): Promise<Response> => world().write('POST', '/api/admin/accounts', {
    name: 'Injected Person', email: `injected-${++n}@city-careers.example`, role: 'seeker', organisationId: 'city-careers', password: 'a long enough password', ...overrides,
  }, await admin());
  const accountNamed = async (id: unknown) => find((await jsonOf(await world().get('/api/admin/accounts', await admin())))['accounts'], 'id', id);
  const appNamed = async (id: unknown) => (await jsonOf(await world().get(`/api/applications/${encodeURIComponent(String(id))}`, await seeker())))['application'];

  const TARGETS: Readonly<Record<string, { readonly field: string; run(value: string): Promise<Outcome> }>> = {
    'account name': {
      field: 'name',
      run: async (v) => ({ res: await newAccount({ name: v }), readBack: async (b) => field(await accountNamed(field(b['account'], 'id')), 'name') }),
    },
    'account email': {
      field: 'email',
      run: async (v) => ({
        res: await newAccount({ email: `${v}@evil.example` }), expected: `${v}@evil.example`.toLowerCase(),
        readBack: async (b) => field(await accountNamed(field(b['account'], 'id')), 'email'),
      }),
    },
    'account password': {
      field: 'password',
      run: async (v) => {
        const email = `pw-${++n}@city-careers.example`;
        return {
          res: await newAccount({ email, password: v }), expected: 'signed in',
          readBack: async () => ((await signInRequest(world(), email, v)).status === 200 ? 'signed in' : 'refused'),
        };
      },
    },
    'account organisation': { field: 'organisation', run: async (v) => ({ res: await newAccount({ organisationId: v }) }) },
    'account role': { field: 'role', run: async (v) => ({ res: await newAccount({ role: v }) }) },
    'organisation name': {
      field: 'name',
      run: async (v) => {
        const id = `org-${++n}`;
        return {
          res: await world().write('POST', '/api/admin/organisations', { id, name: v }, await admin()),
          readBack: async () => field(find((await jsonOf(await world().get('/api/admin/organisations', await admin())))['organisations'], 'id', id), 'name'),
        };
      },
    },
    'organisation id': { field: 'id', run: async (v) => ({ res: await world().write('POST', '/api/admin/organisations', { id: v, name: 'Injected' }, await admin()) }) },
    'invitation email': {
      field: 'email',
      run: async (v) => ({
        res: await world().write('POST', '/api/admin/invitations', { email: `${v}@invited.example`, role: 'seeker' }, await admin()),
        expected: `${v}@invited.example`.toLowerCase(),
        readBack: async (b) => {
          const accepted = await world().write('POST', '/api/auth/accept-invitation', { token: b['token'], name: 'Invited', password: 'a long enough password' });
          return field((await jsonOf(accepted))['account'], 'email');
        },
      }),
    },
    'invited name': {
      field: 'name',
      run: async (v) => {
        const invited = await jsonOf(await world().write('POST', '/api/admin/invitations', { email: `invited-${++n}@city-careers.example`, role: 'seeker' }, await admin()));
        const res = await world().write('POST', '/api/auth/accept-invitation', { token: invited['token'], name: v, password: 'a long enough password' });
        return { res, readBack: async (b) => field(await accountNamed(field(b['account'], 'id')), 'name') };
      },
    },
    'sign-in email': { field: 'email', run: async (v) => ({ res: await signInRequest(world(), v, 'a long enough password') }) },
    'sign-in password': {
      field: 'password',
      run: async (v) => {
        // An account of its own: six wrong passwords in a row would lock it.
        const email = `sign-in-${++n}@city-careers.example`;
        expect((await newAccount({ email })).status).toBe(201);
        return { res: await signInRequest(world(), email, v) };
      },
    },
    'application company': {
      field: 'company',
      run: async (v) => ({ res: await world().write('POST', '/api/applications', { company: v, role: 'Analyst' }, await seeker()), readBack: async (b) => field(await appNamed(b['applicationId']), 'company') }),
    },
    'application role': {
      field: 'role',
      run: async (v) => ({ res: await world().write('POST', '/api/applications', { company: 'Injected Inc', role: v }, await seeker()), readBack: async (b) => field(await appNamed(b['applicationId']), 'role') }),
    },
    'application id': {
      field: 'id',
      run: async (v) => ({ res: await world().write('POST', '/api/applications', { id: v, company: 'Injected Inc', role: 'Analyst' }, await seeker()), readBack: async (b) => field(await appNamed(b['applicationId']), 'id') }),
    },
    'person name': {
      field: 'name',
      run: async (v) => ({ res: await world().write('POST', '/api/applications/cy-1/people', { name: v }, await seeker()), readBack: async (b) => field(lastOf(field(await appNamed(field(b['application'], 'id')), 'people')), 'name') }),
    },
    'person title': {
      field: 'title',
      run: async (v) => ({ res: await world().write('POST', '/api/applications/cy-1/people', { name: 'Pat', title: v }, await seeker()), readBack: async (b) => field(lastOf(field(await appNamed(field(b['application'], 'id')), 'people')), 'title') }),
    },
    'person email': {
      field: 'email',
      run: async (v) => ({ res: await world().write('POST', '/api/applications/cy-1/people', { name: 'Pat', email: v }, await seeker()), readBack: async (b) => field(lastOf(field(await appNamed(field(b['application'], 'id')), 'people')), 'email') }),
    },
    'reference name': {
      field: 'name',
      run: async (v) => ({
        res: await world().write('POST', '/api/references', { name: v }, await seeker()),
        readBack: async (b) => field(find(field((await jsonOf(await world().get('/api/profile', await seeker())))['candidate'], 'references'), 'id', field(b['reference'], 'id')), 'name'),
      }),
    },
    'reference relationship': {
      field: 'relationship',
      run: async (v) => ({
        res: await world().write('POST', '/api/references', { name: 'Ref', relationship: v }, await seeker()),
        readBack: async (b) => field(find(field((await jsonOf(await world().get('/api/profile', await seeker())))['candidate'], 'references'), 'id', field(b['reference'], 'id')), 'relationship'),
      }),
    },
    'profile name': {
      field: 'name',
      run: async (v) => ({ res: await world().write('POST', '/api/profile', { candidate: { name: v } }, await seeker()), readBack: async () => field((await jsonOf(await world().get('/api/profile', await seeker())))['candidate'], 'name') }),
    },
    'profile signature': {
      field: 'signature',
      run: async (v) => ({ res: await world().write('POST', '/api/profile', { candidate: { signature: v } }, await seeker()), readBack: async () => field((await jsonOf(await world().get('/api/profile', await seeker())))['candidate'], 'signature') }),
    },
    'touch text': {
      field: 'text',
      run: async (v) => ({
        res: await world().write('POST', '/api/applications/cy-2/touches', { kind: 'update', text: v, confirm: ['P2', 'L8'] }, await seeker()),
        readBack: async () => field(lastOf(field(await appNamed('cy-2'), 'touches')), 'text'),
      }),
    },
    'comment body': {
      field: 'body',
      run: async (v) => {
        const seekerId = world().users.seeker1.account.id;
        const coach = await world().signIn('coach1');
        return {
          res: await world().write('POST', `/api/coach/seekers/${seekerId}/applications/sam-2/comments`, { body: v }, coach),
          readBack: async (b) => field(find((await jsonOf(await world().get(`/api/applications/sam-2/comments`, await world().signIn('seeker1'))))['comments'], 'id', field(b['comment'], 'id')), 'body'),
        };
      },
    },
  };

  it.each(Object.entries(TARGETS).flatMap(([target, t]) => Object.entries(PAYLOADS).map(([payload, value]) => ({ target, t, payload, value }))))(
    '$target with $payload', async ({ t, value }) => {
      const { res, readBack, expected } = await t.run(value);
      const text = await res.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      if (res.status >= 200 && res.status < 300) {
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        if (readBack) expect(await readBack(body)).toBe(expected ?? value);
      } else {
        // Sign-in says no more than "wrong email or password"; everything else names the field.
        expect([400, 401, 422], text.slice(0, 300)).toContain(res.status);
        expect(typeof body['error']).toBe('string');
        if (res.status !== 401) {
          expect(String(body['field']), text.slice(0, 300)).toContain(t.field);
          expect(String(body['error']), text.slice(0, 300)).toContain(t.field);
        }
      }
    },
  );

  it('leaves every table in place and the other seekers untouched', async () => {
    const w = world();
    const tables = ['organisations', 'users', 'sessions', 'tokens', 'coach_assignments', 'comments', 'applications', 'people', 'interviews', 'touches', 'candidate_references'];
    for (const table of tables) expect(await w.sql(`select to_regclass($1) as t`, [table])).toEqual([{ t: table }]);
    const counted = await w.sql<{ n: number }>('select count(*)::int as n from users where email is not null');
    expect(counted[0]?.n).toBeGreaterThan(6);
    const now = (await stored(w)).records;
    expect(now[0]?.applications).toStrictEqual(baseline[0]?.applications);
    expect(now[1]).toStrictEqual(baseline[1]);
  });
});

// ---------------------------------------------------------------- sizes

describe('oversized bodies', () => {
  const world = useWorld();
  const huge = 'x'.repeat(1024 * 1024 + 1);

  it.each([
    ['a seeker adding an application', 'seeker1', '/api/applications', { company: huge, role: 'Analyst' }],
    ['an admin creating an account', 'admin', '/api/admin/accounts', { name: huge, email: 'big@city-careers.example', role: 'seeker' }],
    ['a coach commenting', 'coach1', '/api/coach/seekers/:seeker1/applications/sam-1/comments', { body: huge }],
    ['anyone signing in', undefined, '/api/auth/sign-in', { email: 'seeker1@city-careers.example', password: huge }],
  ] as const)('%s with over 1 MB of JSON is 413 and stores nothing', async (_, who, path, body) => {
    const w = world();
    const session = who !== undefined ? await w.signIn(who) : undefined;
    const before = await stored(w);
    const res = await w.write('POST', path.replace(':seeker1', w.users.seeker1.account.id), body, session);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatch(/too large; the limit is 1 MB/);
    expect(await stored(w)).toStrictEqual(before);
  });
});

// ---------------------------------------------------------------- calendar feed

describe('the per-user calendar feed token', () => {
  const world = useWorld();
  const feedOf = async (w: AccountsWorld, s: SignedIn): Promise<string> => {
    const res = await w.write('POST', '/api/calendar/token', {}, s);
    expect(res.status).toBe(201);
    return String((await jsonOf(res))['calendarUrl']);
  };

  it("gives its owner's calendar only", async () => {
    const w = world();
    const [url1, url2] = [await feedOf(w, await w.signIn('seeker1')), await feedOf(w, await w.signIn('seeker2'))];
    const ics1 = await w.request(url1);
    expect(ics1.status).toBe(200);
    expect(ics1.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text1 = await ics1.text();
    expect(text1).toContain('Acme Analytics');
    expect(text1).not.toContain('Borealis Bank');
    const text2 = await (await w.request(url2)).text();
    expect(text2).toContain('Borealis Bank');
    expect(text2).not.toContain('Acme Analytics');
    // Without a token, or with a made-up one: nothing.
    for (const path of ['/api/calendar.ics', '/api/calendar.ics?token=', `/api/calendar.ics?token=${'A'.repeat(43)}`]) {
      const res = await w.request(path);
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toMatch(/token/);
    }
    // A session cookie is no substitute for the token.
    expect((await w.request('/api/calendar.ics', { headers: { Cookie: (await w.signIn('seeker1')).cookie } })).status).toBe(401);
  });

  it('DELETE /api/calendar/token revokes it (old URL 401); the other users keep theirs', async () => {
    const w = world();
    const s1 = await w.signIn('seeker1');
    const url1 = await feedOf(w, s1);
    const url2 = await feedOf(w, await w.signIn('seeker2'));
    const revoked = await w.write('DELETE', '/api/calendar/token', {}, s1);
    expect(revoked.status).toBe(200);
    expect(await jsonOf(revoked)).toStrictEqual({ revoked: 1 });
    const old = await w.request(url1);
    expect(old.status).toBe(401);
    expect(await errorOf(old)).toMatch(/revoked/);
    expect((await w.request(url2)).status).toBe(200);
  });

  it('rotating gives a new URL and ends the old one', async () => {
    const w = world();
    const s1 = await w.signIn('seeker1');
    const first = await feedOf(w, s1);
    const second = await feedOf(w, s1);
    expect(second).not.toBe(first);
    expect((await w.request(first)).status).toBe(401);
    expect((await w.request(second)).status).toBe(200);
  });
});

describe("coaches assigned by an admin", () => {
  const world = useWorld();
  const coachIdsOf = async (w: AccountsWorld, admin: SignedIn, who: Who): Promise<unknown> => {
    const list = (await jsonOf(await w.get('/api/admin/accounts', admin)))['accounts'];
    const row = Array.isArray(list) ? list.find((a: { id?: unknown }) => a.id === w.users[who].account.id) as { coachIds?: unknown } | undefined : undefined;
    return row?.coachIds;
  };

  it("lists each job seeker's coaches, and follows an assignment and its removal; the coach's access follows too", async () => {
    const w = world();
    const admin = await w.signIn('admin');
    const coach2 = await w.signIn('coach2');
    const seeker2 = w.users.seeker2.account.id;
    expect(await coachIdsOf(w, admin, 'seeker1')).toStrictEqual([w.users.coach1.account.id]);
    expect(await coachIdsOf(w, admin, 'seeker2')).toStrictEqual([]);
    expect(await coachIdsOf(w, admin, 'coach1')).toStrictEqual([]);
    expect((await w.get(`/api/coach/seekers/${seeker2}/today`, coach2)).status).toBe(404);

    const made = await w.write('POST', '/api/admin/assignments', { coachId: w.users.coach2.account.id, seekerId: seeker2 }, admin);
    expect(made.status).toBe(201);
    expect(await coachIdsOf(w, admin, 'seeker2')).toStrictEqual([w.users.coach2.account.id]);
    expect((await w.get(`/api/coach/seekers/${seeker2}/today`, coach2)).status).toBe(200);
    const who = await w.get(`/api/coach/seekers/${seeker2}`, coach2);
    expect(who.status).toBe(200);
    expect((await jsonOf(who))['seeker']).toMatchObject({ id: seeker2, name: w.users.seeker2.account.name, email: w.users.seeker2.account.email, role: 'seeker' });

    const removed = await w.write('DELETE', `/api/admin/assignments/${w.users.coach2.account.id}/${seeker2}`, {}, admin);
    expect(removed.status).toBe(204);
    expect(await coachIdsOf(w, admin, 'seeker2')).toStrictEqual([]);
    expect((await w.get(`/api/coach/seekers/${seeker2}/today`, coach2)).status).toBe(404);
    expect((await w.get(`/api/coach/seekers/${seeker2}`, coach2)).status).toBe(404);
    expect((await w.write('DELETE', `/api/admin/assignments/${w.users.coach2.account.id}/${seeker2}`, {}, admin)).status).toBe(404);
  });
});
