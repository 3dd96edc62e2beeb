/**
 * The web UI's budgets, measured as a user meets them:
 *
 *  1. initial JavaScript ≤ 200 kB gzipped: what dist/web/index.html loads before the first paint
 *     (bench/web-bundle.ts), with the lazy chunks listed;
 *  2. Today interactive (≤ 0.8 s with 1,000 applications, ≤ 2 s with 10,000): the real server
 *     (`startServer`) over an in-memory PGlite seeded by bench/web-seed.ts, headless Chromium
 *     signed in; from navigation start (the page's `performance.now()` origin) to the first Today
 *     item's button in the page (React attaches its handlers when it commits, so it answers a click
 *     from then on), polled at every animation frame;
 *  3. opening an application ≤ 150 ms: from clicking an application's link on Today (client-side
 *     navigation) to its page showing, i.e. `[data-testid="application-page"]` or the `h1` with the
 *     company's name (whatever the Application page renders, without its "Loading…" state);
 *  4. Pipeline first card (≤ 1.0 s with 1,000 applications, ≤ 2 s with 10,000): navigation start
 *     → the first `.board-card` in the page; and the board's requests (every `/api/board…` the page
 *     made), as JSON and as sent (`encodedBodySize`: compressed when the server compresses) ≤ 50 kB;
 *  5. search ≤ 200 ms with 10,000 applications: on the Pipeline page, from typing a company's name
 *     in the search box to the board showing that search's cards (`.board[data-shown-query]`); and
 *     the search request alone. Pages without a search box say "n/a".
 *
 * Each size gets a fresh record. Medians of `--runs` runs after one warm-up (the browser's cache as
 * a returning user has it); the first, cold run is shown too. Prints tables only; nothing here
 * asserts a time.
 *
 *   npm run bench -- web
 *   npm run bench -- web -- --sizes 1000,10000 --runs 5 --no-build
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { LOCAL_USER } from '../src/app/ports.js';
import type { AppDeps } from '../src/app/records.js';
import type { Deps } from '../src/deps.js';
import { startServer } from '../src/server/serve.js';
import { TEST_SECRET, memoryDeps } from '../src/server/testing.js';
import { defaultWebDir, loadWebAssets, type WebAssets } from '../src/server/web.js';
import { DESKTOP, launchChromium } from '../test/e2e/harness.js';
import { measureBundle } from './web-bundle.js';
import { seedRecord } from './web-seed.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGET_INITIAL_KB = 200;
const TARGET_OPEN_MS = 150;
const TARGET_REQUEST_KB = 50;
const TARGET_SEARCH_MS = 200;
/** Today and the first Pipeline card: ≤ 0.8 s and ≤ 1.0 s up to 1,000 applications, ≤ 2 s beyond. */
const targetToday = (n: number): number => (n <= 1000 ? 800 : 2000);
const targetPipeline = (n: number): number => (n <= 1000 ? 1000 : 2000);
/** The first card of the board: present means the board has rendered. */
const BOARD_CARD = 'main .board-card';
/** The first item's action button: rendered, with React's handlers, means Today answers a click. */
const TODAY_READY = 'main li.card .item-actions button';
/** Wed 17 Jun 2026, 14:00 UTC: the generator's interviews fall in the nine months before and three after. */
const NOW = '2026-06-17T14:00:00Z';

function sizesArg(): number[] {
  const i = process.argv.indexOf('--sizes');
  const legacy = process.argv.indexOf('--applications');
  const text = i >= 0 ? process.argv[i + 1] ?? '' : legacy >= 0 ? process.argv[legacy + 1] ?? '' : '1000,10000';
  const sizes = text.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: whole numbers separated by commas, e.g. 1000,10000');
  return sizes;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: a positive whole number, please`);
  return value;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (n: number): string => `${Math.round(n)} ms`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] ?? NaN : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function build(): void {
  const started = performance.now();
  const res = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm run build:web failed:\n${res.stdout}\n${res.stderr}`);
  console.log(`built the UI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// The in-page code is written as text: it runs in the browser (no DOM types here) and must not
// carry the helpers tsx adds to named functions.

/** In the page: the first Today item's button, enabled → the page's clock (ms since navigation start). */
const TODAY_READY_SCRIPT = `(() => {
  const button = document.querySelector(${JSON.stringify(TODAY_READY)});
  return button && !button.disabled ? performance.now() : false;
})()`;

/** In the page: click the i-th application link of Today, resolve when its page shows. */
const OPEN_SCRIPT = `(i) => new Promise((resolve, reject) => {
  const links = [...document.querySelectorAll('main li.card .item-sub a')];
  const link = links[i % links.length];
  if (!link) return reject(new Error('no application link on Today'));
  const company = (link.textContent || '').trim();
  const started = performance.now();
  const give = setTimeout(() => reject(new Error('the page of ' + company + ' did not show in 10 s')), 10000);
  const check = () => {
    const marked = document.querySelector('[data-testid="application-page"]');
    const h1 = document.querySelector('main h1');
    const status = document.querySelector('main [role="status"]');
    const loading = !!status && (status.textContent || '').startsWith('Loading');
    const how = marked ? 'data-testid' : h1 && (h1.textContent || '').trim() === company && !loading ? 'h1 = company' : '';
    if (how) {
      clearTimeout(give);
      resolve({ ms: performance.now() - started, company, how });
    } else {
      requestAnimationFrame(check);
    }
  };
  link.click();
  check();
})`;

/** Navigation start → the first Today item's button, in the page's own clock. */
async function todayInteractive(page: Page, origin: string): Promise<number> {
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(TODAY_READY_SCRIPT, undefined, { polling: 'raf', timeout: 60_000 });
  return await handle.jsonValue() as number;
}

interface Opened {
  readonly ms: number;
  readonly company: string;
  readonly how: string;
}

/** Click on the `index`-th application link of Today → that application's page showing. */
async function openApplication(page: Page, index: number): Promise<Opened> {
  return await page.evaluate(`(${OPEN_SCRIPT})(${index})`) as Opened;
}

/** In the page: the first board card present → the page's clock. */
const BOARD_READY_SCRIPT = `(() => document.querySelector(${JSON.stringify(BOARD_CARD)}) ? performance.now() : false)()`;

/** Navigation start → the first board card, and the board requests the page made. */
async function pipelineFirstCard(page: Page, origin: string): Promise<{ ms: number; json: number; sent: number; requests: number }> {
  await page.goto(`${origin}/pipeline`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(BOARD_READY_SCRIPT, undefined, { polling: 'raf', timeout: 120_000 });
  const ms = await handle.jsonValue() as number;
  const sizes = await page.evaluate(`(() => performance.getEntriesByType('resource')
    .filter((r) => new URL(r.name).pathname.startsWith('/api/board'))
    .map((r) => ({ json: r.decodedBodySize, sent: r.encodedBodySize })))()`) as { json: number; sent: number }[];
  return { ms, json: sizes.reduce((s, r) => s + r.json, 0), sent: sizes.reduce((s, r) => s + r.sent, 0), requests: sizes.length };
}

/** In the page: type `q` into the Pipeline's search box, resolve when the board shows its cards. */
const SEARCH_SCRIPT = `(q) => new Promise((resolve, reject) => {
  const box = document.querySelector('main input[type="search"]');
  if (!box) return resolve(null);
  const started = performance.now();
  const give = setTimeout(() => reject(new Error('the search for ' + q + ' did not show in 20 s')), 20000);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(box, q);
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const check = () => {
    const board = document.querySelector('main .board');
    if (board && board.getAttribute('data-shown-query') === q) {
      clearTimeout(give);
      resolve({ ms: performance.now() - started, cards: document.querySelectorAll('main .board-card').length });
    } else requestAnimationFrame(check);
  };
  check();
})`;

/** The search request alone, as the page asks it once it has the totals (summary=false), or null when there is no such route. */
const SEARCH_API_SCRIPT = `(q) => (async () => {
  const t = performance.now();
  const res = await fetch('/api/board/cards?limit=15&closedLimit=5&summary=false&q=' + encodeURIComponent(q));
  if (!res.ok) return null;
  await res.json();
  return performance.now() - t;
})()`;

interface SizeResult {
  readonly applications: number;
  readonly today: number;
  readonly todayCold: number;
  readonly open: number;
  readonly pipeline: number;
  readonly pipelineCold: number;
  readonly boardJson: number;
  readonly boardSent: number;
  readonly search?: number;
  readonly searchApi?: number;
}

async function measureSize(applications: number, runs: number, web: WebAssets): Promise<SizeResult> {
  const now = Date.parse(NOW);
  const base = await memoryDeps();
  const deps: Deps = { ...base, clock: { now: () => now } };
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: LOCAL_USER.id };
  const seeded = await seedRecord(app, applications);
  console.log(`\n## ${applications} applications\nseeded ${seeded.applications} applications (${seeded.active} active), ${seeded.people} people, ${seeded.interviews} interviews, ${seeded.touches} touches in ${seeded.seconds.toFixed(1)} s`);
  const companies = [...new Set((await deps.store.listApplications(LOCAL_USER.id)).map((a) => a.company))];

  const server = await startServer(deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, web });
  const browser = await launchChromium();
  try {
    // bypassCSP: Playwright polls a text predicate with eval, which the app's CSP (rightly) forbids.
    const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.url);
    const origin = `http://127.0.0.1:${server.port}`;
    const week = await page.evaluate(async () => {
      const started = performance.now();
      const body = await (await fetch('/api/week')).json() as { overdue: unknown[]; due: unknown[]; coming: unknown[] };
      return { ms: performance.now() - started, items: body.overdue.length + body.due.length + body.coming.length };
    });
    console.log(`Today lists ${week.items} actions; GET /api/week answers in ${ms(week.ms)}`);

    const todayCold = await todayInteractive(page, origin);
    const today: number[] = [];
    for (let i = 0; i < runs; i++) today.push(await todayInteractive(page, origin));

    const open: number[] = [];
    let coldOpen: Opened | undefined;
    for (let i = 0; i <= runs; i++) {
      await todayInteractive(page, origin);
      const r = await openApplication(page, i);
      if (i === 0) coldOpen = r;
      else open.push(r.ms);
    }
    // Where the time goes: the API calls the two pages wait for, timed alone from Today.
    await todayInteractive(page, origin);
    const api = await page.evaluate(`(async () => {
      const links = [...document.querySelectorAll('main li.card .item-sub a')].map((a) => a.getAttribute('href'));
      const time = async (path) => { const t = performance.now(); await (await fetch(path)).json(); return performance.now() - t; };
      const week = [], apps = [];
      for (let i = 0; i < ${runs}; i++) {
        week.push(await time('/api/week'));
        apps.push(await time('/api' + links[i % links.length]));
      }
      return { week, apps };
    })()`) as { week: number[]; apps: number[] };
    console.log(`Today, ${runs} runs: ${today.map(ms).join(', ')} (first, cold: ${ms(todayCold)})`);
    console.log(`Opening an application, ${runs} runs: ${open.map(ms).join(', ')} (first, loading the page's code: ${ms(coldOpen?.ms ?? NaN)}; seen by ${coldOpen?.how ?? '?'})`);
    console.log(`API alone (median of ${runs}): GET /api/week ${ms(median(api.week))}, GET /api/applications/:id ${ms(median(api.apps))}`);

    const pipelineCold = await pipelineFirstCard(page, origin);
    const pipeline: number[] = [];
    let board = pipelineCold;
    for (let i = 0; i < runs; i++) {
      board = await pipelineFirstCard(page, origin);
      pipeline.push(board.ms);
    }
    console.log(`Pipeline first card, ${runs} runs: ${pipeline.map(ms).join(', ')} (first, cold: ${ms(pipelineCold.ms)}); its ${board.requests} board request(s): ${kb(board.json)} of JSON, ${kb(board.sent)} sent`);

    // Searches for companies of the record, each a different word (no answer is cached).
    const search: number[] = [];
    const searchApi: number[] = [];
    for (let i = 0; i < runs; i++) {
      const q = companies[(i * 7919) % companies.length] ?? 'a';
      await pipelineFirstCard(page, origin);
      const shown = await page.evaluate(`(${SEARCH_SCRIPT})(${JSON.stringify(q)})`) as { ms: number; cards: number } | null;
      if (!shown) break;
      search.push(shown.ms);
      const alone = await page.evaluate(`(${SEARCH_API_SCRIPT})(${JSON.stringify(q)})`) as number | null;
      if (alone !== null) searchApi.push(alone);
    }
    if (search.length > 0) console.log(`Search typed on Pipeline, ${runs} runs: ${search.map(ms).join(', ')}; the request alone: ${searchApi.map(ms).join(', ')}`);
    else console.log('Search: the Pipeline page has no search box');
    await context.close();
    return {
      applications, today: median(today), todayCold, open: median(open), pipeline: median(pipeline), pipelineCold: pipelineCold.ms,
      boardJson: board.json, boardSent: board.sent,
      ...(search.length > 0 ? { search: median(search) } : {}), ...(searchApi.length > 0 ? { searchApi: median(searchApi) } : {}),
    };
  } finally {
    await browser.close();
    await server.close();
    await deps.store.close();
  }
}

async function main(): Promise<void> {
  const sizes = sizesArg();
  const runs = arg('--runs', 5);
  console.log(`Node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (!process.argv.includes('--no-build')) build();

  // ---------------------------------------------------------------- 1. initial JavaScript
  const bundle = measureBundle(defaultWebDir());
  console.log('\nJavaScript loaded before the first paint (gzip -9):');
  console.log(table(['file', 'size', 'gzipped'], bundle.initial.map((c) => [c.path, kb(c.bytes), kb(c.gzip)])));
  console.log('\nLoaded later (lazy pages):');
  console.log(table(['file', 'size', 'gzipped'], bundle.lazy.map((c) => [c.path, kb(c.bytes), kb(c.gzip)])));

  // ---------------------------------------------------------------- 2–5. in Chromium, per size
  const web = loadWebAssets(defaultWebDir());
  if (!web) throw new Error(`the web UI is not built (${defaultWebDir()})`);
  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await measureSize(n, runs, web));

  const met = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const rows: string[][] = [
    ['initial JavaScript (gzipped)', kb(bundle.initialGzip), `≤ ${TARGET_INITIAL_KB} kB`, met(bundle.initialGzip <= TARGET_INITIAL_KB * 1024)],
  ];
  for (const r of results) {
    const n = r.applications.toLocaleString('en-US');
    rows.push(
      [`Today interactive, ${n} applications (median)`, ms(r.today), `≤ ${targetToday(r.applications)} ms`, met(r.today <= targetToday(r.applications))],
      [`Pipeline first card, ${n} applications (median)`, ms(r.pipeline), `≤ ${targetPipeline(r.applications)} ms`, met(r.pipeline <= targetPipeline(r.applications))],
      [`Pipeline board request, ${n} applications (JSON)`, kb(r.boardJson), `≤ ${TARGET_REQUEST_KB} kB`, met(r.boardJson <= TARGET_REQUEST_KB * 1024)],
      [`Pipeline board request, ${n} applications (sent)`, kb(r.boardSent), '', ''],
      [`search shown, ${n} applications (median)`, r.search !== undefined ? ms(r.search) : 'n/a', `≤ ${TARGET_SEARCH_MS} ms`, r.search !== undefined ? met(r.search <= TARGET_SEARCH_MS) : 'NO'],
      [`search request alone, ${n} applications (median)`, r.searchApi !== undefined ? ms(r.searchApi) : 'n/a', '', ''],
      [`opening an application, ${n} applications (median)`, ms(r.open), `≤ ${TARGET_OPEN_MS} ms`, met(r.open <= TARGET_OPEN_MS)],
    );
  }
  console.log('\n' + table(['metric', 'value', 'target', 'met?'], rows));
}

await main();
