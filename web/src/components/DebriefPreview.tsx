/**
 * A debrief field with its language help: a hint with one example of each way to write it, and
 * under it a live preview (asked of the server 300 ms after the last keystroke, announced politely)
 * of the sentence it becomes in the thank-you, or what is left out, why, and what to do.
 */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { useEffect, useRef, useState } from 'react';
import { ApiError, client, ok, type Api } from '../api.js';
import { leftOutLine } from '../debrief-words.js';

type PreviewRoute = Api['applications'][':id']['debrief-preview']['$post'];
/** What the preview is asked with: the field, the text, and who it is about (as the form knows them). */
export type PreviewRequest = InferRequestType<PreviewRoute>['json'];
type PreviewJson = InferResponseType<PreviewRoute, 200>;

type State =
  | { readonly state: 'idle' }
  | { readonly state: 'shown'; readonly preview: PreviewJson }
  | { readonly state: 'error'; readonly message: string };

/** The sentence `request.text` becomes, asked again 300 ms after the request last changed. */
export function useDebriefPreview(applicationId: string, request: PreviewRequest): State {
  const [state, setState] = useState<State>({ state: 'idle' });
  const latest = useRef(0);
  const key = JSON.stringify(request);
  useEffect(() => {
    const run = ++latest.current;
    if (request.text.trim() === '') {
      setState({ state: 'idle' });
      return undefined;
    }
    // The last preview stays up while the next is asked for: no flicker, no second announcement.
    const timer = setTimeout(() => {
      ok(client.api.applications[':id']['debrief-preview'].$post({ param: { id: applicationId }, json: request })).then(
        (r) => { if (run === latest.current) setState({ state: 'shown', preview: r }); },
        (e: unknown) => {
          if (run !== latest.current) return;
          // Only a too-long text is the user's to fix; its message names the field in words.
          const message = e instanceof ApiError && e.status === 422 && e.field === 'text' ? e.message : 'No preview just now; what you type is kept as it is.';
          setState({ state: 'error', message });
        },
      );
    }, 300);
    return () => clearTimeout(timer);
    // `request` is keyed by `key`.
  }, [applicationId, key]);
  return state;
}

/** The preview's words: the sentence, then each thing left out (quoted when it is a part) with why and what to do. */
export function PreviewLines({ preview }: { preview: PreviewJson }) {
  const dropped = preview.leftOut.filter((l) => l.reason !== 'emoji');
  // Nothing carried and one reason: it is the whole text, which the user has in front of them.
  const whole = preview.sentence === null && dropped.length === 1;
  return (
    <>
      {preview.sentence !== null && (
        <p className="debrief-preview-sentence"><span className="debrief-preview-label">In your note:</span> {preview.sentence}</p>
      )}
      {preview.leftOut.map((l, i) => (
        <div key={`${l.reason}-${i}`} className="debrief-preview-left-out">
          {l.reason !== 'emoji' && (
            <p><span className="debrief-preview-label">{whole ? 'Left out of your note.' : 'Left out:'}</span>{whole ? null : <> “{l.text}”</>}</p>
          )}
          <p>{leftOutLine(l.reason)}</p>
        </div>
      ))}
    </>
  );
}

export interface DebriefInputProps {
  readonly id: string;
  readonly label: string;
  readonly applicationId: string;
  /** Everything but the text, which is `value`. */
  readonly about: Omit<PreviewRequest, 'text'>;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The hint with its examples, shown here; or the id of one shown once for several fields. */
  readonly hint: { readonly text: string } | { readonly id: string };
  /** A line before the examples ("A thank-you can add a short, better answer."). */
  readonly lead?: string;
  readonly multiline?: boolean;
  readonly error?: string | undefined;
}

/** A debrief field: label, the text box, the hint with examples, the live preview, and the server's refusal if any. */
export function DebriefInput({ id, label, applicationId, about, value, onChange, hint, lead, multiline = false, error }: DebriefInputProps) {
  const request: PreviewRequest = { ...about, text: value };
  const state = useDebriefPreview(applicationId, request);
  const hintId = 'id' in hint ? hint.id : `${id}-hint`;
  const describedBy = [hintId, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const tone = state.state === 'error' ? ' is-error'
    : state.state === 'shown' ? (state.preview.sentence === null ? ' is-left-out' : state.preview.leftOut.some((l) => l.reason !== 'emoji') ? ' is-partial' : ' is-sentence')
      : ' is-idle';
  const common = { id, value, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true } : {}) };
  return (
    <div className={`field debrief-field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline
        ? <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
        : <input {...common} onChange={(e) => onChange(e.target.value)} />}
      {'text' in hint && <small id={hintId} className="muted">{lead ? `${lead} ` : ''}{hint.text}</small>}
      <div className={`debrief-preview${tone}`} aria-live="polite">
        {state.state === 'shown' && <PreviewLines preview={state.preview} />}
        {state.state === 'error' && <p className="debrief-preview-left-out">{state.message}</p>}
      </div>
      {error && <small id={`${id}-error`} className="error-text" role="alert">{error}</small>}
    </div>
  );
}
