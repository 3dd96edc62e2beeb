/**
 * Migration 0006 (the mailbox link) on a database made by the schema before it: the records are
 * all still there, the new tables start empty, and their keys and checks hold (one message per
 * Message-ID and user, one outbox row per Message-ID, a decided proposal has its moment).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_SCHEMA, migrationsFolder } from './migrations-folder.js';
import { migrationsBefore } from './testing-migrations.js';

const MAILBOX = '0006_mailbox';

async function count(client: PGlite, table: string): Promise<number> {
  const r = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return r.rows[0]!.n;
}

describe('migration 0006: the mailbox link', () => {
  const old = migrationsBefore(MAILBOX);
  afterAll(() => old.remove());

  it('keeps the records made before it and adds the mail tables with their keys and checks', async () => {
    const client = await PGlite.create();
    try {
      await migrate(drizzle({ client }), { migrationsFolder: old.folder, migrationsSchema: MIGRATIONS_SCHEMA });
      await client.exec(`
        insert into users (id, name) values ('local', 'local');
        insert into applications (user_id, id, position, company, role, status, individual_panel_notes, protocol)
          select 'local', 'a' || n, n, 'Company ' || n, 'Analyst', 'active', false, '{}' from generate_series(1, 30) as n;
        insert into people (user_id, application_id, id, position, name, role, email, informal, verified)
          values ('local', 'a1', 'p1', 0, 'Grace Okafor', 'hiring_manager', 'grace@acme.example', false, true);
        -- 2026-03-03 (Tuesday)
        insert into touches (user_id, application_id, seq, at, person_id, channel, kind, outcome)
          values ('local', 'a1', 0, '2026-03-03T15:00:00Z', 'p1', 'email', 'thank_you', 'no_answer');
      `);
      await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder(), migrationsSchema: MIGRATIONS_SCHEMA });

      expect(await count(client, 'applications')).toBe(30);
      expect(await count(client, 'people')).toBe(1);
      expect(await count(client, 'touches')).toBe(1);
      for (const table of ['mail_accounts', 'mail_folders', 'mail_messages', 'mail_proposals', 'mail_outbox']) {
        expect(await count(client, table), table).toBe(0);
      }

      await client.exec(`
        insert into mail_accounts (user_id, imap_host, imap_port, imap_security, smtp_host, smtp_port, smtp_security, login, address,
            auth_method, secret_iv, secret_tag, secret_ciphertext, status, connected_at)
          values ('local', 'imap.example.com', 993, 'tls', 'smtp.example.com', 465, 'tls', 'jordan', 'jordan@example.com',
            'password', 'aXY=', 'dGFn', 'c2VjcmV0', 'connected', '2026-03-03T09:00:00Z');
        insert into mail_folders (user_id, path, special_use, uid_validity, last_uid, highest_modseq, since)
          values ('local', 'INBOX', null, 4294967295, 12, 9223372036854775807, '2026-03-01T00:00:00Z');
        insert into mail_messages (user_id, message_id, folder, uid_validity, uid, from_address, to_addresses, cc_addresses, "references", application_id, result, seen_at)
          values ('local', '<m1@acme.example>', 'INBOX', 4294967295, 12, 'grace@acme.example', '{jordan@example.com}', '{}', '{}', 'a1', 'proposal', '2026-03-04T09:00:00Z');
        insert into mail_proposals (user_id, id, application_id, message_id, kind, payload, status, created_at)
          values ('local', 1, 'a1', '<m1@acme.example>', 'not_decided', '{"decisionBy": "2026-03-20"}', 'pending', '2026-03-04T09:00:00Z');
        insert into mail_outbox (user_id, id, application_id, person_id, kind, to_addresses, cc_addresses, subject, body, message_id, send_at, status, created_at)
          values ('local', 1, 'a1', 'p1', 'status_check', '{grace@acme.example}', '{}', 'Analyst role', 'Dear Ms. Okafor,', '<o1@afterword.invalid>',
            '2026-03-10T14:00:00Z', 'queued', '2026-03-04T09:00:00Z');
      `);
      // UIDVALIDITY is 32-bit unsigned and MODSEQ 63-bit: both come back whole.
      const folder = await client.query<{ uid_validity: string; highest_modseq: string }>('select uid_validity::text, highest_modseq::text from mail_folders');
      expect(folder.rows).toStrictEqual([{ uid_validity: '4294967295', highest_modseq: '9223372036854775807' }]);

      const refused = async (statement: string, constraint: string) => {
        await expect(client.exec(statement), constraint).rejects.toThrow(constraint);
      };
      await refused(`insert into mail_messages (user_id, message_id, folder, uid_validity, uid, to_addresses, cc_addresses, "references", result, seen_at)
        values ('local', '<m1@acme.example>', 'Sent', 7, 1, '{}', '{}', '{}', 'ignored', now())`, 'mail_messages_user_id_message_id_pk');
      await refused(`insert into mail_messages (user_id, message_id, folder, uid_validity, uid, to_addresses, cc_addresses, "references", result, seen_at)
        values ('local', '<m2@acme.example>', 'Sent', 7, 2, '{}', '{}', '{}', 'touch', now())`, 'mail_messages_matched_check');
      await refused(`update mail_proposals set status = 'accepted'`, 'mail_proposals_decided_check');
      await refused(`insert into mail_outbox (user_id, id, application_id, kind, to_addresses, cc_addresses, subject, body, message_id, send_at, status, created_at)
        values ('local', 2, 'a2', 'update', '{grace@acme.example}', '{}', 's', 'b', '<o1@afterword.invalid>', now(), 'queued', now())`, 'mail_outbox_message_id_unique');
      await refused(`update mail_outbox set status = 'sent'`, 'mail_outbox_sent_check');
      await refused(`update mail_accounts set imap_security = 'plain'`, 'mail_accounts_imap_security_check');

      // Saving an application rewrites its people: the outbox's person is no foreign key to trip on.
      await client.exec(`delete from touches; delete from people where application_id = 'a1'`);
      expect(await count(client, 'mail_outbox')).toBe(1);
      // Deleting an application leaves its messages seen (no second touch after a restore) and drops its proposals and sends.
      await client.exec(`delete from applications where id = 'a1'`);
      expect(await count(client, 'mail_messages')).toBe(1);
      expect(await count(client, 'mail_proposals')).toBe(0);
      expect(await count(client, 'mail_outbox')).toBe(0);
      // Disconnecting forgets where each folder stopped, not the messages seen.
      await client.exec(`delete from mail_accounts`);
      expect(await count(client, 'mail_folders')).toBe(0);
      expect(await count(client, 'mail_messages')).toBe(1);
    } finally {
      await client.close();
    }
  }, 60_000);
});
