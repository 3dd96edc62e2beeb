/** Acting: `afterword sent`, `log-call`, `close`. */
import { Option, type Command } from 'commander';
import { closeApplication, closingAgain, isFuture, logTouch, momentInWords, statusWords, type Guard } from '../../app/act.js';
import { AppError } from '../../app/errors.js';
import { getProfile, type AppDeps } from '../../app/records.js';
import { recommendationToJson } from '../../core/rules/output.js';
import { parseInstant } from '../../core/time.js';
import { APPLICATION_STATUSES, CHANNELS, OUTCOMES } from '../../core/model.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { naming } from '../naming.js';
import { renderNext, when } from '../render/agenda.js';
import { touchInput, TOUCH_FLAGS } from './records.js';
import { readInput } from './read-input.js';

function guardLine(g: Guard, deps: AppDeps, userZone: string): string {
  if (g.rule === 'P2') {
    const rec = g.recommendation;
    return `P2: this is early. The earliest advised moment is ${when(deps.time, rec.timeZone, g.earliest, userZone)} (${rec.rules.filter((r) => r !== 'P2').join(', ')}); checking in sooner can look pushy.`;
  }
  return `L8: ${g.findings.map((f) => f.message).join(' ')}`;
}

/**
 * An `--at` later than now (by more than a few minutes) is asked about on a terminal, naming the
 * date in words; off a terminal it needs --yes. Returns the input marked as intended, or as it was.
 */
async function confirmFuture(io: CliIo, deps: AppDeps, input: Record<string, unknown>, yes: boolean | undefined): Promise<Record<string, unknown>> {
  const profile = await getProfile(deps);
  if (!profile || typeof input['at'] !== 'string') return input;
  const zone = deps.time.zone(profile.settings.timeZone);
  const at = parseInstant(input['at'], zone);
  if (at === null || !isFuture(deps.clock.now(), at)) return input;
  const words = momentInWords(zone, profile.settings.region, at);
  if (!yes) {
    if (io.interactive && io.prompt) {
      io.stderr(`--at: ${words} is in the future.\n`);
      if (!(await io.prompt.confirm(`Record it as done on ${words}?`))) throw new AppError('bad_input', '--at: not recorded; give the date and time it happened');
    } else {
      throw new AppError('bad_input', `--at: ${words} is in the future. Not recorded; fix --at to when it happened, or pass --yes if the date is meant.`);
    }
  }
  return { ...input, futureIntended: true };
}

/** Records a touch, asking on a terminal about each guard; without a terminal, a guard is an error unless confirmed by flag. */
async function record(io: CliIo, deps: AppDeps, application: string, input: Record<string, unknown>, flags: { yes?: boolean; confirmCompany?: boolean; json?: boolean }, done: string): Promise<void> {
  const confirmed = new Set<Guard['rule']>();
  if (flags.yes) confirmed.add('P2');
  if (flags.confirmCompany) confirmed.add('L8');
  for (let round = 0; round < 3; round++) {
    const result = await logTouch(deps, application, input, confirmed);
    if (result.ok) {
      if (flags.json) {
        const recorded = { ...input };
        delete recorded['futureIntended'];
        printJson(io, { recorded, next: result.saved.next ? recommendationToJson(result.saved.next, deps.time) : null });
      } else {
        io.stdout(`${done} (${result.saved.application.company}).\n`);
        if (result.saved.next) io.stdout(`Next: ${renderNext(result.saved.next, result.saved.application, deps.time, result.profile.settings.timeZone).line}\n`);
      }
      return;
    }
    const userZone = (await getProfile(deps))?.settings.timeZone ?? 'UTC';
    for (const g of result.guards) {
      const line = guardLine(g, deps, userZone);
      if (io.interactive && io.prompt) {
        io.stderr(`${line}\n`);
        if (!(await io.prompt.confirm(g.rule === 'P2' ? 'Record it anyway?' : 'Record it anyway (the company names are right)?'))) {
          throw new AppError('bad_input', `not recorded (${g.rule})`);
        }
        confirmed.add(g.rule);
      } else {
        const flag = g.rule === 'P2' ? '--yes' : '--confirm-company';
        throw new AppError('bad_input', `${line} Not recorded; pass ${flag} to record it anyway.`);
      }
    }
  }
}

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
          if (!(await io.prompt.confirm(`Change it to ${statusWords(status)}?`))) throw new AppError('bad_input', `--as: not changed; it stays ${statusWords(again.current)}`);
        } else {
          throw new AppError('bad_input', `--as: ${already} Not changed; pass --yes to change it to ${statusWords(status)}.`);
        }
      }
      const saved = await closeApplication(deps, application, status, { reclose: again !== undefined });
      if (opts.json) printJson(io, { applicationId: saved.application.id, status: saved.application.status });
      else io.stdout(`Closed ${saved.application.company} \u2014 ${saved.application.role} as ${saved.application.status.replace('_', ' ')}. History kept.\n`);
    }));
}
