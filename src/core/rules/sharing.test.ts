import { describe, expect, it } from 'vitest';
import type { Settings } from '../model.js';
import { createTimeRules, parseDay, type Day } from '../time.js';
import { resolveParams } from './params.js';
import { createSharing } from './sharing.js';
import { readTimeline } from './timeline.js';

const day = (s: string): Day => parseDay(s) ?? Number.NaN;

const settings: Settings = {
  region: 'US', timeZone: 'America/New_York', workday: { start: 9 * 60, end: 17 * 60, days: [1, 2, 3, 4, 5] }, protocol: {},
};

// Phrases that ask the calendar nothing ('tomorrow'), only business days ('within 5 business days'),
// holidays ('after Easter', 'by Wednesday' looks for a holiday of that name) or the date order ('by 3/4').
const PHRASES = [
  'tomorrow', 'next week', 'within two weeks', 'within 5 business days', 'after Easter', 'by Wednesday',
  "we'll decide by Friday", 'by 3/4', 'end of the month', 'after the holidays', 'soon', 'by the 31st',
];
// Regions with different holidays and date orders (US month first, CA either, GB and DE day first).
const REGIONS = ['US', 'US-CA', 'CA', 'GB-ENG', 'GB-SCT', 'DE-BY', 'DE-BE', 'NZ'];
const DAYS = [
  day('2026-03-30'), // Mon, the day before the US and UK Easter weeks differ little
  day('2026-04-01'), // Wed, before Good Friday
  day('2026-05-22'), // Fri, before Whit Monday and the UK spring bank holiday
  day('2026-07-01'), // Wed, before Independence Day and Canada Day's week
  day('2026-12-21'), // Mon, Christmas week
];

describe('sharing.timeline', () => {
  it('gives what readTimeline gives with the calendar itself, whichever calendar asked first', () => {
    const time = createTimeRules();
    const calendars = REGIONS.map((region) => time.calendar(region));
    // Every order the regions could come in is not needed: forwards, then backwards with a fresh sharing.
    for (const order of [calendars, [...calendars].reverse()]) {
      const sharing = createSharing(time, settings, resolveParams({}));
      for (const said of PHRASES) {
        for (const interviewDay of DAYS) {
          for (const calendar of order) {
            expect(sharing.timeline(said, interviewDay, calendar), `${said} / ${calendar.region} / ${interviewDay}`)
              .toEqual(readTimeline(said, interviewDay, calendar));
          }
        }
      }
    }
  });

  it('reads a phrase once per calendar and day (the same reading comes back)', () => {
    const time = createTimeRules();
    const sharing = createSharing(time, settings, resolveParams({}));
    const us = time.calendar('US');
    const first = sharing.timeline('within 5 business days', day('2026-07-01'), us); // Wed
    expect(sharing.timeline('within 5 business days', day('2026-07-01'), us)).toBe(first);
    // Business days count holidays: Independence Day is observed Fri 2026-07-03 in the US, not in England.
    const england = sharing.timeline('within 5 business days', day('2026-07-01'), time.calendar('GB-ENG'));
    expect(first).toMatchObject({ ok: true, day: day('2026-07-09') }); // Thu
    expect(england).toMatchObject({ ok: true, day: day('2026-07-08') }); // Wed
  });
});
