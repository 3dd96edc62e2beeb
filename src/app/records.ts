/**
 * Use cases that record things: the profile, applications, people, interviews, touches, references.
 * Input comes in the scenario document's shape (CONTRACT.md), is validated with the application it
 * joins (so person ids resolve), and every action is one transaction that also refreshes the
 * application's indexed next due action.
 */
import { isEmailAddress, isPhoneNumber } from '../core/contact.js';
import type { Application, ApplicationStatus, Candidate, Scenario, Settings } from '../core/model.js';
import { plan } from '../core/rules/planner.js';
import type { Recommendation } from '../core/rules/plan-types.js';
import { readTimeline, type TimelineReading } from '../core/rules/timeline.js';
import { parseScenario, type ScenarioIssue } from '../core/scenario.js';
import { applicationToJson, candidateToJson, settingsToJson } from '../core/scenario-json.js';
import type { EpochMs, TimeRules, ZoneRules } from '../core/time.js';
import { AppError, type Problem } from './errors.js';
import type { ApplicationContext, Clock, ProfileRecords, Store, UserId } from './ports.js';

export interface AppDeps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
  readonly userId: UserId;
}

export interface Profile {
  readonly settings: Settings;
  readonly candidate: Candidate;
}

type Json = Record<string, unknown>;

const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);

/** The debrief's text fields in the words its form and prompts use. */
export const DEBRIEF_WORDS: Readonly<Record<string, string>> = {
  bestMoments: 'Best moments', awkwardMoments: 'Awkward moments', unfinishedAnswers: 'Questions you did not answer fully',
  concerns: 'Anything that rubbed you the wrong way',
};

/** A debrief field in the words its form and prompt use ("Best moments", "The detail from Grace Okafor's conversation"). */
function debriefFieldInWords(field: string, app: Json | undefined): string | undefined {
  const m = /\.debrief\.(?:details\.(.+)|(\w+))$/.exec(field);
  if (!m) return undefined;
  if (m[2] !== undefined) return DEBRIEF_WORDS[m[2]];
  const people = Array.isArray(app?.['people']) ? (app['people'] as unknown[]) : [];
  const person = people.find((p): p is Json => typeof p === 'object' && p !== null && (p as Json)['id'] === m[1]);
  const name = typeof person?.['name'] === 'string' ? person['name'] : undefined;
  return name !== undefined ? detailFrom(name) : 'The detail for one person';
}

/** "The detail from Grace Okafor's conversation". */
export function detailFrom(name: string): string {
  return `The detail from ${name}\u2019s conversation`;
}

/**
 * Turns the first issue into an AppError naming `<record>.<field>` (in `field`, for the edges to
 * name their way); a debrief field is named in words in the message.
 */
function issueError(issue: ScenarioIssue, prefix: string, record: string, app?: Json): AppError {
  const field = prefix !== '' && issue.path.startsWith(prefix) ? `${record}.${issue.path.slice(prefix.length)}` : issue.path;
  const words = debriefFieldInWords(field, app);
  const problem: Problem = { reason: 'record.invalid', params: { issue: issue.message } };
  if (field === '') return new AppError(problem);
  return new AppError(problem, { path: field, ...(words !== undefined ? { at: words } : {}) });
}

/**
 * Saves a validated application; a value the store refuses (NUL, a lone surrogate, a leading
 * U+FEFF) is named like a validation issue of the record being edited (`person.title`, not
 * `application.people[2].title`), so the CLI can name the flag.
 */
async function saveValidated(store: Store, userId: UserId, app: Application, prefix: string, record: string): Promise<void> {
  try {
    await store.saveApplication(userId, app);
  } catch (error) {
    if (!(error instanceof AppError) || error.field === undefined || error.detail === undefined) throw error;
    const path = error.field.replace(/^application\./, 'applications[0].');
    if (!path.startsWith(prefix)) throw error;
    const field = `${record}.${path.slice(prefix.length)}`;
    const words = debriefFieldInWords(field, undefined);
    throw error.repathed(field, words);
  }
}

/** What reading the profile needs of a store. */
export type ProfileDeps = Pick<AppDeps, 'userId'> & { readonly store: Pick<Store, 'getProfileRecords'> };

export async function getProfile(deps: ProfileDeps): Promise<Profile | undefined> {
  return profileOf(await deps.store.getProfileRecords(deps.userId));
}

/** The profile in records read with it (the agenda's, an application's context); undefined before setup. */
export function profileOf(records: ProfileRecords): Profile | undefined {
  return records.settings ? { settings: records.settings, candidate: records.candidate } : undefined;
}

export async function requireProfile(deps: ProfileDeps): Promise<Profile> {
  const profile = await getProfile(deps);
  if (!profile) throw noProfileError();
  return profile;
}

/** Now, to the second, written in `zone`: when a touch recorded without a time was sent. */
export function sentNow(deps: Pick<AppDeps, 'clock'>, zone: ZoneRules): string {
  return zone.format(Math.floor(deps.clock.now() / 1000) * 1000);
}

/**
 * The profile and one application of the user, read together (one query): what a use case about
 * that application needs first. Throws before setup, or when the application is not theirs.
 */
export async function profileAndApplication(store: Store, userId: UserId, applicationId: string): Promise<{ profile: Profile; app: Application; context: ApplicationContext }> {
  const context = await store.getApplicationContext(userId, applicationId);
  const profile = profileOf(context);
  if (!profile) throw noProfileError();
  const app = context.application;
  if (!app) throw applicationNotFound(applicationId);
  return { profile, app, context };
}

export function applicationNotFound(applicationId: string): AppError {
  return new AppError({ reason: 'application.not_found', params: { id: applicationId } }, { path: 'application', at: null });
}

export function noProfileError(): AppError {
  return new AppError({ reason: 'profile.missing' });
}

/** The debrief texts of an application as stored, by interview and field: kept when over today's limit (ParseOptions). */
function storedDebriefs(app: Application | undefined): ReadonlyMap<string, string> {
  const texts = new Map<string, string>();
  for (const iv of app?.interviews ?? []) {
    const { bestMoments, awkwardMoments, unfinishedAnswers, concerns, details } = iv.debrief ?? {};
    const fields = { bestMoments, awkwardMoments, unfinishedAnswers, concerns, ...Object.fromEntries(Object.entries(details ?? {}).map(([id, t]) => [`details.${id}`, t])) };
    for (const [field, text] of Object.entries(fields)) if (text !== undefined) texts.set(`${iv.id}.${field}`, text);
  }
  return texts;
}

/**
 * Validates a whole application (with the profile) and returns it as the model has it; `stored` is
 * the application as saved before this edit, whose long debrief texts stay accepted.
 */
function validateApplication(profile: Profile, time: TimeRules, appJson: Json, prefix: string, record: string, stored?: Application): Application {
  const result = parseScenario({
    settings: settingsToJson(profile.settings), candidate: candidateToJson(profile.candidate), applications: [appJson],
  }, time, { storedDebriefs: storedDebriefs(stored) });
  if (!result.ok) {
    const first = result.issues[0];
    throw first ? issueError(first, prefix, record, appJson) : new AppError({ reason: 'record.invalid', params: { issue: 'invalid' } }, { path: record });
  }
  const app = result.value.applications[0];
  if (!app) throw new AppError({ reason: 'record.vanished', params: { what: 'validated application' } });
  return app;
}

/**
 * Plans one application and keeps indexed the moment its first pending action can be done: the
 * smallest `earliest` of them (not the soonest ideal: a check whose window has opened is due now
 * even when its ideal day is later in the week, and "what is due" must find it).
 */
export async function refreshNextDue(store: Store, deps: Pick<AppDeps, 'time' | 'clock' | 'userId'>, profile: Profile, app: Application): Promise<Recommendation | undefined> {
  const scenario: Scenario = { settings: profile.settings, candidate: profile.candidate, applications: [app] };
  const recs = plan(scenario, { now: deps.clock.now(), time: deps.time }).recommendations;
  let next: Recommendation | undefined;
  for (const r of recs) if (PENDING.has(r.status) && (next === undefined || r.earliest < next.earliest)) next = r;
  await store.setNextDue(deps.userId, app.id, next ? next.earliest : null, next ? next.kind : null);
  return next;
}

/** The next free id such as `a3` among `taken`. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The user's own email and phone, checked as every edge checks them (core/contact.ts): drafts and .eml files use them. */
function checkContact(candidate: Profile['candidate']): void {
  if (candidate.email !== undefined && !isEmailAddress(candidate.email)) throw new AppError({ reason: 'email.not_address', params: { value: candidate.email } }, { path: 'candidate.email' });
  if (candidate.phone !== undefined && !isPhoneNumber(candidate.phone)) throw new AppError({ reason: 'phone.not_number', params: { value: candidate.phone } }, { path: 'candidate.phone' });
}

/** What a blank name field is called in an error ("the company's name"). */
const NAMED: Readonly<Record<string, string>> = { company: 'the company\u2019s name', role: 'the role', name: 'their full name' };

/** The profile's name trimmed; one of spaces only refused (`candidate.name`). */
function tidyCandidate(candidateJson: Json): Json {
  const name = candidateJson['name'];
  if (typeof name !== 'string' || name === '') return candidateJson;
  if (name.trim() === '') throw new AppError({ reason: 'name.blank', params: { write: 'your full name' } }, { path: 'candidate.name' });
  return { ...candidateJson, name: name.trim() };
}

/**
 * A new record as typed, made ready to validate: its name fields (`names`) trimmed, and blank ones,
 * an email that is not one and a phone that is not one refused, each naming `<record>.<field>`.
 */
export function tidyRecord(input: Json, record: string, names: readonly string[]): Json {
  const out: Json = { ...input };
  for (const field of names) {
    const value = out[field];
    // An empty one is the schema's to refuse ("must not be empty"), or a profile's name not given yet.
    if (typeof value !== 'string' || value === '') continue;
    const trimmed = value.trim();
    if (trimmed === '') throw new AppError({ reason: 'name.blank', params: { write: NAMED[field] ?? 'it' } }, { path: `${record}.${field}` });
    out[field] = trimmed;
  }
  for (const [field, ok, reason] of [['email', isEmailAddress, 'email.not_address'], ['phone', isPhoneNumber, 'phone.not_number']] as const) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      delete out[field];
    } else if (!ok(value)) {
      throw new AppError({ reason, params: { value } }, { path: `${record}.${field}` });
    } else {
      out[field] = value.trim();
    }
  }
  return out;
}

/** Saves the profile (settings and candidate) after validating them together. */
export async function saveProfile(deps: AppDeps, settingsJson: Json, candidateJson: Json): Promise<Profile> {
  const result = parseScenario({ settings: settingsJson, candidate: tidyCandidate(candidateJson), applications: [] }, deps.time);
  if (!result.ok) {
    const first = result.issues[0];
    throw first ? issueError(first, '', '') : new AppError({ reason: 'record.invalid', params: { issue: 'invalid profile' } });
  }
  const profile: Profile = { settings: result.value.settings, candidate: result.value.candidate };
  checkContact(profile.candidate);
  await deps.store.transaction(async (store) => {
    await store.saveSettings(deps.userId, profile.settings);
    await store.saveCandidate(deps.userId, profile.candidate);
    for (const app of (await store.loadScenario(deps.userId))?.applications ?? []) await refreshNextDue(store, deps, profile, app);
  });
  return profile;
}

export interface Saved {
  readonly application: Application;
  readonly next?: Recommendation;
}

export async function addApplication(deps: AppDeps, input: Json): Promise<Saved> {
  return deps.store.transaction(async (store) => {
    const profile = await requireProfile({ ...deps, store });
    const taken = (await store.listApplications(deps.userId)).map((a) => a.id);
    const id = typeof input['id'] === 'string' && input['id'] !== '' ? input['id'] : nextId('a', taken);
    if (taken.includes(id)) {
      throw new AppError({ reason: 'application.id_taken', params: { id } }, { path: 'application.id' });
    }
    const app = validateApplication(profile, deps.time, { people: [], interviews: [], touches: [], ...tidyRecord(input, 'application', ['company', 'role']), id }, 'applications[0].', 'application');
    await saveValidated(store, deps.userId, app, 'applications[0].', 'application');
    const next = await refreshNextDue(store, deps, profile, app);
    return next ? { application: app, next } : { application: app };
  });
}

interface Edited {
  /** Where the edited record sits in the validated document, and what to call it in errors. */
  readonly prefix: string;
  readonly record: string;
}

/** What a caller already read, in its own transaction, which the edit then joins. */
export interface Known {
  readonly profile: Profile;
  readonly current: Application;
}

/**
 * Edits an application as a whole (the edited record is validated with everything it refers to)
 * and saves it; `appended` saves a touch added at the end by appending that one row instead.
 */
async function editApplication(deps: AppDeps, applicationId: string, edit: (json: Json, app: Application) => Edited, appended?: 'touch', known?: Known): Promise<Saved> {
  // Known records were read in the caller's transaction: the edit is part of it, not a savepoint.
  const inTransaction = <T>(fn: (store: Store) => Promise<T>): Promise<T> => known ? fn(deps.store) : deps.store.transaction(fn);
  return inTransaction(async (store) => {
    const profile = known?.profile ?? await requireProfile({ ...deps, store });
    const current = known?.current ?? await store.getApplication(deps.userId, applicationId);
    if (!current) throw applicationNotFound(applicationId);
    const json = applicationToJson(current, profile.settings, deps.time);
    const { prefix, record } = edit(json, current);
    const app = validateApplication(profile, deps.time, json, prefix, record, current);
    const touch = app.touches[app.touches.length - 1];
    if (appended === 'touch' && touch && app.touches.length === current.touches.length + 1) {
      // The store names a value it cannot keep as `touch.<field>`, as a validation issue would.
      await store.addTouch(deps.userId, app.id, touch);
    } else {
      await saveValidated(store, deps.userId, app, prefix, record);
    }
    const next = await refreshNextDue(store, deps, profile, app);
    return next ? { application: app, next } : { application: app };
  });
}

const RECORD_NAMES = { people: 'person', interviews: 'interview', touches: 'touch' } as const;

function pushRecord(json: Json, key: keyof typeof RECORD_NAMES, record: Json): Edited {
  const list = Array.isArray(json[key]) ? (json[key] as unknown[]) : [];
  json[key] = [...list, record];
  return { prefix: `applications[0].${key}[${list.length}].`, record: RECORD_NAMES[key] };
}

export function addPerson(deps: AppDeps, applicationId: string, input: Json): Promise<Saved> {
  return editApplication(deps, applicationId, (json, app) =>
    pushRecord(json, 'people', { ...tidyRecord(input, 'person', ['name']), id: typeof input['id'] === 'string' ? input['id'] : nextId('p', app.people.map((p) => p.id)) }));
}

export function addInterview(deps: AppDeps, applicationId: string, input: Json): Promise<Saved> {
  return editApplication(deps, applicationId, (json, app) =>
    pushRecord(json, 'interviews', { ...input, id: typeof input['id'] === 'string' ? input['id'] : nextId('i', app.interviews.map((i) => i.id)) }));
}

/** Touches the protocol sends to someone: a thank-you, a status check, a call (its voicemail too). */
const TO_A_PERSON: Readonly<Record<string, string>> = { thank_you: 'a thank-you', status_check: 'a status check', call: 'a call', voicemail: 'a call' };

/** Refuses a thank-you, a status check or a call that names no person, listing the application's people by id. */
export function requirePerson(input: Json, app: Application): void {
  const kind = input['kind'];
  const personId = input['personId'];
  if (typeof kind === 'string' && Object.hasOwn(TO_A_PERSON, kind) && (typeof personId !== 'string' || personId.trim() === '')) throw personNeeded(kind, app);
}

function personNeeded(kind: string, app: Application): AppError {
  const people = app.people.map((p) => `${p.id} (${p.name})`);
  return new AppError({ reason: 'touch.person_needed', params: { what: TO_A_PERSON[kind] ?? 'this', people } }, { path: 'touch.personId' });
}

export function addTouch(deps: AppDeps, applicationId: string, input: Json, known?: Known): Promise<Saved> {
  return editApplication(deps, applicationId, (json) => pushRecord(json, 'touches', input), 'touch', known);
}

export function setApplicationStatus(deps: AppDeps, applicationId: string, status: ApplicationStatus): Promise<Saved> {
  return editApplication(deps, applicationId, (json) => {
    json['status'] = status;
    return { prefix: 'applications[0].', record: 'application' };
  });
}

export async function addReference(deps: AppDeps, input: Json): Promise<Candidate> {
  return deps.store.transaction(async (store) => {
    const profile = await requireProfile({ ...deps, store });
    const id = typeof input['id'] === 'string' ? input['id'] : nextId('r', profile.candidate.references.map((r) => r.id));
    const candidateJson: Json = candidateToJson(profile.candidate);
    const refs = Array.isArray(candidateJson['references']) ? (candidateJson['references'] as unknown[]) : [];
    candidateJson['references'] = [...refs, { ...tidyRecord(input, 'reference', ['name']), id }];
    const result = parseScenario({ settings: settingsToJson(profile.settings), candidate: candidateJson, applications: [] }, deps.time);
    if (!result.ok) {
      const first = result.issues[0];
      throw first ? issueError(first, `candidate.references[${refs.length}].`, 'reference') : new AppError({ reason: 'record.invalid', params: { issue: 'invalid reference' } });
    }
    const reference = result.value.candidate.references[refs.length];
    if (!reference) throw new AppError({ reason: 'record.vanished', params: { what: 'validated reference' } });
    await store.saveReference(deps.userId, reference);
    return result.value.candidate;
  });
}

/** How the employer's words of an interview were understood (F0), for showing before saving. */
export function understandTimeline(profile: Profile, time: TimeRules, said: string, interviewStart: EpochMs, zone: string): TimelineReading {
  const z = time.zone(zone);
  return readTimeline(said, z.dayAt(interviewStart), time.calendar(profile.settings.region, profile.settings.workday.days));
}

/** The application's own fields `edit` changes (people, interviews, touches and the status have their own commands and routes). */
export const EDITABLE_APPLICATION_FIELDS = [
  'company', 'role', 'appliedOn', 'timeZone', 'region', 'individualPanelNotes',
  'postingUrl', 'location', 'workplace', 'salary', 'source', 'sourceId', 'description', 'notes', 'tags',
] as const;

/** A person's fields `edit person` changes. */
export const EDITABLE_PERSON_FIELDS = ['name', 'honorific', 'title', 'role', 'email', 'phone', 'address', 'timeZone', 'region', 'preferredChannel', 'informal', 'verified', 'notes'] as const;

/** `changes` applied to `json`: a field given null or "" is cleared, one not given is kept, an unknown one is refused. */
function applyChanges(json: Json, changes: Json, tidied: Json, allowed: readonly string[], record: string): void {
  for (const [key, given] of Object.entries(changes)) {
    const value = given === '' || given === null ? given : tidied[key];
    if (!allowed.includes(key)) {
      throw new AppError({ reason: 'field.not_editable', params: { allowed } }, { path: `${record}.${key}` });
    }
    if (value === null || value === '' || value === undefined) delete json[key];
    else json[key] = value;
  }
}

/**
 * Changes an application's own fields (company, role, dates, the details) in one transaction;
 * validated whole, so a wrong value changes nothing and is named as `application.<field>`.
 */
export function editApplicationFields(deps: AppDeps, applicationId: string, changes: Json): Promise<Saved> {
  return editApplication(deps, applicationId, (json) => {
    const names = ['company', 'role'].filter((k) => k in changes && changes[k] !== '' && changes[k] !== null);
    const tidy = tidyRecord(changes, 'application', names);
    for (const k of ['company', 'role']) {
      if (k in changes && (changes[k] === '' || changes[k] === null)) {
        throw new AppError({ reason: 'name.empty', params: { write: NAMED[k] ?? 'it' } }, { path: `application.${k}` });
      }
    }
    applyChanges(json, changes, tidy, EDITABLE_APPLICATION_FIELDS, 'application');
    return { prefix: 'applications[0].', record: 'application' };
  });
}

/** Changes one person's fields (their notes, title, contact details…); validated with the application. */
export function editPersonFields(deps: AppDeps, applicationId: string, personId: string, changes: Json): Promise<Saved> {
  return editApplication(deps, applicationId, (json, app) => {
    const at = app.people.findIndex((p) => p.id === personId);
    if (at < 0) {
      throw new AppError({ reason: 'person.not_on_application', params: { id: personId, people: app.people.map((p) => `${p.id} (${p.name})`) } }, { path: 'person' });
    }
    const people = (json['people'] as Json[]).map((p) => ({ ...p }));
    const person = people[at] as Json;
    const names = 'name' in changes && changes['name'] !== '' ? ['name'] : [];
    if ('name' in changes && (changes['name'] === '' || changes['name'] === null)) {
      throw new AppError({ reason: 'name.empty', params: { write: 'their full name' } }, { path: 'person.name' });
    }
    applyChanges(person, changes, tidyRecord(changes, 'person', names), EDITABLE_PERSON_FIELDS, 'person');
    json['people'] = people;
    return { prefix: `applications[0].people[${at}].`, record: 'person' };
  });
}
