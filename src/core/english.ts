/**
 * US or British English: what a profile's region means for the words Afterword writes (drafts)
 * and suggests (the tone check). No imports, so drafts and the tone check share it.
 */

/** The English a text is written in: US for the United States, British everywhere else. */
export type English = 'US' | 'GB';

/** The profile's region (`US`, `GB-ENG`, `DE-BY`…) to the English its texts use. */
export function englishOf(region: string | undefined): English {
  return /^US(?:-|$)/i.test(region ?? '') ? 'US' : 'GB';
}

/**
 * Honorifics that shorten a word to its first and last letters. US English writes them with a stop
 * ("Dr. Okafor"), British English without one ("Dr Okafor"); "Prof." and "Rev." keep theirs in both.
 */
const CONTRACTED = ['Mr', 'Mrs', 'Ms', 'Mx', 'Dr'] as const;
const CONTRACTED_ALONE = new RegExp(`^(${CONTRACTED.join('|')})\\.?$`, 'i');
const CONTRACTED_BEFORE_NAME = new RegExp(`\\b(${CONTRACTED.join('|')})\\.?(?=[ \\u00a0]\\p{Lu})`, 'gu');

/** W1: an honorific as the region writes it: "Dr." in US English, "Dr" in British English. */
export function honorificIn(honorific: string, english: English): string {
  const h = honorific.trim();
  const m = CONTRACTED_ALONE.exec(h);
  if (m === null) return h;
  const word = CONTRACTED.find((c) => c.toLowerCase() === (m[1] ?? '').toLowerCase()) ?? h;
  return english === 'US' ? `${word}.` : word;
}

/** Every "Dr. Okafor" / "Dr Okafor" in a text written the region's way, typed ones included. */
export function honorificStops(text: string, english: English): string {
  return text.replace(CONTRACTED_BEFORE_NAME, (_, word: string) => (english === 'US' ? `${word}.` : word));
}

/** W3: the closing word before the name: "Sincerely," in US English, "Yours sincerely," in British English. */
export function valediction(english: English): string {
  return english === 'US' ? 'Sincerely,' : 'Yours sincerely,';
}
