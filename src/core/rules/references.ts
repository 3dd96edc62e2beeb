/**
 * F7, references: after a second round or later, or once the employer asks for references, brief
 * each one within 2 business days, and before the decision date when one is known.
 */
import type { Interview } from '../model.js';
import type { BusinessCalendar, Day, ZoneRules } from '../time.js';
import { NO_IDS, NO_NOTES, type Planning } from './context.js';
import type { Note } from './plan-types.js';
import { shift, statusAt, type Place } from './window.js';

const LATER_ROUNDS = new Set<Interview['stage']>(['second_round', 'third_round', 'final']);

/** The decision date known for an interview: given by the user, else read from the employer's words (F0). */
function decisionDayOf(planning: Planning, interview: Interview, interviewDay: Day, calendar: BusinessCalendar): Day | undefined {
  if (interview.timeline.decisionBy !== undefined) return interview.timeline.decisionBy;
  if (!interview.timeline.said) return undefined;
  const reading = planning.sharing.timeline(interview.timeline.said, interviewDay, calendar);
  return reading.ok ? reading.day : undefined;
}

/** A reference's zone, else the candidate's. parseScenario does not check it: an unknown one must not make planning throw. */
function referenceZone(planning: Planning, zone: string | undefined): ZoneRules {
  if (zone !== undefined) {
    try {
      return planning.time.zone(zone);
    } catch {
      // Unknown zone: fall through to the candidate's.
    }
  }
  return planning.time.zone(planning.settings.timeZone);
}

/** F7: one brief per reference of the candidate, from the first interview (of `interviews`, in order) that calls for it. */
export function planReferenceBriefs(planning: Planning, interviews: readonly Interview[]): void {
  const { protocol, app, candidate, settings } = planning;
  if (candidate.references.length === 0) return;
  const trigger = interviews.find((interview) => interview.referencesRequested || LATER_ROUNDS.has(interview.stage));
  if (!trigger) return;
  for (const reference of candidate.references) {
    const place: Place = {
      zone: referenceZone(planning, reference.timeZone),
      calendar: planning.time.calendar(settings.region, settings.workday.days),
      start: settings.workday.start,
      end: settings.workday.end,
    };
    const day = place.zone.dayAt(trigger.end);
    const decision = decisionDayOf(planning, trigger, place.zone.dayAt(trigger.start), place.calendar);
    let latest = place.zone.at(shift(day, protocol.F7.latest, place.calendar), place.end);
    if (decision !== undefined) latest = Math.max(trigger.end, Math.min(latest, place.zone.at(decision, place.start)));
    const ideal = Math.min(latest, Math.max(trigger.end, place.zone.at(shift(day, protocol.F7.ideal, place.calendar), place.start)));
    const sent = planning.touches.find((touch) => touch.kind === 'reference_brief' && touch.referenceId === reference.id);
    const notes: readonly Note[] = sent ? [{ code: 'sent', at: sent.at, channel: sent.channel, late: sent.at > latest, early: false }] : NO_NOTES;
    planning.recommendations.push({
      applicationId: app.id, kind: 'reference_brief', referenceId: reference.id, ccPersonIds: NO_IDS,
      channel: reference.email ? 'email' : 'phone', earliest: trigger.end, ideal, latest, timeZone: place.zone.id,
      status: sent || reference.briefed ? 'done' : statusAt(planning.now, trigger.end, latest), rules: planning.sharing.rules(['F7']), notes,
      interviewId: trigger.id,
      reason: decision !== undefined ? { code: 'reference_brief', decisionDay: decision } : { code: 'reference_brief' },
    });
  }
}
