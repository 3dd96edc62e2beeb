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
  readonly keys: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
}

const INDEXES = new WeakMap<Net, Index>();

function indexOf(net: Net): Index {
  let index = INDEXES.get(net);
  if (index === undefined) {
    const keys = Object.keys(net.hooks);
    index = { keys, rank: new Map(keys.map((k, i) => [k, i])) };
    INDEXES.set(net, index);
  }
  return index;
}

/** The patterns to try on one sentence, in compromise's order, each once. */
function candidates(net: Net, index: Index, haves: ReadonlySet<string>): Pattern[] {
  const ranks: number[] = [];
  for (const item of haves) {
    const r = index.rank.get(item);
    if (r !== undefined) ranks.push(r);
  }
  ranks.sort((a, b) => a - b);
  const seen = new Set<string>();
  const out: Pattern[] = [];
  for (const r of ranks) {
    for (const p of net.hooks[index.keys[r] ?? ''] ?? []) {
      if (seen.has(p.match)) continue;
      seen.add(p.match);
      if (!p.needs.every((n) => haves.has(n))) continue;
      if (p.ifNo?.some((n) => haves.has(n)) === true) continue;
      if (p.wants.length > 0 && p.wants.filter((w) => haves.has(w)).length < p.minWant) continue;
      out.push(p);
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
