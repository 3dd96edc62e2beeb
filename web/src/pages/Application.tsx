/**
 * One application: its plan (each step with its window and why, a draft and a log button), its
 * history in date order, the people, the interviews with their debriefs, and the red flags.
 * One request (GET /api/applications/:id) gives all of it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { accounts, client, ok, type ApplicationJson, type RecommendationJson } from '../api.js';
import { CommentList } from '../components/Comments.js';
import { CLOSED_STATUSES, type ApplicationRecord, type PersonRecord } from '../components/AppRecord.js';
import { ApplicationDetails } from '../components/ApplicationDetails.js';
import { AppTimeline } from '../components/AppTimeline.js';
import { dateOnly, InterviewDebrief } from '../components/InterviewDebrief.js';
import { LogTouchDialog, touchKindOf, type LogDefaults } from '../components/LogTouch.js';
import { MailProposals } from '../components/MailProposals.js';
import { PasteReply } from '../components/PasteReply.js';
import { PersonDialog } from '../components/PersonDialog.js';
import { Chip, ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { ruleTitle, Why, Window } from '../components/Why.js';
import { useData } from '../data.js';
import { kindLabel, personLabel, plainSentence, whenIn, words } from '../format.js';
import { Link } from '../router.js';
import { draftHref } from './Today.js';
import './Application.css';

const PENDING = new Set(['overdue', 'due', 'blocked', 'upcoming']);
const APP_TONE: Readonly<Record<string, 'plain' | 'good' | 'bad' | 'warn' | 'info'>> = {
  active: 'info', offer: 'good', accepted: 'good', declined: 'plain', rejected: 'bad', withdrawn: 'plain', no_response: 'warn', filled: 'bad',
};

type RedFlagJson = ApplicationJson['redFlags'][number];

function recTitle(rec: RecommendationJson, people: readonly PersonRecord[]): string {
  const person = rec.personId ? people.find((p) => p.id === rec.personId) : undefined;
  if (rec.kind === 'give_up') return 'Move on';
  if (rec.referenceId) return `${kindLabel(rec.kind)} (reference ${rec.referenceId})`;
  return person ? `${kindLabel(rec.kind)} to ${personLabel(person)}` : kindLabel(rec.kind);
}

/** What the job seeker can do on their own application; a coach's read-only view has none of it. */
export interface ApplicationActions {
  readonly onLog: (d: LogDefaults) => void;
  readonly onClose: () => void;
  readonly onAddPerson: () => void;
  /** After the details were edited. */
  readonly onSaved?: () => void;
}

function PlanItem({ rec, app, userZone, actions }: { rec: RecommendationJson; app: ApplicationRecord; userZone: string; actions: ApplicationActions | undefined }) {
  const href = draftHref(rec);
  const cc = rec.ccPersonIds.map((id) => personLabel(app.people.find((p) => p.id === id)) || id);
  const pending = PENDING.has(rec.status);
  const headingId = `rec-${rec.kind}-${rec.personId ?? rec.referenceId ?? ''}-${rec.sequence ?? 0}-${rec.interviewId ?? ''}`;
  return (
    <li className={`card item plan-item item-${rec.status}`} aria-labelledby={headingId}>
      <div className="item-main">
        <h3 className="item-title" id={headingId}>{recTitle(rec, app.people)}</h3>
        <p className="item-sub">
          <StatusChip status={rec.status} /> {rec.kind === 'give_up' ? 'if no reply comes by then: close it as no response (F5)' : words(rec.channel)}
          {cc.length > 0 && <> · CC {cc.join(', ')}</>}
          {rec.status === 'blocked' && rec.nextAllowed && <> · next allowed {whenIn(rec.nextAllowed, rec.timeZone, userZone)}</>}
        </p>
        {pending && <Window rec={rec} userZone={userZone} />}
        <Why rec={rec} userZone={userZone} />
      </div>
      {actions && pending && rec.kind === 'give_up' && (
        <div className="item-actions">
          <button type="button" className="button" onClick={actions.onClose}>Close as no response</button>
        </div>
      )}
      {actions && pending && rec.kind !== 'give_up' && (
        <div className="item-actions">
          {href && <Link className="button primary" href={href}>{rec.kind === 'call' ? 'Call script' : 'Draft'}</Link>}
          <button type="button" className="button" onClick={() => actions.onLog({
            applicationId: app.id, kind: touchKindOf(rec.kind),
            ...(rec.kind === 'call' ? { channel: 'phone' as const } : {}),
            ...(rec.personId ? { personId: rec.personId } : {}), ...(rec.referenceId ? { referenceId: rec.referenceId } : {}),
          })}>Log what happened</button>
        </div>
      )}
    </li>
  );
}

function People({ people, onAdd }: { people: readonly PersonRecord[]; onAdd: (() => void) | undefined }) {
  return (
    <section aria-labelledby="people-h" className="section">
      <div className="section-head">
        <h2 id="people-h">People <span className="count">{people.length}</span></h2>
        {onAdd && <button type="button" className="button small" onClick={onAdd}>Add a person</button>}
      </div>
      {people.length === 0 ? <p className="muted">No one recorded yet.</p> : (
        <ul className="list people-list">
          {people.map((p) => (
            <li key={p.id} className="card person-card">
              <h3 className="person-name">{personLabel(p)}</h3>
              <p className="muted person-sub">{[p.title, words(p.role)].filter(Boolean).join(' · ')}</p>
              <p className="person-chips">
                {p.verified ? <Chip tone="good">Verified</Chip> : <Chip tone="warn">Not verified</Chip>}
                {p.preferredChannel && <Chip>Prefers {words(p.preferredChannel).toLowerCase()}</Chip>}
                {p.informal && <Chip tone="info">First-name terms</Chip>}
              </p>
              {(p.email || p.phone) && <p className="person-contact">{[p.email, p.phone].filter(Boolean).join(' · ')}</p>}
              {p.notes && <p className="person-notes details-text">{p.notes}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RedFlags({ flags, readOnly }: { flags: readonly RedFlagJson[]; readOnly: boolean }) {
  const raised = flags.filter((f) => f.score > 0);
  return (
    <section aria-labelledby="flags-h" className="section">
      <div className="section-head">
        <h2 id="flags-h">Red flags <span className="count">{raised.length}</span></h2>
        {!readOnly && <Link href="/offers" className="button small">Score them on Offers</Link>}
      </div>
      {raised.length === 0 ? <p className="muted">None scored.{!readOnly && ' R7 (process dragged on) is computed from the dates on the Offers page.'}</p> : (
        <ul className="list flag-list">
          {raised.map((f) => (
            <li key={f.flag} className="card flag-card">
              <p className="flag-head">
                <span className="rule-id">{f.flag}</span> <strong>{ruleTitle(f.flag)}</strong>
                <span className="flag-score" aria-label={`score ${f.score} of 5`}>{f.score} / 5</span>
              </p>
              {f.manager && <p className="muted">They would be your manager: counts double.</p>}
              {f.notes && <p className="flag-notes">{f.notes}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CloseDialog({ applicationId, initial, onClose, onSaved }: { applicationId: string; initial: (typeof CLOSED_STATUSES)[number]; onClose: () => void; onSaved: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [status, setStatus] = useState<(typeof CLOSED_STATUSES)[number]>(initial);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      await ok(client.api.applications[':id'].close.$post({ param: { id: applicationId }, json: { status } }));
      ref.current?.close();
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>Close this application</h2>
        <p className="muted">Its history is kept; follow-ups stop.</p>
        <div className="field">
          <label htmlFor={`${id}-status`}>How it ended</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as (typeof CLOSED_STATUSES)[number])}>
            {CLOSED_STATUSES.map((s) => <option key={s} value={s}>{words(s)}</option>)}
          </select>
        </div>
        <ErrorNote error={error} />
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="button primary">Close application</button>
        </div>
      </form>
    </dialog>
  );
}

/** The plan, the timeline, the people and red flags, the interviews: the job seeker's page, or a coach's read-only view without `actions`. */
export function ApplicationSections({ data, userZone, actions, base, children }: {
  data: ApplicationJson; userZone: string; actions?: ApplicationActions; base: string; children?: ReactNode;
}) {
  const app = data.application;
  const pending = data.plan.filter((r) => PENDING.has(r.status));
  const done = data.plan.filter((r) => !PENDING.has(r.status));
  const key = (r: RecommendationJson): string => `${r.kind}-${r.personId ?? ''}-${r.referenceId ?? ''}-${r.sequence ?? ''}-${r.interviewId ?? ''}`;
  return (
    <>
      {data.warnings.length > 0 && (
        <div className="notice warn" role="note">
          {data.warnings.map((w) => <p key={w.rule + w.message}><Chip tone="warn">{w.rule}</Chip> {plainSentence(w.message)}</p>)}
        </div>
      )}
      <section aria-labelledby="plan-h" className="section">
        <h2 id="plan-h">Plan <span className="count">{pending.length}</span></h2>
        {pending.length === 0 ? (
          <p className="muted">{app.status !== 'active' ? 'Closed: no follow-ups.' : app.interviews.length === 0 ? (actions ? 'Add the interview when you have had it: the plan starts from it.' : 'No interview recorded yet: the plan starts from it.') : 'Nothing left to do for now.'}</p>
        ) : <ul className="list">{pending.map((r) => <PlanItem key={key(r)} rec={r} app={app} userZone={userZone} actions={actions} />)}</ul>}
        {done.length > 0 && (
          <details className="done-steps">
            <summary>Done and skipped ({done.length})</summary>
            <ul className="list">{done.map((r) => <PlanItem key={key(r)} rec={r} app={app} userZone={userZone} actions={actions} />)}</ul>
          </details>
        )}
      </section>
      <ApplicationDetails app={app} readOnly={!actions} onSaved={actions?.onSaved ?? (() => undefined)} />
      {children}
      <section aria-labelledby="history-h" className="section">
        <h2 id="history-h">Timeline</h2>
        <AppTimeline app={app} userZone={userZone} />
      </section>
      <div className="app-columns">
        <People people={app.people} onAdd={actions?.onAddPerson} />
        <RedFlags flags={data.redFlags} readOnly={!actions} />
      </div>
      <section aria-labelledby="interviews-h" className="section">
        <h2 id="interviews-h">Interviews and debriefs <span className="count">{app.interviews.length}</span></h2>
        {app.interviews.length === 0 ? <p className="muted">No interview yet.{actions && <> <Link href={`${base}/interviews/new`}>Add one</Link>.</>}</p>
          : <div className="interviews">{[...app.interviews].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime()).map((iv) => <InterviewDebrief key={iv.id} iv={iv} people={app.people} userZone={userZone} />)}</div>}
      </section>
    </>
  );
}

export function ApplicationPage({ applicationId, userZone, shared = false }: { applicationId: string; userZone: string; shared?: boolean }) {
  const { data, error, loading, reload } = useData(() => ok(client.api.applications[':id'].$get({ param: { id: applicationId } })), [applicationId]);
  const [logging, setLogging] = useState<LogDefaults>();
  const [dialog, setDialog] = useState<'person' | 'close' | 'no_response'>();
  if (!data) return <Page title="Application">{loading ? <Loading what="the application" /> : <ErrorNote error={error} />}</Page>;
  const app = data.application;
  const base = `/applications/${encodeURIComponent(app.id)}`;
  return (
    <Page
      title={app.company}
      subtitle={<>
        {app.role} · <Chip tone={APP_TONE[app.status] ?? 'plain'}>{words(app.status)}</Chip>
        {app.appliedOn && <> · applied {dateOnly(app.appliedOn)}</>}
      </>}
      actions={<>
        <Link className="button primary" href={`${base}/interviews/new`}>Add interview</Link>
        {app.status === 'active' && <button type="button" className="button" onClick={() => setDialog('close')}>Close application</button>}
      </>}
    >
      <ErrorNote error={error} />
      {/* The employer's mail about this application waiting for a decision, as on Today. */}
      <MailProposals userZone={userZone} applicationId={app.id} onChanged={reload} />
      <ApplicationSections data={data} userZone={userZone} base={base}
        actions={{ onLog: setLogging, onClose: () => setDialog('no_response'), onAddPerson: () => setDialog('person'), onSaved: reload }}>
        {app.status === 'active' && <PasteReply applicationId={app.id} onApplied={reload} />}
        {shared && <CoachComments applicationId={app.id} userZone={userZone} />}
      </ApplicationSections>
      {logging && <LogTouchDialog defaults={logging} onClose={() => setLogging(undefined)} onSaved={reload} />}
      {dialog === 'person' && <PersonDialog applicationId={app.id} onClose={() => setDialog(undefined)} onSaved={reload} />}
      {(dialog === 'close' || dialog === 'no_response') && (
        <CloseDialog applicationId={app.id} initial={dialog === 'no_response' ? 'no_response' : 'rejected'} onClose={() => setDialog(undefined)} onSaved={reload} />
      )}
    </Page>
  );
}

/** On a shared server: what the job seeker's coaches wrote about this application (read-only), shown only when there is something. */
function CoachComments({ applicationId, userZone }: { applicationId: string; userZone: string }) {
  const { data, error } = useData(() => ok(accounts.applications[':id'].comments.$get({ param: { id: applicationId } })), [applicationId]);
  if (error) return <ErrorNote error={error} />;
  if (!data || data.comments.length === 0) return null;
  return (
    <section aria-labelledby="comments-h" className="section">
      <h2 id="comments-h">From your coach <span className="count">{data.comments.length}</span></h2>
      <CommentList comments={data.comments} userZone={userZone} />
    </section>
  );
}
