/**
 * Applications and what happens on them (mounted under /api by app.ts): adding one, its view, its
 * people, interviews and touches, and closing it, as the CLI's `add`, `show`, `person`,
 * `interview`, `sent` and `close`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { closeApplication, logTouch, type Guard } from '../../app/act.js';
import { showApplication } from '../../app/agenda.js';
import { addApplication, addInterview, addPerson, requireProfile, type AppDeps, type Saved } from '../../app/records.js';
import { applicationViewJson, guardJson, savedJson } from '../../app/views.js';
import { APPLICATION_STATUSES, CHANNELS, OUTCOMES, STAGES, TOUCH_KINDS } from '../../core/model.js';
import { body, defined, knownFields, RECORD_SHAPES } from '../validate.js';
import type { Env } from './context.js';
import { DETAILS_SHAPE } from './records.js';

const text = z.string().max(10_000);

const ApplicationBody = z.strictObject({
  company: text.min(1), role: text.min(1), id: z.string().max(40).optional(), appliedOn: z.string().max(40).optional(),
  status: z.enum(APPLICATION_STATUSES).optional(), timeZone: z.string().max(80).optional(), region: z.string().max(20).optional(),
  // The details (link, salary, notes, tags…): their limits are the records' (422 naming the field and the fix).
  ...DETAILS_SHAPE,
});
// People and interviews have many optional fields; the records' own validation names any that is wrong (422).
const PersonBody = z.looseObject({ name: text.min(1), id: z.string().max(40).optional() }).superRefine(knownFields(RECORD_SHAPES.person));
const InterviewBody = z.looseObject({
  start: z.string().max(40), end: z.string().max(40), stage: z.enum(STAGES), peopleIds: z.array(z.string().max(40)).optional(),
}).superRefine(knownFields(RECORD_SHAPES.interview));
const TouchBody = z.strictObject({
  kind: z.enum(TOUCH_KINDS), channel: z.enum(CHANNELS).default('email'), outcome: z.enum(OUTCOMES).default('sent'),
  at: z.string().max(40).optional(), personId: z.string().max(40).optional(), referenceId: z.string().max(40).optional(),
  text: z.string().max(100_000).optional(), newDecisionBy: z.string().max(40).optional(),
  confirm: z.array(z.enum(['P2', 'L8'])).optional(),
  // A touch dated ahead of now (by more than a few minutes) is refused (422) unless this says it is meant.
  futureIntended: z.boolean().optional(),
});
const CloseBody = z.strictObject({ status: z.enum(APPLICATION_STATUSES), reclose: z.boolean().optional() });

const saved = async (app: AppDeps, s: Saved) => savedJson(s, await requireProfile(app), app.time);

export function applicationRoutes() {
  return new Hono<Env>()
    .post('/applications', body(ApplicationBody), async (c) => c.json(await saved(c.var.app, await addApplication(c.var.app, defined(c.req.valid('json')))), 201))
    .get('/applications/:id', async (c) => c.json(applicationViewJson(await showApplication(c.var.app, c.req.param('id')), c.var.app.time)))
    .post('/applications/:id/people', body(PersonBody), async (c) => c.json(await saved(c.var.app, await addPerson(c.var.app, c.req.param('id'), defined(c.req.valid('json')))), 201))
    .post('/applications/:id/interviews', body(InterviewBody), async (c) => c.json(await saved(c.var.app, await addInterview(c.var.app, c.req.param('id'), defined(c.req.valid('json')))), 201))
    .post('/applications/:id/touches', body(TouchBody), async (c) => {
      const { confirm, ...rest } = c.req.valid('json');
      // Without `at`, it was sent now (to the second, in the user's zone), as `afterword sent` says.
      const result = await logTouch(c.var.app, c.req.param('id'), defined(rest), new Set<Guard['rule']>(confirm ?? []));
      if (!result.ok) {
        return c.json({
          error: `held by ${result.guards.map((g) => g.rule).join(' and ')}; send again with "confirm": [${result.guards.map((g) => `"${g.rule}"`).join(', ')}] to record it anyway`,
          guards: result.guards.map((g) => guardJson(g, c.var.app.time)),
        }, 409);
      }
      return c.json(savedJson(result.saved, result.profile, c.var.app.time), 201);
    })
    .post('/applications/:id/close', body(CloseBody), async (c) => {
      const { status, reclose } = c.req.valid('json');
      return c.json(await saved(c.var.app, await closeApplication(c.var.app, c.req.param('id'), status, { reclose: reclose === true })));
    });
}
