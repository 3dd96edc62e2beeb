/**
 * The draft editor: the note Afterword wrote for one person (or reference), editable, with the tone
 * check live as the user types (findings underlined and listed, fixes one click away), what of the
 * debrief it left out and why, what to add, then copy, open in mail, download .eml, and mark as
 * sent (with the P2/L8 guards).
 */
import type { InferResponseType } from 'hono/client';
import { useEffect, useId, useRef, useState } from 'react';
import type { REQUEST_KINDS } from '../../../src/core/drafts/index.js';
import { ApiError, client, ok, type Api } from '../api.js';
import { DraftNextStep, peopleOf } from '../components/DraftNextStep.js';
import { LeftOutList } from '../components/LeftOutList.js';
import { guardText } from '../components/LogTouch.js';
import { ToneEditor, type ToneSpan } from '../components/ToneEditor.js';
import { ErrorNote, Loading, Page } from '../components/ui.js';
import { ruleTitle } from '../components/Why.js';
import { useData } from '../data.js';
import { personLabel } from '../format.js';
import { Link, navigate } from '../router.js';
import './Draft.css';

type DraftJson = InferResponseType<Api['applications'][':id']['drafts']['$get'], 200>;
type ToneJson = InferResponseType<Api['applications'][':id']['tone']['$post'], 200>;
type FindingJson = ToneJson['findings'][number];
type SavedJson = InferResponseType<Api['applications'][':id']['touches']['$post'], 201>;
type RequestKind = (typeof REQUEST_KINDS)[number];
type TouchKind = 'thank_you' | 'status_check' | 'update' | 'reply' | 'reference_brief';
interface GuardJson { rule: string; earliest?: string; findings?: { message: string }[] }

const KIND_GROUPS: readonly [string, readonly [string, string][]][] = [
  ['Thank-you', [['thank_you_email', 'Thank-you email'], ['thank_you_letter', 'Thank-you letter'], ['thank_you_panel', 'Panel thank-you (others in Cc)']]],
  ['Checking in', [['status_check', 'Status check']]],
  ['Updates', [['update_skill', 'Update: a new skill'], ['update_news', 'Update: news about them'], ['update_solution', 'Update: an idea for their problem'], ['update_question', 'Update: a question']]],
  ['Replies', [['reply_not_decided', 'Reply: not decided yet'], ['reply_filled', 'Reply: the post is filled'], ['reply_rejection', 'Reply: a rejection']]],
];
const KIND_LABEL = new Map<string, string>([...KIND_GROUPS.flatMap(([, kinds]) => kinds), ['reference_brief', 'Reference brief']]);

/** What the note asks the user to add, in words. */
const GAP_WORDS: Readonly<Record<string, string>> = {
  'candidate.phone': 'Your phone number, so they can call you back (Settings).',
  'person.detail': 'One detail from your conversation with them (the interview’s debrief): a note without one reads as a template.',
  'person.phone': 'Their phone number (the person’s record).',
  'reference.speakTo': 'What your reference should speak to (the reference’s record).',
  'note': 'What the update is about: write it in “What to mention” above.',
};

/** Findings about the whole note rather than a few words: listed, not underlined. */
const WHOLE_NOTE = new Set(['near_duplicate', 'missing_company', 'missing_role', 'too_long', 'no_greeting', 'no_thanks', 'no_signoff', 'no_detail']);

function touchOf(kind: string): { kind: TouchKind; channel: 'email' | 'letter' } {
  const channel = kind === 'thank_you_letter' ? 'letter' : 'email';
  if (kind.startsWith('thank_you')) return { kind: 'thank_you', channel };
  if (kind.startsWith('update')) return { kind: 'update', channel };
  if (kind.startsWith('reply')) return { kind: 'reply', channel };
  if (kind === 'reference_brief') return { kind: 'reference_brief', channel };
  return { kind: 'status_check', channel };
}

function quote(text: string): string {
  return `\u201C${text}\u201D`;
}

interface Checked {
  readonly text: string;
  readonly subject: string;
  readonly result: ToneJson;
}

export function DraftEditor({ applicationId, query, userZone }: { applicationId: string; query: URLSearchParams; userZone: string }) {
  const id = useId();
  // An unknown kind is the server's to refuse (the page shows its words).
  const kind = (query.get('kind') ?? 'thank_you') as RequestKind;
  const person = query.get('person') ?? undefined;
  const reference = query.get('reference') ?? undefined;
  const interview = query.get('interview') ?? undefined;
  const noteParam = query.get('note') ?? undefined;
  const ref = {
    kind, ...(person ? { person } : {}), ...(reference ? { reference } : {}), ...(interview ? { interview } : {}), ...(noteParam ? { note: noteParam } : {}),
  };

  const draft = useData(() => ok(client.api.applications[':id'].drafts.$get({ param: { id: applicationId }, query: ref })),
    [applicationId, kind, person, reference, interview, noteParam]);
  const application = useData(() => ok(client.api.applications[':id'].$get({ param: { id: applicationId } })), [applicationId]);
  // An .eml file needs your address and theirs: what is missing is said before anyone clicks.
  const profile = useData(() => ok(client.api.profile.$get()), []);

  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [note, setNote] = useState(noteParam ?? '');
  const [loadedFor, setLoadedFor] = useState<DraftJson>();
  const [checked, setChecked] = useState<Checked>();
  const [checkError, setCheckError] = useState<Error>();
  const [active, setActive] = useState<number>();
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<ApiError | Error>();
  const [guards, setGuards] = useState<GuardJson[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<SavedJson>();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<HTMLDivElement>(null);

  // A newly loaded draft replaces the text being edited.
  if (draft.data && draft.data !== loadedFor) {
    setLoadedFor(draft.data);
    setSubject(draft.data.draft.subject ?? '');
    setBody(draft.data.draft.body);
    setChecked(undefined);
    setGuards([]);
    setSent(undefined);
  }

  // The live tone check: 300 ms after the last keystroke, in the application's context.
  const refKey = JSON.stringify(ref);
  useEffect(() => {
    if (!loadedFor) return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      ok(client.api.applications[':id'].tone.$post({ param: { id: applicationId }, json: { ...ref, text: body, ...(loadedFor.draft.subject !== null ? { subject } : {}) } }))
        .then((result) => {
          if (!current) return;
          setChecked({ text: body, subject, result });
          setCheckError(undefined);
        }, (error: unknown) => { if (current) setCheckError(error instanceof Error ? error : new Error(String(error))); });
    }, 300);
    return () => { current = false; window.clearTimeout(timer); };
    // `ref` is keyed by refKey.
  }, [applicationId, refKey, body, subject, loadedFor]);

  const fresh = checked !== undefined && checked.text === body && checked.subject === subject;
  const findings: readonly FindingJson[] = fresh ? checked.result.findings : [];
  const spans: ToneSpan[] = findings.flatMap((f, index) => (WHOLE_NOTE.has(f.code) ? [] : [{ start: f.start, end: f.end, severity: f.severity, index }]));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const toneSummary = !fresh ? 'Checking the tone…'
    : findings.length === 0 ? 'Tone check: clean.'
      : `Tone check: ${[errors > 0 ? `${errors} to fix` : '', findings.length - errors > 0 ? `${findings.length - errors} to consider` : ''].filter(Boolean).join(', ')}.`;

  const title = (() => {
    const d = draft.data?.draft;
    if (!d) return 'Draft';
    const label = KIND_LABEL.get(d.kind) ?? (d.kind === 'call_script' ? 'Call script' : d.kind === 'voicemail' ? 'Voicemail' : 'Draft');
    const who = peopleOf(application.data?.application).find((p) => p.id === d.to.id);
    return `${label} to ${who ? personLabel(who) : d.to.name}`;
  })();
  const app = application.data?.application as { company?: string; role?: string } | undefined;

  if (!draft.data) {
    return (
      <Page title="Draft">
        {draft.loading ? <Loading what="the draft" /> : <ErrorNote error={draft.error} />}
        <p><Link href={`/applications/${encodeURIComponent(applicationId)}`}>Back to the application</Link></p>
      </Page>
    );
  }
  const d = draft.data.draft;
  const isEmail = d.subject !== null;
  const ownEmail = profile.data?.candidate['email'];
  const emlMissing = !isEmail || profile.data === undefined ? undefined
    : typeof ownEmail !== 'string' || ownEmail === '' ? 'yours' : !d.to.email ? 'theirs' : undefined;
  const isUpdate = d.kind.startsWith('update');

  const setQuery = (changes: Record<string, string | undefined>): void => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') q.delete(k);
      else q.set(k, v);
    }
    navigate(`/applications/${encodeURIComponent(applicationId)}/draft?${q.toString()}`, { replace: true });
  };

  /** An edit makes a held "mark as sent" stale: its guards were about the old text. */
  const edit = (text: string): void => {
    setBody(text);
    setGuards([]);
  };

  const show = (index: number): void => {
    const f = findings[index];
    if (!f) return;
    setActive(index);
    const area = textarea.current;
    if (area) {
      area.focus({ preventScroll: true });
      area.setSelectionRange(f.start, f.end);
    }
    editor.current?.querySelector(`[data-finding="${index}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const apply = (f: FindingJson): void => {
    if (!fresh || f.replacement === null) return;
    edit(body.slice(0, f.start) + f.replacement + body.slice(f.end));
    setActive(undefined);
    setStatus(f.replacement === '' ? `Deleted ${quote(body.slice(f.start, f.end))}.` : `Replaced ${quote(body.slice(f.start, f.end))} with ${quote(f.replacement)}.`);
    const area = textarea.current;
    if (area) {
      area.focus({ preventScroll: true });
      const caret = f.start + f.replacement.length;
      window.requestAnimationFrame(() => area.setSelectionRange(caret, caret));
    }
  };

  const copy = async (): Promise<void> => {
    setActionError(undefined);
    try {
      await navigator.clipboard.writeText(isEmail ? `Subject: ${subject}\n\n${body}` : body);
      setStatus('Copied to the clipboard.');
    } catch {
      setActionError(new Error('The browser did not allow copying: select the text and copy it with the keyboard.'));
    }
  };

  const download = async (): Promise<void> => {
    setActionError(undefined);
    setBusy(true);
    try {
      const res = await client.api.applications[':id'].drafts.eml.$post({ param: { id: applicationId }, json: { ...ref, subject, body } });
      if (!res.ok) await ok(Promise.resolve(res));
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'draft.eml';
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Downloaded ${name}: open it in your mail program to send it.`);
    } catch (error) {
      setActionError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  const markSent = async (confirm: string[] = []): Promise<void> => {
    setActionError(undefined);
    setBusy(true);
    const touch = touchOf(d.kind);
    try {
      const saved = await ok(client.api.applications[':id'].touches.$post({
        param: { id: applicationId },
        json: {
          kind: touch.kind, channel: touch.channel, outcome: 'sent',
          ...(person ? { personId: person } : {}), ...(reference ? { referenceId: reference } : {}),
          text: body,
          ...(confirm.length > 0 ? { confirm: confirm as ('P2' | 'L8')[] } : {}),
        },
      })) as SavedJson;
      setGuards([]);
      setSent(saved);
      setStatus('Marked as sent.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && Array.isArray(error.body['guards'])) setGuards(error.body['guards'] as GuardJson[]);
      else setActionError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  const kindChoices = d.kind === 'reference_brief' ? [] : KIND_GROUPS
    .map(([group, kinds]) => [group, kinds.filter(([k]) => k !== 'thank_you_panel' || d.kind === 'thank_you_panel')] as const);
  const mailto = fresh ? checked.result.mailto : null;

  return (
    <Page
      title={title}
      subtitle={app ? <><Link href={`/applications/${encodeURIComponent(applicationId)}`}>{app.company}</Link> · {app.role}</> : undefined}
      actions={<Link className="button ghost" href="/">Back to Today</Link>}
    >
      <div className="draft-layout">
        <div className="draft-main">
          <div className="card draft-card">
            {kindChoices.length > 0 && (
              <div className="draft-kind-row">
                <div className="field">
                  <label htmlFor={`${id}-kind`}>Kind of note</label>
                  <select id={`${id}-kind`} value={d.kind} onChange={(e) => setQuery({ kind: e.target.value })} aria-describedby={`${id}-kind-hint`}>
                    {kindChoices.map(([group, kinds]) => (
                      <optgroup key={group} label={group}>
                        {kinds.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
                      </optgroup>
                    ))}
                  </select>
                  <small id={`${id}-kind-hint`} className="muted">Switching writes a new draft; your edits to this one are not kept.</small>
                </div>
                {person && (
                  <p className="draft-call-link">
                    <Link href={`/applications/${encodeURIComponent(applicationId)}/call?person=${encodeURIComponent(person)}`}>Call instead: script and voicemail</Link>
                  </p>
                )}
              </div>
            )}
            {isUpdate && (
              <form className="draft-note-row" onSubmit={(e) => { e.preventDefault(); setQuery({ note }); }}>
                <div className="field">
                  <label htmlFor={`${id}-note`}>What to mention</label>
                  <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. I finished the dbt Fundamentals course" />
                </div>
                <button type="submit" className="button small">Rewrite with it</button>
              </form>
            )}
            <dl className="draft-addressees">
              <dt>To</dt>
              <dd>{d.to.name}{d.to.email ? <span className="muted"> &lt;{d.to.email}&gt;</span> : <span className="muted"> (no email on record)</span>}</dd>
              {d.cc.length > 0 && <><dt>Cc</dt><dd>{d.cc.map((c) => c.email ? `${c.name} <${c.email}>` : c.name).join(', ')}</dd></>}
            </dl>
            {isEmail && (
              <div className="field">
                <label htmlFor={`${id}-subject`}>Subject</label>
                <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} />
              </div>
            )}
            <div className="field draft-body-field" ref={editor}>
              <label htmlFor={`${id}-body`}>{isEmail ? 'Message' : 'Letter'}</label>
              <ToneEditor ref={textarea} id={`${id}-body`} value={body} onChange={edit} spans={spans} active={active} describedBy={`${id}-tone`} />
              <p id={`${id}-tone`} className={`draft-tone-line ${!fresh ? 'muted' : findings.length === 0 ? 'draft-clean' : errors > 0 ? 'draft-bad' : 'draft-warn'}`} role="status">
                {toneSummary}
              </p>
            </div>

            {!sent && (
              <>
                <div className="draft-actions">
                  <button type="button" className="button" onClick={() => void copy()}>Copy</button>
                  {isEmail && (mailto
                    ? <a className="button" href={mailto}>Open in mail</a>
                    : <button type="button" className="button" disabled title={d.to.email ? 'Waiting for the tone check' : 'No email address on record'}>Open in mail</button>)}
                  {isEmail && (
                    <button type="button" className="button" disabled={busy} aria-describedby={emlMissing ? `${id}-eml` : undefined}
                      onClick={() => (emlMissing ? document.getElementById(`${id}-eml`)?.focus() : void download())}>Download .eml</button>
                  )}
                  <button type="button" className="button primary" disabled={busy} onClick={() => void markSent()}>Mark as sent</button>
                </div>
                {emlMissing && (
                  <p id={`${id}-eml`} className="muted draft-hint" tabIndex={-1}>
                    {emlMissing === 'yours'
                      ? <>To download this as an .eml file for your mail program, add your email address in <Link href="/settings">Settings, About you</Link>: it is the sender.</>
                      : <>{d.to.name} has no email address on record, so there is no .eml file to download: copy the note into your mail program instead.</>}
                  </p>
                )}
                {errors > 0 && <p className="muted draft-hint">The tone check still finds {errors === 1 ? 'one thing' : `${errors} things`} to fix before you send it.</p>}
              </>
            )}
            {guards.length > 0 && (
              <div className="notice warn" role="alert">
                <p><strong>Not recorded yet.</strong></p>
                {guards.map((g) => <p key={g.rule}>{guardText(g)}</p>)}
                <button type="button" className="button" disabled={busy} onClick={() => void markSent(guards.map((g) => g.rule))}>Mark as sent anyway</button>
              </div>
            )}
            {actionError && <p className="notice error" role="alert">{actionError.message}</p>}
            <p className="draft-status" role="status">{status}</p>
            {sent && <p className="notice good">Marked as sent. The plan has moved on.</p>}
          </div>
          {sent && (
            <DraftNextStep next={sent.next} people={peopleOf(sent.application)} userZone={userZone} applicationId={applicationId} headingId={`${id}-next`} />
          )}
        </div>

        <aside className="draft-side" aria-label="Tone check, what was left out and what to add">
          <section className="card" aria-labelledby={`${id}-findings`}>
            <h2 id={`${id}-findings`}>Tone check</h2>
            <ErrorNote error={checkError} />
            {!fresh && <p className="muted">Checking…</p>}
            {fresh && findings.length === 0 && <p className="draft-clean">Nothing to fix: the tone is calm and professional.</p>}
            {fresh && findings.length > 0 && (
              <ul className="draft-findings">
                {findings.map((f, index) => (
                  <li key={`${f.rule}-${f.code}-${f.start}-${f.end}`} className={`draft-finding draft-finding-${f.severity}${active === index ? ' is-active' : ''}`}>
                    <p className="draft-finding-head">
                      <span className="rule-id" title={ruleTitle(f.rule)}>{f.rule}</span>{' '}
                      <span className={`draft-severity draft-severity-${f.severity}`}>{f.severity === 'error' ? 'Fix' : 'Consider'}</span>
                    </p>
                    <p>{f.message}</p>
                    <p className="muted">{f.suggestion}</p>
                    <div className="draft-finding-actions">
                      {!WHOLE_NOTE.has(f.code) && (
                        <button type="button" className="button small ghost" onClick={() => show(index)} aria-label={`Show ${f.rule} in the text`}>Show</button>
                      )}
                      {f.replacement !== null && (
                        <button type="button" className="button small" onClick={() => apply(f)}>
                          {f.replacement === '' ? `Delete ${quote(body.slice(f.start, f.end))}` : `Replace with ${quote(f.replacement)}`}
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {fresh && checked.result.siblings > 0 && (
              <p className="muted draft-small">Compared with {checked.result.siblings === 1 ? 'the other note' : `${checked.result.siblings} other notes`} for this application (L7).</p>
            )}
          </section>

          <LeftOutList items={d.leftOut} people={peopleOf(application.data?.application)} headingId={`${id}-left-out`} />

          {d.gaps.length > 0 && (
            <section className="card" aria-labelledby={`${id}-gaps`}>
              <h2 id={`${id}-gaps`}>What to add</h2>
              <ul className="draft-gaps">
                {d.gaps.map((g) => (
                  <li key={g.field}>
                    {g.rule && <><span className="rule-id" title={ruleTitle(g.rule)}>{g.rule}</span>{' '}</>}
                    {GAP_WORDS[g.field] ?? g.field}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="card" aria-labelledby={`${id}-rules`}>
            <h2 id={`${id}-rules`}>Written to these rules</h2>
            <ul className="draft-rules">
              {d.rules.map((r) => <li key={r}><span className="rule-id">{r}</span> {ruleTitle(r)}</li>)}
            </ul>
          </section>
        </aside>
      </div>
    </Page>
  );
}
