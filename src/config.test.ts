import { describe, expect, it } from 'vitest';
import { AppError } from './app/errors.js';
import { loadConfig, type ConfigEnv, type Host } from './config.js';

const linux: Host = { platform: 'linux', homeDir: '/home/jo', cwd: '/work' };

function error(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('loadConfig', () => {
  it.each<[string, Host, ConfigEnv, string]>([
    ['Linux, nothing set', linux, {}, '/home/jo/.local/share/afterword'],
    ['Linux, XDG_DATA_HOME', linux, { XDG_DATA_HOME: '/data/xdg' }, '/data/xdg/afterword'],
    ['Linux, relative XDG_DATA_HOME is ignored (XDG spec)', linux, { XDG_DATA_HOME: 'rel' }, '/home/jo/.local/share/afterword'],
    ['Linux, empty variables count as unset', linux, { XDG_DATA_HOME: '', AFTERWORD_DATA_DIR: '' }, '/home/jo/.local/share/afterword'],
    ['macOS', { platform: 'darwin', homeDir: '/Users/jo', cwd: '/' }, {}, '/Users/jo/Library/Application Support/afterword'],
  ])('defaults the data directory: %s', (_name, host, env, expected) => {
    expect(loadConfig({}, env, undefined, host)).toStrictEqual({ dataDir: expected, dataDirFrom: 'default', database: { kind: 'pglite', dataDir: expected } });
  });

  it('takes --data-dir over AFTERWORD_DATA_DIR over the file over the default, resolving relative paths', () => {
    const env = { AFTERWORD_DATA_DIR: 'env-dir', XDG_DATA_HOME: '/xdg' };
    const file = { path: '/etc/afterword/config.json', values: { dataDir: 'file-dir' } };
    expect(loadConfig({ dataDir: 'flag-dir' }, env, file, linux)).toMatchObject({ dataDir: '/work/flag-dir', dataDirFrom: 'flag' });
    expect(loadConfig({}, env, file, linux)).toMatchObject({ dataDir: '/work/env-dir', dataDirFrom: 'env' });
    expect(loadConfig({}, { XDG_DATA_HOME: '/xdg' }, file, linux)).toMatchObject({ dataDir: '/etc/afterword/file-dir', dataDirFrom: 'file' });
    expect(loadConfig({}, {}, { path: 'c.json', values: { dataDir: '~/aw' } }, linux)).toMatchObject({ dataDir: '/home/jo/aw' });
  });

  it('uses PostgreSQL when a database URL is given, flag over DATABASE_URL over the file', () => {
    const file = { path: 'c.json', values: { databaseUrl: 'postgres://file/db' } };
    expect(loadConfig({}, { DATABASE_URL: 'postgres://u:p@env:5432/db' }, file, linux).database).toStrictEqual({ kind: 'postgres', url: 'postgres://u:p@env:5432/db' });
    expect(loadConfig({ databaseUrl: 'postgresql://flag/db' }, { DATABASE_URL: 'postgres://env/db' }, file, linux).database).toStrictEqual({ kind: 'postgres', url: 'postgresql://flag/db' });
    expect(loadConfig({}, {}, file, linux).database).toStrictEqual({ kind: 'postgres', url: 'postgres://file/db' });
  });

  it('takes PostgreSQL itself beside a pooler, flag over DIRECT_DATABASE_URL over the file, only with a database URL', () => {
    const file = { path: 'c.json', values: { databaseUrl: 'postgres://pooler:6432/db', directDatabaseUrl: 'postgres://file:5432/db' } };
    expect(loadConfig({}, { DIRECT_DATABASE_URL: 'postgres://env:5432/db' }, file, linux).database)
      .toStrictEqual({ kind: 'postgres', url: 'postgres://pooler:6432/db', directUrl: 'postgres://env:5432/db' });
    expect(loadConfig({ directDatabaseUrl: 'postgres://flag:5432/db' }, { DIRECT_DATABASE_URL: 'postgres://env:5432/db' }, file, linux).database)
      .toStrictEqual({ kind: 'postgres', url: 'postgres://pooler:6432/db', directUrl: 'postgres://flag:5432/db' });
    expect(loadConfig({}, {}, file, linux).database).toStrictEqual({ kind: 'postgres', url: 'postgres://pooler:6432/db', directUrl: 'postgres://file:5432/db' });
    expect(error(() => loadConfig({}, { DIRECT_DATABASE_URL: 'postgres://env:5432/db' }, undefined, linux)).message)
      .toBe("DIRECT_DATABASE_URL: PostgreSQL itself, for when the database URL goes through a connection pooler; give the pooler's address with --database-url (or DATABASE_URL) too, or leave DIRECT_DATABASE_URL out");
    expect(error(() => loadConfig({ databaseUrl: 'postgres://pooler/db', directDatabaseUrl: 'mysql://h/db' }, {}, undefined, linux)).message).toMatch(/^--direct-database-url: "mysql:\/\/…" is not a PostgreSQL URL/);
  });

  it('names the setting at fault and the fix', () => {
    expect(error(() => loadConfig({}, { DATABASE_URL: 'mysql://u:secret@h/db' }, undefined, linux)).message)
      .toBe('DATABASE_URL: "mysql://…" is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the data in /home/jo/.local/share/afterword');
    expect(error(() => loadConfig({ databaseUrl: 'localhost:5432' }, {}, undefined, linux)).message).toMatch(/^--database-url: /);
    expect(error(() => loadConfig({}, {}, { path: 'c.json', values: { dataDri: 'x' } }, linux)).message)
      .toBe('c.json: unknown setting "dataDri"; the settings are dataDir, databaseUrl, directDatabaseUrl');
    expect(error(() => loadConfig({}, {}, { path: 'c.json', values: { dataDir: 3 } }, linux)).message).toMatch(/c\.json: dataDir must be a string/);
    expect(error(() => loadConfig({}, {}, { path: 'c.json', values: [] }, linux)).code).toBe('bad_input');
    expect(error(() => loadConfig({ dataDir: 'a\u0000b' }, {}, undefined, linux)).message).toMatch(/^--data-dir: /);
  });
});
