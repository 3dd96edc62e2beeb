/**
 * `afterword doctor`: checks what the records depend on (the database, its lock, the disk, the
 * backups) and returns findings as data; the CLI words them. Each check runs through a port the
 * caller gives, so the checks are the same on any machine and in tests.
 */
import type { StorageFault } from './errors.js';

export const LOW_SPACE_BYTES = 256 * 1024 * 1024;
/** A newest backup older than this wants a new one. */
export const BACKUP_MAX_AGE_MS = 2 * 86_400_000;

export type Finding =
  | { readonly check: 'database'; readonly status: 'ok'; readonly tables: number; readonly indexes: number; readonly amcheck: boolean }
  | { readonly check: 'database'; readonly status: 'damaged'; readonly fault: StorageFault; readonly relations: number }
  | { readonly check: 'database'; readonly status: 'not-checked'; readonly reason: 'locked' | 'disk-full' | 'postgres-unreachable'; readonly detail: string }
  | { readonly check: 'lock'; readonly status: 'free' | 'stale' | 'held'; readonly pid?: number; readonly command?: string; readonly proven?: boolean }
  | { readonly check: 'disk'; readonly status: 'ok' | 'low' | 'full' | 'unknown'; readonly folder: string; readonly freeBytes?: number; readonly neededBytes: number }
  | { readonly check: 'backups'; readonly status: 'ok' | 'old' | 'none' | 'not-used'; readonly newest?: { readonly name: string; readonly at: number } };

export interface DoctorPorts {
  readonly now: number;
  readonly dataDir: string;
  readonly embedded: boolean;
  /** Bytes free on the data folder's disk; undefined when the system cannot tell. */
  freeBytes(): Promise<number | undefined>;
  lock(): { readonly state: 'free' | 'stale' | 'held'; readonly pid?: number; readonly command?: string; readonly proven?: boolean };
  /** Opens the database and runs its checks. */
  checkDatabase(): Promise<Finding>;
  newestBackup(): { readonly name: string; readonly at: number } | undefined;
  /** Writes today's backup when the database is healthy and none was written today. */
  keepDailyBackup(): Promise<void>;
}

/** Every finding, in the order a person reads them; `healthy` is false when something needs doing. */
export async function runDoctor(ports: DoctorPorts, minFreeBytes: number): Promise<{ findings: readonly Finding[]; healthy: boolean }> {
  const findings: Finding[] = [];
  const free = await ports.freeBytes();
  const disk: Finding = {
    check: 'disk', folder: ports.dataDir, neededBytes: minFreeBytes,
    status: free === undefined ? 'unknown' : free < minFreeBytes ? 'full' : free < LOW_SPACE_BYTES ? 'low' : 'ok',
    ...(free !== undefined ? { freeBytes: free } : {}),
  };
  const lock = ports.embedded ? ports.lock() : undefined;
  let database: Finding;
  if (lock?.state === 'held') {
    database = { check: 'database', status: 'not-checked', reason: 'locked', detail: lock.command ?? '' };
  } else if (disk.status === 'full') {
    database = { check: 'database', status: 'not-checked', reason: 'disk-full', detail: '' };
  } else {
    database = await ports.checkDatabase();
  }
  findings.push(database);
  if (lock) {
    const { state, ...holder } = lock;
    findings.push({ check: 'lock', status: state, ...holder });
  }
  findings.push(disk);
  if (database.status === 'ok') await ports.keepDailyBackup();
  if (ports.embedded) {
    const newest = ports.newestBackup();
    findings.push({
      check: 'backups', status: !newest ? 'none' : ports.now - newest.at > BACKUP_MAX_AGE_MS ? 'old' : 'ok', ...(newest ? { newest } : {}),
    });
  } else {
    findings.push({ check: 'backups', status: 'not-used' });
  }
  const healthy = findings.every((f) => f.status === 'ok' || f.status === 'free' || f.status === 'stale' || f.status === 'unknown' || f.status === 'not-used' || f.status === 'low');
  return { findings, healthy };
}
