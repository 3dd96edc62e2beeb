/**
 * The shared server's memory of sessions it has just found: within its time it spares the lookup;
 * every change made through this server applies at once; one made behind its back (another
 * process) applies as soon as the database tells (PostgreSQL), else when the time runs out; never
 * past the session's own expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, tokenHash } from '../app/accounts.js';
import type { AccountChangeListener, AccountStore } from '../app/ports.js';
import { cachingSessions } from './session-cache.js';
import { accountsWorld, type AccountsWorld } from './testing-accounts.js';

describe('the session cache', () => {
  let w: AccountsWorld;
  let ticks = 0;
  let lookups = 0;
  /** When set, a lookup that has read the database waits for it before answering. */
  let gate: Promise<void> | undefined;
  /** The real store, counting the lookups that reach it, and deaf to other processes (as the embedded store is). */
  let counting: AccountStore;
  let cached: AccountStore;
  beforeAll(async () => {
    w = await accountsWorld();
    const real = w.store.accounts;
    counting = Object.create(real) as AccountStore;
    Object.defineProperty(counting, 'watchChanges', { value: undefined });
    counting.findSession = async (hash, now) => {
      lookups++;
      const found = await real.findSession(hash, now);
      await gate;
      return found;
    };
    cached = cachingSessions(counting, 1_000, { monotonic: () => ticks }).accounts;
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

  it('forgets at once an account deactivated through it: its sessions end with it, and stay ended once it is reactivated', async () => {
    const s = await newSession();
    expect(await cached.findSession(s.hash, w.clock.now())).toBeDefined();
    await cached.deactivate(s.userId, w.clock.now());
    expect(await cached.findSession(s.hash, w.clock.now())).toBeUndefined();
    await cached.reactivate(s.userId);
    expect(await cached.findSession(s.hash, w.clock.now())).toBeUndefined();
    expect(await cached.findSession((await newSession()).hash, w.clock.now())).toBeDefined();
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
  describe('hearing other processes', () => {
    /** A cache over `counting` whose change notices the test gives by hand. */
    const hearingCache = () => {
      let listener: AccountChangeListener | undefined;
      let stopped = false;
      const store: AccountStore = Object.create(counting) as AccountStore;
      Object.defineProperty(store, 'watchChanges', {
        value: (l: AccountChangeListener) => {
          listener = l;
          return () => { stopped = true; };
        },
      });
      const sessions = cachingSessions(store, 1_000, { monotonic: () => ticks, heardMs: 60_000 });
      if (!listener) throw new Error('the cache did not listen');
      return { ...sessions, listener, stopped: () => stopped };
    };

    it('believes a session longer while it hears, forgets an account as soon as its change is heard, and all when hearing stops', async () => {
      const { accounts, listener, stop, stopped } = hearingCache();
      const find = (hash: string) => accounts.findSession(hash, w.clock.now());
      const s = await newSession();
      const other = await newSession();
      lookups = 0;
      // Not hearing yet: believed for 1,000 ms.
      await find(s.hash);
      ticks += 1_000;
      await find(s.hash);
      expect(lookups).toBe(2);
      listener.hearing(true);
      lookups = 0;
      await find(s.hash);
      await find(other.hash);
      ticks += 59_999;
      expect((await find(s.hash))?.account.id).toBe(s.userId);
      expect(lookups).toBe(2);
      // Another process ends one session; the database's notice names the account.
      await w.sql('delete from sessions where token_hash = $1', [s.hash]);
      listener.changed(s.userId);
      expect(await find(s.hash)).toBeUndefined();
      expect(lookups).toBe(3);
      // The notice names the account, not the session: its other sessions are asked again too.
      expect((await find(other.hash))?.account.id).toBe(s.userId);
      expect(lookups).toBe(4);
      // Hearing stops: what was kept is forgotten, and a session is believed for 1,000 ms again.
      listener.hearing(false);
      await find(other.hash);
      expect(lookups).toBe(5);
      ticks += 1_000;
      await find(other.hash);
      expect(lookups).toBe(6);
      stop();
      expect(stopped()).toBe(true);
    });

    it('does not keep an answer that was on its way when a change was heard', async () => {
      const { accounts, listener } = hearingCache();
      listener.hearing(true);
      const s = await newSession();
      let open = (): void => undefined;
      gate = new Promise((resolve) => { open = resolve; });
      const inFlight = accounts.findSession(s.hash, w.clock.now());
      await new Promise((resolve) => setTimeout(resolve, 50));
      listener.changed(s.userId);
      open();
      gate = undefined;
      expect(await inFlight).toBeDefined();
      lookups = 0;
      await accounts.findSession(s.hash, w.clock.now());
      expect(lookups).toBe(1);
    });

    it.runIf(process.env['AFTERWORD_TEST_API_ON_POSTGRES'] === '1')('on PostgreSQL, a sign-out made by another process applies as soon as the database tells', async () => {
      // Unheard, the session would be believed for ten minutes.
      const server = w.server({ sessionCacheMs: 600_000, signInsPerMinute: 1_000 });
      const a = await w.signIn('seeker2', {}, server);
      const me = async () => (await w.request('/api/me', { headers: { Cookie: a.cookie } }, {}, server)).status;
      expect(await me()).toBe(200);
      // Another connection, as `afterword admin sign-out` would.
      await w.sql('delete from sessions where user_id = $1', [a.account.id]);
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await me();
      }
      expect(status).toBe(401);
    });

    // Another process's change, then polling /api/me until the server has heard it (or 5 s: it never did).
    const heard = async (change: (userId: string) => Promise<unknown>, check: (res: Response) => Promise<boolean>) => {
      const server = w.server({ sessionCacheMs: 600_000, signInsPerMinute: 1_000 });
      const a = await w.signIn('seeker3', {}, server);
      const me = () => w.request('/api/me', { headers: { Cookie: a.cookie } }, {}, server);
      expect((await me()).status).toBe(200);
      await change(a.account.id);
      for (let i = 0; i < 100; i++) {
        if (await check(await me())) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };

    it.runIf(process.env['AFTERWORD_TEST_API_ON_POSTGRES'] === '1')("on PostgreSQL, a session's expiry cut short by another process applies as soon as the database tells (migration 0005)", async () => {
      expect(await heard(
        // A second ago on the server's clock.
        (userId) => w.sql('update sessions set expires_at = $2::timestamptz where user_id = $1', [userId, new Date(w.clock.now() - 1_000).toISOString()]),
        async (res) => res.status === 401,
      )).toBe(true);
    });

    it.runIf(process.env['AFTERWORD_TEST_API_ON_POSTGRES'] === '1')('on PostgreSQL, a role changed by another process applies as soon as the database tells', async () => {
      expect(await heard(
        (userId) => w.sql("update users set role = 'coach' where id = $1", [userId]),
        async (res) => res.status === 200 && ((await res.json()) as { account: { role: string } }).account.role === 'coach',
      )).toBe(true);
    });
  });
});
