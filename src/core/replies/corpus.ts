/**
 * The labelled reply corpus (test/fixtures/replies/) read and scored: per class precision and
 * recall, and every labelled date. Shared by the corpus test and bench/replies.bench.ts, which
 * pass in how to read a file of the corpus folder (nothing in the product imports it).
 */
import { formatDay, parseInstant, type TimeRules } from '../time.js';
import { REPLY_CLASSES, readReply, type ReplyClass, type ReplyContext, type ReplyReading } from './index.js';

export interface ReplyLabel {
  readonly file: string;
  readonly class: ReplyClass;
  readonly locale: string;
  readonly detail?: string;
  readonly decisionBy?: string | null;
  readonly choices?: readonly string[];
  readonly returnOn?: string | null;
  /** Words the evidence sentence must contain. */
  readonly evidence?: string;
}

interface LabelFile {
  readonly contexts: Readonly<Record<string, { region: string; timeZone: string; now: string }>>;
  readonly replies: readonly ReplyLabel[];
}

export interface CorpusEntry {
  readonly label: ReplyLabel;
  readonly text: string;
  readonly ctx: ReplyContext;
}

export const CORPUS_DIR = new URL('../../../test/fixtures/replies/', import.meta.url);

/** Every labelled reply with its text and the context it is read in; `read` gives a corpus file's text by name. */
export function loadReplyCorpus(time: TimeRules, read: (name: string) => string): CorpusEntry[] {
  const doc = JSON.parse(read('labels.json')) as LabelFile;
  return doc.replies.map((label) => {
    const c = doc.contexts[label.locale];
    if (!c) throw new Error(`${label.file}: unknown locale ${label.locale}`);
    const zone = time.zone(c.timeZone);
    const now = parseInstant(c.now, zone);
    if (now === null) throw new Error(`${label.locale}: bad now ${c.now}`);
    return { label, text: read(label.file), ctx: { receivedOn: zone.dayAt(now), calendar: time.calendar(c.region) } };
  });
}

export interface ClassScore {
  readonly class: ReplyClass;
  readonly labelled: number;
  readonly predicted: number;
  readonly right: number;
  readonly precision: number;
  readonly recall: number;
}

export interface CorpusScore {
  readonly classes: readonly ClassScore[];
  /** Each wrong class, date, detail or evidence, one line each. */
  readonly misses: readonly string[];
  readonly dates: { readonly labelled: number; readonly right: number };
}

const dayText = (day: number | null): string | null => (day === null ? null : formatDay(day));

/** What a reading got wrong against its label (empty: all right). */
export function mistakes(label: ReplyLabel, r: ReplyReading): string[] {
  const out: string[] = [];
  const where = label.file;
  if (r.class !== label.class) out.push(`${where}: class ${r.class}, labelled ${label.class} (evidence: ${JSON.stringify(r.evidence)})`);
  if (label.detail !== undefined && r.class === label.class && r.detail !== label.detail) out.push(`${where}: detail ${String(r.detail)}, labelled ${label.detail}`);
  if (label.decisionBy !== undefined) {
    const got = r.decision.kind === 'date' ? formatDay(r.decision.day) : null;
    if (got !== label.decisionBy) out.push(`${where}: decisionBy ${String(got)}, labelled ${String(label.decisionBy)} (${r.decision.kind}${'said' in r.decision ? `: "${r.decision.said}"` : ''})`);
  }
  if (label.choices !== undefined) {
    const got = r.decision.kind === 'choices' ? r.decision.choices.map((c) => formatDay(c.day)) : [];
    if (got.join(',') !== label.choices.join(',')) out.push(`${where}: choices ${got.join(',') || 'none'}, labelled ${label.choices.join(',')}`);
  }
  if (label.returnOn !== undefined && dayText(r.returnOn) !== label.returnOn) out.push(`${where}: returnOn ${String(dayText(r.returnOn))}, labelled ${String(label.returnOn)}`);
  if (label.evidence !== undefined && !r.evidence.includes(label.evidence)) out.push(`${where}: evidence ${JSON.stringify(r.evidence)} lacks ${JSON.stringify(label.evidence)}`);
  return out;
}

/** Reads every entry and scores the readings against the labels. */
export function scoreCorpus(entries: readonly CorpusEntry[]): CorpusScore {
  const misses: string[] = [];
  const readings = entries.map((e) => readReply(e.text, e.ctx));
  let datesLabelled = 0;
  let datesRight = 0;
  entries.forEach((e, i) => {
    const r = readings[i];
    if (!r) return;
    const wrong = mistakes(e.label, r);
    misses.push(...wrong);
    for (const key of ['decisionBy', 'returnOn', 'choices'] as const) {
      if (e.label[key] === undefined) continue;
      datesLabelled++;
      if (!wrong.some((w) => w.includes(`: ${key} `))) datesRight++;
    }
  });
  const classes = REPLY_CLASSES.map((c): ClassScore => {
    const labelled = entries.filter((e) => e.label.class === c).length;
    const predicted = readings.filter((r) => r.class === c).length;
    const right = entries.filter((e, i) => e.label.class === c && readings[i]?.class === c).length;
    return { class: c, labelled, predicted, right, precision: predicted === 0 ? 1 : right / predicted, recall: labelled === 0 ? 1 : right / labelled };
  });
  return { classes, misses, dates: { labelled: datesLabelled, right: datesRight } };
}

/** The score as a table, one row per class. */
export function renderScore(score: CorpusScore, size: number): string {
  return [
    `reply corpus: ${size} replies; labelled dates right: ${score.dates.right}/${score.dates.labelled}`,
    'class                 labelled  predicted  precision  recall',
    ...score.classes.map((c) => `${c.class.padEnd(21)} ${String(c.labelled).padStart(8)}  ${String(c.predicted).padStart(9)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}`),
  ].join('\n');
}
