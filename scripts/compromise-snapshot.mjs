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
 * And it freezes the post-tagger's ≈ 570 match patterns as parsed (`sweep/methods/buildNet/01-parse.js`):
 * parsing them took ≈ 30 ms of every first draft. The module's parse returns the frozen result when it
 * is given exactly those patterns (their texts compared one by one), and parses anything else itself.
 * test/build/compromise-snapshot.test.ts checks that both bundles tag the debrief corpus alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MODEL = /compromise[\\/]src[\\/]2-two[\\/]preTagger[\\/]model[\\/]index\.js$/;
const PARSE = /compromise[\\/]src[\\/]1-one[\\/]sweep[\\/]methods[\\/]buildNet[\\/]01-parse\.js$/;

/** JSON with what compromise's parsed match patterns hold besides plain data: sets, regular expressions, infinities. */
function freezeValue(_key, value) {
  if (value instanceof Set) return { $set: [...value] };
  if (value instanceof RegExp) return { $re: [value.source, value.flags] };
  if (value === Infinity) return { $inf: 1 };
  return value;
}

/** The reviver of what freezeValue wrote (written into the bundle as source, so kept self-contained). */
const THAW = `function thaw(_key, v) {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    if (v.$set !== undefined) return new Set(v.$set)
    if (v.$re !== undefined) return new RegExp(v.$re[0], v.$re[1])
    if (v.$inf !== undefined) return Infinity
  }
  return v
}`;
const EXTEND = /compromise[\\/]src[\\/]API[\\/]extend\.js$/;
/** `Object.assign(model, { [key]: value })` in compromise's mergeDeep, as a plain assignment. */
const ASSIGN_ONE = /Object\.assign\((\w+), \{ \[(\w+)\]: (\{\}|[^{}]+?) \}\)/g;

/** compromise's second level bundled to a file of its own and loaded: a copy no earlier tagging in this process has touched. */
async function pristineCompromise(esbuild, resolveDir) {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-compromise-snapshot-'));
  try {
    const outfile = join(dir, 'two.mjs');
    await esbuild.build({
      stdin: { contents: "export { default } from 'compromise/two';", resolveDir, loader: 'js' },
      bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent',
    });
    return (await import(pathToFileURL(outfile).href)).default;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
      // The post-tagger's ≈ 570 match patterns, parsed once here instead of at every first draft
      // (≈ 30 ms): the module's parse returns the frozen result when given exactly those patterns.
      build.onLoad({ filter: PARSE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!/\nexport default parse\s*$/.test(source)) throw new Error(`compromise-snapshot: ${args.path} no longer ends with "export default parse"; compromise changed, check the plugin`);
        // A copy of compromise of its own: the first tagging in a process parses compromise's pattern
        // objects in place ("notIf" becomes a parsed list), so a compromise this process has used cannot say what they were.
        const world = (await pristineCompromise(build.esbuild, dirname(args.path))).world();
        const matches = world.model.two.matches.map((m) => ({ ...m }));
        world.methods.one.buildNet(matches, world);
        const parsed = JSON.stringify(matches.map((m) => ({
          match: m.match, regs: m.regs, ifNo: m.ifNo, notIf: m.notIf, needs: m.needs, wants: m.wants, minWant: m.minWant, minWords: m.minWords,
        })), freezeValue);
        const contents = `${source.replace(/\nexport default parse\s*$/, '\n')}
// Generated at build time by scripts/compromise-snapshot.mjs: the post-tagger's patterns, parsed.
${THAW}
let frozen
const frozenParse = function (matches, world) {
  // Other pattern lists (a match of one's own) are parsed as they come, without reading the frozen ones.
  if (matches.length !== ${matches.length}) return parse(matches, world)
  frozen = frozen || JSON.parse(${JSON.stringify(parsed)}, thaw)
  if (!matches.every((m, i) => m.match === frozen[i].match)) return parse(matches, world)
  matches.forEach((obj, i) => {
    const f = frozen[i]
    obj.regs = f.regs
    if (f.ifNo !== undefined) obj.ifNo = f.ifNo
    if (f.notIf !== undefined) obj.notIf = f.notIf
    obj.needs = f.needs
    obj.wants = f.wants
    obj.minWant = f.minWant
    obj.minWords = f.minWords
  })
  return matches
}
export default frozenParse
`;
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
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
