/** Expected failures, mapped once per edge: exit code in the CLI, HTTP status in the server. */
export type ErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
