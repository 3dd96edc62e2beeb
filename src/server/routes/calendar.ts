/**
 * `GET /api/calendar.ics` (mounted under /api by app.ts before the session check): calendar apps
 * send no cookies, so the feed is read with its own token.
 */
import { Hono } from 'hono';
import { calendarOwner, type AccountDeps } from '../../app/accounts.js';
import { exportCalendar } from '../../app/files.js';
import { LOCAL_USER } from '../../app/ports.js';
import { getProfile, type AppDeps } from '../../app/records.js';
import { calendarToken, sameSecret } from '../security.js';
import { noFeedWords } from './accounts.js';
import type { Env } from './context.js';

export interface CalendarOptions {
  readonly secret: string;
  /** A shared server: the token names an account; off, it is the install's (made from the secret). */
  readonly accounts: boolean;
  readonly accountDeps: AccountDeps;
  /** The use cases' deps; the feed's owner replaces their user. */
  readonly local: AppDeps;
}

export function calendarRoutes({ secret, accounts, accountDeps, local }: CalendarOptions) {
  return new Hono<Env>()
    .get('/calendar.ics', async (c) => {
      const token = c.req.query('token');
      const userId = token === undefined ? undefined
        : accounts ? await calendarOwner(accountDeps, token)
          : sameSecret(token, calendarToken(secret)) ? LOCAL_USER.id : undefined;
      if (userId === undefined) return c.json({ error: 'missing, wrong or revoked token; copy the feed URL again from Settings' }, 401);
      // A feed made before coaches and admins were refused one (accounts.ts) says so in words.
      const owner = accounts ? await accountDeps.accounts.getAccount(userId) : undefined;
      if (owner && owner.role !== 'seeker') return c.json({ error: noFeedWords(owner.role) }, 404);
      const app: AppDeps = { ...local, userId };
      if (!(await getProfile(app))) return c.json({ error: 'no follow-ups to show yet: set up your profile first (your name, time zone and region, in Settings)' }, 422);
      const { text: ics } = await exportCalendar(app);
      return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
    });
}
