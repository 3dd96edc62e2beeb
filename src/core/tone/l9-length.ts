/**
 * L9: a thank-you body ≤ 200 words, a status-check body ≤ 150, a voicemail ≤ 40 words, a call
 * script ≤ 5 minutes at 150 words a minute. Needs `kind`. The span covers the words past the limit.
 */
import type { ToneContext } from './context.js';
import type { FindingData } from './types.js';

export function checkLength(ctx: ToneContext): FindingData[] {
  const kind = ctx.input.kind;
  const { a, settings } = ctx;
  if (kind === undefined) return [];
  let from: number;
  let to: number;
  let limit: number;
  switch (kind) {
    case 'thank_you':
    case 'status_check':
      from = a.body.tokenFrom;
      to = a.body.tokenTo;
      limit = settings.maxWords[kind];
      break;
    case 'voicemail':
      from = 0;
      to = a.tokens.length;
      limit = settings.maxWords.voicemail;
      break;
    case 'call_script':
      from = 0;
      to = a.tokens.length;
      limit = Math.floor(settings.callMinutes * settings.wordsPerMinute);
      break;
    default:
      return [];
  }
  const words = to - from;
  if (words <= limit) return [];
  const first = a.tokens[from + limit];
  const last = a.tokens[to - 1];
  if (first === undefined || last === undefined) return [];
  return [{
    rule: 'L9', code: 'too_long', start: first.start, end: last.end, severity: 'warning', kind, words, limit,
    ...(kind === 'call_script' ? { minutes: words / settings.wordsPerMinute } : {}),
  }];
}
