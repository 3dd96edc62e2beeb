/** Data as a user who keeps up would have it: shared by the today and web benches. */
import type { Application, Scenario, Touch } from '../src/core/model.js';
import { plan } from '../src/core/rules/planner.js';
import type { TimeRules } from '../src/core/time.js';

/**
 * The application as it would be had its user done each overdue action a minute after its ideal
 * moment (and closed it when told to move on): what a user who runs `today` every day has.
 */
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
