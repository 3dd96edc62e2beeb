/**
 * Every number of the protocol, with the protocol's defaults. Users override any of them per user
 * (`settings.protocol`) and per application (`application.protocol`), with the same shape.
 * Durations are written `5bd` (business days), `7d` (calendar days), `2w`, `1mo`, `24h`, `30min`.
 */
import { z } from 'zod';

export type DurationUnit = 'bd' | 'd' | 'w' | 'mo' | 'h' | 'min';
export interface Duration {
  readonly n: number;
  readonly unit: DurationUnit;
}

const DURATION_RE = /^(\d{1,4})\s*(bd|d|w|mo|h|min)$/;

export function parseDuration(text: string): Duration | null {
  const m = DURATION_RE.exec(text.trim());
  return m ? { n: Number(m[1]), unit: m[2] as DurationUnit } : null;
}

export function formatDuration(d: Duration): string {
  return `${d.n}${d.unit}`;
}

const duration = z.string().refine((s) => parseDuration(s) !== null, {
  message: 'expected a duration such as "5bd" (business days), "7d", "2w", "1mo", "24h" or "30min"',
});
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24 h)');
const count = z.number().int().min(0).max(100);

const stageWindow = z.strictObject({
  earliest: duration,
  ideal: duration,
  latest: duration,
  /** What `ideal` and `latest` count from; `earliest` always counts from the interview. */
  from: z.enum(['interview', 'thank_you']),
});

const window3 = z.strictObject({ earliest: duration, ideal: duration, latest: duration });

export const protocolSchema = z.strictObject({
  T2: z.strictObject({
    noon: clock, sameDayBy: clock, nextDayBy: clock, latest: duration, minAfterEnd: duration,
  }),
  T3: z.strictObject({ panelNote: z.enum(['lead_with_cc', 'individual']) }),
  F1: window3,
  F2: z.strictObject({
    minEarliest: duration,
    phone_screen: stageWindow,
    first_round: stageWindow,
    second_round: stageWindow,
    third_round: stageWindow,
    final: stageWindow,
  }),
  F3: z.strictObject({ latest: duration }),
  F4: z.strictObject({ checksWithoutGoAhead: count, next: window3, goAhead: window3 }),
  F5: z.strictObject({ afterLastCheck: duration, noResponse: duration, goAhead: duration }),
  F6: z.strictObject({ notDecidedDefault: duration, replyWithin: duration }),
  F7: z.strictObject({ ideal: duration, latest: duration }),
  C1: z.strictObject({
    windows: z.array(z.tuple([clock, clock])).max(6),
    lastWorkingHour: z.boolean(),
    noMonday: z.boolean(),
    noDayAfterInterview: z.boolean(),
  }),
  C2: z.strictObject({ perWeek: count, total: count }),
  P1: z.strictObject({ minActive: count, quietDays: count }),
});

export type ProtocolParams = z.infer<typeof protocolSchema>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;
export type ProtocolOverrides = DeepPartial<ProtocolParams>;

export const DEFAULT_PARAMS: ProtocolParams = {
  T2: { noon: '12:00', sameDayBy: '17:00', nextDayBy: '12:00', latest: '24h', minAfterEnd: '1h' },
  T3: { panelNote: 'lead_with_cc' },
  F1: { earliest: '2bd', ideal: '3bd', latest: '5bd' },
  F2: {
    minEarliest: '2bd',
    phone_screen: { earliest: '2bd', ideal: '4bd', latest: '5bd', from: 'interview' },
    first_round: { earliest: '2bd', ideal: '5bd', latest: '8bd', from: 'thank_you' },
    second_round: { earliest: '5bd', ideal: '5bd', latest: '8bd', from: 'interview' },
    third_round: { earliest: '5bd', ideal: '5bd', latest: '8bd', from: 'interview' },
    final: { earliest: '5bd', ideal: '5bd', latest: '8bd', from: 'interview' },
  },
  F3: { latest: '2bd' },
  F4: {
    checksWithoutGoAhead: 2,
    next: { earliest: '5bd', ideal: '5bd', latest: '8bd' },
    goAhead: { earliest: '7bd', ideal: '7bd', latest: '10bd' },
  },
  F5: { afterLastCheck: '5bd', noResponse: '1mo', goAhead: '5w' },
  F6: { notDecidedDefault: '1w', replyWithin: '1bd' },
  F7: { ideal: '1bd', latest: '2bd' },
  C1: { windows: [['13:00', '15:00']], lastWorkingHour: true, noMonday: true, noDayAfterInterview: true },
  C2: { perWeek: 1, total: 2 },
  P1: { minActive: 2, quietDays: 7 },
};

/** Overrides as the schema accepts them: every key optional, at every depth. */
export const overridesSchema = partialDeep(protocolSchema);

function partialDeep(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      shape[key] = partialDeep(value).optional();
    }
    return z.strictObject(shape);
  }
  return schema;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

/** Defaults ← user overrides ← application overrides. Inputs must already be validated. */
export function resolveParams(...layers: readonly ProtocolOverrides[]): ProtocolParams {
  let out: unknown = DEFAULT_PARAMS;
  for (const layer of layers) out = merge(out, layer);
  return out as ProtocolParams;
}
