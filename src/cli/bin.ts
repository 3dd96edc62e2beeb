/** Process entry point: wires the real IO and exits with the CLI's code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { commandName, runCli } from './main.js';
import { clackPrompter } from './prompter.js';
import { importReaderThread } from './reader-thread.js';
import { compileRegExpsForLanguage } from './regexps.js';

/**
 * A reader that left (`afterword pipeline --json | head`) closes the pipe: the rest of the output
 * has nobody to read it, so it is dropped quietly and the command ends as it would have (its
 * writes finished, the database closed), instead of dying on EPIPE.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

compileRegExpsForLanguage(commandName(process.argv.slice(2)));
const importReader = importReaderThread(import.meta.url);

const code = await runCli(process.argv.slice(2), {
  stdout: quietOnClosedPipe(process.stdout),
  stderr: quietOnClosedPipe(process.stderr),
  readFile: (path) => (path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8')),
  writeFile: (path, data) => writeFileSync(path, data),
  now: () => Date.now(),
  env: process.env,
  interactive: process.stdin.isTTY && process.stdout.isTTY,
  prompt: clackPrompter,
  hostTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  ...(importReader ? { importReader } : {}),
});
process.exitCode = code;
