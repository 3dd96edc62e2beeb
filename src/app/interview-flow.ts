/**
 * The web UI's "Add interview" flow: the people met who are not recorded yet and the interview, in
 * one transaction (nothing half-written when the interview is refused), and the preview of how the
 * employer's timeline words are understood (F0) before saving.
 */
import { formatDay, parseDay, parseInstant, weekdayName, type Day } from '../core/time.js';
import { AppError } from './errors.js';
import { addInterview, addPerson, requireProfile, understandTimeline, type AppDeps, type Saved } from './records.js';

type Json = Record<string, unknown>;

/** `new:0` in an interview's person fields stands for the first person of `people`. */
const NEW_REF = /^new:(\d+)$/;

export interface InterviewWithPeople {
  /** People met who are not recorded yet, in the person document's shape (ids are given here). */
  readonly people: readonly Json[];
  /** The interview document; person ids may be `new:N` for `people[N]`. */
  readonly interview: Json;
}

export interface SavedInterview extends Saved {
  readonly interviewId: string;
  /** The ids given to `people`, in order. */
  readonly personIds: readonly string[];
}

function resolveRefs(interview: Json, ids: readonly string[]): Json {
  const one = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const m = NEW_REF.exec(v);
    // An index past the new people stays as written, so validation names it as an unknown person.
    return m ? ids[Number(m[1])] ?? v : v;
  };
  const out: Json = { ...interview };
  if (Array.isArray(out['peopleIds'])) out['peopleIds'] = out['peopleIds'].map(one);
  for (const key of ['panelLeadId', 'contactId']) if (key in out) out[key] = one(out[key]);
  const directions = out['directions'];
  if (directions && typeof directions === 'object' && !Array.isArray(directions)) {
    out['directions'] = { ...directions, ...('personId' in directions ? { personId: one((directions as Json)['personId']) } : {}) };
  }
  const debrief = out['debrief'];
  if (debrief && typeof debrief === 'object' && !Array.isArray(debrief)) {
    const details = (debrief as Json)['details'];
    if (details && typeof details === 'object' && !Array.isArray(details)) {
      const mapped = Object.fromEntries(Object.entries(details).map(([k, v]) => [String(one(k)), v]));
      out['debrief'] = { ...debrief, details: mapped };
    }
  }
  return out;
}

/**
 * Records the new people, then the interview, as one transaction. A refused person is named
 * `people[N].field`, a refused interview `interview.field`.
 */
export async function addInterviewWithPeople(deps: AppDeps, applicationId: string, input: InterviewWithPeople): Promise<SavedInterview> {
  return deps.store.transaction(async (store) => {
    const tx: AppDeps = { ...deps, store };
    const personIds: string[] = [];
    for (const [i, person] of input.people.entries()) {
      // Ids are given here, in order: the interview refers to the new people as new:N.
      const rest = Object.fromEntries(Object.entries(person).filter(([k]) => k !== 'id'));
      let saved: Saved;
      try {
        saved = await addPerson(tx, applicationId, rest);
      } catch (error) {
        if (error instanceof AppError && error.field?.startsWith('person.')) {
          const field = `people[${i}].${error.field.slice('person.'.length)}`;
          throw error.repathed(field);
        }
        throw error;
      }
      const added = saved.application.people[saved.application.people.length - 1];
      if (!added) throw new AppError({ reason: 'record.added_vanished', params: { what: 'person' } });
      personIds.push(added.id);
    }
    const saved = await addInterview(tx, applicationId, resolveRefs(input.interview, personIds));
    const iv = saved.application.interviews[saved.application.interviews.length - 1];
    if (!iv) throw new AppError({ reason: 'record.added_vanished', params: { what: 'interview' } });
    return { ...saved, interviewId: iv.id, personIds };
  });
}

export type TimelinePreview =
  | { readonly said: string; readonly understood: true; readonly decisionBy: string; readonly weekday: string; readonly meaning: string; readonly interviewDay: string; readonly timeZone: string }
  | {
    readonly said: string; readonly understood: false; readonly decisionBy: null; readonly message: string; readonly interviewDay: string; readonly timeZone: string;
    /** Two or more readings when the words mean different dates to different people ("by next Friday"): the user picks one. Empty when unread. */
    readonly choices: readonly { readonly decisionBy: string; readonly weekday: string; readonly meaning: string }[];
  };

/**
 * How the employer's words are understood (F0), counted from the interview's local date in
 * `zone` (default: the application's zone when `applicationId` is given, else the user's).
 * `interviewAt` is a date (YYYY-MM-DD) or a date-time in that zone (or with an offset).
 */
export async function previewTimeline(deps: AppDeps, said: string, interviewAt: string, zone?: string, applicationId?: string): Promise<TimelinePreview> {
  const profile = await requireProfile(deps);
  let zoneId = zone;
  if (zoneId === undefined && applicationId !== undefined) {
    const app = await deps.store.getApplication(deps.userId, applicationId);
    if (!app) throw new AppError({ reason: 'application.not_found_short', params: { id: applicationId } }, { path: 'application', at: null });
    zoneId = app.timeZone;
  }
  zoneId ??= profile.settings.timeZone;
  const z = deps.time.zone(zoneId);
  const day: Day | null = parseDay(interviewAt);
  const at = day !== null ? z.at(day, 12 * 60) : parseInstant(interviewAt, z);
  if (at === null) {
    throw new AppError({ reason: 'interview_end.not_date', params: { value: interviewAt } }, { path: 'interviewEnd' });
  }
  const interviewDay = formatDay(z.dayAt(at));
  const reading = understandTimeline(profile, deps.time, said, at, zoneId);
  return reading.ok
    ? { said, understood: true, decisionBy: formatDay(reading.day), weekday: weekdayName(reading.day), meaning: reading.understood, interviewDay, timeZone: zoneId }
    : reading.choices.length > 1
      ? {
        said, understood: false, decisionBy: null, message: 'two readings: pick the date they meant', interviewDay, timeZone: zoneId,
        choices: reading.choices.map((c) => ({ decisionBy: formatDay(c.day), weekday: weekdayName(c.day), meaning: c.understood })),
      }
      : { said, understood: false, decisionBy: null, message: 'not understood: treated as no timeline until you give a date', interviewDay, timeZone: zoneId, choices: [] };
}
