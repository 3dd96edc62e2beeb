/**
 * Speed and memory of `parseScenario` + `plan` on generated scenarios (bench/generate.ts), against
 * the targets of issue 13 (at N = 100,000, one thread).
 *
 *   npm run bench -- plan                                   N = 1,000 / 10,000 / 100,000, 3 runs each
 *   npx tsx bench/plan.bench.ts --sizes 1000,10000 --repeat 1   quicker, while iterating
 *   npx tsx bench/plan.bench.ts --source                    the TypeScript sources through tsx, not compiled
 *
 * By default it measures what users run: the core compiled by `tsc -p tsconfig.build.json` (into
 * node_modules/.cache/afterword-bench). Through tsx, esbuild's `__name` wrapper on every closure
 * costs a few per cent more.
 *
 * Each run is a fresh process that reads, parses and plans a scenario written by another (so its
 * peak RSS is that of parsing and planning alone, plus the JSON text), in the order a user's
 * `afterword plan --scenario FILE` does, with no warm-up:
 * - parse: `parseScenario` of the `JSON.parse`d document, the first parse of the process;
 * - first plan: the first `plan()` of the process, with fresh caches (its own `createTimeRules()`,
 *   not the parse's), so it pays for the JIT, zone rules and every holiday table (read from the
 *   generated core/holiday-table.ts for 2025–2031, computed by date-holidays outside those years);
 * - warm plan: the best of a few more plans with the same caches (first − warm: what being first costs);
 * - memory: what the parsed scenario and then the plan keep alive, after a full GC, per application.
 * Every size runs `--repeat` times (3 unless told), and the table shows medians: the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as PlannerModule from '../src/core/rules/planner.js';
import type * as ScenarioModule from '../src/core/scenario.js';
import type * as TimeModule from '../src/core/time.js';
import { DEFAULT_NOW, generateScenario } from './generate.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = dirname(dirname(SELF));
const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const DEFAULT_REPEAT = 3;
const TARGET_N = 100_000;
/** Issue 13: parse and the cold first plan, each ≥ 50,000 applications/s at N = 100,000. */
const TARGET_RATE = 50_000;
/**
 * Memory kept alive per application at N = 100,000 before the work on parsing and the cold plan
 * (median of 3 runs, 2026-12): the parsed scenario 2,600 B, the plan 1,617 B (the "~1.5 kB").
 * Target: no more, and linear (the figure at 100,000 within 10 % of that at 10,000).
 */
const BEFORE_SCENARIO_B = 2_600;
const BEFORE_PLAN_B = 1_617;
const LINEAR_SLACK = 1.1;
const MB = 1024 * 1024;

interface Measurement {
  readonly n: number;
  readonly bytes: number;
  readonly jsonMs: number;
  readonly parseMs: number;
  /** CPU time of the process during the parse (all threads, GC helpers included). */
  readonly parseCpuMs: number;
  readonly planFirstMs: number;
  readonly planFirstCpuMs: number;
  readonly planWarmMs: number;
  /** CPU time of the process during the fastest warm plan. */
  readonly planWarmCpuMs: number;
  readonly planRuns: number;
  readonly recommendations: number;
  readonly scenarioHeap: number;
  readonly planHeap: number;
  readonly heapUsed: number;
  readonly rss: number;
  readonly maxRss: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

function heapUsed(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}

/** The core under measurement: compiled (`dist`) or the sources through tsx. */
interface Core {
  readonly plan: typeof PlannerModule.plan;
  readonly parseScenario: typeof ScenarioModule.parseScenario;
  readonly createTimeRules: typeof TimeModule.createTimeRules;
  readonly parseInstant: typeof TimeModule.parseInstant;
}

async function loadCore(dist: string | undefined): Promise<Core> {
  const where = (path: string): string => (dist ? pathToFileURL(join(dist, path)).href : new URL(`../src/${path}`, import.meta.url).href);
  const planner = await import(where('core/rules/planner.js')) as typeof PlannerModule;
  const scenario = await import(where('core/scenario.js')) as typeof ScenarioModule;
  const time = await import(where('core/time.js')) as typeof TimeModule;
  return { plan: planner.plan, parseScenario: scenario.parseScenario, createTimeRules: time.createTimeRules, parseInstant: time.parseInstant };
}

/** Compiles the sources as `npm run build` does, into a cache folder inside node_modules (so imports resolve). */
function compile(): string {
  const out = join(ROOT, 'node_modules', '.cache', 'afterword-bench', 'dist');
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out, '--sourceMap', 'false'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(join(out, 'core', 'rules', 'planner.js'))) throw new Error('tsc emitted no core/rules/planner.js');
  if (res.status !== 0) console.log('(tsc reported type errors elsewhere; measuring what it emitted)');
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}

function nowOf(core: Core, time: TimeModule.TimeRules): number {
  const { parseInstant } = core;
  const now = parseInstant(DEFAULT_NOW, time.zone('UTC'));
  if (now === null) throw new Error('bad DEFAULT_NOW');
  return now;
}

/** Child 1: writes the scenario of `n` applications to `file`. */
function emit(n: number, seed: number, file: string): void {
  writeFileSync(file, JSON.stringify(generateScenario({ applications: n, seed })));
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Child 2: reads, parses and plans, cold, then warm; prints one JSON line. */
async function measure(n: number, file: string, dist: string | undefined): Promise<void> {
  const core = await loadCore(dist);
  const { plan, parseScenario, createTimeRules } = core;

  const base = heapUsed();
  let text: string | null = readFileSync(file, 'utf8');
  const bytes = text.length;

  const t0 = performance.now();
  let json: unknown = JSON.parse(text);
  const t1 = performance.now();
  const parseCpu = process.cpuUsage();
  const parsed = parseScenario(json, createTimeRules());
  const t2 = performance.now();
  const parseCpuMs = cpuMs(parseCpu);
  if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  // Only the parsed scenario stays alive while planning.
  text = null;
  json = null;
  const scenario = parsed.value;
  const afterParse = heapUsed();

  // Fresh caches: the first plan builds every zone rule and holiday table it needs.
  const time = createTimeRules();
  const ctx = { now: nowOf(core, time), time };
  const planCpu = process.cpuUsage();
  const t3 = performance.now();
  const first = plan(scenario, ctx);
  const t4 = performance.now();
  const planFirstCpuMs = cpuMs(planCpu);
  const afterPlan = heapUsed();
  const { rss, heapUsed: heapNow } = process.memoryUsage();

  let warm = Number.POSITIVE_INFINITY;
  let warmCpu = Number.POSITIVE_INFINITY;
  const runs = n <= 1_000 ? 20 : n <= 10_000 ? 5 : 3;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const s = performance.now();
    const again = plan(scenario, ctx);
    const e = performance.now();
    warmCpu = Math.min(warmCpu, cpuMs(cpu));
    if (again.recommendations.length !== first.recommendations.length) throw new Error('plan is not deterministic');
    warm = Math.min(warm, e - s);
  }

  const m: Measurement = {
    n, bytes, jsonMs: t1 - t0, parseMs: t2 - t1, parseCpuMs, planFirstMs: t4 - t3, planFirstCpuMs,
    planWarmMs: warm, planWarmCpuMs: warmCpu, planRuns: runs,
    recommendations: first.recommendations.length,
    scenarioHeap: afterParse - base, planHeap: afterPlan - afterParse, heapUsed: heapNow, rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function child(args: readonly string[]): { ok: boolean; stdout: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', SELF, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * MB,
  });
  if (res.error) throw res.error;
  return { ok: res.status === 0, stdout: res.stdout };
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The median of one field over the runs of one size, and its range. */
function stat(runs: readonly Measurement[], f: (m: Measurement) => number): { mid: number; lo: number; hi: number } {
  const xs = runs.map(f);
  return { mid: median(xs), lo: Math.min(...xs), hi: Math.max(...xs) };
}

function render(header: readonly string[], body: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

interface Row {
  readonly label: string;
  readonly value: (m: Measurement) => number;
  /** Met at N = TARGET_N, from the median there (and the medians of other sizes). */
  readonly target?: { readonly text: string; readonly met: (mid: number, bySize: ReadonlyMap<number, number>) => boolean };
  readonly digits?: number;
}

const perApp = (bytes: number, n: number): number => bytes / n;
const linear = (mid: number, bySize: ReadonlyMap<number, number>): boolean => {
  const smaller = bySize.get(TARGET_N / 10);
  return smaller === undefined || mid <= smaller * LINEAR_SLACK;
};

const ROWS: readonly Row[] = [
  {
    label: 'parse apps/s (parseScenario, first in the process)', value: (m) => m.n / (m.parseMs / 1000),
    target: { text: `≥ ${fmt(TARGET_RATE)}`, met: (mid) => mid >= TARGET_RATE },
  },
  { label: '  … by the process\'s CPU time', value: (m) => m.n / (m.parseCpuMs / 1000) },
  { label: '  JSON.parse apps/s (not ours; for scale)', value: (m) => m.n / (m.jsonMs / 1000) },
  {
    label: 'first plan apps/s (cold: fresh process and caches)', value: (m) => m.n / (m.planFirstMs / 1000),
    target: { text: `≥ ${fmt(TARGET_RATE)}`, met: (mid) => mid >= TARGET_RATE },
  },
  { label: '  … by the process\'s CPU time', value: (m) => m.n / (m.planFirstCpuMs / 1000) },
  { label: 'warm plan apps/s (best of 20 / 5 / 3 more plans)', value: (m) => m.n / (m.planWarmMs / 1000) },
  // What the first plan pays for being first: holiday tables, zone rules, the JIT. The rest is the planner's own speed.
  { label: '  first plan − warm plan, ms', value: (m) => m.planFirstMs - m.planWarmMs },
  { label: '  … in CPU ms', value: (m) => m.planFirstCpuMs - m.planWarmCpuMs },
  {
    label: 'memory B/app: parsed scenario', value: (m) => perApp(m.scenarioHeap, m.n),
    target: { text: `≤ ${fmt(BEFORE_SCENARIO_B)}, linear`, met: (mid, bySize) => mid <= BEFORE_SCENARIO_B && linear(mid, bySize) },
  },
  {
    label: 'memory B/app: plan', value: (m) => perApp(m.planHeap, m.n),
    target: { text: `≤ ${fmt(BEFORE_PLAN_B)}, linear`, met: (mid, bySize) => mid <= BEFORE_PLAN_B && linear(mid, bySize) },
  },
];

/** The targets table: one row per measure, one column per size (medians), the target and whether it is met. */
function summary(bySize: ReadonlyMap<number, readonly Measurement[]>): string {
  const sizes = [...bySize.keys()];
  const header = ['median of each size\'s runs', ...sizes.map((n) => `N = ${fmt(n)}`), `target at ${fmt(TARGET_N)}`, 'met'];
  const body = ROWS.map((row) => {
    const mids = new Map(sizes.map((n) => [n, stat(bySize.get(n) ?? [], row.value).mid]));
    const atTarget = mids.get(TARGET_N);
    const met = row.target && atTarget !== undefined ? (row.target.met(atTarget, mids) ? 'yes' : 'NO') : '';
    return [row.label, ...sizes.map((n) => fmt(mids.get(n) ?? 0, row.digits)), row.target?.text ?? '', met];
  });
  return render(header, body);
}

/** Everything measured, per size: medians, with the range of the timed ones. */
function details(bySize: ReadonlyMap<number, readonly Measurement[]>): string {
  const header = [
    'N', 'runs', 'JSON MB', 'JSON.parse ms', 'parse ms (range)', 'parse CPU ms', 'first plan ms (range)', 'first plan CPU ms',
    'warm plan ms', 'warm plan CPU ms', 'recs', 'scenario heap MB', 'plan heap MB', 'heapUsed MB', 'RSS MB', 'peak RSS MB',
  ];
  const range = (s: { mid: number; lo: number; hi: number }): string => `${fmt(s.mid)} (${fmt(s.lo)}–${fmt(s.hi)})`;
  const body = [...bySize].map(([n, runs]) => {
    const mid = (f: (m: Measurement) => number, digits = 0): string => fmt(stat(runs, f).mid, digits);
    return [
      fmt(n), String(runs.length), mid((m) => m.bytes / MB, 1), mid((m) => m.jsonMs), range(stat(runs, (m) => m.parseMs)), mid((m) => m.parseCpuMs),
      range(stat(runs, (m) => m.planFirstMs)), mid((m) => m.planFirstCpuMs), mid((m) => m.planWarmMs), mid((m) => m.planWarmCpuMs),
      mid((m) => m.recommendations), mid((m) => m.scenarioHeap / MB, 1), mid((m) => m.planHeap / MB, 1),
      mid((m) => m.heapUsed / MB), mid((m) => m.rss / MB), mid((m) => m.maxRss / MB),
    ];
  });
  return render(header, body, 0);
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main(): Promise<number> {
  const seed = Number(arg('--seed') ?? 42);
  const emitN = arg('--emit');
  const childN = arg('--child');
  const file = arg('--file');
  if (emitN !== undefined && file !== undefined) {
    emit(Number(emitN), seed, file);
    return 0;
  }
  if (childN !== undefined && file !== undefined) {
    await measure(Number(childN), file, arg('--dist'));
    return 0;
  }

  const sizes = (arg('--sizes') ?? DEFAULT_SIZES.join(',')).split(',').map(Number).filter((x) => x > 0);
  const repeat = Math.max(1, Number(arg('--repeat') ?? DEFAULT_REPEAT));
  const dist = process.argv.includes('--source') ? undefined : compile();
  console.log(`plan.bench: parseScenario + plan on generated scenarios (seed ${seed}, now ${DEFAULT_NOW}), ${dist ? 'compiled by tsc' : 'sources through tsx'}, node ${process.version}, one thread, ${repeat} run(s) per size; ${cpus().length} cores, load ${load()}`);
  const dir = mkdtempSync(join(tmpdir(), 'afterword-bench-'));
  const bySize = new Map<number, Measurement[]>();
  try {
    for (const n of sizes) {
      const path = join(dir, `scenario-${n}.json`);
      if (!child(['--emit', String(n), '--seed', String(seed), '--file', path]).ok) return 1;
      const runs: Measurement[] = [];
      for (let i = 0; i < repeat; i++) {
        const res = child(['--child', String(n), '--file', path, ...(dist ? ['--dist', dist] : [])]);
        if (!res.ok) return 1;
        const lastLine = res.stdout.trim().split('\n').pop() ?? '';
        runs.push(JSON.parse(lastLine) as Measurement);
      }
      rmSync(path, { force: true });
      bySize.set(n, runs);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(summary(bySize));
  console.log();
  console.log(details(bySize));
  // On a busy machine wall time overstates the cost; CPU time (GC helper threads included) says how much is waiting.
  console.log(`load average at the end: ${load()} (${cpus().length} cores)`);
  return 0;
}

process.exitCode = await main();
