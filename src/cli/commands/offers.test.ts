/** Red flags, offers, criteria and the comparison through the CLI, on a real (in-memory PGlite) database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps, type CliRun } from '../testing.js';
import { displayWidth } from './offers-render.js';

let deps: Deps;
beforeAll(async () => { deps = await memoryDeps(); }, 60_000);
afterAll(async () => { await deps.store.close(); });

// Mon 2026-04-20, 10:00 in New York.
const files: Record<string, string | Uint8Array> = {};
const run = (argv: readonly string[]): Promise<CliRun> => cliWith(deps, '2026-04-20T14:00:00Z', files)(argv);

/** The text with its line wrapping undone, for sentences that may wrap. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const snapshot = async (): Promise<string> => JSON.stringify(await deps.store.exportAll(LOCAL_USER.id));

/** Every line fits a 100-column terminal. */
function expectFits(text: string): void {
  for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
}

/** Runs a command that must succeed; the text output of this file's commands must fit 100 columns. */
async function ok(argv: readonly string[]): Promise<string> {
  const r = await run(argv);
  expect(r.stderr, argv.join(' ')).toBe('');
  expect(r.code, argv.join(' ')).toBe(0);
  if (['flag', 'flags', 'offer', 'criteria', 'rate', 'compare'].includes(argv[0] ?? '') && !argv.includes('--json')) expectFits(r.stdout);
  return r.stdout;
}

async function json<T>(argv: readonly string[]): Promise<T> {
  return JSON.parse(await ok([...argv, '--json'])) as T;
}

interface FlagJson { flag: string; score: number; weight: number; points: number; source: string; notes?: string; manager?: { by: string; why: string }; draggedOn?: { computed: boolean; days?: number; raised?: boolean; why: string } }
interface FlagsJson { total: number; max: number; level: string; top: string[]; summary: string; flags: FlagJson[] }

describe('red flags, offers and the comparison', () => {
  it('sets up three applications: Acme (applied Mon 2026-01-05), Globex, 東京データ', async () => {
    await ok(['setup', '--name', 'Jordan Lee', '--time-zone', 'America/New_York', '--region', 'US']);
    await ok(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-01-05']);
    await ok(['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--role', 'hiring_manager']);
    await ok(['add', 'person', 'a1', '--name', 'Sam Ruiz', '--role', 'recruiter']);
    await ok(['add', 'interview', 'a1', '--start', '2026-02-10T10:00', '--end', '2026-02-10T11:00', '--stage', 'first_round', '--with', 'p2']); // Tue
    await ok(['add', 'interview', 'a1', '--start', '2026-04-06T10:00', '--end', '2026-04-06T11:00', '--stage', 'final', '--with', 'p1']); // Mon: 91 days
    await ok(['add', 'application', '--company', 'Globex', '--role', 'Senior Analyst', '--applied-on', '2026-03-02']);
    await ok(['add', 'interview', 'a2', '--start', '2026-03-16T14:00', '--end', '2026-03-16T15:00', '--stage', 'first_round']); // Mon: 14 days
    await ok(['add', 'application', '--company', '東京データ株式会社', '--role', 'Analyste données — équipe Ω']);
  });

  it('flags: every flag listed, R7 computed with its day count, nothing scored yet', async () => {
    const text = await ok(['flags', 'a1']);
    expect(text).toContain('R7  Process dragged on        4/5 (computed)');
    expect(flat(text)).toContain('91 days from application (Mon 2026-01-05) to the latest interview (Mon 2026-04-06): over 60, raised at 4/5');
    expect(flat(text)).toContain('Concerning: 1 red flag raised, 4 of 45 points. Worst: R7 Process dragged on 4/5 (computed).');
    const j = await json<FlagsJson & { application: { id: string } }>(['flags', 'a2']);
    expect(j.application.id).toBe('a2');
    expect(j.flags.find((f) => f.flag === 'R7')?.draggedOn).toMatchObject({ computed: true, days: 14, raised: false });
    expect(j.total).toBe(0);
    expect(j.summary).toBe('No red flags noted: 0 of 45 points.');
    const third = await json<FlagsJson>(['flags', 'a3']);
    expect(third.flags.find((f) => f.flag === 'R7')?.draggedOn).toMatchObject({ computed: false, why: 'not computed: the application date is not recorded' });
  });

  it('flag: R6 counts double when the hiring manager was met, once after --not-manager', async () => {
    const text = await ok(['flag', 'a1', 'r6', '--score', '3', '--notes', 'Had not read my CV']);
    expect(text).toContain('Saved R6 \u2014 Acme Corp \u2014 Data Analyst (a1)');
    expect(text).toContain('R6  Unprepared interviewer    3/5 \u00d72 = 6');
    expect(flat(text)).toContain('counts double: Grace Okafor (hiring manager) was among your interviewers');
    const once = await json<FlagsJson & { changed: string }>(['flag', 'a1', 'R6', '--not-manager']);
    expect(once.changed).toBe('R6');
    expect(once.flags.find((f) => f.flag === 'R6')).toMatchObject({ score: 3, weight: 1, points: 3, notes: 'Had not read my CV', manager: { by: 'you' } });
    const twice = await json<FlagsJson>(['flag', 'a1', 'R6', '--manager']);
    expect(twice.flags.find((f) => f.flag === 'R6')).toMatchObject({ weight: 2, points: 6, manager: { by: 'you', why: 'counts double: you said the unprepared interviewer would be your manager' } });
    expect(twice.total).toBe(10);
    expect(twice.top).toStrictEqual(['R6', 'R7']);
  });

  it('flag: the user may override R7, and --clear brings the computed score back', async () => {
    const overridden = await json<FlagsJson>(['flag', 'a1', 'R7', '--score', '1', '--notes', 'the holidays were in between']);
    expect(overridden.flags.find((f) => f.flag === 'R7')).toMatchObject({ score: 1, source: 'you', draggedOn: { days: 91, raised: true } });
    expect(flat(await ok(['flags', 'a1']))).toContain('your score overrides the computed one: 91 days');
    const cleared = await ok(['flag', 'a1', 'R7', '--clear']);
    expect(cleared).toContain('Cleared R7');
    expect(cleared).toContain('R7  Process dragged on        4/5 (computed)');
    expect(await ok(['flag', 'a1', 'R7', '--clear'])).toContain('Nothing was kept for R7');
    await ok(['flag', 'a1', 'R3', '--score', '2']);
    await ok(['flag', 'a2', 'R4', '--score', '2', '--notes', 'Third head of data in two years']);
  });

  it('offer: records pay and benefits; an active application moves to "offer"; amendments keep the rest', async () => {
    const text = await ok(['offer', 'a1', '--pay', 'Base salary=\u20ac72,000', '--pay', 'Bonus=up to 10% (target=8%)', '--benefit', 'Pension=5% matched',
      '--benefit', 'Holidays=28 days', '--respond-by', '2026-04-24']);
    expect(text).toContain('Recorded the offer of Acme Corp (a1).');
    expect(text).toContain('Status: active \u2192 offer');
    expect(text).toContain('Received    Mon 2026-04-20'); // today in New York
    expect(text).toMatch(/Bonus +up to 10% \(target=8%\)/);
    const amended = await json<{ offer: { pay: unknown[]; respondBy: string | null; notes: string | null }; statusChange: unknown }>(
      ['offer', 'a1', '--notes', 'Start date negotiable', '--respond-by', '']);
    expect(amended.offer.pay).toHaveLength(2);
    expect(amended.offer.respondBy).toBeNull();
    expect(amended.offer.notes).toBe('Start date negotiable');
    expect(amended.statusChange).toBeNull();
    await ok(['offer', 'a1', '--respond-by', '2026-04-24']);
    await ok(['offer', 'a2', '--pay', 'Base salary=\u20ac78,500', '--benefit', 'Pension=3%', '--received-on', '2026-04-15',
      '--benefit', 'Remote=2 days a week, a laptop and a \u20ac500 home-office budget every year, paid in January']);
    const shown = await json<{ offer: { receivedOn: string } }>(['offer', 'a2']);
    expect(shown.offer.receivedOn).toBe('2026-04-15');
    expect((await json<{ counts: Record<string, number> }>(['pipeline'])).counts).toMatchObject({ offer: 2, active: 1 });
  });

  it('offer --remove forgets it and sends an "offer" application back to active', async () => {
    await ok(['offer', 'a3', '--pay', 'Base=\u00a59,000,000']);
    const removed = await json<{ offer: unknown; statusChange: unknown }>(['offer', 'a3', '--remove']);
    expect(removed).toMatchObject({ offer: null, statusChange: { from: 'offer', to: 'active' } });
    expect(await ok(['offer', 'a3'])).toContain('No offer recorded.');
  });

  it('criteria and rate: weights, ratings in any letter case, the weighted score and its sum', async () => {
    const list = await ok(['criteria', '--set', 'Growth=3', '--set', 'Commute=1', '--set', 'Team=2']);
    expect(list).toContain('\u00d73   Growth');
    expect((await json<{ criteria: unknown }>(['criteria', '--set', 'growth=4'])).criteria).toStrictEqual([
      { name: 'Growth', weight: 4 }, { name: 'Commute', weight: 1 }, { name: 'Team', weight: 2 },
    ]);
    await ok(['criteria', '--set', 'Growth=3']);
    const rated = await ok(['rate', 'a1', '--criterion', 'Growth=4', '--criterion', 'COMMUTE=2']);
    expect(flat(rated)).toContain('Growth 3\u00d74 = 12 + Commute 1\u00d72 = 2; 14 of 20 points (70%); not rated (counted neither way):');
    const b = await json<{ criteria: { points: number; max: number; percent: number; unrated: string[] } }>(['rate', 'a2', '--criterion', 'Growth=2', '--criterion', 'Commute=5', '--criterion', 'Team=3']);
    expect(b.criteria).toMatchObject({ points: 17, max: 30, percent: 57, unrated: [] });
    expect((await json<{ criteria: { points: number } }>(['rate', 'a2'])).criteria.points).toBe(17);
    const cleared = await json<{ criteria: { unrated: string[] } }>(['rate', 'a2', '--clear', 'team']);
    expect(cleared.criteria.unrated).toStrictEqual(['Team']);
    await ok(['rate', 'a2', '--criterion', 'Team=3']);
  });

  it('compare: a side-by-side table in 100 columns with the why of each total', async () => {
    const text = await ok(['compare', 'a1', 'a2']);
    expect(text).toMatch(/^ {24}Acme Corp \(a1\) +Globex \(a2\)$/m);
    expect(text).toMatch(/^ {2}Base salary +€72,000 +€78,500$/m);
    expect(text).toMatch(/^ {2}Bonus +up to 10% \(target=8%\) +—$/m);
    expect(text).toMatch(/^Red-flag points +12 of 45, serious +2 of 45, minor$/m);
    expect(text).toMatch(/^ {2}Growth ×3 +4\/5 → 12 +2\/5 → 6$/m);
    expect(text).toMatch(/^Criteria score +14 of 20 \(70%\) +17 of 30 \(57%\)$/m);
    expect(text).toContain('Fewest red-flag points: Globex (a2).');
    expect(text).toContain('Highest criteria score: Acme Corp (a1).');
    expect(flat(text)).toContain('R6 counts double: you said the unprepared interviewer would be your manager.');
    expect(flat(text)).toContain('R7 computed: 91 days from application (Mon 2026-01-05)');
    // The long benefit wraps inside its column instead of running past 100.
    expect(text).toMatch(/^ {2}Remote +— +2 days a week, a laptop and a €500\n {63}home-office budget every year, paid\n {63}in January$/m);

    const j = await json<{ criteria: unknown[]; applications: { application: { id: string }; offer: { pay: unknown[] } | null; redFlags: FlagsJson; criteria: { percent?: number; why: string } }[] }>(['compare', 'a2', 'a1', 'a3']);
    expect(j.applications.map((a) => a.application.id)).toStrictEqual(['a2', 'a1', 'a3']);
    expect(j.applications.map((a) => a.redFlags.total)).toStrictEqual([2, 12, 0]);
    expect(j.applications[2]?.offer).toBeNull();
    expect(j.applications[2]?.criteria.percent).toBeUndefined();
    expect(j.applications[1]?.criteria.why).toBe('Growth 3\u00d74 = 12 + Commute 1\u00d72 = 2; 14 of 20 points (70%); not rated (counted neither way): Team');
  });

  it('compare: four applications fit as two tables of at most three', async () => {
    await ok(['add', 'application', '--company', 'Initech', '--role', 'Analyst']);
    const text = await ok(['compare', 'a1', 'a2', 'a3', 'a4']);
    const headers = text.split('\n').filter((l) => /^ {24}\S/.test(l) && l.includes('(a'));
    expect(headers).toHaveLength(2);
    expect(headers[1]).toMatch(/^ {24}Initech \(a4\)$/);
  });

  it('keeps hostile text as typed: markup, non-ASCII, very long notes — and still fits 100 columns', async () => {
    const markup = '<script>alert("x")</script> & <b>bold</b> \u2014 \u00ab Zo\u00eb \u00bb \u6771\u4eac \ud83d\ude80 \u0645\u0631\u062d\u0628\u0627';
    const long = `${'Very long observation about the interview. '.repeat(40)}${'x'.repeat(150)}`.trim();
    await ok(['flag', 'a3', 'R8', '--score', '5', '--notes', markup]);
    await ok(['flag', 'a3', 'R2', '--score', '1', '--notes', long]);
    const j = await json<FlagsJson>(['flags', 'a3']);
    expect(j.flags.find((f) => f.flag === 'R8')?.notes).toBe(markup);
    expect(j.flags.find((f) => f.flag === 'R2')?.notes).toBe(long);
    const text = await ok(['flags', 'a3']);
    expect(text).toContain('<script>alert("x")</script>');
    expect(text.replace(/\s+/g, '')).toContain('x'.repeat(150));
    await ok(['criteria', '--set', `${'\u00dcberstunden \u6b8b\u696d '.repeat(4).trim()}=2`]);
    await ok(['offer', 'a3', '--pay', `${'Gehalt '.repeat(11).trim()}=${'\u00a5'.repeat(190)}`, '--benefit', '\u798f\u5229\u539a\u751f=\u5065\u5eb7\u4fdd\u967a \ud83c\udfe5 <i>full</i>']);
    const wide = await ok(['compare', 'a3', 'a1', 'a2']);
    expect(wide).toContain('<i>full</i>');
    expect(wide).toContain('\u6771\u4eac\u30c7\u30fc\u30bf\u682a\u5f0f\u4f1a\u793e (a3)');
  });

  it('refuses bad input with one line naming the flag, and changes nothing', async () => {
    const before = await snapshot();
    const bad: [string[], RegExp][] = [
      [['flag', 'a1', 'R9', '--score', '2'], /^afterword: <flag>: "R9" is not a red flag; use one of R1, R2/],
      [['flag', 'a1', 'R3', '--score', '7'], /^afterword: --score: must be a whole number from 0 to 5 .*not 7$/],
      [['flag', 'a1', 'R3', '--score', '2.5'], /^afterword: --score: "2.5" is not a whole number/],
      [['flag', 'a1', 'R3', '--manager'], /^afterword: --manager: only R6/],
      [['flag', 'a1', 'R6', '--manager', '--not-manager'], /^afterword: --manager: give --manager or --not-manager, not both$/],
      [['flag', 'a1', 'R5', '--notes', 'no score yet'], /^afterword: --score: required the first time you score R5/],
      [['flag', 'a1', 'R4'], /^afterword: --score: nothing to change/],
      [['flag', 'a1', 'R7', '--clear', '--score', '1'], /^afterword: --clear: give it alone/],
      [['flag', 'a1', 'R1', '--score', '1', '--notes', 'n'.repeat(2001)], /^afterword: --notes: is 2001 characters long; keep it to 2000 at most$/],
      [['flag', 'a1', 'R1', '--score', '1', '--notes', 'red \u001b[31malert\u001b[0m'], /^afterword: --notes: contains a control character; remove it$/],
      [['flag', 'a1', 'R1', '--score', '1', '--notes', 'nul \u0000 byte'], /^afterword: --notes: contains a control character/],
      [['flag', 'a1', 'R1', '--score', '1', '--notes', 'broken \ud800 text'], /^afterword: --notes: contains a broken character/],
      [['flag', 'a9', 'R1', '--score', '1'], /^afterword: application "a9" not found/],
      [['offer', 'a1', '--pay', 'Base salary'], /^afterword: --pay: "Base salary" must be written NAME=VALUE/],
      [['offer', 'a1', '--pay', '=72k'], /^afterword: --pay: "=72k" must be written NAME=VALUE/],
      [['offer', 'a1', '--pay', 'Base=  '], /^afterword: --pay: must not be empty$/],
      [['offer', 'a1', '--benefit', `Car=${'v'.repeat(201)}`], /^afterword: --benefit: is 201 characters long; keep it to 200 at most$/],
      [['offer', 'a1', '--benefit', 'Two\nlines=x'], /^afterword: --benefit: contains a control character or a line break; remove it$/],
      [['offer', 'a1', '--respond-by', '2026-02-30'], /^afterword: --respond-by: "2026-02-30" is not a date; write YYYY-MM-DD/],
      [['offer', 'a1', '--respond-by', '2026-04-01'], /^afterword: --respond-by: 2026-04-01 is before the day the offer came \(2026-04-20\)/],
      [['offer', 'a1', '--remove', '--notes', 'x'], /^afterword: --remove: give it alone/],
      [['offer', 'a4', '--remove'], /^afterword: no offer recorded for Initech \(a4\)$/],
      [['criteria', '--set', 'Growth=0'], /^afterword: --set: must be a whole number from 1 to 10 \(how much "Growth" matters\), not 0$/],
      [['criteria', '--set', 'Growth=11'], /^afterword: --set: must be a whole number from 1 to 10/],
      [['criteria', '--set', 'Growth'], /^afterword: --set: "Growth" must be written NAME=VALUE, e.g. --set "Growth=3"$/],
      [['criteria', '--set', 'Growth=high'], /^afterword: --set: "high" is not a whole number/],
      [['criteria', '--set', `${'c'.repeat(61)}=2`], /^afterword: --set: is 61 characters long; keep it to 60 at most$/],
      [['criteria', '--set', 'Growth=2', '--remove', 'growth'], /^afterword: --remove: "growth" is also being set/],
      [['criteria', '--remove', 'Salary'], /^afterword: --remove: no criterion "Salary"; yours are Growth, Commute, Team/],
      // The first removal is valid, the second is not: neither happens.
      [['criteria', '--remove', 'Team', '--remove', 'Salary'], /^afterword: --remove: no criterion "Salary"/],
      [['rate', 'a1', '--criterion', 'Salary=3'], /^afterword: --criterion: no criterion "Salary"; add it first with afterword criteria --set "Salary=3"/],
      [['rate', 'a1', '--criterion', 'Growth=9'], /^afterword: --criterion: must be a whole number from 0 to 5/],
      [['rate', 'a1', '--criterion', 'Team=5', '--criterion', 'Growth=-1'], /^afterword: --criterion: must be a whole number from 0 to 5 .*not -1$/],
      [['rate', 'a9', '--criterion', 'Growth=1'], /^afterword: application "a9" not found/],
      [['compare', 'a1'], /^afterword: <applications>: give at least two applications/],
      [['compare', 'a1', 'a1'], /^afterword: <applications>: "a1" is given twice/],
      [['compare', 'a1', 'a9'], /^afterword: application "a9" not found/],
    ];
    for (const [argv, message] of bad) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim(), argv.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stdout, argv.join(' ')).toBe('');
    }
    expect(await snapshot()).toBe(before);
  });

  it('backup → restore → backup keeps flags, the R6 answer, offers, criteria and ratings byte for byte', async () => {
    expect((await run(['backup', 'one.json'])).code).toBe(0);
    const first = files['one.json'];
    expect(typeof first).toBe('string');
    expect(String(first)).toContain('"manager": true');
    expect(String(first)).toContain('"criteria": [');
    expect((await run(['restore', 'one.json', '--yes'])).code).toBe(0);
    expect((await run(['backup', 'two.json'])).code).toBe(0);
    expect(files['two.json']).toBe(first);
  });

  it('has examples in every command\'s help', async () => {
    for (const command of ['flag', 'flags', 'offer', 'criteria', 'rate', 'compare']) {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout, command).toMatch(/Examples?:\n {2}\$ afterword /);
    }
  });
});
