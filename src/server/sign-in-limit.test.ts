/** The sign-in limit on its own, on a clock the test moves: the cap on an address's waits, and what a success and a busy server do to the counts. */
import { describe, expect, it } from 'vitest';
import { signInLimit } from './sign-in-limit.js';

function limit(perEmail = 1_000) {
  let now = 0;
  return { limit: signInLimit({ now: () => now, perEmail }), advance: (ms: number) => { now += ms; } };
}

describe('signInLimit', () => {
  it("an address's waits double from a minute and stop at 15 minutes", () => {
    const { limit: l, advance } = limit();
    const waits: number[] = [];
    for (let round = 0; round < 7; round++) {
      for (let i = 0; i < 5; i++) expect(l.attempt('A@Example.org', '192.0.2.1')).toBeUndefined();
      const wait = l.attempt('a@example.org', '192.0.2.1');
      waits.push(wait?.ms ?? 0);
      advance(wait?.ms ?? 0);
    }
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });

  it('a success clears the address\'s count; an attempt not made (server busy) does not count', () => {
    const { limit: l } = limit();
    for (let i = 0; i < 4; i++) l.attempt('b@example.org', '192.0.2.2');
    l.succeeded('b@example.org', '192.0.2.2');
    for (let i = 0; i < 4; i++) l.attempt('b@example.org', '192.0.2.2');
    l.notMade('b@example.org', '192.0.2.2');
    // Three counted: the fourth and fifth may be made, the sixth waits.
    expect(l.attempt('b@example.org', '192.0.2.2')).toBeUndefined();
    expect(l.attempt('b@example.org', '192.0.2.2')).toBeUndefined();
    expect(l.attempt('b@example.org', '192.0.2.2')).toEqual({ scope: 'address', ms: 60_000 });
  });

  it('after perEmail failures from everywhere, new addresses wait; a known one does not', () => {
    const { limit: l, advance } = limit(3);
    l.attempt('c@example.org', '192.0.2.9');
    l.succeeded('c@example.org', '192.0.2.9');
    for (let i = 0; i < 3; i++) l.attempt('c@example.org', `198.51.100.${i}`);
    expect(l.attempt('c@example.org', '198.51.100.77')).toEqual({ scope: 'email', ms: 15 * 60_000 });
    expect(l.attempt('c@example.org', '192.0.2.9')).toBeUndefined();
    advance(15 * 60_000);
    expect(l.attempt('c@example.org', '198.51.100.77')).toBeUndefined();
  });
});
