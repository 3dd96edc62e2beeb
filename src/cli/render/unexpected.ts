/** An unexpected error in one line for the terminal or the server's log, never with a statement or the user's records. */
import { pgError } from '../../deps.js';

/** One line on the terminal: any line break (CR, LF, U+2028…) in a message or a value it quotes becomes a space. */
export function singleLine(text: string): string {
  return text.replace(/\s*[\n\r\u0085\u2028\u2029]\s*/g, ' ').trim();
}

/**
 * The database's own message, else the error's first line; drizzle's "Failed query: … params: …"
 * holds the user's records and is never shown. The stack only when `debug` (AFTERWORD_DEBUG=1).
 */
export function unexpectedWords(error: unknown, debug: boolean): string {
  const pg = pgError(error);
  if (pg) return `the database refused the request (PostgreSQL ${pg.code}: ${singleLine(pg.message).slice(0, 300)}); please report it`;
  const message = error instanceof Error ? error.message : String(error);
  const first = singleLine(message.split(/\r?\n/)[0] ?? '').replace(/^Failed query:.*/, 'a database request failed').slice(0, 300);
  const stack = debug && error instanceof Error && error.stack ? ` ${singleLine(error.stack)}` : '';
  return debug ? `${first}${stack}` : `${first}; run it again with AFTERWORD_DEBUG=1 for details, and please report it`;
}
