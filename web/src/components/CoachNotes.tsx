/**
 * Today's "From your coach": the coaches' comments this job seeker has not marked as read (of the
 * last 30 days, on their active applications and offers). What was read is remembered in this
 * browser: the newest comment's number.
 */
import { useState } from 'react';
import { accounts, ok } from '../api.js';
import { useData } from '../data.js';
import { when } from '../format.js';
import { Link } from '../router.js';
import './CoachNotes.css';

const SEEN_KEY = 'afterword:coach-comments-read';

function seenUpTo(): number {
  try {
    return Number(window.localStorage.getItem(SEEN_KEY) ?? '0') || 0;
  } catch {
    return 0;
  }
}

export function CoachNotes({ userZone }: { userZone: string }) {
  const { data } = useData(() => ok(accounts.comments.recent.$get({ query: {} })), []);
  const [seen, setSeen] = useState(seenUpTo);
  const fresh = (data?.comments ?? []).filter((c) => c.id > seen);
  if (fresh.length === 0) return null;
  const markRead = (): void => {
    const newest = Math.max(...fresh.map((c) => c.id));
    try {
      window.localStorage.setItem(SEEN_KEY, String(newest));
    } catch {
      // Private browsing without storage: hidden until the page is opened again.
    }
    setSeen(newest);
  };
  return (
    <section aria-labelledby="coach-notes-h" className="section coach-notes">
      <h2 id="coach-notes-h" className="section-title">From your coach <span className="count">{fresh.length}</span></h2>
      <ol>
        {fresh.map((c) => (
          <li key={c.id} className="card">
            <p className="coach-notes-head">
              <strong>{c.authorName}</strong> on <Link href={`/applications/${encodeURIComponent(c.applicationId)}`}>{c.company}</Link>
              {' '}<span className="muted">· {c.role} · <time dateTime={c.at}>{when(c.at, userZone)}</time></span>
            </p>
            <p className="coach-notes-body">{c.body}</p>
          </li>
        ))}
      </ol>
      <p><button type="button" className="button small" onClick={markRead}>Mark as read</button></p>
    </section>
  );
}
