/** The first command on a new machine creates the database (seconds): at a terminal it says so first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCli } from './main.js';

const dataDir = mkdtempSync(join(tmpdir(), 'afterword-first-run-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function atTerminal(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readFile: () => '',
    now: () => Date.parse('2026-03-02T13:00:00Z'), // Mon 2026-03-02
    interactive: true,
    prompt: { confirm: () => Promise.resolve(false), text: () => Promise.resolve(undefined) },
  };
  return { code: await runCli(['--data-dir', dataDir, ...argv], io), out, err };
}

describe('the first run', () => {
  it('says it is creating the database before the seconds it takes, and only the first time', async () => {
    const first = await atTerminal(['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US']);
    expect(first.code).toBe(0);
    expect(first.err).toBe(`Creating your database in ${dataDir} (only the first time takes a few seconds)…\n`);
    const again = await atTerminal(['pipeline']);
    expect(again.code).toBe(0);
    expect(again.err).toBe('');
  }, 120_000);
});
