/**
 * An admin deactivates an account and reactivates it (issue 15, item 7), through the API on a real
 * database (PGlite; PostgreSQL in `npm run test:api-pg`): the account's sessions and calendar feed
 * end at once, signing in is answered exactly as a wrong password after the same work, its records
 * stay, a coach sees it as deactivated and counts nothing of it, and reactivating lets its own
 * password sign in again. Refusals (oneself, another organisation, the last admin) change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signIn, type PasswordChecks } from '../app/accounts.js';
import { AppError } from '../app/errors.js';
import { ORIGIN } from './testing.js';
import { accountsWorld, jsonOf, type AccountsWorld, type SignedIn } from './testing-accounts.js';

let w: AccountsWorld;
beforeAll(async () => {
  w = await accountsWorld();
});
afterAll(async () => {
  await w.close();
});

const WRONG = { error: 'wrong email or password', problem: { code: 'unauthorized', reason: 'sign_in.wrong', params: {}, message: 'Wrong email or password.' } };

const signInAnswer = async (email: string, password: string, clientIp = '198.51.100.30') => {
  const res = await w.request('/api/auth/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email, password }),
  }, { clientIp });
  return { status: res.status, body: await res.json() as unknown, cookies: res.headers.getSetCookie() };
};
const me = async (s: SignedIn): Promise<number> => (await w.get('/api/me', s)).status;
const deactivate = (id: string, as: SignedIn) => w.write('POST', `/api/admin/accounts/${encodeURIComponent(id)}/deactivate`, {}, as);
const reactivate = (id: string, as: SignedIn) => w.write('POST', `/api/admin/accounts/${encodeURIComponent(id)}/reactivate`, {}, as);
/** Every table a refused call must leave as it was, sessions included. */
const everything = () => w.sql<{ t: string; h: string }>(['users', 'sessions', 'tokens', 'coach_assignments', 'applications'].map((t) =>
  `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`).join(' union all '));

describe('deactivating a job seeker', () => {
  it('ends every session and the calendar feed at once, keeps the records, and shows the account as deactivated to the admin', async () => {
    const { account } = w.users.seeker1;
    const [phone, laptop] = [await w.signIn('seeker1'), await w.signIn('seeker1')];
    const feed = String((await jsonOf(await w.write('POST', '/api/calendar/token', {}, laptop)))['calendarUrl']);
    expect((await w.request(feed)).status).toBe(200);
    const records = await w.store.exportAll(account.id);
    const admin = await w.signIn('admin');

    const res = await deactivate(account.id, admin);
    expect(res.status).toBe(200);
    const deactivatedAt = new Date(w.clock.now()).toISOString();
    expect(await jsonOf(res)).toStrictEqual({
      account: { id: account.id, name: account.name, email: account.email, role: 'seeker', organisationId: account.organisationId, deactivatedAt }, ended: 2,
    });
    expect([await me(phone), await me(laptop)]).toStrictEqual([401, 401]);
    expect((await w.request(feed)).status).toBe(401);
    expect(await w.store.exportAll(account.id)).toStrictEqual(records);
    const listed = (await jsonOf(await w.get('/api/admin/accounts', admin)))['accounts'] as { id: string; deactivatedAt: string | null }[];
    expect(listed.find((a) => a.id === account.id)?.deactivatedAt).toBe(deactivatedAt);
    expect(listed.filter((a) => a.deactivatedAt !== null).map((a) => a.id)).toStrictEqual([account.id]);
  });

  it('answers its sign-in exactly as a wrong password, the right password too, after one password check like any other', async () => {
    const { account, password } = w.users.seeker1;
    const right = await signInAnswer(account.email, password);
    expect(right).toStrictEqual({ status: 401, body: WRONG, cookies: [] });
    expect(await signInAnswer(account.email, 'not the password at all')).toStrictEqual(right);
    expect(await signInAnswer('nobody@city-careers.example', password)).toStrictEqual(right);
    expect(await signInAnswer(w.users.seeker2.account.email, 'not the password at all')).toStrictEqual(right);

    // The same work: one scrypt check each, whether the account is deactivated, active or missing.
    let checks = 0;
    const counted: PasswordChecks = { run: (check) => { checks++; return check(); } };
    const deps = { ...w.accountDeps, passwordChecks: counted };
    const tries: [string, string][] = [[account.email, password], [account.email, 'wrong password here'], ['nobody@city-careers.example', password], [w.users.seeker2.account.email, 'wrong password here']];
    for (const [email, attempt] of tries) {
      const before = checks;
      const refused: unknown = await signIn(deps, email, attempt).then(() => undefined, (e: unknown) => e);
      expect(refused instanceof AppError ? refused.reason : refused, email).toBe('sign_in.wrong');
      expect(checks - before, email).toBe(1);
    }
  });

  it('is counted by the sign-in limit as a wrong password is: the sixth try from one address waits', async () => {
    const server = w.server({ signInsPerMinute: 1_000 });
    const { account, password } = w.users.seeker1;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await w.request('/api/auth/sign-in', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: account.email, password }),
      }, { clientIp: '198.51.100.31' }, server)).status);
    }
    expect(statuses).toStrictEqual([401, 401, 401, 401, 401, 429]);
  });

  it('shows the coach who follows them the seeker as deactivated, with nothing owed or counted', async () => {
    const coach = await w.signIn('coach1');
    const { rows } = await jsonOf(await w.get('/api/coach/table', coach)) as { rows: { seeker: { id: string }; joined: string; overdue: unknown[]; due: unknown[]; active: number }[] };
    const row = rows.find((r) => r.seeker.id === w.users.seeker1.account.id);
    expect(row).toMatchObject({ joined: 'deactivated', overdue: [], due: [], active: 0 });
    const one = await jsonOf(await w.get(`/api/coach/seekers/${w.users.seeker1.account.id}/row`, coach));
    expect(one['row']).toMatchObject({ joined: 'deactivated', overdue: [], due: [] });
    const dashboard = await jsonOf(await w.get('/api/coach/dashboard', coach)) as { seekers: { seeker: { id: string }; deactivated: boolean; overdue: number; due: number }[] };
    expect(dashboard.seekers.find((s) => s.seeker.id === w.users.seeker1.account.id)).toMatchObject({ deactivated: true, overdue: 0, due: 0 });
  });

  it('refuses a reset link while deactivated, in words', async () => {
    const res = await w.write('POST', `/api/admin/accounts/${w.users.seeker1.account.id}/reset`, {}, await w.signIn('admin'));
    expect(res.status).toBe(409);
    expect(((await jsonOf(res))['problem'] as { message: string }).message).toBe('This account is deactivated. Reactivate it first.');
  });

  it('is undone by reactivating: the same password signs in again, to the same records', async () => {
    const { account } = w.users.seeker1;
    const res = await reactivate(account.id, await w.signIn('admin'));
    expect(res.status).toBe(200);
    expect((await jsonOf(res))['account']).toMatchObject({ id: account.id, deactivatedAt: null });
    const again = await w.signIn('seeker1');
    expect(await me(again)).toBe(200);
    expect((await w.get('/api/applications/sam-1', again)).status).toBe(200);
    const { rows } = await jsonOf(await w.get('/api/coach/table', await w.signIn('coach1'))) as { rows: { seeker: { id: string }; joined: string }[] };
    expect(rows.find((r) => r.seeker.id === account.id)?.joined).toBe('set_up');
  });
});

describe('what an admin may not deactivate', () => {
  it('themself: refused in words, nothing changed', async () => {
    const admin = await w.signIn('admin');
    const before = await everything();
    const res = await deactivate(w.users.admin.account.id, admin);
    expect(res.status).toBe(422);
    expect(((await jsonOf(res))['problem'] as { message: string }).message).toBe('You cannot deactivate your own account. Ask another admin.');
    expect(await everything()).toStrictEqual(before);
    expect(await me(admin)).toBe(200);
  });

  it('an account of another organisation, or none: not found, nothing changed', async () => {
    await w.accountDeps.accounts.createOrganisation({ id: 'harbour-jobs', name: 'Harbour Jobs' });
    const elsewhere = await createAccount(w.accountDeps, {
      name: 'Otto Other', email: 'otto@harbour-jobs.example', role: 'seeker', organisationId: 'harbour-jobs', password: 'otto correct horse battery',
    });
    const admin = await w.signIn('admin');
    const before = await everything();
    for (const id of [elsewhere.id, 'u_nobody']) {
      expect((await deactivate(id, admin)).status, id).toBe(404);
      expect((await reactivate(id, admin)).status, id).toBe(404);
    }
    expect(await everything()).toStrictEqual(before);
  });

  it('the last active admin of the server: another admin may be deactivated while one stays', async () => {
    const second = await createAccount(w.accountDeps, {
      name: 'Abe Admin', email: 'abe@city-careers.example', role: 'admin', organisationId: w.organisation.id, password: 'abe correct horse battery',
    });
    const ada = await w.signIn('admin');
    expect((await deactivate(second.id, ada)).status).toBe(200);
    // The store's own guard, as `afterword admin deactivate` meets it: no one left to undo it.
    const refused: unknown = await w.accountDeps.accounts.deactivate(w.users.admin.account.id, w.clock.now()).then(() => undefined, (e: unknown) => e);
    expect(refused instanceof AppError ? refused.reason : refused).toBe('account.last_admin');
    expect(await me(ada)).toBe(200);
    expect((await reactivate(second.id, ada)).status).toBe(200);
  });
});

describe('a deactivated coach', () => {
  it('keeps the job seekers they followed, and is refused as a new one (an invitation or an assignment), in words', async () => {
    const admin = await w.signIn('admin');
    const coach = w.users.coach2.account;
    expect((await deactivate(coach.id, admin)).status).toBe(200);
    const before = await everything();
    const invited = await w.write('POST', '/api/admin/invitations', { email: 'new.seeker@city-careers.example', role: 'seeker', coachId: coach.id }, admin);
    const assigned = await w.write('POST', '/api/admin/assignments', { coachId: coach.id, seekerId: w.users.seeker3.account.id }, admin);
    for (const res of [invited, assigned]) {
      expect(res.status).toBe(422);
      expect(await jsonOf(res)).toMatchObject({ field: 'coach', problem: { reason: 'coach.unknown', message: 'This coach is no longer on the server. Pick another one.' } });
    }
    expect(await everything()).toStrictEqual(before);
    expect((await reactivate(coach.id, admin)).status).toBe(200);
    expect((await w.write('POST', '/api/admin/assignments', { coachId: coach.id, seekerId: w.users.seeker3.account.id }, admin)).status).toBe(201);
  });
});
