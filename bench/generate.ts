/**
 * A seeded, deterministic generator of realistic scenarios in the JSON shape of CONTRACT.md
 * (`afterword plan --scenario FILE`). The same seed and options always give the same document, on
 * any machine and in any host time zone: every instant is computed by core/time.ts in the place's
 * own zone and written as ISO 8601 with that zone's offset.
 *
 * What varies, per application: company zone and holiday region (Americas, Europe, Asia-Pacific),
 * 1–4 people with roles, zones, channels and informality, 1–3 interviews with stages in order,
 * panels with a lead, the employer's timeline phrase (readable or not) or a given date, a go-ahead,
 * explicit directions, references, and 0–8 touches: thank-yous, status checks, calls, voicemails,
 * updates and replies with their outcomes, always before `now`.
 */
import type { z } from 'zod';
import type { scenarioSchema } from '../src/core/scenario.js';
import {
  createTimeRules, formatDay, parseInstant, weekday, type Day, type EpochMs, type Minutes, type TimeRules,
} from '../src/core/time.js';

// ------------------------------------------------------------------ the contract's JSON shape

export type Stage = 'phone_screen' | 'first_round' | 'second_round' | 'third_round' | 'final';
export type ChannelJson = 'email' | 'letter' | 'handwritten_note' | 'phone' | 'voicemail' | 'fax' | 'in_person' | 'professional_network';
export type TouchKindJson = 'thank_you' | 'status_check' | 'update' | 'call' | 'voicemail' | 'reply' | 'reference_brief';
export type OutcomeJson =
  | 'sent' | 'no_answer' | 'voicemail' | 'receptionist' | 'not_decided' | 'still_considered' | 'filled'
  | 'reply_received' | 'offer' | 'rejected' | 'next_round';
export type StatusJson = 'active' | 'offer' | 'accepted' | 'declined' | 'rejected' | 'withdrawn' | 'no_response' | 'filled';
export type RoleJson = 'interviewer' | 'recruiter' | 'hiring_manager' | 'coordinator' | 'receptionist' | 'other';

export interface PersonJson {
  id: string; name: string; honorific: string | null; title: string; role: RoleJson; email: string; phone: string | null;
  timeZone: string | null; region: string | null; preferredChannel: ChannelJson | null; informal: boolean; verified: boolean;
}

export interface InterviewJson {
  id: string; start: string; end: string; timeZone: string; stage: Stage; format: 'phone' | 'video' | 'on_site';
  panel: boolean; panelLeadId: string | null; peopleIds: string[];
  timeline: { said: string | null; decisionBy: string | null };
  goAhead: boolean;
  directions: { channel?: ChannelJson; on?: string; personId?: string } | null;
  contactId?: string;
  referencesRequested?: boolean;
  debrief?: { askedNextSteps: boolean; collectedContacts: boolean; bestMoments?: string; details?: Record<string, string> };
}

export interface TouchJson {
  at: string; personId?: string; referenceId?: string; channel: ChannelJson; kind: TouchKindJson; outcome: OutcomeJson;
  text?: string; newDecisionBy?: string;
}

export interface ApplicationJson {
  id: string; company: string; role: string; status: StatusJson; appliedOn: string;
  timeZone: string; region: string; individualPanelNotes?: boolean;
  people: PersonJson[]; interviews: InterviewJson[]; touches: TouchJson[];
  protocol?: Record<string, unknown>;
}

export interface ReferenceJson {
  id: string; name: string; email?: string; phone?: string; relationship: string; speakTo: string; timeZone?: string;
}

export interface ScenarioJson {
  settings: { region: string; timeZone: string; workday: { start: string; end: string } };
  candidate: {
    name: string; email: string; phone: string; preferredChannel?: ChannelJson; local: boolean; references: ReferenceJson[];
  };
  applications: ApplicationJson[];
}

// The generated documents are scenario documents as far as the compiler can tell.
type AssertAssignable<T extends U, U> = T;
export type GeneratedIsContractInput = AssertAssignable<ScenarioJson, z.input<typeof scenarioSchema>>;

// ------------------------------------------------------------------ randomness

/** A small seeded PRNG (sfc32 seeded through splitmix32): fast, and identical on every platform. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.float();
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[item, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.float() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** `k` distinct items, in their original order. */
  subset<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = idx[i] ?? 0;
      idx[i] = idx[j] ?? 0;
      idx[j] = t;
    }
    return idx.slice(0, Math.max(0, Math.min(k, items.length))).sort((x, y) => x - y).map((i) => items[i] as T);
  }
}

// ------------------------------------------------------------------ vocabulary

/** Zones with the holiday regions found there, and how common they are among our users. */
export const PLACES: readonly { readonly zone: string; readonly regions: readonly string[]; readonly weight: number }[] = [
  { zone: 'America/New_York', regions: ['US', 'US-NY', 'US-MA'], weight: 18 },
  { zone: 'America/Chicago', regions: ['US', 'US-IL', 'US-TX'], weight: 7 },
  { zone: 'America/Denver', regions: ['US-CO'], weight: 2 },
  { zone: 'America/Los_Angeles', regions: ['US-CA', 'US-WA'], weight: 12 },
  { zone: 'America/Toronto', regions: ['CA-ON'], weight: 4 },
  { zone: 'America/Mexico_City', regions: ['MX'], weight: 1 },
  { zone: 'America/Sao_Paulo', regions: ['BR'], weight: 2 },
  { zone: 'Europe/London', regions: ['GB-ENG', 'GB-SCT'], weight: 10 },
  { zone: 'Europe/Dublin', regions: ['IE'], weight: 2 },
  { zone: 'Europe/Berlin', regions: ['DE-BY', 'DE-BE', 'DE'], weight: 7 },
  { zone: 'Europe/Paris', regions: ['FR'], weight: 5 },
  { zone: 'Europe/Madrid', regions: ['ES-MD'], weight: 2 },
  { zone: 'Europe/Amsterdam', regions: ['NL'], weight: 3 },
  { zone: 'Europe/Zurich', regions: ['CH-ZH'], weight: 1 },
  { zone: 'Europe/Stockholm', regions: ['SE'], weight: 1 },
  { zone: 'Europe/Warsaw', regions: ['PL'], weight: 1 },
  { zone: 'Asia/Kolkata', regions: ['IN'], weight: 3 },
  { zone: 'Asia/Singapore', regions: ['SG'], weight: 2 },
  { zone: 'Asia/Seoul', regions: ['KR'], weight: 1 },
  { zone: 'Asia/Tokyo', regions: ['JP'], weight: 3 },
  { zone: 'Australia/Sydney', regions: ['AU-NSW'], weight: 4 },
  { zone: 'Australia/Perth', regions: ['AU-WA'], weight: 1 },
  { zone: 'Pacific/Auckland', regions: ['NZ'], weight: 2 },
];

const PLACE_WEIGHTS = PLACES.map((p) => [p, p.weight] as const);

const COMPANIES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent',
  'Wonka', 'Massive Dynamic', 'Aperture', 'Black Mesa', 'Oscorp', 'Gringotts', 'Monarch', 'Prestige', 'Zorg',
];
const COMPANY_SUFFIXES = ['Corp', 'Inc.', 'Ltd', 'GmbH', 'Labs', 'Group', 'Partners', 'Systems', 'K.K.', 'Pty Ltd'];
const ROLES = [
  'Data Analyst', 'Software Engineer', 'Product Manager', 'UX Designer', 'Account Executive', 'Nurse Practitioner',
  'Financial Controller', 'Site Reliability Engineer', 'Marketing Lead', 'Research Scientist', 'Paralegal',
  'Operations Manager', 'Customer Success Manager', 'Machine Learning Engineer', 'Teacher',
];
const FIRST_NAMES = [
  'Grace', 'Sam', 'Aiko', 'Liam', 'Priya', 'Mateo', 'Chloé', 'Jürgen', 'Oluwaseun', 'Mei', 'Sven', 'Aroha',
  'Fatima', 'Noah', 'Siobhán', 'Kenji', 'Zoë', 'Raj', 'Ingrid', 'José',
];
const LAST_NAMES = [
  'Okafor', 'Ruiz', 'Tanaka', 'O\u2019Brien', 'Sharma', 'García', 'Dubois', 'Müller', 'Adeyemi', 'Chen', 'Larsen',
  'Ngata', 'Haddad', 'Smith', 'Ní Bhriain', 'Watanabe', 'Kowalski', 'Patel', 'Lindqvist', 'van der Berg',
];
const HONORIFICS = ['Dr.', 'Ms.', 'Mr.', 'Mx.', 'Professor', 'Director', null] as const;
const TITLES = [
  'Head of Analytics', 'Engineering Manager', 'Talent Partner', 'VP Product', 'Staff Engineer', 'Recruiter',
  'People Coordinator', 'Director of Finance', 'Chief Nursing Officer', 'Team Lead',
];
const STAGE_ORDER: readonly Stage[] = ['phone_screen', 'first_round', 'second_round', 'third_round', 'final'];

/** The employer's words: mostly readable by F0, some not (kept and shown, treated as no timeline). */
const SAID = [
  "we'll decide by Friday", 'by Wednesday', 'within two weeks', 'within 10 business days', 'next week',
  'end of the month', 'within the month', 'in a couple of weeks', 'a few days', 'within 3 weeks',
  'early next week', 'by the end of this week', 'in 2-3 weeks', 'tomorrow', 'a fortnight',
  'soon', "we'll be in touch", 'after the board meets', 'once we have seen everyone',
] as const;

// ------------------------------------------------------------------ the generator

export interface GenerateOptions {
  /** Number of applications. */
  readonly applications: number;
  readonly seed: number;
  /** The instant the scenario will be planned at: every touch lies before it. Default {@link DEFAULT_NOW}. */
  readonly now?: string;
  /** Shared caches; one is created when omitted. */
  readonly time?: TimeRules;
}

/** The default `now`: interviews fall in the nine months before it and the three after. */
export const DEFAULT_NOW = '2026-06-15T12:00:00Z';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Ctx {
  readonly r: Random;
  readonly time: TimeRules;
  readonly now: EpochMs;
  readonly nowDay: Day;
}

/** An instant written in `zone` with its offset; now and then as a wall-clock time without one. */
function iso(c: Ctx, zone: string, ms: EpochMs, allowWall: boolean): string {
  const text = c.time.zone(zone).format(ms);
  if (allowWall && c.r.chance(0.1)) return text.slice(0, 19);
  if (c.r.chance(0.05)) return new Date(ms).toISOString();
  return text;
}

function personName(r: Random): string {
  return `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
}

function emailOf(name: string, company: string): string {
  const local = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').trim().replace(/ +/g, '.');
  return `${local || 'contact'}@${company.toLowerCase().replace(/[^a-z]/g, '')}.example`;
}

function makePeople(c: Ctx, company: string, companyZone: string, companyRegion: string): PersonJson[] {
  const { r } = c;
  const n = r.weighted([[1, 3], [2, 4], [3, 3], [4, 2]] as const);
  const people: PersonJson[] = [];
  for (let i = 0; i < n; i++) {
    const name = personName(r);
    const role: RoleJson = i === 0 && r.chance(0.5)
      ? 'recruiter'
      : r.weighted([['interviewer', 10], ['hiring_manager', 4], ['recruiter', 2], ['coordinator', 2], ['other', 1], ['receptionist', 1]] as const);
    // A remote interviewer works from another place now and then.
    const remote = r.chance(0.15) ? r.weighted(PLACE_WEIGHTS) : undefined;
    people.push({
      id: `p${i + 1}`,
      name,
      honorific: r.pick(HONORIFICS),
      title: role === 'recruiter' ? 'Recruiter' : r.pick(TITLES),
      role,
      email: emailOf(name, company),
      phone: r.chance(0.6) ? `+1 555 ${String(r.int(100, 999))} ${String(r.int(1000, 9999))}` : null,
      timeZone: remote ? remote.zone : r.chance(0.5) ? companyZone : null,
      region: remote ? r.pick(remote.regions) : r.chance(0.2) ? companyRegion : null,
      preferredChannel: r.weighted([
        [null, 10], ['email', 8], ['phone', 4], ['voicemail', 1], ['letter', 1], ['handwritten_note', 1],
        ['professional_network', 1], ['fax', 0.2],
      ] as const),
      informal: r.chance(0.3),
      verified: r.chance(0.7),
    });
  }
  return people;
}

function makeStages(r: Random, count: number): Stage[] {
  const first = r.int(0, STAGE_ORDER.length - count);
  const picks = r.subset(STAGE_ORDER.slice(first), count);
  return picks.length > 0 ? picks : ['first_round'];
}

function makeTimeline(c: Ctx, ivDay: Day): InterviewJson['timeline'] {
  const { r } = c;
  const kind = r.weighted([['none', 4], ['said', 5], ['date', 1], ['both', 1]] as const);
  const date = formatDay(ivDay + r.int(2, 21));
  switch (kind) {
    case 'none': return { said: null, decisionBy: null };
    case 'said': return { said: r.chance(0.15) ? `by ${date}` : r.pick(SAID), decisionBy: null };
    case 'date': return { said: null, decisionBy: date };
    case 'both': return { said: r.pick(SAID), decisionBy: date };
  }
}

function makeInterviews(c: Ctx, people: readonly PersonJson[], companyZone: string, firstDay: Day): InterviewJson[] {
  const { r, time } = c;
  const count = r.weighted([[1, 5], [2, 3], [3, 2]] as const);
  const stages = makeStages(r, count);
  const out: InterviewJson[] = [];
  let day = firstDay;
  stages.forEach((stage, i) => {
    const zone = r.chance(0.85) ? companyZone : r.weighted(PLACE_WEIGHTS).zone;
    const rules = time.zone(zone);
    // Interviews are mostly on weekdays, in business hours; a few on a Saturday or Sunday.
    while (weekday(day) >= 6 && r.chance(0.97)) day++;
    const startMin: Minutes = r.int(8 * 4, 17 * 4 + 2) * 15;
    const startMs = rules.at(day, startMin);
    const panelSized = people.length >= 3 && stage !== 'phone_screen';
    const panel = panelSized && r.chance(0.4);
    const duration = panel ? r.pick([60, 90, 120, 180]) : stage === 'phone_screen' ? r.pick([20, 30, 45]) : r.pick([45, 60, 90]);
    const endMs = startMs + duration * MINUTE;
    const met = stage === 'phone_screen'
      ? [people[0]?.id ?? 'p1']
      : r.subset(people.map((p) => p.id), panel ? people.length : r.int(1, people.length));
    const lead = panel ? r.pick(met) : null;
    const directed = r.chance(0.1);
    const directionsDay = day + r.int(3, 10);
    out.push({
      id: `i${i + 1}`,
      start: iso(c, zone, startMs, true),
      end: iso(c, zone, endMs, true),
      timeZone: zone,
      stage,
      format: stage === 'phone_screen' ? 'phone' : r.weighted([['video', 5], ['on_site', 3], ['phone', 1]] as const),
      panel,
      panelLeadId: lead,
      peopleIds: met,
      timeline: makeTimeline(c, day),
      goAhead: r.chance(0.15),
      directions: directed
        ? {
            ...(r.chance(0.6) ? { channel: r.weighted([['phone', 3], ['email', 2], ['voicemail', 1]] as const) } : {}),
            ...(r.chance(0.8) ? { on: formatDay(directionsDay) } : {}),
            ...(r.chance(0.5) ? { personId: r.pick(met) } : {}),
          }
        : null,
      ...(r.chance(0.2) ? { contactId: r.pick(people).id } : {}),
      ...(r.chance(0.1) ? { referencesRequested: true } : {}),
      ...(r.chance(0.3)
        ? { debrief: { askedNextSteps: r.chance(0.7), collectedContacts: r.chance(0.8), bestMoments: 'Walked through the churn model.',
            details: Object.fromEntries(met.map((id) => [id, 'Mentioned the migration to event sourcing.'])) } }
        : {}),
    });
    day += r.int(4, 20);
  });
  return out;
}

/** Follow-up history: thank-yous after each interview, then checks, calls and replies, all before `now`. */
function makeTouches(c: Ctx, app: Pick<ApplicationJson, 'people' | 'interviews'>, candidateZone: string, references: readonly ReferenceJson[]): TouchJson[] {
  const { r, now } = c;
  const budget = r.weighted([[0, 2], [1, 2], [2, 3], [3, 3], [4, 2], [5, 2], [6, 1], [7, 1], [8, 1]] as const);
  const out: TouchJson[] = [];
  const add = (t: Omit<TouchJson, 'at'>, at: EpochMs): boolean => {
    if (out.length >= budget || at >= now) return false;
    out.push({ at: iso(c, candidateZone, at, false), ...t });
    return true;
  };
  const startOf = (iv: InterviewJson): EpochMs => parseInstant(iv.start, c.time.zone(iv.timeZone)) ?? 0;
  const endOf = (iv: InterviewJson): EpochMs => parseInstant(iv.end, c.time.zone(iv.timeZone)) ?? 0;

  for (const iv of app.interviews) {
    const end = endOf(iv);
    const thanked = iv.panel && iv.panelLeadId && r.chance(0.7) ? [iv.panelLeadId] : iv.peopleIds;
    for (const pid of thanked) {
      if (!r.chance(0.85)) continue;
      add({ personId: pid, channel: r.weighted([['email', 8], ['letter', 1], ['handwritten_note', 0.5]] as const), kind: 'thank_you', outcome: 'sent',
        ...(r.chance(0.2) ? { text: 'Dear Dr. Okafor, thank you for your time today.' } : {}) }, end + r.int(30, 30 * 60) * MINUTE);
    }
  }
  const last = app.interviews[app.interviews.length - 1];
  if (!last) return out;
  let at = endOf(last);
  const contact = last.directions?.personId ?? last.contactId ?? last.peopleIds[0] ?? 'p1';
  const person = app.people.find((p) => p.id === contact);
  const phone = person?.preferredChannel === 'phone' || last.directions?.channel === 'phone';
  let decided = false;
  for (let k = 0; k < 4 && !decided; k++) {
    at += r.int(3, 11) * DAY + r.int(-3, 3) * HOUR;
    const kind: TouchKindJson = phone ? r.weighted([['call', 3], ['voicemail', 1], ['status_check', 1]] as const)
      : r.weighted([['status_check', 6], ['update', 1], ['call', 1]] as const);
    const outcome: OutcomeJson = kind === 'call'
      ? r.weighted([['no_answer', 2], ['receptionist', 1], ['voicemail', 2], ['not_decided', 2], ['still_considered', 1], ['filled', 0.5], ['next_round', 0.5]] as const)
      : kind === 'voicemail' ? 'voicemail' : 'sent';
    const channel: ChannelJson = kind === 'call' || kind === 'voicemail' ? 'phone' : r.chance(0.9) ? 'email' : 'professional_network';
    if (!add({ personId: contact, channel, kind, outcome }, at)) break;
    if (outcome === 'filled' || outcome === 'next_round') decided = true;
    if (outcome === 'not_decided' && r.chance(0.5)) {
      out[out.length - 1] = { ...(out[out.length - 1] as TouchJson), newDecisionBy: formatDay(c.time.zone(candidateZone).dayAt(at) + r.int(5, 15)) };
    }
    // Sometimes the employer writes back.
    if (!decided && r.chance(0.3)) {
      const replyAt = at + r.int(1, 5) * DAY;
      const outcome2: OutcomeJson = r.weighted([
        ['not_decided', 3], ['still_considered', 2], ['reply_received', 2], ['rejected', 3], ['filled', 1], ['offer', 1], ['next_round', 1],
      ] as const);
      const given = outcome2 === 'not_decided' && r.chance(0.5)
        ? { newDecisionBy: formatDay(c.time.zone(candidateZone).dayAt(replyAt) + r.int(5, 15)) } : {};
      if (!add({ personId: contact, channel: 'email', kind: 'reply', outcome: outcome2, ...given }, replyAt)) break;
      at = replyAt;
      if (outcome2 === 'rejected' || outcome2 === 'filled' || outcome2 === 'offer' || outcome2 === 'next_round') {
        decided = true;
        if (outcome2 !== 'next_round' && r.chance(0.6)) add({ personId: contact, channel: 'email', kind: 'reply', outcome: 'sent' }, replyAt + r.int(2, 30) * HOUR);
      }
    }
  }
  const ref = references.length > 0 && r.chance(0.3) ? r.pick(references) : undefined;
  if (ref) add({ referenceId: ref.id, channel: 'phone', kind: 'reference_brief', outcome: 'sent' }, startOf(last) + r.int(1, 3) * DAY);
  return out.sort((x, y) => (parseInstant(x.at, c.time.zone(candidateZone)) ?? 0) - (parseInstant(y.at, c.time.zone(candidateZone)) ?? 0));
}

function statusFor(r: Random, touches: readonly TouchJson[]): StatusJson {
  const decision = touches.find((t) => t.outcome === 'filled' || t.outcome === 'rejected' || t.outcome === 'offer');
  if (decision && r.chance(0.5)) {
    if (decision.outcome === 'offer') return r.pick(['offer', 'accepted', 'declined'] as const);
    return decision.outcome === 'filled' ? 'filled' : 'rejected';
  }
  return r.weighted([['active', 40], ['withdrawn', 1], ['no_response', 1]] as const);
}

const OVERRIDES: readonly Record<string, unknown>[] = [
  { F4: { checksWithoutGoAhead: 1 } },
  { T3: { panelNote: 'individual' } },
  { C2: { total: 1 } },
  { F1: { earliest: '1bd', ideal: '2bd', latest: '4bd' } },
  { C1: { lastWorkingHour: false } },
];

/**
 * `options.applications` applications for one candidate, deterministic in `options.seed`.
 * Returns a plain JSON value (no `undefined`, no class instances): `JSON.stringify` round-trips it.
 */
export function generateScenario(options: GenerateOptions): ScenarioJson {
  const time = options.time ?? createTimeRules();
  const now = parseInstant(options.now ?? DEFAULT_NOW, time.zone('UTC'));
  if (now === null) throw new Error(`bad now ${options.now ?? ''}`);
  const r = new Random(options.seed);
  const home = r.weighted(PLACE_WEIGHTS);
  const candidateZone = home.zone;
  const c: Ctx = { r, time, now, nowDay: time.zone(candidateZone).dayAt(now) };
  const workday = r.weighted([[{ start: '09:00', end: '17:00' }, 6], [{ start: '08:30', end: '16:30' }, 1], [{ start: '10:00', end: '18:00' }, 1]] as const);
  const references: ReferenceJson[] = [];
  for (let i = 0, n = r.weighted([[0, 2], [1, 1], [2, 2], [3, 1]] as const); i < n; i++) {
    const name = personName(r);
    references.push({
      id: `r${i + 1}`, name, relationship: r.pick(['former manager', 'colleague', 'client', 'professor']),
      speakTo: r.pick(['leadership', 'SQL and modelling', 'stakeholder management', 'on-call reliability']),
      ...(r.chance(0.8) ? { email: emailOf(name, 'mail') } : { phone: '+44 20 7946 0000' }),
      ...(r.chance(0.3) ? { timeZone: r.weighted(PLACE_WEIGHTS).zone } : {}),
    });
  }
  const applications: ApplicationJson[] = [];
  for (let i = 0; i < options.applications; i++) {
    const place = r.chance(0.7) ? home : r.weighted(PLACE_WEIGHTS);
    const region = r.pick(place.regions);
    const company = `${r.pick(COMPANIES)} ${r.pick(COMPANY_SUFFIXES)}`;
    const people = makePeople(c, company, place.zone, region);
    // First interviews from nine months before `now` to three months after it.
    const firstDay = c.nowDay + r.int(-270, 90);
    const interviews = makeInterviews(c, people, place.zone, firstDay);
    const touches = makeTouches(c, { people, interviews }, candidateZone, references);
    applications.push({
      id: `a${i + 1}`,
      company,
      role: r.pick(ROLES),
      status: statusFor(r, touches),
      appliedOn: formatDay(firstDay - r.int(3, 75)),
      timeZone: place.zone,
      region,
      ...(r.chance(0.1) ? { individualPanelNotes: true } : {}),
      people,
      interviews,
      touches,
      ...(r.chance(0.05) ? { protocol: r.pick(OVERRIDES) } : {}),
    });
  }
  const settings = { region: r.chance(0.9) ? r.pick(home.regions) : 'US', timeZone: candidateZone, workday: { start: workday.start, end: workday.end } };
  return {
    settings,
    candidate: {
      name: 'Jordan Lee', email: 'jordan@example.com', phone: '+1 555 0100',
      ...(r.chance(0.3) ? { preferredChannel: r.pick(['email', 'phone', 'letter'] as const) } : {}),
      local: r.chance(0.3),
      references,
    },
    applications,
  };
}
