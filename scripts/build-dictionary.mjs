/**
 * Writes the compact spelling dictionary (`npm run build:dictionary`, part of `npm run build`):
 * every form dictionary-en, dictionary-en-gb and dictionary-en-au accept, expanded once with nspell,
 * into dist/dictionary/en-compact.bin, which src/app/speller.ts loads in ≈ 15–30 ms instead of
 * parsing the Hunspell files (≈ 300 ms). Runs under tsx, for the TypeScript modules it calls.
 *
 *   npm run build:dictionary                     the default file
 *   npm run build:dictionary -- --out FILE       somewhere else
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { writeCompactDictionary } from '../src/app/speller.ts';

const at = process.argv.indexOf('--out');
const out = at === -1 ? undefined : process.argv[at + 1];
const started = performance.now();
const { file, bytes } = await writeCompactDictionary(out);
process.stdout.write(`spelling dictionary: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
