/** What the planner returns: recommendations and warnings as data (wording in messages.ts). */
import type { Channel } from '../model.js';
import type { Day, EpochMs } from '../time.js';
import type { RuleId } from './protocol.js';

export const RECOMMENDATION_KINDS = ['thank_you', 'status_check', 'call', 'give_up', 'reference_brief', 'reply'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const STATUSES = ['upcoming', 'due', 'overdue', 'done', 'skipped', 'blocked'] as const;
export type RecommendationStatus = (typeof STATUSES)[number];

/** Why a recommendation has its dates: a code with its facts; `renderWhy` turns it into words. */
export type Reason =
  | { readonly code: 'thank_you'; readonly morning: boolean; readonly panel: boolean; readonly channel: Channel; readonly local: boolean }
  | { readonly code: 'check_decision_date'; readonly decisionDay: Day; readonly source: 'said' | 'given' | 'reply'; readonly understood?: string }
  | { readonly code: 'check_directions'; readonly day: Day }
  | { readonly code: 'check_no_timeline'; readonly stage: string; readonly from: 'interview' | 'thank_you' }
  | { readonly code: 'check_again'; readonly goAhead: boolean; readonly sequence: number }
  | { readonly code: 'give_up'; readonly goAhead: boolean; readonly byChecks: boolean }
  | { readonly code: 'reference_brief'; readonly decisionDay?: Day }
  | { readonly code: 'reply'; readonly outcome: 'filled' | 'rejected' | 'offer' | 'not_decided' | 'reply_received' };

/** Why a recommendation is done/skipped, or what changed it. */
export type Note =
  | { readonly code: 'sent'; readonly at: EpochMs; readonly channel: Channel; readonly late: boolean; readonly early: boolean }
  | { readonly code: 'superseded_by_round' }
  | { readonly code: 'closed_by_outcome'; readonly outcome: string }
  | { readonly code: 'answered'; readonly outcome: string }
  | { readonly code: 'late' }
  | { readonly code: 'email_after_calls'; readonly total: number }
  | { readonly code: 'channel_changed'; readonly from: Channel; readonly to: Channel; readonly rule: RuleId };

export interface Recommendation {
  readonly applicationId: string;
  readonly kind: RecommendationKind;
  /** The recipient, when it is a person (undefined when the application names nobody). */
  readonly personId?: string | undefined;
  readonly referenceId?: string;
  readonly ccPersonIds: readonly string[];
  readonly channel: Channel;
  readonly earliest: EpochMs;
  readonly ideal: EpochMs;
  readonly latest: EpochMs;
  /** The recipient's zone: every instant above is shown in it. */
  readonly timeZone: string;
  readonly status: RecommendationStatus;
  readonly rules: readonly RuleId[];
  readonly reason: Reason;
  readonly notes: readonly Note[];
  readonly interviewId?: string;
  /** 1 for the first status check of a cycle, 2 for the next… */
  readonly sequence?: number;
  readonly blockedBy?: RuleId;
  readonly nextAllowed?: EpochMs;
}

export type Warning =
  | { readonly rule: 'P1'; readonly code: 'few_active'; readonly active: number; readonly min: number }
  | { readonly rule: 'P1'; readonly code: 'quiet'; readonly days: number }
  | { readonly rule: 'F0'; readonly code: 'unreadable_timeline'; readonly applicationId: string; readonly interviewId: string; readonly said: string }
  /** The employer's words read two (or more) ways: no date until the user picks one of `choices`. */
  | {
    readonly rule: 'F0'; readonly code: 'ambiguous_timeline'; readonly applicationId: string; readonly interviewId: string; readonly said: string;
    readonly choices: readonly { readonly day: Day; readonly understood: string }[];
  }
  | { readonly rule: 'F6'; readonly code: 'record_next_round'; readonly applicationId: string }
  | { readonly rule: 'F6'; readonly code: 'close_application'; readonly applicationId: string; readonly outcome: 'filled' | 'rejected' | 'offer' }
  | { readonly rule: 'F5'; readonly code: 'move_on'; readonly applicationId: string };

export interface Plan {
  readonly now: EpochMs;
  readonly recommendations: readonly Recommendation[];
  readonly warnings: readonly Warning[];
}
