/** The agenda reads the next-due index: an action due now must be listed even when its ideal moment is days away. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeRules } from '../../core/time.js';
import type { PgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';
import { agenda } from '../../app/agenda.js';
import { LOCAL_USER } from '../../app/ports.js';
import { addApplication, addInterview, addPerson, addTouch, saveProfile, type AppDeps } from '../../app/records.js';

let store: PgliteStore;
let clock = Date.parse('2026-03-02T13:00:00Z'); // Mon 2026-03-02 08:00 New York
const deps = (): AppDeps => ({ store, time: createTimeRules(), clock: { now: () => clock }, userId: LOCAL_USER.id });

beforeAll(async () => {
  store = await freshPgliteStore();
  await store.ensureUser(LOCAL_USER);
  await saveProfile(deps(), { timeZone: 'America/New_York', region: 'US' }, { name: 'Jordan Lee' });
  await addApplication(deps(), { company: 'Acme Corp', role: 'Data Analyst' });
  await addPerson(deps(), 'a1', { name: 'Grace Okafor', role: 'recruiter', email: 'g@acme.example' });
  // Mon 2026-03-02, 10:00–10:30 New York; no timeline given: F2's phone-screen window, from the interview
  // (earliest 2 business days: Wed 03-04 09:00, ideal 4: Fri 03-06, latest 5: Mon 03-09).
  await addInterview(deps(), 'a1', { start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T10:30:00-05:00', stage: 'phone_screen', peopleIds: ['p1'] });
  await addTouch(deps(), 'a1', { kind: 'thank_you', channel: 'email', outcome: 'sent', personId: 'p1', at: '2026-03-02T12:00:00-05:00' });
}, 60_000);

afterAll(async () => { await store.close(); });

describe('agenda', () => {
  it('lists a status check that is due now though its ideal day is later in the week', async () => {
    clock = Date.parse('2026-03-04T19:00:00Z'); // Wed 2026-03-04 14:00 New York
    // What the index keeps is refreshed by a write, as every use case does.
    await addPerson(deps(), 'a1', { name: 'Sam Ruiz', role: 'coordinator' });
    const today = await agenda(deps(), 1);
    expect(today.due.map((i) => [i.recommendation.kind, i.recommendation.status])).toStrictEqual([['status_check', 'due']]);
    expect(new Date(today.due[0]?.recommendation.ideal ?? 0).toISOString()).toBe('2026-03-06T14:00:00.000Z'); // Fri 09:00 New York
    const week = await agenda(deps(), 7);
    expect(week.due.map((i) => i.recommendation.kind)).toStrictEqual(['status_check']);
  });

  it('does not list it before its earliest moment', async () => {
    clock = Date.parse('2026-03-03T19:00:00Z'); // Tue 2026-03-03 14:00 New York
    await addPerson(deps(), 'a1', { name: 'Kim Park', role: 'coordinator' });
    const today = await agenda(deps(), 1);
    expect(today.due).toStrictEqual([]);
    expect(today.overdue).toStrictEqual([]);
  });
});
