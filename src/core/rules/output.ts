/** The plan as the JSON document of CONTRACT.md (instants in each recipient's zone, with offset). */
import type { TimeRules } from '../time.js';
import { renderWarning, renderWhy } from './messages.js';
import type { Plan, Recommendation } from './plan-types.js';

export interface RecommendationJson {
  readonly applicationId: string;
  readonly kind: Recommendation['kind'];
  readonly personId?: string;
  readonly referenceId?: string;
  readonly ccPersonIds: readonly string[];
  readonly channel: string;
  readonly earliest: string;
  readonly ideal: string;
  readonly latest: string;
  readonly timeZone: string;
  readonly status: Recommendation['status'];
  readonly rules: readonly string[];
  readonly why: string;
  readonly interviewId?: string;
  readonly sequence?: number;
  readonly blockedBy?: string;
  readonly nextAllowed?: string;
}

export interface PlanJson {
  readonly now: string;
  readonly recommendations: readonly RecommendationJson[];
  readonly warnings: readonly { readonly rule: string; readonly message: string; readonly applicationId?: string }[];
}

export function recommendationToJson(rec: Recommendation, time: TimeRules): RecommendationJson {
  const zone = time.zone(rec.timeZone);
  return {
    applicationId: rec.applicationId,
    kind: rec.kind,
    ...(rec.personId !== undefined ? { personId: rec.personId } : {}),
    ...(rec.referenceId !== undefined ? { referenceId: rec.referenceId } : {}),
    ccPersonIds: rec.ccPersonIds,
    channel: rec.channel,
    earliest: zone.format(rec.earliest),
    ideal: zone.format(rec.ideal),
    latest: zone.format(rec.latest),
    timeZone: rec.timeZone,
    status: rec.status,
    rules: rec.rules,
    why: renderWhy(rec, zone),
    ...(rec.interviewId !== undefined ? { interviewId: rec.interviewId } : {}),
    ...(rec.sequence !== undefined ? { sequence: rec.sequence } : {}),
    ...(rec.blockedBy !== undefined ? { blockedBy: rec.blockedBy } : {}),
    ...(rec.nextAllowed !== undefined ? { nextAllowed: zone.format(rec.nextAllowed) } : {}),
  };
}

/** `zoneId` is the candidate's zone, used for `now`. */
export function planToJson(plan: Plan, time: TimeRules, zoneId: string): PlanJson {
  return {
    now: time.zone(zoneId).format(plan.now),
    recommendations: plan.recommendations.map((r) => recommendationToJson(r, time)),
    warnings: plan.warnings.map((w) => ({
      rule: w.rule, message: renderWarning(w), ...('applicationId' in w ? { applicationId: w.applicationId } : {}),
    })),
  };
}
