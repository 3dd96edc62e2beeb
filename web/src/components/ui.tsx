/** Small shared pieces: page frame, notices, chips, a field with its label and error. */
import type { ReactNode } from 'react';
import { ApiError } from '../api.js';
import { words } from '../format.js';
import { Link } from '../router.js';

export function Page({ title, actions, children, subtitle }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <div>
          <h1 id="page-title" tabIndex={-1}>{title}</h1>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** An error in words for people (api.ts renders the server's); a record that is not there offers the way back. */
export function ErrorNote({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const missing = error instanceof ApiError && error.status === 404;
  return <p className="notice error" role="alert">{error.message}{missing && <> <Link href="/">Back to the start</Link></>}</p>;
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}

export function Chip({ children, tone = 'plain' }: { children: ReactNode; tone?: 'plain' | 'warn' | 'bad' | 'good' | 'info' }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

const STATUS_TONE: Readonly<Record<string, 'plain' | 'warn' | 'bad' | 'good' | 'info'>> = {
  overdue: 'bad', due: 'warn', blocked: 'info', upcoming: 'plain', done: 'good', skipped: 'plain',
};

export function StatusChip({ status }: { status: string }) {
  return <Chip tone={STATUS_TONE[status] ?? 'plain'}>{words(status)}</Chip>;
}

export function Field({ label, hint, error, children, id }: { label: string; id: string; hint?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      {error && <small id={`${id}-error`} className="error-text" role="alert">{error}</small>}
    </div>
  );
}
