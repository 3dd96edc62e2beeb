/**
 * The sections of Settings, each at its own address (`/settings` opens the first, `/settings/place`
 * the second…): the frame routes them and the page shows them, so they live apart from the page's code.
 */
export const SECTIONS = [
  { id: 'you', title: 'About you', intro: 'Your notes are signed with these details.' },
  { id: 'place', title: 'Time and place', intro: 'Every date is worked out in your time zone, skipping your region’s public holidays and the days you do not work.' },
  { id: 'protocol', title: 'Protocol numbers', intro: 'The numbers behind every date: how soon to thank, check in, call and move on.' },
  { id: 'calendar', title: 'Calendar feed', intro: 'See every follow-up in your calendar app; it updates as your plan changes.' },
  { id: 'mail', title: 'Mailbox', intro: 'Link your mailbox: what you send and what employers write back follows into your plan.' },
  { id: 'files', title: 'Export, import, backup', intro: 'Your records as a spreadsheet, from another tracker, or as one file to keep.' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** The section an address opens, or undefined for an address under /settings that names none. */
export function sectionOf(path: string): SectionId | undefined {
  const m = /^\/settings(?:\/([\w-]+))?\/?$/.exec(path);
  if (!m) return undefined;
  const id = m[1] ?? 'you';
  return SECTIONS.find((s) => s.id === id)?.id;
}

