/**
 * The plan as an RFC 5545 calendar: one event per action still to do, at its ideal moment in the
 * recipient's zone (the true instant, so a calendar app shows it on the user's clock too; the
 * description gives both clocks), with a reminder, a VTIMEZONE per zone (built from the same zone rules the
 * planner used) and UIDs that stay the same from one plan to the next, so re-importing updates.
 */
import { createHash } from 'node:crypto';
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventTransparency, type ICalDayJsStub } from 'ical-generator';
import { WORKPLACE_WORDS } from '../../core/details.js';
import type { Application, Scenario } from '../../core/model.js';
import { renderWhy } from '../../core/rules/messages.js';
import { resolveParams } from '../../core/rules/params.js';
import type { Plan, Recommendation, RecommendationStatus } from '../../core/rules/plan-types.js';
import {
  dayOf, formatClock, formatDay, formatWallClock, parseClock, wallStamp, weekdayName, zoneCity, zoneLabel, zoneTransitions, type EpochMs, type Minutes, type TimeRules, type ZoneRules,
} from '../../core/time.js';
import type { OfferAnswer } from '../agenda.js';
import { AppError } from '../errors.js';
import { actionLabel, addressName, CHANNEL_WORDS, findPerson, findReference } from './labels.js';
import { cleanText, oneLine, shorten } from './text.js';

export interface CalendarOptions {
  /** Minutes before each event for its reminder (0–10080); `null` for no reminder. Default 30. */
  readonly alarmMinutes?: number | null;
  /** Length of every event except calls, which last their call window. Default 30 minutes. */
  readonly eventMinutes?: number;
  /** The calendar's name shown by calendar apps. */
  readonly name?: string;
}

/** The statuses of actions still to do: only these become events. */
export const CALENDAR_STATUSES: ReadonlySet<RecommendationStatus> = new Set(['upcoming', 'due', 'overdue', 'blocked']);

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** SEQUENCE counts minutes from here, so a calendar made later always carries the newer revision. */
const SEQUENCE_EPOCH = Date.UTC(2024, 0, 1);
const COMPANY_MAX = 60;
const SUMMARY_MAX = 200;

/**
 * The key that names one action across plans: application, action, recipient, interview and
 * sequence, never a time or a position. A call and a status check fill the same slot of a check
 * cycle (the channel can change between plans), so they share a key.
 */
export function eventKey(rec: Recommendation): string {
  const kind = rec.kind === 'call' ? 'status_check' : rec.kind;
  const recipient = rec.personId !== undefined ? `p:${rec.personId}` : rec.referenceId !== undefined ? `r:${rec.referenceId}` : null;
  // Replies have no interview or sequence; what they answer tells two replies apart.
  const answers = rec.reason.code === 'reply' ? rec.reason.outcome : null;
  return JSON.stringify(['afterword-1', rec.applicationId, kind, recipient, rec.interviewId ?? null, rec.sequence ?? null, answers]);
}

/** `<32 hex>@afterword`: only characters every calendar accepts, whatever the ids contain. */
export function eventUid(rec: Recommendation): string {
  return `${createHash('sha256').update(eventKey(rec)).digest('hex').slice(0, 32)}@afterword`;
}

/** An instant in a zone, in the shape ical-generator formats (its "dayjs" interface), computed by our zone rules. */
function zoned(ms: EpochMs, zone: ZoneRules, time: TimeRules): ICalDayJsStub {
  return {
    format(fmt) {
      const day = zone.dayAt(ms);
      const minutes = zone.minutesAt(ms);
      const seconds = Math.floor((((ms % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE) / 1000);
      if (fmt === 'YYYYMMDD') return formatDay(day).replaceAll('-', '');
      if (fmt === 'HHmmss') return `${formatClock(minutes).replace(':', '')}${String(seconds).padStart(2, '0')}`;
      return zone.format(ms);
    },
    isValid: () => Number.isFinite(ms),
    toDate: () => new Date(ms),
    toJSON: () => zone.format(ms),
    tz: (id) => zoned(ms, id === undefined ? zone : time.zone(id), time),
    utc: () => zoned(ms, time.zone('UTC'), time),
  };
}

// ---------------------------------------------------------------- VTIMEZONE

// The offset changes come from core/time.ts (Temporal's own transitions); re-exported as before.
export { zoneTransitions } from '../../core/time.js';

/** `-0500`, `+1030`, `+0019` + seconds when an offset is not whole minutes. */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(minutes) * 60);
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  const base = `${sign}${String(hh).padStart(2, '0')}${String(mm).padStart(2, '0')}`;
  return ss === 0 ? base : `${base}${String(ss).padStart(2, '0')}`;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number): string {
  return [`BEGIN:${kind}`, `DTSTART:${start}`, `TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `END:${kind}`].join('\r\n');
}

/**
 * A VTIMEZONE for `zone` valid from Jan 1 of `fromYear` to the end of `toYear`: one observance
 * per offset change in that span (no RRULE to get wrong), the offsets being those the planner uses.
 */
export function vtimezone(zone: ZoneRules, fromYear: number, toYear: number): string {
  const from = dayOf(fromYear, 1, 1) * MS_PER_DAY;
  const to = dayOf(toYear + 1, 1, 1) * MS_PER_DAY;
  const changes = zoneTransitions(zone, from, to);
  const initial = zone.offsetMinutes(from);
  const first = changes[0];
  const initialKind = first !== undefined && first.to < initial ? 'DAYLIGHT' : 'STANDARD';
  const parts = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone.id}`,
    // The first observance starts a day early: readers need one in force before the first instant asked about.
    observance(initialKind, wallStamp(from - MS_PER_DAY, initial), initial, initial),
    // RFC 5545 §3.6.5: an observance starts at a local time read in the offset it replaces.
    ...changes.map((c) => observance(c.to > c.from ? 'DAYLIGHT' : 'STANDARD', wallStamp(c.at, c.from), c.from, c.to)),
    'END:VTIMEZONE',
  ];
  return parts.join('\r\n');
}

// ---------------------------------------------------------------- events

/** The call window (C1) that contains `start`, in the recipient's zone: its end. */
function callWindowEnd(rec: Recommendation, app: Application, scenario: Scenario, zone: ZoneRules, start: EpochMs): EpochMs | undefined {
  const c1 = resolveParams(scenario.settings.protocol, app.protocol).C1;
  const { start: dayStart, end: dayEnd } = scenario.settings.workday;
  const windows: [Minutes, Minutes][] = [];
  for (const [s, e] of c1.windows) {
    const from = parseClock(s);
    const until = parseClock(e);
    if (from !== null && until !== null) windows.push([from, until]);
  }
  if (c1.lastWorkingHour) windows.push([Math.max(dayStart, dayEnd - 60), dayEnd]);
  const day = zone.dayAt(start);
  const at = zone.minutesAt(start);
  const window = windows.find(([s, e]) => s <= at && at < e);
  return window ? zone.at(day, window[1]) : undefined;
}

const when = (ms: EpochMs, zone: ZoneRules): string => formatWallClock(zone, ms);

/** The window on the recipient's clock and, when the candidate's differs, on theirs too. */
function windowLines(rec: Recommendation, zone: ZoneRules, userZone: ZoneRules): string[] {
  const on = (z: ZoneRules): string => `ideal ${when(rec.ideal, z)}; earliest ${when(rec.earliest, z)}; latest ${when(rec.latest, z)}`;
  if (zone.id === userZone.id) return [`When (your time, ${zone.id}): ${on(zone)}`];
  return [`When (recipient's time, ${zoneLabel(zone.id)}): ${on(zone)}`, `When (your time, ${userZone.id}): ${on(userZone)}`];
}

function description(rec: Recommendation, app: Application, scenario: Scenario, zone: ZoneRules, userZone: ZoneRules, start: EpochMs): string {
  const person = findPerson(app, rec.personId);
  const reference = findReference(scenario, rec.referenceId);
  const to = person ?? reference;
  const address = to ? (rec.channel === 'phone' || rec.channel === 'voicemail' ? to.phone : to.email) : undefined;
  const cc = rec.ccPersonIds.map((id) => findPerson(app, id)).filter((p) => p !== undefined).map((p) => addressName(p));
  const where = [app.location, app.workplace ? WORKPLACE_WORDS[app.workplace] : undefined].filter((w) => w !== undefined).join(', ');
  const lines = [
    `${oneLine(app.role)} at ${oneLine(app.company)}`,
    // The application's details a reader wants at hand when the event comes up.
    ...(app.postingUrl !== undefined ? [`Posting: ${oneLine(app.postingUrl)}`] : []),
    ...(where !== '' ? [`Location: ${oneLine(where)}`] : []),
    ...(app.salary !== undefined ? [`Salary: ${oneLine(app.salary.text)}`] : []),
    ...(app.tags !== undefined ? [`Tags: ${oneLine(app.tags.join(', '))}`] : []),
    `Why: ${renderWhy(rec, zone)}`,
    ...windowLines(rec, zone, userZone),
    ...(start !== rec.ideal ? [`Scheduled for ${zone.id === userZone.id ? when(start, zone) : `${when(start, zone)} ${zoneCity(zone.id)} (${when(start, userZone)} your time)`}, the next moment it is allowed.`] : []),
    `Rules: ${rec.rules.join(', ')}`,
    `Status: ${rec.status}`,
    // Moving on is the candidate's own decision: nobody to write to.
    ...(rec.kind === 'give_up' ? [] : [
      `By: ${CHANNEL_WORDS[rec.channel]}${to ? ` to ${oneLine(to.name)}` : ''}${address ? ` (${oneLine(address)})` : ''}${cc.length > 0 ? `; CC: ${cc.join(', ')}` : ''}`,
    ]),
  ];
  return cleanText(lines.join('\n'));
}

function checkOptions(opts: CalendarOptions): { alarm: number | null; eventMinutes: number; name: string } {
  const alarm = opts.alarmMinutes === undefined ? 30 : opts.alarmMinutes;
  if (alarm !== null && !(Number.isInteger(alarm) && alarm >= 0 && alarm <= 10_080)) {
    throw new AppError({ reason: 'calendar.alarm', params: { value: alarm } }, { path: 'alarm' });
  }
  const eventMinutes = opts.eventMinutes ?? 30;
  if (!(Number.isInteger(eventMinutes) && eventMinutes >= 1 && eventMinutes <= 1440)) {
    throw new AppError({ reason: 'calendar.event_length', params: { value: eventMinutes } }, { path: 'eventMinutes', at: 'event length' });
  }
  // ical-generator writes NAME and X-WR-CALNAME unescaped: escape TEXT here (RFC 5545 §3.3.11).
  const name = shorten(oneLine(opts.name ?? 'Afterword follow-ups'), 200).replace(/[\\;,]/g, (c) => `\\${c}`);
  return { alarm, eventMinutes, name };
}

/**
 * The actions of `plan` still to do (upcoming, due, overdue, blocked) as an iCalendar document.
 * Each event starts at the ideal moment (for a blocked call: the next allowed one) in the
 * recipient's zone. `scenario` must be the one `plan` was made from; a recommendation for an
 * unknown application is a `bad_input` AppError, as are out-of-range options. Each of `offers` is
 * an all-day event on its respond-by day, in the user's zone.
 */
export function renderCalendar(plan: Plan, scenario: Scenario, time: TimeRules, opts: CalendarOptions = {}, offers: readonly OfferAnswer[] = []): string {
  const { alarm, eventMinutes, name } = checkOptions(opts);
  const apps = new Map(scenario.applications.map((a) => [a.id, a]));
  const years = new Map<string, { from: number; to: number }>();
  const calendar = ical({
    prodId: { company: 'Afterword', product: 'Afterword', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name,
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP in host-local time.
    timezone: {
      name: null,
      generator: (id) => {
        const span = years.get(id);
        return span ? vtimezone(time.zone(id), span.from, span.to) : null;
      },
    },
  });
  const sequence = Math.max(0, Math.floor((plan.now - SEQUENCE_EPOCH) / MS_PER_MINUTE));
  const userZone = time.zone(scenario.settings.timeZone);
  const uids = new Set<string>();

  for (const rec of plan.recommendations) {
    if (!CALENDAR_STATUSES.has(rec.status)) continue;
    const app = apps.get(rec.applicationId);
    if (!app) throw new AppError({ reason: 'calendar.unknown_application', params: { id: rec.applicationId } }, { at: 'calendar' });
    const zone = time.zone(rec.timeZone);
    const start = rec.nextAllowed !== undefined ? Math.max(rec.ideal, rec.nextAllowed) : rec.ideal;
    const end = (rec.kind === 'call' ? callWindowEnd(rec, app, scenario, zone, start) : undefined) ?? start + eventMinutes * MS_PER_MINUTE;

    const span = years.get(zone.id);
    const firstYear = new Date(start - (alarm ?? 0) * MS_PER_MINUTE - MS_PER_DAY).getUTCFullYear();
    const lastYear = new Date(end + MS_PER_DAY).getUTCFullYear();
    years.set(zone.id, span ? { from: Math.min(span.from, firstYear), to: Math.max(span.to, lastYear) } : { from: firstYear, to: lastYear });

    // Two live actions with one key cannot happen in a consistent plan; never emit a duplicate UID if it does.
    let uid = eventUid(rec);
    for (let n = 2; uids.has(uid); n++) uid = `${eventUid(rec).replace('@', `-${n}@`)}`;
    uids.add(uid);

    const summary = shorten(`${oneLine(actionLabel(rec, app, scenario))} \u2014 ${shorten(oneLine(app.company), COMPANY_MAX)}`, SUMMARY_MAX);
    const event = calendar.createEvent({
      id: uid,
      sequence,
      stamp: new Date(plan.now),
      start: zoned(start, zone, time),
      end: zoned(end, zone, time),
      timezone: zone.id,
      summary,
      description: description(rec, app, scenario, zone, userZone, start),
      transparency: rec.kind === 'call' ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    });
    if (alarm !== null) event.createAlarm({ type: ICalAlarmType.display, trigger: alarm * 60, description: summary });
  }
  for (const offer of offers) {
    const company = shorten(oneLine(offer.company), COMPANY_MAX);
    const summary = shorten(`Answer the offer \u2014 ${company}`, SUMMARY_MAX);
    calendar.createEvent({
      id: `${createHash('sha256').update(JSON.stringify(['afterword-offer-1', offer.applicationId])).digest('hex').slice(0, 32)}@afterword`,
      sequence,
      stamp: new Date(plan.now),
      allDay: true,
      start: zoned(userZone.at(offer.respondBy, 0), userZone, time),
      end: zoned(userZone.at(offer.respondBy + 1, 0), userZone, time),
      summary,
      description: `${company} (${shorten(oneLine(offer.role), COMPANY_MAX)}) wants an answer to its offer by ${weekdayName(offer.respondBy)} ${formatDay(offer.respondBy)}.`,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // Every content line ends in CRLF (RFC 5545 §3.1), the last one included.
  return `${calendar.toString()}\r\n`;
}
