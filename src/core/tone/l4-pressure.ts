/** L4: no desperation, pressure, reproach ("as I said before"), frustration or anger. */
import type { ToneContext } from './context.js';
import { matchWords, words } from './text.js';
import type { FindingData } from './types.js';

const LIMIT = 100;
const A = "(?:'|)"; // apostrophes are straight in the normalised words

/** Each pattern runs over lower-case words joined by single spaces (see text.ts `norm`). */
const PATTERNS: ReadonlyArray<readonly [Extract<FindingData, { rule: 'L4' }>['code'], RegExp]> = [
  ['desperation', words(
    `i (?:really |truly |just |so |desperately |badly )*need (?:this|the|a|that) (?:job|position|role|offer|opportunity|post|work)`,
    `i${A}m desperate`, 'i am desperate', 'desperate(?:ly)?', 'begging', `i${A}m begging`, 'i beg(?: you)?',
    'please please', `i${A}ll do anything`, 'i will do anything', `i${A}d do anything`,
    `(?:you${A}re|you are|this is) my (?:last|only) (?:hope|chance|option)`, 'my (?:last|only) hope',
    `i can(?:${A}t|not) afford to (?:lose|miss|wait)`, 'running out of (?:money|time|options|savings)',
    '(?:please )?(?:just )?(?:hire|choose|pick) me', '(?:please )?give me (?:a|this|the|one more) (?:chance|shot|job|position|role)',
    'any job (?:at all|will do)', 'i need (?:a|any) job',
  )],
  ['pressure', words(
    'asap',
    `(?:respond|reply|answer|get back to me|let me know|hear back|hear from you|decide|write back|call me back) (?:as soon as possible|right away|immediately|urgently|today|by tomorrow|by the end of (?:the )?day)`,
    'urgent(?:ly)?', `i need (?:an|your|a) (?:answer|decision|response|reply|update)(?: now| today| immediately)?`,
    'i (?:really |just |simply )?need to know (?:now|today|immediately|by|before|this week|asap)', 'final reminder', 'last reminder',
    `(?:this is )?(?:my|the) (?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:email|message|attempt|follow-up|follow up|time (?:writing|asking|reaching out|emailing|calling))`,
  )],
  ['reproach', words(
    `(?:why|how come) (?:haven${A}t|have not|hasn${A}t|has not|didn${A}t|did not|don${A}t|do not|wasn${A}t|was not) (?:you|i|anyone|anybody|someone|somebody)`,
    `(?:i )?(?:still )?(?:haven${A}t|have not|have never|never) (?:yet )?heard (?:back|anything|a word|from you|from anyone)`,
    `no one (?:has )?(?:gotten|got|gets|has gotten) back`, `nobody (?:has )?(?:gotten|got|gets) back`,
    `(?:i${A}m|i am) still waiting`, 'still waiting (?:for|on|to hear)', `(?:i${A}ve|i have) been waiting`,
    'as i (?:said|stated|wrote|mentioned|explained|told you) (?:before|previously|already|earlier|last time)',
    'as i (?:already|previously) (?:said|stated|wrote|mentioned|explained|told you)', 'like i (?:said|told you)',
    'as previously (?:stated|mentioned|said)', `i${A}ve already told you`, 'i already told you', 'i have already told you',
    `(?:(?:i${A}ve|i have) (?:already )?|i )?(?:sent|emailed|written|wrote|called|asked|messaged)(?: (?:it|this|you|them|that|my \\w+))? (?:twice|three times|four times|several times|multiple times|many times|again and again|repeatedly)`,
    `you (?:never|haven${A}t|have not|didn${A}t|did not) (?:responded|replied|answered|gotten back|got back|respond|reply|answer|get back)`,
    `what${A}s taking so long`, 'what is taking so long', 'taking (?:so|this|that) long',
    'no (?:response|reply|answer|word) (?:yet|at all|so far)', 'ghost(?:ed|ing)', 'ignor(?:ed|ing) (?:me|my)',
  )],
  ['frustration', words(
    'frustrat(?:ed|ing|es|ion)', 'annoy(?:ed|ing|s)', 'angry', 'furious', 'irritat(?:ed|ing)', 'upset',
    'fed up', 'sick of', 'tired of (?:waiting|being)', 'unacceptable', 'ridiculous', 'outrageous', 'unprofessional',
    'rude', 'disrespect(?:ful|ed)?', 'disappoint(?:ed|ing|ment)', 'waste of (?:my )?time', 'wasted my time',
    'shame on you', 'i deserve (?:a|an|better|to)', 'you owe me', 'do better',
  )],
];

export function checkPressure(ctx: ToneContext): FindingData[] {
  const out: FindingData[] = [];
  for (const [code, re] of PATTERNS) {
    for (const m of matchWords(ctx.a, re, LIMIT)) {
      out.push({ rule: 'L4', code, start: m.start, end: m.end, severity: 'error', found: m.found });
    }
  }
  // "A.S.A.P." written with stops breaks into words at sentence marks; catch it as written.
  const dotted = /(?<![\p{L}])a\.s\.a\.p\.?/giu;
  for (let m = dotted.exec(ctx.a.text); m !== null && out.length < 4 * LIMIT; m = dotted.exec(ctx.a.text)) {
    out.push({ rule: 'L4', code: 'pressure', start: m.index, end: m.index + m[0].length, severity: 'error', found: m[0] });
  }
  return out;
}
