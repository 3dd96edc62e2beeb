import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { LOCAL_USER } from '../app/ports.js';
import { openPostgresStore, redactUrl } from './postgres.js';
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

  it('says which server it could not reach, without the password', async () => {
    const error: unknown = await openPostgresStore({ url: 'postgres://me:s3cret@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(String(error)).toMatch(/cannot connect to PostgreSQL at postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    expect(String(error)).not.toContain('s3cret');
    expect(redactUrl('not a url')).toBe('(unreadable URL)');
  });
});
