/** The cap on password checks at once: the rest wait their turn in order, and one that waits too long is refused with when to try again. */
import { describe, expect, it } from 'vitest';
import { RetryLater } from './errors.js';
import { passwordGate } from './password-gate.js';

/** A check that finishes when the test says so. */
function held<T>(value: T) {
  let release: () => void = () => undefined;
  const done = new Promise<T>((resolve) => { release = () => resolve(value); });
  return { check: () => done, release };
}

describe('passwordGate', () => {
  it('runs at most `concurrent` at once; the others start in order as those finish', async () => {
    const gate = passwordGate({ concurrent: 2, waitMs: 60_000 });
    const checks = [held('a'), held('b'), held('c'), held('d')];
    const started: string[] = [];
    const results = checks.map((h, i) => gate.run(() => { started.push('abcd'[i] ?? ''); return h.check(); }));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(gate.load()).toEqual({ running: 2, waiting: 2 });
    checks[1]?.release();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const h of checks) h.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a check that waited past `waitMs` with a 503 and Retry-After, without running it', async () => {
    const gate = passwordGate({ concurrent: 1, waitMs: 20 });
    const first = held(true);
    const running = gate.run(first.check);
    let ran = false;
    const refused: unknown = await gate.run(async () => { ran = true; return true; }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryLater);
    expect(refused).toMatchObject({ status: 503, retryAfterS: 2, message: 'the server is busy checking other passwords; try again in 2 seconds' });
    expect(ran).toBe(false);
    first.release();
    await running;
    // Its place is free again.
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
