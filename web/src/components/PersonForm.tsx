/**
 * The fields of a person met (PROTOCOL §1): name, honorific, title, role, contact details, the
 * channel they prefer, and whether they invited first-name terms. Used inline in "Add interview"
 * and in the application page's "Add a person" dialog.
 */
import { CHANNELS, PERSON_ROLES } from '../../../src/core/model.js';
import { words } from '../format.js';
import { Field } from './ui.js';

export interface PersonDraft {
  name: string;
  honorific: string;
  title: string;
  role: string;
  email: string;
  phone: string;
  preferredChannel: string;
  informal: boolean;
  verified: boolean;
  /** Your own notes on them. */
  notes: string;
}

export const EMPTY_PERSON: PersonDraft = {
  name: '', honorific: '', title: '', role: 'interviewer', email: '', phone: '', preferredChannel: '', informal: false, verified: false, notes: '',
};

export const HONORIFICS = ['Dr.', 'Ms.', 'Mr.', 'Mx.', 'Mrs.', 'Professor', 'Director'] as const;

/** The person document for the API: empty fields left out. */
export function personJson(p: PersonDraft): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = { name: p.name.trim(), role: p.role, informal: p.informal, verified: p.verified };
  for (const key of ['honorific', 'title', 'email', 'phone', 'preferredChannel', 'notes'] as const) {
    const v = p[key].trim();
    if (v !== '') out[key] = v;
  }
  return out;
}

export function PersonFields({ id, value, onChange, errorOf }: {
  /** A unique prefix for the inputs' ids. */
  id: string;
  value: PersonDraft;
  onChange: (next: PersonDraft) => void;
  /** The server's message for one of this person's fields (`email`), if it named it. */
  errorOf?: (field: string) => string | undefined;
}) {
  const set = <K extends keyof PersonDraft>(key: K, v: PersonDraft[K]): void => onChange({ ...value, [key]: v });
  const err = (f: string): string | undefined => errorOf?.(f);
  const described = (f: string, hint = false): string | undefined =>
    [hint ? `${id}-${f}-hint` : '', err(f) ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="person-fields">
      <div className="grid-2">
        <Field id={`${id}-name`} label="Full name" hint="Spelled as on their card or signature." error={err('name')}>
          <input id={`${id}-name`} required autoComplete="off" value={value.name} onChange={(e) => set('name', e.target.value)} aria-describedby={described('name', true)} aria-invalid={err('name') ? true : undefined} />
        </Field>
        <Field id={`${id}-honorific`} label="Honorific" hint="Used in the greeting: “Dear Dr. Okafor”." error={err('honorific')}>
          <input id={`${id}-honorific`} list={`${id}-honorifics`} autoComplete="off" value={value.honorific} onChange={(e) => set('honorific', e.target.value)} aria-describedby={described('honorific', true)} />
          <datalist id={`${id}-honorifics`}>{HONORIFICS.map((h) => <option key={h} value={h} />)}</datalist>
        </Field>
        <Field id={`${id}-title`} label="Job title" error={err('title')}>
          <input id={`${id}-title`} autoComplete="off" value={value.title} onChange={(e) => set('title', e.target.value)} aria-describedby={described('title')} />
        </Field>
        <Field id={`${id}-role`} label="Role in the process" error={err('role')}>
          <select id={`${id}-role`} value={value.role} onChange={(e) => set('role', e.target.value)} aria-describedby={described('role')}>
            {PERSON_ROLES.map((r) => <option key={r} value={r}>{words(r)}</option>)}
          </select>
        </Field>
        <Field id={`${id}-email`} label="Email" error={err('email')}>
          <input id={`${id}-email`} type="email" autoComplete="off" value={value.email} onChange={(e) => set('email', e.target.value)} aria-describedby={described('email')} aria-invalid={err('email') ? true : undefined} />
        </Field>
        <Field id={`${id}-phone`} label="Phone" error={err('phone')}>
          <input id={`${id}-phone`} type="tel" autoComplete="off" value={value.phone} onChange={(e) => set('phone', e.target.value)} aria-describedby={described('phone')} />
        </Field>
        <Field id={`${id}-channel`} label="Preferred channel" error={err('preferredChannel')}>
          <select id={`${id}-channel`} value={value.preferredChannel} onChange={(e) => set('preferredChannel', e.target.value)} aria-describedby={described('preferredChannel')}>
            <option value="">Not said</option>
            {CHANNELS.filter((c) => c !== 'in_person').map((c) => <option key={c} value={c}>{words(c)}</option>)}
          </select>
        </Field>
      </div>
      <div className="checks person-checks">
        <label className="check">
          <input type="checkbox" checked={value.informal} onChange={(e) => set('informal', e.target.checked)} />
          <span>They invited first-name terms in writing</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={value.verified} onChange={(e) => set('verified', e.target.checked)} />
          <span>Name and details checked on their card or signature</span>
        </label>
      </div>
      <Field id={`${id}-notes`} label="Your notes on them" hint="Optional: what to remember about them." error={err('notes')}>
        <textarea id={`${id}-notes`} rows={3} value={value.notes} onChange={(e) => set('notes', e.target.value)} aria-describedby={described('notes', true)} />
      </Field>
    </div>
  );
}
