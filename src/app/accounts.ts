/**
 * Accounts on a shared server: passwords (scrypt, from Node's own crypto), sign-in with a lockout,
 * sessions, invitations, password resets by a one-time token, calendar feed tokens, coaches and
 * their comments. Tokens are 32 random bytes shown once; only their SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { EpochMs } from '../core/time.js';
import { AppError } from './errors.js';
import type { Account, AccountStore, Clock, Comment, Organisation, Role, SessionRecord, UserId } from './ports.js';
import { ROLES } from './ports.js';

export interface AccountDeps {
  readonly accounts: AccountStore;
  readonly clock: Clock;
  readonly policy: AccountPolicy;
  /** Runs each password hash and check (a server caps how many run at once); default: at once. */
  readonly passwordChecks?: PasswordChecks;
}

/** Where password hashing runs: each `check` is a scrypt hash or verification. */
export interface PasswordChecks {
  run<T>(check: () => Promise<T>): Promise<T>;
}

const checked = <T>(deps: AccountDeps, check: () => Promise<T>): Promise<T> => (deps.passwordChecks ? deps.passwordChecks.run(check) : check());

export interface AccountPolicy {
  /** scrypt's cost (N, a power of two); OWASP's minimum is 2¹⁷. Tests may lower it. */
  readonly scryptCost: number;
  /**
   * Failed sign-ins in a row for one email from one address before that address must wait (the
   * server's sign-in limit, src/server/sign-in-limit.ts, keyed by the email as typed, whether or not
   * it has an account)…
   */
  readonly lockAfter: number;
  /** …at most this long (the waits grow from a minute). */
  readonly lockMs: number;
  readonly sessionMs: number;
  readonly invitationMs: number;
  readonly resetMs: number;
}

export const DEFAULT_POLICY: AccountPolicy = {
  scryptCost: 2 ** 17,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  sessionMs: 14 * 24 * 3_600_000,
  invitationMs: 7 * 24 * 3_600_000,
  resetMs: 3_600_000,
};

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

// ---------------------------------------------------------------- passwords and tokens

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const memoryFor = (n: number, r: number): number => 128 * n * r * 2;

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, 32, { N: cost, r: 8, p: 1, maxmem: memoryFor(cost, 8) });
  return ['scrypt', cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const N = Number(n);
  const R = Number(r);
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: Number(p), maxmem: memoryFor(N, R) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new secret token (shown once) and the hash kept in its place. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) throw new AppError({ reason: 'password.too_short', params: { min: PASSWORD_MIN } }, { path: field });
  if (password.length > PASSWORD_MAX) throw new AppError({ reason: 'password.too_long', params: { max: PASSWORD_MAX } }, { path: field });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string, field = 'email'): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) throw new AppError({ reason: 'email.invalid', params: { value: email } }, { path: field });
  return e;
}

export function parseRole(text: string, field = 'role'): Role {
  const role = ROLES.find((r) => r === text);
  if (!role) throw new AppError({ reason: 'role.unknown', params: { value: text, roles: ROLES } }, { path: field });
  return role;
}

// ---------------------------------------------------------------- accounts

export interface NewAccount {
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly organisationId?: string;
  readonly password?: string;
}

/** A person's name as kept: trimmed, 1–200 characters. */
function accountName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > 200) throw new AppError({ reason: 'account.name_required' }, { path: 'name' });
  return name;
}

export async function createAccount(deps: AccountDeps, input: NewAccount): Promise<Account> {
  const name = accountName(input.name);
  const email = normaliseEmail(input.email);
  if (input.password !== undefined) checkPassword(input.password);
  const { password } = input;
  const hash = password !== undefined ? await checked(deps, () => hashPassword(password, deps.policy.scryptCost)) : undefined;
  await requireOrganisation(deps, input.organisationId);
  const account: Account = { id: `u_${randomUUID()}`, name, email, role: input.role, ...(input.organisationId !== undefined ? { organisationId: input.organisationId } : {}) };
  try {
    return await deps.accounts.createAccount(account, hash);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new AppError({ reason: 'email.has_account', params: { email } }, { path: 'email', cause: error });
    throw error;
  }
}

async function requireOrganisation(deps: AccountDeps, id: string | undefined): Promise<void> {
  if (id === undefined) return;
  if (!(await deps.accounts.listOrganisations()).some((o) => o.id === id)) {
    throw new AppError({ reason: 'organisation.unknown', params: { id } }, { path: 'organisation' });
  }
}

export async function createOrganisation(deps: AccountDeps, org: Organisation): Promise<Organisation> {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(org.id)) throw new AppError({ reason: 'organisation.id_form', params: { id: org.id } }, { path: 'id', at: 'organisation id' });
  if (org.name.trim() === '') throw new AppError({ reason: 'organisation.name_required' }, { path: 'name' });
  try {
    await deps.accounts.createOrganisation({ id: org.id, name: org.name.trim() });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new AppError({ reason: 'organisation.taken', params: { id: org.id } }, { path: 'id', at: 'organisation id', cause: error });
    throw error;
  }
  return org;
}

// ---------------------------------------------------------------- sign-in and sessions

export interface NewSession {
  /** For the cookie; never stored. */
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: EpochMs;
  readonly account: Account;
}

/** A scrypt hash of nothing, checked when the email is unknown so both answers take as long. */
const decoys = new WeakMap<AccountPolicy, Promise<string>>();

/** The decoy hash for `policy`, made once (a server makes it at the start, so the first unknown email takes no longer than the others). */
export function decoyHash(policy: AccountPolicy): Promise<string> {
  let decoy = decoys.get(policy);
  if (!decoy) {
    decoy = hashPassword('decoy password', policy.scryptCost);
    decoys.set(policy, decoy);
  }
  return decoy;
}

export async function openSession(deps: AccountDeps, account: Account): Promise<NewSession> {
  const { token, hash } = newToken();
  const now = deps.clock.now();
  const session: SessionRecord = { tokenHash: hash, userId: account.id, csrf: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: now + deps.policy.sessionMs };
  await deps.accounts.createSession(session);
  return { token, csrf: session.csrf, expiresAt: session.expiresAt, account };
}

/**
 * Checks the password and opens a new session (a fresh token: a session id planted before sign-in
 * is never promoted). An unknown email, a malformed one and a wrong password get the same answer
 * after the same work (one scrypt check, against a decoy hash when there is no account); so does a
 * deactivated account, whatever the password (checked all the same, so it takes as long). Nothing
 * here locks an account: how often one may try is the server's sign-in limit, which treats every
 * email alike, so that neither its answers nor their timing tell whether an account exists.
 */
export async function signIn(deps: AccountDeps, emailText: string, password: string): Promise<NewSession> {
  const wrong = new AppError({ reason: 'sign_in.wrong' });
  let email: string;
  try {
    email = normaliseEmail(emailText);
  } catch {
    // Looked up all the same (no stored email is malformed): the same work as for any unknown email.
    email = emailText.trim().toLowerCase().slice(0, 254);
  }
  const found = await deps.accounts.findCredentials(email);
  const stored = found?.passwordHash;
  if (!found || stored === undefined) {
    const decoy = await decoyHash(deps.policy);
    await checked(deps, () => verifyPassword(password, decoy));
    throw wrong;
  }
  const right = await checked(deps, () => verifyPassword(password, stored));
  if (!right || found.account.deactivatedAt !== undefined) throw wrong;
  // A lock or count left by an earlier version of the server is cleared by a right password.
  if (found.failedSignIns > 0 || found.lockedUntil !== undefined) await deps.accounts.recordSignIn(found.account.id);
  return openSession(deps, found.account);
}

// ---------------------------------------------------------------- invitations and resets

export interface Invitation {
  readonly email: string;
  readonly role: Role;
  readonly organisationId?: string;
  /** The coach who will follow the new job seeker. */
  readonly coachId?: UserId;
}

/** A one-time invitation token for `email` (valid `invitationMs`). */
export async function invite(deps: AccountDeps, input: Invitation): Promise<{ token: string; expiresAt: EpochMs }> {
  const email = normaliseEmail(input.email);
  if (await deps.accounts.findCredentials(email)) throw new AppError({ reason: 'email.has_account', params: { email } }, { path: 'email' });
  if (input.coachId !== undefined) {
    const coach = await deps.accounts.getAccount(input.coachId);
    // A deactivated coach follows no one new: as if they were no longer on the server.
    if (!coach || coach.role !== 'coach' || coach.deactivatedAt !== undefined) throw new AppError({ reason: 'coach.unknown', params: { id: input.coachId } }, { path: 'coach' });
  }
  await requireOrganisation(deps, input.organisationId);
  const { token, hash } = newToken();
  const now = deps.clock.now();
  const expiresAt = now + deps.policy.invitationMs;
  await deps.accounts.createToken({
    tokenHash: hash, purpose: 'invitation', email, role: input.role, createdAt: now, expiresAt,
    ...(input.organisationId !== undefined ? { organisationId: input.organisationId } : {}), ...(input.coachId !== undefined ? { coachId: input.coachId } : {}),
  });
  return { token, expiresAt };
}

/**
 * Creates the invited account (signed in at once); the token works once. Taking the token, creating
 * the account and assigning the invitation's coach are one transaction: a refusal leaves the
 * invitation usable, and no crash can use it up without making the account.
 */
export async function acceptInvitation(deps: AccountDeps, token: string, name: string, password: string): Promise<NewSession> {
  checkPassword(password);
  const kept = accountName(name);
  const hash = tokenHash(token);
  const unknown = (): AppError => new AppError({ reason: 'invitation.unknown' }, { path: 'token' });
  // Looked at first, so that a wrong token costs no password hashing.
  const invitation = await deps.accounts.findToken(hash, 'invitation', deps.clock.now());
  if (!invitation || invitation.email === undefined || invitation.role === undefined) throw unknown();
  const passwordHash = await checked(deps, () => hashPassword(password, deps.policy.scryptCost));
  let account: Account | undefined;
  try {
    account = await deps.accounts.redeemInvitation(hash, deps.clock.now(), { id: `u_${randomUUID()}`, name: kept }, passwordHash);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new AppError({ reason: 'email.has_account', params: { email: invitation.email } }, { path: 'email', cause: error });
    throw error;
  }
  if (!account) throw unknown();
  return openSession(deps, account);
}

/** A one-time reset token an admin hands over (valid `resetMs`); earlier ones stop working. */
export async function issueReset(deps: AccountDeps, userId: UserId): Promise<{ token: string; expiresAt: EpochMs; account: Account }> {
  const account = await deps.accounts.getAccount(userId);
  if (!account) throw new AppError({ reason: 'account.not_found', params: { id: userId } }, { path: 'account', at: null });
  // Its password would not sign it in: a link now would only mislead whoever gets it.
  if (account.deactivatedAt !== undefined) throw new AppError({ reason: 'account.deactivated', params: { email: account.email } }, { path: 'account', at: null });
  await deps.accounts.deleteTokens(userId, 'password_reset');
  const { token, hash } = newToken();
  const now = deps.clock.now();
  const expiresAt = now + deps.policy.resetMs;
  await deps.accounts.createToken({ tokenHash: hash, purpose: 'password_reset', userId, createdAt: now, expiresAt });
  return { token, expiresAt, account };
}

/** Sets a new password with a reset token; every session of the account ends. */
export async function resetPassword(deps: AccountDeps, token: string, password: string): Promise<Account> {
  checkPassword(password);
  const reset = await deps.accounts.takeToken(tokenHash(token), 'password_reset', deps.clock.now());
  const account = reset?.userId !== undefined ? await deps.accounts.getAccount(reset.userId) : undefined;
  if (!account) throw new AppError({ reason: 'reset.unknown' }, { path: 'token' });
  await deps.accounts.setPassword(account.id, await checked(deps, () => hashPassword(password, deps.policy.scryptCost)));
  return account;
}

// ---------------------------------------------------------------- calendar feed

/** A new calendar feed token for the user; the old feed URL stops working. */
export async function rotateCalendarToken(deps: AccountDeps, userId: UserId): Promise<string> {
  await deps.accounts.deleteTokens(userId, 'calendar');
  const { token, hash } = newToken();
  await deps.accounts.createToken({ tokenHash: hash, purpose: 'calendar', userId, createdAt: deps.clock.now() });
  return token;
}

export async function calendarOwner(deps: AccountDeps, token: string): Promise<UserId | undefined> {
  return (await deps.accounts.findToken(tokenHash(token), 'calendar', deps.clock.now()))?.userId;
}

// ---------------------------------------------------------------- coaches

export async function assign(deps: AccountDeps, coachId: UserId, seekerId: UserId): Promise<void> {
  const [coach, seeker] = await Promise.all([deps.accounts.getAccount(coachId), deps.accounts.getAccount(seekerId)]);
  if (!coach || coach.role !== 'coach' || coach.deactivatedAt !== undefined) throw new AppError({ reason: 'coach.unknown', params: { id: coachId } }, { path: 'coach' });
  if (!seeker || seeker.role !== 'seeker') throw new AppError({ reason: 'seeker.unknown', params: { id: seekerId } }, { path: 'seeker' });
  await deps.accounts.assignCoach(coachId, seekerId);
}

export const COMMENT_MAX = 4_000;

export async function comment(deps: AccountDeps, seekerId: UserId, applicationId: string, author: Account, body: string): Promise<Comment> {
  const text = body.trim();
  if (text === '' || text.length > COMMENT_MAX) throw new AppError({ reason: 'comment.length', params: { max: COMMENT_MAX } }, { path: 'body' });
  return deps.accounts.addComment(seekerId, applicationId, author.id, text, deps.clock.now());
}
