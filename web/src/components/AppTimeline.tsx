/** An application's history in date order: its interviews and every touch (who, channel, outcome). */
import { kindLabel, personLabel, whenIn, words } from '../format.js';
import type { ApplicationRecord, PersonRecord } from './AppRecord.js';
import { Chip } from './ui.js';

interface Event {
  readonly at: number;
  readonly iso: string;
  readonly zone: string;
  readonly key: string;
  readonly what: string;
  readonly how: string;
  readonly outcome?: string;
  readonly who: string;
  readonly interview: boolean;
}

const OUTCOME_TONE: Readonly<Record<string, 'plain' | 'good' | 'bad' | 'warn' | 'info'>> = {
  offer: 'good', next_round: 'good', reply_received: 'info', rejected: 'bad', filled: 'bad', no_answer: 'warn', voicemail: 'warn',
};

export function peopleNames(people: readonly PersonRecord[], ids: readonly string[]): string {
  return ids.map((id) => personLabel(people.find((p) => p.id === id)) || id).join(', ');
}

export function timelineEvents(app: ApplicationRecord, userZone: string): Event[] {
  const events: Event[] = [
    ...app.interviews.map((iv) => ({
      at: new Date(iv.start).getTime(), iso: iv.start, zone: iv.timeZone, key: `i-${iv.id}`,
      what: `${words(iv.stage)} interview`, how: `${words(iv.format)}${iv.panel ? ', panel' : ''}`,
      who: peopleNames(app.people, iv.peopleIds), interview: true,
    })),
    ...app.touches.map((t, i) => ({
      at: new Date(t.at).getTime(), iso: t.at, zone: userZone, key: `t-${i}`,
      what: kindLabel(t.kind), how: words(t.channel), outcome: t.outcome,
      who: t.personId ? peopleNames(app.people, [t.personId]) : t.referenceId ? `reference ${t.referenceId}` : '', interview: false,
    })),
  ];
  return events.sort((a, b) => a.at - b.at);
}

export function AppTimeline({ app, userZone }: { app: ApplicationRecord; userZone: string }) {
  const events = timelineEvents(app, userZone);
  if (events.length === 0) return <p className="muted">Nothing yet: add the interview when you have had it.</p>;
  return (
    <ol className="app-timeline">
      {events.map((e) => (
        <li key={e.key} className={e.interview ? 'tl-interview' : 'tl-touch'}>
          <time dateTime={e.iso} className="tl-when">
            {whenIn(e.iso, e.zone, userZone)}
          </time>
          <span className="tl-what"><strong>{e.what}</strong> · {e.how}{e.who && <> · {e.who}</>}</span>
          {e.outcome && e.outcome !== 'sent' && <span className="tl-outcome"><Chip tone={OUTCOME_TONE[e.outcome] ?? 'plain'}>{words(e.outcome)}</Chip></span>}
          {e.outcome === 'sent' && <span className="tl-outcome"><Chip tone="good">Sent</Chip></span>}
        </li>
      ))}
    </ol>
  );
}
