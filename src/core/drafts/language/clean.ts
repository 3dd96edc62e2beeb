/**
 * The first pass over a debrief field as typed: one line of plain text, or the reason it cannot
 * go into a note at all (markup, no words, another language). Emoji, control characters, runs of
 * "!!" and shouting in capitals are removed or calmed here; what was removed is reported.
 */
import emojiRegex from 'emoji-regex';
import { isEverydayWord } from './terms.js';

/** Why a debrief input, or part of it, is not in a note. */
export type LeftOutReason =
  | 'no_words' | 'markup' | 'not_english' | 'too_long' | 'several_points' | 'unclear' | 'spelling' | 'tone' | 'length' | 'emoji';

export interface Cleaned {
  readonly text: string;
  /** Set when nothing of the input can go into a note. */
  readonly problem?: LeftOutReason;
  /** True when emoji were taken out. */
  readonly emoji: boolean;
}

/** Debrief fields longer than this are read only in their first part (a field's limit is enforced at the edges). */
const READ_AT_MOST = 2_000;

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'for', 'with', 'about', 'at', 'by', 'from', 'into',
  'is', 'are', 'was', 'were', 'be', 'been', 'it', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'we', 'you', 'i',
  'my', 'his', 'her', 'their', 'our', 'your', 'me', 'him', 'them', 'us', 'how', 'what', 'why', 'when', 'where', 'which',
  'who', 'not', 'did', 'do', 'does', 'had', 'has', 'have', 'would', 'could', 'should', 'will', 'can', 'as', 'so', 'if',
  'than', 'then', 'there', 'all', 'some', 'any', 'more', 'most', 'very', 'just', 'also', 'too', 'up', 'out', 'over',
]);
const FOREIGN_WORDS = new Set([
  'le', 'la', 'les', 'des', 'une', 'est', 'et', 'pour', 'avec', 'dans', 'sur', 'nous', 'vous', 'qui', 'que', 'pas', 'du',
  'der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'ein', 'eine', 'wir', 'sie', 'ich', 'auf', 'für', 'den', 'dem', 'zu',
  'el', 'los', 'las', 'es', 'y', 'con', 'para', 'por', 'una', 'muy', 'del', 'se', 'lo', 'su', 'sus', 'como', 'pero',
  'il', 'di', 'che', 'della', 'sono', 'gli', 'een', 'het', 'niet', 'ook', 'zijn', 'de', 'en', 'un', 'al', 'cómo', 'qué',
  'já', 'não', 'uma', 'um', 'och', 'att', 'är', 'ett', 'jeg', 'og', 'ikke', 'nie', 'się', 'jest', 've', 'bir',
]);

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const CONTACT = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bhttps?:\/\/\S+|\bwww\.\S+|\+?\d[\d\s().-]{6,}\d(?:\s*ext\.?\s*\d+)?/gi;
/** A phone number has seven digits at least, and a span of years is not one: "30-60-90 day plan", "2019-2021". */
const PHONE_DIGITS = 7;
const YEARS = /^(?:19|20)\d\d\s?[-–]\s?(?:19|20)?\d\d$/;
const notContact = (m: string): boolean => /^\+?\d/.test(m) && ((m.match(/\d/g) ?? []).length < PHONE_DIGITS || YEARS.test(m));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP = /<\/?[a-z][^<>]{0,200}>|&[a-z]{2,8};|&#\d{1,6};/i;
const EMOTICON = /(?:^|\s)(?:[:;=8][-']?[()DPpOo3|\\/\][]+|<3|\^_\^|xD)(?=\s|$|[.,!?])/g;

/** Letters as a share of the words, and whether the words read as English. */
function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  const latin = letters.filter((ch) => /[A-Za-z\u00C0-\u024F]/.test(ch)).length;
  if (latin / letters.length < 0.7) return false;
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.length < 4) return true;
  let english = 0;
  let foreign = 0;
  for (const w of words) {
    if (FUNCTION_WORDS.has(w)) english++;
    else if (FOREIGN_WORDS.has(w)) foreign++;
  }
  return english >= foreign && (english > 0 || words.length < 6);
}

/**
 * ALL-CAPS input calmed: words of five letters or more, the function words and the everyday short
 * words ("NEXT YEAR" → "next year") go to lower case; short acronyms and names ("KPI", "CEO") stay.
 */
function calmCapitals(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((ch) => ch !== ch.toLowerCase()).length;
  if (letters.length < 8 || upper / letters.length < 0.8) return text;
  return text.replace(/\p{L}[\p{L}']*/gu, (w) => {
    const lower = w.toLowerCase();
    if (lower === 'i') return 'I';
    if (lower.startsWith("i'")) return `I${lower.slice(1)}`;
    return w.length >= 5 || FUNCTION_WORDS.has(lower) || isEverydayWord(lower) ? lower : w;
  });
}

/** Shorthand of notes to self, in the words a letter uses ("4 yrs" → "4 years", "w/" → "with"). */
const SHORTHAND: Readonly<Record<string, string>> = {
  yr: 'year', yrs: 'years', hr: 'hour', hrs: 'hours', mins: 'minutes', wk: 'week', wks: 'weeks', mos: 'months',
  mth: 'month', mths: 'months', 'w/': 'with', 'w/o': 'without', 'b/c': 'because', bc: 'because', cuz: 'because', coz: 'because', thru: 'through', ppl: 'people',
  convo: 'conversation', convos: 'conversations', govt: 'government', dept: 'department', depts: 'departments',
  mgmt: 'management', mgr: 'manager', mgrs: 'managers', approx: 'about', abt: 'about', esp: 'especially',
  dev: 'development', devs: 'developers', org: 'organisation', orgs: 'organisations',
  // Contractions typed without their apostrophe ("didnt"); only those that are no word of their own ("wont", "ill", "id" are).
  didnt: "didn't", dont: "don't", doesnt: "doesn't", wasnt: "wasn't", werent: "weren't", isnt: "isn't", arent: "aren't",
  wouldnt: "wouldn't", couldnt: "couldn't", shouldnt: "shouldn't", hasnt: "hasn't", havent: "haven't", hadnt: "hadn't",
  cant: "can't", ive: "I've", im: "I'm", youre: "you're", theyre: "they're", thats: "that's", whats: "what's",
  theres: "there's", hes: "he's", shes: "she's", whos: "who's", weve: "we've", theyve: "they've", youve: "you've",
};
const SHORTHAND_WORD = new RegExp(`(?<![\\p{L}\\d/'-])(${Object.keys(SHORTHAND).map((k) => k.replace(/\//g, '\\/')).join('|')})(?:\\.(?=\\s+[\\p{Ll}\\d]))?(?![\\p{L}\\d/'-])`, 'giu');
const MONTH_NAMES: Readonly<Record<string, string>> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', jun: 'June', jul: 'July', aug: 'August', sep: 'September',
  sept: 'September', oct: 'October', nov: 'November', dec: 'December',
};
// A month's short name only where a date is meant ("in Jan", "by sept", "3 Oct", "Nov 12"): "Jan" alone may be a name.
const MONTH_SHORT = /(?<=\b(?:in|by|from|until|till|since|before|after|early|late|mid|end of|start of|\d{1,2}(?:st|nd|rd|th)?)[\s-])(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b(?:\.(?=\s+[\p{Ll}\d]))?|\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?=\s\d{1,2}\b)/giu;

/** Shorthand and short month names written out, keeping a capital where the word had one. */
function writeOut(text: string): string {
  return text
    .replace(SHORTHAND_WORD, (m, w: string) => {
      // "HR", "DEV": capitals make an acronym or a name, not shorthand.
      if (w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w)) return m;
      const full = SHORTHAND[w.toLowerCase()] ?? m;
      return /^\p{Lu}/u.test(w) ? full.charAt(0).toUpperCase() + full.slice(1) : full;
    })
    .replace(MONTH_SHORT, (m, a?: string, b?: string) => MONTH_NAMES[(a ?? b ?? '').toLowerCase()] ?? m)
    // A lone "i" ("how i'd migrate") is "I".
    .replace(/(?<![\p{L}\d'-])i(?=(?:'[a-z]+)?(?![\p{L}\d-]|\.\p{L}))/gu, 'I')
    // "it's v early days", "v keen": "v" before a word of degree is "very" ("Smith v Jones" is not).
    .replace(/(?<![\p{L}\d'-])v(?= (?:early|late|good|keen|busy|interested|impressed|excited|important|much|clear|quick|fast|big|small|hard|happy|nice|well|different|similar|new|high|low|few|long|short|open|friendly|positive|helpful|relaxed|technical)\b)/gu, 'very')
    // "for 10 min", "45 mins": minutes.
    .replace(/(?<=\d)\s?mins?\b\.?/g, ' minutes')
    // "the platform + the metrics layer", "sales & marketing": a sign between words is "and".
    // ("Marks & Spencer", "City & Guilds" are names and keep theirs.)
    .replace(/(?<=\p{L}) \+ (?=\p{L})|(?<=\p{Ll}) & (?=\p{Ll})/gu, ' and ');
}

/** A field filled in to say there is nothing: "N/A", "none", "nothing really", "N/A — answered everything". */
const NOTHING = /^(?:n\/?a|none|nothing|nil|nope|no|not applicable|nothing really|nothing to add|answered everything|all answered|-+)\b[\s.!,;:\u2013\u2014-]*(?:(?:i )?answered (?:everything|them all|all of them)|nothing (?:really|to add)|all good)?[\s.!]*$/i;

/**
 * Cleans one debrief field: control characters, zero-width and bidi marks, lone surrogates and
 * emoji removed; runs of "!" or "?" cut to one; ellipses to a stop; whitespace to single spaces,
 * keeping line breaks (they separate list items). Markup, text without letters, and text that is
 * not English are reported as the `problem`; a field that says there is nothing ("N/A") comes back
 * empty with no problem. Never throws.
 */
export function cleanInput(raw: string): Cleaned {
  // Bidi overrides reverse what is shown: such text is not to be trusted in a note.
  if (/[\u202D\u202E]/.test(raw)) return { text: '', problem: 'unclear', emoji: false };
  let text = raw.slice(0, READ_AT_MOST).replace(INVISIBLE, '').replace(CONTROL, ' ').replace(LONE_SURROGATE, '').replace(CONTACT, (m) => (notContact(m) ? m : ' '));
  if (MARKUP.test(text)) return { text: '', problem: 'markup', emoji: false };
  const withoutEmoji = text.replace(emojiRegex(), ' ').replace(/[\u2600-\u27BF\u{1F000}-\u{1FAFF}]|\uFE0F/gu, ' ').replace(EMOTICON, ' ');
  const emoji = withoutEmoji !== text;
  text = withoutEmoji
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n+ */g, '\n')
    .replace(/\u2026|\.{2,}/g, '.')
    .replace(/([!?])[!?]+/g, (_m, first: string) => (_m.includes('?') ? '?' : first))
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
  // Nothing to say is not a left-out fact: the field counts as empty.
  if (NOTHING.test(text)) return { text: '', emoji };
  if ((text.match(/\p{L}{2,}/gu) ?? []).length === 0) return { text: '', problem: 'no_words', emoji };
  // No English word runs past 40 letters: such a run is a paste or a key held down.
  if (/[\p{L}\p{M}]{41,}/u.test(text)) return { text: '', problem: 'unclear', emoji };
  if (!looksEnglish(text)) return { text, problem: 'not_english', emoji };
  return { text: writeOut(calmCapitals(text)), emoji };
}
