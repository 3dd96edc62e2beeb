import { describe, expect, it } from 'vitest';
import { dayOf } from '../time.js';
import en from 'dictionary-en';
import { spellerFromDictionaries } from '../tone/dictionary-speller.js';
import {
  usSpelling, addressName, honorificStops, countWords, dayInWords, dayInWordsWithYear, firstName, joinList, phrase, readablePhone, sentence, signOff, surname,
} from './words.js';

describe('dayInWords', () => {
  it.each([
    [dayOf(2026, 3, 3), 'Tuesday, 3 March'], // Tue 2026-03-03
    [dayOf(2026, 7, 3), 'Friday, 3 July'], // Fri 2026-07-03
    [dayOf(2026, 5, 25), 'Monday, 25 May'], // Mon 2026-05-25
    [dayOf(2027, 1, 31), 'Sunday, 31 January'], // Sun 2027-01-31
    [dayOf(2028, 2, 29), 'Tuesday, 29 February'], // Tue 2028-02-29 (leap day)
  ])('day %i reads as %s', (day, words) => {
    expect(dayInWords(day)).toBe(words);
  });

  it('adds the year for a letter', () => {
    expect(dayInWordsWithYear(dayOf(2026, 12, 31))).toBe('Thursday, 31 December 2026'); // Thu 2026-12-31
  });
});

describe('names (W1)', () => {
  it.each([
    ['Grace Okafor', 'Okafor'],
    ['Ludwig van Beethoven', 'van Beethoven'],
    ['Anna van der Berg', 'van der Berg'],
    ['Martin Luther King Jr.', 'King'],
    ['Ana Sofía García-Márquez', 'García-Márquez'],
    ['Zoë Ødegaard', 'Ødegaard'],
    ['Cher', 'Cher'],
    ['  Siobhán   O\'Brien  ', 'O\'Brien'],
    ['Van Morrison', 'Morrison'],
  ])('surname of %j is %j', (name, expected) => {
    expect(surname(name)).toBe(expected);
  });

  it.each([
    [{ name: 'Grace Okafor', honorific: 'Dr.', informal: false }, 'Dr. Okafor'],
    [{ name: 'Grace Okafor', honorific: 'Dr.', informal: true }, 'Grace'],
    [{ name: 'Łukasz Żółtowski', honorific: 'Professor', informal: false }, 'Professor Żółtowski'],
    [{ name: 'Sam Ruiz', informal: false }, 'Sam Ruiz'],
    [{ name: 'Sam Ruiz', honorific: '  ', informal: false }, 'Sam Ruiz'],
    [{ name: 'Dana Kim', honorific: 'Mx.', informal: false }, 'Mx. Kim'],
    [{ name: 'Dana Kim', honorific: 'Mx', informal: false }, 'Mx. Kim'],
  ])('%j is addressed as %s in US English', (person, expected) => {
    expect(addressName(person, 'US')).toBe(expected);
  });

  it.each([
    [{ name: 'Grace Okafor', honorific: 'Dr.', informal: false }, 'Dr Okafor'],
    [{ name: 'Grace Okafor', honorific: 'Dr.', informal: true }, 'Grace'],
    [{ name: 'Ann Lee', honorific: 'mrs.', informal: false }, 'Mrs Lee'],
    [{ name: 'Łukasz Żółtowski', honorific: 'Prof.', informal: false }, 'Prof. Żółtowski'],
    [{ name: 'Sam Ruiz', informal: false }, 'Sam Ruiz'],
  ])('%j is addressed as %s in British English (no stop after a contraction)', (person, expected) => {
    expect(addressName(person, 'GB')).toBe(expected);
  });

  it('writes honorifics before a name the region\'s way, typed ones included, and leaves other stops alone', () => {
    const typed = 'Mr. Tran asked about Dr Okafor\'s plan. Ms Chen and Mrs. Lee agreed. I met the Dr. then left.';
    expect(honorificStops(typed, 'GB')).toBe('Mr Tran asked about Dr Okafor\'s plan. Ms Chen and Mrs Lee agreed. I met the Dr. then left.');
    expect(honorificStops(typed, 'US')).toBe('Mr. Tran asked about Dr. Okafor\'s plan. Ms. Chen and Mrs. Lee agreed. I met the Dr. then left.');
    expect(honorificStops('MS Excel and Drew Dr. Who', 'GB')).toBe('MS Excel and Drew Dr Who');
  });

  it('takes the first name from the first word', () => {
    expect(firstName('Søren Kierkegaard')).toBe('Søren');
  });
});

describe('phrase and sentence', () => {
  it.each([
    ['The plan to move reporting.', 'the plan to move reporting'],
    ['  Your   team\'s roadmap!  ', 'your team\'s roadmap'],
    ['Kafka migration', 'Kafka migration'],
    ['SQL window functions;', 'SQL window functions'],
    ['A course in dbt.', 'a course in dbt'],
    ['THE PLAN', 'THE PLAN'],
  ])('phrase(%j) = %j', (input, expected) => {
    expect(phrase(input)).toBe(expected);
  });

  it('makes a sentence with its own punctuation or the one given', () => {
    expect(sentence('how do you plan sprints', '?')).toBe('How do you plan sprints?');
    expect(sentence('Is the team growing?', '.')).toBe('Is the team growing?');
  });
});

describe('readablePhone', () => {
  it.each([
    ['+1 555 0100', '+1 555 0100'],
    ['+15550100', '+1 555 0100'],
    ['02079460000', '0 207 946 0000'],
    ['(555) 010-0100', '(555) 010-0100'],
    ['12345', '12345'],
  ])('%s reads as %s', (input, expected) => {
    expect(readablePhone(input)).toBe(expected);
  });
});

describe('small helpers', () => {
  it('joins lists with an Oxford comma', () => {
    expect(joinList([])).toBe('');
    expect(joinList(['A'])).toBe('A');
    expect(joinList(['A', 'B'])).toBe('A and B');
    expect(joinList(['A', 'B', 'C'])).toBe('A, B, and C');
  });

  it('counts words, not punctuation', () => {
    expect(countWords('Dear Dr. Okafor, \u2014 call +1 555 0100.')).toBe(7);
    expect(countWords('')).toBe(0);
  });

  it('signs off with name and contact details (W3)', () => {
    expect(signOff({ name: 'Jordan Lee', email: 'j@example.com', phone: '+15550100', local: false, references: [] }, 'US'))
      .toBe('Sincerely,\nJordan Lee\nj@example.com\n+1 555 0100');
    expect(signOff({ name: 'Jordan Lee', signature: 'Jordan Lee\nData Analyst', local: false, references: [] }, 'US'))
      .toBe('Sincerely,\nJordan Lee\nData Analyst');
    expect(signOff({ name: 'Jordan Lee', signature: 'jordan.dev', local: false, references: [] }, 'US'))
      .toBe('Sincerely,\nJordan Lee\njordan.dev');
  });

  it('signs off "Yours sincerely," in British English (W3)', () => {
    expect(signOff({ name: 'Jordan Lee', email: 'j@example.com', local: false, references: [] }, 'GB'))
      .toBe('Yours sincerely,\nJordan Lee\nj@example.com');
    expect(signOff({ name: 'Jordan Lee', signature: 'Jordan Lee\nData Analyst', local: false, references: [] }, 'GB'))
      .toBe('Yours sincerely,\nJordan Lee\nData Analyst');
  });
});

describe('usSpelling', () => {
  const speller = spellerFromDictionaries([en]);
  it.each([
    ['how I would prioritise the backlog', 'how I would prioritize the backlog'],
    ['we analysed churn and Organised it', 'we analyzed churn and Organized it'],
    ['the REORGANISATION plan', 'the REORGANIZATION plan'],
    ['I would advise on their expertise; a surprise exercise', 'I would advise on their expertise; a surprise exercise'],
  ])('%j → %j', (text, expected) => {
    expect(usSpelling(text, speller)).toBe(expected);
  });
});

describe('usSpelling of listed words', () => {
  const speller = spellerFromDictionaries([en]);
  it('writes "programme", "colour" and "travelled" the US way, keeping a capital, and leaves other words alone', () => {
    expect(usSpelling('the mentoring programme, the Colour palette, we travelled; four hours', speller))
      .toBe('the mentoring program, the Color palette, we traveled; four hours');
  });
});
