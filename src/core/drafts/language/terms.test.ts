import { describe, expect, it } from 'vitest';
import { termsOf } from './terms.js';

describe('termsOf, read again', () => {
  it('gives the same tags for a text read a second time, in an array of the caller\'s own', () => {
    const text = 'Walked the panel through the checkout redesign case study';
    const first = termsOf(text);
    first.splice(0, 3);
    const second = termsOf(text);
    expect(second.map((t) => t.text)).toEqual(['Walked', 'the', 'panel', 'through', 'the', 'checkout', 'redesign', 'case', 'study']);
    expect(second[0]?.tags.has('PastTense')).toBe(true);
    expect(Object.isFrozen(second[0])).toBe(true);
  });

  it('keeps reading correctly past the number of texts it remembers', () => {
    for (let i = 0; i < 100; i++) termsOf(`the ${i} reports`);
    const terms = termsOf('the 5 reports');
    expect(terms.map((t) => t.lower)).toEqual(['the', '5', 'reports']);
    expect(terms[2]?.tags.has('Plural')).toBe(true);
  });
});
