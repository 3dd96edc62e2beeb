/** The Offers page's dialogs: record an offer's terms, record a red flag (PROTOCOL §5). */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, client, ok } from '../api.js';
import { useSubmit } from '../data.js';
import { ruleTitle } from './Why.js';

const FLAGS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'] as const;

interface Line { label: string; value: string }

export interface OfferTerms {
  receivedOn: string | null;
  respondBy: string | null;
  pay: readonly Line[];
  benefits: readonly Line[];
  notes: string | null;
}

export interface FlagNow {
  flag: string;
  score: number;
  source: string;
  notes: string | null;
  manager: { by: string; said: boolean | null } | null;
}

/** Sending, and the server's message for `field` or for none of `known` (shown at the top). */
function useErrors() {
  const { busy, error, run } = useSubmit();
  const at = (field: string): string | undefined => (error instanceof ApiError && error.field !== undefined && error.field.split(/[.[]/)[0] === field ? error.atField : undefined);
  const general = (known: readonly string[]): string | undefined => {
    if (!error) return undefined;
    if (error instanceof ApiError && error.field !== undefined && known.includes(error.field.split(/[.[]/)[0] ?? '')) return undefined;
    return error.message;
  };
  return { busy, run, at, general };
}

function Modal({ title, onClose, onSubmit, busy, children, submitLabel, extra }: {
  title: string; onClose: () => void; onSubmit: (e: FormEvent) => void; busy: boolean; children: ReactNode; submitLabel: string; extra?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog offer-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={onSubmit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div className="dialog-actions">
          {extra}
          <button type="button" className="button ghost" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy}>{submitLabel}</button>
        </div>
      </form>
    </dialog>
  );
}

function Lines({ legend, lines, onChange, error, example }: {
  legend: string; lines: Line[]; onChange: (lines: Line[]) => void; error: string | undefined; example: Line;
}) {
  const id = useId();
  const set = (i: number, patch: Partial<Line>): void => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className={`offer-lines${error ? ' field-error' : ''}`}>
      <legend>{legend}</legend>
      {lines.map((l, i) => (
        <div key={i} className="offer-line">
          <label className="sr-only" htmlFor={`${id}-${i}-label`}>{legend} line {i + 1}: what</label>
          <input id={`${id}-${i}-label`} value={l.label} placeholder={example.label} onChange={(e) => set(i, { label: e.target.value })} />
          <label className="sr-only" htmlFor={`${id}-${i}-value`}>{legend} line {i + 1}: amount or terms</label>
          <input id={`${id}-${i}-value`} value={l.value} placeholder={example.value} onChange={(e) => set(i, { value: e.target.value })} />
          <button type="button" className="button small ghost" aria-label={`Remove ${legend.toLowerCase()} line ${i + 1}`} onClick={() => onChange(lines.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => onChange([...lines, { label: '', value: '' }])}>Add a line</button>
      {error && <small className="error-text" role="alert">{error}</small>}
    </fieldset>
  );
}

/** Records (or amends) an offer's terms: what is given replaces what was there. */
export function OfferTermsDialog({ applicationId, company, terms, onClose, onSaved }: {
  applicationId: string; company: string; terms: OfferTerms | null; onClose: () => void; onSaved: () => void;
}) {
  const id = useId();
  const [receivedOn, setReceivedOn] = useState(terms?.receivedOn ?? '');
  const [respondBy, setRespondBy] = useState(terms?.respondBy ?? '');
  const [pay, setPay] = useState<Line[]>(terms ? terms.pay.map((l) => ({ ...l })) : [{ label: 'Base salary', value: '' }]);
  const [benefits, setBenefits] = useState<Line[]>(terms ? terms.benefits.map((l) => ({ ...l })) : []);
  const [notes, setNotes] = useState(terms?.notes ?? '');
  const errors = useErrors();
  const { busy } = errors;
  const filled = (lines: Line[]) => lines.filter((l) => l.label.trim() !== '' || l.value.trim() !== '');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await errors.run(async () => {
      await ok(client.api.applications[':id'].offer.$post({
        param: { id: applicationId },
        json: {
          pay: filled(pay), benefits: filled(benefits), notes,
          ...(receivedOn !== '' ? { receivedOn } : {}), respondBy: respondBy === '' ? null : respondBy,
        },
      }));
      onSaved();
      onClose();
    });
  };
  const general = errors.general(['pay', 'benefits', 'receivedOn', 'respondBy', 'notes']);
  return (
    <Modal title={`Offer from ${company}`} onClose={onClose} onSubmit={(e) => void submit(e)} busy={busy} submitLabel="Save the offer">
      <p className="muted">Write the terms as you were told them; recording an offer ends the follow-ups of an active application.</p>
      {general && <p className="notice error" role="alert">{general}</p>}
      <div className="grid-2">
        <div className={`field${errors.at('receivedOn') ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-received`}>Received on</label>
          <input id={`${id}-received`} type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} aria-describedby={`${id}-received-hint`} />
          <small id={`${id}-received-hint`} className="muted">Empty: today.</small>
          {errors.at('receivedOn') && <small className="error-text" role="alert">{errors.at('receivedOn')}</small>}
        </div>
        <div className={`field${errors.at('respondBy') ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-respond`}>Answer wanted by</label>
          <input id={`${id}-respond`} type="date" value={respondBy} onChange={(e) => setRespondBy(e.target.value)} />
          {errors.at('respondBy') && <small className="error-text" role="alert">{errors.at('respondBy')}</small>}
        </div>
      </div>
      <Lines legend="Pay" lines={pay} onChange={setPay} error={errors.at('pay')} example={{ label: 'Base salary', value: '$95,000' }} />
      <Lines legend="Benefits" lines={benefits} onChange={setBenefits} error={errors.at('benefits')} example={{ label: 'Holidays', value: '25 days' }} />
      <div className={`field${errors.at('notes') ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea id={`${id}-notes`} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        {errors.at('notes') && <small className="error-text" role="alert">{errors.at('notes')}</small>}
      </div>
    </Modal>
  );
}

/** Scores one red flag 0–5 with notes (R6: whether that interviewer would be your manager), or clears it. */
export function FlagDialog({ applicationId, company, flags, onClose, onSaved }: {
  applicationId: string; company: string; flags: readonly FlagNow[]; onClose: () => void; onSaved: () => void;
}) {
  const id = useId();
  const [flag, setFlag] = useState<string>(flags.find((f) => f.source === 'unscored')?.flag ?? 'R1');
  const current = flags.find((f) => f.flag === flag);
  const [score, setScore] = useState<string>('');
  const [notes, setNotes] = useState<string>('');
  const [manager, setManager] = useState<string>('');
  const errors = useErrors();
  const { busy } = errors;
  // Picking a flag shows what is recorded for it.
  useEffect(() => {
    setScore(current && current.source === 'you' ? String(current.score) : '');
    setNotes(current?.notes ?? '');
    setManager(current?.manager?.said === true ? 'yes' : current?.manager?.said === false ? 'no' : '');
  }, [flag]);

  const send = (body: { score?: number; notes?: string; manager?: boolean; clear?: true }): Promise<void> => errors.run(async () => {
    await ok(client.api.applications[':id'].flags.$post({ param: { id: applicationId }, json: { flag, ...body } }));
    onSaved();
    onClose();
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void send({
      ...(score !== '' ? { score: Number(score) } : {}), notes,
      ...(flag === 'R6' && manager !== '' ? { manager: manager === 'yes' } : {}),
    });
  };
  const general = errors.general(['flag', 'score', 'notes', 'manager']);
  return (
    <Modal
      title={`Red flag at ${company}`} onClose={onClose} onSubmit={submit} busy={busy} submitLabel="Save the flag"
      extra={current?.source === 'you' ? <button type="button" className="button ghost danger" disabled={busy} onClick={() => void send({ clear: true })}>Clear this flag</button> : undefined}
    >
      {general && <p className="notice error" role="alert">{general}</p>}
      <div className="grid-2">
        <div className={`field${errors.at('flag') ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-flag`}>Flag</label>
          <select id={`${id}-flag`} value={flag} onChange={(e) => setFlag(e.target.value)}>
            {FLAGS.map((f) => <option key={f} value={f}>{f} {ruleTitle(f)}</option>)}
          </select>
          {errors.at('flag') && <small className="error-text" role="alert">{errors.at('flag')}</small>}
        </div>
        <div className={`field${errors.at('score') ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-score`}>How serious</label>
          <select id={`${id}-score`} value={score} onChange={(e) => setScore(e.target.value)} aria-describedby={`${id}-score-hint`}>
            <option value="">{current?.source === 'computed' ? `Computed (${current.score}/5)` : 'Choose…'}</option>
            {[0, 1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n} {n === 0 ? '— not seen' : n === 5 ? '— serious' : ''}</option>)}
          </select>
          <small id={`${id}-score-hint`} className="muted">0 = not seen, 5 = serious.{flag === 'R7' ? ' R7 is computed from the dates; a score here overrides it.' : ''}</small>
          {errors.at('score') && <small className="error-text" role="alert">{errors.at('score')}</small>}
        </div>
      </div>
      {flag === 'R6' && (
        <div className={`field${errors.at('manager') ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-manager`}>Would that interviewer be your manager?</label>
          <select id={`${id}-manager`} value={manager} onChange={(e) => setManager(e.target.value)} aria-describedby={`${id}-manager-hint`}>
            <option value="">Not said</option>
            <option value="yes">Yes: counts double</option>
            <option value="no">No: counts once</option>
          </select>
          <small id={`${id}-manager-hint`} className="muted">Not said: it counts double when a hiring manager was among your interviewers.</small>
          {errors.at('manager') && <small className="error-text" role="alert">{errors.at('manager')}</small>}
        </div>
      )}
      <div className={`field${errors.at('notes') ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-notes`}>What you saw</label>
        <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        {errors.at('notes') && <small className="error-text" role="alert">{errors.at('notes')}</small>}
      </div>
    </Modal>
  );
}
