/**
 * API routes of the draft editor (mounted under /api by app.ts): the draft with its tone check and
 * the debrief input it leaves out, the live tone check of an edited draft in its application's
 * context, and the edited draft as an .eml file.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { leftOutJson } from '../../app/debrief-preview.js';
import { checkDraftEdit, DRAFT_REQUEST_KINDS, draftEml, draftWithCheck, type DraftRef } from '../../app/drafting.js';
import { draftJson, findingJson } from '../../app/views.js';
import { body, query } from '../validate.js';
import type { Env, RouteContext } from './context.js';

const id = z.string().min(1).max(40);
const Ref = {
  kind: z.enum(DRAFT_REQUEST_KINDS, { error: `one of ${DRAFT_REQUEST_KINDS.join(', ')}` }),
  person: id.optional(), reference: id.optional(), interview: id.optional(), note: z.string().max(2000).optional(),
};
// The kind is checked against the draft kinds by the lookup, which names the valid ones (422).
const DraftQuery = z.object({
  kind: z.string().min(1), person: z.string().optional(), reference: z.string().optional(), interview: z.string().optional(), note: z.string().max(2000).optional(),
});
const ToneBody = z.strictObject({ ...Ref, text: z.string().max(100_000), subject: z.string().max(2000).optional() });
const EmlBody = z.strictObject({ ...Ref, subject: z.string().max(2000), body: z.string().min(1, 'empty; write the note first').max(100_000) });

function refOf(q: { kind: string; person?: string | undefined; reference?: string | undefined; interview?: string | undefined; note?: string | undefined }): DraftRef {
  return {
    kind: q.kind,
    ...(q.person !== undefined ? { personId: q.person } : {}), ...(q.reference !== undefined ? { referenceId: q.reference } : {}),
    ...(q.interview !== undefined ? { interviewId: q.interview } : {}), ...(q.note !== undefined ? { note: q.note } : {}),
  };
}

export function draftRoutes(ctx: RouteContext) {
  const { speller } = ctx;
  return new Hono<Env>()
    .get('/applications/:id/drafts', query(DraftQuery), async (c) => {
      const { draft, findings } = await draftWithCheck(c.var.app, await speller.load(), c.req.param('id'), refOf(c.req.valid('query')));
      // What of the debrief the draft does not carry, listed beside it in the editor.
      return c.json({ draft: { ...draftJson(draft), leftOut: draft.leftOut.map(leftOutJson) }, findings: findings.map(findingJson) });
    })
    .post('/applications/:id/tone', body(ToneBody), async (c) => {
      const q = c.req.valid('json');
      const result = await checkDraftEdit(c.var.app, await speller.load(), c.req.param('id'), refOf(q),
        { text: q.text, ...(q.subject !== undefined ? { subject: q.subject } : {}) });
      return c.json({ findings: result.findings.map((f) => ({ ...f })), siblings: result.siblings, mailto: result.mailto });
    })
    .post('/applications/:id/drafts/eml', body(EmlBody), async (c) => {
      const q = c.req.valid('json');
      const { bytes, filename } = await draftEml(c.var.app, c.req.param('id'), refOf(q), { subject: q.subject, body: q.body });
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'message/rfc822',
        'Content-Disposition': `attachment; filename="${filename}"`,
      });
    });
}
