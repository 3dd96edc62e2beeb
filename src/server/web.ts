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
  /** The same bytes compressed at build time (`<file>.br`, `<file>.gz`), when the build made them. */
  readonly br?: Uint8Array;
  readonly gzip?: Uint8Array;
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
  const all = new Set(walk(dir));
  // A `.br` or `.gz` beside a file is that file compressed (web/vite.config.ts), not a file of its own.
  const encoded = (path: string): boolean => (path.endsWith('.br') || path.endsWith('.gz')) && all.has(path.slice(0, -3));
  const beside = (path: string, ext: string): { br?: Uint8Array } | { gzip?: Uint8Array } | Record<string, never> => {
    if (!all.has(`${path}${ext}`)) return {};
    return ext === '.br' ? { br: readFileSync(`${path}.br`) } : { gzip: readFileSync(`${path}.gz`) };
  };
  for (const path of all) {
    if (path === indexPath || encoded(path)) continue;
    const url = `/${relative(dir, path).split(sep).join('/')}`;
    files.set(url, { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream', ...beside(path, '.br'), ...beside(path, '.gz') });
  }
  return { index: { body: readFileSync(indexPath), type: TYPES['.html'] ?? 'text/html' }, files };
}

/** dist/web of this package, found from this module's place (src/server under tsx, or dist/… when built). */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}
