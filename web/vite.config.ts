// The web UI's build: React, output in dist/web (served by the local server from memory).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One warning threshold: the initial JavaScript budget is 200 kB gzipped (bench/web).
    chunkSizeWarningLimit: 600,
  },
});
