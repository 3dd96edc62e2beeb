/**
 * The status checks after the last interview, cycle by cycle (outcomes.ts): the first one
 * (first-check.ts), the later ones and moving on (later-checks.ts), each a call placed by calls.ts
 * when the phone is the channel, each marked done, skipped, due or blocked against what was logged.
 */
import type { Channel, Interview, Person, Touch } from '../model.js';
import { weekStart, type Day, type EpochMs } from '../time.js';
import { callWindow, nextCallSlot, statusCheckChannel, type CallDays } from './calls.js';
import { NO_IDS, NO_NOTES, personOf, placeOf, type Planning } from './context.js';
import { firstCheckTiming, interviewBasis } from './first-check.js';
import { checksAllowed, giveUpHorizon, laterCheckTiming, planMoveOn } from './later-checks.js';
import { planReply, responseCycles, type Cycle } from './outcomes.js';
import type { Note, Recommendation, RecommendationStatus } from './plan-types.js';
import type { RuleId } from './protocol.js';
import { statusAt, windowAt, type Place } from './window.js';

/** A recommendation being filled in. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Touches that count as a status check. */
const CHECK_KINDS = new Set<Touch['kind']>(['status_check', 'call', 'voicemail', 'update']);
const CALL_CHANNELS = new Set<Channel>(['phone', 'voicemail']);

/**
 * Whom status checks go to: the person the employer named (F3), else the contact recorded, else a
 * panel's lead, else the first person met as hiring manager, recruiter, coordinator or interviewer
 * (in that order), else the first person met, else anyone on the application.
 */
export function contactFor(planning: Planning, interview: Interview): Person | undefined {
  const named = personOf(planning, interview.directions?.personId)
    ?? personOf(planning, interview.contactId)
    ?? (interview.panel ? personOf(planning, interview.panelLeadId) : undefined);
  if (named) return named;
  let first: Person | undefined;
  let manager: Person | undefined;
  let recruiter: Person | undefined;
  let coordinator: Person | undefined;
  let interviewer: Person | undefined;
  for (const id of interview.peopleIds) {
    const person = personOf(planning, id);
    if (!person) continue;
    first ??= person;
    if (person.role === 'hiring_manager') manager ??= person;
    else if (person.role === 'recruiter') recruiter ??= person;
    else if (person.role === 'coordinator') coordinator ??= person;
    else if (person.role === 'interviewer') interviewer ??= person;
  }
  return manager ?? recruiter ?? coordinator ?? interviewer ?? first ?? planning.app.people[0];
}

/** What every cycle after one interview shares. */
interface CheckFacts {
  readonly contact: Person | undefined;
  readonly place: Place;
  readonly interviewDay: Day;
  readonly thankYouDay: Day | undefined;
  /** Checks logged since the interview, oldest first. */
  readonly checksMade: readonly Touch[];
  readonly callsMade: number;
  /** C2: the weeks (their Mondays) of the calls made. */
  readonly weeksUsed: ReadonlySet<Day>;
  /** C3: the channel for status checks, and the rules that chose it. */
  readonly channel: { readonly channel: Channel; readonly rules: readonly RuleId[] };
}

function isCallTouch(touch: Touch): boolean {
  return CALL_CHANNELS.has(touch.channel) || touch.kind === 'call' || touch.kind === 'voicemail';
}

/** The status checks (and moving on, and replies) after `interview`; `thankYouAt`: when its thank-you went or is due. */
export function planStatusChecks(planning: Planning, interview: Interview, thankYouAt: EpochMs | undefined): void {
  const contact = contactFor(planning, interview);
  const place = placeOf(planning, contact);
  const interviewDay = place.zone.dayAt(interview.start);
  const basis = interviewBasis(planning, interview, interviewDay, place.calendar);
  const cycles = responseCycles(planning, interview, place, interviewDay, basis);

  const checksMade: Touch[] = [];
  let callsMade = 0;
  const weeksUsed = new Set<Day>();
  for (const touch of planning.touches) {
    if (touch.at < interview.start || !CHECK_KINDS.has(touch.kind)) continue;
    checksMade.push(touch);
    if (isCallTouch(touch)) {
      callsMade++;
      weeksUsed.add(weekStart(place.zone.dayAt(touch.at)));
    }
  }
  const facts: CheckFacts = {
    contact, place, interviewDay, thankYouDay: thankYouAt === undefined ? undefined : place.zone.dayAt(thankYouAt),
    checksMade, callsMade, weeksUsed, channel: statusCheckChannel(planning, interview, contact),
  };
  for (const cycle of cycles) planCycle(planning, interview, cycle, facts);
}

function planCycle(planning: Planning, interview: Interview, cycle: Cycle, facts: CheckFacts): void {
  const { protocol, now, app } = planning;
  const { place, contact } = facts;
  const goAhead = interview.goAhead;
  const response = cycle.response;
  // The check that got the response belongs to this cycle; the next cycle starts after it.
  const made = facts.checksMade.filter((touch) => touch.at > cycle.startAt && (response === undefined || touch.at <= response.at));
  // Never before the interview has ended, nor before the response that opened this cycle.
  const notBefore = Math.max(interview.end, cycle.startAt);
  const horizon = giveUpHorizon(protocol, cycle.startDay, cycle.basis.kind === 'stage' ? undefined : cycle.basis.day, goAhead, place.calendar);
  const allowed = checksAllowed(protocol, goAhead);
  // C2: the weeks of calls made, and of the calls proposed below.
  let weeksUsed = facts.weeksUsed;
  let callsUsed = facts.callsMade;
  let previousDay: Day | undefined;

  for (let sequence = 1; sequence <= allowed; sequence++) {
    const timing = sequence === 1
      ? firstCheckTiming(protocol, interview, cycle.basis, cycle.startDay, facts.interviewDay, facts.thankYouDay, place.calendar)
      : laterCheckTiming(protocol, previousDay ?? cycle.startDay, sequence, goAhead, place.calendar);
    const touch = made[sequence - 1];
    // F5: no further check past the give-up date, nor once they answered, unless one was made.
    if (!touch && sequence > 1 && (timing.days.ideal > horizon || response !== undefined)) break;

    const rules: RuleId[] = [...timing.rules];
    for (const rule of facts.channel.rules) if (!rules.includes(rule)) rules.push(rule);
    let channel = facts.channel.channel;
    const notes: Note[] = [];
    // C2: after the calls allowed in all, write instead (unless this one was a call).
    if (channel === 'phone' && callsUsed >= protocol.C2.total && !(touch && CALL_CHANNELS.has(touch.channel))) {
      channel = 'email';
      notes.push({ code: 'email_after_calls', total: protocol.C2.total });
      if (!rules.includes('C2')) rules.push('C2');
    }
    const isCall = channel === 'phone';
    let window = windowAt(place, timing.days, notBefore);
    // The window before C1 moved it: a call that would be open now but for a banned day or hour is blocked, not upcoming.
    const opensAt = window.earliest;
    let callDays: CallDays | undefined;
    if (isCall) {
      if (!rules.includes('C1')) rules.push('C1');
      if (!rules.includes('C2')) rules.push('C2');
      callDays = { interviewDay: facts.interviewDay, bansLifted: timing.bansLifted, weeksUsed };
      // A call made stands in its own week: only the days it could not be on decide its slots.
      const slotDays = touch ? { ...callDays, weeksUsed: new Set<Day>() } : callDays;
      window = callWindow(planning, place, window, timing.days.latest, callDays, slotDays);
    }

    let status: RecommendationStatus;
    let blockedBy: RuleId | undefined;
    let nextAllowed: EpochMs | undefined;
    if (touch) {
      status = 'done';
      const early = touch.at < window.earliest;
      if (early && !rules.includes('P2')) rules.push('P2');
      notes.push({ code: 'sent', at: touch.at, channel: touch.channel, late: touch.at > window.latest, early });
    } else if (response) {
      status = 'skipped';
      notes.push({ code: 'answered', outcome: response.outcome });
    } else {
      status = statusAt(now, window.earliest, window.latest);
      // C1 moved the call's earliest past now: it is blocked until then (PROTOCOL §7, worked example 4).
      if (callDays && status === 'upcoming' && now >= opensAt) {
        const slot = nextCallSlot(planning, place, now, callDays);
        status = 'blocked';
        blockedBy = slot.blockedBy;
        nextAllowed = window.earliest;
      }
      // C1/C2: a call due now waits for its next allowed moment.
      if (callDays && status !== 'upcoming' && status !== 'blocked') {
        const slot = nextCallSlot(planning, place, now, callDays);
        if (slot.start > now) {
          nextAllowed = slot.start;
          if (status === 'due') {
            status = 'blocked';
            blockedBy = slot.blockedBy;
          }
        }
      }
      if (isCall) {
        callsUsed++;
        weeksUsed = new Set(weeksUsed).add(weekStart(place.zone.dayAt(window.ideal)));
      }
    }
    const rec: Writable<Recommendation> = {
      applicationId: app.id, kind: isCall ? 'call' : 'status_check', personId: contact?.id, ccPersonIds: NO_IDS, channel,
      earliest: window.earliest, ideal: window.ideal, latest: window.latest, timeZone: place.zone.id, status,
      rules: planning.sharing.rules(rules), reason: planning.sharing.reason(timing.reason), notes: notes.length > 0 ? notes : NO_NOTES, interviewId: interview.id, sequence,
    };
    // Added only when there (not spread from a literal made for each check).
    if (blockedBy) rec.blockedBy = blockedBy;
    if (nextAllowed !== undefined) rec.nextAllowed = nextAllowed;
    planning.recommendations.push(rec);
    // F4/F5 count from the day the check was made, else the day it is planned for (a call off a banned day included).
    previousDay = place.zone.dayAt(touch ? touch.at : window.ideal);
    if (!touch && goAhead && timing.days.ideal > horizon) break;
  }

  if (response) {
    planReply(planning, response, place);
    return;
  }
  planMoveOn(planning, {
    interviewId: interview.id, contact, place, goAhead, horizon, lastCheckDay: previousDay, checksUsedUp: made.length >= allowed,
  });
}
