import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDebriefText, DEBRIEF_MAX, parseScenario } from './scenario.js';
import { createTimeRules } from './time.js';

const time = createTimeRules();

function valid(): Record<string, unknown> {
  return {
    settings: { region: 'US', timeZone: 'America/New_York' },
    candidate: { name: 'Jordan Lee' },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst',
      people: [{ id: 'p1', name: 'Grace Okafor' }],
      interviews: [{ id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', stage: 'first_round', peopleIds: ['p1'] }],
      touches: [{ at: '2026-03-03T15:00:00-05:00', personId: 'p1', kind: 'thank_you' }],
    }],
  };
}

type Mutation = (s: Record<string, unknown>) => void;
const app = (s: Record<string, unknown>): Record<string, unknown> => (s['applications'] as Record<string, unknown>[])[0] ?? {};
const iv = (s: Record<string, unknown>): Record<string, unknown> => (app(s)['interviews'] as Record<string, unknown>[])[0] ?? {};

const bad: [name: string, mutate: Mutation, path: string, message: RegExp][] = [
  ['unknown zone', (s) => { iv(s)['timeZone'] = 'Mars/Base'; }, 'applications[0].interviews[0].timeZone', /unknown time zone "Mars\/Base"; use an IANA name/],
  ['unknown settings zone', (s) => { (s['settings'] as Record<string, unknown>)['timeZone'] = 'EST5'; }, 'settings.timeZone', /unknown time zone/],
  ['end before start', (s) => { iv(s)['end'] = '2026-03-03T09:00:00-05:00'; }, 'applications[0].interviews[0].end', /ends before it starts/],
  ['unknown person id', (s) => { iv(s)['peopleIds'] = ['p9']; }, 'applications[0].interviews[0].peopleIds[0]', /unknown person id "p9"/],
  ['unknown touch person', (s) => { ((app(s)['touches'] as Record<string, unknown>[])[0] ?? {})['personId'] = 'zz'; }, 'applications[0].touches[0].personId', /unknown person id "zz"/],
  ['unknown stage', (s) => { iv(s)['stage'] = 'semi_final'; }, 'applications[0].interviews[0].stage', /"semi_final" is not allowed; use one of phone_screen/],
  ['impossible date', (s) => { iv(s)['timeline'] = { decisionBy: '2026-02-30' }; }, 'applications[0].interviews[0].timeline.decisionBy', /not a real date/],
  ['impossible instant', (s) => { iv(s)['start'] = '2026-02-30T10:00:00-05:00'; }, 'applications[0].interviews[0].start', /not a date-time/],
  ['unknown region', (s) => { (s['settings'] as Record<string, unknown>)['region'] = 'Narnia'; }, 'settings.region', /unknown region "Narnia"; use an ISO 3166 code/],
  ['missing applications', (s) => { delete s['applications']; }, 'applications', /is required/],
  ['wrong type', (s) => { app(s)['people'] = 'Grace'; }, 'applications[0].people', /must be an array/],
  ['duplicate person', (s) => { app(s)['people'] = [{ id: 'p1', name: 'A' }, { id: 'p1', name: 'B' }]; }, 'applications[0].people[1].id', /duplicate person id/],
  ['unknown protocol setting', (s) => { (s['settings'] as Record<string, unknown>)['protocol'] = { F2: { phone_screne: {} } }; }, 'settings.protocol.F2', /unknown setting "phone_screne"/],
  ['bad duration', (s) => { (s['settings'] as Record<string, unknown>)['protocol'] = { F1: { ideal: 'three days' } }; }, 'settings.protocol.F1.ideal', /duration such as "5bd"/],
  ['panel lead not in the panel', (s) => { app(s)['people'] = [{ id: 'p1', name: 'A' }, { id: 'p2', name: 'B' }]; iv(s)['panelLeadId'] = 'p2'; }, 'applications[0].interviews[0].panelLeadId', /not among this interview's peopleIds/],
  ['unknown reference zone', (s) => { s['candidate'] = { name: 'J', references: [{ id: 'r1', name: 'Ada', timeZone: 'Mars/Base' }] }; }, 'candidate.references[0].timeZone', /unknown time zone/],
  ['workday ends before it starts', (s) => { (s['settings'] as Record<string, unknown>)['workday'] = { start: '17:00', end: '09:00' }; }, 'settings.workday.end', /later than/],
  ['company over its limit', (s) => { app(s)['company'] = 'x'.repeat(10_001); }, 'applications[0].company', /^10,001 characters; the most is 10,000 — shorten it$/],
  ['id over its limit', (s) => { app(s)['id'] = 'a'.repeat(201); }, 'applications[0].id', /^201 characters; the most is 200 — shorten it$/],
  ['too many panelists', (s) => { iv(s)['peopleIds'] = Array.from({ length: 101 }, () => 'p1'); }, 'applications[0].interviews[0].peopleIds', /^101 items; the most is 100 — remove some$/],
  ['reference without a name', (s) => { s['candidate'] = { name: 'J', references: [{ id: 'r1', name: '' }] }; }, 'candidate.references[0].name', /^must not be empty$/],
];

describe('parseScenario', () => {
  it('accepts the contract\'s shape, ignores extra fields and fills defaults', () => {
    const s = valid();
    s['extra'] = { anything: true };
    const r = parseScenario(s, time);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.settings.workday).toEqual({ start: 540, end: 1020, days: [1, 2, 3, 4, 5] });
      expect(r.value.applications[0]?.status).toBe('active');
      expect(r.value.applications[0]?.touches[0]?.outcome).toBe('sent');
      expect(r.value.applications[0]?.interviews[0]?.timeZone).toBe('America/New_York'); // from settings
    }
  });

  it.each(bad)('rejects %s, naming the path', (_name, mutate, path, message) => {
    const s = valid();
    mutate(s);
    const r = parseScenario(s, time);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.path).toBe(path);
      expect(r.issues[0]?.message).toMatch(message);
    }
  });

  it('never throws on hostile input', () => {
    for (const input of [null, 42, 'x', [], { settings: null }, { settings: {}, applications: [null] }, { ['__proto__']: { polluted: true } }]) {
      expect(parseScenario(input, time).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('debrief texts', () => {
  const withDebrief = (debrief: Record<string, unknown>): Record<string, unknown> => {
    const s = valid();
    iv(s)['debrief'] = debrief;
    return s;
  };

  it.each([
    ['NUL and BEL inside a sentence', 'She said\u0000 the team\u0007 is small', 'She said the team is small'],
    ['CR LF, CR, NEL and the Unicode separators are line feeds; tabs stay', 'one\r\ntwo\rthree\u0085four\u2028five\u2029six\tseven', 'one\ntwo\nthree\nfour\nfive\nsix\tseven'],
    ['a vertical tab or form feed is a space', 'a tab\u000bvertical tab\fform feed', 'a tab vertical tab form feed'],
    ['terminal colour codes go whole', '\u001b[31mthe roadmap\u001b[0m and \u001b[1;4mbold\u001b[m', 'the roadmap and bold'],
    ['backspace, DEL and C1 controls go', '\b\b\bbackspaces and a DEL\u007f\u0090', 'backspaces and a DEL'],
    ['ordinary text, emoji and other scripts are untouched', 'Grace\u2019s plan \u{1F680} \u00e9t\u00e9 \u5317\u4eac', 'Grace\u2019s plan \u{1F680} \u00e9t\u00e9 \u5317\u4eac'],
  ])('%s', (_name, typed, kept) => {
    expect(cleanDebriefText(typed)).toBe(kept);
  });

  it('keeps every field cleaned, and drops one left empty by cleaning', () => {
    const r = parseScenario(withDebrief({ bestMoments: 'the churn\u0007 model', awkwardMoments: '\u0007\u0008', details: { p1: 'her\r\nplan' }, askedNextSteps: true }), time);
    expect(r.ok && r.value.applications[0]?.interviews[0]?.debrief).toEqual({ bestMoments: 'the churn model', details: { p1: 'her\nplan' }, askedNextSteps: true });
  });

  it.each([
    ['bestMoments', { bestMoments: 'x'.repeat(10_000) }, 'applications[0].interviews[0].debrief.bestMoments', '10,000 characters; the most is 2,000 — shorten it'],
    ['awkwardMoments', { awkwardMoments: 'x'.repeat(2_001) }, 'applications[0].interviews[0].debrief.awkwardMoments', '2,001 characters; the most is 2,000 — shorten it'],
    ['unfinishedAnswers', { unfinishedAnswers: 'x'.repeat(4_000) }, 'applications[0].interviews[0].debrief.unfinishedAnswers', '4,000 characters; the most is 2,000 — shorten it'],
    ['concerns', { concerns: 'x'.repeat(2_345) }, 'applications[0].interviews[0].debrief.concerns', '2,345 characters; the most is 2,000 — shorten it'],
    ['details', { details: { p1: 'x'.repeat(3_000) } }, 'applications[0].interviews[0].debrief.details.p1', '3,000 characters; the most is 2,000 — shorten it'],
  ])('%s over %s characters is refused with its length', (_field, debrief, path, message) => {
    const r = parseScenario(withDebrief(debrief), time);
    expect(r.ok ? [] : r.issues).toEqual([{ path, message }]);
  });

  it('counts characters after cleaning, as code points: 2,000 emoji or 2,000 letters with control characters pass', () => {
    expect(DEBRIEF_MAX).toBe(2_000);
    expect(parseScenario(withDebrief({ bestMoments: '\u{1F680}'.repeat(2_000) }), time).ok).toBe(true);
    expect(parseScenario(withDebrief({ bestMoments: 'x\u0007'.repeat(2_000) }), time).ok).toBe(true);
    expect(parseScenario(withDebrief({ bestMoments: 'x'.repeat(2_001) }), time).ok).toBe(false);
  });

  it('a text already stored is kept over the limit in its own place; an edited or moved one is not', () => {
    const old = 'x'.repeat(5_000);
    const stored = new Map([['i1.bestMoments', old], ['i1.details.p1', old]]);
    expect(parseScenario(withDebrief({ bestMoments: old, details: { p1: old } }), time, { storedDebriefs: stored }).ok).toBe(true);
    expect(parseScenario(withDebrief({ bestMoments: `${old}y` }), time, { storedDebriefs: stored }).ok).toBe(false);
    expect(parseScenario(withDebrief({ concerns: old }), time, { storedDebriefs: stored }).ok).toBe(false);
  });
});

describe('the hand-read path', () => {
  /** Every field of the contract, with nulls, extra keys, a debrief and overrides. */
  function rich(): Record<string, unknown> {
    return {
      settings: { region: 'GB-ENG', timeZone: 'Europe/London', workday: { start: '08:30', end: '16:30', days: ['Mon', 2, 'wed', 4, 5] }, protocol: { F1: { ideal: '4bd' } } },
      candidate: { name: 'Jordan Lee', email: 'j@example.com', preferredChannel: 'email', local: true, references: [{ id: 'r1', name: 'Ada', relationship: 'manager', timeZone: 'Europe/Paris', extra: 1 }] },
      applications: [{
        id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', appliedOn: '2026-02-01', timeZone: 'Europe/Berlin', region: 'DE-BY',
        individualPanelNotes: null, extra: { nested: true }, protocol: { C2: { total: 1 } },
        people: [
          { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', role: 'hiring_manager', email: 'g@acme.example', phone: null, address: null, timeZone: 'America/New_York', region: 'US-NY', preferredChannel: 'phone', informal: true, verified: false, extra: 'x' },
          { id: 'p2', name: 'Sam Ruiz', role: null, timeZone: null },
        ],
        interviews: [
          { id: 'i1', start: '2026-03-03T10:00:00+01:00', end: '2026-03-03T11:00', timeZone: null, stage: 'first_round', format: 'on_site', panel: true, panelLeadId: 'p1', peopleIds: ['p1', 'p2'],
            timeline: { said: 'by Friday', decisionBy: null }, goAhead: false, directions: { channel: 'phone', on: '2026-03-10', personId: 'p2' }, contactId: 'p2', referencesRequested: true,
            debrief: { askedNextSteps: true, collectedContacts: null, bestMoments: 'the model', awkwardMoments: null, details: { p2: 'her plan', p1: 'his team', 10: 'a number' }, concerns: 'pay' } },
          { id: 'i2', start: '2026-03-10T09:00:00Z', end: '2026-03-10T10:00:00.250Z', stage: 'final', timeline: null, directions: null, debrief: null },
        ],
        touches: [
          { at: '2026-03-03T15:00:00-05:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent', text: 'Thank you', extra: [] },
          { at: '2026-03-12T09:00', referenceId: 'r1', kind: 'reference_brief', outcome: null, newDecisionBy: '2026-03-20' },
        ],
      }, { id: 'a2', company: 'Globex', role: 'Engineer', people: null, interviews: null, touches: null, protocol: null }],
    };
  }

  /** The same document that zod reads: a root object JSON.parse would not make sends it there. */
  const throughZod = (doc: unknown): unknown => Object.assign(Object.create({ inherited: true }) as object, doc);

  /** Every place in a JSON value, as a path of keys. */
  function places(value: unknown, at: readonly (string | number)[] = []): (readonly (string | number)[])[] {
    const out = [at];
    if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...at, i])));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...places(v, [...at, k]));
    return out;
  }

  function put(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    // An earlier change may have replaced the way there: then this one has nowhere to go.
    if (head === undefined || doc === null || typeof doc !== 'object') return doc;
    const target = doc as Record<string | number, unknown>;
    if (value === DELETE && rest.length === 0) delete target[head];
    else target[head] = put(target[head], rest, value);
    return doc;
  }
  const DELETE = Symbol('delete');

  const odd: readonly unknown[] = [
    DELETE, null, undefined, 0, 1, 8, 1.5, -1, true, false, '', 'x', 'p1', 'r1', 'email', 'final', 'sent', 'active', 'US', 'Mars/Base', 'UTC',
    '2026-02-30', '2026-03-04', '2026-03-04T10:00:00Z', '2026-03-04T25:00', 'x'.repeat(33), 'x'.repeat(65), 'x'.repeat(201), 'x'.repeat(10_001),
    '\u{1F680}'.repeat(6_000), [], ['p1'], [null], {}, { id: 'p3', name: 'N' }, Object.create(null) as unknown,
    JSON.parse(`{"__proto__": "${'x'.repeat(2_001)}"}`) as unknown, new Date(0), [1, 2, 3],
  ];

  const same = (doc: unknown): void => {
    const mine = parseScenario(doc, time);
    const zods = parseScenario(throughZod(doc), time);
    expect(JSON.stringify(mine)).toBe(JSON.stringify(zods));
    expect(mine).toEqual(zods);
  };

  it('gives what zod gives, value or issues, with any one odd value anywhere', () => {
    same(rich());
    for (const path of places(rich()).filter((p) => p.length > 0)) {
      for (const value of odd) same(put(rich(), path, value));
    }
  });

  it('gives what zod gives with two or three odd values', () => {
    const all = places(rich()).filter((p) => p.length > 0);
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...all), fc.constantFrom(...odd)), { minLength: 2, maxLength: 3 }),
      (changes) => {
        const doc = rich();
        for (const [path, value] of changes) put(doc, path, value);
        same(doc);
      },
    ), { numRuns: 300, seed: 13 });
  });
});
