import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.js';
import { createTimeRules } from './time.js';

const time = createTimeRules();

function valid(): Record<string, unknown> {
  return {
    settings: { region: 'US', timeZone: 'America/New_York' },
    candidate: { name: 'Jordan Lee' },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst',
      people: [{ id: 'p1', name: 'Grace Okafor' }],
      interviews: [{ id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', stage: 'first_round', peopleIds: ['p1'] }],
      touches: [{ at: '2026-03-03T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }],
    }],
  };
}

type Mutation = (s: Record<string, unknown>) => void;
const app = (s: Record<string, unknown>): Record<string, unknown> => (s['applications'] as Record<string, unknown>[])[0] ?? {};
const iv = (s: Record<string, unknown>): Record<string, unknown> => (app(s)['interviews'] as Record<string, unknown>[])[0] ?? {};

const bad: [name: string, mutate: Mutation, path: string, message: RegExp][] = [
  ['unknown zone', (s) => { iv(s)['timeZone'] = 'Mars/Base'; }, 'applications[0].interviews[0].timeZone', /unknown time zone "Mars\/Base"; use an IANA name/],
  ['unknown settings zone', (s) => { (s['settings'] as Record<string, unknown>)['timeZone'] = 'EST5'; }, 'settings.timeZone', /unknown time zone/],
  ['end before start', (s) => { iv(s)['end'] = '2026-03-03T09:00:00-05:00'; }, 'applications[0].interviews[0].end', /ends before it starts/],
  ['unknown person id', (s) => { iv(s)['peopleIds'] = ['p9']; }, 'applications[0].interviews[0].peopleIds[0]', /unknown person id "p9"/],
  ['unknown touch person', (s) => { ((app(s)['touches'] as Record<string, unknown>[])[0] ?? {})['personId'] = 'zz'; }, 'applications[0].touches[0].personId', /unknown person id "zz"/],
  ['unknown stage', (s) => { iv(s)['stage'] = 'semi_final'; }, 'applications[0].interviews[0].stage', /"semi_final" is not allowed; use one of phone_screen/],
  ['impossible date', (s) => { iv(s)['timeline'] = { decisionBy: '2026-02-30' }; }, 'applications[0].interviews[0].timeline.decisionBy', /not a real date/],
  ['impossible instant', (s) => { iv(s)['start'] = '2026-02-30T10:00:00-05:00'; }, 'applications[0].interviews[0].start', /not a date-time/],
  ['unknown region', (s) => { (s['settings'] as Record<string, unknown>)['region'] = 'Narnia'; }, 'settings.region', /unknown region "Narnia"; use an ISO 3166 code/],
  ['missing applications', (s) => { delete s['applications']; }, 'applications', /is required/],
  ['wrong type', (s) => { app(s)['people'] = 'Grace'; }, 'applications[0].people', /must be an array/],
  ['duplicate person', (s) => { app(s)['people'] = [{ id: 'p1', name: 'A' }, { id: 'p1', name: 'B' }]; }, 'applications[0].people[1].id', /duplicate person id/],
  ['unknown protocol setting', (s) => { (s['settings'] as Record<string, unknown>)['protocol'] = { F2: { phone_screne: {} } }; }, 'settings.protocol.F2', /unknown setting "phone_screne"/],
  ['bad duration', (s) => { (s['settings'] as Record<string, unknown>)['protocol'] = { F1: { ideal: 'three days' } }; }, 'settings.protocol.F1.ideal', /duration such as "5bd"/],
  ['panel lead not in the panel', (s) => { app(s)['people'] = [{ id: 'p1', name: 'A' }, { id: 'p2', name: 'B' }]; iv(s)['panelLeadId'] = 'p2'; }, 'applications[0].interviews[0].panelLeadId', /not among this interview's peopleIds/],
  ['unknown reference zone', (s) => { s['candidate'] = { name: 'J', references: [{ id: 'r1', name: 'Ada', timeZone: 'Mars/Base' }] }; }, 'candidate.references[0].timeZone', /unknown time zone/],
  ['workday ends before it starts', (s) => { (s['settings'] as Record<string, unknown>)['workday'] = { start: '17:00', end: '09:00' }; }, 'settings.workday.end', /later than/],
];

describe('parseScenario', () => {
  it('accepts the contract\'s shape, ignores extra fields and fills defaults', () => {
    const s = valid();
    s['extra'] = { anything: true };
    const r = parseScenario(s, time);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.settings.workday).toEqual({ start: 540, end: 1020, days: [1, 2, 3, 4, 5] });
      expect(r.value.applications[0]?.status).toBe('active');
      expect(r.value.applications[0]?.touches[0]?.outcome).toBe('sent');
      expect(r.value.applications[0]?.interviews[0]?.timeZone).toBe('America/New_York'); // from settings
    }
  });

  it.each(bad)('rejects %s, naming the path', (_name, mutate, path, message) => {
    const s = valid();
    mutate(s);
    const r = parseScenario(s, time);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.path).toBe(path);
      expect(r.issues[0]?.message).toMatch(message);
    }
  });

  it('never throws on hostile input', () => {
    for (const input of [null, 42, 'x', [], { settings: null }, { settings: {}, applications: [null] }, { ['__proto__']: { polluted: true } }]) {
      expect(parseScenario(input, time).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
