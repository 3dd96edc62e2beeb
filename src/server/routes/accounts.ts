/**
 * A shared server's account routes (mounted under /api by app.ts when `accounts` is on): signing
 * in and out, invitations and resets, the calendar feed token, and the role-guarded admin and coach
 * routes. Everything after the session middleware acts for the signed-in account; the records
 * routes app.ts mounts after these are for job seekers only.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  acceptInvitation, assign, comment, createAccount, createOrganisation, decoyHash, invite, issueReset, parseRole, resetPassword,
  rotateCalendarToken, signIn, tokenHash, type AccountDeps, type NewSession,
} from '../../app/accounts.js';
import { pipeline, showApplication, agenda } from '../../app/agenda.js';
import { administered, administers, deactivateAccount, reactivateAccount } from '../../app/admin.js';
import { coachDashboard } from '../../app/coaching.js';
import { coachingRoutes } from './coaching.js';
import { AppError } from '../../app/errors.js';
import { reasonWords } from '../../app/reasons.js';
import { board, boardJson, insights, insightsJson } from '../../app/insights.js';
import type { Account, Role } from '../../app/ports.js';
import type { AppDeps } from '../../app/records.js';
import { agendaJson, applicationViewJson, pipelineJson } from '../../app/views.js';
import type { Deps } from '../../deps.js';
import { RetryLater } from '../errors.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfCheck } from '../security.js';
import { signInLimit, type SignInWait } from '../sign-in-limit.js';
import { body } from '../validate.js';
import type { Env } from './context.js';

export function accountJson(a: Account) {
  return { id: a.id, name: a.name, email: a.email, role: a.role, organisationId: a.organisationId ?? null };
}

/** An account as an admin's pages read it: with when it was deactivated (null: active). */
export function adminAccountJson(a: Account) {
  return { ...accountJson(a), deactivatedAt: a.deactivatedAt === undefined ? null : new Date(a.deactivatedAt).toISOString() };
}

export interface AccountRoutesOptions {
  readonly deps: Deps;
  readonly accountDeps: AccountDeps;
  /** Origins writes may come from (app.ts `allowedOrigins`). */
  readonly origins: ReadonlySet<string>;
  readonly signInsPerMinute: number;
  /** The address users open, for invitation and reset links; default: the request's own origin. */
  readonly publicUrl?: URL;
}

const email = z.string().min(1).max(254);
const password = z.string().max(1_000);
const token = z.string().min(1).max(200);
const id = z.string().min(1).max(80);
const SignInBody = z.strictObject({ email, password });
const AcceptBody = z.strictObject({ token, name: z.string().min(1).max(200), password });
const ResetBody = z.strictObject({ token, password });
const AccountBody = z.strictObject({ name: z.string().min(1).max(200), email, role: z.string().max(20), organisationId: id.optional(), password: password.optional() });
const OrganisationBody = z.strictObject({ id, name: z.string().min(1).max(200) });
const InvitationBody = z.strictObject({ email, role: z.string().max(20), organisationId: id.optional(), coachId: id.optional() });
const AssignmentBody = z.strictObject({ coachId: id, seekerId: id });
const CommentBody = z.strictObject({ body: z.string().max(10_000) });

/**
 * At most `limit` attempts per client address per minute (fixed windows, held in this server's
 * memory). An attempt that succeeds gives its place back: a workshop signing in from one address
 * is never held up, only failures add up.
 */
function rateLimit(limit: number, now: () => number): MiddlewareHandler<Env> {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const t = now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    const key = c.env?.clientIp ?? 'unknown';
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + 60_000 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > limit) {
      const wait = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      c.header('Retry-After', String(wait));
      return c.json({ error: `too many attempts from your address; wait ${wait} s and try again` }, 429);
    }
    await next();
    if (c.res.status < 400 && w.count > 0) w.count--;
    return undefined;
  };
}

/** "40 seconds", "2 minutes": how long a wait is, rounded up. */
function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The sign-in limit's refusal: the same for every email, with or without an account. */
function signInWait(wait: SignInWait): RetryLater {
  const words = wait.scope === 'address'
    ? `too many sign-ins with this email from your address did not succeed; wait ${waitWords(wait.ms)} and try again, or ask an admin for a reset link`
    : `too many sign-ins with this email did not succeed recently; wait ${waitWords(wait.ms)} and try again (where you have signed in with it before, you need not wait)`;
  return new RetryLater(words, 429, Math.ceil(wait.ms / 1000));
}

/** Why a coach or an admin has no calendar feed, in words. */
export function noFeedWords(role: Role): string {
  return reasonWords({ reason: 'calendar.no_feed', params: { role } }, 'cli').text;
}

/** Only these roles; others get 403 (a signed-in account that may not use the route). */
function allow(...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const account = c.var.account;
    if (!account || !roles.includes(account.role)) {
      return c.json({ error: `this needs the ${roles.join(' or ')} role; you are signed in as ${account?.role ?? 'nobody'}` }, 403);
    }
    return next();
  };
}

export function accountRoutes(o: AccountRoutesOptions) {
  const { deps, accountDeps } = o;
  const limited = rateLimit(o.signInsPerMinute, () => deps.clock.now());
  const { policy } = accountDeps;
  const signIns = signInLimit({ now: () => deps.clock.now(), perAddress: policy.lockAfter, perEmail: policy.lockAfter * 4, maxWaitMs: policy.lockMs });
  // Made now, so that the first unknown email takes no longer than the others.
  decoyHash(policy).catch(() => undefined);
  const depsOf = (userId: string): AppDeps => ({ store: deps.store, time: deps.time, clock: deps.clock, userId });
  const secure = (c: Context<Env>): boolean => c.env?.secure === true || o.publicUrl?.protocol === 'https:';
  const base = (c: Context<Env>): string => (o.publicUrl ? o.publicUrl.origin : new URL(c.req.url).origin);

  /** Sets the cookies of a new session, ending the one the browser presented (no fixation). */
  async function start(c: Context<Env>, session: NewSession) {
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous !== undefined) await accountDeps.accounts.deleteSession(tokenHash(previous));
    const maxAge = Math.floor((session.expiresAt - deps.clock.now()) / 1000);
    setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secure(c), maxAge });
    setCookie(c, CSRF_COOKIE, session.csrf, { sameSite: 'Strict', path: '/', secure: secure(c), maxAge });
    return { account: accountJson(session.account), csrf: session.csrf };
  }

  function end(c: Context<Env>): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    deleteCookie(c, CSRF_COOKIE, { path: '/', secure: secure(c) });
  }

  const session: MiddlewareHandler<Env> = async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const found = cookie === undefined ? undefined : await accountDeps.accounts.findSession(tokenHash(cookie), deps.clock.now());
    // `signIn` tells a client how to sign in (the UI shows its sign-in form for "password").
    if (!found) return c.json({ error: 'not signed in; sign in with your email and password', signIn: 'password' }, 401);
    c.set('account', found.account);
    c.set('sessionHash', found.session.tokenHash);
    c.set('csrf', found.session.csrf);
    c.set('app', depsOf(found.account.id));
    if (c.env?.info) c.env.info.userId = found.account.id;
    return next();
  };

  /** The signed-in admin (the admin routes run behind `allow('admin')`). */
  const adminOf = (c: Context<Env>): Account => {
    const account = c.var.account;
    if (!account) throw new AppError({ reason: 'session.none' });
    return account;
  };
  /** The organisation a new account or invitation goes to: the one given, else the admin's own; one the admin does not administer is refused. */
  const organisationFor = (by: Account, given: string | undefined): string | undefined => {
    const organisationId = given ?? by.organisationId;
    if (!administers(by, { organisationId })) {
      throw new AppError({ reason: 'organisation.not_yours', params: { organisation: by.organisationId ?? '' } }, { path: 'organisationId', at: null });
    }
    return organisationId;
  };

  const admin = new Hono<Env>()
    .get('/accounts', async (c) => {
      const by = adminOf(c);
      const all = (await accountDeps.accounts.listAccounts()).filter((a) => administers(by, a));
      // Each job seeker's coaches (by id), as the admin page shows and changes them.
      const coachesOf = new Map<string, string[]>();
      for (const coach of all) {
        if (coach.role !== 'coach') continue;
        for (const seeker of await accountDeps.accounts.seekersOf(coach.id)) coachesOf.set(seeker.id, [...coachesOf.get(seeker.id) ?? [], coach.id]);
      }
      return c.json({ accounts: all.map((a) => ({ ...adminAccountJson(a), coachIds: coachesOf.get(a.id) ?? [] })) });
    })
    .post('/accounts', body(AccountBody), async (c) => {
      const q = c.req.valid('json');
      const organisationId = organisationFor(adminOf(c), q.organisationId);
      const account = await createAccount(accountDeps, {
        name: q.name, email: q.email, role: parseRole(q.role),
        ...(organisationId !== undefined ? { organisationId } : {}), ...(q.password !== undefined ? { password: q.password } : {}),
      });
      return c.json({ account: accountJson(account) }, 201);
    })
    .get('/organisations', async (c) => {
      const by = adminOf(c);
      return c.json({ organisations: (await accountDeps.accounts.listOrganisations()).filter((o) => administers(by, { organisationId: o.id })) });
    })
    .post('/organisations', body(OrganisationBody), async (c) => {
      if (adminOf(c).organisationId !== undefined) throw new AppError({ reason: 'organisation.server_admin_only' });
      return c.json({ organisation: await createOrganisation(accountDeps, c.req.valid('json')) }, 201);
    })
    .post('/invitations', body(InvitationBody), async (c) => {
      const q = c.req.valid('json');
      const by = adminOf(c);
      const organisationId = organisationFor(by, q.organisationId);
      // A coach the admin does not administer is as unknown as one that does not exist.
      const coach = q.coachId !== undefined ? await accountDeps.accounts.getAccount(q.coachId) : undefined;
      if (q.coachId !== undefined && !(coach && administers(by, coach))) throw new AppError({ reason: 'coach.unknown', params: { id: q.coachId } }, { path: 'coach' });
      const made = await invite(accountDeps, {
        email: q.email, role: parseRole(q.role),
        ...(organisationId !== undefined ? { organisationId } : {}), ...(q.coachId !== undefined ? { coachId: q.coachId } : {}),
      });
      return c.json({ token: made.token, url: `${base(c)}/accept?token=${made.token}`, expiresAt: new Date(made.expiresAt).toISOString() }, 201);
    })
    .post('/accounts/:id/reset', async (c) => {
      await administered(accountDeps, adminOf(c), c.req.param('id'));
      const made = await issueReset(accountDeps, c.req.param('id'));
      return c.json({ token: made.token, url: `${base(c)}/reset?token=${made.token}`, expiresAt: new Date(made.expiresAt).toISOString() }, 201);
    })
    .post('/accounts/:id/sign-out', async (c) => {
      await administered(accountDeps, adminOf(c), c.req.param('id'));
      return c.json({ ended: await accountDeps.accounts.deleteSessions(c.req.param('id')) });
    })
    // Deactivating ends the account's sessions and tokens at once and keeps its records; reactivating lets its password sign in again.
    .post('/accounts/:id/deactivate', async (c) => {
      const done = await deactivateAccount(accountDeps, adminOf(c), c.req.param('id'));
      return c.json({ account: adminAccountJson(done.account), ended: done.sessionsEnded });
    })
    .post('/accounts/:id/reactivate', async (c) => c.json({ account: adminAccountJson(await reactivateAccount(accountDeps, adminOf(c), c.req.param('id'))) }))
    .post('/assignments', body(AssignmentBody), async (c) => {
      const q = c.req.valid('json');
      const by = adminOf(c);
      // Someone the admin does not administer is as unknown as someone who does not exist.
      const [coach, seeker] = await Promise.all([accountDeps.accounts.getAccount(q.coachId), accountDeps.accounts.getAccount(q.seekerId)]);
      if (!(coach && administers(by, coach))) throw new AppError({ reason: 'coach.unknown', params: { id: q.coachId } }, { path: 'coach' });
      if (!(seeker && administers(by, seeker))) throw new AppError({ reason: 'seeker.unknown', params: { id: q.seekerId } }, { path: 'seeker' });
      await assign(accountDeps, q.coachId, q.seekerId);
      return c.json({ coachId: q.coachId, seekerId: q.seekerId }, 201);
    })
    .delete('/assignments/:coachId/:seekerId', async (c) => {
      const by = adminOf(c);
      const [coach, seeker] = await Promise.all([accountDeps.accounts.getAccount(c.req.param('coachId')), accountDeps.accounts.getAccount(c.req.param('seekerId'))]);
      if (!(coach && administers(by, coach) && seeker && administers(by, seeker))) throw new AppError({ reason: 'assignment.none' });
      const removed = await accountDeps.accounts.unassignCoach(c.req.param('coachId'), c.req.param('seekerId'));
      if (!removed) throw new AppError({ reason: 'assignment.none' });
      return c.body(null, 204);
    });

  /** The seeker of the path, when assigned to this coach; others are "not found" (no hint that they exist). */
  const assigned: MiddlewareHandler<Env> = async (c, next) => {
    const seekerId = c.req.param('seekerId') ?? '';
    const coach = c.var.account;
    if (!coach || !(await accountDeps.accounts.isAssigned(coach.id, seekerId))) {
      throw new AppError({ reason: 'seeker.not_followed', params: { id: seekerId } });
    }
    c.set('app', depsOf(seekerId));
    return next();
  };

  const coach = new Hono<Env>()
    .get('/dashboard', async (c) => {
      const list = await coachDashboard(deps, c.var.account?.id ?? '');
      return c.json({
        seekers: list.map((s) => ({
          ...s, seeker: accountJson(s.seeker),
          overdueThankYous: s.overdueThankYous.map((t) => ({ ...t, latest: new Date(t.latest).toISOString() })),
          waitingOn: s.waitingOn.map((w) => ({ ...w, nextCheck: new Date(w.nextCheck).toISOString() })),
        })),
      });
    })
    .use('/seekers/:seekerId/*', assigned)
    // Who the job seeker is, for the heading of a coach's pages about them.
    .get('/seekers/:seekerId', assigned, async (c) => {
      const seeker = await accountDeps.accounts.getAccount(c.var.app.userId);
      if (!seeker) throw new AppError({ reason: 'seeker.not_followed', params: { id: c.var.app.userId } });
      return c.json({ seeker: accountJson(seeker) });
    })
    .get('/seekers/:seekerId/today', async (c) => c.json(agendaJson(await agenda(c.var.app, 1), deps.time)))
    .get('/seekers/:seekerId/week', async (c) => c.json(agendaJson(await agenda(c.var.app, 7), deps.time)))
    .get('/seekers/:seekerId/pipeline', async (c) => c.json(pipelineJson(await pipeline(c.var.app))))
    .get('/seekers/:seekerId/board', async (c) => c.json(boardJson(await board(c.var.app), deps.time)))
    .get('/seekers/:seekerId/insights', async (c) => c.json(insightsJson(await insights(c.var.app))))
    .get('/seekers/:seekerId/applications/:id', async (c) => c.json(applicationViewJson(await showApplication(c.var.app, c.req.param('id')), deps.time)))
    .get('/seekers/:seekerId/applications/:id/comments', async (c) => c.json({ comments: await commentsOf(c.var.app.userId, c.req.param('id')) }))
    .post('/seekers/:seekerId/applications/:id/comments', body(CommentBody), async (c) => {
      const author = c.var.account;
      if (!author) throw new AppError({ reason: 'session.none' });
      const made = await comment(accountDeps, c.var.app.userId, c.req.param('id'), author, c.req.valid('json').body);
      return c.json({ comment: { ...made, at: new Date(made.at).toISOString() } }, 201);
    });

  async function commentsOf(userId: string, applicationId: string) {
    const app = await deps.store.getApplication(userId, applicationId);
    if (!app) throw new AppError({ reason: 'application.unknown', params: { id: applicationId } });
    return (await accountDeps.accounts.listComments(userId, applicationId)).map((x) => ({ ...x, at: new Date(x.at).toISOString() }));
  }

  return new Hono<Env>()
    // Before a session exists: same-origin writes only, and a per-address limit on guessing.
    .use('/auth/*', csrfCheck(o.origins, false))
    .post('/auth/sign-in', limited, body(SignInBody), async (c) => {
      const q = c.req.valid('json');
      const address = c.env?.clientIp ?? 'unknown';
      const wait = signIns.attempt(q.email, address);
      if (wait) throw signInWait(wait);
      let session: NewSession;
      try {
        session = await signIn(accountDeps, q.email, q.password);
      } catch (error) {
        // Only a wrong email or password counts against the limit.
        if (!(error instanceof AppError && error.code === 'unauthorized')) signIns.notMade(q.email, address);
        throw error;
      }
      signIns.succeeded(q.email, address);
      return c.json(await start(c, session));
    })
    .post('/auth/accept-invitation', limited, body(AcceptBody), async (c) => {
      const q = c.req.valid('json');
      return c.json(await start(c, await acceptInvitation(accountDeps, q.token, q.name, q.password)), 201);
    })
    .post('/auth/reset-password', limited, body(ResetBody), async (c) => {
      const q = c.req.valid('json');
      const account = await resetPassword(accountDeps, q.token, q.password);
      return c.json({ account: accountJson(account), signedOut: true });
    })
    .use('*', session)
    .use('*', csrfCheck(o.origins))
    .post('/auth/sign-out', async (c) => {
      await accountDeps.accounts.deleteSession(c.var.sessionHash ?? '');
      end(c);
      return c.json({ signedOut: 1 });
    })
    .post('/auth/sign-out-everywhere', async (c) => {
      const ended = await accountDeps.accounts.deleteSessions(c.var.account?.id ?? '');
      end(c);
      return c.json({ signedOut: ended });
    })
    .get('/me', (c) => c.json({ account: c.var.account ? accountJson(c.var.account) : null }))
    .post('/calendar/token', async (c) => {
      const role = c.var.account?.role;
      if (role !== 'seeker') throw new AppError({ reason: 'calendar.no_feed', params: { role: role ?? 'admin' } });
      const feed = await rotateCalendarToken(accountDeps, c.var.app.userId);
      return c.json({ calendarUrl: `/api/calendar.ics?token=${feed}` }, 201);
    })
    .delete('/calendar/token', async (c) => c.json({ revoked: await accountDeps.accounts.deleteTokens(c.var.app.userId, 'calendar') }))
    .use('/admin/*', allow('admin'))
    .route('/admin', admin)
    .use('/coach/*', allow('coach'))
    .route('/coach', coach)
    .route('/', coachingRoutes({ deps, accountDeps }))
    .get('/applications/:id/comments', allow('seeker'), async (c) => c.json({ comments: await commentsOf(c.var.app.userId, c.req.param('id')) }))
    // The records routes app.ts mounts next are a job seeker's own; the session's CSRF token is for everyone. The admin's and
    // coach's paths passed their role above: a method they do not have is "no route" (404), not "needs the seeker role".
    .use('*', async (c, next) => (c.req.path === '/api/session' || /^\/api\/(admin|coach)\//.test(c.req.path) ? next() : allow('seeker')(c, next)));
}
