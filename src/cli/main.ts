/** The CLI: commander commands over the use cases. Returns an exit code; never calls process.exit. */
import { Command, CommanderError } from 'commander';
import { AppError } from '../app/errors.js';
import { registerCheck } from './commands/check.js';
import { registerDraft } from './commands/draft.js';
import { registerAct } from './commands/act.js';
import { registerOffers } from './commands/offers.js';
import { registerAgenda } from './commands/agenda.js';
import { registerFiles } from './commands/files.js';
import { registerPlan } from './commands/plan.js';
import { registerRecords } from './commands/records.js';
import { registerServe } from './commands/serve.js';
import type { CliIo } from './io.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** One line on the terminal: any line break (CR, LF, U+2028…) in a message or a value it quotes becomes a space. */
function singleLine(text: string): string {
  return text.replace(/\s*[\n\r\u0085\u2028\u2029]\s*/g, ' ').trim();
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('afterword')
    .description('Afterword runs your follow-up after every interview: who to thank and by when, when to check in, what to write, when to move on.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's errors as one line like ours, with where to look: a script reads one line per error.
      outputError: (message, write) => write(`afterword: ${singleLine(message).replace(/^error: /, '')} (run afterword --help for usage)\n`),
    })
    .option('--data-dir <dir>', 'where your records live (default: $AFTERWORD_DATA_DIR, else $XDG_DATA_HOME/afterword)')
    .option('--database-url <url>', 'keep records in PostgreSQL instead (default: $DATABASE_URL)');
  registerRecords(program, io);
  registerAgenda(program, io);
  registerAct(program, io);
  registerOffers(program, io);
  registerFiles(program, io);
  registerPlan(program, io);
  registerCheck(program, io);
  registerDraft(program, io);
  registerServe(program, io);
  return program;
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_BAD_INPUT;
    }
    if (error instanceof AppError) {
      io.stderr(`afterword: ${singleLine(error.message)}\n`);
      return error.code === 'internal' ? EXIT_FAILURE : EXIT_BAD_INPUT;
    }
    io.stderr(`afterword: unexpected error: ${singleLine(error instanceof Error ? error.stack ?? error.message : String(error))}\n`);
    return EXIT_FAILURE;
  }
}
