/**
 * An admin's page (shared server): every account, an invitation form that returns the link to send,
 * each job seeker's coaches (added and removed here), and a password reset link per account. Links are shown once and work once; the admin sends them.
 * An account can be deactivated (after a confirmation) and reactivated; its status is said in words.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { InferResponseType } from 'hono/client';
import { accounts, ApiError, done, ok, type AccountJson } from '../api.js';
import { ROLE_LABELS } from '../components/AccountMenu.js';
import { CopyField } from '../components/CopyField.js';
import { Chip, ErrorNote, Field, Loading, Page } from '../components/ui.js';
import { useData, useSubmit } from '../data.js';
import { day, when } from '../format.js';
import './Admin.css';

type Made = { readonly url: string; readonly expiresAt: string; readonly what: string };

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function LinkMade({ made }: { made: Made }) {
  const id = useId();
  return (
    <div className="card admin-made">
      <CopyField label={made.what} value={made.url} describedBy={`${id}-hint`} />
      <p id={`${id}-hint`} className="muted">
        Works once, until {when(made.expiresAt, localZone())}. Send it privately: whoever opens it first uses it. It is not shown again.
      </p>
    </div>
  );
}

function InviteForm({ coaches, organisations, organisationId, onMade }: {
  coaches: readonly AccountJson[]; organisations: readonly { id: string; name: string }[]; organisationId: string; onMade: () => void;
}) {
  const id = useId();
  const [form, setForm] = useState({ email: '', role: 'seeker', organisationId, coachId: '' });
  const [made, setMade] = useState<Made>();
  const { busy, error, run } = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }): void => setForm({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent): Promise<void> => {
    e.preventDefault();
    return run(async () => {
      try {
        const answer = await ok(accounts.admin.invitations.$post({
          json: {
            email: form.email.trim(), role: form.role,
            ...(form.organisationId ? { organisationId: form.organisationId } : {}),
            ...(form.role === 'seeker' && form.coachId ? { coachId: form.coachId } : {}),
          },
        }));
        setMade({ url: answer.url, expiresAt: answer.expiresAt, what: `Invitation link for ${form.email.trim()}` });
        setForm({ ...form, email: '' });
        onMade();
      } catch (err) {
        // A refused invitation leaves no earlier link on show.
        setMade(undefined);
        throw err;
      }
    });
  };
  const fieldError = (f: string): string | undefined => (error instanceof ApiError && error.field === f ? error.atField : undefined);
  const formError = error && !(error instanceof ApiError && ['email', 'role', 'organisation', 'coach'].includes(error.field ?? '')) ? error : undefined;
  return (
    <>
      <form className="card form admin-invite" onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid-2">
          <Field id={`${id}-email`} label="Email" error={fieldError('email')}>
            <input id={`${id}-email`} type="email" autoComplete="off" spellCheck={false} value={form.email} onChange={set('email')}
              aria-invalid={!!fieldError('email') || undefined} aria-describedby={fieldError('email') ? `${id}-email-error` : undefined} />
          </Field>
          <Field id={`${id}-role`} label="Role" error={fieldError('role')}>
            <select id={`${id}-role`} value={form.role} onChange={set('role')}>
              {Object.entries(ROLE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </Field>
          {organisations.length > 0 && (
            <Field id={`${id}-org`} label="Organisation" error={fieldError('organisation')}>
              <select id={`${id}-org`} value={form.organisationId} onChange={set('organisationId')}>
                <option value="">None</option>
                {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </Field>
          )}
          {form.role === 'seeker' && coaches.length > 0 && (
            <Field id={`${id}-coach`} label="Their coach" hint="The coach sees their plan and can comment." error={fieldError('coach')}>
              <select id={`${id}-coach`} value={form.coachId} onChange={set('coachId')} aria-describedby={`${id}-coach-hint`}>
                <option value="">No coach yet</option>
                {coaches.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.email})</option>)}
              </select>
            </Field>
          )}
        </div>
        <ErrorNote error={formError} />
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={busy}>Make invitation link</button>
        </div>
      </form>
      {made && <LinkMade made={made} />}
    </>
  );
}

/**
 * A job seeker's coaches: each can be removed, and another coach added. A coach reads the seeker's
 * plans and comments from the moment of the assignment.
 */
function SeekerCoaches({ seeker, coaches, addable, coachIds, onChanged }: {
  seeker: AccountJson; coaches: readonly AccountJson[]; addable: readonly AccountJson[]; coachIds: readonly string[]; onChanged: () => void;
}) {
  const id = useId();
  const { busy, error, run } = useSubmit();
  const byId = new Map(coaches.map((c) => [c.id, c]));
  const others = addable.filter((c) => !coachIds.includes(c.id));
  const add = (coachId: string): Promise<void> => run(async () => {
    await ok(accounts.admin.assignments.$post({ json: { coachId, seekerId: seeker.id } }));
    onChanged();
  });
  const remove = (coachId: string): Promise<void> => run(async () => {
    await done(accounts.admin.assignments[':coachId'][':seekerId'].$delete({ param: { coachId, seekerId: seeker.id } }));
    onChanged();
  });
  return (
    <div className="admin-coaches">
      {coachIds.length === 0 && <span className="muted">None</span>}
      {coachIds.map((coachId) => (
        <span key={coachId} className="admin-coach">
          {byId.get(coachId)?.name ?? 'A former coach'}
          <button type="button" className="button small" disabled={busy}
            aria-label={`Remove ${byId.get(coachId)?.name ?? 'A former coach'} as ${seeker.name}'s coach`} onClick={() => void remove(coachId)}>Remove</button>
        </span>
      ))}
      {others.length > 0 && (
        <>
          <label htmlFor={`${id}-add`} className="sr-only">Add a coach for {seeker.name}</label>
          <select id={`${id}-add`} value="" disabled={busy} onChange={(e) => { if (e.target.value) void add(e.target.value); }}>
            <option value="">Add a coach…</option>
            {others.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

const isRole = (v: string): v is 'seeker' | 'coach' | 'admin' => v === 'seeker' || v === 'coach' || v === 'admin';

/** An account's role, changed from a list (not one's own: another admin changes that). */
function RoleCell({ account, self, onChanged, onNotice }: { account: AccountJson; self: boolean; onChanged: () => void; onNotice: (text: string) => void }) {
  const id = useId();
  const { busy, error, run } = useSubmit();
  if (self) return <span className="admin-role">{ROLE_LABELS[account.role] ?? account.role}</span>;
  const change = (role: string): Promise<void> => run(async () => {
    if (!isRole(role)) return;
    await ok(accounts.admin.accounts[':id'].role.$post({ param: { id: account.id }, json: { role } }));
    const label = (ROLE_LABELS[role] ?? role).toLowerCase();
    const assignments = account.role === 'seeker' ? ' and their coaches no longer follow them' : account.role === 'coach' ? ' and they no longer follow any job seeker' : '';
    onNotice(`${account.name} is now ${role === 'admin' ? 'an' : 'a'} ${label}: they are signed out${assignments}.`);
    onChanged();
  });
  return (
    <>
      <label htmlFor={id} className="sr-only">Role of {account.name}</label>
      <select id={id} value={account.role} disabled={busy} onChange={(e) => void change(e.target.value)}>
        {Object.entries(ROLE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <ErrorNote error={error} />
    </>
  );
}

type ListedAccount = InferResponseType<typeof accounts.admin.accounts.$get, 200>['accounts'][number];

/**
 * Deactivating an account (asked first: it ends every session at once) or reactivating it. Focus
 * goes to the question when it opens, back to its button when kept, and to the other button once done.
 */
function Deactivation({ account, onChanged, onNotice }: { account: ListedAccount; onChanged: () => void; onNotice: (text: string) => void }) {
  const id = useId();
  const { busy, error, run } = useSubmit();
  const [asking, setAsking] = useState(false);
  const [focusNext, setFocusNext] = useState<'deactivate' | 'reactivate' | 'question'>();
  const deactivateButton = useRef<HTMLButtonElement>(null);
  const reactivateButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLDivElement>(null);
  const deactivated = account.deactivatedAt !== null;
  useEffect(() => {
    const target = focusNext === 'question' ? question.current : focusNext === 'deactivate' ? deactivateButton.current : focusNext === 'reactivate' ? reactivateButton.current : null;
    if (!target) return;
    target.focus();
    setFocusNext(undefined);
  }, [focusNext, deactivated, asking]);
  const ask = (): void => { setAsking(true); setFocusNext('question'); };
  const keep = (): void => { setAsking(false); setFocusNext('deactivate'); };
  const deactivate = (): Promise<void> => run(async () => {
    const answer = await ok(accounts.admin.accounts[':id'].deactivate.$post({ param: { id: account.id } }));
    const ended = answer.ended === 0 ? 'they were not signed in anywhere' : `they are signed out everywhere (${answer.ended === 1 ? 'one session' : `${answer.ended} sessions`} ended)`;
    onNotice(`${account.name} is deactivated: they can no longer sign in, and ${ended}. Their records are kept.`);
    setAsking(false);
    setFocusNext('reactivate');
    onChanged();
  });
  const reactivate = (): Promise<void> => run(async () => {
    await ok(accounts.admin.accounts[':id'].reactivate.$post({ param: { id: account.id } }));
    onNotice(`${account.name} is active again: they can sign in with their password.`);
    setFocusNext('deactivate');
    onChanged();
  });
  if (deactivated) {
    return (
      <>
        <button ref={reactivateButton} type="button" className="button small" disabled={busy} aria-label={`Reactivate ${account.name}`} onClick={() => void reactivate()}>Reactivate</button>
        <ErrorNote error={error} />
      </>
    );
  }
  return (
    <>
      {!asking && <button ref={deactivateButton} type="button" className="button small" aria-label={`Deactivate ${account.name}…`} onClick={ask}>Deactivate…</button>}
      {asking && (
        <div ref={question} className="admin-confirm" role="group" aria-labelledby={`${id}-q`} tabIndex={-1}>
          <p id={`${id}-q`}>Deactivate {account.name}? They can no longer sign in, and are signed out everywhere at once. Their records are kept, and you can reactivate the account later.</p>
          <div className="admin-confirm-actions">
            <button type="button" className="button small danger" disabled={busy} onClick={() => void deactivate()}>{busy ? 'Deactivating…' : `Deactivate ${account.name}`}</button>
            <button type="button" className="button small" disabled={busy} onClick={keep}>Keep active</button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
    </>
  );
}

/** Under a deactivated account's name, in words (an active account, the usual case, says nothing more). */
function Status({ account }: { account: ListedAccount }) {
  if (account.deactivatedAt === null) return null;
  return <span className="admin-status"><Chip tone="warn">Deactivated</Chip> <span className="muted">since {day(account.deactivatedAt, localZone())}</span></span>;
}

type InvitationJson = InferResponseType<typeof accounts.admin.invitations.$get, 200>['invitations'][number];

/** Invitations not accepted yet: who, as what, followed by whom, until when; each can be taken back (its link stops working). */
function Pending({ invitations, coaches, onChanged }: { invitations: readonly InvitationJson[]; coaches: readonly AccountJson[]; onChanged: () => void }) {
  const { busy, error, run } = useSubmit();
  const coachName = new Map(coaches.map((c) => [c.id, c.name]));
  const takeBack = (i: InvitationJson): Promise<void> => run(async () => {
    await done(accounts.admin.invitations[':id'].$delete({ param: { id: i.id } }));
    onChanged();
  });
  return (
    <div className="card admin-pending">
      <ErrorNote error={error} />
      <ul>
        {invitations.map((i) => (
          <li key={i.id}>
            <span className="admin-pending-who">
              <strong>{i.email}</strong>{' '}
              <span className="muted">
                · {ROLE_LABELS[i.role] ?? i.role}{i.coachId && coachName.has(i.coachId) ? `, followed by ${coachName.get(i.coachId) ?? ''}` : ''}
                {i.expiresAt && ` · the link works until ${when(i.expiresAt, localZone())}`}
              </span>
            </span>
            <button type="button" className="button small" disabled={busy} aria-label={`Take back: ${i.email}`} onClick={() => void takeBack(i)}>Take back</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AdminAccounts({ self }: { self: AccountJson }) {
  const list = useData(() => Promise.all([ok(accounts.admin.accounts.$get()), ok(accounts.admin.organisations.$get()), ok(accounts.admin.invitations.$get())]), []);
  const [reset, setReset] = useState<Made & { accountId: string }>();
  const [notice, setNotice] = useState<string>();
  const { error: resetError, run: runReset } = useSubmit();
  if (!list.data) return <Page title="Accounts">{list.loading ? <Loading what="the accounts" /> : <ErrorNote error={list.error} />}</Page>;
  const [{ accounts: all }, { organisations }, { invitations }] = list.data;
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  // One organisation (the usual case): its name is not repeated on every row.
  const manyOrganisations = organisations.length > 1 || all.some((a) => a.organisationId === undefined || a.organisationId === null);
  const coaches = all.filter((a) => a.role === 'coach');
  // A deactivated coach keeps the job seekers they followed, and follows no one new.
  const activeCoaches = coaches.filter((c) => c.deactivatedAt === null);
  const makeReset = (a: AccountJson): Promise<void> => runReset(async () => {
    setNotice(undefined);
    try {
      const answer = await ok(accounts.admin.accounts[':id'].reset.$post({ param: { id: a.id } }));
      setReset({ accountId: a.id, url: answer.url, expiresAt: answer.expiresAt, what: `Password reset link for ${a.name}` });
    } catch (err) {
      setReset(undefined);
      throw err;
    }
  });
  const signOut = (a: AccountJson): Promise<void> => runReset(async () => {
    setReset(undefined);
    const answer = await ok(accounts.admin.accounts[':id']['sign-out'].$post({ param: { id: a.id } }));
    setNotice(answer.ended === 0 ? `${a.name} was not signed in anywhere.` : `${a.name} is signed out everywhere (${answer.ended === 1 ? 'one session' : `${answer.ended} sessions`} ended).`);
  });
  return (
    <Page title="Accounts" subtitle="Invite people, choose each job seeker's coaches and each account's role, hand out password reset links, and deactivate accounts that should no longer sign in. You send the links yourself.">
      <section aria-labelledby="invite-h" className="section">
        <h2 id="invite-h">Invite someone</h2>
        <InviteForm coaches={activeCoaches} organisations={organisations} organisationId={self.organisationId ?? ''} onMade={list.reload} />
      </section>
      {invitations.length > 0 && (
        <section aria-labelledby="pending-h" className="section">
          <h2 id="pending-h">Invited, not joined yet <span className="count">{invitations.length}</span></h2>
          <Pending invitations={invitations} coaches={coaches} onChanged={list.reload} />
        </section>
      )}
      <section aria-labelledby="accounts-h" className="section">
        <h2 id="accounts-h">Everyone <span className="count">{all.length}</span></h2>
        <ErrorNote error={resetError} />
        {notice && <p className="notice" role="status">{notice}</p>}
        {reset && <LinkMade made={reset} />}
        <div className="admin-table card">
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th>{manyOrganisations && <th scope="col">Organisation</th>}<th scope="col">Coaches</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {all.map((a) => (
                <tr key={a.id} className={a.deactivatedAt !== null ? 'admin-deactivated' : undefined}>
                  <th scope="row" className="admin-name">{a.name}{a.id === self.id && <span className="muted"> (you)</span>}<Status account={a} /></th>
                  <td className="admin-email" data-label="Email">{a.email}</td>
                  <td data-label="Role"><RoleCell account={a} self={a.id === self.id} onChanged={list.reload} onNotice={(text) => { setReset(undefined); setNotice(text); }} /></td>
                  {manyOrganisations && <td data-label="Organisation">{a.organisationId ? orgName.get(a.organisationId) ?? 'Another organisation' : <span className="muted">None</span>}</td>}
                  <td data-label="Coaches">{a.role === 'seeker'
                    ? <SeekerCoaches seeker={a} coaches={coaches} addable={activeCoaches} coachIds={a.coachIds} onChanged={list.reload} />
                    : <span className="muted">—</span>}</td>
                  <td className="admin-actions-cell"><div className="admin-row-actions">
                    {/* A deactivated account has no sessions to end, and a reset link would not let it sign in. */}
                    {a.deactivatedAt === null && (
                      <button type="button" className="button small" aria-label={`Reset link for ${a.name}`} onClick={() => void makeReset(a)}>Reset link</button>
                    )}
                    {a.id !== self.id && a.deactivatedAt === null && (
                      <button type="button" className="button small" aria-label={`Sign out everywhere: ${a.name}`} onClick={() => void signOut(a)}>Sign out everywhere</button>
                    )}
                    {a.id !== self.id && <Deactivation account={a} onChanged={list.reload} onNotice={(text) => { setReset(undefined); setNotice(text); }} />}
                  </div></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}
