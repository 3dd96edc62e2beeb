/**
 * Speed of F0's reader (readTimeline) over the phrase corpus, test/fixtures/phrases/.
 *
 *   npx tsx bench/timeline.bench.ts          (or: npm run bench -- timeline)
 *
 * - warm: every corpus sentence, each with its own interview day and region, read 200 times after
 *   a warm-up; p50/p95/max of one read, and the slowest sentence by its p95. Target: p95 ≤ 1 ms.
 * - first read: a fresh TimeRules (no holiday table built yet) reading one sentence per region:
 *   what the first plan of a process pays (date-holidays builds the region's tables).
 * - 10 kB: long and hostile texts, each read once warm (they must finish, not be fast).
 * Prints a table only; nothing here asserts a time.
 */
import { createTimeRules, dayOf } from '../src/core/time.js';
import { readTimeline } from '../src/core/rules/timeline.js';
import { labelDay, loadCorpus } from '../test/fixtures/phrases/corpus.js';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

const ms = (v: number): string => `${v < 0.1 ? v.toFixed(3) : v.toFixed(2)} ms`;

function main(): void {
  const time = createTimeRules();
  const cases = loadCorpus().flatMap((f) => {
    const base = labelDay(f.interview);
    const calendar = time.calendar(f.region);
    return f.phrases.map((p) => ({ said: p.said, base, calendar }));
  });
  const rows: Array<[string, string, string]> = [];

  for (let round = 0; round < 20; round++) for (const c of cases) readTimeline(c.said, c.base, c.calendar);
  const ROUNDS = 200;
  const all: number[] = [];
  const perCase = cases.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((c, i) => {
      const t = performance.now();
      readTimeline(c.said, c.base, c.calendar);
      const d = performance.now() - t;
      all.push(d);
      perCase[i]?.push(d);
    });
  }
  all.sort((a, b) => a - b);
  rows.push([`warm, one read (${cases.length} sentences × ${ROUNDS})`, `p50 ${ms(percentile(all, 0.5))}, p95 ${ms(percentile(all, 0.95))}, p99 ${ms(percentile(all, 0.99))}, max ${ms(all[all.length - 1] ?? NaN)}`, 'p95 \u2264 1 ms']);
  const slowest = perCase
    .map((times, i) => ({ said: cases[i]?.said ?? '', p95: percentile([...times].sort((a, b) => a - b), 0.95) }))
    .sort((a, b) => b.p95 - a.p95)[0];
  if (slowest) rows.push(['  slowest sentence by its p95', `${ms(slowest.p95)}: "${slowest.said.slice(0, 60)}${slowest.said.length > 60 ? '…' : ''}"`, '']);

  for (const region of ['US', 'GB-ENG', 'DE-BY']) {
    const fresh = createTimeRules();
    const t = performance.now();
    readTimeline("We won't make a decision until after Easter, probably mid-April.", dayOf(2026, 3, 4), fresh.calendar(region));
    rows.push([`first read, fresh holiday tables (${region})`, ms(performance.now() - t), '(context)']);
  }

  const base = dayOf(2026, 3, 4); // Wed
  const us = time.calendar('US');
  const KB10 = 10_240;
  const fill = (unit: string): string => unit.repeat(Math.ceil(KB10 / unit.length)).slice(0, KB10);
  const long: Array<[string, string]> = [
    ['10 kB email, date at the end', `${fill('Thank you for your patience while we finish our process. ')} We'll decide by Friday the 13th.`],
    ['10 kB of "by Friday "', fill('by Friday ')],
    ['10 kB of "the 15th "', fill('the 15th ')],
    ['10 kB of "after Easter "', fill('after Easter ')],
    ['10 kB of punctuation', fill('.,;!?')],
    ['10 kB of "1/"', fill('1/')],
    ['10 kB of other scripts', fill('下周五之前通知您 до пятницы ')],
  ];
  let worst = 0;
  for (const [label, text] of long) {
    readTimeline(text, base, us);
    const t = performance.now();
    const r = readTimeline(text, base, us);
    const d = performance.now() - t;
    worst = Math.max(worst, d);
    rows.push([label, `${ms(d)} (${r.ok ? 'read' : r.choices.length > 0 ? 'choices' : 'unread'})`, '']);
  }
  rows.push(['10 kB: worst', ms(worst), 'finishes']);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`F0 timeline reader (bench/timeline.bench.ts)\n${rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join('\n')}\n`);
}

main();
