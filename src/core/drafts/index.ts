/** Draft generation (PROTOCOL.md §4, W1–W4, X1–X3): pure, deterministic, one function per kind. */
export { generateDraft, toneKindOf, type ToneKind } from './generate.js';
export {
  REQUEST_KINDS, otherCompaniesOf, resolveDraftInput, thankYouInputs, writingFor,
  type DraftLookupError, type DraftRequest, type Resolved,
} from './context.js';
export {
  DRAFT_KINDS, EMAIL_KINDS, isDraftKind,
  type Addressee, type Draft, type DraftGap, type DraftInput, type DraftKind, type InterviewOn,
  type PersonDraftInput, type PersonDraftKind, type ReferenceDraftInput, type DebriefField, type LeftOut,
} from './types.js';
export { CALL_SCRIPT_WORDS, VOICEMAIL_WORDS } from './calls.js';
export { addressName, countWords, dayInWords } from './words.js';
export { toneInputOf } from './tone-input.js';
export { previewSentence } from './thank-you.js';
export { englishOf, type English } from './words.js';
