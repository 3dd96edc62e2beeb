/**
 * T1–T4, thank-yous: one per person met (T1), timed by when the interview began (T2), one note to a
 * panel's lead with the others in CC (T3), by letter or handwritten note when that is the channel (T4).
 */
import type { Channel, Interview, Person, Touch } from '../model.js';
import type { EpochMs } from '../time.js';
import { wantedChannel } from './calls.js';
import { NO_IDS, NO_NOTES, personOf, placeOf, type Planning } from './context.js';
import type { Note, RecommendationStatus } from './plan-types.js';
import type { RuleId } from './protocol.js';
import { durationMs, statusAt } from './window.js';

// The notes many thank-yous share, made once: a plan keeps every recommendation (bench/plan.bench.ts, memory per application).
const LATE: readonly Note[] = Object.freeze([Object.freeze({ code: 'late' } as const)]);
const SUPERSEDED: readonly Note[] = Object.freeze([Object.freeze({ code: 'superseded_by_round' } as const)]);
const CLOSED_BY_DECISION: readonly Note[] = Object.freeze([Object.freeze({ code: 'closed_by_outcome', outcome: 'decision' } as const)]);

/** T1: who is thanked (a receptionist is not). */
const THANKED_ROLES = new Set<Person['role']>(['interviewer', 'hiring_manager', 'recruiter', 'coordinator', 'other']);

const NO_PEOPLE: readonly Person[] = Object.freeze([]);

/**
 * The thank-yous owed for `interview`. `nextStart`: when the next round began, if one did (a note not
 * sent by then is skipped); `decidedAt`: when a decision closed the application after this interview.
 */
export function planThankYous(planning: Planning, interview: Interview, nextStart: EpochMs | undefined, decidedAt: EpochMs | undefined): void {
  const { protocol, now } = planning;
  const morning = planning.time.zone(interview.timeZone).minutesAt(interview.start) < protocol.T2.noon;
  const met: Person[] = [];
  for (const id of interview.peopleIds) {
    const person = personOf(planning, id);
    if (person !== undefined && THANKED_ROLES.has(person.role)) met.push(person);
  }
  // T3: one note to the panel's lead with the others in copy, or one note to each person met.
  const individual = planning.app.individualPanelNotes || protocol.T3.panelNote === 'individual';
  const lead = interview.panel && interview.panelLeadId && !individual ? personOf(planning, interview.panelLeadId) : undefined;
  const recipients = lead ? [lead] : met;
  const cc: readonly Person[] = lead ? met.filter((person) => person.id !== lead.id) : NO_PEOPLE;

  for (const to of recipients) {
    const place = placeOf(planning, to);
    // T2: same day by 17:00 after a morning interview, else by 12:00 the next day; never within the hour after it.
    const endDay = place.zone.dayAt(interview.end);
    const idealByClock = morning ? place.zone.at(endDay, protocol.T2.sameDayBy) : place.zone.at(endDay + 1, protocol.T2.nextDayBy);
    const latest = interview.end + durationMs(protocol.T2.latest);
    const ideal = Math.min(latest, Math.max(idealByClock, interview.end + durationMs(protocol.T2.minAfterEnd)));

    const { channel, rules } = thankYouChannel(planning, interview, to);
    const sent = sentThankYou(planning.touches, interview, nextStart, to, cc);
    let notes: readonly Note[] = NO_NOTES;
    let status: RecommendationStatus;
    if (sent) {
      status = 'done';
      notes = [{ code: 'sent', at: sent.at, channel: sent.channel, late: sent.at > latest, early: false }];
    } else if (nextStart !== undefined && nextStart <= now) {
      status = 'skipped';
      notes = SUPERSEDED;
    } else if (decidedAt !== undefined) {
      status = 'skipped';
      notes = CLOSED_BY_DECISION;
    } else {
      status = statusAt(now, interview.end, latest);
      if (status === 'overdue') notes = LATE;
    }
    planning.recommendations.push({
      applicationId: planning.app.id, kind: 'thank_you', personId: to.id, ccPersonIds: cc.length > 0 ? cc.map((person) => person.id) : NO_IDS,
      channel, earliest: interview.end, ideal, latest, timeZone: place.zone.id, status, rules,
      interviewId: interview.id, notes,
      reason: planning.sharing.thankYouReason(morning, cc.length > 0, channel, planning.candidate.local),
    });
  }
}

/** T4 with C3/F3: a letter or fax when that is wanted, a handwritten note only when the candidate is local, else email. */
function thankYouChannel(planning: Planning, interview: Interview, to: Person): { channel: Channel; rules: readonly RuleId[] } {
  const wanted = wantedChannel(planning, interview, to);
  let channel: Channel = 'email';
  let byT4 = false;
  if (wanted.channel === 'letter' || wanted.channel === 'fax') {
    channel = wanted.channel;
    byT4 = true;
  } else if (wanted.channel === 'handwritten_note') {
    channel = planning.candidate.local ? 'handwritten_note' : 'email';
    byT4 = true;
  }
  const key = (interview.panel ? 1 : 0) + (wanted.asked ? 2 : wanted.channel !== 'email' ? 4 : 0) + (byT4 ? 8 : 0);
  return { channel, rules: (THANK_YOU_RULES[key] ??= thankYouRules(key)) };
}

/** The few rule lists a thank-you can have, made once (by the key thankYouChannel computes). */
const THANK_YOU_RULES: (readonly RuleId[] | undefined)[] = [];

function thankYouRules(key: number): readonly RuleId[] {
  const rules: RuleId[] = key & 1 ? ['T1', 'T2', 'T3'] : ['T1', 'T2'];
  if (key & 2) rules.push('F3', 'C3');
  else if (key & 4) rules.push('C3');
  if (key & 8) rules.push('T4');
  return Object.freeze(rules);
}

/** The thank-you sent after `interview` (and before the next round) to `to` or to one of the panel in copy. */
function sentThankYou(touches: readonly Touch[], interview: Interview, nextStart: EpochMs | undefined, to: Person, cc: readonly Person[]): Touch | undefined {
  for (const touch of touches) {
    if (touch.kind !== 'thank_you' || touch.personId === undefined || touch.at < interview.start) continue;
    if (nextStart !== undefined && touch.at >= nextStart) continue;
    if (touch.personId === to.id || cc.some((person) => person.id === touch.personId)) return touch;
  }
  return undefined;
}
