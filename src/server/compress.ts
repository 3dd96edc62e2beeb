/**
 * Compression as the browser asks for it (Accept-Encoding, RFC 9110 §12.5.3): brotli, else gzip,
 * for text, JSON, JavaScript and SVG of at least a kilobyte; never for types that are compressed
 * already (images, fonts, spreadsheets) nor for tiny bodies. Every compressible answer says
 * `Vary: Accept-Encoding`, so a cache keeps one copy per encoding. The built UI's files come
 * compressed from the build (`.br`/`.gz` beside each, web.ts) or are compressed once and kept.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { WebFile } from './web.js';

export type Encoding = 'br' | 'gzip';

/** Below this many bytes compression saves less than it costs. */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|manifest\+json|xml)\b|image\/svg\+xml\b)/i;

export function compressible(type: string | null | undefined): boolean {
  return type !== null && type !== undefined && COMPRESSIBLE.test(type);
}

/** What `Accept-Encoding` accepts best of ours: brotli before gzip at equal weight; undefined for neither (or none asked). */
export function negotiate(accept: string | null | undefined): Encoding | undefined {
  if (!accept) return undefined;
  const weights = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name !== '') weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const of = (name: Encoding): number => weights.get(name) ?? weights.get('*') ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * `body` compressed off the main thread: `best` for files compressed once and kept (the slowest,
 * smallest), otherwise fast enough for an answer made per request.
 */
export async function encode(body: Uint8Array, encoding: Encoding, best = false): Promise<Uint8Array<ArrayBuffer>> {
  const out = encoding === 'br'
    ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gz(body, { level: best ? 9 : 6 });
  return new Uint8Array(out);
}

function addVary(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

/** Compresses the app's answers (JSON, HTML, calendars…) per request; files of the built UI go through `sendWebFile`. */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!compressible(res.headers.get('Content-Type'))) return;
    addVary(res.headers);
    if (res.headers.has('Content-Encoding') || !res.body || res.status < 200 || res.status >= 300 || res.status === 204 || res.status === 206) return;
    if (c.req.method === 'HEAD' || /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
    const encoding = negotiate(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const length = Number(res.headers.get('Content-Length') ?? NaN);
    if (length < MIN_COMPRESS_BYTES) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const init = { status: res.status, statusText: res.statusText, headers: res.headers };
    if (body.length < MIN_COMPRESS_BYTES) {
      c.res = new Response(body, init);
      return;
    }
    // Hono's setter copies the old answer's headers onto the new one: the length and encoding are set after.
    c.res = new Response(await encode(body, encoding), init);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}

/** Each file's encodings made at run time (a build without them), kept as long as the file. */
const made = new WeakMap<WebFile, Partial<Record<Encoding, Promise<Uint8Array>>>>();

function encodedFile(file: WebFile, encoding: Encoding): Promise<Uint8Array> {
  const built = encoding === 'br' ? file.br : file.gzip;
  if (built) return Promise.resolve(built);
  const cache = made.get(file) ?? {};
  made.set(file, cache);
  return (cache[encoding] ??= encode(file.body, encoding, true));
}

/** A file of the built UI, compressed when the browser accepts it and it is worth it. */
export async function sendWebFile(c: Context, file: WebFile): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': file.type };
  if (!compressible(file.type)) return c.body(new Uint8Array(file.body), 200, headers);
  headers['Vary'] = 'Accept-Encoding';
  const encoding = file.body.length >= MIN_COMPRESS_BYTES ? negotiate(c.req.header('Accept-Encoding')) : undefined;
  if (!encoding) return c.body(new Uint8Array(file.body), 200, headers);
  headers['Content-Encoding'] = encoding;
  return c.body(new Uint8Array(await encodedFile(file, encoding)), 200, headers);
}
