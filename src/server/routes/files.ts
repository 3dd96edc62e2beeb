/**
 * The job seeker's records as files (mounted under /api by app.ts): the spreadsheet export, the
 * backup and restoring one, as the CLI's `export` and `backup`/`restore`. POST /import is in records.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app/errors.js';
import { backup, exportSpreadsheet, hasRecords, restore } from '../../app/files.js';
import { query } from '../validate.js';
import type { Env } from './context.js';

const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');
const RestoreQuery = z.object({ replace: flag });

export function fileRoutes() {
  return new Hono<Env>()
    .get('/export.xlsx', async (c) => {
      const data = await exportSpreadsheet(c.var.app, 'xlsx');
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
      return c.body(bytes, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="afterword-history.xlsx"',
      });
    })
    .get('/backup', async (c) => c.body(await backup(c.var.app), 200, {
      'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="afterword-backup.json"',
    }))
    .post('/restore', query(RestoreQuery), async (c) => {
      const replace = c.req.valid('query').replace;
      const textBody = await c.req.text();
      if (!replace && await hasRecords(c.var.app)) throw new AppError({ reason: 'restore.would_replace' }, { path: 'replace', at: 'restore' });
      return c.json(await restore(c.var.app, textBody));
    });
}
