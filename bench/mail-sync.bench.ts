/**
 * The mailbox sync at the size of issue 16 (a first sync of 10,000 messages, then 10 new ones),
 * through the real CLI process and in one long-lived process, against a real Dovecot
 * (src/app/mail/testing-dovecot.ts):
 *
 *   npm run build && npx tsx bench/mail-sync.bench.ts             10,000 messages (as root: Dovecot)
 *   npx tsx bench/mail-sync.bench.ts --messages 1000              a smaller mailbox, quickly
 *   npm run bench -- mail-sync -- --messages 1000                 the same through the runner
 *   … --cpu-prof DIR [--source]                                    a CPU profile of each CLI process in DIR
 *                                                                  (--source: src/ through tsx, readable names)
 *   … --node-flags "--max-semi-space-size=4"                      Node flags for each CLI process (memory experiments)
 *
 * A data folder is made with `afterword setup` and 200 active applications imported from a CSV
 * (each with a person whose address is at the company's own domain, applied 10–40 days ago), and
 * linked with `afterword mail connect`. The mailbox gets, written straight into its maildirs
 * and indexed by Dovecot (as a server that has held the mail for weeks): a fifth of the messages
 * matching an application (thank-yous and status checks the user sent, in Sent; the employers'
 * replies, in INBOX) and the rest unrelated (newsletters, alerts, friends; a tenth of them sent by
 * the user to friends), all dated since the earliest application, so every header is read.
 *
 * Each sync is measured two ways, on two copies of the linked data folder:
 * - CLI: `node dist/cli/bin.js mail sync --json` as its own process under GNU time: wall time, CPU
 *   (user + system) and peak RSS are the sync process's own, with Node's start-up, opening PGlite
 *   and the agenda's read model written after it. `mail status` (median of 3) opens the same
 *   database and reads the link: the start-up, shown apart;
 * - in-process: bench/mail-sync-child.ts keeps the store open and runs `syncMailbox` per request,
 *   as `afterword serve` syncs every 5 minutes (src/ through tsx; wall and CPU of the sync alone).
 * The first sync, then 10 new messages (2 matching) appended by IMAP APPEND and the incremental
 * sync, then a sync with nothing new. Prints a table only; nothing here asserts a time.
 *
 * Targets (issue 16): first sync of 10,000 messages ≤ 60 s with peak memory under 300 MB (judged
 * on the CLI's whole process); an incremental sync of 10 new messages ≤ 1 s (judged in-process: the
 * CLI's start-up alone takes longer, and is shown).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, cpSync, existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dovecotMissing, startDovecot, type Dovecot } from '../src/app/mail/testing-dovecot.js';
import { childEnv } from './child-env.js';
import { random } from './seeded.js';
import { measureNode, type Measured } from './measure.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const GNU_TIME = '/usr/bin/time';
const MB = 1024 * 1024;
const DAY_MS = 86_400_000;
const APPLICATIONS = 200;
const LOGIN = 'jordan@example.com';
const PASSWORD = 'bench app password';
const TARGET_FIRST_S = 60;
const TARGET_FIRST_MB = 300;
const TARGET_INCREMENTAL_S = 1;
const APPENDERS = 4;

function messagesArg(): number {
  const i = process.argv.indexOf('--messages');
  if (i < 0) return 10_000;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 10) throw new Error('--messages: a whole number of at least 10, e.g. --messages 1000');
  return n;
}


// ------------------------------------------------------------------ the applications

const ADJECTIVES = ['amber', 'bright', 'cedar', 'delta', 'ember', 'fable', 'granite', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen', 'maple', 'north', 'opal', 'prairie', 'quartz', 'river', 'summit', 'tundra'];
const NOUNS = ['analytics', 'bakery', 'robotics', 'health', 'logistics', 'media', 'energy', 'foods', 'labs', 'finance'];
const FIRST = ['Grace', 'Sam', 'Aiko', 'Chloé', 'Jürgen', 'Oluwaseun', 'Siobhán', 'José', 'Priya', 'Mateo'];
const LAST = ['Okafor', 'Ruiz', 'Tanaka', 'Martin', 'Müller', 'Byrne', 'Berg', 'Chen', 'Nair', 'Silva'];
const ROLES = ['Data Analyst', 'Software Engineer', 'Product Manager', 'UX Designer', 'Operations Lead'];

interface App {
  readonly company: string;
  readonly domain: string;
  readonly person: string;
  readonly email: string;
  readonly role: string;
  readonly appliedOn: number;
}

function applications(now: number): App[] {
  return Array.from({ length: APPLICATIONS }, (_, i) => {
    const adjective = ADJECTIVES[i % ADJECTIVES.length]!;
    const noun = NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length]!;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const domain = `${adjective}${noun}.example`;
    return {
      company: `${adjective[0]!.toUpperCase()}${adjective.slice(1)} ${noun[0]!.toUpperCase()}${noun.slice(1)}`,
      domain, person: `${first} ${last}`, email: `${first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@${domain}`,
      role: ROLES[i % ROLES.length]!,
      // 10 to 40 days ago, by whole days (UTC).
      appliedOn: Math.floor(now / DAY_MS) * DAY_MS - (10 + (i % 31)) * DAY_MS,
    };
  });
}

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);
const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

function csv(apps: readonly App[]): string {
  const rows = apps.map((a, i) => [a.company, a.role, 'Interviewing', day(a.appliedOn), a.person, a.email, `https://careers.${a.domain}/jobs/${1000 + i}`].map(quote).join(','));
  return `Company,Job Title,Status,Date applied,Contact,Contact email,URL\r\n${rows.join('\r\n')}\r\n`;
}

// ------------------------------------------------------------------ the mailbox

interface Mail {
  readonly folder: 'Sent' | 'INBOX';
  readonly raw: string;
  readonly date: Date;
  /** The message belongs to an application. */
  readonly matching: boolean;
}

function rfcDate(at: number): string {
  return new Date(at).toUTCString().replace('GMT', '+0000');
}

function message(h: { from: string; to: string; subject: string; at: number; id: string; inReplyTo?: string; html?: boolean; extra?: string[] }, body: string): string {
  return [
    `From: ${h.from}`, `To: ${h.to}`, `Subject: ${h.subject}`, `Date: ${rfcDate(h.at)}`, `Message-ID: ${h.id}`,
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`, `References: ${h.inReplyTo}`] : []), ...(h.extra ?? []),
    'MIME-Version: 1.0', `Content-Type: text/${h.html ? 'html' : 'plain'}; charset=utf-8`, '', body, '',
  ].join('\r\n');
}

const REPLIES = [
  (d: string) => `Thanks for your note. We have not made a decision yet; we expect to decide by ${d}.`,
  () => 'We would like to invite you to a second interview with the team next week. Could you send us a few times that work?',
  () => 'Thank you for your patience. Unfortunately we have decided to move forward with other candidates for this role.',
  () => 'Just a quick update: the panel is still meeting other candidates, and we will be in touch soon.',
];
const NEWSLETTER = `<html><body><h1>This week's picks</h1>${'<p>Fresh deals on everything you looked at, and a few things you did not. Unsubscribe at any time.</p>'.repeat(24)}</body></html>`;

/**
 * `n` messages, a fifth matching: thank-yous and status checks in Sent, the employers' replies in
 * INBOX (half of them in the thread of the user's message); the rest unrelated, a tenth of those
 * sent to friends. Dated from `from` to `until`, in order.
 */
function mailbox(n: number, apps: readonly App[], from: number, until: number, seed: number, tag: string): Mail[] {
  const r = random(seed);
  const out: Mail[] = [];
  const step = (until - from) / n;
  for (let i = 0; i < n; i++) {
    const at = Math.round(from + i * step + r() * step * 0.5);
    // Every fifth message matches (Sent and INBOX in turn); a reply answers the
    // user's message five before it, to the same application.
    const isMatching = i % 5 === 0;
    const app = apps[(isMatching ? Math.floor(i / 10) : Math.floor(r() * apps.length)) % apps.length]!;
    const id = `<${tag}-${i}@${isMatching ? 'example.com' : 'elsewhere.example'}>`;
    if (isMatching && Math.floor(i / 5) % 2 === 0) {
      const first = app.person.split(' ')[0];
      out.push({
        folder: 'Sent', matching: true, date: new Date(at),
        raw: message({ from: `Jordan Lee <${LOGIN}>`, to: `${app.person} <${app.email}>`, subject: i % 3 === 0 ? `Checking in: ${app.role}` : `Thank you for today`, at, id },
          i % 3 === 0
            ? `Dear ${first},\r\n\r\nI hope you are well. I wanted to check in on the ${app.role} role and whether there is any news on the timeline.\r\n\r\nBest regards,\r\nJordan Lee`
            : `Dear ${first},\r\n\r\nThank you for taking the time to speak with me today about the ${app.role} role at ${app.company}.\r\n\r\nSincerely,\r\nJordan Lee`),
      });
    } else if (isMatching) {
      const inThread = r() < 0.5 ? `<${tag}-${i - 5}@example.com>` : undefined;
      const reply = REPLIES[Math.floor(r() * REPLIES.length)]!(day(until + 14 * DAY_MS));
      out.push({
        folder: 'INBOX', matching: true, date: new Date(at),
        raw: message({ from: `${app.person} <${r() < 0.8 ? app.email : `talent@${app.domain}`}>`, to: LOGIN, subject: `Re: ${app.role} at ${app.company}`, at, id, ...(inThread ? { inReplyTo: inThread } : {}) },
          `Hi Jordan,\r\n\r\n${reply}\r\n\r\nBest,\r\n${app.person}\r\n${app.company}`),
      });
    } else if (i % 10 === 1) {
      out.push({
        folder: 'Sent', matching: false, date: new Date(at),
        raw: message({ from: `Jordan Lee <${LOGIN}>`, to: `friend${i % 37}@gmail.com`, subject: 'Dinner on Saturday?', at, id }, 'Are you free on Saturday? The new place on the corner opened.\r\n\r\nJ'),
      });
    } else {
      const kind = i % 4;
      out.push({
        folder: 'INBOX', matching: false, date: new Date(at),
        raw: kind === 0
          ? message({ from: `Shop ${i % 53} <news@shop${i % 53}.example>`, to: LOGIN, subject: `This week's picks #${i}`, at, id, html: true, extra: ['List-Unsubscribe: <mailto:unsub@shop.example>'] }, NEWSLETTER)
          : kind === 1
            ? message({ from: 'LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>', to: LOGIN, subject: `30 new jobs for "data analyst"`, at, id }, 'New jobs match your preferences.\r\n'.repeat(20))
            : message({ from: `Friend ${i % 41} <friend${i % 41}@gmail.com>`, to: LOGIN, subject: `Photos from the weekend (${i})`, at, id }, 'Here are the photos, finally! Talk soon.'),
      });
    }
  }
  return out;
}

/** Appends `mails` by IMAP APPEND over `APPENDERS` connections (the 10 new messages of the incremental sync). */
async function appendAll(dovecot: Dovecot, mails: readonly Mail[]): Promise<void> {
  const parts: Mail[][] = Array.from({ length: APPENDERS }, () => []);
  mails.forEach((m, i) => parts[i % APPENDERS]!.push(m));
  await Promise.all(parts.map(async (part) => {
    const client = await dovecot.client(LOGIN);
    try {
      for (const m of part) {
        const res = await client.append(m.folder, m.raw, m.folder === 'Sent' ? ['\\Seen'] : [], m.date);
        if (!res || res.uid === undefined) throw new Error(`APPEND to ${m.folder} gave no UID`);
      }
    } finally {
      await client.logout();
    }
  }));
}

/**
 * Puts `mails` straight into the user's maildirs (Dovecot's own format: one file per message in
 * cur/, its modification time the internal date), owned by the mail user, then has Dovecot index
 * both folders (STATUS), as a server that holds the mail already would have. 10,000 APPENDs take
 * about two minutes on a busy 2-core machine; this takes seconds.
 */
async function depositAll(dovecot: Dovecot, mails: readonly Mail[]): Promise<void> {
  const client = await dovecot.client(LOGIN);
  try {
    // Opening each folder once makes its maildir (Dovecot's own way).
    for (const folder of ['INBOX', 'Sent']) await client.status(folder, { messages: true });
    const home = join(dovecot.dir, 'mail', LOGIN);
    const owner = statSync(join(dovecot.dir, 'mail'));
    mails.forEach((m, i) => {
      const seconds = Math.floor(m.date.getTime() / 1000);
      const cur = join(home, ...(m.folder === 'INBOX' ? [] : ['.Sent']), 'cur');
      const file = join(cur, `${seconds}.M${i}P${process.pid}.bench,S=${Buffer.byteLength(m.raw)}:2,${m.folder === 'Sent' ? 'S' : ''}`);
      writeFileSync(file, m.raw);
      chownSync(file, owner.uid, owner.gid);
      utimesSync(file, m.date, m.date);
    });
    for (const folder of ['INBOX', 'Sent'] as const) {
      const status = await client.status(folder, { messages: true });
      const held = status === false ? undefined : status.messages;
      const put = mails.filter((m) => m.folder === folder).length;
      if (held !== put) throw new Error(`Dovecot holds ${String(held)} messages in ${folder}, not the ${put} put there`);
    }
  } finally {
    await client.logout();
  }
}

// ------------------------------------------------------------------ the processes

/** Runs `node args…` from the repository and measures it. */
const measure = (args: readonly string[], input?: string): Promise<Measured> => measureNode(args, { cwd: ROOT, ...(input !== undefined ? { input } : {}) });

/** `--cpu-prof DIR`: every CLI process writes a CPU profile there; `--source`: the CLI from src/ through tsx (readable names in a profile). */
function cli(args: readonly string[], dataDir: string): string[] {
  const i = process.argv.indexOf('--cpu-prof');
  const prof = i < 0 ? [] : ['--cpu-prof', '--cpu-prof-dir', process.argv[i + 1] ?? 'profiles'];
  const f = process.argv.indexOf('--node-flags');
  const flags = f < 0 ? [] : (process.argv[f + 1] ?? '').split(/\s+/).filter((x) => x !== '');
  const bin = process.argv.includes('--source') ? ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts')] : [BIN];
  return [...flags, ...prof, ...bin, ...args, '--data-dir', dataDir];
}

interface Report {
  readonly folders: readonly { path: string; read: number; full: boolean; unchanged: boolean }[];
  readonly touches: number;
  readonly proposals: number;
  readonly bounces: number;
  readonly ignored: number;
}

async function sync(dataDir: string, what: string): Promise<{ m: Measured; report: Report }> {
  const m = await measure(cli(['mail', 'sync', '--json'], dataDir));
  if (m.code !== 0) throw new Error(`${what} failed (exit ${String(m.code)}): ${m.stdout}${m.stderr.slice(0, 2000)}`);
  return { m, report: JSON.parse(m.stdout) as Report };
}

interface InProcess {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly read: number;
  readonly touches: number;
  readonly proposals: number;
  readonly ignored: number;
}

/** bench/mail-sync-child.ts on a data folder: one process, the store kept open, a sync per request. */
class Serving {
  private lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      buffer += t;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(line);
        } else {
          this.lines.push(line);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => process.stderr.write(t));
  }

  static async start(dataDir: string): Promise<Serving> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'mail-sync-child.ts'), dataDir], { cwd: ROOT, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const serving = new Serving(child);
    const ready = await serving.next();
    if (ready !== 'ready') throw new Error(`bench/mail-sync-child.ts did not start: ${ready}`);
    return serving;
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.child.once('exit', (code) => reject(new Error(`bench/mail-sync-child.ts exited (${String(code)})`)));
    });
  }

  async sync(): Promise<InProcess> {
    this.child.stdin.write('sync\n');
    return JSON.parse(await this.next()) as InProcess;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.stdin.end('exit\n');
    await once(this.child, 'exit');
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const missing = dovecotMissing();
  if (missing) {
    // Not a crash of the bench: this machine cannot run the test mail server.
    process.stdout.write(`mail sync bench skipped: ${missing}\n`);
    return;
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first`);
  const n = messagesArg();
  const now = Date.now();
  const apps = applications(now);
  const earliest = Math.min(...apps.map((a) => a.appliedOn));
  const work = mkdtempSync(join(tmpdir(), 'afterword-mail-sync-bench-'));
  const dovecot = await startDovecot({ users: [{ login: LOGIN, password: PASSWORD }] });
  try {
    const dataDir = join(work, 'data');
    const setup = spawnSync(process.execPath, [BIN, 'setup', '--name', 'Jordan Lee', '--time-zone', 'Europe/London', '--region', 'GB-ENG', '--data-dir', dataDir],
      { cwd: ROOT, env: childEnv(), encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}`);
    const file = join(work, 'applications.csv');
    writeFileSync(file, csv(apps));
    const imported = await measure(cli(['import', 'csv', file], dataDir));
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
    const connect = await measure(cli(['mail', 'connect', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.port), '--imap-security', 'none',
      '--smtp-host', '127.0.0.1', '--smtp-security', 'none', '--no-smtp-check', '--user', LOGIN, '--password-stdin'], dataDir), `${PASSWORD}\n`);
    if (connect.code !== 0) throw new Error(`mail connect failed: ${connect.stdout}${connect.stderr}`);

    // The same linked data folder again, for the in-process syncs (its own folder state).
    const serveDir = join(work, 'serve');
    cpSync(dataDir, serveDir, { recursive: true });

    const mails = mailbox(n, apps, earliest + DAY_MS / 2, now - DAY_MS, 16, 'm');
    const appendStarted = performance.now();
    await depositAll(dovecot, mails);
    const appendS = (performance.now() - appendStarted) / 1000;
    const matching = mails.filter((m) => m.matching).length;
    const inSent = mails.filter((m) => m.folder === 'Sent').length;

    const startup: Measured[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await measure(cli(['mail', 'status'], dataDir));
      if (m.code !== 0) throw new Error(`mail status failed: ${m.stderr}`);
      startup.push(m);
    }
    const baseMs = median(startup.map((m) => m.ms));
    const baseCpu = median(startup.map((m) => m.cpuMs));
    const baseRss = median(startup.map((m) => m.peakRss));

    const readOf = (r: { folders: readonly { read: number }[] }): number => r.folders.reduce((s, f) => s + f.read, 0);
    const first = await sync(dataDir, 'the first sync');
    if (readOf(first.report) !== n) throw new Error(`the first sync read ${readOf(first.report)} messages, not ${n}: ${first.m.stdout}`);
    const serve = await Serving.start(serveDir);
    try {
      const serveFirst = await serve.sync();
      if (serveFirst.read !== n) throw new Error(`the first in-process sync read ${serveFirst.read} messages, not ${n}`);

      const fresh = mailbox(10, apps, now - DAY_MS / 2, now - 60_000, 17, 'new');
      await appendAll(dovecot, fresh);
      const second = await sync(dataDir, 'the incremental sync');
      if (readOf(second.report) !== 10) throw new Error(`the incremental sync read ${readOf(second.report)} messages, not 10: ${second.m.stdout}`);
      const serveSecond = await serve.sync();
      if (serveSecond.read !== 10) throw new Error(`the incremental in-process sync read ${serveSecond.read} messages, not 10`);
      const third = await sync(dataDir, 'the sync with nothing new');
      const serveThird = await serve.sync();

      const header = ['measure', 'wall s', 'w/o start-up s', 'CPU s', 'peak RSS MB', 'read', 'touches', 'proposals', 'ignored', 'target'];
      const row = (name: string, x: { m: Measured; report: Report }, target: string): string[] => [
        name, fmt(x.m.ms / 1000, 2), fmt((x.m.ms - baseMs) / 1000, 2), fmt(x.m.cpuMs / 1000, 2), fmt(x.m.peakRss / MB),
        fmt(readOf(x.report)), fmt(x.report.touches), fmt(x.report.proposals), fmt(x.report.ignored), target,
      ];
      const inProcess = (name: string, x: InProcess, target: string): string[] => [
        name, fmt(x.wallMs / 1000, 2), '', fmt(x.cpuMs / 1000, 2), '', fmt(x.read), fmt(x.touches), fmt(x.proposals), fmt(x.ignored), target,
      ];
      const firstTarget = n === 10_000 ? `≤ ${TARGET_FIRST_S} s, < ${TARGET_FIRST_MB} MB` : '';
      const body = [
        ['CLI: start-up (mail status, median of 3)', fmt(baseMs / 1000, 2), '', fmt(baseCpu / 1000, 2), fmt(baseRss / MB), '', '', '', '', ''],
        row(`CLI: first sync, ${fmt(n)} messages`, first, firstTarget),
        row('CLI: incremental sync, 10 new', second, ''),
        row('CLI: sync, nothing new', third, ''),
        inProcess(`in-process: first sync, ${fmt(n)} messages`, serveFirst, ''),
        inProcess('in-process: incremental sync, 10 new', serveSecond, `≤ ${TARGET_INCREMENTAL_S} s`),
        inProcess('in-process: sync, nothing new', serveThird, ''),
      ];
      process.stdout.write(`mail sync against Dovecot (bench/mail-sync.bench.ts; Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
      process.stdout.write(`  mailbox: ${fmt(n)} messages (${fmt(inSent)} in Sent, ${fmt(n - inSent)} in INBOX; ${fmt(matching)} matching ${APPLICATIONS} applications), put in its maildirs in ${fmt(appendS, 1)} s; peak RSS from ${existsSync(GNU_TIME) ? 'GNU time' : '/proc VmHWM'}\n`);
      process.stdout.write('  CLI: node dist/cli/bin.js mail sync --json, its own process; in-process: syncMailbox in one process that keeps the store open (as afterword serve syncs), src/ through tsx\n');
      const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
      for (const r of [header, ...body]) process.stdout.write(`  ${r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}\n`);
      const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
      if (n === 10_000) {
        process.stdout.write(`  first sync ≤ ${TARGET_FIRST_S} s: ${verdict(first.m.ms / 1000 <= TARGET_FIRST_S)} (${fmt(first.m.ms / 1000, 1)} s, the CLI's whole process); `
          + `under ${TARGET_FIRST_MB} MB: ${verdict(first.m.peakRss / MB < TARGET_FIRST_MB)} (${fmt(first.m.peakRss / MB)} MB; merely opening the data folder takes ${fmt(baseRss / MB)} MB)\n`);
      } else {
        process.stdout.write(`  the first-sync target is for 10,000 messages (this run: ${fmt(n)})\n`);
      }
      process.stdout.write(`  incremental sync ≤ ${TARGET_INCREMENTAL_S} s: ${verdict(serveSecond.wallMs / 1000 <= TARGET_INCREMENTAL_S)} in-process (${fmt(serveSecond.wallMs / 1000, 2)} s); `
        + `the CLI's whole process ${fmt(second.m.ms / 1000, 2)} s, of which start-up ${fmt(baseMs / 1000, 2)} s\n`);
    } finally {
      await serve.stop();
    }
  } finally {
    await dovecot.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
