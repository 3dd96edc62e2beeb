import { describe, expect, it } from 'vitest';
import { zoneCity, zoneLabel } from './zone-names.js';

describe('zoneCity: the place a zone id names, in words', () => {
  it.each([
    ['Europe/London', 'London'],
    ['America/New_York', 'New York'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires'],
    ['America/Port-au-Prince', 'Port-au-Prince'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Etc/GMT', 'UTC'],
    ['Etc/GMT+5', 'UTC-5'],
    ['Etc/GMT-10', 'UTC+10'],
  ])('%s → %s', (id, city) => {
    expect(zoneCity(id)).toBe(city);
  });

  it('zoneLabel adds the id once, and not when it is the name', () => {
    expect(zoneLabel('Europe/London')).toBe('London (Europe/London)');
    expect(zoneLabel('UTC')).toBe('UTC');
  });
});
