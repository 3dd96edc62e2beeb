/** A first start, in real Chromium: no profile yet → the welcome form → Today's empty state, with no page error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile } from '../../src/app/records.js';
import { startE2E, seriousViolations, type E2E } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Mon 2 Mar 2026, 09:00 in London; nothing recorded yet.
  e = await startE2E({ now: '2026-03-02T09:00:00Z', profile: false });
});

// close() also fails the test when the page threw (e.g. an unhandled rejection of a prefetch).
afterAll(async () => e.close());

describe('first start', () => {
  it('asks for name, zone and region, then shows an empty Today', async () => {
    const page = e.page;
    await page.getByRole('heading', { name: 'Welcome to Afterword', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Jordan Lee');
    await page.getByLabel('Your time zone').fill('Mars/Olympus');
    await page.getByLabel('Region for public holidays').selectOption('GB-ENG');
    await page.getByRole('button', { name: 'Start' }).click();
    // An unknown zone is refused at its field and nothing is recorded.
    await page.locator('.field-error', { has: page.getByLabel('Your time zone') }).waitFor();
    expect(await getProfile(e.app)).toBeUndefined();
    await page.getByLabel('Your time zone').fill('Europe/London');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Nothing to do right now' }).waitFor();
    const profile = await getProfile(e.app);
    expect(profile?.settings).toMatchObject({ timeZone: 'Europe/London', region: 'GB-ENG' });
    expect(profile?.candidate.name).toBe('Jordan Lee');
    await e.shot('setup-done');
  });
});
