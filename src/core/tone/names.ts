/** People's and companies' names from the records: their parts, and how close a written word is to them. */
import { honorificIn, type English } from '../english.js';
import { fold, wordList } from './text.js';

const HONORIFICS: Readonly<Record<string, string>> = {
  dr: 'dr', doctor: 'dr', mr: 'mr', mister: 'mr', mrs: 'mrs', ms: 'ms', miss: 'miss', mx: 'mx',
  prof: 'prof', professor: 'prof', sir: 'sir', dame: 'dame', director: 'director', dean: 'dean',
  rev: 'rev', reverend: 'rev', judge: 'judge', captain: 'captain', capt: 'captain',
};
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'dds', 'cpa']);
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'al', 'el', 'ibn']);
const LEGAL = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'plc',
  'llp', 'lp', 'pty', 'bv', 'nv', 'srl', 'spa', 'oy', 'ab', 'as', 'kk', 'kg', 'sas', 'sarl', 'pte', 'pvt',
]);

/** "Dr." → "dr"; undefined when the word is not an honorific. */
export function honorificKey(word: string): string | undefined {
  return HONORIFICS[word.toLowerCase().replace(/\.$/, '')];
}

export interface PersonName {
  /** As recorded, trimmed. */
  readonly full: string;
  /** The words of the name without honorifics and suffixes: ["Grace", "Okafor"]. */
  readonly parts: readonly string[];
  /** First given name, when the name has more than one part. */
  readonly given?: string;
  /** The family name with its particles ("van Beethoven"); the only part for a one-word name. */
  readonly surname: string;
}

export function parseName(name: string): PersonName {
  const parts = wordList(name);
  while (parts.length > 1 && honorificKey(parts[0] ?? '') !== undefined) parts.shift();
  while (parts.length > 1 && SUFFIXES.has((parts[parts.length - 1] ?? '').toLowerCase())) parts.pop();
  if (parts.length <= 1) return { full: name.trim(), parts, surname: parts[0] ?? '' };
  let from = parts.length - 1;
  while (from > 1 && PARTICLES.has(parts[from - 1] ?? '') ) from--;
  return { full: parts.join(' '), parts, given: parts[0] ?? '', surname: parts.slice(from).join(' ') };
}

/** "Dear Dr. Okafor," style address: honorific (the region's way, when known) + surname, else the full name. */
export function formalAddress(name: PersonName, honorific: string | undefined, english?: English): string {
  const h = honorific?.trim();
  if (h) return `${english !== undefined ? honorificIn(h, english) : h} ${name.surname}`;
  return name.full;
}

/**
 * The distinctive words of a company name: "Acme Corp." → ["Acme"]; "The Globex Corporation" →
 * ["Globex"]; "Marks & Spencer Ltd" → ["Marks", "and", "Spencer"] ("&" is read as "and"; see findWords).
 */
export function companyCore(company: string): string[] {
  const words = wordList(company.replace(/\s*&\s*/g, ' and '));
  const last = (): string => (words[words.length - 1] ?? '').toLowerCase();
  // "Smith & Co." loses its "Co." and then its dangling "and".
  while (words.length > 1 && (LEGAL.has(last()) || last() === 'and')) words.pop();
  if (words.length > 1 && (words[0] ?? '').toLowerCase() === 'the') words.shift();
  return words;
}

/**
 * Damerau–Levenshtein distance (adjacent transpositions count once), or `max + 1` as soon as it is
 * certain to exceed `max`. O(|a|·|b|) with tiny inputs: names and words.
 */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n] ?? max + 1;
}

/** Same letters once case and diacritics are set aside ("Zoe" ~ "Zoë", "Mcdonald" ~ "McDonald"). */
export function sameFolded(a: string, b: string): boolean {
  return fold(a) === fold(b);
}
