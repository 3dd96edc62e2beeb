/**
 * `npm test`: runs each suite given as an argument (a shell command), one after the other, every
 * one of them even when an earlier one fails, then prints which failed and exits non-zero if any did.
 *
 *   node scripts/run-all.mjs "vitest run" "npm run test:core-tz" "npm run test:api-pg"
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

// Every vitest run writes its failed tests here (test/failure-list.ts); they are listed at the end.
mkdirSync('tmp', { recursive: true });
const failureList = join(process.cwd(), 'tmp', 'test-failures.txt');
rmSync(failureList, { force: true });

const suites = process.argv.slice(2);
const failed = [];
for (const command of suites) {
  const started = Date.now();
  const result = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, AFTERWORD_FAILURE_LIST: failureList },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const status = result.status ?? 1;
  process.stdout.write(`\n== ${command}: ${status === 0 ? 'passed' : `FAILED (exit ${status}${result.signal ? `, ${result.signal}` : ''})`} in ${seconds} s\n`);
  if (status !== 0) failed.push(command);
}
if (failed.length > 0) {
  let listed = '';
  try {
    listed = readFileSync(failureList, 'utf8').trim();
  } catch {
    // no vitest run wrote a failure (e.g. a suite failed before its tests ran)
  }
  if (listed !== '') {
    const lines = listed.split('\n');
    const shown = lines.slice(0, 40).join('\n');
    const more = lines.length > 40 ? `\n… and ${lines.length - 40} more` : '';
    process.stdout.write(`\nfailed tests:\n${shown}${more}\n`);
  }
  process.stdout.write(`\n${failed.length} of ${suites.length} suites failed: ${failed.join('; ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`\nall ${suites.length} suites passed\n`);
}
