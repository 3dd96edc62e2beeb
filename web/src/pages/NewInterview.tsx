/**
 * Add interview: when (in the application's zone, named), stage and format, the people met (known
 * ones ticked, new ones typed in), what the employer said about the decision with how it is
 * understood before saving (F0), their directions, and the debrief checklist of PROTOCOL §2.
 * One write records the new people and the interview together.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CHANNELS, FORMATS, PERSON_ROLES, STAGES } from '../../../src/core/model.js';
import { ApiError, client, fieldText, ok } from '../api.js';
import type { ApplicationRecord } from '../components/AppRecord.js';
import { DebriefInput, type PreviewRequest } from '../components/DebriefPreview.js';
import { dateOnly } from '../components/InterviewDebrief.js';
import { EMPTY_PERSON, PersonFields, personJson, type PersonDraft } from '../components/PersonForm.js';
import { ErrorNote, Field, Loading, Page } from '../components/ui.js';
import { useData } from '../data.js';
import { DEBRIEF_FIELD_LABELS, debriefHint, detailLabel } from '../debrief-words.js';
import { personLabel, words, zoneName } from '../format.js';
import { Link, navigate } from '../router.js';
import './NewInterview.css';

interface NewPerson { readonly key: string; readonly person: PersonDraft }

type Preview =
  | { state: 'idle' | 'waiting' }
  | { state: 'understood'; decisionBy: string; meaning: string }
  | { state: 'not_understood'; message: string }
  | { state: 'choices'; choices: readonly { decisionBy: string; meaning: string }[] }
  | { state: 'error'; message: string };

type PreviewPerson = NonNullable<PreviewRequest['people']>[number];

function isRole(role: string): role is NonNullable<PreviewPerson['role']> {
  return (PERSON_ROLES as readonly string[]).includes(role);
}

/** A person typed in the form, as far as the preview needs them (empty fields left out). */
function previewPerson(p: PersonDraft): PreviewPerson {
  const name = p.name.trim();
  const honorific = p.honorific.trim();
  const title = p.title.trim();
  return {
    ...(name ? { name } : {}), ...(honorific ? { honorific } : {}), ...(title ? { title } : {}), ...(isRole(p.role) ? { role: p.role } : {}),
  };
}

/** Today's date (YYYY-MM-DD) in `zone`. */
function today(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The employer's words as understood, asked of the server as the user types (debounced). */
function useTimelinePreview(said: string, interviewEnd: string | undefined, zone: string): Preview {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    if (said.trim() === '' || !interviewEnd) {
      setPreview({ state: 'idle' });
      return undefined;
    }
    setPreview({ state: 'waiting' });
    const timer = setTimeout(() => {
      ok(client.api.timeline.$get({ query: { said, interviewEnd, zone } })).then(
        (r) => {
          if (run !== latest.current) return;
          if (r.understood) setPreview({ state: 'understood', decisionBy: r.decisionBy ?? '', meaning: r.meaning ?? '' });
          else if ((r.choices ?? []).length > 1) setPreview({ state: 'choices', choices: r.choices ?? [] });
          else setPreview({ state: 'not_understood', message: r.message ?? '' });
        },
        (e: unknown) => { if (run === latest.current) setPreview({ state: 'error', message: e instanceof Error ? e.message : String(e) }); },
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [said, interviewEnd, zone]);
  return preview;
}

function Fieldset({ legend, children, hint }: { legend: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="card form-section">
      <legend>{legend}</legend>
      {hint && <p className="muted section-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

function InterviewForm({ app, userZone }: { app: ApplicationRecord; userZone: string }) {
  const id = useId();
  const defaultZone = app.timeZone ?? userZone;
  const [zone, setZone] = useState(defaultZone);
  const [date, setDate] = useState(() => today(defaultZone));
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [stage, setStage] = useState<(typeof STAGES)[number]>('first_round');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('video');
  const [met, setMet] = useState<ReadonlySet<string>>(new Set());
  const [newPeople, setNewPeople] = useState<readonly NewPerson[]>([]);
  const nextKey = useRef(1);
  const [panel, setPanel] = useState(false);
  const [lead, setLead] = useState('');
  const [said, setSaid] = useState('');
  const [decisionBy, setDecisionBy] = useState('');
  const [contact, setContact] = useState('');
  const [goAhead, setGoAhead] = useState(false);
  const [refsRequested, setRefsRequested] = useState(false);
  const [dirChannel, setDirChannel] = useState('');
  const [dirOn, setDirOn] = useState('');
  const [dirPerson, setDirPerson] = useState('');
  const [askedNextSteps, setAskedNextSteps] = useState(false);
  const [collectedContacts, setCollectedContacts] = useState(false);
  const [best, setBest] = useState('');
  const [awkward, setAwkward] = useState('');
  const [unfinished, setUnfinished] = useState('');
  const [concerns, setConcerns] = useState('');
  const [details, setDetails] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const preview = useTimelinePreview(said, date ? `${date}T${end || start || '12:00'}` : undefined, zone);

  // Everyone met, known and new, as `{ ref, label }`: ref is a person id or a new person's key.
  const newIndex = (key: string): number => newPeople.findIndex((p) => p.key === key);
  const chosen = [
    ...app.people.filter((p) => met.has(p.id)).map((p) => ({ ref: p.id, label: personLabel(p) })),
    ...newPeople.map((p, i) => ({ ref: p.key, label: personLabel({ name: p.person.name.trim(), honorific: p.person.honorific.trim() }) || `New person ${i + 1}` })),
  ];
  const apiRef = (ref: string): string => (newIndex(ref) >= 0 ? `new:${newIndex(ref)}` : ref);
  // Who the debrief previews are about: the people met (new ones as typed so far), the note's recipient.
  const recipient = panel && lead ? lead : chosen[0]?.ref;
  const about = {
    people: newPeople.map((p) => previewPerson(p.person)), peopleIds: chosen.map((c) => apiRef(c.ref)), panel,
    ...(recipient !== undefined ? { person: apiRef(recipient) } : {}),
  };

  const addPerson = (): void => {
    const key = `new-${nextKey.current++}`;
    setNewPeople([...newPeople, { key, person: EMPTY_PERSON }]);
    // Focus the new person's name once rendered.
    setTimeout(() => document.getElementById(`${id}-${key}-name`)?.focus(), 0);
  };
  const removePerson = (key: string): void => {
    setNewPeople(newPeople.filter((p) => p.key !== key));
    for (const [value, set] of [[lead, setLead], [contact, setContact], [dirPerson, setDirPerson]] as const) if (value === key) set('');
  };

  const named = error instanceof ApiError ? error.field : undefined;
  const fieldError = (path: string): string | undefined =>
    named !== undefined && (named === path || named.startsWith(`${path}.`) || named.startsWith(`${path}[`)) && error ? fieldText(error) : undefined;
  const shown = ['interview.start', 'interview.end', 'interview.timeZone', 'interview.peopleIds', 'interview.panelLeadId', 'interview.timeline',
    'interview.contactId', 'interview.directions', 'interview.debrief', 'interview.stage', 'interview.format', 'people['];
  const elsewhere = error && !(named && shown.some((p) => named.startsWith(p)));
  const describedBy = (key: string, path: string, hint = false): string | undefined =>
    [hint ? `${id}-${key}-hint` : '', fieldError(path) ? `${id}-${key}-error` : ''].filter(Boolean).join(' ') || undefined;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const refs = chosen.map((c) => apiRef(c.ref));
    const detailJson = Object.fromEntries(chosen.map((c) => [apiRef(c.ref), (details[c.ref] ?? '').trim()]).filter(([, v]) => v !== ''));
    const debrief = {
      askedNextSteps, collectedContacts,
      ...(best.trim() ? { bestMoments: best.trim() } : {}), ...(awkward.trim() ? { awkwardMoments: awkward.trim() } : {}),
      ...(unfinished.trim() ? { unfinishedAnswers: unfinished.trim() } : {}), ...(concerns.trim() ? { concerns: concerns.trim() } : {}),
      ...(Object.keys(detailJson).length > 0 ? { details: detailJson } : {}),
    };
    const directions = {
      ...(dirChannel ? { channel: dirChannel } : {}), ...(dirOn ? { on: dirOn } : {}), ...(dirPerson ? { personId: apiRef(dirPerson) } : {}),
    };
    try {
      await ok(client.api.applications[':id'].interviews['with-people'].$post({
        param: { id: app.id },
        json: {
          people: newPeople.map((p) => ({ ...personJson(p.person), name: p.person.name.trim() })),
          interview: {
            start: `${date}T${start}`, end: `${date}T${end}`, timeZone: zone.trim(), stage, format, peopleIds: refs,
            panel, ...(panel && lead ? { panelLeadId: apiRef(lead) } : {}),
            ...(said.trim() || decisionBy ? { timeline: { ...(said.trim() ? { said: said.trim() } : {}), ...(decisionBy ? { decisionBy } : {}) } } : {}),
            ...(contact ? { contactId: apiRef(contact) } : {}),
            ...(Object.keys(directions).length > 0 ? { directions } : {}),
            goAhead, referencesRequested: refsRequested, debrief,
          },
        },
      }));
      navigate(`/applications/${encodeURIComponent(app.id)}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  };

  const personSelect = (key: string, label: string, value: string, set: (v: string) => void, path: string, empty: string) => (
    <Field id={`${id}-${key}`} label={label} error={fieldError(path)}>
      <select id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)} aria-describedby={describedBy(key, path)}>
        <option value="">{empty}</option>
        {chosen.map((c) => <option key={c.ref} value={c.ref}>{c.label}</option>)}
      </select>
    </Field>
  );

  return (
    <form className="interview-form" onSubmit={(e) => void submit(e)}>
      <Fieldset legend="When and what" hint={<>Times are in <strong>{zoneName(zone)}</strong> time ({zone}){zone === app.timeZone ? ', the company’s zone' : zone === userZone ? ', your zone' : ''}.</>}>
        <div className="grid-3">
          <Field id={`${id}-date`} label="Date" error={fieldError('interview.start')}>
            <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} aria-describedby={describedBy('date', 'interview.start')} />
          </Field>
          <Field id={`${id}-start`} label="Started at">
            <input id={`${id}-start`} type="time" required value={start} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field id={`${id}-end`} label="Ended at" error={fieldError('interview.end')}>
            <input id={`${id}-end`} type="time" required value={end} onChange={(e) => setEnd(e.target.value)} aria-describedby={describedBy('end', 'interview.end')} aria-invalid={fieldError('interview.end') ? true : undefined} />
          </Field>
        </div>
        <details className="more-options" open={Boolean(fieldError('interview.timeZone'))}>
          <summary>It was in another time zone</summary>
          <Field id={`${id}-zone`} label="Time zone of the interview" hint="An IANA zone such as Europe/London." error={fieldError('interview.timeZone')}>
            <input id={`${id}-zone`} value={zone} onChange={(e) => setZone(e.target.value)} aria-describedby={describedBy('zone', 'interview.timeZone', true)} />
          </Field>
        </details>
        <div className="grid-2">
          <Field id={`${id}-stage`} label="Stage" error={fieldError('interview.stage')}>
            <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value as (typeof STAGES)[number])}>
              {STAGES.map((s) => <option key={s} value={s}>{words(s)}</option>)}
            </select>
          </Field>
          <Field id={`${id}-format`} label="Format" error={fieldError('interview.format')}>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])}>
              {FORMATS.map((f) => <option key={f} value={f}>{words(f)}</option>)}
            </select>
          </Field>
        </div>
      </Fieldset>

      <Fieldset legend="Who you met" hint="Each person gets their own thank-you note (T1).">
        {app.people.length > 0 && (
          <div className="checks" role="group" aria-label="People already recorded">
            {app.people.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" checked={met.has(p.id)} onChange={(e) => {
                  const next = new Set(met);
                  if (e.target.checked) next.add(p.id); else next.delete(p.id);
                  setMet(next);
                }} />
                <span>{personLabel(p)}{p.title ? <span className="muted"> · {p.title}</span> : null}</span>
              </label>
            ))}
          </div>
        )}
        {fieldError('interview.peopleIds') && <p className="error-text" role="alert">{fieldError('interview.peopleIds')}</p>}
        {newPeople.map((p, i) => (
          <fieldset key={p.key} className="new-person">
            <legend>New person {i + 1}</legend>
            <PersonFields
              id={`${id}-${p.key}`} value={p.person}
              onChange={(person) => setNewPeople(newPeople.map((q) => (q.key === p.key ? { ...q, person } : q)))}
              errorOf={(f) => fieldError(`people[${i}].${f}`)}
            />
            <button type="button" className="button ghost small" onClick={() => removePerson(p.key)}>Remove {p.person.name.trim() || `new person ${i + 1}`}</button>
          </fieldset>
        ))}
        <div><button type="button" className="button" onClick={addPerson}>Add a person you met</button></div>
        <label className="check">
          <input type="checkbox" checked={panel} onChange={(e) => setPanel(e.target.checked)} />
          <span>A panel interview (one note to the lead with the others in CC, T3)</span>
        </label>
        {panel && personSelect('lead', 'Panel lead', lead, setLead, 'interview.panelLeadId', 'Choose the lead')}
      </Fieldset>

      <Fieldset legend="What they said about the decision">
        <Field id={`${id}-said`} label="Their words on the timeline" hint="As they said it: “by Friday”, “within two weeks”, “end of the month”." error={fieldError('interview.timeline.said')}>
          <input id={`${id}-said`} value={said} autoComplete="off" onChange={(e) => setSaid(e.target.value)} aria-describedby={[`${id}-said-hint`, `${id}-said-preview`].join(' ')} />
        </Field>
        <div id={`${id}-said-preview`} className={`timeline-preview preview-${preview.state}`} role="status" aria-live="polite">
          {preview.state === 'waiting' && <span className="muted">Reading…</span>}
          {preview.state === 'understood' && <>Understood as <strong>{dateOnly(preview.decisionBy)}</strong> ({preview.meaning}). The first status check waits until after it (F0, F1).</>}
          {preview.state === 'not_understood' && <>Not understood: treated as no timeline (usual timing for the stage, F2) until you give the date below.</>}
          {preview.state === 'choices' && (
            <>
              <p className="choices-text">These words can mean two dates. Which did they mean? Until you pick one, it counts as no timeline (F0).</p>
              <div className="choice-buttons">
                {preview.choices.map((c) => (
                  <button key={c.decisionBy} type="button" className={`button small${decisionBy === c.decisionBy ? ' primary' : ''}`} aria-pressed={decisionBy === c.decisionBy} onClick={() => setDecisionBy(c.decisionBy)}>
                    {dateOnly(c.decisionBy)} <span className="muted">({c.meaning})</span>
                  </button>
                ))}
              </div>
            </>
          )}
          {preview.state === 'error' && <span className="error-text">{preview.message}</span>}
        </div>
        <div className="grid-2">
          <Field id={`${id}-decisionBy`} label="Decision date, if they gave one" hint="Wins over their words." error={fieldError('interview.timeline.decisionBy')}>
            <input id={`${id}-decisionBy`} type="date" value={decisionBy} onChange={(e) => setDecisionBy(e.target.value)} aria-describedby={describedBy('decisionBy', 'interview.timeline.decisionBy', true)} />
          </Field>
          {personSelect('contact', 'Who to contact about it', contact, setContact, 'interview.contactId', 'Not said')}
        </div>
        <p className="label subhead">Their directions (they override the usual timing, F3)</p>
        <div className="grid-3">
          <Field id={`${id}-dirChannel`} label="Channel they asked for" error={fieldError('interview.directions.channel')}>
            <select id={`${id}-dirChannel`} value={dirChannel} onChange={(e) => setDirChannel(e.target.value)}>
              <option value="">Not said</option>
              {CHANNELS.filter((c) => c !== 'in_person').map((c) => <option key={c} value={c}>{words(c)}</option>)}
            </select>
          </Field>
          <Field id={`${id}-dirOn`} label="Day they named" error={fieldError('interview.directions.on')}>
            <input id={`${id}-dirOn`} type="date" value={dirOn} onChange={(e) => setDirOn(e.target.value)} aria-describedby={describedBy('dirOn', 'interview.directions.on')} />
          </Field>
          {personSelect('dirPerson', 'Person they named', dirPerson, setDirPerson, 'interview.directions.personId', 'Not said')}
        </div>
        <div className="checks">
          <label className="check">
            <input type="checkbox" checked={goAhead} onChange={(e) => setGoAhead(e.target.checked)} />
            <span>They welcomed regular check-ins (F4, F5)</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={refsRequested} onChange={(e) => setRefsRequested(e.target.checked)} />
            <span>They asked for references (F7)</span>
          </label>
        </div>
      </Fieldset>

      <Fieldset legend="Debrief" hint="Right after the interview, while it is fresh. Every answer is optional; the details feed each person’s note.">
        <div className="checks">
          <label className="check">
            <input type="checkbox" checked={askedNextSteps} onChange={(e) => setAskedNextSteps(e.target.checked)} />
            <span>I asked about next steps and the decision timeline</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={collectedContacts} onChange={(e) => setCollectedContacts(e.target.checked)} />
            <span>I collected everyone’s contact details (spelling of names, titles)</span>
          </label>
        </div>
        <DebriefInput
          id={`${id}-best`} label={DEBRIEF_FIELD_LABELS.bestMoments} applicationId={app.id} about={{ ...about, field: 'bestMoments' }}
          value={best} onChange={setBest} hint={{ text: debriefHint('bestMoments') }} multiline error={fieldError('interview.debrief.bestMoments')}
        />
        <DebriefInput
          id={`${id}-awkward`} label={DEBRIEF_FIELD_LABELS.awkwardMoments} applicationId={app.id} about={{ ...about, field: 'awkwardMoments' }}
          value={awkward} onChange={setAwkward} hint={{ text: debriefHint('awkwardMoments') }} multiline error={fieldError('interview.debrief.awkwardMoments')}
        />
        <DebriefInput
          id={`${id}-unfinished`} label={DEBRIEF_FIELD_LABELS.unfinishedAnswers} applicationId={app.id} about={{ ...about, field: 'unfinishedAnswers' }}
          value={unfinished} onChange={setUnfinished} hint={{ text: debriefHint('unfinishedAnswers') }} lead="A thank-you can add a short, better answer."
          multiline error={fieldError('interview.debrief.unfinishedAnswers')}
        />
        {chosen.length > 0 && (
          <div className="details-per-person">
            <p className="label subhead">One specific, striking detail per person</p>
            <small id={`${id}-detail-hint`} className="muted">{debriefHint('details')}</small>
            {chosen.map((c, i) => (
              <DebriefInput
                key={c.ref} id={`${id}-detail-${i}`} label={detailLabel(c.label)} applicationId={app.id}
                about={{ ...about, field: 'details', person: apiRef(c.ref) }}
                value={details[c.ref] ?? ''} onChange={(v) => setDetails({ ...details, [c.ref]: v })} hint={{ id: `${id}-detail-hint` }} multiline
                error={fieldError(`interview.debrief.details.${apiRef(c.ref)}`)}
              />
            ))}
          </div>
        )}
        <Field id={`${id}-concerns`} label="Anything that rubbed you the wrong way" hint="Red-flag observations; score them on the Offers page." error={fieldError('interview.debrief.concerns')}>
          <textarea id={`${id}-concerns`} rows={2} value={concerns} onChange={(e) => setConcerns(e.target.value)} aria-describedby={`${id}-concerns-hint`} />
        </Field>
      </Fieldset>

      {elsewhere && <ErrorNote error={error} />}
      {error && !elsewhere && <p className="notice error">Not saved: {error.message}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Saving…' : 'Save interview'}</button>
        <Link className="button ghost" href={`/applications/${encodeURIComponent(app.id)}`}>Cancel</Link>
      </div>
    </form>
  );
}

export function NewInterview({ applicationId, userZone }: { applicationId: string; userZone: string }) {
  const { data: view, error, loading } = useData(() => ok(client.api.applications[':id'].$get({ param: { id: applicationId } })), [applicationId]);
  if (!view) return <Page title="Add interview">{loading ? <Loading what="the application" /> : <ErrorNote error={error} />}</Page>;
  const app = view.application;
  return (
    <Page title="Add interview" subtitle={<><Link href={`/applications/${encodeURIComponent(app.id)}`}>{app.company}</Link> · {app.role}</>}>
      <InterviewForm app={app} userZone={userZone} />
    </Page>
  );
}
