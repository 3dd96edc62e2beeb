/**
 * Headers and words: how a header row maps onto fields (loosely, or by hand with --map), foreign
 * status words, and finding the header row below any title rows.
 */
import type { ApplicationStatus } from '../../../core/model.js';
import { AppError } from '../../errors.js';
import { oneLine, shorten } from '../text.js';
import { EMPTY_FILE, FileProblem, cellText, unneutralise, type RawCell, type RawRow } from './source.js';
import { IMPORT_FIELDS, type ImportColumn, type ImportField, type ImportInfo, type ImportOptions } from './types.js';

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
export const STATUS_BY_WORD: ReadonlyMap<string, ApplicationStatus> = new Map<string, ApplicationStatus>([
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

export const STATUS_HINT = 'applied, interviewing, offer, accepted, declined, rejected, withdrawn, ghosted (no response), filled';

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
      throw new AppError({ reason: 'import.map_form', params: { value, flag, fields: MAP_FIELDS_HINT } }, { path: 'map', at: flag });
    }
    const key = normaliseHeader(target);
    const field = key === 'skip' || key === 'ignore' || key === 'none' ? null : MAP_FIELD_WORDS[key];
    if (field === undefined) {
      throw new AppError({ reason: 'import.map_field', params: { value: target, fields: MAP_FIELDS_HINT } }, { path: 'map', at: flag });
    }
    map.set(header, field);
  }
  return map;
}

export interface Mapping {
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
export class HeaderFinder {
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
