/**
 * `afterword mail to-drafts|schedule|outbox|cancel|send-now` in-process, on a real PGlite, against a
 * real Dovecot (the linked mailbox's Drafts) and a real SMTP server (checked when linking): the
 * refusals name the flag and store nothing; a note put in Drafts is there with \Draft; a scheduled
 * note is listed, cancelled, or moved to now. Sending across a killed server: mail-outbox-kill.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailKeyFromSecret } from '../../app/mail/credentials.js';
import { startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../../app/mail/testing-smtp.js';
import { LOCAL_USER } from '../../app/ports.js';
import { parseScenario } from '../../core/scenario.js';
import { createTimeRules } from '../../core/time.js';
import type { PgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import { runCli } from '../main.js';

const time = createTimeRules();
const LOGIN = 'jordan@example.com';
const PASSWORD = 'app pass 4711';
// Thu 2026-03-05 15:00 UTC (10:00 New York): two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');

let dovecot: Dovecot;
let smtp: TestSmtp;
let store: PgliteStore;
const files = new Map<string, string>();

async function run(argv: readonly string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readFile: (path) => {
      if (path === '-') return stdin;
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    now: () => NOW,
    deps: { store, time, clock: { now: () => NOW } },
    mailKey: mailKeyFromSecret('outbox cli test'),
  });
  return { code, stdout, stderr };
}

/** What the Drafts folder holds: each message's subject and flags. */
async function drafts(): Promise<{ subject: string; flags: string[] }[]> {
  const client = await dovecot.client(LOGIN);
  try {
    await client.mailboxOpen('Drafts');
    const found: { subject: string; flags: string[] }[] = [];
    for await (const m of client.fetch('1:*', { envelope: true, flags: true })) found.push({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])] });
    return found;
  } catch (error) {
    if (error instanceof Error && /Nothing to fetch|no messages/i.test(error.message)) return [];
    throw error;
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot({ users: [{ login: LOGIN, password: PASSWORD }] }), startTestSmtp({ user: LOGIN, password: PASSWORD })]);
  store = await freshPgliteStore();
  await store.ensureUser(LOCAL_USER);
  const parsed = parseScenario(JSON.parse(readFileSync('test/fixtures/contract/worked-example-1.json', 'utf8')), time);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await store.saveSettings(LOCAL_USER.id, parsed.value.settings);
  await store.saveCandidate(LOCAL_USER.id, parsed.value.candidate);
  for (const app of parsed.value.applications) await store.saveApplication(LOCAL_USER.id, app);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('afterword mail: the outbox commands', () => {
  it('refuses to schedule or put in Drafts before a mailbox is linked, saying how to link one', async () => {
    for (const argv of [['mail', 'schedule', 'a1', '--person', 'p1', '--kind', 'status_check', '--no-spelling'], ['mail', 'to-drafts', 'a1', '--person', 'p1', '--kind', 'thank_you']]) {
      const refused = await run(argv);
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr).toMatch(/^afterword: no mailbox is linked, so nothing can be put in Drafts or sent; link one first: afterword mail connect /);
    }
    expect(await store.outbox.list(LOCAL_USER.id, {})).toEqual([]);
  });

  it('puts a note in Drafts, schedules, lists, cancels and sends now; bad input names its flag and stores nothing', async () => {
    const linked = await run(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.port), '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port),
      '--user', LOGIN, '--password-stdin'], `${PASSWORD}\n`);
    expect(linked).toMatchObject({ code: 0, stderr: '' });
    expect(linked.stdout).toContain(`Linked ${LOGIN}: logged in to 127.0.0.1 (IMAP) and 127.0.0.1 (SMTP).`);

    const put = await run(['mail', 'to-drafts', 'a1', '--person', 'p1', '--kind', 'thank_you']);
    expect(put).toEqual({ code: 0, stdout: 'Put in your Drafts folder: open your mail program to check and send it.\n', stderr: '' });
    const inDrafts = await drafts();
    expect(inDrafts).toHaveLength(1);
    expect(inDrafts[0]!.flags).toContain('\\Draft');

    // Each refusal names the flag to fix; none stores a note.
    const cases: [string[], RegExp][] = [
      [['--at', 'next tuesday'], /^afterword: --at: "next tuesday" is not a moment; write "ideal" or a date and time, e\.g\. 2026-03-10T09:00/],
      // Sun 2026-03-01: before now.
      [['--at', '2026-03-01T09:00'], /^afterword: --at: that moment has passed; pick a later one, or send it now\n$/],
      // Tue 2027-03-09: over a year away.
      [['--at', '2027-03-09T09:00'], /^afterword: --at: more than a year away; pick an earlier moment\n$/],
      [['--body', 'shout.txt'], /^afterword: --body: the tone check finds .* to fix before it can be scheduled: /],
      [['--body', 'empty.txt'], /^afterword: --body: empty; write the note first\n$/],
      [['--subject', ' '], /^afterword: --subject: empty; an email needs a subject\n$/],
    ];
    files.set('shout.txt', 'Dear Dr. Okafor,\n\nANY NEWS??? I NEED TO KNOW ASAP!!! 😡😡\n\nJordan');
    files.set('empty.txt', '  \n');
    for (const [flags, words] of cases) {
      const refused = await run(['mail', 'schedule', 'a1', '--person', 'p1', '--kind', 'status_check', '--no-spelling', ...flags]);
      expect(refused.code, flags.join(' ')).toBe(2);
      expect(refused.stderr, flags.join(' ')).toMatch(words);
    }
    const letter = await run(['mail', 'schedule', 'a1', '--person', 'p1', '--kind', 'call_script', '--no-spelling', '--at', '2026-03-10T09:30']);
    expect(letter.code).toBe(2);
    expect(letter.stderr).toMatch(/^afterword: --kind: a letter or a call script is not sent by email; only email notes can be scheduled\n$/);
    expect(await store.outbox.list(LOCAL_USER.id, {})).toEqual([]);
    expect((await run(['mail', 'outbox'])).stdout).toBe('No notes are waiting to be sent.\n');

    // Tue 2026-03-10 09:30 in the user's zone (New York).
    files.set('check-in.txt', 'Dear Dr. Okafor,\n\nI hope your week is going well. I wanted to ask whether there is any news on the Data Analyst role.\n\nBest regards,\nJordan Lee');
    const picked = await run(['mail', 'schedule', 'a1', '--person', 'p1', '--kind', 'status_check', '--no-spelling', '--body', 'check-in.txt', '--subject', 'Data Analyst role', '--at', '2026-03-10T09:30']);
    expect(picked).toMatchObject({ code: 0, stderr: '' });
    expect(picked.stdout).toBe('Scheduled note 1 to g.okafor@acme.example for Tue 2026-03-10 09:30 (America/New_York), the moment you picked.\n'
      + '"afterword serve" sends it then; "afterword mail cancel 1" cancels it.\n');
    const ideal = await run(['mail', 'schedule', 'a1', '--person', 'p1', '--kind', 'status_check', '--json']);
    expect(ideal.code, ideal.stderr).toBe(0);
    const queued = JSON.parse(ideal.stdout) as { id: number; status: string; to: string[]; sendAt: string; timeZone: string; messageId: string };
    expect(queued).toMatchObject({ id: 2, status: 'queued', to: ['g.okafor@acme.example'], timeZone: 'America/New_York' });
    expect(queued.messageId).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
    // The plan's status check: Tue 2026-03-10 09:00 New York, five business days after the interview.
    expect(queued.sendAt).toBe('2026-03-10T13:00:00.000Z');

    const listed = await run(['mail', 'outbox']);
    expect(listed.stdout).toBe(
      '2  waiting  status check to g.okafor@acme.example (a1), at Tue 2026-03-10 09:00: "Following up: Data Analyst interview on Tuesday, March 3"\n'
      + '1  waiting  status check to g.okafor@acme.example (a1), at Tue 2026-03-10 09:30: "Data Analyst role"\n',
    );

    expect((await run(['mail', 'cancel', '1'])).stdout).toBe('Cancelled note 1 to g.okafor@acme.example: it will not be sent.\n');
    const twice = await run(['mail', 'cancel', '1']);
    expect(twice).toMatchObject({ code: 2, stderr: 'afterword: note 1 was cancelled\n' });
    expect((await run(['mail', 'send-now', '7'])).stderr).toBe('afterword: note 7 is not in your outbox\n');
    expect((await run(['mail', 'send-now', 'x'])).stderr).toMatch(/^afterword: <note>: "x" is not a note number; "afterword mail outbox" lists them\n$/);
    const now = await run(['mail', 'send-now', '2']);
    expect(now).toMatchObject({ code: 0, stderr: '' });
    expect(now.stdout).toMatch(/^Note 2 to g\.okafor@acme\.example is due now: "afterword serve" sends it /);

    const all = await run(['mail', 'outbox', '--all']);
    expect(all.stdout).toContain('1  cancelled (by you)  status check');
    expect(all.stdout).toMatch(/^2 {2}waiting {2}status check to g\.okafor@acme\.example \(a1\), at Thu 2026-03-05 10:00: /m);
    // Nothing left by SMTP: only the running server sends.
    expect(smtp.received).toHaveLength(0);
  }, 120_000);
});
