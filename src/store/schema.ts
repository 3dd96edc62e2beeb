/**
 * The database schema: one set of tables for PGlite and PostgreSQL 15 (no PG16+ features).
 * Every row belongs to a user: each table's key and indexes start with `user_id`. Ids are the
 * user-visible text ids ("a1", "p1"), unique per user (applications, references) or per
 * application (people, interviews); touches are keyed by their place in the history. Instants are
 * `timestamptz` (with a `time_zone` column where the zone matters), dates are `date`, enumerations
 * are `text` with a CHECK. After editing: `npm run db:generate` and commit the new migration.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint, boolean, check, customType, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  APPLICATION_STATUSES, CHANNELS, FORMATS, OUTCOMES, PERSON_ROLES, SALARY_PERIODS, STAGES, TOUCH_KINDS, WORKPLACES,
} from '../core/model.js';
import { RECOMMENDATION_KINDS } from '../core/rules/plan-types.js';
import { CRITERION_RATING_MAX, CRITERION_WEIGHT_MAX, RED_FLAGS, RED_FLAG_MAX_SCORE, ROLES } from '../app/ports.js';
import {
  MAIL_ACCOUNT_STATUSES, MAIL_AUTH_METHODS, MAIL_MESSAGE_RESULTS, MAIL_PROPOSAL_KINDS, MAIL_PROPOSAL_STATUSES, MAIL_SECURITIES,
  OUTBOX_STATUSES,
} from '../app/mail/types.js';
import type { ProtocolOverrides } from '../core/rules/params.js';
import type { Day, EpochMs, Weekday } from '../core/time.js';
import { dayFromText, dayToText, instantFromText, instantToText } from './codec.js';

/** An exact instant, epoch ms in JS. */
const instant = customType<{ data: EpochMs; driverData: string }>({
  dataType: () => 'timestamp with time zone',
  toDriver: instantToText,
  fromDriver: instantFromText,
});

/** A calendar date, `Day` in JS. */
const day = customType<{ data: Day; driverData: string }>({
  dataType: () => 'date',
  toDriver: dayToText,
  fromDriver: dayFromText,
});

/** An amount with cents (a salary figure), a number in JS; exact in the database. */
const amount = customType<{ data: number; driverData: string | number }>({
  dataType: () => 'numeric(14, 2)',
  toDriver: (value) => String(value),
  fromDriver: (value) => Number(value),
});

/** `col IN ('a', 'b')` for a CHECK; the values are our own constants, never user input. */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

/** A career centre or agency on a shared server; local installs have none. */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull().default(sql`now()`),
});

/**
 * A person whose records these are. The local user has no email or password; accounts on a shared
 * server have both (email lower-cased, unique), a role and usually an organisation.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull().default(sql`now()`),
  email: text('email').unique(),
  role: text('role', { enum: ROLES }).notNull().default('seeker'),
  organisationId: text('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
  /** scrypt: `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: text('password_hash'),
  /** Failed sign-ins since the last success; reaching the limit locks the account until `lockedUntil`. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: instant('locked_until'),
  /** Set by an admin: the account cannot sign in and has no sessions or tokens; its records are kept. */
  deactivatedAt: instant('deactivated_at'),
}, (t) => [
  check('users_role_check', oneOf(t.role, ROLES)),
]);

/** Signed-in browsers: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The CSRF token of this session (random, sent to the page, required on writes). */
  csrf: text('csrf').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
}, (t) => [
  index('sessions_user_idx').on(t.userId),
]);

export const TOKEN_PURPOSES = ['invitation', 'password_reset', 'calendar'] as const;

/**
 * One-time and revocable tokens, kept as SHA-256: an invitation (carries the role, organisation and
 * coach of the account it creates), a password reset, a calendar feed (one per user, until revoked).
 */
export const tokens = pgTable('tokens', {
  tokenHash: text('token_hash').primaryKey(),
  purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  email: text('email'),
  role: text('role', { enum: ROLES }),
  organisationId: text('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
  coachId: text('coach_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at'),
}, (t) => [
  index('tokens_user_purpose_idx').on(t.userId, t.purpose),
  check('tokens_purpose_check', oneOf(t.purpose, TOKEN_PURPOSES)),
  check('tokens_role_check', oneOf(t.role, ROLES)),
]);

/** Which coach follows which job seeker. */
export const coachAssignments = pgTable('coach_assignments', {
  coachId: text('coach_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  seekerId: text('seeker_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [
  primaryKey({ columns: [t.coachId, t.seekerId] }),
  index('coach_assignments_seeker_idx').on(t.seekerId),
]);

const userId = () => text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' });

export const settings = pgTable('settings', {
  userId: userId().primaryKey(),
  region: text('region').notNull(),
  timeZone: text('time_zone').notNull(),
  /** Minutes after midnight. */
  workdayStart: smallint('workday_start').notNull(),
  workdayEnd: smallint('workday_end').notNull(),
  /** ISO weekdays, 1 = Monday. */
  workdayDays: smallint('workday_days').array().$type<Weekday[]>().notNull(),
  /** Per-user overrides of protocol numbers. */
  protocol: jsonb('protocol').$type<ProtocolOverrides>().notNull(),
}, (t) => [
  check('settings_workday_check', sql`${t.workdayStart} >= 0 and ${t.workdayEnd} <= 1440 and ${t.workdayStart} < ${t.workdayEnd}`),
  check('settings_workday_days_check', sql`${t.workdayDays} <@ '{1,2,3,4,5,6,7}'::smallint[]`),
]);

export const candidates = pgTable('candidates', {
  userId: userId().primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  signature: text('signature'),
  preferredChannel: text('preferred_channel', { enum: CHANNELS }),
  local: boolean('local').notNull(),
}, (t) => [
  check('candidates_channel_check', oneOf(t.preferredChannel, CHANNELS)),
]);

export const candidateReferences = pgTable('candidate_references', {
  userId: userId(),
  id: text('id').notNull(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  relationship: text('relationship'),
  speakTo: text('speak_to'),
  timeZone: text('time_zone'),
  briefed: boolean('briefed').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.id] }),
]);

export const applications = pgTable('applications', {
  userId: userId(),
  id: text('id').notNull(),
  position: integer('position').notNull(),
  company: text('company').notNull(),
  role: text('role').notNull(),
  status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
  appliedOn: day('applied_on'),
  timeZone: text('time_zone'),
  region: text('region'),
  individualPanelNotes: boolean('individual_panel_notes').notNull(),
  /** Per-application overrides of protocol numbers. */
  protocol: jsonb('protocol').$type<ProtocolOverrides>().notNull(),
  /** The next due action, as last planned: what `listDue` reads through its index. */
  nextDueAt: instant('next_due_at'),
  nextDueKind: text('next_due_kind', { enum: RECOMMENDATION_KINDS }),
  /** The details (core/details.ts checks their limits); NULL when not given. */
  postingUrl: text('posting_url'),
  location: text('location'),
  workplace: text('workplace', { enum: WORKPLACES }),
  /** The salary as entered; the figures beside it are NULL unless given or read from it. */
  salaryText: text('salary_text'),
  salaryMin: amount('salary_min'),
  salaryMax: amount('salary_max'),
  salaryCurrency: text('salary_currency'),
  salaryPeriod: text('salary_period', { enum: SALARY_PERIODS }),
  source: text('source'),
  /** The application's id in the tracker it was imported from: what a re-import matches. */
  sourceId: text('source_id'),
  description: text('description'),
  notes: text('notes'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  /**
   * A digest of the imported row the application was last written from (Store.importKeysPaged):
   * a re-import leaves it unchanged without reading it. Triggers (migration 0009) clear it when the
   * values a row sets change otherwise, or a person of the application is changed or removed.
   */
  importDigest: text('import_digest'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.id] }),
  index('applications_user_position_idx').on(t.userId, t.position),
  index('applications_user_next_due_idx').on(t.userId, t.nextDueAt),
  check('applications_status_check', oneOf(t.status, APPLICATION_STATUSES)),
  check('applications_next_due_kind_check', oneOf(t.nextDueKind, RECOMMENDATION_KINDS)),
  check('applications_next_due_check', sql`(${t.nextDueAt} is null) = (${t.nextDueKind} is null)`),
  check('applications_workplace_check', oneOf(t.workplace, WORKPLACES)),
  check('applications_salary_period_check', oneOf(t.salaryPeriod, SALARY_PERIODS)),
  check('applications_salary_check', sql`(${t.salaryText} is not null) or (${t.salaryMin} is null and ${t.salaryMax} is null and ${t.salaryCurrency} is null and ${t.salaryPeriod} is null)`),
]);

const inApplication = (name: string, t: { userId: AnyPgColumn; applicationId: AnyPgColumn }) =>
  foreignKey({ name, columns: [t.userId, t.applicationId], foreignColumns: [applications.userId, applications.id] }).onDelete('cascade');

export const people = pgTable('people', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  id: text('id').notNull(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  honorific: text('honorific'),
  title: text('title'),
  role: text('role', { enum: PERSON_ROLES }).notNull(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  timeZone: text('time_zone'),
  region: text('region'),
  preferredChannel: text('preferred_channel', { enum: CHANNELS }),
  informal: boolean('informal').notNull(),
  verified: boolean('verified').notNull(),
  /** The user's own notes on this person. */
  notes: text('notes'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.id] }),
  inApplication('people_application_fk', t),
  check('people_role_check', oneOf(t.role, PERSON_ROLES)),
  check('people_channel_check', oneOf(t.preferredChannel, CHANNELS)),
]);

/** A person of the same application, named by an interview or a touch (optional: NULL is not checked). */
const personOf = (name: string, t: { userId: AnyPgColumn; applicationId: AnyPgColumn }, person: AnyPgColumn) =>
  foreignKey({ name, columns: [t.userId, t.applicationId, person], foreignColumns: [people.userId, people.applicationId, people.id] });

export const interviews = pgTable('interviews', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  id: text('id').notNull(),
  position: integer('position').notNull(),
  startsAt: instant('starts_at').notNull(),
  endsAt: instant('ends_at').notNull(),
  /** The IANA zone the interview took place in. */
  timeZone: text('time_zone').notNull(),
  stage: text('stage', { enum: STAGES }).notNull(),
  format: text('format', { enum: FORMATS }).notNull(),
  panel: boolean('panel').notNull(),
  panelLeadId: text('panel_lead_id'),
  timelineSaid: text('timeline_said'),
  timelineDecisionBy: day('timeline_decision_by'),
  goAhead: boolean('go_ahead').notNull(),
  /** Whether the employer gave directions at all (they may name none of channel, day, person). */
  hasDirections: boolean('has_directions').notNull(),
  directionsChannel: text('directions_channel', { enum: CHANNELS }),
  directionsOn: day('directions_on'),
  directionsPersonId: text('directions_person_id'),
  contactId: text('contact_id'),
  referencesRequested: boolean('references_requested').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.id] }),
  inApplication('interviews_application_fk', t),
  personOf('interviews_panel_lead_fk', t, t.panelLeadId),
  personOf('interviews_directions_person_fk', t, t.directionsPersonId),
  personOf('interviews_contact_fk', t, t.contactId),
  index('interviews_user_starts_idx').on(t.userId, t.startsAt),
  check('interviews_stage_check', oneOf(t.stage, STAGES)),
  check('interviews_format_check', oneOf(t.format, FORMATS)),
  check('interviews_directions_channel_check', oneOf(t.directionsChannel, CHANNELS)),
  check('interviews_time_check', sql`${t.endsAt} >= ${t.startsAt}`),
]);

const inInterview = (name: string, t: { userId: AnyPgColumn; applicationId: AnyPgColumn; interviewId: AnyPgColumn }) =>
  foreignKey({
    name,
    columns: [t.userId, t.applicationId, t.interviewId],
    foreignColumns: [interviews.userId, interviews.applicationId, interviews.id],
  }).onDelete('cascade');

/** The people met at an interview, in order. */
export const interviewPeople = pgTable('interview_people', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  interviewId: text('interview_id').notNull(),
  position: integer('position').notNull(),
  personId: text('person_id').notNull(),
}, (t) => [
  primaryKey({ name: 'interview_people_pk', columns: [t.userId, t.applicationId, t.interviewId, t.position] }),
  inInterview('interview_people_interview_fk', t),
  personOf('interview_people_person_fk', t, t.personId),
]);

/** The debrief of an interview (PROTOCOL §2); a row exists once a debrief was started. */
export const debriefs = pgTable('debriefs', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  interviewId: text('interview_id').notNull(),
  askedNextSteps: boolean('asked_next_steps'),
  collectedContacts: boolean('collected_contacts'),
  bestMoments: text('best_moments'),
  awkwardMoments: text('awkward_moments'),
  unfinishedAnswers: text('unfinished_answers'),
  /** One striking detail per person id: `{ "p1": "…" }`. */
  details: jsonb('details').$type<Readonly<Record<string, string>>>(),
  concerns: text('concerns'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.interviewId] }),
  inInterview('debriefs_interview_fk', t),
]);

/** The follow-up history, one row per contact, in the order recorded (`seq`). */
export const touches = pgTable('touches', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  seq: integer('seq').notNull(),
  at: instant('at').notNull(),
  personId: text('person_id'),
  referenceId: text('reference_id'),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  kind: text('kind', { enum: TOUCH_KINDS }).notNull(),
  outcome: text('outcome', { enum: OUTCOMES }).notNull(),
  text: text('text'),
  newDecisionBy: day('new_decision_by'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.seq] }),
  inApplication('touches_application_fk', t),
  personOf('touches_person_fk', t, t.personId),
  foreignKey({ name: 'touches_reference_fk', columns: [t.userId, t.referenceId], foreignColumns: [candidateReferences.userId, candidateReferences.id] }),
  index('touches_user_at_idx').on(t.userId, t.at),
  check('touches_channel_check', oneOf(t.channel, CHANNELS)),
  check('touches_kind_check', oneOf(t.kind, TOUCH_KINDS)),
  check('touches_outcome_check', oneOf(t.outcome, OUTCOMES)),
]);

/** PROTOCOL §5: the candidate's score and notes per red flag and application. */
export const redFlags = pgTable('red_flags', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  flag: text('flag', { enum: RED_FLAGS }).notNull(),
  score: smallint('score').notNull(),
  notes: text('notes'),
  /** R6 only: the unprepared interviewer would be the manager (NULL: not said). */
  manager: boolean('manager'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.flag] }),
  inApplication('red_flags_application_fk', t),
  check('red_flags_flag_check', oneOf(t.flag, RED_FLAGS)),
  check('red_flags_score_check', sql`${t.score} between 0 and ${sql.raw(String(RED_FLAG_MAX_SCORE))}`),
  check('red_flags_manager_check', sql`${t.manager} is null or ${t.flag} = 'R6'`),
]);

export const offers = pgTable('offers', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  receivedOn: day('received_on'),
  respondBy: day('respond_by'),
  notes: text('notes'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId] }),
  inApplication('offers_application_fk', t),
]);

export const OFFER_SECTIONS = ['pay', 'benefits'] as const;

/** The free-form pay and benefits lines of an offer, in order. */
export const offerItems = pgTable('offer_items', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  section: text('section', { enum: OFFER_SECTIONS }).notNull(),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  value: text('value').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.section, t.position] }),
  foreignKey({ name: 'offer_items_offer_fk', columns: [t.userId, t.applicationId], foreignColumns: [offers.userId, offers.applicationId] }).onDelete('cascade'),
  check('offer_items_section_check', oneOf(t.section, OFFER_SECTIONS)),
]);

/** The user's own criteria for comparing offers ("Growth ×3"), in the order added. */
export const criteria = pgTable('criteria', {
  userId: userId(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  weight: smallint('weight').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.name] }),
  check('criteria_weight_check', sql`${t.weight} between 1 and ${sql.raw(String(CRITERION_WEIGHT_MAX))}`),
]);

/** How each application does on each criterion ("Growth: 4/5 at Acme"). */
export const criterionRatings = pgTable('criterion_ratings', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  criterion: text('criterion').notNull(),
  rating: smallint('rating').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.criterion] }),
  inApplication('criterion_ratings_application_fk', t),
  foreignKey({ name: 'criterion_ratings_criterion_fk', columns: [t.userId, t.criterion], foreignColumns: [criteria.userId, criteria.name] }).onDelete('cascade'),
  check('criterion_ratings_rating_check', sql`${t.rating} between 0 and ${sql.raw(String(CRITERION_RATING_MAX))}`),
]);

/** A coach's comment on one of a job seeker's applications (coaches read, comment, never edit). */
export const comments = pgTable('comments', {
  userId: userId(),
  applicationId: text('application_id').notNull(),
  id: integer('id').notNull(),
  authorId: text('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.applicationId, t.id] }),
  inApplication('comments_application_fk', t),
]);

/**
 * The user's linked mailbox (issue 16), one per user: where to connect and the login, with the
 * secret (an app password, later an OAuth token) sealed with AES-256-GCM; the key is never here.
 */
export const mailAccounts = pgTable('mail_accounts', {
  userId: userId().primaryKey(),
  imapHost: text('imap_host').notNull(),
  imapPort: integer('imap_port').notNull(),
  imapSecurity: text('imap_security', { enum: MAIL_SECURITIES }).notNull(),
  smtpHost: text('smtp_host').notNull(),
  smtpPort: integer('smtp_port').notNull(),
  smtpSecurity: text('smtp_security', { enum: MAIL_SECURITIES }).notNull(),
  login: text('login').notNull(),
  /** The user's own address: what tells sent mail from received mail. */
  address: text('address').notNull(),
  authMethod: text('auth_method', { enum: MAIL_AUTH_METHODS }).notNull(),
  /** AES-256-GCM, each base64: the nonce, the tag and the sealed secret. */
  secretIv: text('secret_iv').notNull(),
  secretTag: text('secret_tag').notNull(),
  secretCiphertext: text('secret_ciphertext').notNull(),
  status: text('status', { enum: MAIL_ACCOUNT_STATUSES }).notNull(),
  lastError: text('last_error'),
  connectedAt: instant('connected_at').notNull(),
  lastSyncAt: instant('last_sync_at'),
  /**
   * The timed sync's schedule and lease: when it is next due, failures in a row (the back-off), and
   * which server process syncs it until when. A lease row, not an advisory lock: it holds behind a
   * pooler in transaction mode, and a process that died lets go when its lease runs out.
   */
  nextSyncAt: instant('next_sync_at'),
  syncFailures: integer('sync_failures').notNull().default(0),
  syncOwner: text('sync_owner'),
  syncLeaseUntil: instant('sync_lease_until'),
}, (t) => [
  check('mail_accounts_imap_security_check', oneOf(t.imapSecurity, MAIL_SECURITIES)),
  check('mail_accounts_smtp_security_check', oneOf(t.smtpSecurity, MAIL_SECURITIES)),
  check('mail_accounts_auth_method_check', oneOf(t.authMethod, MAIL_AUTH_METHODS)),
  check('mail_accounts_status_check', oneOf(t.status, MAIL_ACCOUNT_STATUSES)),
  check('mail_accounts_ports_check', sql`${t.imapPort} between 1 and 65535 and ${t.smtpPort} between 1 and 65535`),
  check('mail_accounts_sync_failures_check', sql`${t.syncFailures} >= 0`),
  index('mail_accounts_next_sync_at_idx').on(t.nextSyncAt),
]);

/** Where the sync of each folder stopped: its UIDVALIDITY, the last UID stored, HIGHESTMODSEQ. */
export const mailFolders = pgTable('mail_folders', {
  userId: text('user_id').notNull().references(() => mailAccounts.userId, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  specialUse: text('special_use'),
  uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  /** Up to 2^63 - 1: decimal text in JS. */
  highestModseq: numeric('highest_modseq', { precision: 20, scale: 0 }),
  /** The earliest date this folder has been read from. */
  since: instant('since').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.path] }),
]);

/**
 * Every message the sync has looked at (headers only; bodies are never kept), one per Message-ID
 * and user, so that a second sync, a UIDVALIDITY change or a reset never counts one twice.
 */
export const mailMessages = pgTable('mail_messages', {
  userId: userId(),
  messageId: text('message_id').notNull(),
  folder: text('folder').notNull(),
  uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
  uid: bigint('uid', { mode: 'number' }).notNull(),
  fromAddress: text('from_address'),
  toAddresses: text('to_addresses').array().notNull(),
  ccAddresses: text('cc_addresses').array().notNull(),
  date: instant('date'),
  subject: text('subject'),
  inReplyTo: text('in_reply_to'),
  references: text('references').array().notNull(),
  /**
   * The application it matched (NULL: none). No foreign key: a message stays seen when its
   * application is deleted or a backup is restored, so it never becomes a second touch.
   */
  applicationId: text('application_id'),
  personId: text('person_id'),
  result: text('result', { enum: MAIL_MESSAGE_RESULTS }).notNull(),
  touchSeq: integer('touch_seq'),
  touchKind: text('touch_kind', { enum: TOUCH_KINDS }),
  seenAt: instant('seen_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.messageId] }),
  index('mail_messages_user_folder_uid_idx').on(t.userId, t.folder, t.uidValidity, t.uid),
  check('mail_messages_result_check', oneOf(t.result, MAIL_MESSAGE_RESULTS)),
  check('mail_messages_touch_kind_check', oneOf(t.touchKind, TOUCH_KINDS)),
  check('mail_messages_matched_check', sql`${t.result} = 'ignored' or ${t.applicationId} is not null`),
]);

/** What an employer's message proposes (or a bounce reports), until the user accepts or dismisses it. */
export const mailProposals = pgTable('mail_proposals', {
  userId: userId(),
  id: integer('id').notNull(),
  applicationId: text('application_id').notNull(),
  messageId: text('message_id').notNull(),
  kind: text('kind', { enum: MAIL_PROPOSAL_KINDS }).notNull(),
  payload: jsonb('payload').$type<Readonly<Record<string, unknown>>>().notNull(),
  status: text('status', { enum: MAIL_PROPOSAL_STATUSES }).notNull(),
  createdAt: instant('created_at').notNull(),
  decidedAt: instant('decided_at'),
}, (t) => [
  primaryKey({ columns: [t.userId, t.id] }),
  inApplication('mail_proposals_application_fk', t),
  foreignKey({ name: 'mail_proposals_message_fk', columns: [t.userId, t.messageId], foreignColumns: [mailMessages.userId, mailMessages.messageId] }).onDelete('cascade'),
  index('mail_proposals_user_status_idx').on(t.userId, t.status),
  check('mail_proposals_kind_check', oneOf(t.kind, MAIL_PROPOSAL_KINDS)),
  check('mail_proposals_status_check', oneOf(t.status, MAIL_PROPOSAL_STATUSES)),
  check('mail_proposals_decided_check', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
]);

/**
 * Notes the user scheduled to be sent by SMTP at their moment (issue 16, item 4): a persistent
 * queue with a stable Message-ID per note, so a send survives a restart and never leaves twice.
 */
export const mailOutbox = pgTable('mail_outbox', {
  userId: userId(),
  id: integer('id').notNull(),
  applicationId: text('application_id').notNull(),
  /** No foreign key: saving an application rewrites its people. */
  personId: text('person_id'),
  kind: text('kind', { enum: TOUCH_KINDS }).notNull(),
  toAddresses: text('to_addresses').array().notNull(),
  ccAddresses: text('cc_addresses').array().notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  messageId: text('message_id').notNull().unique('mail_outbox_message_id_unique'),
  sendAt: instant('send_at').notNull(),
  status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** When a sender took it (status `sending`). */
  claimedAt: instant('claimed_at'),
  sentAt: instant('sent_at'),
  cancelledReason: text('cancelled_reason'),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.id] }),
  inApplication('mail_outbox_application_fk', t),
  index('mail_outbox_status_send_at_idx').on(t.status, t.sendAt),
  check('mail_outbox_kind_check', oneOf(t.kind, TOUCH_KINDS)),
  check('mail_outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
  check('mail_outbox_attempts_check', sql`${t.attempts} >= 0`),
  check('mail_outbox_sent_check', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  check('mail_outbox_to_check', sql`cardinality(${t.toAddresses}) > 0`),
]);
