/** The check document of CONTRACT.md: what is accepted, and errors that name the JSON path and the fix. */
import { describe, expect, it } from 'vitest';
import { formatToneIssue, MAX_TEXT, parseToneInput } from './index.js';

function issue(doc: unknown): string {
  const r = parseToneInput(doc);
  if (r.ok) throw new Error('expected an issue');
  return formatToneIssue(r.issue);
}

describe('parseToneInput', () => {
  it('accepts the contract example, ignoring extra fields and nulls', () => {
    const r = parseToneInput({
      kind: 'thank_you', text: 'Dear Dr. Okafor,', extra: 1, siblings: null,
      recipient: { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', informal: false, email: 'x' },
      application: { company: 'Acme Corp', role: 'Data Analyst' }, candidate: { name: 'Jordan Lee' },
      otherCompanies: ['Globex', ''], people: ['Grace Okafor'],
    });
    expect(r).toEqual({ ok: true, value: {
      kind: 'thank_you', text: 'Dear Dr. Okafor,',
      recipient: { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', informal: false },
      application: { company: 'Acme Corp', role: 'Data Analyst' }, candidate: { name: 'Jordan Lee' },
      otherCompanies: ['Globex'], people: ['Grace Okafor'],
    } });
  });
  it('reads an optional region as the English of the suggestions (US, else British)', () => {
    expect(parseToneInput({ text: 'x', region: 'GB-SCT' })).toEqual({ ok: true, value: { text: 'x', english: 'GB' } });
    expect(parseToneInput({ text: 'x', region: 'US-CA' })).toEqual({ ok: true, value: { text: 'x', english: 'US' } });
    expect(issue({ text: 'x', region: 7 })).toMatch(/^region: /);
  });
  it('needs only the text', () => {
    expect(parseToneInput({ text: '' })).toEqual({ ok: true, value: { text: '' } });
  });
  it.each([
    [[1, 2], 'expected a JSON object like {"text": "Dear Dr. Okafor, \u2026"}, got a list'],
    [{}, 'text: missing; add the note to check as a string, e.g. "text": "Dear Dr. Okafor, \u2026"'],
    [{ text: 5 }, 'text: expected the note as a string, got number 5; write it in double quotes'],
    [{ text: 'x', kind: 'memo' }, 'kind: the text "memo" is not a kind of note; use one of thank_you, status_check, update, reply, voicemail, call_script'],
    [{ text: 'x', recipient: 'Grace' }, 'recipient: expected an object like {"name": "Grace Okafor", "honorific": "Dr."}, got the text "Grace"'],
    [{ text: 'x', recipient: { honorific: 'Dr.' } }, 'recipient.name: expected their full name, e.g. "Grace Okafor" as a string, got undefined undefined; write it in double quotes'],
    [{ text: 'x', recipient: { name: 'G', informal: 'yes' } }, 'recipient.informal: expected true or false, got the text "yes"; write true only if they invited first-name terms'],
    [{ text: 'x', application: { company: ' ' } }, 'application.company: must not be empty; give the company\u2019s name, e.g. "Acme Corp"'],
    [{ text: 'x', people: ['A', 3] }, 'people[1]: expected full name as a string, got number 3; write it in double quotes'],
    [{ text: 'x', siblings: 'other note' }, 'siblings: expected a list of note texts (strings), got the text "other note"'],
  ])('rejects %j', (doc, message) => {
    expect(issue(doc)).toBe(message);
  });
  it('bounds the text', () => {
    expect(issue({ text: 'x'.repeat(MAX_TEXT + 1) })).toBe(`text: too long (${MAX_TEXT + 1} characters); keep it within ${MAX_TEXT}`);
  });
});
