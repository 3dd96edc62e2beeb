/**
 * The compact spelling dictionary: every form a set of Hunspell dictionaries accepts, expanded once
 * at build time (scripts/build-dictionary.mjs), so that loading it is reading one file instead of
 * applying affix rules to 50,000 stems (≈ 300 ms). Pure: app/speller.ts reads and writes the file.
 *
 * Layout (integers little-endian): "AWSP", format version (u32), text length in bytes (u32), hash
 * slots (u32), the UTF-8 text, padding to 4 bytes, then the hash table (u32 per slot). The text is
 * tab-separated header lines (`variety`, `compoundmin`, `compound`, `conversion`, `replacement`)
 * followed by lists, each a `list` line (kind, variety or `*`, word count, length in bytes) and its
 * words sorted by their UTF-8 bytes, one a line:
 * - `words *`: the forms any variety accepts as written (the union; looked up through the hash table
 *   of FNV-1a hashes of their bytes, whose slots hold 1 + the text offset of a word's line, 0 for empty);
 * - `absent V`: forms of the union that variety V does not accept;
 * - `blocked V`: forms V knows only inside compounds (Hunspell's ONLYINCOMPOUND: "1th");
 * - `nosuggest V`: forms V accepts but never suggests (Hunspell's NOSUGGEST).
 */

/** What one Hunspell dictionary accepts, expanded (dictionary-speller.ts's `expandDictionary`). */
export interface ExpandedDictionary {
  /** Every form accepted as written: stems and their affixed forms, in any order. */
  readonly accepted: readonly string[];
  /** Forms valid only inside a compound, rejected alone without trying the compound rules. */
  readonly blocked: readonly string[];
  /** Accepted forms that are never offered as suggestions. */
  readonly noSuggest: readonly string[];
  /** Shortest word the compound rules apply to. */
  readonly compoundMin: number;
  /** Compound rules as regular expressions (source and flags), tested unanchored as Hunspell's port does. */
  readonly compoundRules: readonly { readonly source: string; readonly flags: string }[];
  /** Input conversions (ICONV: typographic apostrophe → straight), applied in order before lookup. */
  readonly conversions: readonly { readonly source: string; readonly flags: string; readonly replacement: string }[];
  /** Common misspelt sequences and their fixes (REP), used to rank suggestions. */
  readonly replacements: readonly (readonly [string, string])[];
}

export interface CompactSource {
  /** "en-US". */
  readonly variety: string;
  /** Where it came from ("dictionary-en 4.0.0"), so that a loader can tell a stale file. */
  readonly source: string;
  readonly dictionary: ExpandedDictionary;
}

export interface CompactDictionary {
  readonly varieties: readonly { readonly variety: string; readonly source: string }[];
  readonly compoundMin: number;
  readonly compoundRules: readonly RegExp[];
  readonly conversions: readonly (readonly [RegExp, string])[];
  readonly replacements: readonly (readonly [string, string])[];
  /** Per variety: forms of the union it lacks, its compound-only forms, its forms never suggested. */
  readonly absent: ReadonlyMap<string, ReadonlySet<string>>;
  readonly blocked: ReadonlyMap<string, ReadonlySet<string>>;
  readonly noSuggest: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The file's UTF-8 text, never decoded whole: the union's words are the lines of bytes
   * [wordsStart, wordsEnd), sorted by those bytes.
   */
  readonly text: Uint8Array;
  readonly wordsStart: number;
  readonly wordsEnd: number;
  readonly table: Uint32Array;
}

const MAGIC = [0x41, 0x57, 0x53, 0x50]; // "AWSP"
const VERSION = 1;
const HEADER_BYTES = 16;
const NL = 10;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a word's UTF-8 bytes: the same at build and load time, whatever the platform. */
function bytesHash(bytes: Uint8Array): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), FNV_PRIME);
  return h >>> 0;
}

function sameSettings(a: ExpandedDictionary, b: ExpandedDictionary): boolean {
  const key = (d: ExpandedDictionary): string => JSON.stringify([d.compoundMin, d.compoundRules, d.conversions, d.replacements]);
  return key(a) === key(b);
}

function checkField(value: string, what: string): string {
  if (/[\t\n\r]/.test(value) || value === '') throw new Error(`compact dictionary: ${what} ${JSON.stringify(value)} is empty or holds a tab or line break`);
  return value;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Sorted as their UTF-8 bytes (code point order), so that words sharing a byte prefix are neighbours. */
function byBytes(words: readonly string[]): string[] {
  const encoded = words.map((w) => ({ w, b: encoder.encode(w) }));
  encoded.sort((x, y) => {
    const n = Math.min(x.b.length, y.b.length);
    for (let i = 0; i < n; i++) if (x.b[i] !== y.b[i]) return (x.b[i] ?? 0) - (y.b[i] ?? 0);
    return x.b.length - y.b.length;
  });
  return encoded.map((e) => e.w);
}

function listText(kind: string, variety: string, words: readonly string[]): string {
  const body = words.length === 0 ? '' : `${words.join('\n')}\n`;
  return `list\t${kind}\t${variety}\t${words.length}\t${utf8Length(body)}\n${body}`;
}

/**
 * The compact file for `sources` (one entry per variety; at least one). Throws when the varieties'
 * affix settings differ (compound rules, conversions, replacements) or a word holds a tab or line break.
 */
export function formatCompactDictionary(sources: readonly CompactSource[]): Uint8Array {
  const [first] = sources;
  if (first === undefined) throw new Error('compact dictionary: give at least one variety');
  for (const s of sources) {
    checkField(s.variety, 'variety');
    checkField(s.source, 'source');
    if (!sameSettings(first.dictionary, s.dictionary)) throw new Error(`compact dictionary: ${s.variety} has other affix settings than ${first.variety}`);
  }
  const d = first.dictionary;
  const head = [
    'afterword-spelling',
    ...sources.map((s) => `variety\t${s.variety}\t${s.source}`),
    `compoundmin\t${d.compoundMin}`,
    ...d.compoundRules.map((r) => `compound\t${r.flags}\t${checkField(r.source, 'compound rule')}`),
    ...d.conversions.map((c) => `conversion\t${c.flags}\t${checkField(c.source, 'conversion')}\t${c.replacement}`),
    ...d.replacements.map(([from, to]) => `replacement\t${checkField(from, 'replacement')}\t${checkField(to, 'replacement')}`),
  ].join('\n');

  const accepted = sources.map((s) => new Set(s.dictionary.accepted));
  const union = byBytes([...new Set(accepted.flatMap((a) => [...a]))]);
  for (const w of union) checkField(w, 'word');
  const wordsBody = union.length === 0 ? '' : `${union.join('\n')}\n`;
  const before = `${head}\nlist\twords\t*\t${union.length}\t${utf8Length(wordsBody)}\n`;
  const wordsStart = utf8Length(before);
  let text = before + wordsBody;
  sources.forEach((s, i) => {
    const own = accepted[i] ?? new Set<string>();
    text += listText('absent', s.variety, union.filter((w) => !own.has(w)));
    text += listText('blocked', s.variety, byBytes([...new Set(s.dictionary.blocked)]));
    text += listText('nosuggest', s.variety, byBytes([...new Set(s.dictionary.noSuggest)]));
  });

  // Open addressing, at most half full.
  let slots = 1;
  while (slots < union.length * 2) slots *= 2;
  const table = new Uint32Array(slots);
  let at = wordsStart;
  for (const w of union) {
    const encoded = encoder.encode(w);
    let h = bytesHash(encoded) & (slots - 1);
    while (table[h] !== 0) h = (h + 1) & (slots - 1);
    table[h] = at + 1;
    at += encoded.length + 1;
  }

  const bytes = encoder.encode(text);
  const tableAt = (HEADER_BYTES + bytes.length + 3) & ~3;
  const out = new Uint8Array(tableAt + slots * 4);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, bytes.length, true);
  view.setUint32(12, slots, true);
  out.set(bytes, HEADER_BYTES);
  for (let i = 0; i < slots; i++) view.setUint32(tableAt + i * 4, table[i] ?? 0, true);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function hashTable(bytes: Uint8Array, at: number, slots: number): Uint32Array {
  const offset = bytes.byteOffset + at;
  if (LITTLE_ENDIAN && offset % 4 === 0) return new Uint32Array(bytes.buffer, offset, slots);
  const view = new DataView(bytes.buffer, offset, slots * 4);
  const table = new Uint32Array(slots);
  for (let i = 0; i < slots; i++) table[i] = view.getUint32(i * 4, true);
  return table;
}

function fail(why: string): never {
  throw new Error(`compact dictionary: ${why}`);
}

/**
 * Reads a file made by `formatCompactDictionary`. Only the header and the small lists are decoded;
 * the union stays bytes behind the hash table. Throws on a file of another format or version, or a
 * truncated one.
 */
export function parseCompactDictionary(bytes: Uint8Array): CompactDictionary {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a compact dictionary file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) fail(`format version ${version}, expected ${VERSION}`);
  const textBytes = view.getUint32(8, true);
  const slots = view.getUint32(12, true);
  const tableAt = (HEADER_BYTES + textBytes + 3) & ~3;
  if (bytes.length !== tableAt + slots * 4 || slots === 0 || (slots & (slots - 1)) !== 0) fail('truncated or damaged');
  const text = bytes.subarray(HEADER_BYTES, HEADER_BYTES + textBytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (from: number, to: number): string => decoder.decode(text.subarray(from, to));

  const varieties: Array<{ variety: string; source: string }> = [];
  const compoundRules: RegExp[] = [];
  const conversions: Array<readonly [RegExp, string]> = [];
  const replacements: Array<readonly [string, string]> = [];
  const absent = new Map<string, ReadonlySet<string>>();
  const blocked = new Map<string, ReadonlySet<string>>();
  const noSuggest = new Map<string, ReadonlySet<string>>();
  let compoundMin = 3;
  let wordsStart = -1;
  let wordsEnd = -1;
  let at = text.indexOf(NL) + 1;
  if (decode(0, at) !== 'afterword-spelling\n') fail('no header');
  while (at < text.length) {
    const eol = text.indexOf(NL, at);
    if (eol === -1) fail('truncated header');
    const f = decode(at, eol).split('\t');
    at = eol + 1;
    switch (f[0]) {
      case 'variety': varieties.push({ variety: f[1] ?? '', source: f[2] ?? '' }); break;
      case 'compoundmin': compoundMin = Number(f[1]); break;
      case 'compound': compoundRules.push(new RegExp(f[2] ?? '', f[1])); break;
      case 'conversion': conversions.push([new RegExp(f[2] ?? '', f[1]), f[3] ?? '']); break;
      case 'replacement': replacements.push([f[1] ?? '', f[2] ?? '']); break;
      case 'list': {
        const length = Number(f[4]);
        const end = at + length;
        if (!Number.isInteger(length) || end > text.length || (length > 0 && text[end - 1] !== NL)) fail(`list ${f[1] ?? ''} ${f[2] ?? ''} is truncated`);
        if (f[1] === 'words') {
          wordsStart = at;
          wordsEnd = end;
        } else {
          const set: ReadonlySet<string> = new Set(length === 0 ? [] : decode(at, end - 1).split('\n'));
          const into = f[1] === 'absent' ? absent : f[1] === 'blocked' ? blocked : f[1] === 'nosuggest' ? noSuggest : undefined;
          into?.set(f[2] ?? '', set);
        }
        at = end;
        break;
      }
      default: fail(`unknown header line ${JSON.stringify(f[0])}`);
    }
  }
  if (wordsStart < 0 || varieties.length === 0) fail('no word list');
  return {
    varieties, compoundMin, compoundRules, conversions, replacements, absent, blocked, noSuggest,
    text, wordsStart, wordsEnd, table: hashTable(bytes, tableAt, slots),
  };
}

function lineIs(text: Uint8Array, at: number, word: Uint8Array): boolean {
  if (text[at + word.length] !== NL) return false;
  for (let i = 0; i < word.length; i++) if (text[at + i] !== word[i]) return false;
  return true;
}

/** True when `word` is one of the union's lines, exactly as written. */
export function hasWord(dict: CompactDictionary, word: string): boolean {
  if (word.length === 0 || word.includes('\n')) return false;
  const { table, text } = dict;
  const mask = table.length - 1;
  // ASCII (every word of these dictionaries): hash and compare the UTF-16 units as bytes, encoding nothing.
  let h = FNV_OFFSET;
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 0x7f) {
      ascii = false;
      break;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  const encoded = ascii ? undefined : encoder.encode(word);
  if (encoded) h = bytesHash(encoded);
  // Bounded by the table's size, in case a damaged file left no slot empty.
  for (let slot = (h >>> 0) & mask, probes = 0; probes < table.length; slot = (slot + 1) & mask, probes++) {
    const entry = table[slot] ?? 0;
    if (entry === 0) return false;
    const at = entry - 1;
    if (encoded ? lineIs(text, at, encoded) : asciiLineIs(text, at, word)) return true;
  }
  return false;
}

function asciiLineIs(text: Uint8Array, at: number, word: string): boolean {
  if (text[at + word.length] !== NL) return false;
  for (let i = 0; i < word.length; i++) if (text[at + i] !== word.charCodeAt(i)) return false;
  return true;
}
