import { describe, expect, it } from 'vitest';
import type { PersonDraftInput } from './types.js';
import { acmeScenario, firstApplication, inputFor } from './testing.js';
import { previewSentence } from './thank-you.js';

function withField(field: string, text: string): PersonDraftInput {
  const s = acmeScenario((doc) => {
    const iv = firstApplication(doc).interviews[0] ?? {};
    iv['debrief'] = field === 'details' ? { details: { p1: text } } : { [field]: text };
  });
  return inputFor(s, { kind: 'thank_you_email', personId: 'p1' }) as PersonDraftInput;
}

describe('the debrief form\'s preview: the sentence each field becomes', () => {
  it('a third-person detail is written to "you", without the reporting clause', () => {
    const p = previewSentence(withField('details', 'She mentioned the team is moving to a four-day week pilot'), 'details');
    expect(p.sentence).toContain('the team is moving to a four-day week pilot');
    expect(p.sentence).not.toMatch(/\bshe\b/i);
    expect(p.leftOut).toEqual([]);
  });

  it('a best moment becomes first person, the second point listed as left out', () => {
    const p = previewSentence(withField('bestMoments', 'Walked the panel through the checkout redesign case study; they asked for the research plan'), 'bestMoments');
    expect(p.sentence).toMatch(/walking the panel through the checkout redesign case study/i);
    expect(p.leftOut).toEqual([{ field: 'bestMoments', text: 'they asked for the research plan', reason: 'several_points' }]);
  });

  it('markup is never a sentence: it is left out, with the reason', () => {
    const p = previewSentence(withField('awkwardMoments', '<script>alert(1)</script>'), 'awkwardMoments');
    expect(p.sentence).toBeUndefined();
    expect(p.leftOut.map((l) => l.reason)).toEqual(['markup']);
  });
});
