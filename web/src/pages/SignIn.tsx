/**
 * A shared server's doors: signing in with email and password, accepting an invitation (name and
 * password, then signed in) and setting a new password with a reset link. Errors say what to do;
 * none says whether an email has an account.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { accounts, ApiError, ok } from '../api.js';
import { Field, Page } from '../components/ui.js';
import { Link } from '../router.js';
import './SignIn.css';

/** The server's minimum (app/accounts.ts PASSWORD_MIN). */
export const PASSWORD_MIN = 12;
const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters. A few unrelated words make a good one.`;

/** The sign-in answers in words for people: wrong credentials, too many attempts. */
export function signInProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Could not reach the server (${error instanceof Error ? error.message : String(error)}). Check your connection and try again.`;
  if (error.status === 401) return 'Wrong email or password. Check both and try again.';
  if (error.status === 429) {
    const wait = waitSeconds(error);
    const words = wait >= 60 ? `${Math.ceil(wait / 60)} minute${Math.ceil(wait / 60) === 1 ? '' : 's'}` : wait > 0 ? `${wait} seconds` : 'a minute';
    return `Too many attempts that did not succeed. Wait ${words} and try again, or ask your admin for a reset link.`;
  }
  return error.message;
}

/** The server's words for a field, without the field's name in front: "password: too short; …" → "Too short: …". */
function fieldMessage(error: ApiError): string {
  return error.atField;
}

/** Seconds to wait from a 429's words ("wait 40 s", "wait 40 seconds", "wait 15 minutes"), else 0. */
function waitSeconds(error: unknown): number {
  if (!(error instanceof ApiError) || error.status !== 429) return 0;
  const [, n, unit] = /wait (\d+) (s\b|seconds?|minutes?)/.exec(error.serverText) ?? [];
  return Number(n ?? 0) * (unit?.startsWith('minute') ? 60 : 1);
}

function PasswordField({ id, label, value, onChange, autoComplete, hint, error }: {
  id: string; label: string; value: string; onChange: (v: string) => void; autoComplete: 'current-password' | 'new-password'; hint?: string; error?: string | undefined;
}) {
  const [shown, setShown] = useState(false);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Field id={id} label={label} {...(hint ? { hint } : {})} error={error}>
      <div className="password-row">
        <input id={id} type={shown ? 'text' : 'password'} autoComplete={autoComplete} value={value} spellCheck={false} autoCapitalize="none"
          onChange={(e) => onChange(e.target.value)} aria-invalid={!!error || undefined} aria-describedby={described} />
        <button type="button" className="button ghost small" aria-pressed={shown} aria-controls={id} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}<span className="sr-only"> password</span>
        </button>
      </div>
    </Field>
  );
}

export function SignIn({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: () => void }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  // After a 429 the button waits as long as the server asked, then comes back by itself.
  useEffect(() => {
    if (waitUntil === 0) return;
    const timer = window.setTimeout(() => setWaitUntil(0), Math.max(0, waitUntil - Date.now()));
    return () => window.clearTimeout(timer);
  }, [waitUntil]);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const missing = {
      ...(email.trim() === '' ? { email: 'Enter your email address.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
    };
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await ok(accounts.auth['sign-in'].$post({ json: { email: email.trim(), password } }));
      onSignedIn();
    } catch (error) {
      setErrors({ form: signInProblem(error) });
      const wait = waitSeconds(error);
      if (wait > 0) setWaitUntil(Date.now() + wait * 1000);
      setBusy(false);
    }
  };
  return (
    <Page title="Sign in" subtitle="Follow-ups after every interview, for job seekers and their coaches.">
      <div className="auth">
        {notice && <p className="notice good" role="status">{notice}</p>}
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={errors.form ? `${id}-problem` : undefined}>
          <Field id={`${id}-email`} label="Email" error={errors.email}>
            <input id={`${id}-email`} type="email" autoComplete="username" inputMode="email" spellCheck={false} autoCapitalize="none" value={email}
              onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email || undefined} aria-describedby={errors.email ? `${id}-email-error` : undefined} />
          </Field>
          <PasswordField id={`${id}-password`} label="Password" value={password} onChange={setPassword} autoComplete="current-password" error={errors.password} />
          {errors.form && <p id={`${id}-problem`} className="notice error" role="alert">{errors.form}</p>}
          <button type="submit" className="button primary" disabled={busy || waitUntil > 0}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
        <p className="muted auth-help">
          Forgot your password? Ask your admin for a reset link. New here? Open the invitation link you were sent.
        </p>
      </div>
    </Page>
  );
}

function tokenProblem(kind: 'invitation' | 'reset'): string {
  return kind === 'invitation'
    ? 'This invitation link is unknown, already used or expired. Ask whoever invited you for a new one.'
    : 'This reset link is unknown, already used or expired. Ask your admin for a new one.';
}

/** Checks a new password as the server will: the rule is shown before anyone gets it wrong. */
function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Too short: use at least ${PASSWORD_MIN} characters (this one has ${password.length}).`;
  return undefined;
}

export function AcceptInvitation({ token, onSignedIn }: { token: string; onSignedIn: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string; form?: string; exists?: boolean }>({});
  const [busy, setBusy] = useState(false);
  if (token === '') {
    return (
      <Page title="Accept your invitation">
        <p className="notice error auth" role="alert">This address has no invitation in it. Open the link from your invitation exactly as you received it.</p>
      </Page>
    );
  }
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const tooShort = passwordProblem(password);
    const found = { ...(name.trim() === '' ? { name: 'Enter your name.' } : {}), ...(tooShort ? { password: tooShort } : {}) };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await ok(accounts.auth['accept-invitation'].$post({ json: { token, name: name.trim(), password } }));
      onSignedIn();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && (error.field === 'name' || error.field === 'password')) setErrors({ [error.field]: fieldMessage(error) });
      else if (error instanceof ApiError && error.field === 'token') setErrors({ form: tokenProblem('invitation') });
      else if (error instanceof ApiError && error.status === 409) setErrors({ form: 'This email has an account already.', exists: true });
      else setErrors({ form: signInProblem(error) });
    }
  };
  return (
    <Page title="Accept your invitation" subtitle="Choose your name as others will see it, and a password. Then you are signed in.">
      <div className="auth">
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
          <Field id={`${id}-name`} label="Your name" hint="As your coach and colleagues know you." error={errors.name}>
            <input id={`${id}-name`} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)}
              aria-invalid={!!errors.name || undefined} aria-describedby={[`${id}-name-hint`, errors.name ? `${id}-name-error` : ''].filter(Boolean).join(' ')} />
          </Field>
          <PasswordField id={`${id}-password`} label="Password" value={password} onChange={setPassword} autoComplete="new-password" hint={PASSWORD_RULE} error={errors.password} />
          {errors.form && (
            <p className="notice error" role="alert">
              {errors.form}{errors.exists && <> <Link href="/">Sign in</Link> instead, or ask your admin for a reset link.</>}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Creating your account…' : 'Create account and sign in'}</button>
        </form>
      </div>
    </Page>
  );
}

export function ResetPassword({ token, onDone }: { token: string; onDone: () => void }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  if (token === '') {
    return (
      <Page title="Choose a new password">
        <p className="notice error auth" role="alert">This address has no reset token in it. Open the reset link exactly as you received it.</p>
      </Page>
    );
  }
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const tooShort = passwordProblem(password);
    setErrors(tooShort ? { password: tooShort } : {});
    if (tooShort) return;
    setBusy(true);
    try {
      await ok(accounts.auth['reset-password'].$post({ json: { token, password } }));
      onDone();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.field === 'password') setErrors({ password: fieldMessage(error) });
      else if (error instanceof ApiError && error.field === 'token') setErrors({ form: tokenProblem('reset') });
      else setErrors({ form: signInProblem(error) });
    }
  };
  return (
    <Page title="Choose a new password" subtitle="It replaces the old one, and signs your account out everywhere.">
      <div className="auth">
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
          <PasswordField id={`${id}-password`} label="New password" value={password} onChange={setPassword} autoComplete="new-password" hint={PASSWORD_RULE} error={errors.password} />
          {errors.form && <p className="notice error" role="alert">{errors.form}</p>}
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Saving…' : 'Save the new password'}</button>
        </form>
      </div>
    </Page>
  );
}
