/**
 * The employer's own new words in a message as pasted or as a mail's text part: pasted mail
 * headers, the greeting, quoted earlier messages ("> …", "On … wrote:", "-----Original
 * Message-----", an Outlook "From: … Sent: …" block), signatures, contact lines and legal
 * disclaimers are set apart, because only the new words say what the employer means.
 */

/** The most characters of a message that are read: a reply is a few paragraphs, not a book. */
export const REPLY_READ_MAX = 50_000;

export interface OwnText {
  /** The new text, one line per line kept (paragraphs separated by an empty line). */
  readonly lines: readonly string[];
  /** The subject, when the paste began with mail headers ("Subject: Automatic reply: …"). */
  readonly subject: string | undefined;
  /** The lines set apart as the signature, contact lines included (to find who wrote). */
  readonly signature: readonly string[];
}

const HEADER = /^(from|to|cc|bcc|subject|date|sent|reply-to|importance)\s*:\s?(.*)$/i;
const QUOTED = /^\s*>/;
const WROTE = /\bwrote:\s*$/i;
const ON_LINE = /^\s*on\s.{3,}/i;
const ORIGINAL = /^\s*-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}/i;
const FORWARDED = /^\s*begin forwarded message\s*:?/i;
const RULE = /^\s*_{5,}\s*$/;
const FROM_BLOCK = /^\s*\*?from\s*:\*?\s+\S/i;
const FROM_BLOCK_NEXT = /^\s*\*?(sent|date|to|subject|cc)\s*:/i;
const SIG_DASHES = /^\s*(?:--|\u2014|\u2013)\s*$/;
const SENT_FROM = /^\s*sent from (?:my |outlook|mail for|yahoo|the \w+ app)/i;
const DISCLAIMER = new RegExp([
  '^\\s*\\**\\s*(?:confidential(?:ity)?(?: notice| note)?|disclaimer|legal notice|privacy notice)\\b',
  '^\\s*this (?:e-?mail|message|communication|transmission)(?: and any (?:files|attachments)(?: transmitted with it)?)? (?:is|are|may|contains?|and)',
  '^\\s*the (?:information|content)s? (?:contained )?in this (?:e-?mail|message)',
  '^\\s*if you (?:have )?received this (?:e-?mail|message|communication) in error',
  '^\\s*(?:please )?consider the environment',
  '^\\s*registered (?:office|in england)',
  '^\\s*[\\w&.,\' -]{2,60} is (?:a company )?registered in (?:england|scotland|wales)',
].join('|'), 'i');
const CLOSING_WORDS = [
  'best', 'best regards', 'kind regards', 'kindest regards', 'warm regards', 'warmest regards', 'regards', 'many thanks',
  'thanks', 'thank you', 'thanks again', 'thanks so much', 'thank you again', 'with thanks', 'all the best', 'best wishes',
  'with best wishes', 'warm wishes', 'sincerely', 'yours sincerely', 'sincerely yours', 'yours faithfully', 'yours truly',
  'cheers', 'respectfully', 'speak soon', 'talk soon', 'take care', 'all best', 'warmly', 'with kind regards', 'thanks and regards',
  'many thanks and best wishes', 'thank you and best regards',
].join('|');
const CLOSING = new RegExp(`^\\s*(?:${CLOSING_WORDS})\\s*[,.!]?\\s*$`, 'i');
const CLOSING_WITH_NAME = new RegExp(`^\\s*(?:${CLOSING_WORDS.replace(/\b\w/g, (c) => `[${c}${c.toUpperCase()}]`)}),\\s*\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*)?\\s*$`, 'u');
const GREETING = /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|morning)\b[^.!?]{0,60}[,!:\u2014-]?\s*$/i;
/** A name alone on the first line: "Jordan," */
const NAME_GREETING = /^\s*\p{Lu}[\p{Ll}'-]{1,30}\s*,\s*$/u;
const CONTACT = new RegExp([
  '^\\s*(?:[tmfpe]|tel|telephone|phone|mobile|mob|cell|fax|direct|direct line|office|switchboard|e-?mail|w|web|website)\\s*[:.|]\\s*\\S',
  '^\\s*[+(]?\\d[\\d\\s().-]{6,}\\d\\s*(?:\\(.{1,20}\\))?\\s*$',
  '^\\s*(?:https?://|www\\.)\\S+\\s*$',
  '^\\s*\\S+@\\S+\\.\\S+\\s*$',
  '\\S\\s+\\|\\s+\\S',
  '^\\s*\\d{1,5}\\s+[\\p{L}.\' ]{2,40}\\s(?:street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|way|drive|dr|place|square|suite)\\b',
].join('|'), 'iu');

/** True when the line opens quoted history; `next` are the lines after it. */
function opensHistory(line: string, next: readonly string[]): boolean {
  if (ORIGINAL.test(line) || FORWARDED.test(line)) return true;
  if (ON_LINE.test(line) && (WROTE.test(line) || (next[0] !== undefined && WROTE.test(next[0])))) return true;
  if (RULE.test(line) && next.slice(0, 2).some((l) => FROM_BLOCK.test(l))) return true;
  if (FROM_BLOCK.test(line)) return next.slice(0, 4).some((l) => FROM_BLOCK_NEXT.test(l));
  return false;
}

/** The employer's own new lines of `message` (see the module comment). Never throws. */
export function ownText(message: string): OwnText {
  const all = message.slice(0, REPLY_READ_MAX)
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u202F]/g, ' ')
    .split('\n');
  let i = 0;
  let subject: string | undefined;
  // Mail headers pasted above the body.
  while (i < all.length && (all[i] ?? '').trim() === '') i++;
  const headerStart = i;
  while (i < all.length) {
    const m = HEADER.exec(all[i] ?? '');
    if (!m) break;
    if ((m[1] ?? '').toLowerCase() === 'subject') subject = (m[2] ?? '').trim();
    i++;
  }
  if (i - headerStart < 2 && subject === undefined) i = headerStart;
  const kept: string[] = [];
  const signature: string[] = [];
  let inSignature = false;
  let greeted = false;
  for (; i < all.length; i++) {
    const line = all[i] ?? '';
    if (opensHistory(line, all.slice(i + 1, i + 5))) break;
    if (DISCLAIMER.test(line)) break;
    if (QUOTED.test(line)) continue;
    if (inSignature) {
      signature.push(line);
      continue;
    }
    const hasContent = kept.some((l) => l.trim() !== '');
    // The greeting ("Hi Jordan,") is no sentence of the message, and no content before a closing.
    if (!hasContent && !greeted && (GREETING.test(line) || NAME_GREETING.test(line))) {
      greeted = true;
      continue;
    }
    if (SIG_DASHES.test(line) || SENT_FROM.test(line) || (hasContent && (CLOSING.test(line) || CLOSING_WITH_NAME.test(line)))) {
      inSignature = true;
      signature.push(line);
      continue;
    }
    if (CONTACT.test(line)) {
      signature.push(line);
      continue;
    }
    kept.push(line.trimEnd());
  }
  // A signature without a closing: short unpunctuated lines at the end (name, title, company).
  while (kept.length > 0) {
    const last = (kept[kept.length - 1] ?? '').trim();
    const words = last.split(/\s+/).length;
    const isSentenceEnd = /[.!?:;)"\u201D]$/.test(last);
    const earlier = kept.slice(0, -1).some((l) => /[.!?]/.test(l));
    if (last === '' || (earlier && words <= 5 && !isSentenceEnd)) {
      const line = kept.pop();
      if (last !== '' && line !== undefined) signature.unshift(line);
    } else {
      break;
    }
  }
  return { lines: kept, subject, signature };
}
