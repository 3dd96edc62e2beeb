/**
 * Sniffing: the first bytes decide CSV or XLSX and refuse files that are neither (old .xls, PDF, gzip).
 */
import { csvRows } from './csv.js';
import { EMPTY_FILE, FileProblem, startsWith, type ByteSource, type RawRow } from './source.js';
import type { ImportInfo, ImportOptions } from './types.js';
import { xlsxRows } from './xlsx.js';

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

function binaryKind(head: Uint8Array): string | null {
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel .xls (or other Office 97) file: save it as .xlsx or CSV and import that';
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) return 'a PDF, not a spreadsheet: export your tracker as CSV or XLSX';
  if (startsWith(head, 0x1f, 0x8b)) return 'a gzip archive: unpack it first';
  return null;
}

/** The file's rows, some at a time. */
export async function* rawRows(info: ImportInfo, options: ImportOptions, source: ByteSource): AsyncGenerator<readonly RawRow[]> {
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
