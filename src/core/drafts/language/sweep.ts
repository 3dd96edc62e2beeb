/**
 * A faster way for compromise to pick which of its ≈ 570 tagging patterns to try on a sentence.
 *
 * compromise's post-tagger indexes each pattern under the words and tags it needs ("hooks"), then,
 * for every sentence, walks all ≈ 730 hook keys, concatenates the lists of those present and
 * removes repeats: about 60 % of the post-tagger's time, and the post-tagger is most of a parse.
 * Here the walk goes the other way: over the sentence's own words and tags (a few dozen), looked up
 * in an index of the hook keys built once per pattern set. The patterns tried, their order and the
 * filters on them (every need present, no "ifNo" present, enough "wants", enough words) are the
 * same, so the tags are the same: sweep.test.ts tags the whole debrief corpus both ways.
 *
 * It relies on the shape of compromise 14's pattern set (pinned in package.json); a change there
 * fails that test.
 */
import nlp from 'compromise/two';

interface Pattern {
  readonly match: string;
  readonly needs: readonly string[];
  readonly wants: readonly string[];
  readonly minWant: number;
  readonly minWords: number;
  readonly ifNo?: readonly string[];
  readonly unTag?: unknown;
}

interface Net {
  readonly hooks: Readonly<Record<string, readonly Pattern[]>>;
  readonly always: readonly Pattern[];
}

interface Found extends Pattern {
  pointer: number[];
}

interface Methods {
  readonly one: {
    cacheDoc(document: readonly unknown[][]): ReadonlySet<string>[];
    match(document: readonly unknown[][], pattern: Pattern): { ptrs: number[][] };
    bulkMatch: BulkMatch;
  };
}

type BulkMatch = (document: readonly unknown[][], net: Net, methods: Methods, opts?: { matchOne?: boolean }) => Found[];

/** compromise's own candidate selection and matching, kept for the test that compares both. */
export const STOCK_BULK_MATCH: BulkMatch = (nlp.methods() as unknown as Methods).one.bulkMatch;

interface Index {
  readonly rank: ReadonlyMap<string, number>;
  /** Each hook key's patterns (by rank), as numbers into `patterns`. */
  readonly hooked: readonly Int32Array[];
  readonly patterns: readonly Pattern[];
  /** Per pattern: the sweep that last took it, so each is taken once per sentence without a set. */
  readonly taken: Uint32Array;
}

const INDEXES = new WeakMap<Net, Index>();
let sweepCount = 0;

function indexOf(net: Net): Index {
  let index = INDEXES.get(net);
  if (index === undefined) {
    const keys = Object.keys(net.hooks);
    const ids = new Map<string, number>();
    const patterns: Pattern[] = [];
    const hooked = keys.map((k) => Int32Array.from(net.hooks[k] ?? [], (p) => {
      let id = ids.get(p.match);
      if (id === undefined) {
        id = patterns.length;
        ids.set(p.match, id);
        patterns.push(p);
      }
      return id;
    }));
    index = { rank: new Map(keys.map((k, i) => [k, i])), hooked, patterns, taken: new Uint32Array(patterns.length) };
    INDEXES.set(net, index);
  }
  return index;
}

/** Whether a pattern's needs, "ifNo" and wants allow it on a sentence with these words and tags. */
function allowed(p: Pattern, haves: ReadonlySet<string>): boolean {
  for (const n of p.needs) if (!haves.has(n)) return false;
  if (p.ifNo !== undefined) for (const n of p.ifNo) if (haves.has(n)) return false;
  if (p.wants.length > 0) {
    let wanted = 0;
    for (const w of p.wants) if (haves.has(w)) wanted++;
    if (wanted < p.minWant) return false;
  }
  return true;
}

/** The patterns to try on one sentence, in compromise's order, each once (the first pattern of a match text wins, as there). */
function candidates(net: Net, index: Index, haves: ReadonlySet<string>): Pattern[] {
  const ranks: number[] = [];
  for (const item of haves) {
    const r = index.rank.get(item);
    if (r !== undefined) ranks.push(r);
  }
  ranks.sort((a, b) => a - b);
  sweepCount = (sweepCount + 1) >>> 0 || 1;
  const { taken, patterns, hooked } = index;
  const out: Pattern[] = [];
  for (const r of ranks) {
    const list = hooked[r];
    if (list === undefined) continue;
    for (let i = 0; i < list.length; i++) {
      const id = list[i] as number;
      if (taken[id] === sweepCount) continue;
      taken[id] = sweepCount;
      const p = patterns[id] as Pattern;
      if (allowed(p, haves)) out.push(p);
    }
  }
  out.push(...net.always);
  return out;
}

const fastBulkMatch: BulkMatch = (document, net, methods, opts = {}) => {
  const index = indexOf(net);
  const cache = methods.one.cacheDoc(document);
  const found: Found[] = [];
  document.forEach((sentence, n) => {
    for (const p of candidates(net, index, cache[n] ?? new Set())) {
      if (sentence.length < p.minWords) continue;
      for (const ptr of methods.one.match([sentence], p).ptrs) {
        ptr[0] = n;
        found.push({ ...p, pointer: ptr });
      }
    }
  });
  return opts.matchOne === true ? found.slice(0, 1) : found;
};

/**
 * Installs the faster selection in compromise (later calls change nothing). Set on compromise's
 * method table directly: `nlp.plugin` would merge the whole table again, a cost on every first draft.
 */
export function installFastSweep(): void {
  (nlp.methods() as unknown as Methods).one.bulkMatch = fastBulkMatch;
}
