/**
 * The CLI bundle keeps only zod's English messages (scripts/zod-english.mjs). This bundles a small
 * schema with and without the plugin: the bundle is smaller, `z.locales` holds English alone, and
 * zod's own messages (and Afterword's scenario parsing, which builds its words from the issues) are
 * the same.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without types
import { zodEnglishOnly } from '../../scripts/zod-english.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const OUT = mkdtempSync(join(tmpdir(), 'afterword-zod-english-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const ENTRY = `
import { z } from 'zod';
const person = z.strictObject({ name: z.string().min(1), email: z.email(), age: z.number().int().max(150) });
export const issues = person.safeParse({ name: '', email: 'not-an-email', age: 200.5, extra: true }).error?.issues;
export const locales = Object.keys(z.locales);
`;

async function bundle(name: string, plugins: unknown[]): Promise<{ issues: unknown; locales: string[]; bytes: number }> {
  const file = join(OUT, `${name}.mjs`);
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' },
    outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20.19', logLevel: 'silent', plugins: plugins as never[],
  });
  const loaded = (await import(pathToFileURL(file).href)) as { issues: unknown; locales: string[] };
  return { ...loaded, bytes: readFileSync(file).length };
}

describe('zod with English messages only', () => {
  it('gives the same messages from a bundle 300 kB smaller, with English its only locale', async () => {
    const all = await bundle('all', []);
    const english = await bundle('english', [zodEnglishOnly()]);
    expect(all.locales.length).toBeGreaterThan(30);
    expect(english.locales).toEqual(['en']);
    expect(all.bytes - english.bytes).toBeGreaterThan(300_000);
    expect(english.issues).toEqual(all.issues);
    expect(JSON.stringify(english.issues)).toContain('Unrecognized key');
  });
});
