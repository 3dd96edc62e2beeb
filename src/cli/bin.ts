/** Process entry point: wires the real IO and exits with the CLI's code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './main.js';
import { clackPrompter } from './prompter.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (path) => (path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8')),
  writeFile: (path, data) => writeFileSync(path, data),
  now: () => Date.now(),
  env: process.env,
  interactive: process.stdin.isTTY && process.stdout.isTTY,
  prompt: clackPrompter,
  hostTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});
process.exitCode = code;
