/**
 * A throw-away PostgreSQL cluster for tests that stop and start the database: `initdb` in a temp
 * folder, `pg_ctl` on a free loopback port with its socket in that folder, never the machine's
 * shared server. PostgreSQL refuses to run as root: as root the commands run as the `postgres`
 * user (runuser). `clusterTools()` says why not when the binaries are missing.
 *
 * Also a PgBouncer of its own (`startPgbouncer`): Debian's binary with a config in a temp folder,
 * on a free loopback port, in transaction pooling mode, in front of a PostgreSQL that trusts it.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

// ------------------------------------------------------------------ PgBouncer

/** Where PgBouncer is (Debian puts it in /usr/sbin), or why not. */
export function pgbouncerBinary(): string {
  const found = onPath('pgbouncer') ?? ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((f) => existsSync(f));
  return found ?? 'pgbouncer is not installed here (Debian: apt-get install pgbouncer)';
}

export interface Pgbouncer {
  /** `postgres://postgres@127.0.0.1:PORT/DATABASE`: the pooler's address of `database`. */
  url(database: string): string;
  readonly port: number;
  /** Everything it printed so far (its log). */
  readonly log: () => string;
  /** Stops it (SIGINT: at once) and deletes its folder. */
  stop(): Promise<void>;
}

export interface PgbouncerOptions {
  /** The PostgreSQL it pools: host and port, trust authentication for `postgres`. */
  readonly host: string;
  readonly port: number;
  /** Server connections per database (default 8). */
  readonly poolSize?: number;
}

async function accepting(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port} within its time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * PgBouncer in transaction pooling mode on a free loopback port, for every database of the
 * PostgreSQL at `host:port` (the `*` fallback), logging in as `postgres` (trust, as the test server
 * does). Dates in ISO (`datestyle`), as Afterword's store needs behind a pooler. As root it runs as
 * the postgres user (`-u`: it refuses root).
 */
export async function startPgbouncer(options: PgbouncerOptions): Promise<Pgbouncer> {
  const binary = pgbouncerBinary();
  if (!existsSync(binary)) throw new Error(binary);
  const dir = mkdtempSync(join(tmpdir(), 'afterword-pgbouncer-'));
  const port = await freePort();
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n');
  writeFileSync(join(dir, 'pgbouncer.ini'), [
    '[databases]',
    `* = host=${options.host} port=${options.port} user=postgres datestyle=ISO`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 8}`,
    'max_client_conn = 500',
    'server_reset_query =',
    'ignore_startup_parameters = extra_float_digits',
    'admin_users = postgres',
    '',
  ].join('\n'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    for (const f of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, f), Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => { log += t; });
  child.stderr.setEncoding('utf8').on('data', (t: string) => { log += t; });
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      accepting(port, Date.now() + 15_000),
      exited.then(([code]) => { throw new Error(`pgbouncer exited (${String(code)}): ${log.slice(0, 2000)}`); }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`, log: () => log, stop };
}
