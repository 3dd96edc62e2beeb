/**
 * The outbox's sender, run by `afterword serve`: it wakes at the next note's moment (and at least
 * every `pollMs`), claims due notes (a claim is committed before anything is sent), submits each by
 * SMTP, records it sent together with its touch (so the plan marks that follow-up done), then puts
 * a copy in \Sent.
 *
 * Exactly once: a note another sender took and never finished (the server stopped between claim and
 * result) is taken again after `leaseMs`; before sending it again the sender looks for its
 * Message-ID in \Sent and, when it is there, only records it. The one window left is a stop after
 * the SMTP server accepted the note and before the database recorded it (milliseconds, local):
 * docs/mail.md says so.
 */
import type { Clock, Store, UserId } from '../ports.js';
import { parseMessageIds } from '../../core/mail/index.js';
import type { TimeRules } from '../../core/time.js';
import { AppError } from '../errors.js';
import { renderEml } from '../exchange/eml.js';
import { addTouch, requireProfile } from '../records.js';
import { appendToSent, sentHolds } from './drafts-folder.js';
import { outboxMessage, type MailboxOf } from './outbox.js';
import type { ClaimedItem } from './outbox-port.js';
import { isTemporary, submit } from './send.js';

export interface OutboxWorkerDeps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
  readonly mailbox: MailboxOf;
  /** One line per note sent, failed or found already sent (never a password). */
  readonly log?: (line: string) => void;
  /** Longest sleep between looks at the queue (default 15 s). */
  readonly pollMs?: number;
  /** How long a claim holds before another sender may take the note again (default 40 s; a submission is cut off after 30 s). */
  readonly leaseMs?: number;
  /**
   * This is the only sender on its database (the embedded one, which one process holds): a claim
   * older than this worker's start was a stopped process's, taken again at once instead of after the lease.
   */
  readonly exclusive?: boolean;
  /** Tries before a note that keeps failing for a temporary reason is marked failed (default 6). */
  readonly maxAttempts?: number;
}

export interface OutboxWorker {
  /** Looks at the queue now (after a note was scheduled or moved to now). */
  wake(): void;
  /** Finishes the note being sent, then stops. */
  stop(): Promise<void>;
  /** Resolves after the next full look at the queue (tests). */
  settled(): Promise<void>;
}

const CLAIM_BATCH = 5;

/** The wait before try `attempt + 1` after a temporary failure: 1, 2, 4, 8, 16 minutes. */
function backoffMs(attempt: number): number {
  return 60_000 * 2 ** Math.min(4, Math.max(0, attempt - 1));
}

export function startOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const pollMs = deps.pollMs ?? 15_000;
  const leaseMs = deps.leaseMs ?? 40_000;
  const startedAt = deps.clock.now();
  const maxAttempts = deps.maxAttempts ?? 6;
  const log = deps.log ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let waiting: (() => void)[] = [];

  const schedule = async (): Promise<void> => {
    if (stopped) return;
    let delay = pollMs;
    try {
      const next = await deps.store.outbox.nextWake(leaseMs);
      if (next !== undefined) delay = Math.min(pollMs, Math.max(0, next - deps.clock.now()));
    } catch {
      // The database is away: look again after the poll interval.
    }
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => kick(), Math.max(delay, 50));
  };

  const pass = async (): Promise<void> => {
    for (;;) {
      const now = deps.clock.now();
      let claimed: readonly ClaimedItem[];
      try {
        const staleBefore = deps.exclusive ? Math.max(now - leaseMs, startedAt) : now - leaseMs;
        claimed = await deps.store.outbox.claimDue(now, staleBefore, CLAIM_BATCH);
      } catch (error) {
        log(`outbox: could not read the queue: ${messageOf(error)}`);
        return;
      }
      for (const c of claimed) await sendOne(deps, c, maxAttempts, log);
      if (claimed.length < CLAIM_BATCH || stopped) return;
    }
  };

  const kick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve();
      void schedule();
    });
  };

  kick();
  return {
    wake: kick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    settled: () => new Promise<void>((resolve) => {
      waiting.push(resolve);
      kick();
    }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends one claimed note and records what happened; never throws. */
async function sendOne(deps: OutboxWorkerDeps, claimed: ClaimedItem, maxAttempts: number, log: (line: string) => void): Promise<void> {
  const { userId, item, resumed } = claimed;
  const claimedAt = item.claimedAt ?? deps.clock.now();
  const label = `outbox: note ${item.id} of ${userId}`;
  const giveBack = async (error: unknown, temporary: boolean): Promise<void> => {
    const words = messageOf(error);
    try {
      if (temporary && item.attempts < maxAttempts) {
        const retryAt = deps.clock.now() + backoffMs(item.attempts);
        await deps.store.outbox.release(userId, item.id, claimedAt, { retryAt, error: words });
        log(`${label}: not sent (${words}); trying again at ${new Date(retryAt).toISOString()}`);
      } else {
        await deps.store.outbox.release(userId, item.id, claimedAt, { failed: words });
        log(`${label}: not sent (${words}); given up after ${item.attempts} ${item.attempts === 1 ? 'try' : 'tries'}`);
      }
    } catch (e) {
      log(`${label}: could not record the failure: ${messageOf(e)}`);
    }
  };

  let connection;
  try {
    connection = await deps.mailbox(userId);
  } catch (error) {
    // A mail server a shared server refuses to reach (its own network) stays refused; a lookup that failed may work later.
    await giveBack(error, !(error instanceof AppError && error.code === 'bad_input'));
    return;
  }
  if (!connection) {
    await giveBack(new AppError({ reason: 'mail.unlinked_meanwhile' }), false);
    return;
  }
  if (resumed) {
    // A sender stopped between claiming and recording: the note may have left. \Sent tells.
    try {
      if (await sentHolds(connection.imap, item.messageId)) {
        await recordSent(deps, userId, claimed, claimedAt, deps.clock.now(), log);
        log(`${label}: found in Sent after a restart; recorded, not sent again`);
        return;
      }
    } catch (error) {
      // Without the answer it is not sent again yet: the next look asks again.
      await giveBack(error, true);
      return;
    }
  }
  let raw: Buffer;
  const sentAt = deps.clock.now();
  try {
    raw = await renderEml(await outboxMessage(deps, userId, item, connection.address, sentAt));
  } catch (error) {
    await giveBack(error, false);
    return;
  }
  try {
    await submit(connection.smtp, { from: connection.address, to: [...item.to, ...item.cc] }, raw);
  } catch (error) {
    await giveBack(error, isTemporary(error));
    return;
  }
  await recordSent(deps, userId, claimed, claimedAt, sentAt, log);
  try {
    await appendToSent(connection.imap, raw, sentAt);
  } catch (error) {
    log(`${label}: sent, but its copy could not be put in Sent: ${messageOf(error)}`);
  }
  log(`${label}: sent to ${item.to.join(', ')}`);
}

/**
 * Marks the note sent, remembers its Message-ID as a message seen (uid 0: not read from a folder)
 * and records its touch, in one transaction (the touch alone may fail: the person was removed).
 */
async function recordSent(deps: OutboxWorkerDeps, userId: UserId, claimed: ClaimedItem, claimedAt: number, sentAt: number, log: (line: string) => void): Promise<void> {
  const { item } = claimed;
  try {
    await deps.store.transaction(async (store) => {
      if (!await store.outbox.markSent(userId, item.id, claimedAt, sentAt)) return;
      // Seen as the touch it is: the sync that reads the copy in Sent makes no second one, and a reply to it matches by thread.
      await store.mail.addMessages(userId, [{
        // As the sync reads it from the header: without the angle brackets.
        messageId: parseMessageIds(item.messageId)[0] ?? item.messageId, folder: 'Sent', uidValidity: 0, uid: 0, to: item.to, cc: item.cc, date: sentAt, subject: item.subject.slice(0, 998),
        references: [], applicationId: item.applicationId, ...(item.personId !== undefined ? { personId: item.personId } : {}),
        result: 'touch', touchKind: item.kind, seenAt: sentAt,
      }]);
      const appDeps = { store, time: deps.time, clock: deps.clock, userId };
      try {
        const profile = await requireProfile(appDeps);
        const at = deps.time.zone(profile.settings.timeZone).format(Math.floor(sentAt / 1000) * 1000);
        await store.transaction(() => addTouch(appDeps, item.applicationId, {
          at, channel: 'email', kind: item.kind, outcome: 'sent', text: item.body, ...(item.personId !== undefined ? { personId: item.personId } : {}),
        }));
      } catch (error) {
        log(`outbox: note ${item.id} of ${userId}: sent, but its touch could not be recorded: ${messageOf(error)}`);
      }
    });
  } catch (error) {
    log(`outbox: note ${item.id} of ${userId}: sent, but recording it failed: ${messageOf(error)}`);
  }
}
