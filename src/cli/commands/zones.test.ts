/** A London interviewer for a Chicago user: every time in `today`, `week`, `show` and `plan` names London and gives the user's clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeRules } from '../../core/time.js';
import type { Deps } from '../../deps.js';
import { when } from '../render/agenda.js';
import { cli, cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => {
  deps = await memoryDeps();
  const cli = cliWith(deps, '2026-03-03T12:00:00Z'); // Tue 06:00 in Chicago
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/Chicago', '--region', 'US-IL'],
    ['add', 'application', '--company', 'Thames Ltd', '--role', 'Analyst', '--time-zone', 'Europe/London', '--region', 'GB-ENG'],
    ['add', 'person', 'a1', '--name', 'Alice Brown', '--email', 'alice@thames.example', '--time-zone', 'Europe/London'],
    // Tue 2026-03-03 10:00–11:00 London (GMT) = 04:00–05:00 Chicago (CST).
    ['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--time-zone', 'Europe/London', '--stage', 'first_round', '--format', 'video', '--with', 'p1'],
  ]) expect((await cli(argv)).code, argv.join(' ')).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('times in another zone than the user\'s', () => {
  it('today (Tue 2026-03-03 08:00 Chicago): the thank-you at 17:00 London is 11:00 your time, by Wed 11:00 London = 05:00 your time', async () => {
    const out = (await cliWith(deps, '2026-03-03T14:00:00Z')(['today'])).stdout;
    expect(out).toContain('Today \u2014 Tue 2026-03-03 08:00 (your time, America/Chicago)');
    expect(out).toContain('Thank Alice Brown (Thames Ltd) \u2014 ideal Tue 2026-03-03 17:00 London (11:00 your time), by Wed 2026-03-04 11:00 London (05:00 your time)');
  });

  it('show: the interview, the window and the person name London; the user\'s own times stand alone', async () => {
    const cli = cliWith(deps, '2026-03-03T14:00:00Z'); // Tue
    const out = (await cli(['show', 'a1'])).stdout;
    expect(out).toContain('Times are your time (America/Chicago) unless a place is named.');
    expect(out).toContain('p1  Alice Brown (interviewer), in London (Europe/London)');
    expect(out).toContain('Tue 2026-03-03 10:00 London (04:00 your time)  Interview i1: first round, video with Alice Brown');
    expect(out).toContain('window Tue 2026-03-03 11:00 London (05:00 your time) \u2192 Wed 2026-03-04 11:00 London (05:00 your time)');
  });

  it('after the thank-you (sent Tue 2026-03-03 10:00 Chicago), the check-in at 09:00 London is 04:00 your time on Tue 2026-03-10', async () => {
    const sent = await cliWith(deps, '2026-03-03T16:05:00Z')(['sent', 'a1', '--kind', 'thank_you', '--person', 'p1', '--at', '2026-03-03T10:00']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Next: Check in with Alice Brown (Thames Ltd) \u2014 ideal Tue 2026-03-10 09:00 London (04:00 your time)');
    const show = (await cliWith(deps, '2026-03-03T17:00:00Z')(['show', 'a1'])).stdout;
    // The touch was the user's own, on the user's clock; the why's "Sent" is on the user's clock too.
    expect(show).toContain('  Tue 2026-03-03 10:00  thank you by email to Alice Brown: sent');
    expect(show).toContain('Sent 2026-03-03 10:00 by email');
    const week = (await cliWith(deps, '2026-03-09T14:00:00Z')(['week'])).stdout; // Mon
    expect(week).toContain('ideal Tue 2026-03-10 09:00 London (04:00 your time)');
  });

  it('plan (Tue 2026-03-03 11:00 Chicago): the window on both clocks, London named with its id', async () => {
    const scenario = {
      settings: { region: 'US-IL', timeZone: 'America/Chicago' },
      candidate: { name: 'Jordan Lee' },
      applications: [{
        id: 'a1', company: 'Thames Ltd', role: 'Analyst', status: 'active',
        people: [{ id: 'p1', name: 'Alice Brown', role: 'interviewer', email: 'a@thames.example', timeZone: 'Europe/London', region: 'GB-ENG' }],
        interviews: [{ id: 'i1', start: '2026-03-03T10:00:00+00:00', end: '2026-03-03T11:00:00+00:00', timeZone: 'Europe/London', stage: 'first_round', peopleIds: ['p1'] }], // Tue
        touches: [{ at: '2026-03-03T16:00:00+00:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }], // Tue
      }],
    };
    const run = await cli(['plan', '--scenario', 'in.json', '--now', '2026-03-03T11:00:00-06:00'], { files: { 'in.json': JSON.stringify(scenario) } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Follow-up plan as of Tue 2026-03-03 11:00 (your time, America/Chicago)');
    expect(run.stdout).toMatch(/upcoming\s+Status check\s+Tue 2026-03-10 09:00 London \(04:00 your time\)/);
    expect(run.stdout).toContain('window Thu 2026-03-05 09:00 \u2192 Fri 2026-03-13 17:00 London (Europe/London); your time Thu 2026-03-05 03:00 \u2192 Fri 2026-03-13 12:00');
  });
});

describe('when: one clock for the user\'s zone, two for another', () => {
  const time = createTimeRules();
  it.each([
    ['America/Chicago', Date.UTC(2026, 2, 3, 17, 0), 'Tue 2026-03-03 11:00'],
    ['Europe/London', Date.UTC(2026, 2, 3, 17, 0), 'Tue 2026-03-03 17:00 London (11:00 your time)'],
    // Wed 2026-03-04 09:00 in Sydney (AEDT) is Tue 2026-03-03 16:00 in Chicago (CST): the user's date differs.
    ['Australia/Sydney', Date.UTC(2026, 2, 3, 22, 0), 'Wed 2026-03-04 09:00 Sydney (Tue 2026-03-03 16:00 your time)'],
  ])('%s', (zone, ms, text) => {
    expect(when(time, zone, ms, 'America/Chicago')).toBe(text);
  });
});
