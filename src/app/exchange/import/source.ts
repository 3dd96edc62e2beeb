/**
 * What the readers share: the input as a byte source, the raw rows and cells they hand over, and
 * the FileProblem that stops a read.
 */
import type { ImportInput, ImportOptions } from './types.js';

// ---------------------------------------------------------------- reading bytes

export const EMPTY_FILE = 'the file is empty: export your applications with a header row (Company, Role, Status, Date applied…)';

/** A problem with the whole file (or from one row on): reading stops. */
export class FileProblem extends Error {
  readonly row: number | undefined;
  constructor(message: string, row?: number) {
    super(message);
    this.row = row;
  }
}

export interface ByteSource {
  readonly chunks: AsyncIterator<Uint8Array>;
  bytes: number;
  readonly total: number | undefined;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

async function* chunksOf(input: ImportInput): AsyncGenerator<Uint8Array> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

export function byteSource(input: ImportInput, options: ImportOptions): ByteSource {
  const iterator = chunksOf(input)[Symbol.asyncIterator]();
  const total = options.totalBytes
    ?? (typeof input === 'string' ? Buffer.byteLength(input) : input instanceof Uint8Array ? input.length : undefined);
  const source: ByteSource = {
    bytes: 0,
    total,
    chunks: {
      async next() {
        const r = await iterator.next();
        if (!r.done) source.bytes += r.value.length;
        return r;
      },
    },
    async close() {
      await iterator.return?.(undefined);
    },
  };
  return source;
}

export const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

export interface RawRow {
  readonly row: number;
  readonly cells: readonly RawCell[];
}

/** What a reader hands over per cell: CSV gives text; XLSX may give numbers, dates and links too. */
export type RawCell = string | number | Date | { readonly text: string; readonly link: string };

export function cellText(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return cell.text;
}

/** Undo our export's formula neutralisation ('=… → =…); other text is kept as is. */
export function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
