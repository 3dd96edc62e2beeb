import { describe, expect, it } from 'vitest';
import { plan } from './planner.js';
import { patienceCheck } from './patience.js';
import { scenarioOf, time } from '../testing.js';
import { parseInstant } from '../time.js';

const at = (s: string): number => parseInstant(s, time.zone('UTC')) ?? Number.NaN;
const scenario = scenarioOf({
  settings: { region: 'US', timeZone: 'America/New_York' },
  applications: [{
    id: 'a1', company: 'Acme Corp', role: 'Data Analyst', people: [{ id: 'p1', name: 'Grace Okafor' }],
    interviews: [{ id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', stage: 'first_round', peopleIds: ['p1'] }], // Tue
    touches: [{ at: '2026-03-03T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }],
  }],
});

describe('P2: the patience guard', () => {
  const p = plan(scenario, { now: at('2026-03-04T09:00:00-05:00'), time }); // Wed

  it('flags a check on Wed 2026-03-04, before the earliest Thu 03-05, and says which rules', () => {
    const v = patienceCheck(p, 'a1', at('2026-03-04T10:00:00-05:00'));
    expect(v.early).toBe(true);
    if (v.early) {
      expect(time.zone('America/New_York').format(v.earliest)).toBe('2026-03-05T09:00:00-05:00');
      expect(v.rules).toEqual(['P2', 'F2']);
    }
  });

  it('lets a check on Thu 2026-03-05 through', () => {
    expect(patienceCheck(p, 'a1', at('2026-03-05T09:30:00-05:00')).early).toBe(false);
  });

  it('has nothing to say about an unknown application', () => {
    expect(patienceCheck(p, 'zz', at('2026-03-04T10:00:00-05:00')).early).toBe(false);
  });
});
