/**
 * First run: who you are (name; email and phone, optional, for your notes and the voicemail script),
 * your time zone and region (whose holidays are not business days).
 */
import { useId, useState, type FormEvent } from 'react';
import { client, ok, ApiError } from '../api.js';
import { isEmailAddress, isPhoneNumber } from '../../../src/core/contact.js';
import { Field, Page } from '../components/ui.js';
import './Setup.css';

export const REGIONS: readonly [string, string][] = [
  ['US', 'United States'], ['GB-ENG', 'England'], ['GB-SCT', 'Scotland'], ['CA', 'Canada'], ['AU', 'Australia'],
  ['IE', 'Ireland'], ['DE', 'Germany'], ['DE-BY', 'Germany: Bavaria'], ['FR', 'France'], ['NL', 'Netherlands'], ['NZ', 'New Zealand'], ['IN', 'India'],
];

type Key = 'name' | 'email' | 'phone' | 'timeZone' | 'region';
type Errors = Partial<Record<Key, string>>;

/** The same checks the server makes (core/contact.ts), said before sending: an empty optional field is fine. */
export const EMAIL_PROBLEM = 'Not an email address. Write it as name@example.com, or leave it empty.';
export const PHONE_PROBLEM = 'Not a phone number. Write its digits, with + and the country code if you are abroad, or leave it empty.';

function check(form: Record<Key, string>): Errors {
  const errors: Errors = {};
  if (form.name.trim() === '') errors.name = 'Fill in your name: your notes are signed with it.';
  if (form.email.trim() !== '' && !isEmailAddress(form.email)) errors.email = EMAIL_PROBLEM;
  if (form.phone.trim() !== '' && !isPhoneNumber(form.phone)) errors.phone = PHONE_PROBLEM;
  if (form.timeZone.trim() === '') errors.timeZone = 'Fill in your time zone, such as America/New_York.';
  return errors;
}

/** `name`: a shared server's account name, as a starting point. */
export function Setup({ onDone, name: initialName = '' }: { onDone: () => void; name?: string }) {
  const id = useId();
  const [form, setForm] = useState<Record<Key, string>>({
    name: initialName, email: '', phone: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, region: 'US',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (key: Key) => (e: { target: { value: string } }): void => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFormError(undefined);
    const mine = check(form);
    setErrors(mine);
    const first = (Object.keys(mine) as Key[])[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const candidate: Record<string, string> = { name: form.name.trim() };
      if (form.email.trim() !== '') candidate['email'] = form.email.trim();
      if (form.phone.trim() !== '') candidate['phone'] = form.phone.trim();
      await ok(client.api.profile.$post({ json: { candidate, settings: { timeZone: form.timeZone.trim(), region: form.region } } }));
      onDone();
    } catch (err) {
      // The server names the field (`settings.timeZone`, `candidate.email`): its words go under it.
      const key = err instanceof ApiError ? (err.field?.split('.').pop() as Key | undefined) : undefined;
      if (err instanceof ApiError && key && key in form) {
        setErrors({ [key]: err.atField });
        document.getElementById(`${id}-${key}`)?.focus();
      } else {
        setFormError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const described = (key: Key, hint: boolean): string | undefined =>
    [hint ? `${id}-${key}-hint` : '', errors[key] ? `${id}-${key}-error` : ''].filter(Boolean).join(' ') || undefined;
  const input = (key: Key, hint: boolean) => ({
    id: `${id}-${key}`, value: form[key], onChange: set(key),
    'aria-invalid': errors[key] ? true : undefined, 'aria-describedby': described(key, hint),
  });

  return (
    <Page title="Welcome to Afterword" subtitle="A few details, and it can plan your follow-ups.">
      <form className="card form narrow setup" onSubmit={(e) => void submit(e)} noValidate>
        <Field id={`${id}-name`} label="Your name" hint="As you sign your notes." error={errors.name}>
          <input {...input('name', true)} required autoComplete="name" />
        </Field>
        <fieldset className="setup-contact">
          <legend>Your contact details <span className="muted">(optional)</span></legend>
          <Field id={`${id}-email`} label="Your email" hint="Drafts you download for your mail program are from this address." error={errors.email}>
            <input {...input('email', true)} type="email" autoComplete="email" spellCheck={false} />
          </Field>
          <Field id={`${id}-phone`} label="Your phone" hint="Said in voicemails so they can call you back." error={errors.phone}>
            <input {...input('phone', true)} type="tel" autoComplete="tel" />
          </Field>
        </fieldset>
        <Field id={`${id}-timeZone`} label="Your time zone" hint="Where you are, such as America/New_York or Europe/London." error={errors.timeZone}>
          <input {...input('timeZone', true)} required spellCheck={false} autoComplete="off" />
        </Field>
        <Field id={`${id}-region`} label="Region for public holidays" hint="Public holidays there are not counted as business days." error={errors.region}>
          <select {...input('region', true)}>
            {REGIONS.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
          </select>
        </Field>
        {formError && <p className="notice error" role="alert">{formError}</p>}
        <div>
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Starting…' : 'Start'}</button>
        </div>
      </form>
    </Page>
  );
}
