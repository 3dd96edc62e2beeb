/**
 * Zones in words a person reads: "London" for Europe/London. No imports, so the web app can use it
 * without loading Temporal; src/core/time.ts re-exports it for the rest of the core.
 */

/**
 * The place an IANA zone id names, in words: "Europe/London" → "London",
 * "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" and "Etc/UTC" → "UTC",
 * "Etc/GMT+5" → "UTC-5" (the Etc sign is the other way round). A text that is not a zone id
 * comes back with its underscores as spaces.
 */
export function zoneCity(id: string): string {
  if (/^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal|Greenwich)(?:[+-]0)?$/i.test(id)) return 'UTC';
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(id);
  if (etc) return `UTC${etc[1] === '+' ? '-' : '+'}${etc[2] ?? ''}`;
  return (id.split('/').pop() ?? id).replace(/_/g, ' ');
}

/** "London (Europe/London)"; a zone whose id is its name ("UTC") once. */
export function zoneLabel(id: string): string {
  const city = zoneCity(id);
  return city === id ? id : `${city} (${id})`;
}
