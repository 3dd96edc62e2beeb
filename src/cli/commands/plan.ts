/** `afterword plan --scenario FILE [--now ISO] [--json]` (CONTRACT.md). */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { loadScenario, parseNow, planScenario } from '../../app/plan-scenario.js';
import { planToJson } from '../../core/rules/output.js';
import { createTimeRules } from '../../core/time.js';
import type { CliIo } from '../io.js';
import { renderPlanTable } from '../render/plan.js';
import { readInput } from './read-input.js';

export function registerPlan(program: Command, io: CliIo): void {
  program
    .command('plan')
    .description('Plan every follow-up of a scenario file: what to send or say, to whom, when, and why.')
    .requiredOption('--scenario <file>', 'scenario JSON file (see docs/contract.md); "-" reads standard input')
    .option('--now <instant>', 'plan as of this ISO-8601 instant (default: the current time)')
    .option('--json', 'print the plan as JSON (the scripting contract)')
    .addHelpText('after', `
Examples:
  $ afterword plan --scenario interviews.json
  $ afterword plan --scenario interviews.json --now 2026-03-04T09:00:00-05:00 --json`)
    .action((opts: { scenario: string; now?: string; json?: boolean }) => {
      const time = createTimeRules();
      const scenario = loadScenario(readInput(io, opts.scenario, '--scenario'), time);
      const now = opts.now === undefined ? io.now() : parseNow(opts.now, time, scenario.settings.timeZone);
      if (!Number.isFinite(now)) throw new AppError({ reason: 'now.not_instant' }, { at: '--now' });
      const result = planScenario(scenario, { now, time });
      io.stdout(opts.json ? `${JSON.stringify(planToJson(result, time, scenario.settings.timeZone), null, 2)}\n` : renderPlanTable(result, scenario, time));
    });
}
