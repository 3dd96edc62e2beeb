/**
 * The debrief form's live preview (mounted under /api by app.ts): the sentence one debrief field
 * becomes in a thank-you, or what is left out and why. Reads the records, writes nothing; a
 * refused request is 422 naming the part at fault.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { leftOutJson, parseDebriefPreview, previewDebrief } from '../../app/debrief-preview.js';
import type { Env, RouteContext } from './context.js';

export function debriefPreviewRoutes(ctx: RouteContext) {
  return new Hono<Env>()
    .post('/applications/:id/debrief-preview', validator('json', (value) => parseDebriefPreview(value)), async (c) => {
      const preview = await previewDebrief(c.var.app, await ctx.speller.load(), c.req.param('id'), c.req.valid('json'));
      return c.json({ sentence: preview.sentence, leftOut: preview.leftOut.map(leftOutJson) });
    });
}
