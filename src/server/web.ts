/**
 * The built web UI (Vite's output in dist/web), read into memory once at start: a handful of files,
 * served from memory so a page load never touches the disk. Hashed assets are cached for a year.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WebFile {
  readonly body: Uint8Array;
  readonly type: string;
}

export interface WebAssets {
  /** index.html: the shell every UI route answers with. */
  readonly index: WebFile;
  /** By URL path, e.g. `/assets/index-1a2b3c.js`. */
  readonly files: ReadonlyMap<string, WebFile>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Reads a Vite build folder; undefined when it is missing (a checkout not built yet). */
export function loadWebAssets(dir: string): WebAssets | undefined {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const files = new Map<string, WebFile>();
  for (const path of walk(dir)) {
    if (path === indexPath) continue;
    const url = `/${relative(dir, path).split(sep).join('/')}`;
    files.set(url, { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' });
  }
  return { index: { body: readFileSync(indexPath), type: TYPES['.html'] ?? 'text/html' }, files };
}

/** dist/web of this package, found from this module's place (src/server under tsx, or dist/… when built). */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}
