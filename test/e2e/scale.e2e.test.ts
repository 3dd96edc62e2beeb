/**
 * A search of a thousand applications in real Chromium (bench/web-seed.ts's record, plus five
 * applications left silent since January): the board shows a page of each status and more on
 * request, finds by company and by a person's name, and Today folds its warnings by kind, naming
 * companies, never ids, and shows the first 20 lines of a long section.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview } from '../../src/app/records.js';
import { seedRecord } from '../../bench/web-seed.js';
import { ARTIFACTS, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;
const SILENT = ['Zoë’s Café', 'Bloom & Gray', 'Northwind Traders', 'Contoso Ltd', 'Fabrikam'];

beforeAll(async () => {
  // Wed 17 Jun 2026, 10:00 in New York (the seed's histories are planned to this moment).
  e = await startE2E({ now: '2026-06-17T10:00:00-04:00', profile: false });
  await seedRecord(e.app, 1000);
  // Interviewed Mon 12 Jan 2026 and nothing since: time to move on from each.
  for (const [i, company] of SILENT.entries()) {
    const id = `silent${i + 1}`;
    await addApplication(e.app, { id, company, role: 'Data Analyst', appliedOn: '2026-01-02' });
    await addInterview(e.app, id, { start: '2026-01-12T10:00', end: '2026-01-12T11:00', stage: 'first_round' });
  }
}, 240_000);

afterAll(async () => e.close());

/** The first screen only, as a person sees it on arrival (artifacts/screenshots/<name>.png). */
const screen = async (name: string): Promise<void> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await e.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
};
const cardIds = () => e.page.locator('.board-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-application')));

describe('a thousand applications', () => {
  it('Pipeline shows a page of each status, and more on request', async () => {
    await e.page.goto(e.origin + '/pipeline');
    await e.page.locator('.board-card').first().waitFor();
    const active = e.page.locator('[data-status="active"] .board-card');
    await expect(active.count()).resolves.toBe(15);
    const more = e.page.locator('[data-status="active"]').getByRole('button', { name: /^Show 15 more/ });
    await more.click();
    await expect.poll(() => active.count()).toBe(30);
    // The closed statuses show five each at first, offers a page.
    for (const status of ['accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled']) {
      expect(await e.page.locator(`[data-status="${status}"] .board-card`).count(), status).toBeLessThanOrEqual(5);
    }
    expect(await e.page.locator('[data-status="offer"] .board-card').count()).toBeLessThanOrEqual(15);
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('pipeline-1000-desktop');
    await e.page.evaluate(() => window.scrollTo(0, 0));
    await screen('pipeline-1000-first-screen');
  }, 60_000);

  it('finds an application by its company and by the name of a person met there', async () => {
    const summaries = await e.app.store.listApplications(e.app.userId);
    const withPerson = (await e.app.store.getApplications(e.app.userId, summaries.slice(0, 50).map((s) => s.id))).find((a) => a.people.length > 0);
    const person = withPerson?.people[0]?.name ?? '';
    expect(person).not.toBe('');
    await e.page.goto(e.origin + '/pipeline');
    const search = e.page.getByRole('searchbox', { name: 'Search' });
    await search.fill(person);
    await e.page.locator(`.board[data-shown-query="${person}"]`).waitFor();
    expect(await cardIds()).toContain(withPerson?.id);
    await search.fill('Northwind');
    await e.page.locator('.board[data-shown-query="Northwind"]').waitFor();
    await expect(cardIds()).resolves.toContain('silent3');
    await expect(e.page.locator('[data-application="silent3"]').textContent()).resolves.toContain('Northwind TradersData Analyst');
    await e.shot('pipeline-1000-search');
  }, 60_000);

  it('Today folds the warnings of one kind into a line that names companies, and lists them all on request', async () => {
    await e.page.goto(e.origin + '/');
    const notice = e.page.locator('.notice.warn');
    const folded = notice.locator('.warning-group', { hasText: 'Time to move on:' });
    await folded.waitFor();
    const line = await folded.locator('p').first().textContent() ?? '';
    expect(line).toMatch(/^F5 Time to move on: [^,]+, [^,]+ and \d+ others: close each as no response/);
    const text = await notice.textContent() ?? '';
    // Companies, never ids or instants.
    expect(text).not.toMatch(/\b(?:a|silent)\d+\b/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // One line per kind: the to-do list starts on the first screen.
    const top = await e.page.locator('main .section').first().evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(900);
    const total = Number(/Show all (\d+)/.exec(line)?.[1]);
    await folded.getByRole('button', { name: /^Show all/ }).click();
    const listed = folded.locator('.warning-list li');
    await expect(listed.count()).resolves.toBe(total);
    for (const company of SILENT) await expect(folded.locator('.warning-list').getByRole('link', { name: company, exact: true }).count()).resolves.toBe(1);
    expect(await seriousViolations(e.page)).toEqual([]);
    await screen('today-1000-warnings-open');
    await folded.getByRole('button', { name: 'Show fewer' }).click();
    await screen('today-1000-first-screen');
    // A long section shows its first 20 lines, the rest on request.
    const due = e.page.locator('section[aria-labelledby="due-now"]');
    const dueCount = Number(await due.locator('.count').first().textContent());
    expect(dueCount).toBeGreaterThan(20);
    await expect(due.locator('li.card').count()).resolves.toBe(20);
    await due.getByRole('button', { name: `Show the other ${dueCount - 20}` }).click();
    await expect(due.locator('li.card').count()).resolves.toBe(dueCount);
    // A company's link opens its application.
    await folded.getByRole('link').first().click();
    await e.page.locator('main h1').waitFor();
    expect(new URL(e.page.url()).pathname).toMatch(/^\/applications\//);
  }, 60_000);
});
