/**
 * Whole records in one statement: PostgreSQL nests each application's people, interviews, debriefs
 * and touches as JSON (`json_agg`), and every value is decoded by its column's own mapping, so the
 * rows equal what drizzle's selects return. One statement is one snapshot, so these reads need no
 * transaction, and a request that reads an agenda makes one round trip instead of a dozen
 * (measured on the shared server: drizzle's building of statements and the round trips were most
 * of a request's time).
 */
import { and, eq, getTableColumns, gte, is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { AgendaRecords, ApplicationContext, ApplicationHead, ApplicationSummary, DueItem, ImportKey, OfferDeadline, ProfileRecords, UserId } from '../app/ports.js';
import type { Application } from '../core/model.js';
import { dayFromText } from './codec.js';
import * as rows from './rows.js';
import * as s from './schema.js';

export type Json = Readonly<Record<string, unknown>>;

/** Decodes a row that PostgreSQL wrote as JSON (keys are column names) as drizzle's select would. */
export function decoder<R>(columns: Readonly<Record<string, AnyPgColumn>>): (json: Json) => R {
  const list = Object.entries(columns).map(([key, column]) => [key, column.name, column] as const);
  return (json) => {
    const out: Record<string, unknown> = {};
    for (const [key, name, column] of list) {
      const value = json[name];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as R;
  };
}

const decode = {
  settings: decoder<rows.SettingsRow>(getTableColumns(s.settings)),
  candidate: decoder<rows.CandidateRow>(getTableColumns(s.candidates)),
  reference: decoder<rows.ReferenceRow>(getTableColumns(s.candidateReferences)),
  application: decoder<rows.ApplicationRow>(getTableColumns(s.applications)),
  person: decoder<rows.PersonRow>(getTableColumns(s.people)),
  interview: decoder<rows.InterviewRow>(getTableColumns(s.interviews)),
  met: decoder<rows.InterviewPersonRow>(getTableColumns(s.interviewPeople)),
  debrief: decoder<rows.DebriefRow>(getTableColumns(s.debriefs)),
  touch: decoder<rows.TouchRow>(getTableColumns(s.touches)),
};

const a = s.applications;

/** `json_agg` of a child table's rows of the application in scope ("applications"), in `order`; NULL when none. */
function children(table: PgTable & { userId: AnyPgColumn; applicationId: AnyPgColumn }, order: SQL): SQL {
  return sql`(select json_agg(${table} order by ${order}) from ${table} where ${table.userId} = ${a.userId} and ${table.applicationId} = ${a.id})`;
}

/** One application with all its children, as one JSON object (in the scope of a select from "applications"). */
const APPLICATION_DOCUMENT = sql`json_build_object(
  'a', row_to_json(${a}),
  'people', ${children(s.people, sql`${s.people.position}, ${s.people.id}`)},
  'interviews', ${children(s.interviews, sql`${s.interviews.position}, ${s.interviews.id}`)},
  'met', ${children(s.interviewPeople, sql`${s.interviewPeople.interviewId}, ${s.interviewPeople.position}`)},
  'debriefs', ${children(s.debriefs, sql`${s.debriefs.interviewId}`)},
  'touches', ${children(s.touches, sql`${s.touches.seq}`)}
)`;

function list(value: unknown): readonly Json[] {
  return Array.isArray(value) ? value as Json[] : [];
}

/** An application from its JSON document. */
function toApplication(doc: Json): Application {
  const met = new Map<string, string[]>();
  for (const m of list(doc['met']).map(decode.met)) {
    const ids = met.get(m.interviewId);
    if (ids) ids.push(m.personId);
    else met.set(m.interviewId, [m.personId]);
  }
  const debriefs = new Map(list(doc['debriefs']).map(decode.debrief).map((d) => [d.interviewId, d]));
  return rows.toApplication(
    decode.application(doc['a'] as Json),
    list(doc['people']).map((p) => rows.toPerson(decode.person(p))),
    list(doc['interviews']).map((j) => {
      const iv = decode.interview(j);
      return rows.toInterview(iv, met.get(iv.id) ?? [], debriefs.get(iv.id));
    }),
    list(doc['touches']).map((t) => rows.toTouch(decode.touch(t))),
  );
}

const dialect = new PgDialect();
type Slots<K extends string> = Readonly<Record<K, SQL>>;

/**
 * A statement rendered to text once (drizzle's walking of these big templates, per request, was a
 * tenth of the shared server's time): run as drizzle SQL (`sql`), or by name with its values in
 * order (`name`, `text`, `values`), which lets node-postgres prepare it once per connection.
 */
export interface Statement<K extends string> {
  readonly name: string;
  readonly text: string;
  values(values: Readonly<Record<K, unknown>>): unknown[];
  sql(values: Readonly<Record<K, unknown>>): SQL;
}

export function rendered<K extends string>(name: string, names: readonly K[], build: (slot: Slots<K>) => SQL): Statement<K> {
  const slots = Object.fromEntries(names.map((n) => [n, sql`${sql.placeholder(n)}`])) as Record<K, SQL>;
  const query = dialect.sqlToQuery(build(slots));
  // "$n" marks parameter n; the statement holds no other dollar signs (no literals with any).
  const pieces = query.sql.split(/\$(\d+)/);
  const order = query.params.map((p) => {
    if (!is(p, Placeholder)) throw new Error('a rendered statement takes its values by name');
    return p.name as K;
  });
  return {
    name: `afterword_${name}`,
    text: query.sql,
    values: (values) => order.map((key) => values[key]),
    sql: (values) => {
      const chunks: SQL[] = [];
      pieces.forEach((piece, i) => {
        if (i % 2 === 0) chunks.push(sql.raw(piece));
        else chunks.push(sql`${values[order[Number(piece) - 1] as K]}`);
      });
      return sql.join(chunks);
    },
  };
}

/** The ids of a JSON array (one parameter, whatever their number), for `in`. */
function idsIn(ids: SQL): SQL {
  return sql`(select json_array_elements_text(${ids}::json))`;
}

/** The user's applications among `ids` (a JSON array), each whole. */
export const APPLICATIONS = rendered('applications', ['userId', 'ids'], (p) => sql`select coalesce(json_agg(${APPLICATION_DOCUMENT}), '[]') as "docs" from ${a}
  where ${a.userId} = ${p.userId} and ${a.id} in ${idsIn(p.ids)}`);

export function applicationsFrom(result: readonly Json[]): Application[] {
  return list(result[0]?.['docs']).map(toApplication);
}

/**
 * The user's applications among `ids`, each with its people but not its interviews and touches
 * (what an import compares a row with): a third of the reading of whole ones, measured in a re-import.
 */
export const APPLICATION_HEADS = rendered('application_heads', ['userId', 'ids'], (p) => sql`select coalesce(json_agg(json_build_object(
  'a', row_to_json(${a}), 'people', ${children(s.people, sql`${s.people.position}, ${s.people.id}`)})), '[]') as "docs" from ${a}
  where ${a.userId} = ${p.userId} and ${a.id} in ${idsIn(p.ids)}`);

export function applicationHeadsFrom(result: readonly Json[]): ApplicationHead[] {
  return list(result[0]?.['docs']).map((doc) => {
    const app: Record<string, unknown> = { ...rows.toApplication(decode.application(doc['a'] as Json), list(doc['people']).map((p) => rows.toPerson(decode.person(p))), [], []) };
    delete app['interviews'];
    delete app['touches'];
    return app as unknown as ApplicationHead;
  });
}

/** The settings, the candidate and the candidate's references: three columns of one row. */
function profileColumns(userId: SQL): SQL {
  const r = s.candidateReferences;
  return sql`(select row_to_json(${s.settings}) from ${s.settings} where ${s.settings.userId} = ${userId}) as "settings",
    (select row_to_json(${s.candidates}) from ${s.candidates} where ${s.candidates.userId} = ${userId}) as "candidate",
    (select json_agg(${r} order by ${r.position}, ${r.id}) from ${r} where ${r.userId} = ${userId}) as "references"`;
}

/** The profile (settings, candidate, references) in one statement. */
export const PROFILE = rendered('profile', ['userId'], (p) => sql`select ${profileColumns(p.userId)}`);

export function profileFrom(result: readonly Json[]): ProfileRecords {
  const row = result[0] ?? {};
  const settings = row['settings'] as Json | null | undefined;
  const candidate = row['candidate'] as Json | null | undefined;
  return {
    ...(settings ? { settings: rows.toSettings(decode.settings(settings)) } : {}),
    candidate: rows.toCandidate(candidate ? decode.candidate(candidate) : undefined, list(row['references']).map((r) => rows.toReference(decode.reference(r)))),
  };
}

/** `"key":value` in a JSON object PostgreSQL writes by concatenation; `value` is JSON text. */
const member = (key: string, value: SQL): SQL => sql`${sql.raw(`'"${key}":'`)} || ${value}`;
/** `,"key":value`, or nothing when the value is NULL (to_json of NULL is NULL, and so is `||` with it). */
const given = (key: string, value: SQL): SQL => sql`coalesce(${sql.raw(`',"${key}":'`)} || ${value}, '')`;
const toJson = (column: AnyPgColumn): SQL => sql`to_json(${column})`;

/**
 * One application's summary (ApplicationSummary) as JSON text, written by PostgreSQL in the scope
 * of a select from "applications": a day as days since 1970-01-01, an instant as epoch
 * milliseconds, and no key for what is not given, so it reads as the summary with no decoding, and
 * a page of them goes to the agenda's read model as the database wrote it. Written by concatenating
 * each value's to_json: PGlite's json_build_object (with json_strip_nulls) took 2–3× as long over
 * 100,000 applications. A store test checks it against the summary of the application read whole.
 */
export const SUMMARY_TEXT = sql<string>`('{' || ${member('id', toJson(a.id))} || ',' || ${member('company', toJson(a.company))}
  || ',' || ${member('role', toJson(a.role))} || ',' || ${member('status', toJson(a.status))}
  || ${given('appliedOn', sql`(${a.appliedOn} - date '1970-01-01')`)}
  || ${given('nextDue', sql`'{"at":' || (extract(epoch from ${a.nextDueAt}) * 1000)::bigint || ',"kind":' || to_json(${a.nextDueKind}) || '}'`)}
  || ${given('location', toJson(a.location))} || ${given('workplace', toJson(a.workplace))} || ${given('salary', toJson(a.salaryText))}
  || (case when cardinality(${a.tags}) > 0 then ',"tags":' || to_json(${a.tags}) else '' end)
  || ${given('sourceId', toJson(a.sourceId))} || '}')`;

/** A summary PostgreSQL wrote (SUMMARY_TEXT), as the summary it is. */
function summaryOf(json: unknown): ApplicationSummary {
  const j = json as Partial<ApplicationSummary> | null;
  if (j === null || typeof j !== 'object' || typeof j.id !== 'string' || typeof j.company !== 'string') throw new Error('a summary without its id or company');
  return j as ApplicationSummary;
}

export function summaryFrom(text: string): ApplicationSummary {
  return summaryOf(JSON.parse(text));
}

/** Where a page of one user's applications in (position, id) order ends: the next page starts after it. */
export interface PageKey {
  readonly position: number;
  readonly id: string;
}

/**
 * The applications after `after` in (position, id) order (keyset pages; none: from the first).
 * `position >=` lets the (user, position) index start at the page; the row comparison alone is a
 * filter on every row before it.
 */
export function afterKey(after: PageKey | undefined): SQL | undefined {
  return after === undefined ? undefined : and(gte(a.position, after.position), sql`(${a.position}, ${a.id}) > (${after.position}, ${after.id})`);
}

/**
 * A page of summaries in the user's order, as the elements of a JSON array (their texts joined by
 * commas), with the last one's position and id (where the next page starts), in one row of three
 * values (`summaryPageFrom` reads it): PGlite reads one row instead of a row per summary.
 */
export function summaryPage(userId: UserId, limit: number, after: PageKey | undefined): SQL {
  return sql`with "page" as (
    select ${a.position} as "position", ${a.id} as "id", ${SUMMARY_TEXT} as "summary" from ${a}
    where ${and(eq(a.userId, userId), afterKey(after))} order by ${a.position}, ${a.id} limit ${limit})
  select string_agg("summary", ',' order by "position", "id") as "texts", count(*)::int as "count",
    (select json_build_array("position", "id")::text from "page" order by "position" desc, "id" desc limit 1) as "last"
  from "page"`;
}

export function summaryPageFrom(result: readonly Json[]): { texts: string; count: number; last?: PageKey } {
  const row = result[0] ?? {};
  const texts = row['texts'];
  const count = row['count'];
  const last = typeof row['last'] === 'string' ? JSON.parse(row['last']) as unknown : undefined;
  const [position, id] = Array.isArray(last) ? last as unknown[] : [];
  return {
    texts: typeof texts === 'string' ? texts : '',
    count: typeof count === 'number' ? count : 0,
    ...(typeof position === 'number' && typeof id === 'string' ? { last: { position, id } } : {}),
  };
}

/**
 * What an import matches a row against, with the application's position (the page's key), as one
 * JSON array text (`importKeyFrom` reads it): the columns alone, not a summary.
 */
export const IMPORT_KEY_TEXT = sql<string>`json_build_array(${a.position}, ${a.id}, ${a.sourceId}, ${a.company}, ${a.role}, ${a.appliedOn}, ${a.importDigest})::text`;

export function importKeyFrom(text: string): { position: number; key: ImportKey } {
  const [position, id, sourceId, company, role, appliedOn, importDigest] = JSON.parse(text) as unknown[];
  if (typeof position !== 'number' || typeof id !== 'string' || typeof company !== 'string' || typeof role !== 'string') throw new Error('an import key without its position, id, company or role');
  return {
    position,
    key: {
      id,
      ...(typeof sourceId === 'string' ? { sourceId } : {}),
      company,
      role,
      ...(appliedOn === null || appliedOn === undefined ? {} : { appliedOn: dayFromText(String(appliedOn)) }),
      ...(typeof importDigest === 'string' ? { importDigest } : {}),
    },
  };
}

/** The row of the application or person in scope as JSON text (`applicationRowFrom`, `personRowFrom` read it), for the same reason. */
export const APPLICATION_ROW_TEXT = sql<string>`row_to_json(${a})::text`;
export const PERSON_ROW_TEXT = sql<string>`row_to_json(${s.people})::text`;

export function applicationRowFrom(text: string): rows.ApplicationRow {
  return decode.application(JSON.parse(text) as Json);
}

export function personRowFrom(text: string): rows.PersonRow {
  return decode.person(JSON.parse(text) as Json);
}

/** Every application's summary, in the user's order: a column of the agenda's and the context's row. */
function summariesColumn(userId: SQL): SQL {
  return sql`(select '[' || string_agg(${SUMMARY_TEXT}, ',' order by ${a.position}, ${a.id}) || ']' from ${a} where ${a.userId} = ${userId}) as "summaries"`;
}

/** The summaries of the applications due before `before` only (what `agendaFrom` reads the due items from). */
function dueSummariesColumn(userId: SQL, before: SQL): SQL {
  return sql`(select '[' || string_agg(${SUMMARY_TEXT}, ',') || ']' from ${a} where ${a.userId} = ${userId} and ${a.nextDueAt} < ${before}::timestamptz) as "summaries"`;
}

const o = s.offers;
const DEADLINE_COLUMNS = { applicationId: o.applicationId, respondBy: o.respondBy };
const decodeDeadline = decoder<{ applicationId: string; respondBy: number | null }>(DEADLINE_COLUMNS);

/** Every application due before `before` (with its records) and the offers' respond-by days: columns of the agenda's row. */
function dueColumns(userId: SQL, before: SQL): SQL {
  return sql`(select json_agg(${APPLICATION_DOCUMENT} order by ${a.nextDueAt}, ${a.id}) from ${a}
    where ${a.userId} = ${userId} and ${a.nextDueAt} < ${before}::timestamptz) as "due",
  (select json_agg(json_build_object('application_id', ${o.applicationId}, 'respond_by', ${o.respondBy}) order by ${o.respondBy}, ${o.applicationId})
    from ${o} where ${o.userId} = ${userId} and ${o.respondBy} is not null) as "offerDeadlines"`;
}

/** The profile, every summary, every application due before `before` (with its records) and the offers' respond-by days: one statement. */
export const AGENDA = rendered('agenda', ['userId', 'before'], (p) => sql`select ${profileColumns(p.userId)}, ${summariesColumn(p.userId)}, ${dueColumns(p.userId, p.before)}`);

/**
 * The agenda's records but the summaries of what is not due (`agendaHeadFrom` reads it): the
 * summaries of 100,000 applications in one value held the database's memory high (≈ 100 MB more
 * in PGlite), so `agendaPaged` reads them a page at a time.
 */
export const AGENDA_HEAD = rendered('agenda_head', ['userId', 'before'], (p) => sql`select ${profileColumns(p.userId)},
  ${dueSummariesColumn(p.userId, p.before)}, ${dueColumns(p.userId, p.before)}`);

export function agendaHeadFrom(result: readonly Json[]): Omit<AgendaRecords, 'summaries'> {
  const { settings, candidate, dueItems, due, offerDeadlines } = agendaFrom(result);
  return { ...(settings ? { settings } : {}), candidate, dueItems, due, offerDeadlines };
}

/** The profile, every summary, and one application whole: what a write to that application starts from. */
export const CONTEXT = rendered('context', ['userId', 'ids'], (p) => sql`select ${profileColumns(p.userId)}, ${summariesColumn(p.userId)},
  (select json_agg(${APPLICATION_DOCUMENT}) from ${a} where ${a.userId} = ${p.userId} and ${a.id} in ${idsIn(p.ids)}) as "due"`);

export function contextFrom(result: readonly Json[]): ApplicationContext {
  const row = result[0] ?? {};
  const application = list(row['due']).map(toApplication)[0];
  return { ...profileFrom([row]), summaries: summariesFrom(row), ...(application ? { application } : {}) };
}

/** The summaries column: their JSON array as text (NULL when there are none). */
function summariesFrom(row: Json): ApplicationSummary[] {
  const text = row['summaries'];
  return typeof text === 'string' ? list(JSON.parse(text)).map(summaryOf) : [];
}

export function agendaFrom(result: readonly Json[]): AgendaRecords {
  const row = result[0] ?? {};
  const due = list(row['due']).map(toApplication);
  const summaries = summariesFrom(row);
  const byId = new Map(summaries.map((x) => [x.id, x]));
  const dueItems = due.map((app): DueItem => {
    const next = byId.get(app.id)?.nextDue;
    if (!next) throw new Error(`application "${app.id}" was read as due without a next due action`);
    return { at: next.at, kind: next.kind, applicationId: app.id, company: app.company, role: app.role };
  });
  const offerDeadlines = list(row['offerDeadlines']).flatMap((j): OfferDeadline[] => {
    const d = decodeDeadline(j);
    return d.respondBy === null ? [] : [{ applicationId: d.applicationId, respondBy: d.respondBy }];
  });
  return { ...profileFrom([row]), summaries, dueItems, due, offerDeadlines };
}
