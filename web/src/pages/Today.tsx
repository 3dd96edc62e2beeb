/** Today: the employer's mail to review, then what is overdue, due now and coming this week, each with its why, a draft and a log button. */
import { useState } from 'react';
import type { AgendaItemJson, AgendaJson } from '../api.js';
import { fetchWeek } from '../prefetch.js';
import { CoachNotes } from '../components/CoachNotes.js';
import { MailProposals } from '../components/MailProposals.js';
import { LogTouchDialog, touchKindOf, type LogDefaults } from '../components/LogTouch.js';
import { ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { Warnings as WarningList, type WarningData } from '../components/Warnings.js';
import { Why } from '../components/Why.js';
import { useData } from '../data.js';
import { day, dayOf, kindLabel, personLabel, relative, whenIn, words } from '../format.js';
import { Link } from '../router.js';

export function draftHref(item: { applicationId: string; kind: string; personId?: string | undefined; referenceId?: string | undefined }): string | undefined {
  const q = new URLSearchParams();
  if (item.personId) q.set('person', item.personId);
  if (item.referenceId) q.set('reference', item.referenceId);
  const base = `/applications/${encodeURIComponent(item.applicationId)}`;
  if (item.kind === 'call') return `${base}/call?${q.toString()}`;
  if (item.kind === 'thank_you' || item.kind === 'status_check' || item.kind === 'reference_brief') {
    q.set('kind', item.kind);
    return `${base}/draft?${q.toString()}`;
  }
  return undefined;
}

function title(item: AgendaItemJson): string {
  const who = personLabel(item.person);
  if (item.kind === 'give_up') return `Move on from ${item.company}`;
  return who ? `${kindLabel(item.kind)} to ${who}` : kindLabel(item.kind);
}

/** Where an application's link goes: the job seeker's own page, or a coach's read-only view of it. */
export type AppHref = (applicationId: string) => string;

const ownApplication: AppHref = (id) => `/applications/${encodeURIComponent(id)}`;

interface ItemProps {
  readonly userZone: string;
  readonly now: number;
  /** Without it the list is read-only (a coach's view): no draft, no log. */
  readonly onLog?: ((d: LogDefaults) => void) | undefined;
  readonly appHref: AppHref;
}

function Item({ item, userZone, now, onLog, appHref }: ItemProps & { item: AgendaItemJson }) {
  const href = draftHref(item);
  const key = item.status === 'overdue' ? item.latest : item.status === 'upcoming' ? item.earliest : item.ideal;
  // The recipient's clock, named with the user's beside it when the recipient is elsewhere.
  const at = (iso: string): string => whenIn(iso, item.timeZone, userZone);
  return (
    <li className={`card item item-${item.status}`}>
      <div className="item-main">
        <h3 className="item-title">{title(item)}</h3>
        <p className="item-sub">
          <Link href={appHref(item.applicationId)}>{item.company}</Link> · {item.role} · {words(item.channel)}
        </p>
        <p className="item-date">
          <StatusChip status={item.status} />{' '}
          {item.status === 'overdue' && <>was due by {at(item.latest)} ({relative(item.latest, now)})</>}
          {item.status === 'due' && <>ideally {at(item.ideal)}; at the latest {at(item.latest)}</>}
          {item.status === 'blocked' && <>next allowed {at(item.nextAllowed ?? key)}</>}
          {item.status === 'upcoming' && <>from {at(item.earliest)}; ideally {at(item.ideal)}</>}
        </p>
        <Why rec={item} userZone={userZone} />
      </div>
      {onLog && (
        <div className="item-actions">
          {href && <Link className="button primary" href={href}>{item.kind === 'call' ? 'Call script' : 'Draft'}</Link>}
          <button type="button" className="button" onClick={() => onLog({
            applicationId: item.applicationId, kind: touchKindOf(item.kind),
            ...(item.personId ? { personId: item.personId } : {}), ...(item.referenceId ? { referenceId: item.referenceId } : {}),
          })}>Log what happened</button>
        </div>
      )}
    </li>
  );
}

/** Items a section shows before "Show all": the first screens of a long week, the rest a click away. */
const SHOWN_FIRST = 20;

function Section({ title: heading, items, empty, level, ...rest }: ItemProps & { title: string; items: readonly AgendaItemJson[]; empty?: string; level: 2 | 3 }) {
  const [all, setAll] = useState(false);
  if (items.length === 0 && !empty) return null;
  const id = heading.toLowerCase().replace(/\W+/g, '-');
  const H = level === 2 ? 'h2' : 'h3';
  const shown = all ? items : items.slice(0, SHOWN_FIRST);
  return (
    <section aria-labelledby={id} className="section">
      <H id={id} className="section-title">{heading} <span className="count">{items.length}</span></H>
      {items.length === 0 ? <p className="muted">{empty}</p> : <ul className="list">{shown.map((i) => <Item key={`${i.applicationId}-${i.kind}-${i.personId ?? ''}-${i.referenceId ?? ''}-${i.sequence ?? ''}-${i.ideal}`} item={i} {...rest} />)}</ul>}
      {items.length > shown.length && (
        <p><button type="button" className="button" onClick={() => setAll(true)}>Show the other {items.length - shown.length}</button></p>
      )}
    </section>
  );
}

/** Offers that want an answer this week (or already did), each with its day. */
function OfferSection({ offers, today, appHref, level }: { offers: AgendaJson['offers']; today: string; appHref: AppHref; level: 2 | 3 }) {
  if (offers.length === 0) return null;
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="offers-to-answer" className="section">
      <H id="offers-to-answer" className="section-title">Offers to answer <span className="count">{offers.length}</span></H>
      <ul className="list">
        {offers.map((o) => (
          <li key={o.applicationId} className={`card item ${o.respondBy < today ? 'item-overdue' : 'item-due'}`}>
            <div className="item-main">
              <h3 className="item-title">Answer the offer from {o.company}</h3>
              <p className="item-sub"><Link href={appHref(o.applicationId)}>{o.company}</Link> · {o.role}</p>
              <p className="item-date">{o.respondBy < today ? 'They wanted an answer by' : 'They want an answer by'} {dayOf(o.respondBy)}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The week's agenda split as Today shows it: overdue, due now (today's coming items included), later this week. */
export function splitAgenda(data: AgendaJson) {
  const now = new Date(data.now).getTime();
  const todayEnd = new Date(data.now.slice(0, 10) + 'T23:59:59' + data.now.slice(19)).getTime();
  const comingToday = data.coming.filter((i) => new Date(i.earliest).getTime() <= todayEnd);
  const later = data.coming.filter((i) => new Date(i.earliest).getTime() > todayEnd);
  const nothing = data.overdue.length + data.due.length + data.coming.length + data.offers.length === 0;
  const summary = [
    data.overdue.length > 0 ? `${data.overdue.length} overdue` : '',
    `${data.due.length + comingToday.length} to do today`,
    `${later.length} later this week`,
    data.offers.length > 0 ? `${data.offers.length} ${data.offers.length === 1 ? 'offer' : 'offers'} to answer` : '',
  ].filter(Boolean).join(' · ');
  return { now, dueNow: [...data.due, ...comingToday], later, nothing, summary };
}

/** The warnings above the agenda (Today, a coach's view of it): worded and folded by components/Warnings. */
export function Warnings({ warnings, appHref }: { warnings: readonly WarningData[]; appHref?: AppHref }) {
  return <WarningList warnings={warnings} appHref={appHref} />;
}

/** Overdue, due now and later this week; read-only without `onLog`. Headings at `level` (2 on Today, 3 inside a coach's view). */
export function AgendaSections({ data, userZone, onLog, appHref = ownApplication, level = 2, emptyText }: {
  data: AgendaJson; userZone: string; onLog?: (d: LogDefaults) => void; appHref?: AppHref; level?: 2 | 3; emptyText?: string;
}) {
  const { now, dueNow, later, nothing } = splitAgenda(data);
  const rest = { userZone, now, onLog, appHref, level };
  return (
    <>
      <Section title="Overdue" items={data.overdue} {...rest} />
      <Section title="Due now" items={dueNow} {...(nothing ? (emptyText ? { empty: emptyText } : {}) : { empty: 'Nothing else due today.' })} {...rest} />
      <Section title="Later this week" items={later} {...rest} />
      <OfferSection offers={data.offers} today={data.now.slice(0, 10)} appHref={appHref} level={level} />
    </>
  );
}

/** `shared`: a job seeker on a shared server, whose coaches' new comments come first. */
export function Today({ userZone, shared = false }: { userZone: string; shared?: boolean }) {
  const { data, error, loading, reload } = useData(fetchWeek, []);
  const [logging, setLogging] = useState<LogDefaults>();
  if (!data) return <Page title="Today">{loading ? <Loading what="today's actions" /> : <ErrorNote error={error} />}</Page>;
  const { nothing, summary } = splitAgenda(data);
  return (
    <Page title="Today" subtitle={<>{day(data.now, userZone)} — {summary}</>}>
      <ErrorNote error={error} />
      {shared && <CoachNotes userZone={userZone} />}
      <Warnings warnings={data.warnings} appHref={ownApplication} />
      <MailProposals userZone={userZone} onChanged={reload} />
      {nothing && (
        <div className="empty card">
          <h2>Nothing to do right now</h2>
          <p>After an interview, record it with the people you met: Afterword works out who to thank and when to check in.</p>
          <Link className="button primary" href="/applications/new">Add an application</Link>
        </div>
      )}
      <AgendaSections data={data} userZone={userZone} onLog={setLogging} />
      {logging && <LogTouchDialog defaults={logging} onClose={() => setLogging(undefined)} onSaved={reload} />}
    </Page>
  );
}
