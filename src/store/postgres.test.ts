import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { LOCAL_USER } from '../app/ports.js';
import { ACCOUNT_CHANGES_APPLICATION, accountChanges, openPostgresStore, redactUrl } from './postgres.js';
import { defineAccountStoreContract } from './accounts.contract.js';
import { defineStoreContract } from './store.contract.js';

// Set by .ci/run (PostgreSQL 15 on 127.0.0.1:5432); without it this file reports its tests as not run.
const TEST_URL = process.env['AFTERWORD_TEST_DATABASE_URL'] ?? '';
const enabled = TEST_URL !== '';

/** Creates throw-away databases next to the test database; each run and each store gets its own. */
function databases() {
  const admin = new pg.Client({ connectionString: TEST_URL });
  const created: string[] = [];
  let connected: Promise<void> | undefined;
  return {
    async create(): Promise<string> {
      connected ??= admin.connect().then(() => undefined);
      await connected;
      const name = `afterword_test_${process.pid}_${Date.now().toString(36)}_${created.length}`;
      await admin.query(`create database "${name}"`);
      created.push(name);
      const url = new URL(TEST_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll(): Promise<void> {
      if (!connected) return;
      for (const name of created.splice(0)) await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

defineStoreContract('PostgreSQL', async () => {
  const dbs = databases();
  return {
    async open() {
      const store = await openPostgresStore({ url: await dbs.create() });
      console.info(`[postgres] connect ${store.timings.open.toFixed(0)} ms, migrate ${store.timings.migrate.toFixed(0)} ms`);
      return store;
    },
    dispose: () => dbs.dropAll(),
  };
}, { enabled });

defineAccountStoreContract('PostgreSQL', async () => {
  const dbs = databases();
  return { open: async () => openPostgresStore({ url: await dbs.create() }), dispose: () => dbs.dropAll() };
}, { enabled });

describe.runIf(enabled)('PostgreSQL driver', () => {
  const dbs = databases();
  afterAll(() => dbs.dropAll());

  it('migrates once when several processes open a new database at the same time', async () => {
    const url = await dbs.create();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url, poolSize: 2 })));
    try {
      const [a, b] = stores;
      await a?.ensureUser(LOCAL_USER);
      expect(await b?.getUser(LOCAL_USER.id)).toStrictEqual(LOCAL_USER);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('tells listeners which accounts changed, whichever connection changed them, only once committed, and listens again after losing its connection', async () => {
    const url = await dbs.create();
    const store = await openPostgresStore({ url, poolSize: 2 });
    // Another process: its own connection, plain SQL.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const heard: string[] = [];
    const hearing: boolean[] = [];
    let waiting: { until: () => boolean; done: () => void } | undefined;
    const settle = () => { if (waiting?.until()) waiting.done(); };
    const when = (until: () => boolean) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`waited in vain; heard ${heard.join(', ')}; hearing ${hearing.join(', ')}`)), 5_000);
      waiting = { until, done: () => { clearTimeout(timer); resolve(); } };
      settle();
    });
    try {
      for (const id of ['u1', 'u2', 'u3']) await store.accounts.createAccount({ id, name: id, email: `${id}@example.org`, role: 'seeker' });
      const session = (userId: string, tokenHash: string) => ({ tokenHash, userId, csrf: 'c', createdAt: 0, expiresAt: 4_102_444_800_000 });
      for (const [userId, hash] of [['u1', 'h1a'], ['u1', 'h1b'], ['u2', 'h2'], ['u3', 'h3']] as const) await store.accounts.createSession(session(userId, hash));
      const stop = store.accounts.watchChanges?.({
        changed: (id) => { heard.push(id); settle(); },
        hearing: (on) => { hearing.push(on); settle(); },
      });
      if (!stop) throw new Error('the PostgreSQL store cannot watch account changes');
      await when(() => hearing.at(-1) === true);

      // Not account changes: a failed sign-in, a lock, a new session; a change rolled back.
      await other.query(`update users set failed_sign_ins = 3, locked_until = now() where id = 'u3'`);
      await other.query(`insert into sessions values ('h3b', 'u3', 'c', now(), now() + interval '1 day')`);
      await other.query(`begin; delete from sessions where user_id = 'u3'; update users set role = 'coach' where id = 'u3'; rollback`);
      // Account changes: two sessions of one account in one statement (one notice), another's role.
      await other.query(`delete from sessions where user_id = 'u1'`);
      await other.query(`update users set role = 'coach' where id = 'u2'`);
      await when(() => heard.length >= 2);
      await store.accounts.setPassword('u3', 'scrypt$x');
      await when(() => heard.length >= 3);
      expect(heard).toStrictEqual(['u1', 'u2', 'u3']);

      // Its connection is cut (a restart, a proxy): it says so, listens again, and hears again.
      await other.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()`, [ACCOUNT_CHANGES_APPLICATION]);
      await when(() => hearing.length >= 3);
      expect(hearing).toStrictEqual([true, false, true]);
      await other.query(`update users set name = 'Renamed' where id = 'u1'`);
      await when(() => heard.length >= 4);
      expect(heard.at(-1)).toBe('u1');
      stop();
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('does not claim to hear when its own probe notice does not come back (a pooler that runs each statement on another connection)', async () => {
    const url = await dbs.create();
    // LISTEN run on another backend, as PgBouncer in transaction mode would: this connection never gets a notice.
    class ElsewhereClient extends pg.Client {
      override query(...args: unknown[]): never {
        const [text] = args;
        if (typeof text === 'string' && text.startsWith('listen ')) {
          const other = new pg.Client({ connectionString: url });
          return other.connect().then(() => other.query(text)).finally(() => other.end()) as never;
        }
        return (super.query as (...a: unknown[]) => never)(...args);
      }
    }
    const changes = accountChanges(() => new ElsewhereClient({ connectionString: url }));
    const hearing: boolean[] = [];
    const stop = changes.watch({ changed: () => undefined, hearing: (on) => hearing.push(on) });
    try {
      for (let i = 0; i < 60 && hearing.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(hearing).toStrictEqual([false]);
    } finally {
      stop();
      await changes.stop();
    }
  });

  it('says which server it could not reach, without the password', async () => {
    const error: unknown = await openPostgresStore({ url: 'postgres://me:s3cret@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(String(error)).toMatch(/cannot connect to PostgreSQL at postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    expect(String(error)).not.toContain('s3cret');
    expect(redactUrl('not a url')).toBe('(unreadable URL)');
  });
});
