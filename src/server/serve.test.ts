import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { CONTENT_SECURITY_POLICY, CSRF_HEADER } from './security.js';
import { isLoopback, startServer, type RunningServer } from './serve.js';
import { TEST_SECRET, cookiesOf, memoryDeps } from './testing.js';

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
