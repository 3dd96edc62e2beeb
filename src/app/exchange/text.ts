/** Small text helpers shared by the exchange formats: clean hostile strings, shorten for display. */

// C0 controls except TAB, LF and CR; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides and isolates: they can make a summary read differently from its bytes.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates (no UTF-8 form) replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Multi-line text safe for any text format: no control characters, no lone surrogates, LF line ends. */
export function cleanText(text: string): string {
  return wellFormed(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '');
}

/** One line of text (a name, a subject, a summary): no line breaks, no bidi overrides, spaces collapsed. */
export function oneLine(text: string): string {
  return cleanText(text).replace(BIDI, '').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points), an ellipsis marking the cut. */
export function shorten(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}\u2026`;
}
