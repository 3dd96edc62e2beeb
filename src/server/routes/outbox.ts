/**
 * API routes of outbound mail (issue 16, item 4; mounted under /api by app.ts): put an edited draft
 * in the mailbox's Drafts folder, the plan's moment for a draft, schedule it, list the outbox,
 * cancel a note or send it now. The running server's outbox worker sends what is due.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { DRAFT_REQUEST_KINDS, type DraftRef } from '../../app/drafting.js';
import { AppError } from '../../app/errors.js';
import {
  cancelNote, idealMoment, listOutbox, putInDrafts, scheduleNote, sendNoteNow, type MailboxOf, type OutboxDeps, type SendWhen,
} from '../../app/mail/outbox.js';
import type { OutboxItem } from '../../app/mail/types.js';
import type { AppDeps } from '../../app/records.js';
import { body, query } from '../validate.js';
import type { Env, RouteContext } from './context.js';

/** What the outbox routes need besides the records: the linked mailboxes and the sender to nudge. */
export interface OutboxRouteOptions {
  /** The user's linked mailbox (undefined: none can be linked on this server, so nothing is sent). */
  readonly mailbox?: MailboxOf;
  /** Tells the running worker to look at the queue now (a note scheduled for now, send now). */
  readonly wake?: () => void;
}

const id = z.string().min(1).max(40);
const Ref = {
  kind: z.enum(DRAFT_REQUEST_KINDS, { error: `one of ${DRAFT_REQUEST_KINDS.join(', ')}` }),
  person: id.optional(), reference: id.optional(), interview: id.optional(), note: z.string().max(2000).optional(),
};
const Edit = { subject: z.string().max(2000), body: z.string().min(1, 'empty; write the note first').max(100_000) };
const DraftsBody = z.strictObject({ ...Ref, ...Edit });
const ScheduleBody = z.strictObject({
  ...Ref, ...Edit,
  /** `ideal`: the plan's moment; else an instant with its offset. */
  at: z.union([z.literal('ideal'), z.iso.datetime({ offset: true, error: 'a date and time with its offset, e.g. 2026-03-10T09:00:00-05:00, or "ideal"' })]),
});
const MomentQuery = z.object({ kind: z.string().min(1), person: z.string().optional(), interview: z.string().optional(), note: z.string().max(2000).optional() });
const ListQuery = z.object({ application: id.optional(), all: z.enum(['1', 'true']).optional() });

function refOf(q: { kind: string; person?: string | undefined; reference?: string | undefined; interview?: string | undefined; note?: string | undefined }): DraftRef {
  return {
    kind: q.kind,
    ...(q.person !== undefined ? { personId: q.person } : {}), ...(q.reference !== undefined ? { referenceId: q.reference } : {}),
    ...(q.interview !== undefined ? { interviewId: q.interview } : {}), ...(q.note !== undefined ? { note: q.note } : {}),
  };
}

/** A note as the API shows it: instants as ISO strings (the web app words them). */
export function noteJson(item: OutboxItem) {
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    id: item.id, applicationId: item.applicationId, personId: item.personId ?? null, kind: item.kind, to: item.to, cc: item.cc,
    subject: item.subject, body: item.body, sendAt: iso(item.sendAt), status: item.status, attempts: item.attempts,
    lastError: item.lastError ?? null, sentAt: iso(item.sentAt), cancelledReason: item.cancelledReason ?? null, createdAt: iso(item.createdAt),
  };
}

const noMailbox = (): MailboxOf => async () => undefined;

function noteId(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new AppError({ reason: 'outbox.not_found', params: { id: raw } }, { path: 'id', at: null });
  return n;
}

export function outboxRoutes(ctx: RouteContext, options: OutboxRouteOptions = {}) {
  const { speller } = ctx;
  const mailbox = options.mailbox ?? noMailbox();
  const wake = options.wake ?? (() => {});
  const withMail = (app: AppDeps): OutboxDeps => ({ ...app, mailbox });
  return new Hono<Env>()
    .post('/applications/:id/drafts/to-drafts', body(DraftsBody), async (c) => {
      const q = c.req.valid('json');
      const put = await putInDrafts(withMail(c.var.app), c.req.param('id'), refOf(q), { subject: q.subject, body: q.body });
      return c.json({ folder: put.folder });
    })
    .get('/applications/:id/outbox/moment', query(MomentQuery), async (c) => {
      const moment = await idealMoment(c.var.app, c.req.param('id'), refOf(c.req.valid('query')));
      return c.json(moment ? { at: new Date(moment.at).toISOString(), timeZone: moment.timeZone } : { at: null, timeZone: null });
    })
    .post('/applications/:id/outbox', body(ScheduleBody), async (c) => {
      const q = c.req.valid('json');
      const when: SendWhen = q.at === 'ideal' ? { ideal: true } : { at: Date.parse(q.at) };
      const scheduled = await scheduleNote(withMail(c.var.app), await speller.load(), c.req.param('id'), refOf(q), { subject: q.subject, body: q.body }, when);
      wake();
      return c.json({ note: noteJson(scheduled.item), timeZone: scheduled.timeZone, by: scheduled.moment.by }, 201);
    })
    .get('/outbox', query(ListQuery), async (c) => {
      const q = c.req.valid('query');
      const items = await listOutbox(c.var.app, {
        ...(q.all === undefined ? { statuses: ['queued', 'sending', 'failed'] as const } : {}),
        ...(q.application !== undefined ? { applicationId: q.application } : {}),
      });
      return c.json({ notes: items.map(noteJson) });
    })
    .post('/outbox/:id/cancel', async (c) => {
      const item = await cancelNote(c.var.app, noteId(c.req.param('id')));
      return c.json({ note: noteJson(item) });
    })
    .post('/outbox/:id/send-now', async (c) => {
      const item = await sendNoteNow(c.var.app, noteId(c.req.param('id')));
      wake();
      return c.json({ note: noteJson(item) });
    });
}
