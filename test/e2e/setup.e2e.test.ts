/**
 * A first start, in real Chromium: no profile yet → the welcome form (name, optional email and
 * phone checked as the server checks them, zone, region) → Today's empty state, with no page error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile } from '../../src/app/records.js';
import { DESKTOP, PHONE, startE2E, seriousViolations, type E2E } from './harness.js';
import { technicalText } from './words.js';

let e: E2E;

beforeAll(async () => {
  // Mon 2 Mar 2026, 09:00 in London; nothing recorded yet.
  e = await startE2E({ now: '2026-03-02T09:00:00Z', profile: false });
});

// close() also fails the test when the page threw (e.g. an unhandled rejection of a prefetch).
afterAll(async () => e.close());

const errorAt = (label: string) => e.page.locator('.field-error', { has: e.page.getByLabel(label, { exact: true }) }).locator('.error-text');

describe('first start', () => {
  it('asks for name, email and phone (optional), zone and region, then shows an empty Today', async () => {
    const page = e.page;
    await page.getByRole('heading', { name: 'Welcome to Afterword', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await e.shot('setup-desktop');
    await page.setViewportSize(PHONE);
    await e.shot('setup-phone');
    await page.setViewportSize(DESKTOP);

    // Email and phone are checked before sending, as the server would.
    await page.getByLabel('Your name').fill('Jordan Lee');
    await page.getByLabel('Your email').fill('jordan@example');
    await page.getByLabel('Your phone').fill('ring me');
    await page.getByRole('button', { name: 'Start' }).click();
    await errorAt('Your email').waitFor();
    expect(await errorAt('Your email').textContent()).toBe('Not an email address. Write it as name@example.com, or leave it empty.');
    expect(await errorAt('Your phone').textContent()).toContain('Not a phone number.');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).resolves.toBe('true');
    expect(await getProfile(e.app)).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
    await e.shot('setup-errors');

    // An unknown zone is refused by the server at its field, in words, and nothing is recorded.
    await page.getByLabel('Your email').fill('jordan.lee@example.com');
    await page.getByLabel('Your phone').fill('+44 20 7946 0958');
    await page.getByLabel('Your time zone').fill('Mars/Olympus');
    await page.getByLabel('Region for public holidays').selectOption('GB-ENG');
    await page.getByRole('button', { name: 'Start' }).click();
    await errorAt('Your time zone').waitFor();
    expect(await errorAt('Your time zone').textContent()).toBe('Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.');
    expect(await technicalText(page)).toEqual([]);
    expect(await getProfile(e.app)).toBeUndefined();

    await page.getByLabel('Your time zone').fill('Europe/London');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Nothing to do right now' }).waitFor();
    const profile = await getProfile(e.app);
    expect(profile?.settings).toMatchObject({ timeZone: 'Europe/London', region: 'GB-ENG' });
    expect(profile?.candidate).toMatchObject({ name: 'Jordan Lee', email: 'jordan.lee@example.com', phone: '+44 20 7946 0958' });
    await e.shot('setup-done');
  });
});
