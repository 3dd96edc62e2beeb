/** "Why this date?": the planner's sentence, the window, and every rule cited in plain words with its sources. */
import { useId, useState } from 'react';
import { RULES, SOURCES, type SourceKey } from '../../../src/core/rules/protocol.js';
import { plainSentence, whenIn, zoneName } from '../format.js';

const BY_ID = new Map<string, (typeof RULES)[number]>(RULES.map((r) => [r.id, r]));

export function ruleTitle(id: string): string {
  return BY_ID.get(id)?.title ?? id;
}

export interface WhyProps {
  readonly rec: {
    readonly why: string; readonly rules: readonly string[]; readonly earliest: string; readonly ideal: string;
    readonly latest: string; readonly timeZone: string; readonly nextAllowed?: string | undefined; readonly blockedBy?: string | undefined;
  };
  /** The user's zone: when the recipient's differs, it is named. */
  readonly userZone: string;
}

export function Why({ rec, userZone }: WhyProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const other = rec.timeZone !== userZone;
  return (
    <div className="why">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Hide why' : 'Why this date?'}
      </button>
      {open && (
        <div id={id} className="why-body">
          <p>{plainSentence(rec.why)}</p>
          <Window rec={rec} userZone={userZone} />
          {other && <p className="muted">The recipient is in {zoneName(rec.timeZone)}: times show {zoneName(rec.timeZone)}’s clock first, then yours. A time in the sentence above is {zoneName(rec.timeZone)} time.</p>}
          <RuleList ids={rec.rules} />
        </div>
      )}
    </div>
  );
}

/** Each rule cited, in plain words with its sources. */
export function RuleList({ ids }: { ids: readonly string[] }) {
  return (
    <ul className="rules">
      {ids.map((r) => {
        const rule = BY_ID.get(r);
        return (
          <li key={r}>
            <span className="rule-id">{r}</span> <strong>{rule?.title ?? 'Unknown rule'}</strong>
            {rule && <> — {rule.text} <span className="muted">(sources: {rule.source.map((s: SourceKey) => SOURCES[s]).join('; ')})</span></>}
          </li>
        );
      })}
    </ul>
  );
}

/** "Why this date?" for a date known only by the rules that set it (a coach's dashboard): the reason and the rules. */
export function RuleWhy({ reason, rules, label = 'Why this date?' }: { reason: string; rules: readonly string[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="why">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Hide why' : label}
      </button>
      {open && (
        <div id={id} className="why-body">
          <p>{plainSentence(reason)}</p>
          <RuleList ids={rules} />
        </div>
      )}
    </div>
  );
}

/** Earliest, ideal and latest on a small line, the ideal marked; each on both clocks when the recipient's zone is not the user's. */
export function Window({ rec, userZone }: { rec: WhyProps['rec']; userZone: string }) {
  const when = (iso: string): string => whenIn(iso, rec.timeZone, userZone);
  const a = new Date(rec.earliest).getTime();
  const b = new Date(rec.latest).getTime();
  const i = new Date(rec.ideal).getTime();
  const at = b > a ? Math.min(100, Math.max(0, ((i - a) / (b - a)) * 100)) : 0;
  return (
    <figure className="window" aria-label={`From ${when(rec.earliest)}; ideally ${when(rec.ideal)}; at the latest ${when(rec.latest)}`}>
      <div className="window-bar" aria-hidden="true"><span className="window-ideal" style={{ left: `${at}%` }} /></div>
      <figcaption className="window-labels">
        <span><small>Earliest</small>{when(rec.earliest)}</span>
        <span><small>Ideal</small><strong>{when(rec.ideal)}</strong></span>
        <span><small>Latest</small>{when(rec.latest)}</span>
      </figcaption>
    </figure>
  );
}
