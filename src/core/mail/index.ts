/**
 * Reading mail (issue 16): pure functions the mailbox sync (src/app/mail) calls. Headers to facts
 * (headers.ts), facts to an application (match.ts, domains.ts), a body to the text to read
 * (text.ts), a sent message to its kind of touch (sent.ts), and an inbound message to what it says
 * (inbound.ts, bounce.ts; the employer's words through src/core/replies). No IO, no clock.
 */
export {
  decodeWords, headerMap, NO_FACTS, oneLine, parseAddressList, parseHeaderBlock, parseMailDate, parseMessageIds,
  type MailAddress, type MailHeaderFacts,
} from './headers.js';
export { FREE_MAIL, HIRING_PLATFORMS, HIRING_SYSTEMS, JOB_BOARDS, isLookalike, registrableDomain, skeleton, unicodeHost } from './domains.js';
export {
  buildMatchIndex, matchMessage, type MailMatch, type MatchApplication, type MatchBy, type MatchIndex, type MatchIndexOptions,
  type SuspiciousSender,
} from './match.js';
export { htmlToText, mailText, MAIL_TEXT_MAX, HTML_READ_MAX, type MailBody, type MailText } from './text.js';
export { inferSentKind, THANK_YOU_WITHIN_MS, type SentKind, type SentKindWhy, type SentMessage } from './sent.js';
export { bounceOf, looksLikeBounce, type Bounce, type FailedRecipient } from './bounce.js';
export {
  MAIL_CLASSES, readInbound, type IgnoreWhy, type InboundContext, type InboundMessage, type InboundReading, type MailClass,
} from './inbound.js';
