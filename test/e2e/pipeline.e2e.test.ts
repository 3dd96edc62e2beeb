/**
 * The pipeline board in real Chromium: cards in their columns, drag and drop and the "Move to"
 * alternative stored through the API, the P1 nudge, the charts (recharts) with their numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTouch } from '../../src/app/act.js';
import { addApplication, addInterview, setApplicationStatus } from '../../src/app/records.js';
import { DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Wed 11 Mar 2026, 10:00 in New York.
  e = await startE2E({ now: '2026-03-11T10:00:00-04:00' });
  // Acme: interviewed Tue 3 Mar, answered Fri 6 Mar (3 days).
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addInterview(e.app, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round' });
  await logTouch(e.app, 'a1', { kind: 'reply', channel: 'email', outcome: 'next_round', at: '2026-03-06T09:00' }, new Set(['P2', 'L8']));
  // Globex: interviewed Mon 2 Mar, no answer yet (waiting 9 days).
  await addApplication(e.app, { id: 'a2', company: 'Globex', role: 'Analytics Lead', appliedOn: '2026-02-12' });
  await addInterview(e.app, 'a2', { start: '2026-03-02T14:00', end: '2026-03-02T15:00', stage: 'first_round' });
  // Initech: rejected; Umbrella: an offer.
  await addApplication(e.app, { id: 'a3', company: 'Initech', role: 'Report Writer', appliedOn: '2026-01-05' });
  await setApplicationStatus(e.app, 'a3', 'rejected');
  await addApplication(e.app, { id: 'a4', company: 'Umbrella', role: 'Data Scientist', appliedOn: '2026-01-20' });
  await addInterview(e.app, 'a4', { start: '2026-02-16T10:00', end: '2026-02-16T11:00', stage: 'final' });
  await setApplicationStatus(e.app, 'a4', 'offer');
}, 60_000);

afterAll(async () => e.close());

const card = (status: string, id: string) => e.page.locator(`[data-status="${status}"] [data-application="${id}"]`);

async function open(): Promise<void> {
  await e.page.goto(e.origin + '/pipeline');
  await e.page.locator('.board').waitFor();
}


describe('Pipeline', () => {
  it('shows every application in its column with its next action', async () => {
    await open();
    await card('active', 'a1').waitFor();
    await card('active', 'a2').waitFor();
    await card('rejected', 'a3').waitFor();
    await card('offer', 'a4').waitFor();
    // Globex waits on an answer: a status check is planned; its page says why.
    const globex = card('active', 'a2');
    await expect(globex.textContent()).resolves.toContain('Status check');
    await globex.getByRole('link', { name: 'Globex' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Globex' }).waitFor();
  });

  it('finds applications by company, role or person, filters by status, and keeps both in the address', async () => {
    await open();
    await e.page.getByRole('searchbox', { name: 'Search' }).fill('data');
    // Acme (Data Analyst) and Umbrella (Data Scientist); Globex and Initech are left out.
    await e.page.locator('.board[data-shown-query="data"]').waitFor();
    await expect(e.page.locator('.board-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-application')))).resolves.toEqual(['a1', 'a4']);
    await expect.poll(() => e.page.locator('.board-found').textContent()).toContain('2 of 4 applications');
    await e.page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('offer');
    await expect.poll(() => new URL(e.page.url()).search).toBe('?q=data&status=offer');
    await card('offer', 'a4').waitFor();
    await expect.poll(() => e.page.locator('.board-card').count()).toBe(1);
    // The address alone brings the same board back.
    await e.page.reload();
    await card('offer', 'a4').waitFor();
    await expect(e.page.getByRole('searchbox', { name: 'Search' }).inputValue()).resolves.toBe('data');
    await e.page.getByRole('searchbox', { name: 'Search' }).fill('nobody at all');
    await expect.poll(() => e.page.locator('.board-found').textContent()).toContain('No application with the status Offer matches “nobody at all”.');
    await e.page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => e.page.locator('.board-card').count()).toBe(4);
    expect(new URL(e.page.url()).search).toBe('');
  });

  it('moves a card by dragging it to another column, and it stays there', async () => {
    await open();
    await card('active', 'a1').dragTo(e.page.locator('[data-status="withdrawn"]'));
    await card('withdrawn', 'a1').waitFor();
    await expect(e.page.getByRole('status').filter({ hasText: 'Moved' }).textContent()).resolves.toContain('Moved Acme Corp from Active to Withdrawn.');
    await expect.poll(async () => (await e.app.store.getApplication(e.app.userId, 'a1'))?.status).toBe('withdrawn');
    await e.page.reload();
    await card('withdrawn', 'a1').waitFor();
  });

  it('asks before changing one final outcome to another, and keeps it unless told', async () => {
    await open();
    // Acme was withdrawn above: dragging it to Rejected asks first.
    await card('withdrawn', 'a1').dragTo(e.page.locator('[data-status="rejected"]'));
    const ask = e.page.getByRole('alert').filter({ hasText: 'already closed' });
    await expect(ask.textContent()).resolves.toContain('Acme Corp is already closed as withdrawn. Change it to rejected?');
    await e.shot('pipeline-reclose');
    await ask.getByRole('button', { name: 'Keep it withdrawn' }).click();
    await card('withdrawn', 'a1').waitFor();
    expect((await e.app.store.getApplication(e.app.userId, 'a1'))?.status).toBe('withdrawn');
    await card('withdrawn', 'a1').dragTo(e.page.locator('[data-status="rejected"]'));
    await e.page.getByRole('button', { name: 'Change to rejected' }).click();
    await card('rejected', 'a1').waitFor();
    await expect.poll(async () => (await e.app.store.getApplication(e.app.userId, 'a1'))?.status).toBe('rejected');
    // Undo puts back what was just changed, without asking again.
    await e.page.getByRole('button', { name: 'Undo' }).click();
    await card('withdrawn', 'a1').waitFor();
    await expect.poll(async () => (await e.app.store.getApplication(e.app.userId, 'a1'))?.status).toBe('withdrawn');
  });

  it('moves a card with the keyboard through its "Move to" menu, back to active too', async () => {
    await open();
    const initech = card('rejected', 'a3');
    await initech.getByLabel('Move to').focus();
    await initech.getByLabel('Move to').selectOption('active');
    await e.page.keyboard.press('Tab');
    await expect(e.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Move');
    await e.page.keyboard.press('Enter');
    await card('active', 'a3').waitFor();
    await expect.poll(async () => (await e.app.store.getApplication(e.app.userId, 'a3'))?.status).toBe('active');
    // Undo puts it back where it was.
    await e.page.getByRole('button', { name: 'Undo' }).click();
    await card('rejected', 'a3').waitFor();
    await expect.poll(async () => (await e.app.store.getApplication(e.app.userId, 'a3'))?.status).toBe('rejected');
  });

  it('nudges to keep searching (P1) when fewer than two applications are active', async () => {
    await open();
    // Acme was withdrawn above: only Globex is active.
    await expect(e.page.locator('.notice.warn').textContent()).resolves.toContain('P1');
  });

  it('draws the funnel and the response times with recharts, with their numbers as text', async () => {
    await open();
    const funnel = e.page.locator('figure', { hasText: 'From application to offer' });
    await e.page.locator('#insights-title').scrollIntoViewIfNeeded();
    await funnel.locator('svg.recharts-surface').waitFor();
    await expect(funnel.locator('figcaption').textContent()).resolves.toContain('4 applied, 3 interviewed (75%), 1 with an offer (25%)');
    await expect(funnel.locator('table').textContent()).resolves.toContain('Interviewed375%');
    const responses = e.page.locator('figure', { hasText: 'How long employers take to answer' });
    await responses.locator('svg.recharts-surface').waitFor();
    await expect(responses.locator('figcaption').textContent()).resolves.toContain('Median 3 days from an interview');
    const table = await responses.locator('table').textContent();
    expect(table).toContain('3 days (Tue 3 Mar → Fri 6 Mar)');
    expect(table).toContain('waiting 9 days');
  });

  it('passes axe and looks right: desktop and phone, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await e.page.emulateMedia({ colorScheme: scheme });
      for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        await e.page.setViewportSize(viewport);
        await open();
        await e.page.locator('#insights-title').scrollIntoViewIfNeeded();
        await e.page.locator('svg.recharts-surface').first().waitFor();
        expect(await seriousViolations(e.page), `${scheme} ${width}`).toEqual([]);
        if (width === 'phone') expect(await e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
        await e.shot(`pipeline-${width}-${scheme}`);
      }
    }
  }, 120_000);
});
