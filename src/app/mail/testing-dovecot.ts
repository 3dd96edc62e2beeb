/**
 * A throw-away IMAP server for tests (issue 16): Debian's Dovecot (`dovecot-imapd`, /usr/sbin/dovecot)
 * run in the foreground with a config of its own in a temp folder, on a free loopback port, users in
 * a passwd-file and their mail in maildirs, with the special-use folders Sent and Drafts. Plain IMAP
 * on loopback; with `tls: true` also IMAPS on a second port with a self-signed certificate (what a
 * client must refuse). Dovecot's login process refuses to run as root, so it runs as `dovenull` and
 * the mail as `dovecot`: the harness must run as root (tests and CI do). `dovecotMissing()` says why
 * not when it cannot run here. Messages go in by IMAP APPEND.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { parseScenario } from '../../core/scenario.js';
import type { TimeRules } from '../../core/time.js';
import type { Store, UserId } from '../ports.js';

const run = promisify(execFile);

export const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';

export interface DovecotUser {
  readonly login: string;
  readonly password: string;
}

export interface DovecotOptions {
  readonly users: readonly DovecotUser[];
  /** Also listen for IMAPS with a self-signed certificate (`tlsPort`). */
  readonly tls?: boolean;
}

export interface AppendOptions {
  readonly flags?: readonly string[];
  /** The internal date (when the server received it); default: the message's Date header. */
  readonly date?: Date;
}

export interface Dovecot {
  readonly host: '127.0.0.1';
  /** Plain IMAP (loopback only). */
  readonly port: number;
  /** IMAPS with a certificate no client trusts, when started with `tls`. */
  readonly tlsPort: number | undefined;
  readonly dir: string;
  /** A connected client of `login` (the caller logs it out). */
  client(login: string): Promise<ImapFlow>;
  /** Appends raw messages to `folder` ('INBOX', 'Sent', 'Drafts'); returns their UIDs. */
  append(login: string, folder: string, messages: readonly (string | Buffer)[], options?: AppendOptions): Promise<number[]>;
  /** Sets a folder's UIDVALIDITY (as a server migration or a restore would): every UID held is void. */
  setUidValidity(login: string, folder: string, uidValidity: number): Promise<void>;
  /** Drops every connection of `login` at once (`doveadm kick`), as a server restart or a lost network would. */
  kick(login: string): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

interface Account {
  readonly uid: number;
  readonly gid: number;
}

function account(name: string): Account | undefined {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why Dovecot cannot run here, or undefined when it can. */
export function dovecotMissing(): string | undefined {
  if (!existsSync(DOVECOT)) return `${DOVECOT} is missing: apt-get install -y dovecot-imapd`;
  if (userInfo().uid !== 0) return 'Dovecot for tests must be started as root (it drops to the dovecot and dovenull users)';
  if (!account('dovecot') || !account('dovenull')) return 'the dovecot and dovenull users are missing: reinstall dovecot-core';
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves once the server greets on `port`; rejects after `ms` with the log's tail. */
async function greeting(port: number, ms: number, log: () => string, exited: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => { socket.destroy(); resolve(data.toString('latin1').startsWith('* OK')); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (exited() || Date.now() > until) throw new Error(`Dovecot did not start on port ${port}:\n${log().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function config(dir: string, port: number, tlsPort: number | undefined): string {
  // Each `{` opens a block on its own line (Dovecot 2.3's parser).
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = ${tlsPort === undefined ? 'no' : 'yes'}
${tlsPort === undefined ? '' : `ssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem`}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
mail_max_userip_connections = 1000
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort ?? 0}
    ssl = yes
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
}
`;
}

/** A message's Date header as the moment it arrived (as a real delivery would have it), else now. */
function dateOf(message: string | Buffer): Date | undefined {
  const head = (typeof message === 'string' ? message : message.toString('latin1')).split(/\r?\n\r?\n/, 1)[0] ?? '';
  const found = /^Date:[ \t]*(.+)$/im.exec(head);
  const at = found ? new Date(found[1]!.trim()) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

/** Starts Dovecot with `users`; always `stop()` it (an `afterAll`). */
export async function startDovecot(options: DovecotOptions): Promise<Dovecot> {
  const missing = dovecotMissing();
  if (missing) throw new Error(missing);
  const mailUser = account('dovecot')!;
  const dir = mkdtempSync(join(tmpdir(), 'afterword-dovecot-'));
  // The login and mail processes run as other users: they must reach the folder.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state']) mkdirSync(join(dir, sub));
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), mailUser.uid, mailUser.gid);
  const lines = options.users.map((u) => {
    if (/[:\n]/.test(u.login) || /[\n]/.test(u.password)) throw new Error(`a test user cannot have ":" or a line break: ${u.login}`);
    return `${u.login}:{PLAIN}${u.password}:${mailUser.uid}:${mailUser.gid}::${dir}/mail/${u.login}::`;
  });
  writeFileSync(join(dir, 'users'), `${lines.join('\n')}\n`, { mode: 0o640 });
  chownSync(join(dir, 'users'), 0, mailUser.gid);

  const port = await freePort();
  let tlsPort: number | undefined;
  if (options.tls) {
    tlsPort = await freePort();
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
  }
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(conf, config(dir, port, tlsPort));

  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited = false;
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.once('exit', () => { exited = true; });
  const log = () => {
    const file = join(dir, 'dovecot.log');
    return stderr + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  try {
    await greeting(port, 15_000, log, () => exited);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const passwords = new Map(options.users.map((u) => [u.login, u.password]));
  const client = async (login: string): Promise<ImapFlow> => {
    const pass = passwords.get(login);
    if (pass === undefined) throw new Error(`no test user ${login}`);
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user: login, pass }, logger: false, disableAutoIdle: true });
    await c.connect();
    return c;
  };

  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    dir,
    client,
    async append(login, folder, messages, appendOptions = {}) {
      const c = await client(login);
      try {
        const uids: number[] = [];
        for (const message of messages) {
          const r = await c.append(folder, message, [...(appendOptions.flags ?? [])], appendOptions.date ?? dateOf(message));
          if (!r || r.uid === undefined) throw new Error(`APPEND to ${folder} gave no UID`);
          uids.push(r.uid);
        }
        return uids;
      } finally {
        await c.logout();
      }
    },
    async setUidValidity(login, folder, uidValidity) {
      await run(DOVEADM, ['-c', conf, 'mailbox', 'update', '-u', login, '--uid-validity', String(uidValidity), folder]);
    },
    async kick(login) {
      await run(DOVEADM, ['-c', conf, 'kick', login]);
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        if (!exited) await once(child, 'exit');
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain-text message as a mail server holds it (CRLF line ends), for tests. */
export function plainMessage(m: { from: string; to: string; subject: string; date: string; body: string; id: string; inReplyTo?: string }): string {
  return [
    `From: ${m.from}`, `To: ${m.to}`, `Subject: ${m.subject}`, `Date: ${m.date}`, `Message-ID: ${m.id}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', m.body, '',
  ].join('\r\n');
}

/**
 * The worked example's thread in `login`'s mailbox: Jordan's thank-you to Dr. Okafor in Sent (Tue
 * 3 Mar 2026, 15:00 New York) and her reply in INBOX (Wed 4 Mar 2026, 09:30 New York) saying they
 * expect to decide by March 20. `tag` makes the Message-IDs its own (`<thanks-TAG@example.com>`).
 */
export async function appendThankYouThread(dovecot: Dovecot, login: string, tag: string): Promise<void> {
  await dovecot.append(login, 'Sent', [plainMessage({
    from: 'Jordan Lee <jordan@example.com>', to: 'Dr. Grace Okafor <g.okafor@acme.example>', subject: 'Thank you for today',
    date: 'Tue, 3 Mar 2026 15:00:00 -0500', id: `<thanks-${tag}@example.com>`,
    body: 'Dear Dr. Okafor,\r\n\r\nThank you for taking the time to speak with me today about the Data Analyst role.\r\n\r\nSincerely,\r\nJordan Lee',
  })]);
  await dovecot.append(login, 'INBOX', [plainMessage({
    from: 'Grace Okafor <g.okafor@acme.example>', to: 'jordan@example.com', subject: 'Re: Thank you for today', inReplyTo: `<thanks-${tag}@example.com>`,
    date: 'Wed, 4 Mar 2026 09:30:00 -0500', id: `<reply-${tag}@acme.example>`,
    body: 'Hi Jordan,\r\n\r\nThanks for your note. We have not made a decision yet; we expect to decide by March 20.\r\n\r\nBest,\r\nGrace',
  })]);
}

/**
 * The worked example (test/fixtures/contract/worked-example-1.json) recorded for `userId` in
 * `store`: its profile, candidate and applications, with `people` added to its application
 * (e.g. a second interviewer). The mail tests link a mailbox to it.
 */
export async function seedWorkedExample(store: Store, userId: UserId, time: TimeRules, people: readonly Record<string, unknown>[] = []): Promise<void> {
  await store.ensureUser({ id: userId, name: userId });
  const json = JSON.parse(readFileSync('test/fixtures/contract/worked-example-1.json', 'utf8')) as { applications: { people: Record<string, unknown>[] }[] };
  json.applications[0]!.people.push(...people);
  const parsed = parseScenario(json, time);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await store.saveSettings(userId, parsed.value.settings);
  await store.saveCandidate(userId, parsed.value.candidate);
  for (const app of parsed.value.applications) await store.saveApplication(userId, app);
}
