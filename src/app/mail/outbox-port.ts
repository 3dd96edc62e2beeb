/**
 * The outbox's port: notes the user scheduled, kept in the database until they leave. Every method
 * is atomic; `claimDue` takes rows the way `SELECT … FOR UPDATE SKIP LOCKED` does, so two senders
 * (two server processes on one PostgreSQL) never take the same note.
 */
import type { TouchKind } from '../../core/model.js';
import type { EpochMs } from '../../core/time.js';
import type { OutboxItem, OutboxStatus } from './types.js';

/** A user's id (ports.ts's `UserId`; not imported: ports.ts imports this file). */
type UserId = string;

export interface NewOutboxItem {
  readonly applicationId: string;
  readonly personId?: string;
  readonly kind: TouchKind;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly messageId: string;
  readonly sendAt: EpochMs;
  readonly createdAt: EpochMs;
}

/** A note a sender took, and whose it is. */
export interface ClaimedItem {
  readonly userId: UserId;
  /** As it is now: status `sending`, `claimedAt` the claim's moment, `attempts` counting this one. */
  readonly item: OutboxItem;
  /** It was `sending` already: a sender stopped between taking it and recording the result, so it may have left. */
  readonly resumed: boolean;
}

export interface OutboxStore {
  /** Queues a note; its id is the next free one of the user's. */
  add(userId: UserId, item: NewOutboxItem): Promise<OutboxItem>;
  get(userId: UserId, id: number): Promise<OutboxItem | undefined>;
  /** The user's notes, soonest first (then by id), of these statuses and this application when given. */
  list(userId: UserId, filter?: { readonly statuses?: readonly OutboxStatus[]; readonly applicationId?: string }): Promise<readonly OutboxItem[]>;
  /**
   * Takes up to `limit` notes of any user: queued ones due at `now`, and ones a sender took before
   * `staleBefore` and never finished. Each becomes `sending` with `claimedAt = now` and one more attempt.
   */
  claimDue(now: EpochMs, staleBefore: EpochMs, limit: number): Promise<readonly ClaimedItem[]>;
  /** Records that the note left; false when it was no longer this sender's (`claimedAt` differs). */
  markSent(userId: UserId, id: number, claimedAt: EpochMs, sentAt: EpochMs): Promise<boolean>;
  /** Gives a note back to the queue, to be tried at `retryAt` (a temporary failure), or marks it failed. */
  release(userId: UserId, id: number, claimedAt: EpochMs, outcome: { readonly retryAt: EpochMs; readonly error: string } | { readonly failed: string }): Promise<boolean>;
  /** Cancels queued (or failed) notes: one by id, or every one of an application scheduled before a moment; returns those cancelled. */
  cancel(userId: UserId, which: { readonly id: number } | { readonly applicationId: string; readonly createdBefore: EpochMs }, reason: string): Promise<readonly OutboxItem[]>;
  /** A queued or failed note to be sent at `at` (send now); undefined when it is in no such state. */
  reschedule(userId: UserId, id: number, at: EpochMs): Promise<OutboxItem | undefined>;
  /** The soonest moment a sender has something to do: a queued note's `sendAt`, or a stale claim's expiry. */
  nextWake(staleAfterMs: number): Promise<EpochMs | undefined>;
}
