/**
 * F7 reference brief (source C): an email to one of the candidate's references saying who may
 * call, for which post, by when, and what to speak to, with an offer of the job description and
 * thanks. References are people the candidate knows, so the greeting uses their first name.
 */
import type { Person, Stage } from '../model.js';
import { emailText, fitBody, keep, optional, referenceAddressee, type Part } from './compose.js';
import type { Draft, DraftGap, ReferenceDraftInput } from './types.js';
import { dayInWords, englishOf, firstName, fullFormalName, joinList, phrase, present, wordingOf, type English } from './words.js';

const BRIEF_WORDS = 220;
const STAGE_WORDS: Readonly<Record<Stage, string>> = {
  phone_screen: 'phone screen', first_round: 'first interview', second_round: 'second interview',
  third_round: 'third interview', final: 'final interview',
};
const CALLER_ROLES = new Set<Person['role']>(['hiring_manager', 'recruiter']);

/** Who may call: the named contact, the hiring manager and recruiter, else the people of the latest interview (at most three). */
export function likelyCallers(input: ReferenceDraftInput): Person[] {
  const { application } = input;
  const iv = input.interview?.interview;
  const byId = (id: string | undefined): Person | undefined => (id === undefined ? undefined : application.people.find((p) => p.id === id));
  const out: Person[] = [];
  const add = (p: Person | undefined): void => {
    if (p !== undefined && p.role !== 'receptionist' && !out.some((x) => x.id === p.id)) out.push(p);
  };
  add(byId(iv?.contactId));
  add(byId(iv?.directions?.personId));
  for (const p of application.people) if (CALLER_ROLES.has(p.role)) add(p);
  if (out.length === 0) for (const id of iv?.peopleIds ?? []) add(byId(id));
  return out.slice(0, 3);
}

function callerName(p: Person, english: English): string {
  const title = p.title?.trim();
  return title ? `${fullFormalName(p, english)} (${title})` : fullFormalName(p, english);
}

export function referenceBrief(input: ReferenceDraftInput): Draft {
  const { reference: ref, application, candidate } = input;
  const role = application.role.trim();
  const company = application.company.trim();
  const iv = input.interview;
  const english = input.english ?? englishOf(undefined);
  const { post, cv } = wordingOf(english);
  const gaps: DraftGap[] = [];
  const where = iv !== undefined
    ? `I am a candidate for the ${role} ${post} at ${company}, where I had my ${STAGE_WORDS[iv.interview.stage]} on ${dayInWords(iv.day, english)}, and I have given your name as a reference.`
    : `I am a candidate for the ${role} ${post} at ${company}, and I have given your name as a reference.`;
  const callers = likelyCallers(input);
  const when = input.decisionBy !== undefined ? `before ${dayInWords(input.decisionBy, english)}` : 'in the coming days';
  const who = callers.length > 0
    ? `You may hear from ${joinList(callers.map((c) => callerName(c, english)))} ${when}.`
    : `Someone from ${company} may contact you ${when}.`;
  const relationship = present(ref.relationship) ? phrase(ref.relationship) : undefined;
  let speak: string;
  if (present(ref.speakTo)) speak = `It would help most if you could speak to ${phrase(ref.speakTo)}.`;
  else {
    gaps.push({ field: 'reference.speakTo', rule: 'F7' });
    speak = `It would help most if you could speak to the work we did together and the strengths that matter for a ${role}.`;
  }
  const layout: Part[][] = [
    [keep('I hope you are well.'), keep(where)],
    [keep(who), keep(speak), ...(relationship !== undefined ? [optional(`As my ${relationship}, you have seen that work at first hand.`, 2)] : [])],
    [optional(`I can send you the job description and my current ${cv} if that would help.`, 1)],
    [keep('Thank you for supporting me. If you would rather not take the call, please tell me and I will ask someone else.')],
  ];
  const { body } = fitBody(`Dear ${firstName(ref.name)},`, layout, candidate, BRIEF_WORDS, english);
  const to = referenceAddressee(ref);
  const subject = `A reference call about the ${role} ${post} at ${company}`;
  return { kind: 'reference_brief', subject, body, text: emailText(to, [], subject, body), to, cc: [], rules: ['F7', 'W3'], gaps, leftOut: [] };
}
