/**
 * The labelled mail corpus (test/fixtures/mail/): precision and recall of every class, on the
 * training part and on the held-out part (written apart and never tuned to); every message
 * matched to its labelled application (lookalike senders to none, and reported); every labelled
 * date and failed address.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { time } from '../testing.js';
import { loadMailCorpus, MAIL_CORPUS_DIR, renderMailScore, scoreMailCorpus } from './corpus.js';

const files = readdirSync(MAIL_CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();
const corpus = loadMailCorpus((name) => readFileSync(new URL(name, MAIL_CORPUS_DIR), 'utf8'), files);
const score = scoreMailCorpus(corpus, time);
console.log([renderMailScore('training part', score.train), renderMailScore('held-out part', score.heldout), ...score.misses].join('\n\n'));

describe('mail corpus (test/fixtures/mail)', () => {
  it('holds at least 150 messages, every class at least ten times, a held-out part of at least 40', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(150);
    for (const c of score.all.classes) expect(c.labelled, c.class).toBeGreaterThanOrEqual(10);
    expect(score.heldout.size).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.entries.map((e) => e.label.id)).size).toBe(corpus.entries.length);
  });

  it.each(score.all.classes)('$class: precision and recall of at least 0.9 over the whole corpus', (row) => {
    const detail = score.misses.filter((m) => m.includes(row.class));
    expect(row.precision, `precision of ${row.class}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    expect(row.recall, `recall of ${row.class}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('matches every message to its labelled application, lookalikes to none', () => {
    expect(score.misses.filter((m) => /: (?:app|suspicious) /.test(m))).toEqual([]);
  });

  it('reads every labelled decision date, return date and failed address', () => {
    expect(score.misses.filter((m) => /: (?:decisionBy|returnOn|failed) /.test(m))).toEqual([]);
  });
});
