/**
 * A coach's day in real Chromium: 40 followed job seekers in one table (overdue first), each
 * filter's count equal to the rows it shows, sorting by a column, the reasons one click away,
 * "not joined" apart from "not set up" (and no command on the page of one without a profile), no
 * request for a job seeker's profile, the page and the admin's Accounts page at 390 px; the job
 * seeker reading a new coach comment on Today; the table with 200 job seekers.
 * Screenshots as artifacts/screenshots/coach-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, comment, createAccount } from '../../src/app/accounts.js';
import type { Account } from '../../src/app/ports.js';
import { addApplication, addInterview, addPerson, saveProfile } from '../../src/app/records.js';
import { DESKTOP, extraPage, PHONE, seriousViolations, settled, shotFromTop, startE2E, type E2E, type SeededAccount, signInAt } from './harness.js';
import { SEED_NOW, seedRecord } from './seed.js';
import { technicalText } from './words.js';

let e: E2E;
let coachPage: Page;
const pages: Page[] = [];
const NOTE = 'Lovely work on Acme: ask Tom Reyes about the backlog question when you thank him.';

const FIRST = ['Avery', 'Blake', 'Carmen', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Ira', 'Jules', 'Kofi', 'Lena', 'Mika', 'Nadia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tess'];
const LAST = ['Abbott', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen'];

function seeded(): NonNullable<E2E['accounts']> {
  if (!e.accounts) throw new Error('startE2E did not seed accounts');
  return e.accounts;
}

type Kind = 'no_password' | 'not_set_up' | 'overdue' | 'due' | 'quiet' | 'recent';
const KINDS: readonly Kind[] = ['no_password', 'not_set_up', 'overdue', 'overdue', 'due', 'quiet', 'recent', 'recent'];

/** A job seeker the coach follows, in one of the states a coach meets (SEED_NOW is Thu 5 Mar 2026, 10:00 in New York). */
const made = new Map<Kind, number>();

async function follow(n: number, kind: Kind): Promise<Account> {
  const { deps, coach, organisationId } = seeded();
  made.set(kind, (made.get(kind) ?? 0) + 1);
  const first = FIRST[n % FIRST.length] ?? 'Avery';
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length] ?? 'Abbott';
  const email = `${first}.${last}@example.org`.toLowerCase();
  const account = await createAccount(deps, {
    name: `${first} ${last}`, email, role: 'seeker', organisationId, ...(kind === 'no_password' ? {} : { password: 'a long enough password' }),
  });
  await assign(deps, coach.account.id, account.id);
  if (kind === 'no_password' || kind === 'not_set_up') return account;
  const app = { ...e.app, userId: account.id };
  await saveProfile(app, { timeZone: 'America/New_York', region: 'US' }, { name: `${first} ${last}` });
  const appliedOn = kind === 'quiet' ? '2026-01-20' : kind === 'recent' ? '2026-03-04' : '2026-02-23';
  const id = (await addApplication(app, { company: `${last} & Co`, role: 'Analyst', appliedOn })).application.id;
  if (kind === 'overdue' || kind === 'due') {
    await addPerson(app, id, { id: 'p1', name: 'Morgan Hale', email: 'm.hale@employer.example' });
    // Overdue: Mon 2 Mar (T2's latest was Tue 3 Mar, 11:00); due: Wed 4 Mar, 14:00 (latest Thu 5 Mar, 15:00).
    const [start, end] = kind === 'overdue' ? ['2026-03-02T10:00', '2026-03-02T11:00'] : ['2026-03-04T14:00', '2026-03-04T15:00'];
    await addInterview(app, id, { start, end, stage: 'first_round', peopleIds: ['p1'] });
  }
  return account;
}

const newPage = (viewport: { width: number; height: number } = DESKTOP): Promise<Page> => extraPage(e.browser, pages, viewport);
const shot = (page: Page, name: string): Promise<void> => shotFromTop(page, `coach-${name}`);

const signIn = (page: Page, who: SeededAccount): Promise<void> => signInAt(page, e.origin, who);

const rows = (page: Page) => page.locator('tbody tr.coach-tr');
const names = (page: Page) => page.locator('tbody tr.coach-tr th a').allTextContents();
const column = async (page: Page, label: string): Promise<string[]> => page.locator(`tbody tr.coach-tr td[data-label="${label}"]`).allTextContents();

beforeAll(async () => {
  e = await startE2E({ now: SEED_NOW, accounts: true });
  // Jordan Lee (followed by the seeded coach): an overdue thank-you to Tom Reyes at Acme Corp, and more.
  await seedRecord(e.app);
  for (let n = 1; n < 40; n++) await follow(n, KINDS[n % KINDS.length] ?? 'recent');
  coachPage = await newPage();
}, 180_000);

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await e.close();
});

describe('a coach with 40 job seekers', () => {
  it('shows them in one table, overdue first, without asking for a job seeker\u2019s profile', async () => {
    const asked: string[] = [];
    coachPage.on('response', (r) => {
      if (r.status() >= 400) asked.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await signIn(coachPage, seeded().coach);
    await settled(coachPage, 'Your job seekers');
    expect(await rows(coachPage).count()).toBe(40);
    const overdue = (await column(coachPage, 'Overdue')).map((t) => (t === '—' ? -1 : Number(t)));
    expect(overdue[0]).toBeGreaterThan(0);
    // Overdue first: the counts never rise down the table.
    expect(overdue.slice(0, 15)).toEqual([...overdue.slice(0, 15)].sort((a, b) => b - a));
    expect((await names(coachPage))[0]).toBe('Jordan Lee');
    await shot(coachPage, 'table-desktop');
    // A reload starts with what this browser showed last: no profile is asked for, nothing is refused.
    asked.length = 0;
    await coachPage.reload();
    await settled(coachPage, 'Your job seekers');
    expect(asked.filter((a) => !a.startsWith('401'))).toEqual([]);
    expect(asked.some((a) => a.endsWith('/api/profile'))).toBe(false);
    expect(await technicalText(coachPage)).toEqual([]);
    expect(await seriousViolations(coachPage)).toEqual([]);
  }, 120_000);

  it('filters: every count is the number of rows it shows', async () => {
    const filters = coachPage.getByRole('group', { name: 'Show' }).getByRole('button');
    const labels = await filters.allTextContents();
    expect(labels.map((l) => l.replace(/\s*\d+$/, ''))).toEqual(['Everyone', 'Overdue', 'Due now', 'Quiet 7+ days', 'Not joined yet', 'Not set up yet']);
    for (let i = 0; i < labels.length; i++) {
      const button = filters.nth(i);
      const count = Number(await button.locator('.count').textContent());
      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      const shown = count === 0 ? 0 : await rows(coachPage).count();
      expect(shown, labels[i]).toBe(count);
      expect(await coachPage.locator('.coach-showing').textContent(), labels[i]).toContain(i === 0 ? `all ${count}` : `${count} of 40`);
    }
    // Not joined yet: those who never accepted; not set up: those who did but saved no profile. Each says which.
    await filters.filter({ hasText: 'Not joined yet' }).click();
    expect(await column(coachPage, 'Owes now')).toEqual(Array(made.get('no_password')).fill('Has not accepted the invitation'));
    await filters.filter({ hasText: 'Not set up yet' }).click();
    expect(await column(coachPage, 'Owes now')).toEqual(Array(made.get('not_set_up')).fill('Joined; no profile yet'));
    // Overdue: exactly the rows with an overdue count, the address keeps the filter.
    await filters.filter({ hasText: 'Overdue' }).click();
    expect((await column(coachPage, 'Overdue')).every((t) => Number(t) > 0)).toBe(true);
    expect(new URL(coachPage.url()).searchParams.get('show')).toBe('overdue');
    // Quiet for N days: a larger N, fewer people.
    await filters.filter({ hasText: 'Quiet' }).click();
    const quiet7 = await rows(coachPage).count();
    await coachPage.getByLabel('Quiet after').fill('30');
    await coachPage.getByRole('button', { name: /Quiet 30\+ days/ }).waitFor();
    expect(await rows(coachPage).count()).toBeLessThan(quiet7);
    expect(Number(await coachPage.getByRole('button', { name: /Quiet 30\+ days/ }).locator('.count').textContent())).toBe(await rows(coachPage).count());
    await coachPage.getByLabel('Quiet after').fill('7');
    await filters.filter({ hasText: 'Everyone' }).click();
    // Search by name.
    await coachPage.getByLabel('Find').fill('jordan');
    expect(await names(coachPage)).toEqual(['Jordan Lee']);
    await coachPage.getByLabel('Find').fill('');
    expect(await rows(coachPage).count()).toBe(40);
  }, 120_000);

  it('sorts by a column, and back to overdue first', async () => {
    await coachPage.getByRole('button', { name: 'Job seeker' }).click();
    const byName = await names(coachPage);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    expect(await coachPage.locator('th[aria-sort="ascending"]').textContent()).toContain('Job seeker');
    await coachPage.getByRole('button', { name: 'Last applied' }).click();
    const applied = await column(coachPage, 'Last applied');
    const days = applied.filter((t) => /days ago/.test(t)).map((t) => Number(/(\d+) days ago/.exec(t)?.[1]));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(await coachPage.locator('th[aria-sort="descending"]').textContent()).toContain('Last applied');
    await coachPage.getByRole('button', { name: 'Last applied' }).click();
    expect(await coachPage.locator('th[aria-sort]').count()).toBe(0);
    expect((await names(coachPage))[0]).toBe('Jordan Lee');
  }, 60_000);

  it('opens the reasons of a row with one click: each date with the planner\u2019s words and its rules named', async () => {
    await coachPage.getByRole('button', { name: 'Why? Jordan Lee' }).click();
    const detail = coachPage.locator('tr.coach-detail').first();
    await detail.waitFor();
    const text = await detail.textContent();
    expect(text).toContain('Thank-you note to Tom Reyes');
    expect(text).toContain('Thank-you timing (T2)');
    expect(text).toContain('was due by Wed 4 Mar, 11:00');
    await shot(coachPage, 'why');
    expect(await technicalText(coachPage)).toEqual([]);
    await coachPage.getByRole('button', { name: 'Hide Jordan Lee' }).click();
    expect(await coachPage.locator('tr.coach-detail').count()).toBe(0);
  }, 60_000);

  it('shows a job seeker without a profile in words, with no command to type', async () => {
    await coachPage.getByRole('group', { name: 'Show' }).getByRole('button').filter({ hasText: 'Not set up yet' }).click();
    await coachPage.locator('tbody tr.coach-tr th a').first().click();
    await coachPage.getByRole('heading', { name: 'Not set up yet', level: 2 }).waitFor();
    const main = await coachPage.locator('main').textContent();
    expect(main).not.toMatch(/afterword|setup|--name/i);
    expect(await technicalText(coachPage)).toEqual([]);
    await shot(coachPage, 'not-set-up');
    await coachPage.getByRole('link', { name: 'All job seekers' }).click();
    await settled(coachPage, 'Your job seekers');
    // A box left unticked in a debrief reads as such, not as a "No".
    await coachPage.goto(`${e.origin}/seekers/${seeded().seeker.account.id}/applications/a1`);
    await settled(coachPage, 'Acme Corp');
    const facts = coachPage.locator('.interview-card').first();
    expect(await facts.locator('div').filter({ hasText: /^Check-ins welcome/ }).textContent()).toBe('Check-ins welcomenot ticked');
    expect(await facts.locator('.chip', { hasText: /^No$/ }).count()).toBe(0);
    expect(await technicalText(coachPage)).toEqual([]);
    // Someone the coach does not follow: said in words, never their id.
    const stranger = seeded().admin.account.id;
    await coachPage.goto(`${e.origin}/seekers/${stranger}`);
    await settled(coachPage, 'Not among your job seekers');
    await coachPage.getByText('This job seeker is not among the ones you follow.').waitFor();
    expect(await coachPage.locator('body').innerText()).not.toContain(stranger);
    expect(await technicalText(coachPage)).toEqual([]);
    await coachPage.goto(e.origin + '/');
    await settled(coachPage, 'Your job seekers');
  }, 60_000);

  it('fits 390 px: each job seeker a block of labelled lines, no serious accessibility violation, light and dark', async () => {
    await coachPage.setViewportSize(PHONE);
    for (const scheme of ['light', 'dark'] as const) {
      await coachPage.emulateMedia({ colorScheme: scheme });
      await settled(coachPage, 'Your job seekers');
      const overflow = await coachPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, scheme).toBeLessThanOrEqual(1);
      expect(await seriousViolations(coachPage), scheme).toEqual([]);
      await shot(coachPage, `table-phone-${scheme}`);
    }
    await coachPage.emulateMedia({ colorScheme: 'light' });
    await coachPage.setViewportSize(DESKTOP);
  }, 120_000);
});

describe('the job seeker', () => {
  it('reads a new coach comment on Today, and marks it read', async () => {
    const { deps, coach, seeker } = seeded();
    await comment(deps, seeker.account.id, 'a1', coach.account, NOTE);
    const page = await newPage();
    await signIn(page, seeker);
    await settled(page, 'Today');
    const notes = page.getByRole('region', { name: /From your coach/ });
    await notes.getByText(NOTE).waitFor();
    expect(await notes.textContent()).toContain('Casey Brooks on Acme Corp');
    expect(await technicalText(page)).toEqual([]);
    await shot(page, 'seeker-today');
    await notes.getByRole('button', { name: 'Mark as read' }).click();
    await notes.waitFor({ state: 'detached' });
    await page.reload();
    await settled(page, 'Today');
    await page.getByRole('heading', { name: 'Thank-you note to Tom Reyes' }).waitFor();
    expect(await page.getByRole('region', { name: /From your coach/ }).count()).toBe(0);
  }, 60_000);
});

describe('the admin', () => {
  it('has the Accounts page at 390 px without a table wider than its card, with role and sign-out-everywhere per account', async () => {
    const page = await newPage(PHONE);
    await signIn(page, seeded().admin);
    await settled(page, 'Accounts');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const card = await page.locator('.admin-table').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(card).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'admin-phone');
    await page.getByRole('button', { name: 'Sign out everywhere: Jordan Lee' }).click();
    await page.getByText(/Jordan Lee is signed out everywhere|Jordan Lee was not signed in anywhere/).waitFor();
    await page.getByLabel('Role of Blake Abbott').selectOption('coach');
    await page.getByText('Blake Abbott is now a coach: they are signed out and their coaches no longer follow them.').waitFor();
    // An invitation with the coach: pending on the admin's page, a "Not joined yet" row on the coach's, until taken back.
    await page.getByLabel('Email', { exact: true }).fill('zoe.invited@example.org');
    await page.getByLabel('Their coach').selectOption({ label: 'Casey Brooks (casey.brooks@example.org)' });
    await page.getByRole('button', { name: 'Make invitation link' }).click();
    const pending = page.getByRole('region', { name: /Invited, not joined yet/ });
    await pending.getByText('zoe.invited@example.org').waitFor();
    expect(await pending.textContent()).toContain('Job seeker, followed by Casey Brooks');
    expect(await technicalText(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await shot(page, 'admin-desktop');
    await coachPage.goto(e.origin + '/?show=not-joined');
    await settled(coachPage, 'Your job seekers');
    const invited = coachPage.locator('tr.coach-tr').filter({ hasText: 'zoe.invited@example.org' });
    expect(await invited.locator('td[data-label="Owes now"]').textContent()).toBe('Invited; has not accepted yet');
    expect(await invited.locator('th').textContent()).toContain('Not joined yet');
    await shot(coachPage, 'not-joined');
    await pending.getByRole('button', { name: 'Take back: zoe.invited@example.org' }).click();
    await pending.waitFor({ state: 'detached' });
  }, 60_000);
});

describe('at 200 job seekers', () => {
  it('shows every one of them in the table, and the Overdue filter agrees with its count', async () => {
    for (let n = 40; n < 200; n++) await follow(n, KINDS[n % KINDS.length] ?? 'recent');
    const started = Date.now();
    await coachPage.goto(e.origin + '/');
    await settled(coachPage, 'Your job seekers');
    await rows(coachPage).nth(198).waitFor();
    // Blake Abbott became a coach above: 199 job seekers. The time is printed, not asserted: speed
    // targets are benchmarks' to check, and this machine may be busy.
    expect(await rows(coachPage).count()).toBe(199);
    console.log(`coach table, 199 job seekers: page shown ${Date.now() - started} ms`);
    await coachPage.getByRole('group', { name: 'Show' }).getByRole('button').filter({ hasText: 'Overdue' }).click();
    expect(await rows(coachPage).count()).toBe(Number(await coachPage.getByRole('button', { name: /^Overdue/ }).locator('.count').textContent()));
  }, 300_000);
});
