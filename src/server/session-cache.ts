/**
 * Sessions a shared server has just found, kept for a moment: every request of a signed-in user
 * starts with the session lookup, and on the agenda it was one of the request's two statements.
 *
 * Only sessions that were found are kept (an unknown token always asks the database), for at most
 * `ttlMs`, never past the session's own expiry. Everything this server does that ends sessions or
 * changes an account (sign-out, sign-out everywhere, an admin's sign-out or reset, a new password,
 * a new role) goes through the wrapped store and forgets the user's sessions at once. A change made
 * by another process (`afterword admin sign-out`, a second server) takes effect within `ttlMs`.
 */
import type { AccountStore, SessionRecord, Account, UserId } from '../app/ports.js';
import type { EpochMs } from '../core/time.js';

export const DEFAULT_SESSION_CACHE_MS = 2_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  readonly found: { readonly session: SessionRecord; readonly account: Account };
  readonly until: number;
}

/** `accounts` with `findSession` answered from memory for up to `ttlMs` (0: not at all). */
export function cachingSessions(accounts: AccountStore, ttlMs: number, monotonic: () => number = () => performance.now()): AccountStore {
  if (ttlMs <= 0) return accounts;
  const entries = new Map<string, Entry>();
  // Bumped by every change: a lookup that began before one does not keep its answer.
  let generation = 0;
  const forgetUser = (userId: UserId): void => {
    generation++;
    for (const [hash, entry] of entries) if (entry.found.account.id === userId) entries.delete(hash);
  };
  const forgetSession = (tokenHash: string): void => {
    generation++;
    entries.delete(tokenHash);
  };
  const afterwards = <T>(userId: UserId, done: Promise<T>): Promise<T> => done.finally(() => forgetUser(userId));
  const wrapped: AccountStore = Object.create(accounts) as AccountStore;
  return Object.assign(wrapped, {
    async findSession(tokenHash: string, now: EpochMs) {
      const entry = entries.get(tokenHash);
      if (entry && entry.until > monotonic() && entry.found.session.expiresAt > now) return entry.found;
      entries.delete(tokenHash);
      const asked = generation;
      const found = await accounts.findSession(tokenHash, now);
      if (found && asked === generation) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
        entries.set(tokenHash, { found, until: monotonic() + ttlMs });
      }
      return found;
    },
    // Forgotten before and after: a lookup racing the change cannot keep the old answer.
    deleteSession(tokenHash: string) {
      forgetSession(tokenHash);
      return accounts.deleteSession(tokenHash).finally(() => forgetSession(tokenHash));
    },
    deleteSessions(userId: UserId) {
      forgetUser(userId);
      return afterwards(userId, accounts.deleteSessions(userId));
    },
    setPassword(userId: UserId, passwordHash: string) {
      forgetUser(userId);
      return afterwards(userId, accounts.setPassword(userId, passwordHash));
    },
    setRole(userId: UserId, role: Account['role']) {
      forgetUser(userId);
      return afterwards(userId, accounts.setRole(userId, role));
    },
  } satisfies Partial<AccountStore>);
}
