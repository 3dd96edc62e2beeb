/** What a draft is, what it is built from, and the kinds of PROTOCOL.md §4. */
import type { Application, Candidate, Interview, Person, Reference } from '../model.js';
import type { RuleId } from '../rules/protocol.js';
import type { Day } from '../time.js';
import type { Speller } from '../tone/types.js';
import type { LeftOutReason } from './language/clean.js';
import type { English } from './words.js';

export const DRAFT_KINDS = [
  'thank_you_email', 'thank_you_letter', 'thank_you_panel',
  'status_check',
  'update_skill', 'update_news', 'update_solution', 'update_question',
  'reply_not_decided', 'reply_filled', 'reply_rejection',
  'call_script', 'voicemail',
  'reference_brief',
] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];
export type PersonDraftKind = Exclude<DraftKind, 'reference_brief'>;

/** Kinds sent as email: they carry a subject line. */
export const EMAIL_KINDS: ReadonlySet<DraftKind> = new Set<DraftKind>([
  'thank_you_email', 'thank_you_panel', 'status_check', 'update_skill', 'update_news', 'update_solution',
  'update_question', 'reply_not_decided', 'reply_filled', 'reply_rejection', 'reference_brief',
]);

export function isDraftKind(value: string): value is DraftKind {
  return (DRAFT_KINDS as readonly string[]).includes(value);
}

/** Who a draft goes to or copies. */
export interface Addressee {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
}

/** A record the draft would have used but that is missing (the draft is written without it). */
export interface DraftGap {
  readonly field: 'candidate.phone' | 'person.detail' | 'person.phone' | 'reference.speakTo' | 'note';
  /** The rule that asks for it, when one does. */
  readonly rule?: RuleId;
}

/** The debrief fields a draft is built from. */
export type DebriefField = 'details' | 'bestMoments' | 'awkwardMoments' | 'unfinishedAnswers';

/**
 * Something the user typed in the debrief that this draft does not carry, and why: it could not
 * be shaped into a sentence safely, it was one point too many, it did not fit the length, or
 * emoji were taken out of it. Listed beside the draft so no fact is lost silently.
 */
export interface LeftOut {
  readonly field: DebriefField;
  /** For `details`: whose detail. */
  readonly personId?: string;
  readonly text: string;
  readonly reason: LeftOutReason;
}

export interface Draft {
  readonly kind: DraftKind;
  /** Email kinds only. */
  readonly subject?: string;
  /** The message itself: greeting to signature (for a letter, without the address block). */
  readonly body: string;
  /** What to print: `Subject: …` and the body for email; the whole letter or script otherwise. */
  readonly text: string;
  readonly to: Addressee;
  readonly cc: readonly Addressee[];
  /** The W/X rules (and F7 for a reference brief) the draft follows. */
  readonly rules: readonly RuleId[];
  readonly gaps: readonly DraftGap[];
  /** Debrief input this draft leaves out, with the reason. */
  readonly leftOut: readonly LeftOut[];
}

/** The interview a draft is about, with its local date. */
export interface InterviewOn {
  readonly interview: Interview;
  /** The interview's date in its own time zone. */
  readonly day: Day;
}

interface Common {
  readonly candidate: Candidate;
  readonly application: Application;
  /** The employer's decision date, when one was given or resolved from their words (F0). */
  readonly decisionBy?: Day;
  /** Free text for an update: the skill, the news item, the idea, or the question. */
  readonly note?: string;
  /** The date written at the top of a letter. */
  readonly today?: Day;
  /** US or British English, from the profile's region (default British). */
  readonly english?: English;
  /**
   * The dictionary behind L12: with it, obvious typos in the debrief are corrected and a point
   * with a word it cannot correct is left out (and listed) rather than carried into the note.
   */
  readonly speller?: Speller;
  /** The companies of the candidate's other applications: debrief input naming one is left out (L8). */
  readonly otherCompanies?: readonly string[];
}

export interface PersonDraftInput extends Common {
  readonly kind: PersonDraftKind;
  readonly person: Person;
  readonly interview: InterviewOn;
}

export interface ReferenceDraftInput extends Common {
  readonly kind: 'reference_brief';
  readonly reference: Reference;
  /** The latest interview, if any: the brief names its stage and date. */
  readonly interview?: InterviewOn;
}

/** Everything a draft is built from, already resolved: no lookups, no clock. */
export type DraftInput = PersonDraftInput | ReferenceDraftInput;
