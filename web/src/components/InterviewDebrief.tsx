/** One interview as recorded: when, who, what the employer said about timing, and the debrief of PROTOCOL §2. */
import { day, personLabel, when, whenIn, words } from '../format.js';
import type { InterviewRecord, PersonRecord } from './AppRecord.js';
import { peopleNames } from './AppTimeline.js';
import { Chip } from './ui.js';

/** A ticked box is a yes; an unticked or absent one is only "not ticked" (the form cannot tell a no from a blank). */
function YesNo({ value }: { value: boolean | undefined }) {
  return value === true ? <Chip tone="good">Yes</Chip> : <span className="muted">not ticked</span>;
}

/** A calendar date (YYYY-MM-DD) as "Fri 6 Mar 2026": noon UTC names the same day everywhere it is shown. */
export function dateOnly(ymd: string): string {
  return day(`${ymd}T12:00:00Z`, 'UTC');
}

export function InterviewDebrief({ iv, people, userZone }: { iv: InterviewRecord; people: readonly PersonRecord[]; userZone: string }) {
  const d = iv.debrief ?? {};
  const lead = iv.panelLeadId ? people.find((p) => p.id === iv.panelLeadId) : undefined;
  const contact = iv.contactId ? people.find((p) => p.id === iv.contactId) : undefined;
  const dirPerson = iv.directions?.personId ? people.find((p) => p.id === iv.directions?.personId) : undefined;
  const details = Object.entries(d.details ?? {});
  const endTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: iv.timeZone }).format(new Date(iv.end));
  return (
    <article className="card interview-card" aria-labelledby={`iv-${iv.id}`}>
      <h3 id={`iv-${iv.id}`}>{words(iv.stage)} · {whenIn(iv.start, iv.timeZone, userZone).replace(when(iv.start, iv.timeZone), `${when(iv.start, iv.timeZone)}–${endTime}`)}</h3>
      <p className="muted interview-sub">
        {words(iv.format)}{iv.panel ? ' panel' : ''}
        {' · '}met {peopleNames(people, iv.peopleIds) || 'no one recorded'}{lead ? ` · lead: ${personLabel(lead)}` : ''}
      </p>
      <dl className="facts">
        <div><dt>Their timeline</dt><dd>
          {iv.timeline.decisionBy ? <>decision by {dateOnly(iv.timeline.decisionBy)}{iv.timeline.said ? <> (“{iv.timeline.said}”)</> : null}</>
            : iv.timeline.said ? <>“{iv.timeline.said}”</> : <span className="muted">none given</span>}
        </dd></div>
        {contact && <div><dt>Contact about the decision</dt><dd>{personLabel(contact)}</dd></div>}
        {iv.directions && (
          <div><dt>Their directions</dt><dd>
            {[iv.directions.channel ? words(iv.directions.channel) : '', iv.directions.on ? `on ${dateOnly(iv.directions.on)}` : '', dirPerson ? `to ${personLabel(dirPerson)}` : ''].filter(Boolean).join(', ')}
          </dd></div>
        )}
        <div><dt>Check-ins welcome</dt><dd><YesNo value={iv.goAhead} /></dd></div>
        {iv.referencesRequested && <div><dt>References</dt><dd>They asked for references</dd></div>}
      </dl>
      <h4 className="debrief-title">Debrief</h4>
      {iv.debrief === undefined ? <p className="muted">No debrief recorded.</p> : (
        <dl className="facts debrief">
          <div><dt>Asked about next steps and timeline</dt><dd><YesNo value={d.askedNextSteps} /></dd></div>
          <div><dt>Collected contact details</dt><dd><YesNo value={d.collectedContacts} /></dd></div>
          {d.bestMoments && <div><dt>Best moments</dt><dd>{d.bestMoments}</dd></div>}
          {d.awkwardMoments && <div><dt>Awkward moments</dt><dd>{d.awkwardMoments}</dd></div>}
          {d.unfinishedAnswers && <div><dt>Not answered fully</dt><dd>{d.unfinishedAnswers}</dd></div>}
          {details.map(([pid, text]) => (
            <div key={pid}><dt>Detail: {personLabel(people.find((p) => p.id === pid)) || 'someone no longer listed'}</dt><dd>{text}</dd></div>
          ))}
          {d.concerns && <div><dt>Rubbed you the wrong way</dt><dd>{d.concerns}</dd></div>}
        </dl>
      )}
    </article>
  );
}
