import { describe, expect, it } from 'vitest';
import { dayOf } from '../time.js';
import { CALL_SCRIPT_WORDS, VOICEMAIL_WORDS } from './calls.js';
import { generateDraft } from './generate.js';
import { noteSimilarity } from '../tone/index.js';
import { acmeScenario, draftFor, firstApplication, inputFor } from './testing.js';
import { DRAFT_KINDS, EMAIL_KINDS, type DraftKind } from './types.js';
import { countWords } from './words.js';

const acme = acmeScenario();
const DATE = 'Tuesday, March 3'; // Tue 2026-03-03, the interview (a US profile: US dates)
const FRIDAY = 'Friday, March 6'; // Fri 2026-03-06, "by Friday" resolved (F0)

describe('every kind renders from the records', () => {
  const expectations: Record<DraftKind, { greeting: string; rules: string[]; words: number; mentions: string[] }> = {
    thank_you_email: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W2', 'W3'], words: 200, mentions: [DATE, 'single warehouse'] },
    thank_you_letter: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W2', 'W3'], words: 200, mentions: [DATE, 'single warehouse'] },
    thank_you_panel: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W2', 'W3'], words: 200, mentions: [DATE, 'single warehouse', 'Mr. Ruiz', 'Ms. Chen'] },
    status_check: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W4', 'W3'], words: 150, mentions: [DATE, FRIDAY, 'Jordan Lee'] },
    update_skill: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W4', 'W3'], words: 200, mentions: [DATE, 'a certificate in dbt'] },
    update_news: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W4', 'W3'], words: 200, mentions: [DATE, 'a certificate in dbt'] },
    update_solution: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W4', 'W3'], words: 200, mentions: [DATE, 'a certificate in dbt', 'single warehouse'] },
    update_question: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'W4', 'W3'], words: 200, mentions: [DATE, 'A certificate in dbt?'] },
    reply_not_decided: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'X3', 'W3'], words: 150, mentions: [DATE, FRIDAY] },
    reply_filled: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'X3', 'W3'], words: 150, mentions: ['similar roles'] },
    reply_rejection: { greeting: 'Dear Dr. Okafor,', rules: ['W1', 'X3', 'W3'], words: 150, mentions: ['keep me in mind'] },
    call_script: { greeting: 'Good afternoon, Dr. Okafor.', rules: ['W1', 'W4', 'X1', 'X2'], words: 750, mentions: [DATE, FRIDAY, '+1 555 0101'] },
    voicemail: { greeting: 'Hello Dr. Okafor,', rules: ['X2'], words: 40, mentions: [DATE, '+1 555 0100'] },
    reference_brief: { greeting: 'Dear Priya,', rules: ['F7', 'W3'], words: 250, mentions: [DATE, FRIDAY, 'Ms. Lena Chen (Recruiter)', 'the forecasting models I built'] },
  };

  it.each(DRAFT_KINDS.map((k) => [k]))('%s', (kind) => {
    const e = expectations[kind];
    const d = draftFor(acme, { kind, personId: 'p1', referenceId: 'r1', note: 'a certificate in dbt' });
    expect(d.kind).toBe(kind);
    expect(d.body).toContain(e.greeting);
    expect(d.body).toContain('Data Analyst');
    expect(d.body).toContain('Acme Corp');
    for (const m of e.mentions) expect(d.body).toContain(m);
    expect(d.rules).toEqual(e.rules);
    expect(countWords(d.body)).toBeLessThanOrEqual(e.words);
    if (EMAIL_KINDS.has(kind)) {
      expect(d.subject).toBeTruthy();
      expect(d.text).toContain(`Subject: ${d.subject ?? ''}\n\n${d.body}`);
    } else {
      expect(d.subject).toBeUndefined();
      expect(d.text).toContain(d.body);
    }
    if (kind !== 'call_script' && kind !== 'voicemail') {
      // W3: thanks, then "Sincerely," and the candidate's name and contact details.
      expect(d.body).toMatch(/Thank|thanks/);
      expect(d.body.endsWith('Sincerely,\nJordan Lee\njordan@example.com\n+1 555 0100')).toBe(true);
    }
  });

  it('is deterministic', () => {
    const input = inputFor(acme, { kind: 'thank_you_email', personId: 'p2' });
    expect(generateDraft(input)).toEqual(generateDraft(input));
  });
});

describe('W1 greeting', () => {
  it.each([
    ['p1', 'Dear Dr. Okafor,', 'formal: honorific and surname'],
    ['p2', 'Dear Sam,', 'invited informality: first name'],
    ['p3', 'Dear Ms. Chen,', 'formal recruiter'],
  ])('%s → %s (%s)', (personId, greeting) => {
    const d = draftFor(acme, { kind: 'thank_you_email', personId });
    expect(d.body.startsWith(`${greeting}\n\n`)).toBe(true);
  });

  it('uses the full name when no honorific is on record, and never a first name alone', () => {
    const s = acmeScenario((doc) => { delete firstApplication(doc).people[0]?.['honorific']; });
    const d = draftFor(s, { kind: 'status_check', personId: 'p1' });
    expect(d.body.startsWith('Dear Grace Okafor,')).toBe(true);
    expect(d.body).not.toMatch(/Dear Grace,/);
  });
});

describe('British English (W1, W3): "Dear Dr Okafor," and "Yours sincerely,"', () => {
  const british = acmeScenario((doc) => { (doc['settings'] as Record<string, unknown>)['region'] = 'GB-ENG'; });

  it.each(['thank_you_email', 'status_check', 'reply_rejection'] as const)('%s greets without the stop after "Dr" and closes "Yours sincerely,"', (kind) => {
    const d = draftFor(british, { kind, personId: 'p1' });
    expect(d.body.startsWith('Dear Dr Okafor,\n\n')).toBe(true);
    expect(d.body.endsWith('Yours sincerely,\nJordan Lee\njordan@example.com\n+1 555 0100')).toBe(true);
    expect(d.body).not.toMatch(/\b(?:Mr|Mrs|Ms|Dr|Mx)\. \p{Lu}/u);
  });

  it('names the other panelists and the letter\'s recipient the British way too', () => {
    const panel = draftFor(british, { kind: 'thank_you_panel', personId: 'p1' });
    expect(panel.body).toContain('Mr Ruiz');
    expect(panel.body).toContain('Ms Chen');
    const letter = draftFor(british, { kind: 'thank_you_letter', personId: 'p1' });
    expect(letter.text).toContain('\nDr Grace Okafor\n');
  });

  it('keeps the US forms for a US profile', () => {
    const d = draftFor(acme, { kind: 'thank_you_panel', personId: 'p1' });
    expect(d.body).toContain('Mr. Ruiz');
    expect(d.body.startsWith('Dear Dr. Okafor,')).toBe(true);
  });
});

describe('thank-you content (W2)', () => {
  it('carries the person\'s detail and the interview date', () => {
    const d = draftFor(acme, { kind: 'thank_you_email', personId: 'p2' });
    expect(d.body).toContain('the weekly data review with the sales leads');
    expect(d.body).toContain(DATE);
    expect(d.gaps).toEqual([]);
  });

  it('spreads the debrief items over the people met: one recaps, another fixes', () => {
    const [a, b, c] = ['p1', 'p2', 'p3'].map((personId) => draftFor(acme, { kind: 'thank_you_email', personId }).body);
    expect(a).toContain('churn model');
    expect(b).toContain('audit the revenue dashboards');
    expect(c).toContain('SQL window functions');
    expect(a).not.toContain('SQL window functions');
  });

  it('falls back to the title and reports the gap when no detail was recorded', () => {
    const d = draftFor(acme, { kind: 'thank_you_email', personId: 'p3' });
    expect(d.body).toContain('Recruiter');
    expect(d.gaps).toEqual([{ field: 'person.detail', rule: 'W2' }]);
  });

  it('keeps a note with very long records within 200 words by dropping optional sentences', () => {
    const long = 'the long and winding story of how the analytics group rebuilt every report, dashboard, pipeline, alert and data contract across four regions';
    const s = acmeScenario((doc) => {
      const iv = firstApplication(doc).interviews[0] ?? {};
      iv['peopleIds'] = ['p1'];
      iv['debrief'] = { bestMoments: long, unfinishedAnswers: long, awkwardMoments: long, details: { p1: long } };
    });
    const d = draftFor(s, { kind: 'thank_you_email', personId: 'p1' });
    expect(countWords(d.body)).toBeLessThanOrEqual(200);
    expect(d.body).toContain(long);
    expect(d.body).toContain('Sincerely,');
  });
});

describe('two interviewers never get the same note', () => {
  it('differs in wording and structure, well under the 60 % of L7 (word-shingle similarity)', () => {
    const notes = ['p1', 'p2', 'p3'].map((personId) => draftFor(acme, { kind: 'thank_you_email', personId }));
    for (let i = 0; i < notes.length; i++) {
      for (let j = i + 1; j < notes.length; j++) {
        const a = notes[i]?.body ?? '';
        const b = notes[j]?.body ?? '';
        expect(a).not.toBe(b);
        expect(noteSimilarity(a, b)).toBeLessThan(0.2);
      }
    }
  });

  it('differs even when nothing personal was recorded', () => {
    const s = acmeScenario((doc) => {
      for (const p of firstApplication(doc).people) delete p['title'];
      delete firstApplication(doc).interviews[0]?.['debrief'];
    });
    const a = draftFor(s, { kind: 'thank_you_email', personId: 'p1' }).body;
    const b = draftFor(s, { kind: 'thank_you_email', personId: 'p3' }).body;
    expect(noteSimilarity(a, b)).toBeLessThan(0.3);
  });
});

describe('panel note (T3)', () => {
  const panel = acmeScenario((doc) => {
    const iv = firstApplication(doc).interviews[0] ?? {};
    iv['panel'] = true;
    iv['panelLeadId'] = 'p1';
  });

  it('goes to the lead with the other panelists in CC, and names them', () => {
    const d = draftFor(panel, { kind: 'thank_you', personId: 'p1' });
    expect(d.kind).toBe('thank_you_panel');
    expect(d.to).toEqual({ id: 'p1', name: 'Grace Okafor', email: 'g.okafor@acme.example', phone: '+1 555 0101' });
    expect(d.cc.map((c) => c.id)).toEqual(['p2', 'p3']);
    expect(d.text).toContain('Cc: Sam Ruiz <s.ruiz@acme.example>, Lena Chen <l.chen@acme.example>');
    expect(d.body).toMatch(/Mr\. Ruiz and Ms\. Chen/);
    expect(d.body).not.toMatch(/\bSam\b/);
    expect(d.body).toContain('the weekly data review with the sales leads');
    expect(d.body).not.toContain('Ola Nordmann');
  });

  it('becomes individual notes when the user chose them', () => {
    const s = acmeScenario((doc) => {
      const app = firstApplication(doc);
      app['individualPanelNotes'] = true;
      const iv = app.interviews[0] ?? {};
      iv['panel'] = true;
      iv['panelLeadId'] = 'p1';
    });
    expect(draftFor(s, { kind: 'thank_you', personId: 'p1' }).kind).toBe('thank_you_email');
  });
});

describe('letter (T4)', () => {
  it('has the sender, the date, the recipient block, then the note', () => {
    const d = draftFor(acme, { kind: 'thank_you_letter', personId: 'p1', today: dayOf(2026, 3, 3) }); // Tue 2026-03-03
    expect(d.text.startsWith('Jordan Lee\n12 Elm Street\nSpringfield, IL 62701\njordan@example.com \u00b7 +1 555 0100\n\nTuesday, March 3, 2026\n\nDr. Grace Okafor\nHead of Analytics\nAcme Corp\n\nDear Dr. Okafor,')).toBe(true);
    expect(d.to.id).toBe('p1');
  });
});

describe('status check and updates (W4)', () => {
  it('asks about the decision by the date resolved from "by Friday"', () => {
    const d = draftFor(acme, { kind: 'status_check', personId: 'p3' });
    expect(d.body).toContain(`around ${FRIDAY}`);
    expect(d.subject).toBe(`Following up: Data Analyst interview on ${DATE}`);
  });

  it('asks openly when no timeline was given', () => {
    const s = acmeScenario((doc) => { delete firstApplication(doc).interviews[0]?.['timeline']; });
    const d = draftFor(s, { kind: 'status_check', personId: 'p1' });
    expect(d.body).not.toContain('You mentioned');
    expect(d.body).toMatch(/decision/);
  });

  it.each([
    ['update_skill', 'Since our conversation I have added a skill that bears on the position: a course in causal inference.'],
    ['update_news', 'I recently came across a course in causal inference, and it made me think'],
    ['update_solution', 'I have an idea that might help: a course in causal inference.'],
  ] as const)('%s uses the note', (kind, expected) => {
    const d = draftFor(acme, { kind, personId: 'p1', note: 'A course in causal inference.' });
    expect(d.body).toContain(expected);
    expect(d.gaps).toEqual([]);
  });

  it('ties news or an idea to what the person said about the work, never to a fact about their own life', () => {
    const withDetail = (detail: string) => acmeScenario((doc) => {
      const debrief = firstApplication(doc).interviews[0]?.['debrief'] as { details: Record<string, string> };
      debrief.details['p1'] = detail;
    });
    const work = draftFor(withDetail('she said reporting is moving from spreadsheets to dbt this year'), { kind: 'update_news', personId: 'p1' });
    expect(work.body).toContain('It seemed relevant to what you said about how reporting is moving from spreadsheets to dbt this year.');
    for (const kind of ['update_news', 'update_solution'] as const) {
      // Was "It seemed relevant to what you said about how you're running the Berlin marathon in September."
      const own = draftFor(withDetail('she\'s running the Berlin marathon in sept'), { kind, personId: 'p1' });
      expect(own.body).not.toContain('marathon');
    }
  });

  it('asks about the interviewer\'s own path when no question is given', () => {
    const d = draftFor(acme, { kind: 'update_question', personId: 'p1' });
    expect(d.body).toContain('your own path led you to your work as Head of Analytics at Acme Corp');
    expect(d.gaps).toEqual([{ field: 'note' }]);
  });
});

describe('replies (X3)', () => {
  it('not decided: the new date from their reply wins over the timeline (F6)', () => {
    const s = acmeScenario((doc) => {
      firstApplication(doc)['touches'] = [{
        at: '2026-03-09T14:00:00-04:00', personId: 'p3', channel: 'email', kind: 'status_check', outcome: 'not_decided', newDecisionBy: '2026-03-20',
      }];
    });
    const d = draftFor(s, { kind: 'reply_not_decided', personId: 'p3' });
    expect(d.body).toContain('around Friday, March 20'); // Fri 2026-03-20
  });

  it.each(['reply_filled', 'reply_rejection'] as const)('%s asks to be kept in mind, without disappointment', (kind) => {
    const d = draftFor(acme, { kind, personId: 'p1' });
    expect(d.body).toMatch(/similar roles|future roles/);
    expect(d.body).not.toMatch(/disappoint/i);
  });
});

describe('voicemail (X2)', () => {
  it('says who, the post, the date and the number twice, in at most 40 words', () => {
    const d = draftFor(acme, { kind: 'voicemail', personId: 'p1' });
    expect(countWords(d.body)).toBeLessThanOrEqual(VOICEMAIL_WORDS);
    expect(d.body.split('+1 555 0100').length - 1).toBe(2);
    expect(d.body).toContain('Jordan Lee');
    expect(d.body).toContain(DATE);
    const sentences = d.body.match(/(?<!\b(?:Dr|Mr|Ms|Mrs|Mx))[.?](?=\s|$)/g) ?? [];
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    expect(sentences.length).toBeLessThanOrEqual(2);
  });

  it('shortens itself for a long post title and still fits', () => {
    const s = acmeScenario((doc) => {
      firstApplication(doc)['role'] = 'Senior Principal Data and Analytics Engineering Lead for Platform Reliability';
      firstApplication(doc)['company'] = 'International Consolidated Widget Holdings';
      const p1 = firstApplication(doc).people[0] ?? {};
      p1['honorific'] = 'Professor';
      p1['name'] = 'Maria Fernanda Villanueva-Castellanos';
    });
    const d = draftFor(s, { kind: 'voicemail', personId: 'p1' });
    expect(countWords(d.body)).toBeLessThanOrEqual(VOICEMAIL_WORDS);
    expect(d.body.split('+1 555 0100').length - 1).toBe(2);
    expect(d.body).toContain('Senior Principal Data and Analytics Engineering Lead for Platform Reliability');
  });

  it('reports a missing phone number', () => {
    const s = acmeScenario((doc) => { delete (doc['candidate'] as Record<string, unknown>)['phone']; });
    const d = draftFor(s, { kind: 'voicemail', personId: 'p1' });
    expect(d.body).toContain('jordan@example.com');
    expect(d.gaps).toEqual([{ field: 'candidate.phone', rule: 'X2' }]);
  });
});

describe('call script (X1)', () => {
  const d = draftFor(acme, { kind: 'call_script', personId: 'p1' });

  it('stays within five minutes at 150 words a minute', () => {
    expect(countWords(d.body)).toBeLessThanOrEqual(CALL_SCRIPT_WORDS);
  });

  it('has the opening, every branch and the close', () => {
    for (const head of ['Opening', 'If the receptionist answers', 'If no decision has been made yet', 'If the position has been filled', 'If you reach voicemail', 'Close']) {
      expect(d.body).toContain(`\n\n${head}\n`);
    }
    expect(d.body).toContain('This is Jordan Lee. I interviewed with you on Tuesday, March 3, for the Data Analyst position at Acme Corp.');
    expect(d.body).toContain('May I speak with Dr. Okafor, please?');
    expect(d.body).toContain('whether I am still being considered');
    expect(d.body).toContain('similar roles at Acme Corp');
    expect(d.body).toContain('call you again in a week');
    expect(d.body).toContain('Thank you for your time, Dr. Okafor.');
  });

  it('reports a missing number for the person called', () => {
    expect(draftFor(acme, { kind: 'call_script', personId: 'p3' }).gaps).toEqual([{ field: 'person.phone', rule: 'X1' }]);
  });
});

describe('reference brief (F7)', () => {
  it('says who may call, for which post, by when and what to speak to', () => {
    const d = draftFor(acme, { kind: 'reference_brief', referenceId: 'r1' });
    expect(d.to).toEqual({ id: 'r1', name: 'Priya Raman', email: 'priya@example.com' });
    expect(d.body).toContain('second interview on Tuesday, March 3');
    expect(d.body).toContain('You may hear from Ms. Lena Chen (Recruiter) before Friday, March 6.');
    expect(d.body).toContain('speak to the forecasting models I built');
    expect(d.body).toContain('As my former manager');
  });

  it('names the interviewers when no recruiter or hiring manager is on record, and flags a missing topic', () => {
    const s = acmeScenario((doc) => {
      const p3 = firstApplication(doc).people[2] ?? {};
      p3['role'] = 'coordinator';
    });
    const d = draftFor(s, { kind: 'reference_brief', referenceId: 'r2' });
    expect(d.body).toContain('Dr. Grace Okafor (Head of Analytics), Mr. Sam Ruiz (Senior Analyst), and Ms. Lena Chen (Recruiter)');
    expect(d.body.startsWith('Dear Tom,')).toBe(true);
    expect(d.gaps).toEqual([{ field: 'reference.speakTo', rule: 'F7' }]);
  });
});
