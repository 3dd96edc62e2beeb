/**
 * The model back into the scenario document of CONTRACT.md: `parseScenario(scenarioToJson(s))`
 * gives `s` again. Interview instants are written in the interview's zone, touches in the
 * candidate's, dates as YYYY-MM-DD.
 */
import type { Application, Candidate, Interview, Person, Scenario, Settings, Touch } from './model.js';
import { formatClock, formatDay, type TimeRules, type ZoneRules } from './time.js';

type Json = Record<string, unknown>;

/** `T` as `compact` leaves it: a key whose value may be undefined is optional and never undefined. */
export type Compact<T> =
  & { [K in keyof T as undefined extends T[K] ? never : K]: T[K] }
  & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/** `o` without its undefined values, typed so (the web app's record types are these documents' types). */
function compact<T extends Json>(o: T): Compact<T> {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Compact<T>;
}

export function settingsToJson(s: Settings) {
  return compact({
    region: s.region, timeZone: s.timeZone,
    workday: { start: formatClock(s.workday.start), end: formatClock(s.workday.end), days: [...s.workday.days] },
    protocol: Object.keys(s.protocol).length > 0 ? s.protocol : undefined,
  });
}

export function candidateToJson(c: Candidate) {
  return compact({
    name: c.name, email: c.email, phone: c.phone, address: c.address, signature: c.signature,
    preferredChannel: c.preferredChannel, local: c.local,
    references: c.references.map((r) => compact({ ...r })),
  });
}

export function personToJson(p: Person) {
  return compact({ ...p });
}

export function interviewToJson(iv: Interview, zone: ZoneRules) {
  return compact({
    id: iv.id, start: zone.format(iv.start), end: zone.format(iv.end), timeZone: iv.timeZone, stage: iv.stage,
    format: iv.format, panel: iv.panel, panelLeadId: iv.panelLeadId, peopleIds: [...iv.peopleIds],
    timeline: compact({ said: iv.timeline.said, decisionBy: iv.timeline.decisionBy === undefined ? undefined : formatDay(iv.timeline.decisionBy) }),
    goAhead: iv.goAhead,
    directions: iv.directions
      ? compact({ channel: iv.directions.channel, on: iv.directions.on === undefined ? undefined : formatDay(iv.directions.on), personId: iv.directions.personId })
      : undefined,
    contactId: iv.contactId, referencesRequested: iv.referencesRequested,
    debrief: iv.debrief ? compact({ ...iv.debrief }) : undefined,
  });
}

export function touchToJson(t: Touch, zone: ZoneRules) {
  return compact({
    at: zone.format(t.at), personId: t.personId, referenceId: t.referenceId, channel: t.channel, kind: t.kind,
    outcome: t.outcome, text: t.text, newDecisionBy: t.newDecisionBy === undefined ? undefined : formatDay(t.newDecisionBy),
  });
}

export function applicationToJson(app: Application, settings: Settings, time: TimeRules) {
  const candidateZone = time.zone(settings.timeZone);
  return compact({
    id: app.id, company: app.company, role: app.role, status: app.status,
    appliedOn: app.appliedOn === undefined ? undefined : formatDay(app.appliedOn),
    timeZone: app.timeZone, region: app.region, individualPanelNotes: app.individualPanelNotes,
    postingUrl: app.postingUrl, location: app.location, workplace: app.workplace,
    salary: app.salary ? compact({ ...app.salary }) : undefined, source: app.source, sourceId: app.sourceId,
    description: app.description, notes: app.notes, tags: app.tags ? [...app.tags] : undefined,
    people: app.people.map(personToJson),
    interviews: app.interviews.map((iv) => interviewToJson(iv, time.zone(iv.timeZone))),
    touches: app.touches.map((t) => touchToJson(t, candidateZone)),
    protocol: Object.keys(app.protocol).length > 0 ? app.protocol : undefined,
  });
}

export function scenarioToJson(s: Scenario, time: TimeRules) {
  return {
    settings: settingsToJson(s.settings),
    candidate: candidateToJson(s.candidate),
    applications: s.applications.map((a) => applicationToJson(a, s.settings, time)),
  };
}
