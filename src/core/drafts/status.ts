/**
 * W4 emails: the status check and the four updates of source D (a new skill, industry news, a
 * proposed solution, a question about the interviewer's own experience). Each opens with who the
 * candidate is, the post and the interview date, states continued interest, asks about the
 * decision, offers to answer questions and closes on thanks.
 */
import type { RuleId } from '../rules/protocol.js';
import { emailText, fitBody, greeting, keep, optional, personAddressee, type Part } from './compose.js';
import { factsOf, type Facts } from './facts.js';
import type { Draft, DraftGap, PersonDraftInput } from './types.js';
import { dayInWords, phrase, present, sentence } from './words.js';

/** L9: a status check stays within 150 words. */
const STATUS_WORDS = 140;
/** Updates carry one more paragraph; they are held to the thank-you limit. */
const UPDATE_WORDS = 180;
const RULES: readonly RuleId[] = ['W1', 'W4', 'W3'];

type UpdateKind = 'update_skill' | 'update_news' | 'update_solution' | 'update_question';

function whoAndWhen(f: Facts): string {
  if (f.candidateName === '') {
    return `I am following up on my interview with you on ${f.date} for the ${f.role} ${f.words.post} at ${f.company}.`;
  }
  return f.voice.pick('status-open', [
    `My name is ${f.candidateName}, and I interviewed with you on ${f.date} for the ${f.role} ${f.words.post} at ${f.company}.`,
    `I am ${f.candidateName}, and I am following up on our interview of ${f.date} for the ${f.role} ${f.words.post} at ${f.company}.`,
    `I hope you are well. I am ${f.candidateName}, and we met on ${f.date} when I interviewed for the ${f.role} ${f.words.post} at ${f.company}.`,
  ]);
}

function interest(f: Facts): string {
  return f.voice.pick('interest', [
    `I remain interested in the ${f.words.post} and in the work of your team.`,
    `I am still keen on the role, and our conversation has only added to my interest.`,
    `My interest in joining ${f.company} is as strong as it was when we spoke.`,
  ]);
}

function ask(f: Facts, decisionBy: number | undefined): string {
  if (decisionBy !== undefined) {
    return `You mentioned a decision around ${dayInWords(decisionBy, f.english)}; has one been made, or is there a new date I should expect?`;
  }
  return f.voice.pick('ask', [
    `Has a decision been made, or is there a date when I might expect to hear?`,
    `Could you tell me whether a decision has been reached, or when you expect one?`,
    `May I ask whether there is news on the decision, or when you expect to make it?`,
  ]);
}

function questionsOffer(f: Facts): string {
  return f.voice.pick('questions', [
    `I am happy to answer any further questions or to send anything that would help.`,
    `If any questions have come up since we spoke, I would be glad to answer them.`,
    `Please let me know if I can provide any further information.`,
  ]);
}

function thanks(f: Facts): string {
  return f.voice.pick('status-close', [
    `Thank you for your time.`,
    `Thank you, and I look forward to hearing from you.`,
    `Many thanks for your help.`,
    `Thank you for considering my application.`,
  ]);
}

export function statusCheck(input: PersonDraftInput): Draft {
  const f = factsOf(input);
  const layout: Part[][] = [[keep(whoAndWhen(f)), keep(interest(f))], [keep(ask(f, input.decisionBy)), keep(questionsOffer(f))], [keep(thanks(f))]];
  const { body } = fitBody(greeting(input.person, f.english), layout, input.candidate, STATUS_WORDS, f.english);
  const to = personAddressee(input.person);
  const subj = `Following up: ${f.role} interview on ${f.date}`;
  // A status check carries no debrief input: nothing of it is read, so nothing is left out.
  return { kind: 'status_check', subject: subj, body, text: emailText(to, [], subj, body), to, cc: [], rules: RULES, gaps: [], leftOut: [] };
}

function topic(kind: UpdateKind, f: Facts, note: string | undefined): { parts: Part[]; subject: string; gaps: DraftGap[] } {
  const n = present(note) ? phrase(note) : undefined;
  const noteGap: DraftGap[] = n === undefined ? [{ field: 'note' }] : [];
  switch (kind) {
    case 'update_skill': {
      const parts = n !== undefined
        ? [keep(`Since our conversation I have added a skill that bears on the ${f.words.post}: ${n}.`), optional(`I would be glad to tell you more about it.`, 2)]
        : f.unfinished !== undefined
          ? [keep(`Since our conversation I have kept working on ${f.unfinished}, which we touched on in the interview.`)]
          : [keep(`Since our conversation I have kept building the skills the ${f.words.post} calls for, and I would be glad to tell you more.`)];
      return { parts, subject: `An update since our ${f.role} interview`, gaps: noteGap };
    }
    case 'update_news': {
      const link = f.workTopic !== undefined ? optional(`It seemed relevant to what you said about ${f.workTopic}.`, 2) : undefined;
      const parts = n !== undefined
        ? [keep(`I recently came across ${n}, and it made me think of the work your team described.`), ...(link ? [link] : [])]
        : [keep(`I have been following recent developments in your field, and they made me think again about the work your team described.`), ...(link ? [link] : [])];
      return { parts, subject: `Something relevant to our ${f.role} conversation`, gaps: noteGap };
    }
    case 'update_solution': {
      const about = f.workTopic !== undefined ? `about ${f.workTopic} ` : '';
      const parts = n !== undefined
        ? [keep(`Our conversation ${about}stayed with me, and I have an idea that might help: ${n}.`), optional(`I would be glad to walk you through it.`, 2)]
        : [keep(`I have given more thought to ${f.workTopic ?? 'the challenges you described'}, and I have sketched an approach I would be glad to share.`)];
      return { parts, subject: `An idea following our ${f.role} interview`, gaps: noteGap };
    }
    case 'update_question': {
      const parts = present(note)
        ? [keep(`I would value your view on one question. ${sentence(note, '?')}`)]
        : f.title !== undefined
          ? [keep(`I would value hearing how your own path led you to your work as ${f.title} at ${f.company}, and what has kept you there.`)]
          : [keep(`I would value hearing how your own path led you to ${f.company}, and what you enjoy most about your work there.`)];
      return { parts, subject: `A question following our ${f.role} interview`, gaps: noteGap };
    }
  }
}

/** An update email: the W4 opening, the update itself, then interest, the question of the decision and thanks. */
export function update(input: PersonDraftInput & { readonly kind: UpdateKind }): Draft {
  const f = factsOf(input);
  const t = topic(input.kind, f, input.note);
  const opener = f.voice.pick('update-open', [
    `I hope you are well. I interviewed for the ${f.role} ${f.words.post} at ${f.company} on ${f.date}, and I wanted to share something since we spoke.`,
    `I am writing after my interview on ${f.date} for the ${f.role} ${f.words.post} at ${f.company}, with a brief note.`,
    `Since we met on ${f.date} to discuss the ${f.role} ${f.words.post} at ${f.company}, I have had one more thought to pass on.`,
  ]);
  const decision = input.decisionBy !== undefined
    ? `I remain interested in the ${f.words.post}, and I would welcome any news on the decision you expected around ${dayInWords(input.decisionBy, f.english)}.`
    : `I remain interested in the ${f.words.post}, and I would welcome any news on the decision when you have it.`;
  const layout: Part[][] = [[keep(opener)], t.parts, [keep(decision), optional(questionsOffer(f), 1)], [keep(thanks(f))]];
  const { body } = fitBody(greeting(input.person, f.english), layout, input.candidate, UPDATE_WORDS, f.english);
  const to = personAddressee(input.person);
  return { kind: input.kind, subject: t.subject, body, text: emailText(to, [], t.subject, body), to, cc: [], rules: RULES, gaps: t.gaps, leftOut: [] };
}
