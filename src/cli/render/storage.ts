/** A full disk or damaged data in the CLI's words: what happened, where, and the command that helps. */
import { backupWhen, latestRecordsBackup } from '../../app/backups.js';
import type { StorageFault } from '../../app/errors.js';

const MB = 1024 * 1024;

/** The lines to print (each ends with a newline). `now` and `timeZone` date the backup it names. */
export function renderFault(fault: StorageFault, now: number, timeZone: string): string {
  if (fault.kind === 'disk_full') {
    if (fault.folder === undefined) {
      return 'afterword: the database server\'s disk is full, so nothing was saved.\n'
        + '  Ask whoever runs the database server to free space, then run the command again.\n';
    }
    const free = fault.freeBytes !== undefined ? ` (${Math.floor(fault.freeBytes / MB)} MB free now)` : '';
    return `afterword: the disk that holds your records is full, so nothing was saved.\n`
      + `  Free at least ${Math.ceil(fault.neededBytes / MB)} MB on the disk of ${fault.folder}${free}, then run the command again.\n`
      + '  Your records are as they were before this command.\n';
  }
  if (fault.folder === undefined) {
    return 'afterword: the database server reports damaged data.\n'
      + '  Ask whoever runs it to check the database and restore a backup of it.\n';
  }
  const latest = latestRecordsBackup(fault.folder);
  const head = `afterword: part of your records in ${fault.folder} cannot be read: the database there is damaged.\n`;
  if (!latest) {
    return `${head}  No backup is in ${fault.folder}/backups. If you saved one with "afterword backup FILE", restore it with:\n`
      + '    afterword restore FILE --yes\n'
      + '  "afterword doctor" says what else can be done.\n';
  }
  return `${head}  Restore your latest backup (${backupWhen(latest.at, now, timeZone)}) with:\n`
    + `    afterword backups restore ${latest.name}\n`
    + '  It keeps the damaged database aside, in case you need it. "afterword backups" lists the other backups.\n';
}
