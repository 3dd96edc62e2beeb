/**
 * The catalogue of use-case errors: each reason's class (`code`), its parameters (typed by
 * `example`) and its words at each edge. `cli` is what a terminal shows after the field or flag
 * (it may name commands, flags and ids); `web` is what the web app shows under the field's label:
 * a plain sentence with no command, id, ISO instant or JSON path (absent: the reason never reaches
 * the web app, `cliOnly`, or its terminal words already name none of those). A test renders every
 * reason at both edges from its example and runs the tone check over them (reasons.test.ts).
 */
import { EMAIL_FIX, PHONE_FIX } from '../core/contact.js';
import type { DraftLookupError } from '../core/drafts/index.js';

/** Expected failures, mapped once per edge: exit code in the CLI, HTTP status in the server. */
export type ErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'internal' | 'unauthorized' | 'forbidden' | 'locked' | 'too_many' | 'unavailable';

export type Edge = 'cli' | 'web';

interface Spec<P> {
  readonly code: ErrorCode;
  /** Parameters to render in tests and docs; also the parameters' type. */
  readonly example: NoInfer<P>;
  readonly cli: (p: P) => string;
  readonly web?: (p: P) => string;
  /** Raised only by the CLI (flags, files, the data folder's lock): the web app never shows it. */
  readonly cliOnly?: true;
}

const reason = <P extends Readonly<Record<string, unknown>>>(spec: Spec<P>): Spec<P> => spec;

const TRUST_PROXY_USAGE = 'give the number of proxies in front (e.g. --trust-proxy 1) or their addresses, comma-separated (e.g. --trust-proxy 10.0.0.5,10.0.0.6 or 10.0.0.0/8)';
const mb = (bytes: number): number => Math.ceil(bytes / 1_048_576);
const quoted = (text: string, max = 80): string => `"${text.slice(0, max)}"`;
/** Why a mail server's certificate is not trusted. */
const CERTIFICATE: Readonly<Record<'expired' | 'unsigned' | 'other_name' | 'unverified', (host: string) => string>> = {
  expired: () => 'its certificate has expired',
  unsigned: () => 'its certificate is not signed by an authority this computer trusts',
  other_name: (host) => `its certificate is not made out to ${host}`,
  unverified: () => 'its certificate could not be verified',
};

export const REASONS = {
  /** The deprecated constructor's literal message (tests only; `npm run lint` refuses it in src/). */
  message: reason({ code: 'bad_input', example: { text: 'the reply is empty' }, cli: (p: { text: string }) => p.text }),

  // ---------------------------------------------------------------- storage (store/)
  // The store's own guards (store/drizzle-store.ts): a use case checks first, so these are seen only by a caller that did not.
  'import.map_form': reason({
    code: 'bad_input', example: { value: 'Job Position', flag: '--map', fields: 'company, role, status' },
    cli: (p: { value: string; flag: string; fields: string }) => `${quoted(p.value, 60)} is not COLUMN=FIELD; write e.g. ${p.flag} "Job Position=role" (fields: ${p.fields}, or skip)`,
    web: () => 'Match each column to a field, or choose to skip it.',
  }),
  'import.map_field': reason({
    code: 'bad_input', example: { value: 'wage', fields: 'company, role, status' },
    cli: (p: { value: string; fields: string }) => `${quoted(p.value, 40)} is not a field Afterword imports; use one of ${p.fields}, or skip to leave the column out`,
    web: (p) => `“${p.value.slice(0, 40)}” is not a field Afterword imports. Pick one from the list, or skip the column.`,
  }),
  'store.no_user': reason({
    code: 'not_found', example: { id: 'u_7f3a' },
    cli: (p: { id: string }) => `no user ${quoted(p.id)}; create it first`,
    web: () => 'This account does not exist.',
  }),
  'store.no_application': reason({
    code: 'not_found', example: { id: 'a12' },
    cli: (p: { id: string }) => `no application ${quoted(p.id, 40)}`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  'store.no_criterion': reason({
    code: 'not_found', example: { name: 'Pay' },
    cli: (p: { name: string }) => `no criterion ${quoted(p.name, 60)}`,
    web: (p) => `“${p.name}” is not one of your criteria.`,
  }),
  'store.due_without_kind': reason({
    code: 'bad_input', example: {},
    cli: () => 'a due instant needs the kind of action that is due',
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'store.closed': reason({
    code: 'internal', example: {},
    cli: () => 'the store is closed',
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'store.backup_version': reason({
    code: 'bad_input', example: { format: 'afterword-backup', version: 9, expectedFormat: 'afterword-backup', expectedVersion: 2 },
    cli: (p: { format: string; version: string | number; expectedFormat: string; expectedVersion: number }) => `not an Afterword backup (format "${p.format}", version ${String(p.version)}); expected "${p.expectedFormat}" version ${p.expectedVersion}`,
    web: () => 'This file is not an Afterword backup. Pick a file Afterword wrote as a backup.',
  }),
  'storage.disk_full': reason({
    code: 'unavailable', example: { folder: '/home/ada/.local/share/afterword', neededBytes: 8_388_608, freeBytes: 1_048_576 },
    cli: (p: { folder?: string; neededBytes: number; freeBytes?: number }) => (p.folder !== undefined
      ? `the disk that holds your records (${p.folder}) is full, so nothing was saved; free at least ${mb(p.neededBytes)} MB there${p.freeBytes !== undefined ? ` (${Math.floor(p.freeBytes / 1_048_576)} MB free now)` : ''} and try again`
      : 'the database server\'s disk is full, so nothing was saved; ask whoever runs the database server to free space, then try again'),
    web: (p) => (p.folder !== undefined
      ? `The disk that holds your records is full, so nothing was saved. Free at least ${mb(p.neededBytes)} MB on it and try again.`
      : 'The database server’s disk is full, so nothing was saved. Ask whoever runs it to free some space, then try again.'),
  }),
  'storage.damaged': reason({
    code: 'unavailable', example: { folder: '/home/ada/.local/share/afterword' },
    cli: (p: { folder?: string }) => (p.folder !== undefined
      ? `part of your records in ${p.folder} cannot be read: the database there is damaged; restore your latest backup (your backups are in ${p.folder}/backups)`
      : 'the database server reports damaged data; ask whoever runs it to check it and restore a backup'),
    web: (p) => (p.folder !== undefined
      ? 'Part of your records cannot be read because the database is damaged. Restore your latest backup.'
      : 'The database server reports damaged data. Ask whoever runs it to check it and restore a backup.'),
  }),
  'storage.stopped': reason({
    code: 'internal', example: {},
    cli: () => 'the embedded database stopped after an error; run the command again',
    web: () => 'The database stopped after an error. Restart Afterword and try again.',
  }),
  'storage.unreachable': reason({
    code: 'internal', cliOnly: true, example: { url: 'postgres://afterword@db.example.org:5432/afterword', reason: 'connect ECONNREFUSED' },
    cli: (p: { url: string; reason: string }) => `cannot connect to PostgreSQL at ${p.url} (DATABASE_URL): ${p.reason}; check that the server runs and the URL is right, or unset DATABASE_URL to use the built-in database`,
  }),
  'storage.direct_unreachable': reason({
    code: 'internal', cliOnly: true, example: { url: 'postgres://afterword@db.example.org:5432/afterword', reason: 'connect ECONNREFUSED' },
    cli: (p: { url: string; reason: string }) => `cannot connect to PostgreSQL at ${p.url} (DIRECT_DATABASE_URL, the database itself rather than its pooler): ${p.reason}; check that the server runs and the URL is right`,
  }),
  'storage.date_style': reason({
    code: 'internal', cliOnly: true, example: { url: 'postgres://afterword@db.example.org:6432/afterword', style: 'SQL, DMY' },
    cli: (p: { url: string; style: string }) => `the database at ${p.url} writes dates as "${p.style}", not ISO; add datestyle=ISO to its line in pgbouncer.ini, or run ALTER DATABASE … SET datestyle = 'ISO, MDY'`,
  }),
  'storage.taken': reason<{ says?: string; detail: string }>({
    code: 'conflict', example: { says: 'a criterion with this name already exists', detail: 'Key (user_id, name)=(u1, Pay) already exists.' },
    cli: (p) => [p.says, p.detail].filter((s) => s !== undefined).join(': '),
    web: (p) => sentence(p.says ?? 'this is recorded already'),
  }),
  'storage.in_use': reason<{ says?: string; detail: string }>({
    code: 'conflict', example: { says: 'the reference of a touch must be one of the candidate\'s references', detail: 'Key is still referenced from table "touches".' },
    cli: (p) => `still in use: ${[p.says, p.detail].filter((s) => s !== undefined).join(': ')}`,
    web: () => 'Other records still use this one. Change them first.',
  }),
  'storage.refused': reason<{ says?: string; detail: string }>({
    code: 'bad_input', example: { says: 'a rating must be a whole number from 0 to 5', detail: 'new row violates check constraint' },
    cli: (p) => [p.says, p.detail].filter((s) => s !== undefined).join(': '),
    web: (p) => sentence(p.says ?? 'the records cannot keep this value'),
  }),
  'text.nul': reason({
    code: 'bad_input', example: {},
    cli: () => 'contains a NUL character, which cannot be stored; remove it',
    web: () => 'It holds an invisible character that cannot be kept. Type the text again.',
  }),
  'text.broken': reason({
    code: 'bad_input', example: {},
    cli: () => 'contains a broken character (a lone UTF-16 surrogate); re-enter the text',
    web: () => 'It holds a broken character. Type the text again.',
  }),
  'text.byte_order_mark': reason({
    code: 'bad_input', example: {},
    cli: () => 'starts with an invisible byte-order mark (U+FEFF), which cannot be kept; remove it',
    web: () => 'It starts with an invisible character that cannot be kept. Type the text again.',
  }),
  'instant.out_of_range': reason({
    code: 'bad_input', example: { value: 8.64e15 },
    cli: (p: { value: number }) => `${p.value} is not an instant between years 1 and 9999 (whole epoch milliseconds)`,
    web: () => 'Pick a time between the years 1 and 9999.',
  }),
  'day.out_of_range': reason({
    code: 'bad_input', example: { value: 1.5 },
    cli: (p: { value: number }) => `${p.value} is not a date between years 1 and 9999 (whole days since 1970-01-01)`,
    web: () => 'Pick a day between the years 1 and 9999.',
  }),
  'amount.out_of_range': reason({
    code: 'bad_input', example: { value: -5, max: 1_000_000_000 },
    cli: (p: { value: number; max: number }) => `${p.value} must be an amount from 0 to ${p.max} with at most two decimals`,
    web: (p) => `Write an amount from 0 to ${p.max.toLocaleString('en-US')}, with at most two decimals.`,
  }),
  'number.out_of_range': reason({
    code: 'bad_input', example: { value: 11, min: 1, max: 10 },
    cli: (p: { value: number; min: number; max: number }) => `${p.value} must be a whole number from ${p.min} to ${p.max}`,
    web: (p) => `Use a whole number from ${p.min} to ${p.max}.`,
  }),
  'number.not_finite': reason({
    code: 'bad_input', example: {},
    cli: () => 'must be a finite number',
    web: () => 'Write a number.',
  }),
  'red_flag.manager_only_r6': reason({
    code: 'bad_input', example: {},
    cli: () => 'only R6 (the unprepared interviewer) says whether they would be the manager',
    web: () => 'Only the flag for an unprepared interviewer says whether they would be your manager.',
  }),
  'account.not_found': reason({
    code: 'not_found', example: { id: 'u_7f3a' },
    cli: (p: { id: string }) => `no account ${quoted(p.id)}`,
    web: () => 'This account does not exist.',
  }),
  'application.unknown': reason({
    code: 'not_found', example: { id: 'a12' },
    cli: (p: { id: string }) => `no application ${quoted(p.id)}`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  // ---------------------------------------------------------------- accounts (app/accounts.ts, app/admin.ts, server/routes/accounts.ts)
  'password.too_short': reason({
    code: 'bad_input', example: { min: 12 },
    cli: (p: { min: number }) => `too short; use at least ${p.min} characters (a few words make a good one)`,
    web: (p) => `Too short: use at least ${p.min} characters. A few words make a good one.`,
  }),
  'password.too_long': reason({
    code: 'bad_input', example: { max: 200 },
    cli: (p: { max: number }) => `too long; use at most ${p.max} characters`,
    web: (p) => `Too long: use at most ${p.max} characters.`,
  }),
  'email.invalid': reason({
    code: 'bad_input', example: { value: 'ada@' },
    cli: (p: { value: string }) => `${quoted(p.value)} is not an email address; give one like name@example.org`,
    web: () => 'Not an email address. Write it as name@example.com.',
  }),
  'role.unknown': reason({
    code: 'bad_input', example: { value: 'boss', roles: ['seeker', 'coach', 'admin'] },
    cli: (p: { value: string; roles: readonly string[] }) => `${quoted(p.value, 40)} is not a role; use one of ${p.roles.join(', ')}`,
    web: (p) => `Choose one of: ${p.roles.map(roleWords).join(', ')}.`,
  }),
  'account.name_required': reason({
    code: 'bad_input', example: {},
    cli: () => 'give the person\'s name (1–200 characters)',
    web: () => 'Write the person’s name, up to 200 characters.',
  }),
  'email.has_account': reason({
    code: 'conflict', example: { email: 'ada@example.org' },
    cli: (p: { email: string }) => `${p.email} already has an account`,
    web: () => 'This email already has an account. Send them a reset link instead.',
  }),
  'organisation.unknown': reason({
    code: 'bad_input', example: { id: 'city-careers' },
    cli: (p: { id: string }) => `no organisation ${quoted(p.id)}; create it first`,
    web: () => 'This organisation is not on the server. Create it first.',
  }),
  'organisation.id_form': reason({
    code: 'bad_input', example: { id: 'City Careers' },
    cli: (p: { id: string }) => `${quoted(p.id, 40)} must be lower-case letters, digits and dashes (e.g. city-careers)`,
    web: () => 'Use lower-case letters, digits and dashes, such as city-careers.',
  }),
  'organisation.name_required': reason({
    code: 'bad_input', example: {},
    cli: () => 'give the organisation\'s name',
    web: () => 'Write the organisation’s name.',
  }),
  'organisation.taken': reason({
    code: 'conflict', example: { id: 'city-careers' },
    cli: (p: { id: string }) => `${quoted(p.id)} is taken`,
    web: () => 'Another organisation has this short name. Choose another one.',
  }),
  'sign_in.wrong': reason({
    code: 'unauthorized', example: {},
    cli: () => 'wrong email or password',
    web: () => 'Wrong email or password.',
  }),
  'coach.unknown': reason({
    code: 'bad_input', example: { id: 'u_c01' },
    cli: (p: { id: string }) => `no coach ${quoted(p.id)}`,
    web: () => 'This coach is no longer on the server. Pick another one.',
  }),
  'seeker.unknown': reason({
    code: 'bad_input', example: { id: 'u_s01' },
    cli: (p: { id: string }) => `no job seeker ${quoted(p.id)}`,
    web: () => 'This person is not a job seeker on the server. Pick another one.',
  }),
  'invitation.unknown': reason({
    code: 'bad_input', example: {},
    cli: () => 'this invitation is unknown, used or expired; ask for a new one',
    web: () => 'This invitation is unknown, used or expired. Ask for a new one.',
  }),
  'reset.unknown': reason({
    code: 'bad_input', example: {},
    cli: () => 'this reset token is unknown, used or expired; ask an admin for a new one',
    web: () => 'This reset link is unknown, used or expired. Ask an admin for a new one.',
  }),
  'comment.length': reason({
    code: 'bad_input', example: { max: 4000 },
    cli: (p: { max: number }) => `write 1–${p.max} characters`,
    web: (p) => `Write a comment of up to ${p.max.toLocaleString('en-US')} characters.`,
  }),
  'role.own': reason({
    code: 'bad_input', example: {},
    cli: () => 'you cannot change your own role; ask another admin',
    web: () => 'You cannot change your own role. Ask another admin.',
  }),
  'account.deactivate_own': reason({
    code: 'bad_input', example: {},
    cli: () => 'you cannot deactivate your own account; ask another admin',
    web: () => 'You cannot deactivate your own account. Ask another admin.',
  }),
  'account.last_admin': reason({
    code: 'conflict', example: { email: 'ada@example.org' },
    cli: (p: { email: string }) => `${p.email} is the last active admin of the server, so it stays active; make another account an admin first`,
    web: () => 'This is the last active admin of the server, so it stays active. Make someone else an admin first.',
  }),
  'account.last_admin_role': reason({
    code: 'conflict', example: { email: 'ada@example.org' },
    cli: (p: { email: string }) => `${p.email} is the last active admin of the server, so it stays an admin; make another account an admin first`,
    web: () => 'This is the last active admin of the server, so it stays an admin. Make someone else an admin first.',
  }),
  'account.deactivated': reason({
    code: 'conflict', example: { email: 'sam@example.org' },
    cli: (p: { email: string }) => `the account of ${p.email} is deactivated; reactivate it first (afterword admin reactivate --email ${p.email})`,
    web: () => 'This account is deactivated. Reactivate it first.',
  }),
  // ---------------------------------------------------------------- the shared server's routes (server/routes/accounts.ts, coaching.ts, files.ts)
  'session.none': reason({
    code: 'unauthorized', example: {},
    cli: () => 'not signed in',
    web: () => 'You are signed out. Sign in again.',
  }),
  'organisation.not_yours': reason({
    code: 'forbidden', example: { organisation: 'city-careers' },
    cli: (p: { organisation: string }) => `you administer the organisation "${p.organisation}" only; an admin of the whole server (one with no organisation) can add accounts elsewhere`,
    web: () => 'You can add accounts to your own organisation only. An admin of the whole server can add them elsewhere.',
  }),
  'organisation.server_admin_only': reason({
    code: 'forbidden', example: {},
    cli: () => 'only an admin of the whole server (one with no organisation) creates organisations',
    web: () => 'Only an admin of the whole server can create organisations.',
  }),
  'assignment.none': reason({
    code: 'not_found', example: {},
    cli: () => 'no such assignment',
    web: () => 'This coach does not follow this job seeker.',
  }),
  'seeker.not_followed': reason<{ id?: string }>({
    code: 'not_found', example: { id: 'u_s01' },
    cli: (p) => (p.id !== undefined ? `no job seeker ${quoted(p.id)} among the ones you follow` : 'no such job seeker among the ones you follow'),
    web: () => 'This job seeker is not among the ones you follow.',
  }),
  'invitation.gone': reason({
    code: 'not_found', example: {},
    cli: () => 'no such invitation: it was accepted, taken back or has expired',
    web: () => 'This invitation was accepted, taken back or has expired.',
  }),
  'calendar.no_feed': reason({
    code: 'forbidden', example: { role: 'coach' },
    cli: (p: { role: string }) => `${p.role === 'admin' ? 'an admin' : `a ${p.role}`} account has no calendar feed: the feed holds a job seeker's own follow-ups (thank-yous, checks, calls), and each job seeker makes their own in Settings`,
    web: (p) => `${p.role === 'admin' ? 'An admin' : `A ${roleWords(p.role)}`} account has no calendar feed. The feed holds a job seeker’s own follow-ups, and each job seeker makes their own in Settings.`,
  }),
  'restore.would_replace': reason({
    code: 'conflict', example: {},
    cli: () => 'this would replace the applications you have; send again with ?replace=true',
    web: () => 'Restoring this backup would replace the applications you have. Confirm to replace them.',
  }),
  // ---------------------------------------------------------------- configuration (config.ts, server/ops.ts): flags, variables and the file, the terminal's only
  'config.not_object': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'the configuration file must hold an object such as { "dataDir": "~/afterword" }',
  }),
  'config.unknown_setting': reason({
    code: 'bad_input', cliOnly: true, example: { key: 'datadir', keys: ['dataDir', 'databaseUrl'] },
    cli: (p: { key: string; keys: readonly string[] }) => `unknown setting "${p.key}"; the settings are ${p.keys.join(', ')}`,
  }),
  'config.not_string': reason({
    code: 'bad_input', cliOnly: true, example: { key: 'dataDir', kind: 'folder path' },
    cli: (p: { key: string; kind: string }) => `${p.key} must be a string (a ${p.kind})`,
  }),
  'config.folder_nul': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'the folder path contains a NUL character; give a plain path',
  }),
  'config.url_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { dataDir: '/home/ada/.local/share/afterword' },
    cli: (p: { dataDir: string }) => `not a URL; write postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the data in ${p.dataDir}`,
  }),
  'config.url_not_postgres': reason({
    code: 'bad_input', cliOnly: true, example: { protocol: 'mysql:', dataDir: '/home/ada/.local/share/afterword' },
    cli: (p: { protocol: string; dataDir: string }) => `"${p.protocol}//…" is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the data in ${p.dataDir}`,
  }),
  'config.url_no_server': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'the URL names no server; write postgres://USER:PASSWORD@HOST:5432/DATABASE',
  }),
  'config.direct_alone': reason({
    code: 'bad_input', cliOnly: true, example: { setting: '--direct-database-url' },
    cli: (p: { setting: string }) => `PostgreSQL itself, for when the database URL goes through a connection pooler; give the pooler's address with --database-url (or DATABASE_URL) too, or leave ${p.setting} out`,
  }),
  // ---------------------------------------------------------------- the terminal's own (src/cli): flags, prompts, standard input
  'flag.required': reason({
    code: 'bad_input', cliOnly: true, example: { flag: '--email', example: 'sam@example.org' },
    cli: (p: { flag: string; example: string }) => `required; e.g. ${p.flag} ${p.example}`,
  }),
  'flag.unstorable': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'contains a character that cannot be stored (NUL, a broken character, a leading byte-order mark); re-type it',
  }),
  'flag.control_character': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'contains a control character (a line break, a tab…); give it on one line',
  }),
  'admin.unknown_organisation': reason({
    code: 'bad_input', cliOnly: true, example: { id: 'city-careers' },
    cli: (p: { id: string }) => `no organisation ${quoted(p.id, 40)}; create it first with afterword admin create-org, or see afterword admin list`,
  }),
  'admin.no_account': reason({
    code: 'not_found', cliOnly: true, example: { email: 'sam@example.org' },
    cli: (p: { email: string }) => `no account with the email ${p.email}; see afterword admin list`,
  }),
  'admin.wrong_role': reason({
    code: 'bad_input', cliOnly: true, example: { email: 'sam@example.org', role: 'seeker', noun: 'coach' },
    cli: (p: { email: string; role: string; noun: string }) => `${p.email} is a ${p.role}, not a ${p.noun}`,
  }),
  'admin.public_url': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'afterword.example.org' },
    cli: (p: { value: string }) => `${quoted(p.value)} is not a web address; give the server's address as people open it, e.g. https://afterword.example.org`,
  }),
  'password_stdin.unreadable': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'standard input cannot be read; pipe the password in, e.g. printf %s "$PASSWORD" | afterword admin create-user … --password-stdin',
  }),
  'password_stdin.lines': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'standard input holds more than one line; pipe only the password',
  }),
  'password_stdin.empty': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'standard input is empty; pipe the password in, e.g. printf %s "$PASSWORD" | afterword admin create-user … --password-stdin',
  }),
  'admin.coach_for_seeker_only': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'only a job seeker is followed by a coach; use --role seeker or leave --coach out',
  }),
  'admin.not_following': reason({
    code: 'not_found', cliOnly: true, example: { coach: 'dana@example.org', seeker: 'sam@example.org' },
    cli: (p: { coach: string; seeker: string }) => `${p.coach} does not follow ${p.seeker}; see afterword admin list`,
  }),
  'cli.cannot_write_files': reason({
    code: 'internal', cliOnly: true, example: {},
    cli: () => 'this CLI cannot write files',
  }),
  'file.unwritable': reason({
    code: 'bad_input', cliOnly: true, example: { path: 'out/plan.ics', error: 'ENOENT' },
    cli: (p: { path: string; error: string }) => `cannot write "${p.path}" (${p.error}); give a path in a folder you can write to`,
  }),
  'file.not_file': reason({
    code: 'bad_input', cliOnly: true, example: { path: 'exports' },
    cli: (p: { path: string }) => `"${p.path}" is not a file`,
  }),
  'file.unreadable_table': reason({
    code: 'bad_input', cliOnly: true, example: { path: 'tracker.csv', error: 'EACCES' },
    cli: (p: { path: string; error: string }) => `"${p.path}" cannot be read (${p.error}); give the path of a CSV or XLSX file`,
  }),
  'file.unreadable_json': reason({
    code: 'bad_input', cliOnly: true, example: { path: 'scenario.json', why: 'no such file' },
    cli: (p: { path: string; why: string }) => `"${p.path}" ${p.why}; give the path of a readable JSON file`,
  }),
  'alarm.minutes': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'soon' },
    cli: (p: { value: string }) => `"${p.value}" must be whole minutes from 0 to 10080`,
  }),
  'import.format': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'ods' },
    cli: (p: { value: string }) => `"${p.value}" is not csv or xlsx`,
  }),
  'import.dry_run_problems': reason({
    code: 'bad_input', cliOnly: true, example: { lines: 2 },
    cli: (p: { lines: number }) => `the dry run found problems in ${p.lines} line${p.lines === 1 ? '' : 's'} (above); nothing written`,
  }),
  'restore.needs_yes': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'you already have records, and restoring replaces them all; pass --yes to go ahead',
  }),
  'import.fix_rows': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'fix the rows above and import again (--dry-run shows the mapping and what each row would do); nothing was written',
  }),
  'backups.folder_into_postgres': reason({
    code: 'bad_input', cliOnly: true, example: { name: 'before-upgrade-2026-03-03' },
    cli: (p: { name: string }) => `${p.name} is a copy of the embedded database; it cannot go into PostgreSQL. Choose a .json backup`,
  }),
  'backups.unknown': reason({
    code: 'bad_input', cliOnly: true, example: { name: 'monday', folder: '/home/ada/.local/share/afterword', some: 'daily-2026-03-03.json' },
    cli: (p: { name: string; folder: string; some?: string }) => `no backup "${p.name}" in ${p.folder}/backups; "afterword backups" lists them${p.some !== undefined ? `, e.g. ${p.some}` : ''}`,
  }),
  'backups.restore_cancelled': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'restore cancelled; nothing was changed',
  }),
  'backups.restore_needs_yes': reason({
    code: 'bad_input', cliOnly: true, example: { when: 'Tuesday 3 March at 09:00' },
    cli: (p: { when: string }) => `restoring replaces every record you have with the backup of ${p.when}; pass --yes to go ahead`,
  }),
  'check.invalid': reason({
    code: 'bad_input', cliOnly: true, example: { issue: 'is required (string)' },
    cli: (p: { issue: string }) => p.issue,
  }),
  'flag.not_whole': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'three', range: 'a whole number from 1 to 10' },
    cli: (p: { value: string; range: string }) => `"${p.value}" is not a whole number; give ${p.range}`,
  }),
  'flag.not_pair': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'Growth', flag: '--set', example: 'Growth=3' },
    cli: (p: { value: string; flag: string; example: string }) => `"${p.value}" must be written NAME=VALUE, e.g. ${p.flag} "${p.example}"`,
  }),
  'flag.not_day': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'Friday', flag: '--respond-by' },
    cli: (p: { value: string; flag: string }) => `"${p.value}" is not a date; write YYYY-MM-DD, e.g. ${p.flag} 2026-03-27`,
  }),
  'flag.manager_both': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'give --manager or --not-manager, not both',
  }),
  'offer.remove_alone': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'give it alone: it forgets the whole offer',
  }),
  'close.kept': reason({
    code: 'bad_input', cliOnly: true, example: { current: 'rejected' },
    cli: (p: { current: string }) => `not changed; it stays ${p.current}`,
  }),
  'close.needs_yes': reason({
    code: 'bad_input', cliOnly: true, example: { already: 'Acme — Analyst is already closed as rejected.', status: 'withdrawn' },
    cli: (p: { already: string; status: string }) => `${p.already} Not changed; pass --yes to change it to ${p.status}.`,
  }),
  'touch.future_kept_out': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'not recorded; give the date and time it happened',
  }),
  'touch.future_needs_yes': reason({
    code: 'bad_input', cliOnly: true, example: { when: 'Thursday 5 March 2026 at 10:00' },
    cli: (p: { when: string }) => `${p.when} is in the future. Not recorded; fix --at to when it happened, or pass --yes if the date is meant.`,
  }),
  'touch.guard_declined': reason({
    code: 'bad_input', cliOnly: true, example: { rule: 'P2' },
    cli: (p: { rule: string }) => `not recorded (${p.rule})`,
  }),
  'touch.guard_needs_flag': reason({
    code: 'bad_input', cliOnly: true, example: { line: 'A check-in this soon after the last one reads as pressure (P2).', flag: '--yes' },
    cli: (p: { line: string; flag: string }) => `${p.line} Not recorded; pass ${p.flag} to record it anyway.`,
  }),
  'edit.nothing': reason({
    code: 'bad_input', cliOnly: true, example: { what: 'application', flags: '--url or --notes' },
    cli: (p: { what: string; flags: string }) => `nothing to change; give at least one flag, e.g. ${p.flags} ("afterword edit ${p.what} --help" lists them)`,
  }),
  'reply_file.unreadable': reason({
    code: 'bad_input', cliOnly: true, example: { path: 'reply.txt', why: 'no such file' },
    cli: (p: { path: string; why: string }) => `"${p.path}" ${p.why}; give the path of a text file holding the reply, or - to read it from standard input`,
  }),
  'reply_cli.date_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: '20 Marhc' },
    cli: (p: { value: string }) => `"${p.value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-20`,
  }),
  'reply_cli.date_two_ways': reason({
    code: 'bad_input', cliOnly: true, example: { said: 'next Friday', options: ['2026-03-06', '2026-03-13'] },
    cli: (p: { said: string; options: readonly string[] }) => `their date ("${p.said}") reads as ${p.options.join(' or ')}; run again with --decision-by and the one they meant. Nothing was recorded.`,
  }),
  'reply_cli.two_applications': reason({
    code: 'bad_input', cliOnly: true, example: { flag: 'a1', argument: 'a2' },
    cli: (p: { flag: string; argument: string }) => `"${p.flag}" and the argument "${p.argument}" name two applications; give one`,
  }),
  'reply_cli.application_with_scenario': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'required with --scenario; give the id of the application the reply is about, e.g. --application a1',
  }),
  'reply_cli.application_missing': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'give the application id, e.g. afterword reply a1 --text-file reply.txt (afterword pipeline lists them)',
  }),
  'timeline_cli.two_ways': reason({
    code: 'bad_input', cliOnly: true, example: { said: 'by the end of next week', readings: ['Friday 13 March, the end of next week', 'Sunday 15 March, the end of the week after'] },
    cli: (p: { said: string; readings: readonly string[] }) => `"${p.said}" reads two ways: ${p.readings.join('; or ')}. Run again with --decision-by and the date they meant (YYYY-MM-DD). Nothing was recorded.`,
  }),
  'detail_flag.form': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'p1' },
    cli: (p: { value: string }) => `"${p.value}" must be PERSON_ID=TEXT, e.g. --detail p1="her team's move to Snowflake"`,
  }),
  'touch.not_recorded': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'not recorded',
  }),
  'at_flag.not_date_time': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'tuesday' },
    cli: (p: { value: string }) => `"${p.value}" is not a date-time; write e.g. 2026-03-10T14:30`,
  }),
  'draft_cli.lookup': reason({
    code: 'bad_input', cliOnly: true, example: { error: { code: 'unknown_person', id: 'p9', applicationId: 'a1', known: ['p1', 'p2'] }, referenceFlag: '--reference' },
    // `applicationAt`: how the command names the application ("--application", or "application" for an argument).
    cli: (p: { error: DraftLookupError; referenceFlag: string; asked?: string; applicationAt?: string }) => draftLookupWords(p.error, p.referenceFlag, p.asked, p.applicationAt ?? '--application'),
  }),
  'draft_cli.no_profile': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'no profile yet: run "afterword setup" first, or give --scenario FILE',
  }),
  'draft_cli.two_references': reason({
    code: 'bad_input', cliOnly: true, example: { person: 'r1', reference: 'r2' },
    cli: (p: { person: string; reference: string }) => `"${p.person}" and --reference "${p.reference}" name two references; give one of them`,
  }),
  'draft_cli.now_invalid': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'not a valid instant; write e.g. 2026-03-04T09:00:00-05:00',
  }),
  'draft_cli.no_address': reason({
    code: 'bad_input', cliOnly: true, example: { names: ['Grace Okafor'] },
    cli: (p: { names: readonly string[] }) => `no email address for ${p.names.join(', ')}; add one with "afterword add person … --email"`,
  }),
  'draft_cli.no_own_email': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'your email address is not recorded; run "afterword setup --email you@example.com"',
  }),
  'prompt.cancelled': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'cancelled at a prompt; nothing was recorded',
  }),
  'now.not_instant': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'not a valid instant',
  }),
  'trust_proxy.everyone': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'true' },
    cli: (p: { value: string }) => `"${p.value}" would believe any client about its address; ${TRUST_PROXY_USAGE}`,
  }),
  'trust_proxy.empty': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => `empty; ${TRUST_PROXY_USAGE}`,
  }),
  'trust_proxy.not_address': reason({
    code: 'bad_input', cliOnly: true, example: { value: '10.0.0.300' },
    cli: (p: { value: string }) => `"${p.value}" is not an IP address or subnet; ${TRUST_PROXY_USAGE}`,
  }),
  // ---------------------------------------------------------------- afterword serve's flags (cli/commands/serve.ts)
  'serve.public_url_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'afterword.example' },
    cli: (p: { value: string }) => `${quoted(p.value)} is not a URL; give the address users open, e.g. --public-url https://afterword.example.org`,
  }),
  'serve.public_url_path': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'https://example.org/afterword' },
    cli: (p: { value: string }) => `${quoted(p.value)} must be an http(s) address without a path, e.g. https://afterword.example.org`,
  }),
  'serve.port_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: '80a', suggested: 4600 },
    cli: (p: { value: string; suggested: number }) => `${quoted(p.value, 40)} is not a port; give a whole number from 1 to 65535, e.g. --port ${p.suggested}`,
  }),
  'serve.port_in_use': reason({
    code: 'bad_input', cliOnly: true, example: { port: 4600 },
    cli: (p: { port: number }) => `${p.port} is in use; choose another, e.g. --port ${p.port + 1}`,
  }),
  'serve.host_unavailable': reason({
    code: 'bad_input', cliOnly: true, example: { host: '10.9.9.9', suggested: '127.0.0.1' },
    cli: (p: { host: string; suggested: string }) => `cannot listen on ${quoted(p.host, 80)}; use ${p.suggested}`,
  }),
  'serve.session_cache_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'forever' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a whole number of milliseconds from 0 to 60000; e.g. --session-cache 0`,
  }),
  'serve.mode_clash': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'choose one',
  }),
  // ---------------------------------------------------------------- afterword mail's flags and arguments (cli/commands/mail*.ts)
  'mail_cli.port_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'x' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a port; give a whole number from 1 to 65535, such as 993`,
  }),
  'mail_cli.security_invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'ssl' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a choice; write tls, starttls or none (none only for a server on this machine)`,
  }),
  'mail_cli.password_not_piped': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'give the app password on standard input, so it stays out of your shell history; for example: afterword mail connect … --password-stdin < password.txt',
  }),
  'mail_cli.password_unreadable': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'standard input could not be read; pipe the app password into the command',
  }),
  'mail_cli.not_linked': reason({
    code: 'bad_input', cliOnly: true, example: { so: 'nothing can be put in Drafts or sent' },
    cli: (p: { so?: string }) => `no mailbox is linked${p.so === undefined ? '' : `, so ${p.so}`}; link one first: afterword mail connect --imap-host HOST --user YOU@EXAMPLE.COM --password-stdin`,
  }),
  'mail_cli.not_proposal_number': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'abc' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a proposal's number; afterword mail proposals lists them (#1, #2, …)`,
  }),
  'mail_cli.not_note_number': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'abc' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a note number; "afterword mail outbox" lists them`,
  }),
  'mail_cli.not_moment': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'tomorrow-ish' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a moment; write "ideal" or a date and time, e.g. 2026-03-10T09:00 (your zone) or 2026-03-10T09:00:00-05:00`,
  }),
  // ---------------------------------------------------------------- a linked mailbox (app/mail/**): its settings, its servers, its outbox
  'mail.host_missing': reason({
    code: 'bad_input', example: { kind: 'imap' },
    cli: (p: { kind: 'imap' | 'smtp' }) => `give the ${p.kind.toUpperCase()} server's name, such as ${p.kind}.example.com`,
    web: (p) => `Give your provider’s ${p.kind.toUpperCase()} server, such as ${p.kind}.example.com.`,
  }),
  'mail.host_invalid': reason({
    code: 'bad_input', example: { kind: 'imap', value: 'imap example com' },
    cli: (p: { kind: 'imap' | 'smtp'; value: string }) => `${quoted(p.value)} is not a server name; write one such as ${p.kind}.example.com`,
    web: (p) => `That is not a server name. Write one such as ${p.kind}.example.com.`,
  }),
  'mail.security_invalid': reason({
    code: 'bad_input', example: {},
    cli: () => 'choose tls, starttls or none',
    web: () => 'Choose TLS, STARTTLS or None.',
  }),
  'mail.must_encrypt': reason({
    code: 'bad_input', example: { host: 'imap.example.com' },
    cli: (p: { host: string }) => `${p.host} is not this machine, so the connection must be encrypted; choose tls or starttls`,
    web: (p) => `The server ${p.host} is not on this computer, so the connection must be encrypted. Choose TLS or STARTTLS.`,
  }),
  'mail.port_invalid': reason({
    code: 'bad_input', example: { value: '99999' },
    cli: (p: { value: string }) => `${p.value} is not a port; give a whole number from 1 to 65535`,
    web: () => 'Write a whole number from 1 to 65535, such as 993.',
  }),
  'mail.user_missing': reason({
    code: 'bad_input', example: {},
    cli: () => 'give the user name you log in to your mail with (often your email address)',
    web: () => 'Give the user name you log in to your mail with (often your email address).',
  }),
  'mail.user_invalid': reason({
    code: 'bad_input', example: {},
    cli: () => 'the user name has a line break or is too long; give it on one line',
    web: () => 'The user name has a line break or is too long. Give it on one line.',
  }),
  'mail.address_missing': reason({
    code: 'bad_input', example: {},
    cli: () => 'give your email address (the user name is not one)',
    web: () => 'Give your email address (the user name is not one).',
  }),
  'mail.address_invalid': reason({
    code: 'bad_input', example: { value: 'ada at example' },
    cli: (p: { value: string }) => `${quoted(p.value)} is not an email address; write one such as you@example.com`,
    web: () => 'That is not an email address. Write one such as you@example.com.',
  }),
  'mail.password_empty': reason({
    code: 'bad_input', example: {},
    cli: () => 'the password is empty; give the app password your mail provider made for Afterword',
    web: () => 'The password is empty. Give the app password your mail provider made for Afterword.',
  }),
  'mail.password_line_break': reason({
    code: 'bad_input', example: {},
    cli: () => 'the password has a line break in it; give it on one line',
    web: () => 'The password has a line break in it. Give it on one line.',
  }),
  'mail.login_refused': reason({
    code: 'bad_input', example: { kind: 'IMAP', where: 'imap.example.com:993' },
    cli: (p: { kind: 'IMAP' | 'SMTP'; where: string }) => `the ${p.kind} server ${p.where} refused the user name or password; check both, and use an app password if your provider requires one`,
    web: (p) => `The ${p.kind} server ${p.where} refused the user name or password. Check both, and use an app password if your provider requires one.`,
  }),
  'mail.untrusted': reason({
    code: 'bad_input', example: { kind: 'IMAP', where: 'imap.example.com:993', host: 'imap.example.com', why: 'expired' },
    cli: (p: { kind: 'IMAP' | 'SMTP'; where: string; host: string; why: 'expired' | 'unsigned' | 'other_name' | 'unverified' }) => `the ${p.kind} server ${p.where} cannot be trusted: ${CERTIFICATE[p.why](p.host)}; check the server name, or ask your provider`,
    web: (p) => `The ${p.kind} server ${p.where} cannot be trusted: ${CERTIFICATE[p.why](p.host)}. Check the server name, or ask your provider.`,
  }),
  'mail.no_such_host': reason({
    code: 'bad_input', example: { host: 'imap.exmaple.com' },
    cli: (p: { host: string }) => `no server is called ${p.host}; check the spelling`,
    web: (p) => `No server is called ${p.host}. Check the spelling.`,
  }),
  'mail.unreachable': reason({
    code: 'bad_input', example: { kind: 'IMAP', where: 'imap.example.com:993' },
    cli: (p: { kind: 'IMAP' | 'SMTP'; where: string }) => `the ${p.kind} server ${p.where} could not be reached; check the server name and port, and that this computer is online`,
    web: (p) => `The ${p.kind} server ${p.where} could not be reached. Check the server name and port, and that this computer is online.`,
  }),
  'mail.connection_lost': reason({
    code: 'unavailable', example: { where: 'imap.example.com:993' },
    cli: (p: { where: string }) => `the connection to the IMAP server ${p.where} was lost during the sync; sync again: it reads on from where it stopped`,
    web: (p) => `The connection to the IMAP server ${p.where} was lost during the sync. Sync again: it reads on from where it stopped.`,
  }),
  'mail.encryption_mismatch': reason({
    code: 'bad_input', example: { kind: 'IMAP', where: 'imap.example.com:143' },
    cli: (p: { kind: 'IMAP' | 'SMTP'; where: string }) => `the ${p.kind} server ${p.where} did not agree on encryption; try the other setting (tls or starttls) or its usual port`,
    web: (p) => `The ${p.kind} server ${p.where} did not agree on encryption. Try the other setting (TLS or STARTTLS) or its usual port.`,
  }),
  'mail.connect_failed': reason({
    code: 'bad_input', example: { kind: 'SMTP', where: 'smtp.example.com:587' },
    cli: (p: { kind: 'IMAP' | 'SMTP'; where: string }) => `the ${p.kind} server ${p.where} failed while connecting; check the server name, port and security`,
    web: (p) => `The ${p.kind} server ${p.where} failed while connecting. Check the server name, port and security.`,
  }),
  'mail.lookup_failed': reason({
    code: 'unavailable', example: { host: 'imap.example.com' },
    cli: (p: { host: string }) => `the name ${p.host} could not be looked up just now; try again in a minute`,
    web: (p) => `The name ${p.host} could not be looked up just now. Try again in a minute.`,
  }),
  'mail.own_network': reason({
    code: 'bad_input', example: { host: 'mail.intranet.example.com', address: '10.0.0.7', example: 'imap.fastmail.com' },
    cli: (p: { host: string; address?: string; example: string }) => (p.address === undefined
      ? `${p.host} is this shared server's own machine or network, not your mail provider; give your provider's server, such as ${p.example}`
      : `${p.host} leads to ${p.address}, an address of this shared server's own machine or network, not your mail provider; give your provider's server, such as ${p.example}`),
    web: (p) => `The server ${p.host} is on this server’s own network, not your mail provider’s. Give your provider’s server, such as ${p.example}.`,
  }),
  'mail.not_linked': reason({
    code: 'not_found', example: {},
    cli: () => 'no mailbox is linked; connect one first',
    web: () => 'No mailbox is linked. Link one first.',
  }),
  'mail.unlinked_meanwhile': reason({
    code: 'bad_input', example: {},
    cli: () => 'no mailbox is linked any more',
    web: () => 'No mailbox is linked any more.',
  }),
  'mail.sync_busy': reason({
    code: 'conflict', example: {},
    cli: () => 'Your mailbox is being synced right now by the server; try again in a minute.',
    web: () => 'Your mailbox is being synced right now. Try again in a minute.',
  }),
  'mail.no_settings': reason({
    code: 'not_found', example: {},
    cli: () => 'no settings saved yet; set up Afterword first',
    web: () => 'Set up your profile first.',
  }),
  'mail.no_key': reason({
    code: 'unavailable', example: {},
    cli: () => 'This server was started without a key for mailbox passwords, so no mailbox can be linked here.',
  }),
  'mail.key_damaged': reason({
    code: 'bad_input', cliOnly: true, example: {},
    cli: () => 'the mailbox key is damaged; remove the file and connect the mailbox again',
  }),
  'mail.key_mismatch': reason({
    code: 'conflict', example: {},
    cli: () => 'The saved mailbox password cannot be read with this installation\'s key (the key file changed or the data came from another installation). Connect the mailbox again.',
    web: () => 'The saved mailbox password cannot be read here: it was sealed by another installation, or its key changed. Link the mailbox again.',
  }),
  'mail.server_refused_login': reason({
    code: 'unavailable', example: { host: 'smtp.example.com' },
    cli: (p: { host: string }) => `the mail server ${p.host} refused the login; link the mailbox again with a valid app password`,
    web: (p) => `The mail server ${p.host} refused the login. Link the mailbox again with a valid app password.`,
  }),
  'mail.server_unreachable': reason({
    code: 'unavailable', example: { host: 'smtp.example.com', retried: true },
    cli: (p: { host: string; retried: boolean }) => (p.retried ? `could not reach the mail server ${p.host}; it will be tried again` : `could not reach the mail server ${p.host}`),
    web: (p) => (p.retried ? `The mail server ${p.host} could not be reached. It will be tried again.` : `The mail server ${p.host} could not be reached.`),
  }),
  'mail.server_refused_message': reason({
    code: 'unavailable', example: { host: 'smtp.example.com', status: 550, said: '5.1.1 mailbox unavailable' },
    cli: (p: { host: string; status: number; said: string }) => `the mail server ${p.host} refused the message (${p.status}${p.said !== '' ? `: ${p.said}` : ''})`,
    web: (p) => `The mail server ${p.host} refused the message${p.said !== '' ? `: “${p.said}”` : ''}.`,
  }),
  'mail.server_failed': reason({
    code: 'unavailable', example: { host: 'imap.example.com', said: 'Command failed' },
    cli: (p: { host: string; said: string }) => `the mail server ${p.host} failed: ${p.said}`,
    web: (p) => `The mail server ${p.host} failed (it said: “${p.said}”). Try again later.`,
  }),
  'mail.no_folder': reason({
    code: 'not_found', example: { name: 'Drafts' },
    cli: (p: { name: string }) => `your mailbox has no ${p.name} folder that it marks as such; create one in your mail program`,
    web: (p) => `Your mailbox has no ${p.name} folder that it marks as such. Create one in your mail program.`,
  }),
  'outbox.not_found': reason({
    code: 'not_found', example: { id: 3 },
    cli: (p: { id: number | string }) => `note ${String(p.id).slice(0, 20)} is not in your outbox`,
    web: () => 'This note is not in your outbox any more.',
  }),
  'outbox.not_waiting': reason({
    code: 'conflict', example: { id: 3, status: 'sent' },
    cli: (p: { id: number; status: 'sent' | 'sending' | 'cancelled' }) => `note ${p.id} ${p.status === 'sent' ? 'has already been sent' : p.status === 'sending' ? 'is being sent right now' : 'was cancelled'}`,
    web: (p) => `This note ${p.status === 'sent' ? 'has already been sent' : p.status === 'sending' ? 'is being sent right now' : 'was cancelled'}.`,
  }),
  'outbox.empty': reason({
    code: 'bad_input', example: { part: 'body' },
    cli: (p: { part: 'body' | 'subject' }) => (p.part === 'body' ? 'empty; write the note first' : 'empty; an email needs a subject'),
    web: (p) => (p.part === 'body' ? 'Write the note first.' : 'An email needs a subject.'),
  }),
  'outbox.too_long': reason({
    code: 'bad_input', example: { max: 20000 },
    cli: (p: { max: number }) => `longer than ${p.max} characters; shorten it`,
    web: (p) => `Too long: use ${p.max.toLocaleString('en-US')} characters at most.`,
  }),
  'outbox.no_mailbox': reason({
    code: 'bad_input', example: { instead: 'eml' },
    cli: (p: { instead?: 'eml' }) => (p.instead === 'eml' ? 'no mailbox is linked; link your mailbox first, or download the .eml file instead' : 'no mailbox is linked, so nothing can be sent; link your mailbox first'),
    web: (p) => (p.instead === 'eml' ? 'No mailbox is linked. Link your mailbox in Settings first, or download the email file instead.' : 'No mailbox is linked, so nothing can be sent. Link your mailbox in Settings first.'),
  }),
  'outbox.not_email': reason({
    code: 'bad_input', example: { kind: 'reference_brief' },
    cli: (p: { kind: string }) => `${p.kind === 'reference_brief' ? 'a reference brief goes to your reference from your own mail program' : 'a letter or a call script is not sent by email'}; only email notes can be scheduled`,
    web: (p) => `${p.kind === 'reference_brief' ? 'A reference brief goes to your reference from your own mail program' : 'A letter or a call script is not sent by email'}: only email notes can be scheduled.`,
  }),
  'outbox.tone': reason({
    code: 'bad_input', example: { count: 1, words: 'Use one exclamation mark at most.' },
    cli: (p: { count: number; words: string }) => `the tone check finds ${p.count === 1 ? 'one thing' : `${p.count} things`} to fix before it can be scheduled: ${p.words}`,
    web: (p) => `The tone check finds ${p.count === 1 ? 'one thing' : `${p.count} things`} to fix before it can be scheduled: ${p.words}`,
  }),
  'outbox.no_moment': reason({
    code: 'bad_input', example: { update: false, name: 'Grace Okafor' },
    cli: (p: { update: boolean; name: string }) => `the plan has no moment for ${p.update ? 'an update' : 'this note'} to ${p.name}; pick the time to send it`,
    web: (p) => `The plan has no moment for ${p.update ? 'an update' : 'this note'} to ${p.name}. Pick the time to send it.`,
  }),
  'outbox.moment_invalid': reason({
    code: 'bad_input', example: {},
    cli: () => 'not a moment; give a date and time',
    web: () => 'Give a date and a time.',
  }),
  'outbox.moment_past': reason({
    code: 'bad_input', example: {},
    cli: () => 'that moment has passed; pick a later one, or send it now',
    web: () => 'That moment has passed. Pick a later one, or send it now.',
  }),
  'outbox.moment_far': reason({
    code: 'bad_input', example: {},
    cli: () => 'more than a year away; pick an earlier moment',
    web: () => 'That is more than a year away. Pick an earlier moment.',
  }),
  'proposal.unknown': reason({
    code: 'not_found', example: { id: 4 },
    cli: (p: { id: number | string }) => `proposal #${String(p.id).slice(0, 20)}: there is no such proposal`,
    web: () => 'This message is no longer waiting for a decision.',
  }),
  'proposal.decided': reason({
    code: 'conflict', example: { id: 4, status: 'accepted' },
    cli: (p: { id: number; status?: string }) => (p.status === undefined ? `proposal #${p.id} was decided meanwhile` : `proposal #${p.id} was already ${p.status}`),
    web: () => 'This message was already decided: it is no longer waiting.',
  }),
  'proposal.no_text': reason({
    code: 'conflict', example: { id: 4 },
    cli: (p: { id: number }) => `proposal #${p.id} has no message text to record; dismiss it and record the reply by hand`,
    web: () => 'This message has no text to record. Set it aside and record their reply by hand.',
  }),
  // ---------------------------------------------------------------- records (app/records.ts, app/interview-flow.ts, app/act.ts)
  'record.invalid': reason({
    code: 'bad_input', example: { issue: 'ends before it starts; end must be later than start' },
    // The words of the records' own checks (core/scenario.ts, core/details.ts): the terminal's as they are, the web's made plain.
    cli: (p: { issue: string }) => p.issue,
    web: (p) => plainIssue(p.issue),
  }),
  'record.vanished': reason({
    code: 'internal', example: { what: 'validated application' },
    cli: (p: { what: string }) => `${p.what} vanished`,
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'application.not_found': reason({
    code: 'not_found', example: { id: 'a12' },
    cli: (p: { id: string }) => `application "${p.id}" not found; "afterword pipeline" lists them`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  'profile.missing': reason({
    code: 'bad_input', example: {},
    cli: () => 'no profile yet: run "afterword setup --name \\"Your Name\\" --time-zone Europe/London --region GB-ENG" first',
    web: () => 'Set up your profile first: your name, time zone and region.',
  }),
  'email.not_address': reason({
    code: 'bad_input', example: { value: 'jordan@' },
    cli: (p: { value: string }) => `${quoted(p.value)} ${EMAIL_FIX}`,
    web: () => 'Not an email address. Write it as name@example.com.',
  }),
  'phone.not_number': reason({
    code: 'bad_input', example: { value: 'call me' },
    cli: (p: { value: string }) => `${quoted(p.value)} ${PHONE_FIX}`,
    web: () => 'Not a phone number. Write the digits, with + and the country code if it is abroad.',
  }),
  'name.blank': reason({
    code: 'bad_input', example: { write: 'the company’s name' },
    cli: (p: { write: string }) => `is blank; write ${p.write}`,
    web: (p) => `Fill this in: write ${p.write}.`,
  }),
  'name.empty': reason({
    code: 'bad_input', example: { write: 'their full name' },
    cli: (p: { write: string }) => `must not be empty; write ${p.write}`,
    web: (p) => `Fill this in: write ${p.write}.`,
  }),
  'field.not_editable': reason({
    code: 'bad_input', example: { allowed: ['company', 'role', 'notes'] },
    cli: (p: { allowed: readonly string[] }) => `cannot be changed here; the fields that can are ${p.allowed.join(', ')}`,
    web: () => 'This cannot be changed here.',
  }),
  'application.id_taken': reason({
    code: 'conflict', example: { id: 'a3' },
    cli: (p: { id: string }) => `${quoted(p.id)} is taken; choose another id or leave it out`,
    web: () => 'Another application already has this name in your records. Leave it out to get a new one.',
  }),
  'touch.person_needed': reason({
    code: 'bad_input', example: { what: 'a thank-you', people: ['p1 (Grace Okafor)'] },
    cli: (p: { what: string; people: readonly string[] }) => (p.people.length > 0
      ? `${p.what} goes to someone; say whom by id: ${p.people.join(', ')}`
      : `${p.what} goes to someone, and this application has no people yet; add the person first, then name them by id`),
    web: (p) => (p.people.length > 0
      ? `${sentence(p.what).slice(0, -1)} goes to someone. Pick the person it went to.`
      : `${sentence(p.what).slice(0, -1)} goes to someone, and this application has no people yet. Add the person first.`),
  }),
  'person.not_on_application': reason({
    code: 'not_found', example: { id: 'p9', people: ['p1 (Grace Okafor)'] },
    cli: (p: { id: string; people: readonly string[] }) => `no person ${quoted(p.id)} on this application; its people are ${p.people.join(', ') || 'none yet'}`,
    web: () => 'This person is not on this application. Pick one from the list.',
  }),
  // ---------------------------------------------------------------- offers, flags, criteria (app/offers.ts)
  'text.broken_character': reason({
    code: 'bad_input', example: {},
    cli: () => 'contains a broken character (a lone UTF-16 surrogate); re-type the text',
    web: () => 'It holds a broken character. Type the text again.',
  }),
  'text.control_character': reason({
    code: 'bad_input', example: { multiline: false },
    cli: (p: { multiline: boolean }) => `contains a control character${p.multiline ? '' : ' or a line break'}; remove it`,
    web: (p) => (p.multiline ? 'It holds an invisible control character. Remove it.' : 'Keep it to one line, without invisible characters.'),
  }),
  'text.too_long': reason({
    code: 'bad_input', example: { length: 240, max: 200 },
    cli: (p: { length: number; max: number }) => `is ${p.length} characters long; keep it to ${p.max} at most`,
    web: (p) => `Too long: use ${p.max.toLocaleString('en-US')} characters at most.`,
  }),
  'text.required': reason({
    code: 'bad_input', example: {},
    cli: () => 'must not be empty',
    web: () => 'Fill this in.',
  }),
  'number.whole_between': reason({
    code: 'bad_input', example: { value: 7, min: 0, max: 5, what: '0 = not seen, 5 = serious' },
    cli: (p: { value: number; min: number; max: number; what: string }) => `must be a whole number from ${p.min} to ${p.max} (${p.what}), not ${String(p.value)}`,
    web: (p) => `Use a whole number from ${p.min} to ${p.max} (${p.what}).`,
  }),
  'red_flag.unknown': reason({
    code: 'bad_input', example: { value: 'R12', flags: ['R1', 'R2', 'R3'] },
    cli: (p: { value: string; flags: readonly string[] }) => `"${p.value}" is not a red flag; use one of ${p.flags.join(', ')} ("afterword flags APP" lists them)`,
    web: () => 'This is not one of the red flags. Pick one from the list.',
  }),
  'red_flag.clear_alone': reason({
    code: 'bad_input', example: {},
    cli: () => 'give it alone: it forgets the score, the notes and the manager answer',
    web: () => 'Clearing a flag forgets its score, notes and manager answer: clear it on its own.',
  }),
  'red_flag.manager_r6': reason({
    code: 'bad_input', example: { flag: 'R3' },
    cli: (p: { flag: string }) => `only R6 (unprepared interviewer) counts double for your future manager, not ${p.flag}`,
    web: () => 'Only the flag for an unprepared interviewer counts double for your future manager.',
  }),
  'red_flag.nothing_to_change': reason({
    code: 'bad_input', example: { max: 5 },
    cli: (p: { max: number }) => `nothing to change; give a score from 0 (not seen) to ${p.max} (serious), notes, or clear it`,
    web: (p) => `Nothing to change. Give a score from 0 (not seen) to ${p.max} (serious), notes, or clear the flag.`,
  }),
  'red_flag.score_first': reason({
    code: 'bad_input', example: { flag: 'R3', max: 5 },
    cli: (p: { flag: string; max: number }) => `required the first time you score ${p.flag}: a whole number from 0 (not seen) to ${p.max} (serious)`,
    web: (p) => `Give a score the first time: a whole number from 0 (not seen) to ${p.max} (serious).`,
  }),
  'offer.respond_before_received': reason({
    code: 'bad_input', example: { respondBy: '2026-03-02', receivedOn: '2026-03-04' },
    cli: (p: { respondBy: string; receivedOn: string }) => `${p.respondBy} is before the day the offer came (${p.receivedOn}); check the date`,
    web: () => 'This day is before the offer came. Check the date.',
  }),
  'offer.none': reason({
    code: 'not_found', example: { company: 'Acme', id: 'a1' },
    cli: (p: { company: string; id: string }) => `no offer recorded for ${p.company} (${p.id})`,
    web: () => 'There is no offer recorded for this application.',
  }),
  'criteria.nothing_to_change': reason({
    code: 'bad_input', example: {},
    cli: () => 'nothing to change; give a criterion and its weight, e.g. Growth=3',
    web: () => 'Nothing to change. Give a criterion and how much it matters.',
  }),
  'criteria.set_and_removed': reason({
    code: 'bad_input', example: { name: 'Growth' },
    cli: (p: { name: string }) => `"${p.name}" is also being set; do one or the other`,
    web: (p) => `“${p.name}” is also being set. Do one or the other.`,
  }),
  'criteria.unknown': reason({
    code: 'bad_input', example: { name: 'Pay', yours: ['Growth', 'Remote'] },
    cli: (p: { name: string; yours: readonly string[] }) => `no criterion "${p.name}"; yours are ${p.yours.length > 0 ? p.yours.join(', ') : 'none yet'}`,
    web: (p) => `“${p.name}” is not one of your criteria.`,
  }),
  'rating.nothing': reason({
    code: 'bad_input', example: {},
    cli: () => 'nothing to rate; give a criterion and a rating from 0 to 5, e.g. Growth=4',
    web: () => 'Nothing to rate. Give a criterion and a rating from 0 to 5.',
  }),
  'rating.unknown_criterion': reason({
    code: 'bad_input', example: { name: 'Pay', yours: ['Growth'] },
    cli: (p: { name: string; yours: readonly string[] }) => `no criterion "${p.name}"; add it first with afterword criteria --set "${p.name}=3"${p.yours.length > 0 ? ` (yours: ${p.yours.join(', ')})` : ''}`,
    web: (p) => `“${p.name}” is not one of your criteria. Add it first.`,
  }),
  'compare.too_few': reason({
    code: 'bad_input', example: {},
    cli: () => 'give at least two applications to compare, e.g. afterword compare a1 a2',
    web: () => 'Pick at least two applications to compare.',
  }),
  'compare.twice': reason({
    code: 'bad_input', example: { id: 'a2' },
    cli: (p: { id: string }) => `"${p.id}" is given twice; name each application once`,
    web: () => 'The same application is given twice. Name each one once.',
  }),
  'status.unknown': reason({
    code: 'bad_input', example: { value: 'hired', statuses: ['active', 'offer', 'accepted'] },
    cli: (p: { value: string; statuses: readonly string[] }) => `"${p.value}" is not a status; use one of ${p.statuses.join(', ')}`,
    web: () => 'This is not a status Afterword knows. Pick one from the list.',
  }),
  'close.active': reason({
    code: 'bad_input', example: { outcomes: ['accepted', 'declined', 'rejected'] },
    cli: (p: { outcomes: readonly string[] }) => `"active" does not close an application; use ${p.outcomes.join(', ').replace(/, ([^,]*)$/, ' or $1')}`,
    web: () => 'Pick how the application ended.',
  }),
  'close.again': reason({
    code: 'conflict', example: { company: 'Acme', role: 'Analyst', current: 'rejected', status: 'withdrawn', currentWords: 'rejected', statusWords: 'withdrawn' },
    cli: (p: { company: string; role: string; current: string; status: string; currentWords: string; statusWords: string }) =>
      `${p.company} (${p.role}) is already closed as ${p.currentWords}; send again with "reclose": true to change it to ${p.statusWords}`,
    web: (p) => `${p.company} (${p.role}) is already closed as ${p.currentWords}. Confirm to change it to ${p.statusWords}.`,
  }),
  'touch.in_future': reason({
    code: 'bad_input', example: { at: '2026-03-05T10:00:00-05:00', when: 'Thursday 5 March 2026 at 10:00' },
    cli: (p: { at: string; when: string }) => `${p.when} is in the future; record it once it has happened, fix the date, or set futureIntended to true if it is meant`,
    web: (p) => `${p.when} is in the future. Record it once it has happened, or fix the date.`,
  }),
  'interview_end.not_date': reason({
    code: 'bad_input', example: { value: 'tuesday' },
    cli: (p: { value: string }) => `${quoted(p.value, 40)} is not a date or date-time; write 2026-03-03 or 2026-03-03T11:00`,
    web: () => 'Not a date and time. Pick a day and a time.',
  }),
  'profile.missing_short': reason({
    code: 'bad_input', example: {},
    cli: () => 'no profile yet: run "afterword setup" first',
    web: () => 'Set up your profile first: your name, time zone and region.',
  }),
  // ---------------------------------------------------------------- drafts, replies, debrief previews
  'draft.required': reason({
    code: 'bad_input', example: { known: ['p1', 'p2'] },
    cli: (p: { known?: readonly string[] }) => `required for this kind${knownIds(p.known)}`,
    web: () => 'Pick one from the list.',
  }),
  'draft.no_interview': reason({
    code: 'bad_input', example: {},
    cli: () => 'has no interviews; record one before drafting',
    web: () => 'This application has no interviews yet. Record one before drafting.',
  }),
  'draft.unknown': reason({
    code: 'bad_input', example: { what: 'person', id: 'p9', known: ['p1', 'p2'] },
    cli: (p: { what: string; id?: string; known?: readonly string[] }) => `unknown ${p.what}${p.id !== undefined ? ` "${p.id}"` : ''}${knownIds(p.known)}`,
    web: (p) => `This ${p.what === 'kind' ? 'kind of note' : p.what} is not in your records. Pick one from the list.`,
  }),
  'draft.unknown_application': reason({
    code: 'not_found', example: { id: 'a9', known: ['a1'] },
    cli: (p: { id?: string; known?: readonly string[] }) => `unknown application${p.id !== undefined ? ` "${p.id}"` : ''}${knownIds(p.known)}`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  'draft.no_own_email': reason({
    code: 'bad_input', example: {},
    cli: () => 'you have no email address on record; add it in Settings to write an .eml file',
    web: () => 'You have no email address on record. Add it in Settings to download the email.',
  }),
  'draft.no_recipient_email': reason({
    code: 'bad_input', example: { name: 'Grace Okafor' },
    cli: (p: { name: string }) => `${p.name} has no email address on record; add it to the person first`,
    web: (p) => `${p.name} has no email address on record. Add it to the person first.`,
  }),
  'draft.profile_without_records': reason({
    code: 'internal', example: {},
    cli: () => 'profile without records',
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'preview.invalid': reason({
    // A request the form never sends (its words name the request's keys): the web app says to reload.
    code: 'bad_input', example: { issue: 'one of bestMoments, awkwardMoments, unfinishedAnswers, details' },
    cli: (p: { issue: string }) => p.issue,
    web: () => 'The preview could not be made from this form. Reload the page and try again.',
  }),
  'preview.unknown_interview': reason({
    code: 'bad_input', example: {},
    cli: () => 'not one of this application’s interviews',
    web: () => 'This interview is not one of this application’s interviews.',
  }),
  'preview.unknown_person': reason({
    code: 'bad_input', example: {},
    cli: () => 'not one of the people of this application or of the form',
    web: () => 'This person is not on this application or in the form.',
  }),
  'preview.too_long': reason({
    code: 'bad_input', example: { length: 10_000, max: 2_000 },
    cli: (p: { length: number; max: number }) => `${p.length.toLocaleString('en-US')} characters; the most is ${p.max.toLocaleString('en-US')} — shorten it`,
    web: (p) => `Too long: ${p.length.toLocaleString('en-US')} characters. Shorten it to ${p.max.toLocaleString('en-US')} at most.`,
  }),
  'preview.whose_detail': reason({
    code: 'bad_input', example: {},
    cli: () => 'say whose conversation it is from',
    web: () => 'Say whose conversation the detail is from.',
  }),
  'reply.empty': reason({
    code: 'bad_input', example: {},
    cli: () => 'the reply is empty; paste the employer\'s message, as received',
    web: () => 'The reply is empty. Paste the employer’s message as you received it.',
  }),
  'reply.too_long': reason({
    code: 'bad_input', example: {},
    cli: () => 'the reply is over 1,000,000 characters; paste one message',
    web: () => 'The reply is over 1,000,000 characters. Paste one message.',
  }),
  'reply.unknown_application': reason({
    code: 'bad_input', example: { id: 'a9', known: ['a1', 'a2'] },
    cli: (p: { id: string; known: readonly string[] }) => `unknown application "${p.id}"; known: ${p.known.length > 0 ? p.known.join(', ') : 'none'}`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  'reply.not_pending': reason({
    code: 'bad_input', example: { reads: 'rejection' },
    cli: (p: { reads: string }) => `the reply does not read as a pending decision (it reads as ${p.reads.replace(/_/g, ' ')}); leave the date out`,
    web: (p) => `The reply does not read as a pending decision (it reads as ${p.reads.replace(/_/g, ' ')}). Leave the date out.`,
  }),
  'reply.date_invalid': reason({
    code: 'bad_input', example: { value: '20 Marhc' },
    cli: (p: { value: string }) => `"${p.value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-20`,
    web: () => 'Not a date. Pick a day, such as 20 March 2026.',
  }),
  'reply.date_before_reply': reason({
    code: 'bad_input', example: { value: '2026-03-01', receivedOn: '2026-03-04' },
    cli: (p: { value: string; receivedOn: string }) => `${p.value} is before the reply came (${p.receivedOn}); give the date they now expect to decide`,
    web: () => 'This day is before the reply came. Give the date they now expect to decide.',
  }),
  'reply.date_ambiguous': reason({
    code: 'bad_input', example: { said: 'next Friday', options: '2026-03-06 or 2026-03-13' },
    cli: (p: { said: string; options: string }) => `their date ("${p.said}") can be read as ${p.options}; give the one they meant`,
    web: (p) => `Their date (“${p.said}”) can be read two ways. Pick the one they meant.`,
  }),
  'reply.unknown_person': reason({
    code: 'bad_input', example: { id: 'p9', application: 'a1', known: ['p1'] },
    cli: (p: { id: string; application: string; known: readonly string[] }) => `unknown person "${p.id}" in application "${p.application}"; known: ${p.known.join(', ') || 'none'}`,
    web: () => 'This person is not on this application. Pick one from the list.',
  }),
  // ---------------------------------------------------------------- files (backups, scenarios, calendars, .eml)
  'restore.not_json': reason({
    code: 'bad_input', example: {},
    cli: () => 'the file is not valid JSON; give a file written by "afterword backup"',
    web: () => 'This file is not a backup: it is not valid JSON. Pick a file Afterword wrote as a backup.',
  }),
  'restore.not_backup': reason({
    code: 'bad_input', example: { format: 'afterword-backup', versions: [1, 2] },
    cli: (p: { format: string; versions: readonly number[] }) => `not an Afterword backup (expected "format": "${p.format}", "version": ${p.versions.join(' or ')}); give a file written by "afterword backup"`,
    web: () => 'This file is not an Afterword backup. Pick a file Afterword wrote as a backup.',
  }),
  'restore.refused': reason({
    code: 'bad_input', example: { inner: 'a rating must be a whole number from 0 to 5' },
    cli: (p: { inner: string }) => `${p.inner}; nothing was changed`,
    web: () => 'The backup holds records Afterword cannot keep, so nothing was changed.',
  }),
  'restore.damaged': reason({
    code: 'bad_input', example: { inner: 'applications is not iterable' },
    cli: (p: { inner: string }) => `the backup is damaged (${p.inner}); nothing was changed`,
    web: () => 'The backup is damaged, so nothing was changed.',
  }),
  'json.invalid': reason({
    code: 'bad_input', example: { position: ' at line 3, column 5' },
    cli: (p: { position: string }) => `not valid JSON${p.position}; check for a missing comma, quote or bracket`,
    web: () => 'This is not valid JSON. Check for a missing comma, quote or bracket.',
  }),
  'now.invalid': reason({
    code: 'bad_input', cliOnly: true, example: { value: 'tomorrow' },
    cli: (p: { value: string }) => `"${p.value}" is not an ISO-8601 instant; write e.g. 2026-03-04T09:00:00-05:00`,
  }),
  'calendar.alarm': reason({
    code: 'bad_input', example: { value: -5 },
    cli: (p: { value: number }) => `${String(p.value)} is not a number of minutes from 0 to 10080 (one week); use e.g. 30`,
    web: () => 'Use a number of minutes from 0 to 10,080 (one week), such as 30.',
  }),
  'calendar.event_length': reason({
    code: 'bad_input', example: { value: 0 },
    cli: (p: { value: number }) => `${String(p.value)} is not a number of minutes from 1 to 1440; use e.g. 30`,
    web: () => 'Use a number of minutes from 1 to 1,440, such as 30.',
  }),
  'calendar.unknown_application': reason({
    code: 'bad_input', example: { id: 'a9' },
    cli: (p: { id: string }) => `the plan names application "${p.id}", which is not in the scenario; plan the same scenario you export`,
    web: () => 'The plan names an application that is not in your records. Try again.',
  }),
  'eml.address': reason({
    code: 'bad_input', example: { value: 'grace@' },
    cli: (p: { value: string }) => `"${p.value}" is not an email address; write it as name@example.com`,
    web: () => 'Not an email address. Write it as name@example.com.',
  }),
  'eml.no_recipient': reason({
    code: 'bad_input', example: {},
    cli: () => 'a message needs at least one recipient',
    web: () => 'An email needs at least one recipient.',
  }),
  'eml.stream': reason({
    code: 'internal', example: {},
    cli: () => 'the mail composer returned a stream instead of bytes',
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'xlsx.unwritable': reason({
    code: 'internal', example: {},
    cli: () => 'the workbook could not be written',
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'import.failed': reason({
    code: 'bad_input', example: { head: '2 rows have problems', lines: ['row 3: appliedOn: not a date'] },
    cli: (p: { head: string; lines: readonly string[] }) => `nothing imported; ${p.head}:\n${p.lines.map((l) => `  ${l}`).join('\n')}`,
    web: (p) => `Nothing was imported: ${p.head}.`,
  }),
  'speller.unavailable': reason({
    code: 'internal', example: { reason: 'ENOENT' },
    cli: (p: { reason: string }) => `spelling dictionary could not be loaded (${p.reason}); reinstall with "npm ci"`,
    web: () => 'The spelling dictionary could not be loaded. Reinstall Afterword.',
  }),
  'record.added_vanished': reason({
    code: 'internal', example: { what: 'person' },
    cli: (p: { what: string }) => `added ${p.what} vanished`,
    web: () => 'Something went wrong on Afterword’s side, and nothing was changed. Try again.',
  }),
  'application.not_found_short': reason({
    code: 'not_found', example: { id: 'a9' },
    cli: (p: { id: string }) => `application "${p.id}" not found`,
    web: () => 'This application is not in your records. It may have been removed, or the link is out of date.',
  }),
  'records.open_elsewhere': reason({
    code: 'conflict', cliOnly: true, example: { folder: '/home/ada/.local/share/afterword' },
    cli: (p: { folder: string }) => `the records in ${p.folder} are open in another Afterword process; stop it first, or use the web app it serves while it runs`,
  }),
  'records.open_on_host': reason({
    code: 'conflict', cliOnly: true, example: { folder: '/home/ada/.local/share/afterword', pid: 4242, host: 'laptop', command: 'afterword serve', since: ', since 2026-03-03 09:00 UTC', lockFile: '/home/ada/.local/share/afterword/afterword.lock' },
    cli: (p: { folder: string; pid: number; host: string; command: string; since: string; lockFile: string }) =>
      `the records in ${p.folder} are open in another Afterword process (pid ${p.pid} on ${p.host}: ${p.command}${p.since}); stop it there; if no Afterword runs there any more, delete ${p.lockFile}`,
  }),
  'records.open_here': reason({
    code: 'conflict', cliOnly: true, example: { folder: '/home/ada/.local/share/afterword', pid: 4242, command: 'afterword serve', since: ', since 2026-03-03 09:00 UTC', serving: true },
    cli: (p: { folder: string; pid: number; command: string; since: string; serving: boolean }) =>
      `the records in ${p.folder} are open in another Afterword process (pid ${p.pid}: ${p.command}${p.since}); ${p.serving ? 'stop it first (Ctrl-C in its terminal), or use the web app it serves while it runs' : 'wait for it to finish, or stop it first (Ctrl-C in its terminal)'}`,
  }),
  'records.locked_by_process': reason({
    code: 'conflict', cliOnly: true, example: { folder: '/home/ada/.local/share/afterword', pid: 4242, command: 'afterword today', since: '', lockFile: '/home/ada/.local/share/afterword/afterword.lock' },
    cli: (p: { folder: string; pid: number; command: string; since: string; lockFile: string }) =>
      `the records in ${p.folder} are locked by process ${p.pid} (the lock says "${p.command}"${p.since}); if that process is Afterword, stop it first; if it is not (no Afterword is running), delete ${p.lockFile}`,
  }),
} as const;

const ids = (known: readonly string[]): string => (known.length === 0 ? 'none' : known.join(', '));

/** A draft lookup that failed, in the terminal's words, naming the flag at fault. */
function draftLookupWords(e: DraftLookupError, referenceFlag: string, asked: string | undefined, applicationAt: string): string {
  switch (e.code) {
    case 'unknown_kind': return `--kind: unknown kind "${e.id}"; known: ${ids(e.known)}`;
    case 'unknown_application': return `${applicationAt}: unknown application "${e.id}"; known: ${ids(e.known)}`;
    case 'unknown_person': return `--person: unknown person "${e.id}" in application "${e.applicationId}"; known: ${ids(e.known)}`;
    case 'unknown_reference': return `${referenceFlag}: unknown reference "${e.id}"; known: ${ids(e.known)}`;
    case 'unknown_interview': return `--interview: unknown interview "${e.id}" in application "${e.applicationId}"; known: ${ids(e.known)}`;
    case 'missing_person': return `--person: required for --kind ${asked ?? e.kind}; known: ${ids(e.known)}`;
    case 'missing_reference': return `--person: the reference's id is required for --kind reference_brief (--reference works too); known: ${ids(e.known)}`;
    case 'no_interview': return `${applicationAt}: application "${e.applicationId}" has no interviews; record one before drafting`;
  }
}

const ROLE_WORDS: Readonly<Record<string, string>> = { seeker: 'job seeker', coach: 'coach', admin: 'admin' };
const roleWords = (role: string): string => ROLE_WORDS[role] ?? role;

const knownIds = (known: readonly string[] | undefined): string => (known === undefined ? '' : `; known: ${known.length === 0 ? 'none' : known.join(', ')}`);

const count = (digits: string): string => Number(digits.replace(/,/g, '')).toLocaleString('en-US');

/** The records' checks that have words of their own in the web app (the rest are made plain by `plainIssue`). */
const PLAIN_ISSUES: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [/^([\d,]+) characters; the most is ([\d,]+)/, (m) => `Too long: ${count(m[1] ?? '')} characters. Shorten it to ${count(m[2] ?? '')} at most.`],
  [/^([\d,]+) items; the most is ([\d,]+)/, (m) => `Too many: ${count(m[1] ?? '')}. Keep ${count(m[2] ?? '')} at most.`],
  [/^over 1,000,000 characters/, () => 'Too long: shorten it to 2,000 characters at most.'],
  [/^ends before it starts/, () => 'It ends before it starts. Pick an end time after the start.'],
  [/^must be later than settings\.workday\.start/, () => 'Make the end of your working hours later than the start.'],
  [/^must be a time as HH:MM/, () => 'Write a time such as 09:00.'],
  [/^unknown time zone\b/, () => 'Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.'],
  [/^unknown region\b/, () => 'Not a region Afterword knows. Use a country or region code such as US, GB-ENG or DE-BY.'],
  [/is not a date-time/, () => 'Not a date and time. Pick a day and a time.'],
  [/is not a real date|is not a date\b/, () => 'Not a date. Pick a day, such as 10 March 2026.'],
  [/^unknown person id\b/, () => 'This person is not on this application. Pick one from the list.'],
  [/^unknown reference id\b/, () => 'This reference is not in your records. Pick one from the list.'],
  [/^unknown settings?\b/, () => 'This setting is not one Afterword knows.'],
  [/^duplicate (person|interview|reference|application) id\b/, (m) => `Two ${m[1] === 'person' ? 'people' : `${m[1] ?? 'record'}s`} here have the same name in the records. Try again.`],
  [/^(?:is required|must not be empty)\b/, () => 'Fill this in.'],
];

/** What the web app must not show: an ISO date, a JSON path, a document, a command or flag, an example to type as written for the terminal. */
const NOT_FOR_PEOPLE = /\d{4}-\d{2}-\d{2}|\b[a-z]+(?:\.[a-z][A-Za-z]*|\[\d+\])+\b|docs\/|\bafterword [a-z]|(?:^|\s)--[a-z]|\bISO\b|\bIANA\b|\bid "/;

/** A record check's words as a sentence for the web app: a known check's own words, else its clauses that name nothing internal. */
export function plainIssue(issue: string): string {
  for (const [pattern, words] of PLAIN_ISSUES) {
    const m = pattern.exec(issue);
    if (m) return words(m);
  }
  const kept = issue.split(/;\s+/).filter((clause) => !NOT_FOR_PEOPLE.test(clause)).map(sentence);
  return kept.length > 0 ? kept.join(' ') : 'This cannot be kept as it is. Check it and try again.';
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

export type Reason = keyof typeof REASONS;
export type ParamsOf<R extends Reason> = (typeof REASONS)[R]['example'];

type ProblemOf<R extends Reason> = Record<string, never> extends ParamsOf<R>
  ? { readonly reason: R; readonly params?: ParamsOf<R> }
  : { readonly reason: R; readonly params: ParamsOf<R> };

/** A reason with its parameters: what an `AppError` carries and each edge words. */
export type Problem = { [R in Exclude<Reason, 'message'>]: ProblemOf<R> }[Exclude<Reason, 'message'>];

/** `problem`'s class and its words at `edge`. */
export function reasonWords(problem: Problem | { readonly reason: 'message'; readonly params: { text: string } }, edge: Edge): { readonly code: ErrorCode; readonly text: string } {
  // One lookup for every reason: each spec's functions take that reason's own parameters.
  const spec = REASONS[problem.reason] as Spec<Readonly<Record<string, unknown>>>;
  const params = (problem.params ?? {}) as Readonly<Record<string, unknown>>;
  const words = edge === 'web' && spec.web ? spec.web : spec.cli;
  return { code: spec.code, text: words(params) };
}
