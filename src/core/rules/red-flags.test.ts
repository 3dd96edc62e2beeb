import { describe, expect, it } from 'vitest';
import { scenarioOf, time } from '../testing.js';
import { parseDay, type Day } from '../time.js';
import {
  describeDraggedOn, describeManager, draggedOn, redFlagFacts, scoreRedFlags, summarizeRedFlags,
  RED_FLAG_DEFAULTS, type FlagInput, type RedFlagFacts,
} from './red-flags.js';

const day = (text: string): Day => parseDay(text) ?? Number.NaN;
const facts = (appliedOn: string | undefined, latest: string | undefined, managersMet: string[] = []): RedFlagFacts => ({
  ...(appliedOn !== undefined ? { appliedOn: day(appliedOn) } : {}),
  ...(latest !== undefined ? { latestInterview: day(latest) } : {}),
  managersMet,
});

describe('R7: the process dragged on, computed from the dates', () => {
  // Applied Mon 2026-01-05 in every row.
  const table: [latest: string, days: number, raised: boolean, score: number][] = [
    ['2026-01-05', 0, false, 0], // Mon, the same day
    ['2026-03-06', 60, false, 0], // Fri: exactly 60 is not "more than 60"
    ['2026-03-07', 61, true, 3], // Sat: the first day over
    ['2026-03-09', 63, true, 3], // Mon
    ['2026-04-05', 90, true, 3], // Sun
    ['2026-04-06', 91, true, 4], // Mon
    ['2026-05-05', 120, true, 4], // Tue
    ['2026-05-06', 121, true, 5], // Wed
    ['2026-09-01', 239, true, 5], // Tue: capped at 5
    ['2025-12-31', -5, false, 0], // Wed: an interview dated before the application raises nothing
  ];
  it.each(table)('latest interview %s: %i days, raised %s at %i', (latest, days, raised, score) => {
    expect(draggedOn(facts('2026-01-05', latest))).toStrictEqual({
      computed: true, days, appliedOn: day('2026-01-05'), latestInterview: day(latest), raised, score,
    });
  });

  it('says which date is missing instead of guessing', () => {
    expect(draggedOn(facts(undefined, '2026-03-09'))).toStrictEqual({ computed: false, missing: 'appliedOn' });
    expect(draggedOn(facts('2026-01-05', undefined))).toStrictEqual({ computed: false, missing: 'interviews' });
    expect(describeDraggedOn(draggedOn(facts(undefined, '2026-03-09')))).toBe('not computed: the application date is not recorded');
  });

  it('shows the computation with the day count and weekdays', () => {
    expect(describeDraggedOn(draggedOn(facts('2026-01-05', '2026-04-06')))).toBe(
      '91 days from application (Mon 2026-01-05) to the latest interview (Mon 2026-04-06): over 60, raised at 4/5');
    expect(describeDraggedOn(draggedOn(facts('2026-01-05', '2026-03-06')))).toBe(
      '60 days from application (Mon 2026-01-05) to the latest interview (Fri 2026-03-06): not over 60');
  });

  it('takes its numbers as parameters', () => {
    const strict = { ...RED_FLAG_DEFAULTS, draggedOnDays: 30 };
    expect(draggedOn(facts('2026-01-05', '2026-02-05'), strict)).toMatchObject({ days: 31, raised: true, score: 3 }); // Thu
  });

  it('is raised automatically in the report, and the candidate may override it', () => {
    const f = facts('2026-01-05', '2026-04-06'); // Mon → Mon, 91 days
    const auto = scoreRedFlags([], f).flags.find((x) => x.flag === 'R7');
    expect(auto).toMatchObject({ score: 4, points: 4, source: 'computed' });
    const overridden = scoreRedFlags([{ flag: 'R7', score: 1, notes: 'the holidays were in between' }], f).flags.find((x) => x.flag === 'R7');
    expect(overridden).toMatchObject({ score: 1, points: 1, source: 'you', notes: 'the holidays were in between', draggedOn: { days: 91, score: 4 } });
  });
});

describe('redFlagFacts: what the records say', () => {
  const scenario = scenarioOf({
    settings: { region: 'US', timeZone: 'America/New_York' },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-01-05', // Mon
      people: [{ id: 'p1', name: 'Grace Okafor', role: 'hiring_manager' }, { id: 'p2', name: 'Sam Ruiz', role: 'recruiter' },
        { id: 'p3', name: 'Lee Park', role: 'hiring_manager' }],
      interviews: [
        // Listed first but latest: Fri 2026-03-06 21:00 in New York is already Sat 03-07 in UTC.
        { id: 'i2', start: '2026-03-07T02:00:00Z', end: '2026-03-07T03:00:00Z', timeZone: 'America/New_York', stage: 'second_round', peopleIds: ['p1'] },
        { id: 'i1', start: '2026-02-10T15:00:00Z', end: '2026-02-10T16:00:00Z', timeZone: 'America/New_York', stage: 'first_round', peopleIds: ['p2'] }, // Tue
      ],
    }],
  });
  const app = scenario.applications[0];

  it('takes the latest interview by start, dated in its own zone, and the hiring managers met', () => {
    if (!app) throw new Error('no application');
    const f = redFlagFacts(app, time);
    expect(f).toStrictEqual({ appliedOn: day('2026-01-05'), latestInterview: day('2026-03-06'), managersMet: ['Grace Okafor'] });
    // 60 days in New York: not raised (it would be 61 counted in UTC).
    expect(draggedOn(f)).toMatchObject({ days: 60, raised: false });
  });

  it('has no dates to give for an application without interviews', () => {
    if (!app) throw new Error('no application');
    expect(redFlagFacts({ ...app, interviews: [] }, time)).toStrictEqual({ appliedOn: day('2026-01-05'), managersMet: [] });
  });
});

describe('R6: an unprepared interviewer counts double when they would be the manager', () => {
  const none = facts(undefined, undefined);
  const withManager = facts(undefined, undefined, ['Grace Okafor']);
  const table: [name: string, note: FlagInput, f: RedFlagFacts, weight: number, basis: string][] = [
    ['you said so', { flag: 'R6', score: 3, manager: true }, none, 2, 'counts double: you said the unprepared interviewer would be your manager'],
    ['you said not, though a hiring manager was met', { flag: 'R6', score: 3, manager: false }, withManager, 1, 'counts once: you said the unprepared interviewer would not be your manager'],
    ['unsaid, a hiring manager was met', { flag: 'R6', score: 3 }, withManager, 2, 'counts double: Grace Okafor (hiring manager) was among your interviewers'],
    ['unsaid, no hiring manager met', { flag: 'R6', score: 3 }, none, 1, 'counts once: no hiring manager among your interviewers'],
  ];
  it.each(table)('%s', (_name, note, f, weight, basis) => {
    const r6 = scoreRedFlags([note], f).flags.find((x) => x.flag === 'R6');
    expect(r6?.weight).toBe(weight);
    expect(r6?.points).toBe(3 * weight);
    expect(r6?.manager && describeManager(r6.manager)).toBe(basis);
  });

  it('only R6 is ever weighted', () => {
    const report = scoreRedFlags(
      [{ flag: 'R3', score: 5, manager: true }, { flag: 'R6', score: 1 }], withManager);
    expect(report.flags.map((x) => x.weight)).toStrictEqual([1, 1, 1, 1, 1, 2, 1, 1]);
  });
});

describe('the report: total, level, worst flags, plain words', () => {
  const f = facts('2026-01-05', '2026-02-16'); // Mon → Mon, 42 days: R7 not raised

  it('is all clear when nothing is scored', () => {
    const report = scoreRedFlags([], f);
    expect(report).toMatchObject({ total: 0, max: 45, level: 'none', top: [] });
    expect(report.flags.map((x) => x.source)).toStrictEqual(['unscored', 'unscored', 'unscored', 'unscored', 'unscored', 'unscored', 'computed', 'unscored']);
    expect(summarizeRedFlags(report)).toBe('No red flags noted: 0 of 45 points.');
    expect(summarizeRedFlags(scoreRedFlags([], facts(undefined, undefined)))).toBe(
      'No red flags noted: 0 of 45 points (R7 not computed: the application date is not recorded).');
  });

  const levels: [notes: FlagInput[], total: number, level: string][] = [
    [[{ flag: 'R1', score: 0, notes: 'fine after all' }], 0, 'none'],
    [[{ flag: 'R1', score: 1 }, { flag: 'R2', score: 2 }], 3, 'minor'],
    [[{ flag: 'R4', score: 3 }], 3, 'concerning'],
    [[{ flag: 'R6', score: 2, manager: true }], 4, 'concerning'],
    [[{ flag: 'R5', score: 5 }], 5, 'serious'],
    [[{ flag: 'R6', score: 3, manager: true }], 6, 'serious'],
    // Out-of-scale input is clamped, never carried into the total.
    [[{ flag: 'R8', score: 9 }, { flag: 'R2', score: -3 }, { flag: 'R3', score: 2.6 }], 8, 'serious'],
  ];
  it.each(levels)('%j → total %i, %s', (notes, total, level) => {
    const report = scoreRedFlags(notes, f);
    expect(report.total).toBe(total);
    expect(report.level).toBe(level);
  });

  it('names the three worst flags, most points first, ties in R-order', () => {
    const report = scoreRedFlags([
      { flag: 'R8', score: 3, notes: 'Talked over me' }, { flag: 'R1', score: 3 }, { flag: 'R6', score: 2, manager: true },
      { flag: 'R2', score: 1 }, { flag: 'R4', score: 0 },
    ], f);
    expect(report.top.map((x) => x.flag)).toStrictEqual(['R6', 'R1', 'R8']);
    expect(report.total).toBe(11);
    expect(summarizeRedFlags(report)).toBe(
      'Concerning: 4 red flags raised, 11 of 45 points. Worst: R6 Unprepared interviewer 2/5 \u00d72; R1 Unclear role 3/5; R8 Something else 3/5.');
  });

  it('marks a computed R7 as computed in the summary', () => {
    const report = scoreRedFlags([], facts('2026-01-05', '2026-05-06')); // Mon → Wed, 121 days
    expect(summarizeRedFlags(report)).toBe('Serious concerns: 1 red flag raised, 5 of 45 points. Worst: R7 Process dragged on 5/5 (computed).');
  });

  it('keeps the last of duplicate notes for a flag, and drops empty notes', () => {
    const report = scoreRedFlags([{ flag: 'R3', score: 1, notes: 'first' }, { flag: 'R3', score: 4, notes: '' }], f);
    expect(report.flags.find((x) => x.flag === 'R3')).toStrictEqual({ flag: 'R3', title: 'Disengaged interviewer', score: 4, weight: 1, points: 4, source: 'you' });
  });
});
