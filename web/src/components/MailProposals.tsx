/**
 * The employer's messages the mailbox sync read, waiting for the user on Today and on their
 * application's page (issue 16, item 3): what each says and what accepting does; accept (with their
 * date when it reads two ways) or set it aside. Nothing about the plan changes until the user
 * accepts. Shows nothing when none waits.
 */
import { useState } from 'react';
import type { InferResponseType } from 'hono/client';
import { client, ok, type Api } from '../api.js';
import { useData } from '../data.js';
import { dayOf, plainDates, when } from '../format.js';
import { Link } from '../router.js';
import { ErrorNote } from './ui.js';
import './MailProposals.css';

type ProposalJson = InferResponseType<Api['mailbox']['proposals']['$get'], 200>['proposals'][number];

function Proposal({ p, userZone, onDecided, linked }: { p: ProposalJson; userZone: string; onDecided: (words: string) => void; linked: boolean }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error>();
  const [choice, setChoice] = useState('');
  const needsChoice = p.choices.length > 1;
  const decide = async (how: 'accept' | 'dismiss'): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      const param = { id: String(p.id) };
      const out = how === 'accept'
        ? await ok(client.api.mailbox.proposals[':id'].accept.$post({ param, json: choice !== '' ? { decisionBy: choice } : {} }))
        : await ok(client.api.mailbox.proposals[':id'].dismiss.$post({ param }));
      onDecided(plainDates(out.words));
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
      setBusy(false);
    }
  };
  const bounce = p.kind === 'bounce';
  return (
    <li className={`card item ${bounce ? 'item-overdue' : 'item-due'}`}>
      <div className="item-main">
        <h3 className="item-title">{plainDates(p.headline)}</h3>
        <p className="item-sub">
          {linked ? <><Link href={`/applications/${encodeURIComponent(p.applicationId)}`}>{p.company}</Link> · </> : null}
          {p.subject !== '' && <>“{p.subject}” · </>}received {when(p.at, userZone)}
        </p>
        <p className="item-date">{p.detail}</p>
        {needsChoice && (
          <label className="mp-choice">
            Their words can mean two dates; which did they mean?{' '}
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose a date</option>
              {p.choices.map((c) => <option key={c} value={c}>{dayOf(c)}</option>)}
            </select>
          </label>
        )}
        <ErrorNote error={problem} />
      </div>
      <div className="item-actions">
        <button type="button" className="button primary" disabled={busy || (needsChoice && choice === '')} onClick={() => void decide('accept')}>
          {bounce ? 'Noted' : 'Accept'}
        </button>
        {!bounce && <button type="button" className="button" disabled={busy} onClick={() => void decide('dismiss')}>Set aside</button>}
      </div>
    </li>
  );
}

/**
 * "Mail to review": on Today every application's, on an application's page (`applicationId`) only
 * its own, without the link to the page it is on. `onChanged` reloads the agenda or the application
 * after an accepted change.
 */
export function MailProposals({ userZone, onChanged, applicationId }: { userZone: string; onChanged: () => void; applicationId?: string }) {
  const { data, error, reload } = useData(
    () => ok(client.api.mailbox.proposals.$get({ query: applicationId !== undefined ? { application: applicationId } : {} })), [applicationId],
  );
  const [said, setSaid] = useState<string>();
  // A message decided here leaves the list at once, with the words that say what was done, not when
  // the list comes back from the server.
  const [decided, setDecided] = useState<ReadonlySet<ProposalJson['id']>>(new Set());
  const list = (data?.proposals ?? []).filter((p) => !decided.has(p.id));
  if (error) return <ErrorNote error={error} />;
  if (list.length === 0 && said === undefined) return null;
  return (
    <section aria-labelledby="mail-to-review" className="section mp-section">
      <h2 id="mail-to-review" className="section-title">Mail to review <span className="count">{list.length}</span></h2>
      <p className={said ? 'notice good' : 'mp-said'} role="status" aria-live="polite">{said}</p>
      {list.length > 0 && (
        <ul className="list">
          {list.map((p) => <Proposal key={p.id} p={p} userZone={userZone} linked={applicationId === undefined} onDecided={(words) => {
            setSaid(words);
            setDecided((before) => new Set(before).add(p.id));
            reload();
            onChanged();
          }} />)}
        </ul>
      )}
    </section>
  );
}
