/**
 * `AccountStore` over the same drizzle database as the records: accounts are rows of `users`
 * with an email, sessions and tokens keep only SHA-256 hashes, comments hang off applications.
 */
import { and, asc, eq, getTableColumns, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../app/errors.js';
import type {
  Account, AccountChangeListener, AccountStore, Comment, Credentials, Organisation, Role, SessionRecord, TokenPurpose, TokenRecord, UserId,
} from '../app/ports.js';
import type { EpochMs } from '../core/time.js';
import { instantToText } from './codec.js';
import type { Executor } from './drizzle-store.js';
import { decoder, rendered, type Json, type Statement } from './json-read.js';
import * as rows from './rows.js';
import * as s from './schema.js';

/** Runs `fn` on the current executor (joining a use case's transaction), mapping database errors. */
export type Run = <T>(fn: (q: Executor) => Promise<T>) => Promise<T>;
/** `AccountStore.watchChanges`, where the driver can listen. */
export type WatchChanges = (listener: AccountChangeListener) => () => void;
/** The channel migration 0003 notifies, with the user id, whenever sessions end or an account changes. */
export const ACCOUNT_CHANGES_CHANNEL = 'afterword_accounts';
/** Runs a rendered statement (by name where the driver can), mapping database errors. */
export type RunStatement = <K extends string>(statement: Statement<K>, values: Readonly<Record<K, unknown>>) => Promise<readonly Json[]>;

/** The session behind a cookie, with its account: every request of a shared server asks it. */
const SESSION = rendered('session', ['tokenHash', 'now'], (p) => sql`select row_to_json(${s.sessions}) as "session", row_to_json(${s.users}) as "user"
  from ${s.sessions} inner join ${s.users} on ${s.users.id} = ${s.sessions.userId}
  where ${s.sessions.tokenHash} = ${p.tokenHash} and ${s.sessions.expiresAt} > ${p.now}::timestamptz and ${s.users.deactivatedAt} is null`);
const decodeSession = decoder<typeof s.sessions.$inferSelect>(getTableColumns(s.sessions));
const decodeUser = decoder<UserRow>(getTableColumns(s.users));

type UserRow = typeof s.users.$inferSelect;

/**
 * The server's active admins, locked in one order (by id): two transactions that each take one
 * admin's role or activity wait in turn, and the second sees how many are left.
 */
function lockActiveAdmins(q: Executor): Promise<{ id: string; email: string | null }[]> {
  return q.select({ id: s.users.id, email: s.users.email }).from(s.users)
    .where(and(eq(s.users.role, 'admin'), isNull(s.users.deactivatedAt), isNotNull(s.users.email))).orderBy(asc(s.users.id)).for('update');
}
type TokenRow = typeof s.tokens.$inferSelect;

function toAccount(r: UserRow): Account | undefined {
  if (r.email === null) return undefined;
  return {
    id: r.id, name: r.name, email: r.email, role: r.role, ...(r.organisationId !== null ? { organisationId: r.organisationId } : {}),
    ...(r.deactivatedAt !== null ? { deactivatedAt: r.deactivatedAt } : {}),
  };
}

function toToken(r: TokenRow): TokenRecord {
  return {
    tokenHash: r.tokenHash, purpose: r.purpose, createdAt: r.createdAt,
    ...(r.userId !== null ? { userId: r.userId } : {}), ...(r.email !== null ? { email: r.email } : {}),
    ...(r.role !== null ? { role: r.role } : {}), ...(r.organisationId !== null ? { organisationId: r.organisationId } : {}),
    ...(r.coachId !== null ? { coachId: r.coachId } : {}), ...(r.expiresAt !== null ? { expiresAt: r.expiresAt } : {}),
  };
}

const notExpired = (now: EpochMs) => or(isNull(s.tokens.expiresAt), gt(s.tokens.expiresAt, now));

export class DrizzleAccounts implements AccountStore {
  readonly watchChanges?: WatchChanges;

  constructor(private readonly run: Run, private readonly atomic: Run, private readonly statement: RunStatement, watch?: WatchChanges) {
    if (watch) this.watchChanges = watch;
  }

  createOrganisation(org: Organisation): Promise<void> {
    return this.run(async (q) => {
      await q.insert(s.organisations).values({ id: rows.text(org.id, 'organisation.id'), name: rows.text(org.name, 'organisation.name') });
    });
  }

  listOrganisations(): Promise<readonly Organisation[]> {
    return this.run(async (q) => (await q.select({ id: s.organisations.id, name: s.organisations.name }).from(s.organisations).orderBy(asc(s.organisations.id))));
  }

  createAccount(account: Account, passwordHash?: string): Promise<Account> {
    return this.run(async (q) => {
      const [row] = await q.insert(s.users).values({
        id: rows.text(account.id, 'account.id'), name: rows.text(account.name, 'account.name'), email: rows.text(account.email, 'account.email'),
        role: account.role, organisationId: account.organisationId ?? null, passwordHash: passwordHash ?? null,
      }).returning();
      const created = row ? toAccount(row) : undefined;
      if (!created) throw new Error('account vanished after insert');
      return created;
    });
  }

  getAccount(userId: UserId): Promise<Account | undefined> {
    return this.run(async (q) => {
      if (!rows.isStorableText(userId)) return undefined;
      const [row] = await q.select().from(s.users).where(eq(s.users.id, userId));
      return row ? toAccount(row) : undefined;
    });
  }

  findCredentials(email: string): Promise<Credentials | undefined> {
    return this.run(async (q) => {
      if (!rows.isStorableText(email)) return undefined;
      const [row] = await q.select().from(s.users).where(eq(s.users.email, email));
      const account = row ? toAccount(row) : undefined;
      if (!row || !account) return undefined;
      return {
        account, failedSignIns: row.failedSignIns,
        ...(row.passwordHash !== null ? { passwordHash: row.passwordHash } : {}), ...(row.lockedUntil !== null ? { lockedUntil: row.lockedUntil } : {}),
      };
    });
  }

  listAccounts(): Promise<readonly Account[]> {
    return this.run(async (q) => {
      const list = await q.select().from(s.users).where(sql`${s.users.email} is not null`).orderBy(asc(s.users.organisationId), asc(s.users.email));
      return list.map(toAccount).filter((a): a is Account => a !== undefined);
    });
  }

  recordSignIn(userId: UserId): Promise<void> {
    return this.run(async (q) => {
      await q.update(s.users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(s.users.id, userId));
    });
  }

  setPassword(userId: UserId, passwordHash: string): Promise<void> {
    return this.atomic(async (q) => {
      const updated = await q.update(s.users).set({ passwordHash, failedSignIns: 0, lockedUntil: null }).where(eq(s.users.id, userId)).returning({ id: s.users.id });
      if (updated.length === 0) throw new AppError({ reason: 'account.not_found', params: { id: userId } });
      await q.delete(s.sessions).where(eq(s.sessions.userId, userId));
    });
  }

  setRole(userId: UserId, role: Role): Promise<void> {
    return this.atomic(async (q) => {
      // As in deactivate: the active admins locked first, so two admins demoting each other at once leave one.
      const admins = role === 'admin' ? [] : await lockActiveAdmins(q);
      const self = admins.find((a) => a.id === userId);
      if (self !== undefined && !admins.some((a) => a.id !== userId)) {
        throw new AppError({ reason: 'account.last_admin_role', params: { email: self.email ?? '' } });
      }
      const updated = rows.isStorableText(userId) ? await q.update(s.users).set({ role }).where(eq(s.users.id, userId)).returning({ id: s.users.id }) : [];
      if (updated.length === 0) throw new AppError({ reason: 'account.not_found', params: { id: userId } });
    });
  }

  deactivate(userId: UserId, at: EpochMs): Promise<{ readonly account: Account; readonly sessionsEnded: number }> {
    return this.atomic(async (q) => {
      // The active admins first, in one order: two admins deactivating each other at once wait in turn, and the second sees one left.
      const admins = await lockActiveAdmins(q);
      const [target] = rows.isStorableText(userId) ? await q.select().from(s.users).where(eq(s.users.id, userId)).for('update') : [];
      const found = target ? toAccount(target) : undefined;
      if (!target || !found) throw new AppError({ reason: 'account.not_found', params: { id: userId } });
      if (admins.some((a) => a.id === userId) && !admins.some((a) => a.id !== userId)) {
        throw new AppError({ reason: 'account.last_admin', params: { email: found.email } });
      }
      const [row] = target.deactivatedAt === null ? await q.update(s.users).set({ deactivatedAt: at }).where(eq(s.users.id, userId)).returning() : [target];
      const account = row ? toAccount(row) : undefined;
      if (!account) throw new Error('account vanished while locked');
      const sessionsEnded = (await q.delete(s.sessions).where(eq(s.sessions.userId, userId)).returning({ t: s.sessions.tokenHash })).length;
      // Its calendar feed and any reset link (invitations name no user).
      await q.delete(s.tokens).where(eq(s.tokens.userId, userId));
      return { account, sessionsEnded };
    });
  }

  reactivate(userId: UserId): Promise<Account> {
    return this.run(async (q) => {
      const [row] = rows.isStorableText(userId)
        ? await q.update(s.users).set({ deactivatedAt: null }).where(and(eq(s.users.id, userId), isNotNull(s.users.email))).returning()
        : [];
      const account = row ? toAccount(row) : undefined;
      if (!account) throw new AppError({ reason: 'account.not_found', params: { id: userId } });
      return account;
    });
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.run(async (q) => {
      await q.insert(s.sessions).values(session);
    });
  }

  findSession(tokenHash: string, now: EpochMs): Promise<{ readonly session: SessionRecord; readonly account: Account } | undefined> {
    if (!rows.isStorableText(tokenHash)) return Promise.resolve(undefined);
    return this.statement(SESSION, { tokenHash, now: instantToText(rows.instant(now, 'now')) }).then(([row]) => {
      const account = row ? toAccount(decodeUser(row['user'] as Json)) : undefined;
      return row && account ? { session: decodeSession(row['session'] as Json), account } : undefined;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.run(async (q) => {
      await q.delete(s.sessions).where(eq(s.sessions.tokenHash, tokenHash));
    });
  }

  deleteSessions(userId: UserId): Promise<number> {
    return this.run(async (q) => (await q.delete(s.sessions).where(eq(s.sessions.userId, userId)).returning({ t: s.sessions.tokenHash })).length);
  }

  createToken(token: TokenRecord): Promise<void> {
    return this.run(async (q) => {
      await q.insert(s.tokens).values({
        tokenHash: token.tokenHash, purpose: token.purpose, userId: token.userId ?? null,
        email: token.email !== undefined ? rows.text(token.email, 'email') : null, role: token.role ?? null,
        organisationId: token.organisationId ?? null, coachId: token.coachId ?? null, createdAt: token.createdAt, expiresAt: token.expiresAt ?? null,
      });
    });
  }

  takeToken(tokenHash: string, purpose: TokenPurpose, now: EpochMs): Promise<TokenRecord | undefined> {
    return this.run(async (q) => {
      // Deleting and returning in one statement: two requests racing with one token, one wins.
      const [row] = await q.delete(s.tokens).where(and(eq(s.tokens.tokenHash, tokenHash), eq(s.tokens.purpose, purpose), notExpired(now))).returning();
      return row ? toToken(row) : undefined;
    });
  }

  findToken(tokenHash: string, purpose: TokenPurpose, now: EpochMs): Promise<TokenRecord | undefined> {
    return this.run(async (q) => {
      const [row] = await q.select().from(s.tokens).where(and(eq(s.tokens.tokenHash, tokenHash), eq(s.tokens.purpose, purpose), notExpired(now)));
      return row ? toToken(row) : undefined;
    });
  }

  listTokens(purpose: TokenPurpose, now: EpochMs): Promise<readonly TokenRecord[]> {
    return this.run(async (q) => (await q.select().from(s.tokens).where(and(eq(s.tokens.purpose, purpose), notExpired(now)))
      .orderBy(asc(s.tokens.createdAt), asc(s.tokens.tokenHash))).map(toToken));
  }

  redeemInvitation(tokenHash: string, now: EpochMs, account: { readonly id: UserId; readonly name: string }, passwordHash: string): Promise<Account | undefined> {
    return this.atomic(async () => {
      const invitation = await this.takeToken(tokenHash, 'invitation', now);
      if (!invitation || invitation.email === undefined || invitation.role === undefined) return undefined;
      const created = await this.createAccount({
        id: account.id, name: account.name, email: invitation.email, role: invitation.role,
        ...(invitation.organisationId !== undefined ? { organisationId: invitation.organisationId } : {}),
      }, passwordHash);
      // The coach the invitation named follows the new job seeker, unless deactivated since it was sent.
      const coach = invitation.coachId !== undefined && created.role === 'seeker' ? await this.getAccount(invitation.coachId) : undefined;
      if (coach !== undefined && coach.role === 'coach' && coach.deactivatedAt === undefined) await this.assignCoach(coach.id, created.id);
      return created;
    });
  }

  deleteTokens(userId: UserId, purpose: TokenPurpose): Promise<number> {
    return this.run(async (q) => (await q.delete(s.tokens).where(and(eq(s.tokens.userId, userId), eq(s.tokens.purpose, purpose))).returning({ t: s.tokens.tokenHash })).length);
  }

  assignCoach(coachId: UserId, seekerId: UserId): Promise<void> {
    return this.run(async (q) => {
      await q.insert(s.coachAssignments).values({ coachId, seekerId }).onConflictDoNothing();
    });
  }

  unassignCoach(coachId: UserId, seekerId: UserId): Promise<boolean> {
    return this.run(async (q) => (await q.delete(s.coachAssignments)
      .where(and(eq(s.coachAssignments.coachId, coachId), eq(s.coachAssignments.seekerId, seekerId))).returning({ c: s.coachAssignments.coachId })).length > 0);
  }

  isAssigned(coachId: UserId, seekerId: UserId): Promise<boolean> {
    return this.run(async (q) => {
      if (!rows.isStorableText(seekerId)) return false;
      const found = await q.select({ c: s.coachAssignments.coachId }).from(s.coachAssignments)
        .where(and(eq(s.coachAssignments.coachId, coachId), eq(s.coachAssignments.seekerId, seekerId)));
      return found.length > 0;
    });
  }

  seekersOf(coachId: UserId): Promise<readonly Account[]> {
    return this.run(async (q) => {
      const list = await q.select({ u: s.users }).from(s.coachAssignments).innerJoin(s.users, eq(s.users.id, s.coachAssignments.seekerId))
        .where(eq(s.coachAssignments.coachId, coachId)).orderBy(asc(s.users.name), asc(s.users.id));
      return list.map((r) => toAccount(r.u)).filter((a): a is Account => a !== undefined);
    });
  }

  addComment(seekerId: UserId, applicationId: string, authorId: UserId, body: string, at: EpochMs): Promise<Comment> {
    return this.atomic(async (q) => {
      if (!rows.isStorableText(applicationId)) throw new AppError({ reason: 'application.unknown', params: { id: applicationId } });
      // Lock the application: two comments at once get consecutive ids.
      const app = await q.select({ id: s.applications.id }).from(s.applications)
        .where(and(eq(s.applications.userId, seekerId), eq(s.applications.id, applicationId))).for('update');
      if (app.length === 0) throw new AppError({ reason: 'application.unknown', params: { id: applicationId } });
      const [next] = await q.select({ n: sql<number>`(coalesce(max(${s.comments.id}), 0) + 1)::int` }).from(s.comments)
        .where(and(eq(s.comments.userId, seekerId), eq(s.comments.applicationId, applicationId)));
      const id = next?.n ?? 1;
      await q.insert(s.comments).values({ userId: seekerId, applicationId, id, authorId, body: rows.text(body, 'body'), createdAt: at });
      const [author] = await q.select({ name: s.users.name }).from(s.users).where(eq(s.users.id, authorId));
      return { id, applicationId, authorId, authorName: author?.name ?? '', body, at };
    });
  }

  listComments(seekerId: UserId, applicationId: string): Promise<readonly Comment[]> {
    return this.run(async (q) => {
      if (!rows.isStorableText(applicationId)) return [];
      const list = await q.select({ c: s.comments, name: s.users.name }).from(s.comments).innerJoin(s.users, eq(s.users.id, s.comments.authorId))
        .where(and(eq(s.comments.userId, seekerId), eq(s.comments.applicationId, applicationId))).orderBy(asc(s.comments.id));
      return list.map((r) => ({ id: r.c.id, applicationId: r.c.applicationId, authorId: r.c.authorId, authorName: r.name, body: r.c.body, at: r.c.createdAt }));
    });
  }
}
