/**
 * X3: replies to a decision, gracious in every case. "Not decided yet": thanks, continued interest,
 * the new date or a check-in in a week. "Filled" and rejection: thanks, pleased to have met, and a
 * request to be kept in mind for similar roles.
 */
import type { RuleId } from '../rules/protocol.js';
import { emailText, fitBody, greeting, keep, optional, personAddressee, type Part } from './compose.js';
import { factsOf, type Facts } from './facts.js';
import type { Draft, PersonDraftInput } from './types.js';
import { dayInWords } from './words.js';

const REPLY_WORDS = 150;
const RULES: readonly RuleId[] = ['W1', 'X3', 'W3'];

type ReplyKind = 'reply_not_decided' | 'reply_filled' | 'reply_rejection';

function metYou(f: Facts): string {
  return f.topic !== undefined
    ? `I was pleased to meet you on ${f.date} and to hear about ${f.topic}.`
    : `I was pleased to meet you on ${f.date} and to learn about the team at ${f.company}.`;
}

function layoutOf(kind: ReplyKind, f: Facts, decisionBy: number | undefined): Part[][] {
  switch (kind) {
    case 'reply_not_decided':
      return [
        [
          keep(f.voice.pick('nd-open', [
            `Thank you for letting me know where things stand with the ${f.role} ${f.words.post} at ${f.company}.`,
            `Thank you for the update on the ${f.role} ${f.words.post} at ${f.company}.`,
          ])),
          keep(`I understand the decision needs more time, and I remain interested in the role we discussed on ${f.date}.`),
        ],
        [
          keep(decisionBy !== undefined
            ? `I look forward to hearing from you around ${dayInWords(decisionBy, f.english)}.`
            : `If it suits you, I will check in again in about a week.`),
          optional(`Please let me know if anything further from me would help in the meantime.`, 1),
        ],
        [keep(`Thank you for keeping me informed.`)],
      ];
    case 'reply_filled':
      return [
        [keep(`Thank you for letting me know that the ${f.role} ${f.words.post} at ${f.company} has been filled.`), optional(metYou(f), 1)],
        [keep(`I would be glad to be considered for similar roles at ${f.company} in the future, and I wish you and the team every success.`)],
        [keep(`Thank you again for your time.`)],
      ];
    case 'reply_rejection':
      return [
        [
          keep(`Thank you for letting me know your decision about the ${f.role} ${f.words.post} at ${f.company}.`),
          optional(f.topic !== undefined
            ? `I appreciated the chance to interview with you on ${f.date}, and I enjoyed hearing about ${f.topic}.`
            : `I appreciated the chance to interview on ${f.date} and to meet you.`, 2),
        ],
        [
          keep(`Please keep me in mind for future roles that fit my background.`),
          optional(`If you have a moment, I would value any feedback on my interview.`, 1),
        ],
        [keep(`Thank you again, and I wish you and the team well.`)],
      ];
  }
}

export function reply(input: PersonDraftInput & { readonly kind: ReplyKind }): Draft {
  const f = factsOf(input);
  const { body } = fitBody(greeting(input.person, f.english), layoutOf(input.kind, f, input.decisionBy), input.candidate, REPLY_WORDS, f.english);
  const to = personAddressee(input.person);
  const subject = `Re: ${f.role} at ${f.company}`;
  return { kind: input.kind, subject, body, text: emailText(to, [], subject, body), to, cc: [], rules: RULES, gaps: [], leftOut: [] };
}
