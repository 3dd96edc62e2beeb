import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Starting Chromium and a fresh database for an end-to-end file takes seconds on a busy machine.
    hookTimeout: 60_000,
    setupFiles: ['test/yield-between-tests.ts'],
    // Two files at a time at least: vitest's default (one fewer than the cores) is one on a 2-core
    // machine, and a file spends much of its time waiting on Chromium, a server or the disk.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // A worker runs its files one after another in one module graph instead of loading compromise,
    // PGlite, the dictionaries and the rest again for each file: 20 % less CPU for the whole run
    // (src/app and src/store: 44.7 → 35.3 s user; src/core: 94 → 80 s, 121 → 89 s wall). Safe
    // because no test changes process-wide state: none mocks modules, fakes timers, sets
    // environment variables or changes the working directory (grep before adding one that does).
    isolate: false,
  },
});
