/** First run: who you are, your time zone and region (whose holidays are not business days). */
import { useId, useState, type FormEvent } from 'react';
import { client, ok, ApiError } from '../api.js';
import { Field, Page } from '../components/ui.js';

export const REGIONS: readonly [string, string][] = [
  ['US', 'United States'], ['GB-ENG', 'England'], ['GB-SCT', 'Scotland'], ['CA', 'Canada'], ['AU', 'Australia'],
  ['IE', 'Ireland'], ['DE', 'Germany'], ['DE-BY', 'Germany: Bavaria'], ['FR', 'France'], ['NL', 'Netherlands'], ['NZ', 'New Zealand'], ['IN', 'India'],
];

/** `name`: a shared server's account name, as a starting point. */
export function Setup({ onDone, name: initialName = '' }: { onDone: () => void; name?: string }) {
  const id = useId();
  const [name, setName] = useState(initialName);
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [region, setRegion] = useState('US');
  const [error, setError] = useState<ApiError | Error>();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      await ok(client.api.profile.$post({ json: { candidate: { name }, settings: { timeZone: zone, region } } }));
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const fieldError = (f: string): string | undefined => (error instanceof ApiError && error.field?.includes(f) ? error.message : undefined);
  return (
    <Page title="Welcome to Afterword" subtitle="Three things, and it can plan your follow-ups.">
      <form className="card form narrow" onSubmit={(e) => void submit(e)}>
        <Field id={`${id}-name`} label="Your name" hint="As you sign your notes." error={fieldError('name')}>
          <input id={`${id}-name`} required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id={`${id}-zone`} label="Your time zone" hint="An IANA zone such as America/New_York." error={fieldError('timeZone')}>
          <input id={`${id}-zone`} required value={zone} onChange={(e) => setZone(e.target.value)} />
        </Field>
        <Field id={`${id}-region`} label="Region for public holidays" error={fieldError('region')}>
          <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)}>
            {REGIONS.map(([code, label]) => <option key={code} value={code}>{label} ({code})</option>)}
          </select>
        </Field>
        {error && !(error instanceof ApiError && error.field) && <p className="notice error" role="alert">{error.message}</p>}
        <button type="submit" className="button primary">Start</button>
      </form>
    </Page>
  );
}
