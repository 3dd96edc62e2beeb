/**
 * Builds the CLI (`npm run build:cli`): src/cli/bin.ts (and the import's reading thread,
 * src/cli/import-reader.ts) and everything they import bundled by esbuild
 * into dist/cli/bin.js and its chunks (one file per lazily loaded command or package), because
 * loading hundreds of separate modules took ≈ 0.35 s of every command. Packages that find files of
 * their own beside their code (PGlite's wasm, the dictionaries) or are large and rarely used stay
 * in node_modules. compromise's lexicon is built at build time (scripts/compromise-snapshot.mjs).
 * Type checking is `npm run typecheck`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compromiseSnapshot } from './compromise-snapshot.mjs';
import { CLI_EXTERNAL, externalFiles } from './external-files.mjs';
import { zodEnglishOnly } from './zod-english.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'cli');

/** Loaded from node_modules at run time, not bundled. */
const EXTERNAL = CLI_EXTERNAL;

// Everything in dist/ but the web UI (npm run build:web) and the spelling dictionary (npm run
// build:dictionary) is ours: stale modules of an earlier build go too.
const OTHERS = new Set(['web', 'dictionary']);
if (existsSync(DIST)) for (const entry of readdirSync(DIST)) if (!OTHERS.has(entry)) rmSync(join(DIST, entry), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  // The import's reading thread (src/cli/import-reader.ts) is an entry of its own beside bin.js.
  entryPoints: { bin: 'src/cli/bin.ts', 'import-reader': 'src/cli/import-reader.ts' },
  outdir: OUT,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  sourcemap: true,
  // Bundled CommonJS packages call require(): give them Node's, as in their own modules.
  banner: { js: "import { createRequire as __afterwordRequire } from 'node:module'; const require = __afterwordRequire(import.meta.url);" },
  logLevel: 'warning',
  // compromise's lexicon, built once here instead of at every start (scripts/compromise-snapshot.mjs).
  // A bundled ES module's import of a folder of an external package gets its file (mailparser's of
  // nodemailer/lib/addressparser), which Node resolves at run time.
  // zod's message locales but English left out (scripts/zod-english.mjs).
  plugins: [compromiseSnapshot(), zodEnglishOnly(), externalFiles(ROOT, EXTERNAL)],
  metafile: process.argv.includes('--meta'),
});
if (result.metafile) {
  const { analyzeMetafile } = await import('esbuild');
  process.stdout.write(await analyzeMetafile(result.metafile));
}
