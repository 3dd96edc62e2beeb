/** The calendar export read back the way calendar apps read it (ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../core/model.js';
import { plan } from '../../core/rules/planner.js';
import { scenarioOf, time } from '../../core/testing.js';
import { formatDay, parseInstant, type EpochMs } from '../../core/time.js';
import { AppError } from '../errors.js';
import { renderCalendar, vtimezone } from './ics.js';

const at = (iso: string): EpochMs => {
  const ms = parseInstant(iso, time.zone('UTC'));
  if (ms === null) throw new Error(`bad instant ${iso}`);
  return ms;
};

const NY = { region: 'US', timeZone: 'America/New_York' };
const okafor = { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', role: 'interviewer', email: 'g@acme.example' };

/** Worked example 1: first round Tue 2026-03-03 10:00–11:00 New York, no timeline. */
function acme(extra: { people?: unknown[]; touches?: unknown[]; company?: string } = {}): Record<string, unknown> {
  return {
    id: 'a1', company: extra.company ?? 'Acme Corp', role: 'Data Analyst', status: 'active',
    people: extra.people ?? [okafor],
    interviews: [{
      id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', timeZone: 'America/New_York',
      stage: 'first_round', peopleIds: ['p1'],
    }],
    touches: extra.touches ?? [],
  };
}

const londoner = { id: 'p2', name: 'Alice Brown', honorific: 'Ms.', role: 'interviewer', email: 'a@thames.example', timeZone: 'Europe/London', region: 'GB-ENG' };
const sydneysider = { id: 'p3', name: 'Mia Chen', honorific: 'Ms.', role: 'interviewer', email: 'm@harbour.example', timeZone: 'Australia/Sydney', region: 'AU-NSW' };

/** Three zones around their spring/autumn changes: London Sun 2026-03-29, Sydney Sun 2026-04-05. */
function threeZones(): Scenario {
  return scenarioOf({
    settings: NY,
    candidate: { name: 'Jordan Lee' },
    applications: [
      acme(),
      {
        id: 'ldn', company: 'Thames Ltd', role: 'Analyst', status: 'active', people: [londoner], touches: [],
        interviews: [{ id: 'i2', start: '2026-03-25T10:00:00+00:00', end: '2026-03-25T11:00:00+00:00', timeZone: 'Europe/London', stage: 'first_round', peopleIds: ['p2'] }],
      },
      {
        id: 'syd', company: 'Harbour Pty', role: 'Engineer', status: 'active', people: [sydneysider], touches: [],
        interviews: [{ id: 'i3', start: '2026-03-31T14:00:00+11:00', end: '2026-03-31T15:00:00+11:00', timeZone: 'Australia/Sydney', stage: 'phone_screen', peopleIds: ['p3'] }],
      },
    ],
  });
}

interface ReadEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description: string;
  readonly tzid: string;
  /** Local wall time as written, `2026-03-10T09:00:00`. */
  readonly local: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly triggers: readonly string[];
}

function readCalendar(text: string): { calendar: ICAL.Component; events: ReadEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const start = component.getFirstProperty('dtstart');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      tzid: String(start?.getParameter('tzid') ?? ''),
      local: event.startDate.toString(),
      startMs: event.startDate.toUnixTime() * 1000,
      endMs: event.endDate.toUnixTime() * 1000,
      triggers: component.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    };
  });
  return { calendar, events };
}

const find = (events: readonly ReadEvent[], summary: string): ReadEvent => {
  const found = events.find((e) => e.summary === summary);
  if (!found) throw new Error(`no event "${summary}" among ${events.map((e) => e.summary).join(' | ')}`);
  return found;
};

describe('renderCalendar: zones and local times', () => {
  const scenario = threeZones();
  const now = at('2026-03-03T12:00:00-05:00'); // Tue
  const text = renderCalendar(plan(scenario, { now, time }), scenario, time);
  const { calendar, events } = readCalendar(text);

  it('New York: thank-you Tue 2026-03-03 17:00 EST (22:00Z); check-in Tue 2026-03-10 09:00 EDT = 13:00Z after the DST change', () => {
    const thanks = find(events, 'Thank Dr. Okafor \u2014 Acme Corp');
    expect(thanks).toMatchObject({ tzid: 'America/New_York', local: '2026-03-03T17:00:00' });
    expect(thanks.startMs).toBe(Date.UTC(2026, 2, 3, 22, 0));
    expect(thanks.endMs - thanks.startMs).toBe(30 * 60_000);
    const check = find(events, 'Check in with Dr. Okafor \u2014 Acme Corp');
    expect(check).toMatchObject({ tzid: 'America/New_York', local: '2026-03-10T09:00:00' });
    expect(check.startMs).toBe(Date.UTC(2026, 2, 10, 13, 0));
  });

  it('London: thank-you Wed 2026-03-25 17:00 GMT; check-in Wed 2026-04-01 09:00 BST = 08:00Z', () => {
    const thanks = find(events, 'Thank Ms. Brown \u2014 Thames Ltd');
    expect(thanks).toMatchObject({ tzid: 'Europe/London', local: '2026-03-25T17:00:00' });
    expect(thanks.startMs).toBe(Date.UTC(2026, 2, 25, 17, 0));
    const check = find(events, 'Check in with Ms. Brown \u2014 Thames Ltd');
    expect(check).toMatchObject({ tzid: 'Europe/London', local: '2026-04-01T09:00:00' });
    expect(check.startMs).toBe(Date.UTC(2026, 3, 1, 8, 0));
  });

  it('Sydney: thank-you Wed 2026-04-01 12:00 AEDT = 01:00Z; check-in Wed 2026-04-08 09:00 AEST = Tue 23:00Z', () => {
    const thanks = find(events, 'Thank Ms. Chen \u2014 Harbour Pty');
    expect(thanks).toMatchObject({ tzid: 'Australia/Sydney', local: '2026-04-01T12:00:00' });
    expect(thanks.startMs).toBe(Date.UTC(2026, 3, 1, 1, 0));
    const check = find(events, 'Check in with Ms. Chen \u2014 Harbour Pty');
    expect(check).toMatchObject({ tzid: 'Australia/Sydney', local: '2026-04-08T09:00:00' });
    expect(check.startMs).toBe(Date.UTC(2026, 3, 7, 23, 0));
  });

  it('every event starts at the instant the planner chose, and each zone has exactly one VTIMEZONE', () => {
    const todo = plan(scenario, { now, time }).recommendations.filter((r) => r.status !== 'done' && r.status !== 'skipped');
    expect(events.map((e) => e.startMs).sort()).toEqual(todo.map((r) => r.ideal).sort());
    const zones = calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')));
    expect(zones.sort()).toEqual(['America/New_York', 'Australia/Sydney', 'Europe/London']);
  });

  it('descriptions carry the why, the rule ids and the window (the user\u2019s own zone here)', () => {
    const check = find(events, 'Check in with Dr. Okafor \u2014 Acme Corp');
    expect(check.description).toContain('Why: No timeline given after a first round: check in about a week after your thank-you.');
    expect(check.description).toContain('Rules: F2');
    expect(check.description).toContain('When (your time, America/New_York): ideal Tue 2026-03-10 09:00; earliest Thu 2026-03-05 09:00; latest Fri 2026-03-13 17:00');
    expect(check.description).toContain('By: email to Grace Okafor (g@acme.example)');
  });

  it('the text is CRLF throughout, folded at 75 octets, and does not depend on the host zone', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    // Set and restored around one synchronous call: no other test of this worker runs in between.
    /* eslint-disable no-restricted-syntax */
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(renderCalendar(plan(scenario, { now, time }), scenario, time)).toBe(text);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    /* eslint-enable no-restricted-syntax */
    expect(text).toContain('DTSTAMP:20260303T170000Z');
  });
});

describe('vtimezone: offsets agree with the planner\u2019s zone rules all year', () => {
  it.each(['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'])('%s, every half hour of 2025–2027', (id) => {
    const zone = time.zone(id);
    const component = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${vtimezone(zone, 2025, 2027)}\r\nEND:VCALENDAR\r\n`));
    const vtz = component.getFirstSubcomponent('vtimezone');
    if (!vtz) throw new Error('no VTIMEZONE');
    const tz = new ICAL.Timezone(vtz);
    // Local wall time → instant, the way a reader resolves DTSTART;TZID=…. The repeated autumn hour
    // is left out: RFC 5545 §3.3.5 says such a wall time names its first pass, ical.js picks the second.
    const wall = (ms: number): number => zone.dayAt(ms) * 1440 + zone.minutesAt(ms);
    const repeated = (ms: number): boolean =>
      [1, 2, 3, 4].some((k) => wall(ms + k * 1_800_000) === wall(ms) || wall(ms - k * 1_800_000) === wall(ms));
    const mismatches: string[] = [];
    let checked = 0;
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 1_800_000) {
      const day = zone.dayAt(ms);
      const minutes = zone.minutesAt(ms);
      if (repeated(ms)) continue;
      const [y, mo, d] = formatDay(day).split('-').map(Number);
      const local = ICAL.Time.fromData({ year: y ?? 0, month: mo ?? 0, day: d ?? 0, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, isDate: false }, tz);
      checked++;
      if (local.toUnixTime() * 1000 !== ms) mismatches.push(zone.format(ms));
    }
    expect(checked).toBeGreaterThan(52_000);
    expect(mismatches).toEqual([]);
  });

  it('New York 2026: EST until Sun 2026-03-08 02:00, EDT until Sun 2026-11-01 02:00', () => {
    const text = vtimezone(time.zone('America/New_York'), 2026, 2026);
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD');
  });

  it('Sydney 2026: AEDT ends Sun 2026-04-05 03:00, starts again Sun 2026-10-04 02:00', () => {
    const text = vtimezone(time.zone('Australia/Sydney'), 2026, 2026);
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20260405T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nEND:STANDARD');
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20261004T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\nEND:DAYLIGHT');
  });
});

describe('renderCalendar: alarms, calls, blocked and done actions', () => {
  const scenario = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme()] });
  const planAt = (iso: string, s: Scenario = scenario) => plan(s, { now: at(iso), time });

  it('a display alarm 30 minutes before by default; another lead time, or none', () => {
    const p = planAt('2026-03-03T12:00:00-05:00'); // Tue
    const events = readCalendar(renderCalendar(p, scenario, time)).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.triggers.length === 1 && e.triggers[0] === '-PT30M')).toBe(true);
    expect(readCalendar(renderCalendar(p, scenario, time, { alarmMinutes: 90 })).events[0]?.triggers).toEqual(['-PT1H30M']);
    expect(readCalendar(renderCalendar(p, scenario, time, { alarmMinutes: null })).events[0]?.triggers).toEqual([]);
    expect(renderCalendar(p, scenario, time, { alarmMinutes: null })).not.toContain('VALARM');
  });

  it('rejects an alarm or event length out of range', () => {
    const p = planAt('2026-03-03T12:00:00-05:00');
    expect(() => renderCalendar(p, scenario, time, { alarmMinutes: -5 })).toThrow(AppError);
    expect(() => renderCalendar(p, scenario, time, { alarmMinutes: 1.5 })).toThrow(/minutes from 0 to 10080/);
    expect(() => renderCalendar(p, scenario, time, { eventMinutes: 0 })).toThrow(/minutes from 1 to 1440/);
  });

  it('done actions are absent: after the thank-you went out Tue 15:00 there is no thank-you event', () => {
    const sent = scenarioOf({
      settings: NY, candidate: { name: 'Jordan Lee' },
      applications: [acme({ touches: [{ at: '2026-03-03T15:00:00-05:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }] })],
    });
    const p = planAt('2026-03-04T09:00:00-05:00', sent); // Wed
    expect(p.recommendations.some((r) => r.kind === 'thank_you' && r.status === 'done')).toBe(true);
    const summaries = readCalendar(renderCalendar(p, sent, time)).events.map((e) => e.summary);
    expect(summaries.some((s) => s.startsWith('Thank'))).toBe(false);
    expect(summaries).toContain('Check in with Dr. Okafor \u2014 Acme Corp');
  });

  it('a call lasts its call window: Tue 2026-03-10 13:00–15:00 New York', () => {
    const caller = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme({ people: [{ ...okafor, phone: '+1 212 555 0100', preferredChannel: 'phone' }] })] });
    const events = readCalendar(renderCalendar(planAt('2026-03-03T12:00:00-05:00', caller), caller, time)).events;
    const call = find(events, 'Call Dr. Okafor \u2014 Acme Corp');
    expect(call.local).toBe('2026-03-10T13:00:00');
    expect(call.endMs - call.startMs).toBe(2 * 3_600_000);
    expect(call.description).toContain('By: phone call to Grace Okafor (+1 212 555 0100)');
  });

  it('a blocked call whose ideal has passed is placed at the next allowed window: Wed 2026-03-11 13:00', () => {
    const caller = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme({ people: [{ ...okafor, preferredChannel: 'phone' }] })] });
    const p = planAt('2026-03-11T10:00:00-04:00', caller); // Wed, 10:00 is outside the call windows
    const rec = p.recommendations.find((r) => r.kind === 'call' && r.sequence === 1);
    expect(rec?.status).toBe('blocked');
    const call = find(readCalendar(renderCalendar(p, caller, time)).events, 'Call Dr. Okafor \u2014 Acme Corp');
    expect(call.local).toBe('2026-03-11T13:00:00');
    expect(call.description).toContain('Status: blocked');
    expect(call.description).toContain('Scheduled for Wed 2026-03-11 13:00, the next moment it is allowed.');
  });

  it('the calendar name is one escaped line', () => {
    const text = renderCalendar(planAt('2026-03-03T12:00:00-05:00'), scenario, time, { name: 'Jobs, spring; 2026\r\nX-EVIL:1 \\o/' });
    expect(text).toContain('\r\nNAME:Jobs\\, spring\\; 2026 X-EVIL:1 \\\\o/\r\n');
    expect(text).not.toMatch(/^X-EVIL/m);
  });

  it('a plan of another scenario is refused', () => {
    const other = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [] });
    expect(() => renderCalendar(planAt('2026-03-03T12:00:00-05:00'), other, time)).toThrow(/application "a1", which is not in the scenario/);
  });
});

describe('renderCalendar: stable UIDs', () => {
  it('the same action keeps its UID in plans made at different moments and with applications reordered', () => {
    const scenario = threeZones();
    const early = readCalendar(renderCalendar(plan(scenario, { now: at('2026-03-03T12:00:00-05:00'), time }), scenario, time)).events; // Tue
    const reordered = scenarioOf({
      settings: NY, candidate: { name: 'Jordan Lee' },
      applications: [
        {
          id: 'syd', company: 'Harbour Pty', role: 'Engineer', status: 'active', people: [sydneysider], touches: [],
          interviews: [{ id: 'i3', start: '2026-03-31T14:00:00+11:00', end: '2026-03-31T15:00:00+11:00', timeZone: 'Australia/Sydney', stage: 'phone_screen', peopleIds: ['p3'] }],
        },
        acme({ touches: [{ at: '2026-03-03T15:00:00-05:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }] }),
      ],
    });
    const later = readCalendar(renderCalendar(plan(reordered, { now: at('2026-03-06T09:00:00-05:00'), time }), reordered, time)).events; // Fri
    const bySummary = (events: readonly ReadEvent[]) => new Map(events.map((e) => [e.summary, e.uid]));
    const a = bySummary(early);
    const b = bySummary(later);
    for (const summary of ['Check in with Dr. Okafor \u2014 Acme Corp', 'Check in again with Dr. Okafor \u2014 Acme Corp', 'Thank Ms. Chen \u2014 Harbour Pty', 'Check in with Ms. Chen \u2014 Harbour Pty']) {
      expect(a.get(summary), summary).toMatch(/^[0-9a-f]{32}@afterword$/);
      expect(b.get(summary), summary).toBe(a.get(summary));
    }
    expect(new Set(early.map((e) => e.uid)).size).toBe(early.length);
    // A later calendar carries a higher SEQUENCE, so importers treat it as the newer revision.
    const seq = (text: string) => new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined).sequence;
    expect(seq(renderCalendar(plan(reordered, { now: at('2026-03-06T09:00:00-05:00'), time }), reordered, time)))
      .toBeGreaterThan(seq(renderCalendar(plan(scenario, { now: at('2026-03-03T12:00:00-05:00'), time }), scenario, time)));
  });

  it('a thank-you and a call to the same person at the same interview get different UIDs; the channel does not change them', () => {
    const byEmail = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme()] });
    const byPhone = scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme({ people: [{ ...okafor, preferredChannel: 'phone' }] })] });
    const now = at('2026-03-03T12:00:00-05:00');
    const email = readCalendar(renderCalendar(plan(byEmail, { now, time }), byEmail, time)).events;
    const phone = readCalendar(renderCalendar(plan(byPhone, { now, time }), byPhone, time)).events;
    expect(find(email, 'Check in with Dr. Okafor \u2014 Acme Corp').uid).toBe(find(phone, 'Call Dr. Okafor \u2014 Acme Corp').uid);
    expect(find(email, 'Thank Dr. Okafor \u2014 Acme Corp').uid).not.toBe(find(email, 'Check in with Dr. Okafor \u2014 Acme Corp').uid);
  });
});

describe('renderCalendar: hostile text', () => {
  const now = at('2026-03-03T12:00:00-05:00'); // Tue
  const render = (company: string, name: string) => {
    const scenario = scenarioOf({
      settings: NY, candidate: { name: 'Jordan Lee' },
      applications: [acme({ company, people: [{ ...okafor, name }] })],
    });
    const text = renderCalendar(plan(scenario, { now, time }), scenario, time);
    return { text, ...readCalendar(text) };
  };

  it('commas, semicolons, backslashes and newlines survive escaping', () => {
    const { events } = render('Acme, Corp; \\ "Ltd"', 'Grace Okafor');
    expect(events[0]?.summary).toBe('Thank Dr. Okafor \u2014 Acme, Corp; \\ "Ltd"');
    expect(events[0]?.description.split('\n')[0]).toBe('Data Analyst at Acme, Corp; \\ "Ltd"');
  });

  it('CRLF injection cannot add properties or events', () => {
    const { text, events, calendar } = render('Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:hacked\r\nSUMMARY:pwned', 'Grace\r\nATTENDEE:mailto:x@evil.example Okafor');
    const expected = plan(scenarioOf({ settings: NY, candidate: { name: 'Jordan Lee' }, applications: [acme()] }), { now, time })
      .recommendations.filter((r) => r.status !== 'done' && r.status !== 'skipped').length;
    expect(events).toHaveLength(expected);
    expect(events.some((e) => e.uid === 'hacked')).toBe(false);
    expect(calendar.getAllSubcomponents('vevent').every((e) => e.getAllProperties('attendee').length === 0)).toBe(true);
    expect(text).not.toMatch(/^(UID:hacked|SUMMARY:pwned|ATTENDEE)/m);
    expect(events[0]?.summary).toBe('Thank Dr. Okafor \u2014 Evil END:VEVENT BEGIN:VEVENT UID:hacked SUMMARY:pwned');
  });

  it('markup stays inert text; control and bidi characters are dropped; very long names are shortened', () => {
    const { text, events } = render(`<script>alert("x")</script>\u0000\u202E${'Ω'.repeat(9_000)}`, '<b>Grace</b> <img/src=x/onerror=alert(1)>Okafor');
    const first = events[0];
    expect(first?.summary.startsWith('Thank Dr. <img/src=x/onerror=alert(1)>Okafor \u2014 <script>alert("x")</script>\u03A9')).toBe(true);
    expect(Array.from(first?.summary ?? '').length).toBeLessThanOrEqual(200);
    expect(first?.summary.endsWith('\u2026')).toBe(true);
    expect(text.includes('\u0000') || text.includes('\u202E')).toBe(false);
    expect(text).not.toContain('X-ALT-DESC');
    expect(first?.description).toContain('<script>alert("x")</script>');
  });
});

describe('renderCalendar: a London interviewer for a Chicago user', () => {
  const scenario = scenarioOf({
    settings: { region: 'US-IL', timeZone: 'America/Chicago' },
    candidate: { name: 'Jordan Lee' },
    applications: [{
      id: 'ldn', company: 'Thames Ltd', role: 'Analyst', status: 'active', people: [londoner], touches: [],
      // Tue 2026-03-03 10:00 London (GMT) = 04:00 Chicago (CST).
      interviews: [{ id: 'i2', start: '2026-03-03T10:00:00+00:00', end: '2026-03-03T11:00:00+00:00', timeZone: 'Europe/London', stage: 'first_round', peopleIds: ['p2'] }],
    }],
  });
  const now = at('2026-03-03T12:00:00-06:00'); // Tue
  const { events } = readCalendar(renderCalendar(plan(scenario, { now, time }), scenario, time));
  const chicago = (ms: number): string => new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/Chicago', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(ms);

  it('the thank-you is at 17:00 London, the true instant, which a calendar in Chicago shows at 11:00 (Tue 2026-03-03)', () => {
    const thanks = find(events, 'Thank Ms. Brown \u2014 Thames Ltd');
    expect(thanks).toMatchObject({ tzid: 'Europe/London', local: '2026-03-03T17:00:00' });
    expect(thanks.startMs).toBe(Date.UTC(2026, 2, 3, 17, 0));
    expect(chicago(thanks.startMs)).toBe('Tue, 03/03/2026, 11:00');
  });

  it('the check-in at 09:00 London is 04:00 Chicago on Tue 2026-03-10 (Chicago already on summer time, London not yet)', () => {
    const check = find(events, 'Check in with Ms. Brown \u2014 Thames Ltd');
    expect(check).toMatchObject({ tzid: 'Europe/London', local: '2026-03-10T09:00:00' });
    expect(chicago(check.startMs)).toBe('Tue, 10/03/2026, 04:00');
  });

  it('the description names both clocks: the recipient\u2019s with its city, and the user\u2019s', () => {
    const check = find(events, 'Check in with Ms. Brown \u2014 Thames Ltd');
    expect(check.description).toContain("When (recipient's time, London (Europe/London)): ideal Tue 2026-03-10 09:00; earliest Thu 2026-03-05 09:00; latest Fri 2026-03-13 17:00");
    expect(check.description).toContain('When (your time, America/Chicago): ideal Tue 2026-03-10 04:00; earliest Thu 2026-03-05 03:00; latest Fri 2026-03-13 12:00');
  });
});
