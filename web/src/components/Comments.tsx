/** Coaches' comments on an application: the list (newest last, as a conversation reads) and a coach's box to add one. */
import { useId, useState, type FormEvent } from 'react';
import { ApiError, type CommentJson } from '../api.js';
import { when } from '../format.js';

/** The server's limit (app/accounts.ts COMMENT_MAX). */
export const COMMENT_MAX = 4_000;

export function CommentList({ comments, userZone }: { comments: readonly CommentJson[]; userZone: string }) {
  return (
    <ol className="comments">
      {comments.map((c) => (
        <li key={c.id} className="card comment">
          <p className="comment-head">
            <strong>{c.authorName}</strong> <time className="muted" dateTime={c.at}>{when(c.at, userZone)}</time>
          </p>
          <p className="comment-body">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}

/** A coach's comment box: the job seeker reads it on this application's page. */
export function CommentForm({ seekerName, onSend }: { seekerName: string; onSend: (body: string) => Promise<void> }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<{ state: 'idle' | 'sending' | 'sent' } | { state: 'failed'; message: string }>({ state: 'idle' });
  const tooLong = body.length > COMMENT_MAX;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (body.trim() === '') {
      setStatus({ state: 'failed', message: 'Write something first.' });
      return;
    }
    setStatus({ state: 'sending' });
    try {
      await onSend(body.trim());
      setBody('');
      setStatus({ state: 'sent' });
    } catch (error) {
      setStatus({ state: 'failed', message: `Not added: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}` });
    }
  };
  const failed = status.state === 'failed' ? status.message : undefined;
  return (
    <form className="card form comment-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className={`field${failed || tooLong ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-body`}>Add a comment</label>
        <textarea id={`${id}-body`} rows={4} value={body} aria-describedby={`${id}-hint`} aria-invalid={tooLong || !!failed || undefined}
          onChange={(e) => {
            setBody(e.target.value);
            if (status.state !== 'sending') setStatus({ state: 'idle' });
          }} />
        <small id={`${id}-hint`} className={tooLong ? 'error-text' : 'muted'}>
          {seekerName} sees it on this application’s page. {body.length > COMMENT_MAX * 0.9 && `${body.length} of ${COMMENT_MAX} characters.`}
        </small>
      </div>
      <div className="comment-actions">
        <button type="submit" className="button primary" disabled={status.state === 'sending' || tooLong}>Add comment</button>
        <span role="status" className={failed ? 'error-text' : 'muted'}>
          {status.state === 'sending' ? 'Adding…' : status.state === 'sent' ? 'Comment added.' : failed ?? ''}
        </span>
      </div>
    </form>
  );
}
