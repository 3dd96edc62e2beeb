/**
 * The debrief's language help, end to end: in Add interview each debrief field says what to type
 * (a topic or a sentence, one example each) and previews, as the user types, the sentence it
 * becomes in the thank-you — a third-person detail written to "you" — or what is left out and why
 * (two points, markup). The draft editor then lists what the draft left out, by the person's name.
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addPerson } from '../../src/app/records.js';
import { ARTIFACTS, DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York: the morning interview ended at 11:00.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' });
}, 90_000);

afterAll(async () => e.close());

/** The page from its top, with nothing focused: the sticky header in its place, no focus ring. */
async function settle(): Promise<void> {
  await e.page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
}

/** A screenshot of one part of the page, with a margin (artifacts/screenshots/<name>.png). */
async function partShot(part: Locator, name: string): Promise<void> {
  await settle();
  const box = await part.boundingBox();
  if (!box) throw new Error(`${name}: the part is not on the page`);
  const pad = 10;
  await e.page.screenshot({
    path: join(ARTIFACTS, `${name}.png`), fullPage: true,
    clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad },
  });
}

const previewOf = (label: string) => e.page.locator('.debrief-field', { has: e.page.getByLabel(label, { exact: true }) }).locator('.debrief-preview');

describe('Debrief capture with a live preview', () => {
  it('says what to type, and previews each field as the sentence it becomes, or why it is left out', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/applications/a1/interviews/new`);
    await page.getByRole('heading', { name: 'Add interview', level: 1 }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2026-03-03');
    await page.getByLabel('Started at').fill('10:00');
    await page.getByLabel('Ended at').fill('11:00');
    await page.getByRole('checkbox', { name: /Dr\. Grace Okafor/ }).check();

    // One example of each way to write a detail, and the box that will read it is announced politely.
    const detail = page.getByLabel('From Dr. Grace Okafor’s conversation');
    await expect(page.locator('.details-per-person').textContent()).resolves
      .toContain('A topic in a few words or a whole sentence — both work. e.g. “her team’s move to Snowflake” or “She said the team is moving to Snowflake this year.”');
    await expect(previewOf('From Dr. Grace Okafor’s conversation').getAttribute('aria-live')).resolves.toBe('polite');

    // A third-person detail is written to her: no "She mentioned".
    await detail.fill('She mentioned the team is moving to a four-day week pilot');
    const detailPreview = previewOf('From Dr. Grace Okafor’s conversation');
    await expect.poll(() => detailPreview.textContent(), { timeout: 10_000 }).toContain('the team is moving to a four-day week pilot');
    const sentence = await detailPreview.textContent() ?? '';
    expect(sentence).toMatch(/^In your note: /);
    expect(sentence).not.toMatch(/She mentioned|\bshe\b/i);

    // The candidate's own moment, in the first person.
    await page.getByLabel('Best moments').fill('I walked them through my churn model.');
    await expect.poll(() => previewOf('Best moments').textContent(), { timeout: 10_000 }).toMatch(/In your note: Walking you through my churn model|walking you through my churn model/);

    // Two points: the first is used, the second is named with what to do.
    await detail.fill('She mentioned the team is moving to a four-day week pilot. They are also hiring a data engineer.');
    await expect.poll(() => detailPreview.textContent(), { timeout: 10_000 }).toContain('Left out: “They are also hiring a data engineer.”');
    await expect(detailPreview.textContent()).resolves.toContain('This reads as two points; the note uses the first. Keep one point per field.');
    await expect(detailPreview.textContent()).resolves.toContain('In your note: ');

    // Markup never goes into a note: the whole field is left out, with the reason in words.
    await page.getByLabel('Awkward moments').fill('<b>window functions</b>');
    await expect.poll(() => previewOf('Awkward moments').textContent(), { timeout: 10_000 })
      .toBe('Left out of your note.This looks like code or web markup, which never goes into a note. Write it in plain words.');

    await page.getByLabel('Questions you did not answer fully').fill('how I would audit the revenue dashboards');
    await expect.poll(() => previewOf('Questions you did not answer fully').textContent(), { timeout: 10_000 }).toContain('my answer on how I would audit the revenue dashboards');

    expect(await seriousViolations(page)).toEqual([]);
    await settle();
    await e.shot('debrief-preview-desktop');
    await partShot(page.locator('fieldset', { hasText: 'One specific, striking detail per person' }), 'debrief-preview-section');
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await settle();
    await e.shot('debrief-preview-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
  });

  it('the draft editor lists what the draft left out, by field and person, with the reason', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/applications/a1/draft?person=p1&kind=thank_you`);
    await page.getByRole('heading', { level: 1, name: 'Thank-you email to Dr. Grace Okafor' }).waitFor();
    const body = await page.getByLabel('Message').inputValue();
    expect(body).toContain('the team is moving to a four-day week pilot');
    expect(body).not.toContain('data engineer');
    expect(body).not.toContain('<b>');

    const leftOut = page.getByRole('region', { name: 'Left out of this draft' });
    await leftOut.waitFor();
    const items = await leftOut.locator('li').allTextContents();
    expect(items).toEqual([
      'From Dr. Grace Okafor’s conversation“They are also hiring a data engineer.”This reads as two points; the note uses the first. Keep one point per field.',
      'Awkward moments“<b>window functions</b>”This looks like code or web markup, which never goes into a note. Write it in plain words.',
    ]);
    // Never an id.
    expect(await leftOut.textContent()).not.toMatch(/\bp1\b/);
    // The generated draft's own tone check is shown beside it.
    await page.locator('.draft-tone-line', { hasText: /^Tone check: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Tone check' }).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await settle();
    await e.shot('draft-left-out-desktop');
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await settle();
    await e.shot('draft-left-out-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('in dark mode the preview and the list pass axe too', async () => {
    const page = e.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${e.origin}/applications/a1/interviews/new`);
    await page.getByRole('heading', { name: 'Add interview', level: 1 }).waitFor();
    await page.getByLabel('Best moments').fill('Walked them through the churn model; they asked for the research plan');
    await expect.poll(() => previewOf('Best moments').textContent(), { timeout: 10_000 }).toContain('Left out: “they asked for the research plan”');
    expect(await seriousViolations(page)).toEqual([]);
    await settle();
    await e.shot('debrief-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
