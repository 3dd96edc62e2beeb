/**
 * "Paste their reply" on the application page, end to end: the reply is read (what it means in
 * plain words, the sentence it rests on, what would change), nothing changes until Apply, Dismiss
 * leaves everything as it was, and Apply records it: the timeline shows the reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, addInterview, addPerson } from '../../src/app/records.js';
import { PHONE, DESKTOP, startE2E, type E2E, seriousViolations } from './harness.js';

let e: E2E;

const REPLY = `Hi Jordan,

Thanks for checking in. We have not made a decision yet. We expect to make a final decision by March 20.

Best,
Grace Okafor
Head of Analytics

On Fri, Mar 6, 2026 at 9:00 AM Jordan Lee <jordan@example.com> wrote:
> Dear Dr. Okafor, I would love an offer. When will you decide?`;

beforeAll(async () => {
  // Mon 9 Mar 2026, 10:00 in New York.
  e = await startE2E({ now: '2026-03-09T10:00:00-04:00' });
  await addApplication(e.app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(e.app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example' });
  // Wed 4 Mar 2026, 10:00–11:00 in New York.
  await addInterview(e.app, 'a1', { id: 'i1', start: '2026-03-04T10:00', end: '2026-03-04T11:00', stage: 'first_round', peopleIds: ['p1'] });
}, 90_000);

afterAll(async () => e.close());

const touches = async (): Promise<readonly { outcome: string }[]> => (await e.deps.store.getApplication(e.app.userId, 'a1'))?.touches ?? [];

describe('Paste their reply', () => {
  it('reads it in plain words; Dismiss changes nothing; Apply records it', async () => {
    const page = e.page;
    await page.goto(`${e.origin}/applications/a1`);
    await page.getByRole('heading', { name: 'Their reply', level: 2 }).waitFor();
    await page.getByLabel('Paste their reply').fill(REPLY);
    await page.getByRole('button', { name: 'Read it' }).click();

    const reading = page.getByRole('region', { name: 'What their reply means' });
    await reading.waitFor();
    const words = await reading.textContent() ?? '';
    expect(words).toContain('They have not decided yet');
    expect(words).toContain('We expect to make a final decision by March 20.');
    expect(words).toContain('with Fri 20 Mar 2026 as the new decision date');
    // No ids, ISO dates or commands in the web app.
    expect(words).not.toMatch(/2026-03-20|not_decided|new_decision_date|afterword /);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);

    await reading.getByRole('button', { name: 'Dismiss' }).click();
    await expect(reading.count()).resolves.toBe(0);
    expect(await touches()).toEqual([]);

    await page.getByRole('button', { name: 'Read it' }).click();
    await reading.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded.' }).waitFor();
    expect((await touches()).map((t) => t.outcome)).toEqual(['not_decided']);
    await expect.poll(() => page.locator('.app-timeline').textContent(), { timeout: 10_000 }).toContain('Not decided');
    await e.shot('paste-reply-applied');
  });
});
