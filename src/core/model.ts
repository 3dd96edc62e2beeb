/** The records of PROTOCOL.md §1 as plain, validated values (instants as epoch ms, dates as `Day`). */
import type { Day, EpochMs, Minutes, Weekday } from './time.js';
import type { ProtocolOverrides } from './rules/params.js';

export const STAGES = ['phone_screen', 'first_round', 'second_round', 'third_round', 'final'] as const;
export type Stage = (typeof STAGES)[number];

export const FORMATS = ['phone', 'video', 'on_site'] as const;
export type InterviewFormat = (typeof FORMATS)[number];

export const PERSON_ROLES = ['interviewer', 'recruiter', 'hiring_manager', 'coordinator', 'receptionist', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Every channel a touch can go through (PROTOCOL §1). */
export const CHANNELS = [
  'email', 'letter', 'handwritten_note', 'phone', 'voicemail', 'fax', 'in_person', 'professional_network',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPLICATION_STATUSES = [
  'active', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TOUCH_KINDS = ['thank_you', 'status_check', 'update', 'call', 'voicemail', 'reply', 'reference_brief'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const OUTCOMES = [
  'sent', 'no_answer', 'voicemail', 'receptionist', 'not_decided', 'still_considered', 'filled',
  'reply_received', 'offer', 'rejected', 'next_round',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where the work is done: fully remote, partly (hybrid) or at the employer's site. */
export const WORKPLACES = ['remote', 'hybrid', 'on_site'] as const;
export type Workplace = (typeof WORKPLACES)[number];

/** What a salary figure is per. */
export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

/** A salary as the posting or the user wrote it, with the figures read from it when known. */
export interface Salary {
  /** As entered: "£45k–£55k + bonus". */
  readonly text: string;
  readonly min?: number;
  readonly max?: number;
  /** ISO 4217, upper case: "GBP". */
  readonly currency?: string;
  readonly period?: SalaryPeriod;
}

export interface Workday {
  readonly start: Minutes;
  readonly end: Minutes;
  readonly days: readonly Weekday[];
}

export interface Settings {
  /** ISO 3166-1 country, optionally with its ISO 3166-2 subdivision: `US`, `GB-ENG`, `DE-BY`. */
  readonly region: string;
  readonly timeZone: string;
  readonly workday: Workday;
  /** Per-user overrides of protocol numbers. */
  readonly protocol: ProtocolOverrides;
}

export interface Reference {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly relationship?: string;
  readonly speakTo?: string;
  readonly timeZone?: string;
  readonly briefed: boolean;
}

export interface Candidate {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly signature?: string;
  readonly preferredChannel?: Channel;
  /** The candidate lives close enough to drop off a handwritten note (T4). */
  readonly local: boolean;
  readonly references: readonly Reference[];
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly honorific?: string;
  readonly title?: string;
  readonly role: PersonRole;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly timeZone?: string;
  readonly region?: string;
  readonly preferredChannel?: Channel;
  readonly informal: boolean;
  readonly verified: boolean;
  /** The user's own notes on this person (long text). */
  readonly notes?: string;
}

export interface Directions {
  readonly channel?: Channel;
  readonly on?: Day;
  readonly personId?: string;
}

export interface Timeline {
  /** The employer's words, as said. */
  readonly said?: string;
  /** A date the user gave; wins over `said`. */
  readonly decisionBy?: Day;
}

export interface Debrief {
  readonly askedNextSteps?: boolean;
  readonly collectedContacts?: boolean;
  readonly bestMoments?: string;
  readonly awkwardMoments?: string;
  readonly unfinishedAnswers?: string;
  /** One striking detail per person id. */
  readonly details?: Readonly<Record<string, string>>;
  readonly concerns?: string;
}

export interface Interview {
  readonly id: string;
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly timeZone: string;
  readonly stage: Stage;
  readonly format: InterviewFormat;
  readonly panel: boolean;
  readonly panelLeadId?: string;
  readonly peopleIds: readonly string[];
  readonly timeline: Timeline;
  readonly goAhead: boolean;
  readonly directions?: Directions;
  /** Who to contact about the decision, when the employer named someone. */
  readonly contactId?: string;
  readonly referencesRequested: boolean;
  readonly debrief?: Debrief;
}

export interface Touch {
  readonly at: EpochMs;
  readonly personId?: string;
  readonly referenceId?: string;
  readonly channel: Channel;
  readonly kind: TouchKind;
  readonly outcome: Outcome;
  readonly text?: string;
  /** A new expected decision date given in the reply (F6). */
  readonly newDecisionBy?: Day;
}

export interface Application {
  readonly id: string;
  readonly company: string;
  readonly role: string;
  readonly status: ApplicationStatus;
  readonly appliedOn?: Day;
  /** The company's zone, used when a person has none. */
  readonly timeZone?: string;
  /** The company's holiday region, used when a person has none. */
  readonly region?: string;
  /** Send one thank-you per panelist instead of one to the lead with CC (T3). */
  readonly individualPanelNotes: boolean;
  /** The job posting's web address (http or https). */
  readonly postingUrl?: string;
  /** Where the job is, as written: "London", "Austin, TX". */
  readonly location?: string;
  readonly workplace?: Workplace;
  readonly salary?: Salary;
  /** Where the user found the job: "LinkedIn", "a friend at Acme". */
  readonly source?: string;
  /** The application's id in the tracker it was imported from (Huntr, Teal…): how a re-import finds it. */
  readonly sourceId?: string;
  /** The job description (long text). */
  readonly description?: string;
  /** The user's own notes (long text). */
  readonly notes?: string;
  /** The user's labels, in the order given; absent when none. */
  readonly tags?: readonly string[];
  readonly people: readonly Person[];
  readonly interviews: readonly Interview[];
  readonly touches: readonly Touch[];
  /** Per-application overrides of protocol numbers. */
  readonly protocol: ProtocolOverrides;
}

export interface Scenario {
  readonly settings: Settings;
  readonly candidate: Candidate;
  readonly applications: readonly Application[];
}
