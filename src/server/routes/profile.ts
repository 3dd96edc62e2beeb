/** The job seeker's profile (settings and candidate) and references (mounted under /api by app.ts), as `afterword setup` and `reference`. */
import { Hono } from 'hono';
import { z } from 'zod';
import { addReference, getProfile, saveProfile } from '../../app/records.js';
import { profileJson } from '../../app/views.js';
import { candidateToJson, settingsToJson } from '../../core/scenario-json.js';
import { body, defined, knownFields, RECORD_SHAPES } from '../validate.js';
import type { Env } from './context.js';

const text = z.string().max(10_000);
const object = z.record(z.string(), z.unknown());

// The records check the fields' values (422 naming one); `knownFields` refuses a field they do not have (400), which they would drop.
const ProfileBody = z.strictObject({ settings: object.optional(), candidate: object.optional() })
  .superRefine(knownFields(z.object({ settings: RECORD_SHAPES.settings, candidate: RECORD_SHAPES.candidate })));
const ReferenceBody = z.looseObject({ name: text.min(1), id: z.string().max(40).optional() }).superRefine(knownFields(RECORD_SHAPES.reference));

export function profileRoutes() {
  return new Hono<Env>()
    .get('/profile', async (c) => {
      const profile = await getProfile(c.var.app);
      return c.json(profile ? profileJson(profile) : null);
    })
    .post('/profile', body(ProfileBody), async (c) => {
      const input = c.req.valid('json');
      // Like `afterword setup`: given fields replace the recorded ones, the rest is kept.
      const current = await getProfile(c.var.app);
      const profile = await saveProfile(c.var.app,
        { ...(current ? settingsToJson(current.settings) : {}), ...input.settings },
        { ...(current ? candidateToJson(current.candidate) : {}), ...input.candidate });
      return c.json(profileJson(profile));
    })
    .post('/references', body(ReferenceBody), async (c) => {
      const candidate = await addReference(c.var.app, defined(c.req.valid('json')));
      return c.json({ reference: candidate.references[candidate.references.length - 1] ?? null, references: candidate.references }, 201);
    });
}
