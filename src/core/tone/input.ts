/**
 * The `afterword check` document (CONTRACT.md) validated into a ToneInput. Extra fields are
 * ignored, `null` counts as absent; each issue names its JSON path and how to fix it.
 */
import { englishOf } from '../english.js';
import { TONE_KINDS, type ToneInput, type ToneKind } from './types.js';

export interface ToneInputIssue {
  /** JSON path such as `recipient.informal` or `siblings[2]` (empty for the document). */
  readonly path: string;
  readonly message: string;
}

export type ToneInputResult = { readonly ok: true; readonly value: ToneInput } | { readonly ok: false; readonly issue: ToneInputIssue };

/** 2,000,000 UTF-16 units: far beyond any note, small enough to check in well under a second. */
export const MAX_TEXT = 2_000_000;
const MAX_NAME = 1_000;
const MAX_LIST = 1_000;

class Invalid extends Error {
  constructor(readonly issue: ToneInputIssue) {
    super(issue.message);
  }
}

function fail(path: string, message: string): never {
  throw new Invalid({ path, message });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}\u2026` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, path: string, max: number, what: string): string {
  if (typeof value !== 'string') fail(path, `expected ${what} as a string, got ${describe(value)}; write it in double quotes`);
  if (value.length > max) fail(path, `too long (${value.length} characters); keep it within ${max}`);
  return value;
}

function optStr(value: unknown, path: string, what: string): string | undefined {
  return value === undefined || value === null ? undefined : str(value, path, MAX_NAME, what);
}

function name(value: unknown, path: string, what: string): string {
  const s = str(value, path, MAX_NAME, what);
  if (s.trim() === '') fail(path, `must not be empty; give ${what}`);
  return s;
}

function obj(value: unknown, path: string, example: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) fail(path, `expected an object like ${example}, got ${describe(value)}`);
  return value;
}

function strings(value: unknown, path: string, max: number, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(path, `expected a list of ${what} (strings), got ${describe(value)}`);
  if (value.length > MAX_LIST) fail(path, `too many entries (${value.length}); give at most ${MAX_LIST}`);
  return value.map((v, i) => str(v, `${path}[${i}]`, max, what.replace(/s$/, '')));
}

function parse(doc: unknown): ToneInput {
  if (!isRecord(doc)) fail('', `expected a JSON object like {"text": "Dear Dr. Okafor, \u2026"}, got ${describe(doc)}`);
  if (doc.text === undefined || doc.text === null) fail('text', 'missing; add the note to check as a string, e.g. "text": "Dear Dr. Okafor, \u2026"');
  const text = str(doc.text, 'text', MAX_TEXT, 'the note');

  let kind: ToneKind | undefined;
  if (doc.kind !== undefined && doc.kind !== null) {
    if (typeof doc.kind !== 'string' || !(TONE_KINDS as readonly string[]).includes(doc.kind)) {
      fail('kind', `${describe(doc.kind)} is not a kind of note; use one of ${TONE_KINDS.join(', ')}`);
    }
    kind = doc.kind as ToneKind;
  }

  const r = obj(doc.recipient, 'recipient', '{"name": "Grace Okafor", "honorific": "Dr."}');
  let recipient: ToneInput['recipient'];
  if (r) {
    const informal = r.informal;
    if (informal !== undefined && informal !== null && typeof informal !== 'boolean') {
      fail('recipient.informal', `expected true or false, got ${describe(informal)}; write true only if they invited first-name terms`);
    }
    const honorific = optStr(r.honorific, 'recipient.honorific', 'their honorific, e.g. "Dr."');
    const title = optStr(r.title, 'recipient.title', 'their job title');
    recipient = {
      name: name(r.name, 'recipient.name', 'their full name, e.g. "Grace Okafor"'),
      ...(honorific?.trim() ? { honorific } : {}),
      ...(title?.trim() ? { title } : {}),
      ...(typeof informal === 'boolean' ? { informal } : {}),
    };
  }

  const ap = obj(doc.application, 'application', '{"company": "Acme Corp", "role": "Data Analyst"}');
  let application: ToneInput['application'];
  if (ap) {
    const role = optStr(ap.role, 'application.role', 'the post, e.g. "Data Analyst"');
    application = { company: name(ap.company, 'application.company', 'the company\u2019s name, e.g. "Acme Corp"'), ...(role?.trim() ? { role } : {}) };
  }

  const c = obj(doc.candidate, 'candidate', '{"name": "Jordan Lee"}');
  const candidate = c ? { name: name(c.name, 'candidate.name', 'your full name, e.g. "Jordan Lee"') } : undefined;
  const otherCompanies = strings(doc.otherCompanies, 'otherCompanies', MAX_NAME, 'company names');
  const people = strings(doc.people, 'people', MAX_NAME, 'full names');
  const siblings = strings(doc.siblings, 'siblings', MAX_TEXT, 'note texts');
  const region = optStr(doc.region, 'region', 'your region, e.g. "US" or "GB-ENG"');
  if (siblings && siblings.reduce((n, s) => n + s.length, 0) > MAX_TEXT) fail('siblings', `too long in total; keep all notes within ${MAX_TEXT} characters`);

  return {
    text,
    ...(kind ? { kind } : {}),
    ...(recipient ? { recipient } : {}),
    ...(application ? { application } : {}),
    ...(candidate ? { candidate } : {}),
    ...(otherCompanies ? { otherCompanies: otherCompanies.filter((s) => s.trim() !== '') } : {}),
    ...(people ? { people: people.filter((s) => s.trim() !== '') } : {}),
    ...(siblings ? { siblings } : {}),
    ...(region?.trim() ? { english: englishOf(region.trim()) } : {}),
  };
}

/** Validates a parsed JSON value as the check's input. Never throws. */
export function parseToneInput(doc: unknown): ToneInputResult {
  try {
    return { ok: true, value: parse(doc) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, issue: error.issue };
    return { ok: false, issue: { path: '', message: 'cannot be read as a check input' } };
  }
}

/** `recipient.informal: expected true or false, got the text "yes"`. */
export function formatToneIssue(issue: ToneInputIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}
