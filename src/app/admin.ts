/**
 * An admin's changes to an account beyond accounts.ts: its role, and deactivating it. A role change
 * ends the account's sessions (the store's `setRole` notifies, so the next request reads the new
 * role) and drops the coach assignments the new role cannot hold. A deactivated account cannot sign
 * in (answered as a wrong password), its sessions and tokens end in the same transaction (the
 * database tells every server), its mailbox is no longer synced on a timer, and nothing of its
 * records or assignments is deleted: reactivating it lets it sign in with its password again.
 */
import type { AccountDeps } from './accounts.js';
import { AppError } from './errors.js';
import type { Account, Role, UserId } from './ports.js';

/**
 * Whether `admin` administers `target` (an account, an invitation, an organisation's id): an admin
 * without an organisation administers the whole server; an admin of an organisation, only what
 * belongs to it. Out of scope is "not found" to them, as a coach's unfollowed job seekers are.
 */
export function administers(admin: Account, target: { readonly organisationId?: string | undefined }): boolean {
  return admin.organisationId === undefined || target.organisationId === admin.organisationId;
}

/** The account `userId` when `admin` administers it; "not found" otherwise, whether or not it exists. */
export async function administered(deps: AccountDeps, admin: Account, userId: UserId): Promise<Account> {
  const account = await deps.accounts.getAccount(userId);
  if (!account || !administers(admin, account)) throw new AppError({ reason: 'account.not_found', params: { id: userId } }, { path: 'account', at: null });
  return account;
}

/** Sets the role of `userId`; an admin cannot change their own (a server must keep an admin who can undo it). */
export async function changeRole(deps: AccountDeps, by: Account, userId: UserId, role: Role): Promise<Account> {
  if (userId === by.id) throw new AppError({ reason: 'role.own' }, { path: 'role' });
  const account = await administered(deps, by, userId);
  if (account.role === role) return account;
  // A job seeker's coaches, or a coach's job seekers, stop following when the role no longer fits.
  if (account.role === 'coach') {
    for (const seeker of await deps.accounts.seekersOf(userId)) await deps.accounts.unassignCoach(userId, seeker.id);
  } else if (account.role === 'seeker') {
    for (const coach of (await deps.accounts.listAccounts()).filter((a) => a.role === 'coach')) await deps.accounts.unassignCoach(coach.id, userId);
  }
  await deps.accounts.setRole(userId, role);
  await deps.accounts.deleteSessions(userId);
  return { ...account, role };
}

/**
 * Deactivates `userId`: it cannot sign in, and its sessions, calendar feed and reset link end at once.
 * `by` is the admin acting (absent: the server's own terminal, `afterword admin deactivate`); an admin
 * cannot deactivate themself, and the store refuses the server's last active admin.
 */
export async function deactivateAccount(deps: AccountDeps, by: Account | undefined, userId: UserId): Promise<{ readonly account: Account; readonly sessionsEnded: number }> {
  if (by !== undefined && userId === by.id) throw new AppError({ reason: 'account.deactivate_own' }, { path: 'account', at: null });
  if (by !== undefined) await administered(deps, by, userId);
  return deps.accounts.deactivate(userId, deps.clock.now());
}

/** Lets a deactivated account sign in again with its password (a new calendar feed is the job seeker's to make). */
export async function reactivateAccount(deps: AccountDeps, by: Account | undefined, userId: UserId): Promise<Account> {
  if (by !== undefined) await administered(deps, by, userId);
  return deps.accounts.reactivate(userId);
}
