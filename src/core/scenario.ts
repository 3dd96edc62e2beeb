/**
 * The scenario document of CONTRACT.md (`afterword plan --scenario FILE`) parsed into the model.
 * Extra fields are ignored; missing optional fields take the protocol's defaults; every error names
 * the JSON path at fault and how to fix it.
 */
import { z } from 'zod';
import {
  APPLICATION_STATUSES, CHANNELS, FORMATS, OUTCOMES, PERSON_ROLES, STAGES, TOUCH_KINDS,
  type Application, type ApplicationStatus, type Channel, type Directions, type PersonRole, type Candidate, type Debrief, type Interview, type Person, type Scenario, type Settings, type Touch,
} from './model.js';
import { readDetails, readPersonNotes } from './details.js';
import { overridesSchema, type ProtocolOverrides } from './rules/params.js';
import { parseClock, parseDay, parseInstant, type Day, type TimeRules, type Weekday } from './time.js';

export interface ScenarioIssue {
  /** JSON path such as `applications[0].interviews[1].timeZone` (empty for the document). */
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const opt = <T extends z.ZodType>(schema: T) => schema.nullish();
const text = z.string().max(10_000);
/** The most characters (code points) in one debrief text field: a few sentences, not a transcript. */
export const DEBRIEF_MAX = 2_000;

/** What is said of a debrief text over DEBRIEF_MAX (`length` in Unicode characters). */
export function debriefTooLong(length: number): string {
  return `${length.toLocaleString('en-US')} characters; the most is ${DEBRIEF_MAX.toLocaleString('en-US')} — shorten it`;
}
// Debrief texts are measured (and refused with their length) after parsing; this only bounds the work.
const debriefText = z.string().max(1_000_000, `over 1,000,000 characters; the most is ${DEBRIEF_MAX.toLocaleString('en-US')} — shorten it`);
const id = z.string().min(1, 'must not be empty').max(200);
const WEEKDAY_NAMES: Readonly<Record<string, Weekday>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

const settingsSchema = z.object({
  region: z.string().max(20),
  timeZone: z.string().max(64),
  workday: opt(z.object({
    start: opt(z.string()),
    end: opt(z.string()),
    days: opt(z.array(z.union([z.number().int().min(1).max(7), z.string().max(9)])).min(1).max(7)),
  })),
  protocol: opt(overridesSchema),
});

const referenceSchema = z.object({
  id, name: text.min(1), email: opt(text), phone: opt(text), relationship: opt(text), speakTo: opt(text),
  timeZone: opt(z.string().max(64)), briefed: opt(z.boolean()),
});

const candidateSchema = z.object({
  name: opt(text), email: opt(text), phone: opt(text), address: opt(text), signature: opt(text),
  preferredChannel: opt(z.enum(CHANNELS)), local: opt(z.boolean()),
  references: opt(z.array(referenceSchema).max(100)),
});

const personSchema = z.object({
  id, name: text.min(1, 'must not be empty'), honorific: opt(text), title: opt(text),
  role: opt(z.enum(PERSON_ROLES)), email: opt(text), phone: opt(text), address: opt(text),
  timeZone: opt(z.string().max(64)), region: opt(z.string().max(20)), preferredChannel: opt(z.enum(CHANNELS)),
  informal: opt(z.boolean()), verified: opt(z.boolean()),
  // Read and limited by core/details.ts, which names the fix.
  notes: z.unknown().optional(),
});

const interviewSchema = z.object({
  id,
  start: z.string().max(64),
  end: z.string().max(64),
  timeZone: opt(z.string().max(64)),
  stage: z.enum(STAGES),
  format: opt(z.enum(FORMATS)),
  panel: opt(z.boolean()),
  panelLeadId: opt(id),
  peopleIds: opt(z.array(id).max(100)),
  timeline: opt(z.object({ said: opt(text), decisionBy: opt(z.string().max(32)) })),
  goAhead: opt(z.boolean()),
  directions: opt(z.object({ channel: opt(z.enum(CHANNELS)), on: opt(z.string().max(32)), personId: opt(id) })),
  contactId: opt(id),
  referencesRequested: opt(z.boolean()),
  debrief: opt(z.object({
    askedNextSteps: opt(z.boolean()), collectedContacts: opt(z.boolean()), bestMoments: opt(debriefText),
    awkwardMoments: opt(debriefText), unfinishedAnswers: opt(debriefText), details: opt(z.record(z.string().max(200), debriefText)),
    concerns: opt(debriefText),
  })),
});

const touchSchema = z.object({
  at: z.string().max(64),
  personId: opt(id),
  referenceId: opt(id),
  channel: opt(z.enum(CHANNELS)),
  kind: z.enum(TOUCH_KINDS),
  outcome: opt(z.enum(OUTCOMES)),
  text: opt(z.string().max(1_000_000)),
  newDecisionBy: opt(z.string().max(32)),
});

const applicationSchema = z.object({
  id, company: text.min(1, 'must not be empty'), role: text.min(1, 'must not be empty'),
  status: opt(z.enum(APPLICATION_STATUSES)), appliedOn: opt(z.string().max(32)),
  timeZone: opt(z.string().max(64)), region: opt(z.string().max(20)), individualPanelNotes: opt(z.boolean()),
  people: opt(z.array(personSchema).max(1000)),
  interviews: opt(z.array(interviewSchema).max(1000)),
  touches: opt(z.array(touchSchema).max(100_000)),
  protocol: opt(overridesSchema),
  // The details are read and limited by core/details.ts, which names the fix.
  postingUrl: z.unknown().optional(), location: z.unknown().optional(), workplace: z.unknown().optional(),
  salary: z.unknown().optional(), source: z.unknown().optional(), sourceId: z.unknown().optional(),
  description: z.unknown().optional(), notes: z.unknown().optional(), tags: z.unknown().optional(),
});

export const scenarioSchema = z.object({
  settings: settingsSchema,
  candidate: opt(candidateSchema),
  applications: z.array(applicationSchema).max(1_000_000),
});

type RawScenario = z.infer<typeof scenarioSchema>;

// ---------------------------------------------------------------- the document read by hand

// zod's cost per application is most of what parsing a large document costs. The hot shapes
// (applications, people, interviews, touches) are read by hand instead, for the documents zod would
// accept and give back as read here; anything else (a wrong type, a text over its limit, an object
// that JSON.parse would not make) makes readScenario give up, and zod parses the whole document:
// its issues are the errors, as before.

type Fields = Readonly<Record<string, unknown>>;
type RawApplication = RawScenario['applications'][number];
type RawPerson = NonNullable<RawApplication['people']>[number];
type RawInterview = NonNullable<RawApplication['interviews']>[number];
type RawTouch = NonNullable<RawApplication['touches']>[number];

const STAGE_SET: ReadonlySet<unknown> = new Set(STAGES);
const FORMAT_SET: ReadonlySet<unknown> = new Set(FORMATS);
const ROLE_SET: ReadonlySet<unknown> = new Set(PERSON_ROLES);
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);
const STATUS_SET: ReadonlySet<unknown> = new Set(APPLICATION_STATUSES);
const KIND_SET: ReadonlySet<unknown> = new Set(TOUCH_KINDS);
const OUTCOME_SET: ReadonlySet<unknown> = new Set(OUTCOMES);
const TEXT_MAX = 10_000;
const LONG_TEXT_MAX = 1_000_000;

/** An object as JSON.parse makes them. */
function plain(v: unknown): v is Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

type Opt<T> = T | null | undefined;
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;
// zod measures a text's limit in code points, which a text within the limit in UTF-16 units always meets.
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const optStr = (v: unknown, max: number): v is Opt<string> => absent(v) || (typeof v === 'string' && v.length <= max);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200;
const optId = (v: unknown): v is Opt<string> => absent(v) || isId(v);
const optBool = (v: unknown): v is Opt<boolean> => absent(v) || typeof v === 'boolean';
const named = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= TEXT_MAX;
const optRole = (v: unknown): v is Opt<PersonRole> => absent(v) || ROLE_SET.has(v);
const optChannel = (v: unknown): v is Opt<Channel> => absent(v) || CHANNEL_SET.has(v);
const optStatus = (v: unknown): v is Opt<ApplicationStatus> => absent(v) || STATUS_SET.has(v);

/** A person zod would accept and give back with the same values: parsing reads only the schema's keys. */
function isPerson(v: unknown): v is RawPerson {
  if (!plain(v)) return false;
  const { id, name, honorific, title, role, email, phone, address, timeZone, region, preferredChannel, informal, verified } = v;
  return isId(id) && named(name) && optStr(honorific, TEXT_MAX) && optStr(title, TEXT_MAX) && optRole(role) && optStr(email, TEXT_MAX)
    && optStr(phone, TEXT_MAX) && optStr(address, TEXT_MAX) && optStr(timeZone, 64) && optStr(region, 20) && optChannel(preferredChannel)
    && optBool(informal) && optBool(verified);
}

function isDebriefDetails(v: unknown): boolean {
  if (absent(v)) return true;
  if (!plain(v) || Object.getOwnPropertySymbols(v).length > 0) return false;
  for (const key of Object.keys(v)) {
    // zod leaves a "__proto__" key out of the record it returns.
    if (key.length > 200 || key === '__proto__' || !str(v[key], LONG_TEXT_MAX)) return false;
  }
  return true;
}

/** An interview zod would accept and give back with the same values: parsing reads only the schema's keys. */
function isInterview(v: unknown): v is RawInterview {
  if (!plain(v)) return false;
  const { id, start, end, timeZone, stage, format, panel, panelLeadId, peopleIds, timeline, goAhead, directions, contactId, referencesRequested, debrief } = v;
  if (!(isId(id) && str(start, 64) && str(end, 64) && optStr(timeZone, 64) && STAGE_SET.has(stage) && (absent(format) || FORMAT_SET.has(format))
    && optBool(panel) && optId(panelLeadId) && optBool(goAhead) && optId(contactId) && optBool(referencesRequested))) return false;
  if (!absent(peopleIds)) {
    if (!Array.isArray(peopleIds) || peopleIds.length > 100) return false;
    for (const pid of peopleIds as readonly unknown[]) if (!isId(pid)) return false;
  }
  if (!absent(timeline) && !(plain(timeline) && optStr(timeline['said'], TEXT_MAX) && optStr(timeline['decisionBy'], 32))) return false;
  if (!absent(directions) && !(plain(directions) && optChannel(directions['channel']) && optStr(directions['on'], 32) && optId(directions['personId']))) return false;
  if (absent(debrief)) return true;
  return plain(debrief) && optBool(debrief['askedNextSteps']) && optBool(debrief['collectedContacts'])
    && optStr(debrief['bestMoments'], LONG_TEXT_MAX) && optStr(debrief['awkwardMoments'], LONG_TEXT_MAX)
    && optStr(debrief['unfinishedAnswers'], LONG_TEXT_MAX) && optStr(debrief['concerns'], LONG_TEXT_MAX) && isDebriefDetails(debrief['details']);
}

/** A touch zod would accept and give back with the same values. */
function isTouch(v: unknown): v is RawTouch {
  if (!plain(v)) return false;
  const { at, personId, referenceId, channel, kind, outcome, text, newDecisionBy } = v;
  return str(at, 64) && optId(personId) && optId(referenceId) && optChannel(channel) && KIND_SET.has(kind)
    && (absent(outcome) || OUTCOME_SET.has(outcome)) && optStr(text, LONG_TEXT_MAX) && optStr(newDecisionBy, 32);
}

function allOf<T>(v: unknown, max: number, each: (item: unknown) => item is T): v is Opt<T[]> {
  if (absent(v)) return true;
  if (!Array.isArray(v) || v.length > max) return false;
  for (const item of v as readonly unknown[]) if (!each(item)) return false;
  return true;
}

/** An application zod would accept, its overrides aside (readScenario has zod read those). */
function isApplication(v: unknown): v is RawApplication {
  if (!plain(v)) return false;
  const { id, company, role, status, appliedOn, timeZone, region, individualPanelNotes, people, interviews, touches } = v;
  return isId(id) && named(company) && named(role) && optStatus(status) && optStr(appliedOn, 32) && optStr(timeZone, 64)
    && optStr(region, 20) && optBool(individualPanelNotes) && allOf(people, 1000, isPerson) && allOf(interviews, 1000, isInterview)
    && allOf(touches, 100_000, isTouch);
}

/** The document as `scenarioSchema` would give it, or undefined when zod should decide (see above). */
function readScenario(input: unknown): RawScenario | undefined {
  if (!plain(input)) return undefined;
  const settings = settingsSchema.safeParse(input['settings']);
  if (!settings.success) return undefined;
  const rawCandidate = input['candidate'];
  let candidate: RawScenario['candidate'];
  if (absent(rawCandidate)) {
    candidate = rawCandidate;
  } else {
    const read = candidateSchema.safeParse(rawCandidate);
    if (!read.success) return undefined;
    candidate = read.data;
  }
  const list = input['applications'];
  if (!Array.isArray(list) || list.length > 1_000_000) return undefined;
  const applications: RawApplication[] = [];
  for (const item of list as readonly unknown[]) {
    if (!isApplication(item)) return undefined;
    if (absent(item.protocol)) {
      applications.push(item);
    } else {
      const overrides = overridesSchema.safeParse(item.protocol);
      if (!overrides.success) return undefined;
      applications.push({ ...item, protocol: overrides.data });
    }
  }
  return { settings: settings.data, candidate, applications };
}

/** `['applications', 0, 'id']` → `applications[0].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

function zodIssue(issue: z.core.$ZodIssue, input: unknown): ScenarioIssue {
  const path = formatPath(issue.path);
  let value: unknown = input;
  for (const part of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  switch (issue.code) {
    case 'invalid_value':
      return { path, message: `${describe(value)} is not allowed; use one of ${issue.values.map((v) => String(v)).join(', ')}` };
    case 'invalid_type':
      return { path, message: value === undefined ? `is required (${issue.expected})` : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${describe(value)}` };
    // zod's own wording ("Too big: …") in words, with what was given, as DEBRIEF_MAX's are; a schema's own message stays.
    case 'too_big': {
      if (!issue.message.startsWith('Too big')) return { path, message: issue.message };
      const most = Number(issue.maximum).toLocaleString('en-US');
      if (issue.origin === 'string' && typeof value === 'string') return { path, message: `${[...value].length.toLocaleString('en-US')} characters; the most is ${most} — shorten it` };
      if (issue.origin === 'array' && Array.isArray(value)) return { path, message: `${value.length.toLocaleString('en-US')} items; the most is ${most} — remove some` };
      return { path, message: `must be ${most} or less` };
    }
    case 'too_small':
      if (!issue.message.startsWith('Too small')) return { path, message: issue.message };
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { path, message: 'must not be empty' };
      if (issue.origin === 'array') return { path, message: `needs at least ${Number(issue.minimum).toLocaleString('en-US')} item${Number(issue.minimum) === 1 ? '' : 's'}` };
      return { path, message: issue.message };
    case 'unrecognized_keys':
      return { path, message: `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; see docs/settings.md for the names` };
    default:
      return { path, message: issue.message };
  }
}

class Collector {
  readonly issues: ScenarioIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
}

const unknownZone = (zone: string): string => `unknown time zone ${describe(zone)}; use an IANA name such as "America/New_York" or "Europe/London"`;
const unknownRegion = (region: string): string => `unknown region ${describe(region)}; use an ISO 3166 code such as "US", "GB-ENG" or "DE-BY"`;
const notADay = (value: string): string => `${describe(value)} is not a real date; write it as YYYY-MM-DD, e.g. "2026-03-10"`;
const unknownPerson = (pid: string): string => `unknown person id "${pid}"; add the person to this application's people or fix the id`;

function zoneOk(c: Collector, time: TimeRules, path: string, zone: string | null | undefined): string | undefined {
  if (zone === null || zone === undefined) return undefined;
  if (!time.isKnownZone(zone)) {
    c.add(path, unknownZone(zone));
    return undefined;
  }
  return zone;
}

function regionOk(c: Collector, time: TimeRules, path: string, region: string | null | undefined): string | undefined {
  if (region === null || region === undefined) return undefined;
  if (!time.isKnownRegion(region)) {
    c.add(path, unknownRegion(region));
    return undefined;
  }
  return region;
}

/** A C0 or C1 control character other than tab and line feed (line breaks are already \n). */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

/** Where the CSI sequence (ESC [ parameters intermediates final) starting at `i` ends, or -1 when there is none. */
function endOfCsi(text: string, i: number): number {
  if (text[i + 1] !== '[') return -1;
  let j = i + 2;
  while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return j < text.length && text.charCodeAt(j) >= 0x40 && text.charCodeAt(j) <= 0x7e ? j : -1;
}

/** True when cleanDebriefText would change the text: it has a control character or a line break other than \n. */
function needsCleaning(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * Debrief text as typed, made safe to keep and to quote in a note: CR LF, CR, NEL and the Unicode
 * line and paragraph separators become \n; a vertical tab or form feed becomes a space; terminal
 * colour codes (ESC [ … m) and every other control character are removed. Tabs stay.
 */
export function cleanDebriefText(value: string): string {
  if (!needsCleaning(value)) return value;
  const text = value.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const csiEnd = code === 0x1b ? endOfCsi(text, i) : -1;
    if (csiEnd >= 0) {
      i = csiEnd;
    } else if (code === 0x0b || code === 0x0c) {
      out += ' ';
    } else if (!isControl(code)) {
      out += text[i];
    }
  }
  return out;
}

/** What parsing may take as given. */
export interface ParseOptions {
  /**
   * Debrief texts already stored, by `<interview id>.<field>` (`i1.bestMoments`, `i1.details.p1`),
   * for a document of one application: kept as they are when longer than DEBRIEF_MAX, since the
   * limit is on what is typed now and an old long debrief must not block every later edit.
   */
  readonly storedDebriefs?: ReadonlyMap<string, string>;
}

type RawDebrief = NonNullable<RawScenario['applications'][number]['interviews']>[number]['debrief'];

/** The debrief with its texts cleaned (empty ones dropped) and each checked against DEBRIEF_MAX. */
function toDebrief(c: Collector, path: () => string, interviewId: string, raw: RawDebrief, options: ParseOptions): Debrief | undefined {
  if (raw === null || raw === undefined) return undefined;
  const one = (field: string, value: string | null | undefined): string | undefined => {
    if (value === null || value === undefined) return undefined;
    const cleaned = cleanDebriefText(value);
    // Characters as people count them (an emoji is one), which never exceed UTF-16 units.
    const length = cleaned.length > DEBRIEF_MAX ? [...cleaned].length : cleaned.length;
    if (length > DEBRIEF_MAX && options.storedDebriefs?.get(`${interviewId}.${field}`) !== cleaned) {
      c.add(`${path()}.${field}`, debriefTooLong(length));
    }
    return cleaned.trim() === '' ? undefined : cleaned;
  };
  const details: Record<string, string> = {};
  if (!absent(raw.details)) {
    for (const [id, value] of Object.entries(raw.details)) {
      const cleaned = one(`details.${id}`, value);
      if (cleaned !== undefined) details[id] = cleaned;
    }
  }
  const bestMoments = one('bestMoments', raw.bestMoments);
  const awkwardMoments = one('awkwardMoments', raw.awkwardMoments);
  const unfinishedAnswers = one('unfinishedAnswers', raw.unfinishedAnswers);
  const concerns = one('concerns', raw.concerns);
  const debrief: Mutable<Debrief> = {};
  if (!absent(raw.askedNextSteps)) debrief.askedNextSteps = raw.askedNextSteps;
  if (!absent(raw.collectedContacts)) debrief.collectedContacts = raw.collectedContacts;
  if (bestMoments !== undefined) debrief.bestMoments = bestMoments;
  if (awkwardMoments !== undefined) debrief.awkwardMoments = awkwardMoments;
  if (unfinishedAnswers !== undefined) debrief.unfinishedAnswers = unfinishedAnswers;
  if (concerns !== undefined) debrief.concerns = concerns;
  if (!absent(raw.details)) debrief.details = details;
  return debrief;
}

function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null | undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], null | undefined> };
}

function toSettings(c: Collector, time: TimeRules, raw: RawScenario['settings']): Settings {
  const timeZone = zoneOk(c, time, 'settings.timeZone', raw.timeZone) ?? 'UTC';
  const region = regionOk(c, time, 'settings.region', raw.region) ?? 'US';
  const start = parseClock(raw.workday?.start ?? '09:00');
  const end = parseClock(raw.workday?.end ?? '17:00');
  if (start === null) c.add('settings.workday.start', 'must be a time as HH:MM (24 h), e.g. "09:00"');
  if (end === null) c.add('settings.workday.end', 'must be a time as HH:MM (24 h), e.g. "17:00"');
  if (start !== null && end !== null && end <= start) c.add('settings.workday.end', 'must be later than settings.workday.start');
  const days: Weekday[] = [];
  (raw.workday?.days ?? [1, 2, 3, 4, 5]).forEach((d, i) => {
    const wd = typeof d === 'number' ? (d as Weekday) : WEEKDAY_NAMES[d.slice(0, 3).toLowerCase()];
    if (wd === undefined) c.add(`settings.workday.days[${i}]`, `${describe(d)} is not a weekday; use Mon…Sun or 1…7`);
    else if (!days.includes(wd)) days.push(wd);
  });
  return {
    region, timeZone,
    workday: { start: start ?? 540, end: end ?? 1020, days: days.sort() },
    protocol: (raw.protocol ?? {}) as ProtocolOverrides,
  };
}

function toCandidate(c: Collector, time: TimeRules, raw: RawScenario['candidate']): Candidate {
  const r = raw ?? {};
  const { references, local, name, ...rest } = r;
  const ids = new Set<string>();
  return {
    ...defined(rest),
    name: name ?? '',
    local: local ?? false,
    references: (references ?? []).map((ref, i) => {
      if (ids.has(ref.id)) c.add(`candidate.references[${i}].id`, `duplicate reference id "${ref.id}"`);
      ids.add(ref.id);
      const { timeZone, ...others } = ref;
      const tz = zoneOk(c, time, `candidate.references[${i}].timeZone`, timeZone);
      return { ...defined(others), ...(tz ? { timeZone: tz } : {}), briefed: ref.briefed ?? false };
    }),
  };
}

function toApplication(
  c: Collector, time: TimeRules, settings: Settings, referenceIds: ReadonlySet<string>, raw: RawApplication, index: number, options: ParseOptions,
): Application {
  // Paths are written only for issues: a valid document needs none.
  const at = `applications[${index}]`;
  let appZone: string | undefined;
  if (!absent(raw.timeZone)) {
    if (time.isKnownZone(raw.timeZone)) appZone = raw.timeZone;
    else c.add(`${at}.timeZone`, unknownZone(raw.timeZone));
  }
  // Lists of their exact length: one grown by push keeps room for 16 items, and most hold one to three.
  const rawPeople = raw.people ?? [];
  const people = new Array<Person>(rawPeople.length);
  const personIds = new Set<string>();
  for (let i = 0; i < rawPeople.length; i++) {
    const p = rawPeople[i] as RawPerson;
    if (personIds.has(p.id)) c.add(`${at}.people[${i}].id`, `duplicate person id "${p.id}"; every person of an application needs its own id`);
    personIds.add(p.id);
    let tz: string | undefined;
    if (!absent(p.timeZone)) {
      if (time.isKnownZone(p.timeZone)) tz = p.timeZone;
      else c.add(`${at}.people[${i}].timeZone`, unknownZone(p.timeZone));
    }
    let rg: string | undefined;
    if (!absent(p.region)) {
      if (time.isKnownRegion(p.region)) rg = p.region;
      else c.add(`${at}.people[${i}].region`, unknownRegion(p.region));
    }
    const notes = readPersonNotes(p.notes);
    if (notes.issue) c.add(`${at}.people[${i}].notes`, notes.issue.message);
    people[i] = toPerson(p, tz, rg, notes.notes);
  }
  /** The id, after an issue at `${at}.${list}[${i}].${field}` when no person of the application has it. */
  const knownPerson = (pid: string | null | undefined, list: string, i: number, field: string): string | undefined => {
    if (absent(pid)) return undefined;
    if (!personIds.has(pid)) c.add(`${at}.${list}[${i}].${field}`, unknownPerson(pid));
    return pid;
  };
  /** The date, after an issue at `${at}.${list}[${i}].${field}` (or `${at}.${field}` without a list) when it is none. */
  const dayOf = (value: string | null | undefined, field: string, list?: string, i?: number): Day | undefined => {
    if (absent(value)) return undefined;
    const day = parseDay(value);
    if (day === null) c.add(list === undefined ? `${at}.${field}` : `${at}.${list}[${i ?? 0}].${field}`, notADay(value));
    return day ?? undefined;
  };

  const rawInterviews = raw.interviews ?? [];
  const interviews = new Array<Interview>(rawInterviews.length);
  const interviewIds = new Set<string>();
  for (let i = 0; i < rawInterviews.length; i++) {
    const iv = rawInterviews[i] as RawInterview;
    const path = (): string => `${at}.interviews[${i}]`;
    if (interviewIds.has(iv.id)) c.add(`${path()}.id`, `duplicate interview id "${iv.id}"`);
    interviewIds.add(iv.id);
    let zoneId: string | undefined;
    if (absent(iv.timeZone) || iv.timeZone === '') {
      if (iv.timeZone === '') c.add(`${path()}.timeZone`, unknownZone(iv.timeZone));
      zoneId = appZone ?? settings.timeZone;
    } else if (time.isKnownZone(iv.timeZone)) {
      zoneId = iv.timeZone;
    } else {
      c.add(`${path()}.timeZone`, unknownZone(iv.timeZone));
    }
    const zone = time.zone(zoneId ?? 'UTC');
    const start = parseInstant(iv.start, zone);
    const end = parseInstant(iv.end, zone);
    if (start === null) c.add(`${path()}.start`, `${describe(iv.start)} is not a date-time; write ISO 8601, e.g. "2026-03-03T10:00:00-05:00"`);
    if (end === null) c.add(`${path()}.end`, `${describe(iv.end)} is not a date-time; write ISO 8601, e.g. "2026-03-03T11:00:00-05:00"`);
    if (start !== null && end !== null && end <= start) c.add(`${path()}.end`, 'ends before it starts; end must be later than start');
    const rawIds = iv.peopleIds ?? [];
    for (let j = 0; j < rawIds.length; j++) {
      const pid = rawIds[j] as string;
      if (!personIds.has(pid)) c.add(`${path()}.peopleIds[${j}]`, unknownPerson(pid));
    }
    const peopleIds = rawIds.slice();
    const lead = knownPerson(iv.panelLeadId, 'interviews', i, 'panelLeadId');
    if (lead !== undefined && personIds.has(lead) && !peopleIds.includes(lead)) c.add(`${path()}.panelLeadId`, `"${lead}" is not among this interview's peopleIds; add them or pick a panelist`);
    const decisionBy = dayOf(iv.timeline?.decisionBy, 'timeline.decisionBy', 'interviews', i);
    const on = dayOf(iv.directions?.on, 'directions.on', 'interviews', i);
    const dirPerson = knownPerson(iv.directions?.personId, 'interviews', i, 'directions.personId');
    const contactId = knownPerson(iv.contactId, 'interviews', i, 'contactId');
    const said = iv.timeline?.said ?? undefined;
    const channel = iv.directions?.channel;
    let directions: Mutable<Directions> | undefined;
    if (iv.directions && (channel || on !== undefined || dirPerson)) {
      directions = {};
      if (channel) directions.channel = channel;
      if (on !== undefined) directions.on = on;
      if (dirPerson) directions.personId = dirPerson;
    }
    const debrief = toDebrief(c, () => `${path()}.debrief`, iv.id, iv.debrief, options);
    // Built key by key in the model's order (the spreads it replaces cost more than the rest of the parse).
    const interview: Partial<Mutable<Interview>> = {
      id: iv.id, start: start ?? 0, end: end ?? 0, timeZone: zone.id, stage: iv.stage, format: iv.format ?? 'video', panel: iv.panel ?? false, peopleIds,
    };
    if (lead) interview.panelLeadId = lead;
    interview.timeline = said ? (decisionBy !== undefined ? { said, decisionBy } : { said }) : decisionBy !== undefined ? { decisionBy } : {};
    interview.goAhead = iv.goAhead ?? false;
    if (directions) interview.directions = directions;
    if (contactId) interview.contactId = contactId;
    interview.referencesRequested = iv.referencesRequested ?? false;
    if (debrief) interview.debrief = debrief;
    interviews[i] = interview as Interview;
  }

  const candidateZone = time.zone(settings.timeZone);
  const rawTouches = raw.touches ?? [];
  const touches = new Array<Touch>(rawTouches.length);
  for (let i = 0; i < rawTouches.length; i++) {
    const t = rawTouches[i] as RawTouch;
    const when = parseInstant(t.at, candidateZone);
    if (when === null) c.add(`${at}.touches[${i}].at`, `${describe(t.at)} is not a date-time; write ISO 8601, e.g. "2026-03-03T15:00:00-05:00"`);
    const personId = knownPerson(t.personId, 'touches', i, 'personId');
    if (t.referenceId && !referenceIds.has(t.referenceId)) c.add(`${at}.touches[${i}].referenceId`, `unknown reference id "${t.referenceId}"; add it to candidate.references`);
    const newDecisionBy = dayOf(t.newDecisionBy, 'newDecisionBy', 'touches', i);
    const touch: Mutable<Touch> = { at: when ?? 0, channel: t.channel ?? 'email', kind: t.kind, outcome: t.outcome ?? 'sent' };
    if (personId) touch.personId = personId;
    if (t.referenceId) touch.referenceId = t.referenceId;
    if (t.text) touch.text = t.text;
    if (newDecisionBy !== undefined) touch.newDecisionBy = newDecisionBy;
    touches[i] = touch;
  }

  let region: string | undefined;
  if (!absent(raw.region)) {
    if (time.isKnownRegion(raw.region)) region = raw.region;
    else c.add(`${at}.region`, unknownRegion(raw.region));
  }
  const appliedOn = dayOf(raw.appliedOn, 'appliedOn');
  const app: Partial<Mutable<Application>> = { id: raw.id, company: raw.company, role: raw.role, status: raw.status ?? 'active' };
  if (appliedOn !== undefined) app.appliedOn = appliedOn;
  if (appZone) app.timeZone = appZone;
  if (region) app.region = region;
  app.individualPanelNotes = raw.individualPanelNotes ?? false;
  const { details, issues } = readDetails(raw);
  for (const issue of issues) c.add(`${at}.${issue.field}`, issue.message);
  // In the model's key order, so records serialise the same however they were made.
  if (details.postingUrl !== undefined) app.postingUrl = details.postingUrl;
  if (details.location !== undefined) app.location = details.location;
  if (details.workplace !== undefined) app.workplace = details.workplace;
  if (details.salary !== undefined) app.salary = details.salary;
  if (details.source !== undefined) app.source = details.source;
  if (details.sourceId !== undefined) app.sourceId = details.sourceId;
  if (details.description !== undefined) app.description = details.description;
  if (details.notes !== undefined) app.notes = details.notes;
  if (details.tags !== undefined) app.tags = details.tags;
  app.people = people;
  app.interviews = interviews;
  app.touches = touches;
  app.protocol = (raw.protocol ?? {}) as ProtocolOverrides;
  return app as Application;
}

/** The person with the model's defaults, keys in the order the document's schema gives them. */
function toPerson(p: RawPerson, timeZone: string | undefined, region: string | undefined, notes: string | undefined): Person {
  const person: Partial<Mutable<Person>> = { id: p.id, name: p.name };
  if (!absent(p.honorific)) person.honorific = p.honorific;
  if (!absent(p.title)) person.title = p.title;
  if (!absent(p.email)) person.email = p.email;
  if (!absent(p.phone)) person.phone = p.phone;
  if (!absent(p.address)) person.address = p.address;
  if (!absent(p.preferredChannel)) person.preferredChannel = p.preferredChannel;
  person.role = p.role ?? 'interviewer';
  person.informal = p.informal ?? false;
  person.verified = p.verified ?? false;
  if (timeZone) person.timeZone = timeZone;
  if (region) person.region = region;
  if (notes !== undefined) person.notes = notes;
  return person as Person;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Validates a parsed JSON value as a scenario. Returns every issue found, each with its JSON path;
 * never throws. Debrief texts come back cleaned of control characters (`cleanDebriefText`) and
 * longer than DEBRIEF_MAX is an issue, unless `options.storedDebriefs` has the text.
 */
export function parseScenario(input: unknown, time: TimeRules, options: ParseOptions = {}): ParseResult<Scenario> {
  let raw = readScenario(input);
  if (!raw) {
    const parsed = scenarioSchema.safeParse(input);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => zodIssue(i, input)) };
    raw = parsed.data;
  }
  const c = new Collector();
  const settings = toSettings(c, time, raw.settings);
  const candidate = toCandidate(c, time, raw.candidate);
  const ids = new Set<string>();
  const referenceIds = new Set(candidate.references.map((r) => r.id));
  const applications: Application[] = [];
  for (let i = 0; i < raw.applications.length; i++) {
    const app = raw.applications[i] as RawApplication;
    if (ids.has(app.id)) c.add(`applications[${i}].id`, `duplicate application id "${app.id}"`);
    ids.add(app.id);
    applications.push(toApplication(c, time, settings, referenceIds, app, i, options));
  }
  if (c.issues.length > 0) return { ok: false, issues: c.issues };
  return { ok: true, value: { settings, candidate, applications } };
}

/** One line for the first issue: `applications[0].interviews[0].timeZone: unknown time zone …`. */
export function formatIssue(issue: ScenarioIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}
