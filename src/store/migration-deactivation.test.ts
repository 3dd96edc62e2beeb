/**
 * Migration 0008 (deactivated accounts) on a database made by the schema before it: every account,
 * session, token and record is still there, every account active; the column then holds an
 * instant, and setting or clearing it is an account change the database announces (0003's notice).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_SCHEMA, migrationsFolder } from './migrations-folder.js';
import { ACCOUNT_CHANGES_CHANNEL } from './accounts-store.js';
import { migrationsBefore } from './testing-migrations.js';

async function count(client: PGlite, table: string): Promise<number> {
  const r = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return r.rows[0]!.n;
}

describe('migration 0008: deactivated accounts', () => {
  const old = migrationsBefore('0008_account_deactivation');
  afterAll(() => old.remove());

  it('keeps every account, session, token and record made before it, all active, and announces a deactivation', async () => {
    const client = await PGlite.create();
    try {
      await migrate(drizzle({ client }), { migrationsFolder: old.folder, migrationsSchema: MIGRATIONS_SCHEMA });
      await client.exec(`
        insert into organisations (id, name) values ('city-careers', 'City Careers');
        insert into users (id, name) values ('local', 'local');
        insert into users (id, name, email, role, organisation_id, password_hash, failed_sign_ins)
          select 'u' || n, 'Person ' || n, 'person' || n || '@example.org', case when n = 1 then 'admin' else 'seeker' end,
            'city-careers', 'scrypt$1024$8$1$salt$key', n % 3 from generate_series(1, 20) as n;
        insert into sessions (token_hash, user_id, csrf, created_at, expires_at)
          select 'h' || n, 'u' || n, 'c', '2026-03-03T14:00:00Z', '2026-03-17T14:00:00Z' from generate_series(1, 20) as n;
        insert into tokens (token_hash, purpose, user_id, created_at) values ('feed', 'calendar', 'u2', '2026-03-03T14:00:00Z');
        insert into applications (user_id, id, position, company, role, status, individual_panel_notes, protocol)
          values ('u2', 'a1', 0, 'Acme Analytics', 'Analyst', 'active', false, '{}');
      `);
      const before = await client.query<{ row: string }>('select row(u.*)::text as row from users u order by id');
      await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder(), migrationsSchema: MIGRATIONS_SCHEMA });

      // Every row as it was, with the new column last and empty.
      const after = await client.query<{ row: string; deactivated_at: string | null }>(
        `select row(u.id, u.name, u.created_at, u.email, u.role, u.organisation_id, u.password_hash, u.failed_sign_ins, u.locked_until)::text as row,
           deactivated_at from users u order by id`);
      expect(after.rows.map((r) => r.row)).toStrictEqual(before.rows.map((r) => r.row));
      expect(after.rows.every((r) => r.deactivated_at === null)).toBe(true);
      expect(await count(client, 'users')).toBe(21);
      expect(await count(client, 'sessions')).toBe(20);
      expect(await count(client, 'tokens')).toBe(1);
      expect(await count(client, 'applications')).toBe(1);

      const heard: string[] = [];
      const unlisten = await client.listen(ACCOUNT_CHANGES_CHANNEL, (payload) => heard.push(payload));
      await client.exec(`update users set deactivated_at = '2026-03-04T14:00:00Z' where id = 'u3'`);
      // A failed sign-in is no account change; clearing the column is.
      await client.exec(`update users set failed_sign_ins = 4 where id = 'u4'`);
      await client.exec(`update users set deactivated_at = null where id = 'u3'`);
      await client.exec(`update users set deactivated_at = null where id = 'u5'`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await unlisten();
      expect(heard).toStrictEqual(['u3', 'u3']);
      const stored = await client.query<{ at: string | null }>(`select deactivated_at::text as at from users where id = 'u3'`);
      expect(stored.rows).toStrictEqual([{ at: null }]);
    } finally {
      await client.close();
    }
  }, 60_000);
});
