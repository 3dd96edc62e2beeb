/** What a person draft says, read once from the records: post, company, date, detail, debrief share. */
import type { Person } from '../model.js';
import { checkToneData, FREQUENT_WORDS, undoubled, type ToneRule } from '../tone/index.js';
import { fitDetail, fitMoment, type Audience, type DetailForm, type Dropped, type MomentForm } from './language/fit.js';
import type { DebriefField, DraftGap, LeftOut, PersonDraftInput } from './types.js';
import { hash, voice, type Voice } from './variation.js';
import { dayInWords, englishOf, firstName, present, surname, usSpelling, wordingOf, type English, type Wording } from './words.js';

export interface Facts {
  readonly role: string;
  readonly company: string;
  /** The interview date in words. */
  readonly date: string;
  readonly english: English;
  readonly words: Wording;
  readonly candidateName: string;
  readonly voice: Voice;
  /** This person's detail, fitted for a note to them. */
  readonly detail?: DetailForm;
  /** The detail as a noun phrase that can follow "about", when it has one. */
  readonly topic?: string;
  /**
   * The topic when it is about the work, for the notes that tie news or an idea to it: not a fact
   * about the person themselves ("how you're running the Berlin marathon").
   */
  readonly workTopic?: string;
  readonly title?: string;
  /** "meeting" on site, "speaking" otherwise. */
  readonly meeting: 'meeting' | 'speaking';
  /** The debrief items this person's note carries (spread over the people met so notes differ). */
  readonly best?: MomentForm;
  readonly awkward?: string;
  readonly unfinished?: string;
  readonly gaps: DraftGap[];
  /** Debrief input read for this note but not usable in it. */
  readonly leftOut: LeftOut[];
}

/** The person's place in the application (the rank of their voice). */
export function rankOf(people: readonly Person[], id: string): number {
  const i = people.findIndex((p) => p.id === id);
  return i >= 0 ? i : hash(id) % 997;
}

type Item = 'best' | 'unfinished' | 'awkward';
const FIELD: Readonly<Record<Item, DebriefField>> = { best: 'bestMoments', unfinished: 'unfinishedAnswers', awkward: 'awkwardMoments' };

/** Findings that say a fitted phrase cannot go into a note as it is (not those that need a whole note). */
const BLOCKING = new Set<ToneRule>(['L1', 'L2', 'L3', 'L4', 'L6', 'L11', 'L12', 'L13']);
/** The rules `vet` reads: the blocking ones and L8 (another company's name). */
const VETTING = new Set<ToneRule>([...BLOCKING, 'L8']);
/** The rule a typo correction reads. */
const SPELLING = new Set<ToneRule>(['L12']);

/**
 * Pay is for the offer, not for a thank-you or a check-in: a moment or detail about salary goes to
 * the left-out list ("I did not explain salary as well as I wanted to" reads as reopening it).
 */
const PAY = /\b(?:salary|salaries|compensation|remuneration|pay (?:rise|raise|range|band|expectations?|question|cut)|bonus(?:es)?|stock options|equity package|benefits package)\b/i;

/**
 * Tools and languages whose names are also dictionary words: written with a capital at the start of a
 * phrase, they are the name ("Python, the forecasting project…"), not the word.
 */
const PRODUCT_NAMES: ReadonlySet<string> = new Set(['Python', 'Java', 'Ruby', 'Excel', 'Looker', 'Airflow', 'Snowflake', 'Salesforce', 'Spark', 'Kafka', 'Tableau']);

/** Whether two words differ only in doubled letters ("reccomendations", "recommendations"), long enough to be sure. */
function sameButDoubling(a: string, b: string): boolean {
  return a !== b && a.length >= 6 && undoubled(a) === undoubled(b);
}

/** Whether two words differ by one letter added, dropped, replaced, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The tone check's findings in `s` read after `prefix`, in the application's context, placed in `s`. */
function checkIn(s: string, prefix: string, input: PersonDraftInput, only: ReadonlySet<ToneRule> = VETTING): ReturnType<typeof checkToneData> {
  return checkToneData({
    text: `${prefix}${s}.`,
    application: { company: input.application.company },
    people: input.application.people.map((p) => p.name),
    recipient: { name: input.person.name, informal: true, ...(input.person.honorific ? { honorific: input.person.honorific } : {}) },
    ...(input.otherCompanies !== undefined ? { otherCompanies: input.otherCompanies } : {}),
  }, { only, ...(input.speller !== undefined ? { speller: input.speller } : {}) })
    .filter((f) => (BLOCKING.has(f.rule) || f.code === 'other_company') && f.end > prefix.length && f.start < prefix.length + s.length)
    .map((f) => ({ ...f, start: f.start - prefix.length, end: f.end - prefix.length }));
}

/**
 * Only a slip of one letter (or of doubled letters: "reccomendations") is corrected unasked: a guess further off ("stockouts" → "sickouts")
 * would put a word the user never meant into the note, so such a phrase is listed instead.
 * ("teh" → "the": a frequent word first among several is the one meant.)
 */
function obviousTypos(findings: ReturnType<typeof checkToneData>): ReturnType<typeof checkToneData> {
  return findings.filter((f) => {
    if (f.rule !== 'L12' || f.code !== 'misspelling' || f.start < 0) return false;
    const best = f.suggestions[0] ?? '';
    if (f.suggestions.length !== 1 && !FREQUENT_WORDS.has(best)) return false;
    const [typed, meant] = [f.found.toLowerCase(), best.toLowerCase()];
    // "zoë" is no slip for "zoo": a letter with a mark is typed on purpose (a name, a word of another language).
    if (/\P{ASCII}/u.test(typed) && !/\P{ASCII}/u.test(meant)) return false;
    return oneEditApart(typed, meant) || sameButDoubling(typed, meant);
  });
}

function corrected(text: string, typos: ReturnType<typeof checkToneData>): string {
  let t = text;
  for (const f of [...typos].sort((a, b) => b.start - a.start)) {
    if (f.code === 'misspelling') t = t.slice(0, f.start) + (f.suggestions[0] ?? f.found) + t.slice(f.end);
  }
  return t;
}

/**
 * A debrief input with its obvious typos corrected before it is read, so a misspelt verb does not
 * turn a sentence into a noun phrase ("candidates recieve the case study…").
 */
export function withTyposCorrected(raw: string, input: PersonDraftInput): string {
  if (input.speller === undefined || raw.length > 2000) return raw;
  const typos = obviousTypos(checkIn(raw, 'We spoke about ', input, SPELLING));
  return typos.length === 0 ? raw : corrected(raw, typos);
}

/**
 * The tone check of one fitted phrase, in the application's context: a name the speller knows in
 * lower case loses its sentence capital, an obvious typo (one correction) is corrected, and a
 * phrase that still has a finding (an unknown word, pressure, another company, a stranger's name)
 * is refused with the reason to list it under.
 */
export function vet(text: string, input: PersonDraftInput, clause = false): { text: string } | { reason: 'spelling' | 'tone' } {
  const speller = input.speller;
  let t = text;
  const first = /^\p{Lu}[\p{Ll}'-]+/u.exec(t)?.[0];
  // "Reporting is…" → "reporting is…", but "Ms. Fitzgerald" and "Priya" keep their capital, and so
  // does a title before a name ("Chef Marco wants…", "Sister Kavanagh said…").
  const abbreviation = first !== undefined && t.charAt(first.length) === '.';
  const beforeName = first !== undefined && /^ \p{Lu}\p{Ll}/u.test(t.slice(first.length));
  const product = first !== undefined && PRODUCT_NAMES.has(first);
  if (first !== undefined && !abbreviation && !beforeName && !product && speller !== undefined && speller.correct(first.toLowerCase()) && first !== 'I') t = first.toLowerCase() + t.slice(first.length);
  // The phrase is checked inside a sentence, as it will be read; findings outside it are the frame's.
  // A clause ("they do user research in-house") is read after "that", a phrase after "about".
  const PREFIX = clause ? 'I heard that ' : 'We spoke about ';
  let findings = checkIn(t, PREFIX, input);
  const typos = obviousTypos(findings);
  if (typos.length > 0 && typos.length === findings.length) {
    t = corrected(t, typos);
    findings = checkIn(t, PREFIX, input);
  }
  if (findings.length === 0 && PAY.test(t)) return { reason: 'tone' };
  if (findings.length === 0) return { text: input.english === 'US' && speller !== undefined ? usSpelling(t, speller) : t };
  return { reason: findings.some((f) => f.rule === 'L12') ? 'spelling' : 'tone' };
}

/** The fitted value when it passes `vet`, else it is moved to the dropped list. */
function vetted<T extends { readonly text: string; readonly form: string }>(value: T | undefined, raw: string, input: PersonDraftInput, dropped: Dropped[]): T | undefined {
  if (value === undefined) return undefined;
  const v = vet(value.text, input, ['fact', 'act', 'ours'].includes(value.form));
  if ('text' in v) return { ...value, text: v.text };
  dropped.push({ text: raw.trim(), reason: v.reason });
  return undefined;
}

function leftOutOf(field: DebriefField, dropped: readonly Dropped[], personId?: string): LeftOut[] {
  return dropped.map((d) => ({ field, text: d.text, reason: d.reason, ...(personId !== undefined ? { personId } : {}) }));
}

/** The people met at the interview, in the order recorded, receptionists aside. */
export function metAt(input: PersonDraftInput): Person[] {
  return input.interview.interview.peopleIds
    .map((id) => input.application.people.find((x) => x.id === id))
    .filter((p): p is Person => p !== undefined && p.role !== 'receptionist');
}

/**
 * The debrief items (best moment, unfinished answer, awkward moment) for one person: item k goes to
 * the k-th person met (mod their number), so one note recaps the best moment and another fixes
 * the unfinished answer instead of all repeating the same lines. Each item is fitted to its slot
 * in the first person ("they" of the interviewers is "you", or "the panel" in a panel note).
 */
export function debriefShare(input: PersonDraftInput, all = false): { share: Partial<{ best: MomentForm; awkward: string; unfinished: string }>; leftOut: LeftOut[] } {
  const d = input.interview.interview.debrief;
  const leftOut: LeftOut[] = [];
  if (!d) return { share: {}, leftOut };
  const items: [Item, string][] = [];
  if (present(d.bestMoments)) items.push(['best', d.bestMoments]);
  if (present(d.unfinishedAnswers)) items.push(['unfinished', d.unfinishedAnswers]);
  if (present(d.awkwardMoments)) items.push(['awkward', d.awkwardMoments]);
  const met = metAt(input).map((p) => p.id);
  const n = Math.max(1, met.length);
  const mine = Math.max(0, met.indexOf(input.person.id));
  const audience: Audience = all && met.length > 1 ? 'the panel' : 'you';
  const share: Partial<{ best: MomentForm; awkward: string; unfinished: string }> = {};
  items.forEach(([item, text], k) => {
    if (!all && k % n !== mine) return;
    const fitted = fitMoment(withTyposCorrected(text, input), item, audience);
    const dropped = [...fitted.dropped];
    const value = vetted(fitted.value, text, input, dropped);
    leftOut.push(...leftOutOf(FIELD[item], dropped));
    if (value === undefined) return;
    if (item === 'best') share.best = value;
    else share[item] = value.text;
  });
  return { share, leftOut };
}

/** Words that name a person in a debrief: first name, surname, and each part of the name. */
export function namesOf(p: Person): string[] {
  return [...new Set([firstName(p.name), surname(p.name), ...p.name.split(/\s+/)].map((w) => w.replace(/[.,]/g, '')).filter((w) => w !== ''))];
}

/**
 * A person's detail, fitted for a note to them (`as` "you") or for the panel lead's note (their
 * formal name). Undefined value when they have no detail on record.
 */
export function detailOf(input: PersonDraftInput, person: Person, as: 'you' | { readonly name: string }): { value?: DetailForm; leftOut: LeftOut[] } {
  const raw = input.interview.interview.debrief?.details?.[person.id];
  if (!present(raw)) return { leftOut: [] };
  const about = { names: namesOf(person), as };
  const fitted = fitDetail(withTyposCorrected(raw, input), about);
  let dropped = [...fitted.dropped];
  let value = vetted(fitted.value, raw, input, dropped);
  // The point used was refused by the check ("zoë's dog was in the background…, she said the design
  // system is getting rebuilt in Figma"): the next point that fits and passes is used instead, and
  // the refused one is listed by itself.
  if (value === undefined && fitted.value !== undefined) {
    const refused = dropped[dropped.length - 1];
    for (const next of fitted.dropped.filter((d) => d.reason === 'several_points')) {
      const tried = vetted(fitDetail(next.text, about).value, next.text, input, []);
      if (tried === undefined) continue;
      value = tried;
      dropped = [
        ...dropped.filter((d) => d !== next && d !== refused),
        ...(refused !== undefined ? [{ text: fitted.value.text, reason: refused.reason }] : []),
      ];
      break;
    }
  }
  return { ...(value !== undefined ? { value } : {}), leftOut: leftOutOf('details', dropped, person.id) };
}

/** The detail as a noun phrase that reads after "about": a topic as it is, a fact as "how …". */
export function topicOf(d: DetailForm | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (d.form === 'topic') return d.text;
  if (d.form === 'fact') return `how ${d.text}`;
  return undefined;
}

export function factsOf(input: PersonDraftInput, opts: { allDebrief?: boolean } = {}): Facts {
  const { person, application, interview } = input;
  const english = input.english ?? englishOf(undefined);
  const detail = detailOf(input, person, 'you');
  const title = person.title?.trim();
  const { share, leftOut } = debriefShare(input, opts.allDebrief ?? false);
  const topic = topicOf(detail.value);
  return {
    role: application.role.trim(),
    company: application.company.trim(),
    date: dayInWords(interview.day, english),
    english,
    words: wordingOf(english),
    candidateName: input.candidate.name.trim(),
    voice: voice(application.id, rankOf(application.people, person.id)),
    meeting: interview.interview.format === 'on_site' ? 'meeting' : 'speaking',
    ...(detail.value !== undefined ? { detail: detail.value } : {}),
    ...(topic !== undefined ? { topic } : {}),
    ...(topic !== undefined && !(detail.value?.form === 'fact' && /^you(?:'re|'ve|'d|'ll)?\s/i.test(detail.value.text)) ? { workTopic: topic } : {}),
    ...(title ? { title } : {}),
    ...share,
    gaps: [],
    leftOut: [...detail.leftOut, ...leftOut],
  };
}
