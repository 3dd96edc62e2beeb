/**
 * The database's own checks, for `afterword doctor`. On PGlite: PostgreSQL's amcheck (loaded for
 * the check and dropped afterwards: it runs in a transaction that is rolled back) verifies every
 * table's pages and tuples and every B-tree index against its table; reading every row makes
 * PostgreSQL verify each page's checksum. Nothing is written.
 */
import type { PGlite } from '@electric-sql/pglite';
import { isFatal, storageFault } from './db-errors.js';

export interface DatabaseCheck {
  /** Tables and indexes checked. */
  readonly tables: number;
  readonly indexes: number;
  /** Whether amcheck ran (else only every row was read). */
  readonly amcheck: boolean;
  /** The relations found damaged (names for the log, never shown as the advice), empty when healthy. */
  readonly damaged: readonly string[];
}

interface Relation {
  readonly name: string;
  readonly kind: 'table' | 'index';
  readonly access: string;
}

const RELATIONS = `
  select format('%I.%I', n.nspname, c.relname) as name, case c.relkind when 'i' then 'index' else 'table' end as kind, coalesce(a.amname, '') as access
  from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_am a on a.oid = c.relam
  where c.relkind in ('r', 'i', 'm', 't') and c.relpersistence = 'p'
    and (n.nspname in ('public', 'drizzle') or (n.nspname = 'pg_catalog' and c.relkind = 'r'))
  order by n.nspname <> 'pg_catalog', c.relkind, c.relname`;

/** Runs amcheck over the embedded database through its client; a relation that fails its check is named in `damaged`. */
export async function verifyPglite(client: PGlite): Promise<DatabaseCheck> {
  const damaged: string[] = [];
  let tables = 0;
  let indexes = 0;
  await client.exec('begin');
  try {
    await client.exec('create extension if not exists amcheck');
    const relations = (await client.query<Relation>(RELATIONS)).rows;
    for (const r of relations) {
      await client.exec('savepoint checking');
      try {
        if (r.kind === 'table') {
          tables++;
          const found = await client.query<{ msg: string }>(`select msg from verify_heapam('${r.name.replace(/'/g, "''")}'::regclass, on_error_stop => true)`);
          // Reading every row checks every page's checksum, TOAST included.
          await client.query(`select count(*) from (select * from ${r.name}) t`);
          if (found.rows.length > 0) damaged.push(r.name);
        } else if (r.access === 'btree') {
          indexes++;
          await client.query(`select bt_index_check('${r.name.replace(/'/g, "''")}'::regclass, true)`);
        }
        await client.exec('release savepoint checking');
      } catch (error) {
        if (isFatal(error)) throw error;
        if (!storageFault(error)) {
          // amcheck's own refusals ("not a valid index") are no damage.
          if (!/XX00[12]/.test(String((error as { code?: unknown }).code))) {
            await client.exec('rollback to savepoint checking');
            continue;
          }
        }
        damaged.push(r.name);
        await client.exec('rollback to savepoint checking');
      }
    }
  } finally {
    // The extension goes with the transaction: the database is left as it was.
    if (client.isInTransaction()) await client.exec('rollback').catch(() => undefined);
  }
  return { tables, indexes, amcheck: true, damaged };
}
