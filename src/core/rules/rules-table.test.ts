/**
 * One row per behaviour of PROTOCOL.md §3, across regions (US, GB-ENG, DE-BY, AU-NSW, JP), zones
 * (New York, Los Angeles, London, Berlin, Sydney, Tokyo), DST changes and public holidays.
 */
import { describe, expect, it } from 'vitest';
import type { PlanJson, RecommendationJson } from './output.js';
import { planJson } from '../testing.js';

interface Build {
  readonly region?: string;
  readonly zone?: string;
  readonly stage?: string;
  readonly start: string;
  readonly end: string;
  readonly people?: readonly Record<string, unknown>[];
  readonly peopleIds?: readonly string[];
  readonly touches?: readonly Record<string, unknown>[];
  readonly interview?: Record<string, unknown>;
  readonly app?: Record<string, unknown>;
  readonly candidate?: Record<string, unknown>;
  readonly settings?: Record<string, unknown>;
  readonly extraApps?: readonly Record<string, unknown>[];
}

const GRACE = { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', role: 'interviewer' };

function build(b: Build): unknown {
  const zone = b.zone ?? 'America/New_York';
  const people = b.people ?? [GRACE];
  return {
    settings: { region: b.region ?? 'US', timeZone: zone, ...b.settings },
    candidate: { name: 'Jordan Lee', phone: '+1 555 0100', ...b.candidate },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-01-05', people,
      interviews: [{
        id: 'i1', start: b.start, end: b.end, timeZone: zone, stage: b.stage ?? 'first_round',
        peopleIds: b.peopleIds ?? people.map((p) => p['id']), ...b.interview,
      }],
      touches: b.touches ?? [],
      ...b.app,
    }, ...(b.extraApps ?? [])],
  };
}

type Pick = (plan: PlanJson) => RecommendationJson | undefined;
const nth = (kind: string, n = 0): Pick => (plan) => plan.recommendations.filter((r) => r.kind === kind)[n];

interface Row {
  readonly name: string;
  readonly rules: readonly string[];
  readonly input: unknown;
  readonly now: string;
  readonly pick?: Pick;
  /** Fields of the picked recommendation; `*Day` keys compare only the date part. */
  readonly expect?: Record<string, unknown>;
  readonly check?: (plan: PlanJson) => void;
}

const thanked = { at: '2026-03-03T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }; // Tue
const morningNY = { start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00' }; // Tue

const rows: Row[] = [
  // ---------------------------------------------------------------- T1, T3
  {
    name: 'T1: one thank-you per interviewer and recruiter, none for the receptionist', rules: ['T1'],
    input: build({ ...morningNY, people: [GRACE, { id: 'p2', name: 'Sam Ruiz', role: 'recruiter' }, { id: 'p3', name: 'Ann Bell', role: 'receptionist' }] }),
    now: '2026-03-03T12:00:00-05:00',
    check: (plan) => expect(plan.recommendations.filter((r) => r.kind === 'thank_you').map((r) => r.personId)).toEqual(['p1', 'p2']),
  },
  {
    name: 'T3: a panel with a lead gets one note to the lead, the others in CC', rules: ['T3'],
    input: build({
      ...morningNY, people: [GRACE, { id: 'p2', name: 'Sam Ruiz' }, { id: 'p3', name: 'Li Wei' }],
      interview: { panel: true, panelLeadId: 'p2' },
    }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('thank_you'),
    expect: { personId: 'p2', ccPersonIds: ['p1', 'p3'], rules: ['T1', 'T2', 'T3'] },
    check: (plan) => expect(plan.recommendations.filter((r) => r.kind === 'thank_you')).toHaveLength(1),
  },
  {
    name: 'T3: individual panel notes when the user switches', rules: ['T3'],
    input: build({
      ...morningNY, people: [GRACE, { id: 'p2', name: 'Sam Ruiz' }, { id: 'p3', name: 'Li Wei' }],
      interview: { panel: true, panelLeadId: 'p2' }, app: { individualPanelNotes: true },
    }),
    now: '2026-03-03T12:00:00-05:00',
    check: (plan) => expect(plan.recommendations.filter((r) => r.kind === 'thank_you').map((r) => r.ccPersonIds.length)).toEqual([0, 0, 0]),
  },
  // ---------------------------------------------------------------- T2
  {
    name: 'T2: morning interview in London after the clocks changed (BST): same day 17:00', rules: ['T2'],
    input: build({ region: 'GB-ENG', zone: 'Europe/London', start: '2026-04-07T09:00:00+01:00', end: '2026-04-07T10:00:00+01:00' }), // Tue
    now: '2026-04-07T11:00:00+01:00', pick: nth('thank_you'),
    expect: { ideal: '2026-04-07T17:00:00+01:00', latest: '2026-04-08T10:00:00+01:00', status: 'due' },
  },
  {
    name: 'T2: afternoon interview in Berlin: 12:00 the next day, even on a public holiday (email any day)', rules: ['T2'],
    input: build({ region: 'DE-BY', zone: 'Europe/Berlin', start: '2026-05-13T15:00:00+02:00', end: '2026-05-13T16:00:00+02:00' }), // Wed; Thu 05-14 is Ascension Day
    now: '2026-05-13T17:00:00+02:00', pick: nth('thank_you'),
    expect: { ideal: '2026-05-14T12:00:00+02:00', latest: '2026-05-14T16:00:00+02:00' },
  },
  {
    name: 'T2: the ideal is never sooner than an hour after the end', rules: ['T2'],
    input: build({ start: '2026-03-03T11:30:00-05:00', end: '2026-03-03T16:30:00-05:00' }), // Tue
    now: '2026-03-03T17:00:00-05:00', pick: nth('thank_you'),
    expect: { ideal: '2026-03-03T17:30:00-05:00' },
  },
  {
    name: 'T2: evening interview in Tokyo: next day 12:00 JST, latest 24 h after', rules: ['T2'],
    input: build({ region: 'JP', zone: 'Asia/Tokyo', start: '2026-03-19T18:00:00+09:00', end: '2026-03-19T19:00:00+09:00' }), // Thu; Fri 03-20 is a holiday
    now: '2026-03-19T20:00:00+09:00', pick: nth('thank_you'),
    expect: { ideal: '2026-03-20T12:00:00+09:00', latest: '2026-03-20T19:00:00+09:00', status: 'due' },
  },
  {
    name: 'T2: after the latest it is overdue and flagged late', rules: ['T2'],
    input: build(morningNY), now: '2026-03-04T12:00:00-05:00', pick: nth('thank_you'), // Wed
    expect: { status: 'overdue' },
    check: (plan) => expect(nth('thank_you')(plan)?.why).toMatch(/Late/),
  },
  {
    name: 'T2: before the interview ends it is upcoming', rules: ['T2'],
    input: build(morningNY), now: '2026-03-03T10:30:00-05:00', pick: nth('thank_you'), // Tue
    expect: { status: 'upcoming', earliest: '2026-03-03T11:00:00-05:00' },
  },
  {
    name: 'T2: a recipient in Los Angeles gets 17:00 their time', rules: ['T2'],
    input: build({ ...morningNY, people: [{ ...GRACE, timeZone: 'America/Los_Angeles' }] }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('thank_you'),
    expect: { ideal: '2026-03-03T17:00:00-08:00', latest: '2026-03-04T08:00:00-08:00', timeZone: 'America/Los_Angeles' },
  },
  {
    name: 'T2: afternoon New York interview, recipient in London: 12:00 London the next day', rules: ['T2'],
    input: build({ start: '2026-03-03T16:00:00-05:00', end: '2026-03-03T17:00:00-05:00', people: [{ ...GRACE, timeZone: 'Europe/London' }] }), // Tue
    now: '2026-03-03T18:00:00-05:00', pick: nth('thank_you'),
    expect: { ideal: '2026-03-04T12:00:00+00:00', latest: '2026-03-04T22:00:00+00:00' },
  },
  // ---------------------------------------------------------------- T4, C3 for thank-yous
  {
    name: 'T4: a preferred letter is mailed at the time the email would go', rules: ['T4', 'C3'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'letter' }] }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('thank_you'),
    expect: { channel: 'letter', ideal: '2026-03-03T17:00:00-05:00' },
    check: (plan) => expect(nth('thank_you')(plan)?.rules).toEqual(expect.arrayContaining(['T4', 'C3'])),
  },
  {
    name: 'T4: a handwritten note only when the candidate is local; else email', rules: ['T4'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'handwritten_note' }] }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('thank_you'), expect: { channel: 'email' },
  },
  {
    name: 'T4: a local candidate drops off the handwritten note', rules: ['T4'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'handwritten_note' }], candidate: { local: true } }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('thank_you'), expect: { channel: 'handwritten_note' },
  },
  {
    name: 'C3: never in person: a person who prefers meeting gets email', rules: ['C3'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'in_person' }], touches: [thanked] }),
    now: '2026-03-04T12:00:00-05:00', pick: nth('status_check'), expect: { channel: 'email' },
    check: (plan) => expect(plan.recommendations.some((r) => r.channel === 'in_person')).toBe(false),
  },
  // ---------------------------------------------------------------- F0, F1
  {
    name: 'F0: "within two weeks" from Tue 2026-03-03 → D Tue 03-17; check Thu 03-19 / Fri 03-20', rules: ['F0', 'F1'],
    input: build({ ...morningNY, interview: { timeline: { said: 'We should decide within two weeks.' } }, touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-03-19', idealDay: '2026-03-20', latestDay: '2026-03-24' },
  },
  {
    name: 'F0: "end of the month" in England skips Good Friday and Easter Monday', rules: ['F0', 'F1'],
    input: build({ region: 'GB-ENG', zone: 'Europe/London', start: '2026-03-03T10:00:00+00:00', end: '2026-03-03T11:00:00+00:00', interview: { timeline: { said: 'by the end of the month' } } }),
    now: '2026-03-04T09:00:00+00:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-04-02', idealDay: '2026-04-07' }, // D Tue 03-31; Thu 04-02; Tue 04-07
  },
  {
    name: 'F0: the same phrase in the US, where Good Friday is a business day', rules: ['F0', 'F1'],
    input: build({ ...morningNY, interview: { timeline: { said: 'by the end of the month' } } }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-04-02', idealDay: '2026-04-03' },
  },
  {
    name: 'F0: "within 5 business days" from Wed 2026-07-01 skips the observed Fri 07-03', rules: ['F0', 'F1'],
    input: build({ start: '2026-07-01T10:00:00-04:00', end: '2026-07-01T11:00:00-04:00', interview: { timeline: { said: 'within 5 business days' } } }),
    now: '2026-07-02T09:00:00-04:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-07-13', idealDay: '2026-07-14' }, // D Thu 07-09
  },
  {
    name: 'F0: an unreadable phrase is shown back and treated as no timeline', rules: ['F0', 'F2'],
    input: build({ ...morningNY, interview: { timeline: { said: 'when the stars align' } }, touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-03-10', rules: ['F2'] },
    check: (plan) => expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'F0', message: expect.stringContaining('when the stars align') })),
  },
  {
    name: 'F0: an unreadable phrase is warned about also when the employer gave directions (F3)', rules: ['F0', 'F3'],
    input: build({ ...morningNY, interview: { timeline: { said: 'soon' }, directions: { on: '2026-03-09' } }, touches: [thanked] }), // Mon
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'), // Wed
    expect: { idealDay: '2026-03-09', rules: ['F3'] },
    check: (plan) => expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'F0', message: expect.stringContaining('"soon"') })),
  },
  {
    name: 'F0: "by next Friday" after Wed 2026-03-04 is read two ways: no date until the user picks, both shown', rules: ['F0', 'F2'],
    input: build({ start: '2026-03-04T10:00:00-05:00', end: '2026-03-04T11:00:00-05:00', interview: { timeline: { said: "We'll decide by next Friday." } } }), // Wed
    now: '2026-03-04T12:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-03-11', rules: ['F2'] }, // Wed: 5 business days after the thank-you's ideal, Wed 03-04
    check: (plan) => {
      const f0 = plan.warnings.filter((w) => w.rule === 'F0');
      expect(f0).toHaveLength(1);
      // Fri 03-06 (this coming Friday) or Fri 03-13 (the one after)
      expect(f0[0]?.message).toMatch(/^They said "We'll decide by next Friday\." \(a1\/i1\): Fri 2026-03-06, .+, or Fri 2026-03-13, .+\? Pick one; until then it counts as no timeline\.$/);
    },
  },
  {
    name: 'F0: no warning for words the user replaced with a date', rules: ['F0', 'F1'],
    input: build({ ...morningNY, interview: { timeline: { said: 'when the stars align', decisionBy: '2026-03-13' } } }), // Fri
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-03-17', rules: ['F1'] }, // Tue
    check: (plan) => expect(plan.warnings.filter((w) => w.rule === 'F0')).toEqual([]),
  },
  {
    name: 'F1: a date given by the user wins over the phrase', rules: ['F1'],
    input: build({ ...morningNY, interview: { timeline: { said: 'by Friday', decisionBy: '2026-03-14' } } }), // Sat
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-03-17', idealDay: '2026-03-18', rules: ['F1'] }, // Tue, Wed
  },
  {
    name: 'F1: Corpus Christi in Bavaria is not a business day', rules: ['F1'],
    input: build({ region: 'DE-BY', zone: 'Europe/Berlin', start: '2026-05-26T10:00:00+02:00', end: '2026-05-26T11:00:00+02:00', interview: { timeline: { decisionBy: '2026-06-02' } } }), // Tue
    now: '2026-05-27T09:00:00+02:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-06-05', idealDay: '2026-06-08' }, // Thu 06-04 holiday: Fri, Mon
  },
  // ---------------------------------------------------------------- F2
  {
    name: 'F2: phone screen in England over Easter: ideal +4, latest +5 business days', rules: ['F2'],
    input: build({ region: 'GB-ENG', zone: 'Europe/London', stage: 'phone_screen', start: '2026-03-30T10:00:00+01:00', end: '2026-03-30T10:30:00+01:00' }), // Mon
    now: '2026-03-31T09:00:00+01:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-04-01', idealDay: '2026-04-07', latestDay: '2026-04-08' },
  },
  {
    name: 'F2: second round without timeline: 5–8 business days after the interview', rules: ['F2'],
    input: build({ ...morningNY, stage: 'second_round' }), now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { earliestDay: '2026-03-10', idealDay: '2026-03-10', latestDay: '2026-03-13' },
  },
  {
    name: 'F2: final round in Sydney over Easter, across the end of daylight saving', rules: ['F2'],
    input: build({ region: 'AU-NSW', zone: 'Australia/Sydney', stage: 'final', start: '2026-04-02T10:00:00+11:00', end: '2026-04-02T11:00:00+11:00' }), // Thu
    now: '2026-04-02T12:00:00+11:00', pick: nth('status_check'),
    expect: { ideal: '2026-04-13T09:00:00+10:00', latestDay: '2026-04-16' }, // Mon, Thu
  },
  {
    name: 'F2: first round counts from the thank-you: Thanksgiving week', rules: ['F2'],
    input: build({ start: '2026-11-23T10:00:00-05:00', end: '2026-11-23T11:00:00-05:00', touches: [{ at: '2026-11-23T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }] }), // Mon
    now: '2026-11-24T09:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-12-01' }, // Tue: Thu 11-26 is Thanksgiving
  },
  {
    name: 'F2 + settings: a 7-day first check instead of 5 business days', rules: ['F2'],
    input: build({
      start: '2026-11-23T10:00:00-05:00', end: '2026-11-23T11:00:00-05:00', touches: [{ at: '2026-11-23T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }],
      settings: { protocol: { F2: { first_round: { ideal: '7d' } } } },
    }),
    now: '2026-11-24T09:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-11-30' }, // Mon
  },
  {
    name: 'F2: without a thank-you yet, first round counts from its ideal time', rules: ['F2'],
    input: build(morningNY), now: '2026-03-03T12:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-03-10' },
  },
  {
    name: 'Settings: the application overrides the user', rules: ['F2'],
    input: build({
      ...morningNY, stage: 'phone_screen',
      settings: { protocol: { F2: { phone_screen: { ideal: '2bd' } } } },
      app: { protocol: { F2: { phone_screen: { ideal: '3bd' } } } },
    }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('status_check'),
    expect: { idealDay: '2026-03-06' }, // Fri = +3 business days
  },
  // ---------------------------------------------------------------- F3, C1, C2, C3
  {
    name: 'F3: "call me Monday" lifts the Monday and day-after bans, not the windows', rules: ['F3', 'C1'],
    input: build({
      ...morningNY, people: [GRACE, { id: 'p2', name: 'Sam Ruiz', role: 'recruiter' }],
      interview: { directions: { channel: 'phone', on: '2026-03-09', personId: 'p2' } }, touches: [thanked],
    }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('call'),
    expect: { personId: 'p2', channel: 'phone', ideal: '2026-03-09T13:00:00-04:00' }, // Mon
    check: (plan) => expect(nth('call')(plan)?.rules).toEqual(expect.arrayContaining(['F3', 'C1', 'C2'])),
  },
  {
    name: 'F3: "email only" overrides a preference for the phone', rules: ['F3', 'C3'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'phone' }], interview: { directions: { channel: 'email' } }, touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('status_check'),
    expect: { channel: 'email', idealDay: '2026-03-10' },
  },
  {
    name: 'C1: a call that would fall on a Monday moves to Tuesday 13:00', rules: ['C1'],
    input: build({ ...morningNY, stage: 'phone_screen', start: '2026-03-03T10:00:00-05:00', people: [{ ...GRACE, preferredChannel: 'phone' }], settings: { protocol: { F2: { phone_screen: { ideal: '4bd' } } } } }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('call'),
    expect: { ideal: '2026-03-10T13:00:00-04:00' }, // +4 business days is Mon 03-09
  },
  {
    name: 'C1: a call\'s earliest moment is in a call window, not at the start of the workday', rules: ['C1'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'phone' }], touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('call'), // Wed
    expect: { earliest: '2026-03-05T13:00:00-05:00', ideal: '2026-03-10T13:00:00-04:00', latest: '2026-03-13T17:00:00-04:00', status: 'upcoming' }, // Thu, Tue, Fri
  },
  {
    name: 'C1: a call whose earliest day is a Monday starts on Tuesday 13:00; every moment of its window is allowed', rules: ['C1'],
    input: build({
      start: '2026-03-05T10:00:00-05:00', end: '2026-03-05T11:00:00-05:00', people: [{ ...GRACE, preferredChannel: 'phone' }], // Thu
      touches: [{ at: '2026-03-05T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }],
    }),
    now: '2026-03-09T14:00:00-04:00', pick: nth('call'), // Mon: +2 business days, banned
    // Monday would be in its window but for C1: blocked until Tue 13:00 (PROTOCOL §7, example 4).
    expect: { earliest: '2026-03-10T13:00:00-04:00', ideal: '2026-03-12T13:00:00-04:00', latest: '2026-03-17T17:00:00-04:00', status: 'blocked', blockedBy: 'C1', nextAllowed: '2026-03-10T13:00:00-04:00' }, // Tue, Thu, Tue
  },
  {
    name: 'C1: the day after the interview is no call\'s earliest moment either', rules: ['C1'],
    input: build({
      ...morningNY, people: [{ ...GRACE, preferredChannel: 'phone' }], touches: [thanked],
      settings: { protocol: { F2: { minEarliest: '1bd', first_round: { earliest: '1bd', ideal: '5bd', latest: '8bd', from: 'thank_you' } } } },
    }),
    now: '2026-03-04T14:00:00-05:00', pick: nth('call'), // Wed, the day after: blocked by C1
    expect: { earliest: '2026-03-05T13:00:00-05:00', status: 'blocked', blockedBy: 'C1', nextAllowed: '2026-03-05T13:00:00-05:00' }, // Thu
  },
  {
    name: 'C1: call windows are the recipient\'s (Berlin 13:00)', rules: ['C1'],
    input: build({ region: 'DE-BY', zone: 'Europe/Berlin', start: '2026-03-03T10:00:00+01:00', end: '2026-03-03T11:00:00+01:00', stage: 'second_round', people: [{ ...GRACE, preferredChannel: 'phone' }] }),
    now: '2026-03-04T09:00:00+01:00', pick: nth('call'),
    expect: { ideal: '2026-03-10T13:00:00+01:00', latest: '2026-03-13T17:00:00+01:00' },
  },
  {
    name: 'C1: inside the afternoon window the call is due', rules: ['C1'],
    input: build({ ...morningNY, stage: 'second_round', people: [{ ...GRACE, preferredChannel: 'phone' }] }),
    now: '2026-03-11T14:00:00-04:00', pick: nth('call'), expect: { status: 'due' }, // Wed
  },
  {
    name: 'C1: between the windows it is blocked until the last working hour', rules: ['C1'],
    input: build({ ...morningNY, stage: 'second_round', people: [{ ...GRACE, preferredChannel: 'phone' }] }),
    now: '2026-03-11T15:30:00-04:00', pick: nth('call'), // Wed
    expect: { status: 'blocked', blockedBy: 'C1', nextAllowed: '2026-03-11T16:00:00-04:00' },
  },
  {
    name: 'C2: after two calls, the next check is written', rules: ['C2', 'F4'],
    input: build({
      ...morningNY, stage: 'second_round', people: [{ ...GRACE, preferredChannel: 'phone' }], interview: { goAhead: true },
      touches: [thanked,
        { at: '2026-03-10T13:30:00-04:00', personId: 'p1', kind: 'call', channel: 'phone', outcome: 'no_answer' }, // Tue
        { at: '2026-03-19T13:30:00-04:00', personId: 'p1', kind: 'call', channel: 'phone', outcome: 'voicemail' }], // Thu
    }),
    now: '2026-03-20T09:00:00-04:00', pick: (plan) => plan.recommendations.find((r) => r.sequence === 3),
    expect: { kind: 'status_check', channel: 'email' },
    check: (plan) => expect(plan.recommendations.find((r) => r.sequence === 3)?.rules).toContain('C2'),
  },
  {
    name: 'C2: one call a week: the next call moves to the following week', rules: ['C2'],
    input: build({
      ...morningNY, stage: 'second_round', people: [{ ...GRACE, preferredChannel: 'phone' }], interview: { goAhead: true },
      settings: { protocol: { F4: { goAhead: { earliest: '1bd', ideal: '1bd', latest: '3bd' } } } },
      touches: [thanked, { at: '2026-03-10T13:30:00-04:00', personId: 'p1', kind: 'call', channel: 'phone', outcome: 'no_answer' }], // Tue
    }),
    now: '2026-03-10T14:00:00-04:00', pick: (plan) => plan.recommendations.find((r) => r.sequence === 2),
    expect: { kind: 'call', ideal: '2026-03-17T13:00:00-04:00' }, // next Tue (Mon banned)
  },
  {
    name: 'C3: the person\'s professional network is allowed after the thank-you', rules: ['C3'],
    input: build({ ...morningNY, people: [{ ...GRACE, preferredChannel: 'professional_network' }], touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00',
    check: (plan) => {
      expect(nth('thank_you')(plan)?.channel).toBe('email');
      expect(nth('status_check')(plan)?.channel).toBe('professional_network');
    },
  },
  {
    name: 'C3: the candidate\'s own preference for the phone applies when the person has none', rules: ['C3'],
    input: build({ ...morningNY, candidate: { preferredChannel: 'phone' }, touches: [thanked] }),
    now: '2026-03-04T09:00:00-05:00', pick: nth('call'), expect: { channel: 'phone', ideal: '2026-03-10T13:00:00-04:00' },
  },
  // ---------------------------------------------------------------- F4, F5
  {
    name: 'F4: with a go-ahead, checks every 7–10 business days until five weeks', rules: ['F4', 'F5'],
    input: build({ ...morningNY, interview: { goAhead: true }, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'status_check' }] }),
    now: '2026-03-11T09:00:00-04:00',
    check: (plan) => {
      const checks = plan.recommendations.filter((r) => r.kind === 'status_check');
      expect(checks[1]?.earliest.slice(0, 10)).toBe('2026-03-19'); // Thu: +7 business days after Tue 03-10
      expect(checks[1]?.latest.slice(0, 10)).toBe('2026-03-24'); // Tue: +10
      expect(checks.length).toBeGreaterThanOrEqual(3);
      const giveUp = nth('give_up')(plan);
      expect(giveUp?.latest.slice(0, 10)).toBe('2026-04-07'); // Tue: five weeks after Tue 03-03
      for (const c of checks) expect(c.ideal <= (giveUp?.latest ?? '')).toBe(true);
    },
  },
  {
    name: 'F4: without a go-ahead, never more than two status checks', rules: ['F4'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'status_check' }, { at: '2026-03-17T10:00:00-04:00', personId: 'p1', kind: 'status_check' }] }),
    now: '2026-03-18T09:00:00-04:00',
    check: (plan) => expect(plan.recommendations.filter((r) => r.kind === 'status_check').map((r) => r.status)).toEqual(['done', 'done']),
  },
  {
    name: 'F5: past the give-up date the plan proposes moving on', rules: ['F5'],
    input: build({ ...morningNY, touches: [thanked] }), now: '2026-04-06T09:00:00-04:00', pick: nth('give_up'), // Mon
    expect: { status: 'overdue' },
    check: (plan) => expect(plan.warnings.map((w) => w.rule)).toContain('F5'),
  },
  {
    name: 'F5: moving on counts from the day of the second call, after it moved off a Monday', rules: ['F5', 'C1'],
    input: build({
      ...morningNY, people: [{ ...GRACE, preferredChannel: 'phone' }],
      touches: [thanked, { at: '2026-03-09T10:00:00-04:00', personId: 'p1', kind: 'status_check', channel: 'email', outcome: 'sent' }], // Mon
    }),
    now: '2026-03-10T09:00:00-04:00', // Tue
    check: (plan) => {
      // The second check: 5 business days after Mon 03-09 is Mon 03-16, a call moves to Tue 03-17.
      expect(plan.recommendations.find((r) => r.sequence === 2)).toMatchObject({ kind: 'call', ideal: '2026-03-17T13:00:00-04:00' });
      // 5 business days after Tue 03-17 (not after Mon 03-16): Tue 03-24; a month after the interview, Fri 04-03.
      expect(nth('give_up')(plan)).toMatchObject({ earliest: '2026-03-24T09:00:00-04:00', ideal: '2026-03-24T09:00:00-04:00', latest: '2026-04-03T17:00:00-04:00' });
    },
  },
  // ---------------------------------------------------------------- F6
  {
    name: 'F6: "not decided yet" with a new date restarts the checks from it', rules: ['F6', 'F1'],
    input: build({
      ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'call', channel: 'phone', outcome: 'not_decided', newDecisionBy: '2026-03-20' }],
    }),
    now: '2026-03-11T09:00:00-04:00',
    check: (plan) => {
      const checks = plan.recommendations.filter((r) => r.kind === 'status_check' || r.kind === 'call');
      const pending = checks.find((c) => c.status === 'upcoming');
      expect(pending?.earliest.slice(0, 10)).toBe('2026-03-24'); // Tue: D Fri 03-20 + 2 business days
      expect(pending?.rules).toEqual(expect.arrayContaining(['F6', 'F1']));
      expect(plan.recommendations.some((r) => r.kind === 'reply')).toBe(false); // said on the phone
    },
  },
  {
    name: 'F6: a written "not decided" without a date: expect a week, and reply', rules: ['F6'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'reply', channel: 'email', outcome: 'not_decided' }] }),
    now: '2026-03-10T11:00:00-04:00',
    check: (plan) => {
      const pending = plan.recommendations.find((r) => r.kind === 'status_check' && r.status === 'upcoming');
      expect(pending?.earliest.slice(0, 10)).toBe('2026-03-19'); // D Tue 03-17 + 2 business days
      expect(nth('reply')(plan)).toMatchObject({ status: 'due', rules: ['F6', 'X3'] });
    },
  },
  {
    name: 'F6: "position filled" → a gracious reply and closing; no more checks', rules: ['F6', 'X3'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'reply', channel: 'email', outcome: 'filled' }] }),
    now: '2026-03-10T11:00:00-04:00', pick: nth('reply'), expect: { status: 'due', rules: ['F6', 'X3'] },
    check: (plan) => {
      expect(plan.recommendations.filter((r) => r.kind === 'status_check' && r.status !== 'skipped')).toEqual([]);
      expect(nth('give_up')(plan)).toBeUndefined();
      expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'F6', message: expect.stringContaining('filled') }));
    },
  },
  {
    name: 'F6: an offer asks for a comparison', rules: ['F6'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'reply', outcome: 'offer' }] }),
    now: '2026-03-10T11:00:00-04:00', pick: nth('reply'), expect: { rules: ['F6'] },
    check: (plan) => expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'F6', message: expect.stringContaining('compare') })),
  },
  {
    name: 'F6: invited to a next round: record the interview', rules: ['F6'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'reply', outcome: 'next_round' }] }),
    now: '2026-03-10T11:00:00-04:00',
    check: (plan) => {
      expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'F6', message: expect.stringContaining('next round') }));
      expect(nth('give_up')(plan)).toBeUndefined();
    },
  },
  {
    name: 'F6: only active applications get recommendations', rules: ['F6'],
    input: build({ ...morningNY, app: { status: 'withdrawn' } }), now: '2026-03-03T12:00:00-05:00',
    check: (plan) => expect(plan.recommendations).toEqual([]),
  },
  // ---------------------------------------------------------------- F7
  {
    name: 'F7: after a second round, brief each reference within 2 business days', rules: ['F7'],
    input: build({
      ...morningNY, stage: 'second_round',
      candidate: { references: [{ id: 'r1', name: 'Ada Byron', email: 'ada@example.com' }, { id: 'r2', name: 'Ola Nordmann', phone: '+47 555 0100' }] },
    }),
    now: '2026-03-03T12:00:00-05:00',
    check: (plan) => {
      const briefs = plan.recommendations.filter((r) => r.kind === 'reference_brief');
      expect(briefs.map((b) => [b.referenceId, b.channel, b.ideal.slice(0, 10), b.latest.slice(0, 10)])).toEqual([
        ['r1', 'email', '2026-03-04', '2026-03-05'], ['r2', 'phone', '2026-03-04', '2026-03-05'],
      ]);
    },
  },
  {
    name: 'F7: references requested in a first round, decision Thu: brief before it', rules: ['F7'],
    input: build({
      ...morningNY, interview: { referencesRequested: true, timeline: { decisionBy: '2026-03-04' } },
      candidate: { references: [{ id: 'r1', name: 'Ada Byron', email: 'ada@example.com' }] },
    }),
    now: '2026-03-03T12:00:00-05:00', pick: nth('reference_brief'),
    expect: { latest: '2026-03-04T09:00:00-05:00' },
  },
  // ---------------------------------------------------------------- P1, P2
  {
    name: 'P1: one active application → keep searching', rules: ['P1'],
    input: build(morningNY), now: '2026-03-03T12:00:00-05:00',
    check: (plan) => expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'P1', message: expect.stringContaining('Only one active') })),
  },
  {
    name: 'P1: two active applications, one applied for yesterday → no warning', rules: ['P1'],
    input: build({ ...morningNY, extraApps: [{ id: 'a2', company: 'Globex', role: 'Analyst', appliedOn: '2026-03-02' }] }),
    now: '2026-03-03T12:00:00-05:00',
    check: (plan) => expect(plan.warnings.filter((w) => w.rule === 'P1')).toEqual([]),
  },
  {
    name: 'P1: nothing new for a week while all wait on replies', rules: ['P1'],
    input: build({
      ...morningNY, touches: [thanked],
      extraApps: [{ id: 'a2', company: 'Globex', role: 'Analyst', appliedOn: '2026-02-20', interviews: [{ id: 'j1', start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T11:00:00-05:00', stage: 'phone_screen' }], touches: [] }],
    }),
    now: '2026-03-04T12:00:00-05:00',
    check: (plan) => expect(plan.warnings).toContainEqual(expect.objectContaining({ rule: 'P1', message: expect.stringContaining('No new application for 12 days') })),
  },
  {
    name: 'P2: a status check sent before its earliest moment is marked early', rules: ['P2'],
    input: build({ ...morningNY, touches: [thanked, { at: '2026-03-04T10:00:00-05:00', personId: 'p1', kind: 'status_check' }] }), // Wed
    now: '2026-03-04T12:00:00-05:00', pick: nth('status_check'),
    expect: { status: 'done' },
    check: (plan) => {
      expect(nth('status_check')(plan)?.rules).toContain('P2');
      expect(nth('status_check')(plan)?.why).toContain('earlier than advised');
    },
  },
];

describe('the rules table', () => {
  it('has at least 40 rows covering every timing rule', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(rows.flatMap((r) => r.rules));
    for (const id of ['T1', 'T2', 'T3', 'T4', 'F0', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'C1', 'C2', 'C3', 'P1', 'P2']) {
      expect(covered.has(id), id).toBe(true);
    }
  });

  it.each(rows)('$name', (row) => {
    const plan = planJson(row.input, row.now);
    if (row.pick && row.expect) {
      const rec = row.pick(plan);
      expect(rec, 'the recommendation exists').toBeDefined();
      for (const [key, value] of Object.entries(row.expect)) {
        const m = /^(earliest|ideal|latest)Day$/.exec(key);
        const actual = m ? (rec as unknown as Record<string, string>)[m[1] ?? '']?.slice(0, 10) : (rec as unknown as Record<string, unknown>)[key];
        expect(actual, key).toEqual(value);
      }
    }
    row.check?.(plan);
    for (const rec of plan.recommendations) expect(rec.rules.length).toBeGreaterThan(0);
  });
});
