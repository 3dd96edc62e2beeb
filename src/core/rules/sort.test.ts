/** The planner's order (ideal, then kind, then recipient, then as given): the radix sort of large plans and the comparator of small ones agree. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byIdealKindRecipient, sortRecommendations } from './order.js';
import { RECOMMENDATION_KINDS, type Recommendation } from './plan-types.js';

// Mon 2026-03-02 00:00 UTC, and a few instants around it (ties are the point).
const BASE = Date.UTC(2026, 2, 2);

const rec = fc.record({
  ideal: fc.oneof(fc.integer({ min: 0, max: 5 }).map((k) => BASE + k * 3_600_000), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((k) => BASE + k)),
  kind: fc.constantFrom(...RECOMMENDATION_KINDS),
  who: fc.constantFrom('p1', 'p2', 'P1', 'r1', 'é', 'e\u0301', ''),
  tag: fc.nat(),
}).map(({ ideal, kind, who, tag }): Recommendation => ({
  applicationId: `a${tag}`, kind, ...(kind === 'reference_brief' ? { referenceId: who } : { personId: who }), ccPersonIds: [], channel: 'email',
  earliest: ideal, ideal, latest: ideal, timeZone: 'UTC', status: 'upcoming', rules: ['T1'], reason: { code: 'reference_brief' }, notes: [],
}));

describe('sortRecommendations', () => {
  it('orders a large plan (radix sort) exactly as the stable comparator of small plans does', () => {
    fc.assert(fc.property(fc.array(rec, { minLength: 257, maxLength: 700 }), (recs) => {
      const fast = recs.slice();
      sortRecommendations(fast);
      expect(fast).toStrictEqual(recs.slice().sort(byIdealKindRecipient));
    }), { numRuns: 60 });
  });

  it('keeps the given order on full ties and puts earlier ideals first in a small plan', () => {
    const [a, b] = fc.sample(rec, { numRuns: 2, seed: 7 });
    if (!a || !b) throw new Error('no sample');
    const tie = { ...a, ideal: BASE, kind: 'thank_you' as const, personId: 'p1' };
    const list = [{ ...tie, applicationId: 'first' }, { ...tie, applicationId: 'second' }, { ...b, ideal: BASE - 1 }];
    sortRecommendations(list);
    expect(list.map((r) => r.applicationId)).toStrictEqual([b.applicationId, 'first', 'second']);
  });
});
