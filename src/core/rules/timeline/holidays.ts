/**
 * "after Easter", "before Christmas", "after the bank holiday", "after the holidays": holidays named
 * as the region's own table names them (calendar.namedDays), with Easter and Whitsun worked out from
 * the table's Easter when it lists only some of its days.
 */
import { civil, dayOf, weekday, type BusinessCalendar, type Day, type NamedDay } from '../../time.js';
import { endOfWeekAfter, nextWeekday } from './days.js';
import type { Span } from './types.js';
import { weekdayFull } from './words.js';

export type HolidayMode = 'after' | 'before';

/** How far ahead a holiday may be and still be the one meant (a year away is not "after Easter"). */
const HORIZON = 300;

interface Family {
  readonly re: RegExp;
  readonly kind: 'season' | 'christmas-before' | 'new-year-before' | 'easter' | 'good-friday' | 'easter-monday' | 'pentecost'
    | 'early-may' | 'spring-bank' | 'summer-bank' | 'may-bank' | 'bank' | 'long-weekend' | 'thanksgiving' | 'independence' | 'labor' | 'memorial' | 'presidents' | 'mlk';
}

// Anchored at the start of the words after the preposition (and "the"); the longest first.
const FAMILIES: readonly Family[] = [
  { re: /^(?:christmas eve)\b/, kind: 'christmas-before' },
  { re: /^(?:christmas(?: and| &| and the)? new year(?:'s)?|christmas(?: day)?|xmas|x-mas|holidays|holiday (?:season|period|break)|festive (?:season|period|break|holidays?)|winter (?:break|holidays?)|end[- ]of[- ]year (?:break|holidays?)|year[- ]end (?:break|holidays?))(?: (?:break|holidays?|period|season|shutdown|closure|weekend))?\b/, kind: 'season' },
  { re: /^(?!new year'?s? eve)new year(?:'s)?(?: day| break| holidays?| weekend)?\b/, kind: 'season' },
  { re: /^good friday\b/, kind: 'good-friday' },
  { re: /^easter monday\b/, kind: 'easter-monday' },
  { re: /^easter(?: sunday| weekend| break| holidays?| bank holidays?(?: weekend)?| period| long weekend)?\b/, kind: 'easter' },
  { re: /^(?:whitsun(?:tide)?|pentecost|pfingsten|whit (?:sunday|monday|weekend))(?: (?:weekend|break|holidays?|bank holiday))?\b/, kind: 'pentecost' },
  { re: /^early may bank holiday(?: weekend)?\b/, kind: 'early-may' },
  { re: /^(?:spring|late may|whitsun) bank holiday(?: weekend)?\b/, kind: 'spring-bank' },
  { re: /^(?:summer|august) bank holiday(?: weekend)?\b/, kind: 'summer-bank' },
  { re: /^may bank holiday(?: weekend)?\b/, kind: 'may-bank' },
  { re: /^(?:long weekend|holiday weekend|three-day weekend|3-day weekend)\b/, kind: 'long-weekend' },
  { re: /^(?:bank holiday(?: weekend| monday)?|holiday)\b(?! season| period| break)/, kind: 'bank' },
  { re: /^thanksgiving(?: day| break| weekend| holiday)?\b/, kind: 'thanksgiving' },
  // "July 4th" and "the Fourth of July" are dates, read as dates.
  { re: /^independence day\b/, kind: 'independence' },
  { re: /^labou?r day(?: weekend)?\b/, kind: 'labor' },
  { re: /^memorial day(?: weekend)?\b/, kind: 'memorial' },
  { re: /^presidents'? day\b/, kind: 'presidents' },
  { re: /^(?:mlk|martin luther king(?: jr\.?)?) day\b/, kind: 'mlk' },
];

/** A table name as people write it: lower case, plain apostrophes, no "(substitute day)". */
function plainName(name: string): string {
  return name.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s*\(.*?\)\s*/g, ' ').replace(/\bst\. /g, 'st ').replace(/\s+/g, ' ').trim();
}

function table(calendar: BusinessCalendar, from: Day): readonly NamedDay[] {
  const year = civil(from).year;
  return [...calendar.namedDays(year), ...calendar.namedDays(year + 1)];
}

/** A named day with its name as the readers compare it, made once per table (a plan reads thousands of phrases). */
interface Prepared {
  readonly h: NamedDay;
  /** Lower case, without stops and apostrophes: what a phrase's first word is compared with. */
  readonly bare: string;
  readonly plain: string;
}
const preparedTables = new WeakMap<readonly NamedDay[], readonly Prepared[]>();

function prepared(days: readonly NamedDay[]): readonly Prepared[] {
  let list = preparedTables.get(days);
  if (list === undefined) {
    list = days.map((h) => ({ h, bare: h.name.toLowerCase().replace(/[.'\u2019]/g, ''), plain: plainName(h.name) }));
    preparedTables.set(days, list);
  }
  return list;
}

/** The named days of the year of `from` and the next, prepared. */
function preparedTable(calendar: BusinessCalendar, from: Day): readonly (readonly Prepared[])[] {
  const year = civil(from).year;
  return [prepared(calendar.namedDays(year)), prepared(calendar.namedDays(year + 1))];
}

/** Easter Sunday of `year`: the table's own (its Easter Sunday, Good Friday or Easter Monday), else the Western date. */
function easterSunday(calendar: BusinessCalendar, year: number): Day {
  for (const h of calendar.namedDays(year)) {
    const n = plainName(h.name);
    if (n === 'easter sunday') return h.day;
    if (n === 'good friday') return h.day + 2;
    if (n === 'easter monday') return h.day - 1;
  }
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** Days of the table whose plain name passes `test`, in date order, this year and next. */
function named(calendar: BusinessCalendar, from: Day, test: (name: string, h: NamedDay) => boolean): Day[] {
  return preparedTable(calendar, from).flat().filter((p) => test(p.plain, p.h)).map((p) => p.h.day);
}

/** The holiday runs on through the named days right after it (the day after Thanksgiving, Boxing Day). */
function lastOfCluster(day: Day, calendar: BusinessCalendar): Day {
  const list = table(calendar, day);
  let last = day;
  for (let guard = 0; guard < 10 && list.some((h) => h.day === last + 1); guard++) last++;
  return last;
}

/** The holiday starts with the days off right before it (Good Friday before Easter Sunday, a weekend). */
function firstOfCluster(day: Day, calendar: BusinessCalendar): Day {
  let first = day;
  for (let guard = 0; guard < 10 && !calendar.isBusinessDay(first - 1); guard++) first--;
  return first;
}

interface Occurrence { readonly day: Day; readonly label: string }

function occurrences(kind: Family['kind'], calendar: BusinessCalendar, from: Day): Occurrence[] {
  const year = civil(from).year;
  const both = [year, year + 1];
  switch (kind) {
    case 'season': {
      const days = named(calendar, from, (n) => n === "new year's day");
      return (days.length > 0 ? days : both.map((y) => dayOf(y + 1, 1, 1))).map((day) => ({ day, label: 'the Christmas and New Year holidays' }));
    }
    case 'christmas-before': {
      const days = named(calendar, from, (n) => n === 'christmas day');
      return (days.length > 0 ? days : both.map((y) => dayOf(y, 12, 25))).map((day) => ({ day, label: 'Christmas' }));
    }
    case 'new-year-before':
      return both.map((y) => ({ day: dayOf(y + 1, 1, 1), label: 'the New Year' }));
    case 'easter':
      return both.map((y) => ({ day: easterSunday(calendar, y), label: 'Easter' }));
    case 'good-friday':
      return both.map((y) => ({ day: easterSunday(calendar, y) - 2, label: 'Good Friday' }));
    case 'easter-monday':
      return both.map((y) => ({ day: easterSunday(calendar, y) + 1, label: 'Easter Monday' }));
    case 'pentecost':
      return both.map((y) => ({ day: easterSunday(calendar, y) + 49, label: 'Whitsun (Pentecost)' }));
    case 'early-may':
      return named(calendar, from, (n) => n === 'early may bank holiday').map((day) => ({ day, label: 'the early May bank holiday' }));
    case 'spring-bank':
      return named(calendar, from, (n) => n === 'spring bank holiday').map((day) => ({ day, label: 'the spring bank holiday' }));
    case 'summer-bank':
      return named(calendar, from, (n) => n === 'summer bank holiday').map((day) => ({ day, label: 'the summer bank holiday' }));
    case 'may-bank':
      return [
        ...occurrences('early-may', calendar, from),
        ...named(calendar, from, (n) => n === 'spring bank holiday').map((day) => ({ day, label: 'the late May (spring) bank holiday' })),
      ];
    case 'bank':
      return named(calendar, from, (_n, h) => h.type === 'public' && weekday(h.day) <= 5).map((day) => ({ day, label: 'the next public holiday' }));
    case 'long-weekend':
      // Monday and Friday holidays, and Thursday ones that take the Friday with them (Thanksgiving, Ascension).
      return named(calendar, from, (_n, h) => h.type === 'public' && [1, 4, 5].includes(weekday(h.day))).map((day) => ({ day, label: 'the next long weekend' }));
    case 'thanksgiving':
      return named(calendar, from, (n) => n === 'thanksgiving day' || n === 'thanksgiving').map((day) => ({ day, label: 'Thanksgiving' }));
    case 'independence':
      return named(calendar, from, (n) => n === 'independence day').map((day) => ({ day, label: 'Independence Day' }));
    case 'labor':
      return named(calendar, from, (n) => n === 'labour day' || n === 'labor day').map((day) => ({ day, label: 'Labor Day' }));
    case 'memorial':
      return named(calendar, from, (n, h) => n === 'memorial day' && h.type === 'public').map((day) => ({ day, label: 'Memorial Day' }));
    case 'presidents':
      return named(calendar, from, (n) => n === "washington's birthday" || n === "presidents' day").map((day) => ({ day, label: "Presidents' Day" }));
    case 'mlk':
      return named(calendar, from, (n) => n.startsWith('martin luther king')).map((day) => ({ day, label: 'Martin Luther King Jr. Day' }));
  }
}

/** A named day under one of its lookup keys, with its name as a phrase's first word is compared with. */
interface Named { readonly o: Occurrence; readonly bare: string }
const nameIndexes = new WeakMap<readonly Prepared[], WeakMap<readonly Prepared[], ReadonlyMap<string, readonly Named[]>>>();

/**
 * The named days of the year of `from` and the next by lookup key (the plain name, and without
 * " day"), in table order, made once per pair of years: built for every phrase, it was a third of
 * reading "by Wednesday" (bench/plan.bench.ts, first plan).
 */
function nameIndex(calendar: BusinessCalendar, from: Day): ReadonlyMap<string, readonly Named[]> {
  const [thisYear = [], nextYear = []] = preparedTable(calendar, from);
  let byNext = nameIndexes.get(thisYear);
  if (byNext === undefined) {
    byNext = new WeakMap();
    nameIndexes.set(thisYear, byNext);
  }
  let index = byNext.get(nextYear);
  if (index === undefined) {
    const built = new Map<string, Named[]>();
    for (const { h, bare, plain: n } of [...thisYear, ...nextYear]) {
      const o: Occurrence = { day: h.day, label: h.name.replace(/\s*\(.*?\)/g, '') };
      // One word names ("assumption", "epiphany") read too easily as ordinary words.
      for (const key of [n, n.replace(/ day$/, '')]) {
        if (!key.includes(' ') && !/day$/.test(key) && key !== 'juneteenth' && key !== 'halloween' && key !== 'pentecost') continue;
        const list = built.get(key) ?? [];
        list.push({ o, bare });
        built.set(key, list);
      }
    }
    index = built;
    byNext.set(nextYear, index);
  }
  return index;
}

/** Any other name from the region's table ("Juneteenth", "Canada Day", "Ascension Day"), longest first. */
function byTableName(words: string, calendar: BusinessCalendar, from: Day): { length: number; list: Occurrence[] } | null {
  const index = nameIndex(calendar, from);
  // The same words against the same index find the same names: once per index (a plan asks for "wednesday" thousands of times).
  let known = namesFound.get(index);
  if (known === undefined) {
    known = new Map();
    namesFound.set(index, known);
  }
  let found = known.get(words);
  if (found === undefined) {
    found = findTableName(words, index);
    if (known.size < NAMES_FOUND_SIZE) known.set(words, found);
  }
  // A copy: the caller sorts its list.
  return found && { length: found.length, list: [...found.list] };
}

/** What byTableName found per index and words (at most NAMES_FOUND_SIZE words per index). */
const NAMES_FOUND_SIZE = 4096;
const namesFound = new WeakMap<ReadonlyMap<string, readonly Named[]>, Map<string, { readonly length: number; readonly list: readonly Occurrence[] } | null>>();

function findTableName(words: string, index: ReadonlyMap<string, readonly Named[]>): { length: number; list: Occurrence[] } | null {
  const first = words.slice(0, words.indexOf(' ') < 0 ? words.length : words.indexOf(' ')).replace(/[.'\u2019]/g, '');
  const parts = words.split(' ');
  for (let n = Math.min(parts.length, 5); n >= 1; n--) {
    const key = parts.slice(0, n).join(' ').replace(/[.,;:!?]+$/, '');
    const named = index.get(key);
    if (named === undefined) continue;
    // Only names that start with the same word are meant.
    const list: Occurrence[] = [];
    for (const { o, bare } of named) if (bare.startsWith(first)) list.push(o);
    if (list.length > 0) return { length: key.length, list };
  }
  return null;
}

/**
 * Reads a holiday at the start of `words` (what follows "after"/"before" and "the"). Returns the
 * characters it took and the readings (none when the region has no such day within ~10 months:
 * never a guess), or null when `words` names no holiday.
 */
export function readHoliday(words: string, mode: HolidayMode, from: Day, calendar: BusinessCalendar, weekdayAfter?: number): { length: number; spans: Span[] } | null {
  let length = 0;
  let list: Occurrence[] | null = null;
  let kind: Family['kind'] | null = null;
  for (const family of FAMILIES) {
    const m = family.re.exec(words);
    if (m) {
      length = m[0].length;
      kind = family.kind;
      break;
    }
  }
  if (kind !== null) {
    // "before the New Year" is the day before New Year's Day; "before Christmas"/"the holidays", the day before Christmas Day.
    const effective = mode === 'before' && kind === 'season' ? (/^new year/.test(words) ? 'new-year-before' : 'christmas-before') : kind;
    list = occurrences(effective, calendar, from);
  } else {
    const hit = byTableName(words, calendar, from);
    if (!hit) return null;
    length = hit.length;
    list = hit.list;
  }
  const spans: Span[] = [];
  const seen = new Set<Day>();
  for (const o of list.sort((a, b) => a.day - b.day)) {
    const read = weekdayAfter !== undefined
      ? { day: nextWeekday(lastOfCluster(o.day, calendar), weekdayAfter), understood: `the ${weekdayFull(weekdayAfter)} after ${o.label}` }
      : mode === 'after'
      ? { day: endOfWeekAfter(lastOfCluster(o.day, calendar), calendar), understood: `the end of the first working week after ${o.label}` }
      : { day: firstOfCluster(o.day, calendar) - 1, understood: `the last day before ${o.label}` };
    if (read.day < from || read.day - from > HORIZON || seen.has(read.day)) continue;
    // "after the holidays" from inside them still means after them, but "before Easter" a day too late means next year: no.
    seen.add(read.day);
    spans.push({ day: read.day, understood: read.understood, last: read.day, before: read.day - 1 });
    // The first one ahead is meant, except "the May bank holiday", which may be either.
    if (kind !== 'may-bank' || spans.length === 2) break;
  }
  return { length, spans };
}
