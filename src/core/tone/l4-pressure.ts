/**
 * L4: no desperation, pressure, reproach ("why haven't you…"), passive aggression ("as per my last
 * email", "bumping this") or frustration and anger. Seed E: "don't let it show in your tone".
 */
import type { ToneContext } from './context.js';
import { matchWords, words } from './text.js';
import type { FindingData, PassivePhrase } from './types.js';

const LIMIT = 100;
const A = "(?:'|)"; // apostrophes are straight in the normalised words

type L4Code = Extract<FindingData, { rule: 'L4' }>['code'];

/** Messages a candidate may point back at. */
const MSG = '(?:e-?mails?|mails?|messages?|notes?|letters?|voicemails?|voice ?mails?|repl(?:y|ies)|responses?|requests?|follow-ups?|follow ups?|inquir(?:y|ies)|enquir(?:y|ies))';
/** Words that place a message earlier in the thread. */
const EARLIER = '(?:last|previous|prior|earlier|original|first|recent|most recent|below|above)';
/** Verbs of a message already sent: "as I mentioned", "as stated". */
const SAID = '(?:said|stated|wrote|written|mentioned|explained|told you|noted|pointed out|indicated|outlined|asked|requested|shared)';
const TIMES = '(?:twice|three times|four times|five times|several times|multiple times|many times|a few times|numerous times|countless times|a number of times|\\d+ times|again and again|repeatedly|more than once)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
/** A deadline as a candidate sets one: "by Friday", "by the end of the week", "by the 20th". */
const DEADLINE = `(?:(?:the )?end of (?:the |this |next )?(?:day|week|month)|close of business(?: ${WEEKDAY}| today| tomorrow)?|cob|eod|eow|(?:this |next )?${WEEKDAY}|tomorrow|today|tonight|noon|(?:the )?\\d{1,2}(?:st|nd|rd|th)?|${MONTH}(?: \\d{1,2}(?:st|nd|rd|th)?)?)`;
/** "…follow up again", "…checking in again": the contact itself, said to be one more. */
const CONTACT_ING = '(?:following up|checking in|circling back|reaching out|writing|emailing|touching base|pinging you|nudging you|getting in touch|contacting you)';
const CONTACT = '(?:follow up|check in|circle back|reach out|write|email you|touch base|ping you|nudge you|get in touch|contact you)';
const ABOUT = '(?: with you| on this| about this| on my (?:application|interview|candidacy|email|message|note))?';
const ONE_MORE = '(?: once| yet)? (?:again|one more time|once more)';

type Pattern =
  | { readonly code: Exclude<L4Code, 'passive_aggression'>; readonly re: RegExp }
  | { readonly code: 'passive_aggression'; readonly phrase: PassivePhrase; readonly re: RegExp };

/** Each pattern runs over lower-case words joined by single spaces (see text.ts `norm`); the first listed wins an overlap. */
const PATTERNS: readonly Pattern[] = [
  { code: 'desperation', re: words(
    `i (?:really |truly |just |so |desperately |badly )*need (?:this|the|a|that) (?:job|position|role|offer|opportunity|post|work)`,
    `i${A}m desperate`, 'i am desperate', 'desperate(?:ly)?', 'begging', `i${A}m begging`, 'i beg(?: you)?',
    'please please', `i${A}ll do anything`, 'i will do anything', `i${A}d do anything`,
    `(?:you${A}re|you are|this is) my (?:last|only) (?:hope|chance|option)`, 'my (?:last|only) hope',
    `i can(?:${A}t|not) afford to (?:lose|miss|wait)`, 'running out of (?:money|time|options|savings)',
    '(?:please )?(?:just )?(?:hire|choose|pick) me', '(?:please )?give me (?:a|this|the|one more) (?:chance|shot|job|position|role)',
    'any job (?:at all|will do)', 'i need (?:a|any) job',
  ) },
  // Passive aggression: polite words that point at the reader's silence.
  { code: 'passive_aggression', phrase: 'earlier_message', re: words(
    `(?:as )?per my (?:${EARLIER} )?${MSG}`,
    `as (?:i |i${A}ve |i have )?(?:already |previously )?${SAID} (?:in|on|via|by) my (?:${EARLIER} )?${MSG}`,
    `(?:please )?(?:see|refer (?:back )?to|re-?read|revisit) my (?:${EARLIER} ${MSG}|${MSG} (?:below|above|from|of|sent|dated))`,
    `in case (?:you )?(?:missed|did not see|didn${A}t see|did not receive|didn${A}t receive|overlooked|never (?:saw|received|got)) (?:it|this|my (?:${EARLIER} )?${MSG})`,
  ) },
  { code: 'passive_aggression', phrase: 'said_before', re: words(
    `as i ${SAID} (?:before|previously|already|earlier|last time|the last time|${TIMES})`,
    `as (?:i|i${A}ve|i have) (?:already|previously) ${SAID}`,
    `as i${A}ve ${SAID} (?:before|previously|earlier|${TIMES})`, `as i have ${SAID} (?:before|previously|earlier|${TIMES})`,
    'like i (?:said|told you|mentioned)', 'as (?:previously|already) (?:stated|mentioned|said|noted|explained)',
    'as stated (?:before|previously|earlier|above)', `i${A}ve already told you`, 'i already told you', 'i have already told you',
    'as i keep (?:saying|mentioning|telling you)', 'at the risk of repeating myself', `i${A}m repeating myself`,
  ) },
  { code: 'passive_aggression', phrase: 'again', re: words(
    `(?:(?:i${A}m|i am) )?(?:just )?${CONTACT_ING}${ABOUT}${ONE_MORE}`,
    `i (?:wanted|want|would like|${A}d like|thought i would|thought i${A}d|am writing|${A}m writing) to (?:just )?${CONTACT}${ABOUT}${ONE_MORE}`,
    `(?:once|yet) again (?:(?:i${A}m|i am) )?(?:just )?${CONTACT_ING}`,
    'sorry to (?:bother|pester|trouble|chase|nag) you (?:again|once more|one more time)',
  ) },
  { code: 'passive_aggression', phrase: 'bump', re: words(
    // Not "bump it to Thursday" or "the launch was bumped up": those move dates.
    `(?:just )?(?:bump|bumping|bumped) (?:this|my (?:${EARLIER} )?${MSG})(?: (?:email|message|thread|note|request|one))?(?: (?:up|again))?(?: (?:to|at) the top of your inbox)?`,
    '(?<=^|\\| )bump(?= \\||$)',
    '(?:(?:float|floating|move|moving|bring|bringing|push|pushing|put|putting)(?: this| it| my \\w+)?(?: back)? )?(?:up )?(?:to|at) the top of your inbox',
    '(?:resurfacing|resurface) (?:this|my)', '(?:just )?(?:a )?(?:friendly|gentle|quick|kind) reminder',
  ) },
  { code: 'passive_aggression', phrase: 'busy_but', re: words(
    `(?:i${A}m sure|i am sure|i know|i realise|i realize|i understand|i appreciate|i imagine) (?:that )?(?:you${A}re|you are|you must be|you${A}ve been|you have been|things are|things have been|it${A}s been|it has been) (?:a (?:busy|hectic) (?:time|week|few weeks)|(?:very |so |really |extremely |incredibly |quite |super )?(?:busy|swamped|slammed|inundated|snowed under))(?: (?:these days|right now|at the moment|lately))?(?: but| however)`,
    `(?:i${A}m sure|i am sure|i know) (?:that )?you (?:get|receive|have) (?:a lot of|lots of|many|so many|tons of|plenty of) (?:emails|messages|applications|candidates|applicants)(?: to (?:read|review|get through))? but`,
  ) },
  { code: 'passive_aggression', phrase: 'deadline', re: words(
    // The three demands a date may follow share one optional deadline: one copy of DEADLINE instead of
    // three compiles several times faster, and no match changes ("please …" starts a phrase none of
    // the three can start, so the order of the alternatives decides nothing).
    `(?:${[
      `i (?:really )?(?:need|must have|require|expect|would need|will need) (?:to have |to get |to receive )?(?:an|your|a|the) (?:final )?(?:answer|decision|response|reply|update|verdict)(?: from you)? (?:by|no later than|before)`,
      `i (?:really )?(?:need|expect) to (?:hear|know)(?: back)?(?: from you)?(?: about this| one way or the other| either way)? (?:by|no later than)`,
      `if i (?:don${A}t|do not|haven${A}t|have not) (?:hear|heard)(?: back| anything| from you)* (?:by|before|within)`,
    ].join('|')})(?: ${DEADLINE})?`,
    `please (?:respond|reply|answer|get back to me|let me know|confirm|decide|write back|call me back)(?: (?:with|about) (?:a|your|the) (?:decision|answer|response))? (?:by|no later than) ${DEADLINE}(?! (?:if|whether) (?:you|there|anything|i can))`,
  ) },
  { code: 'passive_aggression', phrase: 'repeated', re: words(
    `(?:(?:i${A}ve|i have) (?:already )?|i )?(?:sent|emailed|written|wrote|called|asked|messaged|followed up|reached out|checked in|contacted you|pinged you|tried to (?:reach|contact) you|tried reaching you|left (?:you )?(?:a )?(?:message|voicemail)s?)(?: (?:it|this|you|them|that|my \\w+|to you|with you|about this|on this))? ${TIMES}`,
    `(?:(?:i${A}ve|i have) |i )?(?:sent|left|made) (?:you )?(?:several|multiple|many|numerous|repeated|two|three|four|a few|a number of) (?:follow-ups|follow ups|emails|messages|voicemails|reminders|calls|attempts)`,
    '(?:after|despite) (?:several|multiple|many|numerous|repeated|two|three|four) (?:follow-ups|follow ups|emails|messages|attempts|calls|voicemails|reminders)',
    `(?:this is )?(?:my|the) (?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:email|message|attempt|follow-up|follow up|reminder|time (?:writing|asking|reaching out|emailing|calling|following up))`,
    'yet another (?:email|message|follow-up|follow up|reminder|note)',
  ) },
  { code: 'pressure', re: words(
    'asap',
    `(?:respond|reply|answer|get back to me|let me know|hear back|hear from you|decide|write back|call me back) (?:as soon as possible|right away|immediately|urgently|today|by tomorrow|by the end of (?:the )?day)`,
    'urgent(?:ly)?', `i need (?:an|your|a) (?:answer|decision|response|reply|update)(?: now| today| immediately)?`,
    'i (?:really |just |simply )?need to know (?:now|today|immediately|by|before|this week|asap)', 'final reminder', 'last reminder',
  ) },
  { code: 'reproach', re: words(
    `(?:why|how come) (?:haven${A}t|have not|hasn${A}t|has not|didn${A}t|did not|don${A}t|do not|wasn${A}t|was not) (?:you|i|anyone|anybody|someone|somebody)`,
    `(?:i )?(?:still )?(?:haven${A}t|have not|have never|never) (?:yet )?heard (?:back|anything|a word|from you|from anyone)`,
    `(?:i )?(?:still )?(?:haven${A}t|have not|have yet to|did not|didn${A}t|never) (?:yet )?(?:received|gotten|got|had) (?:a |an |any )?(?:response|reply|answer|word|feedback|update)`,
    `(?:i${A}ve|i have) yet to (?:hear|receive|get)`, 'still no (?:response|reply|answer|word|news|update)',
    `no one (?:has )?(?:gotten|got|gets|has gotten) back`, `nobody (?:has )?(?:gotten|got|gets) back`,
    `(?:i${A}m|i am) still waiting`, 'still waiting (?:for|on|to hear)', `(?:i${A}ve|i have) been waiting`,
    `you (?:never|haven${A}t|have not|didn${A}t|did not) (?:responded|replied|answered|gotten back|got back|respond|reply|answer|get back)`,
    `what${A}s taking so long`, 'what is taking so long', 'taking (?:so|this|that) long',
    'no (?:response|reply|answer|word) (?:yet|at all|so far)', 'ghost(?:ed|ing)', 'ignor(?:ed|ing) (?:me|my)',
  ) },
  { code: 'frustration', re: words(
    'frustrat(?:ed|ing|es|ion)', 'annoy(?:ed|ing|s)', 'angry', 'furious', 'irritat(?:ed|ing)', 'upset',
    'fed up', 'sick of', 'tired of (?:waiting|being)', 'unacceptable', 'ridiculous', 'outrageous', 'unprofessional',
    'rude', 'disrespect(?:ful|ed)?', 'disappoint(?:ed|ing|ment)', 'waste of (?:my )?time', 'wasted my time',
    'shame on you', 'i deserve (?:a|an|better|to)', 'you owe me', 'do better',
  ) },
];

export function checkPressure(ctx: ToneContext): FindingData[] {
  const out: FindingData[] = [];
  const taken = (start: number, end: number): boolean => out.some((f) => f.start < end && start < f.end);
  for (const p of PATTERNS) {
    for (const m of matchWords(ctx.a, p.re, LIMIT)) {
      // One finding per phrase: "I need an answer by Friday" is the deadline, not also "I need an answer".
      if (taken(m.start, m.end)) continue;
      const at = { rule: 'L4', start: m.start, end: m.end, severity: 'error', found: m.found } as const;
      out.push(p.code === 'passive_aggression' ? { ...at, code: p.code, phrase: p.phrase } : { ...at, code: p.code });
    }
  }
  // "A.S.A.P." written with stops breaks into words at sentence marks; catch it as written.
  const dotted = /(?<![\p{L}])a\.s\.a\.p\.?/giu;
  for (let m = dotted.exec(ctx.a.text); m !== null && out.length < 4 * LIMIT; m = dotted.exec(ctx.a.text)) {
    out.push({ rule: 'L4', code: 'pressure', start: m.index, end: m.index + m[0].length, severity: 'error', found: m[0] });
  }
  return out;
}
