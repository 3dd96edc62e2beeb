/** `afterword serve [--port 4600] [--host 127.0.0.1] [--trust-proxy 1]`: the web app on the user's records. */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { addressGuard } from '../../app/mail/address-guard.js';
import { mailboxOf } from '../../app/mail/connect.js';
import { loadOrCreateMailKey, mailKeyFromSecret } from '../../app/mail/credentials.js';
import { startOutboxWorker } from '../../app/mail/outbox-worker.js';
import { createMailSyncGate } from '../../app/mail/sync-gate.js';
import { startMailSyncLoop } from '../../app/mail/sync-loop.js';
import { loadConfig, type Config } from '../../config.js';
import { createAgendaSource, createDataFolder, createDeps } from '../../deps.js';
import { loadOrCreateSecret } from '../../server/security.js';
import { parseTrustProxy, TRUST_NOBODY, type TrustProxy } from '../../server/ops.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS, isLoopback, startServer } from '../../server/serve.js';
import { DEFAULT_SESSION_CACHE_MS } from '../../server/session-cache.js';
import { keepDailyBackup, READ_MODEL_DAYS } from '../context.js';
import { unexpectedWords } from '../render/unexpected.js';
import type { CliIo } from '../io.js';

const DAY_MS = 86_400_000;

interface ServeOptions {
  port: string;
  host: string;
  dataDir?: string;
  databaseUrl?: string;
  directDatabaseUrl?: string;
  trustProxy?: string;
  accounts?: boolean;
  singleUser?: boolean;
  publicUrl?: string;
  log?: boolean;
  sessionCache: string;
}

const TRUST_PROXY_ENV = 'AFTERWORD_TRUST_PROXY';
const PUBLIC_URL_ENV = 'AFTERWORD_PUBLIC_URL';

/** `--public-url`, else its variable: an http(s) origin users open (a path is not supported). */
function publicUrlOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const text = flag ?? (env[PUBLIC_URL_ENV] === '' ? undefined : env[PUBLIC_URL_ENV]);
  if (text === undefined) return undefined;
  const name = flag !== undefined ? '--public-url' : PUBLIC_URL_ENV;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError({ reason: 'serve.public_url_invalid', params: { value: text } }, { path: name });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new AppError({ reason: 'serve.public_url_path', params: { value: text } }, { path: name });
  }
  return url.origin;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65535) throw new AppError({ reason: 'serve.port_invalid', params: { value: text, suggested: DEFAULT_PORT } }, { path: '--port' });
  return port;
}

/** The flag, else the environment (empty means unset, as for the other variables), else nobody. */
function trustProxyOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): TrustProxy {
  if (flag !== undefined) return parseTrustProxy(flag);
  const fromEnv = env[TRUST_PROXY_ENV];
  return fromEnv === undefined || fromEnv === '' ? TRUST_NOBODY : parseTrustProxy(fromEnv, `${TRUST_PROXY_ENV} (or --trust-proxy)`);
}

/** What `serve` does before it can answer: create the embedded database the first time, else open it (or reach PostgreSQL). */
function startingWords(config: Config): string {
  const folder = createDataFolder(config);
  if (!folder) return 'Connecting to the database…';
  const dir = config.dataDir;
  return folder.created()
    ? `Opening your records in ${dir}…`
    : `Creating your database in ${dir} (only the first start takes this long)…`;
}

/**
 * Resolves when the process is asked to stop (Ctrl-C, or a service manager's SIGTERM). Listening
 * starts at once, before the database opens and the banner is printed: a signal that comes while
 * starting stops the server cleanly as soon as it is up. `cancel` lets go of the signals.
 */
function stopSignal(): { stopped: Promise<string>; cancel: () => void } {
  let cancel = (): void => undefined;
  const stopped = new Promise<string>((resolve) => {
    const stop = (signal: string): void => {
      cancel();
      resolve(signal);
    };
    cancel = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { stopped, cancel };
}

const HOUR_MS = 3_600_000;

export function registerServe(program: Command, io: CliIo): void {
  program.command('serve')
    .description('Start the local web app on your records; open the address it prints (it signs your browser in).')
    .option('--port <port>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to listen on; keep the loopback default unless you know why (0.0.0.0: every interface)', DEFAULT_HOST)
    .option('--accounts', 'a shared server: people sign in with their accounts (the default on PostgreSQL)')
    .option('--single-user', 'the local app with its key, even on PostgreSQL')
    .option('--public-url <url>', `the address users open (behind a proxy: https://afterword.example.org); default: $${PUBLIC_URL_ENV}`)
    .option('--log', 'log each request as one JSON line on stdout (the default on a shared server)')
    .option('--no-log', 'no request log')
    .option('--session-cache <ms>', `on a shared server, how long a session found is believed without asking the database while changes made by other processes cannot be heard (0: always ask); sign-outs apply at once, those by another process (afterword admin sign-out, another server) too on PostgreSQL, which tells every server`, String(DEFAULT_SESSION_CACHE_MS))
    .option('--trust-proxy <setting>', `believe X-Forwarded-For and X-Forwarded-Proto from reverse proxies: how many are in front (1), or their addresses (10.0.0.5,10.0.0.0/8); default: $${TRUST_PROXY_ENV}, else none`)
    .addHelpText('after', `
GET /healthz answers 200 while the database does, 503 otherwise. With --log (the default on a shared
server) each request is logged as one JSON line on stdout. SIGTERM or Ctrl-C lets requests in flight finish (up to ${DEFAULT_SHUTDOWN_TIMEOUT_MS / 1000} s), then stops.

With a mailbox linked ("afterword mail connect"), it sends the notes you scheduled at their moment
("afterword mail schedule"; one whose moment passed while it was stopped leaves when it starts),
and syncs each linked mailbox every 5 minutes, one at a time (docs/mail.md).

On PostgreSQL (--database-url or DATABASE_URL) it is a shared server for many people: accounts sign
in with a password, coaches follow the job seekers assigned to them; create the first admin with
"afterword admin create-user --role admin …". On the embedded database it is your own app, opened
with the key it prints.

Examples:
  $ afterword serve
  $ afterword serve --port 4700
  $ DATABASE_URL=postgres://afterword@db/afterword afterword serve --host 0.0.0.0 --trust-proxy 1 --public-url https://afterword.example.org
  $ afterword serve --host 0.0.0.0 --trust-proxy 1                  # trust the one proxy in front (nginx, Caddy)
  $ afterword serve --host 0.0.0.0 --trust-proxy 10.0.0.5,10.0.0.6  # trust only these proxies`)
    .action(async (_opts: ServeOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ServeOptions>();
      const port = parsePort(opts.port);
      const trustProxy = trustProxyOf(opts.trustProxy, io.env ?? {});
      const publicUrl = publicUrlOf(opts.publicUrl, io.env ?? {});
      const sessionCacheMs = Number(opts.sessionCache);
      if (!Number.isInteger(sessionCacheMs) || sessionCacheMs < 0 || sessionCacheMs > 60_000) {
        throw new AppError({ reason: 'serve.session_cache_invalid', params: { value: String(opts.sessionCache) } }, { path: '--session-cache' });
      }
      if (opts.accounts && opts.singleUser) throw new AppError({ reason: 'serve.mode_clash' }, { path: '--accounts', at: '--accounts and --single-user' });
      const config = loadConfig(
        { ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
          ...(opts.directDatabaseUrl !== undefined ? { directDatabaseUrl: opts.directDatabaseUrl } : {}) },
        io.env ?? {},
      );
      const accounts = opts.accounts === true || (config.database.kind === 'postgres' && opts.singleUser !== true);
      // Neither --log nor --no-log: a shared server logs, your own app does not.
      const logging = opts.log ?? accounts;
      // Opening (the first time: creating) the database takes seconds: say so at once, not only when ready.
      if (!io.deps) io.stderr(`${startingWords(config)}\n`);
      const signal = stopSignal();
      let deps: Awaited<ReturnType<typeof createDeps>>;
      let secret: string;
      try {
        secret = await loadOrCreateSecret(config.dataDir);
        deps = io.deps ?? await createDeps(config, { onTakeover: (words) => io.stderr(`afterword: ${words}\n`) });
      } catch (error) {
        signal.cancel();
        throw error;
      }
      // The read model of `today` and `week` stays fresh while the web app writes: a terminal's
      // `today` reads it without opening the database the server holds.
      const fresh = !accounts && !io.deps
        ? createAgendaSource(config)?.keepFresh(deps.store, () => io.now() + READ_MODEL_DAYS * DAY_MS)
        : undefined;
      // The day's backup of the embedded database while it serves: at the start, then checked hourly.
      const daily = config.database.kind === 'pglite' && !io.deps
        ? setInterval(() => { void keepDailyBackup(io, config.dataDir, deps.store); }, HOUR_MS).unref()
        : undefined;
      // Notes the user scheduled leave at their moment while the server runs (app/mail/outbox-worker.ts).
      const mailKey = accounts ? mailKeyFromSecret(secret) : loadOrCreateMailKey(config.dataDir);
      // A shared server connects to the mail servers its seekers name: each is looked up and checked first (not its own network).
      const guard = accounts ? addressGuard() : undefined;
      const mailbox = mailboxOf({ store: deps.store, mailKey, ...(guard ? { guard } : {}) });
      const outbox = startOutboxWorker({
        ...deps, mailbox, exclusive: config.database.kind === 'pglite', log: (line) => io.stderr(`afterword serve: ${line}\n`),
      });
      // Every linked mailbox is read every few minutes, one at a time; Sync now shares the gate, so never beside it.
      // On the embedded database this is the only process: a lease left by one that stopped mid-sync is taken at once.
      const mailSyncGate = createMailSyncGate({ exclusive: config.database.kind === 'pglite' });
      const mailSync = startMailSyncLoop({
        ...deps, mailKey, gate: mailSyncGate, ...(guard ? { guard } : {}), log: (line) => io.stderr(`afterword serve: ${line}\n`),
      });
      try {
        const server = await startServer(deps, {
          outbox: { mailbox, wake: () => outbox.wake() }, mailKey, mailSyncGate, ...(guard ? { mailGuard: guard } : {}),
          host: opts.host, port, secret, trustProxy, accounts, sessionCacheMs, ...(publicUrl !== undefined ? { publicUrl } : {}),
          ...(logging ? { log: (line: string) => io.stdout(`${line}\n`) } : {}),
          logError: (error) => io.stderr(`afterword serve: unexpected error: ${unexpectedWords(error, io.env?.['AFTERWORD_DEBUG'] === '1')}\n`),
        }).catch((error: unknown) => {
          const code = error instanceof Error && 'code' in error ? String(error.code) : '';
          if (code === 'EADDRINUSE') throw new AppError({ reason: 'serve.port_in_use', params: { port } }, { path: '--port', cause: error });
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new AppError({ reason: 'serve.host_unavailable', params: { host: opts.host, suggested: DEFAULT_HOST } }, { path: '--host', cause: error });
          throw error;
        });
        if (!isLoopback(opts.host)) io.stderr(`afterword serve: warning: listening on ${opts.host}, not a loopback address: other machines can reach it.\n`);
        if (accounts) {
          const people = (await deps.store.accounts.listAccounts()).length;
          io.stdout(`Afterword is running as a shared server. People sign in at:\n  ${server.url}\n`
            + (people === 0 ? 'No accounts yet: create the first admin with\n  afterword admin create-user --role admin --email you@example.org --name "Your Name" --password-stdin\n' : '')
            + 'Press Ctrl-C to stop.\n');
        } else {
          io.stdout(`Afterword is running. Open this address in your browser (it holds your key; keep it private):\n  ${server.url}\nPress Ctrl-C to stop.\n`);
        }
        if (daily) await keepDailyBackup(io, config.dataDir, deps.store);
        await signal.stopped;
        // stopSignal has let go of the signals: a second one ends the process at once.
        io.stdout(`Stopping: finishing the requests in flight (up to ${DEFAULT_SHUTDOWN_TIMEOUT_MS / 1000} s; Ctrl-C again quits at once)…\n`);
        await server.close();
      } finally {
        signal.cancel();
        await outbox.stop();
        await mailSync.stop();
        fresh?.();
        if (daily) clearInterval(daily);
        if (!io.deps) await deps.store.close();
      }
    });
}
