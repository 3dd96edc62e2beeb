/**
 * Signing in on a shared server, over HTTP, at the real password cost (scrypt N = 2¹⁷):
 *
 * 1. **Same answer, same time**: sign-ins with an email that has no account, with a wrong
 *    password, with a malformed email, and with the right password of a deactivated account, each
 *    from its own address (so the sign-in limit stays out of it), interleaved: their times should
 *    not tell them apart.
 * 2. **A flood**: `--flood` (40) simultaneous wrong sign-ins from as many addresses, and one real
 *    sign-in sent just after them, with the cap on concurrent password checks (the server's
 *    default) and without it (`concurrent` 1,000): how long the flood takes, how many got 401 or
 *    503, the process's peak memory, and how long the real sign-in waited.
 *
 *   npx tsx bench/sign-in.bench.ts [--runs 20] [--flood 40]
 *   npm run bench -- sign-in
 *
 * The server runs in this process on an embedded (PGlite) database, behind `--trust-proxy 1` so
 * that X-Forwarded-For gives each request its address. Prints a table; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { createAccount, DEFAULT_POLICY } from '../src/app/accounts.js';
import { createTimeRules } from '../src/core/time.js';
import { systemClock, type Deps } from '../src/deps.js';
import { startServer, type RunningServer } from '../src/server/serve.js';
import type { PasswordGateOptions } from '../src/server/password-gate.js';
import { openPgliteStore } from '../src/store/pglite.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const RUNS = arg('--runs', 20);
const FLOOD = arg('--flood', 40);
const EMAIL = 'real.person@example.org';
const PASSWORD = 'the real passphrase of a real person';
/** An account an admin deactivated: its right password must be answered as a wrong one. */
const GONE = { email: 'gone.person@example.org', password: 'the passphrase of a person who left' };

const ms = (v: number): string => `${v.toFixed(0)} ms`;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

let address = 0;
/** A distinct client address per request (TEST-NET ranges). */
const nextAddress = (): string => `198.18.${Math.floor(address / 250) % 250}.${(address++ % 250) + 1}`;

async function signIn(server: RunningServer, email: string, password: string): Promise<{ status: number; ms: number }> {
  const base = `http://127.0.0.1:${server.port}`;
  const started = performance.now();
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST', body: JSON.stringify({ email, password }),
    headers: { 'Content-Type': 'application/json', Origin: base, 'X-Forwarded-For': nextAddress() },
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function withServer<T>(gate: PasswordGateOptions | undefined, run: (server: RunningServer) => Promise<T>): Promise<T> {
  const store = await openPgliteStore();
  const deps: Deps = { store, time: createTimeRules(), clock: systemClock };
  await createAccount({ accounts: store.accounts, clock: systemClock, policy: DEFAULT_POLICY }, { name: 'Real Person', email: EMAIL, role: 'seeker', password: PASSWORD });
  const gone = await createAccount({ accounts: store.accounts, clock: systemClock, policy: DEFAULT_POLICY }, { name: 'Gone Person', email: GONE.email, role: 'seeker', password: GONE.password });
  await store.accounts.deactivate(gone.id, systemClock.now());
  const server = await startServer(deps, {
    host: '127.0.0.1', port: 0, secret: 'ab'.repeat(32), accounts: true, trustProxy: { kind: 'hops', hops: 1 },
    signInsPerMinute: 1_000_000, ...(gate ? { passwordGate: gate } : {}),
  });
  try {
    // The decoy hash is made at the start; one sign-in each way warms the paths.
    await signIn(server, EMAIL, PASSWORD);
    await signIn(server, 'warm@example.org', 'x');
    return await run(server);
  } finally {
    await server.close();
    await store.close();
  }
}

async function answers(): Promise<string[][]> {
  return withServer(undefined, async (server) => {
    const kinds: readonly (readonly [string, string, string?])[] = [
      ['no account for the email', 'nobody.here@example.org'],
      ['wrong password', EMAIL],
      ['malformed email', 'not an email'],
      ['deactivated, right password', GONE.email, GONE.password],
    ];
    const times = new Map<string, number[]>(kinds.map(([label]) => [label, []]));
    const statuses = new Map<string, Set<number>>(kinds.map(([label]) => [label, new Set()]));
    for (let i = 0; i < RUNS; i++) {
      for (const [label, email, password] of kinds) {
        const r = await signIn(server, email, password ?? `a wrong password ${i}`);
        times.get(label)?.push(r.ms);
        statuses.get(label)?.add(r.status);
      }
    }
    return kinds.map(([label]) => {
      const t = (times.get(label) ?? []).sort((a, b) => a - b);
      return [label, [...statuses.get(label) ?? []].join(', '), ms(percentile(t, 0.5)), ms(percentile(t, 0.9)), ms(t[t.length - 1] ?? NaN)];
    });
  });
}

async function flood(label: string, gate: PasswordGateOptions | undefined): Promise<string[]> {
  return withServer(gate, async (server) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const started = performance.now();
    const wrong = Array.from({ length: FLOOD }, (_, i) => signIn(server, `someone${i}@example.org`, 'a guess'));
    const real = signIn(server, EMAIL, PASSWORD);
    const all = await Promise.all(wrong);
    const mine = await real;
    const took = performance.now() - started;
    clearInterval(sampler);
    const count = (status: number): number => all.filter((a) => a.status === status).length;
    return [label, ms(took), String(count(401)), String(count(503)), `${mine.status} in ${ms(mine.ms)}`, `${mib(before)} → ${mib(peak)}`];
  });
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  console.log(`sign-in at scrypt N = 2^17, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}\n`);
  console.log(`Same answer, same time (${RUNS} each, interleaved, one at a time):\n`);
  console.log(table(['sign-in with', 'status', 'p50', 'p90', 'max'], await answers()));
  console.log(`\n${FLOOD} wrong sign-ins at once from ${FLOOD} addresses, and a real one just after:\n`);
  const rows = [
    await flood('capped (the default)', undefined),
    await flood('not capped', { concurrent: 1_000, waitMs: 60_000 }),
  ];
  console.log(table(['password checks', 'all answered in', '401', '503', 'the real sign-in', 'memory (RSS)'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
