/**
 * `today` and `week` on the embedded database answer from the agenda's read model when it is
 * there: the same answer as from the database, at any later moment it covers; every write drops
 * it; a miss rebuilds it. Real PGlite in a temporary data directory, the CLI run in-process.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateSnapshot, keepSnapshotFresh, readSnapshot, SNAPSHOT_FILE, snapshotPath, writeSnapshot } from '../../store/agenda-snapshot.js';
import { pgliteDir } from '../../store/location.js';
import { openPgliteStore } from '../../store/pglite.js';
import { cli } from '../testing.js';

const DAY = 86_400_000;
// Tue 2026-03-03 15:00 in New York (20:00Z).
const T = Date.parse('2026-03-03T20:00:00Z');

let dataDir: string;
let dbDir: string;
const run = (argv: readonly string[], now = T) => cli(['--data-dir', dataDir, ...argv], { now });
const snapshotFile = () => snapshotPath(dbDir);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'afterword-snapshot-'));
  dbDir = pgliteDir(dataDir);
  const setup: (readonly string[])[] = [
    ['setup', '--name', 'Jordan Lee', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10'],
    ['add', 'person', 'a1', '--name', 'Grace Okafor', '--email', 'g@acme.example'],
    ['add', 'person', 'a1', '--name', 'Sam Ruiz', '--role', 'recruiter', '--email', 's@acme.example'],
    // Tue 2026-03-03, 10:00–11:00 New York.
    ['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1,p2', '--said', 'within two weeks'],
    ['add', 'application', '--company', 'Globex', '--role', 'Analyst', '--applied-on', '2026-02-20'],
    ['add', 'person', 'a2', '--name', 'Ana Silva', '--email', 'ana@globex.example'],
    // Mon 2026-02-23, 14:00–15:00 New York.
    ['add', 'interview', 'a2', '--start', '2026-02-23T14:00', '--end', '2026-02-23T15:00', '--stage', 'phone_screen', '--with', 'p1'],
  ];
  for (const argv of setup) {
    const r = await run(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `today --json` (or `week`) read from the database: the read model is dropped first. */
async function fromDatabase(command: 'today' | 'week', now: number): Promise<string> {
  invalidateSnapshot(dbDir);
  const r = await run([command, '--json'], now);
  expect(r.code).toBe(0);
  expect(existsSync(snapshotFile())).toBe(true);
  return r.stdout;
}

describe('the agenda read model', () => {
  it('answers today and week as the database does, at every moment it covers', async () => {
    // Tue 2026-03-03 15:00, Wed 03-04 09:30, Fri 03-06 17:00, Tue 03-10 08:00, Thu 03-12 16:00 (New York).
    for (const now of [T, T + 0.77 * DAY, T + 3.08 * DAY, T + 6.5 * DAY, T + 8.8 * DAY]) {
      for (const command of ['today', 'week'] as const) {
        const expected = await fromDatabase(command, T);
        const viaDb = await fromDatabase(command, now);
        // The model written at T, read at `now`.
        await fromDatabase(command, T);
        const viaModel = await run([command, '--json'], now);
        expect(viaModel.code).toBe(0);
        expect(viaModel.stdout).toBe(viaDb);
        if (now === T) expect(viaModel.stdout).toBe(expected);
      }
    }
  }, 240_000);

  it('does not open the database when the model covers the day', async () => {
    const expected = await fromDatabase('today', T);
    // Everything but the model moved away: a database read would find an empty folder.
    const aside = join(dataDir, 'aside');
    mkdirSync(aside);
    for (const name of readdirSync(dbDir)) if (name !== SNAPSHOT_FILE) renameSync(join(dbDir, name), join(aside, name));
    try {
      const r = await run(['today', '--json'], T + DAY);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ now: '2026-03-04T15:00:00-05:00' });
      expect(readdirSync(dbDir)).toStrictEqual([SNAPSHOT_FILE]);
      expect((await run(['today', '--json'], T)).stdout).toBe(expected);
    } finally {
      for (const name of readdirSync(aside)) renameSync(join(aside, name), join(dbDir, name));
      rmSync(aside, { recursive: true });
    }
  }, 120_000);

  it('is dropped by every write transaction of the embedded store', async () => {
    await fromDatabase('today', T);
    const store = await openPgliteStore({ dir: dbDir });
    try {
      // Opening and reading keep it.
      expect(await store.getSettings('local')).toBeDefined();
      expect(existsSync(snapshotFile())).toBe(true);
      await store.setNextDue('local', 'a2', null, null);
      expect(existsSync(snapshotFile())).toBe(false);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('is written again by the command that wrote, and shows the write', async () => {
    const before = await fromDatabase('today', T);
    const model = () => readFileSync(snapshotFile(), 'utf8');
    const first = model();
    const sent = await run(['sent', 'a1', '--kind', 'thank_you', '--person', 'p1']);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(model()).not.toBe(first);
    const after = await run(['today', '--json']);
    expect(after.stdout).not.toBe(before);
    expect(after.stdout).toBe(await fromDatabase('today', T));
    // A profile change (the zone moves every date) too.
    expect((await run(['setup', '--time-zone', 'Europe/London'])).code).toBe(0);
    const london = await run(['today', '--json']);
    expect(JSON.parse(london.stdout)).toMatchObject({ now: '2026-03-03T20:00:00+00:00' });
    expect(london.stdout).toBe(await fromDatabase('today', T));
  }, 120_000);

  it('is rebuilt when it does not reach far enough, and ignored when unreadable or foreign', async () => {
    await fromDatabase('today', T);
    const horizon = (): number => (JSON.parse(readFileSync(snapshotFile(), 'utf8')) as { horizon: number }).horizon;
    const first = horizon();
    expect(readSnapshot(dbDir, 'local', T + 3 * DAY)).toBeDefined();
    expect(readSnapshot(dbDir, 'someone-else', T + 3 * DAY)).toBeUndefined();
    expect(readSnapshot(dbDir, 'local', first + 1)).toBeUndefined();
    // Sat 2026-03-14: `week` needs nine days more than the model written on Tue 03-03 holds.
    const later = T + 11 * DAY;
    expect((await run(['week', '--json'], later)).code).toBe(0);
    expect(horizon()).toBeGreaterThan(first);
    writeFileSync(snapshotFile(), '{"format":"afterword-agenda-snapshot","version":1');
    expect(readSnapshot(dbDir, 'local', T)).toBeUndefined();
    const r = await run(['today', '--json'], T);
    expect(r.code).toBe(0);
    expect(readSnapshot(dbDir, 'local', T)).toBeDefined();
  }, 120_000);

  it('is written a page of summaries at a time with the bytes of the whole document at once', async () => {
    const store = await openPgliteStore({ dir: dbDir });
    try {
      const horizon = T + 16 * DAY;
      const records = await store.agendaRecords('local', horizon);
      const settings = records.settings;
      expect(records.summaries).toHaveLength(2);
      expect(records.due.length).toBeGreaterThan(0);
      const whole = JSON.stringify({ format: 'afterword-agenda-snapshot', version: 3, userId: 'local', horizon, ...records, settings });
      for (const pageSize of [1, 2, 3]) {
        invalidateSnapshot(dbDir);
        await writeSnapshot(dbDir, store, 'local', horizon, pageSize);
        expect(readFileSync(snapshotFile(), 'utf8')).toBe(whole);
      }
      expect(readdirSync(dbDir).filter((f) => f.startsWith(`${SNAPSHOT_FILE}.`))).toStrictEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('is kept fresh by a running server: written again a moment after each write, never left stale', async () => {
    await fromDatabase('today', T);
    const store = await openPgliteStore({ dir: dbDir });
    const stop = keepSnapshotFresh(dbDir, store, 'local', () => T + 16 * DAY, 20);
    try {
      const until = async (test: () => boolean): Promise<void> => {
        for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(test()).toBe(true);
      };
      await until(() => existsSync(snapshotFile()));
      // A write (as the web app makes) drops it; the server writes it again, with the write in it.
      await store.transaction(async (tx) => { await tx.setNextDue('local', 'a2', null, null); });
      expect(existsSync(snapshotFile())).toBe(false);
      await until(() => existsSync(snapshotFile()));
      const fresh = readSnapshot(dbDir, 'local', T + DAY);
      expect(fresh).toBeDefined();
      // A burst of writes ends with one that the model holds: it is the database's answer.
      for (let i = 0; i < 5; i++) await store.transaction(async (tx) => { await tx.setNextDue('local', 'a2', null, null); });
      await until(() => existsSync(snapshotFile()));
    } finally {
      stop();
      await store.close();
    }
    const r = await run(['today', '--json']);
    expect(r.stdout).toBe(await fromDatabase('today', T));
  }, 120_000);
});

