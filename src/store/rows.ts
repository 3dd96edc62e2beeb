/**
 * Domain records ⇄ table rows. Writing checks every value the database could not keep exactly
 * (NUL or a lone surrogate in text, an instant outside years 1–9999, a fractional score) and names
 * the field at fault; reading rebuilds the model's objects with absent optionals omitted, in the
 * model's key order, so exports serialise deterministically.
 */
import { AppError, type Problem } from '../app/errors.js';
import { isStorableText } from '../app/storable.js';
import {
  CRITERION_RATING_MAX, CRITERION_WEIGHT_MAX,
  type Criterion, type CriterionRating, type NextDue, type Offer, type OfferItem, type RedFlagNote, type User,
} from '../app/ports.js';
import type {
  Application, Candidate, Debrief, Directions, Interview, Person, Reference, Salary, Settings, Timeline, Touch,
} from '../core/model.js';
import { SALARY_MAX } from '../core/details.js';
import type { Day, EpochMs } from '../core/time.js';
import { isStorableDay, isStorableInstant } from './codec.js';
import type * as s from './schema.js';

export type UserRow = typeof s.users.$inferSelect;
export type SettingsRow = typeof s.settings.$inferSelect;
export type CandidateRow = typeof s.candidates.$inferSelect;
export type ReferenceRow = typeof s.candidateReferences.$inferSelect;
export type ApplicationRow = typeof s.applications.$inferSelect;
export type PersonRow = typeof s.people.$inferSelect;
export type InterviewRow = typeof s.interviews.$inferSelect;
export type InterviewPersonRow = typeof s.interviewPeople.$inferSelect;
export type DebriefRow = typeof s.debriefs.$inferSelect;
export type TouchRow = typeof s.touches.$inferSelect;
export type RedFlagRow = typeof s.redFlags.$inferSelect;
export type OfferRow = typeof s.offers.$inferSelect;
export type OfferItemRow = typeof s.offerItems.$inferSelect;
export type CriterionRow = typeof s.criteria.$inferSelect;
export type RatingRow = typeof s.criterionRatings.$inferSelect;

// ---------------------------------------------------------------- checks on the way in

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function bad(path: string, problem: Problem): AppError {
  return new AppError(problem, { path });
}

// The check lives in app/, where the edges reach it without the store.
export { isStorableText };

export function text(value: string, path: string): string {
  if (value.includes('\u0000')) throw bad(path, { reason: 'text.nul' });
  if (LONE_SURROGATE.test(value)) throw bad(path, { reason: 'text.broken' });
  // PGlite reads such a value back without its first character (its decoder takes it for a byte-order mark).
  if (value.startsWith('\uFEFF')) throw bad(path, { reason: 'text.byte_order_mark' });
  return value;
}

export function optText(value: string | undefined, path: string): string | null {
  return value === undefined ? null : text(value, path);
}

export function instant(value: EpochMs, path: string): EpochMs {
  if (!isStorableInstant(value)) throw bad(path, { reason: 'instant.out_of_range', params: { value } });
  return value;
}

export function optDay(value: Day | undefined, path: string): Day | null {
  if (value === undefined) return null;
  if (!isStorableDay(value)) throw bad(path, { reason: 'day.out_of_range', params: { value } });
  return value;
}

/** A salary figure `numeric(14, 2)` keeps exactly: 0 to SALARY_MAX, whole cents. */
export function optAmount(value: number | undefined, path: string): number | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || value > SALARY_MAX || Math.round(value * 100) / 100 !== value) {
    throw bad(path, { reason: 'amount.out_of_range', params: { value, max: SALARY_MAX } });
  }
  return value;
}

export function wholeNumber(value: number, path: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw bad(path, { reason: 'number.out_of_range', params: { value, min, max } });
  return value;
}

/** JSON kept in jsonb: strings checked like text, numbers finite. Returns the value unchanged. */
export function json<T>(value: T, path: string): T {
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') text(v, at);
    else if (typeof v === 'number' && !Number.isFinite(v)) throw bad(at, { reason: 'number.not_finite' });
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, item] of Object.entries(v)) walk(item, `${at}.${text(k, at)}`);
    }
  };
  walk(value, path);
  return value;
}

// ---------------------------------------------------------------- domain → rows

export function settingsRow(userId: string, v: Settings): typeof s.settings.$inferInsert {
  return {
    userId,
    region: text(v.region, 'settings.region'),
    timeZone: text(v.timeZone, 'settings.timeZone'),
    workdayStart: wholeNumber(v.workday.start, 'settings.workday.start', 0, 1439),
    workdayEnd: wholeNumber(v.workday.end, 'settings.workday.end', 1, 1440),
    workdayDays: v.workday.days.map((d, i) => {
      wholeNumber(d, `settings.workday.days[${i}]`, 1, 7);
      return d;
    }),
    protocol: json(v.protocol, 'settings.protocol'),
  };
}

export function candidateRow(userId: string, v: Candidate): typeof s.candidates.$inferInsert {
  return {
    userId,
    name: text(v.name, 'candidate.name'),
    email: optText(v.email, 'candidate.email'),
    phone: optText(v.phone, 'candidate.phone'),
    address: optText(v.address, 'candidate.address'),
    signature: optText(v.signature, 'candidate.signature'),
    preferredChannel: v.preferredChannel ?? null,
    local: v.local,
  };
}

export function referenceRow(userId: string, v: Reference, position: number, path: string): typeof s.candidateReferences.$inferInsert {
  return {
    userId,
    id: text(v.id, `${path}.id`),
    position,
    name: text(v.name, `${path}.name`),
    email: optText(v.email, `${path}.email`),
    phone: optText(v.phone, `${path}.phone`),
    relationship: optText(v.relationship, `${path}.relationship`),
    speakTo: optText(v.speakTo, `${path}.speakTo`),
    timeZone: optText(v.timeZone, `${path}.timeZone`),
    briefed: v.briefed,
  };
}

export function applicationRow(
  userId: string, v: Application, position: number, nextDue: NextDue | undefined, path: string,
): typeof s.applications.$inferInsert {
  return {
    userId,
    id: text(v.id, `${path}.id`),
    position,
    company: text(v.company, `${path}.company`),
    role: text(v.role, `${path}.role`),
    status: v.status,
    appliedOn: optDay(v.appliedOn, `${path}.appliedOn`),
    timeZone: optText(v.timeZone, `${path}.timeZone`),
    region: optText(v.region, `${path}.region`),
    individualPanelNotes: v.individualPanelNotes,
    protocol: json(v.protocol, `${path}.protocol`),
    nextDueAt: nextDue ? instant(nextDue.at, `${path}.nextDue.at`) : null,
    nextDueKind: nextDue ? nextDue.kind : null,
    postingUrl: optText(v.postingUrl, `${path}.postingUrl`),
    location: optText(v.location, `${path}.location`),
    workplace: v.workplace ?? null,
    salaryText: optText(v.salary?.text, `${path}.salary.text`),
    salaryMin: optAmount(v.salary?.min, `${path}.salary.min`),
    salaryMax: optAmount(v.salary?.max, `${path}.salary.max`),
    salaryCurrency: optText(v.salary?.currency, `${path}.salary.currency`),
    salaryPeriod: v.salary?.period ?? null,
    source: optText(v.source, `${path}.source`),
    sourceId: optText(v.sourceId, `${path}.sourceId`),
    description: optText(v.description, `${path}.description`),
    notes: optText(v.notes, `${path}.notes`),
    tags: (v.tags ?? []).map((tag, i) => text(tag, `${path}.tags[${i}]`)),
  };
}

export function personRow(userId: string, applicationId: string, v: Person, position: number, path: string): typeof s.people.$inferInsert {
  return {
    userId,
    applicationId,
    id: text(v.id, `${path}.id`),
    position,
    name: text(v.name, `${path}.name`),
    honorific: optText(v.honorific, `${path}.honorific`),
    title: optText(v.title, `${path}.title`),
    role: v.role,
    email: optText(v.email, `${path}.email`),
    phone: optText(v.phone, `${path}.phone`),
    address: optText(v.address, `${path}.address`),
    timeZone: optText(v.timeZone, `${path}.timeZone`),
    region: optText(v.region, `${path}.region`),
    preferredChannel: v.preferredChannel ?? null,
    informal: v.informal,
    verified: v.verified,
    notes: optText(v.notes, `${path}.notes`),
  };
}

export interface InterviewRows {
  readonly interview: typeof s.interviews.$inferInsert;
  readonly people: (typeof s.interviewPeople.$inferInsert)[];
  readonly debrief: typeof s.debriefs.$inferInsert | undefined;
}

export function interviewRows(userId: string, applicationId: string, v: Interview, position: number, path: string): InterviewRows {
  const id = text(v.id, `${path}.id`);
  const d = v.debrief;
  return {
    interview: {
      userId,
      applicationId,
      id,
      position,
      startsAt: instant(v.start, `${path}.start`),
      endsAt: instant(v.end, `${path}.end`),
      timeZone: text(v.timeZone, `${path}.timeZone`),
      stage: v.stage,
      format: v.format,
      panel: v.panel,
      panelLeadId: optText(v.panelLeadId, `${path}.panelLeadId`),
      timelineSaid: optText(v.timeline.said, `${path}.timeline.said`),
      timelineDecisionBy: optDay(v.timeline.decisionBy, `${path}.timeline.decisionBy`),
      goAhead: v.goAhead,
      hasDirections: v.directions !== undefined,
      directionsChannel: v.directions?.channel ?? null,
      directionsOn: optDay(v.directions?.on, `${path}.directions.on`),
      directionsPersonId: optText(v.directions?.personId, `${path}.directions.personId`),
      contactId: optText(v.contactId, `${path}.contactId`),
      referencesRequested: v.referencesRequested,
    },
    people: v.peopleIds.map((personId, i) => ({
      userId, applicationId, interviewId: id, position: i, personId: text(personId, `${path}.peopleIds[${i}]`),
    })),
    debrief: d === undefined ? undefined : {
      userId,
      applicationId,
      interviewId: id,
      askedNextSteps: d.askedNextSteps ?? null,
      collectedContacts: d.collectedContacts ?? null,
      bestMoments: optText(d.bestMoments, `${path}.debrief.bestMoments`),
      awkwardMoments: optText(d.awkwardMoments, `${path}.debrief.awkwardMoments`),
      unfinishedAnswers: optText(d.unfinishedAnswers, `${path}.debrief.unfinishedAnswers`),
      details: d.details === undefined ? null : json(d.details, `${path}.debrief.details`),
      concerns: optText(d.concerns, `${path}.debrief.concerns`),
    },
  };
}

export function touchRow(userId: string, applicationId: string, v: Touch, seq: number, path: string): typeof s.touches.$inferInsert {
  return {
    userId,
    applicationId,
    seq,
    at: instant(v.at, `${path}.at`),
    personId: optText(v.personId, `${path}.personId`),
    referenceId: optText(v.referenceId, `${path}.referenceId`),
    channel: v.channel,
    kind: v.kind,
    outcome: v.outcome,
    text: optText(v.text, `${path}.text`),
    newDecisionBy: optDay(v.newDecisionBy, `${path}.newDecisionBy`),
  };
}

export function redFlagRow(userId: string, applicationId: string, v: RedFlagNote, max: number, path: string): typeof s.redFlags.$inferInsert {
  if (v.manager !== undefined && v.flag !== 'R6') throw bad(`${path}.manager`, { reason: 'red_flag.manager_only_r6' });
  return {
    userId,
    applicationId,
    flag: v.flag,
    score: wholeNumber(v.score, `${path}.score`, 0, max),
    notes: optText(v.notes, `${path}.notes`),
    manager: v.manager ?? null,
  };
}

export interface OfferRows {
  readonly offer: typeof s.offers.$inferInsert;
  readonly items: (typeof s.offerItems.$inferInsert)[];
}

export function offerRows(userId: string, applicationId: string, v: Offer, path: string): OfferRows {
  const items = (section: 'pay' | 'benefits', list: readonly OfferItem[]) => list.map((item, position) => ({
    userId, applicationId, section, position,
    label: text(item.label, `${path}.${section}[${position}].label`),
    value: text(item.value, `${path}.${section}[${position}].value`),
  }));
  return {
    offer: {
      userId,
      applicationId,
      receivedOn: optDay(v.receivedOn, `${path}.receivedOn`),
      respondBy: optDay(v.respondBy, `${path}.respondBy`),
      notes: optText(v.notes, `${path}.notes`),
    },
    items: [...items('pay', v.pay), ...items('benefits', v.benefits)],
  };
}

export function criterionRow(userId: string, v: Criterion, position: number, path: string): typeof s.criteria.$inferInsert {
  return {
    userId,
    name: text(v.name, `${path}.name`),
    position,
    weight: wholeNumber(v.weight, `${path}.weight`, 1, CRITERION_WEIGHT_MAX),
  };
}

export function ratingRow(userId: string, applicationId: string, v: CriterionRating, path: string): typeof s.criterionRatings.$inferInsert {
  return {
    userId,
    applicationId,
    criterion: text(v.criterion, `${path}.criterion`),
    rating: wholeNumber(v.rating, `${path}.rating`, 0, CRITERION_RATING_MAX),
  };
}

// ---------------------------------------------------------------- rows → domain

/** `{ key: value }` when the column holds a value, `{}` when it is NULL (exactOptionalPropertyTypes). */
function some<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  const out: { [P in K]?: V } = {};
  if (value !== null) out[key] = value;
  return out;
}

export function toUser(r: UserRow): User {
  return { id: r.id, name: r.name };
}

export function toSettings(r: SettingsRow): Settings {
  return {
    region: r.region,
    timeZone: r.timeZone,
    workday: { start: r.workdayStart, end: r.workdayEnd, days: r.workdayDays },
    protocol: r.protocol,
  };
}

export function toReference(r: ReferenceRow): Reference {
  return {
    id: r.id,
    name: r.name,
    ...some('email', r.email),
    ...some('phone', r.phone),
    ...some('relationship', r.relationship),
    ...some('speakTo', r.speakTo),
    ...some('timeZone', r.timeZone),
    briefed: r.briefed,
  };
}

export function toCandidate(r: CandidateRow | undefined, references: readonly Reference[]): Candidate {
  if (!r) return { name: '', local: false, references };
  return {
    name: r.name,
    ...some('email', r.email),
    ...some('phone', r.phone),
    ...some('address', r.address),
    ...some('signature', r.signature),
    ...some('preferredChannel', r.preferredChannel),
    local: r.local,
    references,
  };
}

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    ...some('honorific', r.honorific),
    ...some('title', r.title),
    role: r.role,
    ...some('email', r.email),
    ...some('phone', r.phone),
    ...some('address', r.address),
    ...some('timeZone', r.timeZone),
    ...some('region', r.region),
    ...some('preferredChannel', r.preferredChannel),
    informal: r.informal,
    verified: r.verified,
    ...some('notes', r.notes),
  };
}

function toDebrief(r: DebriefRow): Debrief {
  return {
    ...some('askedNextSteps', r.askedNextSteps),
    ...some('collectedContacts', r.collectedContacts),
    ...some('bestMoments', r.bestMoments),
    ...some('awkwardMoments', r.awkwardMoments),
    ...some('unfinishedAnswers', r.unfinishedAnswers),
    ...some('details', r.details),
    ...some('concerns', r.concerns),
  };
}

export function toInterview(r: InterviewRow, peopleIds: readonly string[], debrief: DebriefRow | undefined): Interview {
  const timeline: Timeline = { ...some('said', r.timelineSaid), ...some('decisionBy', r.timelineDecisionBy) };
  const directions: Directions = {
    ...some('channel', r.directionsChannel), ...some('on', r.directionsOn), ...some('personId', r.directionsPersonId),
  };
  return {
    id: r.id,
    start: r.startsAt,
    end: r.endsAt,
    timeZone: r.timeZone,
    stage: r.stage,
    format: r.format,
    panel: r.panel,
    ...some('panelLeadId', r.panelLeadId),
    peopleIds,
    timeline,
    goAhead: r.goAhead,
    ...(r.hasDirections ? { directions } : {}),
    ...some('contactId', r.contactId),
    referencesRequested: r.referencesRequested,
    ...(debrief ? { debrief: toDebrief(debrief) } : {}),
  };
}

export function toTouch(r: TouchRow): Touch {
  return {
    at: r.at,
    ...some('personId', r.personId),
    ...some('referenceId', r.referenceId),
    channel: r.channel,
    kind: r.kind,
    outcome: r.outcome,
    ...some('text', r.text),
    ...some('newDecisionBy', r.newDecisionBy),
  };
}

export function toApplication(r: ApplicationRow, people: readonly Person[], interviews: readonly Interview[], touches: readonly Touch[]): Application {
  return {
    id: r.id,
    company: r.company,
    role: r.role,
    status: r.status,
    ...some('appliedOn', r.appliedOn),
    ...some('timeZone', r.timeZone),
    ...some('region', r.region),
    individualPanelNotes: r.individualPanelNotes,
    ...some('postingUrl', r.postingUrl),
    ...some('location', r.location),
    ...some('workplace', r.workplace),
    ...(r.salaryText !== null ? { salary: toSalary(r) } : {}),
    ...some('source', r.source),
    ...some('sourceId', r.sourceId),
    ...some('description', r.description),
    ...some('notes', r.notes),
    // Rows written before the details existed have '{}' too.
    ...(r.tags.length > 0 ? { tags: r.tags } : {}),
    people,
    interviews,
    touches,
    protocol: r.protocol,
  };
}

function toSalary(r: Pick<ApplicationRow, 'salaryText' | 'salaryMin' | 'salaryMax' | 'salaryCurrency' | 'salaryPeriod'>): Salary {
  return {
    text: r.salaryText ?? '',
    ...some('min', r.salaryMin), ...some('max', r.salaryMax), ...some('currency', r.salaryCurrency), ...some('period', r.salaryPeriod),
  };
}

export function toNextDue(r: Pick<ApplicationRow, 'nextDueAt' | 'nextDueKind'>): NextDue | undefined {
  return r.nextDueAt !== null && r.nextDueKind !== null ? { at: r.nextDueAt, kind: r.nextDueKind } : undefined;
}

export function toRedFlag(r: RedFlagRow): RedFlagNote {
  return { flag: r.flag, score: r.score, ...some('notes', r.notes), ...some('manager', r.manager) };
}

export function toOffer(r: OfferRow, items: readonly OfferItemRow[]): Offer {
  const pick = (section: 'pay' | 'benefits'): OfferItem[] =>
    items.filter((i) => i.section === section).map((i) => ({ label: i.label, value: i.value }));
  return {
    ...some('receivedOn', r.receivedOn),
    ...some('respondBy', r.respondBy),
    pay: pick('pay'),
    benefits: pick('benefits'),
    ...some('notes', r.notes),
  };
}

export function toCriterion(r: CriterionRow): Criterion {
  return { name: r.name, weight: r.weight };
}

export function toRating(r: Pick<RatingRow, 'criterion' | 'rating'>): CriterionRating {
  return { criterion: r.criterion, rating: r.rating };
}
