/**
 * What a message's headers say, as plain facts: who wrote to whom, when, in which thread, and
 * whether a machine sent it (auto-replies, bulk mail, delivery reports). The sync reads these before
 * it fetches any body, so everything here comes from headers only. `parseHeaderBlock` reads a raw
 * header block (RFC 5322, with RFC 2047 encoded words); a caller with a parser of its own may fill
 * `MailHeaderFacts` itself. Pure: no IO, no clock; never throws.
 */
import { dayIfValid, type EpochMs } from '../time.js';

export interface MailAddress {
  /** The display name, decoded, on one line, without control characters; '' when none. */
  readonly name: string;
  /** `local@domain`, lower case. */
  readonly address: string;
}

export interface MailHeaderFacts {
  readonly from: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  /** The Date header as an instant; null when missing or unreadable. */
  readonly date: EpochMs | null;
  /** Decoded, on one line; '' when none. */
  readonly subject: string;
  /** Message-IDs without angle brackets. */
  readonly messageId: string | null;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  /** `Auto-Submitted` (RFC 3834), lower case: 'auto-replied', 'auto-generated'; null when absent or 'no'. */
  readonly autoSubmitted: string | null;
  /** `Precedence`, lower case: 'bulk', 'list', 'junk', 'auto_reply'; null when absent. */
  readonly precedence: string | null;
  /** The top-level media type, lower case: 'multipart/report', 'text/plain'. */
  readonly contentType: string;
  /** `report-type` of a multipart/report, lower case: 'delivery-status'. */
  readonly reportType: string | null;
  /** A mailing list's markers: List-Id or List-Unsubscribe. */
  readonly listed: boolean;
  /** Vendor auto-reply markers: X-Autoreply, X-Autorespond, Exchange's out-of-office class, Precedence: auto_reply. */
  readonly autoReplyMarker: boolean;
  /** `X-Failed-Recipients` (Exim, Gmail): the addresses a bounce says failed. */
  readonly failedRecipients: readonly string[];
}

/** Facts with nothing in them: the base a caller with its own parser spreads over. */
export const NO_FACTS: MailHeaderFacts = {
  from: [], replyTo: [], to: [], cc: [], bcc: [], date: null, subject: '', messageId: null, inReplyTo: [], references: [],
  autoSubmitted: null, precedence: null, contentType: 'text/plain', reportType: null, listed: false, autoReplyMarker: false,
  failedRecipients: [],
};

/** The most header text read: a real header block is a few kilobytes. */
export const HEADER_READ_MAX = 256_000;
/** The longest name or subject kept. */
const TEXT_MAX = 998;

/** CR, LF and other control characters out, runs of space to one: a name can never start a new header line. */
export function oneLine(text: string, max = TEXT_MAX): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase() === 'utf8' ? 'utf-8' : charset, { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(ch);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function qBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '_') out.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ch.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** RFC 2047 encoded words decoded ("=?UTF-8?B?Sm9zw6k=?=" → "José"); space between two encoded words dropped. */
export function decodeWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text.replace(/(\?=)\s+(?==\?)/g, '$1').replace(ENCODED_WORD, (_all, charset: string, enc: string, data: string) => {
    const bytes = enc.toUpperCase() === 'B' ? base64Bytes(data) : qBytes(data);
    return decodeBytes(bytes, charset.split('*')[0] ?? 'utf-8');
  });
}

/** Splits at `sep` outside quotes, angle brackets and comments. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let angle = false;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (quoted) {
      if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === sep && depth === 0 && !angle) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const ADDR = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

function cleanAddress(raw: string): string | null {
  const a = raw.trim().replace(/^mailto:/i, '').replace(/\.$/, '').toLowerCase();
  return ADDR.test(a) && a.length <= 254 ? a : null;
}

/** An address list header ("To", "Cc"…) read into addresses; malformed entries are left out. */
export function parseAddressList(value: string): MailAddress[] {
  const out: MailAddress[] = [];
  // A group "Team: a@x, b@y;" keeps its members.
  const text = value.replace(/^[^"<>@,]*:(?!\/\/)/, '').replace(/;\s*$/, '');
  for (const part of splitOutside(text, ',')) {
    const p = part.trim();
    if (p === '') continue;
    const angle = /<([^<>]*)>\s*(?:\([^)]*\)\s*)?$/.exec(p);
    let address: string | null;
    let name: string;
    if (angle) {
      address = cleanAddress(angle[1] ?? '');
      name = p.slice(0, angle.index);
    } else {
      const comment = /\(([^)]*)\)/.exec(p);
      address = cleanAddress(p.replace(/\([^)]*\)/g, ''));
      name = comment?.[1] ?? '';
    }
    if (address === null) continue;
    name = oneLine(decodeWords(name.trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1')), 200);
    out.push({ name, address });
  }
  return out;
}

/** Message-IDs in a header ("<a@b> <c@d>"), without brackets. */
export function parseMessageIds(value: string): string[] {
  const ids = [...value.matchAll(/<([^<>\s]{1,250})>/g)].map((m) => m[1] ?? '');
  if (ids.length > 0) return ids;
  return value.split(/[\s,]+/).filter((t) => /^[^<>\s]{3,250}@[^<>\s]+$/.test(t));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Readonly<Record<string, number>> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

/** An RFC 5322 date ("Tue, 3 Mar 2026 10:15:00 +0000") as an instant; null when unreadable. */
export function parseMailDate(value: string): EpochMs | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(value);
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  let year = Number(m[3]);
  if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  const day = dayIfValid(year, month, Number(m[1]));
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = Number(m[6] ?? 0);
  if (day === null || month === 0 || hours > 23 || minutes > 59 || seconds > 60) return null;
  const zone = m[7] ?? '+0000';
  let offset: number;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else {
    offset = ZONES[zone.toLowerCase()] ?? 0;
  }
  return ((day * 24 + hours) * 60 + minutes - offset) * 60_000 + Math.min(seconds, 59) * 1000;
}

/** Header name (lower case) → values in order; folded lines joined. */
export function headerMap(raw: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const text = raw.slice(0, HEADER_READ_MAX).replace(/\r\n?/g, '\n');
  const end = text.indexOf('\n\n');
  const lines = (end >= 0 ? text.slice(0, end) : text).split('\n');
  let name: string | null = null;
  let value = '';
  const flush = (): void => {
    if (name !== null) map.set(name, [...(map.get(name) ?? []), value.trim()]);
    name = null;
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && name !== null) {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const m = /^([!-9;-~]{1,76}):[ \t]?(.*)$/.exec(line);
    if (m) {
      name = (m[1] ?? '').toLowerCase();
      value = m[2] ?? '';
    }
  }
  flush();
  return map;
}

/** The facts of a raw header block (the body after the first empty line is ignored). Never throws. */
export function parseHeaderBlock(raw: string): MailHeaderFacts {
  const h = headerMap(raw);
  const first = (name: string): string => h.get(name)?.[0] ?? '';
  const all = (name: string): string => (h.get(name) ?? []).join(', ');
  const ct = first('content-type');
  const type = (/^\s*([\w.+-]+\/[\w.+-]+)/.exec(ct)?.[1] ?? 'text/plain').toLowerCase();
  const report = /report-type\s*=\s*"?([\w.-]+)"?/i.exec(ct)?.[1]?.toLowerCase() ?? null;
  const auto = first('auto-submitted').toLowerCase().split(';')[0]?.trim() ?? '';
  const precedence = first('precedence').toLowerCase().trim();
  const vendorAuto = h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoresponder')
    || /ipm\.note\.rules\.(?:oof|replytemplate)/i.test(first('x-ms-exchange-message-class') + first('content-class'));
  const messageId = parseMessageIds(first('message-id'))[0] ?? null;
  return {
    from: parseAddressList(first('from')),
    replyTo: parseAddressList(first('reply-to')),
    to: parseAddressList(all('to')),
    cc: parseAddressList(all('cc')),
    bcc: parseAddressList(all('bcc')),
    date: parseMailDate(first('date')),
    subject: oneLine(decodeWords(first('subject'))),
    messageId,
    inReplyTo: parseMessageIds(first('in-reply-to')),
    references: parseMessageIds(all('references')).slice(-100),
    autoSubmitted: auto === '' || auto === 'no' ? null : auto,
    precedence: precedence === '' ? null : precedence,
    contentType: type,
    reportType: type === 'multipart/report' ? report : null,
    listed: h.has('list-id') || h.has('list-unsubscribe'),
    autoReplyMarker: vendorAuto || precedence === 'auto_reply',
    failedRecipients: all('x-failed-recipients').split(',').map((a) => cleanAddress(a)).filter((a): a is string => a !== null),
  };
}
