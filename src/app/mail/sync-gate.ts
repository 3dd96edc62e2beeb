/**
 * Who may sync a mailbox, and when next (issue 16, item 2, on a shared server): one gate per server
 * process, shared by the timed sync (sync-loop.ts) and the API's Sync now. A mailbox is synced by one
 * process at a time, through a lease row in the database (mail_accounts.sync_owner and
 * sync_lease_until: one conditional UPDATE takes it, renewed while the sync runs, so it holds behind
 * a pooler in transaction mode where a session's advisory lock would not; a process that died lets go
 * when its lease runs out). Within the process a second sync of the same mailbox joins the one
 * running. After a sync the next timed one is due a few minutes on (a little later for some mailboxes
 * than others, so they spread out); after a failure, twice as long each time, up to a few hours.
 */
import { AppError } from '../errors.js';
import type { UserId } from '../ports.js';
import type { MailDeps } from './connect.js';
import { syncMailbox, type SyncOptions, type SyncReport } from './sync.js';

export interface MailSyncGateOptions {
  /** This server process's name on its leases (default: a random one). */
  readonly owner?: string;
  /** How long a lease holds unless renewed (default 2 minutes; renewed every third of it while the sync runs). */
  readonly leaseMs?: number;
  /** Between a mailbox's timed syncs (default 5 minutes). */
  readonly everyMs?: number;
  /** The longest wait after failures in a row (default 4 hours). */
  readonly maxBackoffMs?: number;
  /** How long Sync now waits for another process's sync of the same mailbox to end (default 60 s). */
  readonly waitMs?: number;
  /** The clock of leases and schedules (default the system's): real time even where the records' clock is fixed. */
  readonly now?: () => number;
  /**
   * This process is the only one on its database (the embedded one): a lease of another owner is a
   * stopped process's, taken at once rather than after it runs out.
   */
  readonly exclusive?: boolean;
}

export interface MailSyncGate {
  /** The timed sync of `deps.userId`'s mailbox when it is due and nobody syncs it; undefined when skipped. */
  timed(deps: MailDeps, signal?: AbortSignal): Promise<SyncReport | undefined>;
  /** Syncs now: joins this process's sync of that mailbox, else waits for another process's to end, then syncs. */
  syncNow(deps: MailDeps, options?: SyncOptions): Promise<SyncReport>;
  /** The clock of leases and schedules. */
  clock(): number;
  /** When the timed sync comes after `failures` failures in a row (0: after a sync that worked), from `at`. */
  nextAt(userId: UserId, at: number, failures: number): number;
}

const DEFAULT_EVERY_MS = 5 * 60_000;
const DEFAULT_LEASE_MS = 2 * 60_000;
const DEFAULT_MAX_BACKOFF_MS = 4 * 3_600_000;
/** How often Sync now looks whether another process's sync has ended. */
const POLL_MS = 250;

/** A share of the interval fixed per mailbox (0 to 1/5 of it): mailboxes linked at once do not stay in step. */
function spread(userId: UserId, everyMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619) >>> 0;
  return Math.floor(((h % 1000) / 1000) * (everyMs / 5));
}

export function createMailSyncGate(options: MailSyncGateOptions = {}): MailSyncGate {
  const owner = options.owner ?? `sync-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const everyMs = options.everyMs ?? DEFAULT_EVERY_MS;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const waitMs = options.waitMs ?? 60_000;
  const now = options.now ?? (() => Date.now());
  const exclusive = options.exclusive === true;
  // This process's syncs running, by mailbox: a second one joins.
  const running = new Map<UserId, Promise<SyncReport>>();

  const nextAt = (userId: UserId, at: number, failures: number): number =>
    at + (failures === 0 ? everyMs + spread(userId, everyMs) : Math.min(maxBackoffMs, everyMs * 2 ** failures));

  /** Syncs under a lease just taken; lets it go with the next moment and the failures in a row. */
  const held = (deps: MailDeps, failures: number, sync: SyncOptions): Promise<SyncReport> => {
    const { store, userId } = deps;
    const lost = new AbortController();
    const signal = sync.signal ? AbortSignal.any([sync.signal, lost.signal]) : lost.signal;
    const renew = setInterval(() => {
      const t = now();
      // A lease lost (the database was away longer than the lease) stops this sync after its batch.
      store.mail.leaseSync(userId, owner, t, t + leaseMs, false).then((r) => { if (!r) lost.abort(); }, () => undefined);
    }, Math.max(10, Math.floor(leaseMs / 3)));
    const run = (async () => {
      try {
        const report = await syncMailbox(deps, { ...sync, signal });
        // Stopped half-way: due again at once, to read on.
        await store.mail.endSync(userId, owner, signal.aborted ? now() : nextAt(userId, now(), 0), 0);
        return report;
      } catch (error) {
        await store.mail.endSync(userId, owner, nextAt(userId, now(), failures + 1), failures + 1).catch(() => undefined);
        throw error;
      } finally {
        clearInterval(renew);
        running.delete(userId);
      }
    })();
    running.set(userId, run);
    return run;
  };

  return {
    nextAt,
    async timed(deps, signal) {
      if (running.has(deps.userId)) return undefined;
      const t = now();
      const lease = await deps.store.mail.leaseSync(deps.userId, owner, t, t + leaseMs, true, exclusive);
      // Taken meanwhile by this process's Sync now: that one reads the mail.
      if (!lease || running.has(deps.userId)) return undefined;
      return held(deps, lease.failures, signal ? { signal } : {});
    },
    clock: now,
    async syncNow(deps, sync = {}) {
      // How long it waited is real time, whatever clock the leases are on.
      const started = performance.now();
      for (;;) {
        const mine = running.get(deps.userId);
        if (mine) return mine;
        const t = now();
        const lease = await deps.store.mail.leaseSync(deps.userId, owner, t, t + leaseMs, false, exclusive);
        if (lease) {
          const again = running.get(deps.userId);
          if (again) return again;
          return held(deps, lease.failures, sync);
        }
        if (!await deps.store.mail.getAccount(deps.userId)) {
          throw new AppError({ reason: 'mail.not_linked' }, { path: 'mailbox', at: null });
        }
        if (performance.now() - started >= waitMs) {
          throw new AppError({ reason: 'mail.sync_busy' }, { path: 'mailbox', at: null });
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}
