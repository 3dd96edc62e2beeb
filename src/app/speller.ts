/**
 * The dictionary behind L12, loaded on first use, so only commands that check spelling ask for it; the
 * loader caches it in a value the caller holds (no module-level state). It comes from the compact
 * file the build writes (`npm run build:dictionary`, part of `npm run build` and so of `npm install`):
 * every form the Hunspell dictionaries accept, expanded once, ≈ 15–30 ms to load. Without that file,
 * or when it was built from other dictionary versions than those installed, the Hunspell dictionaries
 * are parsed with nspell instead (≈ 300 ms), with the same answers from `correct`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HunspellDictionary } from '../core/tone/dictionary-speller.js';
import type { Speller } from '../core/tone/types.js';
import { AppError } from './errors.js';

/** English varieties accepted together: US (dictionary-en), British (dictionary-en-gb) and Australian (dictionary-en-au). */
export const SPELLING_VARIETIES = ['en-US', 'en-GB', 'en-AU'] as const;
export type SpellingVariety = (typeof SPELLING_VARIETIES)[number];

const PACKAGES: Readonly<Record<SpellingVariety, string>> = { 'en-US': 'dictionary-en', 'en-GB': 'dictionary-en-gb', 'en-AU': 'dictionary-en-au' };

/** The compact dictionary of all SPELLING_VARIETIES, relative to the package root (git-ignored build output). */
export const COMPACT_DICTIONARY = 'dist/dictionary/en-compact.bin';

export interface SpellerOptions {
  /** The compact file to load; `null` parses the Hunspell dictionaries with nspell. Default: COMPACT_DICTIONARY under the package root. */
  readonly compact?: string | null;
}

export interface LoadedSpeller {
  readonly speller: Speller;
  readonly origin: 'compact' | 'hunspell';
  /** Why the compact file was not used, when it was asked for and not used. */
  readonly fallback?: string;
}

export interface SpellerLoader {
  /** The speller, loaded once; later calls return the same promise. */
  load(): Promise<Speller>;
  /** True once `load()` has been called. */
  readonly started: boolean;
}

/** The directory of this package's package.json, found from this module (src/app/ in a checkout, dist/cli/… when built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

/** The version of the installed package `name`, looked up from `from` as Node resolves packages. */
async function installedVersion(name: string, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (basename(dir) !== 'node_modules' && existsSync(file)) {
      const { version } = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
      return typeof version === 'string' ? version : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** "dictionary-en 4.0.0": what the compact file records for a variety, to tell a stale file. */
async function sourceOf(variety: SpellingVariety, root: string): Promise<string> {
  return `${PACKAGES[variety]} ${(await installedVersion(PACKAGES[variety], root)) ?? 'unknown'}`;
}

async function importDictionary(variety: SpellingVariety): Promise<HunspellDictionary> {
  // Each package reads its .aff and .dic files when imported.
  switch (variety) {
    case 'en-US': return (await import('dictionary-en')).default;
    case 'en-GB': return (await import('dictionary-en-gb')).default;
    case 'en-AU': return (await import('dictionary-en-au')).default;
  }
}

async function loadCompact(file: string, varieties: readonly SpellingVariety[]): Promise<Speller> {
  const [bytes, { parseCompactDictionary }, { compactSpeller }] = await Promise.all([
    readFile(file),
    import('../core/tone/compact-dictionary.js'),
    import('../core/tone/compact-speller.js'),
  ]);
  const dictionary = parseCompactDictionary(bytes);
  const root = packageRoot();
  for (const variety of varieties) {
    const built = dictionary.varieties.find((v) => v.variety === variety)?.source;
    const installed = await sourceOf(variety, root);
    if (built !== installed) throw new Error(`${file} was built from ${built ?? `no ${variety} dictionary`}, but ${installed} is installed`);
  }
  return compactSpeller(dictionary, varieties);
}

async function loadHunspell(varieties: readonly SpellingVariety[]): Promise<Speller> {
  try {
    // nspell too is imported only here, so that commands which never check spelling never load it.
    const [{ spellerFromDictionaries }, dictionaries] = await Promise.all([
      import('../core/tone/dictionary-speller.js'),
      Promise.all(varieties.map(importDictionary)),
    ]);
    return spellerFromDictionaries(dictionaries);
  } catch (error) {
    throw new AppError({ reason: 'speller.unavailable', params: { reason: error instanceof Error ? error.message : String(error) } }, { cause: error });
  }
}

/** Loads the speller of `varieties` and says where it came from: the compact file, or nspell when the file is missing, stale or unreadable. */
export async function loadSpellerWithOrigin(varieties: readonly SpellingVariety[] = SPELLING_VARIETIES, options: SpellerOptions = {}): Promise<LoadedSpeller> {
  if (options.compact === null) return { speller: await loadHunspell(varieties), origin: 'hunspell' };
  let file = options.compact;
  let fallback: string;
  try {
    file ??= join(packageRoot(), COMPACT_DICTIONARY);
    if (existsSync(file)) return { speller: await loadCompact(file, varieties), origin: 'compact' };
    fallback = `no ${file}; "npm run build:dictionary" writes it`;
  } catch (error) {
    fallback = error instanceof Error ? error.message : String(error);
  }
  return { speller: await loadHunspell(varieties), origin: 'hunspell', fallback };
}

/** Loads the dictionaries of `varieties` (default: US, British and Australian English) into one speller. */
export async function loadSpeller(varieties: readonly SpellingVariety[] = SPELLING_VARIETIES, options: SpellerOptions = {}): Promise<Speller> {
  return (await loadSpellerWithOrigin(varieties, options)).speller;
}

/** A lazy, caching loader: nothing is read until `load()` is first called. */
export function createSpellerLoader(varieties: readonly SpellingVariety[] = SPELLING_VARIETIES, options: SpellerOptions = {}): SpellerLoader {
  let pending: Promise<Speller> | undefined;
  return {
    load() {
      pending ??= loadSpeller(varieties, options);
      return pending;
    },
    get started() {
      return pending !== undefined;
    },
  };
}

/**
 * Expands the Hunspell dictionaries of `varieties` and writes the compact file (default:
 * COMPACT_DICTIONARY under the package root), replacing any older one in one step. About a second.
 */
export async function writeCompactDictionary(file?: string, varieties: readonly SpellingVariety[] = SPELLING_VARIETIES): Promise<{ file: string; bytes: number }> {
  const root = packageRoot();
  const target = file ?? join(root, COMPACT_DICTIONARY);
  const [{ expandDictionary }, { formatCompactDictionary }] = await Promise.all([
    import('../core/tone/dictionary-speller.js'),
    import('../core/tone/compact-dictionary.js'),
  ]);
  const sources = [];
  for (const variety of varieties) {
    sources.push({ variety, source: await sourceOf(variety, root), dictionary: expandDictionary(await importDictionary(variety)) });
  }
  const bytes = formatCompactDictionary(sources);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, target);
  return { file: target, bytes: bytes.length };
}
