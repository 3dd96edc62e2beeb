/**
 * Ports: what the use cases need from the outside world, in domain terms.
 * `Store` is implemented by src/store (PGlite and PostgreSQL, one contract suite); row types never
 * leave src/store. Red flags and offers are not in the core model yet, so their types live here.
 */
import type {
  Application, ApplicationStatus, Candidate, Interview, Person, Reference, Scenario, Settings, Touch, Workplace,
} from '../core/model.js';
import type { RecommendationKind } from '../core/rules/plan-types.js';
import type { MailStore } from './mail/mail-port.js';
import type { OutboxStore } from './mail/outbox-port.js';
import type { Day, EpochMs } from '../core/time.js';

export interface Clock {
  now(): EpochMs;
}

// ---------------------------------------------------------------- users

export type UserId = string;

export interface User {
  readonly id: UserId;
  readonly name: string;
}

/** The single user of a local install; accounts on a shared server live beside it. */
export const LOCAL_USER: User = { id: 'local', name: 'Local user' };

// ---------------------------------------------------------------- accounts (shared server)

export const ROLES = ['seeker', 'coach', 'admin'] as const;
/** seeker: own records only; coach: reads the assigned seekers' plans and comments; admin: manages accounts. */
export type Role = (typeof ROLES)[number];

export interface Organisation {
  readonly id: string;
  readonly name: string;
}

export interface Account extends User {
  /** Lower-case. */
  readonly email: string;
  readonly role: Role;
  readonly organisationId?: string;
  /** When an admin deactivated it (absent: active): it cannot sign in and has no sessions or tokens; its records are kept. */
  readonly deactivatedAt?: EpochMs;
}

/** What sign-in reads: the account with its password hash and lockout state. */
export interface Credentials {
  readonly account: Account;
  readonly passwordHash?: string;
  readonly failedSignIns: number;
  readonly lockedUntil?: EpochMs;
}

export interface SessionRecord {
  /** SHA-256 of the cookie's token (base64url); the token itself is never stored. */
  readonly tokenHash: string;
  readonly userId: UserId;
  readonly csrf: string;
  readonly createdAt: EpochMs;
  readonly expiresAt: EpochMs;
}

export type TokenPurpose = 'invitation' | 'password_reset' | 'calendar';

export interface TokenRecord {
  readonly tokenHash: string;
  readonly purpose: TokenPurpose;
  /** The account it belongs to (reset, calendar). */
  readonly userId?: UserId;
  /** Invitations: who is invited, as what, where, followed by which coach. */
  readonly email?: string;
  readonly role?: Role;
  readonly organisationId?: string;
  readonly coachId?: UserId;
  readonly createdAt: EpochMs;
  readonly expiresAt?: EpochMs;
}

export interface Comment {
  readonly id: number;
  readonly applicationId: string;
  readonly authorId: UserId;
  readonly authorName: string;
  readonly body: string;
  readonly at: EpochMs;
}

/** What a server hears about accounts that any process changed (`AccountStore.watchChanges`). */
export interface AccountChangeListener {
  /** Some of the account's sessions ended, or its name, email, role, organisation, password or deactivation changed. */
  changed(userId: UserId): void;
  /** Whether changes are heard from now on; while they are not, some may be missed. */
  hearing(on: boolean): void;
}

/**
 * Accounts, sessions and tokens of a shared server, in the same database as the records. Errors
 * as in `Store` (`conflict` for a taken email or id, `not_found` for a missing account).
 */
export interface AccountStore {
  /**
   * Where the database can tell (PostgreSQL's LISTEN/NOTIFY): calls `listener` for every account
   * changed by any process, until the returned function is called or the store closes. Absent when
   * the database cannot tell (the embedded store).
   */
  watchChanges?(listener: AccountChangeListener): () => void;

  createOrganisation(org: Organisation): Promise<void>;
  listOrganisations(): Promise<readonly Organisation[]>;
  /** Creates the user row with its account fields. */
  createAccount(account: Account, passwordHash?: string): Promise<Account>;
  getAccount(userId: UserId): Promise<Account | undefined>;
  findCredentials(email: string): Promise<Credentials | undefined>;
  /** Every account, by organisation then email. */
  listAccounts(): Promise<readonly Account[]>;
  /** Clears the failure count and any lock. */
  recordSignIn(userId: UserId): Promise<void>;
  /** Sets the password and ends every session of the account (one transaction). */
  setPassword(userId: UserId, passwordHash: string): Promise<void>;
  setRole(userId: UserId, role: Role): Promise<void>;
  /**
   * In one transaction: marks the account deactivated at `at` (an account already deactivated keeps
   * its first instant), ends every session of it and revokes its tokens (calendar feed, password
   * reset). Refused (`account.last_admin`) when it is the last active admin; `not_found` for no account.
   */
  deactivate(userId: UserId, at: EpochMs): Promise<{ readonly account: Account; readonly sessionsEnded: number }>;
  /** Clears the deactivation: the account signs in again with its password. `not_found` for no account. */
  reactivate(userId: UserId): Promise<Account>;

  createSession(session: SessionRecord): Promise<void>;
  /** The session and its account, when the token hash is known and not expired at `now`. */
  findSession(tokenHash: string, now: EpochMs): Promise<{ readonly session: SessionRecord; readonly account: Account } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the account; returns how many. */
  deleteSessions(userId: UserId): Promise<number>;

  createToken(token: TokenRecord): Promise<void>;
  /** Removes and returns a one-time token when it exists with that purpose and has not expired at `now`. */
  takeToken(tokenHash: string, purpose: TokenPurpose, now: EpochMs): Promise<TokenRecord | undefined>;
  findToken(tokenHash: string, purpose: TokenPurpose, now: EpochMs): Promise<TokenRecord | undefined>;
  /**
   * In one transaction: takes the invitation, creates its account (email, role, organisation from
   * the invitation) and, for a job seeker, assigns the invitation's coach. Undefined when the token
   * is unknown, used or expired; when anything is refused, nothing changes (the token stays).
   */
  redeemInvitation(tokenHash: string, now: EpochMs, account: { readonly id: UserId; readonly name: string }, passwordHash: string): Promise<Account | undefined>;
  /** Every token of that purpose not expired at `now`, oldest first (an admin's pending invitations). */
  listTokens(purpose: TokenPurpose, now: EpochMs): Promise<readonly TokenRecord[]>;
  /** Revokes every token of that purpose of the account. */
  deleteTokens(userId: UserId, purpose: TokenPurpose): Promise<number>;

  assignCoach(coachId: UserId, seekerId: UserId): Promise<void>;
  unassignCoach(coachId: UserId, seekerId: UserId): Promise<boolean>;
  isAssigned(coachId: UserId, seekerId: UserId): Promise<boolean>;
  /** The seekers a coach follows, by name. */
  seekersOf(coachId: UserId): Promise<readonly Account[]>;

  addComment(seekerId: UserId, applicationId: string, authorId: UserId, body: string, at: EpochMs): Promise<Comment>;
  listComments(seekerId: UserId, applicationId: string): Promise<readonly Comment[]>;
}

// ---------------------------------------------------------------- red flags and offers (PROTOCOL §5)

import type { RedFlag } from '../core/rules/red-flags.js';

export { RED_FLAGS, RED_FLAG_MAX_SCORE, type RedFlag } from '../core/rules/red-flags.js';

/** The candidate's score and notes on one red flag of one application. */
export interface RedFlagNote {
  readonly flag: RedFlag;
  /** Integer 0…RED_FLAG_MAX_SCORE. */
  readonly score: number;
  readonly notes?: string;
  /**
   * R6 only: whether the unprepared interviewer would be the candidate's manager (R6 then counts
   * double). Absent = not said: the scoring then looks for a hiring manager among the people met.
   */
  readonly manager?: boolean;
}

/** One free-form line of an offer: `{ label: 'Base salary', value: '€72,000' }`. */
export interface OfferItem {
  readonly label: string;
  readonly value: string;
}

export interface Offer {
  readonly receivedOn?: Day;
  /** The date the employer wants an answer by. */
  readonly respondBy?: Day;
  readonly pay: readonly OfferItem[];
  readonly benefits: readonly OfferItem[];
  readonly notes?: string;
}

/** One of the user's own criteria for comparing offers, with its weight: "Growth ×3". */
export interface Criterion {
  /** Unique per user (the use cases match names without regard to letter case). */
  readonly name: string;
  /** Whole number 1…CRITERION_WEIGHT_MAX. */
  readonly weight: number;
}

export const CRITERION_WEIGHT_MAX = 10;
/** Ratings run from 0 (bad) to this (excellent). */
export const CRITERION_RATING_MAX = 5;

/** How one application does on one criterion: "Growth: 4/5 at Acme". */
export interface CriterionRating {
  readonly criterion: string;
  /** Whole number 0…CRITERION_RATING_MAX. */
  readonly rating: number;
}

// ---------------------------------------------------------------- what is due

/** When an application's first pending action opens (its earliest moment), as last planned; kept indexed by the store. */
export interface NextDue {
  readonly at: EpochMs;
  readonly kind: RecommendationKind;
}

export interface DueItem extends NextDue {
  readonly applicationId: string;
  readonly company: string;
  readonly role: string;
}

export interface ApplicationSummary {
  readonly id: string;
  readonly company: string;
  readonly role: string;
  readonly status: ApplicationStatus;
  readonly appliedOn?: Day;
  readonly nextDue?: NextDue;
  /** What a board card shows of the details, and the id a re-import matches (absent when not given). */
  readonly location?: string;
  readonly workplace?: Workplace;
  readonly salary?: string;
  readonly tags?: readonly string[];
  readonly sourceId?: string;
}

export interface ApplicationFilter {
  /** Only applications with one of these statuses (all when absent). */
  readonly statuses?: readonly ApplicationStatus[];
  /** Only applications whose company, role or one of whose people's names holds this text, in any case (all when absent or blank). */
  readonly text?: string;  /** At most this many, the first in the user's order (all when absent). */
  readonly limit?: number;
}

// ---------------------------------------------------------------- bulk and backup

/** Everything kept about one application: the unit of bulk insert, export and import. */
export interface ApplicationRecord {
  readonly application: Application;
  readonly nextDue?: NextDue;
  /** In R1…R8 order, only the flags the candidate scored. */
  readonly redFlags: readonly RedFlagNote[];
  /** In the order of the user's criteria; absent when none is rated (older backups have none). */
  readonly ratings?: readonly CriterionRating[];
  readonly offer?: Offer;
}

export const BACKUP_FORMAT = 'afterword-backup';
export const BACKUP_VERSION = 1;

/**
 * Everything a user has, in a fixed order with fixed key order: `JSON.stringify` of an export is
 * deterministic, so backup → restore → backup gives identical bytes.
 */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly settings?: Settings;
  readonly candidate: Candidate;
  /** The user's criteria for comparing offers, in order; absent when there are none. */
  readonly criteria?: readonly Criterion[];
  readonly applications: readonly ApplicationRecord[];
}

/** Where `exportPaged` hands a backup: its head first, then the applications a page at a time, in order. */
export interface BackupSink {
  head(head: Omit<Backup, 'applications'>): void | Promise<void>;
  applications(records: readonly ApplicationRecord[]): void | Promise<void>;
}

/** An application without its interviews and touches (never saved as it is: saving replaces them). */
export type ApplicationHead = Omit<Application, 'interviews' | 'touches'>;

/** What an import matches a row against, for one application recorded (`importKeysPaged`). */
export interface ImportKey {
  readonly id: string;
  readonly sourceId?: string;
  readonly company: string;
  readonly role: string;
  readonly appliedOn?: Day;
  /** The digest `insertApplications` was given for it, while nothing a row sets has changed since. */
  readonly importDigest?: string;
}

/**
 * Where `agendaPaged` hands the agenda's records: all but the summaries first, then the summaries a
 * page at a time, in order, as JSON: the elements of an array (each summary's JSON, joined by
 * commas), which the agenda's read model writes as they come.
 */
export interface AgendaSink {
  head(records: Omit<AgendaRecords, 'summaries'>): void | Promise<void>;
  summaries(json: string): void | Promise<void>;
}

// ---------------------------------------------------------------- the store

/** The settings (undefined when the user has no profile yet) and the candidate with the references. */
export interface ProfileRecords {
  readonly settings?: Settings;
  readonly candidate: Candidate;
}

/** The profile, every summary, and one application whole (absent when there is none such), from one snapshot. */
export interface ApplicationContext extends ProfileRecords {
  readonly summaries: readonly ApplicationSummary[];
  readonly application?: Application;
}

/** Everything the agenda reads, from one snapshot. */
/** The day an offer wants an answer by (PROTOCOL §5), whatever the application's status. */
export interface OfferDeadline {
  readonly applicationId: string;
  readonly respondBy: Day;
}

export interface AgendaRecords extends ProfileRecords {
  /** Every application's summary, in the user's order (as `listApplications`). */
  readonly summaries: readonly ApplicationSummary[];
  /** What is due before the bound (as `listDue`: by moment, then id). */
  readonly dueItems: readonly DueItem[];
  /** The applications of `dueItems`, whole, in the same order. */
  readonly due: readonly Application[];
  /** Every offer with a respond-by day, by that day, then application id. */
  readonly offerDeadlines: readonly OfferDeadline[];
}

/** What the agenda reads: a store, or what an `AgendaSource` read from the agenda's read model. */
export type AgendaReads = Pick<Store, 'agendaRecords'>;

/**
 * The read model of `today` and `week`: the agenda's records kept beside the embedded database so
 * that those commands need not open it (store/agenda-snapshot.ts). deps.ts hands one out; there is
 * none on PostgreSQL. Only a cache: a miss means reading the store, and keeping it fails nothing.
 */
export interface AgendaSource {
  /**
   * The records of everything due before `until`, without opening the database; undefined when the
   * read model is missing or does not reach that far. While `afterword serve` holds the database,
   * waits a few seconds for it to write the read model again rather than be refused the database.
   */
  read(until: EpochMs): Promise<AgendaReads | undefined>;
  /** With the store open after a command: writes the read model to reach `horizon`, unless one reaching `until` is there. */
  keep(store: Store, until: EpochMs, horizon: EpochMs): Promise<void>;
  /**
   * While a server writes to `store`: writes the read model again a moment after each write, to
   * reach `horizon()`. Returns the function that stops (nothing is kept for a store that does not
   * report its writes).
   */
  keepFresh(store: Store, horizon: () => EpochMs): () => void;
}

/** Who holds the embedded database's lock now: nobody, a process that may be running, or a process that is gone. */
export type FolderLock =
  | { readonly state: 'free' }
  | { readonly state: 'held'; readonly pid: number; readonly command: string; readonly since: string; readonly host: string; readonly proven: boolean }
  | { readonly state: 'stale'; readonly pid: number; readonly command: string; readonly since: string };

/** What PostgreSQL's own checks found in the embedded database (`afterword doctor`). */
export interface FolderCheck {
  /** Tables and indexes checked. */
  readonly tables: number;
  readonly indexes: number;
  /** Whether amcheck ran (else only every row was read). */
  readonly amcheck: boolean;
  /** The relations found damaged (names for the log, never shown as the advice), empty when healthy. */
  readonly damaged: readonly string[];
}

/**
 * The embedded database's folder as a whole, for the commands that create, check, set aside or
 * replace it (store/data-folder.ts; deps.ts hands one out, none on PostgreSQL). Only `openForCheck`
 * and `restoreCopy` load database code.
 */
export interface DataFolder {
  /** The lock file, named for a person to delete when no Afterword runs. */
  readonly lockFile: string;
  /** Whether the database was created yet (the first command creates it, which takes seconds). */
  created(): boolean;
  /** Who holds the lock now, without taking it. */
  lock(): FolderLock;
  /** Moves the database aside (to `pglite.<why>-<time>`, holding its lock): the next open creates a new one. Returns where it went. */
  setAside(why: 'damaged' | 'replaced', now: EpochMs): Promise<string>;
  /** Makes the database the whole-folder backup in `file` (a tarball written before an upgrade); set the old one aside first. */
  restoreCopy(file: string): Promise<void>;
  /**
   * Opens the database with PostgreSQL's checks loaded (`afterword doctor`); `verify` checks every
   * table and index and writes nothing. `onTakeover` is told, in words, when a lock left by a
   * process that is gone is taken over. Close `store` when done.
   */
  openForCheck(onTakeover?: (words: string) => void): Promise<{ readonly store: Store; verify(): Promise<FolderCheck> }>;
}

/**
 * Persistent records, every one owned by a user. Every method is atomic; `transaction` makes a
 * whole use case one transaction. Expected failures are `AppError`s: `not_found` (no such user or
 * application), `conflict` (an id already taken, a person or reference still referred to) and
 * `bad_input` (a value the database cannot keep: unknown enum value, dangling person id, NUL in
 * text, an instant outside years 1–9999).
 */
export interface Store {
  /** Creates the user if missing (the name is kept if it exists) and returns it. */
  ensureUser(user: User): Promise<User>;
  getUser(userId: UserId): Promise<User | undefined>;

  getSettings(userId: UserId): Promise<Settings | undefined>;
  /** The settings and the candidate, from one snapshot (what every use case starts with). */
  getProfileRecords(userId: UserId): Promise<ProfileRecords>;
  saveSettings(userId: UserId, settings: Settings): Promise<void>;
  /** The candidate profile with its references; an empty profile when none was saved. */
  getCandidate(userId: UserId): Promise<Candidate>;
  /** Replaces the profile and its references (a reference still named by a touch cannot go). */
  saveCandidate(userId: UserId, candidate: Candidate): Promise<void>;
  /** Adds a reference at the end, or updates the one with that id in place. */
  saveReference(userId: UserId, reference: Reference): Promise<void>;
  deleteReference(userId: UserId, referenceId: string): Promise<boolean>;

  /** Creates the application (at the end) or replaces it with its people, interviews and touches; keeps its red flags, offer and next due. */
  saveApplication(userId: UserId, application: Application): Promise<void>;
  getApplication(userId: UserId, applicationId: string): Promise<Application | undefined>;
  /** The applications with these ids, in the order asked (ids not found are left out); one read, whatever the number. */
  getApplications(userId: UserId, applicationIds: readonly string[]): Promise<readonly Application[]>;
  /** As `getApplications`, without the interviews and touches: what an import compares its rows with. */
  getApplicationHeads(userId: UserId, applicationIds: readonly string[]): Promise<readonly ApplicationHead[]>;
  /** In the order the applications were added. */
  listApplications(userId: UserId, filter?: ApplicationFilter): Promise<readonly ApplicationSummary[]>;
  setStatus(userId: UserId, applicationId: string, status: ApplicationStatus): Promise<void>;
  /** Deletes the application and everything recorded under it. */
  deleteApplication(userId: UserId, applicationId: string): Promise<boolean>;
  /** Adds the person at the end of the application's people, or updates them in place. */
  savePerson(userId: UserId, applicationId: string, person: Person): Promise<void>;
  /** Adds the interview at the end, or replaces it (with its people, timeline, directions, debrief) in place. */
  saveInterview(userId: UserId, applicationId: string, interview: Interview): Promise<void>;
  /** Appends a touch to the history; returns its index in `application.touches`. */
  addTouch(userId: UserId, applicationId: string, touch: Touch): Promise<number>;

  /** In R1…R8 order. */
  getRedFlags(userId: UserId, applicationId: string): Promise<readonly RedFlagNote[]>;
  /** Sets one flag's score and notes (replacing what was there). */
  saveRedFlag(userId: UserId, applicationId: string, note: RedFlagNote): Promise<void>;
  getOffer(userId: UserId, applicationId: string): Promise<Offer | undefined>;
  /** Sets the offer, or removes it with `null`. */
  saveOffer(userId: UserId, applicationId: string, offer: Offer | null): Promise<void>;
  /** Removes one flag's score and notes (R7 goes back to its computed score); false when none was kept. */
  deleteRedFlag(userId: UserId, applicationId: string, flag: RedFlag): Promise<boolean>;

  /** The user's criteria for comparing offers, in the order they were added. */
  getCriteria(userId: UserId): Promise<readonly Criterion[]>;
  /** Adds the criterion at the end, or sets the weight of the one with exactly that name in place. */
  saveCriterion(userId: UserId, criterion: Criterion): Promise<void>;
  /** Removes the criterion and every application's rating on it; false when there was none. */
  deleteCriterion(userId: UserId, name: string): Promise<boolean>;
  /** An application's ratings, in the order of the criteria. */
  getRatings(userId: UserId, applicationId: string): Promise<readonly CriterionRating[]>;
  /** Sets how the application does on an existing criterion (exact name); `null` removes the rating. */
  saveRating(userId: UserId, applicationId: string, criterion: string, rating: number | null): Promise<void>;

  /** Everything the planner needs, in one consistent read; undefined until settings are saved. */
  loadScenario(userId: UserId): Promise<Scenario | undefined>;
  /** Records the next due action of an application (null clears it). */
  setNextDue(userId: UserId, applicationId: string, at: EpochMs | null, kind: RecommendationKind | null): Promise<void>;
  /** Applications whose next due action is strictly before `before`, soonest first (ties by id); uses the (user, next due) index. */
  listDue(userId: UserId, before: EpochMs): Promise<readonly DueItem[]>;
  /** The profile, every summary and that application whole: one snapshot (what a write to it starts from). */
  getApplicationContext(userId: UserId, applicationId: string): Promise<ApplicationContext>;
  /** The profile, every summary and every application due before `before`, whole: one snapshot. */
  agendaRecords(userId: UserId, before: EpochMs): Promise<AgendaRecords>;
  /**
   * What `agendaRecords` returns, from one snapshot, handed to `sink`: the rest first, then the
   * summaries `pageSize` at a time (default 5,000), so that no one value holds them all.
   */
  agendaPaged(userId: UserId, before: EpochMs, sink: AgendaSink, pageSize?: number): Promise<void>;

  /**
   * Adds many applications at once (multi-row inserts in batches); all or nothing. Returns how many.
   * `importDigests` (by index, an import's) are kept for `importKeysPaged`; never in a backup.
   */
  insertApplications(userId: UserId, records: readonly ApplicationRecord[], importDigests?: readonly (string | undefined)[]): Promise<number>;
  /**
   * Every application's `ImportKey`, `pageSize` at a time (default 5,000), in the order of the list,
   * from one snapshot.
   */
  importKeysPaged(userId: UserId, sink: (page: readonly ImportKey[]) => void | Promise<void>, pageSize?: number): Promise<void>;
  exportAll(userId: UserId): Promise<Backup>;
  /**
   * What `exportAll` returns, from one snapshot, handed to `sink` a page of `pageSize` applications
   * (default 5,000, at most 10,000) at a time: a backup of any size is written without holding it whole.
   */
  exportPaged(userId: UserId, sink: BackupSink, pageSize?: number): Promise<void>;
  /** Replaces everything the user has with the backup; all or nothing. */
  importAll(userId: UserId, backup: Backup): Promise<void>;

  /**
   * Runs `fn` in one transaction: every store call made while it runs (on this store or the one
   * passed in) joins it; a nested `transaction` is a savepoint. Throwing rolls everything back.
   */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query (health checks). */
  ping(): Promise<void>;
  /** Accounts, sessions and tokens (used by a shared server; empty on a local install). */
  readonly accounts: AccountStore;
  /** Notes scheduled to be sent by SMTP (issue 16; app/mail/outbox-port.ts). */
  readonly outbox: OutboxStore;
  /** The linked mailbox, its sync state, the messages seen and their proposals (issue 16; app/mail/mail-port.ts). */
  readonly mail: MailStore;
  close(): Promise<void>;
}
