/** Every finding code is worded: a message and a concrete suggestion, taken from the finding's facts. */
import { describe, expect, it } from 'vitest';
import { PASSIVE_PHRASES, renderFinding, type FindingData } from './index.js';

const span = { start: 0, end: 1 };
const samples: FindingData[] = [
  { ...span, rule: 'L1', code: 'emoji', severity: 'error', found: '😀' },
  { ...span, rule: 'L1', code: 'emoticon', severity: 'error', found: ':)' },
  { ...span, rule: 'L2', code: 'exclamation_run', severity: 'error', found: '?!' },
  { ...span, rule: 'L2', code: 'extra_exclamation', severity: 'warning', count: 3 },
  { ...span, rule: 'L3', code: 'intensifier', severity: 'warning', found: 'amazing', instead: 'valuable' },
  { ...span, rule: 'L3', code: 'intensifier', severity: 'warning', found: 'extremely' },
  { ...span, rule: 'L3', code: 'stretched', severity: 'warning', found: 'sooo', instead: 'so' },
  { ...span, rule: 'L3', code: 'repeated_intensifier', severity: 'warning', found: 'really really', instead: 'really' },
  { ...span, rule: 'L4', code: 'desperation', severity: 'error', found: 'I really need this job' },
  { ...span, rule: 'L4', code: 'pressure', severity: 'error', found: 'ASAP' },
  { ...span, rule: 'L4', code: 'reproach', severity: 'error', found: 'as I said before' },
  { ...span, rule: 'L4', code: 'frustration', severity: 'error', found: 'frustrating' },
  ...PASSIVE_PHRASES.map((phrase): FindingData => ({ ...span, rule: 'L4', code: 'passive_aggression', phrase, severity: 'error', found: 'as per my last email' })),
  { ...span, rule: 'L5', code: 'casual_greeting', severity: 'error', found: 'Hey', formal: 'Dr. Okafor' },
  { ...span, rule: 'L5', code: 'first_name', severity: 'error', found: 'Grace', formal: 'Dr. Okafor' },
  { ...span, rule: 'L6', code: 'name_misspelled', severity: 'error', found: 'Okafer', expected: 'Okafor' },
  { ...span, rule: 'L6', code: 'wrong_honorific', severity: 'error', found: 'Ms.', expected: 'Dr.' },
  { ...span, rule: 'L6', code: 'title_misspelled', severity: 'error', found: 'Head of Analitics', expected: 'Head of Analytics' },
  { ...span, rule: 'L6', code: 'title_wrong', severity: 'error', found: 'Head of Engineering', expected: 'Head of Analytics' },
  { ...span, rule: 'L6', code: 'unknown_person', severity: 'error', found: 'Dr. Patel', recipient: 'Grace Okafor' },
  { ...span, rule: 'L7', code: 'near_duplicate', severity: 'warning', similarity: 0.734, other: 0 },
  { ...span, rule: 'L8', code: 'other_company', severity: 'error', found: 'Globex', company: 'Acme Corp' },
  { ...span, rule: 'L8', code: 'missing_company', severity: 'warning', company: 'Acme Corp' },
  { ...span, rule: 'L8', code: 'missing_role', severity: 'warning', role: 'Data Analyst' },
  { ...span, rule: 'L9', code: 'too_long', severity: 'warning', kind: 'thank_you', words: 231, limit: 200 },
  { ...span, rule: 'L9', code: 'too_long', severity: 'warning', kind: 'call_script', words: 900, limit: 750, minutes: 6 },
  { ...span, rule: 'L10', code: 'no_greeting', severity: 'warning', formal: 'Dr. Okafor' },
  { ...span, rule: 'L10', code: 'no_thanks', severity: 'warning', kind: 'status_check' },
  { ...span, rule: 'L10', code: 'no_signoff', severity: 'warning', candidate: 'Jordan Lee', spoken: false },
  { ...span, rule: 'L10', code: 'no_signoff', severity: 'warning', candidate: 'Jordan Lee', spoken: true },
  { ...span, rule: 'L10', code: 'no_detail', severity: 'warning' },
  { ...span, rule: 'L11', code: 'gift', severity: 'error', found: 'flowers' },
  { ...span, rule: 'L11', code: 'visit', severity: 'error', found: 'stop by' },
  { ...span, rule: 'L12', code: 'misspelling', severity: 'error', found: 'recieve', suggestions: ['receive', 'relieve'] },
  { ...span, rule: 'L12', code: 'misspelling', severity: 'error', found: 'qzxv', suggestions: [] },
  { ...span, rule: 'L12', code: 'repeated_word', severity: 'error', found: 'the the', instead: 'the' },
  { ...span, rule: 'L12', code: 'grammar', severity: 'warning', found: 'could of', instead: 'could have' },
];

describe('renderFinding', () => {
  it.each(samples.map((s) => [`${s.rule}/${s.code}${'phrase' in s ? `/${s.phrase}` : ''}`, s] as const))('%s has a message and a suggestion', (_, data) => {
    const { message, suggestion } = renderFinding(data);
    expect(message.length).toBeGreaterThan(10);
    expect(suggestion.length).toBeGreaterThan(5);
    expect(message).not.toContain('undefined');
    expect(suggestion).not.toContain('undefined');
    expect(message).not.toBe('Tone finding.');
  });

  it('puts the concrete replacement in the suggestion', () => {
    const pick = (rule: string, code: string): string => renderFinding(samples.find((s) => s.rule === rule && s.code === code) ?? samples[0] as FindingData).suggestion;
    expect(pick('L5', 'casual_greeting')).toBe('Open with \u201CDear Dr. Okafor,\u201D.');
    expect(pick('L6', 'name_misspelled')).toBe('Write \u201COkafor\u201D.');
    expect(pick('L8', 'other_company')).toBe('Replace \u201CGlobex\u201D with \u201CAcme Corp\u201D.');
    expect(pick('L12', 'misspelling')).toBe('Did you mean \u201Creceive\u201D or \u201Crelieve\u201D?');
    expect(pick('L12', 'grammar')).toBe('Write \u201Ccould have\u201D.');
    expect(renderFinding(samples.find((s) => s.code === 'near_duplicate') ?? samples[0] as FindingData).message).toContain('73%');
  });
});
