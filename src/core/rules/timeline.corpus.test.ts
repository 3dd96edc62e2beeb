/**
 * F0 over the phrase corpus (test/fixtures/phrases/): every employer sentence, for its interview day
 * and region, reads as the corpus says: one date, the same choices (an ambiguous phrase is never
 * resolved alone), or unread. Reads no host time zone: days are plain numbers.
 */
import { describe, expect, it } from 'vitest';
import { createTimeRules, formatDay } from '../time.js';
import { readTimeline, type TimelineReading } from './timeline.js';
import { dayLabel, labelDay, loadCorpus } from '../../../test/fixtures/phrases/corpus.js';

const time = createTimeRules();
const corpus = loadCorpus();

function shown(r: TimelineReading): string | string[] {
  if (r.ok) return dayLabel(r.day, formatDay);
  return r.choices.length === 0 ? 'unread' : r.choices.map((c) => dayLabel(c.day, formatDay));
}

describe('the F0 corpus', () => {
  it('holds at least 200 phrasings, in several regions and months', () => {
    expect(corpus.flatMap((f) => f.phrases).length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((f) => f.region)).size).toBeGreaterThanOrEqual(3);
  });

  for (const file of corpus) {
    const base = labelDay(file.interview);
    const calendar = time.calendar(file.region);
    describe(`${file.file}: interview ${file.interview} (${file.region})`, () => {
      it.each(file.phrases.map((p) => [p.said, p.expect] as const))('%j → %j', (said, want) => {
        // The corpus's own labels name the right weekdays.
        if (want !== 'unread') for (const l of typeof want === 'string' ? [want] : want) labelDay(l);
        const r = readTimeline(said, base, calendar);
        expect(shown(r)).toEqual(typeof want === 'string' ? want : [...want]);
        if (r.ok) expect(r.understood).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        else for (const c of r.choices) expect(c.understood).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      });
    });
  }
});
