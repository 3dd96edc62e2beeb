/** API routes (mounted under /api by app.ts). */
import { Hono } from 'hono';
import type { Env, RouteContext } from './context.js';

export function insightRoutes(_ctx: RouteContext) {
  return new Hono<Env>();
}
