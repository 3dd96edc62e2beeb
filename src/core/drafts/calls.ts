/**
 * X1 call script and X2 voicemail script. The call opens as W4 (name, post, date, interest, the
 * question of the decision, an offer to answer questions) and has a branch for each way the call
 * can go: the receptionist, not decided yet, the post filled, voicemail; it closes by offering to
 * call again in a week and thanking them. The voicemail is one or two sentences of at most 40
 * words with the number said twice.
 */
import { personAddressee } from './compose.js';
import { factsOf, type Facts } from './facts.js';
import type { Draft, DraftGap, PersonDraftInput } from './types.js';
import { addressName, countWords, dayInWords, readablePhone, tidySentence } from './words.js';

/** X2 / L9: a voicemail is at most 40 words. */
export const VOICEMAIL_WORDS = 40;
/** X1 / L9: five minutes at 150 spoken words a minute. */
export const CALL_SCRIPT_WORDS = 750;

/** The voicemail in two sentences, shortened step by step (thanks, the name, "again", wording, the company) until it fits. */
function voicemailLine(input: PersonDraftInput, f: Facts): { line: string; gaps: DraftGap[] } {
  const name = addressName(input.person, f.english);
  const me = f.candidateName === '' ? 'a candidate' : f.candidateName;
  const phone = input.candidate.phone?.trim() ? readablePhone(input.candidate.phone) : undefined;
  const email = input.candidate.email?.trim();
  const gaps: DraftGap[] = phone === undefined ? [{ field: 'candidate.phone', rule: 'X2' }] : [];
  const reach = (lead: string, again: string): string => (phone !== undefined
    ? `${lead} ${phone}; ${again}${phone}.`
    : email !== undefined ? `Please reply to ${email}.` : 'I will try you again next week.');
  const about = (at: boolean): string => `my interview for the ${f.role} ${f.words.post}${at ? ` at ${f.company}` : ''} on ${f.date}.`;
  const versions = [
    `Hello ${name}, this is ${me}, following up on ${about(true)} ${reach('Thank you, and please call me back at', 'again, ')}`,
    `Hello ${name}, this is ${me}, following up on ${about(true)} ${reach('Please call me back at', 'again, ')}`,
    `Hello, this is ${me}, following up on ${about(true)} ${reach('Please call me back at', 'again, ')}`,
    `Hello, this is ${me}, following up on ${about(true)} ${reach('Please call me back at', '')}`,
    `This is ${me} about ${about(true)} ${reach('Please call me at', '')}`,
    `This is ${me} about ${about(false)} ${reach('Please call me at', '')}`,
  ] as const;
  const line = versions.find((v) => countWords(v) <= VOICEMAIL_WORDS) ?? versions[versions.length - 1] ?? '';
  return { line, gaps };
}

export function voicemail(input: PersonDraftInput): Draft {
  const f = factsOf(input);
  const { line, gaps } = voicemailLine(input, f);
  return { kind: 'voicemail', body: tidySentence(line), text: `${tidySentence(line)}\n`, to: personAddressee(input.person), cc: [], rules: ['X2'], gaps, leftOut: [] };
}

const say = (line: string): string => `"${tidySentence(line)}"`;

export function callScript(input: PersonDraftInput): Draft {
  const f = factsOf(input);
  const p = input.person;
  const name = addressName(p, f.english);
  const me = f.candidateName === '' ? `a candidate for the ${f.words.post}` : f.candidateName;
  const post = f.words.post;
  const who = [p.title?.trim(), f.company].filter((x): x is string => x !== undefined && x !== '').join(', ');
  const phone = p.phone?.trim() ? readablePhone(p.phone) : undefined;
  const gaps: DraftGap[] = phone === undefined ? [{ field: 'person.phone', rule: 'X1' }] : [];
  const decision = input.decisionBy !== undefined
    ? `You mentioned a decision around ${dayInWords(input.decisionBy, f.english)}. Has one been made, or is there a new date I should expect?`
    : 'Has a decision been made, or is there a date when I can expect to hear?';
  const { line: vm, gaps: vmGaps } = voicemailLine(input, f);
  const sections: [string, string[]][] = [
    [`Call script for ${name} (${who})${phone ? `, ${phone}` : ''}`, [
      `About: the ${f.role} ${post}, interview on ${f.date}.`,
      'Keep the call to two to five minutes. Speak calmly, and have this page and your calendar in front of you.',
    ]],
    ['Opening', [
      say(`Good afternoon, ${name}. This is ${me}. I interviewed with you on ${f.date} for the ${f.role} ${post} at ${f.company}. Do you have two minutes?`),
      say(f.topic !== undefined
        ? `Thank you. I enjoyed our conversation about ${f.topic}, and I remain interested in the ${post} and in joining your team.`
        : `Thank you. I am calling because I remain interested in the ${post} and in joining your team.`),
      say(decision),
      say('If it would help, I am glad to answer any further questions.'),
    ]],
    ['If the receptionist answers', [
      say(`Good afternoon. This is ${me}; I interviewed on ${f.date} for the ${f.role} ${post}. May I speak with ${name}, please?`),
      `If ${name} is not available: ${say(`When would be a good time to reach ${name}? Thank you, I will call back then.`)}`,
      'Write down the time you are given and call back then, rather than leaving the question with someone else.',
    ]],
    ['If no decision has been made yet', [
      say(`Thank you for letting me know. May I ask whether I am still being considered for the ${post}?`),
      say('When would be a good time for me to call you back?'),
      'Note the date they give and thank them; do not press for more.',
    ]],
    [`If the ${post} has been filled`, [
      say(`Thank you for telling me. I was pleased to meet you and to learn about ${f.company}.`),
      say(`I would be glad to be considered for similar roles at ${f.company} in the future.`),
      'Keep your voice warm and even, and stay gracious.',
    ]],
    ['If you reach voicemail', [say(vm)]],
    ['Close', [
      say('Would it be all right if I call you again in a week?'),
      say(`Thank you for your time, ${name}. Goodbye.`),
    ]],
  ];
  const body = sections.map(([head, lines]) => `${head}\n${lines.join('\n')}`).join('\n\n');
  return {
    kind: 'call_script', body, text: `${body}\n`, to: personAddressee(p), cc: [],
    rules: ['W1', 'W4', 'X1', 'X2'], gaps: [...gaps, ...vmGaps], leftOut: [],
  };
}
