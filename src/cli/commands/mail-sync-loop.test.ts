/**
 * The sync on a timer (app/mail/sync-loop.ts, what `afterword serve` runs) against a real Dovecot on a real PGlite: it
 * syncs the linked mailboxes pass after pass, so mail that comes later is read by a later pass
 * without anyone asking; a mailbox whose password cannot be opened is logged (never the password)
 * and the others are synced all the same. Waits are on the loop's events, bounded.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeRules } from '../../core/time.js';
import type { PgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import type { UserId } from '../../app/ports.js';
import { connectMailbox } from '../../app/mail/connect.js';
import { mailKeyFromSecret } from '../../app/mail/credentials.js';
import { createMailSyncGate } from '../../app/mail/sync-gate.js';
import { startMailSyncLoop } from '../../app/mail/sync-loop.js';
import { syncMailbox, type SyncReport } from '../../app/mail/sync.js';
import { seedWorkedExample, startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';

const time = createTimeRules();
const PASSWORD = 'app pass 4711';
const KEY = mailKeyFromSecret('loop test');
// Thu 2026-03-05 15:00 UTC: two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');
const clock = { now: () => NOW };

let dovecot: Dovecot;
let store: PgliteStore;

async function seed(userId: UserId, login: string, key = KEY): Promise<void> {
  await seedWorkedExample(store, userId, time);
  await connectMailbox({ store, time, clock, userId, mailKey: key }, {
    imapHost: '127.0.0.1', imapPort: dovecot.port, user: login, address: login, password: PASSWORD,
  }, { checkSmtp: false });
}

function message(m: { from: string; to: string; subject: string; date: string; body: string }): string {
  return [
    `From: ${m.from}`, `To: ${m.to}`, `Subject: ${m.subject}`, `Date: ${m.date}`, `Message-ID: <${randomBytes(6).toString('hex')}@mail.test>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', m.body, '',
  ].join('\r\n');
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ login: 'jordan@example.com', password: PASSWORD }, { login: 'sam@example.com', password: PASSWORD }] });
  store = await freshPgliteStore();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await dovecot?.stop();
});

describe('the mailbox sync on a timer', () => {
  it('reads later mail in a later pass by itself; a mailbox that cannot be opened is logged and the others go on', async () => {
    await seed('jordan', 'jordan@example.com');
    // Linked with another install's key: this loop cannot open its password.
    await seed('sam', 'sam@example.com', mailKeyFromSecret('another install'));
    await dovecot.append('jordan@example.com', 'Sent', [message({
      from: 'Jordan Lee <jordan@example.com>', to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Thank you for today',
      // Tue 2026-03-03 15:00 New York
      date: 'Tue, 3 Mar 2026 15:00:00 -0500',
      body: 'Dear Dr. Okafor,\r\n\r\nThank you for taking the time to speak with me today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
    })]);

    const lines: string[] = [];
    const events: { userId: UserId; report?: SyncReport; error?: unknown }[] = [];
    const waiters: (() => void)[] = [];
    /** Resolves when an event matching `test` has come (bounded: fails after 60 s saying which). */
    const next = (what: string, test: (e: (typeof events)[number]) => boolean) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within 60 s; events: ${JSON.stringify(events.map((e) => [e.userId, e.report?.proposals, String(e.error ?? '')]))}`)), 60_000);
      const check = () => {
        if (events.some(test)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
    const loop = startMailSyncLoop({
      store, time, clock, mailKey: KEY, gate: createMailSyncGate({ everyMs: 50 }), tickMs: 20, firstAfterMs: 0, gapMs: 0,
      log: (line) => lines.push(line),
      onSynced: (userId, outcome) => {
        events.push({ userId, ...outcome });
        for (const w of waiters.splice(0)) w();
      },
    });
    try {
      await next('first sync of jordan', (e) => e.userId === 'jordan' && e.report !== undefined);
      await next('failed sync of sam', (e) => e.userId === 'sam' && e.error !== undefined);
      const thanks = (await store.getApplication('jordan', 'a1'))?.touches.filter((t) => t.text?.startsWith('Email ')) ?? [];
      expect(thanks).toHaveLength(1);

      // Mail that comes later: a later pass reads it without being asked.
      await dovecot.append('jordan@example.com', 'INBOX', [message({
        from: 'Grace Okafor <g.okafor@acme.example>', to: 'jordan@example.com', subject: 'Data Analyst: our decision',
        // Fri 2026-03-06 10:00 New York
        date: 'Fri, 6 Mar 2026 10:00:00 -0500',
        body: 'Dear Jordan,\r\n\r\nWe are still interviewing and have not made a decision yet. We will update you by March 20.\r\n\r\nBest regards,\r\nGrace Okafor',
      })]);
      await next('a proposal from a later pass', (e) => e.userId === 'jordan' && (e.report?.proposals ?? 0) > 0);
    } finally {
      await loop.stop();
    }
    expect((await store.mail.listProposals('jordan', 'pending')).map((p) => p.kind)).toEqual(['not_decided']);
    // Passes after that one found nothing new: still one touch.
    expect((await store.getApplication('jordan', 'a1'))?.touches.filter((t) => t.text?.startsWith('Email '))).toHaveLength(1);
    expect(lines).toContain('mail sync of jordan: 1 sent message recorded');
    expect(lines).toContain('mail sync of jordan: 1 employer message to review');
    expect(lines.some((l) => l.startsWith('mail sync of sam: failed: The saved mailbox password cannot be read with this installation\'s key'))).toBe(true);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    // `afterword mail status` says so.
    expect(await store.mail.getAccount('sam')).toMatchObject({ status: 'failing', lastError: expect.stringMatching(/^The saved mailbox password cannot be read/) });
  }, 120_000);

  it('a sync told to stop ends after the batch it reads; the next one reads on from there, each message once', async () => {
    await seed('many', 'sam@example.com');
    // 300 newsletters (no application's), Wed 2026-03-04 in the morning, New York.
    await dovecot.append('sam@example.com', 'INBOX', Array.from({ length: 300 }, (_, i) => message({
      from: `News ${i} <news${i}@letters.example>`, to: 'sam@example.com', subject: `Issue ${i}`,
      date: `Wed, 4 Mar 2026 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 -0500`, body: 'Read more online.',
    })));
    const deps = { store, time, clock, mailKey: KEY, userId: 'many' };
    const stop = new AbortController();
    const cut = await syncMailbox(deps, { signal: stop.signal, onProgress: (p) => { if (p.folder === 'INBOX' && p.done > 0) stop.abort(); } });
    expect(cut.folders.find((f) => f.path === 'INBOX')).toMatchObject({ read: 250 });
    expect(cut.ignored).toBe(250);
    // Not a whole sync: no "last sync" time yet.
    expect((await store.mail.getAccount('many'))?.lastSyncAt).toBeUndefined();

    const rest = await syncMailbox(deps);
    expect(rest.folders.find((f) => f.path === 'INBOX')).toMatchObject({ read: 50, full: false });
    expect(rest.ignored).toBe(50);
    expect((await store.mail.countMessages('many')).ignored).toBe(300);
    expect((await store.mail.getAccount('many'))?.lastSyncAt).toBe(NOW);
  }, 120_000);
});
