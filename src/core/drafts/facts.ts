/** What a person draft says, read once from the records: post, company, date, detail, debrief share. */
import type { Person } from '../model.js';
import type { DraftGap, PersonDraftInput } from './types.js';
import { hash, voice, type Voice } from './variation.js';
import { dayInWords, phrase, present } from './words.js';

export interface Facts {
  readonly role: string;
  readonly company: string;
  /** The interview date in words. */
  readonly date: string;
  readonly candidateName: string;
  readonly voice: Voice;
  /** This person's striking detail, ready to sit in a sentence. */
  readonly detail?: string;
  readonly title?: string;
  /** "meeting" on site, "speaking" otherwise. */
  readonly meeting: 'meeting' | 'speaking';
  /** The debrief items this person's note carries (spread over the people met so notes differ). */
  readonly best?: string;
  readonly awkward?: string;
  readonly unfinished?: string;
  readonly gaps: DraftGap[];
}

/** The person's place in the application (the rank of their voice). */
export function rankOf(people: readonly Person[], id: string): number {
  const i = people.findIndex((p) => p.id === id);
  return i >= 0 ? i : hash(id) % 997;
}

type Item = 'best' | 'unfinished' | 'awkward';

/**
 * The debrief items (best moment, unfinished answer, awkward moment) for one person: item k goes to
 * the k-th person met (mod their number), so one note recaps the best moment and another fixes
 * the unfinished answer instead of all repeating the same lines.
 */
export function debriefShare(input: PersonDraftInput, all = false): Partial<Record<Item, string>> {
  const d = input.interview.interview.debrief;
  if (!d) return {};
  const items: [Item, string][] = [];
  if (present(d.bestMoments)) items.push(['best', phrase(d.bestMoments)]);
  if (present(d.unfinishedAnswers)) items.push(['unfinished', phrase(d.unfinishedAnswers)]);
  if (present(d.awkwardMoments)) items.push(['awkward', phrase(d.awkwardMoments)]);
  const met = input.interview.interview.peopleIds.filter((id) => {
    const p = input.application.people.find((x) => x.id === id);
    return p !== undefined && p.role !== 'receptionist';
  });
  const n = Math.max(1, met.length);
  const mine = Math.max(0, met.indexOf(input.person.id));
  const out: Partial<Record<Item, string>> = {};
  items.forEach(([item, text], k) => {
    if (all || k % n === mine) out[item] = text;
  });
  return out;
}

export function detailOf(input: PersonDraftInput, personId: string): string | undefined {
  const raw = input.interview.interview.debrief?.details?.[personId];
  return present(raw) ? phrase(raw) : undefined;
}

export function factsOf(input: PersonDraftInput, opts: { allDebrief?: boolean } = {}): Facts {
  const { person, application, interview } = input;
  const detail = detailOf(input, person.id);
  const title = person.title?.trim();
  const share = debriefShare(input, opts.allDebrief ?? false);
  return {
    role: application.role.trim(),
    company: application.company.trim(),
    date: dayInWords(interview.day),
    candidateName: input.candidate.name.trim(),
    voice: voice(application.id, rankOf(application.people, person.id)),
    meeting: interview.interview.format === 'on_site' ? 'meeting' : 'speaking',
    ...(detail !== undefined ? { detail } : {}),
    ...(title ? { title } : {}),
    ...share,
    gaps: [],
  };
}
