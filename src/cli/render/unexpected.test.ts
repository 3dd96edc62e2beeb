/** Unexpected errors in one line: never the statement, never the user's records. */
import { describe, expect, it } from 'vitest';
import { unexpectedWords } from './unexpected.js';

const records = 'Acme Corp, Grace Okafor, grace@acme.example';

describe('an unexpected error', () => {
  it('from the database: its code and message, without drizzle\'s statement and parameters', () => {
    const pg = Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' });
    const drizzle = new Error(`Failed query: insert into "applications" ("company") values ($1)\nparams: ${records}`, { cause: pg });
    const words = unexpectedWords(drizzle, false);
    expect(words).toBe('the database refused the request (PostgreSQL 40P01: deadlock detected); please report it');
  });

  it('otherwise: its first line, a failed query named as such, the stack only when debugging', () => {
    expect(unexpectedWords(new Error(`Failed query: select 1\nparams: ${records}`), false)).toBe('a database request failed; run it again with AFTERWORD_DEBUG=1 for details, and please report it');
    expect(unexpectedWords(new Error('boom\nsecond line'), false)).toBe('boom; run it again with AFTERWORD_DEBUG=1 for details, and please report it');
    expect(unexpectedWords(new Error('boom'), true)).toMatch(/^boom Error: boom at /);
  });
});
