/**
 * The shared server's memory of sessions it has just found: within its time it spares the lookup;
 * every change made through this server applies at once; one made behind its back (another
 * process) applies when the time runs out; never past the session's own expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, tokenHash } from '../app/accounts.js';
import type { AccountStore } from '../app/ports.js';
import { cachingSessions } from './session-cache.js';
import { accountsWorld, type AccountsWorld } from './testing-accounts.js';

describe('the session cache', () => {
  let w: AccountsWorld;
  let ticks = 0;
  let lookups = 0;
  /** When set, a lookup that has read the database waits for it before answering. */
  let gate: Promise<void> | undefined;
  let cached: AccountStore;
  beforeAll(async () => {
    w = await accountsWorld();
    // The real store, counting the lookups that reach it.
    const counting: AccountStore = Object.create(w.store.accounts) as AccountStore;
    counting.findSession = async (hash, now) => {
      lookups++;
      const found = await w.store.accounts.findSession(hash, now);
      await gate;
      return found;
    };
    cached = cachingSessions(counting, 1_000, () => ticks);
  });
  afterAll(async () => {
    await w.close();
  });

  const newSession = async (): Promise<{ hash: string; userId: string }> => {
    const account = w.users.seeker1.account;
    const session = await openSession(w.accountDeps, account);
    return { hash: tokenHash(session.token), userId: account.id };
  };

  it('answers from memory for its time, then asks again: a session deleted behind its back ends then', async () => {
    const { hash } = await newSession();
    lookups = 0;
    const first = await cached.findSession(hash, w.clock.now());
    expect(first?.account.id).toBe(w.users.seeker1.account.id);
    expect(await cached.findSession(hash, w.clock.now())).toStrictEqual(first);
    expect(lookups).toBe(1);
    // Another process signs the session out.
    await w.sql('delete from sessions where token_hash = $1', [hash]);
    ticks += 999;
    expect(await cached.findSession(hash, w.clock.now())).toStrictEqual(first);
    ticks += 1;
    expect(await cached.findSession(hash, w.clock.now())).toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('forgets at once what goes through it: sign-out, sign-out everywhere, a new password, a new role', async () => {
    const changes: ((s: { hash: string; userId: string }) => Promise<unknown>)[] = [
      (s) => cached.deleteSession(s.hash),
      (s) => cached.deleteSessions(s.userId),
      (s) => cached.setPassword(s.userId, 'scrypt$not-a-real-hash'),
    ];
    for (const change of changes) {
      const s = await newSession();
      expect(await cached.findSession(s.hash, w.clock.now())).toBeDefined();
      await change(s);
      expect(await cached.findSession(s.hash, w.clock.now())).toBeUndefined();
    }
    const s = await newSession();
    expect((await cached.findSession(s.hash, w.clock.now()))?.account.role).toBe('seeker');
    await cached.setRole(s.userId, 'coach');
    expect((await cached.findSession(s.hash, w.clock.now()))?.account.role).toBe('coach');
    await cached.setRole(s.userId, 'seeker');
  });

  it('does not keep an answer that was on its way while the session ended', async () => {
    const s = await newSession();
    let open = (): void => undefined;
    gate = new Promise((resolve) => { open = resolve; });
    const inFlight = cached.findSession(s.hash, w.clock.now());
    // The lookup has read the session; it ends before the answer arrives.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await cached.deleteSessions(s.userId);
    open();
    gate = undefined;
    expect(await inFlight).toBeDefined();
    lookups = 0;
    expect(await cached.findSession(s.hash, w.clock.now())).toBeUndefined();
    expect(lookups).toBe(1);
  });

  it('never believes a session past its expiry, and never remembers an unknown token', async () => {
    const s = await newSession();
    const found = await cached.findSession(s.hash, w.clock.now());
    if (!found) throw new Error('the new session was not found');
    expect(await cached.findSession(s.hash, found.session.expiresAt)).toBeUndefined();
    lookups = 0;
    expect(await cached.findSession('0'.repeat(64), w.clock.now())).toBeUndefined();
    expect(await cached.findSession('0'.repeat(64), w.clock.now())).toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('is off with a time of 0: a server with sessionCacheMs 0 sees a deletion behind its back at once', async () => {
    const server = w.server({ sessionCacheMs: 0, signInsPerMinute: 1_000 });
    const a = await w.signIn('seeker2', {}, server);
    expect((await w.request('/api/me', { headers: { Cookie: a.cookie } }, {}, server)).status).toBe(200);
    await w.sql('delete from sessions where user_id = $1', [a.account.id]);
    expect((await w.request('/api/me', { headers: { Cookie: a.cookie } }, {}, server)).status).toBe(401);
  });
});
