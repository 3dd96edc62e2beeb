import { describe, expect, it } from 'vitest';
import { time } from '../testing.js';
import { formatDay, parseInstant } from '../time.js';
import type { Application, Interview } from '../model.js';
import {
  buildMatchIndex, decodeWords, inferSentKind, isLookalike, mailText, matchMessage, parseAddressList, parseHeaderBlock,
  parseMailDate, readInbound, registrableDomain, type MatchApplication,
} from './index.js';

const utc = time.zone('UTC');
const at = (iso: string): number => {
  const ms = parseInstant(iso, utc);
  if (ms === null) throw new Error(iso);
  return ms;
};

const acme: MatchApplication = {
  id: 'app-acme', company: 'Acme Corp', role: 'Data Analyst', postingUrl: 'https://careers.acme.example/jobs/42',
  people: [{ id: 'p-sarah', email: 'Sarah.Chen@acme.example' }, { id: 'p-gmail', email: 'jo.recruits@gmail.com' }],
};
const globex: MatchApplication = {
  id: 'app-globex', company: 'Globex Ltd', role: 'Product Manager', postingUrl: 'https://boards.greenhouse.io/globex/jobs/7',
  people: [{ id: 'p-hank', email: 'hank@globex.co.uk' }],
};
const index = buildMatchIndex([acme, globex], { ownAddresses: ['jordan@example.com'], threads: [['sent-1@example.com', 'app-globex']] });

const headers = (lines: string): ReturnType<typeof parseHeaderBlock> => parseHeaderBlock(lines.trim().replace(/\n\s+/g, '\n'));

describe('parseHeaderBlock', () => {
  it('reads addresses, the date, ids and machine markers', () => {
    const f = headers(`
      From: "Chen, Sarah" <Sarah.Chen@acme.example>
      To: Jordan Lee <jordan@example.com>, undisclosed-recipients:;
      Date: Tue, 3 Mar 2026 10:15:00 -0500
      Subject: =?UTF-8?Q?Your_interview_=E2=80=93_next_steps?=
      Message-ID: <abc@acme.example>
      In-Reply-To: <sent-1@example.com>
      References: <x@y> <sent-1@example.com>
      Auto-Submitted: auto-replied
      Content-Type: multipart/report; report-type="delivery-status"; boundary="b"
    `);
    expect(f.from).toEqual([{ name: 'Chen, Sarah', address: 'sarah.chen@acme.example' }]);
    expect(f.to.map((a) => a.address)).toEqual(['jordan@example.com']);
    // Tue 2026-03-03 10:15 at -05:00 is 15:15 UTC.
    expect(f.date).toBe(at('2026-03-03T15:15:00Z'));
    expect(f.subject).toBe('Your interview \u2013 next steps');
    expect(f.messageId).toBe('abc@acme.example');
    expect(f.inReplyTo).toEqual(['sent-1@example.com']);
    expect(f.references).toEqual(['x@y', 'sent-1@example.com']);
    expect(f.autoSubmitted).toBe('auto-replied');
    expect(f.reportType).toBe('delivery-status');
  });

  it('keeps a name with an encoded line break on one line (no header injection)', () => {
    // "Eve\r\nBcc: all@evil.example" encoded as one word.
    const [a] = parseAddressList('=?utf-8?B?RXZlDQpCY2M6IGFsbEBldmlsLmV4YW1wbGU=?= <eve@evil.example>');
    expect(a).toEqual({ name: 'Eve Bcc: all@evil.example', address: 'eve@evil.example' });
    expect(decodeWords('=?iso-8859-1?Q?Jos=E9?= =?utf-8?B?w4FsdmFyZXo=?=')).toBe('Jos\u00E9\u00C1lvarez');
  });

  it('returns empty facts for garbage and never throws', () => {
    const f = parseHeaderBlock('\u0000\u00ff<<>>:::\n\n\nbody');
    expect(f.from).toEqual([]);
    expect(f.date).toBeNull();
    expect(parseMailDate('Mon, 31 Feb 2026 10:00:00 +0000')).toBeNull();
  });
});

describe('domains', () => {
  it('takes the registrable domain, with multi-part suffixes', () => {
    expect(registrableDomain('a@hr.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('mail.acme.com')).toBe('acme.com');
  });
  it.each([
    ['examp1e.com', 'example.com'], ['exarnple.com', 'example.com'], ['ex-ample.com', 'example.com'],
    ['xn--exmple-4nf.com', 'example.com'], ['exampel.com', 'example.com'], ['ex\u0430mple.com', 'example.com'],
  ])('%s passes for %s', (a, b) => expect(isLookalike(a, b)).toBe(true));
  it.each([['example.com', 'example.com'], ['acme.com', 'globex.com'], ['example.org', 'example.com']])('%s does not pass for %s', (a, b) => {
    expect(isLookalike(a, b)).toBe(false);
  });
});

describe('matchMessage', () => {
  const from = (addr: string, extra = ''): ReturnType<typeof parseHeaderBlock> => headers(`From: ${addr}\nTo: jordan@example.com\n${extra}`);
  it('matches a person, then a domain, then a hiring system, then a thread', () => {
    expect(matchMessage(from('Sarah <sarah.chen@acme.example>'), index)).toMatchObject({ applicationId: 'app-acme', by: 'person', personIds: ['p-sarah'], direction: 'inbound' });
    expect(matchMessage(from('bob@mail.acme.example'), index)).toMatchObject({ applicationId: 'app-acme', by: 'domain' });
    expect(matchMessage(from('"Globex Recruiting" <no-reply@us.greenhouse-mail.io>'), index)).toMatchObject({ applicationId: 'app-globex', by: 'hiring_system' });
    expect(matchMessage(from('someone@elsewhere.example', 'In-Reply-To: <sent-1@example.com>'), index)).toMatchObject({ applicationId: 'app-globex', by: 'thread' });
    expect(matchMessage(from('stranger@gmail.com'), index)).toMatchObject({ applicationId: null, by: null });
  });
  it('never matches a lookalike and reports it', () => {
    const m = matchMessage(from('"Sarah Chen" <sarah.chen@acrne.example>', 'In-Reply-To: <sent-1@example.com>'), index);
    expect(m.applicationId).toBeNull();
    expect(m.suspicious).toEqual([{ address: 'sarah.chen@acrne.example', resembles: 'acme.example', applicationIds: ['app-acme'] }]);
  });
  it('reads a sent message by its recipients', () => {
    const f = headers('From: Jordan <jordan@example.com>\nTo: hank@globex.co.uk');
    expect(matchMessage(f, index)).toMatchObject({ direction: 'outbound', applicationId: 'app-globex', by: 'person', personIds: ['p-hank'] });
  });
});

describe('mailText', () => {
  it('prefers text/plain, else reads HTML without scripts, styles or hidden content', () => {
    expect(mailText({ text: 'Hello', html: '<p>Other</p>' })).toEqual({ text: 'Hello', source: 'text', truncated: false });
    const html = '<html><head><title>T</title><style>p{}</style></head><body><script>alert(1)</script><p>We would like to</p><p>invite you &amp; meet.</p><div style="display:none">secret</div><span hidden>x</span></body></html>';
    expect(mailText({ html })).toEqual({ text: 'We would like to\n\ninvite you & meet.', source: 'html', truncated: false });
    expect(mailText({})).toEqual({ text: '', source: 'none', truncated: false });
  });
});

const interview: Interview = {
  id: 'iv-1', start: at('2026-03-04T14:00:00Z'), end: at('2026-03-04T15:00:00Z'), timeZone: 'America/New_York', stage: 'first_round',
  format: 'video', panel: false, peopleIds: [], timeline: {}, goAhead: false, referencesRequested: false,
};

describe('inferSentKind', () => {
  const app = { interviews: [interview] };
  it.each([
    // Wed 2026-03-04, two hours after the interview.
    ['2026-03-04T17:00:00Z', 'Thank you for your time today', 'Thank you for taking the time to speak with me today about the role.', false, 'thank_you'],
    // Thu 2026-03-12
    ['2026-03-12T14:00:00Z', 'Following up', 'I wanted to follow up on my interview last week and ask whether there is any update on the timeline.', false, 'status_check'],
    // Fri 2026-03-06
    ['2026-03-06T14:00:00Z', 'Re: Next steps', 'Tuesday at 10 works well for me.', true, 'reply'],
    // Mon 2026-03-09
    ['2026-03-09T14:00:00Z', 'An update', 'I wanted to let you know that I have received another offer with a deadline of March 20.', false, 'update'],
  ] as const)('%s %s → %s', (when, subject, text, answersEmployer, kind) => {
    expect(inferSentKind({ at: at(when), subject, text, answersEmployer }, app).kind).toBe(kind);
  });
});

describe('readInbound', () => {
  const app: Pick<Application, 'people' | 'timeZone' | 'region'> = {
    people: [{ id: 'p-sarah', name: 'Sarah Chen', role: 'recruiter', email: 'sarah.chen@acme.example', informal: false, verified: true }],
    timeZone: 'America/New_York', region: 'US',
  };
  const ctx = { time, settings: { region: 'US', timeZone: 'America/New_York' } };
  it('reads a new decision date from the employer\u2019s words', () => {
    // Mon 2026-03-09
    const f = headers('From: Sarah Chen <sarah.chen@acme.example>\nDate: Mon, 9 Mar 2026 10:00:00 -0400\nSubject: Re: Following up');
    const r = readInbound({ facts: f, receivedAt: at('2026-03-09T14:00:00Z'), text: 'Hi Jordan,\n\nWe have not made a decision yet; we expect to decide by March 20.\n\nBest,\nSarah' }, app, ctx);
    expect(r.class).toBe('not_decided');
    expect(r.writerId).toBe('p-sarah');
    expect(r.reply?.decision.kind === 'date' ? formatDay(r.reply.decision.day) : null).toBe('2026-03-20');
  });
  it('reads a bounce and the failed recipient', () => {
    const f = headers('From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied');
    const text = 'I\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<sara.chen@acme.example>: host mx.acme.example said: 550 5.1.1 <sara.chen@acme.example>: Recipient address rejected: User unknown';
    const r = readInbound({ facts: f, receivedAt: at('2026-03-09T14:00:00Z'), text }, app, ctx);
    expect(r.class).toBe('bounce');
    expect(r.bounce?.failed).toMatchObject([{ address: 'sara.chen@acme.example', status: '5.1.1', addressWrong: true }]);
  });
});
