/**
 * F0: the employer's words → a decision date. Every date phrase of the sentence is found
 * (expressions.ts), joined where its parts belong together ("Friday the 13th", "a week from
 * Friday"), given the "after"/"before" in front of it, and read back from "the week after"; then the
 * phrase that gives the decision is picked by its clause ("we're interviewing next week" gives none,
 * "we'll decide the week after" does). Several dates for the decision → the latest (checking in
 * before a date they named is the worst error); two readings of one → the user picks.
 */
import { weekStart, weekday, type BusinessCalendar, type Day } from '../../time.js';
import { dateOrderOf, endOfWeekAfter, nextWeekday } from './days.js';
import { MAX_EXPRESSIONS, findExpressions, weekSpan, type Context, type Expr } from './expressions.js';
import { daySpan, type Span } from './types.js';
import { MAX_PHRASE, WEEKDAYS, eachMatch, negatedBefore, normalize, weekdayFull } from './words.js';

/** One way of reading the employer's words: the day and how it was understood ("the Friday of next week"). */
export interface TimelineChoice {
  readonly day: Day;
  readonly understood: string;
}

/**
 * `ok: true`: one reading. `ok: false`: none the product may use on its own; `choices` is empty when
 * the phrase could not be read, and holds two or more readings when it has several ("next Friday")
 * or its parts disagree ("Friday the 13th" when the 13th is no Friday): the user picks, and until
 * then it counts as no timeline (F0).
 */
export type TimelineReading =
  | { readonly ok: true; readonly day: Day; readonly understood: string }
  | { readonly ok: false; readonly said: string; readonly choices: readonly TimelineChoice[] };

/** The longest of overlapping phrases wins ("the 20th of March" over "the 20th"), the earlier on a tie. */
function keepLongest(found: readonly Expr[]): Expr[] {
  const ranked = found.map((e, i) => ({ e, i })).sort((a, b) => (b.e.end - b.e.start) - (a.e.end - a.e.start) || a.e.start - b.e.start || a.i - b.i);
  const kept: Expr[] = [];
  for (const { e } of ranked) {
    if (kept.every((k) => e.end <= k.start || e.start >= k.end)) kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** "Friday the 13th", "Friday, 3/13": one reading when the weekday and the date agree, both when they do not. */
function agree(w: Expr, d: Expr): Expr {
  const start = Math.min(w.start, d.start);
  const end = Math.max(w.end, d.end);
  const first = w.spans[0];
  if (d.past) return { start, end, kind: 'date', spans: [], past: true };
  if (first === undefined || d.spans.length === 0) return { start, end, kind: 'date', spans: [] };
  const wd = weekday(first.day);
  const agreeing = d.spans.filter((s) => weekday(s.day) === wd);
  if (agreeing.length > 0) return { start, end, kind: 'date', spans: agreeing.map((s) => ({ ...s, understood: `${weekdayFull(wd)}, ${s.understood}` })) };
  // They disagree: the named weekday nearest the date, or the date itself.
  const spans = d.spans.flatMap((s) => {
    const delta = ((wd - weekday(s.day) + 10) % 7) - 3;
    return [
      { ...s, day: s.day + delta, understood: `the ${weekdayFull(wd)} nearest ${s.understood}`, last: s.day + delta, before: s.day + delta - 1 },
      { ...s, understood: `${s.understood}, which is a ${weekdayFull(weekday(s.day))}` },
    ];
  });
  return { start, end, kind: 'date', spans };
}

/** Joins neighbours that name one day: a weekday and its date, an amount and the day it counts from. */
function combine(list: readonly Expr[], text: string): Expr[] {
  const out: Expr[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const f = list[i + 1];
    if (!e) continue;
    if (f) {
      const gap = text.slice(e.end, f.start);
      const dated = f.kind === 'weekday' || f.kind === 'day' || f.kind === 'date';
      if (e.amount && dated && !f.anaphor && (/^\s*(?:from|on|after)\s+(?:this\s+)?$/.test(gap) || (e.amount.weekOnly && /^\s*$/.test(gap) && f.kind !== 'date'))) {
        const add = e.amount.add;
        const words = e.amount.words;
        out.push({ start: e.start, end: f.end, kind: 'date', fixed: true, ...(f.past ? { past: true } : {}),
          spans: f.spans.map((s) => daySpan(add(s.day), `${words} after ${s.understood}`)) });
        i++;
        continue;
      }
      if (e.kind === 'weekday' && f.kind === 'date' && /^,?\s*(?:the\s+)?$/.test(gap)) {
        out.push(agree(e, f));
        i++;
        continue;
      }
      if (e.kind === 'date' && f.kind === 'weekday' && /^\s*[(,]\s*$/.test(gap)) {
        out.push(agree(f, e));
        i++;
        continue;
      }
    }
    out.push(e);
  }
  return out;
}

const AFTER = /(?:^|\s)(on\s+or\s+before|the\s+(?:monday|tuesday|wednesday|thursday|friday)\s+after|until\s+after|till\s+after|not\s+until\s+after|the\s+week\s+after|after|following|post|not\s+before|no\s+earlier\s+than|before|prior\s+to|ahead\s+of|the\s+week\s+of|week\s+of|the\s+week\s+commencing|week\s+commencing|the\s+week\s+beginning|week\s+beginning|the\s+week\s+starting|week\s+starting|w\/c|wc)\s+(?:the\s+)?$/;

/** "after X", "before X", "the week of X" said in front of a date phrase. */
function applyLead(e: Expr, ctx: Context): void {
  if (e.fixed || e.anaphor || e.spans.length === 0) return;
  const m = AFTER.exec(ctx.text.slice(Math.max(0, e.start - 40), e.start));
  if (!m) return;
  const lead = (m[1] ?? '').replace(/\s+/g, ' ');
  if (lead === 'not before' || lead === 'no earlier than' || lead === 'on or before') return;
  if (/^(before|prior to|ahead of)$/.test(lead) && negatedBefore(ctx.text, e.start)) return;
  const dayAfter = /^the (\w+) after$/.exec(lead);
  const wd = dayAfter ? WEEKDAYS[dayAfter[1] ?? ''] : undefined;
  if (wd !== undefined) {
    e.spans = e.spans.map((s) => daySpan(nextWeekday(s.last, wd), `the ${weekdayFull(wd)} after ${weekName(s.understood)}`));
  } else if (/^(before|prior to|ahead of)$/.test(lead)) {
    e.spans = e.spans.filter((s) => s.before >= ctx.base).map((s) => (s.before === s.day ? s : daySpan(s.before, `just before ${s.understood}`)));
  } else if (/week (of|commencing|beginning|starting)|^w\/?c$/.test(lead)) {
    e.spans = e.spans.map((s) => weekSpan(weekStart(s.day), null, `the week of ${s.understood}`));
  } else {
    e.spans = e.spans.map((s) => daySpan(endOfWeekAfter(s.last, ctx.calendar), `the end of the working week after ${weekName(s.understood)}`));
  }
}

/** "the Friday of next week" → "next week", for "after next week". */
function weekName(understood: string): string {
  return understood.replace(/^the (?:Tuesday|Wednesday|Friday) of /, '');
}

// What a clause is about. A decision: "decide", "hear back", "let you know"… Past: the interview
// itself ("thanks for coming in on Tuesday"). Process: steps that are not the decision (interviewing
// others, a next round, a start date, someone away).
const DECISION = /\b(?:decid\w*|decision|hear(?:ing)?|get back|come back to|revert|let you know|be in touch|get in touch|reach out|contact you|update you|an update|news|answer|feedback|outcome|results?|confirm\w*|offer|respond|response|reply|know|finali[sz]\w*|choose|select\w*|announce|notif\w*|inform\w*|verdict|sign[- ]off|call you|email you|back to you|touch base|determin\w*|conclu\w*|next steps|make a call|circle back)\b/;
const PAST = /\b(?:following\s+up\s+on|further\s+to|as\s+discussed|our\s+(?:conversation|chat|call|meeting)|thank(?:s|\s+you)|yesterday|earlier|met|meet(?:ing)?\s+(?:you|with\s+you)|to\s+meet|speaking\s+(?:with|to)\s+you|spoke|spoken|(?:came|coming)\s+in|enjoyed|was\s+(?:great|lovely|nice|good|a\s+pleasure|wonderful)|were\s+(?:great|impressed)|took\s+the\s+time|taking\s+the\s+time|visited|ago)\b/;
const PROCESS = /\b(?:interview(?:s|ing|ed)?|candidates|round|stage|shortlist\w*|start(?:s|ing)?|start date|join(?:ing)?\s+us|onboard\w*|induction|first day|out of (?:the )?office|ooo|on leave|on holiday|on vacation|annual leave|away|travel\w*|off sick|(?:i'm|i am|i'll be|she's|he's|she is|he is|they're|we're|we are|is|are) out|(?:is|are|'s|'re|gets?|comes?) back|back (?:in|at) (?:the\s+)?(?:office|work|my\s+desk)|back from|pto|returns?|returning|closed|assessments?|presentations?|references?|questions|available|reach me|call me)\b/;
// The decision waits for the step: "we'll decide once we've seen the others next week", "…before deciding".
const AFTER_STEP = /\b(?:once|after|when|following|until)\b|\bbefore\s+(?:deciding|we\s+decide|making|a\s+decision|we\s+make)\b/;
// "we'll know more after our offsite next week": a step named before the date, then the decision.
const STEP_FIRST = /\b(?:once|after|following)\s+(?:our|the|your|their|we|we've|we\s+have|i|i've|she|he|they|it)\b/;
// A second thought on the decision's date: "…, realistically mid-April".
const HEDGE = /\b(?:realistically|more\s+likely|more\s+realistically|probably|possibly|at\s+the\s+latest|worst\s+case|at\s+worst|failing\s+that|if\s+not|or\s+even|maybe\s+even|latest|let's\s+say|let\s+us\s+say|shall\s+we\s+say|call\s+it|ideally)\b/;
const BOUNDARY = /[.!?;:](?=\s|$)|[,()]|\s-\s|\s(?:and|but|so|while|whereas|although|though|however|because|otherwise|unless)\s/g;
const DIRECT = /(?:^|\s)(?:by|before|within|no\s+later\s+than|on\s+or\s+before|until|till|in|not\s+before)\s+(?:the\s+)?$/;

interface Weighed { readonly e: Expr; readonly tier: number }

/** Each phrase with the weight of its clause: 2 = about the decision, 1 = neutral, 0 = another step; dropped = the past. */
function weigh(list: readonly Expr[], ctx: Context): Weighed[] {
  const cuts: { start: number; end: number }[] = [];
  eachMatch(BOUNDARY, ctx.text, (m) => { cuts.push({ start: m.index, end: m.index + m[0].length }); });
  const out: Weighed[] = [];
  // Phrases come in text order: the clause's first cut only moves forward.
  let next = 0;
  for (const e of list) {
    while (next < cuts.length && (cuts[next]?.end ?? 0) <= e.start) next++;
    let from = 0;
    for (let i = next - 1; i >= 0; i--) {
      const c = cuts[i];
      if (c && c.end <= e.start) {
        from = c.end;
        break;
      }
    }
    let to = ctx.text.length;
    for (let i = next; i < cuts.length; i++) {
      const c = cuts[i];
      if (c && c.start >= e.end) {
        to = c.start;
        break;
      }
    }
    if (e.past) continue;
    const clause = ctx.text.slice(from, to);
    const decision = DECISION.test(clause) || HEDGE.test(clause);
    if (PAST.test(clause) && !decision) continue;
    const direct = DIRECT.test(ctx.text.slice(Math.max(0, e.start - 30), e.start));
    const stepFirst = decision && !direct && !e.fixed && e.kind !== 'anaphor' && STEP_FIRST.test(ctx.text.slice(from, e.start));
    if (!PROCESS.test(clause) && !stepFirst) {
      out.push({ e, tier: decision ? 2 : 1 });
    } else if (!decision) {
      out.push({ e, tier: 0 });
    } else if (e.fixed || e.kind === 'anaphor' || direct || !AFTER_STEP.test(clause)) {
      out.push({ e, tier: 2 });
    } else {
      // "we'll decide once we've seen the others next week": after that step.
      const spans = e.spans.map((s) => daySpan(endOfWeekAfter(s.last, ctx.calendar), `the end of the working week after ${weekName(s.understood)}`));
      out.push({ e: { ...e, spans }, tier: 2 });
    }
  }
  return out;
}

/** The choices, one per day, in date order. */
function distinct(spans: readonly Span[]): TimelineChoice[] {
  const byDay = new Map<Day, TimelineChoice>();
  for (const s of spans) if (!byDay.has(s.day)) byDay.set(s.day, { day: s.day, understood: s.understood });
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/** Phrases already cleaned up (normalize depends on the words alone), up to 256 characters each; the memo starts again when full. */
const NORMALIZED_SIZE = 4096;
const NORMALIZED_LENGTH = 256;
const normalized = new Map<string, string>();

/** `normalize(said)`, once per distinct phrase: a plan reads the same few phrases for many interviews. */
function normalizedOf(said: string): string {
  if (said.length > NORMALIZED_LENGTH) return normalize(said);
  let text = normalized.get(said);
  if (text === undefined) {
    text = normalize(said);
    if (normalized.size >= NORMALIZED_SIZE) normalized.clear();
    normalized.set(said, text);
  }
  return text;
}

/**
 * Resolves the employer's words to a decision date, counted from `interviewDay` in `calendar`'s
 * region (its numeric date order and holiday table). Never a date before the interview. Returns
 * `{ ok: false, choices: [] }` for empty, unreadable or overlong input (never throws), and two or
 * more `choices` when the words have several readings.
 */
export function readTimeline(said: string, interviewDay: Day, calendar: BusinessCalendar): TimelineReading {
  const unread: TimelineReading = { ok: false, said, choices: [] };
  if (typeof said !== 'string' || said.length > MAX_PHRASE * 2 || !Number.isInteger(interviewDay)) return unread;
  const text = normalizedOf(said);
  if (text === '' || text.length > MAX_PHRASE) return unread;
  const ctx: Context = { text, base: interviewDay, calendar, order: dateOrderOf(calendar.region) };

  const found = findExpressions(ctx);
  if (found === null) return unread;
  const kept = keepLongest(found);
  if (kept.length > MAX_EXPRESSIONS) return unread;
  const list = combine(kept, text);
  for (const e of list) applyLead(e, ctx);
  // "the week after", "by then": read against the latest day of the phrase before.
  let anchor: Span | null = null;
  for (const e of list) {
    if (e.anaphor) e.spans = e.anaphor(anchor);
    if (!e.past && e.spans.length > 0) anchor = e.spans.reduce((a, b) => (b.day > a.day ? b : a));
  }

  const weighed = weigh(list, ctx);
  const top = Math.max(0, ...weighed.map((w) => w.tier));
  if (top === 0) return unread;
  const chosen = weighed.filter((w) => w.tier === top).map((w) => w.e);
  // A day that does not exist ("by Feb 30") among the decision's words: shown back, never worked around.
  if (chosen.some((e) => e.spans.length === 0)) return unread;
  const singles = chosen.filter((e) => e.spans.length === 1).flatMap((e) => e.spans);
  const latest = singles.reduce<Span | null>((a, b) => (a === null || b.day > a.day ? b : a), null);
  const open = chosen.filter((e) => e.spans.length > 1).flatMap((e) => e.spans).filter((s) => latest === null || s.day > latest.day);
  const choices = distinct([...(latest && open.length > 0 ? [latest] : []), ...open]).filter((c) => c.day >= interviewDay);
  if (open.length === 0 && latest !== null) {
    return latest.day >= interviewDay ? { ok: true, day: latest.day, understood: latest.understood } : unread;
  }
  if (choices.length === 1 && choices[0]) return { ok: true, day: choices[0].day, understood: choices[0].understood };
  return choices.length >= 2 ? { ok: false, said, choices } : unread;
}
