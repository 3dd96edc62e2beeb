/** `afterword close` on an application already closed: asked on a terminal, --yes off one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.js';
import { runCli } from '../main.js';
import type { CliIo, Prompter } from '../io.js';
import { cliWith, memoryDeps } from '../testing.js';

let deps: Deps;
const at = (iso: string) => cliWith(deps, iso);
const status = async (): Promise<string> =>
  (JSON.parse((await at('2026-09-14T14:00:00Z')(['show', 'a1', '--json'])).stdout) as { application: { status: string } }).application.status;

/** A terminal answering each question with `answer`. */
async function terminal(argv: readonly string[], answer: boolean): Promise<{ code: number; stderr: string; asked: string[] }> {
  let stderr = '';
  const asked: string[] = [];
  const prompt: Prompter = {
    text: () => Promise.resolve(undefined),
    confirm: (message) => { asked.push(message); return Promise.resolve(answer); },
  };
  const io: CliIo = {
    stdout: () => undefined, stderr: (t) => { stderr += t; }, readFile: () => '',
    now: () => Date.parse('2026-09-14T14:00:00Z'), deps, interactive: true, prompt, // Mon 10:00 in New York
  };
  return { code: await runCli(argv, io), stderr, asked };
}

beforeAll(async () => {
  deps = await memoryDeps();
  const cli = at('2026-09-07T13:00:00Z'); // Mon 09:00 in New York
  for (const argv of [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'application', '--company', 'Globex', '--role', 'Data Analyst', '--applied-on', '2026-08-12'],
    ['close', 'a1', '--as', 'declined'],
  ]) expect((await cli(argv)).code, argv.join(' ')).toBe(0);
}, 60_000);
afterAll(async () => { await deps.store.close(); });

describe('closing an application again', () => {
  it('off a terminal, declined → accepted needs --yes and names the current outcome', async () => {
    const run = await at('2026-09-14T14:00:00Z')(['close', 'a1', '--as', 'accepted']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('afterword: --as: Globex \u2014 Data Analyst is already closed as declined. Not changed; pass --yes to change it to accepted.\n');
    expect(await status()).toBe('declined');
    expect((await at('2026-09-14T14:00:00Z')(['close', 'a1', '--as', 'declined'])).code).toBe(0); // the same outcome again asks nothing
  });

  it('on a terminal, asks; "no" keeps the outcome, "yes" changes it', async () => {
    const no = await terminal(['close', 'a1', '--as', 'accepted'], false);
    expect(no.asked).toEqual(['Change it to accepted?']);
    expect(no.stderr).toContain('Globex \u2014 Data Analyst is already closed as declined.');
    expect(no.code).toBe(2);
    expect(await status()).toBe('declined');
    const yes = await terminal(['close', 'a1', '--as', 'accepted'], true);
    expect(yes.code).toBe(0);
    expect(await status()).toBe('accepted');
  });

  it('--yes changes it without asking', async () => {
    const run = await terminal(['close', 'a1', '--as', 'withdrawn', '--yes'], false);
    expect(run.asked).toEqual([]);
    expect(run.code).toBe(0);
    expect(await status()).toBe('withdrawn');
  });
});
