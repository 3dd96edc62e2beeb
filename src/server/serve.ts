/**
 * Listening: the app on @hono/node-server, bound to one address (loopback by default), with what a
 * server behind a proxy needs around it: `/healthz`, one log line per request, the trusted-proxy
 * rule for the client's address and scheme, and a stop that lets requests in flight finish.
 */
import { createServer as createHttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { AccountPolicy } from '../app/accounts.js';
import type { SpellerLoader } from '../app/speller.js';
import type { Deps } from '../deps.js';
import type { MailKey } from '../app/mail/credentials.js';
import type { EndpointGuard } from '../app/mail/connect.js';
import type { MailSyncGate } from '../app/mail/sync-gate.js';
import { createServer } from './app.js';
import type { PasswordGateOptions } from './password-gate.js';
import { OUTAGE_RETRY_AFTER_S, outageWatch, type OutageEvent } from './outage.js';
import { clientAddress, forwardedSecure, requestLogLine, TRUST_NOBODY, type Forwarded, type TrustProxy } from './ops.js';
import type { RequestEnv, RequestInfo } from './request-env.js';
import type { OutboxRouteOptions } from './routes/outbox.js';
import { defaultWebDir, loadWebAssets, type WebAssets } from './web.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4600;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const HEALTH_PATH = '/healthz';
/** A database that does not answer within this is as down as one that refuses, for a load balancer. */
const PING_TIMEOUT_MS = 2_000;

export interface StartOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly secret: string;
  readonly speller?: SpellerLoader;
  readonly logError?: (error: unknown) => void;
  /** The built UI; default: this package's dist/web, when built. */
  readonly web?: WebAssets;
  /** Whom to believe about the client's address and scheme; default: nobody (the socket's peer is the client). */
  readonly trustProxy?: TrustProxy;
  /** Receives the request log, one JSON line (without newline) per request; default: no log. */
  readonly log?: (line: string) => void;
  /** How long close() lets requests in flight run before cutting their connections; default 10 s. */
  readonly shutdownTimeoutMs?: number;
  /** A shared server with accounts (app.ts ServerOptions). */
  readonly accounts?: boolean;
  /** The address users open, behind a proxy (app.ts ServerOptions). */
  readonly publicUrl?: string;
  /** Password hashing cost and lockout (app.ts ServerOptions; tests lower the cost). */
  readonly policy?: AccountPolicy;
  readonly signInsPerMinute?: number;
  /** Password checks at once and their wait (app.ts ServerOptions). */
  readonly passwordGate?: PasswordGateOptions;
  /** How long a session found is believed (app.ts ServerOptions). */
  readonly sessionCacheMs?: number;
  /** The linked mailboxes and the outbox worker to wake (app.ts ServerOptions). */
  readonly outbox?: OutboxRouteOptions;
  /** The key that seals mailbox passwords (app.ts ServerOptions): the data folder's on your own app. */
  readonly mailKey?: MailKey;
  /** Who syncs which mailbox when, shared with the timed sync (app.ts ServerOptions). */
  readonly mailSyncGate?: MailSyncGate;
  /** The check of mail servers named on a shared server (app.ts ServerOptions). */
  readonly mailGuard?: EndpointGuard;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** The address to open: with the key that signs the browser in, or (accounts) the sign-in page's. */
  readonly url: string;
  /**
   * Stops accepting connections, answers 503 to anything new (/healthz included), waits for the
   * requests in flight (at most `shutdownTimeoutMs`, then cuts them). The store stays open: the
   * caller owns it and closes it after this resolves.
   */
  close(): Promise<void>;
}

/** What the app gets as `c.env`: @hono/node-server's bindings plus ours. */
export type ServeEnv = HttpBindings & RequestEnv & { readonly info: RequestInfo };

/** Whether `host` is a loopback address (the only safe default for a single-user app). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Answers that do not go through the app (and so get none of its headers): JSON, never cached. */
function plain(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
  });
}

function isHttp1(bindings: HttpBindings | Http2Bindings): bindings is HttpBindings {
  return bindings.outgoing instanceof ServerResponse;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** An outage's start and end: a JSON line in the request log (level error, then info), else one message to `logError`. */
function tellOutage(event: OutageEvent, options: StartOptions): void {
  const time = new Date().toISOString();
  const line = event.kind === 'down'
    ? { time, level: 'error', event: 'database_unreachable', reason: event.reason, answer: `503 with Retry-After: ${OUTAGE_RETRY_AFTER_S} until it answers` }
    : { time, level: 'info', event: 'database_back', afterMs: Math.round(event.afterMs) };
  if (options.log) options.log(JSON.stringify(line));
  else if (event.kind === 'down') options.logError?.(new Error(`the database cannot be reached (${event.reason}); requests get 503 until it answers again`));
}

export async function startServer(deps: Deps, options: StartOptions): Promise<RunningServer> {
  const trust = options.trustProxy ?? TRUST_NOBODY;
  const { log } = options;
  // The Host check needs the real port, known only once listening (port 0): the app is built then.
  const ready: { app?: { fetch(request: Request, env: ServeEnv): Response | Promise<Response> } } = {};
  let stopping: Promise<void> | undefined;
  // Requests not yet done (handler settled and response closed), by response: close() waits for them.
  const inFlight = new Map<ServerResponse, Promise<void>>();

  async function health(method: string): Promise<Response> {
    if (method !== 'GET' && method !== 'HEAD') return plain(405, { error: `${HEALTH_PATH} answers GET and HEAD` }, { Allow: 'GET, HEAD' });
    const up = !stopping && await within(deps.store.ping(), PING_TIMEOUT_MS).then(() => true, () => false);
    return plain(up ? 200 : 503, { status: up ? 'ok' : 'unavailable' }, up ? {} : { 'Retry-After': String(OUTAGE_RETRY_AFTER_S) });
  }

  async function respond(request: Request, env: ServeEnv, path: string): Promise<Response> {
    if (path === HEALTH_PATH) return health(request.method);
    if (stopping) return plain(503, { error: 'the server is stopping; try again in a moment' });
    if (!ready.app) return plain(503, { error: 'the server is starting; try again in a moment' });
    return ready.app.fetch(request, env);
  }

  function handle(request: Request, bindings: HttpBindings | Http2Bindings): Promise<Response> {
    if (!isHttp1(bindings)) throw new Error('serve.ts creates an HTTP/1 server; got other bindings');
    const { incoming, outgoing } = bindings;
    const started = performance.now();
    const socket = incoming.socket;
    const bytesBefore = socket.bytesWritten;
    const forwarded: Forwarded = {
      peer: socket.remoteAddress,
      forwardedFor: request.headers.get('x-forwarded-for') ?? undefined,
      forwardedProto: request.headers.get('x-forwarded-proto') ?? undefined,
    };
    const clientIp = clientAddress(trust, forwarded);
    const env: ServeEnv = {
      incoming, outgoing, secure: forwardedSecure(trust, forwarded), info: {}, ...(clientIp !== undefined ? { clientIp } : {}),
    };
    // Only the path is ever logged: a query can hold the key or the calendar token.
    const path = new URL(request.url).pathname;
    if (stopping) outgoing.setHeader('Connection', 'close');
    const response = respond(request, env, path);
    const sent = new Promise<{ finished: boolean; bytes: number }>((resolve) => {
      outgoing.once('close', () => resolve({ finished: outgoing.writableFinished, bytes: socket.bytesWritten - bytesBefore }));
    });
    const done = Promise.allSettled([response, sent]).then(async () => {
      inFlight.delete(outgoing);
      // A response that went out before the stop began left its connection open and idle.
      if (stopping) server.closeIdleConnections();
      const { finished, bytes } = await sent;
      log?.(requestLogLine({
        // Nothing on the wire: the client saw no status (499, as nginx logs a client that left).
        time: new Date(), method: request.method, path, status: finished || bytes > 0 ? outgoing.statusCode : 499,
        ms: performance.now() - started, ip: clientIp, user: env.info.userId, bytes, aborted: !finished,
      }));
    }).catch((error: unknown) => options.logError?.(error));
    inFlight.set(outgoing, done);
    return response;
  }

  const server = createHttpServer(getRequestListener(handle, { hostname: options.host }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const web = options.web ?? loadWebAssets(defaultWebDir());
  // One line when the database stops answering and one when it is back, in the request log when
  // there is one: not a stack trace per refused request.
  const outage = outageWatch({ ping: () => within(deps.store.ping(), PING_TIMEOUT_MS), tell: (event) => tellOutage(event, options) });
  ready.app = createServer(deps, {
    host: options.host, port, secret: options.secret, ...(web ? { web } : {}),
    ...(options.speller ? { speller: options.speller } : {}), ...(options.logError ? { logError: options.logError } : {}),
    ...(options.accounts !== undefined ? { accounts: options.accounts } : {}), ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    ...(options.policy !== undefined ? { policy: options.policy } : {}), ...(options.signInsPerMinute !== undefined ? { signInsPerMinute: options.signInsPerMinute } : {}),
    ...(options.sessionCacheMs !== undefined ? { sessionCacheMs: options.sessionCacheMs } : {}), outage,
    ...(options.passwordGate !== undefined ? { passwordGate: options.passwordGate } : {}),
    ...(options.outbox !== undefined ? { outbox: options.outbox } : {}),
    ...(options.mailKey !== undefined ? { mailKey: options.mailKey } : {}),
    ...(options.mailSyncGate !== undefined ? { mailSyncGate: options.mailSyncGate } : {}),
    ...(options.mailGuard !== undefined ? { mailGuard: options.mailGuard } : {}),
  });

  async function stop(): Promise<void> {
    outage.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const outgoing of inFlight.keys()) if (!outgoing.headersSent) outgoing.setHeader('Connection', 'close');
    // Browsers and proxies keep idle connections open; without this the stop would wait for them.
    server.closeIdleConnections();
    const drained = (async () => {
      await closed;
      // Handlers can outlive their connection (the client left): the store must outlive them.
      while (inFlight.size > 0) await Promise.allSettled(inFlight.values());
    })();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS); });
    const late = await Promise.race([drained.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) {
      server.closeAllConnections();
      await closed;
    }
  }

  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    host: options.host,
    port,
    url: options.accounts ? options.publicUrl ?? `http://${shown}:${port}/` : `http://${shown}:${port}/?key=${options.secret}`,
    close: () => (stopping ??= stop()),
  };
}
