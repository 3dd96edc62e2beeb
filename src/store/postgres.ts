/** A PostgreSQL server (15 or later) through node-postgres, when DATABASE_URL is set. */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from '../app/errors.js';
import type { AccountChangeListener } from '../app/ports.js';
import { ACCOUNT_CHANGES_CHANNEL, type WatchChanges } from './accounts-store.js';
import { DrizzleStore } from './drizzle-store.js';
import { MIGRATIONS_SCHEMA, migrationsFolder, NEWEST_APPLIED_SQL, upToDate } from './migrations-folder.js';
import type { OpenTimings } from './pglite.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  readonly url: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /**
   * How long a query waits for a pooled connection (all busy) or for a new one to open, before it
   * fails as unreachable (default 5,000 ms): a request then gets 503, never waits without end.
   */
  readonly poolWaitMs?: number;
  /**
   * PostgreSQL itself, when `url` goes through a connection pooler in transaction mode (PgBouncer):
   * migrations (which hold a session's lock) and the connection that listens for account changes
   * (a pooler delivers no notices) use it, and the pool sends no named statements and no startup
   * options, which such a pooler cannot keep on one server connection.
   */
  readonly directUrl?: string;
}

export const DEFAULT_POOL_WAIT_MS = 5_000;

/** Serialises migrations when several processes start at once (an arbitrary, fixed key). */
const MIGRATION_LOCK = 7_302_511_906;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unreadable URL)';
  }
}

export class PostgresStore extends DrizzleStore {
  readonly timings: OpenTimings;

  constructor(pool: pg.Pool, timings: OpenTimings, listen: AccountChanges = accountChanges(() => new pg.Client({ ...pool.options, application_name: ACCOUNT_CHANGES_APPLICATION })), pooled = false) {
    super({
      db: drizzle({ client: pool }),
      close: async () => {
        await listen.stop();
        await endPool(pool);
      },
      watchAccounts: listen.watch,
      // Named: each connection parses and plans the statement once (json columns arrive parsed).
      // Behind a transaction pooler a statement's next run may land on another server connection,
      // which has never seen the name: unnamed there (parsed and planned every time).
      prepared: pooled
        ? async (_name, text, values) => (await pool.query<Record<string, unknown>>({ text, values })).rows
        : async (name, text, values) => (await pool.query<Record<string, unknown>>({ name, text, values })).rows,
    });
    this.timings = timings;
  }
}

/** The listening connection's name in pg_stat_activity. */
export const ACCOUNT_CHANGES_APPLICATION = 'afterword account changes';
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
/** How long a probe notice may take to come back, and how often the connection is probed. */
const PROBE_WAIT_MS = 2_000;
const PROBE_EVERY_MS = 30_000;

export interface AccountChanges {
  readonly watch: WatchChanges;
  readonly stop: () => Promise<void>;
}

/**
 * `LISTEN afterword_accounts` on a connection of its own, opened when the first listener comes and
 * closed with the store or when the last one goes. Hearing is proved, not assumed: the connection
 * also listens on a channel of its own and notifies it, once after LISTEN and then every 30 s; a
 * probe that does not come back within 2 s (a pooler in transaction mode delivers none; a
 * connection that died silently) counts as a lost connection. A lost connection is told to the
 * listeners (`hearing(false)`: changes may be missed from then on) and opened again, 250 ms later,
 * then up to every 10 s; once a probe comes back, `hearing(true)`.
 */
export function accountChanges(newClient: () => pg.Client): AccountChanges {
  const listeners = new Set<AccountChangeListener>();
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let probing: NodeJS.Timeout | undefined;
  let delay = RETRY_FIRST_MS;
  let stopped = false;
  /** The probe has come back on `client`. */
  let listening = false;
  const tell = (on: boolean): void => { for (const l of listeners) l.hearing(on); };
  const lost = (c: pg.Client): void => {
    if (client !== c) return;
    client = undefined;
    listening = false;
    if (probing) clearInterval(probing);
    probing = undefined;
    c.end().catch(() => undefined);
    tell(false);
    if (stopped || listeners.size === 0) return;
    retry = setTimeout(() => { retry = undefined; void open(); }, delay);
    retry.unref();
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  };
  const open = async (): Promise<void> => {
    const c = newClient();
    client = c;
    const probeChannel = `afterword_probe_${randomBytes(6).toString('hex')}`;
    let probeBack: (() => void) | undefined;
    c.on('notification', (m) => {
      if (m.channel === probeChannel) probeBack?.();
      if (m.channel !== ACCOUNT_CHANGES_CHANNEL || !m.payload) return;
      for (const l of listeners) l.changed(m.payload);
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    /** Notifies the probe channel; whether the notice came back in time. */
    const probe = async (): Promise<boolean> => {
      let timer: NodeJS.Timeout | undefined;
      const back = new Promise<boolean>((resolve) => {
        probeBack = () => resolve(true);
        timer = setTimeout(() => resolve(false), PROBE_WAIT_MS);
      });
      try {
        await c.query(`notify ${probeChannel}`);
        return await back;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
        probeBack = undefined;
      }
    };
    try {
      await c.connect();
      await c.query(`listen ${ACCOUNT_CHANGES_CHANNEL}`);
      await c.query(`listen ${probeChannel}`);
    } catch {
      lost(c);
      return;
    }
    if (!(await probe())) return lost(c);
    if (client !== c) return;
    listening = true;
    delay = RETRY_FIRST_MS;
    probing = setInterval(() => {
      void probe().then((ok) => { if (!ok) lost(c); });
    }, PROBE_EVERY_MS);
    probing.unref();
    tell(true);
  };
  const close = async (): Promise<void> => {
    if (retry) clearTimeout(retry);
    retry = undefined;
    if (probing) clearInterval(probing);
    probing = undefined;
    const c = client;
    client = undefined;
    listening = false;
    await c?.end().catch(() => undefined);
  };
  return {
    watch(listener) {
      if (stopped) return () => undefined;
      listeners.add(listener);
      if (listeners.size === 1 && !client && !retry) void open();
      else if (listening) listener.hearing(true);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) void close();
      };
    },
    async stop() {
      stopped = true;
      listeners.clear();
      await close();
    },
  };
}

/**
 * Ends the pool and waits until every connection has really closed: `pool.end()` resolves as soon as
 * it has asked each one to end, so a database dropped (or a server stopped) right after would still
 * see them, and their late termination errors would surface as uncaught exceptions.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    pool.on('remove', () => { if (--open <= 0) resolve(); });
    // A connection whose server vanished may never report back: give up waiting after 5 s.
    setTimeout(resolve, 5_000).unref();
  });
  await pool.end();
  await closed;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const started = performance.now();
  const pooled = options.directUrl !== undefined;
  // Dates and instants are read in ISO form whatever the server's default: set at connection start
  // (a query from the pool's 'connect' event raced the first query, which pg is deprecating). A
  // transaction pooler refuses startup options: there the database's own setting is checked below.
  const pool = new pg.Pool({
    connectionString: options.url, max: options.poolSize ?? 10, ...(pooled ? {} : { options: '-c datestyle=ISO,MDY' }),
    connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    // A peer that vanished without a word (a cut cable, a paused VM) is noticed by TCP, not only on the next write.
    keepAlive: true,
  });
  // An idle connection that drops must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor one a request holds between statements (a transaction waiting on the app): pg-pool listens
  // only while a connection is idle, and an 'error' with no listener ends the process. The query
  // running or next sent fails instead, and the pool drops the connection when it is released.
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError({ reason: 'storage.unreachable', params: { url: redactUrl(options.url), reason } }, { cause: error });
  }
  const opened = performance.now();
  try {
    if (pooled) await checkDateStyle(client, options.url);
    const folder = migrationsFolder();
    // Checked before the lock: an up-to-date database needs neither the lock nor the right to create.
    const current = await upToDate(folder, async () => (await client.query<{ newest: string | null }>(NEWEST_APPLIED_SQL)).rows[0]?.newest);
    if (!current) {
      // The lock is a session's: behind a transaction pooler its unlock could reach another server
      // connection and leave it held, so migrations go to PostgreSQL itself.
      const direct = options.directUrl !== undefined ? await connectDirect(options.directUrl) : undefined;
      const migrating = direct ?? client;
      try {
        await migrating.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migrate(drizzle({ client: migrating }), { migrationsFolder: folder, migrationsSchema: MIGRATIONS_SCHEMA });
        } finally {
          await migrating.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        await direct?.end();
      }
    }
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  const directUrl = options.directUrl;
  const listen = directUrl !== undefined
    ? accountChanges(() => new pg.Client({ connectionString: directUrl, keepAlive: true, application_name: ACCOUNT_CHANGES_APPLICATION }))
    : undefined;
  return new PostgresStore(pool, { open: opened - started, migrate: performance.now() - opened }, listen, pooled);
}

/** A connection to PostgreSQL itself (`directUrl`), with an error that names the setting. */
async function connectDirect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError({ reason: 'storage.direct_unreachable', params: { url: redactUrl(url), reason } }, { cause: error });
  }
  return client;
}

/** Behind a pooler no startup option sets DateStyle: the database's own must give ISO dates. */
async function checkDateStyle(client: pg.PoolClient, url: string): Promise<void> {
  const style = (await client.query<{ DateStyle: string }>('show datestyle')).rows[0]?.DateStyle ?? '';
  if (!/^ISO\b/i.test(style)) {
    throw new AppError({ reason: 'storage.date_style', params: { url: redactUrl(url), style } });
  }
}
