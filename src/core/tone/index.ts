/**
 * The tone check of PROTOCOL.md §4 (L1–L13): pure, deterministic and linear in the text's length.
 * Each rule is its own module returning findings as data; messages.ts words them.
 */
import { buildContext, type ToneContext } from './context.js';
import { checkEmoji } from './l1-emoji.js';
import { checkExclamations } from './l2-exclamation.js';
import { checkIntensifiers } from './l3-intensifiers.js';
import { checkPressure } from './l4-pressure.js';
import { checkFamiliarity } from './l5-familiarity.js';
import { checkNames } from './l6-names.js';
import { checkSiblings, similarityFindings } from './l7-similarity.js';
import { checkCompany } from './l8-company.js';
import { checkLength } from './l9-length.js';
import { checkParts } from './l10-parts.js';
import { checkGifts } from './l11-gifts.js';
import { checkSpelling } from './l12-spelling.js';
export { FREQUENT_WORDS, undoubled } from './l12-spelling.js';
import { checkGrammarSeams } from './l13-grammar.js';
import { renderFinding } from './messages.js';
import { TONE_DEFAULTS, type Finding, type FindingData, type ToneDeps, type ToneInput, type ToneRule, type ToneSettings } from './types.js';

export * from './types.js';
export { renderFinding, type Wording } from './messages.js';
export { noteSimilarity } from './l7-similarity.js';
export { formatToneIssue, MAX_TEXT, parseToneInput, type ToneInputIssue, type ToneInputResult } from './input.js';

const RULES: ReadonlyArray<readonly [ToneRule, (ctx: ToneContext) => FindingData[]]> = [
  ['L1', checkEmoji], ['L2', checkExclamations], ['L3', checkIntensifiers], ['L4', checkPressure],
  ['L5', checkFamiliarity], ['L6', checkNames], ['L7', checkSiblings], ['L8', checkCompany], ['L9', checkLength],
  ['L10', checkParts], ['L11', checkGifts], ['L12', checkSpelling], ['L13', checkGrammarSeams],
];

function settingsOf(partial: Partial<ToneSettings> | undefined): ToneSettings {
  return { ...TONE_DEFAULTS, ...partial, maxWords: { ...TONE_DEFAULTS.maxWords, ...partial?.maxWords } };
}

/** Renders findings and orders them by position (then rule order) for output. */
export function toFindings(data: readonly FindingData[]): Finding[] {
  const order = new Map(RULES.map(([id], i) => [id, i]));
  return [...data]
    .sort((x, y) => x.start - y.start || x.end - y.end || (order.get(x.rule) ?? 0) - (order.get(y.rule) ?? 0))
    .map((d) => ({ rule: d.rule, code: d.code, start: d.start, end: d.end, severity: d.severity, ...renderFinding(d) }));
}

/** The findings as data, unworded, in rule order. */
export function checkToneData(input: ToneInput, deps: ToneDeps = {}): FindingData[] {
  const ctx = buildContext(input, deps.speller, settingsOf(deps.settings));
  const out: FindingData[] = [];
  for (const [id, rule] of RULES) if (deps.only === undefined || deps.only.has(id)) out.push(...rule(ctx));
  return out;
}

/**
 * Checks `input.text` against the tone rules L1–L13 (PROTOCOL.md §4). Rules that need a context
 * field the input lacks do not run; L12 runs only with `deps.speller`. Returns findings with
 * UTF-16 spans into `text`, sorted by start; a clean text gives []. Never throws on any text
 * (empty, huge, invalid UTF-16): a failing rule is a bug, so it is skipped rather than losing the
 * other findings. At most 100 findings per check of a rule, which no real note comes near.
 */
export function checkTone(input: ToneInput, deps: ToneDeps = {}): Finding[] {
  const text = typeof input.text === 'string' ? input.text : '';
  let ctx: ToneContext;
  try {
    ctx = buildContext({ ...input, text }, deps.speller, settingsOf(deps.settings));
  } catch {
    return [];
  }
  const out: FindingData[] = [];
  for (const [, rule] of RULES) {
    try {
      out.push(...rule(ctx));
    } catch {
      // A rule that throws is a bug; the other rules' findings still stand.
    }
  }
  return toFindings(out);
}

/**
 * L7 over a set of notes for one application (e.g. every thank-you after a panel): for each note,
 * its near-duplicate findings against the others, rendered, in the order of `texts`.
 */
export function checkNoteSet(texts: readonly string[], settings?: Partial<ToneSettings>): Finding[][] {
  return similarityFindings(texts, settingsOf(settings).similarity).map(toFindings);
}
