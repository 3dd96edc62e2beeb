import { describe, expect, it } from 'vitest';
import { dayFromText, dayToText, instantFromText, instantToText, MAX_DAY, MAX_INSTANT, MIN_DAY, MIN_INSTANT } from './codec.js';

describe('timestamptz text', () => {
  it.each<[string, string]>([
    ['2026-03-03 15:00:00+00', '2026-03-03T15:00:00.000Z'],
    ['2026-03-03 10:00:00-05', '2026-03-03T15:00:00.000Z'],
    ['2026-03-03 20:45:00.12+05:45', '2026-03-03T15:00:00.120Z'], // Asia/Kathmandu
    ['2026-03-03 15:00:00.123456+00', '2026-03-03T15:00:00.123Z'],
    ['1883-11-18 12:03:58-04:56:02', '1883-11-18T17:00:00.000Z'], // New York local mean time
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s whatever the session zone', (text, expected) => {
    expect(new Date(instantFromText(text)).toISOString()).toBe(expected);
  });

  it('writes ISO-8601 UTC and refuses instants outside years 1–9999', () => {
    expect(instantToText(Date.UTC(2026, 2, 3, 15))).toBe('2026-03-03T15:00:00.000Z');
    expect(instantFromText(instantToText(MIN_INSTANT).replace('T', ' '))).toBe(MIN_INSTANT);
    expect(() => instantToText(MIN_INSTANT - 1)).toThrow(RangeError);
    expect(() => instantToText(MAX_INSTANT + 1)).toThrow(RangeError);
    expect(() => instantToText(0.5)).toThrow(RangeError);
    expect(() => instantFromText('03/03/2026 15:00:00 UTC')).toThrow(/DateStyle/);
  });
});

describe('date text', () => {
  it('round-trips days over years 1–9999', () => {
    for (const day of [MIN_DAY, -1, 0, 20_515, MAX_DAY]) expect(dayFromText(dayToText(day))).toBe(day);
    expect(dayToText(0)).toBe('1970-01-01');
    expect(dayToText(MIN_DAY)).toBe('0001-01-01');
    expect(dayToText(MAX_DAY)).toBe('9999-12-31');
    expect(() => dayToText(MAX_DAY + 1)).toThrow(RangeError);
  });
});
