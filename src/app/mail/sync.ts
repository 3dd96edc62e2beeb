/**
 * The mailbox sync (issue 16, items 2 and 3): reads the Sent folder (special-use \Sent) and INBOX
 * over IMAP, incrementally by UIDVALIDITY and UID (a folder whose HIGHESTMODSEQ did not move is
 * not even searched, with CONDSTORE), only mail since the earliest active application; headers
 * first, bodies only of messages that match an application (core/mail: by people's addresses,
 * then company domains, then thread references). What each becomes:
 *
 * - a message the user sent to an application's people → a touch per person (kind inferred: a
 *   thank-you after an interview, a status check, an update, a reply), with its time and recipients;
 * - an employer's message → a pending proposal (the reply reader's class and change), and the
 *   notes queued for that application are cancelled (the employer answered first);
 * - a bounce → the person's email is marked unverified and a proposal tells the user;
 * - anything else → remembered as ignored.
 *
 * Every message is remembered by its Message-ID with what it became, in the same transaction as
 * its touch or proposal: a second sync, a UIDVALIDITY change or a reset never counts one twice.
 * Messages are read in batches: a batch's bodies are read and what each message becomes is decided
 * first, then the batch is written in one transaction (its messages in one statement, their touches,
 * bounces and proposals, and the folder's last UID), so a dropped connection or a failure resumes
 * after the last whole batch, and a 10,000-message first sync runs about 100 transactions, not 2,000.
 */
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import {
  buildMatchIndex, inferSentKind, mailText, matchMessage, parseHeaderBlock, readInbound,
  type InboundReading, type MailHeaderFacts, type MatchIndex, type SuspiciousSender,
} from '../../core/mail/index.js';
import type { Application, Settings } from '../../core/model.js';
import { REPLY_READ_MAX } from '../../core/replies/index.js';
import { formatDay, type EpochMs } from '../../core/time.js';
import { AppError } from '../errors.js';
import { addTouch, editPersonFields, requireProfile } from '../records.js';
import { connectionFailure, LINKED_FIELDS, loginOf, openImap, serverSaid, type MailDeps } from './connect.js';
import type { NewMailProposal } from './mail-port.js';
import { cancelQueuedOnReply } from './outbox-replied.js';
import type { MailLogin } from './send.js';
import type { MailEndpoint, MailFolderState, MailMessageRecord, MailMessageResult } from './types.js';

/** Headers fetched per round trip; the folder's place is saved after each batch. */
const BATCH = 250;
/** The most of a matching message read: its text comes first; a 30 MB attachment is never fetched whole. */
const BODY_MAX = 2_000_000;
/** How many times a dropped connection is opened again in one sync. */
const RECONNECTS = 3;
const DAY_MS = 86_400_000;

export interface SyncProgress {
  readonly folder: string;
  readonly done: number;
  readonly total: number;
}

export interface FolderReport {
  readonly path: string;
  /** New messages read (headers). */
  readonly read: number;
  /** The folder was read from the start: new, or its UIDVALIDITY changed. */
  readonly full: boolean;
  /** Nothing changed since the last sync (CONDSTORE), so nothing was asked for. */
  readonly unchanged: boolean;
}

export interface SyncReport {
  readonly folders: readonly FolderReport[];
  readonly touches: number;
  readonly proposals: number;
  readonly bounces: number;
  readonly ignored: number;
  /** Senders whose domain passes for a company's (examp1e.com): never matched, worth a warning. */
  readonly suspicious: readonly SuspiciousSender[];
  /** The day the sync reads from (the earliest active application); undefined when none is active. */
  readonly since: EpochMs | undefined;
  readonly at: EpochMs;
}

export interface SyncOptions {
  readonly onProgress?: (p: SyncProgress) => void;
  /** Stops after the batch being read (its place is saved): the next sync reads on from there. */
  readonly signal?: AbortSignal;
}

/** The earliest moment of the active applications: applied, first interview or first touch. */
export function syncSince(applications: readonly Application[]): EpochMs | undefined {
  let since: number | undefined;
  const take = (at: number) => { if (since === undefined || at < since) since = at; };
  for (const app of applications) {
    if (app.status !== 'active') continue;
    if (app.appliedOn !== undefined) take(app.appliedOn * DAY_MS);
    for (const iv of app.interviews) take(iv.start);
    for (const t of app.touches) take(t.at);
    // An application with no date at all counts from a month back.
  }
  return since;
}

/** A Message-ID for a message that has none: from its headers, so it is the same after a UIDVALIDITY change. */
function stableId(headers: string): string {
  return `${createHash('sha256').update(headers).digest('hex').slice(0, 32)}@afterword.invalid`;
}

interface Seen {
  readonly uid: number;
  readonly facts: MailHeaderFacts;
  readonly messageId: string;
  readonly receivedAt: EpochMs;
}

interface Folder {
  readonly path: string;
  readonly specialUse: string | undefined;
  readonly outbound: boolean;
}

type Counts = { touches: number; proposals: number; bounces: number; ignored: number };

function recipients(facts: MailHeaderFacts): string {
  const to = facts.to.map((a) => a.address).join(', ');
  const cc = facts.cc.map((a) => a.address).join(', ');
  return cc === '' ? to : `${to}; cc ${cc}`;
}

function record(folder: string, uidValidity: number, s: Seen, result: MailMessageResult, at: EpochMs, extra: Partial<MailMessageRecord> = {}): MailMessageRecord {
  const f = s.facts;
  return {
    messageId: s.messageId, folder, uidValidity, uid: s.uid, to: f.to.map((a) => a.address), cc: f.cc.map((a) => a.address),
    references: [...f.references].slice(-50), result, seenAt: at,
    ...(f.from[0] ? { from: f.from[0].address } : {}),
    ...(f.date !== null ? { date: f.date } : {}),
    ...(f.subject !== '' ? { subject: f.subject.slice(0, 998) } : {}),
    ...(f.inReplyTo[0] !== undefined ? { inReplyTo: f.inReplyTo[0] } : {}),
    ...extra,
  };
}

/** Reads the linked mailbox and applies what it says (see the module comment). */
export async function syncMailbox(deps: MailDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const { store, userId } = deps;
  const account = await store.mail.getAccount(userId);
  if (!account) throw new AppError({ reason: 'mail.not_linked' }, { path: 'mailbox', at: null });
  const now = deps.clock.now();
  const summaries = await store.listApplications(userId, { statuses: ['active'] });
  const applications = await store.getApplications(userId, summaries.map((s) => s.id));
  const since = syncSince(applications) ?? (applications.length > 0 ? now - 30 * DAY_MS : undefined);
  const counts: Counts = { touches: 0, proposals: 0, bounces: 0, ignored: 0 };
  const suspicious = new Map<string, SuspiciousSender>();
  const folders: FolderReport[] = [];
  if (since === undefined) {
    await store.mail.setAccountStatus(userId, 'connected', undefined, now);
    return { folders, ...counts, suspicious: [], since, at: now };
  }
  const byId = new Map(applications.map((a) => [a.id, a]));
  const profile = await store.getProfileRecords(userId);
  const settings = profile.settings;
  if (!settings) throw new AppError({ reason: 'mail.no_settings' });

  let client: ImapFlow | undefined;
  // Opened inside the try: a password this install's key cannot open marks the link failing too.
  let login: MailLogin | undefined;
  let imap: MailEndpoint | undefined;
  let connected = false;
  // A command on a connection the server closed fails in many ways (imapflow: "No mailbox is selected"):
  // a connection that is no longer usable counts as dropped, whatever the error says.
  const lost = (error: unknown): boolean => dropped(error) || client?.usable === false;
  const connection = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    client?.close();
    login ??= loginOf(deps.mailKey, userId, account);
    // A shared server checks the name again and connects to the address it checked.
    imap ??= deps.guard ? await deps.guard(account.imap, 'imapHost', LINKED_FIELDS) : account.imap;
    client = await openImap(imap, login, LINKED_FIELDS);
    connected = true;
    return client;
  };

  try {
    const first = await connection();
    const listed = await first.list();
    const sent = listed.find((f) => f.specialUse === '\\Sent');
    // Sent first: the inbox's replies then find the threads the user started.
    const toRead: Folder[] = [
      ...(sent ? [{ path: sent.path, specialUse: '\\Sent', outbound: true }] : []),
      { path: 'INBOX', specialUse: undefined, outbound: false },
    ];
    const states = new Map((await store.mail.listFolders(userId)).map((s) => [s.path, s]));
    for (const folder of toRead) {
      if (options.signal?.aborted) break;
      let attempts = 0;
      const carried = { read: 0, full: false };
      for (;;) {
        try {
          const threads = await store.mail.threads(userId);
          const index = buildMatchIndex(applications, {
            ownAddresses: [account.address, account.login.toLowerCase()],
            threads: threads.map(([id, app]) => [id, app] as const),
          });
          const employerIds = new Set(threads.filter(([, , r]) => r === 'proposal' || r === 'bounce').map(([id]) => id));
          folders.push(await readFolder(deps, await connection(), folder, states.get(folder.path), since, index, employerIds, byId, settings, counts, suspicious, options, carried));
          break;
        } catch (error) {
          if (error instanceof AppError || attempts >= RECONNECTS || !lost(error)) throw error;
          attempts++;
          // A server that said goodbye may leave the socket open a moment: never reuse that connection.
          client?.close();
          client = undefined;
          // The folder's place was saved after the last whole batch: read on from there.
          for (const s of await store.mail.listFolders(userId)) states.set(s.path, s);
        }
      }
    }
    const done: SyncReport = { folders, ...counts, suspicious: [...suspicious.values()], since, at: now };
    // A sync stopped half-way is no last sync: the time shown stays that of the last whole one.
    if (options.signal?.aborted) await store.mail.setAccountStatus(userId, 'connected', undefined);
    else await store.mail.setAccountStatus(userId, 'connected', undefined, deps.clock.now());
    return done;
  } catch (error) {
    const failure = error instanceof AppError ? error
      // Once connected, a failure is no matter of the server's name or port: say what happened.
      : connected && lost(error)
        ? new AppError({ reason: 'mail.connection_lost', params: { where: `${account.imap.host}:${account.imap.port}` } }, { cause: error })
        : connected ? new AppError({ reason: 'mail.server_failed', params: { host: account.imap.host, said: serverSaid(error) } }, { cause: error })
          : connectionFailure(error, 'IMAP', account.imap, LINKED_FIELDS);
    await store.mail.setAccountStatus(userId, 'failing', failure.detail ?? failure.message);
    throw failure;
  } finally {
    if (client?.usable) await client.logout().catch(() => undefined);
    else client?.close();
  }
}

/** A connection that broke (rather than a server's refusal): worth opening again. */
function dropped(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // NoMailboxSelected: the sync selects each folder before reading it, so only a server that ended the session deselects it.
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'NoConnection', 'NoMailboxSelected', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText', 'ERR_STREAM_DESTROYED'].includes(code)
    || /connection (?:not available|closed)|socket (?:closed|hang up)|unexpected close/i.test(typeof e.message === 'string' ? e.message : '');
}

async function readFolder(
  deps: MailDeps, client: ImapFlow, folder: Folder, state: MailFolderState | undefined, since: EpochMs, index: MatchIndex,
  employerIds: Set<string>, apps: ReadonlyMap<string, Application>, settings: Settings,
  counts: Counts, suspicious: Map<string, SuspiciousSender>, options: SyncOptions,
  /** What earlier attempts at this folder read in this sync, before a dropped connection: the report counts it too. */
  carried: { read: number; full: boolean },
): Promise<FolderReport> {
  const { store, userId } = deps;
  const lock = await client.getMailboxLock(folder.path, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box) throw new Error(`the folder ${folder.path} did not open`);
    const uidValidity = Number(box.uidValidity);
    const modseq = box.highestModseq !== undefined ? String(box.highestModseq) : undefined;
    // A new folder, a new UIDVALIDITY or an earlier first application: read from the start (what was seen stays seen).
    const full = state === undefined || state.uidValidity !== uidValidity || state.since > since;
    carried.full ||= full;
    const from = full ? since : state.since;
    if (!full && modseq !== undefined && state.highestModseq === modseq) {
      return { path: folder.path, read: 0, full: false, unchanged: true };
    }
    const lastUid = full ? 0 : state.lastUid;
    // SINCE is by day and the server's zone: a day early, never a message late.
    const found = await client.search({ uid: `${lastUid + 1}:*`, since: new Date(from - DAY_MS) }, { uid: true });
    const uids = (Array.isArray(found) ? found : []).filter((u) => u > lastUid).sort((a, b) => a - b);
    const place = (last: number, done: boolean): MailFolderState => ({
      path: folder.path, uidValidity, lastUid: last, since: from,
      ...(folder.specialUse !== undefined ? { specialUse: folder.specialUse } : {}),
      // HIGHESTMODSEQ only once the whole folder was read: a half-read folder is never "unchanged".
      ...(done && modseq !== undefined ? { highestModseq: modseq } : {}),
    });
    options.onProgress?.({ folder: folder.path, done: 0, total: uids.length });
    for (let i = 0; i < uids.length; i += BATCH) {
      if (options.signal?.aborted) break;
      const batch = uids.slice(i, i + BATCH);
      const fetched = await client.fetchAll(batch.join(','), { uid: true, headers: true, internalDate: true }, { uid: true });
      const seen: Seen[] = [];
      for (const msg of fetched) {
        const text = msg.headers ? msg.headers.toString('utf8') : '';
        const facts = parseHeaderBlock(text);
        const internal = msg.internalDate ? new Date(msg.internalDate).getTime() : NaN;
        const receivedAt = Number.isFinite(internal) ? internal : facts.date ?? deps.clock.now();
        seen.push({ uid: msg.uid, facts, messageId: facts.messageId ?? stableId(text), receivedAt });
      }
      const already = await store.mail.seenMessages(userId, seen.map((s) => s.messageId));
      const ignored: MailMessageRecord[] = [];
      const matched: { seen: Seen; applicationId: string; personIds: readonly string[]; outbound: boolean }[] = [];
      const inBatch = new Set<string>();
      for (const s of seen) {
        if (already.has(s.messageId) || inBatch.has(s.messageId)) continue;
        inBatch.add(s.messageId);
        const match = matchMessage(s.facts, index);
        for (const x of match.suspicious) suspicious.set(x.address, x);
        const outbound = match.direction === 'outbound';
        // The Sent folder holds only the user's mail; the inbox may hold it too (a copy to oneself).
        if (match.applicationId === null || !apps.has(match.applicationId) || (folder.outbound && !outbound)) {
          ignored.push(record(folder.path, uidValidity, s, 'ignored', deps.clock.now()));
        } else {
          matched.push({ seen: s, applicationId: match.applicationId, personIds: match.personIds, outbound });
        }
      }
      // Bodies only of the matching messages, and only their first part; each is read (and what it
      // becomes decided) before the transaction opens, which then only writes.
      const bodies = new Map<number, Buffer>();
      if (matched.length > 0) {
        const got = await client.fetchAll(matched.map((m) => m.seen.uid).join(','), { uid: true, source: { maxLength: BODY_MAX } }, { uid: true });
        for (const msg of got) if (msg.source) bodies.set(msg.uid, msg.source);
      }
      const outcomes: Outcome[] = [];
      for (const m of matched) {
        const app = apps.get(m.applicationId)!;
        const body = await readBody(bodies.get(m.seen.uid));
        bodies.delete(m.seen.uid);
        outcomes.push(outcomeOf(deps, folder.path, uidValidity, m.seen, app, m.personIds, m.outbound, body, employerIds, settings));
      }
      const last = batch[batch.length - 1]!;
      const next = place(last, i + BATCH >= uids.length);
      // The batch is one transaction: its messages (one statement), what they became and the folder's place.
      const added = await store.transaction((tx) => writeBatch({ ...deps, store: tx }, ignored, outcomes, next));
      counts.touches += added.touches;
      counts.proposals += added.proposals;
      counts.bounces += added.bounces;
      counts.ignored += ignored.length + outcomes.filter((o) => o.action.kind === 'ignore').length;
      carried.read += fetched.length;
      options.onProgress?.({ folder: folder.path, done: Math.min(i + BATCH, uids.length), total: uids.length });
    }
    if (uids.length === 0) {
      const next = place(lastUid, true);
      await store.mail.saveFolder(userId, next);
    }
    return { path: folder.path, read: carried.read, full: carried.full, unchanged: false };
  } finally {
    lock.release();
  }
}

interface Body {
  readonly text: string;
  readonly deliveryReport: string | undefined;
}

async function readBody(raw: Buffer | undefined): Promise<Body> {
  if (!raw) return { text: '', deliveryReport: undefined };
  try {
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
    const report = parsed.attachments.find((a) => a.contentType === 'message/delivery-status');
    return { text: mailText({ text: parsed.text, html: parsed.html }).text, deliveryReport: report ? report.content.toString('utf8') : undefined };
  } catch {
    // Malformed MIME: read what is there as plain text rather than stop the sync.
    const text = raw.toString('utf8');
    const split = text.search(/\r?\n\r?\n/);
    return { text: mailText({ text: split >= 0 ? text.slice(split).trim() : '' }).text, deliveryReport: undefined };
  }
}

/** What a matching message becomes, decided before the batch's transaction: its record, and what to write with it. */
interface Outcome {
  readonly seen: Seen;
  readonly app: Application;
  readonly record: MailMessageRecord;
  readonly action:
    | { readonly kind: 'touch'; readonly people: readonly (string | undefined)[]; readonly touch: Readonly<Record<string, unknown>> }
    | { readonly kind: 'bounce'; readonly failed: readonly BounceFailure[]; readonly at: EpochMs }
    | { readonly kind: 'proposal'; readonly proposal: NewMailProposal; readonly cancelsBefore: EpochMs | undefined }
    | { readonly kind: 'ignore' };
}

type BounceFailure = NonNullable<InboundReading['bounce']>['failed'][number];

function outcomeOf(
  deps: MailDeps, folder: string, uidValidity: number, s: Seen, app: Application, personIds: readonly string[], outbound: boolean,
  body: Body, employerIds: Set<string>, settings: Settings,
): Outcome {
  // The Date header, unless it claims a moment after the mailbox received the message.
  const at = s.facts.date !== null && s.facts.date <= s.receivedAt + DAY_MS ? s.facts.date : s.receivedAt;
  const now = deps.clock.now();
  if (outbound) {
    const answersEmployer = s.facts.inReplyTo.some((id) => employerIds.has(id));
    const kind = inferSentKind({ at, subject: s.facts.subject, text: body.text, answersEmployer }, app).kind;
    const people = personIds.filter((id) => app.people.some((p) => p.id === id));
    const subject = s.facts.subject === '' ? 'no subject' : `"${s.facts.subject.slice(0, 200)}"`;
    const text = `Email ${subject} to ${recipients(s.facts)}`.slice(0, 2_000);
    return {
      seen: s, app, record: record(folder, uidValidity, s, 'touch', now, { applicationId: app.id, touchKind: kind, ...(people[0] ? { personId: people[0] } : {}) }),
      action: { kind: 'touch', people: people.length > 0 ? people : [undefined], touch: { at: new Date(at).toISOString(), channel: 'email', kind, outcome: 'sent', text } },
    };
  }
  const reading = readInbound({ facts: s.facts, receivedAt: s.receivedAt, text: body.text, deliveryReport: body.deliveryReport }, app, { time: deps.time, settings });
  const from = s.facts.from[0]?.address;
  if (reading.class === 'bounce' && reading.bounce) {
    employerIds.add(s.messageId);
    return { seen: s, app, record: record(folder, uidValidity, s, 'bounce', now, { applicationId: app.id }), action: { kind: 'bounce', failed: reading.bounce.failed, at } };
  }
  if (reading.class === 'ignore' || reading.class === 'auto_reply' || reading.reply === null) {
    return { seen: s, app, record: record(folder, uidValidity, s, 'ignored', now, { applicationId: app.id }), action: { kind: 'ignore' } };
  }
  const reply = reading.reply;
  const kind = reading.class === 'other' ? 'other' : reading.class;
  // What accepting hands the reply reader again (as readInbound read it): the subject names the message.
  const text = `${s.facts.subject === '' ? '' : `Subject: ${s.facts.subject}\n\n`}${body.text}`.slice(0, REPLY_READ_MAX);
  employerIds.add(s.messageId);
  return {
    seen: s, app, record: record(folder, uidValidity, s, 'proposal', now, { applicationId: app.id, ...(reading.writerId ? { personId: reading.writerId } : {}) }),
    action: {
      kind: 'proposal',
      proposal: {
        applicationId: app.id, messageId: s.messageId, kind, createdAt: now,
        payload: {
          action: reply.proposal.action, rules: [...reply.proposal.rules], why: reply.proposal.why, at, text,
          subject: s.facts.subject.slice(0, 200), ...(from !== undefined ? { from } : {}),
          ...(reading.writerId !== undefined ? { personId: reading.writerId } : {}),
          ...(reply.evidence !== '' ? { evidence: reply.evidence.slice(0, 500) } : {}),
          ...(reply.decision.kind === 'date' ? { decisionBy: formatDay(reply.decision.day) } : {}),
          ...(reply.decision.kind !== 'none' ? { said: reply.decision.said } : {}),
          ...(reply.decision.kind === 'choices' ? { choices: reply.decision.choices.map((c) => formatDay(c.day)) } : {}),
          ...(reply.returnOn !== null ? { returnOn: formatDay(reply.returnOn) } : {}),
        },
      },
      // The employer answered: a note queued before their message would cross it.
      cancelsBefore: kind === 'out_of_office' ? undefined : at,
    },
  };
}

/**
 * Writes one batch inside its transaction (`deps.store`): every message in one statement, then,
 * for those not seen before, their touches, bounces and proposals, and the folder's place. The
 * profile and the applications touched are read once, and each touch builds on the application as
 * the one before it left it; queued notes are cancelled once per application, up to its latest reply.
 */
async function writeBatch(deps: MailDeps, ignored: readonly MailMessageRecord[], outcomes: readonly Outcome[], next: MailFolderState): Promise<Omit<Counts, 'ignored'>> {
  const { store, userId } = deps;
  const counts = { touches: 0, proposals: 0, bounces: 0 };
  const added = new Set(await store.mail.addMessages(userId, [...ignored, ...outcomes.map((o) => o.record)]));
  const fresh = outcomes.filter((o) => added.has(o.record.messageId));
  const touched = [...new Set(fresh.filter((o) => o.action.kind === 'touch').map((o) => o.app.id))];
  const current = new Map((touched.length > 0 ? await store.getApplications(userId, touched) : []).map((a) => [a.id, a]));
  const profile = touched.length > 0 ? await requireProfile(deps) : undefined;
  const cancels = new Map<string, EpochMs>();
  for (const o of fresh) {
    const { app, action } = o;
    if (action.kind === 'touch') {
      for (const personId of action.people) {
        const touch: Record<string, unknown> = { ...action.touch };
        if (personId !== undefined) touch['personId'] = personId;
        const known = current.get(app.id);
        const saved = await addTouch(deps, app.id, touch, known && profile ? { profile, current: known } : undefined);
        current.set(app.id, saved.application);
        counts.touches++;
      }
    } else if (action.kind === 'bounce') {
      for (const failed of action.failed) {
        const person = app.people.find((p) => p.email !== undefined && p.email.trim().toLowerCase() === failed.address.toLowerCase());
        if (person && person.verified) current.set(app.id, (await editPersonFields(deps, app.id, person.id, { verified: false })).application);
        await store.mail.addProposal(userId, {
          applicationId: app.id, messageId: o.seen.messageId, kind: 'bounce', createdAt: o.record.seenAt,
          payload: {
            address: failed.address, ...(person ? { personId: person.id, personName: person.name } : {}),
            addressWrong: failed.addressWrong, ...(failed.diagnostic !== null ? { diagnostic: failed.diagnostic } : {}), at: action.at,
          },
        });
        counts.bounces++;
      }
    } else if (action.kind === 'proposal') {
      await store.mail.addProposal(userId, action.proposal);
      counts.proposals++;
      if (action.cancelsBefore !== undefined) cancels.set(app.id, Math.max(cancels.get(app.id) ?? action.cancelsBefore, action.cancelsBefore));
    }
  }
  // A note scheduled before any of the employer's messages is cancelled: once, up to the latest.
  for (const [applicationId, before] of cancels) await cancelQueuedOnReply({ store, userId }, applicationId, before);
  await store.mail.saveFolder(userId, next);
  return counts;
}
