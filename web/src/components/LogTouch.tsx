/**
 * "Log what happened": records a touch (a sent note, a call and its outcome, a reply). The P2 and L8
 * guards answer 409: their reasons are shown and the user may record it anyway.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CHANNELS, OUTCOMES, TOUCH_KINDS } from '../../../src/core/model.js';
import { ApiError, client, ok } from '../api.js';
import { useData } from '../data.js';
import { plainDates, words } from '../format.js';
import { peopleOf } from './DraftNextStep.js';

type Kind = (typeof TOUCH_KINDS)[number];
type Channel = (typeof CHANNELS)[number];
type Outcome = (typeof OUTCOMES)[number];

export interface LogDefaults {
  readonly applicationId: string;
  readonly kind?: Kind;
  readonly channel?: Channel;
  readonly outcome?: Outcome;
  readonly personId?: string;
  readonly referenceId?: string;
  readonly text?: string;
}

interface GuardJson { rule: string; earliest?: string; findings?: { message: string }[] }

export function guardText(g: GuardJson): string {
  if (g.rule === 'P2') return `Early (P2, patience): the protocol would wait until ${g.earliest ? plainDates(g.earliest) : 'later'}.`;
  return `Wrong company (L8): ${(g.findings ?? []).map((f) => f.message).join(' ')}`;
}

/** Kinds that go to one person: the protocol needs to know whom (T1, F1, C1). */
const TO_A_PERSON: ReadonlySet<Kind> = new Set(['thank_you', 'status_check', 'call']);

/** A kind of touch from a plan line's kind. */
export function touchKindOf(recKind: string): Kind {
  if (recKind === 'give_up' || recKind === 'reply') return 'reply';
  return (TOUCH_KINDS as readonly string[]).includes(recKind) ? recKind as Kind : 'status_check';
}

export function LogTouchDialog({ defaults, onClose, onSaved }: { defaults: LogDefaults; onClose: () => void; onSaved: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [kind, setKind] = useState<Kind>(defaults.kind ?? 'thank_you');
  // Whom it went to: the application's people, the plan line's person first.
  const application = useData(() => ok(client.api.applications[':id'].$get({ param: { id: defaults.applicationId } })), [defaults.applicationId]);
  const people = peopleOf(application.data?.application);
  const [personId, setPersonId] = useState(defaults.personId ?? '');
  const [personError, setPersonError] = useState<string>();
  const [channel, setChannel] = useState<Channel>(defaults.channel ?? (defaults.kind === 'call' ? 'phone' : 'email'));
  const [outcome, setOutcome] = useState<Outcome>(defaults.outcome ?? 'sent');
  const [at, setAt] = useState('');
  const [decision, setDecision] = useState('');
  const [guards, setGuards] = useState<GuardJson[]>([]);
  const [error, setError] = useState<string>();
  // The date given is later than now: recorded only when the user says it is meant.
  const [future, setFuture] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = async (e: FormEvent | undefined, confirm: string[] = [], futureIntended = false): Promise<void> => {
    e?.preventDefault();
    if (TO_A_PERSON.has(kind) && personId === '' && defaults.referenceId === undefined) {
      setPersonError(people.length > 0 ? `Choose whom ${kind === 'call' ? 'you called' : 'it went to'}.` : 'Add the person to this application first: a thank-you, a status check or a call goes to someone.');
      return;
    }
    setPersonError(undefined);
    setBusy(true);
    setError(undefined);
    setFuture(false);
    try {
      await ok(client.api.applications[':id'].touches.$post({
        param: { id: defaults.applicationId },
        json: {
          kind, channel, outcome,
          ...(at ? { at } : {}),
          ...(personId !== '' ? { personId } : {}),
          ...(defaults.referenceId ? { referenceId: defaults.referenceId } : {}),
          ...(defaults.text ? { text: defaults.text } : {}),
          ...(outcome === 'not_decided' && decision ? { newDecisionBy: decision } : {}),
          ...(confirm.length > 0 ? { confirm: confirm as ('P2' | 'L8')[] } : {}),
          ...(futureIntended ? { futureIntended: true } : {}),
        },
      }));
      ref.current?.close();
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body['guards'])) setGuards(err.body['guards'] as GuardJson[]);
      else if (err instanceof ApiError && err.status === 422 && err.field === 'touch.at' && /in the future/.test(err.serverText)) setFuture(true);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>Log what happened</h2>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-kind`}>What</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {TOUCH_KINDS.map((k) => <option key={k} value={k}>{words(k)}</option>)}
            </select>
          </div>
          {defaults.referenceId === undefined && (
            <div className={personError ? 'field field-error' : 'field'}>
              <label htmlFor={`${id}-person`}>Who</label>
              <select id={`${id}-person`} value={personId} onChange={(e) => { setPersonId(e.target.value); setPersonError(undefined); }}
                aria-invalid={personError !== undefined} aria-describedby={personError ? `${id}-person-error` : undefined}>
                <option value="">{TO_A_PERSON.has(kind) ? 'Choose…' : 'No one in particular'}</option>
                {people.map((p) => <option key={p.id} value={p.id}>{[p.honorific, p.name].filter(Boolean).join(' ')}</option>)}
              </select>
              {personError && <small id={`${id}-person-error`} className="error-text" role="alert">{personError}</small>}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((c) => <option key={c} value={c}>{words(c)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-outcome`}>Outcome</label>
            <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {OUTCOMES.map((o) => <option key={o} value={o}>{words(o)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-at`}>When</label>
            <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby={`${id}-at-hint`} />
            <small id={`${id}-at-hint`} className="muted">Leave empty for now.</small>
          </div>
          {outcome === 'not_decided' && (
            <div className="field">
              <label htmlFor={`${id}-decision`}>They now expect to decide by</label>
              <input id={`${id}-decision`} type="date" value={decision} onChange={(e) => setDecision(e.target.value)} />
            </div>
          )}
        </div>
        {guards.length > 0 && (
          <div className="notice warn" role="alert">
            {guards.map((g) => <p key={g.rule}>{guardText(g)}</p>)}
            <button type="button" className="button" disabled={busy} onClick={() => void submit(undefined, guards.map((g) => g.rule))}>Record it anyway</button>
          </div>
        )}
        {future && (
          <div className="notice warn" role="alert">
            <p>That time is still to come. Record it only if it has already happened, or change “When”.</p>
            <button type="button" className="button" disabled={busy} onClick={() => void submit(undefined, guards.map((g) => g.rule), true)}>Record it anyway</button>
          </div>
        )}
        {error && <p className="notice error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy}>Save</button>
        </div>
      </form>
    </dialog>
  );
}
