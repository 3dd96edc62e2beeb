/** The shared analysis: tokens and their spans, greeting, body, sign-off, and phrase matching over words. */
import { describe, expect, it } from 'vitest';
import { analyze, fold, matchWords, words } from './text.js';

describe('analyze', () => {
  it('splits words with their UTF-16 spans, keeping inner apostrophes and hyphens', () => {
    const a = analyze('I\u2019m a follow-up 😀 for Zoë.');
    expect(a.tokens.map((t) => [t.raw, t.start, t.end])).toEqual([
      ['I\u2019m', 0, 3], ['a', 4, 5], ['follow-up', 6, 15], ['for', 19, 22], ['Zoë', 23, 26],
    ]);
    expect(a.tokens[0]?.lower).toBe("i'm");
  });

  it('finds the greeting, the body and the sign-off of a letter', () => {
    const text = 'Subject: Thanks\n\nDear Dr. Okafor,\n\nThank you for today.\n\nSincerely,\nJordan Lee\njordan@example.com';
    const a = analyze(text);
    expect(text.slice(a.greeting?.start, a.greeting?.end)).toBe('Dear Dr. Okafor,');
    expect(a.greeting?.word).toBe('Dear');
    expect(text.slice(a.body.start, a.body.end)).toBe('Thank you for today.');
    expect(text.slice(a.signoff?.start, a.signoff?.end)).toBe('Sincerely,\nJordan Lee\njordan@example.com');
    expect(a.signoff?.valediction).toBe(true);
  });

  it('takes a greeting on the same line as the body, and a bare name as the sign-off', () => {
    const text = 'Hi Grace, thanks for today!\nI enjoyed it.\nJordan';
    const a = analyze(text);
    expect(text.slice(a.greeting?.start, a.greeting?.end)).toBe('Hi Grace,');
    expect(text.slice(a.signoff?.start, a.signoff?.end)).toBe('Jordan');
    expect(a.signoff?.valediction).toBe(false);
    expect(text.slice(a.body.start, a.body.end)).toBe('thanks for today!\nI enjoyed it.');
  });

  it('does not take a sentence that opens with thanks for a sign-off', () => {
    const a = analyze('Dear Sam,\n\nI enjoyed it.\nThank you for your time.');
    expect(a.signoff).toBeUndefined();
  });

  it('treats "Dr." as a title, not the end of a sentence', () => {
    const a = analyze('I met Dr. Okafor. Then Sam.');
    expect(a.tokens.map((t) => t.sentenceStart)).toEqual([true, false, false, false, true, false]);
  });

  it('handles empty text, lone surrogates and control characters', () => {
    expect(analyze('').tokens).toEqual([]);
    expect(analyze('').body).toMatchObject({ start: 0, end: 0 });
    const odd = analyze('ab\uD800cd\u0000\uDFFFef');
    expect(odd.tokens.map((t) => t.raw)).toEqual(['ab', 'cd', 'ef']);
  });
});

describe('matchWords', () => {
  it('matches phrases across any whitespace and maps them back to the text', () => {
    const text = 'So I  really\nneed this job, honestly.';
    const [m] = matchWords(analyze(text), words('i really need this job'));
    expect(m && text.slice(m.start, m.end)).toBe('I  really\nneed this job');
  });

  it('does not match across a sentence break', () => {
    expect(matchWords(analyze('As I said. Before that, we met.'), words('as i said before'))).toEqual([]);
  });
});

describe('fold', () => {
  it('drops case and diacritics', () => {
    expect(fold('Zoë Ñúñez Søren')).toBe('zoe nunez søren');
  });
});

describe('a greeting without punctuation', () => {
  it('ends after the capitalised words that follow the greeting word', () => {
    const text = 'Hi Grace I wanted to check in about the role.';
    const a = analyze(text);
    expect(text.slice(a.greeting?.start, a.greeting?.end)).toBe('Hi Grace');
    expect(text.slice(a.body.start, a.body.end)).toBe('I wanted to check in about the role.');
  });
});
