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

  const cls = reply.class;
  if (cls !== 'other' && DECISIVE.has(cls)) return result(cls);
  const automatic = f.autoSubmitted !== null || f.autoReplyMarker;
  if (cls === 'out_of_office') return result('out_of_office');
  const head = `${f.subject}\n${message.text.slice(0, 20_000)}`;
  const bulk = f.listed || f.precedence === 'bulk' || f.precedence === 'list' || f.precedence === 'junk';
  if (bulk || JOB_ALERT.test(f.subject)) {
    if (JOB_ALERT.test(head)) return result('ignore', 'job_alert');
    return result('ignore', f.listed ? 'mailing_list' : 'marketing');
  }
  if (ACKNOWLEDGEMENT.test(head) || (automatic && cls !== 'question')) return result('auto_reply');
  if (cls === 'question') return result('question');
  if (MARKETING.test(head) && reply.sentences.length > 3) return result('ignore', 'marketing');
  return result(cls === 'other' ? 'other' : cls);
}
