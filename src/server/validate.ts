/**
 * Request validation shared by the route files: a mismatch is a 400 naming the field. A JSON body
 * must say so (`Content-Type: application/json`, else 415), nest at most `JSON_MAX_DEPTH` levels
 * (400) and hold no field the route does not know (400 naming it): the same rules on every route.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { scenarioSchema } from '../core/scenario.js';
import { fromZod } from './errors.js';

export type Json = Record<string, unknown>;

/** Deeper than any record (an application's interview's debrief's details: 6 levels). */
export const JSON_MAX_DEPTH = 32;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Refuses a body that is not declared JSON (415), before anything reads it as such. */
function requireJson(c: Context): void {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new HTTPException(415, {
      message: `this route reads a JSON body: send it with the header Content-Type: application/json${type === '' ? ' (none was given)' : ` (not ${type.slice(0, 80)})`}`,
    });
  }
}

/** How deep `value` nests, counted without recursion (a hostile body could overflow the stack), stopping past `limit`. */
function depthOver(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop() ?? { value: undefined, depth: 0 };
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** A JSON body: declared JSON (415 otherwise), not nested too deep (400), checked against `schema` (400 naming the field). */
export function body<S extends z.ZodType>(schema: S) {
  return validator('json', (value, c): z.output<S> => {
    requireJson(c);
    return parsed(schema, value);
  });
}

/** `value` (a parsed JSON body) checked for depth, then against `schema`. */
export function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (depthOver(value, JSON_MAX_DEPTH)) throw new HTTPException(400, { message: `body: nested more than ${JSON_MAX_DEPTH} levels deep; no record needs that many` });
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, 'body');
  return result.data;
}

/** For routes that read their JSON by hand (the tone check): the content type and the depth, as `body` checks them. */
export function jsonBody(c: Context, value: unknown): unknown {
  requireJson(c);
  return parsed(z.unknown(), value);
}

export function query<S extends z.ZodType>(schema: S) {
  return validator('query', (value): z.output<S> => {
    const result = schema.safeParse(value);
    if (!result.success) throw fromZod(result.error, 'query');
    return result.data;
  });
}

/** Only the keys that are set (exactOptionalPropertyTypes: the use cases take absent, not undefined). */
export function defined(input: Json): Json {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------- the records' own fields

/** Optional, nullable, defaulted: the schema inside. */
function inner(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

function objectOf(schema: z.ZodType): z.ZodObject {
  const s = inner(schema);
  if (!(s instanceof z.ZodObject)) throw new Error('validate.ts: the records\' schema changed shape');
  return s;
}

function elementOf(schema: z.ZodType): z.ZodType {
  const s = inner(schema);
  if (!(s instanceof z.ZodArray)) throw new Error('validate.ts: the records\' schema changed shape');
  return s.element as z.ZodType;
}

const application = objectOf(elementOf(scenarioSchema.shape.applications));
const candidate = objectOf(scenarioSchema.shape.candidate);

/**
 * The fields the records understand (core/scenario.ts), for bodies that hand a record's fields on to
 * the use cases: a key that is not one of them would be dropped there without a word.
 */
export const RECORD_SHAPES = {
  settings: objectOf(scenarioSchema.shape.settings),
  candidate,
  reference: objectOf(elementOf(candidate.shape['references'] as z.ZodType)),
  application,
  person: objectOf(elementOf(application.shape['people'] as z.ZodType)),
  interview: objectOf(elementOf(application.shape['interviews'] as z.ZodType)),
} as const;

interface Unknown { readonly path: (string | number)[]; readonly keys: string[] }

/** Every object in `value` with keys `schema` does not have, by path (unions and `unknown` are not looked into). */
function unknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[], out: Unknown[]): void {
  const s = inner(schema);
  if (s instanceof z.ZodObject && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const shape: Record<string, z.ZodType> = s.shape;
    const keys = Object.keys(value).filter((k) => !Object.hasOwn(shape, k));
    if (keys.length > 0) out.push({ path, keys });
    for (const [k, v] of Object.entries(value)) {
      const field = shape[k];
      if (field !== undefined && Object.hasOwn(shape, k)) unknownKeys(field, v, [...path, k], out);
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((v, i) => unknownKeys(s.element as z.ZodType, v, [...path, i], out));
  } else if (s instanceof z.ZodRecord && typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) unknownKeys(s.valueType as z.ZodType, v, [...path, k], out);
  }
}

/**
 * A refinement that names every key the records do not know, at its path, as zod's strict objects
 * do ("settings: unknown field "timezone""): for bodies whose fields the records validate (loose at
 * the edge, so that the records' own checks name a wrong value).
 */
export function knownFields(schema: z.ZodType) {
  return (value: unknown, ctx: z.RefinementCtx): void => {
    const found: Unknown[] = [];
    unknownKeys(schema, value, [], found);
    for (const u of found) {
      ctx.addIssue({ code: 'custom', path: u.path, message: `unknown field${u.keys.length > 1 ? 's' : ''} ${u.keys.map((k) => `"${k.slice(0, 80)}"`).join(', ')}` });
    }
  };
}

/** For routes that read their JSON by hand: a 400 naming the first object in `value` with a key `schema` does not have. */
export function refuseUnknown(schema: z.ZodType, value: unknown): void {
  const result = z.unknown().superRefine(knownFields(schema)).safeParse(value);
  if (!result.success) throw fromZod(result.error, 'body');
}
