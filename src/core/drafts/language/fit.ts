/**
 * Fitting a debrief input to the slot it fills in a note. An interviewer's detail becomes a topic
 * ("your plan to move the KPIs into Looker"), a fact ("the team is moving to a four-day week
 * pilot"), an act of theirs ("you asked me how I would handle a late data feed"), one of ours
 * ("we compared notes on hiring"), or their question or words in quotes. The candidate's own
 * moments become a gerund in the first person ("walking you through my churn model") or a topic
 * ("window functions"). Whatever cannot be fitted safely is returned as left out, with why.
 */
import { countWords } from '../words.js';
import { cleanInput, type LeftOutReason } from './clean.js';
import {
  WH, finiteVerb, isAct, ownClause, pointsOf, reportedAt, shapeOf, subjectOf, toSecondPerson, withSubject, withYou,
  type Shape,
} from './read.js';
import { caseLike, formsOf, is, isEverydayWord, lowerStart, termsOf, textOf, withText, type Term } from './terms.js';

export type { LeftOutReason } from './clean.js';

export interface Dropped {
  readonly text: string;
  readonly reason: LeftOutReason;
}

export type DetailForm =
  | { readonly form: 'topic'; readonly text: string }
  | { readonly form: 'fact'; readonly text: string }
  | { readonly form: 'act'; readonly text: string }
  | { readonly form: 'ours'; readonly text: string }
  | { readonly form: 'question'; readonly text: string }
  | { readonly form: 'quote'; readonly text: string };

export type MomentForm =
  | { readonly form: 'topic'; readonly text: string }
  | { readonly form: 'doing'; readonly text: string };

export interface Fitted<T> {
  readonly value?: T;
  readonly dropped: readonly Dropped[];
}

/** Who the detail is about, as the note names them. */
export interface About {
  /** Words that name the person (first name, surname). */
  readonly names: readonly string[];
  /** "you" in their own note; their formal name in the panel lead's note. */
  readonly as: 'you' | { readonly name: string };
}

/** Who "they/them" are in the candidate's moments. */
export type Audience = 'you' | 'the panel';

/** Longest fitted phrase, in words. */
const MAX_WORDS = 32;
const TOPIC_PREPOSITIONS = new Set(['about', 'of', 'on', 'regarding', 'around', 'over', 'with', 'through', 'at', 'during', 'for', 'in']);
const ROLE_WORDS = new Set(['lead', 'manager', 'director', 'head', 'engineer', 'recruiter', 'analyst', 'partner', 'vp', 'cto', 'ceo', 'cfo', 'coo', 'hr', 'designer', 'founder', 'owner', 'principal', 'chef', 'nurse', 'teacher', 'supervisor', 'foreman']);
const LIKED = new Set(['like', 'love', 'enjoy', 'appreciate', 'praise', 'admire', 'value']);
const FEELINGS = new Set(['feel', 'seem', 'look', 'sound', 'go', 'think', 'hope', 'guess', 'turn']);
const BOUNDARY = new Set(['then', 'because', 'when', 'since', 'but', 'so', 'although', 'though', 'while', 'as', 'which', 'without']);

/** A fitted phrase ready for a sentence: no closing stop, tidy spacing, balanced quotes. */
function finish(text: string): string | undefined {
  let t = text.replace(/\s+([,;:])/g, '$1').replace(/\s{2,}/g, ' ').replace(/^[\s,;:–—-]+|[\s,;:.!?–—-]+$/gu, '').trim();
  t = t.replace(/\(\s*\)/g, '').trim();
  const opens = (t.match(/\(/g) ?? []).length;
  const closes = (t.match(/\)/g) ?? []).length;
  if (opens !== closes) t = t.replace(/[()]/g, '');
  // 'quoted words' as typed become a quotation; a lone leading or trailing ' goes.
  t = t.replace(/(^|[\s(])'([^']{2,}?)'(?=$|[\s,.;:!?)])/g, '$1"$2"').replace(/(^|\s)'(?=\S)|(?<=\S)'(?=\s|$)/g, '$1');
  const straight = (t.match(/"/g) ?? []).length;
  if (straight % 2 === 1) t = t.replace(/"/g, '');
  let open = true;
  t = t.replace(/"/g, () => {
    const mark = open ? '\u201C' : '\u201D';
    open = !open;
    return mark;
  });
  if ((t.match(/\u201C/g) ?? []).length !== (t.match(/\u201D/g) ?? []).length) t = t.replace(/[\u201C\u201D]/g, '');
  if (!/\p{L}/u.test(t)) return undefined;
  return t;
}

function phraseOf(terms: readonly Term[]): string | undefined {
  return finish(textOf(lowerStart(terms)));
}

/** A comma list of short noun phrases ("SQL, Python, dashboards"): joined as a list. */
function nounList(text: string): string | undefined {
  if (!text.includes(',') || text.includes('\n') || /[.;!?]/.test(text.replace(/\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms)\./gi, ''))) return undefined;
  // "…, rotational post across ITU and theatres": an "and" after a preposition joins that
  // preposition's objects, not the list's items.
  const last = text.slice(text.lastIndexOf(',') + 1);
  const inPhrase = /\b(?:across|in|on|of|for|with|between|from|to|at|about|into|over|under|among|and\s+\w+\s+to)\s+[^,]*\band\b/i.test(last);
  const items = text.split(inPhrase ? /\s*,\s*(?:and\s+|or\s+)?/ : /\s*,\s*(?:and\s+|or\s+)?|\s+and\s+(?=[^,]*$)/).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length < 2 || items.length > 5) return undefined;
  // An item of more than six words is no list item of up to four: no need to tag the rest (a parse is most of a draft's time).
  if (items.some((i) => i.split(/\s+/).length > 6)) return undefined;
  // A one-word gerund is a noun here ("forecasting, hiring, tooling").
  const nounish = (s: Shape): boolean => (s.kind === 'noun' && s.terms.length > 0 && s.terms.length <= 4) || (s.kind === 'gerund' && s.terms.length === 1);
  const shaped: Shape[] = [];
  for (const item of items) {
    const shape = shapeOf(item);
    if (!nounish(shape)) return undefined;
    shaped.push(shape);
  }
  // The first item may carry a sentence capital; the others keep their case as typed.
  const texts = shaped.map((s, i) => (s.kind !== 'noun' && s.kind !== 'gerund' ? undefined : i === 0 ? phraseOf(s.terms) : finish(textOf(s.terms))));
  if (texts.some((t) => t === undefined)) return undefined;
  const list = [...new Set(texts as string[])];
  // "data quality, data quality, data quality": said once.
  if (list.length === 1) return list[0];
  return list.length === 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')}, and ${list[list.length - 1] ?? ''}`;
}

/** Quoted words in a point ("she said 'we ship on Fridays'"), when the point is a report of them. */
function quoteOf(point: string): string | undefined {
  const m = /^[^"\u201C\u2018']{0,40}?\b(?:said|says|told me|asked|put it|joked)[,:]?\s*["\u201C\u2018']([^"\u201D\u2019']{2,160})["\u201D\u2019']?\s*[.!?]?$/i.exec(point);
  const quote = m?.[1]?.trim();
  if (quote === undefined || !/\p{L}/u.test(quote)) return undefined;
  return quote.replace(/[.,;:]+$/, '');
}

function topicOf(terms: readonly Term[], about: About): DetailForm | undefined {
  // "our discussion about the move to Statsig": the frames already say it was a conversation; the topic is the move.
  const talk = terms[0]?.lower === 'our' && TALK_NOUNS.has(terms[1]?.lower ?? '') && TOPIC_PREPOSITIONS.has(terms[2]?.lower ?? '') && terms.length > 3;
  // "her thoughts on AI in the classroom": the frames say "your thoughts on" themselves; the topic is AI in the classroom.
  const views = ['her', 'his', 'their', 'your'].includes(terms[0]?.lower ?? '') && VIEW_NOUNS.has(terms[1]?.lower ?? '')
    && ['on', 'about', 'regarding', 'around'].includes(terms[2]?.lower ?? '') && terms.length > 3;
  let rest = talk || views ? terms.slice(3) : terms;
  // "that for like 10 minutes", "it": a word pointing back at something said before names nothing here.
  if (['that', 'this', 'it', 'them', 'those', 'these'].includes(rest[0]?.lower ?? '') && !rest.slice(1).some((t) => is(t, 'Noun') && !is(t, 'Value') && !/^(?:min|minutes?|hours?|mins|secs?|seconds?)$/.test(t.lower))) return undefined;
  // "monolith vs microservices for like half the time": how long it took is no part of the topic.
  const long = rest.findIndex((t, i) => t.lower === 'for' && i > 0 && /^for (?:like |about |almost |nearly |maybe |probably )?(?:(?:half|most|all|much|part|a lot) (?:of )?the (?:time|interview|hour|call|meeting)|(?:an? |\d+ |ten |twenty |five |fifteen |half an )(?:minutes?|hours?|mins?))$/.test(rest.slice(i).map((x) => x.lower).join(' ')));
  if (long > 0) rest = rest.slice(0, long);
  // "holiday peak": a bare singular noun that names one thing gets "the".
  const head = rest.findIndex((t) => is(t, 'Preposition'));
  const named = withArticle(rest, head < 0 ? rest.length : head);
  // "Priya Shah": someone, not something to have heard about.
  if (named.length > 0 && named.every((x) => is(x, 'Person') || is(x, 'Honorific') || is(x, 'Determiner'))) return undefined;
  const t = phraseOf(about.as === 'you' ? toSecondPerson(named) : theirsByName(named, about.as.name));
  return t === undefined ? undefined : { form: 'topic', text: t };
}

/**
 * "her podcast" in the panel lead's note, about Mr. Ruiz: the "his"/"her" that opens another
 * panelist's topic is theirs, written as their honorific says, else by name ("Dr. Tran's
 * podcast"), whatever pronoun the user typed ("their" may be the employer's, and stays).
 */
function theirsByName(terms: readonly Term[], name: string): Term[] {
  const first = terms[0];
  if (first === undefined || !['his', 'her'].includes(first.lower)) return [...terms];
  const honorific = /^(Mr|Mrs|Ms|Miss)\b/.exec(name)?.[1];
  const theirs = honorific === undefined ? `${name}'s` : honorific === 'Mr' ? 'his' : 'her';
  const term = withText(first, theirs);
  return [honorific === undefined ? { ...term, tags: new Set(['ProperNoun', 'Possessive']) } : term, ...terms.slice(1)];
}

/** A person as a debrief names them at the start: "Mr. Haddad", "Ana Lúcia", "Anjali". */
const SPEAKER = String.raw`((?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+)?\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+)?)`;
/** "Anjali (product lead) – …": the speaker, their role in brackets, then a dash, colon or comma. */
const SPEAKER_WITH_ROLE = new RegExp(`^${SPEAKER}\\s*\\(([^()]{1,40})\\)\\s*(?:[-\u2013\u2014:,]\\s*)?`, 'u');
/** "Mr. Haddad, the principal, wants…": the speaker and their role between commas, then the sentence. */
const SPEAKER_AND_ROLE = new RegExp(`^${SPEAKER},\\s+(?:the|our|their|his|her|a|an)\\s+[^,]{1,40},\\s+(?=\\p{Ll})`, 'u');

/**
 * "Anjali (product lead) – roadmap is three things this year": who said it, with their role in
 * brackets, then what they said; the note is about what was said ("the roadmap is…"), not about
 * Anjali. Undefined for a name with a role and nothing after it: it names only a person.
 */
function withoutSpeaker(raw: string, about: About): string | undefined {
  const m = SPEAKER_WITH_ROLE.exec(raw);
  if (m === null) return raw;
  const role = (m[2] ?? '').toLowerCase().split(/[\s,]+/);
  if (!role.some((w) => ROLE_WORDS.has(w))) return raw;
  const rest = raw.slice(m[0].length);
  if (!/\p{L}/u.test(rest)) return undefined;
  // "Jürgen Müller (CFO) kept coming back to…" in another person's field: Jürgen did it, not the
  // person written to; without its subject the act would become theirs ("you kept coming back…").
  const speaker = (m[1] ?? '').replace(/^(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+/, '').split(/\s+/);
  const theirs = speaker.some((w) => about.names.some((n) => n.toLowerCase() === w.toLowerCase()));
  if (!theirs && /^\p{Ll}/u.test(rest) && finiteVerb(termsOf(rest)) === 0) return undefined;
  return rest;
}

/** A word of letters in a script without capitals (Han, Arabic, Hebrew, Thai…): compromise cannot tell it is a name. */
const UNCASED_NAME = /^(?:(?![\p{Lu}\p{Ll}])[\p{L}\p{M}])+$/u;

/** Endings of common nouns, which a person's name seldom has ("Snowflake Migration" is a topic, "Ngozi Okonkwo-Adebayo" a name). */
const COMMON_NOUN_ENDING = /(?:tion|sion|ment|ness|ity|ing|ance|ence|ship|ism|ogy|ics|ure|age|ery|ist|er|or|s)$/;

/** A capitalised word compromise does not know as a common word or a thing: a name ("Priya", "Okonkwo-Adebayo"). */
function nameLike(t: Term): boolean {
  return /^\p{Lu}\p{Ll}/u.test(t.text) && is(t, 'Noun') && !is(t, 'Adjective') && !is(t, 'Plural')
    && !COMMON_NOUN_ENDING.test(t.lower) && (is(t, 'ProperNoun') || !isEverydayWord(t.lower));
}

const VIEW_NOUNS = new Set(['thoughts', 'views', 'take', 'perspective', 'opinion', 'opinions', 'ideas', 'view']);
const TALK_NOUNS = new Set(['discussion', 'conversation', 'chat', 'talk', 'exchange', 'discussions', 'conversations', 'chats', 'talks']);

/**
 * What a reported talk was about ("talked about X"): a topic, never a fact ("hear that about X");
 * "about the clinic they run with the law school": a noun with its relative clause is a topic too.
 */
function reportedTopic(topic: readonly Term[], about: About): DetailForm | undefined {
  const v = finiteVerb(topic);
  const relative = v > 1 && (is(topic[v - 1], 'Pronoun') || ['that', 'which', 'who'].includes(topic[v - 1]?.lower ?? ''))
    && is(topic[v - 2], 'Noun') && finiteVerb(topic.slice(v + 1)) < 0;
  return v < 0 || relative || WH.has(topic[0]?.lower ?? '') ? topicOf(topic, about) : undefined;
}

const POSSESSIVES: ReadonlySet<string> = new Set(['her', 'his', 'their', 'my', 'your', 'our', 'its']);

/** The candidate's reaction after a topic ("… really stuck with me"): the topic is what to write about. */
const REACTION = /\s+(?:(?:really|truly|genuinely|definitely|also)\s+)?(?:stuck with me|stayed with me|resonated(?: with me)?|struck a chord|impressed me|caught my (?:eye|attention)|(?:was|were) (?:(?:really|so|very|super)\s+)?(?:interesting|fascinating|eye-opening|inspiring|helpful|useful))\s*[.!]*$/i;

/** The detail's point fitted, or undefined when it cannot be shaped safely. */
function fitDetailPoint(raw: string, about: About): DetailForm | undefined {
  // "Her point about shipping small really stuck with me": the point is the topic, the reaction the note's own frame.
  const reaction = REACTION.exec(raw);
  // "…, which really stuck with me": the sentence before it is the detail.
  const which = reaction === null ? null : /,\s*which$/i.exec(raw.slice(0, reaction.index));
  if (which !== null && which.index > 0) return fitDetailPoint(raw.slice(0, which.index), about);
  if (reaction !== null && reaction.index > 0) {
    const topic = shapeOf(raw.slice(0, reaction.index));
    if (topic.kind === 'noun' || (topic.kind === 'clause' && topic.subject.length === 1 && POSSESSIVES.has(topic.subject[0]?.lower ?? ''))) return topicOf(topic.terms, about);
  }
  // "Mr. Haddad, the principal, wants…": the role between commas says who; the sentence is the rest.
  const point = raw.replace(SPEAKER_AND_ROLE, '$1 ');
  // "code review culture: 2 approvals needed" is a note to self: only a whole clause after the label can be used.
  const label = /^([^:]{2,40}?):\s+(.+)$/.exec(point);
  if (label !== undefined && label !== null && !/\d$/.test(label[1] ?? '')) {
    const after = shapeOf(label[2] ?? '');
    const v = after.kind === 'clause' ? after.terms[after.verb] : undefined;
    if (after.kind !== 'clause' || after.subject.length === 0 || v === undefined || !(is(v, 'Copula') || is(v, 'Modal') || is(v, 'PresentTense'))) return undefined;
    return fitDetailPoint(label[2] ?? '', about);
  }
  const quote = quoteOf(point);
  if (quote !== undefined) return { form: 'quote', text: caseLike(quote, 'A') };
  const shape: Shape = shapeOf(point);
  switch (shape.kind) {
    case 'question': {
      const q = finish(shape.text);
      return q === undefined ? undefined : { form: 'question', text: `${q.charAt(0).toUpperCase()}${q.slice(1)}?` };
    }
    case 'noun': case 'wh': case 'gerund': {
      // A name alone ("Anjali (product lead)") says who, not what: no detail.
      const outside = shape.terms.filter((t) => !t.pre.includes('(') && !t.post.includes(')'));
      if (outside.length > 0 && outside.every((t) => is(t, 'Person') || is(t, 'ProperNoun') || is(t, 'Honorific'))) return undefined;
      // "Ngozi Okonkwo-Adebayo": capitalised words compromise does not know, none with a common noun's
      // ending ("Snowflake Migration" is a topic), are a name too.
      if (outside.length > 1 && outside.length <= 4 && outside.every(nameLike)) return undefined;
      const inside = shape.terms.filter((t) => !outside.includes(t)).map((t) => t.lower);
      if (outside.length === 1 && /^\p{Lu}/u.test(outside[0]?.text ?? '') && inside.some((w) => ROLE_WORDS.has(w))) return undefined;
      // "hybrid, 2 days in": notes to self, not a topic to name in a sentence.
      if (/,\s*\d/.test(textOf(shape.terms))) return undefined;
      return shape.terms.length === 0 ? undefined : topicOf(shape.terms, about);
    }
    case 'clause': {
      const who = subjectOf(shape.subject, about.names);
      const terms = shape.terms;
      // "her point about shipping small": a possessive is no subject, so the "verb" after it is its noun.
      if (shape.subject.length === 1 && POSSESSIVES.has(shape.subject[0]?.lower ?? '') && finiteVerb(terms.slice(shape.verb + 1)) < 0) return topicOf(terms, about);
      // "a tangent but he's really into sourdough": two clauses run together, not one subject.
      if (shape.subject.some((t) => is(t, 'Conjunction'))) return undefined;
      // "loved the demo he showed": no subject and a verb of liking is the candidate's own view; what was liked is the topic.
      const liked = who === 'none' ? formsOf(terms[shape.verb]?.lower ?? '')?.infinitive : undefined;
      if (liked !== undefined && LIKED.has(liked)) {
        const object = terms.slice(shape.verb + 1);
        return object.length > 0 && is(object[0], 'Determiner') ? topicOf(object, about) : undefined;
      }
      // "class sizes of 32, one TA shared between two classes": a comma inside the "subject" makes
      // it notes, not a sentence: "that class sizes of 32, one TA shared…" would be no sentence.
      if (shape.subject.slice(0, -1).some((t) => t.post.includes(','))) return undefined;
      // "the plumbing contract for the extension, starts in Jan": a comma between a subject and its verb.
      if (who === 'other' && shape.subject[shape.subject.length - 1]?.post.includes(',')) return undefined;
      // "heat pumps": no subject and a bare verb form is a noun phrase read as a command; only a past
      // act ("asked me…") or a present fact ("leads the platform team") is the person's.
      const v = terms[shape.verb];
      if (who === 'none' && v !== undefined && !is(v, 'PastTense') && !is(v, 'Copula') && !is(v, 'Modal') && !is(v, 'Auxiliary')
        && v.text !== '' && formsOf(v.lower)?.present !== v.lower) {
        return finiteVerb(terms.slice(shape.verb + 1)) < 0 ? topicOf(terms, about) : undefined;
      }
      // "last-mile costs in rural postcodes": an adjective and a plural noun read as a subject and its verb.
      if (who === 'other' && v !== undefined && /s$/.test(v.lower) && is(v, 'PresentTense') && shape.subject.every((t) => (is(t, 'Adjective') && !is(t, 'Noun')) || is(t, 'Hyphenated'))
        && (terms[shape.verb + 1] === undefined || is(terms[shape.verb + 1], 'Preposition'))) return topicOf(terms, about);
      // "the Black Friday campaign that went viral on TikTok": a bare verb form right after a
      // determiner's singular noun is a noun ("campaign"), and "that …" after it a relative clause,
      // so the whole is a topic, as long as the relative clause holds the only other verb.
      const rel = terms[shape.verb + 1];
      if (who === 'other' && v !== undefined && is(v, 'Infinitive') && is(shape.subject[0], 'Determiner')
        && !is(shape.subject[shape.subject.length - 1], 'Plural') && rel !== undefined && ['that', 'which', 'who'].includes(rel.lower)
        && reportedAt(terms, shape.verb) === undefined) {
        const inner = terms.slice(shape.verb + 2);
        const first = finiteVerb(inner);
        return first >= 0 && finiteVerb(inner.slice(first + 1)) < 0 ? topicOf(terms, about) : undefined;
      }
      if (who === 'person' || who === 'none') {
        const rep = reportedAt(terms, shape.verb);
        if (rep !== undefined && isAct(rep.verb)) return act(terms, shape.verb, about);
        if (rep !== undefined) {
          const first = rep.rest[0];
          if (first === undefined) return undefined;
          if (TOPIC_PREPOSITIONS.has(first.lower)) return reportedTopic(rep.rest.slice(1), about);
          const content = first.lower === 'that' ? rep.rest.slice(1) : rep.rest;
          if (content.length === 0) return undefined;
          // A clause of its own ("the team is moving…") is a fact; a noun phrase or wh-clause a topic.
          if (finiteVerb(content) >= 0 && !WH.has(content[0]?.lower ?? '')) {
            const fact = phraseOf(about.as === 'you' ? toSecondPerson(content) : content);
            return fact === undefined ? undefined : { form: 'fact', text: fact };
          }
          return topicOf(content, about);
        }
        return act(terms, shape.verb, about);
      }
      if (who === 'first' || who === 'we') {
        if (who === 'we') {
          const rep = reportedAt(terms, shape.verb);
          const first = rep?.rest[0];
          if (rep !== undefined && first !== undefined && TOPIC_PREPOSITIONS.has(first.lower)) return topicOf(rep.rest.slice(1), about);
        }
        const ours = finish(textOf(about.as === 'you' ? toSecondPerson(terms) : terms));
        return ours === undefined ? undefined : { form: 'ours', text: ours };
      }
      // "Gabriel explained that the M&A team closed 14 deals": someone named reporting news; the news
      // is what they said ("hear that Gabriel explained that …" says it twice).
      // ("The hiring manager said the last person left": a role reporting news is the same.)
      const roleSubject = shape.subject.length >= 2 && is(shape.subject[0], 'Determiner') && ROLE_WORDS.has(shape.subject[shape.subject.length - 1]?.lower ?? '');
      // ("李伟 mentioned…": a word in a script without capitals is a name compromise cannot tag; so is
      // "Priya said…", one word that reads as a name.)
      const unknownName = shape.subject.length === 1 && shape.subject[0] !== undefined && nameLike(shape.subject[0]);
      if (shape.subject.length > 0 && (roleSubject || unknownName || shape.subject.every((t) => is(t, 'Person') || is(t, 'Honorific') || is(t, 'ProperNoun') || UNCASED_NAME.test(t.text)))) {
        const rep = reportedAt(terms, shape.verb);
        const content = rep === undefined || isAct(rep.verb) ? undefined : rep.rest[0]?.lower === 'that' ? rep.rest.slice(1) : rep.rest;
        if (content !== undefined && finiteVerb(content) > 0 && !WH.has(content[0]?.lower ?? '') && (!is(content[0], 'Pronoun') || /^(?:they|it)(?:'re|'s)?$/.test(content[0]?.lower ?? '')) && !TOPIC_PREPOSITIONS.has(content[0]?.lower ?? '')) {
          const fact = phraseOf(about.as === 'you' ? toSecondPerson(content) : content);
          return fact === undefined ? undefined : { form: 'fact', text: fact };
        }
        // "Carlos Ñúñez talked about the new POS rollout": what was talked about is the topic; who
        // talked ("hear that Carlos talked about…") is no news for this person.
        const first = rep?.rest[0];
        if (rep !== undefined && !isAct(rep.verb) && first !== undefined && TOPIC_PREPOSITIONS.has(first.lower)) return reportedTopic(rep.rest.slice(1), about);
        // "Nguyễn Thị Lan asked about my experience with HL7": someone else's act in the interview is
        // theirs to be thanked for, not news for this person ("hearing about how Lan asked…").
        if (rep !== undefined && isAct(rep.verb)) return undefined;
        // "Gabriel said she is leaving in May": "she" may be Gabriel, the person written to or a third;
        // "hear that Gabriel said you are leaving" would guess.
        if (content !== undefined && /^(?:he|she|he's|she's|he'd|she'd|his|her)$/.test(content[0]?.lower ?? '')) return undefined;
      }
      // "Ana ran the whole panel, asked about stakeholders": a second verb after a comma, with no
      // subject of its own, is notes; left out and listed rather than written as a comma splice.
      if (terms.some((t, i) => i > shape.verb && terms[i - 1]?.post.includes(',') && is(t, 'Verb') && !is(t, 'Gerund') && !is(t, 'Participle') && !is(t, 'Copula'))) return undefined;
      // "Kubernetes cost overruns": a noun that is also a verb, between a bare subject and a bare
      // noun, is one compound noun ("hear that Kubernetes cost overruns" says nothing).
      const after = terms[shape.verb + 1];
      if (v !== undefined && NOUN_VERBS.has(v.lower) && after !== undefined && is(after, 'Noun') && !is(after, 'Pronoun') && !is(after, 'Determiner')
        && !is(after, 'Value') && shape.subject.every((t) => is(t, 'Noun') && !is(t, 'Pronoun') && !is(t, 'Determiner') && !is(t, 'Possessive'))) {
        return topicOf(terms, about);
      }
      // "Customs delays at Felixstowe": a plural subject cannot take "delays" as its verb, so the
      // "verb" is the head of one noun phrase ("hear that customs delays at Felixstowe" says nothing).
      const last = shape.subject[shape.subject.length - 1];
      if (v !== undefined && is(v, 'PresentTense') && !is(v, 'Copula') && !is(v, 'Modal') && /[^s]s$/.test(v.lower) && last !== undefined && is(last, 'Plural')
        && shape.subject.every((t) => is(t, 'Noun') && !is(t, 'Pronoun') && !is(t, 'Person'))
        && (terms[shape.verb + 1] === undefined || is(terms[shape.verb + 1], 'Preposition')) && finiteVerb(terms.slice(shape.verb + 1)) < 0) {
        return topicOf(terms, about);
      }
      // "the guest satisfaction scores on TripAdvisor": a plural noun read as the verb of a compound
      // subject; with no other verb it cannot be told from "the platform team works in London", so it is left out.
      if (v !== undefined && is(v, 'PresentTense') && !is(v, 'Copula') && !is(v, 'Modal') && /s$/.test(v.lower) && is(shape.subject[0], 'Determiner')
        && shape.subject.filter((t) => is(t, 'Noun')).length >= 2 && (terms[shape.verb + 1] === undefined || is(terms[shape.verb + 1], 'Preposition'))
        && finiteVerb(terms.slice(shape.verb + 1)) < 0) return undefined;
      // "surgeon turned COO": a person's role with no article is a label, not news ("hear that surgeon turned COO").
      if (shape.subject.length === 1 && is(shape.subject[0], 'Actor') && is(shape.subject[0], 'Singular') && !/^\p{Lu}/u.test(shape.subject[0]?.text ?? '')) return undefined;
      // "Mateus walked me through their OKRs": something done to me, not news to have heard.
      if (terms.slice(shape.verb + 1).some((t) => t.lower === 'me')) return undefined;
      // "that the role reports into the COO": the frames say "that" themselves.
      const own = withArticle(terms[0]?.lower === 'that' && terms.length > 2 ? terms.slice(1) : terms, shape.subject.length - (terms[0]?.lower === 'that' ? 1 : 0));
      // "Their new environment for analysts is…": a subject opening with "their" is the employer's,
      // which the person written to speaks for ("your new environment…").
      const employer = about.as === 'you' && own[0]?.lower === 'their' ? [withText(own[0], caseLike('your', own[0].text)), ...own.slice(1)] : own;
      const fact = phraseOf(about.as === 'you' ? toSecondPerson(employer) : employer);
      return fact === undefined ? undefined : { form: 'fact', text: fact };
    }
  }
}

/** Words that are verbs and nouns, often the middle of a compound noun ("cloud cost overruns", "price change requests"). */
const NOUN_VERBS = new Set(['cost', 'price', 'spend', 'budget', 'supply', 'risk']);

/** What a part of an interview is called after the skill it tests ("coding task", "pairing session"). */
const ACTIVITY_NOUNS = new Set(['session', 'challenge', 'test', 'round', 'question', 'case', 'interview', 'panel']);

/** Singular nouns that name one thing and so take an article ("new office opens in Q2" → "the new office…"). */
const COUNT_NOUNS = new Set(['team', 'office', 'peak', 'model', 'plan', 'project', 'process', 'system', 'pipeline', 'review', 'migration',
  'campaign', 'contract', 'budget', 'roadmap', 'strategy', 'rollout', 'platform', 'tool', 'dashboard', 'report', 'rota', 'audit',
  'scheme', 'policy', 'backlog', 'pilot', 'role', 'position', 'post', 'department', 'unit', 'ward', 'site', 'store', 'warehouse',
  'app', 'product', 'launch', 'deadline', 'board', 'merger', 'reorg', 'restructure', 'programme', 'program', 'clinic', 'school',
  'branch', 'plant', 'factory', 'lab', 'studio', 'restaurant', 'kitchen', 'menu', 'website', 'service', 'rebrand', 'redesign',
  'walkthrough', 'pyramid', 'exercise', 'presentation', 'task', 'demo', 'scenario', 'role-play', 'lesson', 'architecture', 'flow', 'funnel',
  'target', 'quota', 'goal', 'timeline', 'release', 'client', 'vendor', 'survey', 'course', 'module', 'database', 'dataset', 'study']);

/** A subject of bare adjectives and a singular count noun ("new office") gets "the"; anything else stays as typed. */
function withArticle(terms: readonly Term[], subjectLength: number): Term[] {
  const subject = terms.slice(0, subjectLength);
  const head = subject[subject.length - 1];
  if (head === undefined || !COUNT_NOUNS.has(head.lower) || /^\p{Lu}/u.test(subject[0]?.text ?? '') && subject.length > 1 && /^\p{Lu}/u.test(subject[1]?.text ?? '')) return [...terms];
  if (!subject.slice(0, -1).every((t) => (is(t, 'Adjective') || is(t, 'Noun')) && !is(t, 'Determiner') && !is(t, 'Possessive') && !is(t, 'Pronoun') && !is(t, 'Value') && !is(t, 'ProperNoun') && !is(t, 'Person'))) return [...terms];
  const first = subject[0];
  if (first === undefined || is(first, 'Determiner') || is(first, 'Possessive') || is(first, 'Pronoun')) return [...terms];
  const the: Term = { text: 'the', lower: 'the', tags: new Set(['Determiner']), pre: first.pre, post: ' ' };
  return [the, { ...first, pre: '', text: /^\p{Lu}\p{Ll}/u.test(first.text) ? first.lower : first.text }, ...terms.slice(1)];
}

/**
 * The clause from its verb on, with the verb a contracted subject carried ("She's been" → "has
 * been", "he'd" → "would") written out, since the subject is about to be replaced.
 */
function expandContraction(terms: readonly Term[], verb: number): Term[] {
  const rest = terms.slice(verb);
  const v = rest[0];
  const subject = terms[verb - 1];
  if (v === undefined || v.text !== '' || subject === undefined) return rest;
  const tail = /'(s|d|ll|re|ve|m)$/i.exec(subject.text)?.[1]?.toLowerCase();
  const next = rest[1];
  const perfect = next !== undefined && (is(next, 'Participle') || next.lower === 'been' || next.lower === 'got');
  const word = tail === 's' ? (perfect ? 'has' : 'is') : tail === 'd' ? (perfect ? 'had' : 'would') : tail === 'll' ? 'will'
    : tail === 're' ? 'are' : tail === 've' ? 'have' : tail === 'm' ? 'am' : undefined;
  return word === undefined ? rest : [withText(v, word), ...rest.slice(1)];
}

/** An act of the person ("asked me how…", "She walked me through…"): their subject, then the verb. */
function act(terms: readonly Term[], verb: number, about: About): DetailForm | undefined {
  const from = expandContraction(terms, verb);
  const rest = about.as === 'you' ? toSecondPerson(from) : from;
  const body = about.as === 'you' ? withYou(rest, 0) : withSubject(rest, 0, about.as.name);
  const text = finish(textOf(body));
  if (text === undefined) return undefined;
  // "She's the charge nurse on 4 West": telling someone who they are is no news to them.
  if (about.as === 'you' && (is(from[0], 'Copula') || ['is', 'are', 'am', 'was'].includes(from[0]?.lower ?? '')) && is(from[1], 'Determiner')) return undefined;
  const f = formsOf(terms[verb]?.lower ?? '');
  // A present-tense habit ("she leads the platform team") or a past one ("he used to work…") is a
  // fact about them, not an act in the interview.
  const habit = terms[verb]?.lower === 'used' && terms[verb + 1]?.lower === 'to';
  // "she started as a housekeeper there 15 years ago": a time before the interview makes the act their history, a fact.
  const history = terms.some((t) => t.lower === 'ago') || HISTORY.test(textOf(terms));
  const past = !habit && !history && (is(terms[verb], 'PastTense') || (f !== undefined && f.past === terms[verb]?.lower));
  return { form: past ? 'act' : 'fact', text };
}

/** Times before the interview: an act at one of them is the person's history ("in 2019", "last year"). */
const HISTORY = /\b(?:in (?:19|20)\d\d|(?:last|previous) (?:year|month|spring|summer|autumn|fall|winter|job|role)|years? (?:back|before|earlier)|as a (?:child|kid|student|teenager)|at university|at college)\b/i;

/** A parenthetical aside in a casual voice: "basically", "lol", "I think", "!", "?". */
const ASIDE = /\s*\((?=[^()]*(?:\b(?:basically|lol|haha|apparently|i think|jk|ugh|tbh|idk)\b|[!?]))[^()]*\)/gi;

/**
 * A closing remark that passes on hearsay or a judgement ("…, which is apparently two years late",
 * "…, supposedly a mess"): the candidate's aside, not something to say back to the interviewer.
 */
const HEARSAY = /,\s+(?:which|who|that)?\s*[^,]*\b(?:apparently|supposedly|allegedly|reportedly|rumou?red|i heard|i'm told|so i hear)\b[^,]*$/gi;

/** Runs the fitting over the points of a cleaned input: the first that fits is used, the rest listed. */
function fitPoints<T>(raw: string, fitPoint: (point: string) => T | undefined, list?: (text: string) => T | undefined): Fitted<T> {
  const cleaned = cleanInput(raw);
  const dropped: Dropped[] = cleaned.emoji ? [{ text: raw.trim(), reason: 'emoji' }] : [];
  if (cleaned.problem !== undefined) return { dropped: [...dropped.filter((d) => d.reason !== 'emoji'), { text: raw.trim(), reason: cleaned.problem }] };
  if (cleaned.text === '') return { dropped };
  // "(three spreadsheets and a shared inbox, basically)", "(not John!)": an aside to oneself, listed, not written.
  let text = cleaned.text;
  for (const m of [...cleaned.text.matchAll(ASIDE), ...cleaned.text.matchAll(HEARSAY)]) {
    dropped.push({ text: m[0].replace(/^[\s,]+/, '').trim(), reason: 'tone' });
    text = text.replace(m[0], '');
  }
  // "data quality, data quality, data quality": said once.
  text = text.trim().replace(/(^|[,—–-]\s*|^\s*)([^,—–]+?)(?:\s*,\s*\2)+(?=\s*(?:$|[,—–-]))/giu, '$1$2');
  if (text === '') return { dropped };
  const asList = list?.(text);
  if (asList !== undefined) return { value: asList, dropped };
  const points = pointsOf(text);
  let value: T | undefined;
  for (const point of points) {
    if (value !== undefined) {
      dropped.push({ text: point, reason: 'several_points' });
      continue;
    }
    // "e-discovery, Relativity, doc review volumes — he asked…": a list before the dash is a list.
    let fitted = countWords(point) > MAX_WORDS * 1.5 ? undefined : points.length > 1 && (point.match(/,/g) ?? []).length >= 2 ? list?.(point) ?? fitPoint(point) : fitPoint(point);
    // "The sprint planning process (two-week sprints, planning Monday am…)": notes in brackets after
    // a phrase that fits; the phrase is used and the notes listed.
    // ("the system design (never got to caching)": a note in brackets kept in the sentence reads as one too.)
    const bracket = fitted === undefined || ((fitted as { text?: string }).text ?? '').includes('(') ? /^(.*\p{L}.*?)\s*\(([^()]+)\)\s*[.!]?$/u.exec(point) : null;
    if (bracket !== null) {
      fitted = fitPoint(bracket[1] ?? '');
      if (fitted !== undefined) dropped.push({ text: `(${bracket[2] ?? ''})`, reason: 'several_points' });
    }
    // "the theatre utilisation problem: 68% vs an 85% target": a colon mid-sentence reads as notes;
    // what comes before it is used, what follows listed.
    const colon = /^(.*?\p{L}.*?):\s+(.+)$/u.exec(point);
    if (fitted !== undefined && colon !== null && ((fitted as { text?: string }).text ?? '').includes(': ')) {
      fitted = fitPoint(colon[1] ?? '');
      if (fitted !== undefined) dropped.push({ text: colon[2] ?? '', reason: 'several_points' });
    }
    const text = fitted === undefined ? undefined : (fitted as { text?: string }).text;
    if (fitted !== undefined && text !== undefined && countWords(text) <= MAX_WORDS) value = fitted;
    else dropped.push({ text: point, reason: countWords(point) > MAX_WORDS ? 'too_long' : 'unclear' });
  }
  if (value === undefined) return { dropped: [...dropped.filter((d) => d.reason === 'emoji'), { text: cleaned.text, reason: points.length > 0 && countWords(cleaned.text) > MAX_WORDS ? 'too_long' : 'unclear' }] };
  return { value, dropped };
}

/** The interviewer's detail fitted for their note (`about.as` "you") or for the panel lead's note (their name). */
export function fitDetail(raw: string, about: About): Fitted<DetailForm> {
  const said = withoutSpeaker(raw, about);
  // "Anjali (product lead)" alone names someone, and says nothing they said.
  if (said === undefined) return { dropped: [{ text: raw.trim(), reason: 'unclear' }] };
  return fitPoints<DetailForm>(said, (p) => {
    const fitted = fitDetailPoint(p, about);
    // "Enough said.", "Budget approved": two words are a remark, not news to write back ("…hear that enough said").
    return fitted?.form === 'fact' && countWords(fitted.text) < 3 ? undefined : fitted;
  }, (t) => {
    const list = nounList(t);
    return list === undefined ? undefined : { form: 'topic', text: list };
  });
}

// ---- the candidate's moments ------------------------------------------------------------------

/** "them/they" (the interviewers) as the note's audience. */
function audienceTerms(terms: readonly Term[], audience: Audience): Term[] {
  return terms.map((t) => {
    if (t.lower === 'them' || t.lower === 'they' || t.lower === 'everyone' || t.lower === 'everybody') {
      return withText(t, audience === 'you' ? 'you' : 'the panel');
    }
    // "their process" is the employer's, which the person written to speaks for: "your process".
    if (t.lower === 'their') return withText(t, 'your');
    return t;
  });
}

const THIRD_SINGULAR = new Set(['he', 'she', 'him', 'his', 'her', 'hers', "he's", "she's"]);

/** The gerund form of a subjectless or first-person clause ("Walked them through X" → "walking you through X"). */
function doing(terms: readonly Term[], verb: number, audience: Audience): string | undefined {
  const v = terms[verb];
  if (v === undefined || v.text === '' || is(v, 'Auxiliary') || is(v, 'Modal') || is(v, 'Copula') || is(terms[verb + 1], 'Negative')) return undefined;
  const f = formsOf(v.lower);
  if (f === undefined) return undefined;
  // "Felt strong", "seemed to go well": a feeling about the interview, not a moment of it; "had a
  // good example", "got a laugh": a state, not something done ("Having a good example was a highlight").
  if (FEELINGS.has(f.infinitive) || f.infinitive === 'have' || f.infinitive === 'get') return undefined;
  const out: Term[] = [withText(v, f.gerund)];
  for (let i = verb + 1; i < terms.length; i++) {
    const t = terms[i];
    if (t === undefined) continue;
    const prev = terms[i - 1];
    const coordinated = prev !== undefined && (['and', 'then'].includes(prev.lower) || prev.post.includes(','));
    // "Mentioned my CIPD qualification and the HR director perked up": a clause of someone else's
    // after "and" is no part of what I did; such a moment is left out and listed, not half-written.
    if (coordinated && ownClause(terms.slice(i))) return undefined;
    if (coordinated && is(t, 'PastTense') && !is(t, 'Participle')) {
      const g = formsOf(t.lower);
      out.push(g ? withText(t, g.gerund) : t);
    } else out.push(t);
  }
  if (out.some((t) => THIRD_SINGULAR.has(t.lower))) return undefined;
  return finish(textOf(audienceTerms(out, audience)));
}

/** "the question on X" → "X"; "the SQL question" → "SQL"; "my answer to X" → "X". */
function simplifyTopic(text: string): string {
  return text
    .replace(/^(?:the|a|an|that|this|their|your|his|her)\s+(?:(?:tricky|hard|difficult|technical|last|first|second|final|follow-up|big|one)\s+)?(?:question|bit|part|section)\s+(?:on|about|of|around|regarding|re|for)\s+/i, '')
    .replace(/^(?:my\s+)?(?:answer|response|reply|thoughts|views?|ideas|take|opinions?|perspective|stance)\s+(?:on|to|about|for)\s+/i, '')
    // "the SQL question" → "SQL", "the pricing question" → "pricing"; "the stakeholder question"
    // stays ("my answer on stakeholder" is no phrase).
    .replace(/^(?:the|a)\s+((?:[\p{L}\d/&+-]+\s+){0,2}[\p{L}\d/&+-]+)\s+question$/iu, (whole, topic: string) => (/^[\p{Ll}-]+$/u.test(topic) && !/ing$/.test(topic) && !MASS_TOPICS.has(topic) && !COUNT_NOUNS.has(topic) ? whole : topic));
}

/** One-word topics that read alone after "my answer on" ("ethics", "safeguarding" is a gerund already). */
const MASS_TOPICS = new Set(['ethics', 'statistics', 'analytics', 'budgeting', 'compliance', 'governance', 'strategy', 'security', 'privacy', 'diversity', 'sustainability', 'leadership', 'culture', 'salary', 'pay', 'conflict', 'feedback', 'stakeholders', 'metrics', 'data', 'sql', 'python', 'excel', 'safeguarding', 'risk', 'finance', 'design', 'testing', 'accessibility']);

/** The topic of a first-person or subjectless clause about an answer ("I blanked on X", "ran out of time on X"). */
function topicOfClause(terms: readonly Term[], verb: number): Term[] | undefined {
  let i = verb;
  if (is(terms[verb], 'Copula')) {
    // "I was vague on X": only a preposition after the adjective gives a topic.
    i = verb + 1;
    while (i < terms.length && (is(terms[i], 'Adjective') || is(terms[i], 'Adverb') || is(terms[i], 'Negative'))) i++;
    if (!TOPIC_PREPOSITIONS.has(terms[i]?.lower ?? '') || i === verb + 1) return undefined;
  }
  // Skip the verb group: auxiliaries, negatives, verbs, particles, "out of time".
  while (i < terms.length) {
    const t = terms[i];
    if (t === undefined) break;
    if (t.lower === 'out' && terms[i + 1]?.lower === 'of' && terms[i + 2]?.lower === 'time') { i += 3; continue; }
    if (is(t, 'Gerund') && i > verb) break;
    if (is(t, 'Verb') || is(t, 'Negative') || is(t, 'Particle') || is(t, 'Adverb') || t.text === '' || ['to', 'up', 'me', 'us'].includes(t.lower)) { i++; continue; }
    break;
  }
  // "cut off mid-sentence on X", "stopped halfway through X": the words before the preposition say how, X is the topic.
  // (One adverb or adjective, or one hyphenated word such as "mid-sentence", then the preposition.)
  const how = is(terms[i], 'Hyphenated') && is(terms[i + 1], 'Hyphenated') ? 2
    : is(terms[i], 'Adverb') || is(terms[i], 'Adjective') ? 1 : 0;
  if (how > 0 && TOPIC_PREPOSITIONS.has(terms[i + how]?.lower ?? '')) i += how;
  if (i < terms.length && TOPIC_PREPOSITIONS.has(terms[i]?.lower ?? '')) i++;
  if (['when', 'as'].includes(terms[i]?.lower ?? '')) {
    // "got flustered when he asked about Kubernetes": the topic is what was asked about.
    const about = terms.findIndex((t, k) => k > i && ['about', 'on', 'regarding'].includes(t.lower));
    if (about < 0) return undefined;
    i = about + 1;
  }
  const out: Term[] = [];
  for (let j = i; j < terms.length; j++) {
    const t = terms[j];
    if (t === undefined) break;
    const next = terms[j + 1];
    if (j > i && (BOUNDARY.has(t.lower) || (t.lower === 'and' && (['i', 'they', 'he', 'she', 'we', 'it'].includes(next?.lower ?? '') || is(next, 'Person') || is(next, 'Honorific'))))) break;
    out.push(t);
    if (t.post.includes(',') || t.post.includes('(')) break;
  }
  while (out.length > 1 && ['wrong', 'right', 'badly', 'up', 'well', 'properly', 'clearly', 'fully', 'enough', 'correctly', 'concisely', 'quickly', 'confidently'].includes(out[out.length - 1]?.lower ?? '')) out.pop();
  if (out.length === 0) return undefined;
  // A topic names something: "flustered" alone is no topic.
  if (!out.some((t) => is(t, 'Noun') || is(t, 'Gerund') || WH.has(t.lower))) return undefined;
  if (out.length === 1 && ['it', 'that', 'this', 'them', 'one'].includes(out[0]?.lower ?? '')) return undefined;
  return out;
}

/** Words for the people in the room ("the deputy head", "her", "the interviewer"). */
const PEOPLE_WORDS = new Set([...ROLE_WORDS, 'interviewer', 'interviewers', 'panel', 'panelist', 'panellist', 'panelists', 'panellists', 'chair', 'deputy', 'person', 'people', 'guy', 'woman', 'man', 'colleague', 'boss', 'him', 'her', 'them', 'everyone', 'everybody', 'someone', 'head', 'heads', 'managers', 'directors', 'leads']);

/** A topic that names only a person ("the deputy head twice", "her", "Mr. Tran"): someone, not something. */
function isPerson(topic: readonly Term[]): boolean {
  const words = topic.filter((t) => !is(t, 'Determiner') && !['twice', 'again', 'once', 'repeatedly', 'constantly', 'a', 'bit', 'lot', 'too', 'much', 'by', 'accident', 'mistake'].includes(t.lower));
  const last = words[words.length - 1];
  if (last === undefined) return false;
  return PEOPLE_WORDS.has(last.lower) || words.every((t) => is(t, 'Person') || is(t, 'Honorific'));
}

/** Auxiliaries of a question put to the candidate, and what they become in reported order ("why did you leave" → "why I left"). */
const ASKED_AUX: Readonly<Record<string, (verb: Term | undefined) => string[] | undefined>> = {
  did: (v) => { const past = v === undefined ? undefined : formsOf(v.lower)?.past; return past === undefined ? undefined : [past]; },
  do: (v) => (v === undefined ? undefined : [v.lower]),
  would: (v) => (v === undefined ? undefined : ['would', v.lower]),
  could: (v) => (v === undefined ? undefined : ['could', v.lower]),
  will: (v) => (v === undefined ? undefined : ['would', v.lower]),
  can: (v) => (v === undefined ? undefined : ['could', v.lower]),
  should: (v) => (v === undefined ? undefined : ['should', v.lower]),
};

/**
 * A question asked of the candidate, in question order, as reported speech: "why did you leave after
 * 8 months" → "why I left after 8 months"; undefined when it is a question it cannot turn ("why are you…").
 * Other terms come back as they are.
 */
function reportedQuestion(terms: readonly Term[]): Term[] | undefined {
  const [wh, aux, you, verb] = terms;
  if (wh === undefined || !WH.has(wh.lower) || aux === undefined) return [...terms];
  const turn = ASKED_AUX[aux.lower];
  if (you?.lower !== 'you') return [...terms];
  const words = turn?.(verb);
  if (words === undefined) return undefined;
  const rest = terms.slice(4).map((t) => (t.lower === 'your' ? withText(t, 'my') : t.lower === 'you' ? withText(t, 'me') : t));
  return [wh, withText(aux, 'I'), ...words.map((w, i) => withText(i === words.length - 1 ? verb ?? aux : aux, w)), ...rest];
}

const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'we', 'they', 'it']);

/** Verbs whose object is the answer's topic: "couldn't name X", "didn't finish X". */
const ANSWER_VERBS = new Set(['explain', 'answer', 'describe', 'cover', 'address', 'discuss', 'name', 'define', 'justify', 'finish', 'complete', 'get', 'mention', 'articulate', 'tackle', 'handle', 'fumble', 'muddle', 'botch', 'rush', 'flub', 'mess', 'half-answer', 'forget', 'recall', 'remember', 'mix', 'confuse', 'misremember', 'misstate', 'misquote', 'cite', 'quote', 'calculate', 'estimate', 'solve', 'walk', 'present', 'show', 'outline', 'sketch', 'reach', 'touch']);

/** Gerunds of answering: what follows them is the answer's topic. */
const ANSWERING = new Set(['explaining', 'describing', 'answering', 'discussing', 'justifying', 'outlining', 'presenting', 'defending', 'covering', 'addressing']);

function fitMomentPoint(point: string, field: 'best' | 'awkward' | 'unfinished', audience: Audience): MomentForm | undefined {
  // "I think my best moment was the stakeholder question": the moment is what it was.
  const verdict = /^(?:I think |honestly,? |probably )?my (?:best|strongest|worst|weakest) (?:moment|bit|part|answer) was (?:probably |definitely |maybe )?(\S.*)$/i.exec(point);
  if (verdict !== null) return fitMomentPoint(verdict[1] ?? '', field, audience);
  // "when I explained how I rerouted deliveries": the best moment is what I did.
  const when = field === 'best' ? /^(?:the (?:bit|part|moment) )?when (I \S.*)$/i.exec(point) : null;
  if (when !== null) return fitMomentPoint(when[1] ?? '', field, audience);
  const shape = shapeOf(point);
  // "did I even answer the one about conflict?": a question to self, no moment to write about.
  // ("what I'd do in the first 90 days?" is the question they asked, as a topic.)
  if (field !== 'best' && /\?\s*$/.test(point)) {
    if (!/^(?:what|how|why|which|where|when|who)\s+(?:I|we)(?:'d|'ll|'m|'ve)?\s/i.test(point)) return undefined;
    return fitMomentPoint(point.replace(/\?\s*$/, ''), field, audience);
  }
  // "the whole second half", "the end": a stretch of the interview, not what an answer was on.
  if (/^(?:honestly\s+|basically\s+)?(?:the\s+)?(?:whole\s+|entire\s+)?(?:(?:first|second|last|final)\s+(?:half|part|bit|section|hour)|start|end|beginning|middle|rest)[\s.!…]*$/i.test(point)) return undefined;
  // "probably my best interview this year": a verdict on the whole interview, not a moment of it.
  if (/\b(?:best|worst|strongest|weakest|good|great|bad|strong|weak)\s+(?:\w+\s+)?interviews?\b/i.test(point)) return undefined;
  const asTopic = (asked: readonly Term[]): MomentForm | undefined => {
    const terms = reportedQuestion(asked);
    if (terms === undefined || terms.some((t) => THIRD_SINGULAR.has(t.lower))) return undefined;
    // A topic is a phrase or one question ("how I would size the team"), not a story of clauses
    // ("when they asked what I'd do I said I'd chase them which…").
    if (['when', 'while', 'after', 'before', 'then'].includes(terms[0]?.lower ?? '')) return undefined;
    if (terms.filter((t) => SUBJECT_PRONOUNS.has(t.lower.replace(/'.*$/, ''))).length > 2) return undefined;
    // "finish explaining how X": the answer's topic is "how X".
    if (field !== 'best' && ANSWERING.has(terms[0]?.lower ?? '') && terms.length > 1) return asTopic(terms.slice(TOPIC_PREPOSITIONS.has(terms[1]?.lower ?? '') ? 2 : 1));
    // "I said Mr. Thi": a name alone is who, not what the answer was about; "Ugh." says nothing.
    if (terms.every((t) => is(t, 'Person') || is(t, 'Honorific')) || terms.every((t) => is(t, 'Expression'))) return undefined;
    // "SEO audit walkthrough", "testing pyramid": a bare singular noun that names one thing gets "the".
    const head = terms.findIndex((t) => is(t, 'Preposition'));
    const raw = phraseOf(audienceTerms(WH.has(terms[0]?.lower ?? '') ? terms : withArticle(terms, head < 0 ? terms.length : head), audience));
    if (raw === undefined) return undefined;
    const simple = simplifyTopic(raw);
    // "the testing pyramid question" → "the testing pyramid", not "testing pyramid".
    const text = simple !== raw && /^[\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,2}$/u.test(simple) && COUNT_NOUNS.has(simple.split(/\s+/).pop() ?? '') && !/^(?:the|a|an|my|your|our)\s/.test(simple) ? `the ${simple}` : simple;
    // "got confused between HIPAA and HITECH": the answer was on the difference between them.
    const topic = /^between\s/i.test(text) ? `the difference ${text}` : text;
    return /\p{L}/u.test(topic) ? { form: 'topic', text: topic } : undefined;
  };
  switch (shape.kind) {
    case 'question': return undefined;
    case 'noun': case 'wh': {
      // "mispronounced Siobhán's name at the start": a past verb read as an adjective is a slip told, not a topic.
      const lead = shape.terms[0];
      if (field !== 'best' && lead !== undefined && /ed$/.test(lead.lower) && formsOf(lead.lower)?.past === lead.lower && !is(lead, 'Determiner')) return undefined;
      return shape.terms.length === 0 ? undefined : asTopic(shape.terms);
    }
    case 'gerund': {
      // "Redlining exercise": a gerund before one bare count noun names the thing ("the redlining exercise").
      const [lead, noun, next] = shape.terms;
      if (lead !== undefined && noun !== undefined && is(noun, 'Singular') && (COUNT_NOUNS.has(noun.lower) || ACTIVITY_NOUNS.has(noun.lower))
        && (next === undefined || is(next, 'Preposition'))) {
        return asTopic([{ ...lead, tags: new Set(['Adjective']) }, ...shape.terms.slice(1)]);
      }
      if (field !== 'best') {
        // "explaining why I left" is an answer on "why I left"; an unfinished "mentoring juniors" is
        // its topic; an awkward "calling her by the wrong name" or "overexplaining the pipeline" is a
        // slip, not a topic: "I did not explain calling…" is no sentence.
        const lead = shape.terms[0]?.lower ?? '';
        const after = shape.terms[1]?.lower ?? '';
        if (ANSWERING.has(lead)) return asTopic(shape.terms.slice(TOPIC_PREPOSITIONS.has(after) ? 2 : 1));
        if ((lead === 'talking' || lead === 'speaking') && TOPIC_PREPOSITIONS.has(after)) return asTopic(shape.terms.slice(2));
        return field === 'unfinished' ? asTopic(shape.terms) : undefined;
      }
      return doingOf(shape.terms, audience);
    }
    case 'clause': {
      // "Bringing up the cold chain audit": a phrasal gerund read as a subject is the gerund's phrase.
      if (field === 'best' && shape.subject.length === 1 && is(shape.subject[0], 'Gerund') && shape.terms[0] === shape.subject[0]) {
        return doingOf(shape.terms, audience);
      }
      // "the 30-60-90 day plan I brought on paper": a thing and what I did with it is one topic.
      // ("talking about the sepsis audit I led on my ward": something I did, with a thing I did before.)
      const sub = shape.subject;
      const thenIDid = field === 'best' && sub.length >= 3 && sub[sub.length - 1]?.lower === 'i'
        && is(shape.terms[shape.verb], 'PastTense') && finiteVerb(shape.terms.slice(shape.verb + 1)) < 0;
      if (thenIDid && is(sub[0], 'Determiner') && sub.slice(1, -1).every((t) => is(t, 'Noun') || is(t, 'Adjective') || is(t, 'Value') || is(t, 'Date'))) return asTopic(shape.terms);
      if (thenIDid && is(sub[0], 'Gerund') && sub[0] === shape.terms[0]) return doingOf(shape.terms, audience);
      const who = subjectOf(shape.subject, []);
      if (who !== 'first' && who !== 'none' && who !== 'we') {
        // "they asked me about X and I froze": the topic they asked about; "they asked how I would…": the question.
        const rep = reportedAt(shape.terms, shape.verb);
        const first = rep?.rest[0];
        if (rep !== undefined && first !== undefined && TOPIC_PREPOSITIONS.has(first.lower)) return asTopic(rep.rest.slice(1));
        if (field !== 'best' && rep !== undefined && first !== undefined && WH.has(first.lower)) return asTopic(rep.rest);
        // "They liked my churn model walkthrough": what they liked is the moment.
        const liked = shape.terms[shape.verb];
        const base = liked === undefined ? undefined : formsOf(liked.lower)?.infinitive;
        const object = shape.terms.slice(shape.verb + 1);
        if (field === 'best' && who === 'they' && base !== undefined && LIKED.has(base) && object.length > 0 && finiteVerb(object) < 0) return asTopic(object);
        return undefined;
      }
      // "route optimisation case study": a verb read at the start of a bare noun phrase is its first noun
      // ("routing optimisation case study was a highlight" is no sentence).
      const [lead, second] = shape.terms;
      if (who === 'none' && shape.verb === 0 && is(lead, 'Imperative') && !is(lead, 'PastTense') && lead !== undefined
        && is(second, 'Noun') && !is(second, 'Pronoun') && !is(second, 'Possessive') && finiteVerb(shape.terms.slice(1)) < 0) {
        return asTopic([{ ...lead, tags: new Set(['Noun', 'Singular']) }, ...shape.terms.slice(1)]);
      }
      if (field === 'best') {
        // "loved the demo": what was liked is the moment ("Loving the demo was a highlight" is no sentence a person writes).
        const likedBase = who === 'none' || who === 'first' ? formsOf(shape.terms[shape.verb]?.lower ?? '')?.infinitive : undefined;
        const likedObject = shape.terms.slice(shape.verb + 1);
        if (likedBase !== undefined && LIKED.has(likedBase) && is(likedObject[0], 'Determiner') && finiteVerb(likedObject) < 0) return asTopic(likedObject);
        const rep = reportedAt(shape.terms, shape.verb);
        const first = rep?.rest[0];
        if (who === 'we' && rep !== undefined && first !== undefined && TOPIC_PREPOSITIONS.has(first.lower)) return asTopic(rep.rest.slice(1));
        const text = doing(shape.terms, shape.verb, audience);
        return text === undefined ? undefined : { form: 'doing', text };
      }
      // "I called it a 'customer' and the panel corrected me": a slip, not an answer on a topic. The
      // verb must be one of answering ("couldn't name", "explained") or lead to a topic ("blanked on X").
      const topic = topicOfClause(shape.terms, shape.verb);
      // "Talked over the deputy head twice": a person is who it happened with, not what the answer was on.
      if (topic === undefined || isPerson(topic)) return undefined;
      const start = shape.terms.indexOf(topic[0] as Term);
      // The main verb: the last verb before the topic ("couldn't name X" → name).
      let main = start - 1;
      while (main > shape.verb && !(is(shape.terms[main], 'Verb') && !is(shape.terms[main], 'Particle'))) main--;
      const verb = shape.terms[main];
      const base = verb === undefined ? undefined : formsOf(verb.lower)?.infinitive ?? verb.lower;
      const byPreposition = start > 0 && TOPIC_PREPOSITIONS.has(shape.terms[start - 1]?.lower ?? '');
      if (!byPreposition && !is(verb, 'Copula') && (base === undefined || !ANSWER_VERBS.has(base))) return undefined;
      return asTopic(topic);
    }
  }
}

/** Something I did, as its gerund phrase ("walking the panel through…"); never with another person's he/she in it. */
function doingOf(terms: readonly Term[], audience: Audience): MomentForm | undefined {
  const text = phraseOf(audienceTerms(terms, audience));
  return text === undefined || terms.some((t) => THIRD_SINGULAR.has(t.lower)) ? undefined : { form: 'doing', text };
}

/** A moment of the candidate's (best, awkward, unfinished) fitted in the first person. */
export function fitMoment(raw: string, field: 'best' | 'awkward' | 'unfinished', audience: Audience): Fitted<MomentForm> {
  return fitPoints<MomentForm>(raw, (p) => fitMomentPoint(p, field, audience), (t) => {
    const list = nounList(t);
    return list === undefined ? undefined : { form: 'topic', text: list };
  });
}
