/**
 * The local web app: JSON routes under /api over the use cases (no logic of their own), behind
 * the Host check, the session cookie and CSRF protection of security.ts. `createServer(deps,
 * options)` builds it without listening, so tests drive it in-process with `app.request()`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { closeApplication, logTouch, type Guard } from '../app/act.js';
import { agenda, pipeline, showApplication } from '../app/agenda.js';
import { AppError } from '../app/errors.js';
// POST /import is in routes/records.ts.
import { backup, exportCalendar, exportSpreadsheet, hasRecords, restore } from '../app/files.js';
import { LOCAL_USER } from '../app/ports.js';
import { addApplication, addInterview, addPerson, addReference, getProfile, requireProfile, saveProfile, type AppDeps, type Saved } from '../app/records.js';
import { createSpellerLoader, type SpellerLoader } from '../app/speller.js';
import { APPLICATION_STATUSES, CHANNELS, OUTCOMES, STAGES, TOUCH_KINDS } from '../core/model.js';
import { candidateToJson, settingsToJson } from '../core/scenario-json.js';
import { checkTone, formatToneIssue, parseToneInput } from '../core/tone/index.js';
import type { Deps } from '../deps.js';
import { compression, sendWebFile } from './compress.js';
import { BadRequest, onError } from './errors.js';
import type { Outage } from './outage.js';
import { passwordGate, type PasswordGateOptions } from './password-gate.js';
import { body, defined, jsonBody, knownFields, query, RECORD_SHAPES, refuseUnknown } from './validate.js';
import { debriefPreviewRoutes } from './routes/debrief-preview.js';
import { draftRoutes } from './routes/drafts.js';
import { insightRoutes } from './routes/insights.js';
import { DETAILS_SHAPE, recordRoutes } from './routes/records.js';
import { replyRoutes } from './routes/replies.js';
import type { RouteContext } from './routes/context.js';
import { findingJson, guardJson, agendaJson, applicationViewJson, pipelineJson, profileJson, savedJson } from '../app/views.js';
import { NOT_SIGNED_IN_PAGE, NO_UI_PAGE, WRONG_KEY_PAGE } from './pages.js';
import type { WebAssets, WebFile } from './web.js';
import {
  CSRF_COOKIE, SESSION_COOKIE, allowedOrigins, calendarToken, csrfCheck, csrfToken, hostCheck, newSession, requireSession, sameSecret,
  securityHeaders, verifySession, type Binding,
} from './security.js';
import { calendarOwner, DEFAULT_POLICY, type AccountDeps, type AccountPolicy } from '../app/accounts.js';
import { accountJson, accountRoutes, noFeedWords } from './routes/accounts.js';

export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** Routes whose bodies are files (a tracker export, a backup) get the larger limit. */
const UPLOAD_PATHS = new Set(['/api/import', '/api/restore']);

export interface ServerOptions extends Binding {
  /** The per-install secret (security.ts `loadOrCreateSecret`). */
  readonly secret: string;
  /** The spelling dictionary, loaded on the first tone check; default: a fresh lazy loader. */
  readonly speller?: SpellerLoader;
  /** Sees unexpected errors (the client gets only "internal error"). */
  readonly logError?: (error: unknown) => void;
  /** The built web UI; without it `/` shows a page saying how to build it. */
  readonly web?: WebAssets;
  /**
   * A shared server: accounts sign in with a password (no key), each request acts for its account,
   * coaches and admins get their routes. Off: the local install's single user and key.
   */
  readonly accounts?: boolean;
  /** The address users open (behind a proxy: `https://afterword.example.org`); its host passes the Host and Origin checks. */
  readonly publicUrl?: string;
  /** Password hashing cost, lockout, lifetimes (default: accounts.ts DEFAULT_POLICY). */
  readonly policy?: AccountPolicy;
  /** Sign-in attempts per client address per minute (default 10). */
  readonly signInsPerMinute?: number;
  /**
   * How long a session found is believed without asking the database again while this server cannot
   * hear other processes' account changes (default 2,000 ms; 0: always ask). Sign-outs and resets made
   * through this server apply at once; on PostgreSQL those made by another process (`afterword admin
   * sign-out`, a second server) too, as soon as the database's notice arrives (session-cache.ts).
   */
  readonly sessionCacheMs?: number;
  /** How many password checks run at once, and how long one waits its turn (password-gate.ts). */
  readonly passwordGate?: PasswordGateOptions;
  /** Told of requests that failed because the database cannot be reached (serve.ts logs the outage once). */
  readonly outage?: Outage;
}

import type { Env } from './routes/context.js';
import { cachingSessions, DEFAULT_SESSION_CACHE_MS } from './session-cache.js';

// ---------------------------------------------------------------- bodies

const text = z.string().max(10_000);
const object = z.record(z.string(), z.unknown());

// The records check the fields' values (422 naming one); `knownFields` refuses a field they do not have (400), which they would drop.
const ProfileBody = z.strictObject({ settings: object.optional(), candidate: object.optional() })
  .superRefine(knownFields(z.object({ settings: RECORD_SHAPES.settings, candidate: RECORD_SHAPES.candidate })));
const ApplicationBody = z.strictObject({
  company: text.min(1), role: text.min(1), id: z.string().max(40).optional(), appliedOn: z.string().max(40).optional(),
  status: z.enum(APPLICATION_STATUSES).optional(), timeZone: z.string().max(80).optional(), region: z.string().max(20).optional(),
  // The details (link, salary, notes, tags…): their limits are the records' (422 naming the field and the fix).
  ...DETAILS_SHAPE,
});
// People and interviews have many optional fields; the records' own validation names any that is wrong (422).
const PersonBody = z.looseObject({ name: text.min(1), id: z.string().max(40).optional() }).superRefine(knownFields(RECORD_SHAPES.person));
const InterviewBody = z.looseObject({
  start: z.string().max(40), end: z.string().max(40), stage: z.enum(STAGES), peopleIds: z.array(z.string().max(40)).optional(),
}).superRefine(knownFields(RECORD_SHAPES.interview));
const TouchBody = z.strictObject({
  kind: z.enum(TOUCH_KINDS), channel: z.enum(CHANNELS).default('email'), outcome: z.enum(OUTCOMES).default('sent'),
  at: z.string().max(40).optional(), personId: z.string().max(40).optional(), referenceId: z.string().max(40).optional(),
  text: z.string().max(100_000).optional(), newDecisionBy: z.string().max(40).optional(),
  confirm: z.array(z.enum(['P2', 'L8'])).optional(),
  // A touch dated ahead of now (by more than a few minutes) is refused (422) unless this says it is meant.
  futureIntended: z.boolean().optional(),
});
const ReferenceBody = z.looseObject({ name: text.min(1), id: z.string().max(40).optional() }).superRefine(knownFields(RECORD_SHAPES.reference));
const CloseBody = z.strictObject({ status: z.enum(APPLICATION_STATUSES), reclose: z.boolean().optional() });
/** The fields the tone check reads (core/tone/input.ts reads them by hand, and would drop another without a word). */
const TONE_FIELDS = z.object({
  text: z.unknown(), kind: z.unknown(), otherCompanies: z.unknown(), people: z.unknown(), siblings: z.unknown(),
  recipient: z.object({ name: z.unknown(), honorific: z.unknown(), title: z.unknown(), informal: z.unknown() }).nullish(),
  application: z.object({ company: z.unknown(), role: z.unknown() }).nullish(),
  candidate: z.object({ name: z.unknown() }).nullish(),
});
const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');
const RestoreQuery = z.object({ replace: flag });

// ---------------------------------------------------------------- app

export function createServer(deps: Deps, options: ServerOptions) {
  const local: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  const speller = options.speller ?? createSpellerLoader();
  const { secret } = options;
  const publicUrl = options.publicUrl !== undefined ? new URL(options.publicUrl) : undefined;
  const origins = allowedOrigins(options, publicUrl);
  // Listens for other processes' account changes as long as the store is open.
  const accounts = options.accounts ? cachingSessions(deps.store.accounts, options.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS).accounts : deps.store.accounts;
  const accountDeps: AccountDeps = { accounts, clock: deps.clock, policy: options.policy ?? DEFAULT_POLICY, passwordChecks: passwordGate(options.passwordGate) };

  const limit = (maxSize: number) => bodyLimit({
    maxSize, onError: (c) => c.json({ error: `request body too large; the limit is ${maxSize / 1024 / 1024} MB` }, 413),
  });
  const jsonLimit = limit(JSON_LIMIT);
  const uploadLimit = limit(UPLOAD_LIMIT);

  const saved = async (app: AppDeps, s: Saved) => savedJson(s, await requireProfile(app), app.time);
  const ctx: RouteContext = { speller };

  // The job seeker's own records: every route acts for `c.var.app`, the signed-in user's deps.
  const records = new Hono<Env>()
    .get('/session', async (c) => {
      const account = c.var.account;
      const feed = account ? undefined : calendarToken(secret);
      return c.json({
        csrf: c.var.csrf,
        // On a shared server the feed's token is shown once, when made (POST /api/calendar/token).
        calendarUrl: feed !== undefined ? `/api/calendar.ics?token=${feed}` : null,
        account: account ? accountJson(account) : null,
      });
    })
    .get('/today', async (c) => c.json(agendaJson(await agenda(c.var.app, 1), c.var.app.time)))
    .get('/week', async (c) => c.json(agendaJson(await agenda(c.var.app, 7), c.var.app.time)))
    .get('/pipeline', async (c) => c.json(pipelineJson(await pipeline(c.var.app))))
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
    })
    .post('/applications', body(ApplicationBody), async (c) => c.json(await saved(c.var.app, await addApplication(c.var.app, defined(c.req.valid('json')))), 201))
    .get('/applications/:id', async (c) => c.json(applicationViewJson(await showApplication(c.var.app, c.req.param('id')), c.var.app.time)))
    .post('/applications/:id/people', body(PersonBody), async (c) => c.json(await saved(c.var.app, await addPerson(c.var.app, c.req.param('id'), defined(c.req.valid('json')))), 201))
    .post('/applications/:id/interviews', body(InterviewBody), async (c) => c.json(await saved(c.var.app, await addInterview(c.var.app, c.req.param('id'), defined(c.req.valid('json')))), 201))
    .post('/applications/:id/touches', body(TouchBody), async (c) => {
      const { confirm, ...rest } = c.req.valid('json');
      // Without `at`, it was sent now (to the second, in the user's zone), as `afterword sent` says.
      const result = await logTouch(c.var.app, c.req.param('id'), defined(rest), new Set<Guard['rule']>(confirm ?? []));
      if (!result.ok) {
        return c.json({
          error: `held by ${result.guards.map((g) => g.rule).join(' and ')}; send again with "confirm": [${result.guards.map((g) => `"${g.rule}"`).join(', ')}] to record it anyway`,
          guards: result.guards.map((g) => guardJson(g, c.var.app.time)),
        }, 409);
      }
      return c.json(savedJson(result.saved, result.profile, c.var.app.time), 201);
    })
    .post('/applications/:id/close', body(CloseBody), async (c) => {
      const { status, reclose } = c.req.valid('json');
      return c.json(await saved(c.var.app, await closeApplication(c.var.app, c.req.param('id'), status, { reclose: reclose === true })));
    })
    .post('/tone', validator('json', (value, c) => {
      const input = jsonBody(c, value);
      refuseUnknown(TONE_FIELDS, input);
      const result = parseToneInput(input);
      if (!result.ok) throw new BadRequest(result.issue.path === '' ? `body: ${result.issue.message}` : formatToneIssue(result.issue), result.issue.path === '' ? undefined : result.issue.path);
      return result.value;
    }), async (c) => c.json({ findings: checkTone(c.req.valid('json'), { speller: await speller.load() }).map(findingJson) }))
    .get('/export.xlsx', async (c) => {
      const data = await exportSpreadsheet(c.var.app, 'xlsx');
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
      return c.body(bytes, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="afterword-history.xlsx"',
      });
    })
    .get('/backup', async (c) => c.body(await backup(c.var.app), 200, {
      'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="afterword-backup.json"',
    }))
    .post('/restore', query(RestoreQuery), async (c) => {
      const replace = c.req.valid('query').replace;
      const textBody = await c.req.text();
      if (!replace && await hasRecords(c.var.app)) throw new AppError('conflict', 'restore: this would replace the applications you have; send again with ?replace=true', { field: 'replace' });
      return c.json(await restore(c.var.app, textBody));
    })
    .route('/', draftRoutes(ctx))
    .route('/', debriefPreviewRoutes(ctx))
    .route('/', insightRoutes())
    .route('/', recordRoutes())
    .route('/', replyRoutes());

  // Who is asking: the key's session on a local install; an account's session on a shared server,
  // whose routes for signing in, coaches and admins come first (each behind its role).
  const api = new Hono<Env>();
  if (options.accounts) {
    api.route('/', accountRoutes({ deps, accountDeps, origins, signInsPerMinute: options.signInsPerMinute ?? 10, ...(publicUrl ? { publicUrl } : {}) }));
  } else {
    api.use('*', requireSession(secret, local)).use('*', csrfCheck(origins));
  }
  const routes = api.route('/', records);

  const server = new Hono<Env>()
    .use('*', securityHeaders((c) => c.env?.secure === true || publicUrl?.protocol === 'https:'))
    .use('*', compression())
    .use('*', hostCheck(options, publicUrl))
    // GET and HEAD carry no body; asking (hono's bodyLimit reads `c.req.raw.body`) would build a
    // whole fetch Request for each of them on @hono/node-server.
    .use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : (UPLOAD_PATHS.has(c.req.path) ? uploadLimit : jsonLimit)(c, next)))
    // Calendar apps send no cookies: the feed is read with its own token, before the session check.
    .get('/api/calendar.ics', async (c) => {
      const token = c.req.query('token');
      const userId = token === undefined ? undefined
        : options.accounts ? await calendarOwner(accountDeps, token)
          : sameSecret(token, calendarToken(secret)) ? LOCAL_USER.id : undefined;
      if (userId === undefined) return c.json({ error: 'missing, wrong or revoked token; copy the feed URL again from Settings' }, 401);
      // A feed made before coaches and admins were refused one (accounts.ts) says so in words.
      const owner = options.accounts ? await accountDeps.accounts.getAccount(userId) : undefined;
      if (owner && owner.role !== 'seeker') return c.json({ error: noFeedWords(owner.role) }, 404);
      const app: AppDeps = { ...local, userId };
      if (!(await getProfile(app))) return c.json({ error: 'no follow-ups to show yet: set up your profile first (your name, time zone and region, in Settings)' }, 422);
      const { text: ics } = await exportCalendar(app);
      return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
    })
    .route('/api', routes)
    .get('/', (c) => {
      const key = c.req.query('key');
      if (key !== undefined && !options.accounts) {
        if (!sameSecret(key, secret)) return c.html(WRONG_KEY_PAGE, 401);
        const session = newSession(secret);
        const nonce = verifySession(secret, session) ?? '';
        setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
        setCookie(c, CSRF_COOKIE, csrfToken(secret, nonce), { sameSite: 'Strict', path: '/' });
        // Drop the key from the address bar (and history) at once.
        return c.redirect('/', 303);
      }
      return shell(c);
    })
    // The UI's files hold no records: served to anyone; every other path is a UI route behind the session.
    .get('*', (c) => {
      if (c.req.path.startsWith('/api/')) return c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404);
      const file = options.web?.files.get(c.req.path);
      if (file) return send(c, file, c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return shell(c);
    });

  function send(c: Context, file: WebFile, cache: string) {
    c.header('Cache-Control', cache);
    return sendWebFile(c, file);
  }

  /** The UI's page for a signed-in browser; a sign-in hint otherwise (a shared server's UI signs in itself). */
  function shell(c: Context) {
    const signedIn = options.accounts || verifySession(secret, getCookie(c, SESSION_COOKIE)) !== undefined;
    if (!signedIn) return c.html(NOT_SIGNED_IN_PAGE, 401);
    return options.web ? send(c, options.web.index, 'no-store') : c.html(NO_UI_PAGE, 200);
  }

  server.notFound((c: Context) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  server.onError(onError(options.logError, options.outage));
  return server;
}

/** The app's type, for the web UI's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createServer>;
