/** The embedded database's folder as a whole (the DataFolder port): created, locked, replaced by a copy, checked, set aside. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../app/ports.js';
import { embeddedDataFolder } from './data-folder.js';
import { pgliteDir } from './location.js';
import { freshPgliteStore } from './testing.js';

let root: string;
let copy: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'afterword-data-folder-'));
  // A whole-folder copy with one user in it, as `backups` keeps before an upgrade.
  const seed = await freshPgliteStore();
  await seed.ensureUser(LOCAL_USER);
  copy = join(root, 'copy.tar');
  writeFileSync(copy, Buffer.from(await (await seed.dump()).arrayBuffer()));
  await seed.close();
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the embedded data folder', () => {
  it('is made from a copy, checked while open and locked, then set aside', async () => {
    const dataDir = join(root, 'data');
    const folder = embeddedDataFolder(dataDir);
    expect(folder.lockFile).toBe(`${pgliteDir(dataDir)}.lock`);
    expect(folder.created()).toBe(false);
    expect(folder.lock()).toEqual({ state: 'free' });

    await folder.restoreCopy(copy);
    expect(folder.created()).toBe(true);
    expect(folder.lock()).toEqual({ state: 'free' });

    const takeovers: string[] = [];
    const opened = await folder.openForCheck((words) => takeovers.push(words));
    try {
      expect(folder.lock()).toMatchObject({ state: 'held', pid: process.pid, proven: true });
      expect(await opened.store.getUser(LOCAL_USER.id)).toEqual(LOCAL_USER);
      const check = await opened.verify();
      expect(check.damaged).toEqual([]);
      expect(check.tables).toBeGreaterThan(0);
    } finally {
      await opened.store.close();
    }
    expect(takeovers).toEqual([]);
    expect(folder.lock()).toEqual({ state: 'free' });

    // 2026-03-03 09:12:00 UTC (a Tuesday)
    const aside = await folder.setAside('replaced', Date.UTC(2026, 2, 3, 9, 12, 0));
    expect(aside).toBe(`${pgliteDir(dataDir)}.replaced-2026-03-03T091200Z`);
    expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true);
    expect(folder.created()).toBe(false);
    expect(folder.lock()).toEqual({ state: 'free' });
  }, 120_000);
});
