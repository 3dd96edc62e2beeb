/**
 * Whatever the text and context, checkTone returns findings with valid, sorted spans and never
 * throws: empty text, invalid UTF-16, binary garbage, megabyte inputs built to make regular
 * expressions backtrack. (Timing is measured by bench/tone.bench.ts, not asserted here.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkToneData, checkTone, type Finding, type Speller, type ToneInput } from './index.js';

const speller: Speller = {
  correct: (w) => /^(?:the|a|an|to|and|of|thank|you|for|i|it|is)$/i.test(w),
  suggest: () => ['the'],
};

const CONTEXT: Omit<ToneInput, 'text'> = {
  kind: 'thank_you',
  recipient: { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics' },
  application: { company: 'Acme Corp', role: 'Data Analyst' },
  candidate: { name: 'Jordan Lee' },
  otherCompanies: ['Globex', 'Yahoo!'],
  people: ['Grace Okafor', 'Sam Ruiz'],
};

function assertValid(text: string, findings: readonly Finding[]): void {
  let last = 0;
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.start).toBeGreaterThanOrEqual(last);
    expect(f.message).not.toBe('');
    expect(f.suggestion).not.toBe('');
    last = f.start;
  }
}

/** Strings of any UTF-16 code units, lone surrogates included. */
const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));
/** Strings from pieces the rules look for, so that they meet in odd combinations. */
const pieces = fc.array(fc.constantFrom(
  'Dear ', 'Dr. ', 'Okafor', 'Grace', 'Hey ', '!', '?', '!!', ':)', '<3', '😀', '\u{1F3FD}', '\uD83D', '\n', '\n\n', ' ', ',', '.',
  'sooo', 'really ', 'ASAP', 'Globex', 'Acme', 'Yahoo!', 'Sincerely,', 'Jordan Lee', 'thank', 'a ', 'an ', 'the ', 'i ',
  'could of ', 'flowers', 'stop by', 'http://x.y/', '@', '-', "'", '\u2019', 'é', '\u0301', '3:00', 'Q3:', '^_^',
), { maxLength: 80 }).map((p) => p.join(''));

describe('checkTone on any input', () => {
  it('never throws and returns valid spans, for any UTF-16 text', () => {
    fc.assert(fc.property(units, (text) => {
      const input = { ...CONTEXT, text };
      checkToneData(input, { speller });
      assertValid(text, checkTone(input, { speller }));
    }), { numRuns: 300 });
  });

  it('never throws on texts made of the rules\u2019 own pieces', () => {
    fc.assert(fc.property(pieces, fc.constantFrom<ToneInput['kind']>('thank_you', 'voicemail', 'call_script', undefined), (text, kind) => {
      const input: ToneInput = { ...CONTEXT, text, ...(kind ? { kind } : {}), siblings: [text.slice(0, 50)] };
      checkToneData(input, { speller });
      assertValid(text, checkTone(input, { speller }));
    }), { numRuns: 300 });
  });

  it('handles empty text with and without context', () => {
    expect(checkTone({ text: '' })).toEqual([]);
    const findings = checkTone({ ...CONTEXT, text: '' }, { speller });
    expect(findings.map((f) => f.code).sort()).toEqual(['missing_company', 'missing_role', 'no_detail', 'no_greeting', 'no_signoff', 'no_thanks']);
    assertValid('', findings);
  });

  it('handles a context with odd names', () => {
    const odd: ToneInput = { text: 'Dear !!, thanks', recipient: { name: '!!', honorific: '' }, application: { company: '—' }, people: ['', ' '], otherCompanies: ['', '!'] };
    assertValid(odd.text, checkTone(odd, { speller }));
  });

  it('does not crash when the runtime hands it a non-string text', () => {
    const bad = JSON.parse('{"text": 42}') as ToneInput;
    expect(checkTone(bad)).toEqual([]);
  });
});

describe('megabyte inputs', () => {
  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  it.each([
    ['one long word', fill('a')],
    ['exclamation marks', fill('!')],
    ['emoji', fill('😀')],
    ['emoticon-like punctuation', fill(':-(')],
    ['colons and digits', fill('3:')],
    ['stretched letters', fill('so')],
    ['repeated phrase starts', fill('i really ')],
    ['names and titles', fill('Dr. Okafer ')],
    ['company names', fill('Globex Yahoo! ')],
    ['lone surrogates', fill('\uD800')],
    ['hard-wrapped lines', fill('word\n')],
    ['an address with no spaces', `https://${fill('x.')}`],
    ['many unknown words', Array.from({ length: 120_000 }, (_, i) => `qz${i.toString(36)}x`).join(' ')],
  ])('%s: returns findings with valid spans', (label, text) => {
    // One case also compares the megabyte against itself as a sibling note (L7).
    const siblings = label === 'hard-wrapped lines' ? [text] : [];
    const findings = checkTone({ ...CONTEXT, text, siblings }, { speller });
    assertValid(text, findings);
    expect(findings.length).toBeLessThanOrEqual(12 * 400);
  });
});
