/**
 * P1, keep searching: warn when fewer than 2 applications are active, and when none was added for
 * 7 days while every active one waits on the employer.
 */
import type { Application, Scenario } from '../model.js';
import type { Day } from '../time.js';
import type { ProtocolParams } from './params.js';
import type { Recommendation, Warning } from './plan-types.js';

/** What P1 needs to know of one application. */
export interface PipelineEntry {
  readonly status: Application['status'];
  readonly appliedOn?: Day;
  /** The ball is in the employer's court: interviewed, and no thank-you owed. */
  readonly waiting: boolean;
}

/** P1, keep searching: from a summary of the pipeline on `today` (the candidate's date). */
export function keepSearchingWarnings(entries: readonly PipelineEntry[], today: Day, params: ProtocolParams): Warning[] {
  let active = 0;
  let allWaiting = true;
  let lastApplied: Day | undefined;
  for (const entry of entries) {
    if (entry.appliedOn !== undefined && (lastApplied === undefined || entry.appliedOn > lastApplied)) lastApplied = entry.appliedOn;
    if (entry.status !== 'active') continue;
    active++;
    if (!entry.waiting) allWaiting = false;
  }
  return pipelineWarnings(active, allWaiting, lastApplied, today, params);
}

function pipelineWarnings(active: number, allWaiting: boolean, lastApplied: Day | undefined, today: Day, params: ProtocolParams): Warning[] {
  const out: Warning[] = [];
  if (active < params.P1.minActive) out.push({ rule: 'P1', code: 'few_active', active, min: params.P1.minActive });
  if (lastApplied !== undefined && active > 0 && allWaiting && today - lastApplied >= params.P1.quietDays) {
    out.push({ rule: 'P1', code: 'quiet', days: today - lastApplied });
  }
  return out;
}

/** P1 over a whole plan: every application of the scenario, waiting when interviewed and no thank-you is due or overdue. */
export function keepSearching(scenario: Scenario, today: Day, params: ProtocolParams, recommendations: readonly Recommendation[]): Warning[] {
  const thanksPending = new Set<string>();
  for (const rec of recommendations) if (rec.kind === 'thank_you' && (rec.status === 'due' || rec.status === 'overdue')) thanksPending.add(rec.applicationId);
  // What keepSearchingWarnings reads of each entry, without building one per application.
  let active = 0;
  let allWaiting = true;
  let lastApplied: Day | undefined;
  for (const app of scenario.applications) {
    if (app.appliedOn !== undefined && (lastApplied === undefined || app.appliedOn > lastApplied)) lastApplied = app.appliedOn;
    if (app.status !== 'active') continue;
    active++;
    if (!(app.interviews.length > 0 && !thanksPending.has(app.id))) allWaiting = false;
  }
  return pipelineWarnings(active, allWaiting, lastApplied, today, params);
}
