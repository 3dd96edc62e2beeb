/**
 * Recording a touch from the CLI with the app's guards: a future `--at` asked about (or `--yes`),
 * then P2 (an early status check) and L8 (another company's name) asked about on a terminal, or
 * refused off one unless confirmed by flag. Used by `sent`, `log-call` and `add touch`.
 */
import { isFuture, logTouch, momentInWords, type Guard } from '../../app/act.js';
import { AppError } from '../../app/errors.js';
import { getProfile, type AppDeps } from '../../app/records.js';
import { recommendationToJson } from '../../core/rules/output.js';
import { parseInstant } from '../../core/time.js';
import { printJson } from '../context.js';
import type { CliIo } from '../io.js';
import { renderNext, when } from '../render/agenda.js';

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
export async function confirmFuture(io: CliIo, deps: AppDeps, input: Record<string, unknown>, yes: boolean | undefined): Promise<Record<string, unknown>> {
  const profile = await getProfile(deps);
  if (!profile || typeof input['at'] !== 'string') return input;
  const zone = deps.time.zone(profile.settings.timeZone);
  const at = parseInstant(input['at'], zone);
  if (at === null || !isFuture(deps.clock.now(), at)) return input;
  const words = momentInWords(zone, profile.settings.region, at);
  if (!yes) {
    if (io.interactive && io.prompt) {
      io.stderr(`--at: ${words} is in the future.\n`);
      if (!(await io.prompt.confirm(`Record it as done on ${words}?`))) throw new AppError({ reason: 'touch.future_kept_out' }, { at: '--at' });
    } else {
      throw new AppError({ reason: 'touch.future_needs_yes', params: { when: words } }, { at: '--at' });
    }
  }
  return { ...input, futureIntended: true };
}

/** Records a touch, asking on a terminal about each guard; without a terminal, a guard is an error unless confirmed by flag. */
export async function record(io: CliIo, deps: AppDeps, application: string, input: Record<string, unknown>, flags: { yes?: boolean; confirmCompany?: boolean; json?: boolean }, done: string): Promise<void> {
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
          throw new AppError({ reason: 'touch.guard_declined', params: { rule: g.rule } });
        }
        confirmed.add(g.rule);
      } else {
        const flag = g.rule === 'P2' ? '--yes' : '--confirm-company';
        throw new AppError({ reason: 'touch.guard_needs_flag', params: { line, flag } });
      }
    }
  }
}
