/**
 * CSV: the encoding, the delimiter and the streamed rows (csv-parse), with its errors in words.
 */
import { parse, CsvError } from 'csv-parse';
import { FileProblem, startsWith, type ByteSource, type RawRow } from './source.js';
import type { ImportInfo, ImportOptions } from './types.js';

function encodingOf(head: Uint8Array): { encoding: NonNullable<ImportInfo['encoding']> } | { problem: string } {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8' };
  if (startsWith(head, 0xff, 0xfe)) return { encoding: 'utf-16le' };
  if (startsWith(head, 0xfe, 0xff)) return { encoding: 'utf-16be' };
  let controls = 0;
  for (const b of head) {
    if (b === 0) return { problem: 'this is not a text file (it contains NUL bytes): export your tracker as CSV (UTF-8) or XLSX' };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
  }
  if (controls > head.length / 20) return { problem: 'this is not a text file (too many control characters): export your tracker as CSV (UTF-8) or XLSX' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8' };
  } catch {
    // Excel's plain "CSV" is Windows-1252 on Western systems.
    return { encoding: 'windows-1252' };
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits a line of the first ten most often, outside quotes (comma on a tie
 * or none): the header decides, and a title row above it cannot.
 */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 10);
  const best = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  for (const line of lines) {
    const counts = new Map<string, number>();
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && best.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    for (const [d, n] of counts) best.set(d, Math.max(best.get(d) ?? 0, n));
  }
  let winner: string = ',';
  for (const [d, n] of best) if (n > (best.get(winner) ?? 0)) winner = d;
  return winner;
}

async function* decodedText(head: Uint8Array, source: ByteSource, encoding: NonNullable<ImportInfo['encoding']>): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new FileProblem(`the file is not valid UTF-8 text near byte ${source.bytes.toLocaleString('en-US')}; save it as "CSV UTF-8" and import it again`);
    }
  };
  if (head.length > 0) yield decode(head, true);
  for (;;) {
    const r = await source.chunks.next();
    if (r.done) break;
    yield decode(r.value, true);
  }
  const tail = decode(new Uint8Array(0), false);
  if (tail !== '') yield tail;
}

const PIECE = 64 * 1024;

/** `text` in pieces of at most 64 Ki code units, never splitting a surrogate pair. */
function* split(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    let j = Math.min(i + PIECE, text.length);
    const last = text.charCodeAt(j - 1);
    if (j < text.length && last >= 0xd800 && last <= 0xdbff) j--;
    yield text.slice(i, j);
    i = j;
  }
}

function csvProblem(error: unknown, row: number, maxRowBytes: number): FileProblem {
  if (error instanceof FileProblem) return error;
  if (error instanceof CsvError) {
    switch (error.code) {
      case 'CSV_MAX_RECORD_SIZE':
        return new FileProblem(`a row longer than ${maxRowBytes.toLocaleString('en-US')} bytes: this does not look like a list of applications (check the file, or its delimiter and quotes)`, row);
      case 'CSV_QUOTE_NOT_CLOSED':
        return new FileProblem('a quoted cell starts here and is never closed; look for a stray " character', row);
      case 'CSV_INVALID_CLOSING_QUOTE':
        return new FileProblem('a quote inside a quoted cell must be doubled (""); fix the cell or remove the quotes', row);
      default:
        return new FileProblem(`the CSV could not be read (${error.code})`, row);
    }
  }
  return new FileProblem(`the CSV could not be read: ${error instanceof Error ? error.message : String(error)}`, row);
}

/** The file's rows, a piece's worth at a time (a yield per row was a tenth of a large import's time). */
export async function* csvRows(head: Uint8Array, source: ByteSource, info: ImportInfo, options: ImportOptions): AsyncGenerator<readonly RawRow[]> {
  const found = encodingOf(head);
  if ('problem' in found) throw new FileProblem(found.problem);
  info.encoding = found.encoding;
  const maxRowBytes = options.maxRowBytes ?? 1024 * 1024;
  const text = decodedText(head, source, found.encoding);
  const first = await text.next();
  const firstText = first.done ? '' : first.value.replace(/^\uFEFF/, '');
  let delimiter = options.delimiter ?? detectDelimiter(firstText);
  // Excel's "sep=;" first line names the delimiter.
  const sep = /^sep=(.)\r?\n/i.exec(firstText);
  if (sep && !options.delimiter) delimiter = sep[1] ?? delimiter;
  info.delimiter = delimiter;

  // csv-parse runs synchronously inside write(), and the stream flows: each record comes out as
  // 'data' there, so records parsed before an error are never lost and the queue never holds more
  // than one piece's worth. (An on_record callback would do the same, with an object of the
  // parser's state built for each record: a fifth more of the parsing.)
  const queue: string[][] = [];
  let failure: unknown;
  const parser = parse({
    delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: maxRowBytes,
  });
  parser.on('data', (record: string[]) => {
    queue.push(record);
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  const write = (piece: string): Promise<void> => new Promise((resolve) => {
    parser.write(piece, (error) => {
      if (error) failure ??= error;
      resolve();
    });
  });
  const end = (): Promise<void> => new Promise((resolve) => {
    parser.once('error', () => resolve());
    parser.end(() => resolve());
  });

  let row = 0;
  /** The rows parsed so far, taken out of the queue. */
  const drain = (): RawRow[] => {
    const rows: RawRow[] = [];
    for (const record of queue) {
      row++;
      if (row === 1 && sep) continue;
      rows.push({ row, cells: record });
    }
    queue.length = 0;
    return rows;
  };
  try {
    const pieces = first.done ? text : (async function* all() {
      yield first.value;
      yield* text;
    })();
    for await (const chunk of pieces) {
      for (const piece of split(chunk)) {
        await write(piece);
        const rows = drain();
        if (rows.length > 0) yield rows;
        if (failure !== undefined) throw failure;
      }
    }
    await end();
    const rows = drain();
    if (rows.length > 0) yield rows;
    if (failure !== undefined) throw failure;
  } catch (error) {
    throw csvProblem(error, row + 1, maxRowBytes);
  } finally {
    parser.destroy();
  }
}
