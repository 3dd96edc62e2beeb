/** The words of the tone check: one message and one concrete suggestion per finding (data in types.ts). */
import type { FindingData, PassivePhrase, ToneKind } from './types.js';

const KIND_WORDS: Readonly<Record<ToneKind, string>> = {
  thank_you: 'a thank-you note', status_check: 'a status check', update: 'an update', reply: 'a reply',
  voicemail: 'a voicemail', call_script: 'a call script',
};

/** “text”, shortened to 40 characters on one line. */
function q(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `\u201C${one.length > 40 ? `${one.slice(0, 39)}\u2026` : one}\u201D`;
}

const OPENERS = '([';

/** A subject pronoun opens the words: "She mentioned", "I blanked", "they asked". */
const SUBJECT = /^(?:i|she|he|they|we|it|you)(?:['\u2019]\p{L}+)?(?: |$)/iu;

/** "She mentioned" → "she mentioned"; "I" stays. */
function lowerFirst(words: string): string {
  return /^I(?:['\u2019 ]|$)/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

function list(items: readonly string[]): string {
  const quoted = items.map(q);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] ?? ''}`;
}

/** L4's passive aggression: what the phrase does, and a calmer way to say what it means. */
const PASSIVE: Readonly<Record<PassivePhrase, { readonly what: string; readonly calmer: string }>> = {
  earlier_message: {
    what: 'points back at a message they have not answered',
    calmer: 'Say the point again in a sentence of its own, e.g. \u201CTo recap briefly, I can start in April.\u201D',
  },
  said_before: {
    what: 'reminds them you have said it already',
    calmer: 'State the point once, plainly, e.g. \u201CI am available to start in April.\u201D',
  },
  again: {
    what: 'stresses that you are writing once more',
    calmer: 'Let this note stand on its own, e.g. \u201CI am following up on my interview for the role.\u201D',
  },
  bump: {
    what: 'treats your note as something they overlooked',
    calmer: 'Check in with a full sentence, e.g. \u201CI wanted to check whether there is any update on the decision.\u201D',
  },
  busy_but: {
    what: 'sounds sarcastic about how busy they are',
    calmer: 'Acknowledge it sincerely, or not at all, e.g. \u201CI know this is a busy time, and I appreciate your time.\u201D',
  },
  deadline: {
    what: 'sets the employer a deadline',
    calmer: 'Ask instead, e.g. \u201CCould you let me know when you expect to decide?\u201D; if another offer has a deadline, say so: \u201CI have another offer to answer by Friday.\u201D',
  },
  repeated: {
    what: 'counts the times you have written',
    calmer: 'Leave the count out, e.g. \u201CI wanted to check in on my application for the role.\u201D',
  },
};

export interface Wording {
  readonly message: string;
  readonly suggestion: string;
}

export function renderFinding(f: FindingData): Wording {
  switch (f.rule) {
    case 'L1':
      return f.code === 'emoji'
        ? { message: `Emoji ${q(f.found)} in a professional note.`, suggestion: `Delete ${q(f.found)}; let your words carry the warmth.` }
        : { message: `Emoticon ${q(f.found)} in a professional note.`, suggestion: `Delete ${q(f.found)}.` };
    case 'L2':
      return f.code === 'exclamation_run'
        ? { message: `${q(f.found)}: stacked punctuation reads as shouting.`, suggestion: `Write a single full stop${f.found.includes('?') ? ' or question mark' : ''} instead of ${q(f.found)}.` }
        : { message: `${f.count} exclamation marks in the text; keep at most one.`, suggestion: 'Replace this \u201C!\u201D with a full stop.' };
    case 'L3':
      switch (f.code) {
        case 'stretched':
          return { message: `${q(f.found)} is stretched for effect.`, suggestion: `Write ${q(f.instead)}.` };
        case 'repeated_intensifier':
          return { message: `${q(f.found)} repeats an intensifier.`, suggestion: `Write ${q(f.instead)} once, or drop it.` };
        case 'intensifier':
          return {
            message: `${q(f.found)} sounds over-excited for a professional note.`,
            suggestion: f.instead ? `Use a measured word such as ${q(f.instead)}.` : `Delete ${q(f.found)}; the sentence is stronger without it.`,
          };
      }
      break;
    case 'L4': {
      if (f.code === 'passive_aggression') {
        const { what, calmer } = PASSIVE[f.phrase];
        return { message: `${q(f.found)} ${what}, which reads as passive-aggressive.`, suggestion: `Remove ${q(f.found)}. ${calmer}` };
      }
      const what = { desperation: 'sounds desperate', pressure: 'puts pressure on the reader', reproach: 'reads as a reproach', frustration: 'shows frustration' }[f.code];
      const fix = {
        desperation: 'State your continued interest calmly, e.g. \u201CI remain very interested in the role.\u201D',
        pressure: 'Ask politely instead, e.g. \u201CCould you let me know when you expect to decide?\u201D',
        reproach: 'Ask neutrally, e.g. \u201CI wanted to check whether there is any update on the decision.\u201D',
        frustration: 'Leave the feeling out and keep to facts and thanks.',
      }[f.code];
      return { message: `${q(f.found)} ${what}.`, suggestion: `Remove ${q(f.found)}. ${fix}` };
    }
    case 'L5':
      return f.code === 'casual_greeting'
        ? { message: `${q(f.found)} is too familiar: they have not invited first-name terms.`, suggestion: `Open with \u201CDear ${f.formal},\u201D.` }
        : { message: `First name ${q(f.found)} used, but they have not invited first-name terms.`, suggestion: `Write ${q(f.formal)} instead.` };
    case 'L6':
      switch (f.code) {
        case 'name_misspelled':
          return { message: `${q(f.found)} is not how the name is spelled on record.`, suggestion: `Write ${q(f.expected)}.` };
        case 'wrong_honorific':
          return { message: `${q(f.found)} is not their title on record.`, suggestion: `Write ${q(f.expected)}.` };
        case 'title_misspelled':
          return { message: `${q(f.found)} differs from their job title on record.`, suggestion: `Write ${q(f.expected)}.` };
        case 'title_wrong':
          return { message: `${q(f.found)} is not their job title: the record says ${q(f.expected)}.`, suggestion: `Write ${q(f.expected)}, or correct their title in the record if it has changed.` };
        case 'unknown_person':
          return {
            message: `${q(f.found)} is not among the people on this application.`,
            suggestion: f.recipient ? `Check the name; this note goes to ${f.recipient}.` : 'Check the name, or add this person to the application.',
          };
      }
      break;
    case 'L7':
      return {
        message: `This note is ${Math.round(f.similarity * 100)}% the same as note ${f.other + 1}; each person should get their own note.`,
        suggestion: 'Rewrite the body around something specific from your conversation with this person.',
      };
    case 'L8':
      switch (f.code) {
        case 'other_company':
          return {
            message: `${q(f.found)} is another company in your pipeline, not the one you are writing to.`,
            suggestion: f.company ? `Replace ${q(f.found)} with ${q(f.company)}.` : `Remove ${q(f.found)}.`,
          };
        case 'missing_company':
          return { message: `The text does not name the company, ${f.company}.`, suggestion: `Mention ${q(f.company)} by name, e.g. when you name the post.` };
        case 'missing_role':
          return { message: `The text does not name the post, ${f.role}.`, suggestion: `Name the post, e.g. \u201Cthe ${f.role} position\u201D.` };
      }
      break;
    case 'L9': {
      if (f.kind === 'call_script') {
        const minutes = Math.round((f.minutes ?? f.words / 150) * 10) / 10;
        return { message: `The call script runs about ${minutes} minutes (${f.words} words); keep it within ${f.limit} words.`, suggestion: `Cut ${f.words - f.limit} words, starting with what is highlighted.` };
      }
      const body = f.kind === 'voicemail' ? 'The voicemail' : `The body of ${KIND_WORDS[f.kind]}`;
      return { message: `${body} has ${f.words} words; keep it within ${f.limit}.`, suggestion: `Cut ${f.words - f.limit} words, starting with what is highlighted.` };
    }
    case 'L10':
      switch (f.code) {
        case 'no_greeting':
          return { message: 'No greeting with their name.', suggestion: f.formal ? `Open with \u201CDear ${f.formal},\u201D.` : 'Open with \u201CDear\u201D, their title and surname.' };
        case 'no_thanks':
          return { message: `No thanks in ${KIND_WORDS[f.kind]}.`, suggestion: 'Thank them for their time, e.g. \u201CThank you for your time.\u201D' };
        case 'no_signoff':
          if (f.spoken) return { message: `The script never says your full name, ${f.candidate ?? ''}.`, suggestion: `Say who you are: \u201CThis is ${f.candidate ?? 'your full name'}.\u201D` };
          return {
            message: f.candidate ? `No sign-off with your full name, ${f.candidate}.` : 'No sign-off.',
            suggestion: `End with \u201C${f.valediction ?? 'Sincerely,'}\u201D and ${f.candidate ? q(f.candidate) : 'your full name'} on the next line.`,
          };
        case 'no_detail':
          return { message: 'No specific detail from your conversation with this person.', suggestion: 'Add one sentence about something they said, e.g. \u201CYour point about … has stayed with me.\u201D' };
      }
      break;
    case 'L11':
      return f.code === 'gift'
        ? { message: `${q(f.found)}: no gifts or flowers after an interview.`, suggestion: `Remove ${q(f.found)}; a well-written note is the thanks.` }
        : { message: `${q(f.found)} proposes meeting in person to follow up.`, suggestion: `Remove ${q(f.found)}; follow up by email or phone instead.` };
    case 'L12':
      switch (f.code) {
        case 'misspelling':
          return {
            message: `${q(f.found)} is not in the dictionary.`,
            suggestion: f.suggestions.length > 0 ? `Did you mean ${list(f.suggestions)}?` : 'Check the spelling.',
          };
        case 'repeated_word':
          return { message: `${q(f.found)} repeats a word.`, suggestion: `Write ${q(f.instead)}.` };
        case 'grammar':
          return { message: `${q(f.found)} looks like a grammar slip.`, suggestion: `Write ${q(f.instead)}.` };
      }
      break;
    case 'L13':
      switch (f.code) {
        case 'stray_capital':
          return { message: `${q(f.found)} is capitalised in the middle of a sentence, where two pieces of text were joined.`, suggestion: `Write ${q(f.instead)}.` };
        case 'pasted_clause': {
          const phrase = q(`${f.after} ${f.found}`);
          if (f.doubled) return { message: `${phrase}: a second sentence was pasted into this one, so it has two verbs.`, suggestion: `Keep one of the two verbs, or start a new sentence at ${q(f.found)}.` };
          return SUBJECT.test(f.found)
            ? { message: `${phrase}: a whole sentence was pasted where \u201C${f.after}\u201D needs a noun.`, suggestion: `Rewrite it as a phrase, e.g. ${q(`${f.after} what ${lowerFirst(f.found)}`)}.` }
            : { message: `${phrase}: a sentence without its subject was pasted after \u201C${f.after}\u201D.`, suggestion: `Give it a sentence of its own, e.g. ${q(`I ${lowerFirst(f.found)} \u2026`)}.` };
        }
        case 'doubled_word':
          return { message: `${q(f.found)} repeats a word.`, suggestion: `Write ${q(f.instead)}.` };
        case 'doubled_punctuation':
          return { message: `${q(f.found)} doubles the punctuation where two pieces of text meet.`, suggestion: `Write ${q(f.instead)} once.` };
        case 'space_before_punctuation':
          return { message: `There is a space before ${q(f.instead)}.`, suggestion: `Delete the space: write ${q(f.instead)} straight after the word.` };
        case 'confused_word':
          return { message: `${q(f.found)} is mistaken for ${q(f.instead)}, which this sentence needs.`, suggestion: `Write ${q(f.instead)}.` };
        case 'lowercase_start':
          return { message: `The sentence starts in lower case: ${q(f.found)}.`, suggestion: `Write ${q(f.instead)}.` };
        case 'unbalanced':
          // Quotation marks are named in words: \u201C\u201D\u201D would not read.
          if (f.found === '"' || f.found === '\u201C') return { message: 'A quotation opened here is never closed in this paragraph.', suggestion: 'Add the closing quotation mark where the quotation ends, or delete this one.' };
          if (f.found === '\u201D') return { message: 'This closing quotation mark has no opening one in this paragraph.', suggestion: 'Add the opening quotation mark where the quotation starts, or delete this one.' };
          return OPENERS.includes(f.found)
            ? { message: `${q(f.found)} is never closed in this paragraph.`, suggestion: `Add ${q(f.missing)} where the aside ends, or delete ${q(f.found)}.` }
            : { message: `${q(f.found)} closes nothing in this paragraph.`, suggestion: `Delete ${q(f.found)}, or add ${q(f.missing)} where the aside starts.` };
      }
      break;
  }
  return { message: 'Tone finding.', suggestion: 'Review this part of the text.' };
}
