/**
 * Foreign keys checked once per bulk insert instead of row by row. PostgreSQL checks each row of a
 * table with a foreign key by a query that finds and locks the row it refers to: in a large import
 * into the embedded database about a third of the database's time. A bulk insert built from whole
 * records refers mostly to rows it inserts itself, so where the driver lets the session switch those
 * checks off (PGlite's one user is the superuser, and the only connection: nothing else can change
 * a row between the check and the commit), the same keys are checked here: against the rows of the
 * same insert when it writes the table referred to, else in the database, where the rows referred to
 * are locked as PostgreSQL's own check locks them. A key with a NULL in it refers to nothing
 * (PostgreSQL's MATCH SIMPLE).
 */
import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { getTableConfig, type AnyPgColumn, type PgDatabase, type PgQueryResultHKT, type PgTable } from 'drizzle-orm/pg-core';

type Executor = PgDatabase<PgQueryResultHKT>;
type Row = Readonly<Record<string, unknown>>;

/** One table's new rows, by the keys drizzle names their columns with. */
export interface TableRows {
  readonly table: PgTable;
  readonly rows: readonly Row[];
}

interface Key {
  readonly name: string;
  /** The row keys of the referring columns, and of the columns referred to in `parent`. */
  readonly from: readonly string[];
  /** The referring columns' names in the database. */
  readonly fromNames: readonly string[];
  readonly parent: PgTable;
  readonly to: readonly string[];
  readonly toColumns: readonly AnyPgColumn[];
}

function rowKeyOf(table: PgTable): (column: AnyPgColumn) => string {
  const byName = new Map<string, string>(Object.entries(getTableColumns(table)).map(([k, c]) => [c.name, k]));
  return (column) => {
    const key = byName.get(column.name);
    if (key === undefined) throw new Error(`bulk keys: ${getTableName(table)} has no column ${column.name}`);
    return key;
  };
}

const keyCache = new Map<PgTable, readonly Key[]>();

function keysOf(table: PgTable): readonly Key[] {
  const cached = keyCache.get(table);
  if (cached) return cached;
  const own = rowKeyOf(table);
  const keys = getTableConfig(table).foreignKeys.map((fk): Key => {
    const ref = fk.reference();
    const parentKey = rowKeyOf(ref.foreignTable);
    return {
      name: fk.getName(), from: ref.columns.map(own), fromNames: ref.columns.map((c) => c.name),
      parent: ref.foreignTable, to: ref.foreignColumns.map(parentKey), toColumns: ref.foreignColumns,
    };
  });
  keyCache.set(table, keys);
  return keys;
}

/** The values of `keys` in `row` as one string, or undefined when one is NULL (the row refers to nothing). */
function tupleOf(row: Row, keys: readonly string[]): { text: string; values: readonly unknown[] } | undefined {
  const values: unknown[] = [];
  for (const k of keys) {
    const v = row[k];
    if (v === undefined || v === null) return undefined;
    values.push(v);
  }
  // Key columns are text and numbers: a NUL (which PostgreSQL's text cannot hold) keeps them apart.
  return { text: values.length === 1 ? String(values[0]) : values.join('\u0000'), values };
}

/**
 * A row that refers to nothing, in PostgreSQL's own code and words (foreign_key_violation), so that
 * it reads as the database's refusal would (db-errors.ts).
 */
export class ForeignKeyViolation extends Error {
  readonly code = '23503';
  readonly severity = 'ERROR';
  readonly constraint: string;
  readonly detail: string;

  constructor(table: string, key: Key, values: readonly unknown[]) {
    super(`insert or update on table "${table}" violates foreign key constraint "${key.name}"`);
    this.name = 'ForeignKeyViolation';
    this.constraint = key.name;
    const columns = key.fromNames.join(', ');
    this.detail = `Key (${columns})=(${values.map(String).join(', ')}) is not present in table "${getTableName(key.parent)}".`;
  }
}

/**
 * Checks the foreign keys of `written`: every row refers to a row that exists, one of `written`
 * (inserted by the same bulk insert) or one in the database, which is locked then (FOR KEY SHARE)
 * as PostgreSQL's own check would. Throws a ForeignKeyViolation for the first row that does not.
 */
export async function checkKeys(q: Executor, written: readonly TableRows[]): Promise<void> {
  const inserted = new Map<PgTable, readonly Row[]>(written.filter((w) => w.rows.length > 0).map((w) => [w.table, w.rows]));
  /** Per table referred to and its columns: the tuples the same insert wrote. */
  const present = new Map<string, Set<string>>();
  const wrote = (key: Key): Set<string> | undefined => {
    const rows = inserted.get(key.parent);
    if (!rows) return undefined;
    const id = `${getTableName(key.parent)}(${key.to.join(',')})`;
    let set = present.get(id);
    if (!set) {
      set = new Set();
      for (const row of rows) {
        const t = tupleOf(row, key.to);
        if (t) set.add(t.text);
      }
      present.set(id, set);
    }
    return set;
  };
  for (const [table, rows] of inserted) {
    for (const key of keysOf(table)) {
      const own = wrote(key);
      /** Tuples to look up in the database, once each. */
      const elsewhere = new Map<string, readonly unknown[]>();
      for (const row of rows) {
        const t = tupleOf(row, key.from);
        if (t === undefined || own?.has(t.text) === true) continue;
        elsewhere.set(t.text, t.values);
      }
      for (const values of elsewhere.values()) {
        const found = await q.select({ one: sql<number>`1` }).from(key.parent)
          .where(and(...key.toColumns.map((c, i) => eq(c, values[i])))).for('key share');
        if (found.length === 0) throw new ForeignKeyViolation(getTableName(table), key, values);
      }
    }
  }
}
