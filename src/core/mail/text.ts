/**
 * The plain text to read from a message: its text/plain part, else its HTML turned into text
 * (never rendered): scripts, styles, comments, head and hidden elements dropped, block elements
 * as line breaks, entities decoded, everything capped so a 30 MB message costs no more than a
 * large one.
 */

/** The most characters of HTML scanned. */
export const HTML_READ_MAX = 2_000_000;
/** The most characters of text returned. */
export const MAIL_TEXT_MAX = 100_000;

/** The parts of a parsed message mailText reads (mailparser's `ParsedMail` has both). */
export interface MailBody {
  readonly text?: string | undefined;
  readonly html?: string | false | undefined;
}

export interface MailText {
  readonly text: string;
  readonly source: 'text' | 'html' | 'none';
  /** The input was longer than was read. */
  readonly truncated: boolean;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026',
  rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201D', ldquo: '\u201C', bull: '\u2022', middot: '\u00B7', copy: '\u00A9',
  reg: '\u00AE', trade: '\u2122', pound: '\u00A3', euro: '\u20AC', eacute: '\u00E9', egrave: '\u00E8', uuml: '\u00FC',
  ouml: '\u00F6', auml: '\u00E4', szlig: '\u00DF', zwnj: '', zwj: '', shy: '', ensp: ' ', emsp: ' ', thinsp: ' ',
};

/** HTML character references decoded; unknown ones and invalid code points left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

/** Elements whose content is never text to read. */
const DROP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'select', 'button', 'audio', 'video']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'wbr', 'source', 'track', 'param']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'table', 'tr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'address', 'center', 'form', 'fieldset', 'figure', 'figcaption', 'blockquote']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px)?\s*(?:!important)?\s*(?:;|$)|font-size\s*:\s*0(?:px)?\s*(?:!important)?\s*(?:;|$)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$))/i;

const ATTRS = new Map(['hidden', 'aria-hidden', 'style', 'alt'].map((name) => [name, {
  valued: new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'),
  bare: new RegExp(`\\s${name}(?=[\\s/>])`, 'i'),
}]));

function attr(tag: string, name: 'hidden' | 'aria-hidden' | 'style' | 'alt'): string | null {
  // A bare tag ("<p>") has no attributes: most tags of a mail.
  if (!/\s/.test(tag)) return null;
  const re = ATTRS.get(name);
  if (re === undefined) return null;
  const m = re.valued.exec(tag);
  if (m) return m[1] ?? m[2] ?? m[3] ?? '';
  return re.bare.test(tag) ? '' : null;
}

/** Where a raw-text element ends (sticky search from its start tag; reset before each use). */
const END_TAGS: Readonly<Record<string, RegExp>> = { script: /<\/script/gi, style: /<\/style/gi, textarea: /<\/textarea/gi };

function hidden(tag: string): boolean {
  if (attr(tag, 'hidden') !== null) return true;
  if (attr(tag, 'aria-hidden') === 'true') return true;
  const style = attr(tag, 'style');
  return style !== null && HIDDEN_STYLE.test(decodeEntities(style));
}

/** HTML as plain text (see the module comment). Quoted replies in <blockquote> are kept with "> " so the reader sets them apart. */
export function htmlToText(html: string): string {
  const src = html.slice(0, HTML_READ_MAX);
  const out: string[] = [];
  // The element whose content is being skipped, with its nesting depth.
  let skip: { name: string; depth: number } | null = null;
  let quote = 0;
  let i = 0;
  const newline = (): void => {
    out.push('\n');
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i && skip === null) out.push(decodeEntities(src.slice(i, textEnd).replace(/\s+/g, ' ')));
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    const gt = src.indexOf('>', lt + 1);
    if (gt < 0) break;
    const tag = src.slice(lt, gt + 1);
    i = gt + 1;
    const m = /^<\s*(\/)?\s*([a-zA-Z][a-zA-Z0-9:-]*)/.exec(tag);
    if (!m) {
      if (skip === null && !/^<[!?/]/.test(tag)) out.push(decodeEntities(tag));
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    const selfClosing = VOID.has(name) || /\/\s*>$/.test(tag);
    if (skip !== null) {
      if (name === skip.name) {
        if (closing) skip.depth--;
        else if (!selfClosing) skip.depth++;
        if (skip.depth === 0) skip = null;
      }
      continue;
    }
    if (!closing && !selfClosing && (DROP.has(name) || hidden(tag))) {
      // Raw-text elements end only at their own end tag, whatever they hold.
      if (name === 'script' || name === 'style' || name === 'textarea') {
        const endTag = END_TAGS[name];
        let end: RegExpExecArray | null = null;
        if (endTag !== undefined) {
          endTag.lastIndex = i;
          end = endTag.exec(src);
        }
        i = end === null ? src.length : end.index;
        skip = { name, depth: 1 };
      } else {
        skip = { name, depth: 1 };
      }
      continue;
    }
    if (!closing && selfClosing && hidden(tag)) continue;
    if (name === 'blockquote') {
      quote = Math.max(0, quote + (closing ? -1 : 1));
      newline();
      if (!closing) out.push('\uE000'.repeat(quote));
      continue;
    }
    if (name === 'br') {
      newline();
      if (quote > 0) out.push('\uE000'.repeat(quote));
    } else if (BLOCK.has(name) || name === 'hr') {
      newline();
      if (!closing && name === 'li') out.push('- ');
      if (quote > 0) out.push('\uE000'.repeat(quote));
    } else if (name === 'td' || name === 'th') {
      if (closing) out.push(' ');
    } else if (name === 'img' && !closing) {
      const alt = attr(tag, 'alt');
      if (alt !== null && alt.trim() !== '') out.push(decodeEntities(alt));
    }
  }
  const lines = out.join('').split('\n').map((l) => {
    const depth = /^\uE000*/.exec(l)?.[0].length ?? 0;
    const body = l.slice(depth).replace(/\uE000/g, '').replace(/[ \t]+/g, ' ').trim();
    return depth > 0 ? `${'> '.repeat(depth)}${body}`.trimEnd() : body;
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The text to read from `body` (see the module comment). Never throws. */
export function mailText(body: MailBody): MailText {
  const text = typeof body.text === 'string' ? body.text : '';
  // /\S/ stops at the first letter; trim() would copy a 30 MB body first.
  if (/\S/.test(text)) {
    return { text: text.slice(0, MAIL_TEXT_MAX).replace(/\r\n?/g, '\n'), source: 'text', truncated: text.length > MAIL_TEXT_MAX };
  }
  const html = typeof body.html === 'string' ? body.html : '';
  if (!/\S/.test(html)) return { text: '', source: 'none', truncated: false };
  const read = htmlToText(html);
  return { text: read.slice(0, MAIL_TEXT_MAX), source: 'html', truncated: html.length > HTML_READ_MAX || read.length > MAIL_TEXT_MAX };
}
