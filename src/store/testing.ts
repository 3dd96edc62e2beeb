/**
 * A fresh, migrated in-memory PGlite store for tests, cloned from a template instead of created.
 * Creating one runs initdb and every migration (about 3 s of CPU); loading a copy of a migrated one
 * takes under 1 s. The template is made once per set of migrations and PGlite version and kept in
 * the system's temp folder, so every test file and worker of a run (and the next run) shares it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from './migrations-folder.js';
import { openPgliteStore, type PgliteStore } from './pglite.js';

let template: Promise<Blob> | undefined;

/** A name that changes with any migration file and with PGlite's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  const folder = migrationsFolder();
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    hash.update(name);
    try {
      hash.update(readFileSync(join(folder, name)));
    } catch {
      // a folder: its files are listed on their own
    }
  }
  const pglite = JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string };
  hash.update(pglite.version);
  return hash.digest('hex').slice(0, 16);
}

async function loadTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `afterword-test-template-${templateKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const store = await openPgliteStore();
    const dump = await store.dump();
    await store.close();
    // Written under another name first: a worker reading it never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  }
}

/**
 * A new store, migrated, with nothing in it: the same as `openPgliteStore()`, faster. In memory, or
 * in `dir` (an empty or new folder, locked as `afterword` locks it) for tests of the folder itself.
 */
export async function freshPgliteStore(options: { readonly dir?: string } = {}): Promise<PgliteStore> {
  template ??= loadTemplate();
  return openPgliteStore({ loadDataDir: await template, ...(options.dir !== undefined ? { dir: options.dir } : {}) });
}
