/** `afterword check` (CONTRACT.md): in-process with a fake terminal, and once as a real process. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSpellerLoader } from '../../app/speller.js';
import { runCli } from '../main.js';
import { fakeIo } from '../testing.js';
import { afterwordArgs } from '../testing-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = readFileSync(`${root}test/fixtures/contract/tone-example.json`, 'utf8');

async function check(args: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files);
  const code = await runCli(['check', ...args], io);
  return { code, out: io.out, err: io.err };
}

interface JsonFinding { rule: string; start: number; end: number; severity: string; message: string; suggestion: string; code: string }

describe('afterword check --json', () => {
  it('reports the contract example: L1, L2, L3, L4, L5, L8 (Globex named, Acme Corp missing) and L10', async () => {
    const r = await check(['note.json', '--json'], { 'note.json': example });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const { findings } = JSON.parse(r.out) as { findings: JsonFinding[] };
    const text = (JSON.parse(example) as { text: string }).text;
    const at = (rule: string, code?: string): string[] => findings.filter((f) => f.rule === rule && (code === undefined || f.code === code)).map((f) => text.slice(f.start, f.end));
    expect(at('L1')).toEqual(['😀']);
    expect(at('L2')).toEqual(['!!']);
    expect(at('L3')).toEqual(['sooo', 'amazing']);
    expect(at('L4')).toEqual(['I really need this job', 'ASAP']);
    expect(at('L5')).toEqual(['Hey', 'Grace']);
    expect(at('L8', 'other_company')).toEqual(['Globex']);
    expect(findings.filter((f) => f.rule === 'L8').map((f) => f.code).sort()).toEqual(['missing_company', 'missing_role', 'other_company']);
    expect(findings.filter((f) => f.rule === 'L10').map((f) => f.code).sort()).toEqual(['no_detail', 'no_signoff']);
    expect(findings.map((f) => f.start)).toEqual([...findings.map((f) => f.start)].sort((x, y) => x - y));
    expect(Object.keys(findings[0] ?? {})).toEqual(['rule', 'start', 'end', 'severity', 'message', 'suggestion', 'code']);
  });

  it('prints {"findings": []} for a clean note', async () => {
    const clean = { kind: 'status_check', text: 'Dear Dr. Okafor,\n\nThank you for the Data Analyst interview at Acme Corp. Has a decision been made?\n\nSincerely,\nJordan Lee',
      recipient: { name: 'Grace Okafor', honorific: 'Dr.' }, application: { company: 'Acme Corp', role: 'Data Analyst' }, candidate: { name: 'Jordan Lee' } };
    const r = await check(['c.json', '--json'], { 'c.json': JSON.stringify(clean) });
    expect(r).toEqual({ code: 0, out: '{\n  "findings": []\n}\n', err: '' });
  });

  it('reads standard input with "-"', async () => {
    const r = await check(['-', '--json'], { '-': '{"text": "Thanks :)"}' });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { findings: JsonFinding[] }).findings.map((f) => f.rule)).toEqual(['L1']);
  });

  it('skips L12 and its dictionary with --no-spelling', async () => {
    const files = { 'n.json': '{"text": "Thank you for the interveiw."}' };
    const withSpelling = await check(['n.json', '--json'], files);
    expect((JSON.parse(withSpelling.out) as { findings: JsonFinding[] }).findings.map((f) => f.rule)).toEqual(['L12']);
    const without = await check(['n.json', '--json', '--no-spelling'], files);
    expect(JSON.parse(without.out)).toEqual({ findings: [] });
  });

  it.each([
    ['{"text": ', 'afterword: check input: not valid JSON at line 1, column 10; check for a missing comma, quote or bracket\n'],
    ['[1, 2]', 'afterword: check input: expected a JSON object like {"text": "Dear Dr. Okafor, \u2026"}, got a list\n'],
    ['{"kind": "thank_you"}', 'afterword: text: missing; add the note to check as a string, e.g. "text": "Dear Dr. Okafor, \u2026"\n'],
    ['{"text": ["a"]}', 'afterword: text: expected the note as a string, got a list; write it in double quotes\n'],
    ['{"text": "x", "recipient": {"name": "G", "informal": "no"}}', 'afterword: recipient.informal: expected true or false, got the text "no"; write true only if they invited first-name terms\n'],
    ['{"text": "x", "otherCompanies": "Globex"}', 'afterword: otherCompanies: expected a list of company names (strings), got the text "Globex"\n'],
  ])('bad input %j: exit 2 and one line naming the field', async (doc, message) => {
    const r = await check(['bad.json', '--json'], { 'bad.json': doc });
    expect(r).toEqual({ code: 2, out: '', err: message });
  });

  it('a missing file: exit 2 and one line', async () => {
    const r = await check(['nope.json'], {});
    expect(r).toEqual({ code: 2, out: '', err: 'afterword: FILE: "nope.json" no such file; give the path of a readable JSON file\n' });
  });
});

describe('afterword check (readable)', () => {
  it('lists each finding with its place, rule, excerpt, message and suggestion', async () => {
    const r = await check(['note.json'], { 'note.json': example });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^note\.json: 13 findings \(7 errors, 6 warnings\)\n\n/);
    expect(r.out).toContain('1:10    L2   error   Hey Grace[!!]\n');
    expect(r.out).toContain('\u2026he amazing interview at [Globex] today');
    expect(r.out).toContain('\u2192 Replace \u201CGlobex\u201D with \u201CAcme Corp\u201D.');
    expect(r.out).toContain('5:1     L10  warning [Jordan]');
  });

  it('says so when the note is clean', async () => {
    const r = await check(['-'], { '-': '{"text": "Thank you for your time."}' });
    expect(r.out).toBe('standard input: no findings. The note reads well.\n');
  });
});

describe('the spelling dictionary loader', () => {
  it('reads nothing until asked, then loads once and caches', async () => {
    const loader = createSpellerLoader(['en-US']);
    expect(loader.started).toBe(false);
    const first = loader.load();
    expect(loader.started).toBe(true);
    expect(loader.load()).toBe(first);
    const speller = await first;
    expect(speller.correct('color')).toBe(true);
    expect(speller.correct('colour')).toBe(false);
  });

  it('accepts US, British and Australian spelling by default', async () => {
    const speller = await createSpellerLoader().load();
    for (const w of ['color', 'colour', 'organize', 'organise', 'arvo']) expect(speller.correct(w)).toBe(true);
    expect(speller.correct('recieve')).toBe(false);
  });
});

describe('afterword check as a real process', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [...afterwordArgs(), 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('checks the contract example file: exit 0 and findings for L1, L2, L3, L4, L5, L8, L10', () => {
    const r = run(['test/fixtures/contract/tone-example.json', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rules = new Set((JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.rule));
    for (const rule of ['L1', 'L2', 'L3', 'L4', 'L5', 'L8', 'L10']) expect(rules.has(rule)).toBe(true);
  });

  it('rejects a bad file: exit 2 and one line on stderr', () => {
    const r = run(['package.json', '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(['afterword: text: missing; add the note to check as a string, e.g. "text": "Dear Dr. Okafor, \u2026"']);
  });
});
