/**
 * The authorization matrix of a shared server, generated from the route table: every /api route
 * the accounts-mode app has must be listed in ROUTES with who may call it, and is then called by
 * everyone (anonymous, a job seeker, the coach following them, a coach who does not, an admin),
 * with the caller's own ids and with another user's. Writes carry the caller's valid CSRF header,
 * so a refusal here is authorization, never CSRF.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from './security.js';
import { ORIGIN } from './testing.js';
import { ROUTE_SAMPLES, accountsWorld, apiRoutes, jsonOf, routeUrl, type Who } from './testing-accounts.js';

/**
 * public: anyone, signed in or not (sign-in, the token-gated calendar feed); signed-in: any account;
 * seeker / coach / admin: that role only; assigned-coach: a coach who follows the job seeker of the path.
 */
type Access = 'public' | 'signed-in' | 'seeker' | 'coach' | 'assigned-coach' | 'admin';

/** Requests come from ROUTE_SAMPLES (bodies and queries that pass validation; `{}` otherwise). */
interface RouteCase {
  readonly access: Access;
  /**
   * Whether the route's ids name records of one job seeker, so another user's ids must get 404.
   * Default: true for routes with ids, except the admin's (an admin acts on every account).
   */
  readonly scoped?: boolean;
}

/** Every /api route of the accounts-mode app. A route missing here fails the first test. */
const ROUTES: Readonly<Record<string, RouteCase>> = {
  // Before a session: the token is the credential.
  'GET /api/calendar.ics': { access: 'public', scoped: false },
  'POST /api/auth/sign-in': { access: 'public' },
  'POST /api/auth/accept-invitation': { access: 'public' },
  'POST /api/auth/reset-password': { access: 'public' },
  // Any account.
  'POST /api/auth/sign-out': { access: 'signed-in' },
  'POST /api/auth/sign-out-everywhere': { access: 'signed-in' },
  'GET /api/me': { access: 'signed-in' },
  'GET /api/session': { access: 'signed-in' },
  'POST /api/calendar/token': { access: 'seeker' },
  'DELETE /api/calendar/token': { access: 'signed-in' },
  // Admins.
  'GET /api/admin/accounts': { access: 'admin' },
  'POST /api/admin/accounts': { access: 'admin' },
  'GET /api/admin/organisations': { access: 'admin' },
  'POST /api/admin/organisations': { access: 'admin' },
  'POST /api/admin/invitations': { access: 'admin' },
  'POST /api/admin/accounts/:id/reset': { access: 'admin' },
  'POST /api/admin/accounts/:id/sign-out': { access: 'admin' },
  'POST /api/admin/assignments': { access: 'admin' },
  'DELETE /api/admin/assignments/:coachId/:seekerId': { access: 'admin' },
  'POST /api/admin/accounts/:id/role': { access: 'admin' },
  'GET /api/admin/invitations': { access: 'admin' },
  'DELETE /api/admin/invitations/:id': { access: 'admin' },
  // Coaches.
  'GET /api/coach/dashboard': { access: 'coach' },
  'GET /api/coach/table': { access: 'coach' },
  'GET /api/coach/seekers/:seekerId/row': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/today': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/week': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/pipeline': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/board': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/insights': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/applications/:id': { access: 'assigned-coach' },
  'GET /api/coach/seekers/:seekerId/applications/:id/comments': { access: 'assigned-coach' },
  'POST /api/coach/seekers/:seekerId/applications/:id/comments': { access: 'assigned-coach' },
  // A job seeker's own records.
  'GET /api/applications/:id/comments': { access: 'seeker' },
  'GET /api/comments/recent': { access: 'seeker' },
  'GET /api/today': { access: 'seeker' },
  'GET /api/week': { access: 'seeker' },
  'GET /api/pipeline': { access: 'seeker' },
  'GET /api/profile': { access: 'seeker' },
  'POST /api/profile': { access: 'seeker' },
  'POST /api/references': { access: 'seeker' },
  'POST /api/applications': { access: 'seeker' },
  'GET /api/applications/:id': { access: 'seeker' },
  'POST /api/applications/:id/people': { access: 'seeker' },
  'POST /api/applications/:id/interviews': { access: 'seeker' },
  'POST /api/applications/:id/touches': { access: 'seeker' },
  'POST /api/applications/:id/close': { access: 'seeker' },
  'GET /api/applications/:id/drafts': { access: 'seeker' },
  'POST /api/tone': { access: 'seeker' },
  'GET /api/export.xlsx': { access: 'seeker' },
  'POST /api/import': { access: 'seeker' },
  'GET /api/backup': { access: 'seeker' },
  'POST /api/restore': { access: 'seeker' },
  'POST /api/applications/:id/tone': { access: 'seeker' },
  'POST /api/applications/:id/drafts/eml': { access: 'seeker' },
  'POST /api/applications/:id/debrief-preview': { access: 'seeker' },
  'POST /api/applications/:id/reply/read': { access: 'seeker' },
  'POST /api/applications/:id/reply': { access: 'seeker' },
  'GET /api/board': { access: 'seeker' },
  'GET /api/board/cards': { access: 'seeker' },
  'GET /api/insights': { access: 'seeker' },
  'POST /api/applications/:id/status': { access: 'seeker' },
  'GET /api/offers/compare': { access: 'seeker' },
  'GET /api/applications/:id/offer': { access: 'seeker' },
  'POST /api/applications/:id/offer': { access: 'seeker' },
  'GET /api/applications/:id/flags': { access: 'seeker' },
  'POST /api/applications/:id/flags': { access: 'seeker' },
  'GET /api/criteria': { access: 'seeker' },
  'POST /api/criteria': { access: 'seeker' },
  'GET /api/applications/:id/ratings': { access: 'seeker' },
  'POST /api/applications/:id/ratings': { access: 'seeker' },
  'GET /api/timeline': { access: 'seeker' },
  'POST /api/applications/:id/interviews/with-people': { access: 'seeker' },
};

const world = await accountsWorld();
const { users } = world;

afterAll(async () => {
  await world.close();
});

// DELETE /api/admin/assignments removes coach1 → seeker1, which the coach cases need.
afterEach(async () => {
  await world.store.accounts.assignCoach(users.coach1.account.id, users.seeker1.account.id);
});

const listed = apiRoutes(world.app);

type Caller = 'anonymous' | 'seeker' | 'coach (assigned)' | 'coach (not assigned)' | 'admin';
const CALLERS: Readonly<Record<Caller, Who | undefined>> = {
  anonymous: undefined, seeker: 'seeker1', 'coach (assigned)': 'coach1', 'coach (not assigned)': 'coach2', admin: 'admin',
};

/** Allowed, or the status a refusal must have. */
function verdict(access: Access, caller: Caller): 'allow' | 401 | 403 | 404 {
  if (access === 'public') return 'allow';
  if (caller === 'anonymous') return 401;
  if (access === 'signed-in') return 'allow';
  const role = caller === 'seeker' ? 'seeker' : caller === 'admin' ? 'admin' : 'coach';
  // A coach who does not follow the seeker learns nothing, not even that the seeker exists.
  if (access === 'assigned-coach') return role !== 'coach' ? 403 : caller === 'coach (assigned)' ? 'allow' : 404;
  return access === role ? 'allow' : 403;
}

type Variant = 'own ids' | "another user's ids";

// seeker3's feed: no caller of the matrix rotates or revokes it.
let calendarToken = '';
beforeAll(async () => {
  const made = await jsonOf(await world.write('POST', '/api/calendar/token', {}, await world.signIn('seeker3')));
  calendarToken = new URL(String(made['calendarUrl']), ORIGIN).searchParams.get('token') ?? '';
  expect(calendarToken).not.toBe('');
});

/**
 * The values of path params and query placeholders. Own: the caller's account, and the job seeker
 * seeker1 (the seeker caller; the one coach1 follows). Another user's: seeker2, whom no coach follows.
 */
function fill(key: string, caller: Caller, variant: Variant): Record<string, string> {
  const own = variant === 'own ids';
  const seeker = own ? users.seeker1 : users.seeker2;
  const [id = '', id2 = ''] = seeker.applicationIds;
  const who = CALLERS[caller] ?? 'seeker1';
  // The admin's :id is an account: their own, or a job seeker's.
  const account = (own ? users[who] : users.seeker2).account.id;
  return {
    seekerId: seeker.account.id, coachId: (own ? users.coach1 : users.coach2).account.id, id2, calendarToken,
    id: key.includes('/api/admin/accounts/') ? account : id,
  };
}

describe('the route table', () => {
  it('lists every /api route with who may call it', () => {
    const missing = listed.filter((key) => !(key in ROUTES));
    expect(missing, `new route(s) without an authorization expectation: add ${missing.map((k) => `'${k}'`).join(', ')} to ROUTES in src/server/authz-matrix.test.ts (public, signed-in, seeker, coach, assigned-coach or admin)`).toEqual([]);
    const gone = Object.keys(ROUTES).filter((key) => !listed.includes(key));
    expect(gone, `ROUTES in src/server/authz-matrix.test.ts names routes the app no longer has: ${gone.join(', ')}`).toEqual([]);
  });

  it('is read from the app (the enumeration finds the routes of every part)', () => {
    expect(listed.length).toBeGreaterThan(50);
    expect(listed).toEqual(expect.arrayContaining([
      'POST /api/auth/sign-in', 'GET /api/admin/accounts', 'GET /api/coach/dashboard', 'GET /api/applications/:id', 'POST /api/applications/:id/offer',
    ]));
  });
});

describe('who may call what', () => {
  const cases = listed.filter((key) => key in ROUTES).flatMap((key) => (Object.keys(CALLERS) as Caller[]).flatMap((caller) =>
    (['own ids', "another user's ids"] as const).map((variant) => ({ key, caller, variant }))));

  it.each(cases)('$key as $caller with $variant', async ({ key, caller, variant }) => {
    const route = ROUTES[key];
    if (!route) throw new Error(`no entry for ${key}`);
    const { method, url, body } = routeUrl(key, fill(key, caller, variant));
    const who = CALLERS[caller];
    // A fresh session each time: some routes end sessions (sign-out, an admin signing someone out).
    const session = who !== undefined ? await world.signIn(who) : undefined;
    const res = method === 'GET' ? await world.get(url, session) : await world.write(method, url, body, session);
    const text = await res.text();
    const expected = verdict(route.access, caller);
    const hasIds = key.includes('/:') || (ROUTE_SAMPLES[key]?.query ?? '').includes('=:');
    const scoped = route.scoped ?? (hasIds && route.access !== 'admin');
    const what = `${key} as ${caller} with ${variant} answered ${res.status}: ${text.slice(0, 300)}`;
    if (expected !== 'allow') {
      expect(res.status, what).toBe(expected);
      expect(JSON.parse(text), what).toHaveProperty('error');
    } else if (variant === "another user's ids" && scoped) {
      // Allowed by role, but the records are not theirs: "not found", as if they did not exist.
      expect(res.status, what).toBe(404);
      expect(JSON.parse(text), what).toHaveProperty('error');
    } else {
      expect([401, 403], what).not.toContain(res.status);
      expect(res.status, what).toBeLessThan(500);
    }
  });

  it('a write without the CSRF header is refused even for the right role (the matrix does not pass by accident)', async () => {
    const seeker = await world.signIn('seeker');
    const res = await world.write('POST', '/api/applications', { company: 'X', role: 'Y' }, seeker, { [CSRF_HEADER]: '' });
    expect(res.status).toBe(403);
  });
});
