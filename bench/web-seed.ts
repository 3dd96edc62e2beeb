/**
 * The record the web benches open: a profile and `n` realistic applications (bench/generate.ts:
 * people, interviews, touches), stored the way the use cases store them — the profile through
 * `saveProfile`, the applications validated by `parseScenario`, inserted with the store's bulk
 * `insertApplications`, then each one's next due action indexed by `refreshNextDue`.
 *
 * The histories are "kept up", like bench/today.bench.ts's main data set: every action that was
 * overdue is done a minute after its ideal moment, and an application is closed when the plan says
 * to move on. That is what a user who opens Today every day has (a backlog of months of untaken
 * actions would make Today a list of hundreds of overdue items, which no user sees).
 */
import { refreshNextDue, saveProfile, type AppDeps } from '../src/app/records.js';
import { parseScenario } from '../src/core/scenario.js';
import { generateScenario } from './generate.js';
import { keptUp } from './kept-up.js';

export interface SeedCounts {
  readonly applications: number;
  readonly active: number;
  readonly people: number;
  readonly interviews: number;
  readonly touches: number;
  readonly seconds: number;
}


/** Fills the (empty) store of `deps` with a profile and `n` applications, planned at `deps.clock.now()`. */
export async function seedRecord(deps: AppDeps, n: number, seed = 20261130): Promise<SeedCounts> {
  const started = performance.now();
  const now = deps.clock.now();
  const doc = generateScenario({ applications: n, seed, now: new Date(now).toISOString(), time: deps.time });
  const parsed = parseScenario(doc, deps.time);
  if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  const profile = await saveProfile(deps, doc.settings, { ...doc.candidate });
  const apps = parsed.value.applications.map((a) => keptUp(parsed.value, a, now, deps.time));
  await deps.store.insertApplications(deps.userId, apps.map((application) => ({ application, redFlags: [] })));
  await deps.store.transaction(async (tx) => {
    for (const app of apps) await refreshNextDue(tx, deps, profile, app);
  });
  return {
    applications: apps.length,
    active: apps.filter((a) => a.status === 'active').length,
    people: apps.reduce((sum, a) => sum + a.people.length, 0),
    interviews: apps.reduce((sum, a) => sum + a.interviews.length, 0),
    touches: apps.reduce((sum, a) => sum + a.touches.length, 0),
    seconds: (performance.now() - started) / 1000,
  };
}
