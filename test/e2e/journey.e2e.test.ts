/**
 * The main journey in one go, as a new user would take it in real Chromium: create an application,
 * add the interview with two new interviewers, see two thank-you notes due on Today, edit one
 * until the tone check is clean, mark both sent, and find the status check next in the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York: the morning interview (10:00–11:00) is over.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
});

afterAll(async () => e.close());

describe('from a new application to the status check', () => {
  it('takes the whole journey through the UI', async () => {
    const page = e.page;
    const item = (who: string) => page.locator('li.card', { hasText: `Thank-you note to ${who}` });

    await page.getByRole('link', { name: 'New application' }).click();
    await page.getByLabel('Company', { exact: true }).fill('Acme Corp');
    await page.getByLabel('Role (the post)').fill('Data Analyst');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Add interview' }).click();
    await page.getByLabel('Date', { exact: true }).fill('2026-03-03');
    await page.getByLabel('Started at').fill('10:00');
    await page.getByLabel('Ended at').fill('11:00');
    await page.getByLabel('Stage').selectOption('first_round');
    for (const [n, name, honorific, email] of [[1, 'Grace Okafor', 'Dr.', 'g.okafor@acme.example'], [2, 'Tom Reyes', 'Mr.', 't.reyes@acme.example']] as const) {
      await page.getByRole('button', { name: 'Add a person you met' }).click();
      const group = page.getByRole('group', { name: `New person ${n}` });
      await group.getByLabel('Full name').fill(name);
      await group.getByLabel('Honorific').fill(honorific);
      await group.getByLabel('Email').fill(email);
    }
    await page.getByLabel('From Dr. Grace Okafor’s conversation').fill('her team moved reporting to dbt last year');
    await page.getByLabel('From Mr. Tom Reyes’s conversation').fill('the churn dashboard he is rebuilding');
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();

    // Today: two thank-you notes due, ideally by 17:00 the same day (T1, T2).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today', exact: true }).click();
    await item('Dr. Grace Okafor').waitFor();
    await item('Mr. Tom Reyes').waitFor();
    await expect(item('Dr. Grace Okafor').textContent()).resolves.toContain('ideally Tue 3 Mar, 17:00');

    // Draft the first, spoil it, and edit until the tone check is clean.
    await item('Dr. Grace Okafor').getByRole('link', { name: 'Draft' }).click();
    const body = page.getByLabel('Message');
    const clean = page.locator('.draft-tone-line', { hasText: 'Tone check: clean.' });
    await clean.waitFor();
    const written = await body.inputValue();
    await body.fill(`${written}\nPlease let me know ASAP!!`);
    await page.locator('.draft-finding', { hasText: 'L4' }).waitFor();
    await page.locator('.draft-finding', { hasText: 'L2' }).waitFor();
    await expect(clean.count()).resolves.toBe(0);
    await body.fill(`${written}\nI look forward to hearing about the next steps.`);
    await clean.waitFor();
    await page.getByRole('button', { name: 'Mark as sent', exact: true }).click();
    await page.getByText('Marked as sent. The plan has moved on.').waitFor();

    // The second note, as drafted, then the plan moves on to the status check.
    await page.locator('.draft-next').getByRole('link', { name: 'Back to Today' }).click();
    await item('Mr. Tom Reyes').getByRole('link', { name: 'Draft' }).click();
    await clean.waitFor();
    await page.getByRole('button', { name: 'Mark as sent', exact: true }).click();
    const next = page.locator('.draft-next');
    await next.getByRole('heading', { name: 'What the plan says next' }).waitFor();
    await expect(next.textContent()).resolves.toMatch(/Status check/);

    // The record shows what was sent (with the edited text's outcome) and what comes next.
    await page.goto(`${e.origin}/applications/a1`);
    const plan = page.locator('.plan-item').first();
    await plan.waitFor();
    await expect(plan.textContent()).resolves.toMatch(/Status check/);
    await e.shot('journey-application-after');
    const sent = await e.deps.store.getApplication(e.app.userId, 'a1');
    expect(sent?.touches.map((t) => [t.kind, t.personId, t.outcome])).toEqual([['thank_you', 'p1', 'sent'], ['thank_you', 'p2', 'sent']]);
    expect(sent?.touches[0]?.text).toContain('I look forward to hearing about the next steps.');
  });
});
