/** The server's errors in words for people (web/src/error-words.ts): labels, plain fixes, no path, id, ISO date or command. */
import { describe, expect, it } from 'vitest';
import { errorWords, labelOf, plainDetail } from '../../web/src/error-words.js';
import { plainDates } from '../../web/src/format.js';

const TECHNICAL = /\b[a-z]\d+\b|\d{4}-\d{2}-\d{2}|\bafterword [a-z]|--[a-z]|\b[a-z]+\.[a-z]+[A-Z]|\[\d+\]/;

describe('errorWords', () => {
  it.each([
    [422, 'interview.end: ends before it starts; end must be later than start', 'interview.end',
      'Ended at: it ends before it starts. Pick an end time after the start.', 'It ends before it starts. Pick an end time after the start.'],
    [404, 'application "a999" not found; "afterword pipeline" lists them', 'application',
      'This application is not in your records. It may have been removed, or the link is out of date.', undefined],
    [422, 'settings.timeZone: unknown time zone "Mars/Olympus"; use an IANA name such as "America/New_York" or "Europe/London"', 'settings.timeZone',
      'Time zone: not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.', undefined],
    [422, 'person: unknown person "p9"; known: p1, p2', 'person',
      'Person: this person is not among the people of this application. Pick one from the list.', undefined],
    [422, 'candidate.email: you have no email address on record; add it in Settings to write an .eml file', 'candidate.email',
      'Your email: you have no email address on record; add it in Settings to write an .eml file.', 'You have no email address on record; add it in Settings to write an .eml file.'],
    [422, 'no profile yet: run "afterword setup --name \\"Your Name\\" --time-zone Europe/London --region GB-ENG" first', undefined,
      'Set up your profile first: your name, time zone and region.', undefined],
    [409, 'restore: this would replace the applications you have; send again with ?replace=true', 'replace',
      'Replace: this would replace the applications you have.', 'This would replace the applications you have.'],
    [400, 'people[0].name: is required; it cannot be empty', 'people[0].name', 'Full name (first new person): fill this in.', 'Fill this in.'],
    [400, 'company: is too long: at most 200 characters', 'company', 'Company: too long: use at most 200 characters.', 'Too long: use at most 200 characters.'],
    [400, 'stage: is not allowed; use one of phone_screen, first_round, final', 'stage', 'Stage: choose one of: phone screen, first round, final.', undefined],
    [422, 'Best moments: 10,000 characters; the most is 2,000 — shorten it', 'interview.debrief.bestMoments',
      'Best moments: 10,000 characters; the most is 2,000 — shorten it.', '10,000 characters; the most is 2,000 — shorten it.'],
    [422, 'decisionBy: 2026-03-01 is before the reply came (2026-03-05); give the date they now expect to decide', 'decisionBy',
      'Decision date: Sun 1 Mar 2026 is before the reply came (Thu 5 Mar 2026); give the date they now expect to decide.', undefined],
    [422, 'settings.workday.end: must be later than settings.workday.start', 'settings.workday.end',
      'Working hours, to: make the end of your working hours later than the start.', undefined],
    [409, 'email: sam.rivera@example.org already has an account', 'email',
      'Email: this email already has an account: send them a reset link instead.', 'This email already has an account: send them a reset link instead.'],
    [422, 'coach: no coach "u_0b6f2c"', 'coach', 'Coach: this coach is no longer on the server. Pick another one.', 'This coach is no longer on the server. Pick another one.'],
    [500, 'internal error', undefined, 'Something went wrong on Afterword’s side, and nothing was changed. Try again; if it happens again, restart Afterword.', undefined],
    [401, 'not signed in: open the URL with ?key=… printed when the server started', undefined,
      'You are signed out. Open Afterword again from the address it printed when it started.', undefined],
  ] as const)('%i %s', (status, text, field, message, atField) => {
    const words = errorWords(status, text, field);
    expect(words.message).toBe(message);
    if (atField !== undefined) expect(words.atField).toBe(atField);
    expect(words.message).not.toMatch(TECHNICAL);
    expect(words.atField).not.toMatch(TECHNICAL);
  });
});

describe('plainDetail', () => {
  it('drops clauses for the terminal and replaces ids and paths', () => {
    expect(plainDetail('application "a7" has no interviews; record one before drafting')).toBe('This application has no interviews; record one before drafting.');
    expect(plainDetail('must be later than settings.workday.start')).toBe('Must be later than “working hours, from”.');
    expect(plainDetail('your email address is not recorded; run "afterword setup --email you@example.com"')).toBe('Your email address is not recorded.');
  });
});

describe('labelOf', () => {
  it.each([
    ['interview.timeline.decisionBy', 'Decision date'],
    ['people[2].email', 'Email (third new person)'],
    ['interview.debrief.details.p1', 'The detail from their conversation'],
    ['offer.respondBy', 'Respond by'],
    ['body.pay[0].value', 'Value'],
  ])('%s → %s', (path, label) => expect(labelOf(path)).toBe(label));
});

describe('plainDates', () => {
  it('writes ISO dates and instants as the app writes dates', () => {
    expect(plainDates('They said they would decide by Tue 2026-03-17 (two weeks after the interview).')).toBe('They said they would decide by Tue 17 Mar 2026 (two weeks after the interview).');
    expect(plainDates('Sent 2026-03-03 15:00 by email.')).toBe('Sent Tue 3 Mar, 15:00 by email.');
    expect(plainDates('the protocol would wait until 2026-03-10T13:00:00-05:00.')).toBe('the protocol would wait until Tue 10 Mar, 13:00.');
    expect(plainDates('from application (Thu 2026-01-15) to the latest interview (Mon 2026-02-09)')).toBe('from application (Thu 15 Jan 2026) to the latest interview (Mon 9 Feb 2026)');
    expect(plainDates('nothing to change, 2,000 characters')).toBe('nothing to change, 2,000 characters');
  });
});

describe('errorWords with the server\'s problem (docs/errors.md)', () => {
  it('shows the reason\'s web words under the field\'s label, not the terminal\'s', () => {
    const w = errorWords(422, 'criterion.weight: 11 must be a whole number from 1 to 10', 'interview.end',
      { code: 'bad_input', reason: 'number.out_of_range', path: 'interview.end', params: { value: 11, min: 1, max: 10 }, message: 'Use a whole number from 1 to 10.' });
    expect(w).toEqual({ message: 'Ended at: use a whole number from 1 to 10.', atField: 'Use a whole number from 1 to 10.' });
  });

  it('reads the deprecated reason "message" (the terminal\'s words) as before, and a bug stays a bug', () => {
    const text = 'company: is too long: at most 200 characters';
    expect(errorWords(400, text, 'company', { reason: 'message', message: text })).toEqual(errorWords(400, text, 'company'));
    expect(errorWords(500, 'boom', undefined, { reason: 'x.y', message: 'Not shown.' }).message).toMatch(/^Something went wrong/);
  });
});
