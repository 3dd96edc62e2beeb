/**
 * The debrief corpus (test/fixtures/debriefs/) run through the drafts: every input as people type
 * it, in every slot it can fill, in every kind of draft. Properties: no tone finding (L1–L13), no
 * input pasted with its own capital or subject mid-sentence, the addressee is "you" in their own
 * note, every key noun of a detail is in the note or listed as left out, two notes never alike.
 */
import { readFileSync } from 'node:fs';
import en from 'dictionary-en';
import gb from 'dictionary-en-gb';
import { describe, expect, it } from 'vitest';
import type { Application, Debrief, Interview, Scenario } from '../model.js';
import { spellerFromDictionaries } from '../tone/dictionary-speller.js';
import { checkTone, type Finding } from '../tone/index.js';
import { generateDraft } from './generate.js';
import { acmeScenario, inputFor } from './testing.js';
import { toneInputOf } from './tone-input.js';
import { DRAFT_KINDS, type Draft, type DraftInput } from './types.js';
import { US_WORDS } from './words.js';

const speller = spellerFromDictionaries([en, gb]);

interface Entry {
  readonly text?: string;
  readonly repeat?: string;
  readonly times?: number;
  readonly shape: string;
  readonly pronoun?: string;
  readonly keyNouns?: readonly string[];
  readonly typos?: readonly string[];
  readonly note?: string;
}

function corpus(file: string): { text: string; entry: Entry }[] {
  const entries = JSON.parse(readFileSync(new URL(`../../../test/fixtures/debriefs/${file}`, import.meta.url), 'utf8')) as Entry[];
  return entries.map((entry) => ({ entry, text: entry.text ?? (entry.repeat ?? '').repeat(entry.times ?? 1) }));
}

const details = corpus('details.json');
const best = corpus('best-moments.json');
const awkward = corpus('awkward-moments.json');
const unfinished = corpus('unfinished-answers.json');
const hostile = corpus('hostile.json');

/** Acme (US profile) with a second application in the pipeline, and the interview's debrief replaced. */
const base = acmeScenario((doc) => {
  (doc['applications'] as unknown[]).push({ id: 'a2', company: 'Globex', role: 'Analyst', people: [], interviews: [] });
});

function withDebrief(debrief: Debrief, opts: { panel?: boolean; region?: string } = {}): Scenario {
  const app = base.applications[0] as Application;
  const iv = app.interviews[0] as Interview;
  const interview: Interview = { ...iv, debrief, ...(opts.panel ? { panel: true, panelLeadId: 'p1' } : {}) };
  return {
    ...base,
    settings: { ...base.settings, ...(opts.region !== undefined ? { region: opts.region } : {}) },
    applications: [{ ...app, interviews: [interview] }, ...base.applications.slice(1)],
  };
}

function check(s: Scenario, input: DraftInput, d: Draft, siblings?: readonly string[]): Finding[] {
  return checkTone(toneInputOf(s, input, d, siblings), { speller });
}

const describeFindings = (d: Draft, findings: readonly Finding[]): string =>
  `${findings.map((f) => `${f.rule} ${f.code} "${d.body.slice(f.start, f.end)}"`).join('; ')}\n---\n${d.body}`;

/** Every finding but L10's warning that a thank-you has no specific detail (for notes whose detail was left out). */
function problems(d: Draft, findings: readonly Finding[]): Finding[] {
  const noDetail = d.leftOut.length > 0 || d.gaps.some((g) => g.field === 'person.detail');
  return findings.filter((f) => !(f.rule === 'L10' && f.code === 'no_detail' && f.severity === 'warning' && noDetail));
}

/** The kinds besides the thank-you email whose text carries the person's detail. */
const DETAIL_KINDS = ['thank_you_letter', 'reply_rejection', 'reply_filled', 'update_news', 'update_solution', 'call_script'] as const;

const OTHER_PERSON_ON = /\byour (?:daughter|son|kids?|children|wife|husband|partner|mum|mom|mother|dad|father|sister|brother|boss|manager|colleague|mentor|friend)s?\b[^.]*/gi;
const THIRD_PERSON = /\b(?:he|she|him|his|her|hers|himself|herself)\b/i;
// A US note spells the user's "organisation" as "organization" and "programme" as "program": the noun is carried either way.
const US_BACK = new Map(Object.entries(US_WORDS).map(([gb, us]) => [us, gb]));
const norm = (s: string): string => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"').replace(/([iy])z(e|es|ed|ing|ation|ations)\b/g, '$1s$2')
  .replace(/[a-z]+/g, (w) => US_BACK.get(w) ?? w);

describe('details from the corpus', () => {
  it.each(details.map((d, i) => [i, d.text, d.entry] as const))('detail %i: %s', (_i, text, entry) => {
    for (const personId of ['p1', 'p2']) {
      const s = withDebrief({ details: { [personId]: text } });
      const input = inputFor(s, { kind: 'thank_you_email', personId, speller });
      const d = generateDraft(input);
      expect(problems(d, check(s, input, d)), describeFindings(d, check(s, input, d))).toEqual([]);
      // The addressee is "you" in their own note: no he/she/his/her is left of the detail.
      const carried = d.leftOut.some((l) => l.field === 'details' && l.personId === personId);
      // ("your daughter is doing her degree": after another person, "her" is theirs and stays.)
      if (!carried) expect(d.body.replace(OTHER_PERSON_ON, ''), d.body).not.toMatch(THIRD_PERSON);
      // A shouted input is calmed: no word of it stays in capitals ("NEXT YEAR" → "next year").
      if (entry.note === 'ALL CAPS' && !carried) expect(d.body.match(/\b(?!I\b)[A-Z]{2,}\b/g) ?? [], d.body).toEqual([]);
      // A typo in a key noun is corrected in the note ("analitics team" → "analytics team").
      for (const noun of (entry.keyNouns ?? []).filter((n) => !(entry.typos ?? []).some((t) => n.toLowerCase().includes(t.toLowerCase())))) {
        if (!carried) expect(norm(d.body), `${noun}\n${d.body}`).toContain(norm(noun));
      }
      // Every other kind that carries the detail, for the first person (the hostile inputs below go
      // through every kind there is).
      for (const kind of personId === 'p1' ? DETAIL_KINDS : ['reply_rejection', 'call_script'] as const) {
        const other = inputFor(s, { kind, personId, referenceId: 'r1', speller });
        const od = generateDraft(other);
        expect(problems(od, check(s, other, od)), describeFindings(od, check(s, other, od))).toEqual([]);
      }
    }
    // In the panel lead's note, another panelist's detail is theirs by name, and a clean sentence.
    const panel = withDebrief({ details: { p2: text } }, { panel: true });
    const lead = inputFor(panel, { kind: 'thank_you', personId: 'p1', speller });
    const ld = generateDraft(lead);
    expect(ld.kind).toBe('thank_you_panel');
    expect(problems(ld, check(panel, lead, ld)), describeFindings(ld, check(panel, lead, ld))).toEqual([]);
    const listed = ld.leftOut.some((l) => l.field === 'details' && l.personId === 'p2');
    if (!listed) expect(ld.body).toContain('Mr. Ruiz');
  });
});

describe('moments from the corpus', () => {
  const moments = [
    ...best.map((m) => ['bestMoments', m] as const),
    ...awkward.map((m) => ['awkwardMoments', m] as const),
    ...unfinished.map((m) => ['unfinishedAnswers', m] as const),
  ];
  it.each(moments.map(([field, m], i) => [i, field, m.text, /meaning nothing|nothing unfinished/.test(m.entry.note ?? '')] as const))('moment %i (%s): %s', (_i, field, text, nothing) => {
    for (const panel of [false, true]) {
      const s = withDebrief({ [field]: text, details: { p1: 'the plan to move reporting to a single warehouse' } }, { panel });
      const input = inputFor(s, { kind: 'thank_you', personId: 'p1', speller });
      const d = generateDraft(input);
      expect(problems(d, check(s, input, d)), describeFindings(d, check(s, input, d))).toEqual([]);
      // The moment is in the note, or listed beside it.
      const words = text.toLowerCase().match(/[a-z]{5,}/g) ?? [];
      const used = words.length === 0 || words.some((w) => d.body.toLowerCase().includes(w));
      const listed = d.leftOut.some((l) => l.field === field);
      if (!panel) continue;
      // "N/A" says there is nothing: neither a sentence nor a left-out line.
      if (nothing) expect([listed, d.body.includes('N/A')], d.body).toEqual([false, false]);
      else expect(used || listed, `${text}\n---\n${d.body}`).toBe(true);
    }
  });
});

describe('hostile input in every field and every kind', () => {
  it.each(hostile.map((h, i) => [i, h.text.slice(0, 60)] as const))('hostile %i: %s', (i) => {
    const text = hostile[i]?.text ?? '';
    const s = withDebrief({ bestMoments: text, awkwardMoments: text, unfinishedAnswers: text, details: { p1: text, p2: text } });
    for (const kind of DRAFT_KINDS) {
      const input = inputFor(s, { kind, personId: 'p1', referenceId: 'r1', speller });
      const d = generateDraft(input);
      expect(problems(d, check(s, input, d)), describeFindings(d, check(s, input, d))).toEqual([]);
    }
  });
});

describe('two people\'s notes never trip L7', () => {
  it.each(details.filter((_, i) => i % 5 === 0).map((d, i) => [i, d.text] as const))('%i: %s', (_i, text) => {
    const s = withDebrief({ details: { p1: text, p2: text }, bestMoments: best[0]?.text ?? '' });
    const a = inputFor(s, { kind: 'thank_you_email', personId: 'p1', speller });
    const b = inputFor(s, { kind: 'thank_you_email', personId: 'p2', speller });
    const da = generateDraft(a);
    const db = generateDraft(b);
    expect(check(s, a, da, [db.body]).filter((f) => f.rule === 'L7')).toEqual([]);
  });
});

describe('British and US profiles', () => {
  it('a British profile gets British dates and "post"; a US one US dates and "position"', () => {
    const uk = withDebrief({ details: { p1: 'her team\'s move to Snowflake' } }, { region: 'GB-ENG' });
    const us = withDebrief({ details: { p1: 'her team\'s move to Snowflake' } }, { region: 'US' });
    const ukStatus = generateDraft(inputFor(uk, { kind: 'status_check', personId: 'p1' }));
    const usStatus = generateDraft(inputFor(us, { kind: 'status_check', personId: 'p1' }));
    expect(ukStatus.body).toContain('Tuesday, 3 March'); // Tue 2026-03-03
    expect(ukStatus.body).toContain('Data Analyst post');
    expect(usStatus.body).toContain('Tuesday, March 3'); // Tue 2026-03-03
    expect(usStatus.body).toContain('Data Analyst position');
  });

  it('the user\'s own -ise spellings are US in a US note and stay as typed in a British one', () => {
    const debrief = { unfinishedAnswers: 'how I would prioritise the dashboard backlog', details: { p1: 'her plan to reorganise the analysts around products' } };
    const uk = withDebrief(debrief, { region: 'GB-ENG' });
    const us = withDebrief(debrief, { region: 'US' });
    const usNote = generateDraft(inputFor(us, { kind: 'thank_you', personId: 'p1', speller })).body;
    const ukNote = generateDraft(inputFor(uk, { kind: 'thank_you', personId: 'p1', speller })).body;
    expect(usNote).toContain('prioritize the dashboard backlog');
    expect(usNote).toContain('reorganize the analysts');
    expect(usNote).not.toMatch(/prioritise|reorganise/);
    expect(ukNote).toContain('prioritise the dashboard backlog');
    expect(ukNote).toContain('reorganise the analysts');
  });
});
