/** `GET /api/session` (mounted under /api by app.ts): the CSRF token, the local feed's address and the signed-in account. */
import { Hono } from 'hono';
import { calendarToken } from '../security.js';
import { accountJson } from './accounts.js';
import type { Env } from './context.js';

export function sessionRoutes(secret: string) {
  return new Hono<Env>()
    .get('/session', async (c) => {
      const account = c.var.account;
      const feed = account ? undefined : calendarToken(secret);
      return c.json({
        csrf: c.var.csrf,
        // On a shared server the feed's token is shown once, when made (POST /api/calendar/token).
        calendarUrl: feed !== undefined ? `/api/calendar.ics?token=${feed}` : null,
        account: account ? accountJson(account) : null,
      });
    });
}
