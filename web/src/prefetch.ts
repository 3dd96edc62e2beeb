/**
 * What the first page needs, asked for at once when the script starts (before React mounts), so
 * the profile and Today's actions travel in parallel instead of one after the other.
 */
import { client, ok } from './api.js';

const startedOnToday = window.location.pathname === '/';
let profile: ReturnType<typeof loadProfile> | undefined = loadProfile();
let week: ReturnType<typeof loadWeek> | undefined = startedOnToday ? loadWeek() : undefined;

function loadProfile() {
  return ok(client.api.profile.$get());
}

function loadWeek() {
  return ok(client.api.week.$get());
}

/** The profile: the prefetched answer the first time, a fresh request after. */
export function fetchProfile(): ReturnType<typeof loadProfile> {
  const p = profile ?? loadProfile();
  profile = undefined;
  return p;
}

/** Today's actions: the prefetched answer the first time, a fresh request after. */
export function fetchWeek(): ReturnType<typeof loadWeek> {
  const w = week ?? loadWeek();
  week = undefined;
  // Nobody waits for a rejected prefetch that is never used: keep it from being reported unhandled.
  w.catch(() => undefined);
  return w;
}

/** Settings changed (zone, region…): the frame reloads the profile it passes to every page. */
export const profileEvents = new EventTarget();
export function profileChanged(): void {
  profileEvents.dispatchEvent(new Event('change'));
}
