/**
 * The mailbox link's records (issue 16) as plain types and their enumerations: the account, the
 * sync state of each folder, the messages seen, the proposals made from them and the outbox. The
 * schema (store/schema.ts) checks its columns against these constants.
 */
import type { ReplyClass } from '../../core/replies/cues.js';
import { REPLY_CLASSES } from '../../core/replies/cues.js';
import type { TouchKind } from '../../core/model.js';
import type { EpochMs } from '../../core/time.js';

/** How a connection is secured: TLS from the start, STARTTLS, or none (loopback only). */
export const MAIL_SECURITIES = ['tls', 'starttls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITIES)[number];

/** How the login is made: an app password today; XOAUTH2 later takes the same place. */
export const MAIL_AUTH_METHODS = ['password', 'xoauth2'] as const;
export type MailAuthMethod = (typeof MAIL_AUTH_METHODS)[number];

/** Whether the last connection or sync worked. */
export const MAIL_ACCOUNT_STATUSES = ['connected', 'failing'] as const;
export type MailAccountStatus = (typeof MAIL_ACCOUNT_STATUSES)[number];

/** What a message seen in the mailbox became. */
export const MAIL_MESSAGE_RESULTS = ['touch', 'proposal', 'bounce', 'ignored'] as const;
export type MailMessageResult = (typeof MAIL_MESSAGE_RESULTS)[number];

/** A proposal's kind: the reply reader's class, or a bounce (the address is wrong). */
export const MAIL_PROPOSAL_KINDS = [...REPLY_CLASSES, 'bounce'] as const;
export type MailProposalKind = ReplyClass | 'bounce';

export const MAIL_PROPOSAL_STATUSES = ['pending', 'accepted', 'dismissed'] as const;
export type MailProposalStatus = (typeof MAIL_PROPOSAL_STATUSES)[number];

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'cancelled', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A secret sealed with AES-256-GCM (each part base64). */
export interface SealedSecret {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/** One server endpoint (IMAP or SMTP). */
export interface MailEndpoint {
  readonly host: string;
  readonly port: number;
  readonly security: MailSecurity;
  /**
   * The address to connect to, when `host` was looked up and checked first (a shared server's
   * guard): the connection goes there, and TLS still checks the certificate against `host`. Never stored.
   */
  readonly connectTo?: string;
}

/** The user's linked mailbox; the secret stays sealed until a connection needs it. */
export interface MailAccount {
  readonly imap: MailEndpoint;
  readonly smtp: MailEndpoint;
  readonly login: string;
  /** The user's own address: what tells sent mail from received mail. */
  readonly address: string;
  readonly authMethod: MailAuthMethod;
  readonly secret: SealedSecret;
  readonly status: MailAccountStatus;
  readonly lastError?: string;
  readonly connectedAt: EpochMs;
  readonly lastSyncAt?: EpochMs;
}

/** Where the sync of one folder stopped. */
export interface MailFolderState {
  readonly path: string;
  readonly specialUse?: string;
  readonly uidValidity: number;
  /** The highest UID read and stored; the next sync asks for UIDs above it. */
  readonly lastUid: number;
  /** The folder's HIGHESTMODSEQ at that point (CONDSTORE), as decimal text (it may exceed 2^53). */
  readonly highestModseq?: string;
  /** The earliest date this folder has been read from. */
  readonly since: EpochMs;
}

/** A message seen in the mailbox (its body is never kept). */
export interface MailMessageRecord {
  readonly messageId: string;
  readonly folder: string;
  readonly uidValidity: number;
  readonly uid: number;
  readonly from?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly date?: EpochMs;
  readonly subject?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly applicationId?: string;
  readonly personId?: string;
  readonly result: MailMessageResult;
  /** The touch it became (its place in the application's history), for `touch`. */
  readonly touchSeq?: number;
  readonly touchKind?: TouchKind;
  readonly seenAt: EpochMs;
}

export interface MailProposal {
  readonly id: number;
  readonly applicationId: string;
  readonly messageId: string;
  readonly kind: MailProposalKind;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: MailProposalStatus;
  readonly createdAt: EpochMs;
  readonly decidedAt?: EpochMs;
}

export interface OutboxItem {
  readonly id: number;
  readonly applicationId: string;
  readonly personId?: string;
  readonly kind: TouchKind;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly body: string;
  /** A stable Message-ID (`<…@…>`), the same on every attempt: what makes a send exactly once. */
  readonly messageId: string;
  readonly sendAt: EpochMs;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError?: string;
  /** When a sender took it (status `sending`). */
  readonly claimedAt?: EpochMs;
  readonly sentAt?: EpochMs;
  readonly cancelledReason?: string;
  readonly createdAt: EpochMs;
}
