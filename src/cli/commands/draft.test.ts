/**
 * `afterword draft` (CONTRACT.md): the note and its tone check, the contract's JSON (findings equal
 * to a separate `afterword check` of the same text in the same context), --now, reference briefs
 * named by --person, and bad input. Draft wording is being rewritten: these tests assert shapes,
 * ids, recipients, rules and dates rather than prose.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeDocument, firstApplication } from '../../core/drafts/testing.js';
import type { Deps } from '../../deps.js';
import type { Finding } from '../../core/tone/index.js';
import { runCli } from '../main.js';
import { cliWith, fakeIo, memoryDeps } from '../testing.js';
import { renderToneCheck } from './check-render.js';
import { renderLeftOut } from './draft.js';

type LeftOut = Parameters<typeof renderLeftOut>[0];

const root = fileURLToPath(new URL('../../../', import.meta.url));
const debriefExample = readFileSync(`${root}test/fixtures/contract/debrief-example.json`, 'utf8');
const acme = JSON.stringify(acmeDocument());

type Doc = Record<string, unknown> & { applications: (Record<string, unknown> & { people: Record<string, unknown>[]; interviews: Record<string, unknown>[]; touches: Record<string, unknown>[] })[] };

/** A fresh copy of the contract's debrief example, edited by `edit`. */
function example(edit?: (doc: Doc) => void): string {
  const doc = JSON.parse(debriefExample) as Doc;
  edit?.(doc);
  return JSON.stringify(doc);
}

function firstInterview(doc: Doc): Record<string, unknown> & { debrief: Record<string, unknown> & { details: Record<string, string> } } {
  const iv = doc.applications[0]?.interviews[0];
  if (!iv) throw new Error('fixture has no interview');
  return iv as Record<string, unknown> & { debrief: Record<string, unknown> & { details: Record<string, string> } };
}

interface Run { code: number; out: string; err: string }

async function run(argv: string[], files: Record<string, string>): Promise<Run> {
  const io = fakeIo(files); // the clock: Tue 2026-03-03 15:00 in New York
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

/** `draft` on the acme scenario (three interviewers, two references), or on `files`. */
function draft(args: string[], files: Record<string, string> = { 's.json': acme }): Promise<Run> {
  return run(['draft', '--scenario', 's.json', '--application', 'a1', ...args], files);
}

interface Mailbox { name: string; email: string | null; id: string }
interface JsonFinding { rule: string; start: number; end: number; severity: string; message: string; suggestion: string; code: string }
interface DraftDocument {
  applicationId: string; personId: string; kind: string; draft: string; interviewId: string | null;
  to: Mailbox[]; cc: Mailbox[]; subject: string | null; text: string; body: string;
  rules: string[]; findings: JsonFinding[]; gaps: { field: string; rule?: string }[];
  leftOut: { field: 'details' | 'bestMoments' | 'awkwardMoments' | 'unfinishedAnswers'; personId?: string; text: string; reason: LeftOut['reason'] }[];
}

/** `draft … --json` on a scenario text; fails the test unless it exits 0 with nothing on stderr. */
async function contract(scenario: string, args: string[]): Promise<DraftDocument> {
  const r = await run(['draft', '--scenario', 's.json', '--application', 'a1', ...args, '--json'], { 's.json': scenario });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as DraftDocument;
}

describe('afterword draft --json (the contract)', () => {
  it('answers the contract document for the panel lead\'s thank-you: kind as asked, the one note with the panel in CC', async () => {
    const doc = await contract(debriefExample, ['--person', 'p1', '--kind', 'thank_you']);
    for (const key of ['applicationId', 'personId', 'kind', 'to', 'cc', 'subject', 'text', 'rules', 'findings']) expect(doc).toHaveProperty(key);
    expect(doc).toMatchObject({ applicationId: 'a1', personId: 'p1', kind: 'thank_you', draft: 'thank_you_panel', interviewId: 'i1' });
    expect(doc.to).toEqual([{ name: 'Grace Okafor', email: 'g.okafor@acme.example', id: 'p1' }]);
    expect(doc.cc).toEqual([{ name: 'Sam Ruiz', email: 's.ruiz@acme.example', id: 'p2' }]);
    expect(doc.subject).toContain('Data Analyst');
    expect(doc.text).toMatch(/^Dear Dr\. Okafor,\n/); // W1: honorific and surname
    expect(doc.text).toMatch(/Sincerely,\nJordan Lee/); // W3
    expect(doc.text).not.toMatch(/^(To|Subject):/m);
    expect(doc.body).toBe(doc.text);
    expect(doc.rules).toEqual(expect.arrayContaining(['W1', 'W2', 'W3']));
    expect(Array.isArray(doc.findings)).toBe(true);
    expect(Array.isArray(doc.gaps)).toBe(true);
    expect(Array.isArray(doc.leftOut)).toBe(true);
  });

  it('lists the debrief input a draft leaves out in the JSON and under the note', async () => {
    const doc = await contract(debriefExample, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    const r = await run(['draft', '--scenario', 's.json', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--no-spelling'], { 's.json': debriefExample });
    for (const item of doc.leftOut) {
      expect(['details', 'bestMoments', 'awkwardMoments', 'unfinishedAnswers']).toContain(item.field);
      expect(r.err).toContain(`note: ${renderLeftOut(item)}\n`);
    }
  });

  it('a person met on the panel who is not its lead gets a note of their own, with no CC', async () => {
    const doc = await contract(debriefExample, ['--person', 'p2', '--kind', 'thank_you', '--no-spelling']);
    expect(doc).toMatchObject({ personId: 'p2', kind: 'thank_you', cc: [] });
    expect(doc.to).toEqual([{ name: 'Sam Ruiz', email: 's.ruiz@acme.example', id: 'p2' }]);
    expect(doc.text).toMatch(/^Dear Sam,\n/); // W1: Sam invited first names
  });

  it('subject is null for a letter or a script and a string for an email; an address not on record is null', async () => {
    const noEmail = example((doc) => { delete doc.applications[0]?.people[1]?.['email']; });
    const cases: [string[], 'null' | 'string'][] = [
      [['--person', 'p1', '--kind', 'thank_you_letter'], 'null'],
      [['--person', 'p1', '--kind', 'call_script'], 'null'],
      [['--person', 'p2', '--kind', 'voicemail'], 'null'],
      [['--person', 'p1', '--kind', 'status_check'], 'string'],
    ];
    for (const [args, subject] of cases) {
      const doc = await contract(noEmail, [...args, '--no-spelling']);
      expect(doc.subject === null ? 'null' : typeof doc.subject, args.join(' ')).toBe(subject);
      expect(doc.to).toHaveLength(1);
    }
    const voicemail = await contract(noEmail, ['--person', 'p2', '--kind', 'voicemail', '--no-spelling']);
    expect(voicemail.to).toEqual([{ name: 'Sam Ruiz', email: null, id: 'p2' }]);
    const panel = await contract(noEmail, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    expect(panel.cc).toEqual([{ name: 'Sam Ruiz', email: null, id: 'p2' }]);
  });

  it('the contract\'s update and reply kinds pick the concrete draft from the note and the latest decision', async () => {
    const decided = (outcome: string) => example((doc) => {
      doc.applications[0]?.touches.push({ at: '2026-03-10T10:00:00-04:00', personId: 'p1', channel: 'email', kind: 'reply', outcome }); // Tue 2026-03-10
    });
    const cases: [string, string[], string][] = [
      [debriefExample, ['--kind', 'update'], 'update_skill'],
      [debriefExample, ['--kind', 'update', '--note', 'How did you come to lead the analytics team?'], 'update_question'],
      [debriefExample, ['--kind', 'reply'], 'reply_not_decided'],
      [decided('filled'), ['--kind', 'reply'], 'reply_filled'],
      [decided('rejected'), ['--kind', 'reply'], 'reply_rejection'],
      [decided('not_decided'), ['--kind', 'reply'], 'reply_not_decided'],
    ];
    for (const [scenario, args, concrete] of cases) {
      const doc = await contract(scenario, ['--person', 'p1', ...args, '--no-spelling']);
      expect(doc.kind, args.join(' ')).toBe(args[1]);
      expect(doc.draft, args.join(' ')).toBe(concrete);
    }
  });
});

describe('findings: what `afterword check` reports for the same text in the same context', () => {
  /** The debrief example with a second application (L8's other companies), a reference, and details with typos. */
  const rich = example((doc) => {
    doc['candidate'] = { ...(doc['candidate'] as object), references: [{ id: 'r1', name: 'Priya Raman', email: 'priya@example.com', speakTo: 'the churn model' }] };
    doc.applications.push({ id: 'a2', company: 'Globex', role: 'Analyst', status: 'active', people: [], interviews: [], touches: [] });
    const details = firstInterview(doc).debrief.details;
    details['p1'] = 'her move to dbt, like the one at Globex';
    details['p2'] = 'his side projct forecasting store trafic';
  });
  const grace = { name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Analytics', informal: false };
  const sam = { name: 'Sam Ruiz', honorific: 'Mr.', title: 'Senior Analyst', informal: true };
  const common = {
    application: { company: 'Acme Corp', role: 'Data Analyst' }, candidate: { name: 'Jordan Lee' },
    otherCompanies: ['Globex'], people: ['Grace Okafor', 'Sam Ruiz'],
  };

  async function checkOf(text: string, context: Record<string, unknown>, spelling: boolean): Promise<JsonFinding[]> {
    const r = await run(['check', 'c.json', '--json', ...(spelling ? [] : ['--no-spelling'])], { 'c.json': JSON.stringify({ ...context, text }) });
    expect(r.code).toBe(0);
    return (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;
  }

  it('for each kind, the panel lead, a panelist (their siblings: the panel note) and a reference', async () => {
    const lead = await contract(rich, ['--person', 'p1', '--kind', 'thank_you']);
    const cases: [string[], Record<string, unknown>, boolean][] = [
      [['--person', 'p1', '--kind', 'thank_you'], { kind: 'thank_you', recipient: grace, ...common, siblings: [] }, true],
      // T3: the panel note is the other thank-you of this interview.
      [['--person', 'p2', '--kind', 'thank_you'], { kind: 'thank_you', recipient: sam, ...common, siblings: [lead.text] }, true],
      [['--person', 'p1', '--kind', 'status_check'], { kind: 'status_check', recipient: grace, ...common, siblings: [] }, false],
      [['--person', 'p2', '--kind', 'voicemail'], { kind: 'voicemail', recipient: sam, ...common, siblings: [] }, false],
      [['--person', 'p1', '--kind', 'call_script'], { kind: 'call_script', recipient: grace, ...common, siblings: [] }, false],
      [['--person', 'p2', '--kind', 'update', '--note', 'a dbt certificate'], { kind: 'update', recipient: sam, ...common, siblings: [] }, false],
      [['--person', 'p1', '--kind', 'reply'], { kind: 'reply', recipient: grace, ...common, siblings: [] }, false],
      [['--person', 'r1', '--kind', 'reference_brief'], {
        recipient: { name: 'Priya Raman', informal: true }, ...common, people: ['Grace Okafor', 'Sam Ruiz', 'Priya Raman'], siblings: [],
      }, false],
    ];
    for (const [args, context, spelling] of cases) {
      const doc = await contract(rich, [...args, ...(spelling ? [] : ['--no-spelling'])]);
      expect(doc.findings, args.join(' ')).toEqual(await checkOf(doc.text, context, spelling));
    }
  });

  it('L7 compares a thank-you with the text recorded for another person\'s: a copy is reported, as check reports it', async () => {
    const first = await contract(debriefExample, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    const copied = example((doc) => {
      doc.applications[0]?.touches.push({
        at: '2026-03-03T15:00:00-05:00', personId: 'p2', channel: 'email', kind: 'thank_you', outcome: 'sent', text: first.text, // Tue 2026-03-03
      });
    });
    const doc = await contract(copied, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    expect(doc.findings.map((f) => f.rule)).toContain('L7');
    expect(doc.findings).toEqual(await checkOf(doc.text, {
      kind: 'thank_you', recipient: grace, application: common.application, candidate: common.candidate,
      otherCompanies: [], people: common.people, siblings: [first.text],
    }, false));
  });

  it('the same findings are printed under the note (stderr), as check lists them', async () => {
    const first = await contract(debriefExample, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    const copied = example((doc) => {
      doc.applications[0]?.touches.push({ at: '2026-03-03T15:00:00-05:00', personId: 'p2', kind: 'thank_you', text: first.text }); // Tue 2026-03-03
    });
    const doc = await contract(copied, ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    expect(doc.findings.length).toBeGreaterThan(0);
    const r = await run(['draft', '--scenario', 's.json', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--no-spelling'], { 's.json': copied });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^To: Grace Okafor <g\.okafor@acme\.example>\nCc: Sam Ruiz <s\.ruiz@acme\.example>\nSubject: .+\n\nDear Dr\. Okafor,\n/);
    expect(r.out).toContain(doc.text);
    expect(r.err).toMatch(/^\nTone check: \d+ findings? \(/);
    for (const f of doc.findings) {
      expect(r.err).toMatch(new RegExp(`^\\d+:\\d+ +${f.rule} +${f.severity} `, 'm'));
      expect(r.err).toContain(f.message);
      expect(r.err).toContain(`\u2192 ${f.suggestion}`);
    }
  });
});

describe('renderToneCheck', () => {
  const body = 'Dear Grace,\nThank you!!\n';
  const text = `To: Grace Okafor <g@acme.example>\nSubject: Thanks\n\n${body}`;
  const bang = body.indexOf('!!');
  const finding: Finding = { rule: 'L2', code: 'extra_exclamation', start: bang, end: bang + 2, severity: 'error', message: 'One exclamation mark at most.', suggestion: 'End with a full stop.' };

  it('says "clean" when there is nothing to report', () => {
    expect(renderToneCheck(text, body, [])).toBe('Tone check: clean\n');
  });

  it('places a finding by line and column of the printed text, with the span quoted, the message and the suggestion', () => {
    // Line 5 of the printed text is "Thank you!!": the marks start at column 10.
    expect(renderToneCheck(text, body, [finding])).toBe([
      'Tone check: 1 finding (1 error, 0 warnings)',
      '',
      '5:10    L2   error   Thank you[!!]',
      `${' '.repeat(21)}One exclamation mark at most.`,
      `${' '.repeat(21)}\u2192 End with a full stop.`,
      '',
    ].join('\n'));
  });
});

describe('renderLeftOut', () => {
  it.each<[LeftOut, string]>([
    [{ field: 'details', personId: 'p2', text: 'il progetto\ndi Sam', reason: 'not_english' }, 'debrief detail for p2 left out ("il progetto di Sam"): it is not in English'],
    [{ field: 'bestMoments', text: 'x'.repeat(80), reason: 'too_long' }, `debrief best moments left out ("${'x'.repeat(59)}\u2026"): it is too long to quote`],
    [{ field: 'awkwardMoments', text: 'the SQL part \u{1F62C}', reason: 'emoji' }, 'debrief awkward moments shortened ("the SQL part \u{1F62C}"): its emoji were taken out'],
  ])('%j', (item, line) => {
    expect(renderLeftOut(item)).toBe(line);
  });
});

describe('afterword draft (text)', () => {
  it('prints a thank-you email on stdout, its tone check and gaps on stderr', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^To: Grace Okafor <g\.okafor@acme\.example>\nSubject: .+\n\nDear Dr\. Okafor,\n/);
    expect(r.out).toContain('Sincerely,\nJordan Lee');
    expect(r.out).not.toContain('Tone check');
    expect(r.err).toMatch(/^\nTone check: (clean|\d+ findings?)/);
  });

  it('dates a letter with today in the candidate\'s zone', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you_letter', '--no-spelling']);
    expect(r.out).toMatch(/\n\nTuesday, (3 March|March 3,) 2026\n\nDr\. Grace Okafor\n/); // Tue 2026-03-03
  });

  it('passes --note to an update and notes its absence on stderr', async () => {
    const withNote = await draft(['--person', 'p1', '--kind', 'update_skill', '--note', 'a certificate in dbt', '--no-spelling']);
    expect(withNote.out).toContain('a certificate in dbt');
    expect(withNote.err).not.toContain('note:');
    const without = await draft(['--person', 'p1', '--kind', 'update_skill', '--no-spelling']);
    expect(without.code).toBe(0);
    expect(without.err).toMatch(/\nnote: no --note given: the update uses a general sentence; give the skill, news, idea or question for a stronger one\n$/);
  });

  it('picks the interview with --interview', async () => {
    const doc = acmeDocument();
    firstApplication(doc).interviews.push({
      id: 'i2', start: '2026-03-12T14:00:00-04:00', end: '2026-03-12T15:00:00-04:00', stage: 'final', peopleIds: ['p1'], // Thu 2026-03-12
    });
    const files = { 's.json': JSON.stringify(doc) };
    expect((await draft(['--person', 'p1', '--kind', 'voicemail', '--no-spelling'], files)).out).toMatch(/Thursday, (12 March|March 12)/);
    expect((await draft(['--person', 'p1', '--kind', 'voicemail', '--interview', 'i1', '--no-spelling'], files)).out).toMatch(/Tuesday, (3 March|March 3)/);
  });
});

describe('--now', () => {
  it.each([
    // Fri 2026-03-06 02:00 UTC is Thu 2026-03-05 21:00 in New York: the letter is dated Thursday.
    ['2026-03-06T02:00:00Z', /\n\nThursday, (5 March|March 5,) 2026\n/],
    // Mon 2026-03-09 09:00 with New York's offset after the change to daylight time (Sun 2026-03-08).
    ['2026-03-09T09:00:00-04:00', /\n\nMonday, (9 March|March 9,) 2026\n/],
    // Without an offset the instant is read in the candidate's zone: Wed 2026-03-04 23:30 New York.
    ['2026-03-04T23:30', /\n\nWednesday, (4 March|March 4,) 2026\n/],
  ])('--now %s dates the letter', async (now, dateLine) => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you_letter', '--now', now, '--no-spelling']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(dateLine);
  });

  it('works with --json, the contract\'s form', async () => {
    const doc = await contract(debriefExample, ['--person', 'p1', '--kind', 'thank_you', '--now', '2026-03-04T09:00:00-05:00', '--no-spelling']); // Wed 2026-03-04
    expect(doc.kind).toBe('thank_you');
  });

  it.each(['tomorrow', '2026-03-04', '2026-02-30T09:00:00-05:00', ''])('--now %j → exit 2, one line naming --now', async (now) => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you', '--now', now, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`afterword: --now: "${now}" is not an ISO-8601 instant; write e.g. 2026-03-04T09:00:00-05:00\n`);
  });
});

describe('reference briefs', () => {
  it('--person names the reference, as the contract says; --reference gives the same brief', async () => {
    const byPerson = await contract(acme, ['--person', 'r1', '--kind', 'reference_brief', '--no-spelling']);
    expect(byPerson).toMatchObject({ applicationId: 'a1', personId: 'r1', kind: 'reference_brief', draft: 'reference_brief', cc: [] });
    expect(byPerson.to).toEqual([{ name: 'Priya Raman', email: 'priya@example.com', id: 'r1' }]);
    expect(byPerson.rules).toContain('F7');
    const byReference = await contract(acme, ['--reference', 'r1', '--kind', 'reference_brief', '--no-spelling']);
    expect(byReference).toEqual(byPerson);
  });

  it.each([
    [['--person', 'r9'], 'afterword: --person: unknown reference "r9"; known: r1, r2\n'],
    [['--reference', 'r9'], 'afterword: --reference: unknown reference "r9"; known: r1, r2\n'],
    [[], 'afterword: --person: the reference\'s id is required for --kind reference_brief (--reference works too); known: r1, r2\n'],
    [['--person', 'r1', '--reference', 'r2'], 'afterword: --person: "r1" and --reference "r2" name two references; give one of them\n'],
  ])('%j → exit 2, one line', async (args, message) => {
    const r = await draft([...args, '--kind', 'reference_brief', '--no-spelling']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(message);
  });
});

describe('debrief input', () => {
  const withDebrief = (field: string, value: string) => example((doc) => {
    const debrief = firstInterview(doc).debrief;
    if (field.startsWith('details.')) debrief.details[field.slice('details.'.length)] = value;
    else debrief[field] = value;
  });

  it.each([
    ['bestMoments', 'x'.repeat(10_000), 'applications[0].interviews[0].debrief.bestMoments: 10,000 characters; the most is 2,000 — shorten it'],
    ['details.p2', 'y'.repeat(2_001), 'applications[0].interviews[0].debrief.details.p2: 2,001 characters; the most is 2,000 — shorten it'],
    ['concerns', 'z'.repeat(2_500_000), 'applications[0].interviews[0].debrief.concerns: over 1,000,000 characters; the most is 2,000 — shorten it'],
  ])('%s over the limit → exit 2 naming the field and the limit', async (field, value, message) => {
    const r = await run(['draft', '--scenario', 's.json', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--json'], { 's.json': withDebrief(field, value) });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`afterword: ${message}\n`);
  });

  it('the limit counts characters, not UTF-16 units: 2,000 emoji are accepted', async () => {
    const doc = await contract(withDebrief('concerns', '\u{1F680}'.repeat(2_000)), ['--person', 'p1', '--kind', 'status_check', '--no-spelling']);
    expect(doc.personId).toBe('p1');
  });

  it('control characters in a debrief never reach the note', async () => {
    const doc = await contract(withDebrief('details.p1', 'She said\u0000 the team\u0007 is \u001b[1mmoving\u001b[0m to dbt'), ['--person', 'p1', '--kind', 'thank_you', '--no-spelling']);
    // eslint-disable-next-line no-control-regex -- the characters under test
    expect(doc.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('lookups', () => {
  it.each([
    [['--person', 'x', '--kind', 'thank_you'], 'afterword: --person: unknown person "x" in application "a1"; known: p1, p2, p3, p4\n'],
    [['--person', 'p1', '--kind', 'sonnet'], /^afterword: --kind: unknown kind "sonnet"; known: thank_you, update, reply, thank_you_email, .*reference_brief\n$/],
    [['--kind', 'status_check'], 'afterword: --person: required for --kind status_check; known: p1, p2, p3, p4\n'],
    [['--kind', 'update'], 'afterword: --person: required for --kind update; known: p1, p2, p3, p4\n'],
    [['--person', 'p1', '--kind', 'voicemail', '--interview', 'i9'], 'afterword: --interview: unknown interview "i9" in application "a1"; known: i1\n'],
  ])('%j → exit 2, one line', async (args, message) => {
    const r = await draft([...args, '--no-spelling']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
  });

  it('an unknown application is a bad input too', async () => {
    const r = await run(['draft', '--scenario', 's.json', '--application', 'b7', '--person', 'p1', '--kind', 'thank_you'], { 's.json': acme });
    expect(r.code).toBe(2);
    expect(r.err).toBe('afterword: --application: unknown application "b7"; known: a1\n');
  });

  it('a missing scenario file names the flag', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you'], {});
    expect(r.code).toBe(2);
    expect(r.err).toBe('afterword: --scenario: "s.json" no such file; give the path of a readable JSON file\n');
  });
});

describe('from your records (no --scenario)', () => {
  let deps: Deps;
  beforeAll(async () => { deps = await memoryDeps(); }, 60_000);
  afterAll(async () => { await deps.store.close(); });
  // Tue 2026-03-03 15:00 in New York, after the morning interview.
  const cli = (argv: string[]) => cliWith(deps, '2026-03-03T20:00:00Z')(argv);

  it('refuses a debrief text over the limit naming the flag, then drafts with --now', async () => {
    expect((await cli(['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'])).code).toBe(0);
    expect((await cli(['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst'])).code).toBe(0);
    expect((await cli(['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example', '--channel', 'letter'])).code).toBe(0);
    const interview = ['add', 'interview', 'a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'first_round', '--with', 'p1']; // Tue 2026-03-03
    const long = await cli([...interview, '--best', 'x'.repeat(10_000)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toBe('afterword: --best: 10,000 characters; the most is 2,000 — shorten it\n');
    const detail = await cli([...interview, '--detail', `p1=${'y'.repeat(2_001)}`]);
    expect(detail.code).toBe(2);
    expect(detail.stderr).toBe('afterword: --detail p1: 2,001 characters; the most is 2,000 — shorten it\n');
    expect((await cli([...interview, '--detail', 'p1=her team\'s move to Snowflake'])).code).toBe(0);

    // Thu 2026-03-05 09:00 in New York: the letter (her preferred channel) is dated that day.
    const letter = await cli(['draft', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--now', '2026-03-05T09:00:00-05:00', '--no-spelling']);
    expect(letter.code).toBe(0);
    expect(letter.stdout).toMatch(/\n\nThursday, (5 March|March 5,) 2026\n/);
    const json = await cli(['draft', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--now', '2026-03-05T09:00:00-05:00', '--json', '--no-spelling']);
    expect(JSON.parse(json.stdout)).toMatchObject({ applicationId: 'a1', personId: 'p1', kind: 'thank_you', draft: 'thank_you_letter', subject: null });
    const bad = await cli(['draft', '--application', 'a1', '--person', 'p1', '--kind', 'thank_you', '--now', 'next Thursday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('afterword: --now: "next Thursday" is not an ISO-8601 instant; write e.g. 2026-03-04T09:00:00-05:00\n');
  });
});
