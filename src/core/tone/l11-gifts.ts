/** L11: no gifts or flowers, and no proposal to meet in person or drop by to follow up. */
import type { ToneContext } from './context.js';
import { matchWords, words } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
const GIVE = '(?:send|sending|sent|bring|bringing|brought|drop off|dropping off|deliver|delivering|mail|mailing|ship|shipping|order|ordering|ordered|get|give|giving|leave|leaving|courier)';
const PRESENT = '(?:chocolates?|cookies|cupcakes|treats|donuts|doughnuts|pastries|cake|cakes|wine|champagne|snacks|candy|sweets|muffins|bagels|pizza|basket|hamper|bouquet|flowers|a present|a small present|bottle)';

const GIFT = words(
  'gift cards?', 'gift baskets?', 'gift boxes', 'gift box', 'thank-you gifts?', 'gifts?', 'bouquets?', 'flowers', 'floral arrangements?',
  `${GIVE}(?: [^ |]+){0,3} ${PRESENT}`,
  '(?:a )?(?:small |little )?token of (?:my )?(?:appreciation|gratitude|thanks)', 'a little something',
  'treat (?:you|the team|your team|everyone) to', 'buy (?:you|the team|your team) (?:a |an |some )?(?:coffee|lunch|drink|drinks|dinner|beer|breakfast)',
  'take you (?:out )?(?:to|for) (?:a )?(?:coffee|lunch|dinner|drink|drinks|breakfast)',
);
const VISIT = words(
  '(?:stop|drop|swing|pop) by', '(?<!(?:hard|difficult|easy|rare|tough|harder|easier) to )come by', 'drop in', 'pop in', 'pop over', 'pop round', 'stop in', 'come round',
  'visit (?:you|your office|the office|your offices|the offices|in person|your team)', 'show up at',
  "(?<!(?:nice|great|good|lovely|wonderful|pleasure|was glad|was happy|were glad|was delighted) to )(?:meet|catch up|chat|talk)(?: you| up)?(?: again)? (?:in person|face to face|face-to-face|for (?:a )?(?:coffee|lunch|drink|dinner)|over (?:a )?(?:coffee|lunch|drink|dinner))",
  '(?:grab|get) (?:a )?(?:coffee|lunch|drink|drinks|dinner|beer)(?: together| with you| sometime)?',
);
const INVITED = /(?:for letting me|for having me|for inviting me to|invited me to|when i) $/;

export function checkGifts(ctx: ToneContext): FindingData[] {
  const out: FindingData[] = [];
  for (const m of matchWords(ctx.a, GIFT, LIMIT)) {
    if (/^gift(?:ed|ing)/i.test(m.found)) continue;
    out.push({ rule: 'L11', code: 'gift', start: m.start, end: m.end, severity: 'error', found: m.found });
  }
  for (const m of matchWords(ctx.a, VISIT, LIMIT)) {
    // "Thank you for letting me stop by" is about the past.
    const before = ctx.a.norm.slice(Math.max(0, (ctx.a.normStarts[m.tokenFrom] ?? 0) - 24), ctx.a.normStarts[m.tokenFrom] ?? 0);
    if (INVITED.test(before)) continue;
    out.push({ rule: 'L11', code: 'visit', start: m.start, end: m.end, severity: 'error', found: m.found });
  }
  return out;
}
