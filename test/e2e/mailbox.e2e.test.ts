/**
 * The mailbox in real Chromium (issue 16): Settings → Mailbox's link form says what is missing at
 * each field before anything is sent; a mailbox linked to a real Dovecot and synced shows how it
 * stands, its last sync on the user's clock; the employer's reply waits on Today as "Mail to
 * review", in words with the app's dates, and Accept records it; unlinking asks first. Screenshots
 * at desktop and phone width under artifacts/screenshots/mailbox-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox, type MailDeps } from '../../src/app/mail/connect.js';
import { mailKeyFromSecret } from '../../src/app/mail/credentials.js';
import { syncMailbox } from '../../src/app/mail/sync.js';
import { appendThankYouThread, plainMessage, startDovecot, type Dovecot } from '../../src/app/mail/testing-dovecot.js';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { DESKTOP, PHONE, seriousViolations, shotFromTop, startE2E, type E2E } from './harness.js';

const PASSWORD = 'app-pw-e2e';
let e: E2E;
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ login: 'jordan', password: PASSWORD }] });
  // Thu 5 Mar 2026, 12:00 in New York.
  e = await startE2E({ now: '2026-03-05T12:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' });
  // Tue 3 Mar 2026, 10:00–11:00 in New York.
  await addInterview(e.app, 'a1', { id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] });
}, 120_000);

afterAll(async () => {
  await e?.close();
  await dovecot?.stop();
});

describe('Settings → Mailbox', () => {
  it('the link form says what is missing at each field, sending nothing', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/settings/mail`);
    await page.getByRole('heading', { name: 'Mailbox', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Link a mailbox' });
    await form.waitFor();
    await page.getByLabel('IMAP port').fill('99999');
    await form.getByRole('button', { name: 'Link mailbox' }).click();
    await expect(form.getByText('Fill this in: the address you send from.').count()).resolves.toBe(1);
    await expect(form.getByText('Fill this in: the app password your provider made for Afterword.').count()).resolves.toBe(1);
    await expect(form.getByText('Write a whole number from 1 to 65535, such as 993.').count()).resolves.toBe(1);
    expect(await page.getByLabel('App password').getAttribute('type')).toBe('password');
    expect((await page.evaluate(async () => (await fetch('/api/mailbox')).json()) as { mailbox: { linked: boolean } }).mailbox.linked).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('IMAP port').fill('');
    await shotFromTop(page, 'mailbox-link-form-desktop');
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-link-form-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('a linked and synced mailbox shows how it stands, its last sync on your clock', async () => {
    // Linked and synced as `afterword mail connect` and `sync` do, against the real Dovecot.
    const deps: MailDeps = { ...e.app, mailKey: mailKeyFromSecret('mailbox e2e') };
    await connectMailbox(deps, { imapHost: '127.0.0.1', imapPort: dovecot.port, user: 'jordan', address: 'jordan@example.com', password: PASSWORD, smtpHost: '127.0.0.1' }, { checkSmtp: false });
    // Jordan's thank-you (Tue 3 Mar 2026) in Sent and Dr. Okafor's reply (Wed 4 Mar 2026) in INBOX.
    await appendThankYouThread(dovecot, 'jordan', 'e2e');
    expect(await syncMailbox(deps)).toMatchObject({ touches: 1, proposals: 1 });

    const page = e.page;
    await page.goto(`${e.origin}/settings/mail`);
    const status = page.getByRole('group', { name: 'Linked mailbox' });
    await status.waitFor();
    const words = await status.textContent() ?? '';
    expect(words).toContain('jordan@example.com');
    expect(words).toContain('Working');
    // Thu 5 Mar 2026, 12:00 in New York: the user's zone, not the browser's or UTC.
    expect(words).toContain('Thu 5 Mar, 12:00');
    expect(words).toContain('1 message you sent, 1 message from employers');
    expect(words).toContain('1 employer message on Today');
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|app-pw/);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-status-desktop');
    await page.setViewportSize(PHONE);
    await shotFromTop(page, 'mailbox-status-phone');
    await page.setViewportSize(DESKTOP);
  });
});

describe('Today → Mail to review', () => {
  it('shows the employer\'s reply in words; Accept records it with its new date', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/`);
    const section = page.getByRole('region', { name: /Mail to review/ });
    await section.waitFor();
    const words = await section.textContent() ?? '';
    expect(words).toContain('Acme Corp replied: not decided yet, new date Fri 20 Mar 2026.');
    expect(words).toContain('Accept to record it; nothing changes until you do.');
    // Received Wed 4 Mar, 09:30 New York.
    expect(words).toContain('received Wed 4 Mar, 09:30');
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}|not_decided|afterword /);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-today-desktop');
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-today-phone');
    await page.setViewportSize(DESKTOP);

    await section.getByRole('button', { name: 'Accept' }).click();
    await section.getByText('Recorded Acme Corp\'s reply "Re: Thank you for today" with Fri 20 Mar 2026 as the new decision date.').waitFor();
    await expect(section.getByRole('button', { name: 'Accept' }).count()).resolves.toBe(0);
    const touches = (await e.deps.store.getApplication(e.app.userId, 'a1'))?.touches ?? [];
    expect(touches.some((t) => t.outcome === 'not_decided')).toBe(true);
    await shotFromTop(page, 'mailbox-today-accepted');
  });
});

describe('the application\'s page → Mail to review', () => {
  it('shows the mail waiting about that application, with the same Accept and Set aside as Today', async () => {
    const deps: MailDeps = { ...e.app, mailKey: mailKeyFromSecret('mailbox e2e') };
    await dovecot.append('jordan', 'INBOX', [
      plainMessage({
        from: 'Grace Okafor <g.okafor@acme.example>', to: 'jordan@example.com', subject: 'Next steps',
        // Thu 5 Mar 2026, 09:00 in New York.
        date: 'Thu, 5 Mar 2026 09:00:00 -0500', id: '<next-round-e2e@acme.example>',
        body: 'Dear Jordan,\r\n\r\nWe would like to invite you to a second round interview with our director next week.\r\n\r\nBest regards,\r\nGrace',
      }),
      plainMessage({
        from: 'Grace Okafor <g.okafor@acme.example>', to: 'jordan@example.com', subject: 'References',
        // Thu 5 Mar 2026, 10:30 in New York.
        date: 'Thu, 5 Mar 2026 10:30:00 -0500', id: '<question-e2e@acme.example>',
        body: 'Hi Jordan,\r\n\r\nCould you send me two references before your next interview?\r\n\r\nThanks,\r\nGrace',
      }),
    ]);
    expect(await syncMailbox(deps)).toMatchObject({ proposals: 2 });

    const page = e.page;
    await page.goto(`${e.origin}/applications/a1`);
    const section = page.getByRole('region', { name: /Mail to review/ });
    await section.waitFor();
    await expect(section.getByRole('listitem').count()).resolves.toBe(2);
    const words = await section.textContent() ?? '';
    expect(words).toContain('“Next steps” · received Thu 5 Mar, 09:00');
    expect(words).toContain('received Thu 5 Mar, 10:30');
    // On its own page: no link to the page it is on, and no ids, ISO instants or commands.
    await expect(section.getByRole('link', { name: 'Acme Corp' }).count()).resolves.toBe(0);
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|next_round|question|afterword |#\d/);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-application-desktop');
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'mailbox-application-phone');
    await page.setViewportSize(DESKTOP);

    // Set aside the newest (their question): nothing in the records changes.
    const before = (await e.deps.store.getApplication(e.app.userId, 'a1'))?.touches.length;
    await section.getByRole('listitem').first().getByRole('button', { name: 'Set aside' }).click();
    await expect.poll(() => section.getByRole('listitem').count()).toBe(1);
    expect((await e.deps.store.getApplication(e.app.userId, 'a1'))?.touches.length).toBe(before);
    // Accept the invitation: recorded as their reply, and the page's history shows it at once.
    await section.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => section.getByRole('listitem').count()).toBe(0);
    const said = await section.locator('.notice').textContent() ?? '';
    expect(said).toBe('Recorded Acme Corp\'s reply "Next steps".');
    // The plan follows at once (F6: the new round is to be recorded).
    await page.getByText('Invited to a next round: record the new interview.').waitFor();
    const touches = (await e.deps.store.getApplication(e.app.userId, 'a1'))?.touches ?? [];
    expect(touches.length).toBe((before ?? 0) + 1);
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').count()).toBe(4);
    await shotFromTop(page, 'mailbox-application-accepted');
    // Today has nothing left to review either.
    expect((await e.deps.store.mail.listProposals(e.app.userId, 'pending'))).toEqual([]);
  });
});

describe('unlinking', () => {
  it('asks first, then deletes the link and shows the form again', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/settings/mail`);
    const status = page.getByRole('group', { name: 'Linked mailbox' });
    await status.getByRole('button', { name: 'Unlink…' }).click();
    const confirm = page.getByRole('group', { name: 'Unlink the mailbox' });
    expect(await confirm.textContent()).toContain('What your mail already added to your records stays.');
    await shotFromTop(page, 'mailbox-unlink-confirm');
    await confirm.getByRole('button', { name: 'Unlink mailbox' }).click();
    await page.getByRole('form', { name: 'Link a mailbox' }).waitFor();
    expect(await e.deps.store.mail.getAccount(e.app.userId)).toBeUndefined();
    expect(await page.getByRole('group', { name: 'Linked mailbox' }).count()).toBe(0);
  });
});
