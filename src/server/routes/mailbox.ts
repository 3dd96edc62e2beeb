/**
 * API routes of the mailbox link (issue 16; mounted under /api by app.ts), for the signed-in job
 * seeker's own mailbox: link one (the checks and words of `afterword mail connect`, with the form's
 * labels instead of flags), see how it stands, sync now, the employer's messages waiting as
 * proposals and accepting or dismissing each, and unlinking. A coach or admin never reaches them
 * (the records' routes are the seeker's). The password goes in once and never comes back out.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app/errors.js';
import { addressGuard } from '../../app/mail/address-guard.js';
import { connectMailbox, disconnectMailbox, FORM_FIELDS, type EndpointGuard, type MailDeps } from '../../app/mail/connect.js';
import type { MailKey } from '../../app/mail/credentials.js';
import { acceptProposal, dismissProposal, mailStatus, pendingProposals, type MailStatusView, type ProposalView } from '../../app/mail/proposals.js';
import { createMailSyncGate, type MailSyncGate } from '../../app/mail/sync-gate.js';
import type { SyncReport } from '../../app/mail/sync.js';
import { MAIL_SECURITIES } from '../../app/mail/types.js';
import type { AppDeps } from '../../app/records.js';
import { body, query } from '../validate.js';
import type { Env } from './context.js';

export interface MailboxRouteOptions {
  /** Seals and opens the linked passwords (undefined: this server cannot link a mailbox). */
  readonly mailKey?: MailKey;
  /**
   * A shared server: the mail servers a seeker names are contacted from the server's machine, so
   * that machine and its private network are refused (they are not the seeker's).
   */
  readonly shared?: boolean;
  /** Who syncs which mailbox when, shared with the timed sync (default: this server's own). */
  readonly gate?: MailSyncGate;
  /** A shared server's check of the mail servers named, before each connection (default there: addressGuard() on the system's resolver). */
  readonly guard?: EndpointGuard;
}

const port = z.number({ error: 'a whole number from 1 to 65535, such as 993' }).int('a whole number from 1 to 65535, such as 993').min(1).max(65535);
const security = z.enum(MAIL_SECURITIES, { error: 'one of tls, starttls or none' });
const ConnectBody = z.strictObject({
  imapHost: z.string().max(253),
  imapPort: port.optional(),
  imapSecurity: security.optional(),
  smtpHost: z.string().max(253).optional(),
  smtpPort: port.optional(),
  smtpSecurity: security.optional(),
  user: z.string().max(320),
  address: z.string().max(320).optional(),
  password: z.string().max(1000),
});
const AcceptBody = z.strictObject({ decisionBy: z.iso.date({ error: 'a day such as 2026-03-20' }).optional() });
const ProposalQuery = z.object({ application: z.string().min(1).max(40).optional() });

/** The CLI's flag in front of a stored message ("--imap-host: …") is no word for the web app. */
function webWords(text: string): string {
  const rest = text.replace(/^--[a-z-]+: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function statusJson(s: MailStatusView) {
  if (!s.linked) return { linked: false as const, timeZone: s.timeZone };
  return {
    linked: true as const, timeZone: s.timeZone, address: s.address, login: s.login, imap: s.imap, smtp: s.smtp, status: s.status,
    lastError: s.lastError !== undefined ? webWords(s.lastError) : null,
    lastSyncAt: s.lastSyncAt !== undefined ? new Date(s.lastSyncAt).toISOString() : null,
    messages: s.messages, pending: s.pending,
  };
}

function proposalJson(p: ProposalView) {
  return {
    id: p.id, applicationId: p.applicationId, company: p.company, kind: p.kind, headline: p.headline, detail: p.detail,
    subject: p.subject, at: new Date(p.at).toISOString(), choices: p.choices,
  };
}

function reportJson(r: SyncReport) {
  return {
    read: r.folders.reduce((n, f) => n + f.read, 0), touches: r.touches, proposals: r.proposals, bounces: r.bounces,
    suspicious: r.suspicious.map((s) => ({ address: s.address, resembles: s.resembles })),
    nothingActive: r.since === undefined, at: new Date(r.at).toISOString(),
  };
}

function proposalId(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new AppError({ reason: 'proposal.unknown', params: { id: raw } }, { path: 'proposal', at: null });
  return n;
}

export function mailboxRoutes(options: MailboxRouteOptions = {}) {
  // One sync at a time per seeker, here and in the timed sync: a second "Sync now" waits for the one running.
  const gate = options.gate ?? createMailSyncGate();
  // On a shared server every mail server named is looked up and checked, and reached at the address checked.
  const guard = options.guard ?? (options.shared ? addressGuard() : undefined);
  const withKey = (app: AppDeps): MailDeps => {
    if (options.mailKey === undefined) {
      throw new AppError({ reason: 'mail.no_key' }, { path: 'mailbox', at: null });
    }
    return { ...app, mailKey: options.mailKey, ...(guard ? { guard } : {}) };
  };
  // Status and proposals never open the password: they work without the key.
  const keyless = (app: AppDeps): MailDeps => ({ ...app, mailKey: options.mailKey ?? { bytes: Buffer.alloc(0), toJSON: () => '[none]' } });

  return new Hono<Env>()
    .get('/mailbox', async (c) => c.json({ mailbox: statusJson(await mailStatus(keyless(c.var.app))), shared: options.shared === true }))
    .put('/mailbox', body(ConnectBody), async (c) => {
      const q = c.req.valid('json');
      const deps = withKey(c.var.app);
      const input = {
        imapHost: q.imapHost, user: q.user, password: q.password,
        ...(q.imapPort !== undefined ? { imapPort: q.imapPort } : {}), ...(q.imapSecurity !== undefined ? { imapSecurity: q.imapSecurity } : {}),
        ...(q.smtpHost !== undefined && q.smtpHost.trim() !== '' ? { smtpHost: q.smtpHost } : {}),
        ...(q.smtpPort !== undefined ? { smtpPort: q.smtpPort } : {}), ...(q.smtpSecurity !== undefined ? { smtpSecurity: q.smtpSecurity } : {}),
        ...(q.address !== undefined && q.address.trim() !== '' ? { address: q.address } : {}),
      };
      // On a shared server the guard refuses its own machine and network, named or written as an address.
      await connectMailbox(deps, input, { names: FORM_FIELDS });
      return c.json({ mailbox: statusJson(await mailStatus(deps)) });
    })
    .delete('/mailbox', async (c) => {
      const unlinked = await disconnectMailbox(keyless(c.var.app));
      return c.json({ unlinked });
    })
    .post('/mailbox/sync', async (c) => {
      const deps = withKey(c.var.app);
      const report = await gate.syncNow(deps);
      return c.json({ report: reportJson(report), mailbox: statusJson(await mailStatus(deps)) });
    })
    .get('/mailbox/proposals', query(ProposalQuery), async (c) => {
      const q = c.req.valid('query');
      const list = await pendingProposals(keyless(c.var.app));
      return c.json({ proposals: list.filter((p) => q.application === undefined || p.applicationId === q.application).map(proposalJson) });
    })
    .post('/mailbox/proposals/:id/accept', body(AcceptBody), async (c) => {
      const q = c.req.valid('json');
      const id = proposalId(c.req.param('id'));
      const decided = await acceptProposal(keyless(c.var.app), id, q.decisionBy !== undefined ? { decisionBy: q.decisionBy } : {});
      return c.json({ status: decided.proposal.status, words: decided.words });
    })
    .post('/mailbox/proposals/:id/dismiss', async (c) => {
      const id = proposalId(c.req.param('id'));
      const decided = await dismissProposal(keyless(c.var.app), id);
      return c.json({ status: decided.proposal.status, words: decided.words });
    });
}
