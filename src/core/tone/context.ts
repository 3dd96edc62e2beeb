/** What every rule sees: the analysed text, the records parsed once, and where the records' names appear. */
import { companyCore, parseName, type PersonName } from './names.js';
import { analyze, fold, mergeRanges, stripPossessive, wordList, type Analysis, type Range, type Token } from './text.js';
import type { Speller, ToneInput, ToneSettings } from './types.js';

/** Enough for any real note; bounds the work on adversarial input. */
const MAX_SPANS = 1000;

export interface ToneContext {
  readonly input: ToneInput;
  readonly a: Analysis;
  readonly speller?: Speller;
  readonly settings: ToneSettings;
  readonly recipient?: PersonName;
  readonly candidate?: PersonName;
  /** Recipient, people on the application and the candidate. */
  readonly people: readonly PersonName[];
  /** Folded words of every name, company, title and role in the records. */
  readonly knownWords: ReadonlySet<string>;
  /** Spans of the text that spell a name, company, title or role from the records exactly (sorted, merged). */
  readonly recordSpans: readonly Range[];
  /** Token indices by folded word (possessive 's removed). */
  positions(word: string): readonly number[];
}

export function tokenKey(t: Token): string {
  return fold(stripPossessive(t.raw));
}

/** As written, without accents or a possessive, apostrophes straight: "Zoë’s" → "Zoe". Case is kept. */
function plainWord(word: string): string {
  const bare = stripPossessive(word);
  return /[\u0080-\uFFFF]/.test(bare) ? bare.normalize('NFD').replace(/\p{M}+/gu, '').replace(/\u2019/g, "'") : bare;
}

function sameWord(tok: Token, word: string, exact: boolean): boolean {
  if (!exact) return tokenKey(tok) === fold(stripPossessive(word));
  const raw = plainWord(tok.raw);
  const w = plainWord(word);
  return raw === w || (tok.raw === tok.raw.toUpperCase() && raw === w.toUpperCase());
}

/**
 * Token spans where `words` appear in a row; `exact` compares as written (accents, apostrophes and a
 * possessive aside), else folded. A word "and" also matches an "&" between its neighbours
 * ("Marks & Spencer" for "Marks and Spencer").
 */
export function findWords(ctx: Pick<ToneContext, 'a' | 'positions'>, words: readonly string[], exact: boolean): Array<{ from: number; to: number }> {
  const first = words[0];
  if (first === undefined) return [];
  const out: Array<{ from: number; to: number }> = [];
  for (const i of ctx.positions(fold(stripPossessive(first)))) {
    let at = i;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      const w = words[k] ?? '';
      const tok = ctx.a.tokens[at];
      if (k > 0 && w.toLowerCase() === 'and' && tok !== undefined && !tok.breakBefore && tok.lower !== 'and') {
        const prev = ctx.a.tokens[at - 1];
        ok = prev !== undefined && /^\s*&\s*$/.test(ctx.a.text.slice(prev.end, tok.start));
        continue;
      }
      ok = tok !== undefined && (k === 0 || !tok.breakBefore) && sameWord(tok, w, exact);
      at++;
    }
    if (ok) out.push({ from: i, to: at });
  }
  return out;
}

export function buildContext(input: ToneInput, speller: Speller | undefined, settings: ToneSettings): ToneContext {
  const a = analyze(input.text);
  const index = new Map<string, number[]>();
  a.tokens.forEach((t, i) => {
    const key = tokenKey(t);
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  const positions = (word: string): readonly number[] => index.get(word) ?? [];

  const recipient = input.recipient ? parseName(input.recipient.name) : undefined;
  const candidate = input.candidate ? parseName(input.candidate.name) : undefined;
  const people: PersonName[] = [];
  for (const p of [recipient, ...(input.people ?? []).map(parseName), candidate]) if (p && p.parts.length > 0) people.push(p);

  const phrases: string[][] = [];
  for (const p of people) phrases.push([...p.parts]);
  const companies = [input.application?.company, ...(input.otherCompanies ?? [])].filter((c): c is string => c !== undefined);
  for (const c of companies) phrases.push(wordList(c), companyCore(c));
  for (const t of [input.recipient?.title, input.application?.role]) if (t) phrases.push(wordList(t));

  const knownWords = new Set<string>();
  for (const ph of phrases) for (const w of ph) knownWords.add(fold(w));
  const recordSpans: Range[] = [];
  for (const ph of phrases) {
    if (ph.length === 0) continue;
    for (const { from, to } of findWords({ a, positions }, ph, true)) {
      const s = a.tokens[from];
      const e = a.tokens[to - 1];
      if (s && e && recordSpans.length < MAX_SPANS) recordSpans.push({ start: s.start, end: e.end });
    }
  }
  // Names that end in punctuation ("Yahoo!") keep it.
  for (const c of companies) {
    if (!/[!?.]$/.test(c.trim())) continue;
    const needle = c.trim();
    for (let at = input.text.indexOf(needle); at !== -1 && recordSpans.length < MAX_SPANS; at = input.text.indexOf(needle, at + 1)) {
      recordSpans.push({ start: at, end: at + needle.length });
    }
  }

  return {
    input, a, settings, people, knownWords, recordSpans: mergeRanges(recordSpans), positions,
    ...(speller ? { speller } : {}),
    ...(recipient && recipient.parts.length > 0 ? { recipient } : {}),
    ...(candidate && candidate.parts.length > 0 ? { candidate } : {}),
  };
}
