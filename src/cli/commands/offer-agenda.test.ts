/** An offer's respond-by day in `today`, `week` and the calendar export, until the application is closed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => {
  deps = await memoryDeps();
  const cli = cliWith(deps, '2026-09-07T13:00:00Z'); // Mon 09:00 in New York
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', "Zoë's Café", '--role', 'Shift Supervisor', '--applied-on', '2026-08-10'],
    ['add', 'application', '--company', 'Globex', '--role', 'Data Analyst', '--applied-on', '2026-08-12'],
    ['offer', 'a1', '--pay', 'Salary=52,000', '--respond-by', '2026-09-11', '--received-on', '2026-09-04'], // Fri
    ['offer', 'a2', '--pay', 'Salary=70,000', '--respond-by', '2026-09-21', '--received-on', '2026-09-04'], // Mon, the week after
  ]) expect((await cli(argv)).code, argv.join(' ')).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('offers to answer', () => {
  it('week lists the offer due Fri 2026-09-11, not the one due Mon 2026-09-21', async () => {
    const week = await cliWith(deps, '2026-09-07T13:00:00Z')(['week']); // Mon
    expect(week.stdout).toContain('Offers to answer (1)\n  Answer the offer from Zoë\'s Café (Shift Supervisor) \u2014 by Fri 2026-09-11');
    expect(week.stdout).not.toContain('Globex');
    const json = JSON.parse((await cliWith(deps, '2026-09-07T13:00:00Z')(['week', '--json'])).stdout) as { offers: unknown[] };
    expect(json.offers).toEqual([{ applicationId: 'a1', company: "Zoë's Café", role: 'Shift Supervisor', respondBy: '2026-09-11' }]);
  });

  it('today lists it on its day and after it, until the application is closed', async () => {
    expect((await cliWith(deps, '2026-09-10T13:00:00Z')(['today'])).stdout).not.toContain('Offers to answer'); // Thu
    expect((await cliWith(deps, '2026-09-11T13:00:00Z')(['today'])).stdout).toContain('Answer the offer from Zoë\'s Café (Shift Supervisor) \u2014 by Fri 2026-09-11');
    const late = await cliWith(deps, '2026-09-14T13:00:00Z')(['today']); // Mon
    expect(late.stdout).toContain('Answer the offer from Zoë\'s Café (Shift Supervisor) \u2014 was due Fri 2026-09-11');
    expect((await cliWith(deps, '2026-09-14T13:05:00Z')(['close', 'a1', '--as', 'declined'])).code).toBe(0);
    expect((await cliWith(deps, '2026-09-14T13:10:00Z')(['today'])).stdout).not.toContain('Offers to answer');
  });

  it('the calendar export holds an all-day event on each open offer\'s respond-by day', async () => {
    const written: Record<string, string | Uint8Array> = {};
    expect((await cliWith(deps, '2026-09-14T14:00:00Z', written)(['export', 'ics', '--out', 'plan.ics'])).code).toBe(0);
    const ics = String(written['plan.ics']);
    expect(ics).toContain('DTSTART;VALUE=DATE:20260921\r\nDTEND;VALUE=DATE:20260922\r\n');
    expect(ics).toContain('SUMMARY:Answer the offer \u2014 Globex\r\n');
    expect(ics).not.toContain('Zoë');
  });
});
