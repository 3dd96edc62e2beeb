/**
 * The window every rule family fills in: a rule gives days (earliest, ideal, latest) in the
 * recipient's place; `windowAt` turns them into instants in that place's zone and workday, and
 * `statusAt` says where `now` stands in it. Pure: no rule, no memo.
 */
import type { BusinessCalendar, Day, EpochMs, Minutes, ZoneRules } from '../time.js';
import { addMonths, MS_PER_HOUR } from '../time.js';
import type { Duration } from './params.js';
import type { RecommendationStatus } from './plan-types.js';

/** Where a message to one recipient is timed: their zone, their business days, the workday. */
export interface Place {
  readonly zone: ZoneRules;
  readonly calendar: BusinessCalendar;
  readonly start: Minutes;
  readonly end: Minutes;
}

/** A rule's answer in days of the recipient's place. */
export interface DayWindow {
  readonly earliest: Day;
  readonly ideal: Day;
  readonly latest: Day;
}

/** The same window as instants. */
export interface Window {
  readonly earliest: EpochMs;
  readonly ideal: EpochMs;
  readonly latest: EpochMs;
}

/** `day` moved by a protocol duration: business days over `calendar`, other units over the calendar. */
export function shift(day: Day, duration: Duration, calendar: BusinessCalendar): Day {
  switch (duration.unit) {
    case 'bd': return calendar.addBusinessDays(day, duration.n);
    case 'd': return day + duration.n;
    case 'w': return day + 7 * duration.n;
    case 'mo': return addMonths(day, duration.n);
    case 'h': return day + Math.ceil(duration.n / 24);
    case 'min': return day + Math.ceil(duration.n / 1440);
  }
}

/** A duration as milliseconds (days count 24 hours). */
export function durationMs(duration: Duration): number {
  switch (duration.unit) {
    case 'min': return duration.n * 60_000;
    case 'h': return duration.n * MS_PER_HOUR;
    default: return duration.n * 24 * MS_PER_HOUR;
  }
}

/**
 * The instants of `days` in `place`: earliest and ideal at the workday's start, latest at its end,
 * in order (earliest ≤ ideal ≤ latest), and none before `notBefore`.
 */
export function windowAt(place: Place, days: DayWindow, notBefore: EpochMs = -Infinity): Window {
  let earliest = place.zone.at(days.earliest, place.start);
  let ideal = Math.max(earliest, place.zone.at(days.ideal, place.start));
  let latest = Math.max(ideal, place.zone.at(days.latest, place.end));
  if (earliest < notBefore) {
    earliest = notBefore;
    ideal = Math.max(ideal, notBefore);
    latest = Math.max(latest, notBefore);
  }
  return { earliest, ideal, latest };
}

/** Before `earliest`: upcoming; up to `latest`: due; after it: overdue. */
export function statusAt(now: EpochMs, earliest: EpochMs, latest: EpochMs): RecommendationStatus {
  if (now < earliest) return 'upcoming';
  return now <= latest ? 'due' : 'overdue';
}
