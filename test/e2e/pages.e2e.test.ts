/**
 * Every page, in real Chromium: no serious accessibility violation (axe-core), no technical text
 * (an id, an ISO date, a command, a JSON path: words.ts), user strings with markup and script shown
 * as text (nothing runs), and screenshots at desktop and phone width, light and dark, saved as
 * artifacts/screenshots/page-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, startE2E, type E2E, seriousViolations } from './harness.js';
import { HOSTILE_COMPANY, HOSTILE_PERSON, SEED_NOW, seedRecord } from './seed.js';
import { technicalText } from './words.js';

const PAGES: readonly [string, string][] = [
  ['today', '/'],
  ['pipeline', '/pipeline'],
  ['offers', '/offers'],
  ['settings', '/settings'],
  ['settings-place', '/settings/place'],
  ['settings-protocol', '/settings/protocol'],
  ['settings-calendar', '/settings/calendar'],
  ['settings-files', '/settings/files'],
  ['new-application', '/applications/new'],
  ['application', '/applications/a1'],
  ['application-hostile', '/applications/a2'],
  ['new-interview', '/applications/a1/interviews/new'],
  ['draft', '/applications/a1/draft?kind=thank_you&person=p2'],
  ['call', '/applications/a1/call?person=p1'],
];


let e: E2E;
const dialogs: string[] = [];

beforeAll(async () => {
  e = await startE2E({ now: SEED_NOW });
  await seedRecord(e.app);
  e.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}, 60_000);

afterAll(async () => e.close());

async function open(path: string): Promise<void> {
  await e.page.goto(e.origin + path);
  await e.page.locator('main h1').first().waitFor();
  // Lazy pages and their data: wait until nothing says it is loading.
  await e.page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'), undefined, { timeout: 10_000 });
}



describe('every page', () => {
  for (const [name, path] of PAGES) {
    it(`${name}: no serious accessibility violation, light and dark, desktop and phone; no technical text`, async () => {
      for (const scheme of ['light', 'dark'] as const) {
        await e.page.emulateMedia({ colorScheme: scheme });
        for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
          await e.page.setViewportSize(viewport);
          await open(path);
          expect(await seriousViolations(e.page), `${name} ${scheme} ${width}`).toEqual([]);
          if (scheme === 'light' && width === 'desktop') expect(await technicalText(e.page), name).toEqual([]);
          // Nothing wider than the screen at phone width but tables meant to scroll.
          if (width === 'phone') {
            const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(1);
          }
          await e.shot(`page-${name}-${width}-${scheme}`);
        }
      }
    }, 120_000);
  }
});

describe('user strings are text', () => {
  it('markup and script in a company, role and person name are shown literally and never run', async () => {
    await e.page.emulateMedia({ colorScheme: 'light' });
    await e.page.setViewportSize(DESKTOP);
    await open('/applications/a2');
    await expect(e.page.locator('main').textContent()).resolves.toContain(HOSTILE_COMPANY);
    await expect(e.page.locator('main').textContent()).resolves.toContain(HOSTILE_PERSON);
    expect(await e.page.locator('main img, main script, main b').count()).toBe(0);
    await open('/');
    await open('/pipeline');
    await expect(e.page.locator('main').textContent()).resolves.toContain(HOSTILE_COMPANY);
    expect(dialogs).toEqual([]);
  });
});
