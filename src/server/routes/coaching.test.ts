/**
 * The coach's table, a job seeker's recent coach comments and an admin's role change, over HTTP
 * on a real PGlite seeded through the use cases (testing-accounts.ts): Wed 4 Mar 2026, 09:00 in
 * New York, the day after each seeker's interview (Tue 3 Mar, 10:00–11:00).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, createAccount } from '../../app/accounts.js';
import { addApplication, saveProfile } from '../../app/records.js';
import { ORIGIN } from '../testing.js';
import { accountsWorld, jsonOf, type AccountsWorld, type SignedIn } from '../testing-accounts.js';

let w: AccountsWorld;
let coach: SignedIn;

beforeAll(async () => {
  w = await accountsWorld();
  coach = await w.signIn('coach1');
}, 60_000);

afterAll(async () => {
  await w.close();
});

interface RowJson {
  seeker: { id: string; name: string; email: string };
  joined: string;
  overdue: { kind: string; company: string; person: { name: string } | null; why: string; rules: string[] }[];
  due: { kind: string; company: string; person: { name: string } | null; why: string; rules: string[]; status: string }[];
  active: number;
  lastAppliedOn: string | null;
  daysSinceApplied: number | null;
  quietLimit: number;
  waitingOn: unknown[];
}

async function table(as: SignedIn = coach): Promise<RowJson[]> {
  const res = await w.get('/api/coach/table', as);
  expect(res.status).toBe(200);
  return (await jsonOf(res))['rows'] as RowJson[];
}

describe('GET /api/coach/table', () => {
  it('gives one row per followed job seeker: what they owe now with the planner\u2019s reasons, and when they last applied', async () => {
    const rows = await table();
    expect(rows.map((r) => r.seeker.name)).toEqual(['Sam Seeker']);
    const [sam] = rows;
    expect(sam?.joined).toBe('set_up');
    // The thank-you to Grace Okafor is due until Wed 4 Mar, 11:00 (T2: 24 hours after the interview ended).
    expect(sam?.overdue).toEqual([]);
    expect(sam?.due.map((i) => [i.kind, i.company, i.person?.name, i.status])).toEqual([['thank_you', 'Acme Analytics', 'Grace Okafor', 'due']]);
    expect(sam?.due[0]?.rules).toContain('T2');
    expect(sam?.due[0]?.why.length).toBeGreaterThan(20);
    // Applied last on Mon 2 Mar 2026: two days ago.
    expect(sam).toMatchObject({ active: 2, lastAppliedOn: '2026-03-02', daysSinceApplied: 2, quietLimit: 7 });
    // No internal records beyond what the row shows.
    expect(JSON.stringify(sam)).not.toContain('"people"');
  });

  it('tells a job seeker who never accepted (no password) from one who signed up but has no profile yet', async () => {
    const deps = w.accountDeps;
    const invited = await createAccount(deps, { name: 'Ivy Invited', email: 'ivy@city-careers.example', role: 'seeker', organisationId: w.organisation.id });
    const joined = await createAccount(deps, { name: 'Jo Joined', email: 'jo@city-careers.example', role: 'seeker', organisationId: w.organisation.id, password: 'a long enough password' });
    const quiet = await createAccount(deps, { name: 'Quinn Quiet', email: 'quinn@city-careers.example', role: 'seeker', organisationId: w.organisation.id, password: 'a long enough password' });
    for (const s of [invited, joined, quiet]) await assign(deps, coach.account.id, s.id);
    const app = { store: w.store, time: w.deps.time, clock: w.clock, userId: quiet.id };
    await saveProfile(app, { timeZone: 'Europe/London', region: 'GB-ENG' }, { name: 'Quinn Quiet' });
    await addApplication(app, { company: 'Harbour Ltd', role: 'Analyst', appliedOn: '2026-02-10' });

    const rows = await table();
    const by = new Map(rows.map((r) => [r.seeker.name, r]));
    expect(by.get('Ivy Invited')).toMatchObject({ joined: 'no_password', overdue: [], due: [], daysSinceApplied: null });
    expect(by.get('Jo Joined')).toMatchObject({ joined: 'not_set_up', overdue: [], due: [] });
    // Tue 10 Feb to Wed 4 Mar 2026 (in London): 22 days.
    expect(by.get('Quinn Quiet')).toMatchObject({ joined: 'set_up', daysSinceApplied: 22, lastAppliedOn: '2026-02-10' });
    // By name; the page sorts them.
    expect(rows.map((r) => r.seeker.name)).toEqual(['Ivy Invited', 'Jo Joined', 'Quinn Quiet', 'Sam Seeker']);
  });

  it('answers one row for a followed job seeker, and "not found" for anyone else', async () => {
    const sam = w.users.seeker1.account.id;
    const res = await w.get(`/api/coach/seekers/${sam}/row`, coach);
    expect(res.status).toBe(200);
    expect(((await jsonOf(res))['row'] as RowJson).seeker.name).toBe('Sam Seeker');
    const other = await w.get(`/api/coach/seekers/${w.users.seeker2.account.id}/row`, coach);
    expect(other.status).toBe(404);
    expect((await w.get('/api/coach/table', await w.signIn('seeker1'))).status).toBe(403);
  });
});

describe('GET /api/comments/recent', () => {
  it('gives the job seeker their coaches\u2019 comments of the last 30 days, newest first, with the company', async () => {
    const sam = w.users.seeker1;
    const first = sam.applicationIds[0] ?? '';
    const path = `/api/coach/seekers/${sam.account.id}/applications/${first}/comments`;
    expect((await w.write('POST', path, { body: 'Send Grace her thank-you before 11.' }, coach)).status).toBe(201);
    w.clock.advance(60_000);
    expect((await w.write('POST', path, { body: 'And ask about the timeline.' }, coach)).status).toBe(201);
    const seeker = await w.signIn('seeker1');
    const res = await w.get('/api/comments/recent', seeker);
    expect(res.status).toBe(200);
    const { comments } = await jsonOf(res) as { comments: { body: string; company: string; authorName: string; applicationId: string }[] };
    expect(comments.map((c) => [c.body, c.company, c.authorName, c.applicationId])).toEqual([
      ['And ask about the timeline.', 'Acme Analytics', 'Cora Coach', first],
      ['Send Grace her thank-you before 11.', 'Acme Analytics', 'Cora Coach', first],
    ]);
    // Another seeker sees none of them; a coach may not ask.
    expect((await jsonOf(await w.get('/api/comments/recent', await w.signIn('seeker2'))))['comments']).toEqual([]);
    expect((await w.get('/api/comments/recent', coach)).status).toBe(403);
    // 31 days later they are no longer recent.
    w.clock.advance(31 * 86_400_000);
    expect((await jsonOf(await w.get('/api/comments/recent', await w.signIn('seeker1'))))['comments']).toEqual([]);
  });
});

describe('POST /api/admin/accounts/:id/role', () => {
  it('changes a role, ends the account\u2019s sessions and drops the coach assignments the new role cannot hold', async () => {
    const admin = await w.signIn('admin');
    const seeker2 = await w.signIn('seeker2');
    const bea = w.users.seeker2.account.id;
    await assign(w.accountDeps, w.users.coach2.account.id, bea);
    const res = await w.write('POST', `/api/admin/accounts/${bea}/role`, { role: 'coach' }, admin);
    expect(res.status).toBe(200);
    expect(((await jsonOf(res))['account'] as { role: string }).role).toBe('coach');
    expect((await w.store.accounts.getAccount(bea))?.role).toBe('coach');
    expect(await w.store.accounts.isAssigned(w.users.coach2.account.id, bea)).toBe(false);
    expect((await w.get('/api/me', seeker2)).status).toBe(401);
  });

  it('refuses an admin\u2019s own role, an unknown role, and anyone but an admin', async () => {
    const admin = await w.signIn('admin');
    const self = await w.write('POST', `/api/admin/accounts/${admin.account.id}/role`, { role: 'seeker' }, admin);
    expect(self.status).toBe(422);
    expect((await jsonOf(self))['field']).toBe('role');
    expect((await w.write('POST', `/api/admin/accounts/${w.users.seeker3.account.id}/role`, { role: 'owner' }, admin)).status).toBe(400);
    expect((await w.write('POST', `/api/admin/accounts/${w.users.seeker3.account.id}/role`, { role: 'coach' }, await w.signIn('coach1'))).status).toBe(403);
    expect((await w.store.accounts.getAccount(w.users.seeker3.account.id))?.role).toBe('seeker');
    expect((await w.write('POST', '/api/admin/accounts/u_nobody/role', { role: 'coach' }, admin)).status).toBe(404);
  });
});

describe('GET /api/admin/invitations, DELETE /api/admin/invitations/:id', () => {
  it('lists the invitations not yet accepted, and takes one back so that its link no longer works', async () => {
    const admin = await w.signIn('admin');
    const made = await w.write('POST', '/api/admin/invitations', { email: 'nia@city-careers.example', role: 'seeker', coachId: w.users.coach1.account.id }, admin);
    expect(made.status).toBe(201);
    const { token } = await jsonOf(made) as { token: string };
    const list = async (): Promise<{ id: string; email: string; role: string; coachId: string | null }[]> =>
      (await jsonOf(await w.get('/api/admin/invitations', admin)))['invitations'] as { id: string; email: string; role: string; coachId: string | null }[];
    const pending = (await list()).filter((i) => i.email === 'nia@city-careers.example');
    expect(pending).toMatchObject([{ role: 'seeker', coachId: w.users.coach1.account.id }]);
    expect(JSON.stringify(pending)).not.toContain(token);
    // The coach it names sees a row for it, told apart from an account that never signed in.
    const coachRows = await table(await w.signIn('coach1'));
    expect(coachRows.find((r) => r.seeker.email === 'nia@city-careers.example')).toMatchObject({ joined: 'invited', seeker: { id: '', name: 'nia@city-careers.example' } });
    expect((await w.request(`/api/admin/invitations/${encodeURIComponent(pending[0]?.id ?? '')}`, { method: 'DELETE', headers: admin.headers })).status).toBe(204);
    expect((await list()).some((i) => i.email === 'nia@city-careers.example')).toBe(false);
    expect((await table(await w.signIn('coach1'))).some((r) => r.seeker.email === 'nia@city-careers.example')).toBe(false);
    const accept = await w.write('POST', '/api/auth/accept-invitation', { token, name: 'Nia', password: 'a long enough password' });
    expect(accept.status).toBe(422);
    expect((await w.request(`/api/admin/invitations/${encodeURIComponent(pending[0]?.id ?? '')}`, { method: 'DELETE', headers: admin.headers })).status).toBe(404);
    expect((await w.get('/api/admin/invitations', await w.signIn('coach1'))).status).toBe(403);
  });
});

describe('the per-address limit of sign-ins', () => {
  it('counts only the attempts that fail: a workshop of 12 people signs in from one address, then wrong passwords are held at the limit', async () => {
    const server = w.server({ signInsPerMinute: 10 });
    const env = { clientIp: '198.51.100.7' };
    for (let i = 0; i < 12; i++) await w.signIn('seeker3', env, server);
    const wrong = async (): Promise<number> => (await w.request('/api/auth/sign-in', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ email: `nobody${Math.random()}@city-careers.example`, password: 'not a password at all' }),
    }, env, server)).status;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await wrong());
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});
