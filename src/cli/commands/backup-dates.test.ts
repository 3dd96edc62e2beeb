/** Every calendar date a backup holds is written "YYYY-MM-DD" and read back as the same day. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { freshPgliteStore } from '../../store/testing.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
const files: Record<string, string | Uint8Array> = {};
beforeAll(async () => {
  deps = await memoryDeps();
  const cli = cliWith(deps, '2026-09-14T14:00:00Z', files); // Mon 10:00 in New York
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', 'Globex', '--role', 'Data Analyst', '--applied-on', '2026-08-12'], // Wed
    ['add', 'person', 'a1', '--name', 'Grace Okafor', '--email', 'g@globex.example'],
    ['add', 'interview', 'a1', '--start', '2026-09-01T10:00', '--end', '2026-09-01T11:00', '--stage', 'first_round', '--with', 'p1', '--decision-by', '2026-09-11'], // Tue; Fri
    ['log-call', 'a1', '--person', 'p1', '--outcome', 'not_decided', '--new-decision-by', '2026-09-18', '--yes'], // Fri
    ['offer', 'a1', '--pay', 'Salary=70,000', '--received-on', '2026-09-14', '--respond-by', '2026-09-21'], // Mon; Mon
    ['backup', 'dates.json'],
  ]) expect((await cli(argv)).code, argv.join(' ')).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('dates in a backup', () => {
  it('are written as dates', () => {
    const text = String(files['dates.json']);
    for (const line of ['"appliedOn": "2026-08-12"', '"decisionBy": "2026-09-11"', '"newDecisionBy": "2026-09-18"', '"receivedOn": "2026-09-14"', '"respondBy": "2026-09-21"']) {
      expect(text).toContain(line);
    }
    expect(text).not.toMatch(/"(?:appliedOn|decisionBy|newDecisionBy|receivedOn|respondBy|on)": \d/);
  });

  it('restore into an empty store, then backup, gives the same bytes', async () => {
    const empty = await freshPgliteStore();
    try {
      await empty.ensureUser({ id: 'local', name: 'Local user' });
      const other: Deps = { ...deps, store: empty };
      expect((await cliWith(other, '2026-09-14T14:00:00Z', files)(['restore', 'dates.json'])).code).toBe(0);
      expect((await cliWith(other, '2026-09-14T14:00:00Z', files)(['backup', 'again.json'])).code).toBe(0);
      expect(files['again.json']).toBe(files['dates.json']);
    } finally {
      await empty.close();
    }
  }, 60_000);
});
