/**
 * A lived-in record for page-level tests: four applications in several states, people (one
 * verified), interviews with debriefs and a timeline, touches, an offer, a red flag, and hostile
 * strings (markup and script) in names, notes and companies, which must show as plain text.
 */
import { logTouch } from '../../src/app/act.js';
import { recordOffer, setFlag } from '../../src/app/offers.js';
import { parseDay, type Day } from '../../src/core/time.js';
import { addApplication, addInterview, addPerson, setApplicationStatus, type AppDeps } from '../../src/app/records.js';

export const HOSTILE_COMPANY = '<script>alert("co")</script> Labs';
export const HOSTILE_ROLE = '<img src=x onerror=alert(1)> Engineer';
export const HOSTILE_PERSON = '"><b onmouseover=alert(2)>Sam</b>';

/** The clock to use with this record: Thu 5 Mar 2026, 10:00 in New York. */
export const SEED_NOW = '2026-03-05T10:00:00-05:00';

function fixedDay(text: string): Day {
  const d = parseDay(text);
  if (d === null) throw new Error(`not a day: ${text}`);
  return d;
}

export async function seedRecord(app: AppDeps): Promise<void> {
  await addApplication(app, { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', appliedOn: '2026-02-10' });
  await addPerson(app, 'a1', { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', email: 'g.okafor@acme.example', preferredChannel: 'email', verified: true });
  await addPerson(app, 'a1', { id: 'p2', name: 'Tom Reyes', title: 'Senior Analyst', email: 't.reyes@acme.example' });
  // Tue 3 Mar 2026, a morning first round with both; they said "within two weeks".
  await addInterview(app, 'a1', {
    id: 'i1', start: '2026-03-03T10:00', end: '2026-03-03T11:00', stage: 'first_round', format: 'video', peopleIds: ['p1', 'p2'],
    timeline: { said: 'within two weeks' },
    debrief: { bestMoments: 'The churn model walkthrough', unfinishedAnswers: 'How I would size the backlog', details: { p1: 'her team moved to dbt last year' }, askedNextSteps: true, collectedContacts: true },
  });
  await logTouch(app, 'a1', { kind: 'thank_you', channel: 'email', outcome: 'sent', personId: 'p1', at: '2026-03-03T15:00', text: 'Dear Dr. Okafor, thank you for your time today.' }, new Set(['P2', 'L8']));

  await addApplication(app, { id: 'a2', company: HOSTILE_COMPANY, role: HOSTILE_ROLE, appliedOn: '2026-02-20' });
  await addPerson(app, 'a2', { id: 'p1', name: HOSTILE_PERSON, email: 'sam@labs.example' });
  // Wed 25 Feb 2026, a phone screen.
  await addInterview(app, 'a2', { id: 'i1', start: '2026-02-25T14:00', end: '2026-02-25T14:30', stage: 'phone_screen', format: 'phone', peopleIds: ['p1'] });

  await addApplication(app, { id: 'a3', company: 'Globex', role: 'Analytics Lead', appliedOn: '2026-01-15' });
  await addPerson(app, 'a3', { id: 'p1', name: 'Hank Scorpio', email: 'hank@globex.example' });
  // Mon 9 Feb 2026, the final round.
  await addInterview(app, 'a3', { id: 'i1', start: '2026-02-09T13:00', end: '2026-02-09T15:00', stage: 'final', format: 'on_site', peopleIds: ['p1'] });
  await recordOffer(app, 'a3', { pay: [{ label: 'Base salary', value: '$98,000' }], benefits: [{ label: 'Remote days', value: '3 a week' }], respondBy: fixedDay('2026-03-13') });
  await setFlag(app, 'a3', 'R6', { score: 3, notes: 'Interviewer had not read my CV <i>at all</i>', manager: true });

  await addApplication(app, { id: 'a4', company: 'Initech', role: 'Report Writer', appliedOn: '2026-01-05' });
  await setApplicationStatus(app, 'a4', 'rejected');
}
