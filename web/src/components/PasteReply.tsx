/**
 * "Paste their reply" on the application page: the employer's message is read (what it means, the
 * sentence it rests on, what it would change) and nothing is recorded until Apply; Dismiss leaves
 * everything as it was.
 */
import { useId, useState, type FormEvent } from 'react';
import { ApiError, client, ok } from '../api.js';
import { dateOnly } from './InterviewDebrief.js';
import { Chip } from './ui.js';
import './PasteReply.css';

type Reading = Awaited<ReturnType<typeof read>>;

function read(applicationId: string, text: string) {
  return ok(client.api.applications[':id'].reply.read.$post({ param: { id: applicationId }, json: { text } }));
}

/** The class in plain words, as a heading. */
export function replyHeading(r: Pick<Reading, 'class' | 'detail'>): string {
  switch (r.class) {
    case 'next_round': return 'They invited you to another round';
    case 'rejection': return r.detail === 'filled' ? 'The position has been filled' : 'They are not going ahead with your application';
    case 'not_decided': return 'They have not decided yet';
    case 'offer': return 'They made you an offer';
    case 'references_requested': return r.detail === 'references' ? 'They asked for references' : 'They asked for documents';
    case 'out_of_office': return 'An automatic reply: they are away';
    case 'question': return 'They asked you a question';
    default: return 'No decision, date or request';
  }
}

const TONE: Readonly<Record<string, 'good' | 'bad' | 'info' | 'warn' | 'plain'>> = {
  next_round: 'good', offer: 'good', rejection: 'bad', not_decided: 'info', references_requested: 'info', question: 'warn', out_of_office: 'plain', other: 'plain',
};

/** What Apply records and what the plan then does, in plain words. */
export function replyChange(action: string, decisionBy: string | null): string {
  switch (action) {
    case 'record_next_round': return 'Apply records their invitation. Add the new interview once it is booked, and the plan follows it.';
    case 'record_rejection': return 'Apply records the rejection. The plan then suggests a gracious reply and closing the application.';
    case 'record_filled': return 'Apply records that the position is filled. The plan then suggests a gracious reply and closing the application.';
    case 'new_decision_date':
    case 'choose_decision_date':
    case 'wait_a_week':
      return decisionBy
        ? `Apply records that they have not decided yet, with ${dateOnly(decisionBy)} as the new decision date. The next status check follows that date.`
        : 'Apply records that they have not decided yet. Without a date from them, the plan expects their decision a week from now.';
    case 'record_offer': return 'Apply records the offer. The plan then suggests a reply; you can enter its terms on the Offers page.';
    case 'brief_references': return 'Apply records their request. The plan then suggests briefing each of your references before they are called.';
    case 'send_documents': return 'Apply records their request. Send what they asked for; the plan then waits a week for their decision.';
    case 'no_change': return 'Apply records it as no answer yet. The plan stays as it is.';
    case 'answer_question': return 'Apply records their message. The plan suggests your answer, then waits a week for their decision.';
    default: return 'Apply keeps their message in the history. The plan waits a week for news.';
  }
}

/** The server's refusal in words for this box. */
function problem(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.field === 'text') return 'Paste their message first.';
    if (err.field === 'decisionBy') return 'Pick the date they meant first.';
    if (err.status === 404) return 'This application could not be found. Reload the page and try again.';
  }
  return 'Something went wrong and nothing was recorded. Please try again.';
}

export function PasteReply({ applicationId, onApplied }: { applicationId: string; onApplied: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [reading, setReading] = useState<Reading>();
  const [picked, setPicked] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setReading(await read(applicationId, text));
      setPicked(undefined);
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  const apply = async (): Promise<void> => {
    if (!reading) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await ok(client.api.applications[':id'].reply.$post({ param: { id: applicationId }, json: { text, ...(picked ? { decisionBy: picked } : {}) } }));
      setDone(res.history === 'unchanged' ? 'This reply was already in the history; nothing was recorded twice.' : 'Recorded. The plan above now follows their reply.');
      setReading(undefined);
      setText('');
      onApplied();
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  const dismiss = (): void => {
    setReading(undefined);
    setPicked(undefined);
    setError(undefined);
  };

  const date = reading?.decisionBy ?? picked ?? null;
  const needsPick = reading !== undefined && reading.decisionChoices.length > 0 && picked === undefined;
  return (
    <section aria-labelledby={`${id}-h`} className="section paste-reply">
      <h2 id={`${id}-h`}>Their reply</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Paste their reply</label>
          <textarea id={`${id}-text`} rows={6} value={text} aria-describedby={`${id}-hint`}
            onChange={(e) => { setText(e.target.value); setReading(undefined); setDone(undefined); }} />
          <small id={`${id}-hint`} className="muted">The whole message as you received it. Earlier messages quoted below it and signatures are left aside.</small>
        </div>
        <button type="submit" className="button" disabled={busy || text.trim() === ''}>Read it</button>
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}
      {done && <p className="notice good" role="status">{done}</p>}
      {reading && (
        <div className="card reply-reading" role="region" aria-label="What their reply means">
          <h3><Chip tone={TONE[reading.class] ?? 'plain'}>{replyHeading(reading)}</Chip></h3>
          {reading.evidence !== ''
            ? <blockquote className="reply-evidence">{reading.evidence}</blockquote>
            : <p className="muted">{reading.empty ? 'The message has no words of their own, only quoted messages or a signature.' : 'No sentence of it says more.'}</p>}
          {reading.returnOn && <p>They are back on {dateOnly(reading.returnOn)}.</p>}
          {reading.decisionChoices.length > 0 && (
            <fieldset className="reply-choices">
              <legend>Their date (“{reading.decisionSaid}”) can be read two ways. Which did they mean?</legend>
              {reading.decisionChoices.map((c) => (
                <label key={c.date}>
                  <input type="radio" name={`${id}-date`} value={c.date} checked={picked === c.date} onChange={() => setPicked(c.date)} />
                  {' '}{dateOnly(c.date)}
                </label>
              ))}
            </fieldset>
          )}
          {reading.class === 'not_decided' && reading.decisionChoices.length === 0 && !reading.decisionBy && (
            <div className="field">
              <label htmlFor={`${id}-date`}>They now expect to decide by (if they said)</label>
              <input id={`${id}-date`} type="date" value={picked ?? ''} aria-describedby={reading.decisionSaid ? `${id}-said` : undefined}
                onChange={(e) => setPicked(e.target.value === '' ? undefined : e.target.value)} />
              {reading.decisionSaid && <small id={`${id}-said`} className="muted">Their words (“{reading.decisionSaid}”) could not be read as a date.</small>}
            </div>
          )}
          <p>{replyChange(reading.proposal.action, date)}</p>
          <p className="muted">{reading.proposal.why}</p>
          <div className="item-actions">
            <button type="button" className="button primary" disabled={busy || needsPick} onClick={() => void apply()}>Apply</button>
            <button type="button" className="button ghost" disabled={busy} onClick={dismiss}>Dismiss</button>
          </div>
          {needsPick && <p className="muted">Pick the date they meant to apply it.</p>}
        </div>
      )}
    </section>
  );
}
