import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../server/security.js';
import { runCli } from '../main.js';
import { cli } from '../testing.js';
import { afterwordArgs } from '../testing-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('afterword serve', () => {
  it('has examples in its help', async () => {
    const r = await cli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ afterword serve');
    expect(r.stdout).toContain('--port');
    expect(r.stdout).toContain('127.0.0.1');
    expect(r.stdout).toContain('--trust-proxy <setting>');
    expect(r.stdout).toContain('$AFTERWORD_TRUST_PROXY');
    expect(r.stdout).toContain('$ afterword serve --host 0.0.0.0 --trust-proxy 1');
    expect(r.stdout).toContain('/healthz');
  });

  it.each(['abc', '-1', '70000', '80.5'])('refuses --port %s naming the flag (exit 2)', async (port) => {
    const r = await cli(['serve', `--port=${port}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^afterword: --port: /);
  });

  it.each(['-1', 'soon', '1.5', '600000'])('refuses --session-cache %s naming the flag and the fix (exit 2)', async (value) => {
    const r = await cli(['serve', `--session-cache=${value}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^afterword: --session-cache: ".*" is not a whole number of milliseconds from 0 to 60000; e\.g\. --session-cache 0/);
  });

  it.each([
    ['nope', /^afterword: --trust-proxy: "nope" is not an IP address or subnet; give the number of proxies in front \(e\.g\. --trust-proxy 1\)/],
    ['true', /^afterword: --trust-proxy: "true" would believe any client about its address; give the number/],
    ['10.0.0.5,,10.0.0.6', /^afterword: --trust-proxy: "" is not an IP address/],
    ['', /^afterword: --trust-proxy: empty; give/],
  ])('refuses --trust-proxy %j in one line naming the flag and the fix (exit 2)', async (value, message) => {
    const r = await cli(['serve', '--trust-proxy', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--public-url', 'afterword.example.org'], /^afterword: --public-url: "afterword\.example\.org" is not a URL; give the address users open/],
    [['--public-url', 'ftp://afterword.example.org'], /^afterword: --public-url: "ftp:\/\/afterword\.example\.org" must be an http\(s\) address without a path/],
    [['--public-url', 'https://example.org/afterword'], /must be an http\(s\) address without a path/],
    [['--accounts', '--single-user'], /^afterword: --accounts and --single-user: choose one/],
  ])('refuses %j in one line naming the flag (exit 2)', async (args, message) => {
    const r = await cli(['serve', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a bad AFTERWORD_TRUST_PROXY naming the variable; the flag wins over it', async () => {
    let stderr = '';
    const run = (argv: string[]) => runCli(argv, {
      stdout: () => undefined, stderr: (t) => { stderr += t; }, readFile: () => '', now: () => 0,
      env: { AFTERWORD_TRUST_PROXY: 'everyone' },
    });
    expect(await run(['serve'])).toBe(2);
    expect(stderr).toMatch(/^afterword: AFTERWORD_TRUST_PROXY \(or --trust-proxy\): "everyone" is not an IP address or subnet; give/);
    stderr = '';
    expect(await run(['serve', '--trust-proxy', '1', '--port', 'x'])).toBe(2);
    expect(stderr).toMatch(/^afterword: --port: /);
  });
});

// ---------------------------------------------------------------- as a real process

interface Served {
  readonly child: ChildProcess;
  readonly port: number;
  readonly secret: string;
  readonly base: string;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'afterword-serve-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `afterword serve --port 0 …` in a child process, once it printed its address. */
function serve(args: readonly string[], env: Record<string, string> = {}): Promise<Served> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AFTERWORD_') && k !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [...afterwordArgs(), 'serve', '--port', '0', ...args], {
    cwd: root, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /http:\/\/[^:]+:(\d+)\/\?key=([0-9a-f]{64})/.exec(out);
      if (m) {
        const port = Number(m[1]);
        resolve({ child, port, secret: m[2] ?? '', base: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then(({ code }) => reject(new Error(`afterword serve exited (${code}) before listening: ${err}`)));
  });
}

/** Waits for `check` up to `ms` (a first start creates the database: ~6 s alone, 15–20 s on a busy 2-core machine). */
async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (let i = 0; i < ms / 20 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** The key URL's cookie and the CSRF token: the headers of an authenticated write. */
async function signIn(s: Served): Promise<Record<string, string>> {
  const entry = await fetch(`${s.base}/?key=${s.secret}`, { redirect: 'manual' });
  const cookie = entry.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
  const { csrf } = await (await fetch(`${s.base}/api/session`, { headers: { Cookie: cookie } })).json() as { csrf: string };
  return { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: s.base };
}

/** A raw POST whose body goes out in two parts: in flight until the test sends the rest. */
function slowPost(s: Served, path: string, headers: Record<string, string>, body: string) {
  const socket = createConnection({ host: '127.0.0.1', port: s.port });
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
  const ended = new Promise<string>((resolve, reject) => {
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  const head = [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${s.port}`, 'Content-Type: text/csv', `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  const half = Math.floor(body.length / 2);
  socket.write(`${head}\r\n\r\n${body.slice(0, half)}`);
  return { ended, rest: () => socket.write(body.slice(half)) };
}

const logLines = (s: Served) => s.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('afterword serve as a process', () => {
  it('on SIGTERM finishes the import in flight, refuses what comes after, closes the database and exits 0; a restart has every row', async () => {
    const rows = 5000;
    const data = join(dir, 'sigterm');
    const first = await serve(['--data-dir', data, '--log']);
    // Said before the seconds it takes, not only once ready.
    await until(() => first.stderr().includes(`Creating your database in ${data} (only the first start takes this long)…\n`), 'the first start\'s progress');
    const headers = await signIn(first);
    const json = { ...headers, 'Content-Type': 'application/json' };
    expect((await fetch(`${first.base}/api/profile`, { method: 'POST', headers: json, body: JSON.stringify({ settings: { timeZone: 'UTC', region: 'GB-ENG' } }) })).status).toBe(200);
    const csv = `Company,Position,Status,Date Applied\n${Array.from({ length: rows }, (_, i) => `Firm ${i},Analyst,Applied,2026-02-${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\n`;
    const upload = slowPost(first, '/api/import', headers, csv);
    // Long enough for the server to have read the request's head: the request is in flight.
    await new Promise((r) => setTimeout(r, 300));

    first.child.kill('SIGTERM');
    await until(() => first.stdout().includes('Stopping'), 'the server to begin stopping');
    const late = await fetch(`${first.base}/api/applications`, { method: 'POST', headers: json, body: JSON.stringify({ company: 'Late Co', role: 'Analyst' }) })
      .then((res) => res.status, () => 'refused');
    expect([503, 'refused']).toContain(late);

    upload.rest();
    const response = await upload.ended;
    const [head = '', body = ''] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 201 /);
    expect(head).toMatch(/\r\nConnection: close\r\n/i);
    expect(JSON.parse(body)).toMatchObject({ imported: rows, rows, dryRun: false });
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).not.toMatch(/unexpected error/);
    expect(logLines(first).filter((l) => l['path'] === '/api/import')).toEqual([expect.objectContaining({ method: 'POST', status: 201, ip: '127.0.0.1' })]);

    const second = await serve(['--data-dir', data, '--log']);
    await until(() => second.stderr().includes(`Opening your records in ${data}…\n`), 'the restart\'s progress');
    try {
      const again = await signIn(second);
      const board = await (await fetch(`${second.base}/api/pipeline`, { headers: again })).json() as { counts: Record<string, number>; applications: { company: string }[] };
      expect(board.counts['active']).toBe(rows);
      expect(board.applications.some((a) => a.company === 'Late Co')).toBe(false);
      // One process at a time on the embedded database: a command on the same data directory is
      // refused (exit 2) while the server runs, and writes nothing.
      const meanwhile = await cli(['--data-dir', data, 'add', 'application', '--company', 'Meanwhile Co', '--role', 'Analyst']);
      expect(meanwhile.code).toBe(2);
      expect(meanwhile.stderr).toMatch(new RegExp(`^afterword: the records in ${join(data, 'pglite')} are open in another Afterword process \\(pid ${second.child.pid ?? 0}: afterword serve, since [^)]+\\); stop it first`));
    } finally {
      second.child.kill('SIGTERM');
    }
    expect(await second.exited).toEqual({ code: 0, signal: null });
    // Stopped: the lock is gone and the command goes through.
    const after = await cli(['--data-dir', data, 'add', 'application', '--company', 'Afterwards Co', '--role', 'Analyst']);
    expect(after.code).toBe(0);
    expect(existsSync(join(data, 'pglite.lock'))).toBe(false);
  }, 120_000);

  it('listens on 0.0.0.0 with a warning, believes the proxy it is told to, and stops on SIGINT', async () => {
    const s = await serve(['--data-dir', join(dir, 'proxy'), '--host', '0.0.0.0', '--log'], { AFTERWORD_TRUST_PROXY: '1' });
    await until(() => /warning: listening on 0\.0\.0\.0, not a loopback address/.test(s.stderr()), 'the warning');
    const health = await fetch(`${s.base}/healthz`, { headers: { 'X-Forwarded-For': '6.6.6.6, 198.51.100.9' } });
    expect(health.status).toBe(200);
    await until(() => logLines(s).length === 1, 'the log line');
    expect(logLines(s)[0]).toMatchObject({ level: 'info', method: 'GET', path: '/healthz', status: 200, ip: '198.51.100.9' });
    s.child.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('afterword serve --accounts as a process', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'afterword-serve-accounts-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('is a shared server: no key, a sign-in that answers, the first-admin hint and a request log', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AFTERWORD_') && k !== 'DATABASE_URL'));
    const child = spawn(process.execPath, [...afterwordArgs(), '--data-dir', dir, 'serve', '--port', '0', '--accounts'], {
      cwd: root, env: clean, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /People sign in at:\n {2}http:\/\/127\.0\.0\.1:\d+\/\n/.test(out), 'the address', 60_000);
      expect(out).not.toMatch(/key=/);
      expect(out).toContain('No accounts yet: create the first admin with');
      const base = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
      // Signed out: the API asks for email and password; the page itself is served (it shows the sign-in form).
      const session = await fetch(`${base}/api/session`);
      expect(session.status).toBe(401);
      expect(await session.json()).toMatchObject({ error: expect.stringMatching(/email and password/) as unknown });
      const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email: 'nobody@example.org', password: 'x'.repeat(12) }) });
      expect(signIn.status).toBe(401);
      await until(() => logLines({ stdout: () => out } as Served).some((l) => l['path'] === '/api/auth/sign-in'), 'the log line');
      expect(logLines({ stdout: () => out } as Served).find((l) => l['path'] === '/api/auth/sign-in')).toMatchObject({ method: 'POST', status: 401 });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
