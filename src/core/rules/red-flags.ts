/**
 * PROTOCOL §5: the red flags of one application, scored. The candidate scores each flag 0–5 with
 * notes; R6 (unprepared interviewer) counts double when that interviewer would be the manager; R7
 * (process dragged on) is computed from the application's dates and may be overridden. Returns data;
 * `summarizeRedFlags` puts it in plain words.
 */
import type { Application } from '../model.js';
import { formatDay, weekdayName, type Day, type TimeRules } from '../time.js';
import { ruleById } from './protocol.js';

export const RED_FLAGS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

/** Scores run from 0 (not seen) to this (serious). */
export const RED_FLAG_MAX_SCORE = 5;

export interface RedFlagParams {
  /** R7 is raised when strictly more days than this passed from application to latest interview. */
  readonly draggedOnDays: number;
  /** R7's computed score rises by one for every this many days past the threshold (started or not). */
  readonly draggedOnStepDays: number;
  /** R7's computed score just past the threshold. */
  readonly draggedOnBaseScore: number;
  /** What R6 counts for when the unprepared interviewer would be the manager. */
  readonly managerWeight: number;
}

/** The protocol's numbers: over 60 days raises R7 at 3, +1 per further 30 days (4 after 90, 5 after 120). */
export const RED_FLAG_DEFAULTS: RedFlagParams = { draggedOnDays: 60, draggedOnStepDays: 30, draggedOnBaseScore: 3, managerWeight: 2 };

/** What the candidate said about one flag (the store's `RedFlagNote` has this shape). */
export interface FlagInput {
  readonly flag: RedFlag;
  /** Whole number 0…5. */
  readonly score: number;
  readonly notes?: string;
  /** R6 only: true = the unprepared interviewer would be the manager, false = they would not; absent = unsaid. */
  readonly manager?: boolean;
}

/** What the application's records say, for R6 and R7. */
export interface RedFlagFacts {
  readonly appliedOn?: Day;
  /** The local date (in its own zone) of the interview that started last. */
  readonly latestInterview?: Day;
  /** Names of the people with role `hiring_manager` who were met at an interview, in order. */
  readonly managersMet: readonly string[];
}

/** The facts R6 and R7 read, from an application (interview dates in each interview's zone). */
export function redFlagFacts(app: Application, time: TimeRules): RedFlagFacts {
  let latest: Application['interviews'][number] | undefined;
  for (const iv of app.interviews) if (latest === undefined || iv.start > latest.start) latest = iv;
  const met = new Set(app.interviews.flatMap((iv) => iv.peopleIds));
  const managersMet = app.people.filter((p) => p.role === 'hiring_manager' && met.has(p.id)).map((p) => p.name || p.id);
  return {
    ...(app.appliedOn !== undefined ? { appliedOn: app.appliedOn } : {}),
    ...(latest !== undefined ? { latestInterview: time.zone(latest.timeZone).dayAt(latest.start) } : {}),
    managersMet,
  };
}

/** Why R6 counts double or once. */
export type ManagerBasis =
  | { readonly by: 'you'; readonly manager: boolean }
  | { readonly by: 'records'; readonly managers: readonly string[] }
  | { readonly by: 'none' };

/** R7 as computed from the dates, whether or not the candidate overrode it. */
export type DraggedOn =
  | { readonly computed: true; readonly days: number; readonly appliedOn: Day; readonly latestInterview: Day; readonly raised: boolean; readonly score: number }
  | { readonly computed: false; readonly missing: 'appliedOn' | 'interviews' };

export interface ScoredFlag {
  readonly flag: RedFlag;
  readonly title: string;
  /** The score that counts: the candidate's, else R7's computed one, else 0. */
  readonly score: number;
  /** 1, or `managerWeight` for R6 when the interviewer would be the manager. */
  readonly weight: number;
  /** score × weight. */
  readonly points: number;
  /** Who set the score: the candidate, the R7 computation, or nobody yet. */
  readonly source: 'you' | 'computed' | 'unscored';
  readonly notes?: string;
  /** R6 only. */
  readonly manager?: ManagerBasis;
  /** R7 only. */
  readonly draggedOn?: DraggedOn;
}

export type RedFlagLevel = 'none' | 'minor' | 'concerning' | 'serious';

export interface RedFlagReport {
  /** All eight flags, R1…R8. */
  readonly flags: readonly ScoredFlag[];
  readonly total: number;
  /** The most points possible: every flag at 5, R6 at its manager weight. */
  readonly max: number;
  /** From the single worst flag's points: 0 none, 1–2 minor, 3–4 concerning, 5+ serious. */
  readonly level: RedFlagLevel;
  /** Up to three flags with points, most points first (ties in R-order). */
  readonly top: readonly ScoredFlag[];
}

/** R7 from the dates; `computed: false` says which date is missing. */
export function draggedOn(facts: RedFlagFacts, params: RedFlagParams = RED_FLAG_DEFAULTS): DraggedOn {
  if (facts.appliedOn === undefined) return { computed: false, missing: 'appliedOn' };
  if (facts.latestInterview === undefined) return { computed: false, missing: 'interviews' };
  const days = facts.latestInterview - facts.appliedOn;
  const over = days - params.draggedOnDays;
  const raised = over > 0;
  const score = raised ? Math.min(RED_FLAG_MAX_SCORE, params.draggedOnBaseScore + Math.ceil(over / params.draggedOnStepDays) - 1) : 0;
  return { computed: true, days, appliedOn: facts.appliedOn, latestInterview: facts.latestInterview, raised, score };
}

function managerBasis(note: FlagInput | undefined, facts: RedFlagFacts): ManagerBasis {
  if (note?.manager !== undefined) return { by: 'you', manager: note.manager };
  if (facts.managersMet.length > 0) return { by: 'records', managers: facts.managersMet };
  return { by: 'none' };
}

function levelOf(points: number): RedFlagLevel {
  if (points >= 5) return 'serious';
  if (points >= 3) return 'concerning';
  return points >= 1 ? 'minor' : 'none';
}

/**
 * Scores an application's red flags. `notes` are the candidate's (at most one per flag; a later
 * duplicate wins); a score outside 0–5 or not whole is clamped and rounded, so a bad value never
 * yields a total the scale cannot hold (the store refuses such scores anyway).
 */
export function scoreRedFlags(notes: readonly FlagInput[], facts: RedFlagFacts, params: RedFlagParams = RED_FLAG_DEFAULTS): RedFlagReport {
  const byFlag = new Map<RedFlag, FlagInput>(notes.map((n) => [n.flag, n]));
  const flags = RED_FLAGS.map((flag): ScoredFlag => {
    const note = byFlag.get(flag);
    const title = ruleById(flag)?.title ?? flag;
    const r7 = flag === 'R7' ? draggedOn(facts, params) : undefined;
    const basis = flag === 'R6' ? managerBasis(note, facts) : undefined;
    const doubled = basis !== undefined && ((basis.by === 'you' && basis.manager) || basis.by === 'records');
    const weight = doubled ? params.managerWeight : 1;
    let score = 0;
    let source: ScoredFlag['source'] = 'unscored';
    if (note) {
      score = Math.min(RED_FLAG_MAX_SCORE, Math.max(0, Math.round(note.score)));
      source = 'you';
    } else if (r7?.computed) {
      score = r7.score;
      source = 'computed';
    }
    return {
      flag, title, score, weight, points: score * weight, source,
      ...(note?.notes !== undefined && note.notes !== '' ? { notes: note.notes } : {}),
      ...(basis ? { manager: basis } : {}),
      ...(r7 ? { draggedOn: r7 } : {}),
    };
  });
  const total = flags.reduce((sum, f) => sum + f.points, 0);
  const max = RED_FLAGS.length * RED_FLAG_MAX_SCORE + (params.managerWeight - 1) * RED_FLAG_MAX_SCORE;
  const top = flags.filter((f) => f.points > 0).sort((a, b) => b.points - a.points || RED_FLAGS.indexOf(a.flag) - RED_FLAGS.indexOf(b.flag)).slice(0, 3);
  return { flags, total, max, level: levelOf(top[0]?.points ?? 0), top };
}

// ---------------------------------------------------------------- plain words

const dayText = (day: Day): string => `${weekdayName(day)} ${formatDay(day)}`;

/** R7's computation in words: "95 days from application (Mon 2026-01-05) to the latest interview (Fri 2026-04-10): raised". */
export function describeDraggedOn(d: DraggedOn, params: RedFlagParams = RED_FLAG_DEFAULTS): string {
  if (!d.computed) {
    return d.missing === 'appliedOn'
      ? 'not computed: the application date is not recorded'
      : 'not computed: no interview recorded yet';
  }
  const span = `${d.days} day${d.days === 1 ? '' : 's'} from application (${dayText(d.appliedOn)}) to the latest interview (${dayText(d.latestInterview)})`;
  return d.raised ? `${span}: over ${params.draggedOnDays}, raised at ${d.score}/5` : `${span}: not over ${params.draggedOnDays}`;
}

/** Why R6 counts double or once, in words. */
export function describeManager(basis: ManagerBasis, params: RedFlagParams = RED_FLAG_DEFAULTS): string {
  const times = params.managerWeight === 2 ? 'double' : `×${params.managerWeight}`;
  if (basis.by === 'you') {
    return basis.manager
      ? `counts ${times}: you said the unprepared interviewer would be your manager`
      : 'counts once: you said the unprepared interviewer would not be your manager';
  }
  if (basis.by === 'records') {
    return `counts ${times}: ${basis.managers.join(', ')} (hiring manager) was among your interviewers`;
  }
  return 'counts once: no hiring manager among your interviewers';
}

const LEVEL_WORDS: Readonly<Record<RedFlagLevel, string>> = {
  none: 'No red flags',
  minor: 'Minor concerns',
  concerning: 'Concerning',
  serious: 'Serious concerns',
};

/** One flag in a list: "R6 Unprepared interviewer 3/5 ×2". */
export function flagShort(f: ScoredFlag): string {
  return `${f.flag} ${f.title} ${f.score}/5${f.weight !== 1 ? ` \u00d7${f.weight}` : ''}${f.source === 'computed' ? ' (computed)' : ''}`;
}

/**
 * The report in plain words: the level, the total, how many flags are raised and the worst ones,
 * e.g. "Concerning: 2 red flags raised, 7 of 45 points. Worst: R6 Unprepared interviewer 2/5 ×2; R8 Something else 3/5."
 */
export function summarizeRedFlags(report: RedFlagReport): string {
  const raised = report.flags.filter((f) => f.points > 0).length;
  if (raised === 0) {
    const r7 = report.flags.find((f) => f.flag === 'R7')?.draggedOn;
    const note = r7 && !r7.computed ? ` (R7 ${describeDraggedOn(r7)})` : '';
    return `No red flags noted: 0 of ${report.max} points${note}.`;
  }
  return `${LEVEL_WORDS[report.level]}: ${raised} red flag${raised === 1 ? '' : 's'} raised, ${report.total} of ${report.max} points. `
    + `Worst: ${report.top.map(flagShort).join('; ')}.`;
}
