/**
 * What of the debrief a draft does not carry, listed beside it: where it was typed (a detail by its
 * person's name), the words, why it was left out and what to do.
 */
import { personLabel } from '../format.js';
import { DEBRIEF_FIELD_LABELS, detailLabel, leftOutLine, type LeftOutReason } from '../debrief-words.js';

export interface LeftOutItem {
  readonly field: 'details' | 'bestMoments' | 'awkwardMoments' | 'unfinishedAnswers';
  readonly personId: string | null;
  readonly text: string;
  readonly reason: LeftOutReason;
}

interface PersonName { readonly id: string; readonly name: string; readonly honorific?: string | undefined }

export function LeftOutList({ items, people, headingId }: { items: readonly LeftOutItem[]; people: readonly PersonName[]; headingId: string }) {
  if (items.length === 0) return null;
  const where = (l: LeftOutItem): string => (l.field === 'details'
    ? detailLabel(personLabel(people.find((p) => p.id === l.personId)))
    : DEBRIEF_FIELD_LABELS[l.field]);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Left out of this draft</h2>
      <p className="muted draft-small">From your debrief. Add any of it by hand if it belongs in the note.</p>
      <ul className="draft-left-out">
        {items.map((l, i) => (
          <li key={`${l.field}-${l.personId ?? ''}-${i}`}>
            <p className="draft-left-out-where">{where(l)}</p>
            {l.reason !== 'emoji' && <p className="draft-left-out-text">“{l.text}”</p>}
            <p className="muted">{leftOutLine(l.reason)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
