/** Assembling a draft from sentences: greeting, paragraphs, sign-off, a length budget, the printed form. */
import type { Candidate, Person, Reference } from '../model.js';
import type { Addressee, LeftOut } from './types.js';
import { addressName, countWords, honorificStops, paragraphs, signOff, tidySentence, type English } from './words.js';

/**
 * One sentence of a draft. Optional sentences carry a drop rank: the highest goes first when over
 * budget. A sentence that carries debrief input names it, so a drop is listed as left out.
 */
export interface Part {
  readonly text: string;
  readonly drop?: number;
  readonly carries?: Omit<LeftOut, 'reason'>;
}

export const keep = (text: string): Part => ({ text: tidySentence(text) });
export const optional = (text: string, drop: number, carries?: Omit<LeftOut, 'reason'>): Part => ({
  text: tidySentence(text), drop, ...(carries !== undefined ? { carries } : {}),
});

export interface Fitted {
  readonly body: string;
  /** Debrief input whose sentence was dropped to keep within the length. */
  readonly dropped: LeftOut[];
}

/** W1: `Dear Dr. Okafor,` (`Dear Dr Okafor,` in British English). */
export function greeting(person: Pick<Person, 'name' | 'honorific' | 'informal'>, english: English): string {
  return `Dear ${addressName(person, english)},`;
}

/**
 * The message from greeting to sign-off, dropping optional sentences (highest drop rank first)
 * until it holds at most `limit` words. Essential sentences are never dropped, so a body built
 * from very long records may still exceed the limit. Honorifics before a name, typed ones included,
 * are written the region's way ("Dr. Tran" in US English, "Dr Tran" in British English).
 */
export function fitBody(head: string, layout: readonly (readonly Part[])[], candidate: Candidate, limit: number, english: English): Fitted {
  const dropped = new Set<Part>();
  const render = (): string => paragraphs([
    head,
    ...layout.map((para) => para.filter((p) => !dropped.has(p) && p.text !== '').map((p) => p.text).join(' ')),
    signOff(candidate, english),
  ]);
  let body = render();
  const droppable = layout.flat().filter((p) => p.drop !== undefined).sort((a, b) => (b.drop ?? 0) - (a.drop ?? 0));
  for (const part of droppable) {
    if (countWords(body) <= limit) break;
    dropped.add(part);
    body = render();
  }
  const lost = [...dropped].flatMap((p) => (p.carries !== undefined ? [{ ...p.carries, reason: 'length' as const }] : []));
  // Once, on the body kept: a stop more or less counts no word.
  return { body: honorificStops(body, english), dropped: lost };
}

export function personAddressee(person: Person): Addressee {
  return {
    id: person.id, name: person.name,
    ...(person.email ? { email: person.email } : {}), ...(person.phone ? { phone: person.phone } : {}),
  };
}

export function referenceAddressee(ref: Reference): Addressee {
  return { id: ref.id, name: ref.name, ...(ref.email ? { email: ref.email } : {}), ...(ref.phone ? { phone: ref.phone } : {}) };
}

function mailbox(a: Addressee): string {
  return a.email ? `${a.name} <${a.email}>` : a.name;
}

/** The printed email: To, Cc and Subject lines, a blank line, the body. */
export function emailText(to: Addressee, cc: readonly Addressee[], subject: string, body: string): string {
  const head = [`To: ${mailbox(to)}`];
  if (cc.length > 0) head.push(`Cc: ${cc.map(mailbox).join(', ')}`);
  head.push(`Subject: ${subject}`);
  return `${head.join('\n')}\n\n${body}\n`;
}
