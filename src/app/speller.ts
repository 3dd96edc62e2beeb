/**
 * The dictionary behind L12, loaded on first use. Reading and parsing the dictionaries takes about
 * 200 ms, so only commands that check spelling ask for it, and the loader caches it in a value the
 * caller holds (no module-level state).
 */
import type { HunspellDictionary } from '../core/tone/dictionary-speller.js';
import type { Speller } from '../core/tone/types.js';
import { AppError } from './errors.js';

/** English varieties accepted together: US (dictionary-en), British (dictionary-en-gb) and Australian (dictionary-en-au). */
export const SPELLING_VARIETIES = ['en-US', 'en-GB', 'en-AU'] as const;
export type SpellingVariety = (typeof SPELLING_VARIETIES)[number];

export interface SpellerLoader {
  /** The speller, loaded once; later calls return the same promise. */
  load(): Promise<Speller>;
  /** True once `load()` has been called. */
  readonly started: boolean;
}

async function importDictionary(variety: SpellingVariety): Promise<HunspellDictionary> {
  // Each package reads its .aff and .dic files when imported.
  switch (variety) {
    case 'en-US': return (await import('dictionary-en')).default;
    case 'en-GB': return (await import('dictionary-en-gb')).default;
    case 'en-AU': return (await import('dictionary-en-au')).default;
  }
}

/** Loads the dictionaries of `varieties` (default: US, British and Australian English) into one speller. */
export async function loadSpeller(varieties: readonly SpellingVariety[] = SPELLING_VARIETIES): Promise<Speller> {
  try {
    // nspell too is imported only here, so that commands which never check spelling never load it.
    const [{ spellerFromDictionaries }, dictionaries] = await Promise.all([
      import('../core/tone/dictionary-speller.js'),
      Promise.all(varieties.map(importDictionary)),
    ]);
    return spellerFromDictionaries(dictionaries);
  } catch (error) {
    throw new AppError('internal', `spelling dictionary could not be loaded (${error instanceof Error ? error.message : String(error)}); reinstall with "npm ci"`, { cause: error });
  }
}

/** A lazy, caching loader: nothing is read until `load()` is first called. */
export function createSpellerLoader(varieties: readonly SpellingVariety[] = SPELLING_VARIETIES): SpellerLoader {
  let pending: Promise<Speller> | undefined;
  return {
    load() {
      pending ??= loadSpeller(varieties);
      return pending;
    },
    get started() {
      return pending !== undefined;
    },
  };
}
