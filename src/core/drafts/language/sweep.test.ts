import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise/two';
import { describe, expect, it } from 'vitest';
import { STOCK_BULK_MATCH } from './sweep.js';
import { termsOf } from './terms.js';

const DIR = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'debriefs');
const corpus = readdirSync(DIR).filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { text?: unknown }[])
  .map((e) => e.text).filter((t): t is string => typeof t === 'string');

const tagged = (text: string): string => termsOf(text).map((t) => `${t.text}/${[...t.tags].sort().join('+')}`).join(' ');

describe('the faster pattern selection in compromise', () => {
  it('tags every debrief of the corpus exactly as compromise\'s own selection does', () => {
    expect(corpus.length).toBeGreaterThan(300);
    const fast = corpus.map(tagged);
    const methods = nlp.methods() as unknown as { one: { bulkMatch: unknown } };
    const installed = methods.one.bulkMatch;
    expect(installed).not.toBe(STOCK_BULK_MATCH);
    methods.one.bulkMatch = STOCK_BULK_MATCH;
    try {
      const stock = corpus.map(tagged);
      expect(fast).toEqual(stock);
    } finally {
      methods.one.bulkMatch = installed;
    }
  });

});
