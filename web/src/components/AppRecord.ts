/**
 * The application document as the API sends it (the scripting contract's shape: CONTRACT.md). The
 * server types it as plain JSON, so the UI names its fields here, once.
 */
import type { ApplicationJson } from '../api.js';
import type { Debrief } from '../../../src/core/model.js';

export interface PersonRecord {
  readonly id: string;
  readonly name: string;
  readonly honorific?: string;
  readonly title?: string;
  readonly role: string;
  readonly email?: string;
  readonly phone?: string;
  readonly timeZone?: string;
  readonly preferredChannel?: string;
  readonly informal: boolean;
  readonly verified: boolean;
  readonly notes?: string;
}

/** The debrief's JSON is the model's Debrief as it is. */
export type DebriefRecord = Debrief;

export interface InterviewRecord {
  readonly id: string;
  /** `2026-03-03T10:00:00-05:00`, in the interview's zone. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly stage: string;
  readonly format: string;
  readonly panel: boolean;
  readonly panelLeadId?: string;
  readonly peopleIds: readonly string[];
  readonly timeline: { readonly said?: string; readonly decisionBy?: string };
  readonly goAhead: boolean;
  readonly directions?: { readonly channel?: string; readonly on?: string; readonly personId?: string };
  readonly contactId?: string;
  readonly referencesRequested: boolean;
  readonly debrief?: DebriefRecord;
}

export interface TouchRecord {
  /** In the user's zone, with its offset. */
  readonly at: string;
  readonly personId?: string;
  readonly referenceId?: string;
  readonly channel: string;
  readonly kind: string;
  readonly outcome: string;
  readonly text?: string;
  readonly newDecisionBy?: string;
}

export interface ApplicationRecord {
  readonly id: string;
  readonly company: string;
  readonly role: string;
  readonly status: string;
  readonly appliedOn?: string;
  readonly timeZone?: string;
  readonly region?: string;
  readonly postingUrl?: string;
  readonly location?: string;
  readonly workplace?: 'remote' | 'hybrid' | 'on_site';
  readonly salary?: { readonly text: string; readonly min?: number; readonly max?: number; readonly currency?: string; readonly period?: string };
  readonly source?: string;
  readonly sourceId?: string;
  readonly description?: string;
  readonly notes?: string;
  readonly tags?: readonly string[];
  readonly people: readonly PersonRecord[];
  readonly interviews: readonly InterviewRecord[];
  readonly touches: readonly TouchRecord[];
}

/** The typed view of `GET /api/applications/:id`'s `application`. */
export function applicationRecord(json: ApplicationJson['application']): ApplicationRecord {
  return json as unknown as ApplicationRecord;
}

export const CLOSED_STATUSES = ['offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled'] as const;
