/**
 * Reading a debrief input: split into points (sentences, list items, clauses joined by ";" or
 * "and they…"), then each point classified by its grammar (a noun phrase, a gerund phrase, a
 * wh-clause, a clause with its own subject, a clause without one, a question, a quote) and
 * reshaped for the slot it fills: the interviewer's detail becomes "you"/"your" (or a named
 * panelist), the candidate's own moments become first-person gerunds or topics.
 */
import { caseLike, formsOf, is, sentencesOf, termsOf, textOf, withText, type Term } from './terms.js';

/** One point of an input, before it is fitted to a slot. */
export function pointsOf(text: string): string[] {
  const items = text
    // "Mr. O'Brien - the site foreman - said…": a role between dashes after a name is an aside, as between commas.
    .replace(/(\p{Lu}[\p{L}'\u2019.-]*(?:\s+\p{Lu}[\p{L}'\u2019-]*)*)\s+[-\u2013\u2014]\s+((?:the|a|an|our|their|his|her)\s+[^-\u2013\u2014,.;\n]{1,40}?)\s+[-\u2013\u2014]\s+(?=\p{Ll})/gu, '$1, $2, ')
    .split(/\n|(?:^|\s)(?:[-*\u2022\u2013]|\(?\d{1,2}[).]|\(?[a-e]\))\s+/u)
    .map((s) => s.trim().replace(/^[-*\u2022\u2013]\s*/u, ''))
    .filter((s) => /\p{L}/u.test(s));
  const out: string[] = [];
  // An aside in brackets that is a sentence of its own ("(I had a whole idea about split shifts)") is a point of its own.
  const asides: string[] = [];
  const unbracketed = items.map((item) => item.replace(/\s*\(([^()]*\b(?:I|we|he|she|they|it)\b[^()]*)\)/gi, (_m, aside: string) => {
    asides.push(aside);
    return '';
  }));
  for (const item of [...unbracketed, ...asides]) {
    for (const s of sentencesOf(item)) {
      for (const clause of s.split(/,\s+(?=(?:[\p{L}'-]+\s+){0,3}(?:but|and|so)\s+(?:it|they|he|she|we|i|you)\b)|\s*;\s*|\s+[\u2014\u2013]\s+|\s+-\s+|,?\s+(?:and\s+then|but\s+then|and|but|then|so)\s+(?=(?:they|he|she|we|i|you)\s)|,\s+(?=(?:they|he|she|we|i|you)(?:'\w+)?\s)|,\s+(?:and\s+)?(?=(?:how|why|what|whether)\s+(?:we|i|they|he|she|you)\s)|,\s+and\s+(?=(?:how|why|what|whether)\s)/iu)) {
        if (/\p{L}/u.test(clause)) out.push(...runOnSplit(clause.trim()).flatMap(secondAct));
      }
    }
  }
  return out;
}

/** Words after a comma that carry on the same sentence ("…, which is new", "…, and then…"). */
const CARRY_ON = new Set([
  'which', 'who', 'whom', 'whose', 'that', 'and', 'but', 'or', 'nor', 'so', 'because', 'while', 'when', 'where', 'as', 'if',
  'although', 'though', 'since', 'then', 'with', 'without', 'including', 'like', 'plus', 'not', 'especially', 'even',
]);

/** A part after a comma that is a sentence of its own: a subject with a noun in it, then its verb ("drop-off at step 3 is 60%"). */
export function ownClause(terms: readonly Term[]): boolean {
  const first = terms[0];
  if (first === undefined || CARRY_ON.has(first.lower) || is(first, 'Preposition') || is(first, 'Conjunction')) return false;
  for (let i = 1; i < terms.length; i++) {
    const t = terms[i];
    if (t === undefined || WH.has(t.lower) || t.lower === 'that') return false;
    const verb = is(t, 'Copula') || (isFinite(terms, i) && !is(t, 'Gerund') && !is(t, 'Particle'));
    if (verb && terms.slice(0, i).some((x) => is(x, 'Noun') && !is(x, 'Pronoun'))) return true;
  }
  return false;
}

/**
 * Two sentences run together with a comma ("he showed me the flow they're redesigning, drop-off at
 * step 3 is 60%"): split where the part after a comma has its own subject and verb and the part
 * before has a verb that is not one of saying ("she said, the team…" stays whole).
 */
function runOnSplit(clause: string): string[] {
  if (!clause.includes(', ')) return [clause];
  const parts = clause.split(/,\s+/);
  const out: string[] = [];
  let current = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    const left = termsOf(current);
    const verb = finiteVerb(left);
    const last = left[left.length - 1];
    // "…, so every site books differently": a result of its own is a second point too.
    const result = /^so\s+/i.exec(part);
    const rest = result === null ? part : part.slice(result[0].length);
    if (verb >= 0 && last !== undefined && !isSpeechVerb(last.lower) && ownClause(termsOf(rest))) {
      out.push(current);
      current = part;
    } else current = `${current}, ${part}`;
  }
  out.push(current);
  return out;
}

/** "and" then a regular past form ("…and answered") or a common irregular one ("…and took notes"). */
const PAST_AFTER_AND = /\sand\s+(?:\p{L}+ed|took|gave|made|said|wrote|kept|got|went|told|sent|ran|began|brought|thought|found|left|showed|shown|saw|held|led|spoke|put|read|set|met|felt|drew|chose|taught|built|sold|spent|won|lost|paid|let|cut)\b/iu;

/**
 * One subject doing two things ("they asked for the research plan and took notes"): the second act
 * is a point of its own, so the first keeps its object alone ("the research plan", not "the research
 * plan and took notes"). Only a verb in the past after "and" (not a noun or an adjective: "the plan
 * and revised forecast" stays) when the words before have their own finite verb.
 */
function secondAct(clause: string): string[] {
  // Only a clause with "and" before a word that may be a past verb is tagged here (a parse is most of a draft's time).
  if (!PAST_AFTER_AND.test(clause)) return [clause];
  const terms = termsOf(clause);
  for (let k = 1; k + 1 < terms.length; k++) {
    const next = terms[k + 1];
    if (terms[k]?.lower !== 'and' || !is(next, 'PastTense') || is(next, 'Noun') || is(next, 'Adjective')) continue;
    const before = terms.slice(0, k);
    const verb = finiteVerb(before);
    if (verb < 0) continue;
    // "…the plan and revised forecast are due": a verb later on makes "revised" part of a subject.
    const after = terms.slice(k + 2);
    // "He coaches the U14 team and asked if I'd help", "she runs the office and mentioned they are
    // hiring": when the first is a present habit of theirs and the second an act in the interview
    // (two points), a verb inside what was asked or said is not one of the sentence's.
    const opens = isSpeechVerb(next?.lower ?? '') ? 0 : after.findIndex((t) => t.lower === 'if' || WH.has(t.lower));
    const own = is(before[verb], 'PresentTense') && opens >= 0 ? after.slice(0, opens) : after;
    if (own.some((t, i) => isFinite(own, i) || is(t, 'Copula'))) continue;
    return [textOf(before), textOf(terms.slice(k + 1))];
  }
  return [clause];
}

/** Words that open a wh-clause or a question. */
export const WH: ReadonlySet<string> = new Set(['how', 'why', 'what', 'whether', 'when', 'where', 'which', 'who']);
const REPORTING = new Set([
  'say', 'mention', 'explain', 'tell', 'share', 'note', 'describe', 'talk', 'speak', 'discuss', 'highlight', 'emphasize',
  'emphasise', 'stress', 'point', 'raise', 'reveal', 'admit', 'hint', 'suggest', 'confirm', 'bring', 'chat', 'outline',
  'go', 'rave', 'gush',
]);
const ACTS = new Set(['ask', 'show', 'walk', 'give', 'offer', 'introduce', 'take', 'invite', 'challenge', 'press', 'quiz', 'grill', 'probe', 'tour']);
const LEAD_INS = /^(?:(?:i\s+(?:think|feel|guess|believe|felt|thought)(?:\s+like)?(?:\s+that)?)|honestly|overall|also|then|maybe|probably|basically|so|and|but|plus|oh|um|well|ok|okay|anyway|lol|haha|tbh|btw|fyi|imo|omg|kind of|sort of|i'd say|i guess)\b[\s,:-]*/i;
const TAGS_AFTER = /[\s,]+(?:lol|haha|tbh|btw|imo|fwiw|ngl)\b[\s,.!?]*$/i;

/** A past or present form of a reporting or act verb ("said", "tells", "asked"). */
function isSpeechVerb(word: string): boolean {
  if (!/^[a-z]+$/.test(word) || !/(?:ed|s|aid|old|oke|ave|ook|ent)$/.test(word)) return false;
  const f = formsOf(word);
  return f !== undefined && (f.past === word || f.present === word) && (REPORTING.has(f.infinitive) || ACTS.has(f.infinitive));
}

/** What a point is, by its grammar. */
export type Shape =
  | { readonly kind: 'noun'; readonly terms: readonly Term[] }
  | { readonly kind: 'gerund'; readonly terms: readonly Term[] }
  | { readonly kind: 'wh'; readonly terms: readonly Term[] }
  | { readonly kind: 'question'; readonly text: string }
  | { readonly kind: 'clause'; readonly subject: readonly Term[]; readonly verb: number; readonly terms: readonly Term[] };

const isFinite = (terms: readonly Term[], i: number): boolean => {
  const t = terms[i];
  if (t === undefined || !is(t, 'Verb')) return false;
  if (is(t, 'Gerund') && !is(t, 'Copula')) return false;
  // "cleaning up the list": the particle of a phrasal verb is no verb of its own.
  if (is(t, 'Particle')) return false;
  if (is(t, 'Participle') && !is(terms[i - 1], 'Auxiliary') && !is(terms[i - 1], 'Copula')) return false;
  const prev = terms[i - 1];
  if (prev !== undefined && prev.lower === 'to') return false;
  // "a 85% target", "the plan": after an article (and a number) a word is a noun, whatever its tag.
  if (is(prev, 'Determiner') && !is(prev, 'Pronoun') && !['that', 'this'].includes(prev?.lower ?? '')) return false;
  if (is(prev, 'Value') && is(terms[i - 2], 'Determiner') && !['that', 'this'].includes(terms[i - 2]?.lower ?? '')) return false;
  return t.text !== '' || is(t, 'Copula') || is(t, 'Modal') || is(t, 'Auxiliary');
};

/** The index of the clause's finite verb (or its auxiliary), if any. */
export function finiteVerb(terms: readonly Term[]): number {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    if (t === undefined) continue;
    if (i > 0 && WH.has(t.lower)) return -1;
    if (t.lower === 'that' && i > 0) return -1;
    if (isFinite(terms, i)) return i;
    // compromise reads "She said reporting…" as an adjective ("the said report"): after a subject it is the verb.
    const prev = terms[i - 1];
    if (prev !== undefined && (is(prev, 'Pronoun') || is(prev, 'Person')) && !is(prev, 'Possessive') && isSpeechVerb(t.lower)) return i;
  }
  return -1;
}

/** Classifies one point. Lead-ins ("I think", "Honestly,") are dropped first. */
export function shapeOf(point: string): Shape {
  const text = point.replace(LEAD_INS, '').replace(TAGS_AFTER, '').replace(/^[,:\s-]+/, '').trim() || point.trim();
  const question = /\?\s*$/.test(text);
  const terms = termsOf(text.replace(/[.!?]+\s*$/, ''));
  const first = terms[0];
  if (first === undefined) return { kind: 'noun', terms: [] };
  if (question && (WH.has(first.lower) || is(first, 'Modal') || is(first, 'Auxiliary') || is(first, 'Copula'))) {
    return { kind: 'question', text: text.replace(/\?+\s*$/, '?') };
  }
  // "what was the name of the tool": a question in question order, not a topic.
  if (WH.has(first.lower) && (is(terms[1], 'Copula') || is(terms[1], 'Auxiliary') || is(terms[1], 'Modal'))) return { kind: 'question', text: `${text.replace(/[.!?]+\s*$/, '')}?` };
  if (WH.has(first.lower)) return { kind: 'wh', terms };
  const verb = finiteVerb(terms);
  // "Wedding season is brutal": a gerund opening a clause is its subject, not a gerund phrase.
  if (is(first, 'Gerund') && !is(first, 'Copula') && verb < 0) return { kind: 'gerund', terms };
  // "migrating 2,000 case files into…": after a number and a singular noun, an "-s" verb is the plural head noun.
  const numbered = verb >= 2 && /s$/.test(terms[verb]?.lower ?? '') && is(terms[verb - 1], 'Singular') && is(terms[verb - 2], 'Value') && !['1', 'one', 'a'].includes(terms[verb - 2]?.lower ?? '');
  if (numbered && finiteVerb(terms.slice(verb + 1)) < 0) return is(first, 'Gerund') ? { kind: 'gerund', terms } : { kind: 'noun', terms };
  if (verb < 0) return { kind: 'noun', terms };
  // "the weekly review with the sales leads": a last word read as a verb after a long subject is the head noun.
  const v = terms[verb];
  const subject = terms.slice(0, verb);
  if (verb === terms.length - 1 && verb >= 2 && v !== undefined && !is(v, 'Copula') && !is(v, 'PastTense')
    && !subject.some((t) => is(t, 'Pronoun') && !is(t, 'Possessive'))
    && (/s$/.test(v.lower) || subject.some((t) => is(t, 'Preposition') || t.lower === 'and'))) return { kind: 'noun', terms };
  return { kind: 'clause', subject: terms.slice(0, verb), verb, terms };
}

/** Who a clause's subject is, for the person the detail is about. */
export type Subject = 'none' | 'first' | 'we' | 'person' | 'they' | 'other';

/** `names`: the words that name the person the detail is about (first name, surname, honorific + surname). */
export function subjectOf(subject: readonly Term[], names: readonly string[]): Subject {
  if (subject.length === 0) return 'none';
  const words = subject.map((t) => t.lower.replace(/[.,]/g, '')).filter((w) => w !== '');
  const one = words.length === 1 ? words[0] : undefined;
  if (one === 'i' || one?.startsWith("i'")) return 'first';
  if (one === 'we' || one?.startsWith("we'")) return 'we';
  if (one === 'you' || one === 'he' || one === 'she' || one?.startsWith("he'") || one?.startsWith("she'") || one?.startsWith("you'")) return 'person';
  if (one === 'they' || one?.startsWith("they'")) return 'they';
  const lowerNames = names.map((n) => n.toLowerCase());
  if (words.length <= 3 && words.every((w) => lowerNames.includes(w) || ['mr', 'mrs', 'ms', 'dr', 'prof', 'mx', 'miss'].includes(w))) return 'person';
  return 'other';
}

// ---- pronouns: the person written about becomes "you", or a named panelist -----------------

const YOU_FORMS: Readonly<Record<string, string>> = {
  he: 'you', she: 'you', him: 'you', his: 'your', hers: 'yours', himself: 'yourself', herself: 'yourself',
};

/** People a detail may be about besides the interviewer: after "her daughter", the next "her" is the daughter's. */
const OTHER_PERSON = /^(?:daughters?|sons?|kids?|children|child|wife|husband|partner|mum|mom|mother|dad|father|sister|brother|boss|manager|colleagues?|predecessor|successor|mentor|friend)$/;

/** A fact about someone's family ("your daughter is starting university"): warm, but nothing to learn about the team from. */
export const FAMILY_FACT = /\b(?:your|his|her|their) (?:daughters?|sons?|kids?|children|child|wife|husband|partner|mum|mom|mother|dad|father|sister|brother)\b/i;

/** Present-tense agreement for "you" (or a plural) after a third-person singular subject. */
function agreeYou(t: Term): Term {
  const map: Readonly<Record<string, string>> = { is: 'are', was: 'were', has: 'have', does: 'do', "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't" };
  const known = map[t.lower];
  if (known !== undefined) return withText(t, caseLike(known, t.text));
  if (is(t, 'PresentTense') && !is(t, 'Infinitive') && !is(t, 'Gerund') && !is(t, 'Modal') && t.text !== '') {
    const f = formsOf(t.lower);
    if (f && f.present === t.lower) return withText(t, f.infinitive);
  }
  return t;
}

/** Present-tense agreement for a singular named subject after "they"/"you". */
function agreeSingular(t: Term): Term {
  const map: Readonly<Record<string, string>> = { are: 'is', were: 'was', have: 'has', do: 'does', "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't", "don't": "doesn't" };
  const known = map[t.lower];
  if (known !== undefined) return withText(t, known);
  if (is(t, 'PresentTense') && is(t, 'Infinitive') && t.text !== '') {
    const f = formsOf(t.lower);
    if (f) return withText(t, f.present);
  }
  return t;
}

/** The next verb term after `i`, skipping adverbs ("she also leads"). */
function verbAfter(terms: readonly Term[], i: number): number {
  for (let j = i + 1; j < terms.length && j <= i + 3; j++) {
    const t = terms[j];
    if (t === undefined) break;
    if (is(t, 'Verb')) return j;
    if (!is(t, 'Adverb') && !is(t, 'Negative') && !TIME_ADVERBS.has(t.lower)) break;
  }
  return -1;
}

/** Adverbs compromise may tag otherwise ("and now runs": "now" as a conjunction). */
const TIME_ADVERBS: ReadonlySet<string> = new Set(['now', 'then', 'still', 'also', 'later', 'since', 'soon']);

/** "she started here and now runs ops": each verb coordinated with the one at `v` agrees with "you" too (in place). */
function agreeCoordinated(out: Term[], v: number): void {
  for (let j = v + 1; j < out.length - 1; j++) {
    const w = out[j];
    if (w === undefined || is(w, 'Pronoun') || is(w, 'Person')) break;
    if (w.lower !== 'and') continue;
    const k = verbAfter(out, j);
    const coordinated = out[k];
    if (coordinated !== undefined) out[k] = agreeYou(coordinated);
  }
}

/**
 * Every he/she/him/his/her of the text becomes you/your, with the verb after a subject pronoun
 * made to agree ("she is" → "you are", "he leads" → "you lead", "she's" → "you're").
 */
export function toSecondPerson(terms: readonly Term[]): Term[] {
  const out = [...terms];
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t === undefined) continue;
    // "Her daughter is doing her BSN": once another person is named, "her" may be theirs; the rest stays as typed.
    if (i > 0 && OTHER_PERSON.test(t.lower) && /^(?:your|you)$/i.test(out[i - 1]?.text ?? '')) break;
    const contraction = /^(he|she)('s|'d|'ll)$/i.exec(t.text);
    if (contraction) {
      const tail = contraction[2]?.toLowerCase() === "'s"
        ? (is(out[i + 2], 'Participle') || out[i + 2]?.lower === 'been' || out[i + 2]?.lower === 'got' ? "'ve" : "'re")
        : (contraction[2] ?? '');
      out[i] = withText(t, caseLike(`you${tail}`, t.text));
      continue;
    }
    const lower = t.lower;
    if (lower === 'her') {
      // "her" before a noun is the possessive, otherwise the object.
      const next = out[i + 1];
      const objectNext = next === undefined || is(next, 'Preposition') || is(next, 'Determiner') || is(next, 'Conjunction') || next.lower === 'that' || /[,.;:!?]/.test(t.post);
      const possessive = !objectNext && (is(t, 'Possessive') || (next !== undefined && (is(next, 'Noun') || is(next, 'Adjective')) && !is(next, 'Pronoun')));
      out[i] = withText(t, caseLike(possessive ? 'your' : 'you', t.text));
      continue;
    }
    const you = YOU_FORMS[lower];
    if (you === undefined) continue;
    out[i] = withText(t, caseLike(you, t.text));
    if (lower === 'he' || lower === 'she') {
      const v = verbAfter(out, i);
      const verb = out[v];
      if (verb !== undefined) out[v] = agreeYou(verb);
      if (v >= 0) agreeCoordinated(out, v);
    }
  }
  return out;
}

/** The clause with its subject replaced by `name` (a singular third person) and the verb agreeing. */
export function withSubject(terms: readonly Term[], verb: number, name: string): Term[] {
  const v = terms[verb];
  const rest = terms.slice(verb);
  const head: Term = { text: name, lower: name.toLowerCase(), tags: new Set(['ProperNoun']), pre: '', post: ' ' };
  return [head, ...(v ? [agreeSingular(v), ...rest.slice(1)] : rest)];
}

/** The clause with "you" as its subject, the verb agreeing. */
export function withYou(terms: readonly Term[], verb: number): Term[] {
  const v = terms[verb];
  const head: Term = { text: 'you', lower: 'you', tags: new Set(['Pronoun']), pre: '', post: ' ' };
  const out = [head, ...(v ? [agreeYou(v), ...terms.slice(verb + 1)] : terms.slice(verb))];
  // "he manages 3 stores and is moving to a regional role": "you manage… and are moving…".
  if (v !== undefined) agreeCoordinated(out, 1);
  return out;
}

// ---- reported speech --------------------------------------------------------------------------

export interface Reported {
  /** The reporting verb's base form ("mention"), or the act's ("ask"). */
  readonly verb: string;
  /** What follows the verb and its object pronoun ("that the team is moving…", "about the roadmap"). */
  readonly rest: readonly Term[];
}

/** A reporting verb at `verb` and what follows it, or undefined. */
export function reportedAt(terms: readonly Term[], verb: number): Reported | undefined {
  const v = terms[verb];
  if (v === undefined || v.text === '') return undefined;
  const base = formsOf(v.lower)?.infinitive ?? v.lower;
  if (!REPORTING.has(base) && !ACTS.has(base)) return undefined;
  let j = verb + 1;
  if (['me', 'us'].includes(terms[j]?.lower ?? '')) j++;
  if (['out', 'up', 'on'].includes(terms[j]?.lower ?? '') && ['point', 'bring', 'go'].includes(base)) j++;
  // "talked for a long time about X", "went on at length about X": how long says nothing of what.
  j += lengthAdverbial(terms.slice(j));
  return { verb: base, rest: terms.slice(j) };
}

/** How many terms at the start say for how long or how much ("for a long time", "at length", "a lot"), or 0. */
function lengthAdverbial(terms: readonly Term[]): number {
  const words = terms.slice(0, 6).map((t) => t.lower);
  const phrase = words.join(' ');
  const m = /^(?:for (?:(?:a|an|the) )?(?:(?:long|good|little|few|bit|couple|while) )*(?:time|while|bit|ages|minutes|hours|minute|hour|ever)|at (?:some )?length|a (?:lot|bunch|ton)|(?:loads|lots|forever|endlessly|passionately|excitedly|briefly)|quite a (?:bit|lot))(?= |$)/.exec(phrase);
  if (m === null) return 0;
  const n = m[0].split(' ').length;
  // Only when a topic follows ("… about X"): "talked a lot" alone is all there is.
  return n < terms.length ? n : 0;
}

export function isAct(verb: string): boolean {
  return ACTS.has(verb);
}

