/**
 * The store contract: one suite every `Store` implementation must pass, run by pglite.test.ts
 * (always) and postgres.test.ts (when a test database is given). It talks to real databases only.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import type { AgendaRecords, ApplicationRecord, ApplicationSummary, Backup, ImportKey, Offer, RedFlagNote, Store } from '../app/ports.js';
import {
  APPLICATION_STATUSES, CHANNELS, FORMATS, OUTCOMES, PERSON_ROLES, SALARY_PERIODS, STAGES, TOUCH_KINDS, WORKPLACES,
  type Application, type ApplicationStatus, type Candidate, type Interview, type Person, type Salary, type Scenario, type Settings, type Touch,
} from '../core/model.js';
import type { ProtocolOverrides } from '../core/rules/params.js';
import { scenarioOf } from '../core/testing.js';
import type { DrizzleStore } from './drizzle-store.js';

/** How a driver's test file provides stores. */
export interface StoreFactory {
  /** A new, empty, migrated store (its own database). */
  open(): Promise<DrizzleStore>;
  /** Runs once at the end, after every store it opened was closed. */
  dispose?(): Promise<void>;
}

export interface ContractOptions {
  /** False skips the whole suite (PostgreSQL without a test URL); the suite is then reported as not run. */
  readonly enabled?: boolean;
}

/** The public worked example of PROTOCOL §7 (a copy of shared/scenarios/worked-example-1.json). */
const WORKED_EXAMPLE = new URL('../../test/fixtures/contract/worked-example-1.json', import.meta.url);
const iso = (text: string): number => Date.parse(text);
const day = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

function workedExample(): Scenario {
  return scenarioOf(JSON.parse(readFileSync(WORKED_EXAMPLE, 'utf8')));
}

/** A richer record than the worked example: every optional field, non-ASCII text, a panel, directions, a debrief. */
function richScenario(): Scenario {
  const settings: Settings = {
    region: 'GB-ENG',
    timeZone: 'Europe/London',
    workday: { start: 8 * 60 + 30, end: 18 * 60, days: [1, 2, 3, 4, 6] },
    protocol: { F1: { ideal: '4bd' }, C1: { windows: [['13:30', '15:00'], ['16:00', '17:00']], noMonday: false }, C2: { total: 3 } },
  };
  const candidate: Candidate = {
    name: 'Zoë Ørsted-Nakamura',
    email: 'zoe@example.org',
    phone: '+44 20 7946 0000',
    address: '12 Rue de l’Église\n75004 Paris',
    signature: 'Zoë — 📞 +44 20 7946 0000',
    preferredChannel: 'letter',
    local: true,
    references: [
      { id: 'r1', name: 'Łukasz Żółć', email: 'lz@example.pl', phone: '+48 22 000 00 00', relationship: 'former manager', speakTo: 'data pipelines, «leadership»', timeZone: 'Europe/Warsaw', briefed: true },
      { id: 'r2', name: '李小龍', briefed: false },
    ],
  };
  const people: Person[] = [
    { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', role: 'hiring_manager', email: 'g.okafor@acme.example', phone: '+1 555 0101', address: '1 Main St', timeZone: 'America/New_York', region: 'US', preferredChannel: 'email', informal: false, verified: true },
    { id: 'p2', name: 'José Müller-Šimůnek', honorific: 'Mx.', title: 'Staff Engineer', role: 'interviewer', informal: true, verified: false },
    { id: 'p3', name: 'Aiyana 🌵 Begay', role: 'coordinator', preferredChannel: 'phone', informal: false, verified: false },
    { id: 'p4', name: '', role: 'receptionist', email: '', informal: false, verified: false },
  ];
  const panel: Interview = {
    id: 'i1', start: iso('2026-03-03T15:00:00Z'), end: iso('2026-03-03T16:30:00Z'), timeZone: 'America/New_York',
    stage: 'second_round', format: 'on_site', panel: true, panelLeadId: 'p1', peopleIds: ['p1', 'p2', 'p3'],
    timeline: { said: 'we’ll decide by the end of the month', decisionBy: day('2026-03-31') },
    goAhead: true, directions: { channel: 'phone', on: day('2026-03-10'), personId: 'p3' }, contactId: 'p3',
    referencesRequested: true,
    debrief: {
      askedNextSteps: true, collectedContacts: false, bestMoments: 'The whiteboard session — “très bien”.',
      awkwardMoments: '', unfinishedAnswers: 'Scaling question\nneeds a follow-up', details: { p1: 'Mentioned her marathon 🏃', p2: 'Rust at 東京 office' },
      concerns: 'R4?',
    },
  };
  const screen: Interview = {
    id: 'i0', start: iso('2026-02-20T14:00:00Z'), end: iso('2026-02-20T14:30:00Z'), timeZone: 'Asia/Kolkata',
    stage: 'phone_screen', format: 'phone', panel: false, peopleIds: [], timeline: {}, goAhead: false,
    directions: {}, referencesRequested: false, debrief: {},
  };
  const touches: Touch[] = [
    { at: iso('2026-03-03T20:00:00.123Z'), personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent', text: 'Dear Dr. Okafor,\n\nThank you — ¡gracias!' },
    { at: iso('2026-03-04T10:00:00Z'), referenceId: 'r1', channel: 'phone', kind: 'reference_brief', outcome: 'reply_received' },
    { at: iso('2026-03-12T18:00:00Z'), personId: 'p3', channel: 'phone', kind: 'call', outcome: 'not_decided', newDecisionBy: day('2026-03-20') },
  ];
  const acme: Application = {
    id: 'a1', company: 'Acme Société Générale', role: 'Data Analyst — Ω team', status: 'active', appliedOn: day('2026-01-05'),
    timeZone: 'America/New_York', region: 'US-NY', individualPanelNotes: true,
    postingUrl: 'https://jobs.acme.example/analyst?ref=ü&x=1', location: 'New York, NY', workplace: 'hybrid',
    salary: { text: '$85k–$95k + bonus', min: 85_000, max: 95_000.5, currency: 'USD', period: 'year' },
    source: 'LinkedIn', sourceId: 'huntr-5f3c', description: 'Own the churn model.\n\n• SQL «daily»\n• Python 🐍',
    notes: 'Ask about the Ω team’s roadmap', tags: ['dream job', 'Analytics', '東京'],
    people: people.map((p, i) => (i === 0 ? { ...p, notes: 'Marathon runner;\nprefers email' } : p)), interviews: [screen, panel], touches,
    protocol: { F4: { checksWithoutGoAhead: 3 }, T3: { panelNote: 'individual' } },
  };
  const bare: Application = {
    id: 'b-ü', company: 'Büro GmbH', role: 'Analyst', status: 'offer', individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {},
  };
  return { settings, candidate, applications: [acme, bare] };
}

const RED_FLAGS: RedFlagNote[] = [
  { flag: 'R1', score: 2, notes: 'Role unclear: “analyst” or “engineer”?' },
  { flag: 'R4', score: 5 },
  { flag: 'R8', score: 0, notes: '' },
];

const OFFER: Offer = {
  receivedOn: day('2026-03-20'), respondBy: day('2026-03-27'),
  pay: [{ label: 'Base', value: '€72 000' }, { label: 'Bonus', value: '10 %' }],
  benefits: [{ label: 'Holidays', value: '30 days' }],
  notes: 'Negotiable start date',
};

/** A minimal valid application with one person and one touch. */
function smallApplication(id: string): Application {
  return {
    id, company: `Company ${id}`, role: 'Analyst', status: 'active', individualPanelNotes: false,
    people: [{ id: 'p1', name: 'Pat', role: 'recruiter', informal: false, verified: false }],
    interviews: [], touches: [{ at: iso('2026-03-01T12:00:00Z'), personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }],
    protocol: {},
  };
}

async function seed(store: Store, userId: string, scenario: Scenario): Promise<void> {
  await store.ensureUser({ id: userId, name: userId });
  await store.saveSettings(userId, scenario.settings);
  await store.saveCandidate(userId, scenario.candidate);
  for (const app of scenario.applications) await store.saveApplication(userId, app);
}

/** `promise` rejects with an AppError of that code (and message). */
export async function expectAppError(promise: Promise<unknown>, code: AppError['code'], message?: RegExp): Promise<void> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  if (error instanceof AppError) {
    expect(error.code).toBe(code);
    if (message) expect(error.message).toMatch(message);
  }
}

// ---------------------------------------------------------------- random valid records (fast-check)

const textArb = fc.string({ unit: 'grapheme', maxLength: 24 }).filter((t) => !t.includes('\u0000'));
const idArb = fc.stringMatching(/^[a-zA-Z0-9äöüßé_-]{1,8}$/);
const instantArb = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
const dayArb = fc.integer({ min: -25_000, max: 84_000 });
const zoneArb = fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC');

const personArb: fc.Arbitrary<Person> = fc.record({
  id: idArb, name: textArb, honorific: textArb, title: textArb, role: fc.constantFrom(...PERSON_ROLES), email: textArb,
  phone: textArb, address: textArb, timeZone: zoneArb, region: fc.constantFrom('US', 'GB-ENG', 'DE-BY'),
  preferredChannel: fc.constantFrom(...CHANNELS), informal: fc.boolean(), verified: fc.boolean(), notes: textArb,
}, { requiredKeys: ['id', 'name', 'role', 'informal', 'verified'], noNullPrototype: true });

/** A salary figure `numeric(14, 2)` keeps: whole cents. */
const amountArb = fc.integer({ min: 0, max: 100_000_000_000 }).map((cents) => cents / 100);

/** The application's details (core/details.ts), each present or not. */
export const salaryArb: fc.Arbitrary<Salary> = fc.record({
  text: textArb, min: amountArb, max: amountArb, currency: fc.constantFrom('USD', 'GBP', 'EUR', 'JPY'), period: fc.constantFrom(...SALARY_PERIODS),
}, { requiredKeys: ['text'], noNullPrototype: true });

function interviewArb(personIds: readonly string[]): fc.Arbitrary<Interview> {
  const pid = personIds.length > 0 ? fc.constantFrom(...personIds) : fc.constant(undefined);
  const someId = (key: string) => pid.map((v) => (v === undefined ? {} : { [key]: v }));
  return fc.record({
    id: idArb, start: instantArb, length: fc.integer({ min: 0, max: 8 * 3_600_000 }), timeZone: zoneArb,
    stage: fc.constantFrom(...STAGES), format: fc.constantFrom(...FORMATS), panel: fc.boolean(),
    lead: someId('panelLeadId'), contact: someId('contactId'),
    peopleIds: personIds.length > 0 ? fc.array(fc.constantFrom(...personIds), { maxLength: 4 }) : fc.constant([]),
    timeline: fc.record({ said: textArb, decisionBy: dayArb }, { requiredKeys: [], noNullPrototype: true }),
    goAhead: fc.boolean(),
    directions: fc.option(fc.tuple(fc.record({ channel: fc.constantFrom(...CHANNELS), on: dayArb }, { requiredKeys: [], noNullPrototype: true }), someId('personId')), { nil: undefined }),
    referencesRequested: fc.boolean(),
    debrief: fc.option(fc.record({
      askedNextSteps: fc.boolean(), collectedContacts: fc.boolean(), bestMoments: textArb, awkwardMoments: textArb,
      unfinishedAnswers: textArb, concerns: textArb,
      details: fc.array(fc.tuple(idArb, textArb), { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)),
    }, { requiredKeys: [], noNullPrototype: true }), { nil: undefined }),
  }).map((r): Interview => ({
    id: r.id, start: r.start, end: Math.min(r.start + r.length, Date.UTC(2200, 0, 1)), timeZone: r.timeZone, stage: r.stage, format: r.format,
    panel: r.panel, ...r.lead, peopleIds: r.peopleIds, timeline: r.timeline, goAhead: r.goAhead,
    ...(r.directions ? { directions: { ...r.directions[0], ...r.directions[1] } } : {}),
    ...r.contact, referencesRequested: r.referencesRequested, ...(r.debrief ? { debrief: r.debrief } : {}),
  }));
}

function touchArb(personIds: readonly string[]): fc.Arbitrary<Touch> {
  const fields = {
    at: instantArb, channel: fc.constantFrom(...CHANNELS), kind: fc.constantFrom(...TOUCH_KINDS), outcome: fc.constantFrom(...OUTCOMES),
    text: fc.string({ unit: 'grapheme', maxLength: 200 }).filter((t) => !t.includes('\u0000')), newDecisionBy: dayArb,
  };
  const requiredKeys: ('at' | 'channel' | 'kind' | 'outcome')[] = ['at', 'channel', 'kind', 'outcome'];
  return personIds.length === 0
    ? fc.record(fields, { requiredKeys, noNullPrototype: true })
    : fc.record({ ...fields, personId: fc.constantFrom(...personIds) }, { requiredKeys, noNullPrototype: true });
}

const applicationArb: fc.Arbitrary<Application> = fc.uniqueArray(personArb, { selector: (p) => p.id, maxLength: 4 }).chain((people) => {
  const ids = people.map((p) => p.id);
  return fc.record({
    id: idArb, company: textArb, role: textArb, status: fc.constantFrom(...APPLICATION_STATUSES), appliedOn: dayArb,
    timeZone: zoneArb, region: fc.constantFrom('US', 'FR'), individualPanelNotes: fc.boolean(),
    interviews: fc.uniqueArray(interviewArb(ids), { selector: (i) => i.id, maxLength: 3 }),
    touches: fc.array(touchArb(ids), { maxLength: 5 }),
    protocol: fc.constantFrom<ProtocolOverrides[]>({}, { F1: { ideal: '4bd' } }, { C1: { windows: [['13:00', '14:00']] }, P1: { minActive: 3 } }),
    postingUrl: textArb.map((t) => `https://example.com/${encodeURIComponent(t)}`), location: textArb, workplace: fc.constantFrom(...WORKPLACES),
    salary: salaryArb, source: textArb, sourceId: textArb, description: fc.string({ unit: 'grapheme', maxLength: 300 }).filter((t) => !t.includes('\u0000')),
    notes: textArb, tags: fc.array(textArb, { minLength: 1, maxLength: 4 }),
  }, { requiredKeys: ['id', 'company', 'role', 'status', 'individualPanelNotes', 'interviews', 'touches', 'protocol'], noNullPrototype: true })
    .map((a): Application => ({ ...a, people }));
});

// ---------------------------------------------------------------- the suite

export function defineStoreContract(name: string, setup: () => Promise<StoreFactory>, options: ContractOptions = {}): void {
  describe.runIf(options.enabled ?? true)(`Store contract: ${name}`, () => {
    let factory: StoreFactory;
    let store: DrizzleStore;
    const opened: DrizzleStore[] = [];
    let users = 0;
    const newUser = async (): Promise<string> => {
      const id = `user-${++users}`;
      await store.ensureUser({ id, name: `Ünïcode user ${users}` });
      return id;
    };
    const freshStore = async (): Promise<DrizzleStore> => {
      const s = await factory.open();
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      factory = await setup();
      store = await freshStore();
    }, 60_000);

    afterAll(async () => {
      for (const s of opened) await s.close();
      await factory.dispose?.();
    }, 60_000);

    describe('round trip', () => {
      it('keeps the worked example exactly (loadScenario, getApplication)', async () => {
        const scenario = workedExample();
        const user = await newUser();
        await seed(store, user, scenario);
        expect(await store.loadScenario(user)).toStrictEqual(scenario);
        expect(await store.getApplication(user, 'a1')).toStrictEqual(scenario.applications[0]);
        expect(await store.getSettings(user)).toStrictEqual(scenario.settings);
        expect(await store.getCandidate(user)).toStrictEqual(scenario.candidate);
      });

      it('keeps every field of a rich record: non-ASCII text, panel, directions, debrief, references, touches', async () => {
        const scenario = richScenario();
        const user = await newUser();
        await seed(store, user, scenario);
        expect(await store.loadScenario(user)).toStrictEqual(scenario);
        const [acme] = scenario.applications;
        expect(await store.getApplication(user, 'a1')).toStrictEqual(acme);
        expect(await store.getApplication(user, 'missing')).toBeUndefined();
        const ids = scenario.applications.map((a) => a.id).reverse();
        expect(await store.getApplications(user, ['missing', ...ids])).toStrictEqual([...scenario.applications].reverse());
        expect(await store.getApplications(user, [])).toStrictEqual([]);
        // No row has an id with NUL or a lone surrogate (PGlite cannot even send two lone low surrogates): nothing is found.
        for (const odd of ['a1\u0000', '\ud800', '\udcee\udeb9']) expect(await store.getApplication(user, odd)).toBeUndefined();
        expect(await store.getApplications(user, ['\udcee\udeb9', 'a1'])).toStrictEqual([acme]);
        // The same without interviews and touches (what an import compares with).
        const heads = scenario.applications.map((app) => Object.fromEntries(Object.entries(app).filter(([key]) => key !== 'interviews' && key !== 'touches'))).reverse();
        expect(await store.getApplicationHeads(user, ['missing', ...ids, '\udcee\udeb9'])).toStrictEqual(heads);
        expect(await store.getApplicationHeads(user, [])).toStrictEqual([]);
        await expectAppError(store.savePerson(user, '\udcee\udeb9', { id: 'p1', name: 'Pat', role: 'recruiter', informal: false, verified: false }), 'not_found');
      });

      it('keeps red flags, offers and the next due action', async () => {
        const user = await newUser();
        await seed(store, user, richScenario());
        for (const note of [...RED_FLAGS].reverse()) await store.saveRedFlag(user, 'a1', note);
        await store.saveRedFlag(user, 'a1', { flag: 'R4', score: 5 });
        expect(await store.getRedFlags(user, 'a1')).toStrictEqual(RED_FLAGS);
        await store.saveOffer(user, 'a1', OFFER);
        expect(await store.getOffer(user, 'a1')).toStrictEqual(OFFER);
        await store.saveOffer(user, 'a1', { pay: [], benefits: [] });
        expect(await store.getOffer(user, 'a1')).toStrictEqual({ pay: [], benefits: [] });
        await store.saveOffer(user, 'a1', null);
        expect(await store.getOffer(user, 'a1')).toBeUndefined();
        await store.setNextDue(user, 'a1', iso('2026-03-10T14:00:00Z'), 'status_check');
        expect((await store.listApplications(user))[0]).toStrictEqual({
          id: 'a1', company: 'Acme Société Générale', role: 'Data Analyst — Ω team', status: 'active', appliedOn: day('2026-01-05'),
          nextDue: { at: iso('2026-03-10T14:00:00Z'), kind: 'status_check' },
          location: 'New York, NY', workplace: 'hybrid', salary: '$85k–$95k + bonus', tags: ['dream job', 'Analytics', '東京'], sourceId: 'huntr-5f3c',
        });
      });

      it('round-trips random valid applications (fast-check)', async () => {
        const user = await newUser();
        let n = 0;
        await fc.assert(fc.asyncProperty(applicationArb, async (app) => {
          const stored = { ...app, id: `${app.id}#${++n}` };
          await store.saveApplication(user, stored);
          expect(await store.getApplication(user, stored.id)).toStrictEqual(stored);
          // The summary the database builds says what the application says.
          const at = iso('2026-03-10T14:00:00.125Z') + n;
          await store.setNextDue(user, stored.id, at, 'status_check');
          const summary = (await store.listApplications(user)).find((x) => x.id === stored.id);
          expect(summary).toStrictEqual({
            id: stored.id, company: stored.company, role: stored.role, status: stored.status,
            ...(stored.appliedOn !== undefined ? { appliedOn: stored.appliedOn } : {}),
            nextDue: { at, kind: 'status_check' },
            ...(stored.location !== undefined ? { location: stored.location } : {}),
            ...(stored.workplace !== undefined ? { workplace: stored.workplace } : {}),
            ...(stored.salary !== undefined ? { salary: stored.salary.text } : {}),
            ...(stored.tags !== undefined && stored.tags.length > 0 ? { tags: stored.tags } : {}),
            ...(stored.sourceId !== undefined ? { sourceId: stored.sourceId } : {}),
          });
        }), { numRuns: 40 });
      });
    });

    describe('records, piece by piece', () => {
      it('adds and updates people, interviews and touches in place, keeping their order', async () => {
        const user = await newUser();
        await store.saveApplication(user, smallApplication('a1'));
        await store.savePerson(user, 'a1', { id: 'p2', name: 'Renée', role: 'interviewer', informal: true, verified: true });
        await store.savePerson(user, 'a1', { id: 'p1', name: 'Pat Q.', title: 'Recruiter', role: 'recruiter', informal: false, verified: true });
        const interview: Interview = {
          id: 'i1', start: iso('2026-03-02T15:00:00Z'), end: iso('2026-03-02T16:00:00Z'), timeZone: 'Europe/Paris', stage: 'first_round',
          format: 'video', panel: false, peopleIds: ['p2'], timeline: { said: 'by Friday' }, goAhead: false, referencesRequested: false,
        };
        await store.saveInterview(user, 'a1', interview);
        const debriefed: Interview = { ...interview, peopleIds: ['p2', 'p1'], debrief: { bestMoments: 'SQL puzzle', details: { p2: 'Likes chess' } } };
        await store.saveInterview(user, 'a1', debriefed);
        const call: Touch = { at: iso('2026-03-09T18:00:00Z'), personId: 'p2', channel: 'phone', kind: 'call', outcome: 'voicemail' };
        expect(await store.addTouch(user, 'a1', call)).toBe(1);
        const app = await store.getApplication(user, 'a1');
        expect(app?.people.map((p) => `${p.id}:${p.name}`)).toStrictEqual(['p1:Pat Q.', 'p2:Renée']);
        expect(app?.interviews).toStrictEqual([debriefed]);
        expect(app?.touches[1]).toStrictEqual(call);
        await store.setStatus(user, 'a1', 'rejected');
        expect((await store.listApplications(user, { statuses: ['rejected'] })).map((a) => a.id)).toStrictEqual(['a1']);
        expect(await store.listApplications(user, { statuses: ['active'] })).toStrictEqual([]);
        expect(await store.listApplications(user, { statuses: [] })).toStrictEqual([]);
      });

      it('finds applications by words in the company, the role or a person\'s name, in any case, with a status filter', async () => {
        const user = await newUser();
        const other = await newUser();
        await store.saveApplication(user, { ...smallApplication('a1'), company: 'Acme Corp', role: 'Data Analyst' });
        await store.saveApplication(user, { ...smallApplication('a2'), company: 'Globex', role: 'Analytics Lead', people: [{ id: 'p1', name: 'Renée Okafor', role: 'hiring_manager', informal: false, verified: false }], touches: [] });
        await store.saveApplication(user, { ...smallApplication('a3'), company: '100%_Pure', role: 'Engineer', status: 'rejected' });
        await store.saveApplication(other, { ...smallApplication('a1'), company: 'Acme Corp' });
        const ids = async (text: string, statuses?: ApplicationStatus[]) => (await store.listApplications(user, { text, ...(statuses ? { statuses } : {}) })).map((a) => a.id);
        expect(await ids('acme')).toStrictEqual(['a1']);
        expect(await ids('ANALY')).toStrictEqual(['a1', 'a2']);
        expect(await ids('okafor')).toStrictEqual(['a2']);
        expect(await ids('%_')).toStrictEqual(['a3']);
        expect(await ids('_')).toStrictEqual(['a3']);
        expect(await ids('  ')).toStrictEqual(['a1', 'a2', 'a3']);
        expect(await ids('analy', ['rejected'])).toStrictEqual([]);
        expect(await ids('e', ['rejected'])).toStrictEqual(['a3']);
        expect(await ids('Pat')).toStrictEqual(['a1', 'a3']);
        // A limit keeps the first in the user's order (hasRecords asks for one).
        expect((await store.listApplications(user, { limit: 1 })).map((a) => a.id)).toStrictEqual(['a1']);
        expect((await store.listApplications(user, { text: 'analy', limit: 5 })).map((a) => a.id)).toStrictEqual(['a1', 'a2']);
        expect(await store.listApplications(user, { limit: 0 })).toStrictEqual([]);
      });

      it('replaces an application whole but keeps its place, red flags and next due', async () => {
        const user = await newUser();
        for (const id of ['a1', 'a2', 'a3']) await store.saveApplication(user, smallApplication(id));
        await store.saveRedFlag(user, 'a2', { flag: 'R2', score: 3 });
        await store.setNextDue(user, 'a2', iso('2026-04-01T13:00:00Z'), 'give_up');
        const replaced: Application = { ...smallApplication('a2'), company: 'Renamed', people: [], touches: [] };
        await store.saveApplication(user, replaced);
        expect((await store.listApplications(user)).map((a) => a.id)).toStrictEqual(['a1', 'a2', 'a3']);
        expect(await store.getApplication(user, 'a2')).toStrictEqual(replaced);
        expect(await store.getRedFlags(user, 'a2')).toStrictEqual([{ flag: 'R2', score: 3 }]);
        expect((await store.listDue(user, iso('2027-01-01T00:00:00Z'))).map((d) => d.applicationId)).toStrictEqual(['a2']);
        expect(await store.deleteApplication(user, 'a2')).toBe(true);
        expect(await store.deleteApplication(user, 'a2')).toBe(false);
        expect(await store.getRedFlags(user, 'a2')).toStrictEqual([]);
        expect((await store.listApplications(user)).map((a) => a.id)).toStrictEqual(['a1', 'a3']);
      });

      it('keeps references in order and refuses to drop one a touch names', async () => {
        const user = await newUser();
        await seed(store, user, richScenario());
        await store.saveReference(user, { id: 'r3', name: 'Ngozi', briefed: false });
        await store.saveReference(user, { id: 'r1', name: 'Łukasz Ż.', briefed: false });
        const names = async () => (await store.getCandidate(user)).references.map((r) => `${r.id}:${r.name}`);
        expect(await names()).toStrictEqual(['r1:Łukasz Ż.', 'r2:李小龍', 'r3:Ngozi']);
        expect(await store.deleteReference(user, 'r3')).toBe(true);
        await expectAppError(store.deleteReference(user, 'r1'), 'conflict', /still in use/);
        await expectAppError(store.saveCandidate(user, { name: 'Z', local: false, references: [] }), 'conflict');
        expect(await names()).toStrictEqual(['r1:Łukasz Ż.', 'r2:李小龍']);
      });

      it('numbers touches added at once without a gap or a repeat (the user\'s row serialises them)', async () => {
        const user = await newUser();
        await store.saveApplication(user, smallApplication('a1'));
        const before = (await store.getApplication(user, 'a1'))?.touches.length ?? 0;
        const at = iso('2026-03-05T12:00:00Z');
        const seqs = await Promise.all(Array.from({ length: 10 }, (_, i) =>
          store.addTouch(user, 'a1', { at: at + i * 60_000, channel: 'email', kind: 'update', outcome: 'sent', text: `update ${i}` })));
        expect([...seqs].sort((x, y) => x - y)).toStrictEqual(Array.from({ length: 10 }, (_, i) => before + i));
        expect((await store.getApplication(user, 'a1'))?.touches.length).toBe(before + 10);
      });

      it('answers with AppErrors naming what is wrong', async () => {
        const user = await newUser();
        await expectAppError(store.saveApplication('nobody', smallApplication('a1')), 'not_found', /nobody/);
        await expectAppError(store.addTouch(user, 'a404', smallApplication('x').touches[0] as Touch), 'not_found', /a404/);
        await expectAppError(store.addTouch('nobody', 'a1', smallApplication('x').touches[0] as Touch), 'not_found', /nobody/);
        await expectAppError(store.saveApplication(user, { ...smallApplication('a1'), company: 'Nul\u0000Corp' }), 'bad_input', /application\.company/);
        await expectAppError(store.saveApplication(user, { ...smallApplication('a1'), role: 'broken \uD800' }), 'bad_input', /application\.role/);
        // PGlite would read it back as "" (its decoder drops a leading U+FEFF): refused on every driver, named.
        await expectAppError(store.saveReference(user, { id: 'r1', name: '\uFEFF', briefed: false }), 'bad_input', /reference\.name: starts with an invisible byte-order mark/);
        await expectAppError(store.saveApplication(user, { ...smallApplication('a1'), appliedOn: 1.5 }), 'bad_input', /appliedOn/);
        await expectAppError(store.saveApplication(user, { ...smallApplication('a1'), touches: [{ at: iso('2026-03-01T12:00:00Z'), personId: 'ghost', channel: 'email', kind: 'thank_you', outcome: 'sent' }] }), 'bad_input', /person of a touch/);
        await store.saveApplication(user, smallApplication('a1'));
        await expectAppError(store.saveRedFlag(user, 'a1', { flag: 'R3', score: 6 }), 'bad_input', /score/);
        await expectAppError(store.setNextDue(user, 'a1', 8.64e15, 'call'), 'bad_input', /nextDue\.at/);
        await expectAppError(store.savePerson(user, 'a1', { id: 'p9', name: 'X', role: 'other', informal: false, verified: false, region: '\u0000' }), 'bad_input', /person\.region/);
        expect(await store.getApplication(user, 'a1')).toStrictEqual(smallApplication('a1'));
        // A U+FEFF anywhere else is kept.
        const marked = { ...smallApplication('a2'), company: 'Zero\uFEFFwidth' };
        await store.saveApplication(user, marked);
        expect(await store.getApplication(user, 'a2')).toStrictEqual(marked);
      });
    });

    describe('user isolation', () => {
      it('never shows or changes one user\'s rows through another user', async () => {
        const alice = await newUser();
        const bob = await newUser();
        await seed(store, alice, richScenario());
        await store.saveRedFlag(alice, 'a1', { flag: 'R1', score: 4 });
        await store.saveOffer(alice, 'a1', OFFER);
        await store.setNextDue(alice, 'a1', iso('2026-03-10T14:00:00Z'), 'call');
        await store.ensureUser({ id: bob, name: 'Bob' });

        expect(await store.getSettings(bob)).toBeUndefined();
        expect(await store.getCandidate(bob)).toStrictEqual({ name: '', local: false, references: [] });
        expect(await store.loadScenario(bob)).toBeUndefined();
        expect(await store.getApplication(bob, 'a1')).toBeUndefined();
        expect(await store.listApplications(bob)).toStrictEqual([]);
        expect(await store.listDue(bob, iso('2100-01-01T00:00:00Z'))).toStrictEqual([]);
        expect(await store.getRedFlags(bob, 'a1')).toStrictEqual([]);
        expect(await store.getOffer(bob, 'a1')).toBeUndefined();
        const empty = await store.exportAll(bob);
        expect(empty.applications).toStrictEqual([]);
        expect(empty.settings).toBeUndefined();

        await expectAppError(store.setNextDue(bob, 'a1', null, null), 'not_found');
        await expectAppError(store.savePerson(bob, 'a1', { id: 'p1', name: 'Mallory', role: 'other', informal: true, verified: false }), 'not_found');
        await expectAppError(store.saveRedFlag(bob, 'a1', { flag: 'R1', score: 0 }), 'not_found');
        await expectAppError(store.saveOffer(bob, 'a1', null), 'not_found');
        await expectAppError(store.setStatus(bob, 'a1', 'withdrawn'), 'not_found');
        expect(await store.deleteApplication(bob, 'a1')).toBe(false);
        expect(await store.deleteReference(bob, 'r1')).toBe(false);

        // Bob's own a1 lives beside Alice's.
        await store.saveApplication(bob, smallApplication('a1'));
        await store.importAll(bob, { format: 'afterword-backup', version: 1, candidate: { name: 'Bob', local: false, references: [] }, applications: [] });
        expect(await store.listApplications(bob)).toStrictEqual([]);

        const aliceNow = await store.exportAll(alice);
        expect(aliceNow.applications.map((r) => r.application)).toStrictEqual(richScenario().applications);
        expect(aliceNow.applications[0]?.redFlags).toStrictEqual([{ flag: 'R1', score: 4 }]);
        expect(aliceNow.applications[0]?.offer).toStrictEqual(OFFER);
        expect(aliceNow.applications[0]?.nextDue).toStrictEqual({ at: iso('2026-03-10T14:00:00Z'), kind: 'call' });
      });
    });

    describe('transactions', () => {
      it('rolls back everything when the use case throws', async () => {
        const user = await newUser();
        await store.saveApplication(user, smallApplication('kept'));
        const before = await store.exportAll(user);
        await expect(store.transaction(async (tx) => {
          await tx.saveApplication(user, smallApplication('a1'));
          await store.addTouch(user, 'kept', { at: iso('2026-03-05T12:00:00Z'), channel: 'email', kind: 'status_check', outcome: 'sent' });
          await tx.saveRedFlag(user, 'kept', { flag: 'R5', score: 1 });
          await store.setNextDue(user, 'kept', iso('2026-03-06T12:00:00Z'), 'status_check');
          await tx.saveSettings(user, richScenario().settings);
          expect((await tx.listApplications(user)).length).toBe(2);
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await store.exportAll(user)).toStrictEqual(before);
      });

      it('commits a use case whole; a nested transaction rolls back alone; a failed write fails the use case', async () => {
        const user = await newUser();
        await store.transaction(async (tx) => {
          await tx.saveApplication(user, smallApplication('a1'));
          await expect(tx.transaction(async (inner) => {
            await inner.saveApplication(user, smallApplication('a2'));
            throw new Error('inner');
          })).rejects.toThrow('inner');
          // Refused before it reaches the database: nothing to undo.
          await expectAppError(tx.saveApplication(user, smallApplication('a1\u0000')), 'bad_input');
          // Refused by the database: a caller that goes on wraps the attempt in a savepoint.
          await expectAppError(tx.transaction((inner) => inner.savePerson(user, 'a1', { id: 'p2', name: 'Q', role: 'other', informal: false, verified: false, preferredChannel: 'email' }).then(
            () => inner.addTouch(user, 'a1', { at: 0, personId: 'nobody', channel: 'email', kind: 'update', outcome: 'sent' }),
          )), 'bad_input');
          await tx.setNextDue(user, 'a1', iso('2026-03-06T12:00:00Z'), 'reply');
        });
        const apps = await store.listApplications(user);
        expect(apps.map((a) => a.id)).toStrictEqual(['a1']);
        expect(apps[0]?.nextDue?.kind).toBe('reply');
        expect((await store.getApplication(user, 'a1'))?.people.map((p) => p.id)).toStrictEqual(['p1']);

        // Without one, the refusal fails the use case and everything it wrote is rolled back.
        await expectAppError(store.transaction(async (tx) => {
          await tx.saveApplication(user, smallApplication('a3'));
          await tx.addTouch(user, 'a3', { at: 0, personId: 'nobody', channel: 'email', kind: 'update', outcome: 'sent' });
        }), 'bad_input');
        expect((await store.listApplications(user)).map((a) => a.id)).toStrictEqual(['a1']);
      });
    });

    describe('what is due', () => {
      it('lists next due actions strictly before the instant, soonest first', async () => {
        const user = await newUser();
        for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) await store.saveApplication(user, smallApplication(id));
        await store.setNextDue(user, 'a1', iso('2026-03-12T14:00:00Z'), 'call');
        await store.setNextDue(user, 'a2', iso('2026-03-10T14:00:00Z'), 'thank_you');
        await store.setNextDue(user, 'a3', iso('2026-03-11T09:00:00Z'), 'status_check');
        await store.setNextDue(user, 'a4', iso('2026-03-10T14:00:00Z'), 'reference_brief');
        await store.setNextDue(user, 'a5', iso('2026-03-09T14:00:00Z'), 'give_up');
        await store.setNextDue(user, 'a5', null, null);
        const due = await store.listDue(user, iso('2026-03-12T14:00:00Z'));
        expect(due).toStrictEqual([
          { at: iso('2026-03-10T14:00:00Z'), kind: 'thank_you', applicationId: 'a2', company: 'Company a2', role: 'Analyst' },
          { at: iso('2026-03-10T14:00:00Z'), kind: 'reference_brief', applicationId: 'a4', company: 'Company a4', role: 'Analyst' },
          { at: iso('2026-03-11T09:00:00Z'), kind: 'status_check', applicationId: 'a3', company: 'Company a3', role: 'Analyst' },
        ]);
        await expectAppError(store.setNextDue(user, 'a1', iso('2026-03-12T14:00:00Z'), null), 'bad_input');
      });

      it("reads the agenda's records in one go, equal to the reads it replaces", async () => {
        const user = await newUser();
        expect(await store.agendaRecords(user, iso('2026-03-12T14:00:00Z'))).toStrictEqual({
          candidate: { name: '', local: false, references: [] }, summaries: [], dueItems: [], due: [], offerDeadlines: [],
        });
        const scenario = richScenario();
        await seed(store, user, scenario);
        for (const id of ['b1', 'b2', 'b3']) await store.saveApplication(user, smallApplication(id));
        await store.setNextDue(user, 'b2', iso('2026-03-10T14:00:00Z'), 'thank_you');
        await store.setNextDue(user, 'a1', iso('2026-03-10T14:00:00Z'), 'call');
        await store.setNextDue(user, 'b3', iso('2026-03-12T14:00:00Z'), 'status_check');
        const fri20 = Date.UTC(2026, 2, 20) / 86_400_000; // Fri 2026-03-20
        await store.saveOffer(user, 'b3', { respondBy: fri20 + 3, pay: [], benefits: [] });
        await store.saveOffer(user, 'b1', { respondBy: fri20, pay: [], benefits: [] });
        await store.saveOffer(user, 'b2', { pay: [], benefits: [] });
        const before = iso('2026-03-12T14:00:00Z');
        const records = await store.agendaRecords(user, before);
        const dueItems = await store.listDue(user, before);
        expect(dueItems.map((d) => d.applicationId)).toStrictEqual(['a1', 'b2']);
        expect(records).toStrictEqual({
          settings: await store.getSettings(user),
          candidate: await store.getCandidate(user),
          summaries: await store.listApplications(user),
          dueItems,
          due: await store.getApplications(user, dueItems.map((d) => d.applicationId)),
          // By day, whatever is due; an offer without a respond-by day is not there.
          offerDeadlines: [{ applicationId: 'b1', respondBy: fri20 }, { applicationId: 'b3', respondBy: fri20 + 3 }],
        });
        // The same records with the summaries in pages (of 2 and 3: a last page full and not), from one snapshot.
        for (const pageSize of [2, 3]) {
          let head: Omit<AgendaRecords, 'summaries'> | undefined;
          const pages: (readonly ApplicationSummary[])[] = [];
          await store.agendaPaged(user, before, { head: (h) => { head = h; }, summaries: (text) => { pages.push(JSON.parse(`[${text}]`) as ApplicationSummary[]); } }, pageSize);
          expect({ ...head, summaries: pages.flat() }).toStrictEqual(records);
          expect(pages.every((page) => page.length > 0 && page.length <= pageSize)).toBe(true);
        }
        // One application in context: the same profile and summaries, that application whole.
        expect(await store.getApplicationContext(user, 'a1')).toStrictEqual({
          settings: records.settings, candidate: records.candidate, summaries: records.summaries,
          application: await store.getApplication(user, 'a1'),
        });
        expect(await store.getApplicationContext(user, 'missing')).toStrictEqual({
          settings: records.settings, candidate: records.candidate, summaries: records.summaries,
        });
        expect((await store.getApplicationContext(user, 'bad\u0000id')).application).toBeUndefined();
        // The whole records: people, interviews with their debriefs, touches, as saved.
        expect(records.due[0]).toStrictEqual(scenario.applications.find((a) => a.id === 'a1'));
        expect(records.candidate).toStrictEqual(scenario.candidate);
        expect(records.settings).toStrictEqual(scenario.settings);
      });
    });

    describe('bulk insert', () => {
      const N = 10_000;
      const records = (prefix: string): ApplicationRecord[] => Array.from({ length: N }, (_, i) => ({
        application: smallApplication(`${prefix}${i}`),
        nextDue: { at: iso('2026-01-01T00:00:00Z') + i * 3_600_000, kind: 'status_check' },
        redFlags: i % 100 === 0 ? [{ flag: 'R7', score: 1 }] : [],
      }));

      it(`inserts ${N} applications all or nothing, and listDue uses its index`, async () => {
        const user = await newUser();
        await store.saveApplication(user, smallApplication('existing'));
        const bad = records('b');
        bad[N - 1] = { application: smallApplication('b0'), redFlags: [] };
        await expectAppError(store.insertApplications(user, bad), 'conflict', /already exists/);
        expect((await store.listApplications(user)).map((a) => a.id)).toStrictEqual(['existing']);

        const good = records('g');
        const started = performance.now();
        expect(await store.insertApplications(user, good)).toBe(N);
        const ms = performance.now() - started;
        // Each record is 4 rows (application, person, touch, sometimes a red flag).
        console.info(`[${name}] bulk insert: ${N} applications (${N * 3 + N / 100} rows) in ${ms.toFixed(0)} ms = ${Math.round((N * 3 + N / 100) / (ms / 1000))} rows/s`);
        const list = await store.listApplications(user);
        expect(list.length).toBe(N + 1);
        expect(list[N]?.id).toBe(`g${N - 1}`);

        await store.analyze();
        const before = iso('2026-01-01T00:00:00Z') + 20 * 3_600_000;
        const plan = await store.explainListDue(user, before);
        expect(plan).toContain('applications_user_next_due_idx');
        expect(plan).not.toMatch(/Seq Scan/);
        expect((await store.listDue(user, before)).map((d) => d.applicationId)).toStrictEqual(Array.from({ length: 20 }, (_, i) => `g${i}`));
        // More ids than one statement takes at once, in an order of the caller's choosing.
        const wanted = Array.from({ length: 1_500 }, (_, i) => `g${(i * 7) % N}`);
        expect(await store.getApplications(user, [...wanted, 'missing'])).toStrictEqual(wanted.map(smallApplication));
      });

      it('keeps every character a text field may hold (COPY escapes tabs, line breaks and backslashes)', async () => {
        const user = await newUser();
        const awkward = 'tab\there\nnew line\r\nback\\slash \\N \\.\n\\.\nsay "hi", {braces} \u{1F389} Zoë & Ñúñez';
        const base = smallApplication('odd\tid');
        const app: Application = {
          ...base, company: 'Zoë\'s Café\t\\', role: '\\N', notes: awkward, description: `${awkward}\n`.repeat(3), source: 'NULL',
          tags: ['remote, hybrid', 'say "hi"', 'back\\slash', '{braces}', 'NULL'],
          people: [{ ...base.people[0] as Person, name: 'Pat\tO\u2019Brien', notes: awkward }],
          protocol: { F4: { checksWithoutGoAhead: 3 }, F1: { ideal: '4bd' } },
        };
        await store.insertApplications(user, [{ application: app, redFlags: [] }, { application: smallApplication('plain'), redFlags: [] }]);
        expect(await store.getApplications(user, ['odd\tid', 'plain'])).toStrictEqual([app, smallApplication('plain')]);
      });

      it('importKeysPaged: the match keys a page at a time, with the import digests kept until what a row sets changes', async () => {
        const user = await newUser();
        const apps = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((id, i) => ({ ...smallApplication(id), ...(i === 0 ? { sourceId: 'src-1', appliedOn: 20_486 } : {}) }));
        await store.insertApplications(user, apps.map((application) => ({ application, redFlags: [] })), ['d1', 'd2', 'd3', 'd4', 'd5', undefined]);
        const read = async (pageSize?: number): Promise<{ keys: ImportKey[]; pages: number }> => {
          const keys: ImportKey[] = [];
          let pages = 0;
          await store.importKeysPaged(user, (page) => { pages++; keys.push(...page); }, pageSize);
          return { keys, pages };
        };
        const { keys, pages } = await read(4);
        expect(pages).toBe(2);
        expect(keys).toStrictEqual([
          { id: 'k1', sourceId: 'src-1', company: 'Company k1', role: 'Analyst', appliedOn: 20_486, importDigest: 'd1' },
          ...['k2', 'k3', 'k4', 'k5'].map((id, i) => ({ id, company: `Company ${id}`, role: 'Analyst', importDigest: `d${i + 2}` })),
          { id: 'k6', company: 'Company k6', role: 'Analyst' },
        ]);
        // A status set, the notes saved, the contact renamed: cleared. The next action planned: kept.
        // Saved whole for a touch: cleared too (its people are written again), so a re-import reads it.
        await store.setStatus(user, 'k1', 'rejected');
        await store.saveApplication(user, { ...smallApplication('k2'), notes: 'by hand' });
        await store.saveApplication(user, { ...smallApplication('k3'), people: [{ ...smallApplication('k3').people[0] as Person, name: 'Sam' }] });
        await store.setNextDue(user, 'k4', iso('2026-03-10T14:00:00Z'), 'status_check');
        const k5 = smallApplication('k5');
        await store.saveApplication(user, { ...k5, touches: [...k5.touches, { at: iso('2026-03-02T12:00:00Z'), personId: 'p1', channel: 'email', kind: 'status_check', outcome: 'sent' }] });
        const after = new Map((await read()).keys.map((k) => [k.id, k.importDigest]));
        expect([...after]).toStrictEqual([['k1', undefined], ['k2', undefined], ['k3', undefined], ['k4', 'd4'], ['k5', undefined], ['k6', undefined]]);
      });
    });

    describe('backup', () => {
      it('backup → restore into an empty store → backup gives identical bytes', async () => {
        const user = await newUser();
        await seed(store, user, richScenario());
        for (const note of RED_FLAGS) await store.saveRedFlag(user, 'a1', note);
        await store.saveOffer(user, 'b-ü', OFFER);
        await store.setNextDue(user, 'a1', iso('2026-03-10T14:00:00Z'), 'status_check');
        await store.insertApplications(user, [{ application: { ...workedExample().applications[0] as Application, id: 'w1' }, redFlags: [] }]);
        const first = JSON.stringify(await store.exportAll(user));
        // A page at a time (two applications a page here), from one snapshot: the same records in the same order.
        let head: Omit<Backup, 'applications'> | undefined;
        const paged: ApplicationRecord[] = [];
        const pages: number[] = [];
        await store.exportPaged(user, { head: (h) => { head = h; }, applications: (list) => { pages.push(list.length); paged.push(...list); } }, 2);
        expect(JSON.stringify({ ...head, applications: paged })).toBe(first);
        expect(pages.length).toBeGreaterThan(1);
        expect(pages.every((size) => size <= 2)).toBe(true);

        const empty = await freshStore();
        await empty.ensureUser({ id: 'restored', name: 'Restored' });
        const doc = JSON.parse(first) as Backup;
        await empty.importAll('restored', doc);
        const second = JSON.stringify(await empty.exportAll('restored'));
        expect(second).toBe(first);
        expect(await empty.loadScenario('restored')).toStrictEqual(await store.loadScenario(user));
      });

      it('import replaces what the user had, and is all or nothing', async () => {
        const user = await newUser();
        await seed(store, user, workedExample());
        const kept = JSON.stringify(await store.exportAll(user));
        const rich = richScenario();
        const broken: Backup = {
          format: 'afterword-backup', version: 1, settings: rich.settings, candidate: rich.candidate,
          applications: [
            ...rich.applications.map((application) => ({ application, redFlags: [] })),
            { application: smallApplication('z'), redFlags: [{ flag: 'R2', score: 9 }] },
          ],
        };
        await expectAppError(store.importAll(user, broken), 'bad_input', /score/);
        const wrongPerson: Backup = { ...broken, applications: [{ application: { ...smallApplication('z'), touches: [{ at: 0, personId: 'p7', channel: 'fax', kind: 'update', outcome: 'sent' }] }, redFlags: [] }] };
        await expectAppError(store.importAll(user, wrongPerson), 'bad_input');
        expect(JSON.stringify(await store.exportAll(user))).toBe(kept);

        const good: Backup = { ...broken, applications: broken.applications.slice(0, 2) };
        await store.importAll(user, good);
        expect(await store.exportAll(user)).toStrictEqual(good);
        // A file from a future version, as JSON.parse hands it over.
        await expectAppError(store.importAll(user, JSON.parse(JSON.stringify({ ...good, version: 2 })) as Backup), 'bad_input', /backup/);
      });
    });

    describe('offer comparison: criteria, ratings, R6 manager, R7 override', () => {
      it('keeps criteria in the order added, updates a weight in place, and removes a criterion with its ratings', async () => {
        const user = await newUser();
        for (const id of ['a1', 'a2']) await store.saveApplication(user, smallApplication(id));
        await store.saveCriterion(user, { name: 'Growth', weight: 3 });
        await store.saveCriterion(user, { name: 'Ünterwegs — 通勤 <b>', weight: 1 });
        await store.saveCriterion(user, { name: 'Pay', weight: 2 });
        await store.saveCriterion(user, { name: 'Growth', weight: 10 });
        expect(await store.getCriteria(user)).toStrictEqual([
          { name: 'Growth', weight: 10 }, { name: 'Ünterwegs — 通勤 <b>', weight: 1 }, { name: 'Pay', weight: 2 },
        ]);
        await store.saveRating(user, 'a1', 'Pay', 5);
        await store.saveRating(user, 'a1', 'Growth', 0);
        await store.saveRating(user, 'a1', 'Ünterwegs — 通勤 <b>', 2);
        await store.saveRating(user, 'a1', 'Growth', 4);
        await store.saveRating(user, 'a2', 'Pay', 1);
        expect(await store.getRatings(user, 'a1')).toStrictEqual([
          { criterion: 'Growth', rating: 4 }, { criterion: 'Ünterwegs — 通勤 <b>', rating: 2 }, { criterion: 'Pay', rating: 5 },
        ]);
        await store.saveRating(user, 'a1', 'Ünterwegs — 通勤 <b>', null);
        expect((await store.getRatings(user, 'a1')).map((r) => r.criterion)).toStrictEqual(['Growth', 'Pay']);
        expect(await store.deleteCriterion(user, 'Pay')).toBe(true);
        expect(await store.deleteCriterion(user, 'Pay')).toBe(false);
        expect(await store.getRatings(user, 'a1')).toStrictEqual([{ criterion: 'Growth', rating: 4 }]);
        expect(await store.getRatings(user, 'a2')).toStrictEqual([]);
        // A removed and re-added criterion goes to the end, with no ratings.
        await store.saveCriterion(user, { name: 'Pay', weight: 2 });
        expect((await store.getCriteria(user)).map((c) => c.name)).toStrictEqual(['Growth', 'Ünterwegs — 通勤 <b>', 'Pay']);
        expect(await store.deleteApplication(user, 'a1')).toBe(true);
        expect(await store.getRatings(user, 'a1')).toStrictEqual([]);
      });

      it('refuses out-of-scale weights and ratings, unknown criteria and applications, and another user\'s criteria', async () => {
        const user = await newUser();
        const other = await newUser();
        await store.saveApplication(user, smallApplication('a1'));
        await store.saveCriterion(user, { name: 'Growth', weight: 3 });
        await store.saveCriterion(other, { name: 'Remote', weight: 1 });
        await expectAppError(store.saveCriterion(user, { name: 'Pay', weight: 0 }), 'bad_input', /criterion\.weight/);
        await expectAppError(store.saveCriterion(user, { name: 'Pay', weight: 11 }), 'bad_input', /criterion\.weight/);
        await expectAppError(store.saveCriterion(user, { name: 'Pay', weight: 2.5 }), 'bad_input', /criterion\.weight/);
        await expectAppError(store.saveCriterion(user, { name: 'Nul\u0000', weight: 2 }), 'bad_input', /criterion\.name/);
        await expectAppError(store.saveRating(user, 'a1', 'Growth', 6), 'bad_input', /rating\.rating/);
        await expectAppError(store.saveRating(user, 'a1', 'Growth', -1), 'bad_input', /rating\.rating/);
        await expectAppError(store.saveRating(user, 'a1', 'growth', 3), 'not_found', /criterion "growth"/);
        await expectAppError(store.saveRating(user, 'a1', 'Remote', 3), 'not_found', /criterion "Remote"/);
        await expectAppError(store.saveRating(user, 'a9', 'Growth', 3), 'not_found', /a9/);
        await expectAppError(store.saveCriterion('nobody', { name: 'X', weight: 1 }), 'not_found', /nobody/);
        expect(await store.getCriteria(user)).toStrictEqual([{ name: 'Growth', weight: 3 }]);
        expect(await store.getCriteria(other)).toStrictEqual([{ name: 'Remote', weight: 1 }]);
        expect(await store.getRatings(user, 'a1')).toStrictEqual([]);
        expect(await store.deleteCriterion(other, 'Growth')).toBe(false);
      });

      it('keeps whether R6\'s interviewer would be the manager, only on R6; deleting a flag drops the override', async () => {
        const user = await newUser();
        await store.saveApplication(user, smallApplication('a1'));
        await store.saveRedFlag(user, 'a1', { flag: 'R6', score: 3, notes: 'had not read my CV', manager: true });
        await store.saveRedFlag(user, 'a1', { flag: 'R7', score: 1 });
        expect(await store.getRedFlags(user, 'a1')).toStrictEqual([
          { flag: 'R6', score: 3, notes: 'had not read my CV', manager: true }, { flag: 'R7', score: 1 },
        ]);
        await store.saveRedFlag(user, 'a1', { flag: 'R6', score: 3, manager: false });
        expect((await store.getRedFlags(user, 'a1'))[0]).toStrictEqual({ flag: 'R6', score: 3, manager: false });
        await store.saveRedFlag(user, 'a1', { flag: 'R6', score: 2 });
        expect((await store.getRedFlags(user, 'a1'))[0]).toStrictEqual({ flag: 'R6', score: 2 });
        await expectAppError(store.saveRedFlag(user, 'a1', { flag: 'R3', score: 2, manager: true }), 'bad_input', /R6/);
        expect(await store.deleteRedFlag(user, 'a1', 'R7')).toBe(true);
        expect(await store.deleteRedFlag(user, 'a1', 'R7')).toBe(false);
        await expectAppError(store.deleteRedFlag(user, 'a9', 'R7'), 'not_found', /a9/);
        expect(await store.getRedFlags(user, 'a1')).toStrictEqual([{ flag: 'R6', score: 2 }]);
      });

      it('backs up and restores criteria, ratings and the R6 manager flag: identical bytes, and old backups still import', async () => {
        const user = await newUser();
        await seed(store, user, richScenario());
        await store.saveCriterion(user, { name: 'Growth', weight: 3 });
        await store.saveCriterion(user, { name: '通勤 <script>', weight: 1 });
        await store.saveRating(user, 'b-ü', '通勤 <script>', 5);
        await store.saveRating(user, 'b-ü', 'Growth', 2);
        await store.saveRating(user, 'a1', 'Growth', 4);
        await store.saveRedFlag(user, 'a1', { flag: 'R6', score: 4, notes: '« no prep »', manager: true });
        await store.saveOffer(user, 'b-ü', OFFER);
        const exported = await store.exportAll(user);
        expect(exported.criteria).toStrictEqual([{ name: 'Growth', weight: 3 }, { name: '通勤 <script>', weight: 1 }]);
        expect(exported.applications.map((r) => r.ratings)).toStrictEqual([
          [{ criterion: 'Growth', rating: 4 }], [{ criterion: 'Growth', rating: 2 }, { criterion: '通勤 <script>', rating: 5 }],
        ]);
        const first = JSON.stringify(exported);

        const empty = await freshStore();
        await empty.ensureUser({ id: 'restored-criteria', name: 'R' });
        await empty.importAll('restored-criteria', JSON.parse(first) as Backup);
        expect(JSON.stringify(await empty.exportAll('restored-criteria'))).toBe(first);
        expect(await empty.getRedFlags('restored-criteria', 'a1')).toStrictEqual([{ flag: 'R6', score: 4, notes: '« no prep »', manager: true }]);

        // A backup without criteria (as written before they existed) replaces them with none.
        const older: Backup = { format: 'afterword-backup', version: 1, candidate: { name: 'Old', local: false, references: [] }, applications: [{ application: smallApplication('o1'), redFlags: [] }] };
        await empty.importAll('restored-criteria', older);
        expect(await empty.getCriteria('restored-criteria')).toStrictEqual([]);
        expect(JSON.stringify(await empty.exportAll('restored-criteria'))).toBe(JSON.stringify(older));

        // A rating naming a criterion the backup lacks fails the whole import.
        const dangling: Backup = { ...older, applications: [{ application: smallApplication('o2'), redFlags: [], ratings: [{ criterion: 'Ghost', rating: 3 }] }] };
        await expectAppError(empty.importAll('restored-criteria', dangling), 'bad_input', /criteria/);
        expect(JSON.stringify(await empty.exportAll('restored-criteria'))).toBe(JSON.stringify(older));
      });
    });
  });
}
