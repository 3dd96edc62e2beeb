/**
 * Properties of `parseScenario` and `plan` (PROTOCOL.md §3, CONTRACT.md) over thousands of generated
 * scenarios, and of `parseScenario` over corrupted ones. Seeds are literal: a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES, CHANNELS, OUTCOMES, PERSON_ROLES, STAGES, TOUCH_KINDS,
  type Application, type Interview, type Scenario,
} from '../model.js';
import { parseScenario, type ScenarioIssue } from '../scenario.js';
import { time } from '../testing.js';
import {
  dayOf, formatDay, parseClock, parseInstant, weekday, weekStart, type Day, type EpochMs,
} from '../time.js';
import { resolveParams, type ProtocolParams } from './params.js';
import { plan } from './planner.js';
import { planToJson } from './output.js';
import type { Plan, Recommendation } from './plan-types.js';
import { RULES } from './protocol.js';

// ------------------------------------------------------------------ vocabulary

const ZONES = [
  'America/New_York', 'America/Los_Angeles', 'America/Chicago', 'America/Sao_Paulo', 'America/St_Johns',
  'Europe/London', 'Europe/Berlin', 'Europe/Dublin', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Tehran',
  'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham', 'UTC',
] as const;
const REGIONS = ['US', 'US-CA', 'US-NY', 'GB-ENG', 'GB-SCT', 'DE-BY', 'FR', 'AU-NSW', 'JP', 'NZ', 'IN', 'CA-ON', 'IE', 'BR'] as const;
const WORKDAYS = [
  { start: '09:00', end: '17:00' },
  { start: '08:30', end: '16:30' },
  { start: '10:00', end: '18:00', days: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu'] },
  { start: '07:00', end: '15:00', days: [1, 2, 3, 4] },
  { start: '12:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] },
] as const;
/** Readable (F0) and unreadable employer phrases. */
const SAID = [
  "we'll decide by Friday", 'by Monday', 'within two weeks', 'within 10 business days', 'next week', 'end of the month',
  'within the month', 'in a couple of weeks', 'a few days', 'tomorrow', 'by March 20', 'by 2026-04-01', 'early next week',
  'in 2-3 weeks', 'soon', "we'll be in touch", '', '   ', 'by the 31st of February', 'within 999 days',
] as const;
/** Valid protocol overrides a user might set. */
const OVERRIDES: readonly Record<string, unknown>[] = [
  { F4: { checksWithoutGoAhead: 1 } },
  { F4: { checksWithoutGoAhead: 0 } },
  { F4: { checksWithoutGoAhead: 3 } },
  { C2: { total: 1 } },
  { C2: { total: 0 } },
  { C2: { perWeek: 0 } },
  { C1: { lastWorkingHour: false } },
  { C1: { noMonday: false, noDayAfterInterview: false } },
  { C1: { windows: [['10:00', '11:00'], ['13:00', '15:00']] } },
  { T3: { panelNote: 'individual' } },
  { F1: { earliest: '1bd', ideal: '2bd', latest: '4bd' } },
  { F2: { minEarliest: '1d', phone_screen: { earliest: '1d', ideal: '1d', latest: '3bd', from: 'interview' } } },
  { F5: { noResponse: '2w', afterLastCheck: '2bd' } },
  { F6: { notDecidedDefault: '3bd' } },
];

const BASE_DAY = dayOf(2026, 1, 1);
const MINUTE = 60_000;

// ------------------------------------------------------------------ scenario specs → contract JSON

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const optional = <T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });
const zoneArb = fc.constantFrom(...ZONES);
const regionArb = fc.constantFrom(...REGIONS);
const channelArb = fc.constantFrom(...CHANNELS);
/** How an instant is written: with its zone's offset, in UTC, or as a wall-clock time (read in a zone). */
const styleArb = fc.constantFrom('offset', 'offset', 'offset', 'utc', 'wall' as const);

const personArb = fc.record({
  role: fc.constantFrom(...PERSON_ROLES),
  zone: optional(zoneArb),
  region: optional(regionArb, 4),
  channel: optional(channelArb, 2),
  informal: fc.boolean(),
});

const interviewArb = fc.record({
  gapDays: fc.integer({ min: 0, max: 40 }),
  startMin: fc.integer({ min: 0, max: 1439 }),
  durationMin: fc.integer({ min: 5, max: 600 }),
  zone: optional(zoneArb, 2),
  style: styleArb,
  stage: fc.nat({ max: STAGES.length - 1 }),
  people: fc.array(fc.nat({ max: 5 }), { maxLength: 5 }),
  panel: fc.boolean(),
  lead: optional(fc.nat({ max: 5 }), 2),
  said: optional(fc.constantFrom(...SAID), 2),
  decisionBy: optional(fc.integer({ min: -10, max: 45 }), 4),
  goAhead: fc.boolean(),
  directions: optional(fc.record({
    channel: optional(channelArb, 2),
    on: optional(fc.integer({ min: -5, max: 30 }), 2),
    person: optional(fc.nat({ max: 5 }), 2),
  }), 4),
  contact: optional(fc.nat({ max: 5 }), 4),
  referencesRequested: fc.boolean(),
});

const touchArb = fc.record({
  interview: fc.nat({ max: 2 }),
  afterMin: fc.integer({ min: -3 * 1440, max: 70 * 1440 }),
  style: styleArb,
  person: optional(fc.nat({ max: 5 }), 5),
  reference: optional(fc.nat({ max: 3 }), 1),
  channel: optional(channelArb, 3),
  kind: fc.constantFrom(...TOUCH_KINDS, 'thank_you', 'status_check', 'status_check', 'call'),
  outcome: optional(fc.constantFrom(...OUTCOMES), 3),
  newDecisionBy: optional(fc.integer({ min: -10, max: 30 }), 1),
});

const applicationArb = fc.record({
  startDay: fc.integer({ min: -200, max: 250 }),
  zone: optional(zoneArb, 2),
  region: optional(regionArb, 2),
  status: fc.constantFrom('active', 'active', 'active', 'active', ...APPLICATION_STATUSES),
  applied: optional(fc.integer({ min: 0, max: 120 }), 4),
  individualPanelNotes: fc.boolean(),
  protocol: optional(fc.constantFrom(...OVERRIDES), 1),
  people: fc.array(personArb, { minLength: 1, maxLength: 4 }),
  interviews: fc.array(interviewArb, { minLength: 1, maxLength: 3 }),
  touches: fc.array(touchArb, { maxLength: 10 }),
});

const scenarioArb = fc.record({
  zone: zoneArb,
  region: regionArb,
  workday: fc.constantFrom(...WORKDAYS),
  protocol: optional(fc.constantFrom(...OVERRIDES), 1),
  preferredChannel: optional(channelArb, 2),
  local: fc.boolean(),
  references: fc.array(fc.record({ zone: optional(zoneArb), email: fc.boolean() }), { maxLength: 3 }),
  applications: fc.array(applicationArb, { minLength: 1, maxLength: 4 }),
  nowMin: fc.integer({ min: -100 * 1440, max: 400 * 1440 }),
});

type ScenarioSpec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function writeInstant(ms: EpochMs, zone: string, style: 'offset' | 'utc' | 'wall'): string {
  const text = time.zone(zone).format(ms);
  if (style === 'utc') return new Date(ms).toISOString();
  return style === 'wall' ? text.slice(0, 19) : text;
}

const pick = <T>(items: readonly T[], i: number | undefined): T | undefined => (i === undefined || items.length === 0 ? undefined : items[i % items.length]);

/** The contract JSON of a spec (valid by construction) and the instant to plan it at. */
function build(spec: ScenarioSpec): { doc: JsonObject; now: EpochMs } {
  const references = spec.references.map((r, i): JsonObject => ({
    id: `r${i + 1}`, name: `Reference ${i + 1}`, relationship: 'former manager', speakTo: 'leadership',
    ...(r.email ? { email: `ref${i + 1}@mail.example` } : { phone: '+44 20 7946 0000' }),
    ...(r.zone ? { timeZone: r.zone } : {}),
  }));
  const applications = spec.applications.map((a, ai): JsonObject => {
    const appZone = a.zone ?? spec.zone;
    const people = a.people.map((p, i): JsonObject => ({
      id: `p${i + 1}`, name: `Person ${i + 1}`, honorific: 'Dr.', role: p.role, email: `p${i + 1}@co.example`, informal: p.informal,
      ...(p.zone ? { timeZone: p.zone } : {}), ...(p.region ? { region: p.region } : {}), ...(p.channel ? { preferredChannel: p.channel } : {}),
    }));
    const ids = people.map((p) => String(p.id));
    const stages = a.interviews.map((iv) => iv.stage).sort((x, y) => x - y);
    let day: Day = BASE_DAY + a.startDay;
    const ends: { start: EpochMs; end: EpochMs; zone: string; day: Day }[] = [];
    const interviews = a.interviews.map((iv, i): JsonObject => {
      day += i === 0 ? 0 : iv.gapDays;
      const zone = iv.zone ?? appZone;
      const start = time.zone(zone).at(day, iv.startMin);
      const end = start + iv.durationMin * MINUTE;
      ends.push({ start, end, zone, day });
      const met = [...new Set(iv.people.map((k) => pick(ids, k)).filter((x): x is string => x !== undefined))];
      const lead = iv.panel ? pick(met, iv.lead) : undefined;
      const dir = iv.directions;
      return {
        id: `i${i + 1}`, start: writeInstant(start, zone, iv.style), end: writeInstant(end, zone, iv.style),
        ...(iv.zone || iv.style === 'wall' ? { timeZone: zone } : {}),
        stage: STAGES[stages[i] ?? 0] ?? 'first_round', format: 'video', panel: iv.panel, panelLeadId: lead ?? null, peopleIds: met,
        timeline: { said: iv.said ?? null, decisionBy: iv.decisionBy === undefined ? null : formatDay(day + iv.decisionBy) },
        goAhead: iv.goAhead,
        directions: dir
          ? {
              ...(dir.channel ? { channel: dir.channel } : {}),
              ...(dir.on !== undefined ? { on: formatDay(day + dir.on) } : {}),
              ...(pick(ids, dir.person) ? { personId: pick(ids, dir.person) ?? '' } : {}),
            }
          : null,
        ...(pick(ids, iv.contact) ? { contactId: pick(ids, iv.contact) ?? '' } : {}),
        referencesRequested: iv.referencesRequested,
      };
    });
    const touches = a.touches.map((t): JsonObject => {
      const iv = pick(ends, t.interview) ?? ends[0];
      const at = (iv?.end ?? 0) + t.afterMin * MINUTE;
      const ref = pick(references, t.reference);
      return {
        at: writeInstant(at, t.style === 'wall' ? spec.zone : iv?.zone ?? spec.zone, t.style), kind: t.kind,
        ...(t.channel ? { channel: t.channel } : {}), ...(t.outcome ? { outcome: t.outcome } : {}),
        ...(pick(ids, t.person) ? { personId: pick(ids, t.person) ?? '' } : {}),
        ...(ref ? { referenceId: String(ref.id) } : {}),
        ...(t.newDecisionBy !== undefined ? { newDecisionBy: formatDay(time.zone(spec.zone).dayAt(at) + t.newDecisionBy) } : {}),
      };
    });
    return {
      id: `a${ai + 1}`, company: `Company ${ai + 1}`, role: 'Data Analyst', status: a.status,
      ...(a.applied !== undefined ? { appliedOn: formatDay(BASE_DAY + a.startDay - a.applied) } : {}),
      ...(a.zone ? { timeZone: a.zone } : {}), ...(a.region ? { region: a.region } : {}),
      individualPanelNotes: a.individualPanelNotes, people, interviews, touches,
      ...(a.protocol ? { protocol: a.protocol as JsonObject } : {}),
    };
  });
  const workday: JsonObject = { start: spec.workday.start, end: spec.workday.end, ...('days' in spec.workday ? { days: [...spec.workday.days] } : {}) };
  const doc: JsonObject = {
    settings: { region: spec.region, timeZone: spec.zone, workday, ...(spec.protocol ? { protocol: spec.protocol as JsonObject } : {}) },
    candidate: {
      name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100', local: spec.local, references,
      ...(spec.preferredChannel ? { preferredChannel: spec.preferredChannel } : {}),
    },
    applications,
  };
  return { doc, now: time.zone('UTC').at(BASE_DAY, 0) + spec.nowMin * MINUTE };
}

// ------------------------------------------------------------------ the invariants of a plan

const RULE_IDS = new Set<string>(RULES.map((r) => r.id));
const CONTINUING = new Set(['not_decided', 'still_considered', 'reply_received']);
const RESPONSES = new Set([...CONTINUING, 'filled', 'offer', 'rejected', 'next_round']);
const CHECK_KINDS = new Set(['status_check', 'call', 'voicemail', 'update']);
const OPEN = new Set(['upcoming', 'due', 'overdue', 'blocked']);
const MET_ROLES = new Set(['interviewer', 'hiring_manager', 'recruiter', 'coordinator']);

function clockOf(text: string): number {
  const m = parseClock(text);
  if (m === null) throw new Error(`bad clock ${text}`);
  return m;
}

/** The business calendar of `rec`'s recipient: the person's region, else the company's, else the candidate's. */
function recipientCalendar(s: Scenario, app: Application, rec: Recommendation) {
  const person = app.people.find((p) => p.id === rec.personId);
  return time.calendar(person?.region ?? app.region ?? s.settings.region, s.settings.workday.days);
}

/** C1: every moment of a call's window (earliest, ideal, latest) is an allowed one. */
function checkCall(s: Scenario, app: Application, iv: Interview, rec: Recommendation, params: ProtocolParams): void {
  const zone = time.zone(rec.timeZone);
  const named = rec.reason.code === 'check_directions';
  if (named) expect(iv.directions?.on, 'a call with lifted bans needs a day named by the employer').toBeDefined();
  const { start, end } = s.settings.workday;
  const windows: [number, number][] = params.C1.windows.map(([a, b]) => [clockOf(a), clockOf(b)]);
  if (params.C1.lastWorkingHour) windows.push([Math.max(start, end - 60), end]);
  for (const [which, at] of [['earliest', rec.earliest], ['ideal', rec.ideal], ['latest', rec.latest]] as const) {
    const day = zone.dayAt(at);
    const minutes = zone.minutesAt(at);
    expect(recipientCalendar(s, app, rec).isBusinessDay(day), `C1: the ${which} moment on a business day`).toBe(true);
    if (!named && params.C1.noMonday) expect(weekday(day), `C1: the ${which} moment never on a Monday`).not.toBe(1);
    if (!named && params.C1.noDayAfterInterview) expect(day, `C1: the ${which} moment never the day after the interview`).not.toBe(zone.dayAt(iv.start) + 1);
    // A window's end is its last allowed moment: the latest may be on it.
    const inside = windows.some(([a, b]) => a <= minutes && (minutes < b || (which === 'latest' && minutes === b)));
    expect(inside, `C1: the ${which} moment (${minutes} min) is in a call window ${JSON.stringify(windows)}`).toBe(true);
  }
}

function checkApplication(s: Scenario, app: Application, recs: readonly Recommendation[], now: EpochMs): void {
  const params = resolveParams(s.settings.protocol, app.protocol);
  const ivs = [...app.interviews].sort((x, y) => x.start - y.start);
  const last = ivs[ivs.length - 1];
  const active = app.status === 'active';
  // §6: only active applications get follow-up recommendations.
  if (!active) for (const rec of recs) expect(rec.kind).toBe('reply');

  for (const rec of recs) {
    const iv = app.interviews.find((x) => x.id === rec.interviewId);
    if (rec.interviewId !== undefined) expect(iv, 'interviewId names an interview').toBeDefined();
    if (rec.personId !== undefined) expect(app.people.some((p) => p.id === rec.personId), 'personId names a person').toBe(true);
    if (rec.referenceId !== undefined) expect(s.candidate.references.some((r) => r.id === rec.referenceId)).toBe(true);
    expect(rec.earliest).toBeLessThanOrEqual(rec.ideal);
    expect(rec.ideal).toBeLessThanOrEqual(rec.latest);
    // Nothing before the interview it follows up on (a reply follows the last one).
    const startOf = iv ?? last;
    if (startOf) expect(rec.earliest, `${rec.kind} earliest before the interview's start`).toBeGreaterThanOrEqual(startOf.start);
    expect(rec.rules.length).toBeGreaterThan(0);
    for (const r of rec.rules) expect(RULE_IDS.has(r), `rule ${r} exists`).toBe(true);
    if (rec.status === 'blocked') {
      expect(rec.blockedBy !== undefined && RULE_IDS.has(rec.blockedBy), 'blocked carries blockedBy').toBe(true);
      expect(rec.nextAllowed, 'blocked carries nextAllowed').toBeGreaterThan(now);
    }
    if (rec.status === 'upcoming') expect(now).toBeLessThan(rec.earliest);
    if (rec.status === 'due') expect(now >= rec.earliest && now <= rec.latest).toBe(true);
    // Blocked (C1 forbids a call now): never past its window, and free again at an allowed moment of it.
    if (rec.status === 'blocked') expect(now <= rec.latest && rec.nextAllowed !== undefined && rec.nextAllowed >= rec.earliest && rec.nextAllowed <= rec.latest).toBe(true);
    if (rec.status === 'overdue') expect(now).toBeGreaterThan(rec.latest);
    if (rec.kind === 'call' && iv) checkCall(s, app, iv, rec, params);
    if (rec.kind === 'thank_you' && iv) {
      expect(rec.earliest).toBe(iv.end);
      // T1/T3: a receptionist is not thanked, unless marked as the lead of a panel (the note goes to the lead).
      const person = app.people.find((p) => p.id === rec.personId);
      if (!(iv.panel && iv.panelLeadId === rec.personId)) expect(person?.role, 'T1: no thank-you to a receptionist').not.toBe('receptionist');
    }
  }

  if (active) {
    // T1: every interviewer (and recruiter/coordinator) met is thanked once, directly or in CC.
    for (const iv of app.interviews) {
      const thanks = recs.filter((r) => r.kind === 'thank_you' && r.interviewId === iv.id);
      for (const id of new Set(iv.peopleIds)) {
        if (!MET_ROLES.has(app.people.find((p) => p.id === id)?.role ?? '')) continue;
        expect(thanks.filter((r) => r.personId === id || r.ccPersonIds.includes(id)).length, `T1: ${id} thanked once`).toBe(1);
      }
    }
  }

  if (!last || !active) return;
  // F4/F5: status checks per response cycle, and C2: calls per week and in all.
  const checks = recs.filter((r) => (r.kind === 'status_check' || r.kind === 'call') && r.interviewId === last.id);
  const touches = app.touches.filter((t) => t.at >= last.start);
  const events = touches.filter((t) => RESPONSES.has(t.outcome)).sort((x, y) => x.at - y.at);
  const allowed = last.goAhead ? Infinity : params.F4.checksWithoutGoAhead;
  for (const c of checks) expect(c.sequence ?? 0).toBeLessThanOrEqual(allowed);
  const lastEvent = events[events.length - 1];
  const open = lastEvent === undefined || CONTINUING.has(lastEvent.outcome);
  if (open) {
    // The cycle opens after the last response (a check that got the response belongs to the cycle before).
    const inCycle = checks.filter((c) => OPEN.has(c.status)
      || (c.status === 'done' && c.notes.some((n) => n.code === 'sent' && (lastEvent ? n.at > lastEvent.at : n.at >= last.start))));
    expect(inCycle.length, 'checks in the open response cycle').toBeLessThanOrEqual(allowed);
  } else {
    expect(checks.filter((c) => OPEN.has(c.status)), 'no check is proposed after a decision').toEqual([]);
  }
  const calls = touches.filter((t) => CHECK_KINDS.has(t.kind) && (t.channel === 'phone' || t.channel === 'voicemail' || t.kind === 'call' || t.kind === 'voicemail'));
  const proposed = checks.filter((c) => c.kind === 'call' && OPEN.has(c.status));
  expect(proposed.length, 'C2: follow-up calls in all').toBeLessThanOrEqual(Math.max(0, params.C2.total - calls.length));
  if (params.C2.perWeek > 0) {
    for (const c of proposed) {
      const zone = time.zone(c.timeZone);
      const week = weekStart(zone.dayAt(c.ideal));
      const others = [...calls.map((t) => t.at), ...proposed.filter((x) => x !== c).map((x) => x.ideal)];
      expect(others.some((at) => weekStart(zone.dayAt(at)) === week), 'C2: one call a week').toBe(false);
    }
  }
}

function checkPlan(s: Scenario, result: Plan, now: EpochMs): void {
  const recs = result.recommendations;
  for (let i = 1; i < recs.length; i++) expect((recs[i - 1]?.ideal ?? 0) <= (recs[i]?.ideal ?? 0), 'sorted by ideal').toBe(true);
  const ids = new Set(s.applications.map((a) => a.id));
  for (const rec of recs) expect(ids.has(rec.applicationId)).toBe(true);
  for (const app of s.applications) checkApplication(s, app, recs.filter((r) => r.applicationId === app.id), now);
  // The contract JSON: every instant written in its zone reads back as the same instant.
  const json = planToJson(result, time, s.settings.timeZone);
  json.recommendations.forEach((r, i) => {
    const rec = recs[i];
    if (!rec) return;
    for (const [text, ms] of [[r.earliest, rec.earliest], [r.ideal, rec.ideal], [r.latest, rec.latest]] as const) {
      expect(parseInstant(text, time.zone('UTC')), `${text} round-trips`).toBe(ms);
    }
  });
}

// ------------------------------------------------------------------ corruption

/** A JSON path into the document: `['applications', 0, 'interviews', 1, 'end']`. */
type Path = readonly (string | number)[];

interface Corruption {
  readonly path: Path;
  /** The value to put there; `undefined` deletes the field. */
  readonly value: Json | undefined;
  /** True when the product must reject the document with an issue at `path` (or inside it). */
  readonly rejects: boolean;
}

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\uD800', '\u202Eevil', '<script>alert(1)</script>', "'; DROP TABLE applications; --", '../../etc/passwd',
  '__proto__', 'constructor', 'toString', 'NaN', '-0', '1e309', '\u{1F600}\u{1F44D}\u{1F3FD}', 'null', '${process.env}',
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(64, 65, 10_001, 200_000).map((n) => 'x'.repeat(n)),
);

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, [], {}, [null], { $ref: '#' }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => v as Json),
);

function get(doc: Json, path: Path): Json | undefined {
  let cur: Json | undefined = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? (typeof key === 'number' ? cur[key] : undefined) : typeof key === 'string' ? cur[key] : undefined;
  }
  return cur;
}

function set(doc: Json, path: Path, value: Json | undefined): void {
  const parent = get(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined) return;
  if (Array.isArray(parent)) {
    if (typeof key === 'number' && key < parent.length) parent[key] = value ?? null;
  } else if (typeof key === 'string') {
    if (value === undefined) delete parent[key];
    else parent[key] = value;
  }
}

const formatPath = (path: Path): string => path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`), '');

/** Corruptions of a valid document that the parser must catch, and where. */
function targetedCorruptions(doc: JsonObject): fc.Arbitrary<Corruption> {
  const apps = (get(doc, ['applications']) as Json[] | undefined) ?? [];
  const choices: fc.Arbitrary<Corruption>[] = [
    fc.constantFrom('Mars/Olympus_Mons', 'America/Nowhere', 'UTC+5', '', 'Europe/London/Extra').map((v) => ({ path: ['settings', 'timeZone'], value: v, rejects: true })),
    fc.constantFrom('ZZ', 'US-XX', 'USA', '', '12').map((v) => ({ path: ['settings', 'region'], value: v, rejects: true })),
    fc.constantFrom('24:00', '9:00', 'noon', '17:60').map((v) => ({ path: ['settings', 'workday', 'start'], value: v, rejects: true })),
    fc.constantFrom('05:00', '00:00').map((v) => ({ path: ['settings', 'workday', 'end'], value: v, rejects: true })),
    fc.constantFrom<Json>([], [0], [8], ['Funday'], 'Mon').map((v) => ({ path: ['settings', 'workday', 'days'], value: v, rejects: true })),
    fc.constantFrom<Json>({ X9: {} }, { F4: { checksWithoutGoAhead: -1 } }, { F1: { earliest: '2 days' } }, { C1: { windows: [['13:00']] } })
      .map((v) => ({ path: ['settings', 'protocol'], value: v, rejects: true })),
    fc.constant({ path: ['applications'], value: 'none', rejects: true }),
    fc.constant({ path: ['settings'], value: undefined, rejects: true }),
  ];
  apps.forEach((app, a) => {
    const at = (...rest: (string | number)[]): Path => ['applications', a, ...rest];
    choices.push(
      fc.constantFrom<Json>('', 42, null).map((v) => ({ path: at('id'), value: v, rejects: true })),
      fc.constantFrom<Json>('', null, 'x'.repeat(10_001)).map((v) => ({ path: at('company'), value: v, rejects: true })),
      fc.constantFrom('ghosted', 'ACTIVE').map((v) => ({ path: at('status'), value: v, rejects: true })),
      fc.constantFrom<Json>('2026-02-30', '2026-13-01', '2025-02-29', '26-01-01', 20260101).map((v) => ({ path: at('appliedOn'), value: v, rejects: true })),
      fc.constantFrom('Mars/Base', 'EST5EDT6').map((v) => ({ path: at('timeZone'), value: v, rejects: true })),
      fc.constantFrom('XX', 'DE-ZZ').map((v) => ({ path: at('region'), value: v, rejects: true })),
    );
    const people = (get(app, ['people']) as Json[] | undefined) ?? [];
    people.forEach((_, p) => {
      choices.push(
        fc.constantFrom<Json>('', null).map((v) => ({ path: at('people', p, 'name'), value: v, rejects: true })),
        fc.constantFrom('ceo', 'Interviewer').map((v) => ({ path: at('people', p, 'role'), value: v, rejects: true })),
        fc.constantFrom('Mars/Base', 'america/new york').map((v) => ({ path: at('people', p, 'timeZone'), value: v, rejects: true })),
        fc.constantFrom('carrier_pigeon', 'in person').map((v) => ({ path: at('people', p, 'preferredChannel'), value: v, rejects: true })),
      );
      if (p > 0) choices.push(fc.constant({ path: at('people', p, 'id'), value: 'p1', rejects: true }));
    });
    const interviews = (get(app, ['interviews']) as Json[] | undefined) ?? [];
    interviews.forEach((iv, i) => {
      const start = get(iv, ['start']);
      choices.push(
        fc.constantFrom('2026-02-30T10:00:00Z', '2026-03-03T25:00:00Z', 'yesterday', '2026-03-03', '2026-03-03T10:00:00+25:00')
          .map((v) => ({ path: at('interviews', i, 'start'), value: v, rejects: true })),
        // End before (or at) the start.
        fc.constant({ path: at('interviews', i, 'end'), value: start ?? null, rejects: true }),
        fc.constantFrom('Mars/Base', 'Asia/Atlantis').map((v) => ({ path: at('interviews', i, 'timeZone'), value: v, rejects: true })),
        fc.constantFrom('fourth_round', 'Final', '').map((v) => ({ path: at('interviews', i, 'stage'), value: v, rejects: true })),
        fc.constantFrom<Json>(['ghost'], 'p1', [null]).map((v) => ({ path: at('interviews', i, 'peopleIds'), value: v, rejects: true })),
        fc.constant({ path: at('interviews', i, 'panelLeadId'), value: 'ghost', rejects: true }),
        fc.constantFrom('2026-02-30', 'next Friday').map((v) => ({ path: at('interviews', i, 'timeline', 'decisionBy'), value: v, rejects: true })),
        fc.constantFrom<Json>({ on: '2026-02-30' }, { personId: 'ghost' }, { channel: 'smoke_signal' })
          .map((v) => ({ path: at('interviews', i, 'directions'), value: v, rejects: true })),
        fc.constant({ path: at('interviews', i, 'contactId'), value: 'ghost', rejects: true }),
      );
    });
    const touches = (get(app, ['touches']) as Json[] | undefined) ?? [];
    touches.forEach((_, t) => {
      choices.push(
        fc.constantFrom('2026-02-30T10:00:00Z', 'last week').map((v) => ({ path: at('touches', t, 'at'), value: v, rejects: true })),
        fc.constant({ path: at('touches', t, 'personId'), value: 'ghost', rejects: true }),
        fc.constant({ path: at('touches', t, 'referenceId'), value: 'ghost', rejects: true }),
        fc.constantFrom('hug', 'Thank_you').map((v) => ({ path: at('touches', t, 'kind'), value: v, rejects: true })),
        fc.constantFrom('maybe', 'SENT').map((v) => ({ path: at('touches', t, 'outcome'), value: v, rejects: true })),
        fc.constant({ path: at('touches', t, 'newDecisionBy'), value: '2026-02-30', rejects: true }),
      );
    });
  });
  return fc.oneof(...choices);
}

/** Every field of the document, to be overwritten with any JSON value, deleted, or shifted in time. */
function anyCorruption(doc: JsonObject): fc.Arbitrary<Corruption> {
  const paths: Path[] = [];
  const walk = (value: Json, path: Path): void => {
    if (path.length > 0) paths.push(path);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(doc, []);
  const anywhere = fc.record({
    path: fc.constantFrom(...paths),
    value: fc.option(hostileValue, { nil: undefined, freq: 8 }),
    rejects: fc.constant(false),
  });
  // Zones and regions, wherever they are (a reference's too), with odd but sometimes valid names.
  const places = paths.filter((p) => p[p.length - 1] === 'timeZone' || p[p.length - 1] === 'region');
  if (places.length === 0) return anywhere;
  return fc.oneof(anywhere, fc.record({
    path: fc.constantFrom(...places),
    value: fc.constantFrom<Json>('Mars/Base', 'america/new_york', 'EST', 'Etc/GMT+12', 'Etc/GMT-14', '+05:45', 'UTC', '', 'us', 'gb-eng', 'ZZ', null),
    rejects: fc.constant(false),
  }));
}

/** Valid but unusual dates: far years, a decision date before the interview, touches before it. */
const datesArb = fc.constantFrom('0001', '0050', '1066', '1883', '1970', '2038', '9999');

function retimed(doc: JsonObject, year: string): JsonObject {
  const text = JSON.stringify(doc).replace(/"(\d{4})-(\d{2})-(\d{2})/g, (_m, _y: string, mo: string, d: string) => `"${year}-${mo}-${mo === '02' && d === '29' ? '28' : d}`);
  return JSON.parse(text) as JsonObject;
}

// ------------------------------------------------------------------ the properties

/** parseScenario must never throw: an exception here fails the property. */
const parseDoc = (doc: Json) => parseScenario(doc, time);

function expectIssuesWithPaths(issues: readonly ScenarioIssue[], doc: Json): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.path, `issue without a path: ${issue.message}`).not.toBe('');
    expect(issue.message.length).toBeGreaterThan(0);
    // The path names a place in the document: everything but its last step exists.
    const steps = [...issue.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1] ?? ''));
    expect(formatPath(steps), `path ${issue.path} is well formed`).toBe(issue.path);
    expect(get(doc, steps.slice(0, -1)), `path ${issue.path} leads into the document`).toBeDefined();
  }
}

describe('plan on generated scenarios', () => {
  // 1,500 scenarios in three parts, so that no one test nears its timeout on a busy machine.
  it.each([20_261_123, 20_261_124, 20_261_125])('never throws, and every recommendation keeps the timing rules (seed %i, 500 scenarios)', (seed) => {
    fc.assert(fc.property(scenarioArb, (spec) => {
      const { doc, now } = build(spec);
      const parsed = parseScenario(doc, time);
      if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
      const result = plan(parsed.value, { now, time });
      checkPlan(parsed.value, result, now);
      expect(plan(parsed.value, { now, time }), 'deterministic').toEqual(result);
    }), { seed, numRuns: 500 });
  });

  it('plans each application as it would alone: what a plan shares (overrides, places, reasons) never leaks between them', () => {
    // Each application with its own overrides or none: several alike, several different.
    const ownArb = fc.array(fc.option(fc.constantFrom(...OVERRIDES), { nil: undefined, freq: 3 }), { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(scenarioArb, ownArb, (spec, own) => {
      const { doc, now } = build(spec);
      const apps = (doc as { applications: JsonObject[] }).applications;
      apps.forEach((app, i) => {
        const protocol = own[i];
        if (protocol) app['protocol'] = protocol as JsonObject;
      });
      const parsed = parseScenario(doc, time);
      if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
      const whole = plan(parsed.value, { now, time });
      for (const app of parsed.value.applications) {
        const alone = plan({ ...parsed.value, applications: [app] }, { now, time });
        expect(whole.recommendations.filter((r) => r.applicationId === app.id)).toEqual(alone.recommendations);
      }
    }), { seed: 20_261_130, numRuns: 300 });
  });

  it('also with far-off but valid years', () => {
    fc.assert(fc.property(scenarioArb, datesArb, (spec, year) => {
      const { doc, now } = build(spec);
      const moved = retimed(doc, year);
      const parsed = parseScenario(moved, time);
      if (!parsed.ok) return;
      const at = parseInstant(`${year}${new Date(now).toISOString().slice(4)}`, time.zone('UTC')) ?? now;
      checkPlan(parsed.value, plan(parsed.value, { now: at, time }), at);
    }), { seed: 1_883, numRuns: 300 });
  });
});

describe('parseScenario on corrupted scenarios', () => {
  it('rejects each targeted corruption with an issue at the field at fault', () => {
    const arb = scenarioArb.chain((spec) => {
      const { doc } = build(spec);
      return fc.tuple(fc.constant(doc), targetedCorruptions(doc));
    });
    fc.assert(fc.property(arb, ([doc, corruption]) => {
      const broken = structuredClone(doc);
      set(broken, corruption.path, corruption.value);
      const parsed = parseDoc(broken);
      expect(parsed.ok, `${formatPath(corruption.path)} = ${JSON.stringify(corruption.value)?.slice(0, 60)} is rejected`).toBe(false);
      if (parsed.ok) return;
      expectIssuesWithPaths(parsed.issues, broken);
      const at = formatPath(corruption.path);
      expect(parsed.issues.some((i) => i.path === at || i.path.startsWith(`${at}.`) || i.path.startsWith(`${at}[`)),
        `an issue at ${at}: ${JSON.stringify(parsed.issues.slice(0, 3))}`).toBe(true);
    }), { seed: 4_242, numRuns: 1_500 });
  });

  it.each([777, 778, 779])('never throws on any corruption; what it accepts plans without throwing and keeps the rules (seed %i, 500 documents)', (seed) => {
    const arb = fc.tuple(scenarioArb, fc.nat()).chain(([spec]) => {
      const { doc, now } = build(spec);
      return fc.tuple(fc.constant(doc), fc.constant(now), fc.array(anyCorruption(doc), { minLength: 1, maxLength: 4 }));
    });
    fc.assert(fc.property(arb, ([doc, now, corruptions]) => {
      const broken = structuredClone(doc);
      for (const c of corruptions) set(broken, c.path, c.value);
      const parsed = parseDoc(broken);
      if (!parsed.ok) {
        expectIssuesWithPaths(parsed.issues, broken);
        return;
      }
      checkPlan(parsed.value, plan(parsed.value, { now, time }), now);
    }), { seed, numRuns: 500 });
  });

  it('plans what it accepts with an odd zone in any zone field (a reference\'s too)', () => {
    const zoneish = fc.constantFrom('Mars/Base', 'america/new_york', 'EST', 'Etc/GMT+12', '+05:45', '', 'Europe/London ');
    const arb = scenarioArb.filter((spec) => spec.references.length > 0).chain((spec) => {
      const { doc, now } = build(spec);
      return fc.tuple(fc.constant(doc), fc.constant(now), fc.nat({ max: spec.references.length - 1 }), zoneish);
    });
    fc.assert(fc.property(arb, ([doc, now, r, zone]) => {
      const broken = structuredClone(doc);
      set(broken, ['candidate', 'references', r, 'timeZone'], zone);
      const parsed = parseDoc(broken);
      if (!parsed.ok) {
        expectIssuesWithPaths(parsed.issues, broken);
        return;
      }
      checkPlan(parsed.value, plan(parsed.value, { now, time }), now);
    }), { seed: 31, numRuns: 200 });
  });

  it('never throws on documents that are not scenarios at all', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      const parsed = parseDoc(value as Json);
      expect(parsed.ok).toBe(false);
    }), { seed: 99, numRuns: 500 });
  });
});
