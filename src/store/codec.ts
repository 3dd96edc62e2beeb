/**
 * Domain values ⇄ PostgreSQL text: `EpochMs` ⇄ timestamptz, `Day` ⇄ date. Independent of the
 * session's TimeZone (offsets are read, not assumed) and of the JS host zone. Only years 1–9999
 * are kept: both ends agree on them, and nothing in a job search lies outside.
 */
import type { Day, EpochMs } from '../core/time.js';

const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z. */
export const MIN_INSTANT: EpochMs = -62_135_596_800_000;
export const MAX_INSTANT: EpochMs = 253_402_300_799_999;
export const MIN_DAY: Day = MIN_INSTANT / MS_PER_DAY;
export const MAX_DAY: Day = Math.floor(MAX_INSTANT / MS_PER_DAY);

export function isStorableInstant(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

export function isStorableDay(day: number): boolean {
  return Number.isSafeInteger(day) && day >= MIN_DAY && day <= MAX_DAY;
}

/** `2026-03-03T15:00:00.000Z`: PostgreSQL reads the offset, whatever the session's zone. */
export function instantToText(ms: EpochMs): string {
  if (!isStorableInstant(ms)) throw new RangeError(`instant ${ms} is outside years 1–9999`);
  return new Date(ms).toISOString();
}

// `2026-03-03 15:00:00.123456+00`, `1883-11-18 12:03:58-04:56:02` (ISO DateStyle; LMT offsets have seconds).
const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)$/;

export function instantFromText(text: string): EpochMs {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) throw new Error(`unexpected timestamptz text "${text}" (is DateStyle ISO?)`);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const base = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  const fraction = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const offset = sign ? (sign === '-' ? -1 : 1) * ((Number(oh) * 60 + Number(om ?? 0)) * 60 + Number(os ?? 0)) * 1000 : 0;
  return base + fraction - offset;
}

/**
 * The days met lately, both ways: a job search's dates are a few hundred days, and a large import or
 * read model turned each of its 100,000 dates by a new Date (a tenth of a second either way).
 */
const DAY_TEXTS = new Map<Day, string>();
const TEXT_DAYS = new Map<string, Day>();
const DAYS_KEPT = 4096;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= DAYS_KEPT) map.clear();
  map.set(key, value);
  return value;
}

export function dayToText(day: Day): string {
  const known = DAY_TEXTS.get(day);
  if (known !== undefined) return known;
  if (!isStorableDay(day)) throw new RangeError(`date ${day} is outside years 1–9999`);
  return remember(DAY_TEXTS, day, new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

export function dayFromText(text: string): Day {
  const known = TEXT_DAYS.get(text);
  if (known !== undefined) return known;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`unexpected date text "${text}" (is DateStyle ISO?)`);
  return remember(TEXT_DAYS, text, Date.parse(`${text}T00:00:00Z`) / MS_PER_DAY);
}
