/**
 * Ordering: a plan's recommendations by ideal, kind and recipient (sortRecommendations, a speed pass
 * over what the comparator byIdealKindRecipient defines), and records by their instant (inOrder).
 */
import type { RecommendationKind, Recommendation } from './plan-types.js';

const KIND_ORDER: Readonly<Record<RecommendationKind, number>> = {
  thank_you: 0, reference_brief: 1, reply: 2, status_check: 3, call: 3, give_up: 4,
};

/** Below this many, a comparator sort: the radix sort's 65,536 counters would cost more. */
const SMALL_SORT = 256;

/** `items` sorted by `instant`, stably; the array itself when it already is (no copy, no sort). */
export function inOrder<T>(items: readonly T[], instant: (item: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    const before = items[i - 1];
    if (item !== undefined && before !== undefined && instant(item) < instant(before)) {
      return [...items].sort((x, y) => instant(x) - instant(y));
    }
  }
  return items;
}

/**
 * Sorts in place by ideal, then kind, then recipient id (as localeCompare orders them), keeping the
 * given order on ties: what a stable sort with that comparator gives, as two native numeric sorts.
 * Comparing the objects themselves (they come in many shapes) was the slowest part of planning
 * 100,000 applications.
 */
export function sortRecommendations(recs: Recommendation[]): void {
  const n = recs.length;
  if (n < 2) return;
  // A plan of one application (the agenda plans each on its own) has a handful: the radix sort's
  // 65,536 counters would cost more than sorting them.
  if (n <= SMALL_SORT) {
    recs.sort(byIdealKindRecipient);
    return;
  }
  const ideals = new Float64Array(n);
  // Each recommendation's recipient id, as an index into `ids` (first seen first).
  const who = new Int32Array(n);
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    if (!r) continue;
    ideals[i] = r.ideal;
    const id = r.personId ?? r.referenceId ?? '';
    let k = idIndex.get(id);
    if (k === undefined) {
      k = ids.length;
      ids.push(id);
      idIndex.set(id, k);
    }
    who[i] = k;
  }
  // The few distinct recipient ids, ranked once (ids localeCompare deems equal share a rank).
  const order = ids.map((_, k) => k).sort((x, y) => (ids[x] ?? '').localeCompare(ids[y] ?? ''));
  const rank = new Float64Array(ids.length);
  for (let j = 0; j < order.length; j++) {
    const k = order[j] ?? 0;
    const prev = j > 0 ? order[j - 1] : undefined;
    rank[k] = prev !== undefined && (ids[prev] ?? '').localeCompare(ids[k] ?? '') === 0 ? rank[prev] ?? j : j;
  }
  // First by (kind, recipient, given order), each packed in one exact number (< 6·n² ≤ 2⁵³ for
  // n < 3·10⁷); then, keeping that order, stably by ideal (a radix sort, else dealt into runs of equal ideals).
  const byTie = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    byTie[i] = ((r ? KIND_ORDER[r.kind] : 0) * ids.length + (rank[who[i] ?? 0] ?? 0)) * n + i;
  }
  byTie.sort();
  const copy = recs.slice();
  const permutation = byIdeal(ideals, byTie, n);
  if (permutation) {
    for (let j = 0; j < n; j++) {
      const r = copy[permutation[j] ?? 0];
      if (r) recs[j] = r;
    }
    return;
  }
  const sorted = ideals.slice().sort();
  const placed = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = (byTie[j] ?? 0) % n;
    const first = runStart(sorted, ideals[i] ?? 0);
    const taken = placed[first] ?? 0;
    placed[first] = taken + 1;
    const r = copy[i];
    if (r) recs[first + taken] = r;
  }
}

/** The order sortRecommendations gives, as a comparator for a stable sort (NaN ideals last). */
export function byIdealKindRecipient(a: Recommendation, b: Recommendation): number {
  const x = a.ideal;
  const y = b.ideal;
  if (x !== y) {
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  const kind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kind !== 0) return kind;
  return (a.personId ?? a.referenceId ?? '').localeCompare(b.personId ?? b.referenceId ?? '');
}

/**
 * The indices in tie order (`byTie` keys mod n) stably sorted by ideal, by a radix sort on 16-bit digits
 * of ideal − min; undefined when an ideal is not an integer or they span 2⁴⁸ ms or more.
 */
function byIdeal(ideals: Float64Array, byTie: Float64Array, n: number): Int32Array | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = ideals[i] ?? 0;
    if (!Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max - min >= 2 ** 48) return undefined;
  let src = new Int32Array(n);
  for (let j = 0; j < n; j++) src[j] = (byTie[j] ?? 0) % n;
  let dst = new Int32Array(n);
  const digit = new Uint16Array(n);
  const count = new Int32Array(65537);
  for (let pass = 0, scale = 1; pass < 3 && (max - min) >= scale; pass++, scale *= 65536) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = Math.floor(((ideals[i] ?? 0) - min) / scale) % 65536;
      digit[i] = d;
      count[d + 1] = (count[d + 1] ?? 0) + 1;
    }
    for (let d = 0; d < 65536; d++) count[d + 1] = (count[d + 1] ?? 0) + (count[d] ?? 0);
    for (let j = 0; j < n; j++) {
      const i = src[j] ?? 0;
      const d = digit[i] ?? 0;
      const at = count[d] ?? 0;
      dst[at] = i;
      count[d] = at + 1;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** The index of the first `value` in ascending `sorted` (NaNs, sorted last, count as one value). */
function runStart(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  if (Number.isNaN(value)) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Number.isNaN(sorted[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
