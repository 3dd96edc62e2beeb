/**
 * A Speller over Hunspell dictionaries already in memory (nspell; no IO here: app/speller.ts reads
 * the files). Several English varieties are merged so that "colour" and "color" are both right.
 * Also expands a dictionary into every form it accepts, for the compact file (compact-dictionary.ts)
 * that the build writes and the app loads instead when it is there.
 */
import nspell from 'nspell';
import type { ExpandedDictionary } from './compact-dictionary.js';
import type { Speller } from './types.js';

export interface HunspellDictionary {
  readonly aff: Uint8Array | string;
  readonly dic: Uint8Array | string;
}

function asText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
}

/**
 * One speller accepting a word when any of `dictionaries` does. Dictionaries sharing the first one's
 * affix rules are merged into it (only their extra entries are parsed: the en family differs in
 * about 1,300 of 50,000); others get their own checker. Throws on an empty list.
 */
export function spellerFromDictionaries(dictionaries: readonly HunspellDictionary[]): Speller {
  const [first, ...rest] = dictionaries;
  if (first === undefined) throw new Error('spellerFromDictionaries: give at least one dictionary');
  const aff = asText(first.aff);
  const dic = asText(first.dic);
  const known = new Set(dic.split('\n'));
  const extra: string[] = [];
  const separate: Speller[] = [];
  for (const d of rest) {
    if (asText(d.aff) !== aff) {
      separate.push(nspell(asText(d.aff), asText(d.dic)));
      continue;
    }
    // The first line of a .dic file is its entry count, which nspell skips.
    const text = asText(d.dic);
    for (let at = text.indexOf('\n') + 1; at > 0 && at < text.length;) {
      const nl = text.indexOf('\n', at);
      const line = text.slice(at, nl === -1 ? text.length : nl);
      if (line !== '' && !known.has(line)) extra.push(line);
      at = nl + 1;
    }
  }
  // One parse only: nspell's `dictionary()` cannot be called twice (its compound rules break).
  const main = nspell(aff, extra.length > 0 ? `${dic.replace(/\n*$/, '')}\n${extra.join('\n')}\n` : dic);
  if (separate.length === 0) return { correct: (w) => main.correct(w), suggest: remembered((w) => main.suggest(w)) };
  const all = [main, ...separate];
  return {
    correct: (w) => all.some((s) => s.correct(w)),
    suggest: remembered((w) => [...new Set(all.flatMap((s) => s.suggest(w)))]),
  };
}

/** Most words remembered: a draft checks the same unknown word in every phrase and note it is in. */
const REMEMBERED = 2_000;

/**
 * nspell's suggestions, remembered per word: each call tries every edit of the word against the
 * whole dictionary (a second or more for a long unknown word on a busy machine), and the answer
 * for a word never changes. Copies are handed out, so a caller cannot change what is remembered.
 */
function remembered(suggest: (word: string) => string[]): (word: string) => string[] {
  const seen = new Map<string, readonly string[]>();
  return (word) => {
    let found = seen.get(word);
    if (found === undefined) {
      if (seen.size >= REMEMBERED) seen.clear();
      found = suggest(word);
      seen.set(word, found);
    }
    return [...found];
  };
}

/** The parts of an nspell checker that hold its expanded dictionary (not in nspell's typings). */
interface NspellState {
  readonly data: Readonly<Record<string, readonly string[]>>;
  readonly flags: Readonly<Record<string, unknown>>;
  readonly compoundRules: readonly RegExp[];
  readonly conversion: { readonly in: readonly (readonly [RegExp, string])[]; readonly out: readonly unknown[] };
  readonly replacementTable: readonly (readonly [string, string])[];
}

function stateOf(checker: object): NspellState {
  const s = checker as Partial<NspellState>;
  const ok = typeof s.data === 'object' && typeof s.flags === 'object' && Array.isArray(s.compoundRules)
    && Array.isArray(s.conversion?.in) && Array.isArray(s.conversion.out) && Array.isArray(s.replacementTable);
  if (!ok) throw new Error('expandDictionary: this nspell version keeps its dictionary differently; update dictionary-speller.ts');
  return s as NspellState;
}

/**
 * Every form `dictionary` accepts as written (stems and affixed forms, as nspell expands them), its
 * compound-only and never-suggested forms, compound rules, input conversions and replacement table:
 * what `formatCompactDictionary` stores. About 0.3 s; meant for build time. Throws on affix features
 * the compact speller does not model (KEEPCASE, FORBIDDENWORD, output conversions).
 */
export function expandDictionary(dictionary: HunspellDictionary): ExpandedDictionary {
  const state = stateOf(nspell(asText(dictionary.aff), asText(dictionary.dic)));
  const { data, flags } = state;
  for (const feature of ['KEEPCASE', 'FORBIDDENWORD']) {
    if (flags[feature] !== undefined && flags[feature] !== false) throw new Error(`expandDictionary: ${feature} is not supported by the compact speller`);
  }
  if (state.conversion.out.length > 0) throw new Error('expandDictionary: OCONV is not supported by the compact speller');
  const flagOf = (name: string): string | undefined => (typeof flags[name] === 'string' ? flags[name] : undefined);
  const onlyInCompound = flagOf('ONLYINCOMPOUND');
  const noSuggestFlag = flagOf('NOSUGGEST');
  const accepted: string[] = [];
  const blocked: string[] = [];
  const noSuggest: string[] = [];
  for (const [form, codes] of Object.entries(data)) {
    if (onlyInCompound !== undefined && codes.includes(onlyInCompound)) blocked.push(form);
    else accepted.push(form);
    if (noSuggestFlag !== undefined && codes.includes(noSuggestFlag)) noSuggest.push(form);
  }
  const compoundMin = typeof flags['COMPOUNDMIN'] === 'number' ? flags['COMPOUNDMIN'] : 3;
  return {
    accepted,
    blocked,
    noSuggest,
    compoundMin,
    compoundRules: state.compoundRules.map((r) => ({ source: r.source, flags: r.flags })),
    conversions: state.conversion.in.map(([r, replacement]) => ({ source: r.source, flags: r.flags, replacement })),
    replacements: state.replacementTable.map(([from, to]) => [from, to] as const),
  };
}
