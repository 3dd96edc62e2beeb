/** L1: no emoji (sequences, skin tones, flags, keycaps) and no text emoticons. */
import emojiRegex from 'emoji-regex';
import type { ToneContext } from './context.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
/** Built once: emoji-regex returns a new 14 kB pattern on every call. Reset before each use. */
const EMOJI = emojiRegex();

/** ©, ® and ™ are emoji only with the emoji variation selector; as plain text they are marks. */
const TEXT_MARKS = new Set(['\u00A9', '\u00AE', '\u2122']);

// Emoticons. Each alternative is fixed-length or bounded, so the scan is linear. Faces made of
// punctuation may follow a word ("Thanks:)"); those that end in a letter or digit must stand alone,
// so "Q3:", "(see 3:00)", "http://" and "Note:Data" are not faces.
const EYES = "[:;=]['\u2019]?-?";
const PUNCT_MOUTH = '(?:\\)+|\\(+|\\]|\\[|\\|)';
const LETTER_MOUTH = '(?:D+|[Pp]|[Oo]|3|\\*|[Xx]|/|\\\\)';
const EMOTICON = new RegExp([
  `(?<![\\p{N}:;=/<>])${EYES}${PUNCT_MOUTH}(?![\\p{L}\\p{N}])`,
  `(?<![\\p{L}\\p{N}:;=/<>\\p{Pc}])${EYES}${LETTER_MOUTH}(?![\\p{L}\\p{N}/])`,
  '(?<![\\p{L}\\p{N}])[xX]D+(?![\\p{L}\\p{N}])',
  '(?<![\\p{L}\\p{N}<])<\\/?3+(?![\\p{N}.,])',
  '\\^[_.\\-]?\\^',
  '(?<![\\p{L}\\p{N}])(?:-_-|>_<|[oO]_[oO]|[oO]\\.[oO]|T_T|;_;|u_u|\\\\o/)(?![\\p{L}\\p{N}])',
  '\u00AF\\\\_\\(\u30C4\\)_/\u00AF',
  '\\([^()\\s]{0,4}[\u203F\u03C9\u25BD\u2200\u25D5\u0CA0\u30C4\u2312][^()\\s]{0,4}\\)',
].join('|'), 'gu');

/** A "<3" followed by a unit is "less than three": "<3 weeks". */
const LESS_THAN_UNIT = /^\s*(?:%|x\b|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times?|people|items?|mb|gb|kb|ms|s\b)/i;

function isAdobeXd(text: string, start: number): boolean {
  return /adobe\s$/i.test(text.slice(Math.max(0, start - 6), start));
}

export function checkEmoji(ctx: ToneContext): FindingData[] {
  const text = ctx.a.text;
  const out: FindingData[] = [];
  const re = EMOJI;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null && out.length < LIMIT; m = re.exec(text)) {
    if (TEXT_MARKS.has(m[0])) continue;
    out.push({ rule: 'L1', code: 'emoji', start: m.index, end: m.index + m[0].length, severity: 'error', found: m[0] });
  }
  const faces: FindingData[] = [];
  EMOTICON.lastIndex = 0;
  for (let m = EMOTICON.exec(text); m !== null && faces.length < LIMIT; m = EMOTICON.exec(text)) {
    const found = m[0];
    const end = m.index + found.length;
    if (found.startsWith('<') && LESS_THAN_UNIT.test(text.slice(end, end + 12))) continue;
    if (/^XD+$/.test(found) && isAdobeXd(text, m.index)) continue;
    faces.push({ rule: 'L1', code: 'emoticon', start: m.index, end, severity: 'error', found });
  }
  return [...out, ...faces];
}
