/**
 * `afterword admin …`: running a shared server from its terminal (organisations, accounts,
 * invitations, resets, coach assignments, sign-outs, deactivation). Tokens are printed once and never stored.
 */
import type { Command } from 'commander';
import {
  assign, checkPassword, createAccount, createOrganisation, DEFAULT_POLICY, invite, issueReset, normaliseEmail, parseRole,
  type AccountDeps,
} from '../../app/accounts.js';
import { deactivateAccount, reactivateAccount } from '../../app/admin.js';
import { AppError } from '../../app/errors.js';
import type { Account, Organisation, Role } from '../../app/ports.js';
import type { AppDeps } from '../../app/records.js';
import { isStorableText } from '../../app/storable.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';

const PUBLIC_URL_ENV = 'AFTERWORD_PUBLIC_URL';

type Flags = Readonly<Record<string, string>>;

/** Runs `run`, turning a use case's `email: …` into `--email: …` (the accounts use cases name fields in the message). */
async function flagged<T>(flags: Flags, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.field !== undefined) {
      const flag = flags[error.field];
      const prefix = `${error.field}: `;
      if (flag !== undefined && error.message.startsWith(prefix)) {
        throw error.namedAt(flag);
      }
    }
    throw error;
  }
}

function required(value: string | undefined, flag: string, example: string): string {
  if (value !== undefined && value.trim() !== '') return value;
  throw new AppError({ reason: 'flag.required', params: { flag, example } }, { at: flag });
}

/** Text the database can keep, on one line (the use cases would blame the wrong field for a NUL). */
function plain(value: string, flag: string): string {
  if (!isStorableText(value)) throw new AppError({ reason: 'flag.unstorable' }, { at: flag });
  if (/\p{Cc}/u.test(value)) throw new AppError({ reason: 'flag.control_character' }, { at: flag });
  return value;
}

/** An organisation that exists, checked before anything is written (or a password hashed). */
async function organisation(deps: AccountDeps, id: string | undefined): Promise<string | undefined> {
  if (id === undefined) return undefined;
  if (!(await deps.accounts.listOrganisations()).some((o) => o.id === id)) {
    throw new AppError({ reason: 'admin.unknown_organisation', params: { id } }, { at: '--org' });
  }
  return id;
}

function accountDeps(deps: AppDeps): AccountDeps {
  return { accounts: deps.store.accounts, clock: deps.clock, policy: DEFAULT_POLICY };
}

/** The account with that email, or an error naming the flag. */
async function byEmail(deps: AccountDeps, text: string, flag: string): Promise<Account> {
  const email = normaliseEmail(plain(text, flag), flag);
  const found = await deps.accounts.findCredentials(email);
  if (!found) throw new AppError({ reason: 'admin.no_account', params: { email } }, { at: flag });
  return found.account;
}

async function withRole(deps: AccountDeps, text: string, flag: string, role: Role, noun: string): Promise<Account> {
  const account = await byEmail(deps, text, flag);
  if (account.role !== role) throw new AppError({ reason: 'admin.wrong_role', params: { email: account.email, role: account.role, noun } }, { at: flag });
  return account;
}

/** The server's address as people open it: the flag, else the environment (empty means unset); links are paths without it. */
function publicUrlOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): URL | undefined {
  const fromEnv = env[PUBLIC_URL_ENV];
  const text = flag ?? (fromEnv === '' ? undefined : fromEnv);
  if (text === undefined) return undefined;
  const setting = flag !== undefined ? '--public-url' : `${PUBLIC_URL_ENV} (or --public-url)`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new AppError({ reason: 'admin.public_url', params: { value: text } }, { at: setting });
  }
  return url;
}

/** Reads the password piped on standard input (one line; its line ending is not part of it). */
function passwordFromStdin(io: CliIo): string {
  let text: string;
  try {
    text = io.readFile('-');
  } catch (error) {
    throw new AppError({ reason: 'password_stdin.unreadable' }, { at: '--password-stdin', cause: error });
  }
  const password = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(password)) throw new AppError({ reason: 'password_stdin.lines' }, { at: '--password-stdin' });
  if (password === '') throw new AppError({ reason: 'password_stdin.empty' }, { at: '--password-stdin' });
  checkPassword(password, '--password-stdin');
  return password;
}

// ---------------------------------------------------------------- rendering

interface OneTimeLink {
  readonly token: string;
  /** `/accept?token=…` or `/reset?token=…`: the path on the server. */
  readonly path: string;
  /** The full address, when the server's public URL is known. */
  readonly url?: string;
  readonly expiresAt: string;
}

function oneTimeLink(page: 'accept' | 'reset', made: { token: string; expiresAt: number }, base: URL | undefined): OneTimeLink {
  const path = `/${page}?token=${made.token}`;
  // As the server's own links: its origin, then the page.
  return { token: made.token, path, ...(base ? { url: `${base.origin}${path}` } : {}), expiresAt: new Date(made.expiresAt).toISOString() };
}

export function renderLink(link: OneTimeLink): string {
  const lines = [
    `  token: ${link.token}`,
    `  link:  ${link.path}`,
    ...(link.url !== undefined ? [`  url:   ${link.url}`] : []),
    `It works once, until ${link.expiresAt}, and is shown only now.${link.url === undefined ? ` Add --public-url (or ${PUBLIC_URL_ENV}) to print the full address.` : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

function accountJson(account: Account): Record<string, unknown> {
  return { id: account.id, email: account.email, name: account.name, role: account.role, organisationId: account.organisationId ?? null };
}

export interface AccountLine {
  readonly account: Account;
  readonly organisationName?: string;
  /** Coaches only: how many job seekers they follow. */
  readonly seekers?: number;
}

/** The accounts as aligned columns, with the organisations above. */
export function renderAccounts(organisations: readonly Organisation[], lines: readonly AccountLine[]): string {
  const orgs = organisations.length === 0
    ? 'Organisations: none yet (afterword admin create-org ID NAME)'
    : `Organisations: ${organisations.map((o) => `${o.id} (${o.name})`).join(', ')}`;
  if (lines.length === 0) return `${orgs}\nNo accounts yet; create one with afterword admin create-user or invite someone with afterword admin invite.\n`;
  const rows = [
    ['EMAIL', 'NAME', 'ROLE', 'ORGANISATION', 'SEEKERS'],
    ...lines.map((l) => [
      l.account.email, l.account.name, `${l.account.role}${l.account.deactivatedAt !== undefined ? ' (deactivated)' : ''}`, l.account.organisationId ?? '-',
      l.seekers === undefined ? '' : String(l.seekers),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const table = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  return `${orgs}\n\n${table.join('\n')}\n`;
}

// ---------------------------------------------------------------- commands

interface JsonOption { json?: boolean }
interface UserOptions extends JsonOption { email?: string; name?: string; role?: string; org?: string; passwordStdin?: boolean; publicUrl?: string }
interface InviteOptions extends JsonOption { email?: string; role?: string; org?: string; coach?: string; publicUrl?: string }
interface ResetOptions extends JsonOption { email?: string; publicUrl?: string }
interface PairOptions extends JsonOption { coach?: string; seeker?: string }
interface EmailOptions extends JsonOption { email?: string }

const ACCOUNT_FLAGS: Flags = { email: '--email', name: '--name', organisation: '--org', password: '--password-stdin' };
const PUBLIC_URL_HELP = `the server's address as people open it, for full links (default: $${PUBLIC_URL_ENV})`;

export function registerAdmin(program: Command, io: CliIo): void {
  const admin = program.command('admin')
    .description('Run a shared server: organisations, accounts, invitations, password resets, coaches and their job seekers.')
    .addHelpText('after', `
Run it where the server's database is: the same --data-dir, or --database-url / DATABASE_URL for PostgreSQL.
Tokens are shown once; only their hash is kept.

Examples:
  $ afterword admin create-org city-careers "City Careers"
  $ afterword admin invite --email sam@example.org --role seeker --org city-careers --coach dana@example.org
  $ DATABASE_URL=postgres://afterword@db/afterword afterword admin list`);

  admin.command('create-org')
    .description('Create an organisation (a careers service, a school…) that accounts belong to.')
    .argument('<id>', 'short id: lower-case letters, digits and dashes, e.g. city-careers')
    .argument('<name>', 'its name as people know it')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword admin create-org city-careers "City Careers"
  $ afterword admin create-org north-uni "Northern University Careers Service" --json`)
    .action(async (id: string, name: string, opts: JsonOption, cmd: Command) => withApp(io, cmd, async (deps) => {
      const org = await createOrganisation(accountDeps(deps), { id, name: plain(name.trim(), '<name>') });
      if (opts.json) printJson(io, { organisation: org });
      else io.stdout(`Created organisation ${org.id} (${org.name}).\n`);
    }));

  admin.command('create-user')
    .description('Create an account. Without --password-stdin it has no password yet: hand over the one-time link printed so the person sets their own.')
    .option('--email <email>', 'their email, used to sign in')
    .option('--name <name>', 'their name')
    .option('--role <role>', 'seeker, coach or admin')
    .option('--org <id>', 'the organisation they belong to')
    .option('--password-stdin', 'read the password from standard input (never give one on the command line)')
    .option('--public-url <url>', PUBLIC_URL_HELP)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword admin create-user --email dana@example.org --name "Dana Reyes" --role coach --org city-careers
  $ printf %s "$PASSWORD" | afterword admin create-user --email ops@example.org --name "Ops" --role admin --password-stdin
  $ afterword admin create-user --email sam@example.org --name "Sam Lee" --role seeker --public-url https://afterword.example.org`)
    .action(async (opts: UserOptions, cmd: Command) => {
      const email = normaliseEmail(plain(required(opts.email, '--email', 'dana@example.org'), '--email'), '--email');
      const name = plain(required(opts.name, '--name', '"Dana Reyes"'), '--name');
      const role = parseRole(required(opts.role, '--role', 'seeker'), '--role');
      const base = publicUrlOf(opts.publicUrl, io.env ?? {});
      const password = opts.passwordStdin ? passwordFromStdin(io) : undefined;
      await withApp(io, cmd, async (deps) => {
        const org = await organisation(accountDeps(deps), opts.org);
        // One transaction: an account is never left without its way in.
        const made = await deps.store.transaction(async (tx) => {
          const ad: AccountDeps = { ...accountDeps(deps), accounts: tx.accounts };
          const account = await flagged(ACCOUNT_FLAGS, () => createAccount(ad, {
            email, name, role, ...(org !== undefined ? { organisationId: org } : {}), ...(password !== undefined ? { password } : {}),
          }));
          return { account, reset: password === undefined ? oneTimeLink('reset', await issueReset(ad, account.id), base) : undefined };
        });
        if (opts.json) {
          printJson(io, { account: accountJson(made.account), reset: made.reset ?? null });
          return;
        }
        const a = made.account;
        io.stdout(`Created ${a.role} ${a.name} <${a.email}>${a.organisationId !== undefined ? ` in ${a.organisationId}` : ''}.\n`);
        if (made.reset) io.stdout(`No password yet: give ${a.name} this link to set one (afterword admin reset --email ${a.email} makes a new one).\n${renderLink(made.reset)}`);
      });
    });

  admin.command('invite')
    .description('Invite someone by a one-time link: they choose their name and password, and the account is theirs.')
    .option('--email <email>', 'who is invited')
    .option('--role <role>', 'seeker, coach or admin')
    .option('--org <id>', 'the organisation they will belong to')
    .option('--coach <email>', 'job seekers: the coach who will follow them')
    .option('--public-url <url>', PUBLIC_URL_HELP)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
The invitation works once, for ${DEFAULT_POLICY.invitationMs / 86_400_000} days, at /accept?token=… on the server.

Examples:
  $ afterword admin invite --email sam@example.org --role seeker --org city-careers --coach dana@example.org
  $ afterword admin invite --email dana@example.org --role coach --org city-careers --public-url https://afterword.example.org`)
    .action(async (opts: InviteOptions, cmd: Command) => {
      const email = normaliseEmail(plain(required(opts.email, '--email', 'sam@example.org'), '--email'), '--email');
      const role = parseRole(required(opts.role, '--role', 'seeker'), '--role');
      if (opts.coach !== undefined && role !== 'seeker') throw new AppError({ reason: 'admin.coach_for_seeker_only' }, { at: '--coach' });
      const base = publicUrlOf(opts.publicUrl, io.env ?? {});
      await withApp(io, cmd, async (deps) => {
        const ad = accountDeps(deps);
        const org = await organisation(ad, opts.org);
        const coach = opts.coach !== undefined ? await withRole(ad, opts.coach, '--coach', 'coach', 'coach') : undefined;
        const made = await flagged({ ...ACCOUNT_FLAGS, coach: '--coach' }, () => invite(ad, {
          email, role, ...(org !== undefined ? { organisationId: org } : {}), ...(coach ? { coachId: coach.id } : {}),
        }));
        const link = oneTimeLink('accept', made, base);
        if (opts.json) {
          printJson(io, { email, role, organisationId: opts.org ?? null, coach: coach?.email ?? null, ...link });
          return;
        }
        io.stdout(`Invited ${email} as ${role}${opts.org !== undefined ? ` in ${opts.org}` : ''}${coach ? `, followed by ${coach.name} <${coach.email}>` : ''}.\n${renderLink(link)}`);
      });
    });

  admin.command('reset')
    .description('Make a one-time link to set a new password (earlier ones stop working); using it ends every session of the account.')
    .option('--email <email>', 'whose password')
    .option('--public-url <url>', PUBLIC_URL_HELP)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
The link works once, for ${DEFAULT_POLICY.resetMs / 60_000} minutes, at /reset?token=… on the server. A new account made here without
--password-stdin gets such a link too.

Examples:
  $ afterword admin reset --email sam@example.org
  $ afterword admin reset --email sam@example.org --public-url https://afterword.example.org --json`)
    .action(async (opts: ResetOptions, cmd: Command) => {
      const email = required(opts.email, '--email', 'sam@example.org');
      const base = publicUrlOf(opts.publicUrl, io.env ?? {});
      await withApp(io, cmd, async (deps) => {
        const ad = accountDeps(deps);
        const account = await byEmail(ad, email, '--email');
        const link = oneTimeLink('reset', await issueReset(ad, account.id), base);
        if (opts.json) printJson(io, { email: account.email, ...link });
        else io.stdout(`Password reset for ${account.name} <${account.email}>.\n${renderLink(link)}`);
      });
    });

  /** `assign` and `unassign`: a coach and a job seeker by email; `act` changes the link between them. */
  const pairCommand = (name: 'assign' | 'unassign', description: string, act: (ad: AccountDeps, coachEmail: string, seekerEmail: string) => Promise<{ coach: Account; seeker: Account }>) => {
    const assigned = name === 'assign';
    admin.command(name)
      .description(description)
      .option('--coach <email>', 'the coach')
      .option('--seeker <email>', 'the job seeker')
      .option('--json', 'print as JSON')
      .addHelpText('after', `
Example:
  $ afterword admin ${name} --coach dana@example.org --seeker sam@example.org`)
      .action(async (opts: PairOptions, cmd: Command) => {
        const coachEmail = required(opts.coach, '--coach', 'dana@example.org');
        const seekerEmail = required(opts.seeker, '--seeker', 'sam@example.org');
        await withApp(io, cmd, async (deps) => {
          const { coach, seeker } = await act(accountDeps(deps), coachEmail, seekerEmail);
          if (opts.json) printJson(io, { coach: coach.email, seeker: seeker.email, assigned });
          else io.stdout(`${coach.name} <${coach.email}> ${assigned ? 'now follows' : 'no longer follows'} ${seeker.name} <${seeker.email}>.\n`);
        });
      });
  };

  pairCommand('assign', 'Let a coach follow a job seeker: read their plans and comment on them.', async (ad, coachEmail, seekerEmail) => {
    const coach = await withRole(ad, coachEmail, '--coach', 'coach', 'coach');
    const seeker = await withRole(ad, seekerEmail, '--seeker', 'seeker', 'job seeker');
    await assign(ad, coach.id, seeker.id);
    return { coach, seeker };
  });

  pairCommand('unassign', 'Stop a coach following a job seeker.', async (ad, coachEmail, seekerEmail) => {
    const coach = await byEmail(ad, coachEmail, '--coach');
    const seeker = await byEmail(ad, seekerEmail, '--seeker');
    if (!(await ad.accounts.unassignCoach(coach.id, seeker.id))) {
      throw new AppError({ reason: 'admin.not_following', params: { coach: coach.email, seeker: seeker.email } }, { at: '--seeker' });
    }
    return { coach, seeker };
  });

  /** A command on one account named by --email, with --json: sign-out, deactivate, reactivate. */
  const onAccount = (name: string, description: string, whose: string, run: (ad: AccountDeps, account: Account, deps: AppDeps, json: boolean) => Promise<void>): void => {
    admin.command(name)
      .description(description)
      .option('--email <email>', whose)
      .option('--json', 'print as JSON')
      .addHelpText('after', `
Example:
  $ afterword admin ${name} --email sam@example.org`)
      .action(async (opts: EmailOptions, cmd: Command) => {
        const email = required(opts.email, '--email', 'sam@example.org');
        await withApp(io, cmd, async (deps) => {
          const ad = accountDeps(deps);
          await run(ad, await byEmail(ad, email, '--email'), deps, opts.json === true);
        });
      });
  };

  onAccount('sign-out', 'End every session of an account (every browser it is signed in on).', 'whose sessions', async (ad, account, _deps, json) => {
    const ended = await ad.accounts.deleteSessions(account.id);
    if (json) printJson(io, { email: account.email, ended });
    else io.stdout(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${account.name} <${account.email}>.\n`);
  });

  onAccount('deactivate', 'Deactivate an account: it can no longer sign in (answered as a wrong password), its sessions, calendar feed and reset link end at once, and its mailbox is no longer synced. Nothing is deleted; reactivate undoes it. The last active admin stays active.', 'whose account', async (ad, account, deps, json) => {
    const done = await deactivateAccount(ad, undefined, account.id);
    const since = new Date(done.account.deactivatedAt ?? deps.clock.now()).toISOString();
    if (json) printJson(io, { email: account.email, deactivatedAt: since, ended: done.sessionsEnded });
    else {
      io.stdout(`Deactivated ${account.name} <${account.email}> (since ${since}): they can no longer sign in; ${done.sessionsEnded} session${done.sessionsEnded === 1 ? '' : 's'} ended.
`
        + `Their records are kept. afterword admin reactivate --email ${account.email} lets them sign in again.
`);
    }
  });

  onAccount('reactivate', 'Reactivate a deactivated account: it signs in again with its own password (its calendar feed is made anew in Settings).', 'whose account', async (ad, account, _deps, json) => {
    const was = account.deactivatedAt !== undefined;
    await reactivateAccount(ad, undefined, account.id);
    if (json) printJson(io, { email: account.email, reactivated: was });
    else io.stdout(was ? `Reactivated ${account.name} <${account.email}>: they can sign in again with their password.
` : `${account.name} <${account.email}> was not deactivated.
`);
  });

  admin.command('list')
    .description('The organisations and every account: role, organisation, and how many job seekers each coach follows.')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword admin list
  $ afterword admin list --json`)
    .action(async (opts: JsonOption, cmd: Command) => withApp(io, cmd, async (deps) => {
      const accounts = deps.store.accounts;
      const [organisations, list] = await Promise.all([accounts.listOrganisations(), accounts.listAccounts()]);
      const names = new Map(organisations.map((o) => [o.id, o.name]));
      const lines: AccountLine[] = [];
      for (const account of list) {
        const organisationName = account.organisationId !== undefined ? names.get(account.organisationId) : undefined;
        lines.push({
          account, ...(organisationName !== undefined ? { organisationName } : {}),
          ...(account.role === 'coach' ? { seekers: (await accounts.seekersOf(account.id)).length } : {}),
        });
      }
      if (opts.json) {
        printJson(io, {
          organisations,
          accounts: lines.map((l) => ({
            ...accountJson(l.account), organisationName: l.organisationName ?? null,
            deactivatedAt: l.account.deactivatedAt === undefined ? null : new Date(l.account.deactivatedAt).toISOString(),
            ...(l.seekers !== undefined ? { seekers: l.seekers } : {}),
          })),
        });
        return;
      }
      io.stdout(renderAccounts(organisations, lines));
    }));
}
