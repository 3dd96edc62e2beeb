/**
 * F0: the employer's timeline phrase ("we'll decide by Friday", "within two weeks") resolved to a
 * decision date, counted from the interview's local date. A phrase it cannot read is reported as
 * unreadable and never guessed.
 */
import { addMonths, civil, dayOf, lastDayOfMonth, weekday, type BusinessCalendar, type Day } from '../time.js';

/** One way of reading the employer's words: the day and how it was understood ("the Friday of next week"). */
export interface TimelineChoice {
  readonly day: Day;
  readonly understood: string;
}

/**
 * `ok: true`: one reading. `ok: false`: none the product may use on its own; `choices` is empty when
 * the phrase could not be read, and holds two or more readings when it has several ("next Friday")
 * or its parts disagree ("Friday the 13th" when the 13th is no Friday): the user picks, and until
 * then it counts as no timeline (F0).
 */
export type TimelineReading =
  | { readonly ok: true; readonly day: Day; readonly understood: string }
  | { readonly ok: false; readonly said: string; readonly choices: readonly TimelineChoice[] };

const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, couple: 2, few: 3,
};

const WEEKDAY_WORD = Object.keys(WEEKDAYS).join('|');
const MONTH_WORD = Object.keys(MONTHS).join('|');
const NUMBER_WORD = `\\d{1,3}|${Object.keys(NUMBERS).join('|')}`;
// Built once (no `g` flag, so `exec` keeps no state between calls).
const MONTH_DAY_RE = new RegExp(`\\b(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`);
const DAY_MONTH_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_WORD})\\b`);
const WEEKDAY_RE = new RegExp(`\\b(${WEEKDAY_WORD})\\b`);
const NEXT_WEEKDAY_RE = new RegExp(`\\bnext (${WEEKDAY_WORD})\\b`);
const AMOUNT_RE = new RegExp(
  `\\b(?:(${NUMBER_WORD})\\s*(?:-|to|or)\\s*)?(${NUMBER_WORD})(?: of)?\\s+(business |working )?(days?|weeks?|fortnights?|months?|hours?)\\b`,
);

/** The first `weekday` strictly after `day`. */
function nextWeekday(day: Day, target: number): Day {
  const delta = (target - weekday(day) + 7) % 7;
  return day + (delta === 0 ? 7 : delta);
}

function toNumber(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBERS[word] ?? null;
}

function addUnits(day: Day, n: number, unit: string, calendar: BusinessCalendar, business: boolean): Day | null {
  if (unit.startsWith('day')) return business ? calendar.addBusinessDays(day, n) : day + n;
  if (business) return null;
  if (unit.startsWith('week')) return day + 7 * n;
  if (unit === 'fortnight' || unit === 'fortnights') return day + 14 * n;
  if (unit.startsWith('month')) return addMonths(day, n);
  if (unit.startsWith('hour')) return day + Math.max(1, Math.ceil(n / 24));
  return null;
}

/** The date `month`/`dom` on or after `from`, or null when no such date exists (Feb 30). */
function dateOnOrAfter(from: Day, month: number, dom: number): Day | null {
  const year = civil(from).year;
  for (const y of [year, year + 1]) {
    const candidate = dayOf(y, month, dom);
    const back = civil(candidate);
    if (back.month !== month || back.day !== dom) return null;
    if (candidate >= from) return candidate;
  }
  return null;
}

type Reader = (text: string, day: Day, calendar: BusinessCalendar) => { day: Day; understood: string } | null;

const READERS: readonly Reader[] = [
  // "by 2026-03-20", "on 2026-03-20"
  (t) => {
    const m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
    if (!m) return null;
    const d = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
    const c = civil(d);
    return c.month === Number(m[2]) && c.day === Number(m[3]) ? { day: d, understood: 'that date' } : null;
  },
  // "by March 20", "by the 20th of March", "by 20 March"
  (t, day) => {
    const a = MONTH_DAY_RE.exec(t);
    const b = DAY_MONTH_RE.exec(t);
    const month = a ? MONTHS[a[1] ?? ''] : b ? MONTHS[b[2] ?? ''] : undefined;
    const dom = a ? Number(a[2]) : b ? Number(b[1]) : NaN;
    if (month === undefined || !(dom >= 1 && dom <= 31)) return null;
    const d = dateOnOrAfter(day, month, dom);
    return d === null ? null : { day: d, understood: 'that date' };
  },
  // "end of (the) month", "end of next month"
  (t, day) => {
    const m = /\b(?:end|close) of (?:the |this )?(next )?month\b/.exec(t);
    if (!m) return null;
    return { day: lastDayOfMonth(m[1] ? addMonths(day, 1) : day), understood: m[1] ? 'the last day of next month' : 'the last day of the month' };
  },
  // "within the month", "within a month"
  (t, day) => (/\bwithin (?:the|a|one) month\b/.test(t) ? { day: addMonths(day, 1), understood: 'one month after the interview' } : null),
  // "early/mid/end of next week", "next week"
  (t, day) => {
    const m = /\b(early|mid|middle of|end of|late|the end of) ?next week\b/.exec(t) ?? /\b(next week)\b/.exec(t);
    if (!m) return null;
    const monday = day - (weekday(day) - 1) + 7;
    const part = m[1] ?? '';
    if (part.startsWith('early')) return { day: monday + 1, understood: 'the Tuesday of next week' };
    if (part.startsWith('mid')) return { day: monday + 2, understood: 'the Wednesday of next week' };
    return { day: monday + 4, understood: 'the Friday of next week' };
  },
  // "end of (the/this) week", "this week"
  (t, day) => {
    if (!/\b(?:end of (?:the |this )?week|this week)\b/.test(t)) return null;
    const friday = day - (weekday(day) - 1) + 4;
    return { day: friday >= day ? friday : friday + 7, understood: 'the Friday of that week' };
  },
  // "tomorrow", "a day or two", "24/48 hours"
  (t, day) => (/\btomorrow\b/.test(t) ? { day: day + 1, understood: 'the next day' } : null),
  (t, day) => (/\b(?:a|one) day or two\b/.test(t) ? { day: day + 2, understood: 'two days after the interview' } : null),
  // "within N business days", "within N days/weeks/months", "in N …", "a few days", "a couple of weeks", "2-3 weeks"
  (t, day, calendar) => {
    const m = AMOUNT_RE.exec(t);
    if (!m) return null;
    const n = toNumber(m[2] ?? '');
    if (n === null || n > 400) return null;
    const business = m[3] !== undefined;
    const unit = m[4] ?? '';
    const d = m[2] === 'couple' && unit.startsWith('week') ? day + 14 : addUnits(day, n, unit, calendar, business);
    return d === null ? null : { day: d, understood: `${n} ${business ? 'business ' : ''}${unit.replace(/s$/, '')}${n === 1 ? '' : 's'} after the interview` };
  },
  (t, day) => (/\b(?:a |one )?fortnight\b/.test(t) ? { day: day + 14, understood: 'two weeks after the interview' } : null),
  // "by Friday", "on Tuesday", "next Monday", "Friday"
  (t, day) => {
    const m = WEEKDAY_RE.exec(t);
    const target = m ? WEEKDAYS[m[1] ?? ''] : undefined;
    return target === undefined ? null : { day: nextWeekday(day, target), understood: 'the next such day after the interview' };
  },
];

/**
 * Resolves the employer's words to a decision date, counted from `interviewDay`.
 * Returns `{ ok: false }` for an empty or unreadable phrase (shown back to the user, never guessed).
 */
export function readTimeline(said: string, interviewDay: Day, calendar: BusinessCalendar): TimelineReading {
  const text = said.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().slice(0, 500);
  if (text === '') return { ok: false, said, choices: [] };
  // "next Friday": this coming Friday to some, the one after to others.
  const next = NEXT_WEEKDAY_RE.exec(text);
  const nextTarget = next ? WEEKDAYS[next[1] ?? ''] : undefined;
  if (nextTarget !== undefined && !/\bweek\b/.test(text)) {
    const first = nextWeekday(interviewDay, nextTarget);
    return { ok: false, said, choices: [
      { day: first, understood: 'the coming one' },
      { day: first + 7, understood: 'the one after' },
    ] };
  }
  for (const read of READERS) {
    const hit = read(text, interviewDay, calendar);
    if (hit && hit.day >= interviewDay) return { ok: true, day: hit.day, understood: hit.understood };
  }
  return { ok: false, said, choices: [] };
}
