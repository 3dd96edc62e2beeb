/**
 * Several `afterword serve` processes on one PostgreSQL database, as a career centre runs them
 * behind a load balancer: one connected to PostgreSQL itself, two through PgBouncer in transaction
 * pooling mode (with `--direct-database-url` for migrations and the sign-out notices). They must
 * stay correct together: a session made on one works on every one, a sign-out, a sign-out
 * everywhere, an admin's deactivation or a session cut short in the database is heard by the others at once (each believes
 * a session for 60 s otherwise: `--session-cache 60000`), and every write any of them acknowledged
 * under concurrent load is in the database, once.
 *
 * The CLI is bundled once (esbuild, as `npm run build:cli` does) and run by plain node. Runs in
 * `npm run test:api-pg` (part of `npm test`), which sets AFTERWORD_TEST_API_ON_POSTGRES=1 with
 * AFTERWORD_TEST_DATABASE_URL; it needs Debian's pgbouncer (`.ci/run` installs it) and says why it
 * skipped without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../app/accounts.js';
import { addApplication, saveProfile } from '../app/records.js';
import { createTimeRules } from '../core/time.js';
import { ACCOUNT_CHANGES_APPLICATION, openPostgresStore } from '../store/postgres.js';
import { CSRF_HEADER, SESSION_COOKIE } from './security.js';
import { pgbouncerBinary, startPgbouncer, type Pgbouncer } from './testing-cluster.js';
import { TEST_POLICY } from './testing-accounts.js';
// @ts-expect-error -- a build script in plain JavaScript, without types
import { CLI_EXTERNAL, externalFiles } from '../../scripts/external-files.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const SHARED_URL = process.env['AFTERWORD_TEST_DATABASE_URL'] ?? '';
const binary = pgbouncerBinary();
const reason = process.env['AFTERWORD_TEST_API_ON_POSTGRES'] !== '1' || SHARED_URL === '' ? 'runs in npm run test:api-pg (PostgreSQL)'
  : binary.startsWith('/') ? undefined : binary;
if (reason !== undefined && SHARED_URL !== '' && process.env['AFTERWORD_TEST_API_ON_POSTGRES'] === '1') console.warn(`cluster: skipped: ${reason}`);

/** How soon another process must refuse a session that ended: a notice, not the 60 s it is believed otherwise. */
const HEARD_WITHIN_MS = 5_000;
const SEEKERS = 3;
const WRITES_PER_SEEKER_PER_SERVER = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  readonly name: string;
  readonly child: ChildProcess;
  readonly origin: string;
  /** The request log's lines so far. */
  readonly lines: Record<string, unknown>[];
  readonly stderr: () => string;
}

/** The server's admin (seeded beside the job seekers). */
const ADMIN = { email: 'admin@cluster.example', password: 'cluster admin passphrase' };

interface Seeker {
  readonly email: string;
  readonly password: string;
  readonly applications: readonly { readonly id: string; readonly company: string; readonly role: string }[];
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/** The CLI as `npm run build:cli` bundles it, in node_modules/.cache (so its packages resolve), migrations beside it. */
async function bundleCli(): Promise<string> {
  const out = join(ROOT, 'node_modules', '.cache', `afterword-cluster-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT, entryPoints: { bin: 'src/cli/bin.ts' }, outdir: out, outExtension: { '.js': '.mjs' },
    bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20.19', chunkNames: 'chunks/[name]-[hash]',
    external: CLI_EXTERNAL,
    plugins: [externalFiles(ROOT, CLI_EXTERNAL)],
    banner: { js: "import { createRequire as __afterwordRequire } from 'node:module'; const require = __afterwordRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'src', 'store', 'migrations'), join(out, 'migrations'), { recursive: true });
  cpSync(join(ROOT, 'src', 'store', 'migrations'), join(out, 'chunks', 'migrations'), { recursive: true });
  return out;
}

/** `afterword serve` in a process of its own; resolves once it prints its address. */
async function serve(name: string, bundle: string, dataDir: string, args: readonly string[]): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'DIRECT_DATABASE_URL', 'AFTERWORD_DATA_DIR', 'AFTERWORD_PUBLIC_URL', 'AFTERWORD_TRUST_PROXY']) delete env[key];
  const child = spawn(process.execPath, [join(bundle, 'bin.mjs'), '--data-dir', dataDir, ...args, 'serve', '--port', '0', '--session-cache', '60000'], {
    cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let err = '';
  let partial = '';
  let resolveOrigin: (origin: string) => void = () => undefined;
  const origin = new Promise<string>((resolve) => { resolveOrigin = resolve; });
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      const address = /^\s+(http:\/\/127\.0\.0\.1:\d+)\/$/.exec(line);
      if (address?.[1]) resolveOrigin(address[1]);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  const exited = once(child, 'exit').then(([code]) => { throw new Error(`${name} exited (${String(code)}) before serving: ${err.slice(0, 3000)}`); });
  exited.catch(() => undefined);
  return { name, child, origin: await Promise.race([origin, exited]), lines, stderr: () => err };
}

async function stop(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

function cookieOf(res: Response, name: string): string {
  for (const line of res.headers.getSetCookie()) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (m?.[1]) return m[1];
  }
  throw new Error(`no ${name} cookie in the answer`);
}

describe.skipIf(reason !== undefined)('several server processes on one database, direct and through PgBouncer', () => {
  const database = `afterword_cluster_${process.pid}_${Date.now().toString(36)}`;
  let admin: pg.Client;
  let bouncer: Pgbouncer;
  let work: string;
  let bundle: string;
  let servers: Server[] = [];
  const seekers: Seeker[] = [];

  const get = (server: Server, path: string, session: Session): Promise<Response> =>
    fetch(`${server.origin}${path}`, { headers: { Cookie: `${SESSION_COOKIE}=${session.cookie}` } });
  const post = (server: Server, path: string, session: Session | undefined, body: unknown): Promise<Response> =>
    fetch(`${server.origin}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json', Origin: server.origin,
        ...(session ? { Cookie: `${SESSION_COOKIE}=${session.cookie}`, [CSRF_HEADER]: session.csrf } : {}),
      },
    });
  const signIn = async (server: Server, seeker: Seeker): Promise<Session> => {
    const res = await post(server, '/api/auth/sign-in', undefined, { email: seeker.email, password: seeker.password });
    if (res.status !== 200) throw new Error(`sign-in on ${server.name} answered ${res.status}: ${await res.text()}`);
    const { csrf } = await res.json() as { csrf: string };
    return { cookie: cookieOf(res, SESSION_COOKIE), csrf };
  };
  /** Every server answers /api/me for the session (and so remembers it for 60 s). */
  const knownEverywhere = async (session: Session, email: string): Promise<void> => {
    for (const server of servers) {
      const res = await get(server, '/api/me', session);
      expect(res.status, server.name).toBe(200);
      expect(((await res.json()) as { account: { email: string } }).account.email).toBe(email);
    }
  };
  /** How long until every one of `on` refuses the session (401); fails past HEARD_WITHIN_MS. */
  const refusedWithin = async (on: readonly Server[], session: Session): Promise<number> => {
    const started = performance.now();
    for (const server of on) {
      for (;;) {
        const status = (await get(server, '/api/me', session)).status;
        if (status === 401) break;
        expect(status, server.name).toBe(200);
        if (performance.now() - started > HEARD_WITHIN_MS) throw new Error(`${server.name} still accepts the session after ${HEARD_WITHIN_MS} ms: the change was not heard`);
        await sleep(25);
      }
    }
    return performance.now() - started;
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: SHARED_URL });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    const shared = new URL(SHARED_URL);
    const direct = new URL(SHARED_URL);
    direct.pathname = `/${database}`;
    const [bounced, bundled] = await Promise.all([
      startPgbouncer({ host: shared.hostname, port: Number(shared.port || 5432) }),
      bundleCli(),
      (async () => {
        // The accounts and their records, through the use cases (a cheap hash: the tests sign in often).
        const store = await openPostgresStore({ url: direct.toString() });
        try {
          const clock = { now: () => Date.now() };
          await createAccount({ accounts: store.accounts, clock, policy: TEST_POLICY }, { name: 'Cluster Admin', email: ADMIN.email, role: 'admin', password: ADMIN.password });
          for (let i = 1; i <= SEEKERS; i++) {
            const email = `seeker${i}@cluster.example`;
            const password = `cluster passphrase ${i}`;
            const account = await createAccount({ accounts: store.accounts, clock, policy: TEST_POLICY }, { name: `Seeker ${i}`, email, role: 'seeker', password });
            const app = { store, time: createTimeRules(), clock, userId: account.id };
            await saveProfile(app, { timeZone: 'Europe/London', region: 'GB' }, { name: `Seeker ${i}`, email: `seeker${i}@mail.example` });
            const applications = [
              { id: `s${i}-a`, company: `Northwind ${i}`, role: 'Data Analyst' },
              { id: `s${i}-b`, company: `Contoso ${i}`, role: 'Product Analyst' },
            ];
            // Mon 2026-11-02 and Tue 2026-11-03.
            await addApplication(app, { ...applications[0]!, appliedOn: '2026-11-02' });
            await addApplication(app, { ...applications[1]!, appliedOn: '2026-11-03' });
            seekers.push({ email, password, applications });
          }
        } finally {
          await store.close();
        }
      })(),
    ]);
    bouncer = bounced;
    bundle = bundled;
    work = mkdtempSync(join(tmpdir(), 'afterword-cluster-'));
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const pooled = ['--database-url', bouncer.url(database), '--direct-database-url', direct.toString()];
    servers = await Promise.all([
      serve('direct', bundle, dataDir, ['--database-url', direct.toString()]),
      serve('pooled-1', bundle, dataDir, pooled),
      serve('pooled-2', bundle, dataDir, pooled),
    ]);
    // Each listens for account changes on PostgreSQL itself; its probe notice (sent after LISTEN) proves it.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = $2 and query like 'notify afterword_probe%'`,
        [database, ACCOUNT_CHANGES_APPLICATION],
      );
      if (rows[0]?.n === servers.length) break;
      if (Date.now() > deadline) throw new Error(`only ${String(rows[0]?.n)} of ${servers.length} servers listen for account changes`);
      await sleep(100);
    }
  }, 120_000);

  afterAll(async () => {
    const codes = await Promise.all(servers.map(stop));
    await bouncer?.stop();
    if (admin) {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
    }
    if (work) rmSync(work, { recursive: true, force: true });
    if (bundle) rmSync(bundle, { recursive: true, force: true });
    // Stopped as afterword serve stops on SIGTERM: exit 0.
    expect(codes.every((c) => c === 0), `exit codes ${codes.join(', ')}`).toBe(true);
  }, 60_000);

  it('the pooled servers reach PostgreSQL only through PgBouncer, and listen on it directly', async () => {
    const pooler = new pg.Client({ connectionString: bouncer.url('pgbouncer') });
    await pooler.connect();
    try {
      const clients = (await pooler.query<{ database: string }>('show clients')).rows.filter((r) => r.database === database);
      // Each pooled server's pool holds at least the connection it opened with.
      expect(clients.length).toBeGreaterThanOrEqual(2);
    } finally {
      await pooler.end();
    }
    const { rows } = await admin.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = $2', [database, ACCOUNT_CHANGES_APPLICATION],
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('a session made on one works on all; a sign-out on another, a sign-out everywhere and a session cut short in the database are heard by all at once', async () => {
    const [direct, pooled1, pooled2] = servers as [Server, Server, Server];
    const [seeker1, seeker2, seeker3] = seekers as [Seeker, Seeker, Seeker];

    // Made through the pooler, remembered by all three, ended on the other pooled one.
    const one = await signIn(pooled1, seeker1);
    await knownEverywhere(one, seeker1.email);
    expect((await post(pooled2, '/api/auth/sign-out', one, {})).status).toBe(200);
    await refusedWithin([direct, pooled1], one);

    // Two sessions of one account, ended everywhere from the direct server.
    const first = await signIn(direct, seeker2);
    const second = await signIn(pooled2, seeker2);
    await knownEverywhere(first, seeker2.email);
    await knownEverywhere(second, seeker2.email);
    expect(await (await post(direct, '/api/auth/sign-out-everywhere', first, {})).json()).toStrictEqual({ signedOut: 2 });
    await refusedWithin([pooled1, pooled2], second);
    await refusedWithin([pooled1, pooled2], first);

    // A session cut short by hand in the database (a trigger tells every server).
    const third = await signIn(pooled1, seeker3);
    await knownEverywhere(third, seeker3.email);
    const client = new pg.Client({ connectionString: bouncer.url(database) });
    await client.connect();
    try {
      const cut = await client.query(`update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where email = $1)`, [seeker3.email]);
      expect(cut.rowCount).toBe(1);
    } finally {
      await client.end();
    }
    await refusedWithin(servers, third);
  }, 60_000);

  it("an admin's deactivation on one is heard by all at once: every session ends, and sign-in is a wrong password everywhere until reactivated", async () => {
    const [direct, pooled1, pooled2] = servers as [Server, Server, Server];
    const seeker = seekers[0] as Seeker;
    const [one, two] = [await signIn(pooled1, seeker), await signIn(pooled2, seeker)];
    await knownEverywhere(one, seeker.email);
    await knownEverywhere(two, seeker.email);
    const admin = await signIn(direct, { ...ADMIN, applications: [] });
    const accounts = ((await (await get(direct, '/api/admin/accounts', admin)).json()) as { accounts: { id: string; email: string }[] }).accounts;
    const id = accounts.find((a) => a.email === seeker.email)?.id ?? '';
    const done = await post(direct, `/api/admin/accounts/${id}/deactivate`, admin, {});
    expect(done.status).toBe(200);
    expect(((await done.json()) as { ended: number }).ended).toBe(2);
    await refusedWithin([pooled1, pooled2], one);
    await refusedWithin([pooled1, pooled2], two);
    for (const server of servers) {
      const res = await post(server, '/api/auth/sign-in', undefined, { email: seeker.email, password: seeker.password });
      expect(res.status, server.name).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('wrong email or password');
    }
    expect((await post(pooled2, `/api/admin/accounts/${id}/reactivate`, await signIn(pooled2, { ...ADMIN, applications: [] }), {})).status).toBe(200);
    await knownEverywhere(await signIn(pooled1, seeker), seeker.email);
  }, 60_000);

  it('keeps every write acknowledged by any of them under concurrent load, once, and answers every read', async () => {
    const marker = `cluster-${Date.now().toString(36)}`;
    const sessions = await Promise.all(seekers.map((s, i) => signIn(servers[i % servers.length]!, s)));
    const acked = new Map<string, Set<string>>(seekers.map((s) => [s.email, new Set()]));
    const failures: string[] = [];
    let reads = 0;
    // Every seeker writes through every server, all at once, each write followed by a read elsewhere.
    await Promise.all(seekers.flatMap((seeker, si) => servers.map(async (server, vi) => {
      const session = sessions[si]!;
      for (let n = 0; n < WRITES_PER_SEEKER_PER_SERVER; n++) {
        const app = seeker.applications[n % seeker.applications.length]!;
        const text = `Quick update for ${app.company}: I remain keen on the ${app.role} role and can share more. [${marker} ${server.name} ${n}]`;
        const res = await post(server, `/api/applications/${app.id}/touches`, session, { kind: 'update', channel: 'email', outcome: 'sent', text, confirm: ['P2'] });
        if (res.status === 201) acked.get(seeker.email)?.add(text);
        else failures.push(`${server.name} POST touch → ${res.status}: ${(await res.text()).slice(0, 300)}`);
        const other = servers[(vi + n + 1) % servers.length]!;
        const read = await get(other, '/api/today', session);
        if (read.status === 200) reads++;
        else failures.push(`${other.name} GET /api/today → ${read.status}: ${(await read.text()).slice(0, 300)}`);
      }
    })));
    expect(failures).toStrictEqual([]);
    expect(reads).toBe(SEEKERS * servers.length * WRITES_PER_SEEKER_PER_SERVER);
    const target = new pg.Client({ connectionString: bouncer.url(database) });
    await target.connect();
    try {
      const stored = (await target.query<{ email: string; text: string }>(
        `select u.email, t.text from touches t join users u on u.id = t.user_id where t.text like $1`, [`%[${marker} %`],
      )).rows;
      for (const seeker of seekers) {
        const mine = stored.filter((r) => r.email === seeker.email).map((r) => r.text).sort();
        expect(mine, seeker.email).toStrictEqual([...(acked.get(seeker.email) ?? [])].sort());
        expect(mine.length).toBe(servers.length * WRITES_PER_SEEKER_PER_SERVER);
      }
    } finally {
      await target.end();
    }
    // No server logged a failure of its own.
    for (const server of servers) {
      expect(server.lines.filter((l) => typeof l['status'] === 'number' && l['status'] >= 500), server.name).toStrictEqual([]);
      expect(server.stderr(), server.name).not.toMatch(/unexpected error/);
    }
  }, 60_000);
});
