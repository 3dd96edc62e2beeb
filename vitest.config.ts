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
  },
});
