/**
 * `afterword mail to-drafts|schedule|outbox|cancel|send-now` (issue 16, item 4): a draft put in the
 * linked mailbox's Drafts folder, a note scheduled for the plan's moment or a picked one, the
 * outbox listed, a note cancelled or sent now. `afterword serve` sends what is due.
 */
import type { Command } from 'commander';
import type { DraftRef } from '../../app/drafting.js';
import { AppError } from '../../app/errors.js';
import type { MailboxOf, NoteEdit, OutboxDeps, SendWhen } from '../../app/mail/outbox.js';
import type { OutboxItem } from '../../app/mail/types.js';
import { parseNow } from '../../app/plan-scenario.js';
import type { AppDeps } from '../../app/records.js';
import { DRAFT_KINDS } from '../../core/drafts/types.js';
import type { Scenario } from '../../core/model.js';
import { formatWallClock } from '../../core/time.js';
import { mailboxOf } from '../../app/mail/connect.js';
import { loadOrCreateMailKey, type MailKey } from '../../app/mail/credentials.js';
import { configOf, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { naming } from '../naming.js';
import { readInput } from './read-input.js';

// The drafting code (compromise, the tone check, the speller) and the outbox's use cases load only in
// the commands that write a note: every `afterword mail …` command registers these, and `mail sync`
// and `mail status` never draft (a first sync's peak memory, docs/mail.md).
const drafting = () => import('../../app/drafting.js');
const outbox = () => import('../../app/mail/outbox.js');
/** drafting.ts's DRAFT_REQUEST_KINDS that are email notes, without loading it. */
const NOTE_KINDS = ['thank_you', 'update', 'reply', ...DRAFT_KINDS].filter((k) => !/letter|call_script|voicemail|reference/.test(k));

/** How the commands reach the linked mailbox (its key and store). */
export type MailboxFor = (io: CliIo, cmd: Command, deps: AppDeps) => Promise<MailboxOf>;

/**
 * The key that seals the mailbox password of the CLI's user: the data folder's mail-key, as
 * `afterword serve` uses for its own user (a shared server's seekers link theirs in the web app).
 * Tests pass one.
 */
export function mailKeyOf(io: CliIo, command: Command): MailKey {
  if (io.mailKey) return io.mailKey;
  return loadOrCreateMailKey(configOf(io, command).dataDir);
}

const defaultMailboxFor: MailboxFor = (io, cmd, deps) => Promise.resolve(mailboxOf({ store: deps.store, mailKey: mailKeyOf(io, cmd) }));

interface NoteOptions {
  kind: string;
  person?: string;
  reference?: string;
  interview?: string;
  note?: string;
  subject?: string;
  body?: string;
  json?: boolean;
}

interface ScheduleOptions extends NoteOptions {
  at: string;
}

const STATUS_WORDS: Readonly<Record<OutboxItem['status'], string>> = {
  queued: 'waiting', sending: 'being sent', sent: 'sent', cancelled: 'cancelled', failed: 'not sent',
};
const KIND_WORDS: Readonly<Record<OutboxItem['kind'], string>> = {
  thank_you: 'thank-you', status_check: 'status check', update: 'update', call: 'call', voicemail: 'voicemail', reply: 'reply', reference_brief: 'reference brief',
};

function noteFlags(cmd: Command): Command {
  return cmd
    .requiredOption('--kind <kind>', `what to write: ${NOTE_KINDS.join(', ')}`)
    .option('--person <id>', 'the recipient')
    .option('--interview <id>', 'the interview the note is about (default: the latest one with that person)')
    .option('--note <text>', 'for an update: the skill, the news item, the idea or the question')
    .option('--subject <text>', 'the subject as you want it (default: the draft\'s)')
    .option('--body <file>', 'the note as you edited it, from a text file ("-" reads standard input; default: the draft as Afterword writes it)');
}

function refOf(opts: NoteOptions): DraftRef {
  return {
    kind: opts.kind,
    ...(opts.person !== undefined ? { personId: opts.person } : {}), ...(opts.reference !== undefined ? { referenceId: opts.reference } : {}),
    ...(opts.interview !== undefined ? { interviewId: opts.interview } : {}), ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
}

/** The note to put or schedule: the edited text from --body/--subject, else the draft as written. */
async function editOf(io: CliIo, deps: AppDeps, application: string, opts: NoteOptions): Promise<NoteEdit> {
  const scenario: Scenario | undefined = await deps.store.loadScenario(deps.userId);
  if (!scenario) throw new AppError({ reason: 'profile.missing_short' });
  const { checkedDraft } = await drafting();
  const checked = checkedDraft(scenario, application, refOf(opts), { time: deps.time, now: io.now() });
  if (!checked.ok) {
    throw new AppError({ reason: 'draft_cli.lookup', params: { error: checked.error, referenceFlag: '--person', asked: opts.kind, applicationAt: 'application' } }, { at: null });
  }
  const { draft } = checked.value;
  const body = opts.body !== undefined ? readInput(io, opts.body, '--body').replace(/\r\n/g, '\n') : draft.body;
  return { subject: opts.subject ?? draft.subject ?? '', body };
}

function when(deps: AppDeps, zone: string, at: string): SendWhen {
  if (at === 'ideal') return { ideal: true };
  try {
    return { at: parseNow(at, deps.time, zone) };
  } catch {
    throw new AppError({ reason: 'mail_cli.not_moment', params: { value: at } }, { path: '--at' });
  }
}

/** One note as a line: `3  waiting  thank-you to g.okafor@acme.example (a1), at Tue 2026-03-03 16:00: "Thank you…"`. */
export function renderNote(item: OutboxItem, format: (ms: number) => string): string {
  const at = item.status === 'sent' && item.sentAt !== undefined ? `sent ${format(item.sentAt)}` : `at ${format(item.sendAt)}`;
  const why = item.status === 'cancelled' ? (item.cancelledReason === 'employer_replied' ? ' (the employer replied first)' : ' (by you)')
    : item.status === 'failed' || (item.status === 'queued' && item.lastError !== undefined) ? ` (${item.lastError ?? 'failed'})` : '';
  return `${item.id}  ${STATUS_WORDS[item.status]}${why}  ${KIND_WORDS[item.kind]} to ${item.to.join(', ')} (${item.applicationId}), ${at}: "${item.subject}"`;
}

function noteId(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AppError({ reason: 'mail_cli.not_note_number', params: { value: text } }, { path: 'note', at: '<note>' });
  return Number(text);
}

/** The flags the use cases' fields are typed as. */
const FLAGS = { at: '--at', body: '--body', subject: '--subject', kind: '--kind' } as const;

export function registerMailOutbox(mail: Command, io: CliIo, mailboxFor: MailboxFor = defaultMailboxFor): void {
  /** The use cases' deps with the linked mailbox; refused at once, saying how to link one, when there is none. */
  const outboxDeps = async (cmd: Command, deps: AppDeps): Promise<OutboxDeps> => {
    const mailbox = await mailboxFor(io, cmd, deps);
    if (!await deps.store.mail.getAccount(deps.userId)) {
      throw new AppError({ reason: 'mail_cli.not_linked', params: { so: 'nothing can be put in Drafts or sent' } }, { path: 'mailbox', at: null });
    }
    return { ...deps, mailbox };
  };
  // `Tue 2026-03-10 09:30` on the clocks of `zone`.
  const format = (deps: AppDeps, zone: string) => (ms: number) => formatWallClock(deps.time.zone(zone), ms);
  const zoneOf = async (deps: AppDeps): Promise<string> => (await deps.store.getSettings(deps.userId))?.timeZone ?? 'UTC';

  noteFlags(mail.command('to-drafts')
    .description('Put a follow-up note in your mailbox\'s Drafts folder, to check and send from your own mail program.')
    .argument('<application>', 'the application id'))
    .addHelpText('after', `
The message is the same as "afterword draft --eml" writes. Link your mailbox first
("afterword mail connect").

Example:
  $ afterword mail to-drafts a1 --person p1 --kind thank_you`)
    .action(async (application: string, opts: NoteOptions, cmd: Command) => {
      await withApp(io, cmd, async (deps) => {
        const ready = await outboxDeps(cmd, deps);
        const edit = await editOf(io, deps, application, opts);
        const { putInDrafts } = await outbox();
        const put = await naming(FLAGS, () => putInDrafts(ready, application, refOf(opts), edit));
        io.stdout(`Put in your ${put.folder} folder: open your mail program to check and send it.\n`);
      });
    });

  noteFlags(mail.command('schedule')
    .description('Schedule a follow-up note to be sent by email at the plan\'s best moment, or at a moment you pick.')
    .argument('<application>', 'the application id'))
    .option('--at <when>', '"ideal" (the plan\'s moment, in the recipient\'s zone) or a date and time (without an offset: in your zone)', 'ideal')
    .option('--no-spelling', 'skip the spelling check (L12) of the tone check')
    .option('--json', 'print the queued note as JSON')
    .addHelpText('after', `
The note is tone-checked now: one the check finds errors in is refused. Exactly that
subject and text leave, once, sent by "afterword serve" at the moment (it must be
running then; a note whose moment passed while it was stopped leaves when it starts).
A reply from the employer, seen by "afterword mail sync", cancels notes still waiting.

Examples:
  $ afterword mail schedule a1 --person p1 --kind status_check
  $ afterword mail schedule a1 --person p1 --kind status_check --body check-in.txt --at 2026-03-10T09:30`)
    .action(async (application: string, opts: ScheduleOptions & { spelling: boolean }, cmd: Command) => {
      await withApp(io, cmd, async (deps) => {
        const zone = await zoneOf(deps);
        const moment = when(deps, zone, opts.at);
        const ready = await outboxDeps(cmd, deps);
        const edit = await editOf(io, deps, application, opts);
        const speller = opts.spelling ? await (await import('../../app/speller.js')).createSpellerLoader().load() : undefined;
        const { scheduleNote } = await outbox();
        const scheduled = await naming(FLAGS, () => scheduleNote(ready, speller, application, refOf(opts), edit, moment));
        if (opts.json) {
          io.stdout(`${JSON.stringify({ ...scheduled.item, sendAt: new Date(scheduled.item.sendAt).toISOString(), createdAt: new Date(scheduled.item.createdAt).toISOString(), timeZone: scheduled.timeZone }, null, 2)}\n`);
          return;
        }
        const theirs = format(deps, scheduled.timeZone)(scheduled.item.sendAt);
        const by = scheduled.moment.by === 'plan' ? 'the plan\'s moment for it' : 'the moment you picked';
        io.stdout(`Scheduled note ${scheduled.item.id} to ${scheduled.item.to.join(', ')} for ${theirs} (${scheduled.timeZone}), ${by}.\n`
          + `"afterword serve" sends it then; "afterword mail cancel ${scheduled.item.id}" cancels it.\n`);
      });
    });

  mail.command('outbox')
    .description('List the notes waiting to be sent (with --all, also those sent and cancelled).')
    .option('--all', 'also the notes sent and cancelled')
    .option('--json', 'print the notes as JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withApp(io, cmd, async (deps) => {
        const { listOutbox } = await outbox();
        const items = await listOutbox(deps, opts.all ? {} : { statuses: ['queued', 'sending', 'failed'] });
        if (opts.json) {
          const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
          io.stdout(`${JSON.stringify(items.map((i) => ({ ...i, sendAt: iso(i.sendAt), createdAt: iso(i.createdAt), sentAt: iso(i.sentAt), claimedAt: iso(i.claimedAt) })), null, 2)}\n`);
          return;
        }
        if (items.length === 0) {
          io.stdout(opts.all ? 'Your outbox is empty.\n' : 'No notes are waiting to be sent.\n');
          return;
        }
        const f = format(deps, await zoneOf(deps));
        for (const item of items) io.stdout(`${renderNote(item, f)}\n`);
      });
    });

  mail.command('cancel')
    .description('Cancel a note waiting to be sent.')
    .argument('<note>', 'the note\'s number ("afterword mail outbox" lists them)')
    .action(async (note: string, _opts: unknown, cmd: Command) => {
      await withApp(io, cmd, async (deps) => {
        const { cancelNote } = await outbox();
        const item = await cancelNote(deps, noteId(note));
        io.stdout(`Cancelled note ${item.id} to ${item.to.join(', ')}: it will not be sent.\n`);
      });
    });

  mail.command('send-now')
    .description('Send a waiting note now instead of at its moment.')
    .argument('<note>', 'the note\'s number ("afterword mail outbox" lists them)')
    .action(async (note: string, _opts: unknown, cmd: Command) => {
      await withApp(io, cmd, async (deps) => {
        const { sendNoteNow } = await outbox();
        const item = await sendNoteNow(deps, noteId(note));
        io.stdout(`Note ${item.id} to ${item.to.join(', ')} is due now: "afterword serve" sends it the next time it looks at the queue (within 15 seconds while it runs), or as soon as it starts.\n`);
      });
    });
}
