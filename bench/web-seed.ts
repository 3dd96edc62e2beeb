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
import type { Application, Scenario, Touch } from '../src/core/model.js';
import { plan } from '../src/core/rules/planner.js';
import { parseScenario } from '../src/core/scenario.js';
import type { TimeRules } from '../src/core/time.js';
import { generateScenario } from './generate.js';

export interface SeedCounts {
  readonly applications: number;
  readonly active: number;
  readonly people: number;
  readonly interviews: number;
  readonly touches: number;
  readonly seconds: number;
}

/** The application as it would be had its user done each overdue action a minute after its ideal moment. */
export function keptUp(scenario: Scenario, app: Application, now: number, time: TimeRules): Application {
  let current = app;
  for (let round = 0; round < 20; round++) {
    const overdue = plan({ ...scenario, applications: [current] }, { now, time }).recommendations.filter((r) => r.status === 'overdue');
    if (overdue.length === 0) return current;
    const touches: Touch[] = [...current.touches];
    let status = current.status;
    for (const rec of overdue) {
      if (rec.kind === 'give_up') {
        status = 'no_response';
        continue;
      }
      const call = rec.kind === 'call';
      touches.push({
        at: Math.min(rec.ideal + 60_000, rec.latest), channel: call ? 'phone' : rec.channel, kind: rec.kind, outcome: call ? 'no_answer' : 'sent',
        ...(rec.personId !== undefined ? { personId: rec.personId } : {}), ...(rec.referenceId !== undefined ? { referenceId: rec.referenceId } : {}),
      });
    }
    current = { ...current, status, touches: touches.sort((a, b) => a.at - b.at) };
  }
  return current;
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
