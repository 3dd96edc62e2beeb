/**
 * Use cases for the files users exchange: calendar and spreadsheet exports, tracker imports (all
 * or nothing, streamed), and whole backups.
 */
import { plan } from '../core/rules/planner.js';
import type { Plan } from '../core/rules/plan-types.js';
import type { Scenario } from '../core/model.js';
import type { OfferAnswer } from './agenda.js';
import { AppError } from './errors.js';
import { renderCalendar, type CalendarOptions } from './exchange/ics.js';
import { formatImportError, importApplications, type ImportError, type ImportInfo, type ImportInput, type ImportedApplication } from './exchange/import.js';
import { renderCsv, renderXlsx, type SheetId } from './exchange/spreadsheet.js';
import type { ApplicationRecord } from './ports.js';
import { requireProfile, type AppDeps } from './records.js';

async function planned(deps: AppDeps): Promise<{ scenario: Scenario; plan: Plan }> {
  await requireProfile(deps);
  const scenario = await deps.store.loadScenario(deps.userId);
  if (!scenario) throw new AppError('bad_input', 'no profile yet: run "afterword setup" first');
  return { scenario, plan: plan(scenario, { now: deps.clock.now(), time: deps.time }) };
}

export async function exportCalendar(deps: AppDeps, opts: CalendarOptions = {}): Promise<{ text: string; events: number }> {
  const { scenario, plan: p } = await planned(deps);
  // Nothing is due before 1970: this reads only the offers' respond-by days.
  const { offerDeadlines } = await deps.store.agendaRecords(deps.userId, 0);
  const open = new Map(scenario.applications.filter((a) => a.status === 'offer' || a.status === 'active').map((a) => [a.id, a]));
  const offers = offerDeadlines.flatMap((d): OfferAnswer[] => {
    const app = open.get(d.applicationId);
    return app ? [{ applicationId: app.id, company: app.company, role: app.role, respondBy: d.respondBy }] : [];
  });
  const text = renderCalendar(p, scenario, deps.time, opts, offers);
  return { text, events: (text.match(/^BEGIN:VEVENT/gm) ?? []).length };
}

export async function exportSpreadsheet(deps: AppDeps, format: 'xlsx' | 'csv', sheet?: SheetId): Promise<string | Buffer> {
  const { scenario, plan: p } = await planned(deps);
  return format === 'xlsx'
    ? renderXlsx(scenario, { time: deps.time, plan: p })
    : renderCsv(scenario, { time: deps.time, plan: p, ...(sheet ? { sheet } : {}) });
}

export interface ImportSummary {
  readonly imported: number;
  /** The rows the file holds (all of them, also in a dry run). */
  readonly rows: number;
  readonly dryRun: boolean;
  readonly info?: Readonly<ImportInfo>;
  /** The first rows as they would be recorded (dry runs). */
  readonly preview: readonly ImportedApplication[];
}

export interface ImportRequest {
  readonly format?: 'csv' | 'xlsx';
  readonly dateOrder?: 'dmy' | 'mdy';
  readonly dryRun: boolean;
  readonly totalBytes?: number;
  readonly onProgress?: (rows: number, bytes: number, total: number | undefined) => void;
}

/** Rows a dry run shows as they would be recorded. */
const PREVIEW_ROWS = 5;

/** The row-numbered report of what is wrong, as one AppError (nothing was written). */
function importFailure(errors: readonly ImportError[], total: number): AppError {
  const shown = errors.slice(0, 20).map(formatImportError);
  const more = total > shown.length ? `; and ${total - shown.length} more` : '';
  return new AppError('bad_input', `import: nothing imported; ${total} problem${total === 1 ? '' : 's'}: ${shown.join('; ')}${more}`);
}

/**
 * Imports applications from a tracker's CSV or XLSX export. All or nothing: the rows are inserted
 * in batches inside one transaction that a bad row anywhere rolls back. A dry run writes nothing.
 */
export async function importFile(deps: AppDeps, input: ImportInput, req: ImportRequest): Promise<ImportSummary> {
  const profile = await requireProfile(deps);
  const taken = new Set((await deps.store.listApplications(deps.userId)).map((a) => a.id));
  const options = {
    region: profile.settings.region,
    ...(req.format ? { format: req.format } : {}),
    ...(req.dateOrder ? { dateOrder: req.dateOrder } : {}),
    ...(req.totalBytes !== undefined ? { totalBytes: req.totalBytes } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  };
  // The next free `aN`, as nextId would give: the ids given out here only grow, so only the ones
  // taken before are looked up, and nothing here grows with the file.
  let last = 0;
  const toRecord = (r: ImportedApplication): ApplicationRecord => {
    let id: string;
    do id = `a${++last}`; while (taken.has(id));
    return { application: { ...r.application, id, people: r.application.people.map((p, i) => ({ ...p, id: `p${i + 1}` })) }, redFlags: [] };
  };

  // A dry run reads the whole file as the import would, so its report is the import's report.
  const run = async (write: ((records: readonly ImportedApplication[]) => Promise<number>) | undefined): Promise<ImportSummary> => {
    const errors: ImportError[] = [];
    const preview: ImportedApplication[] = [];
    let errorCount = 0;
    let imported = 0;
    let rows = 0;
    let info: Readonly<ImportInfo> | undefined;
    for await (const batch of importApplications(input, options)) {
      info = batch.info;
      if (batch.errors.length > 0) {
        errorCount += batch.errors.length;
        if (errors.length < 20) errors.push(...batch.errors.slice(0, 20 - errors.length));
      }
      rows += batch.records.length;
      for (const r of batch.records) if (!write && preview.length < PREVIEW_ROWS) preview.push(r);
      if (write && errorCount === 0 && batch.records.length > 0) imported += await write(batch.records);
    }
    if (errorCount > 0) throw importFailure(errors, errorCount);
    return { imported, rows, dryRun: !write, ...(info ? { info } : {}), preview };
  };
  if (req.dryRun) return run(undefined);
  return deps.store.transaction(async (store) => run((records) => store.insertApplications(deps.userId, records.map(toRecord))));
}

export { backup, restore } from './backups.js';

/** Whether the user has applications already (restore asks before replacing them). */
export async function hasRecords(deps: AppDeps): Promise<boolean> {
  return (await deps.store.listApplications(deps.userId)).length > 0;
}
