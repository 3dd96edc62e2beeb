/** Small writing helpers shared by every draft: dates and names in words, phrases, signatures. */
import type { Candidate, Person } from '../model.js';
import { civil, weekday, type Day } from '../time.js';
import type { Speller } from '../tone/types.js';
import { honorificIn, valediction, type English } from '../english.js';

export { englishOf, honorificStops, type English } from '../english.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;


/**
 * British words whose US spelling is not a matter of -ise: "programme" → "program", "colour" →
 * "color". Each form is listed (no rule of endings: "humour" → "humor" but "four" stays).
 */
export const US_WORDS: Readonly<Record<string, string>> = Object.fromEntries([
  ['programme', 'program'], ['programmes', 'programs'], ['colour', 'color'], ['colours', 'colors'], ['behaviour', 'behavior'],
  ['behaviours', 'behaviors'], ['favourite', 'favorite'], ['favourites', 'favorites'], ['labour', 'labor'], ['centre', 'center'],
  ['centres', 'centers'], ['catalogue', 'catalog'], ['catalogues', 'catalogs'], ['defence', 'defense'], ['offence', 'offense'],
  ['travelled', 'traveled'], ['travelling', 'traveling'], ['modelling', 'modeling'], ['modelled', 'modeled'], ['cancelled', 'canceled'],
  ['cancelling', 'canceling'], ['labelled', 'labeled'], ['labelling', 'labeling'], ['honour', 'honor'], ['neighbourhood', 'neighborhood'],
  ['humour', 'humor'], ['flavour', 'flavor'], ['rumour', 'rumor'], ['endeavour', 'endeavor'], ['harbour', 'harbor'], ['fulfil', 'fulfill'],
  ['enrolment', 'enrollment'], ['judgement', 'judgment'], ['ageing', 'aging'], ['grey', 'gray'], ['cheque', 'check'], ['tyre', 'tire'],
  ['theatre', 'theater'], ['metre', 'meter'], ['metres', 'meters'], ['litre', 'liter'], ['litres', 'liters'], ['aluminium', 'aluminum'],
]);
const US_WORD = new RegExp(`\\b(${Object.keys(US_WORDS).join('|')})\\b`, 'gi');

/**
 * The user's own British spellings in their US form, for a US draft: -ise/-yse ("prioritise" →
 * "prioritize", "analysed" → "analyzed", only where the dictionary knows the -ize/-yze form, so
 * "advise", "surprise" and "expertise" stay) and the listed words ("programme" → "program").
 */
export function usSpelling(text: string, speller: Speller): string {
  return text.replace(US_WORD, (word) => { const us = US_WORDS[word.toLowerCase()] ?? word; return /^\p{Lu}/u.test(word) ? us.charAt(0).toUpperCase() + us.slice(1) : us; }).replace(/\b([A-Za-z]{2,}?)([iyIY])([sS])(e|es|ed|ing|ation|ations)\b/gi, (word, stem: string, vowel: string, s: string, end: string) => {
    const us = `${stem}${vowel}${s === 'S' ? 'Z' : 'z'}${end}`;
    return speller.correct(us.toLowerCase()) ? us : word;
  });
}


/** `Tuesday, March 3` (US) or `Tuesday, 3 March` (British): the one date format of every draft. */
export function dayInWords(day: Day, english: English = 'GB'): string {
  const c = civil(day);
  const weekdayName = WEEKDAYS[weekday(day) - 1] ?? '';
  const month = MONTHS[c.month - 1] ?? '';
  return english === 'US' ? `${weekdayName}, ${month} ${c.day}` : `${weekdayName}, ${c.day} ${month}`;
}

/** `Tuesday, March 3, 2026` or `Tuesday, 3 March 2026`: with the year, for the date line of a letter. */
export function dayInWordsWithYear(day: Day, english: English = 'GB'): string {
  return english === 'US' ? `${dayInWords(day, english)}, ${civil(day).year}` : `${dayInWords(day, english)} ${civil(day).year}`;
}

/** The words that differ between US and British English in the templates. */
export interface Wording {
  /** "position" (US) or "post" (British). */
  readonly post: string;
  /** "resume" (US) or "CV" (British). */
  readonly cv: string;
}

export function wordingOf(english: English): Wording {
  return english === 'US' ? { post: 'position', cv: 'resume' } : { post: 'post', cv: 'CV' };
}

/** A date written with its weekday ("Tuesday, March 3" or "Tuesday, 3 March") followed by more of the sentence. */
const DATE_MID_SENTENCE = new RegExp(
  `\\b((?:${WEEKDAYS.join('|')}), (?:(?:${MONTHS.join('|')}) \\d{1,2}|\\d{1,2} (?:${MONTHS.join('|')})))(?= \\p{Ll})`, 'gu');

/**
 * One stop where a sentence ends with an abbreviation ("Acme Inc.."), no space before punctuation,
 * and the comma that closes a date after its weekday ("on Tuesday, March 3, to discuss").
 */
export function tidySentence(text: string): string {
  return text.replace(/([^.])\.\.(?!\.)/g, '$1.').replace(/\.([?!])/g, '$1').replace(/[ \t]+([,;:.?!])/g, '$1').replace(/,([.;])/g, '$1')
    .replace(DATE_MID_SENTENCE, '$1,');
}

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'ph.d', 'md', 'm.d', 'esq', 'dds', 'mba']);
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'al', 'el', 'st.',
]);

function nameTokens(name: string): string[] {
  const tokens = name.trim().split(/\s+/).filter((t) => t !== '');
  while (tokens.length > 1 && SUFFIXES.has((tokens[tokens.length - 1] ?? '').replace(/[.,]+$/, '').toLowerCase())) tokens.pop();
  if (tokens.length > 0) tokens[tokens.length - 1] = (tokens[tokens.length - 1] ?? '').replace(/,$/, '');
  return tokens;
}

/** The family name: the last word of the name with any lower-case particles before it (`van der Berg`). */
export function surname(name: string): string {
  const tokens = nameTokens(name);
  if (tokens.length <= 1) return tokens[0] ?? '';
  let from = tokens.length - 1;
  while (from > 1 && PARTICLES.has((tokens[from - 1] ?? '').toLowerCase()) && tokens[from - 1] === (tokens[from - 1] ?? '').toLowerCase()) from--;
  return tokens.slice(from).join(' ');
}

export function firstName(name: string): string {
  return nameTokens(name)[0] ?? '';
}

/** W1: "Dr. Okafor" ("Dr Okafor" in British English); "Grace" when they invited first names; the full name when no honorific is on record. */
export function addressName(person: Pick<Person, 'name' | 'honorific' | 'informal'>, english: English): string {
  if (person.informal) return firstName(person.name);
  const honorific = person.honorific?.trim();
  return honorific ? `${honorificIn(honorific, english)} ${surname(person.name)}` : person.name.trim();
}

/** "Dr. Grace Okafor": the honorific and the full name, for a third party (a reference). */
export function fullFormalName(person: Pick<Person, 'name' | 'honorific'>, english: English): string {
  const honorific = person.honorific?.trim();
  return honorific ? `${honorificIn(honorific, english)} ${person.name.trim()}` : person.name.trim();
}

const LOWER_STARTS = new Set([
  'the', 'a', 'an', 'your', 'our', 'my', 'how', 'why', 'what', 'when', 'where', 'which', 'that', 'this', 'these',
  'those', 'their', 'its', 'his', 'her', 'some', 'one', 'two', 'three', 'all', 'each', 'every', 'whether',
]);

/**
 * A free-text record (a debrief detail, a note) made ready to sit inside a sentence: trimmed, one
 * line, no closing punctuation, and a leading article or pronoun in lower case ("The migration" →
 * "the migration"). Proper nouns and other words keep their case.
 */
export function phrase(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim().replace(/[\s.!?;:,\u2026]+$/u, '');
  const first = /^\S+/.exec(one)?.[0] ?? '';
  const acronym = first.length > 1 && first === first.toUpperCase();
  if (LOWER_STARTS.has(first.toLowerCase()) && !acronym) return first.toLowerCase() + one.slice(first.length);
  return one;
}

/** A sentence from free text: capitalised, ending with its own punctuation or `end`. */
export function sentence(text: string, end = '.'): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const capital = one.charAt(0).toLocaleUpperCase('en') + one.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital.replace(/[;:,]+$/, '')}${end}`;
}

/** True when the record holds some text. */
export function present(text: string | undefined): text is string {
  return text !== undefined && phrase(text) !== '';
}

/** "A", "A and B", "A, B, and C". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1] ?? ''}`;
}

/** Words as a reader counts them: whitespace-separated tokens that hold a letter or a digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

/**
 * A phone number easy to read aloud: kept as written when it already has separators, else its
 * digits grouped from the right (`+15550100` → `+1 555 0100`).
 */
export function readablePhone(phone: string): string {
  const trimmed = phone.trim();
  if (/[\s\-().]/.test(trimmed)) return trimmed.replace(/\s+/g, ' ');
  const plus = trimmed.startsWith('+') ? '+' : '';
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 7) return trimmed;
  const groups = [digits.slice(-4)];
  let rest = digits.slice(0, -4);
  while (rest.length > 0) {
    groups.unshift(rest.slice(-3));
    rest = rest.slice(0, -3);
  }
  return plus + groups.join(' ');
}

/** W3: "Sincerely," ("Yours sincerely," in British English) then the candidate's name (or signature block) and contact details. */
export function signOff(candidate: Candidate, english: English): string {
  const name = candidate.name.trim();
  const signature = candidate.signature?.trim();
  const close = valediction(english);
  if (signature && (name === '' || signature.includes(name))) return `${close}\n${signature}`;
  const lines = [name];
  if (signature) lines.push(signature);
  else {
    if (candidate.email?.trim()) lines.push(candidate.email.trim());
    if (candidate.phone?.trim()) lines.push(readablePhone(candidate.phone));
  }
  return `${close}\n${lines.filter((l) => l !== '').join('\n')}`;
}

/** Paragraphs joined by blank lines, empty ones dropped. */
export function paragraphs(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p.trim() !== '').join('\n\n');
}
