/**
 * `npm run bench`: runs every `bench/*.bench.ts`, one after the other, each in its own Node process
 * (`node --import tsx`), with their output passed straight through. Exits 1 only when a bench
 * crashes (a non-zero exit or a signal); a bench that misses its target reports it and exits 0.
 *
 *   npm run bench                                    every bench
 *   npm run bench -- plan tone                       the benches whose file name contains a word
 *   npm run bench -- plan -- --sizes 1000,10000      … and arguments for them, after a second `--`
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);

function main(argv: readonly string[]): number {
  const split = argv.indexOf('--');
  const words = split < 0 ? argv : argv.slice(0, split);
  const passOn = split < 0 ? [] : argv.slice(split + 1);
  const benches = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts') && (words.length === 0 || words.some((w) => f.includes(w))))
    .sort();
  if (benches.length === 0) {
    console.log(`no bench in bench/ matches ${words.join(', ') || '*.bench.ts'}`);
    return 0;
  }
  const crashed: string[] = [];
  for (const file of benches) {
    console.log(`\n== bench/${file}`);
    const started = performance.now();
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file), ...passOn], { cwd: ROOT, stdio: 'inherit' });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (res.error || res.status !== 0) {
      const why = res.error ? res.error.message : res.signal ? `killed by ${res.signal}` : `exit code ${String(res.status)}`;
      console.log(`== bench/${file} crashed (${why}) after ${seconds} s`);
      crashed.push(file);
    } else {
      console.log(`== bench/${file} done in ${seconds} s`);
    }
  }
  if (crashed.length > 0) console.log(`\n${crashed.length} of ${benches.length} benches crashed: ${crashed.join(', ')}`);
  return crashed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
