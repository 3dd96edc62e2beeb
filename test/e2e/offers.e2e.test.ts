/**
 * The offers comparison in real Chromium: two offers side by side, criteria added and reweighed,
 * ratings, a red flag recorded through its dialog, and the totals following.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareApplications, recordOffer } from '../../src/app/offers.js';
import { addApplication, addInterview } from '../../src/app/records.js';
import { parseDay, type Day } from '../../src/core/time.js';
import { DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

function day(text: string): Day {
  const d = parseDay(text);
  if (d === null) throw new Error(`not a day: ${text}`);
  return d;
}

let e: E2E;

beforeAll(async () => {
  // Wed 11 Mar 2026, 10:00 in New York.
  e = await startE2E({ now: '2026-03-11T10:00:00-04:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addInterview(e.app, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'final' });
  await recordOffer(e.app, 'a1', {
    pay: [{ label: 'Base salary', value: '$95,000' }, { label: 'Bonus', value: 'up to 10%' }],
    benefits: [{ label: 'Holidays', value: '25 days' }], respondBy: day('2026-03-20'), // Fri 20 Mar
  });
  await addApplication(e.app, { id: 'a2', company: 'Globex', role: 'Analytics Lead', appliedOn: '2026-02-12' });
  await addInterview(e.app, 'a2', { start: '2026-03-05T14:00', end: '2026-03-05T15:00', stage: 'final' });
  await recordOffer(e.app, 'a2', {
    pay: [{ label: 'Base salary', value: '$102,000' }], benefits: [{ label: 'Remote days', value: '3 a week' }], respondBy: day('2026-03-18'), // Wed 18 Mar
  });
  await addApplication(e.app, { id: 'a3', company: 'Initech', role: 'Report Writer', appliedOn: '2026-01-05' });
}, 60_000);

afterAll(async () => e.close());

const cellOf = async (rowHeader: string, column: number): Promise<string> => {
  const row = e.page.locator('.offers-table tbody tr', { has: e.page.locator('th[scope="row"]', { hasText: rowHeader }) });
  return (await row.locator('td').nth(column).textContent()) ?? '';
};

async function open(): Promise<void> {
  await e.page.goto(e.origin + '/offers');
  await e.page.locator('.offers-table').waitFor();
}

async function addCriterion(name: string, weight: string): Promise<void> {
  const form = e.page.locator('form.add-criterion');
  await form.getByLabel('What matters to you').fill(name);
  await form.getByLabel('Weight').selectOption(weight);
  await form.getByRole('button', { name: 'Add' }).click();
  await e.page.locator('.offers-table th[scope="row"]', { hasText: name }).waitFor();
}


describe('Offers', () => {
  it('shows both offers side by side with their terms', async () => {
    await open();
    const heads = await e.page.locator('.offers-table thead th').allTextContents();
    expect(heads.map((h) => h.split('Data')[0]?.split('Analytics')[0])).toEqual(['Acme Corp', 'Globex']);
    await expect(cellOf('Base salary', 0)).resolves.toBe('$95,000');
    await expect(cellOf('Base salary', 1)).resolves.toBe('$102,000');
    await expect(cellOf('Bonus', 1)).resolves.toBe('—');
    await expect(cellOf('Answer wanted by', 1)).resolves.toBe('Wed 18 Mar 2026');
  });

  it('weighs the criteria and rates each offer: the weighted totals follow', async () => {
    await open();
    await addCriterion('Growth', '3');
    await addCriterion('Commute', '1');
    const rate = async (criterion: string, company: string, rating: string) => {
      await e.page.getByLabel(`${criterion} at ${company}, 0 to 5`).selectOption(rating);
      await expect.poll(() => e.page.getByLabel(`${criterion} at ${company}, 0 to 5`).isEnabled()).toBe(true);
    };
    await rate('Growth', 'Acme Corp', '4');
    await rate('Commute', 'Acme Corp', '1');
    await rate('Growth', 'Globex', '2');
    await rate('Commute', 'Globex', '5');
    // Acme: 3×4 + 1×1 = 13 of 20; Globex: 3×2 + 1×5 = 11 of 20.
    // Each rating is saved on its own: the last one can land after the first total shows.
    await expect.poll(() => cellOf('Your weighted score', 0)).toContain('65% (13 of 20)');
    await expect.poll(() => cellOf('Your weighted score', 1)).toContain('55% (11 of 20)');
    await expect(cellOf('Your weighted score', 0)).resolves.toContain('Best');
    await expect(cellOf('Growth', 0)).resolves.toContain('3 × 4 = 12');
    // Commute matters more now (×5): Acme 12 + 5 = 17 of 40, Globex 6 + 25 = 31 of 40.
    await e.page.getByLabel('Weight of Commute, 1 to 10').selectOption('5');
    await expect.poll(() => cellOf('Your weighted score', 1)).toContain('78% (31 of 40)');
    await expect.poll(() => cellOf('Your weighted score', 0)).toContain('43% (17 of 40)');
    await expect(cellOf('Your weighted score', 1)).resolves.toContain('Best');
    await expect(cellOf('Your weighted score', 0)).resolves.not.toContain('Best');
  });

  it('records a red flag on one offer: its score shows and the red-flag totals change', async () => {
    await open();
    await expect(cellOf('Red flags', 1)).resolves.toContain('0 of 45');
    await e.page.getByRole('button', { name: 'Record a red flag at Globex' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Red flag at Globex' });
    await dialog.getByLabel('Flag').selectOption('R3');
    // A flag scored for the first time needs a score: the server's words show at the field.
    await dialog.getByLabel('What you saw').fill('Asked the same three questions twice');
    await dialog.getByRole('button', { name: 'Save the flag' }).click();
    await expect(dialog.locator('.field-error .error-text').textContent()).resolves.toBe('Give a score the first time: a whole number from 0 (not seen) to 5 (serious).');
    await dialog.getByLabel('How serious').selectOption('3');
    await dialog.getByRole('button', { name: 'Save the flag' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cellOf('Disengaged', 1)).toContain('3/5');
    await expect(cellOf('Disengaged', 1)).resolves.toContain('Asked the same three questions twice');
    await expect(cellOf('Red flags', 1)).resolves.toContain('3 of 45');
    await expect(cellOf('Red flags', 1)).resolves.toContain('Concerning');
    await expect(cellOf('Red flags', 0)).resolves.toContain('Best');
    const stored = await compareApplications(e.app, ['a1', 'a2']);
    expect(stored.applications[1]?.redFlags.total).toBe(3);
    expect(stored.criteria).toEqual([{ name: 'Growth', weight: 3 }, { name: 'Commute', weight: 5 }]);
  });

  it('records an offer\'s terms through its dialog, naming a wrong date at the field', async () => {
    await open();
    await e.page.getByRole('button', { name: 'Edit terms of Acme Corp' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Offer from Acme Corp' });
    // Mon 2 Mar is before the offer came (today, Wed 11 Mar).
    await dialog.getByLabel('Answer wanted by').fill('2026-03-02');
    await dialog.getByRole('button', { name: 'Save the offer' }).click();
    // In words, at the field: the date as the app writes dates, no field name from the API.
    await expect(dialog.locator('.field-error .error-text').first().textContent()).resolves.toBe('This day is before the offer came. Check the date.');
    await dialog.getByLabel('Answer wanted by').fill('2026-03-25');
    await dialog.getByLabel('Notes').fill('Start date negotiable');
    await dialog.getByRole('button', { name: 'Save the offer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cellOf('Answer wanted by', 0)).toBe('Wed 25 Mar 2026');
    await expect(cellOf('Notes', 0)).resolves.toBe('Start date negotiable');
  });

  it('passes axe and looks right: desktop and phone, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await e.page.emulateMedia({ colorScheme: scheme });
      for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        await e.page.setViewportSize(viewport);
        await open();
        expect(await seriousViolations(e.page), `${scheme} ${width}`).toEqual([]);
        if (width === 'phone') expect(await e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
        await e.shot(`offers-${width}-${scheme}`);
      }
    }
  }, 120_000);
});
