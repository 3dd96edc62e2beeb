/**
 * `import csv|xlsx`: applications from our own export or from the files job trackers export.
 * Headers are matched loosely ("Date applied", "date_applied", "DATE APPLIED" are one column),
 * foreign status words map onto PROTOCOL §6, dates are read in a known order or reported.
 * CSV streams (csv-parse), so memory stays flat however large the file; XLSX is read whole.
 * Nothing here throws on bad input: file-level and row-level problems come back as errors with
 * their row number, and the caller decides (all or nothing).
 */
import { randomUUID } from 'node:crypto';
import { parse, CsvError } from 'csv-parse';
import type { CellValue } from 'exceljs';
import { readDetails } from '../../core/details.js';
import type { Application, ApplicationStatus, Person } from '../../core/model.js';
import { civil, dayOf, splitRegion, type Day } from '../../core/time.js';
import { AppError } from '../errors.js';
import { checkAddress } from './eml.js';
import { SHEET_TITLES } from './labels.js';
import { cleanText, oneLine, shorten } from './text.js';

// ---------------------------------------------------------------- public types

export const IMPORT_FIELDS = [
  'company', 'role', 'status', 'appliedOn', 'contact', 'contactEmail', 'notes', 'url', 'salary',
  'salaryMin', 'salaryMax', 'salaryCurrency', 'salaryPeriod', 'location', 'workplace', 'source', 'sourceId', 'description', 'tags',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** `dmy`: 03/04/2026 is 3 April; `mdy`: it is March 4. */
export type DateOrder = 'dmy' | 'mdy';

export type ImportInput = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export interface ImportOptions {
  /** Detected from the first bytes when absent (a zip is XLSX, text is CSV). */
  readonly format?: 'csv' | 'xlsx';
  /** How to read 03/04/2026. Without it the region decides; without both, such dates are errors. */
  readonly dateOrder?: DateOrder;
  /** The user's region (`US`, `GB-ENG`): US-style regions write the month first. */
  readonly region?: string;
  /** CSV delimiter; detected from the header line when absent. */
  readonly delimiter?: ',' | ';' | '\t' | '|';
  /** XLSX sheet name; default "Applications" when there is one, else the first sheet. */
  readonly sheet?: string;
  /** Records per batch (default 500). */
  readonly batchSize?: number;
  /** A longer CSV row is a file error (default 1 MiB). */
  readonly maxRowBytes?: number;
  /** A larger XLSX file is refused (default 50 MiB). */
  readonly maxXlsxBytes?: number;
  /** Row errors listed in full; the rest are counted (default 1000). */
  readonly maxErrors?: number;
  /** The input's size, for progress, when it is a stream. */
  readonly totalBytes?: number;
  readonly onProgress?: (rowsDone: number, bytesDone: number, totalBytes: number | undefined) => void;
  /** Ids of the new applications and people (default random UUIDs). */
  readonly newId?: () => string;
  /**
   * Columns mapped by hand, header as written → field (`"Job Position" → role`), or null to leave
   * the column out; they win over the automatic mapping. `parseColumnMap` reads `--map` values.
   */
  readonly map?: ReadonlyMap<string, ImportField | null>;
}

export interface ImportedApplication {
  /** The row in the file (the header is row 1 when it comes first). */
  readonly row: number;
  /** A new active-or-closed application with its details; its contact, if any, is `people[0]`. */
  readonly application: Application;
  /** Whether the row gave a status (else the application is active): a re-import keeps the recorded one. */
  readonly statusGiven: boolean;
}

export interface ImportError {
  /** Absent for a problem with the whole file. */
  readonly row?: number;
  /** The column's header as written in the file. */
  readonly column?: string;
  readonly message: string;
  /** Reading stopped here: the file as a whole could not be read on. */
  readonly fatal?: true;
}

export interface ImportColumn {
  readonly header: string;
  readonly field: ImportField | null;
  /** Why a column is not used. */
  readonly note?: string;
}

export interface ImportInfo {
  format?: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter?: string;
  sheet?: string;
  headerRow?: number;
  columns: ImportColumn[];
  dateOrder?: DateOrder;
  dateOrderSource: 'option' | 'region' | 'none';
}

export interface ImportBatch {
  readonly records: readonly ImportedApplication[];
  readonly errors: readonly ImportError[];
  /** Rows read so far, header and blank rows included. */
  readonly rowsDone: number;
  readonly info: Readonly<ImportInfo>;
}

export interface ImportPreview {
  readonly info: Readonly<ImportInfo>;
  readonly records: readonly ImportedApplication[];
  readonly errors: readonly ImportError[];
}

/** `row 7, column "Date applied": "31/02/2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY` */
export function formatImportError(error: ImportError): string {
  const where = [
    ...(error.row !== undefined ? [`row ${error.row}`] : []),
    ...(error.column !== undefined ? [`column "${shorten(oneLine(error.column), 40)}"`] : []),
  ].join(', ');
  return where === '' ? error.message : `${where}: ${error.message}`;
}

// ---------------------------------------------------------------- headers and words

/** Lower-case letters and digits only, accents and "(…)" notes dropped: `Date (America/New_York)` → `date`. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKD').replace(/\([^)]*\)/g, '').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Header spellings per field, best first (a better match wins when two columns claim a field). */
const HEADER_WORDS: Readonly<Record<ImportField, readonly string[]>> = {
  company: ['company', 'companyname', 'organisation', 'organization', 'employer', 'employername', 'org'],
  role: ['role', 'jobtitle', 'position', 'positiontitle', 'roletitle', 'jobrole', 'job', 'title', 'post'],
  status: ['status', 'applicationstatus', 'stage'],
  appliedOn: ['appliedon', 'dateapplied', 'applieddate', 'applicationdate', 'applied', 'dateofapplication', 'date'],
  contact: ['contact', 'contactname', 'contactperson', 'recruiter', 'recruitername', 'person', 'hiringmanager'],
  contactEmail: ['contactemail', 'recruiteremail', 'email', 'emailaddress', 'contactemailaddress'],
  notes: ['notes', 'note', 'comments', 'comment', 'mynotes'],
  url: ['url', 'link', 'joburl', 'joblink', 'postingurl', 'jobposting', 'posting', 'website', 'jobpostingurl', 'postinglink'],
  salary: ['salary', 'salaryrange', 'compensation', 'pay', 'expectedsalary', 'payrange', 'salarytext'],
  salaryMin: ['salarymin', 'minsalary', 'salaryfrom', 'minimumsalary', 'salarylow', 'payminimum'],
  salaryMax: ['salarymax', 'maxsalary', 'salaryto', 'maximumsalary', 'salaryhigh', 'paymaximum'],
  salaryCurrency: ['salarycurrency', 'currency'],
  salaryPeriod: ['salaryper', 'salaryperiod', 'payperiod', 'salaryfrequency'],
  location: ['location', 'joblocation', 'city', 'worklocation', 'place'],
  workplace: ['workplace', 'remote', 'worktype', 'workarrangement', 'remotetype', 'locationtype', 'workmodel', 'remoteonsite', 'onsiteremote'],
  source: ['source', 'jobsource', 'foundvia', 'foundon', 'howfound', 'jobboard', 'referral', 'referredby'],
  sourceId: ['sourceid', 'id', 'jobid', 'applicationid', 'externalid', 'huntrid', 'tealid', 'trackerid'],
  description: ['jobdescription', 'description', 'jd', 'jobdetails', 'details'],
  tags: ['tags', 'tag', 'labels', 'label', 'keywords'],
};

const FIELD_BY_WORD = new Map<string, { field: ImportField; rank: number }>();
for (const field of IMPORT_FIELDS) HEADER_WORDS[field].forEach((word, rank) => FIELD_BY_WORD.set(word, { field, rank }));

const FIELD_WORDS: Readonly<Record<ImportField, string>> = {
  company: 'the company (Company, Organisation, Employer)',
  role: 'the role (Role, Position, Title, Job title)',
  status: 'status', appliedOn: 'date applied', contact: 'contact', contactEmail: 'contact email', notes: 'notes', url: 'job posting link', salary: 'salary',
  salaryMin: 'lowest salary', salaryMax: 'highest salary', salaryCurrency: 'salary currency', salaryPeriod: 'salary per', location: 'location',
  workplace: 'remote, hybrid or on-site', source: 'source', sourceId: 'the id in the tracker it came from', description: 'job description', tags: 'tags',
};

/** Foreign status words (normalised) → PROTOCOL §6. */
const STATUS_BY_WORD: ReadonlyMap<string, ApplicationStatus> = new Map<string, ApplicationStatus>([
  ...['active', 'applied', 'submitted', 'applicationsubmitted', 'inprogress', 'open', 'pending', 'waiting', 'interviewing', 'interview',
    'interviewed', 'interviewscheduled', 'phonescreen', 'screening', 'screen', 'assessment', 'onsite', 'finalround', 'wishlist', 'saved',
    'bookmarked', 'toapply',
    // Huntr, Teal, JobSync and Simplify (docs/cli.md lists them): not applied yet is active too, as the plan starts at an interview.
    'applying', 'draft', 'wishlisted', 'interested', 'screen', 'screened', 'recruiterscreen', 'technicalinterview', 'finalinterview',
    'onsiteinterview', 'interviews', 'applicationsent', 'followup', 'followedup', 'inreview', 'underreview', 'reviewing',
  ].map((w) => [w, 'active'] as const),
  ...['offer', 'offered', 'offerreceived', 'offerextended', 'negotiating', 'negotiation', 'offers'].map((w) => [w, 'offer'] as const),
  ...['accepted', 'offeraccepted', 'hired', 'signed'].map((w) => [w, 'accepted'] as const),
  ...['declined', 'offerdeclined', 'turneddown', 'idecline'].map((w) => [w, 'declined'] as const),
  ...['rejected', 'rejection', 'notselected', 'unsuccessful', 'denied', 'declinedbyemployer', 'notmovingforward'].map((w) => [w, 'rejected'] as const),
  ...['withdrawn', 'withdrew', 'withdraw', 'iwithdrew', 'notinterested', 'archived', 'archive'].map((w) => [w, 'withdrawn'] as const),
  ...['noresponse', 'ghosted', 'noreply', 'noanswer', 'noresponsereceived', 'movedon', 'ignored'].map((w) => [w, 'no_response'] as const),
  ...['filled', 'positionfilled', 'rolefilled', 'jobfilled', 'postingclosed', 'expired', 'closed', 'jobclosed', 'nolongeravailable'].map((w) => [w, 'filled'] as const),
]);

const STATUS_HINT = 'applied, interviewing, offer, accepted, declined, rejected, withdrawn, ghosted (no response), filled';

/** Whether a tracker's status word is one the importer reads (see STATUS_BY_WORD). */
export function importStatus(word: string): ApplicationStatus | undefined {
  return STATUS_BY_WORD.get(normaliseHeader(word));
}

/** The fields `--map` can name, with the words people may use for them. */
const MAP_FIELD_WORDS: Readonly<Record<string, ImportField>> = {
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [normaliseHeader(f), f])),
  ...Object.fromEntries(IMPORT_FIELDS.flatMap((f) => HEADER_WORDS[f].map((w) => [w, f] as const)).filter(([w]) => !['id', 'date', 'title', 'details', 'place', 'per'].includes(w))),
  url: 'url', link: 'url', posting: 'url', postingurl: 'url', appliedon: 'appliedOn', applied: 'appliedOn', date: 'appliedOn',
};

/** What `--map` may name, for its errors. */
export const MAP_FIELDS_HINT = IMPORT_FIELDS.join(', ');

/**
 * `--map` values (`"Job Position=role"`, `"Internal ref=skip"`) as ImportOptions.map; an AppError
 * naming the value and the fix when one is not HEADER=FIELD or names no field.
 */
export function parseColumnMap(values: readonly string[], flag = '--map'): Map<string, ImportField | null> {
  const map = new Map<string, ImportField | null>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const header = at < 0 ? '' : value.slice(0, at).trim();
    const target = at < 0 ? '' : value.slice(at + 1).trim();
    if (header === '' || target === '') {
      throw new AppError('bad_input', `${flag}: "${shorten(value, 60)}" is not COLUMN=FIELD; write e.g. ${flag} "Job Position=role" (fields: ${MAP_FIELDS_HINT}, or skip)`, { field: 'map' });
    }
    const key = normaliseHeader(target);
    const field = key === 'skip' || key === 'ignore' || key === 'none' ? null : MAP_FIELD_WORDS[key];
    if (field === undefined) {
      throw new AppError('bad_input', `${flag}: "${shorten(target, 40)}" is not a field Afterword imports; use one of ${MAP_FIELDS_HINT}, or skip to leave the column out`, { field: 'map' });
    }
    map.set(header, field);
  }
  return map;
}

// Regions that write the month first (03/04/2026 = March 4).
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW']);

function dateOrderOf(options: ImportOptions): Pick<ImportInfo, 'dateOrder' | 'dateOrderSource'> {
  if (options.dateOrder) return { dateOrder: options.dateOrder, dateOrderSource: 'option' };
  const region = options.region === undefined ? null : splitRegion(options.region);
  if (region) return { dateOrder: MONTH_FIRST.has(region.country) ? 'mdy' : 'dmy', dateOrderSource: 'region' };
  return { dateOrderSource: 'none' };
}

// ---------------------------------------------------------------- cell values

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Excel's serial day of 1970-01-01. */
const EXCEL_EPOCH = 25_569;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day, or null for an impossible date (31/02) or a year outside 1900–2200; checked without exceptions (it runs per row). */
function validDay(year: number, month: number, day: number): Day | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1] ?? 0;
  return day <= last ? dayOf(year, month, day) : null;
}

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return null;
  const full = MONTH_NAMES[i]?.toLowerCase() ?? '';
  return full.startsWith(w) || w === 'sept' ? i + 1 : null;
}

type DateResult = { readonly ok: true; readonly day: Day } | { readonly ok: false; readonly message: string };

/**
 * A date as people write it: ISO (2026-03-03, 2026/03/03, with or without a time), day and month
 * in the given order (03/04/2026, 3.4.2026, 03-04-2026), or with an English month name
 * (3 March 2026, Mar 3, 2026). Without an order, 03/04/2026 is ambiguous and reported as such.
 */
export function parseDateText(text: string, order: DateOrder | undefined): DateResult {
  const value = text.trim();
  const shown = `"${shorten(oneLine(value), 40)}"`;
  const hint = `write YYYY-MM-DD or ${order === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}`;
  const bad: DateResult = { ok: false, message: `${shown} is not a date; ${hint}` };
  const done = (day: Day | null): DateResult => (day === null ? bad : { ok: true, day });

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (m) return done(validDay(Number(m[1]), Number(m[2]), Number(m[3])));

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    const asDmy = validDay(year, b, a);
    const asMdy = validDay(year, a, b);
    if (order === 'dmy' || order === 'mdy') {
      const day = order === 'dmy' ? asDmy : asMdy;
      if (day !== null) return { ok: true, day };
      const other = order === 'dmy' ? asMdy : asDmy;
      const flip = order === 'dmy' ? 'month first (MM/DD/YYYY)' : 'day first (DD/MM/YYYY)';
      return other === null ? bad : { ok: false, message: `${shown} is not a date read ${order === 'dmy' ? 'day' : 'month'} first; ${hint}, or import with the date order set to ${flip}` };
    }
    if (a === b || asMdy === null || asDmy === null) return done(asDmy ?? asMdy);
    const d = civil(asDmy);
    return {
      ok: false,
      message: `${shown} could be ${d.day} ${MONTH_NAMES[d.month - 1] ?? ''} or ${MONTH_NAMES[a - 1] ?? ''} ${b}; write YYYY-MM-DD, or set the date order (day first or month first, e.g. from your region)`,
    };
  }

  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})$/.exec(value);
  if (m) {
    const month = monthOf(m[2] ?? '');
    return month === null ? bad : done(validDay(Number(m[3]), month, Number(m[1])));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  if (m) {
    const month = monthOf(m[1] ?? '');
    return month === null ? bad : done(validDay(Number(m[3]), month, Number(m[2])));
  }
  return bad;
}

/** What a reader hands over per cell: CSV gives text; XLSX may give numbers, dates and links too. */
type RawCell = string | number | Date | { readonly text: string; readonly link: string };

function cellText(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return cell.text;
}

/** Undo our export's formula neutralisation ('=… → =…); other text is kept as is. */
function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const TEXT_MAX = 10_000;
/** Long texts are measured by the records' limits (core/details.ts); this bounds the work only. */
const LONG_MAX = 1_000_000;

/** A detail's field (core/details.ts) → the import column it came from. */
const DETAIL_COLUMN: Readonly<Record<string, ImportField>> = {
  postingUrl: 'url', location: 'location', workplace: 'workplace', salary: 'salary', 'salary.text': 'salary', 'salary.min': 'salaryMin',
  'salary.max': 'salaryMax', 'salary.currency': 'salaryCurrency', 'salary.period': 'salaryPeriod', source: 'source', sourceId: 'sourceId',
  description: 'description', notes: 'notes', tags: 'tags',
};

// ---------------------------------------------------------------- reading bytes

const EMPTY_FILE = 'the file is empty: export your applications with a header row (Company, Role, Status, Date applied…)';

/** A problem with the whole file (or from one row on): reading stops. */
class FileProblem extends Error {
  readonly row: number | undefined;
  constructor(message: string, row?: number) {
    super(message);
    this.row = row;
  }
}

interface ByteSource {
  readonly chunks: AsyncIterator<Uint8Array>;
  bytes: number;
  readonly total: number | undefined;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

async function* chunksOf(input: ImportInput): AsyncGenerator<Uint8Array> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

function byteSource(input: ImportInput, options: ImportOptions): ByteSource {
  const iterator = chunksOf(input)[Symbol.asyncIterator]();
  const total = options.totalBytes
    ?? (typeof input === 'string' ? Buffer.byteLength(input) : input instanceof Uint8Array ? input.length : undefined);
  const source: ByteSource = {
    bytes: 0,
    total,
    chunks: {
      async next() {
        const r = await iterator.next();
        if (!r.done) source.bytes += r.value.length;
        return r;
      },
    },
    async close() {
      await iterator.return?.(undefined);
    },
  };
  return source;
}

const SNIFF = 64 * 1024;

async function readHead(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF) {
    const r = await source.chunks.next();
    if (r.done) break;
    parts.push(r.value);
    size += r.value.length;
  }
  return Buffer.concat(parts);
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

function binaryKind(head: Uint8Array): string | null {
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel .xls (or other Office 97) file: save it as .xlsx or CSV and import that';
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) return 'a PDF, not a spreadsheet: export your tracker as CSV or XLSX';
  if (startsWith(head, 0x1f, 0x8b)) return 'a gzip archive: unpack it first';
  return null;
}

function encodingOf(head: Uint8Array): { encoding: NonNullable<ImportInfo['encoding']> } | { problem: string } {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8' };
  if (startsWith(head, 0xff, 0xfe)) return { encoding: 'utf-16le' };
  if (startsWith(head, 0xfe, 0xff)) return { encoding: 'utf-16be' };
  let controls = 0;
  for (const b of head) {
    if (b === 0) return { problem: 'this is not a text file (it contains NUL bytes): export your tracker as CSV (UTF-8) or XLSX' };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
  }
  if (controls > head.length / 20) return { problem: 'this is not a text file (too many control characters): export your tracker as CSV (UTF-8) or XLSX' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8' };
  } catch {
    // Excel's plain "CSV" is Windows-1252 on Western systems.
    return { encoding: 'windows-1252' };
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits a line of the first ten most often, outside quotes (comma on a tie
 * or none): the header decides, and a title row above it cannot.
 */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 10);
  const best = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  for (const line of lines) {
    const counts = new Map<string, number>();
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && best.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    for (const [d, n] of counts) best.set(d, Math.max(best.get(d) ?? 0, n));
  }
  let winner: string = ',';
  for (const [d, n] of best) if (n > (best.get(winner) ?? 0)) winner = d;
  return winner;
}

interface RawRow {
  readonly row: number;
  readonly cells: readonly RawCell[];
}

async function* decodedText(head: Uint8Array, source: ByteSource, encoding: NonNullable<ImportInfo['encoding']>): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new FileProblem(`the file is not valid UTF-8 text near byte ${source.bytes.toLocaleString('en-US')}; save it as "CSV UTF-8" and import it again`);
    }
  };
  if (head.length > 0) yield decode(head, true);
  for (;;) {
    const r = await source.chunks.next();
    if (r.done) break;
    yield decode(r.value, true);
  }
  const tail = decode(new Uint8Array(0), false);
  if (tail !== '') yield tail;
}

const PIECE = 64 * 1024;

/** `text` in pieces of at most 64 Ki code units, never splitting a surrogate pair. */
function* split(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    let j = Math.min(i + PIECE, text.length);
    const last = text.charCodeAt(j - 1);
    if (j < text.length && last >= 0xd800 && last <= 0xdbff) j--;
    yield text.slice(i, j);
    i = j;
  }
}

function csvProblem(error: unknown, row: number, maxRowBytes: number): FileProblem {
  if (error instanceof FileProblem) return error;
  if (error instanceof CsvError) {
    switch (error.code) {
      case 'CSV_MAX_RECORD_SIZE':
        return new FileProblem(`a row longer than ${maxRowBytes.toLocaleString('en-US')} bytes: this does not look like a list of applications (check the file, or its delimiter and quotes)`, row);
      case 'CSV_QUOTE_NOT_CLOSED':
        return new FileProblem('a quoted cell starts here and is never closed; look for a stray " character', row);
      case 'CSV_INVALID_CLOSING_QUOTE':
        return new FileProblem('a quote inside a quoted cell must be doubled (""); fix the cell or remove the quotes', row);
      default:
        return new FileProblem(`the CSV could not be read (${error.code})`, row);
    }
  }
  return new FileProblem(`the CSV could not be read: ${error instanceof Error ? error.message : String(error)}`, row);
}

async function* csvRows(head: Uint8Array, source: ByteSource, info: ImportInfo, options: ImportOptions): AsyncGenerator<RawRow> {
  const found = encodingOf(head);
  if ('problem' in found) throw new FileProblem(found.problem);
  info.encoding = found.encoding;
  const maxRowBytes = options.maxRowBytes ?? 1024 * 1024;
  const text = decodedText(head, source, found.encoding);
  const first = await text.next();
  const firstText = first.done ? '' : first.value.replace(/^\uFEFF/, '');
  let delimiter = options.delimiter ?? detectDelimiter(firstText);
  // Excel's "sep=;" first line names the delimiter.
  const sep = /^sep=(.)\r?\n/i.exec(firstText);
  if (sep && !options.delimiter) delimiter = sep[1] ?? delimiter;
  info.delimiter = delimiter;

  // csv-parse runs synchronously inside write(): each record is handed to on_record and taken out
  // of the stream there, so records parsed before an error are never lost and the queue never
  // holds more than one piece's worth.
  const queue: string[][] = [];
  let failure: unknown;
  const parser = parse({
    delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: maxRowBytes,
    on_record: (record: string[]) => {
      queue.push(record);
      return null;
    },
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  const write = (piece: string): Promise<void> => new Promise((resolve) => {
    parser.write(piece, (error) => {
      if (error) failure ??= error;
      resolve();
    });
  });
  const end = (): Promise<void> => new Promise((resolve) => {
    parser.once('error', () => resolve());
    parser.end(() => resolve());
  });

  let row = 0;
  async function* drain(): AsyncGenerator<RawRow> {
    for (let record = queue.shift(); record !== undefined; record = queue.shift()) {
      row++;
      if (row === 1 && sep) continue;
      yield { row, cells: record };
    }
  }
  try {
    const pieces = first.done ? text : (async function* all() {
      yield first.value;
      yield* text;
    })();
    for await (const chunk of pieces) {
      for (const piece of split(chunk)) {
        await write(piece);
        yield* drain();
        if (failure !== undefined) throw failure;
      }
    }
    await end();
    yield* drain();
    if (failure !== undefined) throw failure;
  } catch (error) {
    throw csvProblem(error, row + 1, maxRowBytes);
  } finally {
    parser.destroy();
  }
}

function xlsxCell(value: CellValue): RawCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return { text: typeof value.text === 'string' && value.text !== '' ? value.text : value.hyperlink, link: value.hyperlink };
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? '' : xlsxCell(value.result);
  if ('error' in value) return String(value.error);
  return '';
}

async function* xlsxRows(head: Uint8Array, source: ByteSource, info: ImportInfo, options: ImportOptions): AsyncGenerator<RawRow> {
  const max = options.maxXlsxBytes ?? 50 * 1024 * 1024;
  const parts: Uint8Array[] = [head];
  let size = head.length;
  for (;;) {
    const r = await source.chunks.next();
    if (r.done) break;
    size += r.value.length;
    if (size > max) throw new FileProblem(`the workbook is larger than ${Math.round(max / 1024 / 1024)} MiB; save the applications sheet as CSV and import that`);
    parts.push(r.value);
  }
  const bytes = Buffer.concat(parts);
  // exceljs is large: loaded only when a workbook comes in.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  } catch {
    throw new FileProblem('this is not a readable XLSX workbook (the zip or its sheets are damaged): open it in your spreadsheet and save it again, or export CSV');
  }
  const wanted = options.sheet;
  const sheet = wanted !== undefined
    ? workbook.worksheets.find((w) => w.name === wanted)
    : workbook.worksheets.find((w) => w.name === SHEET_TITLES.applications) ?? workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ') || 'none';
    throw new FileProblem(wanted !== undefined ? `the workbook has no sheet "${shorten(oneLine(wanted), 40)}" (sheets: ${names})` : 'the workbook has no sheets');
  }
  info.sheet = sheet.name;
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCell(row.getCell(c).value));
    yield { row: r, cells };
  }
}

async function* rawRows(info: ImportInfo, options: ImportOptions, source: ByteSource): AsyncGenerator<RawRow> {
  const head = await readHead(source);
  if (head.length === 0) throw new FileProblem(EMPTY_FILE);
  const zip = startsWith(head, 0x50, 0x4b, 0x03, 0x04);
  const format = options.format ?? (zip ? 'xlsx' : 'csv');
  info.format = format;
  if (format === 'xlsx' && !zip) throw new FileProblem('this is not an XLSX workbook (it is not a zip file); import it as CSV');
  if (format === 'csv' && zip) throw new FileProblem('this is an XLSX workbook (or another zip file), not CSV; import it as XLSX');
  const binary = binaryKind(head);
  if (binary) throw new FileProblem(`this is ${binary}`);
  yield* format === 'xlsx' ? xlsxRows(head, source, info, options) : csvRows(head, source, info, options);
}

// ---------------------------------------------------------------- rows to records

interface Mapping {
  readonly byField: ReadonlyMap<ImportField, number>;
  readonly headers: readonly string[];
  readonly contactIsRecruiter: boolean;
}

type HeaderResult = { readonly mapping: Mapping } | { readonly problem: string };

/** The header row's mapping, or why the row cannot be the header. */
function readHeader(cells: readonly RawCell[], map: ReadonlyMap<string, ImportField | null> | undefined): HeaderResult & { readonly columns: ImportColumn[] } {
  const headers = cells.map((c) => unneutralise(oneLine(cellText(c))));
  const best = new Map<ImportField, { index: number; rank: number }>();
  // A column mapped by hand (matched by its header, whatever the case and spacing) wins over the words.
  const byHand = new Map([...(map ?? [])].map(([h, f]) => [normaliseHeader(h), f]));
  headers.forEach((header, index) => {
    const hand = byHand.get(normaliseHeader(header));
    if (hand === null) return;
    const match = hand !== undefined ? { field: hand, rank: -1 } : FIELD_BY_WORD.get(normaliseHeader(header));
    if (!match) return;
    const current = best.get(match.field);
    if (!current || match.rank < current.rank) best.set(match.field, { index, rank: match.rank });
  });
  const byField = new Map<ImportField, number>([...best].map(([field, { index }]) => [field, index]));
  const fieldAt = new Map([...byField].map(([field, index]) => [index, field]));
  const columns = headers.map((header, index): ImportColumn => {
    const field = fieldAt.get(index) ?? null;
    if (field) return { header, field };
    if (byHand.get(normaliseHeader(header)) === null) return { header, field: null, note: 'left out (--map)' };
    const match = FIELD_BY_WORD.get(normaliseHeader(header));
    if (match) return { header, field: null, note: `another column is used for ${FIELD_WORDS[match.field]}` };
    return { header, field: null, note: header === '' ? 'no header' : 'not a column Afterword imports' };
  });

  const names = new Set(headers.map(normaliseHeader));
  if (names.has('channel') && names.has('kind') && names.has('outcome')) {
    return { columns, problem: 'this is Afterword\u2019s Follow-ups sheet (one row per contact): import the Applications sheet, or restore a backup' };
  }
  const absentHeaders = [...(map?.keys() ?? [])].filter((h) => !headers.some((x) => normaliseHeader(x) === normaliseHeader(h)));
  if (absentHeaders.length > 0) {
    return { columns, problem: `the column map names ${absentHeaders.map((h) => `"${shorten(h, 30)}"`).join(', ')}, which the header row does not have; its columns are ${headers.filter((h) => h !== '').slice(0, 12).map((h) => `"${shorten(h, 30)}"`).join(', ')}` };
  }
  const missing = (['company', 'role'] as const).filter((f) => !byField.has(f));
  if (missing.length > 0) {
    const found = headers.filter((h) => h !== '').slice(0, 12).map((h) => `"${shorten(h, 30)}"`).join(', ') || 'none';
    const example = headers.find((h) => h !== '' && !fieldAt.has(headers.indexOf(h))) ?? 'Job Position';
    return {
      columns,
      problem: `no column for ${missing.map((f) => FIELD_WORDS[f]).join(' or ')}; the header row has: ${found}. Map a column to it, e.g. "${shorten(example, 30)}=${missing[0] ?? 'role'}"`,
    };
  }
  const contactAt = byField.get('contact');
  const contactWord = contactAt === undefined ? '' : normaliseHeader(headers[contactAt] ?? '');
  return { columns, mapping: { byField, headers, contactIsRecruiter: contactWord.startsWith('recruiter') } };
}

/** Title rows above the header are skipped: the header is looked for among this many non-blank rows. */
const HEADER_SEARCH_ROWS = 20;

/** Finds the header among the first non-blank rows; a file without one fails on its first row. */
class HeaderFinder {
  private first: { readonly row: number; readonly result: ReturnType<typeof readHeader> } | undefined;
  private tried = 0;

  constructor(private readonly info: ImportInfo, private readonly map: ImportOptions['map']) {}

  /** The mapping once `raw` is the header; undefined to keep looking. Throws when there is none. */
  offer(raw: RawRow): Mapping | undefined {
    const result = readHeader(raw.cells, this.map);
    this.first ??= { row: raw.row, result };
    this.tried++;
    if ('mapping' in result) {
      this.info.headerRow = raw.row;
      this.info.columns = result.columns;
      return result.mapping;
    }
    if (this.tried >= HEADER_SEARCH_ROWS || result.problem.startsWith('this is')) this.fail();
    return undefined;
  }

  fail(): never {
    const first = this.first;
    if (!first || 'mapping' in first.result) throw new FileProblem(EMPTY_FILE);
    this.info.headerRow = first.row;
    this.info.columns = first.result.columns;
    throw new FileProblem(first.result.problem, first.row);
  }
}

interface RowContext {
  readonly info: ImportInfo;
  readonly newId: () => string;
  /** The status words no row could be read with, for one line at the end of the report. */
  readonly unknownStatuses: Set<string>;
}

type RowResult = { readonly record: ImportedApplication } | { readonly errors: readonly ImportError[] };

function toRecord(raw: RawRow, mapping: Mapping, ctx: RowContext): RowResult | null {
  if (raw.cells.every((c) => cellText(c).trim() === '')) return null;
  const errors: ImportError[] = [];
  const { row } = raw;
  const fail = (field: ImportField | null, message: string): void => {
    const at = field === null ? undefined : mapping.byField.get(field);
    const header = at === undefined ? undefined : mapping.headers[at];
    errors.push({ row, ...(header !== undefined ? { column: header } : {}), message });
  };

  const extra = raw.cells.slice(mapping.headers.length).filter((c) => cellText(c).trim() !== '').length;
  if (extra > 0) {
    fail(null, `${raw.cells.length} cells but the header has ${mapping.headers.length}; check the delimiter (${ctx.info.delimiter === '\t' ? 'tab' : ctx.info.delimiter ?? ','}) and quotes`);
  }

  const cellOf = (field: ImportField): RawCell | undefined => {
    const at = mapping.byField.get(field);
    return at === undefined ? undefined : raw.cells[at];
  };
  /** The cell as clean text; undefined when empty, null when invalid (the error is recorded). */
  const textOf = (field: ImportField, multiline = false, max = TEXT_MAX): string | undefined | null => {
    const value = unneutralise(cellText(cellOf(field)).trim());
    if (value === '') return undefined;
    const control = CONTROL.exec(value);
    if (control) {
      fail(field, `contains a control character (U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}); remove it`);
      return null;
    }
    if (value.length > max) {
      fail(field, `is ${value.length.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} fit`);
      return null;
    }
    return multiline ? cleanText(value) : oneLine(value);
  };

  const company = textOf('company');
  if (company === undefined) fail('company', 'is empty; every application needs a company');
  const role = textOf('role');
  if (role === undefined) fail('role', 'is empty; every application needs a role (the post applied for)');

  let status: ApplicationStatus = 'active';
  const statusText = textOf('status', false, 200);
  if (typeof statusText === 'string') {
    const known = STATUS_BY_WORD.get(normaliseHeader(statusText));
    if (known) status = known;
    else {
      // The list of statuses is said once, at the end of the report, not on every row.
      fail('status', `"${shorten(statusText, 40)}" is not a status Afterword knows`);
      ctx.unknownStatuses.add(shorten(statusText, 40));
    }
  }

  let appliedOn: Day | undefined;
  const dateCell = cellOf('appliedOn');
  if (dateCell instanceof Date) {
    // exceljs reads a date cell's wall-clock date into the UTC fields.
    const day = Number.isNaN(dateCell.getTime()) ? null : validDay(dateCell.getUTCFullYear(), dateCell.getUTCMonth() + 1, dateCell.getUTCDate());
    if (day === null) fail('appliedOn', 'is not a date between 1900 and 2200; write YYYY-MM-DD');
    else appliedOn = day;
  } else if (typeof dateCell === 'number') {
    // An Excel serial day (a date cell without its format); a time of day is dropped.
    const day = Number.isFinite(dateCell) ? Math.floor(dateCell) - EXCEL_EPOCH : Number.NaN;
    const c = civil(day);
    if (Number.isFinite(day) && validDay(c.year, c.month, c.day) !== null) appliedOn = day;
    else fail('appliedOn', `${dateCell} is not a date; write YYYY-MM-DD`);
  } else {
    const text = textOf('appliedOn', false, 200);
    if (typeof text === 'string') {
      const parsed = parseDateText(text, ctx.info.dateOrder);
      if (parsed.ok) appliedOn = parsed.day;
      else fail('appliedOn', parsed.message);
    }
  }

  const contact = textOf('contact', false, 500);
  const emailText = textOf('contactEmail', false, 254);
  let email: string | undefined;
  if (typeof emailText === 'string') {
    try {
      email = checkAddress(emailText, 'email');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fail('contactEmail', `"${shorten(emailText, 60)}" is not an email address; write it as name@example.com`);
    }
  }

  const urlCell = cellOf('url');
  // A linked cell ("posting" → https://…): the link is the address.
  const urlText = typeof urlCell === 'object' && !(urlCell instanceof Date) && urlCell.link !== '' ? oneLine(urlCell.link) : textOf('url', false, LONG_MAX);
  // An address without its scheme (jobs.example.com/42) is a web page.
  const postingUrl = typeof urlText === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(urlText) ? `https://${urlText}` : urlText;
  const salaryText = textOf('salary', false, LONG_MAX);
  const figures = { min: textOf('salaryMin', false, 40), max: textOf('salaryMax', false, 40), currency: textOf('salaryCurrency', false, 40), period: textOf('salaryPeriod', false, 40) };
  // A file with figure columns (our own export) gives them; without, they are read from the words when plainly written.
  const hasFigures = (['salaryMin', 'salaryMax', 'salaryCurrency', 'salaryPeriod'] as const).some((f) => mapping.byField.has(f));
  // The details are read by the records' own rules (core/details.ts); their issues name this file's columns.
  // A tracker's "Remote" column of yes/no: yes is remote, no says nothing of hybrid or on-site.
  const workplaceText = textOf('workplace', false, LONG_MAX);
  const workplace = typeof workplaceText === 'string' && /^(?:yes|y|true|1|x|\u2713)$/i.test(workplaceText) ? 'remote'
    : typeof workplaceText === 'string' && /^(?:no|n|false|0)$/i.test(workplaceText) ? undefined : workplaceText;
  const read = readDetails({
    postingUrl, location: textOf('location', false, LONG_MAX), workplace,
    salary: hasFigures ? { text: salaryText, ...figures } : salaryText,
    source: textOf('source', false, LONG_MAX), sourceId: textOf('sourceId', false, LONG_MAX),
    description: textOf('description', true, LONG_MAX), notes: textOf('notes', true, LONG_MAX), tags: textOf('tags', false, LONG_MAX),
  });
  for (const issue of read.issues) {
    const field = DETAIL_COLUMN[issue.field.replace(/\[\d+\]$/, '')] ?? 'notes';
    fail(mapping.byField.has(field) ? field : field.startsWith('salary') ? 'salary' : field, issue.message);
  }

  if (errors.length > 0 || typeof company !== 'string' || typeof role !== 'string') return { errors };

  const id = ctx.newId();
  const people: Person[] = [];
  const name = typeof contact === 'string' ? contact : email;
  if (name !== undefined) {
    people.push({
      id: ctx.newId(),
      name,
      role: mapping.contactIsRecruiter ? 'recruiter' : 'other',
      ...(email !== undefined ? { email } : {}),
      informal: false,
      verified: false,
    });
  }
  const d = read.details;
  // Keys in the model's order, as the store reads them back.
  const application: Application = {
    id, company, role, status,
    ...(appliedOn !== undefined ? { appliedOn } : {}),
    individualPanelNotes: false,
    ...(d.postingUrl !== undefined ? { postingUrl: d.postingUrl } : {}),
    ...(d.location !== undefined ? { location: d.location } : {}),
    ...(d.workplace !== undefined ? { workplace: d.workplace } : {}),
    ...(d.salary !== undefined ? { salary: d.salary } : {}),
    ...(d.source !== undefined ? { source: d.source } : {}),
    ...(d.sourceId !== undefined ? { sourceId: d.sourceId } : {}),
    ...(d.description !== undefined ? { description: d.description } : {}),
    ...(d.notes !== undefined ? { notes: d.notes } : {}),
    ...(d.tags !== undefined ? { tags: d.tags } : {}),
    people, interviews: [], touches: [], protocol: {},
  };
  return { record: { row, application, statusGiven: typeof statusText === 'string' } };
}

// ---------------------------------------------------------------- the runs

/**
 * Reads `input` (CSV or XLSX) into batches of validated applications with the row-numbered errors
 * found along the way. Never throws on bad input: a file that cannot be read ends with one error
 * (no row, or the row it starts at). The caller imports all or nothing; `info` in every batch
 * shows the format, delimiter, date order and how each column was mapped.
 */
export async function* importApplications(input: ImportInput, options: ImportOptions = {}): AsyncGenerator<ImportBatch> {
  const info: ImportInfo = { columns: [], ...dateOrderOf(options) };
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
  const maxErrors = Math.max(1, Math.floor(options.maxErrors ?? 1000));
  const ctx: RowContext = { info, newId: options.newId ?? randomUUID, unknownStatuses: new Set() };
  const source = byteSource(input, options);
  let records: ImportedApplication[] = [];
  let errors: ImportError[] = [];
  let listed = 0;
  let unlisted = 0;
  let rowsDone = 0;
  let dataRows = 0;
  let mapping: Mapping | undefined;
  const finder = new HeaderFinder(info, options.map);

  const report = (error: ImportError): void => {
    if (error.fatal || listed < maxErrors) {
      errors.push(error);
      listed++;
    } else unlisted++;
  };
  const batch = (): ImportBatch => {
    const out = { records, errors, rowsDone, info };
    records = [];
    errors = [];
    options.onProgress?.(rowsDone, source.bytes, source.total);
    return out;
  };

  try {
    for await (const raw of rawRows(info, options, source)) {
      rowsDone = raw.row;
      if (!mapping) {
        if (!raw.cells.every((c) => cellText(c).trim() === '')) mapping = finder.offer(raw);
        continue;
      }
      const result = toRecord(raw, mapping, ctx);
      if (result === null) continue;
      dataRows++;
      if ('record' in result) records.push(result.record);
      else result.errors.forEach(report);
      if (records.length >= batchSize || errors.length >= batchSize) yield batch();
    }
    if (!mapping) finder.fail();
    if (dataRows === 0) report({ message: 'the file has a header row but no applications under it', fatal: true });
  } catch (error) {
    if (error instanceof FileProblem) report({ ...(error.row !== undefined ? { row: error.row } : {}), message: error.message, fatal: true });
    else throw error;
  } finally {
    await source.close();
  }
  if (unlisted > 0) errors.push({ message: `${unlisted.toLocaleString('en-US')} more errors not listed; fix the ones above and import again` });
  if (ctx.unknownStatuses.size > 0) {
    const words = [...ctx.unknownStatuses].slice(0, 10).map((w) => `"${w}"`).join(', ');
    errors.push({ message: `statuses not known: ${words}; write one of ${STATUS_HINT} (the words of Huntr, Teal, JobSync and Simplify are read too)` });
  }
  yield batch();
}

/** The first `rows` data rows as they would import, with the detected mapping: for dry runs. */
export async function previewImport(input: ImportInput, rows: number, options: ImportOptions = {}): Promise<ImportPreview> {
  const records: ImportedApplication[] = [];
  const errors: ImportError[] = [];
  const limit = Math.max(0, Math.floor(rows));
  const seen = new Set<number>();
  let info: Readonly<ImportInfo> = { columns: [], ...dateOrderOf(options) };
  // One data row per batch: stop as soon as `limit` rows were seen.
  for await (const batch of importApplications(input, { ...options, batchSize: 1 })) {
    info = batch.info;
    for (const record of batch.records) {
      if (seen.size >= limit) break;
      seen.add(record.row);
      records.push(record);
    }
    for (const error of batch.errors) {
      if (error.fatal || error.row === undefined) errors.push(error);
      else if (seen.has(error.row) || seen.size < limit) {
        seen.add(error.row);
        errors.push(error);
      }
    }
    if (seen.size >= limit) break;
  }
  return { info, records, errors };
}
