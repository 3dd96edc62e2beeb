/**
 * Settings in real Chromium, a section per address with its own navigation: your email and phone
 * checked as the server checks them, the server's error at the time-zone field in plain words, a
 * protocol number saved and shown again after a reload, reset to its default, the calendar feed's
 * address (fetched without a cookie, as a calendar app does), an old link to the one long page, no
 * serious accessibility violation in any section, and screenshots of each at desktop and phone
 * width, light and dark.
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
  await e.page.getByRole('heading', { name: 'About you', level: 1 }).waitFor();
}, 120_000);

const SECTIONS = [
  ['About you', '/settings'], ['Time and place', '/settings/place'], ['Protocol numbers', '/settings/protocol'],
  ['Calendar feed', '/settings/calendar'], ['Mailbox', '/settings/mail'], ['Export, import, backup', '/settings/files'],
] as const;

/** Opens a section from the settings' own navigation. */
async function section(name: string): Promise<void> {
  await e.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true }).click();
  await e.page.getByRole('heading', { name, level: 1 }).waitFor();
}

afterAll(async () => e.close());

async function profile(): Promise<{ settings: Record<string, unknown>; candidate: Record<string, unknown> }> {
  return e.page.evaluate(async () => (await fetch('/api/profile')).json() as Promise<{ settings: Record<string, unknown>; candidate: Record<string, unknown> }>);
}

describe('Settings', () => {
  it('has a section per address, each named in its own navigation', async () => {
    const nav = e.page.getByRole('navigation', { name: 'Settings' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(SECTIONS.map(([name]) => name));
    for (const [name, path] of SECTIONS) {
      await section(name);
      expect(new URL(e.page.url()).pathname).toBe(path);
      expect(await nav.locator('[aria-current="page"]').textContent()).toBe(name);
      expect(await e.page.title()).toBe(`${name} · Afterword`);
    }
    // An old link to the one long page opens its section.
    await e.page.goto(e.origin + '/settings#files');
    await e.page.getByRole('heading', { name: 'Export, import, backup', level: 1 }).waitFor();
    expect(new URL(e.page.url()).pathname).toBe('/settings/files');
    await e.page.goto(e.origin + '/settings/nothing');
    await e.page.getByRole('heading', { name: 'Not found', level: 1 }).waitFor();
    await e.page.goto(e.origin + '/settings');
    await e.page.getByRole('heading', { name: 'About you', level: 1 }).waitFor();
  });

  it('checks your email and phone as the server does, then saves them', async () => {
    await e.page.getByLabel('Email', { exact: true }).fill('jordan@');
    await e.page.getByLabel('Phone').fill('call me maybe');
    await e.page.getByRole('button', { name: 'Save your details' }).click();
    const at = (label: string) => e.page.locator('.field-error', { has: e.page.getByLabel(label, { exact: true }) }).locator('.error-text');
    await at('Email').waitFor();
    expect(await at('Email').textContent()).toBe('Not an email address. Write it as name@example.com, or leave it empty.');
    expect(await at('Phone').textContent()).toContain('Not a phone number.');
    await e.page.getByText('Not saved: see the marked field.').waitFor();
    expect((await profile()).candidate['email']).toBe('jordan@example.com');
    await e.shot('settings-you-errors');

    await e.page.getByLabel('Email', { exact: true }).fill('jordan.lee@example.com');
    await e.page.getByLabel('Phone').fill('+1 (212) 555-0100');
    await e.page.getByRole('button', { name: 'Save your details' }).click();
    await e.page.getByText('Saved. New drafts use these details.').waitFor();
    expect((await profile()).candidate).toMatchObject({ email: 'jordan.lee@example.com', phone: '+1 (212) 555-0100' });
  });

  it('shows the server\u2019s error at the time-zone field in plain words, then saves a valid zone', async () => {
    await section('Time and place');
    const zone = e.page.getByLabel('Time zone');
    await zone.fill('Mars/Olympus');
    await e.page.getByRole('button', { name: 'Save time and place' }).click();
    const error = e.page.locator('.field-error', { has: e.page.getByLabel('Time zone') }).locator('.error-text');
    await error.waitFor();
    expect(await error.textContent()).toBe('Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.');
    await e.page.getByRole('status').filter({ hasText: 'Not saved: see the marked field.' }).waitFor();
    await e.shot('settings-place-error');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect((await profile()).settings['timeZone']).toBe('America/New_York');

    await zone.fill('Europe/Berlin');
    await e.page.getByRole('button', { name: 'Save time and place' }).click();
    await e.page.getByText('Saved. Dates are now worked out in this zone').waitFor();
    expect(await error.count()).toBe(0);
    expect((await profile()).settings['timeZone']).toBe('Europe/Berlin');
  });

  it('saves F2 first-round ideal as 7d, shows it after a reload with its default, and resets it', async () => {
    await section('Protocol numbers');
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
    await e.page.getByText('Yours · default 5bd').waitFor();
    await e.page.getByText('1 number differs from the defaults.').waitFor();
    await e.shot('settings-desktop-light');

    await e.page.getByRole('button', { name: 'Reset F2 First round Ideal to the default, 5bd' }).click();
    expect(await again.inputValue()).toBe('5bd');
    await e.page.getByRole('button', { name: 'Save protocol numbers' }).click();
    await e.page.getByText('Protocol numbers saved.').waitFor();
    expect((await profile()).settings['protocol']).toBeUndefined();
    await section('Time and place');
    expect(await e.page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
  });

  it('shows the calendar feed\u2019s absolute address; a calendar app gets text/calendar from it without a cookie', async () => {
    await section('Calendar feed');
    const feed = e.page.getByLabel('Feed address (ICS)');
    const url = await feed.inputValue();
    expect(url.startsWith(`${e.origin}/api/calendar.ics?token=`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
  });

  it('has no serious accessibility violation in any section', async () => {
    for (const [name] of SECTIONS) {
      await section(name);
      expect(await seriousViolations(e.page), name).toEqual([]);
      await e.shot(`settings-${name.split(/\W/)[0]?.toLowerCase() ?? ''}-desktop-light`);
    }
  });

  // One test per look: each visits every section, a third of what one test for all three took.
  it.each([
    ['phone-light', PHONE, 'light'], ['phone-dark', PHONE, 'dark'], ['desktop-dark', DESKTOP, 'dark'],
  ] as const)('looks right at %s (phone width and dark mode)', async (name, viewport, colorScheme) => {
    const context = await e.browser.newContext({ viewport, colorScheme, timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(e.server.url);
    for (const [section, path] of SECTIONS) {
      await page.goto(e.origin + path);
      await page.getByRole('heading', { name: section, level: 1 }).waitFor();
      await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'), undefined, { timeout: 10_000 });
      await page.screenshot({ path: `${ARTIFACTS}/settings-${section.split(/\W/)[0]?.toLowerCase() ?? ''}-${name}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${section} at ${name}`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
