/**
 * Pipeline: the applications on a board by status, a page of cards per status at a time ("Show
 * more"), found on the server by words (company, role, a person's name) and by status, both kept in
 * the address. Drag a card to another column, or use its "Move to" control (keyboard, phone); the P1
 * "keep searching" nudge; the funnel and response-time charts, loaded when scrolled near.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { InferResponseType } from 'hono/client';
import { ApiError, client, ok, type Api } from '../api.js';
import { ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { Warnings } from '../components/Warnings.js';
import { useData } from '../data.js';
import { kindLabel, whenIn } from '../format.js';
import { Link, navigate, useLocation } from '../router.js';
import './Pipeline.css';
import '../components/ApplicationDetails.css';

const PipelineCharts = lazy(() => import('../components/PipelineCharts.js').then((m) => ({ default: m.PipelineCharts })));

type BoardJson = InferResponseType<Api['board']['cards']['$get'], 200>;
type Card = BoardJson['cards'][number];
type Status = Card['status'];

/** Cards of each status per page; the closed statuses show fewer at first (they are read less, and there are four). */
const PAGE = 15;
const CLOSED_FIRST = 5;

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  active: 'Active', offer: 'Offer', accepted: 'Accepted', declined: 'Declined',
  rejected: 'Rejected', withdrawn: 'Withdrawn', no_response: 'No response', filled: 'Position filled',
};
const STATUSES = Object.keys(STATUS_LABELS) as Status[];

/** Eight statuses in four columns: the closed ones share one, so the board stays readable. */
const COLUMNS: readonly { id: string; title: string; hint: string; statuses: readonly Status[] }[] = [
  { id: 'active', title: 'Active', hint: 'Following up', statuses: ['active'] },
  { id: 'offer', title: 'Offers', hint: 'Deciding', statuses: ['offer'] },
  { id: 'decided', title: 'Decided', hint: 'You answered the offer', statuses: ['accepted', 'declined'] },
  { id: 'closed', title: 'Closed', hint: 'No longer in play', statuses: ['rejected', 'withdrawn', 'no_response', 'filled'] },
];

const DRAG_TYPE = 'application/x-afterword-application';

interface Moved { id: string; company: string; from: Status; to: Status }

/** A status in a sentence: "closed as declined", "change it to filled". */
const inWords = (s: Status): string => (s === 'filled' ? 'filled' : STATUS_LABELS[s].toLowerCase());

const isStatus = (s: string): s is Status => (STATUSES as string[]).includes(s);

function NextAction({ card, userZone }: { card: Card; userZone: string }) {
  const next = card.next;
  if (!next) return card.status === 'active' ? <p className="board-next muted">Nothing planned right now</p> : null;
  return (
    <div className="board-next">
      <p>
        <strong>{next.kind === 'give_up' ? 'Move on' : kindLabel(next.kind)}</strong>
        {next.person && <span className="board-person"> to {next.person}</span>}
        {next.status !== 'upcoming' && <> <StatusChip status={next.status} /></>}
      </p>
      <p className="board-date">
        {next.status === 'overdue' && <>was due by {whenIn(next.at, next.timeZone, userZone)}</>}
        {next.status === 'due' && <>due now, at the latest {whenIn(next.at, next.timeZone, userZone)}</>}
        {next.status === 'blocked' && <>next allowed {whenIn(next.at, next.timeZone, userZone)}</>}
        {next.status === 'upcoming' && <>ideally {whenIn(next.at, next.timeZone, userZone)}</>}
      </p>
    </div>
  );
}

const WORKPLACE_WORDS: Readonly<Record<string, string>> = { remote: 'Remote', hybrid: 'Hybrid', on_site: 'On-site' };

/** Where the job is, the salary as written, and the tags: the details a card has room for. */
function CardDetails({ card }: { card: Card }) {
  const where = [card.location, card.workplace ? WORKPLACE_WORDS[card.workplace] : null].filter(Boolean).join(' · ');
  if (!where && !card.salary && card.tags.length === 0) return null;
  return (
    <>
      {(where || card.salary) && <p className="board-details muted">{[where, card.salary].filter(Boolean).join(' · ')}</p>}
      {card.tags.length > 0 && <p className="tag-list board-tags">{card.tags.map((t) => <span key={t} className="tag">{t}</span>)}</p>}
    </>
  );
}

function BoardCard({ card, userZone, busy, onMove, onDragStart }: {
  card: Card; userZone: string; busy: boolean; onMove: (card: Card, to: Status) => void; onDragStart: (id: string) => void;
}) {
  const id = useId();
  const [to, setTo] = useState<Status | ''>('');
  const start = (e: DragEvent<HTMLLIElement>): void => {
    e.dataTransfer.setData(DRAG_TYPE, card.id);
    e.dataTransfer.setData('text/plain', card.id);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(card.id);
  };
  return (
    <li className="board-card" draggable={!busy} onDragStart={start} data-application={card.id} aria-label={`${card.company}, ${card.role}`}>
      <p className="board-company"><Link href={`/applications/${encodeURIComponent(card.id)}`}>{card.company}</Link></p>
      <p className="board-role">{card.role}</p>
      <CardDetails card={card} />
      <NextAction card={card} userZone={userZone} />
      <form className="board-move" onSubmit={(e) => {
        e.preventDefault();
        if (to !== '') onMove(card, to);
        setTo('');
      }}>
        <label htmlFor={`${id}-to`}>Move to</label>
        <div className="board-move-row">
          <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value as Status | '')} disabled={busy}>
            <option value="">Choose…</option>
            {STATUSES.filter((s) => s !== card.status).map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
          <button type="submit" className="button small" disabled={busy || to === ''}>Move</button>
        </div>
      </form>
    </li>
  );
}

function Zone({ status, count, shown, showTitle, over, setOver, onDrop, more, children }: {
  status: Status; count: number; shown: number; showTitle: boolean; over: boolean; setOver: (s: Status | undefined) => void;
  onDrop: (id: string, to: Status) => void; more: ReactNode; children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      className={`board-zone${over ? ' board-zone-over' : ''}${showTitle && count === 0 ? ' board-zone-spare' : ''}`} data-status={status}
      aria-labelledby={showTitle ? titleId : undefined} aria-label={showTitle ? undefined : STATUS_LABELS[status]}
      onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; if (!over) setOver(status); }}
      onDragLeave={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(undefined); }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(undefined);
        const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
        if (id) onDrop(id, status);
      }}
    >
      {showTitle && <h3 id={titleId} className="board-zone-title">{STATUS_LABELS[status]} <span className="count">{count}</span></h3>}
      {shown === 0 ? <p className="board-empty">Drop here</p> : <ul className="board-list">{children}</ul>}
      {more}
    </section>
  );
}

/** The charts, loaded once their place comes near the screen (they read every record; the board comes first). */
function ChartsWhenNear({ version }: { version: number }) {
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = place.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: '400px 0px' });
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);
  return (
    <div ref={place} className="charts-place">
      {near ? (
        <Suspense fallback={<Loading what="the charts" />}>
          <PipelineCharts version={version} />
        </Suspense>
      ) : <p className="muted">The charts load as you scroll to them.</p>}
    </div>
  );
}

/** `?q=…&status=…` of the address: what the board is searched and filtered by. */
function useFilters(): { q: string; status: Status | ''; set: (q: string, status: Status | '') => void } {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const raw = query.get('status') ?? '';
  const status = isStatus(raw) ? raw : '';
  const set = (nextQ: string, nextStatus: Status | ''): void => {
    const params = new URLSearchParams();
    if (nextQ !== '') params.set('q', nextQ);
    if (nextStatus !== '') params.set('status', nextStatus);
    const search = params.toString();
    navigate(`/pipeline${search ? `?${search}` : ''}`, { replace: true });
  };
  return { q, status, set };
}

/** A page of the board; `summary`: with the totals and warnings (a search on a page that has them asks without, and is faster). */
function loadPage(q: string, status: Status | '' | readonly Status[], offset: number, summary: boolean) {
  const statuses = typeof status === 'string' ? status : status.join(',');
  return ok(client.api.board.cards.$get({
    query: {
      ...(q.trim() !== '' ? { q } : {}), ...(statuses !== '' ? { status: statuses } : {}), limit: String(PAGE),
      ...(offset > 0 ? { offset: String(offset) } : { closedLimit: String(CLOSED_FIRST) }), ...(summary ? {} : { summary: 'false' }),
    },
  }));
}

type Summary = { readonly totals: NonNullable<BoardJson['totals']>; readonly warnings: NonNullable<BoardJson['warnings']>; readonly version: number };

export function Pipeline({ userZone }: { userZone: string }) {
  const { q, status, set } = useFilters();
  const [text, setText] = useState(q);
  const [version, setVersion] = useState(0);
  // The totals and warnings of the last full answer: searches and filters after it ask without them.
  const summary = useRef<Summary>(undefined);
  const board = useData(async () => {
    const page = await loadPage(q, status, 0, summary.current?.version !== version);
    if (page.totals && page.warnings) summary.current = { totals: page.totals, warnings: page.warnings, version };
    return page;
  }, [q, status, version]);
  const [moving, setMoving] = useState<string>();
  const [over, setOver] = useState<Status>();
  const [moved, setMoved] = useState<Moved>();
  // A closed application dragged to another final outcome (declined → accepted): asked before it is changed.
  const [reclosing, setReclosing] = useState<Moved>();
  const [error, setError] = useState<Error>();
  // Cards loaded by "Show more", per status, for the board as last loaded.
  const [more, setMore] = useState<{ of: BoardJson | undefined; cards: Partial<Record<Status, Card[]>> }>({ of: undefined, cards: {} });
  const [loadingMore, setLoadingMore] = useState<Status>();
  // Optimistic: the card shows in its new column while the server records it.
  const [pending, setPending] = useState<Readonly<Record<string, Status>>>({});
  // The address changed from elsewhere (back, a link): the box follows.
  useEffect(() => { setText((t) => (t.trim() === q.trim() ? t : q)); }, [q]);

  const data = board.data;
  const totals = data?.totals ?? summary.current?.totals;
  const warnings = data?.warnings ?? summary.current?.warnings ?? [];
  if (!data || !totals) return <Page title="Pipeline">{board.loading ? <Loading what="your applications" /> : <ErrorNote error={board.error} />}</Page>;
  const extra = more.of === data ? more.cards : {};
  const loaded = [...data.cards, ...STATUSES.flatMap((s) => extra[s] ?? [])];
  const cards = loaded.map((c) => (pending[c.id] ? { ...c, status: pending[c.id] as Status } : c));
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const found = Object.values(data.counts).reduce((a, b) => a + b, 0);
  const filtered = data.query.text !== '' || data.query.statuses !== null;

  const move = async (id: string, to: Status, undo = false, reclose = false): Promise<void> => {
    const card = loaded.find((c) => c.id === id);
    const from = card?.status;
    if (!card || (from === to && !undo)) return;
    setMoving(id);
    setError(undefined);
    setReclosing(undefined);
    setPending((p) => ({ ...p, [id]: to }));
    try {
      // An undo puts back what the user just changed: no need to ask again.
      const res = await ok(client.api.applications[':id'].status.$post({ param: { id }, json: { status: to, ...(undo || reclose ? { reclose: true } : {}) } }));
      setMoved(undo ? undefined : { id, company: card.company, from: res.from, to });
      setVersion((v) => v + 1);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.field === 'reclose' && from !== undefined) setReclosing({ id, company: card.company, from, to });
      else setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setPending((p) => Object.fromEntries(Object.entries(p).filter(([key]) => key !== id)));
      setMoving(undefined);
    }
  };

  const showMore = async (s: Status): Promise<void> => {
    setLoadingMore(s);
    setError(undefined);
    try {
      const shown = data.cards.filter((c) => c.status === s).length + (extra[s]?.length ?? 0);
      const next = await loadPage(data.query.text, [s], shown, false);
      setMore({ of: data, cards: { ...extra, [s]: [...(extra[s] ?? []), ...next.cards] } });
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setLoadingMore(undefined);
    }
  };

  const totalOf = (statuses: readonly Status[]) => statuses.reduce((n, s) => n + totals[s], 0);
  const countOf = (statuses: readonly Status[]) => statuses.reduce((n, s) => n + data.counts[s], 0);
  const closed = totalOf(['accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled']);
  const columns = status === '' ? COLUMNS : COLUMNS.filter((c) => c.statuses.includes(status));
  const single = status !== '';
  return (
    <Page
      title="Pipeline"
      subtitle={<>{totals.active} active · {totals.offer} {totals.offer === 1 ? 'offer' : 'offers'} · {closed} closed</>}
      actions={<Link className="button" href="/offers">Compare offers</Link>}
    >
      <div className="pipeline-wide">
        <Warnings warnings={warnings} />
        <ErrorNote error={error} />
        {reclosing && (
          <div className="notice warn" role="alert">
            <p>{reclosing.company} is already closed as {inWords(reclosing.from)}. Change it to {inWords(reclosing.to)}?</p>
            <div className="notice-actions">
              <button type="button" className="button" onClick={() => void move(reclosing.id, reclosing.to, false, true)}>Change to {inWords(reclosing.to)}</button>
              <button type="button" className="button ghost" onClick={() => setReclosing(undefined)}>Keep it {inWords(reclosing.from)}</button>
            </div>
          </div>
        )}
        <p className="board-status" role="status">
          {moved && (
            <>
              Moved {moved.company} from {STATUS_LABELS[moved.from]} to {STATUS_LABELS[moved.to]}.{' '}
              <button type="button" className="link-button" onClick={() => void move(moved.id, moved.from, true)}>Undo</button>
              {moved.to === 'offer' && <> · <Link href="/offers">Record its terms</Link></>}
            </>
          )}
        </p>
        {total === 0 ? (
          <div className="empty card">
            <h2>No applications yet</h2>
            <p>Add the jobs you applied to: the board shows where each one stands and what to do next.</p>
            <Link className="button primary" href="/applications/new">Add an application</Link>
          </div>
        ) : (
          <>
            <form className="board-tools" role="search" aria-label="Your applications" onSubmit={(e) => e.preventDefault()}>
              <div className="board-search">
                <label htmlFor="board-q">Search</label>
                <input id="board-q" type="search" value={text} placeholder="Company, role or person" autoComplete="off"
                  onChange={(e) => { setText(e.target.value); set(e.target.value, status); }} />
              </div>
              <div className="board-filter">
                <label htmlFor="board-status">Status</label>
                <select id="board-status" value={status} onChange={(e) => set(text, isStatus(e.target.value) ? e.target.value : '')}>
                  <option value="">All statuses</option>
                  {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]} ({totals[s]})</option>)}
                </select>
              </div>
              <p className="board-found" role="status" aria-live="polite">
                {filtered && (found === 0
                  ? <>No application{single && <> with the status {STATUS_LABELS[status]}</>}{data.query.text !== '' && <> matches “{data.query.text}”</>}.</>
                  : <>{found} of {total} {total === 1 ? 'application' : 'applications'}</>)}
                {filtered && <> <button type="button" className="link-button" onClick={() => { setText(''); set('', ''); }}>Clear</button></>}
              </p>
            </form>
            <p id="board-help" className="board-help muted">Drag a card to another column, or use its “Move to” menu.</p>
            <div className={`board${single ? ' board-single' : ''}`} aria-busy={board.loading} data-shown-query={board.loading ? undefined : data.query.text}>
              {columns.map((col) => (
                <section key={col.id} className="board-column" aria-labelledby={`col-${col.id}`}>
                  <header className="board-column-head">
                    <h2 id={`col-${col.id}`}>{col.title} <span className="count">{countOf(col.statuses)}</span></h2>
                    <p className="muted">{col.hint}</p>
                  </header>
                  {col.statuses.filter((s) => !single || s === status).map((s) => {
                    const here = cards.filter((c) => c.status === s);
                    const left = data.counts[s] - loaded.filter((c) => c.status === s).length;
                    return (
                      <Zone key={s} status={s} count={data.counts[s]} shown={here.length} showTitle={col.statuses.length > 1} over={over === s} setOver={setOver}
                        onDrop={(id, to) => void move(id, to)}
                        more={left > 0 && (
                          <button type="button" className="button small board-more" disabled={loadingMore === s} onClick={() => void showMore(s)}>
                            {loadingMore === s ? 'Loading…' : `Show ${Math.min(left, PAGE)} more`}<span className="muted"> of {left}</span>
                          </button>
                        )}>
                        {here.map((c) => (
                          <BoardCard key={c.id} card={c} userZone={userZone} busy={moving === c.id}
                            onMove={(card, to) => void move(card.id, to)} onDragStart={() => setMoved(undefined)} />
                        ))}
                      </Zone>
                    );
                  })}
                </section>
              ))}
            </div>
          </>
        )}
        {total > 0 && (
          <section aria-labelledby="insights-title" className="section">
            <h2 id="insights-title">How your search is going</h2>
            <ChartsWhenNear version={version} />
          </section>
        )}
      </div>
    </Page>
  );
}
