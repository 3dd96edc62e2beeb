/**
 * The catalogue of use-case errors: each reason's class (`code`), its parameters (typed by
 * `example`) and its words at each edge. `cli` is what a terminal shows after the field or flag
 * (it may name commands, flags and ids); `web` is what the web app shows under the field's label:
 * a plain sentence with no command, id, ISO instant or JSON path (absent: the reason never reaches
 * the web app, `cliOnly`, or its terminal words already name none of those). A test renders every
 * reason at both edges from its example and runs the tone check over them (reasons.test.ts).
 */

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

const mb = (bytes: number): number => Math.ceil(bytes / 1_048_576);
const quoted = (text: string, max = 80): string => `"${text.slice(0, max)}"`;

export const REASONS = {
  /** The deprecated constructor's literal message (mail and import still use it). */
  message: reason({ code: 'bad_input', example: { text: 'the reply is empty' }, cli: (p: { text: string }) => p.text }),

  // ---------------------------------------------------------------- storage (store/)
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
