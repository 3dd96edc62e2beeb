/**
 * The draft editor, end to end: two interviewers owed a thank-you after a morning interview; one
 * note is drafted from Today, a problem typed in is underlined and listed, fixed with one click
 * until the tone check is clean, marked as sent; Today and the plan move on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York: the morning interview (10:00–11:00) with two people is over.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addApplication(e.app, { id: 'a2', company: 'Globex', role: 'Analyst', appliedOn: '2026-02-12' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' });
  await addPerson(e.app, 'a1', { id: 'p2', name: 'Sam Reyes', honorific: 'Mr.', title: 'Senior Analyst', email: 'sam@acme.example' });
  await addInterview(e.app, 'a1', {
    id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1', 'p2'],
    timeline: { said: 'within two weeks' },
    debrief: { details: { p1: 'your plan to move reporting to dbt', p2: 'the churn dashboard rebuild' } },
  });
}, 60_000);

afterAll(async () => e.close());

const item = (who: string) => e.page.locator('li.card', { hasText: `Thank-you note to ${who}` });
const body = () => e.page.getByLabel('Message');
const toneLine = () => e.page.locator('.draft-tone-line');


describe('Draft editor', () => {
  it('Today lists two thank-you notes due; Draft opens the note to Dr. Okafor, clean', async () => {
    await e.page.goto(e.origin + '/');
    await item('Dr. Grace Okafor').waitFor();
    await item('Mr. Sam Reyes').waitFor();
    await item('Dr. Grace Okafor').getByRole('link', { name: 'Draft' }).click();
    await e.page.waitForURL(/\/applications\/a1\/draft\?person=p1&kind=thank_you$/);
    await e.page.getByRole('heading', { level: 1, name: 'Thank-you email to Dr. Grace Okafor' }).waitFor();
    await expect(body().inputValue()).resolves.toContain('Dear Dr. Okafor');
    await e.page.locator('.draft-tone-line', { hasText: 'Tone check: clean.' }).waitFor();
    await expect(e.page.locator('.draft-side').textContent()).resolves.toContain('Compared with the other note for this application (L7)');
    expect(await seriousViolations(e.page)).toEqual([]);
  });

  it('a typed "!!" is underlined and listed as L2; applying its fix makes the check clean again', async () => {
    const before = await body().inputValue();
    const edited = before.replace('Acme Corp.', 'Acme Corp!!');
    expect(edited).not.toBe(before);
    await body().fill(edited);
    const finding = e.page.locator('.draft-finding', { hasText: 'L2' });
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toContain('stacked punctuation');
    await expect(e.page.locator('.tone-mirror mark.tone-error').first().textContent()).resolves.toBe('!!');
    await expect(toneLine().textContent()).resolves.toMatch(/1 to fix/);
    await e.shot('draft-finding-desktop');
    await finding.getByRole('button', { name: 'Show L2 in the text' }).click();
    const selected = await body().evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(selected).toBe('!!');
    await finding.getByRole('button', { name: 'Replace with “.”' }).click();
    await e.page.locator('.draft-tone-line', { hasText: 'Tone check: clean.' }).waitFor();
    await expect(body().inputValue()).resolves.toBe(before);
  });

  it('naming the other application\'s company is an L8 error that holds Mark as sent, fixed in one click', async () => {
    const before = await body().inputValue();
    await body().fill(before.replace('Acme Corp', 'Globex'));
    const l8 = e.page.locator('.draft-finding-error', { hasText: 'L8' });
    await l8.waitFor();
    await expect(l8.textContent()).resolves.toContain('“Globex” is another');
    // Marking it sent now is held by the L8 guard: its reason is shown, nothing is recorded.
    await e.page.getByRole('button', { name: 'Mark as sent', exact: true }).click();
    const guard = e.page.locator('.notice.warn', { hasText: 'Not recorded yet.' });
    await guard.waitFor();
    await expect(guard.textContent()).resolves.toContain('Wrong company (L8)');
    await guard.getByRole('button', { name: 'Mark as sent anyway' }).waitFor();
    await l8.getByRole('button', { name: 'Replace with “Acme Corp”' }).click();
    await e.page.locator('.draft-tone-line', { hasText: 'Tone check: clean.' }).waitFor();
    expect(await body().inputValue()).toBe(before);
  });

  it('downloads the .eml with the edited note', async () => {
    const [download] = await Promise.all([
      e.page.waitForEvent('download'),
      e.page.getByRole('button', { name: 'Download .eml' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('thank-you-email-grace-okafor.eml');
    const open = e.page.getByRole('link', { name: 'Open in mail' });
    await expect(open.getAttribute('href')).resolves.toMatch(/^mailto:g\.okafor@acme\.example\?subject=/);
  });

  it('Mark as sent records it and shows the next step; Today no longer lists this thank-you', async () => {
    await e.page.getByRole('button', { name: 'Mark as sent', exact: true }).click();
    await e.page.getByText('Marked as sent. The plan has moved on.').waitFor();
    const next = e.page.locator('.draft-next');
    await next.getByRole('heading', { name: 'What the plan says next' }).waitFor();
    // The other thank-you is still owed: it is the next step.
    await expect(next.textContent()).resolves.toContain('Thank-you note to Mr. Sam Reyes');
    await e.shot('draft-desktop');
    await next.getByRole('link', { name: 'Back to Today' }).click();
    await item('Mr. Sam Reyes').waitFor();
    expect(await item('Dr. Grace Okafor').count()).toBe(0);
  });

  it('the second note, sent too: the plan\'s next step is the status check', async () => {
    await item('Mr. Sam Reyes').getByRole('link', { name: 'Draft' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Thank-you email to Mr. Sam Reyes' }).waitFor();
    await e.page.locator('.draft-tone-line', { hasText: 'Tone check: clean.' }).waitFor();
    await e.page.getByRole('button', { name: 'Mark as sent', exact: true }).click();
    const next = e.page.locator('.draft-next');
    await next.getByRole('heading', { name: 'What the plan says next' }).waitFor();
    await expect(next.textContent()).resolves.toMatch(/Status check/);
    await next.getByRole('button', { name: 'Why this date?' }).click();
    await expect(next.locator('.why-body').textContent()).resolves.toMatch(/F1|F0/);
    await e.shot('draft-sent-desktop');
    await next.getByRole('link', { name: 'Back to Today' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await e.page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'));
    expect(await e.page.locator('li.card', { hasText: 'Thank-you note' }).count()).toBe(0);
  });

  it('at phone width, light and dark, the editor with a finding is usable and passes axe', async () => {
    await e.page.setViewportSize(PHONE);
    await e.page.goto(e.origin + '/applications/a1/draft?kind=status_check&person=p1');
    await e.page.getByRole('heading', { level: 1, name: 'Status check to Dr. Grace Okafor' }).waitFor();
    await e.page.locator('.draft-tone-line', { hasText: 'Tone check' }).waitFor();
    const before = await body().inputValue();
    await body().fill(`${before}\nPlease reply ASAP.`);
    await e.page.locator('.draft-finding', { hasText: 'L4' }).waitFor();
    expect(await seriousViolations(e.page)).toEqual([]);
    const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await e.shot('draft-phone');
    await e.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('draft-phone-dark');
    await e.page.emulateMedia({ colorScheme: 'light' });
  });
});
