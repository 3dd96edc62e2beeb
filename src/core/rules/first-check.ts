/**
 * F0–F3, the first status check: after the decision date the employer gave (F0 reads their words,
 * F1 times the check after it), by the interview's stage when they gave none (F2), or on the day
 * they named (F3).
 */
import type { Interview } from '../model.js';
import type { BusinessCalendar, Day } from '../time.js';
import type { Planning } from './context.js';
import type { Protocol } from './numbers.js';
import type { Reason } from './plan-types.js';
import type { RuleId } from './protocol.js';
import { shift, type DayWindow } from './window.js';

/** What the first check of a response cycle counts from. */
export type FirstCheckBasis =
  /** F1: a decision date, given by the user, read from the employer's words (F0) or from their reply (F6). */
  | { readonly kind: 'decision_date'; readonly day: Day; readonly reason: Reason; readonly rules: readonly RuleId[] }
  /** F3: the day the employer asked to be contacted. */
  | { readonly kind: 'directions'; readonly day: Day }
  /** F2: no timeline; the interview's stage decides. */
  | { readonly kind: 'stage' };

/** A check's timing by rule, in days of the recipient's place. */
export interface CheckTiming {
  readonly days: DayWindow;
  readonly rules: readonly RuleId[];
  readonly reason: Reason;
  /** F3: the employer named the day, which lifts C1's Monday and day-after bans. */
  readonly bansLifted: boolean;
}

/**
 * The basis of the first check after `interview` (whose local date is `interviewDay`): the employer's
 * directions, else the date the user gave, else the employer's words (F0). Words that give no single
 * date are warned about, beside directions too: unread, or read two ways for the user to pick from.
 */
export function interviewBasis(planning: Planning, interview: Interview, interviewDay: Day, calendar: BusinessCalendar): FirstCheckBasis {
  const { directions, timeline } = interview;
  const said = timeline.decisionBy === undefined ? readEmployerWords(planning, interview, interviewDay, calendar) : undefined;
  if (directions?.on !== undefined) return { kind: 'directions', day: directions.on };
  if (timeline.decisionBy !== undefined) {
    return { kind: 'decision_date', day: timeline.decisionBy, rules: ['F1'],
      reason: { code: 'check_decision_date', decisionDay: timeline.decisionBy, source: 'given' } };
  }
  if (said) {
    return { kind: 'decision_date', day: said.day, rules: ['F0', 'F1'],
      reason: { code: 'check_decision_date', decisionDay: said.day, source: 'said', understood: said.understood } };
  }
  return { kind: 'stage' };
}

/** F0: the decision date in the employer's words, if they give one; else a warning, and no date until the user gives one. */
function readEmployerWords(planning: Planning, interview: Interview, interviewDay: Day, calendar: BusinessCalendar): { day: Day; understood: string } | undefined {
  const said = interview.timeline.said;
  if (!said) return undefined;
  const reading = planning.sharing.timeline(said, interviewDay, calendar);
  if (reading.ok) return reading;
  const where = { rule: 'F0', applicationId: planning.app.id, interviewId: interview.id, said } as const;
  planning.warnings.push(reading.choices.length > 0
    ? { ...where, code: 'ambiguous_timeline', choices: reading.choices }
    : { ...where, code: 'unreadable_timeline' });
  return undefined;
}

/** Where the first check starts counting from, for the F3 and F1 bases: the day itself, never before the cycle began. */
function basisDay(basis: FirstCheckBasis & { readonly day: Day }, cycleStartDay: Day): Day {
  return Math.max(basis.day, cycleStartDay);
}

/**
 * The first check's timing: F3 on the named day, F1 from the decision date, F2 by stage from the
 * interview (or, for a first round, from the thank-you, on `thankYouDay`).
 */
export function firstCheckTiming(
  protocol: Protocol, interview: Interview, basis: FirstCheckBasis, cycleStartDay: Day, interviewDay: Day, thankYouDay: Day | undefined, calendar: BusinessCalendar,
): CheckTiming {
  switch (basis.kind) {
    case 'directions': {
      const day = basisDay(basis, cycleStartDay);
      return {
        days: { earliest: day, ideal: day, latest: shift(day, protocol.F3.latest, calendar) },
        rules: ['F3'], reason: { code: 'check_directions', day: basis.day }, bansLifted: true,
      };
    }
    case 'decision_date': {
      const day = basisDay(basis, cycleStartDay);
      return {
        days: { earliest: shift(day, protocol.F1.earliest, calendar), ideal: shift(day, protocol.F1.ideal, calendar), latest: shift(day, protocol.F1.latest, calendar) },
        rules: basis.rules, reason: basis.reason, bansLifted: false,
      };
    }
    case 'stage': {
      const stage = protocol.F2.stages[interview.stage];
      const from = stage.from === 'thank_you' ? (thankYouDay ?? interviewDay) : interviewDay;
      const earliest = Math.max(shift(interviewDay, stage.earliest, calendar), shift(interviewDay, protocol.F2.minEarliest, calendar));
      const ideal = Math.max(earliest, shift(from, stage.ideal, calendar));
      const latest = Math.max(ideal, shift(from, stage.latest, calendar));
      return {
        days: { earliest, ideal, latest },
        rules: ['F2'], reason: { code: 'check_no_timeline', stage: interview.stage, from: stage.from }, bansLifted: false,
      };
    }
  }
}
