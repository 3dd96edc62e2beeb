/**
 * The web UI's JavaScript as a browser loads it: what `dist/web/index.html` loads before the first
 * paint (its module scripts and modulepreloads) and the chunks loaded later (lazy pages), each
 * with its gzipped size (node:zlib, level 9, as a server or CDN compresses static files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  /** The path as the page asks for it, e.g. `/assets/index-abc.js`. */
  readonly path: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface Bundle {
  readonly initial: readonly Chunk[];
  readonly lazy: readonly Chunk[];
  readonly initialGzip: number;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
}

/** The scripts and modulepreloads of an HTML page, in order (absolute paths as written). */
export function initialScripts(html: string): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    if (/^<script/i.test(tag)) {
      const src = attr(tag, 'src');
      if (src) out.push(src);
    } else if ((attr(tag, 'rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = attr(tag, 'href');
      if (href) out.push(href);
    }
  }
  return [...new Set(out)];
}

function chunk(dir: string, path: string): Chunk {
  const body = readFileSync(join(dir, path.replace(/^\//, '')));
  return { path, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

export function measureBundle(dir: string): Bundle {
  const initialPaths = initialScripts(readFileSync(join(dir, 'index.html'), 'utf8'));
  const initial = initialPaths.map((p) => chunk(dir, p));
  const lazy = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialPaths.includes(`/assets/${f}`))
    .sort()
    .map((f) => chunk(dir, `/assets/${f}`));
  return { initial, lazy, initialGzip: initial.reduce((sum, c) => sum + c.gzip, 0) };
}
