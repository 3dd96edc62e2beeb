/** Expected failures, mapped once per edge: exit code in the CLI, HTTP status in the server. */
export type ErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'internal' | 'unauthorized' | 'forbidden' | 'locked' | 'too_many' | 'unavailable';

/**
 * What went wrong with the storage itself (not with the input), as data: each edge words it
 * (the CLI names the commands that help, the web app does not).
 */
export type StorageFault =
  /** No room left where the records are. `folder` is the data folder (absent: a PostgreSQL server's disk). */
  | { readonly kind: 'disk_full'; readonly folder?: string; readonly neededBytes: number; readonly freeBytes?: number }
  /** The database could not read what it wrote (a damaged page, a missing file, a checksum that does not match). */
  | { readonly kind: 'damaged'; readonly folder?: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field at fault (`interview.start`), so an edge can name it its own way (`--start`). */
  readonly field?: string;
  /** The message without the field. */
  readonly detail?: string;
  /** With `unavailable`: what is wrong with the storage. */
  readonly fault?: StorageFault;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; field?: string; detail?: string; fault?: StorageFault }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    if (options?.field !== undefined) this.field = options.field;
    if (options?.detail !== undefined) this.detail = options.detail;
    if (options?.fault !== undefined) this.fault = options.fault;
  }
}

export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
