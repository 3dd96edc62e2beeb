/**
 * How the CLI starts the worker thread that reads an import's file (app/exchange/import/thread.ts):
 * it runs import-reader beside the entry module (bin), dist/cli/import-reader.js when built, or
 * src/cli/import-reader.ts from the sources (`npm run afterword`, tests), through tsx as the
 * process itself does (a worker thread does not take the process's --import).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StartReader } from '../app/exchange/import/thread.js';

/**
 * tsx's ES module API (its `register`), found from `entry` as Node would import it: the package's
 * own exports name the file (a require-style lookup finds its CommonJS twin).
 */
function tsxApi(entry: string): string {
  const manifest = createRequire(entry).resolve('tsx/package.json');
  const exports: unknown = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }).exports;
  const api: unknown = typeof exports === 'object' && exports !== null ? Reflect.get(exports, './esm/api') : undefined;
  const esm: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, 'import') : undefined;
  const file: unknown = typeof esm === 'object' && esm !== null ? Reflect.get(esm, 'default') : undefined;
  if (typeof file !== 'string') throw new Error('tsx/package.json does not name its ES module API (exports["./esm/api"].import)');
  return pathToFileURL(join(dirname(manifest), file)).href;
}

/**
 * The reading thread's starter, its module beside `entry` (the URL of the process's entry module:
 * bundled code has no folder of its own to go by), or undefined when the module is not there (the
 * file is then read on the main thread).
 */
export function importReaderThread(entry: string): StartReader | undefined {
  const self = fileURLToPath(entry);
  const module = new URL(`./import-reader${extname(self)}`, entry);
  if (!existsSync(module)) return undefined;
  if (!self.endsWith('.ts')) return (workerData) => new Worker(module, { workerData });
  const tsx = tsxApi(entry);
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return (workerData) => new Worker(boot, { eval: true, workerData });
}
