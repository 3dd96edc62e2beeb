/**
 * A Speller over Hunspell dictionaries already in memory (nspell; no IO here: app/speller.ts reads
 * the files). Several English varieties are merged so that "colour" and "color" are both right.
 */
import nspell from 'nspell';
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
  if (separate.length === 0) return { correct: (w) => main.correct(w), suggest: (w) => main.suggest(w) };
  const all = [main, ...separate];
  return {
    correct: (w) => all.some((s) => s.correct(w)),
    suggest: (w) => [...new Set(all.flatMap((s) => s.suggest(w)))],
  };
}
