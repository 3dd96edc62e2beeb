/** Each rule L1–L12 on small texts: what it flags (by excerpt), what it leaves alone, and when it does not run. */
import { describe, expect, it } from 'vitest';
import { checkTone, checkToneData, type Finding, type Speller, type ToneInput, type ToneRule } from './index.js';

const GRACE: Omit<ToneInput, 'text'> = {
  recipient: { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', informal: false },
  application: { company: 'Acme Corp', role: 'Data Analyst' },
  candidate: { name: 'Jordan Lee' },
  otherCompanies: ['Globex', 'Initech'],
  people: ['Grace Okafor', 'Sam Ruiz'],
};

/** A small dictionary: enough words for the L12 tests, with the real speller's behaviour for the rest. */
function fakeSpeller(words: string): Speller {
  const known = new Set(words.split(/\s+/));
  return {
    correct: (w) => known.has(w) || known.has(w.toLowerCase()),
    suggest: (w) => [...known].filter((k) => k.length === w.length && k[0] === w[0]).slice(0, 2),
  };
}

function excerpts(text: string, findings: readonly Finding[], rule: ToneRule): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => text.slice(f.start, f.end));
}

function flagged(rule: ToneRule, text: string, ctx: Omit<ToneInput, 'text'> = {}, speller?: Speller): string[] {
  return excerpts(text, checkTone({ ...ctx, text }, speller ? { speller } : {}), rule);
}

function codes(rule: ToneRule, text: string, ctx: Omit<ToneInput, 'text'> = {}): string[] {
  return checkTone({ ...ctx, text }).filter((f) => f.rule === rule).map((f) => f.code);
}

const note = (body: string, greeting = 'Dear Dr. Okafor,', signoff = 'Sincerely,\nJordan Lee'): string => `${greeting}\n\n${body}\n\n${signoff}`;

describe('L1 emoji and emoticons', () => {
  it.each([
    ['Thanks 😀 for today', ['😀']],
    ['Great 👍🏽 talk', ['👍🏽']],
    ['From 🇬🇧 with thanks', ['🇬🇧']],
    ['Reason 1️⃣ and #️⃣ tags', ['1️⃣', '#️⃣']],
    ['A developer 👩‍💻 here', ['👩‍💻']],
    ['Thanks :) and ;-) and :-( and :D and :P', [':)', ';-)', ':-(', ':D', ':P']],
    ['Thanks:) see you', [':)']],
    ['Love it <3 really', ['<3']],
    ['Happy ^_^ and -_- and o_O and xD', ['^_^', '-_-', 'o_O', 'xD']],
    ["It's fine :'( okay", [":'("]],
    ['Whatever ¯\\_(ツ)_/¯ works', ['¯\\_(ツ)_/¯']],
    ['Cute (◕‿◕) face', ['(◕‿◕)']],
  ])('flags %j', (text, expected) => {
    expect(flagged('L1', text)).toEqual(expected);
  });

  it.each([
    'Meet at 10:30 (see 3:00).',
    'Q3: revenue grew; Q4: flat.',
    'The ratio was 2:1 and 3:2.',
    'See https://example.com/a:b and http://x.org/',
    'Items: (a) first, (b) second.',
    'Note:Do not forget; Re:Plans',
    'We need <3 weeks and <3 days.',
    'I use Adobe XD daily.',
    'Acme\u2122 and Globex\u00AE and \u00A9 2026',
    'x=3 and y=(2)',
  ])('leaves %j alone', (text) => {
    expect(flagged('L1', text)).toEqual([]);
  });
});

describe('L2 exclamation marks', () => {
  it('allows exactly one', () => {
    expect(flagged('L2', 'It was great to meet you!')).toEqual([]);
  });
  it('flags runs and interrobangs', () => {
    expect(flagged('L2', 'Thanks!! Any news?! Really!?')).toEqual(['!!', '?!', '!?']);
  });
  it('flags every mark after the first', () => {
    const f = checkTone({ text: 'Great! Thanks! Bye!' }).filter((x) => x.rule === 'L2');
    expect(f.map((x) => x.start)).toEqual([13, 18]);
    expect(f[0]?.message).toContain('3 exclamation marks');
  });
  it('keeps a company name with its mark out of it', () => {
    expect(flagged('L2', 'I applied to Yahoo! and the team at Yahoo! was kind!', { application: { company: 'Yahoo!' } })).toEqual([]);
  });
  it('does not count question marks alone', () => {
    expect(flagged('L2', 'Any news?? Any date?')).toEqual([]);
  });
});

describe('L3 over-excitement', () => {
  it.each([
    ['It was amazing and super useful.', ['amazing', 'super']],
    ['I am incredibly and extremely keen.', ['incredibly', 'extremely']],
    ['Thanks sooo much, pleeease and yesss.', ['sooo', 'pleeease', 'yesss']],
    ['I really really enjoyed it, very very much.', ['really really', 'very very']],
    ['I am over the moon and so excited.', ['over the moon', 'so excited']],
  ])('flags %j', (text, expected) => {
    expect(flagged('L3', text)).toEqual(expected);
  });
  it.each([
    'Thank you very much; I really enjoyed it.',
    'I moved our exports off Epic Systems before the Super Bowl.',
    'See section III and www.example.com, or call 555-0100.',
    'I am grateful for the excellent conversation.',
  ])('leaves %j alone', (text) => {
    expect(flagged('L3', text)).toEqual([]);
  });
  it('suggests the plain word for a stretched one', () => {
    const [f] = checkTone({ text: 'Talk sooooon.' }).filter((x) => x.rule === 'L3');
    expect(f?.suggestion).toBe('Write \u201Csoon\u201D.');
  });
  it('leaves intensifier words inside names from the records alone', () => {
    expect(flagged('L3', 'Thank you for the interview at Awesome Inc.', { application: { company: 'Awesome Inc' } })).toEqual([]);
  });
});

describe('L4 desperation, pressure, frustration', () => {
  it.each([
    ['I really need this job.', ['I really need this job']],
    ['Please reply ASAP and A.S.A.P.', ['ASAP', 'A.S.A.P.']],
    ["I haven't heard back yet!? As I said before, I can start.", ["haven't heard back", 'As I said before']],
    ['I haven\u2019t heard anything. Why haven\u2019t you answered?', ['haven\u2019t heard anything', 'Why haven\u2019t you']],
    ['This is frustrating and honestly unacceptable.', ['frustrating', 'unacceptable']],
    ['I have emailed you three times. This is my second email.', ['emailed you three times', 'This is my second email']],
    ['Please, please hire me; you are my last hope.', ['Please, please', 'hire me', 'my last hope']],
  ])('flags %j', (text, expected) => {
    const got = flagged('L4', text);
    for (const e of expected) expect(got.some((g) => g.includes(e) || e.includes(g))).toBe(true);
  });
  it.each([
    'As I mentioned in the interview, I led the migration.',
    'I look forward to hearing back from you.',
    'I need to prepare for the next round.',
  ])('leaves %j alone', (text) => {
    expect(flagged('L4', text)).toEqual([]);
  });
});

describe('L4 passive aggression', () => {
  const phrases = (text: string): string[] => checkToneData({ text }).flatMap((f) => (f.rule === 'L4' && f.code === 'passive_aggression' ? [`${f.phrase}: ${text.slice(f.start, f.end)}`] : []));
  it.each([
    ['As per my last email, I can start in April.', 'earlier_message: As per my last email'],
    ['Per my previous message, the portfolio is attached.', 'earlier_message: Per my previous message'],
    ['As I mentioned in my previous email, I remain interested.', 'earlier_message: As I mentioned in my previous email'],
    ['Please see my email below.', 'earlier_message: Please see my email below'],
    ['In case you missed my last email, I interviewed on 3 March.', 'earlier_message: In case you missed my last email'],
    ['As I said before, I am available.', 'said_before: As I said before'],
    ['As I\u2019ve said before, I am available.', 'said_before: As I\u2019ve said before'],
    ['Like I said, I can start in May.', 'said_before: Like I said'],
    ['I am following up again on my application.', 'again: I am following up again'],
    ['Following up again on the Data Analyst role.', 'again: Following up again'],
    ['Just circling back again on this.', 'again: Just circling back again'],
    ['I wanted to check in once again about the role.', 'again: I wanted to check in once again'],
    ['Once again, I am writing about the role.', 'again: Once again, I am writing'],
    ['Sorry to bother you again.', 'again: Sorry to bother you again'],
    ['Bumping this.', 'bump: Bumping this'],
    ['Just bumping this to the top of your inbox.', 'bump: Just bumping this to the top of your inbox'],
    ['Bump', 'bump: Bump'],
    ['Just a friendly reminder about my application.', 'bump: Just a friendly reminder'],
    ['I\u2019m sure you\u2019re busy, but I would like an update.', 'busy_but: I\u2019m sure you\u2019re busy, but'],
    ['I know you are very busy, but has a decision been made?', 'busy_but: I know you are very busy, but'],
    ['I need an answer by Friday.', 'deadline: I need an answer by Friday'],
    ['I need an answer by the end of the week.', 'deadline: I need an answer by the end of the week'],
    ['Please respond by Friday.', 'deadline: Please respond by Friday'],
    ['If I don\u2019t hear back by Friday, I will assume the post is filled.', 'deadline: If I don\u2019t hear back by Friday'],
    ['I\'ve followed up several times.', 'repeated: I\'ve followed up several times'],
    ['I have reached out three times now.', 'repeated: I have reached out three times'],
    ['This is yet another email about the role.', 'repeated: yet another email'],
  ])('flags %j as one finding with its kind', (text, expected) => {
    expect(phrases(text)).toEqual([expected]);
  });

  it('counts a missing answer as a reproach', () => {
    expect(codes('L4', 'I still have not received a response.')).toEqual(['reproach']);
    expect(flagged('L4', 'I still haven\u2019t received a reply to my note.')).toEqual(['I still haven\u2019t received a reply']);
  });

  it.each([
    'I am following up on our conversation.',
    'As we discussed on Tuesday, I\'ve attached the portfolio.',
    'I\'m following up on my application.',
    'I know this is a busy time of year.',
    'Once again, thank you for your time.',
    'If it suits you, I will check in again in about a week.',
    'Would it be all right if I call you again in a week?',
    'I have another offer and need to give them an answer by Friday; is there any news on your timeline?',
    'Please let me know by Friday if you would like the notebook as well.',
    'As I mentioned in my cover letter, I have led two migrations.',
    'I bumped into Sam Ruiz at the conference.',
    'Could we bump it to Thursday? The launch was bumped up a week.',
    'I am still keen on the role.',
  ])('leaves %j alone', (text) => {
    expect(flagged('L4', text)).toEqual([]);
  });

  it('names the phrase and suggests a calmer wording', () => {
    const [f] = checkTone({ text: 'Just bumping this.' });
    expect(f?.message).toBe('\u201CJust bumping this\u201D treats your note as something they overlooked, which reads as passive-aggressive.');
    expect(f?.suggestion).toBe('Remove \u201CJust bumping this\u201D. Check in with a full sentence, e.g. \u201CI wanted to check whether there is any update on the decision.\u201D');
    const [d] = checkTone({ text: 'I need an answer by Friday.' });
    expect(d?.suggestion).toMatch(/^Remove \u201CI need an answer by Friday\u201D\. Ask instead, e\.g\. \u201CCould you let me know when you expect to decide\?\u201D/);
  });
});

describe('L5 uninvited familiarity', () => {
  it('flags a casual greeting and the first name', () => {
    expect(flagged('L5', note('Thanks for today, Grace.', 'Hey Grace,'), GRACE)).toEqual(['Hey', 'Grace', 'Grace']);
  });
  it('suggests the formal address from the record', () => {
    const [f] = checkTone({ ...GRACE, text: 'Hi Grace, thanks.' }).filter((x) => x.rule === 'L5');
    expect(f?.suggestion).toBe('Open with \u201CDear Dr. Okafor,\u201D.');
  });
  it('accepts the full name and the formal address', () => {
    expect(flagged('L5', note('I enjoyed meeting Grace Okafor and Dr. Okafor.'), GRACE)).toEqual([]);
  });
  it('does not run when they invited informality, or without a recipient', () => {
    expect(flagged('L5', 'Hey Grace, thanks!', { ...GRACE, recipient: { name: 'Grace Okafor', informal: true } })).toEqual([]);
    expect(flagged('L5', 'Hey Grace, thanks!')).toEqual([]);
  });
  it('flags a first name that is also a word only where it addresses them', () => {
    const will = { recipient: { name: 'Will Harper', honorific: 'Mr.' } };
    expect(flagged('L5', 'Will the team grow? I will call. Thanks again, Will.', will)).toEqual(['Will']);
    expect(flagged('L5', 'Dear Will,\n\nThank you.', will)).toEqual(['Will']);
  });
  it('does not confuse a namesake with the recipient', () => {
    const sam = { recipient: { name: 'Sam Ruiz', honorific: 'Mr.' }, candidate: { name: 'Sam Lee' } };
    expect(flagged('L5', 'Dear Mr. Ruiz,\n\nThank you.\n\nSincerely,\nSam Lee', sam)).toEqual([]);
  });
});

describe('L6 names and titles', () => {
  it('flags a misspelled surname beside a title', () => {
    expect(flagged('L6', 'Dear Dr. Okafer,', GRACE)).toEqual(['Okafer']);
  });
  it('flags names without their accents', () => {
    const ctx = { recipient: { name: 'Zoë Ñúñez', honorific: 'Ms.' } };
    expect(flagged('L6', 'Dear Ms. Nunez, thank you, Zoe Ñúñez said.', ctx)).toEqual(['Nunez', 'Zoe']);
  });
  it('flags the wrong honorific', () => {
    expect(flagged('L6', 'Dear Ms. Okafor,', GRACE)).toEqual(['Ms.']);
  });
  it('flags someone not on this application', () => {
    expect(flagged('L6', 'Dear Dr. Okafor,\n\nDr. Patel asked a good question, and so did Mr. Ruiz.', GRACE)).toEqual(['Dr. Patel']);
    expect(flagged('L6', 'Dear Sarah,\n\nThank you.', GRACE)).toEqual(['Sarah']);
  });
  it('flags a misspelled job title', () => {
    expect(flagged('L6', 'As Head of Analitics you plan the quarter.', GRACE)).toEqual(['Head of Analitics']);
    expect(flagged('L6', 'As head of analytics you plan the quarter.', GRACE)).toEqual([]);
  });
  it('leaves dictionary words and sentence starts alone', () => {
    expect(flagged('L6', 'Grade the report. Grace Okafor, Sam Ruiz and Okafor\u2019s team.', GRACE)).toEqual([]);
  });
  it.each([
    ['As Head of Engineering you plan the quarter.', 'Head of Engineering'],
    ['As the Head of Engineering at Acme Corp, you set the bar.', 'Head of Engineering'],
    ['As head of engineering, you plan the quarter.', 'head of engineering'],
    ['Your role as VP of Sales sounds demanding.', 'VP of Sales'],
    ['I admired how you, as Director of Operations, ran the day.', 'Director of Operations'],
    ['Thank you, as Chief Data Officer, for the tour.', 'Chief Data Officer'],
    ['You\u2019re the Engineering Manager, so you know the stack.', 'Engineering Manager'],
    ['As CTO, you must see many candidates.', 'CTO'],
    ['As Senior Head of Analytics, you plan the quarter.', 'Senior Head of Analytics'],
    ['Dr. Okafor, Head of Engineering, thank you.', 'Head of Engineering'],
    ['Grace Okafor (Chief Technology Officer) was kind.', 'Chief Technology Officer'],
  ])('flags %j, a title given to the recipient that is not theirs', (text, found) => {
    expect(checkTone({ ...GRACE, text }).filter((f) => f.rule === 'L6').map((f) => [f.code, text.slice(f.start, f.end)])).toEqual([['title_wrong', found]]);
  });
  it('says which title the record holds', () => {
    const [f] = checkTone({ ...GRACE, text: 'As Head of Engineering you plan the quarter.' }).filter((x) => x.rule === 'L6');
    expect(f?.message).toBe('\u201CHead of Engineering\u201D is not their job title: the record says \u201CHead of Analytics\u201D.');
    expect(f?.suggestion).toBe('Write \u201CHead of Analytics\u201D, or correct their title in the record if it has changed.');
  });
  it('reads a title a letter off the record as misspelled, not another job', () => {
    expect(codes('L6', 'As Analitics Head, you plan the quarter.', GRACE)).toEqual(['title_misspelled']);
  });
  it.each([
    'As Head of Analytics you plan the quarter.',
    'As the Analytics Head, you plan the quarter.',
    'As Head of Analytics and Data Science, you see the whole picture.',
    'I enjoyed meeting Sam Ruiz, Head of Engineering, and hearing about the stack.',
    'Sam Ruiz (Head of Engineering) asked about dbt.',
    'As Head of Engineering, Sam Ruiz explained the roadmap.',
    'The Head of Engineering mentioned the migration.',
    'As the Head of Engineering explained, your team ships weekly.',
    'As a Senior Data Analyst at Initech, I led the migration.',
    'As Data Analyst, I would build the churn dashboard you described.',
    'Your point as a manager was clear.',
    'I would report to the Engineering Manager, who you said joins in April.',
    'Thank you for explaining how the head of the team plans work.',
    'As head of engineering plans the quarter, you help.',
    'Sincerely,\nJordan Lee\nSenior Data Analyst, Initech',
  ])('leaves %j alone (their own title, someone else\u2019s, the post, generic words)', (text) => {
    expect(flagged('L6', text, GRACE)).toEqual([]);
  });
  it('reads the recipient\'s own honorific before their name as how they are addressed, not as a job title', () => {
    const director = { ...GRACE, recipient: { name: 'Grace Okafor', honorific: 'Director', title: 'Data Scientist', informal: false } };
    expect(flagged('L6', 'If Director Okafor is not available, I will call back.', director)).toEqual([]);
    expect(codes('L6', 'As Director of Engineering, you must be busy.', director)).toEqual(['title_wrong']);
  });
  it('judges titles only against a recorded title', () => {
    expect(flagged('L6', 'As Head of Engineering you plan the quarter.', { ...GRACE, recipient: { name: 'Grace Okafor', honorific: 'Dr.' } })).toEqual([]);
  });
  it('does not run without a recipient or people', () => {
    expect(flagged('L6', 'Dear Dr. Okafer, Dr. Patel said hi.')).toEqual([]);
  });
});

describe('L8 company and post', () => {
  it('flags another company of the pipeline and the missing company', () => {
    const text = note('Thank you for the Data Analyst interview at Globex.');
    expect(codes('L8', text, GRACE)).toEqual(['missing_company', 'other_company']);
    const other = checkTone({ ...GRACE, text }).find((f) => f.code === 'other_company');
    expect(other).toMatchObject({ severity: 'error', suggestion: 'Replace \u201CGlobex\u201D with \u201CAcme Corp\u201D.' });
    expect(text.slice(other?.start, other?.end)).toBe('Globex');
  });
  it('accepts the company by its short name, in capitals or by initials, and the post by its head noun', () => {
    expect(codes('L8', 'Thanks for the analyst interview at Acme.', GRACE)).toEqual([]);
    expect(codes('L8', 'Thanks for the analyst interview at ACME CORP.', GRACE)).toEqual([]);
    expect(codes('L8', 'Thanks for the coordinator interview at BHL.', { application: { company: 'Blue Harbor Logistics', role: 'Operations Coordinator' } })).toEqual([]);
  });
  it.each([
    ["Zo\u00EB's Caf\u00E9", 'Thanks for the barista interview at Zo\u00EB\u2019s Caf\u00E9.'],
    ["Zo\u00EB's Caf\u00E9", "Thanks for the barista interview at Zoe's Cafe."],
    ['Zo\u00EB\u2019s Caf\u00E9', "Thanks for the barista interview at Zo\u00EB's Caf\u00E9."],
    ["Zo\u00EB's Caf\u00E9", 'Thanks for the barista interview at ZOE\u2019S CAFE.'],
    ['Marks & Spencer', 'Thanks for the barista interview at Marks and Spencer.'],
    ['Marks and Spencer', 'Thanks for the barista interview at Marks & Spencer.'],
    ['Marks & Spencer plc', 'Thanks for the barista interview at M&S.'],
    ['Smith & Co.', 'Thanks for the barista interview at Smith.'],
    ['Acme, Inc.', 'Thanks for the barista interview at Acme Inc.'],
    ['Acme Inc', 'Thanks for the barista interview at Acme, Inc.'],
    ['Acme LLC', 'Thanks for the barista interview at Acme.'],
    ['Acme', 'Thanks for the barista interview at Acme Ltd.'],
  ])('finds the company %j named in %j (accents, apostrophes, "&" or "and", legal forms)', (company, text) => {
    expect(codes('L8', text, { application: { company, role: 'Barista' } })).toEqual([]);
  });
  it('flags another company of the pipeline written with other accents, apostrophes or "and"', () => {
    const app = { application: { company: 'Acme Corp', role: 'Barista' } };
    expect(codes('L8', "Thanks for the barista interview at Acme. Zoe's Cafe was fun too.", { ...app, otherCompanies: ["Zo\u00EB's Caf\u00E9"] })).toEqual(['other_company']);
    expect(codes('L8', 'Thanks for the barista interview at Acme, not Marks and Spencer.', { ...app, otherCompanies: ['Marks & Spencer'] })).toEqual(['other_company']);
    expect(codes('L8', 'Thanks for the barista interview at Acme and Spencer.', { ...app, otherCompanies: ['Marks & Spencer'] })).toEqual([]);
  });
  it('flags a missing post', () => {
    expect(codes('L8', 'Thank you for the interview at Acme Corp.', GRACE)).toEqual(['missing_role']);
  });
  it('does not flag a word that is a company only when it names one', () => {
    expect(codes('L8', 'Our target is clear. Thanks for the analyst interview at Acme.', { ...GRACE, otherCompanies: ['Target'] })).toEqual([]);
  });
  it('only checks what the context gives', () => {
    expect(codes('L8', 'Globex is great.')).toEqual([]);
    expect(codes('L8', 'Globex is great.', { otherCompanies: ['Globex'] })).toEqual(['other_company']);
  });
});

describe('L9 length', () => {
  const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
  it.each([
    ['thank_you', 200],
    ['status_check', 150],
  ] as const)('%s: body within %i words passes, one more is flagged from the first extra word', (kind, limit) => {
    expect(codes('L9', note(words(limit)), { kind })).toEqual([]);
    const text = note(words(limit + 1));
    const [f] = checkTone({ kind, text }).filter((x) => x.rule === 'L9');
    expect(text.slice(f?.start, f?.end)).toBe(`word${limit}`);
    expect(f?.message).toContain(`${limit + 1} words`);
  });
  it('voicemail: 40 words; call script: 5 minutes at 150 words a minute', () => {
    expect(codes('L9', words(40), { kind: 'voicemail' })).toEqual([]);
    expect(codes('L9', words(41), { kind: 'voicemail' })).toEqual(['too_long']);
    expect(codes('L9', words(750), { kind: 'call_script' })).toEqual([]);
    const [f] = checkTone({ kind: 'call_script', text: words(900) }).filter((x) => x.rule === 'L9');
    expect(f?.message).toContain('about 6 minutes');
  });
  it('uses the limits given in settings', () => {
    expect(checkTone({ kind: 'voicemail', text: words(30) }, { settings: { maxWords: { thank_you: 200, status_check: 150, voicemail: 25 } } })
      .map((f) => f.code)).toContain('too_long');
  });
  it('does not run without a kind or for kinds without a limit', () => {
    expect(codes('L9', words(1000))).toEqual([]);
    expect(codes('L9', words(1000), { kind: 'update' })).toEqual([]);
  });
});

describe('L10 missing parts', () => {
  it('finds greeting, thanks, sign-off and detail in a complete thank-you', () => {
    expect(codes('L10', note('Thank you for the interview. Your point about weekly cohorts stayed with me.'), { ...GRACE, kind: 'thank_you' })).toEqual([]);
  });
  it('finds the detail a few words after its lead ("hearing about the demo you showed of the routing engine")', () => {
    expect(codes('L10', note('Thank you for the interview. I enjoyed hearing about the demo you showed of the routing engine.'), { ...GRACE, kind: 'thank_you' })).toEqual([]);
    expect(codes('L10', note('Thank you for the interview. I enjoyed hearing about the team and what you said about the role.'), { ...GRACE, kind: 'thank_you' })).toEqual(['no_detail']);
    // A decimal point is inside a number, not the end of a sentence that cuts the detail off.
    expect(codes('L10', note('Thank you for the interview. I enjoyed hearing about 3.5% monthly churn on the basic plan.'), { ...GRACE, kind: 'thank_you' })).toEqual([]);
  });
  it('flags each missing part', () => {
    expect(codes('L10', 'I enjoyed the interview.', { ...GRACE, kind: 'thank_you' })).toEqual(['no_greeting', 'no_thanks', 'no_signoff', 'no_detail']);
  });
  it('wants the full name in the sign-off', () => {
    expect(codes('L10', note('Thank you. Your point about cohorts stayed with me.', 'Dear Dr. Okafor,', 'Best,\nJordan'), { ...GRACE, kind: 'thank_you' })).toEqual(['no_signoff']);
  });
  it('suggests the British forms for British English, and accepts them as complete', () => {
    const uk = { ...GRACE, kind: 'thank_you' as const, english: 'GB' as const };
    const found = checkTone({ ...uk, text: 'I enjoyed the interview.' }).filter((f) => f.rule === 'L10');
    expect(found.find((f) => f.code === 'no_greeting')?.suggestion).toBe('Open with \u201CDear Dr Okafor,\u201D.');
    expect(found.find((f) => f.code === 'no_signoff')?.suggestion).toContain('\u201CYours sincerely,\u201D');
    const us = checkTone({ ...GRACE, kind: 'thank_you', english: 'US', text: 'I enjoyed the interview.' }).filter((f) => f.code === 'no_signoff');
    expect(us[0]?.suggestion).toContain('\u201CSincerely,\u201D');
    const british = note('Thank you for the interview. Your point about weekly cohorts stayed with me.', 'Dear Dr Okafor,', 'Yours sincerely,\nJordan Lee');
    expect(checkTone({ ...uk, text: british }).filter((f) => ['L5', 'L6', 'L10', 'L13'].includes(f.rule))).toEqual([]);
  });
  it('wants the candidate\u2019s name in a voicemail and no sign-off there', () => {
    expect(codes('L10', 'Hello, this is Jordan Lee about the analyst post. Call me on 555 0100.', { ...GRACE, kind: 'voicemail' })).toEqual([]);
    expect(codes('L10', 'Hello, calling about the analyst post. Call me on 555 0100.', { ...GRACE, kind: 'voicemail' })).toEqual(['no_signoff']);
  });
  it('does not ask a status check for a detail, and does not run without a kind', () => {
    expect(codes('L10', note('Thank you. Has a decision been made?'), { ...GRACE, kind: 'status_check' })).toEqual([]);
    expect(codes('L10', 'hello')).toEqual([]);
  });
  it('reads a subject line before the greeting', () => {
    expect(codes('L10', `Subject: Thank you\n\n${note('Thank you. Your point about cohorts stayed with me.')}`, { ...GRACE, kind: 'thank_you' })).toEqual([]);
  });
});

describe('L11 gifts and visits', () => {
  it.each([
    ['I sent flowers and a gift card.', ['sent flowers', 'gift card']],
    ['I will drop off a box of cookies for the team.', ['drop off a box of cookies']],
    ['I could stop by your office, or buy you a coffee.', ['stop by', 'buy you a coffee']],
    ['I would like to meet in person to discuss it.', ['meet in person']],
  ])('flags %j', (text, expected) => {
    expect(flagged('L11', text)).toEqual(expected);
  });
  it.each([
    'It was great to meet you in person.',
    'Thank you for letting me stop by the lab.',
    'Good analysts are hard to come by.',
    'She is a gifted speaker.',
  ])('leaves %j alone', (text) => {
    expect(flagged('L11', text)).toEqual([]);
  });
});

describe('L12 spelling and grammar', () => {
  const speller = fakeSpeller('thank thanks you for the interview i enjoyed it an a was great team meeting receive definitely colour organise dear sincerely could have than better hear from look forward to and more that before said will about plan at or met then');
  it('runs only with a speller', () => {
    expect(flagged('L12', 'Thank you for the interveiw.')).toEqual([]);
    expect(flagged('L12', 'Thank you for the interveiw.', {}, speller)).toEqual(['interveiw']);
  });
  it('suggests one-edit corrections the dictionary knows', () => {
    const [f] = checkTone({ text: 'I will recieve it.' }, { speller }).filter((x) => x.rule === 'L12');
    expect(f?.suggestion).toBe('Did you mean \u201Creceive\u201D?');
  });
  it('leaves names, acronyms, words with digits, addresses and record names alone', () => {
    const text = 'I met Kwabena at Zyxtrix about the KPI for Q3 at https://zyx.example/qwrtp or qwrtp@zyx.example, and Okafor\u2019s 3rd plan.';
    expect(flagged('L12', text, GRACE, speller)).toEqual([]);
  });
  it('flags a one-letter slip at a sentence start but not an unknown name there', () => {
    expect(flagged('L12', 'Thnak you. Kwabena said hi.', {}, speller)).toEqual(['Thnak']);
  });
  it('flags grammar slips', () => {
    const text = 'It was a interview and an great team. I could of said more then that, better then before. I look forward to hear from you. i enjoyed the the meeting.';
    expect(flagged('L12', text, {}, speller)).toEqual(['a interview', 'an great', 'could of', 'more then', 'better then', 'forward to hear', 'i', 'the the']);
  });
  it('accepts "an hour", "a one-off", "a European", "an MBA" and "would of course"', () => {
    expect(flagged('L12', 'an hour, a one, a European, an MBA, an x-ray; it would of course help', {}, fakeSpeller('an hour a one european mba x ray it would of course help'))).toEqual([]);
  });
});

describe('rules that lack their context do not run', () => {
  it('a bare text runs only the text rules', () => {
    const rules = new Set(checkToneData({ text: 'Hey Grace!! Globex is sooo great 😀. I need this job ASAP. Dr. Patel. I will send flowers.' }).map((f) => f.rule));
    expect([...rules].sort()).toEqual(['L1', 'L11', 'L2', 'L3', 'L4']);
  });
});

describe('checkToneData with only some rules', () => {
  it('runs the rules asked for and no other', () => {
    const text = 'Thank you!!! As per my last email, Globex would be great.';
    const rules = (only?: ReadonlySet<ToneRule>): string[] => [...new Set(checkToneData({ ...GRACE, text }, only ? { only } : {}).map((f) => f.rule))].sort();
    const all = rules();
    expect(all).toEqual(expect.arrayContaining(['L2', 'L4', 'L8']));
    expect(rules(new Set<ToneRule>(['L2']))).toEqual(['L2']);
    expect(rules(new Set<ToneRule>(['L4', 'L8']))).toEqual(['L4', 'L8']);
    expect(rules(new Set<ToneRule>())).toEqual([]);
  });
});
