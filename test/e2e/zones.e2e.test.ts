/** A London interviewer for a Chicago user (the browser in New York): each London time names London and gives the user's clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { startE2E, type E2E } from './harness.js';
import { technicalText } from './words.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 08:00 in Chicago (CST), 14:00 in London (GMT): the interview ended at 11:00 London.
  e = await startE2E({ now: '2026-03-03T08:00:00-06:00', profile: { name: 'Jordan Lee', timeZone: 'America/Chicago', region: 'US-IL' } });
  await addApplication(e.app, { id: 'a1', company: 'Thames Ltd', role: 'Analyst', timeZone: 'Europe/London', region: 'GB-ENG' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Alice Brown', email: 'alice@thames.example', timeZone: 'Europe/London' });
  await addInterview(e.app, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', timeZone: 'Europe/London', stage: 'first_round', peopleIds: ['p1'] });
  await e.page.goto(e.origin + '/');
}, 60_000);

afterAll(async () => e.close());

describe('times in the recipient\u2019s zone', () => {
  it('Today: the thank-you ideally Tue 3 Mar 17:00 London = 11:00 Chicago, at the latest Wed 4 Mar 11:00 London = 05:00 Chicago', async () => {
    const item = e.page.locator('li.card', { hasText: 'Thank-you note to Alice Brown' });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('ideally Tue 3 Mar, 17:00 London (11:00 your time); at the latest Wed 4 Mar, 11:00 London (05:00 your time)');
    await item.getByRole('button', { name: 'Why this date?' }).click();
    const window = await item.locator('.window-labels').textContent();
    expect(window).toContain('IdealTue 3 Mar, 17:00 London (11:00 your time)');
    expect(await item.locator('.why-body').textContent()).toContain('The recipient is in London');
    expect(await technicalText(e.page)).toEqual([]);
    await e.shot('today-other-zone');
  });

  it('the application: the interview Tue 3 Mar 10:00 London is 04:00 Chicago in the timeline and its card', async () => {
    await e.page.goto(e.origin + '/applications/a1');
    const timeline = e.page.locator('ol.app-timeline');
    await timeline.waitFor();
    expect(await timeline.textContent()).toContain('Tue 3 Mar, 10:00 London (04:00 your time)');
    expect(await e.page.locator('.interview-card h3').first().textContent()).toContain('Tue 3 Mar, 10:00–11:00 London (04:00 your time)');
    expect(await technicalText(e.page)).toEqual([]);
    await e.shot('application-other-zone');
  });
});
