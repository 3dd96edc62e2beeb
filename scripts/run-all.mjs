/**
 * `npm test`: runs each suite given as an argument (a shell command), one after the other, every
 * one of them even when an earlier one fails, then prints which failed and exits non-zero if any did.
 *
 *   node scripts/run-all.mjs "vitest run" "npm run test:core-tz" "npm run test:api-pg"
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const suites = process.argv.slice(2);
const failed = [];
for (const command of suites) {
  const started = Date.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const status = result.status ?? 1;
  process.stdout.write(`\n== ${command}: ${status === 0 ? 'passed' : `FAILED (exit ${status}${result.signal ? `, ${result.signal}` : ''})`} in ${seconds} s\n`);
  if (status !== 0) failed.push(command);
}
if (failed.length > 0) {
  process.stdout.write(`\n${failed.length} of ${suites.length} suites failed: ${failed.join('; ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`\nall ${suites.length} suites passed\n`);
}
