/**
 * The authorization matrix of a shared server. Every /api route the accounts-mode app has (read
 * from Hono's route table) is listed in ROUTES with who may call it and what an allowed call
 * answers; each is then called by every caller of CALLERS with the caller's own ids, another
 * user's, and (for the coach who follows two job seekers) the two crossed. What each case proves:
 *
 * - a refusal has its exact status (401, 403 or 404) and an `error`, and a refused write left the
 *   whole database (every table but the sessions) byte-identical;
 * - an allowed call has the route's exact status, names whose records it shows (the followed job
 *   seeker's company, the admin's account) and names nobody the caller may not see (another job
 *   seeker's company, an account or invitation outside the admin's organisation);
 * - the same over HTTP against `startServer` on a loopback port, with the Host check, proxy trust,
 *   /healthz and methods a route does not have (404 or 405, never 500).
 *
 * One database for the file: an allowed write is undone by putting back the rows it changed from a
 * copy of every table taken after seeding. Writes carry the caller's valid CSRF header, so a
 * refusal here is authorization, never CSRF.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createOrganisation, comment, invite, tokenHash } from '../app/accounts.js';
import { changeCriteria } from '../app/offers.js';
import type { Account } from '../app/ports.js';
import { addApplication, addInterview, addPerson, saveProfile, type AppDeps } from '../app/records.js';
import { parseTrustProxy } from './ops.js';
import { CSRF_HEADER } from './security.js';
import { startServer, type RunningServer } from './serve.js';
import { ORIGIN, TEST_SECRET, cookiesOf } from './testing.js';
import { TEST_POLICY, accountsWorld, apiRoutes, fillRoute, jsonOf } from './testing-accounts.js';

// ---------------------------------------------------------------- who may call what

/**
 * public: anyone (the credential is in the request: a password, a token); signed-in: any account;
 * seeker / coach / admin: that role only; assigned-coach: a coach who follows the job seeker of the path;
 * server-admin: an admin of the whole server (no organisation; an organisation's admin gets 403).
 */
type Access = 'public' | 'signed-in' | 'seeker' | 'coach' | 'assigned-coach' | 'admin' | 'server-admin';

interface RouteCase {
  readonly access: Access;
  /** The status of an allowed call with the caller's own ids. */
  readonly ok: number;
  /**
   * What an allowed answer must name: `records` the company of the job seeker whose records these
   * are (the caller, or the followed seeker of the path); `comments` the coach's comment seeded on
   * that seeker's application; `account` the account acted on (an admin's target, a coach's
   * followed seeker); `self` the caller's own account.
   */
  readonly shows?: 'records' | 'comments' | 'account' | 'self';
  /** With ids outside the caller's reach (another job seeker's, another organisation's): 404 unless said. */
  readonly others?: number;
  /** A JSON body (placeholders `:name` in strings filled like the path) or a raw one. */
  readonly body?: unknown;
  readonly raw?: { readonly text: (caller: CallerName) => string; readonly type: string };
  /** A query string; `:name` placeholders filled like path params. */
  readonly query?: string;
  /** The call may end a caller's session (the caller's own, or the job seeker's an admin acts on): every caller signs in again. */
  readonly endsSession?: true;
}

const start = '2026-03-10T10:00';
const end = '2026-03-10T11:00';
const reply = 'We expect to make a final decision by March 20.';
const draft = { kind: 'thank_you_email', person: 'p1', interview: 'i1' };

/** Every /api route of the accounts-mode app. A route missing here fails the first test. */
const ROUTES: Readonly<Record<string, RouteCase>> = {
  // Before a session: the request carries the credential.
  'GET /api/calendar.ics': { access: 'public', ok: 200, query: 'token=:calendarToken' },
  // Signing in as seeker3 ends the session the caller's cookie held (no fixation).
  'POST /api/auth/sign-in': { access: 'public', ok: 200, endsSession: true, body: { email: 'seeker3@city-careers.example', password: 'correct horse battery seeker3' } },
  'POST /api/auth/accept-invitation': { access: 'public', ok: 422, body: { token: 'not-a-token', name: 'Nobody', password: 'a long enough password' } },
  'POST /api/auth/reset-password': { access: 'public', ok: 422, body: { token: 'not-a-token', password: 'a long enough password' } },
  // Any account.
  'POST /api/auth/sign-out': { access: 'signed-in', ok: 200, endsSession: true },
  'POST /api/auth/sign-out-everywhere': { access: 'signed-in', ok: 200, endsSession: true },
  'GET /api/me': { access: 'signed-in', ok: 200, shows: 'self' },
  'GET /api/session': { access: 'signed-in', ok: 200, shows: 'self' },
  'POST /api/calendar/token': { access: 'seeker', ok: 201 },
  'DELETE /api/calendar/token': { access: 'signed-in', ok: 200 },
  // Admins: of their organisation, or (without one) of the whole server.
  'GET /api/admin/accounts': { access: 'admin', ok: 200, shows: 'account' },
  'POST /api/admin/accounts': { access: 'admin', ok: 201, others: 403, body: { name: 'New Person', email: 'new.person@example.org', role: 'seeker', organisationId: ':organisationId' } },
  'GET /api/admin/organisations': { access: 'admin', ok: 200 },
  'POST /api/admin/organisations': { access: 'server-admin', ok: 201, body: { id: 'new-centre', name: 'New Centre' } },
  'POST /api/admin/invitations': { access: 'admin', ok: 201, others: 403, body: { email: 'invited@example.org', role: 'seeker', organisationId: ':organisationId' } },
  'GET /api/admin/invitations': { access: 'admin', ok: 200 },
  'DELETE /api/admin/invitations/:id': { access: 'admin', ok: 204 },
  'POST /api/admin/accounts/:id/reset': { access: 'admin', ok: 201 },
  'POST /api/admin/accounts/:id/sign-out': { access: 'admin', ok: 200, endsSession: true },
  // Deactivating a job seeker ends their sessions (a caller's, when the target is the other organisation's seeker); the row is put back after.
  'POST /api/admin/accounts/:id/deactivate': { access: 'admin', ok: 200, shows: 'account', endsSession: true },
  'POST /api/admin/accounts/:id/reactivate': { access: 'admin', ok: 200, shows: 'account' },
  'POST /api/admin/accounts/:id/role': { access: 'admin', ok: 200, shows: 'account', endsSession: true, body: { role: 'coach' } },
  'POST /api/admin/assignments': { access: 'admin', ok: 201, others: 422, body: { coachId: ':coachId', seekerId: ':seekerId' } },
  'DELETE /api/admin/assignments/:coachId/:seekerId': { access: 'admin', ok: 204 },
  // Coaches.
  'GET /api/coach/dashboard': { access: 'coach', ok: 200 },
  'GET /api/coach/table': { access: 'coach', ok: 200 },
  'GET /api/coach/seekers/:seekerId': { access: 'assigned-coach', ok: 200, shows: 'account' },
  'GET /api/coach/seekers/:seekerId/row': { access: 'assigned-coach', ok: 200, shows: 'account' },
  'GET /api/coach/seekers/:seekerId/today': { access: 'assigned-coach', ok: 200, shows: 'records' },
  'GET /api/coach/seekers/:seekerId/week': { access: 'assigned-coach', ok: 200, shows: 'records' },
  'GET /api/coach/seekers/:seekerId/pipeline': { access: 'assigned-coach', ok: 200, shows: 'records' },
  'GET /api/coach/seekers/:seekerId/board': { access: 'assigned-coach', ok: 200, shows: 'records' },
  'GET /api/coach/seekers/:seekerId/insights': { access: 'assigned-coach', ok: 200 },
  'GET /api/coach/seekers/:seekerId/applications/:id': { access: 'assigned-coach', ok: 200, shows: 'records' },
  'GET /api/coach/seekers/:seekerId/applications/:id/comments': { access: 'assigned-coach', ok: 200, shows: 'comments' },
  'POST /api/coach/seekers/:seekerId/applications/:id/comments': { access: 'assigned-coach', ok: 201, body: { body: 'Well done on the thank-you note.' } },
  // A job seeker's own records.
  'GET /api/applications/:id/comments': { access: 'seeker', ok: 200, shows: 'comments' },
  'GET /api/comments/recent': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/today': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/week': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/pipeline': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/profile': { access: 'seeker', ok: 200 },
  'POST /api/profile': { access: 'seeker', ok: 200, body: { candidate: { phone: '+1 555 0100' } } },
  'POST /api/references': { access: 'seeker', ok: 201, body: { name: 'Ada Byron' } },
  'POST /api/applications': { access: 'seeker', ok: 201, body: { company: 'Globex', role: 'Analyst' } },
  'GET /api/applications/:id': { access: 'seeker', ok: 200, shows: 'records' },
  'PATCH /api/applications/:id': { access: 'seeker', ok: 200, shows: 'records', body: { notes: 'Ask about the team.' } },
  'PATCH /api/applications/:id/people/:personId': { access: 'seeker', ok: 200, shows: 'records', body: { notes: 'Likes dashboards.' } },
  'POST /api/applications/:id/people': { access: 'seeker', ok: 201, shows: 'records', body: { name: 'Pat Recruiter' } },
  'POST /api/applications/:id/interviews': { access: 'seeker', ok: 201, shows: 'records', body: { start, end, stage: 'second_round' } },
  'POST /api/applications/:id/interviews/with-people': { access: 'seeker', ok: 201, shows: 'records', body: { people: [{ name: 'Lee Panel' }], interview: { start, end, stage: 'second_round' } } },
  'POST /api/applications/:id/touches': { access: 'seeker', ok: 201, shows: 'records', body: { kind: 'update', text: 'A short update.', confirm: ['P2', 'L8'] } },
  'POST /api/applications/:id/close': { access: 'seeker', ok: 200, shows: 'records', body: { status: 'withdrawn' } },
  'POST /api/applications/:id/status': { access: 'seeker', ok: 200, body: { status: 'rejected', reclose: true } },
  'GET /api/applications/:id/drafts': { access: 'seeker', ok: 200, query: 'kind=thank_you_email&person=p1&interview=i1' },
  'POST /api/applications/:id/tone': { access: 'seeker', ok: 200, body: { ...draft, text: 'Thank you for your time.' } },
  'POST /api/applications/:id/drafts/eml': { access: 'seeker', ok: 200, body: { ...draft, subject: 'Thank you', body: 'Thank you for your time.' } },
  // Outbound mail: no mailbox is linked here, so putting in Drafts and scheduling are refused (422) once the records are found.
  'POST /api/applications/:id/drafts/to-drafts': { access: 'seeker', ok: 422, body: { ...draft, subject: 'Thank you', body: 'Thank you for your time.' } },
  'GET /api/applications/:id/outbox/moment': { access: 'seeker', ok: 200, query: 'kind=thank_you_email&person=p1&interview=i1' },
  'POST /api/applications/:id/outbox': { access: 'seeker', ok: 422, body: { ...draft, subject: 'Thank you', body: 'Thank you for your time.', at: 'ideal' } },
  'GET /api/outbox': { access: 'seeker', ok: 200 },
  'POST /api/outbox/:id/cancel': { access: 'seeker', ok: 404 },
  'POST /api/outbox/:id/send-now': { access: 'seeker', ok: 404 },
  // The mailbox link: the seeker's own. This shared server refuses a mail server on its own machine (422); none is linked, so a sync finds none (404).
  'GET /api/mailbox': { access: 'seeker', ok: 200 },
  'PUT /api/mailbox': { access: 'seeker', ok: 422, body: { imapHost: '127.0.0.1', imapPort: 1143, user: 'seeker@example.org', password: 'an app password' } },
  'DELETE /api/mailbox': { access: 'seeker', ok: 200 },
  'POST /api/mailbox/sync': { access: 'seeker', ok: 404 },
  'GET /api/mailbox/proposals': { access: 'seeker', ok: 200 },
  'POST /api/mailbox/proposals/:id/accept': { access: 'seeker', ok: 404, body: {} },
  'POST /api/mailbox/proposals/:id/dismiss': { access: 'seeker', ok: 404 },
  'POST /api/applications/:id/debrief-preview': { access: 'seeker', ok: 200, body: { field: 'details', person: 'p1', text: 'the move to Snowflake' } },
  'POST /api/applications/:id/reply/read': { access: 'seeker', ok: 200, body: { text: reply } },
  'POST /api/applications/:id/reply': { access: 'seeker', ok: 201, body: { text: reply } },
  'GET /api/applications/:id/offer': { access: 'seeker', ok: 200 },
  'POST /api/applications/:id/offer': { access: 'seeker', ok: 200, body: { notes: 'Base pay to be confirmed.' } },
  'GET /api/applications/:id/flags': { access: 'seeker', ok: 200 },
  'POST /api/applications/:id/flags': { access: 'seeker', ok: 200, body: { flag: 'R1', score: 1 } },
  'GET /api/applications/:id/ratings': { access: 'seeker', ok: 200 },
  'POST /api/applications/:id/ratings': { access: 'seeker', ok: 200, body: { ratings: [{ criterion: 'Growth', rating: 4 }] } },
  'GET /api/offers/compare': { access: 'seeker', ok: 200, shows: 'records', query: 'ids=:id,:id2' },
  'GET /api/timeline': { access: 'seeker', ok: 200, query: 'said=by%20Friday&interviewEnd=2026-03-03&application=:id' },
  'GET /api/board': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/board/cards': { access: 'seeker', ok: 200, shows: 'records' },
  'GET /api/insights': { access: 'seeker', ok: 200 },
  'GET /api/criteria': { access: 'seeker', ok: 200 },
  'POST /api/criteria': { access: 'seeker', ok: 200, body: { set: [{ name: 'Growth', weight: 5 }] } },
  'POST /api/tone': { access: 'seeker', ok: 200, body: { text: 'Thank you for your time today.' } },
  'GET /api/export.xlsx': { access: 'seeker', ok: 200 },
  'GET /api/backup': { access: 'seeker', ok: 200, shows: 'records' },
  'POST /api/restore': { access: 'seeker', ok: 200, query: 'replace=true', raw: { text: (caller) => backups.get(caller) ?? backups.get('seeker') ?? '', type: 'application/json' } },
  'POST /api/import': { access: 'seeker', ok: 201, raw: { text: () => 'Company,Position,Date Applied\nInitech,Analyst,2026-02-01\n', type: 'text/csv' } },
};

// ---------------------------------------------------------------- the world

const world = await accountsWorld();
const { users } = world;

/** Who calls; undefined: anonymous. `other-*` are of a second organisation; `root` administers the whole server. */
type CallerName = 'anonymous' | 'seeker' | 'coach (follows two)' | 'coach (follows none)' | 'admin' | 'seeker (other org)' | 'admin (other org)' | 'server admin';
type Role = 'seeker' | 'coach' | 'admin';

interface Person {
  readonly account: Account;
  readonly password: string;
  /** A job seeker's company (in their records only) and application ids. */
  readonly company?: string;
  readonly applicationIds: readonly string[];
  /** The coach's comment on their first application. */
  readonly comment?: string;
}

const ORG_B = { id: 'harbour-jobs', name: 'Harbour Jobs' };
const COMMENTS = { seeker1: 'Send the thank-you today.', seekerB: 'Good luck on Friday.' } as const;
const password = (who: string) => `correct horse battery ${who}`;

/** The second organisation (its admin, a coach following its job seeker), a server admin, coach1 following a second seeker, comments and invitations. */
async function extend() {
  const deps = world.accountDeps;
  await createOrganisation(deps, ORG_B);
  const make = async (who: string, role: Role, organisationId?: string): Promise<Account> => createAccount(deps, {
    name: `${who} person`, email: `${who}@${organisationId ?? 'server'}.example`, role, password: password(who), ...(organisationId !== undefined ? { organisationId } : {}),
  });
  const adminB = await make('adminb', 'admin', ORG_B.id);
  const coachB = await make('coachb', 'coach', ORG_B.id);
  const seekerB = await make('seekerb', 'seeker', ORG_B.id);
  const root = await make('root', 'admin');
  const app: AppDeps = { store: world.store, time: world.deps.time, clock: world.clock, userId: seekerB.id };
  await saveProfile(app, { timeZone: 'Europe/London', region: 'GB' }, { name: 'Hal Seeker', email: 'hal@mail.example' });
  await addApplication(app, { id: 'hal-1', company: 'Halyard Shipping', role: 'Planner', appliedOn: '2026-02-10' });
  await addPerson(app, 'hal-1', { id: 'p1', name: 'Ines Moreau', email: 'ines@employer.example', verified: true });
  await addInterview(app, 'hal-1', { id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] });
  await addApplication(app, { id: 'hal-2', company: 'Halyard Shipping Europe', role: 'Analyst', appliedOn: '2026-03-02' });
  await changeCriteria(app, { set: [{ name: 'Growth', weight: 5 }] });
  await changeCriteria({ ...app, userId: users.seeker1.account.id }, { set: [{ name: 'Growth', weight: 5 }] });
  await world.store.accounts.assignCoach(coachB.id, seekerB.id);
  await world.store.accounts.assignCoach(users.coach1.account.id, users.seeker3.account.id);
  await comment(deps, users.seeker1.account.id, 'sam-1', users.coach1.account, COMMENTS.seeker1);
  await comment(deps, seekerB.id, 'hal-1', coachB, COMMENTS.seekerB);
  const invitations = {
    city: await invite(deps, { email: 'invitee@city-careers.example', role: 'seeker', organisationId: world.organisation.id }),
    b: await invite(deps, { email: 'invitee@harbour-jobs.example', role: 'seeker', organisationId: ORG_B.id }),
  };
  const person = (account: Account, who: string, company?: string, applicationIds: readonly string[] = []): Person =>
    ({ account, password: password(who), applicationIds, ...(company !== undefined ? { company } : {}), ...(who === 'seekerb' ? { comment: COMMENTS.seekerB } : {}) });
  const seeded = (who: keyof typeof users): Person => ({ ...users[who], ...(who === 'seeker1' ? { comment: COMMENTS.seeker1 } : {}) });
  return {
    invitations: { city: tokenHash(invitations.city.token), b: tokenHash(invitations.b.token) },
    people: {
      admin: seeded('admin'), coach1: seeded('coach1'), coach2: seeded('coach2'), seeker1: seeded('seeker1'), seeker2: seeded('seeker2'), seeker3: seeded('seeker3'),
      adminB: person(adminB, 'adminb'), coachB: person(coachB, 'coachb'), seekerB: person(seekerB, 'seekerb', 'Halyard Shipping', ['hal-1', 'hal-2']), root: person(root, 'root'),
    },
  };
}

const { people, invitations } = await extend();
type Who = keyof typeof people;

interface Caller {
  readonly who?: Who;
  readonly role?: Role;
  /** Whom this caller may see: accounts (by id and email) and job seekers' records (by company). */
  readonly sees: readonly Who[];
  readonly seesRecordsOf: readonly Who[];
  readonly seesInvitations: readonly ('city' | 'b')[];
}

const CITY: readonly Who[] = ['admin', 'coach1', 'coach2', 'seeker1', 'seeker2', 'seeker3'];
const CALLERS: Readonly<Record<CallerName, Caller>> = {
  anonymous: { sees: [], seesRecordsOf: [], seesInvitations: [] },
  seeker: { who: 'seeker1', role: 'seeker', sees: ['seeker1', 'coach1'], seesRecordsOf: ['seeker1'], seesInvitations: [] },
  'coach (follows two)': { who: 'coach1', role: 'coach', sees: ['coach1', 'seeker1', 'seeker3'], seesRecordsOf: ['seeker1', 'seeker3'], seesInvitations: [] },
  'coach (follows none)': { who: 'coach2', role: 'coach', sees: ['coach2'], seesRecordsOf: [], seesInvitations: [] },
  admin: { who: 'admin', role: 'admin', sees: CITY, seesRecordsOf: [], seesInvitations: ['city'] },
  'seeker (other org)': { who: 'seekerB', role: 'seeker', sees: ['seekerB', 'coachB'], seesRecordsOf: ['seekerB'], seesInvitations: [] },
  'admin (other org)': { who: 'adminB', role: 'admin', sees: ['adminB', 'coachB', 'seekerB'], seesRecordsOf: [], seesInvitations: ['b'] },
  'server admin': { who: 'root', role: 'admin', sees: Object.keys(people) as Who[], seesRecordsOf: [], seesInvitations: ['city', 'b'] },
};

type Variant = 'own ids' | "another's ids" | 'crossed ids' | 'crossed back';

/**
 * The ids of a case. Own: the caller's records (a seeker), the first job seeker they follow (a
 * coach), an account, coach and invitation of their organisation (an admin). Another's: a job
 * seeker nobody here follows (bea, of the same organisation), or for an admin those of the other
 * organisation (none for the server admin, who administers all). Crossed: coach1's two seekers, each
 * path with the other's application.
 */
function fill(callerName: CallerName, variant: Variant): Record<string, string> {
  const caller = CALLERS[callerName];
  const other = variant === "another's ids";
  const inB = caller.who === 'adminB' || caller.who === 'seekerB' || caller.who === 'coachB';
  // The job seeker of the path and of the records.
  let seeker: Person = inB ? people.seekerB : people.seeker1;
  if (other) seeker = caller.role === 'admin' ? (inB ? people.seeker1 : people.seekerB) : people.seeker2;
  let apps = seeker.applicationIds;
  if (variant === 'crossed ids') apps = people.seeker3.applicationIds;
  if (variant === 'crossed back') {
    seeker = people.seeker3;
    apps = people.seeker1.applicationIds;
  }
  const [id = '', id2 = ''] = apps;
  const orgB = inB !== other;
  const coach = orgB ? people.coachB : people.coach1;
  const adminTarget = caller.role === 'admin' ? (orgB ? people.seekerB : people.seeker2) : seeker;
  return {
    seekerId: (caller.role === 'admin' ? (orgB ? people.seekerB : people.seeker1) : seeker).account.id,
    coachId: coach.account.id, id, id2, personId: 'p1', calendarToken,
    organisationId: orgB ? ORG_B.id : world.organisation.id,
    accountId: adminTarget.account.id, invitationId: orgB ? invitations.b : invitations.city,
  };
}

/** The variants a route is called with by a caller: another's and crossed only where ids reach records or accounts. */
function variantsOf(key: string, route: RouteCase, callerName: CallerName): Variant[] {
  const caller = CALLERS[callerName];
  const hasIds = key.includes('/:') || /=:/.test(route.query ?? '') || /":[A-Za-z]+"/.test(JSON.stringify(route.body ?? {}));
  if (!hasIds || route.access === 'public' || caller.who === undefined) return ['own ids'];
  if (caller.who === 'root') return ['own ids', "another's ids"];
  const out: Variant[] = ['own ids', "another's ids"];
  if (caller.who === 'coach1' && key.includes(':seekerId') && key.includes('/:id')) out.push('crossed ids', 'crossed back');
  return out;
}

type Expected = { readonly status: number; readonly allowed: boolean };

/** What a caller gets: the route's answer, or the refusal's status. */
function expected(key: string, route: RouteCase, callerName: CallerName, variant: Variant): Expected {
  const caller = CALLERS[callerName];
  const refused = (status: number): Expected => ({ status, allowed: false });
  if (route.access === 'public') return { status: route.ok, allowed: true };
  if (caller.role === undefined) return refused(401);
  if (route.access === 'signed-in') return { status: route.ok, allowed: true };
  if (route.access === 'assigned-coach') {
    if (caller.role !== 'coach') return refused(403);
    // A coach who does not follow the job seeker learns nothing, not even that they exist; nor of another seeker's application.
    if (caller.who !== 'coach1' || variant !== 'own ids') return refused(404);
    return { status: route.ok, allowed: true };
  }
  if (route.access === 'server-admin') return caller.who === 'root' ? { status: route.ok, allowed: true } : refused(403);
  if (route.access !== caller.role) return refused(403);
  // The server admin administers every organisation: another organisation's ids are theirs too.
  if (variant === 'own ids' || caller.who === 'root') return { status: route.ok, allowed: true };
  return refused(route.others ?? 404);
}

// ---------------------------------------------------------------- requests

/** seeker3's feed (made before the seeded copy is taken; no caller rotates or revokes it). */
let calendarToken = '';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

interface Call {
  readonly method: string;
  readonly url: string;
  readonly session?: Session | undefined;
  readonly body?: string;
  readonly type?: string;
  readonly headers?: Record<string, string>;
}

/** A transport: in-process (`app.request`) or HTTP to a running server at `base`. */
type Send = (url: string, init: RequestInit) => Promise<Response>;
const inProcess: Send = (url, init) => world.request(url, init);
let send: Send = inProcess;
let origin = ORIGIN;

function call(c: Call): Promise<Response> {
  const headers: Record<string, string> = {};
  if (c.session) headers['Cookie'] = c.session.cookie;
  if (c.method !== 'GET' && c.method !== 'HEAD') {
    headers['Origin'] = origin;
    headers['Content-Type'] = c.type ?? 'application/json';
    if (c.session) headers[CSRF_HEADER] = c.session.csrf;
  }
  return send(c.url, { method: c.method, headers: { ...headers, ...c.headers }, ...(c.body !== undefined ? { body: c.body } : {}) });
}

async function signInAs(who: Who): Promise<Session> {
  const p = people[who];
  const res = await call({ method: 'POST', url: '/api/auth/sign-in', body: JSON.stringify({ email: p.account.email, password: p.password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${who} answered ${res.status}: ${await res.text()}`);
  const { csrf } = await res.json() as { csrf: string };
  return { cookie: cookiesOf(res), csrf };
}

/** One session per caller, made again after a call that ends it. */
const sessions = new Map<Who, Session>();
async function sessionOf(who: Who | undefined): Promise<Session | undefined> {
  if (who === undefined) return undefined;
  let s = sessions.get(who);
  if (!s) {
    s = await signInAs(who);
    sessions.set(who, s);
  }
  return s;
}

function fillDeep(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return /^:[A-Za-z]+$/.test(value) ? values[value.slice(1)] ?? '' : value;
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, values));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, values)]));
  return value;
}

/** The request of a case: the path's ids (an admin's `:id` is an account or an invitation), query and body. */
function requestOf(key: string, route: RouteCase, callerName: CallerName, variant: Variant): Call & { values: Record<string, string> } {
  const values = fill(callerName, variant);
  const [method = 'GET', path = ''] = key.split(' ');
  const forPath = path.startsWith('/api/admin/accounts/') ? { ...values, id: values['accountId'] ?? '' }
    : path.startsWith('/api/admin/invitations/') ? { ...values, id: values['invitationId'] ?? '' } : values;
  const url = fillRoute(path, forPath) + (route.query !== undefined ? `?${fillRoute(route.query, forPath)}` : '');
  const body = route.raw ? route.raw.text(callerName) : method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(fillDeep(route.body ?? {}, forPath));
  return { method, url, values, ...(body !== undefined ? { body } : {}), ...(route.raw ? { type: route.raw.type } : {}) };
}

// ---------------------------------------------------------------- the database, before and after

/** The tables a write may change; sessions are left alone (each caller keeps theirs). */
const TABLES = [
  'organisations', 'users', 'tokens', 'coach_assignments', 'settings', 'candidates', 'candidate_references', 'applications', 'people', 'interviews',
  'interview_people', 'debriefs', 'touches', 'red_flags', 'offers', 'offer_items', 'criteria', 'criterion_ratings', 'comments',
  'mail_accounts', 'mail_folders', 'mail_messages', 'mail_proposals', 'mail_outbox',
] as const;

/** Each table's rows as one hash: equal hashes, byte-identical rows. */
async function fingerprint(): Promise<Record<string, string>> {
  const sql = TABLES.map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`).join(' union all ');
  return Object.fromEntries((await world.sql<{ t: string; h: string }>(sql)).map((r) => [r.t, r.h]));
}

let pristine: Record<string, string> = {};

beforeAll(async () => {
  const made = await jsonOf(await call({ method: 'POST', url: '/api/calendar/token', session: await signInAs('seeker3') }));
  calendarToken = new URL(String(made['calendarUrl']), ORIGIN).searchParams.get('token') ?? '';
  expect(calendarToken).not.toBe('');
  const tables = (await world.sql<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.t);
  const unknown = tables.filter((t) => t !== 'sessions' && !(TABLES as readonly string[]).includes(t) && !t.startsWith('snap_') && !t.startsWith('__'));
  expect(unknown, 'tables the matrix does not put back after a write: add them to TABLES').toEqual([]);
  for (const t of TABLES) await world.sql(`create table "snap_${t}" as select * from "${t}"`);
  pristine = await fingerprint();
  for (const caller of ['seeker', 'seeker (other org)'] as const) {
    const who = CALLERS[caller].who;
    backups.set(caller, await (await call({ method: 'GET', url: '/api/backup', session: await sessionOf(who) })).text());
  }
});

const backups = new Map<CallerName, string>();

/** The tables whose rows differ from the seeded copy. */
async function changed(): Promise<string[]> {
  const now = await fingerprint();
  return TABLES.filter((t) => now[t] !== pristine[t]);
}

/**
 * Puts back the seeded rows of these tables: the rows that differ are deleted and the seeded ones
 * inserted, in one statement with foreign-key triggers off (`session_replication_role`), so that
 * nothing cascades: a changed account keeps its sessions, a changed application its people.
 */
async function restoreRows(tables: readonly string[]): Promise<void> {
  const same = (a: string, b: string) => `row(${a}.*)::text = row(${b}.*)::text`;
  const steps = tables.map((t) => `delete from "${t}" x where not exists (select 1 from "snap_${t}" s where ${same('s', 'x')});
    insert into "${t}" select * from "snap_${t}" s where not exists (select 1 from "${t}" x where ${same('x', 's')});`);
  await world.sql(`do $$ begin perform set_config('session_replication_role', 'replica', true); ${steps.join('\n')} end $$`);
}

afterEach(async () => {
  const dirty = await changed();
  if (dirty.length > 0) await restoreRows(dirty);
});

afterAll(async () => {
  await world.close();
});

// ---------------------------------------------------------------- the checks

/** The strings that name a person: their account's id and email, and for a job seeker their records' company. */
const accountMarks = (who: Who): string[] => [people[who].account.id, people[who].account.email];
const INVITATION_EMAILS = { city: 'invitee@city-careers.example', b: 'invitee@harbour-jobs.example' } as const;

/** Marks an answer to this caller must not hold: anyone they may not see, records they may not read. */
function foreignMarks(caller: Caller): string[] {
  const out: string[] = [];
  for (const who of Object.keys(people) as Who[]) {
    if (!caller.sees.includes(who)) out.push(...accountMarks(who));
    const company = people[who].company;
    if (company !== undefined && !caller.seesRecordsOf.includes(who)) out.push(company);
  }
  for (const [k, email] of Object.entries(INVITATION_EMAILS)) if (!caller.seesInvitations.includes(k as 'city' | 'b')) out.push(email);
  return out;
}

/** The person whose company (records) or account an allowed answer must name. */
function subjectOf(route: RouteCase, values: Readonly<Record<string, string>>, caller: Caller): string | undefined {
  const byId = (id: string | undefined) => Object.values(people).find((p) => p.account.id === id);
  const self = caller.who !== undefined ? people[caller.who] : undefined;
  const seeker = caller.role === 'coach' ? byId(values['seekerId']) : self;
  switch (route.shows) {
    case 'records': return seeker?.company;
    case 'comments': return seeker?.comment;
    case 'account': return (caller.role === 'coach' ? seeker : byId(values['accountId']))?.account.email;
    case 'self': return self?.account.email;
    default: return undefined;
  }
}

async function check(key: string, route: RouteCase, callerName: CallerName, variant: Variant): Promise<void> {
  const caller = CALLERS[callerName];
  const req = requestOf(key, route, callerName, variant);
  const session = await sessionOf(caller.who);
  const res = await call({ ...req, session });
  const text = await res.text();
  if (route.endsSession) sessions.clear();
  const want = expected(key, route, callerName, variant);
  const what = `${key} as ${callerName} with ${variant} (${req.method} ${req.url}) answered ${res.status}: ${text.slice(0, 400)}`;
  expect(res.status, what).toBe(want.status);
  if (!want.allowed || res.status >= 400) {
    expect(JSON.parse(text), what).toHaveProperty('error');
  }
  if (!want.allowed) {
    // A refused call changed nothing: every table but the sessions holds the same bytes as seeded.
    if (req.method !== 'GET') expect(await changed(), `${what}\nbut changed these tables`).toEqual([]);
    return;
  }
  if (route.access === 'public') return;
  const leaked = foreignMarks(caller).filter((mark) => text.includes(mark));
  expect(leaked, `${what}\nnames what ${callerName} may not see`).toEqual([]);
  const subject = subjectOf(route, req.values, caller);
  if (route.shows !== undefined) expect(text, `${what}\nshould name ${subject ?? '(nobody?)'}`).toContain(subject ?? '(no subject)');
}

const listed = apiRoutes(world.app);

const cases = listed.filter((key) => key in ROUTES).flatMap((key) => {
  const route = ROUTES[key];
  if (!route) return [];
  return (Object.keys(CALLERS) as CallerName[]).flatMap((caller) => variantsOf(key, route, caller).map((variant) => ({ key, caller, variant })));
});

describe('the route table', () => {
  it('lists every /api route with who may call it and what it answers', () => {
    const missing = listed.filter((key) => !(key in ROUTES));
    expect(missing, `new route(s) without an authorization expectation: add ${missing.map((k) => `'${k}'`).join(', ')} to ROUTES in src/server/authz-matrix.test.ts (access, the status of an allowed call, what it shows)`).toEqual([]);
    const gone = Object.keys(ROUTES).filter((key) => !listed.includes(key));
    expect(gone, `ROUTES in src/server/authz-matrix.test.ts names routes the app no longer has: ${gone.join(', ')}`).toEqual([]);
  });

  it('is read from the app (the enumeration finds the routes of every part)', () => {
    expect(listed.length).toBeGreaterThan(70);
    expect(listed).toEqual(expect.arrayContaining([
      'POST /api/auth/sign-in', 'GET /api/admin/accounts', 'GET /api/coach/table', 'DELETE /api/admin/invitations/:id', 'PATCH /api/applications/:id/people/:personId',
    ]));
  });
});

describe('who may call what (in process)', () => {
  it.each(cases)('$key as $caller with $variant', async ({ key, caller, variant }) => {
    const route = ROUTES[key];
    if (!route) throw new Error(`no entry for ${key}`);
    await check(key, route, caller, variant);
  });

  it('a write without the CSRF header is refused even for the right role (the matrix does not pass by accident)', async () => {
    const session = await sessionOf('seeker1');
    const res = await call({ method: 'POST', url: '/api/applications', session, body: JSON.stringify({ company: 'X', role: 'Y' }), headers: { [CSRF_HEADER]: '' } });
    expect(res.status).toBe(403);
    expect(await changed()).toEqual([]);
  });
});

// ---------------------------------------------------------------- over HTTP

/** A caller a route of this access is for. */
function ownCaller(access: Access): CallerName {
  if (access === 'admin') return 'admin';
  if (access === 'server-admin') return 'server admin';
  if (access === 'coach' || access === 'assigned-coach') return 'coach (follows two)';
  return 'seeker';
}

/** A raw request (fetch sets its own Host), for the Host check. */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('over HTTP (startServer on a loopback port, trusting the loopback proxy)', () => {
  let running: RunningServer;
  const lines: string[] = [];

  beforeAll(async () => {
    running = await startServer(world.deps, {
      host: '127.0.0.1', port: 0, secret: TEST_SECRET, accounts: true, policy: TEST_POLICY, signInsPerMinute: 1_000_000,
      trustProxy: parseTrustProxy('127.0.0.1'), log: (line) => lines.push(line),
    });
    origin = `http://127.0.0.1:${running.port}`;
    send = (url, init) => fetch(`${origin}${url}`, init);
    sessions.clear();
  });

  afterAll(async () => {
    send = inProcess;
    origin = ORIGIN;
    sessions.clear();
    await running.close();
  });

  // Each route by its own caller with their ids, and refused to one who may not (anonymous, or the wrong role).
  const overHttp = listed.filter((key) => key in ROUTES).flatMap((key) => {
    const route = ROUTES[key];
    if (!route) return [];
    const allowed = ownCaller(route.access);
    const refused: CallerName = route.access === 'seeker' ? 'coach (follows two)' : route.access === 'public' || route.access === 'signed-in' ? 'anonymous' : 'seeker';
    return [{ key, caller: allowed }, { key, caller: refused }];
  });

  it.each(overHttp)('$key as $caller', async ({ key, caller }) => {
    const route = ROUTES[key];
    if (!route) throw new Error(`no entry for ${key}`);
    await check(key, route, caller, 'own ids');
  });

  it('a route asked with a method it does not have is 404 or 405 to its own callers, a refusal to others, never a 500', async () => {
    const paths = new Map<string, { methods: Set<string>; access: Access }>();
    for (const key of listed) {
      const [method = '', path = ''] = key.split(' ');
      const found = paths.get(path);
      if (found) found.methods.add(method);
      else paths.set(path, { methods: new Set([method]), access: ROUTES[key]?.access ?? 'public' });
    }
    const answers: string[] = [];
    for (const [path, { methods, access }] of paths) {
      const own = ownCaller(access);
      for (const callerName of [own, 'anonymous', access === 'seeker' ? 'admin' : 'seeker'] as const) {
        const caller = CALLERS[callerName];
        const session = await sessionOf(caller.who);
        const url = fillRoute(path, fill(callerName, 'own ids'));
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
          if (methods.has(method)) continue;
          const res = await call({ method, url, session, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: '{}' }) });
          await res.arrayBuffer();
          // Before routing, a session and a role are asked for (401, 403); then no route is 404.
          const fine = callerName === own ? [404, 405] : [401, 403, 404, 405];
          if (!fine.includes(res.status)) answers.push(`${method} ${path} as ${callerName}: ${res.status}`);
        }
      }
    }
    expect(answers).toEqual([]);
    expect(await changed()).toEqual([]);
  });

  it('/healthz answers GET and HEAD before the app (no Host check, no session) and 405 to other methods', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await rawRequest(running.port, 'GET', '/healthz', { Host: 'evil.example' })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await fetch(`${origin}/healthz`, { method })).status, method).toBe(405);
  });

  it('another Host is refused before any route (421), signed in or not', async () => {
    const session = await sessionOf('seeker1');
    for (const path of ['/api/today', '/api/auth/sign-in', '/api/calendar.ics?token=x', '/']) {
      expect((await rawRequest(running.port, 'GET', path, { Host: 'evil.example', Cookie: session?.cookie ?? '' })).status, path).toBe(421);
    }
  });

  it('believes X-Forwarded-For and -Proto from the trusted proxy: the log names the client, HTTPS gets HSTS and Secure cookies', async () => {
    const before = lines.length;
    const res = await fetch(`${origin}/api/me`, { headers: { 'X-Forwarded-For': '198.51.100.7', 'X-Forwarded-Proto': 'https' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect((await fetch(`${origin}/api/me`)).headers.get('strict-transport-security')).toBeNull();
    const p = people.seeker1;
    const signedIn = await fetch(`${origin}/api/auth/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ email: p.account.email, password: p.password }),
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.getSetCookie().every((c) => /;\s*Secure/i.test(c))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.slice(before).map((l) => JSON.parse(l) as { ip?: string; path?: string });
    expect(logged.find((l) => l.path === '/api/me')).toMatchObject({ ip: '198.51.100.7' });
  });
});

describe('over HTTP, trusting no proxy (the default)', () => {
  it('ignores X-Forwarded-For and -Proto: the client is the socket, no HSTS on plain HTTP', async () => {
    const lines: string[] = [];
    const running = await startServer(world.deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, accounts: true, policy: TEST_POLICY, log: (line) => lines.push(line) });
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/api/me`, { headers: { 'X-Forwarded-For': '198.51.100.7', 'X-Forwarded-Proto': 'https' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      await new Promise((r) => setTimeout(r, 50));
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ path: '/api/me', ip: '127.0.0.1' });
    } finally {
      await running.close();
    }
  });
});
