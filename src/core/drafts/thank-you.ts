/**
 * Thank-you notes (W1–W3): an email, a mailed letter, or one panel note to the lead with the other
 * panelists in CC (T3). Each note thanks the person for their time, names the post, the company
 * and the date, carries that person's detail from the debrief, its share of the debrief (a best
 * moment recapped, an unfinished or awkward answer offered a fix), an offer to send material, and
 * closes on thanks and "Sincerely,".
 */
import type { Person } from '../model.js';
import type { RuleId } from '../rules/protocol.js';
import { emailText, fitBody, greeting, keep, optional, personAddressee, type Part } from './compose.js';
import { detailOf, factsOf, metAt, type Facts } from './facts.js';
import type { DetailForm } from './language/fit.js';
import { FAMILY_FACT } from './language/read.js';

/** "we're aligned on…", "we both think…": what the candidate and the person share now, not a moment of the interview. */
/** A topic that is already the person's own view or words. */
const YOUR_VIEW = /^your (?:own )?(?:views?|take|thoughts?|points?|perspective|opinions?|ideas?|sense|comments?|remarks?|advice|description|explanation|story|stories)\b/i;
/** A best moment that lists several things ("Python, the forecasting project, and my ops background"). */
const SEVERAL = /,[^,]+,?\s+(?:and|&)\s/;
const PRESENT_OURS = /^we(?:'re| are| both (?:are|think|see|agree|want)| agree| share| see)\b/i;
import type { DebriefField, Draft, DraftGap, LeftOut, PersonDraftInput } from './types.js';
import { addressName, dayInWordsWithYear, fullFormalName, joinList, readablePhone, surname, type English } from './words.js';

/** L9: a thank-you body stays within 200 words; a margin keeps edits by the user within it too. */
const THANK_YOU_WORDS = 180;
const RULES: readonly RuleId[] = ['W1', 'W2', 'W3'];

function opening(f: Facts): string {
  const verb = f.meeting === 'meeting' ? 'meet' : 'speak';
  const post = f.words.post;
  return f.voice.pick('open', [
    `Thank you for ${f.meeting} with me on ${f.date} about the ${f.role} ${post} at ${f.company}.`,
    `I appreciated the chance to ${verb} with you on ${f.date} and to learn more about the ${f.role} role at ${f.company}.`,
    `Thank you for your time on ${f.date}. Our conversation gave me a clear picture of the ${f.role} ${post} and of the team at ${f.company}.`,
    `It was a pleasure to ${verb} with you on ${f.date} during my interview for the ${f.role} ${post} at ${f.company}, and I am grateful for the time you gave me.`,
    `Many thanks for interviewing me on ${f.date} for the ${f.role} opening at ${f.company}.`,
    `I am writing to thank you for our interview on ${f.date}; learning how ${f.company} thinks about the ${f.role} ${post} was valuable to me.`,
    `Thank you for the thoughtful interview on ${f.date}. I came away with a better understanding of the ${f.role} ${post} and of how ${f.company} works.`,
  ]);
}

/**
 * The frames a detail may take. A detail with a comma of its own ("…closed 14 deals last year, mostly
 * mid-market") goes only where it ends the sentence: in the middle, its comma would leave the rest
 * hanging ("…, mostly mid-market helped me see…").
 */
function framed(f: Facts, d: DetailForm, frames: readonly [string, ...string[]]): string {
  const [first, ...rest] = d.text.includes(',') ? frames.filter((x) => x.endsWith(`${d.text}.`)) : [];
  return f.voice.pick('detail', first !== undefined ? [first, ...rest] : frames);
}

/** The sentence that carries the person's own detail, in the frame its grammar fits. */
function detailFrame(f: Facts, d: DetailForm): string {
  switch (d.form) {
    case 'topic':
      // "your view that dashboards answer one question": not "your thoughts on your view that…".
      if (YOUR_VIEW.test(d.text)) {
        return f.voice.pick('detail', [
          `I valued hearing ${d.text}.`,
          `${capitalise(d.text)} has stayed with me since.`,
          `I have been thinking since about ${d.text}.`,
        ]);
      }
      return framed(f, d, [
        `In particular, I valued what you shared about ${d.text}.`,
        `Your point about ${d.text} has stayed with me since.`,
        `What you said about ${d.text} helped me see what the team needs most.`,
        `I keep returning to our exchange about ${d.text}.`,
        `Hearing your thoughts on ${d.text} was the part of the conversation I learned the most from.`,
        `I enjoyed hearing about ${d.text}.`,
        `I have been thinking since about ${d.text}, and about where I could contribute.`,
      ]);
    case 'fact':
      if (FAMILY_FACT.test(d.text)) return `It was good to hear that ${d.text}.`;
      return framed(f, d, [
        `It was helpful to hear that ${d.text}.`,
        `It was useful to learn that ${d.text}.`,
        `Learning that ${d.text} helped me see what the team needs most.`,
        `I have been thinking since about the news that ${d.text}, and about how I could contribute.`,
        `It stayed with me that ${d.text}.`,
      ]);
    case 'act':
      return f.voice.pick('detail', [
        `I appreciated it when ${d.text}.`,
        `I especially valued the moment when ${d.text}.`,
        `It meant a great deal to me that ${d.text}.`,
      ]);
    case 'ours':
      // A state ("we are aligned on…") has no moment: it was learnt.
      if (PRESENT_OURS.test(d.text)) return `It was good to learn that ${d.text.replace(/^we're\b/i, 'we are')}.`;
      return f.voice.pick('detail', [
        `In particular, I was glad that ${d.text}.`,
        `I valued the moment when ${d.text}.`,
      ]);
    case 'question':
      return `Your question, \u201C${d.text}\u201D, has stayed with me since.`;
    case 'quote':
      return `Your words, \u201C${d.text}\u201D, have stayed with me since.`;
  }
}

function detailSentence(f: Facts): string {
  if (f.detail !== undefined) return detailFrame(f, f.detail);
  const post = f.words.post;
  if (f.title !== undefined) {
    return f.voice.pick('no-detail', [
      `Hearing how you see the work from your seat as ${f.title} was useful to me.`,
      `It helped to hear the view of the ${f.title} on what success looks like in this ${post}.`,
      `Your perspective as ${f.title} gave me a clear sense of how the team works.`,
      `Learning how the ${f.title} role connects with this ${post} helped me see where I could contribute.`,
      `I valued the chance to hear from you as ${f.title} about what the team is working toward.`,
      `Your questions, and your view as ${f.title}, showed me what the team cares about.`,
    ]);
  }
  return f.voice.pick('no-detail', [
    `Your questions gave me a clear sense of what the team values.`,
    `I came away with a good sense of how the team works from day to day.`,
    `Our conversation helped me understand what matters most in this ${post}.`,
    `Hearing how you approach the work helped me see where I could contribute.`,
    `The questions you asked showed me the standards the team sets for itself.`,
    `I left with a clearer view of the challenges the team is taking on.`,
  ]);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A moment that is a piece of the candidate's work (a case study, a model, a portfolio piece), which the frames may call "the kind of work I would do". */
const WORK = /\b(?:projects?|case stud(?:y|ies)|portfolio|piece|models?|dashboards?|analys[ie]s|plans?|designs?|redesign|campaigns?|walk-?through|presentations?|demos?|prototypes?|code|exercises?|tasks?|proposals?|reports?|pipelines?|forecasts?|strateg(?:y|ies)|roadmaps?|frameworks?|migrations?|rollouts?|launch(?:es)?|experiments?|tests?|audits?|budgets?|lessons?|sketch(?:es)?|drawings?|samples?|brief|results?|work)\b/i;

function debriefParts(f: Facts): Part[] {
  const parts: Part[] = [];
  const post = f.words.post;
  const b = f.best;
  if (b !== undefined) {
    const text = b.form === 'doing'
      ? f.voice.pick('best', [
        `I enjoyed ${b.text}; it is the kind of work I hope to bring to ${f.company}.`,
        `${capitalise(b.text)} was a highlight of the interview for me.`,
        `I valued the time we spent ${b.text}, as it reflects the work I would do in this ${post}.`,
      ])
      : WORK.test(b.text) ? f.voice.pick('best', [
        `I enjoyed our discussion of ${b.text}; it is the kind of work I hope to bring to ${f.company}.`,
        `Talking through ${b.text} was a highlight of the interview for me.`,
        `Our exchange on ${b.text} reflected the work I most want to do.`,
        `I was pleased we had time for ${b.text}, as ${SEVERAL.test(b.text) ? 'they show' : 'it shows'} the kind of work I would do in this ${post}.`,
      ])
      // Not a piece of work ("my closing question", "the culture"): no claim that it shows my work.
      : f.voice.pick('best', [
        `I especially enjoyed our exchange on ${b.text}.`,
        `Talking through ${b.text} was a highlight of the interview for me.`,
        `I was glad we had time to discuss ${b.text}.`,
        `Our conversation about ${b.text} stayed with me afterwards.`,
      ]);
    parts.push(optional(text, 3, { field: 'bestMoments', text: b.text }));
  }
  if (f.unfinished !== undefined) {
    parts.push(optional(f.voice.pick('unfinished', [
      `I did not finish my answer on ${f.unfinished}, and I would be glad to send a fuller reply in writing.`,
      `My answer on ${f.unfinished} was incomplete; I can follow up with a short written summary if that would help.`,
      `I would also like to complete my answer on ${f.unfinished}, and I can send a brief note on it.`,
    ]), 5, { field: 'unfinishedAnswers', text: f.unfinished }));
  }
  if (f.awkward !== undefined) {
    parts.push(optional(f.voice.pick('awkward', [
      `Looking back, I could have answered the question on ${f.awkward} more clearly, and I would welcome the chance to go over it again.`,
      `I did not explain ${f.awkward} as well as I wanted to, and I would welcome the chance to go over my answer again.`,
      `On reflection, my comments on ${f.awkward} came out less clearly than I meant; I would be glad to expand on them.`,
    ]), 6, { field: 'awkwardMoments', text: f.awkward }));
  }
  return parts;
}

function offer(f: Facts): Part {
  return optional(f.voice.pick('offer', [
    `If it would help, I can send samples of my work or a list of references.`,
    `Please let me know if I can send anything further, such as examples of past projects.`,
    `I would be happy to provide any additional material you may need.`,
    `Should you need more from me, such as work samples or references, I can send them promptly.`,
    `I am glad to share further material on my background if it would be useful.`,
    `If examples of my earlier work would be useful, I can send them.`,
  ]), 2);
}

function closing(f: Facts): string {
  return f.voice.pick('close', [
    `Thank you again for your time and consideration.`,
    `Thank you once more; I look forward to hearing about the next steps.`,
    `I appreciate your time and hope to continue the conversation.`,
    `With thanks for a thoughtful conversation, I look forward to hearing from you.`,
    `Thank you again, and I hope we speak soon.`,
    `Once again, thank you for your time.`,
    `Thank you for your consideration, and I hope to hear from you soon.`,
  ]);
}

/** The paragraphs of an individual note, in one of four layouts. */
function layout(f: Facts): Part[][] {
  const open = keep(opening(f));
  const detail = keep(detailSentence(f));
  const items = debriefParts(f);
  const more = offer(f);
  const close = keep(closing(f));
  return f.voice.pick('layout', [
    [[open, detail], [...items, more], [close]],
    [[open], [detail, ...items], [more, close]],
    [[open, detail, ...items, more], [close]],
    [[open], [detail], [...items, more, close]],
  ]);
}

function subject(f: Facts): string {
  return f.voice.pick('subject', [
    `Thank you: ${f.role} interview on ${f.date}`,
    `Our conversation about the ${f.role} ${f.words.post}`,
    `With thanks, after my ${f.role} interview`,
    `Following our ${f.role} interview: thank you`,
  ]);
}

/**
 * How a note to someone else names a person: formally, whatever they allowed the candidate, since
 * the recipient did not; with the full name when another person of the application shares the surname.
 */
function mentionName(p: Person, people: readonly Person[], english: English): string {
  const clash = people.some((o) => o.id !== p.id && surname(o.name) === surname(p.name));
  return clash ? fullFormalName(p, english) : addressName({ ...p, informal: false }, english);
}

function detailGap(f: Facts): DraftGap[] {
  return f.detail === undefined ? [{ field: 'person.detail', rule: 'W2' }] : [];
}

export function thankYouEmail(input: PersonDraftInput): Draft {
  const f = factsOf(input);
  const { body, dropped } = fitBody(greeting(input.person, f.english), layout(f), input.candidate, THANK_YOU_WORDS, f.english);
  const to = personAddressee(input.person);
  const subj = subject(f);
  return {
    kind: 'thank_you_email', subject: subj, body, text: emailText(to, [], subj, body), to, cc: [], rules: RULES, gaps: detailGap(f),
    leftOut: [...f.leftOut, ...dropped],
  };
}

/** T4: the same note as a mailed letter: sender and recipient blocks, the date, then the note. */
export function thankYouLetter(input: PersonDraftInput): Draft {
  const f = factsOf(input);
  const { body, dropped } = fitBody(greeting(input.person, f.english), layout(f), input.candidate, THANK_YOU_WORDS, f.english);
  const c = input.candidate;
  const sender = [c.name.trim(), c.address?.trim(), [c.email?.trim(), c.phone?.trim() ? readablePhone(c.phone) : undefined].filter(Boolean).join(' \u00b7 ')]
    .filter((l): l is string => l !== undefined && l !== '');
  const p = input.person;
  const recipient = [fullFormalName(p, f.english), p.title?.trim(), f.company, p.address?.trim()]
    .filter((l): l is string => l !== undefined && l !== '');
  const blocks = [sender.join('\n'), input.today !== undefined ? dayInWordsWithYear(input.today, f.english) : undefined, recipient.join('\n'), body];
  const text = `${blocks.filter((b): b is string => b !== undefined && b !== '').join('\n\n')}\n`;
  return { kind: 'thank_you_letter', body, text, to: personAddressee(p), cc: [], rules: RULES, gaps: detailGap(f), leftOut: [...f.leftOut, ...dropped] };
}

/**
 * T3: one note to the panel lead (the recipient), thanking the whole panel by name, with each
 * other panelist's detail in a sentence of its own; the other panelists go in CC.
 */
export function thankYouPanel(input: PersonDraftInput): Draft {
  const f = factsOf(input, { allDebrief: true });
  const lead = input.person;
  const post = f.words.post;
  const others = metAt(input).filter((p) => p.id !== lead.id);
  const names = others.map((p) => mentionName(p, input.application.people, f.english));
  const open = names.length === 0
    ? keep(opening(f))
    : keep(f.voice.pick('panel-open', [
      `Thank you, and through you ${joinList(names)}, for the panel interview on ${f.date} for the ${f.role} ${post} at ${f.company}.`,
      `I am grateful to you and to ${joinList(names)} for the time the panel gave me on ${f.date} to discuss the ${f.role} ${post} at ${f.company}.`,
      `Please accept my thanks, and share them with ${joinList(names)}, for the panel conversation on ${f.date} about the ${f.role} role at ${f.company}.`,
    ]));
  const leftOut: LeftOut[] = [...f.leftOut];
  const theirs: Part[] = others.flatMap((p, i) => {
    const name = mentionName(p, input.application.people, f.english);
    const d = detailOf(input, p, { name });
    leftOut.push(...d.leftOut);
    if (d.value === undefined) return [];
    // Kept longer than the offer and the debrief items; the last-named panelist's goes first.
    return [optional(panelistSentence(d.value, name, i), (i + 1) / (others.length + 1), { field: 'details', personId: p.id, text: d.value.text })];
  });
  const items = debriefParts(f);
  const paragraphsOf: Part[][] = [[open, keep(detailSentence(f)), ...theirs], [...items, offer(f)], [keep(closing(f))]];
  const { body, dropped } = fitBody(greeting(lead, f.english), paragraphsOf, input.candidate, THANK_YOU_WORDS, f.english);
  const to = personAddressee(lead);
  const cc = others.map(personAddressee);
  const subj = `Thank you to the panel: ${f.role} interview on ${f.date}`;
  return {
    kind: 'thank_you_panel', subject: subj, body, text: emailText(to, cc, subj, body), to, cc, rules: RULES, gaps: detailGap(f),
    leftOut: [...leftOut, ...dropped],
  };
}

/** Another panelist's detail in the lead's note: theirs, by name, never the lead's. */
function panelistSentence(d: DetailForm, name: string, i: number): string {
  const pick = (forms: readonly [string, ...string[]]): string => forms[i % forms.length] ?? forms[0];
  switch (d.form) {
    case 'topic':
      return pick([
        `My thanks as well to ${name} for the discussion of ${d.text}.`,
        `I also valued hearing from ${name} about ${d.text}.`,
        `I was glad to hear from ${name} about ${d.text}.`,
      ]);
    case 'fact':
      // A fact whose subject is the panelist already names them.
      return d.text.startsWith(name)
        ? pick([`It was good to learn that ${d.text}.`, `It was also helpful to hear that ${d.text}.`])
        : pick([`It was also helpful to hear from ${name} that ${d.text}.`, `It was useful to learn from ${name} that ${d.text}.`]);
    case 'act':
      return pick([`I also appreciated it when ${d.text}.`, `I also valued the moment when ${d.text}.`]);
    case 'ours':
      if (PRESENT_OURS.test(d.text)) return `My thanks as well to ${name}; it was good to learn that ${d.text.replace(/^we're\b/i, 'we are')}.`;
      return `My thanks as well to ${name}, especially for the moment when ${d.text}.`;
    case 'question':
      return `My thanks as well to ${name}, whose question, \u201C${d.text}\u201D, has stayed with me.`;
    case 'quote':
      return `My thanks as well to ${name}, whose words, \u201C${d.text}\u201D, have stayed with me.`;
  }
}

/**
 * The sentence one debrief field becomes in a thank-you note to `input.person`, for the debrief
 * form's live preview: the person's detail in its frame, or the moment's sentence; undefined
 * (with the reason in `leftOut`) when the input would be left out.
 */
export function previewSentence(input: PersonDraftInput, field: DebriefField): { sentence?: string; leftOut: readonly LeftOut[] } {
  const f = factsOf(input, { allDebrief: true });
  if (field === 'details') return { ...(f.detail !== undefined ? { sentence: detailFrame(f, f.detail) } : {}), leftOut: f.leftOut.filter((l) => l.field === 'details') };
  const carried = debriefParts(f).find((p) => p.carries?.field === field);
  return { ...(carried !== undefined ? { sentence: carried.text } : {}), leftOut: f.leftOut.filter((l) => l.field === field) };
}
