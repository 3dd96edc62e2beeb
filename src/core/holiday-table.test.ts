import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_TABLE } from './holiday-table.js';
import { createTimeRules, formatDay, holidayRegions, holidayYearFromTable, holidayYearsFromLibrary, parseDay } from './time.js';

const d = (s: string): number => parseDay(s) ?? Number.NaN;
const years = Array.from({ length: HOLIDAY_TABLE.to - HOLIDAY_TABLE.from + 1 }, (_, i) => HOLIDAY_TABLE.from + i);

describe('the generated holiday table (scripts/build-holiday-table.ts)', () => {
  it('was made from the installed date-holidays: after an upgrade, run the script again', () => {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('date-holidays/package.json'), 'utf8')) as { version: string };
    expect(HOLIDAY_TABLE.library).toBe(`date-holidays ${pkg.version}`);
  });

  it('holds every region the library knows, and no other', () => {
    expect(Object.keys(HOLIDAY_TABLE.regions).sort()).toEqual(holidayRegions().sort());
  });

  // Every region and year, as the library computes them now (≈ 6–7 s of CPU in all, most of it the
  // lunar calendars of HK, TW, CN and VN), under each zone the core's tests run in.
  it.each(holidayRegions())('%s: every year as date-holidays computes it', (region) => {
    const library = holidayYearsFromLibrary(region);
    for (const year of years) expect(holidayYearFromTable(region, year), `${region} ${year}`).toEqual(library(year));
  });

  it('reads dates, names and types back', () => {
    const us = holidayYearFromTable('US', 2026);
    expect(us?.publicDays.find((p) => p.name === 'Thanksgiving Day')?.day).toBe(d('2026-11-26')); // Thu
    expect(us?.publicDays.find((p) => p.name === 'Independence Day (substitute day)')?.day).toBe(d('2026-07-03')); // Fri
    const gb = holidayYearFromTable('GB', 2027);
    expect(gb?.publicDays.filter((p) => p.day >= d('2027-12-25')).map((p) => formatDay(p.day))).toEqual([
      '2027-12-25', // Sat, Christmas Day
      '2027-12-26', // Sun, Boxing Day
      '2027-12-27', // Mon, Christmas Day (substitute day)
      '2027-12-28', // Tue, Boxing Day (substitute day)
    ]);
    expect(gb?.named.some((h) => h.type !== 'public')).toBe(true);
  });

  it('keeps public days placed by another type of day apart (Glarus: Näfelser Fahrt)', () => {
    // "1st Thursday in April, if it is in Holy Week (an observance) then the next Thursday": 2026's
    // first Thursday, 2 April, is Maundy Thursday, and a table of public days only keeps it there,
    // which is what business days count with.
    const gl = holidayYearFromTable('CH-GL', 2026);
    expect(gl?.publicDays.find((p) => p.name === 'Näfelser Fahrt')?.day).toBe(d('2026-04-02')); // Thu
    expect(gl).toEqual(holidayYearsFromLibrary('CH-GL')(2026));
  });

  it('has nothing outside its years or for an unknown region, and the calendar asks the library there', () => {
    expect(holidayYearFromTable('US', HOLIDAY_TABLE.from - 1)).toBeUndefined();
    expect(holidayYearFromTable('US', HOLIDAY_TABLE.to + 1)).toBeUndefined();
    expect(holidayYearFromTable('XX', 2026)).toBeUndefined();
    expect(holidayYearFromTable('toString', 2026)).toBeUndefined();
    const us = createTimeRules().calendar('US');
    // Wed 2026-11-25 + 1 business day skips Thanksgiving (Thu 2026-11-26), from the table.
    expect(formatDay(us.addBusinessDays(d('2026-11-25'), 1))).toBe('2026-11-27'); // Fri
    // Wed 2040-11-21 + 1 skips Thanksgiving (Thu 2040-11-22), from the library.
    expect(formatDay(us.addBusinessDays(d('2040-11-21'), 1))).toBe('2040-11-23'); // Fri
    expect(us.holidayName(d('2040-11-22'))).toBe('Thanksgiving Day'); // Thu
  });
});
