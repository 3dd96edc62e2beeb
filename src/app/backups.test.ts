/** The rolling backups folder: names, order, what is kept, dates in words. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupsDir, backupTo, backupWhen, dailyBackupDue, findBackup, listBackups, saveBackupFile } from './backups.js';
import type { ApplicationRecord, Backup, BackupSink } from './ports.js';

const root = mkdtempSync(join(tmpdir(), 'afterword-backups-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const DAY = 86_400_000;
const T0 = Date.parse('2026-12-07T09:12:00Z'); // Mon 2026-12-07

describe('rolling backups', () => {
  it('keeps the seven newest daily backups and the seven newest others; leaves no temporary file', () => {
    const dataDir = join(root, `d${n++}`);
    for (let d = 0; d < 10; d++) saveBackupFile(dataDir, 'daily', `{"day":${d}}\n`, T0 + d * DAY);
    for (let i = 0; i < 9; i++) saveBackupFile(dataDir, i % 2 ? 'before-import' : 'before-restore', '{}\n', T0 + i * 1000);
    mkdirSync(backupsDir(dataDir), { recursive: true });
    writeFileSync(join(backupsDir(dataDir), 'afterword-2026-12-01T000000Z-daily.json.999.tmp'), '');
    saveBackupFile(dataDir, 'manual', '{}\n', T0 + 20 * DAY);
    const all = listBackups(dataDir);
    expect(all.filter((e) => e.reason === 'daily').map((e) => e.name)).toEqual(
      [9, 8, 7, 6, 5, 4, 3].map((d) => `afterword-2026-12-${String(7 + d).padStart(2, '0')}T091200Z-daily.json`),
    );
    expect(all.filter((e) => e.reason !== 'daily')).toHaveLength(7);
    expect(all[0]?.reason).toBe('manual');
    expect(readdirSync(backupsDir(dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(findBackup(dataDir, 'afterword-2026-12-16')?.name).toBe('afterword-2026-12-16T091200Z-daily.json');
    expect(findBackup(dataDir, 'afterword-2026-12-1')).toBeUndefined(); // several match
  });

  it('writes one daily backup per UTC day', () => {
    const dataDir = join(root, `d${n++}`);
    expect(dailyBackupDue(dataDir, T0)).toBe(true);
    saveBackupFile(dataDir, 'daily', '{}\n', T0);
    expect(dailyBackupDue(dataDir, T0 + 3_600_000)).toBe(false);
    expect(dailyBackupDue(dataDir, T0 + DAY)).toBe(true);
  });

  it.each([
    [T0 - 3_600_000, 'today at 08:12'],
    [T0 - DAY, 'yesterday at 09:12'],
    [T0 - 3 * DAY, 'Friday 4 December at 09:12'],
    [T0 - 400 * DAY, 'Sunday 2 November 2025 at 09:12'],
  ])('dates a backup in words (%s → %s, London)', (at, words) => {
    expect(backupWhen(at, T0, 'Europe/London')).toBe(words);
  });
});

describe('a backup written a page at a time', () => {
  const head: Omit<Backup, 'applications'> = { format: 'afterword-backup', version: 1, candidate: { name: 'Jordan Lee', local: false, references: [] } };
  const record = (id: string, appliedOn: number): ApplicationRecord => ({
    application: { id, company: `Acme "${id}"\nLtd`, role: 'Analyst', status: 'active', appliedOn, individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {} },
    redFlags: [{ flag: 'R2', score: 1 }],
  });
  const written = async (pages: readonly (readonly ApplicationRecord[])[]): Promise<{ text: string; parts: number }> => {
    const parts: string[] = [];
    const store = {
      async exportPaged(_userId: string, sink: BackupSink): Promise<void> {
        await sink.head(head);
        for (const page of pages) await sink.applications(page);
      },
    };
    await backupTo({ store, userId: 'local' }, (text) => { parts.push(text); });
    return { text: parts.join(''), parts: parts.length };
  };

  it('is the bytes of the whole document stringified at once, dates as dates, with or without applications', async () => {
    for (const pages of [[], [[record('a1', 20_727)]], [[record('a1', 20_727), record('a2', 0)], [record('a3', 20_800)], []]]) {
      const { text, parts } = await written(pages);
      const applications = pages.flat();
      const parsed = JSON.parse(text) as { version: number; applications: { application: { id: string; appliedOn: string } }[] };
      expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
      expect(parsed.version).toBe(2);
      expect(parsed.applications.map((r) => r.application.id)).toStrictEqual(applications.map((r) => r.application.id));
      expect(parsed.applications.map((r) => r.application.appliedOn)).toStrictEqual(applications.map((r) => (r.application.appliedOn === 20_727 ? '2026-10-01' : r.application.appliedOn === 0 ? '1970-01-01' : '2026-12-13')));
      expect(parts).toBe(pages.length + 2);
    }
  });
});
