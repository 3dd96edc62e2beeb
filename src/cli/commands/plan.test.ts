import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../testing.js';
import { afterwordArgs } from '../testing-process.js';

const example = fileURLToPath(new URL('../../../test/fixtures/contract/worked-example-1.json', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('afterword plan', () => {
  it('prints the contract JSON for worked example 1', async () => {
    const run = await cli(['plan', '--scenario', example, '--now', '2026-03-04T09:00:00-05:00', '--json']); // Wed
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { now: string; recommendations: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
    expect(json.now).toBe('2026-03-04T09:00:00-05:00');
    expect(json.recommendations[0]).toMatchObject({
      applicationId: 'a1', kind: 'thank_you', personId: 'p1', ccPersonIds: [], channel: 'email',
      earliest: '2026-03-03T11:00:00-05:00', ideal: '2026-03-03T17:00:00-05:00', latest: '2026-03-04T11:00:00-05:00',
      status: 'done', rules: ['T1', 'T2'], why: expect.stringMatching(/same day/),
    });
    const ideals = json.recommendations.map((r) => Date.parse(String(r['ideal'])));
    expect(ideals).toEqual([...ideals].sort((x, y) => x - y));
    expect(json.warnings).toContainEqual(expect.objectContaining({ rule: 'P1' }));
  });

  it('defaults --now to the current time', async () => {
    const run = await cli(['plan', '--scenario', example, '--json'], { now: Date.UTC(2026, 3, 10, 12) }); // Fri 2026-04-10
    expect((JSON.parse(run.stdout) as { now: string }).now).toBe('2026-04-10T08:00:00-04:00');
  });

  it('prints a table grouped by application with the why of each line', async () => {
    const run = await cli(['plan', '--scenario', example, '--now', '2026-03-04T09:00:00-05:00']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Acme Corp \u2014 Data Analyst [a1, active]');
    expect(run.stdout).toMatch(/done\s+Thank-you\s+Tue 2026-03-03 17:00/);
    expect(run.stdout).toContain('rules F2');
    expect(run.stdout).toContain('check in about a week after your thank-you');
  });

  const bad: [name: string, content: string, expected: RegExp][] = [
    ['bad JSON', '{ "settings": ', /^afterword: scenario: not valid JSON at line 1, column \d+/],
    ['unknown zone', JSON.stringify({ settings: { region: 'US', timeZone: 'Moon/Base' }, applications: [] }), /^afterword: settings\.timeZone: unknown time zone "Moon\/Base"/],
    ['unknown stage', JSON.stringify({ settings: { region: 'US', timeZone: 'UTC' }, applications: [{ id: 'a', company: 'c', role: 'r', interviews: [{ id: 'i', start: '2026-03-03T10:00Z', end: '2026-03-03T11:00Z', stage: 'lunch' }] }] }), /applications\[0\]\.interviews\[0\]\.stage: "lunch" is not allowed/],
  ];
  it.each(bad)('exits 2 with one line for %s', async (_name, content, expected) => {
    const run = await cli(['plan', '--scenario', 'in.json', '--json'], { files: { 'in.json': content } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(expected);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a missing file and for a bad --now', async () => {
    const missing = await cli(['plan', '--scenario', '/nonexistent/x.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--scenario: "\/nonexistent\/x.json" no such file/);
    const now = await cli(['plan', '--scenario', example, '--now', 'next tuesday']);
    expect(now.code).toBe(2);
    expect(now.stderr).toMatch(/--now: "next tuesday" is not an ISO-8601 instant/);
  });

  it('exits 2 when --scenario is missing', async () => {
    const run = await cli(['plan']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--scenario/);
  });

  it('runs as a real process: exit 0 with JSON, exit 2 with one stderr line', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, [...afterwordArgs(), 'plan', '--scenario', example, '--now', '2026-03-04T09:00:00-05:00', '--json'], { cwd: root });
    expect(JSON.parse(ok.stdout)).toHaveProperty('recommendations');
    const failed = await run(process.execPath, [...afterwordArgs(), 'plan', '--scenario', 'package.json', '--json'], { cwd: root }).catch((e: unknown) => e as { code: number; stderr: string });
    expect('code' in failed ? failed.code : 0).toBe(2);
    expect(('stderr' in failed ? failed.stderr : '').trim().split('\n').filter((l) => l.startsWith('afterword:'))).toHaveLength(1);
  });
});
