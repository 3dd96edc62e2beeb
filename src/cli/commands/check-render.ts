/** The readable listing of `afterword check`: where, which rule, the excerpt, what is wrong and what to write. */
import type { Finding } from '../../core/tone/index.js';

const CONTEXT = 24;
const MAX_EXCERPT = 60;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a UTF-16 offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The span in [brackets] with a little of its line around it: `…interview at [Globex] today…`. */
export function excerpt(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const from = Math.max(lineStart, start - CONTEXT);
  const nl = text.indexOf('\n', end);
  const to = Math.min(nl === -1 ? text.length : nl, end + CONTEXT);
  let inner = oneLine(text.slice(start, end));
  if (inner.length > MAX_EXCERPT) inner = `${inner.slice(0, MAX_EXCERPT - 1)}\u2026`;
  const before = oneLine(text.slice(from, start));
  const after = end <= to ? oneLine(text.slice(end, to)) : '';
  return `${from > lineStart ? '\u2026' : ''}${before}[${inner}]${after}${to < (nl === -1 ? text.length : nl) ? '\u2026' : ''}`;
}

export function renderCheckListing(text: string, findings: readonly Finding[], source: string): string {
  if (findings.length === 0) return `${source}: no findings. The note reads well.\n`;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const starts = lineStarts(text);
  const lines = [`${source}: ${count(findings.length, 'finding')} (${count(errors, 'error')}, ${count(warnings, 'warning')})`, ''];
  for (const f of findings) {
    const { line, column } = position(starts, f.start);
    lines.push(`${`${line}:${column}`.padEnd(7)} ${f.rule.padEnd(4)} ${f.severity.padEnd(7)} ${excerpt(text, f.start, f.end)}`);
    lines.push(`${' '.repeat(21)}${f.message}`);
    lines.push(`${' '.repeat(21)}\u2192 ${f.suggestion}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The tone check printed under a draft: "Tone check: clean", or the listing above with positions
 * in the printed `text` (the checked `body` sits inside it, after any To:/Subject: or address lines).
 */
export function renderToneCheck(text: string, body: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Tone check: clean\n';
  const at = text.indexOf(body);
  if (at < 0) return renderCheckListing(body, findings, 'Tone check');
  return renderCheckListing(text, findings.map((f) => ({ ...f, start: f.start + at, end: f.end + at })), 'Tone check');
}
