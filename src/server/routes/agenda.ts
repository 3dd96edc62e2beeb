/** The day, the week and the pipeline (mounted under /api by app.ts), as the CLI's `today`, `week` and `pipeline`. */
import { Hono } from 'hono';
import { agenda, pipeline } from '../../app/agenda.js';
import { agendaJson, pipelineJson } from '../../app/views.js';
import type { Env } from './context.js';

export function agendaRoutes() {
  return new Hono<Env>()
    .get('/today', async (c) => c.json(agendaJson(await agenda(c.var.app, 1), c.var.app.time)))
    .get('/week', async (c) => c.json(agendaJson(await agenda(c.var.app, 7), c.var.app.time)))
    .get('/pipeline', async (c) => c.json(pipelineJson(await pipeline(c.var.app))));
}
