/**
 * Offers: applications side by side (PROTOCOL §5) — the terms as told, the red flags with their
 * scores, and the user's own weighted criteria with each application's ratings and weighted score.
 * Columns are applications; the best value of a comparable row is marked.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { InferResponseType } from 'hono/client';
import { ApiError, client, ok, type Api } from '../api.js';
import { FlagDialog, OfferTermsDialog } from '../components/OfferDialogs.js';
import { Chip, ErrorNote, Loading, Page } from '../components/ui.js';
import { useData, useSubmit } from '../data.js';
import { dayOf, plainSentence } from '../format.js';
import { Link } from '../router.js';
import './Offers.css';

type CompareJson = InferResponseType<Api['offers']['compare']['$get'], 200>;
type Compared = CompareJson['applications'][number];

const LEVEL: Readonly<Record<string, { text: string; tone: 'good' | 'plain' | 'warn' | 'bad' }>> = {
  none: { text: 'No red flags', tone: 'good' }, minor: { text: 'Minor concerns', tone: 'plain' },
  concerning: { text: 'Concerning', tone: 'warn' }, serious: { text: 'Serious concerns', tone: 'bad' },
};

const STATUS_WORDS: Readonly<Record<string, string>> = {
  active: 'Active', offer: 'Offer', accepted: 'Accepted', declined: 'Declined',
  rejected: 'Rejected', withdrawn: 'Withdrawn', no_response: 'No response', filled: 'Position filled',
};

const showDay = (iso: string | null): string => (iso ? dayOf(iso) : '—');

/** Indexes of the best values (none when all are equal or fewer than two are known). */
function best(values: readonly (number | null)[], better: 'high' | 'low'): Set<number> {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2 || known.every((v) => v === known[0])) return new Set();
  const top = better === 'high' ? Math.max(...known) : Math.min(...known);
  return new Set(values.flatMap((v, i) => (v === top ? [i] : [])));
}

function Cell({ isBest, children }: { isBest: boolean; children: ReactNode }) {
  return <td className={isBest ? 'best' : undefined}>{children}{isBest && <span className="best-mark">Best</span>}</td>;
}

function Group({ title, hint, span }: { title: string; hint?: string; span: number }) {
  return (
    <tr className="group">
      <th scope="colgroup" colSpan={span}>{title}{hint && <span className="muted"> — {hint}</span>}</th>
    </tr>
  );
}

/** Union of the labels of pay (or benefit) lines across the offers, in first-seen order. */
function labels(apps: readonly Compared[], key: 'pay' | 'benefits'): string[] {
  const out: string[] = [];
  for (const a of apps) for (const l of a.offer?.[key] ?? []) if (!out.some((o) => o.toLowerCase() === l.label.toLowerCase())) out.push(l.label);
  return out;
}
const valueOf = (a: Compared, key: 'pay' | 'benefits', label: string): string =>
  a.offer?.[key].find((l) => l.label.toLowerCase() === label.toLowerCase())?.value ?? '—';

function WeightSelect({ name, weight, onChange, busy }: { name: string; weight: number; onChange: (w: number) => void; busy: boolean }) {
  const id = useId();
  return (
    <span className="weight">
      <label htmlFor={id}>weight</label>
      <select id={id} value={weight} disabled={busy} aria-label={`Weight of ${name}, 1 to 10`} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => <option key={n} value={n}>×{n}</option>)}
      </select>
    </span>
  );
}

function Comparison({ data, busy, act, onEditTerms, onFlag }: {
  data: CompareJson; busy: boolean; act: (what: () => Promise<unknown>) => Promise<void>;
  onEditTerms: (a: Compared) => void; onFlag: (a: Compared) => void;
}) {
  const apps = data.applications;
  const span = apps.length + 1;
  const pay = labels(apps, 'pay');
  const benefits = labels(apps, 'benefits');
  const flagBest = best(apps.map((a) => a.redFlags.total), 'low');
  const scoreBest = best(apps.map((a) => a.criteria.percent), 'high');
  const rate = (a: Compared, criterion: string, value: string) => act(() => ok(client.api.applications[':id'].ratings.$post({
    param: { id: a.application.id }, json: { ratings: [{ criterion, rating: value === '' ? null : Number(value) }] },
  })));
  return (
    <div className="offers-scroll" role="region" aria-labelledby="compare-title" tabIndex={0}>
      <table className="offers-table">
        <caption id="compare-title" className="sr-only">Offers side by side</caption>
        <thead>
          <tr>
            <td className="corner" />
            {apps.map((a) => (
              <th key={a.application.id} scope="col">
                <Link href={`/applications/${encodeURIComponent(a.application.id)}`}>{a.application.company}</Link>
                <span className="col-role">{a.application.role}</span>
                <Chip tone={a.application.status === 'accepted' ? 'good' : a.application.status === 'offer' ? 'info' : 'plain'}>{STATUS_WORDS[a.application.status] ?? a.application.status}</Chip>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Group title="Totals" span={span} />
          <tr className="total">
            <th scope="row">Your weighted score<span className="row-hint">higher is better</span></th>
            {apps.map((a, i) => (
              <Cell key={a.application.id} isBest={scoreBest.has(i)}>
                {a.criteria.percent === null ? <span className="muted">not rated yet</span> : <><strong>{a.criteria.percent}%</strong> <span className="muted">({a.criteria.points} of {a.criteria.max})</span></>}
                {a.criteria.unrated.length > 0 && a.criteria.percent !== null && <span className="cell-note">not rated: {a.criteria.unrated.join(', ')}</span>}
              </Cell>
            ))}
          </tr>
          <tr className="total">
            <th scope="row">Red flags<span className="row-hint">lower is better</span></th>
            {apps.map((a, i) => (
              <Cell key={a.application.id} isBest={flagBest.has(i)}>
                <strong>{a.redFlags.total}</strong> <span className="muted">of {a.redFlags.max}</span>{' '}
                <Chip tone={LEVEL[a.redFlags.level]?.tone ?? 'plain'}>{LEVEL[a.redFlags.level]?.text ?? a.redFlags.level}</Chip>
              </Cell>
            ))}
          </tr>
        </tbody>
        <tbody>
          <Group title="Terms" hint="as you were told them" span={span} />
          <tr>
            <th scope="row">Received</th>
            {apps.map((a) => <td key={a.application.id}>{a.offer ? showDay(a.offer.receivedOn) : <span className="muted">no offer recorded</span>}</td>)}
          </tr>
          <tr>
            <th scope="row">Answer wanted by</th>
            {apps.map((a) => <td key={a.application.id}>{showDay(a.offer?.respondBy ?? null)}</td>)}
          </tr>
          {pay.map((label) => <tr key={`pay-${label}`}><th scope="row">{label}</th>{apps.map((a) => <td key={a.application.id}>{valueOf(a, 'pay', label)}</td>)}</tr>)}
          {benefits.map((label) => <tr key={`benefit-${label}`}><th scope="row">{label}</th>{apps.map((a) => <td key={a.application.id}>{valueOf(a, 'benefits', label)}</td>)}</tr>)}
          {apps.some((a) => a.offer?.notes) && (
            <tr><th scope="row">Notes</th>{apps.map((a) => <td key={a.application.id} className="notes">{a.offer?.notes ?? '—'}</td>)}</tr>
          )}
          <tr className="actions">
            <td />
            {apps.map((a) => (
              <td key={a.application.id}>
                <button type="button" className="button small" onClick={() => onEditTerms(a)} aria-label={`${a.offer ? 'Edit terms' : 'Record offer'} of ${a.application.company}`}>
                  {a.offer ? 'Edit terms' : 'Record offer'}
                </button>
              </td>
            ))}
          </tr>
        </tbody>
        <tbody>
          <Group title="Red flags" hint="0 = not seen … 5 = serious (§5)" span={span} />
          {(apps[0]?.redFlags.flags ?? []).map((f, row) => (
            <tr key={f.flag}>
              <th scope="row"><span className="rule-id">{f.flag}</span> {f.title}</th>
              {apps.map((a) => {
                const x = a.redFlags.flags[row];
                if (!x) return <td key={a.application.id} />;
                return (
                  <td key={a.application.id} className={x.points >= 3 ? 'flag-high' : undefined}>
                    {x.source === 'unscored' ? <span className="muted">—</span> : <><strong className={x.score === 0 ? 'muted' : undefined}>{x.score}/5</strong>{x.weight > 1 && <> ×{x.weight} = {x.points}</>}</>}
                    {x.source === 'computed' && <span className="cell-note">Computed: {plainSentence(x.draggedOn?.why ?? '')}</span>}
                    {x.notes && <span className="cell-note">“{x.notes}”</span>}
                    {x.weight > 1 && x.manager && <span className="cell-note">{x.manager.why}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="actions">
            <td />
            {apps.map((a) => (
              <td key={a.application.id}>
                <button type="button" className="button small" onClick={() => onFlag(a)} aria-label={`Record a red flag at ${a.application.company}`}>Record a red flag</button>
              </td>
            ))}
          </tr>
        </tbody>
        <tbody>
          <Group title="Your criteria" hint="weight 1–10 × your rating 0–5" span={span} />
          {data.criteria.length === 0 && (
            <tr><td colSpan={span} className="muted">No criteria yet: add what matters to you below (growth, commute, team…), then rate each offer.</td></tr>
          )}
          {data.criteria.map((c, row) => {
            const ratings = apps.map((a) => a.criteria.lines[row]?.rating ?? null);
            const top = best(ratings, 'high');
            return (
              <tr key={c.name}>
                <th scope="row">
                  <span className="criterion">{c.name}</span>
                  <span className="criterion-tools">
                    <WeightSelect name={c.name} weight={c.weight} busy={busy} onChange={(weight) => void act(() => ok(client.api.criteria.$post({ json: { set: [{ name: c.name, weight }] } })))} />
                    <button type="button" className="button small ghost" disabled={busy} aria-label={`Remove the criterion ${c.name}`}
                      onClick={() => void act(() => ok(client.api.criteria.$post({ json: { remove: [c.name] } })))}>Remove</button>
                  </span>
                </th>
                {apps.map((a, i) => {
                  const line = a.criteria.lines[row];
                  return (
                    <Cell key={a.application.id} isBest={top.has(i)}>
                      <select value={line?.rating ?? ''} aria-label={`${c.name} at ${a.application.company}, 0 to 5`} disabled={busy} onChange={(e) => void rate(a, c.name, e.target.value)}>
                        <option value="">Not rated</option>
                        {[0, 1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}/5</option>)}
                      </select>
                      {line?.points !== null && line?.points !== undefined && <span className="cell-note">{c.weight} × {line.rating} = {line.points}</span>}
                    </Cell>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AddCriterion({ busy, act, error }: { busy: boolean; act: (what: () => Promise<unknown>) => Promise<void>; error: ApiError | undefined }) {
  const id = useId();
  const [name, setName] = useState('');
  const [weight, setWeight] = useState(3);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await act(() => ok(client.api.criteria.$post({ json: { set: [{ name, weight }] } })).then(() => setName('')));
  };
  const fieldError = error && (error.field === 'set' || error.field?.startsWith('set[')) ? error.message : undefined;
  return (
    <form className="add-criterion card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a criterion</h2>
      <div className="add-criterion-row">
        <div className={`field${fieldError ? ' field-error' : ''}`}>
          <label htmlFor={`${id}-name`}>What matters to you</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Growth" required maxLength={60}
            aria-describedby={fieldError ? `${id}-error` : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-weight`}>Weight</label>
          <select id={`${id}-weight`} value={weight} onChange={(e) => setWeight(Number(e.target.value))}>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => <option key={n} value={n}>×{n}{n === 1 ? ' (a little)' : n === 10 ? ' (the most)' : ''}</option>)}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>Add</button>
      </div>
      {fieldError && <small id={`${id}-error`} className="error-text" role="alert">{fieldError}</small>}
    </form>
  );
}

function Picker({ all, chosen, onChange }: { all: readonly { id: string; company: string; role: string }[]; chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  return (
    <details className="picker">
      <summary>Choose applications to compare ({chosen.length} shown)</summary>
      <fieldset>
        <legend className="sr-only">Applications to compare</legend>
        <div className="picker-list">
          {all.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={chosen.includes(a.id)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))} />
              <span>{a.company} <span className="muted">· {a.role}</span></span>
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
}

export function Offers() {
  const [ids, setIds] = useState<string[]>();
  const tooFew = ids !== undefined && ids.length < 2;
  const cmp = useData(() => (tooFew ? Promise.resolve(undefined) : ok(client.api.offers.compare.$get({ query: ids ? { ids: ids.join(',') } : {} }))), [ids?.join(',')]);
  const all = useData(() => ok(client.api.pipeline.$get()), []);
  const { busy, error, run } = useSubmit();
  const [editing, setEditing] = useState<Compared>();
  const [flagging, setFlagging] = useState<Compared>();

  const act = (what: () => Promise<unknown>): Promise<void> => run(async () => {
    await what();
    cmp.reload();
  });

  const data = cmp.data;
  const chosen = ids ?? data?.applications.map((a) => a.application.id) ?? [];
  const apiError = error instanceof ApiError ? error : undefined;
  const criterionError = apiError && (apiError.field === 'set' || apiError.field?.startsWith('set['));
  return (
    <Page title="Offers" subtitle="Your offers side by side: the terms, the red flags you noticed, and what matters to you.">
      {all.data && all.data.applications.length > 0 && <Picker all={all.data.applications} chosen={chosen} onChange={setIds} />}
      {!criterionError && <ErrorNote error={error} />}
      {tooFew ? <p className="notice warn" role="note">Choose at least two applications to compare.</p>
        : !data ? (cmp.loading ? <Loading what="your offers" /> : <ErrorNote error={cmp.error} />)
          : data.applications.length === 0 ? (
            <div className="empty card">
              <h2>No offers yet</h2>
              <p>When an offer comes, record its terms here: choose the application above, or move it to “Offer” on the <Link href="/pipeline">pipeline</Link>.</p>
            </div>
          ) : (
            <>
              {data.applications.length === 1 && <p className="muted">One offer so far: choose another application above to compare.</p>}
              {data.applications.length > 1 && <p className="scroll-hint muted">Scroll the table sideways to see every offer.</p>}
              <Comparison data={data} busy={busy} act={act} onEditTerms={setEditing} onFlag={setFlagging} />
            </>
          )}
      <AddCriterion busy={busy} act={act} error={criterionError ? apiError : undefined} />
      {editing && (
        <OfferTermsDialog applicationId={editing.application.id} company={editing.application.company} terms={editing.offer}
          onClose={() => setEditing(undefined)} onSaved={cmp.reload} />
      )}
      {flagging && (
        <FlagDialog applicationId={flagging.application.id} company={flagging.application.company} flags={flagging.redFlags.flags}
          onClose={() => setFlagging(undefined)} onSaved={cmp.reload} />
      )}
    </Page>
  );
}
