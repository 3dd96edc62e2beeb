/**
 * One seeker's agenda asked again and again on an idle server, in this process: where a request's
 * time goes (wall time per phase, and a CPU profile with --cpu-prof). A diagnostic, not a benchmark.
 *
 *   npx tsx bench/probe-request.ts [--runs N] [--gap MS] [--seeker u-bench-001056]   (after npm run bench:server)
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { DEFAULT_POLICY, openSession } from '../src/app/accounts.js';
import { createTimeRules } from '../src/core/time.js';
import { systemClock, type Deps } from '../src/deps.js';
import { SESSION_COOKIE } from '../src/server/security.js';
import { startServer } from '../src/server/serve.js';
import { openStore } from '../src/store/open.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
}

const url = process.env['AFTERWORD_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/afterword_bench';
const runs = Number(arg('--runs', '2000'));
/** Milliseconds between requests (0: back to back). */
const gap = Number(arg('--gap', '0'));
const store = await openStore({ kind: 'postgres', url });
const account = (await store.accounts.listAccounts()).find((a) => a.id === arg('--seeker', 'u-bench-001056'));
if (!account) throw new Error('no such seeker: run npm run bench:server first');
const session = await openSession({ accounts: store.accounts, clock: systemClock, policy: DEFAULT_POLICY }, account);
const deps: Deps = { store, time: createTimeRules(), clock: systemClock };
const server = await startServer(deps, { host: '127.0.0.1', port: 0, secret: randomBytes(32).toString('hex'), accounts: true });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = (): Promise<number> => new Promise((resolve, reject) => {
  const started = performance.now();
  http.get({ host: '127.0.0.1', port: server.port, path: '/api/today', agent, headers: { Cookie: `${SESSION_COOKIE}=${session.token}` } }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(String(res.statusCode)))));
  }).on('error', reject);
});
for (let i = 0; i < 200; i++) await get();
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
  times.push(await get());
}
times.sort((x, y) => x - y);
console.log(`p50 ${times[Math.floor(runs / 2)]?.toFixed(2)} ms, p90 ${times[Math.floor(runs * 0.9)]?.toFixed(2)} ms over ${runs}`);
await server.close();
await store.close();
