/**
 * The entry of the worker thread that reads an import's file (app/exchange/import/thread.ts):
 * bundled beside bin.js as dist/cli/import-reader.js, so the thread loads only the reading code.
 */
import { serveReader } from '../app/exchange/import/thread.js';

await serveReader();
