/** Deciding: `afterword today`, `week`, `show APP`, `pipeline`. */
import type { Command } from 'commander';
import { agenda, pipeline, showApplication, type Agenda } from '../../app/agenda.js';
import { LOCAL_USER } from '../../app/ports.js';
import { agendaJson, applicationViewJson, pipelineJson } from '../../app/views.js';
import { createTimeRules, type TimeRules } from '../../core/time.js';
import { createAgendaSource } from '../../deps.js';
import { configOf, printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { renderAgenda, renderApplication, renderPipeline } from '../render/agenda.js';
import { renderDetails } from '../render/details.js';

const DAY_MS = 86_400_000;

/**
 * The agenda of the next `days` days. On the embedded database it is planned from the read model
 * (the AgendaSource deps.ts hands out) when that is there and reaches far enough, without starting
 * the database; otherwise from the database (withApp then writes the read model for next time).
 * While `afterword serve` runs, the source waits for the read model the server keeps fresh.
 */
async function readAgenda(io: CliIo, cmd: Command, days: number): Promise<{ agenda: Agenda; time: TimeRules }> {
  const source = io.deps ? undefined : createAgendaSource(configOf(io, cmd));
  if (source) {
    // Midnight `days` days on, in any zone, is before now + days + 2 days.
    const reads = await source.read(io.now() + (days + 2) * DAY_MS);
    if (reads) {
      const time = createTimeRules();
      return { agenda: await agenda({ store: reads, time, clock: { now: io.now }, userId: LOCAL_USER.id }, days), time };
    }
  }
  return withApp(io, cmd, async (deps) => ({ agenda: await agenda(deps, days), time: deps.time }));
}

export function registerAgenda(program: Command, io: CliIo): void {
  program.command('today')
    .description('What is overdue, due now and coming today, each with why.')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword today')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { agenda: a, time } = await readAgenda(io, cmd, 1);
      if (opts.json) printJson(io, agendaJson(a, time));
      else io.stdout(renderAgenda(a, time, 'Today'));
    });

  program.command('week')
    .description('What is overdue, due, and coming in the next seven days.')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { agenda: a, time } = await readAgenda(io, cmd, 7);
      if (opts.json) printJson(io, agendaJson(a, time));
      else io.stdout(renderAgenda(a, time, 'This week'));
    });

  program.command('show')
    .description('The timeline of one application: people, interviews, debrief, touches, plan and red flags.')
    .argument('<application>', 'application id')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword show a1')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const v = await showApplication(deps, id);
      if (opts.json) {
        printJson(io, applicationViewJson(v, deps.time));
      } else {
        // The details right under the heading line, before the people and the plan.
        const [heading = '', ...rest] = renderApplication(v, deps.time).split('\n');
        const details = renderDetails(v.application);
        io.stdout(details === '' ? [heading, ...rest].join('\n') : [heading, details.trimEnd(), '', ...rest].join('\n'));
      }
    }));

  program.command('pipeline')
    .description('Your applications by status, with the keep-searching warning (P1).')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const p = await pipeline(deps);
      if (opts.json) {
        printJson(io, pipelineJson(p));
      } else {
        io.stdout(renderPipeline(p));
      }
    }));
}
