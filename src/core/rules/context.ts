/**
 * What the rule families read while planning one application: the protocol's numbers, the
 * application and the candidate, the recipient's place, and where results go.
 */
import type { Application, Candidate, Person, Settings, Touch } from '../model.js';
import type { EpochMs, TimeRules } from '../time.js';
import type { Protocol } from './numbers.js';
import type { Note, Recommendation, Warning } from './plan-types.js';
import type { Sharing } from './sharing.js';
import type { Place } from './window.js';

/** The empty lists most recommendations carry, shared (they are read-only). */
export const NO_IDS: readonly string[] = Object.freeze([]);
export const NO_NOTES: readonly Note[] = Object.freeze([]);

export interface PlanContext {
  readonly now: EpochMs;
  readonly time: TimeRules;
}

/** Planning one application: what the rules read, and the lists they add to. */
export interface Planning {
  readonly now: EpochMs;
  readonly time: TimeRules;
  readonly protocol: Protocol;
  readonly app: Application;
  readonly candidate: Candidate;
  readonly settings: Settings;
  /** The application's touches, oldest first. */
  readonly touches: readonly Touch[];
  /** People by id, built only for long lists: a scan of a few people is cheaper than a map per application. */
  readonly peopleById: ReadonlyMap<string, Person> | undefined;
  readonly sharing: Sharing;
  readonly recommendations: Recommendation[];
  readonly warnings: Warning[];
}

/** The person with that id (the last one, should ids repeat, as a map built from the list keeps). */
export function personOf(planning: Planning, id: string | undefined): Person | undefined {
  if (id === undefined) return undefined;
  if (planning.peopleById) return planning.peopleById.get(id);
  const people = planning.app.people;
  for (let i = people.length - 1; i >= 0; i--) {
    const person = people[i];
    if (person && person.id === id) return person;
  }
  return undefined;
}

/** The recipient's place: the person's zone and region, else the company's, else the candidate's. */
export function placeOf(planning: Planning, person: Person | undefined): Place {
  const zone = person?.timeZone ?? planning.app.timeZone ?? planning.settings.timeZone;
  const region = person?.region ?? planning.app.region ?? planning.settings.region;
  return planning.sharing.place(zone, region);
}
