/**
 * L12: spelling (dictionary-backed, only with a speller) and a few grammar slips that are almost
 * never right ("a interview", "could of", "the the"). Conservative: names and words from the
 * records, capitalised words inside a sentence, acronyms, words with digits, web and mail
 * addresses are never flagged, and an unknown word is flagged only when a close correction exists.
 */
import type { ToneContext } from './context.js';
import { fold, isAllCaps, isCapitalized, matchWords, words, type Token } from './text.js';
import type { FindingData, Speller } from './types.js';

const LIMIT = 100;
/** Distinct unknown words looked at for corrections, and calls of the (slow) dictionary suggester. */
const MAX_UNKNOWN = 100;
const MAX_SUGGEST_CALLS = 1;
const MAX_SUGGEST_LENGTH = 12;

/** Words of job-search and tech writing that the dictionaries lack. */
const JARGON = new Set([
  'onboarding', 'offboarding', 'roadmap', 'roadmaps', 'fintech', 'healthtech', 'edtech', 'proptech', 'insurtech', 'martech',
  'adtech', 'upskill', 'upskilling', 'reskilling', 'skillset', 'skillsets', 'cybersecurity', 'frontend', 'backend',
  'fullstack', 'devops', 'microservice', 'microservices', 'ecommerce', 'workstream', 'workstreams', 'hackathon',
  'hackathons', 'bootcamp', 'codebase', 'codebases', 'monorepo', 'runbook', 'runbooks', 'kanban', 'scrum', 'standup',
  'standups', 'chatbot', 'chatbots', 'saas', 'api', 'apis', 'dashboarding', 'dataset', 'datasets', 'postmortem',
  'postmortems', 'teammate', 'teammates', 'coworker', 'coworkers', 'nonprofit', 'nonprofits', 'stakeholder', 'stakeholders',
  'webinar', 'webinars', 'email', 'emails', 'emailed', 'emailing', 'signup', 'login', 'logins', 'workflow', 'workflows',
  'blockchain', 'analytics', 'scalability', 'interoperability', 'geospatial', 'omnichannel', 'telehealth', 'ux', 'ui',
  'cloud', 'pipelines', 'repo', 'repos', 'async', 'offsite', 'onsite', 'upsell', 'upselling', 'rebrand', 'rebranding',
  'wellbeing', 'learnings', 'timeline', 'timelines', 'deliverable', 'deliverables', 'walkthrough', 'biotech', 'medtech',
  'cleantech', 'agritech', 'regtech', 'legaltech', 'preprocessing', 'pseudonymisation', 'pseudonymization', 'anonymisation',
  'stockout', 'stockouts', 'restock', 'restocking', 'upskilled', 'reforecast', 'reforecasting', 'replatforming',
  'moodboard', 'moodboards', 'wireframe', 'wireframes', 'wireframing', 'handoff', 'handoffs', 'lookbook', 'lookbooks',
  'copywriting', 'onboarded', 'signoff', 'signoffs', 'rollout', 'rollouts', 'readmission', 'readmissions', 'sharding',
  'payables', 'receivables', 'incoterms', 'shortener', 'sommelier', 'sommeliers', 'wifi', 'dev', 'devs',
  // Latin of legal and public-sector writing ("pro bono", "per diem", "ad hoc" have their own entries).
  'bono', 'diem', 'curiam', 'amicus', 'habeas', 'voir', 'dire',
]);
/** Frequent words preferred when a typo has several one-edit corrections ("teh" → "the"). */
export const FREQUENT_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'you', 'your', 'for', 'with', 'that', 'this', 'have', 'thank', 'thanks', 'interview', 'opportunity', 'team',
  'role', 'position', 'time', 'from', 'about', 'would', 'could', 'should', 'look', 'forward', 'hearing', 'receive',
  'sincerely', 'regards', 'meeting', 'discussing', 'discussion', 'experience', 'appreciate', 'grateful', 'company', 'work',
  'working', 'believe', 'definitely', 'really', 'truly', 'especially', 'which', 'their', 'there', 'they', 'them', 'what',
  'when', 'will', 'well', 'were', 'where', 'our', 'are', 'not', 'but', 'all', 'any', 'can', 'was', 'his', 'her', 'its',
  'just', 'also', 'very', 'much', 'more', 'most', 'next', 'week', 'again', 'know', 'help', 'hope', 'project', 'projects',
]);
/** Words the dictionary would accept repeated ("had had", "that that"), and those L3/L4 report. */
const REPEAT_OK = new Set(['had', 'that', 'really', 'very', 'so', 'super', 'extremely', 'truly', 'much', 'totally', 'please', 'bye', 'ha', 'no', 'yes', 'well', 'is']);
const A_BEFORE_VOWEL_OK = /^(?:one|once|eu|ewe|uni|use|usu|uti|ubiq|ura|uro|ouija|oaxaca)/;
const AN_CONSONANT = /^[bcdfgjklmnpqrstvwz]/;
const FORWARD_TO = /^(?:hear|meet|speak|talk|work|see|receive|learn|join|discuss|connect|chat|contribute)$/;

const HAVE = words('(?:could|would|should|must|might) of(?! course)');
const THAN = words('(?:more|less|better|rather|greater|fewer|bigger|smaller|longer|faster|higher|lower|worse|older|younger) then');
const YOUR = words('for you (?:time|help|consideration|attention|interest|support|feedback|patience|insights?|guidance|kindness|hospitality)');
const ITS = words('its (?:been|a|an)');
const THERE = words('their (?:is|are|was|were)');
const FORWARD = words('forward to (?:hear|meet|speak|talk|work|see|receive|learn|join|discuss|connect|chat|contribute)(?= (?:from|with|you|more|about|the|to|in|on|at|and))');

/** Tokens inside web or mail addresses, paths and handles: never spell-checked. */
function addressTokens(text: string, tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  const chunk = /\S+/g;
  let t = 0;
  for (let m = chunk.exec(text); m !== null && t < tokens.length; m = chunk.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const address = /:\/\/|^(?:www\.)|@|\/|\\|\.(?:com|org|net|io|dev|ai|co|uk|edu|gov|app|me|info|biz)\b|\.[a-z]{2,}\.[a-z]/i.test(m[0]);
    while (t < tokens.length && (tokens[t]?.start ?? Infinity) < end) {
      if (address && (tokens[t]?.start ?? -1) >= start) out[t] = 1;
      t++;
    }
  }
  return out;
}

/** One-edit corrections the dictionary knows, best first. */
function oneEdit(word: string, speller: Speller, substitutions = true): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const found: string[] = [];
  const seen = new Set<string>();
  const tryWord = (w: string): void => {
    if (w.length < 1 || w === word || seen.has(w)) return;
    seen.add(w);
    if (speller.correct(w)) found.push(w);
  };
  for (let i = 0; i + 1 < word.length; i++) tryWord(word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
  for (let i = 0; i < word.length; i++) tryWord(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i <= word.length; i++) {
    for (const c of letters) tryWord(word.slice(0, i) + c + word.slice(i));
    if (i > 0 && i < word.length) tryWord(`${word.slice(0, i)}'${word.slice(i)}`);
  }
  if (substitutions) for (let i = 0; i < word.length; i++) for (const c of letters) tryWord(word.slice(0, i) + c + word.slice(i + 1));
  const frequent = found.filter((w) => FREQUENT_WORDS.has(w));
  const rest = found.filter((w) => !FREQUENT_WORDS.has(w));
  return [...frequent, ...rest].slice(0, 3);
}

/** The word with each run of one letter written once ("reccomendations" → "recomendations"). */
export function undoubled(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Corrections that differ only in doubled letters, at up to two places ("reccomendations" →
 * "recommendations", "occured" → "occurred", "accomodation" → "accommodation"): the commonest slip
 * in long words, two edits away, which the one-edit search cannot reach.
 */
function doublingSlips(word: string, speller: Speller): string[] {
  if (word.length < 6 || word.length > 24) return [];
  const toggles = (w: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < w.length; i++) {
      if (w[i] === w[i + 1]) out.push(w.slice(0, i) + w.slice(i + 1));
      else if (w[i] !== w[i - 1]) out.push(w.slice(0, i + 1) + w.slice(i));
    }
    return out;
  };
  const found = new Set<string>();
  const seen = new Set<string>([word]);
  for (const once of toggles(word)) {
    if (seen.has(once)) continue;
    seen.add(once);
    if (speller.correct(once)) found.add(once);
    for (const twice of toggles(once)) {
      if (seen.has(twice)) continue;
      seen.add(twice);
      if (speller.correct(twice)) found.add(twice);
    }
  }
  return [...found].slice(0, 3);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Verdict {
  readonly suggestions: readonly string[];
}

export function checkSpelling(ctx: ToneContext): FindingData[] {
  const speller = ctx.speller;
  if (speller === undefined) return [];
  const { a } = ctx;
  const out: FindingData[] = [];
  const skip = addressTokens(a.text, a.tokens);
  const cache = new Map<string, Verdict | null>();
  let unknown = 0;
  let suggestCalls = 0;

  const known = (w: string): boolean => speller.correct(w) || JARGON.has(w) || ctx.knownWords.has(fold(w));

  /** Corrections for a lower-case word the dictionary lacks, or null when it is fine or too uncertain. */
  const judge = (w: string): Verdict | null => {
    const cached = cache.get(w);
    if (cached !== undefined) return cached;
    let verdict: Verdict | null = null;
    const stripped = w.replace(/'s$/, '').replace(/'$/, '');
    const folded = fold(w);
    if (!(known(w) || known(stripped) || (folded !== w && known(folded)))) {
      if (speller.correct(capitalize(w))) verdict = { suggestions: [capitalize(w)] };
      else if (unknown < MAX_UNKNOWN) {
        unknown++;
        const edits = oneEdit(w, speller);
        const doubled = edits.length > 0 ? [] : doublingSlips(w, speller);
        if (edits.length > 0) verdict = { suggestions: edits };
        else if (doubled.length > 0) verdict = { suggestions: doubled };
        else if (suggestCalls < MAX_SUGGEST_CALLS && w.length <= MAX_SUGGEST_LENGTH) {
          suggestCalls++;
          const s = speller.suggest(w).filter((x) => x.toLowerCase() !== w).slice(0, 3);
          if (s.length > 0) verdict = { suggestions: s };
        }
      }
    }
    cache.set(w, verdict);
    return verdict;
  };

  for (let i = 0; i < a.tokens.length && out.length < LIMIT; i++) {
    const t = a.tokens[i];
    if (t === undefined || t.raw.length < 3 || t.raw.length > 40 || skip[i] === 1) continue;
    // A capitalised word inside a sentence is a name: never spell-checked.
    if (!t.sentenceStart && isCapitalized(t.raw)) continue;
    if (/\p{N}/u.test(t.raw) || /\p{N}/u.test(a.text.charAt(t.start - 1)) || /\p{N}/u.test(a.text.charAt(t.end))) continue;
    if (/[^\p{Script=Latin}\p{M}'\u2019\-\u2010]/u.test(t.raw)) continue;
    if (a.text.charAt(t.end) === '.' && /^\p{L}\./u.test(a.text.slice(t.end + 1, t.end + 3))) continue; // "e.g.", "i.e."
    // Each part of a hyphenated word on its own ("follow-up", "co-worker").
    let offset = 0;
    for (const part of t.raw.split(/[-\u2010]/)) {
      const start = t.start + offset;
      offset += part.length + 1;
      const lettersOnly = part.replace(/['\u2019]/g, '');
      // Stretched words ("sooo") are L3's.
      if (lettersOnly.length < 3 || isAllCaps(part) || /\p{Lu}/u.test(part.slice(1)) || /(\p{L})\1\1/u.test(part)) continue;
      const w = part.toLowerCase().replace(/\u2019/g, "'").replace(/^'+|'+$/g, '');
      // No vowel at all: an abbreviation or a tool's name ("dbt", "npm"), not a misspelt word.
      if (!/[aeiouy\u00E0-\u00FF]/.test(w)) continue;
      if (isCapitalized(part)) {
        // Capitalised: a name inside a sentence; at a sentence start only a clear one-letter slip ("Thnak").
        // Letters swapped, dropped or doubled, not replaced: "Figma" is not "Sigma" misspelt.
        if (!t.sentenceStart || start !== t.start || w.length < 4 || known(part) || known(w) || ctx.knownWords.has(fold(part))) continue;
        if (unknown >= MAX_UNKNOWN) continue;
        unknown++;
        const edits = oneEdit(w, speller, false);
        if (edits.length > 0) out.push({ rule: 'L12', code: 'misspelling', start, end: start + part.length, severity: 'error', found: part, suggestions: edits.map(capitalize) });
        continue;
      }
      const verdict = judge(w);
      if (verdict) out.push({ rule: 'L12', code: 'misspelling', start, end: start + part.length, severity: 'error', found: part, suggestions: verdict.suggestions });
    }
  }
  out.push(...grammar(ctx, skip));
  return out;
}

function grammar(ctx: ToneContext, skip: Uint8Array): FindingData[] {
  const { a } = ctx;
  const out: FindingData[] = [];
  const push = (start: number, end: number, instead: string, code: 'grammar' | 'repeated_word' = 'grammar'): void => {
    if (out.length < LIMIT) out.push({ rule: 'L12', code, start, end, severity: code === 'repeated_word' ? 'error' : 'warning', found: a.text.slice(start, end), instead });
  };
  const spaceOnly = (x: Token, y: Token): boolean => /^[ \t]+$|^[ \t]*\r?\n[ \t]*$/.test(a.text.slice(x.end, y.start));
  for (let i = 0; i < a.tokens.length && out.length < LIMIT; i++) {
    const t = a.tokens[i];
    const next = a.tokens[i + 1];
    if (t === undefined || skip[i] === 1) continue;
    if (next !== undefined && spaceOnly(t, next)) {
      if (next.lower === t.lower && /^\p{L}+$/u.test(t.raw) && !REPEAT_OK.has(t.lower) && t.raw.length > 1) {
        push(t.start, next.end, t.raw, 'repeated_word');
        continue;
      }
      const lowerNext = next.raw === next.lower && /^\p{L}{2,}/u.test(next.raw);
      if ((t.raw === 'a' || (t.raw === 'A' && t.sentenceStart)) && lowerNext && /^[aeio]/.test(next.lower) && !A_BEFORE_VOWEL_OK.test(next.lower)) {
        push(t.start, next.end, `${t.raw}n ${next.raw}`);
      } else if ((t.raw === 'an' || (t.raw === 'An' && t.sentenceStart)) && lowerNext && AN_CONSONANT.test(next.lower)) {
        push(t.start, next.end, `${t.raw.charAt(0)} ${next.raw}`);
      }
    }
    if (/^i(?:['\u2019](?:m|ve|ll|d))?$/.test(t.raw)) {
      const before = a.text.charAt(t.start - 1);
      const after = a.text.slice(t.end, t.end + 2);
      if (before !== '(' && !/^[.)]/.test(after) && !/[-\u2010]/.test(before)) {
        push(t.start, t.end, `I${t.raw.slice(1)}`);
      }
    }
  }
  const phrase = (re: RegExp, fix: (found: string) => string): void => {
    for (const m of matchWords(a, re, LIMIT)) {
      const gapsOk = a.tokens.slice(m.tokenFrom, m.tokenTo - 1).every((x, k) => {
        const y = a.tokens[m.tokenFrom + k + 1];
        return y !== undefined && spaceOnly(x, y);
      });
      if (gapsOk) push(m.start, m.end, fix(m.found));
    }
  };
  phrase(HAVE, (f) => f.replace(/\bof$/i, 'have'));
  phrase(THAN, (f) => f.replace(/then$/i, 'than'));
  phrase(YOUR, (f) => f.replace(/(for\s+)you\b/i, '$1your'));
  phrase(ITS, (f) => f.replace(/^(i)ts/i, "$1t's"));
  phrase(THERE, (f) => f.replace(/^(t)heir/i, '$1here'));
  phrase(FORWARD, (f) => f.replace(/(\p{L}+)$/u, (v) => FORWARD_TO.test(v.toLowerCase()) ? ing(v) : v));
  return out;
}

/** "hear" → "hearing", "see" → "seeing", "chat" → "chatting". */
function ing(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'chat') return `${verb}ting`;
  if (v.endsWith('e') && v !== 'see') return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}
