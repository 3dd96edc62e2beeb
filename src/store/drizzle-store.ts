/**
 * The `Store` port over drizzle's PostgreSQL core, shared by the PGlite and node-postgres drivers.
 * Transactions: the transaction a use case runs in is kept in AsyncLocalStorage, so every store
 * call made inside `transaction(fn)` joins it (a write that fails there fails the use case, which
 * rolls it all back; a nested `transaction` is a savepoint). A write called alone is its own
 * transaction. Writes lock the user's row first, once per transaction: one user's writes are
 * serialised, which keeps positions and touch numbers gap-free without races.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, asc, eq, getTableColumns, getTableName, inArray, is, lt, notInArray, Param, Placeholder, sql, SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgDatabase, PgInsertValue, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../app/errors.js';
import type { MailStore } from '../app/mail/mail-port.js';
import type { OutboxStore } from '../app/mail/outbox-port.js';
import {
  BACKUP_FORMAT, BACKUP_VERSION, RED_FLAG_MAX_SCORE,
  type AgendaRecords, type AgendaSink, type ApplicationContext, type ApplicationHead, type BackupSink, type ImportKey, type ProfileRecords, type ApplicationFilter, type ApplicationRecord, type ApplicationSummary, type Backup, type DueItem, type NextDue,
  type AccountStore, type Criterion, type CriterionRating, type Offer, type RedFlag, type RedFlagNote, type Store, type User, type UserId,
} from '../app/ports.js';
import type {
  Application, ApplicationStatus, Candidate, Interview, Person, Reference, Scenario, Settings, Touch,
} from '../core/model.js';
import type { RecommendationKind } from '../core/rules/plan-types.js';
import type { EpochMs } from '../core/time.js';
import { DrizzleAccounts, type WatchChanges } from './accounts-store.js';
import { checkKeys, type TableRows } from './bulk-keys.js';
import { DrizzleMail } from './mail-store.js';
import { DrizzleOutbox } from './outbox-store.js';
import { instantToText } from './codec.js';
import { toAppError } from './db-errors.js';
import * as json from './json-read.js';
import * as rows from './rows.js';
import * as s from './schema.js';

/** A database or a transaction on it (a drizzle transaction is a database too). */
export type Executor = PgDatabase<PgQueryResultHKT>;

/** The transaction (or savepoint) a use case runs in, and the users whose row it has locked. */
interface Frame {
  readonly q: Executor;
  readonly locked: Set<UserId>;
}

/** Applications per page of a backup: what one holds at a time, whatever the number of applications. */
const EXPORT_PAGE = 5_000;
const EXPORT_PAGE_MAX = 10_000;

/** Rows per statement: drizzle's way binds a parameter per value, and PostgreSQL takes at most 65,535. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_ROWS = 1_000;

/**
 * Whether a value is a piece of SQL drizzle builds (an expression, a parameter, a placeholder)
 * rather than data. An array or a plain object (tags, a jsonb document) never is: asked first,
 * it spares drizzle's class test for the two of them in each of a large import's rows.
 */
function isBuilt(value: object): boolean {
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) return false;
  return is(value, SQL) || is(value, Param) || is(value, Placeholder);
}

/** A row as `json_populate_recordset` reads it (database column names), or undefined when a value cannot go through JSON. */
function jsonRow(columns: readonly (readonly [string, AnyPgColumn])[], row: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = row[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    if (typeof value === 'object' && isBuilt(value)) return undefined;
    const type = column.getSQLType();
    // jsonb stays a value inside the document; everything else goes as the driver would send it.
    out[column.name] = type === 'jsonb' || type === 'json' ? value : column.mapToDriverValue(value);
  }
  return out;
}

/**
 * Runs `statement` (a `COPY … FROM` naming the driver's own source) with `text` as its data, in
 * PostgreSQL's text format; false when the driver cannot, and the rows go another way.
 */
export type CopyRows = (q: Executor, statement: string, text: string) => Promise<boolean>;

/** What COPY's text format escapes; a lone surrogate or NUL it cannot carry at all (PostgreSQL refuses them either way). */
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Any character either of the above looks for: what a value needs looked at more closely. */
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const COPY_ANY_SPECIAL = /[\\\n\r\t\u0000\uD800-\uDFFF]/;

/** One value as a field of COPY's text format (as the driver would send it), or undefined when it cannot go that way. */
function copyField(column: AnyPgColumn, value: unknown): string | undefined {
  if (value === undefined || value === null) return '\\N';
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (typeof value === 'object' && isBuilt(value)) return undefined;
  const driver: unknown = column.mapToDriverValue(value);
  if (typeof driver === 'number' || typeof driver === 'bigint') return String(driver);
  if (typeof driver === 'boolean') return driver ? 't' : 'f';
  if (typeof driver !== 'string') return undefined;
  // Most values hold none of these: one scan, and the closer look only for the others.
  if (!COPY_ANY_SPECIAL.test(driver)) return driver;
  if (driver.includes('\u0000') || LONE_SURROGATE.test(driver)) return undefined;
  return COPY_SPECIAL.test(driver) ? driver.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c] ?? c) : driver;
}

/** The rows as COPY's text format (a line per row, tab between fields), or undefined when a value cannot go that way. */
function copyText(columns: readonly (readonly [string, AnyPgColumn])[], batch: readonly Readonly<Record<string, unknown>>[]): string | undefined {
  // One string grown field by field (V8 joins the pieces once, when the text is sent).
  let text = '';
  for (const row of batch) {
    let separator = '';
    for (const [key, column] of columns) {
      const field = copyField(column, row[key]);
      if (field === undefined) return undefined;
      text += separator + field;
      separator = '\t';
    }
    text += '\n';
  }
  return text;
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Multi-row inserts. Where the driver can (PGlite), a batch goes by COPY in PostgreSQL's text
 * format, built straight from the rows: the database reads it 1.24–1.39× faster than a JSON
 * document. Otherwise each batch goes as one JSON document in one parameter, read back into rows by
 * `json_populate_recordset`: drizzle's building of statements with thousands of parameters took as
 * long as the database's inserting (a 30,000-row import: 3 s each). Values pass through
 * each column's own mapping, so they arrive as drizzle would send them. A batch that leaves a column
 * with a default unsaid (a missing key would become NULL, not the default) and values neither can
 * carry take drizzle's way.
 */
async function insertMany<T extends PgTable>(q: Executor, table: T, values: readonly PgInsertValue<T>[], copy?: CopyRows): Promise<void> {
  if (values.length === 0) return;
  const columns: [string, AnyPgColumn][] = Object.entries(getTableColumns(table));
  const size = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const names = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);
  // A column with a default goes through JSON or COPY only when every row of the batch gives it a
  // value (a missing key would become NULL there, not the default): the applications' tags always do.
  const defaulted = columns.filter(([, c]) => c.hasDefault).map(([key]) => key);
  const copyStatement = `copy ${quoteName(getTableName(table))} (${columns.map(([, c]) => quoteName(c.name)).join(', ')}) from '/dev/blob'`;
  for (let i = 0; i < values.length; i += size) {
    const batch = values.slice(i, i + size) as readonly Readonly<Record<string, unknown>>[];
    const complete = batch.every((row) => defaulted.every((key) => row[key] !== undefined && row[key] !== null));
    if (complete && copy) {
      const text = copyText(columns, batch);
      if (text !== undefined && await copy(q, copyStatement, text)) continue;
    }
    const docs = complete ? batch.map((row) => jsonRow(columns, row)) : [];
    if (complete && docs.every((d) => d !== undefined)) {
      await q.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(docs)}::json)`);
    } else {
      await q.insert(table).values(batch as PgInsertValue<T>[]);
    }
  }
}

function rowsOf(result: unknown): readonly Record<string, unknown>[] {
  const list: unknown = typeof result === 'object' && result !== null ? Reflect.get(result, 'rows') : undefined;
  return Array.isArray(list) ? list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
}

/**
 * `column` is one of `ids`, sent as one JSON parameter: drizzle's building of a statement with a
 * parameter per id, for every page of a backup, took longer than the database's reading.
 */
function amongIds(column: AnyPgColumn, ids: readonly string[]): SQL {
  return sql`${column} in (select json_array_elements_text(${JSON.stringify(ids)}::json))`;
}

/** Groups rows by key, keeping their order. */
function groupBy<R>(list: readonly R[], key: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of list) {
    const k = key(r);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const pair = (a: string, b: string): string => `${a}\u0000${b}`;

/** The row without its key columns: what an upsert updates. */
function omit<T extends object, K extends keyof T>(row: T, ...keys: K[]): Omit<T, K> {
  const out: Partial<T> = { ...row };
  for (const key of keys) delete out[key];
  return out as Omit<T, K>;
}

/** All rows the user's applications consist of. */
interface ApplicationRows {
  readonly apps: readonly rows.ApplicationRow[];
  readonly people: Map<string, rows.PersonRow[]>;
  readonly interviews: Map<string, rows.InterviewRow[]>;
  readonly interviewPeople: Map<string, rows.InterviewPersonRow[]>;
  readonly debriefs: Map<string, rows.DebriefRow>;
  readonly touches: Map<string, rows.TouchRow[]>;
}

/** The user's applications from `after` on (position, then id), at most `limit` of them, with their children. */
async function readApplicationRows(q: Executor, userId: UserId, page?: { after: rows.ApplicationRow | undefined; limit: number }): Promise<ApplicationRows> {
  const a = s.applications;
  const from = json.afterKey(page?.after);
  // Each row as one JSON text value: PGlite parses it ~2.5× faster than the row's columns.
  const ordered = q.select({ row: json.APPLICATION_ROW_TEXT }).from(a).where(and(eq(a.userId, userId), from)).orderBy(asc(a.position), asc(a.id)).$dynamic();
  const apps = (page === undefined ? await ordered : await ordered.limit(page.limit)).map((r) => json.applicationRowFrom(r.row));
  if (apps.length === 0) return { apps, people: new Map(), interviews: new Map(), interviewPeople: new Map(), debriefs: new Map(), touches: new Map() };
  // A page's children are those of its applications; all of them otherwise.
  const ids = page === undefined ? undefined : apps.map((r) => r.id);
  const scope = (t: { userId: AnyPgColumn; applicationId: AnyPgColumn }): SQL | undefined =>
    and(eq(t.userId, userId), ids === undefined ? undefined : amongIds(t.applicationId, ids));
  const people = (await q.select({ row: json.PERSON_ROW_TEXT }).from(s.people).where(scope(s.people))
    .orderBy(asc(s.people.applicationId), asc(s.people.position), asc(s.people.id))).map((r) => json.personRowFrom(r.row));
  const interviews = await q.select().from(s.interviews).where(scope(s.interviews))
    .orderBy(asc(s.interviews.applicationId), asc(s.interviews.position), asc(s.interviews.id));
  const met = await q.select().from(s.interviewPeople).where(scope(s.interviewPeople))
    .orderBy(asc(s.interviewPeople.applicationId), asc(s.interviewPeople.interviewId), asc(s.interviewPeople.position));
  const debriefs = await q.select().from(s.debriefs).where(scope(s.debriefs));
  const touches = await q.select().from(s.touches).where(scope(s.touches))
    .orderBy(asc(s.touches.applicationId), asc(s.touches.seq));
  return {
    apps,
    people: groupBy(people, (r) => r.applicationId),
    interviews: groupBy(interviews, (r) => r.applicationId),
    interviewPeople: groupBy(met, (r) => pair(r.applicationId, r.interviewId)),
    debriefs: new Map(debriefs.map((r) => [pair(r.applicationId, r.interviewId), r])),
    touches: groupBy(touches, (r) => r.applicationId),
  };
}

function assemble(data: ApplicationRows, app: rows.ApplicationRow): Application {
  const people = (data.people.get(app.id) ?? []).map(rows.toPerson);
  const interviews = (data.interviews.get(app.id) ?? []).map((iv) => rows.toInterview(
    iv,
    (data.interviewPeople.get(pair(app.id, iv.id)) ?? []).map((m) => m.personId),
    data.debriefs.get(pair(app.id, iv.id)),
  ));
  const touches = (data.touches.get(app.id) ?? []).map(rows.toTouch);
  return rows.toApplication(app, people, interviews, touches);
}

/** The rows of whole application records, ready for multi-row inserts. */
function recordRows(userId: UserId, records: readonly ApplicationRecord[], firstPosition: number, path: string, importDigests?: readonly (string | undefined)[]) {
  const out = {
    applications: [] as PgInsertValue<typeof s.applications>[],
    people: [] as PgInsertValue<typeof s.people>[],
    interviews: [] as PgInsertValue<typeof s.interviews>[],
    interviewPeople: [] as PgInsertValue<typeof s.interviewPeople>[],
    debriefs: [] as PgInsertValue<typeof s.debriefs>[],
    touches: [] as PgInsertValue<typeof s.touches>[],
    redFlags: [] as PgInsertValue<typeof s.redFlags>[],
    offers: [] as PgInsertValue<typeof s.offers>[],
    offerItems: [] as PgInsertValue<typeof s.offerItems>[],
    ratings: [] as PgInsertValue<typeof s.criterionRatings>[],
  };
  records.forEach((record, i) => {
    const at = `${path}[${i}]`;
    const app = record.application;
    const row = rows.applicationRow(userId, app, firstPosition + i, record.nextDue, `${at}.application`);
    // Set on the new row, not spread into a copy: a copy per application was ~0.2 s of 100,000.
    const digest = importDigests?.[i];
    if (digest !== undefined) row.importDigest = digest;
    out.applications.push(row);
    childRows(userId, app, `${at}.application`, out);
    for (const note of record.redFlags) out.redFlags.push(rows.redFlagRow(userId, app.id, note, RED_FLAG_MAX_SCORE, `${at}.redFlags.${note.flag}`));
    (record.ratings ?? []).forEach((r, j) => out.ratings.push(rows.ratingRow(userId, app.id, r, `${at}.ratings[${j}]`)));
    if (record.offer) {
      const offer = rows.offerRows(userId, app.id, record.offer, `${at}.offer`);
      out.offers.push(offer.offer);
      out.offerItems.push(...offer.items);
    }
  });
  return out;
}

interface ChildRows {
  people: PgInsertValue<typeof s.people>[];
  interviews: PgInsertValue<typeof s.interviews>[];
  interviewPeople: PgInsertValue<typeof s.interviewPeople>[];
  debriefs: PgInsertValue<typeof s.debriefs>[];
  touches: PgInsertValue<typeof s.touches>[];
}

function childRows(userId: UserId, app: Application, path: string, out: ChildRows): void {
  app.people.forEach((p, j) => out.people.push(rows.personRow(userId, app.id, p, j, `${path}.people[${j}]`)));
  app.interviews.forEach((iv, j) => {
    const r = rows.interviewRows(userId, app.id, iv, j, `${path}.interviews[${j}]`);
    out.interviews.push(r.interview);
    out.interviewPeople.push(...r.people);
    if (r.debrief) out.debriefs.push(r.debrief);
  });
  app.touches.forEach((t, j) => out.touches.push(rows.touchRow(userId, app.id, t, j, `${path}.touches[${j}]`)));
}

/**
 * Past this many new rows in a table that others refer to, its statistics are refreshed inside the
 * transaction. Otherwise the foreign-key checks of the rows that follow keep a plan made when the
 * table was small (a sequential scan) and a 10,000-row import turns quadratic (measured: 60× slower).
 * After that, only each time the table has doubled (by the rows this store added): an ANALYZE per
 * 500-row batch made half of a 100,000-row import's time.
 */
const ANALYZE_AFTER_ROWS = 500;
/**
 * Once the statistics counted this many of the rows this store added, they are not refreshed again
 * by bulk inserts: the foreign-key checks' plans use the key's index from a few thousand rows on, and
 * the doublings after that (up to 64,000 rows in a 100,000-row import, the last ones the costliest)
 * were about a tenth of the database's time in an import.
 */
const ANALYZE_UNTIL_ROWS = 8_000;

/** Per parent table: rows this store added since its statistics were last refreshed, and before that. */
type Growth = Map<PgTable, { since: number; before: number }>;

/** How bulk inserts go: the tables' growth (for their statistics) and the driver's COPY, if it has one. */
interface Bulk {
  readonly growth: Growth;
  readonly copy: CopyRows | undefined;
  /** Whether bulk inserts check their foreign keys themselves (DrizzleStoreOptions.checkBulkKeys). */
  readonly checkKeys: boolean;
}

/**
 * Inserts rows others refer to. `bulk` is for bulk inserts only: rewriting one application's
 * people (every save does) does not grow the table, and an ANALYZE inside each of many concurrent
 * writes made them queue on each other's locks (seconds, in bench/server).
 */
async function insertParents<T extends PgTable>(q: Executor, table: T, values: readonly PgInsertValue<T>[], bulk: Bulk | undefined): Promise<void> {
  await insertMany(q, table, values, bulk?.copy);
  if (!bulk) return;
  const growth = bulk.growth;
  const g = growth.get(table) ?? { since: 0, before: 0 };
  growth.set(table, g);
  g.since += values.length;
  if (g.before < ANALYZE_UNTIL_ROWS && g.since >= Math.max(ANALYZE_AFTER_ROWS, g.before)) {
    // Counted before the await: another bulk insert meanwhile does not analyze again.
    g.before += g.since;
    g.since = 0;
    await q.execute(sql`analyze ${table}`);
  }
}

/** Inserts in the order foreign keys need. */
async function insertChildren(q: Executor, r: ChildRows, bulk: Bulk | undefined): Promise<void> {
  await insertParents(q, s.people, r.people, bulk);
  await insertParents(q, s.interviews, r.interviews, bulk);
  await insertMany(q, s.interviewPeople, r.interviewPeople, bulk?.copy);
  await insertMany(q, s.debriefs, r.debriefs, bulk?.copy);
  await insertMany(q, s.touches, r.touches, bulk?.copy);
}

export interface DrizzleStoreOptions {
  readonly db: Executor;
  /** Releases the driver (PGlite instance, pg pool). */
  readonly close: () => Promise<void>;
  /** Called before each outermost write transaction begins (the embedded store drops its read model). */
  readonly beforeWrite?: () => void;
  /** The data folder, named when the disk is full or the data damaged (the embedded store's). */
  readonly folder?: string;
  /**
   * Runs a rendered statement outside any transaction by name (node-postgres prepares it once per
   * connection); without it, statements go through drizzle.
   */
  readonly prepared?: Prepared;
  /** `AccountStore.watchChanges`, where the driver can listen for other processes' changes. */
  readonly watchAccounts?: WatchChanges;
  /** Bulk inserts (import, restore) by COPY, where the driver can. */
  readonly copyRows?: CopyRows;
  /**
   * Bulk inserts run with the session's triggers off (`session_replication_role = replica`: only a
   * superuser may set it, as PGlite's one user is) and check their foreign keys themselves, once
   * per insert (bulk-keys.ts), instead of PostgreSQL's query per row. Only for a database with one
   * connection. The tables bulk inserts write have no triggers but those checks (a test keeps it so).
   */
  readonly checkBulkKeys?: boolean;
}

/** A rendered statement run by name: rows as objects. */
export type Prepared = (name: string, text: string, values: unknown[]) => Promise<readonly Record<string, unknown>[]>;

/**
 * One user's applications in (position, id) order, a page at a time (keyset pages: json.afterKey).
 * Each row is read as `text` and turned into its position, id and item by `from`.
 */
async function applicationPages<T>(
  q: Executor, userId: UserId, limit: number, text: SQL<string>,
  from: (row: string) => { readonly position: number; readonly id: string; readonly item: T },
  sink: (page: readonly T[]) => void | Promise<void>,
): Promise<void> {
  const a = s.applications;
  let after: json.PageKey | undefined;
  for (;;) {
    const page = (await q.select({ row: text }).from(a)
      .where(and(eq(a.userId, userId), json.afterKey(after))).orderBy(asc(a.position), asc(a.id)).limit(limit)).map((r) => from(r.row));
    if (page.length > 0) await sink(page.map((r) => r.item));
    const last = page[page.length - 1];
    if (last === undefined || page.length < limit) break;
    after = { position: last.position, id: last.id };
  }
}

export class DrizzleStore implements Store {
  private readonly db: Executor;
  private readonly closeDriver: () => Promise<void>;
  private readonly beforeWrite: (() => void) | undefined;
  private readonly folder: string | undefined;
  private readonly prepared: Prepared | undefined;
  private readonly current = new AsyncLocalStorage<Frame>();
  private readonly bulk: Bulk;
  private closed = false;
  /** Outermost transactions begun: a reader of the database's state can tell whether a write began since. */
  private begun = 0;
  private readonly written = new Set<() => void>();
  readonly accounts: AccountStore;
  readonly outbox: OutboxStore;
  readonly mail: MailStore;

  constructor(options: DrizzleStoreOptions) {
    this.db = options.db;
    this.closeDriver = options.close;
    this.beforeWrite = options.beforeWrite;
    this.folder = options.folder;
    this.prepared = options.prepared;
    this.bulk = { growth: new Map(), copy: options.copyRows, checkKeys: options.checkBulkKeys === true };
    this.accounts = new DrizzleAccounts(
      (fn) => this.one(fn),
      (fn) => this.transaction(() => this.one(fn)),
      (statement, values) => this.run(statement, values),
      options.watchAccounts,
    );
    this.outbox = new DrizzleOutbox((fn) => this.one(fn), (fn) => this.transaction(() => this.one(fn)), (userId, fn) => this.write(userId, fn));
    this.mail = new DrizzleMail((fn) => this.one(fn), (userId, fn) => this.write(userId, fn));
  }

  /** How many outermost (write) transactions have begun so far. */
  get writesBegun(): number {
    return this.begun;
  }

  /** Calls `listener` after each outermost transaction commits; returns the function that stops it. */
  onWritten(listener: () => void): () => void {
    this.written.add(listener);
    return () => { this.written.delete(listener); };
  }

  // ---------------------------------------------------------------- plumbing

  private get q(): Executor {
    return this.current.getStore()?.q ?? this.db;
  }

  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    try {
      // A nested call is a savepoint on the same connection.
      if (outer) {
        // A savepoint: the users it locks stay locked in the transaction only if it is released.
        const locked = new Set(outer.locked);
        const result = await outer.q.transaction((tx) => this.current.run({ q: tx, locked }, () => fn(this)));
        for (const id of locked) outer.locked.add(id);
        return result;
      }
      this.begun++;
      this.beforeWrite?.();
      const result = await this.db.transaction((tx) => this.current.run({ q: tx, locked: new Set() }, () => fn(this)));
      for (const listener of this.written) listener();
      return result;
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  /**
   * A write: its own transaction when called alone; inside a use case's transaction it joins it (a
   * failure fails the whole use case, which rolls it back). Locks the user's row first, once per
   * transaction: one user's writes are serialised.
   */
  private async write<T>(userId: UserId, fn: (q: Executor) => Promise<T>): Promise<T> {
    const frame = this.current.getStore();
    if (!frame) return this.transaction(() => this.write(userId, fn));
    try {
      if (!frame.locked.has(userId)) {
        const found = await frame.q.select({ id: s.users.id }).from(s.users).where(eq(s.users.id, userId)).for('no key update');
        if (found.length === 0) throw new AppError({ reason: 'store.no_user', params: { id: userId } });
        // Kept by this frame; a savepoint passes it on to its transaction only when released.
        frame.locked.add(userId);
      }
      return await fn(frame.q);
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  /** A read of several tables from one snapshot. */
  private async read<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    const inside = this.current.getStore()?.q;
    try {
      if (inside) return await fn(inside);
      return await this.db.transaction((tx) => fn(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  /** A rendered statement: by name when outside a transaction and the driver can, else through drizzle. */
  private async run<K extends string>(statement: json.Statement<K>, values: Readonly<Record<K, unknown>>): Promise<readonly json.Json[]> {
    try {
      const frame = this.current.getStore();
      if (!frame && this.prepared) return await this.prepared(statement.name, statement.text, statement.values(values));
      return rowsOf(await (frame?.q ?? this.db).execute(statement.sql(values)));
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  private async one<T>(fn: (q: Executor) => Promise<T>): Promise<T> {
    try {
      return await fn(this.q);
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  private async requireApplication(q: Executor, userId: UserId, applicationId: string): Promise<void> {
    if (!rows.isStorableText(applicationId)) throw new AppError({ reason: 'store.no_application', params: { id: applicationId } });
    const found = await q.select({ id: s.applications.id }).from(s.applications)
      .where(and(eq(s.applications.userId, userId), eq(s.applications.id, applicationId)));
    if (found.length === 0) throw new AppError({ reason: 'store.no_application', params: { id: applicationId } });
  }

  private async nextPosition(q: Executor, table: typeof s.applications | typeof s.candidateReferences, userId: UserId): Promise<number> {
    const [r] = await q.select({ n: sql<number>`(coalesce(max(${table.position}), -1) + 1)::int` }).from(table).where(eq(table.userId, userId));
    return r?.n ?? 0;
  }

  // ---------------------------------------------------------------- users

  ensureUser(user: User): Promise<User> {
    return this.one(async (q) => {
      const id = rows.text(user.id, 'user.id');
      // Every command starts here: a read when the user exists (nearly always) spares a write.
      const [existing] = await q.select().from(s.users).where(eq(s.users.id, id));
      if (existing) return rows.toUser(existing);
      await q.insert(s.users).values({ id, name: rows.text(user.name, 'user.name') }).onConflictDoNothing();
      const [row] = await q.select().from(s.users).where(eq(s.users.id, id));
      if (!row) throw new Error(`user ${user.id} vanished after insert`);
      return rows.toUser(row);
    });
  }

  getUser(userId: UserId): Promise<User | undefined> {
    return this.one(async (q) => {
      const [row] = await q.select().from(s.users).where(eq(s.users.id, userId));
      return row ? rows.toUser(row) : undefined;
    });
  }

  // ---------------------------------------------------------------- settings and candidate

  getSettings(userId: UserId): Promise<Settings | undefined> {
    return this.one(async (q) => {
      const [row] = await q.select().from(s.settings).where(eq(s.settings.userId, userId));
      return row ? rows.toSettings(row) : undefined;
    });
  }

  async saveSettings(userId: UserId, settings: Settings): Promise<void> {
    const row = rows.settingsRow(userId, settings);
    return this.write(userId, async (q) => {
      const set = omit(row, 'userId');
      await q.insert(s.settings).values(row).onConflictDoUpdate({ target: s.settings.userId, set });
    });
  }

  private async readCandidate(q: Executor, userId: UserId): Promise<Candidate> {
    const [row] = await q.select().from(s.candidates).where(eq(s.candidates.userId, userId));
    const refs = await q.select().from(s.candidateReferences).where(eq(s.candidateReferences.userId, userId))
      .orderBy(asc(s.candidateReferences.position), asc(s.candidateReferences.id));
    return rows.toCandidate(row, refs.map(rows.toReference));
  }

  getCandidate(userId: UserId): Promise<Candidate> {
    return this.getProfileRecords(userId).then((p) => p.candidate);
  }

  getProfileRecords(userId: UserId): Promise<ProfileRecords> {
    return this.run(json.PROFILE, { userId }).then(json.profileFrom);
  }

  private async writeCandidate(q: Executor, userId: UserId, candidate: Candidate): Promise<void> {
    const row = rows.candidateRow(userId, candidate);
    const refs = candidate.references.map((r, i) => rows.referenceRow(userId, r, i, `candidate.references[${i}]`));
    const set = omit(row, 'userId');
    await q.insert(s.candidates).values(row).onConflictDoUpdate({ target: s.candidates.userId, set });
    const keep = refs.map((r) => r.id);
    await q.delete(s.candidateReferences).where(keep.length > 0
      ? and(eq(s.candidateReferences.userId, userId), notInArray(s.candidateReferences.id, keep))
      : eq(s.candidateReferences.userId, userId));
    for (const ref of refs) await this.upsertReference(q, ref);
  }

  private async upsertReference(q: Executor, ref: typeof s.candidateReferences.$inferInsert): Promise<void> {
    const set = omit(ref, 'userId', 'id', 'position');
    await q.insert(s.candidateReferences).values(ref).onConflictDoUpdate({
      target: [s.candidateReferences.userId, s.candidateReferences.id],
      set: { ...set, position: sql`excluded.position` },
    });
  }

  saveCandidate(userId: UserId, candidate: Candidate): Promise<void> {
    return this.write(userId, (q) => this.writeCandidate(q, userId, candidate));
  }

  saveReference(userId: UserId, reference: Reference): Promise<void> {
    return this.write(userId, async (q) => {
      const position = await this.nextPosition(q, s.candidateReferences, userId);
      const row = rows.referenceRow(userId, reference, position, 'reference');
      const set = omit(row, 'userId', 'id', 'position');
      // An existing reference keeps its place.
      await q.insert(s.candidateReferences).values(row).onConflictDoUpdate({
        target: [s.candidateReferences.userId, s.candidateReferences.id], set,
      });
    });
  }

  deleteReference(userId: UserId, referenceId: string): Promise<boolean> {
    return this.write(userId, async (q) => {
      const gone = await q.delete(s.candidateReferences)
        .where(and(eq(s.candidateReferences.userId, userId), eq(s.candidateReferences.id, referenceId)))
        .returning({ id: s.candidateReferences.id });
      return gone.length > 0;
    });
  }

  // ---------------------------------------------------------------- applications

  async saveApplication(userId: UserId, application: Application): Promise<void> {
    const children: ChildRows = { people: [], interviews: [], interviewPeople: [], debriefs: [], touches: [] };
    childRows(userId, application, 'application', children);
    return this.write(userId, async (q) => {
      const position = await this.nextPosition(q, s.applications, userId);
      const row = rows.applicationRow(userId, application, position, undefined, 'application');
      const set = omit(row, 'userId', 'id', 'position', 'nextDueAt', 'nextDueKind');
      await q.insert(s.applications).values(row).onConflictDoUpdate({ target: [s.applications.userId, s.applications.id], set });
      const mine = (t: { userId: AnyPgColumn; applicationId: AnyPgColumn }) =>
        and(eq(t.userId, userId), eq(t.applicationId, application.id));
      // Children go in foreign-key order: touches and interviews name people.
      await q.delete(s.touches).where(mine(s.touches));
      await q.delete(s.interviews).where(mine(s.interviews));
      await q.delete(s.people).where(mine(s.people));
      await insertChildren(q, children, undefined);
    });
  }

  getApplication(userId: UserId, applicationId: string): Promise<Application | undefined> {
    // No stored id holds NUL or a lone surrogate; PGlite cannot even send some of those (two lone low surrogates).
    if (!rows.isStorableText(applicationId)) return Promise.resolve(undefined);
    return this.run(json.APPLICATIONS, { userId, ids: JSON.stringify([applicationId]) }).then((r) => json.applicationsFrom(r)[0]);
  }

  getApplications(userId: UserId, applicationIds: readonly string[]): Promise<readonly Application[]> {
    const ids = applicationIds.filter(rows.isStorableText);
    if (ids.length === 0) return Promise.resolve([]);
    // One statement, one snapshot, however many ids (they go as one JSON parameter).
    return this.run(json.APPLICATIONS, { userId, ids: JSON.stringify(ids) }).then((r) => {
      const found = new Map(json.applicationsFrom(r).map((app) => [app.id, app]));
      return applicationIds.flatMap((id) => found.get(id) ?? []);
    });
  }

  getApplicationHeads(userId: UserId, applicationIds: readonly string[]): Promise<readonly ApplicationHead[]> {
    const ids = applicationIds.filter(rows.isStorableText);
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(json.APPLICATION_HEADS, { userId, ids: JSON.stringify(ids) }).then((r) => {
      const found = new Map(json.applicationHeadsFrom(r).map((app) => [app.id, app]));
      return applicationIds.flatMap((id) => found.get(id) ?? []);
    });
  }

  async getApplicationContext(userId: UserId, applicationId: string): Promise<ApplicationContext> {
    // An id no row could hold names no application (PGlite cannot even send some of those).
    const ids = rows.isStorableText(applicationId) ? [applicationId] : [];
    return json.contextFrom(await this.run(json.CONTEXT, { userId, ids: JSON.stringify(ids) }));
  }

  agendaRecords(userId: UserId, before: EpochMs): Promise<AgendaRecords> {
    const bound = instantToText(rows.instant(before, 'before'));
    return this.run(json.AGENDA, { userId, before: bound }).then(json.agendaFrom);
  }

  agendaPaged(userId: UserId, before: EpochMs, sink: AgendaSink, pageSize = EXPORT_PAGE): Promise<void> {
    const bound = instantToText(rows.instant(before, 'before'));
    const limit = Math.max(1, Math.min(EXPORT_PAGE_MAX, Math.floor(pageSize)));
    return this.read(async (q) => {
      await sink.head(json.agendaHeadFrom(rowsOf(await q.execute(json.AGENDA_HEAD.sql({ userId, before: bound })))));
      for (let after: json.PageKey | undefined; ;) {
        const page = json.summaryPageFrom(rowsOf(await q.execute(json.summaryPage(userId, limit, after))));
        if (page.count > 0) await sink.summaries(page.texts);
        if (page.count < limit || page.last === undefined) break;
        after = page.last;
      }
    });
  }

  async listApplications(userId: UserId, filter?: ApplicationFilter): Promise<readonly ApplicationSummary[]> {
    const statuses = filter?.statuses;
    if (statuses !== undefined && statuses.length === 0) return [];
    const words = filter?.text?.trim();
    return this.one(async (q) => {
      const a = s.applications;
      const p = s.people;
      // Anywhere in the company, the role or a person's name, whatever the case; % and _ are literal.
      const like = words ? `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      // The people are scanned once (a semi-join), not looked up per application.
      const text = like === undefined ? undefined
        : sql`(${a.company} ilike ${like} or ${a.role} ilike ${like} or ${a.id} in (select ${p.applicationId} from ${p} where ${p.userId} = ${userId} and ${p.name} ilike ${like}))`;
      const query = q.select({ summary: json.SUMMARY_TEXT }).from(a)
        .where(and(eq(a.userId, userId), statuses === undefined ? undefined : inArray(a.status, [...statuses]), text))
        .orderBy(asc(a.position), asc(a.id)).$dynamic();
      const list = filter?.limit !== undefined ? await query.limit(Math.max(0, Math.floor(filter.limit))) : await query;
      return list.map((r) => json.summaryFrom(r.summary));
    });
  }

  setStatus(userId: UserId, applicationId: string, status: ApplicationStatus): Promise<void> {
    return this.write(userId, async (q) => {
      const done = await q.update(s.applications).set({ status })
        .where(and(eq(s.applications.userId, userId), eq(s.applications.id, applicationId)))
        .returning({ id: s.applications.id });
      if (done.length === 0) throw new AppError({ reason: 'store.no_application', params: { id: applicationId } });
    });
  }

  deleteApplication(userId: UserId, applicationId: string): Promise<boolean> {
    return this.write(userId, async (q) => {
      const gone = await q.delete(s.applications)
        .where(and(eq(s.applications.userId, userId), eq(s.applications.id, applicationId)))
        .returning({ id: s.applications.id });
      return gone.length > 0;
    });
  }

  savePerson(userId: UserId, applicationId: string, person: Person): Promise<void> {
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      const p = s.people;
      const [last] = await q.select({ n: sql<number>`(coalesce(max(${p.position}), -1) + 1)::int` }).from(p)
        .where(and(eq(p.userId, userId), eq(p.applicationId, applicationId)));
      const row = rows.personRow(userId, applicationId, person, last?.n ?? 0, 'person');
      const set = omit(row, 'userId', 'applicationId', 'id', 'position');
      await q.insert(p).values(row).onConflictDoUpdate({ target: [p.userId, p.applicationId, p.id], set });
    });
  }

  saveInterview(userId: UserId, applicationId: string, interview: Interview): Promise<void> {
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      const t = s.interviews;
      const [last] = await q.select({ n: sql<number>`(coalesce(max(${t.position}), -1) + 1)::int` }).from(t)
        .where(and(eq(t.userId, userId), eq(t.applicationId, applicationId)));
      const r = rows.interviewRows(userId, applicationId, interview, last?.n ?? 0, 'interview');
      const set = omit(r.interview, 'userId', 'applicationId', 'id', 'position');
      await q.insert(t).values(r.interview).onConflictDoUpdate({ target: [t.userId, t.applicationId, t.id], set });
      const ofInterview = <T extends typeof s.interviewPeople | typeof s.debriefs>(x: T) =>
        and(eq(x.userId, userId), eq(x.applicationId, applicationId), eq(x.interviewId, interview.id));
      await q.delete(s.interviewPeople).where(ofInterview(s.interviewPeople));
      await q.delete(s.debriefs).where(ofInterview(s.debriefs));
      await insertMany(q, s.interviewPeople, r.people);
      if (r.debrief) await q.insert(s.debriefs).values(r.debrief);
    });
  }

  addTouch(userId: UserId, applicationId: string, touch: Touch): Promise<number> {
    if (!rows.isStorableText(applicationId)) return Promise.reject(new AppError({ reason: 'store.no_application', params: { id: applicationId } }));
    return this.write(userId, async (q) => {
      const t = s.touches;
      // The application's existence and the next number, in one statement after the lock: its own
      // snapshot then sees every touch committed before the lock was granted (a statement that took
      // the lock itself would read the numbers from before its wait, and repeat one).
      const [next] = await q.select({
        found: sql<boolean>`exists (select 1 from ${s.applications} where ${s.applications.userId} = ${userId} and ${s.applications.id} = ${applicationId})`,
        n: sql<number>`(select (coalesce(max(${t.seq}), -1) + 1)::int from ${t} where ${t.userId} = ${userId} and ${t.applicationId} = ${applicationId})`,
      }).from(sql`(select 1) as "one"`);
      if (!next?.found) throw new AppError({ reason: 'store.no_application', params: { id: applicationId } });
      const seq = next.n;
      await q.insert(t).values(rows.touchRow(userId, applicationId, touch, seq, 'touch'));
      return seq;
    });
  }

  // ---------------------------------------------------------------- red flags and offers

  getRedFlags(userId: UserId, applicationId: string): Promise<readonly RedFlagNote[]> {
    return this.one(async (q) => {
      const list = await q.select().from(s.redFlags)
        .where(and(eq(s.redFlags.userId, userId), eq(s.redFlags.applicationId, applicationId)))
        .orderBy(asc(s.redFlags.flag));
      return list.map(rows.toRedFlag);
    });
  }

  async saveRedFlag(userId: UserId, applicationId: string, note: RedFlagNote): Promise<void> {
    const row = rows.redFlagRow(userId, applicationId, note, RED_FLAG_MAX_SCORE, `redFlags.${note.flag}`);
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      const f = s.redFlags;
      await q.insert(f).values(row).onConflictDoUpdate({
        target: [f.userId, f.applicationId, f.flag], set: { score: row.score, notes: row.notes, manager: row.manager },
      });
    });
  }

  deleteRedFlag(userId: UserId, applicationId: string, flag: RedFlag): Promise<boolean> {
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      const f = s.redFlags;
      const gone = await q.delete(f).where(and(eq(f.userId, userId), eq(f.applicationId, applicationId), eq(f.flag, flag)))
        .returning({ flag: f.flag });
      return gone.length > 0;
    });
  }

  getOffer(userId: UserId, applicationId: string): Promise<Offer | undefined> {
    return this.read(async (q) => {
      const [row] = await q.select().from(s.offers).where(and(eq(s.offers.userId, userId), eq(s.offers.applicationId, applicationId)));
      if (!row) return undefined;
      const items = await q.select().from(s.offerItems)
        .where(and(eq(s.offerItems.userId, userId), eq(s.offerItems.applicationId, applicationId)))
        .orderBy(asc(s.offerItems.section), asc(s.offerItems.position));
      return rows.toOffer(row, items);
    });
  }

  async saveOffer(userId: UserId, applicationId: string, offer: Offer | null): Promise<void> {
    const r = offer === null ? undefined : rows.offerRows(userId, applicationId, offer, 'offer');
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      await q.delete(s.offers).where(and(eq(s.offers.userId, userId), eq(s.offers.applicationId, applicationId)));
      if (r) {
        await q.insert(s.offers).values(r.offer);
        await insertMany(q, s.offerItems, r.items);
      }
    });
  }

  // ---------------------------------------------------------------- criteria for comparing offers

  private async readCriteria(q: Executor, userId: UserId): Promise<Criterion[]> {
    const list = await q.select().from(s.criteria).where(eq(s.criteria.userId, userId))
      .orderBy(asc(s.criteria.position), asc(s.criteria.name));
    return list.map(rows.toCriterion);
  }

  /** Ratings with their criterion's place, in the order of the criteria (`only` narrows to one application, or a list of them). */
  private readRatings(q: Executor, userId: UserId, only?: string | readonly string[]) {
    const r = s.criterionRatings;
    const c = s.criteria;
    const which = only === undefined ? undefined : typeof only === 'string' ? eq(r.applicationId, only) : amongIds(r.applicationId, only);
    return q.select({ applicationId: r.applicationId, criterion: r.criterion, rating: r.rating }).from(r)
      .innerJoin(c, and(eq(c.userId, r.userId), eq(c.name, r.criterion)))
      .where(and(eq(r.userId, userId), which))
      .orderBy(asc(r.applicationId), asc(c.position), asc(c.name));
  }

  getCriteria(userId: UserId): Promise<readonly Criterion[]> {
    return this.one((q) => this.readCriteria(q, userId));
  }

  async saveCriterion(userId: UserId, criterion: Criterion): Promise<void> {
    return this.write(userId, async (q) => {
      const c = s.criteria;
      const [last] = await q.select({ n: sql<number>`(coalesce(max(${c.position}), -1) + 1)::int` }).from(c).where(eq(c.userId, userId));
      const row = rows.criterionRow(userId, criterion, last?.n ?? 0, 'criterion');
      // An existing criterion keeps its place.
      await q.insert(c).values(row).onConflictDoUpdate({ target: [c.userId, c.name], set: { weight: row.weight } });
    });
  }

  deleteCriterion(userId: UserId, name: string): Promise<boolean> {
    return this.write(userId, async (q) => {
      const gone = await q.delete(s.criteria).where(and(eq(s.criteria.userId, userId), eq(s.criteria.name, name)))
        .returning({ name: s.criteria.name });
      return gone.length > 0;
    });
  }

  getRatings(userId: UserId, applicationId: string): Promise<readonly CriterionRating[]> {
    return this.one(async (q) => (await this.readRatings(q, userId, applicationId)).map(rows.toRating));
  }

  async saveRating(userId: UserId, applicationId: string, criterion: string, rating: number | null): Promise<void> {
    const row = rating === null ? undefined : rows.ratingRow(userId, applicationId, { criterion, rating }, 'rating');
    return this.write(userId, async (q) => {
      await this.requireApplication(q, userId, applicationId);
      const [known] = await q.select({ name: s.criteria.name }).from(s.criteria)
        .where(and(eq(s.criteria.userId, userId), eq(s.criteria.name, criterion)));
      if (!known) throw new AppError({ reason: 'store.no_criterion', params: { name: criterion } });
      const r = s.criterionRatings;
      if (row) {
        await q.insert(r).values(row).onConflictDoUpdate({ target: [r.userId, r.applicationId, r.criterion], set: { rating: row.rating } });
      } else {
        await q.delete(r).where(and(eq(r.userId, userId), eq(r.applicationId, applicationId), eq(r.criterion, criterion)));
      }
    });
  }

  // ---------------------------------------------------------------- planning

  loadScenario(userId: UserId): Promise<Scenario | undefined> {
    return this.read(async (q) => {
      const [settings] = await q.select().from(s.settings).where(eq(s.settings.userId, userId));
      if (!settings) return undefined;
      const candidate = await this.readCandidate(q, userId);
      const data = await readApplicationRows(q, userId);
      return { settings: rows.toSettings(settings), candidate, applications: data.apps.map((a) => assemble(data, a)) };
    });
  }

  async setNextDue(userId: UserId, applicationId: string, at: EpochMs | null, kind: RecommendationKind | null): Promise<void> {
    if (at !== null && kind === null) throw new AppError({ reason: 'store.due_without_kind' }, { path: 'nextDue.kind' });
    const nextDueAt = at === null ? null : rows.instant(at, 'nextDue.at');
    return this.write(userId, async (q) => {
      const done = await q.update(s.applications).set({ nextDueAt, nextDueKind: at === null ? null : kind })
        .where(and(eq(s.applications.userId, userId), eq(s.applications.id, applicationId)))
        .returning({ id: s.applications.id });
      if (done.length === 0) throw new AppError({ reason: 'store.no_application', params: { id: applicationId } });
    });
  }

  private dueQuery(q: Executor, userId: UserId, before: EpochMs) {
    const a = s.applications;
    return q.select({ applicationId: a.id, company: a.company, role: a.role, at: a.nextDueAt, kind: a.nextDueKind }).from(a)
      .where(and(eq(a.userId, userId), lt(a.nextDueAt, before)))
      .orderBy(asc(a.nextDueAt), asc(a.id));
  }

  listDue(userId: UserId, before: EpochMs): Promise<readonly DueItem[]> {
    return this.one(async (q) => {
      const list = await this.dueQuery(q, userId, rows.instant(before, 'before'));
      const out: DueItem[] = [];
      for (const r of list) {
        if (r.at !== null && r.kind !== null) out.push({ at: r.at, kind: r.kind, applicationId: r.applicationId, company: r.company, role: r.role });
      }
      return out;
    });
  }

  // ---------------------------------------------------------------- bulk, backup

  private async insertRecords(q: Executor, userId: UserId, records: readonly ApplicationRecord[], path: string, importDigests?: readonly (string | undefined)[]): Promise<number> {
    const first = await this.nextPosition(q, s.applications, userId);
    const r = recordRows(userId, records, first, path, importDigests);
    const ownChecks = this.bulk.checkKeys && records.length > 0;
    if (ownChecks) {
      await checkKeys(q, [
        { table: s.applications, rows: r.applications }, { table: s.people, rows: r.people }, { table: s.interviews, rows: r.interviews },
        { table: s.interviewPeople, rows: r.interviewPeople }, { table: s.debriefs, rows: r.debriefs }, { table: s.touches, rows: r.touches },
        { table: s.redFlags, rows: r.redFlags }, { table: s.offers, rows: r.offers }, { table: s.offerItems, rows: r.offerItems },
        { table: s.criterionRatings, rows: r.ratings },
      ] as readonly TableRows[]);
      // Until set back, or rolled back with this transaction (or savepoint).
      await q.execute(sql`set local session_replication_role = replica`);
    }
    await insertParents(q, s.applications, r.applications, this.bulk);
    await insertChildren(q, r, this.bulk);
    await insertMany(q, s.redFlags, r.redFlags, this.bulk.copy);
    await insertParents(q, s.offers, r.offers, this.bulk);
    await insertMany(q, s.offerItems, r.offerItems, this.bulk.copy);
    await insertMany(q, s.criterionRatings, r.ratings, this.bulk.copy);
    if (ownChecks) await q.execute(sql`set local session_replication_role = origin`);
    return records.length;
  }

  insertApplications(userId: UserId, records: readonly ApplicationRecord[], importDigests?: readonly (string | undefined)[]): Promise<number> {
    return this.write(userId, (q) => this.insertRecords(q, userId, records, 'applications', importDigests));
  }

  importKeysPaged(userId: UserId, sink: (page: readonly ImportKey[]) => void | Promise<void>, pageSize = EXPORT_PAGE): Promise<void> {
    const limit = Math.max(1, Math.min(EXPORT_PAGE_MAX, Math.floor(pageSize)));
    return this.read((q) => applicationPages(q, userId, limit, json.IMPORT_KEY_TEXT, (text) => {
      const { position, key } = json.importKeyFrom(text);
      return { position, id: key.id, item: key };
    }, sink));
  }

  async exportAll(userId: UserId): Promise<Backup> {
    let head: Omit<Backup, 'applications'> | undefined;
    const applications: ApplicationRecord[] = [];
    await this.exportPaged(userId, { head: (h) => { head = h; }, applications: (list) => { applications.push(...list); } });
    if (!head) throw new Error('exportPaged gave no head');
    return { ...head, applications };
  }

  exportPaged(userId: UserId, sink: BackupSink, pageSize = EXPORT_PAGE): Promise<void> {
    return this.read(async (q) => {
      const [settingsRow] = await q.select().from(s.settings).where(eq(s.settings.userId, userId));
      const candidate = await this.readCandidate(q, userId);
      const criteria = await this.readCriteria(q, userId);
      await sink.head({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        ...(settingsRow ? { settings: rows.toSettings(settingsRow) } : {}),
        candidate,
        ...(criteria.length > 0 ? { criteria } : {}),
      });
      const limit = Math.max(1, Math.min(EXPORT_PAGE_MAX, Math.floor(pageSize)));
      let after: rows.ApplicationRow | undefined;
      for (;;) {
        const data = await readApplicationRows(q, userId, { after, limit });
        if (data.apps.length === 0) break;
        await sink.applications(await this.applicationRecords(q, userId, data));
        after = data.apps[data.apps.length - 1];
        if (data.apps.length < limit) break;
      }
    });
  }

  /** The whole records of a page of applications (their red flags, ratings and offers read for those ids). */
  private async applicationRecords(q: Executor, userId: UserId, data: ApplicationRows): Promise<ApplicationRecord[]> {
    const ids = data.apps.map((r) => r.id);
    const flags = groupBy(
      await q.select().from(s.redFlags).where(and(eq(s.redFlags.userId, userId), amongIds(s.redFlags.applicationId, ids)))
        .orderBy(asc(s.redFlags.applicationId), asc(s.redFlags.flag)),
      (r) => r.applicationId,
    );
    const offers = new Map((await q.select().from(s.offers).where(and(eq(s.offers.userId, userId), amongIds(s.offers.applicationId, ids))))
      .map((r) => [r.applicationId, r]));
    const items = groupBy(
      await q.select().from(s.offerItems).where(and(eq(s.offerItems.userId, userId), amongIds(s.offerItems.applicationId, ids)))
        .orderBy(asc(s.offerItems.applicationId), asc(s.offerItems.section), asc(s.offerItems.position)),
      (r) => r.applicationId,
    );
    const ratings = groupBy(await this.readRatings(q, userId, ids), (r) => r.applicationId);
    return data.apps.map((app): ApplicationRecord => {
      const nextDue: NextDue | undefined = rows.toNextDue(app);
      const offer = offers.get(app.id);
      const rated = ratings.get(app.id);
      return {
        application: assemble(data, app),
        ...(nextDue ? { nextDue } : {}),
        redFlags: (flags.get(app.id) ?? []).map(rows.toRedFlag),
        // Absent when empty: a backup without criteria reads as one written before they existed.
        ...(rated ? { ratings: rated.map(rows.toRating) } : {}),
        ...(offer ? { offer: rows.toOffer(offer, items.get(app.id) ?? []) } : {}),
      };
    });
  }

  async importAll(userId: UserId, backup: Backup): Promise<void> {
    if (backup.format !== BACKUP_FORMAT || backup.version !== BACKUP_VERSION) {
      throw new AppError({ reason: 'store.backup_version', params: { format: String(backup.format), version: String(backup.version), expectedFormat: BACKUP_FORMAT, expectedVersion: BACKUP_VERSION } });
    }
    return this.write(userId, async (q) => {
      await q.delete(s.applications).where(eq(s.applications.userId, userId));
      await q.delete(s.criteria).where(eq(s.criteria.userId, userId));
      await q.delete(s.candidateReferences).where(eq(s.candidateReferences.userId, userId));
      await q.delete(s.candidates).where(eq(s.candidates.userId, userId));
      await q.delete(s.settings).where(eq(s.settings.userId, userId));
      if (backup.settings) {
        const row = rows.settingsRow(userId, backup.settings);
        await q.insert(s.settings).values(row);
      }
      await this.writeCandidate(q, userId, backup.candidate);
      await insertMany(q, s.criteria, (backup.criteria ?? []).map((c, i) => rows.criterionRow(userId, c, i, `criteria[${i}]`)));
      await this.insertRecords(q, userId, backup.applications, 'applications');
    });
  }

  // ---------------------------------------------------------------- diagnostics (not part of the port)

  /** The plan PostgreSQL picks for `listDue`, one line per row of EXPLAIN. */
  async explainListDue(userId: UserId, before: EpochMs): Promise<string> {
    const result: unknown = await this.db.execute(sql`explain ${this.dueQuery(this.db, userId, before)}`);
    return rowsOf(result).map((r) => String(r['QUERY PLAN'])).join('\n');
  }

  /** Refreshes the planner's statistics (after bulk loads). */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze`);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new AppError({ reason: 'store.closed' });
    // Never through the caller's transaction: a probe started from a request that failed inside one
    // inherits its async context, and would ask the dead transaction again and again.
    try {
      await this.db.execute(sql`select 1`);
    } catch (error) {
      throw toAppError(error, this.folder);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeDriver();
  }
}
