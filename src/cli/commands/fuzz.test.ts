/**
 * Fuzzing the commands that write: `add application|person|interview|touch|reference`, `sent`,
 * `log-call` and `close`, in-process on one real (in-memory PGlite) database, with fixed seeds.
 * Each run starts from a valid command line and replaces, drops or adds flags and arguments with
 * hostile values: markup, SQL, huge strings, NUL and other control characters, lone surrogates,
 * impossible dates, unknown ids and zones, numbers where text is expected, flags as values.
 * Whatever comes in, the CLI
 *   - never fails (exit code 1 is a crash: an error nobody turned into a message);
 *   - on bad input (exit code 2) prints exactly one line on stderr, naming the flag or argument
 *     at fault, and changes nothing (the backup of the whole record is the same before and after);
 *   - on success prints nothing on stderr, valid JSON when asked for it, and leaves a record that
 *     still reads back as valid input (a value that does not survive the database would break every
 *     later command on that record).
 * Each property also starts with the lines that found bugs here before.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../app/ports.js';
import { parseScenario } from '../../core/scenario.js';
import { scenarioToJson } from '../../core/scenario-json.js';
import type { Deps } from '../../deps.js';
import { cliWith, memoryDeps, type CliRun } from '../testing.js';

// Mon 2026-03-02, 08:00 in New York: after the interview of Fri 02-27, before any check-in is due.
const NOW = '2026-03-02T13:00:00Z';
const files: Record<string, string | Uint8Array> = {
  'note.txt': 'Dear Dr. Okafor, thank you for Friday.',
  'bom.txt': '\uFEFFDear Dr. Okafor, thank you for Friday.',
};
let deps: Deps;
let run: (argv: readonly string[]) => Promise<CliRun>;
/** The whole record as of the last successful run. */
let snapshot = '';

const backup = async (): Promise<string> => JSON.stringify(await deps.store.exportAll(LOCAL_USER.id));

beforeAll(async () => {
  deps = await memoryDeps();
  run = cliWith(deps, NOW, files);
  const setup: string[][] = [
    ['setup', '--name', 'Jordan Lee', '--email', 'jordan@example.com', '--time-zone', 'America/New_York', '--region', 'US'],
    ['add', 'reference', '--name', 'Ada Byron', '--email', 'ada@example.com'],
    ['add', 'application', '--company', 'Acme Corp', '--role', 'Data Analyst', '--applied-on', '2026-02-10'],
    ['add', 'person', 'a1', '--name', 'Grace Okafor', '--honorific', 'Dr.', '--email', 'g@acme.example'],
    ['add', 'person', 'a1', '--name', 'Sam Ruiz', '--role', 'recruiter', '--email', 's@acme.example'],
    ['add', 'interview', 'a1', '--start', '2026-02-27T10:00', '--end', '2026-02-27T11:00', '--stage', 'first_round', '--with', 'p1,p2', '--said', 'within two weeks'],
    ['add', 'application', '--company', 'Globex', '--role', 'Analyst'],
  ];
  for (const argv of setup) expect((await run(argv)).code, argv.join(' ')).toBe(0);
  snapshot = await backup();
}, 60_000);
afterAll(async () => { await deps.store.close(); });

// ---------------------------------------------------------------- hostile values

const HOSTILE = [
  '', ' ', '\t', '\u0000', 'Acme\u0000Corp', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', '\u202Eevil', '\uFEFF', '\u00A0',
  '<script>alert(1)</script>', '<b>bold</b> & "quoted"', '"; DROP TABLE applications; --', "' OR 1=1 --", '${process.exit(1)}',
  '%s%n%x', '{{7*7}}', '../../../etc/passwd', 'C:\\Windows\\system32', 'line one\nline two', 'carriage\rreturn', 'crlf\r\n',
  '\u2028', '🙂🙂🙂', 'é'.normalize('NFD'), 'x'.repeat(10_001), 'Ω'.repeat(100_000),
  '--help', '-h', '--json', '--version', '-', '--', '=', ',', ',,,', 'p1,p1', 'p1,,p2', 'p1=', '=x', 'p9=detail',
  '0', '-1', '1.5', '1e309', 'NaN', 'Infinity', '-0', '0x10', '９', '12345678901234567890',
  '2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '0001-01-01', '9999-12-31', '10000-01-01', '-2026-03-03',
  '2026-03-03T25:00', '2026-03-03T10:60', '2026-03-03T10:00+99:00', '2026-03-03T10:00Z', '2026-03-03T10:00:00.123456789Z',
  '2026-03-08T02:30', '2026-11-01T01:30', '1970-01-01T00:00Z', '9999-12-31T23:59', '2026-03-03 10:00', 'tomorrow', 'next Friday',
  'Mars/Base', 'UTC', 'Etc/GMT+13', 'America/New_Yrok', 'europe/london', 'Asia/Kolkata', '+05:30', 'EST',
  'a1', 'a2', 'a9', 'A1', 'a1 ', 'p1', 'p2', 'p9', 'r1', 'r9', 'i1', 'i9',
  'first_round', 'final', 'thank_you', 'status_check', 'email', 'phone', 'sent', 'not_decided', 'withdrawn', 'active',
] as const;

/** Lone surrogates and control characters mixed into otherwise ordinary text. */
const oddUnit = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('<', '>', '&', '"', "'", '\\', '%', '$', '{', '}'),
);

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: oddUnit, minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -400_000, max: 400_000 }).map((d) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000 * 10).toISOString().slice(0, d % 2 === 0 ? 10 : 16)) },
);

// ---------------------------------------------------------------- command lines

/** A command: its words, the value of its positional argument (if any), and valid values per flag (`true`: a switch). */
interface Command {
  readonly words: readonly string[];
  readonly positional?: readonly string[];
  /** Flags every valid line has (the others come and go), so that runs get past "required". */
  readonly required?: readonly string[];
  readonly flags: Readonly<Record<string, readonly (string | true)[]>>;
  /** Lines (after the words) that found bugs before; they run first. */
  readonly examples: readonly (readonly string[])[];
}

const COMMANDS: Readonly<Record<string, Command>> = {
  'add application': {
    words: ['add', 'application'], required: ['--company', '--role'],
    examples: [['--company', '\uFEFF', '--role', 'Analyst'], ['--company', 'Initech', '--role', 'QA', '--id', 'a1']],
    flags: {
      '--company': ['Initech', 'Zoë & Ñúñez GmbH'], '--role': ['QA Lead'], '--id': ['a7', 'acme-2'], '--applied-on': ['2026-02-20'],
      '--status': ['active', 'rejected'], '--time-zone': ['Europe/London'], '--region': ['GB-ENG', 'US'], '--json': [true],
    },
  },
  'add person': {
    words: ['add', 'person'], positional: ['a1', 'a2'], required: ['--name'],
    examples: [['a1', '--name', 'Priya Sharma', '--title', 'x\uD800'], ['a1', '--name', 'Priya Sharma', '--title', 'x'.repeat(10_001)], ['\udcee\udeb9', '--name', 'X']],
    flags: {
      '--name': ['Priya Sharma'], '--id': ['p5'], '--honorific': ['Ms.'], '--title': ['Head of Data'], '--role': ['interviewer', 'hiring_manager'],
      '--email': ['priya@acme.example'], '--phone': ['+1 555 0101'], '--time-zone': ['America/Chicago'], '--channel': ['email', 'phone'],
      '--informal': [true], '--verified': [true], '--json': [true],
    },
  },
  'add interview': {
    words: ['add', 'interview'], positional: ['a1', 'a2'], required: ['--start', '--end', '--stage'],
    examples: [['\udcee\udeb9', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'final'], ['a1', '--start', '2026-03-03T10:00', '--end', '2026-03-03T11:00', '--stage', 'final', '--best', 'x'.repeat(10_001)]],
    flags: {
      '--start': ['2026-03-03T10:00'], '--end': ['2026-03-03T11:00'], '--stage': ['second_round'], '--format': ['video', 'on_site'],
      '--time-zone': ['America/New_York'], '--with': ['p1', 'p1,p2'], '--id': ['i5'], '--panel': [true], '--lead': ['p1'],
      '--said': ['by Friday', 'soon'], '--decision-by': ['2026-03-13'], '--go-ahead': [true], '--contact': ['p2'],
      '--direct-channel': ['phone'], '--direct-on': ['2026-03-10'], '--direct-person': ['p2'], '--references-requested': [true],
      '--asked-next-steps': [true], '--collected-contacts': [true], '--best': ['the churn model'], '--awkward': ['salary question'],
      '--unfinished': ['SQL window functions'], '--detail': ['p1=her move to dbt'], '--concerns': ['none'], '--json': [true],
    },
  },
  'add touch': {
    words: ['add', 'touch'], positional: ['a1', 'a2'], required: ['--kind'],
    examples: [['\u0000', '--kind', 'update'], ['a1', '--kind', 'update', '--text', '\uFEFFHello']],
    flags: {
      '--person': ['p1'], '--reference': ['r1'], '--kind': ['update', 'reply', 'reference_brief'], '--channel': ['email', 'letter'],
      '--outcome': ['sent', 'reply_received'], '--at': ['2026-03-01T09:30'], '--text': ['A short update.'], '--new-decision-by': ['2026-03-20'],
      '--json': [true],
    },
  },
  'add reference': {
    words: ['add', 'reference'], required: ['--name'],
    examples: [['--name', '\uFEFF'], ['--name', 'Ada', '--speak-to', 'x\u0000y']],
    flags: {
      '--name': ['Łukasz Żółć'], '--id': ['r5'], '--email': ['lz@example.pl'], '--phone': ['+48 22 000 00 00'],
      '--relationship': ['former manager'], '--speak-to': ['data pipelines'], '--json': [true],
    },
  },
  sent: {
    words: ['sent'], positional: ['a1', 'a2'],
    examples: [['\u0000'], ['<$\udcee\udeb9'], ['a1', '--person', 'p1', '--text-file', 'bom.txt']],
    flags: {
      '--person': ['p1', 'p2'], '--reference': ['r1'], '--kind': ['thank_you', 'status_check', 'update'], '--channel': ['email', 'handwritten_note'],
      '--at': ['2026-02-27T15:00', '2026-03-02T07:45'], '--text': ['Thank you for Friday.'], '--text-file': ['note.txt', 'bom.txt'],
      '--yes': [true], '--confirm-company': [true], '--json': [true],
    },
  },
  'log-call': {
    words: ['log-call'], positional: ['a1', 'a2'], required: ['--outcome'],
    examples: [['a1', '--outcome', 'voicemail', '--notes', '\uD800', '--yes'], ['a1', '--outcome', 'not_decided', '--at', 'line one\nline two']],
    flags: {
      '--person': ['p1'], '--outcome': ['voicemail', 'not_decided', 'no_answer'], '--at': ['2026-03-02T07:30'],
      '--new-decision-by': ['2026-03-20'], '--notes': ['She is out until Monday.'], '--yes': [true], '--json': [true],
    },
  },
  close: {
    words: ['close'], positional: ['a2', 'a1'], required: ['--as'],
    examples: [['a2'], ['a2', '--as', 'active'], ['\uFEFFa2', '--as', 'withdrawn']],
    flags: { '--as': ['withdrawn', 'no_response', 'rejected'], '--json': [true] },
  },
};

type Edit =
  | { readonly kind: 'value'; readonly flag: number; readonly value: string }
  | { readonly kind: 'drop'; readonly flag: number }
  | { readonly kind: 'add'; readonly flag: number; readonly value: string }
  | { readonly kind: 'positional'; readonly value: string }
  | { readonly kind: 'unknown'; readonly value: string };

interface Line {
  readonly argv: readonly string[];
  /** `--json` was given as a switch (not as another flag's value). */
  readonly json: boolean;
}

/** A valid command line (some flags, valid values) and the edits that make it hostile. */
function commandLine(command: Command): fc.Arbitrary<Line> {
  const names = Object.keys(command.flags);
  const required = command.required ?? [];
  const optional = names.filter((n) => !required.includes(n));
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('value' as const), flag: fc.nat(), value: hostile }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), flag: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), flag: fc.nat(), value: hostile }) },
    { weight: command.positional ? 2 : 0, arbitrary: fc.record({ kind: fc.constant('positional' as const), value: hostile }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), value: fc.constantFrom('--colour', '--dry-run', '-x', '--', 'extra') }) },
  );
  return fc.tuple(
    fc.subarray(optional).map((some) => [...required, ...some]),
    fc.array(fc.nat(), { minLength: names.length, maxLength: names.length }),
    fc.nat(),
    fc.array(edit, { minLength: 0, maxLength: 3 }),
  ).map(([chosen, picks, positionalPick, edits]) => {
    let pairs: [string, string | true][] = chosen.map((name) => {
      const options = command.flags[name] ?? [true];
      return [name, options[(picks[names.indexOf(name)] ?? 0) % options.length] ?? true];
    });
    const positional = command.positional;
    let first = positional ? [positional[positionalPick % positional.length] ?? 'a1'] : [];
    const extra: string[] = [];
    for (const e of edits) {
      if (e.kind === 'value' && pairs.length > 0) {
        const i = e.flag % pairs.length;
        const [name] = pairs[i] ?? ['--json'];
        pairs = pairs.map((p, j) => (j === i ? [name, e.value] : p));
      } else if (e.kind === 'drop' && pairs.length > 0) {
        pairs = pairs.filter((_, j) => j !== e.flag % pairs.length);
      } else if (e.kind === 'add') {
        pairs.push([names[e.flag % names.length] ?? '--json', e.value]);
      } else if (e.kind === 'positional') {
        first = [e.value];
      } else if (e.kind === 'unknown') {
        extra.push(e.value);
      }
    }
    return {
      argv: [...command.words, ...first, ...pairs.flatMap(([name, value]) => (value === true ? [name] : [name, value])), ...extra],
      json: pairs.some(([name, value]) => name === '--json' && value === true),
    };
  });
}

// ---------------------------------------------------------------- the properties

/** What names a flag or an argument in a message: `--start`, `<application>`, `application "a9"`, commander's `'application'`. */
const NAMES_INPUT = /--[a-z][a-z-]*|<[a-z]+>|\b(?:application|argument)\b/;

async function check({ argv, json }: Line): Promise<void> {
  const shown = argv.map((a) => JSON.stringify(a.length > 60 ? `${a.slice(0, 60)}…` : a)).join(' ');
  const result = await run(argv);
  expect(result.code, `${shown}\n${result.stderr}`).not.toBe(1);
  expect([0, 2], shown).toContain(result.code);
  if (result.code === 0) {
    expect(result.stderr, shown).toBe('');
    // Asking for help or the version anywhere prints that instead.
    const help = argv.some((a) => ['-h', '--help', '-V', '--version'].includes(a));
    if (json && !help) expect(() => JSON.parse(result.stdout) as unknown, `${shown}\n${result.stdout}`).not.toThrow();
    const stored = await deps.store.loadScenario(LOCAL_USER.id);
    if (!stored) throw new Error('the profile vanished');
    const reread = parseScenario(scenarioToJson(stored, deps.time), deps.time);
    expect(reread.ok ? [] : reread.issues, `${shown} left a record that no longer reads back`).toEqual([]);
    snapshot = await backup();
    return;
  }
  const lines = result.stderr.replace(/\n$/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
  expect(lines, `${shown}\n${result.stderr}`).toHaveLength(1);
  expect(lines[0], shown).toMatch(NAMES_INPUT);
  expect(result.stdout, shown).toBe('');
  expect(await backup(), `${shown} changed the record`).toBe(snapshot);
}

describe('fuzzing the commands that write (fixed seeds)', () => {
  Object.entries(COMMANDS).forEach(([name, command], i) => {
    it(`${name}: no crash; one line naming the input at fault; nothing changed on bad input`, async () => {
      const examples = command.examples.map((line): [Line] => [{ argv: [...command.words, ...line], json: false }]);
      await fc.assert(fc.asyncProperty(commandLine(command), check), { seed: 20261123 + i, numRuns: 150, examples });
    }, 60_000);
  });
});
