import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  addMonths, createTimeRules, dayIfValid, dayOfExcelSerial, formatDay, isValidZone, parseDay, parseInstant, wallStamp, weekday, zoneTransitions,
} from './time.js';

const time = createTimeRules();
const d = (s: string): number => parseDay(s) ?? Number.NaN;

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', 'x']) expect(parseDay(bad), bad).toBeNull();
    expect(formatDay(d('2028-02-29'))).toBe('2028-02-29'); // leap year
  });

  it('reads every day of 0000–9999 as the calendar has it, and no other', () => {
    // The reference is the Date object's own calendar (proleptic Gregorian, like ISO).
    const real = (y: number, m: number, dd: number): number | null => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, dd);
      const same = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === dd;
      return same ? date.getTime() / 86_400_000 : null;
    };
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    for (const y of [0, 1, 4, 99, 100, 400, 1582, 1600, 1700, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 2400, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let dd = 0; dd <= 32; dd++) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(dd, 2)}`;
          expect(parseDay(text), text).toBe(m >= 1 && m <= 12 && dd >= 1 ? real(y, m, dd) : null);
        }
      }
    }
    for (const bad of ['2026-03-0a', '2026/03/03', '2026-03-03 ', ' 2026-03-03', '２０２６-03-03', '-2026-03-03']) expect(parseDay(bad), bad).toBeNull();
    expect(formatDay(d('+010000-01-01'))).toBe('+010000-01-01');
  });

  it('knows the weekday', () => {
    expect(weekday(d('2026-03-03'))).toBe(2); // Tue
    expect(weekday(d('2026-03-08'))).toBe(7); // Sun
    expect(weekday(d('1969-12-31'))).toBe(3); // Wed, before the epoch
  });

  it('adds calendar months with clamping', () => {
    expect(formatDay(addMonths(d('2026-03-31'), 1))).toBe('2026-04-30'); // Tue → Thu
  });
});

describe('zones', () => {
  it('validates IANA names', () => {
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });

  it('resolves wall-clock times across the US spring-forward gap (Sun 2026-03-08)', () => {
    const ny = time.zone('America/New_York');
    expect(ny.format(ny.at(d('2026-03-07'), 17 * 60))).toBe('2026-03-07T17:00:00-05:00'); // Sat
    expect(ny.format(ny.at(d('2026-03-08'), 2 * 60 + 30))).toBe('2026-03-08T03:30:00-04:00'); // in the gap
    expect(ny.format(ny.at(d('2026-03-09'), 17 * 60))).toBe('2026-03-09T17:00:00-04:00'); // Mon
  });

  it('resolves the fall-back overlap (Sun 2026-11-01) to the earlier instant', () => {
    const ny = time.zone('America/New_York');
    expect(ny.format(ny.at(d('2026-11-01'), 90))).toBe('2026-11-01T01:30:00-04:00');
  });

  it('knows the local day of an instant on the other side of the date line', () => {
    const akl = time.zone('Pacific/Auckland');
    const at = parseInstant('2026-03-03T15:00:00-05:00', time.zone('UTC')) ?? 0; // Tue in New York
    expect(formatDay(akl.dayAt(at))).toBe('2026-03-04'); // Wed in Auckland
    expect(akl.minutesAt(at)).toBe(9 * 60);
  });

  it('reads the common ISO forms without Temporal exactly as through it', () => {
    // A space instead of the T takes the general path (Temporal); the T the common one.
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns'].map((z) => time.zone(z));
    const days = ['2026-03-08', '2026-11-01', '2026-10-25', '2026-04-05', '1969-12-31', '1970-01-01', '0001-01-01', '9999-12-31', '2028-02-29', '2026-02-29', '2026-13-01'];
    const clocks = ['00:00', '01:30', '02:30', '23:59', '24:00', '12:60', '10:00:00', '10:00:59', '10:00:60', '10:00:00.5', '23:59:59.999999999', '00:00:00.0001', '10:00:00.', '10:00:00.1234567890', '10:0', '10:00:0'];
    const offsets = ['', 'Z', 'z', '+00:00', '-00:00', '+05:30', '-03:30', '+14:00', '-12:00', '+23:59', '+24:00', '+05:60', '+0530', '+05:30:00', '+05', '-05:00[America/New_York]', 'Z[UTC]', ' '];
    for (const zone of zones) {
      for (const day of days) {
        for (const clock of clocks) {
          for (const offset of offsets) {
            const common = `${day}T${clock}${offset}`;
            expect(parseInstant(common, zone), common).toBe(parseInstant(`${day} ${clock}${offset}`, zone));
          }
        }
      }
    }
    expect(parseInstant('1969-12-31T23:59:59.5Z', zones[0] ?? time.zone('UTC'))).toBe(-500); // rounds down, before the epoch too
  });

  it('parses instants with offsets, Z, or local to a zone; rejects the impossible', () => {
    const berlin = time.zone('Europe/Berlin');
    expect(parseInstant('2026-03-03T10:00:00Z', berlin)).toBe(Date.UTC(2026, 2, 3, 10));
    expect(parseInstant('2026-03-03T10:00', berlin)).toBe(Date.UTC(2026, 2, 3, 9));
    expect(parseInstant('2026-02-30T10:00:00Z', berlin)).toBeNull();
    expect(parseInstant('2026-03-03T25:00:00Z', berlin)).toBeNull();
    expect(parseInstant('yesterday', berlin)).toBeNull();
  });
});

describe('business calendars', () => {
  it('skips weekends and the region\'s public holidays', () => {
    const us = time.calendar('US');
    expect(us.isBusinessDay(d('2026-07-03'))).toBe(false); // Fri, observed Independence Day
    expect(us.holidayName(d('2026-05-25'))).toMatch(/Memorial/); // Mon
    expect(formatDay(us.addBusinessDays(d('2026-07-02'), 1))).toBe('2026-07-06'); // Thu → Mon
    const gb = time.calendar('GB-ENG');
    expect(gb.isBusinessDay(d('2026-04-06'))).toBe(false); // Easter Monday
    expect(time.calendar('US').isBusinessDay(d('2026-04-06'))).toBe(true);
    const by = time.calendar('DE-BY');
    expect(by.isBusinessDay(d('2026-06-04'))).toBe(false); // Corpus Christi, Thu
    expect(time.calendar('DE-BE').isBusinessDay(d('2026-06-04'))).toBe(true); // not in Berlin
  });

  it('names every day of the region\'s table, observances too, in date order', () => {
    const us = time.calendar('US').namedDays(2026);
    const easter = us.find((h) => h.name === 'Easter Sunday');
    expect(easter && formatDay(easter.day)).toBe('2026-04-05'); // Sun: an observance in the US, no day off
    expect(time.calendar('US').isBusinessDay(d('2026-04-06'))).toBe(true); // Mon after it
    expect(us.find((h) => h.name === 'Thanksgiving Day')?.type).toBe('public'); // Thu 2026-11-26
    expect(us.map((h) => h.day)).toEqual([...us.map((h) => h.day)].sort((a, b) => a - b));
    const by = time.calendar('DE-BY').namedDays(2026).find((h) => h.name === 'Pentecost');
    expect(by && formatDay(by.day)).toBe('2026-05-24'); // Sun
  });

  it('counts as public holidays exactly those of date-holidays\' table of public days, computed once per region and year', () => {
    // The reference: date-holidays asked for public days only, as calendars once were built.
    const publicOnly = (country: string, state: string | undefined): Holidays => {
      const h = state ? new Holidays(country, state, { languages: ['en'], types: ['public'] }) : new Holidays(country, { languages: ['en'], types: ['public'] });
      h.setTimezone('');
      return h;
    };
    const fresh = createTimeRules();
    for (const [country, state] of [['US', undefined], ['GB', 'ENG'], ['DE', 'BY'], ['CH', 'GL'], ['AU', 'NSW'], ['JP', undefined]] as const) {
      const region = state ? `${country}-${state}` : country;
      const weekdays = fresh.calendar(region);
      const sixDays = fresh.calendar(region, [1, 2, 3, 4, 5, 6]);
      for (const year of [2025, 2026]) {
        const expected = new Map<number, string>();
        for (const h of publicOnly(country, state).getHolidays(year, 'en')) {
          const day = d(h.date.slice(0, 10));
          if (h.type === 'public' && !expected.has(day)) expected.set(day, h.name);
        }
        for (let day = d(`${year}-01-01`); day < d(`${year + 1}-01-01`); day++) {
          expect(weekdays.holidayName(day), `${region} ${formatDay(day)}`).toBe(expected.get(day));
          expect(sixDays.holidayName(day)).toBe(expected.get(day));
        }
        expect(sixDays.namedDays(year)).toBe(weekdays.namedDays(year)); // one table for both
      }
    }
    // Glarus's Näfelser Fahrt moves off a Thursday that is an observance (Maundy Thursday) only in the
    // table of every type; business days keep the public-only table's date.
    const glarus = fresh.calendar('CH-GL');
    expect(glarus.holidayName(d('2026-04-02'))).toBe('Näfelser Fahrt'); // Thu
    expect(formatDay(glarus.namedDays(2026).find((h) => h.name === 'Näfelser Fahrt')?.day ?? 0)).toBe('2026-04-09'); // Thu
  });

  it('knows regions by ISO 3166 code', () => {
    expect(time.isKnownRegion('US')).toBe(true);
    expect(time.isKnownRegion('GB-ENG')).toBe(true);
    expect(time.isKnownRegion('XX')).toBe(false);
    expect(time.isKnownRegion('US-ZZ')).toBe(false);
  });

  it('counts the first business day on or after a date for n = 0', () => {
    expect(formatDay(time.calendar('US').addBusinessDays(d('2026-03-07'), 0))).toBe('2026-03-09'); // Sat → Mon
  });
});

describe('calendar dates from parts and Excel serials', () => {
  it('gives the day of a real date and null for one the calendar lacks', () => {
    const table: [number, number, number, string | null][] = [
      [2026, 3, 3, '2026-03-03'], // Tue
      [2028, 2, 29, '2028-02-29'], // Tue, leap year
      [2000, 2, 29, '2000-02-29'], // Tue, divisible by 400
      [2026, 2, 29, null], // 2026 is no leap year
      [1900, 2, 29, null], // divisible by 100, not by 400
      [2026, 4, 31, null],
      [2026, 13, 1, null],
      [2026, 0, 10, null],
      [2026, 3, 0, null],
      [2026, 3, 1.5, null],
    ];
    for (const [y, m, dd, expected] of table) {
      const day = dayIfValid(y, m, dd);
      expect(day === null ? null : formatDay(day), `${y}-${m}-${dd}`).toBe(expected);
    }
  });

  it('reads Excel serial days (1900 system), dropping the time of day', () => {
    expect(formatDay(dayOfExcelSerial(46084))).toBe('2026-03-03'); // Tue
    expect(formatDay(dayOfExcelSerial(46084.75))).toBe('2026-03-03'); // Tue, 18:00 dropped
    expect(formatDay(dayOfExcelSerial(25569))).toBe('1970-01-01'); // Thu
    expect(dayOfExcelSerial(Number.NaN)).toBeNaN();
    expect(dayOfExcelSerial(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('zone transitions and wall-clock stamps', () => {
  const utc = (s: string): number => Date.parse(s);
  const changes = (zone: string, year: number): { at: string; from: number; to: number }[] =>
    zoneTransitions(time.zone(zone), utc(`${year}-01-01T00:00:00Z`), utc(`${year + 1}-01-01T00:00:00Z`))
      .map((c) => ({ at: new Date(c.at).toISOString(), from: c.from, to: c.to }));

  it('finds each offset change of a year, with the offsets before and after', () => {
    expect(changes('America/New_York', 2026)).toEqual([
      { at: '2026-03-08T07:00:00.000Z', from: -300, to: -240 }, // Sun 02:00 EST → 03:00 EDT
      { at: '2026-11-01T06:00:00.000Z', from: -240, to: -300 }, // Sun 02:00 EDT → 01:00 EST
    ]);
    expect(changes('Europe/London', 2026)).toEqual([
      { at: '2026-03-29T01:00:00.000Z', from: 0, to: 60 }, // Sun
      { at: '2026-10-25T01:00:00.000Z', from: 60, to: 0 }, // Sun
    ]);
    expect(changes('Pacific/Auckland', 2026)).toEqual([
      { at: '2026-04-04T14:00:00.000Z', from: 780, to: 720 }, // Sat UTC, Sun 5 Apr 03:00 NZDT
      { at: '2026-09-26T14:00:00.000Z', from: 720, to: 780 }, // Sat UTC, Sun 27 Sep 02:00 NZST
    ]);
    expect(changes('Asia/Kolkata', 2026)).toEqual([]);
    expect(changes('UTC', 2026)).toEqual([]);
  });

  it('keeps a change at the end of the span and none at its start', () => {
    const ny = time.zone('America/New_York');
    const at = utc('2026-03-08T07:00:00Z'); // Sun
    expect(zoneTransitions(ny, at - 1000, at)).toEqual([{ at, from: -300, to: -240 }]);
    expect(zoneTransitions(ny, at, at + 1000)).toEqual([]);
  });

  it('writes the wall clock under an offset as YYYYMMDDTHHMMSS', () => {
    expect(wallStamp(utc('2026-03-08T07:00:00Z'), -300)).toBe('20260308T020000'); // Sun
    expect(wallStamp(utc('2026-03-29T01:00:00Z'), 0)).toBe('20260329T010000'); // Sun
    expect(wallStamp(utc('2026-04-04T14:00:00Z'), 780)).toBe('20260405T030000'); // Sat UTC, Sun in Auckland
    expect(wallStamp(utc('2025-12-31T23:59:59Z'), 330)).toBe('20260101T052959'); // Wed UTC, Thu in Kolkata
    // Local mean time (New York until 1883) is −04:56:02: seconds count.
    expect(wallStamp(utc('1883-11-18T16:56:02Z'), -(4 * 60 + 56 + 2 / 60))).toBe('18831118T120000'); // Sun
  });
});
