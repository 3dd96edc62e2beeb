/**
 * Reading a file in a worker thread. An import's work that is not the database's is mostly the
 * reading: the CSV parsing and each row's checks (a third of a 100,000-row import's CPU on the main
 * thread). In a thread of its own it runs while the main thread matches and writes the batches
 * before (the embedded database runs on the main thread). The batches are the ones
 * `importApplications` gives, at most AHEAD of them waiting, so memory stays flat.
 *
 * `readInThread` is the main thread's side; `serveReader` is the worker's, run by an entry module
 * of its own (src/cli/import-reader.ts, bundled as dist/cli/import-reader.js).
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { importApplications } from './index.js';
import type { ImportBatch, ImportOptions } from './types.js';

/** What crosses to the worker: the options but the callbacks (a function cannot be sent). */
type SentOptions = Omit<ImportOptions, 'onProgress' | 'newId'>;

interface Start {
  readonly file: string;
  readonly options: SentOptions;
}

type Message =
  | { readonly kind: 'batch'; readonly batch: ImportBatch; readonly bytes: number; readonly total: number | undefined }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string; readonly stack?: string };

/** Batches the worker reads ahead of the one the main thread is on. */
const AHEAD = 2;

function sendable(options: ImportOptions): SentOptions {
  const { onProgress, newId, ...rest } = options;
  void onProgress;
  void newId;
  return rest;
}

/** Starts a worker thread that runs `serveReader` with `workerData` (the CLI's runs src/cli/import-reader.ts). */
export type StartReader = (workerData: unknown) => Worker;

/**
 * The batches of `file` as `importApplications` reads them, read by a worker thread that `start`
 * starts. Progress is told as each batch is handed on. Stopping early (return, or an error) ends
 * the worker.
 */
export async function* readInThread(start: StartReader, file: string, options: ImportOptions): AsyncGenerator<ImportBatch> {
  const sent: Start = { file, options: sendable(options) };
  const worker = start(sent);
  const queue: Message[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const woken = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (message: Message) => {
    queue.push(message);
    woken();
  });
  worker.on('error', (error) => {
    failure ??= error;
    woken();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import's reading thread stopped (exit code ${code})`);
    woken();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      const message = queue.shift();
      if (message === undefined) throw failure ?? new Error('the import\'s reading thread stopped');
      if (message.kind === 'done') return;
      if (message.kind === 'failed') {
        // As reading on this thread would have failed: the system's code kept ("EACCES"), for the words the edges give it.
        const error: Error & { code?: string } = new Error(message.message);
        if (message.code !== undefined) error.code = message.code;
        if (message.stack !== undefined) error.stack = message.stack;
        throw error;
      }
      worker.postMessage('more');
      options.onProgress?.(message.batch.rowsDone, message.bytes, message.total);
      yield message.batch;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The worker's side: reads the file it was started with and posts its batches, AHEAD at most unanswered. */
export async function serveReader(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveReader runs in a worker thread');
  const { file, options } = workerData as Start;
  let credit = AHEAD;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    const w = wake;
    wake = undefined;
    w?.();
  });
  let bytes = 0;
  let total: number | undefined;
  try {
    const batches = importApplications(createReadStream(file), {
      ...options,
      onProgress: (_rows, done, size) => {
        bytes = done;
        total = size;
      },
    });
    for await (const batch of batches) {
      while (credit === 0) await new Promise<void>((resolve) => { wake = resolve; });
      credit--;
      port.postMessage({ kind: 'batch', batch, bytes, total } satisfies Message);
    }
    port.postMessage({ kind: 'done' } satisfies Message);
  } catch (error) {
    const failed = error instanceof Error ? error : new Error(String(error));
    const code: unknown = Reflect.get(failed, 'code');
    port.postMessage({
      kind: 'failed', message: failed.message, ...(typeof code === 'string' ? { code } : {}), ...(failed.stack !== undefined ? { stack: failed.stack } : {}),
    } satisfies Message);
  } finally {
    port.close();
  }
}
