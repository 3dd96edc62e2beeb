/**
 * `import csv|xlsx`: applications from our own export or from the files job trackers export.
 * Headers are matched loosely ("Date applied", "date_applied", "DATE APPLIED" are one column),
 * foreign status words map onto PROTOCOL §6, dates are read in a known order or reported.
 * CSV streams (csv-parse), so memory stays flat however large the file; XLSX is read whole.
 * Nothing here throws on bad input: file-level and row-level problems come back as errors with
 * their row number, and the caller decides (all or nothing).
 */
import { dateOrderOf } from './dates.js';
import { HeaderFinder, STATUS_HINT, type Mapping } from './headers.js';
import { matchKey, rowDigest } from './keys.js';
import { toRecord, type RowContext } from './rows.js';
import { rawRows } from './sniff.js';
import { FileProblem, byteSource, cellText } from './source.js';
import type { ImportBatch, ImportError, ImportInfo, ImportInput, ImportOptions, ImportPreview, ImportedApplication } from './types.js';

export { parseDateText } from './dates.js';
export { MAP_FIELDS_HINT, importStatus, normaliseHeader, parseColumnMap } from './headers.js';
export { matchKey } from './keys.js';
export {
  IMPORT_FIELDS, formatImportError, type DateOrder, type ImportBatch, type ImportColumn, type ImportError, type ImportField, type ImportInfo,
  type ImportInput, type ImportOptions, type ImportPreview, type ImportedApplication,
} from './types.js';

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
  // The ids are placeholders until the import gives the ones kept: a counter, not a UUID per row and person.
  let placeholder = 0;
  const ctx: RowContext = { info, newId: options.newId ?? (() => `new${++placeholder}`), unknownStatuses: new Set() };
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
    const keys = records.map((r) => matchKey(r.application.company, r.application.role, r.application.appliedOn));
    const out = { records, keys, digests: records.map(rowDigest), errors, rowsDone, info };
    records = [];
    errors = [];
    options.onProgress?.(rowsDone, source.bytes, source.total);
    return out;
  };

  try {
    for await (const some of rawRows(info, options, source)) {
      for (const raw of some) {
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
