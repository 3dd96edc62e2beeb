/**
 * Job titles in a note ("Head of Engineering", "VP of Sales", "Engineering Manager", "Senior
 * Recruiter", "CTO") and whether one written title can be the same job as a recorded one.
 */
import type { Analysis, Token } from './text.js';

/** Nouns that head a title before "of": "Head of Data", "Director of Operations". */
const HEAD_OF = new Set(['head', 'heads', 'director', 'vp', 'svp', 'evp', 'avp', 'president', 'dean', 'chief', 'manager', 'lead', 'chair', 'officer']);
/** Nouns that end a title: "Engineering Manager", "Product Lead", "Senior Software Engineer". */
const SUFFIX = new Set([
  'head', 'manager', 'director', 'lead', 'engineer', 'analyst', 'designer', 'officer', 'coordinator', 'recruiter',
  'partner', 'specialist', 'architect', 'scientist', 'consultant', 'administrator', 'president', 'developer',
  'strategist', 'researcher', 'producer', 'editor', 'counsel', 'accountant', 'controller', 'planner', 'advisor',
  'adviser', 'owner', 'generalist', 'vp', 'svp', 'evp', 'chair', 'principal', 'supervisor', 'executive',
]);
/** Words that only qualify a title: "Senior", "Interim", "Vice". */
const MODIFIER = new Set([
  'senior', 'sr', 'junior', 'jr', 'principal', 'staff', 'associate', 'assistant', 'deputy', 'executive', 'group',
  'global', 'regional', 'interim', 'acting', 'general', 'managing', 'vice', 'chief', 'lead',
]);
/** Chief officers written as letters. */
const ACRONYMS: Readonly<Record<string, readonly string[]>> = {
  ceo: ['chief', 'executive', 'officer'], cto: ['chief', 'technology', 'officer'], cfo: ['chief', 'financial', 'officer'],
  coo: ['chief', 'operating', 'officer'], cpo: ['chief', 'product', 'officer'], cio: ['chief', 'information', 'officer'],
  cmo: ['chief', 'marketing', 'officer'], cro: ['chief', 'revenue', 'officer'], cdo: ['chief', 'data', 'officer'],
  chro: ['chief', 'human', 'resources', 'officer'], ciso: ['chief', 'information', 'security', 'officer'],
};
/** Short forms written for the same word. */
const SAME: Readonly<Record<string, readonly string[]>> = {
  vp: ['vice', 'president'], svp: ['senior', 'vice', 'president'], evp: ['executive', 'vice', 'president'],
  avp: ['assistant', 'vice', 'president'], sr: ['senior'], jr: ['junior'], dir: ['director'], mgr: ['manager'],
  eng: ['engineering'], ops: ['operations'], hr: ['human', 'resources'], ux: ['user', 'experience'], heads: ['head'],
  ...ACRONYMS,
};
/** Words a title's domain never is: "the head of the team", "Dear Hiring Manager". */
const NOT_DOMAIN = new Set([
  'the', 'a', 'an', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'you', 'i', 'we',
  'it', 'me', 'us', 'them', 'and', 'or', 'of', 'for', 'at', 'in', 'on', 'to', 'with', 'by', 'as', 'from', 'hiring', 'line',
  'team', 'department', 'group', 'company', 'project', 'household', 'business', 'organisation', 'organization',
  'committee', 'panel', 'office', 'school', 'family', 'state', 'all', 'everyone', 'thank', 'dear', 'hi', 'hello',
]);
/** Words that join a title's parts and say nothing of the job. */
const GLUE = new Set(['of', 'the', 'for', 'and', '&', 'at']);

export interface TitleSpan {
  /** Token indices [from, to). */
  readonly from: number;
  readonly to: number;
}

function capital(t: Token): boolean {
  const c = t.raw.charAt(0);
  return c !== c.toLowerCase();
}

function isWord(t: Token): boolean {
  return /^[\p{L}][\p{L}'\u2019-]*$/u.test(t.raw);
}

/** Token `j` continues the phrase: same sentence, nothing but spaces (or "&") before it. */
function joined(a: Analysis, j: number): boolean {
  const prev = a.tokens[j - 1];
  const t = a.tokens[j];
  return prev !== undefined && t !== undefined && !t.breakBefore && /^[ \t]*&?[ \t]*$/.test(a.text.slice(prev.end, t.start));
}

/** Tells the title reader which tokens are people's names or honorifics: a title never runs into them. */
export type NameTest = (t: Token) => boolean;

function domainWord(t: Token | undefined, capitalised: boolean, isName: NameTest): boolean {
  return t !== undefined && isWord(t) && !NOT_DOMAIN.has(t.lower) && (!capitalised || capital(t)) && !isName(t);
}

/** After a lower-case title only an end, a comma or a small word may come: "head of data science, you". */
const LOWER_FOLLOWERS = new Set(['you', 'your', "you're", "you've", 'at', 'for', 'in', 'with', 'and', 'since', 'from', 'i', 'we', 'is', 'was']);

function endsCleanly(a: Analysis, end: number): boolean {
  const next = a.tokens[end];
  const last = a.tokens[end - 1];
  if (next === undefined || last === undefined || next.breakBefore) return true;
  return /[,;:()\u2014\u2013]/.test(a.text.slice(last.end, next.start)) || LOWER_FOLLOWERS.has(next.lower);
}

/** The end of the domain after "of" from token `j` ("Engineering", "Product and Design", "the Data Platform"), or -1. */
function domainAfterOf(a: Analysis, j: number, capitalised: boolean, isName: NameTest): number {
  let k = j;
  if (a.tokens[k]?.lower === 'the' && joined(a, k + 1)) k++;
  if (!capitalised) {
    // Lower case: one or two words, ending where the sentence moves on ("head of engineering, you").
    for (let n = 1; n <= 2; n++) {
      let ok = true;
      for (let m = 0; m < n && ok; m++) ok = joined(a, k + m) && domainWord(a.tokens[k + m], false, isName);
      if (!ok) return -1;
      if (endsCleanly(a, k + n)) return k + n;
    }
    return -1;
  }
  let end = -1;
  for (let n = 0; n < 4 && joined(a, k) && domainWord(a.tokens[k], true, isName); n++) end = ++k;
  if (end === -1) return -1;
  // "Product and Design", "Data & Analytics"
  const and = a.tokens[k];
  const amp = a.text.slice(a.tokens[k - 1]?.end ?? 0, and?.start ?? 0).includes('&');
  if (and !== undefined && and.lower === 'and' && joined(a, k) && joined(a, k + 1) && domainWord(a.tokens[k + 1], true, isName)) k++;
  else if (!amp) return end;
  for (let n = 0; n < 3 && joined(a, k) && domainWord(a.tokens[k], true, isName); n++) end = ++k;
  return end;
}

/** The longest run of words `titleAt` reads before the job noun. */
const RUN = 6;

/**
 * Token indices where a title may start, in order: within a run's length before a job noun, head
 * noun or chief officer's letters. Most notes have a handful, so `titleAt` runs on few tokens.
 */
export function titleStarts(a: Analysis): number[] {
  const out: number[] = [];
  let from = 0;
  a.tokens.forEach((t, j) => {
    if (!SUFFIX.has(t.lower) && !HEAD_OF.has(t.lower) && ACRONYMS[t.lower] === undefined) return;
    for (let i = Math.max(from, j - RUN + 1); i <= j; i++) out.push(i);
    from = j + 1;
  });
  return out;
}

/**
 * The title that starts at token `i`, if one does: a chief officer's letters ("CTO"), a head of
 * something ("Head of Engineering", "VP of Sales", "Director of the Data Platform"), or capitalised
 * words ending in a job noun ("Engineering Manager", "Senior Recruiter"), optionally followed by
 * "of" and a domain. Lower case is accepted only for "head of engineering" forms with a domain.
 */
export function titleAt(a: Analysis, i: number, isName: NameTest): TitleSpan | undefined {
  const first = a.tokens[i];
  if (first === undefined || !isWord(first) || isName(first)) return undefined;
  if (ACRONYMS[first.lower] !== undefined && first.raw === first.raw.toUpperCase()) return { from: i, to: i + 1 };
  const cap = capital(first);
  // Words in a row of the same case (modifiers, domain words, job nouns).
  let k = i;
  let lastSuffix = -1;
  let lastHead = -1;
  while (k < a.tokens.length && (k === i || joined(a, k)) && k - i < RUN) {
    const t = a.tokens[k];
    if (t === undefined || !isWord(t) || capital(t) !== cap || NOT_DOMAIN.has(t.lower) || isName(t)) break;
    if (SUFFIX.has(t.lower)) lastSuffix = k;
    if (HEAD_OF.has(t.lower)) lastHead = k;
    k++;
  }
  // "Head of Engineering", "Senior Vice President of Sales": modifiers, a head noun, "of" and a domain.
  if (lastHead === k - 1 && a.tokens[k]?.lower === 'of' && joined(a, k)
    && a.tokens.slice(i, lastHead).every((t) => MODIFIER.has(t.lower))) {
    const end = domainAfterOf(a, k + 1, cap, isName);
    if (end !== -1) return { from: i, to: end };
  }
  if (!cap || lastSuffix <= i) return undefined;
  // "Senior Software Engineer", "Engineering Manager" (a word before the job noun), "… of Data Platforms".
  if (a.tokens[lastSuffix + 1]?.lower === 'of' && joined(a, lastSuffix + 1)) {
    const end = domainAfterOf(a, lastSuffix + 2, true, isName);
    if (end !== -1) return { from: i, to: end };
  }
  return { from: i, to: lastSuffix + 1 };
}

/** A title's words, lower case, short forms spelled out, joining words dropped. */
export function titleWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const lower = w.toLowerCase().replace(/['\u2019]s$/, '').replace(/\.$/, '');
    if (GLUE.has(lower)) continue;
    out.push(...(SAME[lower] ?? [lower]));
  }
  return out;
}

/** Words that say how senior the job is or what it is: "Senior", "Head", "Manager". */
function ranks(word: string): boolean {
  return MODIFIER.has(word) || HEAD_OF.has(word) || SUFFIX.has(word);
}

/**
 * A written title (see `titleWords`) names the recorded job: the same words or fewer ("Analytics
 * Head" for "Head of Analytics", "VP of Sales" for "Vice President, Sales"), or more that only
 * widen its field ("Head of Analytics and Data Science"), never a rank the record lacks ("Senior").
 */
export function sameJob(written: readonly string[], recorded: readonly string[]): boolean {
  const rec = new Set(recorded);
  if (written.every((w) => rec.has(w))) return true;
  const wr = new Set(written);
  return recorded.length > 0 && recorded.every((w) => wr.has(w)) && written.every((w) => rec.has(w) || !ranks(w));
}
