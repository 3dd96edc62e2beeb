/**
 * Rolling backups in the data folder's `backups/`: one a day (seven kept), and one before every
 * import, restore and migration (seven kept). A backup is the file `afterword backup` writes (every
 * record as one JSON document); the one before a migration is a copy of the whole database folder
 * (`.tar.gz`), since the records' new shape is not yet there to write. Each is written to a
 * temporary file and renamed, so a crash or a full disk leaves no half file under a backup's name.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatDay, parseDay } from '../core/time.js';
import { AppError } from './errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type Store, type UserId } from './ports.js';

export type BackupReason = 'daily' | 'manual' | 'before-import' | 'before-restore' | 'before-migration';

export interface BackupEntry {
  /** The file's name, which is also how `afterword backups restore` names it. */
  readonly name: string;
  readonly path: string;
  /** When it was written (epoch ms, from its name). */
  readonly at: number;
  readonly reason: BackupReason;
  readonly bytes: number;
  /** `json`: the records (restorable into any database); `folder`: a copy of the embedded database's folder. */
  readonly kind: 'json' | 'folder';
}

/** How many of each kind are kept: daily ones, and the others (before something, or asked for). */
export const KEEP_DAILY = 7;
export const KEEP_OTHERS = 7;

const NAME = /^afterword-(\d{4})-(\d\d)-(\d\d)T(\d\d)(\d\d)(\d\d)Z-(daily|manual|before-import|before-restore|before-migration)\.(json|tar\.gz)$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

function nameFor(at: number, reason: BackupReason, kind: BackupEntry['kind']): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/:/g, '');
  return `afterword-${stamp}Z-${reason}.${kind === 'json' ? 'json' : 'tar.gz'}`;
}

function parse(dir: string, name: string): BackupEntry | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, reason, ext] = m;
  let bytes: number;
  try {
    const stat = statSync(join(dir, name));
    if (!stat.isFile()) return undefined;
    bytes = stat.size;
  } catch {
    return undefined;
  }
  return {
    name, path: join(dir, name), at: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
    reason: reason as BackupReason, bytes, kind: ext === 'json' ? 'json' : 'folder',
  };
}

/** The backups in the data folder, newest first (temporary and foreign files are left out). */
export function listBackups(dataDir: string): readonly BackupEntry[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => parse(dir, n)).filter((e): e is BackupEntry => e !== undefined && e.bytes > 0)
    .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/** The backup called `name` (a unique start of the name is enough), or undefined. */
export function findBackup(dataDir: string, name: string): BackupEntry | undefined {
  const all = listBackups(dataDir);
  const exact = all.find((e) => e.name === name);
  if (exact) return exact;
  const starting = all.filter((e) => e.name.startsWith(name));
  return starting.length === 1 ? starting[0] : undefined;
}

/** The newest backup of the records (JSON), the one a damaged database is restored from. */
export function latestRecordsBackup(dataDir: string): BackupEntry | undefined {
  return listBackups(dataDir).find((e) => e.kind === 'json');
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* already gone */ }
}

/** Deletes the oldest beyond KEEP_DAILY daily backups and KEEP_OTHERS others, and temporary files left by a crash. */
export function pruneBackups(dataDir: string): void {
  const dir = backupsDir(dataDir);
  try {
    for (const name of readdirSync(dir)) if (name.startsWith('afterword-') && name.endsWith('.tmp')) removeQuietly(join(dir, name));
  } catch {
    return;
  }
  const all = listBackups(dataDir);
  const daily = all.filter((e) => e.reason === 'daily');
  const others = all.filter((e) => e.reason !== 'daily');
  for (const e of [...daily.slice(KEEP_DAILY), ...others.slice(KEEP_OTHERS)]) removeQuietly(e.path);
}

/**
 * Writes a backup (the records as JSON, or a database folder's tarball) into the data folder and
 * prunes the old ones. Throws the file system's error (ENOSPC…) after removing its temporary file.
 */
export function saveBackupFile(dataDir: string, reason: BackupReason, data: string | Uint8Array, at: number): BackupEntry {
  const dir = backupsDir(dataDir);
  const kind = typeof data === 'string' ? 'json' : 'folder';
  const name = nameFor(at, reason, kind);
  const path = join(dir, name);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  pruneBackups(dataDir);
  return { name, path, at, reason, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, kind };
}

/**
 * Writes the user's backup into the data folder as `saveBackupFile` does, a page of applications at
 * a time (memory stays flat however many there are). Throws the file system's error after removing
 * its temporary file.
 */
export async function writeBackupFile(dataDir: string, reason: BackupReason, deps: BackupDeps, at: number): Promise<BackupEntry> {
  const dir = backupsDir(dataDir);
  const name = nameFor(at, reason, 'json');
  const path = join(dir, name);
  const temporary = `${path}.${process.pid}.tmp`;
  let bytes = 0;
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(temporary, 'w', 0o600);
    const file = fd;
    await backupTo(deps, (text) => {
      const data = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < data.length) done += writeSync(file, data, done);
      bytes += data.length;
    });
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temporary);
    throw error;
  }
  pruneBackups(dataDir);
  return { name, path, at, reason, bytes, kind: 'json' };
}

/** Whether a daily backup is due: none written on this UTC day yet. */
export function dailyBackupDue(dataDir: string, now: number): boolean {
  const today = new Date(now).toISOString().slice(0, 10);
  return !listBackups(dataDir).some((e) => e.reason === 'daily' && new Date(e.at).toISOString().slice(0, 10) === today);
}

const DAY_MS = 86_400_000;

/** When a backup was written, in words, in `timeZone`: "today at 09:12", "yesterday at 18:40", "Tuesday 1 December at 10:00". */
export function backupWhen(at: number, now: number, timeZone: string): string {
  const day = (t: number): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return `today at ${time}`;
  if (day(at) === day(now - DAY_MS)) return `yesterday at ${time}`;
  const sameYear = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(at) === new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(now);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
  return `${date.replace(',', '')} at ${time}`;
}

/** How old a backup is, in words: "3 hours", "2 days". */
export function ageWords(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export const REASON_WORDS: Readonly<Record<BackupReason, string>> = {
  daily: 'daily',
  manual: 'saved by you',
  'before-import': 'before an import',
  'before-restore': 'before a restore',
  'before-migration': 'before an upgrade (whole database)',
};

/** What backing up and restoring need (a subset of AppDeps). */
export interface BackupDeps {
  readonly store: Store;
  readonly userId: UserId;
}

/**
 * The file's version: 2 writes calendar dates as "2026-09-12"; 1 (what the store exchanges, and
 * older releases wrote) has them as day numbers. Both are read.
 */
export const BACKUP_FILE_VERSION = 2;

/** The keys whose values are calendar dates, wherever they are; `on` is one only inside `directions`. */
const DAY_KEYS = new Set(['appliedOn', 'decisionBy', 'newDecisionBy', 'receivedOn', 'respondBy']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function dayToFile(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && DAY_KEYS.has(key)) return formatDay(value);
  if (key === 'directions' && isRecord(value) && typeof value['on'] === 'number') return { ...value, on: formatDay(value['on']) };
  return value;
}

function dayFromFile(text: string): number {
  const day = parseDay(text);
  // A TypeError: restore words it as a damaged backup.
  if (day === null) throw new TypeError(`"${text}" is not a date`);
  return day;
}

function dayFromJson(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'string' && DAY_KEYS.has(key)) return dayFromFile(value);
  if (key === 'directions' && isRecord(value) && typeof value['on'] === 'string') return { ...value, on: dayFromFile(value['on']) };
  return value;
}

/** Everything the user has as one portable JSON document (deterministic: same records, same bytes). */
export async function backup(deps: BackupDeps): Promise<string> {
  const parts: string[] = [];
  await backupTo(deps, (text) => { parts.push(text); });
  return parts.join('');
}

const CLOSE_APPLICATIONS = '[]\n}';

/**
 * The backup's text handed to `out` in parts, a page of applications at a time: the same bytes as
 * JSON.stringify of the whole document (each application is stringified alone and indented to its
 * place), without holding every record or the whole text at once.
 */
export async function backupTo(deps: { readonly store: Pick<Store, 'exportPaged'>; readonly userId: UserId }, out: (text: string) => void): Promise<void> {
  let any = false;
  await deps.store.exportPaged(deps.userId, {
    head(head) {
      const text = JSON.stringify({ ...head, version: BACKUP_FILE_VERSION, applications: [] }, dayToFile, 2);
      if (!text.endsWith(CLOSE_APPLICATIONS)) throw new Error('a backup\'s head does not end with its applications');
      out(text.slice(0, -CLOSE_APPLICATIONS.length + 1));
    },
    applications(records) {
      const parts: string[] = [];
      for (const record of records) {
        parts.push(`${any ? ',' : ''}\n    ${JSON.stringify(record, dayToFile, 2).replace(/\n/g, '\n    ')}`);
        any = true;
      }
      out(parts.join(''));
    },
  });
  out(any ? '\n  ]\n}\n' : ']\n}\n');
}

function isBackup(value: unknown): value is Backup {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['format'] === BACKUP_FORMAT && (v['version'] === BACKUP_VERSION || v['version'] === BACKUP_FILE_VERSION) && Array.isArray(v['applications'])
    && typeof v['candidate'] === 'object' && v['candidate'] !== null;
}

/** Replaces everything the user has with a backup; all or nothing. */
export async function restore(deps: BackupDeps, text: string): Promise<{ applications: number }> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError({ reason: 'restore.not_json' }, { at: 'restore', cause: error });
  }
  if (!isBackup(value)) {
    throw new AppError({ reason: 'restore.not_backup', params: { format: BACKUP_FORMAT, versions: [BACKUP_FILE_VERSION, BACKUP_VERSION] } }, { at: 'restore' });
  }
  try {
    // Version 2's dates back to the store's day numbers (version 1 has them already).
    const records = (value.version === BACKUP_VERSION ? value : JSON.parse(JSON.stringify(value), dayFromJson)) as Backup;
    await deps.store.importAll(deps.userId, { ...records, version: BACKUP_VERSION });
  } catch (error) {
    // A full disk or damaged data: its words already say what to do.
    if (error instanceof AppError && error.fault) throw error;
    if (error instanceof AppError) throw new AppError({ reason: 'restore.refused', params: { inner: error.message } }, { at: 'restore', code: error.code, cause: error });
    if (error instanceof TypeError) throw new AppError({ reason: 'restore.damaged', params: { inner: error.message } }, { at: 'restore', cause: error });
    throw error;
  }
  return { applications: value.applications.length };
}
