/** Recording: `afterword setup` and `afterword add application|person|interview|touch|reference`. */
import { Option, type Command } from 'commander';
import { AppError } from '../../app/errors.js';
import {
  addApplication, addInterview, addPerson, addReference, getProfile, saveProfile, sentNow, understandTimeline,
  type AppDeps, type Saved,
} from '../../app/records.js';
import { CHANNELS, FORMATS, OUTCOMES, PERSON_ROLES, STAGES, TOUCH_KINDS } from '../../core/model.js';
import { dayLabel } from '../../core/rules/messages.js';
import { DEBRIEF_MAX } from '../../core/scenario.js';
import { candidateToJson, settingsToJson } from '../../core/scenario-json.js';
import { formatClock, parseDay, parseInstant } from '../../core/time.js';
import { previewTimeline, type TimelinePreview } from '../../app/interview-flow.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { collect, naming, type FlagMap } from '../naming.js';
import { DETAIL_FLAGS, detailInput, withDetailOptions, type DetailOptions } from './details.js';
import { renderNext } from '../render/agenda.js';
import { confirmFuture } from './touch-guards.js';
import { logTouch } from '../../app/act.js';

type Json = Record<string, unknown>;
function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** Asks for a required value on a terminal, or explains which flag is missing. */
async function need(io: CliIo, value: string | undefined, flag: string, question: string, example: string): Promise<string> {
  if (value !== undefined && value !== '') return value;
  if (io.interactive && io.prompt) {
    const answer = await io.prompt.text(question, { placeholder: example });
    if (answer !== undefined && answer.trim() !== '') return answer.trim();
  }
  throw new AppError({ reason: 'flag.required', params: { flag, example: JSON.stringify(example) } }, { at: flag });
}

/**
 * The date the user means when their employer's words read two ways: asked on a terminal;
 * elsewhere an error naming --decision-by (exit 2, nothing recorded). Undefined when the words
 * read one way, none, or the start cannot be read (the save reports that).
 */
async function pickTimeline(io: CliIo, deps: AppDeps, said: string, start: string, application: string, zone: string | undefined): Promise<string | undefined> {
  let preview: TimelinePreview;
  try {
    preview = await previewTimeline(deps, said, start, zone, application);
  } catch {
    return undefined;
  }
  if (preview.understood || preview.choices.length < 2) return undefined;
  const readings = preview.choices.map((c) => `${dayLabel(parseDay(c.decisionBy) ?? 0)}, ${c.meaning}`);
  if (!io.interactive || !io.prompt) {
    throw new AppError({ reason: 'timeline_cli.two_ways', params: { said, readings } }, { path: 'timeline.decisionBy', at: '--decision-by' });
  }
  const list = readings.map((r, i) => `${i + 1} = ${r}`).join('; ');
  const answer = await io.prompt.text(`"${said}" reads two ways. Which did they mean? ${list}; 0 = neither (no timeline for now)`, {
    validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) <= preview.choices.length ? undefined : `Type a number from 0 to ${preview.choices.length}.`),
  });
  return preview.choices[Number((answer ?? '').trim()) - 1]?.decisionBy;
}

async function printSaved(io: CliIo, deps: AppDeps, saved: Saved, what: string, json: boolean, extra: Json = {}): Promise<void> {
  const userZone = saved.next ? (await getProfile(deps))?.settings.timeZone ?? saved.next.timeZone : 'UTC';
  if (json) {
    printJson(io, { ...extra, applicationId: saved.application.id, next: saved.next ? renderNext(saved.next, saved.application, deps.time, userZone) : null });
    return;
  }
  io.stdout(`${what}\n`);
  if (saved.next) io.stdout(`Next: ${renderNext(saved.next, saved.application, deps.time, userZone).line}\n`);
}

// ---------------------------------------------------------------- setup

interface SetupOptions {
  name?: string; email?: string; phone?: string; address?: string; signature?: string;
  timeZone?: string; region?: string; workdayStart?: string; workdayEnd?: string; workdays?: string;
  preferredChannel?: string; local?: boolean; json?: boolean;
}

function registerSetup(program: Command, io: CliIo): void {
  program
    .command('setup')
    .description('Record who you are and where you work from: name, contact details, time zone, holiday region, working hours.')
    .option('--name <name>', 'your name as you sign notes')
    .option('--email <email>').option('--phone <phone>').option('--address <address>')
    .option('--signature <text>', 'lines under your name in notes')
    .option('--time-zone <zone>', 'your IANA time zone, e.g. Europe/London')
    .option('--region <code>', 'holiday region: ISO 3166 code such as US, GB-ENG, DE-BY')
    .option('--workday-start <HH:MM>').option('--workday-end <HH:MM>')
    .option('--workdays <days>', 'working days, e.g. Mon,Tue,Wed,Thu,Fri')
    .addOption(new Option('--preferred-channel <channel>', 'how you would rather follow up').choices(CHANNELS))
    .option('--local', 'you live close enough to drop off handwritten notes')
    .option('--json', 'print the saved profile as JSON')
    .addHelpText('after', `
Examples:
  $ afterword setup --name "Jordan Lee" --email jordan@example.com --time-zone America/New_York --region US
  $ afterword setup --workday-start 08:30 --workday-end 16:30`)
    .action(async (opts: SetupOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const current = await getProfile(deps);
      const settings: Json = current ? settingsToJson(current.settings) : {};
      const candidate: Json = current ? candidateToJson(current.candidate) : {};
      candidate['name'] = await need(io, opts.name ?? (candidate['name'] as string | undefined), '--name', 'Your name, as you sign your notes?', 'Jordan Lee');
      settings['timeZone'] = await need(io, opts.timeZone ?? (settings['timeZone'] as string | undefined) ?? io.hostTimeZone, '--time-zone', 'Your time zone?', 'America/New_York');
      settings['region'] = await need(io, opts.region ?? (settings['region'] as string | undefined), '--region', 'Holiday region (ISO 3166, e.g. US, GB-ENG, DE-BY)?', 'US');
      const workday = { ...(settings['workday'] as Json | undefined) };
      put(workday, 'start', opts.workdayStart);
      put(workday, 'end', opts.workdayEnd);
      put(workday, 'days', list(opts.workdays));
      settings['workday'] = workday;
      for (const [k, v] of Object.entries({ email: opts.email, phone: opts.phone, address: opts.address, signature: opts.signature, preferredChannel: opts.preferredChannel, local: opts.local })) put(candidate, k, v);
      const profile = await naming({
        'timeZone': '--time-zone', 'region': '--region', 'workday.start': '--workday-start', 'workday.end': '--workday-end', 'workday.days': '--workdays', 'name': '--name',
      }, () => saveProfile(deps, settings, candidate));
      if (opts.json) {
        printJson(io, { settings: settingsToJson(profile.settings), candidate: candidateToJson(profile.candidate) });
        return;
      }
      const w = profile.settings.workday;
      io.stdout(`Saved: ${profile.candidate.name}, ${profile.settings.timeZone}, holidays of ${profile.settings.region}, working ${formatClock(w.start)}\u2013${formatClock(w.end)}.\n`);
    }));
}

// ---------------------------------------------------------------- add

interface AppOptions { company?: string; role?: string; id?: string; appliedOn?: string; status?: string; timeZone?: string; region?: string; json?: boolean }
interface PersonOptions {
  name?: string; id?: string; honorific?: string; title?: string; role?: string; email?: string; phone?: string;
  timeZone?: string; channel?: string; informal?: boolean; verified?: boolean; json?: boolean;
}
interface InterviewOptions {
  start?: string; end?: string; stage?: string; format?: string; timeZone?: string; with?: string; id?: string;
  panel?: boolean; lead?: string; said?: string; decisionBy?: string; goAhead?: boolean; contact?: string;
  directChannel?: string; directOn?: string; directPerson?: string; referencesRequested?: boolean;
  askedNextSteps?: boolean; collectedContacts?: boolean; best?: string; awkward?: string; unfinished?: string;
  detail?: string[]; concerns?: string; json?: boolean;
}
interface TouchOptions { person?: string; reference?: string; kind?: string; channel?: string; outcome?: string; at?: string; text?: string; newDecisionBy?: string; json?: boolean }
interface ReferenceOptions { name?: string; id?: string; email?: string; phone?: string; relationship?: string; speakTo?: string; json?: boolean }

/** `--detail p1="her team's move to Snowflake"` → { p1: "her team's move to Snowflake" } */
function details(values: readonly string[] | undefined): Json | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Json = {};
  for (const v of values) {
    const m = /^([^=]+)=(.*)$/s.exec(v);
    if (!m) throw new AppError({ reason: 'detail_flag.form', params: { value: v } }, { at: '--detail' });
    out[(m[1] ?? '').trim()] = (m[2] ?? '').trim();
  }
  return out;
}

/**
 * What to type in each debrief field, with one example: the same words in the prompts, in
 * `add interview --help` and in docs/cli.md. A topic or a whole sentence both feed the notes.
 */
const DEBRIEF_ASK = {
  best: { question: 'Best moments?', example: 'the churn model walkthrough' },
  awkward: { question: 'Awkward moments?', example: 'I blanked on the formula for statistical power' },
  unfinished: { question: 'Questions you did not answer fully?', example: 'how I would size the analytics team in year one' },
  detail: { question: 'One specific, striking detail from', example: 'her team\'s move to Snowflake' },
  concerns: { question: 'Anything that rubbed you the wrong way (red flags)?', example: 'no one could say who the post reports to' },
} as const;
const DETAIL_SENTENCE = 'She said the team is moving to Snowflake this year';

/** The prompt's check of one answer: the same limit the records apply. */
function withinLimit(value: string): string | undefined {
  const length = [...value].length;
  return length > DEBRIEF_MAX ? `${length.toLocaleString('en-US')} characters; the most is ${DEBRIEF_MAX.toLocaleString('en-US')} \u2014 shorten it` : undefined;
}

/** One debrief question: what to type, and one example in the answer's place until typing starts. */
async function ask(p: NonNullable<CliIo['prompt']>, question: string, example: string): Promise<string | undefined> {
  const answer = await p.text(`${question} A topic in a few words, or a sentence \u2014 both work; empty to skip.`, { placeholder: `e.g. ${example}`, validate: withinLimit });
  return answer?.trim() || undefined;
}

/** The debrief checklist of PROTOCOL §2, asked on a terminal for what the flags left out. */
async function debrief(io: CliIo, opts: InterviewOptions, peopleIds: readonly string[]): Promise<Json | undefined> {
  const d: Json = {};
  put(d, 'askedNextSteps', opts.askedNextSteps);
  put(d, 'collectedContacts', opts.collectedContacts);
  put(d, 'bestMoments', opts.best);
  put(d, 'awkwardMoments', opts.awkward);
  put(d, 'unfinishedAnswers', opts.unfinished);
  put(d, 'details', details(opts.detail));
  put(d, 'concerns', opts.concerns);
  if (io.interactive && io.prompt && Object.keys(d).length === 0) {
    const p = io.prompt;
    d['askedNextSteps'] = await p.confirm('Did you ask about next steps and the decision timeline?');
    d['collectedContacts'] = await p.confirm('Did you collect everyone\'s contact details (spelling of names, titles)?');
    const quoted = (text: string): string => `"${text}"`;
    put(d, 'bestMoments', await ask(p, DEBRIEF_ASK.best.question, quoted(DEBRIEF_ASK.best.example)));
    put(d, 'awkwardMoments', await ask(p, DEBRIEF_ASK.awkward.question, quoted(DEBRIEF_ASK.awkward.example)));
    put(d, 'unfinishedAnswers', await ask(p, DEBRIEF_ASK.unfinished.question, quoted(DEBRIEF_ASK.unfinished.example)));
    const perPerson: Json = {};
    for (const id of peopleIds) {
      put(perPerson, id, await ask(p, `${DEBRIEF_ASK.detail.question} ${id}'s conversation?`, `${quoted(DEBRIEF_ASK.detail.example)} or ${quoted(DETAIL_SENTENCE)}`));
    }
    if (Object.keys(perPerson).length > 0) d['details'] = perPerson;
    put(d, 'concerns', await ask(p, DEBRIEF_ASK.concerns.question, quoted(DEBRIEF_ASK.concerns.example)));
  }
  return Object.keys(d).length > 0 ? d : undefined;
}

function registerAdd(program: Command, io: CliIo): void {
  const add = program.command('add').description('Record an application, a person, an interview (with its debrief), a touch or a reference.');

  withDetailOptions(add.command('application')
    .description('Record an application, with its posting, salary, notes and tags when you have them.'))
    .option('--company <name>').option('--role <post>', 'the post applied for')
    .option('--id <id>', 'your own id (default: a1, a2, …)')
    .option('--applied-on <YYYY-MM-DD>').option('--status <status>', 'default: active')
    .option('--time-zone <zone>', "the company's zone, for people without one")
    .option('--region <code>', "the company's holiday region")
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  $ afterword add application --company "Acme Corp" --role "Data Analyst" --applied-on 2026-02-10\n  $ afterword add application --company "Acme Corp" --role "Data Analyst" --url https://jobs.acme.example/42 --location London --workplace hybrid --salary "£45k–£55k" --tags fintech')
    .action(async (opts: AppOptions & DetailOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const input: Json = {
        company: await need(io, opts.company, '--company', 'Company?', 'Acme Corp'),
        role: await need(io, opts.role, '--role', 'Post (role)?', 'Data Analyst'),
      };
      for (const [k, v] of Object.entries({ id: opts.id, appliedOn: opts.appliedOn, status: opts.status, timeZone: opts.timeZone, region: opts.region })) put(input, k, v);
      Object.assign(input, detailInput(io, opts));
      const saved = await naming({ ...DETAIL_FLAGS, company: '--company', role: '--role', id: '--id', appliedOn: '--applied-on', status: '--status', timeZone: '--time-zone', region: '--region' },
        () => addApplication(deps, input));
      await printSaved(io, deps, saved, `Added application ${saved.application.id}: ${saved.application.company} \u2014 ${saved.application.role}.`, opts.json === true,
        { application: { id: saved.application.id, company: saved.application.company, role: saved.application.role, status: saved.application.status } });
    }));

  add.command('person')
    .description('Record a person you met or deal with at an application.')
    .argument('<application>', 'application id')
    .option('--name <full name>').option('--id <id>', 'default: p1, p2, …')
    .option('--honorific <honorific>', 'Dr., Ms., Mr., Mx., Professor…').option('--title <job title>')
    .addOption(new Option('--role <role>', 'their role in the process').choices(PERSON_ROLES))
    .option('--email <email>').option('--phone <phone>').option('--time-zone <zone>')
    .addOption(new Option('--channel <channel>', 'their preferred channel').choices(CHANNELS))
    .option('--informal', 'they invited first-name terms in writing')
    .option('--verified', 'name and details checked on their card or signature')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword add person a1 --name "Grace Okafor" --honorific Dr. --title "Head of Analytics" --email g.okafor@acme.example --verified')
    .action(async (application: string, opts: PersonOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const input: Json = { name: await need(io, opts.name, '--name', 'Their full name?', 'Grace Okafor') };
      for (const [k, v] of Object.entries({ id: opts.id, honorific: opts.honorific, title: opts.title, role: opts.role, email: opts.email, phone: opts.phone, timeZone: opts.timeZone, preferredChannel: opts.channel, informal: opts.informal, verified: opts.verified })) put(input, k, v);
      const saved = await naming({
        name: '--name', id: '--id', honorific: '--honorific', title: '--title', email: '--email', phone: '--phone', timeZone: '--time-zone', role: '--role', preferredChannel: '--channel',
      }, () => addPerson(deps, application, input));
      const person = saved.application.people[saved.application.people.length - 1];
      await printSaved(io, deps, saved, `Added ${person?.id ?? ''}: ${[person?.honorific, person?.name].filter(Boolean).join(' ')} to ${saved.application.company}.`, opts.json === true, { person });
    }));

  add.command('interview')
    .description('Record an interview with the people met, the employer\'s timeline and your debrief (PROTOCOL §2).')
    .argument('<application>', 'application id')
    .option('--start <date-time>', 'ISO 8601, e.g. 2026-03-03T10:00 (in --time-zone) or with an offset')
    .option('--end <date-time>')
    .addOption(new Option('--stage <stage>').choices(STAGES))
    .addOption(new Option('--format <format>').choices(FORMATS))
    .option('--time-zone <zone>', "the interview's zone (default: yours)")
    .option('--with <ids>', 'people met, comma-separated person ids (add them first)')
    .option('--id <id>')
    .option('--panel', 'a panel interview').option('--lead <id>', 'the panel lead')
    .option('--said <words>', 'the employer\'s decision timeline as said, e.g. "by Friday"')
    .option('--decision-by <YYYY-MM-DD>', 'the decision date, when you know it')
    .option('--go-ahead', 'they welcomed regular check-ins')
    .option('--contact <id>', 'who to contact about the decision')
    .addOption(new Option('--direct-channel <channel>', 'the channel they asked you to use').choices(CHANNELS))
    .option('--direct-on <YYYY-MM-DD>', 'the day they asked you to get in touch')
    .option('--direct-person <id>', 'the person they asked you to contact')
    .option('--references-requested', 'they asked for references')
    .option('--asked-next-steps', 'debrief: you asked about next steps and timeline')
    .option('--collected-contacts', 'debrief: you collected contact details')
    .option('--best <text>', `debrief: best moments, e.g. "${DEBRIEF_ASK.best.example}"`)
    .option('--awkward <text>', `debrief: awkward moments, e.g. "${DEBRIEF_ASK.awkward.example}"`)
    .option('--unfinished <text>', `debrief: questions you did not answer fully, e.g. "${DEBRIEF_ASK.unfinished.example}"`)
    .option('--detail <id=text>', `debrief: one striking detail per person (repeatable), e.g. p1="${DEBRIEF_ASK.detail.example}"`, collect)
    .option('--concerns <text>', `debrief: anything that rubbed you the wrong way, e.g. "${DEBRIEF_ASK.concerns.example}"`)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Debrief texts: a topic in a few words, or a sentence \u2014 both work; at most
${DEBRIEF_MAX.toLocaleString('en-US')} characters each. For --detail, what that person said or talked
about: p1="${DEBRIEF_ASK.detail.example}" or a sentence like
p1="${DETAIL_SENTENCE}".
Without debrief flags, a terminal asks each question in turn.

Example:
  $ afterword add interview a1 --start 2026-03-03T10:00 --end 2026-03-03T11:00 --stage first_round \\
      --with p1,p2 --said "by Friday" --best "${DEBRIEF_ASK.best.example}" --detail p1="${DEBRIEF_ASK.detail.example}"`)
    .action(async (application: string, opts: InterviewOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const start = await need(io, opts.start, '--start', 'When did it start?', '2026-03-03T10:00');
      const end = await need(io, opts.end, '--end', 'When did it end?', '2026-03-03T11:00');
      const stage = await need(io, opts.stage, '--stage', `Stage (${STAGES.join(', ')})?`, 'first_round');
      const peopleIds = list(opts.with) ?? [];
      const input: Json = { start, end, stage, peopleIds };
      for (const [k, v] of Object.entries({ id: opts.id, format: opts.format, timeZone: opts.timeZone, panel: opts.panel, panelLeadId: opts.lead, goAhead: opts.goAhead, contactId: opts.contact, referencesRequested: opts.referencesRequested })) put(input, k, v);
      if (opts.said !== undefined || opts.decisionBy !== undefined) input['timeline'] = { ...(opts.said !== undefined ? { said: opts.said } : {}), ...(opts.decisionBy !== undefined ? { decisionBy: opts.decisionBy } : {}) };
      if (opts.directChannel ?? opts.directOn ?? opts.directPerson) {
        input['directions'] = { ...(opts.directChannel ? { channel: opts.directChannel } : {}), ...(opts.directOn ? { on: opts.directOn } : {}), ...(opts.directPerson ? { personId: opts.directPerson } : {}) };
      }
      // Their words with two readings ("by next Friday") are never picked alone (F0): asked on a terminal, else named.
      if (opts.said !== undefined && opts.decisionBy === undefined) {
        const picked = await pickTimeline(io, deps, opts.said, start, application, opts.timeZone);
        if (picked !== undefined) input['timeline'] = { said: opts.said, decisionBy: picked };
      }
      put(input, 'debrief', await debrief(io, opts, peopleIds));
      const saved = await naming({
        start: '--start', end: '--end', stage: '--stage', format: '--format', timeZone: '--time-zone', peopleIds: '--with', panelLeadId: '--lead',
        'timeline.said': '--said', 'timeline.decisionBy': '--decision-by', contactId: '--contact', 'directions.on': '--direct-on',
        'directions.personId': '--direct-person', 'directions.channel': '--direct-channel', id: '--id', 'debrief.details': '--detail',
        'debrief.bestMoments': '--best', 'debrief.awkwardMoments': '--awkward', 'debrief.unfinishedAnswers': '--unfinished', 'debrief.concerns': '--concerns',
      }, () => addInterview(deps, application, input));
      const iv = saved.application.interviews[saved.application.interviews.length - 1];
      let understood = '';
      if (iv?.timeline.said && iv.timeline.decisionBy === undefined) {
        const profile = await getProfile(deps);
        const reading = profile ? understandTimeline(profile, deps.time, iv.timeline.said, iv.start, iv.timeZone) : undefined;
        understood = reading?.ok
          ? ` Timeline "${iv.timeline.said}" understood as ${dayLabel(reading.day)} (${reading.understood}).`
          : reading !== undefined && reading.choices.length > 1
            ? ` Timeline "${iv.timeline.said}" reads two ways (${reading.choices.map((c) => dayLabel(c.day)).join(' or ')}): treated as no timeline until you give --decision-by.`
            : ` Timeline "${iv.timeline.said}" could not be read: treated as no timeline until you give --decision-by.`;
      }
      await printSaved(io, deps, saved, `Added interview ${iv?.id ?? ''} to ${saved.application.company}.${understood}`, opts.json === true, { interviewId: iv?.id });
    }));

  add.command('touch')
    .description('Record a contact in the follow-up history (use "sent" and "log-call" for the everyday cases).')
    .argument('<application>', 'application id')
    .option('--person <id>').option('--reference <id>')
    .addOption(new Option('--kind <kind>').choices(TOUCH_KINDS))
    .addOption(new Option('--channel <channel>').choices(CHANNELS).default('email'))
    .addOption(new Option('--outcome <outcome>').choices(OUTCOMES).default('sent'))
    .option('--at <date-time>', 'when (default: now)')
    .option('--text <text>', 'what was sent or said')
    .option('--new-decision-by <YYYY-MM-DD>', 'a new decision date they gave')
    .option('--yes', 'record a future --at without asking')
    .option('--json', 'print as JSON')
    .action(async (application: string, opts: TouchOptions & { yes?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      // The same checks as "sent": a person for a thank-you or a status check, and a future --at
      // asked about (or --yes); the everyday guards (P2, L8) are for "sent" and "log-call".
      const input = await confirmFuture(io, deps, await touchInput(io, deps, opts), opts.yes);
      const saved = await naming(TOUCH_FLAGS, async () => {
        const result = await logTouch(deps, application, input, new Set(['P2', 'L8']));
        if (!result.ok) throw new AppError({ reason: 'touch.not_recorded' });
        return result.saved;
      });
      await printSaved(io, deps, saved, `Recorded ${String(input['kind']).replace('_', ' ')} (${String(input['outcome'])}) for ${saved.application.company}.`, opts.json === true);
    }));

  add.command('reference')
    .description('Record a reference who may be called about you.')
    .option('--name <full name>').option('--id <id>', 'default: r1, r2, …')
    .option('--email <email>').option('--phone <phone>')
    .option('--relationship <text>', 'e.g. "my manager at Globex, 2021–2024"')
    .option('--speak-to <text>', 'what they should speak to')
    .option('--json', 'print as JSON')
    .action(async (opts: ReferenceOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const input: Json = { name: await need(io, opts.name, '--name', 'Their full name?', 'Ada Byron') };
      for (const [k, v] of Object.entries({ id: opts.id, email: opts.email, phone: opts.phone, relationship: opts.relationship, speakTo: opts.speakTo })) put(input, k, v);
      const candidate = await naming({
        name: '--name', id: '--id', email: '--email', phone: '--phone', relationship: '--relationship', speakTo: '--speak-to',
      }, () => addReference(deps, input));
      const ref = candidate.references[candidate.references.length - 1];
      if (opts.json) printJson(io, { reference: ref });
      else io.stdout(`Added reference ${ref?.id ?? ''}: ${ref?.name ?? ''}.\n`);
    }));
}

export const TOUCH_FLAGS: FlagMap = { at: '--at', personId: '--person', referenceId: '--reference', kind: '--kind', channel: '--channel', outcome: '--outcome', newDecisionBy: '--new-decision-by', text: '--text' };

/** A touch from flags; `--at` defaults to now (to the second). */
export async function touchInput(io: CliIo, deps: AppDeps, opts: TouchOptions): Promise<Json> {
  const kind = await need(io, opts.kind, '--kind', `Kind (${TOUCH_KINDS.join(', ')})?`, 'status_check');
  const input: Json = { kind, channel: opts.channel ?? 'email', outcome: opts.outcome ?? 'sent' };
  const profile = await getProfile(deps);
  const zone = deps.time.zone(profile?.settings.timeZone ?? 'UTC');
  if (opts.at !== undefined && parseInstant(opts.at, zone) === null) throw new AppError({ reason: 'at_flag.not_date_time', params: { value: opts.at } }, { at: '--at' });
  input['at'] = opts.at ?? sentNow(deps, zone);
  for (const [k, v] of Object.entries({ personId: opts.person, referenceId: opts.reference, text: opts.text, newDecisionBy: opts.newDecisionBy })) put(input, k, v);
  return input;
}

export function registerRecords(program: Command, io: CliIo): void {
  registerSetup(program, io);
  registerAdd(program, io);
}
