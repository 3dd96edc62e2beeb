/**
 * The shared server against its database's faults, on a PostgreSQL cluster of its own (started in
 * a temp folder, never the machine's shared server; without initdb and pg_ctl, the tests that need
 * no restart run on a fresh database of AFTERWORD_TEST_DATABASE_URL's server, ending only that
 * database's own connections): every backend terminated under write load,
 * PostgreSQL stopped and started again under load, the pool filled. Each time the server process
 * must live, every write it acknowledged must be in the database, whole, refused requests must be
 * 503 with Retry-After (never 500), the outage logged once, and the server back by itself within 5 s.
 *
 * Runs in `npm run test:db-faults` (part of `npm test`), which sets AFTERWORD_TEST_FAULTS=1; the
 * plain `vitest run` leaves it out, so it runs once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { clusterTools, FAULT_EMAIL, FAULT_PASSWORD, startCluster, type Cluster, type ClusterTools } from './testing-cluster.js';

const enabled = process.env['AFTERWORD_TEST_FAULTS'] === '1';
// AFTERWORD_TEST_NO_CLUSTER=1 tries the path of a machine without the server's tools.
const tools: ClusterTools | string = !enabled ? 'runs in npm run test:db-faults'
  : process.env['AFTERWORD_TEST_NO_CLUSTER'] === '1' ? 'AFTERWORD_TEST_NO_CLUSTER=1 asks for no cluster of our own' : await clusterTools();
const SHARED_URL = process.env['AFTERWORD_TEST_DATABASE_URL'] ?? '';
/** Why nothing runs: neither a cluster of our own nor a test server to make a database on. */
const reason = typeof tools === 'string' && (!enabled || SHARED_URL === '') ? tools : undefined;
/** Why the stop-and-start test does not run (it needs a cluster of its own: the shared server is never stopped). */
const noRestart = typeof tools === 'string' ? `${tools}; the machine's shared PostgreSQL is never stopped` : undefined;
if (enabled && reason !== undefined) console.warn(`db-faults: skipped: ${reason}`);
else if (enabled && noRestart !== undefined) console.warn(`db-faults: stop and start skipped: ${noRestart}`);

const POOL_SIZE = 4;
/** How long a request waits for a pooled connection before its 503. */
const POOL_WAIT_MS = 1_500;
/** The issue's bound: the server serves again within this of PostgreSQL's return. */
const RECOVERY_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  /** Every JSON line of the log so far. */
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
}

async function startServer(url: string): Promise<Server> {
  const entry = fileURLToPath(new URL('./testing-fault-server.ts', import.meta.url));
  const child = fork(entry, ['--database-url', url, '--pool-size', String(POOL_SIZE), '--pool-wait-ms', String(POOL_WAIT_MS)], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${stderr.join('')}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, lines, stderr };
}

interface Session { readonly cookie: string; readonly csrf: string }

async function signIn(server: Server): Promise<Session> {
  const res = await fetch(`${server.base}/api/auth/sign-in`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.base },
    body: JSON.stringify({ email: FAULT_EMAIL, password: FAULT_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
  const { csrf } = await res.json() as { csrf: string };
  return { cookie, csrf };
}

function post(server: Server, session: Session, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.base}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Origin: server.base, Cookie: session.cookie, 'X-Afterword-CSRF': session.csrf },
  });
}

/** What a write load saw: the ids acknowledged (201), the 503s and anything else (which fails the test). */
interface Load {
  readonly acked: Set<string>;
  readonly refused: number;
  readonly unexpected: string[];
  /** Resolves when `n` more writes have been acknowledged than now, or rejects after `withinMs`. */
  more(n: number, withinMs?: number): Promise<void>;
  stop(): Promise<void>;
}

let written = 0;

/** `clients` writers in a closed loop, each adding applications with ids of their own. */
function writeLoad(server: Server, session: Session, clients = 5): Load {
  const acked = new Set<string>();
  const unexpected: string[] = [];
  const state = { refused: 0, running: true };
  const waiters: { target: number; resolve: () => void }[] = [];
  const writer = async (): Promise<void> => {
    while (state.running) {
      const id = `f${written++}`;
      try {
        const res = await post(server, session, '/api/applications', { id, company: `Co ${id}`, role: `Role ${id}`, appliedOn: '2026-02-10' });
        if (res.status === 201) {
          acked.add(id);
          for (const w of waiters.filter((x) => acked.size >= x.target)) w.resolve();
        } else if (res.status === 503 && res.headers.get('retry-after') !== null) {
          state.refused++;
          await res.arrayBuffer();
          await sleep(50);
        } else {
          unexpected.push(`${res.status} ${res.headers.get('retry-after') ?? ''} ${await res.text()}`);
        }
      } catch (error) {
        unexpected.push(`no answer: ${String(error)}`);
        await sleep(50);
      }
    }
  };
  const running = Array.from({ length: clients }, () => writer());
  return {
    acked, unexpected,
    get refused() { return state.refused; },
    more(n, withinMs = 20_000) {
      const target = acked.size + n;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fewer than ${n} writes acknowledged within ${withinMs} ms (${state.refused} refused; ${unexpected.slice(0, 3).join(' | ')})`)), withinMs);
        waiters.push({ target, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    async stop() {
      state.running = false;
      await Promise.all(running);
    },
  };
}

/** Every acknowledged application is stored, and every stored one is whole (nothing half-written). */
async function checkWrites(url: string, acked: ReadonlySet<string>): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; company: string; role: string }>(`select id, company, role from applications where id like 'f%'`);
    const stored = new Map(rows.map((r) => [r.id, r]));
    const missing = [...acked].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    const broken = rows.filter((r) => r.company !== `Co ${r.id}` || r.role !== `Role ${r.id}`);
    expect(broken).toEqual([]);
  } finally {
    await db.end();
  }
}

async function health(server: Server): Promise<{ status: number; retryAfter: string | null }> {
  const res = await fetch(`${server.base}/healthz`);
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

/** Polls /healthz until 200; rejects after `withinMs`. */
async function healthyWithin(server: Server, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    if ((await health(server)).status === 200) return;
    await sleep(100);
  }
  throw new Error(`/healthz did not answer 200 within ${withinMs} ms`);
}

const events = (server: Server, name: string, from = 0) => server.lines.slice(from).filter((l) => l['event'] === name);

describe.skipIf(reason !== undefined)(`the shared server when its database fails${reason !== undefined ? ` (skipped: ${reason})` : ''}`, () => {
  let cluster: Cluster | undefined;
  /** Where the test's own database is made, and the name given to it. */
  let adminUrl: string;
  let dbName: string;
  let url: string;
  let server: Server;
  let session: Session;

  beforeAll(async () => {
    if (typeof tools !== 'string') {
      cluster = await startCluster(tools);
      adminUrl = cluster.adminUrl;
      dbName = 'faults';
    } else {
      adminUrl = SHARED_URL;
      dbName = `afterword_faults_${process.pid}_${Date.now().toString(36)}`;
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    const target = new URL(adminUrl);
    target.pathname = `/${dbName}`;
    url = target.toString();
    server = await startServer(url);
    session = await signIn(server);
    const profile = await post(server, session, '/api/profile', { settings: { timeZone: 'America/New_York', region: 'US' }, candidate: { name: 'Fault Test' } });
    if (profile.status !== 200) throw new Error(`profile answered ${profile.status}: ${await profile.text()}`);
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      // A server that does not stop (a failed test left a request hanging) must not keep the cluster alive.
      const killer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    if (cluster) await cluster.destroy();
    else if (dbName !== undefined) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists "${dbName}" with (force)`);
      await admin.end();
    }
  }, 60_000);

  it('lives through every backend terminated under write load, loses no acknowledged write, and serves again', async () => {
    const logFrom = server.lines.length;
    const load = writeLoad(server, session);
    await load.more(10);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      // The server's pool and its listening connection alike: the connections to this test's own database only.
      const { rows } = await admin.query<{ ok: boolean }>('select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      terminated += rows.filter((r) => r.ok).length;
      await load.more(3, RECOVERY_MS);
    }
    await admin.end();
    await load.more(10, RECOVERY_MS);
    await load.stop();

    expect(terminated).toBeGreaterThan(3);
    expect(server.child.exitCode).toBeNull();
    expect(load.unexpected).toEqual([]);
    await checkWrites(url, load.acked);
    expect((await health(server)).status).toBe(200);
    // A request refused meanwhile started an outage: the server says by itself when it is over (its
    // probe asks twice a second), once; the next test's outage is then one of its own.
    const began = events(server, 'database_unreachable', logFrom).length;
    expect(began).toBeLessThanOrEqual(1);
    for (let waited = 0; events(server, 'database_back', logFrom).length < began && waited < RECOVERY_MS; waited += 100) await sleep(100);
    expect(events(server, 'database_back', logFrom)).toHaveLength(began);
    expect(server.stderr.join('')).not.toMatch(/unexpected error|Unhandled/);
  });

  it.skipIf(noRestart !== undefined)(`lives through PostgreSQL stopped and started again under load: 503 with Retry-After meanwhile, logged once, back within 5 s${noRestart !== undefined ? ` (skipped: ${noRestart})` : ''}`, async () => {
    if (!cluster) throw new Error('no cluster of our own');
    const load = writeLoad(server, session);
    await load.more(10);
    const logFrom = server.lines.length;
    await cluster.stop();

    // Down: the health check and every request say so, with when to try again.
    const down = await health(server);
    expect(down).toEqual({ status: 503, retryAfter: '2' });
    const read = await fetch(`${server.base}/api/today`, { headers: { Cookie: session.cookie } });
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('2');
    expect(await read.json()).toEqual({ error: 'the database is not answering right now; try again in a few seconds' });
    const refusedBefore = load.refused;
    while (load.refused < refusedBefore + 10) await sleep(50);

    await cluster.start();
    await healthyWithin(server, RECOVERY_MS);
    await load.more(10, RECOVERY_MS);
    await load.stop();
    // The server notices by itself that it is over (it asks the database twice a second meanwhile).
    for (let waited = 0; events(server, 'database_back', logFrom).length === 0 && waited < RECOVERY_MS; waited += 100) await sleep(100);

    expect(server.child.exitCode).toBeNull();
    expect(load.unexpected).toEqual([]);
    await checkWrites(url, load.acked);
    // One line for the outage, however many requests it refused; one when it was over.
    expect(events(server, 'database_unreachable', logFrom)).toHaveLength(1);
    expect(events(server, 'database_back', logFrom)).toHaveLength(1);
    expect(server.stderr.join('')).not.toMatch(/unexpected error|Unhandled/);
  });

  it('answers 503 with Retry-After when every pooled connection is taken, and serves again once they are free', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Ended in any case: a lock left behind would hold the writes past the test.
    onTestFinished(() => admin.end().catch(() => undefined));
    // Writes block on the table until this transaction ends: each holds its connection meanwhile.
    await admin.query('begin');
    await admin.query('lock table applications in exclusive mode');
    const count = POOL_SIZE * 2;
    const answers: { id: string; status: number; retryAfter: string | null }[] = [];
    const writes = Array.from({ length: count }, async (_, i) => {
      const id = `fpool${i}`;
      const res = await post(server, session, '/api/applications', { id, company: `Co ${id}`, role: `Role ${id}`, appliedOn: '2026-02-10' });
      await res.arrayBuffer();
      answers.push({ id, status: res.status, retryAfter: res.headers.get('retry-after') });
    });
    // Those that found no free connection are refused; the others wait for the lock.
    while (answers.length < count - POOL_SIZE) await sleep(50);
    const refused = answers.length;
    // (A request may also have waited for its session lookup's connection: at least these many.)
    expect(answers.filter((a) => a.status !== 503 || a.retryAfter !== '2')).toEqual([]);
    await admin.query('commit');
    await Promise.all(writes);

    // Those that held a connection were written once the lock went. (On a busy machine a request
    // that waited for a connection past the pool's wait is refused too, after the count above: every
    // answer is then either written or refused in words, never anything else.)
    const acked = new Set(answers.filter((a) => a.status === 201).map((a) => a.id));
    expect(answers.filter((a) => a.status !== 201 && (a.status !== 503 || a.retryAfter !== '2'))).toEqual([]);
    expect(answers.length - acked.size).toBeGreaterThanOrEqual(refused);
    expect(acked.size).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();
    await checkWrites(url, acked);
    await healthyWithin(server, RECOVERY_MS);
    const after = await post(server, session, '/api/applications', { id: 'fpool-after', company: 'Co fpool-after', role: 'Role fpool-after' });
    expect(after.status).toBe(201);
  });
});
