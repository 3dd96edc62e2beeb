/** Test helpers for drafts: a contract-shaped scenario and a resolver that fails loudly. Used by tests only. */
import type { Scenario } from '../model.js';
import { scenarioOf, time } from '../testing.js';
import { resolveDraftInput, type DraftRequest } from './context.js';
import { generateDraft } from './generate.js';
import type { Draft, DraftInput } from './types.js';

/** Acme Corp, Data Analyst; second round on Tue 2026-03-03 10:00–11:00 New York with three people. */
export function acmeDocument(): Record<string, unknown> {
  return {
    settings: { region: 'US', timeZone: 'America/New_York' },
    candidate: {
      name: 'Jordan Lee', phone: '+1 555 0100', email: 'jordan@example.com', address: '12 Elm Street\nSpringfield, IL 62701',
      references: [
        { id: 'r1', name: 'Priya Raman', email: 'priya@example.com', relationship: 'former manager', speakTo: 'the forecasting models I built' },
        { id: 'r2', name: 'Tom Becker', email: 'tom@example.com' },
      ],
    },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active',
      people: [
        { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', role: 'interviewer', email: 'g.okafor@acme.example', phone: '+1 555 0101' },
        { id: 'p2', name: 'Sam Ruiz', honorific: 'Mr.', title: 'Senior Analyst', role: 'interviewer', email: 's.ruiz@acme.example', informal: true },
        { id: 'p3', name: 'Lena Chen', honorific: 'Ms.', title: 'Recruiter', role: 'recruiter', email: 'l.chen@acme.example' },
        { id: 'p4', name: 'Ola Nordmann', role: 'receptionist' },
      ],
      interviews: [{
        id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', timeZone: 'America/New_York',
        stage: 'second_round', format: 'video', peopleIds: ['p1', 'p2', 'p3'],
        timeline: { said: 'by Friday' },
        debrief: {
          bestMoments: 'the walk-through of my churn model',
          unfinishedAnswers: 'how I would audit the revenue dashboards',
          awkwardMoments: 'my answer on SQL window functions',
          details: { p1: 'the plan to move reporting to a single warehouse', p2: 'the weekly data review with the sales leads' },
        },
      }],
      touches: [],
    }],
  };
}

export function acmeScenario(edit?: (doc: Record<string, unknown>) => void): Scenario {
  const doc = acmeDocument();
  edit?.(doc);
  return scenarioOf(doc);
}

/** The application object of the document, for edits. */
export function firstApplication(doc: Record<string, unknown>): Record<string, unknown> & { people: Record<string, unknown>[]; interviews: Record<string, unknown>[] } {
  const apps = doc['applications'] as (Record<string, unknown> & { people: Record<string, unknown>[]; interviews: Record<string, unknown>[] })[];
  const app = apps[0];
  if (!app) throw new Error('fixture has no application');
  return app;
}

export function inputFor(scenario: Scenario, req: Omit<DraftRequest, 'applicationId'> & { applicationId?: string }): DraftInput {
  const r = resolveDraftInput(scenario, { applicationId: 'a1', ...req }, time);
  if (!r.ok) throw new Error(`cannot resolve ${JSON.stringify(req)}: ${JSON.stringify(r.error)}`);
  return r.value;
}

export function draftFor(scenario: Scenario, req: Omit<DraftRequest, 'applicationId'> & { applicationId?: string }): Draft {
  return generateDraft(inputFor(scenario, req));
}
