/** Use case: a scenario document (JSON text) planned at an instant. */
import type { Scenario } from '../core/model.js';
import { plan, type PlanContext } from '../core/rules/planner.js';
import type { Plan } from '../core/rules/plan-types.js';
import { parseScenario } from '../core/scenario.js';
import { parseInstant, type EpochMs, type TimeRules } from '../core/time.js';
import { AppError, type ProblemOptions } from './errors.js';

/** Where in `text` a JSON.parse error points, as "line L, column C". */
function jsonPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const m = /position (\d+)/.exec(message);
  if (!m && !/end of JSON input/.test(message)) return '';
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/** Parses JSON text, naming the place of a syntax error. `what` names the input in the message. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppError({ reason: 'json.invalid', params: { position: jsonPosition(text, error) } }, { at: what, cause: error });
  }
}

export function loadScenario(text: string, time: TimeRules): Scenario {
  const result = parseScenario(parseJson(text, 'scenario'), time);
  if (!result.ok) {
    const first = result.issues[0];
    const where: ProblemOptions = first === undefined ? { at: 'scenario' } : first.path !== '' ? { path: first.path } : {};
    throw new AppError({ reason: 'record.invalid', params: { issue: first?.message ?? 'invalid' } }, where);
  }
  return result.value;
}

/** Parses `--now`; a date-time without offset is read in `zone`. */
export function parseNow(text: string, time: TimeRules, zone: string): EpochMs {
  const at = parseInstant(text, time.zone(zone));
  if (at === null) throw new AppError({ reason: 'now.invalid', params: { value: text } }, { at: '--now' });
  return at;
}

export function planScenario(scenario: Scenario, ctx: PlanContext): Plan {
  return plan(scenario, ctx);
}
