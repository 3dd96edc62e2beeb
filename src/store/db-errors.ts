/**
 * PostgreSQL errors (from PGlite or pg, possibly wrapped by drizzle) → `AppError`s the edges map.
 * Neither a statement nor its parameters ever go into a message: drizzle's "Failed query: … params:
 * …" holds the user's records.
 */
import { AppError, type Problem, type StorageFault } from '../app/errors.js';

interface PgErrorFields {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly constraint?: string;
  /** PANIC and FATAL: the session (for PGlite, the whole database instance) is gone. */
  readonly severity?: string;
}

/** Free space a write needs at least: a new 16 MB WAL segment, the read model, a backup, with room to spare. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

function field(error: object, name: string): string | undefined {
  const value: unknown = Reflect.get(error, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The PostgreSQL error in `error`'s cause chain (SQLSTATE codes are 5 characters). */
export function pgError(error: unknown): PgErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = field(current, 'code');
    if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
      const detail = field(current, 'detail');
      const constraint = field(current, 'constraint');
      const severity = field(current, 'severity');
      return {
        code,
        message: field(current, 'message') ?? code,
        ...(detail !== undefined ? { detail } : {}),
        ...(constraint !== undefined ? { constraint } : {}),
        ...(severity !== undefined ? { severity } : {}),
      };
    }
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}

/** What the user can act on, per constraint; the database's own detail follows in the message. */
const CONSTRAINTS: Readonly<Record<string, string>> = {
  applications_user_id_id_pk: 'an application with this id already exists',
  people_user_id_application_id_id_pk: 'a person with this id already exists in the application',
  interviews_user_id_application_id_id_pk: 'an interview with this id already exists in the application',
  candidate_references_user_id_id_pk: 'a reference with this id already exists',
  interviews_panel_lead_fk: 'the panel lead must be one of the application\'s people',
  interviews_directions_person_fk: 'the person named in the directions must be one of the application\'s people',
  interviews_contact_fk: 'the contact must be one of the application\'s people',
  interview_people_person_fk: 'everyone met at an interview must be one of the application\'s people',
  touches_person_fk: 'the person of a touch must be one of the application\'s people',
  touches_reference_fk: 'the reference of a touch must be one of the candidate\'s references',
  red_flags_score_check: 'a red-flag score must be a whole number from 0 to 5',
  red_flags_manager_check: 'only R6 (the unprepared interviewer) says whether they would be the manager',
  criteria_user_id_name_pk: 'a criterion with this name already exists',
  criteria_weight_check: 'a criterion weight must be a whole number from 1 to 10',
  criterion_ratings_rating_check: 'a rating must be a whole number from 0 to 5',
  criterion_ratings_criterion_fk: 'a rating must name one of your criteria',
  settings_workday_check: 'the working day must start before it ends, within 00:00–24:00',
  interviews_time_check: 'an interview must end after it starts',
};

/** A system error's code (`ENOSPC`) anywhere in the cause chain. */
function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = field(current, 'code');
    if (code !== undefined && /^E[A-Z]+$/.test(code)) return code;
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}

/** SQLSTATE classes and codes that mean the stored data, not the request, is wrong. */
const DAMAGE_CODES = new Set(['XX001', 'XX002', '58030', '58P01']);
const DAMAGE_WORDS = /invalid page in block|could not read block|page verification failed|checksum|could not open file "(base|global|pg_)|unexpected zero page|invalid memory alloc request|corrupted|could not access status of transaction/i;

/** What is wrong with the storage, when `error` says the disk is full or the data is damaged. */
export function storageFault(error: unknown, folder?: string): StorageFault | undefined {
  if (error instanceof AppError) return error.fault;
  const where = folder !== undefined ? { folder } : {};
  const sys = systemCode(error);
  if (sys === 'ENOSPC' || sys === 'EDQUOT') return { kind: 'disk_full', ...where, neededBytes: MIN_FREE_BYTES };
  const pg = pgError(error);
  if (!pg) return undefined;
  if (pg.code === '53100' || /no space left on device/i.test(pg.message)) return { kind: 'disk_full', ...where, neededBytes: MIN_FREE_BYTES };
  if (DAMAGE_CODES.has(pg.code) || DAMAGE_WORDS.test(pg.message)) return { kind: 'damaged', ...where };
  return undefined;
}

/** The fault as the `unavailable` AppError the edges render. */
export function faultError(fault: StorageFault, cause?: unknown): AppError {
  // The cause is kept for logs, without the statement or its parameters.
  const pg = pgError(cause);
  const problem: Problem = fault.kind === 'disk_full'
    ? { reason: 'storage.disk_full', params: { ...(fault.folder !== undefined ? { folder: fault.folder } : {}), neededBytes: fault.neededBytes, ...(fault.freeBytes !== undefined ? { freeBytes: fault.freeBytes } : {}) } }
    : { reason: 'storage.damaged', params: fault.folder !== undefined ? { folder: fault.folder } : {} };
  return new AppError(problem, { fault, ...(pg ? { cause: { code: pg.code, message: pg.message } } : {}) });
}

/** PANIC or FATAL from the database: its session is over (an embedded database must not be asked again). */
export function isFatal(error: unknown): boolean {
  const severity = pgError(error)?.severity;
  return severity === 'PANIC' || severity === 'FATAL';
}

/**
 * Turns a database error into an `AppError` when it is the input's fault or the storage's (a full
 * disk, damaged data; `folder` names where); anything else is returned as is.
 */
export function toAppError(error: unknown, folder?: string): unknown {
  if (error instanceof AppError) return error;
  const fault = storageFault(error, folder);
  if (fault) return faultError(fault, error);
  const pg = pgError(error);
  if (!pg) return error;
  const known = pg.constraint !== undefined ? CONSTRAINTS[pg.constraint] : undefined;
  const says = { ...(known !== undefined ? { says: known } : {}), detail: pg.detail ?? pg.message };
  switch (pg.code) {
    case '23505': // unique_violation
      return new AppError({ reason: 'storage.taken', params: says }, { cause: pg });
    case '23503': // foreign_key_violation: deleting what is referred to, or naming what is missing
      return pg.detail?.includes('still referenced')
        ? new AppError({ reason: 'storage.in_use', params: says }, { cause: pg })
        : new AppError({ reason: 'storage.refused', params: says }, { cause: pg });
    case '23502': // not_null_violation
    case '23514': // check_violation
    case '22P02': // invalid_text_representation
    case '22P05': // untranslatable_character (NUL in jsonb)
    case '22021': // character_not_in_repertoire (NUL in text)
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new AppError({ reason: 'storage.refused', params: says }, { cause: pg });
    default:
      return error;
  }
}

/** SQLSTATEs that mean the connection or the server went away, not that the statement was wrong. */
const GONE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '08P01']);
const GONE_SYSTEM = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres's and its pool's own words for a lost or unobtainable connection (they carry no code). */
const GONE_WORDS = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect|Query read timeout)/;

/**
 * Whether `error` (anywhere in its cause chain) says the database server cannot be reached now: a
 * connection refused, cut or timed out, the server shutting down or starting, its connections all
 * taken, or no pooled connection free in time. A request that failed so may succeed when retried.
 */
export function databaseUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = field(current, 'code');
    if (code !== undefined && (GONE_CODES.has(code) || GONE_SYSTEM.has(code))) return true;
    const message = field(current, 'message');
    if (message !== undefined && GONE_WORDS.test(message)) return true;
    // AggregateError (a host with several addresses, each refused).
    const errors: unknown = Reflect.get(current, 'errors');
    if (Array.isArray(errors) && errors.some((e) => databaseUnreachable(e))) return true;
    current = Reflect.get(current, 'cause');
  }
  return false;
}
