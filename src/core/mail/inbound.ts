/**
 * What a message from the employer's side says (issue 16, item 3): a bounce (which address
 * failed), the employer's answer read by the reply reader (src/core/replies: rejection, next
 * round, not decided with its new date, offer, references or documents, out of office with its
 * return date, a question), an automatic acknowledgement, bulk mail to ignore (newsletters, job
 * alerts), or a message that needs nothing. Headers decide what only headers can say (a
 * delivery report, a list, an auto-reply's markers); the words decide the rest, so that a
 * rejection a hiring system sends as "auto-generated" is still a rejection.
 */
import type { Application, Settings } from '../model.js';
import { readReply, writerOf, type ReplyReading } from '../replies/index.js';
import type { TimeRules } from '../time.js';
import { bounceOf, type Bounce } from './bounce.js';
import type { MailHeaderFacts } from './headers.js';

export const MAIL_CLASSES = [
  'offer', 'rejection', 'next_round', 'not_decided', 'references_requested', 'out_of_office', 'question',
  'bounce', 'auto_reply', 'ignore', 'other',
] as const;
export type MailClass = (typeof MAIL_CLASSES)[number];

export interface InboundMessage {
  readonly facts: MailHeaderFacts;
  /** When the mailbox received it: used when the Date header is missing or unreadable. */
  readonly receivedAt: number;
  /** mailText's text of the message. */
  readonly text: string;
  /** The text of its message/delivery-status part, when it has one. */
  readonly deliveryReport?: string | undefined;
}

export interface InboundContext {
  readonly time: TimeRules;
  readonly settings: Pick<Settings, 'region' | 'timeZone'>;
}

export type IgnoreWhy = 'mailing_list' | 'job_alert' | 'marketing';

export interface InboundReading {
  readonly class: MailClass;
  /** The reply reader's reading of the employer's words (null for a bounce). */
  readonly reply: ReplyReading | null;
  readonly bounce: Bounce | null;
  readonly ignored: IgnoreWhy | null;
  /** The application's person who wrote, when exactly one is named or is the sender. */
  readonly writerId: string | undefined;
}

/** Classes decided by the employer's words whatever the headers say (a list or an auto-submitted rejection is still one). */
const DECISIVE = new Set<MailClass>(['offer', 'rejection', 'next_round', 'not_decided', 'references_requested']);

const ACKNOWLEDGEMENT = /\b(?:(?:we|we've|we have) (?:successfully )?received your (?:application|message|email|e-mail|enquiry|inquiry|cv|resume|submission)|your application (?:has been|was) (?:successfully )?(?:received|submitted)|thank you for (?:applying|your application|submitting your application|your interest in (?:joining|working|the)|contacting)|this is an automated (?:message|response|reply|email|e-mail|notification)|(?:please )?do not reply to this (?:email|e-mail|message)|this (?:mailbox|inbox|address|email address) is (?:not monitored|unmonitored)|(?:no-?reply|unmonitored) (?:mailbox|address)|automatically generated|ticket (?:number|#|id))/i;
/** A hiring system's or coordinator's scheduling mail: an interview booked is a round to record. */
const SCHEDULED = /\b(?:interview|meeting|call|assessment|session)\b[^.]{0,60}\b(?:has been|is|was|is now|have been) (?:scheduled|confirmed|booked|arranged)\b|^(?:interview (?:confirmation|invitation|scheduled|request)|invitation: interview|schedule your (?:\w+ )?interview)\b/im;
/** Someone is away: an out-of-office, not an acknowledgement. */
const AWAY = /\b(?:out of (?:the )?office|ooo|away|on (?:\w+ )?leave|holidays?|vacation|pto|travell?ing|(?:out|off) sick|unwell|(?:i am|i'm) (?:currently )?out\b|off (?:until|till|today|this week)|(?:be|am|i'm) back|return(?:ing)?|my return|in my absence|office (?:is )?closed|limited access)\b/i;
/** A later round named and put to the candidate ("we want you in for the final round"), with a time or a plan to set it up. */
const NAMED_ROUND = /\b(?:second|2nd|third|3rd|final|next|follow-up|onsite|on-site|in-person|panel|technical|last) (?:round|interview|stage)\b/i;
const TO_YOU_AHEAD = /\byou\b[^.?!]{0,40}\b(?:want|need|like|invite|would|will|'ll|gonna|going to|come (?:back|in)|set (?:it |this )?up|schedule|arrange|book)\b|\b(?:want|need|like|invite|would|will|'ll|gonna|going to)\b[^.?!]{0,20}\byou\b/i;
const WHEN = /\b(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|this week|\d{1,2}(?::\d{2})? ?(?:am|pm)|set (?:it|this|that) up|send (?:some )?times|invitation|invite)\b/i;
const NEGATED = /\b(?:not|never|won't|no longer|unable|cannot|can't)\b/i;
/** Where a forwarded message begins: the employer's words a recruiter passes on. */
const FORWARD = /^\s*(?:-{2,}\s*forwarded message\s*-{2,}|begin forwarded message\s*:?)\s*$/im;
const FORWARD_HEADER = /^\s*\*?(?:from|date|sent|subject|to|cc)\s*:/i;
const JOB_ALERT = /\b(?:job alert|jobs? (?:you may|you might|that match|for you|matching)|new jobs?|recommended jobs?|similar jobs|jobs? based on your|people also viewed|your (?:daily|weekly) (?:digest|jobs)|is hiring|are hiring|top job picks|apply now|see all jobs|manage (?:your )?(?:alerts|job alerts))\b/i;
const MARKETING = /\b(?:unsubscribe|newsletter|view (?:this email )?in (?:your )?browser|email preferences|update your preferences|manage (?:your )?(?:subscription|preferences)|you are receiving this (?:email|because)|webinar|register now|our latest|this week at|read more on our blog)\b/i;

/**
 * Reads an inbound message for `application` (see the module comment). Dates count from the day it
 * came in the company's zone (its region's business days), else the user's. Never throws.
 */
export function readInbound(message: InboundMessage, application: Pick<Application, 'people' | 'timeZone' | 'region'>, ctx: InboundContext): InboundReading {
  const f = message.facts;
  const bounce = bounceOf(f, message.text, message.deliveryReport);
  if (bounce !== null) return { class: 'bounce', reply: null, bounce, ignored: null, writerId: undefined };

  const zoneId = application.timeZone !== undefined && ctx.time.isKnownZone(application.timeZone) ? application.timeZone : ctx.settings.timeZone;
  const region = application.region !== undefined && ctx.time.isKnownRegion(application.region) ? application.region : ctx.settings.region;
  const zone = ctx.time.zone(zoneId);
  const at = f.date !== null && Math.abs(f.date - message.receivedAt) < 30 * 86_400_000 ? f.date : message.receivedAt;
  const subjectLine = f.subject === '' ? '' : `Subject: ${f.subject}\n\n`;
  const reply = readReply(`${subjectLine}${message.text}`, { receivedOn: zone.dayAt(at), calendar: ctx.time.calendar(region) });
  const sender = f.from[0]?.address;
  const byAddress = application.people.find((p) => p.email !== undefined && sender !== undefined && p.email.trim().toLowerCase() === sender);
  const writerId = byAddress?.id ?? writerOf(message.text, application.people);
  const result = (cls: MailClass, ignored: IgnoreWhy | null = null): InboundReading => ({ class: cls, reply, bounce: null, ignored, writerId });

  let cls = reply.class;
  if (cls !== 'other' && DECISIVE.has(cls)) return result(cls);
  // A forward: the employer's words are below the marker, after its header lines.
  const forward = FORWARD.exec(message.text);
  if (forward !== null) {
    const lines = message.text.slice(forward.index + forward[0].length).split('\n');
    let i = 0;
    while (i < lines.length && ((lines[i] ?? '').trim() === '' || FORWARD_HEADER.test(lines[i] ?? ''))) i++;
    const passed = readReply(lines.slice(i).join('\n'), { receivedOn: zone.dayAt(at), calendar: ctx.time.calendar(region) });
    if (DECISIVE.has(passed.class)) return { class: passed.class, reply: passed, bounce: null, ignored: null, writerId };
  }
  if ((cls === 'other' || cls === 'question') && reply.sentences.some((x) => NAMED_ROUND.test(x) && TO_YOU_AHEAD.test(x) && !NEGATED.test(x))
    && WHEN.test(reply.sentences.join(' '))) cls = 'next_round';
  if (cls === 'next_round') return result(cls);
  const automatic = f.autoSubmitted !== null || f.autoReplyMarker;
  const head = `${f.subject}\n${message.text.slice(0, 20_000)}`;
  // The reply reader takes "this is an automated response" for an absence; in mail that is an acknowledgement unless someone is away.
  if (cls === 'out_of_office') return result(reply.returnOn !== null || AWAY.test(head) ? 'out_of_office' : 'auto_reply');
  const bulk = f.listed || f.precedence === 'bulk' || f.precedence === 'list' || f.precedence === 'junk';
  if (bulk || JOB_ALERT.test(f.subject)) {
    if (JOB_ALERT.test(head)) return result('ignore', 'job_alert');
    return result('ignore', f.listed ? 'mailing_list' : 'marketing');
  }
  if (SCHEDULED.test(head)) return result('next_round');
  if (ACKNOWLEDGEMENT.test(head) || (automatic && cls !== 'question')) return result('auto_reply');
  if (cls === 'question') return result('question');
  if (MARKETING.test(head) && reply.sentences.length > 3) return result('ignore', 'marketing');
  return result(cls === 'other' ? 'other' : cls);
}
