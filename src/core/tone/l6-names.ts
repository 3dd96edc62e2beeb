/**
 * L6: names and titles spelled as on record (case, accents, letters), the recorded honorific, and
 * no one from outside this application. Needs `recipient` or `people`.
 */
import { honorificIn } from '../english.js';
import type { ToneContext } from './context.js';
import { distance, honorificKey, sameFolded } from './names.js';
import { sameJob, titleAt, titleStarts, titleWords } from './titles.js';
import { fold, isAllCaps, isCapitalized, stripPossessive, wordList, type Token } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
/** Honorifics that stand before a surname (not "Director", which is also a job). */
const NAME_TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof']);
/** Greetings that name a role or a group, not a person. */
const GENERIC = new Set([
  'hiring', 'manager', 'managers', 'sir', 'madam', 'team', 'all', 'everyone', 'recruiter', 'recruiting', 'committee',
  'panel', 'whom', 'colleagues', 'friends', 'folks', 'there', 'search', 'selection', 'interview', 'interviewers',
  'human', 'resources', 'hr', 'talent', 'acquisition', 'department', 'members', 'of', 'the', 'and', 'to', 'it', 'may',
  'concern', 'sirs', 'ladies', 'gentlemen', 'mesdames', 'messrs',
]);
/** Capitalised words that are never names, for when there is no dictionary. */
const COMMON = new Set([
  'dear', 'hello', 'hi', 'hey', 'sincerely', 'best', 'regards', 'thanks', 'thank', 'the', 'this', 'that', 'these', 'those',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'team', 'please', 'yours', 'kind', 'warm',
  'your', 'our', 'their', 'since', 'after', 'before', 'again', 'also', 'when', 'then', 'there', 'here', 'what', 'which',
]);

function nameKey(t: Token): string {
  return stripPossessive(t.raw);
}

export function checkNames(ctx: ToneContext): FindingData[] {
  const { a, input } = ctx;
  if (input.recipient === undefined && input.people === undefined) return [];
  const out: FindingData[] = [];
  const parts = [...new Set(ctx.people.flatMap((p) => p.parts))].filter((p) => p.length >= 2);
  const exact = new Set(parts);
  const foldedParts = new Map(parts.map((p) => [p, fold(p)]));
  const byFold = new Map<string, string>();
  for (const [p, f] of foldedParts) if (!byFold.has(f)) byFold.set(f, p);
  const misspelled = new Set<number>();

  // (a) A name written differently from the record: other case or accents, or a letter or two off.
  for (let i = 0; i < a.tokens.length && out.length < LIMIT; i++) {
    const t = a.tokens[i];
    if (t === undefined) continue;
    const word = nameKey(t);
    if (word.length < 3 || !isCapitalized(word) || exact.has(word) || COMMON.has(word.toLowerCase()) || honorificKey(word) !== undefined) continue;
    const upper = isAllCaps(word);
    const folded = fold(word);
    const same = byFold.get(folded);
    const accents = same !== undefined && !(upper && same.toUpperCase() === word) ? same : undefined;
    if (accents !== undefined) {
      if (upper) continue;
      misspelled.add(i);
      out.push({ rule: 'L6', code: 'name_misspelled', start: t.start, end: t.start + word.length, severity: 'error', found: word, expected: accents });
      continue;
    }
    if (upper || ctx.knownWords.has(folded)) continue;
    const best = closestPart(foldedParts, folded);
    if (best === undefined) continue;
    const prev = a.tokens[i - 1];
    const next = a.tokens[i + 1];
    const nearName = (n: Token | undefined, gapOk: boolean): boolean => n !== undefined && gapOk && ctx.knownWords.has(fold(nameKey(n))) && isCapitalized(n.raw);
    const adjacent = (prev !== undefined && honorificKey(prev.raw) !== undefined && isCapitalized(prev.raw))
      || nearName(prev, !t.breakBefore) || nearName(next, next !== undefined && !next.breakBefore);
    // Beside a recorded name or a title it is that name misspelled; elsewhere only when the dictionary
    // does not know it and it does not open a sentence.
    if (!adjacent) {
      if (t.sentenceStart || ctx.speller === undefined) continue;
      if (ctx.speller.correct(word) || ctx.speller.correct(word.toLowerCase())) continue;
    }
    misspelled.add(i);
    out.push({ rule: 'L6', code: 'name_misspelled', start: t.start, end: t.start + word.length, severity: 'error', found: word, expected: best });
  }

  // (b) The honorific on record: "Ms. Okafor" for Dr. Okafor.
  const recorded = input.recipient?.honorific ? honorificKey(input.recipient.honorific) : undefined;
  const surnameFirst = ctx.recipient ? wordList(ctx.recipient.surname)[0] : undefined;
  // (c) Someone not on this application: "Dr. Smith" when the roster has no Smith.
  const roster = input.people !== undefined;
  for (let i = 0; i + 1 < a.tokens.length && out.length < LIMIT; i++) {
    const h = a.tokens[i];
    const n = a.tokens[i + 1];
    if (h === undefined || n === undefined || !isCapitalized(h.raw)) continue;
    const key = honorificKey(h.raw);
    if (key === undefined || !NAME_TITLES.has(key) || !isCapitalized(n.raw) || n.line !== h.line) continue;
    const hEnd = a.text.charAt(h.end) === '.' ? h.end + 1 : h.end;
    if (surnameFirst !== undefined && (sameFolded(nameKey(n), surnameFirst) || (misspelled.has(i + 1) && closestPart(new Map([[surnameFirst, fold(surnameFirst)]]), fold(nameKey(n))) !== undefined))) {
      if (recorded !== undefined && key !== recorded && input.recipient?.honorific) {
        out.push({ rule: 'L6', code: 'wrong_honorific', start: h.start, end: hEnd, severity: 'error', found: a.text.slice(h.start, hEnd), expected: input.english !== undefined ? honorificIn(input.recipient.honorific, input.english) : input.recipient.honorific.trim() });
      }
      continue;
    }
    if (!roster || misspelled.has(i + 1) || ctx.knownWords.has(fold(nameKey(n)))) continue;
    const after = a.tokens[i + 2];
    const end = after !== undefined && !after.breakBefore && isCapitalized(after.raw) && !ctx.knownWords.has(fold(nameKey(after))) ? after.start + nameKey(after).length : n.start + nameKey(n).length;
    out.push({ rule: 'L6', code: 'unknown_person', start: h.start, end, severity: 'error', found: a.text.slice(h.start, end), ...(ctx.input.recipient ? { recipient: ctx.input.recipient.name } : {}) });
  }

  // (c) A greeting to someone else: "Dear Sarah," or "Dear Ms. Patel," to Grace Okafor.
  const g = a.greeting;
  if (g !== undefined && out.length < LIMIT) {
    for (let i = g.word !== undefined ? g.tokenFrom + 1 : g.tokenFrom; i < g.tokenTo; i++) {
      const t = a.tokens[i];
      if (t === undefined) break;
      const word = nameKey(t);
      if (honorificKey(word) !== undefined || GENERIC.has(word.toLowerCase()) || !isCapitalized(word)) continue;
      if (misspelled.has(i) || ctx.knownWords.has(fold(word)) || COMMON.has(word.toLowerCase())) break;
      if (/^(?:morning|afternoon|evening|day)$/i.test(word)) continue;
      const start = t.start;
      const end = t.start + word.length;
      if (!out.some((f) => f.start < end && start < f.end)) {
        out.push({ rule: 'L6', code: 'unknown_person', start, end, severity: 'error', found: word, ...(ctx.input.recipient ? { recipient: ctx.input.recipient.name } : {}) });
      }
      break;
    }
  }

  // (d) The recipient's title a letter or two off: "Head of Analitics".
  const title = input.recipient?.title ? wordList(input.recipient.title) : [];
  if (title.length >= 2) out.push(...titleFindings(ctx, title));
  // (e) Another job given to them: "As Head of Engineering, you…" to the Head of Analytics.
  if (title.length >= 1) {
    for (const f of wrongTitles(ctx, title)) if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
  }
  return out;
}

const YOU = new Set(['you', 'your', "you're", "you've", "you'll", "you'd", 'yourself']);
/** What may stand between "as" and the title: "as the Head of…", "as Acme's CTO". */
const ARTICLES = new Set(['the', 'a', 'an', 'our']);
/** Words after "as" that make the title someone's: "As Head of Engineering at Acme, you…". */
const PLACE = new Set(['at', 'of', 'for', 'in', 'with']);

/**
 * Titles the note gives the recipient that are not theirs: after "as" with "you" beside it ("As
 * Head of Engineering, you…", "your role as VP of Sales"), after "you are", or beside their name
 * ("Dr. Okafor, Head of Engineering"). A title beside someone else's name is theirs, and one said
 * of no one ("the Head of Engineering mentioned…") is left alone: it may be another person's.
 */
function wrongTitles(ctx: ToneContext, recorded: readonly string[]): FindingData[] {
  const { a, input } = ctx;
  const expected = input.recipient?.title?.trim() ?? '';
  const mine = titleWords(recorded);
  const role = titleWords(input.application?.role ? wordList(input.application.role) : []);
  const recipientParts = new Set((ctx.recipient?.parts ?? []).map(fold));
  const honorific = fold(input.recipient?.honorific ?? '').replace(/\.$/, '');
  const otherParts = new Set(ctx.people.filter((p) => p !== ctx.recipient).flatMap((p) => p.parts.map(fold)).filter((p) => !recipientParts.has(p)));
  const isName = (t: Token): boolean => {
    const key = fold(nameKey(t));
    return recipientParts.has(key) || otherParts.has(key) || (honorificKey(t.raw) !== undefined && NAME_TITLES.has(honorificKey(t.raw) ?? ''));
  };
  const gap = (x: Token | undefined, y: Token | undefined): string => (x && y ? a.text.slice(x.end, y.start) : '');
  /** Token `j` is a name of the given set, beside the title with nothing but a comma, bracket, dash or line break between. */
  const nameBeside = (j: number, parts: ReadonlySet<string>, from: number, to: number): boolean => {
    const t = a.tokens[j];
    if (t === undefined || !parts.has(fold(nameKey(t)))) return false;
    const between = j < from ? gap(t, a.tokens[from]) : gap(a.tokens[to - 1], t);
    return /^[ \t]*[,(\u2013\u2014-]?[ \t]*(?:\r?\n[ \t]*)?$/.test(between);
  };
  const honorificThenName = (j: number, parts: ReadonlySet<string>): boolean => {
    const name = a.tokens[j + 1];
    return honorificKey(a.tokens[j]?.raw ?? '') !== undefined && name !== undefined && parts.has(fold(nameKey(name)));
  };
  const beside = (parts: ReadonlySet<string>, from: number, to: number): boolean =>
    nameBeside(from - 1, parts, from, to) || nameBeside(to, parts, from, to)
    || (honorificThenName(to, parts) && /^[ \t]*[,(]?[ \t]*$/.test(gap(a.tokens[to - 1], a.tokens[to])));
  const youAfter = (to: number): boolean => {
    let k = to;
    // "…at Acme Corp, you"
    if (PLACE.has(a.tokens[k]?.lower ?? '') && !a.tokens[k]?.breakBefore) {
      k++;
      while (k < to + 6 && a.tokens[k] !== undefined && !a.tokens[k]?.breakBefore && isCapitalized(a.tokens[k]?.raw ?? '')) k++;
    }
    const t = a.tokens[k];
    return t !== undefined && !t.breakBefore && YOU.has(t.lower);
  };
  const toRecipient = (from: number, to: number): boolean => {
    if (beside(recipientParts, from, to)) return true;
    let k = from - 1;
    if (ARTICLES.has(a.tokens[k]?.lower ?? '') && !a.tokens[k + 1]?.breakBefore) k--;
    const before = a.tokens[k];
    if (before === undefined || a.tokens[k + 1]?.breakBefore) return false;
    // "you're the Head of…", "you are the Head of…"
    if (before.lower === "you're" || (/^(?:are|were)$/.test(before.lower) && a.tokens[k - 1]?.lower === 'you' && !before.breakBefore)) return true;
    if (before.lower !== 'as') return false;
    if (youAfter(to)) return true;
    // "you, as Head of…", "your role as Head of…", "you joined as Head of…"
    const b1 = a.tokens[k - 1];
    const b2 = a.tokens[k - 2];
    if (b1 === undefined || before.breakBefore) return false;
    return YOU.has(b1.lower) || (b2 !== undefined && !b1.breakBefore && (b2.lower === 'your' || b2.lower === 'you') && !isCapitalized(b1.raw));
  };

  const out: FindingData[] = [];
  let next = 0;
  for (const i of titleStarts(a)) {
    if (i < next || out.length >= LIMIT) continue;
    const span = titleAt(a, i, isName);
    if (span === undefined) continue;
    next = span.to;
    // "If Director Okafor is not available": the recipient's own honorific before their name is how they are addressed.
    const last = a.tokens[span.to - 1];
    const after = a.tokens[span.to];
    if (honorific !== '' && last !== undefined && after !== undefined && fold(last.raw).replace(/\.$/, '') === honorific && recipientParts.has(fold(nameKey(after)))) continue;
    const written = titleWords(a.tokens.slice(span.from, span.to).map((t) => t.raw));
    if (sameJob(written, mine) || (role.length > 0 && sameJob(written, role))) continue;
    if (beside(otherParts, span.from, span.to) || !toRecipient(span.from, span.to)) continue;
    const s = a.tokens[span.from];
    const e = a.tokens[span.to - 1];
    if (s === undefined || e === undefined) continue;
    // A word or two off the record is the record misspelled ("Analitics Head"), not another job.
    const near = written.every((w) => mine.includes(w) || mine.some((m) => m.length >= 4 && w.charAt(0) === m.charAt(0) && distance(w, m, m.length >= 8 ? 2 : 1) <= (m.length >= 8 ? 2 : 1)));
    const found = a.text.slice(s.start, e.end);
    out.push({ rule: 'L6', code: near ? 'title_misspelled' : 'title_wrong', start: s.start, end: e.end, severity: 'error', found, expected });
  }
  return out;
}

/** The recorded name part (given with its folded form) a folded word most likely misspells: same first letter, one edit, two for long names. */
function closestPart(parts: ReadonlyMap<string, string>, w: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const [p, q] of parts) {
    if (p.length < 4) continue;
    if (q.charAt(0) !== w.charAt(0)) continue;
    const max = q.length >= 8 ? 2 : 1;
    const d = distance(w, q, max);
    if (d >= 1 && d <= max && d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}

function titleFindings(ctx: ToneContext, title: readonly string[]): FindingData[] {
  const { a } = ctx;
  const want = title.map((w) => w.toLowerCase());
  const n = want.length;
  const out: FindingData[] = [];
  for (let i = 0; i + n <= a.tokens.length && out.length < LIMIT; i++) {
    let misses = 0;
    let missOk = true;
    for (let k = 0; k < n && misses <= 1; k++) {
      const t = a.tokens[i + k];
      const w = want[k] ?? '';
      if (t === undefined || (k > 0 && t.breakBefore)) {
        misses = 2;
        break;
      }
      if (t.lower === w || t.lower === `${w}s` || t.lower === `${w}'s`) continue;
      misses++;
      const max = w.length >= 8 ? 2 : 1;
      if (w.length < 4 || t.lower.charAt(0) !== w.charAt(0) || distance(t.lower, w, max) > max) missOk = false;
    }
    const matched = n - misses;
    if (misses !== 1 || !missOk || matched < (n >= 3 ? 2 : 1)) continue;
    const s = a.tokens[i];
    const e = a.tokens[i + n - 1];
    if (s === undefined || e === undefined) continue;
    out.push({ rule: 'L6', code: 'title_misspelled', start: s.start, end: e.end, severity: 'error', found: a.text.slice(s.start, e.end), expected: title.join(' ') });
    i += n - 1;
  }
  return out;
}
