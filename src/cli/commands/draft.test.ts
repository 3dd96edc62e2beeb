import { describe, expect, it } from 'vitest';
import { acmeDocument, firstApplication } from '../../core/drafts/testing.js';
import { runCli } from '../main.js';
import { fakeIo } from '../testing.js';

const acme = JSON.stringify(acmeDocument());

async function draft(args: string[], files: Record<string, string> = { 's.json': acme }): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files);
  const code = await runCli(['draft', '--scenario', 's.json', '--application', 'a1', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('afterword draft', () => {
  it('prints a thank-you email as text', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^To: Grace Okafor <g\.okafor@acme\.example>\nSubject: .+\n\nDear Dr\. Okafor,\n/);
    expect(r.out).toContain('Tuesday, 3 March');
    expect(r.out).toContain('Sincerely,\nJordan Lee');
    expect(r.err).toBe('');
  });

  it('prints {kind, subject, body, to, cc, rules} with --json', async () => {
    const r = await draft(['--person', 'p2', '--kind', 'status_check', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['kind', 'subject', 'body', 'to', 'cc', 'rules', 'gaps']);
    expect(json['kind']).toBe('status_check');
    expect(json['subject']).toBe('Following up: Data Analyst interview on Tuesday, 3 March');
    expect(String(json['body'])).toMatch(/^Dear Sam,\n/);
    expect(json['to']).toEqual({ id: 'p2', name: 'Sam Ruiz', email: 's.ruiz@acme.example' });
    expect(json['cc']).toEqual([]);
    expect(json['rules']).toEqual(['W1', 'W4', 'W3']);
  });

  it('lists the panel in cc for a panel note', async () => {
    const doc = acmeDocument();
    const iv = firstApplication(doc).interviews[0] ?? {};
    iv['panel'] = true;
    iv['panelLeadId'] = 'p1';
    const r = await draft(['--person', 'p1', '--kind', 'thank_you', '--json'], { 's.json': JSON.stringify(doc) });
    const json = JSON.parse(r.out) as { kind: string; cc: { id: string }[] };
    expect(json.kind).toBe('thank_you_panel');
    expect(json.cc.map((c) => c.id)).toEqual(['p2', 'p3']);
  });

  it('dates a letter with today in the candidate\'s zone', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you_letter']);
    expect(r.out).toContain('\n\nTuesday, 3 March 2026\n\nDr. Grace Okafor\n'); // Tue 2026-03-03
  });

  it('briefs a reference with --reference', async () => {
    const r = await draft(['--reference', 'r1', '--kind', 'reference_brief']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Dear Priya,');
    expect(r.out).toContain('the forecasting models I built');
  });

  it('passes --note to an update and notes its absence on stderr', async () => {
    const withNote = await draft(['--person', 'p1', '--kind', 'update_skill', '--note', 'a certificate in dbt']);
    expect(withNote.out).toContain('a certificate in dbt');
    expect(withNote.err).toBe('');
    const without = await draft(['--person', 'p1', '--kind', 'update_skill']);
    expect(without.code).toBe(0);
    expect(without.err).toBe('note: no --note given: the update uses a general sentence; give the skill, news, idea or question for a stronger one\n');
  });

  it('picks the interview with --interview', async () => {
    const doc = acmeDocument();
    firstApplication(doc).interviews.push({
      id: 'i2', start: '2026-03-12T14:00:00-04:00', end: '2026-03-12T15:00:00-04:00', stage: 'final', peopleIds: ['p1'], // Thu 2026-03-12
    });
    const files = { 's.json': JSON.stringify(doc) };
    expect((await draft(['--person', 'p1', '--kind', 'voicemail'], files)).out).toContain('Thursday, 12 March');
    expect((await draft(['--person', 'p1', '--kind', 'voicemail', '--interview', 'i1'], files)).out).toContain('Tuesday, 3 March');
  });

  it.each([
    [['--person', 'x', '--kind', 'thank_you'], 'afterword: --person: unknown person "x" in application "a1"; known: p1, p2, p3, p4\n'],
    [['--person', 'p1', '--kind', 'sonnet'], /^afterword: --kind: unknown kind "sonnet"; known: thank_you, thank_you_email, .*reference_brief\n$/],
    [['--kind', 'status_check'], 'afterword: --person: required for --kind status_check; known: p1, p2, p3, p4\n'],
    [['--kind', 'reference_brief', '--reference', 'r9'], 'afterword: --reference: unknown reference "r9"; known: r1, r2\n'],
    [['--person', 'p1', '--kind', 'voicemail', '--interview', 'i9'], 'afterword: --interview: unknown interview "i9" in application "a1"; known: i1\n'],
  ])('%j → exit 2, one line', async (args, message) => {
    const r = await draft(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
  });

  it('an unknown application is a bad input too', async () => {
    const io = fakeIo({ 's.json': acme });
    const code = await runCli(['draft', '--scenario', 's.json', '--application', 'b7', '--person', 'p1', '--kind', 'thank_you'], io);
    expect(code).toBe(2);
    expect(io.err).toBe('afterword: --application: unknown application "b7"; known: a1\n');
  });

  it('a missing scenario file names the flag', async () => {
    const r = await draft(['--person', 'p1', '--kind', 'thank_you'], {});
    expect(r.code).toBe(2);
    expect(r.err).toBe('afterword: --scenario: "s.json" no such file; give the path of a readable JSON file\n');
  });
});
