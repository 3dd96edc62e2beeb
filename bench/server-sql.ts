/**
 * "The bare query" of bench/server.bench.ts: the SQL the agenda endpoint sends for one seeker,
 * recorded as node-postgres sends it, then run by psql with nothing around it.
 *
 * Recording: `pg.Client.prototype.query` is wrapped while the agenda use case and the session
 * lookup run once in this process on the bench's own store; each statement is labelled with the
 * store method that sent it. Replaying: the parameters are written into the text as quoted
 * literals (untyped, like the parameters pg sends), and psql runs every statement `warm + runs`
 * times in one session over the same TCP loopback connection the server uses, output discarded,
 * timed by `\timing` (from sending a statement to having its whole result: round trip, parse, plan,
 * execute; no result printing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { Store } from '../src/app/ports.js';

export interface Statement {
  /** The store method that sent it (`findSession`, `agendaRecords`, …). */
  readonly phase: string;
  readonly text: string;
  readonly values: readonly unknown[];
}

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Runs `fn` with every statement sent through `pgModule`'s clients recorded. `label` is called by
 * the wrapped store below to name the method in progress. Run nothing else concurrently.
 */
export async function recordStatements(pgModule: typeof pg, fn: (label: (phase: string) => void) => Promise<void>): Promise<Statement[]> {
  const proto = pgModule.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const out: Statement[] = [];
  let phase = '';
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    const [first, second] = args;
    if (typeof first === 'string') out.push({ phase, text: first, values: Array.isArray(second) ? second : [] });
    else if (typeof first === 'object' && first !== null) {
      const text: unknown = Reflect.get(first, 'text');
      // drizzle sends `query({ text, rowMode, types }, params)`; pg also takes `query({ text, values })`.
      const values: unknown = Array.isArray(second) ? second : Reflect.get(first, 'values');
      if (typeof text === 'string') out.push({ phase, text, values: Array.isArray(values) ? values : [] });
    }
    return original.apply(this, args);
  };
  try {
    await fn((p) => { phase = p; });
  } finally {
    proto.query = original;
  }
  // The pool's per-connection setting is not part of any request.
  return out.filter((s) => !/^set datestyle/i.test(s.text));
}

/** The store with each method call labelled (the calls the store makes inside stay in that label). */
export function labelled(store: Store, label: (phase: string) => void): Store {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        label(String(key));
        return Reflect.apply(value as QueryFn, target, args);
      };
    },
  });
}

function literal(value: unknown): string {
  // As pg's prepareValue sends them: text, with arrays as PostgreSQL array literals (not expected here).
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return literal(value.toISOString());
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `'${String(value)}'`;
  if (Array.isArray(value)) throw new Error('an array parameter: not expected from these queries');
  return literal(JSON.stringify(value));
}

/** The statement with its parameters written in. */
export function inline(s: Statement): string {
  return s.text.replace(/\$(\d+)/g, (_, n: string) => literal(s.values[Number(n) - 1]));
}

/**
 * Runs `statements` `warm + runs` times through psql, back to back; returns, per measured run, the
 * time of each statement (ms, in order).
 */
export function timeWithPsql(url: string, statements: readonly Statement[], warm: number, runs: number): number[][] {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-server-bench-sql-'));
  try {
    const once = statements.map((s) => `${inline(s)};`).join('\n');
    const file = join(dir, 'bare.sql');
    writeFileSync(file, ['\\set ON_ERROR_STOP on', '\\o /dev/null', '\\timing on', ...Array.from({ length: warm + runs }, () => once), ''].join('\n'));
    const res = spawnSync('psql', ['-X', '-q', '-d', url, '-f', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (res.error) throw new Error(`psql: ${res.error.message} (is it installed?)`);
    if (res.status !== 0) throw new Error(`psql exited with ${String(res.status)}: ${res.stderr.slice(0, 2000)}`);
    const times = [...res.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
    const expected = statements.length * (warm + runs);
    if (times.length !== expected) throw new Error(`psql printed ${times.length} timings, expected ${expected}: ${res.stdout.slice(0, 500)}`);
    const perRun: number[][] = [];
    for (let r = warm; r < warm + runs; r++) perRun.push(times.slice(r * statements.length, (r + 1) * statements.length));
    return perRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one statement through psql `\watch`, which waits `pauseMs` after each run (psql idle, the
 * server's backend idle: as a connection between a person's requests), until `warm + runs` runs or
 * `deadlineMs`, whichever comes first; the measured runs' times (ms). Without blocking this
 * process, so it can run during the load.
 */
export async function paceWithPsql(url: string, statement: Statement, pauseMs: number, warm: number, runs: number, deadlineMs = Infinity): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-server-bench-sql-'));
  try {
    const file = join(dir, 'paced.sql');
    writeFileSync(file, ['\\o /dev/null', '\\timing on', inline(statement), `\\watch ${pauseMs / 1000}`, ''].join('\n'));
    const child = spawn('psql', ['-X', '-q', '-d', url, '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const times: number[] = [];
    let partial = '';
    let err = '';
    const stop = (): void => { if (child.exitCode === null) child.kill('SIGINT'); };
    const deadline = Number.isFinite(deadlineMs) ? setTimeout(stop, deadlineMs) : undefined;
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^Time: ([\d.]+) ms/.exec(line);
        if (m) times.push(Number(m[1]));
      }
      if (times.length >= warm + runs) stop();
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => { err += t; });
    await new Promise<void>((resolve, reject) => {
      child.once('error', (e) => reject(new Error(`psql: ${e.message} (is it installed?)`)));
      child.once('close', () => resolve());
    });
    clearTimeout(deadline);
    if (times.length <= warm) throw new Error(`psql \\watch gave ${times.length} timings: ${err.slice(0, 2000)}`);
    return times.slice(warm, warm + runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The statements as the report shows them: one line each, parameters written in, long lists cut. */
export function describe(statements: readonly Statement[]): string[] {
  return statements.map((s) => {
    const sql = inline(s).replace(/\s+/g, ' ');
    return `[${s.phase}] ${sql.length > 160 ? `${sql.slice(0, 157)}…` : sql}`;
  });
}
