/**
 * The words of the debrief's language help, in one place: what to type in each debrief field (one
 * example of a topic, one of a sentence), and why a debrief input is left out of a note, with what
 * to do about it. Used by the debrief form's live preview and by the draft editor's "Left out" list.
 */
import type { DebriefField, LeftOut } from '../../src/core/drafts/index.js';

export type LeftOutReason = LeftOut['reason'];

/** What the field is called where it is typed (a detail is named by its person where it is shown). */
export const DEBRIEF_FIELD_LABELS: Readonly<Record<Exclude<DebriefField, 'details'>, string>> = {
  bestMoments: 'Best moments',
  awkwardMoments: 'Awkward moments',
  unfinishedAnswers: 'Questions you did not answer fully',
};

/** A detail's heading, by the person it came from (`name` as the form shows it, e.g. "Dr. Grace Okafor"). */
export function detailLabel(name: string): string {
  return name === '' ? 'From one person’s conversation' : `From ${name}’s conversation`;
}

/** One example per field of each way to write it: both work. */
const EXAMPLES: Readonly<Record<DebriefField, { readonly topic: string; readonly sentence: string }>> = {
  details: { topic: 'her team’s move to Snowflake', sentence: 'She said the team is moving to Snowflake this year.' },
  bestMoments: { topic: 'the churn model walkthrough', sentence: 'I walked them through my churn model.' },
  awkwardMoments: { topic: 'my answer on SQL window functions', sentence: 'I stumbled on the question about window functions.' },
  unfinishedAnswers: { topic: 'how I would audit the revenue dashboards', sentence: 'I ran out of time on how I would audit the dashboards.' },
};

/** The hint under a debrief field: the two ways to write it, with one example of each. */
export function debriefHint(field: DebriefField): string {
  const e = EXAMPLES[field];
  return `A topic in a few words or a whole sentence — both work. e.g. “${e.topic}” or “${e.sentence}”`;
}

/** Why an input (or part of it) is not in the note, and what to do; `todo` is empty when nothing needs doing. */
export const LEFT_OUT_WORDS: Readonly<Record<LeftOutReason, { readonly why: string; readonly todo: string }>> = {
  no_words: { why: 'There are no words here to make a sentence from.', todo: 'Write a topic or a short sentence.' },
  markup: { why: 'This looks like code or web markup, which never goes into a note.', todo: 'Write it in plain words.' },
  not_english: { why: 'This does not read as English, and the note is in English.', todo: 'Write it in English.' },
  too_long: { why: 'This is too long for one sentence of the note.', todo: 'Keep it to a few words or one short sentence.' },
  several_points: { why: 'This reads as two points; the note uses the first.', todo: 'Keep one point per field.' },
  unclear: { why: 'This could not be shaped into a sentence of the note.', todo: 'Try a topic in a few words, or one plain sentence about what was said.' },
  spelling: { why: 'A word here is not in the dictionary and could not be corrected safely.', todo: 'Check its spelling.' },
  tone: {
    why: 'Something here does not suit a thank-you: pressure, strong feelings, pay, a gift, another company, or a name from outside this interview.',
    todo: 'Say it plainly, about this interview only.',
  },
  length: { why: 'The note had no room left for this: a thank-you stays under 200 words.', todo: 'Add it by hand in place of another point, if it matters more.' },
  emoji: { why: 'Emoji were taken out; the words are used.', todo: '' },
};

/** The reason and what to do, as one line. */
export function leftOutLine(reason: LeftOutReason): string {
  const w = LEFT_OUT_WORDS[reason];
  return w.todo === '' ? w.why : `${w.why} ${w.todo}`;
}
