/**
 * What the mailbox link shows and what the user decides (issue 16, item 3): how the link stands,
 * the pending proposals in words ("Acme Corp replied: not decided yet, new date Fri 2026-03-20"),
 * and accepting or dismissing one. Accepting an employer's message applies its change through the
 * reply use case (replies.ts `recordReply`), with the message's subject and text as the reply, so
 * the history names the message; nothing about the plan changes without the user.
 */
import type { Application } from '../../core/model.js';
import { formatDay, parseDay, weekdayName, type EpochMs } from '../../core/time.js';
import { AppError } from '../errors.js';
import { getProfile } from '../records.js';
import { recordReply } from '../replies.js';
import type { MailDeps } from './connect.js';
import type { MailEndpoint, MailMessageResult, MailProposal, MailProposalKind } from './types.js';

export type MailStatusView =
  | { readonly linked: false; readonly timeZone: string }
  | {
    readonly linked: true;
    readonly timeZone: string;
    readonly address: string;
    readonly login: string;
    readonly imap: MailEndpoint;
    readonly smtp: MailEndpoint;
    readonly status: 'connected' | 'failing';
    readonly lastError?: string;
    readonly lastSyncAt?: EpochMs;
    readonly messages: Readonly<Record<MailMessageResult, number>>;
    readonly pending: number;
  };

/** How the link stands (never the password, sealed or not). */
export async function mailStatus(deps: MailDeps): Promise<MailStatusView> {
  const profile = await getProfile(deps);
  const timeZone = profile?.settings.timeZone ?? 'UTC';
  const account = await deps.store.mail.getAccount(deps.userId);
  if (!account) return { linked: false, timeZone };
  const [messages, pending] = await Promise.all([
    deps.store.mail.countMessages(deps.userId),
    deps.store.mail.listProposals(deps.userId, 'pending'),
  ]);
  return {
    linked: true, timeZone, address: account.address, login: account.login, imap: account.imap, smtp: account.smtp, status: account.status,
    ...(account.lastError !== undefined ? { lastError: account.lastError } : {}),
    ...(account.lastSyncAt !== undefined ? { lastSyncAt: account.lastSyncAt } : {}),
    messages, pending: pending.length,
  };
}

export interface ProposalView {
  readonly id: number;
  readonly applicationId: string;
  readonly company: string;
  readonly kind: MailProposalKind;
  /** One line: who wrote and what it says ("Acme Corp replied: not decided yet, new date Fri 2026-03-20"). */
  readonly headline: string;
  /** What accepting does, or what to do. */
  readonly detail: string;
  /** The message's subject, as written. */
  readonly subject: string;
  /** When it came. */
  readonly at: EpochMs;
  /** The dates their words can mean, when they read two ways: accepting needs one of them. */
  readonly choices: readonly string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function dayWords(text: string | undefined): string | undefined {
  const day = text === undefined ? null : parseDay(text);
  return day === null ? undefined : `${weekdayName(day)} ${formatDay(day)}`;
}

function says(kind: MailProposalKind, p: Readonly<Record<string, unknown>>): string {
  switch (kind) {
    case 'next_round': return 'an invitation to another round';
    case 'rejection': return p['action'] === 'record_filled' ? 'the position has been filled' : 'a rejection';
    case 'not_decided': {
      const date = dayWords(str(p['decisionBy']));
      if (date) return `not decided yet, new date ${date}`;
      const choices = Array.isArray(p['choices']) ? (p['choices'] as unknown[]).map((c) => dayWords(str(c))).filter((c) => c !== undefined) : [];
      return choices.length > 0 ? `not decided yet, new date ${choices.join(' or ')}` : 'not decided yet';
    }
    case 'offer': return 'an offer';
    case 'references_requested': return p['action'] === 'brief_references' ? 'they ask for references' : 'they ask for documents';
    case 'out_of_office': {
      const back = dayWords(str(p['returnOn']));
      return back ? `an automatic reply: away until ${back}` : 'an automatic reply: out of the office';
    }
    case 'question': return 'a question for you';
    case 'other': return 'a message with no decision or date';
    case 'bounce': return 'a message bounced';
  }
}

function viewOf(p: MailProposal, app: Application | undefined): ProposalView {
  const company = app?.company ?? 'An employer';
  const payload = p.payload;
  const subject = str(payload['subject']) ?? '';
  const at = typeof payload['at'] === 'number' ? payload['at'] : p.createdAt;
  const choices = Array.isArray(payload['choices']) ? (payload['choices'] as unknown[]).flatMap((c) => (typeof c === 'string' ? [c] : [])) : [];
  if (p.kind === 'bounce') {
    const address = str(payload['address']) ?? 'an address';
    const name = str(payload['personName']);
    return {
      id: p.id, applicationId: p.applicationId, company, kind: p.kind, subject, at, choices,
      headline: `Mail to ${name ? `${name} (${address})` : address} at ${company} bounced: the address is wrong.`,
      detail: name ? `${name}'s email is marked unverified; correct it on the application, then send again.` : 'Check the address, then send again.',
    };
  }
  const why = str(payload['why']) ?? '';
  const detail = p.kind === 'out_of_office' ? why : `${why}${why === '' ? '' : ' '}Accept to record it; nothing changes until you do.`;
  return {
    id: p.id, applicationId: p.applicationId, company, kind: p.kind, subject, at, choices,
    headline: `${company} replied: ${says(p.kind, payload)}.`,
    detail,
  };
}

/** The proposals waiting for the user, newest first, in words. */
export async function pendingProposals(deps: MailDeps): Promise<readonly ProposalView[]> {
  const list = await deps.store.mail.listProposals(deps.userId, 'pending');
  const apps = new Map((await deps.store.getApplications(deps.userId, [...new Set(list.map((p) => p.applicationId))])).map((a) => [a.id, a]));
  return list.map((p) => viewOf(p, apps.get(p.applicationId)));
}

async function pending(deps: MailDeps, id: number): Promise<MailProposal> {
  const p = await deps.store.mail.getProposal(deps.userId, id);
  if (!p) throw new AppError({ reason: 'proposal.unknown', params: { id } }, { path: 'proposal', at: null });
  if (p.status !== 'pending') throw new AppError({ reason: 'proposal.decided', params: { id, status: p.status } }, { path: 'proposal', at: null });
  return p;
}

export interface Decided {
  readonly proposal: MailProposal;
  /** What happened, in a sentence. */
  readonly words: string;
}

export interface AcceptOptions {
  /** The decision date the user picked (YYYY-MM-DD) when their words read two ways. */
  readonly decisionBy?: string;
}

/**
 * Accepts a proposal: an employer's message is recorded as their reply with its change (the
 * reply use case, one transaction with the decision); a bounce is acknowledged.
 */
export async function acceptProposal(deps: MailDeps, id: number, options: AcceptOptions = {}): Promise<Decided> {
  return deps.store.transaction(async (store) => {
    const inner: MailDeps = { ...deps, store };
    const p = await pending(inner, id);
    const now = deps.clock.now();
    if (p.kind === 'bounce') {
      const decided = await store.mail.decideProposal(deps.userId, id, 'accepted', now);
      return { proposal: decided!, words: `Noted: ${viewOf(p, (await store.getApplications(deps.userId, [p.applicationId]))[0]).headline}` };
    }
    const text = str(p.payload['text']);
    if (text === undefined || text.trim() === '') throw new AppError({ reason: 'proposal.no_text', params: { id } });
    const at = typeof p.payload['at'] === 'number' ? p.payload['at'] : p.createdAt;
    const personId = str(p.payload['personId']);
    const recorded = await recordReply(inner, p.applicationId, text, {
      apply: p.kind !== 'out_of_office', at,
      ...(options.decisionBy !== undefined ? { decisionBy: options.decisionBy } : {}),
      ...(personId !== undefined ? { personId } : {}),
    }, 'decisionBy');
    const decided = await store.mail.decideProposal(deps.userId, id, 'accepted', now);
    const subject = str(p.payload['subject']);
    const app = recorded.saved.application;
    const date = recorded.decisionBy !== undefined ? ` with ${weekdayName(recorded.decisionBy)} ${formatDay(recorded.decisionBy)} as the new decision date` : '';
    return {
      proposal: decided!,
      words: `Recorded ${app.company}'s reply${subject ? ` "${subject}"` : ''}${date}.`,
    };
  });
}

/** Dismisses a proposal: nothing changes; the message stays seen and is never proposed again. */
export async function dismissProposal(deps: MailDeps, id: number): Promise<Decided> {
  const p = await pending(deps, id);
  const decided = await deps.store.mail.decideProposal(deps.userId, id, 'dismissed', deps.clock.now());
  if (!decided) throw new AppError({ reason: 'proposal.decided', params: { id } }, { path: 'proposal', at: null });
  const subject = str(p.payload['subject']);
  return { proposal: decided, words: `Set aside${subject ? ` "${subject}"` : ' the message'}; nothing changed.` };
}
