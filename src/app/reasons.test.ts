import { beforeAll, describe, expect, it } from 'vitest';
import { checkTone, type Finding, type Speller } from '../core/tone/index.js';
import { AppError, wordsFor, type Problem } from './errors.js';
import { REASONS, reasonWords, type Reason } from './reasons.js';
import { loadSpeller } from './speller.js';

let speller: Speller;
beforeAll(async () => {
  speller = await loadSpeller();
});

const reasons = (Object.keys(REASONS) as Reason[]).filter((r) => r !== 'message');
const problemOf = (reason: Reason): Problem => ({ reason, params: REASONS[reason].example }) as Problem;

/** What the web app must never show: a command line, a flag, an ISO date or instant, a JSON path. */
const FOR_TERMINAL: readonly (readonly [string, RegExp])[] = [
  ['a command', /\bafterword [a-z]/],
  ['a flag', /(?:^|\s)--[a-z]/],
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  // Not an address's domain (name@example.com).
  ['a JSON path', /(?<![@\w.])[a-z]+(?:\.[a-z][A-Za-z]*|\[\d+\])+\b/],
  ['a file path', /(?:^|\s)\/[a-z]/],
];
/** A mail server's name as the user typed it ("imap.example.com:993") may show; it is no JSON path. */
const SERVER_NAME = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|co|uk|edu|gov|example)(?::\d+)?\b/g;

/** The example's values a person does not know: ids, addresses, file paths (their names may show). */
function internalValues(params: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(params)
    .filter(([key, value]) => typeof value === 'string' && value.length > 1 && /(?:^id$|Id$|^folder$|^url$|^lockFile$|^path$)/.test(key))
    .map(([, value]) => String(value));
}

/** Findings the tone check raises for an error message: spelling (L12) is skipped for the terminal's words, which quote ids, paths and flags. */
function toneErrors(text: string, edge: 'cli' | 'web'): Finding[] {
  // The terminal's words follow a field or flag ("--weight: 11 must be…"): read as a sentence of their own.
  const sentence = edge === 'cli' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return checkTone({ text: sentence }, { speller }).filter((f) => f.severity === 'error' && !(edge === 'cli' && f.rule === 'L12'));
}

describe('the catalogue of error reasons', () => {
  it.each(reasons)('%s renders at both edges from its example', (reason) => {
    for (const edge of ['cli', 'web'] as const) {
      const { text, code } = reasonWords(problemOf(reason), edge);
      expect(code).toBe(REASONS[reason].code);
      expect(text.trim(), edge).not.toBe('');
      expect(text, edge).not.toMatch(/undefined|NaN|\[object /);
    }
  });

  it.each(reasons)('%s: the terminal\'s and the web app\'s words pass the tone check', (reason) => {
    const spec = REASONS[reason];
    expect(toneErrors(reasonWords(problemOf(reason), 'cli').text, 'cli').map((f) => f.message)).toEqual([]);
    if (!('cliOnly' in spec)) expect(toneErrors(reasonWords(problemOf(reason), 'web').text, 'web').map((f) => f.message)).toEqual([]);
  });

  it.each(reasons.filter((r) => !('cliOnly' in REASONS[r])))('%s: the web app\'s words name no command, id, ISO date or JSON path', (reason) => {
    const text = reasonWords(problemOf(reason), 'web').text;
    for (const [what, pattern] of FOR_TERMINAL) expect(pattern.test(text.replace(SERVER_NAME, 'server')), `${what} in "${text}"`).toBe(false);
    for (const value of internalValues(REASONS[reason].example)) expect(text).not.toContain(value);
    // A sentence of its own: the web app puts the field's label before it.
    expect(text).toMatch(/^[A-Z“].*[.?]$/);
  });

  it('an AppError carries its reason, path and parameters, and its message is the terminal\'s words after the path', () => {
    const error = new AppError({ reason: 'number.out_of_range', params: { value: 11, min: 1, max: 10 } }, { path: 'criterion.weight' });
    expect(error).toMatchObject({ code: 'bad_input', reason: 'number.out_of_range', path: 'criterion.weight', field: 'criterion.weight', params: { value: 11, min: 1, max: 10 } });
    expect(error.message).toBe('criterion.weight: 11 must be a whole number from 1 to 10');
    expect(error.detail).toBe('11 must be a whole number from 1 to 10');
    expect(wordsFor(error, 'web')).toBe('Use a whole number from 1 to 10.');
    const flagged = error.namedAt('--weight');
    expect(flagged.message).toBe('--weight: 11 must be a whole number from 1 to 10');
    expect(flagged).toMatchObject({ reason: 'number.out_of_range', path: 'criterion.weight' });
  });

  it('the deprecated form keeps its code, message and field as the reason "message"', () => {
    const error = new AppError('conflict', 'to: already sent', { field: 'to', detail: 'already sent' });
    expect(error).toMatchObject({ code: 'conflict', reason: 'message', params: { text: 'to: already sent' }, field: 'to', detail: 'already sent', message: 'to: already sent' });
    expect(error.namedAt('--to').message).toBe('--to: already sent');
    expect(wordsFor(error, 'web')).toBe('to: already sent');
  });
});

describe('the records\' checks in the web app\'s words', () => {
  // Words of core/scenario.ts and core/details.ts as they come; the web app's sentence names no path, id, ISO date or command.
  it.each([
    ['10,000 characters; the most is 2,000 — shorten it', 'Too long: 10,000 characters. Shorten it to 2,000 at most.'],
    ['ends before it starts; end must be later than start', 'It ends before it starts. Pick an end time after the start.'],
    ['must be later than settings.workday.start', 'Make the end of your working hours later than the start.'],
    ['unknown time zone "Mars/Base"; use an IANA name such as "America/New_York" or "Europe/London"', 'Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.'],
    ['"2026-02-30" is not a real date; write it as YYYY-MM-DD, e.g. "2026-03-10"', 'Not a date. Pick a day, such as 10 March 2026.'],
    ['"tuesday" is not a date-time; write ISO 8601, e.g. "2026-03-03T10:00:00-05:00"', 'Not a date and time. Pick a day and a time.'],
    ['unknown person id "p9"; add the person to this application\'s people or fix the id', 'This person is not on this application. Pick one from the list.'],
    ['duplicate person id "p1"; every person of an application needs its own id', 'Two people here have the same name in the records. Try again.'],
    ['unknown setting "timezone"; see docs/settings.md for the names', 'This setting is not one Afterword knows.'],
    ['"ftp://x" is not a web address; give the posting\'s link starting with https:// or http://', '"ftp://x" is not a web address. Give the posting\'s link starting with https:// or http://.'],
    ['"remote, mostly" has a comma; a tag is one label, so split it into two tags', '"remote, mostly" has a comma. A tag is one label, so split it into two tags.'],
    ['"ZZZ" is not a currency code; write its three letters, e.g. USD, GBP or EUR', '"ZZZ" is not a currency code.'],
    ['something about applications[0].people[2].title only', 'This cannot be kept as it is. Check it and try again.'],
  ])('%s', (issue, web) => {
    const error = new AppError({ reason: 'record.invalid', params: { issue } }, { path: 'application.postingUrl' });
    expect(error.message).toBe(`application.postingUrl: ${issue}`);
    expect(wordsFor(error, 'web')).toBe(web);
    for (const [what, pattern] of FOR_TERMINAL) expect(pattern.test(web), `${what} in "${web}"`).toBe(false);
  });
});
