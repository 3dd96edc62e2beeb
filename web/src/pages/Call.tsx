/**
 * The call assistant: the X1 call script with a section per way the call can go, a two-to-five
 * minute timer, the X2 voicemail script, and outcome buttons that log the call and show what the
 * plan says next.
 */
import type { InferResponseType } from 'hono/client';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, client, ok, type Api } from '../api.js';
import { CallTimer } from '../components/CallTimer.js';
import { DraftNextStep, peopleOf } from '../components/DraftNextStep.js';
import { guardText } from '../components/LogTouch.js';
import { ErrorNote, Loading, Page } from '../components/ui.js';
import { useData } from '../data.js';
import { personLabel } from '../format.js';
import { Link } from '../router.js';
import './Call.css';

type SavedJson = InferResponseType<Api['applications'][':id']['touches']['$post'], 201>;
type Outcome = 'no_answer' | 'voicemail' | 'receptionist' | 'not_decided' | 'still_considered' | 'filled' | 'offer' | 'rejected' | 'next_round';
interface GuardJson { rule: string; earliest?: string; findings?: { message: string }[] }

const OUTCOMES: readonly [Outcome, string, string][] = [
  ['no_answer', 'No answer', 'Nobody picked up'],
  ['voicemail', 'Left a voicemail', 'You left the message below'],
  ['receptionist', 'Spoke to the receptionist', 'You will call back at the time they gave'],
  ['not_decided', 'Not decided yet', 'They gave a new date'],
  ['still_considered', 'Still being considered', 'No date given'],
  ['next_round', 'Invited to another round', 'Record the interview next'],
  ['offer', 'Offer', 'They made you an offer'],
  ['filled', 'The post is filled', 'Close this one kindly'],
  ['rejected', 'Not selected', 'They chose someone else'],
];
const OUTCOME_LABEL = new Map(OUTCOMES.map(([o, label]) => [o, label]));

interface Section {
  readonly heading: string;
  readonly lines: readonly { readonly say: boolean; readonly text: string }[];
}

/** The script's sections: a heading line, then lines; quoted lines are to be said aloud. */
export function callSections(body: string): Section[] {
  return body.split(/\n\s*\n/).map((block) => {
    const [heading = '', ...rest] = block.split('\n');
    return {
      heading: heading.trim(),
      lines: rest.filter((l) => l.trim() !== '').map((l) => {
        const t = l.trim();
        const said = /^"(.*)"$/s.exec(t);
        return said ? { say: true, text: said[1] ?? '' } : { say: false, text: t };
      }),
    };
  }).filter((s) => s.heading !== '' || s.lines.length > 0);
}

function Line({ line }: { line: Section['lines'][number] }) {
  // Instructions may quote a line to say ("If … is not available: "…"").
  return line.say ? <p className="call-say">{line.text}</p> : <p className="call-note">{line.text}</p>;
}

export function CallAssistant({ applicationId, query, userZone }: { applicationId: string; query: URLSearchParams; userZone: string }) {
  const id = useId();
  const person = query.get('person') ?? undefined;
  const interview = query.get('interview') ?? undefined;
  const ref = { ...(person ? { person } : {}), ...(interview ? { interview } : {}) };
  const script = useData(() => ok(client.api.applications[':id'].drafts.$get({ param: { id: applicationId }, query: { kind: 'call_script', ...ref } })), [applicationId, person, interview]);
  const voicemail = useData(() => ok(client.api.applications[':id'].drafts.$get({ param: { id: applicationId }, query: { kind: 'voicemail', ...ref } })), [applicationId, person, interview]);
  const application = useData(() => ok(client.api.applications[':id'].$get({ param: { id: applicationId } })), [applicationId]);

  const [pending, setPending] = useState<Outcome>();
  const [decision, setDecision] = useState('');
  const [guards, setGuards] = useState<GuardJson[]>([]);
  const [error, setError] = useState<ApiError | Error>();
  const [busy, setBusy] = useState(false);
  const [logged, setLogged] = useState<{ outcome: Outcome; saved: SavedJson }>();

  useEffect(() => { setLogged(undefined); setPending(undefined); }, [applicationId, person]);

  const app = application.data?.application as { company?: string; role?: string } | undefined;

  if (!script.data) {
    return (
      <Page title="Call">
        {script.loading ? <Loading what="the call script" /> : <ErrorNote error={script.error} />}
        <p><Link href={`/applications/${encodeURIComponent(applicationId)}`}>Back to the application</Link></p>
      </Page>
    );
  }
  const d = script.data.draft;
  const who = peopleOf(application.data?.application).find((p) => p.id === d.to.id);
  const name = who ? personLabel(who) : d.to.name;
  const [intro, ...sections] = callSections(d.body);
  const vm = voicemail.data?.draft;
  const vmWords = vm ? vm.body.trim().split(/\s+/).length : 0;
  const noOwnPhone = [...d.gaps, ...(vm?.gaps ?? [])].some((g) => g.field === 'candidate.phone');

  const log = async (outcome: Outcome, confirm: string[] = []): Promise<void> => {
    if (outcome === 'not_decided' && decision === '') {
      setPending('not_decided');
      setError(new ApiError(400, 'newDecisionBy: pick the date they now expect to decide by', 'newDecisionBy', {}));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await ok(client.api.applications[':id'].touches.$post({
        param: { id: applicationId },
        json: {
          kind: 'call', channel: 'phone', outcome,
          ...(person ? { personId: person } : {}),
          ...(outcome === 'not_decided' ? { newDecisionBy: decision } : {}),
          ...(confirm.length > 0 ? { confirm: confirm as ('P2' | 'L8')[] } : {}),
        },
      })) as SavedJson;
      setGuards([]);
      setPending(undefined);
      setLogged({ outcome, saved });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body['guards'])) {
        setPending(outcome);
        setGuards(err.body['guards'] as GuardJson[]);
      } else setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  const submitDecision = (e: FormEvent): void => {
    e.preventDefault();
    void log('not_decided');
  };
  const decisionError = error instanceof ApiError && error.field === 'newDecisionBy' ? error.atField : undefined;

  return (
    <Page
      title={`Call ${name}`}
      subtitle={app ? <><Link href={`/applications/${encodeURIComponent(applicationId)}`}>{app.company}</Link> · {app.role}</> : undefined}
      actions={<Link className="button ghost" href="/">Back to Today</Link>}
    >
      <div className="call-layout">
        <div className="call-area-timer"><CallTimer /></div>
        <div className="call-script">
          <div className="card call-intro">
            {d.to.phone
              ? <p className="call-phone">Phone: <a href={`tel:${d.to.phone.replace(/[^\d+]/g, '')}`}>{d.to.phone}</a></p>
              : <p className="notice warn">No phone number on record for {name}: add it to their record (X1).</p>}
            {noOwnPhone && (
              <p className="notice warn">Your phone number is not on record, so the voicemail cannot ask them to call you back: add it in <Link href="/settings">Settings</Link> (X2).</p>
            )}
            {intro?.lines.map((l, i) => <Line key={i} line={l} />)}
            <p className="muted call-legend">Lines with a bar on the left are what to say; the others are notes for you. <a href={`#${id}-outcome-area`}>Log how it went</a></p>
          </div>
          {sections.map((s) => (
            <section key={s.heading} className="card call-section" aria-label={s.heading}>
              <h2>{s.heading}</h2>
              {s.lines.map((l, i) => <Line key={i} line={l} />)}
            </section>
          ))}
        </div>

        <section className="card call-area-vm" aria-labelledby={`${id}-vm`}>
          <h2 id={`${id}-vm`}>If nobody answers: voicemail</h2>
          {vm ? (
            <>
              <p className="call-say">{vm.body}</p>
              <p className="muted call-small">{vmWords} words, about {Math.max(5, Math.round(vmWords / 2.5 / 5) * 5)} seconds (X2: at most 40 words, your number said twice).</p>
            </>
          ) : voicemail.error ? <ErrorNote error={voicemail.error} /> : <Loading what="the voicemail" />}
        </section>

        <div className="call-area-outcome" id={`${id}-outcome-area`}>
          {!logged && (
            <section className="card" aria-labelledby={`${id}-outcome`}>
              <h2 id={`${id}-outcome`}>How did it go?</h2>
              <p className="muted call-small">Choosing one logs the call now and updates the plan.</p>
              <ul className="call-outcomes">
                {OUTCOMES.map(([o, label, hint]) => (
                  <li key={o}>
                    <button
                      type="button" className={`button call-outcome${pending === o ? ' is-pending' : ''}`} disabled={busy}
                      aria-expanded={o === 'not_decided' ? pending === 'not_decided' : undefined}
                      onClick={() => (o === 'not_decided' ? setPending(pending === 'not_decided' ? undefined : 'not_decided') : void log(o))}
                    >
                      <span>{label}</span><small>{hint}</small>
                    </button>
                  </li>
                ))}
              </ul>
              {pending === 'not_decided' && (
                <form className="call-decision" onSubmit={submitDecision}>
                  <div className={`field${decisionError ? ' field-error' : ''}`}>
                    <label htmlFor={`${id}-decision`}>They now expect to decide by</label>
                    <input
                      id={`${id}-decision`} type="date" value={decision} onChange={(e) => setDecision(e.target.value)}
                      {...(decisionError ? { 'aria-invalid': true, 'aria-describedby': `${id}-decision-error` } : {})}
                    />
                    {decisionError && <small id={`${id}-decision-error`} className="error-text" role="alert">{decisionError}</small>}
                  </div>
                  <button type="submit" className="button primary" disabled={busy}>Log the call</button>
                </form>
              )}
              {guards.length > 0 && pending && (
                <div className="notice warn" role="alert">
                  <p><strong>Not logged yet.</strong></p>
                  {guards.map((g) => <p key={g.rule}>{guardText(g)}</p>)}
                  <button type="button" className="button" disabled={busy} onClick={() => void log(pending, guards.map((g) => g.rule))}>Log it anyway</button>
                </div>
              )}
              {error && !decisionError && <p className="notice error" role="alert">{error.message}</p>}
            </section>
          )}

          {logged && (
            <>
              <p className="notice good" role="status">Call logged: {OUTCOME_LABEL.get(logged.outcome) ?? logged.outcome}.</p>
              <DraftNextStep next={logged.saved.next} people={peopleOf(logged.saved.application)} userZone={userZone} applicationId={applicationId} headingId={`${id}-next`} />
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
