/**
 * The CLI bundle leaves nodemailer outside (scripts/build-cli.mjs), and mailparser's ES build
 * imports a folder of it ("nodemailer/lib/addressparser"). Node refuses an ES module's import of a
 * folder, so the chunk that reads mail failed to load in the built CLI. This bundles mailparser
 * as the build does, with and without scripts/external-files.mjs, and reads a message with each.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without types
import { externalFiles } from '../../scripts/external-files.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
// Inside the project, so that the bundle finds nodemailer in node_modules as dist/cli does.
const OUT = join(ROOT, 'node_modules', '.cache', `afterword-external-files-${process.pid}`);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

type Parse = (source: string) => Promise<{ from?: { value: { address?: string; name?: string }[] } }>;

async function bundle(name: string, plugins: unknown[]): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.mjs`);
  await build({
    stdin: { contents: "export { simpleParser } from 'mailparser';", resolveDir: ROOT, loader: 'js' },
    outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20.19', external: ['nodemailer'], logLevel: 'silent',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    plugins: plugins as never[],
  });
  return pathToFileURL(file).href;
}

describe('a bundled import of a folder of an external package', () => {
  it('fails to load without the plugin (what the built CLI did)', async () => {
    const url = await bundle('without', []);
    await expect(import(url)).rejects.toMatchObject({ code: 'ERR_UNSUPPORTED_DIR_IMPORT' });
  });

  it('loads with it, and reads a sender\'s address through nodemailer\'s address parser', async () => {
    const url = await bundle('with', [externalFiles(ROOT, ['nodemailer'])]);
    const { simpleParser } = await import(url) as { simpleParser: Parse };
    const mail = await simpleParser('From: "Grace Okafor" <grace@acme.example>\r\nSubject: Next steps\r\n\r\nThank you.\r\n');
    expect(mail.from?.value[0]).toMatchObject({ address: 'grace@acme.example', name: 'Grace Okafor' });
  });
});
