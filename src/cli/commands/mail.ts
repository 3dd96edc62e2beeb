/**
 * `afterword mail`: the mailbox link (issue 16). `connect` links a mailbox over IMAP and SMTP with an
 * app password read from standard input, `status` says how it stands, `sync` reads what was sent
 * and what came back, `proposals` lists what the employer's mail proposes and `accept`/`dismiss`
 * decide one, `disconnect` unlinks it; the outbox's commands are in mail-outbox.ts. See docs/mail.md.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { connectMailbox, disconnectMailbox, type ConnectInput, type MailDeps } from '../../app/mail/connect.js';
import { acceptProposal, dismissProposal, mailStatus, pendingProposals, type MailStatusView, type ProposalView } from '../../app/mail/proposals.js';
import { createMailSyncGate } from '../../app/mail/sync-gate.js';
import type { SyncProgress, SyncReport } from '../../app/mail/sync.js';
import { MAIL_SECURITIES, type MailSecurity } from '../../app/mail/types.js';
import type { AppDeps } from '../../app/records.js';
import { formatWallClock } from '../../core/time.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { mailKeyOf, registerMailOutbox } from './mail-outbox.js';

interface ConnectOptions {
  imapHost?: string;
  imapPort?: string;
  imapSecurity?: string;
  smtpHost?: string;
  smtpPort?: string;
  smtpSecurity?: string;
  user?: string;
  address?: string;
  passwordStdin?: boolean;
  smtpCheck?: boolean;
  json?: boolean;
}

async function withMail<T>(io: CliIo, command: Command, fn: (deps: MailDeps) => Promise<T>): Promise<T> {
  const mailKey = mailKeyOf(io, command);
  return withApp(io, command, (deps: AppDeps) => fn({ ...deps, mailKey }));
}

function port(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 65535) {
    throw new AppError({ reason: 'mail_cli.port_invalid', params: { value: text } }, { path: flag });
  }
  return Number(text);
}

function security(text: string | undefined, flag: string): MailSecurity | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (!(MAIL_SECURITIES as readonly string[]).includes(value)) {
    throw new AppError({ reason: 'mail_cli.security_invalid', params: { value: text } }, { path: flag });
  }
  return value as MailSecurity;
}

/** The app password: the first line of standard input. */
function readPassword(io: CliIo, opts: ConnectOptions): string {
  if (!opts.passwordStdin) {
    throw new AppError({ reason: 'mail_cli.password_not_piped' }, { path: '--password-stdin' });
  }
  let text: string;
  try {
    text = io.readFile('-');
  } catch (error) {
    throw new AppError({ reason: 'mail_cli.password_unreadable' }, { path: '--password-stdin', cause: error });
  }
  return (text.split(/\r?\n/, 1)[0] ?? '');
}

const LINK_HINT = 'afterword mail connect --imap-host HOST --user YOU@EXAMPLE.COM --password-stdin';

function statusLines(s: MailStatusView, zone: Parameters<typeof formatWallClock>[0]): string {
  if (!s.linked) return `No mailbox is linked. Link one with: ${LINK_HINT}\n`;
  const lines = [
    `Mailbox: ${s.address} (user ${s.login})`,
    `IMAP: ${s.imap.host}:${s.imap.port} (${s.imap.security === 'none' ? 'no encryption, this machine only' : s.imap.security.toUpperCase()})`,
    `SMTP: ${s.smtp.host}:${s.smtp.port} (${s.smtp.security === 'none' ? 'no encryption, this machine only' : s.smtp.security.toUpperCase()})`,
    s.status === 'connected' ? 'Status: working' : `Status: failing: ${s.lastError ?? 'the last connection failed'}`,
    s.lastSyncAt !== undefined ? `Last sync: ${formatWallClock(zone, s.lastSyncAt)}` : 'Last sync: never (run afterword mail sync)',
    `Messages read: ${s.messages.touch} sent by you, ${s.messages.proposal} from employers, ${s.messages.bounce} bounced, ${s.messages.ignored} set aside`,
    `Proposals waiting for you: ${s.pending}`,
  ];
  return `${lines.join('\n')}\n`;
}

function syncLines(r: SyncReport): string {
  if (r.since === undefined) return 'No active application, so there is no mail to read yet.\n';
  const read = r.folders.reduce((n, f) => n + f.read, 0);
  const lines = [
    read === 0 ? 'No new mail since the last sync.' : `Read ${read} new message${read === 1 ? '' : 's'} (${r.folders.map((f) => `${f.path} ${f.read}`).join(', ')}).`,
  ];
  if (r.touches > 0) lines.push(`Recorded ${r.touches} message${r.touches === 1 ? '' : 's'} you sent as touches.`);
  if (r.proposals > 0) lines.push(`${r.proposals} employer message${r.proposals === 1 ? '' : 's'} to review: afterword mail proposals`);
  if (r.bounces > 0) lines.push(`${r.bounces} message${r.bounces === 1 ? '' : 's'} bounced: the address is marked unverified; see afterword mail proposals`);
  for (const s of r.suspicious) lines.push(`Warning: ${s.address} passes for ${s.resembles} but is another domain; its mail was not matched.`);
  return `${lines.join('\n')}\n`;
}

/** A one-line progress bar on a terminal for a first sync, redrawn at most every 100 ms. */
function progressBar(io: CliIo): (p: SyncProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.done < p.total && now - last < 100) return;
    last = now;
    const share = p.total === 0 ? 1 : p.done / p.total;
    const width = 24;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    io.stderr(`\rReading ${p.folder} [${bar}] ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}${p.done === p.total ? '\n' : ''}`);
  };
}

/**
 * A full garbage collection after each batch the sync stores. A batch's headers and bodies are
 * garbage once it is stored, but V8 lets the heap grow far past what is alive while a process
 * allocates fast: a first sync of 10,000 messages peaked at 357 MB (bench/mail-sync.bench.ts).
 * Only in the CLI's own process, which does nothing else meanwhile: a server's timed sync leaves
 * collection to V8. Undefined where the engine will not expose it.
 */
const EVERY_BATCHES = 3;

function collectAfterEachBatch(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    let batches = 0;
    return () => { if (++batches % EVERY_BATCHES === 0) (gc as () => void)(); };
  } catch {
    return undefined;
  }
}

function proposalLines(list: readonly ProposalView[]): string {
  if (list.length === 0) return 'Nothing is waiting: no employer message proposes a change.\n';
  return `${list.map((p) => `#${p.id} ${p.headline}\n    ${p.detail}`).join('\n')}\n`;
}

export function registerMail(program: Command, io: CliIo): void {
  const mail = program.command('mail').description('Link your mailbox: what you send and what comes back follows into the plan, and notes leave at their moment.');

  mail.command('connect')
    .description('Link a mailbox over IMAP and SMTP with an app password read from standard input.')
    .option('--imap-host <host>', 'IMAP server, such as imap.fastmail.com')
    .option('--imap-port <port>', 'IMAP port (default 993 with tls, 143 with starttls)')
    .option('--imap-security <tls|starttls|none>', 'encryption (default tls; none only for a server on this machine)')
    .option('--smtp-host <host>', 'SMTP server (default: the IMAP server with smtp. for imap.)')
    .option('--smtp-port <port>', 'SMTP port (default 465 with tls, 587 with starttls)')
    .option('--smtp-security <tls|starttls|none>', 'encryption (default starttls; none only for a server on this machine)')
    .option('--user <name>', 'the user name you log in with (often your email address)')
    .option('--address <email>', 'your email address (default: the user name)')
    .option('--password-stdin', 'read the app password from the first line of standard input')
    .option('--no-smtp-check', 'do not log in to SMTP now (only IMAP is checked)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Make an app password for Afterword in your mail provider's security settings and
pipe it in: it is never read from a flag (it would stay in your shell history).
Afterword logs in once to check it, then keeps it encrypted with the key in the
data folder's mail-key file. TLS is required except for a server on this machine,
and certificates are verified. Connecting again replaces the linked mailbox.

Examples:
  $ afterword mail connect --imap-host imap.fastmail.com --user you@fastmail.com --password-stdin < app-password.txt
  $ afterword mail connect --imap-host imap.gmail.com --user you@gmail.com --password-stdin < app-password.txt
  $ afterword mail connect --imap-host mail.example.org --smtp-host mail.example.org --smtp-port 465 --smtp-security tls \\
      --user jordan --address jordan@example.org --password-stdin < app-password.txt`)
    .action(async (opts: ConnectOptions, command: Command) => {
      const password = readPassword(io, opts);
      const input: ConnectInput = {
        imapHost: opts.imapHost ?? '', user: opts.user ?? '', password,
        ...(opts.imapPort !== undefined ? { imapPort: port(opts.imapPort, '--imap-port')! } : {}),
        ...(opts.imapSecurity !== undefined ? { imapSecurity: security(opts.imapSecurity, '--imap-security')! } : {}),
        ...(opts.smtpHost !== undefined ? { smtpHost: opts.smtpHost } : {}),
        ...(opts.smtpPort !== undefined ? { smtpPort: port(opts.smtpPort, '--smtp-port')! } : {}),
        ...(opts.smtpSecurity !== undefined ? { smtpSecurity: security(opts.smtpSecurity, '--smtp-security')! } : {}),
        ...(opts.address !== undefined ? { address: opts.address } : {}),
      };
      await withMail(io, command, async (deps) => {
        const done = await connectMailbox(deps, input, { checkSmtp: opts.smtpCheck !== false });
        const a = done.account;
        if (opts.json) {
          printJson(io, { address: a.address, imap: a.imap, smtp: a.smtp, sentFolder: done.sent ?? null, condstore: done.condstore });
          return;
        }
        io.stdout(`Linked ${a.address}: logged in to ${a.imap.host} (IMAP)${opts.smtpCheck !== false ? ` and ${a.smtp.host} (SMTP)` : ''}.\n`);
        io.stdout(done.sent ? `Sent mail is read from "${done.sent}".\n` : 'Warning: the server marks no folder as Sent, so only the inbox is read.\n');
        io.stdout('Next: afterword mail sync\n');
      });
    });

  mail.command('status')
    .description('The linked mailbox, how the last sync went and what waits for you.')
    .option('--json', 'print it as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withMail(io, command, async (deps) => {
        const s = await mailStatus(deps);
        if (opts.json) printJson(io, s);
        else io.stdout(statusLines(s, deps.time.zone(s.timeZone)));
      });
    });

  mail.command('sync')
    .description('Read the Sent folder and the inbox since your earliest active application.')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Mail you sent to a person of an application becomes a touch (a thank-you, a status
check, an update or a reply); the employer's mail becomes a proposal that waits for
you (afterword mail proposals); a bounce marks the address unverified. Each message
is read once: a second sync reads only what is new. While "afterword serve" runs
(your own app or a shared server) it syncs by itself every 5 minutes.`)
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withMail(io, command, async (deps) => {
        if (!await deps.store.mail.getAccount(deps.userId)) throw new AppError({ reason: 'mail_cli.not_linked', params: {} }, { path: 'mailbox', at: null });
        const first = (await deps.store.mail.listFolders(deps.userId)).length === 0;
        // Through the sync gate, as a server's Sync now: never beside a server's timed sync of the same mailbox (on PostgreSQL).
        const bar = io.interactive && first && !opts.json ? progressBar(io) : undefined;
        const collect = collectAfterEachBatch();
        const report = await createMailSyncGate().syncNow(deps, bar !== undefined || collect !== undefined ? {
          onProgress: (p) => { collect?.(); bar?.(p); },
        } : {});
        if (opts.json) printJson(io, report);
        else io.stdout(syncLines(report));
      });
    });

  mail.command('proposals')
    .description('What the employers\' mail proposes, waiting for you to accept or dismiss.')
    .option('--json', 'print them as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withMail(io, command, async (deps) => {
        const list = await pendingProposals(deps);
        if (opts.json) printJson(io, list);
        else io.stdout(proposalLines(list));
      });
    });

  for (const decision of ['accept', 'dismiss'] as const) {
    const sub = mail.command(`${decision} <number>`)
      .description(decision === 'accept' ? 'Apply what an employer\'s message proposes (recorded as their reply, naming the message).' : 'Set a proposal aside; nothing changes.');
    if (decision === 'accept') sub.option('--decision-by <YYYY-MM-DD>', 'the decision date they meant, when their words read two ways');
    sub.action(async (number: string, opts: { decisionBy?: string }, command: Command) => {
      if (!/^#?\d{1,9}$/.test(number.trim())) {
        throw new AppError({ reason: 'mail_cli.not_proposal_number', params: { value: number } }, { path: 'number', at: '<number>' });
      }
      const id = Number(number.trim().replace(/^#/, ''));
      await withMail(io, command, async (deps) => {
        const done = decision === 'accept'
          ? await acceptProposal(deps, id, opts.decisionBy !== undefined ? { decisionBy: opts.decisionBy } : {})
          : await dismissProposal(deps, id);
        io.stdout(`${done.words}\n`);
      });
    });
  }

  registerMailOutbox(mail, io);

  mail.command('disconnect')
    .description('Unlink the mailbox and delete its saved password; what the mail already changed stays.')
    .action(async (_opts: unknown, command: Command) => {
      await withMail(io, command, async (deps) => {
        io.stdout(await disconnectMailbox(deps) ? 'The mailbox is unlinked and its password deleted. Touches and proposals it made stay.\n' : 'No mailbox was linked.\n');
      });
    });
}
