/**
 * The server's errors in words for people, rendered here and only here: the server answers
 * `{ error, field? }` in its own terms (a JSON path, ids, ISO dates, a command line hint for the
 * CLI's sake); the web shows the field by its label and a plain fix, never a path, an id, an ISO
 * instant or a command.
 */
import { plainDates, words } from './format.js';

export interface ErrorWords {
  /** For a notice that stands alone: the field's label, then the fix ("End time: pick a time after the start."). */
  readonly message: string;
  /** For the field itself, whose label is shown already: the fix alone. */
  readonly atField: string;
}

/** The labels people see, by the path the server names (array indexes written `[]`). */
const LABELS: Readonly<Record<string, string>> = {
  'settings.timeZone': 'Time zone', 'settings.region': 'Holiday region',
  'settings.workday.start': 'Working hours, from', 'settings.workday.end': 'Working hours, to', 'settings.workday.days': 'Working days',
  'candidate.name': 'Your name', 'candidate.email': 'Your email', 'candidate.phone': 'Your phone',
  'candidate.signature': 'Signature', 'candidate.preferredChannel': 'Preferred channel',
  'application.company': 'Company', 'application.role': 'Role', 'application.appliedOn': 'Applied on',
  'application.timeZone': 'Company’s time zone', 'application.region': 'Company’s region', application: 'Application',
  'application.postingUrl': 'Job posting link', 'application.location': 'Location', 'application.workplace': 'Remote, hybrid or on-site',
  'application.salary': 'Salary', 'application.salary.text': 'Salary', 'application.salary.min': 'Lowest salary',
  'application.salary.max': 'Highest salary', 'application.salary.currency': 'Salary currency', 'application.salary.period': 'Salary per',
  'application.source': 'Where you found it', 'application.sourceId': 'Id in the tracker it came from', 'application.description': 'Job description',
  'application.notes': 'Notes', 'application.tags': 'Tags', 'application.tags[]': 'Tags', 'person.notes': 'Notes',
  'interview.start': 'Started at', 'interview.end': 'Ended at', 'interview.timeZone': 'Time zone of the interview',
  'interview.stage': 'Stage', 'interview.format': 'Format', 'interview.peopleIds': 'People you met',
  'interview.panelLeadId': 'Panel lead', 'interview.timeline.said': 'Their words on the timeline',
  'interview.timeline.decisionBy': 'Decision date', 'interview.directions.channel': 'Channel they asked for',
  'interview.directions.on': 'Day they named', 'interview.debrief.bestMoments': 'Best moments',
  'interview.debrief.awkwardMoments': 'Awkward moments', 'interview.debrief.unfinishedAnswers': 'Questions you did not answer fully',
  'interview.debrief.concerns': 'Anything that rubbed you the wrong way', 'interview.debrief.details': 'The detail from their conversation',
  interviewEnd: 'End of the interview',
  'people[].name': 'Full name', 'people[].email': 'Email', 'people[].phone': 'Phone', 'people[].title': 'Job title',
  'people[].honorific': 'Honorific', 'people[].timeZone': 'Their time zone', 'people[].region': 'Their region',
  'person.name': 'Full name', 'person.email': 'Email', 'person.phone': 'Phone', 'person.title': 'Job title',
  'person.honorific': 'Honorific', 'person.timeZone': 'Their time zone', 'person.region': 'Their region',
  person: 'Person', personId: 'Person', to: 'Recipient', from: 'Your email', kind: 'Kind of note', reference: 'Reference',
  'touch.at': 'When', at: 'When', decisionBy: 'Decision date', newDecisionBy: 'They now expect to decide by', text: 'Their message', body: 'Comment',
  email: 'Email', password: 'Password', name: 'Name', role: 'Role', coach: 'Coach', organisation: 'Organisation',
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** `people[1].name` → "Full name (second new person)"; an unknown path → its last name in words. */
export function labelOf(path: string): string {
  const general = path.replace(/\[\d+\]/g, '[]');
  const known = LABELS[general] ?? LABELS[general.replace(/^(?:body|query)\./, '')] ?? LABELS[general.replace(/\.details\..+$/, '.details')];
  const index = /^people\[(\d+)\]/.exec(path)?.[1];
  const who = index !== undefined ? ` (${ORDINALS[Number(index)] ?? `number ${Number(index) + 1}`} new person)` : '';
  if (known !== undefined) return `${known}${who}`;
  const last = general.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
  return `${words(last.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase())}${who}`;
}

/** A fix for the server's detail, when the detail is one of the common ones; `undefined` for the rest. */
const FIXES: readonly (readonly [RegExp, (m: RegExpExecArray, field: string | undefined) => string])[] = [
  [/^unknown time zone\b/, () => 'Not a time zone we know. Write it as region and city, such as America/New_York or Europe/London.'],
  [/^unknown region\b/, () => 'Not a region we know. Use a country or region code such as US, GB-ENG or DE-BY.'],
  [/^ends before it starts/, () => 'It ends before it starts. Pick an end time after the start.'],
  [/^must be later than settings\.workday\.start/, () => 'Make the end of your working hours later than the start.'],
  [/^must be a time as HH:MM/, () => 'Write a time such as 09:00.'],
  [/^(?:is )?required(?: \(\w+\))?(?:; it cannot be empty)?$/, () => 'Fill this in.'],
  [/(?:^|\s)is not allowed; use one of (.*)$/, (m) => `Choose one of: ${(m[1] ?? '').split(', ').map((v) => words(v.replace(/^"|"$/g, '')).toLowerCase()).join(', ')}.`],
  [/^is too (long|short): (.*)$/, (m) => `Too ${m[1] ?? ''}: use ${(m[2] ?? '').replace(/\.$/, '')}.`],
  [/^must be (\S+) or (more|less)$/, (m) => `Use ${m[1] ?? ''} or ${m[2] ?? ''}.`],
  [/is not a real date|is not a date\b/, () => 'Not a date. Pick a day, such as 10 March 2026.'],
  [/is not a date-time/, () => 'Not a date and time. Pick a day and a time.'],
  [/^(?:"[^"]*" )?is not an email address/, () => 'Not an email address. Write it as name@example.com.'],
  [/^(?:"[^"]*" )?is not a phone number/, () => 'Not a phone number. Write the digits, with + and the country code if it is abroad.'],
  [/^unknown person\b|^unknown person id\b/, () => 'This person is not among the people of this application. Pick one from the list.'],
  [/^unknown application\b/, () => 'This application is not in your records. It may have been removed, or the link is out of date.'],
  [/^unknown (reference|interview|kind)\b/, (m) => `This ${m[1] ?? 'item'} is not in your records. Pick one from the list.`],
  [/^unknown settings?\b/, () => 'This setting is not one Afterword knows.'],
  [/^no profile yet\b/, () => 'Set up your profile first: your name, time zone and region.'],
  [/^\S+@\S+ already has an account\b/, () => 'This email already has an account: send them a reset link instead.'],
  [/^no coach\b/, () => 'This coach is no longer on the server. Pick another one.'],
  [/^no job seeker\b/, () => 'This person is not a job seeker on the server. Pick another one.'],
  [/^the server answered (\d+)$/, () => 'Afterword could not do this just now. Try again in a moment.'],
  [/^too short; use at least (\d+) characters/, (m) => `Too short: use at least ${m[1] ?? ''} characters. A few words make a good one.`],
  [/^must be (?:an? )?(?:string|number|boolean|object|array)\b/, () => 'This value cannot be read. Type it again.'],
];

/** Words for a 404: what is missing, from the field or the detail's own words. */
function notFound(field: string | undefined, detail: string): string {
  const what = field === 'person' || field === 'personId' || /\bperson\b/.test(detail) ? 'This person is not on this application.'
    : /\boffer\b/.test(detail) ? 'There is no offer recorded for this application.'
      : /\bjob seeker\b/.test(detail) ? 'This job seeker is not among the ones you follow.'
        : /\baccount\b/.test(detail) ? 'This account does not exist.'
          : /\bapplication\b/.test(detail) || field === 'application' ? 'This application is not in your records. It may have been removed, or the link is out of date.'
            : 'This is not in your records. It may have been removed, or the link is out of date.';
  return what;
}

/** Clauses written for a terminal or for a developer: a command to type, a flag, a document to read, ids known. */
const FOR_TERMINAL = /\bafterword\b|--[a-z]|docs\/|\.md\b|^known: |^run |\bre-run\b|\?\w+=|^send again\b/;

/**
 * The server's detail made plain: clauses for the terminal dropped, quoted ids and JSON paths
 * replaced, ISO dates written as the app writes dates, a capital first and a full stop last.
 */
export function plainDetail(detail: string): string {
  let text = detail
    .split(/;\s+/)
    .filter((clause, i) => i === 0 || !FOR_TERMINAL.test(clause))
    .join('; ')
    .replace(/\s*\((?:[^()]*\bafterword\b[^()]*|[^()]*--[a-z][^()]*)\)/g, '')
    .replace(/\b(application|person|reference|interview|account|user|offer|criterion) (?:id )?"[^"]{1,80}"/g, 'this $1')
    .replace(/\b(?:settings|candidate|interview|application|people|person|touch|timeline|debrief|protocol|workday|offer)(?:\.[A-Za-z_]+|\[\d+\])+/g, (path) => `“${labelOf(path).toLowerCase()}”`);
  text = plainDates(text);
  // A clause that still names a command (run "afterword setup" first) is dropped whole.
  if (FOR_TERMINAL.test(text)) text = text.split(/[;:]\s+/).filter((c) => !FOR_TERMINAL.test(c)).join('; ');
  return sentence(text.trim());
}

function sentence(text: string): string {
  if (text === '') return text;
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]\)?$/.test(first) ? first : `${first}.`;
}

/**
 * The words for an answer other than 2xx. `text` is the server's `error`; `field` the path it
 * names, if any.
 */
export function errorWords(status: number, text: string, field?: string, problem?: unknown): ErrorWords {
  // The storage cannot serve (a full disk, damaged data): the server's words say what happened; the commands they name are for the terminal.
  if (status === 503) return both(plainDetail(text));
  if (status >= 500) {
    return both('Something went wrong on Afterword’s side, and nothing was changed. Try again; if it happens again, restart Afterword.');
  }
  // A refusal the server gives as data (docs/errors.md): its reason's words for the web app, written
  // for people already; the deprecated reason 'message' is the terminal's words and is read as below.
  const web = webWordsOf(problem);
  if (web !== undefined) {
    const label = field !== undefined ? labelOf(field) : undefined;
    return { message: label !== undefined ? `${label}: ${lowerFirst(web)}` : web, atField: web };
  }
  // "interview.end: ends before it starts" → the detail without the path (or the words the server put there).
  const prefix = /^([^:;"]{1,80}): /.exec(text)?.[1];
  // A path ("interview.end"), or a label the server wrote in words ("Best moments").
  const ownLabel = prefix !== undefined && /^[A-Z][^.]*\s/.test(prefix) ? prefix : undefined;
  const named = prefix !== undefined && (prefix === field || /^[\w.[\]-]+$/.test(prefix) || ownLabel !== undefined);
  const detail = named ? text.slice(prefix.length + 2) : text;

  if (status === 404) return both(notFound(field, detail));
  if (status === 401 && /\bsigned out\b|\bkey\b/i.test(text)) {
    return both('You are signed out. Open Afterword again from the address it printed when it started.');
  }

  const fix = FIXES.find(([pattern]) => pattern.test(detail));
  const m = fix ? fix[0].exec(detail) : null;
  const atField = fix && m ? fix[1](m, field) : plainDetail(detail);
  const label = ownLabel ?? (field !== undefined ? labelOf(field) : undefined);
  return { message: label !== undefined ? `${label}: ${lowerFirst(atField)}` : atField, atField };
}

/** The web words of an API `problem` with a reason of its own, or undefined. */
function webWordsOf(problem: unknown): string | undefined {
  if (typeof problem !== 'object' || problem === null) return undefined;
  const reason = (problem as { reason?: unknown }).reason;
  const message = (problem as { message?: unknown }).message;
  return typeof reason === 'string' && reason !== 'message' && typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

function lowerFirst(text: string): string {
  // "Not a date" reads on after a label; a name ("Grace…", "Afterword") keeps its capital.
  return /^(?:Not|It|This|Too|Choose|Pick|Fill|Write|Make|Use|Add|The|Your|You|Is|Must|Has|Needs|Set)\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function both(text: string): ErrorWords {
  return { message: text, atField: text };
}
