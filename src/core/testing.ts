/** Test helpers for the core: build validated scenarios from contract-shaped objects. Used by tests only. */
import type { Scenario } from './model.js';
import { plan } from './rules/planner.js';
import { planToJson, type PlanJson } from './rules/output.js';
import { parseScenario } from './scenario.js';
import { createTimeRules, parseInstant, type TimeRules } from './time.js';

export const time: TimeRules = createTimeRules();

export function scenarioOf(input: unknown): Scenario {
  const result = parseScenario(input, time);
  if (!result.ok) throw new Error(`invalid test scenario: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return result.value;
}

/** Plans `input` at `now` (ISO with offset) and returns the contract JSON. */
export function planJson(input: unknown, now: string): PlanJson {
  const scenario = scenarioOf(input);
  const at = parseInstant(now, time.zone('UTC'));
  if (at === null) throw new Error(`bad now ${now}`);
  return planToJson(plan(scenario, { now: at, time }), time, scenario.settings.timeZone);
}
