/** PROTOCOL.md §7: the five worked examples (America/New_York, US holidays, default settings). */
import { describe, expect, it } from 'vitest';
import { planJson } from '../testing.js';

const NY = { region: 'US', timeZone: 'America/New_York', workday: { start: '09:00', end: '17:00' } };

function oneInterview(interview: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    settings: NY,
    candidate: { name: 'Jordan Lee', phone: '+1 555 0100', email: 'jordan@example.com' },
    applications: [{
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', appliedOn: '2026-02-10',
      people: [{ id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', role: 'interviewer', email: 'g@acme.example' }],
      interviews: [{ id: 'i1', timeZone: 'America/New_York', format: 'video', peopleIds: ['p1'], ...interview }],
      touches: [],
      ...extra,
    }],
  };
}

const byKind = (json: ReturnType<typeof planJson>, kind: string) => json.recommendations.filter((r) => r.kind === kind);

describe('worked example 1: first round Tue 2026-03-03 10:00–11:00, no timeline', () => {
  const base = (touches: unknown[]) => oneInterview(
    { start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', stage: 'first_round' }, { touches });
  const thanks = { at: '2026-03-03T15:00:00-05:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' };

  it('thank-you: ideal Tue 17:00, latest Wed 11:00, done when sent Tue 15:00', () => {
    const json = planJson(base([thanks]), '2026-03-04T09:00:00-05:00'); // Wed
    const [ty] = byKind(json, 'thank_you');
    expect(ty).toMatchObject({
      personId: 'p1', earliest: '2026-03-03T11:00:00-05:00', ideal: '2026-03-03T17:00:00-05:00',
      latest: '2026-03-04T11:00:00-05:00', status: 'done', rules: ['T1', 'T2'],
    });
  });

  it('first status check: earliest Thu 2026-03-05, ideal Tue 2026-03-10 (5 business days after the thank-you)', () => {
    const json = planJson(base([thanks]), '2026-03-04T09:00:00-05:00');
    const [first] = byKind(json, 'status_check');
    expect(first?.earliest.slice(0, 10)).toBe('2026-03-05'); // Thu
    expect(first?.ideal.slice(0, 10)).toBe('2026-03-10'); // Tue, after the DST change of Sun 03-08
    expect(first?.ideal.endsWith('-04:00')).toBe(true);
    expect(first?.status).toBe('upcoming');
    expect(first?.rules).toContain('F2');
  });

  it('second check 5–8 business days after the first went out; give-up 5 business days after the second', () => {
    const firstCheck = { at: '2026-03-10T10:00:00-04:00', personId: 'p1', kind: 'status_check', outcome: 'sent' }; // Tue
    const secondCheck = { at: '2026-03-17T10:00:00-04:00', personId: 'p1', kind: 'status_check', outcome: 'sent' }; // Tue
    const json = planJson(base([thanks, firstCheck]), '2026-03-12T09:00:00-04:00'); // Thu
    const checks = byKind(json, 'status_check');
    expect(checks.map((c) => c.status)).toEqual(['done', 'upcoming']);
    expect(checks[1]?.earliest.slice(0, 10)).toBe('2026-03-17'); // Tue: +5 business days
    expect(checks[1]?.latest.slice(0, 10)).toBe('2026-03-20'); // Fri: +8 business days
    expect(checks[1]?.rules).toContain('F4');

    const after = planJson(base([thanks, firstCheck, secondCheck]), '2026-03-20T09:00:00-04:00'); // Fri
    const [giveUp] = byKind(after, 'give_up');
    expect(giveUp?.ideal.slice(0, 10)).toBe('2026-03-24'); // Tue: 5 business days after Tue 03-17
    expect(giveUp?.latest.slice(0, 10)).toBe('2026-04-03'); // Fri: one month after the interview
    expect(giveUp?.rules).toContain('F5');
  });

  it('give-up falls on Fri 2026-04-03 at the latest, however the checks went', () => {
    const json = planJson(base([thanks]), '2026-03-04T09:00:00-05:00');
    const [giveUp] = byKind(json, 'give_up');
    expect(giveUp?.latest.slice(0, 10)).toBe('2026-04-03');
    expect(json.warnings.some((w) => w.rule === 'P1')).toBe(true);
  });

  it('a reply stops the give-up clock', () => {
    const reply = { at: '2026-03-09T11:00:00-04:00', personId: 'p1', kind: 'reply', outcome: 'rejected' };
    const json = planJson(base([thanks, reply]), '2026-03-09T12:00:00-04:00'); // Mon
    expect(byKind(json, 'give_up')).toEqual([]);
    expect(byKind(json, 'reply')[0]?.rules).toEqual(['F6', 'X3']);
  });
});

describe('worked example 2: afternoon interview Thu 2026-03-05 14:00–15:00', () => {
  it('thank-you ideal Fri 12:00, latest Fri 15:00', () => {
    const json = planJson(oneInterview(
      { start: '2026-03-05T14:00:00-05:00', end: '2026-03-05T15:00:00-05:00', stage: 'first_round' },
    ), '2026-03-05T16:00:00-05:00'); // Thu
    const [ty] = byKind(json, 'thank_you');
    expect(ty).toMatchObject({ ideal: '2026-03-06T12:00:00-05:00', latest: '2026-03-06T15:00:00-05:00', status: 'due' });
  });
});

describe('worked example 3: "we\'ll decide by Friday" after Wed 2026-07-01; Fri 07-03 is the observed holiday', () => {
  it('first check earliest Tue 2026-07-07, ideal Wed 2026-07-08', () => {
    const json = planJson(oneInterview({
      start: '2026-07-01T10:00:00-04:00', end: '2026-07-01T11:00:00-04:00', stage: 'first_round',
      timeline: { said: "we'll decide by Friday", decisionBy: null },
    }), '2026-07-02T09:00:00-04:00'); // Thu
    const [first] = byKind(json, 'status_check');
    expect(first?.earliest.slice(0, 10)).toBe('2026-07-07');
    expect(first?.ideal.slice(0, 10)).toBe('2026-07-08');
    expect(first?.rules).toEqual(expect.arrayContaining(['F0', 'F1']));
    expect(first?.why).toContain('Fri 2026-07-03');
  });
});

describe('worked example 4: a call planned for the day after a Sunday interview', () => {
  it('C1 blocks it on Monday; its window, earliest included, opens Tue 13:00', () => {
    const json = planJson(oneInterview(
      { start: '2026-03-08T10:00:00-04:00', end: '2026-03-08T11:00:00-04:00', stage: 'phone_screen' }, // Sun (DST day)
      {
        people: [{ id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', role: 'interviewer', preferredChannel: 'phone' }],
        protocol: { F2: { minEarliest: '1d', phone_screen: { earliest: '1d', ideal: '1d', latest: '3bd' } } },
      },
    ), '2026-03-09T10:00:00-04:00'); // Mon
    const [call] = byKind(json, 'call');
    // Every moment of a call's window is an allowed one: its earliest too (PROTOCOL C1).
    expect(call).toMatchObject({ status: 'blocked', blockedBy: 'C1', nextAllowed: '2026-03-10T13:00:00-04:00', channel: 'phone', earliest: '2026-03-10T13:00:00-04:00' }); // Tue
    expect(call?.ideal).toBe('2026-03-10T13:00:00-04:00'); // Tue
    expect(call?.rules).toEqual(expect.arrayContaining(['C1', 'C2', 'C3']));
  });
});

describe('worked example 5: phone screen Mon 2026-05-18 09:30, no timeline', () => {
  it('status check ideal Fri 2026-05-22; latest Mon 05-25 is Memorial Day → Tue 2026-05-26', () => {
    const json = planJson(oneInterview(
      { start: '2026-05-18T09:30:00-04:00', end: '2026-05-18T10:00:00-04:00', stage: 'phone_screen' },
    ), '2026-05-18T12:00:00-04:00'); // Mon
    const [first] = byKind(json, 'status_check');
    expect(first?.ideal.slice(0, 10)).toBe('2026-05-22');
    expect(first?.latest.slice(0, 10)).toBe('2026-05-26');
  });
});
