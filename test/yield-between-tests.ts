/**
 * Lets the worker's event loop turn between tests. A file of many quick synchronous tests (the
 * draft corpus runs hundreds) otherwise never reaches the poll phase, so vitest's own messages to
 * the main process wait behind the tests, and on a loaded machine its 60-second RPC timer fires
 * first ("Timeout calling onTaskUpdate"), failing a run whose tests all passed.
 */
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
