/**
 * A message's own lines cut into sentences, as written (spaces collapsed): hard-wrapped lines of a
 * paragraph are joined, list items stay apart, and a stop after "Dr.", "e.g." or "a.m." ends none.
 */
import { splitSentences } from '../sentences.js';

const ITEM = /^\s*(?:[-*\u2022\u2023\u25E6]|\d{1,2}[.)])\s+/;
const NO_END = /(?:^|[\s(])(?:dr|mr|mrs|ms|mx|prof|st|no|vs|approx|dept|inc|ltd|co|corp|jr|sr|e\.g|i\.e|etc|a\.m|p\.m|u\.s|u\.k|[a-z])\.$/i;
/** The longest sentence kept whole; a longer run is cut (a pasted wall of text has no stops). */
const SENTENCE_MAX = 600;

function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) out.push(current.join(' '));
    current = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (ITEM.test(line)) {
      flush();
      current.push(line.replace(ITEM, ''));
      flush();
    } else {
      current.push(line);
    }
  }
  flush();
  return out;
}

/** The sentences of the lines, in order. */
export function sentencesOf(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const para of paragraphs(lines)) {
    out.push(...splitSentences(para.replace(/\s+/g, ' '), NO_END, 10));
  }
  const cut: string[] = [];
  for (const s of out) {
    for (let i = 0; i < s.length; i += SENTENCE_MAX) cut.push(s.slice(i, i + SENTENCE_MAX));
  }
  return cut.filter((s) => /\p{L}/u.test(s));
}
