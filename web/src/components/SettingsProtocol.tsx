/**
 * Every number of the protocol (docs/settings.md), grouped by rule with the rule's title: each shows
 * its default and the user's override, and resets to the default. Saved as `settings.protocol`
 * (only the numbers that differ from the defaults).
 */
import { useId, useState, type FormEvent } from 'react';
import { client, ok, ApiError } from '../api.js';
import { DEFAULT_PARAMS, parseDuration } from '../../../src/core/rules/params.js';
import { RULES } from '../../../src/core/rules/protocol.js';
import { words } from '../format.js';
import { SaveState, type SaveStatus } from './SettingsSave.js';

type Kind = 'duration' | 'clock' | 'count' | 'bool' | 'windows' | 'panelNote' | 'from';

/** One number of the protocol: its path under `settings.protocol` and its default, as text. */
export interface Leaf {
  readonly path: readonly string[];
  readonly kind: Kind;
  readonly fallback: string;
}

const CLOCK_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What each number means, in the words of docs/settings.md (keyed by path; windows by their parent). */
const MEANING: Readonly<Record<string, string>> = {
  'T2.noon': 'Interviews starting before this are “morning”.',
  'T2.sameDayBy': 'Morning interview: thank-you ideally the same day by this time.',
  'T2.nextDayBy': 'Afternoon interview: thank-you ideally the next day by this time.',
  'T2.latest': 'Latest thank-you, after the interview ended.',
  'T2.minAfterEnd': 'The ideal is never sooner than this after the end.',
  'T3.panelNote': 'One note to the lead with the others copied, or one note per panelist.',
  F1: 'First check after the decision date the employer gave.',
  'F2.minEarliest': 'No first check sooner than this after the interview.',
  'F2.phone_screen': 'First check without a timeline, after a phone screen.',
  'F2.first_round': 'After a first round. “From” is what ideal and latest count from.',
  'F2.second_round': 'After a second round.',
  'F2.third_round': 'After a third round.',
  'F2.final': 'After a final interview.',
  'F3.latest': 'Latest check, after the day the employer named.',
  'F4.checksWithoutGoAhead': 'Status checks in all, without a go-ahead.',
  'F4.next': 'The final check after an unanswered one.',
  'F4.goAhead': 'The cadence when they told you to keep checking in.',
  'F5.afterLastCheck': 'Move on this long after the last unanswered check…',
  'F5.noResponse': '…or this long after the interview (or the decision date, if later).',
  'F5.goAhead': 'With a go-ahead: move on after this.',
  'F6.notDecidedDefault': '“Not decided yet” without a date: expect a decision after this.',
  'F6.replyWithin': 'Answer a decision within this.',
  F7: 'Brief your references after a second round.',
  'C1.windows': 'Call windows in the recipient’s zone, e.g. 13:00–15:00, 16:00–17:00.',
  'C1.lastWorkingHour': 'Also call in the last hour of the workday.',
  'C1.noMonday': 'No calls on a Monday (lifted when the employer named the day).',
  'C1.noDayAfterInterview': 'No call the day after the interview.',
  'C2.perWeek': 'Calls per calendar week, per application.',
  'C2.total': 'Follow-up calls in all, per application.',
  'P1.minActive': 'Warn when fewer applications than this are active.',
  'P1.quietDays': 'Warn after this many days without a new application.',
};

const LABELS: Readonly<Record<string, string>> = {
  noon: 'Morning ends', sameDayBy: 'Same day by', nextDayBy: 'Next day by', minAfterEnd: 'Not sooner than',
  panelNote: 'Panel notes', minEarliest: 'Never sooner than', checksWithoutGoAhead: 'Checks without go-ahead',
  afterLastCheck: 'After last check', noResponse: 'Without response', goAhead: 'With a go-ahead', notDecidedDefault: 'Decision expected after',
  replyWithin: 'Reply within', windows: 'Call windows', lastWorkingHour: 'Last working hour', noMonday: 'No Monday calls',
  noDayAfterInterview: 'Not the day after', perWeek: 'Per week', total: 'In all', minActive: 'Active at least', quietDays: 'Quiet days',
  from: 'Counting from',
};

export const labelOf = (key: string): string => LABELS[key] ?? words(key);

function kindOf(key: string, value: unknown): Kind {
  if (key === 'panelNote' || key === 'from') return key;
  if (key === 'windows') return 'windows';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'count';
  return typeof value === 'string' && CLOCK_RE.test(value) ? 'clock' : 'duration';
}

export function toText(kind: Kind, value: unknown): string {
  if (kind === 'windows' && Array.isArray(value)) return (value as [string, string][]).map(([a, b]) => `${a}–${b}`).join(', ');
  return String(value);
}

function leavesOf(value: unknown, path: readonly string[]): Leaf[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
  }
  const key = path[path.length - 1] ?? '';
  const kind = kindOf(key, value);
  return [{ path, kind, fallback: toText(kind, value) }];
}

/** Every number of the protocol, in the order of DEFAULT_PARAMS. */
export const LEAVES: readonly Leaf[] = leavesOf(DEFAULT_PARAMS, []);

const keyOf = (path: readonly string[]): string => path.join('.');

function valueAt(tree: unknown, path: readonly string[]): unknown {
  let at = tree;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The text a number is written as, or a message saying what is wrong with it. */
export function parseLeaf(leaf: Leaf, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  switch (leaf.kind) {
    case 'duration':
      return parseDuration(t) ? { ok: true, value: t.replace(/\s+/g, '') } : { ok: false, message: 'write a duration such as 5bd (business days), 7d, 2w, 1mo, 24h or 30min' };
    case 'clock':
      return CLOCK_RE.test(t) ? { ok: true, value: t } : { ok: false, message: 'write a time as HH:MM (24 h), e.g. 13:00' };
    case 'count': {
      const n = Number(t);
      return t !== '' && Number.isInteger(n) && n >= 0 && n <= 100 ? { ok: true, value: n } : { ok: false, message: 'write a whole number from 0 to 100' };
    }
    case 'bool':
      return { ok: true, value: t === 'true' };
    case 'windows': {
      const parts = t === '' ? [] : t.split(',').map((p) => p.trim().split(/\s*[-–]\s*/));
      const ok = parts.length <= 6 && parts.every((p) => p.length === 2 && p.every((c) => CLOCK_RE.test(c)));
      return ok ? { ok: true, value: parts } : { ok: false, message: 'write up to six windows as HH:MM–HH:MM, separated by commas' };
    }
    default:
      return { ok: true, value: t };
  }
}

/** The overrides as the form shows them: text per path, for the numbers that differ from the default. */
export function overridesToTexts(protocol: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const leaf of LEAVES) {
    const v = valueAt(protocol, leaf.path);
    if (v === undefined) continue;
    const text = toText(leaf.kind, v);
    if (text !== leaf.fallback) out[keyOf(leaf.path)] = text;
  }
  return out;
}

/** The texts back into the nested `settings.protocol` document, with the messages of those that do not read. */
export function textsToOverrides(texts: Readonly<Record<string, string>>): { protocol: Record<string, unknown>; errors: Record<string, string> } {
  const protocol: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const leaf of LEAVES) {
    const text = texts[keyOf(leaf.path)];
    if (text === undefined || text.trim() === leaf.fallback) continue;
    const parsed = parseLeaf(leaf, text);
    if (!parsed.ok) {
      errors[keyOf(leaf.path)] = parsed.message;
      continue;
    }
    let at = protocol;
    leaf.path.forEach((key, i) => {
      if (i === leaf.path.length - 1) at[key] = parsed.value;
      else at = (at[key] ??= {}) as Record<string, unknown>;
    });
  }
  return { protocol, errors };
}

// ------------------------------------------------------------------ the form

interface Group {
  /** `F2.first_round`, or the rule id for its own numbers. */
  readonly key: string;
  readonly leaves: readonly Leaf[];
}

function groupsOf(rule: string): Group[] {
  const groups = new Map<string, Leaf[]>();
  for (const leaf of LEAVES) {
    if (leaf.path[0] !== rule) continue;
    const key = leaf.path.length > 2 ? keyOf(leaf.path.slice(0, -1)) : rule;
    groups.set(key, [...(groups.get(key) ?? []), leaf]);
  }
  return [...groups].map(([key, leaves]) => ({ key, leaves }));
}

const RULES_WITH_NUMBERS = RULES.flatMap((r) => ('params' in r && r.params ? [{ id: r.id, title: r.title, text: r.text }] : []));

function LeafInput({ leaf, id, value, invalid, describedBy, onChange }: {
  leaf: Leaf; id: string; value: string; invalid: boolean; describedBy: string; onChange: (v: string) => void;
}) {
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined };
  if (leaf.kind === 'bool') {
    return <select {...common} value={value} onChange={(e) => onChange(e.target.value)}><option value="true">Yes</option><option value="false">No</option></select>;
  }
  if (leaf.kind === 'panelNote') {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="lead_with_cc">Lead, others copied</option><option value="individual">One per panelist</option>
      </select>
    );
  }
  if (leaf.kind === 'from') {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="interview">The interview</option><option value="thank_you">The thank-you</option>
      </select>
    );
  }
  if (leaf.kind === 'count') return <input {...common} type="number" min={0} max={100} step={1} value={value} onChange={(e) => onChange(e.target.value)} />;
  if (leaf.kind === 'clock') return <input {...common} type="time" value={value} onChange={(e) => onChange(e.target.value)} />;
  return <input {...common} type="text" spellCheck={false} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />;
}

function fallbackLabel(leaf: Leaf): string {
  if (leaf.kind === 'bool') return leaf.fallback === 'true' ? 'Yes' : 'No';
  if (leaf.kind === 'panelNote') return leaf.fallback === 'individual' ? 'one per panelist' : 'to the lead, others copied';
  if (leaf.kind === 'from') return leaf.fallback === 'thank_you' ? 'the thank-you' : 'the interview';
  return leaf.fallback;
}

export function SettingsProtocol({ protocol, onSaved }: { protocol: unknown; onSaved: () => void }) {
  const base = useId();
  const [texts, setTexts] = useState<Record<string, string>>(() => overridesToTexts(protocol));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const changed = LEAVES.filter((l) => { const t = texts[keyOf(l.path)]; return t !== undefined && t.trim() !== l.fallback; }).length;

  const set = (key: string, value: string | undefined): void => {
    setTexts((t) => {
      const next = { ...t };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setErrors((e) => {
      const rest = { ...e };
      delete rest[key];
      return rest;
    });
    setStatus({ state: 'dirty' });
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const { protocol: overrides, errors: mine } = textsToOverrides(texts);
    setErrors(mine);
    if (Object.keys(mine).length > 0) {
      setStatus({ state: 'failed', message: `${Object.keys(mine).length === 1 ? 'One number does' : 'Some numbers do'} not read; see the messages above. Nothing was saved.` });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      const saved = await ok(client.api.profile.$post({ json: { settings: { protocol: overrides } } }));
      setTexts(overridesToTexts(saved.settings['protocol']));
      setStatus({ state: 'saved', message: 'Protocol numbers saved. Every plan now uses them.' });
      onSaved();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      const key = field?.replace(/^settings\.protocol\./, '');
      if (key !== undefined && key !== field && error instanceof ApiError) setErrors({ [key]: error.atField });
      setStatus({ state: 'failed', message: `Not saved. ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <form className="sp" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted sp-intro">
        Change any of them for all your applications; durations are written
        {' '}<code>5bd</code> (business days), <code>7d</code>, <code>2w</code>, <code>1mo</code>, <code>24h</code> or <code>30min</code>.
        {' '}{changed === 0 ? 'You use the defaults.' : `${changed} ${changed === 1 ? 'number differs' : 'numbers differ'} from the defaults.`}
      </p>
      {RULES_WITH_NUMBERS.map((rule) => (
        <fieldset key={rule.id} className="sp-rule card">
          <legend><span className="rule-id">{rule.id}</span> {rule.title}</legend>
          <p className="muted sp-rule-text">{rule.text}</p>
          {groupsOf(rule.id).map((group) => {
            const meaning = MEANING[group.key];
            const sub = group.key !== rule.id;
            return (
              <div key={group.key} className="sp-group" role="group" aria-label={sub ? `${rule.id} ${labelOf(group.key.split('.').pop() ?? '')}` : undefined}>
                {sub && <h3 className="sp-group-title">{labelOf(group.key.split('.').pop() ?? '')}</h3>}
                {meaning && <p className="sp-meaning">{meaning}</p>}
                <div className="sp-grid">
                  {group.leaves.map((leaf) => {
                    const key = keyOf(leaf.path);
                    const id = `${base}-${key}`;
                    const override = texts[key];
                    const isChanged = override !== undefined && override.trim() !== leaf.fallback;
                    const error = errors[key];
                    const leafMeaning = sub ? undefined : MEANING[key];
                    return (
                      <div key={key} className={`sp-leaf${isChanged ? ' sp-changed' : ''}${error ? ' field-error' : ''}`}>
                        <label htmlFor={id}>{labelOf(leaf.path[leaf.path.length - 1] ?? key)}</label>
                        {leafMeaning && <small className="sp-meaning" id={`${id}-meaning`}>{leafMeaning}</small>}
                        <LeafInput leaf={leaf} id={id} value={override ?? leaf.fallback} invalid={error !== undefined}
                          describedBy={[leafMeaning ? `${id}-meaning` : '', `${id}-default`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
                          onChange={(v) => set(key, v)} />
                        <span className="sp-default">
                          <small id={`${id}-default`}>{isChanged ? <>Yours · default {fallbackLabel(leaf)}</> : <>Default</>}</small>
                          {isChanged && (
                            <button type="button" className="link-button sp-reset" onClick={() => set(key, undefined)}
                              aria-label={`Reset ${rule.id} ${key.split('.').slice(1).map(labelOf).join(' ')} to the default, ${fallbackLabel(leaf)}`}>
                              Reset
                            </button>
                          )}
                        </span>
                        {error && <small id={`${id}-error`} className="error-text" role="alert">{error}</small>}
                      </div>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div className="sp-actions">
        <button type="submit" className="button primary" disabled={status.state === 'saving'}>Save protocol numbers</button>
        {changed > 0 && <button type="button" className="button ghost" onClick={() => { setTexts({}); setErrors({}); setStatus({ state: 'dirty' }); }}>Reset all to defaults</button>}
        <SaveState status={status} />
      </div>
    </form>
  );
}
