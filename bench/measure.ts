/** Measures a `node …` process a bench starts: wall time, CPU and peak resident memory. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { childEnv } from './child-env.js';

const GNU_TIME = '/usr/bin/time';

export interface Measured {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set in bytes. */
  readonly peakRss: number;
  /** The process's user + system CPU time (GNU time), NaN without it: on a shared machine wall time mostly measures the others. */
  readonly cpuMs: number;
  readonly rssFrom: 'GNU time' | '/proc VmHWM';
}

function vmHwm(pid: number): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `node args…` in `cwd` under GNU time (else polling /proc for VmHWM), with `input` on stdin if given. */
export async function measureNode(args: readonly string[], options: { cwd: string; input?: string }): Promise<Measured> {
  const viaTime = existsSync(GNU_TIME);
  const report = viaTime ? join(mkdtempSync(join(tmpdir(), 'afterword-time-')), 'out') : '';
  const [cmd, argv] = viaTime ? [GNU_TIME, ['-o', report, '-f', '%M %U %S', process.execPath, ...args]] : [process.execPath, [...args]];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: childEnv(), stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (options.input !== undefined) child.stdin?.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => { stdout += t; });
  child.stderr?.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
  let polled = 0;
  const poll = viaTime ? undefined : setInterval(() => { if (child.pid !== undefined) polled = Math.max(polled, vmHwm(child.pid)); }, 10);
  const [code] = (await once(child, 'close')) as [number | null];
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  let peakRss = polled;
  let cpuMs = Number.NaN;
  if (viaTime) {
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    const [kb, user, system] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
    peakRss = (kb ?? Number.NaN) * 1024;
    cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
    rmSync(dirname(report), { recursive: true, force: true });
  }
  return { ms, code, stdout, stderr, peakRss, cpuMs, rssFrom: viaTime ? 'GNU time' : '/proc VmHWM' };
}
