// The web UI's build: React, output in dist/web (served by the local server from memory), each
// text file of a kilobyte or more also written compressed beside it (.br, .gz) for the server to send.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = join(import.meta.dirname, '..', 'dist', 'web');
const TEXT = /\.(?:js|css|html|svg|json|txt|webmanifest)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Brotli (quality 11) and gzip (level 9) of every text file ≥ 1 kB: compressed once here, never per request. */
function precompress(): Plugin {
  return {
    name: 'afterword-precompress',
    apply: 'build',
    closeBundle() {
      for (const path of files(OUT_DIR).filter((p) => TEXT.test(p))) {
        const body = readFileSync(path);
        if (body.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One warning threshold: the initial JavaScript budget is 200 kB gzipped (bench/web).
    chunkSizeWarningLimit: 600,
  },
});
