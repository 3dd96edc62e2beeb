/**
 * Use cases that decide: what is due today or this week (read through the next-due index, never
 * by planning everything), one application's timeline, the pipeline.
 */
import type { Application, ApplicationStatus } from '../core/model.js';
import { resolveParams } from '../core/rules/params.js';
import { keepSearchingWarnings, plan } from '../core/rules/planner.js';
import type { Plan, Recommendation, Warning } from '../core/rules/plan-types.js';
import type { Day, EpochMs } from '../core/time.js';
import type { AgendaReads, ApplicationSummary, Offer, RedFlagNote } from './ports.js';
import { applicationNotFound, noProfileError, profileOf, requireProfile, type AppDeps, type Profile } from './records.js';

const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);

export interface AgendaItem {
  readonly application: Application;
  readonly recommendation: Recommendation;
}

/** An offer not yet answered (its application is still "offer" or "active") due by the agenda's last day, or earlier. */
export interface OfferAnswer {
  readonly applicationId: string;
  readonly company: string;
  readonly role: string;
  readonly respondBy: Day;
}

export interface Agenda {
  readonly now: EpochMs;
  readonly until: EpochMs;
  readonly profile: Profile;
  /** Past their latest moment. */
  readonly overdue: readonly AgendaItem[];
  /** Doable now, or due but waiting for an allowed moment (blocked). */
  readonly due: readonly AgendaItem[];
  /** Coming before `until`. */
  readonly coming: readonly AgendaItem[];
  /** Offers to answer by the range's last day (a day already past included), by that day. */
  readonly offers: readonly OfferAnswer[];
  readonly warnings: readonly Warning[];
  /** Every application's summary (P1 reads them), for callers that need them too. */
  readonly summaries: readonly ApplicationSummary[];
}

/** The agenda's deps: the store may be the read model, which has only the reads the agenda makes. */
export type AgendaDeps = Omit<AppDeps, 'store'> & { readonly store: AgendaReads };

function planOne(profile: Profile, app: Application, deps: AgendaDeps, now: EpochMs): Plan {
  return plan({ settings: profile.settings, candidate: profile.candidate, applications: [app] }, { now, time: deps.time });
}

/** P1 from the application summaries (no full load): the pipeline's "keep searching" warnings. */
export function pipelineWarnings(deps: AgendaDeps, profile: Profile, summaries: readonly ApplicationSummary[], now: EpochMs): Warning[] {
  const entries = summaries.map((s) => ({
    status: s.status,
    ...(s.appliedOn !== undefined ? { appliedOn: s.appliedOn } : {}),
    waiting: s.nextDue !== undefined && s.nextDue.kind !== 'thank_you',
  }));
  const today = deps.time.zone(profile.settings.timeZone).dayAt(now);
  return keepSearchingWarnings(entries, today, resolveParams(profile.settings.protocol));
}

const DAY_MS = 86_400_000;

/** What is overdue, due, and coming before midnight `days` days from today (1 = today), with the warnings. */
export async function agenda(deps: AgendaDeps, days: number): Promise<Agenda> {
  const found = await agendaIfSetUp(deps, days);
  if (!found) throw noProfileError();
  return found;
}

/** The agenda, or undefined when the user has no profile yet. */
export async function agendaIfSetUp(deps: AgendaDeps, days: number): Promise<Agenda | undefined> {
  const now = deps.clock.now();
  // One read, made before the zone (and so the exact bound) is known: a day more than `days` covers
  // midnight in any zone; what lies beyond the bound is left out below.
  const bound = now + (days + 1) * DAY_MS;
  let records = await deps.store.agendaRecords(deps.userId, bound);
  if (!records.settings) return undefined;
  const zone = deps.time.zone(records.settings.timeZone);
  const until = zone.at(zone.dayAt(now) + days, 0);
  if (until > bound) records = await deps.store.agendaRecords(deps.userId, until);
  const profile = profileOf(records);
  if (!profile) return undefined;
  const overdue: AgendaItem[] = [];
  const due: AgendaItem[] = [];
  const coming: AgendaItem[] = [];
  const warnings: Warning[] = [];
  for (let i = 0; i < records.due.length; i++) {
    const item = records.dueItems[i];
    const application = records.due[i];
    if (!item || !application || item.at >= until) break;
    const p = planOne(profile, application, deps, now);
    warnings.push(...p.warnings.filter((w) => w.rule !== 'P1'));
    for (const rec of p.recommendations) {
      if (!PENDING.has(rec.status)) continue;
      const entry = { application, recommendation: rec };
      if (rec.status === 'overdue') overdue.push(entry);
      else if (rec.status === 'due' || rec.status === 'blocked') due.push(entry);
      else if (rec.ideal < until) coming.push(entry);
    }
  }
  const summaries = records.summaries;
  warnings.unshift(...pipelineWarnings(deps, profile, summaries, now));
  // An offer waits for an answer until the application is accepted, declined or otherwise closed.
  const lastDay = zone.dayAt(now) + days - 1;
  const open = new Map(summaries.filter((s) => s.status === 'offer' || s.status === 'active').map((s) => [s.id, s]));
  const offers = records.offerDeadlines.flatMap((d): OfferAnswer[] => {
    const s = open.get(d.applicationId);
    return s === undefined || d.respondBy > lastDay ? [] : [{ applicationId: s.id, company: s.company, role: s.role, respondBy: d.respondBy }];
  });
  return { now, until, profile, overdue, due, coming, offers, warnings, summaries };
}

export interface ApplicationView {
  readonly profile: Profile;
  readonly application: Application;
  readonly plan: Plan;
  readonly redFlags: readonly RedFlagNote[];
  readonly offer?: Offer;
}

export async function showApplication(deps: AppDeps, applicationId: string): Promise<ApplicationView> {
  const profile = await requireProfile(deps);
  const application = await deps.store.getApplication(deps.userId, applicationId);
  if (!application) throw applicationNotFound(applicationId);
  const [redFlags, offer, summaries] = await Promise.all([
    deps.store.getRedFlags(deps.userId, applicationId), deps.store.getOffer(deps.userId, applicationId),
    deps.store.listApplications(deps.userId),
  ]);
  const now = deps.clock.now();
  const one = planOne(profile, application, deps, now);
  // P1 is about the whole pipeline: a plan of this application alone would count one active application.
  const warnings = [...pipelineWarnings(deps, profile, summaries, now), ...one.warnings.filter((w) => w.rule !== 'P1')];
  const view = { profile, application, plan: { ...one, warnings }, redFlags };
  return offer ? { ...view, offer } : view;
}

export interface Pipeline {
  readonly profile: Profile;
  readonly applications: readonly ApplicationSummary[];
  readonly counts: Readonly<Record<ApplicationStatus, number>>;
  readonly warnings: readonly Warning[];
}

export async function pipeline(deps: AppDeps): Promise<Pipeline> {
  const profile = await requireProfile(deps);
  const applications = await deps.store.listApplications(deps.userId);
  const counts: Record<ApplicationStatus, number> = {
    active: 0, offer: 0, accepted: 0, declined: 0, rejected: 0, withdrawn: 0, no_response: 0, filled: 0,
  };
  for (const a of applications) counts[a.status]++;
  return { profile, applications, counts, warnings: pipelineWarnings(deps, profile, applications, deps.clock.now()) };
}
