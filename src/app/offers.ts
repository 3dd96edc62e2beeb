/**
 * Use cases for PROTOCOL §5: score an application's red flags, record an offer, keep the user's own
 * weighted criteria and each application's ratings on them, and compare applications side by side.
 * Every use case is one transaction; input is checked here (field names in errors, see `fieldError`)
 * so the store only ever sees values it can keep.
 */
import type { Application, ApplicationStatus } from '../core/model.js';
import {
  RED_FLAGS, RED_FLAG_MAX_SCORE, redFlagFacts, scoreRedFlags, type RedFlag, type RedFlagReport,
} from '../core/rules/red-flags.js';
import { formatDay, type Day } from '../core/time.js';
import { AppError, type Problem } from './errors.js';
import {
  CRITERION_RATING_MAX, CRITERION_WEIGHT_MAX,
  type Criterion, type CriterionRating, type Offer, type OfferItem, type RedFlagNote, type Store,
} from './ports.js';
import { applicationNotFound, requireProfile, setApplicationStatus, type AppDeps, type Profile } from './records.js';

/** Longest texts kept, in characters (code points). */
export const LIMITS = { notes: 2000, label: 80, value: 200, criterion: 60 } as const;

/** A bad input naming the input field, so each edge can name it its own way (`--score`). */
function fieldError(field: string, problem: Problem): AppError {
  return new AppError(problem, { path: field });
}

// Control characters would let pasted text move the terminal's cursor or recolour it; tabs and
// line breaks are fine in notes only.
const CONTROL_ANY = /\p{Cc}/u;
const CONTROL_MULTILINE = /[^\P{Cc}\t\n\r]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Trimmed text, or a bad_input naming `field`; `multiline` allows tabs and line breaks. */
export function cleanText(value: string, field: string, max: number, options: { multiline?: boolean; required?: boolean } = {}): string {
  const text = value.trim();
  if (LONE_SURROGATE.test(text)) throw fieldError(field, { reason: 'text.broken_character' });
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL_ANY).test(text)) {
    throw fieldError(field, { reason: 'text.control_character', params: { multiline: options.multiline === true } });
  }
  const length = [...text].length;
  if (length > max) throw fieldError(field, { reason: 'text.too_long', params: { length, max } });
  if (options.required && text === '') throw fieldError(field, { reason: 'text.required' });
  return text;
}

function wholeIn(value: number, field: string, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw fieldError(field, { reason: 'number.whole_between', params: { value, min, max, what } });
  return value;
}

/** Names compared as the user means them: same letters, any case, any Unicode composition. */
const sameName = (a: string, b: string): boolean => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

export interface ApplicationHead {
  readonly id: string;
  readonly company: string;
  readonly role: string;
  readonly status: ApplicationStatus;
}

const head = (app: Application): ApplicationHead => ({ id: app.id, company: app.company, role: app.role, status: app.status });

async function requireApplication(store: Store, deps: AppDeps, applicationId: string): Promise<Application> {
  const app = await store.getApplication(deps.userId, applicationId);
  if (!app) throw applicationNotFound(applicationId);
  return app;
}

/** `r3` or `R3` → `R3`; anything else is bad input naming `flag`. */
export function parseFlag(text: string): RedFlag {
  const found = RED_FLAGS.find((f) => f === text.trim().toUpperCase());
  if (!found) throw fieldError('flag', { reason: 'red_flag.unknown', params: { value: text, flags: RED_FLAGS } });
  return found;
}

// ---------------------------------------------------------------- red flags

export interface FlagsView {
  readonly application: ApplicationHead;
  readonly report: RedFlagReport;
}

async function flagsView(store: Store, deps: AppDeps, app: Application): Promise<FlagsView> {
  const notes = await store.getRedFlags(deps.userId, app.id);
  return { application: head(app), report: scoreRedFlags(notes, redFlagFacts(app, deps.time)) };
}

/** Every red flag of an application, scored: the candidate's scores, R6's weight, R7 as computed. */
export function listFlags(deps: AppDeps, applicationId: string): Promise<FlagsView> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    return flagsView(store, deps, await requireApplication(store, deps, applicationId));
  });
}

export interface FlagChange {
  /** 0 (not seen) … 5 (serious); required the first time a flag is scored. */
  readonly score?: number;
  /** Replaces the notes; '' removes them. */
  readonly notes?: string;
  /** R6 only: whether the unprepared interviewer would be the manager. */
  readonly manager?: boolean;
  /** Forget the flag's score and notes (R7 goes back to its computed score). */
  readonly clear?: boolean;
}

export interface FlagSet extends FlagsView {
  readonly flag: RedFlag;
  /** True when `clear` removed a kept score. */
  readonly cleared: boolean;
}

/** Scores one flag (keeping what is not given), or clears it; returns the whole report after. */
export function setFlag(deps: AppDeps, applicationId: string, flagText: string, change: FlagChange): Promise<FlagSet> {
  const flag = parseFlag(flagText);
  if (change.clear && (change.score !== undefined || change.notes !== undefined || change.manager !== undefined)) {
    throw fieldError('clear', { reason: 'red_flag.clear_alone' });
  }
  if (change.manager !== undefined && flag !== 'R6') {
    throw fieldError('manager', { reason: 'red_flag.manager_r6', params: { flag } });
  }
  if (!change.clear && change.score === undefined && change.notes === undefined && change.manager === undefined) {
    throw fieldError('score', { reason: 'red_flag.nothing_to_change', params: { max: RED_FLAG_MAX_SCORE } });
  }
  const score = change.score === undefined ? undefined : wholeIn(change.score, 'score', 0, RED_FLAG_MAX_SCORE, `0 = not seen, ${RED_FLAG_MAX_SCORE} = serious`);
  const notes = change.notes === undefined ? undefined : cleanText(change.notes, 'notes', LIMITS.notes, { multiline: true });
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    if (change.clear) {
      const cleared = await store.deleteRedFlag(deps.userId, app.id, flag);
      return { ...(await flagsView(store, deps, app)), flag, cleared };
    }
    const existing = (await store.getRedFlags(deps.userId, app.id)).find((n) => n.flag === flag);
    const newScore = score ?? existing?.score;
    if (newScore === undefined) {
      throw fieldError('score', { reason: 'red_flag.score_first', params: { flag, max: RED_FLAG_MAX_SCORE } });
    }
    const keptNotes = notes === undefined ? existing?.notes : notes === '' ? undefined : notes;
    const manager = change.manager ?? existing?.manager;
    const note: RedFlagNote = {
      flag, score: newScore, ...(keptNotes !== undefined ? { notes: keptNotes } : {}), ...(manager !== undefined ? { manager } : {}),
    };
    await store.saveRedFlag(deps.userId, app.id, note);
    return { ...(await flagsView(store, deps, app)), flag, cleared: false };
  });
}

// ---------------------------------------------------------------- offers

export interface OfferChange {
  /** Replaces the pay lines when given. */
  readonly pay?: readonly OfferItem[];
  /** Replaces the benefit lines when given. */
  readonly benefits?: readonly OfferItem[];
  /** Default for a new offer: today in the candidate's zone. */
  readonly receivedOn?: Day;
  /** `null` removes the date. */
  readonly respondBy?: Day | null;
  /** `null` or '' removes the notes. */
  readonly notes?: string | null;
}

export interface OfferView {
  readonly application: ApplicationHead;
  readonly offer?: Offer;
  /** When recording or removing the offer moved the application's status. */
  readonly statusChange?: { readonly from: ApplicationStatus; readonly to: ApplicationStatus };
}

function cleanItems(items: readonly OfferItem[], field: 'pay' | 'benefits'): OfferItem[] {
  return items.map((item) => ({
    label: cleanText(item.label, field, LIMITS.label, { required: true }),
    value: cleanText(item.value, field, LIMITS.value, { required: true }),
  }));
}

function today(deps: AppDeps, profile: Profile): Day {
  return deps.time.zone(profile.settings.timeZone).dayAt(deps.clock.now());
}

/** The application's offer, if one was recorded. */
export function showOffer(deps: AppDeps, applicationId: string): Promise<OfferView> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    const offer = await store.getOffer(deps.userId, app.id);
    return { application: head(app), ...(offer ? { offer } : {}) };
  });
}

/**
 * Records or amends the offer of an application: what is given replaces what was there, the rest is
 * kept. An `active` application moves to `offer` (PROTOCOL §6), which ends its follow-up plan.
 */
export function recordOffer(deps: AppDeps, applicationId: string, change: OfferChange): Promise<OfferView> {
  const pay = change.pay === undefined ? undefined : cleanItems(change.pay, 'pay');
  const benefits = change.benefits === undefined ? undefined : cleanItems(change.benefits, 'benefits');
  const notes = change.notes === undefined || change.notes === null ? change.notes : cleanText(change.notes, 'notes', LIMITS.notes, { multiline: true });
  return deps.store.transaction(async (store) => {
    const profile = await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    const existing = await store.getOffer(deps.userId, app.id);
    const receivedOn = change.receivedOn ?? existing?.receivedOn ?? today(deps, profile);
    const respondBy = change.respondBy === undefined ? existing?.respondBy : change.respondBy ?? undefined;
    if (respondBy !== undefined && respondBy < receivedOn) {
      throw fieldError('respondBy', { reason: 'offer.respond_before_received', params: { respondBy: formatDay(respondBy), receivedOn: formatDay(receivedOn) } });
    }
    const keptNotes = notes === undefined ? existing?.notes : notes === null || notes === '' ? undefined : notes;
    const offer: Offer = {
      receivedOn,
      ...(respondBy !== undefined ? { respondBy } : {}),
      pay: pay ?? existing?.pay ?? [],
      benefits: benefits ?? existing?.benefits ?? [],
      ...(keptNotes !== undefined ? { notes: keptNotes } : {}),
    };
    await store.saveOffer(deps.userId, app.id, offer);
    if (app.status !== 'active') return { application: head(app), offer };
    const saved = await setApplicationStatus({ ...deps, store }, app.id, 'offer');
    return { application: head(saved.application), offer, statusChange: { from: app.status, to: 'offer' } };
  });
}

/** Removes the offer; an application in status `offer` goes back to `active`. */
export function removeOffer(deps: AppDeps, applicationId: string): Promise<OfferView> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    if (!(await store.getOffer(deps.userId, app.id))) throw new AppError({ reason: 'offer.none', params: { company: app.company, id: app.id } }, { path: 'remove', at: null });
    await store.saveOffer(deps.userId, app.id, null);
    if (app.status !== 'offer') return { application: head(app) };
    const saved = await setApplicationStatus({ ...deps, store }, app.id, 'active');
    return { application: head(saved.application), statusChange: { from: 'offer', to: 'active' } };
  });
}

// ---------------------------------------------------------------- criteria and ratings

export interface CriteriaChange {
  /** Adds these, or sets their weight (matching names in any letter case). */
  readonly set?: readonly Criterion[];
  /** Removes these with every rating on them. */
  readonly remove?: readonly string[];
}

export function listCriteria(deps: AppDeps): Promise<readonly Criterion[]> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    return store.getCriteria(deps.userId);
  });
}

/** Adds, reweighs and removes criteria; returns them all after. */
export function changeCriteria(deps: AppDeps, change: CriteriaChange): Promise<readonly Criterion[]> {
  const set = (change.set ?? []).map((c) => ({
    name: cleanText(c.name, 'set', LIMITS.criterion, { required: true }),
    weight: wholeIn(c.weight, 'set', 1, CRITERION_WEIGHT_MAX, `how much "${c.name.trim()}" matters`),
  }));
  const remove = (change.remove ?? []).map((name) => cleanText(name, 'remove', LIMITS.criterion, { required: true }));
  if (set.length === 0 && remove.length === 0) throw fieldError('set', { reason: 'criteria.nothing_to_change' });
  const both = remove.find((r) => set.some((c) => sameName(c.name, r)));
  if (both !== undefined) throw fieldError('remove', { reason: 'criteria.set_and_removed', params: { name: both } });
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const current = [...(await store.getCriteria(deps.userId))];
    for (const name of remove) {
      const found = current.find((c) => sameName(c.name, name));
      if (!found) throw fieldError('remove', { reason: 'criteria.unknown', params: { name, yours: current.map((c) => c.name) } });
      await store.deleteCriterion(deps.userId, found.name);
      current.splice(current.indexOf(found), 1);
    }
    for (const c of set) {
      // An existing criterion keeps its spelling; a new one is kept as typed.
      const found = current.find((x) => sameName(x.name, c.name));
      await store.saveCriterion(deps.userId, { name: found?.name ?? c.name, weight: c.weight });
      if (!found) current.push(c);
    }
    return store.getCriteria(deps.userId);
  });
}

export interface RatingChange {
  readonly criterion: string;
  /** 0 (bad) … 5 (excellent); `null` removes the rating. */
  readonly rating: number | null;
}

export interface RatingsView {
  readonly application: ApplicationHead;
  readonly criteria: CriteriaScore;
}

/** An application's ratings and weighted score. */
export function showRatings(deps: AppDeps, applicationId: string): Promise<RatingsView> {
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    const criteria = await store.getCriteria(deps.userId);
    return { application: head(app), criteria: scoreCriteria(criteria, await store.getRatings(deps.userId, app.id)) };
  });
}

/** Rates an application on the user's criteria; returns its weighted score after. */
export function rateApplication(deps: AppDeps, applicationId: string, changes: readonly RatingChange[]): Promise<RatingsView> {
  if (changes.length === 0) throw fieldError('criterion', { reason: 'rating.nothing' });
  const checked = changes.map((c) => ({
    criterion: cleanText(c.criterion, 'criterion', LIMITS.criterion, { required: true }),
    rating: c.rating === null ? null : wholeIn(c.rating, 'criterion', 0, CRITERION_RATING_MAX, `0 = bad, ${CRITERION_RATING_MAX} = excellent`),
  }));
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const app = await requireApplication(store, deps, applicationId);
    const criteria = await store.getCriteria(deps.userId);
    for (const c of checked) {
      const found = criteria.find((x) => sameName(x.name, c.criterion));
      if (!found) {
        throw fieldError('criterion', { reason: 'rating.unknown_criterion', params: { name: c.criterion, yours: criteria.map((x) => x.name) } });
      }
      await store.saveRating(deps.userId, app.id, found.name, c.rating);
    }
    return { application: head(app), criteria: scoreCriteria(criteria, await store.getRatings(deps.userId, app.id)) };
  });
}

export interface CriterionLine {
  readonly name: string;
  readonly weight: number;
  readonly rating?: number;
  /** weight × rating, when rated. */
  readonly points?: number;
}

export interface CriteriaScore {
  /** One line per criterion, in the user's order. */
  readonly lines: readonly CriterionLine[];
  /** Sum of weight × rating over the rated criteria. */
  readonly points: number;
  /** Sum of weight × 5 over the rated criteria. */
  readonly max: number;
  /** points / max in whole percent; absent when nothing is rated. */
  readonly percent?: number;
  /** Criteria this application is not rated on (they count neither way). */
  readonly unrated: readonly string[];
}

/**
 * The weighted criteria score: Σ weight × rating over the rated criteria, out of Σ weight × 5 over
 * the same criteria. Unrated criteria are listed, not counted as 0, so a missing rating does not
 * pass for a bad one. Ratings of criteria not in `criteria` are ignored.
 */
export function scoreCriteria(criteria: readonly Criterion[], ratings: readonly CriterionRating[]): CriteriaScore {
  const byName = new Map(ratings.map((r) => [r.criterion, r.rating]));
  const lines = criteria.map((c): CriterionLine => {
    const rating = byName.get(c.name);
    return rating === undefined ? { name: c.name, weight: c.weight } : { name: c.name, weight: c.weight, rating, points: rating * c.weight };
  });
  const rated = lines.filter((l) => l.points !== undefined);
  const points = rated.reduce((sum, l) => sum + (l.points ?? 0), 0);
  const max = rated.reduce((sum, l) => sum + l.weight * CRITERION_RATING_MAX, 0);
  return {
    lines, points, max,
    ...(max > 0 ? { percent: Math.round((points / max) * 100) } : {}),
    unrated: lines.filter((l) => l.points === undefined).map((l) => l.name),
  };
}

// ---------------------------------------------------------------- comparison

export interface ComparedApplication {
  readonly application: ApplicationHead;
  readonly offer?: Offer;
  readonly redFlags: RedFlagReport;
  readonly criteria: CriteriaScore;
}

export interface Comparison {
  readonly criteria: readonly Criterion[];
  readonly applications: readonly ComparedApplication[];
}

/** Two or more applications side by side: offer, red flags, weighted criteria; in the order given. */
export function compareApplications(deps: AppDeps, applicationIds: readonly string[]): Promise<Comparison> {
  if (applicationIds.length < 2) throw fieldError('applications', { reason: 'compare.too_few' });
  const twice = applicationIds.find((id, i) => applicationIds.indexOf(id) !== i);
  if (twice !== undefined) throw fieldError('applications', { reason: 'compare.twice', params: { id: twice } });
  return deps.store.transaction(async (store) => {
    await requireProfile({ ...deps, store });
    const criteria = await store.getCriteria(deps.userId);
    const applications: ComparedApplication[] = [];
    for (const id of applicationIds) {
      const app = await requireApplication(store, deps, id);
      const [flags, offer, ratings] = [
        await store.getRedFlags(deps.userId, id), await store.getOffer(deps.userId, id), await store.getRatings(deps.userId, id),
      ];
      applications.push({
        application: head(app),
        ...(offer ? { offer } : {}),
        redFlags: scoreRedFlags(flags, redFlagFacts(app, deps.time)),
        criteria: scoreCriteria(criteria, ratings),
      });
    }
    return { criteria, applications };
  });
}
