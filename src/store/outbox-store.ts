/**
 * `OutboxStore` over the same drizzle database as the records (table `mail_outbox`). A claim is one
 * transaction: `SELECT … FOR UPDATE SKIP LOCKED` on the due rows, then each becomes `sending`; a row
 * another sender holds is skipped, not waited for.
 */
import { and, asc, eq, inArray, lt, lte, min, or, sql } from 'drizzle-orm';
import type { ClaimedItem, NewOutboxItem, OutboxStore } from '../app/mail/outbox-port.js';
import type { OutboxItem, OutboxStatus } from '../app/mail/types.js';
import type { UserId } from '../app/ports.js';
import type { EpochMs } from '../core/time.js';
import type { Executor } from './drizzle-store.js';
import * as s from './schema.js';

type Row = typeof s.mailOutbox.$inferSelect;
/** Runs `fn` on the current executor (joining a use case's transaction). */
type Run = <T>(fn: (q: Executor) => Promise<T>) => Promise<T>;
/** A write of one user's: the user's row locked first, as every write of the records. */
type Write = <T>(userId: UserId, fn: (q: Executor) => Promise<T>) => Promise<T>;

function toItem(r: Row): OutboxItem {
  return {
    id: r.id, applicationId: r.applicationId, kind: r.kind, to: r.toAddresses, cc: r.ccAddresses, subject: r.subject, body: r.body,
    messageId: r.messageId, sendAt: r.sendAt, status: r.status, attempts: r.attempts, createdAt: r.createdAt,
    ...(r.personId !== null ? { personId: r.personId } : {}), ...(r.lastError !== null ? { lastError: r.lastError } : {}),
    ...(r.claimedAt !== null ? { claimedAt: r.claimedAt } : {}), ...(r.sentAt !== null ? { sentAt: r.sentAt } : {}),
    ...(r.cancelledReason !== null ? { cancelledReason: r.cancelledReason } : {}),
  };
}

const o = s.mailOutbox;
const byId = (userId: UserId, id: number) => and(eq(o.userId, userId), eq(o.id, id));
/** The note's account is not deactivated: a deactivated account's notes wait, neither sent nor waking the sender, until it is reactivated. */
const accountActive = sql`not exists (select 1 from ${s.users} where ${s.users.id} = ${o.userId} and ${s.users.deactivatedAt} is not null)`;
/** Longest error kept: the server's words, shortened. */
const MAX_ERROR = 500;

export class DrizzleOutbox implements OutboxStore {
  constructor(private readonly run: Run, private readonly atomic: Run, private readonly write: Write) {}

  add(userId: UserId, item: NewOutboxItem): Promise<OutboxItem> {
    return this.write(userId, async (q) => {
      const [top] = await q.select({ id: sql<number>`coalesce(max(${o.id}), 0)::int` }).from(o).where(eq(o.userId, userId));
      const [row] = await q.insert(o).values({
        userId, id: (top?.id ?? 0) + 1, applicationId: item.applicationId, personId: item.personId ?? null, kind: item.kind,
        toAddresses: [...item.to], ccAddresses: [...item.cc], subject: item.subject, body: item.body, messageId: item.messageId,
        sendAt: item.sendAt, status: 'queued', attempts: 0, createdAt: item.createdAt,
      }).returning();
      if (!row) throw new Error('outbox: the insert returned no row');
      return toItem(row);
    });
  }

  get(userId: UserId, id: number): Promise<OutboxItem | undefined> {
    return this.run(async (q) => {
      const [row] = await q.select().from(o).where(byId(userId, id));
      return row ? toItem(row) : undefined;
    });
  }

  list(userId: UserId, filter: { readonly statuses?: readonly OutboxStatus[]; readonly applicationId?: string } = {}): Promise<readonly OutboxItem[]> {
    return this.run(async (q) => {
      const rows = await q.select().from(o).where(and(
        eq(o.userId, userId),
        filter.statuses !== undefined ? inArray(o.status, [...filter.statuses]) : undefined,
        filter.applicationId !== undefined ? eq(o.applicationId, filter.applicationId) : undefined,
      )).orderBy(asc(o.sendAt), asc(o.id));
      return rows.map(toItem);
    });
  }

  claimDue(now: EpochMs, staleBefore: EpochMs, limit: number): Promise<readonly ClaimedItem[]> {
    return this.atomic(async (q) => {
      const due = await q.select({ userId: o.userId, id: o.id, status: o.status }).from(o)
        .where(and(or(and(eq(o.status, 'queued'), lte(o.sendAt, now)), and(eq(o.status, 'sending'), lt(o.claimedAt, staleBefore))), accountActive))
        .orderBy(asc(o.sendAt), asc(o.userId), asc(o.id)).limit(limit)
        .for('update', { skipLocked: true });
      const claimed: ClaimedItem[] = [];
      for (const d of due) {
        const [row] = await q.update(o).set({ status: 'sending', claimedAt: now, attempts: sql`${o.attempts} + 1` })
          .where(byId(d.userId, d.id)).returning();
        if (row) claimed.push({ userId: d.userId, item: toItem(row), resumed: d.status === 'sending' });
      }
      return claimed;
    });
  }

  markSent(userId: UserId, id: number, claimedAt: EpochMs, sentAt: EpochMs): Promise<boolean> {
    return this.run(async (q) => {
      const rows = await q.update(o).set({ status: 'sent', sentAt, lastError: null })
        .where(and(byId(userId, id), eq(o.status, 'sending'), eq(o.claimedAt, claimedAt))).returning({ id: o.id });
      return rows.length > 0;
    });
  }

  release(userId: UserId, id: number, claimedAt: EpochMs, outcome: { readonly retryAt: EpochMs; readonly error: string } | { readonly failed: string }): Promise<boolean> {
    return this.run(async (q) => {
      const set = 'failed' in outcome
        ? { status: 'failed' as const, lastError: outcome.failed.slice(0, MAX_ERROR), claimedAt: null }
        : { status: 'queued' as const, sendAt: outcome.retryAt, lastError: outcome.error.slice(0, MAX_ERROR), claimedAt: null };
      const rows = await q.update(o).set(set)
        .where(and(byId(userId, id), eq(o.status, 'sending'), eq(o.claimedAt, claimedAt))).returning({ id: o.id });
      return rows.length > 0;
    });
  }

  cancel(userId: UserId, which: { readonly id: number } | { readonly applicationId: string; readonly createdBefore: EpochMs }, reason: string): Promise<readonly OutboxItem[]> {
    return this.write(userId, async (q) => {
      const rows = await q.update(o).set({ status: 'cancelled', cancelledReason: reason, claimedAt: null })
        .where(and(
          eq(o.userId, userId), inArray(o.status, ['queued', 'failed']),
          'id' in which ? eq(o.id, which.id) : and(eq(o.applicationId, which.applicationId), lt(o.createdAt, which.createdBefore)),
        )).returning();
      return rows.map(toItem);
    });
  }

  reschedule(userId: UserId, id: number, at: EpochMs): Promise<OutboxItem | undefined> {
    return this.write(userId, async (q) => {
      const [row] = await q.update(o).set({ status: 'queued', sendAt: at, claimedAt: null })
        .where(and(byId(userId, id), inArray(o.status, ['queued', 'failed']))).returning();
      return row ? toItem(row) : undefined;
    });
  }

  nextWake(staleAfterMs: number): Promise<EpochMs | undefined> {
    return this.run(async (q) => {
      const [queued] = await q.select({ at: min(o.sendAt) }).from(o).where(and(eq(o.status, 'queued'), accountActive));
      const [claimed] = await q.select({ at: min(o.claimedAt) }).from(o).where(and(eq(o.status, 'sending'), accountActive));
      const times = [queued?.at, claimed?.at === null || claimed?.at === undefined ? undefined : claimed.at + staleAfterMs]
        .filter((t): t is EpochMs => typeof t === 'number');
      return times.length === 0 ? undefined : Math.min(...times);
    });
  }
}
