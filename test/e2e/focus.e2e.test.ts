/**
 * Focus after navigation, in real Chromium driven by the keyboard only: every link or form that
 * opens another page (the main navigation, New application, a created application, Add interview,
 * Compare offers, the Settings sections, the browser's Back) leaves the focus on the new page's
 * heading, and the tab's title names the page. The first page load leaves the focus alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness.js';
import { SEED_NOW, seedRecord } from './seed.js';

let e: E2E;

beforeAll(async () => {
  e = await startE2E({ now: SEED_NOW });
  await seedRecord(e.app);
  await e.page.goto(e.origin + '/');
  await e.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
}, 60_000);

afterAll(async () => e.close());

/** What has the focus: its tag and its text. */
async function focused(): Promise<string> {
  return e.page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}: ${(a.textContent ?? '').trim()}` : 'nothing';
  });
}

/** Presses Tab (at most 250 times) until the focused element's text is `text`. */
async function tabTo(text: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    await e.page.keyboard.press('Tab');
    if ((await focused()).endsWith(`: ${text}`)) return;
  }
  throw new Error(`Tab never reached "${text}"; the focus is on ${await focused()}`);
}

/** Enter on the focused link or button; then the heading of the page it opens has the focus. */
async function enterLandsOn(heading: string): Promise<void> {
  await e.page.keyboard.press('Enter');
  await e.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await expect.poll(focused, { timeout: 5_000 }).toBe(`h1: ${heading}`);
  expect(await e.page.title()).toBe(`${heading} · Afterword`);
}

describe('focus on the new page\u2019s heading', () => {
  it('is not moved on the first page load', async () => {
    expect(await e.page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await e.page.title()).toBe('Today · Afterword');
  });

  it('follows the main navigation, and Tab goes on from the heading into the page', async () => {
    await tabTo('Pipeline');
    await enterLandsOn('Pipeline');
    await e.page.keyboard.press('Tab');
    // The next stop is inside the page, not back in the header.
    expect(await e.page.evaluate(() => document.querySelector('main')?.contains(document.activeElement) ?? false)).toBe(true);
    await tabTo('Compare offers');
    await enterLandsOn('Offers');
    await tabTo('Settings');
    await enterLandsOn('About you');
  });

  it('follows the Settings sections\u2019 own navigation', async () => {
    await tabTo('Time and place');
    await enterLandsOn('Time and place');
    await tabTo('Protocol numbers');
    await enterLandsOn('Protocol numbers');
  });

  it('follows New application, the application it creates, and Add interview', async () => {
    await tabTo('New application');
    await enterLandsOn('New application');
    // From the heading, Tab reaches the form's first field.
    await e.page.keyboard.press('Tab');
    expect(await e.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Company');
    await e.page.keyboard.type('Umbrella Corp');
    await e.page.keyboard.press('Tab');
    await e.page.keyboard.type('Research Analyst');
    await tabTo('Create application');
    await enterLandsOn('Umbrella Corp');
    await tabTo('Add interview');
    await enterLandsOn('Add interview');
  });

  it('follows the browser\u2019s Back', async () => {
    await e.page.goBack();
    await e.page.getByRole('heading', { name: 'Umbrella Corp', level: 1 }).waitFor();
    await expect.poll(focused, { timeout: 5_000 }).toBe('h1: Umbrella Corp');
  });
});
