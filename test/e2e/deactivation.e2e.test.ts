/**
 * An admin deactivates a job seeker on the Accounts page in real Chromium, and reactivates them:
 * the question first (focus on it, back on "Deactivate…" when kept), the status in words, the
 * seeker's open page sent to sign-in, their sign-in answered as a wrong password, the coach's
 * table showing them as deactivated with nothing counted, and focus on the row's other button
 * after each step. Axe and no overflow at desktop and 390 px; screenshots as
 * artifacts/screenshots/deactivation-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.js';
import { DEFAULT_SESSION_CACHE_MS } from '../../src/server/session-cache.js';
import { DESKTOP, extraPage, PHONE, settled, shotFromTop, startE2E, type E2E, type SeededAccount, seriousViolations, signInAt } from './harness.js';
import { SEED_NOW, seedRecord } from './seed.js';

let e: E2E;
const pages: Page[] = [];

function seeded(): NonNullable<E2E['accounts']> {
  if (!e.accounts) throw new Error('startE2E did not seed accounts');
  return e.accounts;
}

const newPage = (viewport: { width: number; height: number } = DESKTOP): Promise<Page> => extraPage(e.browser, pages, viewport);

const signIn = (page: Page, who: SeededAccount): Promise<void> => signInAt(page, e.origin, who);

/** The focused element's accessible text (its aria-label, else its text). */
const focused = (page: Page): Promise<string> => page.evaluate(() => {
  const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null } }).document.activeElement;
  return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
});

const overflow = (page: Page): Promise<number> => page.evaluate(() => {
  const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
  return g.document.documentElement.scrollWidth - g.innerWidth;
});

beforeAll(async () => {
  // Thu 5 Mar 2026, 10:00 in New York: Jordan Lee's thank-you to Tom Reyes is overdue.
  e = await startE2E({ now: SEED_NOW, accounts: true });
  await seedRecord(e.app);
  const { deps, organisationId } = seeded();
  await createAccount(deps, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'seeker', organisationId, password: 'priya correct horse battery' });
}, 120_000);

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await e.close();
});

describe('deactivating an account on the Accounts page', () => {
  it('asks first, ends the seeker’s session, shows the status in words, and the coach sees the seeker as deactivated', async () => {
    const { admin, seeker, coach } = seeded();
    // The job seeker is signed in on their own browser.
    const seekerPage = await newPage();
    await signIn(seekerPage, seeker);
    await settled(seekerPage, 'Today');

    const page = await newPage();
    await signIn(page, admin);
    await settled(page, 'Accounts');
    const row = page.getByRole('row').filter({ hasText: seeker.email });
    expect(await row.locator('th').textContent()).toBe('Jordan Lee');
    // One's own account has no such button.
    expect(await page.getByRole('button', { name: 'Deactivate Alex Morgan…' }).count()).toBe(0);

    // Asked first; keeping the account puts focus back on the button.
    await page.getByRole('button', { name: 'Deactivate Jordan Lee…' }).click();
    const question = page.getByRole('group', { name: /^Deactivate Jordan Lee\?/ });
    await question.waitFor();
    expect(await focused(page)).toMatch(/^$|Deactivate Jordan Lee\?/);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('role'))).toBe('group');
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'deactivation-question');
    await page.getByRole('button', { name: 'Keep active' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('Deactivate Jordan Lee…');

    await page.keyboard.press('Enter');
    await question.waitFor();
    await page.getByRole('button', { name: 'Deactivate Jordan Lee', exact: true }).click();
    await page.getByText('Jordan Lee is deactivated: they can no longer sign in, and they are signed out everywhere (one session ended). Their records are kept.').waitFor();
    const reactivate = page.getByRole('button', { name: 'Reactivate Jordan Lee' });
    await reactivate.waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') === 'Reactivate Jordan Lee');
    expect(await row.locator('th').textContent()).toBe('Jordan LeeDeactivated since Thu 5 Mar 2026');
    expect(await page.locator('.admin-table').evaluate((el) => el.scrollWidth - el.clientWidth), 'the table is wider than its card').toBeLessThanOrEqual(1);
    // Nothing to sign out or reset on a deactivated account.
    expect(await row.getByRole('button', { name: /Reset link|Sign out everywhere/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'deactivation-admin-desktop');
    await page.setViewportSize(PHONE);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await page.locator('.admin-table').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shotFromTop(page, 'deactivation-admin-phone');
    await page.setViewportSize(DESKTOP);

    // The seeker's open page: the next request after the server's short memory brings the sign-in page; their password no longer works.
    await seekerPage.waitForTimeout(DEFAULT_SESSION_CACHE_MS + 500);
    await seekerPage.getByRole('link', { name: 'Pipeline' }).click();
    await settled(seekerPage, 'Sign in');
    await seekerPage.getByLabel('Email', { exact: true }).fill(seeker.email);
    await seekerPage.getByLabel('Password', { exact: true }).fill(seeker.password);
    await seekerPage.getByRole('button', { name: 'Sign in' }).click();
    await seekerPage.getByText('Wrong email or password. Check both and try again.').waitFor();

    // The coach: Jordan is deactivated, owes nothing, and is counted nowhere.
    const coachPage = await newPage();
    await signIn(coachPage, coach);
    await settled(coachPage, 'Your job seekers');
    const jordan = coachPage.locator('tr.coach-tr').filter({ hasText: seeker.email });
    expect(await jordan.locator('th').textContent()).toContain('Deactivated');
    expect(await jordan.locator('td[data-label="Owes now"]').textContent()).toBe('Nothing: the account is deactivated');
    expect(await jordan.locator('td[data-label="Overdue"]').textContent()).toBe('—');
    expect(await coachPage.getByRole('button', { name: /^Overdue/ }).locator('.count').textContent()).toBe('0');
    expect(await seriousViolations(coachPage)).toEqual([]);
    await shotFromTop(coachPage, 'deactivation-coach');

    // Reactivated: the same password signs in again, and focus is on the row's Deactivate… button.
    await reactivate.click();
    await page.getByText('Jordan Lee is active again: they can sign in with their password.').waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') === 'Deactivate Jordan Lee…');
    expect(await row.locator('th').textContent()).toBe('Jordan Lee');
    await seekerPage.getByRole('button', { name: 'Sign in' }).and(seekerPage.locator(':enabled')).waitFor();
    await seekerPage.getByLabel('Email', { exact: true }).fill(seeker.email);
    await seekerPage.getByLabel('Password', { exact: true }).fill(seeker.password);
    await seekerPage.getByRole('button', { name: 'Sign in' }).click();
    // Back on the page they were sent away from.
    await settled(seekerPage, 'Pipeline');
    expect(await seekerPage.locator('details.account summary').textContent()).toBe('Jordan Lee Job seeker');
  }, 120_000);
});
