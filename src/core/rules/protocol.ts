/**
 * The protocol of PROTOCOL.md as data: every rule with its id, its sources and, for timing rules,
 * the parameter group in `params.ts` that holds its numbers. Recommendations cite these ids.
 */
import type { ProtocolParams } from './params.js';

/** The five source articles (PROTOCOL.md, "Source keys"). */
export const SOURCES = {
  A: 'Course module on post-interview follow-up and etiquette',
  B: 'Five tips from a career agency on following up after an interview',
  C: 'Five follow-up tips after an interview',
  D: 'Timing and content of follow-ups',
  E: 'Follow-up call after an interview: dos and don\u2019ts',
} as const;
export type SourceKey = keyof typeof SOURCES;

export type RuleGroup = 'timing' | 'content' | 'tone' | 'red_flag';

export interface Rule {
  readonly id: string;
  readonly group: RuleGroup;
  readonly title: string;
  /** The rule in plain words, as shown to users ("why this date?"). */
  readonly text: string;
  readonly source: readonly SourceKey[];
  /** Where its numbers live in `ProtocolParams`, when it has numbers. */
  readonly params?: keyof ProtocolParams;
}

export const RULES = [
  // §3 timing
  { id: 'T1', group: 'timing', title: 'One thank-you per person met', source: ['A', 'B', 'E'],
    text: 'Thank every person you met: each interviewer, plus the recruiter or coordinator where one took part.' },
  { id: 'T2', group: 'timing', title: 'Thank-you timing', source: ['A', 'B'], params: 'T2',
    text: 'Morning interview: thank them the same day by 17:00; afternoon interview: by 12:00 the next day; at the latest 24 hours after it ended, and never sooner than an hour after it.' },
  { id: 'T3', group: 'timing', title: 'Panel interviews', source: ['A', 'B', 'E'], params: 'T3',
    text: 'After a panel, one note to the panel lead with the other panelists in CC (or individual notes, which must differ).' },
  { id: 'T4', group: 'timing', title: 'Letters and handwritten notes', source: ['A', 'E'],
    text: 'Mail a letter the same day the email would go; drop off a handwritten note only when you are local. No gifts or flowers.' },
  { id: 'F0', group: 'timing', title: 'The employer\u2019s timeline', source: ['A', 'C', 'E'],
    text: 'The employer\u2019s words ("by Friday", "within two weeks", "end of the month") give the decision date.' },
  { id: 'F1', group: 'timing', title: 'First check after a given decision date', source: ['A', 'C'], params: 'F1',
    text: 'When they gave a decision date, check in 2\u20133 business days after it, never before it.' },
  { id: 'F2', group: 'timing', title: 'First check without a timeline', source: ['A', 'B', 'C', 'D'], params: 'F2',
    text: 'Without a timeline: within the week after a phone screen, about a week after the thank-you after a first round, 7\u201310 days after later rounds.' },
  { id: 'F3', group: 'timing', title: 'Follow the employer\u2019s directions', source: ['B', 'D'], params: 'F3',
    text: 'When the employer said when, how or whom to contact, do exactly that.' },
  { id: 'F4', group: 'timing', title: 'Later checks', source: ['A', 'B'], params: 'F4',
    text: 'One final check a week or so after an unanswered one; with a go-ahead to keep checking in, every 7\u201310 business days.' },
  { id: 'F5', group: 'timing', title: 'Know when to move on', source: ['A', 'B', 'E'], params: 'F5',
    text: 'After two unanswered checks, or a month without a response (five weeks with a go-ahead), move on.' },
  { id: 'F6', group: 'timing', title: 'Replies and decisions change the plan', source: ['E'], params: 'F6',
    text: 'A reply, a decision or a new round pauses or replaces the plan.' },
  { id: 'F7', group: 'timing', title: 'Brief your references', source: ['C'], params: 'F7',
    text: 'From the second round, or when references are requested, brief each reference within 2 business days and before the decision.' },
  { id: 'C1', group: 'timing', title: 'When to call', source: ['E'], params: 'C1',
    text: 'Never call on a Monday or the day after the interview; call after lunch (13:00\u201315:00) or in the last working hour.' },
  { id: 'C2', group: 'timing', title: 'How often to call', source: ['E'], params: 'C2',
    text: 'At most one call a week per application, and no more than two follow-up calls in all.' },
  { id: 'C3', group: 'timing', title: 'Which channel', source: ['A', 'D', 'E'],
    text: 'Use the channel the employer asked for, else the person\u2019s preferred one, else yours, else email; never in person, never personal social networks.' },
  { id: 'P1', group: 'timing', title: 'Keep searching', source: ['B', 'E'], params: 'P1',
    text: 'Keep at least two applications active and keep adding new ones while you wait.' },
  { id: 'P2', group: 'timing', title: 'Patience guard', source: ['A', 'C', 'E'],
    text: 'A status check before its earliest moment can look pushy: wait, or confirm that you mean it.' },
  // §4 drafts
  { id: 'W1', group: 'content', title: 'Greeting', source: ['A', 'D'],
    text: 'Greet with honorific and surname; first name only if they invited informality. In British English, no stop after Mr, Mrs, Ms, Mx or Dr (\u201CDear Dr Okafor,\u201D).' },
  { id: 'W2', group: 'content', title: 'Body of a thank-you', source: ['A', 'B', 'C'],
    text: 'Thanks for their time, one specific detail from your conversation, optionally a sincere compliment, a best moment or a short fix, an offer to send more.' },
  { id: 'W3', group: 'content', title: 'Close', source: ['A', 'D'],
    text: 'Close on thanks, then "Sincerely," ("Yours sincerely," in British English) and your name and contact details.' },
  { id: 'W4', group: 'content', title: 'Status check opening', source: ['D', 'E'],
    text: 'Your name, the post and the interview date; continued interest; ask whether a decision was made; offer to answer questions.' },
  { id: 'X1', group: 'content', title: 'Call script', source: ['E'],
    text: 'A 2\u20135 minute call with branches for the receptionist, not decided, filled and a close offering to call again in a week.' },
  { id: 'X2', group: 'content', title: 'Voicemail script', source: ['E'],
    text: 'One or two sentences: who you are, the interview you follow up on, your number.' },
  { id: 'X3', group: 'content', title: 'Replies to a decision', source: ['E'],
    text: 'Gracious in every case; after a rejection or a filled post, ask to be kept in mind.' },
  // §4 tone check
  { id: 'L1', group: 'tone', title: 'Emoji', source: ['A'], text: 'No emoji or emoticons.' },
  { id: 'L2', group: 'tone', title: 'Exclamation marks', source: ['A'], text: 'At most one exclamation mark, never "!!" or "?!".' },
  { id: 'L3', group: 'tone', title: 'Over-excitement', source: ['A'], text: 'No excitable adjectives, adverbs or intensifiers.' },
  { id: 'L4', group: 'tone', title: 'Desperation or pressure', source: ['E'], text: 'No desperation, pressure, frustration or anger.' },
  { id: 'L5', group: 'tone', title: 'Uninvited familiarity', source: ['D'], text: 'No first names or "Hi/Hey" unless they invited it.' },
  { id: 'L6', group: 'tone', title: 'Names and titles', source: ['E'], text: 'Names and titles spelled exactly as on record; no one from outside this application.' },
  { id: 'L7', group: 'tone', title: 'Near-identical notes', source: ['B', 'E'], text: 'Notes to different people must differ.' },
  { id: 'L8', group: 'tone', title: 'Wrong company', source: ['D'], text: 'Name this application\u2019s company and post, and no other company from your pipeline.' },
  { id: 'L9', group: 'tone', title: 'Length', source: ['A', 'C', 'E'], text: 'Keep it short: thank-you \u2264 200 words, status check \u2264 150, voicemail \u2264 40, call \u2264 5 minutes.' },
  { id: 'L10', group: 'tone', title: 'Missing parts', source: ['A', 'D'], text: 'A greeting with a name, thanks, a sign-off with your name, and for a thank-you a specific detail.' },
  { id: 'L11', group: 'tone', title: 'Gifts and visits', source: ['A', 'E'], text: 'No gifts, no flowers, no proposal to meet in person to follow up.' },
  { id: 'L12', group: 'tone', title: 'Spelling and grammar', source: ['E'], text: 'No spelling or grammar errors.' },
  { id: 'L13', group: 'tone', title: 'Grammar seams', source: ['A', 'D', 'E'], text: 'No seams where your own words meet the template: no stray capitals, pasted clauses, doubled punctuation or unclosed brackets.' },
  // §5 red flags
  { id: 'R1', group: 'red_flag', title: 'Unclear role', source: ['A'], text: 'The interviewer was unclear about the role or its responsibilities.' },
  { id: 'R2', group: 'red_flag', title: 'Public image clash', source: ['A'], text: 'The public image from your research clashes with what you saw.' },
  { id: 'R3', group: 'red_flag', title: 'Disengaged interviewer', source: ['A'], text: 'The interviewer seemed disengaged or asked only generic, repeated questions.' },
  { id: 'R4', group: 'red_flag', title: 'Leadership in flux', source: ['A'], text: 'Leadership in flux, floundering, or high turnover.' },
  { id: 'R5', group: 'red_flag', title: 'Unclear mission', source: ['A'], text: 'Unclear or contradictory mission.' },
  { id: 'R6', group: 'red_flag', title: 'Unprepared interviewer', source: ['A'], text: 'The interviewer was unprepared (counts double if they would be your manager).' },
  { id: 'R7', group: 'red_flag', title: 'Process dragged on', source: ['A'], text: 'The process dragged on for months (over 60 days from application to latest interview).' },
  { id: 'R8', group: 'red_flag', title: 'Something else', source: ['B'], text: 'Anything else that rubbed you the wrong way.' },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
