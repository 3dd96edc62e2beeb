/** The words people read in exported files: channels, kinds, outcomes, statuses, and one-line actions. */
import type { Application, ApplicationStatus, Channel, Outcome, Person, Reference, Scenario, TouchKind } from '../../core/model.js';
import type { Recommendation } from '../../core/rules/plan-types.js';
import { oneLine, shorten } from './text.js';

/** The sheets of the history workbook, in order. */
export const SHEETS = ['follow-ups', 'applications', 'people'] as const;
export type SheetId = (typeof SHEETS)[number];

export const SHEET_TITLES: Readonly<Record<SheetId, string>> = {
  'follow-ups': 'Follow-ups', applications: 'Applications', people: 'People',
};

export const CHANNEL_WORDS: Readonly<Record<Channel, string>> = {
  email: 'email', letter: 'letter', handwritten_note: 'handwritten note', phone: 'phone call', voicemail: 'voicemail',
  fax: 'fax', in_person: 'in person', professional_network: 'professional network',
};

export const KIND_WORDS: Readonly<Record<TouchKind, string>> = {
  thank_you: 'thank-you', status_check: 'status check', update: 'update', call: 'call', voicemail: 'voicemail',
  reply: 'reply to decision', reference_brief: 'reference brief',
};

/** PROTOCOL §1's wording of each outcome. */
export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  sent: 'sent', no_answer: 'no answer', voicemail: 'voicemail left', receptionist: 'receptionist',
  not_decided: 'spoke: not decided yet', still_considered: 'spoke: still being considered', filled: 'spoke: position filled',
  reply_received: 'reply received', offer: 'offer', rejected: 'rejection', next_round: 'invited to next round',
};

export const STATUS_WORDS: Readonly<Record<ApplicationStatus, string>> = {
  active: 'active', offer: 'offer', accepted: 'accepted', declined: 'declined', rejected: 'rejected',
  withdrawn: 'withdrawn', no_response: 'no response', filled: 'filled',
};

const NAME_MAX = 60;

/** "Dr. Okafor" when an honorific is known (W1), else the full name. */
export function addressName(person: Pick<Person, 'name' | 'honorific'>): string {
  const name = oneLine(person.name);
  const honorific = person.honorific === undefined ? '' : oneLine(person.honorific);
  const parts = name.split(' ');
  const surname = parts[parts.length - 1] ?? name;
  return shorten(honorific !== '' && surname !== '' ? `${honorific} ${surname}` : name, NAME_MAX);
}

export function findPerson(app: Application, id: string | undefined): Person | undefined {
  return id === undefined ? undefined : app.people.find((p) => p.id === id);
}

export function findReference(scenario: Scenario, id: string | undefined): Reference | undefined {
  return id === undefined ? undefined : scenario.candidate.references.find((r) => r.id === id);
}

/** What to do, in a few words: "Thank Dr. Okafor", "Call Mr. Reyes", "Decide whether to move on". */
export function actionLabel(rec: Recommendation, app: Application, scenario: Scenario): string {
  const person = findPerson(app, rec.personId);
  const who = person ? addressName(person) : 'the hiring team';
  switch (rec.kind) {
    case 'thank_you': {
      const panel = rec.ccPersonIds.length > 0 ? ' and the panel' : '';
      if (rec.channel === 'letter') return `Mail a thank-you letter to ${who}${panel}`;
      if (rec.channel === 'handwritten_note') return `Drop off a thank-you note for ${who}${panel}`;
      return `Thank ${who}${panel}`;
    }
    case 'status_check':
      return (rec.sequence ?? 1) > 1 ? `Check in again with ${who}` : `Check in with ${who}`;
    case 'call':
      return `Call ${who}`;
    case 'give_up':
      return 'Decide whether to move on';
    case 'reference_brief': {
      const ref = findReference(scenario, rec.referenceId);
      return `Brief your reference ${ref ? shorten(oneLine(ref.name), NAME_MAX) : ''}`.trim();
    }
    case 'reply':
      return `Reply to ${who}`;
  }
}
