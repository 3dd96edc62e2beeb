/**
 * One process at a time on an embedded database: a second open is refused with who holds it; a
 * lock left by a process that is gone is taken over.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { LOCAL_USER } from '../app/ports.js';
import { lockDataDir, lockState, processStart, takeoverWords, type Takeover } from './data-lock.js';
import { openPgliteStore } from './pglite.js';
import { freshPgliteStore } from './testing.js';

const root = mkdtempSync(join(tmpdir(), 'afterword-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh database folder's path (its parent exists). */
const folder = (): string => {
  const parent = join(root, `data-${n++}`);
  mkdirSync(parent, { recursive: true });
  return join(parent, 'pglite');
};

const refusal = async (fn: () => unknown): Promise<AppError> => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const plant = (dir: string, lock: Record<string, unknown>): void => writeFileSync(`${dir}.lock`, JSON.stringify(lock));
const holder = (dir: string): unknown => JSON.parse(readFileSync(`${dir}.lock`, 'utf8'));

describe('the embedded database lock', () => {
  it('refuses a second holder, naming the process and what to do, until the first releases', async () => {
    const dir = folder();
    const first = await lockDataDir(dir, { command: 'serve', waitMs: 0 });
    const error = await refusal(() => lockDataDir(dir, { command: 'today', waitMs: 0 }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(new RegExp(`^the records in ${dir} are open in another Afterword process \\(pid ${process.pid}: afterword serve, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\); `
      + 'stop it first \\(Ctrl-C in its terminal\\), or use the web app it serves while it runs$'));
    first.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const second = await lockDataDir(dir, { command: 'today', waitMs: 0 });
    expect(holder(dir)).toMatchObject({ pid: process.pid, host: hostname(), command: 'afterword today' });
    second.release();
  });

  it('refuses while the process named in the lock lives (proven by its start time), and takes the lock over once it is gone, saying so', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    try {
      plant(dir, { pid, host: hostname(), since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'theirs', started: processStart(pid) });
      const error = await refusal(() => lockDataDir(dir, { waitMs: 0 }));
      expect(error.message).toContain(`(pid ${pid}: afterword serve, since 2026-03-02 09:00 UTC); stop it first`);
      expect(lockState(dir)).toMatchObject({ state: 'held', pid, proven: true });
    } finally {
      child.kill();
      await once(child, 'exit');
    }
    const told: Takeover[] = [];
    const taken = await lockDataDir(dir, { command: 'today', waitMs: 0, onTakeover: (t) => told.push(t) });
    expect(holder(dir)).toMatchObject({ pid: process.pid, command: 'afterword today' });
    expect(told).toEqual([{ pid, command: 'afterword serve', since: '2026-03-02T09:00:00.000Z', why: 'gone' }]);
    expect(takeoverWords('/data', told[0] as Takeover)).toBe(`Took over the records in /data: they were still locked by process ${pid} (afterword serve, since 2026-03-02 09:00 UTC), which is no longer running.`);
    taken.release();
  });

  it('takes over a lock whose pid now belongs to an unrelated process (another start time), never calling that process Afterword', async () => {
    const dir = folder();
    // A live process that is not Afterword: the lock's start time is not its own.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const pid = other.pid ?? 0;
    try {
      plant(dir, { pid, host: hostname(), since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'theirs', started: `${processStart(pid).split('/')[0]}/1` });
      expect(lockState(dir)).toMatchObject({ state: 'stale', why: 'pid-reused' });
      const told: Takeover[] = [];
      const taken = await lockDataDir(dir, { command: 'today', waitMs: 0, onTakeover: (t) => told.push(t) });
      expect(told.map((t) => t.why)).toEqual(['pid-reused']);
      expect(takeoverWords('/data', { pid, command: 'afterword serve', since: '', why: 'pid-reused' })).toContain('no longer running (its process number now belongs to another program)');
      taken.release();
      // A lock without a start time (written where it cannot be read): a live pid is believed, but not named as Afterword.
      plant(dir, { pid, host: hostname(), since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'theirs' });
      const error = await refusal(() => lockDataDir(dir, { waitMs: 0 }));
      expect(error.message).toBe(`the records in ${dir} are locked by process ${pid} (the lock says "afterword serve", since 2026-03-02 09:00 UTC); `
        + `if that process is Afterword, stop it first; if it is not (no Afterword is running), delete ${dir}.lock`);
    } finally {
      other.kill();
      await once(other, 'exit');
    }
  });

  it('waits for a holder that is stopping: once it is gone, the lock is taken without a refusal', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { stdio: 'ignore' });
    plant(dir, { pid: child.pid, host: hostname(), since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'theirs' });
    const exited = once(child, 'exit');
    const lock = await lockDataDir(dir, { command: 'today', waitMs: 10_000 });
    await exited;
    expect(holder(dir)).toMatchObject({ pid: process.pid, command: 'afterword today' });
    lock.release();
  });

  it('takes over a lock naming this very process that it does not hold (a container restarted with the same pid), and an unreadable one', async () => {
    const dir = folder();
    plant(dir, { pid: process.pid, host: hostname(), since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'before-the-restart' });
    (await lockDataDir(dir, { waitMs: 0 })).release();
    writeFileSync(`${dir}.lock`, '{"pid": 12');
    const lock = await lockDataDir(dir, { waitMs: 0 });
    expect(holder(dir)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('refuses a lock from another machine, which it cannot check, saying which file to delete', async () => {
    const dir = folder();
    plant(dir, { pid: 4242, host: 'laptop.example', since: '2026-03-02T09:00:00.000Z', command: 'afterword serve', token: 'theirs' });
    const error = await refusal(() => lockDataDir(dir, { waitMs: 0 }));
    expect(error.message).toContain('(pid 4242 on laptop.example: afterword serve, since 2026-03-02 09:00 UTC); stop it there; '
      + `if no Afterword runs there any more, delete ${dir}.lock`);
    expect(holder(dir)).toMatchObject({ host: 'laptop.example', token: 'theirs' });
  });

  it('leaves alone, on release, a lock that another process has taken since', async () => {
    const dir = folder();
    const lock = await lockDataDir(dir, { waitMs: 0 });
    plant(dir, { pid: 4242, host: 'laptop.example', since: '', command: '', token: 'theirs' });
    lock.release();
    expect(holder(dir)).toMatchObject({ token: 'theirs' });
  });

  it('keeps a second store off the folder while the first is open; the first one\'s records stay whole', async () => {
    const dir = folder();
    const first = await freshPgliteStore({ dir });
    try {
      await first.ensureUser(LOCAL_USER);
      const error = await refusal(() => openPgliteStore({ dir }));
      expect(error.code).toBe('conflict');
      expect(await first.getUser(LOCAL_USER.id)).toStrictEqual(LOCAL_USER);
    } finally {
      await first.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const second = await openPgliteStore({ dir });
    try {
      expect(await second.getUser(LOCAL_USER.id)).toStrictEqual(LOCAL_USER);
    } finally {
      await second.close();
    }
    // Two databases opened on a folder: 4 s on a quiet 2-core machine, 30 s seen at a load of 11.
  }, 90_000);
});
