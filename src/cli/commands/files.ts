/** Files: `afterword export ics|xlsx|csv`, `import csv|xlsx FILE`, `backup FILE`, `restore FILE`. */
import { createReadStream, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Option, type Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { backup, exportCalendar, exportSpreadsheet, hasRecords, importFile } from '../../app/files.js';
import { MAP_FIELDS_HINT, parseColumnMap, type ImportOptions } from '../../app/exchange/import/index.js';
import { readInThread } from '../../app/exchange/import/thread.js';
import { SHEETS } from '../../app/exchange/spreadsheet.js';
import { backupBefore, printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { collect } from '../naming.js';
import { readInput } from './read-input.js';

function write(io: CliIo, path: string, data: string | Uint8Array): void {
  if (!io.writeFile) throw new AppError({ reason: 'cli.cannot_write_files' });
  try {
    io.writeFile(path, data);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new AppError({ reason: 'file.unwritable', params: { path, error: code ?? 'error' } }, { at: '--out', cause: error });
  }
}

function fileSize(path: string, flag: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AppError({ reason: 'file.not_file', params: { path } }, { at: flag });
    return stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ reason: 'file.unreadable_table', params: { path, error: (error as { code?: string }).code ?? 'error' } }, { at: flag, cause: error });
  }
}

/** A one-line progress bar on a terminal, redrawn at most every 100 ms; elsewhere a line per 10,000 rows. */
function progressBar(io: CliIo): (rows: number, bytes: number, total: number | undefined) => void {
  let last = 0;
  let logged = 0;
  return (rows, bytes, total) => {
    if (!io.interactive) {
      // Not a terminal (a log, a pipe): a plain line every 10,000 rows.
      if (rows - logged >= 10_000) {
        logged = rows - (rows % 10_000);
        io.stderr(`Importing: ${logged.toLocaleString('en-US')} rows read\n`);
      }
      return;
    }
    const now = io.now();
    if (now - last < 100 && (total === undefined || bytes < total)) return;
    last = now;
    const share = total ? Math.min(1, bytes / total) : 0;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    io.stderr(`\rImporting [${bar}] ${Math.round(share * 100)}% \u00b7 ${rows.toLocaleString('en-US')} rows`);
  };
}

/**
 * From this size on, an import's file is read in a worker thread (app/exchange/import/thread.ts):
 * 100,000 rows (14 MB) took 8.0–8.4 s instead of 9.3–10.5 s, but 10,000 rows (1.4 MB) took as
 * long or longer (starting the thread) and 50 MB more memory (bench/import-store.bench.ts).
 */
const READ_IN_THREAD_BYTES = 4 * 1024 * 1024;

/** Rows an import reads between two full garbage collections. */
const COLLECT_EVERY_ROWS = 10_000;

/**
 * A full garbage collection every 10,000 rows an import reads (told with its progress, once a
 * batch). What a batch leaves is
 * garbage once it is written, but V8 lets the heap grow far past what is alive while a process
 * allocates this fast, so peak memory grew with the file (bench/import-store.bench.ts). Only in the
 * CLI's own process, which does nothing else meanwhile; undefined where the engine will not expose it.
 */
function collectGarbage(): ((rows: number) => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    let next = COLLECT_EVERY_ROWS;
    return (rows) => {
      if (rows < next) return;
      next = rows + COLLECT_EVERY_ROWS;
      (gc as () => void)();
    };
  } catch {
    return undefined;
  }
}

export function registerFiles(program: Command, io: CliIo): void {
  const exp = program.command('export').description('Export upcoming actions to your calendar, or your follow-up history to a spreadsheet.');

  exp.command('ics')
    .description('Every upcoming action as a calendar event with a reminder; re-import updates events instead of duplicating them.')
    .requiredOption('--out <file>', 'the .ics file to write')
    .option('--alarm <minutes>', 'reminder before each event, in minutes (0: none)', '30')
    .addHelpText('after', '\nExample:\n  $ afterword export ics --out afterword.ics')
    .action(async (opts: { out: string; alarm: string }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const minutes = Number(opts.alarm);
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10_080) throw new AppError({ reason: 'alarm.minutes', params: { value: opts.alarm } }, { at: '--alarm' });
      const { text, events } = await exportCalendar(deps, { alarmMinutes: minutes === 0 ? null : minutes });
      write(io, opts.out, text);
      io.stdout(`Wrote ${events} event${events === 1 ? '' : 's'} to ${opts.out}.\n`);
    }));

  for (const format of ['xlsx', 'csv'] as const) {
    exp.command(format)
      .description(format === 'xlsx'
        ? 'The follow-up history as a workbook: one row per touch, plus applications and people sheets.'
        : 'One sheet of the history as CSV (default: one row per touch).')
      .requiredOption('--out <file>', `the .${format} file to write`)
      .addOption(new Option('--sheet <sheet>', 'which sheet (CSV only)').choices(SHEETS))
      .addHelpText('after', `\nExample:\n  $ afterword export ${format} --out follow-ups.${format}`)
      .action(async (opts: { out: string; sheet?: (typeof SHEETS)[number] }, cmd: Command) => withApp(io, cmd, async (deps) => {
        write(io, opts.out, await exportSpreadsheet(deps, format, opts.sheet));
        io.stdout(`Wrote ${opts.out}.\n`);
      }));
  }

  program.command('import')
    .description('Import applications from a job tracker\'s CSV or XLSX export (columns are mapped automatically; --map names one by hand). All or nothing; importing the same file again updates or skips the applications it matches.')
    .argument('<format>', 'csv or xlsx')
    .argument('<file>', 'the file to import')
    .option('--dry-run', 'show how the columns map, the first rows and what each would do, and any problems; write nothing')
    .option('--map <column=field>', `map a column by hand (repeatable), e.g. "Job Position=role"; "=skip" leaves it out. Fields: ${MAP_FIELDS_HINT}`, collect)
    .addOption(new Option('--date-order <order>', 'how to read 03/04/2026 (default: from your region)').choices(['dmy', 'mdy']))
    .option('--json', 'print as JSON')
    .addHelpText('after', `
A row matches an application already recorded by the tracker's id column (Id, Job ID…) when the
file has one, else by company, role and date applied; it updates it (the file's values win, an
empty cell keeps what is recorded) or leaves it unchanged; so does a row repeating an earlier row of
the same file. Statuses of Huntr, Teal, JobSync and
Simplify are read (docs/cli.md lists them).

Examples:
  $ afterword import csv tracker-export.csv --dry-run
  $ afterword import csv teal.csv --map "Job Position=role" --map "Excitement=skip"
  $ afterword import xlsx jobs.xlsx`)
    .action(async (format: string, file: string, opts: { dryRun?: boolean; dateOrder?: 'dmy' | 'mdy'; json?: boolean; map?: string[] }, cmd: Command) => withApp(io, cmd, async (deps) => {
      if (format !== 'csv' && format !== 'xlsx') throw new AppError({ reason: 'import.format', params: { value: format } }, { at: '<format>' });
      const map = opts.map ? parseColumnMap(opts.map) : undefined;
      const totalBytes = fileSize(file, '<file>');
      const bar = progressBar(io);
      // The progress is told once per batch; tests' in-process runs leave collection to V8.
      const collectSome = io.deps ? undefined : collectGarbage();
      const onProgress = (rows: number, bytes: number, total: number | undefined): void => {
        bar(rows, bytes, total);
        collectSome?.(rows);
      };
      // The backup is written before the first write, so an import that changes nothing writes none.
      const beforeWrite = async (): Promise<void> => { if (await hasRecords(deps)) await backupBefore(io, cmd, deps, 'before-import'); };
      // A large file, in a process of its own, is read in a worker thread while this one writes.
      const reader = totalBytes >= READ_IN_THREAD_BYTES ? io.importReader : undefined;
      const source = reader !== undefined ? { readBatches: (options: ImportOptions) => readInThread(reader, file, options) } : createReadStream(file);
      const summary = await importFile(deps, source, {
        format, dryRun: opts.dryRun === true, totalBytes, beforeWrite,
        ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}), onProgress, ...(map ? { map } : {}),
      }).catch((error: unknown) => {
        // The report has one line per row: each is its own line on stderr (errors are otherwise one line).
        if (!(error instanceof AppError) || !error.message.startsWith('import: nothing imported') || !error.message.includes('\n')) throw error;
        const [head = '', ...lines] = error.message.split('\n');
        io.stderr(`afterword: ${head}\n${lines.map((l) => `afterword:   ${l.trim()}\n`).join('')}`);
        throw new AppError({ reason: 'import.fix_rows' }, { at: 'import', code: error.code, cause: error });
      }).finally(() => { if (io.interactive) io.stderr('\n'); });
      const repeats = summary.repeated === 1 ? '1 row repeats' : `${summary.repeated} rows repeat`;
      const counts = `${summary.imported} new, ${summary.updated} updated, ${summary.unchanged} unchanged`
        + (summary.repeated > 0 ? ` (${repeats} an earlier row of the file, counted as updated or unchanged)` : '');
      if (opts.json) {
        printJson(io, {
          imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, repeated: summary.repeated, rows: summary.rows, dryRun: summary.dryRun,
          columns: summary.info?.columns ?? [],
          preview: summary.preview.map((r) => ({ row: r.row, company: r.application.company, role: r.application.role, status: r.application.status, action: r.action, matches: r.matches ?? null })),
          problems: summary.problems,
        });
      } else if (summary.dryRun) {
        io.stdout('Columns:\n');
        for (const c of summary.info?.columns ?? []) io.stdout(`  ${c.header.padEnd(24)} \u2192 ${c.field ?? `(not used${c.note ? `: ${c.note}` : ''})`}\n`);
        io.stdout('First rows:\n');
        const did = (r: (typeof summary.preview)[number]): string => (r.action === 'new' ? 'new' : r.action === 'update' ? `updates ${r.matches ?? ''}` : `unchanged (${r.matches ?? ''})`);
        for (const r of summary.preview) io.stdout(`  row ${r.row}: ${r.application.company} \u2014 ${r.application.role} (${r.application.status}): ${did(r)}\n`);
        if (summary.preview.length === 0) io.stdout('  (none could be read)\n');
        if (summary.problems.length > 0) {
          io.stdout(`Problems (nothing would be imported until they are fixed):\n${summary.problems.map((l) => `  ${l}\n`).join('')}`);
        }
        io.stdout(`Dry run: ${counts} of ${summary.rows} row${summary.rows === 1 ? '' : 's'} read; nothing written.\n`);
      } else {
        io.stdout(`Imported ${summary.rows} row${summary.rows === 1 ? '' : 's'}: ${counts}.\n`);
      }
      // A dry run with problems shows them all, and still says the import would fail.
      if (summary.problems.length > 0) throw new AppError({ reason: 'import.dry_run_problems', params: { lines: summary.problems.length } }, { at: 'import' });
    }));

  program.command('backup')
    .description('Everything you have recorded as one portable JSON file.')
    .argument('<file>', 'the file to write')
    .addHelpText('after', '\nExample:\n  $ afterword backup afterword-backup.json')
    .action(async (file: string, _opts: unknown, cmd: Command) => withApp(io, cmd, async (deps) => {
      write(io, file, await backup(deps));
      io.stdout(`Wrote ${file}.\n`);
    }));

  program.command('restore')
    .description('Replace everything recorded with a backup file (all or nothing).')
    .argument('<file>', 'a file written by "afterword backup"')
    .option('--yes', 'replace existing records without asking')
    .action(async (file: string, opts: { yes?: boolean }, cmd: Command) => {
      const text = readInput(io, file, '<file>');
      if (!opts.yes) {
        // Asked before opening for the restore: a damaged database cannot say whether it has records.
        const records = await withApp(io, cmd, (deps) => hasRecords(deps)).catch((error: unknown) => {
          if (error instanceof AppError && error.fault?.kind === 'damaged') return true;
          throw error;
        });
        const ok = !records || (io.interactive && io.prompt ? await io.prompt.confirm('This replaces every record you have with the backup. Continue?') : false);
        if (!ok) throw new AppError({ reason: 'restore.needs_yes' }, { at: 'restore' });
      }
      const { restoreRecords } = await import('./backups.js');
      const { applications, asideIn } = await restoreRecords(io, cmd, text);
      io.stdout(`Restored ${applications} application${applications === 1 ? '' : 's'} from ${file}.\n`);
      if (asideIn) io.stdout(`The damaged database is kept in ${asideIn}; delete it once you are sure nothing is missing.\n`);
    });
}
