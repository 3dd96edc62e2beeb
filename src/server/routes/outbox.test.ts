/**
 * Outbound mail end to end, in-process: the draft editor's routes put a note in a real Dovecot's
 * Drafts folder and schedule notes; the outbox worker sends them through a real SMTP server at
 * their moment, copies them to Sent and records the touch; cancel, send now, a reply cancelling,
 * a tone-check refusal, and a sender that stopped after claiming a note (found in Sent, or not).
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelQueuedOnReply, type MailboxOf } from '../../app/mail/outbox.js';
import { startOutboxWorker, type OutboxWorker } from '../../app/mail/outbox-worker.js';
import { startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../../app/mail/testing-smtp.js';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import { memoryDeps, seeded, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Tue 2026-03-03 14:00 in New York: the morning interview (10:00–11:00) is over.
const T0 = Date.UTC(2026, 2, 3, 19);
const HOUR = 3600_000;

let now = T0;
let deps: Deps;
let api: TestClient;
let dovecot: Dovecot;
let smtp: TestSmtp;
let worker: OutboxWorker;
const log: string[] = [];

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;
const note = (b: Body): Body => b['note'] as Body;

const mailbox: MailboxOf = async () => ({
  address: 'jordan@example.com',
  smtp: { endpoint: { host: smtp.host, port: smtp.port, security: 'none' }, login: { user: 'jordan', password: 'smtp-pw' } },
  imap: { endpoint: { host: dovecot.host, port: dovecot.port, security: 'none' }, login: { user: 'jordan', password: 'imap-pw' } },
});

async function folder(name: string): Promise<{ raw: Buffer; flags: Set<string> }[]> {
  const client = await dovecot.client('jordan');
  try {
    const lock = await client.getMailboxLock(name);
    try {
      const out: { raw: Buffer; flags: Set<string> }[] = [];
      if ((client.mailbox === false ? 0 : client.mailbox.exists) === 0) return out;
      for await (const m of client.fetch('1:*', { source: true, flags: true })) out.push({ raw: m.source ?? Buffer.alloc(0), flags: m.flags ?? new Set() });
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

async function thankYouText(person: string): Promise<{ subject: string; body: string }> {
  const draft = (await json(await api.get(`/api/applications/a1/drafts?kind=thank_you&person=${person}`)))['draft'] as Body;
  return { subject: String(draft['subject']), body: String(draft['body']) };
}

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot({ users: [{ login: 'jordan', password: 'imap-pw' }] }), startTestSmtp({ user: 'jordan', password: 'smtp-pw' })]);
  deps = { ...await memoryDeps(), clock: { now: () => now } };
  const { createServer } = await import('../app.js');
  worker = startOutboxWorker({ ...deps, mailbox, log: (line) => log.push(line), pollMs: 60_000, leaseMs: 90_000 });
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET, outbox: { mailbox, wake: () => worker.wake() } }));
  await seeded(api.post('/api/profile', {
    settings: { timeZone: 'America/New_York', region: 'US' },
    candidate: { name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100' },
  }));
  await seeded(api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' }));
  await seeded(api.post('/api/applications/a1/people', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' }));
  await seeded(api.post('/api/applications/a1/people', { name: 'Sam Reyes', honorific: 'Mr.', title: 'Senior Analyst', email: 'sam@acme.example' }));
  await seeded(api.post('/api/applications/a1/interviews', {
    start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1', 'p2'],
    debrief: { details: { p1: 'your plan to move reporting to dbt', p2: 'the churn dashboard rebuild' } },
  }));
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await deps?.store.close();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('Put it in my Drafts folder', () => {
  it('appends the edited note to Drafts, flagged \\Draft: the same message as the .eml download', async () => {
    const edit = await thankYouText('p1');
    const res = await api.post('/api/applications/a1/drafts/to-drafts', { kind: 'thank_you', person: 'p1', ...edit });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ folder: 'Drafts' });
    const drafts = await folder('Drafts');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.flags.has('\\Draft')).toBe(true);
    const eml = Buffer.from(await (await api.post('/api/applications/a1/drafts/eml', { kind: 'thank_you', person: 'p1', ...edit })).arrayBuffer());
    // Each is its own message (its own Message-ID); every other byte is the same.
    const withoutId = (raw: Buffer) => raw.toString('latin1').replace(/^Message-ID: .*\r\n/m, '');
    expect(withoutId(drafts[0]!.raw)).toBe(withoutId(eml));
    const parsed = await simpleParser(drafts[0]!.raw);
    expect(parsed.subject).toBe(edit.subject);
    expect(parsed.text?.trimEnd()).toBe(edit.body);
  });
});

describe('Scheduling and sending', () => {
  it('gives the plan\'s moment for a draft: the thank-you is due this afternoon, in New York', async () => {
    const moment = await json(await api.get('/api/applications/a1/outbox/moment?kind=thank_you&person=p1'));
    expect(moment['timeZone']).toBe('America/New_York');
    const at = Date.parse(String(moment['at']));
    // Tue 2026-03-03: from now (14:00) to 17:00 in New York (T2).
    expect(at).toBeGreaterThanOrEqual(T0);
    expect(at).toBeLessThanOrEqual(Date.UTC(2026, 2, 3, 22));
  });

  it('refuses a note the tone check finds errors in, naming the field', async () => {
    const edit = await thankYouText('p2');
    const res = await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', subject: edit.subject, body: `${edit.body} 😀😀`, at: 'ideal' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(await json(res))).toMatch(/tone check/);
    expect((await json(await api.get('/api/outbox')))['notes']).toEqual([]);
  });

  it('queues a note for its ideal moment with a Message-ID; the worker sends it then, once, copies it to Sent and records the touch', async () => {
    const edit = await thankYouText('p1');
    const moment = await json(await api.get('/api/applications/a1/outbox/moment?kind=thank_you&person=p1'));
    const res = await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p1', ...edit, at: 'ideal' });
    expect(res.status).toBe(201);
    const queued = note(await json(res));
    expect(queued).toMatchObject({ status: 'queued', sendAt: moment['at'], to: ['g.okafor@acme.example'], kind: 'thank_you', personId: 'p1' });
    expect(String(queued['id'])).toMatch(/^\d+$/);
    const messageId = String(await deps.store.outbox.get(LOCAL_USER.id, Number(queued['id'])).then((i) => i?.messageId));
    expect(messageId).toMatch(/^<[\w-]+@example\.com>$/);

    // Before its moment nothing leaves.
    await worker.settled();
    expect(smtp.received).toHaveLength(0);

    now = Date.parse(String(moment['at']));
    await worker.settled();
    expect(smtp.received).toHaveLength(1);
    const sent = smtp.received[0]!;
    expect(sent).toMatchObject({ from: 'jordan@example.com', to: ['g.okafor@acme.example'], user: 'jordan' });
    const parsed = await simpleParser(sent.raw);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.subject).toBe(edit.subject);
    expect(parsed.text?.trimEnd()).toBe(edit.body);
    expect(parsed.headers.has('x-unsent')).toBe(false);

    const copies = (await folder('Sent')).filter((m) => m.raw.toString('latin1').includes(messageId));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.flags.has('\\Seen')).toBe(true);

    const app = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    expect(app?.touches.map((t) => [t.kind, t.personId, t.channel, t.outcome, t.at])).toEqual([['thank_you', 'p1', 'email', 'sent', Math.floor(now / 1000) * 1000]]);
    const listed = (await json(await api.get('/api/outbox?all=1')))['notes'] as Body[];
    expect(listed.map((n) => [n['status'], n['sentAt']])).toEqual([['sent', new Date(now).toISOString()]]);

    // Looking again sends nothing more.
    await worker.settled();
    expect(smtp.received).toHaveLength(1);
  });

  it('a note for a moment the user picked waits; cancelled, it never leaves; send now sends another at once', async () => {
    const edit = await thankYouText('p2');
    const later = new Date(now + 2 * HOUR).toISOString();
    const first = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at: later })));
    const second = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at: later })));
    expect([first['sendAt'], second['sendAt']]).toEqual([later, later]);
    const cancelled = await api.post(`/api/outbox/${String(first['id'])}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(note(await json(cancelled))).toMatchObject({ status: 'cancelled', cancelledReason: 'by_user' });
    expect((await api.post(`/api/outbox/${String(first['id'])}/cancel`, {})).status).toBe(409);

    const moved = note(await json(await api.post(`/api/outbox/${String(second['id'])}/send-now`, {})));
    expect(moved['sendAt']).toBe(new Date(now).toISOString());
    await worker.settled();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.to).toEqual(['sam@acme.example']);

    now += 3 * HOUR;
    await worker.settled();
    expect(smtp.received).toHaveLength(2);
    expect((await api.post(`/api/outbox/${String(second['id'])}/send-now`, {})).status).toBe(409);
    expect((await api.post('/api/outbox/999/cancel', {})).status).toBe(404);
  });

  it('refuses a picked moment that has passed, naming the field', async () => {
    const edit = await thankYouText('p2');
    const res = await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at: new Date(now - HOUR).toISOString() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(await json(res))).toMatch(/passed/);
  });

  it('a reply from the employer cancels the notes scheduled before it; one scheduled after it stays', async () => {
    const edit = await thankYouText('p2');
    const at = new Date(now + 24 * HOUR).toISOString();
    const before = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at })));
    now += 60_000;
    const repliedAt = now;
    now += 60_000;
    const after = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at })));
    const cancelled = await cancelQueuedOnReply({ store: deps.store, userId: LOCAL_USER.id }, 'a1', repliedAt);
    expect(cancelled.map((i) => [i.id, i.cancelledReason])).toEqual([[before['id'], 'employer_replied']]);
    const waiting = (await json(await api.get('/api/outbox')))['notes'] as Body[];
    expect(waiting.map((n) => n['id'])).toEqual([after['id']]);
    await api.post(`/api/outbox/${String(after['id'])}/cancel`, {});
  });
});

describe('A sender that stopped after claiming a note', () => {
  async function claimedAndAbandoned(): Promise<{ id: number; messageId: string }> {
    const edit = await thankYouText('p2');
    // This server's sender is stopped; another one takes the note and stops before sending or recording anything.
    await worker.stop();
    const queued = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at: new Date(now).toISOString() })));
    const [claim] = await deps.store.outbox.claimDue(now, now - 90_000, 1);
    expect(claim?.item.id).toBe(queued['id']);
    return { id: Number(queued['id']), messageId: claim!.item.messageId };
  }

  it('is found in Sent once the lease is over: recorded as sent, not sent again', async () => {
    const { id, messageId } = await claimedAndAbandoned();
    // It had left: the copy is in Sent.
    const copy = Buffer.from(`Message-ID: ${messageId}\r\nFrom: jordan@example.com\r\nTo: sam@acme.example\r\nSubject: x\r\n\r\nbody\r\n`);
    await dovecot.append('jordan', 'Sent', [copy]);
    const received = smtp.received.length;
    worker = startOutboxWorker({ ...deps, mailbox, log: (line) => log.push(line), pollMs: 60_000, leaseMs: 90_000 });
    await worker.settled();
    expect((await deps.store.outbox.get(LOCAL_USER.id, id))?.status).toBe('sending');
    now += 91_000;
    await worker.settled();
    expect(smtp.received.length).toBe(received);
    expect(await deps.store.outbox.get(LOCAL_USER.id, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(log.some((l) => l.includes('found in Sent'))).toBe(true);
  });

  it('is not in Sent: sent once after the lease', async () => {
    const { id, messageId } = await claimedAndAbandoned();
    const received = smtp.received.length;
    worker = startOutboxWorker({ ...deps, mailbox, log: (line) => log.push(line), pollMs: 60_000, leaseMs: 90_000 });
    now += 91_000;
    await worker.settled();
    await worker.settled();
    expect(smtp.received.length).toBe(received + 1);
    expect((await simpleParser(smtp.received.at(-1)!.raw)).messageId).toBe(messageId);
    expect((await deps.store.outbox.get(LOCAL_USER.id, id))?.status).toBe('sent');
  });
});

describe('a temporary refusal', () => {
  it('puts the note back for a later try, and it leaves then', async () => {
    const edit = await thankYouText('p2');
    const queued = note(await json(await api.post('/api/applications/a1/outbox', { kind: 'thank_you', person: 'p2', ...edit, at: new Date(now).toISOString() })));
    const received = smtp.received.length;
    smtp.refuseNext(1);
    await worker.settled();
    const back = await deps.store.outbox.get(LOCAL_USER.id, Number(queued['id']));
    expect(back).toMatchObject({ status: 'queued', attempts: 1, sendAt: now + 60_000 });
    expect(back?.lastError).toMatch(/451/);
    now += 60_000;
    await worker.settled();
    expect(smtp.received.length).toBe(received + 1);
  });
});
