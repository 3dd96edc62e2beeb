/**
 * The date phrases inside an employer's sentence, each found by one matcher and read relative to the
 * interview day: dates (named, numeric, ordinal), weekdays, weeks, months, quarters, amounts of
 * time, holidays, and the words that point back at an earlier phrase ("the week after").
 */
import { civil, dayOf, lastDayOfMonth, weekStart, weekday, type BusinessCalendar, type Day } from '../../time.js';
import { addMonthsFraction, endOfWeekAfter, firstOfMonth, nextWeekday, quarterEnd, validDate, weekdayOnOrAfter, type DateOrder } from './days.js';
import { readHoliday, type HolidayMode } from './holidays.js';
import { daySpan, type Span } from './types.js';
import {
  MONTHS, MONTH_WORD, NUMBER_WORD, ORDINAL_WORD, ORDINAL_WORDS, WEEKDAYS, WEEKDAY_WORD,
  eachMatch, monthName, negatedBefore, ordinal, spell, toNumber, weekdayFull,
} from './words.js';

export interface Context {
  readonly text: string;
  readonly base: Day;
  readonly calendar: BusinessCalendar;
  readonly order: DateOrder;
}

/** More date phrases than a sentence holds: the text is no timeline phrase (a pasted document, junk). */
export const MAX_EXPRESSIONS = 64;

export type Kind = 'date' | 'weekday' | 'day' | 'week' | 'month' | 'quarter' | 'amount' | 'holiday' | 'anaphor';

/** One date phrase found in the text. */
export interface Expr {
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  /** Its readings: one, several (the user picks), or none (it names a day that does not exist: "Feb 30"). */
  spans: Span[];
  /** It names a day already gone ("last Friday", "yesterday", a date just before the interview). */
  readonly past?: boolean;
  /** Read against the phrase before it ("the week after"); `null` anchor: there was none. */
  readonly anaphor?: (anchor: Span | null) => Span[];
  /** An amount of time, to be counted from a day named right after it ("a week from Friday"). */
  readonly amount?: { readonly add: (from: Day) => Day; readonly words: string; readonly weekOnly: boolean };
  /** Its relation to the day is in its own words (holidays, amounts): "after"/"before" in front change nothing. */
  readonly fixed?: boolean;
}

interface Matcher {
  readonly re: RegExp;
  readonly read: (m: RegExpMatchArray, ctx: Context, at: number) => Omit<Expr, 'start' | 'end'> | null;
}

const broken = (kind: Kind): Omit<Expr, 'start' | 'end'> => ({ kind, spans: [] });
const past = (kind: Kind): Omit<Expr, 'start' | 'end'> => ({ kind, spans: [], past: true });
const one = (kind: Kind, span: Span): Omit<Expr, 'start' | 'end'> => ({ kind, spans: [span] });

/** "March 20" (month-first regions) or "20 March". */
export function dateWords(day: Day, order: DateOrder): string {
  const c = civil(day);
  return order === 'month-first' ? `${monthName(c.month)} ${c.day}` : `${c.day} ${monthName(c.month)}`;
}

/** The words just before `at` (up to 40 characters), for "by", "after", "before"… */
function before(ctx: Context, at: number): string {
  return ctx.text.slice(Math.max(0, at - 40), at);
}

/**
 * The `month`/`dom` meant without a year: this year's if it is not before the interview, next
 * year's if this year's is long gone (said in December of January), and "past" when it is a date just
 * gone (a past reference or a slip: never moved a year on).
 */
function ahead(base: Day, month: number, dom: number): Day | 'past' | 'invalid' {
  if (validDate(2024, month, dom) === null) return 'invalid';
  const y = civil(base).year;
  const d = validDate(y, month, dom);
  if (d !== null && d >= base) return d;
  if (d !== null && base - d <= 183) return 'past';
  const next = validDate(y + 1, month, dom) ?? validDate(y + 2, month, dom);
  return next === null || next - base > 366 ? 'invalid' : next;
}

/** A day-month date from numbers; `year` when written. */
function numericDay(ctx: Context, month: number, dom: number, year: number | null): Day | 'past' | 'invalid' {
  if (year === null) return ahead(ctx.base, month, dom);
  const d = validDate(year, month, dom);
  if (d === null || d - ctx.base > YEAR_AHEAD) return 'invalid';
  return d < ctx.base ? 'past' : d;
}

/** A written date further ahead than this is no decision date for this interview (a slip of the year). */
const YEAR_AHEAD = 400;

/** Days ahead within which a numeric date read in the other order (4/5 as 4 May in the US) is still asked about. */
const OTHER_ORDER_HORIZON = 90;

/** Numbers `a`/`b` in writing order, read as the region writes dates; two readings when both could be months. */
function numericDate(ctx: Context, a: number, b: number, year: number | null, dotted: boolean): Omit<Expr, 'start' | 'end'> | null {
  const monthFirst = { month: a, dom: b, order: 'month-first' as const };
  const dayFirst = { month: b, dom: a, order: 'day-first' as const };
  // Dots are written day first everywhere.
  const orders = dotted ? [dayFirst] : a === b ? [monthFirst] : ctx.order === 'month-first' ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
  const possible = orders
    .filter((r) => r.month >= 1 && r.month <= 12 && r.dom >= 1 && r.dom <= 31)
    .map((r) => ({ r, d: numericDay(ctx, r.month, r.dom, year) }));
  const nothing = dotted ? null : broken('date');
  const only = possible[0];
  if (only === undefined) return nothing;
  const label = (r: { month: number; dom: number; order: DateOrder }): string =>
    (r.order === 'month-first' ? `${monthName(r.month)} ${r.dom}, reading the month first` : `${r.dom} ${monthName(r.month)}, reading the day first`);
  const readable = possible.filter((x): x is { r: typeof x.r; d: Day } => typeof x.d === 'number');
  if (possible.length === 1) {
    if (typeof only.d === 'number') return one('date', daySpan(only.d, dateWords(only.d, only.r.order)));
    return only.d === 'past' ? past('date') : nothing;
  }
  const [first, second] = readable;
  // The other order is a question only when it is near enough to be a decision date too.
  if (first !== undefined && second !== undefined && (first.r !== orders[0] || second.d - ctx.base <= OTHER_ORDER_HORIZON)) {
    return { kind: 'date', spans: [daySpan(first.d, label(first.r)), daySpan(second.d, label(second.r))] };
  }
  if (first !== undefined) {
    // Only one order gives a day ahead: the region's own, or either where both orders are in use.
    if (first.r === orders[0] || ctx.order === 'either') return one('date', daySpan(first.d, dateWords(first.d, first.r.order)));
    return broken('date');
  }
  return possible.some((x) => x.d === 'past') ? past('date') : nothing;
}

/** A named month and day ("March 20", "20th of March", "the twentieth of March"). */
function namedDate(ctx: Context, monthWord: string, dom: number, yearText: string | undefined): Omit<Expr, 'start' | 'end'> | null {
  const month = MONTHS[monthWord.replace(/\.$/, '')];
  if (month === undefined) return null;
  const d = numericDay(ctx, month, dom, yearText ? Number(yearText) : null);
  if (d === 'past') return past('date');
  if (d === 'invalid') return broken('date');
  return one('date', daySpan(d, dateWords(d, ctx.order)));
}

/** The first day of the month `k` months after the one holding `day`. */
function monthStart(day: Day, k: number): Day {
  const c = civil(day);
  const index = c.month - 1 + k;
  return dayOf(c.year + Math.floor(index / 12), (index % 12) + 1, 1);
}

/** "the 15th": the next 15th after the interview; a month without it (the 31st in April) makes it a question. */
function ordinalDay(ctx: Context, dom: number, which: string | undefined): Omit<Expr, 'start' | 'end'> | null {
  if (dom < 1 || dom > 31) return null;
  const base = ctx.base;
  // "the 15th of next month" / "of this month" name the month; "the 15th" is the next one.
  const only = which === undefined || which === 'the' ? null : /next|following/.test(which) ? 1 : 0;
  for (let k = only ?? 0; k <= (only ?? 12); k++) {
    const first = monthStart(base, k);
    const end = lastDayOfMonth(first);
    if (dom <= end - first + 1) {
      const d = first + dom - 1;
      if (d > base) return one('date', daySpan(d, `the ${ordinal(dom)} of ${monthName(civil(d).month)}`));
      if (only !== null) return past('date');
      continue;
    }
    if (only !== null) return broken('date');
    if (end > base) {
      // The 31st of a 30-day month: that month's end, or the next month that has one. Never guessed.
      for (let j = k + 1; j <= k + 3; j++) {
        const next = monthStart(base, j);
        if (dom <= lastDayOfMonth(next) - next + 1) {
          return { kind: 'date', spans: [
            daySpan(end, `the end of ${monthName(civil(first).month)}, which has no ${ordinal(dom)}`),
            daySpan(next + dom - 1, `the ${ordinal(dom)} of ${monthName(civil(next).month)}`),
          ] };
        }
      }
      return broken('date');
    }
  }
  return broken('date');
}

/** A weekday with the words around it ("next Friday", "Friday week", "Tuesday of next week"). */
function weekdayReading(ctx: Context, lead: string | undefined, wdWord: string, tail: string | undefined, at: number): Omit<Expr, 'start' | 'end'> | null {
  const wd = WEEKDAYS[wdWord];
  if (wd === undefined) return null;
  const full = wdWord.length > 4 || wdWord === 'weds';
  if (!full && lead === undefined && tail === undefined) {
    // "Sat", "Sun", "Wed" are also words: only as a day after "by", "on", "until"… or before a date.
    const after = ctx.text.slice(at, at + 12);
    if (!/(?:^|\s)(?:by|on|until|till|before|after|from|next|this|til|due)\s+$/.test(before(ctx, at)) && !/^[a-z]+\.?,?\s+(?:the\s+)?\d/.test(after) && !/^[a-z]+\./.test(after)) return null;
  }
  const name = weekdayFull(wd);
  const base = ctx.base;
  const coming = nextWeekday(base, wd);
  const t = tail?.replace(/\s+/g, ' ');
  const l = lead?.replace(/\s+/g, ' ');
  if (l === 'last' || l === 'past' || l === 'previous') return past('weekday');
  if (t === 'week') {
    const d = weekdayOnOrAfter(base, wd) + 7;
    return one('weekday', daySpan(d, `a week on ${name} (${name} of the week after)`));
  }
  if (t === 'after next') return one('weekday', daySpan(coming + 7, `the ${name} after next`));
  if (t === 'next week' || t === 'of next week' || t === 'of the following week') {
    return one('weekday', daySpan(weekStart(base) + 7 + wd - 1, `${name} of next week`));
  }
  if (t === 'of the week after' ) return one('weekday', daySpan(weekStart(base) + 14 + wd - 1, `${name} of the week after next`));
  if (t === 'of the week after next') return one('weekday', daySpan(weekStart(base) + 21 + wd - 1, `${name} three weeks on`));
  if (t === 'this week' || t === 'of this week') {
    const d = weekStart(base) + wd - 1;
    return d < base ? past('weekday') : one('weekday', daySpan(d, `${name} of the interview week`));
  }
  if (l === 'following' || l === 'the following') {
    return { kind: 'anaphor', spans: [], anaphor: (anchor) => {
      const from = anchor ? anchor.day : base;
      const d = nextWeekday(from, wd);
      return [daySpan(d, anchor ? `the ${name} after that` : `the coming ${name}`)];
    } };
  }
  if (l === 'next') {
    return { kind: 'weekday', spans: [daySpan(coming, `the coming ${name}`), daySpan(coming + 7, `the ${name} after that (a week later)`)] };
  }
  // PROTOCOL F0's own words for "by <weekday>".
  return one('weekday', daySpan(coming, 'the next such day after the interview'));
}

const PART = 'early|earlier in|the start of|start of|the beginning of|beginning of|the first half of|first half of|mid|the middle of|middle of|halfway through|late|later|later in|the end of|end of|the back end of|towards the end of|toward the end of|the latter part of|the second half of|the close of|close of';

type Part = 'early' | 'mid' | 'late' | null;

function partOf(words: string | undefined): Part {
  if (words === undefined) return null;
  if (/early|start|beginning/.test(words)) return 'early';
  if (/mid|middle|halfway|first half/.test(words)) return 'mid';
  return 'late';
}

/** A week (its Monday) read at `part`: early → Tuesday, mid → Wednesday, else Friday. */
export function weekSpan(monday: Day, part: Part, understood: string): Span {
  const day = monday + (part === 'early' ? 1 : part === 'mid' ? 2 : 4);
  const what = part === 'early' ? 'the Tuesday of' : part === 'mid' ? 'the Wednesday of' : 'the Friday of';
  // "before next week" is the Friday before it; "before the end of next week", that end.
  return { day, understood: `${what} ${understood}`, last: monday + 6, before: part === null ? monday - 3 : day };
}

/** A month (its first day) read at `part`: early → the 10th, mid → the 15th, late or none → its last day. */
function monthSpan(first: Day, part: Part, label: string): Span {
  const end = lastDayOfMonth(first);
  if (part === 'early') return { day: first + 9, understood: `early ${label} (the 10th)`, last: first + 9, before: first + 9 };
  if (part === 'mid') return { day: first + 14, understood: `the middle of ${label} (the 15th)`, last: first + 14, before: first + 14 };
  if (part === 'late') return { day: end, understood: `the end of ${label}`, last: end, before: end };
  return { day: end, understood: `the end of ${label}`, last: end, before: first - 1 };
}

/** The first day of `month` (1–12) meant from `base`: this year's unless it is over, else next year's; null when just gone. */
function monthAhead(base: Day, month: number, year: number | null): Day | null {
  const c = civil(base);
  if (year !== null) return dayOf(year, month, 1);
  const first = dayOf(c.year, month, 1);
  if (lastDayOfMonth(first) >= base) return first;
  if (base - lastDayOfMonth(first) <= 120) return null;
  return dayOf(c.year + 1, month, 1);
}

const NOT_AN_ORDINAL_DAY = '(?!\\s+(?:round|interview|stage|floor|candidate|applicant|time|choice|place|century|anniversary|week|day|quarter|year|person|attempt|call|meeting|draft|version|birthday|percentile|grade|reference|of (?:you|them|those|the (?!month)|our|your|my|these)))';
const NUM_AHEAD_GUARD = '(?![\\d/]|\\s*(?:-|to)\\s*\\d|\\s*(?:%|days?\\b|weeks?\\b|months?\\b|hours?\\b|business|working|am\\b|pm\\b|h\\b|hrs?\\b|uhr\\b|x\\b|kb|mb|gb))';
const CLAUSE_END = '(?=\\s*(?:$|[.,;:!?)]|(?:and|but|so|or|at|to|if|when|then|hopefully|probably|though|instead|i|we|you|latest|at the latest)\\b))';
const AMOUNT_UNITS = 'business days?|working days?|calendar days?|weekdays|days?|weeks?|fortnights?|months?|hours?';

function amountReading(n: number, unit: string, business: boolean, calendar: BusinessCalendar): ((from: Day) => Day) | null {
  if (!(n > 0)) return null;
  if (unit.startsWith('hour')) return n > 24 * 400 ? null : (from) => from + Math.max(1, Math.ceil(n / 24));
  if (unit.startsWith('day') || unit.startsWith('weekday')) {
    if (n > 400) return null;
    return business ? (from) => calendar.addBusinessDays(from, Math.ceil(n)) : (from) => from + Math.ceil(n);
  }
  if (business) return null;
  if (unit.startsWith('week')) return n > 57 ? null : (from) => from + Math.ceil(7 * n);
  if (unit.startsWith('fortnight')) return n > 28 ? null : (from) => from + Math.ceil(14 * n);
  if (unit.startsWith('month')) return n > 13 ? null : (from) => addMonthsFraction(from, n);
  return null;
}

function unitWords(n: number, unit: string, business: boolean): string {
  const base = unit.replace(/^(business|working|calendar) /, '').replace(/s$/, '').replace(/^weekday$/, 'day');
  const kind = business ? 'business ' : '';
  const count = n === 1.5 ? 'one and a half' : spell(n);
  return `${count} ${kind}${base}${n === 1 ? '' : 's'}`;
}

interface AmountWords {
  readonly whole: string;
  readonly lead: string | undefined;
  readonly next: string | undefined;
  readonly n1: string | undefined;
  readonly n2: string | undefined;
  readonly special: string | undefined;
  readonly unit: string;
  readonly half: string | undefined;
  readonly orMore: string | undefined;
  readonly tail: string | undefined;
}

/** An amount of time ("within 10 business days", "two to three weeks", "a week or two", "a fortnight"). */
function amount(ctx: Context, w: AmountWords, at: number): Omit<Expr, 'start' | 'end'> | null {
  const lastWords = before(ctx, at);
  if (/(?:^|\s)(?:last|past|first|previous|recent|every|each|per)\s+$/.test(w.lead === undefined ? lastWords : `${lastWords}${w.lead} `)) return null;
  if (w.next === undefined && w.lead !== undefined && /^(?:in|over|for)$/.test(w.lead) && /(?:^|\s)(?:the|last|past)\s+$/.test(lastWords)) return null;
  const next = ctx.text.slice(at + w.whole.length, at + w.whole.length + 24);
  if (/^\s+(?:a|per|each)\s+(?:week|month|day)\b/.test(next)) return null;
  // "a few weeks or even months": no later bound to take.
  if (/^\s*(?:,\s*)?(?:or|to)\s+(?:even\s+|maybe\s+|possibly\s+|perhaps\s+)?(?:a\s+few\s+|several\s+|a\s+couple\s+of\s+)?(?:weeks|months|years)\b/.test(next)) return broken('amount');
  let n: number;
  if (w.special !== undefined) {
    if (/several|many|some/.test(w.special)) return broken('amount');
    n = /half/.test(w.special) ? 1.5 : /couple/.test(w.special) ? 2 : 3;
  } else {
    // Without a number, only "the next day/week" after "within/in/over" is an amount; "the coming weeks" is none.
    if (w.n1 === undefined && (w.next === undefined || w.lead === undefined)) return null;
    if (w.n1 === undefined && /s$/.test(w.unit)) return broken('amount');
    // "four days a week", "twice a month": a rate.
    if ((w.n1 === 'a' || w.n1 === 'an') && w.lead === undefined && /(?:days?|hours?|times?|once|twice)\s+$/.test(lastWords)) return null;
    const a = w.n1 === undefined ? 1 : toNumber(w.n1);
    const b = w.n2 === undefined ? null : toNumber(w.n2);
    if (a === null) return null;
    n = b === null ? a : Math.max(a, b);
  }
  if (w.half !== undefined) n += 0.5;
  if (w.orMore !== undefined && w.orMore !== 'so') n = Math.max(n, toNumber(w.orMore) ?? n);
  const business = /^(business|working)|weekday/.test(w.unit);
  const bare = w.unit.replace(/^(business|working|calendar) /, '');
  const add = amountReading(n, bare, business, ctx.calendar);
  if (add === null) return broken('amount');
  const words = unitWords(n, w.unit, business);
  if (w.tail !== undefined && /ago/.test(w.tail)) return past('amount');
  if (w.tail !== undefined) {
    return { kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => [daySpan(add(anchor ? anchor.day : ctx.base), `${words} after ${anchor ? 'that' : 'the interview'}`)] };
  }
  const weekOnly = n === 1 && /^week/.test(bare) && !business;
  return { kind: 'amount', fixed: true, spans: [daySpan(add(ctx.base), `${words} after the interview`)], amount: { add, words, weekOnly } };
}

const MATCHERS: readonly Matcher[] = [
  // ISO and other year-first dates: 2026-03-20, 2026/3/20.
  { re: /(?<![\w/.-])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-]?\d)/g, read: (m, ctx) => {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d === null || d - ctx.base > YEAR_AHEAD) return broken('date');
    return d < ctx.base ? past('date') : one('date', daySpan(d, dateWords(d, ctx.order)));
  } },
  // Numeric dates with a year: 3/20/2026, 20/03/2026, 20.03.2026, 20-03-26.
  { re: /(?<![\w/.:,-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)?\d{2})(?![\d/.-]?\d)/g, read: (m, ctx) => {
    const y = Number(m[4]);
    return numericDate(ctx, Number(m[1]), Number(m[3]), y < 100 ? 2000 + y : y, m[2] === '.');
  } },
  // Numeric dates without a year: 3/20, 20/3.
  { re: new RegExp(`(?<![\\w/.:,-])(\\d{1,2})/(\\d{1,2})${NUM_AHEAD_GUARD}`, 'g'), read: (m, ctx) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if ((a === 24 && b === 7) || (a === 50 && b === 50)) return null;
    return numericDate(ctx, a, b, null, false);
  } },
  // Day-first dotted dates: 20.3. (everywhere), 20.3 (not in month-first regions).
  { re: new RegExp(`(?<![\\w/.:,-])(\\d{1,2})\\.(\\d{1,2})(\\.)?(?!\\.?\\d)${NUM_AHEAD_GUARD}`, 'g'), read: (m, ctx) => {
    if (m[3] === undefined && ctx.order === 'month-first') return null;
    const dom = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || dom < 1 || dom > 31) return null;
    return numericDate(ctx, dom, month, null, true);
  } },
  // "March 20", "Mar. 20th, 2026", "March the 20th".
  { re: new RegExp(`\\b(${MONTH_WORD})\\.?,?\\s+(?:the\\s+)?(\\d{1,2})(?!\\d)(?:st|nd|rd|th)?\\b${NUM_AHEAD_GUARD}(?:,?\\s+((?:19|20)\\d{2})\\b)?`, 'g'),
    read: (m, ctx) => namedDate(ctx, m[1] ?? '', Number(m[2]), m[3]) },
  // "20 March", "the 20th of March", "20th March 2026".
  { re: new RegExp(`(?<![\\w/.:,-])(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_WORD})\\b\\.?(?:,?\\s+((?:19|20)\\d{2})\\b)?`, 'g'),
    read: (m, ctx) => namedDate(ctx, m[2] ?? '', Number(m[1]), m[3]) },
  // "the twentieth of March", "March the twentieth", "March twentieth".
  { re: new RegExp(`\\b(?:the\\s+)?(${ORDINAL_WORD})\\s+of\\s+(${MONTH_WORD})\\b`, 'g'),
    read: (m, ctx) => namedDate(ctx, m[2] ?? '', ORDINAL_WORDS[m[1] ?? ''] ?? 0, undefined) },
  { re: new RegExp(`\\b(${MONTH_WORD})\\s+(?:the\\s+)?(${ORDINAL_WORD})\\b`, 'g'),
    read: (m, ctx) => namedDate(ctx, m[1] ?? '', ORDINAL_WORDS[m[2] ?? ''] ?? 0, undefined) },
  // "the 15th", "15th", "the 15th of next month".
  { re: new RegExp(`(?<![\\w/.:,-])(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b${NOT_AN_ORDINAL_DAY}(?:\\s+of\\s+(this|next|the|the\\s+next|the\\s+following)\\s+month\\b)?`, 'g'),
    read: (m, ctx) => ordinalDay(ctx, Number(m[1]), m[2]?.replace(/\s+/g, ' ')) },
  { re: new RegExp(`\\bthe\\s+(${ORDINAL_WORD})\\b(?:\\s+of\\s+(this|next|the|the\\s+next|the\\s+following)\\s+month\\b|${CLAUSE_END})`, 'g'),
    read: (m, ctx) => ordinalDay(ctx, ORDINAL_WORDS[m[1] ?? ''] ?? 0, m[2]?.replace(/\s+/g, ' ')) },
  // Weekdays: "Friday", "next Friday", "Friday week", "Tuesday of next week", "this coming Monday".
  { re: new RegExp(`\\b(?:(this\\s+coming|the\\s+coming|this|next|coming|the\\s+following|following|last|past|previous)\\s+)?(${WEEKDAY_WORD})\\b(?:\\s+(week(?!\\s+(?:of|commencing|beginning|starting))|after\\s+next|of\\s+next\\s+week|next\\s+week|of\\s+this\\s+week|this\\s+week|of\\s+the\\s+following\\s+week|of\\s+the\\s+week\\s+after\\s+next|of\\s+the\\s+week\\s+after)\\b)?`, 'g'),
    read: (m, ctx, at) => weekdayReading(ctx, m[1], m[2] ?? '', m[3], at + (m[0].indexOf(m[2] ?? '') > 0 ? m[0].indexOf(m[2] ?? '') : 0)) },
  { re: new RegExp(`\\b(next|this)\\s+week,?\\s+(?:on\\s+)?(${WEEKDAY_WORD})\\b`, 'g'),
    read: (m, ctx, at) => weekdayReading(ctx, undefined, m[2] ?? '', m[1] === 'next' ? 'next week' : 'this week', at) },
  // Days: tomorrow, today, the day after tomorrow, yesterday.
  { re: /\b(?:the\s+)?day\s+after\s+tomorrow\b/g, read: (_m, ctx) => one('day', daySpan(ctx.base + 2, 'the day after tomorrow')) },
  { re: /\btomorrow\b/g, read: (_m, ctx) => one('day', daySpan(ctx.base + 1, 'the day after the interview')) },
  { re: /\b(?:later\s+)?(?:today|tonight|this\s+(?:afternoon|evening))\b/g, read: (_m, ctx) => one('day', daySpan(ctx.base, 'the day of the interview')) },
  { re: /\b(?:yesterday|earlier\s+today|this\s+morning|earlier\s+this\s+week)\b/g, read: () => past('day') },
  // "by close of business", "by COB", "by the end of the day": that day (the interview's, unless a day follows).
  { re: new RegExp(`\\b(?:(?:the\\s+)?(?:close|end)\\s+of\\s+(?:business|play|(?:the\\s+)?(?:business\\s+|working\\s+)?day)|cob|eod|eop)\\b(?!,?\\s+(?:on\\s+|this\\s+|next\\s+|the\\s+)?(?:today|tonight|tomorrow|${WEEKDAY_WORD}|${MONTH_WORD}|\\d|the\\b))`, 'g'),
    read: (m, ctx, at) => {
      const lead = before(ctx, at);
      const loose = /(?:business|play|cob|eod|eop)$/.test(m[0]);
      if (!/(?:^|\s)(?:by|before|until|till)\s+$/.test(lead) && !(loose && /(?:^|\s)(?:at|for)\s+$/.test(lead))) return null;
      return one('day', daySpan(ctx.base, 'the end of the day of the interview'));
    } },
  // Weeks.
  { re: new RegExp(`\\b(?:(${PART})[\\s-]*)?(?:the\\s+)?week\\s+after\\s+next\\b`, 'g'), read: (m, ctx) =>
    one('week', weekSpan(weekStart(ctx.base) + 14, partOf(m[1]), 'the week after next')) },
  { re: new RegExp(`\\b(?:(${PART})[\\s-]*)?(?:in\\s+)?(this|next|the\\s+coming|the\\s+following|the)\\s+week\\b(?!\\s+(?:of|commencing|beginning|starting|after\\s+next|or\\s+two|or\\s+so))(\\s+or\\s+(?:the\\s+)?next(?:\\s+week)?(?!\\s*\\w))?`, 'g'),
    read: (m, ctx, at) => {
      const part = partOf(m[1]);
      const which = m[3] !== undefined ? 'next' : (m[2] ?? '').replace(/\s+/g, ' ');
      const thisMonday = weekStart(ctx.base);
      if (which === 'the following') {
        return { kind: 'anaphor', spans: [], anaphor: (anchor) => [weekSpan(weekStart(anchor ? anchor.day : ctx.base) + 7, part, anchor ? 'the week after that' : 'next week')] };
      }
      if (which === 'next' || which === 'the coming') return one('week', weekSpan(thisMonday + 7, part, 'next week'));
      if (which === 'the' && part === null && !/(?:^|\s)(?:within|during|by|before|until|in)\s+$/.test(before(ctx, at))) return null;
      const span = weekSpan(thisMonday, part, 'the interview week');
      // "by the end of the week" said on its Friday: that day, or a week later.
      if (span.day === ctx.base && (part === 'late' || part === null)) return { kind: 'week', spans: [span, weekSpan(thisMonday + 7, part, 'next week')] };
      if (span.day >= ctx.base) return one('week', span);
      // "by the end of the week" said on a Saturday: the week ahead.
      return part === 'late' || part === null ? one('week', weekSpan(thisMonday + 7, part, 'next week')) : past('week');
    } },
  { re: new RegExp(`\\bthe\\s+week\\s+after(?:\\s+that)?\\b${CLAUSE_END}`, 'g'), read: () =>
    ({ kind: 'anaphor', spans: [], anaphor: (anchor) => (anchor ? [weekSpan(weekStart(anchor.day) + 7, null, 'the week after that')] : []) }) },
  { re: new RegExp(`\\bthe\\s+(?:following|next)\\s+day\\b|\\bthe\\s+day\\s+after(?:\\s+that)?\\b${CLAUSE_END}`, 'g'), read: (_m, ctx) =>
    ({ kind: 'anaphor', spans: [], anaphor: (anchor) => [daySpan((anchor ? anchor.day : ctx.base) + 1, anchor ? 'the day after that' : 'the day after the interview')] }) },
  { re: /\b(?:(this|next|the\s+coming|the)\s+)?weekend\b/g, read: (m, ctx) => {
    const monday = weekStart(ctx.base) + (m[1] === 'next' || (weekday(ctx.base) >= 6 && m[1] !== 'this') ? 7 : 0);
    const sunday = monday + 6;
    return one('week', { day: sunday, understood: m[1] === 'next' ? 'next weekend' : 'the weekend', last: sunday, before: monday + 4 });
  } },
  // "the first week of April", "the last week of March".
  { re: new RegExp(`\\b(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\\s+(?:full\\s+)?week\\s+(?:of|in)\\s+(${MONTH_WORD}|next\\s+month|this\\s+month|the\\s+month|the\\s+new\\s+year)\\b`, 'g'),
    read: (m, ctx) => {
      const what = (m[2] ?? '').replace(/\s+/g, ' ');
      const c = civil(ctx.base);
      let first: Day | null;
      if (what === 'next month') first = firstOfMonth(lastDayOfMonth(ctx.base) + 1);
      else if (what === 'this month' || what === 'the month') first = firstOfMonth(ctx.base);
      else if (what === 'the new year') first = dayOf(c.year + 1, 1, 1);
      else first = monthAhead(ctx.base, MONTHS[what] ?? 0, null);
      if (first === null) return past('week');
      const label = what === 'the new year' ? 'January' : what.includes('month') ? monthName(civil(first).month) : monthName(MONTHS[what] ?? 0);
      const n = /first|1st/.test(m[1] ?? '') ? 1 : /second|2nd/.test(m[1] ?? '') ? 2 : /third|3rd/.test(m[1] ?? '') ? 3 : /fourth|4th/.test(m[1] ?? '') ? 4 : 0;
      if (n === 0) {
        const end = lastDayOfMonth(first);
        return end < ctx.base ? past('week') : one('week', { day: end, understood: `the last week of ${label} (its last day)`, last: end, before: weekStart(end) - 3 });
      }
      const monday = weekdayOnOrAfter(first, 1) + 7 * (n - 1);
      const span = weekSpan(monday, null, `the ${['first', 'second', 'third', 'fourth'][n - 1] ?? ''} week of ${label}`);
      return span.day < ctx.base ? past('week') : one('week', span);
    } },
  // Months: "mid-March", "by the end of April", "early next month", "in June", "month end".
  { re: new RegExp(`\\b(?:(${PART})[\\s-]*)?(${MONTH_WORD}|next\\s+month|this\\s+month|the\\s+month|month)\\b\\.?(?:\\s+((?:19|20)\\d{2})\\b)?(?![\\s-]+(?:end\\b|\\d|the\\s+\\d))`, 'g'),
    read: (m, ctx, at) => {
      const partWords = m[1];
      const part = partOf(partWords);
      const what = (m[2] ?? '').replace(/\s+/g, ' ');
      const year = m[3] ? Number(m[3]) : null;
      const lead = before(ctx, at);
      let first: Day | null;
      let label: string;
      if (what === 'month') {
        if (part === null) return null;
        first = firstOfMonth(ctx.base);
        label = 'the month';
      } else if (what === 'next month') {
        first = firstOfMonth(lastDayOfMonth(ctx.base) + 1);
        label = 'next month';
      } else if (what === 'this month' || what === 'the month') {
        first = firstOfMonth(ctx.base);
        label = 'the month';
      } else {
        const month = MONTHS[what];
        if (month === undefined) return null;
        // "may", "march", "jan" are words too: a month only after "in", "by", "early"…, or with a year.
        if (part === null && year === null && ctx.text.trim() !== m[0] && !/(?:^|\s)(?:in|by|before|until|till|during|of|for|from|after|around|over|through|throughout|within|sometime in|some time in|late|early|mid|end|start|beginning)\s+$/.test(lead)) return null;
        first = monthAhead(ctx.base, month, year);
        label = monthName(month);
      }
      if (first === null) return past('month');
      if (part === null && /(?:^|\s)by\s+$/.test(lead) && what !== 'this month' && what !== 'the month') {
        // "by March": by the time March begins, or by the end of it.
        const end = lastDayOfMonth(first);
        const spans = [{ day: first, understood: `the start of ${label}`, last: first, before: first - 1 }, { day: end, understood: `the end of ${label}`, last: end, before: first - 1 }]
          .filter((s) => s.day >= ctx.base);
        return spans.length === 0 ? past('month') : { kind: 'month', spans };
      }
      const span = monthSpan(first, part, label);
      if (span.day < ctx.base) return past('month');
      // "end of the month" said in its last days may mean the next month's end.
      if (label === 'the month' && what !== 'this month' && part === 'late' && span.day - ctx.base <= 3) {
        return { kind: 'month', spans: [span, monthSpan(firstOfMonth(span.day + 1), 'late', 'next month')] };
      }
      return one('month', span);
    } },
  { re: /\b(?:eow|end\s+of\s+(?:business\s+|working\s+)?week)\b(?!\s+(?:of|after))/g, read: (_m, ctx) => {
    const span = weekSpan(weekStart(ctx.base), 'late', 'the interview week');
    if (span.day === ctx.base) return { kind: 'week', spans: [span, weekSpan(weekStart(ctx.base) + 7, 'late', 'next week')] };
    return one('week', span.day > ctx.base ? span : weekSpan(weekStart(ctx.base) + 7, 'late', 'next week'));
  } },
  { re: /\beom\b/g, read: (_m, ctx) => one('month', monthSpan(firstOfMonth(ctx.base), 'late', 'the month')) },
  { re: /\beoq\b/g, read: (_m, ctx) => {
    const end = quarterEnd(ctx.base);
    return one('quarter', { day: end, understood: 'the end of the quarter', last: end, before: end });
  } },
  { re: /\b(?:the\s+)?month[\s-]end\b/g, read: (_m, ctx) => {
    const span = monthSpan(firstOfMonth(ctx.base), 'late', 'the month');
    return span.day - ctx.base <= 3 ? { kind: 'month', spans: [span, monthSpan(firstOfMonth(span.day + 1), 'late', 'next month')] } : one('month', span);
  } },
  // ISO calendar weeks, as German offices count them: "calendar week 13", "KW 13", "CW13".
  { re: /\b(?:calendar\s+week|kw|cw)\s*(\d{1,2})\b/g, read: (m, ctx) => {
    const n = Number(m[1]);
    if (n < 1 || n > 53) return broken('week');
    for (const year of [civil(ctx.base).year, civil(ctx.base).year + 1]) {
      // ISO week 1 holds January 4th.
      const monday = weekStart(dayOf(year, 1, 4)) + 7 * (n - 1);
      if (n === 53 && weekStart(dayOf(year + 1, 1, 4)) === monday) continue;
      if (monday + 4 >= ctx.base) return monday + 4 - ctx.base > 300 ? broken('week') : one('week', weekSpan(monday, null, `calendar week ${n}`));
    }
    return broken('week');
  } },
  { re: /\bwithin\s+the\s+month\b/g, read: (_m, ctx) => ({ kind: 'amount', fixed: true, spans: [daySpan(addMonthsFraction(ctx.base, 1), 'one month after the interview')] }) },
  // Quarters: "end of the quarter", "by the end of Q1", "in Q3", "next quarter".
  { re: /\b(?:(fiscal|financial|fy)\s*)?(?:(?:the\s+)?(end|close|start|beginning)\s+of\s+)?(?:the\s+)?(?:(this|next|current|following|coming|last)\s+quarter|(quarter)(?:[\s-]end)?|q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|final)\s+quarter)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b/g,
    read: (m, ctx, at) => {
      if (m[1] !== undefined || /(?:fiscal|financial|fy\d*)\s+$/.test(before(ctx, at))) return broken('quarter');
      const edge = m[2];
      const which = m[3];
      if (m[4] !== undefined && edge === undefined && !/^the\b/.test(m[0]) && !/[\s-]end$/.test(m[0])) return null;
      if (which === 'last') return past('quarter');
      let end: Day;
      let label: string;
      const c = civil(ctx.base);
      const numberWord = m[6];
      const q = m[5] !== undefined ? Number(m[5]) : numberWord !== undefined ? (/first|1st/.test(numberWord) ? 1 : /second|2nd/.test(numberWord) ? 2 : /third|3rd/.test(numberWord) ? 3 : 4) : null;
      if (q === null) {
        const thisEnd = quarterEnd(ctx.base);
        end = which === 'next' || which === 'following' || which === 'coming' ? quarterEnd(thisEnd + 1) : thisEnd;
        label = which === 'next' || which === 'following' || which === 'coming' ? 'next quarter' : 'the quarter';
      } else {
        const year = m[7] ? Number(m[7]) : c.year;
        end = lastDayOfMonth(dayOf(year, q * 3, 1));
        if (end < ctx.base && !m[7]) end = lastDayOfMonth(dayOf(year + 1, q * 3, 1));
        if (end < ctx.base) return past('quarter');
        if (end - ctx.base > 366) return broken('quarter');
        label = `the ${['first', 'second', 'third', 'fourth'][q - 1] ?? ''} quarter (Q${q})`;
      }
      const first = firstOfMonth(dayOf(civil(end).year, civil(end).month - 2, 1));
      if (edge === 'start' || edge === 'beginning') {
        return first + 9 < ctx.base ? past('quarter') : one('quarter', { day: first + 9, understood: `the start of ${label} (the 10th of its first month)`, last: first + 9, before: first - 1 });
      }
      if (edge === undefined && q !== null && /(?:^|\s)by\s+$/.test(before(ctx, at)) && first > ctx.base) {
        return { kind: 'quarter', spans: [
          { day: first, understood: `the start of ${label}`, last: first, before: first - 1 },
          { day: end, understood: `the end of ${label}`, last: end, before: first - 1 },
        ] };
      }
      return one('quarter', { day: end, understood: `the end of ${label}`, last: end, before: edge ? end : first - 1 });
    } },
  // Years: "by the end of the year", "year end"; a fiscal year is the employer's own and is not guessed.
  { re: /\b(?:(fiscal|financial)\s+)?(?:(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?:(?:this|current|calendar)\s+)?(?:(fiscal|financial|calendar)\s+)?year|year[\s-]end|this\s+year)\b/g,
    read: (m, ctx, at) => {
      if (m[1] !== undefined || m[2] === 'fiscal' || m[2] === 'financial' || /(?:fiscal|financial)\s+$/.test(before(ctx, at))) return broken('month');
      const end = dayOf(civil(ctx.base).year, 12, 31);
      return one('month', { day: end, understood: 'the end of the year', last: end, before: end });
    } },
  { re: /\b(?:(?:early|mid|late|the\s+start\s+of|the\s+beginning\s+of|sometime)\s+)?next\s+year\b/g, read: () => broken('month') },
  // Amounts: "within 10 business days", "in two to three weeks", "a week or two", "the next day or two".
  { re: new RegExp(`\\b(?:(within|in|inside(?:\\s+of)?|over|after|under|by|about|around|roughly|approximately|give\\s+us|allow)\\s+)?(?:(?:the\\s+)?(next|coming|following)\\s+)?(?:(${NUMBER_WORD})(?:\\s*(?:-|to|or|and|/)\\s*(${NUMBER_WORD}))?|(one\\s+and\\s+a\\s+half|a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+few|few|several|many|some))?\\s*(?:more\\s+|further\\s+|extra\\s+|full\\s+)?(${AMOUNT_UNITS})('s?)?(\\s+and\\s+a\\s+half)?(?:\\s+or\\s+(two|three|four|so|2|3|4))?(?:\\s+time)?(\\s+(?:later|ago|after\\s+that|from\\s+then))?(?:\\s+from\\s+(?:now|today|the\\s+interview|your\\s+interview))?\\b`, 'g'),
    read: (m, ctx, at) => amount(ctx, {
      whole: m[0], lead: m[1]?.replace(/\s+/g, ' '), next: m[2], n1: m[3], n2: m[4], special: m[5]?.replace(/\s+/g, ' '),
      unit: (m[6] ?? '').replace(/\s+/g, ' '), half: m[8], orMore: m[9], tail: m[10],
    }, at) },
  // Pointing back: "by then", "after that".
  { re: /\b(by|until|till|before|after|around)\s+(?:then|that\s+(?:date|day|point|time))\b|\bafter\s+that\b/g, read: (m, ctx, at) => {
    const rel = m[1] ?? 'after';
    return { kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => {
      if (!anchor) return [];
      if (rel === 'after') return [daySpan(endOfWeekAfter(anchor.last, ctx.calendar), 'the end of the working week after that')];
      if (rel === 'before') return negatedBefore(ctx.text, at) ? [{ ...anchor }] : [daySpan(anchor.before, 'just before that')];
      return [{ ...anchor }];
    } };
  } },
  // "the week we're back", "when she's back": the week of the day named before, or the end of the week after it.
  { re: /\bthe\s+week\s+(?:that\s+)?(?:we|i|they|she|he|everyone|the\s+team)(?:'re|'m|'s|\s+are|\s+am|\s+is|\s+gets?|\s+comes?)\s+back\b/g, read: () =>
    ({ kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => (anchor ? [weekSpan(weekStart(anchor.day), null, 'the week of the return')] : []) }) },
  { re: /\b(?:when|once|after)\s+(?:she|he|they|we|i|the\s+\w+(?:\s+\w+)?)(?:'s|'re|'m|\s+is|\s+are|\s+am|\s+gets?|\s+comes?)\s+back\b(?!\s+(?:on|by|from|in|after|at\s+the\s+end)\b)/g, read: (_m, ctx) =>
    ({ kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => (anchor ? [daySpan(endOfWeekAfter(anchor.last, ctx.calendar), 'the end of the first working week after the return')] : []) }) },
  // "…and will contact you shortly after", "the Monday after".
  { re: new RegExp(`\\b(?:shortly|soon|right|straight|just)\\s+after(?:wards?)?\\b${CLAUSE_END}|\\bafterwards\\b`, 'g'), read: (_m, ctx) =>
    ({ kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => (anchor ? [daySpan(endOfWeekAfter(anchor.last, ctx.calendar), 'the end of the working week after that')] : []) }) },
  { re: new RegExp(`\\bthe\\s+(${WEEKDAY_WORD})\\s+after(?:\\s+that)?\\b${CLAUSE_END}`, 'g'), read: (m) => {
    const wd = WEEKDAYS[m[1] ?? ''];
    if (wd === undefined) return null;
    return { kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => (anchor ? [daySpan(nextWeekday(anchor.last, wd), `the ${weekdayFull(wd)} after that`)] : []) };
  } },
  { re: /(?<=\b(?:you|us|know|decide|decision)\s)then\b/g, read: () => ({ kind: 'anaphor', spans: [], fixed: true, anaphor: (anchor) => (anchor ? [{ ...anchor }] : []) }) },
  // Holidays, with the preposition that says which side of them: "after Easter", "before Christmas".
  { re: /\b(the\s+(?:monday|tuesday|wednesday|thursday|friday)\s+after|until\s+after|till\s+after|not\s+until\s+after|the\s+week\s+after|after|following|post|over|around|at|once|past|through|in|during|across|until|till|before|by|ahead\s+of|prior\s+to|in\s+time\s+for)\s+(?:the\s+)?(?=([a-z0-9'.&-]+(?:\s[a-z0-9'.&-]+){0,4}))/g,
    read: () => null },
];

/** The holiday matcher's own reading: its words run past the regex match, so it is handled here. */
function holidayExprs(ctx: Context, out: Expr[], matches: readonly RegExpExecArray[]): boolean {
  // The same words after the same preposition read alike: once per call.
  const seen = new Map<string, ReturnType<typeof readHoliday>>();
  return matches.every((m) => {
    const at = m.index;
    const prep = (m[1] ?? '').replace(/\s+/g, ' ');
    const words = m[2] ?? '';
    // Cheap test first: most prepositions are followed by no holiday.
    if (!/christmas|xmas|holiday|festive|new year|easter|friday|monday|whit|pentecost|pfingsten|bank|weekend|thanksgiving|july|independence|labou?r|memorial|president|mlk|martin|day|juneteenth|break|halloween|eve|ascension|assumption|corpus|epiphany/.test(words)) return true;
    // "we won't decide before the bank holiday": after it.
    const mode: HolidayMode = /^(before|by|ahead of|prior to|in time for)$/.test(prep) && !(prep === 'before' && negatedBefore(ctx.text, at)) ? 'before' : 'after';
    const key = `${prep} ${words}`;
    const dayAfter = /^the (\w+) after$/.exec(prep);
    const wd = dayAfter ? WEEKDAYS[dayAfter[1] ?? ''] : undefined;
    let hit = seen.get(key);
    if (hit === undefined && !seen.has(key)) {
      hit = readHoliday(words, mode, ctx.base, ctx.calendar, wd);
      seen.set(key, hit);
    }
    if (!hit) return true;
    out.push({ start: at, end: at + m[0].length + hit.length, kind: 'holiday', spans: [...hit.spans], fixed: true });
    return out.length <= MAX_EXPRESSIONS * 4;
  });
}

/**
 * Every date phrase of `ctx.text`, overlapping ones included (the caller keeps the longest); null
 * when there are far more than a sentence holds.
 */
export function findExpressions(ctx: Context): Expr[] | null {
  const lists = matchesOf(ctx.text);
  if (lists === null) return null;
  const out: Expr[] = [];
  for (let i = 0; i < MATCHERS.length - 1; i++) {
    const matcher = MATCHERS[i];
    if (!matcher) continue;
    for (const m of lists[i] ?? []) {
      const at = m.index;
      const read = matcher.read(m, ctx, at);
      if (read) out.push({ ...read, start: at, end: at + m[0].length });
      if (out.length > MAX_EXPRESSIONS * 4) return null;
    }
  }
  return holidayExprs(ctx, out, lists[MATCHERS.length - 1] ?? []) ? out : null;
}

/** More matches of one pattern than any sentence holds: the text is no timeline phrase. */
const MAX_MATCHES = 1024;
/** Texts whose matches are remembered; the cache starts again when full. */
const MATCH_CACHE_SIZE = 4096;
const matchCache = new Map<string, readonly (readonly RegExpExecArray[])[] | null>();

/**
 * Each pattern's matches in `text`, in order (null for a text with far more than a sentence holds).
 * They depend on the words alone, not on the interview's day or region, and a plan reads the same
 * few phrases ("by Friday", "next week") for many interviews: remembered by text (bench/plan.bench.ts,
 * first plan). The matches are only read, never changed.
 */
function matchesOf(text: string): readonly (readonly RegExpExecArray[])[] | null {
  const known = matchCache.get(text);
  if (known !== undefined) return known;
  let whole = true;
  const lists = MATCHERS.map((matcher) => {
    const list: RegExpExecArray[] = [];
    whole = eachMatch(matcher.re, text, (m) => { list.push(m); return list.length < MAX_MATCHES; }) && whole;
    return list;
  });
  const found = whole ? lists : null;
  if (matchCache.size >= MATCH_CACHE_SIZE) matchCache.clear();
  matchCache.set(text, found);
  return found;
}
