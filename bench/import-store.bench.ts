/**
 * Speed and peak memory of importing a job tracker's CSV into the embedded database through the
 * real CLI process: `node dist/cli/bin.js import csv FILE --data-dir DIR`.
 *
 *   npm run build && npx tsx bench/import-store.bench.ts               10,000 to 300,000 rows
 *   npx tsx bench/import-store.bench.ts --sizes 1000,10000             any sizes
 *   npx tsx bench/import-store.bench.ts --write-csv 100000 FILE        only writes the file (to time or profile one import by hand)
 *
 * One data directory with a profile is made once (`afterword setup`, which runs initdb) and copied
 * for each size, so every import starts from the same fresh database. Each CSV is written to a file
 * under os.tmpdir() (streamed, never held in memory). The import is one process: its wall time
 * includes Node start-up and opening the database, so rows/s is also given with the start-up of a
 * command that opens the same database and does nothing (`pipeline`) taken off, and by CPU time
 * (user + system, from GNU time; on a shared machine wall time mostly measures the others). Peak RSS is the
 * import process's maximum resident set (GNU time's %M, else the highest VmHWM seen in /proc).
 * Prints a table only; nothing here asserts a time. Targets: ≥ 10,000 rows/s on a large file (a
 * small one is mostly start-up), and peak RSS that does not grow with the file: it starts from what
 * merely opening the database takes (PGlite's wasm memory) and levels off.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';
import { random } from './seeded.js';
import { measureNode, type Measured } from './measure.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const DEFAULT_SIZES = [10_000, 30_000, 100_000, 300_000];
const TARGET_ROWS_PER_S = 10_000;
const MB = 1024 * 1024;

function sizes(): number[] {
  const i = process.argv.indexOf('--sizes');
  if (i < 0) return DEFAULT_SIZES;
  const list = (process.argv[i + 1] ?? '').split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: whole numbers, e.g. --sizes 1000,10000');
  return list;
}

// ------------------------------------------------------------------ the file


const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Zoë & Ñúñez GmbH', 'Hooli', 'Vandelay Industries', 'Tyrell, Inc.'];
const ROLES = ['Data Analyst', 'Software Engineer', 'Product Manager', 'UX Designer', 'Ingeniera de datos', 'Nurse Practitioner'];
const STATUSES = ['Applied', 'Interviewing', 'Offer', 'Rejected', 'Ghosted', 'Withdrawn', ''];
const FIRST = ['Grace', 'Sam', 'Aiko', 'Chloé', 'Jürgen', 'Oluwaseun', 'Siobhán', 'José'];
const LAST = ['Okafor', 'Ruiz', 'Tanaka', 'O\u2019Brien', 'Müller', 'Ní Bhriain', 'van der Berg', 'Chen'];

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** `n` rows as trackers export them: mixed date styles, quoted commas and line breaks, an empty contact now and then. */
async function writeCsv(n: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const r = random(n);
  const pick = <T>(list: readonly T[]): T => {
    const value = list[Math.floor(r() * list.length)];
    if (value === undefined) throw new Error('empty list');
    return value;
  };
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('Company,Job Title,Status,Date applied,Contact,Contact email,Notes,URL,Salary\r\n');
  for (let i = 0; i < n; i++) {
    const d = 1 + Math.floor(r() * 28);
    const m = 1 + Math.floor(r() * 12);
    const date = r() < 0.6 ? `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${d}/${m}/2026`;
    const contact = r() < 0.8 ? `${pick(FIRST)} ${pick(LAST)}` : '';
    await write(`${[
      `${pick(COMPANIES)} ${i}`, pick(ROLES), pick(STATUSES), date, contact, contact ? `contact${i}@example.com` : '',
      r() < 0.3 ? `Recruiter said "two weeks", panel next,\nthen a take-home (${i % 7} hours)` : '',
      `https://jobs.example.com/${i}`, r() < 0.5 ? '€60,000–€70,000' : '',
    ].map(quote).join(',')}\r\n`);
  }
  out.end();
  await once(out, 'finish');
}

// ------------------------------------------------------------------ the processes

/** Runs `node args…` from the repository and measures it. */
const measure = (args: readonly string[]): Promise<Measured> => measureNode(args, { cwd: ROOT });

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first`);
  const work = mkdtempSync(join(tmpdir(), 'afterword-import-store-bench-'));
  try {
    const template = join(work, 'template');
    const setup = spawnSync(process.execPath, [BIN, 'setup', '--name', 'Jordan Lee', '--time-zone', 'Europe/London', '--region', 'GB-ENG', '--data-dir', template],
      { cwd: ROOT, env: childEnv(), encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}`);
    const startup: Measured[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await measure([BIN, 'pipeline', '--data-dir', template]);
      if (m.code !== 0) throw new Error(`pipeline failed: ${m.stderr}`);
      startup.push(m);
    }
    const baseline = median(startup.slice(1).map((m) => m.ms));
    const baselineRss = median(startup.slice(1).map((m) => m.peakRss));
    const baselineCpu = median(startup.slice(1).map((m) => m.cpuMs));

    const header = ['rows', 'CSV MB', 'seconds', 'rows/s', 'rows/s w/o start-up', 'CPU s', 'rows/CPU s w/o start-up', 'peak RSS MB', 'RSS from'];
    const body: string[][] = [];
    let rss = '';
    const results: { n: number; rowsPerS: number; peakRss: number; againRss: number }[] = [];
    const cpuCells = (m: Measured, n: number): string[] => [fmt(m.cpuMs / 1000, 2), fmt(n / Math.max(0.001, (m.cpuMs - baselineCpu) / 1000))];
    for (const n of sizes()) {
      const file = join(work, `tracker-${n}.csv`);
      const dataDir = join(work, `import-${n}`);
      await writeCsv(n, file);
      cpSync(template, dataDir, { recursive: true });
      const m = await measure([BIN, 'import', 'csv', file, '--date-order', 'dmy', '--data-dir', dataDir]);
      const rowsWord = `${n} row${n === 1 ? '' : 's'}`;
      if (m.code !== 0 || m.stdout.trim() !== `Imported ${rowsWord}: ${n} new, 0 updated, 0 unchanged.`) {
        throw new Error(`import of ${n} rows failed (exit ${String(m.code)}): ${m.stdout}${m.stderr.slice(0, 2000)}`);
      }
      const seconds = m.ms / 1000;
      body.push([fmt(n), fmt(statSync(file).size / MB, 1), fmt(seconds, 2), fmt(n / seconds), fmt(n / Math.max(0.001, seconds - baseline / 1000)),
        ...cpuCells(m, n), fmt(m.peakRss / MB), m.rssFrom]);
      // The same file again: every row matches one recorded and is left as it is.
      const again = await measure([BIN, 'import', 'csv', file, '--date-order', 'dmy', '--data-dir', dataDir]);
      if (again.code !== 0 || again.stdout.trim() !== `Imported ${rowsWord}: 0 new, 0 updated, ${n} unchanged.`) {
        throw new Error(`re-import of ${n} rows failed (exit ${String(again.code)}): ${again.stdout}${again.stderr.slice(0, 2000)}`);
      }
      const againSeconds = again.ms / 1000;
      body.push([`${fmt(n)} again`, fmt(statSync(file).size / MB, 1), fmt(againSeconds, 2), fmt(n / againSeconds),
        fmt(n / Math.max(0.001, againSeconds - baseline / 1000)), ...cpuCells(again, n), fmt(again.peakRss / MB), again.rssFrom]);
      rss = m.rssFrom;
      results.push({ n, rowsPerS: n / seconds, peakRss: m.peakRss, againRss: again.peakRss });
      rmSync(file);
      rmSync(dataDir, { recursive: true, force: true });
    }
    process.stdout.write(`import csv through the CLI into PGlite (bench/import-store.bench.ts; Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
    process.stdout.write(`  a command that only opens the same database (pipeline, median of 4): ${fmt(baseline)} ms (CPU ${fmt(baselineCpu)} ms), peak RSS ${fmt(baselineRss / MB)} MB; peak RSS from ${rss}\n`);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
    for (const r of [header, ...body]) process.stdout.write(`  ${r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}\n`);
    const largest = results.reduce((a, b) => (b.n > a.n ? b : a));
    const smallest = results.reduce((a, b) => (b.n < a.n ? b : a));
    process.stdout.write(`  target \u2265 ${fmt(TARGET_ROWS_PER_S)} rows/s (whole process, largest file): ${largest.rowsPerS >= TARGET_ROWS_PER_S ? 'met' : 'MISSED'} (${fmt(largest.rowsPerS)} rows/s at ${fmt(largest.n)} rows)\n`);
    process.stdout.write(`  peak RSS: ${fmt(smallest.peakRss / MB)} MB at ${fmt(smallest.n)} rows, ${fmt(largest.peakRss / MB)} MB at ${fmt(largest.n)} rows `
      + `(${fmt(largest.n / smallest.n)}\u00d7 the rows; highest ${fmt(Math.max(...results.map((r) => r.peakRss)) / MB)} MB); `
      + `re-import ${fmt(smallest.againRss / MB)} MB at ${fmt(smallest.n)} rows, ${fmt(largest.againRss / MB)} MB at ${fmt(largest.n)} rows\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const writeOnly = process.argv.indexOf('--write-csv');
if (writeOnly >= 0) {
  const n = Number(process.argv[writeOnly + 1]);
  const file = process.argv[writeOnly + 2];
  if (!Number.isInteger(n) || n <= 0 || file === undefined) throw new Error('--write-csv: a number of rows and a file, e.g. --write-csv 100000 /tmp/tracker.csv');
  await writeCsv(n, file);
} else {
  await main();
}
