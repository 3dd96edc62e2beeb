import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../app/ports.js';
import { openStore, pgliteDir } from './open.js';
import { openPgliteStore, type PgliteStore } from './pglite.js';
import { defineAccountStoreContract } from './accounts.contract.js';
import { defineStoreContract } from './store.contract.js';

// One initdb per run (≈ 4–5 s); every other store is a clone of that migrated, empty database.
let template: Promise<{ first: PgliteStore; dump: Blob }> | undefined;
function prepared(): Promise<{ first: PgliteStore; dump: Blob }> {
  template ??= (async () => {
    const first = await openPgliteStore();
    console.info(`[pglite] new database: open ${first.timings.open.toFixed(0)} ms, migrate ${first.timings.migrate.toFixed(0)} ms`);
    return { first, dump: await first.dump() };
  })();
  return template;
}

defineStoreContract('PGlite', async () => {
  const { first, dump } = await prepared();
  let used = false;
  return {
    async open() {
      if (!used) {
        used = true;
        return first;
      }
      const clone = await openPgliteStore({ loadDataDir: dump });
      console.info(`[pglite] clone: open ${clone.timings.open.toFixed(0)} ms, migrate ${clone.timings.migrate.toFixed(0)} ms`);
      return clone;
    },
  };
});

// A clone of its own: the Store contract's factory hands out (and closes) the template database.
defineAccountStoreContract('PGlite', async () => {
  const { dump } = await prepared();
  return { open: () => openPgliteStore({ loadDataDir: dump }) };
});

describe('PGlite in a data directory', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('creates missing parent folders, migrates on open and keeps data across reopen', async () => {
    const root = await mkdtemp(join(tmpdir(), 'afterword-store-'));
    dirs.push(root);
    const dataDir = join(root, 'deep', 'nested', 'afterword');
    const { dump } = await prepared();
    // Seed the directory from the prepared database instead of a 4–5 s initdb.
    const seeded = await openPgliteStore({ dir: pgliteDir(dataDir), loadDataDir: dump });
    await seeded.ensureUser(LOCAL_USER);
    await seeded.saveApplication(LOCAL_USER.id, {
      id: 'a1', company: 'Ačme', role: 'Analyst', status: 'active', individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {},
    });
    await seeded.close();

    const reopened = await openStore({ kind: 'pglite', dataDir });
    try {
      expect((await reopened.listApplications(LOCAL_USER.id)).map((a) => a.company)).toStrictEqual(['Ačme']);
      expect(await reopened.getUser(LOCAL_USER.id)).toStrictEqual(LOCAL_USER);
    } finally {
      await reopened.close();
    }
  });
});
