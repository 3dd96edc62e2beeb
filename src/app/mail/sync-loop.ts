/**
 * The mailbox sync on a timer (issue 16, item 2), run by `afterword serve`, your own app and a shared
 * server alike: shortly after the start, then every `tickMs`, it asks the database which job seekers'
 * mailboxes are due (sync-gate.ts keeps each one's next moment and its back-off after failures) and
 * syncs them (sync.ts), `concurrency` at a time, starting each a `gapMs` after the one before, under
 * the gate's lease: never one mailbox twice at once, whether by this process's Sync now or another
 * server process. Stopping cuts the syncs running short after their batch. A failure is logged (its
 * words never hold the password) and recorded by the sync as the link failing.
 */
import type { Clock, Store, UserId } from '../ports.js';
import type { TimeRules } from '../../core/time.js';
import type { EndpointGuard } from './connect.js';
import type { MailKey } from './credentials.js';
import { createMailSyncGate, type MailSyncGate } from './sync-gate.js';
import type { SyncReport } from './sync.js';

export interface MailSyncLoopDeps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
  readonly mailKey: MailKey;
  /** Who may sync which mailbox when (shared with the API's Sync now); default: a gate of this loop's own. */
  readonly gate?: MailSyncGate;
  /** On a shared server: the mail servers' names are checked and their addresses pinned (connect.ts). */
  readonly guard?: EndpointGuard;
  /** Between looks at which mailboxes are due (default 30 s); each mailbox's own interval is the gate's. */
  readonly tickMs?: number;
  /** Before the first look (default 10 s: the server answers first). */
  readonly firstAfterMs?: number;
  /** Mailboxes synced at once (default 1: a small machine serves the web app meanwhile). */
  readonly concurrency?: number;
  /** Between starting one mailbox's sync and the next (default 2 s). */
  readonly gapMs?: number;
  /** One line per sync that found something or failed (never a password). */
  readonly log?: (line: string) => void;
  /** After each user's sync (tests wait on it). */
  readonly onSynced?: (userId: UserId, outcome: { readonly report: SyncReport } | { readonly error: unknown }) => void;
}

export interface MailSyncLoop {
  /** Looks at which mailboxes are due now (or waits for the look running). */
  syncNow(): Promise<void>;
  /** Stops the syncs running after the batch each reads (their place is saved), then stops. */
  stop(): Promise<void>;
}

/** Mailboxes asked for per look: more wait for the next. */
const DUE_PER_LOOK = 50;

function found(r: SyncReport): string | undefined {
  const parts = [
    r.touches > 0 ? `${r.touches} sent message${r.touches === 1 ? '' : 's'} recorded` : '',
    r.proposals > 0 ? `${r.proposals} employer message${r.proposals === 1 ? '' : 's'} to review` : '',
    r.bounces > 0 ? `${r.bounces} bounce${r.bounces === 1 ? '' : 's'}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function startMailSyncLoop(deps: MailSyncLoopDeps): MailSyncLoop {
  const tickMs = deps.tickMs ?? 30_000;
  const concurrency = Math.max(1, deps.concurrency ?? 1);
  const gapMs = deps.gapMs ?? 2_000;
  const gate = deps.gate ?? createMailSyncGate();
  const log = deps.log ?? (() => {});
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Stopping cuts a long first sync short after its batch; the next start reads on from there.
  const abort = new AbortController();
  const pause = (ms: number) => new Promise<void>((resolve) => {
    if (ms <= 0 || stopped) return resolve();
    const t = setTimeout(resolve, ms);
    abort.signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

  const syncOne = async (userId: UserId): Promise<void> => {
    try {
      const report = await gate.timed({
        store: deps.store, time: deps.time, clock: deps.clock, mailKey: deps.mailKey, userId, ...(deps.guard ? { guard: deps.guard } : {}),
      }, abort.signal);
      if (!report) return;
      const words = found(report);
      if (words) log(`mail sync of ${userId}: ${words}`);
      deps.onSynced?.(userId, { report });
    } catch (error) {
      log(`mail sync of ${userId}: failed: ${error instanceof Error ? error.message : String(error)}`);
      deps.onSynced?.(userId, { error });
    }
  };

  const pass = async (): Promise<void> => {
    let due: readonly UserId[];
    try {
      due = await deps.store.mail.dueSyncs(gate.clock(), DUE_PER_LOOK);
    } catch (error) {
      log(`mail sync: could not read which mailboxes are due: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let nextIndex = 0;
    let lastStart = 0;
    // `concurrency` workers take the due mailboxes in turn, each start a gap after the one before.
    const worker = async (): Promise<void> => {
      while (!stopped && nextIndex < due.length) {
        const userId = due[nextIndex++];
        if (userId === undefined) return;
        const wait = lastStart === 0 ? 0 : lastStart + gapMs - Date.now();
        lastStart = Math.max(Date.now(), lastStart + gapMs);
        await pause(wait);
        if (stopped) return;
        await syncOne(userId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, () => worker()));
  };

  const run = (): Promise<void> => {
    if (running) return running;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) {
        clearTimeout(timer);
        timer = setTimeout(() => void run(), tickMs);
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
