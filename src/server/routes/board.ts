/**
 * API routes (mounted under /api by app.ts) for the web's pipeline board (its columns, a page of
 * cards, its numbers) and for moving an application between statuses.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { board, boardJson, insights, insightsJson, moveApplication } from '../../app/insights.js';
import { BOARD_PAGE_DEFAULT, BOARD_PAGE_MAX, boardPage, boardPageJson } from '../../app/board.js';
import { requireProfile } from '../../app/records.js';
import { savedJson } from '../../app/views.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../core/model.js';
import { body, query } from '../validate.js';
import type { Env } from './context.js';

const StatusBody = z.strictObject({ status: z.enum(APPLICATION_STATUSES), reclose: z.boolean().optional() });
/** Strings as the address carries them (the web's typed client sends them so); read into numbers and statuses by the route. */
const whole = (max: number) => z.string().max(7).refine((t) => /^\d+$/.test(t) && Number(t) <= max, `a whole number from 0 to ${max}`);
const CardsQuery = z.object({
  q: z.string().max(200).optional(),
  /** Statuses separated by commas, e.g. `active,offer`. */
  status: z.string().max(200)
    .refine((t) => t.split(',').every((x) => x.trim() === '' || (APPLICATION_STATUSES as readonly string[]).includes(x.trim())), `statuses separated by commas, from ${APPLICATION_STATUSES.join(', ')}`)
    .optional(),
  offset: whole(1_000_000).optional(),
  limit: whole(BOARD_PAGE_MAX).refine((t) => Number(t) >= 1, `a whole number from 1 to ${BOARD_PAGE_MAX}`).optional(),
  /** "false": without the totals and warnings (a search on a page that has them). */
  summary: z.enum(['true', 'false']).optional(),
  /** Cards per closed status (default: limit). */
  closedLimit: whole(BOARD_PAGE_MAX).refine((t) => Number(t) >= 1, `a whole number from 1 to ${BOARD_PAGE_MAX}`).optional(),
});

export function boardRoutes() {
  return new Hono<Env>()
    .get('/board', async (c) => c.json(boardJson(await board(c.var.app), c.var.app.time)))
    .get('/board/cards', query(CardsQuery), async (c) => {
      const { q, status, offset, limit, closedLimit, summary } = c.req.valid('query');
      const statuses = (status ?? '').split(',').map((x) => x.trim()).filter((x): x is ApplicationStatus => x !== '');
      const page = await boardPage(c.var.app, {
        ...(q !== undefined ? { text: q } : {}), ...(statuses.length > 0 ? { statuses } : {}),
        offset: offset === undefined ? 0 : Number(offset), limit: limit === undefined ? BOARD_PAGE_DEFAULT : Number(limit),
        ...(closedLimit !== undefined ? { closedLimit: Number(closedLimit) } : {}), ...(summary === 'false' ? { summary: false } : {}),
      });
      return c.json(boardPageJson(page, c.var.app.time));
    })
    .get('/insights', async (c) => c.json(insightsJson(await insights(c.var.app))))
    .post('/applications/:id/status', body(StatusBody), async (c) => {
      const { status, reclose } = c.req.valid('json');
      const moved = await moveApplication(c.var.app, c.req.param('id'), status, { reclose: reclose === true });
      return c.json({ ...savedJson(moved, await requireProfile(c.var.app), c.var.app.time), from: moved.from });
    });
}
