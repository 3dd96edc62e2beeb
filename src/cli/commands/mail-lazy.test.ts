/**
 * `afterword mail sync` and `mail status` never load the drafting code (compromise, the drafts and
 * the tone check): only the commands that write a note do. The first sync of a large mailbox is
 * judged on its peak memory (docs/mail.md), and the drafting code took some 10-20 MB of heap there
 * for nothing. Checked on the real CLI process (the built bundle, or the sources through tsx), with a
 * module hook that lists every module it loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterwordArgs } from '../testing-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let hook: string;

const env = (): Record<string, string> => Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('AFTERWORD_') && e[0] !== 'DATABASE_URL'),
);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-mail-lazy-'));
  writeFileSync(join(dir, 'hooks.mjs'), [
    'export async function load(url, context, next) {',
    '  if (url.startsWith("file:")) process.stderr.write(`LOADED ${url}\\n`);',
    '  return next(url, context);',
    '}',
  ].join('\n'));
  hook = join(dir, 'register.mjs');
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  const setup = spawnSync(process.execPath, [...afterwordArgs(), '--data-dir', join(dir, 'data'), 'setup', '--name', 'Jordan Lee', '--time-zone', 'America/New_York', '--region', 'US'],
    { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });
  if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}`);
}, 150_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The source files behind what `afterword mail <args>` loaded: paths, or the sources a bundle chunk names. */
function loadedBy(args: readonly string[]): { sources: string; said: string } {
  const run = spawnSync(process.execPath, ['--import', hook, ...afterwordArgs(), '--data-dir', join(dir, 'data'), 'mail', ...args],
    { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });
  const urls = run.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
  // A bundle's chunk says which sources it holds in comments ("// src/core/drafts/compose.ts").
  const sources = urls.map((u) => (/\/dist\/cli\//.test(u) ? `${u}\n${readFileSync(fileURLToPath(u), 'utf8').match(/^\/\/ (?:src|node_modules)\/\S+$/gm)?.join('\n') ?? ''}` : u)).join('\n');
  return { sources, said: `${run.stdout}${run.stderr.split('\n').filter((l) => !l.startsWith('LOADED ')).join('\n')}` };
}

describe('the mail commands that read mail load no drafting code', () => {
  it.each([['status'], ['sync']])('afterword mail %s', (command) => {
    const run = loadedBy([command]);
    // It ran as far as the mailbox (none is linked here), with the sync's own code loaded.
    expect(run.said).toMatch(/no mailbox is linked/i);
    expect(run.sources).toMatch(/src\/app\/mail\/sync\.ts/);
    // The drafts' kinds (a list of names, for --kind's help) are all of the drafting code it loads.
    expect((run.sources.match(/src\/core\/drafts\/\S+/g) ?? []).filter((f) => !f.startsWith('src/core/drafts/types.ts'))).toEqual([]);
    expect(run.sources).not.toMatch(/node_modules\/compromise\/|src\/core\/tone\//);
  }, 120_000);
});
