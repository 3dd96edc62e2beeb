/** Runs the CLI in-process with captured output, for tests. */
import { readFileSync } from 'node:fs';
import { LOCAL_USER } from '../app/ports.js';
import { createTimeRules } from '../core/time.js';
import type { Deps } from '../deps.js';
import { freshPgliteStore } from '../store/testing.js';
import type { CliIo } from './io.js';
import { runCli } from './main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(argv: readonly string[], options: { now?: number; files?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readFile: (path) => options.files?.[path] ?? readFileSync(path, 'utf8'),
    now: () => options.now ?? Date.UTC(2026, 2, 4, 14),
  });
  return { code, stdout, stderr };
}

/** A real, migrated in-memory database with the local user, for CLI tests. */
export async function memoryDeps(): Promise<Deps> {
  const store = await freshPgliteStore();
  await store.ensureUser(LOCAL_USER);
  return { store, time: createTimeRules(), clock: { now: () => Date.now() } };
}

/** Runs the CLI against `deps` at a fixed instant; files it writes land in `written` (and are read back from it). */
export function cliWith(deps: Deps, nowIso: string, written: Record<string, string | Uint8Array> = {}): (argv: readonly string[]) => Promise<CliRun> {
  const now = Date.parse(nowIso);
  return async (argv) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (t) => { stdout += t; },
      stderr: (t) => { stderr += t; },
      readFile: (path) => {
        const file = written[path];
        return file === undefined ? readFileSync(path, 'utf8') : typeof file === 'string' ? file : Buffer.from(file).toString('utf8');
      },
      writeFile: (path, data) => { written[path] = data; },
      now: () => now,
      deps,
    });
    return { code, stdout, stderr };
  };
}

/** A fake terminal: files from a map (others missing), output collected, the clock fixed at Tue 2026-03-03 15:00 New York. */
export function fakeIo(files: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => { io.out += t; },
    stderr: (t: string) => { io.err += t; },
    readFile: (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    now: () => Date.parse('2026-03-03T20:00:00Z'), // Tue 2026-03-03 15:00 in New York
  };
  return io;
}
