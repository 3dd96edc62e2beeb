/**
 * P2, the patience guard: logging or sending a status check before its earliest moment asks for
 * confirmation and says why it is early.
 */
import type { EpochMs } from '../time.js';
import type { Plan, Recommendation } from './plan-types.js';
import type { RuleId } from './protocol.js';

export type PatienceVerdict =
  | { readonly early: false }
  | { readonly early: true; readonly earliest: EpochMs; readonly recommendation: Recommendation; readonly rules: readonly RuleId[] };

const CHECKS = new Set<Recommendation['kind']>(['status_check', 'call']);

/** Whether a status check (or call) for `applicationId` at `at` comes before the plan allows it. */
export function patienceCheck(plan: Plan, applicationId: string, at: EpochMs): PatienceVerdict {
  const next = plan.recommendations.find((r) => r.applicationId === applicationId && CHECKS.has(r.kind)
    && (r.status === 'upcoming' || r.status === 'due' || r.status === 'blocked' || r.status === 'overdue'));
  if (!next || at >= next.earliest) return { early: false };
  return { early: true, earliest: next.earliest, recommendation: next, rules: ['P2', ...next.rules.filter((r) => r !== 'P2')] };
}
