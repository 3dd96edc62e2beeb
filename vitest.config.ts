import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Starting Chromium and a fresh database for an end-to-end file takes seconds on a busy machine.
    hookTimeout: 60_000,
    setupFiles: ['test/yield-between-tests.ts'],
  },
});
