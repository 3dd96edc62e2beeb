/** What the database can keep as text, for checks at the edges before a key is looked up or a value written. */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text `text()` lets in: no NUL, no lone surrogate, no leading U+FEFF. A key that is not can name no stored row. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value) && !value.startsWith('\uFEFF');
}
