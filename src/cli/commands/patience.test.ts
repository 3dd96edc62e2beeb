/** P2 on the CLI: only a status check or a call can come too early; an update never does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => {
  deps = await memoryDeps();
  const cli = cliWith(deps, '2026-03-02T13:00:00Z'); // Mon 08:00 in New York
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10'],
    ['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example', '--verified'],
    ['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1', '--said', 'within two weeks'],
  ]) expect((await cli(argv)).code, argv.join(' ')).toBe(0);
  expect((await cliWith(deps, '2026-03-03T20:00:00Z')(['sent', 'a1', '--person', 'p1'])).code).toBe(0); // Tue, the thank-you
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('P2, the patience guard', () => {
  it('records an update sent two days after the interview without asking', async () => {
    const run = await cliWith(deps, '2026-03-05T15:00:00Z')(['sent', 'a1', '--person', 'p1', '--kind', 'update']); // Thu 10:00
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Recorded: update sent');
  });

  it('still asks about a status check or a call that day (after the update, not before Thu 2026-03-12, F4)', async () => {
    const cli = cliWith(deps, '2026-03-05T15:30:00Z'); // Thu 10:30
    const check = await cli(['sent', 'a1', '--person', 'p1', '--kind', 'status_check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/P2: this is early\. The earliest advised moment is Thu 2026-03-12 09:00 \(F4\)/);
    const call = await cli(['log-call', 'a1', '--person', 'p1', '--outcome', 'voicemail']);
    expect(call.code).toBe(2);
    expect(call.stderr).toMatch(/P2: this is early/);
    const show = JSON.parse((await cli(['show', 'a1', '--json'])).stdout) as { application: { touches: Array<{ kind: string }> } };
    expect(show.application.touches.map((t) => t.kind)).toEqual(['thank_you', 'update']);
  });
});
