/** What the plan says next after a touch was logged: its kind, who, the window and why. */
import type { RecommendationJson } from '../api.js';
import { kindLabel, personLabel } from '../format.js';
import { Link } from '../router.js';
import { Why, Window } from './Why.js';

export interface DraftPerson { readonly id: string; readonly name: string; readonly honorific?: string | undefined }

/** The people of an application JSON document (typed loosely by the server). */
export function peopleOf(application: unknown): DraftPerson[] {
  const people = (application as { people?: unknown } | null)?.people;
  return Array.isArray(people) ? people as DraftPerson[] : [];
}

export function DraftNextStep({ next, people, userZone, applicationId, headingId }: {
  next: RecommendationJson | null; people: readonly DraftPerson[]; userZone: string; applicationId: string; headingId: string;
}) {
  const person = people.find((p) => p.id === next?.personId);
  return (
    <div className="card draft-next">
      <h2 id={headingId}>What the plan says next</h2>
      {next ? (
        <>
          <p className="draft-next-title"><strong>{kindLabel(next.kind)}{person ? ` to ${personLabel(person)}` : ''}</strong></p>
          <Window rec={next} userZone={userZone} />
          <Why rec={next} userZone={userZone} />
        </>
      ) : <p className="muted">Nothing more is planned for this application.</p>}
      <p className="page-actions draft-next-links">
        <Link className="button primary" href="/">Back to Today</Link>
        <Link className="button" href={`/applications/${encodeURIComponent(applicationId)}`}>Open the application</Link>
      </p>
    </div>
  );
}
