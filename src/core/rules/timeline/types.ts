import type { Day } from '../../time.js';

/**
 * One way to read a date phrase: `day` is what "by <phrase>" or the bare phrase means; `last` is the
 * last day the phrase covers ("next week" → its Sunday), which "after <phrase>" counts from;
 * `before` is what "before <phrase>" means (the day before it starts, or the day itself for "the end
 * of March"). `understood` is the reading in plain words, no ISO date.
 */
export interface Span {
  readonly day: Day;
  readonly understood: string;
  readonly last: Day;
  readonly before: Day;
}

/** A span whose `day`, `last` and `before` are one date or the day before it. */
export function daySpan(day: Day, understood: string): Span {
  return { day, understood, last: day, before: day - 1 };
}
