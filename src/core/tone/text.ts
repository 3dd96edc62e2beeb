/**
 * One pass over the text shared by every rule: word tokens with their UTF-16 spans, lines, the
 * greeting, the body and the sign-off, and a normalised word string for phrase patterns.
 * Every scan here is linear in the length of the text.
 */

export interface Token {
  readonly start: number;
  readonly end: number;
  /** As written. */
  readonly raw: string;
  /** Lower case, with typographic apostrophes made straight. */
  readonly lower: string;
  /** First word of a sentence or of a line. */
  readonly sentenceStart: boolean;
  /** The text between the previous token and this one holds sentence punctuation or a line break. */
  readonly breakBefore: boolean;
  /** Index of its line in `Analysis.lines`. */
  readonly line: number;
}

export interface Line {
  readonly start: number;
  /** Exclusive; the line break is not part of the line. */
  readonly end: number;
  /** Index of its first token and one past its last (equal when the line has no words). */
  readonly tokenFrom: number;
  readonly tokenTo: number;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface Analysis {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly lines: readonly Line[];
  /** The greeting ("Dear Dr. Okafor,"): tokens [tokenFrom, tokenTo) and its span, when the text opens with one. */
  readonly greeting?: Range & { readonly tokenFrom: number; readonly tokenTo: number; readonly word?: string };
  /** From the valediction ("Sincerely,") or the closing name line to the end, when there is one. */
  readonly signoff?: Range & { readonly tokenFrom: number; readonly valediction: boolean };
  /** Between the greeting and the sign-off, trimmed (the whole text when it has neither). */
  readonly body: Range & { readonly tokenFrom: number; readonly tokenTo: number };
  /** Lower-case tokens joined by " ", with " | " where a sentence or line breaks. */
  readonly norm: string;
  /** Offset in `norm` of each token. */
  readonly normStarts: readonly number[];
}

// A word: letters, marks and digits, with inner apostrophes or hyphens ("don't", "follow-up").
// The separator class is disjoint from the word class, so matching is linear.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\-\u2010][\p{L}\p{M}\p{N}]+)*/gu;
// A single line break may be a hard wrap inside a sentence; an empty line is a paragraph break.
const DIGITS = /^\p{N}+$/u;
const SENTENCE_BREAK = /[.!?\u2026;:()[\]{}"\u201C\u201D\u2014]|\n[ \t\r]*\n/;
const SENTENCE_END = /[.!?\u2026\n]/;

const GREETING_WORDS = new Set(['dear', 'hi', 'hey', 'hello', 'hiya', 'heya', 'greetings', 'yo', 'howdy', 'good', 'to']);
const VALEDICTIONS = [
  'sincerely', 'sincerely yours', 'yours sincerely', 'yours truly', 'yours faithfully', 'yours', 'best', 'best regards',
  'kind regards', 'kindest regards', 'warm regards', 'warmest regards', 'warm wishes', 'regards', 'many thanks', 'thanks',
  'thank you', 'thanks again', 'thank you again', 'with gratitude', 'with thanks', 'with appreciation', 'gratefully',
  'respectfully', 'respectfully yours', 'cheers', 'all the best', 'best wishes', 'warmly', 'cordially', 'with best regards',
  'with kind regards', 'thanks so much', 'thank you so much', 'looking forward', 'take care', 'love', 'xoxo', 'ttyl',
  'talk soon', 'later',
];
const VALEDICTION_SET = new Set(VALEDICTIONS);

const NON_ASCII = /[\u0080-\uFFFF]/;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(/\u2019/g, "'").replace(/\u2010/g, '-') : lower;
}

/** Lower case without diacritics: "Zoë Ñúñez" → "zoe nunez". */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\u2019/g, "'");
}

/** "Okafor's" → "Okafor". */
export function stripPossessive(word: string): string {
  const last = word.charCodeAt(word.length - 1);
  if (last !== 0x27 && last !== 0x2019 && last !== 0x73 && last !== 0x53) return word;
  return word.replace(/['\u2019]s$/iu, '').replace(/s['\u2019]$/u, 's');
}

export function isCapitalized(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

export function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function tokenize(text: string): { tokens: Token[]; lineOf: number[] } {
  const tokens: Token[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let line = 0;
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= start) line++;
    const gap = text.slice(prevEnd, start);
    const first = tokens.length === 0;
    // "3.5%", "1,200": a point or comma between digits is inside a number, not a sentence's end.
    const inNumber = (gap === '.' || gap === ',') && DIGITS.test(m[0]) && DIGITS.test(tokens[tokens.length - 1]?.raw ?? '');
    tokens.push({
      start, end: start + m[0].length, raw: m[0], lower: normalizeWord(m[0]),
      sentenceStart: first || !inNumber && SENTENCE_END.test(gap) && !isAbbreviationGap(tokens[tokens.length - 1], gap),
      breakBefore: !first && !inNumber && SENTENCE_BREAK.test(gap),
      line,
    });
    prevEnd = start + m[0].length;
  }
  return { tokens, lineOf: lineStarts };
}

const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'st', 'vs', 'jr', 'sr']);

/** "Dr. Okafor": the full stop of a title does not end the sentence. */
function isAbbreviationGap(prev: Token | undefined, gap: string): boolean {
  return prev !== undefined && /^\.\s*$/.test(gap) && gap.indexOf('\n') === -1 && ABBREVIATIONS.has(prev.lower);
}

function lineTokens(tokens: readonly Token[], lineStarts: readonly number[], text: string): Line[] {
  const lines: Line[] = [];
  let t = 0;
  lineStarts.forEach((start, i) => {
    const next = lineStarts[i + 1];
    const end = next === undefined ? text.length : next - 1;
    const from = t;
    while (t < tokens.length && (tokens[t]?.start ?? Infinity) < end) t++;
    lines.push({ start, end: end >= start && text.charAt(end - 1) === '\r' ? end - 1 : end, tokenFrom: from, tokenTo: t });
  });
  return lines;
}

function wordsOf(tokens: readonly Token[], from: number, to: number): string {
  return tokens.slice(from, to).map((t) => t.lower).join(' ');
}

/** A valediction that opens line `line`: how many tokens it takes, or 0. */
function valedictionLength(tokens: readonly Token[], line: Line): number {
  for (let n = Math.min(4, line.tokenTo - line.tokenFrom); n >= 1; n--) {
    if (VALEDICTION_SET.has(wordsOf(tokens, line.tokenFrom, line.tokenFrom + n))) return n;
  }
  return 0;
}

function findGreeting(text: string, tokens: readonly Token[], lines: readonly Line[]): Analysis['greeting'] {
  let li = lines.findIndex((l) => l.tokenTo > l.tokenFrom);
  const first = lines[li];
  if (first === undefined) return undefined;
  // An email draft starts with its subject line.
  if (/^(?:subject|re|fwd?)$/.test(tokens[first.tokenFrom]?.lower ?? '') && /^\s*[^\s:]+\s*:/.test(text.slice(first.start, first.end))) {
    li = lines.findIndex((l, i) => i > li && l.tokenTo > l.tokenFrom);
  }
  const line = lines[li];
  if (line === undefined) return undefined;
  const head = tokens[line.tokenFrom];
  if (head === undefined) return undefined;
  const lineText = text.slice(line.start, line.end);
  // The greeting ends at the first comma, colon, dash or line end within its first eight words.
  let to = line.tokenFrom + 1;
  let end = head.end;
  let closed = false;
  for (let t = line.tokenFrom; t < Math.min(line.tokenTo, line.tokenFrom + 8); t++) {
    const tok = tokens[t];
    if (tok === undefined) break;
    to = t + 1;
    end = tok.end;
    const after = text.slice(tok.end, tokens[t + 1]?.start ?? line.end).replace(/^\./, '');
    if (/^\s*[,:\u2014!]/.test(after) || t + 1 === line.tokenTo) {
      closed = true;
      const punct = /^\s*[,:\u2014!]+/.exec(after);
      end = tok.end + (text.slice(tok.end, tok.end + 1) === '.' ? 1 : 0) + (punct ? punct[0].length : 0);
      break;
    }
  }
  if (!closed) {
    // No punctuation closes it ("Hi Grace I wanted…"): the greeting word and the capitalised words after it.
    to = line.tokenFrom + 1;
    const nameLike = (raw: string): boolean => isCapitalized(raw) && !/^I(?:['\u2019]|$)/.test(raw);
    while (to < Math.min(line.tokenTo, line.tokenFrom + 4) && nameLike(tokens[to]?.raw ?? '')) to++;
    end = tokens[to - 1]?.end ?? head.end;
  }
  if (GREETING_WORDS.has(head.lower)) {
    if (head.lower === 'good' && !/^(?:morning|afternoon|evening|day)$/.test(tokens[line.tokenFrom + 1]?.lower ?? '')) return undefined;
    if (head.lower === 'to' && tokens[line.tokenFrom + 1]?.lower !== 'whom') return undefined;
    return { start: head.start, end, tokenFrom: line.tokenFrom, tokenTo: to, word: head.raw };
  }
  // "Grace," alone on the first line: a greeting by name.
  if (closed && to - line.tokenFrom <= 3 && /^[^,]*,\s*$/.test(lineText) && isCapitalized(head.raw)) {
    return { start: head.start, end, tokenFrom: line.tokenFrom, tokenTo: to };
  }
  return undefined;
}

function findSignoff(text: string, tokens: readonly Token[], lines: readonly Line[], after: number): Analysis['signoff'] {
  const nonEmpty: number[] = [];
  for (let i = lines.length - 1; i >= 0 && nonEmpty.length < 7; i--) {
    const l = lines[i];
    if (l !== undefined && l.tokenTo > l.tokenFrom) nonEmpty.push(i);
  }
  // The valediction nearest the end, within the last lines, opening its own line: alone or
  // followed by punctuation and at most a name ("Best regards,", "Thanks again, Jordan Lee").
  for (const i of nonEmpty) {
    const l = lines[i];
    if (l === undefined || l.tokenFrom < after) break;
    const n = valedictionLength(tokens, l);
    const tok = tokens[l.tokenFrom];
    const lastOfValediction = tokens[l.tokenFrom + n - 1];
    if (n === 0 || tok === undefined || lastOfValediction === undefined) continue;
    const rest = tokens.slice(l.tokenFrom + n, l.tokenTo);
    const next = rest[0];
    const between = text.slice(lastOfValediction.end, next ? next.start : l.end);
    const alone = rest.length === 0 && !/[.?:;]/.test(between);
    const withName = next !== undefined && /^\s*[,!\u2014-]/.test(between) && rest.length <= 4 && rest.every((w) => isCapitalized(w.raw));
    if (alone || withName) return { start: tok.start, end: trimmedEnd(text), tokenFrom: l.tokenFrom, valediction: true };
  }
  // No valediction: a short last line of capitalised words and no full stop is a name.
  const last = lines[nonEmpty[0] ?? -1];
  if (last !== undefined && last.tokenFrom >= after && nonEmpty.length > 1) {
    const words = tokens.slice(last.tokenFrom, last.tokenTo);
    const lineText = text.slice(last.start, last.end).trim();
    if (words.length <= 4 && words.every((w) => isCapitalized(w.raw) || /^[a-z]{1,3}$/.test(w.raw)) && !/[.!?:;]$/.test(lineText)) {
      const tok = tokens[last.tokenFrom];
      if (tok !== undefined) return { start: tok.start, end: trimmedEnd(text), tokenFrom: last.tokenFrom, valediction: false };
    }
  }
  return undefined;
}

function trimmedEnd(text: string): number {
  let e = text.length;
  while (e > 0 && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

function buildNorm(tokens: readonly Token[]): { norm: string; normStarts: number[] } {
  const parts: string[] = [];
  const normStarts: number[] = [];
  let at = 0;
  tokens.forEach((t, i) => {
    if (i > 0) {
      const sep = t.breakBefore ? ' | ' : ' ';
      parts.push(sep);
      at += sep.length;
    }
    normStarts.push(at);
    parts.push(t.lower);
    at += t.lower.length;
  });
  return { norm: parts.join(''), normStarts };
}

function trimmedRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return { start: s, end: e };
}

/** Analyses `text`; never throws, whatever the text holds. */
export function analyze(text: string): Analysis {
  const { tokens, lineOf } = tokenize(text);
  const lines = lineTokens(tokens, lineOf, text);
  const greeting = findGreeting(text, tokens, lines);
  const signoff = findSignoff(text, tokens, lines, greeting ? greeting.tokenTo : 0);
  const bodyFrom = greeting ? greeting.tokenTo : 0;
  const bodyTo = signoff ? signoff.tokenFrom : tokens.length;
  const range = trimmedRange(text, greeting ? greeting.end : 0, signoff ? signoff.start : text.length);
  const { norm, normStarts } = buildNorm(tokens);
  return {
    text, tokens, lines,
    ...(greeting ? { greeting } : {}),
    ...(signoff ? { signoff } : {}),
    body: { ...range, tokenFrom: bodyFrom, tokenTo: Math.max(bodyFrom, bodyTo) },
    norm, normStarts,
  };
}

export interface NormMatch {
  readonly start: number;
  readonly end: number;
  readonly tokenFrom: number;
  readonly tokenTo: number;
  /** The matched words as written. */
  readonly found: string;
}

/** Index of the first token whose norm offset is ≥ `at`. */
function tokenAtNorm(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Matches of `pattern` (global, over `norm`: lower-case words separated by single spaces, " | " at
 * sentence breaks) mapped back to spans of the text. At most `limit` matches.
 */
export function matchWords(a: Analysis, pattern: RegExp, limit = 100): NormMatch[] {
  const out: NormMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(a.norm); m !== null && out.length < limit; m = pattern.exec(a.norm)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const from = tokenAtNorm(a.normStarts, m.index);
    const to = tokenAtNorm(a.normStarts, m.index + m[0].length);
    const first = a.tokens[from];
    const last = a.tokens[to - 1];
    if (first === undefined || last === undefined) continue;
    out.push({ start: first.start, end: last.end, tokenFrom: from, tokenTo: to, found: a.text.slice(first.start, last.end) });
  }
  return out;
}

/**
 * Word edges in `norm`: its words are joined by " " and " | " only, so an edge is the string's
 * start or end, a space or a bar. Plain ASCII classes, not unicode mode: V8 compiles these patterns
 * about ten times faster than with `\\p{L}` look-arounds, and the tone check builds dozens of
 * long alternations on its first run (measured in `npm run bench -- drafts`, cold row).
 */
const B = '(?<![^ |])';
const E = '(?![^ |])';

/** A global pattern over `norm` from alternatives (ASCII regex source), each bounded by word edges. */
export function words(...alternatives: readonly string[]): RegExp {
  return new RegExp(`${B}(?:${alternatives.join('|')})${E}`, 'g');
}

/** Word tokens of a short string from the records ("Acme Corp" → ["Acme", "Corp"]). */
export function wordList(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => m[0]);
}

/** Sorted, non-overlapping ranges covering the same characters as `ranges`. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x.start - y.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push(r);
  }
  return out;
}

/** True when [start, end) overlaps one of `merged` (sorted, non-overlapping: see mergeRanges). O(log n). */
export function overlaps(merged: readonly Range[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((merged[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const r = merged[lo];
  return r !== undefined && r.start < end && start < r.end;
}
