/**
 * From a scenario and ids to a resolved `DraftInput`: finds the application, the person or
 * reference and the interview, dates the interview in its own zone and resolves the employer's
 * decision date (a reply's new date, else the timeline's date, else its words read by F0).
 */
import type { Application, Interview, Person, Scenario } from '../model.js';
import { resolveParams } from '../rules/params.js';
import { readTimeline } from '../rules/timeline.js';
import type { Day, TimeRules } from '../time.js';
import type { Speller } from '../tone/types.js';
import { englishOf } from './words.js';
import { DRAFT_KINDS, isDraftKind, type DraftInput, type DraftKind, type InterviewOn, type PersonDraftInput, type PersonDraftKind } from './types.js';

/** `thank_you` picks the note T3/T4 call for: the panel note for a panel lead, a letter when preferred, else email. */
export const REQUEST_KINDS = ['thank_you', ...DRAFT_KINDS] as const;

export interface DraftRequest {
  readonly applicationId: string;
  /** One of `REQUEST_KINDS`; anything else is reported as `unknown_kind`. */
  readonly kind: string;
  readonly personId?: string;
  readonly referenceId?: string;
  /** Default: the latest interview the person took part in, else the application's latest. */
  readonly interviewId?: string;
  readonly note?: string;
  readonly today?: Day;
  /** The L12 dictionary, for drafts that correct obvious typos in the debrief. */
  readonly speller?: Speller;
}

export type DraftLookupError =
  | { readonly code: 'unknown_kind'; readonly id: string; readonly known: readonly string[] }
  | { readonly code: 'unknown_application'; readonly id: string; readonly known: readonly string[] }
  | { readonly code: 'unknown_person'; readonly id: string; readonly applicationId: string; readonly known: readonly string[] }
  | { readonly code: 'unknown_reference'; readonly id: string; readonly known: readonly string[] }
  | { readonly code: 'unknown_interview'; readonly id: string; readonly applicationId: string; readonly known: readonly string[] }
  | { readonly code: 'missing_person'; readonly kind: DraftKind; readonly known: readonly string[] }
  | { readonly code: 'missing_reference'; readonly known: readonly string[] }
  | { readonly code: 'no_interview'; readonly applicationId: string };

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DraftLookupError };

const fail = <T>(error: DraftLookupError): Resolved<T> => ({ ok: false, error });

function latest(interviews: readonly Interview[]): Interview | undefined {
  let best: Interview | undefined;
  for (const iv of interviews) if (best === undefined || iv.start > best.start) best = iv;
  return best;
}

function dated(iv: Interview, time: TimeRules): InterviewOn {
  return { interview: iv, day: time.zone(iv.timeZone).dayAt(iv.start) };
}

/** F6 then F0: the newest date given in a reply after the interview, else the interview's timeline. */
function decisionDate(scenario: Scenario, app: Application, on: InterviewOn, person: Person | undefined, time: TimeRules): Day | undefined {
  let newest: { at: number; day: Day } | undefined;
  for (const t of app.touches) {
    if (t.newDecisionBy === undefined || t.at < on.interview.start) continue;
    if (newest === undefined || t.at >= newest.at) newest = { at: t.at, day: t.newDecisionBy };
  }
  if (newest !== undefined) return newest.day;
  const { timeline } = on.interview;
  if (timeline.decisionBy !== undefined) return timeline.decisionBy;
  if (timeline.said === undefined) return undefined;
  const region = person?.region ?? app.region ?? scenario.settings.region;
  const reading = readTimeline(timeline.said, on.day, time.calendar(region, scenario.settings.workday.days));
  return reading.ok ? reading.day : undefined;
}

function pickInterview(app: Application, interviewId: string | undefined, personId: string | undefined): Resolved<Interview | undefined> {
  if (interviewId !== undefined) {
    const iv = app.interviews.find((x) => x.id === interviewId);
    return iv ? { ok: true, value: iv } : fail({ code: 'unknown_interview', id: interviewId, applicationId: app.id, known: app.interviews.map((x) => x.id) });
  }
  const theirs = personId === undefined ? [] : app.interviews.filter((x) => x.peopleIds.includes(personId));
  return { ok: true, value: latest(theirs) ?? latest(app.interviews) };
}

function panelNote(scenario: Scenario, app: Application, iv: Interview, person: Person): boolean {
  const individual = app.individualPanelNotes || resolveParams(scenario.settings.protocol, app.protocol).T3.panelNote === 'individual';
  return iv.panel && iv.panelLeadId === person.id && !individual;
}

function concreteKind(kind: PersonDraftKind | 'thank_you', scenario: Scenario, app: Application, iv: Interview, person: Person): PersonDraftKind {
  if (kind !== 'thank_you') return kind;
  if (panelNote(scenario, app, iv, person)) return 'thank_you_panel';
  return person.preferredChannel === 'letter' ? 'thank_you_letter' : 'thank_you_email';
}

/** The companies of the candidate's other applications (L8 watches for them). */
export function otherCompaniesOf(scenario: Scenario, app: Application): string[] {
  return scenario.applications.filter((a) => a.id !== app.id).map((a) => a.company);
}

/** What every draft of an application is written with: the profile's English, the other companies, the dictionary. */
export function writingFor(scenario: Scenario, app: Application, speller: Speller | undefined): Pick<PersonDraftInput, 'english' | 'otherCompanies' | 'speller'> {
  return { english: englishOf(scenario.settings.region), otherCompanies: otherCompaniesOf(scenario, app), ...(speller !== undefined ? { speller } : {}) };
}

/** Resolves a request against the scenario; every failure names what is known instead. */
export function resolveDraftInput(scenario: Scenario, req: DraftRequest, time: TimeRules): Resolved<DraftInput> {
  const kind = req.kind === 'thank_you' || isDraftKind(req.kind) ? req.kind : undefined;
  if (kind === undefined) return fail({ code: 'unknown_kind', id: req.kind, known: REQUEST_KINDS });
  const app = scenario.applications.find((a) => a.id === req.applicationId);
  if (!app) return fail({ code: 'unknown_application', id: req.applicationId, known: scenario.applications.map((a) => a.id) });
  const common = {
    candidate: scenario.candidate, application: app, ...writingFor(scenario, app, req.speller),
    ...(req.note !== undefined ? { note: req.note } : {}), ...(req.today !== undefined ? { today: req.today } : {}),
  };

  if (kind === 'reference_brief') {
    const known = scenario.candidate.references.map((r) => r.id);
    if (req.referenceId === undefined) return fail({ code: 'missing_reference', known });
    const reference = scenario.candidate.references.find((r) => r.id === req.referenceId);
    if (!reference) return fail({ code: 'unknown_reference', id: req.referenceId, known });
    const iv = pickInterview(app, req.interviewId, undefined);
    if (!iv.ok) return iv;
    const on = iv.value ? dated(iv.value, time) : undefined;
    const decisionBy = on ? decisionDate(scenario, app, on, undefined, time) : undefined;
    return {
      ok: true,
      value: { ...common, kind, reference, ...(on ? { interview: on } : {}), ...(decisionBy !== undefined ? { decisionBy } : {}) },
    };
  }

  const knownPeople = app.people.map((p) => p.id);
  if (req.personId === undefined) return fail({ code: 'missing_person', kind: kind === 'thank_you' ? 'thank_you_email' : kind, known: knownPeople });
  const person = app.people.find((p) => p.id === req.personId);
  if (!person) return fail({ code: 'unknown_person', id: req.personId, applicationId: app.id, known: knownPeople });
  const iv = pickInterview(app, req.interviewId, person.id);
  if (!iv.ok) return iv;
  if (!iv.value) return fail({ code: 'no_interview', applicationId: app.id });
  const on = dated(iv.value, time);
  const decisionBy = decisionDate(scenario, app, on, person, time);
  const input: PersonDraftInput = {
    ...common, kind: concreteKind(kind, scenario, app, iv.value, person), person, interview: on,
    ...(decisionBy !== undefined ? { decisionBy } : {}),
  };
  return { ok: true, value: input };
}

const THANKED = new Set<Person['role']>(['interviewer', 'hiring_manager', 'recruiter', 'coordinator', 'other']);

/**
 * T1/T3: the thank-you notes one interview calls for: one per person met, or one panel note to the
 * lead (the others in CC) unless individual notes were chosen. Unknown ids give an empty list.
 */
export function thankYouInputs(scenario: Scenario, applicationId: string, interviewId: string, time: TimeRules, speller?: Speller): PersonDraftInput[] {
  const app = scenario.applications.find((a) => a.id === applicationId);
  const iv = app?.interviews.find((x) => x.id === interviewId);
  if (!app || !iv) return [];
  const on = dated(iv, time);
  const met = iv.peopleIds
    .map((id) => app.people.find((p) => p.id === id))
    .filter((p): p is Person => p !== undefined && THANKED.has(p.role));
  const lead = met.find((p) => panelNote(scenario, app, iv, p));
  const recipients = lead ? [lead] : met;
  return recipients.map((person) => ({
    kind: concreteKind('thank_you', scenario, app, iv, person), candidate: scenario.candidate, application: app, person, interview: on,
    ...writingFor(scenario, app, speller),
  }));
}
