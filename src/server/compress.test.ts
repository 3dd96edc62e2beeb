/** Compression as the browser asks for it: the built UI's files and the API's JSON, in-process with app.request(). */
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../app/ports.js';
import { addApplication, saveProfile, type AppDeps } from '../app/records.js';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { negotiate } from './compress.js';
import { memoryDeps, ORIGIN, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from './testing.js';
import type { WebAssets } from './web.js';

const SCRIPT = Buffer.from(Array.from({ length: 600 }, (_, i) => `export const line${i} = "the board at scale, line ${i}";`).join('\n'));
const BUILT = Buffer.from('console.log("compressed by the build");\n'.repeat(60));
const SMALL_CSS = Buffer.from('main { max-width: 980px; }\n');
// An image is compressed already: sent as it is, however large.
const PNG = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

const web: WebAssets = {
  index: { body: Buffer.from('<!doctype html><title>Afterword</title>'), type: 'text/html; charset=utf-8' },
  files: new Map([
    ['/assets/index-abc.js', { body: SCRIPT, type: 'text/javascript; charset=utf-8' }],
    ['/assets/built-def.js', { body: BUILT, type: 'text/javascript; charset=utf-8', br: brotliCompressSync(BUILT), gzip: gzipSync(BUILT) }],
    ['/assets/small.css', { body: SMALL_CSS, type: 'text/css; charset=utf-8' }],
    ['/logo.png', { body: PNG, type: 'image/png' }],
  ]),
};

let deps: Deps;
let app: ReturnType<typeof createServer>;
let api: TestClient;

beforeAll(async () => {
  const base = await memoryDeps();
  // Wed 2026-03-18 09:00 in New York.
  deps = { ...base, clock: { now: () => Date.parse('2026-03-18T09:00:00-04:00') } };
  const user: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  await saveProfile(user, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: 'jordan@example.com' });
  for (let i = 1; i <= 12; i++) await addApplication(user, { company: `Company number ${i}`, role: 'Senior Data Analyst', appliedOn: '2026-03-02' });
  app = createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET, web });
  api = await signIn(app);
}, 60_000);

afterAll(async () => {
  await deps.store.close();
});

const asset = (path: string, accept?: string) => app.request(`${ORIGIN}${path}`, { headers: accept === undefined ? {} : { 'Accept-Encoding': accept } });
const bytes = async (res: Response): Promise<Buffer> => Buffer.from(await res.arrayBuffer());

describe('negotiate', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0.8, br', 'br'],
    ['*', 'br'],
    ['gzip;q=0, *;q=0.1', 'br'],
    ['deflate', undefined],
    ['identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['', undefined],
  ] as const)('%j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});

describe('the built UI', () => {
  it('sends a script in brotli to a browser that accepts it, with Vary', async () => {
    const res = await asset('/assets/index-abc.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const body = await bytes(res);
    expect(body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(body).equals(SCRIPT)).toBe(true);
  });

  it('sends gzip to one that accepts only gzip, and the file as it is to one that accepts neither', async () => {
    const gz = await asset('/assets/index-abc.js', 'gzip');
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).equals(SCRIPT)).toBe(true);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await asset('/assets/index-abc.js', accept);
      expect(plain.headers.get('Content-Encoding'), accept).toBeNull();
      expect(plain.headers.get('Vary'), accept).toBe('Accept-Encoding');
      expect((await bytes(plain)).equals(SCRIPT), accept).toBe(true);
    }
  });

  it('sends what the build compressed, unchanged', async () => {
    const br = await asset('/assets/built-def.js', 'br');
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect((await bytes(br)).equals(brotliCompressSync(BUILT))).toBe(true);
    const gz = await asset('/assets/built-def.js', 'gzip');
    expect((await bytes(gz)).equals(gzipSync(BUILT))).toBe(true);
  });

  it('leaves tiny files and images as they are', async () => {
    const css = await asset('/assets/small.css', 'br, gzip');
    expect(css.headers.get('Content-Encoding')).toBeNull();
    expect((await bytes(css)).equals(SMALL_CSS)).toBe(true);
    const png = await asset('/logo.png', 'br, gzip');
    expect(png.headers.get('Content-Encoding')).toBeNull();
    expect(png.headers.get('Vary')).toBeNull();
    expect((await bytes(png)).equals(PNG)).toBe(true);
  });
});

describe('the API', () => {
  it('compresses JSON of a kilobyte or more, and the same JSON reads back', async () => {
    const plain = await api.get('/api/board/cards');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    for (const [accept, encoding, decode] of [['br', 'br', brotliDecompressSync], ['gzip, deflate', 'gzip', gunzipSync]] as const) {
      const res = await api.get('/api/board/cards', { headers: { 'Accept-Encoding': accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Encoding')).toBe(encoding);
      expect(res.headers.get('Content-Length')).toBeNull();
      expect(res.headers.get('Vary')).toBe('Accept-Encoding');
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      const body = await bytes(res);
      expect(body.length).toBeLessThan(text.length / 2);
      expect(JSON.parse(decode(body).toString('utf8'))).toEqual(JSON.parse(text));
    }
  });

  it('leaves small answers and errors as they are', async () => {
    const session = await api.get('/api/session', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(session.headers.get('Content-Encoding')).toBeNull();
    expect(session.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await session.json()).toHaveProperty('csrf');
    const missing = await api.get('/api/applications/a999', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Encoding')).toBeNull();
    expect(await missing.json()).toHaveProperty('error');
  });
});
