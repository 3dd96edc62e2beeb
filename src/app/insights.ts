/**
 * Use cases for the pipeline board and its numbers: every application with its next action (and
 * why), moving an application to another status, and what the records say about the search so far
 * (the funnel applied → interviewed → offer, and how long employers took to answer). Also the JSON
 * views of the offers use cases (offers.ts) for the API.
 */
import { APPLICATION_STATUSES, type Application, type ApplicationStatus, type Outcome, type Touch } from '../core/model.js';
import { renderWarning } from '../core/rules/messages.js';
import { recommendationToJson } from '../core/rules/output.js';
import type { Recommendation, Warning } from '../core/rules/plan-types.js';
import { plan } from '../core/rules/planner.js';
import {
  describeDraggedOn, describeManager, redFlagFacts, scoreRedFlags, summarizeRedFlags, type RedFlagReport, type ScoredFlag,
} from '../core/rules/red-flags.js';
import { formatDay, type Day, type EpochMs, type TimeRules } from '../core/time.js';
import { refuseReclosing } from './act.js';
import { pipeline } from './agenda.js';
import { AppError } from './errors.js';
import { scoreCriteria, type ApplicationHead, type ComparedApplication, type Comparison, type CriteriaScore, type FlagSet, type FlagsView, type OfferView, type RatingsView } from './offers.js';
import type { Criterion, Offer } from './ports.js';
import { applicationNotFound, requireProfile, setApplicationStatus, type AppDeps, type Saved } from './records.js';

const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);

// ---------------------------------------------------------------- the board

export interface BoardCard {
  readonly application: Application;
  /** The soonest pending action, when the application has one. */
  readonly next?: Recommendation;
}

export interface Board {
  readonly now: EpochMs;
  readonly timeZone: string;
  readonly cards: readonly BoardCard[];
  /** The pipeline's warnings (P1 "keep searching"), as GET /api/pipeline gives them. */
  readonly warnings: readonly Warning[];
}

/** Every application with its next action, planned now (so each date can say why). */
export async function board(deps: AppDeps): Promise<Board> {
  const now = deps.clock.now();
  const p = await pipeline(deps);
  const scenario = await deps.store.loadScenario(deps.userId);
  const applications = scenario?.applications ?? [];
  const planned = plan({ settings: p.profile.settings, candidate: p.profile.candidate, applications: applications.filter((a) => a.status === 'active') }, { now, time: deps.time });
  const cards = applications.map((application): BoardCard => {
    const next = planned.recommendations
      .filter((r) => r.applicationId === application.id && PENDING.has(r.status))
      .sort((a, b) => a.ideal - b.ideal)[0];
    return next ? { application, next } : { application };
  });
  return { now, timeZone: p.profile.settings.timeZone, cards, warnings: p.warnings };
}

export function boardJson(b: Board, time: TimeRules) {
  return {
    now: time.zone(b.timeZone).format(b.now),
    timeZone: b.timeZone,
    statuses: APPLICATION_STATUSES,
    applications: b.cards.map((c) => ({
      id: c.application.id, company: c.application.company, role: c.application.role, status: c.application.status,
      appliedOn: c.application.appliedOn !== undefined ? formatDay(c.application.appliedOn) : null,
      interviews: c.application.interviews.length,
      next: c.next ? recommendationToJson(c.next, time) : null,
    })),
    warnings: b.warnings.map((w) => ({ rule: w.rule, message: renderWarning(w) })),
  };
}

export interface Moved extends Saved {
  readonly from: ApplicationStatus;
}

/**
 * Moves an application to any status, `active` included (reopening it plans its follow-ups again);
 * one transaction that refreshes the next-due index.
 */
/**
 * Moves an application to another status (the board's drag). Moving one already closed with one
 * outcome to another outcome (declined → accepted) is a `conflict` naming both unless `reclose`.
 */
export function moveApplication(deps: AppDeps, applicationId: string, status: ApplicationStatus, options: { readonly reclose?: boolean } = {}): Promise<Moved> {
  if (!(APPLICATION_STATUSES as readonly string[]).includes(status)) {
    throw new AppError({ reason: 'status.unknown', params: { value: String(status), statuses: APPLICATION_STATUSES } }, { path: 'status' });
  }
  return deps.store.transaction(async (store) => {
    const current = await store.getApplication(deps.userId, applicationId);
    if (!current) throw applicationNotFound(applicationId);
    refuseReclosing(current, status, options.reclose === true);
    const saved = await setApplicationStatus({ ...deps, store }, applicationId, status);
    return { ...saved, from: current.status };
  });
}

// ---------------------------------------------------------------- insights

/** What the employer said: any touch that is an answer, not one of ours left unanswered. */
const ANSWERS = new Set<Outcome>(['reply_received', 'offer', 'rejected', 'next_round', 'not_decided', 'still_considered', 'filled']);
const isAnswer = (t: Touch): boolean => t.kind === 'reply' || ANSWERS.has(t.outcome);
const CHECKS = new Set<Touch['kind']>(['status_check', 'call', 'voicemail']);
const OFFERED = new Set<ApplicationStatus>(['offer', 'accepted', 'declined']);

export interface Wait {
  /** Whole calendar days, in the user's zone. */
  readonly days: number;
  readonly from: Day;
  readonly to: Day;
}

export interface ResponseTimes {
  readonly application: ApplicationHead;
  /** From the latest interview that was answered to the first answer after it. */
  readonly afterInterview?: Wait;
  /** From the latest status check (or call) that was answered to the first answer after it. */
  readonly afterCheck?: Wait;
  /** Days since the latest interview, when nothing came back after it yet (active applications). */
  readonly waiting?: number;
}

export interface Insights {
  readonly funnel: { readonly applied: number; readonly interviewed: number; readonly offer: number };
  readonly responses: readonly ResponseTimes[];
  /** Medians over every answered wait (all interviews and checks, not only each application's latest). */
  readonly median: { readonly afterInterview?: number; readonly afterCheck?: number };
  /** How many waits each median is taken over. */
  readonly answered: { readonly afterInterview: number; readonly afterCheck: number };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

/** The funnel and the response times, from the stored records. */
export function insights(deps: AppDeps): Promise<Insights> {
  return deps.store.transaction(async (store) => {
    const profile = await requireProfile({ ...deps, store });
    const zone = deps.time.zone(profile.settings.timeZone);
    const dayOf = (at: EpochMs): Day => zone.dayAt(at);
    const today = dayOf(deps.clock.now());
    const applications = (await store.loadScenario(deps.userId))?.applications ?? [];
    let interviewed = 0;
    let offered = 0;
    const interviewWaits: number[] = [];
    const checkWaits: number[] = [];
    const responses: ResponseTimes[] = [];
    for (const app of applications) {
      const offer = OFFERED.has(app.status) || app.touches.some((t) => t.outcome === 'offer') || (await store.getOffer(deps.userId, app.id)) !== undefined;
      if (offer) offered++;
      if (offer || app.interviews.length > 0) interviewed++;
      const answers = app.touches.filter(isAnswer).map((t) => t.at).sort((a, b) => a - b);
      const firstAnswerAfter = (at: EpochMs): EpochMs | undefined => answers.find((a) => a >= at);
      const waitsFrom = (starts: readonly EpochMs[], into: number[]): Wait | undefined => {
        let latest: Wait | undefined;
        for (const start of [...starts].sort((a, b) => a - b)) {
          const answer = firstAnswerAfter(start);
          if (answer === undefined) continue;
          const wait = { days: dayOf(answer) - dayOf(start), from: dayOf(start), to: dayOf(answer) };
          into.push(wait.days);
          latest = wait;
        }
        return latest;
      };
      const afterInterview = waitsFrom(app.interviews.map((i) => i.end), interviewWaits);
      const afterCheck = waitsFrom(app.touches.filter((t) => CHECKS.has(t.kind) && !isAnswer(t)).map((t) => t.at), checkWaits);
      const lastInterview = app.interviews.reduce<EpochMs | undefined>((max, i) => (max === undefined || i.end > max ? i.end : max), undefined);
      const waiting = app.status === 'active' && lastInterview !== undefined && lastInterview <= deps.clock.now() && firstAnswerAfter(lastInterview) === undefined
        ? today - dayOf(lastInterview) : undefined;
      if (afterInterview || afterCheck || waiting !== undefined) {
        responses.push({
          application: { id: app.id, company: app.company, role: app.role, status: app.status },
          ...(afterInterview ? { afterInterview } : {}), ...(afterCheck ? { afterCheck } : {}), ...(waiting !== undefined ? { waiting } : {}),
        });
      }
    }
    const mi = median(interviewWaits);
    const mc = median(checkWaits);
    return {
      funnel: { applied: applications.length, interviewed, offer: offered },
      responses,
      median: { ...(mi !== undefined ? { afterInterview: mi } : {}), ...(mc !== undefined ? { afterCheck: mc } : {}) },
      answered: { afterInterview: interviewWaits.length, afterCheck: checkWaits.length },
    };
  });
}

const waitJson = (w: Wait | undefined) => (w ? { days: w.days, from: formatDay(w.from), to: formatDay(w.to) } : null);

export function insightsJson(i: Insights) {
  return {
    funnel: i.funnel,
    responses: i.responses.map((r) => ({
      application: r.application, afterInterview: waitJson(r.afterInterview), afterCheck: waitJson(r.afterCheck), waiting: r.waiting ?? null,
    })),
    median: { afterInterview: i.median.afterInterview ?? null, afterCheck: i.median.afterCheck ?? null },
    answered: i.answered,
  };
}

// ---------------------------------------------------------------- offers to compare

/**
 * The offers comparison of every application with an offer recorded or an offer status (none or one
 * is fine, as a start); `compareApplications` (offers.ts) compares the ones the user names.
 */
export function offerComparison(deps: AppDeps): Promise<Comparison> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const criteria = await store.getCriteria(deps.userId);
    const chosen: string[] = [];
    for (const s of await store.listApplications(deps.userId)) {
      if (OFFERED.has(s.status) || (await store.getOffer(deps.userId, s.id)) !== undefined) chosen.push(s.id);
    }
    const applications: ComparedApplication[] = [];
    for (const app of await store.getApplications(deps.userId, chosen)) {
      const [flags, offer, ratings] = [await store.getRedFlags(deps.userId, app.id), await store.getOffer(deps.userId, app.id), await store.getRatings(deps.userId, app.id)];
      applications.push({
        application: { id: app.id, company: app.company, role: app.role, status: app.status },
        ...(offer ? { offer } : {}),
        redFlags: scoreRedFlags(flags, redFlagFacts(app, deps.time)),
        criteria: scoreCriteria(criteria, ratings),
      });
    }
    return { criteria, applications };
  });
}

// ---------------------------------------------------------------- JSON views of the offers use cases

function flagJson(f: ScoredFlag) {
  return {
    flag: f.flag, title: f.title, score: f.score, weight: f.weight, points: f.points, source: f.source, notes: f.notes ?? null,
    manager: f.manager ? { by: f.manager.by, said: f.manager.by === 'you' ? f.manager.manager : null, why: describeManager(f.manager) } : null,
    draggedOn: f.draggedOn ? { computed: f.draggedOn.computed, score: f.draggedOn.computed ? f.draggedOn.score : null, why: describeDraggedOn(f.draggedOn) } : null,
  };
}

export function reportJson(r: RedFlagReport) {
  return { total: r.total, max: r.max, level: r.level, top: r.top.map((f) => f.flag), summary: summarizeRedFlags(r), flags: r.flags.map(flagJson) };
}

export function offerJson(offer: Offer | undefined) {
  if (!offer) return null;
  return {
    receivedOn: offer.receivedOn !== undefined ? formatDay(offer.receivedOn) : null,
    respondBy: offer.respondBy !== undefined ? formatDay(offer.respondBy) : null,
    pay: offer.pay.map((i) => ({ label: i.label, value: i.value })),
    benefits: offer.benefits.map((i) => ({ label: i.label, value: i.value })),
    notes: offer.notes ?? null,
  };
}

export function criteriaScoreJson(s: CriteriaScore) {
  return {
    lines: s.lines.map((l) => ({ name: l.name, weight: l.weight, rating: l.rating ?? null, points: l.points ?? null })),
    points: s.points, max: s.max, percent: s.percent ?? null, unrated: [...s.unrated],
  };
}

export const criteriaJson = (criteria: readonly Criterion[]) => ({ criteria: criteria.map((c) => ({ name: c.name, weight: c.weight })) });

export const flagsViewJson = (v: FlagsView) => ({ application: v.application, ...reportJson(v.report) });
export const flagSetJson = (v: FlagSet) => ({ changed: v.flag, cleared: v.cleared, ...flagsViewJson(v) });
export const offerViewJson = (v: OfferView) => ({ application: v.application, offer: offerJson(v.offer), statusChange: v.statusChange ?? null });
export const ratingsViewJson = (v: RatingsView) => ({ application: v.application, criteria: criteriaScoreJson(v.criteria) });

export function comparisonJson(c: Comparison) {
  return {
    ...criteriaJson(c.criteria),
    applications: c.applications.map((a) => ({
      application: a.application, offer: offerJson(a.offer), redFlags: reportJson(a.redFlags), criteria: criteriaScoreJson(a.criteria),
    })),
  };
}
