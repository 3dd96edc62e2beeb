/**
 * What a reply changes in the plan (F6, with F0/F1 for a new date and F7 for references): the
 * proposal as data (an action, the rules behind it) and its reason in words, and the touch that
 * applying it records in the application's history.
 */
import type { Outcome } from '../model.js';
import type { RuleId } from '../rules/protocol.js';
import type { ReplyClass, ReplyDetail } from './cues.js';
import type { DecisionDate } from './dates.js';

export const REPLY_ACTIONS = [
  'record_next_round', 'record_rejection', 'record_filled', 'new_decision_date', 'choose_decision_date', 'wait_a_week',
  'record_offer', 'brief_references', 'send_documents', 'no_change', 'answer_question', 'keep_in_history',
] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

export interface ReplyProposal {
  readonly action: ReplyAction;
  readonly rules: readonly RuleId[];
  readonly why: string;
}

/** The proposal for a reply of class `cls`. */
export function proposalFor(cls: ReplyClass, detail: ReplyDetail | undefined, decision: DecisionDate): ReplyProposal {
  switch (cls) {
    case 'next_round':
      return { action: 'record_next_round', rules: ['F6'], why: 'They invited you to another round: record the new interview once it is booked, and the plan follows it.' };
    case 'rejection':
      return detail === 'filled'
        ? { action: 'record_filled', rules: ['F6', 'X3'], why: 'The position has been filled: reply graciously, ask to be considered for similar roles, then close the application.' }
        : { action: 'record_rejection', rules: ['F6', 'X3'], why: 'They decided not to go ahead with your application: reply graciously, ask to be kept in mind for future roles, then close it.' };
    case 'not_decided':
      switch (decision.kind) {
        case 'date': return { action: 'new_decision_date', rules: ['F6', 'F0', 'F1'], why: 'They have not decided yet and gave a new date.' };
        case 'choices': return { action: 'choose_decision_date', rules: ['F6', 'F0'], why: 'They have not decided yet, and their date can be read in more than one way: pick the one they meant.' };
        case 'unread': return { action: 'wait_a_week', rules: ['F6', 'F0', 'F1'], why: 'They have not decided yet, and their date could not be read: give it yourself, or the plan expects a decision in a week.' };
        case 'none': return { action: 'wait_a_week', rules: ['F6', 'F1'], why: 'They have not decided yet and gave no date: the plan expects a decision in a week.' };
      }
      break;
    case 'offer':
      return { action: 'record_offer', rules: ['F6'], why: 'They made you an offer: record it and compare it with your other options before you answer.' };
    case 'references_requested':
      return detail === 'references'
        ? { action: 'brief_references', rules: ['F7'], why: 'They asked for references: send them, and brief each reference before they are called.' }
        : { action: 'send_documents', rules: ['F6'], why: 'They asked for documents: send what they asked for; the plan then waits for their decision.' };
    case 'out_of_office':
      return { action: 'no_change', rules: [], why: 'This is an automatic reply, not their answer: the plan stays as it is.' };
    case 'question':
      return { action: 'answer_question', rules: ['F6'], why: 'They asked you something: answer it; the plan then waits for their decision.' };
    case 'other':
      return { action: 'keep_in_history', rules: ['F6'], why: 'Their message gives no decision, date or request: it is kept in the history, and the plan waits a week for news.' };
  }
  return { action: 'keep_in_history', rules: ['F6'], why: 'Their message is kept in the history.' };
}

/** The outcome a touch records when the proposal is applied (PROTOCOL §1's outcomes; an auto-reply is no answer). */
export function outcomeFor(action: ReplyAction): Outcome {
  switch (action) {
    case 'record_next_round': return 'next_round';
    case 'record_rejection': return 'rejected';
    case 'record_filled': return 'filled';
    case 'new_decision_date':
    case 'choose_decision_date':
    case 'wait_a_week': return 'not_decided';
    case 'record_offer': return 'offer';
    case 'no_change': return 'no_answer';
    case 'brief_references':
    case 'send_documents':
    case 'answer_question':
    case 'keep_in_history': return 'reply_received';
  }
}
