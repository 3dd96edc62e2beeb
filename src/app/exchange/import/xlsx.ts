/**
 * XLSX: the workbook read whole (exceljs, loaded on demand), one sheet's rows as raw cells.
 */
import type { CellValue } from 'exceljs';
import { SHEET_TITLES } from '../labels.js';
import { oneLine, shorten } from '../text.js';
import { FileProblem, type ByteSource, type RawCell, type RawRow } from './source.js';
import type { ImportInfo, ImportOptions } from './types.js';

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

/** How many rows of a sheet are handed on at a time. */
const ROWS_AT_ONCE = 500;

/** The sheet's rows, `ROWS_AT_ONCE` at a time. */
export async function* xlsxRows(head: Uint8Array, source: ByteSource, info: ImportInfo, options: ImportOptions): AsyncGenerator<readonly RawRow[]> {
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
  let rows: RawRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCell(row.getCell(c).value));
    rows.push({ row: r, cells });
    if (rows.length >= ROWS_AT_ONCE) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
