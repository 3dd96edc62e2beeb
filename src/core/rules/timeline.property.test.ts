/**
 * F0 properties: whatever the words and the interview day, a reading never lands before the
 * interview, an ambiguous phrase is never resolved alone, and no input makes the reader throw.
 * Days are plain numbers: nothing here reads the host time zone (the suite also runs under
 * TZ=Pacific/Auckland).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimeRules, dayOf, type Day } from '../time.js';
import { readTimeline, type TimelineReading } from './timeline.js';
import { labelDay, loadCorpus } from '../../../test/fixtures/phrases/corpus.js';

const time = createTimeRules();
const REGIONS = ['US', 'GB-ENG', 'GB-SCT', 'DE-BY', 'CA-ON', 'AU-NSW'] as const;
const corpus = loadCorpus();
const phrases = corpus.flatMap((f) => f.phrases.map((p) => ({ ...p, region: f.region, base: labelDay(f.interview) })));
const ambiguous = phrases.filter((p) => Array.isArray(p.expect));

// Mon 2024-01-01 … Fri 2029-12-28: two leap years, every weekday, every month end (a few years only:
// each region's holiday table is built once per year, and that is most of the time spent here).
const dayArb = fc.integer({ min: dayOf(2024, 1, 1), max: dayOf(2029, 12, 28) });
const regionArb = fc.constantFrom(...REGIONS);

/** Never before the interview; choices distinct, in date order, two or more. */
function checkReading(r: TimelineReading, base: Day): void {
  if (r.ok) {
    expect(r.day).toBeGreaterThanOrEqual(base);
    expect(r.day - base).toBeLessThanOrEqual(400);
    expect(r.understood).not.toBe('');
    return;
  }
  if (r.choices.length === 0) return;
  expect(r.choices.length).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < r.choices.length; i++) {
    const c = r.choices[i];
    expect(c?.day).toBeGreaterThanOrEqual(base);
    if (i > 0) expect(c?.day).toBeGreaterThan(r.choices[i - 1]?.day ?? Number.NaN);
  }
}

/** Spellings the same words come in: case, spacing, typographic quotes, a greeting and a signature around them. */
const dressArb = fc.record({
  upper: fc.boolean(),
  spaces: fc.boolean(),
  curly: fc.boolean(),
  greeting: fc.constantFrom('', 'Hi Sam, thanks so much for your time. ', 'Dear Ms. Okafor,\n\n', 'Hello again!\n'),
  signature: fc.constantFrom('', ' Best regards, Dana', '\n\nKind regards,\nPriya Shah\nTalent Acquisition', ' Cheers!'),
});

function dress(said: string, d: { upper: boolean; spaces: boolean; curly: boolean; greeting: string; signature: string }): string {
  let s = said;
  if (d.upper) s = s.toUpperCase();
  if (d.spaces) s = s.replace(/ /g, '  \t');
  if (d.curly) s = s.replace(/'/g, '\u2019');
  return `${d.greeting}${s}${d.signature}`;
}

describe('F0 properties', () => {
  it('a corpus phrase read from any interview day, in any region, is never before that day', () => {
    fc.assert(fc.property(fc.constantFrom(...phrases), dayArb, regionArb, (p, base, region) => {
      checkReading(readTimeline(p.said, base, time.calendar(region)), base);
    }), { numRuns: 600 });
  });

  it('a phrase the corpus marks ambiguous is never resolved, however it is dressed', () => {
    expect(ambiguous.length).toBeGreaterThanOrEqual(10);
    fc.assert(fc.property(fc.constantFrom(...ambiguous), dressArb, (p, d) => {
      const r = readTimeline(dress(p.said, d), p.base, time.calendar(p.region));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.choices.length).toBeGreaterThanOrEqual(2);
    }), { numRuns: 300 });
  });

  it('a corpus phrase reads the same inside a greeting and a signature', () => {
    fc.assert(fc.property(fc.constantFrom(...phrases), dressArb, (p, d) => {
      const calendar = time.calendar(p.region);
      const plain = readTimeline(p.said, p.base, calendar);
      const dressed = readTimeline(dress(p.said, d), p.base, calendar);
      expect(dressed.ok).toBe(plain.ok);
      if (plain.ok && dressed.ok) expect(dressed.day).toBe(plain.day);
      if (!plain.ok && !dressed.ok) expect(dressed.choices.map((c) => c.day)).toEqual(plain.choices.map((c) => c.day));
    }), { numRuns: 400 });
  });

  it('"next <weekday>" alone is always a question, from any day', () => {
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    fc.assert(fc.property(fc.constantFrom(...days), dayArb, regionArb, (wd, base, region) => {
      const r = readTimeline(`We'll let you know by next ${wd}.`, base, time.calendar(region));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.choices.map((c) => c.day - base)).toEqual([expect.any(Number), expect.any(Number)]);
    }), { numRuns: 200 });
  });

  it('a day the month does not have ("by Feb 30", "by April 31st", "31/4") is never resolved', () => {
    const months = [['January', 31], ['February', 29], ['March', 31], ['April', 30], ['May', 31], ['June', 30], ['July', 31],
      ['August', 31], ['September', 30], ['October', 31], ['November', 30], ['December', 31]] as const;
    fc.assert(fc.property(fc.constantFrom(...months.map((m, i) => [...m, i + 1] as const)), fc.integer({ min: 1, max: 4 }), dayArb, regionArb, fc.integer({ min: 0, max: 2 }),
      ([name, length, number], extra, base, region, form) => {
        const dom = length + extra;
        const said = form === 0 ? `We'll decide by ${name} ${dom}.` : form === 1 ? `Decision by the ${dom}th of ${name}.` : `Decision by ${dom}.${number}.`;
        const r = readTimeline(said, base, time.calendar(region));
        expect(r.ok).toBe(false);
        checkReading(r, base);
      }), { numRuns: 300 });
  });

  it('random and hostile text never throws and never gives a day before the interview', () => {
    const fragments = fc.constantFrom('by', 'Friday', 'next', 'week', 'the', '15th', '31st', '3/4', '20.3.', 'after', 'before', 'Easter',
      'holidays', 'mid-', 'end of', 'Q1', 'two to three weeks', 'tomorrow', 'last', 'not', 'interviewing', 'decide', '5 pm', 'COB', ',', '.', '!',
      '\u0000', '\uD800', '\u202E', '🙂', '下周五', 'пятница', '2026-02-30', '99/99', '0.0.', 'week after', 'the week after next', 'ago');
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      // Any UTF-16 code units, lone surrogates and controls included (fast-check's 'binary' unit takes seconds to build).
      fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((codes) => String.fromCharCode(...codes)),
      fc.array(fragments, { maxLength: 60 }).map((a) => a.join(' ')),
      fc.array(fragments, { minLength: 1, maxLength: 40 }).map((a) => a.join(' ').repeat(40).slice(0, 10_240)),
      fc.constantFrom('.'.repeat(10_240), '!?'.repeat(5_120), 'by Friday '.repeat(1_024), '1/'.repeat(5_120), 'the 15th '.repeat(1_100)),
    );
    fc.assert(fc.property(text, dayArb, regionArb, (said, base, region) => {
      checkReading(readTimeline(said, base, time.calendar(region)), base);
    }), { numRuns: 250 });
  });

  it('a 10 kB phrase is read in well under a second', () => {
    const said = `${'We will be in touch, thank you for your patience. '.repeat(200)} We'll decide by Friday the 13th.`;
    const base = dayOf(2026, 3, 4); // Wed
    const r = readTimeline(said, base, time.calendar('US'));
    expect(r.ok && r.day).toBe(dayOf(2026, 3, 13)); // Fri
  });
});
