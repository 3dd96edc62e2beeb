/** `afterword admin` on a real PGlite data directory, as a server's operator runs it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, DEFAULT_POLICY, resetPassword, signIn, type AccountDeps } from '../../app/accounts.js';
import type { Store } from '../../app/ports.js';
import { pgliteDir } from '../../store/open.js';
import { openPgliteStore } from '../../store/pglite.js';
import { runCli } from '../main.js';
import type { CliRun } from '../testing.js';

const NOW = Date.parse('2026-03-04T14:00:00Z'); // Wed
let dir: string;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'afterword-admin-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** `afterword --data-dir DIR admin …`, with `stdin` piped in and nothing else in the environment. */
async function admin(argv: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dir, 'admin', ...argv], {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readFile: (path) => {
      if (path === '-' && options.stdin !== undefined) return options.stdin;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    now: () => NOW,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** The same database, opened by the test while no command holds it; the use cases with a cheap scrypt. */
async function withStore<T>(fn: (store: Store, deps: AccountDeps) => Promise<T>): Promise<T> {
  const store = await openPgliteStore({ dir: pgliteDir(dir) });
  try {
    return await fn(store, { accounts: store.accounts, clock: { now: () => NOW + 60_000 }, policy: { ...DEFAULT_POLICY, scryptCost: 2 ** 10 } });
  } finally {
    await store.close();
  }
}

interface Listed { organisations: { id: string; name: string }[]; accounts: { id: string; email: string; name: string; role: string; organisationId: string | null; deactivatedAt: string | null; seekers?: number }[] }
const list = async (): Promise<Listed> => JSON.parse((await admin(['list', '--json'])).stdout) as Listed;

const PASSWORD = 'correct horse battery staple';

describe('afterword admin', () => {
  it('creates an organisation, a coach (password from stdin) and a seeker (with a link to set one), and assigns them', async () => {
    const org = await admin(['create-org', 'city-careers', 'City Careers']);
    expect(org).toMatchObject({ code: 0, stderr: '' });
    expect(org.stdout).toBe('Created organisation city-careers (City Careers).\n');

    // The one password hashed at the real cost (2¹⁷).
    const coach = await admin(['create-user', '--email', 'Dana@Example.org', '--name', 'Dana Reyes', '--role', 'coach', '--org', 'city-careers', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(coach).toMatchObject({ code: 0, stderr: '' });
    expect(coach.stdout).toBe('Created coach Dana Reyes <dana@example.org> in city-careers.\n');

    const seeker = await admin(['create-user', '--email', 'sam@example.org', '--name', 'Sam Lee', '--role', 'seeker', '--org', 'city-careers', '--json']);
    expect(seeker.code, seeker.stderr).toBe(0);
    const made = JSON.parse(seeker.stdout) as { account: { email: string; role: string }; reset: { token: string; path: string; url?: string; expiresAt: string } };
    expect(made.account).toMatchObject({ email: 'sam@example.org', role: 'seeker', organisationId: 'city-careers' });
    expect(made.reset.path).toBe(`/reset?token=${made.reset.token}`);
    expect(made.reset.url).toBeUndefined();
    expect(made.reset.expiresAt).toBe('2026-03-04T15:00:00.000Z');

    const assigned = await admin(['assign', '--coach', 'dana@example.org', '--seeker', 'SAM@example.org']);
    expect(assigned).toMatchObject({ code: 0, stdout: 'Dana Reyes <dana@example.org> now follows Sam Lee <sam@example.org>.\n' });

    await withStore(async (store, deps) => {
      expect((await signIn(deps, 'dana@example.org', PASSWORD)).account.role).toBe('coach');
      expect((await store.accounts.findCredentials('dana@example.org'))?.passwordHash).toMatch(/^scrypt\$131072\$/);
      expect((await store.accounts.findCredentials('sam@example.org'))?.passwordHash).toBeUndefined();
      expect((await resetPassword(deps, made.reset.token, 'sams own long password')).email).toBe('sam@example.org');
    });
  }, 60_000);

  it('invites a seeker followed by the coach: the printed token creates the account', async () => {
    const text = await admin(['invite', '--email', 'nia@example.org', '--role', 'seeker', '--org', 'city-careers', '--coach', 'dana@example.org']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Invited nia@example\.org as seeker in city-careers, followed by Dana Reyes <dana@example\.org>\.\n {2}token: \S+\n {2}link: {2}\/accept\?token=\S+\n/);
    expect(text.stdout).toContain('until 2026-03-11T14:00:00.000Z');
    expect(text.stdout).toContain('Add --public-url (or AFTERWORD_PUBLIC_URL)');

    const json = await admin(['invite', '--email', 'omar@example.org', '--role', 'seeker', '--coach', 'dana@example.org', '--public-url', 'https://afterword.example.org/', '--json']);
    const invitation = JSON.parse(json.stdout) as { token: string; path: string; url: string; coach: string };
    expect(invitation.path).toBe(`/accept?token=${invitation.token}`);
    expect(invitation.url).toBe(`https://afterword.example.org/accept?token=${invitation.token}`);
    expect(invitation.coach).toBe('dana@example.org');

    const fromEnv = await admin(['invite', '--email', 'pat@example.org', '--role', 'coach', '--json'], { env: { AFTERWORD_PUBLIC_URL: 'https://coach.example.org' } });
    expect((JSON.parse(fromEnv.stdout) as { url: string }).url).toMatch(/^https:\/\/coach\.example\.org\/accept\?token=/);

    const token = /token: (\S+)/.exec(text.stdout)?.[1] ?? '';
    await withStore(async (store, deps) => {
      const session = await acceptInvitation(deps, token, 'Nia Ortiz', 'nias own long password');
      expect(session.account).toMatchObject({ email: 'nia@example.org', role: 'seeker', organisationId: 'city-careers' });
      const coach = await store.accounts.findCredentials('dana@example.org');
      expect(await store.accounts.isAssigned(coach?.account.id ?? '', session.account.id)).toBe(true);
      await expect(acceptInvitation(deps, token, 'Nia Again', 'nias own long password')).rejects.toThrow(/unknown, used or expired/);
    });

    // Nia is signed in (accepting opened a session): sign-out ends it.
    expect(JSON.parse((await admin(['sign-out', '--email', 'nia@example.org', '--json'])).stdout)).toEqual({ email: 'nia@example.org', ended: 1 });
    expect((await admin(['sign-out', '--email', 'nia@example.org'])).stdout).toBe('Ended 0 sessions of Nia Ortiz <nia@example.org>.\n');
  }, 60_000);

  it('issues a reset token that sets a new password once', async () => {
    const run = await admin(['reset', '--email', 'sam@example.org', '--public-url', 'https://afterword.example.org']);
    expect(run.code, run.stderr).toBe(0);
    const token = /token: (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(run.stdout).toContain(`  link:  /reset?token=${token}\n  url:   https://afterword.example.org/reset?token=${token}\n`);
    await withStore(async (_store, deps) => {
      expect((await resetPassword(deps, token, 'another long password')).email).toBe('sam@example.org');
      await expect(resetPassword(deps, token, 'another long password')).rejects.toThrow(/unknown, used or expired/);
    });
  }, 60_000);

  it('lists accounts with role, organisation and each coach\'s seekers', async () => {
    const listed = await list();
    expect(listed.organisations).toEqual([{ id: 'city-careers', name: 'City Careers' }]);
    expect(listed.accounts.map((a) => [a.email, a.role, a.organisationId, a.seekers])).toEqual([
      ['dana@example.org', 'coach', 'city-careers', 2],
      ['nia@example.org', 'seeker', 'city-careers', undefined],
      ['sam@example.org', 'seeker', 'city-careers', undefined],
    ]);
    const text = (await admin(['list'])).stdout;
    expect(text).toContain('Organisations: city-careers (City Careers)');
    expect(text).toMatch(/^dana@example\.org +Dana Reyes +coach +city-careers +2$/m);
  }, 60_000);

  it('unassigns, and says so when there is nothing to undo', async () => {
    expect((await admin(['unassign', '--coach', 'dana@example.org', '--seeker', 'sam@example.org'])).code).toBe(0);
    const again = await admin(['unassign', '--coach', 'dana@example.org', '--seeker', 'sam@example.org']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('afterword: --seeker: dana@example.org does not follow sam@example.org; see afterword admin list\n');
    expect((await list()).accounts.find((a) => a.role === 'coach')?.seekers).toBe(1);
  }, 60_000);

  it('deactivates an account (its sessions end, its sign-in is a wrong password, the list says so) and reactivates it; the only admin stays active', async () => {
    await withStore(async (_store, deps) => {
      await signIn(deps, 'nia@example.org', 'nias own long password');
    });
    const off = await admin(['deactivate', '--email', 'NIA@example.org']);
    expect(off, off.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(off.stdout).toBe('Deactivated Nia Ortiz <nia@example.org> (since 2026-03-04T14:00:00.000Z): they can no longer sign in; 1 session ended.\n'
      + 'Their records are kept. afterword admin reactivate --email nia@example.org lets them sign in again.\n');
    await withStore(async (store, deps) => {
      await expect(signIn(deps, 'nia@example.org', 'nias own long password')).rejects.toMatchObject({ reason: 'sign_in.wrong' });
      expect(await store.accounts.deleteSessions((await store.accounts.findCredentials('nia@example.org'))?.account.id ?? '')).toBe(0);
    });
    expect((await list()).accounts.find((a) => a.email === 'nia@example.org')).toMatchObject({ deactivatedAt: '2026-03-04T14:00:00.000Z' });
    expect((await admin(['list'])).stdout).toMatch(/^nia@example\.org +Nia Ortiz +seeker \(deactivated\) +city-careers$/m);
    expect(JSON.parse((await admin(['deactivate', '--email', 'nia@example.org', '--json'])).stdout)).toEqual({ email: 'nia@example.org', deactivatedAt: '2026-03-04T14:00:00.000Z', ended: 0 });

    const on = await admin(['reactivate', '--email', 'nia@example.org']);
    expect(on.stdout).toBe('Reactivated Nia Ortiz <nia@example.org>: they can sign in again with their password.\n');
    expect(JSON.parse((await admin(['reactivate', '--email', 'nia@example.org', '--json'])).stdout)).toEqual({ email: 'nia@example.org', reactivated: false });
    await withStore(async (_store, deps) => {
      expect((await signIn(deps, 'nia@example.org', 'nias own long password')).account.email).toBe('nia@example.org');
    });
    expect((await list()).accounts.find((a) => a.email === 'nia@example.org')).toMatchObject({ deactivatedAt: null });

    // The server's only admin: refused in words, still active.
    expect((await admin(['create-user', '--email', 'ops@example.org', '--name', 'Ops', '--role', 'admin', '--org', 'city-careers'])).code).toBe(0);
    const last = await admin(['deactivate', '--email', 'ops@example.org']);
    expect(last.code).not.toBe(0);
    expect(last.stderr).toBe('afterword: ops@example.org is the last active admin of the server, so it stays active; make another account an admin first\n');
    expect((await list()).accounts.find((a) => a.email === 'ops@example.org')).toMatchObject({ deactivatedAt: null });
  }, 60_000);

  it('refuses bad input with exit code 2 and one line naming the flag, and changes nothing', async () => {
    const before = JSON.stringify(await list());
    const bad: [string[], RegExp, string?][] = [
      [['create-user', '--email', 'x@example.org', '--name', 'X', '--role', 'boss'], /^afterword: --role: "boss" is not a role; use one of seeker, coach, admin$/],
      [['create-user', '--email', 'not-an-email', '--name', 'X', '--role', 'seeker'], /^afterword: --email: "not-an-email" is not an email address; give one like name@example\.org$/],
      [['create-user', '--email', 'x@example.org', '--name', 'X', '--role', 'seeker', '--org', 'nowhere'], /^afterword: --org: no organisation "nowhere"; create it first/],
      [['create-user', '--email', 'SAM@example.org', '--name', 'Sam Again', '--role', 'seeker'], /^afterword: --email: sam@example\.org already has an account$/],
      [['create-user', '--name', 'X', '--role', 'seeker'], /^afterword: --email: required; e\.g\. --email /],
      [['create-user', '--email', 'x@example.org', '--name', 'X', '--role', 'seeker', '--password-stdin'], /^afterword: --password-stdin: too short; use at least 12 characters/, 'short\n'],
      [['create-user', '--email', 'x@example.org', '--name', 'X\u0000Y', '--role', 'seeker'], /^afterword: --name: contains a character that cannot be stored/],
      [['create-user', '--email', 'x@example.org', '--name', 'X\nY', '--role', 'seeker'], /^afterword: --name: contains a control character/],
      [['create-user', '--email', 'x@example.org', '--name', 'X', '--role', 'seeker', '--public-url', 'ftp://example.org'], /^afterword: --public-url: "ftp:\/\/example\.org" is not a web address/],
      [['invite', '--email', 'nia@example.org', '--role', 'seeker'], /^afterword: --email: nia@example\.org already has an account$/],
      [['invite', '--email', 'y@example.org', '--role', 'seeker', '--org', 'nowhere'], /^afterword: --org: no organisation "nowhere"/],
      [['invite', '--email', 'y@example.org', '--role', 'seeker', '--coach', 'sam@example.org'], /^afterword: --coach: sam@example\.org is a seeker, not a coach$/],
      [['invite', '--email', 'y@example.org', '--role', 'coach', '--coach', 'dana@example.org'], /^afterword: --coach: only a job seeker is followed by a coach/],
      [['invite', '--email', 'y@example', '--role', 'seeker'], /^afterword: --email: "y@example" is not an email address/],
      [['reset', '--email', 'nobody@example.org'], /^afterword: --email: no account with the email nobody@example\.org/],
      [['assign', '--coach', 'sam@example.org', '--seeker', 'nia@example.org'], /^afterword: --coach: sam@example\.org is a seeker, not a coach$/],
      [['assign', '--coach', 'dana@example.org', '--seeker', 'dana@example.org'], /^afterword: --seeker: dana@example\.org is a coach, not a job seeker$/],
      [['assign', '--coach', 'dana@example.org'], /^afterword: --seeker: required/],
      [['sign-out', '--email', 'ghost@example.org'], /^afterword: --email: no account with the email ghost@example\.org/],
      [['deactivate', '--email', 'ghost@example.org'], /^afterword: --email: no account with the email ghost@example\.org/],
      [['reactivate'], /^afterword: --email: required/],
      [['create-org', 'City_Careers', 'City'], /^afterword: organisation id: "City_Careers" must be lower-case letters, digits and dashes/],
      [['create-org', 'city-careers', 'Again'], /^afterword: organisation id: "city-careers" is taken$/],
    ];
    for (const [argv, message, stdin] of bad) {
      const run = await admin(argv, stdin !== undefined ? { stdin } : {});
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.trimEnd(), argv.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
    expect(JSON.stringify(await list())).toBe(before);
  }, 120_000);

  it('has examples in the help of every subcommand', async () => {
    for (const sub of ['create-org', 'create-user', 'invite', 'reset', 'assign', 'unassign', 'sign-out', 'deactivate', 'reactivate', 'list']) {
      const help = await admin([sub, '--help']);
      expect(help.code, sub).toBe(0);
      expect(help.stdout, sub).toMatch(/Examples?:\n {2}\$ afterword admin /);
    }
  });
});
