/**
 * Reading the employer's reply (issue 13, CONTRACT `afterword reply`): one message, as pasted or as
 * a mail's text part, classified from the employer's own new words with the sentence it rests on,
 * the new decision date (F0) or return date when given, and the proposed change to the plan (F6).
 * Pure: no IO, no clock; the caller gives the day the reply came and the business calendar.
 */
import type { Person } from '../model.js';
import type { BusinessCalendar, Day } from '../time.js';
import { classify, normalise } from './classify.js';
import type { ReplyClass, ReplyDetail } from './cues.js';
import { decisionDate, returnDate, type DecisionDate } from './dates.js';
import { ownText } from './own-text.js';
import { proposalFor, type ReplyProposal } from './proposal.js';
import { sentencesOf } from './sentences.js';

export { REPLY_CLASSES, type ReplyClass, type ReplyDetail } from './cues.js';
export type { DecisionDate } from './dates.js';
export { outcomeFor, REPLY_ACTIONS, type ReplyAction, type ReplyProposal } from './proposal.js';
export { REPLY_READ_MAX } from './own-text.js';

export interface ReplyContext {
  /** The day the reply came, in the employer's zone: relative dates ("within two weeks") count from it. */
  readonly receivedOn: Day;
  readonly calendar: BusinessCalendar;
}

export interface ReplyReading {
  readonly class: ReplyClass;
  readonly detail: ReplyDetail | undefined;
  /** The sentence the class rests on, as written; empty when the message has no words of its own. */
  readonly evidence: string;
  /** The new decision date (class `not_decided` only; `none` otherwise). */
  readonly decision: DecisionDate;
  /** When an auto-reply's writer is back (class `out_of_office` only). */
  readonly returnOn: Day | null;
  readonly proposal: ReplyProposal;
  /** The employer's own sentences, as read. */
  readonly sentences: readonly string[];
  /** The message's own text had no words (only quotes, a signature or nothing). */
  readonly empty: boolean;
}

/**
 * Reads `message`. Never throws: an empty message, or one with only quoted history, is `other`
 * with `empty: true` and no evidence.
 */
export function readReply(message: string, ctx: ReplyContext): ReplyReading {
  const own = ownText(message);
  const sentences = sentencesOf(own.lines);
  const normal = sentences.map(normalise);
  let found = classify(normal, own.subject);
  let decision: DecisionDate = found.class === 'not_decided'
    ? decisionDate(normal, found.sentence, ctx.receivedOn, ctx.calendar)
    : { kind: 'none' };
  // "Still deciding" with no date beside a question: answering it is what the reply asks for.
  const question = found.hits.find((h) => h.class === 'question' && h.weight === 2);
  if (found.class === 'not_decided' && decision.kind === 'none' && question) {
    found = { ...found, class: 'question', detail: undefined, sentence: question.sentence };
    decision = { kind: 'none' };
  }
  const returnOn = found.class === 'out_of_office' ? returnDate(normal, ctx.receivedOn, ctx.calendar) : null;
  // The date's words as written ("by next Friday"), not as read (lower case).
  if (decision.kind !== 'none') {
    const said = decision.said;
    const i = normal.findIndex((n) => n.includes(said));
    const original = sentences[i]?.replace(/\s+/g, ' ').trim();
    const at = normal[i]?.indexOf(said) ?? -1;
    if (original !== undefined && at >= 0 && original.length === normal[i]?.length) decision = { ...decision, said: original.slice(at, at + said.length) };
  }
  let evidenceAt = found.sentence;
  if (decision.kind !== 'none') {
    // The sentence with the date, when it says the decision is pending too ("We expect to decide by March 20.").
    const said = decision.said.toLowerCase();
    const withDate = normal.findIndex((s) => s.includes(said));
    if (withDate >= 0 && found.hits.some((h) => h.class === 'not_decided' && h.sentence === withDate)) evidenceAt = withDate;
  }
  if (evidenceAt < 0 && own.subject !== undefined && found.class === 'out_of_office') {
    return { class: found.class, detail: found.detail, evidence: own.subject, decision, returnOn, proposal: proposalFor(found.class, found.detail, decision), sentences, empty: sentences.length === 0 };
  }
  return {
    class: found.class,
    detail: found.detail,
    evidence: evidenceAt >= 0 ? sentences[evidenceAt] ?? '' : '',
    decision,
    returnOn,
    proposal: proposalFor(found.class, found.detail, decision),
    sentences,
    empty: sentences.length === 0,
  };
}

/** The application's person who wrote `message`: the one whose full name or email is in it (signature included), if exactly one. */
export function writerOf(message: string, people: readonly Pick<Person, 'id' | 'name' | 'email'>[]): string | undefined {
  const own = ownText(message);
  const named = (lines: readonly string[]): string[] => {
    const text = lines.join('\n').toLowerCase();
    return people.filter((p) => (p.name.trim().length > 2 && text.includes(p.name.trim().toLowerCase()))
      || (p.email !== undefined && p.email.length > 3 && text.includes(p.email.toLowerCase()))).map((p) => p.id);
  };
  // The signature says who wrote; the body may name a colleague.
  const signed = named(own.signature);
  if (signed.length > 0) return signed.length === 1 ? signed[0] : undefined;
  const anywhere = named(own.lines);
  return anywhere.length === 1 ? anywhere[0] : undefined;
}
