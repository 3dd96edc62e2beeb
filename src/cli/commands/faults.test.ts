/**
 * Trust under faults, on real PGlite in real folders: SIGKILL in the middle of an import, a
 * restore and the web app's writes loses nothing acknowledged and leaves nothing half-written; a
 * full disk is said in words (where, how much) and loses nothing; a flipped byte in the database
 * is found by doctor, which names the restore command, and that command restores.
 *
 * The full disk is a real tmpfs mounted for the test (the machine lets root mount one; CI runs as
 * root). Where mounting is refused, the import test runs instead on a file system layer that
 * says ENOSPC (see below), and the other full-disk tests are skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import nodeFs from 'node:fs';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, listBackups, saveBackupFile } from '../../app/backups.js';
import { AppError } from '../../app/errors.js';
import { LOCAL_USER } from '../../app/ports.js';
import { createTimeRules } from '../../core/time.js';
import { pgliteDir } from '../../store/location.js';
import { openPgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import { runCli } from '../main.js';
import { cliWith } from '../testing.js';
import { afterwordArgs } from '../testing-process.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(join(tmpdir(), 'afterword-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NOW = '2026-03-04T14:00:00Z'; // Wed 2026-03-04
let seeded: Blob;
let n = 0;

/** A migrated database with a profile and three applications (a1–a3), as a dump to clone from. */
beforeAll(async () => {
  const store = await freshPgliteStore();
  await store.ensureUser(LOCAL_USER);
  const run = cliWith({ store, time: createTimeRules(), clock: { now: () => Date.parse(NOW) } }, NOW);
  expect((await run(['setup', '--name', 'Ada Lo', '--time-zone', 'Europe/London', '--region', 'GB-ENG'])).code).toBe(0);
  for (const company of ['Acme', 'Globex', 'Initech']) expect((await run(['add', 'application', '--company', company, '--role', 'Analyst'])).code).toBe(0);
  seeded = await store.dump();
  await store.close();
});

/** A data folder holding the seeded database (in `parent`, default the test's temp folder). */
async function dataFolder(parent = work): Promise<string> {
  const dataDir = join(parent, `data-${n++}`);
  const store = await openPgliteStore({ dir: pgliteDir(dataDir), loadDataDir: seeded, minFreeBytes: 0 });
  await store.close();
  return dataDir;
}

/** Every application's company, by id, read by a fresh open (which recovers the database after a kill). */
async function companies(dataDir: string): Promise<Map<string, string>> {
  const store = await openPgliteStore({ dir: pgliteDir(dataDir), minFreeBytes: 0 });
  try {
    return new Map((await store.listApplications(LOCAL_USER.id)).map((a) => [a.id, a.company]));
  } finally {
    await store.close();
  }
}

const cleanEnv = (): Record<string, string> => Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('AFTERWORD_') && e[0] !== 'DATABASE_URL'),
);

/** `afterword --data-dir DIR …` in a child process; output collected. */
function afterword(dataDir: string, args: readonly string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...afterwordArgs(), '--data-dir', dataDir, ...args], { cwd: root, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => { err += c; });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, out: () => out, err: () => err, exited };
}

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** No file under the backups' names is half-written: each JSON backup parses. */
function backupsWhole(dataDir: string): void {
  for (const e of listBackups(dataDir)) if (e.kind === 'json') expect(() => JSON.parse(readFileSync(e.path, 'utf8'))).not.toThrow();
}

function csv(rows: number): string {
  const lines = ['Company,Position,Status,Date applied'];
  for (let i = 0; i < rows; i++) lines.push(`Company ${i},Role ${i},Applied,2026-02-${String(1 + (i % 28)).padStart(2, '0')}`);
  return `${lines.join('\n')}\n`;
}

describe('SIGKILL', () => {
  it('during an import: the import is all or nothing, the records before it stay, the lock is taken over', async () => {
    const dataDir = await dataFolder();
    const file = join(work, 'big.csv');
    writeFileSync(file, csv(30_000));
    const run = afterword(dataDir, ['import', 'csv', file]);
    // Non-interactive, the import prints a line per 10,000 rows read: it is inside its transaction.
    await until(() => /Importing: 10,000 rows read/.test(run.err()), 'the import to be under way');
    run.child.kill('SIGKILL');
    await run.exited;
    const after = await companies(dataDir);
    expect([...after.values()]).toEqual(['Acme', 'Globex', 'Initech']);
    backupsWhole(dataDir);
    expect(readdirSync(pgliteDir(dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('during a restore: the records are the old ones or the backup\'s, never a mix', async () => {
    const dataDir = await dataFolder();
    // A backup of 2,000 applications, made from a copy.
    const big = await openPgliteStore({ loadDataDir: seeded });
    const records = Array.from({ length: 2_000 }, (_, i) => ({
      application: { id: `r${i}`, company: `Restored ${i}`, role: 'Analyst', status: 'active' as const, individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {} },
      redFlags: [],
    }));
    await big.transaction(async (s) => {
      await s.importAll(LOCAL_USER.id, { ...(await s.exportAll(LOCAL_USER.id)), applications: [] });
      await s.insertApplications(LOCAL_USER.id, records);
    });
    const file = join(work, 'restore.json');
    writeFileSync(file, `${JSON.stringify(await big.exportAll(LOCAL_USER.id))}\n`);
    await big.close();
    const run = afterword(dataDir, ['restore', file, '--yes']);
    // The backup before the restore is written just before the records are replaced.
    await until(() => listBackups(dataDir).some((e) => e.reason === 'before-restore'), 'the backup before the restore');
    await new Promise((r) => setTimeout(r, 150));
    run.child.kill('SIGKILL');
    await run.exited;
    const after = [...(await companies(dataDir)).values()];
    if (after.length === 2_000) expect(after.every((c) => c.startsWith('Restored '))).toBe(true);
    else expect(after).toEqual(['Acme', 'Globex', 'Initech']);
    backupsWhole(dataDir);
  }, 120_000);

  it('during the web app\'s writes: every application the server acknowledged is there, whole', async () => {
    const dataDir = await dataFolder();
    const run = afterword(dataDir, ['serve', '--port', '0']);
    await until(() => /\?key=[0-9a-f]{64}/.test(run.out()), 'the server\'s address');
    const [, base = '', key = ''] = /(http:\/\/[^/]+)\/\?key=([0-9a-f]{64})/.exec(run.out()) ?? [];
    const entry = await fetch(`${base}/?key=${key}`, { redirect: 'manual' });
    const cookie = entry.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
    const { csrf } = await (await fetch(`${base}/api/session`, { headers: { Cookie: cookie } })).json() as { csrf: string };
    const headers = { Cookie: cookie, 'X-Afterword-CSRF': csrf, Origin: base, 'Content-Type': 'application/json' };
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const company = `Burst ${w}-${i}`;
        try {
          const res = await fetch(`${base}/api/applications`, { method: 'POST', headers, body: JSON.stringify({ company, role: 'Analyst' }) });
          if (res.status === 201) acknowledged.push(company);
        } catch {
          return; // The server is gone.
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await until(() => acknowledged.length >= 20, 'twenty acknowledged writes');
    run.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await run.exited;
    const after = new Set((await companies(dataDir)).values());
    for (const company of acknowledged) expect(after.has(company)).toBe(true);
    // Nothing half-written: every application is readable whole.
    const store = await openPgliteStore({ dir: pgliteDir(dataDir), minFreeBytes: 0 });
    try {
      const ids = (await store.listApplications(LOCAL_USER.id)).map((a) => a.id);
      expect((await store.getApplications(LOCAL_USER.id, ids)).length).toBe(ids.length);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('the backup before an import', () => {
  it('is written before an import that changes something, and not for one that changes nothing (the same file again)', async () => {
    const dataDir = await dataFolder();
    const file = join(work, 'small.csv');
    writeFileSync(file, csv(3));
    const beforeImport = (): number => listBackups(dataDir).filter((e) => e.reason === 'before-import').length;
    const first = afterword(dataDir, ['import', 'csv', file]);
    expect(await first.exited).toBe(0);
    expect(first.out()).toContain('3 new, 0 updated, 0 unchanged');
    expect(beforeImport()).toBe(1);
    const again = afterword(dataDir, ['import', 'csv', file]);
    expect(await again.exited).toBe(0);
    expect(again.out()).toContain('0 new, 0 updated, 3 unchanged');
    expect(beforeImport()).toBe(1);
    backupsWhole(dataDir);
    expect([...(await companies(dataDir)).values()]).toEqual(['Acme', 'Globex', 'Initech', 'Company 0', 'Company 1', 'Company 2']);
  }, 120_000);
});

describe('signals', () => {
  it('a SIGTERM right after serve\'s banner stops it cleanly: exit 0, the lock released, a restart needs no takeover', async () => {
    const dataDir = await dataFolder();
    const run = afterword(dataDir, ['serve', '--port', '0']);
    await until(() => /Press Ctrl-C to stop\./.test(run.out()), 'the banner', 60_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('Stopping: finishing the requests in flight');
    expect(existsSync(`${pgliteDir(dataDir)}.lock`)).toBe(false);
    const again = afterword(dataDir, ['pipeline']);
    expect(await again.exited).toBe(0);
    expect(again.err()).not.toContain('Took over');
  }, 120_000);
});

/** A tmpfs of `mb` MB, or undefined when this machine does not let the test mount one. */
function mountTmpfs(mb: number): string | undefined {
  const at = mkdtempSync(join(tmpdir(), 'afterword-full-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', at], { stdio: 'ignore' });
  if (result.status !== 0) {
    rmSync(at, { recursive: true, force: true });
    return undefined;
  }
  return at;
}

function unmount(at: string): void {
  spawnSync('umount', ['-l', at], { stdio: 'ignore' });
  rmSync(at, { recursive: true, force: true });
}

// AFTERWORD_TEST_NO_TMPFS=1 leaves the real tmpfs out, as on a machine that cannot mount one.
const probe = process.env['AFTERWORD_TEST_NO_TMPFS'] === '1' ? undefined : mountTmpfs(1);
if (probe) unmount(probe);
const canMount = probe !== undefined;

/**
 * Imports 30,000 rows into `dataDir` once `fill()` has left the disk almost no room; checks the
 * words, that nothing hangs and nothing is lost once `free()` gives the room back.
 */
async function importIntoFullDisk(dataDir: string, fill: () => void, free: () => void): Promise<void> {
  const store = await openPgliteStore({ dir: pgliteDir(dataDir) });
  const file = join(work, 'full.csv');
  writeFileSync(file, csv(30_000));
  let stderr = '';
  fill();
  let code: number;
  try {
    code = await runCli(['import', 'csv', file], {
      stdout: () => undefined, stderr: (t) => { stderr += t; }, readFile: (p) => readFileSync(p, 'utf8'),
      now: () => Date.parse(NOW), deps: { store, time: createTimeRules(), clock: { now: () => Date.parse(NOW) } },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('afterword: the disk that holds your records is full, so nothing was saved.');
    expect(stderr).toContain(`Free at least 64 MB on the disk of ${dataDir}`);
    expect(stderr.length).toBeLessThan(400);
    expect(stderr).not.toMatch(/insert|select|params|Company 1/i);
    // Whether the database stopped (a PANIC while writing its log) or not, the next statement answers instead of hanging.
    const hung = new Promise<string>((r) => { setTimeout(() => r('hung'), 10_000).unref(); });
    expect(await Promise.race([store.ping().then(() => 'answered', (e: unknown) => (e instanceof AppError ? 'failed at once' : String(e))), hung])).not.toBe('hung');
  } finally {
    free();
    await store.close();
  }
  expect([...(await companies(dataDir)).values()]).toEqual(['Acme', 'Globex', 'Initech']);
  expect(readdirSync(pgliteDir(dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe.skipIf(!canMount)('a full disk (a real tmpfs)', () => {
  it('when a write finds no room: the error says where and how much, names no SQL or record; nothing is lost, and the next open recovers', async () => {
    const fs = mountTmpfs(120);
    if (!fs) throw new Error('tmpfs went away');
    try {
      const dataDir = await dataFolder(fs);
      const filler = join(fs, 'filler');
      await importIntoFullDisk(dataDir, () => {
        // Leave about 3 MB: the import needs far more.
        const df = spawnSync('df', ['-B1', '--output=avail', fs], { encoding: 'utf8' });
        writeFileSync(filler, Buffer.alloc(Math.max(0, Number(df.stdout.trim().split('\n')[1]) - 3 * 1024 * 1024)));
      }, () => rmSync(filler, { force: true }));
    } finally {
      unmount(fs);
    }
  }, 120_000);

  it('when the write-ahead log finds no room (PostgreSQL PANICs): later statements fail at once instead of hanging, and nothing committed is lost', async () => {
    const fs = mountTmpfs(120);
    if (!fs) throw new Error('tmpfs went away');
    try {
      const dataDir = await dataFolder(fs);
      const store = await openPgliteStore({ dir: pgliteDir(dataDir) });
      const db = store.pglite;
      // Rows written, deleted and vacuumed: the table's file keeps its size, so writing them again needs only room in the log.
      const round = `insert into filler select ${Array.from({ length: 40 }, () => 'md5(random()::text)').join(' || ')} from generate_series(1, 6000)`;
      await db.exec('create table filler (t text)');
      await db.query(round);
      const empty = async (): Promise<void> => {
        await db.exec('delete from filler');
        await db.exec('vacuum (truncate false) filler');
      };
      await empty();
      const df = spawnSync('df', ['-B1', '--output=avail', fs], { encoding: 'utf8' });
      writeFileSync(join(fs, 'filler'), Buffer.alloc(Math.max(0, Number(df.stdout.trim().split('\n')[1]) - 2 * 1024 * 1024)));
      let failure: unknown;
      for (let i = 0; i < 12 && failure === undefined; i++) {
        await db.query(round).then(empty).catch((error: unknown) => { failure = error; });
      }
      // The store's own client says it in words (a disk-full AppError), its cause PostgreSQL's PANIC.
      const panic = failure instanceof AppError ? failure.cause : failure;
      expect(failure instanceof AppError ? failure : undefined, 'the failure is the store\'s words or the raw PANIC').toSatisfy((e: unknown) => e === undefined || (e instanceof AppError && e.code === 'unavailable'));
      expect(panic).toMatchObject(failure instanceof AppError ? { code: '53100' } : { code: '53100', severity: 'PANIC' });
      const started = Date.now();
      const next = await store.ping().then(() => undefined, (error: unknown) => error);
      expect(next).toBeInstanceOf(AppError);
      expect(next).toMatchObject({ code: 'unavailable', fault: { kind: 'disk_full', folder: dataDir } });
      expect(Date.now() - started).toBeLessThan(1_000);
      await store.close();
      rmSync(join(fs, 'filler'));
      expect([...(await companies(dataDir)).values()]).toEqual(['Acme', 'Globex', 'Initech']);
    } finally {
      unmount(fs);
    }
  }, 120_000);

  it('with too little room to start: refused before the database opens, in words', async () => {
    const fs = mountTmpfs(100);
    if (!fs) throw new Error('tmpfs went away');
    try {
      const dataDir = await dataFolder(fs); // ≈ 40 MB of 100: less than the 64 MB a write needs
      const run = afterword(dataDir, ['add', 'application', '--company', 'Hooli', '--role', 'PM']);
      expect(await run.exited).toBe(1);
      expect(run.err()).toMatch(new RegExp(`^afterword: the disk that holds your records is full, so nothing was saved\\.\\n  Free at least 64 MB on the disk of ${dataDir} \\(\\d+ MB free now\\), then run the command again\\.\\n  Your records are as they were before this command\\.\\n$`));
      expect(existsSync(`${pgliteDir(dataDir)}.lock`)).toBe(false);
    } finally {
      unmount(fs);
    }
  }, 120_000);
});

/**
 * The file system runs out of room at the layer PGlite writes through: the only full disk there is
 * where no tmpfs can be mounted (no root, a container without the capability), and a second one
 * beside the real tmpfs elsewhere. PGlite's wasm file system writes with
 * node:fs's writeSync, so that function is wrapped for the import to throw ENOSPC, as the kernel
 * would, once 3 MB more were written; everything else is real.
 */
describe('a full disk (simulated at the file system layer, on every machine: where a tmpfs can be mounted too, and where it cannot)', () => {
  it('when a write finds no room: the error says where and how much, names no SQL or record; nothing is lost, and the next open recovers', async () => {
    const dataDir = await dataFolder();
    const original = nodeFs.writeSync;
    let budget = 3 * 1024 * 1024;
    await importIntoFullDisk(dataDir, () => {
      nodeFs.writeSync = ((fd: number, buffer: NodeJS.ArrayBufferView | string, ...rest: never[]) => {
        const size = typeof buffer === 'string' ? Buffer.byteLength(buffer) : buffer.byteLength;
        if (fd > 2 && (budget -= size) < 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        return (original as (...args: unknown[]) => number)(fd, buffer, ...rest);
      }) as typeof nodeFs.writeSync;
    }, () => { nodeFs.writeSync = original; });
  }, 120_000);
});

describe('a flipped byte in a copy of the data folder', () => {
  it('doctor reports the damage and names the restore command; that command restores the last backup, keeping the damaged database aside', async () => {
    const original = await dataFolder();
    // The applications table's file, found by asking the original, and a day's backup, as any command writes it.
    const store = await openPgliteStore({ dir: pgliteDir(original), minFreeBytes: 0 });
    const path = (await store.pglite.query<{ p: string }>(`select pg_relation_filepath('applications') as p`)).rows[0]?.p ?? '';
    const backupName = saveBackupFile(original, 'daily', await backup({ store, userId: LOCAL_USER.id }), Date.now()).name;
    await store.close();
    const copy = join(work, `copy-${n++}`);
    cpSync(original, copy, { recursive: true });
    const file = join(pgliteDir(copy), path);
    const bytes = readFileSync(file);
    bytes[8_100] = (bytes[8_100] ?? 0) ^ 0x20; // inside the page's rows
    writeFileSync(file, bytes);

    const doctor = afterword(copy, ['doctor']);
    expect(await doctor.exited).toBe(1);
    expect(doctor.out()).toContain('DAMAGED Database: part of your records cannot be read');
    expect(doctor.out()).toContain(`afterword backups restore ${backupName}`);
    const pipeline = afterword(copy, ['pipeline']);
    expect(await pipeline.exited).toBe(1);
    expect(pipeline.err()).toContain(`afterword: part of your records in ${copy} cannot be read: the database there is damaged.`);
    expect(pipeline.err()).toContain(`    afterword backups restore ${backupName}\n`);
    expect(pipeline.err()).not.toMatch(/select|invalid page|base\//);

    const restored = afterword(copy, ['backups', 'restore', backupName, '--yes']);
    expect(await restored.exited).toBe(0);
    expect(restored.out()).toMatch(/Restored 3 applications from the backup of .*\nThe damaged database is kept in .*pglite\.damaged-/);
    expect([...(await companies(copy)).values()]).toEqual(['Acme', 'Globex', 'Initech']);
  }, 180_000);
});

describe('a closed pipe', () => {
  it('pipeline --json | head: the output is cut, the command ends quietly with exit code 0', async () => {
    const dataDir = await dataFolder();
    // More output than a pipe holds, so the writes meet the closed end.
    const store = await openPgliteStore({ dir: pgliteDir(dataDir), minFreeBytes: 0 });
    await store.insertApplications(LOCAL_USER.id, Array.from({ length: 1_500 }, (_, i) => ({
      application: { id: `b${i}`, company: `Company ${i}`, role: 'Analyst', status: 'active' as const, individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {} },
      redFlags: [],
    })));
    await store.close();
    const shell = spawnSync('bash', ['-c', `set -o pipefail; node ${afterwordArgs().map((a) => `'${a}'`).join(' ')} --data-dir '${dataDir}' pipeline --json | head -c 10 > /dev/null`], { cwd: root, env: cleanEnv(), encoding: 'utf8' });
    expect(shell.stderr).toBe('');
    expect(shell.status).toBe(0);
  }, 60_000);
});
