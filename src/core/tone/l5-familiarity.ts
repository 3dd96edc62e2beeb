/** L5: no first name and no "Hi"/"Hey" to someone who did not invite informality. Needs `recipient`. */
import type { ToneContext } from './context.js';
import { formalAddress, honorificKey } from './names.js';
import { fold, stripPossessive } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
const CASUAL = new Set(['hi', 'hey', 'hiya', 'heya', 'yo', 'howdy', 'sup']);
/** First names that are also common words: only flagged where they address someone ("Dear Will,", ", Will."). */
const WORD_NAMES = new Set([
  'will', 'mark', 'bill', 'may', 'june', 'april', 'august', 'hope', 'joy', 'faith', 'grace', 'rose', 'dawn', 'sky', 'summer',
  'art', 'pat', 'sue', 'don', 'rich', 'frank', 'max', 'chase', 'hunter', 'guy', 'jack', 'ray', 'bob', 'drew', 'ash', 'eve',
  'ivy', 'iris', 'ruby', 'pearl', 'amber', 'crystal', 'destiny', 'harmony', 'patience', 'sunny', 'sandy', 'cliff', 'dale',
  'glen', 'heath', 'lane', 'reed', 'rod', 'wade', 'miles', 'page', 'carol', 'gene', 'penny', 'holly', 'robin', 'victor',
  'violet', 'autumn', 'cash', 'earl', 'forest', 'king', 'noble', 'rusty', 'sterling', 'stone', 'angel', 'jean', 'marina',
]);

export function checkFamiliarity(ctx: ToneContext): FindingData[] {
  const r = ctx.input.recipient;
  const name = ctx.recipient;
  if (r === undefined || name === undefined || r.informal === true) return [];
  const { a } = ctx;
  const formal = formalAddress(name, r.honorific, ctx.input.english);
  const out: FindingData[] = [];
  const g = a.greeting;
  if (g?.word !== undefined && CASUAL.has(g.word.toLowerCase())) {
    const first = a.tokens[g.tokenFrom];
    if (first) out.push({ rule: 'L5', code: 'casual_greeting', start: first.start, end: first.end, severity: 'error', found: first.raw, formal });
  }
  const given = name.given;
  if (given === undefined || fold(given) === fold(name.surname)) return out;
  const key = fold(given);
  // Other parts of every name that starts with this given name: "Grace Okafor", or a namesake "Grace Lin".
  const others = new Set(ctx.people.filter((p) => p.given !== undefined && fold(p.given) === key).flatMap((p) => p.parts.slice(1).map(fold)));
  const wordName = WORD_NAMES.has(key);
  for (const i of ctx.positions(key)) {
    if (out.length >= LIMIT) break;
    const t = a.tokens[i];
    if (t === undefined || fold(stripPossessive(t.raw)) !== key || t.raw.charAt(0) !== t.raw.charAt(0).toUpperCase()) continue;
    const next = a.tokens[i + 1];
    const prev = a.tokens[i - 1];
    // Part of the full name ("Grace Okafor"), or after a title ("Dr. Grace"): not familiarity.
    if (next !== undefined && !next.breakBefore && others.has(fold(stripPossessive(next.raw)))) continue;
    if (prev !== undefined && honorificKey(prev.raw) !== undefined) continue;
    const inGreeting = g !== undefined && i >= g.tokenFrom && i < g.tokenTo;
    if (wordName && !inGreeting && !isVocative(a.text, t.start, t.end)) continue;
    out.push({ rule: 'L5', code: 'first_name', start: t.start, end: t.end, severity: 'error', found: t.raw, formal });
  }
  return out;
}

/** Addressing someone: ", Will." / ", Will," / "Will," at a line start. */
function isVocative(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 20);
  const before = text.slice(from, start);
  const after = text.slice(end, end + 20);
  const lineStart = /\n[ \t]*$/.test(before) || (from === 0 && /^[ \t]*$/.test(before));
  const opened = /,[ \t]*$/.test(before) || lineStart;
  const closed = /^[ \t]*[,.!?\n]/.test(after) || (/^[ \t]*$/.test(after) && end + after.length >= text.length);
  return opened && closed;
}
