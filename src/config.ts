/**
 * The configuration, resolved once at the edge with precedence flag > environment > file > default.
 * Only this module and the process entry points look at the environment: everything below gets a
 * complete, validated `Config`.
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AppError } from './app/errors.js';

/** Command-line flags (`--data-dir`, `--database-url`, `--direct-database-url`), already parsed. */
export interface ConfigFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly directDatabaseUrl?: string;
}

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/** A parsed configuration file: `{ "dataDir": "…", "databaseUrl": "…" }`. */
export interface ConfigFile {
  readonly path: string;
  readonly values: unknown;
}

/** What the defaults depend on; `currentHost()` outside tests. */
export interface Host {
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  readonly cwd: string;
}

export type Source = 'flag' | 'env' | 'file' | 'default';

export type DatabaseConfig =
  | { readonly kind: 'pglite'; /** Afterword's data directory (the database is its `pglite/` folder). */ readonly dataDir: string }
  | {
    readonly kind: 'postgres';
    readonly url: string;
    /** PostgreSQL itself when `url` is a connection pooler in transaction mode (PgBouncer). */
    readonly directUrl?: string;
  };

export interface Config {
  /** Absolute path of Afterword's data directory. */
  readonly dataDir: string;
  /** Where `dataDir` came from, for messages such as "data in … (from AFTERWORD_DATA_DIR)". */
  readonly dataDirFrom: Source;
  readonly database: DatabaseConfig;
}

export function currentHost(): Host {
  return { platform: process.platform, homeDir: homedir(), cwd: process.cwd() };
}

const FILE_KEYS = ['dataDir', 'databaseUrl', 'directDatabaseUrl'] as const;
type FileKey = (typeof FILE_KEYS)[number];

/** Unset when missing or empty (`DATABASE_URL= afterword …` means "not set"). */
function given(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function fileValues(file: ConfigFile | undefined): Partial<Record<FileKey, string>> {
  if (!file) return {};
  const v = file.values;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new AppError({ reason: 'config.not_object' }, { at: file.path });
  }
  const out: Partial<Record<FileKey, string>> = {};
  for (const [key, value] of Object.entries(v)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      throw new AppError({ reason: 'config.unknown_setting', params: { key, keys: FILE_KEYS } }, { at: file.path });
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new AppError({ reason: 'config.not_string', params: { key, kind: key === 'dataDir' ? 'folder path' : 'postgres:// URL' } }, { at: file.path });
    if (value !== '') out[key as FileKey] = value;
  }
  return out;
}

/** The platform's place for application data (XDG on Linux and other Unixes). */
function defaultDataDir(env: ConfigEnv, host: Host): string {
  switch (host.platform) {
    case 'darwin':
      return join(host.homeDir, 'Library', 'Application Support', 'afterword');
    case 'win32': {
      const local = given(env['LOCALAPPDATA']);
      return join(local !== undefined && isAbsolute(local) ? local : join(host.homeDir, 'AppData', 'Local'), 'afterword');
    }
    default: {
      // The XDG spec says to ignore a relative XDG_DATA_HOME.
      const xdg = given(env['XDG_DATA_HOME']);
      return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(host.homeDir, '.local', 'share'), 'afterword');
    }
  }
}

function absoluteDir(value: string, base: string, host: Host, setting: string): string {
  if (value.includes('\u0000')) throw new AppError({ reason: 'config.folder_nul' }, { at: setting });
  const expanded = value === '~' ? host.homeDir : value.startsWith('~/') ? join(host.homeDir, value.slice(2)) : value;
  return resolve(base, expanded);
}

function checkDatabaseUrl(url: string, setting: string, dataDir: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError({ reason: 'config.url_invalid', params: { dataDir } }, { at: setting });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError({ reason: 'config.url_not_postgres', params: { protocol: parsed.protocol, dataDir } }, { at: setting });
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    throw new AppError({ reason: 'config.url_no_server' }, { at: setting });
  }
  return url;
}

/**
 * Resolves the configuration: `--data-dir` > `AFTERWORD_DATA_DIR` > file `dataDir` > the platform
 * default (`$XDG_DATA_HOME/afterword`, else `~/.local/share/afterword`; `~/Library/Application
 * Support/afterword` on macOS; `%LOCALAPPDATA%\afterword` on Windows), and `--database-url` >
 * `DATABASE_URL` > file `databaseUrl` (PostgreSQL instead of the built-in PGlite database), and
 * `--direct-database-url` > `DIRECT_DATABASE_URL` > file `directDatabaseUrl` (PostgreSQL itself when
 * the database URL is a connection pooler in transaction mode; only with a database URL).
 * Throws `AppError('bad_input')` naming the setting and how to fix it.
 */
export function loadConfig(flags: ConfigFlags, env: ConfigEnv, file?: ConfigFile, host: Host = currentHost()): Config {
  const fromFile = fileValues(file);
  const fileDir = file ? dirname(resolve(host.cwd, file.path)) : host.cwd;

  let dataDir: string;
  let dataDirFrom: Source;
  const flagDir = given(flags.dataDir);
  const envDir = given(env['AFTERWORD_DATA_DIR']);
  if (flagDir !== undefined) {
    dataDir = absoluteDir(flagDir, host.cwd, host, '--data-dir');
    dataDirFrom = 'flag';
  } else if (envDir !== undefined) {
    dataDir = absoluteDir(envDir, host.cwd, host, 'AFTERWORD_DATA_DIR');
    dataDirFrom = 'env';
  } else if (fromFile.dataDir !== undefined) {
    dataDir = absoluteDir(fromFile.dataDir, fileDir, host, `${file?.path ?? 'config'}: dataDir`);
    dataDirFrom = 'file';
  } else {
    dataDir = defaultDataDir(env, host);
    dataDirFrom = 'default';
  }

  const flagUrl = given(flags.databaseUrl);
  const envUrl = given(env['DATABASE_URL']);
  const url = flagUrl !== undefined
    ? checkDatabaseUrl(flagUrl, '--database-url', dataDir)
    : envUrl !== undefined
      ? checkDatabaseUrl(envUrl, 'DATABASE_URL', dataDir)
      : fromFile.databaseUrl !== undefined
        ? checkDatabaseUrl(fromFile.databaseUrl, `${file?.path ?? 'config'}: databaseUrl`, dataDir)
        : undefined;
  const flagDirect = given(flags.directDatabaseUrl);
  const envDirect = given(env['DIRECT_DATABASE_URL']);
  const [directUrl, directSetting] = flagDirect !== undefined ? [flagDirect, '--direct-database-url']
    : envDirect !== undefined ? [envDirect, 'DIRECT_DATABASE_URL']
      : fromFile.directDatabaseUrl !== undefined ? [fromFile.directDatabaseUrl, `${file?.path ?? 'config'}: directDatabaseUrl`] : [undefined, ''];
  if (directUrl !== undefined && url === undefined) {
    throw new AppError({ reason: 'config.direct_alone', params: { setting: directSetting } }, { at: directSetting });
  }
  const direct = directUrl !== undefined ? checkDatabaseUrl(directUrl, directSetting, dataDir) : undefined;

  return {
    dataDir,
    dataDirFrom,
    database: url !== undefined ? { kind: 'postgres', url, ...(direct !== undefined ? { directUrl: direct } : {}) } : { kind: 'pglite', dataDir },
  };
}
