/**
 * An esbuild plugin for packages left outside a bundle (`external`): a bundled ES module that
 * imports a folder of one of them ("nodemailer/lib/addressparser", as mailparser's ES build does)
 * gets the folder's file ("nodemailer/lib/addressparser/index.js"). Node resolves a folder only for
 * require(); an ES module's `import` of a folder fails when the chunk loads
 * (ERR_UNSUPPORTED_DIR_IMPORT). Paths the package maps in its own "exports" are left to Node.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The packages every bundle of the CLI (dist/cli, the cluster test's, the server bench's) leaves outside. */
export const CLI_EXTERNAL = [
  '@electric-sql/pglite', // finds pglite.wasm and pglite.data beside its own module
  'pg', 'pg-native', // PostgreSQL only, loaded when a URL is set
  'dictionary-en', 'dictionary-en-gb', 'dictionary-en-au', 'nspell', // the fallback speller; the dictionaries read their files beside their module
  'exceljs', 'nodemailer', // large, for exports and drafts only
];

/** @param {string} root the project folder (its node_modules holds the packages) @param {readonly string[]} packages */
export function externalFiles(root, packages) {
  const escaped = packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'external-files',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:${escaped.join('|')})/`) }, (args) => {
        const name = packages.find((p) => args.path.startsWith(`${p}/`));
        if (name === undefined) return undefined;
        const folder = join(root, 'node_modules', name);
        const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
        if (manifest.exports !== undefined) return { path: args.path, external: true };
        const sub = args.path.slice(name.length + 1);
        const target = join(folder, sub);
        if (existsSync(target) && statSync(target).isDirectory() && existsSync(join(target, 'index.js'))) return { path: `${args.path}/index.js`, external: true };
        if (!existsSync(target) && existsSync(`${target}.js`)) return { path: `${args.path}.js`, external: true };
        return { path: args.path, external: true };
      });
    },
  };
}
