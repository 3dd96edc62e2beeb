/** The words: one-line "why" of each recommendation, notes and warnings (data in plan-types.ts). */
import { formatDay, weekdayName, type Day, type ZoneRules } from '../time.js';
import type { Note, Reason, Recommendation, Warning } from './plan-types.js';

const STAGE_WORDS: Readonly<Record<string, string>> = {
  phone_screen: 'a phone screen', first_round: 'a first round', second_round: 'a second round',
  third_round: 'a third round', final: 'a final round',
};

/** `Fri 2026-07-03` */
export function dayLabel(day: Day): string {
  return `${weekdayName(day)} ${formatDay(day)}`;
}

export function renderReason(reason: Reason): string {
  switch (reason.code) {
    case 'thank_you': {
      const when = reason.morning
        ? 'Interview began before noon: thank them the same day, by 17:00.'
        : 'Interview began after noon: thank them by 12:00 the next day.';
      const panel = reason.panel ? ' One note to the panel lead, the other panelists in CC.' : '';
      const channel = reason.channel === 'letter' ? ' Mail the letter the same day.'
        : reason.channel === 'handwritten_note' ? ' You are local: drop off a handwritten note.' : '';
      return `${when}${panel}${channel}`;
    }
    case 'check_decision_date': {
      const src = reason.source === 'said'
        ? `They said they would decide by ${dayLabel(reason.decisionDay)}${reason.understood ? ` (${reason.understood})` : ''}`
        : reason.source === 'reply'
          ? `They expect to decide by ${dayLabel(reason.decisionDay)}`
          : `The decision is due ${dayLabel(reason.decisionDay)}`;
      return `${src}: check in 2\u20133 business days after that, never before.`;
    }
    case 'check_directions':
      return `They asked you to get in touch on ${dayLabel(reason.day)}: follow their directions.`;
    case 'check_no_timeline':
      if (reason.stage === 'phone_screen') return 'No timeline given after a phone screen: check in within the week.';
      if (reason.from === 'thank_you') return `No timeline given after ${STAGE_WORDS[reason.stage] ?? 'the interview'}: check in about a week after your thank-you.`;
      return `No timeline given after ${STAGE_WORDS[reason.stage] ?? 'the interview'}: check in 7\u201310 days after it.`;
    case 'check_again':
      return reason.goAhead
        ? 'They welcomed check-ins: follow up every 7\u201310 business days until the give-up date.'
        : 'No answer to your last check: one final follow-up a week or so later.';
    case 'give_up':
      return reason.goAhead
        ? 'Five weeks without news despite the go-ahead: move on and put your energy elsewhere.'
        : reason.byChecks
          ? 'Two checks went unanswered: move on and close this application as no response.'
          : 'Move on after two unanswered checks, or a month with no response, whichever comes first.';
    case 'reference_brief':
      return reason.decisionDay !== undefined
        ? `References may be called soon: brief them within 2 business days, before the decision on ${dayLabel(reason.decisionDay)}.`
        : 'References may be called soon: brief them within 2 business days.';
    case 'reply':
      switch (reason.outcome) {
        case 'filled': return 'The post was filled: reply graciously and ask to be kept in mind for similar roles.';
        case 'rejected': return 'They declined: reply graciously and ask to be kept in mind for future roles.';
        case 'offer': return 'You have an offer: thank them, compare it with your other options, then answer.';
        default: return 'They replied: answer them within a business day.';
      }
  }
}

export function renderNote(note: Note, zone: ZoneRules): string {
  switch (note.code) {
    case 'sent': {
      const when = zone.format(note.at).slice(0, 16).replace('T', ' ');
      return `Sent ${when} by ${note.channel.replace('_', ' ')}${note.late ? ' (late)' : ''}${note.early ? ' (earlier than advised)' : ''}.`;
    }
    case 'superseded_by_round': return 'Not sent before the next round.';
    case 'closed_by_outcome': return 'A decision came first.';
    case 'answered': return `They answered first (${note.outcome.replace('_', ' ')}).`;
    case 'late': return 'Late: more than 24 hours after the interview. Send it anyway.';
    case 'email_after_calls': return `Already ${note.total} calls: write instead of calling again.`;
    case 'channel_changed': return `By ${note.to} instead of ${note.from} (${note.rule}).`;
  }
}

/** The one-line why of a recommendation, with what changed it. */
export function renderWhy(rec: Recommendation, zone: ZoneRules): string {
  const parts = [renderReason(rec.reason), ...rec.notes.map((n) => renderNote(n, zone))];
  if (rec.status === 'blocked' && rec.nextAllowed !== undefined) {
    parts.push(`Not now (${rec.blockedBy ?? 'C1'}): next allowed ${zone.format(rec.nextAllowed).slice(0, 16).replace('T', ' ')}.`);
  }
  return parts.join(' ');
}

export function renderWarning(w: Warning): string {
  switch (w.code) {
    case 'few_active':
      return w.active === 1
        ? 'Only one active application: keep searching.'
        : `${w.active === 0 ? 'No' : `Only ${w.active}`} active applications (fewer than ${w.min}): keep searching.`;
    case 'quiet': return `No new application for ${w.days} days while you wait on replies: keep searching.`;
    case 'unreadable_timeline': return `Could not read the timeline "${w.said}" (${w.applicationId}/${w.interviewId}): treated as no timeline until you give a date.`;
    case 'ambiguous_timeline': {
      // "Fri 2026-03-06, the coming Friday, or Fri 2026-03-13, a week later?"; with three or more, ';' between them.
      const choices = w.choices.map((c) => `${dayLabel(c.day)}, ${c.understood}`);
      const last = choices.pop() ?? '';
      const either = choices.length === 0 ? last : `${choices.join('; ')}${choices.length > 1 ? ';' : ','} or ${last}`;
      return `They said "${w.said}" (${w.applicationId}/${w.interviewId}): ${either}? Pick one; until then it counts as no timeline.`;
    }
    case 'record_next_round': return `Invited to a next round (${w.applicationId}): record the new interview.`;
    case 'close_application':
      return w.outcome === 'offer'
        ? `Offer received (${w.applicationId}): compare it with your other offers and record your answer.`
        : `Decision received (${w.applicationId}): close the application as ${w.outcome}.`;
    case 'move_on': return `Time to move on (${w.applicationId}): close it as no response and focus on the rest of your pipeline.`;
  }
}
