/** The merged Hunspell speller: US, British and Australian English at once. */
import en from 'dictionary-en';
import au from 'dictionary-en-au';
import gb from 'dictionary-en-gb';
import { describe, expect, it } from 'vitest';
import { expandDictionary, spellerFromDictionaries } from './dictionary-speller.js';
import { checkTone, checkToneData } from './index.js';

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

describe('expandDictionary', () => {
  it('lists stems with their affixed forms, compound-only and never-suggested forms apart', () => {
    const aff = 'SET UTF-8\nNOSUGGEST !\nONLYINCOMPOUND c\nCOMPOUNDMIN 1\nCOMPOUNDRULE 1\nCOMPOUNDRULE nt\nICONV 1\nICONV \u2019 \'\nREP 1\nREP f ph\nSFX S Y 1\nSFX S 0 s .\n';
    const dic = '5\nwalk/S\ndarn/!\n1/n\nth/tc\nParis\n';
    const x = expandDictionary({ aff, dic });
    expect([...x.accepted].sort()).toEqual(['1', 'Paris', 'darn', 'walk', 'walks']);
    expect(x.blocked).toEqual(['th']);
    expect(x.noSuggest).toEqual(['darn']);
    expect(x.compoundMin).toBe(1);
    expect(x.compoundRules.map((r) => r.flags)).toEqual(['i']);
    expect(new RegExp(x.compoundRules[0]?.source ?? '', 'i').test('1th')).toBe(true);
    expect(x.conversions).toEqual([{ source: '\u2019', flags: 'g', replacement: "'" }]);
    expect(x.replacements).toEqual([['f', 'ph']]);
  });

  it('refuses affix features the compact speller does not model', () => {
    expect(() => expandDictionary({ aff: 'SET UTF-8\nKEEPCASE k\n', dic: '1\nfoo\n' })).toThrow(/KEEPCASE/);
  });
});

describe('L12 with the real dictionaries', () => {
  it('offers the word a slip of doubled letters meant, also two letters off ("reccomendations", "accomodation")', () => {
    const suggestions = (text: string): readonly string[] => checkToneData({ text }, { speller }).flatMap((f) => (f.rule === 'L12' && f.code === 'misspelling' ? f.suggestions : []));
    expect(suggestions('I sent my reccomendations on Monday.')).toContain('recommendations');
    expect(suggestions('The accomodation was fine.')).toContain('accommodation');
    expect(suggestions('It occured to me later.')).toContain('occurred');
    expect(checkTone({ text: 'The moodboard and the wireframes were ready.' }, { speller })).toEqual([]);
  });
});
