/**
 * Use cases around the employer's reply (issue 13, item 2): read one for an application of a
 * scenario or of the user's records (nothing stored), and record it in the application's history,
 * with the proposed change to the plan applied only when the user said so (F6).
 */
import type { Application, Scenario, Settings, Touch } from '../core/model.js';
import { outcomeFor, readReply, REPLY_READ_MAX, writerOf, type ReplyReading } from '../core/replies/index.js';
import { formatDay, parseDay, type Day, type EpochMs, type TimeRules } from '../core/time.js';
import { AppError } from './errors.js';
import { addTouch, profileAndApplication, refreshNextDue, type AppDeps, type Saved } from './records.js';

export interface ReadReply {
  readonly application: Application;
  readonly reading: ReplyReading;
  /** The day the reply came, in the employer's zone (relative dates count from it). */
  readonly receivedOn: Day;
  /** The employer's zone the dates are days of. */
  readonly timeZone: string;
  /** The application's person who wrote it, when the message says (signature, name, email). */
  readonly writerId: string | undefined;
}

/** The employer's zone: the latest interview's, else the company's, else the user's. */
function employerZone(app: Application, settings: Settings): string {
  const latest = [...app.interviews].sort((a, b) => b.start - a.start)[0];
  return latest?.timeZone ?? app.timeZone ?? settings.timeZone;
}

/** Refuses a reply with no text (`field` names where it came from: `--text-file`, `text`). */
export function requireReplyText(text: string, field: string): string {
  if (text.trim() === '') throw new AppError({ reason: 'reply.empty' }, { path: field });
  if (text.length > 1_000_000) throw new AppError({ reason: 'reply.too_long' }, { path: field });
  return text;
}

/**
 * Reads `text` as the reply to application `applicationId` of `scenario`, received at `at`.
 * Throws `bad_input` naming `applicationField` for an unknown application.
 */
export function readReplyIn(scenario: Scenario, applicationId: string, text: string, at: EpochMs, time: TimeRules, applicationField = '--application'): ReadReply {
  const app = scenario.applications.find((a) => a.id === applicationId);
  if (!app) {
    const known = scenario.applications.map((a) => a.id);
    throw new AppError({ reason: 'reply.unknown_application', params: { id: applicationId, known } }, { path: 'application', at: applicationField });
  }
  const timeZone = employerZone(app, scenario.settings);
  const receivedOn = time.zone(timeZone).dayAt(at);
  const calendar = time.calendar(app.region ?? scenario.settings.region, scenario.settings.workday.days);
  const reading = readReply(text.slice(0, REPLY_READ_MAX), { receivedOn, calendar });
  return { application: app, reading, receivedOn, timeZone, writerId: writerOf(text.slice(0, REPLY_READ_MAX), app.people) };
}

/** The scripting contract's answer (CONTRACT.md, `afterword reply`). */
export function replyContractJson(applicationId: string, r: ReplyReading) {
  return {
    applicationId,
    class: r.class,
    decisionBy: r.decision.kind === 'date' ? formatDay(r.decision.day) : null,
    returnOn: r.returnOn === null ? null : formatDay(r.returnOn),
    evidence: r.evidence,
    proposal: { action: r.proposal.action, rules: [...r.proposal.rules], why: r.proposal.why },
  };
}

/** Reads a reply for one of the user's applications, as of now (or `at`); nothing is stored. */
export async function readReplyFor(deps: AppDeps, applicationId: string, text: string, at?: EpochMs): Promise<ReadReply> {
  const { profile, app } = await profileAndApplication(deps.store, deps.userId, applicationId);
  return readReplyIn({ settings: profile.settings, candidate: profile.candidate, applications: [app] }, applicationId, text, at ?? deps.clock.now(), deps.time);
}

export interface ReplyDecision {
  /** Apply the proposal (true), or keep the reply in the history only (false). */
  readonly apply: boolean;
  /** The decision date the user picked or gave (`YYYY-MM-DD`): for a pending decision only. */
  readonly decisionBy?: string;
  /** Who wrote it, when the user says (else the writer found in the message, if any). */
  readonly personId?: string;
  /** When the reply came (default: now). */
  readonly at?: EpochMs;
}

export interface RecordedReply {
  readonly read: ReadReply;
  readonly saved: Saved;
  readonly applied: boolean;
  /**
   * `added`: a new entry in the history; `updated`: the same message, kept earlier without its
   * change, now carries it; `unchanged`: the same message was already in the history as asked.
   */
  readonly history: 'added' | 'updated' | 'unchanged';
  /** The new decision date recorded with it, if any. */
  readonly decisionBy: Day | undefined;
}

/** The decision date to record: the user's, else the one read; none for other classes. */
function decisionDayOf(read: ReadReply, decision: ReplyDecision, field: string): Day | undefined {
  const r = read.reading;
  if (decision.decisionBy !== undefined) {
    if (r.class !== 'not_decided') {
      throw new AppError({ reason: 'reply.not_pending', params: { reads: r.class } }, { path: 'decisionBy', at: field });
    }
    const day = parseDay(decision.decisionBy);
    if (day === null) throw new AppError({ reason: 'reply.date_invalid', params: { value: decision.decisionBy } }, { path: 'decisionBy', at: field });
    if (day < read.receivedOn) throw new AppError({ reason: 'reply.date_before_reply', params: { value: decision.decisionBy, receivedOn: formatDay(read.receivedOn) } }, { path: 'decisionBy', at: field });
    return day;
  }
  if (r.decision.kind === 'date') return r.decision.day;
  if (r.decision.kind === 'choices' && decision.apply) {
    const options = r.decision.choices.map((c) => formatDay(c.day)).join(' or ');
    throw new AppError({ reason: 'reply.date_ambiguous', params: { said: r.decision.said, options } }, { path: 'decisionBy', at: field });
  }
  return undefined;
}

/**
 * Records the reply in the application's history (a `reply` touch with its text). Applied, it
 * carries the proposal's outcome (with the new decision date; a request for references also marks
 * the latest interview `referencesRequested`, F7); not applied, it is a reply received and nothing
 * else changes. The same message recorded again is one entry: kept earlier without its change and
 * now applied, that entry takes the change. One transaction.
 */
export async function recordReply(deps: AppDeps, applicationId: string, text: string, decision: ReplyDecision, field = 'decisionBy'): Promise<RecordedReply> {
  return deps.store.transaction(async (store) => {
    const inner: AppDeps = { ...deps, store };
    const found = await profileAndApplication(store, deps.userId, applicationId);
    const { profile } = found;
    let { app } = found;
    const at = decision.at ?? deps.clock.now();
    const read = readReplyIn({ settings: profile.settings, candidate: profile.candidate, applications: [app] }, applicationId, text, at, deps.time);
    const day = decision.apply ? decisionDayOf(read, decision, field) : undefined;
    const personId = decision.personId ?? read.writerId;
    if (personId !== undefined && !app.people.some((p) => p.id === personId)) {
      throw new AppError({ reason: 'reply.unknown_person', params: { id: personId, application: applicationId, known: app.people.map((p) => p.id) } }, { path: 'personId', at: 'person' });
    }
    if (decision.apply && read.reading.proposal.action === 'brief_references') {
      const latest = [...app.interviews].sort((a, b) => b.start - a.start)[0];
      if (latest && !latest.referencesRequested) {
        const marked = { ...latest, referencesRequested: true };
        await store.saveInterview(deps.userId, app.id, marked);
        app = { ...app, interviews: app.interviews.map((iv) => (iv.id === marked.id ? marked : iv)) };
      }
    }
    const outcome = decision.apply ? outcomeFor(read.reading.proposal.action) : 'reply_received';
    const newDecisionBy = day !== undefined ? { newDecisionBy: formatDay(day) } : {};
    // The same message pasted again (kept earlier without its change, e.g. off a terminal): one entry.
    const earlier = app.touches.findIndex((t) => t.kind === 'reply' && t.text === text);
    const before = app.touches[earlier];
    if (before) {
      const same = before.outcome === outcome && before.newDecisionBy === day;
      if (!decision.apply || same || before.outcome !== 'reply_received') {
        const next = await refreshNextDue(store, deps, profile, app);
        return { read, saved: next ? { application: app, next } : { application: app }, applied: decision.apply && same, history: 'unchanged', decisionBy: day };
      }
      const replaced: Touch = { ...before, outcome, ...(day !== undefined ? { newDecisionBy: day } : {}), ...(personId !== undefined ? { personId } : {}) };
      const updated: Application = { ...app, touches: app.touches.map((t, i) => (i === earlier ? replaced : t)) };
      await store.saveApplication(deps.userId, updated);
      const next = await refreshNextDue(store, deps, profile, updated);
      return { read, saved: next ? { application: updated, next } : { application: updated }, applied: true, history: 'updated', decisionBy: day };
    }
    const touch = {
      at: deps.time.zone(profile.settings.timeZone).format(Math.floor(at / 1000) * 1000),
      ...(personId !== undefined ? { personId } : {}),
      channel: 'email', kind: 'reply', outcome, text, ...newDecisionBy,
    };
    const saved = await addTouch(inner, applicationId, touch, { profile, current: app });
    return { read, saved, applied: decision.apply, history: 'added', decisionBy: day };
  });
}
