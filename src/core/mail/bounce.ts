/**
 * Delivery reports: whether a message is a bounce, and which recipients failed and why. Read from
 * the machine-readable part (RFC 3464 message/delivery-status: Final-Recipient, Action, Status,
 * Diagnostic-Code) when there is one, else from the words of Postfix, Exim, Exchange and Gmail
 * reports. A delayed delivery ("will retry") is no bounce.
 */
import type { MailHeaderFacts } from './headers.js';

export interface FailedRecipient {
  readonly address: string;
  /** The enhanced status code ("5.1.1"), when given. */
  readonly status: string | null;
  /** The receiving server's words, on one line, at most 300 characters. */
  readonly diagnostic: string | null;
  /** 5.1.x: the address does not exist (rather than a full mailbox or a refused message). */
  readonly addressWrong: boolean;
}

export interface Bounce {
  readonly failed: readonly FailedRecipient[];
}

const DAEMON = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|mail\.delivery\.subsystem|microsoftexchange[0-9a-f]*|bounce[s]?)@/;
const SUBJECT = /^(?:undeliverable|undelivered mail returned to sender|mail delivery failed|delivery status notification \(failure\)|returned mail|delivery (?:has )?failed|failure notice|message not delivered|non[- ]?delivery|could not send message|mail delivery subsystem|unzustellbar|non remis)\b/;
const DELAY = /\(delay\)|\b(?:delivery (?:has been )?delayed|delayed mail|not (?:been )?delivered yet|will (?:continue to )?retry|still trying|temporarily deferred|(?:action|status)\s*:\s*(?:delayed|4\.\d+\.\d+))/i;
/** A report that the failure is final ("if the delivery fails permanently" is not one). */
const PERMANENT = /\b(?:permanent (?:error|failure|fatal)|failed permanently|(?:could not|couldn't) be delivered|(?:wasn't|was not) delivered to|delivery (?:has )?failed to|following address(?:es)?(?:\(es\))? failed)/i;
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Whether the headers show a delivery report (a report part, a mailer daemon, a bounce's subject). */
export function looksLikeBounce(facts: MailHeaderFacts): boolean {
  const sender = facts.from[0]?.address ?? '';
  return facts.reportType === 'delivery-status' || DAEMON.test(sender) || facts.failedRecipients.length > 0
    || (SUBJECT.test(facts.subject.toLowerCase()) && facts.autoSubmitted !== null);
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, 300);

/** Recipients of a message/delivery-status part whose Action is failed. */
function fromReport(report: string): FailedRecipient[] {
  const out: FailedRecipient[] = [];
  // Per-recipient blocks are separated by an empty line; folded lines continue with spaces.
  for (const block of report.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ').split(/\n\s*\n/)) {
    const field = (name: string): string | null => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im').exec(block)?.[1]?.trim() ?? null;
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    const action = field('Action')?.toLowerCase() ?? '';
    if (recipient === null || !action.startsWith('failed')) continue;
    const address = EMAIL.exec(recipient)?.[0]?.toLowerCase();
    if (address === undefined) continue;
    const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(field('Status') ?? '')?.[1] ?? null;
    const diagnostic = field('Diagnostic-Code');
    out.push({ address, status, diagnostic: diagnostic === null ? null : oneLine(diagnostic.replace(/^smtp\s*;\s*/i, '')), addressWrong: status?.startsWith('5.1.') ?? false });
  }
  return out;
}

const WRONG_WORDS = /\b(?:user unknown|unknown user|no such user|address not found|does not exist|doesn't exist|recipient not found|mailbox unavailable|not a valid|invalid recipient|unknown recipient|recipient address rejected|couldn't be found|could not be found|no mailbox|mailbox not found|account (?:has been )?disabled|resolver\.adr\.recipientnotfound|5\.1\.[0-9])\b/i;

/** Recipients named as failed in a report's words (Postfix "<a@b>: host … said: 550 5.1.1 …", Exchange, Gmail). */
function fromWords(text: string): FailedRecipient[] {
  const out: FailedRecipient[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const add = (address: string, context: string): void => {
    const a = address.toLowerCase();
    if (seen.has(a)) return;
    seen.add(a);
    const status = /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(context)?.[1] ?? null;
    out.push({ address: a, status, diagnostic: oneLine(context) || null, addressWrong: (status?.startsWith('5.1.') ?? false) || WRONG_WORDS.test(context) });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*>/.test(line)) continue;
    // The original message's headers come after the report: stop there.
    if (/^\s*(?:-{2,}\s*(?:original message|below this line is a copy)|original message headers|-+ this is a copy of the message|-+ original message follows)/i.test(line)) break;
    const context = lines.slice(i, i + 4).join(' ');
    const postfix = /^\s*<([^<>\s]+@[^<>\s]+)>\s*(?:\(expanded from [^)]*\))?\s*:/.exec(line);
    const alone = /^\s*<?([^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,})>?\s*$/.exec(line);
    const sentence = /\b(?:message (?:to|wasn't delivered to|was not delivered to)|delivery to|couldn't be delivered to|could not be delivered to|following (?:address|recipient)s? failed|failed recipient|your message to)\b[^@]{0,40}?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/i.exec(line);
    if (postfix?.[1] !== undefined) add(postfix[1], context);
    else if (sentence?.[1] !== undefined) add(sentence[1], context);
    else if (alone?.[1] !== undefined && /fail|permanent|fatal|could not be delivered|couldn't be delivered|undeliverable/i.test(lines.slice(Math.max(0, i - 3), i).join(' '))) add(alone[1], context);
  }
  return out;
}

/**
 * The bounce in a message, or null when it is none (or only a delay). `report` is the text of its
 * message/delivery-status part when it has one; `text` its human-readable part.
 */
export function bounceOf(facts: MailHeaderFacts, text: string, report?: string): Bounce | null {
  const subject = facts.subject.toLowerCase();
  const isReport = looksLikeBounce(facts) || SUBJECT.test(subject);
  if (!isReport && report === undefined) return null;
  const structured = report !== undefined ? fromReport(report) : [];
  if (report !== undefined && structured.length === 0 && DELAY.test(report)) return null;
  if (structured.length === 0 && DELAY.test(`${subject} ${text.slice(0, 2000)}`) && !PERMANENT.test(text.slice(0, 2000))) return null;
  const words = structured.length > 0 ? [] : fromWords(text.slice(0, 50_000));
  const fromHeader = facts.failedRecipients.filter((a) => !words.some((w) => w.address === a)).map((address): FailedRecipient => ({ address, status: null, diagnostic: null, addressWrong: true }));
  const failed = structured.length > 0 ? structured : [...words, ...fromHeader];
  if (failed.length === 0 && !isReport) return null;
  return { failed };
}
