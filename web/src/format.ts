/** Words and dates for the UI: instants shown in the zone they belong to, named when it is not the user's. */

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

/** "Fri 27 Nov, 17:00", in `zone` (the recipient's for plan dates). */
export function when(iso: string, zone: string): string {
  return dayTime(zone).format(new Date(iso)).replace(/ at /, ', ');
}

export function day(iso: string, zone: string): string {
  return dayOnly(zone).format(new Date(iso));
}

/** "New York" from "America/New_York". */
export function zoneName(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
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
