/** Deciding: `afterword today`, `week`, `show APP`, `pipeline`. */
import type { Command } from 'commander';
import { agenda, pipeline, showApplication } from '../../app/agenda.js';
import { agendaJson, applicationViewJson, pipelineJson } from '../../app/views.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { renderAgenda, renderApplication, renderPipeline } from '../render/agenda.js';

export function registerAgenda(program: Command, io: CliIo): void {
  program.command('today')
    .description('What is overdue, due now and coming today, each with why.')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword today')
    .action(async (opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const a = await agenda(deps, 1);
      if (opts.json) printJson(io, agendaJson(a, deps.time));
      else io.stdout(renderAgenda(a, deps.time, 'Today'));
    }));

  program.command('week')
    .description('What is overdue, due, and coming in the next seven days.')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const a = await agenda(deps, 7);
      if (opts.json) printJson(io, agendaJson(a, deps.time));
      else io.stdout(renderAgenda(a, deps.time, 'This week'));
    }));

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
        io.stdout(renderApplication(v, deps.time));
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
