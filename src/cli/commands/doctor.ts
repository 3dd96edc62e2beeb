/** `afterword doctor`: checks the database, its lock, the disk and the backups; says what is wrong and what to do. Exit 0 when healthy, 1 otherwise. */
import { statfs } from 'node:fs/promises';
import type { Command } from 'commander';
import { backupWhen, dailyBackupDue, latestRecordsBackup, backup, saveBackupFile } from '../../app/backups.js';
import { runDoctor, type Finding } from '../../app/doctor.js';
import { AppError } from '../../app/errors.js';
import { LOCAL_USER, type DataFolder } from '../../app/ports.js';
import { createDataFolder, MIN_FREE_BYTES, storageFault } from '../../deps.js';
import { configOf, printJson } from '../context.js';
import type { CliIo } from '../io.js';

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${Math.floor(bytes / MB).toLocaleString('en-US')} MB`;

/** Thrown to end the command with exit code 1 after the report was printed. */
export class NeedsAttention extends AppError {
  constructor() {
    super('internal', 'doctor: something needs doing (see the lines marked todo or DAMAGED)');
  }
}

/** One finding as the lines a person reads: a mark, what was found, and what to do. */
export function renderFinding(f: Finding, now: number, timeZone: string, dataDir: string, lockFile: string): string {
  switch (f.check) {
    case 'database': {
      if (f.status === 'ok') return `ok    Database: ${f.tables} tables and ${f.indexes} indexes checked${f.amcheck ? ' by PostgreSQL\'s amcheck' : ''}; nothing damaged.\n`;
      if (f.status === 'not-checked') {
        if (f.reason === 'locked') return `todo  Database: not checked while ${f.detail || 'another Afterword process'} has it open. Stop it (Ctrl-C in its terminal), then run "afterword doctor" again.\n`;
        if (f.reason === 'disk-full') return 'todo  Database: not checked, the disk is full (below). Free space first, then run "afterword doctor" again.\n';
        return `todo  Database: cannot be reached (${f.detail}). Check --database-url or DATABASE_URL and that the server is running.\n`;
      }
      const latest = latestRecordsBackup(dataDir);
      const what = `DAMAGED Database: part of your records cannot be read (${f.relations > 0 ? `${f.relations} of its tables or indexes fail PostgreSQL's checks` : 'PostgreSQL cannot open it'}).\n`;
      return latest
        ? `${what}      Restore your latest backup (${backupWhen(latest.at, now, timeZone)}); the damaged database is kept aside:\n        afterword backups restore ${latest.name}\n`
        : `${what}      No backup is in ${dataDir}/backups. If you saved one with "afterword backup FILE", restore it with "afterword restore FILE --yes";\n      otherwise export what still reads ("afterword export xlsx --out records.xlsx") before anything else.\n`;
    }
    case 'lock':
      if (f.status === 'free') return 'ok    Lock: no other Afterword process has your records open.\n';
      if (f.status === 'stale') return `ok    Lock: left by process ${f.pid ?? '?'}${f.command ? ` (${f.command})` : ''}, which is no longer running; the next command takes it over.\n`;
      return f.proven
        ? `note  Lock: your records are open in ${f.command || 'another Afterword process'} (process ${f.pid ?? '?'}).\n`
        : `todo  Lock: held by process ${f.pid ?? '?'} (the lock says "${f.command ?? ''}"); this system cannot prove it is Afterword. If no Afterword runs, delete ${lockFile}.\n`;
    case 'disk':
      if (f.status === 'unknown') return `note  Disk: this system does not say how much space is free in ${f.folder}.\n`;
      if (f.status === 'full') return `todo  Disk: only ${mb(f.freeBytes ?? 0)} free where your records are (${f.folder}); Afterword needs at least ${mb(f.neededBytes)}. Free space on that disk.\n`;
      if (f.status === 'low') return `note  Disk: ${mb(f.freeBytes ?? 0)} free in ${f.folder}; Afterword stops writing below ${mb(f.neededBytes)}. Free some space soon.\n`;
      return `ok    Disk: ${mb(f.freeBytes ?? 0)} free in ${f.folder}.\n`;
    case 'backups':
      if (f.status === 'not-used') return 'note  Backups: on PostgreSQL, back the database up with your server\'s tools (pg_dump); "afterword backup FILE" writes your records.\n';
      if (f.status === 'none' || !f.newest) return `todo  Backups: none yet in ${dataDir}/backups. Write one with "afterword backups save".\n`;
      if (f.status === 'old') return `todo  Backups: the newest is from ${backupWhen(f.newest.at, now, timeZone)}. Write a fresh one with "afterword backups save".\n`;
      return `ok    Backups: the newest is from ${backupWhen(f.newest.at, now, timeZone)} (${f.newest.name}).\n`;
  }
}

export function registerDoctor(program: Command, io: CliIo): void {
  program.command('doctor')
    .description('Check your records\' database, its lock, the free disk space and the backups; say what is wrong and what to do (exit code 1 when something needs doing).')
    .option('--json', 'print the findings as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const config = configOf(io, cmd);
      const folder = createDataFolder(config);
      const embedded = folder !== undefined;
      const now = io.now();
      const { findings, healthy } = await runDoctor({
        now, dataDir: config.dataDir, embedded,
        async freeBytes() {
          try {
            const s = await statfs(config.dataDir);
            return s.bavail * s.bsize;
          } catch {
            return undefined;
          }
        },
        lock() {
          const l = folder?.lock() ?? { state: 'free' };
          return l.state === 'free' ? { state: 'free' } : l.state === 'stale'
            ? { state: 'stale', pid: l.pid, command: l.command }
            : { state: 'held', pid: l.pid, command: l.command, proven: l.proven };
        },
        async checkDatabase() {
          return checkDatabase(io, config, folder);
        },
        newestBackup() {
          const e = latestRecordsBackup(config.dataDir);
          return e ? { name: e.name, at: e.at } : undefined;
        },
        async keepDailyBackup() {
          if (!embedded || !dailyBackupDue(config.dataDir, now) || !healthyStore) return;
          try {
            saveBackupFile(config.dataDir, 'daily', healthyStore.text, now);
          } catch { /* the backups finding says how old the newest is */ }
        },
      }, MIN_FREE_BYTES);
      if (opts.json) printJson(io, { healthy, findings });
      else {
        io.stdout(`Afterword doctor: ${embedded ? `records in ${config.dataDir}` : 'records in PostgreSQL'}\n`);
        for (const f of findings) io.stdout(renderFinding(f, now, io.hostTimeZone ?? 'UTC', config.dataDir, folder?.lockFile ?? ''));
        if (healthy) io.stdout('All is well.\n');
      }
      if (!healthy) throw new NeedsAttention();
    });
}

/** The records' backup text, read while the database was open for its check (written as the daily backup when due). */
let healthyStore: { text: string } | undefined;

async function checkDatabase(io: CliIo, config: ReturnType<typeof configOf>, dataFolder: DataFolder | undefined): Promise<Finding> {
  if (!dataFolder) {
    const { createDeps } = await import('../../deps.js');
    let deps;
    try {
      deps = await createDeps(config);
    } catch (error) {
      if (error instanceof AppError && error.fault) return { check: 'database', status: 'damaged', fault: error.fault, relations: 0 };
      return { check: 'database', status: 'not-checked', reason: 'postgres-unreachable', detail: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) };
    }
    try {
      await deps.store.ping();
      await deps.store.exportAll(LOCAL_USER.id);
      return { check: 'database', status: 'ok', tables: 0, indexes: 0, amcheck: false };
    } catch (error) {
      if (error instanceof AppError && error.fault) return { check: 'database', status: 'damaged', fault: error.fault, relations: 0 };
      throw error;
    } finally {
      await deps.store.close();
    }
  }
  const folder = config.dataDir;
  let opened;
  try {
    opened = await dataFolder.openForCheck((words) => io.stderr(`afterword: ${words}\n`));
  } catch (error) {
    if (error instanceof AppError && error.fault?.kind === 'damaged') return { check: 'database', status: 'damaged', fault: error.fault, relations: 0 };
    if (error instanceof AppError && error.fault?.kind === 'disk_full') return { check: 'database', status: 'not-checked', reason: 'disk-full', detail: '' };
    throw error;
  }
  const { store } = opened;
  try {
    const result = await opened.verify();
    if (result.damaged.length > 0) return { check: 'database', status: 'damaged', fault: { kind: 'damaged', folder }, relations: result.damaged.length };
    try {
      healthyStore = { text: await backup({ store, userId: LOCAL_USER.id }) };
    } catch (error) {
      if (error instanceof AppError && error.fault?.kind === 'damaged') return { check: 'database', status: 'damaged', fault: error.fault, relations: 0 };
      throw error;
    }
    return { check: 'database', status: 'ok', tables: result.tables, indexes: result.indexes, amcheck: result.amcheck };
  } catch (error) {
    if (error instanceof AppError && error.fault) return { check: 'database', status: 'damaged', fault: error.fault, relations: 0 };
    const damaged = storageFault(error, folder);
    if (damaged?.kind === 'damaged') return { check: 'database', status: 'damaged', fault: damaged, relations: 0 };
    throw error;
  } finally {
    await store.close();
  }
}
