/**
 * The application document as the API sends it (the scripting contract's shape: CONTRACT.md),
 * typed by the server's own response (`GET /api/applications/:id`, built by
 * src/core/scenario-json.ts): nothing re-declared here.
 */
import type { ApplicationJson } from '../api.js';

export type ApplicationRecord = ApplicationJson['application'];
export type PersonRecord = ApplicationRecord['people'][number];
export type InterviewRecord = ApplicationRecord['interviews'][number];
export type TouchRecord = ApplicationRecord['touches'][number];
export type DebriefRecord = NonNullable<InterviewRecord['debrief']>;

export const CLOSED_STATUSES = ['offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled'] as const;
