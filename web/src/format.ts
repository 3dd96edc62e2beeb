/** Words and dates for the UI: instants shown in the zone they belong to, named when it is not the user's. */
import { zoneCity } from '../../src/core/zone-names.js';

const KIND_LABELS: Readonly<Record<string, string>> = {
  thank_you: 'Thank-you note', status_check: 'Status check', call: 'Follow-up call', give_up: 'Move on',
  reference_brief: 'Brief your reference', reply: 'Reply', update: 'Update', voicemail: 'Voicemail',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? words(kind);
}

/** `first_round` → `First round`. */
export function words(id: string): string {
  const text = id.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const dayTime = (zone: string) => new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone,
});
const dayOnly = (zone: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: zone });

/** "Fri 27 Nov, 17:00", in `zone`, unnamed: for the user's own zone (see `whenIn` for another). */
export function when(iso: string, zone: string): string {
  return dayTime(zone).format(new Date(iso)).replace(/ at /, ', ');
}

/**
 * A time on the clock of `zone` (a recipient's, an interview's), for a user in `userZone`: the
 * user's own zone needs no name ("Tue 10 Mar, 09:30"); another is named by its place and the
 * user's clock follows ("Tue 10 Mar, 15:30 London (09:30 your time)"), with the user's day when it
 * differs ("Wed 11 Mar, 01:00 Sydney (Tue 10 Mar, 09:00 your time)").
 */
export function whenIn(iso: string, zone: string, userZone: string): string {
  const there = when(iso, zone);
  if (zone === userZone) return there;
  const here = when(iso, userZone);
  const [thereDay] = there.split(', ');
  const [hereDay, hereTime] = here.split(', ');
  return `${there} ${zoneName(zone)} (${hereDay === thereDay && hereTime ? hereTime : here} your time)`;
}

/**
 * "Fri 27 Nov 2026", in `zone`: built from its parts, so every date of the app has one style
 * (the locale data would write "Fri, 27 Nov 2026" here and "Fri 27 Nov, 17:00" with a time).
 */
export function day(iso: string, zone: string): string {
  const part = (type: Intl.DateTimeFormatPartTypes, parts: Intl.DateTimeFormatPart[]): string => parts.find((p) => p.type === type)?.value ?? '';
  const parts = dayOnly(zone).formatToParts(new Date(iso));
  return `${part('weekday', parts)} ${part('day', parts)} ${part('month', parts)} ${part('year', parts)}`;
}

/** "New York" from "America/New_York", "UTC" from "Etc/UTC": the place a person reads. */
export function zoneName(zone: string): string {
  return zoneCity(zone);
}

/** "in 3 days", "2 hours ago", relative to `now` (ms). */
export function relative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

export function personLabel(p: { name: string; honorific?: string | undefined } | null | undefined): string {
  if (!p) return '';
  return p.honorific ? `${p.honorific} ${p.name}` : p.name;
}

/** A calendar day ("2026-03-17") in the app's style: "Tue 17 Mar 2026". */
export function dayOf(ymd: string): string {
  return day(`${ymd}T12:00:00Z`, 'UTC');
}

const ISO = /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?!\d)/g;

/**
 * Dates and times a server sentence writes the ISO way ("Tue 2026-03-17", "2026-03-03 15:00",
 * "2026-03-10T13:00:00-05:00") as the app writes them ("Tue 17 Mar 2026", "Tue 3 Mar, 15:00"): a
 * time keeps the wall clock it was written in. The rest of the text is unchanged.
 */
export function plainDates(text: string): string {
  return text.replace(ISO, (all, y: string, mo: string, d: string, h: string | undefined, mi: string | undefined) => {
    const at = Date.parse(`${y}-${mo}-${d}T${h ?? '12'}:${mi ?? '00'}:00Z`);
    if (Number.isNaN(at)) return all;
    const iso = new Date(at).toISOString();
    return h === undefined ? day(iso, 'UTC') : when(iso, 'UTC');
  });
}

/** A sentence the server wrote (a plan's reason, a warning): dates as the app writes them, no record ids in brackets. */
export function plainSentence(text: string): string {
  return plainDates(text).replace(/\s\([a-z]\d+(?:\/[a-z]\d+)*\)/g, '');
}
