/**
 * Import you can run twice (real PGlite, real csv-parse and exceljs): a 500-row tracker export
 * imported again adds nothing, a changed row updates its application, the source's id column
 * matches a row whose company was renamed, and Afterword's own XLSX export imports as unchanged.
 * A row repeating an earlier one of the same file is matched the same way whether or not the two
 * fall in one batch (on PGlite, and on PostgreSQL with AFTERWORD_TEST_DATABASE_URL).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_ROWS } from '../../app/files.js';
import { LOCAL_USER } from '../../app/ports.js';
import { createTimeRules } from '../../core/time.js';
import type { Deps } from '../../deps.js';
import { openPostgresStore } from '../../store/postgres.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
const files: Record<string, string | Uint8Array> = {};
let cli: ReturnType<typeof cliWith>;
const dir = mkdtempSync(join(tmpdir(), 'afterword-reimport-'));
/** Writes a file the import reads from disk; its path. */
const put = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const STATUSES = ['Bookmarked', 'Applying', 'Applied', 'Interviewing', 'Negotiating', 'Accepted', 'I Withdrew', 'Not Selected', 'No Response', 'Archived'];

/** A Teal-like export: "Job Position" for the role (mapped by hand), its statuses, and the details. */
function tealExport(rows: number, change: (i: number) => Partial<Record<string, string>> = () => ({})): string {
  const header = ['Company', 'Job Position', 'Status', 'Date Applied', 'Location', 'Salary', 'URL', 'Notes', 'Tags', 'Excitement'];
  const lines = Array.from({ length: rows }, (_, i) => {
    // 2026-01-05 (Monday) plus i % 60 days.
    const day = new Date(Date.UTC(2026, 0, 5 + (i % 60))).toISOString().slice(0, 10);
    const row: Record<string, string> = {
      Company: `Company ${i % 250}`, 'Job Position': i < 250 ? 'Data Analyst' : 'Analytics Engineer', Status: STATUSES[i % STATUSES.length] ?? 'Applied',
      'Date Applied': day, Location: i % 3 === 0 ? 'London' : 'Remote', Salary: i % 2 === 0 ? '£45k–£55k' : '', URL: `jobs.example.com/${i}`,
      Notes: i % 5 === 0 ? `Row ${i}, "quoted", with a comma` : '', Tags: i % 4 === 0 ? 'fintech, dream job' : '', Excitement: String(i % 5),
      ...change(i),
    };
    return header.map((h) => `"${(row[h] ?? '').replace(/"/g, '""')}"`).join(',');
  });
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

/** Rows past one batch of an import. */
const N = IMPORT_BATCH_ROWS + 100;

const counts = (stdout: string): string => /: (\d+ new, \d+ updated, \d+ unchanged)/.exec(stdout)?.[1] ?? stdout;

beforeAll(async () => {
  deps = await memoryDeps();
  // Mon 2026-03-02 13:00 UTC.
  cli = cliWith(deps, '2026-03-02T13:00:00Z', files);
  expect((await cli(['setup', '--name', 'Jordan Lee', '--time-zone', 'Europe/London', '--region', 'GB-ENG'])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await deps.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing the same export twice', () => {
  const map = ['--map', 'Job Position=role', '--map', 'Excitement=skip'];

  it('a 500-row export: 500 new, then 500 unchanged and no duplicates; ten changed rows update ten applications', async () => {
    const tealCsv = put('teal.csv', tealExport(500));
    const dry = await cli(['import', 'csv', tealCsv, ...map, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  Job Position             \u2192 role\n');
    expect(dry.stdout).toContain('  Excitement               \u2192 (not used: left out (--map))\n');
    expect(dry.stdout).toContain('Dry run: 500 new, 0 updated, 0 unchanged of 500 rows read; nothing written.');

    const first = await cli(['import', 'csv', tealCsv, ...map]);
    expect(first.stderr).toBe('');
    expect(counts(first.stdout)).toBe('500 new, 0 updated, 0 unchanged');
    expect(await deps.store.listApplications(LOCAL_USER.id)).toHaveLength(500);

    const again = await cli(['import', 'csv', tealCsv, ...map]);
    expect(counts(again.stdout)).toBe('0 new, 0 updated, 500 unchanged');
    expect(await deps.store.listApplications(LOCAL_USER.id)).toHaveLength(500);

    const tealTwoCsv = put('teal2.csv', tealExport(500, (i) => (i % 50 === 7 ? { Status: 'Offer', Notes: 'They called back' } : {})));
    const changed = await cli(['import', 'csv', tealTwoCsv, ...map]);
    expect(counts(changed.stdout)).toBe('0 new, 10 updated, 490 unchanged');
    const all = await deps.store.listApplications(LOCAL_USER.id);
    expect(all).toHaveLength(500);
    expect(new Set(all.map((a) => `${a.company}|${a.role}|${a.appliedOn ?? ''}`)).size).toBe(500);
    expect(all.filter((a) => a.status === 'offer').length).toBeGreaterThanOrEqual(10);
    const seven = all.find((a) => a.company === 'Company 7' && a.role === 'Data Analyst');
    const app = await deps.store.getApplication(LOCAL_USER.id, seven?.id ?? '');
    expect(app).toMatchObject({ status: 'offer', notes: 'They called back', postingUrl: 'https://jobs.example.com/7', location: 'Remote' });
  }, 120_000);

  it('an application changed since its import (a status set, notes saved, its contact renamed) is updated again by the same file, not taken for unchanged', async () => {
    const csv = put('digest.csv', 'Company,Role,Status,Date applied,Contact,Notes\n'
      + 'Digest Co 1,Analyst,Applied,2026-02-02,Ana Silva,First\nDigest Co 2,Analyst,Applied,2026-02-02,Ben Okafor,Second\n'
      + 'Digest Co 3,Analyst,Applied,2026-02-02,,Third\nDigest Co 4,Analyst,Applied,2026-02-02,,Fourth\n');
    expect(counts((await cli(['import', 'csv', csv])).stdout)).toBe('4 new, 0 updated, 0 unchanged');
    expect(counts((await cli(['import', 'csv', csv])).stdout)).toBe('0 new, 0 updated, 4 unchanged');
    const ids = new Map((await deps.store.listApplications(LOCAL_USER.id, { text: 'Digest Co' })).map((a) => [a.company, a.id]));
    const get = async (company: string) => {
      const app = await deps.store.getApplication(LOCAL_USER.id, ids.get(company) ?? '');
      if (!app) throw new Error(`${company} is missing`);
      return app;
    };
    await deps.store.setStatus(LOCAL_USER.id, ids.get('Digest Co 1') ?? '', 'offer');
    const two = await get('Digest Co 2');
    await deps.store.saveApplication(LOCAL_USER.id, { ...two, people: two.people.map((p) => ({ ...p, name: 'Ben Okafor-Hale' })) });
    await deps.store.saveApplication(LOCAL_USER.id, { ...await get('Digest Co 3'), notes: 'Edited by hand' });
    expect(counts((await cli(['import', 'csv', csv])).stdout)).toBe('0 new, 3 updated, 1 unchanged');
    expect((await get('Digest Co 1')).status).toBe('active');
    expect((await get('Digest Co 2')).people.map((p) => p.name)).toEqual(['Ben Okafor-Hale', 'Ben Okafor']);
    expect((await get('Digest Co 3')).notes).toBe('Third');
    expect(counts((await cli(['import', 'csv', csv])).stdout)).toBe('0 new, 0 updated, 4 unchanged');
  }, 60_000);

  it('the source\'s id column matches a row whose company was renamed; a status no tracker writes is reported once with the list', async () => {
    const huntrCsv = put('huntr.csv', 'Id,Company,Title,Status,Date Applied\nh-1,Initech,QA Lead,Wishlist,2026-02-20\nh-2,Hooli,PM,Interview,2026-02-21\n');
    expect(counts((await cli(['import', 'csv', huntrCsv])).stdout)).toBe('2 new, 0 updated, 0 unchanged');
    const huntrTwoCsv = put('huntr2.csv', 'Id,Company,Title,Status,Date Applied\nh-1,Initech Ltd,QA Lead,Offer,2026-02-20\nh-2,Hooli,PM,Interview,2026-02-21\n');
    expect(counts((await cli(['import', 'csv', huntrTwoCsv])).stdout)).toBe('0 new, 1 updated, 1 unchanged');
    expect((await deps.store.listApplications(LOCAL_USER.id)).filter((a) => a.sourceId === 'h-1').map((a) => [a.company, a.status])).toEqual([['Initech Ltd', 'offer']]);

    const oddCsv = put('odd.csv', 'Company,Role,Status\nA,B,Pondering\nC,D,Pondering\nE,F,Mulling it over\n');
    const odd = await cli(['import', 'csv', oddCsv, '--dry-run']);
    expect(odd.code).toBe(2);
    const lines = odd.stdout.split('\n');
    expect(lines).toContain('  row 2: column "Status": "Pondering" is not a status Afterword knows');
    expect(lines).toContain('  row 4: column "Status": "Mulling it over" is not a status Afterword knows');
    expect(lines.filter((l) => l.includes('write one of applied, interviewing'))).toHaveLength(1);
    expect(odd.stdout).toContain('Columns:\n');
    expect(odd.stdout).toContain('First rows:\n');
  }, 60_000);

  it('a row repeating an earlier one of the same file (past a batch) updates it instead of adding a second', async () => {
    const before = (await deps.store.listApplications(LOCAL_USER.id)).length;
    const rows = Array.from({ length: N }, (_, i) => `Repeat Co ${i},Analyst,Applied,2026-02-02,`); // Mon
    rows.push('Repeat Co 1,Analyst,Applied,2026-02-02,Second look');
    const csv = put('repeat.csv', `Company,Role,Status,Date applied,Notes\n${rows.join('\n')}\n`);
    expect(counts((await cli(['import', 'csv', csv])).stdout)).toBe(`${N} new, 1 updated, 0 unchanged`);
    expect((await deps.store.listApplications(LOCAL_USER.id)).length).toBe(before + N);
  }, 60_000);

  it('Afterword\'s own XLSX export imports back as unchanged', async () => {
    expect((await cli(['export', 'xlsx', '--out', 'mine.xlsx'])).code).toBe(0);
    const before = await deps.store.listApplications(LOCAL_USER.id);
    const back = await cli(['import', 'xlsx', put('mine.xlsx', files['mine.xlsx'] ?? '')]);
    expect(back.stderr).toBe('');
    expect(counts(back.stdout)).toBe(`0 new, 0 updated, ${before.length} unchanged`);
  }, 60_000);
});

// Set by .ci/run (PostgreSQL 15 on 127.0.0.1:5432); without it the PostgreSQL runs are skipped.
const PG_URL = process.env['AFTERWORD_TEST_DATABASE_URL'] ?? '';

/** A fresh PostgreSQL database with the local user, dropped by the returned function. */
async function postgresDeps(): Promise<{ deps: Deps; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `afterword_reimport_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`create database "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const store = await openPostgresStore({ url: url.toString() });
  await store.ensureUser(LOCAL_USER);
  const drop = async (): Promise<void> => {
    await store.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  return { deps: { store, time: createTimeRules(), clock: { now: () => Date.now() } }, drop };
}

describe.each([
  { kind: 'PGlite', enabled: true },
  { kind: 'PostgreSQL', enabled: PG_URL !== '' },
])('a row repeating an earlier one of the same file ($kind)', ({ kind, enabled }) => {
  let own: Deps;
  let run: ReturnType<typeof cliWith>;
  let drop: () => Promise<void> = async () => {};
  const repeatDir = mkdtempSync(join(tmpdir(), 'afterword-repeat-'));
  const file = (name: string, lines: readonly string[]): string => {
    const path = join(repeatDir, name);
    writeFileSync(path, `Company,Role,Status,Date applied,Notes\n${lines.join('\n')}\n`);
    return path;
  };
  const apps = async (company: string) => {
    const found = (await own.store.listApplications(LOCAL_USER.id)).filter((a) => a.company === company);
    return Promise.all(found.map(async (a) => own.store.getApplication(LOCAL_USER.id, a.id)));
  };

  beforeAll(async () => {
    if (!enabled) return;
    if (kind === 'PGlite') own = await memoryDeps();
    else ({ deps: own, drop } = await postgresDeps());
    // Mon 2026-03-02 13:00 UTC.
    run = cliWith(own, '2026-03-02T13:00:00Z');
    expect((await run(['setup', '--name', 'Jordan Lee', '--time-zone', 'Europe/London', '--region', 'GB-ENG'])).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    if (enabled) await (kind === 'PGlite' ? own.store.close() : drop());
    rmSync(repeatDir, { recursive: true, force: true });
  });

  it.runIf(enabled)('in the same batch as in a later one: the later row updates the earlier (or leaves it unchanged)', async () => {
    const base = Array.from({ length: N }, (_, i) => `Same Co ${i},Analyst,Applied,2026-02-02,`); // Mon
    const sameBatch = [...base.slice(0, 3), 'Same Co 1,Analyst,Offer,2026-02-02,Second look', 'Same Co 2,Analyst,Applied,2026-02-02,', ...base.slice(3)];
    const same = await run(['import', 'csv', file('same-batch.csv', sameBatch)]);
    expect(same.stdout).toBe(`Imported ${N + 2} rows: ${N} new, 1 updated, 1 unchanged (2 rows repeat an earlier row of the file, counted as updated or unchanged).\n`);
    expect(await own.store.listApplications(LOCAL_USER.id)).toHaveLength(N);
    expect(await apps('Same Co 1')).toMatchObject([{ status: 'offer', notes: 'Second look' }]);

    const laterBatch = [...base, 'Same Co 1,Analyst,Offer,2026-02-02,Second look', 'Same Co 2,Analyst,Applied,2026-02-02,']
      .map((line) => line.replace('Same Co', 'Later Co'));
    expect(counts((await run(['import', 'csv', file('later-batch.csv', laterBatch)])).stdout)).toBe(`${N} new, 1 updated, 1 unchanged`);
    expect(await own.store.listApplications(LOCAL_USER.id)).toHaveLength(2 * N);
    expect(await apps('Later Co 1')).toMatchObject([{ status: 'offer', notes: 'Second look' }]);
  }, 120_000);

  it.runIf(enabled)('an update keeps the application\'s interviews and touches (the rows are compared without them)', async () => {
    const path = join(repeatDir, 'history.csv');
    writeFileSync(path, 'Company,Role,Status,Date applied,Contact\nHistory Co,Analyst,Applied,2026-02-02,Grace Okafor\n');
    expect(counts((await run(['import', 'csv', path])).stdout)).toBe('1 new, 0 updated, 0 unchanged');
    const [app] = await apps('History Co');
    const id = app?.id ?? '';
    // Mon 2026-02-23, 14:00–15:00 London; the thank-you sent the same day.
    expect((await run(['add', 'interview', id, '--start', '2026-02-23T14:00', '--end', '2026-02-23T15:00', '--stage', 'phone_screen', '--with', 'p1'])).code).toBe(0);
    expect((await run(['sent', id, '--kind', 'thank_you', '--person', 'p1', '--at', '2026-02-23T16:00', '--yes'])).code).toBe(0);
    const before = await own.store.getApplication(LOCAL_USER.id, id);
    expect(before?.interviews).toHaveLength(1);
    expect(before?.touches).toHaveLength(1);
    writeFileSync(path, 'Company,Role,Status,Date applied,Contact,Notes\nHistory Co,Analyst,Applied,2026-02-02,Sam Ruiz,Went well\n');
    expect(counts((await run(['import', 'csv', path])).stdout)).toBe('0 new, 1 updated, 0 unchanged');
    const after = await own.store.getApplication(LOCAL_USER.id, id);
    expect(after).toStrictEqual({ ...before, notes: 'Went well', people: [...(before?.people ?? []), { id: 'p2', name: 'Sam Ruiz', role: 'other', informal: false, verified: false }] });
  }, 60_000);

  it.runIf(enabled)('matched by the source\'s id column within one batch, also when the company was renamed', async () => {
    const path = join(repeatDir, 'ids.csv');
    writeFileSync(path, 'Id,Company,Title,Status,Date Applied\nr-1,Umbrella,QA Lead,Applied,2026-02-20\nr-2,Hooli,PM,Applied,2026-02-21\nr-1,Umbrella Ltd,QA Lead,Offer,2026-02-20\n');
    expect(counts((await run(['import', 'csv', path])).stdout)).toBe('2 new, 1 updated, 0 unchanged');
    const byId = (await own.store.listApplications(LOCAL_USER.id)).filter((a) => a.sourceId === 'r-1');
    expect(byId.map((a) => [a.company, a.status])).toEqual([['Umbrella Ltd', 'offer']]);
  }, 60_000);
});
