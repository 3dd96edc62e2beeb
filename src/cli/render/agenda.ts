/** Rendering of what is due, one application's timeline, and the pipeline: strings only. */
import type { Agenda, AgendaItem, ApplicationView, Pipeline } from '../../app/agenda.js';
import type { Application } from '../../core/model.js';
import { recommendationToJson } from '../../core/rules/output.js';
import { renderWarning, renderWhy } from '../../core/rules/messages.js';
import type { Recommendation } from '../../core/rules/plan-types.js';
import { ruleById } from '../../core/rules/protocol.js';
import { formatDay, formatWallClock, weekdayName, zoneCity, zoneLabel, type EpochMs, type TimeRules } from '../../core/time.js';

const KIND_LABEL: Readonly<Record<Recommendation['kind'], string>> = {
  thank_you: 'Thank', status_check: 'Check in with', call: 'Call', give_up: 'Move on from',
  reference_brief: 'Brief', reply: 'Reply to',
};

/**
 * `Tue 2026-03-10 09:30` on the user's clock; a time in another zone names it and gives the user's
 * clock too: `Tue 2026-03-10 15:30 London (09:30 your time)`, the user's date only when it differs
 * (`Wed 2026-03-11 01:00 Sydney (Tue 2026-03-10 09:00 your time)`).
 */
export function when(time: TimeRules, zoneId: string, ms: EpochMs, userZoneId: string): string {
  const there = formatWallClock(time.zone(zoneId), ms);
  if (zoneId === userZoneId) return there;
  const here = formatWallClock(time.zone(userZoneId), ms);
  const sameDay = here.slice(0, -6) === there.slice(0, -6);
  return `${there} ${zoneCity(zoneId)} (${sameDay ? here.slice(-5) : here} your time)`;
}

function personName(app: Application, id: string | undefined): string {
  const p = app.people.find((x) => x.id === id);
  if (!p) return id ?? '';
  return p.honorific && !p.informal ? `${p.honorific} ${p.name.split(' ').slice(-1)[0] ?? p.name}` : p.name;
}

/**
 * One line: "Thank Dr. Okafor (Acme Corp) — ideal Tue 2026-03-03 17:00, by Wed 2026-03-04 11:00 (email; T1, T2)",
 * each time named with its zone when it is not the user's (`userZone`).
 */
export function renderNext(rec: Recommendation, app: Application, time: TimeRules, userZone: string): { line: string; recommendation: ReturnType<typeof recommendationToJson> } {
  const who = rec.kind === 'give_up' ? app.company : rec.referenceId ? rec.referenceId : `${personName(app, rec.personId)} (${app.company})`;
  const line = `${KIND_LABEL[rec.kind]} ${who} \u2014 ideal ${when(time, rec.timeZone, rec.ideal, userZone)}, by ${when(time, rec.timeZone, rec.latest, userZone)} (${rec.channel}; ${rec.rules.join(', ')})`;
  return { line, recommendation: recommendationToJson(rec, time) };
}

/** The why in words, its times (a touch sent, a next allowed moment) on the user's clock. */
export function whyLine(rec: Recommendation, time: TimeRules, userZone: string): string {
  return renderWhy(rec, time.zone(userZone));
}

function itemLines(items: readonly AgendaItem[], time: TimeRules, userZone: string): string[] {
  const out: string[] = [];
  for (const { application, recommendation: rec } of items) {
    out.push(`  ${renderNext(rec, application, time, userZone).line}`);
    out.push(`      why: ${whyLine(rec, time, userZone)}`);
  }
  return out;
}

export function renderAgenda(a: Agenda, time: TimeRules, title: string): string {
  const zone = a.profile.settings.timeZone;
  const out = [`${title} \u2014 ${when(time, zone, a.now, zone)} (your time, ${zone})`];
  for (const w of a.warnings) out.push(`! [${w.rule}] ${renderWarning(w)}`);
  const sections: [string, readonly AgendaItem[]][] = [['Overdue', a.overdue], ['Due now', a.due], ['Coming', a.coming]];
  let any = false;
  for (const [name, items] of sections) {
    if (items.length === 0) continue;
    any = true;
    out.push('', `${name} (${items.length})`, ...itemLines(items, time, zone));
  }
  if (a.offers.length > 0) {
    any = true;
    const today = time.zone(zone).dayAt(a.now);
    out.push('', `Offers to answer (${a.offers.length})`);
    for (const o of a.offers) {
      const by = o.respondBy < today ? 'was due' : 'by';
      out.push(`  Answer the offer from ${o.company} (${o.role}) \u2014 ${by} ${weekdayName(o.respondBy)} ${formatDay(o.respondBy)}`);
    }
  }
  if (!any) out.push('', 'Nothing due. Keep applying, and record interviews as they happen.');
  return `${out.join('\n')}\n`;
}

export function renderApplication(v: ApplicationView, time: TimeRules): string {
  const app = v.application;
  const userZone = v.profile.settings.timeZone;
  const out = [`${app.company} \u2014 ${app.role} [${app.id}, ${app.status}]${app.appliedOn !== undefined ? `, applied ${formatDay(app.appliedOn)}` : ''}`];
  out.push(`Times are your time (${userZone}) unless a place is named.`);
  out.push('', 'People');
  for (const p of app.people) {
    const zone = p.timeZone !== undefined && p.timeZone !== userZone ? `, in ${zoneLabel(p.timeZone)}` : '';
    out.push(`  ${p.id}  ${[p.honorific, p.name].filter(Boolean).join(' ')}${p.title ? `, ${p.title}` : ''} (${p.role})${zone}${p.preferredChannel ? ` prefers ${p.preferredChannel}` : ''}${p.verified ? ' \u2713 verified' : ' (details not verified)'}${p.informal ? ', first-name terms' : ''}`);
  }
  type Event = { at: EpochMs; line: string };
  const events: Event[] = [];
  for (const iv of app.interviews) {
    const who = iv.peopleIds.map((id) => personName(app, id)).join(', ');
    events.push({ at: iv.start, line: `${when(time, iv.timeZone, iv.start, userZone)}  Interview ${iv.id}: ${iv.stage.replace('_', ' ')}, ${iv.format.replace('_', '-')}${iv.panel ? ', panel' : ''}${who ? ` with ${who}` : ''}${iv.timeline.said ? `; they said "${iv.timeline.said}"` : ''}` });
    const d = iv.debrief;
    if (d) {
      const bits = [d.bestMoments && `best: ${d.bestMoments}`, d.awkwardMoments && `awkward: ${d.awkwardMoments}`, d.unfinishedAnswers && `unfinished: ${d.unfinishedAnswers}`, d.concerns && `concerns: ${d.concerns}`].filter(Boolean);
      if (bits.length > 0) events.push({ at: iv.start + 1, line: `      debrief \u2014 ${bits.join('; ')}` });
    }
  }
  for (const t of app.touches) {
    events.push({ at: t.at, line: `${when(time, userZone, t.at, userZone)}  ${t.kind.replace('_', ' ')} by ${t.channel.replace('_', ' ')}${t.personId ? ` to ${personName(app, t.personId)}` : ''}: ${t.outcome.replace('_', ' ')}` });
  }
  events.sort((x, y) => x.at - y.at);
  out.push('', 'Timeline', ...events.map((e) => `  ${e.line}`));
  out.push('', 'Plan');
  for (const rec of v.plan.recommendations) {
    out.push(`  ${rec.status.padEnd(8)} ${renderNext(rec, app, time, userZone).line}`);
    out.push(`           window ${when(time, rec.timeZone, rec.earliest, userZone)} \u2192 ${when(time, rec.timeZone, rec.latest, userZone)}; ${whyLine(rec, time, userZone)}`);
  }
  if (v.redFlags.length > 0) {
    out.push('', 'Red flags');
    for (const f of v.redFlags) out.push(`  ${f.flag} ${ruleById(f.flag)?.title ?? ''}: ${f.score}/5${f.notes ? ` \u2014 ${f.notes}` : ''}`);
  }
  for (const w of v.plan.warnings) if (w.rule !== 'P1') out.push(`! [${w.rule}] ${renderWarning(w)}`);
  return `${out.join('\n')}\n`;
}

export function renderPipeline(p: Pipeline): string {
  const out = ['Pipeline'];
  for (const [status, n] of Object.entries(p.counts)) if (n > 0) out.push(`  ${status.replace('_', ' ').padEnd(12)} ${n}`);
  if (p.applications.length === 0) out.push('  (no applications yet: afterword add application --company … --role …)');
  for (const w of p.warnings) out.push(`! [${w.rule}] ${renderWarning(w)}`);
  out.push('');
  for (const a of p.applications) out.push(`  ${a.id.padEnd(5)} ${a.status.padEnd(11)} ${a.company} \u2014 ${a.role}`);
  return `${out.join('\n')}\n`;
}
