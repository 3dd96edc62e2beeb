/** Process entry point: wires the real IO and exits with the CLI's code. */
import { readFileSync } from 'node:fs';
import { runCli } from './main.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (path) => (path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8')),
  now: () => Date.now(),
});
process.exitCode = code;
