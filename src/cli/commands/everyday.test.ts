/** The everyday CLI on a real (in-memory PGlite) database: record, decide, act. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => { deps = await memoryDeps(); }, 60_000);
afterAll(async () => { await deps.store.close(); });

// Mon 2026-03-02, 08:00 in New York.
const at = (iso: string) => cliWith(deps, iso);

describe('the everyday CLI', () => {
  it('asks for a profile before anything else', async () => {
    const run = await at('2026-03-02T13:00:00Z')(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no profile yet: run "afterword setup/);
  });

  it('records a profile, an application, people and an interview with its debrief', async () => {
    const cli = at('2026-03-02T13:00:00Z');
    expect((await cli(['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--phone', '+1 555 0100', '--time-zone', 'America/New_York', '--region', 'US'])).code).toBe(0);
    const app = await cli(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10', '--json']);
    expect(app.code).toBe(0);
    expect(JSON.parse(app.stdout)).toMatchObject({ applicationId: 'a1', application: { company: 'Acme Corp' } });
    expect((await cli(['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example', '--verified'])).stdout).toContain('Added p1: Dr. Grace Okafor');
    expect((await cli(['add', 'person', 'a1', '--name', 'Sam Ruiz', '--role', 'recruiter', '--email', 's@acme.example'])).code).toBe(0);
    const iv = await cli(['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1,p2',
      '--said', 'within two weeks', '--best', 'the churn model walkthrough', '--detail', 'p1=your plan to move reporting to dbt']);
    expect(iv.code).toBe(0);
    expect(iv.stdout).toContain('Timeline "within two weeks" understood as Tue 2026-03-17');
    expect(iv.stdout).toMatch(/Next: Thank Dr\. Okafor \(Acme Corp\) — ideal Tue 2026-03-03 17:00/);
  });

  it('names the flag at fault and leaves the record as it was', async () => {
    const cli = at('2026-03-02T13:00:00Z');
    const bad: [string[], RegExp][] = [
      [['add', 'interview', 'a1', '--start', '2026-02-30T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round'], /^afterword: --start: "2026-02-30T10:00" is not a date-time/],
      [['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T09:00', '--stage', 'first_round'], /^afterword: --end: ends before it starts/],
      [['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p9'], /^afterword: --with: unknown person id "p9"/],
      [['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--time-zone', 'Mars/Base'], /^afterword: --time-zone: unknown time zone/],
      [['add', 'person', 'a9', '--name', 'X'], /^afterword: application "a9" not found/],
      [['setup', '--region', 'Narnia'], /^afterword: --region: unknown region "Narnia"/],
    ];
    for (const [argv, message] of bad) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const show = JSON.parse((await cli(['show', 'a1', '--json'])).stdout) as { application: { interviews: unknown[]; people: unknown[] } };
    expect(show.application.interviews).toHaveLength(1);
    expect(show.application.people).toHaveLength(2);
  });

  it('shows two thank-yous due after the interview; sending one moves the plan on', async () => {
    const today = await at('2026-03-03T17:00:00Z')(['today', '--json']); // Tue 12:00 in New York
    const json = JSON.parse(today.stdout) as { due: { kind: string; personId: string }[]; warnings: { rule: string }[] };
    expect(json.due.map((d) => [d.kind, d.personId])).toEqual([['thank_you', 'p1'], ['thank_you', 'p2']]);
    expect(json.warnings.map((w) => w.rule)).toContain('P1');
    expect((await at('2026-03-03T20:00:00Z')(['sent', 'a1', '--person', 'p1'])).stdout).toContain('Recorded: thank you sent');
    const text = (await at('2026-03-03T20:05:00Z')(['today'])).stdout;
    expect(text).toContain('Thank Sam Ruiz');
    expect(text).not.toContain('Thank Dr. Okafor');
  });

  it('P2: an early status check is refused without --yes, recorded with it', async () => {
    const early = await at('2026-03-05T15:00:00Z')(['sent', 'a1', '--person', 'p1', '--kind', 'status_check']); // Thu, before Thu 03-19
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/P2: this is early\. The earliest advised moment is Thu 2026-03-19 09:00 \(F0, F1\).*pass --yes/);
    const show = JSON.parse((await at('2026-03-05T15:00:00Z')(['show', 'a1', '--json'])).stdout) as { application: { touches: unknown[] } };
    expect(show.application.touches).toHaveLength(1);
    expect((await at('2026-03-05T15:00:00Z')(['sent', 'a1', '--person', 'p1', '--kind', 'status_check', '--yes'])).code).toBe(0);
  });

  it('L8: a text naming another application\'s company is held until confirmed', async () => {
    const cli = at('2026-03-06T15:00:00Z');
    expect((await cli(['add', 'application', '--company', 'Globex', '--role', 'Analyst'])).code).toBe(0);
    const held = await cli(['sent', 'a1', '--person', 'p2', '--kind', 'update', '--yes', '--text', 'Dear Mr. Ruiz, I remain keen on the Data Analyst post at Globex.']);
    expect(held.code).toBe(2);
    expect(held.stderr).toMatch(/L8: .*Globex.*--confirm-company/);
  });

  it('log-call "not decided" with a date: the plan follows', async () => {
    const run = await at('2026-03-19T18:30:00Z')(['log-call', 'a1', '--person', 'p1', '--outcome', 'not_decided', '--new-decision-by', '2026-03-27', '--yes']); // Thu
    expect(run.code).toBe(0);
    const show = JSON.parse((await at('2026-03-19T19:00:00Z')(['show', 'a1', '--json'])).stdout) as { plan: { kind: string; status: string; earliest: string; rules: string[] }[] };
    const next = show.plan.find((r) => (r.kind === 'status_check' || r.kind === 'call') && r.status === 'upcoming');
    expect(next?.earliest.slice(0, 10)).toBe('2026-03-31'); // Tue: Fri 03-27 + 2 business days
    expect(next?.rules).toEqual(expect.arrayContaining(['F6', 'F1']));
  });

  it('week, pipeline and close', async () => {
    const cli = at('2026-03-30T13:00:00Z');
    expect((await cli(['week'])).stdout).toContain('Check in with');
    expect((await cli(['close', 'a2', '--as', 'withdrawn'])).stdout).toContain('Closed Globex');
    const p = JSON.parse((await cli(['pipeline', '--json'])).stdout) as { counts: Record<string, number> };
    expect(p.counts).toMatchObject({ active: 1, withdrawn: 1 });
    expect((await cli(['close', 'a2', '--as', 'active'])).code).toBe(2);
  });

  it('drafts from the stored records, as text, .eml and mailto', async () => {
    const cli = at('2026-03-30T13:00:00Z');
    const text = await cli(['draft', '--application', 'a1', '--person', 'p1', '--kind', 'status_check']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Dear Dr. Okafor,');
    const link = await cli(['draft', '--application', 'a1', '--person', 'p1', '--kind', 'status_check', '--mailto']);
    expect(link.stdout).toMatch(/^mailto:g@acme\.example\?subject=/);
  });
});
