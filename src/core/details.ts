/**
 * An application's details beyond the follow-up (the posting's link, location, salary, source, job
 * description, notes, tags) and a person's notes: their limits, and each value read from what was
 * typed or imported into the model's form, or an issue naming the field and the fix.
 */
import { SALARY_PERIODS, WORKPLACES, type Salary, type SalaryPeriod, type Workplace } from './model.js';

/** The most characters (as people count them) of each detail; `tags` is the most tags, `tag` the most characters of one. */
export const DETAIL_LIMITS = {
  postingUrl: 2_000,
  location: 200,
  source: 200,
  sourceId: 200,
  salaryText: 200,
  // Long texts fit one spreadsheet cell (Excel keeps 32,767 UTF-16 units), so an export keeps them whole.
  description: 16_000,
  notes: 16_000,
  tags: 50,
  tag: 50,
} as const;

/** The largest salary figure kept (a typo of extra zeros is refused, not stored). */
export const SALARY_MAX = 1_000_000_000;

/** Each detail in the words a person reads (web forms, import reports). */
export const DETAIL_WORDS: Readonly<Record<string, string>> = {
  postingUrl: 'Job posting link', location: 'Location', workplace: 'Remote, hybrid or on-site', salary: 'Salary',
  'salary.text': 'Salary', 'salary.min': 'Lowest salary', 'salary.max': 'Highest salary', 'salary.currency': 'Salary currency',
  'salary.period': 'Salary per', source: 'Source', sourceId: 'Id in the tracker it came from', description: 'Job description',
  notes: 'Notes', tags: 'Tags',
};

export const WORKPLACE_WORDS: Readonly<Record<Workplace, string>> = { remote: 'remote', hybrid: 'hybrid', on_site: 'on-site' };
export const PERIOD_WORDS: Readonly<Record<SalaryPeriod, string>> = { hour: 'an hour', day: 'a day', week: 'a week', month: 'a month', year: 'a year' };

export interface DetailIssue {
  /** The field under the application (`postingUrl`, `salary.min`, `tags[2]`) or the person (`notes`). */
  readonly field: string;
  readonly message: string;
}

/** The application's details as the model keeps them (absent ones left out). */
export interface Details {
  postingUrl?: string;
  location?: string;
  workplace?: Workplace;
  salary?: Salary;
  source?: string;
  sourceId?: string;
  description?: string;
  notes?: string;
  tags?: readonly string[];
}

const count = (n: number): string => n.toLocaleString('en-US');

/** "2,001 characters; the most is 2,000 — shorten it" */
export function tooLong(length: number, most: number): string {
  return `${count(length)} characters; the most is ${count(most)} \u2014 shorten it`;
}

/** Characters as people count them (an emoji is one). */
function length(value: string): number {
  return value.length > 100 ? [...value].length : value.length;
}

/** Whether `value` is a web address a browser opens: http or https with a host. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Long text as typed with its line breaks made \n, control characters other than tab removed, and its ends trimmed; blank is none. */
export function cleanLongText(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f]/g, '').trim();
  return text === '' ? undefined : text;
}

/** One line of text trimmed, its line breaks and runs of spaces made one space; blank is none. */
function cleanLine(value: string): string | undefined {
  // As one line of every exported file is read back (import's oneLine): runs of spaces are one, bidi overrides dropped.
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

type Raw = Readonly<Record<string, unknown>>;

const isText = (v: unknown): v is string => typeof v === 'string';
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;

/** "45,000–55,000 GBP a year" from the figures, when the salary was given without its words. */
export function salaryWords(s: Omit<Salary, 'text'>): string {
  const figures = s.min !== undefined && s.max !== undefined && s.min !== s.max ? `${count(s.min)}\u2013${count(s.max)}`
    : s.min !== undefined ? (s.max === undefined ? `from ${count(s.min)}` : count(s.min)) : s.max !== undefined ? `up to ${count(s.max)}` : '';
  return [figures, s.currency, s.period ? PERIOD_WORDS[s.period] : undefined].filter((p) => p !== undefined && p !== '').join(' ');
}

function figure(issues: DetailIssue[], field: string, value: unknown): number | undefined {
  if (absent(value) || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value.replace(/[,_\s]/g, '')) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > SALARY_MAX || Math.round(n * 100) / 100 !== n) {
    issues.push({ field, message: `${JSON.stringify(value)} is not an amount; write a number from 0 to ${count(SALARY_MAX)} with at most two decimals, e.g. 52000` });
    return undefined;
  }
  return Math.round(n * 100) / 100;
}

function readSalary(issues: DetailIssue[], raw: unknown): Salary | undefined {
  if (absent(raw)) return undefined;
  // A figure alone (a script's "salary": 90000) is that amount, written as given.
  if (typeof raw === 'number') return readSalary(issues, { text: Number.isFinite(raw) ? raw.toLocaleString('en-US') : String(raw), min: raw, max: raw });
  const v: Raw = typeof raw === 'string' ? { text: raw } : typeof raw === 'object' && !Array.isArray(raw) ? raw as Raw : {};
  if (typeof raw !== 'string' && (typeof raw !== 'object' || Array.isArray(raw))) {
    issues.push({ field: 'salary', message: 'must be the salary as written (text), or an object with text, min, max, currency and period' });
    return undefined;
  }
  const before = issues.length;
  let text = isText(v['text']) ? cleanLine(v['text']) : undefined;
  if (!absent(v['text']) && !isText(v['text'])) issues.push({ field: 'salary.text', message: 'must be text, e.g. "£45,000–£55,000 a year"' });
  if (text !== undefined && length(text) > DETAIL_LIMITS.salaryText) issues.push({ field: 'salary.text', message: tooLong(length(text), DETAIL_LIMITS.salaryText) });
  const min = figure(issues, 'salary.min', v['min']);
  const max = figure(issues, 'salary.max', v['max']);
  if (min !== undefined && max !== undefined && min > max) issues.push({ field: 'salary.max', message: `${count(max)} is below the lowest salary (${count(min)}); swap them or fix one` });
  let currency: string | undefined;
  if (!absent(v['currency']) && v['currency'] !== '') {
    if (isText(v['currency']) && /^\s*[A-Za-z]{3}\s*$/.test(v['currency'])) currency = v['currency'].trim().toUpperCase();
    else issues.push({ field: 'salary.currency', message: `${JSON.stringify(v['currency'])} is not a currency code; write its three letters, e.g. USD, GBP or EUR` });
  }
  let period: SalaryPeriod | undefined;
  if (!absent(v['period']) && v['period'] !== '') {
    const p = isText(v['period']) ? v['period'].trim().toLowerCase().replace(/^(per |an? |every )/, '').replace(/ly$/, '') : v['period'];
    const read = p === 'annual' || p === 'annum' || p === 'year' || p === 'yearly' ? 'year' : p === 'dai' ? 'day' : p === 'hour' || p === 'hr' ? 'hour' : p;
    if ((SALARY_PERIODS as readonly unknown[]).includes(read)) period = read as SalaryPeriod;
    else issues.push({ field: 'salary.period', message: `${JSON.stringify(v['period'])} is not a period; use one of ${SALARY_PERIODS.join(', ')}` });
  }
  if (issues.length > before) return undefined;
  const figures: { -readonly [K in keyof Omit<Salary, 'text'>]: Salary[K] } = {};
  if (min !== undefined) figures.min = min;
  if (max !== undefined) figures.max = max;
  if (currency !== undefined) figures.currency = currency;
  if (period !== undefined) figures.period = period;
  if (text === undefined) {
    if (min === undefined && max === undefined) return undefined;
    text = salaryWords(figures);
  }
  // Given as words alone (an import's Salary column, an API string): the figures when plainly written.
  if (typeof raw === 'string') return { text, ...salaryFigures(text) };
  return { text, ...figures };
}

function line(issues: DetailIssue[], raw: Raw, field: keyof typeof DETAIL_LIMITS, words: string): string | undefined {
  const value = raw[field];
  if (absent(value)) return undefined;
  if (!isText(value)) {
    issues.push({ field, message: `must be text (${words})` });
    return undefined;
  }
  const text = cleanLine(value);
  if (text !== undefined && length(text) > DETAIL_LIMITS[field]) issues.push({ field, message: tooLong(length(text), DETAIL_LIMITS[field]) });
  return text;
}

function long(issues: DetailIssue[], value: unknown, field: string, most: number): string | undefined {
  if (absent(value)) return undefined;
  if (!isText(value)) {
    issues.push({ field, message: 'must be text' });
    return undefined;
  }
  const text = cleanLongText(value);
  if (text !== undefined && length(text) > most) issues.push({ field, message: tooLong(length(text), most) });
  return text;
}

/** Tags given as a list or as one text separated by commas: trimmed, blank ones and repeats (whatever the case) left out. */
function readTags(issues: DetailIssue[], raw: unknown): readonly string[] | undefined {
  if (absent(raw)) return undefined;
  const list: unknown[] = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw as unknown[] : [raw];
  const out: string[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (!isText(item)) {
      issues.push({ field: `tags[${i}]`, message: 'must be text, e.g. "remote-first"' });
      return;
    }
    const tag = cleanLine(item);
    if (tag === undefined) return;
    if (tag.includes(',')) issues.push({ field: `tags[${i}]`, message: `"${tag.slice(0, 60)}" has a comma; a tag is one label, so split it into two tags` });
    else if (length(tag) > DETAIL_LIMITS.tag) issues.push({ field: `tags[${i}]`, message: `${tooLong(length(tag), DETAIL_LIMITS.tag)} (one tag)` });
    const key = tag.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  });
  if (out.length > DETAIL_LIMITS.tags) issues.push({ field: 'tags', message: `${count(out.length)} tags; the most is ${count(DETAIL_LIMITS.tags)} \u2014 remove some` });
  return out.length > 0 ? out : undefined;
}

/**
 * Reads an application's details from a document (the scenario's application object, an API body,
 * an import row's values). Never throws: each value wrong is an issue with its field, and the
 * details read are returned with the wrong ones left out.
 */
export function readDetails(raw: Raw): { readonly details: Details; readonly issues: readonly DetailIssue[] } {
  const issues: DetailIssue[] = [];
  const details: Details = {};
  const url = line(issues, raw, 'postingUrl', 'the posting\u2019s web address');
  if (url !== undefined) {
    if (!isWebAddress(url)) {
      issues.push({ field: 'postingUrl', message: `"${url.slice(0, 80)}" is not a web address; give the posting's link starting with https:// or http://` });
    } else {
      details.postingUrl = url;
    }
  }
  const location = line(issues, raw, 'location', 'a town, a region or "Remote"');
  if (location !== undefined) details.location = location;
  const workplace = raw['workplace'];
  if (!absent(workplace) && workplace !== '') {
    const w = isText(workplace) ? readWorkplace(workplace) : undefined;
    if (w === undefined) issues.push({ field: 'workplace', message: `${JSON.stringify(workplace)} is not allowed; use remote, hybrid or on-site (${WORKPLACES.join(', ')})` });
    else details.workplace = w;
  }
  const salary = readSalary(issues, raw['salary']);
  if (salary !== undefined) details.salary = salary;
  const source = line(issues, raw, 'source', 'where you found the job');
  if (source !== undefined) details.source = source;
  const sourceId = line(issues, raw, 'sourceId', 'the id in the tracker it came from');
  if (sourceId !== undefined) details.sourceId = sourceId;
  const description = long(issues, raw['description'], 'description', DETAIL_LIMITS.description);
  if (description !== undefined) details.description = description;
  const notes = long(issues, raw['notes'], 'notes', DETAIL_LIMITS.notes);
  if (notes !== undefined) details.notes = notes;
  const tags = readTags(issues, raw['tags']);
  if (tags !== undefined) details.tags = tags;
  return { details, issues };
}

/** A person's notes as kept, with an issue at `notes` when over the limit. */
export function readPersonNotes(value: unknown): { readonly notes?: string; readonly issue?: DetailIssue } {
  const issues: DetailIssue[] = [];
  const notes = long(issues, value, 'notes', DETAIL_LIMITS.notes);
  const issue = issues[0];
  if (issue) return { issue };
  return notes === undefined ? {} : { notes };
}

/** "remote", "Hybrid", "on-site", "Onsite", "in office" → the model's value; undefined when it is none of them. */
export function readWorkplace(value: string): Workplace | undefined {
  const v = value.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (v === 'remote' || v === 'fullyremote' || v === 'wfh') return 'remote';
  if (v === 'hybrid') return 'hybrid';
  if (v === 'onsite' || v === 'inoffice' || v === 'office' || v === 'inperson') return 'on_site';
  return undefined;
}

const SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR', $: 'USD' };
const CURRENCY = String.raw`(?:[£€¥₹$]|(?:US|CA|A|NZ|S)\$|[A-Z]{3}\s?)`;
const FIGURE = String.raw`(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d{1,2})?)\s?([kK])?`;
const PERIOD = String.raw`(?:\s*(?:/|per|an?|p\.?)\s*(hour|hr|h|day|week|wk|month|mo|year|yr|annum|a\.?)\b\.?|\s+(hourly|daily|weekly|monthly|yearly|annually|annual))?`;
const SALARY_TEXT = new RegExp(String.raw`^\s*(${CURRENCY})?\s?${FIGURE}(?:\s*(?:-|–|—|to)\s*(${CURRENCY})?\s?${FIGURE})?\s*([A-Z]{3})?${PERIOD}\s*$`, 'i');

function currencyOf(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const t = token.trim();
  if (t.length === 1) return SYMBOLS[t];
  const dollar = /^(US|CA|A|NZ|S)\$$/i.exec(t);
  if (dollar) return { US: 'USD', CA: 'CAD', A: 'AUD', NZ: 'NZD', S: 'SGD' }[(dollar[1] ?? '').toUpperCase()];
  return /^[A-Za-z]{3}$/.test(t) ? t.toUpperCase() : undefined;
}

function periodOf(word: string | undefined): SalaryPeriod | undefined {
  const w = (word ?? '').toLowerCase().replace(/\.$/, '');
  if (w === '') return undefined;
  if (['hour', 'hr', 'h', 'hourly'].includes(w)) return 'hour';
  if (['day', 'daily'].includes(w)) return 'day';
  if (['week', 'wk', 'weekly'].includes(w)) return 'week';
  if (['month', 'mo', 'monthly'].includes(w)) return 'month';
  return 'year';
}

/**
 * The figures of a salary written plainly ("£45k–£55k", "$120,000 - $140,000 a year", "25/hour",
 * "60000 EUR"): undefined for anything else ("up to 60k + bonus", "competitive"), which is kept
 * as written only. A figure with k is thousands; "45-55k" reads both as thousands.
 */
export function salaryFigures(text: string): Omit<Salary, 'text'> | undefined {
  const m = SALARY_TEXT.exec(text);
  if (!m) return undefined;
  const [, cur1, n1, k1, cur2, n2, k2, code, period1, period2] = m;
  const num = (n: string | undefined, k: boolean): number | undefined => {
    if (n === undefined) return undefined;
    const v = Number(n.replace(/[,\s]/g, '')) * (k ? 1000 : 1);
    return Number.isFinite(v) && v <= SALARY_MAX ? Math.round(v * 100) / 100 : undefined;
  };
  const kBoth = k1 === undefined && k2 !== undefined && Number(n1) < 1000;
  const min = num(n1, k1 !== undefined || kBoth);
  const max = n2 === undefined ? min : num(n2, k2 !== undefined);
  if (min === undefined || max === undefined || min > max) return undefined;
  const out: { -readonly [K in keyof Omit<Salary, 'text'>]: Salary[K] } = { min, max };
  const currency = currencyOf(cur1) ?? currencyOf(cur2) ?? currencyOf(code);
  if (currency !== undefined) out.currency = currency;
  const period = periodOf(period1 ?? period2);
  if (period !== undefined) out.period = period;
  return out;
}
