/**
 * How often one may try to sign in, in this server's memory. Keyed by the email as typed (trimmed,
 * lower-cased), never by the account: an email without an account is limited exactly like one
 * with, so the limit tells nobody which emails exist.
 *
 * - **Per email and address**: after `perAddress` attempts in a row that did not succeed, that
 *   address waits before trying that email again: 1 minute, then twice as long each time, at most
 *   `maxWaitMs`. When a wait is over the count starts again from zero; a success clears it.
 * - **Per email, from everywhere**: after `perEmail` attempts that did not succeed (an attack
 *   spread over many addresses), addresses that have not signed in to it before wait `maxWaitMs`;
 *   then the count starts again from zero. An address that has signed in with that email (in the
 *   last `knownMs`) is not held up by it: nobody can lock a person out of the device they use.
 *
 * An attempt counts when it starts (so that simultaneous attempts cannot slip past the count) and is
 * taken back when it succeeds.
 */

export interface SignInLimitOptions {
  readonly now: () => number;
  /** Attempts in a row for one email from one address before it must wait (default 5). */
  readonly perAddress?: number;
  /** Attempts for one email from every address before new addresses must wait (default 20). */
  readonly perEmail?: number;
  /** The first wait of an address (default 1 minute), doubled each time after. */
  readonly firstWaitMs?: number;
  /** The longest wait, and the wait of new addresses after `perEmail` (default 15 minutes). */
  readonly maxWaitMs?: number;
  /** How long an address that signed in stays known for the email (default 30 days). */
  readonly knownMs?: number;
}

/** Why an attempt must wait, and until when. */
export interface SignInWait {
  readonly scope: 'address' | 'email';
  readonly ms: number;
}

export interface SignInLimit {
  /** Counts an attempt; the wait when it may not be made now (then it does not count). */
  attempt(email: string, address: string): SignInWait | undefined;
  /** The attempt succeeded: it is taken back, and the address is known for the email. */
  succeeded(email: string, address: string): void;
  /** The attempt was not made after all (the server was busy, the database did not answer): it is taken back. */
  notMade(email: string, address: string): void;
}

interface Pair { count: number; waits: number; until: number; last: number }
interface EmailState { count: number; until: number; known: Map<string, number> }

const MAX_KEYS = 100_000;
const SWEEP_SLACK = 1_000;
/** An address's waits stop growing after a day without attempts. */
const WAITS_FORGOTTEN_MS = 24 * 3_600_000;

export function signInLimit(options: SignInLimitOptions): SignInLimit {
  const perAddress = options.perAddress ?? 5;
  const perEmail = options.perEmail ?? 20;
  const firstWaitMs = options.firstWaitMs ?? 60_000;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const knownMs = options.knownMs ?? 30 * 24 * 3_600_000;
  const pairs = new Map<string, Pair>();
  const emails = new Map<string, EmailState>();
  const keyOf = (email: string): string => email.trim().toLowerCase();

  /** Drops what no longer matters when the maps grow large (many addresses or emails tried once): at most once per `SWEEP_SLACK` new keys. */
  const sweep = (now: number): void => {
    if (pairs.size <= MAX_KEYS + SWEEP_SLACK && emails.size <= MAX_KEYS + SWEEP_SLACK) return;
    if (pairs.size > MAX_KEYS) for (const [k, p] of pairs) if (p.until <= now && now - p.last > WAITS_FORGOTTEN_MS) pairs.delete(k);
    if (emails.size > MAX_KEYS) for (const [k, e] of emails) if (e.until <= now && e.count === 0 && e.known.size === 0) emails.delete(k);
    // Still too many: the oldest go (a Map keeps insertion order).
    for (const map of [pairs, emails] as Map<string, unknown>[]) {
      while (map.size > MAX_KEYS) map.delete(map.keys().next().value ?? '');
    }
  };

  return {
    attempt(emailText, address) {
      const now = options.now();
      sweep(now);
      const email = keyOf(emailText);
      const pairKey = `${address}\n${email}`;
      let pair = pairs.get(pairKey);
      if (pair && pair.until > now) return { scope: 'address', ms: pair.until - now };
      if (pair && now - pair.last > WAITS_FORGOTTEN_MS) pair = undefined;
      if (!pair) {
        pair = { count: 0, waits: 0, until: 0, last: now };
        pairs.set(pairKey, pair);
      }
      let state = emails.get(email);
      if (!state) {
        state = { count: 0, until: 0, known: new Map() };
        emails.set(email, state);
      }
      for (const [a, at] of state.known) if (now - at > knownMs) state.known.delete(a);
      const known = state.known.has(address);
      if (state.until > now && !known) return { scope: 'email', ms: state.until - now };
      if (state.until !== 0 && state.until <= now) {
        state.until = 0;
        state.count = 0;
      }
      pair.count++;
      pair.last = now;
      if (pair.count >= perAddress) {
        pair.until = now + Math.min(firstWaitMs * 2 ** pair.waits, maxWaitMs);
        pair.waits++;
        pair.count = 0;
      }
      state.count++;
      if (state.count >= perEmail && state.until === 0) state.until = now + maxWaitMs;
      return undefined;
    },
    notMade(emailText, address) {
      const email = keyOf(emailText);
      const pair = pairs.get(`${address}\n${email}`);
      if (pair && pair.count > 0) pair.count--;
      const state = emails.get(email);
      if (state && state.count > 0) state.count--;
    },
    succeeded(emailText, address) {
      const email = keyOf(emailText);
      pairs.delete(`${address}\n${email}`);
      const state = emails.get(email);
      if (!state) return;
      state.count = Math.max(0, state.count - 1);
      state.known.delete(address);
      state.known.set(address, options.now());
      if (state.known.size > 20) state.known.delete(state.known.keys().next().value ?? '');
    },
  };
}
