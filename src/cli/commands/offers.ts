/** Red flags and offers (PROTOCOL §5): `flag`, `flags`, `offer`, `criteria`, `rate`, `compare`. */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import {
  changeCriteria, compareApplications, listCriteria, listFlags, rateApplication, recordOffer, removeOffer, setFlag, showOffer, showRatings,
  type OfferChange, type RatingChange,
} from '../../app/offers.js';
import type { Criterion, OfferItem } from '../../app/ports.js';
import { parseDay, type Day } from '../../core/time.js';
import { printJson, withApp } from '../context.js';
import type { CliIo } from '../io.js';
import { collect, naming, type FlagMap } from '../naming.js';
import {
  comparisonJson, flagsJson, offerJson, ratingsJson, renderComparison, renderCriteria, renderFlagSet, renderFlags, renderOffer, renderRatings,
} from './offers-render.js';


/** A whole number as typed (the use case checks the range). */
function whole(text: string, flag: string, range: string): number {
  if (!/^[+-]?\d{1,6}$/.test(text.trim())) throw new AppError({ reason: 'flag.not_whole', params: { value: text, range } }, { at: flag });
  return Number(text.trim());
}

/** `LABEL=VALUE`, split at the first `=` (`last`: at the last one, for `NAME=NUMBER`). */
function pair(text: string, flag: string, example: string, last = false): [string, string] {
  const at = last ? text.lastIndexOf('=') : text.indexOf('=');
  if (at <= 0) throw new AppError({ reason: 'flag.not_pair', params: { value: text, flag, example } }, { at: flag });
  return [text.slice(0, at), text.slice(at + 1)];
}

function day(text: string, flag: string): Day {
  const d = parseDay(text.trim());
  if (d === null) throw new AppError({ reason: 'flag.not_day', params: { value: text, flag } }, { at: flag });
  return d;
}

// ---------------------------------------------------------------- red flags

interface FlagOptions { score?: string; notes?: string; manager?: boolean; notManager?: boolean; clear?: boolean; json?: boolean }

const FLAG_FIELDS: FlagMap = { flag: '<flag>', score: '--score', notes: '--notes', manager: '--manager', clear: '--clear' };

function registerFlags(program: Command, io: CliIo): void {
  program.command('flag')
    .description('Score a red flag of an application (PROTOCOL \u00a75): 0 = not seen \u2026 5 = serious, with notes.')
    .argument('<application>', 'application id')
    .argument('<flag>', 'R1 unclear role, R2 public image clash, R3 disengaged interviewer, R4 leadership in flux, R5 unclear mission, R6 unprepared interviewer, R7 process dragged on, R8 something else')
    .option('--score <0-5>', 'how serious: 0 = not seen, 5 = serious')
    .option('--notes <text>', 'what you saw ("" removes the notes)')
    .option('--manager', 'R6: the unprepared interviewer would be your manager (counts double)')
    .option('--not-manager', 'R6: they would not be your manager (counts once)')
    .option('--clear', 'forget this flag\'s score and notes (R7 goes back to its computed score)')
    .option('--json', 'print the whole red-flag report as JSON')
    .addHelpText('after', `
R7 is computed: more than 60 days from --applied-on to the latest interview raises it (3/5, then 4/5
after 90 days, 5/5 after 120). A score you give overrides it; --clear brings the computed one back.
R6 counts double when you say --manager, or when a person with role hiring_manager was among your
interviewers and you have not said --not-manager.

Examples:
  $ afterword flag a1 R3 --score 3 --notes "Asked the same three questions twice"
  $ afterword flag a1 R6 --score 4 --manager
  $ afterword flag a1 R7 --score 1 --notes "the holidays were in between"
  $ afterword flag a1 R7 --clear`)
    .action(async (application: string, flag: string, opts: FlagOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      if (opts.manager && opts.notManager) throw new AppError({ reason: 'flag.manager_both' }, { at: '--manager' });
      const manager = opts.manager ? true : opts.notManager ? false : undefined;
      const score = opts.score === undefined ? undefined : whole(opts.score, '--score', 'a score from 0 (not seen) to 5 (serious)');
      const set = await naming(FLAG_FIELDS, () => setFlag(deps, application, flag, {
        ...(score !== undefined ? { score } : {}), ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
        ...(manager !== undefined ? { manager } : {}), ...(opts.clear ? { clear: true } : {}),
      }));
      if (opts.json) {
        printJson(io, { changed: set.flag, cleared: set.cleared, ...flagsJson(set) });
        return;
      }
      io.stdout(renderFlagSet(set, set.flag, opts.clear ? set.cleared : undefined));
    }));

  program.command('flags')
    .description('The red flags of an application: your scores, R6\'s weight, R7 as computed, a total and a summary.')
    .argument('<application>', 'application id')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ afterword flags a1')
    .action(async (application: string, opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const view = await listFlags(deps, application);
      if (opts.json) printJson(io, flagsJson(view));
      else io.stdout(renderFlags(view));
    }));
}

// ---------------------------------------------------------------- offers

interface OfferOptions {
  pay?: string[]; benefit?: string[]; respondBy?: string; receivedOn?: string; notes?: string; remove?: boolean; json?: boolean;
}

const OFFER_FIELDS: FlagMap = { pay: '--pay', benefits: '--benefit', respondBy: '--respond-by', receivedOn: '--received-on', notes: '--notes', remove: '--remove' };

function items(values: readonly string[] | undefined, flag: string, example: string): OfferItem[] | undefined {
  return values?.map((v) => {
    const [label, value] = pair(v, flag, example);
    return { label, value };
  });
}

function registerOffer(program: Command, io: CliIo): void {
  program.command('offer')
    .description('Record an offer (pay and benefits as you were told them) or show it; an active application moves to "offer".')
    .argument('<application>', 'application id')
    .option('--pay <label=value>', 'a pay line (repeatable; replaces the pay lines)', collect)
    .option('--benefit <label=value>', 'a benefit line (repeatable; replaces the benefit lines)', collect)
    .option('--respond-by <YYYY-MM-DD>', 'when they want your answer ("" removes it)')
    .option('--received-on <YYYY-MM-DD>', 'when the offer came (default: today)')
    .option('--notes <text>', 'anything else ("" removes the notes)')
    .option('--remove', 'forget the offer (an application in status "offer" goes back to "active")')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
What you give replaces what was there; what you leave out is kept. Without options, shows the offer.

Examples:
  $ afterword offer a1 --pay "Base salary=\u20ac72,000" --pay "Bonus=10%" --benefit "Pension=5%" --respond-by 2026-03-27
  $ afterword offer a1 --notes "Start date negotiable"
  $ afterword offer a1 --json`)
    .action(async (application: string, opts: OfferOptions, cmd: Command) => withApp(io, cmd, async (deps) => {
      const change: OfferChange = {
        ...(opts.pay ? { pay: items(opts.pay, '--pay', 'Base salary=\u20ac72,000') ?? [] } : {}),
        ...(opts.benefit ? { benefits: items(opts.benefit, '--benefit', 'Pension=5%') ?? [] } : {}),
        ...(opts.respondBy !== undefined ? { respondBy: opts.respondBy.trim() === '' ? null : day(opts.respondBy, '--respond-by') } : {}),
        ...(opts.receivedOn !== undefined ? { receivedOn: day(opts.receivedOn, '--received-on') } : {}),
        ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
      };
      const changing = Object.keys(change).length > 0;
      if (opts.remove && changing) throw new AppError({ reason: 'offer.remove_alone' }, { at: '--remove' });
      const view = await naming(OFFER_FIELDS, () => (opts.remove
        ? removeOffer(deps, application)
        : changing ? recordOffer(deps, application, change) : showOffer(deps, application)));
      if (opts.json) {
        printJson(io, { application: view.application, offer: view.offer ? offerJson(view.offer) : null, statusChange: view.statusChange ?? null });
        return;
      }
      if (opts.remove) io.stdout(`Removed the offer of ${view.application.company} (${view.application.id}).\n`);
      else if (changing) io.stdout(`Recorded the offer of ${view.application.company} (${view.application.id}).\n`);
      if (view.statusChange) {
        io.stdout(`Status: ${view.statusChange.from} \u2192 ${view.statusChange.to}${view.statusChange.to === 'offer' ? ' (no more follow-ups are planned for it)' : ''}.\n`);
      }
      if (!opts.remove) io.stdout(renderOffer(view));
    }));
}

// ---------------------------------------------------------------- criteria and ratings

function registerCriteria(program: Command, io: CliIo): void {
  program.command('criteria')
    .description('Your own criteria for comparing offers, each with a weight (how much it counts); without options, lists them.')
    .option('--set <name=weight>', 'add a criterion or change its weight, 1\u201310 (repeatable)', collect)
    .option('--remove <name>', 'remove a criterion and its ratings (repeatable)', collect)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ afterword criteria --set "Growth=3" --set "Commute=1" --set "Team=2"
  $ afterword criteria --remove Commute
  $ afterword criteria --json`)
    .action(async (opts: { set?: string[]; remove?: string[]; json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const set = opts.set?.map((v): Criterion => {
        const [name, weight] = pair(v, '--set', 'Growth=3', true);
        return { name, weight: whole(weight, '--set', `a weight from 1 to 10 after the "=", e.g. --set "${name.trim()}=3"`) };
      });
      const changing = set !== undefined || opts.remove !== undefined;
      const criteria = await naming({ set: '--set', remove: '--remove' }, () => (changing
        ? changeCriteria(deps, { ...(set ? { set } : {}), ...(opts.remove ? { remove: opts.remove } : {}) })
        : listCriteria(deps)));
      if (opts.json) printJson(io, { criteria });
      else io.stdout(renderCriteria(criteria));
    }));

  program.command('rate')
    .description('Rate an application on your criteria: 0 = bad \u2026 5 = excellent.')
    .argument('<application>', 'application id')
    .option('--criterion <name=rating>', 'a rating, 0\u20135 (repeatable)', collect)
    .option('--clear <name>', 'remove the rating on a criterion (repeatable)', collect)
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Without options, shows the application's ratings and weighted score.

Examples:
  $ afterword rate a1 --criterion "Growth=4" --criterion "Commute=2"
  $ afterword rate a1 --clear Commute`)
    .action(async (application: string, opts: { criterion?: string[]; clear?: string[]; json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const changes: RatingChange[] = [
        ...(opts.criterion ?? []).map((v): RatingChange => {
          const [criterion, rating] = pair(v, '--criterion', 'Growth=4', true);
          return { criterion, rating: whole(rating, '--criterion', `a rating from 0 to 5 after the "=", e.g. --criterion "${criterion.trim()}=4"`) };
        }),
        ...(opts.clear ?? []).map((criterion): RatingChange => ({ criterion, rating: null })),
      ];
      const view = await naming({ criterion: opts.criterion ? '--criterion' : '--clear' }, () => (changes.length > 0
        ? rateApplication(deps, application, changes)
        : showRatings(deps, application)));
      if (opts.json) printJson(io, ratingsJson(view));
      else io.stdout(renderRatings(view));
    }));
}

// ---------------------------------------------------------------- compare

function registerCompare(program: Command, io: CliIo): void {
  program.command('compare')
    .description('Applications side by side: pay, benefits, red-flag totals and the worst flags, your weighted criteria, and why.')
    .argument('<applications...>', 'two or more application ids')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Red flags: lower is better (R6 may count double, R7 is computed from the dates). Criteria: each
rating times its weight, out of the most the rated criteria could give; unrated ones count neither way.

Example:
  $ afterword compare a1 a2 a3`)
    .action(async (applications: string[], opts: { json?: boolean }, cmd: Command) => withApp(io, cmd, async (deps) => {
      const cmp = await naming({ applications: '<applications>' }, () => compareApplications(deps, applications));
      if (opts.json) printJson(io, comparisonJson(cmp));
      else io.stdout(renderComparison(cmp));
    }));
}

export function registerOffers(program: Command, io: CliIo): void {
  registerFlags(program, io);
  registerOffer(program, io);
  registerCriteria(program, io);
  registerCompare(program, io);
}
