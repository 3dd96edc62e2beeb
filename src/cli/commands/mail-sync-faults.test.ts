/**
 * Faults in the middle of a sync, against a real Dovecot and a real PGlite (issue 16, "bad input and
 * nothing lost"): the server drops the connection while the sync reads (it reconnects and reads on,
 * or the next sync resumes where the last batch stopped, with no touch made twice; the report counts
 * what every attempt read), and an employer's reply with a 30 MB attachment is read for its words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailDeps } from '../../app/mail/connect.js';
import { syncMailbox, type SyncReport } from '../../app/mail/sync.js';
import { dovecotMissing, plainMessage, type Dovecot } from '../../app/mail/testing-dovecot.js';
import type { PgliteStore } from '../../store/pglite.js';
import { linkedWorkedExample, WORKED_LOGIN } from './testing-mail.js';

const LOGIN = WORKED_LOGIN;
const USER = 'faults';
// Thu 2026-03-05 15:00 UTC: two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');

let dovecot: Dovecot;
let store: PgliteStore;
let deps: () => MailDeps;

beforeAll(async () => {
  ({ dovecot, store, deps } = await linkedWorkedExample({ user: USER, password: 'faults test password', now: NOW }));
}, 60_000);

afterAll(async () => {
  await store?.close();
  await dovecot?.stop();
});

const touchTexts = async (): Promise<string[]> => ((await store.getApplication(USER, 'a1'))?.touches ?? [])
  .map((t) => t.text ?? '').filter((t) => t.startsWith('Email ')).sort();

describe.skipIf(dovecotMissing() !== undefined)('faults in the middle of a sync', () => {
  it('a connection dropped after the first batch: the sync reads on (or the next one resumes), and no touch is made twice', async () => {
    // 600 newsletters in Sent (three batches of headers), then three notes to Dr. Okafor.
    const news = Array.from({ length: 600 }, (_, i) => plainMessage({
      from: LOGIN, to: `friend${i}@elsewhere.example`, subject: `Catching up ${i}`,
      // Wed 2026-03-04 08:00 New York, a second apart
      date: new Date(Date.parse('2026-03-04T13:00:00Z') + i * 1000).toUTCString(), id: `<news-${i}@example.com>`, body: 'See you soon.',
    }));
    await dovecot.append(LOGIN, 'Sent', news);
    await dovecot.append(LOGIN, 'Sent', [1, 2, 3].map((n) => plainMessage({
      from: `Jordan Lee <${LOGIN}>`, to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: `Note ${n}`,
      // Wed 2026-03-04 10:0n New York
      date: `Wed, 4 Mar 2026 10:0${n}:00 -0500`, id: `<note-${n}@example.com>`,
      body: 'Dear Dr. Okafor,\r\n\r\nThank you again for the conversation about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
    })));

    let kicked = false;
    let stored = 0;
    let first: SyncReport | undefined;
    let failure: unknown;
    try {
      first = await syncMailbox(deps(), {
        onProgress: (p) => {
          if (p.folder === 'Sent') stored = p.done;
          if (kicked || p.folder !== 'Sent' || p.done === 0 || p.done >= p.total) return;
          kicked = true;
          void dovecot.kick(LOGIN);
        },
      });
    } catch (error) {
      failure = error;
    }
    expect(kicked).toBe(true);
    // Either it reconnected and read everything, or it stopped saying the connection was lost
    // (naming no flag and no setting to check: a sync of a linked account was given none).
    if (failure !== undefined) expect(String((failure as Error).message)).toMatch(/^the connection to the IMAP server 127\.0\.0\.1:\d+ was lost during the sync; sync again/);
    else expect(first?.folders.find((f) => f.path === 'Sent')).toMatchObject({ read: 603, full: true });

    // The next sync reads what the first left, if anything, and counts nothing twice.
    const again = await syncMailbox(deps());
    // (A batch's place is saved with it: after a failure the next sync reads only what was not stored.)
    expect(again.folders.find((f) => f.path === 'Sent')?.read ?? 0).toBe(failure === undefined ? 0 : 603 - stored);
    expect(await touchTexts()).toStrictEqual(['Email "Note 1" to g.okafor@acme.example', 'Email "Note 2" to g.okafor@acme.example', 'Email "Note 3" to g.okafor@acme.example']);
    expect((await store.mail.countMessages(USER)).touch).toBe(3);
  }, 120_000);

  it('a server that drops the connection after every batch: the sync stops saying so in words, and the next one reads on', async () => {
    // 2,500 more newsletters in Sent, read 250 at a time, and the server told to end the session at
    // every batch: even a drop that lands two batches late stops each attempt well before the last
    // batch, so the sync gives up after its three reconnections.
    await dovecot.append(LOGIN, 'Sent', Array.from({ length: 2500 }, (_, i) => plainMessage({
      from: `Jordan Lee <${LOGIN}>`, to: `list-${i}@news.example`, subject: `Later newsletter ${i}`,
      // Thu 2026-03-05 08:00 New York, a second apart
      date: new Date(Date.parse('2026-03-05T13:00:00Z') + i * 1000).toUTCString(), id: `<later-${i}@example.com>`, body: 'See you soon.',
    })));
    let kicks = 0;
    // Each attempt reads what is left (total) and reports what it has stored of that (done).
    let last = { done: 0, total: 2500 };
    const failure = await syncMailbox(deps(), {
      onProgress: (p) => {
        if (p.folder !== 'Sent') return;
        last = { done: p.done, total: p.total };
        if (p.done >= p.total) return;
        kicks++;
        void dovecot.kick(LOGIN).catch(() => undefined);
      },
    }).then(() => undefined, (error: unknown) => error);
    expect(kicks).toBeGreaterThan(3);
    expect(String((failure as Error | undefined)?.message)).toMatch(/^the connection to the IMAP server 127\.0\.0\.1:\d+ was lost during the sync; sync again: it reads on from where it stopped$/);

    const again = await syncMailbox(deps());
    expect(again.folders.find((f) => f.path === 'Sent')?.read).toBe(last.total - last.done);
    expect((await store.mail.countMessages(USER)).touch).toBe(3);
  }, 120_000);

  // The sync asks the server for a matching message's first 2 MB only (sync.ts, BODY_MAX): the words come first.
  it('reads an employer\'s reply with a 30 MB attachment for its words', async () => {
    const attachment = Buffer.alloc(30 * 1024 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    const reply = [
      'From: Dr. Grace Okafor <g.okafor@acme.example>', `To: ${LOGIN}`, 'Subject: Re: Thank you', 'Message-ID: <big-1@acme.example>',
      // Thu 2026-03-05 09:00 New York
      'Date: Thu, 5 Mar 2026 09:00:00 -0500', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '',
      'Dear Jordan,\r\n\r\nWe have not made a decision yet; we expect to decide by Friday 20 March.\r\n\r\nBest,\r\nGrace',
      '--b1', 'Content-Type: application/pdf; name="deck.pdf"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="deck.pdf"', '',
      attachment, '--b1--', '',
    ].join('\r\n');
    await dovecot.append(LOGIN, 'INBOX', [reply]);
    const report = await syncMailbox(deps());
    expect(report.proposals).toBe(1);
    const proposal = (await store.mail.listProposals(USER)).find((p) => p.messageId === 'big-1@acme.example');
    expect(proposal).toMatchObject({ kind: 'not_decided', applicationId: 'a1', payload: { decisionBy: '2026-03-20' } });
    expect(await store.mail.getMessage(USER, 'big-1@acme.example')).toMatchObject({ subject: 'Re: Thank you', applicationId: 'a1' });
  }, 120_000);
});
