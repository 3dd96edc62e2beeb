/**
 * The planner's warnings, worded here from their data (code, numbers, the company they are about):
 * one line each, and one line per kind when more than three share it ("Time to move on: Acme Corp,
 * Globex and 18 others"), with a button that lists them all.
 */
import { useId, useState, type ReactNode } from 'react';
import { dayOf } from '../format.js';
import { Link } from '../router.js';
import { Chip } from './ui.js';
import './Warnings.css';

/** A warning as the API sends it (src/app/views.ts `warningJson`). */
export interface WarningData {
  readonly rule: string;
  readonly code: string;
  readonly applicationId: string | null;
  readonly company: string | null;
  readonly active: number | null;
  readonly min: number | null;
  readonly days: number | null;
  readonly said: string | null;
  readonly outcome: string | null;
  /** F0's readings of words with two meanings: each day (YYYY-MM-DD) and how it was read. */
  readonly choices?: readonly { readonly day: string; readonly understood: string }[] | null;
}

/** More of one kind than this fold into one line. */
const FOLD_OVER = 3;
/** Companies named on a folded line before "and N others". */
const NAMED = 2;

const OUTCOME_WORDS: Readonly<Record<string, string>> = { rejected: 'rejected', filled: 'position filled', offer: 'offer' };

/** One warning in a sentence, the company linked to its application. */
function sentence(w: WarningData, company: ReactNode): ReactNode {
  switch (w.code) {
    case 'few_active':
      return w.active === 1 ? 'Only one active application: keep searching.'
        : `${w.active === 0 ? 'No' : `Only ${w.active ?? 0}`} active applications (fewer than ${w.min ?? 2}): keep searching.`;
    case 'quiet': return `No new application for ${w.days ?? 0} days while you wait on replies: keep searching.`;
    case 'unreadable_timeline': return <>Could not read when {company} will decide{w.said ? <> (“{w.said}”)</> : null}: give the date they said, or it counts as no timeline.</>;
    case 'ambiguous_timeline': {
      // "Fri 6 Mar 2026, the coming Friday, or Fri 13 Mar 2026, a week later?" (';' between three or more)
      const readings = (w.choices ?? []).map((c) => `${dayOf(c.day)}, ${c.understood}`);
      const last = readings.pop();
      const either = last === undefined ? 'which day did they mean?'
        : `${readings.length === 0 ? '' : `${readings.join('; ')}${readings.length > 1 ? ';' : ','} or `}${last}?`;
      return <>{company} said{w.said ? <> “{w.said}”</> : null}: {either} Pick the one they meant; until then it counts as no timeline.</>;
    }
    case 'record_next_round': return <>{company} invited you to a next round: record the new interview.</>;
    case 'close_application':
      return w.outcome === 'offer'
        ? <>{company} made you an offer: compare it with your other offers and record your answer.</>
        : <>{company} has decided: close the application as {OUTCOME_WORDS[w.outcome ?? ''] ?? 'closed'}.</>;
    case 'move_on': return <>Time to move on from {company}: close it as no response and focus on the rest of your pipeline.</>;
    default: return 'Something in your records needs a look.';
  }
}

/** A kind's folded line: what the companies share, and what to do with each. */
function kindWords(w: WarningData): { lead: string; advice: string } {
  switch (w.code) {
    case 'unreadable_timeline': return { lead: 'Could not read when they will decide', advice: 'give each the date they said, or it counts as no timeline.' };
    case 'ambiguous_timeline': return { lead: 'When they will decide can be read two ways', advice: 'pick the date each meant, or it counts as no timeline.' };
    case 'record_next_round': return { lead: 'Invited to a next round', advice: 'record each new interview.' };
    case 'close_application':
      return w.outcome === 'offer'
        ? { lead: 'Offers received', advice: 'compare them and record your answers.' }
        : { lead: 'Decisions received', advice: `close each as ${OUTCOME_WORDS[w.outcome ?? ''] ?? 'closed'}.` };
    case 'move_on': return { lead: 'Time to move on', advice: 'close each as no response and focus on the rest of your pipeline.' };
    default: return { lead: 'Needs a look', advice: 'open each to see why.' };
  }
}

/** Where a company's name links: the user's own application page (a coach's view passes its own; without one, no link). */
export type ApplicationHref = (applicationId: string) => string;

function CompanyLink({ w, href }: { w: WarningData; href: ApplicationHref | undefined }) {
  const name = w.company ?? 'one of your applications';
  return w.applicationId && href ? <Link href={href(w.applicationId)}>{name}</Link> : <>{name}</>;
}

interface Group {
  readonly key: string;
  readonly items: WarningData[];
}

/** Warnings of the same kind together, in the order each kind first appears. */
export function groupWarnings(warnings: readonly WarningData[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of warnings) {
    const key = `${w.code}:${w.outcome ?? ''}`;
    const group = groups.get(key) ?? { key, items: [] };
    group.items.push(w);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function Folded({ items, href }: { items: readonly WarningData[]; href: ApplicationHref | undefined }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const first = items[0];
  if (!first) return null;
  const { lead, advice } = kindWords(first);
  const others = items.length - NAMED;
  return (
    <div className="warning-group">
      <p>
        <Chip tone="warn">{first.rule}</Chip> <strong>{lead}:</strong>{' '}
        {items.slice(0, NAMED).map((w, i) => <span key={w.applicationId ?? i}>{i > 0 && ', '}<CompanyLink w={w} href={href} /></span>)}
        {' '}and {others} others: {advice}{' '}
        <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      </p>
      {open && (
        <ul id={id} className="warning-list">
          {items.map((w, i) => <li key={`${w.applicationId ?? ''}-${i}`}><CompanyLink w={w} href={href} />{w.said ? <span className="muted"> (“{w.said}”)</span> : null}</li>)}
        </ul>
      )}
    </div>
  );
}

export function Warnings({ warnings, appHref }: { warnings: readonly WarningData[]; appHref?: ApplicationHref | undefined }) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice warn warnings" role="note">
      {groupWarnings(warnings).map((g) => (g.items.length > FOLD_OVER && g.items[0]?.applicationId
        ? <Folded key={g.key} items={g.items} href={appHref} />
        : g.items.map((w, i) => <p key={`${g.key}-${w.applicationId ?? ''}-${i}`}><Chip tone="warn">{w.rule}</Chip> {sentence(w, <CompanyLink w={w} href={appHref} />)}</p>)))}
    </div>
  );
}
