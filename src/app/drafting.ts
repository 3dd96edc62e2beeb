/**
 * Use cases of drafting: a draft with its tone check from a scenario or the user's records (shared
 * by `afterword draft` and the web editor), the live tone check of a draft being edited, in its
 * application's context (recipient, company, the other companies, the people, and the sibling
 * notes for L7), and the edited draft as an RFC 5322 .eml file or a mailto: link.
 */
import {
  DRAFT_KINDS, generateDraft, resolveDraftInput, thankYouInputs, toneInputOf,
  type Draft, type DraftInput, type DraftLookupError, type PersonDraftInput, type Resolved,
} from '../core/drafts/index.js';
import type { Application, Scenario } from '../core/model.js';
import type { EpochMs, TimeRules } from '../core/time.js';
import {
  checkTone, checkToneData, toFindings, type Finding, type FindingData, type Speller, type ToneInput,
} from '../core/tone/index.js';
import { AppError, type Problem } from './errors.js';
import { mailtoLink, renderEml, type EmlMessage, type Mailbox } from './exchange/eml.js';
import { requireProfile, type AppDeps } from './records.js';

/** Which draft is being edited. */
export interface DraftRef {
  readonly kind: string;
  readonly personId?: string;
  readonly referenceId?: string;
  readonly interviewId?: string;
  readonly note?: string;
}

/** A finding with the text that fixes its span when one is known (`null`: the user rewrites it). */
export type EditFinding = Finding & { readonly replacement: string | null };

export interface EditCheck {
  readonly findings: readonly EditFinding[];
  /** How many sibling notes L7 compared the text with. */
  readonly siblings: number;
  /** The edited note as a mailto: link; null when the recipient has no email on record. */
  readonly mailto: string | null;
}

const LOOKUP_FIELD: Readonly<Record<DraftLookupError['code'], string>> = {
  unknown_kind: 'kind', unknown_application: 'application', unknown_person: 'person', missing_person: 'person',
  unknown_reference: 'reference', missing_reference: 'reference', unknown_interview: 'interview', no_interview: 'application',
};

/** A lookup failure as the AppError the edges map (404 for the application, 422 naming the field otherwise). */
export function draftLookupError(e: DraftLookupError): AppError {
  const field = LOOKUP_FIELD[e.code];
  const known = 'known' in e ? { known: e.known } : {};
  const id = 'id' in e ? { id: e.id } : {};
  const problem: Problem = e.code.startsWith('missing') ? { reason: 'draft.required', params: known }
    : e.code === 'no_interview' ? { reason: 'draft.no_interview' }
      : e.code === 'unknown_application' ? { reason: 'draft.unknown_application', params: { ...id, ...known } }
        : { reason: 'draft.unknown', params: { what: field, ...id, ...known } };
  return new AppError(problem, { path: field });
}

/**
 * The kinds a request may name: `thank_you` (the note T3/T4 call for), the contract's `update` and
 * `reply` (the concrete kind is picked from the note and the records), and every concrete kind.
 */
export const DRAFT_REQUEST_KINDS = ['thank_you', 'update', 'reply', ...DRAFT_KINDS] as const;

const DECISIONS = new Set(['filled', 'rejected', 'not_decided', 'still_considered']);

/**
 * `update` and `reply` as the kind the generator writes: an update is a question when the note
 * ends with "?", else a new skill; a reply answers the latest decision recorded for the
 * application (filled, rejected, else "not decided yet"). Other kinds pass through.
 */
function generatorKind(kind: string, app: Application | undefined, note: string | undefined): string {
  if (kind === 'update') return note?.trim().endsWith('?') ? 'update_question' : 'update_skill';
  if (kind !== 'reply') return kind;
  let latest: Application['touches'][number] | undefined;
  for (const t of app?.touches ?? []) if (DECISIONS.has(t.outcome) && (latest === undefined || t.at >= latest.at)) latest = t;
  return latest?.outcome === 'filled' ? 'reply_filled' : latest?.outcome === 'rejected' ? 'reply_rejection' : 'reply_not_decided';
}

interface Loaded {
  readonly scenario: Scenario;
  readonly input: DraftInput;
  readonly draft: Draft;
}

/** Resolves and writes the draft as of `now` (the letter's date is that day in the candidate's zone). */
function resolve(scenario: Scenario, applicationId: string, ref: DraftRef, time: TimeRules, now: EpochMs, speller?: Speller): Resolved<Loaded> {
  const app = scenario.applications.find((a) => a.id === applicationId);
  const resolved = resolveDraftInput(scenario, {
    applicationId, kind: generatorKind(ref.kind, app, ref.note), today: time.zone(scenario.settings.timeZone).dayAt(now),
    ...(ref.personId !== undefined ? { personId: ref.personId } : {}), ...(ref.referenceId !== undefined ? { referenceId: ref.referenceId } : {}),
    ...(ref.interviewId !== undefined ? { interviewId: ref.interviewId } : {}), ...(ref.note !== undefined ? { note: ref.note } : {}),
    // With the dictionary, obvious typos in the debrief are corrected in the draft.
    ...(speller !== undefined ? { speller } : {}),
  }, time);
  if (!resolved.ok) {
    const e = resolved.error;
    return { ok: false, error: e.code === 'unknown_kind' ? { ...e, id: ref.kind, known: DRAFT_REQUEST_KINDS } : e };
  }
  return { ok: true, value: { scenario, input: resolved.value, draft: generateDraft(resolved.value) } };
}

/** The user's records as one scenario (the same shape a `--scenario` file has); bad_input before setup. */
export async function loadRecords(deps: AppDeps): Promise<Scenario> {
  await requireProfile(deps);
  const scenario = await deps.store.loadScenario(deps.userId);
  if (!scenario) throw new AppError({ reason: 'draft.profile_without_records' });
  return scenario;
}

async function load(deps: AppDeps, applicationId: string, ref: DraftRef, speller?: Speller): Promise<Loaded> {
  const loaded = resolve(await loadRecords(deps), applicationId, ref, deps.time, deps.clock.now(), speller);
  if (!loaded.ok) throw draftLookupError(loaded.error);
  return loaded.value;
}

const THANK_YOU_KINDS = new Set<Draft['kind']>(['thank_you_email', 'thank_you_letter', 'thank_you_panel']);

/**
 * L7's siblings of a thank-you: the other people's thank-yous for this application — the text
 * recorded when one was sent with its text, else the note Afterword would write them for the same
 * interview. Other kinds have none.
 */
export function siblingNotes(scenario: Scenario, input: DraftInput, time: AppDeps['time'], speller?: Speller): string[] {
  if (input.kind === 'reference_brief' || !THANK_YOU_KINDS.has(input.kind)) return [];
  const { application: app, person } = input as PersonDraftInput;
  const sent = new Map<string, string>();
  for (const t of app.touches) {
    if (t.kind !== 'thank_you' || t.personId === undefined || t.personId === person.id) continue;
    if (t.text !== undefined && t.text.trim() !== '') sent.set(t.personId, t.text);
  }
  const generated = thankYouInputs(scenario, app.id, input.interview.interview.id, time, speller)
    .filter((other) => other.person.id !== person.id && !sent.has(other.person.id))
    .map((other) => generateDraft(other).body);
  return [...sent.values(), ...generated];
}

/** The text that fixes a finding's span, when the finding names one. */
export function replacementOf(f: FindingData): string | null {
  switch (f.code) {
    case 'emoji': case 'emoticon': return '';
    case 'exclamation_run': return f.found.includes('?') ? '?' : '.';
    case 'extra_exclamation': return '.';
    case 'stretched': case 'repeated_intensifier': return f.instead;
    case 'intensifier': return f.instead ?? '';
    case 'first_name': return f.formal;
    case 'name_misspelled': case 'wrong_honorific': case 'title_misspelled': return f.expected;
    case 'other_company': return f.company ?? null;
    case 'misspelling': return f.suggestions[0] ?? null;
    case 'repeated_word': case 'grammar': return f.instead;
    case 'stray_capital': case 'lowercase_start': case 'doubled_word': case 'confused_word':
    case 'doubled_punctuation': case 'space_before_punctuation': return f.instead;
    default: return null;
  }
}

/** Findings with their replacements, in the order `checkTone` gives them. */
function checkWithFixes(input: Parameters<typeof checkTone>[0], speller: Speller): EditFinding[] {
  let data: FindingData[];
  try {
    data = checkToneData(input, { speller });
  } catch {
    // A rule that throws is a bug: fall back to the robust check, without fixes.
    return checkTone(input, { speller }).map((f) => ({ ...f, replacement: null }));
  }
  const rendered = toFindings(data);
  // toFindings sorts; pair each rendered finding with its data by identity of rule, code and span.
  const pool = [...data];
  return rendered.map((f) => {
    const i = pool.findIndex((d) => d.rule === f.rule && d.code === f.code && d.start === f.start && d.end === f.end);
    const d = i >= 0 ? pool.splice(i, 1)[0] : undefined;
    return { ...f, replacement: d ? replacementOf(d) : null };
  });
}

function mailbox(a: { name: string; email?: string }): Mailbox | undefined {
  return a.email ? { name: a.name, address: a.email } : undefined;
}

/**
 * The draft Afterword writes, with its tone check in the editor's context (L7 compares it with the
 * other people's notes), before any edit.
 */
export async function draftWithCheck(deps: AppDeps, speller: Speller, applicationId: string, ref: DraftRef): Promise<{ draft: Draft; findings: Finding[] }> {
  const checked = checkedDraft(await loadRecords(deps), applicationId, ref, { time: deps.time, now: deps.clock.now(), speller });
  if (!checked.ok) throw draftLookupError(checked.error);
  return { draft: checked.value.draft, findings: checked.value.findings };
}

/** What a draft is written with besides the records. */
export interface DraftSetting {
  readonly time: TimeRules;
  /** The instant it is written at: a letter is dated that day in the candidate's zone. */
  readonly now: EpochMs;
  /** L12's dictionary; without one the tone check skips spelling. */
  readonly speller?: Speller;
}

export interface CheckedDraft {
  readonly input: DraftInput;
  readonly draft: Draft;
  /** The tone check's input: the body with the recipient, company, other companies, people and sibling notes. */
  readonly tone: ToneInput;
  /** What `afterword check` reports for `tone` (the body in its context). */
  readonly findings: Finding[];
}

/**
 * The draft for one person (or reference) of a scenario — a `--scenario` file or the user's records
 * — with its tone check in the draft editor's context. An unknown id or kind is an error naming
 * what is known (`draftLookupError` makes it an AppError).
 */
export function checkedDraft(scenario: Scenario, applicationId: string, ref: DraftRef, setting: DraftSetting): Resolved<CheckedDraft> {
  const loaded = resolve(scenario, applicationId, ref, setting.time, setting.now, setting.speller);
  if (!loaded.ok) return loaded;
  const { input, draft } = loaded.value;
  const tone = toneInputOf(scenario, input, draft, siblingNotes(scenario, input, setting.time, setting.speller));
  return { ok: true, value: { input, draft, tone, findings: checkTone(tone, setting.speller ? { speller: setting.speller } : {}) } };
}

/**
 * The tone check of an edited draft (`text` is its body): the recipient, company and post, the
 * other companies, the people and the sibling notes come from the records.
 */
export async function checkDraftEdit(deps: AppDeps, speller: Speller, applicationId: string, ref: DraftRef, edit: { text: string; subject?: string }): Promise<EditCheck> {
  const { scenario, input, draft } = await load(deps, applicationId, ref, speller);
  const siblings = siblingNotes(scenario, input, deps.time, speller);
  const toneInput = toneInputOf(scenario, input, { ...draft, body: edit.text }, siblings);
  const findings = checkWithFixes(toneInput, speller);
  let mailto: string | null = null;
  const to = mailbox(draft.to);
  if (to) {
    try {
      mailto = mailtoLink({
        to: [to], cc: draft.cc.map(mailbox).filter((m): m is Mailbox => m !== undefined),
        ...(edit.subject !== undefined ? { subject: edit.subject } : draft.subject !== undefined ? { subject: draft.subject } : {}),
        body: edit.text,
      });
    } catch {
      // A malformed address on record: no link (the .eml download names the field).
    }
  }
  return { findings, siblings: siblings.length, mailto };
}

/** The edited draft as a message: From the candidate, To/Cc from the records, the edited subject and body (what the .eml, Drafts and the outbox carry). */
export async function draftMessage(deps: AppDeps, applicationId: string, ref: DraftRef, edit: { subject: string; body: string }): Promise<{ message: EmlMessage; draft: Draft }> {
  const profile = await requireProfile(deps);
  const { draft } = await load(deps, applicationId, ref);
  const from = profile.candidate.email?.trim();
  if (!from) throw new AppError({ reason: 'draft.no_own_email' }, { path: 'candidate.email' });
  const to = mailbox(draft.to);
  if (!to) throw new AppError({ reason: 'draft.no_recipient_email', params: { name: draft.to.name } }, { path: 'to' });
  const cc = draft.cc.map(mailbox).filter((m): m is Mailbox => m !== undefined);
  return { message: { from: { name: profile.candidate.name, address: from }, to: [to], cc, subject: edit.subject, text: edit.body, date: deps.clock.now() }, draft };
}

/** The message as bytes; an address renderEml refuses becomes an AppError naming its field. */
export async function renderDraftMessage(message: EmlMessage): Promise<Buffer> {
  try {
    return await renderEml(message);
  } catch (error) {
    // renderEml names the address at fault ("to[0]"); one it did not name is the recipient's.
    if (error instanceof AppError && error.field === undefined && error.reason !== 'eml.stream') throw error.repathed('to');
    throw error;
  }
}

/** The edited draft as an .eml file: From the candidate, To/Cc from the records, the edited subject and body. */
export async function draftEml(deps: AppDeps, applicationId: string, ref: DraftRef, edit: { subject: string; body: string }): Promise<{ bytes: Buffer; filename: string }> {
  const { message, draft } = await draftMessage(deps, applicationId, ref, edit);
  const bytes = await renderDraftMessage(message);
  const slug = draft.to.name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase() || 'draft';
  return { bytes, filename: `${draft.kind.replace(/_/g, '-')}-${slug}.eml` };
}
