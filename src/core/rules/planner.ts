/**
 * The follow-up planner: PROTOCOL.md §3 (T1–T4, F0–F7, C1–C3, P1–P2) applied to a scenario at an
 * instant `now`. Pure: no IO, no clock; time zones and holidays come from the `TimeRules` given.
 */
import { CHANNELS, type Application, type Candidate, type Channel, type Interview, type Person, type Scenario, type Settings, type Touch } from '../model.js';
import {
  addMonths, weekday, weekStart, MS_PER_HOUR,
  type BusinessCalendar, type Day, type EpochMs, type Minutes, type TimeRules, type ZoneRules,
} from '../time.js';
import { parseDuration, resolveParams, type Duration, type ProtocolParams } from './params.js';
import type { Note, Plan, Reason, Recommendation, RecommendationKind, RecommendationStatus, Warning } from './plan-types.js';
import type { RuleId } from './protocol.js';
import { readTimeline } from './timeline.js';

export interface PlanContext {
  readonly now: EpochMs;
  readonly time: TimeRules;
}

/** Where a message to one recipient is timed: their zone, their business days, the workday. */
interface Place {
  readonly zone: ZoneRules;
  readonly calendar: BusinessCalendar;
  readonly start: Minutes;
  readonly end: Minutes;
}

interface Window {
  readonly earliest: EpochMs;
  readonly ideal: EpochMs;
  readonly latest: EpochMs;
}

const THANKED_ROLES = new Set<Person['role']>(['interviewer', 'hiring_manager', 'recruiter', 'coordinator', 'other']);
const CHECK_TOUCH_KINDS = new Set<Touch['kind']>(['status_check', 'call', 'voicemail', 'update']);
const RESPONSES = new Set<Touch['outcome']>([
  'not_decided', 'still_considered', 'reply_received', 'filled', 'offer', 'rejected', 'next_round',
]);
const CALL_CHANNELS = new Set<Channel>(['phone', 'voicemail']);
const KIND_ORDER: Readonly<Record<RecommendationKind, number>> = {
  thank_you: 0, reference_brief: 1, reply: 2, status_check: 3, call: 3, give_up: 4,
};

const UNITS: Readonly<Record<Duration['unit'], Duration['unit']>> = { bd: 'bd', d: 'd', w: 'w', mo: 'mo', h: 'h', min: 'min' };

function shift(day: Day, d: Duration, cal: BusinessCalendar): Day {
  switch (d.unit) {
    case 'bd': return cal.addBusinessDays(day, d.n);
    case 'd': return day + d.n;
    case 'w': return day + 7 * d.n;
    case 'mo': return addMonths(day, d.n);
    case 'h': return day + Math.ceil(d.n / 24);
    case 'min': return day + Math.ceil(d.n / 1440);
  }
}

function durationMs(d: Duration): number {
  switch (d.unit) {
    case 'min': return d.n * 60_000;
    case 'h': return d.n * MS_PER_HOUR;
    default: return d.n * 24 * MS_PER_HOUR;
  }
}

/** A parsed copy of the params, so the hot path never parses strings. */
interface Numbers {
  readonly raw: ProtocolParams;
  readonly dur: (text: string) => Duration;
  readonly clock: (text: string) => Minutes;
  /** C1's call windows for a workday, earliest first. */
  readonly callWindows: (start: Minutes, end: Minutes) => readonly (readonly [Minutes, Minutes])[];
}

function numbers(raw: ProtocolParams): Numbers {
  const durations = new Map<string, Duration>();
  const clocks = new Map<string, Minutes>();
  const windows = new Map<number, readonly (readonly [Minutes, Minutes])[]>();
  const clock = (text: string): Minutes => {
    let m = clocks.get(text);
    if (m === undefined) {
      m = Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
      clocks.set(text, m);
    }
    return m;
  };
  return {
    raw,
    dur(text) {
      let d = durations.get(text);
      if (!d) {
        const parsed = parseDuration(text);
        // The unit as a literal: the parser's is a slice of the text, which `shift` would compare by content.
        d = parsed ? { n: parsed.n, unit: UNITS[parsed.unit] } : { n: 0, unit: 'd' };
        durations.set(text, d);
      }
      return d;
    },
    clock,
    callWindows(start, end) {
      const key = start * 1440 + end;
      let list = windows.get(key);
      if (!list) {
        const c1 = raw.C1;
        const made: [Minutes, Minutes][] = c1.windows.map(([s, e]) => [clock(s), clock(e)]);
        if (c1.lastWorkingHour) made.push([Math.max(start, end - 60), end]);
        list = made.sort((x, y) => x[0] - y[0]);
        windows.set(key, list);
      }
      return list;
    },
  };
}

function statusAt(now: EpochMs, w: Window): RecommendationStatus {
  return statusBetween(now, w.earliest, w.latest);
}

function statusBetween(now: EpochMs, earliest: EpochMs, latest: EpochMs): RecommendationStatus {
  if (now < earliest) return 'upcoming';
  return now <= latest ? 'due' : 'overdue';
}

/** Shared empty lists for the many recommendations without notes or copies (they are read-only). */
const NO_NOTES: readonly Note[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);
const NO_PEOPLE: readonly Person[] = Object.freeze([]);

/** A recommendation under construction: its optional keys are added last, in the order they are read. */
type Draft = { -readonly [K in keyof Recommendation]: Recommendation[K] };

/** Touches sorted by `at`, stably; the array itself when it already is (no copy, no sort). */
function touchesInOrder(items: readonly Touch[]): readonly Touch[] {
  for (let i = 1; i < items.length; i++) {
    const x = items[i];
    const prev = items[i - 1];
    if (x && prev && x.at < prev.at) return [...items].sort((p, q) => p.at - q.at);
  }
  return items;
}

/** Interviews sorted by `start`, stably; the array itself when it already is. */
function interviewsInOrder(items: readonly Interview[]): readonly Interview[] {
  for (let i = 1; i < items.length; i++) {
    const x = items[i];
    const prev = items[i - 1];
    if (x && prev && x.start < prev.start) return [...items].sort((p, q) => p.start - q.start);
  }
  return items;
}

/**
 * What a plan shares between its applications: one read-only list per combination of rule ids, and
 * one place per (zone, region). A plan repeats a few dozen of each hundreds of thousands of times.
 */
interface Shared {
  rules(ids: readonly RuleId[]): readonly RuleId[];
  place(zone: string, region: string, settings: Settings): Place;
  /** Reasons that repeat (read-only), by a small number made of their facts. */
  readonly thankYou: Reason[];
  readonly thankYouRules: (readonly RuleId[])[];
  readonly checkAgain: Reason[];
  readonly giveUp: Reason[];
  /** An application's own protocol numbers, by its overrides' JSON (few distinct ones, many applications). */
  readonly overridden: Map<string, Numbers>;
}

interface RuleNode {
  list?: readonly RuleId[];
  next?: Map<RuleId, RuleNode>;
}

function createShared(time: TimeRules): Shared {
  const root: RuleNode = {};
  const places = new Map<string, Map<string, Place>>();
  return {
    thankYou: [],
    thankYouRules: [],
    checkAgain: [],
    giveUp: [],
    overridden: new Map(),
    rules(ids) {
      let node = root;
      for (const id of ids) {
        let next = node.next?.get(id);
        if (!next) {
          next = {};
          (node.next ??= new Map()).set(id, next);
        }
        node = next;
      }
      return (node.list ??= Object.freeze(ids.slice()));
    },
    place(zone, region, settings) {
      let byRegion = places.get(zone);
      if (!byRegion) {
        byRegion = new Map();
        places.set(zone, byRegion);
      }
      let place = byRegion.get(region);
      if (!place) {
        place = { zone: time.zone(zone), calendar: time.calendar(region, settings.workday.days), start: settings.workday.start, end: settings.workday.end };
        byRegion.set(region, place);
      }
      return place;
    },
  };
}

interface AppContext {
  readonly shared: Shared;
  readonly app: Application;
  readonly candidate: Candidate;
  readonly settings: Settings;
  readonly ctx: PlanContext;
  readonly p: Numbers;
  /** By id, built only for long lists: a scan of a few people is cheaper than a map per application. */
  readonly peopleById: ReadonlyMap<string, Person> | undefined;
  readonly touches: readonly Touch[];
  readonly out: Recommendation[];
  readonly warnings: Warning[];
}

/** The person with that id (the last one, should ids repeat, as a map built from the list keeps). */
function personOf(a: AppContext, id: string): Person | undefined {
  if (a.peopleById) return a.peopleById.get(id);
  const people = a.app.people;
  for (let i = people.length - 1; i >= 0; i--) {
    const x = people[i];
    if (x && x.id === id) return x;
  }
  return undefined;
}

function placeOf(a: AppContext, person: Person | undefined): Place {
  const zone = person?.timeZone ?? a.app.timeZone ?? a.settings.timeZone;
  const region = person?.region ?? a.app.region ?? a.settings.region;
  return a.shared.place(zone, region, a.settings);
}

function dayWindow(place: Place, earliest: Day, ideal: Day, latest: Day): Window {
  const e = place.zone.at(earliest, place.start);
  const i = Math.max(e, place.zone.at(ideal, place.start));
  return { earliest: e, ideal: i, latest: Math.max(i, place.zone.at(latest, place.end)) };
}

// ------------------------------------------------------------------ T1–T4 thank-yous

/** The rules behind a thank-you's timing and channel (T1–T4, F3/C3), one shared list per combination. */
function thankYouRules(shared: Shared, panel: boolean, asked: boolean, notEmail: boolean, t4: boolean): readonly RuleId[] {
  const key = (panel ? 1 : 0) + (asked ? 2 : notEmail ? 4 : 0) + (t4 ? 8 : 0);
  let rules = shared.thankYouRules[key];
  if (!rules) {
    const list: RuleId[] = panel ? ['T1', 'T2', 'T3'] : ['T1', 'T2'];
    if (asked) list.push('F3', 'C3');
    else if (notEmail) list.push('C3');
    if (t4) list.push('T4');
    rules = shared.rules(list);
    shared.thankYouRules[key] = rules;
  }
  return rules;
}

function thankYouReason(shared: Shared, morning: boolean, panel: boolean, channel: Channel, local: boolean): Reason {
  const key = CHANNELS.indexOf(channel) * 8 + (morning ? 4 : 0) + (panel ? 2 : 0) + (local ? 1 : 0);
  return (shared.thankYou[key] ??= { code: 'thank_you', morning, panel, channel, local });
}

function planThankYous(a: AppContext, iv: Interview, nextStart: EpochMs | undefined, closedAt: EpochMs | undefined): void {
  const { p, ctx } = a;
  const ivZone = ctx.time.zone(iv.timeZone);
  const morning = ivZone.minutesAt(iv.start) < p.clock(p.raw.T2.noon);
  const met: Person[] = [];
  for (const id of iv.peopleIds) {
    const x = personOf(a, id);
    if (x !== undefined && THANKED_ROLES.has(x.role)) met.push(x);
  }
  const panelLead = iv.panel && iv.panelLeadId ? personOf(a, iv.panelLeadId) : undefined;
  const individual = a.app.individualPanelNotes || p.raw.T3.panelNote === 'individual';
  // One note to the panel's lead with the others in copy, or one note to each person met.
  const lead = panelLead && !individual ? panelLead : undefined;
  const count = lead ? 1 : met.length;
  const latestMs = durationMs(p.dur(p.raw.T2.latest));
  const minAfterEndMs = durationMs(p.dur(p.raw.T2.minAfterEnd));
  const sameDayBy = p.clock(p.raw.T2.sameDayBy);
  const nextDayBy = p.clock(p.raw.T2.nextDayBy);

  for (let k = 0; k < count; k++) {
    const to = lead ?? met[k];
    if (!to) continue;
    const cc: readonly Person[] = lead ? met.filter((x) => x.id !== lead.id) : NO_PEOPLE;
    const place = placeOf(a, to);
    const endDay = place.zone.dayAt(iv.end);
    const idealWall = morning ? place.zone.at(endDay, sameDayBy) : place.zone.at(endDay + 1, nextDayBy);
    const latest = iv.end + latestMs;
    const ideal = Math.min(latest, Math.max(idealWall, iv.end + minAfterEndMs));

    // T4/C3: which channel the note goes through, and the rules that chose it.
    const asked = iv.directions?.channel;
    const wanted = asked ?? to.preferredChannel ?? a.candidate.preferredChannel ?? 'email';
    let channel: Channel = 'email';
    let t4 = false;
    if (wanted === 'letter' || wanted === 'fax') {
      channel = wanted;
      t4 = true;
    } else if (wanted === 'handwritten_note') {
      channel = a.candidate.local ? 'handwritten_note' : 'email';
      t4 = true;
    }
    const rules = thankYouRules(a.shared, iv.panel, asked !== undefined, wanted !== 'email', t4);

    let sent: Touch | undefined;
    for (const t of a.touches) {
      if (t.kind !== 'thank_you' || t.personId === undefined || t.at < iv.start || (nextStart !== undefined && t.at >= nextStart)) continue;
      if (t.personId === to.id || (cc.length > 0 && cc.some((x) => x.id === t.personId))) {
        sent = t;
        break;
      }
    }
    let notes: readonly Note[] = NO_NOTES;
    let status: RecommendationStatus;
    if (sent) {
      status = 'done';
      notes = [{ code: 'sent', at: sent.at, channel: sent.channel, late: sent.at > latest, early: false }];
    } else if (nextStart !== undefined && nextStart <= ctx.now) {
      status = 'skipped';
      notes = [{ code: 'superseded_by_round' }];
    } else if (closedAt !== undefined) {
      status = 'skipped';
      notes = [{ code: 'closed_by_outcome', outcome: 'decision' }];
    } else {
      status = statusBetween(ctx.now, iv.end, latest);
      if (status === 'overdue') notes = [{ code: 'late' }];
    }
    a.out.push({
      applicationId: a.app.id, kind: 'thank_you', personId: to.id, ccPersonIds: cc.length > 0 ? cc.map((x) => x.id) : NO_IDS,
      channel, earliest: iv.end, ideal, latest, timeZone: place.zone.id, status, rules, interviewId: iv.id, notes,
      reason: thankYouReason(a.shared, morning, cc.length > 0, channel, a.candidate.local),
    });
  }
}

// ------------------------------------------------------------------ C1–C2 calls

interface CallRules {
  readonly interviewDay: Day;
  /** F3: the employer named the day, so the Monday and day-after bans do not apply. */
  readonly bansLifted: boolean;
  /** Calendar weeks (their Mondays) that already have a call (C2). */
  readonly weeksUsed: ReadonlySet<Day>;
}

function callWindows(a: AppContext, place: Place): readonly (readonly [Minutes, Minutes])[] {
  return a.p.callWindows(place.start, place.end);
}

/** Which rule forbids calling on `day`, if any. */
function callDayBlock(a: AppContext, place: Place, day: Day, rules: CallRules): RuleId | null {
  const c1 = a.p.raw.C1;
  if (!place.calendar.isBusinessDay(day)) return 'C1';
  if (!rules.bansLifted && c1.noMonday && weekday(day) === 1) return 'C1';
  if (!rules.bansLifted && c1.noDayAfterInterview && day === rules.interviewDay + 1) return 'C1';
  if (a.p.raw.C2.perWeek > 0 && rules.weeksUsed.has(weekStart(day))) return 'C2';
  return null;
}

/** The next allowed call slot at or after `from` (C1 windows, C2 weeks). */
function nextCallSlot(a: AppContext, place: Place, from: EpochMs, rules: CallRules): { start: EpochMs; end: EpochMs; blockedBy: RuleId | null } {
  const windows = callWindows(a, place);
  const firstDay = place.zone.dayAt(from);
  let blockedBy: RuleId | null = null;
  for (let day = firstDay; day < firstDay + 400; day++) {
    const block = callDayBlock(a, place, day, rules);
    if (block) {
      blockedBy ??= block;
      continue;
    }
    for (const [s, e] of windows) {
      const start = place.zone.at(day, s);
      const end = place.zone.at(day, e);
      if (end > from) return { start: Math.max(start, from), end, blockedBy: blockedBy ?? 'C1' };
    }
    blockedBy ??= 'C1';
  }
  return { start: from, end: from, blockedBy: 'C1' };
}

function lastSlotEnd(a: AppContext, place: Place, day: Day, rules: CallRules): EpochMs {
  const slot = nextCallSlot(a, place, place.zone.at(day, 0), rules);
  const slotDay = place.zone.dayAt(slot.start);
  const windows = callWindows(a, place);
  const last = windows[windows.length - 1];
  return last ? place.zone.at(slotDay, last[1]) : slot.end;
}

// ------------------------------------------------------------------ F0–F6 status checks

interface Cycle {
  /** Day the cycle starts (interview or reply day, recipient's zone). */
  readonly startDay: Day;
  readonly startAt: EpochMs;
  /** When the cycle ends (a response), if it does. */
  readonly endAt?: EpochMs;
  readonly first: { readonly kind: 'date'; readonly day: Day; readonly reason: Reason; readonly rules: RuleId[] }
    | { readonly kind: 'directions'; readonly day: Day }
    | { readonly kind: 'stage' };
  readonly endedBy?: Touch;
}

function pickPerson(a: AppContext, id: string | undefined): Person | undefined {
  return id === undefined ? undefined : personOf(a, id);
}

function contactFor(a: AppContext, iv: Interview): Person | undefined {
  const chosen = pickPerson(a, iv.directions?.personId) ?? pickPerson(a, iv.contactId) ?? (iv.panel ? pickPerson(a, iv.panelLeadId) : undefined);
  if (chosen) return chosen;
  // Else the first person met in the first of these roles, else the first person met, else anyone.
  let first: Person | undefined;
  let manager: Person | undefined;
  let recruiter: Person | undefined;
  let coordinator: Person | undefined;
  let interviewer: Person | undefined;
  for (const id of iv.peopleIds) {
    const x = personOf(a, id);
    if (!x) continue;
    first ??= x;
    if (x.role === 'hiring_manager') manager ??= x;
    else if (x.role === 'recruiter') recruiter ??= x;
    else if (x.role === 'coordinator') coordinator ??= x;
    else if (x.role === 'interviewer') interviewer ??= x;
  }
  return manager ?? recruiter ?? coordinator ?? interviewer ?? first ?? a.app.people[0];
}

/** C3: the channel of a status check. */
function checkChannel(a: AppContext, person: Person | undefined, iv: Interview): { channel: Channel; rules: RuleId[] } {
  const asked = iv.directions?.channel;
  const wanted = asked ?? person?.preferredChannel ?? a.candidate.preferredChannel ?? 'email';
  const rules: RuleId[] = asked ? ['F3', 'C3'] : wanted !== 'email' ? ['C3'] : [];
  if (wanted === 'phone' || wanted === 'voicemail') return { channel: 'phone', rules };
  if (wanted === 'professional_network' || wanted === 'fax') return { channel: wanted, rules };
  return { channel: 'email', rules: wanted === 'email' ? rules : [...rules.filter((r) => r !== 'C3'), 'C3'] };
}

function planFollowUps(a: AppContext, iv: Interview, thankYouAt: EpochMs | undefined): void {
  const { p, app } = a;
  const contact = contactFor(a, iv);
  const place = placeOf(a, contact);
  const ivDay = place.zone.dayAt(iv.start);
  const thankYouDay = thankYouAt === undefined ? undefined : place.zone.dayAt(thankYouAt);
  const cal = place.calendar;

  // Cycles: the interview's, then one per "not decided yet"-like reply (F6).
  const cycles: Cycle[] = [];
  let firstOfInterview: Cycle['first'];
  if (iv.directions?.on !== undefined) {
    firstOfInterview = { kind: 'directions', day: iv.directions.on };
  } else if (iv.timeline.decisionBy !== undefined) {
    firstOfInterview = { kind: 'date', day: iv.timeline.decisionBy, rules: ['F1'],
      reason: { code: 'check_decision_date', decisionDay: iv.timeline.decisionBy, source: 'given' } };
  } else if (iv.timeline.said) {
    const reading = readTimeline(iv.timeline.said, ivDay, cal);
    if (reading.ok) {
      firstOfInterview = { kind: 'date', day: reading.day, rules: ['F0', 'F1'],
        reason: { code: 'check_decision_date', decisionDay: reading.day, source: 'said', understood: reading.understood } };
    } else {
      a.warnings.push({ rule: 'F0', code: 'unreadable_timeline', applicationId: app.id, interviewId: iv.id, said: iv.timeline.said });
      firstOfInterview = { kind: 'stage' };
    }
  } else {
    firstOfInterview = { kind: 'stage' };
  }
  let current: { startDay: Day; startAt: EpochMs; first: Cycle['first'] } = { startDay: ivDay, startAt: iv.start, first: firstOfInterview };
  for (const ev of a.touches) {
    if (ev.at < iv.start || !RESPONSES.has(ev.outcome)) continue;
    cycles.push({ startDay: current.startDay, startAt: current.startAt, first: current.first, endAt: ev.at, endedBy: ev });
    if (ev.outcome === 'not_decided' || ev.outcome === 'still_considered' || ev.outcome === 'reply_received') {
      const evDay = place.zone.dayAt(ev.at);
      const given = ev.newDecisionBy;
      const day = given ?? shift(evDay, p.dur(p.raw.F6.notDecidedDefault), cal);
      current = { startDay: evDay, startAt: ev.at, first: { kind: 'date', day, rules: ['F6', 'F1'],
        reason: { code: 'check_decision_date', decisionDay: day, source: 'reply' } } };
    } else {
      current = { startDay: -1, startAt: -1, first: { kind: 'stage' } };
      break;
    }
  }
  if (current.startAt >= 0) cycles.push(current);

  const checkTouches: Touch[] = [];
  let callsMade = 0;
  const weeksUsed = new Set<Day>();
  for (const t of a.touches) {
    if (t.at < iv.start || !CHECK_TOUCH_KINDS.has(t.kind)) continue;
    checkTouches.push(t);
    if (CALL_CHANNELS.has(t.channel) || t.kind === 'call' || t.kind === 'voicemail') {
      callsMade++;
      weeksUsed.add(weekStart(place.zone.dayAt(t.at)));
    }
  }
  const channel = checkChannel(a, contact, iv);

  for (const cycle of cycles) planCycle(a, iv, cycle, { contact, place, ivDay, thankYouDay, checkTouches, callsMade, weeksUsed, channel });
}

interface CycleEnv {
  readonly contact: Person | undefined;
  readonly place: Place;
  readonly ivDay: Day;
  readonly thankYouDay: Day | undefined;
  readonly checkTouches: readonly Touch[];
  readonly callsMade: number;
  readonly weeksUsed: ReadonlySet<Day>;
  /** C3: the contact's channel for status checks, and the rules that chose it. */
  readonly channel: { readonly channel: Channel; readonly rules: readonly RuleId[] };
}

function planCycle(a: AppContext, iv: Interview, cycle: Cycle, env: CycleEnv): void {
  const { p, ctx, app } = a;
  const { place, contact } = env;
  const cal = place.calendar;
  const goAhead = iv.goAhead;
  // The touch that carried a reply closes its cycle; the next cycle starts after it.
  const inCycle: Touch[] = [];
  for (const t of env.checkTouches) if (t.at > cycle.startAt && (cycle.endAt === undefined || t.at <= cycle.endAt)) inCycle.push(t);
  const ended = cycle.endAt !== undefined;
  // Never before the interview has ended, nor before the reply that opened this cycle.
  const notBefore = Math.max(iv.end, cycle.startAt);

  // Give-up horizon (F5): a month (five weeks with a go-ahead) after the cycle start or decision date.
  const decisionDay = cycle.first.kind === 'stage' ? undefined : cycle.first.day;
  const anchor = Math.max(cycle.startDay, decisionDay ?? cycle.startDay);
  const horizon = goAhead ? shift(anchor, p.dur(p.raw.F5.goAhead), cal) : shift(anchor, p.dur(p.raw.F5.noResponse), cal);
  const maxChecks = goAhead ? 50 : p.raw.F4.checksWithoutGoAhead;
  // C2, one call a week: the weeks of calls made, and of the calls proposed below.
  let weeksUsed = env.weeksUsed;

  let prevDay: Day | undefined;
  let lastCheckDay: Day | undefined;
  let callsUsed = env.callsMade;
  for (let seq = 1; seq <= maxChecks; seq++) {
    // The raw window by rule.
    let earliest: Day;
    let ideal: Day;
    let latest: Day;
    let rules: RuleId[];
    let reason: Reason;
    let useDirections = false;
    if (seq === 1) {
      const first = cycle.first;
      // A day before the interview (or the reply that opened this cycle) counts as that day.
      const day = first.kind === 'stage' ? cycle.startDay : Math.max(first.day, cycle.startDay);
      if (first.kind === 'directions') {
        earliest = day;
        ideal = day;
        latest = shift(day, p.dur(p.raw.F3.latest), cal);
        rules = ['F3'];
        reason = { code: 'check_directions', day: first.day };
        useDirections = true;
      } else if (first.kind === 'date') {
        earliest = shift(day, p.dur(p.raw.F1.earliest), cal);
        ideal = shift(day, p.dur(p.raw.F1.ideal), cal);
        latest = shift(day, p.dur(p.raw.F1.latest), cal);
        rules = first.rules.slice();
        reason = first.reason;
      } else {
        const stage = p.raw.F2[iv.stage];
        const base = stage.from === 'thank_you' ? (env.thankYouDay ?? env.ivDay) : env.ivDay;
        earliest = Math.max(shift(env.ivDay, p.dur(stage.earliest), cal), shift(env.ivDay, p.dur(p.raw.F2.minEarliest), cal));
        ideal = Math.max(earliest, shift(base, p.dur(stage.ideal), cal));
        latest = Math.max(ideal, shift(base, p.dur(stage.latest), cal));
        rules = ['F2'];
        reason = { code: 'check_no_timeline', stage: iv.stage, from: stage.from };
      }
    } else {
      const base = prevDay ?? cycle.startDay;
      const w = goAhead ? p.raw.F4.goAhead : p.raw.F4.next;
      earliest = shift(base, p.dur(w.earliest), cal);
      ideal = Math.max(earliest, shift(base, p.dur(w.ideal), cal));
      latest = Math.max(ideal, shift(base, p.dur(w.latest), cal));
      rules = ['F4'];
      const key = goAhead ? -seq : seq;
      reason = (a.shared.checkAgain[key + 64] ??= { code: 'check_again', goAhead, sequence: seq });
    }
    const touch = inCycle[seq - 1];
    // Checks past the give-up horizon are not proposed (F5), unless one was actually made.
    if (!touch && seq > 1 && ideal > horizon) break;
    if (!touch && seq > 1 && ended) break;

    const wanted = env.channel.channel;
    let channel = wanted;
    let notes: Note[] | undefined;
    for (const r of env.channel.rules) if (!rules.includes(r)) rules.push(r);
    if (wanted === 'phone' && callsUsed >= p.raw.C2.total && !(touch && CALL_CHANNELS.has(touch.channel))) {
      channel = 'email';
      notes = [{ code: 'email_after_calls', total: p.raw.C2.total }];
      if (!rules.includes('C2')) rules.push('C2');
    }
    const isCall = channel === 'phone';
    // The window in the recipient's zone (as dayWindow), not before `notBefore`.
    let wEarliest = place.zone.at(earliest, place.start);
    let wIdeal = Math.max(wEarliest, place.zone.at(ideal, place.start));
    let wLatest = Math.max(wIdeal, place.zone.at(latest, place.end));
    if (wEarliest < notBefore) {
      wEarliest = notBefore;
      wIdeal = Math.max(wIdeal, notBefore);
      wLatest = Math.max(wLatest, notBefore);
    }
    const callRules: CallRules | undefined = isCall ? { interviewDay: env.ivDay, bansLifted: useDirections, weeksUsed } : undefined;
    if (callRules) {
      if (!rules.includes('C1')) rules.push('C1');
      if (!rules.includes('C2')) rules.push('C2');
      const idealSlot = nextCallSlot(a, place, wIdeal, touch ? { interviewDay: env.ivDay, bansLifted: useDirections, weeksUsed: new Set() } : callRules);
      wLatest = Math.max(idealSlot.end, lastSlotEnd(a, place, latest, callRules));
      wIdeal = idealSlot.start;
    }

    let status: RecommendationStatus;
    let blockedBy: RuleId | undefined;
    let nextAllowed: EpochMs | undefined;
    if (touch) {
      status = 'done';
      const early = touch.at < wEarliest;
      if (early && !rules.includes('P2')) rules.push('P2');
      (notes ??= []).push({ code: 'sent', at: touch.at, channel: touch.channel, late: touch.at > wLatest, early });
    } else if (ended) {
      status = 'skipped';
      (notes ??= []).push({ code: 'answered', outcome: cycle.endedBy?.outcome ?? 'reply' });
    } else {
      status = statusBetween(ctx.now, wEarliest, wLatest);
      if (callRules && status !== 'upcoming') {
        const slot = nextCallSlot(a, place, ctx.now, callRules);
        if (slot.start > ctx.now) {
          nextAllowed = slot.start;
          if (status === 'due') {
            status = 'blocked';
            blockedBy = slot.blockedBy ?? 'C1';
          }
        }
      }
      if (isCall) {
        callsUsed++;
        weeksUsed = new Set(weeksUsed).add(weekStart(place.zone.dayAt(wIdeal)));
      }
    }
    const kind = isCall ? 'call' : 'status_check';
    // Two literals rather than a conditional spread: keys in the same order, without copying objects.
    const rec: Draft = contact
      ? {
        applicationId: app.id, kind, personId: contact.id, ccPersonIds: NO_IDS, channel, earliest: wEarliest, ideal: wIdeal, latest: wLatest,
        timeZone: place.zone.id, status, rules: a.shared.rules(rules), reason, notes: notes ?? NO_NOTES, interviewId: iv.id, sequence: seq,
      }
      : {
        applicationId: app.id, kind, ccPersonIds: NO_IDS, channel, earliest: wEarliest, ideal: wIdeal, latest: wLatest,
        timeZone: place.zone.id, status, rules: a.shared.rules(rules), reason, notes: notes ?? NO_NOTES, interviewId: iv.id, sequence: seq,
      };
    if (blockedBy) rec.blockedBy = blockedBy;
    if (nextAllowed !== undefined) rec.nextAllowed = nextAllowed;
    a.out.push(rec);
    prevDay = touch ? place.zone.dayAt(touch.at) : ideal;
    lastCheckDay = prevDay;
    if (!touch && goAhead && ideal > horizon) break;
  }

  if (ended) {
    planOutcome(a, cycle, place);
    return;
  }

  // F5: move on.
  const byChecks = !goAhead && lastCheckDay !== undefined && inCycle.length >= maxChecks;
  const afterChecks = lastCheckDay !== undefined && !goAhead ? shift(lastCheckDay, p.dur(p.raw.F5.afterLastCheck), cal) : horizon;
  const giveDay = Math.min(horizon, afterChecks);
  const w = dayWindow(place, giveDay, giveDay, horizon);
  const status = statusAt(ctx.now, w);
  if (status === 'overdue' || status === 'due') a.warnings.push({ rule: 'F5', code: 'move_on', applicationId: app.id });
  const rules: RuleId[] = goAhead ? ['F5', 'F4'] : ['F5'];
  const reason = (a.shared.giveUp[(goAhead ? 2 : 0) + (byChecks ? 1 : 0)] ??= { code: 'give_up', goAhead, byChecks });
  a.out.push(contact
    ? {
      applicationId: app.id, kind: 'give_up', personId: contact.id, ccPersonIds: NO_IDS, channel: 'email',
      earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules: a.shared.rules(rules), notes: NO_NOTES, reason, interviewId: iv.id,
    }
    : {
      applicationId: app.id, kind: 'give_up', ccPersonIds: NO_IDS, channel: 'email',
      earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules: a.shared.rules(rules), notes: NO_NOTES, reason, interviewId: iv.id,
    });
}

/** F6/X3: a decision arrived; reply graciously, or record what comes next. */
function planOutcome(a: AppContext, cycle: Cycle, place: Place): void {
  const ev = cycle.endedBy;
  if (!ev) return;
  const { p, ctx, app } = a;
  const outcome = ev.outcome;
  if (outcome === 'next_round') {
    a.warnings.push({ rule: 'F6', code: 'record_next_round', applicationId: app.id });
    return;
  }
  const written = !CALL_CHANNELS.has(ev.channel) && ev.kind !== 'call';
  const pending = outcome === 'not_decided' || outcome === 'still_considered' || outcome === 'reply_received';
  // A written "not decided yet" deserves a short reply; one said on the phone was answered in the call.
  if (pending && !written) return;
  if (!pending && outcome !== 'filled' && outcome !== 'rejected' && outcome !== 'offer') return;
  const day = place.zone.dayAt(ev.at);
  const latestDay = shift(day, p.dur(p.raw.F6.replyWithin), place.calendar);
  const w: Window = { earliest: ev.at, ideal: ev.at, latest: Math.max(ev.at, place.zone.at(latestDay, place.end)) };
  let reply: Touch | undefined;
  for (const t of a.touches) {
    if (t.at > ev.at && t.kind === 'reply' && t.outcome === 'sent') {
      reply = t;
      break;
    }
  }
  const notes: readonly Note[] = reply ? [{ code: 'sent', at: reply.at, channel: reply.channel, late: reply.at > w.latest, early: false }] : NO_NOTES;
  const rules: RuleId[] = outcome === 'offer' ? ['F6'] : ['F6', 'X3'];
  const channel: Channel = ev.channel === 'phone' || ev.channel === 'voicemail' ? 'email' : ev.channel;
  const status = reply ? 'done' : statusAt(ctx.now, w);
  const reason: Reason = { code: 'reply', outcome: outcome === 'still_considered' ? 'not_decided' : outcome };
  a.out.push(ev.personId
    ? {
      applicationId: app.id, kind: 'reply', personId: ev.personId, ccPersonIds: NO_IDS, channel,
      earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules: a.shared.rules(rules), notes, reason,
    }
    : {
      applicationId: app.id, kind: 'reply', ccPersonIds: NO_IDS, channel,
      earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules: a.shared.rules(rules), notes, reason,
    });
  if (app.status === 'active' && !pending) a.warnings.push({ rule: 'F6', code: 'close_application', applicationId: app.id, outcome });
}

// ------------------------------------------------------------------ F7 references

/** The decision date known for an interview (given, else read from the employer's words). */
function decisionDayOf(iv: Interview, ivDay: Day, cal: BusinessCalendar): Day | undefined {
  if (iv.timeline.decisionBy !== undefined) return iv.timeline.decisionBy;
  if (!iv.timeline.said) return undefined;
  const reading = readTimeline(iv.timeline.said, ivDay, cal);
  return reading.ok ? reading.day : undefined;
}

/** A reference's zone, else the candidate's. parseScenario does not check it: an unknown one must not make planning throw. */
function referenceZone(a: AppContext, zone: string | undefined): ZoneRules {
  if (zone !== undefined) {
    try {
      return a.ctx.time.zone(zone);
    } catch {
      // Unknown zone: fall through to the candidate's.
    }
  }
  return a.ctx.time.zone(a.settings.timeZone);
}

function planReferences(a: AppContext, ivs: readonly Interview[]): void {
  const { p, ctx, app, candidate } = a;
  if (candidate.references.length === 0) return;
  const laterRounds = new Set<Interview['stage']>(['second_round', 'third_round', 'final']);
  const trigger = ivs.find((iv) => iv.referencesRequested || laterRounds.has(iv.stage));
  if (!trigger) return;
  for (const ref of candidate.references) {
    const place: Place = {
      zone: referenceZone(a, ref.timeZone),
      calendar: ctx.time.calendar(a.settings.region, a.settings.workday.days),
      start: a.settings.workday.start,
      end: a.settings.workday.end,
    };
    const day = place.zone.dayAt(trigger.end);
    const decision = decisionDayOf(trigger, place.zone.dayAt(trigger.start), place.calendar);
    let latest = place.zone.at(shift(day, p.dur(p.raw.F7.latest), place.calendar), place.end);
    if (decision !== undefined) latest = Math.max(trigger.end, Math.min(latest, place.zone.at(decision, place.start)));
    const ideal = Math.min(latest, Math.max(trigger.end, place.zone.at(shift(day, p.dur(p.raw.F7.ideal), place.calendar), place.start)));
    const w: Window = { earliest: trigger.end, ideal, latest };
    const touch = a.touches.find((t) => t.kind === 'reference_brief' && t.referenceId === ref.id);
    const notes: readonly Note[] = touch ? [{ code: 'sent', at: touch.at, channel: touch.channel, late: touch.at > latest, early: false }] : NO_NOTES;
    a.out.push({
      applicationId: app.id, kind: 'reference_brief', referenceId: ref.id, ccPersonIds: NO_IDS,
      channel: ref.email ? 'email' : 'phone', earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id,
      status: touch || ref.briefed ? 'done' : statusAt(ctx.now, w), rules: a.shared.rules(['F7']), notes, interviewId: trigger.id,
      reason: decision !== undefined ? { code: 'reference_brief', decisionDay: decision } : { code: 'reference_brief' },
    });
  }
}

// ------------------------------------------------------------------ applications and the whole plan

/**
 * Sorts in place by ideal, then kind, then recipient id (as localeCompare orders them), keeping the
 * given order on ties: what a stable sort with that comparator gives, as two native numeric sorts.
 * Comparing the objects themselves (they come in many shapes) was the slowest part of planning
 * 100,000 applications.
 */
export function sortRecommendations(recs: Recommendation[]): void {
  const n = recs.length;
  if (n < 2) return;
  // A plan of one application (the agenda plans each on its own) has a handful: the radix sort's
  // 65,536 counters would cost more than sorting them.
  if (n <= SMALL_SORT) {
    recs.sort(byIdealKindRecipient);
    return;
  }
  const ideals = new Float64Array(n);
  // Each recommendation's recipient id, as an index into `ids` (first seen first).
  const who = new Int32Array(n);
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    if (!r) continue;
    ideals[i] = r.ideal;
    const id = r.personId ?? r.referenceId ?? '';
    let k = idIndex.get(id);
    if (k === undefined) {
      k = ids.length;
      ids.push(id);
      idIndex.set(id, k);
    }
    who[i] = k;
  }
  // The few distinct recipient ids, ranked once (ids localeCompare deems equal share a rank).
  const order = ids.map((_, k) => k).sort((x, y) => (ids[x] ?? '').localeCompare(ids[y] ?? ''));
  const rank = new Float64Array(ids.length);
  for (let j = 0; j < order.length; j++) {
    const k = order[j] ?? 0;
    const prev = j > 0 ? order[j - 1] : undefined;
    rank[k] = prev !== undefined && (ids[prev] ?? '').localeCompare(ids[k] ?? '') === 0 ? rank[prev] ?? j : j;
  }
  // First by (kind, recipient, given order), each packed in one exact number (< 6·n² ≤ 2⁵³ for
  // n < 3·10⁷); then, keeping that order, stably by ideal (a radix sort, else dealt into runs of equal ideals).
  const byTie = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    byTie[i] = ((r ? KIND_ORDER[r.kind] : 0) * ids.length + (rank[who[i] ?? 0] ?? 0)) * n + i;
  }
  byTie.sort();
  const copy = recs.slice();
  const permutation = byIdeal(ideals, byTie, n);
  if (permutation) {
    for (let j = 0; j < n; j++) {
      const r = copy[permutation[j] ?? 0];
      if (r) recs[j] = r;
    }
    return;
  }
  const sorted = ideals.slice().sort();
  const placed = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = (byTie[j] ?? 0) % n;
    const first = runStart(sorted, ideals[i] ?? 0);
    const taken = placed[first] ?? 0;
    placed[first] = taken + 1;
    const r = copy[i];
    if (r) recs[first + taken] = r;
  }
}

const SMALL_SORT = 256;

/** The order sortRecommendations gives, as a comparator for a stable sort (NaN ideals last). */
export function byIdealKindRecipient(a: Recommendation, b: Recommendation): number {
  const x = a.ideal;
  const y = b.ideal;
  if (x !== y) {
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  const kind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kind !== 0) return kind;
  return (a.personId ?? a.referenceId ?? '').localeCompare(b.personId ?? b.referenceId ?? '');
}

/**
 * The indices in tie order (`byTie` keys mod n) stably sorted by ideal, by a radix sort on 16-bit digits
 * of ideal − min; undefined when an ideal is not an integer or they span 2⁴⁸ ms or more.
 */
function byIdeal(ideals: Float64Array, byTie: Float64Array, n: number): Int32Array | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = ideals[i] ?? 0;
    if (!Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max - min >= 2 ** 48) return undefined;
  let src = new Int32Array(n);
  for (let j = 0; j < n; j++) src[j] = (byTie[j] ?? 0) % n;
  let dst = new Int32Array(n);
  const digit = new Uint16Array(n);
  const count = new Int32Array(65537);
  for (let pass = 0, scale = 1; pass < 3 && (max - min) >= scale; pass++, scale *= 65536) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = Math.floor(((ideals[i] ?? 0) - min) / scale) % 65536;
      digit[i] = d;
      count[d + 1] = (count[d + 1] ?? 0) + 1;
    }
    for (let d = 0; d < 65536; d++) count[d + 1] = (count[d + 1] ?? 0) + (count[d] ?? 0);
    for (let j = 0; j < n; j++) {
      const i = src[j] ?? 0;
      const d = digit[i] ?? 0;
      const at = count[d] ?? 0;
      dst[at] = i;
      count[d] = at + 1;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** The index of the first `value` in ascending `sorted` (NaNs, sorted last, count as one value). */
function runStart(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  if (Number.isNaN(value)) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Number.isNaN(sorted[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Plans one application. `params` are the user's resolved protocol numbers. */
function planApplication(scenario: Scenario, app: Application, ctx: PlanContext, params: Numbers, shared: Shared, out: Recommendation[], warnings: Warning[]): void {
  let p = params;
  if (Object.keys(app.protocol).length > 0) {
    const key = JSON.stringify(app.protocol);
    let own = shared.overridden.get(key);
    if (!own) {
      own = numbers(resolveParams(scenario.settings.protocol, app.protocol));
      shared.overridden.set(key, own);
    }
    p = own;
  }
  const touches = touchesInOrder(app.touches);
  // This application's recommendations start here in `out` (searching all of `out` is O(N²)).
  const ownFrom = out.length;
  const a: AppContext = {
    shared, app, candidate: scenario.candidate, settings: scenario.settings, ctx, p,
    peopleById: app.people.length > 8 ? new Map(app.people.map((x) => [x.id, x])) : undefined, touches, out, warnings,
  };
  const ivs = interviewsInOrder(app.interviews);
  let closing: Touch | undefined;
  for (const t of touches) {
    if (t.outcome === 'filled' || t.outcome === 'rejected' || t.outcome === 'offer') {
      closing = t;
      break;
    }
  }
  const active = app.status === 'active';
  for (let i = 0; i < ivs.length; i++) {
    const iv = ivs[i];
    if (!iv) continue;
    const next = ivs[i + 1];
    if (active) planThankYous(a, iv, next?.start, closing && closing.at >= iv.start ? closing.at : undefined);
  }
  const last = ivs[ivs.length - 1];
  if (!last) return;
  if (active) planReferences(a, ivs);
  if (active) {
    let thankYouAt: EpochMs | undefined;
    for (const t of touches) {
      if (t.kind === 'thank_you' && t.at >= last.start) {
        thankYouAt = t.at;
        break;
      }
    }
    for (let i = ownFrom; thankYouAt === undefined && i < out.length; i++) {
      const r = out[i];
      if (r && r.applicationId === app.id && r.kind === 'thank_you' && r.interviewId === last.id) thankYouAt = r.ideal;
    }
    planFollowUps(a, last, thankYouAt);
  } else if (closing && closing.at >= last.start) {
    const contact = contactFor(a, last);
    const place = placeOf(a, contact);
    planOutcome(a, { startDay: place.zone.dayAt(last.start), startAt: last.start, endAt: closing.at, endedBy: closing, first: { kind: 'stage' } }, place);
  }
}

/** P1: keep searching. */
/** What P1 needs to know of one application. */
export interface PipelineEntry {
  readonly status: Application['status'];
  readonly appliedOn?: Day;
  /** The ball is in the employer's court: interviewed, and no thank-you owed. */
  readonly waiting: boolean;
}

/** P1, keep searching: from a summary of the pipeline on `today` (the candidate's date). */
export function keepSearchingWarnings(entries: readonly PipelineEntry[], today: Day, params: ProtocolParams): Warning[] {
  let active = 0;
  let allWaiting = true;
  let lastApplied: Day | undefined;
  for (const e of entries) {
    if (e.appliedOn !== undefined && (lastApplied === undefined || e.appliedOn > lastApplied)) lastApplied = e.appliedOn;
    if (e.status !== 'active') continue;
    active++;
    if (!e.waiting) allWaiting = false;
  }
  return pipelineWarnings(active, allWaiting, lastApplied, today, params);
}

function pipelineWarnings(active: number, allWaiting: boolean, lastApplied: Day | undefined, today: Day, params: ProtocolParams): Warning[] {
  const out: Warning[] = [];
  if (active < params.P1.minActive) out.push({ rule: 'P1', code: 'few_active', active, min: params.P1.minActive });
  if (lastApplied !== undefined && active > 0 && allWaiting && today - lastApplied >= params.P1.quietDays) {
    out.push({ rule: 'P1', code: 'quiet', days: today - lastApplied });
  }
  return out;
}

function keepSearching(scenario: Scenario, ctx: PlanContext, params: ProtocolParams, recs: readonly Recommendation[]): Warning[] {
  const thanksPending = new Set<string>();
  for (const r of recs) if (r.kind === 'thank_you' && (r.status === 'due' || r.status === 'overdue')) thanksPending.add(r.applicationId);
  // What keepSearchingWarnings reads of each entry, without building one per application.
  let active = 0;
  let allWaiting = true;
  let lastApplied: Day | undefined;
  for (const x of scenario.applications) {
    if (x.appliedOn !== undefined && (lastApplied === undefined || x.appliedOn > lastApplied)) lastApplied = x.appliedOn;
    if (x.status !== 'active') continue;
    active++;
    if (!(x.interviews.length > 0 && !thanksPending.has(x.id))) allWaiting = false;
  }
  return pipelineWarnings(active, allWaiting, lastApplied, ctx.time.zone(scenario.settings.timeZone).dayAt(ctx.now), params);
}

/**
 * The whole plan of a validated scenario at `ctx.now`: every recommendation for every application
 * (done ones included) in chronological order of `ideal`, and the warnings. Never throws on a
 * scenario that passed `parseScenario`.
 */
export function plan(scenario: Scenario, ctx: PlanContext): Plan {
  const raw = resolveParams(scenario.settings.protocol);
  const params = numbers(raw);
  const recommendations: Recommendation[] = [];
  const warnings: Warning[] = [];
  const shared = createShared(ctx.time);
  for (const app of scenario.applications) planApplication(scenario, app, ctx, params, shared, recommendations, warnings);
  sortRecommendations(recommendations);
  return { now: ctx.now, recommendations, warnings: [...keepSearching(scenario, ctx, raw, recommendations), ...warnings] };
}
