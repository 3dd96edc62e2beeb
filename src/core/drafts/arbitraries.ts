/**
 * fast-check generators of realistic scenario documents for the draft property tests: names with
 * non-ASCII letters and particles, long titles, honorifics or none, informal or not, details and
 * debrief items present or missing. Used by tests only.
 */
import fc from 'fast-check';
import { dayOf, formatDay } from '../time.js';

const FIRST = [
  'Grace', 'José', 'Zoë', 'Łukasz', 'Søren', 'Ngozi', 'Aiko', 'François', 'Björn', 'Siobhán', 'Çağla', 'Anaïs',
  'Jürgen', 'Oluwaseun', 'Priyanka', 'Hélène', 'Dương', 'Mateus', 'Ilse', 'Rafał',
] as const;
const LAST = [
  'Okafor', 'Żółtowski', 'Ødegaard', 'Müller', 'Nguyễn', 'O\'Brien', 'van der Berg', 'Dubois', 'Yılmaz', 'Kowalczyk',
  'Fernández', 'Lindqvist', 'Adebayo', 'Tanaka', 'García-Márquez', 'de la Cruz', 'Østergaard', 'Papadopoulos',
] as const;
const HONORIFICS = ['Dr.', 'Ms.', 'Mr.', 'Mx.', 'Professor', 'Director'] as const;
const TITLE_LEAD = ['', 'Senior ', 'Principal ', 'Associate ', 'Deputy ', 'Global '] as const;
const TITLE_CORE = [
  'Data Scientist', 'Product Manager', 'Head of Analytics', 'Director of Engineering', 'Talent Acquisition Partner',
  'Vice President of Customer Operations', 'Recruiter', 'Engineering Manager',
] as const;
const TITLE_TAIL = ['', ', Europe, Middle East and Africa', ' for Platform Reliability and Developer Experience', ', North America'] as const;
const ROLES = ['interviewer', 'interviewer', 'hiring_manager', 'recruiter', 'coordinator', 'other'] as const;
const COMPANIES = ['Acme Corp', 'Nordlicht Energie', 'Café Olé Studios', 'Zephyr Health', 'Blue Harbor Logistics', 'Kettle & Quill'] as const;
const POSTS = [
  'Data Analyst', 'Senior Backend Engineer', 'Product Designer', 'Head of Customer Success, Europe', 'Clinical Data Manager',
  'Principal Site Reliability Engineer for Payments and Identity Platforms',
] as const;
const DETAILS = [
  'the plan to move reporting to a single warehouse',
  'The weekly data review with the sales leads.',
  'how the team handles incidents at night',
  'the customer survey that reshaped the product roadmap',
  'the pilot with two hospitals in the north',
  'why the team rewrote its billing service',
  'the mentoring circle for new managers',
  'your move from research into product work',
  'the hiring plan for the new office in Lisbon',
  'the trade-offs behind the design system',
] as const;
const BEST = [
  'the walk-through of my churn model', 'my account of the database migration I led', 'the whiteboard session on queue design',
  'the case study on pricing experiments',
] as const;
const AWKWARD = ['my answer on SQL window functions', 'the question about my gap year', 'my estimate for the capacity exercise'] as const;
const UNFINISHED = [
  'how I would audit the revenue dashboards', 'the question on stakeholder conflicts', 'how I would measure onboarding success',
] as const;
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'America/Los_Angeles'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

const personArb = fc.record({
  first: fc.constantFrom(...FIRST),
  last: fc.constantFrom(...LAST),
  honorific: fc.option(fc.constantFrom(...HONORIFICS), { nil: undefined }),
  title: fc.option(fc.tuple(fc.constantFrom(...TITLE_LEAD), fc.constantFrom(...TITLE_CORE), fc.constantFrom(...TITLE_TAIL)).map((t) => t.join('')), { nil: undefined }),
  role: fc.constantFrom(...ROLES),
  informal: fc.boolean(),
  email: fc.boolean(),
  phone: fc.boolean(),
  detail: fc.option(fc.constantFrom(...DETAILS), { nil: undefined }),
});

/** A scenario document (CONTRACT.md shape) with one application `a1`, one interview `i1`, 1–6 people. */
export const scenarioDocArb = fc.record({
  people: fc.array(personArb, { minLength: 1, maxLength: 6 }),
  company: fc.constantFrom(...COMPANIES),
  post: fc.constantFrom(...POSTS),
  dayOffset: fc.integer({ min: 0, max: 900 }),
  hour: fc.integer({ min: 8, max: 18 }),
  zone: fc.constantFrom(...ZONES),
  panel: fc.boolean(),
  best: fc.option(fc.constantFrom(...BEST), { nil: undefined }),
  awkward: fc.option(fc.constantFrom(...AWKWARD), { nil: undefined }),
  unfinished: fc.option(fc.constantFrom(...UNFINISHED), { nil: undefined }),
  said: fc.constantFrom(undefined, 'by Friday', 'within two weeks', 'end of the month', 'we will see'),
  candidate: fc.record({
    first: fc.constantFrom(...FIRST),
    last: fc.constantFrom(...LAST),
    phone: fc.option(fc.constantFrom('+1 555 0100', '+4915123456789', '(020) 7946 0000'), { nil: undefined }),
    email: fc.option(fc.constant('me@example.com'), { nil: undefined }),
  }),
}).map((g) => {
  const day = formatDay(dayOf(2026, 1, 5) + g.dayOffset);
  const ids = g.people.map((_, i) => `p${i + 1}`);
  const details: Record<string, string> = {};
  g.people.forEach((p, i) => { if (p.detail !== undefined) details[ids[i] ?? ''] = p.detail; });
  const doc = {
    settings: { region: 'US', timeZone: 'America/New_York' },
    candidate: {
      name: `${g.candidate.first} ${g.candidate.last}`,
      ...(g.candidate.phone ? { phone: g.candidate.phone } : {}), ...(g.candidate.email ? { email: g.candidate.email } : {}),
      references: [{ id: 'r1', name: 'Priya Raman', email: 'priya@example.com' }],
    },
    applications: [{
      id: 'a1', company: g.company, role: g.post,
      people: g.people.map((p, i) => ({
        id: ids[i], name: `${p.first} ${p.last}`, role: p.role, informal: p.informal,
        ...(p.honorific ? { honorific: p.honorific } : {}), ...(p.title ? { title: p.title } : {}),
        ...(p.email ? { email: `p${i + 1}@example.com` } : {}), ...(p.phone ? { phone: `+1 555 01${pad(i)}` } : {}),
      })),
      interviews: [{
        id: 'i1', start: `${day}T${pad(g.hour)}:00:00`, end: `${day}T${pad(g.hour + 1)}:00:00`, timeZone: g.zone,
        stage: 'second_round', peopleIds: ids, panel: g.panel, ...(g.panel ? { panelLeadId: ids[0] } : {}),
        timeline: g.said === undefined ? {} : { said: g.said },
        debrief: {
          details,
          ...(g.best ? { bestMoments: g.best } : {}), ...(g.awkward ? { awkwardMoments: g.awkward } : {}),
          ...(g.unfinished ? { unfinishedAnswers: g.unfinished } : {}),
        },
      }],
    }],
  };
  return doc;
});
