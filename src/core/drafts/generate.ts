/** One entry point over every draft kind. */
import { callScript, voicemail } from './calls.js';
import { referenceBrief } from './reference-brief.js';
import { reply } from './replies.js';
import { statusCheck, update } from './status.js';
import { thankYouEmail, thankYouLetter, thankYouPanel } from './thank-you.js';
import type { Draft, DraftInput, DraftKind } from './types.js';

/**
 * Writes the draft of `input.kind` from resolved records. Pure and deterministic: the same input
 * gives the same text. Missing optional records (a detail, a phone number) are worked around and
 * listed in `gaps`; it never throws on incomplete records.
 */
export function generateDraft(input: DraftInput): Draft {
  if (input.kind === 'reference_brief') return referenceBrief(input);
  switch (input.kind) {
    case 'thank_you_email': return thankYouEmail(input);
    case 'thank_you_letter': return thankYouLetter(input);
    case 'thank_you_panel': return thankYouPanel(input);
    case 'status_check': return statusCheck(input);
    case 'update_skill':
    case 'update_news':
    case 'update_solution':
    case 'update_question':
      return update({ ...input, kind: input.kind });
    case 'reply_not_decided':
    case 'reply_filled':
    case 'reply_rejection':
      return reply({ ...input, kind: input.kind });
    case 'call_script': return callScript(input);
    case 'voicemail': return voicemail(input);
  }
}

/** The tone check's `kind` for a draft kind (CONTRACT.md `check`); undefined when none fits. */
export type ToneKind = 'thank_you' | 'status_check' | 'update' | 'reply' | 'voicemail' | 'call_script';

export function toneKindOf(kind: DraftKind): ToneKind | undefined {
  switch (kind) {
    case 'thank_you_email':
    case 'thank_you_letter':
    case 'thank_you_panel':
      return 'thank_you';
    case 'status_check': return 'status_check';
    case 'update_skill':
    case 'update_news':
    case 'update_solution':
    case 'update_question':
      return 'update';
    case 'reply_not_decided':
    case 'reply_filled':
    case 'reply_rejection':
      return 'reply';
    case 'call_script': return 'call_script';
    case 'voicemail': return 'voicemail';
    case 'reference_brief': return undefined;
  }
}
