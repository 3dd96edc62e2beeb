/**
 * Submitting a message by SMTP (nodemailer): the exact bytes the outbox built, to the envelope's
 * recipients, over TLS with a verified certificate (no TLS only on loopback). The login is a part of
 * its own, a password today and an OAuth access token (XOAUTH2) later, in the same place.
 */
import { isIP } from 'node:net';
import { AppError, type Problem } from '../errors.js';
import type { MailEndpoint } from './types.js';

/** How the mail servers are logged in to: an app password, or an OAuth access token (XOAUTH2). */
export type MailLogin =
  | { readonly user: string; readonly password: string }
  | { readonly user: string; readonly accessToken: string };

/** Where and how to submit mail. */
export interface SmtpTarget {
  readonly endpoint: MailEndpoint;
  readonly login: MailLogin;
}

export interface Envelope {
  readonly from: string;
  readonly to: readonly string[];
}

/** How long each step of a submission may take, and the whole of it: a send that hangs ends well before the outbox's lease (40 s). */
const TIMEOUT_MS = 20_000;
const TOTAL_MS = 30_000;

/** Loopback hosts, the only ones reached without TLS. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Where a connection to `server` goes: its checked address when a guard pinned one (so a name that
 * resolves elsewhere by the time of connecting is not followed), else its name; the name TLS checks
 * the certificate against (none for an address or loopback); and whether the connection stays on
 * this machine (the only place reached without TLS).
 */
export function reachOf(server: MailEndpoint): { readonly host: string; readonly servername: string | undefined; readonly loopback: boolean } {
  const host = server.connectTo ?? server.host;
  return { host, servername: isLoopback(server.host) || isIP(server.host) !== 0 ? undefined : server.host, loopback: isLoopback(host) };
}

/**
 * Submits `raw` (an RFC 5322 message) to `envelope.to`. A refusal by the server (wrong login, a
 * recipient refused, a connection that fails) is an `unavailable` AppError with the server's own
 * words; `temporary` tells whether trying again later may work.
 */
export async function submit(target: SmtpTarget, envelope: Envelope, raw: Buffer): Promise<{ readonly response: string }> {
  const { host, port, security } = target.endpoint;
  const reach = reachOf(target.endpoint);
  if (security === 'none' && !reach.loopback) {
    throw new AppError({ reason: 'mail.must_encrypt', params: { host } }, { path: 'smtpSecurity', at: 'smtp.security' });
  }
  const { default: nodemailer } = await import('nodemailer');
  const auth = 'password' in target.login
    ? { user: target.login.user, pass: target.login.password }
    : { type: 'OAuth2' as const, user: target.login.user, accessToken: target.login.accessToken };
  const transport = nodemailer.createTransport({
    host: reach.host, port,
    ...(reach.servername !== undefined ? { servername: reach.servername, tls: { servername: reach.servername } } : {}),
    secure: security === 'tls', requireTLS: security === 'starttls', ignoreTLS: security === 'none',
    auth,
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
    disableFileAccess: true, disableUrlAccess: true,
  });
  // Closing the transport fails the send in flight.
  const cutOff = setTimeout(() => transport.close(), TOTAL_MS);
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: [...envelope.to] }, raw });
    return { response: String(info.response ?? '') };
  } catch (error) {
    throw new AppError(smtpFailure(error, host), { cause: error });
  } finally {
    clearTimeout(cutOff);
    transport.close();
  }
}

/** Whether trying again later may work: a 4xx reply or a connection that failed (5xx replies are final). */
export function isTemporary(error: unknown): boolean {
  const cause = error instanceof AppError ? error.cause : error;
  const code = (cause as { responseCode?: unknown } | undefined)?.responseCode;
  if (typeof code === 'number') return code < 500;
  return true;
}

function smtpFailure(error: unknown, host: string): Problem {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  if (e.code === 'EAUTH') return { reason: 'mail.server_refused_login', params: { host } };
  if (e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET' || e.code === 'EDNS') {
    return { reason: 'mail.server_unreachable', params: { host, retried: true } };
  }
  if (typeof e.responseCode === 'number') {
    const said = typeof e.response === 'string' ? e.response.replace(/[\r\n]+/g, ' ').slice(0, 200) : '';
    return { reason: 'mail.server_refused_message', params: { host, status: e.responseCode, said } };
  }
  return { reason: 'mail.server_failed', params: { host, said: typeof e.message === 'string' ? e.message.slice(0, 200) : 'unknown error' } };
}
