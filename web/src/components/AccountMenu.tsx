/** On a shared server: who is signed in (name and role), signing out here, and signing out on every device. */
import { useEffect, useRef, useState } from 'react';
import { accounts, ok, type AccountJson } from '../api.js';

export const ROLE_LABELS: Readonly<Record<string, string>> = { seeker: 'Job seeker', coach: 'Coach', admin: 'Admin' };

export function AccountMenu({ account, onSignedOut }: { account: AccountJson; onSignedOut: (notice: string) => void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A disclosure closes with Escape (focus back on its summary) and when the focus or a click leaves it.
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const away = (e: Event): void => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) details.open = false;
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, []);
  const signOut = async (everywhere: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      if (everywhere) await ok(accounts.auth['sign-out-everywhere'].$post());
      else await ok(accounts.auth['sign-out'].$post());
      onSignedOut(everywhere ? 'You are signed out on every device.' : 'You are signed out.');
    } catch (e) {
      setError(`Not signed out: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(false);
    }
  };
  const role = ROLE_LABELS[account.role] ?? account.role;
  return (
    <details className="account" ref={menu} onKeyDown={(e) => {
      if (e.key === 'Escape' && menu.current?.open) {
        menu.current.open = false;
        menu.current.querySelector('summary')?.focus();
      }
    }}>
      <summary>
        <span className="account-name">{account.name}</span> <span className="account-role">{role}</span>
      </summary>
      <div className="account-pop">
        <p className="account-email">{account.email}</p>
        <button type="button" className="button small" disabled={busy} onClick={() => void signOut(false)}>Sign out</button>
        <button type="button" className="button small ghost" disabled={busy} onClick={() => void signOut(true)}>Sign out everywhere</button>
        <p className="muted account-hint">“Everywhere” ends your sessions on every computer and phone.</p>
        {error && <p className="error-text" role="alert">{error}</p>}
      </div>
    </details>
  );
}
