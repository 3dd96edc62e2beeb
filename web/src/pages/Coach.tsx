/**
 * A coach's pages (shared server), all read-only but for comments: the dashboard of the job seekers
 * they follow, those needing attention first; one job seeker's Today and applications; and one
 * application with its plan, its history and the comments, with a box to add one.
 */
import { accounts, ApiError, ok } from '../api.js';
import { CommentForm, CommentList } from '../components/Comments.js';
import { dateOnly } from '../components/InterviewDebrief.js';
import { Chip, ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { Why } from '../components/Why.js';
import { useData } from '../data.js';
import { kindLabel, whenIn, words } from '../format.js';
import { Link } from '../router.js';
import { ApplicationSections } from './Application.js';
import { AgendaSections, splitAgenda, Warnings } from './Today.js';
import { coachZone, seekerAppHref as appHref, seekerHref } from './CoachTable.js';
import './Coach.css';

export { CoachDashboard } from './CoachTable.js';

/** Who the job seeker is (name, email), for a coach's page about them. */
function useSeeker(seekerId: string) {
  return useData(() => ok(accounts.coach.seekers[':seekerId'].$get({ param: { seekerId } })), [seekerId]);
}

const READ_ONLY = 'Read-only: you see what they see. They write and send their own notes.';

/** A job seeker's page: their plan once they are set up; before that, where they are and what happens next. */
export function CoachSeeker({ seekerId }: { seekerId: string }) {
  const row = useData(() => ok(accounts.coach.seekers[':seekerId'].row.$get({ param: { seekerId } })), [seekerId]);
  if (!row.data) {
    const missing = row.error instanceof ApiError && row.error.status === 404;
    return (
      <Page title={missing ? 'Not among your job seekers' : 'Job seeker'}>
        {row.error ? <ErrorNote error={row.error} /> : <Loading what="the job seeker" />}
      </Page>
    );
  }
  const { seeker, joined } = row.data.row;
  if (joined !== 'set_up') {
    return (
      <Page title={seeker.name} subtitle={seeker.email} actions={<Link href="/" className="button small">All job seekers</Link>}>
        <div className="card coach-not-set-up">
          <h2>{joined === 'no_password' ? 'Not joined yet' : joined === 'deactivated' ? 'Account deactivated' : 'Not set up yet'}</h2>
          <p>{joined === 'no_password'
            ? `${seeker.name} has not accepted their invitation, so they cannot sign in yet. An admin can send them a new invitation or a password reset link.`
            : joined === 'deactivated'
              ? `An admin has deactivated ${seeker.name}’s account, so they cannot sign in and nothing they owe is counted. Their records are kept; their plan shows here again if an admin reactivates the account.`
              : `${seeker.name} has an account but has not saved their name, time zone and region yet. Their plan appears here once they do.`}</p>
        </div>
      </Page>
    );
  }
  return <CoachSeekerPlan seekerId={seekerId} />;
}

function CoachSeekerPlan({ seekerId }: { seekerId: string }) {
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
  const app = view.data.application;
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
