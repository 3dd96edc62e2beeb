import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { CONTENT_SECURITY_POLICY, CSRF_HEADER, SECRET_FILE, allowedHosts, loadOrCreateSecret, newSession, verifySession } from './security.js';
import { ORIGIN, TEST_BINDING, TEST_SECRET, cookiesOf, memoryDeps, signIn, type TestClient } from './testing.js';

let deps: Deps;
let app: ReturnType<typeof createServer>;
let api: TestClient;

beforeAll(async () => {
  deps = await memoryDeps();
  app = createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET });
  api = await signIn(app);
  const res = await api.post('/api/profile', { settings: { timeZone: 'Europe/London', region: 'GB-ENG' }, candidate: { name: 'Sam Park' } });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await deps.store.close();
});

describe('signing in with the key', () => {
  it('GET /?key=SECRET sets an HttpOnly SameSite=Strict session cookie and redirects to /', async () => {
    const res = await app.request(`${ORIGIN}/?key=${TEST_SECRET}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('afterword_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    const home = await app.request(`${ORIGIN}/`, { headers: { Cookie: cookiesOf(res) } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('signed in');
  });

  it('a wrong key sets nothing (401)', async () => {
    const res = await app.request(`${ORIGIN}/?key=${'cd'.repeat(32)}`);
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('the home page without a session is static and has no script', async () => {
    const res = await app.request(`${ORIGIN}/`);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
  });

  it('a session cookie signed with another secret is refused', () => {
    const other = newSession('ef'.repeat(32));
    expect(verifySession(TEST_SECRET, other)).toBeUndefined();
    expect(verifySession(TEST_SECRET, newSession(TEST_SECRET))).toBeTypeOf('string');
    expect(verifySession(TEST_SECRET, 'garbage')).toBeUndefined();
  });
});

describe('the API needs the session cookie', () => {
  it.each(['/api/today', '/api/week', '/api/pipeline', '/api/applications/a1', '/api/backup', '/api/export.xlsx', '/api/session'])('GET %s without the cookie is 401', async (path) => {
    const res = await app.request(`${ORIGIN}${path}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty('error');
  });

  it('a write without the cookie is 401 even with a CSRF header', async () => {
    const res = await app.request(`${ORIGIN}/api/applications`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: api.csrf, Origin: ORIGIN },
      body: JSON.stringify({ company: 'X', role: 'Y' }),
    });
    expect(res.status).toBe(401);
  });

  it('the same request with the cookie passes', async () => {
    expect((await api.get('/api/pipeline')).status).toBe(200);
  });
});

describe('DNS rebinding: the Host check', () => {
  it.each(['evil.example:4600', 'evil.example', '127.0.0.1:9999', 'localhost', '[::1]:4600'])('Host %s is refused with 421', async (host) => {
    const res = await app.request(`${ORIGIN}/api/pipeline`, { headers: { Host: host, Cookie: api.cookie } });
    expect(res.status).toBe(421);
  });

  it('a foreign Host is refused before the key is even looked at', async () => {
    const res = await app.request(`http://evil.example:4600/?key=${TEST_SECRET}`);
    expect(res.status).toBe(421);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it.each(['127.0.0.1:4600', 'localhost:4600', 'LOCALHOST:4600'])('Host %s is accepted', async (host) => {
    const res = await app.request(`${ORIGIN}/api/pipeline`, { headers: { Host: host, Cookie: api.cookie } });
    expect(res.status).toBe(200);
  });

  it('the bound address is allowed as well as localhost and 127.0.0.1', () => {
    expect([...allowedHosts({ host: '::1', port: 80 })]).toEqual(['[::1]:80', 'localhost:80', '127.0.0.1:80']);
  });
});

describe('CSRF on writes', () => {
  const write = (headers: Record<string, string>) => app.request(`${ORIGIN}/api/applications`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: api.cookie, ...headers },
    body: JSON.stringify({ company: 'Forged', role: 'Forged' }),
  });

  it('a write without the CSRF header is 403 and records nothing', async () => {
    const res = await write({ Origin: ORIGIN });
    expect(res.status).toBe(403);
    const pipeline = await (await api.get('/api/pipeline')).json() as { applications: unknown[] };
    expect(pipeline.applications).toEqual([]);
  });

  it('a write with a wrong CSRF token is 403', async () => {
    expect((await write({ Origin: ORIGIN, [CSRF_HEADER]: 'x'.repeat(api.csrf.length) })).status).toBe(403);
  });

  it('a write with the token but a foreign Origin is 403', async () => {
    expect((await write({ Origin: 'http://evil.example', [CSRF_HEADER]: api.csrf })).status).toBe(403);
    expect((await write({ Origin: 'null', [CSRF_HEADER]: api.csrf })).status).toBe(403);
    expect((await write({ Origin: 'https://127.0.0.1:4600', [CSRF_HEADER]: api.csrf })).status).toBe(403);
  });

  it('a cross-site Sec-Fetch-Site is 403', async () => {
    expect((await write({ 'Sec-Fetch-Site': 'cross-site', [CSRF_HEADER]: api.csrf })).status).toBe(403);
  });

  it("another session's token is refused", async () => {
    const other = await signIn(app);
    expect(other.csrf).not.toBe(api.csrf);
    expect((await write({ Origin: ORIGIN, [CSRF_HEADER]: other.csrf })).status).toBe(403);
  });

  it('the readable CSRF cookie holds the same token as /api/session', async () => {
    const res = await app.request(`${ORIGIN}/?key=${TEST_SECRET}`);
    const csrfCookie = res.headers.getSetCookie().find((c) => c.startsWith('afterword_csrf='));
    expect(csrfCookie).toBeDefined();
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    const token = csrfCookie?.split(';')[0]?.split('=')[1];
    const session = await (await app.request(`${ORIGIN}/api/session`, { headers: { Cookie: cookiesOf(res) } })).json() as { csrf: string };
    expect(token).toBe(session.csrf);
  });

  it('the same write with the header and our Origin passes', async () => {
    const res = await write({ Origin: ORIGIN, [CSRF_HEADER]: api.csrf });
    expect(res.status).toBe(201);
  });
});

describe('security headers on every response', () => {
  const paths = ['/', '/api/pipeline', '/api/nowhere', `/?key=${TEST_SECRET}`];
  it.each(paths)('%s carries the CSP and friends', async (path) => {
    const res = await app.request(`${ORIGIN}${path}`, { headers: { Cookie: api.cookie } });
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('refusals carry them too (421, 401, 403, 404)', async () => {
    const refused = [
      await app.request('http://evil.example/'),
      await app.request(`${ORIGIN}/api/today`),
      await app.request(`${ORIGIN}/api/profile`, { method: 'POST', headers: { Cookie: api.cookie }, body: '{}' }),
      await api.get('/api/nowhere'),
    ];
    expect(refused.map((r) => r.status)).toEqual([421, 401, 403, 404]);
    for (const res of refused) expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('errors', () => {
  it('an unexpected error is 500 without a stack; the log sees it', async () => {
    const seen: unknown[] = [];
    const store = new Proxy(deps.store, {
      get(target, key) {
        if (key === 'listApplications') return () => Promise.reject(new Error('disk on fire at /secret/path'));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const failing = createServer({ ...deps, store }, {
      ...TEST_BINDING, secret: TEST_SECRET, logError: (e) => seen.push(e),
    });
    const client = await signIn(failing);
    const res = await client.get('/api/pipeline');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toContain('secret');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ message: 'disk on fire at /secret/path' });
  });
});

describe('the per-install secret', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'afterword-secret-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is created once (32 random bytes, mode 0600, parent folders made) and then reused', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadOrCreateSecret(dataDir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, SECRET_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    expect(await loadOrCreateSecret(dataDir)).toBe(first);
    expect(await loadOrCreateSecret(join(dir, 'other'))).not.toBe(first);
  });
});
