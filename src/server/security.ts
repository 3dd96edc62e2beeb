/**
 * The local server's defences: a Host check against DNS rebinding, a per-install secret that a
 * session cookie is derived from, CSRF protection on writes (custom header + Origin check) and
 * security headers (strict CSP) on every response. Sessions are stateless: a cookie holds a random
 * nonce and its HMAC under the secret, so rotating the secret file ends every session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from '../app/records.js';
import type { Env } from './routes/context.js';

export const SESSION_COOKIE = 'afterword_session';
/** Readable by the page's own script (double submit); useless to other origins, which cannot read it. */
export const CSRF_COOKIE = 'afterword_csrf';
export const CSRF_HEADER = 'X-Afterword-CSRF';
export const SECRET_FILE = 'server-secret';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where the server listens, for the Host and Origin checks. */
export interface Binding {
  readonly host: string;
  readonly port: number;
}

/** The per-install secret in `dataDir` (hex of 32 random bytes), created with mode 0600 on first start. */
export async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, SECRET_FILE);
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(text)) return text;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return secret;
}

function hmac(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('base64url');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new session cookie value: `nonce.mac`. */
export function newSession(secret: string): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${hmac(secret, `session:${nonce}`)}`;
}

/** The session's nonce when the cookie value is authentic, else undefined. */
export function verifySession(secret: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const dot = value.indexOf('.');
  if (dot <= 0) return undefined;
  const nonce = value.slice(0, dot);
  return sameSecret(value.slice(dot + 1), hmac(secret, `session:${nonce}`)) ? nonce : undefined;
}

/** The CSRF token bound to one session. */
export function csrfToken(secret: string, nonce: string): string {
  return hmac(secret, `csrf:${nonce}`);
}

/** The calendar feed's token: calendar apps cannot send cookies, so the feed has its own capability. */
export function calendarToken(secret: string): string {
  return hmac(secret, 'calendar-feed');
}

/** Host values a browser sends for this server: the bound host, localhost and 127.0.0.1, with the port. */
export function allowedHosts(binding: Binding): ReadonlySet<string> {
  const bound = binding.host.includes(':') && !binding.host.startsWith('[') ? `[${binding.host}]` : binding.host;
  return new Set([bound, 'localhost', '127.0.0.1'].map((h) => `${h.toLowerCase()}:${binding.port}`));
}

function requestHost(c: Context): string {
  return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
}

function problem(c: Context, status: 401 | 403 | 421, error: string): Response {
  return c.json({ error }, status);
}

/** DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`. */
export function hostCheck(binding: Binding, publicUrl?: URL): MiddlewareHandler {
  const allowed = new Set(allowedHosts(binding));
  // A public URL without a port has none in its Host header either.
  if (publicUrl) allowed.add(publicUrl.host.toLowerCase());
  return async (c, next) => {
    if (!allowed.has(requestHost(c))) return problem(c, 421, 'this server answers only to its own address; open the URL printed at start');
    return next();
  };
}

/** Every API route but the calendar feed needs an authentic session cookie (local install: the key's). */
export function requireSession(secret: string, local: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const nonce = verifySession(secret, getCookie(c, SESSION_COOKIE));
    if (nonce === undefined) return c.json({ error: 'not signed in: open the URL with ?key=… printed when the server started', signIn: 'key' }, 401);
    c.set('app', local);
    c.set('csrf', csrfToken(secret, nonce));
    return next();
  };
}

/** The origins (`http://host:port`) a browser of this server sends: the bound address's, and the public URL's. */
export function allowedOrigins(binding: Binding, publicUrl?: URL): ReadonlySet<string> {
  const out = new Set([...allowedHosts(binding)].map((h) => `http://${h}`));
  if (publicUrl) out.add(publicUrl.origin.toLowerCase());
  return out;
}

/**
 * Writes need the session's CSRF token in `X-Afterword-CSRF` (a header no cross-site form can
 * set, and that a cross-origin script could only send after a CORS preflight we never grant), and
 * an Origin, when the browser sends one, of this server. `checkToken: false` is for sign-in and
 * the other writes made before there is a session: they still need a same-origin request.
 */
export function csrfCheck(origins: ReadonlySet<string>, checkToken = true): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (WRITE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        let normal: string | undefined;
        try {
          normal = new URL(origin).origin.toLowerCase();
        } catch {
          normal = undefined;
        }
        if (normal === undefined || !origins.has(normal)) return problem(c, 403, 'cross-origin write refused (Origin is not this server)');
      }
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return problem(c, 403, 'cross-site write refused (Sec-Fetch-Site)');
      if (checkToken) {
        const token = c.req.header(CSRF_HEADER);
        if (token === undefined || !sameSecret(token, c.get('csrf'))) {
          return problem(c, 403, `missing or wrong ${CSRF_HEADER} header; read the token from GET /api/session`);
        }
      }
    }
    return next();
  };
}

export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** CSP and the other headers on every response; nothing is cached, nothing is framed, no referrer leaks the key. */
/** HSTS for a year when served over HTTPS: the browser then never tries plain HTTP for this host (no subdomains: they may be other services). */
export const HSTS = 'max-age=31536000';

/** `overHttps`: whether the browser reached us over HTTPS (a trusted proxy said so, or the public address is https). */
export function securityHeaders(overHttps: (c: Context) => boolean = () => false): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    // Only over HTTPS (set above): on plain HTTP on loopback it would be ignored, or pin localhost to HTTPS for other tools.
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    // Set before the handler runs: replacing headers of a finished response can drop the others on @hono/node-server.
    c.header('Cache-Control', 'no-store');
    if (overHttps(c)) c.header('Strict-Transport-Security', HSTS);
    return headers(c, next);
  };
}
