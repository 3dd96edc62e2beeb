/**
 * The import's reading thread (app/exchange/import/thread.ts, started as the CLI starts it): the
 * same batches as reading on the main thread, progress as they are handed on, and a thread that
 * ends when the reading stops early or fails.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { importApplications, type ImportBatch, type ImportOptions } from '../app/exchange/import/index.js';
import { readInThread, type StartReader } from '../app/exchange/import/thread.js';
import { importReaderThread } from './reader-thread.js';

const work = mkdtempSync(join(tmpdir(), 'afterword-reader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 4,500 rows: dates in two styles, quoted line breaks, a bad row now and then. */
function exportFile(): string {
  const lines = ['Company,Job Title,Status,Date applied,Contact,Notes'];
  for (let i = 0; i < 4_500; i++) {
    const date = i % 3 === 0 ? `${1 + (i % 28)}/${1 + (i % 12)}/2026` : `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const status = i % 997 === 5 ? 'Maybe later' : ['Applied', 'Interviewing', 'Rejected', ''][i % 4];
    lines.push(`Zoë & Co ${i},Analyst,${status},${date},${i % 2 ? `Pat ${i}` : ''},"line one\nline ""two"" of ${i}"`);
  }
  const file = join(work, 'export.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

function starter(): { start: StartReader; workers: Worker[] } {
  const start = importReaderThread(new URL('./bin.ts', import.meta.url).href);
  if (!start) throw new Error('src/cli/import-reader.ts is missing');
  const workers: Worker[] = [];
  return { start: (data) => { const w = start(data); workers.push(w); return w; }, workers };
}

async function all(batches: AsyncIterable<ImportBatch>): Promise<ImportBatch[]> {
  const out: ImportBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const exited = (worker: Worker): Promise<number> => new Promise((resolve) => {
  if (worker.threadId === -1) resolve(0);
  else worker.once('exit', resolve);
});

describe('reading an import\'s file in a worker thread', () => {
  it('gives the batches reading on this thread gives, and tells progress up to the whole file', async () => {
    const file = exportFile();
    const options: ImportOptions = { batchSize: 1_000, dateOrder: 'dmy', map: new Map([['Notes', 'notes']]) };
    const here = await all(importApplications(createReadStream(file), options));
    const progress: [number, number, number | undefined][] = [];
    const { start } = starter();
    const there = await all(readInThread(start, file, { ...options, totalBytes: 123, onProgress: (rows, bytes, total) => progress.push([rows, bytes, total]) }));
    expect(there).toStrictEqual(here);
    expect(there.flatMap((b) => b.records)).toHaveLength(4_495);
    // Rows 7, 1004… (the header is row 1) have a status no tracker uses; the report ends with the list.
    expect(there.flatMap((b) => b.errors).map((e) => e.row)).toStrictEqual([7, 1004, 2001, 2998, 3995, undefined]);
    expect(progress.map(([rows]) => rows)).toStrictEqual(there.map((b) => b.rowsDone));
    expect(progress.every(([, , total]) => total === 123)).toBe(true);
    expect(progress.at(-1)?.[1]).toBe(statSync(file).size);
  });

  it('ends the thread when the reading stops early, or when the file cannot be read', async () => {
    const file = exportFile();
    const { start, workers } = starter();
    for await (const batch of readInThread(start, file, { batchSize: 500 })) {
      expect(batch.records.length).toBeGreaterThan(0);
      break;
    }
    const first = workers[0];
    if (!first) throw new Error('no thread was started');
    await exited(first);
    expect(first.threadId).toBe(-1);

    // The failure as reading on this thread gives it, its system code kept.
    await expect(all(readInThread(start, join(work, 'missing.csv'), {}))).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringMatching(/ENOENT/) as unknown });
    const second = workers[1];
    if (!second) throw new Error('no second thread was started');
    await exited(second);
    expect(second.threadId).toBe(-1);
  });
});
