/**
 * Rows to records: one data row's cells validated into an application (and its contact), or the
 * row's errors by column.
 */
import { readDetails } from '../../../core/details.js';
import type { Application, ApplicationStatus, Person } from '../../../core/model.js';
import { civil, dayOfExcelSerial, type Day } from '../../../core/time.js';
import { AppError } from '../../errors.js';
import { checkAddress } from '../eml.js';
import { cleanText, oneLine, shorten } from '../text.js';
import { parseDateText, validDay } from './dates.js';
import { STATUS_BY_WORD, normaliseHeader, type Mapping } from './headers.js';
import { cellText, unneutralise, type RawCell, type RawRow } from './source.js';
import type { ImportError, ImportField, ImportInfo, ImportedApplication } from './types.js';

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

export interface RowContext {
  readonly info: ImportInfo;
  readonly newId: () => string;
  /** The status words no row could be read with, for one line at the end of the report. */
  readonly unknownStatuses: Set<string>;
}

type RowResult = { readonly record: ImportedApplication } | { readonly errors: readonly ImportError[] };

export function toRecord(raw: RawRow, mapping: Mapping, ctx: RowContext): RowResult | null {
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
    const day = dayOfExcelSerial(dateCell);
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
