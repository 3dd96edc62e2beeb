/**
 * The AccountStore contract: one suite every store's `accounts` must pass, run by pglite.test.ts
 * (always) and postgres.test.ts (when a test database is given), beside the Store contract. It
 * talks to real databases only; the concurrency cases are real races on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER, type Account, type AccountStore, type Role, type SessionRecord, type TokenRecord } from '../app/ports.js';
import { AppError } from '../app/errors.js';
import type { Application } from '../core/model.js';
import { expectAppError, type ContractOptions, type StoreFactory } from './store.contract.js';
import type { DrizzleStore } from './drizzle-store.js';

// Wed 2026-03-04 14:00 UTC.
const NOW = Date.UTC(2026, 2, 4, 14);
const MINUTE = 60_000;


function application(id: string): Application {
  return { id, company: `Company ${id}`, role: 'Analyst', status: 'active', individualPanelNotes: false, people: [], interviews: [], touches: [], protocol: {} };
}

export function defineAccountStoreContract(name: string, setup: () => Promise<StoreFactory>, options: ContractOptions = {}): void {
  describe.runIf(options.enabled ?? true)(`AccountStore contract: ${name}`, () => {
    let factory: StoreFactory;
    let store: DrizzleStore;
    let accounts: AccountStore;
    let n = 0;

    /** A new account with a unique id and email (the suite shares one database). */
    const newAccount = async (role: Role = 'seeker', fields: Partial<Account> = {}, passwordHash: string | null = 'scrypt$1024$8$1$salt$key'): Promise<Account> => {
      const k = ++n;
      const account: Account = { id: `u_${k}`, name: `Person ${k}`, email: `person-${k}@example.org`, role, ...fields };
      return passwordHash === null ? accounts.createAccount(account) : accounts.createAccount(account, passwordHash);
    };
    const session = (userId: string, fields: Partial<SessionRecord> = {}): SessionRecord => ({
      tokenHash: `session-${++n}`, userId, csrf: `csrf-${n}`, createdAt: NOW, expiresAt: NOW + 60 * MINUTE, ...fields,
    });

    beforeAll(async () => {
      factory = await setup();
      store = await factory.open();
      accounts = store.accounts;
      await accounts.createOrganisation({ id: 'org-b', name: 'Bravo Careers' });
      await accounts.createOrganisation({ id: 'org-a', name: 'Alpha Careers' });
    }, 60_000);

    afterAll(async () => {
      await store.close();
      await factory.dispose?.();
    }, 60_000);

    describe('organisations', () => {
      it('are listed by id; an id is taken once', async () => {
        const listed = await accounts.listOrganisations();
        expect(listed.filter((o) => o.id.startsWith('org-'))).toStrictEqual([{ id: 'org-a', name: 'Alpha Careers' }, { id: 'org-b', name: 'Bravo Careers' }]);
        await expectAppError(accounts.createOrganisation({ id: 'org-a', name: 'Again' }), 'conflict');
        expect((await accounts.listOrganisations()).find((o) => o.id === 'org-a')?.name).toBe('Alpha Careers');
      });
    });

    describe('accounts', () => {
      it('are created and found by id and by email, with or without an organisation and a password', async () => {
        const a = await newAccount('coach', { organisationId: 'org-a', name: 'Zoë Ørsted' });
        expect(a).toStrictEqual({ id: a.id, name: 'Zoë Ørsted', email: a.email, role: 'coach', organisationId: 'org-a' });
        expect(await accounts.getAccount(a.id)).toStrictEqual(a);
        expect(await accounts.findCredentials(a.email)).toStrictEqual({ account: a, passwordHash: 'scrypt$1024$8$1$salt$key', failedSignIns: 0 });

        const b = await newAccount('seeker', {}, null);
        expect(b).toStrictEqual({ id: b.id, name: b.name, email: b.email, role: 'seeker' });
        expect(await accounts.findCredentials(b.email)).toStrictEqual({ account: b, failedSignIns: 0 });
      });

      it('unknown ids and emails, and ones no row could hold, are simply not found', async () => {
        expect(await accounts.getAccount('u_nobody')).toBeUndefined();
        expect(await accounts.findCredentials('nobody@example.org')).toBeUndefined();
        expect(await accounts.getAccount('bad\u0000id')).toBeUndefined();
        expect(await accounts.findCredentials('bad\u0000@example.org')).toBeUndefined();
      });

      it('the local user is no account', async () => {
        await store.ensureUser(LOCAL_USER);
        expect(await accounts.getAccount(LOCAL_USER.id)).toBeUndefined();
        expect((await accounts.listAccounts()).map((a) => a.id)).not.toContain(LOCAL_USER.id);
      });

      it('an email is taken once (the first account is kept); so is an id', async () => {
        const first = await newAccount();
        await expectAppError(accounts.createAccount({ id: 'u_other', name: 'Other', email: first.email, role: 'admin' }), 'conflict');
        await expectAppError(accounts.createAccount({ ...first, email: 'another@example.org' }), 'conflict');
        expect(await accounts.getAccount(first.id)).toStrictEqual(first);
        expect(await accounts.getAccount('u_other')).toBeUndefined();
        expect(await accounts.findCredentials('another@example.org')).toBeUndefined();
      });

      it('an unknown organisation, or text no row can hold, is bad input', async () => {
        await expectAppError(newAccount('seeker', { organisationId: 'org-none' }), 'bad_input');
        await expectAppError(newAccount('seeker', { name: 'Nul\u0000Name' }), 'bad_input', /account\.name/);
        await expectAppError(newAccount('seeker', { email: 'lone\uD800@example.org' }), 'bad_input', /account\.email/);
      });

      it('are listed by organisation, then email', async () => {
        const made = [
          await newAccount('seeker', { organisationId: 'org-b', email: 'b2@list.example' }),
          await newAccount('seeker', { organisationId: 'org-a', email: 'a2@list.example' }),
          await newAccount('seeker', { organisationId: 'org-b', email: 'b1@list.example' }),
          await newAccount('seeker', { organisationId: 'org-a', email: 'a1@list.example' }),
        ];
        const ids = new Set(made.map((a) => a.id));
        expect((await accounts.listAccounts()).filter((a) => ids.has(a.id)).map((a) => a.email))
          .toStrictEqual(['a1@list.example', 'a2@list.example', 'b1@list.example', 'b2@list.example']);
      });

      it('a role changes; an unknown account is not found', async () => {
        const a = await newAccount('seeker');
        await accounts.setRole(a.id, 'coach');
        expect((await accounts.getAccount(a.id))?.role).toBe('coach');
        await expectAppError(accounts.setRole('u_nobody', 'admin'), 'not_found');
      });

      it('a new password ends every session of the account (only)', async () => {
        const a = await newAccount();
        const other = await newAccount();
        await accounts.createSession(session(a.id, { tokenHash: 'pw-1' }));
        await accounts.createSession(session(a.id, { tokenHash: 'pw-2' }));
        await accounts.createSession(session(other.id, { tokenHash: 'pw-3' }));
        await accounts.setPassword(a.id, 'scrypt$new');
        expect(await accounts.findCredentials(a.email)).toStrictEqual({ account: a, passwordHash: 'scrypt$new', failedSignIns: 0 });
        expect(await accounts.findSession('pw-1', NOW)).toBeUndefined();
        expect(await accounts.findSession('pw-2', NOW)).toBeUndefined();
        expect((await accounts.findSession('pw-3', NOW))?.account).toStrictEqual(other);
        await expectAppError(accounts.setPassword('u_nobody', 'scrypt$x'), 'not_found');
      });
    });

    describe('a sign-in', () => {
      it('leaves no failure count or lock behind', async () => {
        const a = await newAccount();
        await accounts.recordSignIn(a.id);
        expect(await accounts.findCredentials(a.email)).toStrictEqual({ account: a, passwordHash: 'scrypt$1024$8$1$salt$key', failedSignIns: 0 });
      });
    });

    describe('sessions', () => {
      it('are found with their account until they expire', async () => {
        const a = await newAccount('coach', { organisationId: 'org-b' });
        const s = session(a.id, { expiresAt: NOW + 10 * MINUTE });
        await accounts.createSession(s);
        expect(await accounts.findSession(s.tokenHash, NOW)).toStrictEqual({ session: s, account: a });
        expect(await accounts.findSession(s.tokenHash, s.expiresAt - 1)).toBeDefined();
        expect(await accounts.findSession(s.tokenHash, s.expiresAt)).toBeUndefined();
        expect(await accounts.findSession('no-such-session', NOW)).toBeUndefined();
      });

      it('end one by one, or all of an account at once (only that account)', async () => {
        const a = await newAccount();
        const b = await newAccount();
        const [s1, s2, s3] = [session(a.id), session(a.id), session(b.id)];
        for (const s of [s1, s2, s3]) await accounts.createSession(s);
        await accounts.deleteSession(s1.tokenHash);
        expect(await accounts.findSession(s1.tokenHash, NOW)).toBeUndefined();
        expect(await accounts.findSession(s2.tokenHash, NOW)).toBeDefined();
        expect(await accounts.deleteSessions(a.id)).toBe(1);
        expect(await accounts.findSession(s2.tokenHash, NOW)).toBeUndefined();
        expect(await accounts.findSession(s3.tokenHash, NOW)).toBeDefined();
        expect(await accounts.deleteSessions(a.id)).toBe(0);
        await accounts.deleteSession('no-such-session');
      });

      it('need an existing account and a new token hash', async () => {
        await expectAppError(accounts.createSession(session('u_nobody')), 'bad_input');
        const a = await newAccount();
        const s = session(a.id);
        await accounts.createSession(s);
        await expectAppError(accounts.createSession({ ...s, csrf: 'other' }), 'conflict');
        expect((await accounts.findSession(s.tokenHash, NOW))?.session.csrf).toBe(s.csrf);
      });
    });

    describe('deactivation', () => {
      /** The account's reason for refusing, or undefined when it did not. */
      const refusal = (promise: Promise<unknown>): Promise<string | undefined> => promise.then(() => undefined, (e: unknown) => (e instanceof AppError ? e.reason : String(e)));
      /** Every active admin but `keep` deactivated (the suite shares one database), so that `keep` are the only ones left. */
      const onlyActiveAdmins = async (...keep: Account[]): Promise<void> => {
        const ids = new Set(keep.map((a) => a.id));
        for (const a of await accounts.listAccounts()) if (a.role === 'admin' && a.deactivatedAt === undefined && !ids.has(a.id)) await accounts.deactivate(a.id, NOW);
      };

      it('ends every session and token of the account (only its own), keeps its row, records and assignments, and says when', async () => {
        const a = await newAccount('seeker', { organisationId: 'org-a' });
        const other = await newAccount('seeker');
        const coach = await newAccount('coach');
        await accounts.assignCoach(coach.id, a.id);
        await store.saveApplication(a.id, application('a1'));
        const mine = [session(a.id), session(a.id)];
        const theirs = session(other.id);
        for (const s of [...mine, theirs]) await accounts.createSession(s);
        const tokens: TokenRecord[] = [
          { tokenHash: `feed-${++n}`, purpose: 'calendar', userId: a.id, createdAt: NOW },
          { tokenHash: `reset-${++n}`, purpose: 'password_reset', userId: a.id, createdAt: NOW, expiresAt: NOW + 60 * MINUTE },
          { tokenHash: `feed-${++n}`, purpose: 'calendar', userId: other.id, createdAt: NOW },
          { tokenHash: `invite-${++n}`, purpose: 'invitation', email: `invited-${n}@example.org`, role: 'seeker', coachId: coach.id, createdAt: NOW },
        ];
        for (const t of tokens) await accounts.createToken(t);

        const done = await accounts.deactivate(a.id, NOW + 5);
        const deactivated: Account = { ...a, deactivatedAt: NOW + 5 };
        expect(done).toStrictEqual({ account: deactivated, sessionsEnded: 2 });
        expect(await accounts.getAccount(a.id)).toStrictEqual(deactivated);
        expect(await accounts.findCredentials(a.email)).toStrictEqual({ account: deactivated, passwordHash: 'scrypt$1024$8$1$salt$key', failedSignIns: 0 });
        expect((await accounts.listAccounts()).find((x) => x.id === a.id)).toStrictEqual(deactivated);
        expect(await accounts.seekersOf(coach.id)).toStrictEqual([deactivated]);
        for (const s of mine) expect(await accounts.findSession(s.tokenHash, NOW)).toBeUndefined();
        expect((await accounts.findSession(theirs.tokenHash, NOW))?.account).toStrictEqual(other);
        expect(await accounts.findToken(tokens[0]!.tokenHash, 'calendar', NOW)).toBeUndefined();
        expect(await accounts.findToken(tokens[1]!.tokenHash, 'password_reset', NOW)).toBeUndefined();
        expect(await accounts.findToken(tokens[2]!.tokenHash, 'calendar', NOW)).toStrictEqual(tokens[2]);
        expect(await accounts.findToken(tokens[3]!.tokenHash, 'invitation', NOW)).toStrictEqual(tokens[3]);
        expect((await store.getApplication(a.id, 'a1'))?.company).toBe('Company a1');

        // Again: nothing more to end, and the first instant stays.
        expect(await accounts.deactivate(a.id, NOW + 9)).toStrictEqual({ account: deactivated, sessionsEnded: 0 });
        expect(await refusal(accounts.deactivate('u_nobody', NOW))).toBe('account.not_found');
        expect(await refusal(accounts.deactivate('bad\u0000id', NOW))).toBe('account.not_found');
      });

      it('a session made for a deactivated account is not found (it is checked with the account, not only ended)', async () => {
        const a = await newAccount();
        await accounts.deactivate(a.id, NOW);
        const s = session(a.id);
        await accounts.createSession(s);
        expect(await accounts.findSession(s.tokenHash, NOW)).toBeUndefined();
        await accounts.reactivate(a.id);
        expect(await accounts.findSession(s.tokenHash, NOW)).toStrictEqual({ session: s, account: a });
      });

      it('is undone by reactivating: the same account, found as before; an unknown account is not found', async () => {
        const a = await newAccount('coach', { organisationId: 'org-b' });
        await accounts.deactivate(a.id, NOW);
        expect(await accounts.reactivate(a.id)).toStrictEqual(a);
        expect(await accounts.getAccount(a.id)).toStrictEqual(a);
        expect(await accounts.findCredentials(a.email)).toStrictEqual({ account: a, passwordHash: 'scrypt$1024$8$1$salt$key', failedSignIns: 0 });
        expect(await accounts.reactivate(a.id)).toStrictEqual(a);
        expect(await refusal(accounts.reactivate('u_nobody'))).toBe('account.not_found');
        await store.ensureUser(LOCAL_USER);
        expect(await refusal(accounts.reactivate(LOCAL_USER.id))).toBe('account.not_found');
      });

      it('keeps the last active admin active; another admin can go while one stays', async () => {
        const [first, second] = [await newAccount('admin'), await newAccount('admin')];
        await onlyActiveAdmins(first, second);
        await accounts.deactivate(second.id, NOW);
        expect(await refusal(accounts.deactivate(first.id, NOW))).toBe('account.last_admin');
        expect(await accounts.getAccount(first.id)).toStrictEqual(first);
        // A deactivated admin does not count; reactivated, they do again.
        await accounts.reactivate(second.id);
        expect((await accounts.deactivate(first.id, NOW)).account.deactivatedAt).toBe(NOW);
        expect(await refusal(accounts.deactivate(second.id, NOW))).toBe('account.last_admin');
        await accounts.reactivate(first.id);
      });

      it('of two admins deactivating each other at once, one stays active', async () => {
        const [first, second] = [await newAccount('admin'), await newAccount('admin')];
        await onlyActiveAdmins(first, second);
        const outcomes = await Promise.all([refusal(accounts.deactivate(first.id, NOW)), refusal(accounts.deactivate(second.id, NOW))]);
        expect(outcomes.sort((x, y) => String(x).localeCompare(String(y)))).toStrictEqual(['account.last_admin', undefined]);
        const left = [await accounts.getAccount(first.id), await accounts.getAccount(second.id)].filter((x) => x?.deactivatedAt === undefined);
        expect(left).toHaveLength(1);
      });

      it('an admin can be made a coach while another stays; the last active one cannot, also when two admins demote each other at once', async () => {
        const [first, second] = [await newAccount('admin'), await newAccount('admin')];
        await onlyActiveAdmins(first, second);
        const outcomes = await Promise.all([refusal(accounts.setRole(first.id, 'coach')), refusal(accounts.setRole(second.id, 'coach'))]);
        expect(outcomes.sort((x, y) => String(x).localeCompare(String(y)))).toStrictEqual(['account.last_admin_role', undefined]);
        const admins = [await accounts.getAccount(first.id), await accounts.getAccount(second.id)].filter((x) => x?.role === 'admin');
        expect(admins).toHaveLength(1);
        // A deactivated admin does not count as the one that stays.
        const other = await newAccount('admin');
        await accounts.deactivate(other.id, NOW);
        expect(await refusal(accounts.setRole(admins[0]?.id ?? '', 'seeker'))).toBe('account.last_admin_role');
        await accounts.reactivate(other.id);
        for (const a of [first, second]) await accounts.setRole(a.id, 'admin');
      });
    });

    describe('one-time and revocable tokens', () => {
      const invitation = (fields: Partial<TokenRecord> = {}): TokenRecord => ({
        tokenHash: `token-${++n}`, purpose: 'invitation', email: `invited-${n}@example.org`, role: 'seeker', organisationId: 'org-a',
        createdAt: NOW, expiresAt: NOW + 60 * MINUTE, ...fields,
      });

      it('are found (not used up) and taken once, with every field', async () => {
        const coach = await newAccount('coach');
        const t = invitation({ coachId: coach.id });
        await accounts.createToken(t);
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW)).toStrictEqual(t);
        expect(await accounts.takeToken(t.tokenHash, 'invitation', NOW)).toStrictEqual(t);
        expect(await accounts.takeToken(t.tokenHash, 'invitation', NOW)).toBeUndefined();
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW)).toBeUndefined();
      });

      it('are listed by purpose while they have not expired, oldest first', async () => {
        const later = invitation({ createdAt: NOW + 1 });
        const first = invitation();
        const expired = invitation({ expiresAt: NOW });
        const feed: TokenRecord = { tokenHash: `token-${++n}`, purpose: 'calendar', userId: (await newAccount('seeker')).id, createdAt: NOW };
        for (const t of [later, first, expired, feed]) await accounts.createToken(t);
        const mine = new Set([later, first, expired, feed].map((t) => t.tokenHash));
        expect((await accounts.listTokens('invitation', NOW)).filter((t) => mine.has(t.tokenHash))).toStrictEqual([first, later]);
        expect((await accounts.listTokens('calendar', NOW)).filter((t) => mine.has(t.tokenHash))).toStrictEqual([feed]);
      });

      it('of another purpose, or expired, are neither found nor taken (and stay)', async () => {
        const t = invitation();
        await accounts.createToken(t);
        expect(await accounts.takeToken(t.tokenHash, 'password_reset', NOW)).toBeUndefined();
        expect(await accounts.findToken(t.tokenHash, 'calendar', NOW)).toBeUndefined();
        expect(await accounts.takeToken(t.tokenHash, 'invitation', NOW + 60 * MINUTE)).toBeUndefined();
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW + 60 * MINUTE)).toBeUndefined();
        expect(await accounts.takeToken(t.tokenHash, 'invitation', NOW + 60 * MINUTE - 1)).toStrictEqual(t);
      });

      it('without an expiry never expire', async () => {
        const a = await newAccount();
        const t: TokenRecord = { tokenHash: `calendar-${++n}`, purpose: 'calendar', userId: a.id, createdAt: NOW };
        await accounts.createToken(t);
        expect(await accounts.findToken(t.tokenHash, 'calendar', NOW + 100 * 365 * 24 * 60 * MINUTE)).toStrictEqual(t);
      });

      it('are taken by exactly one of 10 racing requests', async () => {
        const t = invitation();
        await accounts.createToken(t);
        const taken = await Promise.all(Array.from({ length: 10 }, () => accounts.takeToken(t.tokenHash, 'invitation', NOW)));
        expect(taken.filter((x) => x !== undefined)).toStrictEqual([t]);
      });

      it("are revoked by account and purpose (only those)", async () => {
        const a = await newAccount();
        const b = await newAccount();
        const mk = (userId: string, purpose: TokenRecord['purpose']): TokenRecord => ({ tokenHash: `rev-${++n}`, purpose, userId, createdAt: NOW });
        const [c1, c2, r1, other] = [mk(a.id, 'calendar'), mk(a.id, 'calendar'), mk(a.id, 'password_reset'), mk(b.id, 'calendar')];
        for (const t of [c1, c2, r1, other]) await accounts.createToken(t);
        expect(await accounts.deleteTokens(a.id, 'calendar')).toBe(2);
        expect(await accounts.findToken(c1.tokenHash, 'calendar', NOW)).toBeUndefined();
        expect(await accounts.findToken(r1.tokenHash, 'password_reset', NOW)).toStrictEqual(r1);
        expect(await accounts.findToken(other.tokenHash, 'calendar', NOW)).toStrictEqual(other);
        expect(await accounts.deleteTokens(a.id, 'calendar')).toBe(0);
      });

      it('an invitation is redeemed whole: the account from its fields, its coach assigned, the token used up', async () => {
        const coach = await newAccount('coach');
        const t = invitation({ coachId: coach.id });
        await accounts.createToken(t);
        const made = await accounts.redeemInvitation(t.tokenHash, NOW, { id: `u_r${++n}`, name: 'Ana Ruiz' }, 'scrypt$1024$8$1$salt$key');
        const expected: Account = { id: `u_r${n}`, name: 'Ana Ruiz', email: t.email ?? '', role: 'seeker', organisationId: 'org-a' };
        expect(made).toStrictEqual(expected);
        expect(await accounts.getAccount(expected.id)).toStrictEqual(expected);
        expect((await accounts.findCredentials(expected.email))?.passwordHash).toBe('scrypt$1024$8$1$salt$key');
        expect(await accounts.isAssigned(coach.id, expected.id)).toBe(true);
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW)).toBeUndefined();
        expect(await accounts.redeemInvitation(t.tokenHash, NOW, { id: `u_r${++n}`, name: 'Again' }, 'scrypt$1024$8$1$salt$key')).toBeUndefined();
        // Expired, or not an invitation: nothing made.
        const late = invitation();
        await accounts.createToken(late);
        expect(await accounts.redeemInvitation(late.tokenHash, NOW + 60 * MINUTE, { id: `u_r${++n}`, name: 'Late' }, 'h')).toBeUndefined();
        expect(await accounts.getAccount(`u_r${n}`)).toBeUndefined();
      });

      it('an invitation whose coach was deactivated since makes the account, with no coach following it', async () => {
        const coach = await newAccount('coach');
        const t = invitation({ coachId: coach.id });
        await accounts.createToken(t);
        await accounts.deactivate(coach.id, NOW);
        const made = await accounts.redeemInvitation(t.tokenHash, NOW, { id: `u_r${++n}`, name: 'Ana Ruiz' }, 'h');
        expect(made?.role).toBe('seeker');
        expect(await accounts.isAssigned(coach.id, made?.id ?? '')).toBe(false);
        await accounts.reactivate(coach.id);
      });

      it('an invitation refused on redeeming (a name no row holds, an email taken meanwhile) stays usable, and nothing is made', async () => {
        const coach = await newAccount('coach');
        const t = invitation({ coachId: coach.id });
        await accounts.createToken(t);
        await expectAppError(accounts.redeemInvitation(t.tokenHash, NOW, { id: `u_r${++n}`, name: 'Bad\u0000name' }, 'h'), 'bad_input');
        expect(await accounts.getAccount(`u_r${n}`)).toBeUndefined();
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW)).toStrictEqual(t);
        await newAccount('seeker', { email: t.email ?? '' });
        await expectAppError(accounts.redeemInvitation(t.tokenHash, NOW, { id: `u_r${++n}`, name: 'Taken' }, 'h'), 'conflict');
        expect(await accounts.findToken(t.tokenHash, 'invitation', NOW)).toStrictEqual(t);
        expect(await accounts.seekersOf(coach.id)).toStrictEqual([]);
      });

      it('naming an unknown organisation or account are bad input', async () => {
        await expectAppError(accounts.createToken(invitation({ organisationId: 'org-none' })), 'bad_input');
        await expectAppError(accounts.createToken({ tokenHash: `x-${++n}`, purpose: 'calendar', userId: 'u_nobody', createdAt: NOW }), 'bad_input');
      });
    });

    describe('coach assignments', () => {
      it('are kept once, listed by seeker name, and removed', async () => {
        const coach = await newAccount('coach');
        const zed = await newAccount('seeker', { name: 'Zed' });
        const amy = await newAccount('seeker', { name: 'Amy' });
        const other = await newAccount('seeker', { name: 'Bob' });
        await accounts.assignCoach(coach.id, zed.id);
        await accounts.assignCoach(coach.id, amy.id);
        await accounts.assignCoach(coach.id, zed.id);
        expect(await accounts.seekersOf(coach.id)).toStrictEqual([amy, zed]);
        expect(await accounts.isAssigned(coach.id, zed.id)).toBe(true);
        expect(await accounts.isAssigned(coach.id, other.id)).toBe(false);
        expect(await accounts.isAssigned(zed.id, coach.id)).toBe(false);
        expect(await accounts.isAssigned(coach.id, 'bad\u0000id')).toBe(false);
        expect(await accounts.unassignCoach(coach.id, zed.id)).toBe(true);
        expect(await accounts.unassignCoach(coach.id, zed.id)).toBe(false);
        expect(await accounts.seekersOf(coach.id)).toStrictEqual([amy]);
      });

      it('need existing accounts', async () => {
        const coach = await newAccount('coach');
        await expectAppError(accounts.assignCoach(coach.id, 'u_nobody'), 'bad_input');
      });
    });

    describe('comments', () => {
      it('are numbered per application from 1, listed in order with the author', async () => {
        const seeker = await newAccount('seeker');
        const coach = await newAccount('coach', { name: 'Cora Coach' });
        await store.saveApplication(seeker.id, application('a1'));
        await store.saveApplication(seeker.id, application('a2'));
        const c1 = await accounts.addComment(seeker.id, 'a1', coach.id, 'First — «bien»', NOW);
        const c2 = await accounts.addComment(seeker.id, 'a1', coach.id, 'Second', NOW + 1);
        const other = await accounts.addComment(seeker.id, 'a2', coach.id, 'Elsewhere', NOW + 2);
        expect(c1).toStrictEqual({ id: 1, applicationId: 'a1', authorId: coach.id, authorName: 'Cora Coach', body: 'First — «bien»', at: NOW });
        expect([c2.id, other.id]).toStrictEqual([2, 1]);
        expect(await accounts.listComments(seeker.id, 'a1')).toStrictEqual([c1, c2]);
        expect(await accounts.listComments(seeker.id, 'a2')).toStrictEqual([other]);
      });

      it("are numbered per seeker: the same application id of another seeker starts at 1", async () => {
        const [s1, s2, coach] = [await newAccount(), await newAccount(), await newAccount('coach')];
        await store.saveApplication(s1.id, application('a1'));
        await store.saveApplication(s2.id, application('a1'));
        await accounts.addComment(s1.id, 'a1', coach.id, 'One', NOW);
        expect((await accounts.addComment(s2.id, 'a1', coach.id, 'Two', NOW)).id).toBe(1);
        expect((await accounts.listComments(s2.id, 'a1')).map((c) => c.body)).toStrictEqual(['Two']);
      });

      it('written at the same time get consecutive numbers', async () => {
        const [seeker, coach] = [await newAccount(), await newAccount('coach')];
        await store.saveApplication(seeker.id, application('a1'));
        const made = await Promise.all(Array.from({ length: 10 }, (_, i) => accounts.addComment(seeker.id, 'a1', coach.id, `Comment ${i}`, NOW + i)));
        expect(made.map((c) => c.id).sort((x, y) => x - y)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await accounts.listComments(seeker.id, 'a1')).map((c) => c.id)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });

      it('need an application of that seeker, and text a row can hold', async () => {
        const [seeker, coach] = [await newAccount(), await newAccount('coach')];
        await store.saveApplication(seeker.id, application('a1'));
        await expectAppError(accounts.addComment(seeker.id, 'a9', coach.id, 'Nowhere', NOW), 'not_found');
        await expectAppError(accounts.addComment(seeker.id, 'bad\u0000id', coach.id, 'Nowhere', NOW), 'not_found');
        await expectAppError(accounts.addComment(seeker.id, 'a1', coach.id, 'Nul\u0000body', NOW), 'bad_input');
        expect(await accounts.listComments(seeker.id, 'a1')).toStrictEqual([]);
        expect(await accounts.listComments(seeker.id, 'bad\u0000id')).toStrictEqual([]);
      });
    });
  });
}
