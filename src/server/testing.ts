/** In-process HTTP for the server's tests: a signed-in client over `app.request()`. */
import { LOCAL_USER, type Store } from '../app/ports.js';
import { createTimeRules } from '../core/time.js';
import type { Deps } from '../deps.js';
import { freshPgliteStore } from '../store/testing.js';
import { CSRF_HEADER } from './security.js';

/**
 * A real, migrated database with the local user (the server may not import cli/testing): in-memory
 * PGlite, or with AFTERWORD_TEST_API_ON_POSTGRES=1 a fresh database on the PostgreSQL server of
 * AFTERWORD_TEST_DATABASE_URL, dropped when the store closes (`npm run test:api-pg`).
 */
export async function memoryDeps(): Promise<Deps> {
  const store = (await postgresTestStore())?.store ?? await freshPgliteStore();
  await store.ensureUser(LOCAL_USER);
  return { store, time: createTimeRules(), clock: { now: () => Date.now() } };
}

let databases = 0;

/** With AFTERWORD_TEST_API_ON_POSTGRES=1, a store on a fresh PostgreSQL database (and its URL); else undefined. */
export async function postgresTestStore(): Promise<{ store: Store; url: string } | undefined> {
  if (process.env['AFTERWORD_TEST_API_ON_POSTGRES'] !== '1') return undefined;
  const url = process.env['AFTERWORD_TEST_DATABASE_URL'];
  if (!url) throw new Error('AFTERWORD_TEST_API_ON_POSTGRES=1 needs AFTERWORD_TEST_DATABASE_URL');
  const { default: pg } = await import('pg');
  const { openPostgresStore } = await import('../store/postgres.js');
  const name = `afterword_api_${process.pid}_${Date.now().toString(36)}_${databases++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const store = await openPostgresStore({ url: target.toString() });
  // The same store, whose close() also drops its database.
  const owned: Store = Object.create(store) as Store;
  let closed: Promise<void> | undefined;
  Object.defineProperty(owned, 'close', {
    // Once, however often it is called (as the store's own close is).
    value: () => (closed ??= (async () => {
      await store.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    })()),
  });
  return { store: owned, url: target.toString() };
}

export const TEST_SECRET = 'ab'.repeat(32);
export const TEST_BINDING = { host: '127.0.0.1', port: 4600 } as const;
export const ORIGIN = `http://${TEST_BINDING.host}:${TEST_BINDING.port}`;

/** `name=value` pairs of every Set-Cookie header. */
export function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
}

/** What the tests need of the app. */
export interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface TestClient {
  readonly cookie: string;
  readonly csrf: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON write with the session cookie, the CSRF header and a same-origin Origin. */
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** A raw-body write (CSV, backup text). */
  send(path: string, body: string | Uint8Array, contentType: string): Promise<Response>;
}

/** Signs in with `?key=` as a browser would, then reads the CSRF token from /api/session. */
export async function signIn(app: Requester, secret = TEST_SECRET): Promise<TestClient> {
  const entry = await app.request(`${ORIGIN}/?key=${secret}`);
  if (entry.status !== 303) throw new Error(`sign-in answered ${entry.status}`);
  const cookie = cookiesOf(entry);
  const session = await app.request(`${ORIGIN}/api/session`, { headers: { Cookie: cookie } });
  const { csrf } = await session.json() as { csrf: string };
  const writeHeaders = { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: ORIGIN };
  return {
    cookie,
    csrf,
    get: async (path, init = {}) => app.request(`${ORIGIN}${path}`, { ...init, headers: { Cookie: cookie, ...init.headers } }),
    post: async (path, body, init = {}) => app.request(`${ORIGIN}${path}`, {
      method: 'POST', ...init, body: JSON.stringify(body), headers: { ...writeHeaders, 'Content-Type': 'application/json', ...init.headers },
    }),
    send: async (path, body, contentType) => app.request(`${ORIGIN}${path}`, {
      // A copy backed by a plain ArrayBuffer: what the DOM's BodyInit accepts (the e2e tests compile with it).
      method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { ...writeHeaders, 'Content-Type': contentType },
    }),
  };
}

/** Fails a test's setup unless a seeding request answered 200 or 201, with what it said. */
export async function seeded(res: Response | Promise<Response>): Promise<void> {
  const r = await res;
  if (r.status !== 201 && r.status !== 200) throw new Error(`seed answered ${r.status}: ${await r.text()}`);
}

/** A server on a fresh database whose clock stands at `now`, and a client signed in to it. */
export async function signedInAt(now: number): Promise<{ deps: Deps; api: TestClient }> {
  const { createServer } = await import('./app.js');
  const deps = { ...await memoryDeps(), clock: { now: () => now } };
  return { deps, api: await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET })) };
}
