import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { time } from '../testing.js';
import { dayOf, formatDay } from '../time.js';
import { readReply, writerOf, type ReplyContext } from './index.js';
import { ownText } from './own-text.js';

// Mon 2026-03-09, US calendar.
const US: ReplyContext = { receivedOn: dayOf(2026, 3, 9), calendar: time.calendar('US') };
const read = (text: string) => readReply(text, US);

describe('ownText: only the employer\'s new words', () => {
  it.each([
    ['"> " quoted lines', 'We would like to invite you to a final interview.\n> I would be thrilled to receive an offer.', ['We would like to invite you to a final interview.']],
    ['"On … wrote:" and after', 'Sounds good.\n\nOn Fri, Mar 6, 2026 at 9:12 AM Jordan Lee <jordan@example.com> wrote:\nHave you decided?', ['Sounds good.']],
    ['"On …" wrapped over two lines', 'Sounds good.\nOn Fri, Mar 6, 2026 at 9:12 AM Jordan Lee\n<jordan@example.com> wrote:\nHave you decided?', ['Sounds good.']],
    ['-----Original Message-----', 'Thanks.\n-----Original Message-----\nFrom: Jordan\nOffer?', ['Thanks.']],
    ['an Outlook From:/Sent: block', 'Thanks.\n\nFrom: Jordan Lee <jordan@example.com>\nSent: Friday, March 6, 2026 9:12 AM\nTo: Grace\nSubject: Offer', ['Thanks.']],
    ['the "-- " signature', 'Thanks.\n-- \nLena Fischer\n+49 30 1234 5678', ['Thanks.']],
    ['a closing and what follows', 'Thanks for your note.\n\nBest regards,\nSarah Chen\nSenior Recruiter | Acme', ['Thanks for your note.']],
    ['a disclaimer', 'Thanks.\nCONFIDENTIALITY NOTICE: this email is not an offer of employment.', ['Thanks.']],
    ['the greeting', 'Hi Jordan,\n\nThanks.', ['', 'Thanks.']],
    ['a name as the greeting', 'Jordan,\nWe will be in touch.', ['We will be in touch.']],
  ])('sets apart %s', (_what, text, lines) => {
    expect(ownText(text).lines).toEqual(lines);
  });

  it('keeps the subject of pasted headers', () => {
    expect(ownText('Subject: Automatic reply: Thank you\n\nAway until Monday.').subject).toBe('Automatic reply: Thank you');
  });
});

describe('readReply: classes, negations and quotes', () => {
  it.each([
    ['We have decided to move forward with other candidates.', 'rejection'],
    ["We'd like to move forward with your application.", 'next_round'],
    ['We are not moving forward with your application.', 'rejection'],
    ['We will not be inviting you to a second interview.', 'rejection'],
    ["We'd like to offer you a second interview.", 'next_round'],
    ["We'd like to offer you the position.", 'offer'],
    ['We are not able to offer you the position.', 'rejection'],
    ['Unfortunately the decision has been delayed until March 20.', 'not_decided'],
    ['If you are not successful, we will let you know.', 'other'],
    ['Could you send two references?', 'references_requested'],
    ['What is your notice period?', 'question'],
    ['Let me know if you have any questions.', 'other'],
    ['How are you?', 'other'],
    ['Automatic reply: I am out of the office until March 16.', 'out_of_office'],
  ])('%s → %s', (text, cls) => {
    expect(read(text).class).toBe(cls);
  });

  it('never reads the candidate\'s quoted words: an acknowledgement under a quoted "offer" stays other', () => {
    const r = read('Thanks, received.\n\nOn Fri, Mar 6, 2026 at 9:00 AM Jordan Lee wrote:\n> I would be thrilled to receive an offer. Could you tell me when you will decide?');
    expect(r.class).toBe('other');
    expect(r.evidence).toBe('');
  });

  it('gives the new date through F0 and the contract\'s proposal (CONTRACT example)', () => {
    const r = read('Hi Jordan,\n\nWe expect to make a final decision by March 20.\n\nBest,\nGrace');
    expect(r.class).toBe('not_decided');
    expect(r.decision.kind === 'date' ? formatDay(r.decision.day) : null).toBe('2026-03-20');
    expect(r.evidence).toBe('We expect to make a final decision by March 20.');
    expect(r.proposal).toEqual({ action: 'new_decision_date', rules: ['F6', 'F0', 'F1'], why: 'They have not decided yet and gave a new date.' });
  });

  it('never reads a date from another clause: "interviewing next week, deciding the week after" stays unread', () => {
    const r = read('We have more interviews next week and will make our decision the week after.');
    expect(r.class).toBe('not_decided');
    expect(r.decision.kind).toBe('unread');
    expect(r.proposal.action).toBe('wait_a_week');
  });

  it('shows both readings of "next Friday" instead of picking one', () => {
    const r = read('We will decide by next Friday.');
    expect(r.decision.kind).toBe('choices');
    expect(r.decision.kind === 'choices' ? r.decision.choices.map((c) => formatDay(c.day)) : []).toEqual(['2026-03-13', '2026-03-20']); // Fri, Fri
    expect(r.proposal.action).toBe('choose_decision_date');
  });

  it('reads "out through Friday" as back the next business day', () => {
    expect(formatDay(read('Automatic reply: I am out of the office through Friday, March 13.').returnOn ?? 0)).toBe('2026-03-16'); // Mon
  });

  it('an empty message, or only quoted history, is other with no evidence', () => {
    for (const text of ['', '   \n\n', '> only a quote\n> and more', 'On Mon, Mar 9, 2026 Jordan wrote:\nHello?']) {
      const r = read(text);
      expect(r).toMatchObject({ class: 'other', evidence: '', empty: true });
    }
  });
});

describe('writerOf', () => {
  const people = [{ id: 'p1', name: 'Grace Okafor', email: 'g.okafor@acme.example' }, { id: 'p2', name: 'Sam Ruiz' }];
  it('names the person who signed, not a colleague named in the body', () => {
    expect(writerOf('Sam Ruiz will call you.\n\nBest,\nGrace Okafor\nHead of Analytics', people)).toBe('p1');
    expect(writerOf('Thanks.\n\nBest,\nDana', people)).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws, and never gives a date before the day the reply came, on any text', () => {
    const pieces = ['We will decide by ', 'next Friday', 'March 20', 'within two weeks', '> quoted', '\n', 'Best,\n', 'not ', 'offer you the role', '?', 'until ', 'Monday', '\u{1F600}', '\u0645\u0631\u062D\u0628\u0627', '...'];
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 30 }), (parts) => {
      const r = read(parts.join(''));
      if (r.decision.kind === 'date') expect(r.decision.day).toBeGreaterThanOrEqual(US.receivedOn);
      if (r.returnOn !== null) expect(r.returnOn).toBeGreaterThanOrEqual(US.receivedOn);
    }), { numRuns: 300 });
  });

  it('reads a 10 kB message without stops, and one of punctuation only', () => {
    const long = read('we will decide by March 20 '.repeat(400));
    expect(long.class).toBe('not_decided');
    expect(long.decision.kind === 'date' ? formatDay(long.decision.day) : null).toBe('2026-03-20');
    expect(read('?!.,;:'.repeat(2000))).toMatchObject({ class: 'other', evidence: '' });
  });
});
