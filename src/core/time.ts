/**
 * The one module that touches Temporal and date-holidays.
 *
 * Everything else in the core speaks in two plain numbers:
 * - `Day`: a calendar date as days since 1970-01-01 (ISO calendar, no zone);
 * - `EpochMs`: an exact instant as milliseconds since the Unix epoch.
 * Turning a wall-clock time in a zone into an instant (and back) is done by
 * Temporal, with its results cached per zone (zone rules), never by adding
 * offsets by hand. Holiday tables are cached per region and year.
 * Caches live in a `TimeRules` value created by the caller: no module state.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';
import { Temporal } from 'temporal-polyfill';
import { HOLIDAY_TABLE, type HolidayTableData } from './holiday-table.js';

export { zoneCity, zoneLabel } from './zone-names.js';

export type Day = number;
export type EpochMs = number;
/** Minutes after local midnight (0–1439). */
export type Minutes = number;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------- calendar dates

/** Days since the epoch for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month (1–12) and day of a `Day`. */
export function civil(day: Day): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

export function dayOf(year: number, month: number, day: number): Day {
  return daysFromCivil(year, month, day);
}

/** Days in a month of the proleptic Gregorian calendar. */
function monthLength(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The `Day` of a year, month and day of the proleptic Gregorian calendar, or null when there is
 * no such date (31 February, month 13, day 0). Integer arithmetic only, no exceptions: it runs per
 * imported row. Non-integers are not dates either.
 */
export function dayIfValid(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Excel's serial day of 1970-01-01 (the 1900 date system). */
const EXCEL_EPOCH = 25_569;

/**
 * The `Day` of an Excel serial date (1900 date system, as in an .xlsx without the 1904 option);
 * a time of day (the fraction) is dropped. NaN for a non-finite serial.
 */
export function dayOfExcelSerial(serial: number): Day {
  return Number.isFinite(serial) ? Math.floor(serial) - EXCEL_EPOCH : Number.NaN;
}

/** The number written by the ASCII digits text[from, from + count), or -1 when one is not a digit (or is past the end). */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `YYYY-MM-DD` at text[from]: the day, null for an impossible date, undefined when not in that form. */
function fourDigitDay(text: string, from: number): Day | null | undefined {
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return undefined;
  const y = digits(text, from, 4);
  const mo = digits(text, from + 5, 2);
  const d = digits(text, from + 8, 2);
  if (y < 0 || mo < 0 || d < 0) return undefined;
  // Years 0000–9999 lie well within Temporal's range: the month and its length decide, as its 'reject' would.
  return mo >= 1 && mo <= 12 && d >= 1 && d <= monthLength(y, mo) ? daysFromCivil(y, mo, d) : null;
}

/**
 * Parses `YYYY-MM-DD` (or ISO's expanded `+YYYYYY-MM-DD`, as `formatDay` writes years past 9999);
 * returns null for anything else or an impossible date (2026-02-30).
 */
export function parseDay(text: string): Day | null {
  if (text.length === 10) {
    const day = fourDigitDay(text, 0);
    if (day !== undefined) return day;
  }
  const m = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || m[1] === '-000000') return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  try {
    Temporal.PlainDate.from({ year: y, month: mo, day: d }, { overflow: 'reject' });
  } catch {
    return null;
  }
  return daysFromCivil(y, mo, d);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatDay(day: Day): string {
  const c = civil(day);
  // ISO 8601 writes years outside 0000–9999 expanded, with a sign and six digits.
  const year = c.year >= 0 && c.year <= 9999 ? String(c.year).padStart(4, '0') : `${c.year < 0 ? '-' : '+'}${String(Math.abs(c.year)).padStart(6, '0')}`;
  return `${year}-${pad2(c.month)}-${pad2(c.day)}`;
}

export function weekday(day: Day): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1 as Weekday;
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function weekdayName(day: Day): string {
  return WEEKDAY_NAMES[weekday(day) - 1] ?? '';
}

/**
 * Calendar months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28): what
 * Temporal's `PlainDate.add({ months })` gives, by arithmetic (it is on the planner's hot path).
 */
export function addMonths(day: Day, months: number): Day {
  const c = civil(day);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const first = daysFromCivil(year, month, 1);
  const length = (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) - first;
  return first + Math.min(c.day, length) - 1;
}

export function lastDayOfMonth(day: Day): Day {
  const c = civil(day);
  const next = c.month === 12 ? daysFromCivil(c.year + 1, 1, 1) : daysFromCivil(c.year, c.month + 1, 1);
  return next - 1;
}

/** The Monday of the ISO week that contains `day`. */
export function weekStart(day: Day): Day {
  return day - (weekday(day) - 1);
}

/** Parses `HH:MM` (24 h) into minutes after midnight; null when malformed. */
export function parseClock(text: string): Minutes | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: Minutes): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** `Tue 2026-03-10 15:30`: the date and time `ms` shows on the clocks of `zone`. */
export function formatWallClock(zone: ZoneRules, ms: EpochMs): string {
  const day = zone.dayAt(ms);
  return `${weekdayName(day)} ${formatDay(day)} ${formatClock(zone.minutesAt(ms))}`;
}

// ---------------------------------------------------------------- zones

/** True when Temporal knows the IANA zone name (case-sensitive canonical or alias). */
export function isValidZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock ⇄ instant conversions for one IANA zone, cached (computed by Temporal). */
export interface ZoneRules {
  readonly id: string;
  /** The instant of a local date and time; gaps and overlaps resolve as Temporal's 'compatible'. */
  at(day: Day, minutes: Minutes): EpochMs;
  /** The UTC offset in minutes at an instant. */
  offsetMinutes(ms: EpochMs): number;
  /** The local date at an instant. */
  dayAt(ms: EpochMs): Day;
  /** The local time of day at an instant, in minutes. */
  minutesAt(ms: EpochMs): Minutes;
  /** `2026-03-03T17:00:00-05:00` */
  format(ms: EpochMs): string;
}

interface OffsetSpan {
  /** First instant covered by this year's table. */
  readonly from: EpochMs;
  /** Transitions within the year: instant where `offset` starts. */
  readonly changes: readonly { readonly at: EpochMs; readonly offset: number }[];
  /** Offset at `from`. */
  readonly initial: number;
}

/** The instant 00:00 UTC on January 1 of `year`. */
const yearStart = (year: number): EpochMs => daysFromCivil(year, 1, 1) * MS_PER_DAY;

const STEADY_FROM = daysFromCivil(1000, 1, 1);
const STEADY_UNTIL = daysFromCivil(10000, 1, 1) - 2;

function createZoneRules(id: string): ZoneRules {
  const wallCache = new Map<number, EpochMs>();
  const years = new Map<number, OffsetSpan>();
  // The table of the last UTC year asked for, and that year's bounds: most lookups stay in one year.
  let lastTable: OffsetSpan | undefined;
  let lastFrom = 0;
  let lastUntil = 0;

  function yearTable(year: number): OffsetSpan {
    let table = years.get(year);
    if (table) return table;
    // Not Date.UTC: it reads the years 0–99 as 1900–1999.
    const start = Temporal.Instant.fromEpochMilliseconds(yearStart(year) - 2 * MS_PER_DAY).toZonedDateTimeISO(id);
    const end = yearStart(year + 1) + 2 * MS_PER_DAY;
    const changes: { at: EpochMs; offset: number }[] = [];
    let cursor: Temporal.ZonedDateTime | null = start;
    for (let guard = 0; guard < 16 && cursor; guard++) {
      cursor = cursor.getTimeZoneTransition('next');
      if (!cursor || cursor.epochMilliseconds > end) break;
      changes.push({ at: cursor.epochMilliseconds, offset: cursor.offsetNanoseconds / 60e9 });
    }
    table = { from: start.epochMilliseconds, changes, initial: start.offsetNanoseconds / 60e9 };
    years.set(year, table);
    return table;
  }

  /** The table of `ms`'s UTC year. */
  function tableFor(ms: EpochMs): OffsetSpan {
    let table = lastTable;
    if (!table || ms < lastFrom || ms >= lastUntil) {
      const year = civil(Math.floor(ms / MS_PER_DAY)).year;
      table = yearTable(year);
      lastTable = table;
      lastFrom = yearStart(year);
      lastUntil = yearStart(year + 1);
    }
    return table;
  }

  function offsetMinutes(ms: EpochMs): number {
    const table = tableFor(ms);
    let offset = table.initial;
    for (const change of table.changes) {
      if (change.at > ms) break;
      offset = change.offset;
    }
    return offset;
  }

  /**
   * The instant of a local time read from the year's offset table, when no transition lies within
   * 27 hours of it: then the offset is the same all around, and exactly one instant has that local
   * time, as Temporal would find. Undefined near a transition, for odd offsets or inputs, and outside
   * the years 1000–9999: Temporal decides those.
   */
  function steadyAt(day: Day, minutes: Minutes): EpochMs | undefined {
    if (day < STEADY_FROM || day >= STEADY_UNTIL || !Number.isInteger(minutes) || minutes < 0 || minutes >= 1440) return undefined;
    const wall = day * MS_PER_DAY + minutes * 60_000;
    const table = tableFor(wall);
    let offset = table.initial;
    for (const change of table.changes) {
      if (Math.abs(change.at - wall) <= 27 * MS_PER_HOUR) return undefined;
      if (change.at < wall) offset = change.offset;
    }
    return Number.isInteger(offset) ? wall - offset * 60_000 : undefined;
  }

  function temporalAt(day: Day, minutes: Minutes): EpochMs {
    const c = civil(day);
    return Temporal.PlainDateTime.from({
      year: c.year, month: c.month, day: c.day, hour: Math.floor(minutes / 60), minute: minutes % 60,
    }).toZonedDateTime(id, { disambiguation: 'compatible' }).epochMilliseconds;
  }

  function local(ms: EpochMs): number {
    return ms + offsetMinutes(ms) * 60_000;
  }

  return {
    id,
    at(day, minutes) {
      // Away from transitions the year's offset table answers, cheaper than a map lookup; the map keeps Temporal's answers.
      const steady = steadyAt(day, minutes);
      if (steady !== undefined) return steady;
      const key = day * 1440 + minutes;
      let ms = wallCache.get(key);
      if (ms === undefined) {
        ms = temporalAt(day, minutes);
        wallCache.set(key, ms);
      }
      return ms;
    },
    offsetMinutes,
    dayAt: (ms) => Math.floor(local(ms) / MS_PER_DAY),
    minutesAt: (ms) => Math.floor((((local(ms) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000),
    format(ms) {
      // In seconds: local mean time (before standard time, e.g. New York until 1883) is −04:56:02.
      const offset = Math.round(offsetMinutes(ms) * 60);
      const wall = ms + offset * 1000;
      const day = Math.floor(wall / MS_PER_DAY);
      const inDay = wall - day * MS_PER_DAY;
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const hh = Math.floor(inDay / MS_PER_HOUR);
      const mm = Math.floor((inDay % MS_PER_HOUR) / 60_000);
      const ss = Math.floor((inDay % 60_000) / 1000);
      const seconds = abs % 60 === 0 ? '' : `:${pad2(abs % 60)}`;
      return `${formatDay(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${sign}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor(abs / 60) % 60)}${seconds}`;
    },
  };
}

/** A change of a zone's UTC offset. */
export interface ZoneTransition {
  /** First instant of the new offset. */
  readonly at: EpochMs;
  /** The offsets before and after, in minutes (as `ZoneRules.offsetMinutes`). */
  readonly from: number;
  readonly to: number;
}

/**
 * The changes of `zone`'s UTC offset after `from` and up to `to` (a change at exactly `to` is
 * included), read from Temporal's `getTimeZoneTransition`; transitions that keep the offset (a
 * rename, a change of abbreviation) are left out. Empty for a zone without changes (UTC).
 */
export function zoneTransitions(zone: ZoneRules, from: EpochMs, to: EpochMs): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  let cursor: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone.id);
  let offset = cursor.offsetNanoseconds / 60e9;
  for (;;) {
    cursor = cursor.getTimeZoneTransition('next');
    if (!cursor || cursor.epochMilliseconds > to) break;
    const next = cursor.offsetNanoseconds / 60e9;
    if (next !== offset) out.push({ at: cursor.epochMilliseconds, from: offset, to: next });
    offset = next;
  }
  return out;
}

/**
 * The wall-clock date and time at `at` under a UTC offset of `offsetMinutes`, as iCalendar's
 * `YYYYMMDDTHHMMSS` (seconds truncated): 2026-03-08T07:00Z at -300 is `20260308T020000`.
 */
export function wallStamp(at: EpochMs, offsetMinutes: number): string {
  const wall = Math.trunc(at + offsetMinutes * 60_000);
  const day = Math.floor(wall / MS_PER_DAY);
  const inDay = wall - day * MS_PER_DAY;
  const c = civil(day);
  return `${String(c.year).padStart(4, '0')}${pad2(c.month)}${pad2(c.day)}`
    + `T${pad2(Math.floor(inDay / MS_PER_HOUR))}${pad2(Math.floor((inDay % MS_PER_HOUR) / 60_000))}${pad2(Math.floor((inDay % 60_000) / 1000))}`;
}

/**
 * Parses an ISO-8601 date-time. With an offset or `Z` it is that instant; without one it is a
 * wall-clock time in `zone`. Returns null when malformed or impossible.
 */
export function parseInstant(text: string, zone: ZoneRules): EpochMs | null {
  return commonInstant(text, zone) ?? anyInstant(text, zone);
}

/**
 * The common form, `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z`, `±HH:MM` or nothing, read without
 * Temporal: the offset the text states is the instant's by definition, so subtracting it is what
 * Temporal.Instant.from does. Undefined for anything else, including every invalid or unusual text
 * (lower-case `t`/`z`, `-00:00`, offsets in seconds, expanded years): `anyInstant` decides those.
 */
function commonInstant(text: string, zone: ZoneRules): EpochMs | undefined {
  const n = text.length;
  if (n < 16 || text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== 58 /* : */) return undefined;
  const day = fourDigitDay(text, 0);
  const hh = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  if (day === null || day === undefined || hh < 0 || hh > 23 || mi < 0 || mi > 59) return undefined;
  let i = 16;
  let ss = 0;
  let fraction = 0;
  if (i < n && text.charCodeAt(i) === 58) {
    ss = digits(text, i + 1, 2);
    if (ss < 0 || ss > 59) return undefined;
    i += 3;
    if (i < n && text.charCodeAt(i) === 46 /* . */) {
      let count = 0;
      for (i++; i < n && count < 10; i++, count++) {
        const c = text.charCodeAt(i) - 48;
        if (!(c >= 0 && c <= 9)) break;
        // Milliseconds are the first three digits: Temporal's epochMilliseconds rounds down.
        if (count < 3) fraction += c * (count === 0 ? 100 : count === 1 ? 10 : 1);
      }
      if (count < 1 || count > 9) return undefined;
    }
  }
  if (i === n) return zone.at(day, hh * 60 + mi) + ss * 1000;
  let offsetMinutes = 0;
  const mark = text.charCodeAt(i);
  if (mark === 90 /* Z */ && i + 1 === n) {
    offsetMinutes = 0;
  } else if ((mark === 43 || mark === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || (mark === 45 && oh === 0 && om === 0)) return undefined;
    offsetMinutes = (mark === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return undefined;
  }
  return (day * 1440 + hh * 60 + mi - offsetMinutes) * 60_000 + ss * 1000 + fraction;
}

/** Every form `parseInstant` takes, through Temporal. */
function anyInstant(text: string, zone: ZoneRules): EpochMs | null {
  if (text.length > 64) return null;
  const m = /^((?:\d{4}|[+-]\d{6})-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2}){1,2})?(?:\[[^\]]{1,64}\])?$/i.exec(text);
  if (!m) return null;
  const day = parseDay(m[1] ?? '');
  const hh = Number(m[2]);
  const mi = Number(m[3]);
  const ss = m[4] === undefined ? 0 : Number(m[4]);
  if (day === null || hh > 23 || mi > 59 || ss > 59) return null;
  if (m[5] === undefined) return zone.at(day, hh * 60 + mi) + ss * 1000;
  try {
    return Temporal.Instant.from(text.replace(/\[[^\]]*\]$/, '')).epochMilliseconds;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- business calendars

/** Business days of one region: weekdays that are not public holidays there. */
export interface BusinessCalendar {
  readonly region: string;
  isBusinessDay(day: Day): boolean;
  /** The public holiday's name on that day, if any. */
  holidayName(day: Day): string | undefined;
  /** `n` business days after `day` (n ≥ 0; n = 0 → the first business day on or after `day`). */
  addBusinessDays(day: Day, n: number): Day;
  /** The first business day on or after `day`. */
  onOrAfter(day: Day): Day;
  /**
   * Every named day of `year` in the region's own table, public holidays and observances alike
   * (Easter Sunday, Thanksgiving, Pfingsten…), in date order: what an employer's "after Easter"
   * refers to. English names.
   */
  namedDays(year: number): readonly NamedDay[];
}

/** One day of a region's holiday table. `type` is date-holidays' own: public, bank, observance, optional, school. */
export interface NamedDay {
  readonly day: Day;
  readonly name: string;
  readonly type: string;
}

export interface RegionCode {
  readonly country: string;
  readonly state?: string;
}

/** Splits `US`, `GB-ENG`, `DE-BY` into country and subdivision. */
export function splitRegion(code: string): RegionCode | null {
  const m = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/.exec(code);
  if (!m) return null;
  const country = (m[1] ?? '').toUpperCase();
  return m[2] ? { country, state: m[2].toUpperCase() } : { country };
}

const WORKWEEK_DEFAULT: readonly Weekday[] = [1, 2, 3, 4, 5];

/** One year of a region's holiday table. */
interface RegionYear {
  /** Public holidays: the first name date-holidays gives for each day. */
  readonly publicDays: ReadonlyMap<Day, string>;
  /** Every named day, in date order. */
  readonly named: readonly NamedDay[];
}

/** One year of a region's holidays as data: what date-holidays gives, and what the generated table holds. */
export interface HolidayYear {
  /** Every named day of every type, in date order (days of one date in date-holidays' order). */
  readonly named: readonly NamedDay[];
  /** The public holidays in date order, one per day: the first name date-holidays gives for it. */
  readonly publicDays: readonly { readonly day: Day; readonly name: string }[];
}

const regionKey = (parts: RegionCode): string => (parts.state ? `${parts.country}-${parts.state}` : parts.country);

/**
 * date-holidays, loaded when first needed (Node keeps it once loaded): a region or year outside the
 * generated table. Within it nothing loads the library, which costs ≈ 22 MB and 250 ms at start-up
 * (every command, `afterword mail sync` among them, measured for its peak memory).
 */
function holidaysLibrary(): typeof Holidays {
  return createRequire(import.meta.url)('date-holidays') as typeof Holidays;
}

/** Every region date-holidays knows: each country and each of its subdivisions (`US`, `US-NY`…). */
export function holidayRegions(): string[] {
  const registry = new (holidaysLibrary())();
  return Object.keys(registry.getCountries('en')).flatMap((country) => [
    country, ...Object.keys(registry.getStates(country, 'en') ?? {}).map((state) => `${country}-${state}`),
  ]);
}

/**
 * A region's holiday years as date-holidays computes them (each year once asked; slow for regions
 * with lunar or astronomical rules: ~100–500 ms a year for CN, HK, TW, VN, KR…). For a region it
 * does not know, every year is empty.
 */
export function holidayYearsFromLibrary(region: string): (year: number) => HolidayYear {
  const parts = splitRegion(region);
  if (!parts) return () => ({ named: [], publicDays: [] });
  const make = (types?: HolidaysTypes.HolidayType[]): Holidays => {
    const options = { languages: ['en'], ...(types ? { types } : {}) };
    const Library = holidaysLibrary();
    const source = parts.state ? new Library(parts.country, parts.state, options) : new Library(parts.country, options);
    // No zone: dates stay local (we read only `date`), which spares a moment-timezone conversion per holiday.
    source.setTimezone('');
    return source;
  };
  let every: Holidays | undefined;
  let publicOnly: Holidays | null | undefined;
  return (year) => {
    every ??= make();
    // A public holiday placed by another type of day ("… if is observance holiday then next Thursday",
    // Glarus) falls elsewhere in a table of public days only, which is what business days have always
    // counted with: such a region keeps a table of its own for them.
    publicOnly ??= every.getRules().some((r) => {
      const rule: unknown = Reflect.get(r, 'rule');
      return typeof rule === 'string' && /\bis (?!public\b)[a-z]+ holiday\b/i.test(rule);
    }) ? make(['public']) : null;
    const list = every.getHolidays(year, 'en');
    const named: NamedDay[] = [];
    for (const h of list) {
      const day = parseDay(h.date.slice(0, 10));
      if (day !== null) named.push({ day, name: h.name, type: h.type });
    }
    named.sort((a, b) => a.day - b.day);
    const publicDays = new Map<Day, string>();
    for (const h of publicOnly ? publicOnly.getHolidays(year, 'en') : list) {
      if (h.type !== 'public') continue;
      const day = parseDay(h.date.slice(0, 10));
      if (day !== null && !publicDays.has(day)) publicDays.set(day, h.name);
    }
    return { named, publicDays: [...publicDays].sort((a, b) => a[0] - b[0]).map(([day, name]) => ({ day, name })) };
  };
}

// The generated table's code: numbers as two characters of this alphabet (0 … 3843), a day as its
// distance from 1 January plus DAY_SHIFT (a year's table may list the last days of the year before).
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DAY_SHIFT = 31;
const TWO_CHARS = ALPHABET.length * ALPHABET.length;

function twoChars(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 0 || n >= TWO_CHARS) throw new Error(`holiday table: ${what} ${n} does not fit in two characters`);
  return `${ALPHABET[Math.floor(n / ALPHABET.length)] ?? ''}${ALPHABET[n % ALPHABET.length] ?? ''}`;
}

function fromTwoChars(text: string, at: number): number {
  return ALPHABET.indexOf(text[at] ?? '') * ALPHABET.length + ALPHABET.indexOf(text[at + 1] ?? '');
}

/**
 * The holiday table of every region for the years `from` … `to`, as date-holidays computes it, in
 * the generated module's compact form (scripts/build-holiday-table.ts writes it to
 * core/holiday-table.ts). Each region's text holds its years in order, separated by spaces; a year is
 * its named days, five characters each (day, type, name), then, only where public days are not
 * simply the named days of type public (Glarus), a slash and the public days, four characters each.
 */
export function buildHolidayTable(from: number, to: number, library: string): HolidayTableData {
  const names = new Map<string, number>();
  const types = new Map<string, number>();
  const index = (map: Map<string, number>, key: string): number => {
    let i = map.get(key);
    if (i === undefined) {
      i = map.size;
      map.set(key, i);
    }
    return i;
  };
  const regions: Record<string, string> = {};
  for (const region of holidayRegions()) {
    const years = holidayYearsFromLibrary(region);
    const texts: string[] = [];
    for (let year = from; year <= to; year++) {
      const data = years(year);
      const start = dayOf(year, 1, 1) - DAY_SHIFT;
      const named = data.named.map((h) => `${twoChars(h.day - start, 'day')}${ALPHABET[index(types, h.type)] ?? ''}${twoChars(index(names, h.name), 'name')}`).join('');
      if (types.size > ALPHABET.length) throw new Error('holiday table: too many types of day');
      const derived = publicOf(data.named);
      const same = derived.length === data.publicDays.length && derived.every((p, i) => p.day === data.publicDays[i]?.day && p.name === data.publicDays[i]?.name);
      texts.push(same ? named : `${named}/${data.publicDays.map((p) => `${twoChars(p.day - start, 'day')}${twoChars(index(names, p.name), 'name')}`).join('')}`);
    }
    regions[region] = texts.join(' ');
  }
  return { library, from, to, types: [...types.keys()], names: [...names.keys()], regions };
}

/** The public holidays among named days in date order: the first name of each day. */
function publicOf(named: readonly NamedDay[]): { day: Day; name: string }[] {
  const out: { day: Day; name: string }[] = [];
  // In date order: a day already taken is the last one taken.
  for (const h of named) if (h.type === 'public' && out[out.length - 1]?.day !== h.day) out.push({ day: h.day, name: h.name });
  return out;
}

/** A region's year from the generated table; undefined outside its years or for a region it does not hold. */
export function holidayYearFromTable(region: string, year: number, table: HolidayTableData = HOLIDAY_TABLE): HolidayYear | undefined {
  if (year < table.from || year > table.to || !Object.hasOwn(table.regions, region)) return undefined;
  const text = (table.regions[region] ?? '').split(' ')[year - table.from];
  if (text === undefined) return undefined;
  const start = dayOf(year, 1, 1) - DAY_SHIFT;
  const slash = text.indexOf('/');
  const namedText = slash < 0 ? text : text.slice(0, slash);
  const named: NamedDay[] = [];
  for (let i = 0; i + 5 <= namedText.length; i += 5) {
    named.push({ day: start + fromTwoChars(namedText, i), type: table.types[ALPHABET.indexOf(namedText[i + 2] ?? '')] ?? '', name: table.names[fromTwoChars(namedText, i + 3)] ?? '' });
  }
  if (slash < 0) return { named, publicDays: publicOf(named) };
  const publicDays: { day: Day; name: string }[] = [];
  for (let i = slash + 1; i + 4 <= text.length; i += 4) publicDays.push({ day: start + fromTwoChars(text, i), name: table.names[fromTwoChars(text, i + 2)] ?? '' });
  return { named, publicDays };
}

/** Caches of zone rules and holiday tables, shared by every plan made with it. */
export interface TimeRules {
  zone(id: string): ZoneRules;
  calendar(region: string, workdays?: readonly Weekday[]): BusinessCalendar;
  /** True when date-holidays knows the country and, if given, the subdivision. */
  isKnownRegion(region: string): boolean;
  /** `isValidZone`, remembered for the zones it knows. */
  isKnownZone(id: string): boolean;
}

export function createTimeRules(): TimeRules {
  const zones = new Map<string, ZoneRules>();
  const calendars = new Map<string, BusinessCalendar>();
  // The same workdays array comes with every call of a plan: look it up by identity first, which
  // spares building the key string on the hot path.
  const byWorkdays = new WeakMap<readonly Weekday[], Map<string, BusinessCalendar>>();
  // The library's list of regions, asked only for a name the generated table does not hold.
  let registry: Holidays | undefined;
  let countries: Readonly<Record<string, string>> | undefined;

  // Only known names are remembered: unknown ones are rare, and a long-lived cache must not grow with bad input.
  const knownRegions = new Set<string>();

  function isKnownRegion(region: string): boolean {
    if (knownRegions.has(region)) return true;
    const parts = splitRegion(region);
    if (!parts) return false;
    // The table holds every region the library knew when it was made (holiday-table.test.ts checks).
    if (Object.hasOwn(HOLIDAY_TABLE.regions, regionKey(parts))) {
      knownRegions.add(region);
      return true;
    }
    registry ??= new (holidaysLibrary())();
    countries ??= registry.getCountries('en');
    if (!Object.hasOwn(countries, parts.country)) return false;
    if (parts.state) {
      const states = registry.getStates(parts.country, 'en') ?? {};
      if (!Object.hasOwn(states, parts.state)) return false;
    }
    knownRegions.add(region);
    return true;
  }

  const regionTables = new Map<string, (year: number) => RegionYear>();

  /**
   * The region's holiday table by year, shared by its calendars whatever their workdays: the
   * generated table's year where it has it (core/holiday-table.ts), else one date-holidays
   * computation of every type of day per year, which gives both the public holidays and the named
   * days (date-holidays was most of a first plan's cost).
   */
  function regionTable(region: string, parts: RegionCode): (year: number) => RegionYear {
    let table = regionTables.get(region);
    if (table) return table;
    const key = regionKey(parts);
    let library: ((year: number) => HolidayYear) | undefined;
    const years = new Map<number, RegionYear>();
    table = (year) => {
      let found = years.get(year);
      if (!found) {
        const data = holidayYearFromTable(key, year) ?? (library ??= holidayYearsFromLibrary(key))(year);
        found = { named: data.named, publicDays: new Map(data.publicDays.map((p) => [p.day, p.name])) };
        years.set(year, found);
      }
      return found;
    };
    regionTables.set(region, table);
    return table;
  }

  function createCalendar(region: string, workdays: readonly Weekday[]): BusinessCalendar {
    const parts = splitRegion(region);
    if (!parts || !isKnownRegion(region)) throw new Error(`unknown region ${region}`);
    const table = regionTable(region, parts);
    const working = new Set<number>(workdays);
    // Business day or not, per day, in blocks of 1024 days: 0 = not yet known, 1 = business, 2 = not.
    const known = new Map<number, Uint8Array>();
    // The block asked for last: most lookups stay in it.
    let lastBlock = Number.NaN;
    let lastFlags: Uint8Array = new Uint8Array(0);
    // addBusinessDays(day, n) − day for 0 < n < 16, per block of 1024 days (0 = not yet known): a plan
    // asks the same few again and again, and an array read is cheaper than a map's.
    const added = new Map<number, Uint16Array>();
    let lastAddedBlock = Number.NaN;
    let lastAdded: Uint16Array = new Uint16Array(0);

    function holidayName(day: Day): string | undefined {
      return table(civil(day).year).publicDays.get(day);
    }

    function namedDays(year: number): readonly NamedDay[] {
      return table(year).named;
    }

    function isBusinessDay(day: Day): boolean {
      const block = Math.floor(day / 1024);
      let flags = lastFlags;
      if (block !== lastBlock) {
        let found = known.get(block);
        if (!found) {
          found = new Uint8Array(1024);
          known.set(block, found);
        }
        flags = found;
        lastFlags = found;
        lastBlock = block;
      }
      const i = day - block * 1024;
      let flag = flags[i] ?? 0;
      if (flag === 0) {
        flag = working.has(weekday(day)) && holidayName(day) === undefined ? 1 : 2;
        flags[i] = flag;
      }
      return flag === 1;
    }

    function walk(day: Day, n: number): Day {
      let d = day;
      let left = n;
      for (let guard = 0; left > 0 && guard < 4000; guard++) {
        d++;
        if (isBusinessDay(d)) left--;
      }
      return d;
    }

    function onOrAfter(day: Day): Day {
      let d = day;
      for (let guard = 0; guard < 400 && !isBusinessDay(d); guard++) d++;
      return d;
    }

    return {
      region,
      isBusinessDay,
      holidayName,
      namedDays,
      onOrAfter,
      addBusinessDays(day, n) {
        if (n <= 0) return onOrAfter(day);
        if (n >= 16 || !Number.isInteger(n) || !Number.isInteger(day)) return walk(day, n);
        const block = Math.floor(day / 1024);
        let table = lastAdded;
        if (block !== lastAddedBlock) {
          let found = added.get(block);
          if (!found) {
            found = new Uint16Array(1024 * 16);
            added.set(block, found);
          }
          table = found;
          lastAdded = found;
          lastAddedBlock = block;
        }
        const i = (day - block * 1024) * 16 + n;
        const known = table[i] ?? 0;
        if (known !== 0) return day + known;
        // At least one day later, at most 4000 (the walk's guard): it fits.
        const d = walk(day, n);
        table[i] = d - day;
        return d;
      },
    };
  }

  return {
    isKnownRegion,
    isKnownZone(id) {
      if (zones.has(id)) return true;
      if (!isValidZone(id)) return false;
      zones.set(id, createZoneRules(id));
      return true;
    },
    zone(id) {
      let rules = zones.get(id);
      if (!rules) {
        if (!isValidZone(id)) throw new Error(`unknown time zone ${id}`);
        rules = createZoneRules(id);
        zones.set(id, rules);
      }
      return rules;
    },
    calendar(region, workdays = WORKWEEK_DEFAULT) {
      let byRegion = byWorkdays.get(workdays);
      if (!byRegion) {
        byRegion = new Map();
        byWorkdays.set(workdays, byRegion);
      }
      let cal = byRegion.get(region);
      if (cal) return cal;
      const key = `${region}|${workdays.join('')}`;
      cal = calendars.get(key);
      if (!cal) {
        cal = createCalendar(region, workdays);
        calendars.set(key, cal);
      }
      byRegion.set(region, cal);
      return cal;
    },
  };
}
