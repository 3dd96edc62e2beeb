/**
 * Rendering for red flags, offers, criteria and the side-by-side comparison: strings only, every
 * line at most `WIDTH` terminal columns (wide CJK and emoji count two), long values wrapped.
 */
import type {
  ApplicationHead, ComparedApplication, Comparison, CriteriaScore, FlagsView, OfferView, RatingsView,
} from '../../app/offers.js';
import type { Criterion, Offer } from '../../app/ports.js';
import {
  describeDraggedOn, describeManager, flagShort, summarizeRedFlags, type RedFlagReport, type ScoredFlag,
} from '../../core/rules/red-flags.js';
import { formatDay, weekdayName, type Day } from '../../core/time.js';

export const WIDTH = 100;

// ---------------------------------------------------------------- width and wrapping

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** East Asian wide and fullwidth blocks, and emoji shown as pictures: two columns in a terminal. */
function isWide(cluster: string): boolean {
  if (/\p{Emoji_Presentation}|\uFE0F/u.test(cluster)) return true;
  const cp = cluster.codePointAt(0) ?? 0;
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

function clusterWidth(cluster: string): number {
  if (/^[\p{Cf}\p{Mn}\p{Me}]+$/u.test(cluster)) return 0;
  return isWide(cluster) ? 2 : 1;
}

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const { segment } of graphemes.segment(text)) w += clusterWidth(segment);
  return w;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Breaks a word wider than `width` into pieces that fit, never inside a grapheme. */
function breakWord(word: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  let w = 0;
  for (const { segment } of graphemes.segment(word)) {
    const cw = clusterWidth(segment);
    if (w + cw > width && piece !== '') {
      out.push(piece);
      piece = '';
      w = 0;
    }
    piece += segment;
    w += cw;
  }
  if (piece !== '') out.push(piece);
  return out;
}

/** Wraps text at spaces into lines of at most `width` columns; line breaks in the text are kept. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\t/g, ' ').split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (displayWidth(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      const pieces = breakWord(word, width);
      line = pieces.pop() ?? '';
      out.push(...pieces);
    }
    out.push(line);
  }
  return out;
}

/** `text` wrapped to WIDTH with `first` before the first line and `indent` spaces before the rest. */
function block(first: string, text: string, indent: number): string[] {
  const lines = wrap(text, WIDTH - indent);
  return lines.map((l, i) => (i === 0 ? `${pad(first, indent)}${l}` : `${' '.repeat(indent)}${l}`).trimEnd());
}

const dayText = (day: Day): string => `${weekdayName(day)} ${formatDay(day)}`;
const appName = (a: ApplicationHead): string => `${a.company} \u2014 ${a.role} (${a.id})`;

// ---------------------------------------------------------------- red flags

function scoreText(f: ScoredFlag): string {
  if (f.source === 'unscored') return '\u2014';
  const base = `${f.score}/5${f.source === 'computed' ? ' (computed)' : ''}`;
  return f.weight !== 1 && f.points > 0 ? `${base} \u00d7${f.weight} = ${f.points}` : base;
}

/** The details under a flag: who scored it, R6's weight, R7's computation, the notes. */
export function flagDetails(f: ScoredFlag): string[] {
  const out: string[] = [];
  if (f.draggedOn) out.push(`${f.draggedOn.computed && f.source === 'you' ? 'your score overrides the computed one: ' : ''}${describeDraggedOn(f.draggedOn)}`);
  if (f.manager && f.source !== 'unscored') {
    const hint = f.manager.by === 'you' ? '' : f.manager.by === 'records' ? ' (say --not-manager if someone else was unprepared)' : ' (say --manager if they would be your manager)';
    out.push(`${describeManager(f.manager)}${hint}`);
  }
  if (f.notes !== undefined) out.push(`notes: ${f.notes}`);
  return out;
}

function flagLines(f: ScoredFlag): string[] {
  const out = block(`  ${f.flag}  ${pad(f.title, 24)}`, scoreText(f), 32);
  for (const d of flagDetails(f)) out.push(...block('', d, 8));
  return out;
}

/** After a change: the flag as it now stands and the summary. */
export function renderFlagSet(view: FlagsView, flag: ScoredFlag['flag'], cleared: boolean | undefined): string {
  const f = view.report.flags.find((x) => x.flag === flag);
  const head = cleared === undefined ? 'Saved' : cleared ? 'Cleared' : 'Nothing was kept for';
  const out = block('', `${head} ${flag} \u2014 ${appName(view.application)}`, 0);
  if (f) out.push(...flagLines(f));
  out.push(...block('', summarizeRedFlags(view.report), 0));
  return `${out.join('\n')}\n`;
}

export function renderFlags(view: FlagsView): string {
  const r = view.report;
  const out = block('', `Red flags \u2014 ${appName(view.application)}`, 0);
  out.push('');
  for (const f of r.flags) out.push(...flagLines(f));
  out.push('');
  out.push(...block('', summarizeRedFlags(r), 0));
  out.push(...block('', 'Score a flag: afterword flag APP R3 --score 3 --notes "\u2026" (0 = not seen, 5 = serious).', 0));
  return `${out.join('\n')}\n`;
}

function flagJson(f: ScoredFlag): Record<string, unknown> {
  return {
    flag: f.flag, title: f.title, score: f.score, weight: f.weight, points: f.points, source: f.source,
    ...(f.notes !== undefined ? { notes: f.notes } : {}),
    ...(f.manager ? { manager: { ...f.manager, why: describeManager(f.manager) } } : {}),
    ...(f.draggedOn
      ? {
        draggedOn: f.draggedOn.computed
          ? { ...f.draggedOn, appliedOn: formatDay(f.draggedOn.appliedOn), latestInterview: formatDay(f.draggedOn.latestInterview), why: describeDraggedOn(f.draggedOn) }
          : { ...f.draggedOn, why: describeDraggedOn(f.draggedOn) },
      }
      : {}),
  };
}

export function reportJson(r: RedFlagReport): Record<string, unknown> {
  return {
    total: r.total, max: r.max, level: r.level, top: r.top.map((f) => f.flag), summary: summarizeRedFlags(r), flags: r.flags.map(flagJson),
  };
}

export function flagsJson(view: FlagsView): Record<string, unknown> {
  return { application: view.application, ...reportJson(view.report) };
}

// ---------------------------------------------------------------- offers

export function offerJson(offer: Offer): Record<string, unknown> {
  return {
    receivedOn: offer.receivedOn !== undefined ? formatDay(offer.receivedOn) : null,
    respondBy: offer.respondBy !== undefined ? formatDay(offer.respondBy) : null,
    pay: offer.pay, benefits: offer.benefits, notes: offer.notes ?? null,
  };
}

export function renderOffer(view: OfferView): string {
  const o = view.offer;
  const out = block('', `Offer \u2014 ${appName(view.application)}`, 0);
  if (!o) {
    out.push(...block('  ', 'No offer recorded. Record one: afterword offer APP --pay "Base salary=\u20ac72,000" --benefit "Pension=5%" --respond-by 2026-03-27', 2));
    return `${out.join('\n')}\n`;
  }
  if (o.receivedOn !== undefined) out.push(...block('  Received    ', dayText(o.receivedOn), 14));
  out.push(...block('  Respond by  ', o.respondBy !== undefined ? dayText(o.respondBy) : 'no date given', 14));
  for (const [title, items] of [['Pay', o.pay], ['Benefits', o.benefits]] as const) {
    out.push(`  ${title}`);
    if (items.length === 0) out.push('    (none recorded)');
    for (const item of items) {
      const label = wrap(item.label, 24);
      const value = wrap(item.value, WIDTH - 30);
      for (let i = 0; i < Math.max(label.length, value.length); i++) out.push(`    ${pad(label[i] ?? '', 26)}${value[i] ?? ''}`.trimEnd());
    }
  }
  if (o.notes !== undefined) out.push(...block('  Notes       ', o.notes, 14));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- criteria

export function renderCriteria(criteria: readonly Criterion[]): string {
  if (criteria.length === 0) {
    return `${block('', 'No criteria yet. Add what matters to you, with a weight from 1 to 10: afterword criteria --set "Growth=3" --set "Commute=1"', 0).join('\n')}\n`;
  }
  const out = ['Your criteria (weight: how much each counts)'];
  for (const c of criteria) out.push(...block(`  \u00d7${String(c.weight).padEnd(3)}`, c.name, 7));
  out.push(...block('', 'Rate an application on them: afterword rate APP --criterion "Growth=4" (0 = bad, 5 = excellent).', 0));
  return `${out.join('\n')}\n`;
}

/** "Growth 3×4 = 12; Pay 2×5 = 10; 22 of 25 points (88%); not rated: Remote". */
export function criteriaWhy(score: CriteriaScore): string {
  if (score.lines.length === 0) return 'no criteria yet (afterword criteria --set "Growth=3")';
  const rated = score.lines.filter((l) => l.points !== undefined).map((l) => `${l.name} ${l.weight}\u00d7${l.rating ?? 0} = ${l.points ?? 0}`);
  const parts = [
    rated.length > 0 ? `${rated.join(' + ')}; ${score.points} of ${score.max} points (${score.percent ?? 0}%)` : 'nothing rated yet',
  ];
  if (score.unrated.length > 0) parts.push(`not rated (counted neither way): ${score.unrated.join(', ')}`);
  return parts.join('; ');
}

export function renderRatings(view: RatingsView): string {
  const out = block('', `Criteria \u2014 ${appName(view.application)}`, 0);
  for (const l of view.criteria.lines) out.push(...block(`  \u00d7${String(l.weight).padEnd(3)}${l.rating !== undefined ? `${l.rating}/5` : '\u2014  '}  `, l.name, 13));
  out.push(...block('  score  ', criteriaWhy(view.criteria), 9));
  return `${out.join('\n')}\n`;
}

export function ratingsJson(view: RatingsView): Record<string, unknown> {
  return { application: view.application, criteria: view.criteria, why: criteriaWhy(view.criteria) };
}

// ---------------------------------------------------------------- the comparison

const LABEL = 22;
const GAP = 2;
/** Applications per table: three keeps each column 24 columns wide in 100. */
const PER_TABLE = 3;

interface Row {
  readonly label: string;
  readonly cells: readonly string[];
}

function renderTable(rows: readonly Row[], columns: number): string[] {
  const colWidth = Math.floor((WIDTH - LABEL - GAP * columns) / columns);
  const out: string[] = [];
  for (const row of rows) {
    // Sub-rows keep their indent on every line of a wrapped label.
    const indent = /^ */.exec(row.label)?.[0] ?? '';
    const label = wrap(row.label.slice(indent.length), LABEL - indent.length).map((l) => indent + l);
    const cells = row.cells.map((c) => wrap(c, colWidth));
    const height = Math.max(label.length, ...cells.map((c) => c.length));
    for (let i = 0; i < height; i++) {
      const line = pad(label[i] ?? '', LABEL) + cells.map((c) => ' '.repeat(GAP) + pad(c[i] ?? '', colWidth)).join('');
      out.push(line.trimEnd());
    }
  }
  return out;
}

/** Labels in the order they first appear across the offers (first spelling wins; matched in any case). */
function labelsOf(list: readonly ComparedApplication[], pick: (o: Offer) => readonly { label: string }[]): string[] {
  const seen = new Map<string, string>();
  for (const c of list) for (const item of c.offer ? pick(c.offer) : []) if (!seen.has(item.label.toLowerCase())) seen.set(item.label.toLowerCase(), item.label);
  return [...seen.values()];
}

function valueOf(items: readonly { label: string; value: string }[], label: string): string {
  const found = items.filter((i) => i.label.toLowerCase() === label.toLowerCase()).map((i) => i.value);
  return found.length > 0 ? found.join('; ') : '\u2014';
}

function comparisonRows(cmp: Comparison, list: readonly ComparedApplication[]): Row[] {
  const cells = (f: (c: ComparedApplication) => string): string[] => list.map(f);
  const rows: Row[] = [
    { label: '', cells: cells((c) => `${c.application.company} (${c.application.id})`) },
    { label: 'Post', cells: cells((c) => c.application.role) },
    { label: 'Status', cells: cells((c) => c.application.status.replace('_', ' ')) },
    { label: 'Offer received', cells: cells((c) => (c.offer ? (c.offer.receivedOn !== undefined ? dayText(c.offer.receivedOn) : 'yes') : 'no offer recorded')) },
    { label: 'Respond by', cells: cells((c) => (c.offer?.respondBy !== undefined ? dayText(c.offer.respondBy) : '\u2014')) },
  ];
  for (const [title, pick] of [['Pay', (o: Offer) => o.pay], ['Benefits', (o: Offer) => o.benefits]] as const) {
    const labels = labelsOf(list, pick);
    rows.push({ label: title, cells: cells(() => (labels.length === 0 ? '\u2014' : '')) });
    for (const label of labels) rows.push({ label: `  ${label}`, cells: cells((c) => (c.offer ? valueOf(pick(c.offer), label) : '\u2014')) });
  }
  rows.push({ label: 'Red-flag points', cells: cells((c) => `${c.redFlags.total} of ${c.redFlags.max}, ${c.redFlags.level}`) });
  rows.push({ label: '  worst', cells: cells((c) => (c.redFlags.top.length > 0 ? c.redFlags.top.map(flagShort).join('; ') : '\u2014')) });
  if (cmp.criteria.length > 0) {
    rows.push({ label: 'Your criteria', cells: cells(() => '') });
    for (const [i, crit] of cmp.criteria.entries()) {
      rows.push({
        label: `  ${crit.name} \u00d7${crit.weight}`,
        cells: cells((c) => {
          const line = c.criteria.lines[i];
          return line?.rating !== undefined ? `${line.rating}/5 \u2192 ${line.points ?? 0}` : 'not rated';
        }),
      });
    }
    rows.push({ label: 'Criteria score', cells: cells((c) => (c.criteria.percent !== undefined ? `${c.criteria.points} of ${c.criteria.max} (${c.criteria.percent}%)` : 'nothing rated')) });
  }
  return rows;
}

/** "Globex (a2)" or "Acme Corp (a1) and Globex (a2)" for ties. */
function best(list: readonly ComparedApplication[], value: (c: ComparedApplication) => number | undefined, lowest: boolean): string | undefined {
  const scored = list.flatMap((c) => {
    const v = value(c);
    return v === undefined ? [] : [{ c, v }];
  });
  if (scored.length < 2) return undefined;
  const target = lowest ? Math.min(...scored.map((s) => s.v)) : Math.max(...scored.map((s) => s.v));
  const winners = scored.filter((s) => s.v === target).map((s) => `${s.c.application.company} (${s.c.application.id})`);
  return winners.length === scored.length ? undefined : winners.join(' and ');
}

export function renderComparison(cmp: Comparison): string {
  const out: string[] = [];
  const list = cmp.applications;
  for (let i = 0; i < list.length; i += PER_TABLE) {
    const chunk = list.slice(i, i + PER_TABLE);
    if (i > 0) out.push('');
    out.push(...renderTable(comparisonRows(cmp, chunk), chunk.length));
  }
  const fewest = best(list, (c) => c.redFlags.total, true);
  const top = best(list, (c) => c.criteria.percent, false);
  out.push('');
  out.push(...block('', `Red-flag points: lower is better (R6 may count double, R7 is computed from the dates).${cmp.criteria.length > 0 ? ' Criteria score: higher is better (rating \u00d7 weight, out of what the rated criteria could give).' : ''}`, 0));
  if (fewest !== undefined) out.push(...block('', `Fewest red-flag points: ${fewest}.`, 0));
  if (top !== undefined) out.push(...block('', `Highest criteria score: ${top}.`, 0));
  out.push('', 'Why');
  for (const c of list) {
    out.push(...block('  ', `${c.application.company} (${c.application.id})`, 2));
    out.push(...block('    red flags  ', summarizeRedFlags(c.redFlags), 15));
    for (const f of c.redFlags.flags) {
      if (f.flag === 'R6' && f.points > 0 && f.manager) out.push(...block('', `R6 ${describeManager(f.manager)}.`, 15));
      if (f.flag === 'R7' && f.draggedOn && (f.draggedOn.computed ? f.draggedOn.raised || f.source === 'you' : true)) {
        const how = !f.draggedOn.computed ? '' : f.source === 'you' ? `your score ${f.score}/5 overrides the computed one: ` : 'computed: ';
        out.push(...block('', `R7 ${how}${describeDraggedOn(f.draggedOn)}.`, 15));
      }
    }
    out.push(...block('    criteria   ', `${criteriaWhy(c.criteria)}.`, 15));
    if (c.offer?.notes !== undefined) out.push(...block('    offer      ', c.offer.notes, 15));
  }
  return `${out.join('\n')}\n`;
}

export function comparisonJson(cmp: Comparison): Record<string, unknown> {
  return {
    criteria: cmp.criteria,
    applications: cmp.applications.map((c) => ({
      application: c.application,
      offer: c.offer ? offerJson(c.offer) : null,
      redFlags: reportJson(c.redFlags),
      criteria: { ...c.criteria, why: criteriaWhy(c.criteria) },
    })),
  };
}
