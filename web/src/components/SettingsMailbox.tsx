/**
 * Settings → Mailbox (issue 16): link a mailbox over IMAP and SMTP with an app password, see how the
 * link stands (servers, last sync on the user's clock, what was read), sync now, and unlink. The
 * password is sent once and never shown again; what the employer wrote waits on Today.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, client, ok, type Api } from '../api.js';
import type { InferResponseType } from 'hono/client';
import { useData } from '../data.js';
import { plainDates, when } from '../format.js';
import { Link } from '../router.js';
import { Chip, ErrorNote, Field, Loading } from './ui.js';

type StatusJson = InferResponseType<Api['mailbox']['$get'], 200>;
type Linked = Extract<StatusJson['mailbox'], { linked: true }>;
type Security = 'tls' | 'starttls' | 'none';

/** The form's keys, by the label or JSON key the server names in a refusal. */
const FIELD_OF: Readonly<Record<string, FormKey>> = {
  'IMAP server': 'imapHost', 'IMAP port': 'imapPort', 'IMAP security': 'imapSecurity', 'SMTP server': 'smtpHost', 'SMTP port': 'smtpPort',
  'SMTP security': 'smtpSecurity', 'User name': 'user', 'Email address': 'address', 'App password': 'password',
  imapHost: 'imapHost', imapPort: 'imapPort', imapSecurity: 'imapSecurity', smtpHost: 'smtpHost', smtpPort: 'smtpPort',
  smtpSecurity: 'smtpSecurity', user: 'user', address: 'address', password: 'password',
};

interface Form {
  address: string;
  user: string;
  password: string;
  imapHost: string;
  imapPort: string;
  imapSecurity: Security;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: Security;
}
type FormKey = keyof Form;

const EMPTY: Form = { address: '', user: '', password: '', imapHost: '', imapPort: '', imapSecurity: 'tls', smtpHost: '', smtpPort: '', smtpSecurity: 'starttls' };
const DEFAULT_PORT: Readonly<Record<'imap' | 'smtp', Readonly<Record<Security, string>>>> = {
  imap: { tls: '993', starttls: '143', none: '143' },
  smtp: { tls: '465', starttls: '587', none: '25' },
};
const SECURITY_WORDS: Readonly<Record<Security, string>> = { tls: 'TLS', starttls: 'STARTTLS', none: 'None (a server on this computer only)' };

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function portProblem(text: string): string | undefined {
  return text.trim() === '' || /^\d{1,5}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 65535 ? undefined : 'Write a whole number from 1 to 65535, such as 993.';
}

function LinkForm({ shared, start, onLinked, onCancel }: { shared: boolean; start: Form; onLinked: (m: StatusJson['mailbox']) => void; onCancel?: () => void }) {
  const id = useId();
  const [form, setForm] = useState<Form>(start);
  const [errors, setErrors] = useState<Partial<Record<FormKey, string>>>({});
  const [problem, setProblem] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const set = (key: FormKey) => (e: { target: { value: string } }): void => setForm({ ...form, [key]: e.target.value });
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const found: Partial<Record<FormKey, string>> = {};
    if (form.address.trim() === '') found.address = 'Fill this in: the address you send from.';
    if (form.imapHost.trim() === '') found.imapHost = 'Fill this in: your provider’s IMAP server, such as imap.fastmail.com.';
    if (form.password === '') found.password = 'Fill this in: the app password your provider made for Afterword.';
    const imapPort = portProblem(form.imapPort);
    const smtpPort = portProblem(form.smtpPort);
    if (imapPort) found.imapPort = imapPort;
    if (smtpPort) found.smtpPort = smtpPort;
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const port = (text: string) => (text.trim() === '' ? {} : { port: Number(text) });
      const imap = port(form.imapPort);
      const smtp = port(form.smtpPort);
      const out = await ok(client.api.mailbox.$put({
        json: {
          address: form.address.trim(), user: form.user.trim() === '' ? form.address.trim() : form.user.trim(), password: form.password,
          imapHost: form.imapHost.trim(), imapSecurity: form.imapSecurity, ...(imap.port !== undefined ? { imapPort: imap.port } : {}),
          ...(form.smtpHost.trim() !== '' ? { smtpHost: form.smtpHost.trim() } : {}), smtpSecurity: form.smtpSecurity,
          ...(smtp.port !== undefined ? { smtpPort: smtp.port } : {}),
        },
      }));
      onLinked(out.mailbox);
    } catch (error) {
      const key = error instanceof ApiError && error.field !== undefined ? FIELD_OF[error.field] : undefined;
      if (key && error instanceof ApiError) setErrors({ [key]: error.atField });
      else setProblem(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
      // The password is never kept in the page once sent.
      setForm((f) => ({ ...f, password: '' }));
    }
  };
  const field = (key: FormKey, label: string, input: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode, hint?: string) => {
    const fid = `${id}-${key}`;
    const described = [hint ? `${fid}-hint` : '', errors[key] ? `${fid}-error` : ''].filter(Boolean).join(' ');
    return (
      <Field label={label} id={fid} {...(hint ? { hint } : {})} error={errors[key]}>
        {input({ id: fid, ...(errors[key] ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      </Field>
    );
  };
  const security = (key: 'imapSecurity' | 'smtpSecurity') => (props: { id: string }) => (
    <select {...props} value={form[key]} onChange={set(key)}>
      {(Object.keys(SECURITY_WORDS) as Security[]).filter((s) => !shared || s !== 'none').map((s) => <option key={s} value={s}>{SECURITY_WORDS[s]}</option>)}
    </select>
  );
  return (
    <form className="form card mb-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Link a mailbox">
      <p className="muted mb-lead">
        Make an app password for Afterword in your mail provider’s security settings (Fastmail, Gmail and Outlook all offer one), then
        enter it here. Afterword logs in once to check it and keeps it encrypted; it is never shown again.
      </p>
      <div className="grid-2">
        {field('address', 'Email address', (p) => <input {...p} type="email" autoComplete="email" spellCheck={false} value={form.address} onChange={set('address')} />)}
        {field('user', 'User name', (p) => <input {...p} autoComplete="username" spellCheck={false} value={form.user} onChange={set('user')} placeholder={form.address} />,
          'Leave it empty when you log in with your address.')}
        {field('password', 'App password', (p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} />,
          'Not your usual password: the one your provider made for Afterword.')}
      </div>
      <fieldset className="mb-servers">
        <legend>Incoming mail (IMAP)</legend>
        <div className="mb-server">
          {field('imapHost', 'IMAP server', (p) => <input {...p} spellCheck={false} autoComplete="off" value={form.imapHost} onChange={set('imapHost')} placeholder="imap.fastmail.com" />)}
          {field('imapPort', 'IMAP port', (p) => <input {...p} inputMode="numeric" value={form.imapPort} onChange={set('imapPort')} placeholder={DEFAULT_PORT.imap[form.imapSecurity]} />)}
          {field('imapSecurity', 'IMAP security', security('imapSecurity'))}
        </div>
      </fieldset>
      <fieldset className="mb-servers">
        <legend>Outgoing mail (SMTP)</legend>
        <div className="mb-server">
          {field('smtpHost', 'SMTP server', (p) => <input {...p} spellCheck={false} autoComplete="off" value={form.smtpHost} onChange={set('smtpHost')}
            placeholder={form.imapHost.trim() !== '' ? form.imapHost.trim().replace(/^imap\./, 'smtp.') : 'smtp.fastmail.com'} />)}
          {field('smtpPort', 'SMTP port', (p) => <input {...p} inputMode="numeric" value={form.smtpPort} onChange={set('smtpPort')} placeholder={DEFAULT_PORT.smtp[form.smtpSecurity]} />)}
          {field('smtpSecurity', 'SMTP security', security('smtpSecurity'))}
        </div>
      </fieldset>
      <ErrorNote error={problem} />
      <div className="st-actions">
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Checking the servers…' : 'Link mailbox'}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>}
      </div>
    </form>
  );
}

function endpointWords(e: Linked['imap']): string {
  return `${e.host}, port ${e.port}, ${e.security === 'none' ? 'not encrypted (this computer only)' : e.security.toUpperCase()}`;
}

function LinkStatus({ mailbox, userZone, onChanged, onEdit }: { mailbox: Linked; userZone: string; onChanged: (m: StatusJson['mailbox']) => void; onEdit: () => void }) {
  const [busy, setBusy] = useState<'sync' | 'unlink'>();
  const [said, setSaid] = useState<string>();
  const [problem, setProblem] = useState<Error>();
  const [confirming, setConfirming] = useState(false);
  const sync = async (): Promise<void> => {
    setBusy('sync');
    setSaid(undefined);
    setProblem(undefined);
    try {
      const out = await ok(client.api.mailbox.sync.$post());
      const r = out.report;
      const parts = [
        r.nothingActive ? 'No active application, so there is no mail to read yet.' : r.read === 0 ? 'No new mail since the last sync.' : `Read ${plural(r.read, 'new message')}.`,
        r.touches > 0 ? `${plural(r.touches, 'message')} you sent recorded as follow-ups.` : '',
        r.proposals > 0 ? `${plural(r.proposals, 'employer message')} to review on Today.` : '',
        r.bounces > 0 ? `${plural(r.bounces, 'message')} bounced: the address is marked unverified.` : '',
        ...r.suspicious.map((s) => `Mail from ${s.address} was not matched: it passes for ${s.resembles} but is another domain.`),
      ];
      setSaid(parts.filter(Boolean).join(' '));
      onChanged(out.mailbox);
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
      // The link now says it is failing, and why.
      const again = await ok(client.api.mailbox.$get()).catch(() => undefined);
      if (again) onChanged(again.mailbox);
    } finally {
      setBusy(undefined);
    }
  };
  const unlink = async (): Promise<void> => {
    setBusy('unlink');
    setProblem(undefined);
    try {
      await ok(client.api.mailbox.$delete());
      onChanged((await ok(client.api.mailbox.$get())).mailbox);
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(undefined);
      setConfirming(false);
    }
  };
  const m = mailbox.messages;
  return (
    <div className="card mb-status" aria-label="Linked mailbox" role="group">
      <div className="mb-head">
        <h2 className="mb-address">{mailbox.address}</h2>
        {mailbox.status === 'connected' ? <Chip tone="good">Working</Chip> : <Chip tone="bad">Not working</Chip>}
      </div>
      {mailbox.status === 'failing' && (
        <p className="notice error">The last sync failed. {plainDates(mailbox.lastError ?? 'The server could not be reached.')} If the password changed, link the mailbox again.</p>
      )}
      <dl className="mb-facts">
        <dt>Last sync</dt>
        <dd>{mailbox.lastSyncAt !== null ? when(mailbox.lastSyncAt, userZone) : 'Not yet'}</dd>
        <dt>Incoming</dt>
        <dd>{endpointWords(mailbox.imap)}</dd>
        <dt>Outgoing</dt>
        <dd>{endpointWords(mailbox.smtp)}</dd>
        <dt>Read so far</dt>
        <dd>{plural(m.touch, 'message')} you sent, {plural(m.proposal, 'message')} from employers{m.bounce > 0 ? `, ${plural(m.bounce, 'bounce')}` : ''}</dd>
        <dt>Waiting for you</dt>
        <dd>{mailbox.pending === 0 ? 'Nothing' : <Link href="/">{plural(mailbox.pending, 'employer message')} on Today</Link>}</dd>
      </dl>
      <p className="muted mb-note">Afterword reads your Sent folder and inbox since your earliest active application. Nothing about your plan changes until you accept it, and nothing is sent unless you schedule it.</p>
      <div className="st-actions">
        <button type="button" className="button primary" onClick={() => void sync()} disabled={busy !== undefined}>{busy === 'sync' ? 'Syncing…' : 'Sync now'}</button>
        <button type="button" className="button" onClick={onEdit} disabled={busy !== undefined}>Change settings</button>
        {!confirming && <button type="button" className="button" onClick={() => setConfirming(true)} disabled={busy !== undefined}>Unlink…</button>}
        <span className="ss" role="status" aria-live="polite">{said}</span>
      </div>
      {confirming && (
        <div className="mb-confirm" role="group" aria-label="Unlink the mailbox">
          <p>Unlink {mailbox.address}? The saved password is deleted. What your mail already added to your records stays.</p>
          <div className="st-actions">
            <button type="button" className="button danger" onClick={() => void unlink()} disabled={busy !== undefined}>{busy === 'unlink' ? 'Unlinking…' : 'Unlink mailbox'}</button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy !== undefined}>Keep it</button>
          </div>
        </div>
      )}
      <ErrorNote error={problem} />
    </div>
  );
}

function formOf(m: Linked): Form {
  return {
    address: m.address, user: m.login === m.address ? '' : m.login, password: '',
    imapHost: m.imap.host, imapPort: String(m.imap.port), imapSecurity: m.imap.security,
    smtpHost: m.smtp.host, smtpPort: String(m.smtp.port), smtpSecurity: m.smtp.security,
  };
}

export function SettingsMailbox() {
  const loaded = useData(() => ok(client.api.mailbox.$get()), []);
  const [mailbox, setMailbox] = useState<StatusJson['mailbox']>();
  const [editing, setEditing] = useState(false);
  const current = mailbox ?? loaded.data?.mailbox;
  if (!current) return loaded.error ? <ErrorNote error={loaded.error} /> : <Loading what="your mailbox" />;
  const shared = loaded.data?.shared === true;
  const linked = (m: StatusJson['mailbox']): void => {
    setMailbox(m);
    setEditing(false);
  };
  if (!current.linked) return <LinkForm shared={shared} start={EMPTY} onLinked={linked} />;
  if (editing) return <LinkForm shared={shared} start={formOf(current)} onLinked={linked} onCancel={() => setEditing(false)} />;
  return <LinkStatus mailbox={current} userZone={current.timeZone} onChanged={setMailbox} onEdit={() => setEditing(true)} />;
}
