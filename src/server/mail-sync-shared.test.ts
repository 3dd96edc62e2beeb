/**
 * The shared server's timed mail sync (app/mail/sync-loop.ts and sync-gate.ts) against a real Dovecot,
 * on PGlite and, with AFTERWORD_TEST_DATABASE_URL, on PostgreSQL with two stores (two pools, as two
 * server processes) on one database, directly and through PgBouncer in transaction mode: every seeker's linked mailbox is synced on a timer without
 * anyone asking; two server processes never sync one mailbox at once; Sync now waits for the timed
 * sync of the same mailbox; a failing mailbox waits longer each time; a coach's mailbox is never read.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox } from '../app/mail/connect.js';
import { mailKeyFromSecret, type MailKey } from '../app/mail/credentials.js';
import { createMailSyncGate, type MailSyncGate } from '../app/mail/sync-gate.js';
import { startMailSyncLoop } from '../app/mail/sync-loop.js';
import type { SyncReport } from '../app/mail/sync.js';
import { appendThankYouThread, plainMessage, seedWorkedExample, startDovecot, type Dovecot } from '../app/mail/testing-dovecot.js';
import type { Store, UserId } from '../app/ports.js';
import { createTimeRules } from '../core/time.js';
import { freshPgliteStore } from '../store/testing.js';
import { pgbouncerBinary, startPgbouncer } from './testing-cluster.js';

const time = createTimeRules();
const PASSWORD = 'app pass 4711';
const KEY = mailKeyFromSecret('shared sync test');
// Thu 2026-03-05 15:00 UTC: two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');
const clock = { now: () => NOW };
const SEEKERS = ['jordan', 'sam', 'kim'] as const;
const PG_URL = process.env['AFTERWORD_TEST_DATABASE_URL'] ?? '';

let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [...SEEKERS, 'coach'].map((n) => ({ login: `${n}@example.com`, password: PASSWORD })) });
  for (const n of SEEKERS) {
    await appendThankYouThread(dovecot, `${n}@example.com`, n);
    // Some unrelated mail, so each sync lasts a while.
    await dovecot.append(`${n}@example.com`, 'INBOX', Array.from({ length: 40 }, (_, i) => plainMessage({
      from: `News ${i} <news@shop.example>`, to: `${n}@example.com`, subject: `Offers of the week ${i}`,
      // Wed 2026-03-04
      date: 'Wed, 4 Mar 2026 08:00:00 +0000', id: `<news-${n}-${i}@shop.example>`, body: 'Nothing about a job.',
    })));
  }
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
});

async function seed(store: Store, userId: UserId, key: MailKey = KEY): Promise<void> {
  await seedWorkedExample(store, userId, time);
  // Each seeker's own address is Jordan's, as the worked example's thread is written.
  await connectMailbox({ store, time, clock, userId, mailKey: key }, {
    imapHost: '127.0.0.1', imapPort: dovecot.port, user: `${userId}@example.com`, address: 'jordan@example.com', password: PASSWORD,
  }, { checkSmtp: false });
}

/** A store whose sync leases are noted: when each was taken and let go, by whom. */
function noting(store: Store, who: string, spans: { who: string; userId: UserId; from: number; to?: number }[]): Store {
  const mail = store.mail;
  const open = new Map<UserId, { who: string; userId: UserId; from: number; to?: number }>();
  const noted = Object.create(mail) as typeof mail;
  Object.assign(noted, {
    leaseSync: async (...args: Parameters<typeof mail.leaseSync>) => {
      const got = await mail.leaseSync(...args);
      const [userId] = args;
      if (got && !open.has(userId)) {
        const span = { who, userId, from: performance.now() };
        open.set(userId, span);
        spans.push(span);
      }
      return got;
    },
    endSync: async (...args: Parameters<typeof mail.endSync>) => {
      const [userId] = args;
      const span = open.get(userId);
      // Noted as let go just before the statement that lets go: never later than the other process can take it.
      if (span) span.to = performance.now();
      open.delete(userId);
      return mail.endSync(...args);
    },
  });
  const wrapped = Object.create(store) as Store;
  Object.defineProperty(wrapped, 'mail', { value: noted });
  return wrapped;
}

type Kind = 'pglite' | 'postgres' | 'pgbouncer';

/**
 * Two stores on one fresh database: PGlite's one store twice, or two PostgreSQL pools, directly or
 * through PgBouncer in transaction pooling mode (where a session's advisory lock would not hold).
 */
async function twoProcesses(kind: Kind): Promise<{ a: Store; b: Store; close: () => Promise<void> }> {
  if (kind === 'pglite') {
    const store = await freshPgliteStore();
    return { a: store, b: store, close: () => store.close() };
  }
  const { default: pg } = await import('pg');
  const { openPostgresStore } = await import('../store/postgres.js');
  const name = `afterword_sync_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const bouncer = kind === 'pgbouncer' ? await startPgbouncer({ host: url.hostname, port: Number(url.port || 5432) }) : undefined;
  const open = () => openPostgresStore(bouncer ? { url: bouncer.url(name), directUrl: url.toString() } : { url: url.toString() });
  const a = await open();
  const b = await open();
  return {
    a, b,
    close: async () => {
      await a.close();
      await b.close();
      await bouncer?.stop();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Resolves when `test` holds, checking every 20 ms; fails after `ms` saying `what`. */
async function until(what: string, test: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!await test()) {
    if (Date.now() > end) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const KINDS: readonly Kind[] = PG_URL === '' ? ['pglite'] : existsSync(pgbouncerBinary()) ? ['pglite', 'postgres', 'pgbouncer'] : ['pglite', 'postgres'];

describe.each(KINDS)('the shared server syncs on a timer (%s)', (kind) => {
  it('syncs every seeker\'s mailbox by itself, two server processes never one mailbox at once, and skips a coach\'s', async () => {
    const db = await twoProcesses(kind);
    try {
      for (const s of SEEKERS) await seed(db.a, s);
      // A coach who once linked a mailbox (say, as a seeker before): the timer never reads it.
      await db.a.accounts.createAccount({ id: 'coach', name: 'Coach', email: 'coach@example.org', role: 'coach' });
      await connectMailbox({ store: db.a, time, clock, userId: 'coach', mailKey: KEY }, {
        imapHost: '127.0.0.1', imapPort: dovecot.port, user: 'coach@example.com', password: PASSWORD,
      }, { checkSmtp: false });
      expect(await db.a.mail.dueSyncs(Date.now(), 10)).toEqual([...SEEKERS].sort());

      const spans: { who: string; userId: UserId; from: number; to?: number }[] = [];
      const reports: { who: string; userId: UserId; report?: SyncReport; error?: unknown }[] = [];
      const loop = (who: string, store: Store) => startMailSyncLoop({
        store: noting(store, who, spans), time, clock, mailKey: KEY, tickMs: 10, firstAfterMs: 0, concurrency: 2, gapMs: 0,
        gate: createMailSyncGate({ owner: who, everyMs: 150 }),
        onSynced: (userId, outcome) => reports.push({ who, userId, ...outcome }),
      });
      const loops = [loop('server A', db.a), loop('server B', db.b)];
      try {
        await until('each mailbox synced three times', () => SEEKERS.every((s) => reports.filter((r) => r.userId === s && r.report).length >= 3));
      } finally {
        await Promise.all(loops.map((l) => l.stop()));
      }
      expect(reports.filter((r) => r.error !== undefined)).toEqual([]);
      // Both servers took part.
      expect(new Set(spans.map((x) => x.who))).toEqual(new Set(['server A', 'server B']));
      expect(reports.some((r) => r.userId === 'coach')).toBe(false);
      expect((await db.a.mail.getAccount('coach'))?.lastSyncAt).toBeUndefined();
      // Never two syncs of one mailbox at once, whichever server held it.
      for (const s of SEEKERS) {
        const mine = spans.filter((x) => x.userId === s).sort((x, y) => x.from - y.from);
        for (let i = 1; i < mine.length; i++) {
          const before = mine[i - 1];
          const after = mine[i];
          expect(before?.to, `${s}: a sync by ${before?.who} had not ended when ${after?.who} took it`).toBeLessThanOrEqual(after?.from ?? 0);
        }
      }
      // What the timer read: each seeker's thank-you once, and the employer's reply waiting once.
      for (const s of SEEKERS) {
        expect((await db.a.getApplication(s, 'a1'))?.touches.filter((t) => t.text?.startsWith('Email '))).toHaveLength(1);
        expect((await db.a.mail.listProposals(s, 'pending')).map((p) => p.kind)).toEqual(['not_decided']);
      }
    } finally {
      await db.close();
    }
  }, 180_000);

  it('Sync now waits for the timed sync of the same mailbox, in this process and in another', async () => {
    const db = await twoProcesses(kind);
    try {
      await seed(db.a, 'jordan');
      const gateA = createMailSyncGate({ owner: 'server A' });
      const gateB = createMailSyncGate({ owner: 'server B' });
      const spans: { who: string; userId: UserId; from: number; to?: number }[] = [];
      const depsA = { store: noting(db.a, 'server A', spans), time, clock, mailKey: KEY, userId: 'jordan' };
      const depsB = { ...depsA, store: db.b };
      let timedDone = false;
      const timed = gateA.timed(depsA).then((r) => { timedDone = true; return r; });
      await until('server A holds the lease', () => spans.length > 0);
      // Another timed sync, here or there, is skipped.
      expect(await gateB.timed(depsB)).toBeUndefined();
      expect(await gateA.timed(depsA)).toBeUndefined();
      // This process's Sync now joins the sync running: the same report.
      const joined = gateA.syncNow(depsA);
      // The other process's Sync now waits for it to end, then reads (nothing new by then).
      const other = await gateB.syncNow(depsB);
      expect(timedDone).toBe(true);
      const first = await timed;
      expect(await joined).toBe(first);
      expect(first).toMatchObject({ touches: 1, proposals: 1 });
      expect(other).toMatchObject({ touches: 0, proposals: 0 });
      // Server B synced last and let go: the timed sync is next due in 5 to 6 minutes.
      expect(await db.a.mail.dueSyncs(gateA.clock() + 4 * 60_000, 10)).toEqual([]);
      expect(await db.a.mail.dueSyncs(gateA.clock() + 6 * 60_000 + 1000, 10)).toEqual(['jordan']);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('a server process that died holding a mailbox', () => {
  it('keeps it until its lease runs out: Sync now says to try again, then syncs once the lease has run out', async () => {
    const store = await freshPgliteStore();
    try {
      await seed(store, 'kim');
      // A server took the mailbox and died: its lease runs 2 minutes from Mon 2026-03-09 09:00 UTC.
      const t = Date.parse('2026-03-09T09:00:00Z');
      expect(await store.mail.leaseSync('kim', 'a server that died', t, t + 120_000, false)).toEqual({ failures: 0 });
      const deps = { store, time, clock, mailKey: KEY, userId: 'kim' };
      const waiting = createMailSyncGate({ owner: 'server A', waitMs: 300, now: () => t + 60_000 });
      await expect(waiting.syncNow(deps)).rejects.toMatchObject({
        code: 'conflict', field: 'mailbox', message: 'Your mailbox is being synced right now by the server; try again in a minute.',
      });
      expect(await waiting.timed(deps)).toBeUndefined();
      expect(await store.mail.dueSyncs(t + 60_000, 10)).toEqual([]);
      // Two minutes on, the lease has run out: the timer takes the mailbox.
      const later = createMailSyncGate({ owner: 'server A', now: () => t + 120_000 });
      expect(await store.mail.dueSyncs(t + 120_000, 10)).toEqual(['kim']);
      expect(await later.timed(deps)).toMatchObject({ touches: 1, proposals: 1 });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('on the embedded database (one process), a lease left by a stopped process is taken at once', async () => {
    const store = await freshPgliteStore();
    try {
      await seed(store, 'kim');
      // Mon 2026-03-09 09:00 UTC: the process before this one took the mailbox and stopped.
      const t = Date.parse('2026-03-09T09:00:00Z');
      expect(await store.mail.leaseSync('kim', 'the process before', t, t + 120_000, false)).toEqual({ failures: 0 });
      const gate = createMailSyncGate({ owner: 'this process', exclusive: true, waitMs: 300, now: () => t + 1_000 });
      expect(await gate.syncNow({ store, time, clock, mailKey: KEY, userId: 'kim' })).toMatchObject({ touches: 1, proposals: 1 });
      // Let go after the sync: not due again for 5 minutes or so.
      expect(await store.mail.dueSyncs(t + 1_000 + 299_000, 10)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('a failing mailbox on the timer', () => {
  it('waits twice as long after each failure, and is due at once when linked again', async () => {
    const store = await freshPgliteStore();
    try {
      // Linked with another server's key: this one cannot open the password.
      await seed(store, 'sam', mailKeyFromSecret('another server'));
      // Mon 2026-03-09 09:00 UTC on the schedule's clock, moved by hand.
      let t = Date.parse('2026-03-09T09:00:00Z');
      const gate: MailSyncGate = createMailSyncGate({ owner: 'server A', everyMs: 60_000, now: () => t });
      const deps = { store, time, clock, mailKey: KEY, userId: 'sam' };
      await expect(gate.timed(deps)).rejects.toThrow(/cannot be read with this installation's key/);
      expect(await store.mail.dueSyncs(t + 119_999, 10)).toEqual([]);
      expect(await store.mail.dueSyncs(t + 120_000, 10)).toEqual(['sam']);
      // Not due yet: the timer skips it.
      expect(await gate.timed(deps)).toBeUndefined();
      t += 120_000;
      await expect(gate.timed(deps)).rejects.toThrow(/cannot be read/);
      expect(await store.mail.dueSyncs(t + 239_999, 10)).toEqual([]);
      expect(await store.mail.dueSyncs(t + 240_000, 10)).toEqual(['sam']);
      t += 240_000;
      await expect(gate.timed(deps)).rejects.toThrow(/cannot be read/);
      expect(await store.mail.dueSyncs(t + 479_999, 10)).toEqual([]);
      // The longest wait is capped (4 hours by default).
      expect(gate.nextAt('sam', t, 20) - t).toBe(4 * 3_600_000);

      // Linked again, with this server's key: due at once, and back to every minute or so.
      await connectMailbox({ ...deps }, { imapHost: '127.0.0.1', imapPort: dovecot.port, user: 'sam@example.com', address: 'jordan@example.com', password: PASSWORD }, { checkSmtp: false });
      expect(await store.mail.dueSyncs(t, 10)).toEqual(['sam']);
      expect(await gate.timed(deps)).toMatchObject({ touches: 1 });
      expect(await store.mail.dueSyncs(t + 59_999, 10)).toEqual([]);
      expect(await store.mail.dueSyncs(t + 72_000, 10)).toEqual(['sam']);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("a deactivated job seeker's mailbox", () => {
  it('is not synced on the timer while the account is deactivated, and is again once reactivated; the link stays as it was', async () => {
    const store = await freshPgliteStore();
    try {
      for (const id of ['sam', 'kim']) {
        await store.accounts.createAccount({ id, name: id, email: `${id}@example.org`, role: 'seeker' });
        await seed(store, id);
      }
      // Mon 2026-03-09 09:00 UTC.
      const t = Date.parse('2026-03-09T09:00:00Z');
      await store.accounts.deactivate('kim', t);
      expect(await store.mail.dueSyncs(t, 10)).toEqual(['sam']);

      const reports: { userId: UserId; report?: SyncReport; error?: unknown }[] = [];
      const run = async (what: string, done: () => boolean) => {
        const loop = startMailSyncLoop({
          store, time, clock, mailKey: KEY, tickMs: 10, firstAfterMs: 0, gapMs: 0,
          gate: createMailSyncGate({ owner: 'server A', everyMs: 100 }),
          onSynced: (userId, outcome) => reports.push({ userId, ...outcome }),
        });
        try {
          await until(what, done);
        } finally {
          await loop.stop();
        }
      };
      await run('sam synced three times', () => reports.filter((r) => r.userId === 'sam' && r.report).length >= 3);
      expect(reports.filter((r) => r.userId === 'kim')).toEqual([]);
      expect(await store.mail.listFolders('kim')).toEqual([]);
      expect((await store.mail.getAccount('kim'))?.status).toBe('connected');

      await store.accounts.reactivate('kim');
      await run('kim synced', () => reports.some((r) => r.userId === 'kim' && r.report));
      expect(reports.find((r) => r.userId === 'kim')?.report).toMatchObject({ touches: 1, proposals: 1 });
    } finally {
      await store.close();
    }
  }, 60_000);
});
