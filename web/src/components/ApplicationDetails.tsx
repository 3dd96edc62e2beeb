/**
 * An application's details (the posting's link, location, salary, source, tags, notes, job
 * description): the fields of the new-application form, and the application page's card that
 * shows them and edits them in place (PATCH /api/applications/:id).
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, client, fieldText, ok } from '../api.js';
import type { ApplicationRecord } from './AppRecord.js';
import { ErrorNote, Field } from './ui.js';
import './ApplicationDetails.css';

export interface DetailsDraft {
  postingUrl: string; location: string; workplace: string; salary: string; salaryMin: string; salaryMax: string;
  salaryCurrency: string; salaryPeriod: string; source: string; tags: string; notes: string; description: string;
}

export const EMPTY_DETAILS: DetailsDraft = {
  postingUrl: '', location: '', workplace: '', salary: '', salaryMin: '', salaryMax: '', salaryCurrency: '', salaryPeriod: '',
  source: '', tags: '', notes: '', description: '',
};

const WORKPLACE_LABELS: Readonly<Record<string, string>> = { remote: 'Remote', hybrid: 'Hybrid', on_site: 'On-site' };
const PERIOD_LABELS: Readonly<Record<string, string>> = { year: 'a year', month: 'a month', week: 'a week', day: 'a day', hour: 'an hour' };

/** The draft of an application's details as recorded. */
export function draftOf(app: ApplicationRecord): DetailsDraft {
  const s = app.salary;
  return {
    postingUrl: app.postingUrl ?? '', location: app.location ?? '', workplace: app.workplace ?? '', salary: s?.text ?? '',
    salaryMin: s?.min !== undefined ? String(s.min) : '', salaryMax: s?.max !== undefined ? String(s.max) : '',
    salaryCurrency: s?.currency ?? '', salaryPeriod: s?.period ?? '', source: app.source ?? '', tags: (app.tags ?? []).join(', '),
    notes: app.notes ?? '', description: app.description ?? '',
  };
}

/** The body's details: each one filled in, or (`clear`, for an edit) null for one left empty. */
export function detailsBody(d: DetailsDraft, clear: boolean) {
  const v = (s: string): string | null | undefined => (s.trim() !== '' ? s : clear ? null : undefined);
  const figures = { min: v(d.salaryMin), max: v(d.salaryMax), currency: v(d.salaryCurrency), period: v(d.salaryPeriod) };
  const anyFigure = Object.values(figures).some((x) => typeof x === 'string');
  const salary = d.salary.trim() !== '' || anyFigure ? { text: v(d.salary), ...figures } : clear ? null : undefined;
  const tags = d.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const out = {
    postingUrl: v(d.postingUrl), location: v(d.location), workplace: v(d.workplace), salary, source: v(d.source),
    tags: tags.length > 0 ? tags : clear ? null : undefined, notes: v(d.notes), description: v(d.description),
  };
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as Partial<typeof out>;
}

/** The detail a server error names (`application.salary.min` → `salary.min`), if any. */
export function detailNamed(error: unknown): string | undefined {
  return error instanceof ApiError ? error.field?.replace(/^application\./, '').replace(/\[\d+\]$/, '') : undefined;
}

const FIELD_OF: Readonly<Record<string, keyof DetailsDraft>> = {
  postingUrl: 'postingUrl', location: 'location', workplace: 'workplace', salary: 'salary', 'salary.text': 'salary', 'salary.min': 'salaryMin',
  'salary.max': 'salaryMax', 'salary.currency': 'salaryCurrency', 'salary.period': 'salaryPeriod', source: 'source', tags: 'tags', notes: 'notes',
  description: 'description',
};

/** Whether the error is about one of the details (shown under its field rather than above the form). */
export function isDetailError(error: unknown): boolean {
  const named = detailNamed(error);
  return named !== undefined && named in FIELD_OF;
}

/** The details' inputs; `error` (a server's 422) is shown under the field it names. */
export function DetailsFields({ draft, onChange, error }: { draft: DetailsDraft; onChange: (d: DetailsDraft) => void; error: unknown }) {
  const id = useId();
  const named = detailNamed(error);
  const errorOf = (f: keyof DetailsDraft): string | undefined => (named !== undefined && FIELD_OF[named] === f ? fieldText(error) : undefined);
  const set = (f: keyof DetailsDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [f]: e.target.value });
  const input = (f: keyof DetailsDraft, label: string, extra: { hint?: string; type?: string; placeholder?: string; inputMode?: 'decimal' | 'url' } = {}) => (
    <Field id={`${id}-${f}`} label={label} error={errorOf(f)} {...(extra.hint ? { hint: extra.hint } : {})}>
      <input id={`${id}-${f}`} type={extra.type ?? 'text'} value={draft[f]} onChange={set(f)} placeholder={extra.placeholder}
        inputMode={extra.inputMode} aria-invalid={errorOf(f) ? true : undefined}
        aria-describedby={[extra.hint ? `${id}-${f}-hint` : '', errorOf(f) ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined} />
    </Field>
  );
  const area = (f: 'notes' | 'description', label: string, hint: string) => (
    <Field id={`${id}-${f}`} label={label} hint={hint} error={errorOf(f)}>
      <textarea id={`${id}-${f}`} rows={f === 'description' ? 8 : 4} value={draft[f]} onChange={set(f)} aria-invalid={errorOf(f) ? true : undefined}
        aria-describedby={[`${id}-${f}-hint`, errorOf(f) ? `${id}-${f}-error` : ''].filter(Boolean).join(' ')} />
    </Field>
  );
  return (
    <div className="form details-fields">
      {/* Text, not type="url": a wrong address is named by Afterword's own words under the field, not the browser's. */}
      {input('postingUrl', 'Job posting link', { inputMode: 'url', placeholder: 'https://', hint: 'The address of the posting, starting with https://.' })}
      {input('location', 'Location', { placeholder: 'London' })}
      <Field id={`${id}-workplace`} label="Remote, hybrid or on-site" error={errorOf('workplace')}>
        <select id={`${id}-workplace`} value={draft.workplace} onChange={set('workplace')}>
          <option value="">Not said</option>
          {Object.entries(WORKPLACE_LABELS).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
      </Field>
      {input('salary', 'Salary', { placeholder: '£45,000–£55,000 + bonus', hint: 'As the posting says it. The figures below are optional.' })}
      <div className="details-row">
        {input('salaryMin', 'Lowest', { inputMode: 'decimal', placeholder: '45000' })}
        {input('salaryMax', 'Highest', { inputMode: 'decimal', placeholder: '55000' })}
        {input('salaryCurrency', 'Currency', { placeholder: 'GBP' })}
        <Field id={`${id}-salaryPeriod`} label="Per" error={errorOf('salaryPeriod')}>
          <select id={`${id}-salaryPeriod`} value={draft.salaryPeriod} onChange={set('salaryPeriod')}>
            <option value="">Not said</option>
            {Object.entries(PERIOD_LABELS).map(([v, label]) => <option key={v} value={v}>{label.replace(/^an? /, '')}</option>)}
          </select>
        </Field>
      </div>
      {input('source', 'Where you found it', { placeholder: 'LinkedIn, a friend at the company…' })}
      {input('tags', 'Tags', { placeholder: 'dream job, fintech', hint: 'Separate them with commas.' })}
      {area('notes', 'Notes', 'Your own notes on this application.')}
      {area('description', 'Job description', 'Paste the posting\u2019s text, to have it at hand before an interview.')}
    </div>
  );
}

function salaryLine(s: NonNullable<ApplicationRecord['salary']>): string {
  const figures = [s.min, s.max].filter((x): x is number => x !== undefined).map((x) => x.toLocaleString('en-US')).join('\u2013');
  const more = [figures, s.currency, s.period ? PERIOD_LABELS[s.period] : undefined].filter(Boolean).join(' ');
  return more !== '' && more !== s.text ? `${s.text} (${more})` : s.text;
}

/** The application page's details card: what was recorded, and an edit form in place. */
export function ApplicationDetails({ app: recorded, onSaved, readOnly }: { app: ApplicationRecord; onSaved: () => void; readOnly: boolean }) {
  // What the save answered, shown at once: the page's own reload comes a moment later, and until
  // then the card would show the values from before the save.
  const [saved, setSaved] = useState<{ readonly over: ApplicationRecord; readonly app: ApplicationRecord }>();
  const app = saved !== undefined && saved.over === recorded ? saved.app : recorded;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<DetailsDraft>(EMPTY_DETAILS);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const where = [app.location, app.workplace ? WORKPLACE_LABELS[app.workplace] : undefined].filter(Boolean).join(' · ');
  const rows: [string, ReactNode][] = [
    ...(app.postingUrl ? [['Job posting', <a key="u" href={app.postingUrl} target="_blank" rel="noopener noreferrer">{app.postingUrl}</a>] as [string, ReactNode]] : []),
    ...(where ? [['Location', where] as [string, ReactNode]] : []),
    ...(app.salary ? [['Salary', salaryLine(app.salary)] as [string, ReactNode]] : []),
    ...(app.source ? [['Found via', app.source] as [string, ReactNode]] : []),
    ...(app.tags && app.tags.length > 0 ? [['Tags', <span key="t" className="tag-list">{app.tags.map((t) => <span key={t} className="tag">{t}</span>)}</span>] as [string, ReactNode]] : []),
  ];
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await ok(client.api.applications[':id'].$patch({ param: { id: app.id }, json: detailsBody(draft, true) }));
      setSaved({ over: recorded, app: answer.application });
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="details-h" className="section">
      <div className="section-head">
        <h2 id="details-h">Details</h2>
        {!readOnly && !editing && <button type="button" className="button small" onClick={() => { setDraft(draftOf(app)); setError(undefined); setEditing(true); }}>Edit details</button>}
      </div>
      {editing ? (
        <form className="card form" onSubmit={(e) => void save(e)} aria-label="Edit details">
          <DetailsFields draft={draft} onChange={setDraft} error={error} />
          {error instanceof Error && !isDetailError(error) && <ErrorNote error={error} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>Save details</button>
            <button type="button" className="button ghost" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : rows.length === 0 && !app.notes && !app.description ? (
        <p className="muted">No posting link, salary or notes yet.</p>
      ) : (
        <div className="card details-card">
          {rows.length > 0 && <dl className="details-list">{rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>}
          {app.notes && <><h3 className="details-sub">Notes</h3><p className="details-text">{app.notes}</p></>}
          {app.description && (
            <details className="details-description">
              <summary>Job description</summary>
              <p className="details-text">{app.description}</p>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
