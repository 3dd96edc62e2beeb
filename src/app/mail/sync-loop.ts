/**
 * The mailbox sync on a timer (issue 16, item 2), run by `afterword serve`: shortly after the start,
 * then every few minutes, each linked mailbox of `users()` is synced (sync.ts), one after another
 * and never two passes at once; stopping cuts the sync running short after its batch. A failure is logged (its words never hold the password), recorded by
 * the sync as the link failing, and tried again at the next pass.
 */
import type { Clock, Store, UserId } from '../ports.js';
import type { TimeRules } from '../../core/time.js';
import type { MailKey } from './credentials.js';
import { syncMailbox, type SyncReport } from './sync.js';

export interface MailSyncLoopDeps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
  readonly mailKey: MailKey;
  /** The users whose linked mailbox to sync (a user with none is skipped). */
  readonly users: () => Promise<readonly UserId[]>;
  /** Between passes (default 5 minutes). */
  readonly everyMs?: number;
  /** Before the first pass (default 10 s: the server answers first). */
  readonly firstAfterMs?: number;
  /** One line per sync that found something or failed (never a password). */
  readonly log?: (line: string) => void;
  /** After each user's sync (tests wait on it). */
  readonly onSynced?: (userId: UserId, outcome: { readonly report: SyncReport } | { readonly error: unknown }) => void;
}

export interface MailSyncLoop {
  /** Runs a pass now (or waits for the one running). */
  syncNow(): Promise<void>;
  /** Stops the sync running after the batch it reads (its place is saved), then stops. */
  stop(): Promise<void>;
}

const DEFAULT_EVERY_MS = 5 * 60_000;

function found(r: SyncReport): string | undefined {
  const parts = [
    r.touches > 0 ? `${r.touches} sent message${r.touches === 1 ? '' : 's'} recorded` : '',
    r.proposals > 0 ? `${r.proposals} employer message${r.proposals === 1 ? '' : 's'} to review` : '',
    r.bounces > 0 ? `${r.bounces} bounce${r.bounces === 1 ? '' : 's'}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function startMailSyncLoop(deps: MailSyncLoopDeps): MailSyncLoop {
  const everyMs = deps.everyMs ?? DEFAULT_EVERY_MS;
  const log = deps.log ?? (() => {});
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Stopping cuts a long first sync short after its batch; the next start reads on from there.
  const abort = new AbortController();

  const pass = async (): Promise<void> => {
    let users: readonly UserId[];
    try {
      users = await deps.users();
    } catch (error) {
      log(`mail sync: could not read the linked mailboxes: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const userId of users) {
      if (stopped) return;
      try {
        if (!await deps.store.mail.getAccount(userId)) continue;
        const report = await syncMailbox({ store: deps.store, time: deps.time, clock: deps.clock, mailKey: deps.mailKey, userId }, { signal: abort.signal });
        const words = found(report);
        if (words) log(`mail sync of ${userId}: ${words}`);
        deps.onSynced?.(userId, { report });
      } catch (error) {
        log(`mail sync of ${userId}: failed: ${error instanceof Error ? error.message : String(error)}`);
        deps.onSynced?.(userId, { error });
      }
    }
  };

  const run = (): Promise<void> => {
    if (running) return running;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) {
        clearTimeout(timer);
        timer = setTimeout(() => void run(), everyMs);
      }
    });
    return running;
  };

  timer = setTimeout(() => void run(), deps.firstAfterMs ?? 10_000);
  return {
    syncNow: run,
    async stop() {
      stopped = true;
      abort.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
