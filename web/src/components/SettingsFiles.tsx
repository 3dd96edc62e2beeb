/**
 * Settings' files: the calendar feed's address, the spreadsheet export, importing a tracker's CSV or
 * XLSX (a dry run first, then all or nothing), and backup / restore (confirmed: it replaces everything).
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { InferResponseType } from 'hono/client';
import { accounts, ApiError, ok, sendFile, type Api } from '../api.js';
import { CopyField } from './CopyField.js';
import { Link } from '../router.js';
import { words } from '../format.js';

type ImportJson = InferResponseType<Api['import']['$post'], 200>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// ------------------------------------------------------------------ calendar

export function SettingsCalendar({ path, shared = false }: { path: string; shared?: boolean }) {
  const id = useId();
  const url = new URL(path, window.location.origin).href;
  return (
    <div className="card st-calendar">
      <CopyField label="Feed address (ICS)" value={url} describedBy={`${id}-hint`} />
      <div id={`${id}-hint`} className="st-explain">
        <p>In your calendar app, add a calendar <strong>from a URL</strong> (a subscription) and paste this address:</p>
        <ul>
          <li>Apple Calendar: File → New Calendar Subscription</li>
          <li>Outlook: Add calendar → Subscribe from web</li>
          <li>Thunderbird: New Calendar → On the network</li>
        </ul>
        {shared ? (
          <p className="muted">
            The address holds a private token: anyone with it can read your follow-up dates, so keep it to yourself. It is
            shown only now; if you lose it, make a new one (the old one then stops working).{' '}
            <a href={url.replace(/^https?:/, 'webcal:')}>Open it in your calendar app</a>.
          </p>
        ) : (
          <p className="muted">
            The feed is served by Afterword on this computer, so only calendar apps running here can reach it (an online
            calendar such as Google Calendar cannot). The address holds a private token: anyone with it can read your
            follow-up dates. <a href={url.replace(/^http:/, 'webcal:')}>Open it in your calendar app</a>.
          </p>
        )}
      </div>
    </div>
  );
}

/** A shared server keeps only a hash of the feed's token: the address is made on request, shown once, and can be stopped. */
export function SharedCalendar() {
  const [state, setState] = useState<
    | { readonly step: 'idle' | 'working' }
    | { readonly step: 'made'; readonly path: string }
    | { readonly step: 'stopped'; readonly revoked: number }
    | { readonly step: 'failed'; readonly message: string }
  >({ step: 'idle' });
  const make = async (): Promise<void> => {
    setState({ step: 'working' });
    try {
      setState({ step: 'made', path: (await ok(accounts.calendar.token.$post())).calendarUrl });
    } catch (error) {
      setState({ step: 'failed', message: `No feed made: ${message(error)}` });
    }
  };
  const stop = async (): Promise<void> => {
    setState({ step: 'working' });
    try {
      setState({ step: 'stopped', revoked: (await ok(accounts.calendar.token.$delete())).revoked });
    } catch (error) {
      setState({ step: 'failed', message: `Not stopped: ${message(error)}` });
    }
  };
  return (
    <div className="st-shared-calendar">
      {state.step === 'made' ? <SettingsCalendar path={state.path} shared /> : (
        <p className="card">
          Afterword shows a feed’s address once, when it is made. Making a new one stops the old one, so calendars
          subscribed to it stop updating.
        </p>
      )}
      <div className="st-actions">
        <button type="button" className="button primary" disabled={state.step === 'working'} onClick={() => void make()}>
          {state.step === 'made' ? 'Make a new feed address' : 'Make a feed address'}
        </button>
        <button type="button" className="button danger" disabled={state.step === 'working'} onClick={() => void stop()}>Stop this feed</button>
        <span role="status" className={state.step === 'failed' ? 'ss ss-failed' : 'ss'}>
          {state.step === 'working' ? 'Working…'
            : state.step === 'stopped' ? (state.revoked > 0 ? 'Stopped: the old address no longer works.' : 'There was no feed to stop.')
              : state.step === 'failed' ? state.message : ''}
        </span>
      </div>
    </div>
  );
}

// ------------------------------------------------------------------ export

export function SettingsExport() {
  return (
    <div className="card st-file">
      <h2>Export</h2>
      <p className="muted">Your follow-up history and plan as a spreadsheet, one sheet per kind of record.</p>
      <a className="button" href="/api/export.xlsx" download="afterword-history.xlsx">Download history (.xlsx)</a>
    </div>
  );
}

// ------------------------------------------------------------------ import

/** The 422 report, one problem a line: "import: nothing imported; 2 problems: row 2, …; row 3, …; and 5 more". */
export function problemsOf(text: string): string[] {
  const m = /^import: nothing imported; \d+ problems?: ([\s\S]*)$/.exec(text);
  if (!m?.[1]) return [text];
  return m[1].split(/; (?=row \d+|and \d+ more$)/).map((p) => p.trim()).filter(Boolean);
}

type Phase =
  | { readonly step: 'idle' }
  | { readonly step: 'previewing' | 'importing'; readonly preview?: ImportJson }
  | { readonly step: 'preview'; readonly preview: ImportJson }
  | { readonly step: 'done'; readonly imported: number }
  | { readonly step: 'failed'; readonly problems: readonly string[]; readonly preview?: ImportJson };

function formatOf(file: File): 'csv' | 'xlsx' {
  return /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
}

export function SettingsImport({ region }: { region: string }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [dateOrder, setDateOrder] = useState<'' | 'dmy' | 'mdy'>('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });

  const url = (dryRun: boolean, f: File): string => {
    const q = new URLSearchParams({ dryRun: String(dryRun), format: formatOf(f) });
    if (dateOrder) q.set('dateOrder', dateOrder);
    return `/api/import?${q.toString()}`;
  };
  const type = (f: File): string => f.type || (formatOf(f) === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
  const failed = (error: unknown, preview?: ImportJson): Phase => ({
    step: 'failed', problems: error instanceof ApiError && error.status === 422 ? problemsOf(error.serverText) : [message(error)], ...(preview ? { preview } : {}),
  });

  const previewFile = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file) {
      setPhase({ step: 'failed', problems: ['Choose the CSV or XLSX file your tracker exported first.'] });
      return;
    }
    setPhase({ step: 'previewing' });
    try {
      setPhase({ step: 'preview', preview: await sendFile(url(true, file), file, type(file)) as ImportJson });
    } catch (error) {
      setPhase(failed(error));
    }
  };
  const importFile = async (preview: ImportJson): Promise<void> => {
    if (!file) return;
    setPhase({ step: 'importing', preview });
    try {
      const done = await sendFile(url(false, file), file, type(file)) as ImportJson;
      setPhase({ step: 'done', imported: done.imported });
    } catch (error) {
      setPhase(failed(error, preview));
    }
  };

  const preview = 'preview' in phase ? phase.preview : undefined;
  return (
    <div className="card st-file st-import">
      <h2 id={`${id}-title`}>Import from a job tracker</h2>
      <p className="muted">
        A CSV or XLSX export from a spreadsheet or tracker, one application a row (company, position, status, date applied,
        contact, notes…). You see what will be created first; then it imports all rows or none.
      </p>
      <form className="form" onSubmit={(e) => void previewFile(e)} aria-labelledby={`${id}-title`}>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-file`}>Tracker file</label>
            <input id={`${id}-file`} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => { setFile(e.target.files?.[0]); setPhase({ step: 'idle' }); }} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-order`}>Dates like 03/04/2026 are</label>
            <select id={`${id}-order`} value={dateOrder} onChange={(e) => { setDateOrder(e.target.value as '' | 'dmy' | 'mdy'); setPhase({ step: 'idle' }); }}>
              <option value="">As usual in {region || 'my region'}</option>
              <option value="dmy">Day first (3 April)</option>
              <option value="mdy">Month first (March 4)</option>
            </select>
          </div>
        </div>
        <div className="st-actions">
          <button type="submit" className="button" disabled={phase.step === 'previewing' || phase.step === 'importing'}>Preview import</button>
          <span className="ss" role="status">{phase.step === 'previewing' ? 'Reading the file…' : phase.step === 'importing' ? 'Importing…' : ''}</span>
        </div>
      </form>

      {preview && <ImportPreview preview={preview} />}
      {preview && (phase.step === 'preview' || phase.step === 'importing') && (
        <div className="st-actions">
          <button type="button" className="button primary" disabled={phase.step === 'importing'} onClick={() => void importFile(preview)}>
            Import {preview.rows === 1 ? '1 application' : `${preview.rows} applications`}
          </button>
          <button type="button" className="button ghost" onClick={() => setPhase({ step: 'idle' })}>Cancel</button>
        </div>
      )}
      {phase.step === 'failed' && (
        <div className="notice error st-problems" role="alert">
          <p><strong>Nothing was imported.</strong> Fix these rows in the file and preview again:</p>
          <ul>{phase.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      )}
      {phase.step === 'done' && (
        <p className="notice good" role="status">
          Imported {phase.imported} {phase.imported === 1 ? 'application' : 'applications'}. <Link href="/pipeline">See them in the pipeline</Link>.
        </p>
      )}
    </div>
  );
}

function ImportPreview({ preview }: { preview: ImportJson }) {
  const columns = preview.info?.columns ?? [];
  return (
    <div className="st-preview">
      <h3>Preview: {preview.rows === 1 ? '1 application' : `${preview.rows} applications`} to create{preview.rows > preview.preview.length ? `; the first ${preview.preview.length}` : ''}</h3>
      {preview.preview.length === 0 ? (
        <p className="notice warn">No application could be read from the file. Check that it has a header row with a company column.</p>
      ) : (
        <div className="st-table">
          <table>
            <caption className="sr-only">Applications the import will create</caption>
            <thead><tr><th scope="col">Row</th><th scope="col">Company</th><th scope="col">Role</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {preview.preview.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.company}</td><td>{r.role}</td><td>{words(r.status)}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
      {columns.length > 0 && (
        <details className="st-columns">
          <summary>How the columns are read</summary>
          <ul>
            {columns.map((c, i) => (
              <li key={i}><strong>{c.header || '(no header)'}</strong> → {c.field ? words(c.field) : <span className="muted">not used{c.note ? ` (${c.note})` : ''}</span>}</li>
            ))}
          </ul>
          {preview.info?.dateOrder && <p className="muted">Dates read {preview.info.dateOrder === 'dmy' ? 'day first' : 'month first'}.</p>}
        </details>
      )}
    </div>
  );
}

// ------------------------------------------------------------------ backup and restore

export function SettingsBackup({ onRestored }: { onRestored: () => void }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [state, setState] = useState<{ step: 'idle' | 'restoring' } | { step: 'done'; applications: number } | { step: 'failed'; message: string }>({ step: 'idle' });
  const dialog = useRef<HTMLDialogElement>(null);

  const ask = (e: FormEvent): void => {
    e.preventDefault();
    if (!file) {
      setState({ step: 'failed', message: 'Choose a backup file (afterword-backup.json) first.' });
      return;
    }
    dialog.current?.showModal();
  };
  const restore = async (): Promise<void> => {
    dialog.current?.close();
    if (!file) return;
    setState({ step: 'restoring' });
    try {
      const res = await sendFile('/api/restore?replace=true', file, 'application/json');
      setState({ step: 'done', applications: typeof res['applications'] === 'number' ? res['applications'] : 0 });
      onRestored();
    } catch (error) {
      setState({ step: 'failed', message: message(error) });
    }
  };

  return (
    <div className="card st-file">
      <h2 id={`${id}-title`}>Backup and restore</h2>
      <p className="muted">A backup is everything you recorded, as one JSON file. Keep one before big changes.</p>
      <a className="button" href="/api/backup" download="afterword-backup.json">Download a backup</a>
      <form className="form st-restore" onSubmit={ask} aria-labelledby={`${id}-restore`}>
        <h3 id={`${id}-restore`}>Restore a backup</h3>
        <div className="field">
          <label htmlFor={`${id}-file`}>Backup file</label>
          <input id={`${id}-file`} type="file" accept=".json,application/json" aria-describedby={`${id}-warn`}
            onChange={(e) => { setFile(e.target.files?.[0]); setState({ step: 'idle' }); }} />
          <small id={`${id}-warn`} className="muted">Restoring replaces everything you have now: settings, applications and history.</small>
        </div>
        <div className="st-actions">
          <button type="submit" className="button danger" disabled={state.step === 'restoring'}>Restore…</button>
          <span className="ss" role="status">{state.step === 'restoring' ? 'Restoring…' : ''}</span>
        </div>
      </form>
      {state.step === 'failed' && <p className="notice error" role="alert">{state.message}</p>}
      {state.step === 'done' && <p className="notice good" role="status">Restored: {state.applications} {state.applications === 1 ? 'application' : 'applications'}.</p>}
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-confirm`}>
        <h2 id={`${id}-confirm`}>Replace everything?</h2>
        <p>
          Restoring <strong>{file?.name}</strong> replaces all your settings, applications and follow-up history with the
          backup’s. What you have now is lost unless you downloaded a backup of it.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" autoFocus onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" className="button primary" onClick={() => void restore()}>Replace with the backup</button>
        </div>
      </dialog>
    </div>
  );
}
