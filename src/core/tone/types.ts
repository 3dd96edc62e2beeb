/** The tone check's inputs and its findings as data (PROTOCOL.md §4, L1–L13); wording is in messages.ts. */
import type { English } from '../english.js';

export const TONE_KINDS = ['thank_you', 'status_check', 'update', 'reply', 'voicemail', 'call_script'] as const;
export type ToneKind = (typeof TONE_KINDS)[number];

export const TONE_RULES = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10', 'L11', 'L12', 'L13'] as const;
export type ToneRule = (typeof TONE_RULES)[number];

export interface ToneRecipient {
  readonly name: string;
  readonly honorific?: string;
  readonly title?: string;
  /** They invited first-name terms (W1); absent means they did not. */
  readonly informal?: boolean;
}

/** The text to check and what is known about it (CONTRACT.md `afterword check`). Only `text` is required. */
export interface ToneInput {
  readonly kind?: ToneKind;
  readonly text: string;
  readonly recipient?: ToneRecipient;
  readonly application?: { readonly company: string; readonly role?: string };
  readonly candidate?: { readonly name: string };
  /** Companies of the candidate's other applications (L8). */
  readonly otherCompanies?: readonly string[];
  /** Everyone on this application (L6). */
  readonly people?: readonly string[];
  /** Other notes for the same application (L7). */
  readonly siblings?: readonly string[];
  /** The English of the suggestions ("Dear Dr Okafor,", "Yours sincerely," in British English); as written when absent. */
  readonly english?: English;
}

/** A dictionary-backed spell checker (L12); see app/speller.ts for the real one. */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

/** The numbers of L7 and L9 (PROTOCOL.md); each is a setting a user may change. */
export interface ToneSettings {
  /** L9: the most words in a thank-you body, a status-check body, a voicemail. */
  readonly maxWords: { readonly thank_you: number; readonly status_check: number; readonly voicemail: number };
  /** L9: the longest call script, in minutes, spoken at `wordsPerMinute`. */
  readonly callMinutes: number;
  readonly wordsPerMinute: number;
  /** L7: word-shingle similarity above which two notes are near-identical (0–1). */
  readonly similarity: number;
}

export const TONE_DEFAULTS: ToneSettings = {
  maxWords: { thank_you: 200, status_check: 150, voicemail: 40 },
  callMinutes: 5,
  wordsPerMinute: 150,
  similarity: 0.6,
};

export interface ToneDeps {
  /** Without one, L12 does not run. */
  readonly speller?: Speller;
  readonly settings?: Partial<ToneSettings>;
  /** Only these rules run (checkToneData only): a draft vetting one phrase needs a few, not all thirteen. */
  readonly only?: ReadonlySet<ToneRule>;
}

export type Severity = 'error' | 'warning';

/**
 * L4's kinds of passive aggression, each with its own calmer wording: pointing at an earlier
 * message ("as per my last email"), at having said it before, at writing once more ("following
 * up again"), bumping, "I'm sure you're busy, but", a deadline set for the employer, and counting
 * the messages sent.
 */
export const PASSIVE_PHRASES = ['earlier_message', 'said_before', 'again', 'bump', 'busy_but', 'deadline', 'repeated'] as const;
export type PassivePhrase = (typeof PASSIVE_PHRASES)[number];

interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a rule found: its code and facts, with the UTF-16 span of `text` it is about. No words. */
export type FindingData = Span & (
  | { readonly rule: 'L1'; readonly code: 'emoji' | 'emoticon'; readonly found: string }
  | { readonly rule: 'L2'; readonly code: 'exclamation_run'; readonly found: string }
  | { readonly rule: 'L2'; readonly code: 'extra_exclamation'; readonly count: number }
  | { readonly rule: 'L3'; readonly code: 'intensifier'; readonly found: string; readonly instead?: string }
  | { readonly rule: 'L3'; readonly code: 'stretched'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L3'; readonly code: 'repeated_intensifier'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L4'; readonly code: 'desperation' | 'pressure' | 'reproach' | 'frustration'; readonly found: string }
  | { readonly rule: 'L4'; readonly code: 'passive_aggression'; readonly phrase: PassivePhrase; readonly found: string }
  | { readonly rule: 'L5'; readonly code: 'casual_greeting'; readonly found: string; readonly formal: string }
  | { readonly rule: 'L5'; readonly code: 'first_name'; readonly found: string; readonly formal: string }
  | { readonly rule: 'L6'; readonly code: 'name_misspelled'; readonly found: string; readonly expected: string }
  | { readonly rule: 'L6'; readonly code: 'wrong_honorific'; readonly found: string; readonly expected: string }
  | { readonly rule: 'L6'; readonly code: 'title_misspelled'; readonly found: string; readonly expected: string }
  | { readonly rule: 'L6'; readonly code: 'title_wrong'; readonly found: string; readonly expected: string }
  | { readonly rule: 'L6'; readonly code: 'unknown_person'; readonly found: string; readonly recipient?: string }
  | { readonly rule: 'L7'; readonly code: 'near_duplicate'; readonly similarity: number; readonly other: number }
  | { readonly rule: 'L8'; readonly code: 'other_company'; readonly found: string; readonly company?: string }
  | { readonly rule: 'L8'; readonly code: 'missing_company'; readonly company: string }
  | { readonly rule: 'L8'; readonly code: 'missing_role'; readonly role: string }
  | { readonly rule: 'L9'; readonly code: 'too_long'; readonly kind: ToneKind; readonly words: number; readonly limit: number; readonly minutes?: number }
  | { readonly rule: 'L10'; readonly code: 'no_greeting'; readonly formal?: string }
  | { readonly rule: 'L10'; readonly code: 'no_thanks'; readonly kind: ToneKind }
  | { readonly rule: 'L10'; readonly code: 'no_signoff'; readonly candidate?: string; readonly spoken: boolean; readonly valediction?: string }
  | { readonly rule: 'L10'; readonly code: 'no_detail' }
  | { readonly rule: 'L11'; readonly code: 'gift' | 'visit'; readonly found: string }
  | { readonly rule: 'L12'; readonly code: 'misspelling'; readonly found: string; readonly suggestions: readonly string[] }
  | { readonly rule: 'L12'; readonly code: 'repeated_word'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L12'; readonly code: 'grammar'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L13'; readonly code: 'stray_capital' | 'lowercase_start' | 'doubled_word' | 'confused_word'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L13'; readonly code: 'doubled_punctuation' | 'space_before_punctuation'; readonly found: string; readonly instead: string }
  | { readonly rule: 'L13'; readonly code: 'pasted_clause'; readonly found: string; readonly after: string; readonly doubled: boolean }
  | { readonly rule: 'L13'; readonly code: 'unbalanced'; readonly found: string; readonly missing: string }
) & { readonly severity: Severity };

export type FindingCode = FindingData['code'];

/** One finding as the contract prints it; `code` says which check of the rule fired. */
export interface Finding {
  readonly rule: ToneRule;
  readonly code: FindingCode;
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly message: string;
  readonly suggestion: string;
}
