/**
 * The first journey, in real Chromium: with a profile and an application, open it, add the
 * interview with two new interviewers, see how the employer's timeline words are understood before
 * saving, fill part of the debrief, save: the plan thanks each interviewer, and Today shows both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication } from '../../src/app/records.js';
import { DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York: the morning interview ended at 11:00.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
}, 90_000);

afterAll(async () => e.close());


describe('Add interview', () => {
  it('records two new interviewers, reads "by Friday" before saving, and plans a thank-you for each', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/applications/a1`);
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Add interview' }).click();
    await page.getByRole('heading', { name: 'Add interview', level: 1 }).waitFor();
    // The zone the times are read in is named.
    await page.getByText('Times are in New York time (America/New_York), your zone.').waitFor();

    await page.getByLabel('Date', { exact: true }).fill('2026-03-03');
    await page.getByLabel('Started at').fill('10:00');
    await page.getByLabel('Ended at').fill('11:00');
    await page.getByLabel('Stage').selectOption('first_round');

    await page.getByRole('button', { name: 'Add a person you met' }).click();
    const first = page.getByRole('group', { name: 'New person 1' });
    await first.getByLabel('Full name').fill('Grace Okafor');
    await first.getByLabel('Honorific').fill('Dr.');
    await first.getByLabel('Email').fill('g.okafor@acme.example');
    await page.getByRole('button', { name: 'Add a person you met' }).click();
    const second = page.getByRole('group', { name: 'New person 2' });
    await second.getByLabel('Full name').fill('Tom Reyes');
    await second.getByLabel('Honorific').fill('Mr.');
    await second.getByLabel('Email').fill('t.reyes@acme.example');

    // Their words, read as typed: Tue 3 Mar → "by Friday" is Fri 6 Mar 2026 (F0).
    const preview = page.locator('.timeline-preview');
    await page.getByLabel('Their words on the timeline').fill('we will be in touch');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Not understood: treated as no timeline');
    // "by next Friday" reads two ways: both shown, one picked by the user, never by the app (F0).
    await page.getByLabel('Their words on the timeline').fill('by next Friday');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('These words can mean two dates');
    const picks = preview.getByRole('button');
    expect(await picks.allTextContents()).toEqual([expect.stringContaining('Fri 6 Mar 2026'), expect.stringContaining('Fri 13 Mar 2026')]);
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('new-interview-two-readings');
    await picks.nth(1).click();
    await expect(page.getByLabel('Decision date, if they gave one').inputValue()).resolves.toBe('2026-03-13');
    await expect(picks.nth(1).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByLabel('Decision date, if they gave one').fill('');
    await page.getByLabel('Their words on the timeline').fill("We'll decide by Friday");
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Understood as Fri 6 Mar 2026');

    await page.getByRole('checkbox', { name: 'I asked about next steps and the decision timeline' }).check();
    await page.getByLabel('Best moments').fill('The churn model walkthrough');
    await page.getByLabel('From Dr. Grace Okafor’s conversation').fill('her team moved to dbt last year');
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('new-interview-desktop');
    await page.setViewportSize(PHONE);
    await e.shot('new-interview-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/applications/a1');

    // Tue 3 Mar morning interview: each thank-you ideally by 17:00 that day (T1, T2).
    const thanks = page.locator('.plan-item', { hasText: 'Thank-you note to' });
    await thanks.first().waitFor();
    const titles = (await thanks.locator('.item-title').allTextContents()).sort();
    expect(titles).toEqual(['Thank-you note to Dr. Grace Okafor', 'Thank-you note to Mr. Tom Reyes']);
    for (const text of await thanks.allTextContents()) expect(text).toMatch(/Due.*Tue 3 Mar, 17:00/);
    // The debrief and the timeline words are on the page as recorded.
    const debrief = await page.locator('.interview-card').textContent();
    expect(debrief).toContain('“We\'ll decide by Friday”');
    expect(debrief).toContain('her team moved to dbt last year');
    await e.shot('interview-saved-application-desktop');
    await page.setViewportSize(PHONE);
    await e.shot('interview-saved-application-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.locator('li.card', { hasText: 'Thank-you note to Dr. Grace Okafor' }).waitFor();
    await expect(page.locator('li.card', { hasText: 'Thank-you note to Mr. Tom Reyes' }).count()).resolves.toBe(1);
  });

  it('shows the server\'s refusal at the field and keeps what was typed', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/applications/a1/interviews/new`);
    await page.getByRole('heading', { name: 'Add interview', level: 1 }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2026-03-04');
    await page.getByLabel('Started at').fill('11:00');
    await page.getByLabel('Ended at').fill('10:00');
    await page.getByRole('button', { name: 'Add a person you met' }).click();
    await page.getByRole('group', { name: 'New person 1' }).getByLabel('Full name').fill('Lee Chan');
    await page.getByRole('button', { name: 'Save interview' }).click();
    const endError = page.locator('.field', { has: page.getByLabel('Ended at') }).locator('.error-text');
    await endError.waitFor();
    await expect(endError.textContent()).resolves.toBe('It ends before it starts. Pick an end time after the start.');
    await expect(page.getByRole('group', { name: 'New person 1' }).getByLabel('Full name').inputValue()).resolves.toBe('Lee Chan');
    // Nothing half-written: Lee Chan was not recorded.
    await page.goto(`${e.origin}/applications/a1`);
    await page.locator('.person-card').first().waitFor();
    await expect(page.locator('.person-card', { hasText: 'Lee Chan' }).count()).resolves.toBe(0);
  });
});
