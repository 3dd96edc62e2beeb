/**
 * The mailbox link against a real IMAP server (Debian's Dovecot, testing-dovecot.ts) and a real
 * SMTP server (testing-smtp.ts), on a real PGlite: connecting (good and wrong password, an
 * untrusted certificate, nobody listening), syncing sent mail into touches and the employer's mail
 * into proposals, a bounce, and no duplicate touch after a second sync, a reset or a UIDVALIDITY
 * change (also as a property over random histories); malformed MIME and 8-bit headers.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/scenario.js';
import { createTimeRules } from '../../core/time.js';
import type { PgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import { AppError } from '../../app/errors.js';
import type { UserId } from '../../app/ports.js';
import { mailKeyFromSecret } from '../../app/mail/credentials.js';
import { connectMailbox, type MailDeps } from '../../app/mail/connect.js';
import { syncMailbox } from '../../app/mail/sync.js';
import { startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../../app/mail/testing-smtp.js';
import { runCli } from '../main.js';

const time = createTimeRules();
const PASSWORD = 'app pass 4711';
const USERS = Array.from({ length: 60 }, (_, i) => ({ login: i === 0 ? 'jordan@example.com' : `jordan${i}@example.com`, password: PASSWORD }));
// Thu 2026-03-05 15:00 UTC: two days after the interview of the worked example (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');

let dovecot: Dovecot;
let smtp: TestSmtp;
let store: PgliteStore;

/** The worked example's records (Acme: Grace Okafor, and Sam Ruiz added; interview Tue 2026-03-03 10:00 New York) for `userId`. */
async function seed(userId: UserId): Promise<void> {
  await store.ensureUser({ id: userId, name: userId });
  const json = JSON.parse(readFileSync('test/fixtures/contract/worked-example-1.json', 'utf8')) as { applications: { people: Record<string, unknown>[] }[] };
  // A second interviewer, whose card gave an address, checked at the time.
  json.applications[0]!.people.push({ id: 'p2', name: 'Sam Ruiz', honorific: 'Mr.', role: 'interviewer', email: 's.ruiz@acme.example', verified: true });
  const parsed = parseScenario(json, time);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await store.saveSettings(userId, parsed.value.settings);
  await store.saveCandidate(userId, parsed.value.candidate);
  for (const app of parsed.value.applications) await store.saveApplication(userId, app);
}

function depsOf(userId: UserId): MailDeps {
  return { store, time, clock: { now: () => NOW }, userId, mailKey: mailKeyFromSecret('test secret') };
}

let serial = 0;
/** An RFC 5322 message; `date` as written in the Date header. */
function message(m: { from: string; to: string; subject: string; date: string; body: string; id?: string; inReplyTo?: string; extra?: string }): string {
  const id = m.id ?? `<m${++serial}.${randomBytes(4).toString('hex')}@mail.test>`;
  return [
    `From: ${m.from}`, `To: ${m.to}`, `Subject: ${m.subject}`, `Date: ${m.date}`, `Message-ID: ${id}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
    ...(m.extra ? [m.extra] : []), '', m.body, '',
  ].join('\r\n');
}

const thankYou = (id?: string) => message({
  from: 'Jordan Lee <jordan@example.com>', to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Thank you for today',
  // Tue 2026-03-03 15:00 New York
  date: 'Tue, 3 Mar 2026 15:00:00 -0500',
  body: 'Dear Dr. Okafor,\r\n\r\nThank you for taking the time to speak with me today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
  ...(id ? { id } : {}),
});

/** Links `login`'s mailbox (the test SMTP server knows only the first user: SMTP is checked in the connect tests). */
async function connect(userId: UserId, login: string): Promise<void> {
  await connectMailbox(depsOf(userId), {
    imapHost: '127.0.0.1', imapPort: dovecot.port, smtpHost: '127.0.0.1', smtpPort: smtp.port, user: login, address: login, password: PASSWORD,
  }, { checkSmtp: false });
}

/** The touches the mail made (the worked example has a thank-you of its own, typed in). */
async function touchesOf(userId: UserId) {
  return ((await store.getApplication(userId, 'a1'))?.touches ?? []).filter((t) => t.text?.startsWith('Email '));
}

beforeAll(async () => {
  const t0 = performance.now();
  dovecot = await startDovecot({ users: USERS, tls: true });
  // Dovecot's start-up, measured here (with the self-signed certificate): ~0.7 s on the 2-core machine.
  expect(performance.now() - t0).toBeLessThan(15_000);
  smtp = await startTestSmtp({ user: USERS[0]!.login, password: PASSWORD });
  store = await freshPgliteStore();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('afterword mail connect', () => {
  it('refuses a wrong password, naming the setting, and keeps nothing', async () => {
    await seed('wrong');
    const error = await connectMailbox(depsOf('wrong'), {
      imapHost: '127.0.0.1', imapPort: dovecot.port, user: USERS[0]!.login, password: 'not it', smtpHost: '127.0.0.1', smtpPort: smtp.port,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_input');
    expect((error as AppError).field).toBe('password');
    expect((error as AppError).message).toMatch(/refused the user name or password/);
    expect((error as AppError).message).not.toContain('not it');
    expect(await store.mail.getAccount('wrong')).toBeUndefined();
  });

  it('refuses a server whose certificate nobody signed, and one where nobody listens', async () => {
    await seed('tls');
    const untrusted = await connectMailbox(depsOf('tls'), {
      imapHost: '127.0.0.1', imapPort: dovecot.tlsPort!, imapSecurity: 'tls', user: USERS[0]!.login, password: PASSWORD, smtpHost: '127.0.0.1',
    }).then(() => undefined, (e: unknown) => e as AppError);
    expect(untrusted?.message).toMatch(/^--imap-host: the IMAP server 127\.0\.0\.1:\d+ cannot be trusted: its certificate is not signed by an authority/);
    const nobody = await connectMailbox(depsOf('tls'), {
      imapHost: '127.0.0.1', imapPort: 1, user: USERS[0]!.login, password: PASSWORD, smtpHost: '127.0.0.1',
    }).then(() => undefined, (e: unknown) => e as AppError);
    expect(nobody?.message).toMatch(/^--imap-host: the IMAP server 127\.0\.0\.1:1 could not be reached/);
    const plain = await connectMailbox(depsOf('tls'), {
      imapHost: 'imap.example.com', imapSecurity: 'none', user: USERS[0]!.login, password: PASSWORD,
    }).then(() => undefined, (e: unknown) => e as AppError);
    expect(plain?.field).toBe('imapSecurity');
    expect(await store.mail.getAccount('tls')).toBeUndefined();
  });

  it('links the mailbox with the password sealed, after logging in to IMAP and SMTP', async () => {
    await seed('good');
    const done = await connectMailbox(depsOf('good'), {
      imapHost: '127.0.0.1', imapPort: dovecot.port, smtpHost: '127.0.0.1', smtpPort: smtp.port, user: USERS[0]!.login, password: PASSWORD,
    });
    expect(done).toMatchObject({ sent: 'Sent', condstore: true, account: { address: 'jordan@example.com', status: 'connected' } });
    const kept = await store.mail.getAccount('good');
    expect(kept?.imap).toStrictEqual({ host: '127.0.0.1', port: dovecot.port, security: 'none' });
    expect(JSON.stringify(kept)).not.toContain(PASSWORD);
    expect(Buffer.from(kept!.secret.ciphertext, 'base64').toString('utf8')).not.toContain('app pass');
  });
});

describe('afterword mail sync', () => {
  it('turns sent mail into touches and the employer\'s mail into proposals, once, whatever happens to the folders', async () => {
    const userId = 'sync';
    const login = USERS[1]!.login;
    await seed(userId);
    await connect(userId, login);
    // The user's own address in the records is jordan@example.com; this mailbox's is jordan1@.
    const sent = message({
      from: `Jordan Lee <${login}>`, to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Thank you for today',
      date: 'Tue, 3 Mar 2026 15:00:00 -0500',
      body: 'Dear Dr. Okafor,\r\n\r\nThank you for taking the time to speak with me today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
      id: '<thanks-1@example.com>',
    });
    await dovecot.append(login, 'Sent', [sent]);
    await dovecot.append(login, 'INBOX', [
      message({
        from: 'Grace Okafor <g.okafor@acme.example>', to: login, subject: 'Re: Thank you for today', inReplyTo: '<thanks-1@example.com>',
        // Wed 2026-03-04 09:30 New York
        date: 'Wed, 4 Mar 2026 09:30:00 -0500',
        body: 'Hi Jordan,\r\n\r\nThanks for your note. We have not made a decision yet; we expect to decide by March 20.\r\n\r\nBest,\r\nGrace',
        id: '<reply-1@acme.example>',
      }),
      message({
        from: 'Mail Delivery Subsystem <mailer-daemon@example.com>', to: login, subject: 'Undelivered Mail Returned to Sender',
        date: 'Wed, 4 Mar 2026 10:00:00 -0500',
        body: 'This is the mail system at host example.com.\r\n\r\nI\'m sorry to have to inform you that your message could not be delivered.\r\n\r\n<s.ruiz@acme.example>: host mx.acme.example said: 550 5.1.1 <s.ruiz@acme.example>: Recipient address rejected: User unknown',
        extra: 'X-Failed-Recipients: s.ruiz@acme.example',
      }),
      message({ from: 'News <news@weekly.example>', to: login, subject: 'This week in data', date: 'Wed, 4 Mar 2026 11:00:00 -0500', body: 'Read more on our blog.' }),
      // Malformed MIME: a multipart without its boundary's end, and raw 8-bit (UTF-8) headers.
      [
        'From: Grace Okafor <g.okafor@acme.example>', `To: ${login}`, 'Subject: Zoë’s notes — résumé', 'Date: Wed, 4 Mar 2026 12:00:00 -0500',
        'Message-ID: <broken-1@acme.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="zzz"', '',
        '--zzz', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', '@@not base64@@', '--zz', '',
      ].join('\r\n'),
      // No Message-ID at all, from a stranger.
      'From: someone@else.example\r\nTo: jordan@example.com\r\nSubject: hello\r\n\r\nhi\r\n',
    ]);

    const progress: string[] = [];
    const first = await syncMailbox(depsOf(userId), { onProgress: (p) => progress.push(`${p.folder} ${p.done}/${p.total}`) });
    expect(first.folders).toStrictEqual([
      { path: 'Sent', read: 1, full: true, unchanged: false },
      { path: 'INBOX', read: 5, full: true, unchanged: false },
    ]);
    expect(progress).toStrictEqual(['Sent 0/1', 'Sent 1/1', 'INBOX 0/5', 'INBOX 5/5']);
    expect(first.touches).toBe(1);
    expect(first.bounces).toBe(1);

    const touches = await touchesOf(userId);
    expect(touches).toStrictEqual([{
      // Tue 2026-03-03 15:00 New York
      at: Date.parse('2026-03-03T20:00:00Z'), personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent',
      text: 'Email "Thank you for today" to g.okafor@acme.example',
    }]);
    const proposals = await store.mail.listProposals(userId);
    const reply = proposals.find((p) => p.messageId === 'reply-1@acme.example');
    expect(reply).toMatchObject({ kind: 'not_decided', status: 'pending', applicationId: 'a1', payload: { decisionBy: '2026-03-20', action: 'new_decision_date', personId: 'p1' } });
    const bounce = proposals.find((p) => p.kind === 'bounce');
    expect(bounce?.payload).toMatchObject({ address: 's.ruiz@acme.example', personId: 'p2', addressWrong: true });
    const app = await store.getApplication(userId, 'a1');
    expect(app?.people.find((p) => p.id === 'p2')?.verified).toBe(false);
    // The broken message was read (it matched Acme by its sender) and did not stop the sync.
    expect(await store.mail.getMessage(userId, 'broken-1@acme.example')).toMatchObject({ subject: 'Zoë’s notes — résumé', applicationId: 'a1' });
    const counts = await store.mail.countMessages(userId);
    expect(counts.touch + counts.proposal + counts.bounce + counts.ignored).toBe(6);

    // Again: nothing changed (CONDSTORE), nothing new.
    const second = await syncMailbox(depsOf(userId));
    expect(second.folders.map((f) => f.unchanged)).toStrictEqual([true, true]);
    expect(await touchesOf(userId)).toHaveLength(1);

    // Where each folder stopped is forgotten: everything is read again, nothing counted twice.
    await store.mail.resetFolders(userId);
    const third = await syncMailbox(depsOf(userId));
    expect(third.folders.map((f) => [f.read, f.full])).toStrictEqual([[1, true], [5, true]]);
    expect(third.touches + third.proposals + third.bounces).toBe(0);

    // The server's UIDVALIDITY changes (a migration): the folder is read again, nothing counted twice.
    await dovecot.setUidValidity(login, 'Sent', 4_000_000_000);
    await dovecot.append(login, 'Sent', [message({
      from: login, to: 's.ruiz@acme.example', subject: 'Following up', date: 'Thu, 5 Mar 2026 09:00:00 -0500',
      body: 'Dear Mr. Ruiz,\r\n\r\nI wanted to follow up on the status of the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
    })]);
    const fourth = await syncMailbox(depsOf(userId));
    expect(fourth.folders[0]).toStrictEqual({ path: 'Sent', read: 2, full: true, unchanged: false });
    expect(fourth.touches).toBe(1);
    expect((await touchesOf(userId)).map((t) => [t.personId, t.kind])).toStrictEqual([['p1', 'thank_you'], ['p2', 'status_check']]);
    expect((await store.mail.listFolders(userId)).find((f) => f.path === 'Sent')?.uidValidity).toBe(4_000_000_000);
  }, 120_000);

  it('never makes a second touch of one sent message, whatever order syncs, resets and UIDVALIDITY changes come in (property)', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom('send', 'send', 'sync', 'reset', 'uidvalidity', 'resend'), { minLength: 3, maxLength: 9 }),
      async (steps) => {
        run++;
        const userId = `prop${run}`;
        // Each run its own records and its own mailbox (shrinking runs more than 50 times only when it fails).
        const login = USERS[2 + (run % (USERS.length - 2))]!.login;
        await seed(userId);
        await connect(userId, login);
        const sentIds = new Set<string>();
        let validity = 1_000 + run * 10;
        for (const step of steps) {
          if (step === 'send' || step === 'resend') {
            // 'resend' puts the same message (same Message-ID) in the folder a second time, as a copy would.
            const id = step === 'resend' && sentIds.size > 0 ? [...sentIds][0]! : `<p${run}-${sentIds.size}-${randomBytes(3).toString('hex')}@example.com>`;
            sentIds.add(id);
            await dovecot.append(login, 'Sent', [thankYou(id).replace('From: Jordan Lee <jordan@example.com>', `From: ${login}`)]);
          } else if (step === 'sync') {
            await syncMailbox(depsOf(userId));
          } else if (step === 'reset') {
            await store.mail.resetFolders(userId);
          } else {
            await dovecot.setUidValidity(login, 'Sent', ++validity);
          }
        }
        await syncMailbox(depsOf(userId));
        // One touch per distinct message sent, however often it was read.
        const touches = await touchesOf(userId);
        expect(touches.filter((t) => t.kind === 'thank_you' && t.personId === 'p1')).toHaveLength(sentIds.size);
        expect((await store.mail.countMessages(userId)).touch).toBe(sentIds.size);
      },
    ), { numRuns: 8 });
  }, 240_000);
});

describe('afterword mail (the commands)', () => {
  const key = mailKeyFromSecret('cli test secret');
  async function run(argv: readonly string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (t) => { stdout += t; },
      stderr: (t) => { stderr += t; },
      readFile: (path) => (path === '-' ? stdin : readFileSync(path, 'utf8')),
      now: () => NOW,
      deps: { store, time, clock: { now: () => NOW } },
      mailKey: key,
    });
    return { code, stdout, stderr };
  }

  it('connects, syncs, shows and accepts a proposal, and disconnects', async () => {
    const login = USERS[USERS.length - 1]!.login;
    await seed('local');
    await dovecot.append(login, 'INBOX', [message({
      from: 'Grace Okafor <g.okafor@acme.example>', to: login, subject: 'Data Analyst: our decision',
      // Fri 2026-03-06 10:00 New York
      date: 'Fri, 6 Mar 2026 10:00:00 -0500',
      body: 'Dear Jordan,\r\n\r\nWe are still interviewing and have not made a decision yet. We will update you by March 20.\r\n\r\nBest regards,\r\nGrace Okafor',
    })]);

    const missing = await run(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.port), '--user', login]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/--password-stdin: give the app password on standard input/);
    const badPort = await run(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', 'x', '--user', login, '--password-stdin'], `${PASSWORD}\n`);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--imap-port: "x" is not a port/);
    const wrong = await run(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.port), '--user', login, '--no-smtp-check', '--password-stdin'], 'wrong\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).not.toContain('wrong');

    const linked = await run(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.port), '--user', login, '--no-smtp-check', '--password-stdin'], `${PASSWORD}\n`);
    expect(linked).toMatchObject({ code: 0, stderr: '' });
    expect(linked.stdout).toBe(`Linked ${login}: logged in to 127.0.0.1 (IMAP).\nSent mail is read from "Sent".\nNext: afterword mail sync\n`);

    const synced = await run(['mail', 'sync']);
    expect(synced).toMatchObject({ code: 0, stderr: '' });
    expect(synced.stdout).toBe('Read 1 new message (Sent 0, INBOX 1).\n1 employer message to review: afterword mail proposals\n');

    const listed = await run(['mail', 'proposals']);
    expect(listed.stdout).toMatch(/^#1 Acme Corp replied: not decided yet, new date Fri 2026-03-20\.\n {4}They have not decided yet and gave a new date\. Accept to record it; nothing changes until you do\.\n$/);

    const status = await run(['mail', 'status']);
    expect(status.stdout).toContain(`Mailbox: ${login}`);
    expect(status.stdout).toContain('Status: working');
    expect(status.stdout).toContain('Proposals waiting for you: 1');
    expect(status.stdout).not.toContain(PASSWORD);

    const accepted = await run(['mail', 'accept', '1']);
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toBe('Recorded Acme Corp\'s reply "Data Analyst: our decision" with Fri 2026-03-20 as the new decision date.\n');
    const reply = (await store.getApplication('local', 'a1'))?.touches.find((t) => t.kind === 'reply');
    expect(reply).toMatchObject({ outcome: 'not_decided', personId: 'p1', at: Date.parse('2026-03-06T15:00:00Z') });
    expect(reply?.text?.startsWith('Subject: Data Analyst: our decision\n\nDear Jordan,')).toBe(true);
    const again = await run(['mail', 'accept', '1']);
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toBe('afterword: proposal #1 was already accepted\n');
    const notNumber = await run(['mail', 'dismiss', 'first']);
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/<number>: "first" is not a proposal's number; afterword mail proposals lists them/);
    expect((await run(['mail', 'proposals'])).stdout).toBe('Nothing is waiting: no employer message proposes a change.\n');

    expect((await run(['mail', 'disconnect'])).stdout).toBe('The mailbox is unlinked and its password deleted. Touches and proposals it made stay.\n');
    expect((await run(['mail', 'status'])).stdout).toMatch(/^No mailbox is linked\./);
  }, 120_000);
});
