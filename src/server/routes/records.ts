/**
 * Routes of the web UI's recording flows (mounted under /api by app.ts): how the employer's
 * timeline words are understood before saving (F0), and an interview with the new people met
 * recorded in one transaction.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { addInterviewWithPeople, previewTimeline } from '../../app/interview-flow.js';
import { parseColumnMap } from '../../app/exchange/import/index.js';
import { importFile } from '../../app/files.js';
import { editApplicationFields, editPersonFields, requireProfile } from '../../app/records.js';
import { savedJson } from '../../app/views.js';
import { CHANNELS, PERSON_ROLES, STAGES } from '../../core/model.js';
import { isValidZone } from '../../core/time.js';
import { BadRequest } from '../errors.js';
import { body, defined, knownFields, query, RECORD_SHAPES } from '../validate.js';
import type { Env } from './context.js';

const text = z.string().max(10_000);

/** Bounds the work only: each detail's own limit (core/details.ts) is a 422 naming the field and the fix. */
const loose = z.string().max(1_000_000);
const amount = z.union([z.number(), z.string().max(40)]);

/** The details of an application in a body (POST /applications, PATCH /applications/:id); null clears one in a PATCH. */
export const DETAILS_SHAPE = {
  postingUrl: loose.nullish(), location: loose.nullish(), workplace: z.string().max(40).nullish(),
  salary: z.union([loose, z.strictObject({
    text: loose.nullish(), min: amount.nullish(), max: amount.nullish(), currency: z.string().max(40).nullish(), period: z.string().max(40).nullish(),
  })]).nullish(),
  source: loose.nullish(), sourceId: loose.nullish(), description: loose.nullish(), notes: loose.nullish(),
  tags: z.union([loose, z.array(loose).max(1_000)]).nullish(),
};

// An application's own fields and details: what PATCH changes (status has POST …/close; people, interviews, touches theirs).
const ApplicationPatch = z.strictObject({
  company: text.nullish(), role: text.nullish(), appliedOn: z.string().max(40).nullish(), timeZone: z.string().max(80).nullish(),
  region: z.string().max(20).nullish(), individualPanelNotes: z.boolean().nullish(),
  ...DETAILS_SHAPE,
});

const PersonPatch = z.strictObject({
  name: text.nullish(), honorific: text.nullish(), title: text.nullish(), role: z.enum(PERSON_ROLES).nullish(), email: text.nullish(),
  phone: text.nullish(), address: text.nullish(), timeZone: z.string().max(80).nullish(), region: z.string().max(20).nullish(),
  preferredChannel: z.enum(CHANNELS).nullish(), informal: z.boolean().nullish(), verified: z.boolean().nullish(), notes: loose.nullish(),
});

const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');
// `map` is repeatable: "Job Position=role" names a column by hand, "Internal ref=skip" leaves one out.
const ImportQuery = z.object({
  dryRun: flag, format: z.enum(['csv', 'xlsx']).optional(), dateOrder: z.enum(['dmy', 'mdy']).optional(),
  map: z.union([z.string().max(400), z.array(z.string().max(400)).max(200)]).optional(),
});

/** The keys a PATCH body gave, null ones kept (they clear their field). */
function given(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

const TimelineQuery = z.object({
  said: z.string().trim().min(1, 'empty; give the employer\'s words, e.g. "by Friday"').max(500),
  interviewEnd: z.string().regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'not a date or date-time; write 2026-03-03 or 2026-03-03T11:00',
  ),
  zone: z.string().max(64).refine(isValidZone, 'unknown time zone; use an IANA zone such as America/New_York').optional(),
  application: z.string().min(1).max(40).optional(),
});

// The records' own validation names a wrong field of a person or the interview (422).
const InterviewWithPeopleBody = z.strictObject({
  people: z.array(z.looseObject({ name: text.min(1, 'empty; give their full name') })).max(50).default([]),
  interview: z.looseObject({ start: z.string().max(40), end: z.string().max(40), stage: z.enum(STAGES) }),
}).superRefine(knownFields(z.object({ people: z.array(RECORD_SHAPES.person), interview: RECORD_SHAPES.interview })));

export function recordRoutes() {
  return new Hono<Env>()
    .get('/timeline', query(TimelineQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await previewTimeline(c.var.app, q.said, q.interviewEnd, q.zone, q.application));
    })
    .post('/applications/:id/interviews/with-people', body(InterviewWithPeopleBody), async (c) => {
      const input = c.req.valid('json');
      const saved = await addInterviewWithPeople(c.var.app, c.req.param('id'), {
        people: input.people.map((p) => defined(p)), interview: defined(input.interview),
      });
      return c.json({
        ...savedJson(saved, await requireProfile(c.var.app), c.var.app.time), interviewId: saved.interviewId, personIds: saved.personIds,
      }, 201);
    })
    // A tracker's CSV or XLSX export as the body. A dry run answers 200 with the mapping, a preview
    // (what each row would do) and the problems, one line per row; an import answers 201 with the
    // counts, or 422 with the problems and nothing written.
    .post('/import', query(ImportQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new BadRequest('body: empty; send the CSV (or XLSX) file as the request body');
      const map = q.map === undefined ? undefined : parseColumnMap(typeof q.map === 'string' ? [q.map] : q.map, 'map');
      const summary = await importFile(c.var.app, bytes, {
        dryRun: q.dryRun, totalBytes: bytes.length,
        ...(q.format ? { format: q.format } : {}), ...(q.dateOrder ? { dateOrder: q.dateOrder } : {}), ...(map ? { map } : {}),
      });
      return c.json({
        imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, repeated: summary.repeated, rows: summary.rows, dryRun: summary.dryRun,
        info: summary.info ?? null, problems: summary.problems,
        preview: summary.preview.map((p) => ({
          row: p.row, company: p.application.company, role: p.application.role, status: p.application.status, action: p.action, matches: p.matches ?? null,
        })),
      }, summary.dryRun ? 200 : 201);
    })
    .patch('/applications/:id', body(ApplicationPatch), async (c) => {
      const saved = await editApplicationFields(c.var.app, c.req.param('id'), given(c.req.valid('json')));
      return c.json(savedJson(saved, await requireProfile(c.var.app), c.var.app.time));
    })
    .patch('/applications/:id/people/:personId', body(PersonPatch), async (c) => {
      const saved = await editPersonFields(c.var.app, c.req.param('id'), c.req.param('personId'), given(c.req.valid('json')));
      return c.json(savedJson(saved, await requireProfile(c.var.app), c.var.app.time));
    });
}
