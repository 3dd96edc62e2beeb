/**
 * The labelled reply corpus (test/fixtures/replies/): precision and recall of every class, and every
 * labelled date, evidence and detail. Fails below 0.9 for either, per class, or on any wrong date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { time } from '../testing.js';
import { CORPUS_DIR, loadReplyCorpus, renderScore, scoreCorpus } from './corpus.js';

const entries = loadReplyCorpus(time, (name) => readFileSync(new URL(name, CORPUS_DIR), 'utf8'));
const score = scoreCorpus(entries);
console.log(`${renderScore(score, entries.length)}${score.misses.length > 0 ? `\n\n${score.misses.join('\n')}` : ''}`);

describe('reply corpus (test/fixtures/replies)', () => {
  it('holds at least 120 replies, every class at least ten times, US and British English', () => {
    expect(entries.length).toBeGreaterThanOrEqual(120);
    for (const c of score.classes) expect(c.labelled, c.class).toBeGreaterThanOrEqual(10);
    expect(entries.filter((e) => e.label.locale === 'GB').length).toBeGreaterThanOrEqual(30);
  });

  it.each(score.classes)('$class: precision and recall of at least 0.9', (row) => {
    const detail = score.misses.filter((m) => m.includes(row.class));
    expect(row.precision, `precision of ${row.class}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    expect(row.recall, `recall of ${row.class}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('reads every labelled decision date, return date and choice', () => {
    expect(score.misses.filter((m) => /: (?:decisionBy|returnOn|choices) /.test(m))).toEqual([]);
    expect(score.dates.labelled).toBeGreaterThanOrEqual(30);
  });

  it('rests every labelled class on the labelled sentence, with the labelled detail', () => {
    expect(score.misses.filter((m) => /: (?:evidence|detail) /.test(m))).toEqual([]);
  });
});
