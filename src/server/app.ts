/**
 * The local web app: JSON routes under /api over the use cases (no logic of their own), behind
 * the Host check, the session cookie and CSRF protection of security.ts. `createServer(deps,
 * options)` builds it without listening, so tests drive it in-process with `app.request()`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_POLICY, type AccountDeps, type AccountPolicy } from '../app/accounts.js';
import type { EndpointGuard } from '../app/mail/connect.js';
import { mailKeyFromSecret, type MailKey } from '../app/mail/credentials.js';
import type { MailSyncGate } from '../app/mail/sync-gate.js';
import { LOCAL_USER } from '../app/ports.js';
import type { AppDeps } from '../app/records.js';
import { createSpellerLoader, type SpellerLoader } from '../app/speller.js';
import type { Deps } from '../deps.js';
import { compression } from './compress.js';
import { onError } from './errors.js';
import type { Outage } from './outage.js';
import { passwordGate, type PasswordGateOptions } from './password-gate.js';
import { accountRoutes } from './routes/accounts.js';
import { agendaRoutes } from './routes/agenda.js';
import { applicationRoutes } from './routes/applications.js';
import { boardRoutes } from './routes/board.js';
import { calendarRoutes } from './routes/calendar.js';
import type { Env, RouteContext } from './routes/context.js';
import { debriefPreviewRoutes } from './routes/debrief-preview.js';
import { draftRoutes } from './routes/drafts.js';
import { fileRoutes } from './routes/files.js';
import { mailboxRoutes } from './routes/mailbox.js';
import { offerRoutes } from './routes/offers.js';
import { outboxRoutes, type OutboxRouteOptions } from './routes/outbox.js';
import { profileRoutes } from './routes/profile.js';
import { recordRoutes } from './routes/records.js';
import { replyRoutes } from './routes/replies.js';
import { sessionRoutes } from './routes/session.js';
import { toneRoutes } from './routes/tone.js';
import { uiRoutes } from './routes/ui.js';
import { allowedOrigins, csrfCheck, hostCheck, requireSession, securityHeaders, type Binding } from './security.js';
import { cachingSessions, DEFAULT_SESSION_CACHE_MS } from './session-cache.js';
import type { WebAssets } from './web.js';

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
  /** The linked mailboxes and the outbox worker to nudge (routes/outbox.ts); without them nothing can be scheduled. */
  readonly outbox?: OutboxRouteOptions;
  /**
   * The key that seals linked mailboxes' passwords (routes/mailbox.ts): your own app's data-folder
   * `mail-key`; a shared server derives its own from `secret` when none is given. Without it your own
   * app shows the link but cannot link, sync or unlock one.
   */
  readonly mailKey?: MailKey;
  /** Who syncs which mailbox when: `afterword serve` shares one with its timed sync, so Sync now never runs beside it. */
  readonly mailSyncGate?: MailSyncGate;
  /**
   * The check of every mail server a job seeker names, before each connection (default on a shared
   * server: addressGuard() on the system's resolver; tests give their own resolver).
   */
  readonly mailGuard?: EndpointGuard;
}

// ---------------------------------------------------------------- app

/** The mail key the routes seal with: the given one, else a shared server's from its secret (as serve's outbox worker derives it). */
function mailKeyOption(options: ServerOptions): { mailKey?: MailKey } {
  if (options.mailKey !== undefined) return { mailKey: options.mailKey };
  return options.accounts ? { mailKey: mailKeyFromSecret(options.secret) } : {};
}

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

  const ctx: RouteContext = { speller };

  // The job seeker's own records: every route acts for `c.var.app`, the signed-in user's deps.
  const records = new Hono<Env>()
    .route('/', sessionRoutes(secret))
    .route('/', agendaRoutes())
    .route('/', profileRoutes())
    .route('/', applicationRoutes())
    .route('/', toneRoutes(ctx))
    .route('/', fileRoutes())
    .route('/', draftRoutes(ctx))
    .route('/', debriefPreviewRoutes(ctx))
    .route('/', boardRoutes())
    .route('/', offerRoutes())
    .route('/', recordRoutes())
    .route('/', replyRoutes())
    .route('/', outboxRoutes(ctx, options.outbox))
    .route('/', mailboxRoutes({
      shared: options.accounts === true, ...mailKeyOption(options),
      ...(options.mailSyncGate !== undefined ? { gate: options.mailSyncGate } : {}), ...(options.mailGuard !== undefined ? { guard: options.mailGuard } : {}),
    }));

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
    .route('/api', calendarRoutes({ secret, accounts: options.accounts === true, accountDeps, local }))
    .route('/api', routes)
    // Key sign-in, the UI's files and its page for every other path.
    .route('/', uiRoutes(options));

  server.notFound((c: Context) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  server.onError(onError(options.logError, options.outage));
  return server;
}

/** The app's type, for the web UI's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createServer>;
