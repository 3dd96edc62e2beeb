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

/** The 422 report, one row a line: "import: nothing imported; 2 rows have problems:\n  row 2: …\n  row 3: …". */
export function problemsOf(text: string): string[] {
  const m = /^import: nothing imported; [^:\n]*:\n([\s\S]*)$/.exec(text);
  if (!m?.[1]) return [text];
  return m[1].split('\n').map((p) => p.trim()).filter(Boolean);
}

/** What a column can be read as, in the words of the mapping step (the server's import fields). */
const IMPORT_FIELD_LABELS: readonly (readonly [string, string])[] = [
  ['company', 'Company'], ['role', 'Role (the post)'], ['status', 'Status'], ['appliedOn', 'Date applied'], ['contact', 'Contact\u2019s name'],
  ['contactEmail', 'Contact\u2019s email'], ['url', 'Job posting link'], ['location', 'Location'], ['workplace', 'Remote, hybrid or on-site'],
  ['salary', 'Salary (as written)'], ['salaryMin', 'Lowest salary'], ['salaryMax', 'Highest salary'], ['salaryCurrency', 'Salary currency'],
  ['salaryPeriod', 'Salary per'], ['source', 'Where you found it'], ['sourceId', 'Id in the tracker it came from'], ['description', 'Job description'],
  ['notes', 'Notes'], ['tags', 'Tags'],
];

/** "3 new, 2 updated, 1 unchanged" */
function countsLine(p: { imported: number; updated: number; unchanged: number }): string {
  return `${p.imported} new, ${p.updated} updated, ${p.unchanged} unchanged`;
}

type Phase =
  | { readonly step: 'idle' }
  | { readonly step: 'previewing' | 'importing'; readonly preview?: ImportJson }
  | { readonly step: 'preview'; readonly preview: ImportJson }
  | { readonly step: 'done'; readonly imported: number; readonly updated: number; readonly unchanged: number }
  | { readonly step: 'failed'; readonly problems: readonly string[]; readonly preview?: ImportJson };

function formatOf(file: File): 'csv' | 'xlsx' {
  return /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
}

export function SettingsImport({ region }: { region: string }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [dateOrder, setDateOrder] = useState<'' | 'dmy' | 'mdy'>('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  // Columns mapped by hand in the preview: header → field ('' leaves the column out).
  const [mapping, setMapping] = useState<ReadonlyMap<string, string>>(new Map());

  const url = (dryRun: boolean, f: File, map: ReadonlyMap<string, string> = mapping): string => {
    const q = new URLSearchParams({ dryRun: String(dryRun), format: formatOf(f) });
    if (dateOrder) q.set('dateOrder', dateOrder);
    for (const [header, field] of map) q.append('map', `${header}=${field || 'skip'}`);
    return `/api/import?${q.toString()}`;
  };
  const type = (f: File): string => f.type || (formatOf(f) === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
  const failed = (error: unknown, preview?: ImportJson): Phase => ({
    step: 'failed', problems: error instanceof ApiError && error.status === 422 ? problemsOf(error.serverText) : [message(error)], ...(preview ? { preview } : {}),
  });

  const runPreview = async (map: ReadonlyMap<string, string>): Promise<void> => {
    if (!file) {
      setPhase({ step: 'failed', problems: ['Choose the CSV or XLSX file your tracker exported first.'] });
      return;
    }
    setPhase({ step: 'previewing' });
    try {
      setPhase({ step: 'preview', preview: await sendFile(url(true, file, map), file, type(file)) as ImportJson });
    } catch (error) {
      setPhase(failed(error));
    }
  };
  const previewFile = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await runPreview(mapping);
  };
  /** The mapping step: a column read as another field (or none); the preview is read again with it. */
  const remap = (header: string, field: string): void => {
    const next = new Map(mapping);
    next.set(header, field);
    setMapping(next);
    void runPreview(next);
  };
  const importFile = async (preview: ImportJson): Promise<void> => {
    if (!file) return;
    setPhase({ step: 'importing', preview });
    try {
      const done = await sendFile(url(false, file), file, type(file)) as ImportJson;
      setPhase({ step: 'done', imported: done.imported, updated: done.updated, unchanged: done.unchanged });
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
              onChange={(e) => { setFile(e.target.files?.[0]); setMapping(new Map()); setPhase({ step: 'idle' }); }} />
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

      {preview && <ImportPreview preview={preview} onRemap={remap} busy={phase.step === 'previewing' || phase.step === 'importing'} />}
      {preview && preview.problems.length === 0 && preview.rows > 0 && (phase.step === 'preview' || phase.step === 'importing') && (
        <div className="st-actions">
          <button type="button" className="button primary" disabled={phase.step === 'importing'} onClick={() => void importFile(preview)}>
            Import {preview.rows === 1 ? '1 row' : `${preview.rows} rows`} ({countsLine(preview)})
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
          Imported: {countsLine(phase)}. <Link href="/pipeline">See them in the pipeline</Link>.
        </p>
      )}
    </div>
  );
}

const ACTION_WORDS: Readonly<Record<string, string>> = { new: 'New', update: 'Updates the one recorded', unchanged: 'Already recorded as it is' };

function ImportPreview({ preview, onRemap, busy }: { preview: ImportJson; onRemap: (header: string, field: string) => void; busy: boolean }) {
  const id = useId();
  const columns = preview.info?.columns ?? [];
  return (
    <div className="st-preview">
      <h3>Preview: {countsLine(preview)}{preview.rows > preview.preview.length ? `; the first ${preview.preview.length} of ${preview.rows} rows` : ''}</h3>
      {preview.preview.length === 0 ? (
        <p className="notice warn">No application could be read from the file. Check the columns below: one must be the company and one the role.</p>
      ) : (
        <div className="st-table">
          <table>
            <caption className="sr-only">What the import will do with the first rows</caption>
            <thead><tr><th scope="col">Row</th><th scope="col">Company</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Import</th></tr></thead>
            <tbody>
              {preview.preview.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.company}</td><td>{r.role}</td><td>{words(r.status)}</td><td>{ACTION_WORDS[r.action] ?? ''}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
      {preview.problems.length > 0 && (
        <div className="notice error st-problems" role="alert">
          <p><strong>Nothing can be imported yet.</strong> Fix these rows in the file, or read a column as something else below, and preview again:</p>
          <ul>{preview.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      )}
      {columns.length > 0 && (
        <fieldset className="st-columns" disabled={busy}>
          <legend>How the columns are read</legend>
          <p className="muted">Change a column to read it as another field, or leave it out; the preview is read again.</p>
          <div className="st-mapping" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))', gap: '.5rem' }}>
            {columns.map((c, i) => (
              <div className="field" key={i}>
                <label htmlFor={`${id}-col-${i}`}>{c.header || '(no header)'}</label>
                <select id={`${id}-col-${i}`} value={c.field ?? ''} onChange={(e) => onRemap(c.header, e.target.value)} disabled={c.header === ''}>
                  <option value="">Not used{c.field === null && c.note ? ` (${c.note})` : ''}</option>
                  {IMPORT_FIELD_LABELS.map(([field, label]) => <option key={field} value={field}>{label}</option>)}
                </select>
              </div>
            ))}
          </div>
          {preview.info?.dateOrder && <p className="muted">Dates read {preview.info.dateOrder === 'dmy' ? 'day first' : 'month first'}.</p>}
        </fieldset>
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
