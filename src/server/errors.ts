/**
 * Errors mapped to HTTP once, here: AppError codes to statuses, JSON bodies `{ error, field?, problem? }`,
 * never a stack. `problem` is the use-case error as data with the web app's words (docs/errors.md).
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, wordsFor, type ErrorCode } from '../app/errors.js';
import { databaseUnreachable } from '../deps.js';
import { OUTAGE_RETRY_AFTER_S, type Outage } from './outage.js';

export interface ErrorBody {
  readonly error: string;
  readonly field?: string;
  readonly problem?: ProblemBody;
}

/** A use-case error as data: its class, its reason, the field at fault, its parameters and the web app's words for it. */
export interface ProblemBody {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly path?: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** A sentence for people: no command, internal id, ISO instant or JSON path. */
  readonly message: string;
}

/** The body for an AppError: the terminal's words in `error` (as before, for scripts), the data and the web's words in `problem`. */
export function problemBody(error: AppError): ErrorBody {
  const problem: ProblemBody = {
    code: error.code, reason: error.reason, ...(error.path !== undefined ? { path: error.path } : {}), params: error.params, message: wordsFor(error, 'web'),
  };
  return { ...body(error.message, error.field), problem };
}

/** A request body or query that does not have the API's shape: 400 naming the field. */
export class BadRequest extends Error {
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'BadRequest';
    if (field !== undefined) this.field = field;
  }
}

/** The first zod issue as a BadRequest naming its path (`people[0].name`), in the words the records' own checks use. */
export function fromZod(error: z.ZodError, where: string): BadRequest {
  const issue = error.issues[0];
  if (!issue) return new BadRequest(`${where}: invalid`);
  const field = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
  const detail = issueWords(issue);
  return new BadRequest(field === '' ? `${where}: ${detail}` : `${field}: ${detail}`, field === '' ? undefined : field);
}

/** Not now: 429 (this client tries too often) or 503 (the server is busy), with when to try again (`Retry-After`). */
export class RetryLater extends Error {
  readonly status: 429 | 503;
  readonly retryAfterS: number;

  constructor(message: string, status: 429 | 503, retryAfterS: number) {
    super(message);
    this.name = 'RetryLater';
    this.status = status;
    this.retryAfterS = retryAfterS;
  }
}

const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** A zod issue as the records' checks word theirs ("is required", "is too long: at most 200 characters"), not zod's ("Too big: expected string to have <=200 characters"). */
export function issueWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'is required; it cannot be empty' : `is too short: at least ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(n, 'item')}`;
      return `must be ${n} or more`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `is too long: at most ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has too many items: at most ${n.toLocaleString('en-US')}`;
      return `must be ${n} or less`;
    }
    case 'invalid_value':
      return `is not allowed; use one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'is not an email address; write it as name@example.com' : `is not in the expected form (${issue.format})`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

const STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  // The body had the right shape but the records refused it (an unknown zone, an end before its start…).
  bad_input: 422,
  not_found: 404,
  conflict: 409,
  internal: 500,
  unauthorized: 401,
  forbidden: 403,
  locked: 423,
  too_many: 429,
  // The storage cannot serve (a full disk, damaged data): the message says what to do.
  unavailable: 503,
};

function body(message: string, field: string | undefined): ErrorBody {
  return field !== undefined ? { error: message, field } : { error: message };
}

/** The answer to a request the database could not serve: try again shortly (no stack, no log line of its own). */
export const UNREACHABLE_WORDS = 'the database is not answering right now; try again in a few seconds';

export function errorResponse(c: Context, error: unknown, log?: (error: unknown) => void, outage?: Outage): Response {
  if (error instanceof BadRequest) return c.json(body(error.message, error.field), 400);
  if (error instanceof RetryLater) {
    c.header('Retry-After', String(error.retryAfterS));
    return c.json({ error: error.message }, error.status);
  }
  if ((!(error instanceof AppError) || error.code === 'internal') && databaseUnreachable(error) && !clientLeft(c, error)) {
    outage?.failed(error);
    c.header('Retry-After', String(OUTAGE_RETRY_AFTER_S));
    return c.json({ error: UNREACHABLE_WORDS }, 503);
  }
  if (error instanceof AppError) {
    if (error.code === 'internal') {
      log?.(error);
      return c.json({ error: 'internal error' }, 500);
    }
    return c.json(problemBody(error), STATUS[error.code]);
  }
  if (error instanceof HTTPException) {
    // Hono's own (malformed JSON, wrong Content-Type): their messages carry no internals.
    return c.json({ error: error.message || 'bad request' }, error.status);
  }
  // The client left while its request was read (Node's "aborted"): nobody to answer, nothing to report.
  if (clientLeft(c, error)) return new Response(null, { status: 499 });
  log?.(error);
  return c.json({ error: 'internal error' }, 500);
}

function clientLeft(c: Context, error: unknown): boolean {
  if (c.req.raw.signal.aborted) return true;
  return error instanceof Error && error.message === 'aborted' && 'code' in error && error.code === 'ECONNRESET';
}

/** The app's `onError`; `log` sees unexpected errors (with stacks) that the client never does. */
export function onError(log?: (error: unknown) => void, outage?: Outage): ErrorHandler {
  return (error, c) => errorResponse(c, error, log, outage);
}
