/**
 * `MailStore` over the same drizzle database as the records (tables `mail_accounts`,
 * `mail_folders`, `mail_messages`, `mail_proposals`). Writes lock the user's row first, as every
 * write of the records does, and join a use case's transaction.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { MailStore, NewMailProposal } from '../app/mail/mail-port.js';
import {
  MAIL_MESSAGE_RESULTS,
  type MailAccount, type MailAccountStatus, type MailFolderState, type MailMessageRecord, type MailMessageResult, type MailProposal,
  type MailProposalStatus,
} from '../app/mail/types.js';
import type { UserId } from '../app/ports.js';
import type { EpochMs } from '../core/time.js';
import type { Executor } from './drizzle-store.js';
import * as s from './schema.js';

/** Runs `fn` on the current executor (joining a use case's transaction). */
type Run = <T>(fn: (q: Executor) => Promise<T>) => Promise<T>;
/** A write of one user's: the user's row locked first. */
type Write = <T>(userId: UserId, fn: (q: Executor) => Promise<T>) => Promise<T>;

const a = s.mailAccounts;
const f = s.mailFolders;
const m = s.mailMessages;
const p = s.mailProposals;
/** Longest error kept: the server's words, shortened. */
const MAX_ERROR = 500;
/** Message-IDs per statement when asking which were seen. */
const BATCH = 1_000;

/** `row` without its key columns: what an upsert sets. */
function omitKeys<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Omit<T, K> {
  const copy: Partial<T> = { ...row };
  for (const k of keys) delete copy[k];
  return copy as Omit<T, K>;
}

function toAccount(r: typeof a.$inferSelect): MailAccount {
  return {
    imap: { host: r.imapHost, port: r.imapPort, security: r.imapSecurity },
    smtp: { host: r.smtpHost, port: r.smtpPort, security: r.smtpSecurity },
    login: r.login,
    address: r.address,
    authMethod: r.authMethod,
    secret: { iv: r.secretIv, tag: r.secretTag, ciphertext: r.secretCiphertext },
    status: r.status,
    connectedAt: r.connectedAt,
    ...(r.lastError !== null ? { lastError: r.lastError } : {}),
    ...(r.lastSyncAt !== null ? { lastSyncAt: r.lastSyncAt } : {}),
  };
}

function toFolder(r: typeof f.$inferSelect): MailFolderState {
  return {
    path: r.path, uidValidity: r.uidValidity, lastUid: r.lastUid, since: r.since,
    ...(r.specialUse !== null ? { specialUse: r.specialUse } : {}),
    ...(r.highestModseq !== null ? { highestModseq: r.highestModseq } : {}),
  };
}

function toMessage(r: typeof m.$inferSelect): MailMessageRecord {
  return {
    messageId: r.messageId, folder: r.folder, uidValidity: r.uidValidity, uid: r.uid, to: r.toAddresses, cc: r.ccAddresses,
    references: r.references, result: r.result, seenAt: r.seenAt,
    ...(r.fromAddress !== null ? { from: r.fromAddress } : {}),
    ...(r.date !== null ? { date: r.date } : {}),
    ...(r.subject !== null ? { subject: r.subject } : {}),
    ...(r.inReplyTo !== null ? { inReplyTo: r.inReplyTo } : {}),
    ...(r.applicationId !== null ? { applicationId: r.applicationId } : {}),
    ...(r.personId !== null ? { personId: r.personId } : {}),
    ...(r.touchSeq !== null ? { touchSeq: r.touchSeq } : {}),
    ...(r.touchKind !== null ? { touchKind: r.touchKind } : {}),
  };
}

function toProposal(r: typeof p.$inferSelect): MailProposal {
  return {
    id: r.id, applicationId: r.applicationId, messageId: r.messageId, kind: r.kind, payload: r.payload, status: r.status, createdAt: r.createdAt,
    ...(r.decidedAt !== null ? { decidedAt: r.decidedAt } : {}),
  };
}

export class DrizzleMail implements MailStore {
  constructor(private readonly run: Run, private readonly write: Write) {}

  getAccount(userId: UserId): Promise<MailAccount | undefined> {
    return this.run(async (q) => {
      const [row] = await q.select().from(a).where(eq(a.userId, userId));
      return row ? toAccount(row) : undefined;
    });
  }

  saveAccount(userId: UserId, account: MailAccount): Promise<void> {
    return this.write(userId, async (q) => {
      const [before] = await q.select({ host: a.imapHost, port: a.imapPort, login: a.login }).from(a).where(eq(a.userId, userId));
      const row = {
        userId, imapHost: account.imap.host, imapPort: account.imap.port, imapSecurity: account.imap.security,
        smtpHost: account.smtp.host, smtpPort: account.smtp.port, smtpSecurity: account.smtp.security,
        login: account.login, address: account.address, authMethod: account.authMethod,
        secretIv: account.secret.iv, secretTag: account.secret.tag, secretCiphertext: account.secret.ciphertext,
        status: account.status, lastError: account.lastError?.slice(0, MAX_ERROR) ?? null, connectedAt: account.connectedAt,
        lastSyncAt: account.lastSyncAt ?? null,
        // Linked again: synced at the next look, its back-off forgotten (the lease stays with whoever holds it).
        nextSyncAt: null, syncFailures: 0,
      };
      await q.insert(a).values(row).onConflictDoUpdate({ target: a.userId, set: omitKeys(row, ['userId']) });
      // Another mailbox: its folders' UIDs mean nothing here.
      if (before && (before.host !== account.imap.host || before.port !== account.imap.port || before.login !== account.login)) {
        await q.delete(f).where(eq(f.userId, userId));
      }
    });
  }

  deleteAccount(userId: UserId): Promise<boolean> {
    return this.write(userId, async (q) => {
      const gone = await q.delete(a).where(eq(a.userId, userId)).returning({ userId: a.userId });
      return gone.length > 0;
    });
  }

  dueSyncs(now: EpochMs, limit: number): Promise<readonly UserId[]> {
    return this.run(async (q) => {
      const rows = await q.select({ userId: a.userId }).from(a).innerJoin(s.users, eq(s.users.id, a.userId))
        .where(and(
          eq(s.users.role, 'seeker'),
          // A deactivated account's mailbox waits, linked as it was, until it is reactivated.
          isNull(s.users.deactivatedAt),
          or(isNull(a.nextSyncAt), lte(a.nextSyncAt, now)),
          or(isNull(a.syncLeaseUntil), lte(a.syncLeaseUntil, now)),
        ))
        .orderBy(sql`${a.nextSyncAt} asc nulls first`, asc(a.userId)).limit(limit);
      return rows.map((r) => r.userId);
    });
  }

  leaseSync(userId: UserId, owner: string, now: EpochMs, until: EpochMs, dueOnly: boolean, takeOver = false): Promise<{ readonly failures: number } | undefined> {
    return this.run(async (q) => {
      // Under READ COMMITTED a second server's UPDATE waits for the first's and then sees its lease: only one takes it.
      const [row] = await q.update(a).set({ syncOwner: owner, syncLeaseUntil: until })
        .where(and(
          eq(a.userId, userId),
          takeOver ? undefined : or(isNull(a.syncLeaseUntil), lte(a.syncLeaseUntil, now), eq(a.syncOwner, owner)),
          dueOnly ? or(isNull(a.nextSyncAt), lte(a.nextSyncAt, now)) : undefined,
        ))
        .returning({ failures: a.syncFailures });
      return row ? { failures: row.failures } : undefined;
    });
  }

  endSync(userId: UserId, owner: string, nextAt: EpochMs, failures: number): Promise<void> {
    return this.run(async (q) => {
      await q.update(a).set({ syncOwner: null, syncLeaseUntil: null, nextSyncAt: nextAt, syncFailures: failures })
        .where(and(eq(a.userId, userId), eq(a.syncOwner, owner)));
    });
  }

  setAccountStatus(userId: UserId, status: MailAccountStatus, lastError: string | undefined, lastSyncAt?: EpochMs): Promise<void> {
    return this.write(userId, async (q) => {
      await q.update(a).set({
        status, lastError: lastError?.slice(0, MAX_ERROR) ?? null, ...(lastSyncAt !== undefined ? { lastSyncAt } : {}),
      }).where(eq(a.userId, userId));
    });
  }

  listFolders(userId: UserId): Promise<readonly MailFolderState[]> {
    return this.run(async (q) => (await q.select().from(f).where(eq(f.userId, userId)).orderBy(f.path)).map(toFolder));
  }

  saveFolder(userId: UserId, folder: MailFolderState): Promise<void> {
    return this.write(userId, async (q) => {
      const row = {
        userId, path: folder.path, specialUse: folder.specialUse ?? null, uidValidity: folder.uidValidity, lastUid: folder.lastUid,
        highestModseq: folder.highestModseq ?? null, since: folder.since,
      };
      await q.insert(f).values(row).onConflictDoUpdate({ target: [f.userId, f.path], set: omitKeys(row, ['userId', 'path']) });
    });
  }

  resetFolders(userId: UserId): Promise<void> {
    return this.write(userId, async (q) => { await q.delete(f).where(eq(f.userId, userId)); });
  }

  seenMessages(userId: UserId, messageIds: readonly string[]): Promise<ReadonlySet<string>> {
    return this.run(async (q) => {
      const seen = new Set<string>();
      for (let i = 0; i < messageIds.length; i += BATCH) {
        const ids = messageIds.slice(i, i + BATCH);
        const rows = await q.select({ id: m.messageId }).from(m).where(and(eq(m.userId, userId), inArray(m.messageId, [...ids])));
        for (const r of rows) seen.add(r.id);
      }
      return seen;
    });
  }

  addMessages(userId: UserId, messages: readonly MailMessageRecord[]): Promise<readonly string[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return this.write(userId, async (q) => {
      const added: string[] = [];
      for (let i = 0; i < messages.length; i += BATCH) {
        const rows = messages.slice(i, i + BATCH).map((r) => ({
          userId, messageId: r.messageId, folder: r.folder, uidValidity: r.uidValidity, uid: r.uid, fromAddress: r.from ?? null,
          toAddresses: [...r.to], ccAddresses: [...r.cc], date: r.date ?? null, subject: r.subject ?? null, inReplyTo: r.inReplyTo ?? null,
          references: [...r.references], applicationId: r.applicationId ?? null, personId: r.personId ?? null, result: r.result,
          touchSeq: r.touchSeq ?? null, touchKind: r.touchKind ?? null, seenAt: r.seenAt,
        }));
        const inserted = await q.insert(m).values(rows).onConflictDoNothing({ target: [m.userId, m.messageId] }).returning({ id: m.messageId });
        for (const r of inserted) added.push(r.id);
      }
      return added;
    });
  }

  threads(userId: UserId): Promise<readonly (readonly [string, string, MailMessageResult])[]> {
    return this.run(async (q) => {
      const rows = await q.select({ id: m.messageId, app: m.applicationId, result: m.result }).from(m)
        .where(and(eq(m.userId, userId), isNotNull(m.applicationId)));
      return rows.flatMap((r) => r.app === null ? [] : [[r.id, r.app, r.result] as const]);
    });
  }

  countMessages(userId: UserId): Promise<Readonly<Record<MailMessageResult, number>>> {
    return this.run(async (q) => {
      const rows = await q.select({ result: m.result, n: sql<number>`count(*)::int` }).from(m).where(eq(m.userId, userId)).groupBy(m.result);
      const counts = Object.fromEntries(MAIL_MESSAGE_RESULTS.map((r) => [r, 0])) as Record<MailMessageResult, number>;
      for (const r of rows) counts[r.result] = Number(r.n);
      return counts;
    });
  }

  getMessage(userId: UserId, messageId: string): Promise<MailMessageRecord | undefined> {
    return this.run(async (q) => {
      const [row] = await q.select().from(m).where(and(eq(m.userId, userId), eq(m.messageId, messageId)));
      return row ? toMessage(row) : undefined;
    });
  }

  addProposal(userId: UserId, proposal: NewMailProposal): Promise<MailProposal> {
    return this.write(userId, async (q) => {
      const [top] = await q.select({ id: sql<number>`coalesce(max(${p.id}), 0)::int` }).from(p).where(eq(p.userId, userId));
      const [row] = await q.insert(p).values({
        userId, id: Number(top?.id ?? 0) + 1, applicationId: proposal.applicationId, messageId: proposal.messageId, kind: proposal.kind,
        payload: proposal.payload, status: 'pending', createdAt: proposal.createdAt,
      }).returning();
      if (!row) throw new Error('mail: the proposal insert returned no row');
      return toProposal(row);
    });
  }

  getProposal(userId: UserId, id: number): Promise<MailProposal | undefined> {
    return this.run(async (q) => {
      const [row] = await q.select().from(p).where(and(eq(p.userId, userId), eq(p.id, id)));
      return row ? toProposal(row) : undefined;
    });
  }

  listProposals(userId: UserId, status?: MailProposalStatus): Promise<readonly MailProposal[]> {
    return this.run(async (q) => {
      const rows = await q.select().from(p)
        .where(and(eq(p.userId, userId), status !== undefined ? eq(p.status, status) : undefined))
        .orderBy(desc(p.createdAt), desc(p.id));
      return rows.map(toProposal);
    });
  }

  decideProposal(userId: UserId, id: number, status: Exclude<MailProposalStatus, 'pending'>, at: EpochMs): Promise<MailProposal | undefined> {
    return this.write(userId, async (q) => {
      const [row] = await q.update(p).set({ status, decidedAt: at })
        .where(and(eq(p.userId, userId), eq(p.id, id), eq(p.status, 'pending'))).returning();
      return row ? toProposal(row) : undefined;
    });
  }
}
