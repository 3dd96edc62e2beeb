/**
 * An esbuild plugin for the CLI bundle: zod's entry point re-exports all of its ≈ 45 message
 * locales (`z.locales`, ≈ 400 kB of the bundle), although zod itself only ever uses English unless
 * a program calls `z.config(z.locales.xx())`. Afterword never does (its messages are its own
 * words, src/app/reasons.ts), so the bundle keeps English only: 400 kB less for Node to read,
 * decode and compile, and ≈ 45 modules less to run, at every start of a command that validates input.
 */
import { dirname } from 'node:path';

const LOCALES = /zod[\\/]v4[\\/]locales[\\/]index\.js$/;

export function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onLoad({ filter: LOCALES }, (args) => ({ contents: "export { default as en } from './en.js';\n", loader: 'js', resolveDir: dirname(args.path) }));
    },
  };
}
