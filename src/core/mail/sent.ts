/**
 * The kind of touch a message the user sent is (PROTOCOL §1): a thank-you after an interview, a
 * status check, an update, or a reply to the employer. Timing decides with the words: thanks
 * written within three days after an interview is its thank-you (T2's latest is a day; late ones
 * still count), an answer in the employer's thread is a reply, and words asking about the decision
 * after an interview make a status check.
 */
import type { Application, Interview, TouchKind } from '../model.js';
import type { EpochMs } from '../time.js';
import { normalise } from '../replies/classify.js';
import { ownText } from '../replies/own-text.js';

const HOUR = 3_600_000;
/** A thank-you is looked for this long after an interview ends. */
export const THANK_YOU_WITHIN_MS = 72 * HOUR;
/** Thanks later than this are no thank-you for the interview any more. */
const LATE_THANK_YOU_MS = 7 * 24 * HOUR;

export interface SentMessage {
  /** When it was sent (the Date header, else the mailbox's date). */
  readonly at: EpochMs;
  readonly subject: string;
  /** The text as written (mailText's); quoted history is set aside here. */
  readonly text: string;
  /** It answers a message the employer sent (its In-Reply-To is an employer's message the caller filed). */
  readonly answersEmployer: boolean;
}

/** Why the kind was chosen, as data (the words live with the caller). */
export type SentKindWhy =
  | 'thanks_after_interview' | 'late_thanks' | 'answers_employer' | 'asks_for_decision' | 'gives_news'
  | 'soon_after_interview' | 'after_interview' | 'before_any_interview';

export interface SentKind {
  readonly kind: Extract<TouchKind, 'thank_you' | 'status_check' | 'update' | 'reply'>;
  readonly why: SentKindWhy;
  /** The interview it follows, when there is one. */
  readonly interviewId: string | undefined;
}

const THANKS = /\b(?:thank you|thanks|thank-you|grateful|appreciated?)\b[^.!?]{0,80}\b(?:interview|meeting|speak(?:ing)?|spoke|talk(?:ing)?|chat(?:ting)?|conversation|time|opportunity|meet(?:ing)?|met|call|showing me|tour|hosting|panel)\b/;
const THANKS_SUBJECT = /^(?:re:\s*)?(?:thank you|thanks)\b/;
const STATUS = /\b(?:follow(?:ing)?[- ]up on|check(?:ing)? in|touch(?:ing)? base|any (?:update|news)|an update on|status of|where things stand|next steps|(?:the )?(?:hiring )?(?:decision|timeline|timeframe)|still (?:very )?interested|remain (?:very )?interested|hear(?:d)? back|have you (?:reached|made))\b/;
const NEWS = /\b(?:(?:wanted|want|like) to (?:let you know|share|update you|tell you|mention|pass on)|quick update|an update (?:from me|on my side)|i have (?:received|accepted|been offered)|another offer|competing offer|offer from|deadline|(?:recently|just) (?:completed|finished|earned|received|published|launched)|new (?:certification|certificate|portfolio|project))\b/;

function interviewBefore(interviews: readonly Interview[], at: EpochMs): Interview | undefined {
  let best: Interview | undefined;
  for (const iv of interviews) if (iv.end <= at && (best === undefined || iv.end > best.end)) best = iv;
  return best;
}

/** The kind of a message the user sent for `application` (see the module comment). Never throws. */
export function inferSentKind(message: SentMessage, application: Pick<Application, 'interviews'>): SentKind {
  const own = ownText(message.text);
  const said = normalise(own.lines.join(' '));
  const subject = normalise(message.subject);
  const last = interviewBefore(application.interviews, message.at);
  const since = last === undefined ? Infinity : message.at - last.end;
  const interviewId = last?.id;
  const thanks = THANKS.test(said) || THANKS_SUBJECT.test(subject);
  const asks = STATUS.test(said) || /\b(?:follow(?:ing)?[- ]up|checking in|status|update on)\b/.test(subject);
  const news = NEWS.test(said);
  if (last !== undefined && thanks && since <= THANK_YOU_WITHIN_MS && !(asks && !THANKS.test(said))) {
    return { kind: 'thank_you', why: 'thanks_after_interview', interviewId };
  }
  if (message.answersEmployer) return { kind: 'reply', why: 'answers_employer', interviewId };
  if (news) return { kind: 'update', why: 'gives_news', interviewId };
  if (last !== undefined && asks) return { kind: 'status_check', why: 'asks_for_decision', interviewId };
  if (last !== undefined && thanks && since <= LATE_THANK_YOU_MS) return { kind: 'thank_you', why: 'late_thanks', interviewId };
  if (last === undefined) return { kind: 'update', why: 'before_any_interview', interviewId };
  if (since <= 24 * HOUR) return { kind: 'thank_you', why: 'soon_after_interview', interviewId };
  return { kind: 'status_check', why: 'after_interview', interviewId };
}
