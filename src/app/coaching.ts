/**
 * A coach's view of the job seekers assigned to them: who owes a thank-you past its latest moment,
 * who has not applied anywhere for a week (P1), and who is waiting on which employer. Read-only:
 * built from each seeker's agenda and pipeline with the seeker's own settings.
 */
import { resolveParams } from '../core/rules/params.js';
import { renderWarning } from '../core/rules/messages.js';
import { formatDay, type EpochMs } from '../core/time.js';
import { agendaIfSetUp } from './agenda.js';
import type { Account } from './ports.js';
import type { AppDeps } from './records.js';

export interface SeekerStatus {
  readonly seeker: Account;
  /** False until the seeker has saved their settings (nothing can be planned before). */
  readonly setUp: boolean;
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

export async function seekerStatus(deps: Omit<AppDeps, 'userId'>, seeker: Account): Promise<SeekerStatus> {
  const app: AppDeps = { ...deps, userId: seeker.id };
  const empty = { seeker, overdueThankYous: [], overdue: 0, due: 0, active: 0, lastAppliedOn: null, quietDays: null, waitingOn: [], warnings: [] };
  // One read: the agenda's records hold the profile.
  const day = await agendaIfSetUp(app, 1);
  if (!day) return { ...empty, setUp: false };
  const profile = day.profile;
  const zone = deps.time.zone(profile.settings.timeZone);
  const today = zone.dayAt(day.now);
  let lastApplied: number | undefined;
  let active = 0;
  const waitingOn: SeekerStatus['waitingOn'][number][] = [];
  for (const s of day.summaries) {
    if (s.appliedOn !== undefined && (lastApplied === undefined || s.appliedOn > lastApplied)) lastApplied = s.appliedOn;
    if (s.status !== 'active') continue;
    active++;
    if (s.nextDue && WAITING_KINDS.has(s.nextDue.kind)) {
      waitingOn.push({ applicationId: s.id, company: s.company, role: s.role, nextCheck: s.nextDue.at, open: s.nextDue.at <= day.now, kind: s.nextDue.kind });
    }
  }
  const quietLimit = resolveParams(profile.settings.protocol).P1.quietDays;
  const since = lastApplied === undefined ? undefined : today - lastApplied;
  return {
    seeker, setUp: true,
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
