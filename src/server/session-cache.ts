/**
 * Sessions a shared server has just found, kept for a while: every request of a signed-in user
 * starts with the session lookup, and on the agenda it was one of the request's two statements.
 *
 * Only sessions that were found are kept (an unknown token always asks the database), never past
 * the session's own expiry. Everything this server does that ends sessions or changes an account
 * (sign-out, sign-out everywhere, an admin's sign-out or reset, a new password, a new role, a
 * deactivation) goes
 * through the wrapped store and forgets the account's sessions at once.
 *
 * Changes made by another process (`afterword admin sign-out`, a second server): on PostgreSQL the
 * database tells every server (`AccountStore.watchChanges`), which forgets the account's sessions
 * as soon as it hears; a session is then believed for at most `heardMs`. While the server cannot
 * hear (the embedded store, or its listening connection is down), a session is believed for at most
 * `ttlMs`, and such a change applies within that time. Whenever hearing starts or stops, everything
 * kept is forgotten.
 */
import type { AccountStore, SessionRecord, Account, UserId } from '../app/ports.js';
import type { EpochMs } from '../core/time.js';

export const DEFAULT_SESSION_CACHE_MS = 2_000;
/** How long a session is believed while account changes are heard: a bound, should a notice be lost. */
export const HEARD_SESSION_CACHE_MS = 60_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  readonly found: { readonly session: SessionRecord; readonly account: Account };
  readonly until: number;
}

export interface SessionCacheOptions {
  /** Monotonic milliseconds (tests drive it). */
  readonly monotonic?: () => number;
  /** How long a session is believed while changes are heard (default `HEARD_SESSION_CACHE_MS`, never below `ttlMs`). */
  readonly heardMs?: number;
}

/** A session cache: the wrapped store, and `stop()` to stop listening for other processes' changes. */
export interface CachingSessions {
  readonly accounts: AccountStore;
  readonly stop: () => void;
}

/**
 * `accounts` with `findSession` answered from memory for up to `ttlMs`, or `heardMs` while account
 * changes are heard (0: not at all).
 */
export function cachingSessions(accounts: AccountStore, ttlMs: number, options: SessionCacheOptions = {}): CachingSessions {
  if (ttlMs <= 0) return { accounts, stop: () => undefined };
  const monotonic = options.monotonic ?? (() => performance.now());
  const heardMs = Math.max(ttlMs, options.heardMs ?? HEARD_SESSION_CACHE_MS);
  const entries = new Map<string, Entry>();
  const byUser = new Map<UserId, Set<string>>();
  let hearing = false;
  // Bumped by every change: a lookup that began before one does not keep its answer.
  let generation = 0;
  const drop = (hash: string): void => {
    const entry = entries.get(hash);
    if (!entry) return;
    entries.delete(hash);
    const userId = entry.found.account.id;
    const hashes = byUser.get(userId);
    hashes?.delete(hash);
    if (hashes?.size === 0) byUser.delete(userId);
  };
  const keep = (hash: string, found: Entry['found']): void => {
    drop(hash);
    if (entries.size >= MAX_ENTRIES) drop(entries.keys().next().value ?? '');
    entries.set(hash, { found, until: monotonic() + (hearing ? heardMs : ttlMs) });
    const userId = found.account.id;
    const hashes = byUser.get(userId);
    if (hashes) hashes.add(hash);
    else byUser.set(userId, new Set([hash]));
  };
  const forgetUser = (userId: UserId): void => {
    generation++;
    for (const hash of [...(byUser.get(userId) ?? [])]) drop(hash);
  };
  const forgetSession = (hash: string): void => {
    generation++;
    drop(hash);
  };
  const forgetAll = (): void => {
    generation++;
    entries.clear();
    byUser.clear();
  };
  const stop = accounts.watchChanges?.({
    changed: forgetUser,
    hearing(on) {
      hearing = on;
      forgetAll();
    },
  }) ?? (() => undefined);
  const afterwards = <T>(userId: UserId, done: Promise<T>): Promise<T> => done.finally(() => forgetUser(userId));
  const wrapped: AccountStore = Object.create(accounts) as AccountStore;
  Object.assign(wrapped, {
    async findSession(tokenHash: string, now: EpochMs) {
      const entry = entries.get(tokenHash);
      if (entry && entry.until > monotonic() && entry.found.session.expiresAt > now) return entry.found;
      drop(tokenHash);
      const asked = generation;
      const found = await accounts.findSession(tokenHash, now);
      if (found && asked === generation) keep(tokenHash, found);
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
    deactivate(userId: UserId, at: EpochMs) {
      forgetUser(userId);
      return afterwards(userId, accounts.deactivate(userId, at));
    },
  } satisfies Partial<AccountStore>);
  return { accounts: wrapped, stop };
}
