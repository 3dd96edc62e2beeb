/**
 * Linking a mailbox (issue 16, item 1): check what was typed, log in to IMAP (and SMTP) once to
 * prove it works, seal the password and keep the account. TLS is required except on loopback and
 * certificates are verified (Node's defaults, never turned off). Failures are `bad_input` errors
 * that name the setting at fault and say what to do; the password never appears in one.
 *
 * The login is a part of its own (`MailLogin`, shared with the outbox's send.ts): an app password
 * today; an OAuth access token (imapflow's and nodemailer's XOAUTH2) can take its place later
 * without touching the sync.
 */
import type { ImapFlow } from 'imapflow';
import { AppError, type Problem } from '../errors.js';
import type { AppDeps } from '../records.js';
import type { UserId } from '../ports.js';
import { openSecret, sealSecret, type MailKey } from './credentials.js';
import type { MailConnection, MailboxOf } from './outbox.js';
import { isLoopback, reachOf, type MailLogin } from './send.js';
import { MAIL_SECURITIES, type MailAccount, type MailEndpoint, type MailSecurity } from './types.js';

/**
 * Checks a mail server's name just before it is contacted and gives the endpoint to connect to, its
 * checked address pinned (`connectTo`); an AppError about the setting `key` (named as `names` has it) when it is refused. A shared
 * server's (address-guard.ts): its own machine and network are not the seeker's mail provider.
 */
export type EndpointGuard = (server: MailEndpoint, key: 'imapHost' | 'smtpHost', names: FieldNames) => Promise<MailEndpoint>;

/** The use cases' dependencies: the records, and the key that seals and opens mailbox secrets. */
export interface MailDeps extends AppDeps {
  readonly mailKey: MailKey;
  /** Where the server contacts mail servers for others (a shared server): each is checked and pinned first. */
  readonly guard?: EndpointGuard;
}

/** What the user types to link a mailbox (flags in the CLI, the form in Settings). */
export interface ConnectInput {
  readonly imapHost: string;
  readonly imapPort?: number;
  readonly imapSecurity?: MailSecurity;
  readonly smtpHost?: string;
  readonly smtpPort?: number;
  readonly smtpSecurity?: MailSecurity;
  readonly user: string;
  /** The user's address (default: the user name when it is one). */
  readonly address?: string;
  readonly password: string;
}

/** Names of the settings, for messages: the CLI's flags or the form's labels; null: the words alone (a linked account's settings, typed long ago). */
export type FieldNames = Readonly<Record<'imapHost' | 'imapPort' | 'imapSecurity' | 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'user' | 'address' | 'password', string | null>>;

export const CLI_FIELDS: FieldNames = {
  imapHost: '--imap-host', imapPort: '--imap-port', imapSecurity: '--imap-security', smtpHost: '--smtp-host', smtpPort: '--smtp-port',
  smtpSecurity: '--smtp-security', user: '--user', address: '--address', password: '--password-stdin',
};

/** A linked account's settings, reached by a sync or the outbox: no flag or form is in front of the user, so the words stand alone. */
export const LINKED_FIELDS: FieldNames = {
  imapHost: null, imapPort: null, imapSecurity: null, smtpHost: null, smtpPort: null, smtpSecurity: null, user: null, address: null, password: null,
};

export const FORM_FIELDS: FieldNames = {
  imapHost: 'IMAP server', imapPort: 'IMAP port', imapSecurity: 'IMAP security', smtpHost: 'SMTP server', smtpPort: 'SMTP port',
  smtpSecurity: 'SMTP security', user: 'User name', address: 'Email address', password: 'App password',
};

const DEFAULT_PORTS: Readonly<Record<'imap' | 'smtp', Readonly<Record<MailSecurity, number>>>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$|^::1$/;
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
/** How long connecting may take before it is called unreachable. */
const TIMEOUT_MS = 15_000;

type FieldKey = keyof FieldNames;

/** An error about the setting `key`: its path is the key, and the message names it as `names` does (a flag, a label, or nothing). */
export function settingError(key: FieldKey, names: FieldNames, problem: Problem, cause?: unknown): AppError {
  return new AppError(problem, { path: key, at: names[key], ...(cause !== undefined ? { cause } : {}) });
}

function endpoint(kind: 'imap' | 'smtp', host: string | undefined, port: number | undefined, security: MailSecurity | undefined, names: FieldNames): MailEndpoint {
  const hostKey = kind === 'imap' ? 'imapHost' : 'smtpHost';
  const portKey = kind === 'imap' ? 'imapPort' : 'smtpPort';
  const securityKey = kind === 'imap' ? 'imapSecurity' : 'smtpSecurity';
  const h = (host ?? '').trim().toLowerCase();
  if (h === '') throw settingError(hostKey, names, { reason: 'mail.host_missing', params: { kind } });
  if (!HOST.test(h) || h.length > 253) throw settingError(hostKey, names, { reason: 'mail.host_invalid', params: { kind, value: h } });
  const sec = security ?? (isLoopback(h) ? 'none' : kind === 'imap' ? 'tls' : 'starttls');
  if (!(MAIL_SECURITIES as readonly string[]).includes(sec)) throw settingError(securityKey, names, { reason: 'mail.security_invalid' });
  if (sec === 'none' && !isLoopback(h)) throw settingError(securityKey, names, { reason: 'mail.must_encrypt', params: { host: h } });
  const p = port ?? DEFAULT_PORTS[kind][sec];
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw settingError(portKey, names, { reason: 'mail.port_invalid', params: { value: String(port) } });
  return { host: h, port: p, security: sec };
}

/** The account's settings from what was typed; errors name the setting (`names`). Nothing is contacted. */
export function checkConnectInput(input: ConnectInput, names: FieldNames = CLI_FIELDS): { imap: MailEndpoint; smtp: MailEndpoint; user: string; address: string } {
  const imap = endpoint('imap', input.imapHost, input.imapPort, input.imapSecurity, names);
  const smtpHost = input.smtpHost ?? imap.host.replace(/^imap\./, 'smtp.');
  const smtp = endpoint('smtp', smtpHost, input.smtpPort, input.smtpSecurity, names);
  const user = input.user.trim();
  if (user === '') throw settingError('user', names, { reason: 'mail.user_missing' });
  if (user.length > 320 || /[\r\n\0]/.test(user)) throw settingError('user', names, { reason: 'mail.user_invalid' });
  const address = (input.address ?? (ADDRESS.test(user) ? user : '')).trim().toLowerCase();
  if (address === '') throw settingError('address', names, { reason: 'mail.address_missing' });
  if (!ADDRESS.test(address) || address.length > 320) throw settingError('address', names, { reason: 'mail.address_invalid', params: { value: address } });
  if (input.password === '') throw settingError('password', names, { reason: 'mail.password_empty' });
  if (/[\r\n\0]/.test(input.password)) throw settingError('password', names, { reason: 'mail.password_line_break' });
  return { imap, smtp, user, address };
}

/** What a mail server said when a command failed, on one line and at most 200 characters. */
export function serverSaid(error: unknown): string {
  const e = error as { responseText?: unknown; message?: unknown };
  const text = typeof e.responseText === 'string' ? e.responseText : typeof e.message === 'string' ? e.message : 'unknown error';
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

/** Why a connection failed, in words that say what to do (never the password). */
export function connectionFailure(error: unknown, kind: 'IMAP' | 'SMTP', server: MailEndpoint, names: FieldNames): AppError {
  const e = error as { authenticationFailed?: unknown; code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const where = `${server.host}:${server.port}`;
  const hostKey = kind === 'IMAP' ? 'imapHost' : 'smtpHost';
  const securityKey = kind === 'IMAP' ? 'imapSecurity' : 'smtpSecurity';
  if (e.authenticationFailed === true || code === 'EAUTH' || code === 'AUTHENTICATIONFAILED' || (kind === 'SMTP' && e.responseCode === 535)) {
    return settingError('password', names, { reason: 'mail.login_refused', params: { kind, where } }, error);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS/.test(code)) {
    const why = code === 'CERT_HAS_EXPIRED' ? 'expired' : /SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/.test(code) ? 'unsigned' : /ALTNAME/.test(code) ? 'other_name' : 'unverified';
    return settingError(hostKey, names, { reason: 'mail.untrusted', params: { kind, where, host: server.host, why } }, error);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return settingError(hostKey, names, { reason: 'mail.no_such_host', params: { host: server.host } }, error);
  if (['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'ECONNECTION', 'ESOCKET', 'ECONNRESET', 'EPIPE'].includes(code)) {
    return settingError(hostKey, names, { reason: 'mail.unreachable', params: { kind, where } }, error);
  }
  if (/STARTTLS|TLS/i.test(typeof e.message === 'string' ? e.message : '')) {
    return settingError(securityKey, names, { reason: 'mail.encryption_mismatch', params: { kind, where } }, error);
  }
  return settingError(hostKey, names, { reason: 'mail.connect_failed', params: { kind, where } }, error);
}

/** imapflow's options for an endpoint and a login (TLS verified; none only on loopback). */
export function imapOptions(server: MailEndpoint, login: MailLogin) {
  const reach = reachOf(server);
  if (server.security === 'none' && !reach.loopback) {
    throw new AppError({ reason: 'mail.must_encrypt', params: { host: server.host } }, { path: 'imapSecurity', at: 'imap.security' });
  }
  const auth = 'password' in login ? { user: login.user, pass: login.password } : { user: login.user, accessToken: login.accessToken };
  return {
    host: reach.host, port: server.port, secure: server.security === 'tls',
    doSTARTTLS: server.security === 'starttls' ? true : server.security === 'none' ? false : undefined,
    ...(reach.servername !== undefined ? { servername: reach.servername } : {}),
    auth, logger: false as const, disableAutoIdle: true,
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: 60_000,
  };
}

/** A logged-in IMAP client; errors as `connectionFailure`. The caller logs it out. */
export async function openImap(server: MailEndpoint, login: MailLogin, names: FieldNames = CLI_FIELDS): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow(imapOptions(server, login));
  // A connection that drops later is reported by the command that used it, not as an unhandled event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw connectionFailure(error, 'IMAP', server, names);
  }
  return client;
}

/** Logs in to SMTP once (nodemailer's verify) without sending anything. */
export async function verifySmtp(server: MailEndpoint, login: MailLogin, names: FieldNames = CLI_FIELDS): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  const auth = 'password' in login ? { user: login.user, pass: login.password } : { type: 'OAuth2' as const, user: login.user, accessToken: login.accessToken };
  const reach = reachOf(server);
  const transport = nodemailer.createTransport({
    host: reach.host, port: server.port, secure: server.security === 'tls', requireTLS: server.security === 'starttls', ignoreTLS: server.security === 'none',
    ...(reach.servername !== undefined ? { servername: reach.servername, tls: { servername: reach.servername } } : {}),
    auth, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.verify();
  } catch (error) {
    throw connectionFailure(error, 'SMTP', server, names);
  } finally {
    transport.close();
  }
}

export interface ConnectOptions {
  /** Log in to SMTP too (default true); off only where there is no SMTP server to ask yet. */
  readonly checkSmtp?: boolean;
  readonly names?: FieldNames;
}

export interface Connected {
  readonly account: MailAccount;
  /** The folders the sync reads: the inbox and the one the server marks \Sent. */
  readonly inbox: string;
  readonly sent: string | undefined;
  /** The server keeps modification sequences (CONDSTORE): an incremental sync also sees flag changes. */
  readonly condstore: boolean;
}

/** Checks the input, logs in to both servers and links the mailbox (replacing a linked one). */
export async function connectMailbox(deps: MailDeps, input: ConnectInput, options: ConnectOptions = {}): Promise<Connected> {
  const names = options.names ?? CLI_FIELDS;
  const { imap, smtp, user, address } = checkConnectInput(input, names);
  const login: MailLogin = { user, password: input.password };
  // Both servers are checked before either is contacted; the connections go to the addresses checked.
  const imapTo = deps.guard ? await deps.guard(imap, 'imapHost', names) : imap;
  const smtpTo = deps.guard && options.checkSmtp !== false ? await deps.guard(smtp, 'smtpHost', names) : smtp;
  const client = await openImap(imapTo, login, names);
  let sent: string | undefined;
  let condstore: boolean;
  try {
    const folders = await client.list();
    sent = folders.find((f) => f.specialUse === '\\Sent')?.path;
    condstore = client.capabilities.has('CONDSTORE');
    await client.logout();
  } catch (error) {
    client.close();
    throw connectionFailure(error, 'IMAP', imap, names);
  }
  if (options.checkSmtp !== false) await verifySmtp(smtpTo, login, names);
  const account: MailAccount = {
    imap, smtp, login: user, address, authMethod: 'password', secret: sealSecret(deps.mailKey, deps.userId, input.password),
    status: 'connected', connectedAt: deps.clock.now(),
  };
  await deps.store.mail.saveAccount(deps.userId, account);
  return { account, inbox: 'INBOX', sent, condstore };
}

/** Unlinks the mailbox; false when none was linked. What the mail already changed stays. */
export function disconnectMailbox(deps: MailDeps): Promise<boolean> {
  return deps.store.mail.deleteAccount(deps.userId);
}

/** The login of a linked account, its secret opened for one use. */
export function loginOf(key: MailKey, userId: UserId, account: MailAccount): MailLogin {
  const secret = openSecret(key, userId, account.secret);
  return account.authMethod === 'xoauth2' ? { user: account.login, accessToken: secret } : { user: account.login, password: secret };
}

/** The outbox's view of a user's linked mailbox (outbox.ts `MailboxOf`). */
export function mailboxOf(deps: Pick<MailDeps, 'store' | 'mailKey' | 'guard'>): MailboxOf {
  return async (userId: UserId): Promise<MailConnection | undefined> => {
    const account = await deps.store.mail.getAccount(userId);
    if (!account) return undefined;
    const login = loginOf(deps.mailKey, userId, account);
    // Checked (and pinned) for each use: a name may point elsewhere since it was linked.
    const smtp = deps.guard ? await deps.guard(account.smtp, 'smtpHost', LINKED_FIELDS) : account.smtp;
    const imap = deps.guard ? await deps.guard(account.imap, 'imapHost', LINKED_FIELDS) : account.imap;
    return { address: account.address, smtp: { endpoint: smtp, login }, imap: { endpoint: imap, login } };
  };
}
