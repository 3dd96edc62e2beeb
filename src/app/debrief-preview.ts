/**
 * The debrief form's live preview: the sentence one debrief field becomes in a thank-you note, or
 * what is left out of it and why, built from the user's records. The interview may not be recorded
 * yet (the Add interview form): it is then a transient one with the people met, some of them
 * perhaps typed in the form and not recorded either. Nothing is stored.
 */
import { z } from 'zod';
import { previewSentence, writingFor, type DebriefField, type LeftOut, type PersonDraftInput } from '../core/drafts/index.js';
import { PERSON_ROLES, type Application, type Interview, type Person } from '../core/model.js';
import { cleanDebriefText, DEBRIEF_MAX } from '../core/scenario.js';
import type { Speller } from '../core/tone/index.js';
import { AppError, type Problem } from './errors.js';
import { applicationNotFound, DEBRIEF_WORDS, detailFrom, nextId, requireProfile, type AppDeps } from './records.js';

/** The debrief fields a thank-you is built from, in the form's order. */
export const DEBRIEF_PREVIEW_FIELDS = ['bestMoments', 'awkwardMoments', 'unfinishedAnswers', 'details'] as const satisfies readonly DebriefField[];

/** `new:0` stands for the first of the people typed in the form and not recorded yet (as when saving). */
const NEW_REF = /^new:(\d+)$/;

const ref = z.string().min(1, 'must not be empty').max(40);
const name = z.string().trim().max(200);

/** What the form sends; `text` is measured after cleaning, as it would be stored. */
export const DebriefPreviewRequest = z.strictObject({
  field: z.enum(DEBRIEF_PREVIEW_FIELDS, { error: `one of ${DEBRIEF_PREVIEW_FIELDS.join(', ')}` }),
  text: z.string().max(1_000_000, `over 1,000,000 characters; the most is ${DEBRIEF_MAX.toLocaleString('en-US')}`),
  /** Whose detail (`details`), or whose note the moment is previewed in: a recorded id or `new:N`. */
  person: ref.optional(),
  /** People met who are not recorded yet, as typed so far (a name may still be empty). */
  people: z.array(z.strictObject({
    name: name.optional(), honorific: name.optional(), title: name.optional(), role: z.enum(PERSON_ROLES).optional(),
  })).max(50).optional(),
  /** Who was met: recorded ids and `new:N`. Default: the recorded interview's people, else the person. */
  peopleIds: z.array(ref).max(50).optional(),
  /** A panel interview: the moments are written to the panel, as in the panel note (T3). */
  panel: z.boolean().optional(),
  /** A recorded interview to preview in; without it, a transient interview now. */
  interview: ref.optional(),
});
/** A preview request as validated. */
export type DebriefPreviewInput = z.output<typeof DebriefPreviewRequest>;

export interface DebriefPreview {
  /** The sentence in a note to the person; null when the text is left out (or empty). */
  readonly sentence: string | null;
  /** What of the text the note does not carry, with the reason; `personId` as the request named them. */
  readonly leftOut: readonly LeftOut[];
}

/** The request's parts, named as the form names them. */
const PART_WORDS: Readonly<Record<string, string>> = {
  field: 'The debrief field', text: 'The text', person: 'The person', people: 'The people you met', peopleIds: 'The people you met',
  panel: 'Panel', interview: 'The interview',
};


function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** A refusal naming its part in words (`The person`), the field in `path`. */
function refused(field: string, words: string, problem: Problem): AppError {
  return new AppError(problem, { path: field, at: words });
}

/** The request checked against DebriefPreviewRequest; a mismatch is an AppError (bad_input) naming the part in words. */
export function parseDebriefPreview(input: unknown): DebriefPreviewInput {
  const parsed = DebriefPreviewRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? pathOf(issue.path) : '';
  const words = PART_WORDS[String(issue?.path[0] ?? '')] ?? 'The preview';
  throw refused(field === '' ? 'body' : field, words, { reason: 'preview.invalid', params: { issue: issue?.message ?? 'invalid' } });
}

/** A person typed in the form, not recorded yet, with the id recording them now would give. */
function transientPerson(id: string, p: NonNullable<DebriefPreviewInput['people']>[number]): Person {
  return {
    id, name: p.name ?? '', role: p.role ?? 'interviewer', informal: false, verified: false,
    ...(p.honorific ? { honorific: p.honorific } : {}), ...(p.title ? { title: p.title } : {}),
  };
}

/** Someone to write to when no one is named yet: the moments read the same whoever it is. */
const STAND_IN: Person = { id: 'preview', name: '', role: 'interviewer', informal: false, verified: false };

/**
 * The sentence `request.text` becomes in a thank-you, for the debrief form as the user types. The
 * text is cleaned as saving would clean it and must be within DEBRIEF_MAX characters, the most a
 * debrief field may have when typed. `details` needs the person.
 * The speller (L12) corrects obvious typos, as in the drafts. Refusals are AppErrors naming the
 * request's field (422); an unknown application is not_found.
 */
export async function previewDebrief(deps: AppDeps, speller: Speller | undefined, applicationId: string, input: unknown): Promise<DebriefPreview> {
  const req = parseDebriefPreview(input);
  const profile = await requireProfile(deps);
  const scenario = await deps.store.loadScenario(deps.userId);
  const recorded = scenario?.applications.find((a) => a.id === applicationId);
  if (!scenario || !recorded) throw applicationNotFound(applicationId);

  const stored = req.interview === undefined ? undefined : recorded.interviews.find((iv) => iv.id === req.interview);
  if (req.interview !== undefined && !stored) throw refused('interview', 'The interview', { reason: 'preview.unknown_interview' });

  // The new people get the ids saving would give them, so the note's wording is the one it will have.
  const taken = recorded.people.map((p) => p.id);
  const added = (req.people ?? []).map((p) => {
    const id = nextId('p', taken);
    taken.push(id);
    return transientPerson(id, p);
  });
  const people: Person[] = [...recorded.people, ...added];
  const resolve = (r: string, field: string): Person => {
    const n = NEW_REF.exec(r);
    const person = n ? added[Number(n[1])] : recorded.people.find((p) => p.id === r);
    if (!person) throw refused(field, 'The person', { reason: 'preview.unknown_person' });
    return person;
  };

  const field: DebriefField = req.field;
  const text = cleanDebriefText(req.text);
  const length = [...text].length;
  if (length > DEBRIEF_MAX) {
    const who = field === 'details' && req.person !== undefined ? resolve(req.person, 'person').name.trim() : '';
    const words = who !== '' ? detailFrom(who) : DEBRIEF_WORDS[field] ?? 'The detail';
    throw refused('text', words, { reason: 'preview.too_long', params: { length, max: DEBRIEF_MAX } });
  }
  if (field === 'details' && req.person === undefined) throw refused('person', 'The detail', { reason: 'preview.whose_detail' });

  const met = req.peopleIds !== undefined ? req.peopleIds.map((r, i) => resolve(r, `peopleIds[${i}]`)) : undefined;
  const metIds = met?.map((p) => p.id) ?? stored?.peopleIds ?? [];
  const lead = stored?.panelLeadId !== undefined ? people.find((p) => p.id === stored.panelLeadId) : undefined;
  const person = req.person !== undefined ? resolve(req.person, 'person')
    : lead ?? met?.[0] ?? people.find((p) => p.id === metIds[0]) ?? STAND_IN;
  if (person === STAND_IN) people.push(STAND_IN);
  const app: Application = { ...recorded, people };
  const panel = req.panel ?? stored?.panel ?? false;
  if (text.trim() === '') return { sentence: null, leftOut: [] };

  const debrief = field === 'details' ? { details: { [person.id]: text } } : { [field]: text };
  const zone = stored?.timeZone ?? recorded.timeZone ?? profile.settings.timeZone;
  const now = deps.clock.now();
  // Only this field is in the debrief. Individual notes write the moments to "you", the panel note to "the panel" (T3).
  const interview: Interview = stored
    ? { ...stored, debrief, panel, peopleIds: panel ? metIds : [person.id] }
    : {
      id: nextId('i', recorded.interviews.map((iv) => iv.id)), start: now, end: now, timeZone: zone, stage: 'first_round', format: 'video',
      panel, peopleIds: panel ? metIds : [person.id], timeline: {}, goAhead: false, referencesRequested: false, debrief,
    };
  const draftInput: PersonDraftInput = {
    kind: 'thank_you_email', candidate: scenario.candidate, application: app, person,
    interview: { interview, day: deps.time.zone(interview.timeZone).dayAt(interview.start) },
    ...writingFor(scenario, app, speller),
  };
  const preview = previewSentence(draftInput, field);
  return {
    sentence: preview.sentence ?? null,
    // Named as the request named them: a new person's id is not theirs yet.
    leftOut: preview.leftOut.map((l) => ({ ...l, ...(l.personId !== undefined && req.person !== undefined ? { personId: req.person } : {}) })),
  };
}

/** The API's view of a left-out item: every key present, `personId` null for the moments. */
export function leftOutJson(l: LeftOut) {
  return { field: l.field, personId: l.personId ?? null, text: l.text, reason: l.reason };
}
