/** L7: near-identical notes by word-shingle similarity, in one check and over a set of notes. */
import { describe, expect, it } from 'vitest';
import { checkNoteSet, checkTone, noteSimilarity } from './index.js';

const body = 'Thank you for meeting with me on Tuesday about the Data Analyst position at Acme Corp. I enjoyed our conversation about the churn dashboard and the move to weekly cohorts, and I left with a clear picture of how the team works with sales. I would be glad to send a short write-up of my retention analysis.';
const toGrace = `Dear Dr. Okafor,\n\n${body}\n\nSincerely,\nJordan Lee`;
const toSam = `Dear Mr. Ruiz,\n\n${body.replace('sales', 'finance')}\n\nBest regards,\nJordan Lee`;
const different = 'Dear Mr. Ruiz,\n\nThank you for walking me through the weekly review; seeing how you triage dashboard requests was the most practical part of my day. Your point about retiring unused reports first is one I share.\n\nSincerely,\nJordan Lee';

describe('noteSimilarity', () => {
  it('compares bodies only: different greetings and sign-offs do not lower it', () => {
    expect(noteSimilarity(toGrace, toSam)).toBeGreaterThan(0.85);
    expect(noteSimilarity(toGrace, toGrace)).toBe(1);
  });
  it('is low for notes written separately, and 0 for an empty note', () => {
    expect(noteSimilarity(toGrace, different)).toBeLessThan(0.2);
    expect(noteSimilarity('', toGrace)).toBe(0);
  });
});

describe('L7 in checkTone', () => {
  it('flags the body when a sibling is more than 60 % the same', () => {
    const findings = checkTone({ text: toSam, siblings: [different, toGrace] }).filter((f) => f.rule === 'L7');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'near_duplicate', severity: 'warning' });
    expect(findings[0]?.message).toMatch(/^This note is \d+% the same as note 2;/);
    expect(toSam.slice(findings[0]?.start, findings[0]?.end)).toBe(body.replace('sales', 'finance'));
  });
  it('respects the threshold setting', () => {
    expect(checkTone({ text: toSam, siblings: [toGrace] }, { settings: { similarity: 0.99 } }).filter((f) => f.rule === 'L7')).toEqual([]);
  });
  it('does not run without siblings', () => {
    expect(checkTone({ text: toSam }).filter((f) => f.rule === 'L7')).toEqual([]);
  });
});

describe('checkNoteSet', () => {
  it('flags both notes of a near-identical pair and leaves the distinct one alone', () => {
    const result = checkNoteSet([toGrace, different, toSam]);
    expect(result.map((r) => r.length)).toEqual([1, 0, 1]);
    expect(result[0]?.[0]?.message).toContain('note 3');
    expect(result[2]?.[0]?.message).toContain('note 1');
  });
  it('returns one empty list per note when all differ, and [] for no notes', () => {
    expect(checkNoteSet([toGrace, different])).toEqual([[], []]);
    expect(checkNoteSet([])).toEqual([]);
  });
});
