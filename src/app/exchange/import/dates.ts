/**
 * Loose dates: the date order (option or region) and dates as people write them.
 */
import { civil, dayIfValid, splitRegion, type Day } from '../../../core/time.js';
import { oneLine, shorten } from '../text.js';
import type { DateOrder, ImportInfo, ImportOptions } from './types.js';

// Regions that write the month first (03/04/2026 = March 4).
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW']);

export function dateOrderOf(options: ImportOptions): Pick<ImportInfo, 'dateOrder' | 'dateOrderSource'> {
  if (options.dateOrder) return { dateOrder: options.dateOrder, dateOrderSource: 'option' };
  const region = options.region === undefined ? null : splitRegion(options.region);
  if (region) return { dateOrder: MONTH_FIRST.has(region.country) ? 'mdy' : 'dmy', dateOrderSource: 'region' };
  return { dateOrderSource: 'none' };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The day, or null for an impossible date (31/02) or a year outside 1900–2200; checked without exceptions (it runs per row). */
export function validDay(year: number, month: number, day: number): Day | null {
  return year < 1900 || year > 2200 ? null : dayIfValid(year, month, day);
}

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return null;
  const full = MONTH_NAMES[i]?.toLowerCase() ?? '';
  return full.startsWith(w) || w === 'sept' ? i + 1 : null;
}

type DateResult = { readonly ok: true; readonly day: Day } | { readonly ok: false; readonly message: string };

/**
 * A date as people write it: ISO (2026-03-03, 2026/03/03, with or without a time), day and month
 * in the given order (03/04/2026, 3.4.2026, 03-04-2026), or with an English month name
 * (3 March 2026, Mar 3, 2026). Without an order, 03/04/2026 is ambiguous and reported as such.
 */
export function parseDateText(text: string, order: DateOrder | undefined): DateResult {
  const value = text.trim();
  const shown = `"${shorten(oneLine(value), 40)}"`;
  const hint = `write YYYY-MM-DD or ${order === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}`;
  const bad: DateResult = { ok: false, message: `${shown} is not a date; ${hint}` };
  const done = (day: Day | null): DateResult => (day === null ? bad : { ok: true, day });

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (m) return done(validDay(Number(m[1]), Number(m[2]), Number(m[3])));

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    const asDmy = validDay(year, b, a);
    const asMdy = validDay(year, a, b);
    if (order === 'dmy' || order === 'mdy') {
      const day = order === 'dmy' ? asDmy : asMdy;
      if (day !== null) return { ok: true, day };
      const other = order === 'dmy' ? asMdy : asDmy;
      const flip = order === 'dmy' ? 'month first (MM/DD/YYYY)' : 'day first (DD/MM/YYYY)';
      return other === null ? bad : { ok: false, message: `${shown} is not a date read ${order === 'dmy' ? 'day' : 'month'} first; ${hint}, or import with the date order set to ${flip}` };
    }
    if (a === b || asMdy === null || asDmy === null) return done(asDmy ?? asMdy);
    const d = civil(asDmy);
    return {
      ok: false,
      message: `${shown} could be ${d.day} ${MONTH_NAMES[d.month - 1] ?? ''} or ${MONTH_NAMES[a - 1] ?? ''} ${b}; write YYYY-MM-DD, or set the date order (day first or month first, e.g. from your region)`,
    };
  }

  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})$/.exec(value);
  if (m) {
    const month = monthOf(m[2] ?? '');
    return month === null ? bad : done(validDay(Number(m[3]), month, Number(m[1])));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  if (m) {
    const month = monthOf(m[1] ?? '');
    return month === null ? bad : done(validDay(Number(m[3]), month, Number(m[2])));
  }
  return bad;
}
