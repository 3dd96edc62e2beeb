/**
 * `afterword backups`: the rolling backups in the data folder (listed with their dates in words),
 * `backups save` to write one now, `backups restore NAME` to go back to one. Restoring into a
 * damaged embedded database keeps the damaged folder aside and restores into a new one.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  ageWords, backup, backupWhen, findBackup, listBackups, REASON_WORDS, restore, saveBackupFile, type BackupEntry,
} from '../../app/backups.js';
import { AppError } from '../../app/errors.js';
import { createDataFolder } from '../../deps.js';
import { backupBefore, configOf, printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';

const MB = 1024 * 1024;

function sizeWords(bytes: number): string {
  return bytes < MB ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / MB).toFixed(1)} MB`;
}

/** The backups as a list a person reads: newest first, when, why, how big. */
export function renderBackups(entries: readonly BackupEntry[], folder: string, now: number, timeZone: string): string {
  if (entries.length === 0) {
    return `No backups yet in ${folder}.\nAfterword writes one a day when you use it, and one before every import, restore and upgrade; "afterword backups save" writes one now.\n`;
  }
  const lines = entries.map((e) => `  ${e.name}\n      ${backupWhen(e.at, now, timeZone)} \u00b7 ${REASON_WORDS[e.reason]} \u00b7 ${sizeWords(e.bytes)}`);
  return `Backups in ${folder} (newest first):\n${lines.join('\n')}\n`
    + `To go back to one: afterword backups restore NAME (your records now are backed up first).\n`;
}

/** Whether `error` says the embedded database is damaged. */
const damaged = (error: unknown): boolean => error instanceof AppError && error.fault?.kind === 'damaged';

/**
 * Restores a records backup (JSON text): a backup of the records as they are first, then all or
 * nothing. On a damaged embedded database the damaged folder is kept aside and a new one made.
 */
export async function restoreRecords(io: CliIo, command: Command, text: string): Promise<{ applications: number; asideIn?: string }> {
  try {
    return await withApp(io, command, async (deps) => {
      await backupBefore(io, command, deps, 'before-restore');
      return restore(deps, text);
    });
  } catch (error) {
    const folder = createDataFolder(configOf(io, command));
    if (io.deps || !damaged(error) || !folder) throw error;
    const asideIn = await folder.setAside('damaged', io.now());
    io.stderr(`The database is damaged: it is kept aside in ${asideIn}. Creating a new one for the backup (a few seconds)\u2026\n`);
    const result = await withApp(io, command, (deps) => restore(deps, text));
    return { ...result, asideIn };
  }
}

/** Restores a copy of the whole database folder (written before an upgrade): the current folder is kept aside. */
async function restoreFolder(io: CliIo, command: Command, entry: BackupEntry): Promise<string> {
  const folder = createDataFolder(configOf(io, command));
  if (!folder) throw new AppError({ reason: 'backups.folder_into_postgres', params: { name: entry.name } });
  const asideIn = await folder.setAside('replaced', io.now());
  await folder.restoreCopy(entry.path);
  return asideIn;
}

export function registerBackups(program: Command, io: CliIo): void {
  const backups = program.command('backups')
    .description('List the automatic backups in your data folder (one a day, and one before every import, restore and upgrade), save one, or restore one.')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword backups
  $ afterword backups save
  $ afterword backups restore afterword-2026-12-07T091200Z-daily.json`)
    .action((opts: { json?: boolean }, cmd: Command) => {
      const config = configOf(io, cmd);
      const entries = listBackups(config.dataDir);
      if (opts.json) {
        printJson(io, entries.map((e) => ({ name: e.name, at: new Date(e.at).toISOString(), reason: e.reason, bytes: e.bytes, kind: e.kind })));
        return;
      }
      io.stdout(renderBackups(entries, `${config.dataDir}/backups`, io.now(), io.hostTimeZone ?? 'UTC'));
    });

  backups.command('save')
    .description('Write a backup of your records into the data folder now.')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = configOf(io, cmd);
      const entry = await withApp(io, cmd, async (deps) => saveBackupFile(config.dataDir, 'manual', await backup(deps), io.now()));
      io.stdout(`Saved ${entry.name} (${sizeWords(entry.bytes)}) in ${config.dataDir}/backups.\n`);
    });

  backups.command('restore')
    .description('Replace everything recorded with one of the backups (all or nothing); your records as they are now are backed up first.')
    .argument('<name>', 'the backup\'s name, as "afterword backups" lists it (its start is enough when only one matches)')
    .option('--yes', 'restore without asking')
    .action(async (name: string, opts: { yes?: boolean }, cmd: Command) => {
      const config = configOf(io, cmd);
      const entry = findBackup(config.dataDir, name);
      if (!entry) {
        const some = listBackups(config.dataDir)[0];
        throw new AppError({ reason: 'backups.unknown', params: { name, folder: config.dataDir, ...(some ? { some: some.name } : {}) } }, { at: '<name>' });
      }
      const when = backupWhen(entry.at, io.now(), io.hostTimeZone ?? 'UTC');
      if (!opts.yes) {
        const ok = io.interactive && io.prompt ? await io.prompt.confirm(`This replaces every record you have with the backup of ${when}. Continue?`) : false;
        if (!ok) {
          if (io.interactive && io.prompt) throw new AppError({ reason: 'backups.restore_cancelled' });
          throw new AppError({ reason: 'backups.restore_needs_yes', params: { when } }, { at: 'backups restore' });
        }
      }
      if (entry.kind === 'folder') {
        const asideIn = await restoreFolder(io, cmd, entry);
        io.stdout(`Restored the database as it was ${when}. The one it replaced is kept in ${asideIn}; delete it once you are sure.\n`);
        return;
      }
      const { applications, asideIn } = await restoreRecords(io, cmd, readFileSync(entry.path, 'utf8'));
      io.stdout(`Restored ${applications} application${applications === 1 ? '' : 's'} from the backup of ${when}.\n`);
      if (asideIn) io.stdout(`The damaged database is kept in ${asideIn}; delete it once you are sure nothing is missing.\n`);
    });
}

/** For doctor: how old the newest backup is, in words, and whether that is too old. */
export function backupAge(dataDir: string, now: number): { newest?: BackupEntry; words: string; stale: boolean } {
  const newest = listBackups(dataDir).find((e) => e.kind === 'json');
  if (!newest) return { words: 'no backup yet', stale: true };
  const age = now - newest.at;
  return { newest, words: `${ageWords(age)} old`, stale: age > 2 * 86_400_000 };
}
