/** `afterword reply`: the scripting contract on a scenario, and the reply on your records (real in-memory PGlite). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import type { CliIo, Prompter } from '../io.js';
import { runCli } from '../main.js';
import { cli, cliWith, memoryDeps } from '../testing.js';

const SCENARIO = readFileSync(new URL('../../../../shared/scenarios/worked-example-1.json', import.meta.url), 'utf8');
const NOT_DECIDED = 'Hi Jordan,\n\nThanks for checking in. We have not made a decision yet. We expect to make a final decision by March 20.\n\nBest,\nGrace Okafor\n\nOn Mon, Mar 9, 2026 at 8:00 AM Jordan Lee wrote:\n> Have you decided? I would love an offer.\n';
const NEXT_FRIDAY = 'Hi Jordan,\n\nStill deciding, sorry. We will decide by next Friday.\n\nGrace';
const REJECTION = 'Hi Jordan,\n\nAfter careful thought we have decided to move forward with other candidates.\n\nBest,\nGrace Okafor';
// Mon 2026-03-09, 10:00 in New York.
const NOW = '2026-03-09T10:00:00-04:00';

describe('afterword reply --scenario (CONTRACT.md)', () => {
  const files = { 's.json': SCENARIO, 'reply.txt': NOT_DECIDED, 'empty.txt': ' \n\n', 'bad.json': '{"settings":' };

  it('answers exactly as the contract says', async () => {
    const run = await cli(['reply', '--scenario', 's.json', '--application', 'a1', '--text-file', 'reply.txt', '--now', NOW, '--json'], { files });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      applicationId: 'a1', class: 'not_decided', decisionBy: '2026-03-20', returnOn: null, // Fri
      evidence: 'We expect to make a final decision by March 20.',
      proposal: { action: 'new_decision_date', rules: ['F6', 'F0', 'F1'], why: 'They have not decided yet and gave a new date.' },
    });
  });

  it('says it in words without --json', async () => {
    const run = await cli(['reply', '--scenario', 's.json', '--application', 'a1', '--text-file', 'reply.txt', '--now', NOW], { files });
    expect(run.stdout).toContain('Their reply reads as not decided yet, with a new date: Fri 2026-03-20.');
    expect(run.stdout).toContain('They wrote: "We expect to make a final decision by March 20."');
  });

  it.each([
    [['--application', 'a9', '--text-file', 'reply.txt'], /^afterword: --application: unknown application "a9"; known: a1\n$/],
    [['--application', 'a1', '--text-file', 'missing.txt'], /^afterword: --text-file: "missing.txt" no such file; give the path of a text file/],
    [['--application', 'a1', '--text-file', 'empty.txt'], /^afterword: --text-file: the reply is empty/],
    [['--text-file', 'reply.txt'], /^afterword: --application: required with --scenario/],
    [['--application', 'a1', '--text-file', 'reply.txt', '--now', 'Monday'], /^afterword: --now: "Monday" is not an ISO-8601 instant/],
  ])('refuses bad input with one line naming the flag, exit 2: %j', async (args, message) => {
    const run = await cli(['reply', '--scenario', 's.json', ...args], { files });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('names the malformed scenario', async () => {
    const run = await cli(['reply', '--scenario', 'bad.json', '--application', 'a1', '--text-file', 'reply.txt'], { files });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^afterword: scenario: not valid JSON at line 1/);
  });

  it('has help with an example', async () => {
    const run = await cli(['reply', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('$ afterword reply a1 --text-file reply.txt');
    expect(run.stdout).toContain('--scenario interviews.json --application a1');
  });
});

describe('afterword reply on your records', () => {
  let deps: Deps;
  const written: Record<string, string> = { 'nd.txt': NOT_DECIDED, 'fri.txt': NEXT_FRIDAY, 'no.txt': REJECTION };
  const at = (iso: string) => cliWith(deps, iso, written);
  /** A terminal whose prompts answer from `answers`, in order. */
  const terminal = async (argv: readonly string[], answers: (string | boolean)[]) => {
    let stdout = '';
    let stderr = '';
    const asked: string[] = [];
    const prompt: Prompter = {
      text: (message) => { asked.push(message); return Promise.resolve(String(answers.shift())); },
      confirm: (message) => { asked.push(message); return Promise.resolve(answers.shift() === true); },
    };
    const io: CliIo = {
      stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readFile: (p) => written[p] ?? '',
      now: () => Date.parse('2026-03-09T14:00:00Z'), deps, interactive: true, prompt,
    };
    const code = await runCli(argv, io);
    return { code, stdout, stderr, asked };
  };
  const touches = async (): Promise<{ kind: string; outcome: string; newDecisionBy?: string; personId?: string }[]> =>
    (JSON.parse((await at(NOW)(['show', 'a1', '--json'])).stdout) as { application: { touches: { kind: string; outcome: string; newDecisionBy?: string; personId?: string }[] } }).application.touches;

  beforeAll(async () => {
    deps = await memoryDeps();
    const run = at('2026-03-02T13:00:00Z');
    await run(['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US']);
    await run(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst']);
    await run(['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example']);
    // Wed 2026-03-04 10:00–11:00 in New York.
    await run(['add', 'interview', 'a1', '--start', '2026-03-04T10:00', '--end', '2026-03-04T11:00', '--stage', 'first_round', '--with', 'p1']);
  }, 60_000);
  afterAll(async () => { await deps.store.close(); });

  it('without a terminal and without --yes: keeps the reply, applies nothing, and says how', async () => {
    const run = await at(NOW)(['reply', 'a1', '--text-file', 'nd.txt']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('They wrote: "We expect to make a final decision by March 20."');
    expect(run.stdout).toContain('Kept their reply in the history of Acme Corp as "reply received"; the proposed change was not applied.');
    expect(run.stdout).toContain('run the same command again with --yes');
    expect(await touches()).toEqual([expect.objectContaining({ kind: 'reply', outcome: 'reply_received', personId: 'p1' })]);
  });

  it('with --yes: the same message takes the change, and is not recorded twice', async () => {
    const run = await at(NOW)(['reply', 'a1', '--text-file', 'nd.txt', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Applied: recorded their reply as "not decided", with Fri 2026-03-20 as the new decision date');
    expect(await touches()).toEqual([expect.objectContaining({ kind: 'reply', outcome: 'not_decided', newDecisionBy: '2026-03-20' })]);
    const again = await at(NOW)(['reply', 'a1', '--text-file', 'nd.txt', '--yes']);
    expect(again.stdout).toContain('This reply is already in the history of Acme Corp; nothing was recorded twice.');
    expect(await touches()).toHaveLength(1);
  });

  it('on a terminal: asks, and asks which date when theirs reads two ways', async () => {
    const run = await terminal(['reply', 'a1', '--text-file', 'fri.txt'], [true, '2']);
    expect(run.code).toBe(0);
    expect(run.asked[0]).toBe('Apply this change?');
    expect(run.asked[1]).toMatch(/^Their date \("We will decide by next Friday\."\) reads two ways\. Which did they mean\? 1 = Fri 2026-03-13 \(.+\), 2 = Fri 2026-03-20 \(.+\)$/);
    expect((await touches()).at(-1)).toMatchObject({ outcome: 'not_decided', newDecisionBy: '2026-03-20' });
  });

  it('a reading with two dates, off a terminal with --yes, needs --decision-by: exit 2, nothing recorded', async () => {
    written['fri2.txt'] = `${NEXT_FRIDAY}\n(second copy)`;
    const before = (await touches()).length;
    const run = await at(NOW)(['reply', 'a1', '--text-file', 'fri2.txt', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^afterword: --decision-by: their date \("We will decide by next Friday\."\) reads as 2026-03-13 or 2026-03-20/);
    expect(await touches()).toHaveLength(before);
    const given = await at(NOW)(['reply', 'a1', '--text-file', 'fri2.txt', '--yes', '--decision-by', '2026-03-13', '--json']);
    expect(JSON.parse(given.stdout)).toMatchObject({ class: 'not_decided', applied: true, history: 'added' });
  });

  it('declined at the prompt: kept in the history as a reply received, the application stays active', async () => {
    const run = await terminal(['reply', 'a1', '--text-file', 'no.txt'], [false]);
    expect(run.stdout).toContain('Their reply reads as a rejection.');
    expect(run.stdout).not.toContain('--yes');
    expect((await touches()).at(-1)).toMatchObject({ outcome: 'reply_received' });
  });

  it('refuses an unknown application and a date that is no date', async () => {
    const unknown = await at(NOW)(['reply', 'a9', '--text-file', 'no.txt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^afterword: application "a9" not found/);
    const bad = await at(NOW)(['reply', 'a1', '--text-file', 'no.txt', '--decision-by', '20/03']);
    expect(bad.stderr).toMatch(/^afterword: --decision-by: "20\/03" is not a date; write it as YYYY-MM-DD/);
  });
});
