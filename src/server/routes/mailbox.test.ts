/**
 * The mailbox link's routes in-process against a real Dovecot and a real SMTP server: linking with
 * the form's words (a wrong password, no encryption off this machine, a bad port: each refused,
 * nothing stored), the status without the password, sync now turning sent mail into a touch and the
 * employer's reply into a proposal, accepting and dismissing, and unlinking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailKeyFromSecret } from '../../app/mail/credentials.js';
import { appendThankYouThread, plainMessage, startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { startTestSmtp, type TestSmtp } from '../../app/mail/testing-smtp.js';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import { memoryDeps, seeded, signIn, TEST_BINDING, TEST_SECRET, type TestClient } from '../testing.js';

// Thu 2026-03-05 12:00 in New York.
const NOW = Date.UTC(2026, 2, 5, 17);
const PASSWORD = 'app-pw-1234';

let deps: Deps;
let api: TestClient;
let keyless: TestClient;
let dovecot: Dovecot;
let smtp: TestSmtp;

type Body = Record<string, unknown>;
const json = async (res: Response): Promise<Body> => await res.json() as Body;

const put = (client: TestClient, body: unknown) => client.post('/api/mailbox', body, { method: 'PUT' });
const unlink = () => api.post('/api/mailbox', {}, { method: 'DELETE' });

const link = () => ({
  imapHost: '127.0.0.1', imapPort: dovecot.port, smtpHost: '127.0.0.1', smtpPort: smtp.port,
  user: 'jordan', address: 'jordan@example.com', password: PASSWORD,
});

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot({ users: [{ login: 'jordan', password: PASSWORD }] }), startTestSmtp({ user: 'jordan', password: PASSWORD })]);
  deps = { ...await memoryDeps(), clock: { now: () => NOW } };
  const { createServer } = await import('../app.js');
  api = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET, mailKey: mailKeyFromSecret('mailbox route test') }));
  keyless = await signIn(createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET }));
  await seeded(api.post('/api/profile', {
    settings: { timeZone: 'America/New_York', region: 'US' },
    candidate: { name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100' },
  }));
  await seeded(api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' }));
  await seeded(api.post('/api/applications/a1/people', { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' }));
  await seeded(api.post('/api/applications/a1/interviews', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] }));
}, 120_000);

afterAll(async () => {
  await deps?.store.close();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('linking a mailbox', () => {
  it('refuses what cannot work, naming the form\'s field and storing nothing', async () => {
    const cases: [Body, number, RegExp][] = [
      [{ ...link(), password: 'wrong-password' }, 422, /^App password: the IMAP server 127\.0\.0\.1:\d+ refused the user name or password/],
      [{ ...link(), imapHost: 'imap.example.com', imapSecurity: 'none' }, 422, /^IMAP security: imap\.example\.com is not this machine, so the connection must be encrypted/],
      [{ ...link(), imapPort: 70000 }, 400, /^imapPort: /],
      [{ ...link(), imapHost: '' }, 422, /^IMAP server: give the IMAP server's name/],
      [{ ...link(), user: 'jordan', address: 'not an address' }, 422, /^Email address: "not an address" is not an email address/],
      [{ ...link(), password: '' }, 422, /^App password: the password is empty/],
    ];
    for (const [body, status, words] of cases) {
      const res = await put(api, body);
      const out = await json(res);
      expect({ status: res.status, error: out['error'] }).toMatchObject({ status, error: expect.stringMatching(words) });
      expect(JSON.stringify(out)).not.toContain('wrong-password');
    }
    expect((await json(await api.get('/api/mailbox')))['mailbox']).toEqual({ linked: false, timeZone: 'America/New_York' });
  });

  it('a server started without the mail key shows the link but cannot make one', async () => {
    const res = await put(keyless, link());
    expect(res.status).toBe(503);
    expect((await json(res))['error']).toMatch(/no mailbox can be linked here/);
  });

  it('links after logging in to IMAP and SMTP; the status never holds the password', async () => {
    const res = await put(api, link());
    expect(res.status).toBe(200);
    const text = JSON.stringify(await json(res));
    expect(text).not.toContain(PASSWORD);
    const status = (await json(await api.get('/api/mailbox')))['mailbox'];
    expect(status).toMatchObject({
      linked: true, address: 'jordan@example.com', login: 'jordan', status: 'connected', lastSyncAt: null, pending: 0,
      imap: { host: '127.0.0.1', port: dovecot.port, security: 'none' }, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' },
    });
    expect(JSON.stringify(status)).not.toContain(PASSWORD);
  });
});

describe('sync now and the proposals', () => {
  it('reads the thank-you sent as a touch and the reply as a proposal, once', async () => {
    // Jordan's thank-you (Tue 3 Mar 2026) in Sent and Dr. Okafor's reply (Wed 4 Mar 2026) in INBOX.
    await appendThankYouThread(dovecot, 'jordan', '1');
    const first = await json(await api.post('/api/mailbox/sync', {}));
    expect(first['report']).toMatchObject({ read: 2, touches: 1, proposals: 1, bounces: 0, nothingActive: false });
    expect(first['mailbox']).toMatchObject({ status: 'connected', lastSyncAt: new Date(NOW).toISOString(), pending: 1 });
    const again = await json(await api.post('/api/mailbox/sync', {}));
    expect(again['report']).toMatchObject({ read: 0, touches: 0, proposals: 0 });

    const { proposals } = await json(await api.get('/api/mailbox/proposals')) as { proposals: Body[] };
    expect(proposals).toEqual([{
      id: expect.any(Number), applicationId: 'a1', company: 'Acme Corp', kind: 'not_decided',
      headline: 'Acme Corp replied: not decided yet, new date Fri 2026-03-20.', detail: expect.stringMatching(/Accept to record it; nothing changes until you do\.$/),
      subject: 'Re: Thank you for today', at: '2026-03-04T14:30:00.000Z', choices: [],
    }]);
    expect((await json(await api.get('/api/mailbox/proposals?application=a2')))['proposals']).toEqual([]);
  });

  it('accepting records their reply with the new date; a decided or unknown one is refused without its number', async () => {
    const { proposals } = await json(await api.get('/api/mailbox/proposals')) as { proposals: Body[] };
    const id = String(proposals[0]!['id']);
    const res = await api.post(`/api/mailbox/proposals/${id}/accept`, {});
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'accepted', words: 'Recorded Acme Corp\'s reply "Re: Thank you for today" with Fri 2026-03-20 as the new decision date.' });
    const app = await json(await api.get('/api/applications/a1'));
    expect(JSON.stringify(app)).toContain('2026-03-20');

    const twice = await api.post(`/api/mailbox/proposals/${id}/dismiss`, {});
    expect(twice.status).toBe(409);
    expect(((await json(twice))['problem'] as Body)).toMatchObject({ reason: 'proposal.decided', message: 'This message was already decided: it is no longer waiting.' });
    const unknown = await api.post('/api/mailbox/proposals/999/accept', {});
    expect(unknown.status).toBe(404);
    expect(((await json(unknown))['problem'] as Body)['message']).toBe('This message is no longer waiting for a decision.');
    expect((await api.post('/api/mailbox/proposals/x/dismiss', {})).status).toBe(404);
    expect((await api.post(`/api/mailbox/proposals/${id}/accept`, { decisionBy: 'Friday' })).status).toBe(400);
    expect((await json(await api.get('/api/mailbox')))['mailbox']).toMatchObject({ pending: 0 });
  });

  it('dismissing sets a message aside and changes nothing', async () => {
    await dovecot.append('jordan', 'INBOX', [plainMessage({
      from: 'Grace Okafor <g.okafor@acme.example>', to: 'jordan@example.com', subject: 'Quick question', inReplyTo: '<thanks-1@example.com>',
      // Thu 2026-03-05 10:00 New York
      date: 'Thu, 5 Mar 2026 10:00:00 -0500', id: '<question-1@acme.example>',
      body: 'Hi Jordan,\r\n\r\nCould you send us two references?\r\n\r\nGrace',
    })]);
    expect((await json(await api.post('/api/mailbox/sync', {})))['report']).toMatchObject({ proposals: 1 });
    const before = JSON.stringify(await json(await api.get('/api/applications/a1')));
    const { proposals } = await json(await api.get('/api/mailbox/proposals')) as { proposals: Body[] };
    const res = await api.post(`/api/mailbox/proposals/${String(proposals[0]!['id'])}/dismiss`, {});
    expect(await json(res)).toEqual({ status: 'dismissed', words: 'Set aside "Quick question"; nothing changed.' });
    expect(JSON.stringify(await json(await api.get('/api/applications/a1')))).toBe(before);
    expect((await json(await api.get('/api/mailbox/proposals')))['proposals']).toEqual([]);
  });
});

describe('a sync that fails', () => {
  it('says why in the web app\'s words (no CLI flag) and marks the link failing until a sync works again', async () => {
    const account = await deps.store.mail.getAccount(LOCAL_USER.id);
    // The provider now refuses the login (a revoked app password would do the same).
    await deps.store.mail.saveAccount(LOCAL_USER.id, { ...account!, login: 'nobody' });
    const res = await api.post('/api/mailbox/sync', {});
    expect(res.status).toBe(422);
    const error = String(((await json(res))['problem'] as Body)['message']);
    expect(error).toMatch(/^The IMAP server 127\.0\.0\.1:\d+ refused the user name or password/);
    expect(error).not.toMatch(/--|afterword /);
    const status = (await json(await api.get('/api/mailbox')))['mailbox'] as Body;
    expect(status).toMatchObject({ status: 'failing', lastError: expect.stringMatching(/^The IMAP server .+ refused/) });
    await deps.store.mail.saveAccount(LOCAL_USER.id, account!);
    expect((await api.post('/api/mailbox/sync', {})).status).toBe(200);
    expect((await json(await api.get('/api/mailbox')))['mailbox']).toMatchObject({ status: 'connected', lastError: null });
  });
});

describe('unlinking', () => {
  it('deletes the link; the touches stay and sync now says to link one first', async () => {
    expect(await json(await unlink())).toEqual({ unlinked: true });
    expect(await json(await unlink())).toEqual({ unlinked: false });
    expect((await json(await api.get('/api/mailbox')))['mailbox']).toMatchObject({ linked: false });
    const sync = await api.post('/api/mailbox/sync', {});
    expect(sync.status).toBe(404);
    expect((await json(sync))['error']).toMatch(/no mailbox is linked/);
    const touches = await deps.store.getApplications(LOCAL_USER.id, ['a1']);
    expect(touches[0]!.touches.length).toBeGreaterThanOrEqual(1);
  });
});

describe('on a shared server', () => {
  it('refuses a seeker\'s mail server on the server\'s own machine or network; a coach never reaches the link', async () => {
    const { accountsWorld } = await import('../testing-accounts.js');
    const { addressGuard } = await import('../../app/mail/address-guard.js');
    // The names' addresses, as a resolver would give them (tests never rely on the machine's DNS).
    const names: Readonly<Record<string, readonly string[]>> = {
      localhost: ['127.0.0.1', '::1'], 'imap.example.com': ['93.184.215.14'],
      'mail.intranet.example': ['10.20.0.7'], 'imap.mixed.example': ['93.184.215.15', '192.168.0.9'],
      'imap.mapped.example': ['::ffff:127.0.0.1'], 'smtp.ula.example': ['fd00:ab::25'], 'imap.meta.example': ['169.254.169.254'],
    };
    const asked: string[] = [];
    const world = await accountsWorld({
      mailGuard: addressGuard({
        resolve: async (host) => {
          asked.push(host);
          const found = names[host];
          if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
          return found;
        },
      }),
    });
    try {
      const seeker = await world.signIn('seeker1');
      for (const [imapHost, smtpHost] of [['127.0.0.1', undefined], ['imap.example.com', '10.0.0.5'], ['localhost', undefined], ['192.168.1.20', undefined]] as const) {
        const res = await world.write('PUT', '/api/mailbox', { ...link(), imapHost, imapSecurity: 'tls', smtpSecurity: 'tls', ...(smtpHost ? { smtpHost } : {}) }, seeker);
        const out = await json(res);
        expect({ status: res.status, error: out['error'] }).toMatchObject({
          status: 422, error: expect.stringMatching(new RegExp(`^${smtpHost ? 'SMTP' : 'IMAP'} server: .+ is this shared server's own machine or network, not your mail provider`)),
        });
      }
      // A name that resolves to a private address is refused as the address would be: every address is checked.
      for (const [imapHost, smtpHost, field, address, example] of [
        ['mail.intranet.example', undefined, 'imapHost', '10.20.0.7', 'imap.fastmail.com'],
        ['imap.mixed.example', undefined, 'imapHost', '192.168.0.9', 'imap.fastmail.com'],
        ['imap.mapped.example', undefined, 'imapHost', '::ffff:127.0.0.1', 'imap.fastmail.com'],
        ['imap.meta.example', undefined, 'imapHost', '169.254.169.254', 'imap.fastmail.com'],
        ['imap.example.com', 'smtp.ula.example', 'smtpHost', 'fd00:ab::25', 'smtp.fastmail.com'],
      ] as const) {
        const host = smtpHost ?? imapHost;
        const res = await world.write('PUT', '/api/mailbox', { ...link(), imapHost, imapSecurity: 'tls', smtpSecurity: 'tls', ...(smtpHost ? { smtpHost } : {}) }, seeker);
        const out = await json(res);
        expect({ status: res.status, error: out['error'], field: out['field'] }).toEqual({
          status: 422, field,
          error: `${field === 'smtpHost' ? 'SMTP server' : 'IMAP server'}: ${host} leads to ${address}, an address of this shared server's own machine or network, not your mail provider; give your provider's server, such as ${example}`,
        });
      }
      // A name nobody knows: said plainly, before anything is contacted.
      const unknown = await world.write('PUT', '/api/mailbox', { ...link(), imapHost: 'imap.nowhere.example', imapSecurity: 'tls', smtpSecurity: 'tls' }, seeker);
      expect({ status: unknown.status, error: (await json(unknown))['error'] }).toEqual({ status: 422, error: 'IMAP server: no server is called imap.nowhere.example; check the spelling' });
      expect(asked).toContain('smtp.ula.example');
      expect((await json(await world.get('/api/mailbox', seeker)))).toMatchObject({ mailbox: { linked: false }, shared: true });
      const coach = await world.signIn('coach1');
      expect((await world.write('PUT', '/api/mailbox', { ...link(), imapHost: 'imap.example.com' }, coach)).status).toBe(403);
      expect((await world.get('/api/mailbox', coach)).status).toBe(403);
    } finally {
      await world.close();
    }
  });
});
