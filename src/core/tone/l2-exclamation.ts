/** L2: at most one exclamation mark in the whole text, and never "!!", "?!" or "!?". */
import type { ToneContext } from './context.js';
import { overlaps } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
const MARKS = /[!?\uFF01\uFF1F]+/g;
const BANG = /[!\uFF01]/;

export function checkExclamations(ctx: ToneContext): FindingData[] {
  const text = ctx.a.text;
  const runs: FindingData[] = [];
  const singles: Array<{ start: number; end: number }> = [];
  let total = 0;
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(text); m !== null; m = MARKS.exec(text)) {
    const found = m[0];
    if (!BANG.test(found)) continue;
    const start = m.index;
    const end = start + found.length;
    // "Yahoo!" is a name from the records, not an exclamation.
    if (overlaps(ctx.recordSpans, start, end)) continue;
    total += found.replace(/[?\uFF1F]/g, '').length;
    if (found.length > 1) {
      if (runs.length < LIMIT) runs.push({ rule: 'L2', code: 'exclamation_run', start, end, severity: 'error', found });
    } else {
      if (singles.length <= LIMIT) singles.push({ start, end });
    }
  }
  if (total <= 1) return runs;
  // With more than one, every single mark after the first (or after a run) is one too many.
  const keepFirst = runs.length === 0 || (singles[0]?.start ?? Infinity) < (runs[0]?.start ?? Infinity);
  const extra = singles.slice(keepFirst ? 1 : 0, LIMIT + 1).map((s): FindingData => ({
    rule: 'L2', code: 'extra_exclamation', start: s.start, end: s.end, severity: 'warning', count: total,
  }));
  return [...runs, ...extra];
}
