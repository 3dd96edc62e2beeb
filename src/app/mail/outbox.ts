/**
 * Sending at the right moment (issue 16, item 4): the user schedules a note they edited — for the
 * plan's ideal moment of that follow-up in the recipient's zone, or a moment they pick — and it
 * waits in the outbox (the database) with a Message-ID made now. The running server sends it then
 * (outbox-worker.ts). Only that exact text leaves: the subject and body are stored as scheduled and
 * tone-checked when scheduled. A reply from the employer cancels what waits for that application.
 */
import { randomUUID } from 'node:crypto';
import type { Application, Scenario, TouchKind } from '../../core/model.js';
import { plan } from '../../core/rules/planner.js';
import type { Recommendation, RecommendationKind } from '../../core/rules/plan-types.js';
import type { EpochMs, TimeRules } from '../../core/time.js';
import type { Speller } from '../../core/tone/index.js';
import { checkDraftEdit, checkedDraft, draftLookupError, draftMessage, renderDraftMessage, type DraftRef } from '../drafting.js';
import { AppError, type Problem } from '../errors.js';
import type { EmlMessage } from '../exchange/eml.js';
import type { UserId } from '../ports.js';
import { noProfileError, profileAndApplication, requireProfile, type AppDeps } from '../records.js';
import { appendToDrafts, type ImapTarget } from './drafts-folder.js';
import type { SmtpTarget } from './send.js';
import type { OutboxItem, OutboxStatus } from './types.js';

/** The user's linked mailbox, unsealed for one use: their address and how to reach both servers. */
export interface MailConnection {
  readonly address: string;
  readonly smtp: SmtpTarget;
  readonly imap: ImapTarget;
}

/** The linked mailbox of a user, or undefined when none is linked (the mailbox link's credentials part). */
export type MailboxOf = (userId: UserId) => Promise<MailConnection | undefined>;

export interface OutboxDeps extends AppDeps {
  readonly mailbox: MailboxOf;
}

/** Why a note was cancelled: the user did, or the employer replied first. */
export const CANCEL_REASONS = ['by_user', 'employer_replied'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** A note in the edit: the draft it is and the text the user wants sent. */
export interface NoteEdit {
  readonly subject: string;
  readonly body: string;
}

/** When to send: the plan's ideal moment for that follow-up, or an instant the user picked. */
export type SendWhen = { readonly ideal: true } | { readonly at: EpochMs };

export interface Scheduled {
  readonly item: OutboxItem;
  /** What the moment is: the plan's (and its rule's recommendation), or the user's. */
  readonly moment: { readonly by: 'plan'; readonly recommendation: Recommendation } | { readonly by: 'user' };
  /** The recipient's zone, in which the moment is shown. */
  readonly timeZone: string;
}

/** Latest moment a note may be scheduled for. */
const MAX_AHEAD_MS = 366 * 24 * 3600_000;
/** A picked moment this little in the past is "now" (the form was filled a few seconds ago). */
const GRACE_MS = 60_000;
const MAX_SUBJECT = 2000;
const MAX_BODY = 100_000;

/** The touch a draft kind records, as the draft editor's "Mark as sent" does; undefined for kinds not sent by email. */
export function touchKindOf(draftKind: string): TouchKind | undefined {
  if (draftKind === 'thank_you_email' || draftKind === 'thank_you_panel') return 'thank_you';
  if (draftKind === 'status_check') return 'status_check';
  if (draftKind.startsWith('update_')) return 'update';
  if (draftKind.startsWith('reply_')) return 'reply';
  return undefined;
}

const RECOMMENDATION_OF: Readonly<Partial<Record<TouchKind, RecommendationKind>>> = {
  thank_you: 'thank_you', status_check: 'status_check', reply: 'reply',
};
const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);

/** A bad input of `field`: the message names it, `detail` says what to do (an edge may name the field its own way). */
function fieldError(field: 'body' | 'subject' | 'mailbox' | 'kind' | 'at', problem: Problem): AppError {
  return new AppError(problem, { path: field });
}

function checkEdit(edit: NoteEdit): void {
  if (edit.body.trim() === '') throw fieldError('body', { reason: 'outbox.empty', params: { part: 'body' } });
  if (edit.body.length > MAX_BODY) throw fieldError('body', { reason: 'outbox.too_long', params: { max: MAX_BODY } });
  if (edit.subject.trim() === '') throw fieldError('subject', { reason: 'outbox.empty', params: { part: 'subject' } });
  if (edit.subject.length > MAX_SUBJECT) throw fieldError('subject', { reason: 'outbox.too_long', params: { max: MAX_SUBJECT } });
}

/** A Message-ID in the sender's domain, made once per note: every attempt to send it carries the same one. */
export function newMessageId(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).replace(/[^\w.-]/g, '') || 'afterword.invalid';
  return `<${randomUUID()}@${domain}>`;
}

/** The plan's pending recommendation this note carries out: same kind, same person. */
function planMoment(scenario: Scenario, app: Application, kind: TouchKind, personId: string | undefined, now: EpochMs, time: TimeRules): Recommendation | undefined {
  const recKind = RECOMMENDATION_OF[kind];
  if (recKind === undefined) return undefined;
  return plan({ ...scenario, applications: [app] }, { now, time }).recommendations
    .find((r) => r.kind === recKind && PENDING.has(r.status) && (personId === undefined || r.personId === personId));
}

/**
 * The moment the plan would send this draft (its follow-up's ideal, never before now) and the
 * recipient's zone; undefined when the plan has none for it (an update, a letter, nothing pending).
 */
export async function idealMoment(deps: AppDeps, applicationId: string, ref: DraftRef): Promise<{ readonly at: EpochMs; readonly timeZone: string } | undefined> {
  const scenario = await deps.store.loadScenario(deps.userId);
  if (!scenario) throw noProfileError();
  const now = deps.clock.now();
  const checked = checkedDraft(scenario, applicationId, ref, { time: deps.time, now });
  if (!checked.ok) throw draftLookupError(checked.error);
  const { draft } = checked.value;
  const kind = touchKindOf(draft.kind);
  const app = scenario.applications.find((a) => a.id === applicationId);
  if (kind === undefined || !app) return undefined;
  const personId = app.people.some((p) => p.id === draft.to.id) ? draft.to.id : undefined;
  const rec = planMoment(scenario, app, kind, personId, now, deps.time);
  return rec ? { at: Math.max(rec.ideal, now), timeZone: rec.timeZone } : undefined;
}

/** Without a speller the tone check runs all the same, only without its spelling rule (L12). */
const EVERY_WORD: Speller = { correct: () => true, suggest: () => [] };

/**
 * Queues the edited note to be sent by the running server: at the plan's ideal moment for that
 * follow-up (never before now) or at `when.at`. Refuses a note the tone check finds errors in
 * (without `speller`: every rule but spelling), a kind not sent by email, a moment past or over a
 * year away, and a user with no linked mailbox.
 */
export async function scheduleNote(deps: OutboxDeps, speller: Speller | undefined, applicationId: string, ref: DraftRef, edit: NoteEdit, when: SendWhen): Promise<Scheduled> {
  const { message, draft } = await draftMessage(deps, applicationId, ref, edit);
  const connection = await deps.mailbox(deps.userId);
  if (!connection) throw fieldError('mailbox', { reason: 'outbox.no_mailbox', params: {} });
  const kind = touchKindOf(draft.kind);
  if (kind === undefined) {
    throw fieldError('kind', { reason: 'outbox.not_email', params: { kind: draft.kind } });
  }
  checkEdit(edit);
  const { findings } = await checkDraftEdit(deps, speller ?? EVERY_WORD, applicationId, ref, { text: edit.body, subject: edit.subject });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const words = errors.slice(0, 3).map((f) => f.message).join('; ');
    throw fieldError('body', { reason: 'outbox.tone', params: { count: errors.length, words } });
  }
  const now = deps.clock.now();
  const { profile, app } = await profileAndApplication(deps.store, deps.userId, applicationId);
  const personId = app.people.some((p) => p.id === draft.to.id) ? draft.to.id : undefined;
  let sendAt: EpochMs;
  let moment: Scheduled['moment'];
  let timeZone = app.people.find((p) => p.id === personId)?.timeZone ?? app.timeZone ?? profile.settings.timeZone;
  if ('ideal' in when) {
    const rec = planMoment({ settings: profile.settings, candidate: profile.candidate, applications: [app] }, app, kind, personId, now, deps.time);
    if (!rec) {
      throw fieldError('at', { reason: 'outbox.no_moment', params: { update: kind === 'update', name: draft.to.name } });
    }
    sendAt = Math.max(rec.ideal, now);
    moment = { by: 'plan', recommendation: rec };
    timeZone = rec.timeZone;
  } else {
    if (!Number.isFinite(when.at)) throw fieldError('at', { reason: 'outbox.moment_invalid' });
    if (when.at < now - GRACE_MS) throw fieldError('at', { reason: 'outbox.moment_past' });
    if (when.at > now + MAX_AHEAD_MS) throw fieldError('at', { reason: 'outbox.moment_far' });
    sendAt = Math.max(when.at, now);
    moment = { by: 'user' };
  }
  const to = message.to.map((m) => m.address);
  const cc = (message.cc ?? []).map((m) => m.address);
  const item = await deps.store.outbox.add(deps.userId, {
    applicationId, ...(personId !== undefined ? { personId } : {}), kind, to, cc,
    subject: edit.subject, body: edit.body, messageId: newMessageId(connection.address), sendAt, createdAt: now,
  });
  return { item, moment, timeZone };
}

/**
 * The message a queued note is sent as: From the linked mailbox's address with the candidate's
 * name, To and Cc as stored (named as the application's people are), the stored subject and body,
 * its Message-ID. The same bytes for the same note and moment, whichever attempt builds them.
 */
export async function outboxMessage(deps: Pick<AppDeps, 'store'>, userId: UserId, item: OutboxItem, fromAddress: string, date: EpochMs): Promise<EmlMessage> {
  const { store } = deps;
  const profile = await requireProfile({ store, userId });
  const app = await store.getApplication(userId, item.applicationId);
  const named = (address: string) => {
    const person = app?.people.find((p) => p.email?.trim().toLowerCase() === address.toLowerCase());
    return person ? { name: person.name, address } : { address };
  };
  return {
    from: { name: profile.candidate.name, address: fromAddress }, to: item.to.map(named), cc: item.cc.map(named),
    subject: item.subject, text: item.body, date, messageId: item.messageId, draft: false,
  };
}

/** Puts the edited note in the mailbox's Drafts folder: the same message as the .eml download. */
export async function putInDrafts(deps: OutboxDeps, applicationId: string, ref: DraftRef, edit: NoteEdit): Promise<{ readonly folder: string }> {
  checkEdit(edit);
  const { message } = await draftMessage(deps, applicationId, ref, edit);
  const connection = await deps.mailbox(deps.userId);
  if (!connection) throw fieldError('mailbox', { reason: 'outbox.no_mailbox', params: { instead: 'eml' } });
  return appendToDrafts(connection.imap, await renderDraftMessage(message));
}

/** The user's notes in the outbox, soonest first; by default those still to leave. */
export function listOutbox(deps: AppDeps, filter: { readonly statuses?: readonly OutboxStatus[]; readonly applicationId?: string } = { statuses: ['queued', 'sending', 'failed'] }): Promise<readonly OutboxItem[]> {
  return deps.store.outbox.list(deps.userId, filter);
}

async function requireItem(deps: AppDeps, id: number): Promise<OutboxItem> {
  const item = Number.isSafeInteger(id) && id > 0 ? await deps.store.outbox.get(deps.userId, id) : undefined;
  if (!item) throw new AppError({ reason: 'outbox.not_found', params: { id } }, { path: 'id', at: null });
  return item;
}

function notWaiting(item: OutboxItem): AppError {
  const status = item.status === 'sent' || item.status === 'sending' ? item.status : 'cancelled';
  return new AppError({ reason: 'outbox.not_waiting', params: { id: item.id, status } }, { path: 'id', at: null });
}

/** Cancels a note that has not left; a conflict when it has (or is leaving now). */
export async function cancelNote(deps: AppDeps, id: number): Promise<OutboxItem> {
  await requireItem(deps, id);
  const [cancelled] = await deps.store.outbox.cancel(deps.userId, { id }, 'by_user' satisfies CancelReason);
  if (!cancelled) throw notWaiting(await requireItem(deps, id));
  return cancelled;
}

/** Moves a waiting (or failed) note's moment to now: the server sends it within seconds. */
export async function sendNoteNow(deps: AppDeps, id: number): Promise<OutboxItem> {
  await requireItem(deps, id);
  const moved = await deps.store.outbox.reschedule(deps.userId, id, deps.clock.now());
  if (!moved) throw notWaiting(await requireItem(deps, id));
  return moved;
}

/** The hook the mailbox sync calls when the employer replied (outbox-replied.ts, kept apart so the sync loads no drafting code). */
export { cancelQueuedOnReply } from './outbox-replied.js';
