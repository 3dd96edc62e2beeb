import en from 'dictionary-en';
import gb from 'dictionary-en-gb';
import { describe, expect, it } from 'vitest';
import { spellerFromDictionaries } from '../tone/dictionary-speller.js';
import { checkTone } from '../tone/index.js';
import { generateDraft } from './generate.js';
import { acmeScenario, firstApplication, inputFor } from './testing.js';
import { toneInputOf } from './tone-input.js';
import { DRAFT_KINDS, type DraftKind } from './types.js';

const speller = spellerFromDictionaries([en, gb]);

/** Acme with a second application in the pipeline, so L8 has another company to watch for. */
const acme = acmeScenario((doc) => {
  (doc['applications'] as unknown[]).push({ id: 'a2', company: 'Globex', role: 'Analyst', people: [], interviews: [] });
});

describe('the drafts of the Acme fixture are clean under the tone check', () => {
  const cases: [DraftKind, string][] = DRAFT_KINDS.flatMap((kind): [DraftKind, string][] => (kind === 'reference_brief' ? [[kind, 'p1']] : ['p1', 'p2', 'p3'].map((p): [DraftKind, string] => [kind, p])));

  it.each(cases)('%s to %s: no findings but the reported missing detail', (kind, personId) => {
    const input = inputFor(acme, { kind, personId, referenceId: 'r1', note: 'a certificate in data modelling' });
    const d = generateDraft(input);
    const findings = checkTone(toneInputOf(acme, input, d), { speller });
    // Without a detail of the person's own, L10 may warn (unless a debrief item gives the note a specific point).
    const mayWarn = d.gaps.some((g) => g.field === 'person.detail') && kind.startsWith('thank_you') && kind !== 'thank_you_panel';
    const unexpected = findings.filter((f) => !(mayWarn && f.rule === 'L10' && f.code === 'no_detail' && f.severity === 'warning'));
    expect(unexpected.map((f) => ({ rule: f.rule, code: f.code, severity: f.severity })), d.body).toEqual([]);
  });

  it('a panel note to a lead with no detail of their own still carries the others\' details', () => {
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['panel'] = true;
      iv['panelLeadId'] = 'p3';
    });
    const input = inputFor(s, { kind: 'thank_you', personId: 'p3' });
    const d = generateDraft(input);
    expect(d.kind).toBe('thank_you_panel');
    expect(checkTone(toneInputOf(s, input, d), { speller })).toEqual([]);
  });

  it('the check sees a tampered draft: an uninvited first name is an error', () => {
    const input = inputFor(acme, { kind: 'thank_you_email', personId: 'p1' });
    const d = generateDraft(input);
    const tampered = { ...d, body: d.body.replace('Dear Dr. Okafor,', 'Hey Grace,') };
    const rules = checkTone(toneInputOf(acme, input, tampered), { speller }).filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(rules).toContain('L5');
  });
});
