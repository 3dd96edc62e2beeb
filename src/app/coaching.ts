/**
 * A coach's view of the job seekers assigned to them: who owes a thank-you past its latest moment,
 * who has not applied anywhere for a week (P1), and who is waiting on which employer. Read-only:
 * built from each seeker's agenda and pipeline with the seeker's own settings.
 */
import { resolveParams } from '../core/rules/params.js';
import { renderWarning } from '../core/rules/messages.js';
import { formatDay, type EpochMs } from '../core/time.js';
import { agendaIfSetUp, type AgendaItem } from './agenda.js';
import type { Account, ApplicationSummary, Comment } from './ports.js';
import type { AppDeps } from './records.js';

export interface SeekerStatus {
  readonly seeker: Account;
  /** False until the seeker has saved their settings (nothing can be planned before). */
  readonly setUp: boolean;
  /** An admin deactivated the account: nothing of theirs is counted (their records are kept). */
  readonly deactivated: boolean;
  readonly overdueThankYous: readonly { readonly applicationId: string; readonly company: string; readonly person: string | null; readonly latest: EpochMs }[];
  readonly overdue: number;
  readonly due: number;
  readonly active: number;
  /** The newest `appliedOn` of any application, as a date in the seeker's zone. */
  readonly lastAppliedOn: string | null;
  /** P1: days since the last application when the quiet limit is reached (default 7), else null. */
  readonly quietDays: number | null;
  /**
   * Active applications whose next step is a check, a call or moving on: the ball is in the
   * employer's court. `nextCheck` is when that step may start (its earliest moment); `open` when
   * that moment has come.
   */
  readonly waitingOn: readonly { readonly applicationId: string; readonly company: string; readonly role: string; readonly nextCheck: EpochMs; readonly open: boolean; readonly kind: string }[];
  readonly warnings: readonly string[];
}

const WAITING_KINDS = new Set(['status_check', 'call', 'give_up']);

/** What a seeker's applications say at a glance: the last applied day, how many are active, and whom they wait on. */
function waitingOf(summaries: readonly ApplicationSummary[], now: EpochMs): { lastApplied: number | undefined; active: number; waitingOn: SeekerStatus['waitingOn'][number][] } {
  let lastApplied: number | undefined;
  let active = 0;
  const waitingOn: SeekerStatus['waitingOn'][number][] = [];
  for (const s of summaries) {
    if (s.appliedOn !== undefined && (lastApplied === undefined || s.appliedOn > lastApplied)) lastApplied = s.appliedOn;
    if (s.status !== 'active') continue;
    active++;
    if (s.nextDue && WAITING_KINDS.has(s.nextDue.kind)) {
      waitingOn.push({ applicationId: s.id, company: s.company, role: s.role, nextCheck: s.nextDue.at, open: s.nextDue.at <= now, kind: s.nextDue.kind });
    }
  }
  return { lastApplied, active, waitingOn };
}

export async function seekerStatus(deps: Omit<AppDeps, 'userId'>, seeker: Account): Promise<SeekerStatus> {
  const app: AppDeps = { ...deps, userId: seeker.id };
  const empty = { seeker, overdueThankYous: [], overdue: 0, due: 0, active: 0, lastAppliedOn: null, quietDays: null, waitingOn: [], warnings: [] };
  const deactivated = seeker.deactivatedAt !== undefined;
  // One read: the agenda's records hold the profile.
  const day = deactivated ? undefined : await agendaIfSetUp(app, 1);
  if (!day) return { ...empty, setUp: false, deactivated };
  const profile = day.profile;
  const zone = deps.time.zone(profile.settings.timeZone);
  const today = zone.dayAt(day.now);
  const { lastApplied, active, waitingOn } = waitingOf(day.summaries, day.now);
  const quietLimit = resolveParams(profile.settings.protocol).P1.quietDays;
  const since = lastApplied === undefined ? undefined : today - lastApplied;
  return {
    seeker, setUp: true, deactivated: false,
    overdueThankYous: day.overdue.filter((i) => i.recommendation.kind === 'thank_you').map((i) => ({
      applicationId: i.application.id, company: i.application.company, latest: i.recommendation.latest,
      person: i.application.people.find((p) => p.id === i.recommendation.personId)?.name ?? null,
    })),
    overdue: day.overdue.length, due: day.due.length, active,
    lastAppliedOn: lastApplied === undefined ? null : formatDay(lastApplied),
    quietDays: since !== undefined && since >= quietLimit ? since : null,
    waitingOn: waitingOn.sort((a, b) => a.nextCheck - b.nextCheck),
    warnings: day.warnings.map(renderWarning),
  };
}

/** Every assigned seeker's status, those needing attention first (overdue thank-yous, then quiet, then by name). */
export async function coachDashboard(deps: Omit<AppDeps, 'userId'>, coachId: string): Promise<readonly SeekerStatus[]> {
  const seekers = await deps.store.accounts.seekersOf(coachId);
  const list = await Promise.all(seekers.map((s) => seekerStatus(deps, s)));
  const weight = (s: SeekerStatus): number => (s.overdueThankYous.length > 0 ? 0 : s.quietDays !== null ? 1 : s.overdue > 0 ? 2 : 3);
  return list.sort((a, b) => weight(a) - weight(b) || a.seeker.name.localeCompare(b.seeker.name));
}

// ---------------------------------------------------------------- the coach's table

/**
 * Where a job seeker is with Afterword: `invited` (an invitation with this coach is pending, no
 * account yet: the row's `seeker` has no id and is named by the email), `no_password` (their account exists but they have not
 * accepted an invitation or reset link, so they cannot sign in yet), `not_set_up` (signed up, no
 * profile yet: nothing can be planned), `set_up`; `deactivated` (an admin deactivated the account:
 * it cannot sign in, and nothing it owes is counted or listed; its records are kept).
 */
export type Joined = 'invited' | 'no_password' | 'not_set_up' | 'set_up' | 'deactivated';

export interface SeekerRow {
  readonly seeker: Account;
  readonly joined: Joined;
  /** What they owe now: past the latest moment first, then due (or due but held), each with the planner's reason. */
  readonly overdue: readonly AgendaItem[];
  readonly due: readonly AgendaItem[];
  readonly active: number;
  /** The newest `appliedOn` of any application, as a date in the seeker's zone. */
  readonly lastAppliedOn: string | null;
  /** Whole days since `lastAppliedOn` in the seeker's zone; null when they have no application. */
  readonly daysSinceApplied: number | null;
  /** P1's quiet limit of the seeker's own settings (7 unless they changed it). */
  readonly quietLimit: number;
  /** Active applications whose next step is a check, a call or moving on (the employer's turn), soonest first. */
  readonly waitingOn: SeekerStatus['waitingOn'];
}

const NOT_JOINED = { overdue: [], due: [], active: 0, lastAppliedOn: null, daysSinceApplied: null, quietLimit: 7, waitingOn: [] } as const;

/** One row of the coach's table: built from one agenda read and one account read of the seeker. */
export async function seekerRow(deps: Omit<AppDeps, 'userId'>, seeker: Account): Promise<SeekerRow> {
  if (seeker.deactivatedAt !== undefined) return { seeker, joined: 'deactivated', ...NOT_JOINED };
  const app: AppDeps = { ...deps, userId: seeker.id };
  const day = await agendaIfSetUp(app, 1);
  if (!day) {
    const credentials = await deps.store.accounts.findCredentials(seeker.email);
    return { seeker, joined: credentials?.passwordHash === undefined ? 'no_password' : 'not_set_up', ...NOT_JOINED };
  }
  const zone = deps.time.zone(day.profile.settings.timeZone);
  const { lastApplied, active, waitingOn } = waitingOf(day.summaries, day.now);
  return {
    seeker, joined: 'set_up', overdue: day.overdue, due: day.due, active,
    lastAppliedOn: lastApplied === undefined ? null : formatDay(lastApplied),
    daysSinceApplied: lastApplied === undefined ? null : zone.dayAt(day.now) - lastApplied,
    quietLimit: resolveParams(day.profile.settings.protocol).P1.quietDays,
    waitingOn: waitingOn.sort((a, b) => a.nextCheck - b.nextCheck),
  };
}

/** Every job seeker the coach follows, one row each, by name (the page sorts and filters them). */
export async function coachTable(deps: Omit<AppDeps, 'userId'>, coachId: string): Promise<readonly SeekerRow[]> {
  const seekers = await deps.store.accounts.seekersOf(coachId);
  const rows: SeekerRow[] = [];
  // One seeker at a time: the embedded database serves one query at a time anyway, and a pool is not drained by one coach.
  for (const s of seekers) rows.push(await seekerRow(deps, s));
  // Invited with this coach, not accepted yet: a row without an account.
  for (const t of await deps.store.accounts.listTokens('invitation', deps.clock.now())) {
    if (t.coachId !== coachId || t.email === undefined || (t.role ?? 'seeker') !== 'seeker') continue;
    rows.push({ seeker: { id: '', name: t.email, email: t.email, role: 'seeker' }, joined: 'invited', ...NOT_JOINED });
  }
  return rows.sort((a, b) => a.seeker.name.localeCompare(b.seeker.name));
}

/** The coaches' comments on the job seeker's active applications and offers made since `since`, newest first. */
export async function recentComments(deps: AppDeps, since: number): Promise<readonly (Comment & { readonly company: string; readonly role: string })[]> {
  const { summaries } = await deps.store.agendaRecords(deps.userId, 0);
  const open = summaries.filter((s) => s.status === 'active' || s.status === 'offer');
  const found: (Comment & { company: string; role: string })[] = [];
  for (const s of open) {
    for (const c of await deps.store.accounts.listComments(deps.userId, s.id)) {
      if (c.at >= since) found.push({ ...c, company: s.company, role: s.role });
    }
  }
  return found.sort((a, b) => b.at - a.at || b.id - a.id);
}
