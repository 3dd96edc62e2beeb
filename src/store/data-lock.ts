/**
 * One process at a time on an embedded database. PGlite keeps the database in its process's memory
 * and writes the files when it likes: a second process on the same folder reads what the first has
 * not written yet, and its writes overwrite the first one's. So opening takes `<folder>.lock`,
 * created exclusively, naming the process; it is removed on close.
 *
 * A lock left by a process that is gone (it crashed, or was killed) is taken over: on the same
 * machine a lock whose process no longer exists is stale, and so is one naming this very process
 * that this process does not hold (a container restarted with the same pid). A lock from another
 * machine (a shared folder) cannot be checked and is refused, saying which file to delete.
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
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return undefined;
    return { pid: v.pid, host: v.host, since: String(v.since ?? ''), command: String(v.command ?? ''), token: String(v.token ?? '') };
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    // Unreadable or half-written (a crash while writing it): nobody can be holding it that way.
    return { pid: -1, host: hostname(), since: '', command: '', token: '' };
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

function stale(path: string, lock: LockFile): boolean {
  if (lock.host !== hostname()) return false;
  if (lock.pid === process.pid) return !held.has(path);
  return !alive(lock.pid);
}

export interface LockOptions {
  /** What the process is doing, for another's message (default: its command's words, `serve`). */
  readonly command?: string;
  /** How long to wait for a live holder to let go (a server stopping) before refusing; default 2,000 ms. */
  readonly waitMs?: number;
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
    throw error;
  }
}

function remove(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* another process removed it first */ }
}

/** The refusal: who holds the folder, and what to do. */
function refusal(folder: string, path: string, other: LockFile | undefined): AppError {
  const who = other ? `pid ${other.pid}${other.host !== hostname() ? ` on ${other.host}` : ''}${other.command ? `: ${other.command}` : ''}${other.since ? `, since ${other.since.slice(0, 16).replace('T', ' ')} UTC` : ''}` : 'unknown';
  const fix = other && other.host !== hostname()
    ? `stop it there; if no Afterword runs there any more, delete ${path}`
    : 'stop it first (Ctrl-C in its terminal), or use the web app it serves while it runs';
  return new AppError('conflict', `the records in ${folder} are open in another Afterword process (${who}); ${fix}`);
}

/** Takes `<folder>.lock` for `folder`, or throws a `conflict` naming the process that holds it. */
export async function lockDataDir(folder: string, options: LockOptions = {}): Promise<DataDirLock> {
  const command = options.command ?? commandWords(process.argv.slice(2));
  const deadline = performance.now() + (options.waitMs ?? 2_000);
  const path = `${folder}.lock`;
  const mine: LockFile = {
    pid: process.pid, host: hostname(), since: new Date().toISOString(), command: `afterword ${command}`.trim(), token: randomBytes(8).toString('hex'),
  };
  // Takeovers in a row of a lock that is gone or stale (a racing taker wins once); a wait starts the count again.
  let takeovers = 0;
  while (!create(path, mine)) {
    const other = readLock(path);
    if ((!other || stale(path, other)) && takeovers < 3) {
      takeovers++;
      if (other) remove(path);
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
