import { describe, expect, it } from 'vitest';
import { createTimeRules } from '../core/time.js';
import type { ApplicationStatus } from '../core/model.js';
import { AppError } from './errors.js';
import { median, moveApplication } from './insights.js';
import type { Store } from './ports.js';

describe('median: the middle wait, halfway between the two middle ones for an even count', () => {
  it('takes the middle of the sorted values', () => {
    expect(median([9, 3, 5])).toBe(5);
    expect(median([10, 3])).toBe(6.5);
    expect(median([4])).toBe(4);
  });

  it('has none for no values', () => {
    expect(median([])).toBeUndefined();
  });
});

describe('moveApplication', () => {
  it('refuses a status that does not exist before touching the records', () => {
    const untouched = new Proxy({}, { get: () => { throw new Error('the store was used'); } }) as Store;
    const deps = { store: untouched, time: createTimeRules(), clock: { now: () => 0 }, userId: 'local' };
    let error: unknown;
    try {
      void moveApplication(deps, 'a1', 'hired' as ApplicationStatus);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'bad_input', field: 'status' });
  });
});
