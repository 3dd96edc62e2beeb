/**
 * L7: notes to different people for the same application must differ. Bodies (without greeting and
 * sign-off) are compared as sets of three-word shingles; Jaccard similarity above the setting
 * (60 %) flags both notes.
 */
import type { ToneContext } from './context.js';
import { analyze, type Analysis } from './text.js';
import type { FindingData } from './types.js';

const SHINGLE = 3;

/** The body's word shingles: every run of three consecutive words (fewer for a very short body). */
export function shingles(a: Analysis): Set<string> {
  const words = a.tokens.slice(a.body.tokenFrom, a.body.tokenTo).map((t) => t.lower);
  const out = new Set<string>();
  if (words.length === 0) return out;
  const n = Math.min(SHINGLE, words.length);
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** Jaccard similarity of two shingle sets, 0–1 (0 when both are empty). */
export function jaccard(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (x.size + y.size - common);
}

/** Word-shingle similarity of two notes' bodies, 0–1. */
export function noteSimilarity(a: string, b: string): number {
  return jaccard(shingles(analyze(a)), shingles(analyze(b)));
}

function finding(a: Analysis, similarity: number, other: number): FindingData {
  return { rule: 'L7', code: 'near_duplicate', start: a.body.start, end: a.body.end, severity: 'warning', similarity, other };
}

export function checkSiblings(ctx: ToneContext): FindingData[] {
  const siblings = ctx.input.siblings;
  if (siblings === undefined || siblings.length === 0) return [];
  const mine = shingles(ctx.a);
  const out: FindingData[] = [];
  siblings.forEach((text, other) => {
    const similarity = jaccard(mine, shingles(analyze(text)));
    if (similarity > ctx.settings.similarity) out.push(finding(ctx.a, similarity, other));
  });
  return out;
}

/**
 * L7 over a whole set of notes (e.g. the thank-you notes of one application): for each note, one
 * finding per other note whose body is more than `threshold` the same; `other` is that note's index.
 */
export function similarityFindings(texts: readonly string[], threshold: number): FindingData[][] {
  const analyses = texts.map(analyze);
  const sets = analyses.map(shingles);
  const out: FindingData[][] = texts.map(() => []);
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const x = sets[i];
      const y = sets[j];
      const ai = analyses[i];
      const aj = analyses[j];
      if (!x || !y || !ai || !aj) continue;
      const s = jaccard(x, y);
      if (s > threshold) {
        out[i]?.push(finding(ai, s, j));
        out[j]?.push(finding(aj, s, i));
      }
    }
  }
  return out;
}
