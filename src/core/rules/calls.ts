/**
 * C1–C3, calls and channels: a call only in the recipient's call windows, never on a Monday nor the
 * day after the interview unless the employer named the day (C1); one call a calendar week and two
 * in all per application (C2); the channel the employer asked for, else the person's, else the
 * candidate's, else email, never in person (C3).
 */
import type { Channel, Interview, Person } from '../model.js';
import { weekday, weekStart, type Day, type EpochMs } from '../time.js';
import type { Planning } from './context.js';
import type { RuleId } from './protocol.js';
import type { Place, Window } from './window.js';

/** What decides which days a call may be made on. */
export interface CallDays {
  readonly interviewDay: Day;
  /** F3: the employer named the day, so the Monday and day-after bans do not apply. */
  readonly bansLifted: boolean;
  /** C2: calendar weeks (their Mondays) that already have a call. */
  readonly weeksUsed: ReadonlySet<Day>;
}

/** A call slot: a call window on an allowed day, and the rule that moved it there if one did. */
export interface CallSlot {
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly blockedBy: RuleId;
}

/** C3: the channel wanted for `person`, and whether the employer asked for it (F3). */
export function wantedChannel(planning: Planning, interview: Interview, person: Person | undefined): { channel: Channel; asked: boolean } {
  const asked = interview.directions?.channel;
  if (asked !== undefined) return { channel: asked, asked: true };
  return { channel: person?.preferredChannel ?? planning.candidate.preferredChannel ?? 'email', asked: false };
}

/** C3: the channel of a status check (a voicemail is a call; in person, a letter, a note: email), and the rules that chose it. */
export function statusCheckChannel(planning: Planning, interview: Interview, person: Person | undefined): { channel: Channel; rules: readonly RuleId[] } {
  const wanted = wantedChannel(planning, interview, person);
  const rules: readonly RuleId[] = wanted.asked ? ['F3', 'C3'] : wanted.channel !== 'email' ? ['C3'] : [];
  switch (wanted.channel) {
    case 'phone':
    case 'voicemail': return { channel: 'phone', rules };
    case 'professional_network':
    case 'fax': return { channel: wanted.channel, rules };
    default: return { channel: 'email', rules };
  }
}

/** Which rule forbids calling on `day`, if any. */
export function callDayBlock(planning: Planning, place: Place, day: Day, days: CallDays): RuleId | null {
  const { C1, C2 } = planning.protocol;
  if (!place.calendar.isBusinessDay(day)) return 'C1';
  if (!days.bansLifted && C1.noMonday && weekday(day) === 1) return 'C1';
  if (!days.bansLifted && C1.noDayAfterInterview && day === days.interviewDay + 1) return 'C1';
  if (C2.perWeek > 0 && days.weeksUsed.has(weekStart(day))) return 'C2';
  return null;
}

/** The first allowed call moment at or after `from`, in its window (C1), in a week without a call (C2). */
export function nextCallSlot(planning: Planning, place: Place, from: EpochMs, days: CallDays): CallSlot {
  const windows = planning.protocol.C1.windows;
  const firstDay = place.zone.dayAt(from);
  let blockedBy: RuleId | null = null;
  for (let day = firstDay; day < firstDay + 400; day++) {
    const block = callDayBlock(planning, place, day, days);
    if (block) {
      blockedBy ??= block;
      continue;
    }
    for (const [startMinutes, endMinutes] of windows) {
      const start = place.zone.at(day, startMinutes);
      const end = place.zone.at(day, endMinutes);
      if (end > from) return { start: Math.max(start, from), end, blockedBy: blockedBy ?? 'C1' };
    }
    blockedBy ??= 'C1';
  }
  return { start: from, end: from, blockedBy: 'C1' };
}

/** The end of the last call window of the first allowed day on or after `day`. */
function lastSlotEnd(planning: Planning, place: Place, day: Day, days: CallDays): EpochMs {
  const slot = nextCallSlot(planning, place, place.zone.at(day, 0), days);
  const windows = planning.protocol.C1.windows;
  const last = windows[windows.length - 1];
  return last ? place.zone.at(place.zone.dayAt(slot.start), last[1]) : slot.end;
}

/**
 * C1: a call's window, every moment of it an allowed one. `window` is the status check's window by
 * rule (its latest day `latestDay`); its earliest and ideal move to the first call slot at or after
 * them, its latest to the end of the last call window of the first allowed day on or after
 * `latestDay`. `slotDays` decide the earliest and ideal slots (for a call already made, its own
 * week does not count against it); `days` the latest.
 */
export function callWindow(planning: Planning, place: Place, window: Window, latestDay: Day, days: CallDays, slotDays: CallDays): Window {
  const earliest = nextCallSlot(planning, place, window.earliest, slotDays).start;
  const idealSlot = nextCallSlot(planning, place, Math.max(window.ideal, earliest), slotDays);
  return {
    earliest,
    ideal: idealSlot.start,
    latest: Math.max(idealSlot.end, lastSlotEnd(planning, place, latestDay, days)),
  };
}
