/**
 * L10: a greeting with a name, thanks, a sign-off with the candidate's name and, in a thank-you, a
 * specific detail. Needs `kind` (which parts a text must have depends on it).
 */
import { valediction } from '../english.js';
import type { ToneContext } from './context.js';
import { findWords } from './context.js';
import { distance, formalAddress, honorificKey } from './names.js';
import { fold, isAllCaps, isCapitalized, matchWords, stripPossessive, wordList, words, type Analysis } from './text.js';
import type { FindingData, ToneKind } from './types.js';

const WRITTEN: ReadonlySet<ToneKind> = new Set(['thank_you', 'status_check', 'update', 'reply']);
const THANKED: ReadonlySet<ToneKind> = new Set(['thank_you', 'status_check', 'update', 'reply', 'call_script']);
const SPOKEN: ReadonlySet<ToneKind> = new Set(['voicemail', 'call_script']);

const THANKS = words('thanks?', 'thank(?:ed|ing|ful|fully)', 'grateful(?:ly)?', 'gratitude', 'appreciat(?:e|ed|es|ing|ion|ive)', 'many thanks');
/** Greetings that name no one. */
const NAMELESS = new Set([
  'hiring', 'manager', 'sir', 'madam', 'team', 'all', 'everyone', 'recruiter', 'committee', 'panel', 'whom', 'there',
  'colleagues', 'friends', 'folks', 'concern', 'morning', 'afternoon', 'evening', 'day', 'to', 'it', 'may', 'and', 'or',
]);

/** Phrases that point at something said in the conversation; the words in and after them must be specific. */
const DETAIL_LEAD = words(
  "(?:what|everything|all) you (?:said|shared|mentioned|told me|described|explained|showed me|walked me through)(?: about| on| regarding)?",
  'you (?:mentioned|described|explained|shared|noted|pointed out|showed me|walked me through|told me about)',
  'your (?:[^ |]+ ){0,2}(?:point|points|insight|insights|story|stories|example|examples|view|views|perspective|description|explanation|advice|take|thoughts|comment|comments|remark|demo|overview|account|walk-through|walkthrough) (?:about|on|regarding|of|that|for)',
  '(?:point|points|insight|insights|story|stories|example|examples|question|questions|comment|comments|remark|remarks|advice) (?:about|on|regarding)',
  '(?:walk-through|walkthrough|description|explanation|overview|demo|demonstration|account) of',
  '(?:our|the) (?:[^ |]+ )?(?:discussion|conversation|exchange|chat|talk|discussions|conversations) (?:about|on|of|regarding|around)',
  '(?:discuss|discussed|discussing|talked|talking|spoke|speaking|hearing|heard|learned|learning|learnt|hear|learn) (?:more )?(?:about|of|how)',
  '(?:excited|enthusiastic|interested|keen|eager|curious|intrigued|inspired|impressed|struck) (?:about|by|with|in)',
  '(?:loved|enjoyed|liked|appreciated|valued|admired) (?:the|your|our|seeing|hearing about|learning about)',
  'especially', 'particularly', 'in particular', 'specifically', 'for example', 'for instance', 'in detail',
  '(?:glad|useful|interesting|good|pleased|helpful) to (?:hear|learn)(?: from [^ |]+(?: [^ |]+)?)? that', 'learning that', 'the news that',
  'stayed with me that', 'appreciated it when', 'meant a great deal to me that', 'the moment when', 'your (?:question|words)', 'whose (?:question|words)',
);
/** "your sunlight contrast example": the words before the noun may be the detail themselves. */
const MODIFIED = words('your (?:[^ |]+ ){1,2}(?:point|points|insight|insights|story|stories|example|examples|view|views|perspective|description|explanation|advice|take|thoughts|comment|comments|remark|demo|overview|account|walk-through|walkthrough|question|questions)');
/** The words of the leads themselves, which say nothing specific. */
const LEAD_WORDS = new Set([
  'what', 'everything', 'you', 'said', 'shared', 'mentioned', 'told', 'described', 'explained', 'showed', 'walked',
  'through', 'regarding', 'noted', 'pointed', 'out', 'point', 'points', 'insight', 'insights', 'story', 'stories', 'example',
  'examples', 'view', 'views', 'perspective', 'description', 'explanation', 'advice', 'take', 'thoughts', 'comment',
  'comments', 'remark', 'demo', 'overview', 'account', 'walk-through', 'walkthrough', 'discussion', 'conversation',
  'exchange', 'chat', 'talk', 'discussions', 'conversations', 'around', 'discuss', 'discussed', 'discussing', 'talked',
  'talking', 'spoke', 'speaking', 'hearing', 'heard', 'learned', 'learning', 'learnt', 'hear', 'learn', 'excited',
  'enthusiastic', 'interested', 'keen', 'eager', 'curious', 'intrigued', 'inspired', 'impressed', 'struck', 'by', 'loved',
  'enjoyed', 'liked', 'appreciated', 'valued', 'admired', 'seeing', 'especially', 'particularly', 'specifically',
  'example', 'instance', 'detail', 'question', 'questions', 'remarks', 'demonstration', 'candid', 'kind', 'thoughtful', 'clear', 'helpful', 'honest', 'insightful', 'warm',
]);
/** Words that make an object generic ("learning more about the role at the company"). */
const GENERIC_OBJECT = new Set([
  'the', 'a', 'an', 'your', 'our', 'my', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'it', 'more', 'all',
  'everything', 'role', 'position', 'post', 'job', 'opportunity', 'team', 'company', 'interview', 'work', 'time', 'at',
  'of', 'in', 'for', 'and', 'with', 'to', 'about', 'on', 'me', 'you', 'us', 'today', 'yesterday', 'organization',
  'organisation', 'firm', 'business', 'department', 'group', 'process', 'next', 'steps', 'step', 'opening', 'vacancy',
  'career', 'culture', 'i', 'we', 'what', 'how', 'there', 'is', 'are', 'was', 'were', 'be', 'so', 'much', 'very', 'really',
  'great', 'good', 'nice', 'wonderful', 'conversation', 'chat', 'meeting', 'discussion', 'call', 'things', 'thing', 'lot',
  'day', 'morning', 'afternoon', 'great', 'insights', 'details', 'information', 'chance', 'speak', 'meet', 'talk',
  'visit', 'sense', 'picture', 'better', 'understanding', 'interviewing', 'meeting', 'having', 'getting', 'being', 'can',
  'could', 'would', 'will', 'from', 'as', 'by', 'its', 'who', 'which', 'where', 'when', 'why', 'some', 'many', 'new',
  'other', 'people', 'everyone', 'colleagues', 'staff', 'office', 'site', 'opportunities', 'roles', 'positions',
  'approach', 'approaches', 'works', 'helped', 'help', 'helps', 'see', 'saw', 'think', 'thinks', 'fit', 'contribute',
  'value', 'values', 'operate', 'operates', 'run', 'runs', 'me', 'do', 'does', 'did', 'done', 'make', 'makes', 'made',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'week', 'last', 'this', 'yesterday',
  'everything', 'anything', 'something', 'lots', 'bit', 'little', 'whole', 'day-to-day', 'daily', 'life', 'like', 'looks',
]);
const isGeneric = (lower: string): boolean => GENERIC_OBJECT.has(lower) || LEAD_WORDS.has(lower) || /^\p{N}+$/u.test(lower);
const NOT_PROPER = new Set([
  'i', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'dr', 'mr', 'mrs', 'ms', 'mx',
  'prof', 'professor', 'english', 'linkedin', 'zoom', 'teams', 'thank', 'thanks', 'ok', 'okay', 'internet', 'email',
]);

export function checkParts(ctx: ToneContext): FindingData[] {
  const kind = ctx.input.kind;
  if (kind === undefined) return [];
  const { a } = ctx;
  const out: FindingData[] = [];
  const whole = { start: a.body.start, end: a.body.end };

  if (WRITTEN.has(kind) && !greetsByName(ctx)) {
    const line = a.lines.find((l) => l.tokenTo > l.tokenFrom);
    const span = a.greeting ?? (line ? { start: line.start, end: line.end } : { start: 0, end: 0 });
    const formal = ctx.recipient && ctx.input.recipient ? formalAddress(ctx.recipient, ctx.input.recipient.honorific, ctx.input.english) : undefined;
    out.push({ rule: 'L10', code: 'no_greeting', start: span.start, end: span.end, severity: 'warning', ...(formal ? { formal } : {}) });
  }
  if (THANKED.has(kind) && !thanks(a)) {
    out.push({ rule: 'L10', code: 'no_thanks', start: whole.start, end: whole.end, severity: 'warning', kind });
  }
  const signoff = signoffProblem(ctx, kind);
  if (signoff !== undefined) out.push(signoff);
  if (kind === 'thank_you' && !hasDetail(ctx)) {
    out.push({ rule: 'L10', code: 'no_detail', start: whole.start, end: whole.end, severity: 'warning' });
  }
  return out;
}

/** Thanks in any form, misspelt ones included ("Thnak you" is L12's to report, not a missing thank-you). */
function thanks(a: Analysis): boolean {
  if (matchWords(a, THANKS, 1).length > 0) return true;
  return a.tokens.some((t) => t.lower.length >= 4 && t.lower.length <= 7 && /^t/.test(t.lower) && (distance(t.lower, 'thank', 1) <= 1 || distance(t.lower, 'thanks', 1) <= 1));
}

function greetsByName(ctx: ToneContext): boolean {
  const g = ctx.a.greeting;
  if (g === undefined) return false;
  for (let i = g.word !== undefined ? g.tokenFrom + 1 : g.tokenFrom; i < g.tokenTo; i++) {
    const t = ctx.a.tokens[i];
    if (t === undefined) break;
    if (honorificKey(t.raw) !== undefined) continue;
    if (isCapitalized(t.raw) && !NAMELESS.has(t.lower)) return true;
  }
  return false;
}

function signoffProblem(ctx: ToneContext, kind: ToneKind): FindingData | undefined {
  const { a } = ctx;
  const candidate = ctx.candidate;
  const lastLine = [...a.lines].reverse().find((l) => l.tokenTo > l.tokenFrom);
  const end = { start: lastLine?.start ?? a.text.length, end: lastLine?.end ?? a.text.length };
  const name = ctx.input.candidate?.name.trim();
  if (SPOKEN.has(kind)) {
    // A script says who is calling: the candidate's full name, anywhere.
    if (candidate === undefined || name === undefined || findWords(ctx, wordList(candidate.full), false).length > 0) return undefined;
    return { rule: 'L10', code: 'no_signoff', start: end.start, end: end.end, severity: 'warning', candidate: name, spoken: true };
  }
  if (!WRITTEN.has(kind)) return undefined;
  const close = ctx.input.english !== undefined ? { valediction: valediction(ctx.input.english) } : {};
  const s = a.signoff;
  if (candidate === undefined || name === undefined) {
    if (s !== undefined) return undefined;
    return { rule: 'L10', code: 'no_signoff', start: end.start, end: end.end, severity: 'warning', spoken: false, ...close };
  }
  // The full name in the closing lines (after the valediction, or among the last few lines).
  const from = s !== undefined ? s.tokenFrom : Math.max(a.body.tokenFrom, lastLinesFrom(a, 4));
  const hits = findWords(ctx, wordList(candidate.full), false);
  if (hits.some((h) => h.from >= from)) return undefined;
  const span = s !== undefined ? { start: s.start, end: s.end } : end;
  return { rule: 'L10', code: 'no_signoff', start: span.start, end: span.end, severity: 'warning', candidate: name, spoken: false, ...close };
}

function lastLinesFrom(a: Analysis, count: number): number {
  let seen = 0;
  for (let i = a.lines.length - 1; i >= 0; i--) {
    const l = a.lines[i];
    if (l === undefined || l.tokenTo === l.tokenFrom) continue;
    seen++;
    if (seen === count) return l.tokenFrom;
  }
  return 0;
}

/** Something specific from the conversation: a pointer to what was said with a specific object, or a proper noun of its own. */
function hasDetail(ctx: ToneContext): boolean {
  const { a } = ctx;
  const { tokenFrom, tokenTo } = a.body;
  for (const m of matchWords(a, DETAIL_LEAD)) {
    if (m.tokenFrom < tokenFrom || m.tokenFrom >= tokenTo) continue;
    // A specific word among the lead's own modifiers ("your sunlight contrast example") or the eight words
    // after it ("hearing about the demo you showed of the routing engine").
    for (let i = m.tokenFrom; i < Math.min(tokenTo, m.tokenTo + 8); i++) {
      const t = a.tokens[i];
      if (t === undefined || (i > m.tokenTo && t.breakBefore)) break;
      if (!isGeneric(t.lower) && !ctx.knownWords.has(fold(stripPossessive(t.raw)))) return true;
    }
  }
  for (const m of matchWords(a, MODIFIED)) {
    if (m.tokenFrom < tokenFrom || m.tokenFrom >= tokenTo) continue;
    for (let i = m.tokenFrom + 1; i < m.tokenTo - 1; i++) {
      const t = a.tokens[i];
      if (t !== undefined && !isGeneric(t.lower) && !ctx.knownWords.has(fold(stripPossessive(t.raw)))) return true;
    }
  }
  // Words quoted from the conversation (“no meetings Wednesday”) are specific.
  if (/[\u201C"][^\u201D"\n]*\p{L}{3,}[^\u201D"\n]*[\u201D"]/u.test(a.text.slice(a.body.start, a.body.end))) return true;
  // A name of a thing (a product, a project, a place) that is none of the records' names.
  for (let i = tokenFrom; i < tokenTo; i++) {
    const t = a.tokens[i];
    if (t === undefined || t.sentenceStart || !isCapitalized(t.raw) || isAllCaps(t.raw) || /^I['\u2019]/.test(t.raw)) continue;
    const key = fold(stripPossessive(t.raw));
    if (NOT_PROPER.has(key) || ctx.knownWords.has(key) || honorificKey(t.raw) !== undefined) continue;
    const prev = a.tokens[i - 1];
    if (prev !== undefined && honorificKey(prev.raw) !== undefined) continue;
    return true;
  }
  return false;
}
