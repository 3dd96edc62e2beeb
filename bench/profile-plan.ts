/**
 * Where planning (or parsing) spends its time: profiles one `plan()` of a generated scenario (V8's
 * CPU profiler, the one behind `node --cpu-prof`, started just around the call, so generating and
 * parsing stay out of it) and prints the functions by self and by inclusive time. Not a bench:
 * `npm run bench` does not run it.
 *
 *   npx tsx bench/profile-plan.ts [N=100000] [--out plan.cpuprofile] [--top 25]
 *   … --cold     no JIT warm-up first: the first plan of the process, as bench/plan's "first plan"
 *   … --parse    profiles parseScenario of the document instead (always the process's first)
 *
 * The plan always runs with fresh caches (a `createTimeRules()` of its own, not the parse's), so it
 * builds every holiday table and zone rule it needs.
 * The .cpuprofile opens in Chrome DevTools (Performance) or VS Code. Line numbers are those of the
 * code tsx runs; function names are the source's.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { plan } from '../src/core/rules/planner.js';
import { parseScenario } from '../src/core/scenario.js';
import { createTimeRules, parseInstant } from '../src/core/time.js';
import { DEFAULT_NOW, generateScenario } from './generate.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Self and inclusive microseconds per function (name, file, line), from the samples. */
function summarize(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (n: ProfileNode): string => {
    const file = n.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\//, '');
    return `${n.callFrame.functionName || '(anonymous)'} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: ProfileNode | undefined = node; cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
      const key = nameOf(cur);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const rows = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, us]) => `${(100 * us / total).toFixed(1).padStart(6)}% ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`).join('\n');
  return `sampled ${(total / 1000).toFixed(0)} ms\n-- self --\n${rows(self)}\n-- inclusive --\n${rows(inclusive)}`;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 100_000);
  const top = Number(arg('--top') ?? 25);
  const out = arg('--out');
  const parseOnly = process.argv.includes('--parse');
  // The document as `afterword plan --scenario` reads it: JSON text parsed, no shared objects.
  const input: unknown = JSON.parse(JSON.stringify(generateScenario({ applications: n, seed: 42 })));
  if (!parseOnly && !process.argv.includes('--cold')) {
    const warmTime = createTimeRules();
    const warm = parseScenario(generateScenario({ applications: 2_000, seed: 7, time: warmTime }), warmTime);
    const warmNow = parseInstant(DEFAULT_NOW, warmTime.zone('UTC'));
    if (!warm.ok || warmNow === null) throw new Error('warm-up scenario is invalid');
    for (let i = 0; i < 3; i++) plan(warm.value, { now: warmNow, time: warmTime });
  }

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  const profiled = async <T>(run: () => T): Promise<{ result: T; ms: number; profile: unknown }> => {
    await session.post('Profiler.start');
    const started = performance.now();
    const result = run();
    const ms = performance.now() - started;
    const { profile } = await session.post('Profiler.stop');
    return { result, ms, profile };
  };
  const parse = (): ReturnType<typeof parseScenario> => parseScenario(input, createTimeRules());
  let report: unknown;
  if (parseOnly) {
    const { result, ms, profile } = await profiled(parse);
    if (!result.ok) throw new Error('generated scenario is invalid');
    console.log(`parseScenario of ${n.toLocaleString('en-US')} applications (the process's first): ${ms.toFixed(0)} ms, ${(n / (ms / 1000)).toFixed(0)} applications/s (profiler on)`);
    report = profile;
  } else {
    const parsed = parse();
    // Fresh caches, not the parse's.
    const time = createTimeRules();
    const now = parseInstant(DEFAULT_NOW, time.zone('UTC'));
    if (!parsed.ok || now === null) throw new Error('generated scenario is invalid');
    const { result, ms, profile } = await profiled(() => plan(parsed.value, { now, time }));
    console.log(`plan of ${n.toLocaleString('en-US')} applications (fresh caches${process.argv.includes('--cold') ? ', no warm-up' : ''}): ${ms.toFixed(0)} ms, ${(n / (ms / 1000)).toFixed(0)} applications/s, ${result.recommendations.length} recommendations (profiler on)`);
    report = profile;
  }
  session.disconnect();
  if (out) writeFileSync(out, JSON.stringify(report));
  console.log(summarize(report as CpuProfile, top));
}

await main();
