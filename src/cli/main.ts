/** The CLI: commander commands over the use cases. Returns an exit code; never calls process.exit. */
import { Command, CommanderError } from 'commander';
import { AppError } from '../app/errors.js';
import type { CliIo } from './io.js';
import { singleLine, unexpectedWords } from './render/unexpected.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;


type Register = (program: Command, io: CliIo) => void;

/** The command modules in help order, each with the top-level commands it adds: a run loads only its command's module. */
const COMMAND_MODULES: readonly { readonly commands: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { commands: ['setup', 'add'], load: async () => (await import('./commands/records.js')).registerRecords },
  { commands: ['edit'], load: async () => (await import('./commands/details.js')).registerEdit },
  { commands: ['today', 'week', 'show', 'pipeline'], load: async () => (await import('./commands/agenda.js')).registerAgenda },
  { commands: ['sent', 'log-call', 'close'], load: async () => (await import('./commands/act.js')).registerAct },
  { commands: ['flag', 'flags', 'offer', 'criteria', 'rate', 'compare'], load: async () => (await import('./commands/offers.js')).registerOffers },
  { commands: ['export', 'import', 'backup', 'restore'], load: async () => (await import('./commands/files.js')).registerFiles },
  { commands: ['plan'], load: async () => (await import('./commands/plan.js')).registerPlan },
  { commands: ['check'], load: async () => (await import('./commands/check.js')).registerCheck },
  { commands: ['draft'], load: async () => (await import('./commands/draft.js')).registerDraft },
  { commands: ['reply'], load: async () => (await import('./commands/reply.js')).registerReply },
  { commands: ['mail'], load: async () => (await import('./commands/mail.js')).registerMail },
  { commands: ['backups'], load: async () => (await import('./commands/backups.js')).registerBackups },
  { commands: ['doctor'], load: async () => (await import('./commands/doctor.js')).registerDoctor },
  { commands: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  { commands: ['admin'], load: async () => (await import('./commands/admin.js')).registerAdmin },
];

/** The program's options that take a value in the next argument. */
const GLOBAL_VALUE_OPTIONS = new Set(['--data-dir', '--database-url', '--direct-database-url']);

/** The command `argv` names (its first word that is neither an option nor a global option's value), if any. */
export function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return undefined;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The program with the command `argv` names, or with every command (help, a mistyped command…). */
export async function buildProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const name = argv === undefined ? undefined : commandName(argv);
  const one = COMMAND_MODULES.find((m) => name !== undefined && m.commands.includes(name));
  const registers = await Promise.all((one ? [one] : COMMAND_MODULES).map((m) => m.load()));
  const program = baseProgram(io);
  for (const register of registers) register(program, io);
  return program;
}

function baseProgram(io: CliIo): Command {
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
    .option('--database-url <url>', 'keep records in PostgreSQL instead (default: $DATABASE_URL)')
    .option('--direct-database-url <url>', 'PostgreSQL itself when --database-url is a connection pooler in transaction mode such as PgBouncer: migrations and the sign-out notices use it (default: $DIRECT_DATABASE_URL)');
  return program;
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const program = await buildProgram(io, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_BAD_INPUT;
    }
    if (error instanceof AppError) {
      if (error.fault) {
        // Loaded only here: every run loads this module.
        const { renderFault } = await import('./render/storage.js');
        io.stderr(renderFault(error.fault, io.now(), io.hostTimeZone ?? 'UTC'));
        return EXIT_FAILURE;
      }
      io.stderr(`afterword: ${singleLine(error.message)}\n`);
      return error.code === 'internal' || error.code === 'unavailable' ? EXIT_FAILURE : EXIT_BAD_INPUT;
    }
    io.stderr(`afterword: unexpected error: ${unexpectedWords(error, io.env?.['AFTERWORD_DEBUG'] === '1')}\n`);
    return EXIT_FAILURE;
  }
}
