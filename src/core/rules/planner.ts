/**
 * The follow-up planner: PROTOCOL.md §3 (T1–T4, F0–F7, C1–C3, P1–P2) applied to a scenario at an
 * instant `now`. Pure: no IO, no clock; time zones and holidays come from the `TimeRules` given.
 */
import type { Application, Candidate, Channel, Interview, Person, Scenario, Settings, Touch } from '../model.js';
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
        d = parseDuration(text) ?? { n: 0, unit: 'd' };
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
  if (now < w.earliest) return 'upcoming';
  return now <= w.latest ? 'due' : 'overdue';
}

/** `items` sorted by `key`, stably; the array itself when it already is (no copy, no sort). */
function inOrder<T>(items: readonly T[], key: (x: T) => number): readonly T[] {
  let prev = -Infinity;
  for (const x of items) {
    const k = key(x);
    if (k < prev) return [...items].sort((p, q) => key(p) - key(q));
    prev = k;
  }
  return items;
}

interface AppContext {
  readonly app: Application;
  readonly candidate: Candidate;
  readonly settings: Settings;
  readonly ctx: PlanContext;
  readonly p: Numbers;
  readonly people: ReadonlyMap<string, Person>;
  readonly touches: readonly Touch[];
  readonly out: Recommendation[];
  readonly warnings: Warning[];
}

function placeOf(a: AppContext, person: Person | undefined): Place {
  const zone = person?.timeZone ?? a.app.timeZone ?? a.settings.timeZone;
  const region = person?.region ?? a.app.region ?? a.settings.region;
  return {
    zone: a.ctx.time.zone(zone),
    calendar: a.ctx.time.calendar(region, a.settings.workday.days),
    start: a.settings.workday.start,
    end: a.settings.workday.end,
  };
}

function dayWindow(place: Place, earliest: Day, ideal: Day, latest: Day): Window {
  const e = place.zone.at(earliest, place.start);
  const i = Math.max(e, place.zone.at(ideal, place.start));
  return { earliest: e, ideal: i, latest: Math.max(i, place.zone.at(latest, place.end)) };
}

// ------------------------------------------------------------------ T1–T4 thank-yous

/** T4/C3: which channel a thank-you goes through, and the rules that chose it. */
function thankYouChannel(a: AppContext, person: Person, iv: Interview): { channel: Channel; rules: RuleId[] } {
  const asked = iv.directions?.channel;
  const wanted = asked ?? person.preferredChannel ?? a.candidate.preferredChannel ?? 'email';
  const rules: RuleId[] = asked ? ['F3', 'C3'] : wanted !== 'email' ? ['C3'] : [];
  if (wanted === 'letter' || wanted === 'fax') return { channel: wanted, rules: [...rules, 'T4'] };
  if (wanted === 'handwritten_note') {
    return { channel: a.candidate.local ? 'handwritten_note' : 'email', rules: [...rules, 'T4'] };
  }
  return { channel: 'email', rules };
}

function planThankYous(a: AppContext, iv: Interview, nextStart: EpochMs | undefined, closedAt: EpochMs | undefined): void {
  const { p, ctx } = a;
  const ivZone = ctx.time.zone(iv.timeZone);
  const morning = ivZone.minutesAt(iv.start) < p.clock(p.raw.T2.noon);
  const met = iv.peopleIds
    .map((id) => a.people.get(id))
    .filter((x): x is Person => x !== undefined && THANKED_ROLES.has(x.role));
  const panelLead = iv.panel && iv.panelLeadId ? a.people.get(iv.panelLeadId) : undefined;
  const individual = a.app.individualPanelNotes || p.raw.T3.panelNote === 'individual';
  const notes: { to: Person; cc: Person[] }[] =
    panelLead && !individual
      ? [{ to: panelLead, cc: met.filter((x) => x.id !== panelLead.id) }]
      : met.map((to) => ({ to, cc: [] }));

  for (const note of notes) {
    const place = placeOf(a, note.to);
    const endDay = place.zone.dayAt(iv.end);
    const idealWall = morning
      ? place.zone.at(endDay, p.clock(p.raw.T2.sameDayBy))
      : place.zone.at(endDay + 1, p.clock(p.raw.T2.nextDayBy));
    const latest = iv.end + durationMs(p.dur(p.raw.T2.latest));
    const ideal = Math.min(latest, Math.max(idealWall, iv.end + durationMs(p.dur(p.raw.T2.minAfterEnd))));
    const w: Window = { earliest: iv.end, ideal, latest };
    const { channel, rules: channelRules } = thankYouChannel(a, note.to, iv);
    const isRecipient = (id: string): boolean => id === note.to.id || note.cc.some((x) => x.id === id);
    const sent = a.touches.find((t) =>
      t.kind === 'thank_you' && t.personId !== undefined && isRecipient(t.personId)
      && t.at >= iv.start && (nextStart === undefined || t.at < nextStart));
    const notes: Note[] = [];
    let status: RecommendationStatus;
    if (sent) {
      status = 'done';
      notes.push({ code: 'sent', at: sent.at, channel: sent.channel, late: sent.at > latest, early: false });
    } else if (nextStart !== undefined && nextStart <= ctx.now) {
      status = 'skipped';
      notes.push({ code: 'superseded_by_round' });
    } else if (closedAt !== undefined) {
      status = 'skipped';
      notes.push({ code: 'closed_by_outcome', outcome: 'decision' });
    } else {
      status = statusAt(ctx.now, w);
      if (status === 'overdue') notes.push({ code: 'late' });
    }
    const rules: RuleId[] = ['T1', 'T2'];
    if (iv.panel) rules.push('T3');
    for (const r of channelRules) if (!rules.includes(r)) rules.push(r);
    a.out.push({
      applicationId: a.app.id, kind: 'thank_you', personId: note.to.id, ccPersonIds: note.cc.map((x) => x.id),
      channel, earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules, interviewId: iv.id, notes,
      reason: { code: 'thank_you', morning, panel: note.cc.length > 0, channel, local: a.candidate.local },
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

function contactFor(a: AppContext, iv: Interview): Person | undefined {
  const pick = (id: string | undefined): Person | undefined => (id === undefined ? undefined : a.people.get(id));
  const met = iv.peopleIds.map((id) => a.people.get(id)).filter((x): x is Person => x !== undefined);
  const byRole = (role: Person['role']): Person | undefined => met.find((x) => x.role === role);
  return pick(iv.directions?.personId) ?? pick(iv.contactId) ?? (iv.panel ? pick(iv.panelLeadId) : undefined)
    ?? byRole('hiring_manager') ?? byRole('recruiter') ?? byRole('coordinator') ?? byRole('interviewer')
    ?? met[0] ?? a.app.people[0];
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
  const events = a.touches.filter((t) => t.at >= iv.start && RESPONSES.has(t.outcome));
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
  for (const ev of events) {
    cycles.push({ ...current, endAt: ev.at, endedBy: ev });
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

  const checkTouches = a.touches.filter((t) => t.at >= iv.start && CHECK_TOUCH_KINDS.has(t.kind));
  const callTouches = checkTouches.filter((t) => CALL_CHANNELS.has(t.channel) || t.kind === 'call' || t.kind === 'voicemail');
  let callsMade = 0;
  const weeksUsed = new Set<Day>();
  for (const t of callTouches) weeksUsed.add(weekStart(place.zone.dayAt(t.at)));
  callsMade = callTouches.length;

  for (const cycle of cycles) planCycle(a, iv, cycle, { contact, place, ivDay, thankYouDay, checkTouches, callsMade, weeksUsed });
}

interface CycleEnv {
  readonly contact: Person | undefined;
  readonly place: Place;
  readonly ivDay: Day;
  readonly thankYouDay: Day | undefined;
  readonly checkTouches: readonly Touch[];
  readonly callsMade: number;
  readonly weeksUsed: ReadonlySet<Day>;
}

function planCycle(a: AppContext, iv: Interview, cycle: Cycle, env: CycleEnv): void {
  const { p, ctx, app } = a;
  const { place, contact } = env;
  const cal = place.calendar;
  const goAhead = iv.goAhead;
  // The touch that carried a reply closes its cycle; the next cycle starts after it.
  const inCycle = env.checkTouches.filter((t) => t.at > cycle.startAt && (cycle.endAt === undefined || t.at <= cycle.endAt));
  const ended = cycle.endAt !== undefined;

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
        rules = [...first.rules];
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
      reason = { code: 'check_again', goAhead, sequence: seq };
    }
    const touch = inCycle[seq - 1];
    // Checks past the give-up horizon are not proposed (F5), unless one was actually made.
    if (!touch && seq > 1 && ideal > horizon) break;
    if (!touch && seq > 1 && ended) break;

    const { channel: wanted, rules: channelRules } = checkChannel(a, contact, iv);
    let channel = wanted;
    const notes: Note[] = [];
    if (wanted === 'phone' && callsUsed >= p.raw.C2.total && !(touch && CALL_CHANNELS.has(touch.channel))) {
      channel = 'email';
      notes.push({ code: 'email_after_calls', total: p.raw.C2.total });
      channelRules.push('C2');
    }
    for (const r of channelRules) if (!rules.includes(r)) rules.push(r);
    const isCall = channel === 'phone';
    let w = dayWindow(place, earliest, ideal, latest);
    // Never before the interview has ended, nor before the reply that opened this cycle.
    const notBefore = Math.max(iv.end, cycle.startAt);
    if (w.earliest < notBefore) w = { earliest: notBefore, ideal: Math.max(w.ideal, notBefore), latest: Math.max(w.latest, notBefore) };
    const callRules: CallRules = { interviewDay: env.ivDay, bansLifted: useDirections, weeksUsed };
    if (isCall) {
      for (const r of ['C1', 'C2'] as const) if (!rules.includes(r)) rules.push(r);
      const idealSlot = nextCallSlot(a, place, w.ideal, touch ? { ...callRules, weeksUsed: new Set() } : callRules);
      const latestEnd = Math.max(idealSlot.end, lastSlotEnd(a, place, latest, callRules));
      w = { earliest: w.earliest, ideal: idealSlot.start, latest: latestEnd };
    }

    let status: RecommendationStatus;
    let blockedBy: RuleId | undefined;
    let nextAllowed: EpochMs | undefined;
    if (touch) {
      status = 'done';
      const early = touch.at < w.earliest;
      if (early && !rules.includes('P2')) rules.push('P2');
      notes.push({ code: 'sent', at: touch.at, channel: touch.channel, late: touch.at > w.latest, early });
    } else if (ended) {
      status = 'skipped';
      notes.push({ code: 'answered', outcome: cycle.endedBy?.outcome ?? 'reply' });
    } else {
      status = statusAt(ctx.now, w);
      if (isCall && status !== 'upcoming') {
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
        weeksUsed = new Set(weeksUsed).add(weekStart(place.zone.dayAt(w.ideal)));
      }
    }
    a.out.push({
      applicationId: app.id, kind: isCall ? 'call' : 'status_check', ...(contact ? { personId: contact.id } : {}),
      ccPersonIds: [], channel, earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules, reason, notes, interviewId: iv.id,
      sequence: seq, ...(blockedBy ? { blockedBy } : {}), ...(nextAllowed !== undefined ? { nextAllowed } : {}),
    });
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
  a.out.push({
    applicationId: app.id, kind: 'give_up', ...(contact ? { personId: contact.id } : {}), ccPersonIds: [], channel: 'email',
    earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status, rules: goAhead ? ['F5', 'F4'] : ['F5'], notes: [],
    reason: { code: 'give_up', goAhead, byChecks }, interviewId: iv.id,
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
  const reply = a.touches.find((t) => t.at > ev.at && t.kind === 'reply' && t.outcome === 'sent');
  const notes: Note[] = reply ? [{ code: 'sent', at: reply.at, channel: reply.channel, late: reply.at > w.latest, early: false }] : [];
  const rules: RuleId[] = outcome === 'offer' ? ['F6'] : ['F6', 'X3'];
  a.out.push({
    applicationId: app.id, kind: 'reply', ...(ev.personId ? { personId: ev.personId } : {}), ccPersonIds: [],
    channel: ev.channel === 'phone' || ev.channel === 'voicemail' ? 'email' : ev.channel,
    earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id, status: reply ? 'done' : statusAt(ctx.now, w), rules, notes,
    reason: { code: 'reply', outcome: outcome === 'still_considered' ? 'not_decided' : outcome },
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
    const notes: Note[] = touch ? [{ code: 'sent', at: touch.at, channel: touch.channel, late: touch.at > latest, early: false }] : [];
    a.out.push({
      applicationId: app.id, kind: 'reference_brief', referenceId: ref.id, ccPersonIds: [],
      channel: ref.email ? 'email' : 'phone', earliest: w.earliest, ideal: w.ideal, latest: w.latest, timeZone: place.zone.id,
      status: touch || ref.briefed ? 'done' : statusAt(ctx.now, w), rules: ['F7'], notes, interviewId: trigger.id,
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
function sortRecommendations(recs: Recommendation[]): void {
  const n = recs.length;
  const ideals = new Float64Array(n);
  const kinds = new Uint8Array(n);
  const who: string[] = [];
  recs.forEach((r, i) => {
    ideals[i] = r.ideal;
    kinds[i] = KIND_ORDER[r.kind];
    who.push(r.personId ?? r.referenceId ?? '');
  });
  // The few distinct recipient ids, ranked once (ids localeCompare deems equal share a rank).
  const ids = [...new Set(who)].sort((x, y) => x.localeCompare(y));
  const idRank = new Map<string, number>();
  ids.forEach((id, i) => {
    const prev = ids[i - 1];
    idRank.set(id, prev !== undefined && prev.localeCompare(id) === 0 ? idRank.get(prev) ?? i : i);
  });
  // First by (kind, recipient, given order), each packed in one exact number (< 6·n² ≤ 2⁵³ for
  // n < 3·10⁷); then, keeping that order, dealt into the runs of equal ideals, in order of ideal.
  const byTie = Float64Array.from(who, (id, i) => ((kinds[i] ?? 0) * ids.length + (idRank.get(id) ?? 0)) * n + i).sort();
  const sorted = ideals.slice().sort();
  const runStart = new Map<number, number>();
  sorted.forEach((ideal, i) => {
    if (!runStart.has(ideal)) runStart.set(ideal, i);
  });
  const placed = new Int32Array(n);
  const copy = recs.slice();
  byTie.forEach((key) => {
    const i = key % n;
    const first = runStart.get(ideals[i] ?? 0) ?? 0;
    const taken = placed[first] ?? 0;
    placed[first] = taken + 1;
    const r = copy[i];
    if (r) recs[first + taken] = r;
  });
}

/** Plans one application. `params` are the user's resolved protocol numbers. */
function planApplication(scenario: Scenario, app: Application, ctx: PlanContext, params: Numbers, out: Recommendation[], warnings: Warning[]): void {
  const hasOverrides = Object.keys(app.protocol).length > 0;
  const p = hasOverrides ? numbers(resolveParams(scenario.settings.protocol, app.protocol)) : params;
  const touches = inOrder(app.touches, (t) => t.at);
  // This application's recommendations start here in `out` (searching all of `out` is O(N²)).
  const ownFrom = out.length;
  const a: AppContext = {
    app, candidate: scenario.candidate, settings: scenario.settings, ctx, p,
    people: new Map(app.people.map((x) => [x.id, x])), touches, out, warnings,
  };
  const ivs = inOrder(app.interviews, (x) => x.start);
  const closing = touches.find((t) => t.outcome === 'filled' || t.outcome === 'rejected' || t.outcome === 'offer');
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
  const firstThanks = touches.find((t) => t.kind === 'thank_you' && t.at >= last.start);
  const planned = out.slice(ownFrom).find((r) => r.applicationId === app.id && r.kind === 'thank_you' && r.interviewId === last.id);
  if (active) {
    planFollowUps(a, last, firstThanks?.at ?? planned?.ideal);
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
  const out: Warning[] = [];
  let active = 0;
  let allWaiting = true;
  let lastApplied: Day | undefined;
  for (const e of entries) {
    if (e.appliedOn !== undefined && (lastApplied === undefined || e.appliedOn > lastApplied)) lastApplied = e.appliedOn;
    if (e.status !== 'active') continue;
    active++;
    if (!e.waiting) allWaiting = false;
  }
  if (active < params.P1.minActive) out.push({ rule: 'P1', code: 'few_active', active, min: params.P1.minActive });
  if (lastApplied !== undefined && active > 0 && allWaiting && today - lastApplied >= params.P1.quietDays) {
    out.push({ rule: 'P1', code: 'quiet', days: today - lastApplied });
  }
  return out;
}

function keepSearching(scenario: Scenario, ctx: PlanContext, params: ProtocolParams, recs: readonly Recommendation[]): Warning[] {
  const thanksPending = new Set<string>();
  for (const r of recs) if (r.kind === 'thank_you' && (r.status === 'due' || r.status === 'overdue')) thanksPending.add(r.applicationId);
  const entries = scenario.applications.map((x): PipelineEntry => ({
    status: x.status,
    ...(x.appliedOn !== undefined ? { appliedOn: x.appliedOn } : {}),
    waiting: x.interviews.length > 0 && !thanksPending.has(x.id),
  }));
  return keepSearchingWarnings(entries, ctx.time.zone(scenario.settings.timeZone).dayAt(ctx.now), params);
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
  for (const app of scenario.applications) planApplication(scenario, app, ctx, params, recommendations, warnings);
  sortRecommendations(recommendations);
  return { now: ctx.now, recommendations, warnings: [...keepSearching(scenario, ctx, raw, recommendations), ...warnings] };
}
