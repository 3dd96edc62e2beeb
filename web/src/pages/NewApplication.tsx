/** New application: company, post, when you applied, and (optionally) the company's own zone and holidays. */
import { useId, useState, type FormEvent } from 'react';
import { ApiError, client, fieldText, ok } from '../api.js';
import { DetailsFields, detailsBody, EMPTY_DETAILS, isDetailError, type DetailsDraft } from '../components/ApplicationDetails.js';
import { Field, Page } from '../components/ui.js';
import { navigate } from '../router.js';
import { REGIONS } from './Setup.js';
import './NewInterview.css';

export function NewApplication() {
  const id = useId();
  const [company, setCompany] = useState('');
  const [role, setRole] = useState('');
  const [appliedOn, setAppliedOn] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [region, setRegion] = useState('');
  const [details, setDetails] = useState<DetailsDraft>(EMPTY_DETAILS);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await ok(client.api.applications.$post({
        json: {
          company: company.trim(), role: role.trim(),
          ...(appliedOn ? { appliedOn } : {}), ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}), ...(region ? { region } : {}),
          ...detailsBody(details, false),
        },
      }));
      navigate(`/applications/${encodeURIComponent(saved.applicationId)}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  };
  // `application.timeZone` (records) or `timeZone` (shape) both belong to the zone field.
  const named = error instanceof ApiError ? error.field?.replace(/^application\./, '') : undefined;
  const fieldError = (f: string): string | undefined => (named === f && error ? fieldText(error) : undefined);
  const describedBy = (f: string, hint: boolean): string | undefined =>
    [hint ? `${id}-${f}-hint` : '', fieldError(f) ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined;
  const known = new Set(['company', 'role', 'appliedOn', 'timeZone', 'region']);

  return (
    <Page title="New application" subtitle="What you applied for. People and interviews come next.">
      <form className="card form narrow" onSubmit={(e) => void submit(e)}>
        <Field id={`${id}-company`} label="Company" error={fieldError('company')}>
          <input id={`${id}-company`} required autoComplete="organization" value={company} onChange={(e) => setCompany(e.target.value)} aria-describedby={describedBy('company', false)} aria-invalid={fieldError('company') ? true : undefined} />
        </Field>
        <Field id={`${id}-role`} label="Role (the post)" error={fieldError('role')}>
          <input id={`${id}-role`} required autoComplete="organization-title" value={role} onChange={(e) => setRole(e.target.value)} aria-describedby={describedBy('role', false)} aria-invalid={fieldError('role') ? true : undefined} />
        </Field>
        <Field id={`${id}-appliedOn`} label="Applied on" hint="Optional. Used for “the process dragged on” (R7) and “keep searching” (P1)." error={fieldError('appliedOn')}>
          <input id={`${id}-appliedOn`} type="date" value={appliedOn} onChange={(e) => setAppliedOn(e.target.value)} aria-describedby={describedBy('appliedOn', true)} />
        </Field>
        <details className="more-options" open={Boolean(fieldError('timeZone') || fieldError('region'))}>
          <summary>The company is in another time zone or country</summary>
          <div className="form">
            <Field id={`${id}-timeZone`} label="Company's time zone" hint="An IANA zone such as Europe/London. Empty: yours. Dates for people without their own zone are counted there." error={fieldError('timeZone')}>
              <input id={`${id}-timeZone`} value={timeZone} placeholder="Europe/London" onChange={(e) => setTimeZone(e.target.value)} aria-describedby={describedBy('timeZone', true)} aria-invalid={fieldError('timeZone') ? true : undefined} />
            </Field>
            <Field id={`${id}-region`} label="Company's region for public holidays" hint="Empty: yours." error={fieldError('region')}>
              <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)} aria-describedby={describedBy('region', true)}>
                <option value="">Same as mine</option>
                {REGIONS.map(([code, label]) => <option key={code} value={code}>{label} ({code})</option>)}
              </select>
            </Field>
          </div>
        </details>
        <details className="more-options" open={isDetailError(error)}>
          <summary>Job posting, salary, notes and tags</summary>
          <DetailsFields draft={details} onChange={setDetails} error={error} />
        </details>
        {error && !(named && known.has(named)) && !isDetailError(error) && <p className="notice error" role="alert">{error.message}</p>}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>Create application</button>
          <button type="button" className="button ghost" onClick={() => window.history.back()}>Cancel</button>
        </div>
      </form>
    </Page>
  );
}
