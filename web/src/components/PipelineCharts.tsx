/**
 * The pipeline's numbers as charts (recharts), each with a caption and its numbers in a table:
 * the funnel applied → interviewed → offer, and how many days employers took to answer.
 * Loaded lazily by the Pipeline page, so recharts is not in the first load.
 */
import type { InferResponseType } from 'hono/client';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { client, ok, type Api } from '../api.js';
import { useData } from '../data.js';
import { ErrorNote, Loading } from './ui.js';

type InsightsJson = InferResponseType<Api['insights']['$get'], 200>;
type Response = InsightsJson['responses'][number];

const TOOLTIP = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--accent-soft)' },
} as const;

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;
const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');
const dayFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const shortDay = (iso: string): string => dayFmt.format(new Date(`${iso}T12:00:00Z`));

function Funnel({ funnel }: { funnel: InsightsJson['funnel'] }) {
  const rows = [
    { stage: 'Applied', count: funnel.applied },
    { stage: 'Interviewed', count: funnel.interviewed },
    { stage: 'Offer', count: funnel.offer },
  ];
  return (
    <figure className="chart card" aria-labelledby="funnel-caption">
      <figcaption id="funnel-caption">
        <h3>From application to offer</h3>
        <p className="muted">
          {funnel.applied} applied, {funnel.interviewed} interviewed ({pct(funnel.interviewed, funnel.applied)}), {funnel.offer} with an offer ({pct(funnel.offer, funnel.applied)}).
        </p>
      </figcaption>
      <div className="chart-plot chart-funnel" aria-hidden="true">
        <ResponsiveContainer width="100%" height={150}>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <XAxis type="number" allowDecimals={false} hide />
            <YAxis type="category" dataKey="stage" width={92} tickLine={false} axisLine={false} />
            <Bar dataKey="count" name="Applications" className="bar-accent" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={24}>
              <LabelList dataKey="count" position="right" className="chart-label" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="chart-table">
        <caption className="sr-only">The funnel in numbers</caption>
        <thead><tr><th scope="col">Stage</th><th scope="col">Applications</th><th scope="col">Of all applied</th></tr></thead>
        <tbody>
          {rows.map((r) => <tr key={r.stage}><th scope="row">{r.stage}</th><td>{r.count}</td><td>{pct(r.count, funnel.applied)}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}

function answerText(r: Response): string {
  if (r.afterInterview) return `${days(r.afterInterview.days)} (${shortDay(r.afterInterview.from)} → ${shortDay(r.afterInterview.to)})`;
  return '—';
}

function ResponseTimes({ data }: { data: InsightsJson }) {
  const rows = data.responses.map((r) => ({
    name: r.application.company,
    answered: r.afterInterview?.days ?? null,
    waiting: r.afterInterview ? null : r.waiting,
  })).filter((r) => r.answered !== null || r.waiting !== null);
  const { afterInterview, afterCheck } = data.median;
  const summary = [
    afterInterview !== null ? `Median ${days(afterInterview)} from an interview to the employer's answer (${data.answered.afterInterview} answered)` : 'No answers after an interview recorded yet',
    afterCheck !== null ? `${days(afterCheck)} from a check-in (${data.answered.afterCheck} answered)` : '',
  ].filter(Boolean).join('; ');
  return (
    <figure className="chart card" aria-labelledby="responses-caption">
      <figcaption id="responses-caption">
        <h3>How long employers take to answer</h3>
        <p className="muted">{summary}.</p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">Nothing to show yet: log the employer’s replies (“Log what happened”) to see how long each one took.</p>
      ) : (
        <div className="chart-plot" aria-hidden="true">
          <ResponsiveContainer width="100%" height={48 + rows.length * 34}>
            <BarChart data={rows} layout="vertical" margin={{ top: 18, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid horizontal={false} className="chart-grid" />
              <XAxis type="number" allowDecimals={false} unit=" d" tickLine={false} />
              <YAxis type="category" dataKey="name" width={100} tickLine={false} axisLine={false} />
              <Tooltip {...TOOLTIP} formatter={(v) => days(Number(v))} />
              <Bar dataKey="answered" name="Answered after" stackId="t" className="bar-accent" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={18}>
                <LabelList dataKey="answered" position="right" className="chart-label" />
              </Bar>
              <Bar dataKey="waiting" name="Waiting so far" stackId="t" className="bar-waiting" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={18}>
                <LabelList dataKey="waiting" position="right" className="chart-label" />
              </Bar>
              {afterInterview !== null && (
                <ReferenceLine x={afterInterview} className="chart-median" strokeDasharray="4 3" label={{ value: `median ${afterInterview}`, position: 'top', className: 'chart-label' }} />
              )}
            </BarChart>
          </ResponsiveContainer>
          <p className="chart-legend"><span className="swatch swatch-accent" /> answered <span className="swatch swatch-waiting" /> still waiting</p>
        </div>
      )}
      {data.responses.length > 0 && (
        <table className="chart-table">
          <caption className="sr-only">Response times in numbers</caption>
          <thead><tr><th scope="col">Application</th><th scope="col">After the interview</th><th scope="col">After a check-in</th></tr></thead>
          <tbody>
            {data.responses.map((r) => (
              <tr key={r.application.id}>
                <th scope="row">{r.application.company}</th>
                <td>{r.afterInterview ? answerText(r) : r.waiting !== null ? `waiting ${days(r.waiting)}` : '—'}</td>
                <td>{r.afterCheck ? `${days(r.afterCheck.days)} (${shortDay(r.afterCheck.from)} → ${shortDay(r.afterCheck.to)})` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

export function PipelineCharts({ version }: { version: number }) {
  const insights = useData(() => ok(client.api.insights.$get()), [version]);
  if (!insights.data) return insights.loading ? <Loading what="the charts" /> : <ErrorNote error={insights.error} />;
  return (
    <div className="charts">
      <Funnel funnel={insights.data.funnel} />
      <ResponseTimes data={insights.data} />
    </div>
  );
}
