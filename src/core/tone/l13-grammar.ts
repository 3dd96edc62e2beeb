/**
 * L13: grammar seams, the marks left where text a person typed was pasted into a sentence around it:
 * a capital mid-sentence ("about The team"), a whole clause where a phrase belongs ("about She
 * mentioned", "on I blanked"), "a a", doubled or stray stops ("Inc..", "plan ,"), "your welcome",
 * a sentence that starts in lower case, and quotes or brackets left open. Conservative: names,
 * titles and companies (a capital after "about" is a name unless the word is on a short closed
 * list), abbreviations, ellipses, decimals and addresses are left alone; what L12 reports ("the
 * the", "a interview", "its been", "their is", a lower-case "i") is not reported again.
 * Linear in the text's length: one pass over the characters and one over the tokens.
 */
import type { ToneContext } from './context.js';
import { overlaps, wordList, type Range, type Token } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

/** Prepositions that take a noun phrase and never a clause ("about the plan", not "about she said"). */
const PREPOSITIONS = set(
  'about of on for with at in into onto from by to regarding concerning toward towards during through throughout without ' +
  'within upon among amongst via per around across behind beyond despite against between over under beside besides near inside outside',
);
/** Words after which a clause may follow: conjunctions, and prepositions that double as them ("after she left"). */
const CLAUSE_OPENERS = set('and or but nor that because as if so when whenever while whilst whether where wherever though although since until till after before once unless than like');
const DETERMINERS = set('the a an my your our their his her its this these those');
/** Particles that may front an inverted clause ("and on she went"). */
const PARTICLES = set('on in off out up down over back through around along away');

/** Capitalised, these are never a name: a mid-sentence capital on them is a seam. */
const CAP_SUBJECTS = set('She He They We');
const CAP_DETERMINERS = set('The A An My Your Our Their His Her Its This These Those');
const SUBJECTS = set('she he they we');
/** Verbs (and adverbs) that make "pronoun + word" a clause: "she mentioned", "we also". */
const FINITE = set(
  'am is are was were have has had do does did will would can could shall should may might must said says say told tells thought ' +
  'thinks think felt feels feel made makes gave gives took takes went goes got gets knew knows know saw sees came comes spoke speaks ' +
  'led leads ran runs wrote writes brought brings built builds found finds kept keeps left meant means met put sent sends showed ' +
  'shows taught understood won froze forgot began drew chose grew held lost paid sat stood tried want wants need needs hope hopes ' +
  'believe believes mention mentions explain explains describe describes ask asks walk walks talk talks also just never always ' +
  'really still actually initially briefly',
);
const REPORTING = set('said mentioned explained described noted told asked shared suggested added stressed emphasised emphasized pointed replied answered wrote raised highlighted');
/** Verbs of a debrief, by their base form: "Walked", "Stumbling", "Discussed" capitalised mid-sentence are seams. */
const VERBS = set(
  'walk talk stumble explain discuss present mention describe share ask answer blank freeze struggle miss learn work lead build ' +
  'design review cover pitch show manage handle tackle plan focus spend meet speak chat touch dive fumble ramble rush skip wrap ' +
  'finish start open close outline demonstrate demo sketch draft write prepare propose suggest highlight note raise point wonder ' +
  'forget hear listen compare frame argue defend clarify elaborate summarise summarize recap follow lose use apply solve debug test ' +
  'model estimate introduce question',
);
const IRREGULAR_PAST = set('Led Went Spoke Froze Forgot Ran Wrote Built Thought Felt Gave Took Made Said Told Met Brought Taught Drew Chose Began Got Saw Came Knew Found Kept Held Lost Sent Spent');
/** What may follow a verb pasted in with its object: "Walked the panel", "Stumbled through my answer". */
const OBJECT_START = set('the a an my our your their his her its this that these those me us you them him it');
const VERB_PARTICLES = set('through over about on up out into to with from at');
/** Words after a capital "A" that make it a letter, not an article ("between A and B", "A levels"). */
const AFTER_LETTER = set('and or to is are was were in on of at for by level levels grade grades player players side team list type game plus minus');

const YOUR_NOUNS = set(
  'application team time help company interview offer role position feedback consideration email message note call office insight ' +
  'insights support question questions thoughts advice guidance patience hospitality attention reply response decision process ' +
  'organisation organization department colleagues own schedule kindness generosity perspective input',
);
const THEIR_NOUNS = set('team company office offices application process decision time feedback product products own plan plans offer department website customers clients staff employees culture mission values approach');
const ITS_NOUNS = set('own team mission customers employees staff values culture clients products founders headquarters members users website approach office offices competitors reputation history');

/** Abbreviations whose full stop does not end a sentence (lower case). */
const ABBREVIATIONS = set(
  'etc vs approx dr mr mrs ms mx prof st inc ltd co corp jr sr vol dept al cf ca fig mt ave blvd rd jan feb mar apr jun jul aug sep ' +
  'sept oct nov dec incl excl esp resp misc govt intl assn bros univ pp hrs yrs',
);

/** Lower-case labels at a line's start ("cc:"). */
const LABELS = set('cc bcc re fwd fw ps pps tel fax mob email e-mail web');

const CLOSERS = ')]\u201D"\u2019\'';
const LETTER = /\p{L}/u;
const LOWER_START = /^\p{Ll}/u;
const TITLE_CASE = /^\p{Lu}\p{Ll}*(?:['\u2019]\p{Ll}+)?$/u;
const ALL_LOWER = /^\p{Ll}+(?:['\u2019]\p{Ll}+)*$/u;
const EDGE = '()[]<>"\'\u201C\u201D\u2018\u2019.,;:!?';
const ADDRESS = /:\/\/|@|[/\\]|^www\.|\.(?:com|org|net|io|dev|ai|co|uk|edu|gov|app|me|info|biz)(?![\p{L}\p{N}])/iu;

type Emit = (f: FindingData) => void;
/** True once the rule has its 100 findings: the scans stop early. */
type Full = () => boolean;

/** Web and mail addresses, paths and handles: chunks of non-space text never checked. */
function addressRanges(text: string): Range[] {
  const out: Range[] = [];
  const chunk = /\S+/g;
  for (let m = chunk.exec(text); m !== null; m = chunk.exec(text)) {
    if (!ADDRESS.test(m[0])) continue;
    // Brackets, quotes and stops around the address are the sentence's: "(see x.example/a).".
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && EDGE.includes(text.charAt(start))) start++;
    while (end > start && EDGE.includes(text.charAt(end - 1))) {
      // "https://example.com/a_(b)" keeps its own brackets.
      const c = text.charAt(end - 1);
      if ((c === ')' && text.lastIndexOf('(', end - 1) >= start) || (c === ']' && text.lastIndexOf('[', end - 1) >= start)) break;
      end--;
    }
    if (start < end) out.push({ start, end });
  }
  return out;
}

function lowerFirst(word: string): string {
  return word.charAt(0).toLowerCase() + word.slice(1);
}

function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "Walked" → true when its stem is a debrief verb ("walk"); likewise "Stumbling", "Planned", "Clarified". */
function isCapitalVerb(raw: string): 'ed' | 'ing' | undefined {
  if (IRREGULAR_PAST.has(raw)) return 'ed';
  const w = raw.toLowerCase();
  const suffix = w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'ed' : undefined;
  if (suffix === undefined || w.length < suffix.length + 3) return undefined;
  const stem = w.slice(0, -suffix.length);
  const last = stem.charAt(stem.length - 1);
  const candidates = [stem, `${stem}e`, last === stem.charAt(stem.length - 2) ? stem.slice(0, -1) : stem];
  if (suffix === 'ed' && stem.endsWith('i')) candidates.push(`${stem.slice(0, -1)}y`);
  return candidates.some((c) => VERBS.has(c)) ? suffix : undefined;
}

/** A verb (or an adverb before one) after a subject pronoun: "she mentioned", "we also". */
function isVerb(lower: string): boolean {
  return FINITE.has(lower) || (lower.length >= 4 && lower.endsWith('ed') && lower !== 'indeed');
}

function apostropheOf(text: string): string {
  return /\p{L}\u2019\p{L}/u.test(text) && !/\p{L}'\p{L}/u.test(text) ? '\u2019' : "'";
}

/** L13's findings, in the order of its checks; at most 100. Any text is fine: it never throws. */
export function checkGrammarSeams(ctx: ToneContext): FindingData[] {
  const { text } = ctx.a;
  const out: FindingData[] = [];
  const emit: Emit = (f) => {
    if (out.length < LIMIT) out.push(f);
  };
  const full = (): boolean => out.length >= LIMIT;
  const addresses = addressRanges(text);
  const inAddress = (start: number, end: number): boolean => overlaps(addresses, start, end);
  const inRecord = (start: number, end: number): boolean => overlaps(ctx.recordSpans, start, end);

  const inside = balance(ctx, addresses, emit);
  if (!full()) punctuation(ctx, inAddress, emit, full);
  const reported = new Set<number>();
  if (!full()) seams(ctx, inAddress, inRecord, emit, reported, full);
  if (!full()) sentenceStarts(ctx, inside, inAddress, inRecord, emit, reported, full);
  return out;
}

/** Text between two tokens. */
function gapBetween(text: string, x: Token | undefined, y: Token): string {
  return text.slice(x ? x.end : 0, y.start);
}

const SPACES = /^[ \t\u00A0]+$/;
const SPACES_OR_WRAP = /^[ \t\u00A0]*(?:\r?\n)?[ \t\u00A0]*$/;

/** Patterns 1, 2, 3 and 5: a word and its neighbours. */
function seams(
  ctx: ToneContext, inAddress: (s: number, e: number) => boolean, inRecord: (s: number, e: number) => boolean, emit: Emit, reported: Set<number>, full: Full,
): void {
  const { text, tokens } = ctx.a;
  const apostrophe = apostropheOf(text);
  const follows = (x: Token | undefined, y: Token | undefined): y is Token => x !== undefined && y !== undefined && SPACES.test(text.slice(x.end, y.start));

  for (let i = 0; i < tokens.length && !full(); i++) {
    const t = tokens[i];
    if (t === undefined || inAddress(t.start, t.end)) continue;
    const p = tokens[i - 1];
    const n = tokens[i + 1];
    const nextWord = follows(t, n) ? n : undefined;
    const nextLower = nextWord !== undefined && ALL_LOWER.test(nextWord.raw) ? nextWord : undefined;

    // 3. "a a great chat", "I I": L12 leaves one-letter words out of its repeated words.
    if (n !== undefined && (t.raw === 'a' || t.raw === 'I' || (t.raw === 'A' && t.sentenceStart)) && n.raw === (t.raw === 'A' ? 'a' : t.raw)
      && SPACES_OR_WRAP.test(text.slice(t.end, n.start)) && text.slice(t.end, n.start) !== '') {
      emit({ rule: 'L13', code: 'doubled_word', start: t.start, end: n.end, severity: 'error', found: text.slice(t.start, n.end), instead: t.raw });
      continue;
    }

    // 5. your/you're, their/they're/there, its/it's: only where one reading is impossible.
    const confused = confusion(t, p, nextWord, follows(nextWord, tokens[i + 2]) ? tokens[i + 2] : undefined, text);
    if (confused !== undefined) {
      // One fix for "your welcome." at a sentence start: "You're", not "you're" and then "Your".
      const capital = /^\p{Lu}/u.test(t.raw) || startsSentence(ctx, i);
      emit({ rule: 'L13', code: 'confused_word', start: t.start, end: t.end, severity: 'error', found: t.raw, instead: (capital ? upperFirst(confused) : confused).replace(/'/g, apostrophe) });
      reported.add(i);
      continue;
    }

    if (p === undefined || !follows(p, t) || !ALL_LOWER.test(p.raw)) continue;
    const prev = p.lower;
    const beforePrev = tokens[i - 2];
    const prep = PREPOSITIONS.has(prev) && !(prev === 'for' && /,\s*$/.test(gapBetween(text, beforePrev, p)))
      && !(prev === 'about' && beforePrev !== undefined && (beforePrev.lower === 'how' || beforePrev.lower === 'what'));
    const opener = CLAUSE_OPENERS.has(prev) || (prev === 'for' && !prep);
    const determiner = DETERMINERS.has(prev);
    // "and on she went": a particle fronting an inverted clause.
    const inverted = PARTICLES.has(prev) && (p.sentenceStart || p.breakBefore || (beforePrev !== undefined && /^(?:and|so|then|but)$/.test(beforePrev.lower)));

    // 2. A subject and its verb straight after a preposition: "about she said", "on I blanked".
    if (prep && !inverted) {
      const lowerSubject = SUBJECTS.has(t.raw) && nextLower !== undefined && isVerb(nextLower.lower);
      const iClause = t.raw === 'I' ? nextLower !== undefined && isVerb(nextLower.lower) : /^I['\u2019](?:m|ve|d|ll)$/.test(t.raw);
      if (lowerSubject || iClause) {
        const end = t.raw === 'I' || lowerSubject ? (nextLower?.end ?? t.end) : t.end;
        emit({ rule: 'L13', code: 'pasted_clause', start: t.start, end, severity: 'error', found: text.slice(t.start, end), after: p.raw, doubled: false });
        continue;
      }
    }

    if (!TITLE_CASE.test(t.raw) || inRecord(t.start, t.end)) continue;
    // A capitalised word after it makes a title or a name ("about The Lean Startup", "at Her Majesty's").
    if (nextWord !== undefined && /^\p{Lu}/u.test(nextWord.raw) && !/^I(?:['\u2019]|$)/.test(nextWord.raw)) continue;
    const base = t.raw.split(/['\u2019]/)[0] ?? t.raw;
    const contracted = base !== t.raw;
    const subject = CAP_SUBJECTS.has(base) || ((base === 'It' || base === 'You') && (contracted || (nextLower !== undefined && isVerb(nextLower.lower))));
    const clauseFollows = contracted || (nextLower !== undefined && isVerb(nextLower.lower));
    const verbEnd = !contracted && nextLower !== undefined && isVerb(nextLower.lower) ? nextLower.end : t.end;
    const stray = (): void => emit({ rule: 'L13', code: 'stray_capital', start: t.start, end: t.end, severity: 'error', found: t.raw, instead: lowerFirst(t.raw) });
    const pasted = (doubled: boolean, end: number): void =>
      emit({ rule: 'L13', code: 'pasted_clause', start: t.start, end, severity: 'error', found: text.slice(t.start, end), after: p.raw, doubled });

    if (subject) {
      if (opener) stray();
      else if (prep || determiner) pasted(false, verbEnd);
      else if (REPORTING.has(prev) && clauseFollows) pasted(true, verbEnd);
      continue;
    }
    if (CAP_DETERMINERS.has(t.raw)) {
      if (!(prep || opener || determiner) || nextLower === undefined) continue;
      if ((t.raw === 'A' || t.raw === 'An') && (determiner || AFTER_LETTER.has(nextLower.lower))) continue;
      stray();
      continue;
    }
    const verb = isCapitalVerb(t.raw);
    if (verb === undefined || nextLower === undefined) continue;
    const takesObject = OBJECT_START.has(nextLower.lower) || (verb === 'ed' && VERB_PARTICLES.has(nextLower.lower));
    if (!takesObject) continue;
    if (opener) stray();
    else if (verb === 'ing' && (prep || determiner)) stray();
    else if (verb === 'ed' && (prep || determiner)) pasted(false, t.end);
    else if (verb === 'ed' && (REPORTING.has(prev) || (prev.length >= 4 && prev.endsWith('ed')))) pasted(true, t.end);
  }
}

/** The right word for `t` when its neighbours leave no doubt, else undefined. */
function confusion(t: Token, p: Token | undefined, n: Token | undefined, nn: Token | undefined, text: string): string | undefined {
  if (n === undefined) return undefined;
  const w = t.lower;
  const next = n.lower;
  if (w === 'your' && next === 'welcome') {
    // "Thank you for your welcome" is the noun; "Your welcome!" on its own is "You're welcome".
    const after = text.slice(n.end, n.end + 1);
    const afterPreposition = p !== undefined && !t.breakBefore && PREPOSITIONS.has(p.lower);
    return !afterPreposition && (after === '' || /[.,!;:\n\r]/.test(after)) ? "you're" : undefined;
  }
  if (!ALL_LOWER.test(n.raw)) return undefined;
  // "you're team lead now", "they're product people": a noun after the noun makes it "you are …".
  const compound = next !== 'own' && nn !== undefined && ALL_LOWER.test(nn.raw)
    && !(isVerb(nn.lower) || PREPOSITIONS.has(nn.lower) || CLAUSE_OPENERS.has(nn.lower) || DETERMINERS.has(nn.lower));
  if (w === "you're" && YOUR_NOUNS.has(next)) return compound ? undefined : 'your';
  if (w === "they're" && THEIR_NOUNS.has(next)) return compound ? undefined : 'their';
  if (w === 'there' && next === 'own') return 'their';
  if (w === "it's" && ITS_NOUNS.has(next)) {
    if (next === 'own') return 'its';
    // "it's team has grown", but not "it's team work that counts" (it is).
    return nn !== undefined && ALL_LOWER.test(nn.raw) && isVerb(nn.lower) ? 'its' : undefined;
  }
  if (w === 'its' && (next === 'not' || (next === 'going' && nn?.lower === 'to'))) return "it's";
  return undefined;
}

/** Pattern 4: doubled stops ("Inc..", "plan,.") and a stop or comma with a space before it ("plan ."). */
function punctuation(ctx: ToneContext, inAddress: (s: number, e: number) => boolean, emit: Emit, full: Full): void {
  const { text, tokens } = ctx.a;
  const isMark = (c: string): boolean => c === '.' || c === ',' || c === ';' || c === ':' || c === '?' || c === '!';
  let i = 0;
  while (i < text.length && !full()) {
    if (!isMark(text.charAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isMark(text.charAt(i))) i++;
    const end = i;
    if (inAddress(start, end) || overlaps(ctx.recordSpans, start, end)) continue;
    const run = text.slice(start, end);
    const endsHere = end === text.length || /[\s"\u201D\u2019')\]]/.test(text.charAt(end));
    const abbreviation = run.charAt(0) === '.' && abbreviationBefore(text, tokens, start);
    // "e.g.," and "Inc.;": the first stop belongs to the abbreviation ("Inc.." still doubles it).
    const from = abbreviation && run.charAt(1) !== '.' ? start + 1 : start;
    const marks = text.slice(from, end);
    const single = fixRun(marks, endsHere || abbreviation);
    // A space before it, after a word: "the plan .", "Acme ,".
    let s = start;
    while (s > 0 && (text.charAt(s - 1) === ' ' || text.charAt(s - 1) === '\t')) s--;
    const before = text.charAt(s - 1);
    // A comma may run into the next word ("Thanks ,see"); a stop may not (".NET", ".5").
    // ";)" after a space is an emoticon (L1's).
    const emoticon = run.charAt(run.length - 1) === ';' && /[()\-DP']/.test(text.charAt(end));
    const spaced = s < start && s > 0 && /^[.,;]/.test(run) && !run.startsWith('...') && !emoticon && (endsHere || (run === ',' && LETTER.test(text.charAt(end))))
      && (/[\p{L}\p{N}]/u.test(before) || CLOSERS.includes(before)) && !inAddress(s - 1, s);
    if (spaced) {
      const fixed = single ?? run;
      emit({ rule: 'L13', code: 'space_before_punctuation', start: s, end, severity: 'error', found: text.slice(s, end), instead: endsHere ? fixed : `${fixed} ` });
    } else if (single !== undefined) {
      emit({ rule: 'L13', code: 'doubled_punctuation', start: from, end, severity: 'error', found: marks, instead: single });
    }
  }
}

/** The one mark a run of marks should be, or undefined when the run is fine (or not ours: "!!", "??", "..."). */
function fixRun(run: string, endsHere: boolean): string | undefined {
  if (run.length <= 1 || /[!:]/.test(run)) return undefined;
  // ".." but not an ellipsis, nor a range or a path ("1..5", "../a").
  if (/^\.+$/.test(run)) return run.length === 2 && endsHere ? '.' : undefined;
  if (run.startsWith('...')) return undefined;
  if (/^\?+$/.test(run)) return undefined;
  if (run.includes('?')) return /^[?.]+$/.test(run) ? '?' : undefined;
  return run.charAt(run.length - 1);
}

/** Index of the token that ends at `pos`, or -1. */
function tokenEndingAt(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? Infinity) < pos) lo = mid + 1;
    else hi = mid;
  }
  return tokens[lo]?.end === pos ? lo : -1;
}

/** The word right before the stop at `pos` is an abbreviation: "e.g", "Inc", "p.m", "U.S", "Ph.D". */
function abbreviationBefore(text: string, tokens: readonly Token[], pos: number): boolean {
  const k = tokenEndingAt(tokens, pos);
  const t = tokens[k];
  if (t === undefined || !LETTER.test(t.raw.charAt(0))) return false;
  return t.raw.length === 1 || ABBREVIATIONS.has(t.lower) || text.charAt(t.start - 1) === '.';
}

/**
 * Pattern 7: quotes and brackets left open or closed twice, per paragraph. Returns, per token,
 * whether it sits inside a quotation or a bracket (for pattern 6).
 */
function balance(ctx: ToneContext, addresses: readonly Range[], emit: Emit): Uint8Array {
  const { text, tokens } = ctx.a;
  const inside = new Uint8Array(tokens.length);
  // Positions of the open "(", "[" and curly quotes, innermost last; of the open straight quote, or -1.
  const open: number[] = [];
  let straight = -1;
  let addr = 0;
  let tok = 0;
  const unbalanced = (at: number, found: string, missing: string): void =>
    emit({ rule: 'L13', code: 'unbalanced', start: at, end: at + 1, severity: 'warning', found, missing });
  const flush = (): void => {
    const left = open.slice(0, LIMIT);
    if (straight >= 0) left.push(straight);
    left.sort((x, y) => x - y);
    for (const at of left) {
      const mark = text.charAt(at);
      unbalanced(at, mark, mark === '(' ? ')' : mark === '[' ? ']' : mark === '\u201C' ? '\u201D' : '"');
    }
    open.length = 0;
    straight = -1;
  };
  for (let i = 0; i < text.length; i++) {
    while (tok < tokens.length && (tokens[tok]?.start ?? Infinity) <= i) {
      inside[tok] = open.length > 0 || straight >= 0 ? 1 : 0;
      tok++;
    }
    const c = text.charAt(i);
    if (c === '\n') {
      let k = i + 1;
      while (k < text.length && (text.charAt(k) === ' ' || text.charAt(k) === '\t' || text.charAt(k) === '\r')) k++;
      if (text.charAt(k) === '\n') flush();
      continue;
    }
    if (c !== '(' && c !== ')' && c !== '[' && c !== ']' && c !== '"' && c !== '\u201C' && c !== '\u201D') continue;
    while (addr < addresses.length && (addresses[addr]?.end ?? Infinity) <= i) addr++;
    if ((addresses[addr]?.start ?? Infinity) <= i) continue;
    const before = text.charAt(i - 1);
    // ":)", ";-(", ":'(": emoticons are L1's.
    if ((c === '(' || c === ')') && (/[:;=]/.test(before) || (/[-'^]/.test(before) && /[:;=]/.test(text.charAt(i - 2))))) continue;
    if (c === '"') {
      if (straight < 0 && /\p{N}/u.test(before)) continue; // 27" monitor
      straight = straight < 0 ? i : -1;
    } else if (c === '(' || c === '[' || c === '\u201C') {
      open.push(i);
    } else {
      const want = c === ')' ? '(' : c === ']' ? '[' : '\u201C';
      const top = open[open.length - 1];
      if (top !== undefined && text.charAt(top) === want) {
        open.pop();
        continue;
      }
      // "1)", "a)", "iv)": a list label, not a bracket.
      if (c === ')' && isLabel(text, i)) continue;
      unbalanced(i, c, want);
    }
  }
  flush();
  return inside;
}

/** The ")" at `i` ends a list label ("1)", "b)", "iv)") at a line start or after a space. */
function isLabel(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && i - k < 4 && /[\p{L}\p{N}]/u.test(text.charAt(k - 1))) k--;
  return k < i && i - k <= 3 && (k === 0 || /\s/.test(text.charAt(k - 1))) && /^(?:\p{N}{1,3}|\p{L}|[ivx]{1,3})$/u.test(text.slice(k, i));
}

/** Pattern 6: a sentence that starts in lower case. */
function sentenceStarts(
  ctx: ToneContext, inside: Uint8Array, inAddress: (s: number, e: number) => boolean, inRecord: (s: number, e: number) => boolean, emit: Emit,
  reported: ReadonlySet<number>, full: Full,
): void {
  const { text, tokens } = ctx.a;
  // Name particles and lower-case company names from the records ("van der Berg", "dbt Labs").
  const recordLower = new Set<string>();
  for (const person of ctx.people) for (const part of person.parts) if (LOWER_START.test(part)) recordLower.add(part);
  for (const company of [ctx.input.application?.company, ...(ctx.input.otherCompanies ?? [])]) {
    for (const w of wordList(company ?? '')) if (LOWER_START.test(w)) recordLower.add(w);
  }
  for (let i = 0; i < tokens.length && !full(); i++) {
    const t = tokens[i];
    if (t === undefined || !LOWER_START.test(t.raw) || inside[i] === 1) continue;
    // Brand-like words ("iPhone", "x86"), L12's "i", abbreviations ("e.g.", "p.s.") and record words are left alone.
    if (/[\p{Lu}\p{N}]/u.test(t.raw) || /^i(?:['\u2019]|$)/.test(t.raw) || (t.raw.length === 1 && text.charAt(t.end) === '.')) continue;
    if (reported.has(i) || recordLower.has(t.raw) || inAddress(t.start, t.end) || inRecord(t.start, t.end)) continue;
    // "cc: Sam Ruiz", "ps: …": header labels are written in lower case.
    if (LABELS.has(t.lower) && text.charAt(t.end) === ':') continue;
    if (!startsSentence(ctx, i)) continue;
    emit({ rule: 'L13', code: 'lowercase_start', start: t.start, end: t.end, severity: 'error', found: t.raw, instead: upperFirst(t.raw) });
  }
}

/** Token `i` opens a sentence: at the start, after a blank line or the greeting's line, or after a full stop, "?" or "!". */
function startsSentence(ctx: ToneContext, i: number): boolean {
  const { text, tokens, greeting } = ctx.a;
  const t = tokens[i];
  if (t === undefined) return false;
  const p = tokens[i - 1];
  const gap = gapBetween(text, p, t);
  const lastBreak = gap.lastIndexOf('\n');
  // Something before the word on its own line (a bullet, a quote, a bracket): not a plain sentence start.
  if (lastBreak >= 0 && !/^[ \t\r\u00A0]*$/.test(gap.slice(lastBreak + 1))) return false;
  if (p === undefined) return /^\s*$/.test(gap);
  if (lastBreak >= 0) {
    if (/\n[ \t\r\u00A0]*\n/.test(gap)) return true;
    if (greeting !== undefined && i === greeting.tokenTo) return true;
    return endsSentence(ctx, i - 1, gap.slice(0, gap.indexOf('\n')), false);
  }
  return endsSentence(ctx, i - 1, gap, true);
}

/** `after` (the text after token `k`, up to the line's end or the next word) closes a sentence. */
function endsSentence(ctx: ToneContext, k: number, after: string, sameLine: boolean): boolean {
  const { text, tokens, lines } = ctx.a;
  const p = tokens[k];
  if (p === undefined) return false;
  let i = 0;
  while (i < after.length && CLOSERS.includes(after.charAt(i))) i++;
  const mark = after.charAt(i);
  if (mark !== '.' && mark !== '?' && mark !== '!') return false;
  if (mark === '.' && (after.charAt(i + 1) === '.' || (i === 0 && abbreviationBefore(text, tokens, p.end)))) return false;
  if (ctx.recordSpans.length > 0 && overlaps(ctx.recordSpans, p.end + i, p.end + i + 1)) return false; // "Yahoo! research"
  // "1. the plan": a numbered list.
  if (/^\p{N}+$/u.test(p.raw) && lines[p.line]?.tokenFrom === k) return false;
  i++;
  while (i < after.length && (after.charAt(i) === '?' || after.charAt(i) === '!')) i++;
  // "(concise!) ideas" and "\u201CWhy?\u201D she asked": the mark ended the aside or the quotation, not the sentence.
  const closed = i;
  while (i < after.length && CLOSERS.includes(after.charAt(i))) i++;
  if (i > closed && (mark !== '.' || /[)\]]/.test(after.slice(closed, i)))) return false;
  return (sameLine ? /^[ \t\u00A0]+$/ : /^[ \t\r\u00A0]*$/).test(after.slice(i));
}
