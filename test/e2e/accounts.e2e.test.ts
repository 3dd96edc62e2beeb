/**
 * A shared server in real Chromium: a job seeker signs in (a wrong password first), a coach sees
 * the seeker's overdue thank-you on the dashboard, opens the read-only view and comments, the
 * seeker reads the comment on the application page, signing out ends the session for good, an
 * admin's invitation link makes an account that lands signed in. Axe on the sign-in page and the
 * coach dashboard; screenshots as artifacts/screenshots/accounts-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, createAccount } from '../../src/app/accounts.js';
import { logTouch } from '../../src/app/act.js';
import { addApplication, addInterview, addPerson, saveProfile } from '../../src/app/records.js';
import { DEFAULT_SESSION_CACHE_MS } from '../../src/server/session-cache.js';
import { ARTIFACTS, DESKTOP, extraPage, PHONE, settled, shotFromTop, startE2E, type E2E, type SeededAccount, seriousViolations } from './harness.js';
import { HOSTILE_COMPANY, SEED_NOW, seedRecord } from './seed.js';

let e: E2E;
const pages: Page[] = [];
let adminPage: Page | undefined;
const COMMENT = 'Tom Reyes is still waiting for his thank-you: send it today, and mention the backlog question you wanted to finish.';

function seeded(): NonNullable<E2E['accounts']> {
  if (!e.accounts) throw new Error('startE2E did not seed accounts');
  return e.accounts;
}

const newPage = (viewport: { width: number; height: number } = DESKTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => extraPage(e.browser, pages, viewport, colorScheme);
const shot = (page: Page, name: string): Promise<void> => shotFromTop(page, `accounts-${name}`);

async function signIn(page: Page, who: SeededAccount, password = who.password): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Axe in light and dark, at desktop and phone width, with nothing wider than a phone; a screenshot of each. */
async function scan(page: Page, name: string, heading: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      await settled(page, heading);
      expect(await seriousViolations(page), `${name} ${scheme} ${width}`).toEqual([]);
      if (width === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(1);
      }
      await shot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(DESKTOP);
}

beforeAll(async () => {
  // Thu 5 Mar 2026, 10:00 in New York: the thank-you to Tom Reyes (interview Tue 3 Mar, 10:00) is overdue.
  e = await startE2E({ now: SEED_NOW, accounts: true });
  await seedRecord(e.app);
  // Mon 2 Mar 2026, a first round, thanked the same afternoon: the seeker now waits on Umbrella Health.
  await addApplication(e.app, { id: 'a5', company: 'Umbrella Health', role: 'BI Analyst', appliedOn: '2026-02-16' });
  await addPerson(e.app, 'a5', { id: 'p1', name: 'Rosa Diaz', email: 'r.diaz@umbrella.example' });
  await addInterview(e.app, 'a5', { id: 'i1', start: '2026-03-02T10:00', end: '2026-03-02T11:00', stage: 'first_round', format: 'video', peopleIds: ['p1'] });
  await logTouch(e.app, 'a5', { kind: 'thank_you', channel: 'email', outcome: 'sent', personId: 'p1', at: '2026-03-02T15:00', text: 'Dear Ms. Diaz, thank you for your time today.' }, new Set(['P2', 'L8']));
  // A second job seeker of the coach's, set up but with nothing pending: shown after Jordan, who needs attention.
  const { deps, coach, organisationId } = seeded();
  const priya = await createAccount(deps, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'seeker', organisationId, password: 'priya correct horse battery' });
  await assign(deps, coach.account.id, priya.id);
  await saveProfile({ ...e.app, userId: priya.id }, { timeZone: 'Europe/London', region: 'GB-ENG' }, { name: 'Priya Shah' });
  // The account the lockout test locks.
  await createAccount(deps, { name: 'Lee Park', email: 'lee.park@example.org', role: 'seeker', organisationId, password: 'lee park correct horse' });
}, 120_000);

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await e.close();
});

describe('a shared server', () => {
  it('shows the sign-in page to a browser without a session, with no serious accessibility violation', async () => {
    await e.page.goto(e.origin + '/');
    await settled(e.page, 'Sign in');
    // No navigation of a signed-in frame, no key hint of a local install.
    expect(await e.page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await e.page.locator('body').textContent()).not.toContain('afterword serve');
    await scan(e.page, 'sign-in', 'Sign in');
  }, 120_000);

  it('says "wrong email or password" for a wrong password, the same as for an unknown email', async () => {
    const { seeker } = seeded();
    await signIn(e.page, seeker, 'not my password at all');
    const alert = e.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong email or password. Check both and try again.');
    await shot(e.page, 'sign-in-error');

    await signIn(e.page, { ...seeker, email: 'nobody@example.org' }, 'not my password at all');
    await e.page.getByRole('button', { name: 'Sign in' }).and(e.page.locator(':enabled')).waitFor();
    expect(await alert.textContent()).toBe('Wrong email or password. Check both and try again.');
  }, 60_000);

  it('signs the job seeker in to their Today, with their name and role in the frame', async () => {
    const { seeker } = seeded();
    await signIn(e.page, seeker);
    await settled(e.page, 'Today');
    await e.page.getByRole('heading', { name: 'Thank-you note to Tom Reyes' }).waitFor();
    const menu = e.page.locator('details.account summary');
    expect(await menu.textContent()).toBe('Jordan Lee Job seeker');
    await menu.click();
    await e.page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();
    await shot(e.page, 'seeker-today');
    await e.page.keyboard.press('Escape');
    expect(await e.page.getByRole('button', { name: 'Sign out everywhere' }).isVisible()).toBe(false);
  }, 60_000);

  it('shows the coach the seeker\u2019s overdue thank-you on the dashboard, with why that date', async () => {
    const { coach } = seeded();
    const page = await newPage();
    await page.goto(e.origin + '/');
    await settled(page, 'Sign in');
    await signIn(page, coach);
    await settled(page, 'Your job seekers');
    expect(await page.locator('details.account summary').textContent()).toBe('Casey Brooks Coach');
    // Those needing attention first.
    expect(await page.locator('tbody tr.coach-tr th a').allTextContents()).toEqual(['Jordan Lee', 'Priya Shah']);
    const row = page.locator('tr.coach-tr').filter({ hasText: 'Jordan Lee' });
    const cell = (label: string) => row.locator(`td[data-label="${label}"]`).textContent();
    expect(await cell('Overdue')).toBe('3');
    // Waiting on Umbrella Health: F2's first check may be made from Wed 4 Mar (two business days after Mon 2 Mar).
    expect(await cell('Waiting on')).toBe('Umbrella Healthstatus check open since Wed 4 Mar, 09:00');
    // P1: the last application was Fri 20 Feb, 13 days ago.
    expect(await cell('Last applied')).toContain('13 days ago');
    await page.getByRole('button', { name: 'Why? Jordan Lee' }).click();
    const detail = page.locator('tr.coach-detail');
    const text = await detail.textContent();
    expect(text).toContain('Thank-you note to Tom Reyes');
    // Wed 4 Mar 2026, 11:00 in New York: T2's latest, 24 hours after the interview ended.
    expect(text).toContain('was due by Wed 4 Mar, 11:00');
    expect(text).toContain('Thank-you timing (T2)');
    expect(text).toContain('No new application for 13 days');
    await page.getByRole('button', { name: 'Hide Jordan Lee' }).click();
    await scan(page, 'coach-dashboard', 'Your job seekers');
  }, 120_000);

  it('lets the coach open the seeker\u2019s read-only view and comment on an application', async () => {
    const page = pages[0];
    if (!page) throw new Error('no coach page');
    await page.getByRole('link', { name: 'Jordan Lee' }).click();
    await settled(page, 'Jordan Lee');
    await page.getByRole('heading', { name: 'Thank-you note to Tom Reyes' }).waitFor();
    // Markup in a company name is text.
    expect(await page.locator('main').textContent()).toContain(HOSTILE_COMPANY);
    expect(await page.locator('main img, main script').count()).toBe(0);
    // Read-only: nothing to draft, log, move or close.
    for (const name of ['Log what happened', 'Close application', 'Add a person']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    for (const name of ['Draft', 'Call script', 'Add interview']) expect(await page.getByRole('link', { name, exact: true }).count(), name).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'coach-seeker');

    await page.locator('.coach-apps').getByRole('link', { name: 'Acme Corp' }).click();
    await settled(page, 'Acme Corp');
    await page.getByText('No comments yet.').waitFor();
    for (const name of ['Log what happened', 'Close application', 'Add a person']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(await page.getByRole('link', { name: 'Add interview' }).count()).toBe(0);
    await page.getByLabel('Add a comment').fill(COMMENT);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Comment added.').waitFor();
    const list = page.locator('ol.comments');
    await list.getByText(COMMENT).waitFor();
    expect(await list.textContent()).toContain('Casey Brooks');
    expect(await page.getByLabel('Add a comment').inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'coach-application');
  }, 60_000);

  it('shows the job seeker their coach\u2019s comment on the application page, and nothing on one without', async () => {
    await e.page.goto(e.origin + '/applications/a1');
    await settled(e.page, 'Acme Corp');
    const section = e.page.getByRole('region', { name: /From your coach/ });
    await section.getByText(COMMENT).waitFor();
    expect(await section.textContent()).toContain('Casey Brooks');
    expect(await section.getByRole('textbox').count()).toBe(0);
    await shot(e.page, 'seeker-application');

    await e.page.goto(e.origin + '/applications/a3');
    await settled(e.page, 'Globex');
    expect(await e.page.getByRole('region', { name: /From your coach/ }).count()).toBe(0);
  }, 60_000);

  it('makes a calendar feed address on request, shows it once, and stops it', async () => {
    await e.page.goto(e.origin + '/settings/calendar');
    await settled(e.page, 'Calendar feed');
    expect(await e.page.getByLabel('Feed address (ICS)').count()).toBe(0);
    await e.page.getByRole('button', { name: 'Make a feed address' }).click();
    const feed = e.page.getByLabel('Feed address (ICS)');
    await feed.waitFor();
    const url = await feed.inputValue();
    expect(url.startsWith(`${e.origin}/api/calendar.ics?token=`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
    await e.page.screenshot({ path: join(ARTIFACTS, 'accounts-settings-feed.png') });
    await e.page.getByRole('button', { name: 'Stop this feed' }).click();
    await e.page.getByText('Stopped: the old address no longer works.').waitFor();
    expect((await fetch(url)).status).toBe(401);
    expect(await e.page.getByLabel('Feed address (ICS)').count()).toBe(0);
  }, 60_000);

  it('signs out to the sign-in page, and the old session no longer works', async () => {
    const before = (await e.context.cookies()).find((c) => c.name === 'afterword_session');
    expect(before).toBeDefined();
    await e.page.locator('details.account summary').click();
    await e.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await settled(e.page, 'Sign in');
    await e.page.getByText('You are signed out.').waitFor();
    expect(new URL(e.page.url()).pathname).toBe('/');
    expect((await e.context.cookies()).some((c) => c.name === 'afterword_session')).toBe(false);
    for (const path of ['/api/session', '/api/today']) {
      const res = await fetch(e.origin + path, { headers: { Cookie: `afterword_session=${before?.value ?? ''}` } });
      expect(res.status, path).toBe(401);
    }
  }, 60_000);

  it('makes an invitation link on the admin\u2019s page; opening it creates an account that lands signed in', async () => {
    const { admin } = seeded();
    adminPage = await newPage();
    await adminPage.goto(e.origin + '/');
    await settled(adminPage, 'Sign in');
    await signIn(adminPage, admin);
    await settled(adminPage, 'Accounts');
    expect(await adminPage.locator('table').textContent()).toContain('casey.brooks@example.org');
    await adminPage.getByLabel('Email', { exact: true }).fill('sam.rivera@example.org');
    await adminPage.getByLabel('Their coach').selectOption({ label: 'Casey Brooks (casey.brooks@example.org)' });
    await adminPage.getByRole('button', { name: 'Make invitation link' }).click();
    const link = adminPage.getByLabel('Invitation link for sam.rivera@example.org');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${e.origin}/accept\\?token=[\\w-]{20,}$`));
    expect(await seriousViolations(adminPage)).toEqual([]);
    await shot(adminPage, 'admin');

    const page = await newPage();
    await page.goto(url);
    await settled(page, 'Accept your invitation');
    await page.getByText('At least 12 characters.').waitFor();
    await page.getByLabel('Your name').fill('Sam Rivera');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    await page.getByText('Too short: use at least 12 characters (this one has 9).').waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'accept-error');
    await page.getByLabel('Password', { exact: true }).fill('river stone lantern');
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    // Signed in as the new job seeker: the first-run setup, their name already filled in, and the token gone from the address.
    await settled(page, 'Welcome to Afterword');
    expect(await page.locator('details.account summary').textContent()).toBe('Sam Rivera Job seeker');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Sam Rivera');
    expect(page.url()).toBe(`${e.origin}/`);
    await page.getByRole('button', { name: 'Start' }).click();
    await settled(page, 'Today');
    await shot(page, 'accepted');

    // Ended by another process (here: the store, as "afterword admin sign-out" does): once the server's
    // memory of the session (2 s) has passed, the next request brings the sign-in page.
    const sam = await seeded().deps.accounts.findCredentials('sam.rivera@example.org');
    expect(await seeded().deps.accounts.deleteSessions(sam?.account.id ?? '')).toBe(1);
    await page.waitForTimeout(DEFAULT_SESSION_CACHE_MS + 500);
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await settled(page, 'Sign in');
    await page.getByText('Your session has ended: sign in again.').waitFor();

    // The link worked once.
    const again = await newPage();
    await again.goto(url);
    await settled(again, 'Accept your invitation');
    await again.getByLabel('Your name').fill('Someone Else');
    await again.getByLabel('Password', { exact: true }).fill('another long password');
    await again.getByRole('button', { name: 'Create account and sign in' }).click();
    await again.getByText('This invitation link is unknown, already used or expired.').waitFor();

    // The coach now follows Sam too.
    const coachPage = pages[0];
    if (!coachPage) throw new Error('no coach page');
    await coachPage.goto(e.origin + '/');
    await settled(coachPage, 'Your job seekers');
    await coachPage.getByRole('link', { name: 'Sam Rivera', exact: true }).waitFor();
  }, 120_000);

  it('hands out a reset link on the admin’s page; the new password signs in, the old one no longer does', async () => {
    if (!adminPage) throw new Error('no admin page');
    await adminPage.getByRole('button', { name: 'Reset link for Priya Shah' }).click();
    const link = adminPage.getByLabel('Password reset link for Priya Shah');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${e.origin}/reset\\?token=[\\w-]{20,}$`));

    const page = await newPage();
    await page.goto(url);
    await settled(page, 'Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill('a brand new priya password');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await settled(page, 'Sign in');
    await page.getByText('Your password is changed. Sign in with the new one.').waitFor();
    expect(page.url()).toBe(`${e.origin}/`);
    await shot(page, 'reset-done');
    await signIn(page, { account: seeded().seeker.account, email: 'priya.shah@example.org', password: 'priya correct horse battery' });
    await page.getByText('Wrong email or password. Check both and try again.').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
    await signIn(page, { account: seeded().seeker.account, email: 'priya.shah@example.org', password: 'a brand new priya password' });
    await settled(page, 'Today');
    expect(await page.locator('details.account summary').textContent()).toBe('Priya Shah Job seeker');
  }, 60_000);

  it('lets the admin add a coach for a job seeker and remove them again; the coach’s dashboard follows', async () => {
    if (!adminPage) throw new Error('no admin page');
    const row = adminPage.getByRole('row').filter({ hasText: 'lee.park@example.org' });
    expect(await row.locator('td[data-label="Coaches"]').textContent()).toContain('None');
    await adminPage.getByLabel('Add a coach for Lee Park').selectOption({ label: 'Casey Brooks' });
    const remove = adminPage.getByRole('button', { name: "Remove Casey Brooks as Lee Park's coach" });
    await remove.waitFor();
    expect(await row.locator('td[data-label="Coaches"]').textContent()).toContain('Casey Brooks');
    expect(await seriousViolations(adminPage)).toEqual([]);
    await shot(adminPage, 'admin-coaches');

    const coachPage = pages[0];
    if (!coachPage) throw new Error('no coach page');
    await coachPage.goto(e.origin + '/');
    await settled(coachPage, 'Your job seekers');
    await coachPage.getByRole('link', { name: 'Lee Park', exact: true }).waitFor();

    await remove.click();
    await adminPage.getByLabel('Add a coach for Lee Park').waitFor();
    await remove.waitFor({ state: 'detached' });
    expect(await row.locator('td[data-label="Coaches"]').textContent()).toContain('None');
    await coachPage.reload();
    await settled(coachPage, 'Your job seekers');
    expect(await coachPage.getByRole('link', { name: 'Lee Park', exact: true }).count()).toBe(0);
  }, 60_000);

  it('after five wrong passwords from one address, asks it to wait a minute, in words, and holds the button meanwhile', async () => {
    // A new minute: the sign-in limit (10 a minute from one address) starts afresh.
    e.setNow('2026-03-05T10:02:00-05:00');
    const page = await newPage();
    await page.goto(e.origin + '/');
    await settled(page, 'Sign in');
    const lee: SeededAccount = { account: seeded().seeker.account, email: 'lee.park@example.org', password: 'not the password' };
    const alert = page.getByRole('alert');
    for (let i = 1; i <= 5; i++) {
      await signIn(page, lee);
      await alert.waitFor();
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
    }
    // Five tries are answered as tries (the same words whether or not the email has an account)…
    expect(await alert.textContent()).toBe('Wrong email or password. Check both and try again.');
    // …the sixth from this address waits, for this email only.
    await signIn(page, lee);
    await page.getByText('Too many attempts that did not succeed. Wait 1 minute and try again, or ask your admin for a reset link.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await shot(page, 'sign-in-wait');
  }, 60_000);
});
