/**
 * Drafts leave Afterword as files and links the user's own mail program opens: an RFC 5322 .eml
 * (composed by nodemailer, never sent) and a mailto: link (RFC 6068).
 */
import { isEmailAddress } from '../../core/contact.js';
import type { EpochMs } from '../../core/time.js';
import { AppError } from '../errors.js';
import { cleanText, oneLine, wellFormed } from './text.js';

export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

export interface EmlMessage {
  readonly from: Mailbox;
  readonly to: readonly Mailbox[];
  readonly cc?: readonly Mailbox[];
  readonly subject: string;
  readonly text: string;
  /** The Date header; nodemailer's clock when absent. */
  readonly date?: EpochMs;
  /** Mark the message unsent (`X-Unsent: 1`) so Outlook opens it as a draft to send. Default true. */
  readonly draft?: boolean;
  /** The Message-ID header (`<…@…>`); nodemailer makes one when absent. The outbox keeps one per note. */
  readonly messageId?: string;
}

export interface MailtoFields {
  readonly to: readonly (Mailbox | string)[];
  readonly cc?: readonly (Mailbox | string)[];
  readonly subject?: string;
  readonly body?: string;
}

/** The address, trimmed, or a `bad_input` AppError naming the field (the rule: core/contact.ts, as the profile's). */
export function checkAddress(address: string, field: string): string {
  const trimmed = address.trim();
  if (!isEmailAddress(trimmed)) {
    const shown = oneLine(trimmed).slice(0, 80);
    throw new AppError({ reason: 'eml.address', params: { value: shown } }, { path: field });
  }
  return trimmed;
}

function mailbox(box: Mailbox, field: string): { name: string; address: string } {
  return { name: oneLine(box.name ?? ''), address: checkAddress(box.address, field) };
}

/**
 * The message as RFC 5322 bytes (CRLF line ends, encoded words for non-ASCII names and subjects,
 * quoted-printable text). CR/LF in the subject or names become spaces: they cannot start a header.
 * A malformed address or a message without recipients is a `bad_input` AppError.
 */
export async function renderEml(message: EmlMessage): Promise<Buffer> {
  if (message.to.length === 0) throw new AppError({ reason: 'eml.no_recipient' }, { path: 'to' });
  // nodemailer is loaded here, when a message is composed, not by every command that imports this module.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: mailbox(message.from, 'from'),
    to: message.to.map((m, i) => mailbox(m, `to[${i}]`)),
    cc: (message.cc ?? []).map((m, i) => mailbox(m, `cc[${i}]`)),
    subject: oneLine(message.subject),
    text: cleanText(message.text).replace(/\n/g, '\r\n'),
    ...(message.date !== undefined ? { date: new Date(message.date) } : {}),
    ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
    ...(message.draft ?? true ? { headers: { 'X-Unsent': '1' } } : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  if (!Buffer.isBuffer(info.message)) throw new AppError({ reason: 'eml.stream' }, { at: 'eml' });
  return info.message;
}

/** Percent-encodes UTF-8 (RFC 3986); lone surrogates, which have no UTF-8 form, become U+FFFD first. */
function pct(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

function addressOf(entry: Mailbox | string, field: string): string {
  return checkAddress(typeof entry === 'string' ? entry : entry.address, field);
}

/**
 * A `mailto:` URI (RFC 6068): addresses in the path and `cc`, subject and body as percent-encoded
 * UTF-8 (spaces as %20, line breaks as %0D%0A). Malformed addresses are a `bad_input` AppError.
 */
export function mailtoLink(fields: MailtoFields): string {
  const encodeAddress = (a: string): string => pct(a).replace(/%40/g, '@');
  const to = fields.to.map((a, i) => encodeAddress(addressOf(a, `to[${i}]`))).join(',');
  const query: string[] = [];
  const cc = (fields.cc ?? []).map((a, i) => encodeAddress(addressOf(a, `cc[${i}]`)));
  if (cc.length > 0) query.push(`cc=${cc.join(',')}`);
  if (fields.subject !== undefined && fields.subject !== '') query.push(`subject=${pct(oneLine(fields.subject))}`);
  if (fields.body !== undefined && fields.body !== '') query.push(`body=${pct(cleanText(fields.body).replace(/\n/g, '\r\n'))}`);
  return `mailto:${to}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
