/**
 * The mailbox's special-use folders (RFC 6154) over IMAP (imapflow): a draft put in \Drafts (flag
 * \Draft) for the user to send from their own mail program, a sent note's copy put in \Sent, and
 * whether \Sent already holds a message (by its Message-ID), which tells a resumed send that its
 * note left before the server stopped.
 */
import type { ImapFlow } from 'imapflow';
import { AppError, type Problem } from '../errors.js';
import { serverSaid } from './connect.js';
import { reachOf, type MailLogin } from './send.js';
import type { MailEndpoint } from './types.js';

/** Where and how to reach the mailbox by IMAP. */
export interface ImapTarget {
  readonly endpoint: MailEndpoint;
  readonly login: MailLogin;
}

type Client = ImapFlow;
type SpecialUse = '\\Drafts' | '\\Sent';

const FOLDER_WORDS: Readonly<Record<SpecialUse, string>> = { '\\Drafts': 'Drafts', '\\Sent': 'Sent' };
const TIMEOUT_MS = 20_000;

/** Connects, runs `fn`, logs out (or drops the connection when `fn` failed). */
export async function withImap<T>(target: ImapTarget, fn: (client: Client) => Promise<T>): Promise<T> {
  const { host, port, security } = target.endpoint;
  const reach = reachOf(target.endpoint);
  if (security === 'none' && !reach.loopback) {
    throw new AppError({ reason: 'mail.must_encrypt', params: { host } }, { path: 'imapSecurity', at: 'imap.security' });
  }
  const { ImapFlow } = await import('imapflow');
  const auth = 'password' in target.login
    ? { user: target.login.user, pass: target.login.password }
    : { user: target.login.user, accessToken: target.login.accessToken };
  const client = new ImapFlow({
    host: reach.host, port, ...(reach.servername !== undefined ? { servername: reach.servername } : {}), secure: security === 'tls', ...(security === 'starttls' ? { doSTARTTLS: true } : security === 'none' ? { doSTARTTLS: false } : {}),
    auth, logger: false, disableAutoIdle: true,
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
  });
  // A connection that drops later is reported by the command that used it, not as an unhandled event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new AppError(imapFailure(error, host), { cause: error });
  }
  try {
    const result = await fn(client);
    await client.logout();
    return result;
  } catch (error) {
    client.close();
    if (error instanceof AppError) throw error;
    throw new AppError({ reason: 'mail.server_failed', params: { host, said: serverSaid(error) } }, { cause: error });
  }
}

function imapFailure(error: unknown, host: string): Problem {
  const e = error as { authenticationFailed?: unknown; code?: unknown };
  if (e.authenticationFailed === true) return { reason: 'mail.server_refused_login', params: { host } };
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH') return { reason: 'mail.server_unreachable', params: { host, retried: false } };
  return { reason: 'mail.server_failed', params: { host, said: serverSaid(error) } };
}

/** The path of the folder marked `use` (\Drafts, \Sent); an AppError saying so when the mailbox has none. */
export async function specialFolder(client: Client, use: SpecialUse): Promise<string> {
  const folders = await client.list();
  const found = folders.find((f) => f.specialUse === use);
  if (!found) throw new AppError({ reason: 'mail.no_folder', params: { name: FOLDER_WORDS[use] } });
  return found.path;
}

/** Puts the message in the Drafts folder, marked \Draft; returns the folder's name. */
export async function appendToDrafts(target: ImapTarget, raw: Buffer): Promise<{ readonly folder: string }> {
  return withImap(target, async (client) => {
    const folder = await specialFolder(client, '\\Drafts');
    await client.append(folder, raw, ['\\Draft', '\\Seen']);
    return { folder };
  });
}

/** Puts a copy of a sent message in the Sent folder (read), dated when it left. */
export async function appendToSent(target: ImapTarget, raw: Buffer, sentAt: number): Promise<{ readonly folder: string }> {
  return withImap(target, async (client) => {
    const folder = await specialFolder(client, '\\Sent');
    await client.append(folder, raw, ['\\Seen'], new Date(sentAt));
    return { folder };
  });
}

/** Whether the Sent folder holds a message with this Message-ID. */
export async function sentHolds(target: ImapTarget, messageId: string): Promise<boolean> {
  return withImap(target, async (client) => {
    const folder = await specialFolder(client, '\\Sent');
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  });
}
