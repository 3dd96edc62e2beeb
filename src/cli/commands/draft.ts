/**
 * `afterword draft [--scenario FILE] --application ID (--person ID | --reference ID) --kind KIND
 * [--interview ID] [--note TEXT] [--now INSTANT] [--no-spelling] [--json | --eml FILE | --mailto]` (CONTRACT.md).
 */
import type { Command } from 'commander';
import { renderEml, mailtoLink } from '../../app/exchange/eml.js';
import type { Scenario } from '../../core/model.js';
import type { TimeRules } from '../../core/time.js';
import { draftDocumentJson } from '../../app/views.js';
import { withApp } from '../context.js';
import { AppError, type ParamsOf } from '../../app/errors.js';
import { reasonWords } from '../../app/reasons.js';
import { checkedDraft, DRAFT_REQUEST_KINDS, type DraftRef } from '../../app/drafting.js';
import { loadScenario, parseNow } from '../../app/plan-scenario.js';
import { createSpellerLoader } from '../../app/speller.js';
import type { Draft, DraftGap, DraftLookupError } from '../../core/drafts/index.js';
import { createTimeRules } from '../../core/time.js';
import type { CliIo } from '../io.js';
import { renderToneCheck } from './check-render.js';
import { readInput } from './read-input.js';

/**
 * One line naming the flag at fault and what would have been accepted; `referenceFlag` is the flag
 * that named the reference, `asked` the kind as typed (`thank_you`, not the note it would become).
 */
export function renderLookupError(e: DraftLookupError, referenceFlag: '--person' | '--reference' = '--reference', asked?: string): string {
  return reasonWords({ reason: 'draft_cli.lookup', params: lookupParams(e, referenceFlag, asked) }, 'cli').text;
}

function lookupParams(error: DraftLookupError, referenceFlag: string, asked: string | undefined): ParamsOf<'draft_cli.lookup'> {
  return { error, referenceFlag, ...(asked !== undefined ? { asked } : {}) };
}

export function renderGap(gap: DraftGap, draft: Draft): string {
  const rule = gap.rule ? ` (${gap.rule})` : '';
  switch (gap.field) {
    case 'person.detail': return `no debrief detail for ${draft.to.name}${rule}: add one to make the note personal`;
    case 'person.phone': return `no phone number for ${draft.to.name}${rule}`;
    case 'candidate.phone': return `no phone number for you in the candidate record${rule}: the voicemail cannot leave one`;
    case 'reference.speakTo': return `nothing recorded for ${draft.to.name} to speak to${rule}: the brief asks for general points`;
    case 'note': return 'no --note given: the update uses a general sentence; give the skill, news, idea or question for a stronger one';
  }
}

type LeftOut = Draft['leftOut'][number];

const FIELD_WORDS: Readonly<Record<LeftOut['field'], string>> = {
  details: 'detail', bestMoments: 'best moments', awkwardMoments: 'awkward moments', unfinishedAnswers: 'unfinished answers',
};

function reasonInWords(reason: LeftOut['reason']): string {
  switch (reason) {
    case 'no_words': return 'it has no words to use';
    case 'markup': return 'it reads as markup';
    case 'not_english': return 'it is not in English';
    case 'too_long': return 'it is too long to quote';
    case 'several_points': return 'it makes several points and the note takes one';
    case 'unclear': return 'it could not be shaped into a sentence';
    case 'spelling': return 'a word of it is not in the dictionary';
    case 'tone': return 'it does not suit the note (pressure, strong feelings, pay, a gift, another company or an outside name)';
    case 'length': return 'the note had no room for it';
    case 'emoji': return 'its emoji were taken out';
  }
}

/** One debrief input the draft does not carry, and why: `debrief detail for p1 left out ("…"): it is not in English`. */
export function renderLeftOut(item: LeftOut): string {
  const quoted = item.text.length > 60 ? `${item.text.slice(0, 59)}\u2026` : item.text;
  const whose = item.personId !== undefined ? ` for ${item.personId}` : '';
  const verb = item.reason === 'emoji' ? 'shortened' : 'left out';
  return `debrief ${FIELD_WORDS[item.field]}${whose} ${verb} ("${quoted.replace(/\s+/g, ' ')}"): ${reasonInWords(item.reason)}`;
}

interface DraftOptions {
  scenario?: string;
  eml?: string;
  mailto?: boolean;
  application: string;
  kind: string;
  person?: string;
  reference?: string;
  interview?: string;
  note?: string;
  now?: string;
  spelling: boolean;
  json?: boolean;
}

export function registerDraft(program: Command, io: CliIo): void {
  program
    .command('draft')
    .description('Write a follow-up draft for one person (or a reference brief for one reference) from your records or a scenario file, with its tone check.')
    .option('--scenario <file>', 'read the records from a scenario JSON file (docs/contract.md) instead of your stored ones; "-" reads standard input')
    .requiredOption('--application <id>', 'the application id')
    .requiredOption('--kind <kind>', `what to write: ${DRAFT_REQUEST_KINDS.join(', ')}`)
    .option('--person <id>', 'the recipient; for reference_brief, the reference to brief')
    .option('--reference <id>', 'the reference to brief (reference_brief; same as --person there)')
    .option('--interview <id>', 'the interview the draft is about (default: the latest one with that person)')
    .option('--note <text>', 'for an update: the skill, the news item, the idea or the question (ending in "?" makes --kind update a question)')
    .option('--now <instant>', 'write as of this ISO-8601 instant, e.g. 2026-03-04T09:00:00-05:00: the date on a letter and anything said about today (default: the current time)')
    .option('--no-spelling', 'skip the spelling check (L12) of the tone check and its dictionary load')
    .option('--json', 'print the draft as JSON (the scripting contract): {applicationId, personId, kind, to, cc, subject, text, rules, findings, …}')
    .option('--eml <file>', 'write an email message file (RFC 5322) to open in your mail program')
    .option('--mailto', 'print a mailto: link that opens the draft in your mail program')
    .addHelpText('after', `
The note goes to standard output. Its tone check ("Tone check: clean", or each
finding as "afterword check" lists it), what the records lacked and any debrief
input left out go to standard error. --now works with your records too.

With --json (docs/contract.md): "text" is the note from greeting to signature
("body" is the same text); "subject" is null for a letter or a script; an
"email" not on record is null; "findings" is what "afterword check" reports for
"text" in this note's context; "gaps" and "leftOut" say what the note lacks.

Examples:
  $ afterword draft --application a1 --person p1 --kind thank_you --eml thanks.eml
  $ afterword draft --scenario interviews.json --application a1 --person p1 --kind thank_you
  $ afterword draft --scenario interviews.json --application a1 --person p1 --kind voicemail
  $ afterword draft --scenario interviews.json --application a1 --person p1 --kind thank_you_letter --now 2026-03-04T09:00:00-05:00
  $ afterword draft --scenario interviews.json --application a1 --person r1 --kind reference_brief --json`)
    .action(async (opts: DraftOptions, cmd: Command) => {
      if (opts.scenario !== undefined) {
        const time = createTimeRules();
        await writeDraft(io, loadScenario(readInput(io, opts.scenario, '--scenario'), time), time, opts);
        return;
      }
      await withApp(io, cmd, async (deps) => {
        const scenario = await deps.store.loadScenario(deps.userId);
        if (!scenario) throw new AppError({ reason: 'draft_cli.no_profile' });
        await writeDraft(io, scenario, deps.time, opts);
      });
    });
}

/** The draft asked for by the flags; a reference brief takes the reference from --person or --reference. */
function refOf(opts: DraftOptions): { ref: DraftRef; referenceFlag: '--person' | '--reference' } {
  const common = {
    kind: opts.kind,
    ...(opts.interview !== undefined ? { interviewId: opts.interview } : {}), ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
  if (opts.kind === 'reference_brief') {
    if (opts.person !== undefined && opts.reference !== undefined && opts.person !== opts.reference) {
      throw new AppError({ reason: 'draft_cli.two_references', params: { person: opts.person, reference: opts.reference } }, { at: '--person' });
    }
    const referenceId = opts.reference ?? opts.person;
    return { ref: { ...common, ...(referenceId !== undefined ? { referenceId } : {}) }, referenceFlag: opts.reference !== undefined ? '--reference' : '--person' };
  }
  return {
    ref: { ...common, ...(opts.person !== undefined ? { personId: opts.person } : {}), ...(opts.reference !== undefined ? { referenceId: opts.reference } : {}) },
    referenceFlag: '--reference',
  };
}

/** Prints the draft and its tone check, or its JSON document, or writes it as an .eml file / a mailto: link. */
async function writeDraft(io: CliIo, scenario: Scenario, time: TimeRules, opts: DraftOptions): Promise<void> {
  const now = opts.now === undefined ? io.now() : parseNow(opts.now, time, scenario.settings.timeZone);
  if (!Number.isFinite(now)) throw new AppError({ reason: 'draft_cli.now_invalid' }, { at: '--now' });
  const { ref, referenceFlag } = refOf(opts);
  const forMail = opts.eml !== undefined || opts.mailto === true;
  // A file or a link for the mail program is written without the tone check: no dictionary to load.
  const speller = !forMail && opts.spelling ? await createSpellerLoader().load() : undefined;
  const checked = checkedDraft(scenario, opts.application, ref, { time, now, ...(speller ? { speller } : {}) });
  if (!checked.ok) throw new AppError({ reason: 'draft_cli.lookup', params: lookupParams(checked.error, referenceFlag, opts.kind) });
  const { draft, input, findings } = checked.value;
  if (forMail) {
    await writeForMail(io, scenario, draft, now, opts);
    return;
  }
  if (opts.json) {
    const personId = input.kind === 'reference_brief' ? input.reference.id : input.person.id;
    io.stdout(`${JSON.stringify(draftDocumentJson({ applicationId: opts.application, personId, kind: opts.kind }, checked.value), null, 2)}\n`);
    return;
  }
  io.stdout(draft.text);
  io.stderr(`\n${renderToneCheck(draft.text, draft.body, findings)}`);
  for (const gap of draft.gaps) io.stderr(`note: ${renderGap(gap, draft)}\n`);
  for (const item of draft.leftOut) io.stderr(`note: ${renderLeftOut(item)}\n`);
}

/** The draft as an .eml file (`--eml`) or a mailto: link (`--mailto`); every recipient needs an address. */
async function writeForMail(io: CliIo, scenario: Scenario, draft: Draft, now: number, opts: DraftOptions): Promise<void> {
  const app = scenario.applications.find((a) => a.id === opts.application);
  const email = (id: string): string | undefined => app?.people.find((p) => p.id === id)?.email
    ?? scenario.candidate.references.find((r) => r.id === id)?.email;
  const recipients = [draft.to, ...draft.cc];
  const missing = recipients.filter((r) => (r.email ?? email(r.id)) === undefined);
  if (missing.length > 0) throw new AppError({ reason: 'draft_cli.no_address', params: { names: missing.map((m) => m.name) } }, { at: opts.eml !== undefined ? '--eml' : '--mailto' });
  const to = { name: draft.to.name, address: draft.to.email ?? email(draft.to.id) ?? '' };
  const cc = draft.cc.map((c) => ({ name: c.name, address: c.email ?? email(c.id) ?? '' }));
  if (opts.eml !== undefined) {
    if (!scenario.candidate.email) throw new AppError({ reason: 'draft_cli.no_own_email' }, { at: '--eml' });
    const bytes = await renderEml({
      from: { name: scenario.candidate.name, address: scenario.candidate.email }, to: [to], cc,
      subject: draft.subject ?? '', text: draft.body, date: now,
    });
    if (!io.writeFile) throw new AppError({ reason: 'cli.cannot_write_files' }, { at: '--eml' });
    io.writeFile(opts.eml, bytes);
    io.stdout(`Wrote ${opts.eml}: open it in your mail program, check it, and send it.\n`);
  }
  if (opts.mailto) io.stdout(`${mailtoLink({ to: [to], cc, ...(draft.subject !== undefined ? { subject: draft.subject } : {}), body: draft.body })}\n`);
}
