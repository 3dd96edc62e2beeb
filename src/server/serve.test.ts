import { request } from 'node:http';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../app/ports.js';
import type { Deps } from '../deps.js';
import { parseTrustProxy } from './ops.js';
import { CONTENT_SECURITY_POLICY, CSRF_HEADER } from './security.js';
import { isLoopback, startServer, type RunningServer, type StartOptions } from './serve.js';
import { TEST_SECRET, cookiesOf, memoryDeps } from './testing.js';
import { accountsWorld } from './testing-accounts.js';

let deps: Deps;
let server: RunningServer;

beforeAll(async () => {
  deps = await memoryDeps();
  server = await startServer(deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET });
});

afterAll(async () => {
  await server.close();
  await deps.store.close();
});

/** A raw request with a Host header of our choosing (fetch sets its own). */
function rawGet(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One HTTP/1.1 exchange over a raw socket, sent in pieces: what a slow client or a proxy's kept-alive connection does. */
interface RawConnection {
  write(text: string): void;
  /** Everything the server sent until it closed the connection, and whether it reset it. */
  readonly ended: Promise<{ text: string; reset: boolean }>;
  /** Leaves: the socket closed at once, whatever was being sent. */
  destroy(): void;
}

function connect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.off('error', reject);
      let text = '';
      let reset = false;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => { text += chunk; });
      socket.on('error', () => { reset = true; });
      const ended = new Promise<{ text: string; reset: boolean }>((done) => socket.on('close', () => done({ text, reset })));
      resolve({ write: (t) => socket.write(t), ended, destroy: () => socket.destroy() });
    });
    socket.once('error', reject);
  });
}

/** Status, headers (lower-case names) and body of the first response in `text`. */
function parseResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const body = rest.join('\r\n\r\n');
  return { status: Number(statusLine.split(' ')[1]), headers, body: headers['content-length'] ? body.slice(0, Number(headers['content-length'])) : body };
}

/** Signs in over HTTP as a browser would: the key URL's cookie, then the CSRF token. */
async function signInOver(base: string, secret: string): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const entry = await fetch(`${base}/?key=${secret}`, { redirect: 'manual' });
  const cookie = cookiesOf(entry);
  const { csrf } = await (await fetch(`${base}/api/session`, { headers: { Cookie: cookie } })).json() as { csrf: string };
  return { cookie, csrf, headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: base } };
}

describe('the real server on an ephemeral loopback port', () => {
  it('prints a URL with the key, signs in, reads and writes through HTTP', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?key=${TEST_SECRET}`);

    const entry = await fetch(server.url, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    const cookie = cookiesOf(entry);
    expect(cookie).toMatch(/afterword_session=/);

    const base = `http://127.0.0.1:${server.port}`;
    const { csrf } = await (await fetch(`${base}/api/session`, { headers: { Cookie: cookie } })).json() as { csrf: string };
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: base, 'Content-Type': 'application/json' },
    });
    expect((await post('/api/profile', { settings: { timeZone: 'Europe/Berlin', region: 'DE-BE' }, candidate: { name: 'Alex Schmidt' } })).status).toBe(200);
    expect((await post('/api/applications', { company: 'Zeta GmbH', role: 'Analyst' })).status).toBe(201);

    const pipeline = await fetch(`${base}/api/pipeline`, { headers: { Cookie: cookie } });
    expect(pipeline.status).toBe(200);
    expect(await pipeline.json()).toMatchObject({ applications: [{ company: 'Zeta GmbH' }] });

    const refused = await fetch(`${base}/api/pipeline`);
    expect(refused.status).toBe(401);
    // The headers survive @hono/node-server's response path, on answers and refusals alike.
    for (const res of [entry, pipeline, refused]) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses a foreign Host header on the wire (421) and answers localhost', async () => {
    expect(await rawGet(server.port, '/', 'evil.example')).toBe(421);
    expect(await rawGet(server.port, '/', `rebind.example:${server.port}`)).toBe(421);
    expect(await rawGet(server.port, '/', `localhost:${server.port}`)).toBe(401);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.10', '::', 'example.com'].some(isLoopback)).toBe(false);
  });
});

/**
 * A server of its own, its log lines kept; on a fresh database (closed by `stop`) unless it only
 * reads and may share the suite's.
 */
async function own(options: Partial<StartOptions> = {}, shared?: Deps) {
  const ownDeps = shared ?? await memoryDeps();
  const lines: string[] = [];
  const running = await startServer(ownDeps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, log: (line) => lines.push(line), ...options });
  const base = `http://127.0.0.1:${running.port}`;
  return {
    deps: ownDeps, server: running, base, lines,
    logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: async () => {
      await running.close();
      if (!shared) await ownDeps.store.close();
    },
  };
}

/** Waits until `check` holds (the server acts on a socket's bytes a tick after they arrive). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe('/healthz', () => {
  it('answers 200 {"status":"ok"} to GET and HEAD, before the Host check and without a session', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":"ok"}');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await rawGet(server.port, '/healthz', 'evil.example')).toBe(200);
    expect(await rawGet(server.port, '/healthz?probe=1', '10.0.0.5:4600')).toBe(200);

    const head = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    const post = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 503 {"status":"unavailable"} when the database does not', async () => {
    const s = await own();
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
    await s.deps.store.close();
    const res = await fetch(`${s.base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    await s.stop();
    expect(s.logged().map((l) => [l['path'], l['status'], l['level']])).toEqual([['/healthz', 200, 'info'], ['/healthz', 503, 'error']]);
  });
});

describe('the request log', () => {
  it('writes one JSON line per request: path without the query, status, time, client; never keys, tokens or cookies', async () => {
    const s = await own();
    const { cookie, csrf } = await signInOver(s.base, TEST_SECRET);
    await fetch(`${s.base}/api/calendar.ics?token=secret-feed-token`);
    await fetch(`${s.base}/api/pipeline`, { headers: { Cookie: cookie } });
    await fetch(`${s.base}/healthz`);
    await until(() => s.lines.length === 5, 'five log lines');
    await s.stop();

    for (const line of s.lines) {
      expect(line).not.toContain('\n');
      for (const secret of [TEST_SECRET, 'secret-feed-token', csrf, cookie.split('=')[1] ?? cookie, '?']) expect(line).not.toContain(secret);
    }
    const logged = s.logged();
    expect(logged.map((l) => [l['method'], l['path'], l['status']])).toEqual([
      ['GET', '/', 303], ['GET', '/api/session', 200], ['GET', '/api/calendar.ics', 401], ['GET', '/api/pipeline', 422], ['GET', '/healthz', 200],
    ]);
    for (const l of logged) {
      expect(Object.keys(l)).toEqual(['time', 'level', 'method', 'path', 'status', 'ms', 'ip', 'bytes']);
      expect(Date.parse(String(l['time']))).toBeGreaterThan(Date.now() - 60_000);
      expect(l).toMatchObject({ level: 'info', ip: '127.0.0.1' });
      expect(Number(l['ms'])).toBeGreaterThanOrEqual(0);
      expect(Math.round(Number(l['ms']) * 10)).toBe(Number(l['ms']) * 10);
      expect(Number(l['bytes'])).toBeGreaterThan(100);
    }
  });
});

describe('a client that leaves', () => {
  it('in the middle of its upload is logged as 499 (aborted), not as an unexpected error', async () => {
    const errors: unknown[] = [];
    const s = await own({ logError: (error) => errors.push(error) });
    const { headers } = await signInOver(s.base, TEST_SECRET);
    const conn = await connect(s.server.port);
    const body = `Company,Position\n${'Acme,Analyst\n'.repeat(20_000)}`;
    conn.write([`POST /api/import HTTP/1.1`, `Host: 127.0.0.1:${s.server.port}`, 'Content-Type: text/csv', `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + `\r\n\r\n${body.slice(0, 1000)}`);
    await tick(100);
    conn.destroy();
    await until(() => s.lines.length === 3, 'the import logged');
    await tick(100);
    // Nothing of it stored.
    expect(await s.deps.store.listApplications(LOCAL_USER.id)).toEqual([]);
    await s.stop();
    expect(errors.map(String)).toEqual([]);
    expect(s.logged()[2]).toMatchObject({ method: 'POST', path: '/api/import', status: 499, aborted: true });
  });
});

describe('the request log of a shared server', () => {
  it('names the signed-in account the app found (c.env.info), and never the password or the session', async () => {
    const world = await accountsWorld();
    const lines: string[] = [];
    const running = await startServer(world.deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, accounts: true, log: (line) => lines.push(line) });
    const base = `http://127.0.0.1:${running.port}`;
    const seeker = world.users.seeker1;
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email: seeker.account.email, password: seeker.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = cookiesOf(signIn);
    expect((await fetch(`${base}/api/pipeline`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(`${base}/api/pipeline`)).status).toBe(401);
    await until(() => lines.length === 3, 'three log lines');
    await running.close();
    await world.close();

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => [l['path'], l['status']])).toEqual([['/api/auth/sign-in', 200], ['/api/pipeline', 200], ['/api/pipeline', 401]]);
    expect(logged[1]).toMatchObject({ user: seeker.account.id });
    expect(logged[2]).not.toHaveProperty('user');
    for (const line of lines) for (const secret of [seeker.password, cookie.split(';')[0]?.split('=')[1] ?? cookie]) expect(line).not.toContain(secret);
  });
});

describe('behind a proxy', () => {
  it('tells the app what the trusted proxy says: HTTPS (Secure cookies) and the client (the sign-in limit per address)', async () => {
    const world = await accountsWorld();
    const running = await startServer(world.deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, accounts: true, trustProxy: parseTrustProxy('127.0.0.1') });
    const base = `http://127.0.0.1:${running.port}`;
    const seeker = world.users.seeker1;
    const signIn = (headers: Record<string, string>) => fetch(`${base}/api/auth/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base, ...headers }, body: JSON.stringify({ email: seeker.account.email, password: seeker.password }),
    });
    const secureCookies = async (res: Response) => {
      expect(res.status).toBe(200);
      return res.headers.getSetCookie().map((c) => /;\s*Secure/i.test(c));
    };
    expect(await secureCookies(await signIn({ 'X-Forwarded-For': '198.51.100.9', 'X-Forwarded-Proto': 'https' }))).toEqual([true, true]);
    expect(await secureCookies(await signIn({ 'X-Forwarded-For': '198.51.100.9', 'X-Forwarded-Proto': 'http' }))).toEqual([false, false]);

    // The limit counts attempts before reading them: an empty body (400) is the cheapest attempt.
    const statuses = async (client: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        out.push((await fetch(`${base}/api/auth/accept-invitation`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base, 'X-Forwarded-For': client }, body: '{}',
        })).status);
      }
      return out;
    };
    // Ten a minute per client: app.ts's default.
    expect(await statuses('203.0.113.1', 11)).toEqual([...Array<number>(10).fill(400), 429]);
    expect(await statuses('203.0.113.2', 1)).toEqual([400]);
    await running.close();
    await world.close();
  });

  const viaProxy = (base: string, headers: Record<string, string>) => fetch(`${base}/healthz`, { headers });

  it('ignores X-Forwarded-For unless told to trust the proxy', async () => {
    const s = await own({}, deps);
    await viaProxy(s.base, { 'X-Forwarded-For': '198.51.100.9', 'X-Forwarded-Proto': 'https' });
    await until(() => s.lines.length === 1, 'a log line');
    await s.stop();
    expect(s.logged()[0]).toMatchObject({ ip: '127.0.0.1' });
  });

  it('believes the one proxy in front (--trust-proxy 1): the last X-Forwarded-For entry, not what the client put before it', async () => {
    const s = await own({ trustProxy: parseTrustProxy('1') }, deps);
    await viaProxy(s.base, { 'X-Forwarded-For': '6.6.6.6, 198.51.100.9' });
    await viaProxy(s.base, {});
    await until(() => s.lines.length === 2, 'two log lines');
    await s.stop();
    expect(s.logged().map((l) => l['ip'])).toEqual(['198.51.100.9', '127.0.0.1']);
  });

  it('matches a listed proxy on a dual-stack socket (::ffff:127.0.0.1) and logs plain IPv4', async () => {
    const listed = await own({ host: '::', trustProxy: parseTrustProxy('127.0.0.1') }, deps);
    const other = await own({ host: '::', trustProxy: parseTrustProxy('10.0.0.5') }, deps);
    for (const s of [listed, other]) {
      await viaProxy(`http://127.0.0.1:${s.server.port}`, { 'X-Forwarded-For': '2001:DB8::42' });
      await viaProxy(`http://127.0.0.1:${s.server.port}`, {});
      await until(() => s.lines.length === 2, 'two log lines');
      await s.stop();
    }
    expect(listed.logged().map((l) => l['ip'])).toEqual(['2001:db8::42', '127.0.0.1']);
    expect(other.logged().map((l) => l['ip'])).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});

describe('stopping', () => {
  const csv = (rows: number, prefix: string) => `Company,Position,Status,Date Applied\n${Array.from({ length: rows }, (_, i) => `${prefix} ${i},Analyst,Applied,2026-02-0${(i % 9) + 1}`).join('\n')}\n`;

  /** A POST whose body the test sends in two parts, so the request is in flight for as long as the test wants. */
  async function slowPost(s: Awaited<ReturnType<typeof own>>, path: string, body: string) {
    const { headers } = await signInOver(s.base, TEST_SECRET);
    const conn = await connect(s.server.port);
    const head = [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${s.server.port}`, 'Content-Type: text/csv', `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    const half = Math.floor(body.length / 2);
    conn.write(`${head}\r\n\r\n${body.slice(0, half)}`);
    return { conn, rest: () => conn.write(body.slice(half)) };
  }

  it('finishes the requests in flight, refuses new ones, answers 503 on open connections, then resolves', async () => {
    const s = await own();
    const { headers } = await signInOver(s.base, TEST_SECRET);
    expect((await fetch(`${s.base}/api/profile`, {
      method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ settings: { timeZone: 'UTC', region: 'GB-ENG' } }),
    })).status).toBe(200);
    const upload = await slowPost(s, '/api/import', csv(2000, 'Firm'));
    // A proxy's kept-alive connection in the middle of sending a request when the stop begins.
    const probe = await connect(s.server.port);
    probe.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const late = await connect(s.server.port);
    late.write(`GET /api/pipeline HTTP/1.1\r\nHost: 127.0.0.1:${s.server.port}\r\nCookie: ${headers['Cookie'] ?? ''}\r\n`);
    await tick();

    let closed = false;
    const closing = s.server.close().then(() => { closed = true; });
    await tick();
    await expect(fetch(`${s.base}/healthz`)).rejects.toThrow();
    probe.write('\r\n');
    late.write('\r\n');
    const health = parseResponse((await probe.ended).text);
    expect(health).toMatchObject({ status: 503, body: '{"status":"unavailable"}', headers: { connection: 'close' } });
    expect(parseResponse((await late.ended).text)).toMatchObject({ status: 503, headers: { connection: 'close' } });
    expect(closed).toBe(false);

    upload.rest();
    const imported = parseResponse((await upload.conn.ended).text);
    expect(imported.status).toBe(201);
    expect(imported.headers['connection']).toBe('close');
    expect(JSON.parse(imported.body)).toMatchObject({ imported: 2000, rows: 2000 });
    await closing;
    expect((await s.deps.store.listApplications('local')).length).toBe(2000);
    await s.deps.store.close();
    expect(s.logged().filter((l) => l['path'] === '/api/import')).toEqual([expect.objectContaining({ method: 'POST', status: 201 })]);
  }, 30_000);

  it('cuts what is still running after the timeout', async () => {
    const s = await own({ shutdownTimeoutMs: 300 });
    const upload = await slowPost(s, '/api/import', csv(10, 'Firm'));
    await tick();
    const started = performance.now();
    await s.server.close();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
    expect((await upload.conn.ended).text).toBe('');
    await until(() => s.lines.length === 3, 'the cut request logged');
    await s.deps.store.close();
    expect(s.logged()[2]).toMatchObject({ method: 'POST', path: '/api/import', status: 499, aborted: true });
  });

  it('does not wait for idle kept-alive connections', async () => {
    const s = await own({}, deps);
    const conn = await connect(s.server.port);
    conn.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await until(() => s.lines.length === 1, 'the first request');
    const started = performance.now();
    await s.stop();
    // Node closes an idle kept-alive connection after 5 s: a stop that waited for it would take that long.
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(parseResponse((await conn.ended).text)).toMatchObject({ status: 200, headers: { connection: 'keep-alive' } });
  });
});
