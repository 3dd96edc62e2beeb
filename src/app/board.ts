/**
 * The Pipeline board at any size: one page of cards per status, found by words (company, role or a
 * person's name) and statuses, with what each card shows and nothing more. Only the active cards
 * on the page are planned (for their next action); the others need no plan.
 */
import { APPLICATION_STATUSES, type ApplicationStatus } from '../core/model.js';
import type { Recommendation, Warning } from '../core/rules/plan-types.js';
import { plan } from '../core/rules/planner.js';
import type { EpochMs, TimeRules } from '../core/time.js';
import { pipelineWarnings } from './agenda.js';
import type { ApplicationSummary } from './ports.js';
import { requireProfile, type AppDeps } from './records.js';
import { warningJson } from './views.js';

const PENDING = new Set<Recommendation['status']>(['upcoming', 'due', 'overdue', 'blocked']);
/** Statuses whose cards come soonest next action first; the others newest first. */
const BY_NEXT_DUE = new Set<ApplicationStatus>(['active', 'offer']);

export const BOARD_PAGE_DEFAULT = 15;
export const BOARD_PAGE_MAX = 100;

export interface BoardQuery {
  /** Words to find in the company, the role or a person's name (blank: every application). */
  readonly text?: string;
  /** Only these statuses (absent: all). */
  readonly statuses?: readonly ApplicationStatus[];
  /** Cards per status on this page. */
  readonly limit: number;
  /** Cards per closed status (accepted, declined and the four ways to close) on this page; default `limit`. */
  readonly closedLimit?: number;
  /** Cards of each status already shown (a "show more" asks from there). */
  readonly offset: number;
  /**
   * With the totals and the pipeline's warnings (the default), which read every application; a
   * search typed on a page that has them already asks without (false), and is answered faster.
   */
  readonly summary?: boolean;
}

export interface BoardPageCard {
  readonly summary: ApplicationSummary;
  /** The soonest pending action of an active application. */
  readonly next?: Recommendation;
  /** The name of the person the next action is for, when it is a person. */
  readonly person?: string;
}

export type StatusCounts = Readonly<Record<ApplicationStatus, number>>;

export interface BoardPage {
  readonly now: EpochMs;
  readonly timeZone: string;
  readonly query: BoardQuery;
  /** Every application, by status (undefined when not asked for). */
  readonly totals?: StatusCounts;
  /** The applications the query finds, by status. */
  readonly counts: StatusCounts;
  /** Up to `limit` cards of each status, from `offset`, in the board's order. */
  readonly cards: readonly BoardPageCard[];
  /** The pipeline's warnings (P1 "keep searching"), over every application (undefined when not asked for). */
  readonly warnings?: readonly Warning[];
}

function countByStatus(list: readonly ApplicationSummary[]): StatusCounts {
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
  for (const a of list) counts[a.status]++;
  return counts;
}

/** Each status's applications in the board's order: soonest next action first (none last) for active and offers, newest first for the rest. */
function ordered(list: readonly ApplicationSummary[], status: ApplicationStatus): ApplicationSummary[] {
  const here = list.filter((a) => a.status === status);
  if (!BY_NEXT_DUE.has(status)) return here.reverse();
  // Stable: ties keep the order the applications were added in.
  return here.sort((a, b) => (a.nextDue?.at ?? Infinity) - (b.nextDue?.at ?? Infinity));
}

/** One page of the board for `query`. */
export async function boardPage(deps: AppDeps, query: BoardQuery): Promise<BoardPage> {
  const now = deps.clock.now();
  const profile = await requireProfile(deps);
  const all = query.summary === false ? undefined : await deps.store.listApplications(deps.userId);
  const text = query.text?.trim() ?? '';
  const wanted = query.statuses === undefined ? undefined : new Set(query.statuses);
  const found = text !== '' || !all
    ? await deps.store.listApplications(deps.userId, { ...(text !== '' ? { text } : {}), ...(query.statuses ? { statuses: query.statuses } : {}) })
    : wanted ? all.filter((a) => wanted.has(a.status)) : all;
  const limitOf = (status: ApplicationStatus): number => (BY_NEXT_DUE.has(status) ? query.limit : query.closedLimit ?? query.limit);
  const shown = APPLICATION_STATUSES.flatMap((status) => ordered(found, status).slice(query.offset, query.offset + limitOf(status)));
  const toPlan = shown.filter((a) => a.status === 'active').map((a) => a.id);
  const applications = toPlan.length === 0 ? [] : await deps.store.getApplications(deps.userId, toPlan);
  const planned = new Map(applications.map((application) => {
    const recs = plan({ settings: profile.settings, candidate: profile.candidate, applications: [application] }, { now, time: deps.time }).recommendations;
    let next: Recommendation | undefined;
    for (const r of recs) if (PENDING.has(r.status) && (next === undefined || r.ideal < next.ideal)) next = r;
    const person = next?.personId === undefined ? undefined : application.people.find((p) => p.id === next.personId)?.name;
    return [application.id, { next, person }] as const;
  }));
  const cards = shown.map((summary): BoardPageCard => {
    const p = planned.get(summary.id);
    return { summary, ...(p?.next ? { next: p.next } : {}), ...(p?.person !== undefined ? { person: p.person } : {}) };
  });
  return {
    now, timeZone: profile.settings.timeZone, query, counts: countByStatus(found), cards,
    ...(all ? { totals: countByStatus(all), warnings: pipelineWarnings(deps, profile, all, now) } : {}),
  };
}

/** The moment a card shows for its next action: the latest for one due or overdue, the next allowed for one held, else the ideal. */
function shownAt(r: Recommendation): EpochMs {
  if (r.status === 'overdue' || r.status === 'due') return r.latest;
  if (r.status === 'blocked') return r.nextAllowed ?? r.ideal;
  return r.ideal;
}

/** The board page as the API sends it: what a card shows, nothing more. */
export function boardPageJson(b: BoardPage, time: TimeRules) {
  return {
    now: time.zone(b.timeZone).format(b.now),
    timeZone: b.timeZone,
    query: {
      text: b.query.text?.trim() ?? '', statuses: b.query.statuses ?? null, limit: b.query.limit, closedLimit: b.query.closedLimit ?? b.query.limit, offset: b.query.offset,
    },
    totals: b.totals ?? null,
    counts: b.counts,
    cards: b.cards.map((c) => ({
      id: c.summary.id, company: c.summary.company, role: c.summary.role, status: c.summary.status,
      // The details a card shows (null when not given).
      location: c.summary.location ?? null, workplace: c.summary.workplace ?? null, salary: c.summary.salary ?? null, tags: c.summary.tags ?? [],
      next: c.next ? {
        kind: c.next.kind, status: c.next.status, at: time.zone(c.next.timeZone).format(shownAt(c.next)), timeZone: c.next.timeZone,
        person: c.person ?? null,
      } : null,
    })),
    // P1 is about the whole pipeline: no application, no company.
    warnings: b.warnings?.map((w) => warningJson(w, () => undefined)) ?? null,
  };
}
