/** The merged Hunspell speller: US, British and Australian English at once. */
import en from 'dictionary-en';
import au from 'dictionary-en-au';
import gb from 'dictionary-en-gb';
import { describe, expect, it } from 'vitest';
import { spellerFromDictionaries } from './dictionary-speller.js';

const speller = spellerFromDictionaries([en, gb, au]);

describe('spellerFromDictionaries', () => {
  it.each(['color', 'organize', 'colour', 'organise', 'programme', 'licence', 'travelled', 'arvo', 'ute', 'interview', "don't", "team's"])('accepts %s', (w) => {
    expect(speller.correct(w)).toBe(true);
  });
  it.each(['recieve', 'definately', 'interveiw', 'teh', 'alot'])('rejects %s', (w) => {
    expect(speller.correct(w)).toBe(false);
  });
  it('suggests corrections', () => {
    expect(speller.suggest('recieve')).toContain('receive');
  });
  it('keeps the US dictionary alone strict about British spelling', () => {
    const us = spellerFromDictionaries([en]);
    expect(us.correct('colour')).toBe(false);
    expect(us.correct('color')).toBe(true);
  });
  it('checks dictionaries with other affix rules separately', () => {
    const tiny = { aff: 'SET UTF-8\n', dic: '2\nfoo\nbar\n' };
    const both = spellerFromDictionaries([en, tiny]);
    expect(both.correct('foo')).toBe(true);
    expect(both.correct('color')).toBe(true);
    expect(both.correct('qqqq')).toBe(false);
  });
  it('needs a dictionary', () => {
    expect(() => spellerFromDictionaries([])).toThrow(/at least one/);
  });
});
