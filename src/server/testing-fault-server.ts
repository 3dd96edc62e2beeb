/**
 * The server the database fault tests (db-faults.test.ts) start in a process of their own, so that
 * a crash is a dead process, not a failed test runner: `startServer` on PostgreSQL with the request
 * log on stdout, as `afterword serve` runs it for a shared server (accounts, so the server also
 * listens for account changes on a connection of its own). One job seeker, FAULT_EMAIL with
 * FAULT_PASSWORD, is created at the start (a cheap hash: the tests sign in often).
 *
 *   node --import tsx src/server/testing-fault-server.ts --database-url URL [--pool-size N] [--pool-wait-ms MS]
 *
 * Tells its parent the port (IPC `{ port }`); on SIGTERM stops, closes the store and exits 0.
 */
import { randomBytes } from 'node:crypto';
import { createAccount, DEFAULT_POLICY, type AccountPolicy } from '../app/accounts.js';
import { createTimeRules } from '../core/time.js';
import { systemClock, type Deps } from '../deps.js';
import { openPostgresStore } from '../store/postgres.js';
import { startServer } from './serve.js';
import { FAULT_EMAIL, FAULT_PASSWORD } from './testing-cluster.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const url = arg('--database-url');
  if (url === undefined) throw new Error('--database-url URL');
  const poolSize = arg('--pool-size');
  const poolWaitMs = arg('--pool-wait-ms');
  const store = await openPostgresStore({
    url, ...(poolSize !== undefined ? { poolSize: Number(poolSize) } : {}), ...(poolWaitMs !== undefined ? { poolWaitMs: Number(poolWaitMs) } : {}),
  });
  const deps: Deps = { store, time: createTimeRules(), clock: systemClock };
  const policy: AccountPolicy = { ...DEFAULT_POLICY, scryptCost: 1024 };
  if (!(await store.accounts.findCredentials(FAULT_EMAIL))) {
    await createAccount({ accounts: store.accounts, clock: systemClock, policy }, { name: 'Fault Test', email: FAULT_EMAIL, role: 'seeker', password: FAULT_PASSWORD });
  }
  const server = await startServer(deps, {
    host: '127.0.0.1', port: 0, secret: randomBytes(32).toString('hex'), accounts: true, policy, signInsPerMinute: 1_000,
    log: (line) => process.stdout.write(`${line}\n`),
    logError: (error) => process.stderr.write(`unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`),
  });
  process.once('SIGTERM', () => {
    void server.close().then(() => store.close()).then(() => process.exit(0), () => process.exit(1));
  });
  process.send?.({ port: server.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`fault server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
