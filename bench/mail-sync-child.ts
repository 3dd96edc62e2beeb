/**
 * bench/mail-sync.bench.ts's in-process sync: opens a data folder as the CLI does and runs
 * `syncMailbox` once per `sync` line on standard input, as `afterword serve` does every 5 minutes
 * (the store open, the modules loaded after the first). Prints one JSON line per sync: its wall and
 * CPU milliseconds (process.cpuUsage: user + system), what it read and did. `exit` closes the store.
 *
 *   node --import tsx bench/mail-sync-child.ts DATA_DIR
 */
import { createInterface } from 'node:readline';
import { syncMailbox } from '../src/app/mail/sync.js';
import { loadOrCreateMailKey } from '../src/app/mail/credentials.js';
import { LOCAL_USER } from '../src/app/ports.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('give the data folder: node --import tsx bench/mail-sync-child.ts DATA_DIR');
const deps = await createDeps(loadConfig({ dataDir }, {}));
const mailKey = loadOrCreateMailKey(dataDir);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'exit') break;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const report = await syncMailbox({ store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id, mailKey });
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({
    wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000,
    read: report.folders.reduce((n, f) => n + f.read, 0), touches: report.touches, proposals: report.proposals, ignored: report.ignored,
  })}\n`);
}
await deps.store.close();
