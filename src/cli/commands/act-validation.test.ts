/** Validation that matches docs/cli.md: a person where the protocol needs one, no blank names, contact details, a future --at. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import type { CliIo } from '../io.js';
import { runCli } from '../main.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => {
  deps = await memoryDeps();
  const cli = cliWith(deps, '2026-03-02T13:00:00Z'); // Mon 2026-03-02 08:00 in New York
  expect((await cli(['setup', '--name', 'Jordan Lee', '--time-zone', 'America/New_York', '--region', 'US'])).code).toBe(0);
  expect((await cli(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10'])).code).toBe(0);
  expect((await cli(['add', 'person', 'a1', '--name', 'Grace Okafor'])).code).toBe(0);
  expect((await cli(['add', 'person', 'a1', '--name', 'Sam Ruiz', '--role', 'recruiter'])).code).toBe(0);
  expect((await cli(['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1,p2'])).code).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

async function touches(): Promise<unknown[]> {
  const show = await cliWith(deps, '2026-03-04T15:00:00Z')(['show', 'a1', '--json']);
  return (JSON.parse(show.stdout) as { application: { touches: unknown[] } }).application.touches;
}

/** The CLI on a fake terminal whose every question is answered `answer`; the questions asked land in `asked`. */
async function onTerminal(argv: string[], nowIso: string, answer: boolean, asked: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIo = {
    stdout: () => undefined, stderr: (t) => { err += t; }, readFile: () => '', now: () => Date.parse(nowIso), deps,
    interactive: true,
    prompt: {
      confirm: (q: string) => { asked.push(q); return Promise.resolve(answer); },
      text: () => Promise.resolve(undefined),
    },
  };
  return { code: await runCli(argv, io), err };
}

describe('a person where the protocol needs one', () => {
  it('refuses a thank-you, a status check and a call without --person, listing the people, and records nothing', async () => {
    const cli = cliWith(deps, '2026-03-03T20:00:00Z'); // Tue 2026-03-03 15:00 in New York
    const cases: [string[], RegExp][] = [
      [['sent', 'a1'], /^afterword: --person: a thank-you goes to someone; say whom by id: p1 \(Grace Okafor\), p2 \(Sam Ruiz\)\n$/],
      [['sent', 'a1', '--kind', 'status_check', '--yes'], /^afterword: --person: a status check goes to someone/],
      [['log-call', 'a1', '--outcome', 'voicemail'], /^afterword: --person: a call goes to someone; say whom by id: p1/],
      [['log-call', 'a1', '--outcome', 'not_decided'], /^afterword: --person: a call goes to someone/],
      // The general recorder checks the same.
      [['add', 'touch', 'a1', '--kind', 'thank_you'], /^afterword: --person: a thank-you goes to someone; say whom by id: p1/],
      [['add', 'touch', 'a1', '--kind', 'status_check', '--channel', 'phone'], /^afterword: --person: a status check goes to someone/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await touches()).toHaveLength(0);
  });

  it('records an update without a person, as before', async () => {
    expect((await cliWith(deps, '2026-03-03T20:00:00Z')(['sent', 'a1', '--kind', 'update', '--yes'])).code).toBe(0);
    expect(await touches()).toHaveLength(1);
  });
});

describe('names, companies and contact details', () => {
  it('refuses blank names and companies and a bad email or phone, naming the flag', async () => {
    const cli = cliWith(deps, '2026-03-03T20:00:00Z');
    const cases: [string[], RegExp][] = [
      [['add', 'application', '--company', '   ', '--role', 'Analyst'], /^afterword: --company: is blank; write the company’s name\n$/],
      [['add', 'application', '--company', 'Globex', '--role', ' \t '], /^afterword: --role: is blank; write the role\n$/],
      [['add', 'person', 'a1', '--name', '   '], /^afterword: --name: is blank; write their full name\n$/],
      [['add', 'person', 'a1', '--name', 'Ada Byron', '--email', 'not-an-email'], /^afterword: --email: "not-an-email" is not an email address; write it as name@example\.com\n$/],
      [['add', 'person', 'a1', '--name', 'Ada Byron', '--phone', 'call me'], /^afterword: --phone: "call me" is not a phone number/],
      [['add', 'reference', '--name', '  '], /^afterword: --name: is blank/],
      [['add', 'reference', '--name', 'Ada Byron', '--email', 'ada@'], /^afterword: --email: "ada@" is not an email address/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const pipeline = JSON.parse((await cli(['show', 'a1', '--json'])).stdout) as { application: { people: unknown[] } };
    expect(pipeline.application.people).toHaveLength(2);
  });

  it('refuses a profile name of spaces', async () => {
    const run = await cliWith(deps, '2026-03-03T20:00:00Z')(['setup', '--name', '   ']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('afterword: --name: is blank; write your full name\n');
  });

  it('keeps names trimmed', async () => {
    const run = await cliWith(deps, '2026-03-03T20:00:00Z')(['add', 'person', 'a1', '--name', '  Ada Byron ', '--email', ' ada@acme.example ', '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"name": "Ada Byron"');
    expect(run.stdout).toContain('"email": "ada@acme.example"');
  });

  it('says a length limit in words with the flag', async () => {
    const run = await cliWith(deps, '2026-03-03T20:00:00Z')(['add', 'person', 'a1', '--name', 'x'.repeat(10_001)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('afterword: --name: 10,001 characters; the most is 10,000 — shorten it\n');
  });
});

describe('an --at in the future', () => {
  it('needs --yes off a terminal, naming the date in words; records nothing without it', async () => {
    const cli = cliWith(deps, '2026-03-04T15:00:00Z'); // Wed 2026-03-04 10:00 in New York
    const before = (await touches()).length;
    const run = await cli(['sent', 'a1', '--person', 'p1', '--at', '2027-06-01T10:00']); // Tue 2027-06-01
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('afterword: --at: Tuesday, June 1, 2027 at 10:00 is in the future. Not recorded; fix --at to when it happened, or pass --yes if the date is meant.\n');
    const call = await cli(['log-call', 'a1', '--person', 'p2', '--outcome', 'not_decided', '--at', '2026-03-08T10:00']); // Sun 2026-03-08, four days ahead
    expect(call.code).toBe(2);
    expect(call.stderr).toMatch(/--at: Sunday, March 8, 2026 at 10:00 is in the future.*--yes/);
    const raw = await cli(['add', 'touch', 'a1', '--kind', 'update', '--at', '2026-03-09T10:00']); // Mon 2026-03-09
    expect(raw.code).toBe(2);
    expect(raw.stderr).toMatch(/--at: Monday, March 9, 2026 at 10:00 is in the future.*--yes/);
    expect(await touches()).toHaveLength(before);
  });

  it('takes a few minutes ahead as now, and --yes as meant', async () => {
    const cli = cliWith(deps, '2026-03-04T15:00:00Z'); // Wed 2026-03-04 10:00 in New York
    expect((await cli(['sent', 'a1', '--person', 'p1', '--at', '2026-03-04T10:03'])).code).toBe(0); // Wed, three minutes ahead
    const meant = await cli(['sent', 'a1', '--person', 'p2', '--at', '2026-03-05T09:00', '--yes', '--json']); // Thu 2026-03-05
    expect(meant.code).toBe(0);
    expect(meant.stdout).not.toContain('futureIntended');
  });

  it('asks on a terminal, naming the date; no records nothing', async () => {
    const asked: string[] = [];
    const before = (await touches()).length;
    const no = await onTerminal(['sent', 'a1', '--person', 'p1', '--kind', 'update', '--at', '2027-06-01T10:00'], '2026-03-04T15:00:00Z', false, asked); // Tue 2027-06-01
    expect(no.code).toBe(2);
    expect(asked).toEqual(['Record it as done on Tuesday, June 1, 2027 at 10:00?']);
    expect(await touches()).toHaveLength(before);
    const yes = await onTerminal(['sent', 'a1', '--person', 'p1', '--kind', 'update', '--at', '2026-03-04T18:00'], '2026-03-04T15:00:00Z', true, asked); // Wed 2026-03-04 18:00, later today
    expect(yes.code).toBe(0);
    expect(await touches()).toHaveLength(before + 1);
  });
});
