/** Runs the CLI in-process with captured output, for tests. */
import { readFileSync } from 'node:fs';
import { LOCAL_USER } from '../app/ports.js';
import { createTimeRules } from '../core/time.js';
import type { Deps } from '../deps.js';
import { openPgliteStore } from '../store/pglite.js';
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
  const store = await openPgliteStore();
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
