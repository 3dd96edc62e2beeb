/**
 * Words of a debrief input with their parts of speech (from compromise), and the small operations
 * the realiser needs: find the finite verb, conjugate, rebuild the text.
 */
// compromise's second level (tagger and conjugation): the third adds chunks and phrase methods we do not read, and on the debrief corpus it tags every word alike at about 1.6× the cost.
import nlp from 'compromise/two';
import { splitSentences } from '../../sentences.js';
import { installFastSweep } from './sweep.js';

installFastSweep();

export interface Term {
  readonly text: string;
  /** Lower case, for comparisons. */
  readonly lower: string;
  readonly tags: ReadonlySet<string>;
  /** Punctuation and spaces before and after the word, as typed. */
  readonly pre: string;
  readonly post: string;
}

interface RawTerm {
  readonly text?: string;
  readonly pre?: string;
  readonly post?: string;
  readonly tags?: ReadonlySet<string>;
}

/**
 * Tagged texts, most recent last. One interview's debrief is read for every note of it (the panel
 * lead's, each panelist's, the previews in the editor), so the same few texts come back; a parse
 * is most of a draft's time. 64 texts hold an interview's notes; a stream of new debriefs (the
 * bench's second row) finds nothing here. The terms are frozen and each caller gets its own array.
 */
const TAGGED = new Map<string, readonly Term[]>();
const TAGGED_MAX = 64;

/** The words of one clause, tagged (compromise's own term objects, read without building its JSON). */
export function termsOf(text: string): Term[] {
  const known = TAGGED.get(text);
  if (known !== undefined) {
    TAGGED.delete(text);
    TAGGED.set(text, known);
    return [...known];
  }
  const sentences = (nlp(text) as unknown as { docs: readonly (readonly RawTerm[])[] }).docs;
  const out: Term[] = [];
  for (const s of sentences) {
    for (const t of s) {
      const word = t.text ?? '';
      out.push(Object.freeze({ text: word, lower: word.toLowerCase(), tags: new Set(t.tags ?? []), pre: t.pre ?? '', post: t.post ?? '' }));
    }
  }
  if (TAGGED.size >= TAGGED_MAX) TAGGED.delete(TAGGED.keys().next().value ?? '');
  TAGGED.set(text, out);
  return [...out];
}

const ABBREVIATIONS = /(?:^|\s|\()(?:dr|mr|mrs|ms|mx|prof|st|inc|ltd|co|corp|jr|sr|e\.g|i\.e|etc|vs|approx|no|dept|est|fig|u\.s|u\.k|[a-z])\.$/i;

/** The sentences of a text: split after ".", "!" or "?" and a space before a capital, not after "Dr.", "e.g." and the like. */
export function sentencesOf(text: string): string[] {
  return splitSentences(text, ABBREVIATIONS, 8);
}

/** The text of terms, with their own spacing and punctuation, trimmed. */
export function textOf(terms: readonly Term[]): string {
  // The first word keeps an opening bracket or quote, the last a closing one; other edge punctuation goes.
  const edge = (p: string, keep: RegExp): string => (p.match(keep) ?? []).join('');
  return terms.map((t, i) => `${i === 0 ? edge(t.pre, /[(["\u201C]/g) : t.pre}${t.text}${i === terms.length - 1 ? edge(t.post, /[)\]"\u201D]/g) : t.post}`).join('').trim();
}

export function withText(t: Term, text: string): Term {
  return { ...t, text, lower: text.toLowerCase() };
}

export const is = (t: Term | undefined, tag: string): boolean => t !== undefined && t.tags.has(tag);

export interface Forms {
  readonly infinitive: string;
  readonly past: string;
  readonly present: string;
  readonly gerund: string;
}

interface VerbMethods {
  toInfinitive(word: string, model: unknown, tense?: string): string;
  conjugate(infinitive: string, model: unknown): Partial<Record<'Infinitive' | 'PastTense' | 'PresentTense' | 'Gerund', string>>;
}
// compromise's own conjugation tables, used directly: no parse per call.
const VERB = (nlp.methods() as { two: { transform: { verb: VerbMethods } } }).two.transform.verb;
const MODEL: unknown = nlp.model();

const LEXICON = (MODEL as { one: { lexicon: Readonly<Record<string, string | readonly string[]>> } }).one.lexicon;
/** Tags of words that are names or titles in capitals ("CEO", "NHS", "USA"), not everyday words. */
const NAMING_TAGS = new Set(['Actor', 'Organization', 'Country', 'Place', 'City', 'Region', 'Person', 'FirstName', 'LastName', 'Acronym', 'Honorific']);

/**
 * True when `lower` (lower case, three letters or more) is an everyday English word in compromise's
 * lexicon ("next", "goes", "budget"), false for acronyms and names it lists or does not know
 * ("kpi", "ceo", "nhs"): what an all-capitals debrief may lower-case.
 */
export function isEverydayWord(lower: string): boolean {
  if (lower.length < 3) return false;
  const tags = LEXICON[lower];
  if (tags === undefined) return false;
  return !(typeof tags === 'string' ? [tags] : tags).some((t) => NAMING_TAGS.has(t));
}

const IRREGULAR: Readonly<Record<string, Forms>> = {
  be: { infinitive: 'be', past: 'was', present: 'is', gerund: 'being' },
  have: { infinitive: 'have', past: 'had', present: 'has', gerund: 'having' },
  do: { infinitive: 'do', past: 'did', present: 'does', gerund: 'doing' },
};

/** The forms of the verb `word` ("walked" → walk, walked, walks, walking). */
export function formsOf(word: string): Forms | undefined {
  const lower = word.toLowerCase();
  for (const [base, forms] of Object.entries(IRREGULAR)) {
    if ([base, forms.past, forms.present, 'were', 'are', 'am', 'been'].includes(lower) && (base === 'be' || !['were', 'are', 'am', 'been'].includes(lower))) return forms;
  }
  if (!/^[a-z][a-z-]*$/.test(lower)) return undefined;
  for (const tense of ['PastTense', 'PresentTense', 'Gerund', 'Infinitive'] as const) {
    const infinitive = tense === 'Infinitive' ? lower : VERB.toInfinitive(lower, MODEL, tense);
    if (!infinitive || (tense !== 'Infinitive' && infinitive === lower)) continue;
    const c = VERB.conjugate(infinitive, MODEL);
    if (!c.Gerund?.endsWith('ing') || c[tense] !== lower) continue;
    return { infinitive, past: c.PastTense ?? infinitive, present: c.PresentTense ?? infinitive, gerund: c.Gerund };
  }
  return undefined;
}

/** Copies the capitalisation of `like`'s first letter onto `word`. */
export function caseLike(word: string, like: string): string {
  const first = like.charAt(0);
  return first !== '' && first === first.toUpperCase() && first !== first.toLowerCase()
    ? word.charAt(0).toUpperCase() + word.slice(1)
    : word;
}

/** A proper noun, acronym, or the pronoun "I": words that keep their capital at the start of a phrase. */
export function keepsCapital(t: Term | undefined): boolean {
  if (t === undefined) return false;
  if (t.lower === 'i' || t.lower.startsWith("i'")) return true;
  const first = t.text.charAt(0);
  if (first === first.toLowerCase()) return false;
  if (t.text.length > 1 && t.text === t.text.toUpperCase() && (t.text.match(/\p{L}/gu) ?? []).length >= 2) return true;
  if (t.tags.has('Pronoun') || t.tags.has('Determiner') || t.tags.has('Preposition') || t.tags.has('Conjunction')) return false;
  if (t.tags.has('Verb') && !t.tags.has('ProperNoun')) return false;
  return t.tags.has('ProperNoun') || t.tags.has('Person') || t.tags.has('Place') || t.tags.has('Organization')
    || t.tags.has('Acronym') || t.tags.has('Honorific') || t.tags.has('Month') || t.tags.has('WeekDay');
}

const FUNCTION_TAGS = ['Determiner', 'Pronoun', 'Possessive', 'Preposition', 'Conjunction', 'Adverb', 'Adjective', 'Verb', 'QuestionWord', 'Value'];

/**
 * The phrase with a lower-case first letter when its first word is a function word, an adjective
 * or a verb; a capitalised noun may be a name compromise does not know ("Priya"), so it keeps its
 * capital here and the speller decides later (see `vet` in facts.ts).
 */
export function lowerStart(terms: readonly Term[]): Term[] {
  const first = terms[0];
  if (first === undefined || keepsCapital(first)) return [...terms];
  if (!FUNCTION_TAGS.some((tag) => first.tags.has(tag)) || (first.tags.has('Noun') && !first.tags.has('Pronoun') && !first.tags.has('Determiner'))) {
    if (!first.tags.has('Gerund') && !first.tags.has('Possessive')) return [...terms];
  }
  return [withText(first, first.text.charAt(0).toLowerCase() + first.text.slice(1)), ...terms.slice(1)];
}
