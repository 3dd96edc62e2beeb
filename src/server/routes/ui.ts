/**
 * The web UI (mounted at / by app.ts, after /api): key sign-in on a local install (`/?key=…`),
 * the built UI's files, and its page for every other path.
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { sendWebFile } from '../compress.js';
import { NOT_SIGNED_IN_PAGE, NO_UI_PAGE, WRONG_KEY_PAGE } from '../pages.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfToken, newSession, sameSecret, verifySession } from '../security.js';
import type { WebAssets, WebFile } from '../web.js';
import type { Env } from './context.js';

export interface UiOptions {
  readonly secret: string;
  /** A shared server: no key sign-in, and its UI signs in itself. */
  readonly accounts?: boolean | undefined;
  /** The built web UI; without it `/` shows a page saying how to build it. */
  readonly web?: WebAssets | undefined;
}

export function uiRoutes(options: UiOptions) {
  const { secret } = options;

  function send(c: Context, file: WebFile, cache: string) {
    c.header('Cache-Control', cache);
    return sendWebFile(c, file);
  }

  /** The UI's page for a signed-in browser; a sign-in hint otherwise (a shared server's UI signs in itself). */
  function shell(c: Context) {
    const signedIn = options.accounts || verifySession(secret, getCookie(c, SESSION_COOKIE)) !== undefined;
    if (!signedIn) return c.html(NOT_SIGNED_IN_PAGE, 401);
    return options.web ? send(c, options.web.index, 'no-store') : c.html(NO_UI_PAGE, 200);
  }

  return new Hono<Env>()
    .get('/', (c) => {
      const key = c.req.query('key');
      if (key !== undefined && !options.accounts) {
        if (!sameSecret(key, secret)) return c.html(WRONG_KEY_PAGE, 401);
        const session = newSession(secret);
        const nonce = verifySession(secret, session) ?? '';
        setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
        setCookie(c, CSRF_COOKIE, csrfToken(secret, nonce), { sameSite: 'Strict', path: '/' });
        // Drop the key from the address bar (and history) at once.
        return c.redirect('/', 303);
      }
      return shell(c);
    })
    // The UI's files hold no records: served to anyone; every other path is a UI route behind the session.
    .get('*', (c) => {
      if (c.req.path.startsWith('/api/')) return c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404);
      const file = options.web?.files.get(c.req.path);
      if (file) return send(c, file, c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return shell(c);
    });
}
