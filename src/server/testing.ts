/** In-process HTTP for the server's tests: a signed-in client over `app.request()`. */
import { LOCAL_USER } from '../app/ports.js';
import { createTimeRules } from '../core/time.js';
import type { Deps } from '../deps.js';
import { openPgliteStore } from '../store/pglite.js';
import { CSRF_HEADER } from './security.js';

/** A real, migrated in-memory database with the local user (the server may not import cli/testing). */
export async function memoryDeps(): Promise<Deps> {
  const store = await openPgliteStore();
  await store.ensureUser(LOCAL_USER);
  return { store, time: createTimeRules(), clock: { now: () => Date.now() } };
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
