/**
 * The application's details in real Chromium: the new-application form takes the posting link,
 * location, salary, tags, notes and job description; the application page shows them and edits
 * them in place, a wrong link named under its field with nothing saved; the board card shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, startE2E, type E2E } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
}, 120_000);
afterAll(async () => e.close());

describe('The application\u2019s details', () => {
  it('the new-application form keeps them, and the application page shows them', async () => {
    await e.page.goto(e.origin + '/applications/new');
    await e.page.getByRole('heading', { name: 'New application' }).waitFor();
    await e.page.getByLabel('Company', { exact: true }).fill('Globex');
    await e.page.getByLabel('Role (the post)').fill('Analytics Lead');
    await e.page.getByText('Job posting, salary, notes and tags').click();
    await e.page.getByLabel('Job posting link').fill('https://jobs.globex.example/42');
    await e.page.getByLabel('Location', { exact: true }).fill('London');
    await e.page.getByLabel('Remote, hybrid or on-site').selectOption('hybrid');
    await e.page.getByLabel('Salary', { exact: true }).fill('£45k–£55k + bonus');
    await e.page.getByLabel('Lowest').fill('45000');
    await e.page.getByLabel('Highest').fill('55000');
    await e.page.getByLabel('Currency', { exact: true }).fill('gbp');
    await e.page.getByLabel('Per', { exact: true }).selectOption('year');
    await e.page.getByLabel('Tags').fill('dream job, fintech');
    await e.page.getByLabel('Notes').fill('Ask about the team\u2019s roadmap');
    await e.page.getByLabel('Job description').fill('Own the churn model.\n\nSQL daily.');
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('new-application-details');
    await e.page.getByRole('button', { name: 'Create application' }).click();
    await e.page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor();

    const details = e.page.getByRole('region', { name: 'Details' });
    await details.waitFor();
    const text = await details.textContent();
    expect(text).toContain('https://jobs.globex.example/42');
    expect(text).toContain('London · Hybrid');
    expect(text).toContain('£45k–£55k + bonus (45,000–55,000 GBP a year)');
    expect(text).toContain('dream job');
    expect(text).toContain('Ask about the team\u2019s roadmap');
    expect(await details.getByRole('link', { name: 'https://jobs.globex.example/42' }).getAttribute('href')).toBe('https://jobs.globex.example/42');
    expect(await seriousViolations(e.page)).toEqual([]);
  });

  it('Edit details: a link that is not a web address is named under its field and nothing is saved; a good one is', async () => {
    const details = e.page.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Edit details' }).click();
    const form = e.page.getByRole('form', { name: 'Edit details' });
    await form.waitFor({ timeout: 5000 });
    await form.getByLabel('Job posting link').fill('ftp://files.globex.example/42', { timeout: 5000 });
    await form.getByLabel('Location').fill('');
    await form.getByRole('button', { name: 'Save details' }).click();
    const urlError = form.locator('.field', { has: e.page.getByLabel('Job posting link') }).locator('.error-text');
    await urlError.waitFor({ timeout: 5000 });
    expect(await urlError.textContent()).toBe("Give the posting's link starting with https:// or http://.");
    const stored = await e.page.evaluate(async () => (await fetch('/api/applications/a1')).json() as Promise<{ application: { postingUrl?: string; location?: string } }>);
    expect(stored.application).toMatchObject({ postingUrl: 'https://jobs.globex.example/42', location: 'London' });

    await form.getByLabel('Job posting link').fill('https://jobs.globex.example/43');
    await form.getByRole('button', { name: 'Save details' }).click();
    await details.getByRole('button', { name: 'Edit details' }).waitFor();
    const text = await details.textContent();
    expect(text).toContain('https://jobs.globex.example/43');
    expect(text).not.toContain('London');
    expect(text).toContain('Hybrid');
  });

  it('the board card shows where, the salary and the tags', async () => {
    await e.page.goto(e.origin + '/pipeline');
    const card = e.page.getByRole('listitem', { name: 'Globex, Analytics Lead' });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Hybrid · £45k–£55k + bonus');
    expect(text).toContain('fintech');
  });
});
