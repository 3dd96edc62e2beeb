/**
 * Which application a message belongs to, from its headers only (issue 16, sync): first a person's
 * address, then the company's domains (from its people's addresses and the posting link), then a
 * hiring system writing in the company's name, then the thread (a Message-ID the caller already
 * filed). A sender whose domain passes for a company's without being it never matches and is
 * reported. Several applications that fit equally are narrowed by the thread and by the role's
 * words in the subject; what is still tied is left unmatched, with the candidates.
 */
import type { Application, Person } from '../model.js';
import type { MailAddress, MailHeaderFacts } from './headers.js';
import { HIRING_SYSTEMS, isSharedDomain, lookalikeKey, lookalikeOf, normaliseHost, registrableDomain, type LookalikeKey } from './domains.js';

/** What the index needs of an application. */
export type MatchApplication = Pick<Application, 'id' | 'company' | 'role'> & {
  readonly postingUrl?: string | undefined;
  readonly people: readonly Pick<Person, 'id' | 'email'>[];
};

export interface MatchIndexOptions {
  /** The user's own addresses: a message from one of them is outbound. */
  readonly ownAddresses?: readonly string[];
  /** Message-IDs already filed under an application (sent touches, earlier matches). */
  readonly threads?: Iterable<readonly [messageId: string, applicationId: string]>;
}

export interface MatchIndex {
  readonly own: ReadonlySet<string>;
  /** Address (lower case) → [applicationId, personId] pairs. */
  readonly people: ReadonlyMap<string, readonly (readonly [string, string])[]>;
  /** Registrable domain → application ids. */
  readonly domains: ReadonlyMap<string, readonly string[]>;
  /** Message-ID → application id. */
  readonly threads: ReadonlyMap<string, string>;
  /** Application id → its company's name words and its role's words, lower case. */
  readonly names: ReadonlyMap<string, { readonly company: readonly string[]; readonly role: readonly string[] }>;
  /** Companies without a known domain, by their name run together ("hooli", "soylentfoods") → application ids. */
  readonly bareNames: ReadonlyMap<string, readonly string[]>;
  /** The company domains and bare names, ready for lookalike checks. */
  readonly lookalikes: readonly (LookalikeKey & { readonly applicationIds: readonly string[] })[];
  /** Lower-case hiring-system slugs ("acme" of boards.greenhouse.io/acme) → application ids. */
  readonly slugs: ReadonlyMap<string, readonly string[]>;
}

export type MatchBy = 'person' | 'domain' | 'hiring_system' | 'thread';

export interface SuspiciousSender {
  readonly address: string;
  /** The company domain it passes for. */
  readonly resembles: string;
  readonly applicationIds: readonly string[];
}

export interface MailMatch {
  /** Outbound when the sender is one of the user's own addresses. */
  readonly direction: 'inbound' | 'outbound';
  /** The application, or null (no match, a tie, or a lookalike sender). */
  readonly applicationId: string | null;
  readonly by: MatchBy | null;
  /** The application's people among the other side's addresses (sender, or recipients when outbound). */
  readonly personIds: readonly string[];
  /** Applications that fit equally when nothing narrowed them (applicationId is then null). */
  readonly candidates: readonly string[];
  /** Senders whose domain passes for a company's (examp1e.com): never matched. */
  readonly suspicious: readonly SuspiciousSender[];
  /** A delivery report without its failed recipient in the headers: read the body (bounceOf) and match again with `failedRecipients`. */
  readonly needsBody: boolean;
}

const COMPANY_SUFFIX = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'bv', 'group', 'the', 'and', 'holdings', 'pty', 'lp', 'sas', 'srl', 'oy', 'ab', 'as']);
const ROLE_STOP = new Set(['the', 'and', 'of', 'for', 'a', 'an', 'in', 'at', 'to', 'senior', 'junior', 'lead', 'sr', 'jr', 'i', 'ii', 'iii']);

function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** Where a posting link on a hiring system names the employer: boards.greenhouse.io/acme, acme.wd5.myworkdayjobs.com. */
function slugOf(url: URL): string | null {
  const host = normaliseHost(url.hostname);
  const domain = registrableDomain(host);
  if (!HIRING_SYSTEMS.has(domain)) return null;
  const path = url.pathname.split('/').filter((p) => p !== '');
  const sub = host.slice(0, Math.max(0, host.length - domain.length - 1)).split('.').filter((l) => !/^(?:www|boards|jobs|job-boards|apply|careers|hire|wd\d+|eu|us)$/.test(l));
  const raw = sub[0] ?? (/^(?:en-\w+|jobs|careers|j|o)$/i.test(path[0] ?? '') ? path[1] : path[0]);
  if (raw === undefined) return null;
  const slug = raw.toLowerCase().replace(/^careers-/, '').replace(/[^a-z0-9]/g, '');
  return slug.length >= 2 ? slug : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** The index `matchMessage` reads, built once per sync. Bad addresses and links are skipped. */
export function buildMatchIndex(applications: readonly MatchApplication[], options: MatchIndexOptions = {}): MatchIndex {
  const people = new Map<string, (readonly [string, string])[]>();
  const domains = new Map<string, string[]>();
  const slugs = new Map<string, string[]>();
  const names = new Map<string, { company: string[]; role: string[] }>();
  for (const app of applications) {
    names.set(app.id, {
      company: words(app.company).filter((w) => !COMPANY_SUFFIX.has(w)),
      role: words(app.role).filter((w) => !ROLE_STOP.has(w) && w.length > 1),
    });
    for (const p of app.people) {
      const email = p.email?.trim().toLowerCase();
      if (email === undefined || !email.includes('@')) continue;
      const list = people.get(email) ?? [];
      if (!list.some(([a, q]) => a === app.id && q === p.id)) list.push([app.id, p.id]);
      people.set(email, list);
      const domain = registrableDomain(email);
      if (domain.includes('.') && !isSharedDomain(domain)) push(domains, domain, app.id);
    }
    if (app.postingUrl !== undefined) {
      try {
        const url = new URL(app.postingUrl);
        const domain = registrableDomain(url.hostname);
        if (domain.includes('.') && !isSharedDomain(domain)) push(domains, domain, app.id);
        const slug = slugOf(url);
        if (slug !== null) push(slugs, slug, app.id);
      } catch {
        // Not a link: nothing to learn from it.
      }
    }
  }
  const threads = new Map<string, string>();
  for (const [id, app] of options.threads ?? []) threads.set(id, app);
  const withDomain = new Set([...domains.values()].flat());
  const bareNames = new Map<string, string[]>();
  for (const [id, n] of names) {
    const bare = n.company.join('');
    if (!withDomain.has(id) && bare.length >= 4) push(bareNames, bare, id);
  }
  const lookalikes = [...domains, ...bareNames].map(([known, applicationIds]) => ({ ...lookalikeKey(known), applicationIds }));
  return { own: new Set((options.ownAddresses ?? []).map((a) => a.trim().toLowerCase())), people, domains, threads, names, slugs, bareNames, lookalikes };
}

function threadApps(facts: MailHeaderFacts, index: MatchIndex): string[] {
  const out: string[] = [];
  for (const id of [...facts.inReplyTo, ...facts.references]) {
    const app = index.threads.get(id);
    if (app !== undefined && !out.includes(app)) out.push(app);
  }
  return out;
}

/** True when `text`'s words hold `phrase`'s words in a row. */
function hasPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= text.length; i++) {
    if (phrase.every((w, k) => text[i + k] === w)) return true;
  }
  return false;
}

/** Narrows a tie: the thread first, then the role's words in the subject. */
function narrow(candidates: readonly string[], facts: MailHeaderFacts, index: MatchIndex): string[] {
  if (candidates.length <= 1) return [...candidates];
  const threaded = threadApps(facts, index).filter((a) => candidates.includes(a));
  if (threaded.length === 1) return threaded;
  const subject = new Set(words(facts.subject));
  const scored = candidates.map((id) => {
    const role = index.names.get(id)?.role ?? [];
    return { id, score: role.filter((w) => subject.has(w)).length };
  });
  const best = Math.max(...scored.map((s) => s.score));
  if (best === 0) return [...candidates];
  return scored.filter((s) => s.score === best).map((s) => s.id);
}

const NO_MATCH = { applicationId: null, by: null, personIds: [], candidates: [] } as const;

/**
 * The application `facts` belongs to, and how (see the module comment). Never throws; a message
 * with no usable address matches by its thread only.
 */
export function matchMessage(facts: MailHeaderFacts, index: MatchIndex): MailMatch {
  const sender = facts.from[0];
  const outbound = sender !== undefined && index.own.has(sender.address);
  const direction = outbound ? 'outbound' as const : 'inbound' as const;
  const report = facts.reportType === 'delivery-status' || (sender !== undefined && /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/.test(sender.address));
  let others: readonly MailAddress[];
  if (outbound) others = [...facts.to, ...facts.cc, ...facts.bcc].filter((a) => !index.own.has(a.address));
  else if (report) others = facts.failedRecipients.map((address) => ({ name: '', address }));
  else others = facts.from.slice(0, 1);

  // Lookalikes of a known company domain, among the addresses not known exactly.
  const suspicious: SuspiciousSender[] = [];
  for (const a of others) {
    if (index.people.has(a.address)) continue;
    const domain = registrableDomain(a.address);
    if (index.domains.has(domain) || isSharedDomain(domain)) continue;
    const like = lookalikeOf(domain, index.lookalikes);
    if (like !== undefined) suspicious.push({ address: a.address, resembles: like.known, applicationIds: like.applicationIds });
  }
  const base = { direction, suspicious, needsBody: false };
  if (!outbound && suspicious.length > 0) return { ...base, ...NO_MATCH };
  if (report && others.length === 0) {
    const threaded = threadApps(facts, index);
    if (threaded.length === 1) return { ...base, applicationId: threaded[0] ?? null, by: 'thread', personIds: [], candidates: [] };
    return { ...base, ...NO_MATCH, needsBody: true };
  }

  const decide = (by: MatchBy, candidates: readonly string[]): MailMatch | null => {
    if (candidates.length === 0) return null;
    const left = narrow(candidates, facts, index);
    const personIds = (app: string): string[] => others.flatMap((a) => (index.people.get(a.address) ?? []).filter(([x]) => x === app).map(([, p]) => p));
    if (left.length === 1 && left[0] !== undefined) return { ...base, applicationId: left[0], by, personIds: personIds(left[0]), candidates: [] };
    return { ...base, applicationId: null, by: null, personIds: [], candidates: left };
  };

  const byPerson: string[] = [];
  for (const a of others) for (const [app] of index.people.get(a.address) ?? []) if (!byPerson.includes(app)) byPerson.push(app);
  const byDomain: string[] = [];
  for (const a of others) for (const app of index.domains.get(registrableDomain(a.address)) ?? []) if (!byDomain.includes(app)) byDomain.push(app);
  const byPlatform: string[] = [];
  if (!outbound && sender !== undefined && HIRING_SYSTEMS.has(registrableDomain(sender.address))) {
    const said = words(`${sender.name} ${facts.subject}`);
    const local = sender.address.slice(0, sender.address.indexOf('@')).replace(/[^a-z0-9]/g, '');
    const host = sender.address.slice(sender.address.indexOf('@') + 1).split('.');
    for (const [id, n] of index.names) if (hasPhrase(said, n.company)) byPlatform.push(id);
    for (const [slug, apps] of index.slugs) {
      if (slug === local || host.includes(slug)) for (const app of apps) if (!byPlatform.includes(app)) byPlatform.push(app);
    }
  }
  return decide('person', byPerson) ?? decide('domain', byDomain) ?? decide('hiring_system', byPlatform)
    ?? decide('thread', threadApps(facts, index)) ?? { ...base, ...NO_MATCH };
}
