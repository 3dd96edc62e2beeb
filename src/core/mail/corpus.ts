/**
 * The labelled mail corpus (test/fixtures/mail/): each message read as the sync reads it (headers
 * to facts, matched against the corpus's applications, its text, then readInbound), scored per
 * class (precision and recall), per application matched, and per labelled date, for the training
 * part and the held-out part apart. Shared by the corpus test and bench/mail-classify.bench.ts,
 * which pass in how to read a corpus file (nothing in the product imports it). Its MIME reading is
 * the corpus's own (the product's messages come through mailparser in app/mail).
 */
import type { Application, Person } from '../model.js';
import { formatDay, type TimeRules } from '../time.js';
import { headerMap, parseHeaderBlock, type MailHeaderFacts } from './headers.js';
import { MAIL_CLASSES, readInbound, type InboundReading, type MailClass } from './inbound.js';
import { buildMatchIndex, matchMessage, type MailMatch, type MatchIndex } from './match.js';
import { mailText } from './text.js';

export const MAIL_CORPUS_DIR = new URL('../../../test/fixtures/mail/', import.meta.url);

export interface MailLabel {
  readonly id: string;
  readonly file: string;
  readonly class: MailClass;
  readonly split: 'train' | 'heldout';
  /** The application key it belongs to, or 'none'. */
  readonly app: string;
  readonly decisionBy?: string;
  readonly returnOn?: string;
  /** Bounces: the failed address. */
  readonly failed?: string;
  /** The sender passes for a company's domain. */
  readonly suspicious: boolean;
}

export interface MailEntry {
  readonly label: MailLabel;
  readonly raw: string;
  readonly facts: MailHeaderFacts;
  readonly text: string;
  readonly report: string | undefined;
}

interface CorpusApp {
  readonly key: string;
  readonly company: string;
  readonly role: string;
  readonly postingUrl?: string;
  readonly timeZone: string;
  readonly region: string;
  readonly people: readonly { readonly name: string; readonly email: string; readonly role: Person['role'] }[];
}

interface AppFile {
  readonly own: readonly string[];
  readonly settings: { readonly region: string; readonly timeZone: string };
  readonly applications: readonly CorpusApp[];
}

export interface MailCorpus {
  readonly entries: readonly MailEntry[];
  readonly index: MatchIndex;
  readonly applications: ReadonlyMap<string, Pick<Application, 'people' | 'timeZone' | 'region'>>;
  readonly settings: { readonly region: string; readonly timeZone: string };
}

function decodeTransfer(body: string, encoding: string): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'quoted-printable') {
    const bytes: number[] = [];
    const text = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < text.length; i++) {
      const hex = text.slice(i + 1, i + 3);
      if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        const code = text.codePointAt(i) ?? 0;
        if (code > 0xffff) i++;
        bytes.push(...new TextEncoder().encode(String.fromCodePoint(code)));
      }
    }
    return new TextDecoder().decode(Uint8Array.from(bytes));
  }
  if (enc === 'base64') return new TextDecoder().decode(Uint8Array.from(atob(body.replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
  return body;
}

interface Parts { text?: string; html?: string; report?: string }

/** A message's text, HTML and delivery-status parts (multipart read recursively). */
export function partsOf(raw: string, into: Parts = {}): Parts {
  const norm = raw.replace(/\r\n?/g, '\n');
  const split = norm.indexOf('\n\n');
  const head = split < 0 ? norm : norm.slice(0, split);
  const body = split < 0 ? '' : norm.slice(split + 2);
  const h = headerMap(head);
  const ct = h.get('content-type')?.[0] ?? 'text/plain';
  const type = (/^\s*([\w.+-]+\/[\w.+-]+)/.exec(ct)?.[1] ?? 'text/plain').toLowerCase();
  const boundary = /boundary\s*=\s*"?([^";]+)"?/i.exec(ct)?.[1];
  if (type.startsWith('multipart/') && boundary !== undefined) {
    const chunks = body.split(`--${boundary}`);
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith('--')) break;
      partsOf(chunk.replace(/^\n/, ''), into);
    }
    return into;
  }
  const decoded = decodeTransfer(body, h.get('content-transfer-encoding')?.[0] ?? '7bit');
  if (type === 'text/plain' && into.text === undefined) into.text = decoded;
  else if (type === 'text/html' && into.html === undefined) into.html = decoded;
  else if ((type === 'message/delivery-status' || type === 'message/global-delivery-status') && into.report === undefined) into.report = decoded;
  return into;
}

function labelOf(line: string, file: string): MailLabel {
  const [id, cls, ...rest] = line.trim().split(/\s+/);
  if (id === undefined || cls === undefined || !(MAIL_CLASSES as readonly string[]).includes(cls)) throw new Error(`${file}: bad label line: ${line}`);
  const kv = new Map(rest.map((t) => {
    const i = t.indexOf('=');
    return i < 0 ? [t, 'true'] as const : [t.slice(0, i), t.slice(i + 1)] as const;
  }));
  const opt = (k: string): Record<string, string> => {
    const v = kv.get(k);
    return v === undefined ? {} : { [k]: v };
  };
  return {
    id, file, class: cls as MailClass, split: kv.get('split') === 'heldout' ? 'heldout' : 'train', app: kv.get('app') ?? 'none',
    ...opt('decisionBy'), ...opt('returnOn'), ...opt('failed'), suspicious: kv.has('suspicious'),
  };
}

/** Every message of the corpus files (`files`, read through `read`), with the applications they are matched against. */
export function loadMailCorpus(read: (name: string) => string, files: readonly string[]): MailCorpus {
  const apps = JSON.parse(read('applications.json')) as AppFile;
  const entries: MailEntry[] = [];
  for (const file of files) {
    const chunks = read(file).split(/^=== /m).slice(1);
    for (const chunk of chunks) {
      const nl = chunk.indexOf('\n');
      const label = labelOf(chunk.slice(0, nl), file);
      const raw = chunk.slice(nl + 1).replace(/\n+$/, '\n');
      const parts = partsOf(raw);
      entries.push({ label, raw, facts: parseHeaderBlock(raw), text: mailText(parts).text, report: parts.report });
    }
  }
  const index = buildMatchIndex(apps.applications.map((a) => ({
    id: a.key, company: a.company, role: a.role, postingUrl: a.postingUrl,
    people: a.people.map((p, i) => ({ id: `${a.key}-${i}`, email: p.email })),
  })), { ownAddresses: apps.own });
  const applications = new Map(apps.applications.map((a) => [a.key, {
    timeZone: a.timeZone, region: a.region,
    people: a.people.map((p, i): Person => ({ id: `${a.key}-${i}`, name: p.name, email: p.email, role: p.role, informal: false, verified: true })),
  }]));
  return { entries, index, applications, settings: apps.settings };
}

export interface MailReading {
  readonly match: MailMatch;
  readonly reading: InboundReading;
}

const NO_APP: Pick<Application, 'people' | 'timeZone' | 'region'> = { people: [] };

/** Matches and reads one entry as the sync would: a bounce without its recipient in the headers is matched again from its body. */
export function readEntry(corpus: MailCorpus, entry: MailEntry, time: TimeRules): MailReading {
  let match = matchMessage(entry.facts, corpus.index);
  const receivedAt = entry.facts.date ?? 0;
  const app = match.applicationId === null ? NO_APP : corpus.applications.get(match.applicationId) ?? NO_APP;
  const reading = readInbound({ facts: entry.facts, receivedAt, text: entry.text, deliveryReport: entry.report }, app, { time, settings: corpus.settings });
  if (match.needsBody && reading.bounce !== null) {
    match = matchMessage({ ...entry.facts, failedRecipients: reading.bounce.failed.map((f) => f.address) }, corpus.index);
  }
  return { match, reading };
}

export interface ClassScore {
  readonly class: MailClass;
  readonly labelled: number;
  readonly predicted: number;
  readonly right: number;
  readonly precision: number;
  readonly recall: number;
}

export interface SplitScore {
  readonly size: number;
  readonly classes: readonly ClassScore[];
}

export interface MailScore {
  readonly train: SplitScore;
  readonly heldout: SplitScore;
  readonly all: SplitScore;
  /** Each wrong class, application, date, failed address or suspicion, one line each. */
  readonly misses: readonly string[];
  readonly matches: { readonly labelled: number; readonly right: number };
  readonly dates: { readonly labelled: number; readonly right: number };
}

function dayText(day: number | null | undefined): string | null {
  return day === null || day === undefined ? null : formatDay(day);
}

/** What a reading got wrong against its label (empty: all right). */
export function mailMistakes(label: MailLabel, r: MailReading): string[] {
  const out: string[] = [];
  const at = `${label.file} ${label.id}`;
  if (r.reading.class !== label.class) out.push(`${at}: class ${r.reading.class}, labelled ${label.class} (evidence: ${JSON.stringify(r.reading.reply?.evidence ?? '')})`);
  const app = r.match.applicationId ?? 'none';
  if (app !== label.app) out.push(`${at}: app ${app}, labelled ${label.app}${r.match.candidates.length > 0 ? ` (tied: ${r.match.candidates.join(', ')})` : ''}`);
  if ((r.match.suspicious.length > 0) !== label.suspicious) out.push(`${at}: suspicious ${String(r.match.suspicious.length > 0)}, labelled ${String(label.suspicious)}`);
  if (label.decisionBy !== undefined) {
    const d = r.reading.reply?.decision;
    const got = d?.kind === 'date' ? formatDay(d.day) : `${d?.kind ?? 'none'}`;
    if (got !== label.decisionBy) out.push(`${at}: decisionBy ${got}, labelled ${label.decisionBy}${d !== undefined && 'said' in d ? ` ("${d.said}")` : ''}`);
  }
  if (label.returnOn !== undefined && dayText(r.reading.reply?.returnOn) !== label.returnOn) out.push(`${at}: returnOn ${String(dayText(r.reading.reply?.returnOn))}, labelled ${label.returnOn}`);
  if (label.failed !== undefined && !(r.reading.bounce?.failed.some((f) => f.address === label.failed) ?? false)) {
    out.push(`${at}: failed ${r.reading.bounce?.failed.map((f) => f.address).join(',') ?? 'none'}, labelled ${label.failed}`);
  }
  return out;
}

function splitScore(pairs: readonly { label: MailLabel; r: MailReading }[]): SplitScore {
  const classes = MAIL_CLASSES.map((c): ClassScore => {
    const labelled = pairs.filter((p) => p.label.class === c).length;
    const predicted = pairs.filter((p) => p.r.reading.class === c).length;
    const right = pairs.filter((p) => p.label.class === c && p.r.reading.class === c).length;
    return { class: c, labelled, predicted, right, precision: predicted === 0 ? 1 : right / predicted, recall: labelled === 0 ? 1 : right / labelled };
  });
  return { size: pairs.length, classes };
}

/** Reads and scores every entry. */
export function scoreMailCorpus(corpus: MailCorpus, time: TimeRules): MailScore {
  const pairs = corpus.entries.map((e) => ({ label: e.label, r: readEntry(corpus, e, time) }));
  const misses = pairs.flatMap((p) => mailMistakes(p.label, p.r));
  const dated = pairs.filter((p) => p.label.decisionBy !== undefined || p.label.returnOn !== undefined);
  return {
    train: splitScore(pairs.filter((p) => p.label.split === 'train')),
    heldout: splitScore(pairs.filter((p) => p.label.split === 'heldout')),
    all: splitScore(pairs),
    misses,
    matches: { labelled: pairs.length, right: pairs.filter((p) => (p.r.match.applicationId ?? 'none') === p.label.app).length },
    dates: { labelled: dated.length, right: dated.filter((p) => !mailMistakes(p.label, p.r).some((m) => /: (?:decisionBy|returnOn) /.test(m))).length },
  };
}

/** One split's table, one row per class. */
export function renderMailScore(title: string, s: SplitScore): string {
  return [
    `${title}: ${s.size} messages`,
    'class                 labelled  predicted  precision  recall',
    ...s.classes.map((c) => `${c.class.padEnd(21)} ${String(c.labelled).padStart(8)}  ${String(c.predicted).padStart(9)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}`),
  ].join('\n');
}
