/**
 * The spelling dictionary's loader: the compact file when it is there and matches the installed
 * dictionaries, nspell otherwise; and nothing of it loaded before a check asks.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCompactDictionary } from '../core/tone/compact-dictionary.js';
import { COMPACT_DICTIONARY, createSpellerLoader, loadSpellerWithOrigin, writeCompactDictionary } from './speller.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'afterword-speller-'));
const file = join(dir, 'en-compact.bin');
const WORDS = ['color', 'colour', 'organise', 'arvo', 'Paris', 'paris', 'PARIS', 'recieve', "don\u2019t", '21st', 'interveiw'];

beforeAll(async () => {
  await writeCompactDictionary(file);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSpellerWithOrigin', () => {
  it('loads the compact file, answering as nspell does', async () => {
    const fast = await loadSpellerWithOrigin(undefined, { compact: file });
    const slow = await loadSpellerWithOrigin(undefined, { compact: null });
    expect([fast.origin, slow.origin]).toEqual(['compact', 'hunspell']);
    expect(fast.fallback).toBeUndefined();
    expect(WORDS.map((w) => fast.speller.correct(w))).toEqual(WORDS.map((w) => slow.speller.correct(w)));
    expect(fast.speller.suggest('recieve')[0]).toBe('receive');
  });

  it('loads a subset of the varieties from the same file', async () => {
    const us = await loadSpellerWithOrigin(['en-US'], { compact: file });
    expect(us.origin).toBe('compact');
    expect([us.speller.correct('color'), us.speller.correct('colour')]).toEqual([true, false]);
  });

  it('falls back to nspell, saying why, when the file is missing, damaged or built from other dictionary versions', async () => {
    const missing = await loadSpellerWithOrigin(['en-US'], { compact: join(dir, 'none.bin') });
    expect(missing.origin).toBe('hunspell');
    expect(missing.fallback).toMatch(/none\.bin.*npm run build:dictionary/);
    expect(missing.speller.correct('color')).toBe(true);

    const damaged = join(dir, 'damaged.bin');
    writeFileSync(damaged, readFileSync(file).subarray(0, 1000));
    expect(await loadSpellerWithOrigin(['en-US'], { compact: damaged })).toMatchObject({ origin: 'hunspell', fallback: expect.stringMatching(/truncated or damaged/) as unknown });

    const stale = join(dir, 'stale.bin');
    writeFileSync(stale, formatCompactDictionary([{ variety: 'en-US', source: 'dictionary-en 0.0.1',
      dictionary: { accepted: ['color'], blocked: [], noSuggest: [], compoundMin: 3, compoundRules: [], conversions: [], replacements: [] } }]));
    const r = await loadSpellerWithOrigin(['en-US'], { compact: stale });
    expect(r.origin).toBe('hunspell');
    expect(r.fallback).toMatch(/built from dictionary-en 0\.0\.1, but dictionary-en \d+\.\d+\.\d+ is installed/);
    expect(r.speller.correct('colour')).toBe(false);
  });

  it('looks for the file under the package root by default, wherever it runs from', async () => {
    const expected = join(root, COMPACT_DICTIONARY);
    const r = await loadSpellerWithOrigin(['en-US']);
    if (existsSync(expected)) expect(r).toMatchObject({ origin: 'compact' });
    else expect(r.fallback).toContain(expected);
  });
});

describe('the spelling loader is lazy', () => {
  it('reads nothing until asked, then loads once and caches', async () => {
    const loader = createSpellerLoader(['en-US'], { compact: file });
    expect(loader.started).toBe(false);
    const first = loader.load();
    expect(loader.started).toBe(true);
    expect(loader.load()).toBe(first);
    expect((await first).correct('color')).toBe(true);
  });

  it('only app/speller.ts loads nspell, the dictionaries or the compact speller, and only by dynamic import()', () => {
    // A static import would load them with every command (`afterword today` too); import() waits for a check.
    const heavy = /^(?:nspell|dictionary-en(?:-gb|-au)?|.*\/(?:dictionary-speller|compact-speller|compact-dictionary)\.js)$/;
    const sourceFiles = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sourceFiles(join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(d, e.name)] : []);
    const offenders: string[] = [];
    for (const path of sourceFiles(join(root, 'src'))) {
      const name = relative(root, path);
      if (/^src\/core\/tone\/(?:dictionary-speller|compact-speller|compact-dictionary)\.ts$/.test(name)) continue;
      const source = readFileSync(path, 'utf8');
      for (const m of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
        if (heavy.test(m[1] ?? '')) offenders.push(`${name}: ${m[1] ?? ''}`);
      }
      if (name !== 'src/app/speller.ts' && /import\(\s*'(?:nspell|dictionary-en[^']*|[^']*\/(?:dictionary-speller|compact-speller|compact-dictionary)\.js)'\s*\)/.test(source)) {
        offenders.push(`${name}: import() outside app/speller.ts`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
