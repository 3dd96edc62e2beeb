/**
 * The follow-up history "kept like a spreadsheet" (PROTOCOL §1): an XLSX workbook with the sheets
 * Follow-ups, Applications and People, or one of them as CSV. Date-times are wall-clock times, one
 * zone per column: the candidate's (named in the header) and, for the next action, the
 * recipient's too (named in the column beside it); cells that a spreadsheet would run as a
 * formula are neutralised.
 */
// exceljs (≈ 270 ms to load) is imported when a workbook is written, not by every command.
import type { CellValue, Workbook } from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { WORKPLACE_WORDS } from '../../core/details.js';
import type { Application, Scenario } from '../../core/model.js';
import type { Plan, Recommendation } from '../../core/rules/plan-types.js';
import { formatClock, formatDay, zoneLabel, type Day, type EpochMs, type TimeRules, type ZoneRules } from '../../core/time.js';
import { AppError } from '../errors.js';
import { CALENDAR_STATUSES } from './ics.js';
import {
  actionLabel, CHANNEL_WORDS, KIND_WORDS, OUTCOME_WORDS, SHEET_TITLES, SHEETS, STATUS_WORDS, findPerson, findReference, type SheetId,
} from './labels.js';
import { cleanText } from './text.js';

export { SHEETS, SHEET_TITLES, type SheetId } from './labels.js';

export interface SpreadsheetOptions {
  readonly time: TimeRules;
  /** When given, Applications gains each application's next action and its date. */
  readonly plan?: Plan;
}

export interface CsvOptions extends SpreadsheetOptions {
  /** Which sheet; default the follow-ups. */
  readonly sheet?: SheetId;
  /** Start with a UTF-8 byte-order mark so Excel reads accents right. Default true. */
  readonly bom?: boolean;
}

/** A cell before it is written: wall-clock date-times and dates stay apart from text. */
export type Cell =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'datetime'; readonly day: Day; readonly minutes: number }
  | { readonly kind: 'date'; readonly day: Day }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'empty' };

export interface Sheet {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const EMPTY: Cell = { kind: 'empty' };
const text = (value: string | undefined): Cell => (value === undefined || value === '' ? EMPTY : { kind: 'text', value: cleanText(value) });
const wallClock = (zone: ZoneRules, at: EpochMs): Cell => ({ kind: 'datetime', day: zone.dayAt(at), minutes: zone.minutesAt(at) });
/** The header of a column of the candidate's wall-clock times: `Date (your time, America/Chicago)`. */
const yourTime = (what: string, zone: ZoneRules): string => `${what} (your time, ${zone.id})`;
const MS_PER_DAY = 86_400_000;
/** Excel keeps at most this many characters in a cell. */
const EXCEL_CELL_MAX = 32_767;

/**
 * Text a spreadsheet would read as a formula (= + - @, or a leading tab/CR that hides one) gets a
 * leading apostrophe (OWASP's CSV-injection advice); the importer strips it again.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function followUps(scenario: Scenario, time: TimeRules): Sheet {
  const zone = time.zone(scenario.settings.timeZone);
  const entries = scenario.applications.flatMap((app) => app.touches.map((touch) => ({ app, touch })));
  entries.sort((a, b) => a.touch.at - b.touch.at);
  const rows = entries.map(({ app, touch }): Cell[] => {
    const who = findPerson(app, touch.personId)?.name ?? findReference(scenario, touch.referenceId)?.name;
    return [
      wallClock(zone, touch.at),
      text(app.company), text(app.role), text(who),
      text(CHANNEL_WORDS[touch.channel]), text(KIND_WORDS[touch.kind]), text(OUTCOME_WORDS[touch.outcome]),
      text(touch.text),
    ];
  });
  return {
    title: SHEET_TITLES['follow-ups'],
    headers: [yourTime('Date', zone), 'Company', 'Role', 'Person', 'Channel', 'Kind', 'Outcome', 'Notes'],
    rows,
  };
}

/** The soonest action still to do for each application. */
function nextActions(plan: Plan): Map<string, Recommendation> {
  const next = new Map<string, Recommendation>();
  for (const rec of plan.recommendations) {
    if (!CALENDAR_STATUSES.has(rec.status)) continue;
    const current = next.get(rec.applicationId);
    if (!current || rec.ideal < current.ideal) next.set(rec.applicationId, rec);
  }
  return next;
}

const NEXT_THERE = 'Next action (recipient\u2019s time)';
const NEXT_ZONE = 'Recipient\u2019s time zone';

function applications(scenario: Scenario, time: TimeRules, plan: Plan | undefined): Sheet {
  const zone = time.zone(scenario.settings.timeZone);
  const next = plan ? nextActions(plan) : undefined;
  const rows = scenario.applications.map((app: Application): Cell[] => {
    const cells: Cell[] = [
      text(app.company), text(app.role), text(STATUS_WORDS[app.status]),
      app.appliedOn === undefined ? EMPTY : { kind: 'date', day: app.appliedOn },
    ];
    if (next) {
      const rec = next.get(app.id);
      const at: EpochMs | undefined = rec ? (rec.nextAllowed !== undefined ? Math.max(rec.ideal, rec.nextAllowed) : rec.ideal) : undefined;
      // The same instant on both clocks: the candidate's, and the recipient's with its zone named beside it.
      cells.push(
        rec ? text(actionLabel(rec, app, scenario)) : EMPTY,
        at === undefined ? EMPTY : wallClock(zone, at),
        rec === undefined || at === undefined ? EMPTY : wallClock(time.zone(rec.timeZone), at),
        rec ? text(zoneLabel(rec.timeZone)) : EMPTY,
      );
    }
    cells.push(...detailCells(app));
    return cells;
  });
  return {
    title: SHEET_TITLES.applications,
    headers: ['Company', 'Role', 'Status', 'Applied on', ...(next ? ['Next action', yourTime('Next action', zone), NEXT_THERE, NEXT_ZONE] : []), ...DETAIL_HEADERS],
    rows,
  };
}

/** The application's details, last in the Applications sheet; the importer reads these headers back. */
export const DETAIL_HEADERS = [
  'Job posting', 'Location', 'Workplace', 'Salary', 'Salary min', 'Salary max', 'Salary currency', 'Salary per', 'Source', 'Source id', 'Tags', 'Notes', 'Job description',
] as const;

const amount = (value: number | undefined): Cell => (value === undefined ? EMPTY : { kind: 'number', value });

function detailCells(app: Application): Cell[] {
  const s = app.salary;
  return [
    text(app.postingUrl), text(app.location), text(app.workplace === undefined ? undefined : WORKPLACE_WORDS[app.workplace]),
    text(s?.text), amount(s?.min), amount(s?.max), text(s?.currency), text(s?.period),
    text(app.source), text(app.sourceId), text(app.tags?.join(', ')), text(app.notes), text(app.description),
  ];
}

function people(scenario: Scenario): Sheet {
  const rows = scenario.applications.flatMap((app) => app.people.map((p): Cell[] => [
    text(app.company), text(p.name), text(p.honorific), text(p.title), text(p.role.replace('_', ' ')),
    text(p.email), text(p.phone), { kind: 'bool', value: p.verified }, text(p.notes),
  ]));
  return {
    title: SHEET_TITLES.people,
    headers: ['Company', 'Name', 'Honorific', 'Title', 'Role', 'Email', 'Phone', 'Verified', 'Notes'],
    rows,
  };
}

/** One sheet as data: what both the XLSX and the CSV writers lay out. */
export function buildSheet(scenario: Scenario, sheet: SheetId, opts: SpreadsheetOptions): Sheet {
  switch (sheet) {
    case 'follow-ups': return followUps(scenario, opts.time);
    case 'applications': return applications(scenario, opts.time, opts.plan);
    case 'people': return people(scenario);
  }
}

function csvValue(cell: Cell): string {
  switch (cell.kind) {
    case 'text': return neutralise(cell.value);
    case 'datetime': return `${formatDay(cell.day)} ${formatClock(cell.minutes)}`;
    case 'date': return formatDay(cell.day);
    case 'bool': return cell.value ? 'yes' : 'no';
    case 'number': return String(cell.value);
    case 'empty': return '';
  }
}

/** One sheet (default: the follow-ups) as RFC 4180 CSV with CRLF line ends and a header row. */
export function renderCsv(scenario: Scenario, opts: CsvOptions): string {
  const sheet = buildSheet(scenario, opts.sheet ?? 'follow-ups', opts);
  return stringify([sheet.headers.map(neutralise), ...sheet.rows.map((row) => row.map(csvValue))], {
    bom: opts.bom ?? true,
    record_delimiter: 'windows',
  });
}

/** A wall-clock time as the Date exceljs turns into an Excel serial (it reads the UTC fields). */
function excelDate(day: Day, minutes: number): Date {
  return new Date(day * MS_PER_DAY + minutes * 60_000);
}

function excelValue(cell: Cell): CellValue {
  switch (cell.kind) {
    case 'text': {
      const safe = neutralise(cell.value);
      return safe.length > EXCEL_CELL_MAX ? `${safe.slice(0, EXCEL_CELL_MAX - 1)}\u2026` : safe;
    }
    case 'datetime': return excelDate(cell.day, cell.minutes);
    case 'date': return excelDate(cell.day, 0);
    case 'bool': return cell.value;
    case 'number': return cell.value;
    case 'empty': return null;
  }
}

const WIDTHS: Readonly<Record<string, number>> = {
  Notes: 60, 'Job description': 60, 'Job posting': 30, Company: 24, Role: 24, Name: 24, Email: 30, 'Next action': 32, [NEXT_THERE]: 22, [NEXT_ZONE]: 30,
};

function addSheet(workbook: Workbook, sheet: Sheet): void {
  const ws = workbook.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(sheet.headers.map(neutralise)).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row.map(excelValue));
  sheet.headers.forEach((header, i) => {
    const column = ws.getColumn(i + 1);
    const kind = sheet.rows.find((r) => r[i]?.kind !== 'empty')?.[i]?.kind;
    if (kind === 'datetime') column.numFmt = 'yyyy-mm-dd hh:mm';
    if (kind === 'date') column.numFmt = 'yyyy-mm-dd';
    column.width = WIDTHS[header] ?? (kind === 'datetime' ? Math.max(18, header.length) : kind === 'date' ? 12 : 16);
    if (header === 'Notes' || header === 'Job description') column.alignment = { wrapText: true, vertical: 'top' };
  });
  if (sheet.headers.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
}

/** The workbook: Follow-ups, Applications (with next actions when a plan is given), People. */
export async function renderXlsx(scenario: Scenario, opts: SpreadsheetOptions): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Afterword';
  for (const id of SHEETS) addSheet(workbook, buildSheet(scenario, id, opts));
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } catch (error) {
    throw new AppError({ reason: 'xlsx.unwritable' }, { at: 'xlsx', cause: error });
  }
}
