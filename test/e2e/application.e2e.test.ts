/**
 * The application page in real Chromium: the history in date order, the people with honorific,
 * title, channel and verified flag, the debrief, a red flag's score, and the plan with windows and
 * why; New application creates one and lands on its page. Screenshots light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTouch } from '../../src/app/act.js';
import { setFlag } from '../../src/app/offers.js';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { PHONE, DESKTOP, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Wed 4 Mar 2026, 09:00 in New York: the day after the first round.
  e = await startE2E({ now: '2026-03-04T09:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', role: 'hiring_manager', email: 'g.okafor@acme.example', preferredChannel: 'email', verified: true });
  await addPerson(e.app, 'a1', { id: 'p2', name: 'Sam Rivera', honorific: 'Mr.', title: 'Recruiter', role: 'recruiter', phone: '+1 555 0101', preferredChannel: 'phone' });
  // Mon 23 Feb 2026: the phone screen with the recruiter.
  await addInterview(e.app, 'a1', { id: 'i1', start: '2026-02-23T09:30', end: '2026-02-23T10:00', stage: 'phone_screen', format: 'phone', peopleIds: ['p2'] });
  await logTouch(e.app, 'a1', { kind: 'thank_you', channel: 'email', outcome: 'sent', personId: 'p2', at: '2026-02-23T12:00' }, new Set(['P2', 'L8']));
  // Thu 26 Feb 2026: the recruiter's call inviting to the next round.
  await logTouch(e.app, 'a1', { kind: 'status_check', channel: 'phone', outcome: 'next_round', personId: 'p2', at: '2026-02-26T14:00' }, new Set(['P2', 'L8']));
  // Tue 3 Mar 2026: the first round with Dr. Okafor; "by Friday" (Fri 6 Mar).
  await addInterview(e.app, 'a1', {
    id: 'i2', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', format: 'video', peopleIds: ['p1'],
    timeline: { said: 'by Friday' }, contactId: 'p1',
    debrief: { askedNextSteps: true, collectedContacts: false, bestMoments: 'The churn model walkthrough', details: { p1: 'her team moved to dbt last year' }, concerns: 'Seemed rushed' },
  });
  await setFlag(e.app, 'a1', 'R3', { score: 4, notes: 'Asked only generic questions' });
}, 90_000);

afterAll(async () => e.close());

async function open(path: string): Promise<void> {
  await e.page.goto(e.origin + path);
  await e.page.locator('main h1').first().waitFor();
  await e.page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'), undefined, { timeout: 15_000 });
}


describe('the application page', () => {
  it('shows the header, the history in date order, people, the debrief, the red flag and the plan', async () => {
    const api: string[] = [];
    const onRequest = (r: { url(): string }): void => { if (r.url().includes('/api/')) api.push(new URL(r.url()).pathname); };
    // A blank page first: the Today page the browser opened on may still be asking for its own parts.
    await e.page.goto('about:blank');
    e.page.on('request', onRequest);
    await open('/applications/a1');
    await e.page.locator('.plan-item').first().waitFor();
    e.page.off('request', onRequest);
    // The page asks for its application once (the shell reads the profile and who is signed in), and
    // at most once for the employer's mail waiting about it (a small answer of its own, after the page).
    const asked = api.filter((p) => p !== '/api/profile' && p !== '/api/session');
    expect(asked.filter((p) => p !== '/api/mailbox/proposals')).toEqual(['/api/applications/a1']);
    expect(asked.filter((p) => p === '/api/mailbox/proposals').length).toBeLessThanOrEqual(1);
    // How quickly it answers is bench/web.bench.ts's to measure ("open an application"), not a test's.
    const main = e.page.locator('main');
    await expect(main.locator('h1').textContent()).resolves.toBe('Acme Corp');
    await expect(main.locator('.subtitle').textContent()).resolves.toMatch(/Data Analyst · Active · applied Tue 10 Feb 2026/);

    const history = await main.locator('.app-timeline li').allTextContents();
    expect(history).toHaveLength(4);
    expect(history[0]).toMatch(/Mon 23 Feb, 09:30.*Phone screen interview · Phone · Mr\. Sam Rivera/);
    expect(history[1]).toMatch(/Mon 23 Feb, 12:00.*Thank-you note · Email · Mr\. Sam Rivera.*Sent/);
    expect(history[2]).toMatch(/Thu 26 Feb, 14:00.*Status check · Phone · Mr\. Sam Rivera.*Next round/);
    expect(history[3]).toMatch(/Tue 3 Mar, 10:00.*First round interview · Video · Dr\. Grace Okafor/);

    const grace = main.locator('.person-card', { hasText: 'Dr. Grace Okafor' });
    await expect(grace.textContent()).resolves.toMatch(/Head of Analytics · Hiring manager.*Verified.*Prefers email/);
    const sam = main.locator('.person-card', { hasText: 'Mr. Sam Rivera' });
    await expect(sam.textContent()).resolves.toMatch(/Recruiter · Recruiter.*Not verified.*Prefers phone/);

    const debrief = await main.locator('.interview-card', { hasText: 'First round' }).textContent();
    expect(debrief).toContain('“by Friday”');
    expect(debrief).toContain('The churn model walkthrough');
    expect(debrief).toContain('Detail: Dr. Grace Okafor');
    expect(debrief).toContain('her team moved to dbt last year');
    expect(debrief).toContain('Seemed rushed');

    const flag = await main.locator('.flag-card').textContent();
    expect(flag).toMatch(/R3.*Disengaged interviewer.*4 \/ 5.*Asked only generic questions/);

    // Tue 3 Mar morning interview: thank-you ideally that day by 17:00, at the latest Wed 4 Mar 11:00 (T2).
    const thanks = main.locator('.plan-item', { hasText: 'Thank-you note to Dr. Grace Okafor' });
    await expect(thanks.locator('.window').textContent()).resolves.toMatch(/Ideal.*Tue 3 Mar, 17:00.*Latest.*Wed 4 Mar, 11:00/);
    await expect(thanks.getByRole('link', { name: 'Draft' }).getAttribute('href')).resolves.toBe('/applications/a1/draft?person=p1&kind=thank_you');
    await thanks.getByRole('button', { name: 'Why this date?' }).click();
    await expect(thanks.locator('.why-body').textContent()).resolves.toContain('Thank-you timing');
    // "By Friday" is Fri 6 Mar: the status check waits until after it (F0, F1).
    const check = main.locator('.plan-item', { hasText: 'Status check' }).first();
    await check.getByRole('button', { name: 'Why this date?' }).click();
    await expect(check.locator('.why-body').textContent()).resolves.toContain('F1');

    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('application-light');
    await e.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('application-dark');
    await e.page.setViewportSize(PHONE);
    await e.shot('application-phone-dark');
    await e.page.emulateMedia({ colorScheme: 'light' });
    await e.page.setViewportSize(DESKTOP);
  });

  it('adds a person from the page and shows them at once', async () => {
    await open('/applications/a1');
    await e.page.getByRole('button', { name: 'Add a person' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Full name').fill('Ada Byron');
    await dialog.getByLabel('Honorific').fill('Ms.');
    await dialog.getByLabel('Job title').fill('Data Engineer');
    await dialog.getByLabel('Email').fill('ada@acme.example');
    await dialog.getByRole('checkbox', { name: /checked on their card/ }).check();
    await dialog.getByRole('button', { name: 'Add person' }).click();
    const card = e.page.locator('.person-card', { hasText: 'Ms. Ada Byron' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(/Data Engineer · Interviewer.*Verified/);
  });

  it('Log what happened names whom, with the plan line\'s person chosen, and asks for one before a thank-you is saved', async () => {
    await open('/applications/a1');
    const item = e.page.locator('.plan-item', { hasText: 'Thank-you note to Dr. Grace Okafor' });
    await item.getByRole('button', { name: 'Log what happened' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Log what happened' });
    const who = dialog.getByLabel('Who');
    await e.page.waitForFunction(() => document.querySelectorAll('dialog select option').length > 0 && [...document.querySelectorAll('dialog select option')].some((o) => o.textContent === 'Dr. Grace Okafor'));
    await expect(who.inputValue()).resolves.toBe('p1');
    await who.selectOption({ label: 'Choose…' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe('Choose whom it went to.');
    await e.shot('log-touch-who');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('asks before recording a touch dated later than now, and records it when the user says it is meant', async () => {
    await open('/applications/a1');
    const item = e.page.locator('.plan-item', { hasText: 'Thank-you note to Dr. Grace Okafor' });
    await item.getByRole('button', { name: 'Log what happened' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Log what happened' });
    await dialog.getByLabel('When').fill('2026-03-20T10:00'); // Fri, after now (Wed 4 Mar)
    await dialog.getByRole('button', { name: 'Save' }).click();
    const notice = dialog.getByRole('alert');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('That time is still to come.');
    expect(await notice.textContent()).not.toMatch(/futureIntended|touch\.at/);
    await notice.getByRole('button', { name: 'Record it anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('New application creates one and lands on its page', async () => {
    await open('/');
    await e.page.getByRole('link', { name: 'New application' }).click();
    await e.page.getByRole('heading', { name: 'New application' }).waitFor();
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.page.getByLabel('Company', { exact: true }).fill('Globex');
    await e.page.getByLabel('Role (the post)').fill('Analytics Lead');
    await e.page.getByLabel('Applied on').fill('2026-03-01');
    await e.page.getByText('The company is in another time zone or country').click();
    await e.page.getByLabel('Company\'s time zone').fill('Europe/London');
    await e.shot('new-application');
    await e.page.getByRole('button', { name: 'Create application' }).click();
    await e.page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor();
    expect(new URL(e.page.url()).pathname).toBe('/applications/a2');
    await expect(e.page.locator('main .subtitle').textContent()).resolves.toMatch(/Analytics Lead · Active · applied Sun 1 Mar 2026/);
  });

  it('New application shows the server\'s refusal at the field', async () => {
    await open('/applications/new');
    await e.page.getByLabel('Company', { exact: true }).fill('Initech');
    await e.page.getByLabel('Role (the post)').fill('Report Writer');
    await e.page.getByText('The company is in another time zone or country').click();
    await e.page.getByLabel('Company\'s time zone').fill('Mars/Olympus');
    await e.page.getByRole('button', { name: 'Create application' }).click();
    const zoneError = e.page.locator('.field', { has: e.page.getByLabel('Company\'s time zone') }).locator('.error-text');
    await zoneError.waitFor();
    await expect(zoneError.textContent()).resolves.toBe('Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.');
    expect(new URL(e.page.url()).pathname).toBe('/applications/new');
  });
});
