/**
 * F0's vocabulary: the words an employer uses for days, months and amounts, and the text clean-up
 * every reader of a phrase starts from.
 */

export const WEEKDAY_NAMES_FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** ISO weekday (1 = Monday) by every spelling an email uses. */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, weds: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};

export const MONTH_NAMES_FULL = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};

/** Counting words; `couple` and `few` as F0 defines them (2 and 3). */
export const NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20,
  thirty: 30, forty: 40, 'forty-eight': 48, couple: 2, few: 3,
};

const ORDINAL_LIST = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
] as const;

/** Day-of-month ordinals written out: "the fifteenth", "the twenty-first", "the thirty first". */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = (() => {
  const out: Record<string, number> = {};
  ORDINAL_LIST.forEach((w, i) => { out[w] = i + 1; });
  for (let i = 1; i <= 9; i++) {
    const unit = ORDINAL_LIST[i - 1] ?? '';
    out[`twenty-${unit}`] = 20 + i;
    out[`twenty ${unit}`] = 20 + i;
  }
  out.thirtieth = 30;
  out['thirty-first'] = 31;
  out['thirty first'] = 31;
  return out;
})();

const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

export const WEEKDAY_WORD = alternation(Object.keys(WEEKDAYS));
export const MONTH_WORD = alternation(Object.keys(MONTHS));
export const ORDINAL_WORD = alternation(Object.keys(ORDINAL_WORDS));
export const NUMBER_WORD = `\\d{1,3}(?:\\.\\d)?|${alternation(Object.keys(NUMBERS))}`;

/** Spoken ordinal suffix for a day of the month: 1st, 2nd, 3rd, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const unit = n % 10;
  return `${n}${unit === 1 ? 'st' : unit === 2 ? 'nd' : unit === 3 ? 'rd' : 'th'}`;
}

export function monthName(month: number): string {
  return MONTH_NAMES_FULL[month - 1] ?? '';
}

export function weekdayFull(isoWeekday: number): string {
  const w = WEEKDAY_NAMES_FULL[isoWeekday - 1] ?? '';
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A number word or numeral ("two", "10", "1.5"); null when it is neither. */
export function toNumber(word: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(word)) return Number(word);
  return NUMBERS[word] ?? null;
}

/** Number words for `understood`: "two weeks", "10 business days". */
export function spell(n: number): string {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return Number.isInteger(n) && n <= 10 ? (words[n] ?? String(n)) : String(n);
}

/** Longest text read; a longer "phrase" is no phrase (a pasted document) and is left unread. */
export const MAX_PHRASE = 20_000;

/**
 * Lower case, typographic quotes and dashes made plain, "a.m."/"p.m." joined, times of day
 * ("5 pm", "17:00", "9.30am", "noon") removed (the decision is a day), whitespace collapsed.
 */
export function normalize(said: string): string {
  return said
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/\b(?:at |by |before |until )?(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2}(?:\s?(?:h|hrs|uhr))?|noon|midday|midnight|lunchtime|lunch time)\b/g, (m) => {
      // Keep the "by" of "by 5 pm Friday": it belongs to the day.
      const lead = /^(by|before|until) /.exec(m);
      return lead ? `${lead[1] ?? ''} ` : ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Calls `visit` with each match of the global pattern `re` in `text`, in order, until it returns
 * false (then false is returned). `exec` over the shared pattern rather than `matchAll`, which builds
 * a new RegExp and an iterator per call: over a plan's thousands of phrases that was a third of the
 * reader's time (bench/plan.bench.ts, warm plan).
 */
export function eachMatch(re: RegExp, text: string, visit: (m: RegExpExecArray) => boolean | void): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    if (visit(m) === false) return false;
  }
  return true;
}

const NEGATION = /\b(?:not|won't|wont|will\s+not|can't|cannot|unlikely|don't|do\s+not|doesn't|isn't|aren't|no)\b/;

/** True when the sentence holding `at` denies what follows before `at`: "we won't decide before Friday" is "not before Friday". */
export function negatedBefore(text: string, at: number): boolean {
  const head = text.slice(Math.max(0, at - 120), at);
  const cut = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  return NEGATION.test(cut < 0 ? head : head.slice(cut + 2));
}
