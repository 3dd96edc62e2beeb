/**
 * An application's details on the command line: the flags `add application` and `edit application`
 * share (--url, --location, --workplace, --salary…, --source, --description, --notes, --tags), and
 * `afterword edit application|person`.
 */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { editApplicationFields, editPersonFields, requireProfile, type AppDeps, type Saved } from '../../app/records.js';
import { applicationToJson } from '../../core/scenario-json.js';
import { DETAIL_LIMITS } from '../../core/details.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { naming, type FlagMap } from '../naming.js';
import { readInput } from './read-input.js';

type Json = Record<string, unknown>;

export interface DetailOptions {
  url?: string; location?: string; workplace?: string; salary?: string; salaryMin?: string; salaryMax?: string;
  salaryCurrency?: string; salaryPeriod?: string; source?: string; sourceId?: string; description?: string;
  descriptionFile?: string; notes?: string; notesFile?: string; tags?: string;
}

/** Each detail's flag, for errors that name the flag typed. */
export const DETAIL_FLAGS: FlagMap = {
  postingUrl: '--url', location: '--location', workplace: '--workplace', salary: '--salary', 'salary.text': '--salary',
  'salary.min': '--salary-min', 'salary.max': '--salary-max', 'salary.currency': '--salary-currency', 'salary.period': '--salary-period',
  source: '--source', sourceId: '--source-id', description: '--description', notes: '--notes', tags: '--tags',
};

const n = (v: number): string => v.toLocaleString('en-US');

/** Adds the detail flags to an `add application` or `edit application` command. */
export function withDetailOptions(command: Command): Command {
  return command
    .option('--url <url>', `the job posting's link (http or https; at most ${n(DETAIL_LIMITS.postingUrl)} characters)`)
    .option('--location <place>', `where the job is, e.g. "London" (at most ${n(DETAIL_LIMITS.location)} characters)`)
    .option('--workplace <kind>', 'remote, hybrid or on-site')
    .option('--salary <text>', `the salary as the posting gives it, e.g. "£45k–£55k + bonus" (at most ${n(DETAIL_LIMITS.salaryText)} characters)`)
    .option('--salary-min <amount>', 'the lowest figure, e.g. 45000').option('--salary-max <amount>', 'the highest figure')
    .option('--salary-currency <code>', 'three letters: USD, GBP, EUR…')
    .option('--salary-period <period>', 'hour, day, week, month or year')
    .option('--source <where>', `where you found the job, e.g. LinkedIn (at most ${n(DETAIL_LIMITS.source)} characters)`)
    .option('--source-id <id>', "the application's id in the tracker it came from")
    .option('--description <text>', `the job description (at most ${n(DETAIL_LIMITS.description)} characters)`)
    .option('--description-file <file>', 'the job description from a text file')
    .option('--notes <text>', `your notes (at most ${n(DETAIL_LIMITS.notes)} characters)`)
    .option('--notes-file <file>', 'your notes from a text file')
    .option('--tags <tags>', `comma-separated labels, e.g. "dream job,fintech" (at most ${DETAIL_LIMITS.tags} tags of ${DETAIL_LIMITS.tag} characters)`);
}

function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/**
 * The details the flags give, as the records read them; `current` is the salary recorded before an
 * edit, which a --salary-min alone amends instead of replacing. An empty flag ("") clears its field.
 */
export function detailInput(io: CliIo, opts: DetailOptions, current?: Json): Json {
  const out: Json = {};
  put(out, 'postingUrl', opts.url);
  put(out, 'location', opts.location);
  put(out, 'workplace', opts.workplace);
  put(out, 'source', opts.source);
  put(out, 'sourceId', opts.sourceId);
  put(out, 'description', opts.descriptionFile !== undefined ? readInput(io, opts.descriptionFile, '--description-file') : opts.description);
  put(out, 'notes', opts.notesFile !== undefined ? readInput(io, opts.notesFile, '--notes-file') : opts.notes);
  if (opts.tags !== undefined) out['tags'] = opts.tags.trim() === '' ? '' : opts.tags.split(',');
  const figures = { min: opts.salaryMin, max: opts.salaryMax, currency: opts.salaryCurrency, period: opts.salaryPeriod };
  if (opts.salary === '') {
    out['salary'] = '';
  } else if (opts.salary !== undefined || Object.values(figures).some((v) => v !== undefined)) {
    const salary: Json = opts.salary !== undefined && current === undefined ? {} : { ...current };
    put(salary, 'text', opts.salary);
    for (const [k, v] of Object.entries(figures)) {
      if (v === '') delete salary[k];
      else put(salary, k, v);
    }
    out['salary'] = salary;
  }
  return out;
}

// ---------------------------------------------------------------- edit

interface EditApplicationOptions extends DetailOptions {
  company?: string; role?: string; appliedOn?: string; timeZone?: string; region?: string; json?: boolean;
}

interface EditPersonOptions {
  name?: string; honorific?: string; title?: string; email?: string; phone?: string; timeZone?: string; notes?: string; notesFile?: string; json?: boolean;
}

async function printEdited(io: CliIo, deps: AppDeps, saved: Saved, what: string, json: boolean): Promise<void> {
  if (!json) {
    io.stdout(`${what}\n`);
    return;
  }
  const profile = await requireProfile(deps);
  printJson(io, { applicationId: saved.application.id, application: applicationToJson(saved.application, profile.settings, deps.time) });
}

export function registerEdit(program: Command, io: CliIo): void {
  const edit = program.command('edit').description("Change an application's fields and details, or a person's notes and details.");

  withDetailOptions(edit.command('application')
    .description("Change an application's company, role, dates or details; only the flags given change, and an empty one (\"\") clears its field.")
    .argument('<application>', 'application id')
    .option('--company <name>').option('--role <post>').option('--applied-on <YYYY-MM-DD>')
    .option('--time-zone <zone>', "the company's zone").option('--region <code>', "the company's holiday region"))
    .option('--json', 'print the application as JSON')
    .addHelpText('after', `
Examples:
  $ afterword edit application a1 --url https://jobs.acme.example/42 --location London --workplace hybrid
  $ afterword edit application a1 --salary "£45k–£55k" --salary-min 45000 --salary-max 55000 --salary-currency GBP --salary-period year
  $ afterword edit application a1 --notes-file notes.txt --tags "dream job,fintech"
  $ afterword edit application a1 --url ""          # clears the link`)
    .action(async (id: string, opts: EditApplicationOptions, cmd: Command) => withApp(io, cmd, async (deps: AppDeps) => {
      const current = await deps.store.getApplication(deps.userId, id);
      const changes: Json = detailInput(io, opts, current?.salary ? { ...current.salary } : undefined);
      for (const [k, v] of Object.entries({ company: opts.company, role: opts.role, appliedOn: opts.appliedOn, timeZone: opts.timeZone, region: opts.region })) put(changes, k, v);
      if (Object.keys(changes).length === 0) {
        throw new AppError({ reason: 'edit.nothing', params: { what: 'application', flags: '--url or --notes' } }, { at: 'edit application' });
      }
      const saved = await naming({
        ...DETAIL_FLAGS, company: '--company', role: '--role', appliedOn: '--applied-on', timeZone: '--time-zone', region: '--region',
      }, () => editApplicationFields(deps, id, changes));
      await printEdited(io, deps, saved, `Changed ${saved.application.id}: ${saved.application.company} \u2014 ${saved.application.role} (${Object.keys(changes).length === 1 ? 'one field' : `${Object.keys(changes).length} fields`}).`, opts.json === true);
    }));

  edit.command('person')
    .description("Change a person's notes or details; only the flags given change, and an empty one (\"\") clears its field.")
    .argument('<application>', 'application id').argument('<person>', 'person id (see "afterword show")')
    .option('--name <full name>').option('--honorific <honorific>').option('--title <job title>')
    .option('--email <email>').option('--phone <phone>').option('--time-zone <zone>')
    .option('--notes <text>', `your notes on them (at most ${n(DETAIL_LIMITS.notes)} characters)`)
    .option('--notes-file <file>', 'your notes from a text file')
    .option('--json', 'print the application as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword edit person a1 p1 --notes "Runs marathons; prefers email before 10:00"')
    .action(async (application: string, person: string, opts: EditPersonOptions, cmd: Command) => withApp(io, cmd, async (deps: AppDeps) => {
      const changes: Json = {};
      for (const [k, v] of Object.entries({ name: opts.name, honorific: opts.honorific, title: opts.title, email: opts.email, phone: opts.phone, timeZone: opts.timeZone })) put(changes, k, v);
      put(changes, 'notes', opts.notesFile !== undefined ? readInput(io, opts.notesFile, '--notes-file') : opts.notes);
      if (Object.keys(changes).length === 0) {
        throw new AppError({ reason: 'edit.nothing', params: { what: 'person', flags: '--notes' } }, { at: 'edit person' });
      }
      const saved = await naming({
        name: '--name', honorific: '--honorific', title: '--title', email: '--email', phone: '--phone', timeZone: '--time-zone', notes: '--notes',
      }, () => editPersonFields(deps, application, person, changes));
      const p = saved.application.people.find((x) => x.id === person);
      await printEdited(io, deps, saved, `Changed ${person}: ${p?.name ?? ''} at ${saved.application.company}.`, opts.json === true);
    }));
}
