/**
 * The server bench/server.bench.ts measures, in its own process: `startServer` with accounts on,
 * over PostgreSQL, on an ephemeral loopback port: what `afterword serve` runs for a shared server,
 * request log included (one JSON line per request on stdout, which the bench sends to a file).
 * Bundled by the bench (esbuild, like `npm run build:cli`) and run by plain `node`, not tsx.
 *
 *   node server-child.mjs --database-url URL [--direct-database-url URL] [--session-cache MS] [--no-log]
 *
 * With --direct-database-url, --database-url is a PgBouncer in transaction mode (as `afterword serve`).
 *
 * Tells its parent the port (IPC `{ port }`); on SIGTERM it stops as `afterword serve` does
 * (requests in flight finish), closes the store, reports `{ stoppedMs }` and exits 0.
 */
import { randomBytes } from 'node:crypto';
import { createTimeRules } from '../src/core/time.js';
import { systemClock, type Deps } from '../src/deps.js';
import { startServer } from '../src/server/serve.js';
import { openStore } from '../src/store/open.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const url = arg('--database-url');
  if (url === undefined) throw new Error('--database-url URL');
  const log = !process.argv.includes('--no-log');
  const sessionCache = arg('--session-cache');
  const directUrl = arg('--direct-database-url');
  const store = await openStore({ kind: 'postgres', url, ...(directUrl !== undefined ? { directUrl } : {}) });
  const deps: Deps = { store, time: createTimeRules(), clock: systemClock };
  const server = await startServer(deps, {
    host: '127.0.0.1', port: 0, secret: randomBytes(32).toString('hex'), accounts: true,
    ...(sessionCache !== undefined ? { sessionCacheMs: Number(sessionCache) } : {}),
    ...(log ? { log: (line: string) => process.stdout.write(`${line}\n`) } : {}),
    logError: (error) => process.stderr.write(`server-child: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`),
  });
  process.once('SIGTERM', () => {
    const started = performance.now();
    void server.close()
      .then(() => store.close())
      .then(() => {
        process.send?.({ stoppedMs: performance.now() - started }, () => process.disconnect());
      })
      .catch((error: unknown) => {
        process.stderr.write(`server-child: stopping failed: ${String(error)}\n`);
        process.exitCode = 1;
        process.disconnect();
      });
  });
  process.send?.({ port: server.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`server-child: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
