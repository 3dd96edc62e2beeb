/** `afterword add interview` on a terminal: the debrief questions say what to type, with an example, and keep to the limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import type { CliIo, Prompter } from '../io.js';
import { runCli } from '../main.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
beforeAll(async () => {
  deps = await memoryDeps();
  // Tue 2026-03-03 15:00 in New York.
  const cli = cliWith(deps, '2026-03-03T20:00:00Z');
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst'],
    ['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.'],
  ]) expect((await cli(argv)).code).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

interface Asked { message: string; placeholder?: string; validate?: (value: string) => string | undefined }

/** Runs `argv` on a terminal that answers the text questions with `answers`, in order, and every yes/no with yes. */
async function onTerminal(argv: string[], answers: string[]): Promise<{ code: number; err: string; asked: Asked[] }> {
  const asked: Asked[] = [];
  const prompt: Prompter = {
    text: (message, options = {}) => {
      asked.push({ message, ...options });
      return Promise.resolve(answers.shift());
    },
    confirm: () => Promise.resolve(true),
  };
  let err = '';
  const io: CliIo = {
    stdout: () => {}, stderr: (t) => { err += t; }, readFile: () => '', now: () => Date.parse('2026-03-03T20:00:00Z'),
    deps, interactive: true, prompt,
  };
  return { code: await runCli(argv, io), err, asked };
}

describe('the debrief on a terminal', () => {
  it('each question says a topic or a sentence both work, with one example, and refuses an answer over 2,000 characters', async () => {
    const answers = ['the churn model walkthrough', '', 'how I would size the analytics team in year one', 'She said the team is moving to Snowflake this year', ''];
    // Tue 2026-03-03, 10:00–11:00.
    const r = await onTerminal(['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1'], [...answers]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.asked.map((a) => a.message)).toEqual([
      'Best moments? A topic in a few words, or a sentence \u2014 both work; empty to skip.',
      'Awkward moments? A topic in a few words, or a sentence \u2014 both work; empty to skip.',
      'Questions you did not answer fully? A topic in a few words, or a sentence \u2014 both work; empty to skip.',
      'One specific, striking detail from p1\'s conversation? A topic in a few words, or a sentence \u2014 both work; empty to skip.',
      'Anything that rubbed you the wrong way (red flags)? A topic in a few words, or a sentence \u2014 both work; empty to skip.',
    ]);
    expect(r.asked.map((a) => a.placeholder)).toEqual([
      'e.g. "the churn model walkthrough"',
      'e.g. "I blanked on the formula for statistical power"',
      'e.g. "how I would size the analytics team in year one"',
      'e.g. "her team\'s move to Snowflake" or "She said the team is moving to Snowflake this year"',
      'e.g. "no one could say who the post reports to"',
    ]);
    for (const a of r.asked) {
      expect(a.validate?.('x'.repeat(2_001))).toBe('2,001 characters; the most is 2,000 \u2014 shorten it');
      expect(a.validate?.('\u{1F680}'.repeat(2_000))).toBeUndefined();
    }
    const app = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    expect(app?.interviews[0]?.debrief).toEqual({
      askedNextSteps: true, collectedContacts: true, bestMoments: 'the churn model walkthrough',
      unfinishedAnswers: 'how I would size the analytics team in year one', details: { p1: 'She said the team is moving to Snowflake this year' },
    });
  });
});

describe('their words with two readings (F0)', () => {
  // Wed 2026-03-04, 10:00–11:00; "by next Friday" is Fri 03-06 to some, Fri 03-13 to others.
  const argv = ['add', 'interview', 'a1', '--start', '2026-03-04T10:00', '--end', '2026-03-04T11:00', '--stage', 'first_round', '--with', 'p1', '--said', 'by next Friday', '--best', 'the churn model walkthrough'];

  it('off a terminal: exit 2 naming --decision-by with both dates, and nothing recorded', async () => {
    const before = (await deps.store.getApplication(LOCAL_USER.id, 'a1'))?.interviews.length;
    const r = await cliWith(deps, '2026-03-04T20:00:00Z')(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--decision-by: "by next Friday" reads two ways: Fri 2026-03-06, the coming Friday; or Fri 2026-03-13,');
    expect(r.stderr).toContain('Run again with --decision-by and the date they meant (YYYY-MM-DD). Nothing was recorded.');
    expect((await deps.store.getApplication(LOCAL_USER.id, 'a1'))?.interviews.length).toBe(before);
  });

  it('on a terminal: asks which date they meant and keeps both their words and the date picked', async () => {
    const r = await onTerminal(argv, ['2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.asked[0]?.message).toMatch(/^"by next Friday" reads two ways\. Which did they mean\? 1 = Fri 2026-03-06, .*; 2 = Fri 2026-03-13, .*; 0 = neither/);
    const app = await deps.store.getApplication(LOCAL_USER.id, 'a1');
    const iv = app?.interviews[app.interviews.length - 1];
    expect(iv?.timeline.said).toBe('by next Friday');
    expect(iv?.timeline.decisionBy).toBe(20_525); // 2026-03-13, a Friday, in days since 1970-01-01
  });
});
