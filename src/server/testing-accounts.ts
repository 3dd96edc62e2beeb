/**
 * In-process HTTP for the shared server's tests: an accounts-mode app over a real PGlite database
 * seeded through the use cases (an organisation, an admin, two coaches, three job seekers with
 * profiles and applications, coach1 following seeker1), and signing in as each of them.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DEFAULT_POLICY, assign, createAccount, createOrganisation, type AccountDeps } from '../app/accounts.js';
import { ROLES, type Account, type Clock, type Organisation, type Role, type Store } from '../app/ports.js';
import { addApplication, addInterview, addPerson, saveProfile, type AppDeps } from '../app/records.js';
import { createTimeRules } from '../core/time.js';
import type { Deps } from '../deps.js';
import { PgliteStore } from '../store/pglite.js';
import { freshPgliteStore } from '../store/testing.js';
import { createServer, type ServerOptions } from './app.js';
import type { RequestEnv } from './request-env.js';
import { CSRF_HEADER } from './security.js';
import { ORIGIN, TEST_BINDING, TEST_SECRET, cookiesOf, postgresTestStore } from './testing.js';

/** Wed 2026-03-04 14:00 UTC (09:00 in New York): the day after every seeker's interview. */
export const ACCOUNTS_NOW = Date.UTC(2026, 2, 4, 14);

/** Hashing at 2¹⁰ instead of 2¹⁷: the same code path, milliseconds instead of a tenth of a second. */
export const TEST_POLICY = { ...DEFAULT_POLICY, scryptCost: 2 ** 10 };

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start = ACCOUNTS_NOW): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

export type Who = 'admin' | 'coach1' | 'coach2' | 'seeker1' | 'seeker2' | 'seeker3';
export const EVERYONE: readonly Who[] = ['admin', 'coach1', 'coach2', 'seeker1', 'seeker2', 'seeker3'];
/** `signIn('seeker')` is the first account of the role. */
const FIRST_OF: Readonly<Record<Role, Who>> = { admin: 'admin', coach: 'coach1', seeker: 'seeker1' };
const isRole = (text: string): text is Role => ROLES.some((r) => r === text);

export interface SeededUser {
  readonly who: Who;
  readonly account: Account;
  readonly password: string;
  /** The job seeker's applications (empty for coaches and the admin). */
  readonly applicationIds: readonly string[];
  /** A company name that appears in this seeker's records only. */
  readonly company?: string;
}

interface Seed {
  readonly name: string;
  readonly role: Role;
  /** Seekers: a prefix for application ids unique to them (another seeker's ids are never one's own). */
  readonly prefix?: string;
  readonly company?: string;
}

const SEEDS: Readonly<Record<Who, Seed>> = {
  admin: { name: 'Ada Admin', role: 'admin' },
  coach1: { name: 'Cora Coach', role: 'coach' },
  coach2: { name: 'Colm Coach', role: 'coach' },
  seeker1: { name: 'Sam Seeker', role: 'seeker', prefix: 'sam', company: 'Acme Analytics' },
  seeker2: { name: 'Bea Seeker', role: 'seeker', prefix: 'bea', company: 'Borealis Bank' },
  seeker3: { name: 'Cy Seeker', role: 'seeker', prefix: 'cy', company: 'Cobalt Labs' },
};

export type AccountsServer = ReturnType<typeof createServer>;

export interface SignedIn {
  readonly who: Who;
  readonly account: Account;
  /** `afterword_session=…; afterword_csrf=…` */
  readonly cookie: string;
  readonly csrf: string;
  /** What the page's own requests carry: the cookie, the CSRF header and a same-origin Origin. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface AccountsWorld {
  readonly deps: Deps;
  readonly store: Store;
  readonly clock: FakeClock;
  readonly accountDeps: AccountDeps;
  readonly organisation: Organisation;
  readonly users: Readonly<Record<Who, SeededUser>>;
  /** The server with a sign-in limit high enough never to get in the way (see `server` for the default one). */
  readonly app: AccountsServer;
  /** `path` at ORIGIN on `app` (or `server`); `env` simulates the client's address. */
  request(path: string, init?: RequestInit, env?: RequestEnv, server?: AccountsServer): Promise<Response>;
  /** A GET with the session's cookie (none: anonymous). */
  get(path: string, as?: SignedIn, env?: RequestEnv): Promise<Response>;
  /** A JSON write with the session's cookie, CSRF header and our Origin (none: anonymous, same-origin); `headers` go over them. */
  write(method: string, path: string, body: unknown, as?: SignedIn, headers?: Record<string, string>, env?: RequestEnv): Promise<Response>;
  /** Signs in with the email and password, as the UI does. */
  signIn(who: Who | Role, env?: RequestEnv, server?: AccountsServer): Promise<SignedIn>;
  /** Another app over the same database (its own rate limiter), with these options over the defaults. */
  server(options?: Partial<ServerOptions>): AccountsServer;
  /** Raw SQL on the same database, to look at tables behind the API's back. */
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

interface Seeded {
  readonly dump: Blob;
  readonly users: Readonly<Record<Who, SeededUser>>;
}

// Seeding once per test file (an initdb, then the use cases): every world is a clone of that database.
let seeded: Promise<Seeded> | undefined;
function seededDump(): Promise<Seeded> {
  seeded ??= (async () => {
    const store = await freshPgliteStore();
    try {
      const users = await seed({ accounts: store.accounts, clock: fakeClock(), policy: TEST_POLICY }, store);
      return { dump: await store.dump(), users };
    } finally {
      await store.close();
    }
  })();
  return seeded;
}

/** The organisation, everyone in it, the seekers' records and coach1 → seeker1, through the use cases. */
async function seed(accountDeps: AccountDeps, store: Store): Promise<Record<Who, SeededUser>> {
  const time = createTimeRules();
  const organisation = await createOrganisation(accountDeps, ORGANISATION);
  const users: Partial<Record<Who, SeededUser>> = {};
  for (const who of EVERYONE) {
    const s = SEEDS[who];
    const password = `correct horse battery ${who}`;
    const account = await createAccount(accountDeps, { name: s.name, email: `${who}@city-careers.example`, role: s.role, organisationId: organisation.id, password });
    const app: AppDeps = { store, time, clock: accountDeps.clock, userId: account.id };
    const applicationIds = s.prefix !== undefined && s.company !== undefined ? await seedRecords(app, s.prefix, s.name, s.company) : [];
    users[who] = { who, account, password, applicationIds, ...(s.company !== undefined ? { company: s.company } : {}) };
  }
  const get = (who: Who): SeededUser => {
    const user = users[who];
    if (!user) throw new Error(`seeding left out ${who}`);
    return user;
  };
  await assign(accountDeps, get('coach1').account.id, get('seeker1').account.id);
  return { admin: get('admin'), coach1: get('coach1'), coach2: get('coach2'), seeker1: get('seeker1'), seeker2: get('seeker2'), seeker3: get('seeker3') };
}

const ORGANISATION: Organisation = { id: 'city-careers', name: 'City Careers' };

/** A new database seeded with everyone, and an accounts-mode server over it. */
export async function accountsWorld(options: Partial<ServerOptions> = {}): Promise<AccountsWorld> {
  // On PostgreSQL (npm run test:api-pg): a fresh database seeded the same way; else a clone of the seeded PGlite.
  const onPostgres = await postgresTestStore();
  let store: Store;
  let users: Readonly<Record<Who, SeededUser>>;
  let query: <T>(text: string, params: unknown[]) => Promise<T[]>;
  let release: () => Promise<void>;
  if (onPostgres) {
    store = onPostgres.store;
    users = await seed({ accounts: store.accounts, clock: fakeClock(), policy: TEST_POLICY }, store);
    const pool = new pg.Pool({ connectionString: onPostgres.url, max: 2 });
    query = async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[];
    release = async () => {
      await pool.end();
      await store.close();
    };
  } else {
    const seededDb = await seededDump();
    const client = await PGlite.create({ loadDataDir: seededDb.dump, startParams: START_PARAMS });
    store = new PgliteStore(client, { open: 0, migrate: 0 });
    users = seededDb.users;
    query = async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows;
    release = () => store.close();
  }
  const clock = fakeClock();
  const deps: Deps = { store, time: createTimeRules(), clock };
  const accountDeps: AccountDeps = { accounts: store.accounts, clock, policy: TEST_POLICY };
  const organisation = ORGANISATION;

  const server = (overrides: Partial<ServerOptions> = {}): AccountsServer =>
    createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET, accounts: true, policy: TEST_POLICY, ...overrides });
  const app = server({ signInsPerMinute: 1_000_000, ...options });

  const request = async (path: string, init: RequestInit = {}, env: RequestEnv = {}, on: AccountsServer = app): Promise<Response> =>
    on.request(`${ORIGIN}${path}`, init, env);

  return {
    deps, store, clock, accountDeps, organisation, users, app, server, request,
    get: (path, as, env) => request(path, { headers: as ? { Cookie: as.cookie } : {} }, env),
    write: (method, path, body, as, headers = {}, env = {}) => request(path, {
      method, body: JSON.stringify(body), headers: { Origin: ORIGIN, ...as?.headers, 'Content-Type': 'application/json', ...headers },
    }, env),
    async signIn(whoOrRole, env = {}, on = app) {
      const who = isRole(whoOrRole) ? FIRST_OF[whoOrRole] : whoOrRole;
      const user = users[who];
      const res = await request('/api/auth/sign-in', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
        body: JSON.stringify({ email: user.account.email, password: user.password }),
      }, env, on);
      if (res.status !== 200) throw new Error(`sign-in as ${who} answered ${res.status}: ${await res.text()}`);
      const { csrf } = await res.json() as { csrf: string };
      const cookie = cookiesOf(res);
      return { who, account: user.account, cookie, csrf, headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: ORIGIN } };
    },
    sql: <T>(text: string, params: unknown[] = []) => query<T>(text, params),
    close: release,
  };
}

/** A profile, an application with a person met at yesterday's interview, and a second one just applied to. */
async function seedRecords(app: AppDeps, prefix: string, name: string, company: string): Promise<string[]> {
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name, email: `${prefix}@mail.example` });
  const first = `${prefix}-1`;
  const second = `${prefix}-2`;
  await addApplication(app, { id: first, company, role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(app, first, { id: 'p1', name: 'Grace Okafor', title: 'Head of Analytics', email: 'grace@employer.example', verified: true });
  await addInterview(app, first, { id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] });
  await addApplication(app, { id: second, company: `${company} Europe`, role: 'Analyst', appliedOn: '2026-03-02' });
  return [first, second];
}

/** The JSON body of a response (an object). */
export async function jsonOf(res: Response): Promise<Record<string, unknown>> {
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

// ---------------------------------------------------------------- the route table

/** The /api routes of an app as `METHOD path`, once each (a route with validators is listed once per handler); middleware (`*`) left out. */
export function apiRoutes(app: AccountsServer): string[] {
  return [...new Set(app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*')).map((r) => `${r.method} ${r.path}`))];
}

export interface RouteSample {
  /** A JSON body that passes the route's validation (default `{}`). */
  readonly body?: unknown;
  /** A query string; `:name` placeholders are filled like path params. */
  readonly query?: string;
}

const start = '2026-03-10T10:00';
const end = '2026-03-10T11:00';

/**
 * Requests that pass validation, so a call reaches the records: an allowed caller then gets an
 * answer about the records, and a refusal is about who asks, not about the body. Ids: `:id` and
 * `:id2` are a job seeker's applications (each has a person p1 met at interview i1).
 */
export const ROUTE_SAMPLES: Readonly<Record<string, RouteSample>> = {
  'GET /api/calendar.ics': { query: 'token=:calendarToken' },
  'POST /api/coach/seekers/:seekerId/applications/:id/comments': { body: { body: 'Well done on the thank-you note.' } },
  'POST /api/references': { body: { name: 'Ada Byron' } },
  'POST /api/applications': { body: { company: 'Globex', role: 'Analyst' } },
  'POST /api/applications/:id/people': { body: { name: 'Pat Recruiter' } },
  'POST /api/applications/:id/interviews': { body: { start, end, stage: 'second_round' } },
  'POST /api/applications/:id/touches': { body: { kind: 'update', text: 'A short update.' } },
  'POST /api/applications/:id/close': { body: { status: 'withdrawn' } },
  'GET /api/applications/:id/drafts': { query: 'kind=thank_you_email&person=p1&interview=i1' },
  'POST /api/applications/:id/tone': { body: { kind: 'thank_you_email', person: 'p1', interview: 'i1', text: 'Thank you for your time.' } },
  'POST /api/applications/:id/drafts/eml': { body: { kind: 'thank_you_email', person: 'p1', interview: 'i1', subject: 'Thank you', body: 'Thank you for your time.' } },
  'POST /api/applications/:id/drafts/to-drafts': { body: { kind: 'thank_you_email', person: 'p1', interview: 'i1', subject: 'Thank you', body: 'Thank you for your time.' } },
  'GET /api/applications/:id/outbox/moment': { query: 'kind=thank_you_email&person=p1&interview=i1' },
  'POST /api/applications/:id/outbox': { body: { kind: 'thank_you_email', person: 'p1', interview: 'i1', subject: 'Thank you', body: 'Thank you for your time.', at: 'ideal' } },
  'POST /api/applications/:id/debrief-preview': { body: { field: 'details', person: 'p1', text: 'the move to Snowflake' } },
  'POST /api/applications/:id/reply/read': { body: { text: 'We expect to make a final decision by March 20.' } },
  'POST /api/applications/:id/reply': { body: { text: 'We expect to make a final decision by March 20.' } },
  'POST /api/applications/:id/status': { body: { status: 'active' } },
  'GET /api/offers/compare': { query: 'ids=:id,:id2' },
  'POST /api/applications/:id/offer': { body: { notes: 'Base pay to be confirmed.' } },
  'POST /api/applications/:id/flags': { body: { flag: 'R1', score: 1 } },
  'POST /api/applications/:id/ratings': { body: { ratings: [{ criterion: 'Growth', rating: 4 }] } },
  'GET /api/timeline': { query: 'said=by%20Friday&interviewEnd=2026-03-03&application=:id' },
  'POST /api/applications/:id/interviews/with-people': { body: { people: [{ name: 'Lee Panel' }], interview: { start, end, stage: 'second_round' } } },
};

/** `/api/applications/:id?ids=:id,:id2` with the values (URL-encoded); an unknown name is left empty. */
export function fillRoute(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** The URL of a route key (`METHOD path`) with its sample query, params filled. */
export function routeUrl(key: string, values: Readonly<Record<string, string>>): { method: string; url: string; body: unknown } {
  const [method = 'GET', path = ''] = key.split(' ');
  const sample = ROUTE_SAMPLES[key] ?? {};
  return { method, url: fillRoute(path, values) + (sample.query !== undefined ? `?${fillRoute(sample.query, values)}` : ''), body: sample.body ?? {} };
}
