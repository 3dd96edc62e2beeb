/**
 * The outbox's store on a real database (PGlite; PostgreSQL too when AFTERWORD_TEST_DATABASE_URL is
 * set): ids per user, claims that take a due note once (two senders at once take disjoint notes),
 * stale claims taken again, a result recorded only by the claim that holds the note, cancelling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxItem } from '../app/mail/outbox-port.js';
import type { Store } from '../app/ports.js';
import type { Application } from '../core/model.js';
import { freshPgliteStore } from './testing.js';

// Mon 2026-03-09 14:00 UTC.
const T0 = Date.UTC(2026, 2, 9, 14);
const MIN = 60_000;

const application: Application = {
  id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', individualPanelNotes: false,
  people: [{ id: 'p1', name: 'Grace Okafor', role: 'hiring_manager', email: 'g.okafor@acme.example', informal: false, verified: false }],
  interviews: [], touches: [], protocol: {},
};

function note(n: number, sendAt: number): NewOutboxItem {
  return {
    applicationId: 'a1', personId: 'p1', kind: 'status_check', to: ['g.okafor@acme.example'], cc: [],
    subject: 'Data Analyst interview', body: `Dear Dr. Okafor,\n\nNote ${n}.\n\nSincerely,\nJordan Lee`,
    messageId: `<note-${n}-${sendAt}@example.com>`, sendAt, createdAt: T0 - MIN,
  };
}

const stores: { name: string; open: () => Promise<Store>; drop?: () => Promise<void> }[] = [{ name: 'PGlite', open: () => freshPgliteStore() }];
const url = process.env['AFTERWORD_TEST_DATABASE_URL'];
if (url) {
  // A database of its own: claims look at every user's notes.
  const name = `afterword_outbox_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (statement: string): Promise<void> => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  stores.push({
    name: 'PostgreSQL',
    drop: () => admin(`drop database if exists "${name}"`),
    open: async () => {
      await admin(`create database "${name}"`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return (await import('./postgres.js')).openPostgresStore({ url: target.toString() });
    },
  });
}

describe.each(stores)('outbox store ($name)', ({ open, drop }) => {
  let store: Store;
  // Users of this run only: the PostgreSQL test database is shared.
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const u1 = `outbox-u1-${run}`;
  const u2 = `outbox-u2-${run}`;

  beforeAll(async () => {
    store = await open();
    for (const id of [u1, u2]) {
      await store.ensureUser({ id, name: id });
      await store.saveApplication(id, application);
    }
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await drop?.();
  });

  it('numbers notes per user and lists them soonest first', async () => {
    const later = await store.outbox.add(u1, note(1, T0 + 10 * MIN));
    const sooner = await store.outbox.add(u1, note(2, T0 + 5 * MIN));
    const theirs = await store.outbox.add(u2, note(3, T0 + 5 * MIN));
    expect([later.id, sooner.id, theirs.id]).toEqual([1, 2, 1]);
    expect(later).toMatchObject({ status: 'queued', attempts: 0, sendAt: T0 + 10 * MIN, personId: 'p1', to: ['g.okafor@acme.example'], cc: [] });
    expect((await store.outbox.list(u1)).map((i) => i.id)).toEqual([2, 1]);
    expect(await store.outbox.nextWake(90_000)).toBe(T0 + 5 * MIN);
  });

  it('a Message-ID is taken once', async () => {
    await expect(store.outbox.add(u1, { ...note(1, T0 + 10 * MIN) })).rejects.toThrow();
  });

  it('takes due notes once: two senders at the same moment take disjoint notes', async () => {
    expect(await store.outbox.claimDue(T0, T0 - 90_000, 10)).toEqual([]);
    const at = T0 + 10 * MIN;
    const [a, b] = await Promise.all([store.outbox.claimDue(at, at - 90_000, 10), store.outbox.claimDue(at, at - 90_000, 10)]);
    const taken = [...a!, ...b!].map((c) => `${c.userId}/${c.item.id}`).sort();
    expect(taken).toEqual([`${u1}/1`, `${u1}/2`, `${u2}/1`].sort());
    for (const c of [...a!, ...b!]) expect(c).toMatchObject({ resumed: false, item: { status: 'sending', claimedAt: at, attempts: 1 } });
    // Held, not stale yet: nobody takes them again.
    expect(await store.outbox.claimDue(at + MIN, at + MIN - 90_000, 10)).toEqual([]);
  });

  it('a claim not finished within the lease is taken again, marked resumed; only the newer claim records the result', async () => {
    const first = T0 + 10 * MIN;
    const again = first + 2 * MIN;
    const resumed = await store.outbox.claimDue(again, again - 90_000, 10);
    expect(resumed.map((c) => [c.userId, c.item.id, c.resumed, c.item.attempts])).toEqual([[u1, 2, true, 2], [u2, 1, true, 2], [u1, 1, true, 2]]);
    // The stopped sender's claim no longer counts.
    expect(await store.outbox.markSent(u1, 2, first, again)).toBe(false);
    expect(await store.outbox.markSent(u1, 2, again, again + 1000)).toBe(true);
    expect(await store.outbox.get(u1, 2)).toMatchObject({ status: 'sent', sentAt: again + 1000 });
    expect(await store.outbox.release(u2, 1, again, { retryAt: again + MIN, error: 'the mail server refused the message (451)' })).toBe(true);
    expect(await store.outbox.get(u2, 1)).toMatchObject({ status: 'queued', sendAt: again + MIN, lastError: 'the mail server refused the message (451)' });
    expect(await store.outbox.release(u1, 1, again, { failed: 'the mail server refused the message (550)' })).toBe(true);
    expect(await store.outbox.get(u1, 1)).toMatchObject({ status: 'failed', lastError: 'the mail server refused the message (550)' });
  });

  it("holds a deactivated account's notes: neither taken nor waking the sender, until it is reactivated", async () => {
    const held = `outbox-held-${run}`;
    await store.accounts.createAccount({ id: held, name: 'Held', email: `${held}@example.org`, role: 'seeker' });
    await store.saveApplication(held, application);
    // Before every other test's note: while active, it is the next to wake the sender.
    const at = T0 - 1_000 * MIN;
    const item = await store.outbox.add(held, note(90, at));
    expect(await store.outbox.nextWake(90_000)).toBe(at);
    await store.accounts.deactivate(held, at);
    expect((await store.outbox.claimDue(at, at - 10 * MIN, 100)).filter((c) => c.userId === held)).toEqual([]);
    expect((await store.outbox.list(held)).map((i) => i.status)).toEqual(['queued']);
    expect(await store.outbox.nextWake(90_000)).not.toBe(at);
    await store.accounts.reactivate(held);
    expect(await store.outbox.nextWake(90_000)).toBe(at);
    const [claimed] = (await store.outbox.claimDue(at, at - 10 * MIN, 100)).filter((c) => c.userId === held);
    expect(claimed?.item.id).toBe(item.id);
    // Out of the way of the tests after this one.
    expect(await store.outbox.markSent(held, item.id, at, at)).toBe(true);
  });

  it('cancels waiting and failed notes, by id or by application (only those made before a reply); a sent note stays sent', async () => {
    const made = await store.outbox.add(u1, { ...note(4, T0 + 60 * MIN), createdAt: T0 + 30 * MIN });
    const cancelled = await store.outbox.cancel(u1, { applicationId: 'a1', createdBefore: T0 + 20 * MIN }, 'employer_replied');
    expect(cancelled.map((i) => [i.id, i.status, i.cancelledReason])).toEqual([[1, 'cancelled', 'employer_replied']]);
    expect((await store.outbox.get(u1, made.id))?.status).toBe('queued');
    expect(await store.outbox.cancel(u1, { id: 2 }, 'by_user')).toEqual([]);
    expect((await store.outbox.get(u1, 2))?.status).toBe('sent');
    const moved = await store.outbox.reschedule(u1, made.id, T0);
    expect(moved).toMatchObject({ status: 'queued', sendAt: T0 });
    expect(await store.outbox.reschedule(u1, 2, T0)).toBeUndefined();
    expect((await store.outbox.cancel(u1, { id: made.id }, 'by_user')).map((i) => i.status)).toEqual(['cancelled']);
  });
});
