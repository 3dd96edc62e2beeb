/** `afterword draft --scenario FILE --application ID (--person ID | --reference ID) --kind KIND [--interview ID] [--note TEXT] [--json]` */
import type { Command } from 'commander';
import { renderEml, mailtoLink } from '../../app/exchange/eml.js';
import type { Scenario } from '../../core/model.js';
import type { TimeRules } from '../../core/time.js';
import { draftJson } from '../../app/views.js';
import { withApp } from '../context.js';
import { AppError } from '../../app/errors.js';
import { loadScenario } from '../../app/plan-scenario.js';
import {
  REQUEST_KINDS, generateDraft, resolveDraftInput,
  type Draft, type DraftGap, type DraftLookupError,
} from '../../core/drafts/index.js';
import { createTimeRules } from '../../core/time.js';
import type { CliIo } from '../io.js';
import { readInput } from './read-input.js';

const known = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.join(', '));

/** One line naming the flag at fault and what would have been accepted. */
export function renderLookupError(e: DraftLookupError): string {
  switch (e.code) {
    case 'unknown_kind': return `--kind: unknown kind "${e.id}"; known: ${known(e.known)}`;
    case 'unknown_application': return `--application: unknown application "${e.id}"; known: ${known(e.known)}`;
    case 'unknown_person': return `--person: unknown person "${e.id}" in application "${e.applicationId}"; known: ${known(e.known)}`;
    case 'unknown_reference': return `--reference: unknown reference "${e.id}"; known: ${known(e.known)}`;
    case 'unknown_interview': return `--interview: unknown interview "${e.id}" in application "${e.applicationId}"; known: ${known(e.known)}`;
    case 'missing_person': return `--person: required for --kind ${e.kind}; known: ${known(e.known)}`;
    case 'missing_reference': return `--reference: required for --kind reference_brief; known: ${known(e.known)}`;
    case 'no_interview': return `--application: application "${e.applicationId}" has no interviews; record one before drafting`;
  }
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
  json?: boolean;
}

export function registerDraft(program: Command, io: CliIo): void {
  program
    .command('draft')
    .description('Write a follow-up draft for one person (or a reference brief for one reference) from your records or a scenario file.')
    .option('--scenario <file>', 'read the records from a scenario JSON file (docs/contract.md) instead of your stored ones; "-" reads standard input')
    .requiredOption('--application <id>', 'the application id')
    .requiredOption('--kind <kind>', `what to write: ${REQUEST_KINDS.join(', ')}`)
    .option('--person <id>', 'the recipient (every kind but reference_brief)')
    .option('--reference <id>', 'the reference to brief (reference_brief)')
    .option('--interview <id>', 'the interview the draft is about (default: the latest one with that person)')
    .option('--note <text>', 'for an update: the skill, the news item, the idea or the question')
    .option('--json', 'print {kind, subject, body, to, cc, rules, gaps} as JSON')
    .option('--eml <file>', 'write an email message file (RFC 5322) to open in your mail program')
    .option('--mailto', 'print a mailto: link that opens the draft in your mail program')
    .addHelpText('after', `
Examples:
  $ afterword draft --application a1 --person p1 --kind thank_you --eml thanks.eml
  $ afterword draft --scenario interviews.json --application a1 --person p1 --kind thank_you
  $ afterword draft --scenario interviews.json --application a1 --person p1 --kind voicemail
  $ afterword draft --scenario interviews.json --application a1 --reference r1 --kind reference_brief --json`)
    .action(async (opts: DraftOptions, cmd: Command) => {
      if (opts.scenario !== undefined) {
        const time = createTimeRules();
        await writeDraft(io, loadScenario(readInput(io, opts.scenario, '--scenario'), time), time, opts);
        return;
      }
      await withApp(io, cmd, async (deps) => {
        const scenario = await deps.store.loadScenario(deps.userId);
        if (!scenario) throw new AppError('bad_input', 'no profile yet: run "afterword setup" first, or give --scenario FILE');
        await writeDraft(io, scenario, deps.time, opts);
      });
    });
}

/** Prints the draft, or writes it as an .eml file / a mailto: link. */
async function writeDraft(io: CliIo, scenario: Scenario, time: TimeRules, opts: DraftOptions): Promise<void> {
  const today = time.zone(scenario.settings.timeZone).dayAt(io.now());
  const resolved = resolveDraftInput(scenario, {
    applicationId: opts.application, kind: opts.kind, today,
    ...(opts.person !== undefined ? { personId: opts.person } : {}),
    ...(opts.reference !== undefined ? { referenceId: opts.reference } : {}),
    ...(opts.interview !== undefined ? { interviewId: opts.interview } : {}),
    ...(opts.note !== undefined ? { note: opts.note } : {}),
  }, time);
  if (!resolved.ok) throw new AppError('bad_input', renderLookupError(resolved.error));
  const draft = generateDraft(resolved.value);
  const app = scenario.applications.find((a) => a.id === opts.application);
  const email = (id: string): string | undefined => app?.people.find((p) => p.id === id)?.email
    ?? scenario.candidate.references.find((r) => r.id === id)?.email;
  const recipients = [draft.to, ...draft.cc];
  if (opts.eml !== undefined || opts.mailto) {
    const missing = recipients.filter((r) => (r.email ?? email(r.id)) === undefined);
    if (missing.length > 0) throw new AppError('bad_input', `${opts.eml !== undefined ? '--eml' : '--mailto'}: no email address for ${missing.map((m) => m.name).join(', ')}; add one with "afterword add person … --email"`);
  }
  const to = { name: draft.to.name, address: draft.to.email ?? email(draft.to.id) ?? '' };
  const cc = draft.cc.map((c) => ({ name: c.name, address: c.email ?? email(c.id) ?? '' }));
  if (opts.eml !== undefined) {
    if (!scenario.candidate.email) throw new AppError('bad_input', '--eml: your email address is not recorded; run "afterword setup --email you@example.com"');
    const bytes = await renderEml({
      from: { name: scenario.candidate.name, address: scenario.candidate.email }, to: [to], cc,
      subject: draft.subject ?? '', text: draft.body, date: io.now(),
    });
    if (!io.writeFile) throw new AppError('internal', '--eml: this CLI cannot write files');
    io.writeFile(opts.eml, bytes);
    io.stdout(`Wrote ${opts.eml}: open it in your mail program, check it, and send it.\n`);
  }
  if (opts.mailto) io.stdout(`${mailtoLink({ to: [to], cc, ...(draft.subject !== undefined ? { subject: draft.subject } : {}), body: draft.body })}\n`);
  if (opts.eml !== undefined || opts.mailto) return;
  if (opts.json) {
    io.stdout(`${JSON.stringify(draftJson(draft), null, 2)}\n`);
    return;
  }
  io.stdout(draft.text);
  for (const gap of draft.gaps) io.stderr(`note: ${renderGap(gap, draft)}\n`);
}
