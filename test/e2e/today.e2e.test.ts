import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { startE2E, type E2E } from './harness.js';

let e: E2E;

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York: the morning interview ended at 11:00.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', email: 'g@acme.example' });
  await addInterview(e.app, 'a1', { start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', peopleIds: ['p1'] });
  await e.page.goto(e.origin + '/');
}, 60_000);

afterAll(async () => e.close());

describe('Today', () => {
  it('shows the thank-you due today with its window and the rules that produced it', async () => {
    const item = e.page.locator('li.card', { hasText: 'Thank-you note to Dr. Grace Okafor' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Acme Corp');
    // Tue 3 Mar 2026: morning interview → ideally the same day by 17:00 (T2).
    await expect(item.textContent()).resolves.toContain('ideally Tue 3 Mar, 17:00');
    await item.getByRole('button', { name: 'Why this date?' }).click();
    const why = await item.locator('.why-body').textContent();
    expect(why).toContain('T1');
    expect(why).toContain('T2');
    expect(why).toContain('Thank-you timing');
    await e.shot('today-desktop');
  });
});
