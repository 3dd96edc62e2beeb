/**
 * F4–F5, later checks and moving on: one more check 5–8 business days after an unanswered one (every
 * 7–10 with the employer's go-ahead, until the give-up date), then move on: 5 business days after
 * the last unanswered check, or a month (five weeks with a go-ahead) after the interview or the
 * decision date, whichever comes first.
 */
import type { Person } from '../model.js';
import type { BusinessCalendar, Day } from '../time.js';
import { NO_IDS, NO_NOTES, type Planning } from './context.js';
import type { CheckTiming } from './first-check.js';
import type { Protocol } from './numbers.js';
import type { RuleId } from './protocol.js';
import { shift, statusAt, windowAt, type Place } from './window.js';

/** F4: the timing of check number `sequence` (2 or more), counted from the day of the one before. */
export function laterCheckTiming(protocol: Protocol, previousDay: Day, sequence: number, goAhead: boolean, calendar: BusinessCalendar): CheckTiming {
  const span = goAhead ? protocol.F4.goAhead : protocol.F4.next;
  const earliest = shift(previousDay, span.earliest, calendar);
  const ideal = Math.max(earliest, shift(previousDay, span.ideal, calendar));
  const latest = Math.max(ideal, shift(previousDay, span.latest, calendar));
  return { days: { earliest, ideal, latest }, rules: ['F4'], reason: { code: 'check_again', goAhead, sequence }, bansLifted: false };
}

/** F4: how many checks a cycle may have (without a go-ahead, a set number; with one, as many as fit before the give-up date). */
export function checksAllowed(protocol: Protocol, goAhead: boolean): number {
  return goAhead ? 50 : protocol.F4.checksWithoutGoAhead;
}

/**
 * F5: the give-up date by time alone: a month (five weeks with a go-ahead) after the later of the
 * cycle's start and the decision date.
 */
export function giveUpHorizon(protocol: Protocol, cycleStartDay: Day, decisionDay: Day | undefined, goAhead: boolean, calendar: BusinessCalendar): Day {
  const from = Math.max(cycleStartDay, decisionDay ?? cycleStartDay);
  return shift(from, goAhead ? protocol.F5.goAhead : protocol.F5.noResponse, calendar);
}

/** What moving on depends on, besides the horizon. */
export interface MoveOnFacts {
  readonly interviewId: string;
  readonly contact: Person | undefined;
  readonly place: Place;
  readonly goAhead: boolean;
  readonly horizon: Day;
  /** The day of the cycle's last check, made or proposed. */
  readonly lastCheckDay: Day | undefined;
  /** All the checks allowed were made, and none was answered. */
  readonly checksUsedUp: boolean;
}

/** Moving on's rules, made once: every active application has a move-on. */
const MOVE_ON: readonly RuleId[] = Object.freeze(['F5']);
const MOVE_ON_GO_AHEAD: readonly RuleId[] = Object.freeze(['F5', 'F4']);

/** F5: the move-on recommendation, and its warning once it is due. */
export function planMoveOn(planning: Planning, facts: MoveOnFacts): void {
  const { protocol, app } = planning;
  const { place, goAhead, horizon, lastCheckDay, contact } = facts;
  const byChecks = !goAhead && lastCheckDay !== undefined && facts.checksUsedUp;
  const afterChecks = lastCheckDay !== undefined && !goAhead ? shift(lastCheckDay, protocol.F5.afterLastCheck, place.calendar) : horizon;
  const giveUpDay = Math.min(horizon, afterChecks);
  const window = windowAt(place, { earliest: giveUpDay, ideal: giveUpDay, latest: horizon });
  const status = statusAt(planning.now, window.earliest, window.latest);
  if (status === 'overdue' || status === 'due') planning.warnings.push({ rule: 'F5', code: 'move_on', applicationId: app.id });
  planning.recommendations.push({
    applicationId: app.id, kind: 'give_up', personId: contact?.id, ccPersonIds: NO_IDS, channel: 'email',
    earliest: window.earliest, ideal: window.ideal, latest: window.latest, timeZone: place.zone.id, status,
    rules: goAhead ? MOVE_ON_GO_AHEAD : MOVE_ON, notes: NO_NOTES, reason: planning.sharing.giveUpReason(goAhead, byChecks), interviewId: facts.interviewId,
  });
}
