/**
 * Words for people, in real Chromium: every page of a lived-in record, with its folds opened, and
 * the errors a person can run into (an address that names nothing, a form the server refuses) show
 * no internal id, no ISO date or instant, no command to type and no JSON path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startE2E, type E2E } from './harness.js';
import { SEED_NOW, seedRecord } from './seed.js';
import { technicalText } from './words.js';

let e: E2E;

beforeAll(async () => {
  e = await startE2E({ now: SEED_NOW });
  await seedRecord(e.app);
}, 60_000);

afterAll(async () => e.close());

async function open(path: string): Promise<void> {
  await e.page.goto(e.origin + path);
  await e.page.locator('main h1').first().waitFor();
  await e.page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'), undefined, { timeout: 10_000 });
}

/** Opens every fold of the page: "Why this date?", details, the reasons behind each line. */
async function unfold(): Promise<void> {
  await e.page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  const closed = e.page.locator('main button[aria-expanded="false"]');
  for (let n = await closed.count(); n > 0; n--) {
    await closed.first().click();
    if (await closed.count() >= n) break;
  }
}

const PAGES: readonly string[] = [
  '/', '/pipeline', '/offers', '/settings', '/applications/new', '/applications/a1', '/applications/a2', '/applications/a3', '/applications/a4',
  '/applications/a1/interviews/new', '/applications/a1/draft?kind=thank_you&person=p2', '/applications/a1/draft?kind=status_check&person=p1',
  '/applications/a1/call?person=p1', '/applications/a3/draft?kind=reply&person=p1',
  // Addresses that name nothing: a typo, a deleted record, an old link.
  '/applications/a999', '/applications/a999/interviews/new', '/applications/a1/draft?kind=thank_you&person=p9',
  '/applications/a1/call?person=p9', '/applications/a999/draft?kind=thank_you&person=p1', '/nowhere',
];

describe('no technical text on any page', () => {
  for (const path of PAGES) {
    it(path, async () => {
      await open(path);
      await unfold();
      const found = await technicalText(e.page);
      expect(found, found.join('\n')).toEqual([]);
    }, 60_000);
  }
});

describe('errors a person can run into, in words', () => {
  it('Add interview: an end before the start is said at "Ended at", with the fix', async () => {
    await open('/applications/a1/interviews/new');
    await e.page.getByLabel('Date', { exact: true }).fill('2026-03-04');
    await e.page.getByLabel('Started at').fill('11:00');
    await e.page.getByLabel('Ended at').fill('10:00');
    await e.page.getByLabel('Stage').selectOption('second_round');
    await e.page.getByRole('button', { name: 'Save interview' }).click();
    const error = e.page.locator('.field-error', { has: e.page.getByLabel('Ended at') }).locator('.error-text');
    await error.waitFor();
    expect(await error.textContent()).toBe('It ends before it starts. Pick an end time after the start.');
    expect(await e.page.getByLabel('Ended at').getAttribute('aria-invalid')).toBe('true');
    const found = await technicalText(e.page);
    expect(found, found.join('\n')).toEqual([]);
    await error.scrollIntoViewIfNeeded();
    await e.page.screenshot({ path: `${ARTIFACTS}/words-new-interview-error.png` });
  });

  it('Download .eml says what is missing instead of failing: here, your own email', async () => {
    await e.page.evaluate(async () => {
      const csrf = /afterword_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      await fetch('/api/profile', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Afterword-CSRF': decodeURIComponent(csrf) }, body: JSON.stringify({ candidate: { email: null } }) });
    });
    await open('/applications/a1/draft?kind=thank_you&person=p2');
    const why = e.page.getByText('To download this as an .eml file for your mail program, add your email address in');
    await why.waitFor();
    let answered = 0;
    e.page.on('response', (r) => { if (r.url().includes('/drafts/eml')) answered++; });
    await e.page.getByRole('button', { name: 'Download .eml' }).click();
    await expect(e.page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('add your email address');
    expect(answered).toBe(0);
    await why.getByRole('link', { name: 'Settings, About you' }).click();
    await e.page.getByRole('heading', { name: 'About you', level: 1 }).waitFor();
  });

  it('logging a status check too early says until when, as the app writes dates', async () => {
    await open('/applications/a1/draft?kind=status_check&person=p1');
    await e.page.getByRole('button', { name: 'Mark as sent' }).click();
    await e.page.getByText('Not recorded yet.').waitFor();
    expect(await e.page.locator('.notice.warn').textContent()).toMatch(/would wait until (Mon|Tue|Wed|Thu|Fri) \d+ [A-Z][a-z]{2}, \d\d:\d\d/);
    const found = await technicalText(e.page);
    expect(found, found.join('\n')).toEqual([]);
  });
});
