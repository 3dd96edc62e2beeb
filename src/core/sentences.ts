/**
 * Sentences of one paragraph of plain text, for the drafts (a debrief input) and the reply reader
 * (the employer's message): one splitter, each caller with its own list of stops that end nothing.
 */

/**
 * `text` cut after ".", "!" or "?" (a run of them, and the closing quotes and brackets after it)
 * where a space and a capital or digit follow; not where `noEnd` matches the `lookback` characters
 * up to the stop ("Dr.", "e.g."). A run of more than three stops is cut to three, so that the
 * search never backtracks over a pasted "?!?!…". Sentences come trimmed, empty ones left out.
 */
export function splitSentences(paragraph: string, noEnd: RegExp, lookback: number): string[] {
  const text = paragraph.replace(/([.!?]{3})[.!?]+/g, '$1');
  const out: string[] = [];
  let from = 0;
  const stop = /[.!?]+["'\u2019\u201D)\]]*\s+(?=["'\u2018\u201C(]?[\p{Lu}\d])/gu;
  for (let m = stop.exec(text); m !== null; m = stop.exec(text)) {
    const upto = m.index + m[0].trimEnd().length;
    if (noEnd.test(text.slice(Math.max(from, m.index - lookback), m.index + 1))) continue;
    out.push(text.slice(from, upto).trim());
    from = m.index + m[0].length;
  }
  out.push(text.slice(from).trim());
  return out.filter((s) => s !== '');
}
