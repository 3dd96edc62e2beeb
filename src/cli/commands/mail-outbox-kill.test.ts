/**
 * The kill test (issue 16, item 4): `afterword serve` is killed (SIGKILL) in the middle of sending
 * a scheduled note — the SMTP server holds its MAIL FROM unanswered, so nothing was accepted — and
 * started again: the note leaves exactly once (one message by SMTP, one copy in the mailbox's Sent
 * folder, read back from the real Dovecot), recorded sent after two attempts with one touch, which
 * a sync reading that copy does not make twice. Real
 * processes on a real data folder. No timed assertion: every wait is on an event (the server's
 * banner and log lines, the SMTP server's arrival), bounded generously for a loaded machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox, mailboxOf } from '../../app/mail/connect.js';
import { loadOrCreateMailKey } from '../../app/mail/credentials.js';
import { scheduleNote } from '../../app/mail/outbox.js';
import { syncMailbox } from '../../app/mail/sync.js';
import { startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../../app/mail/testing-smtp.js';
import { LOCAL_USER, type Store } from '../../app/ports.js';
import { addApplication, addInterview, addPerson, saveProfile, type AppDeps } from '../../app/records.js';
import { createTimeRules } from '../../core/time.js';
import { systemClock } from '../../deps.js';
import { openStore } from '../../store/open.js';
import { afterwordArgs } from '../testing-process.js';

const LOGIN = 'jordan@example.com';
const PASSWORD = 'app pass 4711';
/** How long any one event may take on a loaded 2-core machine before the test gives up (not a target). */
const BOUND_MS = 90_000;

let dir: string;
let dovecot: Dovecot;
let smtp: TestSmtp;
let messageId: string;
const running = new Set<ChildProcess>();

async function withStore<T>(fn: (deps: AppDeps, store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ kind: 'pglite', dataDir: dir });
  try {
    await store.ensureUser(LOCAL_USER);
    return await fn({ store, time: createTimeRules(), clock: systemClock, userId: LOCAL_USER.id }, store);
  } finally {
    await store.close();
  }
}

/** Resolves with `promise`, or fails after BOUND_MS saying what did not happen. */
async function within<T>(promise: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${BOUND_MS / 1000} s waiting for ${what()}`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface Served {
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
  /** What it wrote on stderr so far (its outbox log). */
  err(): string;
  /** Resolves when stderr holds a line matching `pattern`. */
  logged(pattern: RegExp): Promise<void>;
}

/** `afterword --data-dir DIR serve --port 0` in a child process, resolved once it listens. */
async function serve(): Promise<Served> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('AFTERWORD_') && e[0] !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [...afterwordArgs(), '--data-dir', dir, 'serve', '--port', '0'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const exited = new Promise((resolve) => child.once('exit', resolve)).finally(() => running.delete(child));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    err += c;
    for (const l of listeners) l();
  });
  const logged = (pattern: RegExp) => within(new Promise<void>((resolve, reject) => {
    const check = () => {
      if (pattern.test(err)) resolve();
    };
    listeners.add(check);
    check();
    void exited.then(() => reject(new Error(`afterword serve stopped before logging ${String(pattern)}: ${err}`)));
  }), () => `afterword serve to log ${String(pattern)}; its stderr: ${err}`);
  await within(new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('Afterword is running')) resolve();
    });
    void exited.then(() => reject(new Error(`afterword serve stopped before listening: ${err}`)));
  }), () => `afterword serve to listen; its stderr: ${err}`);
  return { child, exited, err: () => err, logged };
}

async function stop(server: Served, signal: NodeJS.Signals): Promise<void> {
  server.child.kill(signal);
  await within(server.exited, () => `afterword serve to exit on ${signal}`);
}

/** How many copies of the message the mailbox's Sent folder holds. */
async function inSent(messageId: string): Promise<number> {
  const client = await dovecot.client(LOGIN);
  try {
    await client.mailboxOpen('Sent');
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return uids === false || uids === undefined ? 0 : uids.length;
  } finally {
    await client.logout();
  }
}

const sentBySmtp = (messageId: string): number => smtp.received.filter((m) => m.raw.toString('latin1').includes(messageId)).length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-kill-'));
  [dovecot, smtp] = await Promise.all([startDovecot({ users: [{ login: LOGIN, password: PASSWORD }] }), startTestSmtp({ user: LOGIN, password: PASSWORD })]);
  await withStore(async (deps) => {
    await saveProfile(deps, { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee', email: LOGIN });
    await addApplication(deps, { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
    await addPerson(deps, 'a1', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' });
    // Tue 2026-03-03 10:00 New York
    await addInterview(deps, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] });
    const mailKey = loadOrCreateMailKey(dir);
    await connectMailbox({ ...deps, mailKey }, {
      imapHost: dovecot.host, imapPort: dovecot.port, smtpHost: smtp.host, smtpPort: smtp.port, user: LOGIN, password: PASSWORD,
    });
    // A status check due now: a server takes it as soon as it starts.
    const body = 'Dear Dr. Okafor,\n\nI am writing to ask whether there is any news on the Data Analyst role.\n\nSincerely,\nJordan Lee';
    const scheduled = await scheduleNote({ ...deps, mailbox: mailboxOf({ store: deps.store, mailKey }) },
      undefined, 'a1', { kind: 'status_check', personId: 'p1' }, { subject: 'Data Analyst interview', body }, { at: Date.now() });
    messageId = scheduled.item.messageId;
  });
}, 120_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await smtp?.stop();
  await dovecot?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a scheduled note across a server killed while sending it', () => {
  it('is sent exactly once after the restart: once by SMTP, once in Sent, recorded sent with one touch (a sync adds none)', async () => {
    const held = smtp.holdNext();
    const first = await serve();
    await within(held.arrived, () => `the server to start sending; its stderr: ${first.err()}`);
    await stop(first, 'SIGKILL');
    held.release();

    // Not sent, not in Sent (the claim committed before sending shows in the attempts at the end).
    expect(sentBySmtp(messageId)).toBe(0);
    expect(await inSent(messageId)).toBe(0);

    const second = await serve();
    // The worker logs this after the message was accepted, recorded and copied to Sent.
    await second.logged(/outbox: note 1 of local: sent to g\.okafor@acme\.example/);
    await stop(second, 'SIGTERM');

    expect(sentBySmtp(messageId)).toBe(1);
    expect(await inSent(messageId)).toBe(1);
    expect(second.err()).not.toMatch(/found in Sent/);
    await withStore(async (deps) => {
      const [note] = await deps.store.outbox.list(deps.userId, {});
      // Two attempts: the killed server's claim, then the restarted one's.
      expect(note).toMatchObject({ messageId, status: 'sent', attempts: 2 });
      const touches = (await deps.store.getApplication(deps.userId, 'a1'))?.touches ?? [];
      expect(touches.filter((t) => t.kind === 'status_check' && t.outcome === 'sent' && t.channel === 'email')).toHaveLength(1);
      // A sync that reads the copy in Sent knows it: still one touch.
      const report = await syncMailbox({ ...deps, mailKey: loadOrCreateMailKey(dir) });
      expect(report.touches).toBe(0);
      expect(((await deps.store.getApplication(deps.userId, 'a1'))?.touches ?? []).filter((t) => t.kind === 'status_check')).toHaveLength(1);
    });
  }, 300_000);
});
