/**
 * L13 grammar seams: per pattern, what is flagged (span and fix), what correct writing is left
 * alone, no second report of what L12 already says, Afterword's own drafts and the clean corpus
 * staying clean, and linear work on long and hostile input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import en from 'dictionary-en';
import gb from 'dictionary-en-gb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioDocArb } from '../drafts/arbitraries.js';
import { generateDraft } from '../drafts/generate.js';
import { acmeScenario, inputFor } from '../drafts/testing.js';
import { toneInputOf } from '../drafts/tone-input.js';
import { DRAFT_KINDS } from '../drafts/types.js';
import type { Scenario } from '../model.js';
import { scenarioOf } from '../testing.js';
import { spellerFromDictionaries } from './dictionary-speller.js';
import { checkTone, checkToneData, renderFinding, type FindingData, type ToneInput } from './index.js';

type L13 = Extract<FindingData, { rule: 'L13' }>;

function l13(text: string, ctx: Omit<ToneInput, 'text'> = {}): L13[] {
  return checkToneData({ ...ctx, text }).filter((f): f is L13 => f.rule === 'L13');
}

/** [text, code, the flagged text (its first occurrence), the fix or null when none is certain] */
type Row = readonly [string, L13['code'], string, string | null];

const FLAGGED: Record<string, readonly Row[]> = {
  '1. a capital mid-sentence after a function word': [
    ['Thank you for the tour of The lab.', 'stray_capital', 'The', 'the'],
    ['I enjoyed hearing about Our plans for Europe.', 'stray_capital', 'Our', 'our'],
    ['I was glad that She mentioned the budget.', 'stray_capital', 'She', 'she'],
    ['Dr. Okafor and The team were kind.', 'stray_capital', 'The', 'the'],
    ['Thanks for Explaining the model to me.', 'stray_capital', 'Explaining', 'explaining'],
    ['I presented and Walked the panel through it.', 'stray_capital', 'Walked', 'walked'],
    ['Thanks for A great afternoon.', 'stray_capital', 'A', 'a'],
    ['We talked about My move into analytics.', 'stray_capital', 'My', 'my'],
    ['I liked the part about This quarter.', 'stray_capital', 'This', 'this'],
    ['It helped that They shared the data.', 'stray_capital', 'They', 'they'],
  ],
  '2. a clause pasted where a noun phrase belongs': [
    ['Thank you for asking about She mentioned the roadmap.', 'pasted_clause', 'She mentioned', null],
    ['I would send my comments on I blanked on that question.', 'pasted_clause', 'I blanked', null],
    ['Thank you for Walked the panel through my model.', 'pasted_clause', 'Walked', null],
    ['Hearing about She was the best part.', 'pasted_clause', 'She was', null],
    ['I enjoyed the story about she said yes.', 'pasted_clause', 'she said', null],
    ['It was one of they asked the best questions.', 'pasted_clause', 'they asked', null],
    ['Thanks for the time about we discussed pricing.', 'pasted_clause', 'we discussed', null],
    ['Thanks for I walked you through the model.', 'pasted_clause', 'I walked', null],
    ['A note about I\u2019m keen to hear back.', 'pasted_clause', 'I\u2019m', null],
    ['You mentioned She mentioned the plan.', 'pasted_clause', 'She mentioned', null],
    ['I explained Stumbled through the model.', 'pasted_clause', 'Stumbled', null],
    ['Thank you for Led the migration at my last job.', 'pasted_clause', 'Led', null],
  ],
  '3. a doubled one-letter word (L12 reports longer ones)': [
    ['Thank you for a a great conversation.', 'doubled_word', 'a a', 'a'],
    ['I I enjoyed the talk.', 'doubled_word', 'I I', 'I'],
    ['Thanks for a\na thoughtful talk.', 'doubled_word', 'a\na', 'a'],
  ],
  '4. doubled stops and stray spaces before punctuation': [
    ['We met at Acme Inc.. The team was kind.', 'doubled_punctuation', '..', '.'],
    ['I applied to Globex Corp.. It went well.', 'doubled_punctuation', '..', '.'],
    ['It is based in the U.S.. Thank you.', 'doubled_punctuation', '..', '.'],
    ['I enjoyed the plan.. Thank you.', 'doubled_punctuation', '..', '.'],
    ['It was a great chat,. Thank you.', 'doubled_punctuation', ',.', '.'],
    ['I liked the plan., and the team.', 'doubled_punctuation', '.,', ','],
    ['I liked the plan;. Thank you.', 'doubled_punctuation', ';.', '.'],
    ['Any news?. Thank you.', 'doubled_punctuation', '?.', '?'],
    ['Thank you,, Dr. Okafor.', 'doubled_punctuation', ',,', ','],
    ['I enjoyed the plan . Thank you.', 'space_before_punctuation', ' .', '.'],
    ['Thank you , Dr. Okafor.', 'space_before_punctuation', ' ,', ','],
    ['Thanks ,see you then.', 'space_before_punctuation', ' ,', ', '],
    ['I liked the plan ; it was clear.', 'space_before_punctuation', ' ;', ';'],
    ['I liked the plan ,. Thank you.', 'space_before_punctuation', ' ,.', '.'],
    ['It went well (mostly) .', 'space_before_punctuation', ' .', '.'],
  ],
  '5. your/you\u2019re, their/they\u2019re/there, its/it\u2019s': [
    ['Your welcome!', 'confused_word', 'Your', 'You\'re'],
    ['Thanks again. your welcome.', 'confused_word', 'your', 'You\'re'],
    ['Thank you for you\'re time.', 'confused_word', 'you\'re', 'your'],
    ['I admire they\'re team and its work.', 'confused_word', 'they\'re', 'their'],
    ['Each group has it\u2019s own budget.', 'confused_word', 'it\u2019s', 'its'],
    ['The company and it\'s mission is clear.', 'confused_word', 'it\'s', 'its'],
    ['I hope its not too late.', 'confused_word', 'its', 'it\'s'],
    ['I think its going to work.', 'confused_word', 'its', 'it\'s'],
    ['Every team has there own tools.', 'confused_word', 'there', 'their'],
  ],
  '6. a sentence that starts in lower case': [
    ['thanks for today.', 'lowercase_start', 'thanks', 'Thanks'],
    ['Thank you for today. the team was kind.', 'lowercase_start', 'the', 'The'],
    ['Any news? please let me know.', 'lowercase_start', 'please', 'Please'],
    ['It was great! the demo stayed with me.', 'lowercase_start', 'the', 'The'],
    ['Dear Dr. Okafor,\nthank you for your time.', 'lowercase_start', 'thank', 'Thank'],
    ['Dear Dr. Okafor,\n\nthank you for your time.', 'lowercase_start', 'thank', 'Thank'],
    ['Thank you.\n\nmy notes are attached.', 'lowercase_start', 'my', 'My'],
    ['Thank you for your time.\nthe notes follow.', 'lowercase_start', 'the', 'The'],
    ['We shipped v1.2. the next one is due.', 'lowercase_start', 'the', 'The'],
    ['She said "yes." the rest followed.', 'lowercase_start', 'the', 'The'],
  ],
  '7. quotes and brackets left open or closed twice': [
    ['Your example (the pricing test stayed with me.', 'unbalanced', '(', null],
    ['Your example the pricing test) stayed with me.', 'unbalanced', ')', null],
    ['You said "clean by default and I agree.', 'unbalanced', '"', null],
    ['You said \u201Cclean by default and I agree.', 'unbalanced', '\u201C', null],
    ['You said clean by default\u201D and I agree.', 'unbalanced', '\u201D', null],
    ['The draft [v2 is attached.', 'unbalanced', '[', null],
    ['(One aside) and (another.\n\nA new paragraph (closed).', 'unbalanced', '(', null],
  ],
};

describe('L13 flags each seam with its span and, where certain, the fix', () => {
  for (const [pattern, rows] of Object.entries(FLAGGED)) {
    describe(pattern, () => {
      it.each(rows.map((r) => [r[0], r] as const))('%j', (_, [text, code, excerpt, instead]) => {
        const start = code === 'unbalanced' && excerpt === '(' && text.startsWith('(One') ? text.lastIndexOf('(another') : text.indexOf(excerpt);
        expect(start, 'the excerpt is in the text').toBeGreaterThanOrEqual(0);
        const found = l13(text);
        expect(found.map((f) => ({ code: f.code, start: f.start, end: f.end }))).toEqual([{ code, start, end: start + excerpt.length }]);
        const [f] = found;
        expect(f && 'instead' in f ? f.instead : null).toBe(instead);
        expect(f?.severity).toBe(code === 'unbalanced' ? 'warning' : 'error');
      });
    });
  }

  it('a one-click fix removes its finding', () => {
    for (const rows of Object.values(FLAGGED)) {
      for (const [text, , , instead] of rows) {
        const [f] = l13(text);
        if (f === undefined || instead === null) continue;
        const fixed = text.slice(0, f.start) + instead + text.slice(f.end);
        expect(l13(fixed).filter((g) => g.start === f.start), fixed).toEqual([]);
      }
    }
  });

  it('the fix keeps the apostrophe the text uses', () => {
    expect(l13('I hope its not too late; it\u2019s been a week.')[0]).toMatchObject({ instead: 'it\u2019s' });
    expect(l13('I hope its not too late.')[0]).toMatchObject({ instead: 'it\'s' });
  });
});

/** Correct writing: proper nouns after prepositions, "I", ellipses, abbreviations, quotes, addresses, times, numbers. */
const CLEAN: readonly string[] = [
  'Thank you for the conversation about Looker and the dashboards.',
  'I enjoyed meeting with Mr. Tran and Dr. Okafor.',
  'The team at Acme was welcoming, and the office in March was busy.',
  'Our call on Tuesday covered the KPIs and the OKRs.',
  'I read your piece in The Atlantic about pricing.',
  'I listened to the episode of The Daily you mentioned.',
  'We spoke about The Lean Startup and about A Cloud Guru.',
  'I met the CEO of The Trade Desk at Her Majesty\u2019s Theatre.',
  'As I mentioned, I led the migration.',
  'I think the plan you described is sound, and I would like to help.',
  'Sam and I discussed the budget with you and Dr. Okafor.',
  'It went better than I expected, and like I said, I learned a lot.',
  'Before I left, she showed me the lab; after we spoke, I wrote notes.',
  'We discussed how I would audit the dashboards and what she wanted.',
  'How about I send the notes on Friday?',
  'The role, for I knew it well, suited me.',
  'And on she went, and on we went.',
  'I was thinking... maybe we could talk again next week.',
  'The results were mixed\u2026 but promising.',
  'I look forward to hearing from you.... Thanks again.',
  'We shipped it in v1.2. It took two sprints, and v2.0.1 is next.',
  'Growth was 2.5 times the target, at a 3.75% margin, or $2,500.',
  'The call is at 5 p.m. tomorrow, and the next at 9 a.m. on Monday.',
  'She moved from the U.S. office last year to the U.K. one.',
  'I used tools such as dbt, Airflow, etc. in that project.',
  'Several teams (e.g. finance and sales) use the model, i.e. most of them.',
  'Acme Inc. is hiring; Globex Corp. is not, and Initech Ltd. may be.',
  'I compared Acme vs. Globex on price; it took approx. two hours.',
  'Please ask Prof. Lang or St. John about it, Mrs. Ruiz said.',
  'She said "the data tells the story" and I agree.',
  '\u201CThe numbers,\u201D she said, \u201Cspeak for themselves.\u201D',
  'The slides (see page 4) and the matrix [rows 2\u20134] show the trend.',
  'Reach me at jordan@example.com or https://example.com/jordan.',
  'My portfolio is at example.com/jordan (updated weekly).',
  'The deck is at https://example.com/a_(b) and the notes at www.example.org/x.',
  '1) Ask about the timeline. 2) Offer references. 3) Thank them.',
  'Options a) and b) both work, as do i) and iv).',
  'Thank you for the 27" monitor tip.',
  'The ratio was 3:1, and we met at 10:30 (Eastern).',
  'It\u2019s a team I would be proud to join, and it\u2019s time to decide.',
  'Its team has grown, and its own tools are good.',
  'You\u2019re welcome to call me, and your welcome pack arrived.',
  'Thank you for your welcome to the team.',
  'Their team and yours work well together; they\u2019re hiring for two roles.',
  'There is a lot to learn, and there are many ways to help.',
  'It\u2019s team work that counts, and it\u2019s customers who decide.',
  'The Walking Dead was her example of a bad plan.',
  'I moved to Reading in March, then to Boeing in Seattle.',
  'I worked with Irving and Fleming on the audit, and with King on the launch.',
  'I enjoyed meeting the A team and the B team.',
  'Choosing between A and B was hard; I got an A in statistics.',
  'I applied with A levels in maths and physics.',
  'iOS apps are fun. iPhone sales grew. eBay did too.',
  'It was great to meet you! What is the timeline? I would like to plan.',
  'Hello Dr. Okafor, this is Jordan Lee. You can reach me at 555 0100.',
  'Subject: Thank You For The Interview\n\nDear Ms. Chen,\n\nThank you.',
  'Notes:\nthe plan to move reporting\nthe weekly review',
  '- the plan to move reporting\n- the weekly review with the sales leads',
  'I enjoyed the talk,\nand the demo that followed.',
  'Dear Dr. Okafor,\n\nThank you for your time.\n\nSincerely,\nJordan Lee\njordan@example.com\nlinkedin.com/in/jordanlee\n+1 555 0100',
  'Hi team,\n\nThanks again.\n\nBest,\nJordan',
  'Thanks:) and :-( and ;) are L1\u2019s, not brackets.',
  'Opening\n"Good afternoon, Dr. Okafor. This is Jordan Lee."\n"Thank you."',
  'It was a pleasure, and she mentioned that the team meets at 9.',
  'That is what they said, and what we asked about.',
  'I was glad to hear about the weekly data review; it made the work feel concrete.',
  'It helps to compose your (concise!) ideas before sending, and (lucky you!) to choose.',
  'You asked "what next?" and I had no answer. "Why?" she asked.',
  'cc: Sam Ruiz\nps: the deck is attached.',
  'Congratulations, you\u2019re team lead now, and they\u2019re product people.',
  'Thanks for the note ;) and the link.',
];

describe('L13 leaves correct writing alone', () => {
  it('has at least 40 correct sentences', () => {
    expect(CLEAN.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CLEAN.map((t) => [t]))('%j', (text) => {
    expect(l13(text).map((f) => `${f.code} ${JSON.stringify(text.slice(f.start, f.end))}`)).toEqual([]);
  });

  it('leaves names and companies from the records alone', () => {
    const ctx: Omit<ToneInput, 'text'> = {
      recipient: { name: 'Ilse van der Berg', honorific: 'Ms.' },
      application: { company: 'dbt Labs', role: 'Analytics Engineer' },
      otherCompanies: ['Yahoo!', 'The Agency'],
    };
    expect(l13('Thank you. van der Berg is a name I will spell right. dbt Labs is growing. I applied to Yahoo! last month, and to The Agency as well.', ctx)).toEqual([]);
  });
});

describe('L13 does not report what L12 reports', () => {
  const speller = spellerFromDictionaries([en, gb]);
  it.each([
    ['the the', 'I enjoyed the the meeting.'],
    ['repeated across a line break', 'I enjoyed the\nthe meeting.'],
    ['a before a vowel', 'It was a interview I enjoyed.'],
    ['its been', 'Thank you; its been a pleasure.'],
    ['their is', 'I think their is a good fit.'],
    ['a lower-case i', 'Thank you. i enjoyed it.'],
  ])('%s', (_, text) => {
    const findings = checkTone({ text }, { speller });
    expect(findings.filter((f) => f.rule === 'L12').length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.rule === 'L13')).toEqual([]);
  });
});

describe('L13 wording', () => {
  it('words every finding with a message and a concrete suggestion', () => {
    const texts = Object.values(FLAGGED).flat().map((r) => r[0]);
    for (const text of texts) {
      for (const f of l13(text)) {
        const { message, suggestion } = renderFinding(f);
        expect(message.length, text).toBeGreaterThan(10);
        expect(message).not.toMatch(/undefined|Tone finding/);
        expect(suggestion).not.toMatch(/undefined|Review this part/);
        if ('instead' in f) expect(suggestion).toContain(f.instead.trim());
      }
    }
  });

  it('says what to write for a pasted clause', () => {
    const [clause] = checkTone({ text: 'Thank you for asking about She mentioned the roadmap.' }).filter((f) => f.rule === 'L13');
    expect(clause?.message).toBe('\u201Cabout She mentioned\u201D: a whole sentence was pasted where \u201Cabout\u201D needs a noun.');
    expect(clause?.suggestion).toBe('Rewrite it as a phrase, e.g. \u201Cabout what she mentioned\u201D.');
    const [verb] = checkTone({ text: 'Thank you for Walked the panel through it.' }).filter((f) => f.rule === 'L13');
    expect(verb?.suggestion).toBe('Give it a sentence of its own, e.g. \u201CI walked \u2026\u201D.');
  });
});

describe('Afterword\u2019s own writing stays clean under L13', () => {
  const dir = new URL('../../../test/fixtures/tone/', import.meta.url);
  const contexts = (JSON.parse(readFileSync(new URL('contexts.json', dir), 'utf8')) as { contexts: Record<string, Partial<ToneInput>> }).contexts;
  const notes = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'contexts.json').flatMap((file) =>
    (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { notes: Array<{ id: string; context?: string; override?: Partial<ToneInput>; text: string; expect: Array<{ rule: string }> }> }).notes);

  it('the tone corpus: no L13 finding on a note that has no L13 label', () => {
    const clean = notes.filter((n) => !n.expect.some((l) => l.rule === 'L13'));
    expect(clean.length).toBeGreaterThan(80);
    for (const n of clean) {
      const input = { ...(n.context === undefined ? {} : contexts[n.context]), ...n.override, text: n.text };
      expect(l13(n.text, input).map((f) => `${n.id}: ${f.code} ${JSON.stringify(n.text.slice(f.start, f.end))}`)).toEqual([]);
    }
  });

  /** Every draft of every kind for everyone on the first application, checked in its own context. */
  const draftsClean = (s: Scenario, note?: string): void => {
    for (const kind of DRAFT_KINDS) {
      for (const personId of kind === 'reference_brief' ? ['p1'] : (s.applications[0]?.people ?? []).map((p) => p.id)) {
        const input = inputFor(s, { kind, personId, referenceId: 'r1', ...(note === undefined ? {} : { note }) });
        const draft = generateDraft(input);
        const { body } = draft;
        const found = l13(body, toneInputOf(s, input, draft));
        expect(found.map((f) => `${kind}: ${f.code} ${JSON.stringify(body.slice(Math.max(0, f.start - 30), f.end + 10))}`), body).toEqual([]);
      }
    }
  };

  it('drafts of every kind for the Acme records', () => {
    draftsClean(acmeScenario(), 'a certificate in dbt');
    draftsClean(acmeScenario());
  });

  it('drafts of every kind for generated records (names with particles, long titles, debrief phrases)', () => {
    // Few runs: drafts/properties.test.ts runs the whole tone check over many more.
    fc.assert(fc.property(scenarioDocArb, (doc) => draftsClean(scenarioOf(doc))), { numRuns: 8 });
  });
});

describe('L13 is linear in the text\u2019s length', () => {
  const timed = (text: string): { ms: number; count: number } => {
    const t0 = performance.now();
    const count = l13(text).length;
    return { ms: performance.now() - t0, count };
  };

  it.each([
    ['a 100,000-character note', 'Thank you for the tour of the lab. We spoke about Looker (and dbt), e.g. the U.S. data... '.repeat(1200).slice(0, 100_000)],
    ['50,000 open brackets', '('.repeat(50_000)],
    ['50,000 closing brackets', ')'.repeat(50_000)],
    ['100,000 straight quotes and stops', '".'.repeat(50_000)],
    ['100,000 dots', '.'.repeat(100_000)],
    ['spaces before commas', 'a ,'.repeat(33_000)],
    ['capitals after prepositions', 'about She '.repeat(10_000)],
    ['one long word', 'x'.repeat(100_000)],
    ['blank lines', '\n \n'.repeat(33_000)],
    ['an address with no spaces', `https://${'a.'.repeat(50_000)}`],
  ])('%s: at most 100 findings, quickly', (_, text) => {
    const { ms, count } = timed(text);
    expect(count).toBeLessThanOrEqual(100);
    // Not a speed target: a bound that tells linear work from quadratic. Quadratic work on 100,000
    // characters takes minutes; linear takes well under a second, even on a busy two-core machine.
    expect(ms).toBeLessThan(10_000);
  });
});
