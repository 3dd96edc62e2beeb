/**
 * A coach's day: every job seeker they follow in one compact table, overdue first. Filters (with
 * their counts, from the same tests as the rows), a search, sortable columns, all kept in the
 * address; each row's reasons (the planner's words for every date) open with one click.
 */
import { useId, useState, type ReactNode } from 'react';
import type { InferResponseType } from 'hono/client';
import { accounts, ok } from '../api.js';
import { dateOnly } from '../components/InterviewDebrief.js';
import { Chip, ErrorNote, Loading, Page } from '../components/ui.js';
import { ruleTitle } from '../components/Why.js';
import { useData } from '../data.js';
import { kindLabel, personLabel, plainSentence, when, whenIn } from '../format.js';
import { Link, navigate, useLocation } from '../router.js';
import './Coach.css';

export type CoachRowJson = InferResponseType<typeof accounts.coach.table.$get, 200>['rows'][number];
type ItemJson = CoachRowJson['overdue'][number];

/** The coach's own zone: the table's dates are theirs. */
export const coachZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
export const seekerHref = (seekerId: string): string => `/seekers/${encodeURIComponent(seekerId)}`;
export const seekerAppHref = (seekerId: string) => (applicationId: string): string => `${seekerHref(seekerId)}/applications/${encodeURIComponent(applicationId)}`;

// ---------------------------------------------------------------- what the filters and counts test

const FILTERS = ['all', 'overdue', 'due', 'quiet', 'not-joined', 'not-set-up'] as const;
type Filter = (typeof FILTERS)[number];
const isFilter = (v: string): v is Filter => FILTERS.some((f) => f === v);

const SORTS = ['attention', 'name', 'overdue', 'due', 'applied', 'waiting'] as const;
type Sort = (typeof SORTS)[number];
const isSort = (v: string): v is Sort => SORTS.some((s) => s === v);

/** Quiet: set up and no application for `days` days or more (or none at all). */
export function isQuiet(r: CoachRowJson, days: number): boolean {
  return r.joined === 'set_up' && (r.daysSinceApplied === null || r.daysSinceApplied >= days);
}

function passes(r: CoachRowJson, filter: Filter, quietDays: number): boolean {
  switch (filter) {
    case 'all': return true;
    case 'overdue': return r.overdue.length > 0;
    case 'due': return r.due.length > 0;
    case 'quiet': return isQuiet(r, quietDays);
    case 'not-joined': return r.joined === 'no_password' || r.joined === 'invited';
    case 'not-set-up': return r.joined === 'not_set_up';
  }
}

function filterLabel(f: Filter, quietDays: number): string {
  switch (f) {
    case 'all': return 'Everyone';
    case 'overdue': return 'Overdue';
    case 'due': return 'Due now';
    case 'quiet': return `Quiet ${quietDays}+ days`;
    case 'not-joined': return 'Not joined yet';
    case 'not-set-up': return 'Not set up yet';
  }
}

/** Overdue first, then due now, then the longest quiet, then those not joined or set up; by name within each. */
function attentionOrder(a: CoachRowJson, b: CoachRowJson): number {
  // Deactivated accounts last: nothing of theirs needs the coach.
  const joined = (r: CoachRowJson): number => (r.joined === 'set_up' ? 0 : r.joined === 'deactivated' ? 2 : 1);
  return b.overdue.length - a.overdue.length || b.due.length - a.due.length || joined(a) - joined(b)
    || (b.daysSinceApplied ?? Infinity) - (a.daysSinceApplied ?? Infinity) || a.seeker.name.localeCompare(b.seeker.name);
}

function compare(sort: Sort, a: CoachRowJson, b: CoachRowJson): number {
  const byName = a.seeker.name.localeCompare(b.seeker.name);
  switch (sort) {
    case 'attention': return attentionOrder(a, b);
    case 'name': return byName;
    case 'overdue': return b.overdue.length - a.overdue.length || b.due.length - a.due.length || byName;
    case 'due': return b.due.length - a.due.length || b.overdue.length - a.overdue.length || byName;
    // Longest without an application first; never applied before any date, not joined last.
    case 'applied': return (a.joined === 'set_up' ? 0 : 1) - (b.joined === 'set_up' ? 0 : 1) || (b.daysSinceApplied ?? Infinity) - (a.daysSinceApplied ?? Infinity) || byName;
    case 'waiting': return b.waitingOn.length - a.waitingOn.length || byName;
  }
}

/** `?show=…&sort=…&q=…&quiet=…` of the address. */
function useTableState() {
  const { query } = useLocation();
  const show = query.get('show') ?? '';
  const sort = query.get('sort') ?? '';
  const quiet = Number(query.get('quiet') ?? '7');
  const state = {
    filter: isFilter(show) ? show : 'all' as Filter,
    sort: isSort(sort) ? sort : 'attention' as Sort,
    q: query.get('q') ?? '',
    quietDays: Number.isInteger(quiet) && quiet >= 1 && quiet <= 365 ? quiet : 7,
  };
  const set = (next: Partial<typeof state>): void => {
    const s = { ...state, ...next };
    const params = new URLSearchParams();
    if (s.filter !== 'all') params.set('show', s.filter);
    if (s.sort !== 'attention') params.set('sort', s.sort);
    if (s.q !== '') params.set('q', s.q);
    if (s.quietDays !== 7) params.set('quiet', String(s.quietDays));
    const search = params.toString();
    const y = window.scrollY;
    navigate(`/${search ? `?${search}` : ''}`, { replace: true });
    window.scrollTo(0, y);
  };
  return { ...state, set };
}

// ---------------------------------------------------------------- cells

function itemTitle(i: ItemJson): string {
  if (i.kind === 'give_up') return `Move on from ${i.company}`;
  const who = personLabel(i.person);
  return who ? `${kindLabel(i.kind)} to ${who}` : kindLabel(i.kind);
}

function Owes({ r }: { r: CoachRowJson }) {
  if (r.joined === 'invited') return <span className="muted">Invited; has not accepted yet</span>;
  if (r.joined === 'no_password') return <span className="muted">Has not accepted the invitation</span>;
  if (r.joined === 'not_set_up') return <span className="muted">Joined; no profile yet</span>;
  if (r.joined === 'deactivated') return <span className="muted">Nothing: the account is deactivated</span>;
  const items = [...r.overdue, ...r.due];
  const first = items[0];
  if (!first) return <span className="muted">Nothing now</span>;
  return (
    <>
      <Chip tone={first.status === 'overdue' ? 'bad' : 'warn'}>{first.status === 'overdue' ? 'Overdue' : 'Due'}</Chip>{' '}
      {itemTitle(first)} <span className="muted">· {first.company}</span>
      {items.length > 1 && <span className="muted coach-more"> and {items.length - 1} more</span>}
    </>
  );
}

function LastApplied({ r, quietDays }: { r: CoachRowJson; quietDays: number }) {
  if (r.joined !== 'set_up') return <span className="muted">—</span>;
  const quiet = isQuiet(r, quietDays) ? <Chip tone="warn">Quiet</Chip> : null;
  if (r.daysSinceApplied === null) return <>{quiet} No application yet</>;
  const ago = r.daysSinceApplied === 0 ? 'today' : r.daysSinceApplied === 1 ? 'yesterday' : `${r.daysSinceApplied} days ago`;
  return <>{quiet} {ago}</>;
}

function waitingWords(w: CoachRowJson['waitingOn'][number], zone: string): string {
  const at = when(w.nextCheck, zone);
  if (w.kind === 'give_up') return w.open ? `move on since ${at}` : `move on from ${at}`;
  return `${kindLabel(w.kind).toLowerCase()} ${w.open ? 'open since' : 'from'} ${at}`;
}

function Waiting({ r, zone }: { r: CoachRowJson; zone: string }) {
  const first = r.waitingOn[0];
  if (!first) return <span className="muted">—</span>;
  return (
    <>
      {r.waitingOn.length === 1 ? first.company : `${r.waitingOn.length} employers`}
      <span className="coach-cell-sub muted">{r.waitingOn.length === 1 ? waitingWords(first, zone) : `next: ${first.company}, ${waitingWords(first, zone)}`}</span>
    </>
  );
}

// ---------------------------------------------------------------- the reasons, one click away

/** Rules in words, their codes as the legend: "Thank-you timing (T2)". */
function RulesInWords({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return <p className="coach-rules muted">Rules: {ids.map((id) => `${ruleTitle(id)} (${id})`).join('; ')}</p>;
}

const WAITING_WHY: Readonly<Record<string, { reason: string; rules: readonly string[] }>> = {
  status_check: { reason: 'A status check may be made after the decision date the employer gave, or without one a few business days after the interview, or a week or so after an unanswered check.', rules: ['F1', 'F2', 'F4'] },
  call: { reason: 'A follow-up call goes at a considerate moment (never on a Monday or the day after the interview), at most one a week.', rules: ['C1', 'C2'] },
  give_up: { reason: 'After two unanswered checks, or a month without a response, it is time to move on.', rules: ['F5'] },
};

function Reasons({ r, zone, quietDays }: { r: CoachRowJson; zone: string; quietDays: number }) {
  const href = seekerAppHref(r.seeker.id);
  const items = [...r.overdue, ...r.due];
  const parts: ReactNode[] = [];
  if (r.joined === 'invited') {
    parts.push(<p key="joined">{r.seeker.email} has been invited with you as their coach and has not accepted yet: their row shows their plan once they do. An admin can take the invitation back or send a new one.</p>);
  } else if (r.joined === 'no_password') {
    parts.push(<p key="joined">{r.seeker.name} has an account but no password yet: they have not opened their invitation. An admin can send them a new invitation or a reset link.</p>);
  } else if (r.joined === 'not_set_up') {
    parts.push(<p key="joined">{r.seeker.name} has an account but has not saved their name, time zone and region yet, so nothing can be planned for them.</p>);
  } else if (r.joined === 'deactivated') {
    parts.push(<p key="joined">An admin has deactivated {r.seeker.name}’s account: they cannot sign in, and nothing they owe is counted here. Their records are kept, and their plan shows here again if an admin reactivates the account.</p>);
  }
  if (items.length > 0) {
    parts.push(
      <div key="owes">
        <h3 className="coach-sub">What they owe now</h3>
        <ul className="coach-reasons">
          {items.map((i) => (
            <li key={`${i.applicationId}-${i.kind}-${i.personId ?? ''}-${i.sequence ?? ''}`}>
              <p className="coach-reason-head">
                <Chip tone={i.status === 'overdue' ? 'bad' : 'warn'}>{i.status === 'overdue' ? 'Overdue' : 'Due'}</Chip>{' '}
                <strong>{itemTitle(i)}</strong> · <Link href={href(i.applicationId)}>{i.company}</Link>{' '}
                <span className="muted">{i.status === 'overdue' ? `was due by ${whenIn(i.latest, i.timeZone, zone)}` : `ideally ${whenIn(i.ideal, i.timeZone, zone)}`}</span>
              </p>
              <p>{plainSentence(i.why)}</p>
              <RulesInWords ids={i.rules} />
            </li>
          ))}
        </ul>
      </div>,
    );
  }
  if (isQuiet(r, quietDays)) {
    parts.push(
      <div key="quiet">
        <h3 className="coach-sub">Quiet</h3>
        <p>
          {r.daysSinceApplied === null ? 'No application recorded yet.' : <>No new application for {r.daysSinceApplied} days{r.lastAppliedOn && <> (the last on {dateOnly(r.lastAppliedOn)})</>}.</>}{' '}
          Keep applying while waiting on replies: Afterword reminds {r.seeker.name} after {r.quietLimit} days without one.
        </p>
        <RulesInWords ids={['P1']} />
      </div>,
    );
  }
  if (r.waitingOn.length > 0) {
    parts.push(
      <div key="waiting">
        <h3 className="coach-sub">Waiting on employers</h3>
        <ul className="coach-reasons">
          {r.waitingOn.map((w) => {
            const why = WAITING_WHY[w.kind];
            return (
              <li key={w.applicationId}>
                <p className="coach-reason-head"><Link href={href(w.applicationId)}>{w.company}</Link> <span className="muted">· {w.role} · {waitingWords(w, zone)}</span></p>
                {why && <><p>{why.reason}</p><RulesInWords ids={why.rules} /></>}
              </li>
            );
          })}
        </ul>
      </div>,
    );
  }
  if (parts.length === 0) parts.push(<p key="calm">Nothing owed, nothing flagged{r.active > 0 ? `; ${r.active} active application${r.active === 1 ? '' : 's'}` : ''}.</p>);
  return <div className="coach-why">{parts}{r.joined !== 'invited' && r.joined !== 'deactivated' && <p><Link href={seekerHref(r.seeker.id)}>Open {r.seeker.name}’s plan and applications</Link></p>}</div>;
}

// ---------------------------------------------------------------- the table

const COLUMNS: readonly { readonly key: string; readonly label: string; readonly sort?: Sort; readonly numeric?: boolean }[] = [
  { key: 'who', label: 'Job seeker', sort: 'name' },
  { key: 'owes', label: 'Owes now' },
  { key: 'overdue', label: 'Overdue', sort: 'overdue', numeric: true },
  { key: 'due', label: 'Due now', sort: 'due', numeric: true },
  { key: 'applied', label: 'Last applied', sort: 'applied' },
  { key: 'waiting', label: 'Waiting on', sort: 'waiting' },
  { key: 'why', label: 'Details' },
];

/** A column's heading: sorts by it, or back to overdue first when it already does. */
function SortButton({ label, by, sort, onSort }: { label: string; by: Sort; sort: Sort; onSort: (sort: Sort) => void }) {
  return (
    <button type="button" className="coach-sort" onClick={() => onSort(sort === by ? 'attention' : by)}>
      {label}<span aria-hidden="true">{sort === by ? (by === 'name' ? ' ↑' : ' ↓') : ''}</span>
    </button>
  );
}

function Row({ r, zone, quietDays, open, onToggle }: { r: CoachRowJson; zone: string; quietDays: number; open: boolean; onToggle: () => void }) {
  const id = useId();
  const tone = r.overdue.length > 0 ? 'bad' : r.due.length > 0 ? 'warn' : 'plain';
  return (
    <>
      <tr className={`coach-tr coach-${tone}`}>
        <th scope="row" className="coach-who" data-label="Job seeker">
          {r.joined === 'invited' ? <span className="coach-invited">{r.seeker.email}</span> : <>
            <Link href={seekerHref(r.seeker.id)}>{r.seeker.name}</Link>
            <span className="coach-cell-sub muted" title={r.seeker.email}>{r.seeker.email}</span>
          </>}
          {(r.joined === 'no_password' || r.joined === 'invited') && <Chip tone="info">Not joined yet</Chip>}
          {r.joined === 'not_set_up' && <Chip>Not set up yet</Chip>}
          {r.joined === 'deactivated' && <Chip>Deactivated</Chip>}
        </th>
        <td data-label="Owes now" className="coach-owes"><Owes r={r} /></td>
        <td data-label="Overdue" className={`num${r.overdue.length > 0 ? ' coach-num-bad' : ''}`}>{r.joined === 'set_up' ? r.overdue.length : '—'}</td>
        <td data-label="Due now" className="num">{r.joined === 'set_up' ? r.due.length : '—'}</td>
        <td data-label="Last applied"><LastApplied r={r} quietDays={quietDays} /></td>
        <td data-label="Waiting on"><Waiting r={r} zone={zone} /></td>
        <td className="coach-toggle">
          <button type="button" className="button small" aria-expanded={open} aria-controls={id} onClick={onToggle}
            aria-label={`${open ? 'Hide' : 'Why?'} ${r.seeker.name}`}>{open ? 'Hide' : 'Why?'}</button>
        </td>
      </tr>
      {open && (
        <tr className="coach-detail" id={id}>
          <td colSpan={COLUMNS.length}><Reasons r={r} zone={zone} quietDays={quietDays} /></td>
        </tr>
      )}
    </>
  );
}

export function CoachDashboard() {
  const { data, error, loading } = useData(() => ok(accounts.coach.table.$get()), []);
  const { filter, sort, q, quietDays, set } = useTableState();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [typed, setTyped] = useState(q);
  const ids = useId();
  if (!data) return <Page title="Your job seekers">{loading ? <Loading what="your job seekers" /> : <ErrorNote error={error} />}</Page>;
  const zone = coachZone();
  const rows = data.rows;
  if (rows.length === 0) {
    return (
      <Page title="Your job seekers">
        <div className="empty card">
          <h2>No one to follow yet</h2>
          <p>An admin assigns job seekers to you, or invites them with you as their coach.</p>
        </div>
      </Page>
    );
  }
  const needle = q.trim().toLowerCase();
  const found = needle === '' ? rows : rows.filter((r) => r.seeker.name.toLowerCase().includes(needle) || r.seeker.email.includes(needle));
  const count = (f: Filter): number => found.filter((r) => passes(r, f, quietDays)).length;
  const shown = found.filter((r) => passes(r, filter, quietDays)).sort((a, b) => compare(sort, a, b));
  const keyOf = (r: CoachRowJson): string => r.seeker.id || `invited-${r.seeker.email}`;
  const toggle = (seekerId: string): void => {
    const next = new Set(open);
    if (next.has(seekerId)) next.delete(seekerId);
    else next.add(seekerId);
    setOpen(next);
  };
  const sortOf = (s: Sort | undefined): 'ascending' | 'descending' | undefined =>
    s === undefined || s !== sort ? undefined : s === 'name' ? 'ascending' : 'descending';
  return (
    <Page title="Your job seekers"
      subtitle={<>{rows.length === 1 ? '1 person' : `${rows.length} people`} you follow. Overdue first; dates in your time zone.</>}>
      <div className="coach-controls">
        <div className="coach-search">
          <label htmlFor={`${ids}-q`}>Find</label>
          <input id={`${ids}-q`} type="search" value={typed} placeholder="Name or email" autoComplete="off"
            onChange={(e) => { setTyped(e.target.value); set({ q: e.target.value }); }} />
        </div>
        <div className="coach-quiet">
          <label htmlFor={`${ids}-quiet`}>Quiet after</label>
          <input id={`${ids}-quiet`} type="number" min={1} max={365} value={quietDays} inputMode="numeric"
            onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n >= 1 && n <= 365) set({ quietDays: n }); }} />
          <span>days without an application</span>
        </div>
      </div>
      <div className="coach-filters" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f} type="button" className="coach-filter" aria-pressed={filter === f} onClick={() => set({ filter: f })}>
            {filterLabel(f, quietDays)} <span className="count">{count(f)}</span>
          </button>
        ))}
      </div>
      <p className="muted coach-showing" role="status">
        {shown.length === found.length && filter === 'all' ? `Showing all ${shown.length}` : `Showing ${shown.length} of ${rows.length}`}
        {needle !== '' && <> matching “{q.trim()}”</>}
      </p>
      {shown.length === 0 ? <p className="card muted">No one here. <button type="button" className="link-button" onClick={() => { setTyped(''); set({ filter: 'all', q: '' }); }}>Show everyone</button></p> : (
        <div className="card coach-table-card">
          <table className="coach-table">
            <caption className="sr-only">Job seekers you follow, {sort === 'attention' ? 'overdue first' : `sorted by ${COLUMNS.find((c) => c.sort === sort)?.label.toLowerCase() ?? sort}`}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sortOf(c.sort)}>
                    {c.sort !== undefined ? (
                      <SortButton label={c.label} by={c.sort} sort={sort} onSort={(next) => set({ sort: next })} />
                    ) : c.key === 'why' ? <span className="sr-only">{c.label}</span> : c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => <Row key={keyOf(r)} r={r} zone={zone} quietDays={quietDays} open={open.has(keyOf(r))} onToggle={() => toggle(keyOf(r))} />)}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
