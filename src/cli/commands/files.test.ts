/** Files users exchange, through the CLI on a real database: calendar, spreadsheet, import, backup. */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { openPgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import { cliWith, memoryDeps } from '../testing.js';
import { afterwordArgs } from '../testing-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let deps: Deps;
let dir: string;
const files: Record<string, string | Uint8Array> = {};
const cli = (now = '2026-03-02T13:00:00Z') => cliWith(deps, now, files); // Mon 08:00 in New York

beforeAll(async () => {
  deps = await memoryDeps();
  dir = await mkdtemp(join(tmpdir(), 'afterword-files-'));
  const c = cli();
  await c(['setup', '--name', 'Zoë Ñúñez', '--email', 'zoe@example.com', '--time-zone', 'America/New_York', '--region', 'US']);
  await c(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10']);
  await c(['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example']);
  await c(['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1']);
}, 60_000);
afterAll(async () => {
  await deps.store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('export', () => {
  it('writes a calendar that calendar programs read: zones, alarms, stable ids', async () => {
    expect((await cli()(['export', 'ics', '--out', 'a.ics'])).stdout).toMatch(/Wrote \d+ events to a.ics/);
    const cal = new ICAL.Component(ICAL.parse(String(files['a.ics'])));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const thanks = events.find((e) => e.summary.startsWith('Thank Dr. Okafor'));
    expect(thanks?.startDate.toJSDate().toISOString()).toBe('2026-03-03T22:00:00.000Z'); // Tue 17:00 in New York
    expect(thanks?.component.getFirstSubcomponent('valarm')).not.toBeNull();
    await cli('2026-03-02T14:00:00Z')(['export', 'ics', '--out', 'b.ics']);
    const uids = (name: string) => new ICAL.Component(ICAL.parse(String(files[name]))).getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
    expect(uids('b.ics')).toEqual(uids('a.ics'));
  });

  it('writes a workbook with one row per touch, and applications and people sheets', async () => {
    await cli('2026-03-03T21:00:00Z')(['sent', 'a1', '--person', 'p1', '--at', '2026-03-03T15:00']); // Tue 16:00 in New York, an hour after
    await cli()(['export', 'xlsx', '--out', 'h.xlsx']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files['h.xlsx'] as Uint8Array) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Applications', 'People']));
    const followUps = book.worksheets[0];
    expect(followUps?.getRow(2).getCell(2).value).toBe('Acme Corp');
  });
});

describe('import', () => {
  it('previews, then imports all rows', async () => {
    const csv = join(dir, 'ok.csv');
    await writeFile(csv, 'Company,Job Title,Status,Date applied,Contact\nInitech,QA Lead,Applied,2026-02-20,Bill Lumbergh\nHooli,PM,interviewing,2026-02-21,\n');
    const dry = await cli()(['import', 'csv', csv, '--dry-run']);
    expect(dry.stdout).toContain('Job Title                \u2192 role');
    expect(dry.stdout).toContain('  row 2: Initech \u2014 QA Lead (active): new\n');
    expect(dry.stdout).toContain('Dry run: 2 new, 0 updated, 0 unchanged of 2 rows read; nothing written.');
    expect(JSON.parse((await cli()(['pipeline', '--json'])).stdout)).toMatchObject({ counts: { active: 1 } });
    expect((await cli()(['import', 'csv', csv])).stdout).toBe('Imported 2 rows: 2 new, 0 updated, 0 unchanged.\n');
    expect(JSON.parse((await cli()(['pipeline', '--json'])).stdout)).toMatchObject({ counts: { active: 3 } });
  });

  it('is all or nothing: a bad row anywhere leaves the store as it was, and is named', async () => {
    const csv = join(dir, 'bad.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `Company ${i},Analyst,Applied,2026-02-${String((i % 28) + 1).padStart(2, '0')}`);
    rows[1100] = 'Broken Co,Analyst,Applied,2026-02-30';
    await writeFile(csv, `Company,Role,Status,Date applied\n${rows.join('\n')}\n`);
    const run = await cli()(['import', 'csv', csv]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([
      'afterword: import: nothing imported; 1 row has problems:',
      'afterword:   row 1102: column "Date applied": "2026-02-30" is not a date; write YYYY-MM-DD or MM/DD/YYYY',
    ]);
    expect(JSON.parse((await cli()(['pipeline', '--json'])).stdout)).toMatchObject({ counts: { active: 3 } });
  });
});

describe('backup and restore', () => {
  it('backup → restore into an empty store → backup gives identical bytes', async () => {
    await cli()(['backup', 'one.json']);
    const empty = await freshPgliteStore();
    const other: Deps = { ...deps, store: empty };
    try {
      await empty.ensureUser({ id: 'local', name: 'Local user' });
      const restored = await cliWith(other, '2026-03-02T13:00:00Z', files)(['restore', 'one.json']);
      expect(restored.stdout).toMatch(/Restored 3 applications/);
      await cliWith(other, '2026-03-02T13:00:00Z', files)(['backup', 'two.json']);
      expect(files['two.json']).toBe(files['one.json']);
    } finally {
      await empty.close();
    }
  }, 60_000);

  it('writes calendar dates as dates, and reads a backup of the older form (day numbers) as the same records', async () => {
    const text = String(files['one.json']);
    expect(text).toContain('"version": 2,');
    expect(text).toContain('"appliedOn": "2026-02-10"'); // Tue
    expect(text).not.toMatch(/"appliedOn": \d/);
    // The form releases before this one wrote: version 1, 2026-02-10 as day 20494 since 1970-01-01 (the imported rows' dates likewise).
    const old = text.replace('"version": 2,', '"version": 1,').replace('"appliedOn": "2026-02-10"', '"appliedOn": 20494')
      .replace(/"appliedOn": "(\d{4})-(\d\d)-(\d\d)"/g, (_, y: string, m: string, d: string) => `"appliedOn": ${Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000}`);
    expect(old).toContain('"appliedOn": 20494');
    expect(old).not.toMatch(/"appliedOn": "/);
    files['old.json'] = old;
    const empty = await freshPgliteStore();
    const other: Deps = { ...deps, store: empty };
    try {
      await empty.ensureUser({ id: 'local', name: 'Local user' });
      expect((await cliWith(other, '2026-03-02T13:00:00Z', files)(['restore', 'old.json'])).code).toBe(0);
      await cliWith(other, '2026-03-02T13:00:00Z', files)(['backup', 'three.json']);
      expect(files['three.json']).toBe(text);
    } finally {
      await empty.close();
    }
  }, 60_000);

  it('refuses a backup with an impossible date, changing nothing', async () => {
    files['feb30.json'] = String(files['one.json']).replace('"appliedOn": "2026-02-10"', '"appliedOn": "2026-02-30"');
    const run = await cli()(['restore', 'feb30.json', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the backup is damaged \("2026-02-30" is not a date\); nothing was changed/);
    expect(JSON.parse((await cli()(['pipeline', '--json'])).stdout)).toMatchObject({ counts: { active: 3 } });
  });

  it('asks before replacing records, and refuses what is not a backup', async () => {
    expect((await cli()(['restore', 'one.json'])).stderr).toMatch(/pass --yes to go ahead/);
    files['junk.json'] = '{"format":"something-else"}';
    const junk = await cli()(['restore', 'junk.json', '--yes']);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/not an Afterword backup/);
  });
});

describe('a killed import', () => {
  it('leaves all or none of it (SIGKILL in the middle of a real process)', async () => {
    const data = join(dir, 'data');
    const env = { ...process.env, AFTERWORD_DATA_DIR: data };
    const run = (args: string[], onStderr?: (line: string, kill: () => void) => void) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, [...afterwordArgs(), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => onStderr?.(chunk, () => { if (child.pid) process.kill(-child.pid, 'SIGKILL'); }));
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect((await run(['setup', '--name', 'Kim', '--time-zone', 'UTC', '--region', 'GB-ENG'])).code).toBe(0);
    // Over 4 MB: read in the import's worker thread, as a large export is.
    const csv = join(dir, 'big.csv');
    const lines = Array.from({ length: 60_000 }, (_, i) => `Company ${i},Analyst,Applied,2026-02-${String((i % 28) + 1).padStart(2, '0')},"Met the team; next, a take-home (row ${i})"`);
    await writeFile(csv, `Company,Role,Status,Date applied,Notes\n${lines.join('\n')}\n`);
    expect(statSync(csv).size).toBeGreaterThan(4 * 1024 * 1024);
    const count = async (): Promise<number> => {
      const store = await openPgliteStore({ dir: join(data, 'pglite') });
      try {
        return (await store.listApplications('local')).length;
      } finally {
        await store.close();
      }
    };
    const killed = await run(['import', 'csv', csv], (line, kill) => { if (line.includes('Importing: 20,000 rows')) kill(); });
    expect(killed.signal).toBe('SIGKILL');
    expect([0, 60_000]).toContain(await count());
    // Imported again, whole: the rows the kill left out, or none.
    expect((await run(['import', 'csv', csv])).code).toBe(0);
    expect(await count()).toBe(60_000);
  }, 180_000);
});
