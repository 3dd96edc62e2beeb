/**
 * A shared server reaches a seeker's mail servers at the address it checked (app/mail/address-guard.ts),
 * for every connection it makes: the sync, the Drafts folder, the send by SMTP and the copy in Sent.
 * Against a real Dovecot and SMTP server on loopback, named by names only the test's resolver knows
 * (the machine's DNS does not): the connections work, so they went to the checked address, not to a
 * lookup of their own. A name that later resolves to the server's own network (DNS rebinding) is
 * refused at the next connection, and the link says so.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressGuard, systemResolve } from '../app/mail/address-guard.js';
import { mailboxOf } from '../app/mail/connect.js';
import { mailKeyFromSecret, sealSecret } from '../app/mail/credentials.js';
import { appendToDrafts, appendToSent } from '../app/mail/drafts-folder.js';
import { submit } from '../app/mail/send.js';
import { syncMailbox } from '../app/mail/sync.js';
import { appendThankYouThread, plainMessage, startDovecot, type Dovecot } from '../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../app/mail/testing-smtp.js';
import { parseScenario } from '../core/scenario.js';
import { createTimeRules } from '../core/time.js';
import type { PgliteStore } from '../store/pglite.js';
import { freshPgliteStore } from '../store/testing.js';

const time = createTimeRules();
const PASSWORD = 'app pass 4711';
const KEY = mailKeyFromSecret('guard test');
// Thu 2026-03-05 15:00 UTC: two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');
const clock = { now: () => NOW };

let dovecot: Dovecot;
let smtp: TestSmtp;
let store: PgliteStore;
/** What the names lead to now; the test changes it to rebind them. */
let answers: Record<string, readonly string[]> = {};
const asked: string[] = [];
// Loopback stands for "the provider" here: the test's own servers are the only ones allowed.
const guard = addressGuard({
  resolve: async (host) => {
    asked.push(host);
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  },
  allow: (ip) => ip === '127.0.0.1',
});

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot({ users: [{ login: 'jordan', password: PASSWORD }] }), startTestSmtp({ user: 'jordan', password: PASSWORD })]);
  await appendThankYouThread(dovecot, 'jordan', 'pinned');
  store = await freshPgliteStore();
  await store.ensureUser({ id: 'jordan', name: 'Jordan' });
  const parsed = parseScenario(JSON.parse(readFileSync('test/fixtures/contract/worked-example-1.json', 'utf8')), time);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await store.saveSettings('jordan', parsed.value.settings);
  await store.saveCandidate('jordan', parsed.value.candidate);
  for (const app of parsed.value.applications) await store.saveApplication('jordan', app);
  // Linked by name: no encryption only because the address checked is this machine's (the test's servers).
  await store.mail.saveAccount('jordan', {
    imap: { host: 'imap.provider.test', port: dovecot.port, security: 'none' }, smtp: { host: 'smtp.provider.test', port: smtp.port, security: 'none' },
    login: 'jordan', address: 'jordan@example.com', authMethod: 'password', secret: sealSecret(KEY, 'jordan', PASSWORD), status: 'connected', connectedAt: NOW,
  });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

describe('a shared server connects to the address it checked', () => {
  it('syncs, puts a draft in Drafts, sends by SMTP and files the copy in Sent by names the machine cannot look up', async () => {
    answers = { 'imap.provider.test': ['127.0.0.1'], 'smtp.provider.test': ['127.0.0.1'] };
    // The machine's own resolver has never heard of these names: a connection that looked them up again would fail.
    await expect(systemResolve('imap.provider.test')).rejects.toThrow();

    const report = await syncMailbox({ store, time, clock, mailKey: KEY, userId: 'jordan', guard });
    expect(report).toMatchObject({ touches: 1, proposals: 1 });
    expect(asked).toEqual(['imap.provider.test']);

    const connection = await mailboxOf({ store, mailKey: KEY, guard })('jordan');
    expect(connection?.imap.endpoint).toMatchObject({ host: 'imap.provider.test', connectTo: '127.0.0.1' });
    expect(connection?.smtp.endpoint).toMatchObject({ host: 'smtp.provider.test', connectTo: '127.0.0.1' });
    if (!connection) throw new Error('no connection');
    const raw = Buffer.from(plainMessage({
      from: 'Jordan Lee <jordan@example.com>', to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Checking in',
      // Tue 2026-03-10 09:30 New York
      date: 'Tue, 10 Mar 2026 09:30:00 -0400', id: '<check-in-pinned@example.com>', body: 'Dear Dr. Okafor,\r\n\r\nI hope your week is going well.\r\n',
    }));
    expect(await appendToDrafts(connection.imap, raw)).toEqual({ folder: 'Drafts' });
    await submit(connection.smtp, { from: 'jordan@example.com', to: ['g.okafor@acme.example'] }, raw);
    expect((await smtp.waitFor(1)).map((m) => m.to)).toEqual([['g.okafor@acme.example']]);
    expect(await appendToSent(connection.imap, raw, Date.parse('2026-03-10T13:30:00Z'))).toEqual({ folder: 'Sent' });
  }, 60_000);

  it('a name that now leads to the server\'s own network is refused at the next connection, and the link says so', async () => {
    answers = { 'imap.provider.test': ['10.9.8.7'], 'smtp.provider.test': ['127.0.0.1', 'fe80::1'] };
    await expect(syncMailbox({ store, time, clock, mailKey: KEY, userId: 'jordan', guard })).rejects.toThrow(
      'imap.provider.test leads to 10.9.8.7, an address of this shared server\'s own machine or network, not your mail provider; give your provider\'s server, such as imap.fastmail.com',
    );
    expect(await store.mail.getAccount('jordan')).toMatchObject({
      status: 'failing', lastError: 'imap.provider.test leads to 10.9.8.7, an address of this shared server\'s own machine or network, not your mail provider; give your provider\'s server, such as imap.fastmail.com',
    });
    // The outbox's sender asks for the connection before each note: refused as well, as bad input (not tried again).
    await expect(mailboxOf({ store, mailKey: KEY, guard })('jordan')).rejects.toMatchObject({ code: 'bad_input', field: 'smtpHost', message: expect.stringMatching(/^smtp\.provider\.test leads to fe80::1/) });
  }, 60_000);
});
