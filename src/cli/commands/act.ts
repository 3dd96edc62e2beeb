/** Acting: `afterword sent`, `log-call`, `close`. */
import { Option, type Command } from 'commander';
import { closeApplication, closingAgain, statusWords } from '../../app/act.js';
import { AppError } from '../../app/errors.js';
import { APPLICATION_STATUSES, CHANNELS, OUTCOMES } from '../../core/model.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { naming } from '../naming.js';
import { touchInput, TOUCH_FLAGS } from './records.js';
import { confirmFuture, record } from './touch-guards.js';
import { readInput } from './read-input.js';

interface SentOptions { person?: string; reference?: string; kind?: string; channel?: string; at?: string; text?: string; textFile?: string; yes?: boolean; confirmCompany?: boolean; json?: boolean }
interface CallOptions { person?: string; outcome?: string; at?: string; newDecisionBy?: string; notes?: string; yes?: boolean; json?: boolean }

export function registerAct(program: Command, io: CliIo): void {
  program.command('sent')
    .description('Record that you sent something: a thank-you, a status check, an update, a reply or a reference brief.')
    .argument('<application>', 'application id')
    .option('--person <id>', 'to whom (required for a thank-you and a status check)').option('--reference <id>', 'for a reference brief')
    .addOption(new Option('--kind <kind>').choices(['thank_you', 'status_check', 'update', 'reply', 'reference_brief']).default('thank_you'))
    .addOption(new Option('--channel <channel>').choices(CHANNELS).default('email'))
    .option('--at <date-time>', 'when (default: now)')
    .option('--text <text>', 'what you sent (checked for the wrong company, L8)')
    .option('--text-file <file>', 'read what you sent from a file')
    .option('--yes', 'record an early status check (P2) or a future --at without asking')
    .option('--confirm-company', 'record a text that names another application\'s company (L8)')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword sent a1 --person p1                      # the thank-you went out now, by email
  $ afterword sent a1 --person p1 --kind status_check --at 2026-03-10T09:30`)
    .action(async (application: string, opts: SentOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const text = opts.textFile !== undefined ? readInput(io, opts.textFile, '--text-file') : opts.text;
      const input = await touchInput(io, deps, {
        kind: opts.kind ?? 'thank_you', channel: opts.channel ?? 'email', outcome: 'sent',
        ...(opts.person !== undefined ? { person: opts.person } : {}), ...(opts.reference !== undefined ? { reference: opts.reference } : {}),
        ...(opts.at !== undefined ? { at: opts.at } : {}), ...(text !== undefined ? { text } : {}),
      });
      const flags = opts.textFile !== undefined ? { ...TOUCH_FLAGS, text: '--text-file' } : TOUCH_FLAGS;
      const confirmed = await confirmFuture(io, deps, input, opts.yes);
      await naming(flags, () => record(io, deps, application, confirmed, opts, `Recorded: ${String(input['kind']).replace('_', ' ')} sent`));
    }));

  program.command('log-call')
    .description('Record a follow-up call and what came of it; the plan follows (F6).')
    .argument('<application>', 'application id')
    .option('--person <id>', 'whom you called (required)')
    .addOption(new Option('--outcome <outcome>').choices(OUTCOMES.filter((o) => o !== 'sent')).makeOptionMandatory())
    .option('--at <date-time>', 'when (default: now)')
    .option('--new-decision-by <YYYY-MM-DD>', 'the date they now expect to decide')
    .option('--notes <text>', 'what was said')
    .option('--yes', 'record an early call (P2) or a future --at without asking')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword log-call a1 --person p1 --outcome not_decided --new-decision-by 2026-03-20
  $ afterword log-call a1 --person p1 --outcome voicemail`)
    .action(async (application: string, opts: CallOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const input = await touchInput(io, deps, {
        kind: opts.outcome === 'voicemail' ? 'voicemail' : 'call', channel: 'phone', outcome: opts.outcome ?? 'no_answer',
        ...(opts.person !== undefined ? { person: opts.person } : {}), ...(opts.at !== undefined ? { at: opts.at } : {}),
        ...(opts.newDecisionBy !== undefined ? { newDecisionBy: opts.newDecisionBy } : {}), ...(opts.notes !== undefined ? { text: opts.notes } : {}),
      });
      const confirmed = await confirmFuture(io, deps, input, opts.yes);
      await naming({ ...TOUCH_FLAGS, text: '--notes' }, () => record(io, deps, application, confirmed, { ...opts, confirmCompany: true }, `Recorded: call, ${String(input['outcome']).replace('_', ' ')}`));
    }));

  program.command('close')
    .description('Close an application with its outcome; its history is kept.')
    .argument('<application>', 'application id')
    .addOption(new Option('--as <status>', 'the outcome').choices(APPLICATION_STATUSES.filter((s) => s !== 'active')).makeOptionMandatory())
    .option('--yes', 'change the outcome of an application already closed without asking')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword close a1 --as no_response')
    .action(async (application: string, opts: { as: string; yes?: boolean; json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const status = opts.as as (typeof APPLICATION_STATUSES)[number];
      const again = status === 'active' ? undefined : await closingAgain(deps, application, status);
      if (again && !opts.yes) {
        const already = `${again.company} \u2014 ${again.role} is already closed as ${statusWords(again.current)}.`;
        if (io.interactive && io.prompt) {
          io.stderr(`${already}\n`);
          if (!(await io.prompt.confirm(`Change it to ${statusWords(status)}?`))) throw new AppError({ reason: 'close.kept', params: { current: statusWords(again.current) } }, { at: '--as' });
        } else {
          throw new AppError({ reason: 'close.needs_yes', params: { already, status: statusWords(status) } }, { at: '--as' });
        }
      }
      const saved = await closeApplication(deps, application, status, { reclose: again !== undefined });
      if (opts.json) printJson(io, { applicationId: saved.application.id, status: saved.application.status });
      else io.stdout(`Closed ${saved.application.company} \u2014 ${saved.application.role} as ${saved.application.status.replace('_', ' ')}. History kept.\n`);
    }));
}
