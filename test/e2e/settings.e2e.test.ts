/**
 * Settings in real Chromium: the server's error at the time-zone field, a protocol number saved and
 * shown again after a reload, reset to its default, the calendar feed's address (fetched without a
 * cookie, as a calendar app does), no serious accessibility violation, and screenshots at desktop
 * and phone width, light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { ARTIFACTS, DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', email: 'g@acme.example' });
  // Mon 2 Mar 2026, a first round: its first status check comes from F2.
  await addInterview(e.app, 'a1', { start: '2026-03-02T10:00', end: '2026-03-02T11:00', stage: 'first_round', peopleIds: ['p1'] });
  await e.page.goto(e.origin + '/settings');
  await e.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
}, 120_000);

afterAll(async () => e.close());

async function profile(): Promise<{ settings: Record<string, unknown>; candidate: Record<string, unknown> }> {
  return e.page.evaluate(async () => (await fetch('/api/profile')).json() as Promise<{ settings: Record<string, unknown>; candidate: Record<string, unknown> }>);
}

describe('Settings', () => {
  it('shows the server\u2019s error at the time-zone field, then saves a valid zone', async () => {
    const zone = e.page.getByLabel('Time zone');
    await zone.fill('Mars/Olympus');
    await e.page.getByRole('button', { name: 'Save time and place' }).click();
    const error = e.page.locator('.field-error', { has: e.page.getByLabel('Time zone') }).locator('.error-text');
    await error.waitFor();
    expect(await error.textContent()).toContain('unknown time zone "Mars/Olympus"');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect((await profile()).settings['timeZone']).toBe('America/New_York');

    await zone.fill('Europe/Berlin');
    await e.page.getByRole('button', { name: 'Save time and place' }).click();
    await e.page.getByText('Saved. Dates are now worked out in this zone').waitFor();
    expect(await error.count()).toBe(0);
    expect((await profile()).settings['timeZone']).toBe('Europe/Berlin');
  });

  it('saves F2 first-round ideal as 7d, shows it after a reload with its default, and resets it', async () => {
    const ideal = e.page.getByRole('group', { name: 'F2 First round' }).getByRole('textbox', { name: 'Ideal', exact: true });
    expect(await ideal.inputValue()).toBe('5bd');
    await ideal.fill('7 days');
    await e.page.getByRole('button', { name: 'Save protocol numbers' }).click();
    await e.page.getByText('write a duration such as 5bd').waitFor();
    expect((await profile()).settings['protocol']).toBeUndefined();

    await ideal.fill('7d');
    await e.page.getByRole('button', { name: 'Save protocol numbers' }).click();
    await e.page.getByText('Protocol numbers saved.').waitFor();
    expect((await profile()).settings['protocol']).toEqual({ F2: { first_round: { ideal: '7d' } } });

    await e.page.reload();
    const again = e.page.getByRole('group', { name: 'F2 First round' }).getByRole('textbox', { name: 'Ideal', exact: true });
    await again.waitFor();
    expect(await again.inputValue()).toBe('7d');
    expect(await e.page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await e.page.getByText('Yours · default 5bd').waitFor();
    await e.page.getByText('1 number differs from the defaults.').waitFor();
    await e.shot('settings-desktop-light');

    await e.page.getByRole('button', { name: 'Reset F2 First round Ideal to the default, 5bd' }).click();
    expect(await again.inputValue()).toBe('5bd');
    await e.page.getByRole('button', { name: 'Save protocol numbers' }).click();
    await e.page.getByText('Protocol numbers saved.').waitFor();
    expect((await profile()).settings['protocol']).toBeUndefined();
  });

  it('shows the calendar feed\u2019s absolute address; a calendar app gets text/calendar from it without a cookie', async () => {
    const feed = e.page.getByLabel('Feed address (ICS)');
    const url = await feed.inputValue();
    expect(url.startsWith(`${e.origin}/api/calendar.ics?token=`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
  });

  it('has no serious accessibility violation', async () => {
    const violations = await seriousViolations(e.page);
    expect(violations).toEqual([]);
  });

  it('looks right at phone width and in dark mode', async () => {
    for (const [name, viewport, colorScheme] of [
      ['settings-phone-light', PHONE, 'light'], ['settings-phone-dark', PHONE, 'dark'], ['settings-desktop-dark', DESKTOP, 'dark'],
    ] as const) {
      const context = await e.browser.newContext({ viewport, colorScheme, timezoneId: 'America/New_York', locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(e.server.url);
      await page.goto(e.origin + '/settings');
      await page.getByRole('button', { name: 'Save protocol numbers' }).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
