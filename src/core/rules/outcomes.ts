/**
 * F6, outcomes: a response ends a cycle of checks. "Not decided yet" opens a new cycle towards the
 * date they gave (or a week on); a decision closes the application with a gracious reply (X3); an
 * invitation to a next round asks for the new interview to be recorded.
 */
import type { Channel, Interview, Touch } from '../model.js';
import type { Day, EpochMs } from '../time.js';
import { NO_IDS, NO_NOTES, type Planning } from './context.js';
import type { FirstCheckBasis } from './first-check.js';
import type { Note, Reason } from './plan-types.js';
import type { RuleId } from './protocol.js';
import { shift, statusAt, type Place, type Window } from './window.js';

/** The outcomes that count as the employer's response. */
const RESPONSES = new Set<Touch['outcome']>([
  'not_decided', 'still_considered', 'reply_received', 'filled', 'offer', 'rejected', 'next_round',
]);

/** A response that keeps the application open: wait for the decision again. */
function isPending(outcome: Touch['outcome']): boolean {
  return outcome === 'not_decided' || outcome === 'still_considered' || outcome === 'reply_received';
}

/** A decision that closes the application. */
export function isDecision(outcome: Touch['outcome']): outcome is 'filled' | 'rejected' | 'offer' {
  return outcome === 'filled' || outcome === 'rejected' || outcome === 'offer';
}

/** Checks from one start (the interview, or a "not decided yet") up to the response that ended them, if one did. */
export interface Cycle {
  /** Its start's local date in the recipient's place. */
  readonly startDay: Day;
  readonly startAt: EpochMs;
  readonly basis: FirstCheckBasis;
  readonly response?: Touch;
}

/**
 * The cycles after `interview`: the interview's, then one after each pending response, until a
 * decision or a next round ends them.
 */
export function responseCycles(planning: Planning, interview: Interview, place: Place, interviewDay: Day, interviewBasis: FirstCheckBasis): Cycle[] {
  const cycles: Cycle[] = [];
  let open: Cycle | undefined = { startDay: interviewDay, startAt: interview.start, basis: interviewBasis };
  for (const touch of planning.touches) {
    if (touch.at < interview.start || !RESPONSES.has(touch.outcome)) continue;
    cycles.push({ ...open, response: touch });
    if (!isPending(touch.outcome)) {
      open = undefined;
      break;
    }
    const day = place.zone.dayAt(touch.at);
    const decisionDay = touch.newDecisionBy ?? shift(day, planning.protocol.F6.notDecidedDefault, place.calendar);
    open = {
      startDay: day, startAt: touch.at,
      basis: { kind: 'decision_date', day: decisionDay, rules: ['F6', 'F1'], reason: { code: 'check_decision_date', decisionDay, source: 'reply' } },
    };
  }
  if (open) cycles.push(open);
  return cycles;
}

/**
 * F6/X3: the reply a response deserves: graciously to a decision, briefly to a written "not decided
 * yet" (one said on the phone was answered in the call), nothing to an invitation (a warning asks
 * for the new interview instead).
 */
export function planReply(planning: Planning, response: Touch, place: Place): void {
  const { app } = planning;
  const outcome = response.outcome;
  if (outcome === 'next_round') {
    planning.warnings.push({ rule: 'F6', code: 'record_next_round', applicationId: app.id });
    return;
  }
  const written = response.channel !== 'phone' && response.channel !== 'voicemail' && response.kind !== 'call';
  const decision = isDecision(outcome) ? outcome : undefined;
  if (decision === undefined && !(isPending(outcome) && written)) return;
  const latestDay = shift(place.zone.dayAt(response.at), planning.protocol.F6.replyWithin, place.calendar);
  const window: Window = { earliest: response.at, ideal: response.at, latest: Math.max(response.at, place.zone.at(latestDay, place.end)) };
  const sent = planning.touches.find((touch) => touch.at > response.at && touch.kind === 'reply' && touch.outcome === 'sent');
  const notes: readonly Note[] = sent ? [{ code: 'sent', at: sent.at, channel: sent.channel, late: sent.at > window.latest, early: false }] : NO_NOTES;
  const rules: readonly RuleId[] = outcome === 'offer' ? ['F6'] : ['F6', 'X3'];
  const channel: Channel = response.channel === 'phone' || response.channel === 'voicemail' ? 'email' : response.channel;
  const status = sent ? 'done' : statusAt(planning.now, window.earliest, window.latest);
  const reason: Reason = { code: 'reply', outcome: decision ?? (outcome === 'reply_received' ? 'reply_received' : 'not_decided') };
  planning.recommendations.push({
    applicationId: app.id, kind: 'reply', personId: response.personId, ccPersonIds: NO_IDS, channel,
    earliest: window.earliest, ideal: window.ideal, latest: window.latest, timeZone: place.zone.id, status,
    rules: planning.sharing.rules(rules), notes, reason,
  });
  if (app.status === 'active' && decision !== undefined) planning.warnings.push({ rule: 'F6', code: 'close_application', applicationId: app.id, outcome: decision });
}
