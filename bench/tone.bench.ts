/**
 * Speed of the tone check (checkTone, L1–L13 with the real US + British + Australian dictionary).
 *
 *   npx tsx bench/tone.bench.ts          (or: npm run bench -- tone)
 *
 * - warm: p50/p95/max of checking a 200-word thank-you note with its full context (a sibling note
 *   included), after a warm-up, in this process; the same for a note with typos, which makes L12
 *   look for corrections. Target: p95 ≤ 5 ms.
 * - cold: a fresh child process (7 of them, median) imports the check, loads the dictionary and
 *   checks the note once; the child times itself from its first line. Once with the compact
 *   dictionary the build writes (dist/dictionary/en-compact.bin; the normal path) and once with
 *   nspell parsing the Hunspell files (the fallback). Target (compact): ≤ 300 ms.
 * - dictionary load alone: a fresh child (7, median) times only the loader's `load()`, compact vs
 *   nspell. Target (compact): ≤ 60 ms.
 * - 1 MB: adversarial megabyte texts (stacked marks, emoticon-like punctuation, unknown words,
 *   names, an address without spaces…), each checked once with the full context.
 * Prints a table only; nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { childEnv } from './child-env.js';

const started = performance.now();
const SELF = fileURLToPath(import.meta.url);
const ROOT = dirname(dirname(SELF));

const NOTE = `Dear Dr. Okafor,

Thank you for meeting with me on Tuesday to discuss the Data Analyst position at Acme Corp. I especially enjoyed hearing about the churn dashboard your team rebuilt last quarter, and how the switch to weekly cohorts changed the conversations with the sales leads. It was clear from the way you described the project that the team values careful definitions as much as fast answers.

I have spent the last three years building reporting for a subscription business, and much of that work looked like what you described. I moved our retention metrics from monthly snapshots to cohort tables, wrote tests for the revenue model, and trained account managers to read the new charts. The hardest part was agreeing on what counted as an active customer, and I learned to settle those questions early with a short written definition.

I also appreciated your candour about the billing tables; cleaning up that history is slow work, but it pays off every time a forecast is questioned. If it would be useful, I would be glad to send the short write-up of the retention analysis I mentioned.

Thank you again for your time and consideration.

Sincerely,
Jordan Lee`;

const SIBLING = `Dear Mr. Ruiz,

Thank you for walking me through the weekly review on Tuesday; seeing how you triage dashboard requests for the Data Analyst team at Acme Corp was the most practical part of my day. Your point about retiring unused reports before building new ones is one I have argued for myself.

Sincerely,
Jordan Lee`;

const TYPOS = NOTE.replace('especially', 'especialy').replace('definition', 'defintion').replace('retention', 'retnetion').replace('appreciated', 'apreciated');

const CONTEXT = {
  kind: 'thank_you' as const,
  recipient: { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', informal: false },
  application: { company: 'Acme Corp', role: 'Data Analyst' },
  candidate: { name: 'Jordan Lee' },
  otherCompanies: ['Globex', 'Initech', 'Yahoo!'],
  people: ['Grace Okafor', 'Sam Ruiz'],
  siblings: [SIBLING],
};

type Origin = 'compact' | 'hunspell';

/** Child: import, load the dictionary, check once; prints {ms} measured from this process's first line. */
async function coldChild(origin: Origin): Promise<void> {
  const { checkTone } = await import('../src/core/tone/index.js');
  const { loadSpellerWithOrigin } = await import('../src/app/speller.js');
  const imported = performance.now();
  const loaded = await loadSpellerWithOrigin(undefined, origin === 'hunspell' ? { compact: null } : {});
  const ready = performance.now();
  const findings = checkTone({ ...CONTEXT, text: NOTE }, { speller: loaded.speller });
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({ ms: done - started, imports: imported - started, dictionary: ready - imported, check: done - ready, findings: findings.length, origin: loaded.origin, fallback: loaded.fallback })}\n`);
}

/** Child: the dictionary load alone (the loader's module already imported); prints {ms}. */
async function loadChild(origin: Origin): Promise<void> {
  const { createSpellerLoader } = await import('../src/app/speller.js');
  const loader = createSpellerLoader(undefined, origin === 'hunspell' ? { compact: null } : {});
  const t = performance.now();
  await loader.load();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t })}\n`);
}

interface ChildResult { ms: number; imports: number; dictionary: number; check: number; origin?: Origin; fallback?: string }

/** Runs this file as `runs` fresh child processes with `args`; their reports and wall times. */
function children(args: readonly string[], runs: number): { results: ChildResult[]; wall: number[] } {
  const results: ChildResult[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, ...args], { cwd: ROOT, encoding: 'utf8', env: childEnv() });
    wall.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed: ${r.stderr}`);
    results.push(JSON.parse(r.stdout) as ChildResult);
  }
  return { results, wall };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const { checkTone } = await import('../src/core/tone/index.js');
  const { loadSpellerWithOrigin } = await import('../src/app/speller.js');
  const compact = await loadSpellerWithOrigin();
  const hunspell = await loadSpellerWithOrigin(undefined, { compact: null });
  const speller = compact.speller;
  const words = NOTE.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const rows: Array<[string, string, string]> = [];
  if (compact.fallback !== undefined) rows.push(['NOTE: no compact dictionary', compact.fallback, '']);

  for (const [origin, loaded] of [['compact', compact], ['hunspell', hunspell]] as const) {
    for (const [label, text] of [[`warm ${origin}, ${words}-word note`, NOTE], [`warm ${origin}, same note with 4 typos`, TYPOS]] as const) {
      for (let i = 0; i < 100; i++) checkTone({ ...CONTEXT, text }, { speller: loaded.speller });
      const times: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const t = performance.now();
        checkTone({ ...CONTEXT, text }, { speller: loaded.speller });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      rows.push([label, `p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(times[times.length - 1] ?? NaN)}`, 'p95 \u2264 5 ms']);
    }
  }

  const RUNS = 7;
  for (const origin of ['compact', 'hunspell'] as const) {
    const { results, wall } = children(['--cold-child', origin], RUNS);
    const cold = results.map((c) => c.ms);
    const fellBack = results.find((c) => c.origin !== origin)?.fallback;
    rows.push([`cold ${origin}: import + dictionary + first check`, `median ${ms(median(cold))}, best ${ms(Math.min(...cold))} (runs: ${cold.map((c) => c.toFixed(0)).join(', ')})`,
      origin === 'compact' ? (fellBack ? `\u2264 300 ms; NOT COMPACT: ${fellBack}` : '\u2264 300 ms') : '(the fallback)']);
    rows.push(['  of which: imports / dictionary / first check',
      `${ms(median(results.map((p) => p.imports)))} / ${ms(median(results.map((p) => p.dictionary)))} / ${ms(median(results.map((p) => p.check)))}`, '']);
    rows.push(['  whole process (node + tsx start-up)', `median ${ms(median(wall))}`, '(context)']);
  }
  for (const origin of ['compact', 'hunspell'] as const) {
    const load = children(['--load-child', origin], RUNS).results.map((c) => c.ms);
    rows.push([`dictionary load alone, ${origin}`, `median ${ms(median(load))}, best ${ms(Math.min(...load))} (runs: ${load.map((c) => c.toFixed(0)).join(', ')})`, origin === 'compact' ? '\u2264 60 ms' : '(the fallback)']);
  }

  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const adversarial: Array<[string, string]> = [
    ['1 MB of "!"', fill('!')],
    ['1 MB of ":-(" ', fill(':-( ')],
    ['1 MB of "3:"', fill('3:')],
    ['1 MB of one word', fill('a')],
    ['1 MB of emoji', fill('\u{1F600}')],
    ['1 MB of unknown words', fill('qzxv blorft ')],
    ['1 MB of "Dr. Okafer"', fill('Dr. Okafer ')],
    ['1 MB of "i really need"', fill('i really need ')],
    ['1 MB address, no spaces', `https://${fill('x.')}`],
    ['1 MB of lone surrogates', fill('\uD800')],
    ['1 MB of the note, repeated', fill(`${NOTE}\n`)],
  ];
  let worst = 0;
  for (const [label, text] of adversarial) {
    const t = performance.now();
    const findings = checkTone({ ...CONTEXT, text, siblings: [] }, { speller });
    const d = performance.now() - t;
    worst = Math.max(worst, d);
    rows.push([label, `${ms(d)} (${findings.length} findings)`, '']);
  }
  rows.push(['1 MB adversarial: worst', ms(worst), 'finishes']);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`tone check (bench/tone.bench.ts)\n${rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join('\n')}\n`);
}

const childAt = process.argv.findIndex((a) => a === '--cold-child' || a === '--load-child');
const childOrigin: Origin = process.argv[childAt + 1] === 'hunspell' ? 'hunspell' : 'compact';
await (childAt === -1 ? main() : process.argv[childAt] === '--cold-child' ? coldChild(childOrigin) : loadChild(childOrigin));
