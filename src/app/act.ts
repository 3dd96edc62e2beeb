/**
 * Use cases that act: record what was sent or said, with the guards of the protocol — P2 (an early
 * status check asks for confirmation) and L8 (a text naming another application's company, or
 * missing this one's, is held until confirmed).
 */
import type { Application, ApplicationStatus, Touch } from '../core/model.js';
import { patienceCheck } from '../core/rules/patience.js';
import { plan } from '../core/rules/planner.js';
import type { Recommendation } from '../core/rules/plan-types.js';
import { checkTone, type Finding } from '../core/tone/index.js';
import { dayInWordsWithYear, englishOf } from '../core/drafts/words.js';
import { parseInstant, type EpochMs, type ZoneRules } from '../core/time.js';
import { AppError } from './errors.js';
import { addTouch, applicationNotFound, profileAndApplication, requirePerson, sentNow, setApplicationStatus, type AppDeps, type Profile, type Saved } from './records.js';

type Json = Record<string, unknown>;

export type Guard =
  | { readonly rule: 'P2'; readonly earliest: EpochMs; readonly recommendation: Recommendation }
  | { readonly rule: 'L8'; readonly findings: readonly Finding[] };

export type LogResult = { readonly ok: true; readonly saved: Saved; readonly profile: Profile } | { readonly ok: false; readonly guards: readonly Guard[] };

// P2 judges what asks the employer for news; an update (news of the candidate's own) is never early.
const CHECK_KINDS = new Set<Touch['kind']>(['status_check', 'call', 'voicemail']);

/** How far ahead of now a touch may be dated without asking: clocks differ by a minute or two. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/** "Tuesday, 1 June 2027 at 10:00": a moment in words, in the user's zone and English. */
export function momentInWords(zone: ZoneRules, region: string, at: EpochMs): string {
  return `${dayInWordsWithYear(zone.dayAt(at), englishOf(region))} at ${zone.format(at).slice(11, 16)}`;
}

/** Whether `at` is later than now by more than FUTURE_SLACK_MS. */
export function isFuture(now: EpochMs, at: EpochMs): boolean {
  return at > now + FUTURE_SLACK_MS;
}

/**
 * Records a touch unless a guard stops it. `confirmed` lists the guards the user has accepted
 * (e.g. after being asked); returns the guards that still stand instead of writing anything.
 */
export async function logTouch(deps: AppDeps, applicationId: string, input: Json, confirmed: ReadonlySet<Guard['rule']>): Promise<LogResult> {
  // One transaction, and one read: the guards judge the records the touch is added to.
  return deps.store.transaction(async (store) => {
    const inner: AppDeps = { ...deps, store };
    const { profile, app, context } = await profileAndApplication(store, deps.userId, applicationId);
    requirePerson(input, app);
    const zone = deps.time.zone(profile.settings.timeZone);
    // When it was sent: now, to the second, in the user's zone, unless said.
    const touch: Json = typeof input['at'] === 'string' ? { ...input } : { ...input, at: sentNow(deps, zone) };
    const guards: Guard[] = [];
    const kind = touch['kind'] as Touch['kind'];
    const at = typeof touch['at'] === 'string' ? parseInstant(touch['at'], zone) : null;
    // A touch is recorded once it happened: a date ahead (a typo in the year) would move the whole plan.
    if (at !== null && isFuture(deps.clock.now(), at) && touch['futureIntended'] !== true) {
      throw new AppError({ reason: 'touch.in_future', params: { at: String(touch['at']), when: momentInWords(zone, profile.settings.region, at) } }, { path: 'touch.at' });
    }
    delete touch['futureIntended'];
    if (CHECK_KINDS.has(kind) && at !== null && !confirmed.has('P2')) {
      const p = plan({ settings: profile.settings, candidate: profile.candidate, applications: [app] }, { now: deps.clock.now(), time: deps.time });
      const verdict = patienceCheck(p, app.id, at);
      if (verdict.early) guards.push({ rule: 'P2', earliest: verdict.earliest, recommendation: verdict.recommendation });
    }
    const text = typeof touch['text'] === 'string' ? touch['text'] : undefined;
    if (text !== undefined && !confirmed.has('L8')) {
      const others = context.summaries.filter((a) => a.id !== app.id).map((a) => a.company)
        .filter((c) => c.toLowerCase() !== app.company.toLowerCase());
      const findings = checkTone({ text, application: { company: app.company, role: app.role }, otherCompanies: [...new Set(others)] })
        .filter((f) => f.rule === 'L8');
      if (findings.length > 0) guards.push({ rule: 'L8', findings });
    }
    if (guards.length > 0) return { ok: false, guards };
    return { ok: true, saved: await addTouch(inner, applicationId, touch, { profile, current: app }), profile };
  });
}

/** The statuses that end an application (PROTOCOL §6); `offer` still waits for an answer. */
const CLOSED = new Set<ApplicationStatus>(['accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled']);

/** An application already closed with another outcome than `status`: closing it again changes the record, so it is asked about. */
export interface ClosingAgain {
  readonly company: string;
  readonly role: string;
  readonly current: ApplicationStatus;
}

/** Closing `app` as the final `status` when it is closed already with another (reopening it is no closing). */
function closingAgainOf(app: Application, status: ApplicationStatus): ClosingAgain | undefined {
  return CLOSED.has(app.status) && CLOSED.has(status) && app.status !== status ? { company: app.company, role: app.role, current: app.status } : undefined;
}

/** A `conflict` naming both outcomes when `status` would replace another final outcome of `app`, unless `reclose`. */
export function refuseReclosing(app: Application, status: ApplicationStatus, reclose: boolean): void {
  const again = closingAgainOf(app, status);
  if (again === undefined || reclose) return;
  throw new AppError({
    reason: 'close.again',
    params: { company: app.company, role: app.role, current: again.current, status, currentWords: statusWords(again.current), statusWords: statusWords(status) },
  }, { path: 'reclose', at: null });
}

/** Whether closing `applicationId` as `status` would replace another final outcome (undefined: a first close, or the same one). */
export async function closingAgain(deps: AppDeps, applicationId: string, status: ApplicationStatus): Promise<ClosingAgain | undefined> {
  const app = await deps.store.getApplication(deps.userId, applicationId);
  if (!app) throw applicationNotFound(applicationId);
  return closingAgainOf(app, status);
}

/**
 * Closes an application with a final status; its history is kept. An application already closed
 * with another outcome is a `conflict` naming that outcome unless `reclose` is true.
 */
export async function closeApplication(deps: AppDeps, applicationId: string, status: ApplicationStatus, options: { readonly reclose?: boolean } = {}): Promise<Saved> {
  if (status === 'active') throw new AppError({ reason: 'close.active', params: { outcomes: ['accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled'] } }, { path: 'status', at: '--as' });
  return deps.store.transaction(async (store) => {
    const inner: AppDeps = { ...deps, store };
    const app = await store.getApplication(deps.userId, applicationId);
    if (!app) throw applicationNotFound(applicationId);
    refuseReclosing(app, status, options.reclose === true);
    return setApplicationStatus(inner, applicationId, status);
  });
}

/** "no_response" → "no response". */
export function statusWords(status: ApplicationStatus): string {
  return status.replace('_', ' ');
}
