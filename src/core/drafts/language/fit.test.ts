/**
 * Inputs from reading corpus drafts as the hiring manager would: each once made a sentence no one
 * would send. Each is now fitted into a whole phrase, or left out and listed (never broken).
 */
import en from 'dictionary-en';
import { describe, expect, it } from 'vitest';
import { spellerFromDictionaries } from '../../tone/dictionary-speller.js';
import { acmeScenario, draftFor, firstApplication } from '../testing.js';
import { cleanInput } from './clean.js';
import { fitDetail, fitMoment } from './fit.js';

const toHer = { names: ['Grace', 'Okafor'], as: 'you' } as const;

describe('details that are notes, not sentences', () => {
  it('a bare noun phrase read as a command is a topic, not "you heat pumps"', () => {
    const f = fitDetail('heat pumps — he reckons half their installs will be heat pumps by 2027', toHer);
    expect(f.value).toEqual({ form: 'topic', text: 'heat pumps' });
    expect(f.dropped.map((d) => d.reason)).toEqual(['several_points']);
  });

  it('a comma inside the "subject" is notes: left out, not "that class sizes of 32, one TA shared…"', () => {
    const f = fitDetail('class sizes of 32 in Year 5, one TA shared between two classes', toHer);
    expect(f.value).toBeUndefined();
    expect(f.dropped).toEqual([{ text: 'class sizes of 32 in Year 5, one TA shared between two classes', reason: 'unclear' }]);
  });

  it('an "and" after a preposition is not split into a list ("across ITU and theatres")', () => {
    const f = fitDetail('NHS band 6, rotational post across ITU and theatres', toHer);
    expect(f.value?.text ?? '').not.toContain('ITU, and theatres');
  });

  it('a comma between a subject and its verb is notes: left out', () => {
    expect(fitDetail('the plumbing contract for the hospital extension, starts in Jan', toHer).value).toBeUndefined();
  });

  it('a subjectless past act is still theirs ("asked me how I would…")', () => {
    expect(fitDetail('asked me how I would handle a late data feed', toHer).value?.text).toBe('you asked me how I would handle a late data feed');
  });
});

describe('moments that are slips or stories, not topics', () => {
  it.each([
    ['calling Nguyễn by the wrong name — I said Mr. Thi'],
    ['Overexplaining the ETL pipeline, they clearly wanted the short version'],
    ['did I even answer the one about conflict with a manager?'],
    ["when they asked what I'd do about a shoplifter I said I'd chase them which is apparently against policy"],
  ])('awkward "%s" is left out and listed', (text) => {
    const f = fitMoment(text, 'awkward', 'you');
    expect(f.value).toBeUndefined();
    expect(f.dropped.length).toBeGreaterThan(0);
  });

  it('an answering gerund gives its topic ("explaining why I left" → "why I left")', () => {
    expect(fitMoment('explaining why I moved into pricing', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'why I moved into pricing' });
  });

  it('"cut off mid-sentence on X" is an answer on X', () => {
    expect(fitMoment('Cut off mid-sentence on the P&L ownership question!!', 'unfinished', 'you').value).toEqual({ form: 'topic', text: 'P&L ownership' });
  });

  it('a feeling is no best moment ("Felt strong.")', () => {
    expect(fitMoment('Felt strong.', 'best', 'the panel').value).toBeUndefined();
  });

  it('a trailing "well" is not part of the topic ("explain my gap between jobs well")', () => {
    expect(fitMoment("I couldn't explain my gap between jobs well", 'awkward', 'you').value).toEqual({ form: 'topic', text: 'my gap between jobs' });
  });

  it('"their process" in a panel note is the employer\'s: "your process", not "the panel\'s"', () => {
    expect(fitMoment("what I'd change about their click-and-collect process", 'unfinished', 'the panel').value?.text).toBe("what I'd change about your click-and-collect process");
  });

  it('an awkward slip with no answering verb is left out ("I called it a customer and the panel corrected me")', () => {
    expect(fitMoment("I called it a 'customer' and the panel corrected me to 'resident'", 'awkward', 'the panel').value).toBeUndefined();
    expect(fitMoment("I couldn't name a single metric for brand awareness", 'awkward', 'you').value).toEqual({ form: 'topic', text: 'a single metric for brand awareness' });
  });

  it('an unfinished gerund is its topic ("mentoring juniors"), and a casual aside is listed, not written', () => {
    const f = fitMoment('mentoring juniors (I only talked about code review, not career stuff)', 'unfinished', 'you');
    expect(f.value).toEqual({ form: 'topic', text: 'mentoring juniors' });
  });
});

describe('asides and repeats', () => {
  it('a casual aside in brackets is listed, not written', () => {
    const f = fitDetail('how claims triage works today (three spreadsheets and a shared inbox, basically)', toHer);
    expect(f.value?.text).toBe('how claims triage works today');
    expect(f.dropped).toEqual([{ text: '(three spreadsheets and a shared inbox, basically)', reason: 'tone' }]);
  });

  it('a list of one thing said three times is said once', () => {
    expect(fitDetail("data quality, data quality, data quality \u2014 that's all she wanted to talk about", toHer).value).toEqual({ form: 'topic', text: 'data quality' });
  });

  it('an act done to the candidate by someone else is no fact to have heard ("Mateus walked me through…")', () => {
    expect(fitDetail('Mateus walked me through their Q3 OKRs', toHer).value).toBeUndefined();
  });

  it('two clauses run together are not one subject ("a tangent but he is into sourdough")', () => {
    expect(fitDetail("a tangent but he's really into sourdough", toHer).value).toBeUndefined();
  });

  it('a subjectless "loved the demo" is the candidate\'s view: the demo is the topic', () => {
    expect(fitDetail('loved the demo he showed of the routing engine', toHer).value).toEqual({ form: 'topic', text: 'the demo you showed of the routing engine' });
  });

  it('a fact that starts with "that" gets no second "that" from its frame', () => {
    expect(fitDetail('that the role reports into the COO not the CTO', toHer).value).toEqual({ form: 'fact', text: 'the role reports into the COO not the CTO' });
  });
});

describe('more moments', () => {
  it('a phrasal gerund is a best moment ("Bringing up the cold chain audit"), and "turns out…" is none', () => {
    expect(fitMoment('Bringing up the cold chain audit', 'best', 'the panel').value).toEqual({ form: 'doing', text: 'bringing up the cold chain audit' });
    expect(fitMoment("turns out it's their #1 issue", 'best', 'the panel').value).toBeUndefined();
  });

  it('"didn\'t finish explaining how X" is an answer on "how X"', () => {
    expect(fitMoment("I didn't finish explaining how the attribution model handles offline sales", 'unfinished', 'you').value)
      .toEqual({ form: 'topic', text: 'how the attribution model handles offline sales' });
  });
});

describe('notes to self written out', () => {
  it('a noun with a relative clause is a topic, not "hear that the campaign that went viral"', () => {
    expect(fitDetail('the Black Friday campaign that went viral on TikTok', toHer).value)
      .toEqual({ form: 'topic', text: 'the Black Friday campaign that went viral on TikTok' });
  });

  it('shorthand and short month names are written out where a date is meant', () => {
    expect(cleanInput('the apprenticeship is 4 yrs, approx. 30 ppl w/ the team').text).toBe('the apprenticeship is 4 years, about 30 people with the team');
    expect(cleanInput("he's running the Berlin marathon in sept").text).toBe("he's running the Berlin marathon in September");
    expect(cleanInput('the contract starts in Jan.').text).toBe('the contract starts in January.');
    // "Jan" alone is a name, and a stop after shorthand that ends the sentence stays.
    expect(cleanInput('Jan from finance took 2 hrs.').text).toBe('Jan from finance took 2 hours.');
  });
});

const speller = spellerFromDictionaries([en]);
/** The thank-you email to p1 of the Acme scenario, with this debrief. */
const noteWith = (debrief: Record<string, unknown>): ReturnType<typeof draftFor> => draftFor(acmeScenario((doc) => {
  const iv = firstApplication(doc).interviews[0] as Record<string, unknown>;
  iv['debrief'] = debrief;
}), { kind: 'thank_you_email', personId: 'p1', speller });

describe('what a note must not say', () => {

  it('pay is left out of a thank-you and listed ("I did not explain salary…" reads as reopening it)', () => {
    const d = noteWith({ awkwardMoments: 'the salary question', details: { p1: 'the plan to move reporting to a single warehouse' } });
    expect(d.body).not.toMatch(/salary/i);
    expect(d.leftOut).toContainEqual({ field: 'awkwardMoments', text: 'the salary question', reason: 'tone' });
  });

  it('a word the dictionary lacks is corrected only when one letter is off, never guessed ("stockouts" is no "sickouts")', () => {
    const d = noteWith({ bestMoments: 'Talked through how I reduced stockouts by 12% with a simple reorder-point model' });
    expect(d.body).not.toContain('sickouts');
    const typo = noteWith({ details: { p1: 'the plan to move reporting to a single warehuose' } });
    expect(typo.body).toContain('single warehouse');
  });
});

describe('run-ons and doubled frames', () => {
  it('two sentences run together with a comma are two points: the second is listed', () => {
    const f = fitDetail("he showed me the onboarding flow they're redesigning, drop-off at step 3 is ~60%", toHer);
    expect(f.value).toEqual({ form: 'act', text: "you showed me the onboarding flow they're redesigning" });
    expect(f.dropped).toEqual([{ text: 'drop-off at step 3 is ~60%', reason: 'several_points' }]);
    // A comma after a verb of saying, or before words that carry on, keeps the sentence whole.
    expect(fitDetail('she said, the team is growing', toHer).dropped).toEqual([]);
    expect(fitDetail('the team, which is new, is hiring', toHer).dropped).toEqual([]);
  });

  it('"her thoughts on X" is the topic X: the frame says "your thoughts on" once', () => {
    expect(fitDetail('her thoughts on AI in the classroom', toHer).value).toEqual({ form: 'topic', text: 'AI in the classroom' });
  });

  it('a phrasal verb\'s particle is no verb of its own ("talked about … cleaning up the list" is a topic)', () => {
    expect(fitDetail('She talked about moving the newsletter to HubSpot and cleaning up the list.', toHer).value)
      .toEqual({ form: 'topic', text: 'moving the newsletter to HubSpot and cleaning up the list' });
  });

  it('an awkward answer "without" what went wrong is the answer\'s topic only', () => {
    expect(fitMoment("couldn't explain why my last project was cancelled without slagging off my old boss", 'awkward', 'you').value)
      .toEqual({ form: 'topic', text: 'why my last project was cancelled' });
  });

  it('one-word gerunds in a list are its items ("forecasting, hiring, and tooling")', () => {
    expect(fitMoment('forecasting, hiring, tooling', 'unfinished', 'you').value).toEqual({ form: 'topic', text: 'forecasting, hiring, and tooling' });
  });
});

describe('reading round 2', () => {
  it('"that" pointing back names nothing: "we talked about that for like 10 min" is no topic', () => {
    expect(fitDetail('we talked about that for like 10 min', toHer).value).toBeUndefined();
  });

  it('a state is no moment ("I had a really good example" is not "Having a really good example"); what they asked about is', () => {
    expect(fitMoment('I had a really good example from the Big 4', 'best', 'you').value).toBeUndefined();
    expect(fitMoment('he asked about my audit experience and I had a really good example from the Big 4', 'best', 'you').value).toEqual({ form: 'topic', text: 'my audit experience' });
  });

  it('notes in brackets after a phrase: the phrase is used, the notes listed', () => {
    const f = fitDetail('The sprint planning process (two-week sprints, planning Monday am, retro Friday pm)', toHer);
    expect(f.value).toEqual({ form: 'topic', text: 'the sprint planning process' });
    expect(f.dropped).toEqual([{ text: '(two-week sprints, planning Monday am, retro Friday pm)', reason: 'several_points' }]);
  });

  it('"dev", "org" and "10 min" are written out; a name with "&" keeps it', () => {
    expect(cleanInput('Ran the mock stand-up for the dev team, kept it to 12 min').text).toBe('Ran the mock stand-up for the development team, kept it to 12 minutes');
    expect(cleanInput('they pay for the City & Guilds, sales & marketing').text).toBe('they pay for the City & Guilds, sales and marketing');
  });
});

describe('reading round 3', () => {
  it('"last-mile costs in rural postcodes" is a noun phrase, not "hear that last-mile costs in rural postcodes"', () => {
    expect(fitDetail('last-mile costs in rural postcodes', toHer).value).toEqual({ form: 'topic', text: 'last-mile costs in rural postcodes' });
  });

  it('a bare singular noun that names one thing gets "the" ("holiday peak" → "the holiday peak")', () => {
    expect(fitDetail('holiday peak — the store does about $80k on a December Saturday', toHer).value).toEqual({ form: 'topic', text: 'the holiday peak' });
  });

  it('"HR" is an acronym, not "hour"; someone else\'s clause after "and" is no part of what I did', () => {
    expect(cleanInput('the HR director, 2 hr call').text).toBe('the HR director, 2 hour call');
    expect(fitMoment('Mentioned my CIPD qualification and the HR director perked up', 'best', 'you').value).toBeUndefined();
  });

  it('a stretch of the interview is no topic ("Honestly the whole second half")', () => {
    expect(fitMoment('Honestly the whole second half.', 'awkward', 'you').value).toBeUndefined();
    expect(fitMoment('the second half of the take-home', 'unfinished', 'you').value).toEqual({ form: 'topic', text: 'the second half of the take-home' });
  });
});

describe('reading round 4', () => {
  it('"teh" is "the" (a frequent word first among the suggestions); "bc" is "because"', () => {
    expect(noteWith({ unfinishedAnswers: "how I'd approach teh data migration" }).body).toContain("how I'd approach the data migration");
    expect(cleanInput('A/B tests take 3 weeks bc traffic is low').text).toBe('A/B tests take 3 weeks because traffic is low');
  });
});

describe('reading round 1', () => {
  it('someone named reporting news: the news is the fact ("hear that Gabriel explained that…" says it twice)', () => {
    expect(fitDetail('Gabriel explained that the firm’s M&A team closed 14 deals last year', toHer).value)
      .toEqual({ form: 'fact', text: "the firm's M&A team closed 14 deals last year" });
  });

  it('telling the person who they are is no news: the next point is used ("She’s the charge nurse…")', () => {
    const f = fitDetail('She’s the charge nurse on 4 West. Said they float nurses to the ED a lot in winter.', toHer);
    expect(f.value).toEqual({ form: 'fact', text: 'they float nurses to the ED a lot in winter' });
  });

  it('a person is no answer\'s topic ("Talked over the deputy head twice" is left out)', () => {
    expect(fitMoment('Talked over the deputy head twice. Ugh.', 'awkward', 'you').value).toBeUndefined();
    expect(fitMoment('talked over the budget question', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'the budget' });
  });

  it('what was loved is the best moment ("loved the demo" → "the demo", not "Loving the demo")', () => {
    expect(fitMoment('loved the demo', 'best', 'you').value).toEqual({ form: 'topic', text: 'the demo' });
  });

  it('"my view on X" and "my answer about X" are about X', () => {
    expect(fitMoment('They asked about my view on the Online Safety Act', 'unfinished', 'you').value).toEqual({ form: 'topic', text: 'the Online Safety Act' });
    expect(fitMoment('my answer about the pro bono tenant case', 'best', 'you').value).toEqual({ form: 'topic', text: 'the pro bono tenant case' });
  });

  it('a verdict on the whole interview is no moment; a question they asked, with its "?", is a topic', () => {
    expect(fitMoment('Overall probably my best interview this year.', 'best', 'you').value).toBeUndefined();
    expect(fitMoment("what I'd do in the first 90 days?", 'unfinished', 'you').value).toEqual({ form: 'topic', text: "what I'd do in the first 90 days" });
  });

  it('notes with numbers after a comma are no topic; a bare singular subject gets "the"; "+" is "and"', () => {
    const f = fitDetail('1) hybrid, 2 days in 2) new office opens in Q2', toHer);
    expect(f.value).toEqual({ form: 'fact', text: 'the new office opens in Q2' });
    expect(fitDetail('Her team owns the experimentation platform + the metrics layer', toHer).value?.text).toBe('your team owns the experimentation platform and the metrics layer');
  });

  it('a clause is checked as a clause: "they do user research in-house" is used, "pro bono" is spelt right', () => {
    const d = noteWith({ details: { p1: 'they do user research in-house, about 8 interviews a sprint' } });
    expect(d.body).toContain('they do user research in-house');
    expect(noteWith({ bestMoments: 'my answer about the pro bono tenant case' }).leftOut).toEqual([]);
  });
});

describe('reading round 5', () => {
  it('a role without an article is a label, not news ("hear that surgeon turned COO")', () => {
    expect(fitDetail('surgeon turned COO', toHer).value).toBeUndefined();
    expect(fitDetail('reporting is moving to dbt', toHer).value).toEqual({ form: 'fact', text: 'reporting is moving to dbt' });
  });
});

describe('reading round 5, continued', () => {
  it('a word after an article is a noun ("a 85% target"), and a colon mid-phrase is notes: the part before it is used', () => {
    const f = fitDetail('explained the theatre utilisation problem: 68% vs a 85% target', toHer);
    expect(f.value).toEqual({ form: 'topic', text: 'the theatre utilisation problem' });
    expect(f.dropped).toEqual([{ text: '68% vs a 85% target', reason: 'several_points' }]);
  });
});

describe('reading round 6 (replies to a rejection)', () => {
  it('someone else\'s act is not news for this person ("hearing about how Nguyễn Thị Lan asked…")', () => {
    expect(fitDetail('Nguyễn Thị Lan asked about my experience with HL7 interfaces', toHer).value).toBeUndefined();
  });

  it('how long a topic took is no part of it', () => {
    expect(fitDetail("we talked about monolith vs microservices for like half the time, he's firmly in the monolith camp", toHer).value)
      .toEqual({ form: 'topic', text: 'monolith vs microservices' });
  });

  it('a misspelt verb is corrected before the input is read: a clause stays a clause', () => {
    const d = noteWith({ details: { p1: 'she said candidates recieve the case study 48 hrs before the final round' } });
    expect(d.body).toContain('candidates receive the case study 48 hours before the final round');
    expect(d.body).not.toMatch(/about candidates receive/);
  });
});

describe('reading round 7', () => {
  it('a past verb read as an adjective is a slip told, not a topic ("mispronounced Siobhán\'s name")', () => {
    expect(fitMoment("mispronounced Siobhán's name at the start (said 'See-oh-ban')", 'awkward', 'you').value).toBeUndefined();
  });

  it('a moment\'s bare singular noun gets "the" ("the SEO audit walkthrough", "the testing pyramid")', () => {
    expect(fitMoment('SEO audit walkthrough', 'best', 'you').value).toEqual({ form: 'topic', text: 'the SEO audit walkthrough' });
    expect(fitMoment('the testing pyramid question — got cut off', 'unfinished', 'you').value).toEqual({ form: 'topic', text: 'the testing pyramid' });
    expect(fitMoment('the SQL question', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'SQL' });
  });
});

describe('reading round 8', () => {
  it('"the guest satisfaction scores on TripAdvisor" is never "hear that the guest satisfaction scores on TripAdvisor"', () => {
    const f = fitDetail('the guest satisfaction scores on TripAdvisor', toHer);
    expect(f.value?.form).not.toBe('fact');
  });

  it('a role between commas after a name says who; the sentence is the rest', () => {
    expect(fitDetail('Mr. Haddad, the principal, wants more project-based learning in 8th grade science', toHer).value)
      .toEqual({ form: 'fact', text: 'Mr. Haddad wants more project-based learning in 8th grade science' });
  });

  it('a note in brackets inside a topic is listed, not written', () => {
    const f = fitMoment('ran out of time on the system design (never got to caching)', 'unfinished', 'you');
    expect(f.value).toEqual({ form: 'topic', text: 'the system design' });
    expect(f.dropped).toEqual([{ text: '(never got to caching)', reason: 'several_points' }]);
  });
});

describe('reading round 9', () => {
  it('"theres", "hes", "whos" typed without apostrophes are written out, not corrected to other words', () => {
    expect(cleanInput('hes been head of maths for 10 yrs, theres a trip in june, someone whos taught it').text)
      .toBe("he's been head of maths for 10 years, there's a trip in june, someone who's taught it");
  });
});

describe('reading round 10', () => {
  it('"30-60-90" and "2019-2021" are no phone numbers: they stay in the phrase', () => {
    expect(cleanInput('the 30-60-90 day plan I brought on paper').text).toBe('the 30-60-90 day plan I brought on paper');
    expect(cleanInput('my time at the food bank, 2019-2021').text).toContain('2019-2021');
    expect(cleanInput('call me on +1 555 010 0199 any time').text).not.toMatch(/\d/);
  });

  it('a noun that is also a verb between bare nouns is a compound ("Kubernetes cost overruns"), not news', () => {
    expect(fitDetail("Kubernetes cost overruns — he thinks they're paying 3x what they should", toHer).value)
      .toEqual({ form: 'topic', text: 'Kubernetes cost overruns' });
    // A clause with a determiner after the verb is still news.
    expect(fitDetail('the migration cost them a quarter', toHer).value?.form).not.toBe('topic');
  });

  it('a thing and what I did with it is one best moment ("the 30-60-90 day plan I brought on paper")', () => {
    const d = noteWith({ bestMoments: 'the 30-60-90 day plan I brought on paper' });
    expect(d.body).toContain('30-60-90 day plan I brought on paper');
    expect(d.leftOut.filter((l) => l.field === 'bestMoments')).toEqual([]);
  });

  it('a gerund before one bare count noun names the thing: "the redlining exercise", not "Redlining exercise was a highlight"', () => {
    expect(fitMoment('Redlining exercise – spotted the indemnity clause issue in under 5 mins', 'best', 'you').value)
      .toEqual({ form: 'topic', text: 'the redlining exercise' });
    expect(fitMoment('Costing exercise', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'the costing exercise' });
    // A gerund with its own object is still something I did.
    expect(fitMoment('Redesigning onboarding for the panel', 'best', 'you').value?.form).toBe('doing');
  });
});

describe('reading round 12', () => {
  it('"my best moment was X" is X; "when I explained…" is what I did', () => {
    expect(fitMoment('I think my best moment was the stakeholder question — I used the story about the merchandising team', 'best', 'you').value)
      .toEqual({ form: 'topic', text: 'the stakeholder question' });
    expect(fitMoment('when I explained how I rerouted deliveries during the port strike', 'best', 'you').value)
      .toEqual({ form: 'doing', text: 'explaining how I rerouted deliveries during the port strike' });
    expect(fitMoment('talking about the sepsis screening audit I led on my ward', 'best', 'you').value)
      .toEqual({ form: 'doing', text: 'talking about the sepsis screening audit I led on my ward' });
  });

  it('"the X question" is X only when X reads alone ("SQL", "pricing"), not "stakeholder"', () => {
    expect(fitMoment('the SQL question', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'SQL' });
    expect(fitMoment('the pricing question', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'pricing' });
    expect(fitMoment('the stakeholder question', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'the stakeholder question' });
  });

  it('a list before a dash is joined with "and" ("e-discovery, Relativity, and doc review volumes")', () => {
    expect(fitDetail("e-discovery, Relativity, doc review volumes — he asked if I've run a review team before", toHer).value)
      .toEqual({ form: 'topic', text: 'e-discovery, Relativity, and doc review volumes' });
  });
});

describe('reading round 13 (replies to a rejection)', () => {
  it('a role reporting news is the news ("the hiring manager said…" → what was said)', () => {
    expect(fitDetail('The hiring manager said the last person in the role left for a startup.', toHer).value)
      .toEqual({ form: 'fact', text: 'the last person in the role left for a startup' });
  });

  it('a second verb after a comma with no subject is notes, not a comma splice', () => {
    expect(fitDetail('Ana Lúcia ran the whole panel, asked about stakeholder management mostly', toHer).value).toBeUndefined();
  });
});

describe('reading round 14', () => {
  it('", and how the last one failed" after a topic is a second point, not part of the subject of "was"', () => {
    const f = fitDetail('we spoke about the rollout of the new case management system to social workers, and how the last one failed', toHer);
    expect(f.value).toEqual({ form: 'topic', text: 'the rollout of the new case management system to social workers' });
    expect(f.dropped).toEqual([{ text: 'how the last one failed', reason: 'several_points' }]);
  });
});

describe('reading round 15 (British panel notes)', () => {
  it('"got confused between X and Y" is an answer on the difference between them, not "I did not explain between…"', () => {
    expect(fitMoment('got confused between HIPAA and HITECH', 'awkward', 'you').value).toEqual({ form: 'topic', text: 'the difference between HIPAA and HITECH' });
  });

  it('a bare "billable target" as a subject takes "the"', () => {
    const d = noteWith({ details: { p1: 'billable target is 1,800 hrs, she was upfront about it' } });
    expect(d.body).toContain('that the billable target is 1,800 hours');
  });

  it('a title before a name keeps its capital ("Chef Marco"), and "v early" is "very early"', () => {
    const chef = noteWith({ details: { p1: 'Chef Marco wants to cut the menu down to 12 dishes' } });
    expect(chef.body).toContain('Chef Marco wants to cut the menu');
    const early = noteWith({ details: { p1: 'the ML platform on Databricks, it\'s v early days' } });
    expect(early.body).not.toMatch(/\bv early\b/);
    expect(cleanInput('it\'s v early days but v keen to hire; Smith v Jones').text).toBe('it\'s very early days but very keen to hire; Smith v Jones');
  });

  it('"X, how we got Y down, and what I learned" is three points: the first is used, the others listed', () => {
    const f = fitMoment('I walked the panel through the discharge pathway I redesigned, how we got length of stay down by 1.2 days, and what I learned', 'best', 'the panel');
    expect(f.value).toEqual({ form: 'doing', text: 'walking the panel through the discharge pathway I redesigned' });
    expect(f.dropped.map((d) => d.text)).toEqual(['how we got length of stay down by 1.2 days', 'what I learned']);
  });
});

describe('reading round 16 (US thank-you notes)', () => {
  it('"he talked about X they run…" is a topic, never "hear that about X"', () => {
    expect(fitDetail('he talked about the pro bono clinic they run with the law school on Thursdays', toHer).value)
      .toEqual({ form: 'topic', text: 'the pro bono clinic they run with the law school on Thursdays' });
    expect(fitDetail('she talked about how the team is growing', toHer).value).toEqual({ form: 'topic', text: 'how the team is growing' });
  });

  it('"and then he asked…" splits before "and", leaving no dangling "and"', () => {
    const f = fitDetail('he talked about the clinic and then he asked about my degree', toHer);
    expect(f.value).toEqual({ form: 'topic', text: 'the clinic' });
    expect(f.dropped).toEqual([{ text: 'he asked about my degree', reason: 'several_points' }]);
  });
});

describe('reading round 17 (US panel notes)', () => {
  const toRuiz = { names: ['Sam', 'Ruiz'], as: { name: 'Mr. Ruiz' } } as const;
  const toTran = { names: ['Lee', 'Tran'], as: { name: 'Dr. Tran' } } as const;

  it('"Customs delays at Felixstowe" is one noun phrase (a plural subject cannot take "delays"), not "hear that customs delays…"', () => {
    expect(fitDetail('Customs delays at Felixstowe since the new rules', toHer).value).toEqual({ form: 'topic', text: 'Customs delays at Felixstowe since the new rules' });
    expect(fitDetail('the team works in London', toHer).value).toEqual({ form: 'fact', text: 'the team works in London' });
  });

  it('another panelist\'s "her podcast" is written as their honorific says, else by name; "their" stays', () => {
    expect(fitDetail('her podcast', toRuiz).value).toEqual({ form: 'topic', text: 'his podcast' });
    expect(fitDetail('his side project', toTran).value).toEqual({ form: 'topic', text: "Dr. Tran's side project" });
    expect(fitDetail('their roadmap', toRuiz).value).toEqual({ form: 'topic', text: 'their roadmap' });
  });

  it('a role between dashes after a name is an aside ("Mr. O\'Brien - the site foreman - said…"), not three points', () => {
    const f = fitDetail("Mr. O'Brien - the site foreman - said most of the work next year is commercial fit-outs", toHer);
    expect(f.value).toEqual({ form: 'fact', text: 'most of the work next year is commercial fit-outs' });
    expect(f.dropped).toEqual([]);
  });
});

describe('reading round 18 (British replies to a rejection)', () => {
  it('"Anjali (product lead) – roadmap is…" is about what was said, not about Anjali', () => {
    expect(fitDetail('Anjali (product lead) – roadmap is basically 3 things this year', toHer).value)
      .toEqual({ form: 'fact', text: 'the roadmap is basically 3 things this year' });
  });

  it('a name with a role and nothing said, or a person\'s name alone, is left out and listed, never "hearing about Anjali"', () => {
    expect(fitDetail('Anjali (product lead)', toHer)).toEqual({ dropped: [{ text: 'Anjali (product lead)', reason: 'unclear' }] });
    expect(fitDetail('Priya Shah (head of data)', toHer)).toEqual({ dropped: [{ text: 'Priya Shah (head of data)', reason: 'unclear' }] });
    expect(fitDetail('Looker (the BI tool) is being replaced', toHer).value).toEqual({ form: 'fact', text: 'Looker (the BI tool) is being replaced' });
  });
});

describe('reading round 19 (US thank-you notes, British panel notes)', () => {
  it('one subject doing two things: the first act keeps its own object, the second is listed ("…and took notes")', () => {
    expect(fitMoment('they asked for my recommendations on the loyalty scheme and took notes', 'best', 'you'))
      .toEqual({ value: { form: 'topic', text: 'my recommendations on the loyalty scheme' }, dropped: [{ text: 'took notes', reason: 'several_points' }] });
    // A past participle inside a subject is no second act: "the plan and revised forecast are due" stays whole.
    expect(fitDetail('she said the plan and revised forecast are due in May', toHer).value)
      .toEqual({ form: 'fact', text: 'the plan and revised forecast are due in May' });
  });

  it('another person named with their role at the start did what follows, not the person written to', () => {
    const toSam = { names: ['Sam', 'Ruiz'], as: 'you' } as const;
    expect(fitDetail('Jürgen Müller (CFO) kept coming back to the Q3 OKRs', toSam))
      .toEqual({ dropped: [{ text: 'Jürgen Müller (CFO) kept coming back to the Q3 OKRs', reason: 'unclear' }] });
    expect(fitDetail('Sam (senior analyst) kept coming back to the Q3 OKRs', toSam).value).toEqual({ form: 'act', text: 'you kept coming back to the Q3 OKRs' });
    // What was said stays usable whoever said it.
    expect(fitDetail('Jürgen Müller (CFO) - the roadmap is three things this year', toSam).value).toEqual({ form: 'fact', text: 'the roadmap is three things this year' });
  });

  it('hearsay at the end of a detail ("…, which is apparently two years late") is listed, not said back to the interviewer', () => {
    expect(fitDetail('He talked about their migration off Oracle onto Postgres, which is apparently two years late', toHer))
      .toEqual({ value: { form: 'topic', text: 'their migration off Oracle onto Postgres' }, dropped: [{ text: 'which is apparently two years late', reason: 'tone' }] });
    expect(fitDetail('the new platform, which launches in May', toHer).value).toEqual({ form: 'topic', text: 'the new platform, which launches in May' });
  });

  it('a noun phrase whose first word compromise reads as a verb is a topic ("route optimisation case study"), an act stays an act', () => {
    expect(fitMoment('route optimisation case study', 'best', 'you').value).toEqual({ form: 'topic', text: 'the route optimisation case study' });
    expect(fitMoment('design review of the app', 'best', 'you').value).toEqual({ form: 'topic', text: 'the design review of the app' });
    expect(fitMoment('present my findings to the board', 'best', 'you').value).toEqual({ form: 'doing', text: 'presenting my findings to the board' });
  });

  it('a detail with a comma of its own ends its sentence, so the comma never leaves the rest hanging', () => {
    const d = noteWith({ details: { p1: 'the firm\'s M&A team closed 14 deals last year, mostly mid-market' } });
    expect(d.body).toMatch(/14 deals last year, mostly mid-market\./);
    const topic = noteWith({ details: { p1: 'the budget, the hiring plan, the new office' } });
    expect(topic.body).toMatch(/the budget, the hiring plan,? and the new office\./);
  });

  it('an act of the person written to agrees with "you" in every verb it coordinates ("…and are moving")', () => {
    expect(fitDetail('he manages 3 stores in the Midlands and is moving to a regional role', toHer).value)
      .toEqual({ form: 'fact', text: 'you manage 3 stores in the Midlands and are moving to a regional role' });
    expect(fitDetail('she leads the data team and runs the weekly review', toHer).value).toEqual({ form: 'fact', text: 'you lead the data team and run the weekly review' });
  });

  it('a name compromise does not know, alone, is who and not what ("Ngozi Okonkwo-Adebayo"); a capitalised topic stays', () => {
    for (const name of ['Ngozi Okonkwo-Adebayo', 'Chinonso Eze', 'Priya Venkataraman']) {
      expect(fitDetail(name, toHer)).toEqual({ dropped: [{ text: name, reason: 'unclear' }] });
    }
    expect(fitDetail('Snowflake Migration', toHer).value).toEqual({ form: 'topic', text: 'Snowflake Migration' });
    expect(fitDetail('Kubernetes Operators', toHer).value).toEqual({ form: 'topic', text: 'Kubernetes Operators' });
  });

  it('a two-word remark is no news to write back ("He\'s a Cubs fan. Enough said.")', () => {
    expect(fitDetail('He\'s a Cubs fan. Enough said.', toHer)).toEqual({ dropped: [{ text: 'He\'s a Cubs fan. Enough said.', reason: 'unclear' }] });
  });

  it('a detail that is already the person\'s view is not "your thoughts on your view"', () => {
    const d = noteWith({ details: { p1: 'her view that good dashboards answer one question each' } });
    expect(d.body).toMatch(/your view that good dashboards answer one question each/i);
    expect(d.body).not.toMatch(/(?:thoughts on|point about|said about|shared about|hearing about) your view/i);
  });

  it('a list of several best moments "show" the work, and a language named first keeps its capital', () => {
    const d = noteWith({ bestMoments: 'Python, the forecasting project, and my ops background' });
    expect(d.body).toContain('Python, the forecasting project, and my ops background');
    expect(d.body).not.toMatch(/\bpython\b/);
    // Dr. Okafor's note (its voice) frames the best moment as "I was pleased we had time for …, as … show(s)…".
    expect(d.body).toContain('my ops background, as they show the kind of work');
  });

  it('doubled letters typed wrong in a long word are corrected ("reccomendations"), a design word is kept ("moodboard")', () => {
    const d = noteWith({ bestMoments: 'they asked for my reccomendations on the loyalty scheme' });
    expect(d.body).toContain('my recommendations on the loyalty scheme');
    const board = noteWith({ bestMoments: 'presenting the moodboard for the café rebrand' });
    expect(board.body).toContain('the moodboard for the café rebrand');
    expect(board.body).not.toContain('moldboard');
  });
});

describe('reading round 20 (US thank-you notes)', () => {
  it('another person named as talking about something gives the topic, never "hear that Carlos talked about…"', () => {
    expect(fitDetail('Carlos Ñúñez talked about the new POS rollout across 40 stores', toHer).value)
      .toEqual({ form: 'topic', text: 'the new POS rollout across 40 stores' });
    // What they said is still news ("Gabriel explained that…"), and what they did is still theirs.
    expect(fitDetail('Gabriel explained that the M&A team closed 14 deals', toHer).value).toEqual({ form: 'fact', text: 'the M&A team closed 14 deals' });
    expect(fitDetail('Nguyễn Thị Lan asked about my experience with HL7 interfaces', toHer).value).toBeUndefined();
  });

  it('a past act at a time before the interview is their history, a fact ("15 years ago"), and each coordinated verb agrees with "you"', () => {
    expect(fitDetail('she started as a housekeeper there 15 yrs ago and now runs ops for all 3 hotels', toHer).value)
      .toEqual({ form: 'fact', text: 'you started as a housekeeper there 15 years ago and now run ops for all 3 hotels' });
    expect(fitDetail('she worked at the Royal Free in 2019', toHer).value).toEqual({ form: 'fact', text: 'you worked at the Royal Free in 2019' });
    // An act in the interview stays an act.
    expect(fitDetail('she showed me the new rota tool', toHer).value).toEqual({ form: 'act', text: 'you showed me the new rota tool' });
  });

  it('a name in a script without capitals reporting news ("李伟 mentioned they\'re opening…") gives the news', () => {
    expect(fitDetail('李伟 mentioned they\'re opening a second warehouse in Shenzhen next spring', toHer).value)
      .toEqual({ form: 'fact', text: 'they\'re opening a second warehouse in Shenzhen next spring' });
    // "he" or "she" after someone else's name may be either person: still left out.
    expect(fitDetail('Gabriel said she is leaving in May', toHer).value).toBeUndefined();
  });

  it('a fact whose subject opens with "their" is the employer\'s, told to the person written to as "your"', () => {
    expect(fitDetail('Their new environment for analysts is a shared JupyterHub on AWS', toHer).value)
      .toEqual({ form: 'fact', text: 'your new environment for analysts is a shared JupyterHub on AWS' });
    // In another person's part of the panel lead's note it stays theirs.
    expect(fitDetail('their new environment for analysts is a shared JupyterHub on AWS', { names: ['Sam', 'Ruiz'], as: { name: 'Mr. Ruiz' } }).value)
      .toEqual({ form: 'fact', text: 'their new environment for analysts is a shared JupyterHub on AWS' });
  });

  it('"her point about X" is a topic even where compromise reads "point" as a verb, and a reaction after it is the note\'s to say', () => {
    // Was a fact: "It was helpful to hear that your point about shipping small."
    expect(fitDetail('her point about shipping small', toHer).value).toEqual({ form: 'topic', text: 'your point about shipping small' });
    expect(fitDetail('Her point about "shipping small" really stuck with me.', toHer).value).toEqual({ form: 'topic', text: 'your point about \u201Cshipping small\u201D' });
    expect(fitDetail('the migration plan was really interesting', toHer).value).toEqual({ form: 'topic', text: 'the migration plan' });
    // A clause before the reaction is the detail, without the reaction.
    expect(fitDetail('she said the team ships weekly, which really stuck with me', toHer).value).toEqual({ form: 'fact', text: 'the team ships weekly' });
  });

  it('a capitalised word compromise does not know, reporting news ("Priya said…"), is a speaker: the news is the fact', () => {
    expect(fitDetail('Priya said the data platform team is only four people', toHer).value)
      .toEqual({ form: 'fact', text: 'the data platform team is only four people' });
    // A capitalised everyday word at the start is no name: "Customers said…" stays whole.
    expect(fitDetail('Customers said the app is slow at checkout', toHer).value).toEqual({ form: 'fact', text: 'Customers said the app is slow at checkout' });
  });
});

describe('reading round 21 (call scripts and thank-you notes)', () => {
  it('a present habit of theirs and an act in the interview are two points, whatever the act asked or said', () => {
    // Was "It was helpful to hear that you coach the U14 rugby team and asked if I'd help with fixtures on Saturdays."
    const rugby = fitDetail('He coaches the U14 rugby team and asked if I\'d help with fixtures on Saturdays', toHer);
    expect(rugby.value).toEqual({ form: 'fact', text: 'you coach the U14 rugby team' });
    expect(rugby.dropped).toEqual([{ text: 'asked if I\'d help with fixtures on Saturdays', reason: 'several_points' }]);
    expect(fitDetail('She leads the platform team and asked whether I know Terraform', toHer).value).toEqual({ form: 'fact', text: 'you lead the platform team' });
    expect(fitDetail('She runs the Leeds office and mentioned they are hiring two more', toHer).value).toEqual({ form: 'fact', text: 'you run the Leeds office' });
    // Two acts in the interview stay one point; so does a subject whose second noun has a verb after it.
    expect(fitDetail('she walked me through the roadmap and asked what I thought about it', toHer).value)
      .toEqual({ form: 'act', text: 'you walked me through the roadmap and asked what I thought about it' });
    expect(fitDetail('the plan and revised forecast are due in May', toHer).value).toBeUndefined();
  });

  it('a name typed with a mark is no typo, and a point the check refuses gives way to the next one', () => {
    // Was "It was helpful to hear that zoo's dog was in the background the whole call."
    const d = noteWith({ details: { p1: 'zoë\'s dog was in the background the whole call lol, she said the design system is getting rebuilt in Figma' } });
    expect(d.body).toContain('It was helpful to hear that the design system is getting rebuilt in Figma.');
    expect(d.body).not.toMatch(/zoo|dog/);
    expect(d.leftOut).toEqual([{ field: 'details', text: 'zoë\'s dog was in the background the whole call', reason: 'spelling', personId: 'p1' }]);
    // A slip in a plain word is still corrected.
    expect(noteWith({ details: { p1: 'the plan to move reporting to a single warehuose' } }).body).toContain('single warehouse');
  });
});
