/**
 * Speed and memory of `importApplications` on generated job-tracker CSVs.
 *
 *   npx tsx bench/import.bench.ts                    10,000 and 100,000 rows
 *   npx tsx bench/import.bench.ts --sizes 1000000    any sizes
 *
 * Each size is written to a file under os.tmpdir() by one process (streamed, never held in
 * memory) and imported from a file stream by a fresh one, so that process's peak RSS is the
 * import's alone. The CSV streams: peak RSS should stay flat as the file grows.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importApplications } from '../src/app/exchange/import/index.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = dirname(dirname(SELF));
const MB = 1024 * 1024;
const DEFAULT_SIZES = [10_000, 100_000];

const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Zoë & Ñúñez GmbH', 'Stark Industries', 'Wayne Enterprises', 'Hooli'];
const ROLES = ['Data Analyst', 'Software Engineer', 'Product Manager', 'Designer', 'Ingeniera de datos'];
const STATUSES = ['Applied', 'Interviewing', 'Offer', 'Rejected', 'Ghosted', 'Withdrawn', ''];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], r: () => number): T {
  const value = list[Math.floor(r() * list.length)];
  if (value === undefined) throw new Error('empty list');
  return value;
}

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Writes `n` data rows (plus the header) the way a tracker exports them: mixed date styles, quoted notes. */
async function generate(n: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const r = random(n);
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('Company,Position,Status,Date applied,Contact,Contact email,Notes,URL,Salary\r\n');
  for (let i = 0; i < n; i++) {
    const d = 1 + Math.floor(r() * 28);
    const m = 1 + Math.floor(r() * 12);
    const date = r() < 0.5 ? `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${d}/${m}/2026`;
    const notes = r() < 0.3 ? `Spoke with "the team", next step: take-home\nround ${i % 5}` : '';
    await write([
      `${pick(COMPANIES, r)} ${i}`, pick(ROLES, r), pick(STATUSES, r), date, `Person ${i}`, `person${i}@example.com`,
      notes, `https://jobs.example.com/${i}`, r() < 0.5 ? '€60,000–€70,000' : '',
    ].map(quote).join(',') + '\r\n');
  }
  out.end();
  await once(out, 'finish');
}

interface Measurement {
  readonly n: number;
  readonly bytes: number;
  readonly ms: number;
  readonly records: number;
  readonly errors: number;
  readonly batches: number;
  readonly progressCalls: number;
  readonly maxRss: number;
  readonly heapUsed: number;
}

async function measure(n: number, file: string): Promise<void> {
  const bytes = statSync(file).size;
  let records = 0;
  let errors = 0;
  let batches = 0;
  let progressCalls = 0;
  let n0 = 0;
  const t0 = performance.now();
  const run = importApplications(createReadStream(file, { highWaterMark: 64 * 1024 }), {
    dateOrder: 'dmy', totalBytes: bytes, newId: () => `id${++n0}`,
    onProgress: () => {
      progressCalls++;
    },
  });
  for await (const batch of run) {
    batches++;
    records += batch.records.length;
    errors += batch.errors.length;
  }
  const ms = performance.now() - t0;
  const m: Measurement = {
    n, bytes, ms, records, errors, batches, progressCalls,
    maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: process.memoryUsage().heapUsed,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function child(args: readonly string[]): string {
  const res = spawnSync(process.execPath, ['--import', 'tsx', SELF, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * MB,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`child ${args.join(' ')} exited with ${String(res.status)}`);
  return res.stdout;
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === '--generate' && a && b) return generate(Number(a), b);
  if (mode === '--measure' && a && b) return measure(Number(a), b);

  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? (process.argv[sizesArg + 1] ?? '').split(',').map(Number).filter((x) => x > 0) : DEFAULT_SIZES;
  const dir = mkdtempSync(join(tmpdir(), 'afterword-import-bench-'));
  const rows: Measurement[] = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `applications-${n}.csv`);
      child(['--generate', String(n), file]);
      const line = child(['--measure', String(n), file]).trim().split('\n').pop() ?? '';
      rows.push(JSON.parse(line) as Measurement);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['rows', 'CSV MB', 'seconds', 'rows/s', 'MB/s', 'records', 'errors', 'batches', 'progress calls', 'peak RSS MB', 'heap MB at end'];
  const body = rows.map((m) => [
    fmt(m.n), fmt(m.bytes / MB, 1), fmt(m.ms / 1000, 2), fmt(m.n / (m.ms / 1000)), fmt(m.bytes / MB / (m.ms / 1000), 1),
    fmt(m.records), fmt(m.errors), fmt(m.batches), fmt(m.progressCalls), fmt(m.maxRss / MB), fmt(m.heapUsed / MB, 1),
  ]);
  process.stdout.write(`import (CSV, streamed; Node ${process.version})\n`);
  for (const r of [header, ...body]) process.stdout.write(`${r.map((c, i) => c.padStart(Math.max(header[i]?.length ?? 0, 10))).join('  ')}\n`);
}

await main();
