/**
 * How V8 runs regular expressions in a command that drafts or checks words.
 *
 * V8 first runs a regular expression in its bytecode interpreter and compiles it to machine code
 * only once it has run ("tier-up"). The tone check's rules are long alternations (up to 1,600
 * characters) that look behind at every position of a note, and the interpreter took about 45 ms
 * over the first note of a process where compiling them at once took about 10 ms (measured with
 * bench/drafts.bench.ts, "cold, built"). Commands whose work is the language layer and the check
 * compile every expression at once; the others (`today` runs few expressions, once) keep V8's default.
 */
import { setFlagsFromString } from 'node:v8';

/** Commands whose first work is drafting or checking words (the web server drafts too). */
const LANGUAGE_COMMANDS: ReadonlySet<string> = new Set(['draft', 'check', 'reply', 'serve']);

/** Compiles regular expressions at once for the rest of this process when `command` drafts or checks words. */
export function compileRegExpsForLanguage(command: string | undefined): void {
  if (command !== undefined && LANGUAGE_COMMANDS.has(command)) setFlagsFromString('--no-regexp-tier-up');
}
