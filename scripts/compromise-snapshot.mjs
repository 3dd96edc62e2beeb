/**
 * An esbuild plugin for the CLI bundle: compromise builds its English lexicon (≈ 25,000 words,
 * with every verb conjugated and every noun pluralised) each time it is imported, which was most of
 * the ≈ 0.4 s it took to load. The plugin runs that construction once, at build time, and bundles
 * its result as data: the module `2-two/preTagger/model/index.js` becomes the same model object read
 * from JSON. Only the JSON-safe parts that the construction computes are frozen (the lexicon, the
 * multi-word cache, the ambiguous "switch" words, the uncountable nouns); patterns, regular
 * expressions and conjugation models still come from compromise's own modules.
 *
 * It also rewrites one statement shape in compromise's `API/extend.js`: `mergeDeep` copied each of
 * the lexicon's keys with `Object.assign(model, { [key]: value })`, a new object per key, which cost
 * ≈ 30 ms of every first load (`npm run bench -- drafts`, cold row). The plugin writes the same
 * assignment as `model[key] = value`: Object.assign sets own properties with [[Set]], so on these
 * plain objects the result is the same.
 * test/build/compromise-snapshot.test.ts checks that both bundles tag the debrief corpus alike.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const MODEL = /compromise[\\/]src[\\/]2-two[\\/]preTagger[\\/]model[\\/]index\.js$/;
const EXTEND = /compromise[\\/]src[\\/]API[\\/]extend\.js$/;
/** `Object.assign(model, { [key]: value })` in compromise's mergeDeep, as a plain assignment. */
const ASSIGN_ONE = /Object\.assign\((\w+), \{ \[(\w+)\]: (\{\}|[^{}]+?) \}\)/g;

/** The plugin: the model module esbuild is about to bundle is run here, and its result bundled as data. */
export function compromiseSnapshot() {
  return {
    name: 'compromise-snapshot',
    setup(build) {
      build.onLoad({ filter: EXTEND }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const rewritten = source.replace(ASSIGN_ONE, '$1[$2] = $3');
        if (rewritten === source) throw new Error(`compromise-snapshot: no Object.assign to rewrite in ${args.path}; compromise changed, check the plugin`);
        return { contents: rewritten, loader: 'js', resolveDir: dirname(args.path) };
      });
      let contents;
      build.onLoad({ filter: MODEL }, async (args) => {
        if (contents === undefined) {
          const { default: model } = await import(pathToFileURL(args.path).href);
          const frozen = JSON.stringify({
            lexicon: model.one.lexicon, multi: model.one._multiCache, switches: model.two.switches, uncountable: model.two.uncountable,
          });
          contents = `// Generated at build time by scripts/compromise-snapshot.mjs from compromise's own model/index.js.
import irregularPlurals from './irregulars/plurals.js'
import frozenLex from './lexicon/frozenLex.js'
import clues from './clues/index.js'
import suffixPatterns from './patterns/suffixes.js'
import prefixPatterns from './patterns/prefixes.js'
import endsWith from './patterns/endsWith.js'
import neighbours from './patterns/neighbours.js'
import models from './models/index.js'
import regexNormal from './regex/regex-normal.js'
import regexText from './regex/regex-text.js'
import regexNumbers from './regex/regex-numbers.js'
import orgWords from './orgWords.js'
import placeWords from './placeWords.js'
const frozen = JSON.parse(${JSON.stringify(frozen)})
export default {
  one: { _multiCache: frozen.multi, lexicon: frozen.lexicon, frozenLex },
  two: {
    irregularPlurals, models, suffixPatterns, prefixPatterns, endsWith, neighbours, regexNormal, regexText, regexNumbers,
    switches: frozen.switches, clues, uncountable: frozen.uncountable, orgWords, placeWords,
  },
}
`;
        }
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
