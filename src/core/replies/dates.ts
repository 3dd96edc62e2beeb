/**
 * Dates in a reply, read through F0 (rules/timeline.ts `readTimeline`) from the day the reply came:
 * the new decision date of a "not decided yet", and an auto-reply's return date. Only the part of
 * a sentence that speaks of the decision is read: in "we are interviewing next week and will decide
 * the week after" the first "next week" is no decision date (reading it would check in too early,
 * F0's worst error), so such a phrase stays unread.
 */
import { readTimeline, type TimelineChoice } from '../rules/timeline.js';
import type { BusinessCalendar, Day } from '../time.js';

export type DecisionDate =
  | { readonly kind: 'none' }
  | { readonly kind: 'date'; readonly day: Day; readonly understood: string; readonly said: string }
  /** Two readings or more ("by next Friday"): the user picks. */
  | { readonly kind: 'choices'; readonly said: string; readonly choices: readonly TimelineChoice[] }
  /** A time was given in words F0 cannot read: shown back, never guessed. */
  | { readonly kind: 'unread'; readonly said: string };

/**
 * Where a sentence turns to another clause: the decision's words are read within one part. A reason
 * ("…no decision yet, as we are still interviewing this week") says why, not when: its own part.
 */
const PARTS = /\s*;\s*|\s+but\s+|,?\s+(?:although|though|however|while|whereas|because|since)\s+|,\s+as\s+(?!soon\b|well\b)|,?\s+and\s+(?=(?:we|i|they|he|she|the team|our|will|we'll|i'll|should|expect|hope|would|then|after|once|decide|make|let|get|be)\b)/;
const ABOUT_DECISION = /\b(?:decid|decision|deliberat|get back|come back|be in touch|back in touch|let you know|update|news|hear|contact you|reach out|follow up|finali[sz]|conclude|outcome|answer|feedback|confirm|delay|process|timeline|timeframe|next steps|know more|pushed|moved|expect|hope|aim|plan|result)/;
const TIME_WORDS = /\b(?:\d|days?|weeks?|months?|fortnight|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|end of|beginning of|start of|mid|early|late|quarter|q[1-4]|easter|christmas|holidays?|new year|thanksgiving|half-term|summer|autumn|fall|spring|winter)\b/;
/** A time counted from another event named elsewhere ("within a few days of that"): not from the reply. */
const COUNTED_FROM_OTHER = /\b(?:days?|weeks?|months?) (?:of|after|from|following) (?:that|then|this|it|them|the (?:panel|meeting|interviews?|call))\b/;
/** A date further than this from the reply is not what a reply means ("by March 6" written after it: last year's, not next year's). */
const FAR_DAYS = 183;

/** "the next week or two" means up to two weeks: F0 is given the later bound, never the earlier. */
function laterBound(part: string): string {
  return part.replace(/\b(?:within |in )?(?:the next |next |a |one )?(day|week|month) or two\b/g, 'within two $1s');
}

/** Where the time of a decision part begins: "…be back in touch| within three weeks". */
const TIME_START = /\b(?:by|within|in|on|before|until|till|early|mid|late|next|end of|over the|at the|this|tomorrow|after)\b/;

/** F0 on a part about the decision; when F0 finds no decision in its words, on its time phrase alone. */
function readWithin(part: string, receivedOn: Day, calendar: BusinessCalendar): ReturnType<typeof readTimeline> {
  const whole = readTimeline(part, receivedOn, calendar);
  if (whole.ok || whole.choices.length > 0) return whole;
  const m = TIME_START.exec(part);
  if (!m || m.index === 0) return whole;
  const tail = readTimeline(part.slice(m.index), receivedOn, calendar);
  return tail.ok || tail.choices.length > 0 ? tail : whole;
}

function partsOf(sentence: string): string[] {
  return sentence.split(PARTS).map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The new decision date in `sentences` (normalised, in order; `preferred` first), counted from
 * `receivedOn`. The first part about the decision that F0 reads wins; one it cannot read is kept.
 */
export function decisionDate(sentences: readonly string[], preferred: number, receivedOn: Day, calendar: BusinessCalendar): DecisionDate {
  const order = preferred >= 0 ? [preferred, ...sentences.keys()].filter((i, k, all) => all.indexOf(i) === k) : [...sentences.keys()];
  let unread: DecisionDate = { kind: 'none' };
  for (const i of order) {
    for (const part of partsOf(sentences[i] ?? '')) {
      if (!ABOUT_DECISION.test(part) || !TIME_WORDS.test(part)) continue;
      if (COUNTED_FROM_OTHER.test(part)) {
        if (unread.kind === 'none') unread = { kind: 'unread', said: part };
        continue;
      }
      const reading = readWithin(laterBound(part), receivedOn, calendar);
      if (reading.ok) {
        if (reading.day - receivedOn <= FAR_DAYS) return { kind: 'date', day: reading.day, understood: reading.understood, said: part };
      } else if (reading.choices.length > 0) {
        return { kind: 'choices', said: part, choices: reading.choices };
      }
      if (unread.kind === 'none') unread = { kind: 'unread', said: part };
    }
  }
  return unread;
}

const RETURN = /\b(?:return(?:ing)?(?: to (?:the office|work|my desk))?(?: on)?|back(?: in the office| at (?:my desk|work)| on| in)?|until|till|through|thru)\b/g;

/** An auto-reply's return date in `sentences`, counted from `receivedOn`; null when none is given or readable. */
export function returnDate(sentences: readonly string[], receivedOn: Day, calendar: BusinessCalendar): Day | null {
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(RETURN)) {
      const rest = sentence.slice((m.index ?? 0) + m[0].length).trim();
      if (rest === '' || !TIME_WORDS.test(rest)) continue;
      const reading = readTimeline(rest, receivedOn, calendar);
      if (!reading.ok || reading.day - receivedOn > FAR_DAYS) continue;
      // "Out through Friday": back the next business day.
      return /^(?:through|thru)\b/.test(m[0]) ? calendar.onOrAfter(reading.day + 1) : reading.day;
    }
  }
  return null;
}
