/** JSON views of what the use cases return: the documents of the CLI's `--json` and of the API. */
import type { Agenda, AgendaItem, ApplicationView, Pipeline } from './agenda.js';
import type { Guard } from './act.js';
import type { Profile, Saved } from './records.js';
import type { Addressee, Draft } from '../core/drafts/index.js';
import type { CheckedDraft } from './drafting.js';
import { renderWarning } from '../core/rules/messages.js';
import type { Warning } from '../core/rules/plan-types.js';
import { recommendationToJson } from '../core/rules/output.js';
import { applicationToJson, candidateToJson, settingsToJson } from '../core/scenario-json.js';
import { formatDay, type TimeRules } from '../core/time.js';
import type { Finding } from '../core/tone/index.js';

export function agendaJson(a: Agenda, time: TimeRules) {
  const zone = time.zone(a.profile.settings.timeZone);
  let companies: Map<string, string> | undefined;
  const nameOf = (i: AgendaItem, id: string | undefined) => {
    const person = id === undefined ? undefined : i.application.people.find((p) => p.id === id);
    return person ? { id: person.id, name: person.name, ...(person.honorific !== undefined ? { honorific: person.honorific } : {}) } : null;
  };
  const items = (list: readonly AgendaItem[]) => list.map((i) => ({
    company: i.application.company, role: i.application.role, ...recommendationToJson(i.recommendation, time),
    person: nameOf(i, i.recommendation.personId),
  }));
  return {
    now: zone.format(a.now), until: zone.format(a.until),
    overdue: items(a.overdue), due: items(a.due), coming: items(a.coming),
    offers: a.offers.map((o) => ({ applicationId: o.applicationId, company: o.company, role: o.role, respondBy: formatDay(o.respondBy) })),
    warnings: a.warnings.map((w) => warningJson(w, (id) => (companies ??= new Map(a.summaries.map((s) => [s.id, s.company]))).get(id))),
  };
}

/**
 * A warning as data for a page to word (STYLE 16): its code and numbers, the company it is about
 * (never shown as an id), and `message`, the CLI's wording, for scripts.
 */
export function warningJson(w: Warning, companyOf: (applicationId: string) => string | undefined) {
  const applicationId = 'applicationId' in w ? w.applicationId : null;
  return {
    rule: w.rule, code: w.code, message: renderWarning(w),
    applicationId, company: applicationId === null ? null : companyOf(applicationId) ?? null,
    active: w.code === 'few_active' ? w.active : null, min: w.code === 'few_active' ? w.min : null, days: w.code === 'quiet' ? w.days : null,
    said: w.code === 'unreadable_timeline' || w.code === 'ambiguous_timeline' ? w.said : null, outcome: w.code === 'close_application' ? w.outcome : null,
    choices: w.code === 'ambiguous_timeline' ? w.choices.map((c) => ({ day: formatDay(c.day), understood: c.understood })) : null,
  };
}

export function applicationViewJson(v: ApplicationView, time: TimeRules) {
  return {
    application: applicationToJson(v.application, v.profile.settings, time),
    plan: v.plan.recommendations.map((r) => recommendationToJson(r, time)),
    warnings: v.plan.warnings.map((w) => ({ rule: w.rule, message: renderWarning(w) })),
    redFlags: v.redFlags, offer: v.offer ?? null,
  };
}

export function pipelineJson(p: Pipeline) {
  return {
    counts: p.counts,
    applications: p.applications.map((a) => ({ id: a.id, company: a.company, role: a.role, status: a.status })),
    warnings: p.warnings.map((w) => ({ rule: w.rule, message: renderWarning(w) })),
  };
}

export function profileJson(p: Profile) {
  return { settings: settingsToJson(p.settings), candidate: candidateToJson(p.candidate) };
}

/** A write's answer: the application as now recorded and its next action. */
export function savedJson(saved: Saved, profile: Profile, time: TimeRules) {
  return {
    applicationId: saved.application.id,
    application: applicationToJson(saved.application, profile.settings, time),
    next: saved.next ? recommendationToJson(saved.next, time) : null,
  };
}

export function guardJson(g: Guard, time: TimeRules) {
  return g.rule === 'P2'
    ? { rule: g.rule, earliest: time.zone(g.recommendation.timeZone).format(g.earliest), recommendation: recommendationToJson(g.recommendation, time) }
    : { rule: g.rule, findings: g.findings.map(findingJson) };
}

export function findingJson(f: Finding) {
  return { rule: f.rule, start: f.start, end: f.end, severity: f.severity, message: f.message, suggestion: f.suggestion, code: f.code };
}

/** The API's view of a draft (the web editor's): the concrete kind, the body, the addressees as recorded. */
export function draftJson(d: Draft) {
  return { kind: d.kind, subject: d.subject ?? null, body: d.body, to: d.to, cc: d.cc, rules: d.rules, gaps: d.gaps };
}

/** What was asked for: `kind` as requested (`thank_you`, not the panel note it became). */
export interface DraftAsked {
  readonly applicationId: string;
  /** The person, or for a reference brief the reference. */
  readonly personId: string;
  readonly kind: string;
}

/**
 * The document of `afterword draft --json` (CONTRACT.md): every key always present, `null` for a
 * subject the kind has none of (letters, scripts) and for an email address not on record; `text`
 * is the note from greeting to signature, `body` the same text under the API's name; `gaps` are
 * records the draft lacked, `leftOut` the debrief input it does not carry, with the reason.
 */
export function draftDocumentJson(asked: DraftAsked, c: CheckedDraft) {
  const { draft, input } = c;
  const recorded = (id: string): string | undefined => (input.kind === 'reference_brief'
    ? (input.reference.id === id ? input.reference.email : undefined)
    : input.application.people.find((p) => p.id === id)?.email);
  const mailbox = (a: Addressee) => {
    const email = (a.email ?? recorded(a.id))?.trim();
    return { name: a.name, email: email ? email : null, id: a.id };
  };
  return {
    applicationId: asked.applicationId, personId: asked.personId, kind: asked.kind, draft: draft.kind,
    interviewId: input.interview?.interview.id ?? null,
    to: [mailbox(draft.to)], cc: draft.cc.map(mailbox),
    subject: draft.subject ?? null, text: draft.body, body: draft.body,
    rules: draft.rules, findings: c.findings.map(findingJson), gaps: draft.gaps, leftOut: draft.leftOut,
  };
}
