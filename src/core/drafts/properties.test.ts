import en from 'dictionary-en';
import gb from 'dictionary-en-gb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model.js';
import { scenarioOf, time } from '../testing.js';
import { spellerFromDictionaries } from '../tone/dictionary-speller.js';
import { checkNoteSet, checkTone, noteSimilarity } from '../tone/index.js';
import { scenarioDocArb } from './arbitraries.js';
import { CALL_SCRIPT_WORDS, VOICEMAIL_WORDS } from './calls.js';
import { thankYouInputs } from './context.js';
import { generateDraft } from './generate.js';
import { inputFor } from './testing.js';
import { toneInputOf } from './tone-input.js';
import { DRAFT_KINDS, type DraftKind } from './types.js';
import { addressName, countWords, englishOf } from './words.js';

const speller = spellerFromDictionaries([en, gb]);
const scenarioArb = scenarioDocArb.map((doc) => scenarioOf(doc));

const LIMITS: Partial<Record<DraftKind, number>> = {
  thank_you_email: 200, thank_you_letter: 200, thank_you_panel: 200, status_check: 150,
  voicemail: VOICEMAIL_WORDS, call_script: CALL_SCRIPT_WORDS,
};

function people(s: Scenario): string[] {
  return s.applications[0]?.people.map((p) => p.id) ?? [];
}

describe('drafts for generated records (non-ASCII names, long titles, missing details)', () => {
  it('every kind renders for every person within its length, names the company and post, greets by W1', () => {
    fc.assert(fc.property(scenarioArb, fc.constantFrom(...DRAFT_KINDS), (s, kind) => {
      const app = s.applications[0];
      for (const personId of kind === 'reference_brief' ? ['p1'] : people(s)) {
        const d = generateDraft(inputFor(s, { kind, personId, referenceId: 'r1' }));
        const limit = LIMITS[kind];
        if (limit !== undefined) expect(countWords(d.body)).toBeLessThanOrEqual(limit);
        const company = app?.company ?? '?';
        // X2 asks a voicemail for who, the post, the date and the number: the company goes last, and only when " at <company>" would not fit.
        if (kind !== 'voicemail' || countWords(`${d.body} at ${company}`) <= VOICEMAIL_WORDS) expect(d.body).toContain(company);
        expect(d.body).toContain(app?.role ?? '?');
        expect(d.body).not.toMatch(/undefined|null|\$\{|\s[,.;]|\.\./);
        const person = app?.people.find((p) => p.id === personId);
        if (kind !== 'reference_brief' && kind !== 'voicemail' && person) expect(d.body).toContain(addressName(person, englishOf(s.settings.region)));
      }
    }), { numRuns: 150 });
  });

  it('passes the tone check (L1–L12, with the dictionary) with no error findings', () => {
    fc.assert(fc.property(scenarioArb, fc.constantFrom(...DRAFT_KINDS), (s, kind) => {
      for (const personId of kind === 'reference_brief' ? ['p1'] : people(s)) {
        const input = inputFor(s, { kind, personId, referenceId: 'r1' });
        const d = generateDraft(input);
        const errors = checkTone(toneInputOf(s, input, d), { speller }).filter((f) => f.severity === 'error');
        expect(errors, d.body).toEqual([]);
      }
    }), { numRuns: 120 });
  });

  it('the thank-you notes of one interview pass L7, far under its 60 %', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const notes = thankYouInputs(s, 'a1', 'i1', time).map((input) => generateDraft(input).body);
      expect(checkNoteSet(notes).flat()).toEqual([]);
      for (let i = 0; i < notes.length; i++) {
        for (let j = i + 1; j < notes.length; j++) expect(noteSimilarity(notes[i] ?? '', notes[j] ?? '')).toBeLessThan(0.3);
      }
    }), { numRuns: 300 });
  });

  it('individual notes to every person of an application pass L7 too, siblings given to checkTone', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const inputs = people(s).map((personId) => inputFor(s, { kind: 'thank_you_email', personId }));
      const drafts = inputs.map(generateDraft);
      drafts.forEach((d, i) => {
        const input = inputs[i];
        if (input === undefined) return;
        const siblings = drafts.filter((_, j) => j !== i).map((x) => x.body);
        expect(checkTone(toneInputOf(s, input, d, siblings)).filter((f) => f.rule === 'L7')).toEqual([]);
      });
    }), { numRuns: 150 });
  });

  it('status checks to different people of one application differ too', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const notes = people(s).map((personId) => generateDraft(inputFor(s, { kind: 'status_check', personId })).body);
      for (let i = 0; i < notes.length; i++) for (let j = i + 1; j < notes.length; j++) expect(notes[i]).not.toBe(notes[j]);
    }), { numRuns: 100 });
  });
});
