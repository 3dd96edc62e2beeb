/**
 * A coach's pages (shared server), all read-only but for comments: the dashboard of the job seekers
 * they follow, those needing attention first; one job seeker's Today and applications; and one
 * application with its plan, its history and the comments, with a box to add one.
 */
import { accounts, ok, type SeekerStatusJson } from '../api.js';
import { applicationRecord } from '../components/AppRecord.js';
import { CommentForm, CommentList } from '../components/Comments.js';
import { dateOnly } from '../components/InterviewDebrief.js';
import { Chip, ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { RuleWhy, Why } from '../components/Why.js';
import { useData } from '../data.js';
import { kindLabel, when, whenIn, words } from '../format.js';
import { Link } from '../router.js';
import { ApplicationSections } from './Application.js';
import { AgendaSections, splitAgenda, Warnings } from './Today.js';
import './Coach.css';

/** The coach's own zone: the dashboard's dates are theirs; a job seeker's plan names the recipient's zone when it differs. */
const coachZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const seekerHref = (seekerId: string): string => `/seekers/${encodeURIComponent(seekerId)}`;
const appHref = (seekerId: string) => (applicationId: string): string => `${seekerHref(seekerId)}/applications/${encodeURIComponent(applicationId)}`;

interface DateWhy { readonly reason: string; readonly rules: readonly string[] }

const STATUS_CHECK_WHY: DateWhy = {
  reason: 'The first day the next status check may be made: after the decision date the employer gave (F1), without one by the interview’s stage (F2), or a week or so after an unanswered check (F4). The job seeker’s plan names the rule that applied and the ideal day.',
  rules: ['F1', 'F2', 'F4'],
};

/** Why a waiting-on date is what it is, by the kind of step it is for. */
const NEXT_CHECK_WHY: Readonly<Record<string, DateWhy>> = {
  status_check: STATUS_CHECK_WHY,
  call: { reason: 'The first moment for a follow-up call: never on a Monday or the day after the interview, after lunch or in the last working hour (C1), at most one a week (C2).', rules: ['C1', 'C2'] },
  give_up: { reason: 'When to move on if no reply has come: after two unanswered checks or a month without a response (F5).', rules: ['F5'] },
};

const THANK_YOU_WHY: DateWhy = {
  reason: 'The latest moment for a thank-you is 24 hours after the interview ended (T2); ideally it goes the same day by 17:00 after a morning interview, or by 12:00 the next day after an afternoon one. Every person met gets one (T1).',
  rules: ['T1', 'T2'],
};

function attention(s: SeekerStatusJson): 'bad' | 'warn' | 'plain' {
  return s.overdueThankYous.length > 0 ? 'bad' : s.quietDays !== null || s.overdue > 0 ? 'warn' : 'plain';
}

function SeekerRow({ s, zone }: { s: SeekerStatusJson; zone: string }) {
  const href = seekerHref(s.seeker.id);
  const calm = s.setUp && s.overdueThankYous.length === 0 && s.quietDays === null && s.overdue === 0;
  const headingId = `seeker-${s.seeker.id}`;
  return (
    <li className={`card coach-row coach-${attention(s)}`} aria-labelledby={headingId}>
      <div className="coach-who">
        <h2 className="coach-name" id={headingId}><Link href={href}>{s.seeker.name}</Link></h2>
        <p className="muted coach-email">{s.seeker.email}</p>
        {s.setUp && (
          <p className="coach-counts">
            <Chip tone={s.overdue > 0 ? 'bad' : 'plain'}>{s.overdue} overdue</Chip>
            <Chip tone={s.due > 0 ? 'warn' : 'plain'}>{s.due} due now</Chip>
            <Chip>{s.active} active</Chip>
          </p>
        )}
      </div>
      <div className="coach-attention">
        <h3 className="coach-sub">Needs attention</h3>
        {!s.setUp && <p className="muted">Has not set up Afterword yet: nothing can be planned before they do.</p>}
        {calm && <p className="muted">Nothing overdue.</p>}
        {s.overdueThankYous.length > 0 && (
          <ul className="coach-items">
            {s.overdueThankYous.map((t) => (
              <li key={`${t.applicationId}-${t.person ?? ''}`}>
                <p className="coach-item">
                  <Chip tone="bad">Overdue</Chip> Thank-you {t.person ? <>to <strong>{t.person}</strong> </> : ''}at{' '}
                  <Link href={appHref(s.seeker.id)(t.applicationId)}>{t.company}</Link>
                </p>
                <p className="coach-date">
                  latest <time dateTime={t.latest} title="T2: the latest moment for a thank-you">{when(t.latest, zone)}</time>
                  {' · '}<span className="rule-id" title="T2: Thank-you timing">T2</span>
                </p>
                <RuleWhy {...THANK_YOU_WHY} />
              </li>
            ))}
          </ul>
        )}
        {s.quietDays !== null && (
          <div className="coach-item-block">
            <p className="coach-item">
              <Chip tone="warn">Quiet</Chip> No application for <strong>{s.quietDays} days</strong>
              {s.lastAppliedOn && <> (last on <time dateTime={s.lastAppliedOn} title="P1: keep searching">{dateOnly(s.lastAppliedOn)}</time>)</>}
              {' · '}<span className="rule-id" title="P1: Keep searching">P1</span>
            </p>
            <RuleWhy reason="Keep applying while waiting on replies (P1): Afterword flags a job seeker who has not added an application for the quiet limit of their settings (7 days unless they changed it)." rules={['P1']} label="Why flagged?" />
          </div>
        )}
      </div>
      <div className="coach-waiting">
        <h3 className="coach-sub">Waiting on</h3>
        {s.waitingOn.length === 0 ? <p className="muted">{s.setUp ? 'No employer: nothing pending.' : '—'}</p> : (
          <ul className="coach-items">
            {s.waitingOn.map((w) => {
              const why = NEXT_CHECK_WHY[w.kind] ?? STATUS_CHECK_WHY;
              const rules = why.rules.join('/');
              return (
                <li key={w.applicationId}>
                  <p className="coach-item"><Link href={appHref(s.seeker.id)(w.applicationId)}>{w.company}</Link> <span className="muted">· {w.role}</span></p>
                  <p className="coach-date">
                    {w.kind === 'give_up' ? (w.open ? 'move on since' : 'move on from') : `${w.open ? '' : 'next '}${kindLabel(w.kind).toLowerCase()} ${w.open ? 'open since' : 'from'}`}{' '}
                    <time dateTime={w.nextCheck} title={`${rules}: the first day for this step`}>{when(w.nextCheck, zone)}</time>
                    {' · '}<span className="rule-id" title={why.rules.join(', ')}>{rules}</span>
                  </p>
                  <RuleWhy {...why} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </li>
  );
}

export function CoachDashboard() {
  const { data, error, loading } = useData(() => ok(accounts.coach.dashboard.$get()), []);
  if (!data) return <Page title="Your job seekers">{loading ? <Loading what="your job seekers" /> : <ErrorNote error={error} />}</Page>;
  const zone = coachZone();
  const needing = data.seekers.filter((s) => attention(s) !== 'plain').length;
  return (
    <Page title="Your job seekers"
      subtitle={<>{data.seekers.length === 1 ? '1 person' : `${data.seekers.length} people`} you follow{data.seekers.length > 0 && <> · {needing} {needing === 1 ? 'needs' : 'need'} attention, shown first</>}. Dates in your time zone.</>}>
      {data.seekers.length === 0 ? (
        <div className="empty card">
          <h2>No one to follow yet</h2>
          <p>An admin assigns job seekers to you, or invites them with you as their coach.</p>
        </div>
      ) : <ul className="list coach-list">{data.seekers.map((s) => <SeekerRow key={s.seeker.id} s={s} zone={zone} />)}</ul>}
    </Page>
  );
}

/** Who the job seeker is (name, email), for a coach's page about them. */
function useSeeker(seekerId: string) {
  return useData(() => ok(accounts.coach.seekers[':seekerId'].$get({ param: { seekerId } })), [seekerId]);
}

const READ_ONLY = 'Read-only: you see what they see. They write and send their own notes.';

export function CoachSeeker({ seekerId }: { seekerId: string }) {
  const param = { seekerId };
  const seeker = useSeeker(seekerId);
  const week = useData(() => ok(accounts.coach.seekers[':seekerId'].week.$get({ param })), [seekerId]);
  const board = useData(() => ok(accounts.coach.seekers[':seekerId'].board.$get({ param })), [seekerId]);
  const name = seeker.data?.seeker.name ?? 'Job seeker';
  const zone = coachZone();
  const error = week.error ?? board.error;
  if (!week.data || !board.data) {
    return <Page title={name}>{error ? <ErrorNote error={error} /> : <Loading what={`${name}’s plan`} />}</Page>;
  }
  const { nothing, summary } = splitAgenda(week.data);
  const href = appHref(seekerId);
  const cards = board.data.applications;
  const open = cards.filter((c) => c.status === 'active' || c.status === 'offer');
  const closed = cards.filter((c) => c.status !== 'active' && c.status !== 'offer');
  return (
    <Page title={name} subtitle={<>{seeker.data?.seeker.email && <>{seeker.data.seeker.email} · </>}{READ_ONLY}</>}
      actions={<Link href="/" className="button small">All job seekers</Link>}>
      <section aria-labelledby="today-h" className="section">
        <h2 id="today-h">Their Today <span className="muted coach-summary">{summary}</span></h2>
        <Warnings warnings={week.data.warnings} />
        <AgendaSections data={week.data} userZone={zone} appHref={href} level={3} {...(nothing ? { emptyText: 'Nothing to do this week.' } : {})} />
      </section>
      <section aria-labelledby="apps-h" className="section">
        <h2 id="apps-h">Applications <span className="count">{cards.length}</span></h2>
        {cards.length === 0 ? <p className="muted">No application yet.</p> : (
          <>
            <ul className="list coach-apps">
              {open.map((c) => (
                <li key={c.id} className="card coach-app">
                  <div>
                    <h3 className="item-title"><Link href={href(c.id)}>{c.company}</Link></h3>
                    <p className="item-sub">{c.role} · <Chip tone={c.status === 'offer' ? 'good' : 'info'}>{words(c.status)}</Chip></p>
                  </div>
                  {c.next ? (
                    <div className="coach-next">
                      <p className="item-sub">
                        <strong>{c.next.kind === 'give_up' ? 'Move on' : kindLabel(c.next.kind)}</strong> <StatusChip status={c.next.status} />{' '}
                        {c.next.status === 'overdue' ? <>was due by {whenIn(c.next.latest, c.next.timeZone, zone)}</> : <>ideally {whenIn(c.next.ideal, c.next.timeZone, zone)}</>}
                      </p>
                      <Why rec={c.next} userZone={zone} />
                    </div>
                  ) : <p className="muted coach-next">Nothing planned right now.</p>}
                </li>
              ))}
            </ul>
            {closed.length > 0 && (
              <details className="done-steps coach-closed">
                <summary>Closed ({closed.length})</summary>
                <ul className="coach-closed-list">
                  {closed.map((c) => <li key={c.id}><Link href={href(c.id)}>{c.company}</Link> · {c.role} · {words(c.status)}</li>)}
                </ul>
              </details>
            )}
          </>
        )}
      </section>
    </Page>
  );
}

export function CoachApplication({ seekerId, applicationId }: { seekerId: string; applicationId: string }) {
  const param = { seekerId, id: applicationId };
  const seeker = useSeeker(seekerId);
  const view = useData(() => ok(accounts.coach.seekers[':seekerId'].applications[':id'].$get({ param })), [seekerId, applicationId]);
  const comments = useData(() => ok(accounts.coach.seekers[':seekerId'].applications[':id'].comments.$get({ param })), [seekerId, applicationId]);
  const name = seeker.data?.seeker.name ?? 'the job seeker';
  const zone = coachZone();
  if (!view.data) return <Page title="Application">{view.error ? <ErrorNote error={view.error} /> : <Loading what="the application" />}</Page>;
  const app = applicationRecord(view.data.application);
  const send = async (body: string): Promise<void> => {
    await ok(accounts.coach.seekers[':seekerId'].applications[':id'].comments.$post({ param, json: { body } }));
    comments.reload();
  };
  return (
    <Page title={app.company}
      subtitle={<>
        {app.role} · {words(app.status)}{app.appliedOn && <> · applied {dateOnly(app.appliedOn)}</>} · {name}’s application, read-only
      </>}
      actions={<Link href={seekerHref(seekerId)} className="button small">Back to {seeker.data?.seeker.name ?? 'the job seeker'}</Link>}>
      <ApplicationSections data={view.data} userZone={zone} base={appHref(seekerId)(app.id)}>
        <section aria-labelledby="comments-h" className="section">
          <h2 id="comments-h">Comments <span className="count">{comments.data?.comments.length ?? 0}</span></h2>
          {comments.error && <ErrorNote error={comments.error} />}
          {comments.data && (comments.data.comments.length === 0
            ? <p className="muted">No comments yet.</p>
            : <CommentList comments={comments.data.comments} userZone={zone} />)}
          <CommentForm seekerName={seeker.data?.seeker.name ?? 'The job seeker'} onSend={send} />
        </section>
      </ApplicationSections>
    </Page>
  );
}
