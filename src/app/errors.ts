/**
 * Expected failures as data: a reason from the catalogue (`reasons.ts`), the input field at fault
 * and the reason's parameters. Each edge words them once: the CLI (flags, commands) in its main,
 * the server (no command, id, ISO instant or JSON path in what the web app shows) in `onError`.
 * See docs/errors.md.
 */
import { reasonWords, type ErrorCode, type Problem, type Reason } from './reasons.js';

export type { ErrorCode, ParamsOf, Problem, Reason } from './reasons.js';

/**
 * What went wrong with the storage itself (not with the input), as data: each edge words it
 * (the CLI names the commands that help, the web app does not).
 */
export type StorageFault =
  /** No room left where the records are. `folder` is the data folder (absent: a PostgreSQL server's disk). */
  | { readonly kind: 'disk_full'; readonly folder?: string; readonly neededBytes: number; readonly freeBytes?: number }
  /** The database could not read what it wrote (a damaged page, a missing file, a checksum that does not match). */
  | { readonly kind: 'damaged'; readonly folder?: string };

/** Where an error points and what else it carries, besides its reason and parameters. */
export interface ProblemOptions {
  /** The input field at fault (`interview.start`), so an edge can name it its own way (`--start`, "Started at"). */
  readonly path?: string;
  /** What the message names before its words when not the path: a flag (`--start`), a file; `null`: nothing (the words name it). */
  readonly at?: string | null;
  readonly cause?: unknown;
  /** With `unavailable`: what is wrong with the storage. */
  readonly fault?: StorageFault;
  /** The class of a wrapped error, when it is not the reason's own (a restore refused for a conflict). */
  readonly code?: ErrorCode;
}

/** The deprecated form's options: `field` is the new `path`; `detail` the message without it. */
interface LegacyOptions {
  cause?: unknown;
  field?: string;
  detail?: string;
  fault?: StorageFault;
}

export class AppError extends Error {
  /** The class of failure: the HTTP status in the server, the exit code in the CLI. */
  readonly code: ErrorCode;
  /** The stable key of what went wrong (`application.not_found`); its words are in `reasons.ts`. */
  readonly reason: Reason;
  /** The reason's parameters: plain JSON values (ids, dates as written, numbers). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The input field at fault (`interview.start`), so an edge can name it its own way (`--start`). */
  readonly field?: string;
  /** The message without the field: the terminal's words for the reason. */
  readonly detail?: string;
  /** With `unavailable`: what is wrong with the storage. */
  readonly fault?: StorageFault;

  /** A reason from the catalogue with its parameters: `new AppError({ reason: 'application.not_found', params: { id } }, { path: 'application' })`. */
  constructor(problem: Problem, options?: ProblemOptions);
  /**
   * @deprecated A literal message, kept as the reason `message` (its words are the text, for both
   * edges) until the last callers (mail, import) move to reasons; write `new AppError({ reason, params })`.
   */
  constructor(code: ErrorCode, message: string, options?: LegacyOptions);
  constructor(first: Problem | ErrorCode, second?: string | ProblemOptions, third?: LegacyOptions) {
    if (typeof first === 'string') {
      const message = typeof second === 'string' ? second : '';
      super(message, third?.cause !== undefined ? { cause: third.cause } : undefined);
      this.code = first;
      this.reason = 'message';
      this.params = { text: message };
      if (third?.field !== undefined) this.field = third.field;
      if (third?.detail !== undefined) this.detail = third.detail;
      if (third?.fault !== undefined) this.fault = third.fault;
    } else {
      const options = typeof second === 'object' ? second : undefined;
      const words = reasonWords(first, 'cli');
      const at = options?.at === undefined ? options?.path : options.at;
      super(at !== undefined && at !== null ? `${at}: ${words.text}` : words.text, options?.cause !== undefined ? { cause: options.cause } : undefined);
      this.code = options?.code ?? words.code;
      this.reason = first.reason;
      this.params = (first.params ?? {}) as Readonly<Record<string, unknown>>;
      this.detail = words.text;
      if (options?.path !== undefined) this.field = options.path;
      if (options?.fault !== undefined) this.fault = options.fault;
    }
    this.name = 'AppError';
  }

  /** The input field at fault, under its name in the data. */
  get path(): string | undefined {
    return this.field;
  }

  /** The same error with its field named `at` in the message (a flag, `--start`), for the CLI; one whose words name no field (`at: null`) stays as it is. */
  namedAt(at: string): AppError {
    if (this.field === undefined || (this.reason !== 'message' && this.message === this.detail)) return this;
    return this.repathed(this.field, at);
  }

  /** The same error about the field `path` (a record's own name for it: `person.title`, not `applications[0].people[2].title`), named `at` in the message. */
  repathed(path: string, at?: string | null): AppError {
    if (this.reason === 'message') {
      const named = this.field !== undefined && this.message.startsWith(`${this.field}: `);
      const detail = this.detail ?? (named ? this.message.slice(`${this.field ?? ''}: `.length) : this.message);
      return new AppError(this.code, at === null ? detail : `${at ?? path}: ${detail}`, { cause: this, field: path, detail });
    }
    return new AppError(this.problem, { path, ...(at !== undefined ? { at } : {}), cause: this, code: this.code, ...(this.fault !== undefined ? { fault: this.fault } : {}) });
  }

  /** This error's reason and parameters. */
  get problem(): Problem {
    return { reason: this.reason, params: this.params } as Problem;
  }
}

/** The words for `error` at one edge: the terminal's (which may name commands and ids) or the web app's (which never do). */
export function wordsFor(error: AppError, edge: 'cli' | 'web'): string {
  if (error.reason === 'message') return edge === 'cli' ? (error.detail ?? error.message) : error.message;
  return reasonWords(error.problem, edge).text;
}

export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
