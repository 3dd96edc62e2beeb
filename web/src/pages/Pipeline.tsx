/**
 * Pipeline: every application on a board by status. Drag a card to another column, or use its
 * "Move to" control (keyboard, phone); the P1 "keep searching" nudge; the funnel and response-time
 * charts, loaded after the board.
 */
import { lazy, Suspense, useId, useState, type DragEvent, type ReactNode } from 'react';
import type { InferResponseType } from 'hono/client';
import { client, ok, type Api } from '../api.js';
import { Chip, ErrorNote, Loading, Page, StatusChip } from '../components/ui.js';
import { Why } from '../components/Why.js';
import { useData } from '../data.js';
import { kindLabel, when } from '../format.js';
import { Link } from '../router.js';
import './Pipeline.css';

const PipelineCharts = lazy(() => import('../components/PipelineCharts.js').then((m) => ({ default: m.PipelineCharts })));

type BoardJson = InferResponseType<Api['board']['$get'], 200>;
type Card = BoardJson['applications'][number];
type Status = Card['status'];

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  active: 'Active', offer: 'Offer', accepted: 'Accepted', declined: 'Declined',
  rejected: 'Rejected', withdrawn: 'Withdrawn', no_response: 'No response', filled: 'Position filled',
};

/** Eight statuses in four columns: the closed ones share one, so the board stays readable. */
const COLUMNS: readonly { id: string; title: string; hint: string; statuses: readonly Status[] }[] = [
  { id: 'active', title: 'Active', hint: 'Following up', statuses: ['active'] },
  { id: 'offer', title: 'Offers', hint: 'Deciding', statuses: ['offer'] },
  { id: 'decided', title: 'Decided', hint: 'You answered the offer', statuses: ['accepted', 'declined'] },
  { id: 'closed', title: 'Closed', hint: 'No longer in play', statuses: ['rejected', 'withdrawn', 'no_response', 'filled'] },
];

const DRAG_TYPE = 'application/x-afterword-application';

interface Moved { id: string; company: string; from: Status; to: Status }

function NextAction({ card, userZone }: { card: Card; userZone: string }) {
  const next = card.next;
  if (!next) return <p className="board-next muted">{card.status === 'active' ? 'Nothing planned right now' : 'No follow-up: closed'}</p>;
  return (
    <div className="board-next">
      <p>
        <strong>{next.kind === 'give_up' ? 'Move on' : kindLabel(next.kind)}</strong>{' '}
        {next.status !== 'upcoming' && <StatusChip status={next.status} />}
      </p>
      <p className="board-date">
        {next.status === 'overdue' && <>was due by {when(next.latest, next.timeZone)}</>}
        {next.status === 'due' && <>due now, at the latest {when(next.latest, next.timeZone)}</>}
        {next.status === 'blocked' && <>next allowed {when(next.nextAllowed ?? next.ideal, next.timeZone)}</>}
        {next.status === 'upcoming' && <>ideally {when(next.ideal, next.timeZone)}</>}
      </p>
      <Why rec={next} userZone={userZone} />
    </div>
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
            {Object.entries(STATUS_LABELS).filter(([s]) => s !== card.status).map(([s, label]) => <option key={s} value={s}>{label}</option>)}
          </select>
          <button type="submit" className="button small" disabled={busy || to === ''}>Move</button>
        </div>
      </form>
    </li>
  );
}

function Zone({ status, cards, showTitle, over, setOver, onDrop, children }: {
  status: Status; cards: readonly Card[]; showTitle: boolean; over: boolean; setOver: (s: Status | undefined) => void;
  onDrop: (id: string, to: Status) => void; children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      className={`board-zone${over ? ' board-zone-over' : ''}${showTitle && cards.length === 0 ? ' board-zone-spare' : ''}`} data-status={status}
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
      {showTitle && <h3 id={titleId} className="board-zone-title">{STATUS_LABELS[status]} <span className="count">{cards.length}</span></h3>}
      {cards.length === 0 ? <p className="board-empty">Drop here</p> : <ul className="board-list">{children}</ul>}
    </section>
  );
}

export function Pipeline() {
  const board = useData(() => ok(client.api.board.$get()), []);
  const [moving, setMoving] = useState<string>();
  const [over, setOver] = useState<Status>();
  const [moved, setMoved] = useState<Moved>();
  const [error, setError] = useState<Error>();
  const [version, setVersion] = useState(0);
  // Optimistic: the card shows in its new column while the server records it.
  const [pending, setPending] = useState<Readonly<Record<string, Status>>>({});

  const data = board.data;
  if (!data) return <Page title="Pipeline">{board.loading ? <Loading what="your applications" /> : <ErrorNote error={board.error} />}</Page>;
  const zone = data.timeZone;
  const cards = data.applications.map((c) => (pending[c.id] ? { ...c, status: pending[c.id] as Status } : c));

  const move = async (id: string, to: Status, undo = false): Promise<void> => {
    const card = data.applications.find((c) => c.id === id);
    if (!card || (card.status === to && !undo)) return;
    setMoving(id);
    setError(undefined);
    setPending((p) => ({ ...p, [id]: to }));
    try {
      const res = await ok(client.api.applications[':id'].status.$post({ param: { id }, json: { status: to } }));
      setMoved(undo ? undefined : { id, company: card.company, from: res.from, to });
      board.reload();
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setPending((p) => Object.fromEntries(Object.entries(p).filter(([key]) => key !== id)));
      setMoving(undefined);
    }
  };

  const count = (statuses: readonly Status[]) => cards.filter((c) => statuses.includes(c.status)).length;
  const closed = count(['accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled']);
  return (
    <Page
      title="Pipeline"
      subtitle={<>{count(['active'])} active · {count(['offer'])} {count(['offer']) === 1 ? 'offer' : 'offers'} · {closed} closed</>}
      actions={<Link className="button" href="/offers">Compare offers</Link>}
    >
      {data.warnings.length > 0 && (
        <div className="notice warn" role="note">
          {data.warnings.map((w) => <p key={w.rule + w.message}><Chip tone="warn">{w.rule}</Chip> {w.message}</p>)}
        </div>
      )}
      <ErrorNote error={error} />
      <p className="board-status" role="status">
        {moved && (
          <>
            Moved {moved.company} from {STATUS_LABELS[moved.from]} to {STATUS_LABELS[moved.to]}.{' '}
            <button type="button" className="link-button" onClick={() => void move(moved.id, moved.from, true)}>Undo</button>
            {moved.to === 'offer' && <> · <Link href="/offers">Record its terms</Link></>}
          </>
        )}
      </p>
      {cards.length === 0 ? (
        <div className="empty card">
          <h2>No applications yet</h2>
          <p>Add the jobs you applied to: the board shows where each one stands and what to do next.</p>
          <Link className="button primary" href="/applications/new">Add an application</Link>
        </div>
      ) : (
        <>
        <p id="board-help" className="board-help muted">Drag a card to another column, or use its “Move to” menu.</p>
        <div className="board">
          {COLUMNS.map((col) => (
            <section key={col.id} className="board-column" aria-labelledby={`col-${col.id}`}>
              <header className="board-column-head">
                <h2 id={`col-${col.id}`}>{col.title} <span className="count">{count(col.statuses)}</span></h2>
                <p className="muted">{col.hint}</p>
              </header>
              {col.statuses.map((status) => {
                const here = cards.filter((c) => c.status === status);
                return (
                  <Zone key={status} status={status} cards={here} showTitle={col.statuses.length > 1} over={over === status} setOver={setOver}
                    onDrop={(id, to) => void move(id, to)}>
                    {here.map((c) => (
                      <BoardCard key={c.id} card={c} userZone={zone} busy={moving === c.id}
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
      {cards.length > 0 && (
        <section aria-labelledby="insights-title" className="section">
          <h2 id="insights-title">How your search is going</h2>
          <Suspense fallback={<Loading what="the charts" />}>
            <PipelineCharts version={version} />
          </Suspense>
        </section>
      )}
    </Page>
  );
}
