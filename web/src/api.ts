/**
 * The API client: Hono's typed client over the server's own route table (no hand-copied shapes).
 * Writes carry the CSRF token from the script-readable cookie; errors become `ApiError`.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../src/server/app.js';
import type { accountRoutes } from '../../src/server/routes/accounts.js';
import { errorWords } from './error-words.js';

const options = {
  headers: (): Record<string, string> => ({ 'X-Afterword-CSRF': csrfToken() }),
  init: { credentials: 'same-origin' },
} as const;

export const client = hc<AppType>('/', options);
export type Api = typeof client.api;

/** A shared server's routes (signing in, coaches, admins): app.ts mounts them only in accounts mode, so they have their own client. */
export const accounts = hc<ReturnType<typeof accountRoutes>>('/api', options);
export type AccountsApi = typeof accounts;

function csrfToken(): string {
  const match = /(?:^|;\s*)afterword_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

/**
 * An answer other than 2xx: `message` is in words for people (error-words.ts), `atField` the same
 * without the field's label, for showing under the field; `serverText` is the server's own `error`
 * and `body` the whole answer (guards of a 409, an import's report).
 */
export class ApiError extends Error {
  readonly atField: string;
  readonly serverText: string;

  constructor(readonly status: number, serverText: string, readonly field: string | undefined, readonly body: Record<string, unknown>) {
    const words = errorWords(status, serverText, field, body['problem']);
    super(words.message);
    this.atField = words.atField;
    this.serverText = serverText;
  }
}

/** The words to show under a field for an error: the fix alone when it is the server's, else the message. */
export function fieldText(error: unknown): string {
  return error instanceof ApiError ? error.atField : error instanceof Error ? error.message : String(error);
}

/** Fired when a shared server answers that the session is gone (expired, or ended elsewhere): the frame shows the sign-in page. */
export const sessionEvents = new EventTarget();

/**
 * A shared server's "sign in first": its session check's 401 says `signIn: "password"`. A local
 * install's says `"key"`, and its UI keeps asking for the address with the key.
 */
export function needsSignIn(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.body['signIn'] === 'password';
}

/** The 2xx body of a typed call; anything else throws ApiError with the server's words. */
export async function ok<R extends Response>(call: Promise<R>): Promise<Ok<R>> {
  const res = await call;
  if (res.ok) return await res.json() as Ok<R>;
  throw await failure(res);
}

/** A call answered without a body (204): resolves, or throws the server's error as `ok` does. */
export async function done(call: Promise<Response>): Promise<void> {
  const res = await call;
  if (!res.ok) throw await failure(res);
}

async function failure(res: Response): Promise<ApiError> {
  const error = await apiError(res);
  if (needsSignIn(error)) sessionEvents.dispatchEvent(new Event('signed-out'));
  return error;
}

async function apiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await res.json() as Record<string, unknown>;
  } catch {
    body = { error: res.status === 401 ? 'signed out: open the address the server printed when it started' : `the server answered ${res.status}` };
  }
  const message = typeof body['error'] === 'string' ? body['error'] : `the server answered ${res.status}`;
  return new ApiError(res.status, message, typeof body['field'] === 'string' ? body['field'] : undefined, body);
}

type Ok<R> = R extends { ok: true; json(): Promise<infer J> } ? J : R extends { json(): Promise<infer J> } ? J : never;

/** A raw write (a CSV or backup file as the body) with the CSRF header. */
export async function sendFile(path: string, body: Blob | string, type: string): Promise<Record<string, unknown>> {
  const res = await fetch(path, { method: 'POST', body, headers: { 'Content-Type': type, 'X-Afterword-CSRF': csrfToken() }, credentials: 'same-origin' });
  const json = await res.json() as Record<string, unknown>;
  if (!res.ok) throw new ApiError(res.status, typeof json['error'] === 'string' ? json['error'] : `the server answered ${res.status}`, typeof json['field'] === 'string' ? json['field'] : undefined, json);
  return json;
}

export type AgendaJson = InferResponseType<Api['week']['$get'], 200>;
export type AgendaItemJson = AgendaJson['overdue'][number];
export type ApplicationJson = InferResponseType<Api['applications'][':id']['$get'], 200>;
export type RecommendationJson = ApplicationJson['plan'][number];
export type PipelineJson = InferResponseType<Api['pipeline']['$get'], 200>;
export type ProfileJson = InferResponseType<Api['profile']['$get'], 200>;
export type SessionJson = InferResponseType<Api['session']['$get'], 200>;
export type AccountJson = NonNullable<SessionJson['account']>;
export type DashboardJson = InferResponseType<AccountsApi['coach']['dashboard']['$get'], 200>;
export type SeekerStatusJson = DashboardJson['seekers'][number];
export type CommentJson = InferResponseType<AccountsApi['applications'][':id']['comments']['$get'], 200>['comments'][number];
export type BoardJson = InferResponseType<Api['board']['$get'], 200>;
