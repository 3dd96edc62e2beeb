/**
 * Deterministic variation. Every slot of a draft (opening, detail sentence, close, layout…) has
 * its own list of wordings, each list a different length. A person's wording for a slot is
 * `(rank + offset(seed, slot)) mod length`, where `rank` is the person's place in the application.
 * Two people of one application therefore differ in every slot whose list length does not divide
 * the difference of their ranks: with lists of 3 to 7 wordings, any two of the first five people
 * differ in nearly every slot, and no two people share them all before rank 420.
 */

/** 32-bit FNV-1a of the UTF-16 code units: stable across runs and platforms. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Voice {
  /** The person's place among the people of the application (0-based). */
  readonly rank: number;
  /** The wording of `slot` for this person. `options` must not be empty. */
  pick<T>(slot: string, options: readonly [T, ...T[]]): T;
}

/** A voice for the person at `rank`, with per-slot offsets seeded by `seed` (the application id). */
export function voice(seed: string, rank: number): Voice {
  return {
    rank,
    pick<T>(slot: string, options: readonly [T, ...T[]]): T {
      const i = (rank + hash(`${seed}\u0000${slot}`)) % options.length;
      return options[i] ?? options[0];
    },
  };
}
