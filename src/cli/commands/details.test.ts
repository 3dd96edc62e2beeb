/** `add application` and `edit application|person` with the details, and `show` printing them; bad input is exit 2 with nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
let cli: ReturnType<typeof cliWith>;
beforeAll(async () => {
  deps = await memoryDeps();
  // Mon 2026-11-02 10:00 in London.
  cli = cliWith(deps, '2026-11-02T10:00:00Z', { 'jd.txt': 'Own the churn model.\r\n\r\n• SQL daily\n' });
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--time-zone', 'Europe/London', '--region', 'GB-ENG'],
    // Mon 2026-11-02.
    ['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-11-02',
      '--url', 'https://jobs.acme.example/42', '--location', 'London', '--workplace', 'on-site', '--salary', '£45k–£55k',
      '--salary-min', '45000', '--salary-max', '55000', '--salary-currency', 'gbp', '--salary-period', 'year',
      '--source', 'LinkedIn', '--tags', 'dream job, fintech,Fintech', '--notes', 'Ask about the Ω team', '--description-file', 'jd.txt'],
    ['add', 'person', 'a1', '--name', 'Grace Okafor'],
  ]) {
    const r = await cli(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('the application details on the command line', () => {
  it('add application keeps every detail, tidied: currency upper case, repeated tags once, line breaks as \\n', async () => {
    const app = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    expect(app).toMatchObject({
      postingUrl: 'https://jobs.acme.example/42', location: 'London', workplace: 'on_site', source: 'LinkedIn',
      salary: { text: '£45k–£55k', min: 45_000, max: 55_000, currency: 'GBP', period: 'year' },
      tags: ['dream job', 'fintech'], notes: 'Ask about the Ω team', description: 'Own the churn model.\n\n• SQL daily',
    });
  });

  it('edit changes only the flags given, amends the salary figures, clears a field given "" and edits a person\'s notes', async () => {
    expect((await cli(['edit', 'application', 'a1', '--salary-max', '60000', '--location', ''])).code).toBe(0);
    expect((await cli(['edit', 'person', 'a1', 'p1', '--notes', 'Runs marathons'])).code).toBe(0);
    const app = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    expect(app?.salary).toStrictEqual({ text: '£45k–£55k', min: 45_000, max: 60_000, currency: 'GBP', period: 'year' });
    expect(app?.location).toBeUndefined();
    expect(app?.postingUrl).toBe('https://jobs.acme.example/42');
    expect(app?.people[0]?.notes).toBe('Runs marathons');
    const shown = await cli(['show', 'a1']);
    expect(shown.stdout).toContain('  Posting:   https://jobs.acme.example/42\n');
    expect(shown.stdout).toContain('  Salary:    £45k–£55k (45,000–60,000 GBP a year)\n');
    expect(shown.stdout).toContain('  Tags:      dream job, fintech\n');
    expect(shown.stdout).toContain('  Notes on Grace Okafor (p1):\n    Runs marathons\n');
    const json = JSON.parse((await cli(['show', 'a1', '--json'])).stdout) as { application: Record<string, unknown> };
    expect(json.application['workplace']).toBe('on_site');
    expect(json.application['tags']).toStrictEqual(['dream job', 'fintech']);
  });

  it.each([
    [['add', 'application', '--company', 'B', '--role', 'R', '--url', 'ftp://files.example/x'], '--url: "ftp://files.example/x" is not a web address; give the posting\'s link starting with https:// or http://'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--location', 'x'.repeat(201)], '--location: 201 characters; the most is 200 — shorten it'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--workplace', 'moon'], '--workplace: "moon" is not allowed; use remote, hybrid or on-site'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--salary-min', 'lots'], '--salary-min: "lots" is not an amount'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--salary-currency', 'pounds'], '--salary-currency: "pounds" is not a currency code; write its three letters'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--tags', 'x'.repeat(51)], '--tags: 51 characters; the most is 50 — shorten it (one tag)'],
    [['add', 'application', '--company', 'B', '--role', 'R', '--notes', 'n'.repeat(16_001)], '--notes: 16,001 characters; the most is 16,000 — shorten it'],
    [['edit', 'application', 'a1', '--salary-max', '100'], '--salary-max: 100 is below the lowest salary (45,000); swap them or fix one'],
    [['edit', 'application', 'a1', '--role', ''], '--role: must not be empty'],
    [['edit', 'person', 'a1', 'p1', '--notes', 'n'.repeat(16_001)], '--notes: 16,001 characters; the most is 16,000 — shorten it'],
  ])('%#: exit 2 naming the flag and the fix, and nothing changed', async (argv, message) => {
    const before = await deps.store.exportAll(LOCAL_USER.id);
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(await deps.store.exportAll(LOCAL_USER.id)).toStrictEqual(before);
  });
});
