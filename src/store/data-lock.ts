/**
 * One process at a time on an embedded database. PGlite keeps the database in its process's memory
 * and writes the files when it likes: a second process on the same folder reads what the first has
 * not written yet, and its writes overwrite the first one's. So opening takes `<folder>.lock`,
 * created exclusively, naming the process; it is removed on close.
 *
 * The lock proves its holder: beside the pid it keeps when that process started (Linux: its start
 * time from /proc/<pid>/stat and the boot it belongs to). A lock left by a process that is gone (it
 * crashed, or was killed) is stale and taken over, with a notice: its process no longer exists,
 * or the pid now belongs to another process (started at another time, or since a reboot), or it
 * names this very process, which does not hold it (a container restarted with the same pid).
 * Where the start time cannot be read (macOS, Windows), a live pid is believed, and the message
 * says how to tell. A lock from another machine (a shared folder) cannot be checked and is
 * refused, saying which file to delete.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../app/errors.js';

interface LockFile {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly command: string;
  readonly token: string;
  /** The holder's start, `<boot id>/<clock ticks since boot>` (Linux); empty where it cannot be read. */
  readonly started: string;
}

/** A stale lock that was taken over: whose it was and why it was stale. */
export interface Takeover {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
  readonly why: 'gone' | 'pid-reused' | 'unreadable' | 'same-pid';
}

export interface DataDirLock {
  /** Removes the lock file when it is still this one's. */
  release(): void;
}

/**
 * Locks this process holds, by path: a process-wide fact, like its open files, that tells its own
 * stale locks (same pid, not held) from a second open in the same process.
 */
const held = new Set<string>();

function readLock(path: string): LockFile | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Partial<LockFile>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') throw new Error('not a lock');
    return {
      pid: v.pid, host: v.host, since: String(v.since ?? ''), command: String(v.command ?? ''), token: String(v.token ?? ''), started: String(v.started ?? ''),
    };
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    // Unreadable or half-written (a crash while writing it): nobody can be holding it that way.
    return { pid: -1, host: hostname(), since: '', command: '', token: '', started: '' };
  }
}

let bootId: string | undefined;

/** When process `pid` started, as `<boot id>/<ticks since boot>`; empty where /proc cannot tell (not Linux, or gone). */
export function processStart(pid: number): string {
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22, starttime
    return ticks !== undefined && /^\d+$/.test(ticks) ? `${bootId}/${ticks}` : '';
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
  // A process that has exited but is not yet reaped still answers (Linux shows it as Z).
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Why `lock` is stale, or undefined when its holder may be running. */
function staleness(path: string, lock: LockFile): Takeover['why'] | undefined {
  if (lock.host !== hostname()) return undefined;
  if (lock.pid === -1) return 'unreadable';
  if (lock.pid === process.pid) return held.has(path) ? undefined : 'same-pid';
  if (!alive(lock.pid)) return 'gone';
  // Alive: the holder only if it started when the lock says (a pid is reused by unrelated processes).
  if (lock.started !== '') {
    const now = processStart(lock.pid);
    if (now !== '' && now !== lock.started) return 'pid-reused';
  }
  return undefined;
}

export interface LockOptions {
  /** What the process is doing, for another's message (default: its command's words, `serve`). */
  readonly command?: string;
  /** How long to wait for a live holder to let go (a server stopping) before refusing; default 2,000 ms. */
  readonly waitMs?: number;
  /** Told when a stale lock is taken over. */
  readonly onTakeover?: (takeover: Takeover) => void;
}

const POLL_MS = 100;

/** `serve`, `add application`: the words before the first option, at most two. */
function commandWords(args: readonly string[]): string {
  const words: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') || words.length === 2) break;
    words.push(a);
  }
  return words.join(' ');
}

/** Creates the lock file, unless one exists (`false`). */
function create(path: string, lock: LockFile): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(lock)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    // A full disk can leave the file created but empty: it must not stand as someone's lock.
    if (error instanceof Error && 'code' in error && error.code !== 'EACCES') remove(path);
    throw error;
  }
}

function remove(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* another process removed it first */ }
}

const sinceWords = (since: string): string => (since ? `, since ${since.slice(0, 16).replace('T', ' ')} UTC` : '');

/**
 * The refusal: who holds the folder, and what to do. The command is named as the holder's own only
 * when it is proven (same machine, same start time); otherwise it is what the lock says.
 */
function refusal(folder: string, path: string, other: LockFile | undefined): AppError {
  if (!other) return new AppError({ reason: 'records.open_elsewhere', params: { folder } });
  const command = other.command || 'afterword';
  if (other.host !== hostname()) {
    return new AppError({ reason: 'records.open_on_host', params: { folder, pid: other.pid, host: other.host, command, since: sinceWords(other.since), lockFile: path } });
  }
  const proven = other.started !== '' && processStart(other.pid) === other.started;
  if (proven) {
    return new AppError({ reason: 'records.open_here', params: { folder, pid: other.pid, command, since: sinceWords(other.since), serving: /\bserve\b/.test(command) } });
  }
  // This system cannot say when a process started: the pid is alive, but may not be Afterword's.
  return new AppError({ reason: 'records.locked_by_process', params: { folder, pid: other.pid, command, since: sinceWords(other.since), lockFile: path } });
}

/** Who holds the lock on `folder` now, without taking it: nobody, a process that may be running, or a stale lock. */
export type LockState =
  | { readonly state: 'free' }
  | { readonly state: 'held'; readonly pid: number; readonly command: string; readonly since: string; readonly host: string; readonly proven: boolean }
  | { readonly state: 'stale'; readonly pid: number; readonly command: string; readonly since: string; readonly why: Takeover['why'] };

export function lockState(folder: string): LockState {
  const path = `${folder}.lock`;
  const lock = readLock(path);
  if (!lock) return { state: 'free' };
  const why = staleness(path, lock);
  if (why) return { state: 'stale', pid: lock.pid, command: lock.command, since: lock.since, why };
  return { state: 'held', pid: lock.pid, command: lock.command, since: lock.since, host: lock.host, proven: lock.started !== '' && processStart(lock.pid) === lock.started };
}

/** A takeover in words, for the command's output. */
export function takeoverWords(folder: string, t: Takeover): string {
  const whose = t.pid > 0 ? `process ${t.pid}${t.command ? ` (${t.command}${sinceWords(t.since)})` : ''}` : 'a process';
  const why = {
    gone: `${whose}, which is no longer running`,
    'pid-reused': `${whose}, which is no longer running (its process number now belongs to another program)`,
    unreadable: 'a lock file that could not be read (written when a process crashed)',
    'same-pid': `an earlier run with this process number (${t.pid}), which is no longer running`,
  }[t.why];
  return `Took over the records in ${folder}: they were still locked by ${why}.`;
}

/** Takes `<folder>.lock` for `folder`, or throws a `conflict` naming the process that holds it. */
export async function lockDataDir(folder: string, options: LockOptions = {}): Promise<DataDirLock> {
  const command = options.command ?? commandWords(process.argv.slice(2));
  const deadline = performance.now() + (options.waitMs ?? 2_000);
  const path = `${folder}.lock`;
  const mine: LockFile = {
    pid: process.pid, host: hostname(), since: new Date().toISOString(), command: `afterword ${command}`.trim(), token: randomBytes(8).toString('hex'),
    started: processStart(process.pid),
  };
  // Takeovers in a row of a lock that is gone or stale (a racing taker wins once); a wait starts the count again.
  let takeovers = 0;
  while (!create(path, mine)) {
    const other = readLock(path);
    const why = other ? staleness(path, other) : undefined;
    if ((!other || why) && takeovers < 3) {
      takeovers++;
      if (other && why) {
        remove(path);
        options.onTakeover?.({ pid: other.pid, command: other.command, since: other.since, why });
      }
      continue;
    }
    if (performance.now() >= deadline) throw refusal(folder, path, other);
    takeovers = 0;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  held.add(path);
  return {
    release() {
      if (!held.delete(path)) return;
      if (readLock(path)?.token === mine.token) remove(path);
    },
  };
}
