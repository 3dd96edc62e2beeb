/**
 * `afterword reply`: what the employer's reply means and what it changes (issue 13, item 2).
 * With --scenario (CONTRACT.md): read it for an application of the file, store nothing. On your
 * records: show the reading, apply the proposed change once you confirm, keep the reply in the history.
 */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { loadScenario, parseNow } from '../../app/plan-scenario.js';
import { getProfile, type AppDeps } from '../../app/records.js';
import { readReplyFor, readReplyIn, recordReply, replyContractJson, requireReplyText, type ReadReply, type RecordedReply } from '../../app/replies.js';
import type { ReplyAction, ReplyReading } from '../../core/replies/index.js';
import { createTimeRules, formatDay, parseDay, weekdayName, type Day } from '../../core/time.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { recommendationToJson } from '../../core/rules/output.js';
import { renderNext } from '../render/agenda.js';
import { readInput } from './read-input.js';

interface ReplyOptions {
  scenario?: string;
  application?: string;
  textFile: string;
  now?: string;
  person?: string;
  decisionBy?: string;
  yes?: boolean;
  json?: boolean;
}

const day = (d: Day): string => `${weekdayName(d)} ${formatDay(d)}`;

/** The class in words: "not decided yet, with a new date: Fri 2026-03-20". */
export function classInWords(r: ReplyReading): string {
  switch (r.class) {
    case 'next_round': return 'an invitation to another round';
    case 'rejection': return r.detail === 'filled' ? 'a rejection: the position has been filled' : 'a rejection';
    case 'not_decided':
      switch (r.decision.kind) {
        case 'date': return `not decided yet, with a new date: ${day(r.decision.day)}`;
        case 'choices': return `not decided yet, with a date that reads two ways: ${r.decision.choices.map((c) => `${day(c.day)} (${c.understood})`).join(' or ')}`;
        case 'unread': return `not decided yet, with a date that could not be read ("${r.decision.said}")`;
        case 'none': return 'not decided yet, with no new date';
      }
      break;
    case 'offer': return 'an offer';
    case 'references_requested': return r.detail === 'references' ? 'a request for references' : 'a request for documents';
    case 'out_of_office': return r.returnOn === null ? 'an automatic reply (out of the office)' : `an automatic reply (out of the office, back ${day(r.returnOn)})`;
    case 'question': return 'a question for you to answer';
    case 'other': return 'no decision, date or request';
  }
  return r.class;
}

/** What applying the proposal records and what the plan then does. */
export function changeInWords(action: ReplyAction, decisionBy: Day | undefined): string {
  switch (action) {
    case 'record_next_round': return 'record it as "invited to next round"; add the new interview once it is booked (afterword add interview).';
    case 'record_rejection': return 'record it as "rejection"; the plan then proposes a gracious reply and closing the application.';
    case 'record_filled': return 'record it as "position filled"; the plan then proposes a gracious reply and closing the application.';
    case 'new_decision_date':
    case 'choose_decision_date':
      return decisionBy !== undefined
        ? `record it as "not decided", with ${day(decisionBy)} as the new decision date; the next status check follows that date.`
        : 'record it as "not decided", with the date they meant as the new decision date; the next status check follows that date.';
    case 'wait_a_week': return decisionBy !== undefined
      ? `record it as "not decided", with ${day(decisionBy)} as the new decision date; the next status check follows that date.`
      : 'record it as "not decided"; the plan expects their decision a week from now (give a date with --decision-by if they named one).';
    case 'record_offer': return 'record it as "offer"; the plan then proposes a reply (afterword offer records its terms).';
    case 'brief_references': return 'record it as "reply received" and mark the interview as asking for references; the plan then proposes a brief for each of your references.';
    case 'send_documents': return 'record it as "reply received"; the plan waits a week for their decision.';
    case 'no_change': return 'record it as "no answer" (an automatic reply); the plan stays as it is.';
    case 'answer_question': return 'record it as "reply received"; the plan proposes your answer and waits a week for their decision.';
    case 'keep_in_history': return 'record it as "reply received"; the plan waits a week for news.';
  }
}

/** The reading for a person: the class, the sentence it rests on, the change proposed and why. */
export function renderReading(read: ReadReply, decisionBy?: Day): string {
  const r = read.reading;
  const app = read.application;
  const date = decisionBy ?? (r.decision.kind === 'date' ? r.decision.day : undefined);
  const lines = [
    `${app.company} \u2014 ${app.role}`,
    `Their reply reads as ${classInWords(r)}.`,
    r.evidence !== '' ? `They wrote: "${r.evidence}"` : r.empty ? 'The message has no words of their own (only quoted history or a signature).' : 'No sentence of it says more.',
    `Proposed: ${changeInWords(r.proposal.action, date)}${r.proposal.rules.length > 0 ? ` (${r.proposal.rules.join(', ')})` : ''}`,
    `Why: ${r.proposal.why}`,
  ];
  return `${lines.join('\n')}\n`;
}

function renderRecorded(rec: RecordedReply, deps: AppDeps, asked: boolean, userZone: string): string {
  const app = rec.saved.application;
  const lines: string[] = [];
  if (rec.history === 'unchanged') {
    lines.push(`This reply is already in the history of ${app.company}; nothing was recorded twice.`);
  } else if (rec.applied) {
    lines.push(`Applied: ${changeInWords(rec.read.reading.proposal.action, rec.decisionBy).replace(/^record it/, 'recorded their reply')}`);
  } else {
    lines.push(`Kept their reply in the history of ${app.company} as "reply received"; the proposed change was not applied.`);
    if (!asked) lines.push(`To apply it, run the same command again with --yes (the reply is not recorded twice).`);
  }
  if (rec.saved.next) lines.push(`Next: ${renderNext(rec.saved.next, app, deps.time, userZone).line}`);
  return `${lines.join('\n')}\n`;
}

/** The reply's text from --text-file, with a message naming the flag when it cannot be read. */
function readReplyFile(io: CliIo, path: string): string {
  let text: string;
  try {
    text = io.readFile(path).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new AppError({ reason: 'reply_file.unreadable', params: { path, why } }, { at: '--text-file', cause: error });
  }
  return requireReplyText(text, '--text-file');
}

/** Asks which of two readings of their date they meant; returns YYYY-MM-DD. */
async function pickDate(io: CliIo, r: ReplyReading): Promise<string | undefined> {
  if (r.decision.kind !== 'choices' || !io.prompt) return undefined;
  const choices = r.decision.choices;
  const list = choices.map((c, i) => `${i + 1} = ${day(c.day)} (${c.understood})`).join(', ');
  const answer = await io.prompt.text(`Their date ("${r.decision.said}") reads two ways. Which did they mean? ${list}`, {
    validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= choices.length ? undefined : `Type a number from 1 to ${choices.length}.`),
  });
  const picked = choices[Number((answer ?? '').trim()) - 1];
  return picked ? formatDay(picked.day) : undefined;
}

async function onRecords(io: CliIo, deps: AppDeps, application: string, text: string, opts: ReplyOptions): Promise<void> {
  let at: number | undefined;
  const profile = await getProfile(deps);
  const userZone = profile?.settings.timeZone ?? 'UTC';
  if (opts.now !== undefined) at = parseNow(opts.now, deps.time, userZone);
  if (opts.decisionBy !== undefined && parseDay(opts.decisionBy) === null) {
    throw new AppError({ reason: 'reply_cli.date_invalid', params: { value: opts.decisionBy } }, { at: '--decision-by' });
  }
  const read = await readReplyFor(deps, application, text, at);
  const r = read.reading;
  const given = opts.decisionBy !== undefined ? parseDay(opts.decisionBy) ?? undefined : undefined;
  if (!opts.json) io.stdout(renderReading(read, given));
  const interactive = io.interactive === true && io.prompt !== undefined;
  let apply = opts.yes === true;
  let decisionBy = opts.decisionBy;
  if (!apply && interactive && io.prompt) apply = await io.prompt.confirm('Apply this change?');
  if (apply && decisionBy === undefined && r.decision.kind === 'choices') {
    decisionBy = interactive ? await pickDate(io, r) : undefined;
    if (decisionBy === undefined) {
      throw new AppError({ reason: 'reply_cli.date_two_ways', params: { said: r.decision.said, options: r.decision.choices.map((c) => formatDay(c.day)) } }, { at: '--decision-by' });
    }
  }
  const recorded = await recordReply(deps, application, text, {
    apply, ...(decisionBy !== undefined ? { decisionBy } : {}), ...(opts.person !== undefined ? { personId: opts.person } : {}), ...(at !== undefined ? { at } : {}),
  }, '--decision-by');
  if (opts.json) {
    printJson(io, {
      ...replyContractJson(application, r),
      applied: recorded.applied,
      history: recorded.history,
      next: recorded.saved.next ? recommendationToJson(recorded.saved.next, deps.time) : null,
    });
    return;
  }
  io.stdout(renderRecorded(recorded, deps, interactive || opts.yes === true, userZone));
}

export function registerReply(program: Command, io: CliIo): void {
  program
    .command('reply')
    .description("Read the employer's reply: what it means (with the sentence it rests on) and what it changes in the plan; applied once you confirm.")
    .argument('[application]', 'the application id, on your records (e.g. a1)')
    .requiredOption('--text-file <file>', 'the reply as received: the pasted message or the mail\'s text part, quoted history and signature included; "-" reads standard input')
    .option('--scenario <file>', 'read it for an application of a scenario JSON file (docs/contract.md) instead of your records; nothing is stored')
    .option('--application <id>', 'with --scenario: the application the reply is about')
    .option('--now <instant>', 'when the reply came, as an ISO-8601 instant, e.g. 2026-03-09T10:00:00-04:00: relative dates ("within two weeks") count from it (default: now)')
    .option('--person <id>', 'who wrote it (default: the person of the application who signed it, if any)')
    .option('--decision-by <YYYY-MM-DD>', 'the new decision date, when theirs reads two ways or you know better')
    .option('--yes', 'apply the proposed change without asking')
    .option('--json', 'print the reading as JSON: {applicationId, class, decisionBy, returnOn, evidence, proposal: {action, rules, why}}')
    .addHelpText('after', `
Classes: next_round, rejection, not_decided (with the new date when they give
one), offer, references_requested (or documents), out_of_office (an automatic
reply, with the return date), question, other. Quoted earlier messages and
signatures are never read.

On your records the reply is kept in the application's history either way;
the proposed change (a new decision date, the next round, a rejection, an
offer…) is applied only when you confirm it at the prompt, or with --yes.
Without a terminal and without --yes it is not applied, and the command says
how to apply it.

Examples:
  $ afterword reply a1 --text-file reply.txt
  $ afterword reply a1 --text-file reply.txt --yes
  $ pbpaste | afterword reply a1 --text-file - --decision-by 2026-03-20 --yes
  $ afterword reply --scenario interviews.json --application a1 --text-file reply.txt --now 2026-03-09T10:00:00-04:00 --json`)
    .action(async (positional: string | undefined, opts: ReplyOptions, cmd: Command) => {
      if (opts.scenario !== undefined) {
        if (positional !== undefined && opts.application !== undefined && positional !== opts.application) {
          throw new AppError({ reason: 'reply_cli.two_applications', params: { flag: opts.application, argument: positional } }, { at: '--application' });
        }
        const id = opts.application ?? positional;
        if (id === undefined) throw new AppError({ reason: 'reply_cli.application_with_scenario' }, { at: '--application' });
        const time = createTimeRules();
        const scenario = loadScenario(readInput(io, opts.scenario, '--scenario'), time);
        const text = readReplyFile(io, opts.textFile);
        const now = opts.now === undefined ? io.now() : parseNow(opts.now, time, scenario.settings.timeZone);
        const read = readReplyIn(scenario, id, text, now, time);
        if (opts.json) printJson(io, replyContractJson(id, read.reading));
        else io.stdout(renderReading(read));
        return;
      }
      const id = positional ?? opts.application;
      if (id === undefined) throw new AppError({ reason: 'reply_cli.application_missing' }, { at: 'application' });
      const text = readReplyFile(io, opts.textFile);
      await withApp(io, cmd, (deps) => onRecords(io, deps, id, text, opts));
    });
}
