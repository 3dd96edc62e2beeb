/**
 * The mailbox link's port (issue 16): the linked account, where each folder's sync stopped, the
 * messages seen and the proposals made from them. Every method is atomic and joins a use case's
 * transaction (`Store.transaction`), so a message and the touch it became are stored together.
 */
import type { EpochMs } from '../../core/time.js';
import type {
  MailAccount, MailAccountStatus, MailFolderState, MailMessageRecord, MailMessageResult, MailProposal, MailProposalKind, MailProposalStatus,
} from './types.js';

/** A user's id (ports.ts's `UserId`; not imported: ports.ts imports this file). */
type UserId = string;

export interface NewMailProposal {
  readonly applicationId: string;
  readonly messageId: string;
  readonly kind: MailProposalKind;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: EpochMs;
}

export interface MailStore {
  getAccount(userId: UserId): Promise<MailAccount | undefined>;
  /** Links the mailbox (replacing a linked one); a different server or login forgets where each folder stopped. */
  saveAccount(userId: UserId, account: MailAccount): Promise<void>;
  /** Unlinks the mailbox: the account and its folders' state go; the messages seen stay (no second touch later). */
  deleteAccount(userId: UserId): Promise<boolean>;
  /**
   * The job seekers' linked mailboxes whose timed sync is due at `now` (never synced, or their next
   * sync's moment has come) and that no server process holds a lease on, soonest due first.
   */
  dueSyncs(now: EpochMs, limit: number): Promise<readonly UserId[]>;
  /**
   * Takes the sync lease of the user's mailbox for `owner` until `until` (or extends it, when `owner`
   * holds it) if no other owner's lease runs past `now` and, with `dueOnly`, the timed sync is due.
   * One statement, so two server processes never both take it. With `takeOver`, another owner's
   * lease is taken all the same (the embedded database, which one process opens: any other owner
   * was a process that stopped). Returns the failures in a row so far, or undefined when it was not
   * taken (or no mailbox is linked).
   */
  leaseSync(userId: UserId, owner: string, now: EpochMs, until: EpochMs, dueOnly: boolean, takeOver?: boolean): Promise<{ readonly failures: number } | undefined>;
  /** Lets `owner`'s lease go and sets when the timed sync is next due and the failures in a row. */
  endSync(userId: UserId, owner: string, nextAt: EpochMs, failures: number): Promise<void>;
  /** Records how the last connection or sync went. */
  setAccountStatus(userId: UserId, status: MailAccountStatus, lastError: string | undefined, lastSyncAt?: EpochMs): Promise<void>;

  listFolders(userId: UserId): Promise<readonly MailFolderState[]>;
  saveFolder(userId: UserId, folder: MailFolderState): Promise<void>;
  /** Forgets where every folder stopped: the next sync reads them all again (what it already saw stays seen). */
  resetFolders(userId: UserId): Promise<void>;

  /** Which of `messageIds` were seen already. */
  seenMessages(userId: UserId, messageIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Remembers messages; one already seen (by Message-ID) is left as it was. Returns the ids newly stored. */
  addMessages(userId: UserId, messages: readonly MailMessageRecord[]): Promise<readonly string[]>;
  /** The matched messages' Message-IDs with their application and what they became: the threads replies are matched by. */
  threads(userId: UserId): Promise<readonly (readonly [messageId: string, applicationId: string, result: MailMessageResult])[]>;
  /** How many messages were seen, by what they became. */
  countMessages(userId: UserId): Promise<Readonly<Record<MailMessageResult, number>>>;

  addProposal(userId: UserId, proposal: NewMailProposal): Promise<MailProposal>;
  getProposal(userId: UserId, id: number): Promise<MailProposal | undefined>;
  /** The user's proposals, newest first, of this status when given. */
  listProposals(userId: UserId, status?: MailProposalStatus): Promise<readonly MailProposal[]>;
  /** Accepts or dismisses a pending proposal; undefined when there is no pending one with that id. */
  decideProposal(userId: UserId, id: number, status: Exclude<MailProposalStatus, 'pending'>, at: EpochMs): Promise<MailProposal | undefined>;
  /** A message seen, by its Message-ID. */
  getMessage(userId: UserId, messageId: string): Promise<MailMessageRecord | undefined>;
}
