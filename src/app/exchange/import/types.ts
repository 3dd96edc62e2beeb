/**
 * The importer's public types (options, records, errors, the info it reports) and how an error reads.
 */
import type { Application } from '../../../core/model.js';
import { oneLine, shorten } from '../text.js';

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
  /** Ids of the new applications and people, placeholders until an import gives the ones kept (default new1, new2…). */
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
  /** Each record's match key and digest (keys.ts), in the same order. */
  readonly keys: readonly string[];
  readonly digests: readonly string[];
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
