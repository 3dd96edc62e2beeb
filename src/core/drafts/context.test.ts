import { describe, expect, it } from 'vitest';
import { time } from '../testing.js';
import { dayOf } from '../time.js';
import { REQUEST_KINDS, resolveDraftInput, thankYouInputs, type DraftRequest } from './context.js';
import { acmeScenario, firstApplication, inputFor } from './testing.js';

const acme = acmeScenario();

describe('resolveDraftInput errors name what is known', () => {
  it.each<[string, DraftRequest, unknown]>([
    ['unknown kind', { applicationId: 'a1', kind: 'haiku', personId: 'p1' }, { code: 'unknown_kind', id: 'haiku', known: REQUEST_KINDS }],
    ['unknown application', { applicationId: 'zz', kind: 'status_check', personId: 'p1' }, { code: 'unknown_application', id: 'zz', known: ['a1'] }],
    ['unknown person', { applicationId: 'a1', kind: 'status_check', personId: 'x' },
      { code: 'unknown_person', id: 'x', applicationId: 'a1', known: ['p1', 'p2', 'p3', 'p4'] }],
    ['no person', { applicationId: 'a1', kind: 'voicemail' }, { code: 'missing_person', kind: 'voicemail', known: ['p1', 'p2', 'p3', 'p4'] }],
    ['unknown interview', { applicationId: 'a1', kind: 'voicemail', personId: 'p1', interviewId: 'i9' },
      { code: 'unknown_interview', id: 'i9', applicationId: 'a1', known: ['i1'] }],
    ['no reference', { applicationId: 'a1', kind: 'reference_brief', personId: 'p1' }, { code: 'missing_reference', known: ['r1', 'r2'] }],
    ['unknown reference', { applicationId: 'a1', kind: 'reference_brief', referenceId: 'r7' }, { code: 'unknown_reference', id: 'r7', known: ['r1', 'r2'] }],
  ])('%s', (_label, req, error) => {
    expect(resolveDraftInput(acme, req, time)).toEqual({ ok: false, error });
  });

  it('an application without interviews cannot have a person draft', () => {
    const s = acmeScenario((doc) => { firstApplication(doc).interviews = []; });
    expect(resolveDraftInput(s, { applicationId: 'a1', kind: 'thank_you', personId: 'p1' }, time))
      .toEqual({ ok: false, error: { code: 'no_interview', applicationId: 'a1' } });
    // …but a reference brief can.
    expect(resolveDraftInput(s, { applicationId: 'a1', kind: 'reference_brief', referenceId: 'r1' }, time).ok).toBe(true);
  });
});

describe('resolveDraftInput picks the interview and the dates', () => {
  const twoRounds = acmeScenario((doc) => {
    const app = firstApplication(doc);
    app.interviews.push({
      id: 'i2', start: '2026-03-12T14:00:00-04:00', end: '2026-03-12T15:00:00-04:00', timeZone: 'America/New_York', // Thu 2026-03-12
      stage: 'final', peopleIds: ['p2'], timeline: { decisionBy: '2026-03-19' }, // Thu 2026-03-19
    });
  });

  it.each([
    ['p1', undefined, 'i1', dayOf(2026, 3, 3), dayOf(2026, 3, 6)], // Tue 2026-03-03; "by Friday" → Fri 2026-03-06
    ['p2', undefined, 'i2', dayOf(2026, 3, 12), dayOf(2026, 3, 19)], // latest with p2: Thu 2026-03-12, decision Thu 2026-03-19
    ['p2', 'i1', 'i1', dayOf(2026, 3, 3), dayOf(2026, 3, 6)], // asked for i1
  ])('%s with --interview %s → %s on day %i, decision %i', (personId, interviewId, id, day, decision) => {
    const input = inputFor(twoRounds, { kind: 'status_check', personId, ...(interviewId ? { interviewId } : {}) });
    expect(input.interview?.interview.id).toBe(id);
    expect(input.interview?.day).toBe(day);
    expect(input.decisionBy).toBe(decision);
  });

  it('dates the interview in its own zone, not the candidate\'s', () => {
    // 2026-03-03 21:00 in Los Angeles is already Wed 2026-03-04 in UTC.
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['start'] = '2026-03-03T21:00:00-08:00';
      iv['end'] = '2026-03-03T22:00:00-08:00';
      iv['timeZone'] = 'America/Los_Angeles';
    });
    expect(inputFor(s, { kind: 'voicemail', personId: 'p1' }).interview?.day).toBe(dayOf(2026, 3, 3)); // Tue 2026-03-03
  });

  it('leaves the decision date out when the words cannot be read', () => {
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['timeline'] = { said: 'when the stars align' };
    });
    expect(inputFor(s, { kind: 'status_check', personId: 'p1' }).decisionBy).toBeUndefined();
  });

  it('`thank_you` becomes a letter for someone who prefers letters', () => {
    const s = acmeScenario((doc) => { (firstApplication(doc).people[2] ?? {})['preferredChannel'] = 'letter'; });
    expect(inputFor(s, { kind: 'thank_you', personId: 'p3' }).kind).toBe('thank_you_letter');
    expect(inputFor(s, { kind: 'thank_you', personId: 'p1' }).kind).toBe('thank_you_email');
  });
});

describe('thankYouInputs (T1/T3)', () => {
  it('one note per person met, receptionists aside', () => {
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['peopleIds'] = ['p1', 'p2', 'p3', 'p4'];
    });
    expect(thankYouInputs(s, 'a1', 'i1', time).map((i) => [i.person.id, i.kind])).toEqual([
      ['p1', 'thank_you_email'], ['p2', 'thank_you_email'], ['p3', 'thank_you_email'],
    ]);
  });

  it('a single panel note to the lead by default', () => {
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['panel'] = true;
      iv['panelLeadId'] = 'p2';
    });
    expect(thankYouInputs(s, 'a1', 'i1', time).map((i) => [i.person.id, i.kind])).toEqual([['p2', 'thank_you_panel']]);
  });

  it('individual notes when the settings ask for them', () => {
    const s = acmeScenario((doc) => {
      (doc['settings'] as Record<string, unknown>)['protocol'] = { T3: { panelNote: 'individual' } };
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['panel'] = true;
      iv['panelLeadId'] = 'p2';
    });
    expect(thankYouInputs(s, 'a1', 'i1', time)).toHaveLength(3);
  });

  it('nothing for unknown ids', () => {
    expect(thankYouInputs(acme, 'a1', 'nope', time)).toEqual([]);
    expect(thankYouInputs(acme, 'nope', 'i1', time)).toEqual([]);
  });
});
