/** L3: no excitable adjectives, adverbs or intensifiers, no stretched words ("sooo"), no "really really". */
import type { ToneContext } from './context.js';
import { isCapitalized, matchWords, overlaps, words, type Token } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;

/** Excitable words, each with a calmer word to use instead ('' = just drop it). */
const INTENSIFIERS: Readonly<Record<string, string>> = {
  amazing: 'valuable', amazingly: '', awesome: 'excellent', awesomely: '', incredible: 'remarkable', incredibly: '',
  unbelievable: 'remarkable', unbelievably: '', extremely: '', super: '', fantastic: 'excellent', fantastically: '',
  fabulous: 'excellent', phenomenal: 'impressive', 'mind-blowing': 'impressive', 'mind-blown': 'impressed',
  epic: 'memorable', insanely: '', insane: 'remarkable', crazy: '', totally: '', absolutely: '', literally: '',
  thrilled: 'pleased', ecstatic: 'delighted', stoked: 'glad', psyched: 'glad', pumped: 'glad', hyped: 'glad',
  ridiculously: '', wow: '', yay: '', woohoo: '', omg: '', awesomesauce: 'excellent',
};
const PHRASES: Readonly<Record<string, string>> = {
  'over the moon': 'delighted', 'beyond excited': 'glad', 'so excited': 'glad', 'so thrilled': 'pleased',
  'so pumped': 'glad', 'so stoked': 'glad', 'blown away': 'impressed', 'huge fan': 'admirer', 'best ever': '',
  'the best interview ever': 'a valuable interview',
};
const REPEATABLE = new Set(['really', 'very', 'so', 'super', 'extremely', 'truly', 'much', 'totally']);
/** Common words spelled with a double letter, for undoing stretched letters without a dictionary. */
const DOUBLE_LETTER_WORDS = new Set([
  'soon', 'good', 'too', 'cool', 'feel', 'need', 'keep', 'see', 'week', 'looking', 'look', 'book', 'all', 'well',
  'really', 'happy', 'sorry', 'free', 'agree', 'three', 'tomorrow', 'will', 'still', 'excellent', 'call', 'small',
]);

const PHRASE_RE = words(...Object.keys(PHRASES));
const STRETCH = /(\p{L})\1\1/u;
const ROMAN = /^[ivxlcdm]+$/i;

function intensifierAt(ctx: ToneContext, t: Token): boolean {
  // A capitalised word inside a sentence is a name ("Epic Systems", "Super Bowl"); names from the records are fine.
  if (isCapitalized(t.raw) && !t.sentenceStart) return false;
  return !overlaps(ctx.recordSpans, t.start, t.end);
}

/** "sooo" → "so", "pleeease" → "please", "sooooon" → "soon". */
export function unstretch(word: string, known: (w: string) => boolean): string {
  const one = word.replace(/(\p{L})\1{2,}/gu, '$1');
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (DOUBLE_LETTER_WORDS.has(two.toLowerCase())) return two;
  if (known(one.toLowerCase())) return one;
  if (known(two.toLowerCase())) return two;
  return one;
}

export function checkIntensifiers(ctx: ToneContext): FindingData[] {
  const { a } = ctx;
  const out: FindingData[] = [];
  const known = (w: string): boolean => ctx.speller?.correct(w) ?? false;
  const phraseTokens = new Set<number>();
  for (const m of matchWords(a, PHRASE_RE, LIMIT)) {
    const first = a.tokens[m.tokenFrom];
    if (first === undefined || !intensifierAt(ctx, first)) continue;
    for (let i = m.tokenFrom; i < m.tokenTo; i++) phraseTokens.add(i);
    out.push({ rule: 'L3', code: 'intensifier', start: m.start, end: m.end, severity: 'warning', found: m.found, instead: PHRASES[m.found.toLowerCase().replace(/\s+/g, ' ')] ?? '' });
  }
  for (let i = 0; i < a.tokens.length && out.length < LIMIT; i++) {
    const t = a.tokens[i];
    if (t === undefined || phraseTokens.has(i)) continue;
    const prev = a.tokens[i - 1];
    if (REPEATABLE.has(t.lower) && prev !== undefined && prev.lower === t.lower && !t.breakBefore && !phraseTokens.has(i - 1)) {
      if (intensifierAt(ctx, prev)) {
        out.push({ rule: 'L3', code: 'repeated_intensifier', start: prev.start, end: t.end, severity: 'warning', found: ctx.a.text.slice(prev.start, t.end), instead: prev.raw });
        phraseTokens.add(i);
        continue;
      }
    }
    const instead = INTENSIFIERS[t.lower];
    if (instead !== undefined) {
      if (intensifierAt(ctx, t)) out.push({ rule: 'L3', code: 'intensifier', start: t.start, end: t.end, severity: 'warning', found: t.raw, ...(instead ? { instead } : {}) });
      continue;
    }
    if (t.raw.length >= 3 && t.raw.length <= 40 && STRETCH.test(t.raw) && !ROMAN.test(t.raw) && !/^(\p{L})\1+$/u.test(t.raw)
      && !/\p{N}/u.test(t.raw) && !/^www/i.test(t.raw) && !overlaps(ctx.recordSpans, t.start, t.end)) {
      out.push({ rule: 'L3', code: 'stretched', start: t.start, end: t.end, severity: 'warning', found: t.raw, instead: unstretch(t.raw, known) });
    }
  }
  return out;
}
