/** Expected failures, mapped once per edge: exit code in the CLI, HTTP status in the server. */
export type ErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'internal' | 'unauthorized' | 'forbidden' | 'locked' | 'too_many';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field at fault (`interview.start`), so an edge can name it its own way (`--start`). */
  readonly field?: string;
  /** The message without the field. */
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; field?: string; detail?: string }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    if (options?.field !== undefined) this.field = options.field;
    if (options?.detail !== undefined) this.detail = options.detail;
  }
}

export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
