/**
 * The follow-up planner: PROTOCOL.md §3 applied to a scenario at an instant `now`. Each rule family
 * has its file: thank-yous (T1–T4), first-check (F0–F3), later-checks (F4–F5), outcomes (F6),
 * references (F7), calls (C1–C3), keep-searching (P1); checks.ts runs the status checks cycle by
 * cycle, window.ts turns a rule's days into instants, order.ts sorts, sharing.ts is the speed pass.
 * Pure: no IO, no clock; time zones and holidays come from the `TimeRules` given.
 */
import type { Application, Scenario, Touch } from '../model.js';
import type { EpochMs } from '../time.js';
import { contactFor, planStatusChecks } from './checks.js';
import { placeOf, type PlanContext, type Planning } from './context.js';
import { keepSearching } from './keep-searching.js';
import { isDecision, planReply } from './outcomes.js';
import { inOrder, sortRecommendations } from './order.js';
import { resolveParams } from './params.js';
import type { Plan, Recommendation, Warning } from './plan-types.js';
import { planReferenceBriefs } from './references.js';
import { createSharing, type Sharing } from './sharing.js';
import { planThankYous } from './thank-yous.js';

export type { PlanContext } from './context.js';
export { keepSearchingWarnings, type PipelineEntry } from './keep-searching.js';

/** Plans one application into `recommendations` and `warnings`. */
function planApplication(scenario: Scenario, app: Application, context: PlanContext, sharing: Sharing, recommendations: Recommendation[], warnings: Warning[]): void {
  const touches = inOrder(app.touches, (touch) => touch.at);
  const planning: Planning = {
    now: context.now, time: context.time, protocol: sharing.protocolFor(app), app, candidate: scenario.candidate, settings: scenario.settings,
    touches, peopleById: app.people.length > 8 ? new Map(app.people.map((person) => [person.id, person])) : undefined,
    sharing, recommendations, warnings,
  };
  // This application's recommendations start here (searching all of them would be quadratic).
  const ownFrom = recommendations.length;
  const interviews = inOrder(app.interviews, (interview) => interview.start);
  const decision: Touch | undefined = touches.find((touch) => isDecision(touch.outcome));
  const active = app.status === 'active';
  if (active) {
    interviews.forEach((interview, i) => {
      const decidedAt = decision && decision.at >= interview.start ? decision.at : undefined;
      planThankYous(planning, interview, interviews[i + 1]?.start, decidedAt);
    });
  }
  const last = interviews[interviews.length - 1];
  if (!last) return;
  if (active) {
    planReferenceBriefs(planning, interviews);
    planStatusChecks(planning, last, thankYouAt(planning, last.start, last.id, ownFrom));
  } else if (decision && decision.at >= last.start) {
    planReply(planning, decision, placeOf(planning, contactFor(planning, last)));
  }
}

/** When the thank-you after the last interview went, else when it is planned for (its ideal). */
function thankYouAt(planning: Planning, interviewStart: EpochMs, interviewId: string, ownFrom: number): EpochMs | undefined {
  const sent = planning.touches.find((touch) => touch.kind === 'thank_you' && touch.at >= interviewStart);
  if (sent) return sent.at;
  for (let i = ownFrom; i < planning.recommendations.length; i++) {
    const rec = planning.recommendations[i];
    if (rec && rec.applicationId === planning.app.id && rec.kind === 'thank_you' && rec.interviewId === interviewId) return rec.ideal;
  }
  return undefined;
}

/**
 * The whole plan of a validated scenario at `context.now`: every recommendation for every
 * application (done ones included) in chronological order of `ideal`, and the warnings. Never throws
 * on a scenario that passed `parseScenario`.
 */
export function plan(scenario: Scenario, context: PlanContext): Plan {
  const params = resolveParams(scenario.settings.protocol);
  const sharing = createSharing(context.time, scenario.settings, params);
  const recommendations: Recommendation[] = [];
  const warnings: Warning[] = [];
  for (const app of scenario.applications) planApplication(scenario, app, context, sharing, recommendations, warnings);
  sortRecommendations(recommendations);
  const today = context.time.zone(scenario.settings.timeZone).dayAt(context.now);
  return { now: context.now, recommendations, warnings: [...keepSearching(scenario, today, params, recommendations), ...warnings] };
}
