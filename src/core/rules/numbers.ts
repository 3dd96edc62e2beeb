/** The protocol's numbers (params.ts) parsed once per plan: durations, clock times as minutes, C1's call windows. */
import type { Stage, Workday } from '../model.js';
import { parseClock, type Minutes } from '../time.js';
import { parseDuration, type Duration, type ProtocolParams } from './params.js';

/** Three durations of a rule: how long after its starting day the earliest, ideal and latest moments fall. */
export interface Span {
  readonly earliest: Duration;
  readonly ideal: Duration;
  readonly latest: Duration;
}

/** A call window of C1, in minutes of the recipient's day: [start, end). */
export type CallWindow = readonly [Minutes, Minutes];

/** The protocol's numbers (params.ts) parsed for planning: durations, clock times in minutes, C1's windows for the workday. */
export interface Protocol {
  readonly T2: { readonly noon: Minutes; readonly sameDayBy: Minutes; readonly nextDayBy: Minutes; readonly latest: Duration; readonly minAfterEnd: Duration };
  readonly T3: ProtocolParams['T3'];
  readonly F1: Span;
  readonly F2: { readonly minEarliest: Duration; readonly stages: Readonly<Record<Stage, Span & { readonly from: 'interview' | 'thank_you' }>> };
  readonly F3: { readonly latest: Duration };
  readonly F4: { readonly checksWithoutGoAhead: number; readonly next: Span; readonly goAhead: Span };
  readonly F5: { readonly afterLastCheck: Duration; readonly noResponse: Duration; readonly goAhead: Duration };
  readonly F6: { readonly notDecidedDefault: Duration; readonly replyWithin: Duration };
  readonly F7: { readonly ideal: Duration; readonly latest: Duration };
  /** `windows`: the call windows of the workday, earliest first (the last working hour among them when asked). */
  readonly C1: { readonly windows: readonly CallWindow[]; readonly noMonday: boolean; readonly noDayAfterInterview: boolean };
  readonly C2: ProtocolParams['C2'];
}

/** The protocol's numbers for planning on `workday`. `params` must have passed the schema. */
export function protocolOf(params: ProtocolParams, workday: Workday): Protocol {
  const span = (s: { earliest: string; ideal: string; latest: string }): Span => ({
    earliest: duration(s.earliest), ideal: duration(s.ideal), latest: duration(s.latest),
  });
  const stage = (s: ProtocolParams['F2']['first_round']) => ({ ...span(s), from: s.from });
  const windows: CallWindow[] = params.C1.windows.map(([start, end]) => [clock(start), clock(end)]);
  if (params.C1.lastWorkingHour) windows.push([Math.max(workday.start, workday.end - 60), workday.end]);
  windows.sort((x, y) => x[0] - y[0]);
  return {
    T2: {
      noon: clock(params.T2.noon), sameDayBy: clock(params.T2.sameDayBy), nextDayBy: clock(params.T2.nextDayBy),
      latest: duration(params.T2.latest), minAfterEnd: duration(params.T2.minAfterEnd),
    },
    T3: params.T3,
    F1: span(params.F1),
    F2: {
      minEarliest: duration(params.F2.minEarliest),
      stages: {
        phone_screen: stage(params.F2.phone_screen), first_round: stage(params.F2.first_round),
        second_round: stage(params.F2.second_round), third_round: stage(params.F2.third_round), final: stage(params.F2.final),
      },
    },
    F3: { latest: duration(params.F3.latest) },
    F4: { checksWithoutGoAhead: params.F4.checksWithoutGoAhead, next: span(params.F4.next), goAhead: span(params.F4.goAhead) },
    F5: { afterLastCheck: duration(params.F5.afterLastCheck), noResponse: duration(params.F5.noResponse), goAhead: duration(params.F5.goAhead) },
    F6: { notDecidedDefault: duration(params.F6.notDecidedDefault), replyWithin: duration(params.F6.replyWithin) },
    F7: { ideal: duration(params.F7.ideal), latest: duration(params.F7.latest) },
    C1: { windows, noMonday: params.C1.noMonday, noDayAfterInterview: params.C1.noDayAfterInterview },
    C2: params.C2,
  };
}

/** A validated duration; zero days should one slip through unvalidated. */
function duration(text: string): Duration {
  return parseDuration(text) ?? { n: 0, unit: 'd' };
}

function clock(text: string): Minutes {
  return parseClock(text) ?? 0;
}
