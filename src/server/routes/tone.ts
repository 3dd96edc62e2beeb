/** `POST /api/tone` (mounted under /api by app.ts): the tone check's findings on a text, as `afterword check`. */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { findingJson } from '../../app/views.js';
import { checkTone, formatToneIssue, parseToneInput } from '../../core/tone/index.js';
import { BadRequest } from '../errors.js';
import { jsonBody, refuseUnknown } from '../validate.js';
import type { Env, RouteContext } from './context.js';

/** The fields the tone check reads (core/tone/input.ts reads them by hand, and would drop another without a word). */
const TONE_FIELDS = z.object({
  text: z.unknown(), kind: z.unknown(), otherCompanies: z.unknown(), people: z.unknown(), siblings: z.unknown(), region: z.unknown(),
  recipient: z.object({ name: z.unknown(), honorific: z.unknown(), title: z.unknown(), informal: z.unknown() }).nullish(),
  application: z.object({ company: z.unknown(), role: z.unknown() }).nullish(),
  candidate: z.object({ name: z.unknown() }).nullish(),
});

export function toneRoutes({ speller }: RouteContext) {
  return new Hono<Env>()
    .post('/tone', validator('json', (value, c) => {
      const input = jsonBody(c, value);
      refuseUnknown(TONE_FIELDS, input);
      const result = parseToneInput(input);
      if (!result.ok) throw new BadRequest(result.issue.path === '' ? `body: ${result.issue.message}` : formatToneIssue(result.issue), result.issue.path === '' ? undefined : result.issue.path);
      return result.value;
    }), async (c) => c.json({ findings: checkTone(c.req.valid('json'), { speller: await speller.load() }).map(findingJson) }));
}
