/**
 * The class of a reply from its sentences: every cue of cues.ts found in a sentence (after
 * negation and conditions) gives its class a weight; the class is the first, in the order of
 * PRECEDENCE, with a decisive cue (weight 2), else what the hints add up to, else `other`.
 */
import { ASK_IMPERATIVE, ASKS_YOU, COURTESY_QUESTION, CUES, type ReplyClass, type ReplyDetail } from './cues.js';

/**
 * Which class wins when a message says several things: a decision (offer, rejection, a new round)
 * outweighs an auto-reply's words, which outweigh a request, a pending decision, then a question.
 */
export const PRECEDENCE: readonly Exclude<ReplyClass, 'other'>[] = [
  'offer', 'rejection', 'next_round', 'out_of_office', 'references_requested', 'not_decided', 'question',
];

export interface Hit {
  readonly class: Exclude<ReplyClass, 'other'>;
  readonly weight: 1 | 2;
  readonly cue: string;
  readonly sentence: number;
  readonly detail?: ReplyDetail;
}

export interface Classified {
  readonly class: ReplyClass;
  readonly detail: ReplyDetail | undefined;
  /** Index of the sentence the class rests on, or -1 (nothing to rest on). */
  readonly sentence: number;
  readonly hits: readonly Hit[];
}

const NEGATION = /\b(?:not|never|no longer|unable|cannot|nor)\b|n't\b/;
const STILL_OPEN = /\b(?:yet|until|till|unless)\b/;
/** A condition; "if you could" is politeness, not a condition. */
const CONDITION = /\bif\b(?! you (?:could|would|can)\b)|\b(?:should you|once|unless|in case|in the event|assuming|provided)\b/;
const CLAUSE_START = /[,;:]|\b(?:but|however|although|though|while|whereas|and|so|as)\b/g;

/** A sentence as the cues read it: lower case, straight apostrophes and quotes, single spaces. */
export function normalise(sentence: string): string {
  return sentence.toLowerCase()
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2013]/g, '-')
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the clause before `at`: from the last clause boundary to `at`. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  let start = 0;
  CLAUSE_START.lastIndex = 0;
  for (let m = CLAUSE_START.exec(before); m !== null; m = CLAUSE_START.exec(before)) start = m.index + m[0].length;
  return before.slice(start);
}

/** The sentence before `at` back to its last turn ("but", "however", ";"): where a condition reaches. */
function conditionWindow(text: string, at: number): string {
  const before = text.slice(0, at);
  const turn = /.*(?:;|\bbut\b|\bhowever\b|\bso\b)/.exec(before);
  return turn ? before.slice(turn[0].length) : before;
}

/** The whole clause around `at` (to the next boundary): "yet" may come after the cue. */
function clauseAround(text: string, at: number): string {
  const rest = text.slice(at);
  const end = /[;:]|,\s(?:but|and|so)\b|\b(?:but|however)\b/.exec(rest);
  return clauseBefore(text, at) + (end ? rest.slice(0, end.index) : rest);
}

function hitsOf(text: string, index: number): Hit[] {
  const hits: Hit[] = [];
  for (const cue of CUES) {
    const m = cue.re.exec(text);
    if (!m) continue;
    const before = clauseBefore(text, m.index);
    if (cue.conditional !== false && CONDITION.test(conditionWindow(text, m.index))) continue;
    if (cue.negation === 'flip' && NEGATION.test(before.slice(-60))) {
      if (!STILL_OPEN.test(clauseAround(text, m.index))) hits.push({ class: 'rejection', weight: 2, cue: `${cue.id}:negated`, sentence: index });
      continue;
    }
    hits.push({ class: cue.class, weight: cue.weight, cue: cue.id, sentence: index, ...(cue.detail ? { detail: cue.detail } : {}) });
  }
  const asked = /\?\s*["')]*$/.test(text) && ASKS_YOU.test(text) && !COURTESY_QUESTION.test(text);
  const told = ASK_IMPERATIVE.test(text) && !COURTESY_QUESTION.test(text);
  if (asked || told) hits.push({ class: 'question', weight: 2, cue: asked ? 'question-mark' : 'question-please', sentence: index });
  return hits;
}

/** Classifies normalised sentences (`subject` is the pasted mail's subject, read for auto-replies only). */
export function classify(sentences: readonly string[], subject?: string): Classified {
  const hits: Hit[] = [];
  sentences.forEach((s, i) => hits.push(...hitsOf(s, i)));
  if (subject !== undefined && /^(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|ooo)\b/.test(normalise(subject))) {
    hits.push({ class: 'out_of_office', weight: 2, cue: 'ooo-subject', sentence: -1 });
  }
  for (const c of PRECEDENCE) {
    const decisive = hits.filter((h) => h.class === c && h.weight === 2);
    const first = decisive.find((h) => h.sentence >= 0) ?? decisive[0];
    if (first) {
      const detail = c === 'rejection' ? (decisive.some((h) => h.detail === 'filled') ? 'filled' : undefined)
        : c === 'references_requested' ? (decisive.some((h) => h.detail === 'references') ? 'references' : 'documents') : undefined;
      return { class: c, detail, sentence: first.sentence, hits };
    }
  }
  // Only hints: two rejection hints ("unfortunately", "we will keep your CV on file") make a
  // rejection; a pending-decision hint ("thank you for your patience") a pending decision; an
  // auto-reply's "I am away" an auto-reply.
  const hints = (c: ReplyClass): Hit[] => hits.filter((h) => h.class === c);
  const rejection = hints('rejection');
  if (new Set(rejection.map((h) => h.cue)).size >= 2) return { class: 'rejection', detail: undefined, sentence: rejection[0]?.sentence ?? -1, hits };
  for (const c of ['not_decided', 'out_of_office'] as const) {
    const h = hints(c)[0];
    if (h) return { class: c, detail: undefined, sentence: h.sentence, hits };
  }
  return { class: 'other', detail: undefined, sentence: -1, hits };
}
