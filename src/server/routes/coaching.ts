/**
 * A coach's table of the job seekers they follow, a job seeker's recent coach comments (for
 * Today), and an admin's pending invitations (taken back) and role change. Mounted inside routes/accounts.ts, after its session, CSRF
 * and role middleware; each route checks its role again here.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { administers, changeRole } from '../../app/admin.js';
import type { AccountDeps } from '../../app/accounts.js';
import type { AgendaItem } from '../../app/agenda.js';
import { coachTable, recentComments, seekerRow, type SeekerRow } from '../../app/coaching.js';
import { AppError } from '../../app/errors.js';
import { ROLES, type Role } from '../../app/ports.js';
import type { AppDeps } from '../../app/records.js';
import { recommendationToJson } from '../../core/rules/output.js';
import type { TimeRules } from '../../core/time.js';
import type { Deps } from '../../deps.js';
import { body, query } from '../validate.js';
import type { Env } from './context.js';

export interface CoachingRoutesOptions {
  readonly deps: Deps;
  readonly accountDeps: AccountDeps;
}

const RoleBody = z.strictObject({ role: z.enum(ROLES) });
const RecentQuery = z.object({ days: z.coerce.number().int().min(1).max(365).optional() });
const DAY_MS = 86_400_000;

function only(role: Role): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.var.account?.role !== role) return c.json({ error: `this needs the ${role} role` }, 403);
    return next();
  };
}

function itemJson(i: AgendaItem, time: TimeRules) {
  const person = i.application.people.find((p) => p.id === i.recommendation.personId);
  return {
    company: i.application.company, role: i.application.role, ...recommendationToJson(i.recommendation, time),
    person: person ? { name: person.name, ...(person.honorific !== undefined ? { honorific: person.honorific } : {}) } : null,
  };
}

/** A row as the page reads it: names and dates, never more of the records than the row shows. */
export function seekerRowJson(r: SeekerRow, time: TimeRules) {
  return {
    seeker: { id: r.seeker.id, name: r.seeker.name, email: r.seeker.email },
    joined: r.joined,
    overdue: r.overdue.map((i) => itemJson(i, time)),
    due: r.due.map((i) => itemJson(i, time)),
    active: r.active, lastAppliedOn: r.lastAppliedOn, daysSinceApplied: r.daysSinceApplied, quietLimit: r.quietLimit,
    waitingOn: r.waitingOn.map((w) => ({ ...w, nextCheck: new Date(w.nextCheck).toISOString() })),
  };
}

export function coachingRoutes({ deps, accountDeps }: CoachingRoutesOptions) {
  const shared: Omit<AppDeps, 'userId'> = { store: deps.store, time: deps.time, clock: deps.clock };
  return new Hono<Env>()
    .get('/coach/table', only('coach'), async (c) => {
      const rows = await coachTable(shared, c.var.account?.id ?? '');
      return c.json({ rows: rows.map((r) => seekerRowJson(r, deps.time)) });
    })
    .get('/coach/seekers/:seekerId/row', only('coach'), async (c) => {
      const seekerId = c.req.param('seekerId');
      const seeker = (await accountDeps.accounts.isAssigned(c.var.account?.id ?? '', seekerId)) ? await accountDeps.accounts.getAccount(seekerId) : undefined;
      if (!seeker) throw new AppError({ reason: 'seeker.not_followed', params: {} });
      return c.json({ row: seekerRowJson(await seekerRow(shared, seeker), deps.time) });
    })
    .get('/comments/recent', only('seeker'), query(RecentQuery), async (c) => {
      const days = c.req.valid('query').days ?? 30;
      const found = await recentComments(c.var.app, deps.clock.now() - days * DAY_MS);
      return c.json({ comments: found.map((x) => ({ ...x, at: new Date(x.at).toISOString() })) });
    })
    // Invitations not yet accepted, and taking one back (its link stops working). The id is the token's hash, never the token.
    .get('/admin/invitations', only('admin'), async (c) => {
      const by = c.var.account;
      // An organisation's admin sees its invitations only (app/admin.ts `administers`).
      const pending = (await accountDeps.accounts.listTokens('invitation', deps.clock.now())).filter((t) => by !== undefined && administers(by, t));
      return c.json({
        invitations: pending.map((t) => ({
          id: t.tokenHash, email: t.email ?? '', role: t.role ?? 'seeker', organisationId: t.organisationId ?? null, coachId: t.coachId ?? null,
          createdAt: new Date(t.createdAt).toISOString(), expiresAt: t.expiresAt === undefined ? null : new Date(t.expiresAt).toISOString(),
        })),
      });
    })
    .delete('/admin/invitations/:id', only('admin'), async (c) => {
      const by = c.var.account;
      const found = await accountDeps.accounts.findToken(c.req.param('id'), 'invitation', deps.clock.now());
      const taken = found && by && administers(by, found) ? await accountDeps.accounts.takeToken(c.req.param('id'), 'invitation', deps.clock.now()) : undefined;
      if (!taken) throw new AppError({ reason: 'invitation.gone' });
      return c.body(null, 204);
    })
    .post('/admin/accounts/:id/role', only('admin'), body(RoleBody), async (c) => {
      const by = c.var.account;
      if (!by) throw new AppError({ reason: 'session.none' });
      const account = await changeRole(accountDeps, by, c.req.param('id'), c.req.valid('json').role);
      return c.json({ account: { id: account.id, name: account.name, email: account.email, role: account.role, organisationId: account.organisationId ?? null } });
    });
}
