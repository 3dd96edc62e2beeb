/**
 * A database outage as the server lives it: requests that fail because the database cannot be
 * reached answer 503 with `Retry-After` (errors.ts), and the outage is told once when it starts and
 * once when it ends, not once per request. While it lasts, the database is asked every
 * `probeEveryMs` whether it answers again; requests keep going to it meanwhile, so the first one
 * after it returns succeeds without waiting for the probe.
 */

export type OutageEvent =
  | { readonly kind: 'down'; /** The first failure's words (no statement, no parameters). */ readonly reason: string }
  | { readonly kind: 'up'; /** Since the first failure. */ readonly afterMs: number };

export interface OutageOptions {
  /** A trivial query; resolves when the database answers. */
  readonly ping: () => Promise<void>;
  readonly tell: (event: OutageEvent) => void;
  /** Default 500 ms. */
  readonly probeEveryMs?: number;
  readonly monotonic?: () => number;
}

export interface Outage {
  /** A request failed because the database cannot be reached. */
  failed(error: unknown): void;
  readonly down: boolean;
  /** Stops probing (the server is stopping). */
  stop(): void;
}

/** Seconds a client should wait before retrying a request refused during an outage. */
export const OUTAGE_RETRY_AFTER_S = 2;

/** The first line of an error's message, without what a driver appends (a statement, its parameters). */
function reasonOf(error: unknown): string {
  let current: unknown = error;
  // drizzle wraps the driver's error as "Failed query: <statement>": its cause holds the words.
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (!current.message.startsWith('Failed query')) return current.message.split('\n')[0]?.slice(0, 200) ?? '';
    current = current.cause;
  }
  return 'the database did not answer';
}

export function outageWatch(options: OutageOptions): Outage {
  const monotonic = options.monotonic ?? (() => performance.now());
  const every = options.probeEveryMs ?? 500;
  let since: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probe = (): void => {
    timer = setTimeout(() => {
      timer = undefined;
      options.ping().then(() => {
        if (since === undefined || stopped) return;
        const afterMs = monotonic() - since;
        since = undefined;
        options.tell({ kind: 'up', afterMs });
      }, () => { if (!stopped) probe(); });
    }, every);
    timer.unref();
  };
  return {
    failed(error) {
      if (since !== undefined || stopped) return;
      since = monotonic();
      options.tell({ kind: 'down', reason: reasonOf(error) });
      probe();
    },
    get down() { return since !== undefined; },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
