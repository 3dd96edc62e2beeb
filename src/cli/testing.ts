/** Runs the CLI in-process with captured output, for tests. */
import { readFileSync } from 'node:fs';
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
