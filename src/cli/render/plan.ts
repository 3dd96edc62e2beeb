/** The plan as a readable table grouped by application, with the why of each line. */
import type { Scenario } from '../../core/model.js';
import { renderWarning, renderWhy } from '../../core/rules/messages.js';
import type { Plan, Recommendation } from '../../core/rules/plan-types.js';
import { formatWallClock, zoneLabel, type TimeRules } from '../../core/time.js';
import { when } from './agenda.js';

const KIND_LABEL: Readonly<Record<Recommendation['kind'], string>> = {
  thank_you: 'Thank-you', status_check: 'Status check', call: 'Call', give_up: 'Move on',
  reference_brief: 'Brief reference', reply: 'Reply',
};
const STATUS_LABEL: Readonly<Record<Recommendation['status'], string>> = {
  upcoming: 'upcoming', due: 'DUE', overdue: 'OVERDUE', done: 'done', skipped: 'skipped', blocked: 'blocked',
};

const clock = (time: TimeRules, zoneId: string, ms: number): string => formatWallClock(time.zone(zoneId), ms);

/**
 * The window on the recipient's clock, the zone named when it is not the user's, then on the user's:
 * `Thu 2026-03-05 09:00 → Fri 2026-03-13 17:00 London (Europe/London); your time Thu 2026-03-05 03:00 → Fri 2026-03-13 12:00`.
 */
function windowWords(time: TimeRules, rec: Recommendation, userZone: string): string {
  const span = (zone: string): string => `${clock(time, zone, rec.earliest)} \u2192 ${clock(time, zone, rec.latest)}`;
  if (rec.timeZone === userZone) return span(userZone);
  return `${span(rec.timeZone)} ${zoneLabel(rec.timeZone)}; your time ${span(userZone)}`;
}

function recipient(scenario: Scenario, rec: Recommendation): string {
  const app = scenario.applications.find((a) => a.id === rec.applicationId);
  const name = (id: string | undefined): string =>
    id === undefined ? '' : app?.people.find((p) => p.id === id)?.name
      ?? scenario.candidate.references.find((r) => r.id === id)?.name ?? id;
  const to = name(rec.personId ?? rec.referenceId);
  const cc = rec.ccPersonIds.length > 0 ? ` (cc ${rec.ccPersonIds.map(name).join(', ')})` : '';
  return `${to}${cc}`;
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else {
      line = line === '' ? w : `${line} ${w}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export function renderPlanTable(plan: Plan, scenario: Scenario, time: TimeRules): string {
  const out: string[] = [];
  const nowZone = scenario.settings.timeZone;
  out.push(`Follow-up plan as of ${clock(time, nowZone, plan.now)} (your time, ${nowZone})`);
  for (const w of plan.warnings) out.push(`! [${w.rule}] ${renderWarning(w)}`);
  for (const app of scenario.applications) {
    const recs = plan.recommendations.filter((r) => r.applicationId === app.id);
    out.push('', `${app.company} \u2014 ${app.role} [${app.id}, ${app.status}]`);
    if (recs.length === 0) {
      out.push('  Nothing to do.');
      continue;
    }
    for (const rec of recs) {
      const head = `  ${STATUS_LABEL[rec.status].padEnd(9)} ${KIND_LABEL[rec.kind].padEnd(16)} ${when(time, rec.timeZone, rec.ideal, nowZone)}  ${rec.channel.padEnd(6)} ${recipient(scenario, rec)}`;
      out.push(head);
      out.push(`            window ${windowWords(time, rec, nowZone)} \u00b7 rules ${rec.rules.join(', ')}`);
      // The why's own times (a touch sent, a next allowed moment) on the user's clock, which needs no name.
      out.push(wrap(renderWhy(rec, time.zone(nowZone)), 96, '            '));
    }
  }
  return `${out.join('\n')}\n`;
}
