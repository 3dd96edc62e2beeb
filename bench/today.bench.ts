/**
 * Wall time of `afterword today` as a user runs it: a whole `node dist/cli/bin.js` process on an
 * embedded (PGlite) data directory holding a profile and 1,000 realistic applications.
 *
 *   npm run build && npx tsx bench/today.bench.ts
 *   npx tsx bench/today.bench.ts --applications 1000 --runs 30 --profile
 *   npx tsx bench/today.bench.ts --kept-up-only                one data set, quicker
 *   npx tsx bench/today.bench.ts --seed-only DIR [--backlog]   fill DIR and stop (to profile by hand)
 *
 * The data directories (under os.tmpdir(), removed afterwards) are filled the way the use cases
 * fill them: the profile through `saveProfile`, the applications (bench/generate.ts, seeded, its
 * "now" the real clock so that "today" is today) validated by `parseScenario`, inserted with the
 * store's `insertApplications`, then each one planned and its next due action indexed by
 * `refreshNextDue`. Two data sets: "kept up" (every action that was overdue done a minute after its
 * ideal moment, applications closed when told to move on: a user who runs `today` daily) and
 * "backlog" (the generator's histories as they are: months of actions nobody took).
 * Each run is a fresh process, so the time includes Node start-up and loading the bundle (`npm run
 * build`). `today` reads the agenda's read model (src/store/agenda-snapshot.ts), which every CLI
 * command that opens the database leaves up to date, so the everyday run does not start PGlite;
 * the "right after the web app wrote" row runs the real `afterword serve` on the same folder and
 * adds an application through its API before each run: the write drops the read model, the server
 * writes it again a quarter of a second later, and `today` waits for that (both targets: median ≤
 * 700 ms). The "read model gone" row deletes it before each run with no server to write it again
 * (a killed server), so that run opens the database, checks its migrations and writes the model
 * again: the floor of a run that must start PGlite, not a target. Two warm-up runs (file
 * cache) are not counted. Loading alone is `today --help` (every module `today` needs, no database). The other
 * phases are timed in a plain Node child that imports the sources compiled one file per module (by
 * esbuild, into node_modules/.cache) and does what `today` does.
 * `--profile` adds one run under `--cpu-prof` and sums its samples by where the code comes from.
 * Prints a table only; nothing here asserts a time. Target: median ≤ 700 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LOCAL_USER } from '../src/app/ports.js';
import { refreshNextDue, saveProfile, type AppDeps } from '../src/app/records.js';
import { parseScenario } from '../src/core/scenario.js';
import { CSRF_HEADER } from '../src/server/security.js';
import { createTimeRules } from '../src/core/time.js';
import { invalidateSnapshot } from '../src/store/agenda-snapshot.js';
import { pgliteDir } from '../src/store/open.js';
import { openPgliteStore } from '../src/store/pglite.js';
import { generateScenario } from './generate.js';
import { keptUp } from './kept-up.js';
import { childEnv } from './child-env.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const TARGET_MS = 700;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: a positive whole number, please`);
  return value;
}

interface Seeded {
  readonly applications: number;
  readonly people: number;
  readonly interviews: number;
  readonly touches: number;
  readonly indexed: number;
  readonly seconds: number;
}


/** Fills `dataDir` as the use cases would: profile, applications, then each one's next due action. */
async function seed(dataDir: string, n: number, now: number, backlog: boolean): Promise<Seeded> {
  const started = performance.now();
  const time = createTimeRules();
  const doc = generateScenario({ applications: n, seed: 20261123, now: new Date(now).toISOString(), time });
  const parsed = parseScenario(doc, time);
  if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  const store = await openPgliteStore({ dir: pgliteDir(dataDir) });
  try {
    await store.ensureUser(LOCAL_USER);
    const deps: AppDeps = { store, time, clock: { now: () => now }, userId: LOCAL_USER.id };
    const profile = await saveProfile(deps, doc.settings, { ...doc.candidate });
    const apps = backlog ? parsed.value.applications : parsed.value.applications.map((a) => keptUp(parsed.value, a, now, time));
    await store.insertApplications(LOCAL_USER.id, apps.map((application) => ({ application, redFlags: [] })));
    let indexed = 0;
    await store.transaction(async (tx) => {
      for (const app of apps) if (await refreshNextDue(tx, deps, profile, app)) indexed++;
    });
    return {
      applications: apps.length,
      people: apps.reduce((sum, a) => sum + a.people.length, 0),
      interviews: apps.reduce((sum, a) => sum + a.interviews.length, 0),
      touches: apps.reduce((sum, a) => sum + a.touches.length, 0),
      indexed,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}

interface Run {
  readonly ms: number;
  readonly stdout: string;
}

function run(args: readonly string[], nodeFlags: readonly string[] = []): Run {
  const started = performance.now();
  const res = spawnSync(process.execPath, [...nodeFlags, ...args], { cwd: ROOT, env: childEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${args.join(' ')} exited with ${String(res.status)}: ${res.stderr}`);
  return { ms, stdout: res.stdout };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

function stats(times: readonly number[]): { median: number; p90: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

function timed(label: string, args: readonly string[], runs: number, nodeFlags: readonly string[] = [], before?: () => void): { label: string; times: number[]; last: string } {
  for (let i = 0; i < 2; i++) {
    before?.();
    run(args, nodeFlags);
  }
  const times: number[] = [];
  let last = '';
  for (let i = 0; i < runs; i++) {
    before?.();
    const r = run(args, nodeFlags);
    times.push(r.ms);
    last = r.stdout;
  }
  return { label, times, last };
}

// ------------------------------------------------------------------ right after the web app wrote

/** `afterword serve` on `dataDir` (a real process, any free port), signed in as the browser is. */
async function served(dataDir: string): Promise<{ write: (i: number) => Promise<void>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-log', '--data-dir', dataDir], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { out += c; });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    const started = Date.now();
    let url: string | undefined;
    while ((url = /http:\/\/127\.0\.0\.1:\d+\/\?key=\w+/.exec(out)?.[0]) === undefined) {
      if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`afterword serve did not start: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const base = new URL(url).origin;
    const entry = await fetch(url, { redirect: 'manual' });
    const cookie = (entry.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrf } = await (await fetch(`${base}/api/session`, { headers: { Cookie: cookie } })).json() as { csrf: string };
    const write = async (i: number): Promise<void> => {
      const res = await fetch(`${base}/api/applications`, {
        method: 'POST', body: JSON.stringify({ company: `Served Ltd ${i}`, role: 'Analyst' }),
        headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: base, 'Content-Type': 'application/json' },
      });
      if (res.status !== 201) throw new Error(`the web app's write answered ${res.status}: ${await res.text()}`);
    };
    return { write, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * `today` run the moment the web app has written (an application added through the API) while
 * `afterword serve` holds the database: the write dropped the read model, the server writes it
 * again a quarter of a second later, and `today` waits for it rather than being refused.
 */
async function timedAfterWebWrite(label: string, dataDir: string, runs: number): Promise<{ label: string; times: number[]; last: string }> {
  const server = await served(dataDir);
  try {
    const times: number[] = [];
    let last = '';
    for (let i = 0; i < runs + 2; i++) {
      await server.write(i);
      const r = run([BIN, 'today', '--data-dir', dataDir]);
      if (i >= 2) times.push(r.ms);
      last = r.stdout;
    }
    return { label, times, last };
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------ in-process phases

/** The sources compiled one file per module, as plain ESM, inside node_modules (so packages resolve). */
async function compileModules(): Promise<string> {
  const out = join(ROOT, 'node_modules', '.cache', 'afterword-bench', 'today');
  rmSync(out, { recursive: true, force: true });
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(ROOT, 'src', f));
  await build({ entryPoints: sources, outdir: out, outbase: join(ROOT, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  // The store finds its migrations beside its module.
  cpSync(join(ROOT, 'src', 'store', 'migrations'), join(out, 'store', 'migrations'), { recursive: true });
  return out;
}

/**
 * One `today` in a plain Node child (no tsx), timing the phases the CLI goes through with the
 * compiled modules: opening PGlite, checking the migrations, the agenda, rendering.
 */
function phasesScript(modules: string, dataDir: string): string {
  const url = (path: string): string => JSON.stringify(pathToFileURL(join(modules, path)).href);
  return `
const { agenda } = await import(${url('app/agenda.js')});
const { renderAgenda } = await import(${url('cli/render/agenda.js')});
const { createTimeRules } = await import(${url('core/time.js')});
const { openPgliteStore } = await import(${url('store/pglite.js')});
const store = await openPgliteStore({ dir: ${JSON.stringify(pgliteDir(dataDir))} });
const t4 = performance.now();
await store.ensureUser({ id: 'local', name: 'Local user' });
const t5 = performance.now();
const deps = { store, time: createTimeRules(), clock: { now: () => Date.now() }, userId: 'local' };
const a = await agenda(deps, 1);
const t6 = performance.now();
const text = renderAgenda(a, deps.time, 'Today');
const t7 = performance.now();
await store.close();
const t8 = performance.now();
process.stdout.write(JSON.stringify({
  open: store.timings.open, migrate: store.timings.migrate,
  ensureUser: t5 - t4, agenda: t6 - t5, render: t7 - t6, close: t8 - t7, items: a.overdue.length + a.due.length + a.coming.length, chars: text.length,
}));
`;
}

type Phases = Record<'open' | 'migrate' | 'ensureUser' | 'agenda' | 'render' | 'close' | 'items' | 'chars', number>;

// ------------------------------------------------------------------ CPU profile

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a sample's code comes from: a package, our own module folder, or V8's own buckets. */
function origin(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('wasm://')) return 'PGlite wasm (PostgreSQL itself)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.includes('/dist/cli/')) return 'the CLI bundle (our code and the packages bundled with it)';
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^.*\//, '');
}

function profileSummary(dataDir: string): Array<[string, number]> {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-today-prof-'));
  try {
    run([BIN, 'today', '--data-dir', dataDir], ['--cpu-prof', '--cpu-prof-dir', dir]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no CPU profile written');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const totals = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const key = node ? origin(node) : '(unknown)';
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    return [...totals].sort((a, b) => b[1] - a[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ main

const ms = (v: number): string => `${v.toFixed(0)} ms`;

type Row = [string, string, string];

/** Seeds one data directory and times `today` on it; the directory is removed afterwards. */
async function measure(label: string, n: number, runs: number, backlog: boolean, profile: boolean, modules: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterword-today-bench-'));
  try {
    const seeded = await seed(dataDir, n, Date.now(), backlog);
    const today = timed('today (the read model there: the everyday case)', [BIN, 'today', '--data-dir', dataDir], runs);
    const json = timed('today --json', [BIN, 'today', '--json', '--data-dir', dataDir], Math.min(runs, 10));
    const afterWeb = await timedAfterWebWrite('today right after the web app wrote (serve running: it writes the read model again)', dataDir, Math.min(runs, 10));
    const dropped = timed('today with the read model gone and no server to write it (a killed server): opens PGlite', [BIN, 'today', '--data-dir', dataDir],
      Math.min(runs, 10), [], () => invalidateSnapshot(pgliteDir(dataDir)));
    const load = timed('today --help (Node start-up and loading what today needs)', [BIN, 'today', '--help', '--data-dir', dataDir], Math.min(runs, 10));
    const phaseRuns: Phases[] = [];
    for (let i = 0; i < 7; i++) phaseRuns.push(JSON.parse(run(['--input-type=module', '-e', phasesScript(modules, dataDir)]).stdout) as Phases);
    const phase = (k: keyof Phases): number => stats(phaseRuns.map((p) => p[k])).median;
    const agendaJson = JSON.parse(json.last) as { overdue?: unknown[]; due?: unknown[]; coming?: unknown[] };

    const rows: Row[] = [[`${label}: ${seeded.applications} applications, ${seeded.people} people, ${seeded.interviews} interviews, ${seeded.touches} touches; `
      + `${seeded.indexed} with a next due action; today lists ${agendaJson.overdue?.length ?? 0} overdue, ${agendaJson.due?.length ?? 0} due, `
      + `${agendaJson.coming?.length ?? 0} coming`, '', '']];
    for (const t of [today, json, afterWeb, dropped, load]) {
      const st = stats(t.times);
      rows.push([`  ${t.label} (${t.times.length} runs)`, `median ${ms(st.median)}, p90 ${ms(st.p90)}, min ${ms(st.min)}, max ${ms(st.max)}`,
        t === today || t === afterWeb ? `median \u2264 ${TARGET_MS} ms: ${st.median <= TARGET_MS ? 'met' : 'MISSED'}` : '']);
    }
    rows.push(['  in-process phases of a run that opens the database (medians of 7 runs, plain node)', '', '']);
    for (const [what, key] of [
      ['open PGlite (wasm + data directory)', 'open'], ['check migrations', 'migrate'], ['ensure the local user', 'ensureUser'],
      ['agenda (one read of the records, plan the due, P1)', 'agenda'], ['render', 'render'], ['close PGlite', 'close'],
    ] as const) rows.push([`    ${what}`, ms(phase(key)), '']);
    if (profile) {
      const summary = profileSummary(dataDir);
      const total = summary.reduce((sum, [, v]) => sum + v, 0);
      rows.push([`  CPU profile of one \`today\` (--cpu-prof): self time by origin, of ${ms(total)}`, '', '']);
      for (const [key, v] of summary.slice(0, 15)) rows.push([`    ${key}`, `${ms(v)} (${((v / total) * 100).toFixed(0)} %)`, '']);
    }
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const n = arg('--applications', 1000);
  const runs = arg('--runs', 20);
  const profile = process.argv.includes('--profile');
  const keep = process.argv.indexOf('--seed-only');
  if (keep >= 0) {
    // A data directory to profile by hand: `node --cpu-prof dist/cli/bin.js today --data-dir DIR`.
    const dir = process.argv[keep + 1];
    if (!dir) throw new Error('--seed-only DIR');
    const seeded = await seed(dir, n, Date.now(), process.argv.includes('--backlog'));
    process.stdout.write(`${JSON.stringify(seeded)}\n`);
    return;
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first`);
  const modules = await compileModules();
  const rows: Row[] = [];
  rows.push(...await measure('kept up', n, runs, false, profile, modules));
  if (!process.argv.includes('--kept-up-only')) rows.push(...await measure('backlog', n, runs, true, profile, modules));
  for (const t of [timed('--help (module loading, no database)', [BIN, '--help'], 10), timed('node -e 0 (Node start-up)', ['-e', '0'], 10)]) {
    const st = stats(t.times);
    rows.push([`${t.label} (${t.times.length} runs)`, `median ${ms(st.median)}, p90 ${ms(st.p90)}`, '']);
  }
  const w0 = Math.max(...rows.filter((r) => r[1] !== '').map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`afterword today on PGlite (bench/today.bench.ts; Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  process.stdout.write(`${rows.map(([a, b, c]) => `  ${a.padEnd(b === '' ? 0 : w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()).join('\n')}\n`);
}

await main();
