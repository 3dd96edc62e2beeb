/** The calendar events name the application's details a reader wants at hand: the posting, where, the salary, the tags (read back with ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { plan } from '../../core/rules/planner.js';
import { scenarioOf, time } from '../../core/testing.js';
import { parseInstant } from '../../core/time.js';
import { renderCalendar } from './ics.js';

describe('calendar events and the application details', () => {
  it('an event\u2019s description has the posting link, location, salary and tags after the role line', () => {
    const scenario = scenarioOf({
      settings: { region: 'US', timeZone: 'America/New_York' },
      candidate: { name: 'Jordan Lee' },
      applications: [{
        id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active',
        postingUrl: 'https://jobs.acme.example/42', location: 'New York, NY', workplace: 'hybrid',
        salary: { text: '$90k–$110k', min: 90_000, max: 110_000, currency: 'USD', period: 'year' }, tags: ['fintech', 'dream job'],
        people: [{ id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', role: 'interviewer', email: 'g@acme.example' }],
        // Tue 2026-03-03 10:00–11:00 New York.
        interviews: [{ id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', timeZone: 'America/New_York', stage: 'first_round', peopleIds: ['p1'] }],
      }],
    });
    // Tue 2026-03-03 12:00 New York: the thank-you is due.
    const now = parseInstant('2026-03-03T12:00:00-05:00', time.zone('UTC'));
    if (now === null) throw new Error('bad now');
    const text = renderCalendar(plan(scenario, { now, time }), scenario, time);
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    const description = String(events[0]?.getFirstPropertyValue('description') ?? '');
    expect(description.split('\n').slice(0, 5)).toEqual([
      'Data Analyst at Acme Corp',
      'Posting: https://jobs.acme.example/42',
      'Location: New York, NY, hybrid',
      'Salary: $90k–$110k',
      'Tags: fintech, dream job',
    ]);
  });
});
