/** Request validation shared by the route files: a mismatch is a 400 naming the field. */
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { fromZod } from './errors.js';

export type Json = Record<string, unknown>;

/** A JSON body checked against `schema`; a mismatch is a 400 naming the field. */
export function body<S extends z.ZodType>(schema: S) {
  return validator('json', (value): z.output<S> => {
    const result = schema.safeParse(value);
    if (!result.success) throw fromZod(result.error, 'body');
    return result.data;
  });
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

