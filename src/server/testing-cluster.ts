/**
 * A throw-away PostgreSQL cluster for tests that stop and start the database: `initdb` in a temp
 * folder, `pg_ctl` on a free loopback port with its socket in that folder, never the machine's
 * shared server. PostgreSQL refuses to run as root: as root the commands run as the `postgres`
 * user (runuser). `clusterTools()` says why not when the binaries are missing.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The seeker the fault server creates (testing-fault-server.ts). */
export const FAULT_EMAIL = 'fault@example.org';
export const FAULT_PASSWORD = 'a fault test passphrase';

export interface ClusterTools {
  readonly initdb: string;
  readonly pgCtl: string;
  /** Run as this user (root cannot run PostgreSQL); undefined: as ourselves. */
  readonly asUser?: { readonly name: string; readonly uid: number; readonly gid: number };
}

function onPath(name: string): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  // Debian keeps the server's tools out of PATH, per major version.
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [];
  return [...dirs, ...versions].map((d) => join(d, name)).find((f) => existsSync(f));
}

/** The tools, or the reason a cluster cannot be made here. */
export async function clusterTools(): Promise<ClusterTools | string> {
  const initdb = onPath('initdb');
  const pgCtl = onPath('pg_ctl');
  if (initdb === undefined || pgCtl === undefined) return 'initdb and pg_ctl (PostgreSQL\'s server tools) are not installed here';
  if (process.getuid?.() !== 0) return { initdb, pgCtl };
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'running as root without runuser: PostgreSQL will not start as root';
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { initdb, pgCtl, asUser: { name: 'postgres', uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } };
  } catch {
    return 'running as root and there is no postgres user to run PostgreSQL as';
  }
}

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly adminUrl: string;
  readonly port: number;
  /** `pg_ctl stop` (fast: sessions are cut, as in a restart) and waits until it has stopped. */
  stop(): Promise<void>;
  /** Starts it again and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it (immediately) and deletes its folder. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCluster(tools: ClusterTools): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-pg-'));
  if (tools.asUser) chownSync(dir, tools.asUser.uid, tools.asUser.gid);
  const data = join(dir, 'data');
  const exec = async (file: string, args: string[]): Promise<void> => {
    const [cmd, argv] = tools.asUser ? ['runuser', ['-u', tools.asUser.name, '--', file, ...args]] : [file, args];
    await run(cmd, argv, { timeout: 60_000 });
  };
  await exec(tools.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c shared_buffers=16MB`;
  let running = false;
  const start = async (): Promise<void> => {
    await exec(tools.pgCtl, ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate'): Promise<void> => {
    await exec(tools.pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => stop('fast'),
    start,
    async destroy() {
      if (running) await stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
