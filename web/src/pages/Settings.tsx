/**
 * Settings, one section per address with its own navigation: who you are (name, contact,
 * signature, preferred channel), where and when you work (time zone, holiday region, working
 * hours), every protocol number, the calendar feed, the mailbox link, and the files: export, import from a tracker
 * (dry run first), backup and restore. Each section saves on its own.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { client, ok, ApiError, type ProfileJson } from '../api.js';
import { isEmailAddress, isPhoneNumber } from '../../../src/core/contact.js';
import { CHANNELS } from '../../../src/core/model.js';
import { SettingsProtocol } from '../components/SettingsProtocol.js';
import { EMAIL_PROBLEM, PHONE_PROBLEM } from './Setup.js';
import { SECTIONS, type SectionId } from '../settings-sections.js';
import { SaveState, type SaveStatus } from '../components/SettingsSave.js';
import { SettingsMailbox } from '../components/SettingsMailbox.js';
import { SettingsBackup, SettingsCalendar, SettingsExport, SettingsImport, SharedCalendar } from '../components/SettingsFiles.js';
import { ErrorNote, Field, Loading } from '../components/ui.js';
import { useData } from '../data.js';
import { profileChanged } from '../prefetch.js';
import { words } from '../format.js';
import { Link, navigate } from '../router.js';
import './Settings.css';

type Profile = NonNullable<ProfileJson>;
type Errors = Readonly<Record<string, string>>;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The server's error, at the field it names (`settings.timeZone` → `timeZone`), or for the form. */
function fieldErrors(error: unknown, prefix: string): Errors {
  if (error instanceof ApiError && error.field?.startsWith(prefix)) return { [error.field.slice(prefix.length)]: error.atField };
  return {};
}

function useSave(prefix: string, onSaved: () => void) {
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const [errors, setErrors] = useState<Errors>({});
  const save = async (body: { settings?: Record<string, unknown>; candidate?: Record<string, unknown> }, done: string): Promise<void> => {
    setStatus({ state: 'saving' });
    setErrors({});
    try {
      await ok(client.api.profile.$post({ json: body }));
      setStatus({ state: 'saved', message: done });
      onSaved();
    } catch (error) {
      const atFields = fieldErrors(error, prefix);
      setErrors(atFields);
      setStatus({ state: 'failed', message: Object.keys(atFields).length > 0 ? 'Not saved: see the marked field.' : `Not saved. ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const touched = (): void => setStatus((s) => (s.state === 'saving' ? s : { state: 'dirty' }));
  /** Problems found before sending: said at their fields, nothing sent. */
  const refuse = (found: Errors): void => {
    setErrors(found);
    setStatus({ state: 'failed', message: 'Not saved: see the marked field.' });
  };
  return { status, errors, save, touched, refuse };
}

function AboutYou({ candidate, onSaved }: { candidate: Record<string, unknown>; onSaved: () => void }) {
  const id = useId();
  const [form, setForm] = useState({
    name: str(candidate['name']), email: str(candidate['email']), phone: str(candidate['phone']),
    signature: str(candidate['signature']), preferredChannel: str(candidate['preferredChannel']),
  });
  const { status, errors, save, touched, refuse } = useSave('candidate.', onSaved);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }): void => {
    setForm({ ...form, [key]: e.target.value });
    touched();
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (form.email.trim() !== '' && !isEmailAddress(form.email)) found['email'] = EMAIL_PROBLEM;
    if (form.phone.trim() !== '' && !isPhoneNumber(form.phone)) found['phone'] = PHONE_PROBLEM;
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    // An emptied field clears what was recorded (null), rather than keeping the old value.
    const candidate = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim() === '' ? null : v.trim()]));
    void save({ candidate }, 'Saved. New drafts use these details.');
  };
  const described = (key: string, hint = false): string | undefined =>
    [hint ? `${id}-${key}-hint` : '', errors[key] ? `${id}-${key}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <div className="grid-2">
        <Field label="Name" id={`${id}-name`} error={errors['name']}>
          <input id={`${id}-name`} autoComplete="name" value={form.name} onChange={set('name')} aria-invalid={!!errors['name'] || undefined} aria-describedby={described('name')} />
        </Field>
        <Field label="Email" id={`${id}-email`} hint="Optional. Drafts you download for your mail program are from this address." error={errors['email']}>
          <input id={`${id}-email`} type="email" autoComplete="email" spellCheck={false} value={form.email} onChange={set('email')} aria-invalid={!!errors['email'] || undefined} aria-describedby={described('email', true)} />
        </Field>
        <Field label="Phone" id={`${id}-phone`} hint="Optional. Said in voicemails so they can call you back." error={errors['phone']}>
          <input id={`${id}-phone`} type="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} aria-invalid={!!errors['phone'] || undefined} aria-describedby={described('phone', true)} />
        </Field>
        <Field label="Preferred channel" id={`${id}-preferredChannel`} hint="How you like to follow up when the employer has not said." error={errors['preferredChannel']}>
          <select id={`${id}-preferredChannel`} value={form.preferredChannel} onChange={set('preferredChannel')} aria-describedby={described('preferredChannel', true)}>
            <option value="">No preference</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{words(c)}</option>)}
          </select>
        </Field>
      </div>
      <Field label="Signature" id={`${id}-signature`} hint="Ends every draft. Leave it empty to sign with your name." error={errors['signature']}>
        <textarea id={`${id}-signature`} rows={4} value={form.signature} onChange={set('signature')} aria-invalid={!!errors['signature'] || undefined} aria-describedby={described('signature', true)} />
      </Field>
      <div className="st-actions">
        <button type="submit" className="button primary" disabled={status.state === 'saving'}>Save your details</button>
        <SaveState status={status} />
      </div>
    </form>
  );
}

function zoneList(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function TimeAndPlace({ settings, onSaved }: { settings: Record<string, unknown>; onSaved: () => void }) {
  const id = useId();
  const workday = (settings['workday'] ?? {}) as { start?: string; end?: string; days?: number[] };
  const [form, setForm] = useState({
    timeZone: str(settings['timeZone']), region: str(settings['region']),
    start: workday.start ?? '09:00', end: workday.end ?? '17:00', days: workday.days ?? [1, 2, 3, 4, 5],
  });
  const [zones] = useState(zoneList);
  const { status, errors, save, touched } = useSave('settings.', onSaved);
  const update = (patch: Partial<typeof form>): void => {
    setForm({ ...form, ...patch });
    touched();
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void save({
      settings: { timeZone: form.timeZone.trim(), region: form.region.trim(), workday: { start: form.start, end: form.end, days: [...form.days].sort() } },
    }, 'Saved. Dates are now worked out in this zone, with these holidays and hours.');
  };
  const dayError = Object.entries(errors).find(([k]) => k.startsWith('workday.days'))?.[1];
  const described = (key: string, error: string | undefined): string =>
    [`${id}-${key}-hint`, error ? `${id}-${key}-error` : ''].filter(Boolean).join(' ');
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <div className="grid-2">
        <Field label="Time zone" id={`${id}-tz`} hint="Where you are, such as America/New_York or Europe/Berlin: start typing to pick from the list." error={errors['timeZone']}>
          <input id={`${id}-tz`} list={`${id}-zones`} spellCheck={false} autoComplete="off" value={form.timeZone}
            onChange={(e) => update({ timeZone: e.target.value })} aria-invalid={!!errors['timeZone'] || undefined} aria-describedby={described('tz', errors['timeZone'])} />
          <datalist id={`${id}-zones`}>{zones.map((z) => <option key={z} value={z} />)}</datalist>
        </Field>
        <Field label="Holiday region" id={`${id}-region`} hint="Its public holidays are not business days: a country or region code such as US, GB-ENG or DE-BY." error={errors['region']}>
          <input id={`${id}-region`} spellCheck={false} autoComplete="off" value={form.region}
            onChange={(e) => update({ region: e.target.value })} aria-invalid={!!errors['region'] || undefined} aria-describedby={described('region', errors['region'])} />
        </Field>
      </div>
      <fieldset className="st-workday">
        <legend>Working hours</legend>
        <div className="st-hours">
          <Field label="From" id={`${id}-start`} error={errors['workday.start']}>
            <input id={`${id}-start`} type="time" value={form.start} onChange={(e) => update({ start: e.target.value })} aria-invalid={!!errors['workday.start'] || undefined} />
          </Field>
          <Field label="To" id={`${id}-end`} error={errors['workday.end']}>
            <input id={`${id}-end`} type="time" value={form.end} onChange={(e) => update({ end: e.target.value })} aria-invalid={!!errors['workday.end'] || undefined} />
          </Field>
        </div>
        <div className="st-days" role="group" aria-label="Working days">
          {WEEKDAYS.map((name, i) => (
            <label key={name} className="st-day">
              <input type="checkbox" checked={form.days.includes(i + 1)}
                onChange={(e) => update({ days: e.target.checked ? [...form.days, i + 1] : form.days.filter((d) => d !== i + 1) })} />
              {name}
            </label>
          ))}
        </div>
        {dayError && <small className="error-text" role="alert">{dayError}</small>}
        <small className="muted">Calls and the last working hour (C1) fall inside these hours.</small>
      </fieldset>
      <div className="st-actions">
        <button type="submit" className="button primary" disabled={status.state === 'saving'}>Save time and place</button>
        <SaveState status={status} />
      </div>
    </form>
  );
}

function SettingsNav({ current }: { current: SectionId }) {
  return (
    <nav aria-label="Settings" className="st-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <Link href={s.id === 'you' ? '/settings' : `/settings/${s.id}`} aria-current={s.id === current ? 'page' : undefined}>{s.title}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SettingsPage({ section: current = 'you' }: { section?: SectionId }) {
  const profile = useData(() => ok(client.api.profile.$get()), []);
  const session = useData(() => ok(client.api.session.$get()), []);
  // Forms keep what the user typed; a restore (everything replaced) remounts them with the new values.
  const [generation, setGeneration] = useState(0);
  // Old links to the one long page (`/settings#files`) open their section.
  useEffect(() => {
    const old = window.location.hash.slice(1);
    if (current === 'you' && old !== 'you' && SECTIONS.some((s) => s.id === old)) navigate(`/settings/${old}`, { replace: true });
  }, [current]);
  const section = SECTIONS.find((s) => s.id === current) ?? SECTIONS[0];
  const p: Profile | null | undefined = profile.data;
  // The frame holds the profile too (the zone every page shows dates in): tell it.
  const saved = (): void => {
    profile.reload();
    profileChanged();
  };
  const reloadAll = (): void => {
    profile.reload();
    profileChanged();
    setGeneration((g) => g + 1);
  };
  const body = (): ReactNode => {
    if (current === 'calendar') {
      return session.data ? (session.data.calendarUrl !== null ? <SettingsCalendar path={session.data.calendarUrl} /> : <SharedCalendar />)
        : session.error ? <ErrorNote error={session.error} /> : <Loading what="the feed address" />;
    }
    if (current === 'mail') return <SettingsMailbox />;
    if (!p) return profile.loading ? <Loading what="your settings" /> : p === null ? <p>No profile yet.</p> : <ErrorNote error={profile.error} />;
    switch (current) {
      case 'you': return <AboutYou key={generation} candidate={p.candidate} onSaved={saved} />;
      case 'place': return <TimeAndPlace key={generation} settings={p.settings} onSaved={saved} />;
      case 'protocol': return <SettingsProtocol key={generation} protocol={p.settings['protocol']} onSaved={saved} />;
      case 'files': return (
        <div className="st-files">
          <SettingsExport />
          <SettingsImport region={str(p.settings['region'])} />
          <SettingsBackup onRestored={reloadAll} />
        </div>
      );
    }
  };
  return (
    <section className="page st-page" aria-labelledby="page-title">
      <div className="st-layout">
        <SettingsNav current={current} />
        <div className="st-body">
          <header className="page-head">
            <div>
              <p className="st-eyebrow">Settings</p>
              <h1 id="page-title" tabIndex={-1}>{section.title}</h1>
              <p className="subtitle">{section.intro}</p>
            </div>
          </header>
          {body()}
        </div>
      </div>
    </section>
  );
}
