/**
 * A Speller over the compact dictionary (compact-dictionary.ts). `correct` gives the answers of the
 * nspell speller over the same Hunspell dictionaries: a form is right as written, or, when written in
 * capitals, as "Sentence" case or lower case, or (lower or capitalised) in lower case; so "paris" is
 * wrong where "Paris" is the entry, and "COLOUR" right where "colour" is. `suggest` is our own, not
 * nspell's (its order differs): words within two edits (one for words of three letters) that start
 * with the word's first or second letter, found by walking the sorted word list, plus a first letter
 * added, dropped or replaced, plus the dictionary's replacement table; ranked by a typo-weighted
 * distance. A few milliseconds, against nspell's tens to hundreds.
 */
import { hasWord, type CompactDictionary } from './compact-dictionary.js';
import type { Speller } from './types.js';

const NONE: ReadonlySet<string> = new Set();
const MAX_SUGGESTIONS = 10;
/** Answers of `correct` kept per speller (≈ 3 MB at most). */
const ANSWERS_KEPT = 50_000;
/** Words whose suggestions are kept per speller. */
const SUGGESTIONS_KEPT = 2_000;

/**
 * The speller accepting what any of `varieties` (default: all the file holds) accepts, as one merged
 * nspell speller would. Throws when a variety is not in the file or none is given.
 */
export function compactSpeller(dict: CompactDictionary, varieties?: readonly string[]): Speller {
  const all = dict.varieties.map((v) => v.variety);
  const wanted = varieties ?? all;
  if (wanted.length === 0) throw new Error('compactSpeller: give at least one variety');
  for (const v of wanted) if (!all.includes(v)) throw new Error(`compactSpeller: the file has no ${v} (it has ${all.join(', ')})`);
  const every = all.every((v) => wanted.includes(v));
  const absent = wanted.map((v) => dict.absent.get(v) ?? NONE);
  // As in one merged nspell checker: a form is compound-only, or never suggested, if one variety says so.
  const blocked = new Set(wanted.flatMap((v) => [...(dict.blocked.get(v) ?? NONE)]));
  const noSuggest = new Set(wanted.flatMap((v) => [...(dict.noSuggest.get(v) ?? NONE)]));

  /** Listed as written by a wanted variety, compound-only forms aside. */
  const listed = (w: string): boolean => hasWord(dict, w) && (every || absent.some((a) => !a.has(w)));
  const exact = (w: string): boolean => {
    if (blocked.has(w)) return false;
    if (listed(w)) return true;
    return w.length >= dict.compoundMin && dict.compoundRules.some((r) => r.test(w));
  };
  const normalize = (value: string): string => {
    let out = value.trim();
    for (const [from, to] of dict.conversions) out = out.replace(from, to);
    return out;
  };
  const known = (normal: string): boolean => {
    if (normal === '') return false;
    if (exact(normal)) return true;
    if (normal.toUpperCase() === normal && exact(normal.charAt(0) + normal.slice(1).toLowerCase())) return true;
    const lower = normal.toLowerCase();
    return lower !== normal && exact(lower);
  };
  /** A dictionary entry that may be offered: listed, not compound-only, not marked "never suggest". */
  const offerable = (w: string): boolean => listed(w) && !blocked.has(w) && !noSuggest.has(w);

  // A note's words are looked up again and again (the typo pass, each phrase's vetting, the final
  // check, the notes to each panelist; a one-letter typo tries ~500 near words): answers are kept,
  // up to a bound, and forgotten all at once past it.
  const answers = new Map<string, boolean>();
  const suggested = new Map<string, readonly string[]>();
  return {
    correct: (word) => {
      const kept = answers.get(word);
      if (kept !== undefined) return kept;
      const answer = known(normalize(word));
      if (answers.size >= ANSWERS_KEPT) answers.clear();
      answers.set(word, answer);
      return answer;
    },
    suggest: (word) => {
      // The slow search, asked again for the same unknown word by each check of a draft: kept too.
      const kept = suggested.get(word);
      if (kept !== undefined) return [...kept];
      const normal = normalize(word);
      const found = normal === '' || known(normal) ? [] : suggestions(dict, normal, offerable, known);
      if (suggested.size >= SUGGESTIONS_KEPT) suggested.clear();
      suggested.set(word, found);
      return [...found];
    },
  };
}

function lowerUnit(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** Lower case unit by unit, so that lengths and positions stay those of `word`. */
function lowerUnits(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += String.fromCharCode(lowerUnit(word.charCodeAt(i)));
  return out;
}

const encoder = new TextEncoder();
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function suggestions(dict: CompactDictionary, word: string, offerable: (w: string) => boolean, known: (w: string) => boolean): string[] {
  const target = lowerUnits(word);
  const costs = new Map<string, number>();
  const consider = (entry: string, cost: number): void => {
    if (cost < (costs.get(entry) ?? Infinity) && offerable(entry)) costs.set(entry, cost);
  };
  const byTypo = (entry: string): void => consider(entry, typoCost(target, lowerUnits(entry)) + penalty(target, entry));
  // Short words have too many neighbours two edits away to be useful.
  const maxDistance = target.length <= 3 ? 1 : 2;
  // Slips seldom hit the first letter: the walk covers words starting with the first letter, or the
  // second (swapped), and a first letter added, dropped or replaced is looked up on its own.
  const bytes = encoder.encode(target);
  const firsts = new Set<number>();
  for (const b of bytes.subarray(0, 2)) if (b < 0x80) firsts.add(b).add(b >= 97 && b <= 122 ? b - 32 : b);
  if (firsts.size === 0 || (bytes[0] ?? 0) >= 0x80) nearWords(dict, bytes, maxDistance, dict.wordsStart, dict.wordsEnd, byTypo);
  else for (const b of firsts) nearWords(dict, bytes, maxDistance, ...firstByteRange(dict, b), byTypo);
  const rest = target.slice(1);
  for (const fixed of [rest, ...[...LETTERS].flatMap((c) => [c + target, c + rest])]) {
    for (const entry of [fixed, capitalize(fixed)]) if (hasWord(dict, entry)) byTypo(entry);
  }
  // A known misspelt sequence fixed once (REP: "ph" for "f"), at any distance: about as likely as one slip.
  for (const [from, to] of dict.replacements) {
    for (let at = target.indexOf(from); at !== -1; at = target.indexOf(from, at + 1)) {
      const fixed = target.slice(0, at) + to + target.slice(at + from.length);
      for (const entry of [fixed, capitalize(fixed)]) if (hasWord(dict, entry)) consider(entry, REPLACEMENT_COST + penalty(target, entry));
    }
  }
  const ranked = [...costs].sort(([a, x], [b, y]) => x - y || Math.abs(a.length - word.length) - Math.abs(b.length - word.length) || (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [entry] of ranked) {
    const shown = inCaseOf(word, entry, known);
    const key = shown.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(shown);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const REPLACEMENT_COST = 0.8;
const FIRST_LETTER_PENALTY = 0.5;
const CASE_PENALTY = 0.3;

/** Slips seldom hit the first letter, and a lower-case word is more likely a common word than a name. */
function penalty(target: string, entry: string): number {
  return (lowerUnit(entry.charCodeAt(0)) === target.charCodeAt(0) ? 0 : FIRST_LETTER_PENALTY) + (entry === lowerUnits(entry) ? 0 : CASE_PENALTY);
}

/** `entry` written as `word` is: "Receive" for "Recieve", "RECEIVE" for "RECIEVE", when that form is right. */
function inCaseOf(word: string, entry: string, known: (w: string) => boolean): string {
  const upper = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
  const shown = upper ? entry.toUpperCase() : word.charAt(0) !== word.charAt(0).toLowerCase() ? capitalize(entry) : entry;
  return shown !== entry && known(shown) ? shown : entry;
}

const VOWELS = 'aeiouy';

/**
 * What adding or dropping the letter at `i` of `s` costs: 0.5 next to the same letter ("ocurred",
 * "untill"), 0.6 for the "h" of a digraph ("wich", "rythm"), else 1.
 */
function gap(s: string, i: number): number {
  const c = s.charAt(i);
  if (c === s.charAt(i - 1) || c === s.charAt(i + 1)) return 0.5;
  return c === 'h' && i > 0 && 'cgprstw'.includes(s.charAt(i - 1)) ? 0.6 : 1;
}

/**
 * A weighted edit distance (insert, delete, substitute, swap neighbours) between lower-case words,
 * cheaper for the commonest slips: a doubled or undoubled letter (0.5), a vowel for a vowel (0.6),
 * two letters swapped (0.6), a digraph's "h" (0.6).
 */
export function typoCost(typed: string, meant: string): number {
  const n = typed.length;
  const m = meant.length;
  const w = m + 1;
  const d = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++) d[i * w] = (d[(i - 1) * w] ?? 0) + gap(typed, i - 1);
  for (let j = 1; j <= m; j++) d[j] = (d[j - 1] ?? 0) + gap(meant, j - 1);
  for (let i = 1; i <= n; i++) {
    const a = typed.charAt(i - 1);
    const drop = gap(typed, i - 1);
    for (let j = 1; j <= m; j++) {
      const b = meant.charAt(j - 1);
      const substitute = a === b ? 0 : VOWELS.includes(a) && VOWELS.includes(b) ? 0.6 : 1;
      let v = Math.min((d[(i - 1) * w + j] ?? 0) + drop, (d[i * w + j - 1] ?? 0) + gap(meant, j - 1), (d[(i - 1) * w + j - 1] ?? 0) + substitute);
      if (i > 1 && j > 1 && a === meant.charAt(j - 2) && typed.charAt(i - 2) === b) v = Math.min(v, (d[(i - 2) * w + j - 2] ?? 0) + 0.6);
      d[i * w + j] = v;
    }
  }
  return d[n * w + m] ?? Infinity;
}

const NL = 10;

function lowerByte(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

/**
 * Calls `visit` with each word of the union's lines [from, to) within `maxDistance` edits of `target`
 * (lower-case UTF-8; compared byte by byte, ASCII letters case-insensitively; a swap of neighbours is
 * one edit). One pass over the sorted lines: the distance rows of a shared prefix are reused, and once every entry of a row exceeds
 * `maxDistance` no word with that prefix can come closer, so the walk jumps past them.
 */
function nearWords(dict: CompactDictionary, target: Uint8Array, maxDistance: number, from: number, to: number, visit: (entry: string) => void): void {
  const { text } = dict;
  const n = target.length;
  const width = n + 1;
  const cap = maxDistance + 1;
  const decoder = new TextDecoder();
  let depthCap = 64;
  let rows = new Int32Array(width * (depthCap + 1));
  let chars = new Int32Array(depthCap + 1);
  for (let j = 0; j <= n; j++) rows[j] = j;
  let previous = -1;
  let valid = 0;
  for (let at = from; at < to;) {
    const eol = text.indexOf(NL, at);
    const length = eol - at;
    if (length > depthCap) {
      depthCap = length * 2;
      const grown = new Int32Array(width * (depthCap + 1));
      grown.set(rows);
      rows = grown;
      const grownChars = new Int32Array(depthCap + 1);
      grownChars.set(chars);
      chars = grownChars;
    }
    let depth = 0;
    if (previous >= 0) while (depth < valid && depth < length && text[previous + depth] === text[at + depth]) depth++;
    let pruned = false;
    while (depth < length) {
      depth++;
      const c = lowerByte(text[at + depth - 1] ?? 0);
      chars[depth] = c;
      const row = depth * width;
      const up = row - width;
      // Only cells within `maxDistance` of the diagonal can hold a distance that small; the band's
      // edges get `cap`, which is no more than the true value there and still too far.
      const lo = Math.max(1, depth - maxDistance);
      const hi = Math.min(n, depth + maxDistance);
      if (lo > hi) {
        pruned = true;
        break;
      }
      rows[row] = depth;
      rows[row + lo - 1] = lo === 1 ? depth : cap;
      if (hi < n) rows[row + hi + 1] = cap;
      let min = cap;
      for (let j = lo; j <= hi; j++) {
        const t = target[j - 1] ?? 0;
        let v = Math.min((rows[up + j] ?? cap) + 1, (rows[row + j - 1] ?? cap) + 1, (rows[up + j - 1] ?? cap) + (t === c ? 0 : 1));
        if (depth > 1 && j > 1 && c === target[j - 2] && chars[depth - 1] === t) v = Math.min(v, (rows[up - width + j - 2] ?? cap) + 1);
        rows[row + j] = v;
        if (v < min) min = v;
      }
      if (min > maxDistance) {
        pruned = true;
        break;
      }
    }
    previous = at;
    valid = depth;
    if (pruned) {
      at = pastPrefix(text, at, depth, to);
    } else {
      if (Math.abs(length - n) <= maxDistance && (rows[length * width + n] ?? cap) <= maxDistance) visit(decoder.decode(text.subarray(at, eol)));
      at = eol + 1;
    }
  }
}

/** The lines of the union starting with byte `b`: [from, to). */
function firstByteRange(dict: CompactDictionary, b: number): [number, number] {
  return [firstLineFrom(dict, b), firstLineFrom(dict, b + 1)];
}

/** The first line of the union whose first byte is `b` or more (binary search over line starts). */
function firstLineFrom(dict: CompactDictionary, b: number): number {
  const { text } = dict;
  let lo = dict.wordsStart;
  let hi = dict.wordsEnd;
  if ((text[lo] ?? 0) >= b) return lo;
  // Invariant: the line at `lo` starts below `b`; the answer is after it and no later than `hi`.
  for (;;) {
    const next = text.indexOf(NL, lo) + 1;
    if (next >= hi) return hi;
    const probe = lineStart(text, lo, (lo + hi) >>> 1);
    if ((text[probe] ?? 0) < b) lo = probe;
    else hi = probe;
  }
}

function startsWithAt(text: Uint8Array, at: number, prefixAt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text[at + i] !== text[prefixAt + i]) return false;
  return true;
}

/** The start of the line holding `pos`, or of the line after the one at `lo` when that is further on. */
function lineStart(text: Uint8Array, lo: number, pos: number): number {
  const start = text.lastIndexOf(NL, pos - 1) + 1;
  return start > lo ? start : text.indexOf(NL, lo) + 1;
}

/** The first line after the one at `at` that does not start with that line's first `length` bytes (or `end`). */
function pastPrefix(text: Uint8Array, at: number, length: number, end: number): number {
  let lo = at;
  let hi = end;
  // Gallop forward, then halve: short runs (most) cost a step or two.
  for (let step = 64; lo + step < end; step *= 2) {
    const probe = lineStart(text, lo, lo + step);
    if (probe >= end) break;
    if (!startsWithAt(text, probe, at, length)) {
      hi = probe;
      break;
    }
    lo = probe;
  }
  for (;;) {
    const next = text.indexOf(NL, lo) + 1;
    if (next >= hi) return hi;
    const probe = lineStart(text, lo, (lo + hi) >>> 1);
    if (startsWithAt(text, probe, at, length)) lo = probe;
    else hi = probe;
  }
}
