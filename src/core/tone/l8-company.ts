/**
 * L8: the text names no company of another application (an error: it blocks "mark as sent"), and
 * it names this application's company and post. Needs `otherCompanies` or `application`.
 */
import { findWords, type ToneContext } from './context.js';
import { companyCore } from './names.js';
import { fold, wordList } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
const ROLE_STOPWORDS = new Set(['of', 'and', 'the', 'for', 'in', 'at', 'to', 'a', 'an', 'on', 'with', 'i', 'ii', 'iii']);

function stem(word: string): string {
  const w = fold(word);
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

export function checkCompany(ctx: ToneContext): FindingData[] {
  const { a, input } = ctx;
  const out: FindingData[] = [];
  const own = input.application ? companyCore(input.application.company) : [];
  const ownKey = own.map(fold).join(' ');

  const ownSpans = own.length > 0 ? findWords(ctx, own, false) : [];
  for (const other of input.otherCompanies ?? []) {
    const core = companyCore(other);
    const key = core.map(fold).join(' ');
    // The same company as this application's (or a shorter form of it) is not another company.
    if (core.length === 0 || key === '' || ownKey === key || (ownKey.startsWith(`${key} `) && own.length > core.length)) continue;
    for (const { from, to } of findWords(ctx, core, true)) {
      if (out.length >= LIMIT) break;
      const s = a.tokens[from];
      const e = a.tokens[to - 1];
      if (s === undefined || e === undefined) continue;
      // A one-word name that is also a common word ("Target", "Square") opening a sentence is that word.
      if (core.length === 1 && s.sentenceStart && ctx.speller?.correct(s.lower) === true) continue;
      // Inside this application's own company name ("Acme Globex Partners" while applying there).
      if (ownSpans.some((r) => r.from <= from && to <= r.to)) continue;
      out.push({
        rule: 'L8', code: 'other_company', start: s.start, end: e.end, severity: 'error', found: a.text.slice(s.start, e.end),
        ...(input.application ? { company: input.application.company.trim() } : {}),
      });
    }
  }

  if (input.application !== undefined) {
    if (own.length > 0 && !mentionsCompany(ctx, own)) {
      out.push({ rule: 'L8', code: 'missing_company', start: a.body.start, end: a.body.end, severity: 'warning', company: input.application.company.trim() });
    }
    const role = input.application.role;
    if (role !== undefined && role.trim() !== '' && !mentionsRole(ctx, role)) {
      out.push({ rule: 'L8', code: 'missing_role', start: a.body.start, end: a.body.end, severity: 'warning', role: role.trim() });
    }
  }
  return out;
}

function mentionsCompany(ctx: ToneContext, core: readonly string[]): boolean {
  if (findWords(ctx, core, false).length > 0) return true;
  const first = core[0];
  // The first word of a longer name ("Goldman" for Goldman Sachs), or its initials ("IBM").
  if (core.length > 1 && first !== undefined && first.length >= 4 && findWords(ctx, [first], true).length > 0) return true;
  if (core.length > 1) {
    const initials = core.filter((w) => w.toLowerCase() !== 'and').map((w) => w.charAt(0).toUpperCase()).join('');
    if (findWords(ctx, [initials], true).length > 0) return true;
    // "M&S" for Marks & Spencer.
    const letters = core.map((w) => (w.toLowerCase() === 'and' ? 'and' : w.charAt(0).toUpperCase()));
    if (letters.includes('and') && findWords(ctx, letters, true).length > 0) return true;
  }
  return false;
}

/** The post is named when its head noun ("Analyst") and at least half its words appear. */
function mentionsRole(ctx: ToneContext, role: string): boolean {
  const words = wordList(role).map(stem).filter((w) => !ROLE_STOPWORDS.has(w));
  const head = words[words.length - 1];
  if (head === undefined) return true;
  const present = new Set<string>();
  for (const w of new Set(words)) if (ctx.positions(w).length > 0 || ctx.positions(`${w}s`).length > 0) present.add(w);
  return present.has(head) && present.size >= Math.ceil(words.length / 2);
}
