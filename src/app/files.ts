/**
 * Use cases for the files users exchange: calendar and spreadsheet exports, tracker imports (all
 * or nothing, streamed), and whole backups.
 */
import { plan } from '../core/rules/planner.js';
import type { Plan } from '../core/rules/plan-types.js';
import type { Application, Scenario } from '../core/model.js';
import type { OfferAnswer } from './agenda.js';
import { AppError } from './errors.js';
import { renderCalendar, type CalendarOptions } from './exchange/ics.js';
import {
  importApplications, matchKey, type ImportBatch, type ImportError, type ImportField, type ImportInfo, type ImportInput, type ImportOptions, type ImportedApplication,
} from './exchange/import/index.js';
import { oneLine, shorten } from './exchange/text.js';
import { renderCsv, renderXlsx, type SheetId } from './exchange/spreadsheet.js';
import type { ApplicationHead, ApplicationRecord, Store } from './ports.js';
import { nextId, refreshNextDue, requireProfile, type AppDeps } from './records.js';

async function planned(deps: AppDeps): Promise<{ scenario: Scenario; plan: Plan }> {
  await requireProfile(deps);
  const scenario = await deps.store.loadScenario(deps.userId);
  if (!scenario) throw new AppError({ reason: 'profile.missing_short' });
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
  /** New applications (written, or that a dry run would write). */
  readonly imported: number;
  /** Applications already recorded that the file changes (matched by the source's id, else company, role and date applied). */
  readonly updated: number;
  /** Applications already recorded that the file has as they are. */
  readonly unchanged: number;
  /**
   * Rows repeating an earlier row of the same file (same id, or company, role and date applied):
   * each updates the application that row added, or leaves it unchanged, and is counted so.
   */
  readonly repeated: number;
  /** The rows the file holds (all of them, also in a dry run). */
  readonly rows: number;
  readonly dryRun: boolean;
  readonly info?: Readonly<ImportInfo>;
  /** The first rows as they would be recorded (dry runs), each with what it would do. */
  readonly preview: readonly PreviewRow[];
  /** A dry run's problems, one line per row (an import throws them instead); empty when none. */
  readonly problems: readonly string[];
}

export interface PreviewRow extends ImportedApplication {
  /** `new`, or the id of the application it updates or leaves as it is. */
  readonly action: 'new' | 'update' | 'unchanged';
  readonly matches?: string;
}

export interface ImportRequest {
  readonly format?: 'csv' | 'xlsx';
  readonly dateOrder?: 'dmy' | 'mdy';
  readonly dryRun: boolean;
  readonly totalBytes?: number;
  readonly onProgress?: (rows: number, bytes: number, total: number | undefined) => void;
  /** Columns mapped by hand (`--map`, the web's mapping step): header → field, null to leave out. */
  readonly map?: ReadonlyMap<string, ImportField | null>;
  /**
   * Called once, before the import's first write (the CLI's backup of the embedded database);
   * never when it writes nothing (a dry run, a file that changes nothing, rows with problems).
   */
  readonly beforeWrite?: () => Promise<void>;
}

/**
 * What an import reads: the file's bytes (read into batches by `importApplications` on this
 * thread), or something that reads them into batches with the import's options (the CLI reads a
 * file in a worker thread: exchange/import/thread.ts).
 */
export type ImportSource = ImportInput | { readonly readBatches: (options: ImportOptions) => AsyncIterable<ImportBatch> };

/**
 * Rows an import reads and writes at a time (one read of their matches, one insert per table):
 * 2,000 instead of 500 took ~10 % less CPU for 100,000 rows (the statements' own costs), and a
 * batch's records are small beside the database's memory.
 */
export const IMPORT_BATCH_ROWS = 2_000;

/** Rows a dry run shows as they would be recorded. */
const PREVIEW_ROWS = 5;
/** Rows listed in a report of problems; the rest are counted. */
const REPORT_ROWS = 20;

/** The problems as lines: one per row (its problems joined), then those of the whole file. */
export function importReport(errors: readonly ImportError[]): string[] {
  const byRow = new Map<number | undefined, string[]>();
  for (const e of errors) {
    const line = e.column !== undefined ? `column "${shorten(oneLine(e.column), 40)}": ${e.message}` : e.message;
    const list = byRow.get(e.row);
    if (list) list.push(line);
    else byRow.set(e.row, [line]);
  }
  const rows = [...byRow].filter(([row]) => row !== undefined).map(([row, lines]) => `row ${row ?? ''}: ${lines.join('; ')}`);
  return [...rows, ...(byRow.get(undefined) ?? [])];
}

/** The row-numbered report of what is wrong, as one AppError, one line per row (nothing was written). */
function importFailure(errors: readonly ImportError[], total: number): AppError {
  const lines = importReport(errors);
  const shown = lines.slice(0, REPORT_ROWS);
  const more = lines.length > shown.length || total > errors.length ? [`\u2026 and more; fix these and import again`] : [];
  const rowsWithProblems = new Set(errors.map((e) => e.row).filter((r) => r !== undefined)).size;
  const head = rowsWithProblems > 0 ? `${rowsWithProblems} row${rowsWithProblems === 1 ? ' has' : 's have'} problems` : 'the file cannot be read';
  return new AppError({ reason: 'import.failed', params: { head, lines: [...shown, ...more] } }, { at: 'import' });
}

/** The application as recorded, with what the row gives laid over it: details given replace, absent ones are kept. */
function merged<T extends ApplicationHead>(current: T, row: ImportedApplication): T {
  const app = row.application;
  const out: Record<string, unknown> = { ...current, company: app.company, role: app.role };
  if (row.statusGiven) out['status'] = app.status;
  if (app.appliedOn !== undefined) out['appliedOn'] = app.appliedOn;
  for (const key of ['postingUrl', 'location', 'workplace', 'salary', 'source', 'sourceId', 'description', 'notes', 'tags'] as const) {
    if (app[key] !== undefined) out[key] = app[key];
  }
  // The row's contact joins the people unless someone of that name is there already.
  const contact = app.people[0];
  const known = contact === undefined || current.people.some((p) => p.name.toLowerCase() === contact.name.toLowerCase());
  if (!known) out['people'] = [...current.people, { ...contact, id: nextId('p', current.people.map((p) => p.id)) }];
  return ordered(out as unknown as T);
}

/**
 * Whether two records read as JSON are equal (what their JSON texts in one key order would say),
 * without writing them out: two texts per row were most of what a re-import left to collect.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  const keys = (o: Readonly<Record<string, unknown>>): number => Object.keys(o).filter((k) => o[k] !== undefined).length;
  return Object.keys(x).every((k) => x[k] === undefined || sameValue(x[k], y[k])) && keys(x) === keys(y);
}

const ORDER: readonly (keyof Application)[] = [
  'id', 'company', 'role', 'status', 'appliedOn', 'timeZone', 'region', 'individualPanelNotes', 'postingUrl', 'location', 'workplace',
  'salary', 'source', 'sourceId', 'description', 'notes', 'tags', 'people', 'interviews', 'touches', 'protocol',
];

/** The application with its keys in the model's order, as the store reads it back (so equal records compare equal as JSON). */
function ordered<T extends ApplicationHead>(app: T): T {
  const a = app as unknown as Record<string, unknown>;
  return Object.fromEntries(ORDER.filter((k) => a[k] !== undefined).map((k) => [k, a[k]])) as unknown as T;
}

/**
 * The ids of the applications recorded, how a row finds them (by the source's id, by company,
 * role and date applied) and the digests of the rows they were imported from, read a page at a
 * time (Store.importKeysPaged): 100,000 summaries read and kept at once held ~100 MB more through
 * a re-import.
 */
async function recordedKeys(deps: AppDeps): Promise<{ taken: Set<string>; bySourceId: Map<string, string>; byKey: Map<string, string>; digests: Map<string, string> }> {
  const taken = new Set<string>();
  const bySourceId = new Map<string, string>();
  const byKey = new Map<string, string>();
  const digests = new Map<string, string>();
  await deps.store.importKeysPaged(deps.userId, (page) => {
    for (const a of page) {
      taken.add(a.id);
      if (a.sourceId !== undefined && !bySourceId.has(a.sourceId)) bySourceId.set(a.sourceId, a.id);
      const key = matchKey(a.company, a.role, a.appliedOn);
      if (!byKey.has(key)) byKey.set(key, a.id);
      if (a.importDigest !== undefined) digests.set(a.id, a.importDigest);
    }
  });
  return { taken, bySourceId, byKey, digests };
}

/**
 * Imports applications from a tracker's CSV or XLSX export. All or nothing: the rows are written
 * in batches inside one transaction that a bad row anywhere rolls back, begun (after
 * `req.beforeWrite`) at the first batch that writes something. A row that matches an
 * application already recorded (the source's id column, else company, role and date applied)
 * updates it, or leaves it as it is when nothing differs, so importing the same file twice changes
 * nothing. A row repeating an earlier row of the same file is matched the same way, wherever the two
 * fall in the file: it updates the application the earlier one added (counted as updated, or
 * unchanged when it differs in nothing), and `repeated` counts such rows. A dry run writes nothing and returns its problems instead of throwing them.
 */
export async function importFile(deps: AppDeps, source: ImportSource, req: ImportRequest): Promise<ImportSummary> {
  const profile = await requireProfile(deps);
  const { taken, bySourceId, byKey, digests } = await recordedKeys(deps);
  const options = {
    batchSize: IMPORT_BATCH_ROWS,
    region: profile.settings.region,
    ...(req.format ? { format: req.format } : {}),
    ...(req.dateOrder ? { dateOrder: req.dateOrder } : {}),
    ...(req.totalBytes !== undefined ? { totalBytes: req.totalBytes } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    ...(req.map ? { map: req.map } : {}),
  };
  // The next free `aN`, as nextId would give: the ids given out here only grow, so only the ones
  // taken before are looked up, and nothing here grows with the file.
  let last = 0;
  const newRecord = (r: ImportedApplication): ApplicationRecord => {
    let id: string;
    do id = `a${++last}`; while (taken.has(id));
    return { application: { ...r.application, id, people: r.application.people.map((p, i) => ({ ...p, id: `p${i + 1}` })) }, redFlags: [] };
  };
  const keyOf = (app: ApplicationHead): string => matchKey(app.company, app.role, app.appliedOn);
  /** The recorded application a row matches (one recorded before, or added earlier in this file). */
  const matchOf = (r: ImportedApplication, key: string): string | undefined => {
    const app = r.application;
    return (app.sourceId !== undefined ? bySourceId.get(app.sourceId) : undefined) ?? byKey.get(key);
  };
  const remember = (app: ApplicationHead, key: string): void => {
    if (app.sourceId !== undefined) bySourceId.set(app.sourceId, app.id);
    byKey.set(key, app.id);
  };

  const errors: ImportError[] = [];
  const preview: PreviewRow[] = [];
  let errorCount = 0;
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  let repeated = 0;
  let rows = 0;
  let info: Readonly<ImportInfo> | undefined;
  // The ids this import gives new applications (ids only: memory stays small however long the file).
  const created = new Set<string>();
  // The recorded applications this import changes: their digests no longer say what they hold.
  const changedHere = new Set<string>();
  /** Whether the row leaves the recorded application `id` as it is, known from its digest alone. */
  const keptByDigest = (id: string | undefined, digest: string): boolean =>
    id !== undefined && !created.has(id) && !changedHere.has(id) && digests.get(id) === digest;
  const batches = (typeof source === 'object' && 'readBatches' in source ? source.readBatches(options) : importApplications(source, options))[Symbol.asyncIterator]();

  /**
   * Matches the next batches' rows until one has something to write (what it adds and changes),
   * undefined at the end of the file. Nothing is written here; a dry run (`write` false) counts a
   * row repeating one of an earlier batch as already there.
   */
  const matchUntilWrite = async (store: Store, write: boolean): Promise<BatchWrites | undefined> => {
    for (;;) {
      const next = await batches.next();
      if (next.done === true) return undefined;
      const batch = next.value;
      info = batch.info;
      if (batch.errors.length > 0) {
        errorCount += batch.errors.length;
        if (errors.length < 200) errors.push(...batch.errors.slice(0, 200 - errors.length));
      }
      rows += batch.records.length;
      if (batch.records.length === 0) continue;
      // Each row's key once (its words normalised): it is looked up twice and remembered. One read
      // per batch for the applications recorded before it that its rows match, without their
      // interviews and touches (a row changes neither); those are read for the ones it changes.
      // A row whose digest is the one kept for its match is not read at all.
      const keys = batch.keys;
      const rowDigests = batch.digests;
      const ids = [...new Set(batch.records.map((r, i) => {
        const id = matchOf(r, keys[i] ?? '');
        return keptByDigest(id, rowDigests[i] ?? '') ? undefined : id;
      }).filter((id): id is string => id !== undefined))];
      const current = new Map<string, ApplicationHead>((ids.length > 0 ? await store.getApplicationHeads(deps.userId, ids) : []).map((a) => [a.id, a]));
      const added: ApplicationRecord[] = [];
      const addedDigests: string[] = [];
      const changed = new Map<string, ApplicationHead>();
      // Applications this batch adds, until they are written, by id → their place in `added`.
      const pending = new Map<string, number>();
      for (const [i, r] of batch.records.entries()) {
        // Matched row by row: a row may repeat one added or changed earlier in this same batch.
        const key = keys[i] ?? '';
        const digest = rowDigests[i] ?? '';
        const id = matchOf(r, key);
        const at = id === undefined ? undefined : pending.get(id);
        if (id !== undefined && keptByDigest(id, digest)) {
          unchanged++;
          if (preview.length < PREVIEW_ROWS) preview.push({ ...r, action: 'unchanged', matches: id });
          continue;
        }
        // Matched after the batch's read (a row before it changed what a key names): read it now.
        if (id !== undefined && at === undefined && !current.has(id) && !(!write && created.has(id))) {
          for (const head of await store.getApplicationHeads(deps.userId, [id])) current.set(head.id, head);
        }
        if (id !== undefined && !write && created.has(id) && !current.has(id) && at === undefined) {
          // A dry run wrote nothing: a row repeating one of an earlier batch is counted as already there.
          unchanged++;
          repeated++;
          if (preview.length < PREVIEW_ROWS) preview.push({ ...r, action: 'unchanged', matches: id });
          continue;
        }
        const before: ApplicationHead | undefined = id === undefined ? undefined : at !== undefined ? added[at]?.application : current.get(id);
        let action: PreviewRow['action'];
        if (before === undefined) {
          const record = newRecord(r);
          pending.set(record.application.id, added.length);
          added.push(record);
          addedDigests.push(digest);
          created.add(record.application.id);
          remember(record.application, key);
          action = 'new';
          imported++;
        } else {
          if (created.has(before.id)) repeated++;
          const after = merged(before, r);
          if (sameValue(after, before)) {
            action = 'unchanged';
            unchanged++;
          } else {
            // A repeat of a row this batch adds changes what is inserted; otherwise the recorded one is saved once.
            const adding = at === undefined ? undefined : added[at];
            if (at !== undefined && adding) {
              added[at] = { application: { ...adding.application, ...after }, redFlags: [] };
              addedDigests[at] = digest;
            } else {
              changed.set(after.id, after);
              changedHere.add(after.id);
              current.set(after.id, after);
            }
            remember(after, keyOf(after));
            action = 'update';
            updated++;
          }
        }
        if (preview.length < PREVIEW_ROWS) preview.push({ ...r, action, ...(before ? { matches: before.id } : {}) });
      }
      if (write && errorCount === 0 && (added.length > 0 || changed.size > 0)) return { added, addedDigests, changed };
    }
  };

  const writeBatch = async (store: Store, { added, addedDigests, changed }: BatchWrites): Promise<void> => {
    // The applications changed keep no digest (the store clears it): their next import reads them.
    if (added.length > 0) await store.insertApplications(deps.userId, added, addedDigests);
    const whole = changed.size > 0 ? await store.getApplications(deps.userId, [...changed.keys()]) : [];
    for (const full of whole) {
      const head = changed.get(full.id);
      if (!head) continue;
      const app = ordered({ ...head, interviews: full.interviews, touches: full.touches });
      await store.saveApplication(deps.userId, app);
      await refreshNextDue(store, deps, profile, app);
    }
  };

  const summary = (write: boolean): ImportSummary => {
    const problems = errorCount > 0 ? importReport(errors) : [];
    if (write && errorCount > 0) throw importFailure(errors, errorCount);
    return { imported, updated, unchanged, repeated, rows, dryRun: !write, ...(info ? { info } : {}), preview, problems };
  };

  try {
    if (req.dryRun) {
      while (await matchUntilWrite(deps.store, false) !== undefined);
      return summary(false);
    }
    // Rows are matched outside a transaction until one batch has something to write: a file that
    // changes nothing (a re-import of the same file) writes nothing, not even the backup before it.
    const first = await matchUntilWrite(deps.store, true);
    if (first === undefined) return summary(true);
    await req.beforeWrite?.();
    return await deps.store.transaction(async (store) => {
      for (let writes: BatchWrites | undefined = first; writes !== undefined; writes = await matchUntilWrite(store, true)) await writeBatch(store, writes);
      return summary(true);
    });
  } finally {
    // Closes the file when an error stopped the reading early.
    await batches.return?.(undefined);
  }
}

/** What one batch of an import adds and changes. */
interface BatchWrites {
  readonly added: readonly ApplicationRecord[];
  /** The digest of the row each of `added` was last written from. */
  readonly addedDigests: readonly string[];
  readonly changed: ReadonlyMap<string, ApplicationHead>;
}

export { backup, restore } from './backups.js';

/** Whether the user has applications already (restore asks before replacing them). */
export async function hasRecords(deps: AppDeps): Promise<boolean> {
  return (await deps.store.listApplications(deps.userId, { limit: 1 })).length > 0;
}
