/**
 * Day arithmetic for F0 on top of core/time.ts: weekdays, weeks, months and quarters as an employer
 * names them, "after X" as the end of the working week after it, and the region's numeric date order.
 */
import { addMonths, civil, dayOf, lastDayOfMonth, weekStart, weekday, type BusinessCalendar, type Day } from '../../time.js';

/** The first `target` weekday strictly after `day`. */
export function nextWeekday(day: Day, target: number): Day {
  const delta = (target - weekday(day) + 7) % 7;
  return day + (delta === 0 ? 7 : delta);
}

/** The first `target` weekday on or after `day`. */
export function weekdayOnOrAfter(day: Day, target: number): Day {
  return day + ((target - weekday(day) + 7) % 7);
}

/** The Friday of the week (Monday to Sunday) that holds `day`. */
export function fridayOf(day: Day): Day {
  return weekStart(day) + 4;
}

/** The `dom`th of `month` in `year`, or null when that month has no such day (Feb 30). */
export function validDate(year: number, month: number, dom: number): Day | null {
  if (!(month >= 1 && month <= 12 && dom >= 1 && dom <= 31)) return null;
  const d = dayOf(year, month, dom);
  const back = civil(d);
  return back.month === month && back.day === dom ? d : null;
}

export function firstOfMonth(day: Day): Day {
  const c = civil(day);
  return dayOf(c.year, c.month, 1);
}

/** `day` plus a possibly fractional number of months ("a month and a half"): whole months, then days. */
export function addMonthsFraction(day: Day, months: number): Day {
  const whole = Math.floor(months);
  return addMonths(day, whole) + Math.ceil((months - whole) * 30);
}

/** The last day of the calendar quarter that holds `day`. */
export function quarterEnd(day: Day): Day {
  const c = civil(day);
  const lastMonth = Math.ceil(c.month / 3) * 3;
  return lastDayOfMonth(dayOf(c.year, lastMonth, 1));
}

/**
 * "After X", where X ends on `last`: the end (Friday) of the first working week after it. The days
 * off that follow X count as X (the weekend after a Friday, Easter Monday after Easter Sunday); when
 * only the Friday of a week is left after them, the week after is meant.
 */
export function endOfWeekAfter(last: Day, calendar: BusinessCalendar): Day {
  let end = last;
  for (let guard = 0; guard < 30 && !calendar.isBusinessDay(end + 1); guard++) end++;
  const back = end + 1;
  return weekday(back) >= 5 ? fridayOf(back) + 7 : fridayOf(back);
}

/** The order people write numeric dates in a region: month first, day first, or both in use. */
export type DateOrder = 'month-first' | 'day-first' | 'either';

const MONTH_FIRST = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI']);
const EITHER = new Set(['CA']);

export function dateOrderOf(region: string): DateOrder {
  const country = region.slice(0, 2).toUpperCase();
  if (MONTH_FIRST.has(country)) return 'month-first';
  if (EITHER.has(country)) return 'either';
  return 'day-first';
}
