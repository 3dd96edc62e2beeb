/**
 * What the first page needs, asked for at once when the script starts (before React mounts), so
 * the session, the profile and Today's actions travel in parallel instead of one after the other.
 */
import { client, needsSignIn, ok } from './api.js';

const startedOnToday = window.location.pathname === '/';
/**
 * Whose frame this browser showed last: a coach, an admin or a signed-out browser asks for no
 * profile (a shared server would refuse it, and the browser would log the refusal); a job seeker,
 * a local install or a first visit gets it in parallel with the session.
 */
const FRAME_KEY = 'afterword:frame';
const lastFrame = readFrame();
const seekerLikely = lastFrame === null || lastFrame === 'seeker' || lastFrame === 'local';
let session: ReturnType<typeof loadSession> | undefined = quiet(loadSession());
let profile: ReturnType<typeof loadProfile> | undefined = seekerLikely ? quiet(loadProfile()) : undefined;
// Before setup there is no Today to show: its prefetch fails, and nobody waits for it.
let week: ReturnType<typeof loadWeek> | undefined = startedOnToday && seekerLikely ? quiet(loadWeek()) : undefined;

function readFrame(): string | null {
  try {
    return window.localStorage.getItem(FRAME_KEY);
  } catch {
    return null;
  }
}

function rememberFrame(frame: string): void {
  try {
    window.localStorage.setItem(FRAME_KEY, frame);
  } catch {
    // No storage (private browsing): every start prefetches as on a first visit.
  }
}

/** A prefetch that may never be used: its failure is not an unhandled rejection (the user of it still sees it). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function loadSession() {
  const asked = ok(client.api.session.$get());
  asked.then((s) => rememberFrame(s.account?.role ?? 'local'), (error: unknown) => { if (needsSignIn(error)) rememberFrame('signed-out'); });
  return asked;
}

/** Who is signed in (a shared server's account, or null on a local install): prefetched the first time. */
export function fetchSession(): ReturnType<typeof loadSession> {
  const s = session;
  session = undefined;
  return s ?? loadSession();
}

function loadProfile() {
  return ok(client.api.profile.$get());
}

function loadWeek() {
  return ok(client.api.week.$get());
}

/** The profile: the prefetched answer the first time, a fresh request after. */
export function fetchProfile(): ReturnType<typeof loadProfile> {
  const p = profile;
  profile = undefined;
  // A failed prefetch (on a shared server, before signing in) is asked again rather than shown.
  if (p) return p.catch(() => loadProfile());
  // A reload means the profile may have changed (setup, settings): a prefetched Today is stale.
  week = undefined;
  return loadProfile();
}

/** Today's actions: the prefetched answer the first time, a fresh request after. */
export function fetchWeek(): ReturnType<typeof loadWeek> {
  const w = week;
  week = undefined;
  // A failed prefetch (e.g. before setup) is asked again rather than shown.
  return w ? w.catch(() => loadWeek()) : loadWeek();
}

/** Settings changed (zone, region…): the frame reloads the profile it passes to every page. */
export const profileEvents = new EventTarget();
export function profileChanged(): void {
  profileEvents.dispatchEvent(new Event('change'));
}
