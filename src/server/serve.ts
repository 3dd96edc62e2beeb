/** Listening: the app on @hono/node-server, bound to one address (loopback by default). */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { SpellerLoader } from '../app/speller.js';
import type { Deps } from '../deps.js';
import { createServer } from './app.js';
import { defaultWebDir, loadWebAssets, type WebAssets } from './web.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4600;

export interface StartOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly secret: string;
  readonly speller?: SpellerLoader;
  readonly logError?: (error: unknown) => void;
  /** The built UI; default: this package's dist/web, when built. */
  readonly web?: WebAssets;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** The address to open, with the key that signs the browser in. */
  readonly url: string;
  /** Stops accepting connections and waits for open ones to finish (the store stays open: the caller owns it). */
  close(): Promise<void>;
}

/** Whether `host` is a loopback address (the only safe default for a single-user app). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function startServer(deps: Deps, options: StartOptions): Promise<RunningServer> {
  // The Host check needs the real port, known only once listening (port 0): build the app then.
  const ready: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const server = createAdaptorServer({
    fetch: (request: Request) => (ready.fetch ? ready.fetch(request) : new Response('starting', { status: 503 })),
    hostname: options.host,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const web = options.web ?? loadWebAssets(defaultWebDir());
  const app = createServer(deps, {
    host: options.host, port, secret: options.secret, ...(web ? { web } : {}),
    ...(options.speller ? { speller: options.speller } : {}), ...(options.logError ? { logError: options.logError } : {}),
  });
  ready.fetch = (request) => app.fetch(request);
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    host: options.host,
    port,
    url: `http://${shown}:${port}/?key=${options.secret}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Browsers keep idle connections open; without this close() would wait for them.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }),
  };
}
