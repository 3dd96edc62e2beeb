/**
 * The labelled corpus (test/fixtures/tone/): precision and recall of every rule, printed as a table.
 * A finding is right when a label of the same rule (and code, if the label gives one) overlaps it;
 * a label is found when such a finding exists. Fails below 0.9 for either, per rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import en from 'dictionary-en';
import au from 'dictionary-en-au';
import gb from 'dictionary-en-gb';
import { describe, expect, it } from 'vitest';
import { spellerFromDictionaries } from './dictionary-speller.js';
import { checkTone, TONE_RULES, type Finding, type ToneInput, type ToneKind, type ToneRule } from './index.js';

interface Label {
  readonly rule: ToneRule;
  readonly code?: string;
  /** The flagged words; the label's span is their `nth` occurrence (1-based, default 1) in the text. */
  readonly text?: string;
  readonly nth?: number;
}

interface Note {
  readonly id: string;
  readonly context?: string;
  readonly kind?: ToneKind;
  readonly speller?: boolean;
  readonly override?: Partial<ToneInput>;
  readonly text: string;
  readonly expect: readonly Label[];
}

const dir = new URL('../../../test/fixtures/tone/', import.meta.url);
const contexts = (JSON.parse(readFileSync(new URL('contexts.json', dir), 'utf8')) as { contexts: Record<string, Partial<ToneInput>> }).contexts;
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'contexts.json').sort();
const notes: Array<Note & { file: string }> = files.flatMap((file) =>
  (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { notes: Note[] }).notes.map((n) => ({ ...n, file })));
const speller = spellerFromDictionaries([en, gb, au]);

function inputOf(note: Note): ToneInput {
  const base = note.context === undefined ? {} : contexts[note.context];
  if (base === undefined) throw new Error(`${note.id}: unknown context ${note.context ?? ''}`);
  return { ...base, ...note.override, ...(note.kind ? { kind: note.kind } : {}), text: note.text };
}

function spanOf(note: Note, label: Label): { start: number; end: number } | undefined {
  if (label.text === undefined) return undefined;
  let at = -1;
  for (let k = 0; k < (label.nth ?? 1); k++) {
    at = note.text.indexOf(label.text, at + 1);
    if (at === -1) throw new Error(`${note.id}: label text ${JSON.stringify(label.text)} (#${label.nth ?? 1}) is not in the note`);
  }
  return { start: at, end: at + label.text.length };
}

function matches(note: Note, label: Label, f: Finding): boolean {
  if (f.rule !== label.rule || (label.code !== undefined && label.code !== f.code)) return false;
  const span = spanOf(note, label);
  return span === undefined || (f.start < span.end && span.start < f.end) || (f.start === f.end && span.start <= f.start && f.start <= span.end);
}

interface Tally { findings: number; right: number; labels: number; found: number }

const tally = new Map<ToneRule, Tally>(TONE_RULES.map((r) => [r, { findings: 0, right: 0, labels: 0, found: 0 }]));
const misses: string[] = [];
for (const note of notes) {
  const input = inputOf(note);
  const findings = checkTone(input, note.speller === false ? {} : { speller });
  for (const f of findings) {
    const t = tally.get(f.rule);
    if (t === undefined) continue;
    t.findings++;
    if (note.expect.some((l) => matches(note, l, f))) t.right++;
    else misses.push(`false positive ${note.file} ${note.id}: ${f.rule}/${f.code} ${JSON.stringify(note.text.slice(f.start, f.end).slice(0, 60))} (${f.message})`);
  }
  for (const l of note.expect) {
    const t = tally.get(l.rule);
    if (t === undefined) continue;
    t.labels++;
    if (findings.some((f) => matches(note, l, f))) t.found++;
    else misses.push(`missed ${note.file} ${note.id}: ${l.rule}${l.code ? `/${l.code}` : ''} ${l.text ? JSON.stringify(l.text) : ''}`);
  }
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
const rows = TONE_RULES.map((rule) => {
  const t = tally.get(rule) ?? { findings: 0, right: 0, labels: 0, found: 0 };
  return { rule, labels: t.labels, findings: t.findings, precision: ratio(t.right, t.findings), recall: ratio(t.found, t.labels) };
});
const table = [
  `tone corpus: ${notes.length} notes in ${files.length} files`,
  'rule  labels  findings  precision  recall',
  ...rows.map((r) => `${r.rule.padEnd(5)} ${String(r.labels).padStart(6)}  ${String(r.findings).padStart(8)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}`),
].join('\n');
console.log(`${table}\n${misses.length > 0 ? `\n${misses.join('\n')}` : ''}`);

describe('tone corpus (test/fixtures/tone)', () => {
  it('holds at least 80 notes, clean and faulty, with every rule labelled several times', () => {
    expect(notes.length).toBeGreaterThanOrEqual(80);
    expect(notes.filter((n) => n.expect.length === 0).length).toBeGreaterThanOrEqual(15);
    for (const r of rows) expect(r.labels, `labels for ${r.rule}`).toBeGreaterThanOrEqual(3);
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
  });

  it.each(rows)('$rule: precision and recall of at least 0.9', (row) => {
    const detail = misses.filter((m) => m.includes(`: ${row.rule}/`) || m.includes(`: ${row.rule} `));
    expect(row.precision, `precision of ${row.rule}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    expect(row.recall, `recall of ${row.rule}\n${detail.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});
