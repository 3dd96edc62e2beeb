/** A database outage at the edge: which errors mean "unreachable", and one word per outage, not one per request. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { databaseUnreachable } from '../store/db-errors.js';
import { outageWatch, type OutageEvent } from './outage.js';

describe('databaseUnreachable', () => {
  it('is true for a refused connection, as node-postgres reports it', async () => {
    // Port 1 on loopback: nothing listens there.
    const client = new pg.Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    const error: unknown = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(databaseUnreachable(error)).toBe(true);
    // Wrapped, as drizzle wraps a failed query.
    expect(databaseUnreachable(new Error('Failed query: select 1', { cause: error }))).toBe(true);
  });

  it.each([
    ['terminated by an administrator (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    ['the server starting or stopping (57P03)', Object.assign(new Error('the database system is shutting down'), { code: '57P03' }), true],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), true],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly'), true],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect'), true],
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' }), false],
    ['a bug', new TypeError('x is undefined'), false],
    ['a closed store', new AppError('internal', 'the store is closed'), false],
  ])('%s: %s', (_what, error, expected) => {
    expect(databaseUnreachable(error)).toBe(expected);
  });
});

describe('outageWatch', () => {
  it('tells once when requests start failing and once when the database answers again', async () => {
    const told: OutageEvent[] = [];
    let up = false;
    const outage = outageWatch({ ping: async () => { if (!up) throw new Error('Connection terminated unexpectedly'); }, tell: (e) => told.push(e), probeEveryMs: 10 });
    for (let i = 0; i < 50; i++) outage.failed(new Error('Failed query: insert …', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') }));
    expect(outage.down).toBe(true);
    expect(told).toEqual([{ kind: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:5432' }]);
    up = true;
    while (outage.down) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(told.map((e) => e.kind)).toEqual(['down', 'up']);
    outage.failed(new Error('Connection terminated unexpectedly'));
    expect(told.map((e) => e.kind)).toEqual(['down', 'up', 'down']);
    outage.stop();
  });
});
