import { describe, expect, it } from 'vitest';
import { createTimeRules, formatDay, parseDay } from '../time.js';
import { readTimeline } from './timeline.js';

const time = createTimeRules();
const us = time.calendar('US');
const day = (s: string): number => parseDay(s) ?? Number.NaN;

// Interview on Wed 2026-07-01 (Fri 07-03 is the observed Independence Day).
const rows: [said: string, expected: string | null][] = [
  ["We'll decide by Friday", '2026-07-03'], // Fri
  ['by Wednesday', '2026-07-08'], // the next Wednesday, not the same day
  ['You should hear by Mon.', '2026-07-06'],
  ['by July 20', '2026-07-20'],
  ['by the 20th of July', '2026-07-20'],
  ['by 2026-07-15', '2026-07-15'],
  ['tomorrow', '2026-07-02'],
  ['within 10 days', '2026-07-11'],
  ['within two weeks', '2026-07-15'],
  ['in 3 weeks', '2026-07-22'],
  ['within a month', '2026-08-01'],
  ['within the month', '2026-08-01'],
  ['within 5 business days', '2026-07-09'], // skips Fri 07-03
  ['within three working days', '2026-07-07'],
  ['in a couple of weeks', '2026-07-15'],
  ['a few days', '2026-07-04'],
  ['in 2-3 weeks', '2026-07-22'], // the later bound
  ['next week', '2026-07-10'], // the Friday of the following week
  ['early next week', '2026-07-07'],
  ['end of the month', '2026-07-31'],
  ['by the end of month', '2026-07-31'],
  ['END OF NEXT MONTH', '2026-08-31'],
  ['by the end of the week', '2026-07-03'],
  ['in a fortnight', '2026-07-15'],
  ['within 48 hours', '2026-07-03'],
  ['soon', null],
  ['we will let you know', null],
  ['by February 30', null],
  ['', null],
];

describe('F0: reading the employer\'s timeline (interview Wed 2026-07-01)', () => {
  it.each(rows)('%j → %s', (said, expected) => {
    const r = readTimeline(said, day('2026-07-01'), us);
    if (expected === null) {
      expect(r.ok).toBe(false);
    } else {
      expect(r.ok).toBe(true);
      if (r.ok) expect(formatDay(r.day)).toBe(expected);
    }
  });

  it('"by next Friday" has two readings, shown back and never picked alone', () => {
    const r = readTimeline('We should know by next Friday', day('2026-03-04'), us); // Wed
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.choices.map((c) => formatDay(c.day))).toEqual(['2026-03-06', '2026-03-13']); // Fri, Fri
  });

  it('"within a month" from Sat 2026-01-31 clamps to the month\'s last day', () => {
    const r = readTimeline('within a month', day('2026-01-31'), us);
    expect(r.ok && formatDay(r.day)).toBe('2026-02-28');
  });

  it('reads a 100 kB phrase quickly and without throwing', () => {
    const r = readTimeline(`${'1 '.repeat(50_000)}zzz`, day('2026-07-01'), us);
    expect(r.ok).toBe(false);
  });
});
