/**
 * A cap on the password hashes and checks the server runs at once. Each scrypt check at the
 * default cost takes ~128 MiB and a core for a few hundred ms: unbounded, 40 simultaneous sign-ins
 * took a minute and half a gigabyte, and every real sign-in waited behind them. At most `concurrent`
 * run; the others queue in order for at most `waitMs`, then are refused (503, Retry-After) rather
 * than left waiting without end.
 */
import { availableParallelism } from 'node:os';
import type { PasswordChecks } from '../app/accounts.js';
import { RetryLater } from './errors.js';

export interface PasswordGateOptions {
  /** Checks at once (default: the cores, at most 4: Node runs scrypt on its 4 worker threads). */
  readonly concurrent?: number;
  /** How long a check may wait for its turn (default 2,000 ms). */
  readonly waitMs?: number;
}

export const PASSWORD_BUSY_RETRY_AFTER_S = 2;

export interface PasswordGate extends PasswordChecks {
  /** Checks running now, and waiting. */
  readonly load: () => { readonly running: number; readonly waiting: number };
}

export function passwordGate(options: PasswordGateOptions = {}): PasswordGate {
  const concurrent = Math.max(1, options.concurrent ?? Math.min(4, availableParallelism()));
  const waitMs = options.waitMs ?? 2_000;
  let running = 0;
  const queue: { start: () => void; timer: NodeJS.Timeout }[] = [];
  const next = (): void => {
    running--;
    const waiter = queue.shift();
    if (!waiter) return;
    clearTimeout(waiter.timer);
    running++;
    waiter.start();
  };
  return {
    load: () => ({ running, waiting: queue.length }),
    async run(check) {
      if (running >= concurrent) {
        await new Promise<void>((resolve, reject) => {
          const waiter = {
            start: resolve,
            timer: setTimeout(() => {
              queue.splice(queue.indexOf(waiter), 1);
              reject(new RetryLater(`the server is busy checking other passwords; try again in ${PASSWORD_BUSY_RETRY_AFTER_S} seconds`, 503, PASSWORD_BUSY_RETRY_AFTER_S));
            }, waitMs),
          };
          queue.push(waiter);
        });
      } else {
        running++;
      }
      try {
        return await check();
      } finally {
        next();
      }
    },
  };
}
