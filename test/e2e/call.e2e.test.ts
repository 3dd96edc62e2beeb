/**
 * The call assistant, end to end: the script in sections, the timer, the voicemail, and an outcome
 * ("not decided yet", with the new date they gave) that logs the call and moves the plan: the
 * next status check is 2–3 business days after the new date (F6, F1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTouch } from '../../src/app/act.js';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { PHONE, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Wed 11 Mar 2026, 10:00 in New York: they said they would decide by Fri 6 Mar; nothing since.
  e = await startE2E({ now: '2026-03-11T10:00:00-04:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', {
    id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example',
    phone: '+1 212 555 0147', preferredChannel: 'phone',
  });
  // Tue 3 Mar 2026, a morning first round.
  await addInterview(e.app, 'a1', {
    id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'],
    timeline: { decisionBy: '2026-03-06' }, debrief: { details: { p1: 'your plan to move reporting to dbt' } },
  });
  await logTouch(e.app, 'a1', { kind: 'thank_you', channel: 'email', outcome: 'sent', personId: 'p1', at: '2026-03-03T15:00', text: 'Dear Dr. Okafor, thank you for your time today at Acme Corp about the Data Analyst post.' }, new Set(['P2', 'L8']));
}, 60_000);

afterAll(async () => e.close());


describe('Call assistant', () => {
  it('shows the script in sections, the phone number, the voicemail and the timer', async () => {
    await e.page.goto(e.origin + '/applications/a1/call?person=p1');
    await e.page.getByRole('heading', { level: 1, name: 'Call Dr. Grace Okafor' }).waitFor();
    for (const heading of ['Opening', 'If the receptionist answers', 'If no decision has been made yet', 'If the position has been filled', 'If you reach voicemail', 'Close']) { // a US profile: "position"
      await e.page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await expect(e.page.getByRole('link', { name: '+1 212 555 0147' }).getAttribute('href')).resolves.toBe('tel:+12125550147');
    const vm = e.page.locator('section.card', { has: e.page.getByRole('heading', { name: 'If nobody answers: voicemail' }) });
    await expect(vm.textContent()).resolves.toMatch(/this is Jordan Lee/);
    expect(await seriousViolations(e.page)).toEqual([]);
  });

  it('the timer starts, pauses and resets', async () => {
    const timer = e.page.getByRole('timer', { name: 'Time on the call' });
    await expect(timer.textContent()).resolves.toBe('0:00');
    await e.page.getByRole('button', { name: 'Start' }).click();
    await e.page.waitForFunction(() => document.querySelector('[role="timer"]')?.textContent !== '0:00', undefined, { timeout: 5000 });
    await e.page.getByRole('button', { name: 'Pause' }).click();
    const paused = await timer.textContent();
    await e.page.waitForTimeout(1200);
    expect(await timer.textContent()).toBe(paused);
    await e.page.getByRole('button', { name: 'Resume' }).waitFor();
    await e.page.getByRole('button', { name: 'Reset' }).click();
    await expect(timer.textContent()).resolves.toBe('0:00');
  });

  it('"Not decided yet" asks for the new date; logging it shows the status check 2–3 business days after it', async () => {
    await e.page.getByRole('button', { name: /Not decided yet/ }).click();
    // Without a date the field says what is missing.
    await e.page.getByRole('button', { name: 'Log the call' }).click();
    await e.page.getByText('Pick the date they now expect to decide by.', { exact: true }).waitFor();
    const date = e.page.getByLabel('They now expect to decide by');
    // Fri 20 Mar 2026.
    await date.fill('2026-03-20');
    await e.page.getByRole('button', { name: 'Log the call' }).click();
    await e.page.getByText('Call logged: Not decided yet.').waitFor();
    const next = e.page.locator('.draft-next');
    await next.getByRole('heading', { name: 'What the plan says next' }).waitFor();
    const text = await next.textContent() ?? '';
    // F6 then F1: the new date Fri 20 Mar → from Tue 24 Mar (2 business days), ideally Wed 25 Mar (3); she prefers the phone.
    expect(text).toContain('Follow-up call to Dr. Grace Okafor');
    expect(text).toMatch(/Earliest\s*Tue 24 Mar/);
    expect(text).toMatch(/Ideal\s*Wed 25 Mar/);
    await next.getByRole('button', { name: 'Why this date?' }).click();
    await expect(next.locator('.why-body').textContent()).resolves.toMatch(/F6/);
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('call-desktop');
  });

  it('at phone width, light and dark, nothing overflows and axe passes', async () => {
    await e.page.setViewportSize(PHONE);
    await e.page.goto(e.origin + '/applications/a1/call?person=p1');
    await e.page.getByRole('heading', { level: 2, name: 'Opening' }).waitFor();
    expect(await e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('call-phone');
    await e.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('call-phone-dark');
  });
});
