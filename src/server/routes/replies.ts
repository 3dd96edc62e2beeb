/**
 * The employer's reply (mounted under /api by app.ts): what a pasted reply means and what it would
 * change (nothing stored), and the reply recorded with that change once the user applies it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { readReplyFor, recordReply, requireReplyText, type ReadReply } from '../../app/replies.js';
import { formatDay } from '../../core/time.js';
import { body } from '../validate.js';
import type { Env } from './context.js';

const ReplyText = z.string().max(1_000_000, 'over 1,000,000 characters; paste one message');
const ReadBody = z.strictObject({ text: ReplyText });
const ApplyBody = z.strictObject({
  text: ReplyText,
  decisionBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').optional(),
});

/** A reading for the page: the class, the sentence, the dates as YYYY-MM-DD, the proposal and who wrote it. */
export function readingJson(read: ReadReply) {
  const r = read.reading;
  const d = r.decision;
  return {
    applicationId: read.application.id,
    class: r.class,
    detail: r.detail ?? null,
    evidence: r.evidence,
    decisionBy: d.kind === 'date' ? formatDay(d.day) : null,
    decisionSaid: d.kind === 'none' ? null : d.said,
    decisionChoices: d.kind === 'choices' ? d.choices.map((c) => ({ date: formatDay(c.day), understood: c.understood })) : [],
    returnOn: r.returnOn === null ? null : formatDay(r.returnOn),
    proposal: { action: r.proposal.action, rules: [...r.proposal.rules], why: r.proposal.why },
    writerId: read.writerId ?? null,
    empty: r.empty,
  };
}

export function replyRoutes() {
  return new Hono<Env>()
    .post('/applications/:id/reply/read', body(ReadBody), async (c) => {
      const { text } = c.req.valid('json');
      const read = await readReplyFor(c.var.app, c.req.param('id'), requireReplyText(text, 'text'));
      return c.json(readingJson(read));
    })
    .post('/applications/:id/reply', body(ApplyBody), async (c) => {
      const { text, decisionBy } = c.req.valid('json');
      const recorded = await recordReply(c.var.app, c.req.param('id'), requireReplyText(text, 'text'), {
        apply: true, ...(decisionBy !== undefined ? { decisionBy } : {}),
      });
      return c.json({ ...readingJson(recorded.read), applied: recorded.applied, history: recorded.history,
        decisionBy: recorded.decisionBy === undefined ? null : formatDay(recorded.decisionBy) }, recorded.history === 'added' ? 201 : 200);
    });
}
