/**
 * The sync writes each batch of messages in one transaction (src/app/mail/sync.ts's writeBatch), against a real
 * Dovecot and a real PGlite: two sent messages to one application in one batch become two touches,
 * each built on the application as the one before left it; the employer's two replies in one batch
 * cancel every note queued before the later one (and only those), once; a second sync adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailDeps } from '../../app/mail/connect.js';
import { syncMailbox } from '../../app/mail/sync.js';
import { dovecotMissing, plainMessage, type Dovecot } from '../../app/mail/testing-dovecot.js';
import type { PgliteStore } from '../../store/pglite.js';
import { linkedWorkedExample, WORKED_LOGIN } from './testing-mail.js';

const LOGIN = WORKED_LOGIN;
const USER = 'batch';
// Thu 2026-03-05 15:00 UTC: two days after the worked example's interview (Tue 2026-03-03).
const NOW = Date.parse('2026-03-05T15:00:00Z');

let dovecot: Dovecot;
let store: PgliteStore;
let deps: () => MailDeps;

beforeAll(async () => {
  ({ dovecot, store, deps } = await linkedWorkedExample({ user: USER, password: 'batch test password', now: NOW, people: [{ id: 'p2', name: 'Sam Ruiz', honorific: 'Mr.', role: 'interviewer', email: 's.ruiz@acme.example', verified: true }] }));
}, 60_000);

afterAll(async () => {
  await store?.close();
  await dovecot?.stop();
});

/** A note for a1 queued at `createdAt` (to be sent on Mon 2026-03-09). */
async function queue(tag: string, createdAt: number): Promise<number> {
  const item = await store.outbox.add(USER, {
    applicationId: 'a1', personId: 'p1', kind: 'status_check', to: ['g.okafor@acme.example'], cc: [], subject: `Checking in (${tag})`,
    body: 'Dear Dr. Okafor,\n\nI wanted to check in on the Data Analyst role.\n\nBest regards,\nJordan Lee', messageId: `<note-${tag}@example.com>`,
    sendAt: Date.parse('2026-03-09T14:00:00Z'), createdAt,
  });
  return item.id;
}

describe.skipIf(dovecotMissing() !== undefined)('one batch, one transaction', () => {
  it('two sent messages to one application become two touches; two replies cancel the notes queued before the later one, once', async () => {
    // Wed 2026-03-04 12:00 UTC, before both replies; Wed 20:00 UTC, between them; Thu 14:00 UTC, after both.
    const early = await queue('early', Date.parse('2026-03-04T12:00:00Z'));
    const between = await queue('between', Date.parse('2026-03-04T20:00:00Z'));
    const late = await queue('late', Date.parse('2026-03-05T14:00:00Z'));
    await dovecot.append(LOGIN, 'Sent', [
      plainMessage({
        from: `Jordan Lee <${LOGIN}>`, to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Thank you for today',
        // Tue 2026-03-03 15:00 New York
        date: 'Tue, 3 Mar 2026 15:00:00 -0500', id: '<batch-thanks-1@example.com>',
        body: 'Dear Dr. Okafor,\r\n\r\nThank you for taking the time to speak with me today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
      }),
      plainMessage({
        from: `Jordan Lee <${LOGIN}>`, to: 'Sam Ruiz <s.ruiz@acme.example>', subject: 'Thank you, Sam',
        // Tue 2026-03-03 15:10 New York
        date: 'Tue, 3 Mar 2026 15:10:00 -0500', id: '<batch-thanks-2@example.com>',
        body: 'Dear Mr. Ruiz,\r\n\r\nThank you for the conversation today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
      }),
    ]);
    await dovecot.append(LOGIN, 'INBOX', [
      plainMessage({
        from: 'Grace Okafor <g.okafor@acme.example>', to: LOGIN, subject: 'Re: Thank you for today', inReplyTo: '<batch-thanks-1@example.com>',
        // Wed 2026-03-04 09:30 New York (14:30 UTC)
        date: 'Wed, 4 Mar 2026 09:30:00 -0500', id: '<batch-reply-1@acme.example>',
        body: 'Hi Jordan,\r\n\r\nThanks for your note. We have not made a decision yet; we expect to decide by March 20.\r\n\r\nBest,\r\nGrace',
      }),
      plainMessage({
        from: 'Sam Ruiz <s.ruiz@acme.example>', to: LOGIN, subject: 'Re: Thank you, Sam', inReplyTo: '<batch-thanks-2@example.com>',
        // Thu 2026-03-05 08:00 New York (13:00 UTC)
        date: 'Thu, 5 Mar 2026 08:00:00 -0500', id: '<batch-reply-2@acme.example>',
        body: 'Hi Jordan,\r\n\r\nWe would like to invite you to a second interview with the team. Could you send us a few times that work next week?\r\n\r\nBest,\r\nSam',
      }),
    ]);

    const first = await syncMailbox(deps());
    expect(first.folders.map((f) => [f.path, f.read])).toStrictEqual([['Sent', 2], ['INBOX', 2]]);
    expect([first.touches, first.proposals]).toStrictEqual([2, 2]);
    const touches = ((await store.getApplication(USER, 'a1'))?.touches ?? []).filter((t) => t.text?.startsWith('Email '));
    expect(touches.map((t) => [t.personId, t.at, t.text])).toStrictEqual([
      ['p1', Date.parse('2026-03-03T20:00:00Z'), 'Email "Thank you for today" to g.okafor@acme.example'],
      ['p2', Date.parse('2026-03-03T20:10:00Z'), 'Email "Thank you, Sam" to s.ruiz@acme.example'],
    ]);
    const proposals = await store.mail.listProposals(USER);
    expect(proposals.map((p) => p.messageId).sort()).toStrictEqual(['batch-reply-1@acme.example', 'batch-reply-2@acme.example']);
    const notes = await store.outbox.list(USER, { applicationId: 'a1' });
    const statusOf = (id: number) => notes.find((n) => n.id === id);
    expect(statusOf(early)).toMatchObject({ status: 'cancelled', cancelledReason: 'employer_replied' });
    expect(statusOf(between)).toMatchObject({ status: 'cancelled', cancelledReason: 'employer_replied' });
    expect(statusOf(late)?.status).toBe('queued');

    // Nothing new: no second touch, proposal or cancellation.
    const again = await syncMailbox(deps());
    expect([again.touches, again.proposals, again.folders.reduce((n, f) => n + f.read, 0)]).toStrictEqual([0, 0, 0]);
    expect(((await store.getApplication(USER, 'a1'))?.touches ?? []).filter((t) => t.text?.startsWith('Email '))).toHaveLength(2);
    expect(await store.mail.listProposals(USER)).toHaveLength(2);
    expect((await store.outbox.get(USER, late))?.status).toBe('queued');
  });
});
