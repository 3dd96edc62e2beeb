/**
 * The shared server's data for bench/server.bench.ts: `seekers` job seekers (accounts with the
 * seeker role), each with a profile and `perSeeker` realistic applications (bench/generate.ts, kept
 * up as bench/kept-up.ts does), touches topped up to `touchesPerSeeker` on average, and every
 * application's next due action indexed as `refreshNextDue` would index it.
 *
 * Generating, validating and keeping up 200,000 applications takes minutes of one core, so a pool
 * of `templates` seekers is generated and each seeker gets one of them (seeker i: template
 * i mod templates) under their own user id, name and email: ids are per user, so the copies are
 * independent records. The accounts go in with one SQL statement. The template seekers' profiles
 * and applications go through the store (`saveSettings`, `saveCandidate`, `insertApplications`,
 * one transaction per seeker, `concurrency` at once); the other seekers get copies of those rows by
 * one INSERT … SELECT per table (measured: the store's way takes ≈ 15–20 ms per seeker on this
 * 2-core machine, minutes for 10,000; the copy, seconds). Then VACUUM ANALYZE.
 */
import type pg from 'pg';
import type { ApplicationRecord, NextDue, Store } from '../src/app/ports.js';
import type { Application, Candidate, Scenario, Settings, Touch } from '../src/core/model.js';
import { plan } from '../src/core/rules/planner.js';
import type { Recommendation } from '../src/core/rules/plan-types.js';
import { parseScenario } from '../src/core/scenario.js';
import type { TimeRules } from '../src/core/time.js';
import { generateScenario, Random } from './generate.js';
import { keptUp } from './kept-up.js';

export interface SeedOptions {
  readonly seekers: number;
  readonly perSeeker: number;
  /** On average per seeker; reached by adding past updates to the generated histories. */
  readonly touchesPerSeeker: number;
  readonly templates: number;
  readonly concurrency: number;
  readonly now: number;
  readonly seed: number;
}

export interface SeedResult {
  readonly seekers: number;
  readonly applications: number;
  readonly people: number;
  readonly interviews: number;
  readonly touches: number;
  readonly withNextDue: number;
  readonly zones: number;
  readonly regions: number;
  readonly templates: number;
  readonly templateSeconds: number;
  readonly accountSeconds: number;
  /** The template seekers, one transaction each through the store. */
  readonly storeSeconds: number;
  /** The other seekers, copied from the templates by SQL. */
  readonly copySeconds: number;
  readonly analyzeSeconds: number;
}

interface Template {
  readonly settings: Settings;
  readonly candidate: Candidate;
  readonly records: readonly ApplicationRecord[];
}

const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);
const DAY = 86_400_000;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const seekerId = (i: number): string => `u-bench-${String(i).padStart(6, '0')}`;
const seekerName = (i: number): string => `Seeker ${i}`;
const seekerEmail = (i: number): string => `seeker${i}@bench.example`;

/** What `refreshNextDue` stores for the application: its soonest pending action, planned alone. */
function nextDueOf(settings: Settings, candidate: Candidate, app: Application, now: number, time: TimeRules): NextDue | undefined {
  const recs = plan({ settings, candidate, applications: [app] }, { now, time }).recommendations;
  const next = recs.find((r) => PENDING.has(r.status));
  return next ? { at: next.ideal, kind: next.kind } : undefined;
}

/** A past update, as a seeker records between the formal follow-ups ("sent the work sample"). */
function filler(r: Random, app: Application, now: number): Touch | undefined {
  const lastEnd = Math.max(...app.interviews.map((iv) => iv.end));
  if (!Number.isFinite(lastEnd) || lastEnd > now - 2 * DAY) return undefined;
  const at = Math.floor((lastEnd + DAY + r.float() * (now - DAY - lastEnd - DAY)) / 60_000) * 60_000;
  return { at, channel: 'email', kind: 'update', outcome: 'sent', text: `Sent ${app.company} the work sample I mentioned for the ${app.role} role.` };
}

/** A scenario whose histories the top-up below may still extend. */
interface Growing extends Scenario {
  readonly applications: Application[];
}

function scenarioOf(seed: number, perSeeker: number, now: number, time: TimeRules): Growing {
  const doc = generateScenario({ applications: perSeeker, seed, now: new Date(now).toISOString(), time });
  const parsed = parseScenario(doc, time);
  if (!parsed.ok) throw new Error(`generated scenario ${seed} is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  const s = parsed.value;
  return { ...s, applications: s.applications.map((a) => keptUp(s, a, now, time)) };
}

/** `n` seekers' worth of data, kept up, with touches topped up to `touchesPerSeeker` on average over the pool. */
export function makeTemplates(o: SeedOptions, n: number, time: TimeRules): Template[] {
  const scenarios = Array.from({ length: n }, (_, t) => scenarioOf(o.seed + t, o.perSeeker, o.now, time));
  const count = (): number => scenarios.reduce((sum, s) => sum + s.applications.reduce((k, a) => k + a.touches.length, 0), 0);
  const r = new Random(o.seed);
  let missing = o.touchesPerSeeker * n - count();
  // Round-robin over the pool so that every seeker's history grows a little, not a few a lot.
  for (let pass = 0; missing > 0 && pass < 50; pass++) {
    let added = 0;
    for (const s of scenarios) {
      if (missing <= 0) break;
      const i = r.int(0, s.applications.length - 1);
      const app = s.applications[i];
      const touch = app ? filler(r, app, o.now) : undefined;
      if (!app || !touch) continue;
      const withIt: Application = { ...app, touches: [...app.touches, touch].sort((x, y) => x.at - y.at) };
      // Kept up again: an update can move what is due next, and this user does what is due.
      s.applications[i] = keptUp(s, withIt, o.now, time);
      missing -= 1;
      added += 1;
    }
    if (added === 0) break;
  }
  return scenarios.map((s) => ({
    settings: s.settings,
    candidate: s.candidate,
    records: s.applications.map((application): ApplicationRecord => {
      const nextDue = nextDueOf(s.settings, s.candidate, application, o.now, time);
      return nextDue ? { application, nextDue, redFlags: [] } : { application, redFlags: [] };
    }),
  }));
}

/** Drops and creates the database of `url` through the maintenance database `postgres` of the same server. */
export async function recreateDatabase(pgModule: typeof pg, url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  // Only a database meant for this: the bench drops it.
  if (!/bench/i.test(name)) throw new Error(`refusing to drop database "${name}": the bench drops and recreates its database, so its name must contain "bench"`);
  u.pathname = '/postgres';
  const admin = new pgModule.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${ident(name)} with (force)`);
    await admin.query(`create database ${ident(name)}`);
  } finally {
    await admin.end();
  }
}

async function inParallel(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

/** The per-user tables the records live in, in foreign-key order. */
const RECORD_TABLES = ['settings', 'candidates', 'candidate_references', 'applications', 'people', 'interviews', 'interview_people', 'debriefs', 'touches'];
/** Per-user tables that are not records (or that the seed leaves empty, checked). */
const NOT_COPIED = new Set(['sessions', 'tokens']);

/**
 * Seekers `from`…`to - 1` get the records of seekers 0…`from - 1` (seeker i those of i mod
 * `from`): one INSERT … SELECT per table, rows in each seeker's order as the store wrote them, so
 * that a seeker's rows lie together as they would after `insertApplications`.
 */
async function copySeekers(client: pg.Client, from: number, to: number): Promise<void> {
  const userTables = (await client.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'user_id' order by table_name`,
  )).rows.map((r) => r.table_name);
  for (const table of userTables) {
    if (RECORD_TABLES.includes(table) || NOT_COPIED.has(table)) continue;
    const rows = (await client.query<{ n: number }>(`select count(*)::int as n from ${ident(table)}`)).rows[0]?.n ?? 0;
    if (rows > 0) throw new Error(`table ${table} has rows the seed does not copy; add it to RECORD_TABLES`);
  }
  await client.query('begin');
  try {
    // The copies of valid rows stay valid (same ids, each seeker mapped whole): the foreign-key
    // triggers, which would check 1.6 million rows one by one, are skipped (superuser only).
    await client.query('set local session_replication_role = replica');
    // Whole numbers of ours, not input: written into the statement (a utility statement takes no parameters).
    await client.query(`create temporary table bench_map on commit drop as
      select 'u-bench-' || lpad(i::text, 6, '0') as seeker, 'u-bench-' || lpad((i % ${from})::text, 6, '0') as template
      from generate_series(${from}, ${to - 1}) i`);
    for (const table of RECORD_TABLES) {
      const columns = (await client.query<{ column_name: string }>(
        'select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position', [table],
      )).rows.map((r) => r.column_name);
      const select = columns.map((c) => (c === 'user_id' ? 'm.seeker' : `t.${ident(c)}`)).join(', ');
      await client.query(`insert into ${ident(table)} (${columns.map(ident).join(', ')})
        select ${select} from ${ident(table)} t join bench_map m on m.template = t.user_id order by m.seeker, t.ctid`);
    }
    await client.query(`update candidates c set name = u.name, email = u.email from users u, bench_map m where m.seeker = c.user_id and u.id = c.user_id`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** Fills the (migrated, empty) database: accounts, then each seeker's profile and applications. */
export async function seed(store: Store, client: pg.Client, o: SeedOptions, time: TimeRules, progress: (line: string) => void): Promise<SeedResult> {
  let t = performance.now();
  const n = Math.min(o.templates, o.seekers);
  const templates = makeTemplates(o, n, time);
  const templateSeconds = (performance.now() - t) / 1000;
  progress(`  ${n} templates generated in ${templateSeconds.toFixed(1)} s`);

  t = performance.now();
  await client.query(
    `insert into users (id, name, email, role)
     select 'u-bench-' || lpad(i::text, 6, '0'), 'Seeker ' || i, 'seeker' || i || '@bench.example', 'seeker' from generate_series(0, $1::int - 1) i`,
    [o.seekers],
  );
  const accountSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  let done = 0;
  await inParallel(n, o.concurrency, async (i) => {
    const tpl = templates[i];
    if (!tpl) throw new Error('no template');
    const userId = seekerId(i);
    await store.transaction(async (tx) => {
      await tx.saveSettings(userId, tpl.settings);
      await tx.saveCandidate(userId, { ...tpl.candidate, name: seekerName(i), email: seekerEmail(i) });
      await tx.insertApplications(userId, tpl.records);
    });
    done++;
    if (done % 250 === 0) progress(`  ${done} of ${n} template seekers stored through the store (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  });
  const storeSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  if (o.seekers > n) await copySeekers(client, n, o.seekers);
  const copySeconds = (performance.now() - t) / 1000;
  if (o.seekers > n) progress(`  ${o.seekers - n} more seekers copied from the templates by SQL in ${copySeconds.toFixed(1)} s`);

  t = performance.now();
  // The statistics the server's queries are planned with, as after autovacuum caught up.
  await client.query('vacuum analyze');
  // The seeded gigabytes written out now, not by the checkpointer while the bench measures.
  await client.query('checkpoint');
  const analyzeSeconds = (performance.now() - t) / 1000;

  const counts = (await client.query<Record<string, string>>(`select
      (select count(*) from users where role = 'seeker')::text as seekers,
      (select count(*) from applications)::text as applications,
      (select count(*) from applications where next_due_at is not null)::text as due,
      (select count(*) from people)::text as people,
      (select count(*) from interviews)::text as interviews,
      (select count(*) from touches)::text as touches,
      (select count(distinct time_zone) from settings)::text as zones,
      (select count(distinct region) from settings)::text as regions`)).rows[0] ?? {};
  const num = (k: string): number => Number(counts[k] ?? NaN);
  return {
    seekers: num('seekers'), applications: num('applications'), people: num('people'), interviews: num('interviews'), touches: num('touches'),
    withNextDue: num('due'), zones: num('zones'), regions: num('regions'), templates: n,
    templateSeconds, accountSeconds, storeSeconds, copySeconds, analyzeSeconds,
  };
}
