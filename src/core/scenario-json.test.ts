import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.js';
import { scenarioToJson } from './scenario-json.js';
import { scenarioOf, time } from './testing.js';

const example = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/contract/worked-example-1.json', import.meta.url)), 'utf8')) as unknown;

describe('scenarioToJson', () => {
  it('round-trips a rich scenario through the contract format', () => {
    const rich = scenarioOf({
      settings: { region: 'GB-ENG', timeZone: 'Europe/London', workday: { start: '08:30', end: '16:30', days: ['Mon', 'Tue', 'Wed', 'Thu'] }, protocol: { F2: { first_round: { ideal: '7d' } } } },
      candidate: { name: 'Zoë Ñúñez', local: true, preferredChannel: 'letter', references: [{ id: 'r1', name: 'Søren Berg', speakTo: 'SQL', briefed: true }] },
      applications: [{
        id: 'a1', company: 'Acme', role: 'Analyst', status: 'active', appliedOn: '2026-02-10', timeZone: 'Europe/Berlin', region: 'DE-BY', individualPanelNotes: true,
        people: [{ id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', informal: true, verified: true, timeZone: 'America/New_York', region: 'US' }, { id: 'p2', name: 'Sam Ruiz', role: 'recruiter' }],
        interviews: [{
          id: 'i1', start: '2026-03-29T10:00:00+02:00', end: '2026-03-29T11:30:00+02:00', timeZone: 'Europe/Berlin', stage: 'second_round', format: 'on_site', // Sun, DST day
          panel: true, panelLeadId: 'p1', peopleIds: ['p1', 'p2'], timeline: { said: 'by Friday', decisionBy: '2026-04-03' }, goAhead: true,
          directions: { channel: 'phone', on: '2026-04-07', personId: 'p2' }, contactId: 'p2', referencesRequested: true,
          debrief: { bestMoments: 'the case', details: { p1: 'her team' }, askedNextSteps: true },
        }],
        touches: [{ at: '2026-03-29T15:00:00+01:00', personId: 'p1', kind: 'thank_you', channel: 'email' }, { at: '2026-04-08T10:00:00+01:00', referenceId: 'r1', kind: 'reference_brief', outcome: 'sent' }, { at: '2026-04-09T10:00:00+01:00', personId: 'p2', kind: 'call', channel: 'phone', outcome: 'not_decided', newDecisionBy: '2026-04-20' }],
        protocol: { C2: { total: 3 } },
      }],
    });
    const again = parseScenario(scenarioToJson(rich, time), time);
    expect(again.ok && again.value).toStrictEqual(rich);
  });

  it('round-trips the contract example', () => {
    const s = scenarioOf(example);
    const again = parseScenario(scenarioToJson(s, time), time);
    expect(again.ok && again.value).toStrictEqual(s);
  });
});
