/**
 * API routes (mounted under /api by app.ts) for offers, red flags and the user's weighted criteria
 * (PROTOCOL §5), mirroring the CLI's `flag`, `flags`, `offer`, `criteria`, `rate` and `compare`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { comparisonJson, criteriaJson, flagSetJson, flagsViewJson, offerComparison, offerViewJson, ratingsViewJson } from '../../app/insights.js';
import {
  changeCriteria, compareApplications, listCriteria, listFlags, rateApplication, recordOffer, removeOffer, setFlag, showOffer, showRatings,
  type OfferChange,
} from '../../app/offers.js';
import { parseDay, type Day } from '../../core/time.js';
import { BadRequest } from '../errors.js';
import { body, query } from '../validate.js';
import type { Env } from './context.js';

const item = z.strictObject({ label: z.string().max(1000), value: z.string().max(1000) });
const dayText = z.string().max(40);

const CompareQuery = z.object({ ids: z.string().max(2000).optional() });
const OfferBody = z.strictObject({
  pay: z.array(item).max(50).optional(), benefits: z.array(item).max(50).optional(),
  receivedOn: dayText.optional(), respondBy: dayText.nullable().optional(), notes: z.string().max(100_000).nullable().optional(),
  remove: z.literal(true).optional(),
});
const FlagBody = z.strictObject({
  flag: z.string().max(10), score: z.number().optional(), notes: z.string().max(100_000).optional(),
  manager: z.boolean().optional(), clear: z.literal(true).optional(),
});
const CriteriaBody = z.strictObject({
  set: z.array(z.strictObject({ name: z.string().max(1000), weight: z.number() })).max(100).optional(),
  remove: z.array(z.string().max(1000)).max(100).optional(),
});
const RatingsBody = z.strictObject({
  ratings: z.array(z.strictObject({ criterion: z.string().max(1000), rating: z.number().nullable() })).max(100),
});

/** `YYYY-MM-DD`, or a 400 naming the field. */
function day(text: string, field: string): Day {
  const d = parseDay(text.trim());
  if (d === null) throw new BadRequest(`${field}: "${text}" is not a date; write YYYY-MM-DD, e.g. 2026-03-27`, field);
  return d;
}

export function offerRoutes() {
  return new Hono<Env>()
    .get('/offers/compare', query(CompareQuery), async (c) => {
      const ids = c.req.valid('query').ids;
      const cmp = ids === undefined ? await offerComparison(c.var.app) : await compareApplications(c.var.app, ids.split(',').map((s) => s.trim()).filter((s) => s !== ''));
      return c.json(comparisonJson(cmp));
    })
    .get('/applications/:id/offer', async (c) => c.json(offerViewJson(await showOffer(c.var.app, c.req.param('id')))))
    .post('/applications/:id/offer', body(OfferBody), async (c) => {
      const { remove, ...input } = c.req.valid('json');
      const change: OfferChange = {
        ...(input.pay ? { pay: input.pay } : {}), ...(input.benefits ? { benefits: input.benefits } : {}),
        ...(input.receivedOn !== undefined ? { receivedOn: day(input.receivedOn, 'receivedOn') } : {}),
        ...(input.respondBy !== undefined ? { respondBy: input.respondBy === null || input.respondBy.trim() === '' ? null : day(input.respondBy, 'respondBy') } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
      };
      const changing = Object.keys(change).length > 0;
      if (remove && changing) throw new BadRequest('remove: give it alone: it forgets the whole offer', 'remove');
      if (!remove && !changing) throw new BadRequest('pay: nothing to record; give pay, benefits, receivedOn, respondBy or notes (or "remove": true)', 'pay');
      return c.json(offerViewJson(remove ? await removeOffer(c.var.app, c.req.param('id')) : await recordOffer(c.var.app, c.req.param('id'), change)));
    })
    // Red flags
    .get('/applications/:id/flags', async (c) => c.json(flagsViewJson(await listFlags(c.var.app, c.req.param('id')))))
    .post('/applications/:id/flags', body(FlagBody), async (c) => {
      const { flag, score, notes, manager, clear } = c.req.valid('json');
      return c.json(flagSetJson(await setFlag(c.var.app, c.req.param('id'), flag, {
        ...(score !== undefined ? { score } : {}), ...(notes !== undefined ? { notes } : {}),
        ...(manager !== undefined ? { manager } : {}), ...(clear ? { clear } : {}),
      })));
    })
    // Criteria and ratings
    .get('/criteria', async (c) => c.json(criteriaJson(await listCriteria(c.var.app))))
    .post('/criteria', body(CriteriaBody), async (c) => {
      const { set, remove } = c.req.valid('json');
      return c.json(criteriaJson(await changeCriteria(c.var.app, { ...(set ? { set } : {}), ...(remove ? { remove } : {}) })));
    })
    .get('/applications/:id/ratings', async (c) => c.json(ratingsViewJson(await showRatings(c.var.app, c.req.param('id')))))
    .post('/applications/:id/ratings', body(RatingsBody), async (c) => c.json(ratingsViewJson(await rateApplication(c.var.app, c.req.param('id'), c.req.valid('json').ratings))));
}
