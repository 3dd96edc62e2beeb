import { describe, expect, it } from 'vitest';
import { RULES } from '../core/rules/protocol.js';
import { RED_FLAGS } from '../core/rules/red-flags.js';
import { AppError } from './errors.js';
import { cleanText, parseFlag, scoreCriteria } from './offers.js';

describe('scoreCriteria: Σ weight × rating over the rated criteria', () => {
  const criteria = [{ name: 'Growth', weight: 3 }, { name: 'Commute', weight: 1 }, { name: 'Team', weight: 2 }];

  it('adds weight × rating and divides by what the rated criteria could give', () => {
    expect(scoreCriteria(criteria, [{ criterion: 'Growth', rating: 4 }, { criterion: 'Commute', rating: 2 }, { criterion: 'Team', rating: 5 }])).toStrictEqual({
      lines: [
        { name: 'Growth', weight: 3, rating: 4, points: 12 },
        { name: 'Commute', weight: 1, rating: 2, points: 2 },
        { name: 'Team', weight: 2, rating: 5, points: 10 },
      ],
      points: 24, max: 30, percent: 80, unrated: [],
    });
  });

  it('lists unrated criteria instead of counting them as 0, and ignores ratings of unknown criteria', () => {
    const s = scoreCriteria(criteria, [{ criterion: 'Growth', rating: 0 }, { criterion: 'Salary', rating: 5 }]);
    expect(s).toMatchObject({ points: 0, max: 15, percent: 0, unrated: ['Commute', 'Team'] });
  });

  it('has no percent when nothing is rated', () => {
    expect(scoreCriteria(criteria, [])).toStrictEqual({
      lines: criteria, points: 0, max: 0, unrated: ['Growth', 'Commute', 'Team'],
    });
    expect(scoreCriteria([], [])).toStrictEqual({ lines: [], points: 0, max: 0, unrated: [] });
  });
});

describe('input checks', () => {
  const fails = (fn: () => unknown): AppError | undefined => {
    try {
      fn();
    } catch (error) {
      return error instanceof AppError ? error : undefined;
    }
    return undefined;
  };

  it('knows the red flags of the protocol, R1–R8', () => {
    expect([...RED_FLAGS]).toStrictEqual(RULES.filter((r) => r.group === 'red_flag').map((r) => r.id));
  });

  it('reads red-flag ids in any case', () => {
    expect(parseFlag(' r6 ')).toBe('R6');
    expect(fails(() => parseFlag('R0'))?.field).toBe('flag');
  });

  it('trims text, counts characters (not UTF-16 units), and keeps markup and non-ASCII', () => {
    expect(cleanText('  <b>東京</b> 🚀 ', 'notes', 100)).toBe('<b>東京</b> 🚀');
    expect(cleanText('🚀'.repeat(10), 'notes', 10)).toBe('🚀'.repeat(10));
    expect(fails(() => cleanText('🚀'.repeat(11), 'notes', 10))?.detail).toBe('is 11 characters long; keep it to 10 at most');
  });

  it('allows line breaks in notes only, and never terminal escapes', () => {
    expect(cleanText('one\n\ttwo', 'notes', 100, { multiline: true })).toBe('one\n\ttwo');
    expect(fails(() => cleanText('one\ntwo', 'pay', 100))?.field).toBe('pay');
    expect(fails(() => cleanText('\u001b]0;pwned\u0007', 'notes', 100, { multiline: true }))?.detail).toBe('contains a control character; remove it');
    expect(fails(() => cleanText('\u009b31m', 'notes', 100, { multiline: true }))?.field).toBe('notes');
    expect(fails(() => cleanText('   ', 'set', 10, { required: true }))?.detail).toBe('must not be empty');
  });
});
